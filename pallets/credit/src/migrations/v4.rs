//! Version 3 to 4: losses, shares and late charges.
//!
//! - The pool ledger gains the loss side ([`PoolLedger::late_charged`],
//!   [`PoolLedger::written_off`], [`PoolLedger::backing_taken`], [`PoolLedger::recovered`],
//!   [`PoolLedger::returned_to_backing`], [`PoolLedger::keeper_rewards`]), all zero, and its
//!   shares: version 3's pool had no funders of record (funding was a donation, and only the
//!   pool origin took money out), so its whole value, liquid by the books plus what it is owed,
//!   becomes shares of the pool's own account, one per unit; funders buy in at that value.
//! - A debt gains its late charge, nothing booked, counted from the upgrade: the days it was
//!   already past due are marked charged, so no charge reaches back before the runtime that
//!   makes it. It gains no write-off: a debt version 3 noted in default stays
//!   [`DebtStanding::Defaulted`], counted in its payer's defaults, and is written off by the
//!   next `report_overdue` or repayment.
//!
//! It reads every debt once, so its weight grows with them.

use crate::{
	pallet::*,
	types::{Debt, DebtStanding, Moment, PoolLedger, RequestId},
	BalanceOf,
};
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, storage_alias,
	traits::UncheckedOnRuntimeUpgrade,
};
use sp_runtime::traits::{Saturating, Zero};
#[cfg(feature = "try-runtime")]
use {alloc::vec::Vec, sp_runtime::TryRuntimeError};

/// The version-3 layout of what this migration changes.
pub mod old {
	use super::*;

	/// The ledger of version 3: no loss side, no shares.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, Default, TypeInfo)]
	pub struct PoolLedger<Balance> {
		/// Paid in.
		pub funded: Balance,
		/// Taken out by the pool origin.
		pub withdrawn: Balance,
		/// Paid to payees.
		pub paid_out: Balance,
		/// Fees added to debts.
		pub fees_charged: Balance,
		/// Deposits forfeited to the pool.
		pub forfeited: Balance,
		/// Paid back on debts.
		pub repaid: Balance,
	}

	impl<Balance: Saturating + Copy> PoolLedger<Balance> {
		/// Owed to the pool: `paid_out + fees_charged - repaid`.
		pub fn outstanding(&self) -> Balance {
			self.paid_out.saturating_add(self.fees_charged).saturating_sub(self.repaid)
		}

		/// Held by the books: `funded + repaid + forfeited - withdrawn - paid_out`.
		pub fn liquid(&self) -> Balance {
			self.funded
				.saturating_add(self.repaid)
				.saturating_add(self.forfeited)
				.saturating_sub(self.withdrawn)
				.saturating_sub(self.paid_out)
		}
	}

	/// A debt of version 3: no late charge, no write-off.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
	pub struct Debt<AccountId, Balance> {
		/// The debtor.
		pub payer: AccountId,
		/// Who was paid.
		pub payee: AccountId,
		/// What the pool paid.
		pub principal: Balance,
		/// The fee owed with the principal.
		pub fee: Balance,
		/// Paid back so far.
		pub repaid: Balance,
		/// When the pool paid.
		pub settled_at: Moment,
		/// Repayments after this moment are late.
		pub due_at: Moment,
		/// Whether the chain has noted the debt overdue or in default.
		pub standing: DebtStanding,
		/// Repayments weighted by their time outstanding.
		pub repaid_held: Balance,
	}

	impl<AccountId, Balance: Saturating + Copy> Debt<AccountId, Balance> {
		/// What it still owes.
		pub fn owed(&self) -> Balance {
			self.principal.saturating_add(self.fee).saturating_sub(self.repaid)
		}
	}

	/// The ledger as version 3 stores it.
	#[storage_alias]
	pub type Pool<T: Config> = StorageValue<Pallet<T>, PoolLedger<BalanceOf<T>>, OptionQuery>;

	/// The debts as version 3 stores them.
	#[storage_alias]
	pub type Debts<T: Config> = StorageMap<
		Pallet<T>,
		Twox64Concat,
		RequestId,
		Debt<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
	>;
}

