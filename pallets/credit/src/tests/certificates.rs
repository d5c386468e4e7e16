//! Identity (claim 3): trusted CAs and CA-signed certificates, with real sr25519 and ed25519 keys.

use crate::{
	certificates::{revocation_message, signed_message, CertificateFailure, CertificatePayload},
	mock::*,
	CertificateAuthorities, CertificateHolders, Error, Event, HoldReason, Parties, PayloadOf,
	RevokedSerials, TrustedCas,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get},
};
use sp_core::{ed25519, sr25519, Pair, H256};
use sp_runtime::{DispatchError, MultiSignature, MultiSigner};

const YEAR: u64 = 365 * DAY;

fn ca_pair() -> sr25519::Pair {
	sr25519::Pair::from_string("//CreditChainCA", None).unwrap()
}

fn trust(key: MultiSigner) -> u32 {
	let id = crate::NextCaId::<Test>::get();
	assert_ok!(Credit::add_ca(RuntimeOrigin::root(), b"Dev CA".to_vec().try_into().unwrap(), key));
	id
}

fn payload(ca: u32, subject: AccountId, serial: u64) -> PayloadOf<Test> {
	CertificatePayload {
		ca,
		subject,
		identity_hash: H256::repeat_byte(subject as u8 + 100),
		display_name: b"Acme Trading".to_vec().try_into().unwrap(),
		home_chain: 0,
		serial,
		valid_from: START - DAY,
		valid_until: START + YEAR,
	}
}

fn genesis() -> Vec<u8> {
	Credit::genesis_hash().as_ref().to_vec()
}

fn sign_sr(pair: &sr25519::Pair, payload: &PayloadOf<Test>) -> MultiSignature {
	pair.sign(&signed_message(&genesis(), payload)).into()
}

#[test]
fn a_certificate_signed_by_a_trusted_sr25519_ca_registers_with_a_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let p = payload(ca, PAYER, 1);
		assert_ok!(Credit::register_certificate(
			RuntimeOrigin::signed(PAYER),
			p.clone(),
			sign_sr(&ca_pair(), &p)
		));
		assert_eq!(Parties::<Test>::get(PAYER).certificate.unwrap().payload, p);
		assert_eq!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::Credit(HoldReason::CertificateDeposit),
				&PAYER
			),
			CERT_DEPOSIT
		);
		assert_eq!(last_event(), Event::CertificateRegistered { who: PAYER, ca, serial: 1 });
		assert_eq!(Credit::certificate_status(PAYER).map(|c| c.home_chain), Ok(0));
	});
}

#[test]
fn an_ed25519_ca_works_too() {
	ExtBuilder::default().build_and_execute(|| {
		let pair = ed25519::Pair::from_string("//EdCA", None).unwrap();
		let ca = trust(pair.public().into());
		let p = payload(ca, PAYEE, 2);
		let signature: MultiSignature = pair.sign(&signed_message(&genesis(), &p)).into();
		assert_ok!(Credit::register_certificate(RuntimeOrigin::signed(PAYEE), p, signature));
	});
}

#[test]
fn a_signature_by_another_key_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let impostor = sr25519::Pair::from_string("//Impostor", None).unwrap();
		let p = payload(ca, PAYER, 1);
		assert_noop!(
			Credit::register_certificate(
				RuntimeOrigin::signed(PAYER),
				p.clone(),
				sign_sr(&impostor, &p)
			),
			Error::<Test>::BadCertificateSignature
		);
	});
}

#[test]
fn a_tampered_payload_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let p = payload(ca, PAYER, 1);
		let signature = sign_sr(&ca_pair(), &p);
		let mut tampered = p;
		tampered.valid_until += YEAR;
		assert_noop!(
			Credit::register_certificate(RuntimeOrigin::signed(PAYER), tampered, signature),
			Error::<Test>::BadCertificateSignature
		);
	});
}

