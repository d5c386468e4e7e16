//! Version 2 to 3: exposure caps, grade backing and proportional on-time credit.
//!
//! - The pool ledger gains [`PoolLedger::repaid`], set to the sum of every payer's repayment
//!   history (what version 2 summed on every read).
//! - [`PayeeExposure`] is written from the unpaid debts: what is owed for credit paid to each
//!   payee.
//! - A debt gains [`Debt::repaid_held`], its repayments weighted by their time outstanding;
//!   repayments made before the upgrade count for nothing there.
//! - A grade gains its backing and deposit. Version 2 held neither, so a migrated grade holds
//!   none: while [`Config::GradeBacking`] is above zero it counts as a payee limit of zero until
//!   its payee sets it again (which holds both); debts already owed are not touched.
//! - A payer's credited on-time repayments are counted in millionths of a full credit: each
//!   credited repayment of version 2 counts as a full one
//!   ([`crate::types::RepaymentHistory::credited_millionths`]), so no payer's limit changes at the upgrade.
//!
//! It reads every party, grade and debt once, so its weight grows with them, as [`super::v1`]'s
//! does.

use super::v1::layout as v2;
use super::v4::old::{self as v3, Debt, PoolLedger};
use crate::{
	pallet::*,
	types::{Grade, FULL_CREDIT},
	BalanceOf, PartyStateOf,
};
use alloc::collections::btree_map::BTreeMap;
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, storage_alias,
	traits::UncheckedOnRuntimeUpgrade, Blake2_128Concat,
};
use sp_runtime::traits::Saturating;
#[cfg(feature = "try-runtime")]
use {alloc::vec::Vec, sp_runtime::TryRuntimeError};

/// The version-2 layout of what this migration changes.
pub mod old {
	use super::*;

	/// A grade of version 2: a level and a limit, nothing held.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, Default, TypeInfo)]
	pub struct Grade<Balance> {
		/// The payee's own rating.
		pub level: u8,
		/// The payee limit.
		pub limit: Balance,
	}

	/// A debt of version 2: without `repaid_held`.
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
		pub settled_at: crate::types::Moment,
		/// Repayments after this moment are late.
		pub due_at: crate::types::Moment,
		/// Whether the chain has noted the debt overdue or in default.
		pub standing: crate::types::DebtStanding,
	}

	/// The debts as version 2 stores them.
	#[storage_alias]
	pub type Debts<T: Config> = StorageMap<
		Pallet<T>,
		frame_support::Twox64Concat,
		crate::types::RequestId,
		Debt<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
	>;

	/// The grades as version 2 stores them.
	#[storage_alias]
	pub type Grades<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		Grade<BalanceOf<T>>,
	>;
}

/// What `pre_upgrade` hands `post_upgrade`.
#[cfg(feature = "try-runtime")]
#[derive(Encode, Decode)]
struct Before<Balance> {
	ledger: Option<v2::PoolLedger<Balance>>,
	grades: u32,
	debts: u32,
	credited: BTreeMap<alloc::vec::Vec<u8>, u32>,
}

