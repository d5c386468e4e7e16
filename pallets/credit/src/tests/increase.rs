//! The credit-increase workflow (claim 5): request with a held deposit, withdraw, approve up to
//! the cap through the rate limiter, reject with or without slashing.

use crate::{
	mock::*,
	types::{IncreaseRequest, LimitChangeReason, LimitKind, RejectionReason, RequestStatus},
	Error, Event, HoldReason, Parties,
};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};

const EVIDENCE: H256 = H256::repeat_byte(9);

fn note() -> crate::DescriptionOf<Test> {
	b"payslips for six months".to_vec().try_into().unwrap()
}

fn ask(who: AccountId, amount: Balance) -> Result<(), sp_runtime::DispatchError> {
	Credit::request_credit_increase(RuntimeOrigin::signed(who), amount, EVIDENCE, note())
}

fn deposit_held(who: AccountId) -> Balance {
	held_for(who, HoldReason::IncreaseDeposit)
}

#[test]
fn a_request_holds_the_deposit_and_is_stored() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		let free_before = free(PAYER);
		assert_ok!(ask(PAYER, 3_000));
		assert_eq!(deposit_held(PAYER), INCREASE_DEPOSIT);
		assert_eq!(free(PAYER), free_before - INCREASE_DEPOSIT);
		assert_eq!(
			Parties::<Test>::get(PAYER).increase_request,
			Some(IncreaseRequest {
				amount: 3_000,
				evidence_hash: EVIDENCE,
				note: note(),
				deposit: INCREASE_DEPOSIT,
				requested_at: START,
			})
		);
		assert_eq!(Credit::credit_record(PAYER).increase_requested, Some(3_000));
		assert_eq!(
			last_event(),
			Event::CreditIncreaseRequested { payer: PAYER, amount: 3_000, evidence_hash: EVIDENCE }
		);
	});
}

#[test]
fn a_request_is_refused_with_the_rule_that_failed() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		assert_noop!(ask(PAYER, 0), Error::<Test>::ZeroAmount);
		assert_noop!(ask(STRANGER, 100), Error::<Test>::PayerCertificateMissing);
		assert_noop!(ask(NEWCOMER, 100), TokenError::FundsUnavailable);
		assert_ok!(ask(PAYER, 100));
		assert_noop!(ask(PAYER, 100), Error::<Test>::IncreaseAlreadyOpen);
		assert_noop!(
			Credit::request_credit_increase(RuntimeOrigin::none(), 100, EVIDENCE, note()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_payer_at_the_cap_or_in_default_cannot_ask() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		Parties::<Test>::mutate(OTHER, |s| s.profile.base_limit = sample_limits().cap);
		assert_noop!(ask(OTHER, 1), Error::<Test>::BaseLimitAtCap);
		Parties::<Test>::mutate(PAYER, |s| s.profile.history.defaults = 1);
		assert_noop!(ask(PAYER, 1), Error::<Test>::PayerInDefault);
	});
}

#[test]
fn withdrawing_returns_the_deposit() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		let free_before = free(PAYER);
		assert_noop!(
			Credit::withdraw_credit_increase(RuntimeOrigin::signed(PAYER)),
			Error::<Test>::IncreaseNotFound
		);
		assert_ok!(ask(PAYER, 100));
		assert_ok!(Credit::withdraw_credit_increase(RuntimeOrigin::signed(PAYER)));
		assert_eq!(free(PAYER), free_before);
		assert_eq!(deposit_held(PAYER), 0);
		assert!(Parties::<Test>::get(PAYER).increase_request.is_none());
		assert_eq!(last_event(), Event::CreditIncreaseWithdrawn { payer: PAYER });
	});
}

#[test]
fn approval_raises_the_base_and_returns_the_deposit() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		let free_before = free(PAYER);
		assert_ok!(ask(PAYER, 3_000));
		assert_noop!(
			Credit::approve_credit_increase(RuntimeOrigin::signed(PAYEE), PAYER),
			DispatchError::BadOrigin
		);
		assert_ok!(Credit::approve_credit_increase(RuntimeOrigin::root(), PAYER));
		assert_eq!(Parties::<Test>::get(PAYER).profile.base_limit, NODE_LIMIT + 3_000);
		assert_eq!(free(PAYER), free_before);
		assert_eq!(deposit_held(PAYER), 0);
		assert!(credit_events()
			.contains(&Event::CreditIncreaseApproved { payer: PAYER, base_limit: 8_000 }));
		assert_eq!(
			last_event(),
			Event::NodeLimitChanged {
				payer: PAYER,
				reason: LimitChangeReason::IncreaseApproved,
				base_limit: 8_000,
				ceiling: 8_000,
			}
		);
		assert_noop!(
			Credit::approve_credit_increase(RuntimeOrigin::root(), PAYER),
			Error::<Test>::IncreaseNotFound
		);
	});
}

