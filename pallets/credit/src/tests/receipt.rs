//! `acknowledge_receipt` (S80).

use crate::{
	mock::*,
	types::{Moment, RequestStatus},
	Debts, Error, Event,
};
use frame_support::{assert_noop, assert_ok};

const LIFETIME: Moment = <Test as crate::Config>::RequestLifetime::get();

#[test]
fn the_payees_acknowledgement_completes_the_request_and_notifies_the_payer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_eq!(held(PAYER), DEPOSIT, "held until the receipt is acknowledged");
		assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id));
		assert_eq!(status(id), RequestStatus::Completed);
		assert_eq!((held(PAYER), free(PAYER)), (0, START_BALANCE), "the deposit came back");
		assert_eq!(last_event(), Event::ReceiptAcknowledged { id, payer: PAYER, payee: PAYEE });
	});
}

#[test]
fn an_unacknowledged_receipt_is_closed_after_its_deadline_and_the_debt_stands() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		advance(LIFETIME);
		assert_noop!(
			Credit::close_expired(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::RequestNotExpired
		);
		advance(1);
		assert_ok!(Credit::close_expired(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(status(id), RequestStatus::ClosedUnacknowledged);
		assert_eq!((held(PAYER), free(PAYER)), (0, START_BALANCE), "the deposit came back");
		assert!(Debts::<Test>::contains_key(id), "the debt stands");
		assert_eq!(Credit::outstanding(&PAYER), 101);
		assert_eq!(
			last_event(),
			Event::RequestClosedUnacknowledged { id, payer: PAYER, payee: PAYEE }
		);
		assert_noop!(
			Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::RequestNotFound
		);
		assert_noop!(
			Credit::close_expired(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn an_acknowledged_request_cannot_be_closed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id));
		advance(LIFETIME + 1);
		assert_noop!(
			Credit::close_expired(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn only_the_payee_may_acknowledge() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_noop!(
			Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYER), id),
			Error::<Test>::NotPayee
		);
	});
}

#[test]
fn a_pending_request_cannot_be_acknowledged() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		assert_noop!(
			Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::RequestNotSettled
		);
	});
}

#[test]
fn a_receipt_is_acknowledged_once() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id));
		assert!(!crate::Requests::<Test>::contains_key(id), "its business done, it is removed");
		assert!(crate::Debts::<Test>::contains_key(id), "and its debt stands on its own");
		assert_noop!(
			Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn acknowledging_an_unknown_request_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), 8),
			Error::<Test>::RequestNotFound
		);
	});
}