/// The migration's work, without the version check: use [`MigrateV2ToV3`].
pub struct InnerMigrateV2ToV3<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut reads, mut writes) = (0u64, 0u64);

		// Credited repayments, in millionths of a full credit; and everything ever repaid.
		let mut repaid = BalanceOf::<T>::default();
		Parties::<T>::translate_values::<PartyStateOf<T>, _>(|mut state| {
			reads = reads.saturating_add(1);
			writes = writes.saturating_add(1);
			let history = &mut state.profile.history;
			history.credited_millionths = history.credited_millionths.saturating_mul(FULL_CREDIT);
			repaid =
				repaid.saturating_add(history.on_time_amount.saturating_add(history.late_amount));
			Some(state)
		});

		reads = reads.saturating_add(1);
		if let Some(old) = v2::Pool::<T>::get() {
			v3::Pool::<T>::put(PoolLedger {
				funded: old.funded,
				withdrawn: old.withdrawn,
				paid_out: old.paid_out,
				fees_charged: old.fees_charged,
				forfeited: old.forfeited,
				repaid,
			});
			writes = writes.saturating_add(1);
		}

		// Repayments made before the upgrade were not weighted by their time outstanding:
		// they earn nothing toward the bonus (against the debtor, as every rounding here is).
		let mut exposure: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		v3::Debts::<T>::translate::<old::Debt<T::AccountId, BalanceOf<T>>, _>(|_, debt| {
			reads = reads.saturating_add(1);
			writes = writes.saturating_add(1);
			let debt = Debt {
				payer: debt.payer,
				payee: debt.payee,
				principal: debt.principal,
				fee: debt.fee,
				repaid: debt.repaid,
				settled_at: debt.settled_at,
				due_at: debt.due_at,
				standing: debt.standing,
				repaid_held: Default::default(),
			};
			let owed = exposure.entry(debt.payee.clone()).or_default();
			*owed = owed.saturating_add(debt.owed());
			Some(debt)
		});
		for (payee, owed) in exposure {
			PayeeExposure::<T>::insert(payee, owed);
			writes = writes.saturating_add(1);
		}

		// A grade of limit zero was no grade: it goes (nothing is held for it).
		Grades::<T>::translate::<old::Grade<BalanceOf<T>>, _>(|_, _, grade| {
			reads = reads.saturating_add(1);
			writes = writes.saturating_add(1);
			(!grade.limit.is_zero()).then_some(Grade {
				level: grade.level,
				limit: grade.limit,
				backing: Default::default(),
				deposit: Default::default(),
			})
		});
		log::info!(
			target: "runtime::credit",
			"migrated to v3: {reads} entries read, {writes} written",
		);
		T::DbWeight::get().reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		let ledger = v2::Pool::<T>::get();
		let grades = old::Grades::<T>::iter().filter(|(_, _, g)| !g.limit.is_zero()).count() as u32;
		ensure!(
			Debts::<T>::iter_keys().count() == old::Debts::<T>::iter().count(),
			"v3 migration: a stored debt is not the v2 layout"
		);
		ensure!(
			Grades::<T>::iter_keys().count() == grades as usize,
			"v3 migration: a stored grade is not the v2 layout"
		);
		let credited = Parties::<T>::iter()
			.map(|(who, state)| (who.encode(), state.profile.history.credited_millionths))
			.collect();
		let debts = old::Debts::<T>::iter().count() as u32;
		Ok(Before { ledger, grades, debts, credited }.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		let before = Before::<BalanceOf<T>>::decode(&mut &state[..])
			.map_err(|_| "v3 migration: pre_upgrade's state does not decode")?;
		let ledger = v3::Pool::<T>::get().unwrap_or_default();
		if let Some(old) = before.ledger {
			ensure!(
				(ledger.funded, ledger.withdrawn, ledger.paid_out, ledger.fees_charged)
					== (old.funded, old.withdrawn, old.paid_out, old.fees_charged)
					&& ledger.forfeited == old.forfeited,
				"v3 migration: a ledger figure changed"
			);
		}
		ensure!(
			v3::Debts::<T>::iter().count() == before.debts as usize,
			"v3 migration: a debt was lost or does not decode"
		);
		let exposure = PayeeExposure::<T>::iter_values()
			.fold(BalanceOf::<T>::default(), |sum, owed| sum.saturating_add(owed));
		ensure!(
			exposure == ledger.outstanding(),
			"v3 migration: the payees' exposure differs from what the pool is owed"
		);
		let grades: Vec<_> = Grades::<T>::iter_values().collect();
		ensure!(grades.len() == before.grades as usize, "v3 migration: a grade was lost");
		ensure!(
			grades.iter().all(|grade| grade.backing.is_zero() && grade.deposit.is_zero()),
			"v3 migration: a migrated grade claims a hold nobody made"
		);
		for (who, state) in Parties::<T>::iter() {
			let old = before.credited.get(&who.encode()).copied().unwrap_or_default();
			ensure!(
				state.profile.history.credited_millionths == old.saturating_mul(FULL_CREDIT),
				"v3 migration: a payer's credited repayments were not counted in full credits"
			);
		}
		Ok(())
	}
}

/// Migrates the pallet's storage from version 2 to 3 (see the module docs); does nothing on a
/// chain at any other version.
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	InnerMigrateV2ToV3<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
