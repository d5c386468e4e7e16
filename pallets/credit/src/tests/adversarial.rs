//! Adversarial inputs, each shown to change nothing: `assert_noop!` checks the storage root is
//! the same after the failed call, so no funds, debt, record or deposit moved. The refusals that
//! are outcomes (a limit exceeded ends the request `Rejected`) are checked to move no money and
//! record no debt.

use crate::{
	certificates::{signed_message, CertificatePayload},
	mock::*,
	types::{RejectionReason, RequestStatus},
	Debts, Error, Parties, Pool,
};
use frame_support::{assert_noop, assert_ok, traits::Get};
use sp_core::{sr25519, Pair, H256};

const PERIOD: u64 = <Test as crate::Config>::RepaymentPeriod::get();

#[test]
fn a_third_party_cannot_raise_a_debt_or_worsen_anothers_record() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		let id = settled(1_000); // owes 1,010
		assert_noop!(Credit::repay(RuntimeOrigin::signed(OTHER), id, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Credit::repay(RuntimeOrigin::signed(OTHER), 99, 1),
			Error::<Test>::DebtNotFound
		);
		// Late, in tiny pieces: the payer's record gets no late debt until the debt is cleared,
		// and the limit does not move.
		advance(PERIOD + 1);
		let before = Credit::credit_record(PAYER);
		for _ in 0..5 {
			assert_ok!(Credit::repay(RuntimeOrigin::signed(OTHER), id, 1));
		}
		let after = Credit::credit_record(PAYER);
		assert_eq!(after.history.late_debts, 0);
		assert_eq!(after.history.late_count, 5);
		assert!(after.ceiling >= before.ceiling, "paying down overdue debt never lowers the limit");
		// Each repayment lowered the debt; none raised it.
		assert_eq!(Credit::outstanding(&PAYER), 1_005);
	});
}

#[test]
fn tiny_on_time_repayments_earn_no_credit() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		let id = settled(1_000);
		for _ in 0..10 {
			assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 1));
			advance(DAY);
		}
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.credited_millionths, 0);
		assert_eq!(Credit::ceiling(&PAYER), NODE_LIMIT);
	});
}

#[test]
fn overpaying_takes_only_what_is_owed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100); // owes 101
		let (payer_before, pool_before) = (free(PAYER), pool());
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, u64::MAX));
		assert_eq!(free(PAYER), payer_before - 101);
		assert_eq!(pool(), pool_before + 101);
		assert!(Debts::<Test>::get(id).is_none());
		assert_noop!(
			Credit::repay(RuntimeOrigin::signed(PAYER), id, 1),
			Error::<Test>::DebtNotFound
		);
	});
}

#[test]
fn exceeding_either_limit_moves_no_money_and_records_no_debt() {
	for (grade, base, amount) in [(1_000, 1_000_000, 1_001), (1_000_000, 5_000, 5_001)] {
		ExtBuilder::default().grade_limit(Some(grade)).node_limit(base).build_and_execute(|| {
			let (pool_before, payee_before, ledger) = (pool(), free(PAYEE), Pool::<Test>::get());
			let id = request(amount);
			assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
			assert!(matches!(
				status(id),
				RequestStatus::Rejected(RejectionReason::LimitExceeded { .. })
			));
			assert_eq!(
				(pool(), free(PAYEE), Pool::<Test>::get()),
				(pool_before, payee_before, ledger)
			);
			assert!(!Debts::<Test>::contains_key(id));
			assert_eq!(Credit::outstanding(&PAYER), 0);
			assert_eq!(held(PAYER), 0, "the deposit came back");
		});
	}
}

#[test]
fn accepting_twice_or_after_expiry_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::RequestNotPending
		);
		let late = request(100);
		advance(<Test as crate::Config>::RequestLifetime::get() + 1);
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), late),
			Error::<Test>::RequestExpired
		);
	});
}

#[test]
fn only_the_payee_acknowledges_and_nobody_grades_or_pays_themselves() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_noop!(
			Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYER), id),
			Error::<Test>::NotPayee
		);
		assert_noop!(
			Credit::acknowledge_receipt(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::NotPayee
		);
		assert_noop!(
			Credit::set_grade(RuntimeOrigin::signed(PAYER), PAYER, 9, u64::MAX),
			Error::<Test>::GradeForSelf
		);
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYER, 1, goods()),
			Error::<Test>::RequestToSelf
		);
	});
}

#[test]
fn spam_stops_at_the_open_request_bound() {
	ExtBuilder::default().build_and_execute(|| {
		let bound = <Test as crate::Config>::MaxOpenRequests::get();
		for _ in 0..bound {
			request(1);
		}
		assert_eq!(held(PAYER), u64::from(bound) * DEPOSIT);
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 1, goods()),
			Error::<Test>::TooManyOpenRequests
		);
		assert_eq!(Parties::<Test>::get(PAYER).open_requests.len() as u32, bound);
	});
}

#[test]
fn a_ca_removed_mid_flight_stops_the_payment_and_the_payer_gets_its_deposit_back() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		assert_ok!(Credit::remove_ca(RuntimeOrigin::root(), 0));
		assert_noop!(
			Credit::accept_request(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::PayerCertificateUntrustedCa
		);
		assert_eq!(status(id), RequestStatus::Pending);
		assert_ok!(Credit::cancel_request(RuntimeOrigin::signed(PAYER), id));
		assert_eq!(held(PAYER), 0);
	});
}

#[test]
fn a_certificate_signed_for_another_chain_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = sr25519::Pair::from_string("//OtherChainCA", None).unwrap();
		assert_ok!(Credit::add_ca(
			RuntimeOrigin::root(),
			b"CA".to_vec().try_into().unwrap(),
			ca.public().into()
		));
		let payload = CertificatePayload {
			ca: 1,
			subject: STRANGER,
			identity_hash: H256::repeat_byte(1),
			display_name: b"replayed".to_vec().try_into().unwrap(),
			home_chain: 0,
			serial: 5,
			valid_from: 0,
			valid_until: START + DAY,
		};
		let other_genesis = H256::repeat_byte(0xee);
		let signature = ca.sign(&signed_message(other_genesis.as_ref(), &payload)).into();
		assert_noop!(
			Credit::register_certificate(RuntimeOrigin::signed(STRANGER), payload, signature),
			Error::<Test>::BadCertificateSignature
		);
	});
}
