//! `accept_request` (S30 to S70, claim 4) and `decline_request`.

use crate::{
	mock::*,
	types::{DebtRef, LimitKind, Moment, RejectionReason, RequestStatus},
	Debts, Error, Event, Parties, Requests,
};
use frame_support::{assert_noop, assert_ok};

const PERIOD: Moment = <Test as crate::Config>::RepaymentPeriod::get();
const LIFETIME: Moment = <Test as crate::Config>::RequestLifetime::get();

#[test]
fn accepting_within_both_limits_pays_the_payee_and_records_the_debt() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(500);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));

		assert_eq!(status(id), RequestStatus::Settled);
		assert_eq!(free(PAYEE), START_BALANCE - GENESIS_GRADE_HOLDS + 500);
		assert_eq!(pool(), POOL_FUNDING - 500);
		assert_eq!(
			(held(PAYER), free(PAYER)),
			(DEPOSIT, START_BALANCE - DEPOSIT),
			"the deposit stays held until the payee acknowledges receipt"
		);
		let request = Requests::<Test>::get(id).unwrap();
		assert_eq!(request.expires_at, START + LIFETIME, "the payee has a lifetime to acknowledge");
		assert!(Parties::<Test>::get(PAYER).open_requests.is_empty(), "no longer pending");

		let debt = Debts::<Test>::get(id).unwrap();
		assert_eq!((debt.payer, debt.payee, debt.principal, debt.fee), (PAYER, PAYEE, 500, 5));
		assert_eq!(debt.due_at, START + PERIOD);
		assert_eq!(
			Parties::<Test>::get(PAYER).open_debts.to_vec(),
			vec![DebtRef { id, payee: PAYEE, due_at: START + PERIOD, owed: 505 }]
		);
		assert_eq!(Credit::outstanding(&PAYER), 505);
		assert_eq!(Credit::limits_for(&PAYER, &PAYEE).payee_outstanding, 505);
		assert_eq!(total_owed(), 505);
		assert_eq!(
			last_event(),
			Event::PaymentSettled {
				id,
				payer: PAYER,
				payee: PAYEE,
				amount: 500,
				fee: 5,
				due_at: START + PERIOD
			}
		);
	});
}

#[test]
fn only_the_payee_may_accept() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::NotPayee
		);
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYER), id),
			Error::<Test>::NotPayee
		);
	});
}

#[test]
fn a_request_cannot_be_accepted_twice() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::RequestNotPending
		);
	});
}

#[test]
fn an_expired_request_cannot_be_accepted() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		advance(<Test as crate::Config>::RequestLifetime::get() + 1);
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::RequestExpired
		);
	});
}

#[test]
fn accepting_an_unknown_request_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), 3),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn the_payee_limit_refuses_with_the_reason_and_both_headrooms() {
	ExtBuilder::default().build_and_execute(|| {
		settled(400);
		let id = request(GRADE_LIMIT);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		let reason = RejectionReason::LimitExceeded {
			limit: LimitKind::Payee,
			node_limit_exceeded: false,
			payee_headroom: GRADE_LIMIT - 404,
			node_headroom: NODE_LIMIT - 404,
		};
		assert_eq!(status(id), RequestStatus::Rejected(reason));
		assert_eq!(
			last_event(),
			Event::RequestRejected {
				id,
				payer: PAYER,
				payee: PAYEE,
				reason,
				credit_increase_may_help: false
			}
		);
		assert_eq!(Debts::<Test>::get(id), None);
		// What is held is the settled request's deposit, until its receipt is acknowledged.
		assert_eq!((held(PAYER), Credit::outstanding(&PAYER)), (DEPOSIT, 404));
		assert_eq!(free(PAYEE), START_BALANCE - GENESIS_GRADE_HOLDS + 400);
	});
}

#[test]
fn the_node_limit_refuses_and_prompts_for_a_credit_increase() {
	ExtBuilder::default().grade_limit(Some(10_000)).node_limit(300).build_and_execute(|| {
		let id = request(301);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		let reason = RejectionReason::LimitExceeded {
			limit: LimitKind::Node,
			node_limit_exceeded: true,
			payee_headroom: 10_000,
			node_headroom: 300,
		};
		assert_eq!(status(id), RequestStatus::Rejected(reason));
		assert_eq!(
			last_event(),
			Event::RequestRejected {
				id,
				payer: PAYER,
				payee: PAYEE,
				reason,
				credit_increase_may_help: true
			}
		);
		assert_eq!(pool(), POOL_FUNDING);
	});
}

#[test]
fn without_a_grade_the_payee_limit_is_zero() {
	ExtBuilder::default().grade_limit(None).build_and_execute(|| {
		let id = request(1);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		assert!(matches!(
			status(id),
			RequestStatus::Rejected(RejectionReason::LimitExceeded { limit: LimitKind::Payee, .. })
		));
	});
}

#[test]
fn a_debt_that_fell_overdue_while_pending_rejects_the_request() {
	ExtBuilder::default().build_and_execute(|| {
		settled(100);
		advance(PERIOD - 10);
		let id = request(100);
		advance(11);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		assert_eq!(status(id), RequestStatus::Rejected(RejectionReason::PayerHasOverdueDebt));
		assert_eq!(held(PAYER), DEPOSIT, "only the settled request's deposit is held");
	});
}

#[test]
fn a_pool_that_cannot_pay_leaves_the_request_pending() {
	ExtBuilder::default().pool_funding(ED + 99).build_and_execute(|| {
		let id = request(100);
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::PoolBalanceTooLow
		);
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 1));
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		assert_eq!(pool(), ED);
	});
}

#[test]
fn the_open_debt_bound_is_checked_again_on_acceptance() {
	ExtBuilder::default().build_and_execute(|| {
		let max: u32 = <Test as crate::Config>::MaxOpenDebts::get();
		for _ in 0..max - 1 {
			settled(10);
		}
		let last = request(10);
		let one_too_many = request(10);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), last));
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), one_too_many),
			Error::<Test>::TooManyOpenDebts
		);
	});
}

#[test]
fn a_payee_on_an_unreachable_chain_is_not_paid() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		// Settlement pays to the home chain the payee's certificate names at acceptance.
		Parties::<Test>::mutate(PAYEE, |s| s.certificate.as_mut().unwrap().payload.home_chain = 99);
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::PayeeChainUnreachable
		);
	});
}

#[test]
fn the_payee_may_decline() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		assert_ok!(Credit::decline_request(RuntimeOrigin::signed(PAYEE), id));
		assert_eq!(status(id), RequestStatus::Declined);
		assert_eq!((held(PAYER), free(PAYER)), (0, START_BALANCE));
		assert_eq!(pool(), POOL_FUNDING);
		assert_eq!(last_event(), Event::RequestDeclined { id });
	});
}

#[test]
fn only_the_payee_may_decline() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		assert_noop!(
			Credit::decline_request(RuntimeOrigin::signed(PAYER), id),
			Error::<Test>::NotPayee
		);
	});
}

#[test]
fn a_decided_request_cannot_be_declined() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_noop!(
			Credit::decline_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::RequestNotPending
		);
	});
}

#[test]
fn declining_an_unknown_request_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::decline_request(RuntimeOrigin::signed(PAYEE), 5),
			Error::<Test>::RequestNotFound
		);
	});
}
