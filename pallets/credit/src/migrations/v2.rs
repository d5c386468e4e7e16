//! Version 1 to 2: [`Identities`] records who holds each identity, so that one identity is one
//! account's at a time. The migration records every registered certificate's identity as its
//! subject's. Where two accounts registered certificates of one identity (version 1 allowed
//! it), the first in storage order keeps it and the others' certificates are removed, their
//! deposits released: they are no longer certified, and may not register that identity again
//! while it is held. An account among them that owes debts cannot lose the certificate that
//! identifies it as the debtor; `pre_upgrade` refuses such a state, which the chain's
//! governance settles before the upgrade.
//!
//! It reads every party's entry once, so its weight grows with the number of parties, as
//! [`super::v1`]'s does.

use crate::{certificates::IdentityRecord, pallet::*, HoldReason};
use core::marker::PhantomData;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, UncheckedOnRuntimeUpgrade},
};
#[cfg(feature = "try-runtime")]
use {
	alloc::{collections::btree_set::BTreeSet, vec::Vec},
	codec::{Decode, Encode},
	sp_runtime::TryRuntimeError,
};

/// The migration's work, without the version check: use [`MigrateV1ToV2`].
pub struct InnerMigrateV1ToV2<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let db = T::DbWeight::get();
		let (mut reads, mut writes, mut recorded) = (0u64, 0u64, 0u64);
		let mut duplicates = alloc::vec::Vec::new();
		for (who, state) in Parties::<T>::iter() {
			reads = reads.saturating_add(2);
			let Some(certificate) = &state.certificate else { continue };
			let identity = certificate.payload.identity_hash;
			if Identities::<T>::contains_key(identity) {
				duplicates.push(who);
			} else {
				Identities::<T>::insert(
					identity,
					IdentityRecord { holder: Some(who), defaults: 0 },
				);
				writes = writes.saturating_add(1);
				recorded = recorded.saturating_add(1);
			}
		}
		for who in &duplicates {
			let mut state = Parties::<T>::get(who);
			if !state.open_debts.is_empty() {
				// `pre_upgrade` refuses this state; left as it is, `try_state` names it.
				continue;
			}
			if let Some(certificate) = state.certificate.take() {
				CertificateHolders::<T>::remove(certificate.payload.ca, certificate.payload.serial);
				let _ = T::Currency::release(
					&HoldReason::CertificateDeposit.into(),
					who,
					certificate.deposit,
					Precision::BestEffort,
				);
				Pallet::<T>::put_party(who, state);
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(4);
			}
		}
		log::info!(
			target: "runtime::credit",
			"identities migrated to v2: {recorded} recorded, {} duplicate certificates found",
			duplicates.len(),
		);
		db.reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		ensure!(Identities::<T>::iter().next().is_none(), "v2 migration: identities already exist");
		let mut seen = BTreeSet::new();
		let mut certified = 0u32;
		for state in Parties::<T>::iter_values() {
			let Some(certificate) = &state.certificate else { continue };
			certified = certified.saturating_add(1);
			if !seen.insert(certificate.payload.identity_hash) {
				ensure!(
					state.open_debts.is_empty(),
					"v2 migration: a second account of one identity owes debts"
				);
			}
		}
		Ok((seen.len() as u32, certified).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		let (identities, _certified) = <(u32, u32)>::decode(&mut &state[..])
			.map_err(|_| "v2 migration: pre_upgrade's state does not decode")?;
		ensure!(
			Identities::<T>::iter().count() == identities as usize,
			"v2 migration: not every identity was recorded once"
		);
		let certified = Parties::<T>::iter_values().filter(|s| s.certificate.is_some()).count();
		ensure!(certified == identities as usize, "v2 migration: a duplicate certificate was kept");
		Ok(())
	}
}

/// Migrates the pallet's storage from version 1 to 2 (see the module docs); does nothing on a
/// chain at any other version.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	InnerMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
