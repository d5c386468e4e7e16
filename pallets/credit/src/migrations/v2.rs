//! Version 1 to 2: [`Identities`] records who holds each identity, so that one identity is one
//! account's at a time. The migration records every registered certificate's identity as its
//! subject's. Where two accounts registered certificates of one identity (version 1 allowed
//! it), one keeps it: the one that owes debts, else the one whose certificate identifies it
//! now, else the latest certificate. It carries the worst default record among them (a default
//! follows the identity); the others' certificates are removed and their deposits released.
//! Two accounts of one identity that both owe debts cannot lose the certificates that identify
//! them as debtors; `pre_upgrade` refuses such a state, which the chain's governance settles
//! before the upgrade.
//!
//! Version 2 also counts a payee's volume when a credit sale is repaid rather than when it is
//! paid out, so the migration clears [`PayeeVolume`]: the window restarts at the upgrade and no
//! sale counts twice (the guard admits the new-payee allowance until repaid sales refill it).
//!
//! It reads every party's entry once, so its weight grows with the number of parties, as
//! [`super::v1`]'s does.

use crate::{certificates::IdentityRecord, pallet::*, HoldReason, PartyStateOf};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use core::marker::PhantomData;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, UncheckedOnRuntimeUpgrade},
};
use sp_core::H256;
#[cfg(feature = "try-runtime")]
use {
	alloc::collections::btree_set::BTreeSet,
	codec::{Decode, Encode},
	sp_runtime::TryRuntimeError,
};

/// A certified account and its entry.
type Certified<T> = (<T as frame_system::Config>::AccountId, PartyStateOf<T>);

/// The migration's work, without the version check: use [`MigrateV1ToV2`].
pub struct InnerMigrateV1ToV2<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let db = T::DbWeight::get();
		let (mut reads, mut writes) = (0u64, 0u64);
		// Every certified account, by the identity its certificate carries.
		let mut by_identity: BTreeMap<H256, Vec<Certified<T>>> = BTreeMap::new();
		for (who, state) in Parties::<T>::iter() {
			reads = reads.saturating_add(1);
			if let Some(certificate) = &state.certificate {
				let identity = certificate.payload.identity_hash;
				by_identity.entry(identity).or_default().push((who, state));
			}
		}
		let now = Pallet::<T>::now();
		let (mut recorded, mut dropped) = (0u32, 0u32);
		for (identity, mut accounts) in by_identity {
			// The keeper: one that owes debts (its certificate identifies the debtor), then one
			// whose certificate identifies it now, then the latest certificate.
			let rank = |state: &PartyStateOf<T>| {
				let certificate = state.certificate.as_ref();
				(
					!state.open_debts.is_empty(),
					certificate.is_some_and(|c| Pallet::<T>::check_validity(c, now).is_ok()),
					certificate.map(|c| c.payload.valid_from).unwrap_or_default(),
				)
			};
			accounts.sort_by_key(|(_, state)| rank(state));
			let Some((keeper, mut kept)) = accounts.pop() else { continue };
			// A default follows the identity: the keeper carries the worst record of them all.
			let defaults = accounts
				.iter()
				.map(|(_, state)| state.profile.history.defaults)
				.fold(kept.profile.history.defaults, u32::max);
			for (who, mut state) in accounts {
				if !state.open_debts.is_empty() {
					// `pre_upgrade` refuses this state; left as it is, `try_state` names it.
					continue;
				}
				if let Some(certificate) = state.certificate.take() {
					CertificateHolders::<T>::remove(
						certificate.payload.ca,
						certificate.payload.serial,
					);
					let _ = T::Currency::release(
						&HoldReason::CertificateDeposit.into(),
						&who,
						certificate.deposit,
						Precision::BestEffort,
					);
					Pallet::<T>::put_party(&who, state);
					reads = reads.saturating_add(1);
					writes = writes.saturating_add(3);
					dropped = dropped.saturating_add(1);
				}
			}
			if defaults > kept.profile.history.defaults {
				kept.profile.history.defaults = defaults;
				Pallet::<T>::put_party(&keeper, kept);
				writes = writes.saturating_add(1);
			}
			Identities::<T>::insert(identity, IdentityRecord { holder: Some(keeper), defaults: 0 });
			writes = writes.saturating_add(1);
			recorded = recorded.saturating_add(1);
		}
		// Version 2 counts a payee's volume when a credit sale is repaid, not when it is paid
		// out: the window restarts here, so that no sale counts twice.
		let payees: Vec<T::AccountId> = PayeeVolume::<T>::iter_keys().collect();
		let cleared = payees.len() as u64;
		for payee in payees {
			PayeeVolume::<T>::remove(payee);
		}
		reads = reads.saturating_add(cleared);
		writes = writes.saturating_add(cleared);
		log::info!(
			target: "runtime::credit",
			"identities migrated to v2: {recorded} recorded, {dropped} duplicate certificates \
			 removed; {cleared} payee volume windows restarted",
		);
		db.reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		ensure!(Identities::<T>::iter().next().is_none(), "v2 migration: identities already exist");
		let mut seen = BTreeSet::new();
		let mut debtors = BTreeSet::new();
		let mut certified = 0u32;
		for state in Parties::<T>::iter_values() {
			let Some(certificate) = &state.certificate else { continue };
			certified = certified.saturating_add(1);
			let identity = certificate.payload.identity_hash;
			seen.insert(identity);
			if !state.open_debts.is_empty() {
				ensure!(
					debtors.insert(identity),
					"v2 migration: two accounts of one identity owe debts"
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
