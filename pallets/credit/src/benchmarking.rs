//! Benchmarks of every call, each in its worst case: the payer's bounded indexes (open requests,
//! open debts) filled to one below their bound, its recent repayments full, the payee's volume
//! window full, names and descriptions at their longest, certificates signed with sr25519 (the
//! costliest scheme to verify, as `part_verify_signature` measures), so the measured weight
//! covers every state a call can meet.
//!
//! The `part_*` benchmarks (`extra`: no call's weight) measure the pieces a call is made of, for
//! `docs/performance.md`: a first read of a stored key, a balance hold, a CA signature check in
//! each scheme.

// Benchmarks set up state that must exist: a failed setup should stop the run at once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::*;
use crate::types::*;
use codec::{Decode, Encode};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	tokens::Preservation,
	EnsureOrigin, Get,
};
use frame_support::BoundedVec;
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::{
	traits::{Bounded, Saturating, Zero},
	MultiSignature, MultiSigner,
};

/// Leaves the caller's account out of the counted reads and writes, as `whitelisted_caller` does in
/// FRAME's own benchmarks: a transaction's fee payment reads and writes it before any call.
fn whitelist_caller<T: Config>(who: &T::AccountId) {
	frame_benchmarking::benchmarking::add_to_whitelist(
		frame_system::Account::<T>::hashed_key_for(who).into(),
	);
}

/// A generous balance: a thousand times the existential deposit, times `units`.
fn units<T: Config>(units: u32) -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(1_000u32.into()).saturating_mul(units.into())
}

/// A realistic wall-clock time (2027), so time buckets and due dates are not all zero.
const BENCHMARK_NOW: Moment = 1_800_000_000_000;

/// Sets the clock to `BENCHMARK_NOW` unless a benchmark already moved it.
fn clock<T: Config>() {
	if Pallet::<T>::now() < BENCHMARK_NOW {
		T::BenchmarkHelper::set_time(BENCHMARK_NOW);
	}
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	clock::<T>();
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, units::<T>(1_000_000));
	who
}

/// Trusts CA `ca` (with the longest name), keeping the trusted set sorted.
fn trust<T: Config>(ca: crate::certificates::CaId) {
	CertificateAuthorities::<T>::insert(
		ca,
		crate::certificates::CertificateAuthority {
			name: longest_name::<T>(),
			key: crate::certificates::CaKey::Sr25519(sp_core::sr25519::Public::from_raw([7; 32])),
		},
	);
	TrustedCas::<T>::mutate(|trusted| {
		if let Err(at) = trusted.binary_search(&ca) {
			trusted.try_insert(at, ca).expect("the benchmarks trust at most MaxTrustedCas CAs");
		}
	});
}

/// Gives `who` a certificate valid for ever on this chain, from a CA of its own and with a serial
/// of its own, as on a real chain (indexed under both, as registration does).
fn certify<T: Config>(who: &T::AccountId) {
	let tag = sp_io::hashing::blake2_256(&who.encode());
	let ca = crate::certificates::CaId::decode(&mut &tag[..4]).unwrap();
	let serial = u64::decode(&mut &tag[4..12]).unwrap();
	trust::<T>(ca);
	let payload = crate::certificates::CertificatePayload {
		ca,
		subject: who.clone(),
		identity_hash: H256::repeat_byte(2),
		display_name: Default::default(),
		home_chain: T::LocalChainId::get(),
		serial,
		valid_from: 0,
		valid_until: Moment::MAX,
	};
	CertificateHolders::<T>::insert(ca, serial, who);
	Parties::<T>::mutate(who, |state| {
		state.certificate = Some(crate::certificates::Certificate {
			payload,
			deposit: Zero::zero(),
			revoked: false,
		})
	});
}

fn goods<T: Config>() -> GoodsOf<T> {
	let len = T::MaxDescriptionLen::get() as usize;
	Goods {
		order_hash: H256::repeat_byte(1),
		description: alloc::vec![b'x'; len].try_into().unwrap(),
	}
}

/// Sets `payer`'s base limit.
fn base_limit<T: Config>(payer: &T::AccountId, limit: BalanceOf<T>) {
	Parties::<T>::mutate(payer, |state| state.profile.base_limit = limit);
}

