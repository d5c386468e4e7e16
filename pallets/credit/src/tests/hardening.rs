//! Griefing and bad input found by review, each refused with a named error and no state change,
//! or made harmless: a dust repayment cannot fail or delay the payer's own, a third party cannot
//! flush the payer's recent repayments, a CA key accepts only signatures of its own scheme, the
//! dry run fails wherever the calls would, a receipt comes within the request's lifetime, and a
//! base limit above the formula's cap is refused.

use crate::{
	certificates::{revocation_message, signed_message, CertificatePayload},
	mock::*,
	types::{Moment, RequestStatus, Verdict},
	Error, Event, Parties,
};
use frame_support::{assert_noop, assert_ok, traits::Get};
use sp_core::{ed25519, Pair, H256};
use sp_runtime::{MultiSignature, MultiSigner};

const LIFETIME: Moment = <Test as crate::Config>::RequestLifetime::get();

#[test]
fn a_dust_repayment_first_in_the_block_cannot_fail_the_payers_repayment() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000); // owes 1,010
		advance(DAY);
		// Someone sees `repay(id, 1_010)` waiting and gets one unit in first.
		assert_ok!(Credit::repay(RuntimeOrigin::signed(OTHER), id, 1));
		let payer_before = free(PAYER);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 1_010));
		assert_eq!(free(PAYER), payer_before - 1_009, "the payer paid only what was left");
		assert!(Credit::debts_of(PAYER).is_empty());
		assert_eq!(
			credit_events().iter().rev().nth(1),
			Some(&Event::Repaid {
				id,
				payer: PAYER,
				by: PAYER,
				amount: 1_009,
				on_time: true,
				remaining: 0
			})
		);
		let history = Parties::<Test>::get(PAYER).profile.history;
		assert_eq!((history.on_time_count, history.late_debts), (2, 0), "cleared on time");
	});
}

#[test]
fn a_third_party_cannot_flush_the_payers_recent_repayments() {
	ExtBuilder::default().build_and_execute(|| {
		let cleared: Vec<_> = (0..3)
			.map(|_| {
				let id = settled(100);
				assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 101));
				id
			})
			.collect();
		let open = settled(1_000);
		for _ in 0..40 {
			assert_ok!(Credit::repay(RuntimeOrigin::signed(OTHER), open, 1));
		}
		let recent = Parties::<Test>::get(PAYER).recent_repayments;
		let debts: Vec<_> = recent.iter().map(|entry| entry.debt).collect();
		assert_eq!(debts, [cleared.clone(), vec![open]].concat(), "one entry per debt");
		assert_eq!(recent.last().unwrap().amount, 40, "the dust joined one entry");
	});
}

/// An ed25519 key declared to the chain as an sr25519 key: both derive the same account from
/// the same bytes, so only a check of the scheme tells the two apart.
fn ed25519_key_declared_as_sr25519() -> (ed25519::Pair, u32) {
	let pair = ed25519::Pair::from_string("//SchemeConfusion", None).unwrap();
	let declared = MultiSigner::Sr25519(sp_core::sr25519::Public::from_raw(pair.public().0));
	let ca = crate::NextCaId::<Test>::get();
	assert_ok!(Credit::add_ca(
		RuntimeOrigin::root(),
		b"Confused CA".to_vec().try_into().unwrap(),
		declared
	));
	(pair, ca)
}

#[test]
fn a_signature_of_another_scheme_than_the_cas_key_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let (pair, ca) = ed25519_key_declared_as_sr25519();
		let payload = CertificatePayload {
			ca,
			subject: STRANGER,
			identity_hash: H256::repeat_byte(3),
			display_name: b"Mallory".to_vec().try_into().unwrap(),
			home_chain: 0,
			serial: 1,
			valid_from: 0,
			valid_until: START + DAY,
		};
		let genesis = Credit::genesis_hash();
		let signature: MultiSignature =
			pair.sign(&signed_message(genesis.as_ref(), &payload)).into();
		assert_noop!(
			Credit::register_certificate(RuntimeOrigin::signed(STRANGER), payload, signature),
			Error::<Test>::SignatureSchemeMismatch
		);
		let revocation: MultiSignature =
			pair.sign(&revocation_message(genesis.as_ref(), ca, 1)).into();
		assert_noop!(
			Credit::revoke_certificate_signed(RuntimeOrigin::signed(OTHER), ca, 1, revocation),
			Error::<Test>::SignatureSchemeMismatch
		);
	});
}

