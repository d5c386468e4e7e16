//! The payer's node limit (claim 2): a pure function of the payer's base limit, its repayment
//! record, the payee's trade volume in the window, and [`LimitParameters`].
//!
//! No storage is read here; [`crate::node_limit`] gathers the inputs and calls
//! [`node_limit`], so the formula is tested on its own over random inputs.
//!
//! # The formula
//!
//! With `b` the base limit, `c` the on-time repayments credited (in full credits: a debt of the
//! base limit held for the whole repayment period is one, smaller or shorter ones a fraction,
//! see [`RepaymentHistory::credited_millionths`]), `l` the debts repaid late, `o` the
//! amount now overdue, `v` the payee's repaid credit sales over the window and the parameters
//! `cap, on_time_bonus, max_history_bonus, late_penalty, overdue_penalty, new_payee_allowance,
//! payee_volume_share`:
//!
//! 1. **earned** `= b + min(c × on_time_bonus, max_history_bonus) × b`: on-time repayment
//!    raises the limit, by at most `max_history_bonus` of the base;
//! 2. **after late** `= earned − ⌈min(l × late_penalty, 100%) × earned⌉`;
//! 3. **bounded** `= min(after late, cap, new_payee_allowance + payee_volume_share × v)`: never
//!    above the cap, and a payee with little trade in the window cannot absorb much credit
//!    (collusion guard);
//! 4. **with overdue debt** (`o > 0`): `bounded − ⌈overdue_penalty × bounded⌉ − o`;
//! 5. **after a default**: `0`.
//!
//! Every step saturates: no input overflows, and no step goes below zero.
//!
//! # Worked example
//!
//! The sample runtime's parameters: cap 100,000, 5% per full credit of on-time repayment up to +50%,
//! 20% off per late repayment, 25% off while overdue, allowance 100, volume share 50%.
//! A payer with base 1,000, 4 full credits of on-time repayment and 1 debt repaid late, buying from a payee
//! that settled 10,000 in the window, nothing overdue:
//!
//! - earned `= 1,000 + min(4 × 5%, 50%) × 1,000 = 1,200`;
//! - after late `= 1,200 − 20% × 1,200 = 960`;
//! - bounded `= min(960, 100,000, 100 + 50% × 10,000 = 5,100) = 960`.
//!
//! The node limit is 960. Bought from a payee that settled only 1,000 in the window, it is
//! `min(960, 100 + 500) = 600`. With 100 overdue it would be `960 − 240 − 100 = 620`; after a
//! default, 0. `tests::worked_example` checks these figures.

use crate::types::{RepaymentHistory, FULL_CREDIT};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{AtLeast32BitUnsigned, Zero},
	Perbill,
};

/// The parameters of the node-limit formula, a `Config` constant of the pallet.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub struct LimitParameters<Balance> {
	/// No node limit is ever above this.
	pub cap: Balance,
	/// Added per full credit of on-time repayment, as a share of the base limit.
	pub on_time_bonus: Perbill,
	/// The most the repayment history adds, as a share of the base limit.
	pub max_history_bonus: Perbill,
	/// Taken off per debt repaid late (a share of the limit; ten at 10% take it all).
	pub late_penalty: Perbill,
	/// Taken off while any debt is overdue, on top of the overdue amount itself.
	pub overdue_penalty: Perbill,
	/// What a payer may owe in all when buying from a payee with no repaid credit sales in the window.
	pub new_payee_allowance: Balance,
	/// The share of the payee's repaid credit sales in the window that the limit may add to the
	/// allowance.
	pub payee_volume_share: Perbill,
}

/// Everything the formula reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LimitInputs<Balance> {
	/// The payer's base limit (set by the credit officer, raised by approved increases).
	pub base: Balance,
	/// The payer's repayment record.
	pub history: RepaymentHistory<Balance>,
	/// What the payer owes, in all, on debts past their due date now.
	pub overdue: Balance,
	/// The payee's repaid credit sales over the window; `None` leaves the collusion guard out (the
	/// payer's ceiling, which no payee can raise).
	pub payee_volume: Option<Balance>,
}

/// The formula step by step, for the dry run, events and docs.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
	Default,
)]
pub struct LimitBreakdown<Balance> {
	/// Step 1: the base plus the repayment bonus.
	pub earned: Balance,
	/// Step 2: after the late-repayment penalty.
	pub after_late: Balance,
	/// Step 3: under the cap and the payee-volume guard.
	pub bounded: Balance,
	/// Steps 4 and 5: the node limit.
	pub limit: Balance,
}

