//! Certificates gate every call that creates credit exposure: each side, each failure, its error.

use crate::{mock::*, types::RequestStatus, Error, Parties};
use frame_support::{assert_noop, assert_ok};

#[test]
fn a_payer_without_a_certificate_cannot_ask() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::remove_certificate(RuntimeOrigin::signed(PAYER)));
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			Error::<Test>::PayerCertificateMissing
		);
	});
}

#[test]
fn a_payee_without_a_certificate_cannot_be_asked() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), STRANGER, 10, goods()),
			Error::<Test>::PayeeCertificateMissing
		);
	});
}

#[test]
fn expired_certificates_stop_requests_and_acceptance() {
	ExtBuilder::default().build_and_execute(|| {
		// Asked an hour before the certificates expire, accepted an hour after: the request
		// is still within its lifetime.
		set_time(START + 365 * DAY - 60 * 60 * 1000);
		let id = request(10);
		set_time(START + 365 * DAY + 60 * 60 * 1000);
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::PayerCertificateExpired
		);
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			Error::<Test>::PayerCertificateExpired
		);
	});
}

#[test]
fn a_payee_certificate_not_yet_valid_is_named() {
	ExtBuilder::default().build_and_execute(|| {
		Parties::<Test>::mutate(PAYEE, |s| {
			s.certificate.as_mut().unwrap().payload.valid_from = START + 1
		});
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			Error::<Test>::PayeeCertificateNotYetValid
		);
	});
}

#[test]
fn a_revoked_payee_certificate_stops_acceptance() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(10);
		assert_ok!(Credit::revoke_certificate(RuntimeOrigin::root(), 0, PAYEE));
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::PayeeCertificateRevoked
		);
	});
}

#[test]
fn acceptance_checks_the_certificates_as_they_stand_then() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(10);
		// The payer takes its certificate back while the request is pending: at acceptance it
		// is no longer identified, so nothing moves; it can still cancel for its deposit.
		assert_ok!(Credit::remove_certificate(RuntimeOrigin::signed(PAYER)));
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::PayerCertificateMissing
		);
		assert_ok!(Credit::cancel_request(RuntimeOrigin::signed(PAYER), id));
		assert_eq!(status(id), RequestStatus::Cancelled);
	});
}

#[test]
fn a_revoked_payer_certificate_stops_requests() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::revoke_certificate(RuntimeOrigin::root(), 0, PAYER));
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			Error::<Test>::PayerCertificateRevoked
		);
	});
}

#[test]
fn a_ca_removed_mid_flight_stops_acceptance_and_nothing_moves() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(10);
		assert_ok!(Credit::remove_ca(RuntimeOrigin::root(), 0));
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::PayerCertificateUntrustedCa
		);
		// The payer can still get its deposit back.
		assert_ok!(Credit::cancel_request(RuntimeOrigin::signed(PAYER), id));
		assert_eq!(free(PAYER), START_BALANCE);
	});
}

#[test]
fn the_dry_run_names_a_failing_certificate() {
	ExtBuilder::default().build_and_execute(|| {
		let dry = Credit::dry_run(PAYER, STRANGER, 10);
		assert_eq!(
			dry.verdict,
			crate::types::Verdict::Refused(Error::<Test>::PayeeCertificateMissing.into())
		);
	});
}

#[test]
fn the_request_carries_both_home_chains_from_the_certificates() {
	ExtBuilder::default().build_and_execute(|| {
		Parties::<Test>::mutate(PAYER, |s| s.certificate.as_mut().unwrap().payload.home_chain = 5);
		let id = request(10);
		let stored = crate::Requests::<Test>::get(id).unwrap();
		assert_eq!(
			(stored.payer_certificate.home_chain, stored.payee_certificate.home_chain),
			(5, 0)
		);
	});
}