#[test]
fn approval_stops_at_the_cap() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		assert_ok!(ask(PAYER, Balance::MAX));
		assert_ok!(Credit::approve_credit_increase(RuntimeOrigin::root(), PAYER));
		assert_eq!(Parties::<Test>::get(PAYER).profile.base_limit, sample_limits().cap);
	});
}

#[test]
fn approval_too_soon_after_a_raise_leaves_the_request_open() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), PAYER, 6_000));
		assert_ok!(ask(PAYER, 1_000));
		assert_noop!(
			Credit::approve_credit_increase(RuntimeOrigin::root(), PAYER),
			Error::<Test>::LimitRaiseTooSoon
		);
		assert_eq!(deposit_held(PAYER), INCREASE_DEPOSIT);
		advance(DAY);
		assert_ok!(Credit::approve_credit_increase(RuntimeOrigin::root(), PAYER));
		assert_eq!(Parties::<Test>::get(PAYER).profile.base_limit, 7_000);
	});
}

#[test]
fn approval_is_refused_for_a_payer_in_default() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		assert_ok!(ask(PAYER, 1_000));
		Parties::<Test>::mutate(PAYER, |s| s.profile.history.defaults = 1);
		assert_noop!(
			Credit::approve_credit_increase(RuntimeOrigin::root(), PAYER),
			Error::<Test>::PayerInDefault
		);
		// The officer can still close it.
		assert_ok!(Credit::reject_credit_increase(RuntimeOrigin::root(), PAYER, false));
	});
}

#[test]
fn rejection_returns_the_deposit() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		let free_before = free(PAYER);
		assert_ok!(ask(PAYER, 1_000));
		assert_noop!(
			Credit::reject_credit_increase(RuntimeOrigin::signed(PAYER), PAYER, false),
			DispatchError::BadOrigin
		);
		assert_ok!(Credit::reject_credit_increase(RuntimeOrigin::root(), PAYER, false));
		assert_eq!(free(PAYER), free_before);
		assert_eq!(Parties::<Test>::get(PAYER).profile.base_limit, NODE_LIMIT);
		assert_eq!(
			last_event(),
			Event::CreditIncreaseRejected { payer: PAYER, abusive: false, slashed: 0 }
		);
		assert_noop!(
			Credit::reject_credit_increase(RuntimeOrigin::root(), PAYER, false),
			Error::<Test>::IncreaseNotFound
		);
		assert_noop!(
			Credit::reject_credit_increase(RuntimeOrigin::root(), PAYER, true),
			Error::<Test>::IncreaseNotFound
		);
	});
}

#[test]
fn an_abusive_request_loses_its_deposit_to_the_pool() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		let (free_before, pool_before) = (free(PAYER), pool());
		assert_ok!(ask(PAYER, 1_000_000));
		assert_ok!(Credit::reject_credit_increase(RuntimeOrigin::root(), PAYER, true));
		assert_eq!(free(PAYER), free_before - INCREASE_DEPOSIT);
		assert_eq!(deposit_held(PAYER), 0);
		assert_eq!(pool(), pool_before + INCREASE_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::CreditIncreaseRejected {
				payer: PAYER,
				abusive: true,
				slashed: INCREASE_DEPOSIT
			}
		);
	});
}

/// Claim 5 end to end: refused by the node limit with the prompt, increase approved, then paid.
#[test]
fn a_refused_payer_asks_for_more_and_is_then_paid() {
	ExtBuilder::default().grade_limit(Some(1_000_000)).build_and_execute(|| {
		let id = request(NODE_LIMIT + 1);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		assert!(matches!(
			status(id),
			RequestStatus::Rejected(RejectionReason::LimitExceeded { limit: LimitKind::Node, .. })
		));
		assert_ok!(ask(PAYER, 1_000));
		assert_ok!(Credit::approve_credit_increase(RuntimeOrigin::root(), PAYER));
		settled(NODE_LIMIT + 1);
	});
}
