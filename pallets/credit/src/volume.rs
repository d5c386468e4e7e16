//! Each payee's repaid credit sales over a sliding window, as a ring of time buckets (claim 2).
//!
//! Time is cut into buckets of `bucket_length` milliseconds; bucket number `now / bucket_length`
//! lives at slot `number % buckets` of a ring of at most `buckets` slots. Adding volume touches one
//! slot (O(1)); the window's total reads every slot, a bounded read, and skips slots whose bucket
//! number is more than `buckets - 1` behind the current one. A slot is reused, never appended to,
//! so the ring never holds more than `buckets` slots.

use crate::types::{Moment, VolumeBucket};
use frame_support::{traits::Get, BoundedVec};
use sp_runtime::traits::{Saturating, Zero};

/// The bucket number of `now`; a zero bucket length counts as one millisecond.
pub fn bucket_of(now: Moment, bucket_length: Moment) -> u64 {
	now.checked_div(bucket_length).unwrap_or(now)
}

/// Adds `amount` to the bucket of `now`. Volume saturates rather than overflows.
pub fn record<Balance, S>(
	ring: &mut BoundedVec<VolumeBucket<Balance>, S>,
	now: Moment,
	bucket_length: Moment,
	amount: Balance,
) where
	Balance: Copy + Saturating + Zero,
	S: Get<u32>,
{
	let buckets = u64::from(S::get().max(1));
	let number = bucket_of(now, bucket_length);
	let slot = usize::try_from(number.checked_rem(buckets).unwrap_or_default()).unwrap_or_default();
	// Grow the ring up to `slot` with empty buckets of an old number (first use of each slot).
	while ring.len() <= slot {
		if ring.try_push(VolumeBucket { number: 0, amount: Zero::zero() }).is_err() {
			return;
		}
	}
	if let Some(bucket) = ring.get_mut(slot) {
		if bucket.number == number {
			bucket.amount = bucket.amount.saturating_add(amount);
		} else {
			*bucket = VolumeBucket { number, amount };
		}
	}
}

/// The volume recorded in the window ending at `now`: the current bucket and the `buckets - 1`
/// before it.
pub fn total<Balance, S>(
	ring: &BoundedVec<VolumeBucket<Balance>, S>,
	now: Moment,
	bucket_length: Moment,
) -> Balance
where
	Balance: Copy + Saturating + Zero,
	S: Get<u32>,
{
	let buckets = u64::from(S::get().max(1));
	let current = bucket_of(now, bucket_length);
	ring.iter()
		.filter(|bucket| {
			bucket.number <= current && current.saturating_sub(bucket.number) < buckets
		})
		.filter(|bucket| !bucket.amount.is_zero())
		.fold(Zero::zero(), |sum: Balance, bucket| sum.saturating_add(bucket.amount))
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::ConstU32;
	use proptest::prelude::*;

	type Ring = BoundedVec<VolumeBucket<u128>, ConstU32<30>>;
	const DAY: Moment = 86_400_000;

	#[test]
	fn volume_counts_for_the_window_and_then_drops_out() {
		let mut ring = Ring::default();
		record(&mut ring, 0, DAY, 100);
		record(&mut ring, DAY / 2, DAY, 50);
		record(&mut ring, 10 * DAY, DAY, 7);
		assert_eq!(total(&ring, 10 * DAY, DAY), 157);
		assert_eq!(total(&ring, 29 * DAY + DAY - 1, DAY), 157);
		// Day 30: day 0 left the 30-day window.
		assert_eq!(total(&ring, 30 * DAY, DAY), 7);
		assert_eq!(total(&ring, 40 * DAY, DAY), 0);
	}

	#[test]
	fn a_reused_slot_forgets_its_old_bucket() {
		let mut ring = Ring::default();
		record(&mut ring, 0, DAY, 100);
		record(&mut ring, 30 * DAY, DAY, 5);
		assert_eq!(ring.len(), 1);
		assert_eq!(total(&ring, 30 * DAY, DAY), 5);
	}

	#[test]
	fn extreme_inputs_saturate() {
		let mut ring = Ring::default();
		record(&mut ring, Moment::MAX, 0, u128::MAX);
		record(&mut ring, Moment::MAX, 0, u128::MAX);
		assert_eq!(total(&ring, Moment::MAX, 0), u128::MAX);
	}

	proptest! {
		/// The ring agrees with a plain list of every settlement, and never outgrows its bound.
		#[test]
		fn agrees_with_a_full_log(
			steps in proptest::collection::vec((0u64..3 * DAY, 0u128..1_000_000), 1..200),
			later in 0u64..40 * DAY,
		) {
			let mut ring = Ring::default();
			let mut log = Vec::new();
			let mut now = 0;
			for (gap, amount) in steps {
				now += gap;
				record(&mut ring, now, DAY, amount);
				log.push((now, amount));
				prop_assert!(ring.len() <= 30);
			}
			let at = now + later;
			let first_day = (at / DAY).saturating_sub(29);
			let expected: u128 =
				log.iter().filter(|(t, _)| t / DAY >= first_day).map(|(_, a)| a).sum();
			prop_assert_eq!(total(&ring, at, DAY), expected);
		}
	}
}
