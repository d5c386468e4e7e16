//! The headroom check of S60: whether an amount fits under both limits, as pure functions of
//! balances. No storage, so they are tested directly and shared by `accept_request` and the dry
//! run ([`crate::node_limit`] reads the limits from storage).
//!
//! Both limits bound what the payer owes *after* the payment: everything still owed on earlier
//! debts (principal and fee, less repayments) plus what the new payment will owe, its fee
//! included (the callers pass that as `amount`).

//!
//! Beside the two limits, two caps bound where exposure accumulates ([`exposure_check`]): what
//! all payers owe for credit paid to one payee, and what all payers owe the pool.

use crate::types::{ExposureCheck, LimitCheck, LimitKind, RejectionReason};
use sp_runtime::{
	traits::{AtLeast32BitUnsigned, CheckedAdd, Saturating, Zero},
	Perbill,
};

/// Outcome of checking one amount against both limits.
pub type LimitOutcome<Balance> = Result<(), RejectionReason<Balance>>;

/// Headroom under both limits for a payer who owes `payee_outstanding` to this payee and
/// `node_outstanding` in all.
pub fn headroom<Balance: Copy + Saturating + Zero>(
	payee_limit: Balance,
	payee_outstanding: Balance,
	node_limit: Balance,
	node_outstanding: Balance,
) -> LimitCheck<Balance> {
	LimitCheck {
		payee_limit,
		payee_outstanding,
		node_limit,
		node_outstanding,
		payee_headroom: payee_limit.saturating_sub(payee_outstanding),
		node_headroom: node_limit.saturating_sub(node_outstanding),
	}
}

/// `Ok` when `amount` fits under both limits; otherwise the reason of claim 4. An amount whose sum
/// with the outstanding debt overflows never fits.
pub fn check<Balance: Copy + Saturating + Zero + CheckedAdd + PartialOrd>(
	amount: Balance,
	limits: &LimitCheck<Balance>,
) -> LimitOutcome<Balance> {
	let fits = |outstanding: Balance, limit: Balance| {
		outstanding.checked_add(&amount).is_some_and(|total| total <= limit)
	};
	let payee_ok = fits(limits.payee_outstanding, limits.payee_limit);
	let node_ok = fits(limits.node_outstanding, limits.node_limit);
	if payee_ok && node_ok {
		return Ok(());
	}
	Err(RejectionReason::LimitExceeded {
		limit: if payee_ok { LimitKind::Node } else { LimitKind::Payee },
		node_limit_exceeded: !node_ok,
		payee_headroom: limits.payee_headroom,
		node_headroom: limits.node_headroom,
	})
}

/// What the caps are computed from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct ExposureInputs<Balance> {
	/// Owed now for credit paid to the payee.
	pub payee_exposure: Balance,
	/// The payee's repaid credit sales over the window.
	pub payee_volume: Balance,
	/// The backing the payee holds for all its grades.
	pub payee_backing: Balance,
	/// Owed to the pool now.
	pub pool_outstanding: Balance,
	/// What the pool's account holds now.
	pub pool_balance: Balance,
}

/// The caps' parameters, from `Config`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ExposureParameters<Balance> {
	/// What may be owed for credit paid to a payee with no repaid credit sales and no backing.
	pub payee_allowance: Balance,
	/// The share of a payee's repaid credit sales in the window its cap adds.
	pub payee_volume_share: Perbill,
	/// The most of the pool's value (balance plus outstanding) that may be owed to it.
	pub pool_share: Perbill,
}

/// A payee's exposure cap: the allowance, its share of `payee_volume`, and `payee_backing`.
pub fn payee_cap<Balance: AtLeast32BitUnsigned + Copy>(
	params: &ExposureParameters<Balance>,
	payee_volume: Balance,
	payee_backing: Balance,
) -> Balance {
	params
		.payee_allowance
		.saturating_add(params.payee_volume_share.mul_floor(payee_volume))
		.saturating_add(payee_backing)
}

/// Both caps and what is owed under each.
pub fn exposure<Balance: AtLeast32BitUnsigned + Copy>(
	inputs: &ExposureInputs<Balance>,
	params: &ExposureParameters<Balance>,
) -> ExposureCheck<Balance> {
	ExposureCheck {
		payee_exposure: inputs.payee_exposure,
		payee_cap: payee_cap(params, inputs.payee_volume, inputs.payee_backing),
		pool_outstanding: inputs.pool_outstanding,
		pool_cap: params
			.pool_share
			.mul_floor(inputs.pool_balance.saturating_add(inputs.pool_outstanding)),
	}
}