/// A payer and payee with room under both limits, a funded pool, the payer's indexes one below
/// their bounds, and as many CAs trusted as may be.
fn worst_case_parties<T: Config>() -> (T::AccountId, T::AccountId) {
	let payer = funded::<T>("payer", 0);
	let payee = funded::<T>("payee", 0);
	certify::<T>(&payer);
	certify::<T>(&payee);
	for ca in 0..T::MaxTrustedCas::get() {
		if TrustedCas::<T>::decode_len().unwrap_or_default() < T::MaxTrustedCas::get() as usize {
			trust::<T>(ca);
		}
	}
	T::Currency::set_balance(&Pallet::<T>::pool_account(), units::<T>(1_000_000));
	Grades::<T>::insert(&payee, &payer, Grade { level: 1, limit: BalanceOf::<T>::max_value() });
	base_limit::<T>(&payer, BalanceOf::<T>::max_value());
	for _ in 1..T::MaxOpenDebts::get() {
		let id = Pallet::<T>::do_request(payer.clone(), payee.clone(), units::<T>(1), goods::<T>())
			.unwrap();
		Pallet::<T>::do_accept(payee.clone(), id).unwrap();
	}
	for _ in 1..T::MaxOpenRequests::get() {
		Pallet::<T>::do_request(payer.clone(), payee.clone(), units::<T>(1), goods::<T>()).unwrap();
	}
	// A full volume window at the payee (every bucket current) and a full recent history.
	let now = Pallet::<T>::now();
	let length = T::VolumeBucketLength::get();
	PayeeVolume::<T>::mutate(&payee, |ring| {
		for back in 0..u64::from(T::VolumeBuckets::get()) {
			let at = now.saturating_sub(back.saturating_mul(length));
			crate::volume::record(ring, at, length, units::<T>(1));
		}
	});
	Parties::<T>::mutate(&payer, |state| {
		let recent = &mut state.recent_repayments;
		while recent
			.try_push(Repayment { debt: 0, amount: units::<T>(1), at: now, on_time: true })
			.is_ok()
		{}
	});
	(payer, payee)
}

/// Moves the clock past every open debt's due date by more than `DefaultAfter`, so reads of what
/// is overdue read every debt.
fn all_debts_in_default<T: Config>() {
	let late = Pallet::<T>::now()
		.saturating_add(T::RepaymentPeriod::get())
		.saturating_add(T::DefaultAfter::get())
		.saturating_add(1);
	T::BenchmarkHelper::set_time(late);
}

/// The benchmark CA's keys, kept in the keystore the benchmark command provides.
const CA_KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"cabn");

/// The schemes a CA key can use, as `MultiSignature` verifies them (an `Eth` key verifies as
/// ecdsa does, with keccak-256 instead of BLAKE2-256).
#[derive(Clone, Copy)]
enum Scheme {
	Ed25519,
	Sr25519,
	Ecdsa,
}

/// The schemes `part_verify_signature` measures, by its component `s`.
const SCHEMES: [Scheme; 3] = [Scheme::Ed25519, Scheme::Sr25519, Scheme::Ecdsa];

/// The scheme the benchmarks' CA signs with: the costliest to verify, by
/// `part_verify_signature` (sr25519, by a few microseconds over ed25519 and ecdsa).
const COSTLIEST_SCHEME: Scheme = Scheme::Sr25519;

fn ca_public(scheme: Scheme) -> MultiSigner {
	let seed = Some(b"//CreditBenchmarkCA".to_vec());
	match scheme {
		Scheme::Ed25519 => sp_io::crypto::ed25519_generate(CA_KEY_TYPE, seed).into(),
		Scheme::Sr25519 => sp_io::crypto::sr25519_generate(CA_KEY_TYPE, seed).into(),
		Scheme::Ecdsa => sp_io::crypto::ecdsa_generate(CA_KEY_TYPE, seed).into(),
	}
}

