//! Version 0 to 1: the pool ledger gains [`PoolLedger::forfeited`], the deposits that went to
//! the pool when a credit-increase request was rejected as abusive, which version 0 did not
//! book. The migration books as forfeited what the pool holds beyond its version-0 books
//! (`funded + repaid - withdrawn - paid_out`): those deposits, and anything ever transferred
//! to the pool's account outside the pallet, which version 0 could not tell apart. The pool's
//! books then equal its balance.
//!
//! It reads every party's entry once (the repayments are summed from their histories), so its
//! weight grows with the number of parties: one block reads about 10,000 entries at the sample
//! runtime's weights, and a chain with many more would run it as a multi-block migration.

use crate::{pallet::*, BalanceOf};
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	storage_alias,
	traits::{fungible::Inspect, UncheckedOnRuntimeUpgrade},
};
use layout::PoolLedger;
use sp_runtime::traits::{Saturating, Zero};
#[cfg(feature = "try-runtime")]
use {alloc::vec::Vec, sp_runtime::TryRuntimeError};

/// The version-0 layout.
pub mod v0 {
	use super::*;

	/// [`PoolLedger`] without `forfeited`.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, Default, TypeInfo)]
	pub struct PoolLedger<Balance> {
		/// Paid in with `fund_pool` (and at genesis).
		pub funded: Balance,
		/// Taken out with `withdraw_from_pool`.
		pub withdrawn: Balance,
		/// Paid to payees on payers' behalf.
		pub paid_out: Balance,
		/// Fees added to debts.
		pub fees_charged: Balance,
	}

	/// The pool ledger as version 0 stores it.
	#[storage_alias]
	pub type Pool<T: Config> = StorageValue<Pallet<T>, PoolLedger<BalanceOf<T>>, OptionQuery>;
}

/// The layout this migration writes, which versions 1 and 2 keep.
pub mod layout {
	use super::*;

	/// The ledger of versions 1 and 2: [`v0::PoolLedger`] and `forfeited`.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, Default, TypeInfo)]
	pub struct PoolLedger<Balance> {
		/// Paid in with `fund_pool` (and at genesis).
		pub funded: Balance,
		/// Taken out with `withdraw_from_pool`.
		pub withdrawn: Balance,
		/// Paid to payees on payers' behalf.
		pub paid_out: Balance,
		/// Fees added to debts.
		pub fees_charged: Balance,
		/// Deposits forfeited to the pool.
		pub forfeited: Balance,
	}

	/// The pool ledger as versions 1 and 2 store it.
	#[storage_alias]
	pub type Pool<T: Config> = StorageValue<Pallet<T>, PoolLedger<BalanceOf<T>>, OptionQuery>;
}

/// The migration's work, without the version check: use [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(PhantomData<T>);

impl<T: Config> InnerMigrateV0ToV1<T> {
	/// Everything ever repaid, from every party's history, and how many entries were read.
	pub(crate) fn repaid() -> (BalanceOf<T>, u64) {
		Parties::<T>::iter_values().fold((Zero::zero(), 0), |(sum, count), state| {
			let history = state.profile.history;
			let repaid = history.on_time_amount.saturating_add(history.late_amount);
			(sum.saturating_add(repaid), count.saturating_add(1))
		})
	}

	/// The version-1 ledger for the version-0 `old`.
	fn migrated(
		old: v0::PoolLedger<BalanceOf<T>>,
		repaid: BalanceOf<T>,
	) -> PoolLedger<BalanceOf<T>> {
		let balance = T::Currency::balance(&Pallet::<T>::pool_account());
		let booked = old.funded.saturating_add(repaid).saturating_sub(old.withdrawn);
		let held_by_books = booked.saturating_sub(old.paid_out);
		PoolLedger {
			funded: old.funded,
			withdrawn: old.withdrawn,
			paid_out: old.paid_out,
			fees_charged: old.fees_charged,
			forfeited: balance.saturating_sub(held_by_books),
		}
	}
}

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let db = T::DbWeight::get();
		let Some(old) = v0::Pool::<T>::get() else {
			// Never funded nor used: the default ledger is right as it is.
			return db.reads(1);
		};
		let (repaid, parties) = Self::repaid();
		let ledger = Self::migrated(old, repaid);
		layout::Pool::<T>::put(ledger);
		log::info!(
			target: "runtime::credit",
			"pool ledger migrated to v1: {parties} parties read, forfeited {:?}",
			ledger.forfeited,
		);
		// The old ledger, every party, the pool's account; the new ledger.
		db.reads_writes(parties.saturating_add(2), 1)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		let raw = frame_support::storage::unhashed::get_raw(&Pool::<T>::hashed_key());
		if let Some(raw) = &raw {
			v0::PoolLedger::<BalanceOf<T>>::decode(&mut &raw[..])
				.map_err(|_| "v1 migration: the stored pool ledger is not the v0 layout")?;
		}
		Ok(raw.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		let raw = Option::<Vec<u8>>::decode(&mut &state[..])
			.map_err(|_| "v1 migration: pre_upgrade's state does not decode")?;
		let new = layout::Pool::<T>::get().unwrap_or_default();
		if let Some(raw) = raw {
			let old = v0::PoolLedger::<BalanceOf<T>>::decode(&mut &raw[..])
				.map_err(|_| "v1 migration: the old ledger does not decode")?;
			ensure!(
				(new.funded, new.withdrawn, new.paid_out, new.fees_charged)
					== (old.funded, old.withdrawn, old.paid_out, old.fees_charged),
				"v1 migration: a ledger figure changed"
			);
		}
		let books = new
			.funded
			.saturating_add(Self::repaid().0)
			.saturating_add(new.forfeited)
			.saturating_sub(new.withdrawn)
			.saturating_sub(new.paid_out);
		ensure!(
			books == T::Currency::balance(&Pallet::<T>::pool_account()),
			"v1 migration: the pool's books differ from its balance"
		);
		Ok(())
	}
}

/// Migrates the pallet's storage from version 0 to 1 (see the module docs); does nothing on a
/// chain already at version 1.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