/// `Ok` when `amount` owed more fits under both caps; otherwise the cap that binds, the payee's
/// first. An overflowing sum never fits.
pub fn exposure_check<Balance: AtLeast32BitUnsigned + Copy>(
	amount: Balance,
	caps: &ExposureCheck<Balance>,
) -> LimitOutcome<Balance> {
	let fits = |owed: Balance, cap: Balance| owed.checked_add(&amount).is_some_and(|t| t <= cap);
	if !fits(caps.payee_exposure, caps.payee_cap) {
		return Err(RejectionReason::PayeeExposureCapReached {
			cap: caps.payee_cap,
			exposure: caps.payee_exposure,
		});
	}
	if !fits(caps.pool_outstanding, caps.pool_cap) {
		return Err(RejectionReason::PoolExposureCapReached {
			cap: caps.pool_cap,
			outstanding: caps.pool_outstanding,
		});
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn caps(payee: (u128, u128, u128), pool: (u128, u128)) -> ExposureCheck<u128> {
		let params = ExposureParameters {
			payee_allowance: 1_000,
			payee_volume_share: Perbill::from_percent(50),
			pool_share: Perbill::from_percent(50),
		};
		let inputs = ExposureInputs {
			payee_exposure: payee.0,
			payee_volume: payee.1,
			payee_backing: payee.2,
			pool_outstanding: pool.0,
			pool_balance: pool.1,
		};
		exposure(&inputs, &params)
	}

	#[test]
	fn the_payee_cap_is_allowance_plus_a_share_of_repaid_sales_plus_backing() {
		let c = caps((400, 2_000, 100), (0, 1_000_000));
		assert_eq!(c.payee_cap, 1_000 + 1_000 + 100);
		assert_eq!(exposure_check(1_700, &c), Ok(()));
		assert_eq!(
			exposure_check(1_701, &c),
			Err(RejectionReason::PayeeExposureCapReached { cap: 2_100, exposure: 400 })
		);
	}

	#[test]
	fn the_pool_cap_is_a_share_of_balance_plus_outstanding() {
		let c = caps((0, 0, 1_000_000), (3_000, 7_000));
		assert_eq!(c.pool_cap, 5_000);
		assert_eq!(exposure_check(2_000, &c), Ok(()));
		assert_eq!(
			exposure_check(2_001, &c),
			Err(RejectionReason::PoolExposureCapReached { cap: 5_000, outstanding: 3_000 })
		);
	}

	#[test]
	fn overflowing_exposure_never_fits() {
		let c = caps((1, u128::MAX, u128::MAX), (1, u128::MAX));
		assert!(exposure_check(u128::MAX, &c).is_err());
	}

	fn limits(
		payee_limit: u128,
		payee_out: u128,
		node_limit: u128,
		node_out: u128,
	) -> LimitCheck<u128> {
		headroom(payee_limit, payee_out, node_limit, node_out)
	}

	#[test]
	fn exactly_the_limit_fits_and_one_more_does_not() {
		let l = limits(100, 40, 1_000, 40);
		assert_eq!(check(60, &l), Ok(()));
		assert_eq!(
			check(61, &l),
			Err(RejectionReason::LimitExceeded {
				limit: LimitKind::Payee,
				node_limit_exceeded: false,
				payee_headroom: 60,
				node_headroom: 960,
			})
		);
	}

	#[test]
	fn node_limit_failure_is_named_and_flagged() {
		let l = limits(1_000, 0, 50, 10);
		assert_eq!(
			check(41, &l),
			Err(RejectionReason::LimitExceeded {
				limit: LimitKind::Node,
				node_limit_exceeded: true,
				payee_headroom: 1_000,
				node_headroom: 40,
			})
		);
	}

	#[test]
	fn both_failing_names_the_payee_limit_and_flags_the_node_limit() {
		let l = limits(10, 0, 10, 0);
		assert!(matches!(
			check(11, &l),
			Err(RejectionReason::LimitExceeded {
				limit: LimitKind::Payee,
				node_limit_exceeded: true,
				..
			})
		));
	}

	#[test]
	fn overflowing_sums_never_fit_and_headroom_saturates() {
		let l = limits(u128::MAX, 1, u128::MAX, 1);
		assert!(check(u128::MAX, &l).is_err());
		let over = limits(5, 9, 5, 9);
		assert_eq!((over.payee_headroom, over.node_headroom), (0, 0));
		assert!(check(1, &over).is_err());
	}
}

#[cfg(test)]
mod properties {
	use super::*;
	use proptest::prelude::*;

	proptest! {
		#![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

		/// The check passes exactly when both totals fit, never panics, and names a failing limit.
		#[test]
		fn passes_exactly_when_both_totals_fit(
			payee_limit in any::<u128>(),
			payee_out in any::<u128>(),
			node_limit in any::<u128>(),
			node_out in any::<u128>(),
			amount in any::<u128>(),
		) {
			let limits = headroom(payee_limit, payee_out, node_limit, node_out);
			let fits = |out: u128, limit: u128| out.checked_add(amount).is_some_and(|t| t <= limit);
			let expected = fits(payee_out, payee_limit) && fits(node_out, node_limit);
			match check(amount, &limits) {
				Ok(()) => prop_assert!(expected),
				Err(RejectionReason::LimitExceeded { limit, node_limit_exceeded, .. }) => {
					prop_assert!(!expected);
					prop_assert_eq!(node_limit_exceeded, !fits(node_out, node_limit));
					prop_assert_eq!(limit == LimitKind::Payee, !fits(payee_out, payee_limit));
				},
				Err(other) => prop_assert!(false, "unexpected reason {:?}", other),
			}
		}

		/// Anything within the headroom fits, and one more than the headroom does not.
		#[test]
		fn the_headroom_is_exactly_what_fits(
			payee_limit in any::<u64>(),
			payee_out in any::<u64>(),
			node_limit in any::<u64>(),
			node_out in any::<u64>(),
		) {
			let limits = headroom(payee_limit as u128, payee_out as u128, node_limit as u128, node_out as u128);
			let room = limits.payee_headroom.min(limits.node_headroom);
			if room > 0 {
				prop_assert_eq!(check(room, &limits), Ok(()));
			}
			prop_assert!(check(room + 1, &limits).is_err());
		}
	}
}
