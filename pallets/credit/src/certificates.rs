//! Identity (claim 3): a registry of trusted certificate authorities, and CA-signed certificates
//! that bind an account to identity data, verified on chain.
//!
//! A certificate is the SCALE encoding of [`CertificatePayload`], signed by its CA over
//! `CERTIFICATE_CONTEXT ++ genesis hash ++ payload`: the genesis hash ties it to one chain, so a
//! certificate issued for another chain cannot be replayed here. A CA's status is checked on
//! every use, so removing a CA invalidates all its certificates at once, without iteration.
//! Revoking a serial marks the stored certificate that carries it (found through
//! [`CertificateHolders`]), so checking a party's certificate reads only the party's own entry
//! and the trusted CA set; the revoked serials are kept too, so a revoked certificate cannot be
//! registered again.

use crate::{pallet::*, types::*, CertificateOf, NameOf, PartyStateOf, PayloadOf};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision},
};
use scale_info::TypeInfo;
use sp_core::{Get, H256};
use sp_runtime::{
	traits::{IdentifyAccount, Saturating, Verify, Zero},
	DispatchResult, MultiSignature, MultiSigner,
};

/// Domain separation: what a CA signs starts with these bytes.
pub const CERTIFICATE_CONTEXT: &[u8] = b"credit-chain/certificate/v1";

/// Domain separation: what a CA signs to revoke one of its certificates starts with these bytes.
pub const REVOCATION_CONTEXT: &[u8] = b"credit-chain/revocation/v1";

/// The message a CA signs to revoke its certificate `serial` on the chain with `genesis_hash`.
pub fn revocation_message(genesis_hash: &[u8], ca: CaId, serial: u64) -> alloc::vec::Vec<u8> {
	let mut message = REVOCATION_CONTEXT.to_vec();
	message.extend_from_slice(genesis_hash);
	(ca, serial).encode_to(&mut message);
	message
}

/// Identifies a trusted CA.
pub type CaId = u32;

/// A trusted certificate authority.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct CertificateAuthority<Name> {
	/// Its name, for people.
	pub name: Name,
	/// The key its certificates are signed with.
	pub key: CaKey,
}

/// A CA's public key, of any scheme `MultiSigner` has, in bounded form.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub enum CaKey {
	/// An ed25519 key.
	Ed25519(sp_core::ed25519::Public),
	/// An sr25519 key.
	Sr25519(sp_core::sr25519::Public),
	/// An ecdsa key.
	Ecdsa(sp_core::ecdsa::Public),
	/// An ecdsa key whose account is derived from its Ethereum address.
	Eth(sp_core::ecdsa::KeccakPublic),
}

impl From<MultiSigner> for CaKey {
	fn from(signer: MultiSigner) -> Self {
		match signer {
			MultiSigner::Ed25519(key) => Self::Ed25519(key),
			MultiSigner::Sr25519(key) => Self::Sr25519(key),
			MultiSigner::Ecdsa(key) => Self::Ecdsa(key),
			MultiSigner::Eth(key) => Self::Eth(key),
		}
	}
}

impl From<CaKey> for MultiSigner {
	fn from(key: CaKey) -> Self {
		match key {
			CaKey::Ed25519(key) => Self::Ed25519(key),
			CaKey::Sr25519(key) => Self::Sr25519(key),
			CaKey::Ecdsa(key) => Self::Ecdsa(key),
			CaKey::Eth(key) => Self::Eth(key),
		}
	}
}

/// What a CA certifies about an account.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct CertificatePayload<AccountId, Name> {
	/// The CA that issued it.
	pub ca: CaId,
	/// The account it identifies.
	pub subject: AccountId,
	/// Hash of the identity document the CA checked.
	pub identity_hash: H256,
	/// A short display name.
	pub display_name: Name,
	/// The chain the subject lives on: where settlement reaches it.
	pub home_chain: ChainId,
	/// The CA's serial number for it; revocation is by serial.
	pub serial: u64,
	/// Not valid before this moment (ms).
	pub valid_from: Moment,
	/// Not valid after this moment (ms).
	pub valid_until: Moment,
}

impl<AccountId, Name> CertificatePayload<AccountId, Name> {
	/// What a request keeps of this certificate.
	pub fn certified_as(&self) -> CertifiedAs {
		CertifiedAs {
			ca: self.ca,
			serial: self.serial,
			home_chain: self.home_chain,
			valid_from: self.valid_from,
			valid_until: self.valid_until,
		}
	}
}