/// The CA's signature over `message` with its key of `scheme`.
fn ca_sign_with(scheme: Scheme, message: &[u8]) -> MultiSignature {
	let public = ca_public(scheme);
	let signature = match (scheme, &public) {
		(Scheme::Ed25519, MultiSigner::Ed25519(key)) => {
			sp_io::crypto::ed25519_sign(CA_KEY_TYPE, key, message).map(Into::into)
		}
		(Scheme::Sr25519, MultiSigner::Sr25519(key)) => {
			sp_io::crypto::sr25519_sign(CA_KEY_TYPE, key, message).map(Into::into)
		}
		(Scheme::Ecdsa, MultiSigner::Ecdsa(key)) => {
			sp_io::crypto::ecdsa_sign(CA_KEY_TYPE, key, message).map(Into::into)
		}
		_ => None,
	};
	signature.expect("the benchmark CA's key is in the keystore")
}

/// The CA's signature over `message`, in the costliest scheme.
fn ca_sign(message: &[u8]) -> MultiSignature {
	ca_sign_with(COSTLIEST_SCHEME, message)
}

fn longest_name<T: Config>() -> NameOf<T> {
	alloc::vec![b'n'; T::MaxNameLen::get() as usize].try_into().unwrap()
}

/// A trusted CA with a key of the costliest scheme and the longest name.
fn trusted_ca<T: Config>() -> crate::certificates::CaId {
	let ca = NextCaId::<T>::get();
	Pallet::<T>::do_add_ca(longest_name::<T>(), ca_public(COSTLIEST_SCHEME)).unwrap();
	ca
}

/// A payload for `who` from `ca`, with the longest display name, signed by the CA in the
/// costliest scheme.
fn signed_certificate<T: Config>(
	who: &T::AccountId,
	ca: crate::certificates::CaId,
) -> (PayloadOf<T>, MultiSignature) {
	signed_certificate_in::<T>(who, ca, COSTLIEST_SCHEME)
}

/// A payload for `who` from `ca`, with the longest display name, signed by the CA's key of
/// `scheme`.
fn signed_certificate_in<T: Config>(
	who: &T::AccountId,
	ca: crate::certificates::CaId,
	scheme: Scheme,
) -> (PayloadOf<T>, MultiSignature) {
	let payload = crate::certificates::CertificatePayload {
		ca,
		subject: who.clone(),
		identity_hash: H256::repeat_byte(3),
		display_name: longest_name::<T>(),
		home_chain: T::LocalChainId::get(),
		serial: 1,
		valid_from: 0,
		valid_until: Moment::MAX,
	};
	let message =
		crate::certificates::signed_message(Pallet::<T>::genesis_hash().as_ref(), &payload);
	(payload, ca_sign_with(scheme, &message))
}

/// A trusted CA and a certificate of its with serial 1, registered: revoking serial 1 then marks
/// the holder's certificate, the costlier case.
fn registered_certificate<T: Config>() -> (crate::certificates::CaId, T::AccountId) {
	let holder = funded::<T>("holder", 0);
	let ca = trusted_ca::<T>();
	let (payload, signature) = signed_certificate::<T>(&holder, ca);
	Pallet::<T>::do_register_certificate(holder.clone(), payload, signature).unwrap();
	(ca, holder)
}

/// An open credit-increase request from `payer`, with the longest note.
fn open_increase<T: Config>(payer: &T::AccountId) {
	Pallet::<T>::do_request_increase(
		payer.clone(),
		units::<T>(1),
		H256::repeat_byte(4),
		longest_note::<T>(),
	)
	.unwrap();
}

fn longest_note<T: Config>() -> DescriptionOf<T> {
	alloc::vec![b'e'; T::MaxDescriptionLen::get() as usize].try_into().unwrap()
}

/// Entries already stored, by the `s` component of the `*_at_scale` benchmarks. The unit tests
/// run every benchmark once as a test, where a thousand entries show the setup works; the
/// benchmark command stores up to 100,000.
const SCALES: [u32; 3] = if cfg!(test) { [10, 100, 1_000] } else { [10, 10_000, 100_000] };