#[test]
fn a_certificate_for_another_chain_cannot_be_replayed() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let p = payload(ca, PAYER, 1);
		let other_chain = [1u8; 32];
		let signature: MultiSignature = ca_pair().sign(&signed_message(&other_chain, &p)).into();
		assert_noop!(
			Credit::register_certificate(RuntimeOrigin::signed(PAYER), p, signature),
			Error::<Test>::BadCertificateSignature
		);
	});
}

#[test]
fn expired_and_not_yet_valid_certificates_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let mut old = payload(ca, PAYER, 1);
		old.valid_until = START - 1;
		assert_noop!(
			Credit::register_certificate(
				RuntimeOrigin::signed(PAYER),
				old.clone(),
				sign_sr(&ca_pair(), &old)
			),
			Error::<Test>::CertificateExpired
		);
		let mut early = payload(ca, PAYER, 2);
		early.valid_from = START + 1;
		assert_noop!(
			Credit::register_certificate(
				RuntimeOrigin::signed(PAYER),
				early.clone(),
				sign_sr(&ca_pair(), &early)
			),
			Error::<Test>::CertificateNotYetValid
		);
	});
}

/// The payer certified by a newly trusted CA under serial 5, which the CA then revokes.
fn certified_then_revoked() -> u32 {
	let ca = trust(ca_pair().public().into());
	let p = payload(ca, PAYER, 5);
	assert_ok!(Credit::register_certificate(
		RuntimeOrigin::signed(PAYER),
		p.clone(),
		sign_sr(&ca_pair(), &p)
	));
	assert_ok!(Credit::revoke_certificate(RuntimeOrigin::root(), ca, 5));
	ca
}

#[test]
fn a_revoked_certificate_is_refused_and_stops_being_valid() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = certified_then_revoked();
		assert_eq!(last_event(), Event::CertificateRevoked { ca, serial: 5 });
		assert!(Parties::<Test>::get(PAYER).certificate.unwrap().revoked, "marked on its holder");
		assert_eq!(
			Credit::certificate_status(PAYER).map(|c| c.home_chain),
			Err(CertificateFailure::Revoked)
		);
		let p = payload(ca, PAYER, 5);
		assert_noop!(
			Credit::register_certificate(
				RuntimeOrigin::signed(PAYER),
				p.clone(),
				sign_sr(&ca_pair(), &p)
			),
			Error::<Test>::CertificateRevoked
		);
	});
}

#[test]
fn removing_a_ca_invalidates_its_certificates_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let p = payload(ca, PAYER, 1);
		assert_ok!(Credit::register_certificate(
			RuntimeOrigin::signed(PAYER),
			p.clone(),
			sign_sr(&ca_pair(), &p)
		));
		assert_eq!(TrustedCas::<Test>::get().to_vec(), vec![0, ca], "the genesis CA and this one");
		assert_ok!(Credit::remove_ca(RuntimeOrigin::root(), ca));
		assert!(!CertificateAuthorities::<Test>::contains_key(ca));
		assert_eq!(TrustedCas::<Test>::get().to_vec(), vec![0]);
		assert_eq!(
			Credit::certificate_status(PAYER).map(|c| c.home_chain),
			Err(CertificateFailure::UntrustedCa)
		);
		let q = payload(ca, PAYEE, 2);
		assert_noop!(
			Credit::register_certificate(
				RuntimeOrigin::signed(PAYEE),
				q.clone(),
				sign_sr(&ca_pair(), &q)
			),
			Error::<Test>::UntrustedCa
		);
	});
}

#[test]
fn only_the_subject_may_register_its_certificate() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let p = payload(ca, PAYER, 1);
		assert_noop!(
			Credit::register_certificate(
				RuntimeOrigin::signed(OTHER),
				p.clone(),
				sign_sr(&ca_pair(), &p)
			),
			Error::<Test>::CertificateNotForCaller
		);
	});
}

