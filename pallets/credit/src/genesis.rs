//! Genesis: the pool's first funds, base limits, grades, trusted CAs and certificates a chain
//! starts with. The config and its build are a section of the pallet module (imported into it in
//! `lib.rs`); the entries a preset names are plain structs here.

use crate::{certificates::CaId, types::*};
use frame_support::{Deserialize, Serialize};

/// A certificate trusted at genesis, without a signature check or deposit.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisCertificate<AccountId> {
	/// The issuing CA, by its genesis id (its place in the config's `cas`).
	pub ca: CaId,
	/// The account it identifies.
	pub subject: AccountId,
	/// Hash of the identity document the CA checked.
	pub identity_hash: [u8; 32],
	/// A short display name, within `Config::MaxNameLen`.
	pub display_name: alloc::vec::Vec<u8>,
	/// The chain the subject lives on.
	pub home_chain: ChainId,
	/// The CA's serial for it; no two genesis certificates share one.
	pub serial: u64,
	/// Not valid before this moment (ms).
	pub valid_from: Moment,
	/// Not valid after this moment (ms).
	pub valid_until: Moment,
}

/// A grade kept at genesis.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisGrade<AccountId, Balance> {
	/// The payee keeping the grade.
	pub payee: AccountId,
	/// The payer graded.
	pub payer: AccountId,
	/// The payee's own rating.
	pub level: u8,
	/// Most the payer may owe this payee at once.
	pub limit: Balance,
}

#[frame_support::pallet_macros::pallet_section]
mod genesis {
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Minted into the pool at genesis (at least the existential deposit, or nothing).
		pub pool_funding: BalanceOf<T>,
		/// `(payer, base limit)` pairs.
		pub base_limits: alloc::vec::Vec<(T::AccountId, BalanceOf<T>)>,
		/// Grades payees keep for payers.
		pub grades: alloc::vec::Vec<GenesisGrade<T::AccountId, BalanceOf<T>>>,
		/// Trusted CAs `(name, sr25519 public key)`, given ids 0, 1, ... in order.
		pub cas: alloc::vec::Vec<(alloc::vec::Vec<u8>, [u8; 32])>,
		/// Certificates trusted at genesis without a signature check or deposit.
		pub certificates: alloc::vec::Vec<GenesisCertificate<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// A bad genesis config must stop the chain from starting: this is the one place the
		// pallet's own code panics on purpose outside tests and benchmarks.
		fn build(&self) {
			if !self.pool_funding.is_zero() {
				let pool = Pallet::<T>::pool_account();
				T::Currency::mint_into(&pool, self.pool_funding)
					.expect("genesis pool funding must be at least the existential deposit");
				Pool::<T>::mutate(|ledger| ledger.funded = self.pool_funding);
				// No funder paid it in: its shares are the pool's own.
				Pallet::<T>::mint_shares(&pool, self.pool_funding)
					.expect("the first shares cannot overflow");
			}
			for (payer, limit) in &self.base_limits {
				let mut state = Parties::<T>::get(payer);
				state.profile.base_limit = *limit;
				Pallet::<T>::put_party(payer, state);
			}
			for (name, key) in &self.cas {
				let name: NameOf<T> = name.clone().try_into().expect("CA name within MaxNameLen");
				let key = MultiSigner::Sr25519(sp_core::sr25519::Public::from_raw(*key));
				Pallet::<T>::do_add_ca(name, key).expect("genesis CAs have distinct keys");
			}
			for certificate in self.certificates.iter().cloned() {
				let payload: PayloadOf<T> = certificates::CertificatePayload {
					ca: certificate.ca,
					subject: certificate.subject,
					identity_hash: H256(certificate.identity_hash),
					display_name: certificate
						.display_name
						.try_into()
						.expect("display name within MaxNameLen"),
					home_chain: certificate.home_chain,
					serial: certificate.serial,
					valid_from: certificate.valid_from,
					valid_until: certificate.valid_until,
				};
				assert!(
					TrustedCas::<T>::get().contains(&payload.ca),
					"a genesis certificate names an unknown CA"
				);
				assert!(
					!CertificateHolders::<T>::contains_key(payload.ca, payload.serial),
					"two genesis certificates carry one serial"
				);
				CertificateHolders::<T>::insert(payload.ca, payload.serial, &payload.subject);
				let stored = certificates::Certificate {
					payload: payload.clone(),
					deposit: Zero::zero(),
					revoked: false,
				};
				let mut state = Parties::<T>::get(&payload.subject);
				assert!(state.certificate.is_none(), "a genesis subject has two certificates");
				assert!(
					!Identities::<T>::contains_key(payload.identity_hash),
					"two genesis certificates carry one identity"
				);
				Identities::<T>::insert(
					payload.identity_hash,
					certificates::IdentityRecord {
						holder: Some(payload.subject.clone()),
						defaults: 0,
					},
				);
				state.certificate = Some(stored);
				Pallet::<T>::put_party(&payload.subject, state);
			}
			// Grades are kept by certified payees only, backed and paid for as `set_grade` would.
			for GenesisGrade { payee, payer, level, limit } in &self.grades {
				assert!(payee != payer, "a payee cannot grade itself");
				assert!(
					Parties::<T>::get(payee).certificate.is_some(),
					"a genesis grade's payee has no certificate"
				);
				let (backing, deposit) = (Pallet::<T>::backing_for(*limit), T::GradeDeposit::get());
				T::Currency::hold(&HoldReason::GradeBacking.into(), payee, backing)
					.and_then(|()| {
						T::Currency::hold(&HoldReason::GradeDeposit.into(), payee, deposit)
					})
					.expect("a genesis grade's payee can hold its backing and deposit");
				Grades::<T>::insert(
					payee,
					payer,
					Grade { level: *level, limit: *limit, backing, deposit },
				);
			}
		}
	}
}