/// Stores `n` other payer/payee pairs, each with a grade, a settled request and its open debt
/// (indexed with what it owes): the state a busy chain has, which no call may walk.
fn populate<T: Config>(n: u32) {
	clock::<T>();
	let now = Pallet::<T>::now();
	let amount = units::<T>(1);
	let due_at = now.saturating_add(T::RepaymentPeriod::get());
	for i in 0..n {
		let payer: T::AccountId = account("other-payer", i, 1);
		let payee: T::AccountId = account("other-payee", i, 1);
		Grades::<T>::insert(&payee, &payer, Grade { level: 1, limit: amount });
		let id = NextRequestId::<T>::get();
		NextRequestId::<T>::put(id.saturating_add(1));
		Requests::<T>::insert(
			id,
			CreditRequest {
				payer: payer.clone(),
				payee: payee.clone(),
				amount,
				goods: goods::<T>(),
				payer_certificate: certified_as::<T>(),
				payee_certificate: certified_as::<T>(),
				deposit: Zero::zero(),
				created_at: now,
				expires_at: now.saturating_add(T::RequestLifetime::get()),
				status: RequestStatus::Settled,
			},
		);
		Debts::<T>::insert(
			id,
			Debt {
				payer: payer.clone(),
				payee: payee.clone(),
				principal: amount,
				fee: Zero::zero(),
				repaid: Zero::zero(),
				settled_at: now,
				due_at,
				standing: DebtStanding::Current,
			},
		);
		let entry = DebtRef { id, payee: payee.clone(), due_at, owed: amount };
		Parties::<T>::insert(
			&payer,
			PartyStateOf::<T> {
				open_debts: BoundedVec::truncate_from(alloc::vec![entry]),
				..Default::default()
			},
		);
	}
}

/// A certificate as a stored request keeps it: on this chain, valid for ever.
fn certified_as<T: Config>() -> crate::certificates::CertifiedAs {
	crate::certificates::CertifiedAs {
		ca: 0,
		serial: 0,
		home_chain: T::LocalChainId::get(),
		valid_from: 0,
		valid_until: Moment::MAX,
	}
}