/// What `pre_upgrade` hands `post_upgrade`.
#[cfg(feature = "try-runtime")]
#[derive(Encode, Decode)]
struct Before<Balance> {
	ledger: Option<old::PoolLedger<Balance>>,
	debts: u32,
	owed: Balance,
}

/// The migration's work, without the version check: use [`MigrateV3ToV4`].
pub struct InnerMigrateV3ToV4<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV3ToV4<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut reads, mut writes) = (1u64, 0u64);
		if let Some(old) = old::Pool::<T>::get() {
			let value = old.liquid().saturating_add(old.outstanding());
			Pool::<T>::put(PoolLedger {
				funded: old.funded,
				withdrawn: old.withdrawn,
				paid_out: old.paid_out,
				fees_charged: old.fees_charged,
				forfeited: old.forfeited,
				repaid: old.repaid,
				shares: value,
				..Default::default()
			});
			writes = writes.saturating_add(1);
			if !value.is_zero() {
				Shares::<T>::insert(Pallet::<T>::pool_account(), value);
				writes = writes.saturating_add(1);
			}
		}
		let now = Pallet::<T>::now();
		Debts::<T>::translate::<old::Debt<T::AccountId, BalanceOf<T>>, _>(|_, debt| {
			reads = reads.saturating_add(1);
			writes = writes.saturating_add(1);
			let mut debt = Debt {
				payer: debt.payer,
				payee: debt.payee,
				principal: debt.principal,
				fee: debt.fee,
				repaid: debt.repaid,
				settled_at: debt.settled_at,
				due_at: debt.due_at,
				standing: debt.standing,
				repaid_held: debt.repaid_held,
				late_charge: Zero::zero(),
				late_days: 0,
				write_off: None,
			};
			debt.late_days = Pallet::<T>::late_days_at(&debt, now);
			Some(debt)
		});
		log::info!(
			target: "runtime::credit",
			"migrated to v4: {reads} entries read, {writes} written",
		);
		T::DbWeight::get().reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		let ledger = old::Pool::<T>::get();
		let debts = old::Debts::<T>::iter().count();
		ensure!(
			Debts::<T>::iter_keys().count() == debts,
			"v4 migration: a stored debt is not the v3 layout"
		);
		let owed = old::Debts::<T>::iter_values()
			.fold(BalanceOf::<T>::default(), |sum, debt| sum.saturating_add(debt.owed()));
		Ok(Before { ledger, debts: debts as u32, owed }.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		let before = Before::<BalanceOf<T>>::decode(&mut &state[..])
			.map_err(|_| "v4 migration: pre_upgrade's state does not decode")?;
		let ledger = Pool::<T>::get();
		if let Some(old) = before.ledger {
			ensure!(
				(ledger.funded, ledger.withdrawn, ledger.paid_out, ledger.fees_charged)
					== (old.funded, old.withdrawn, old.paid_out, old.fees_charged)
					&& (ledger.forfeited, ledger.repaid) == (old.forfeited, old.repaid),
				"v4 migration: a ledger figure changed"
			);
			ensure!(
				ledger.value() == old.liquid().saturating_add(old.outstanding()),
				"v4 migration: the pool's value changed"
			);
		}
		ensure!(
			ledger.shares == Shares::<T>::get(Pallet::<T>::pool_account()).unwrap_or_default()
				&& ledger.shares == ledger.value(),
			"v4 migration: the pool's value is not all the pool's own shares, one per unit"
		);
		let debts: Vec<_> = Debts::<T>::iter_values().collect();
		ensure!(debts.len() == before.debts as usize, "v4 migration: a debt was lost");
		let owed =
			debts.iter().fold(BalanceOf::<T>::default(), |sum, d| sum.saturating_add(d.owed()));
		ensure!(owed == before.owed, "v4 migration: what the debts owe changed");
		ensure!(
			debts.iter().all(|debt| debt.write_off.is_none() && debt.late_charge.is_zero()),
			"v4 migration: a migrated debt claims a charge or a write-off"
		);
		Ok(())
	}
}

/// Migrates the pallet's storage from version 3 to 4 (see the module docs); does nothing on a
/// chain at any other version.
pub type MigrateV3ToV4<T> = VersionedMigration<
	3,
	4,
	InnerMigrateV3ToV4<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
