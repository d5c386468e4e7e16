//! `request_credit_payment`, `cancel_request` and `close_expired`.

use crate::{
	mock::*,
	types::{Moment, RequestStatus},
	Error, Event, Parties, Requests,
};
use frame_support::{assert_noop, assert_ok, traits::Get};
use sp_runtime::{DispatchError, TokenError};

const LIFETIME: Moment = <Test as crate::Config>::RequestLifetime::get();

/// The method end to end: the payer asks, the payee accepts, the pool pays the payee, the payee
/// acknowledges receipt (the payer's deposit comes back), and the payer repays with the fee.
#[docify::export]
#[test]
fn request_to_repayment() {
	ExtBuilder::default().build_and_execute(|| {
		// S10, S20: the payer asks the payee for 500 on credit, holding a deposit.
		assert_ok!(Credit::request_credit_payment(
			RuntimeOrigin::signed(PAYER),
			PAYEE,
			500,
			goods()
		));
		let id = 0;
		assert_eq!(held(PAYER), DEPOSIT);

		// S30 to S70: the payee accepts; both limits allow it, so the pool pays the payee.
		let payee_before = free(PAYEE);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		assert_eq!(status(id), RequestStatus::Settled);
		assert_eq!(free(PAYEE), payee_before + 500);
		assert_eq!(pool(), POOL_FUNDING - 500);
		// The payer owes the principal and the 1% fee.
		assert_eq!(Credit::debts_of(PAYER)[0].1.owed(), 505);

		// S80: the payee acknowledges receipt, the payer's success notice; the deposit returns.
		assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id));
		assert_eq!(status(id), RequestStatus::Completed);
		assert_eq!(held(PAYER), 0);

		// Later, before the due date, the payer repays everything: the pool earned the fee.
		advance(DAY);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 505));
		assert_eq!(last_event(), Event::DebtCleared { id, payer: PAYER });
		assert!(Credit::debts_of(PAYER).is_empty());
		assert_eq!(pool(), POOL_FUNDING + 5);
		// Credited in proportion: 505 repaid after a thirtieth of the period weighs 16, of a
		// base limit of 5,000.
		assert_eq!(Credit::credit_record(PAYER).history.credited_millionths, 3_200);
	});
}

#[test]
fn a_request_is_stored_pending_with_a_held_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		let stored = Requests::<Test>::get(id).unwrap();
		assert_eq!((stored.payer, stored.payee, stored.amount), (PAYER, PAYEE, 100));
		assert_eq!(stored.goods, goods());
		assert_eq!(stored.status, RequestStatus::Pending);
		assert_eq!((stored.created_at, stored.expires_at), (START, START + LIFETIME));
		assert_eq!(held(PAYER), DEPOSIT);
		assert_eq!(Parties::<Test>::get(PAYER).open_requests.to_vec(), vec![id]);
		assert_eq!(
			last_event(),
			Event::PaymentRequested {
				id,
				payer: PAYER,
				payee: PAYEE,
				amount: 100,
				expires_at: START + LIFETIME
			}
		);
		assert_eq!(request(100), id + 1, "ids are sequential");
	});
}

#[test]
fn a_request_of_nothing_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 0, goods()),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn a_request_to_oneself_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYER, 10, goods()),
			Error::<Test>::RequestToSelf
		);
	});
}

#[test]
fn open_requests_are_bounded_per_payer() {
	ExtBuilder::default().build_and_execute(|| {
		let max: u32 = <Test as crate::Config>::MaxOpenRequests::get();
		for _ in 0..max {
			request(10);
		}
		assert_eq!(held(PAYER), DEPOSIT * max as u64);
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			Error::<Test>::TooManyOpenRequests
		);
		// Another payer is not affected.
		request_from(OTHER, PAYEE, 10);
	});
}

#[test]
fn a_payer_who_cannot_hold_the_deposit_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(POOR), PAYEE, 10, goods()),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
	});
}

#[test]
fn a_payer_with_overdue_debt_cannot_ask() {
	ExtBuilder::default().build_and_execute(|| {
		settled(100);
		advance(<Test as crate::Config>::RepaymentPeriod::get() + 1);
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			Error::<Test>::PayerHasOverdueDebt
		);
	});
}

#[test]
fn a_payer_with_the_most_open_debts_cannot_ask() {
	ExtBuilder::default().build_and_execute(|| {
		let max: u32 = <Test as crate::Config>::MaxOpenDebts::get();
		for _ in 0..max {
			settled(10);
		}
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			Error::<Test>::TooManyOpenDebts
		);
	});
}

#[test]
fn the_payer_may_cancel_a_pending_request() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		assert_ok!(Credit::cancel_request(RuntimeOrigin::signed(PAYER), id));
		assert_eq!(status(id), RequestStatus::Cancelled);
		assert_eq!(held(PAYER), 0);
		assert_eq!(free(PAYER), START_BALANCE);
		assert!(Parties::<Test>::get(PAYER).open_requests.is_empty());
		assert_eq!(last_event(), Event::RequestCancelled { id });
	});
}

#[test]
fn only_the_payer_may_cancel() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		assert_noop!(
			Credit::cancel_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::NotPayer
		);
	});
}

#[test]
fn a_request_that_is_no_longer_pending_cannot_be_cancelled() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_noop!(
			Credit::cancel_request(RuntimeOrigin::signed(PAYER), id),
			Error::<Test>::RequestNotPending
		);
	});
}

#[test]
fn cancelling_an_unknown_request_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::cancel_request(RuntimeOrigin::signed(PAYER), 42),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn anyone_may_close_an_expired_request() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		advance(LIFETIME + 1);
		assert_ok!(Credit::close_expired(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(status(id), RequestStatus::Expired);
		assert_eq!(held(PAYER), 0);
		assert_eq!(free(PAYER), START_BALANCE);
		assert_eq!(last_event(), Event::RequestExpired { id });
	});
}

#[test]
fn a_request_at_its_expiry_is_not_yet_expired() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		advance(LIFETIME);
		assert_noop!(
			Credit::close_expired(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::RequestNotExpired
		);
	});
}

#[test]
fn only_open_requests_close() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		assert_ok!(Credit::decline_request(RuntimeOrigin::signed(PAYEE), id));
		advance(LIFETIME + 1);
		assert_noop!(
			Credit::close_expired(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn a_party_with_nothing_left_to_keep_has_no_entry() {
	ExtBuilder::default().build_and_execute(|| {
		let before = Parties::<Test>::get(OTHER);
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), OTHER, 1, 1_000));
		let id = request_from(OTHER, PAYEE, 50);
		assert_ne!(Parties::<Test>::get(OTHER), before);
		assert_ok!(Credit::cancel_request(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(Parties::<Test>::get(OTHER), before, "cancelling leaves it as it was");
		assert_ok!(Credit::remove_certificate(RuntimeOrigin::signed(OTHER)));
		assert!(!Parties::<Test>::contains_key(OTHER), "an empty state is removed, not stored");
	});
}

#[test]
fn closing_an_unknown_request_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::close_expired(RuntimeOrigin::signed(OTHER), 9),
			Error::<Test>::RequestNotFound
		);
	});
}