/// The node limit for `inputs`, every step of it.
pub fn breakdown<Balance>(
	inputs: &LimitInputs<Balance>,
	params: &LimitParameters<Balance>,
) -> LimitBreakdown<Balance>
where
	Balance: AtLeast32BitUnsigned + Copy,
{
	let history = &inputs.history;
	let bonus = credited_share(params.on_time_bonus, history.credited_millionths)
		.min(params.max_history_bonus);
	let earned = inputs.base.saturating_add(bonus.mul_floor(inputs.base));

	let late = share_times(params.late_penalty, history.late_debts);
	let after_late = earned.saturating_sub(late.mul_ceil(earned));

	let mut bounded = after_late.min(params.cap);
	if let Some(volume) = inputs.payee_volume {
		let guard =
			params.new_payee_allowance.saturating_add(params.payee_volume_share.mul_floor(volume));
		bounded = bounded.min(guard);
	}

	let limit = if history.defaults > 0 {
		Zero::zero()
	} else if !inputs.overdue.is_zero() {
		bounded
			.saturating_sub(params.overdue_penalty.mul_ceil(bounded))
			.saturating_sub(inputs.overdue)
	} else {
		bounded
	};
	LimitBreakdown { earned, after_late, bounded, limit }
}

/// The node limit for `inputs`.
pub fn node_limit<Balance>(
	inputs: &LimitInputs<Balance>,
	params: &LimitParameters<Balance>,
) -> Balance
where
	Balance: AtLeast32BitUnsigned + Copy,
{
	breakdown(inputs, params).limit
}

/// `share × times`, at most 100%.
fn share_times(share: Perbill, times: u32) -> Perbill {
	Perbill::from_parts(share.deconstruct().saturating_mul(times))
}