#[test]
fn removing_a_certificate_returns_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let p = payload(ca, PAYER, 1);
		assert_ok!(Credit::register_certificate(
			RuntimeOrigin::signed(PAYER),
			p.clone(),
			sign_sr(&ca_pair(), &p)
		));
		assert_ok!(Credit::remove_certificate(RuntimeOrigin::signed(PAYER)));
		assert_eq!(free(PAYER), START_BALANCE);
		assert_eq!(
			Credit::certificate_status(PAYER).map(|c| c.home_chain),
			Err(CertificateFailure::Missing)
		);
		assert_noop!(
			Credit::remove_certificate(RuntimeOrigin::signed(PAYER)),
			Error::<Test>::CertificateMissing
		);
	});
}

#[test]
fn a_key_is_trusted_under_one_ca_id_at_a_time() {
	ExtBuilder::default().build_and_execute(|| {
		let key: MultiSigner = genesis_ca().public().into();
		let name = || b"again".to_vec().try_into().unwrap();
		assert_noop!(
			Credit::add_ca(RuntimeOrigin::root(), name(), key.clone()),
			Error::<Test>::CaKeyAlreadyTrusted
		);
		// The same bytes as an ed25519 key are another key.
		let ed: MultiSigner = ed25519::Public::from_raw(genesis_ca().public().0).into();
		assert_ok!(Credit::add_ca(RuntimeOrigin::root(), name(), ed));
		// Once removed, the key may be trusted again, under a new id.
		assert_ok!(Credit::remove_ca(RuntimeOrigin::root(), 0));
		let id = crate::NextCaId::<Test>::get();
		assert_ok!(Credit::add_ca(RuntimeOrigin::root(), name(), key));
		assert_eq!(last_event(), Event::CaAdded { ca: id });
	});
}

#[test]
fn ca_administration_needs_the_ca_admin_and_a_known_ca() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::add_ca(
				RuntimeOrigin::signed(PAYER),
				b"x".to_vec().try_into().unwrap(),
				ca_pair().public().into()
			),
			DispatchError::BadOrigin
		);
		assert_noop!(Credit::remove_ca(RuntimeOrigin::root(), 3), Error::<Test>::UnknownCa);
		assert_noop!(
			Credit::revoke_certificate(RuntimeOrigin::root(), 3, 1),
			Error::<Test>::UnknownCa
		);
		assert_noop!(
			Credit::revoke_certificate(RuntimeOrigin::signed(PAYER), 0, 1),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn at_most_max_trusted_cas_are_trusted_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let max = <Test as crate::Config>::MaxTrustedCas::get();
		// A key of its own for each CA: one key is trusted under one id at a time.
		let key = |n: u32| -> MultiSigner {
			sr25519::Pair::from_string(&format!("//CA{n}"), None).unwrap().public().into()
		};
		for n in 1..max {
			trust(key(n));
		}
		assert_eq!(TrustedCas::<Test>::get().len() as u32, max);
		assert_noop!(
			Credit::add_ca(
				RuntimeOrigin::root(),
				b"one too many".to_vec().try_into().unwrap(),
				key(max)
			),
			Error::<Test>::TooManyCas
		);
		assert_ok!(Credit::remove_ca(RuntimeOrigin::root(), 1));
		trust(key(max));
	});
}

#[test]
fn a_serial_names_one_certificate() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let register = |who: AccountId, serial: u64| {
			let p = payload(ca, who, serial);
			Credit::register_certificate(
				RuntimeOrigin::signed(who),
				p.clone(),
				sign_sr(&ca_pair(), &p),
			)
		};
		assert_ok!(register(PAYER, 5));
		assert_eq!(CertificateHolders::<Test>::get(ca, 5), Some(PAYER));
		assert_noop!(register(PAYEE, 5), Error::<Test>::SerialHeldByAnother);
		// The payer replaces its certificate: serial 5 is free again.
		assert_ok!(register(PAYER, 6));
		assert_eq!(CertificateHolders::<Test>::get(ca, 5), None);
		assert_ok!(register(PAYEE, 5));
		assert_ok!(Credit::remove_certificate(RuntimeOrigin::signed(PAYEE)));
		assert_eq!(CertificateHolders::<Test>::get(ca, 5), None);
	});
}