/// What a request keeps of each party's certificate as it was verified when the request was
/// made: enough to check again at acceptance that its CA is still trusted, its serial not
/// revoked and the moment within its validity, and where settlement reaches the party.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub struct CertifiedAs {
	/// The issuing CA.
	pub ca: CaId,
	/// The CA's serial number for the certificate.
	pub serial: u64,
	/// The party's home chain.
	pub home_chain: ChainId,
	/// Not valid before this moment (ms).
	pub valid_from: Moment,
	/// Not valid after this moment (ms).
	pub valid_until: Moment,
}

/// What the chain keeps about one identity ([`crate::pallet::Identities`]).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct IdentityRecord<AccountId> {
	/// The account whose registered certificate carries the identity, if any.
	pub holder: Option<AccountId>,
	/// The defaults of the identity's last holder, kept once no account holds it (zero while
	/// one does: its own record counts them).
	pub defaults: u32,
}

/// A registered certificate with the deposit its subject holds for it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Certificate<AccountId, Name, Balance> {
	/// What the CA signed.
	pub payload: CertificatePayload<AccountId, Name>,
	/// Held from the subject while the certificate is stored.
	pub deposit: Balance,
	/// Its CA revoked it after it was registered: it no longer identifies its subject, who may
	/// remove it (the deposit comes back) or register another.
	pub revoked: bool,
}

/// Which party of a request a certificate check is about.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub enum Party {
	/// The payer.
	Payer,
	/// The payee.
	Payee,
}

/// The message a CA signs for `payload` on the chain with `genesis_hash`.
pub fn signed_message<P: Encode>(genesis_hash: &[u8], payload: &P) -> alloc::vec::Vec<u8> {
	let mut message = CERTIFICATE_CONTEXT.to_vec();
	message.extend_from_slice(genesis_hash);
	payload.encode_to(&mut message);
	message
}

/// Whether `signature` is of the scheme of `key`. `MultiSignature` verifies against the account
/// a key derives, and an ed25519 and an sr25519 key derive the same account from the same
/// bytes: without this check a CA key declared in one scheme would accept signatures of the
/// other.
pub fn scheme_matches(key: &MultiSigner, signature: &MultiSignature) -> bool {
	matches!(
		(key, signature),
		(MultiSigner::Ed25519(_), MultiSignature::Ed25519(_))
			| (MultiSigner::Sr25519(_), MultiSignature::Sr25519(_))
			| (MultiSigner::Ecdsa(_), MultiSignature::Ecdsa(_))
			| (MultiSigner::Eth(_), MultiSignature::Eth(_))
	)
}

/// Whether `signature` by `key`, in `key`'s own scheme, covers `message`.
pub fn signed_by(key: &MultiSigner, message: &[u8], signature: &MultiSignature) -> bool {
	scheme_matches(key, signature) && signature.verify(message, &key.clone().into_account())
}

/// Whether `signature` by `key` covers `payload` on the chain with `genesis_hash`.
pub fn signature_is_valid<P: Encode>(
	key: &MultiSigner,
	genesis_hash: &[u8],
	payload: &P,
	signature: &MultiSignature,
) -> bool {
	signed_by(key, &signed_message(genesis_hash, payload), signature)
}

