//! One identity, one account: the identity behind a certificate is one account's at a time, a
//! debtor keeps the certificate that identifies it, and a default follows the identity. And the
//! limit checks count what the payer will owe, fee included; the credit-increase prompt comes
//! only where an increase could help.

use crate::{
	certificates::{CertificatePayload, IdentityRecord},
	mock::*,
	types::{DebtStanding, LimitKind, RejectionReason, RequestStatus},
	Debts, Error, Event, Identities, Parties, Pool,
};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;

const PERIOD: u64 = <Test as crate::Config>::RepaymentPeriod::get();
const DEFAULT_AFTER: u64 = <Test as crate::Config>::DefaultAfter::get();

/// Gives `who` money to hold deposits with.
fn fund(who: AccountId) {
	use frame_support::traits::fungible::Mutate;
	assert_ok!(Balances::mint_into(&who, START_BALANCE));
}

#[test]
fn an_identity_is_one_accounts_at_a_time() {
	ExtBuilder::default().build_and_execute(|| {
		fund(STRANGER);
		let payers = genesis_identity(PAYER);
		assert_noop!(register_identity(STRANGER, payers, 70), Error::<Test>::IdentityHeldByAnother);
		// Once the payer lets it go (it owes nothing), another account may take it.
		assert_ok!(Credit::remove_certificate(RuntimeOrigin::signed(PAYER)));
		assert_eq!(Identities::<Test>::get(payers), None);
		assert_ok!(register_identity(STRANGER, payers, 70));
		assert_eq!(
			Identities::<Test>::get(payers),
			Some(IdentityRecord { holder: Some(STRANGER), defaults: 0 })
		);
	});
}

#[test]
fn an_identity_whose_certificate_no_longer_identifies_its_holder_may_be_taken() {
	ExtBuilder::default().build_and_execute(|| {
		fund(STRANGER);
		let payers = genesis_identity(PAYER);
		let id = settled(100);
		// The payer's genesis certificate is CA 0's serial 1; its CA revokes it.
		assert_ok!(Credit::revoke_certificate(RuntimeOrigin::root(), 0, PAYER));
		// While the payer owes, the certificate still names the debtor: nobody takes it.
		assert_noop!(register_identity(STRANGER, payers, 77), Error::<Test>::IdentityHeldByAnother);
		let owed = Debts::<Test>::get(id).unwrap().owed();
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, owed));
		assert_ok!(register_identity(STRANGER, payers, 77));
		assert!(Parties::<Test>::get(PAYER).certificate.is_none(), "the revoked one is gone");
		assert!(credit_events().contains(&Event::CertificateRemoved { who: PAYER }));
		assert_eq!(
			Identities::<Test>::get(payers),
			Some(IdentityRecord { holder: Some(STRANGER), defaults: 0 })
		);
	});
}

#[test]
fn a_replacement_of_another_identity_releases_the_old_one() {
	ExtBuilder::default().build_and_execute(|| {
		fund(STRANGER);
		assert_ok!(register_identity(PAYER, H256::repeat_byte(0xee), 71));
		assert_eq!(Identities::<Test>::get(genesis_identity(PAYER)), None);
		assert_ok!(register_identity(STRANGER, genesis_identity(PAYER), 72));
	});
}

#[test]
fn a_debtor_keeps_the_certificate_that_identifies_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_noop!(
			Credit::remove_certificate(RuntimeOrigin::signed(PAYER)),
			Error::<Test>::CertificateBacksOpenDebts
		);
		assert_noop!(
			register_identity(PAYER, H256::repeat_byte(0xee), 73),
			Error::<Test>::CertificateBacksOpenDebts
		);
		// Renewing the same identity is fine.
		assert_ok!(register_identity(PAYER, genesis_identity(PAYER), 74));
		let owed = Debts::<Test>::get(id).unwrap().owed();
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, owed));
		assert_ok!(Credit::remove_certificate(RuntimeOrigin::signed(PAYER)));
	});
}

/// The payer borrows and defaults; returns what the pool lost.
fn default_on(amount: Balance) -> (crate::types::RequestId, Balance) {
	let id = settled(amount);
	advance(PERIOD + DEFAULT_AFTER + 1);
	assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
	assert_eq!(Debts::<Test>::get(id).unwrap().standing, DebtStanding::Defaulted);
	(id, amount)
}

#[test]
fn a_defaulted_identity_cannot_come_back_as_a_new_account() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, lost) = default_on(500);
		// Unpaid, the debt keeps the identity bound to the defaulter.
		assert_noop!(
			register_identity(STRANGER, genesis_identity(PAYER), 75),
			Error::<Test>::IdentityHeldByAnother
		);
		// The payee's backing took the first loss; the pool lost the rest and the keeper's
		// reward, nothing more.
		let ledger = Pool::<Test>::get();
		assert_eq!(ledger.backing_taken, GRADE_LIMIT / 10);
		assert_eq!(
			POOL_FUNDING - pool(),
			lost - ledger.backing_taken + ledger.keeper_rewards,
			"the pool lost the one debt, less its backing, nothing more"
		);
	});
}