#[test]
fn a_revoked_serial_of_a_removed_ca_is_reaped_while_its_certificate_is_registered() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = certified_then_revoked();
		assert_ok!(Credit::remove_ca(RuntimeOrigin::root(), ca));
		let entry = crate::types::StaleEntry::RevokedSerial(ca, 5);
		assert_ok!(Credit::reap(RuntimeOrigin::signed(PAYEE), entry));
		assert!(!RevokedSerials::<Test>::contains_key(ca, 5));
		// The certificate keeps its mark, and identifies no one: its CA is gone.
		assert!(Parties::<Test>::get(PAYER).certificate.unwrap().revoked);
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 10, goods()),
			Error::<Test>::PayerCertificateUntrustedCa
		);
		// `build_and_execute` checks every invariant after this.
	});
}

#[test]
fn a_holder_index_out_of_step_is_detected() {
	let broken = |f: fn()| {
		ExtBuilder::default().build().execute_with(|| {
			f();
			Credit::do_try_state()
		})
	};
	assert_eq!(
		broken(|| CertificateHolders::<Test>::remove(0, PAYER)),
		Err(DispatchError::Other("certificates: a certificate is missing from the holder index"))
	);
	assert_eq!(
		broken(|| CertificateHolders::<Test>::insert(0, 99, PAYER)),
		Err(DispatchError::Other(
			"certificates: the holder index names a certificate that is not stored"
		))
	);
	assert_eq!(
		broken(
			|| Parties::<Test>::mutate(PAYER, |s| s.certificate.as_mut().unwrap().revoked = true)
		),
		Err(DispatchError::Other(
			"certificates: a certificate's revoked mark differs from its serial's"
		))
	);
	// A serial revoked without its certificate marked, under a CA that is gone.
	assert_eq!(
		broken(|| {
			let ca = Parties::<Test>::get(PAYER).certificate.unwrap().payload.ca;
			RevokedSerials::<Test>::insert(
				ca,
				Parties::<Test>::get(PAYER).certificate.unwrap().payload.serial,
				(),
			);
			CertificateAuthorities::<Test>::remove(ca);
			TrustedCas::<Test>::mutate(|cas| cas.retain(|id| *id != ca));
		}),
		Err(DispatchError::Other(
			"certificates: a certificate's revoked mark differs from its serial's"
		))
	);
}

#[test]
fn a_trusted_set_out_of_step_with_the_stored_cas_is_detected() {
	ExtBuilder::default().build().execute_with(|| {
		TrustedCas::<Test>::mutate(|trusted| trusted.try_push(9).unwrap());
		assert_eq!(
			Credit::do_try_state(),
			Err(DispatchError::Other(
				"certificates: the trusted CA set differs from the stored CAs"
			))
		);
	});
}

#[test]
fn a_certificate_deposit_released_behind_the_pallets_back_is_detected() {
	ExtBuilder::default().build().execute_with(|| {
		use frame_support::traits::{fungible::MutateHold, tokens::Precision};
		let ca = trust(ca_pair().public().into());
		let p = payload(ca, PAYER, 1);
		assert_ok!(Credit::register_certificate(
			RuntimeOrigin::signed(PAYER),
			p.clone(),
			sign_sr(&ca_pair(), &p)
		));
		Balances::release(
			&RuntimeHoldReason::Credit(HoldReason::CertificateDeposit),
			&PAYER,
			CERT_DEPOSIT,
			Precision::Exact,
		)
		.unwrap();
		assert_eq!(
			Credit::do_try_state(),
			Err(DispatchError::Other("certificates: a certificate's deposit is not held"))
		);
	});
}