impl<T: Config> Pallet<T> {
	/// This chain's genesis hash, as certificates are bound to it.
	pub(crate) fn genesis_hash() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(
			frame_system::pallet_prelude::BlockNumberFor::<T>::zero(),
		)
	}

	/// Serves [`Pallet::add_ca`], and genesis.
	pub(crate) fn do_add_ca(name: NameOf<T>, key: MultiSigner) -> DispatchResult {
		let key: CaKey = key.into();
		// One key, one CA: a second id for a trusted key would let it outlive its removal.
		ensure!(
			!CertificateAuthorities::<T>::iter_values().any(|ca| ca.key == key),
			Error::<T>::CaKeyAlreadyTrusted
		);
		let id = NextCaId::<T>::get();
		NextCaId::<T>::put(id.checked_add(1).ok_or(sp_runtime::ArithmeticError::Overflow)?);
		// Ids only grow, so pushing keeps the set sorted.
		TrustedCas::<T>::try_append(id).map_err(|_| Error::<T>::TooManyCas)?;
		CertificateAuthorities::<T>::insert(id, CertificateAuthority { name, key });
		Self::deposit_event(Event::CaAdded { ca: id });
		Ok(())
	}

	/// Serves [`Pallet::remove_ca`].
	pub(crate) fn do_remove_ca(ca: CaId) -> DispatchResult {
		ensure!(CertificateAuthorities::<T>::contains_key(ca), Error::<T>::UnknownCa);
		CertificateAuthorities::<T>::remove(ca);
		TrustedCas::<T>::mutate(|trusted| trusted.retain(|id| *id != ca));
		Self::deposit_event(Event::CaRemoved { ca });
		Ok(())
	}

	/// Serves [`Pallet::revoke_certificate`], and [`Pallet::revoke_certificate_signed`] once
	/// the CA's signature is checked.
	pub(crate) fn do_revoke(ca: CaId, serial: u64) -> DispatchResult {
		ensure!(CertificateAuthorities::<T>::contains_key(ca), Error::<T>::UnknownCa);
		RevokedSerials::<T>::insert(ca, serial, ());
		if let Some(holder) = CertificateHolders::<T>::get(ca, serial) {
			Self::mutate_party(&holder, |state| -> DispatchResult {
				if let Some(certificate) = state.certificate.as_mut() {
					certificate.revoked = true;
				}
				Ok(())
			})?;
		}
		Self::deposit_event(Event::CertificateRevoked { ca, serial });
		Ok(())
	}

	/// Serves [`Pallet::revoke_certificate_signed`].
	pub(crate) fn do_revoke_signed(
		ca: CaId,
		serial: u64,
		signature: MultiSignature,
	) -> DispatchResult {
		let authority = CertificateAuthorities::<T>::get(ca).ok_or(Error::<T>::UnknownCa)?;
		let key: MultiSigner = authority.key.into();
		ensure!(scheme_matches(&key, &signature), Error::<T>::SignatureSchemeMismatch);
		let message = revocation_message(Self::genesis_hash().as_ref(), ca, serial);
		ensure!(signed_by(&key, &message, &signature), Error::<T>::BadRevocationSignature);
		Self::do_revoke(ca, serial)
	}

	/// Checks `payload` and `signature` against the trusted CAs and the clock, whoever submits.
	fn verify_certificate(payload: &PayloadOf<T>, signature: &MultiSignature) -> DispatchResult {
		let ca = CertificateAuthorities::<T>::get(payload.ca).ok_or(Error::<T>::UntrustedCa)?;
		let key: MultiSigner = ca.key.into();
		ensure!(scheme_matches(&key, signature), Error::<T>::SignatureSchemeMismatch);
		ensure!(
			signature_is_valid(&key, Self::genesis_hash().as_ref(), payload, signature),
			Error::<T>::BadCertificateSignature
		);
		Self::check_unrevoked_and_in_time(&payload.certified_as(), Self::now())
			.map_err(CertificateFailure::error_at_registration::<T>)
	}

	/// The checks that can change after registration, on a stored certificate: CA still
	/// trusted, not revoked, in time.
	pub(crate) fn check_validity(
		certificate: &CertificateOf<T>,
		now: Moment,
	) -> Result<(), CertificateFailure> {
		// The small id set, not the CA map: both parties' checks then share one read.
		ensure!(
			TrustedCas::<T>::get().binary_search(&certificate.payload.ca).is_ok(),
			CertificateFailure::UntrustedCa
		);
		ensure!(!certificate.revoked, CertificateFailure::Revoked);
		Self::check_in_time(&certificate.payload.certified_as(), now)
	}

	/// A certificate being registered: not revoked already, in time.
	fn check_unrevoked_and_in_time(
		certificate: &CertifiedAs,
		now: Moment,
	) -> Result<(), CertificateFailure> {
		ensure!(
			!RevokedSerials::<T>::contains_key(certificate.ca, certificate.serial),
			CertificateFailure::Revoked
		);
		Self::check_in_time(certificate, now)
	}

	fn check_in_time(certificate: &CertifiedAs, now: Moment) -> Result<(), CertificateFailure> {
		ensure!(now >= certificate.valid_from, CertificateFailure::NotYetValid);
		ensure!(now <= certificate.valid_until, CertificateFailure::Expired);
		Ok(())
	}

	/// What a party's certificate certifies at `now`, or why it does not, from its entry.
	pub(crate) fn certified_in(
		state: &PartyStateOf<T>,
		now: Moment,
	) -> Result<CertifiedAs, CertificateFailure> {
		let certificate = state.certificate.as_ref().ok_or(CertificateFailure::Missing)?;
		Self::check_validity(certificate, now)?;
		Ok(certificate.payload.certified_as())
	}

	/// Serves [`Pallet::register_certificate`].
	pub(crate) fn do_register_certificate(
		who: T::AccountId,
		payload: PayloadOf<T>,
		signature: MultiSignature,
	) -> DispatchResult {
		ensure!(payload.subject == who, Error::<T>::CertificateNotForCaller);
		Self::verify_certificate(&payload, &signature)?;
		let (ca, serial, identity) = (payload.ca, payload.serial, payload.identity_hash);
		// A serial names one certificate: a second subject cannot register it.
		if let Some(holder) = CertificateHolders::<T>::get(ca, serial) {
			ensure!(holder == who, Error::<T>::SerialHeldByAnother);
		}
		// An identity is one account's at a time; a defaulted one passes its defaults on.
		let record = Identities::<T>::get(identity);
		let mut inherited = record.as_ref().map(|record| record.defaults).unwrap_or_default();
		if let Some(holder) = record.and_then(|record| record.holder).filter(|h| *h != who) {
			inherited = inherited.max(Self::take_identity_from(&holder)?);
		}
		Self::mutate_party(&who, |state| -> DispatchResult {
			if let Some(old) = &state.certificate {
				if old.payload.identity_hash != identity {
					ensure!(state.open_debts.is_empty(), Error::<T>::CertificateBacksOpenDebts);
					Self::release_identity(old.payload.identity_hash, &who, state);
				}
				CertificateHolders::<T>::remove(old.payload.ca, old.payload.serial);
			}
			let history = &mut state.profile.history;
			history.defaults = history.defaults.max(inherited);
			// A replacement keeps the deposit already held and tops it up to the current one.
			let held = state.certificate.as_ref().map(|old| old.deposit).unwrap_or_default();
			let required = T::CertificateDeposit::get();
			if required > held {
				T::Currency::hold(
					&HoldReason::CertificateDeposit.into(),
					&who,
					required.saturating_sub(held),
				)?;
			}
			let deposit = required.max(held);
			state.certificate = Some(Certificate { payload, deposit, revoked: false });
			Ok(())
		})?;
		CertificateHolders::<T>::insert(ca, serial, &who);
		Identities::<T>::insert(
			identity,
			IdentityRecord { holder: Some(who.clone()), defaults: 0 },
		);
		Self::deposit_event(Event::CertificateRegistered { who, ca, serial });
		Ok(())
	}

	/// Lets go of `identity`, which `who` (whose entry is `state`) held: the record goes, unless
	/// the account defaulted, and then it keeps the defaults for the identity's next holder. A
	/// record naming another holder is left alone.
	fn release_identity(identity: H256, who: &T::AccountId, state: &PartyStateOf<T>) {
		let held = Identities::<T>::get(identity).and_then(|record| record.holder);
		if held.as_ref().is_some_and(|holder| holder != who) {
			return;
		}
		let defaults = state.profile.history.defaults;
		if defaults == 0 {
			Identities::<T>::remove(identity);
		} else {
			Identities::<T>::insert(identity, IdentityRecord { holder: None, defaults });
		}
	}

	/// Takes an identity from `holder` for another account: only if `holder`'s certificate no
	/// longer identifies it (revoked, expired, or of a CA no longer trusted) and it owes no
	/// debts; its certificate is then removed and its deposit released. Returns its defaults,
	/// which follow the identity.
	fn take_identity_from(holder: &T::AccountId) -> Result<u32, sp_runtime::DispatchError> {
		let mut state = Self::party(holder)?;
		let identifies = state
			.certificate
			.as_ref()
			.is_some_and(|certificate| Self::check_validity(certificate, Self::now()).is_ok());
		ensure!(
			state.certificate.is_some() && !identifies && state.open_debts.is_empty(),
			Error::<T>::IdentityHeldByAnother
		);
		Self::discard_certificate(holder, &mut state)?;
		let defaults = state.profile.history.defaults;
		Self::put_party(holder, state);
		Self::deposit_event(Event::CertificateRemoved { who: holder.clone() });
		Ok(defaults)
	}

	/// Takes `who`'s certificate out of `state`, out of the holder index, and releases its
	/// deposit; the identity record is the caller's to settle.
	fn discard_certificate(
		who: &T::AccountId,
		state: &mut PartyStateOf<T>,
	) -> Result<Option<CertificateOf<T>>, sp_runtime::DispatchError> {
		let Some(certificate) = state.certificate.take() else { return Ok(None) };
		CertificateHolders::<T>::remove(certificate.payload.ca, certificate.payload.serial);
		T::Currency::release(
			&HoldReason::CertificateDeposit.into(),
			who,
			certificate.deposit,
			Precision::Exact,
		)?;
		Ok(Some(certificate))
	}

	/// Serves [`Pallet::remove_certificate`].
	pub(crate) fn do_remove_certificate(who: T::AccountId) -> DispatchResult {
		Self::mutate_party(&who, |state| -> DispatchResult {
			ensure!(state.open_debts.is_empty(), Error::<T>::CertificateBacksOpenDebts);
			let certificate =
				Self::discard_certificate(&who, state)?.ok_or(Error::<T>::CertificateMissing)?;
			Self::release_identity(certificate.payload.identity_hash, &who, state);
			Ok(())
		})?;
		Self::deposit_event(Event::CertificateRemoved { who });
		Ok(())
	}

	/// The certificates of payer and payee, if both hold one valid at `now` and they are two
	/// identities (the payer's entry already read, as every caller has it); otherwise the error
	/// naming whose certificate failed and why, or [`Error::SameIdentity`].
	pub(crate) fn certified_parties(
		payer: &PartyStateOf<T>,
		payee: &T::AccountId,
		now: Moment,
	) -> Result<(CertifiedAs, CertifiedAs), sp_runtime::DispatchError> {
		let payer_certificate =
			Self::certified_in(payer, now).map_err(|failure| failure.error::<T>(Party::Payer))?;
		let payee_state = Self::party(payee)?;
		let payee_certificate = Self::certified_in(&payee_state, now)
			.map_err(|failure| failure.error::<T>(Party::Payee))?;
		let identity = |state: &PartyStateOf<T>| {
			state.certificate.as_ref().map(|certificate| certificate.payload.identity_hash)
		};
		ensure!(identity(payer) != identity(&payee_state), Error::<T>::SameIdentity);
		Ok((payer_certificate, payee_certificate))
	}
}

