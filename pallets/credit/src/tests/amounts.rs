//! Amount edge cases: 0, 1, exactly a limit, limit + 1, `Balance::MAX`, exactly the pool
//! balance, below the existential deposit. No panic, no overflow, no reaped pool.

use crate::{
	mock::*,
	types::{LimitKind, RejectionReason, RequestStatus},
	Error,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn one_unit_is_lent_with_a_fee_of_one() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1);
		assert_eq!(crate::Debts::<Test>::get(id).unwrap().owed(), 2);
	});
}

#[test]
fn exactly_the_payee_limit_passes_and_one_more_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		// The limit bounds what is owed, the 1% fee included: 1,001 owes 1,012 (its fee of 10.01
		// rounded up), 1,000 owes 1,010, the grade.
		let over = request(1_001);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), over));
		assert!(matches!(
			status(over),
			RequestStatus::Rejected(RejectionReason::LimitExceeded { limit: LimitKind::Payee, .. })
		));
		settled(1_000);
	});
}

#[test]
fn exactly_the_node_limit_passes_and_one_more_is_rejected() {
	ExtBuilder::default()
		.unbacked_grades()
		.grade_limit(Some(u64::MAX))
		.node_limit(700)
		.build_and_execute(|| {
			// 694 owes 701 (its fee of 6.94 rounded up), 693 owes 700.
			let over = request(694);
			assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), over));
			assert!(matches!(
				status(over),
				RequestStatus::Rejected(RejectionReason::LimitExceeded {
					limit: LimitKind::Node,
					..
				})
			));
			settled(693);
		});
}

#[test]
fn the_largest_balance_is_rejected_without_overflow() {
	ExtBuilder::default()
		.unbacked_grades()
		.grade_limit(Some(u64::MAX))
		.node_limit(u64::MAX)
		.build_and_execute(|| {
			settled(10); // outstanding + u64::MAX now overflows
			let id = request(u64::MAX);
			assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
			assert!(matches!(status(id), RequestStatus::Rejected(_)));
		});
}

#[test]
fn the_largest_balance_within_limits_is_refused_by_the_pool() {
	ExtBuilder::default()
		.unbacked_grades()
		.grade_limit(Some(u64::MAX))
		.node_limit(u64::MAX)
		.build_and_execute(|| {
			let id = request(u64::MAX);
			assert_noop!(
				Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
				Error::<Test>::PoolBalanceTooLow
			);
		});
}

#[test]
fn the_pool_pays_no_more_than_it_holds_nor_its_cap_allows() {
	ExtBuilder::default()
		.unbacked_grades()
		.grade_limit(Some(u64::MAX))
		.node_limit(u64::MAX)
		.build_and_execute(|| {
			let whole = request(POOL_FUNDING);
			assert_noop!(
				Credit::accept_request(RuntimeOrigin::signed(PAYEE), whole),
				Error::<Test>::PoolBalanceTooLow
			);
			// The pool could pay all but its existential deposit, but would then be owed more
			// than its whole value (the fee on top): the pool cap, here 100%, refuses it.
			let spare = request(POOL_FUNDING - ED);
			assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), spare));
			assert_eq!(
				status(spare),
				RequestStatus::Rejected(RejectionReason::PoolExposureCapReached {
					cap: POOL_FUNDING,
					outstanding: 0
				})
			);
			// 99,009 owes 100,000 with its fee of 991: exactly the cap.
			settled(99_009);
			assert_eq!(pool(), 991);
		});
}

#[test]
fn an_empty_account_cannot_keep_a_grade_so_is_never_paid_below_the_existential_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::set_grade(RuntimeOrigin::signed(NEWCOMER), PAYER, 1, 1_000),
			Error::<Test>::GradeBackingUnavailable
		);
		let small = request_from(PAYER, NEWCOMER, ED - 1);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(NEWCOMER), small));
		assert!(matches!(
			status(small),
			RequestStatus::Rejected(RejectionReason::LimitExceeded { limit: LimitKind::Payee, .. })
		));
	});
}

#[test]
fn funding_an_empty_pool_below_the_existential_deposit_fails() {
	ExtBuilder::default().pool_funding(0).build_and_execute(|| {
		assert_noop!(
			Credit::fund_pool(RuntimeOrigin::signed(FUNDER), ED - 1),
			DispatchError::Token(TokenError::BelowMinimum)
		);
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), ED));
	});
}