#[test]
fn a_revocation_signed_by_the_ca_is_accepted_from_anyone() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let p = payload(ca, PAYER, 9);
		assert_ok!(Credit::register_certificate(
			RuntimeOrigin::signed(PAYER),
			p.clone(),
			sign_sr(&ca_pair(), &p)
		));
		let signature: MultiSignature =
			ca_pair().sign(&revocation_message(&genesis(), ca, 9)).into();
		assert_ok!(Credit::revoke_certificate_signed(
			RuntimeOrigin::signed(OTHER),
			ca,
			9,
			signature
		));
		assert_eq!(last_event(), Event::CertificateRevoked { ca, serial: 9 });
		assert_eq!(
			Credit::certificate_status(PAYER).map(|c| c.home_chain),
			Err(CertificateFailure::Revoked)
		);
	});
}

#[test]
fn a_revocation_not_signed_by_the_ca_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let ca = trust(ca_pair().public().into());
		let impostor = sr25519::Pair::from_string("//Impostor", None).unwrap();
		let forged: MultiSignature = impostor.sign(&revocation_message(&genesis(), ca, 9)).into();
		assert_noop!(
			Credit::revoke_certificate_signed(RuntimeOrigin::signed(OTHER), ca, 9, forged),
			Error::<Test>::BadRevocationSignature
		);
		let other_chain: MultiSignature =
			ca_pair().sign(&revocation_message(&[1; 32], ca, 9)).into();
		assert_noop!(
			Credit::revoke_certificate_signed(RuntimeOrigin::signed(OTHER), ca, 9, other_chain),
			Error::<Test>::BadRevocationSignature
		);
		let sig: MultiSignature = ca_pair().sign(&revocation_message(&genesis(), 42, 9)).into();
		assert_noop!(
			Credit::revoke_certificate_signed(RuntimeOrigin::signed(OTHER), 42, 9, sig),
			Error::<Test>::UnknownCa
		);
	});
}

#[test]
#[should_panic(expected = "a genesis subject has two certificates")]
fn a_genesis_subject_with_two_certificates_stops_the_chain() {
	use sp_runtime::BuildStorage;
	let certificate = |serial| genesis_certificate(PAYER, serial);
	let _ = crate::GenesisConfig::<Test> {
		cas: vec![(b"Genesis CA".to_vec(), ca_pair().public().0)],
		certificates: vec![certificate(1), certificate(2)],
		..Default::default()
	}
	.build_storage();
}

#[test]
#[should_panic(expected = "two genesis certificates carry one serial")]
fn two_genesis_certificates_with_one_serial_stop_the_chain() {
	use sp_runtime::BuildStorage;
	let certificate = |who| genesis_certificate(who, 7);
	let _ = crate::GenesisConfig::<Test> {
		cas: vec![(b"Genesis CA".to_vec(), ca_pair().public().0)],
		certificates: vec![certificate(PAYER), certificate(PAYEE)],
		..Default::default()
	}
	.build_storage();
}

#[test]
#[should_panic(expected = "two genesis certificates carry one identity")]
fn two_genesis_certificates_of_one_identity_stop_the_chain() {
	use sp_runtime::BuildStorage;
	let mut second = genesis_certificate(PAYEE, 8);
	second.identity_hash = [PAYER as u8; 32];
	let _ = crate::GenesisConfig::<Test> {
		cas: vec![(b"Genesis CA".to_vec(), ca_pair().public().0)],
		certificates: vec![genesis_certificate(PAYER, 7), second],
		..Default::default()
	}
	.build_storage();
}

/// A genesis certificate of CA 0 for `subject` with `serial`, valid for a year.
fn genesis_certificate(subject: AccountId, serial: u64) -> crate::GenesisCertificate<AccountId> {
	crate::GenesisCertificate {
		ca: 0,
		subject,
		identity_hash: [subject as u8; 32],
		display_name: b"dev".to_vec(),
		home_chain: 0,
		serial,
		valid_from: 0,
		valid_until: START + YEAR,
	}
}