/// Why a party's certificate does not let it take part, as errors and the dry run name it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub enum CertificateFailure {
	/// No certificate is registered.
	Missing,
	/// Past its `valid_until`.
	Expired,
	/// Before its `valid_from`.
	NotYetValid,
	/// Its CA revoked it.
	Revoked,
	/// Its CA is no longer trusted.
	UntrustedCa,
}

impl CertificateFailure {
	/// The error for this failure of `party`'s certificate.
	pub fn error<T: Config>(self, party: Party) -> sp_runtime::DispatchError {
		use CertificateFailure::*;
		match (party, self) {
			(Party::Payer, Missing) => Error::<T>::PayerCertificateMissing,
			(Party::Payer, Expired) => Error::<T>::PayerCertificateExpired,
			(Party::Payer, NotYetValid) => Error::<T>::PayerCertificateNotYetValid,
			(Party::Payer, Revoked) => Error::<T>::PayerCertificateRevoked,
			(Party::Payer, UntrustedCa) => Error::<T>::PayerCertificateUntrustedCa,
			(Party::Payee, Missing) => Error::<T>::PayeeCertificateMissing,
			(Party::Payee, Expired) => Error::<T>::PayeeCertificateExpired,
			(Party::Payee, NotYetValid) => Error::<T>::PayeeCertificateNotYetValid,
			(Party::Payee, Revoked) => Error::<T>::PayeeCertificateRevoked,
			(Party::Payee, UntrustedCa) => Error::<T>::PayeeCertificateUntrustedCa,
		}
		.into()
	}

	/// The error for this failure of a certificate being registered.
	fn error_at_registration<T: Config>(self) -> sp_runtime::DispatchError {
		match self {
			Self::Missing => Error::<T>::CertificateMissing,
			Self::Expired => Error::<T>::CertificateExpired,
			Self::NotYetValid => Error::<T>::CertificateNotYetValid,
			Self::Revoked => Error::<T>::CertificateRevoked,
			Self::UntrustedCa => Error::<T>::UntrustedCa,
		}
		.into()
	}
}