#[test]
fn a_repaid_defaulter_passes_its_default_to_the_next_account_of_its_identity() {
	ExtBuilder::default().grade_limit(Some(10_000)).build_and_execute(|| {
		let (id, _) = default_on(500);
		let owed = Debts::<Test>::get(id).unwrap().owed();
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, owed));
		assert_ok!(Credit::remove_certificate(RuntimeOrigin::signed(PAYER)));
		let identity = genesis_identity(PAYER);
		assert_eq!(
			Identities::<Test>::get(identity),
			Some(IdentityRecord { holder: None, defaults: 1 })
		);

		fund(STRANGER);
		assert_ok!(register_identity(STRANGER, identity, 76));
		assert_eq!(Parties::<Test>::get(STRANGER).profile.history.defaults, 1);
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), STRANGER, NODE_LIMIT));
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), STRANGER, 3, 10_000));
		let before = pool();
		let asked = request_from(STRANGER, PAYEE, 100);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), asked));
		assert!(matches!(status(asked), RequestStatus::Rejected(_)), "in default: no credit");
		assert_eq!(pool(), before, "the pool pays the returning identity nothing");
		assert!(matches!(
			last_event(),
			Event::RequestRejected { credit_increase_may_help: false, .. }
		));
		assert_noop!(
			Credit::request_credit_increase(
				RuntimeOrigin::signed(STRANGER),
				100,
				H256::zero(),
				Default::default()
			),
			Error::<Test>::PayerInDefault
		);
	});
}

#[test]
fn payer_and_payee_of_one_identity_are_refused() {
	// Only state from before one identity meant one account (see `migrations::v2`) can hold
	// this; the request is refused all the same, naming the rule.
	ExtBuilder::default().build().execute_with(|| {
		let mut payee = Parties::<Test>::get(PAYEE);
		let certificate = payee.certificate.as_mut().unwrap();
		certificate.payload = CertificatePayload {
			identity_hash: genesis_identity(PAYER),
			..certificate.payload.clone()
		};
		Parties::<Test>::insert(PAYEE, payee);
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			Error::<Test>::SameIdentity
		);
		let dry = Credit::dry_run(PAYER, PAYEE, 10);
		assert_eq!(dry.verdict, crate::types::Verdict::Refused(Error::<Test>::SameIdentity.into()));
	});
}

#[test]
fn the_limits_count_the_fee_rounded_against_the_debtor() {
	ExtBuilder::default().build_and_execute(|| {
		// 1% of 1,001 is 10.01, rounded up to 11: 1,012 would be owed, over the 1,010 grade.
		let over = request(1_001);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), over));
		assert_eq!(
			status(over),
			RequestStatus::Rejected(RejectionReason::LimitExceeded {
				limit: LimitKind::Payee,
				node_limit_exceeded: false,
				payee_headroom: GRADE_LIMIT,
				node_headroom: NODE_LIMIT,
			})
		);
		assert!(matches!(
			Credit::dry_run(PAYER, PAYEE, 1_001).verdict,
			crate::types::Verdict::Rejected(_)
		));
		// 1,000 owes 1,010 exactly: it fits.
		assert_eq!(Credit::dry_run(PAYER, PAYEE, 1_000).verdict, crate::types::Verdict::Pass);
		let exact = settled(1_000);
		assert_eq!(Debts::<Test>::get(exact).unwrap().owed(), GRADE_LIMIT);
	});
}

#[test]
fn the_increase_prompt_needs_the_payee_limit_to_pass() {
	ExtBuilder::default().grade_limit(Some(100)).node_limit(50).build_and_execute(|| {
		let id = request(200);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		assert!(matches!(
			last_event(),
			Event::RequestRejected { credit_increase_may_help: false, .. }
		));
	});
}

#[test]
fn an_identity_recorded_for_an_account_without_its_certificate_is_detected() {
	ExtBuilder::default().build().execute_with(|| {
		Identities::<Test>::insert(
			H256::repeat_byte(0x42),
			IdentityRecord { holder: Some(STRANGER), defaults: 0 },
		);
		let error = Credit::do_try_state().unwrap_err();
		assert!(format!("{error:?}").contains("identities:"), "{error:?}");
	});
}

#[test]
fn a_released_identity_kept_without_a_default_is_detected() {
	ExtBuilder::default().build().execute_with(|| {
		Identities::<Test>::insert(
			H256::repeat_byte(0x43),
			IdentityRecord { holder: None, defaults: 0 },
		);
		let error = Credit::do_try_state().unwrap_err();
		assert!(format!("{error:?}").contains("identities:"), "{error:?}");
	});
}
