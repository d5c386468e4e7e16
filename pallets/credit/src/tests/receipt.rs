//! `acknowledge_receipt` (S80).

use crate::{mock::*, types::RequestStatus, Error, Event};
use frame_support::{assert_noop, assert_ok};

#[test]
fn the_payees_acknowledgement_completes_the_request_and_notifies_the_payer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id));
		assert_eq!(status(id), RequestStatus::Completed);
		assert_eq!(last_event(), Event::ReceiptAcknowledged { id, payer: PAYER, payee: PAYEE });
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
		assert_noop!(
			Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::RequestNotSettled
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
