//! What the benchmarks set up: funded accounts, certified parties with their indexes filled,
//! trusted CAs with keys in every scheme, and the worst-case state each call can meet.

use crate::types::*;
use crate::*;
use codec::{Decode, Encode};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use sp_core::H256;
use sp_runtime::{
	traits::{Bounded, Saturating, Zero},
	MultiSignature, MultiSigner,
};

/// Leaves the caller's account out of the counted reads and writes, as `whitelisted_caller` does in
/// FRAME's own benchmarks: a transaction's fee payment reads and writes it before any call.
pub(super) fn whitelist_caller<T: Config>(who: &T::AccountId) {
	frame_benchmarking::benchmarking::add_to_whitelist(
		frame_system::Account::<T>::hashed_key_for(who).into(),
	);
}

/// A generous balance: a thousand times the existential deposit, times `units`.
pub(super) fn units<T: Config>(units: u32) -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(1_000u32.into()).saturating_mul(units.into())
}

/// A realistic wall-clock time (2027), so time buckets and due dates are not all zero.
pub(super) const BENCHMARK_NOW: Moment = 1_800_000_000_000;

/// Sets the clock to `BENCHMARK_NOW` unless a benchmark already moved it.
pub(super) fn clock<T: Config>() {
	if Pallet::<T>::now() < BENCHMARK_NOW {
		T::BenchmarkHelper::set_time(BENCHMARK_NOW);
	}
}

pub(super) fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	clock::<T>();
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, units::<T>(1_000_000));
	who
}

/// Trusts CA `ca` (with the longest name), keeping the trusted set sorted.
pub(super) fn trust<T: Config>(ca: crate::certificates::CaId) {
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

/// The identity the benchmarks give `who`'s certificates: one per account, as on a real chain.
pub(super) fn identity_of<T: Config>(who: &T::AccountId) -> H256 {
	H256(sp_io::hashing::blake2_256(&(b"identity", who).encode()))
}

/// Gives `who` a certificate valid for ever on this chain, from a CA of its own, with a serial
/// and an identity of its own, as on a real chain (indexed under all three, as registration
/// does).
pub(super) fn certify<T: Config>(who: &T::AccountId) {
	let tag = sp_io::hashing::blake2_256(&who.encode());
	let ca = crate::certificates::CaId::decode(&mut &tag[..4]).unwrap();
	let serial = u64::decode(&mut &tag[4..12]).unwrap();
	trust::<T>(ca);
	let payload = crate::certificates::CertificatePayload {
		ca,
		subject: who.clone(),
		identity_hash: identity_of::<T>(who),
		display_name: Default::default(),
		home_chain: T::LocalChainId::get(),
		serial,
		valid_from: 0,
		valid_until: Moment::MAX,
	};
	CertificateHolders::<T>::insert(ca, serial, who);
	crate::Identities::<T>::insert(
		identity_of::<T>(who),
		crate::certificates::IdentityRecord { holder: Some(who.clone()), defaults: 0 },
	);
	Parties::<T>::mutate(who, |state| {
		state.certificate = Some(crate::certificates::Certificate {
			payload,
			deposit: Zero::zero(),
			revoked: false,
		})
	});
}

pub(super) fn goods<T: Config>() -> GoodsOf<T> {
	let len = T::MaxDescriptionLen::get() as usize;
	Goods {
		order_hash: H256::repeat_byte(1),
		description: alloc::vec![b'x'; len].try_into().unwrap(),
	}
}

/// Sets `payer`'s base limit.
pub(super) fn base_limit<T: Config>(payer: &T::AccountId, limit: BalanceOf<T>) {
	Parties::<T>::mutate(payer, |state| state.profile.base_limit = limit);
}

/// Puts `amount` in the pool as genesis does: minted, booked, and the pool's own shares.
pub(super) fn booked_pool_funding<T: Config>(amount: BalanceOf<T>) {
	let pool = Pallet::<T>::pool_account();
	T::Currency::set_balance(&pool, T::Currency::balance(&pool).saturating_add(amount));
	Pool::<T>::mutate(|ledger| ledger.funded = ledger.funded.saturating_add(amount));
	Pallet::<T>::mint_shares(&pool, amount).unwrap();
}

/// A payer and payee with room under both limits, a funded pool, the payer's indexes one below
/// their bounds, and as many CAs trusted as may be.
pub(super) fn worst_case_parties<T: Config>() -> (T::AccountId, T::AccountId) {
	let payer = funded::<T>("payer", 0);
	let payee = funded::<T>("payee", 0);
	certify::<T>(&payer);
	certify::<T>(&payee);
	for ca in 0..T::MaxTrustedCas::get() {
		if TrustedCas::<T>::decode_len().unwrap_or_default() < T::MaxTrustedCas::get() as usize {
			trust::<T>(ca);
		}
	}
	booked_pool_funding::<T>(units::<T>(1_000_000));
	Pallet::<T>::do_set_grade(payee.clone(), payer.clone(), 1, units::<T>(1_000_000)).unwrap();
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
		// Entries of other debts: a repayment then scans them all and evicts the oldest.
		let recent = &mut state.recent_repayments;
		let mut debt = RequestId::MAX;
		while recent
			.try_push(Repayment { debt, amount: units::<T>(1), at: now, on_time: true })
			.is_ok()
		{
			debt = debt.saturating_sub(1);
		}
	});
	(payer, payee)
}