/// `share × millionths / 1,000,000`, at most 100%: the bonus of credited on-time repayments.
fn credited_share(share: Perbill, millionths: u32) -> Perbill {
	let parts = u64::from(share.deconstruct())
		.saturating_mul(u64::from(millionths))
		.checked_div(u64::from(FULL_CREDIT))
		.unwrap_or_default();
	Perbill::from_parts(u32::try_from(parts).unwrap_or(u32::MAX).min(Perbill::one().deconstruct()))
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn params() -> LimitParameters<u128> {
		LimitParameters {
			cap: 100_000,
			on_time_bonus: Perbill::from_percent(5),
			max_history_bonus: Perbill::from_percent(50),
			late_penalty: Perbill::from_percent(20),
			overdue_penalty: Perbill::from_percent(25),
			new_payee_allowance: 100,
			payee_volume_share: Perbill::from_percent(50),
		}
	}

	fn inputs(
		base: u128,
		credited: u32,
		late: u32,
		overdue: u128,
		volume: u128,
	) -> LimitInputs<u128> {
		LimitInputs {
			base,
			history: RepaymentHistory {
				credited_millionths: credited.saturating_mul(FULL_CREDIT),
				on_time_count: credited,
				late_count: late,
				late_debts: late,
				..Default::default()
			},
			overdue,
			payee_volume: Some(volume),
		}
	}

	#[docify::export]
	#[test]
	fn worked_example() {
		let p = params();
		assert_eq!(
			breakdown(&inputs(1_000, 4, 1, 0, 10_000), &p),
			LimitBreakdown { earned: 1_200, after_late: 960, bounded: 960, limit: 960 }
		);
		assert_eq!(node_limit(&inputs(1_000, 4, 1, 0, 1_000), &p), 600);
		assert_eq!(node_limit(&inputs(1_000, 4, 1, 100, 10_000), &p), 620);
		let mut defaulted = inputs(1_000, 4, 1, 0, 10_000);
		defaulted.history.defaults = 1;
		assert_eq!(node_limit(&defaulted, &p), 0);
	}

	#[test]
	fn the_history_bonus_stops_at_its_maximum() {
		let p = params();
		assert_eq!(node_limit(&inputs(1_000, 10, 0, 0, 1_000_000), &p), 1_500);
		assert_eq!(node_limit(&inputs(1_000, u32::MAX, 0, 0, 1_000_000), &p), 1_500);
	}

	#[test]
	fn enough_late_repayments_take_everything() {
		assert_eq!(node_limit(&inputs(1_000, 0, 5, 0, 1_000_000), &params()), 0);
	}

	#[test]
	fn without_a_payee_the_guard_is_left_out() {
		let mut i = inputs(1_000, 0, 0, 0, 0);
		assert_eq!(node_limit(&i, &params()), 100);
		i.payee_volume = None;
		assert_eq!(node_limit(&i, &params()), 1_000);
	}

	prop_compose! {
		fn any_params()(
			cap in any::<u128>(),
			bonus in 0u32..=1_000_000_000,
			max_bonus in 0u32..=1_000_000_000,
			late in 0u32..=1_000_000_000,
			overdue in 0u32..=1_000_000_000,
			allowance in any::<u128>(),
			share in 0u32..=1_000_000_000,
		) -> LimitParameters<u128> {
			LimitParameters {
				cap,
				on_time_bonus: Perbill::from_parts(bonus),
				max_history_bonus: Perbill::from_parts(max_bonus),
				late_penalty: Perbill::from_parts(late),
				overdue_penalty: Perbill::from_parts(overdue),
				new_payee_allowance: allowance,
				payee_volume_share: Perbill::from_parts(share),
			}
		}
	}

	prop_compose! {
		fn any_inputs()(
			base in any::<u128>(),
			credited in any::<u32>(),
			late in any::<u32>(),
			on_time_amount in any::<u128>(),
			late_amount in any::<u128>(),
			overdue in prop_oneof![Just(0u128), any::<u128>()],
			volume in any::<u128>(),
			defaults in prop_oneof![Just(0u32), any::<u32>()],
		) -> LimitInputs<u128> {
			LimitInputs {
				base,
				history: RepaymentHistory {
					on_time_count: credited,
					on_time_amount,
					late_count: late,
					late_amount,
					credited_millionths: credited.saturating_mul(FULL_CREDIT),
					late_debts: late,
					defaults,
					last_repayment_at: None,
				},
				overdue,
				payee_volume: Some(volume),
			}
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(4_096))]

		/// Never above the cap, whatever the inputs; no overflow at extreme inputs (the call
		/// returning at all, in a debug build with overflow checks, shows that).
		#[test]
		fn never_above_the_cap(i in any_inputs(), p in any_params()) {
			let b = breakdown(&i, &p);
			prop_assert!(b.limit <= p.cap);
			prop_assert!(b.limit <= b.bounded && b.bounded <= b.after_late && b.after_late <= b.earned);
		}

		/// More credited on-time repayment never lowers the limit, all else equal.
		#[test]
		fn on_time_repayment_never_lowers(i in any_inputs(), p in any_params(), more in 1u32..1_000) {
			let mut better = i;
			better.history.credited_millionths =
				i.history.credited_millionths.saturating_add(more.saturating_mul(FULL_CREDIT));
			better.history.on_time_count = i.history.on_time_count.saturating_add(more);
			better.history.on_time_amount = i.history.on_time_amount.saturating_add(1);
			prop_assert!(node_limit(&better, &p) >= node_limit(&i, &p));
		}

		/// Overdue debt lowers a positive limit strictly.
		#[test]
		fn overdue_debt_lowers_strictly(i in any_inputs(), p in any_params(), overdue in 1u128..) {
			let mut current = i;
			current.overdue = 0;
			let mut late = current;
			late.overdue = overdue;
			let before = node_limit(&current, &p);
			let after = node_limit(&late, &p);
			prop_assert!(after <= before);
			if before > 0 {
				prop_assert!(after < before);
			}
		}

		/// A default takes the limit to zero.
		#[test]
		fn zero_after_a_default(i in any_inputs(), p in any_params(), defaults in 1u32..) {
			let mut defaulted = i;
			defaulted.history.defaults = defaults;
			prop_assert_eq!(node_limit(&defaulted, &p), 0);
		}

		/// The payee's trade bounds the limit: at most the allowance plus the set share of the
		/// payee's window volume, so a payee with no trade admits only the allowance.
		#[test]
		fn bounded_by_the_payee_volume(i in any_inputs(), p in any_params()) {
			let volume = i.payee_volume.unwrap_or_default();
			let bound = p.new_payee_allowance.saturating_add(p.payee_volume_share.mul_floor(volume));
			prop_assert!(node_limit(&i, &p) <= bound);
			let mut no_trade = i;
			no_trade.payee_volume = Some(0);
			prop_assert!(node_limit(&no_trade, &p) <= p.new_payee_allowance);
		}

		/// More volume at the payee never lowers the limit; a higher base never lowers it.
		#[test]
		fn monotone_in_volume_and_base(i in any_inputs(), p in any_params(), more in any::<u128>()) {
			let mut busier = i;
			busier.payee_volume = i.payee_volume.map(|v| v.saturating_add(more));
			prop_assert!(node_limit(&busier, &p) >= node_limit(&i, &p));
			let mut richer = i;
			richer.base = i.base.saturating_add(more);
			prop_assert!(node_limit(&richer, &p) >= node_limit(&i, &p));
		}

		/// Each late repayment lowers the limit or leaves it, never raises it.
		#[test]
		fn late_repayment_never_raises(i in any_inputs(), p in any_params()) {
			let mut later = i;
			later.history.late_debts = i.history.late_debts.saturating_add(1);
			prop_assert!(node_limit(&later, &p) <= node_limit(&i, &p));
		}
	}
}