fn pending<T: Config>(payer: &T::AccountId, payee: &T::AccountId) -> RequestId {
	Pallet::<T>::do_request(payer.clone(), payee.clone(), units::<T>(1), goods::<T>()).unwrap()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn fund_pool() {
		let funder = funded::<T>("funder", 0);
		whitelist_caller::<T>(&funder);
		#[extrinsic_call]
		_(RawOrigin::Signed(funder), units::<T>(1));
		assert!(!Pool::<T>::get().funded.is_zero());
	}

	#[benchmark]
	fn withdraw_from_pool() -> Result<(), BenchmarkError> {
		let origin =
			T::PoolOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		T::Currency::set_balance(&Pallet::<T>::pool_account(), units::<T>(10));
		let to: T::AccountId = account("to", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, to, units::<T>(1));
		assert!(!Pool::<T>::get().withdrawn.is_zero());
		Ok(())
	}

	#[benchmark]
	fn set_grade() {
		let payee = funded::<T>("payee", 0);
		let payer: T::AccountId = account("payer", 0, 0);
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee.clone()), payer.clone(), 3, units::<T>(1));
		assert!(Grades::<T>::contains_key(&payee, &payer));
	}

	#[benchmark]
	fn remove_grade() {
		let payee = funded::<T>("payee", 0);
		let payer: T::AccountId = account("payer", 0, 0);
		Grades::<T>::insert(&payee, &payer, Grade { level: 1, limit: units::<T>(1) });
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee.clone()), payer.clone());
		assert!(!Grades::<T>::contains_key(&payee, &payer));
	}

	#[benchmark]
	fn set_base_limit() -> Result<(), BenchmarkError> {
		let origin =
			T::CreditOfficer::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		all_debts_in_default::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, payer.clone(), units::<T>(5));
		assert_eq!(Parties::<T>::get(&payer).profile.base_limit, units::<T>(5));
		Ok(())
	}

	#[benchmark]
	fn request_credit_payment() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = NextRequestId::<T>::get();
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer), payee, units::<T>(1), goods::<T>());
		assert!(Requests::<T>::contains_key(id));
	}

	#[benchmark]
	fn cancel_request() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Cancelled);
	}

	#[benchmark]
	fn accept_request() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Settled);
	}

	#[benchmark]
	fn decline_request() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Declined);
	}

	#[benchmark]
	fn acknowledge_receipt() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee.clone(), id).unwrap();
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Completed);
	}

	#[benchmark]
	fn repay() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee, id).unwrap();
		let owed = Pallet::<T>::owed(&Debts::<T>::get(id).unwrap());
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer), id, owed);
		assert!(!Debts::<T>::contains_key(id));
	}

	#[benchmark]
	fn close_expired() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		let expires_at = Requests::<T>::get(id).unwrap().expires_at;
		T::BenchmarkHelper::set_time(expires_at.saturating_add(1));
		let closer = funded::<T>("closer", 0);
		whitelist_caller::<T>(&closer);
		#[extrinsic_call]
		_(RawOrigin::Signed(closer), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Expired);
	}

	#[benchmark]
	fn add_ca() -> Result<(), BenchmarkError> {
		let origin = T::CaAdmin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let ca = NextCaId::<T>::get();
		#[extrinsic_call]
		// An ecdsa key: the longest a `CaKey` stores.
		_(origin as T::RuntimeOrigin, longest_name::<T>(), ca_public(Scheme::Ecdsa));
		assert!(CertificateAuthorities::<T>::contains_key(ca));
		Ok(())
	}

	#[benchmark]
	fn remove_ca() -> Result<(), BenchmarkError> {
		let origin = T::CaAdmin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let ca = trusted_ca::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, ca);
		assert!(!CertificateAuthorities::<T>::contains_key(ca));
		Ok(())
	}

	#[benchmark]
	fn revoke_certificate() -> Result<(), BenchmarkError> {
		let origin = T::CaAdmin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (ca, holder) = registered_certificate::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, ca, 1);
		assert!(RevokedSerials::<T>::contains_key(ca, 1));
		assert!(Parties::<T>::get(&holder).certificate.unwrap().revoked);
		Ok(())
	}

	#[benchmark]
	fn revoke_certificate_signed() {
		let (ca, holder) = registered_certificate::<T>();
		let message =
			crate::certificates::revocation_message(Pallet::<T>::genesis_hash().as_ref(), ca, 1);
		let signature = ca_sign(&message);
		let submitter = funded::<T>("submitter", 0);
		whitelist_caller::<T>(&submitter);
		#[extrinsic_call]
		_(RawOrigin::Signed(submitter), ca, 1, signature);
		assert!(RevokedSerials::<T>::contains_key(ca, 1));
		assert!(Parties::<T>::get(&holder).certificate.unwrap().revoked);
	}

	#[benchmark]
	fn register_certificate() {
		let who = funded::<T>("subject", 0);
		let ca = trusted_ca::<T>();
		let (payload, signature) = signed_certificate::<T>(&who, ca);
		whitelist_caller::<T>(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), payload, signature);
		assert!(Parties::<T>::get(&who).certificate.is_some());
	}

	#[benchmark]
	fn remove_certificate() {
		let who = funded::<T>("subject", 0);
		let ca = trusted_ca::<T>();
		let (payload, signature) = signed_certificate::<T>(&who, ca);
		Pallet::<T>::do_register_certificate(who.clone(), payload, signature).unwrap();
		whitelist_caller::<T>(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Parties::<T>::get(&who).certificate.is_none());
	}

	#[benchmark]
	fn request_credit_increase() {
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(payer.clone()),
			units::<T>(1),
			H256::repeat_byte(4),
			longest_note::<T>(),
		);
		assert!(Parties::<T>::get(&payer).increase_request.is_some());
	}

	#[benchmark]
	fn withdraw_credit_increase() {
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		open_increase::<T>(&payer);
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer.clone()));
		assert!(Parties::<T>::get(&payer).increase_request.is_none());
	}

	#[benchmark]
	fn approve_credit_increase() -> Result<(), BenchmarkError> {
		let origin =
			T::CreditOfficer::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		open_increase::<T>(&payer);
		all_debts_in_default::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, payer.clone());
		assert_eq!(Parties::<T>::get(&payer).profile.base_limit, units::<T>(2));
		Ok(())
	}

	#[benchmark]
	fn reject_credit_increase() -> Result<(), BenchmarkError> {
		let origin =
			T::CreditOfficer::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		open_increase::<T>(&payer);
		// Abusive: the deposit moves to the pool, the costlier way out.
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, payer.clone(), true);
		assert!(Parties::<T>::get(&payer).increase_request.is_none());
		Ok(())
	}

	#[benchmark]
	fn report_overdue() {
		let (payer, _) = worst_case_parties::<T>();
		let id = Parties::<T>::get(&payer).open_debts.first().map(|debt| debt.id).unwrap();
		all_debts_in_default::<T>();
		let reporter = funded::<T>("reporter", 0);
		whitelist_caller::<T>(&reporter);
		#[extrinsic_call]
		_(RawOrigin::Signed(reporter), id);
		assert_eq!(Debts::<T>::get(id).unwrap().standing, DebtStanding::Defaulted);
	}

	// Flat with scale: the lifecycle calls with 10, 10,000 and 100,000 other pairs stored
	// (`s` = 0, 1, 2). `extra`: not part of the weights, run by `scripts/bench.sh` on their own.

	#[benchmark(extra)]
	fn request_credit_payment_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let (payer, payee) = worst_case_parties::<T>();
		let id = NextRequestId::<T>::get();
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		request_credit_payment(RawOrigin::Signed(payer), payee, units::<T>(1), goods::<T>());
		assert!(Requests::<T>::contains_key(id));
	}

	#[benchmark(extra)]
	fn accept_request_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		accept_request(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Settled);
	}

	#[benchmark(extra)]
	fn acknowledge_receipt_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee.clone(), id).unwrap();
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		acknowledge_receipt(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Completed);
	}

	#[benchmark(extra)]
	fn repay_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee, id).unwrap();
		let owed = Pallet::<T>::owed(&Debts::<T>::get(id).unwrap());
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		repay(RawOrigin::Signed(payer), id, owed);
		assert!(!Debts::<T>::contains_key(id));
	}

	#[benchmark(extra)]
	fn set_grade_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let payee = funded::<T>("payee", 0);
		let payer: T::AccountId = account("payer", 0, 0);
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		set_grade(RawOrigin::Signed(payee.clone()), payer.clone(), 3, units::<T>(1));
		assert!(Grades::<T>::contains_key(&payee, &payer));
	}

	/// The reference for the rows above: a plain transfer to a new account (what
	/// `transfer_keep_alive` does) in the same state, so a reader can see how much of any call's
	/// growth is the trie's, which every storage access pays.
	#[benchmark(extra)]
	fn transfer_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let sender = funded::<T>("sender", 0);
		let recipient: T::AccountId = account("recipient", 0, 0);
		whitelist_caller::<T>(&sender);
		#[block]
		{
			T::Currency::transfer(&sender, &recipient, units::<T>(1), Preservation::Preserve)
				.unwrap();
		}
		assert_eq!(T::Currency::balance(&recipient), units::<T>(1));
	}

	/// A first read of a party's entry (with a certificate), as every call pays for each key it
	/// reads: the unit `docs/performance.md` counts storage in.
	#[benchmark(extra)]
	fn part_read_party() {
		let who = funded::<T>("subject", 0);
		certify::<T>(&who);
		#[block]
		{
			assert!(Parties::<T>::get(&who).certificate.is_some());
		}
	}

	/// Holding a deposit from the caller (pallet-balances' `hold`), as `register_certificate`,
	/// `request_credit_payment` and `request_credit_increase` each do once.
	#[benchmark(extra)]
	fn part_hold_deposit() {
		let who = funded::<T>("subject", 0);
		whitelist_caller::<T>(&who);
		#[block]
		{
			<T::Currency as frame_support::traits::fungible::MutateHold<_>>::hold(
				&HoldReason::CertificateDeposit.into(),
				&who,
				T::CertificateDeposit::get(),
			)
			.unwrap();
		}
	}

	/// Verifying a CA's signature over a certificate, in each scheme: `s` picks it from
	/// [`SCHEMES`] (a component only so that one benchmark runs all three; the time is not linear
	/// in it, and no weight is generated from it).
	#[benchmark(extra)]
	fn part_verify_signature(s: Linear<0, 2>) {
		let scheme = SCHEMES[s as usize];
		let (payload, signature) =
			signed_certificate_in::<T>(&funded::<T>("subject", 0), 0, scheme);
		let key = ca_public(scheme);
		let genesis = Pallet::<T>::genesis_hash();
		#[block]
		{
			assert!(crate::certificates::signature_is_valid(
				&key,
				genesis.as_ref(),
				&payload,
				&signature
			));
		}
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