/// Backing `payee` holds for another payer, so that a write-off can draw on more than the
/// defaulted grade's own.
pub(super) fn backing_elsewhere<T: Config>(payee: &T::AccountId) {
	let other = funded::<T>("other payer", 0);
	Pallet::<T>::do_set_grade(payee.clone(), other, 1, units::<T>(1_000_000)).unwrap();
}

/// A debt of `payer` to `payee` in its last free slot, too large for the backing its grade
/// keeps once removed (a share of all the payer owes the payee) to cover when written off: the
/// write-off then draws on the payee's other backing too.
pub(super) fn debt_beyond_its_backing<T: Config>(
	payer: &T::AccountId,
	payee: &T::AccountId,
) -> RequestId {
	let owed = Parties::<T>::get(payer).open_debts.owed_to(payee);
	let amount = owed.saturating_add(units::<T>(100));
	let id = Pallet::<T>::do_request(payer.clone(), payee.clone(), amount, goods::<T>()).unwrap();
	Pallet::<T>::do_accept(payee.clone(), id).unwrap();
	id
}

/// Moves the clock past every open debt's due date by more than `DefaultAfter`, so reads of what
/// is overdue read every debt.
pub(super) fn all_debts_in_default<T: Config>() {
	let late = Pallet::<T>::now()
		.saturating_add(T::RepaymentPeriod::get())
		.saturating_add(T::DefaultAfter::get())
		.saturating_add(1);
	T::BenchmarkHelper::set_time(late);
}

/// The benchmark CA's keys, kept in the keystore the benchmark command provides.
pub(super) const CA_KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"cabn");

/// The schemes a CA key can use, as `MultiSignature` verifies them (an `Eth` key verifies as
/// ecdsa does, with keccak-256 instead of BLAKE2-256).
#[derive(Clone, Copy)]
pub(super) enum Scheme {
	Ed25519,
	Sr25519,
	Ecdsa,
}

/// The schemes `part_verify_signature` measures, by its component `s`.
pub(super) const SCHEMES: [Scheme; 3] = [Scheme::Ed25519, Scheme::Sr25519, Scheme::Ecdsa];

/// The scheme the benchmarks' CA signs with: the costliest to verify, by
/// `part_verify_signature` (sr25519; `docs/performance.md` has the figures).
pub(super) const COSTLIEST_SCHEME: Scheme = Scheme::Sr25519;

pub(super) fn ca_public(scheme: Scheme) -> MultiSigner {
	let seed = Some(b"//CreditBenchmarkCA".to_vec());
	match scheme {
		Scheme::Ed25519 => sp_io::crypto::ed25519_generate(CA_KEY_TYPE, seed).into(),
		Scheme::Sr25519 => sp_io::crypto::sr25519_generate(CA_KEY_TYPE, seed).into(),
		Scheme::Ecdsa => sp_io::crypto::ecdsa_generate(CA_KEY_TYPE, seed).into(),
	}
}