/// The dry run's verdict for `payer` asking `payee` for `amount`, and the request's outcome:
/// when the dry run says `Refused(error)`, the request fails with that very error and changes
/// nothing.
fn dry_run_agrees_with_the_request(payer: AccountId, payee: AccountId, amount: Balance) {
	let Verdict::Refused(error) = Credit::dry_run(payer, payee, amount).verdict else {
		panic!("the dry run refuses");
	};
	assert_noop!(
		Credit::request_credit_payment(RuntimeOrigin::signed(payer), payee, amount, goods()),
		error
	);
}

#[test]
fn the_dry_run_refuses_when_the_payer_has_as_many_requests_open_as_it_may() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..<Test as crate::Config>::MaxOpenRequests::get() {
			request(10);
		}
		assert_eq!(
			Credit::dry_run(PAYER, PAYEE, 10).verdict,
			Verdict::Refused(Error::<Test>::TooManyOpenRequests.into())
		);
		dry_run_agrees_with_the_request(PAYER, PAYEE, 10);
	});
}

#[test]
fn the_dry_run_and_the_request_refuse_a_payee_on_an_unreachable_chain() {
	ExtBuilder::default().build_and_execute(|| {
		Parties::<Test>::mutate(PAYEE, |s| s.certificate.as_mut().unwrap().payload.home_chain = 99);
		assert_eq!(
			Credit::dry_run(PAYER, PAYEE, 10).verdict,
			Verdict::Refused(Error::<Test>::PayeeChainUnreachable.into())
		);
		dry_run_agrees_with_the_request(PAYER, PAYEE, 10);
	});
}

#[test]
fn the_dry_run_refuses_a_payer_who_cannot_hold_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		// POOR holds exactly the existential deposit: nothing to hold a deposit from.
		assert!(matches!(Credit::dry_run(POOR, PAYEE, 10).verdict, Verdict::Refused(_)));
		dry_run_agrees_with_the_request(POOR, PAYEE, 10);
	});
}

#[test]
fn a_receipt_past_the_requests_lifetime_is_refused_and_the_request_closes_unacknowledged() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		advance(LIFETIME);
		// At `expires_at` exactly the receipt still counts; a moment later it does not.
		let at_expiry = frame_support::storage::with_transaction(|| {
			let result = Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id);
			sp_runtime::TransactionOutcome::Rollback(Ok::<_, sp_runtime::DispatchError>(result))
		});
		assert_ok!(at_expiry.unwrap());
		advance(1);
		assert_noop!(
			Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id),
			Error::<Test>::RequestExpired
		);
		assert_ok!(Credit::close_expired(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(status(id), RequestStatus::ClosedUnacknowledged);
	});
}

#[test]
fn a_base_limit_above_the_formulas_cap_is_refused() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		let cap = sample_limits().cap;
		assert_noop!(
			Credit::set_base_limit(RuntimeOrigin::root(), PAYER, cap + 1),
			Error::<Test>::BaseLimitAboveCap
		);
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), PAYER, cap));
		assert_eq!(Credit::credit_record(PAYER).base_limit, cap);
	});
}

/// Replaces `who`'s party entry with bytes that do not decode, as a layout change without its
/// migration would leave it.
fn corrupt_party(who: AccountId) -> Vec<u8> {
	let key = crate::Parties::<Test>::hashed_key_for(who);
	let raw = vec![0xff; 7];
	frame_support::storage::unhashed::put_raw(&key, &raw);
	raw
}

#[test]
fn an_entry_that_does_not_decode_is_refused_never_read_as_empty() {
	ExtBuilder::default().build().execute_with(|| {
		let id = settled(100);
		let raw = corrupt_party(PAYER);
		let undecodable = || Error::<Test>::PartyEntryUndecodable;
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			undecodable()
		);
		assert_noop!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 10), undecodable());
		assert_noop!(Credit::remove_certificate(RuntimeOrigin::signed(PAYER)), undecodable());
		assert_noop!(Credit::set_base_limit(RuntimeOrigin::root(), PAYER, 1), undecodable());
		// As a payee too: its certificate cannot be read, so it cannot be paid.
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(OTHER), PAYER, 10, goods()),
			undecodable()
		);
		assert_eq!(
			Credit::dry_run(PAYER, PAYEE, 10).verdict,
			crate::types::Verdict::Refused(undecodable().into())
		);
		let key = crate::Parties::<Test>::hashed_key_for(PAYER);
		assert_eq!(frame_support::storage::unhashed::get_raw(&key), Some(raw), "not overwritten");
		let error = Credit::do_try_state().unwrap_err();
		assert!(format!("{error:?}").contains("parties-decode"), "{error:?}");
	});
}