/// The CA's signature over `message` with its key of `scheme`.
pub(super) fn ca_sign_with(scheme: Scheme, message: &[u8]) -> MultiSignature {
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
pub(super) fn ca_sign(message: &[u8]) -> MultiSignature {
	ca_sign_with(COSTLIEST_SCHEME, message)
}

pub(super) fn longest_name<T: Config>() -> NameOf<T> {
	alloc::vec![b'n'; T::MaxNameLen::get() as usize].try_into().unwrap()
}

/// A trusted CA with a key of the costliest scheme and the longest name.
pub(super) fn trusted_ca<T: Config>() -> crate::certificates::CaId {
	let ca = NextCaId::<T>::get();
	Pallet::<T>::do_add_ca(longest_name::<T>(), ca_public(COSTLIEST_SCHEME)).unwrap();
	ca
}

/// A payload for `who` from `ca`, with the longest display name, signed by the CA in the
/// costliest scheme.
pub(super) fn signed_certificate<T: Config>(
	who: &T::AccountId,
	ca: crate::certificates::CaId,
) -> (PayloadOf<T>, MultiSignature) {
	signed_certificate_in::<T>(who, ca, COSTLIEST_SCHEME)
}

/// A payload for `who` from `ca`, with the longest display name, signed by the CA's key of
/// `scheme`.
pub(super) fn signed_certificate_in<T: Config>(
	who: &T::AccountId,
	ca: crate::certificates::CaId,
	scheme: Scheme,
) -> (PayloadOf<T>, MultiSignature) {
	signed_certificate_of::<T>(who, ca, scheme, identity_of::<T>(who), 1)
}

/// A payload for `who` from `ca` carrying `identity` under `serial`, with the longest display
/// name, signed by the CA's key of `scheme`.
pub(super) fn signed_certificate_of<T: Config>(
	who: &T::AccountId,
	ca: crate::certificates::CaId,
	scheme: Scheme,
	identity: H256,
	serial: u64,
) -> (PayloadOf<T>, MultiSignature) {
	let payload = crate::certificates::CertificatePayload {
		ca,
		subject: who.clone(),
		identity_hash: identity,
		display_name: longest_name::<T>(),
		home_chain: T::LocalChainId::get(),
		serial,
		valid_from: 0,
		valid_until: Moment::MAX,
	};
	let message =
		crate::certificates::signed_message(Pallet::<T>::genesis_hash().as_ref(), &payload);
	(payload, ca_sign_with(scheme, &message))
}

/// A trusted CA and a certificate of its with serial 1, registered: revoking serial 1 then marks
/// the holder's certificate, the costlier case.
pub(super) fn registered_certificate<T: Config>() -> (crate::certificates::CaId, T::AccountId) {
	let holder = funded::<T>("holder", 0);
	let ca = trusted_ca::<T>();
	let (payload, signature) = signed_certificate::<T>(&holder, ca);
	Pallet::<T>::do_register_certificate(holder.clone(), payload, signature).unwrap();
	(ca, holder)
}

/// An open credit-increase request from `payer`, with the longest note.
pub(super) fn open_increase<T: Config>(payer: &T::AccountId) {
	Pallet::<T>::do_request_increase(
		payer.clone(),
		units::<T>(1),
		H256::repeat_byte(4),
		longest_note::<T>(),
	)
	.unwrap();
}

pub(super) fn longest_note<T: Config>() -> DescriptionOf<T> {
	alloc::vec![b'e'; T::MaxDescriptionLen::get() as usize].try_into().unwrap()
}

pub(super) fn pending<T: Config>(payer: &T::AccountId, payee: &T::AccountId) -> RequestId {
	Pallet::<T>::do_request(payer.clone(), payee.clone(), units::<T>(1), goods::<T>()).unwrap()
}
