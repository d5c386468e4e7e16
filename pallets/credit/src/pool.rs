//! The credit pool: a pallet-owned account that pays payees on payers' behalf, funded by
//! anyone, drawn on by [`Config::PoolOrigin`], and a ledger of what went in and out.

use crate::{pallet::*, types::*, BalanceOf};
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		Get,
	},
};
use sp_runtime::{
	traits::{AccountIdConversion, Saturating, Zero},
	ArithmeticError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The credit pool's account, derived from [`Config::PalletId`].
	pub fn pool_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Serves [`Pallet::fund_pool`].
	pub(crate) fn do_fund_pool(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		T::Currency::transfer(&who, &Self::pool_account(), amount, Preservation::Preserve)?;
		Self::book(&[(LedgerEntry::Funded, amount)])?;
		Self::deposit_event(Event::PoolFunded { who, amount });
		Ok(())
	}

	/// Serves [`Pallet::withdraw_from_pool`].
	pub(crate) fn do_withdraw_from_pool(to: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_pool_can_pay(amount)?;
		// What the pool is owed stays within its exposure share of what the pool is worth after.
		let outstanding = Pool::<T>::get().outstanding();
		let value_after = T::Currency::balance(&Self::pool_account())
			.saturating_sub(amount)
			.saturating_add(outstanding);
		ensure!(
			outstanding <= T::MaxPoolExposure::get().mul_floor(value_after),
			Error::<T>::WithdrawalAboveExposureCap
		);
		T::Currency::transfer(&Self::pool_account(), &to, amount, Preservation::Preserve)?;
		Self::book(&[(LedgerEntry::Withdrawn, amount)])?;
		Self::deposit_event(Event::PoolWithdrawn { to, amount });
		Ok(())
	}

	/// Whether the pool can pay `amount` and keep its existential deposit.
	pub(crate) fn ensure_pool_can_pay(amount: BalanceOf<T>) -> DispatchResult {
		let spare = T::Currency::reducible_balance(
			&Self::pool_account(),
			Preservation::Preserve,
			Fortitude::Polite,
		);
		ensure!(amount <= spare, Error::<T>::PoolBalanceTooLow);
		Ok(())
	}

	/// Adds each `(entry, amount)` to the pool ledger, in one write; fails, writing nothing, if
	/// any figure would overflow.
	pub(crate) fn book(entries: &[(LedgerEntry, BalanceOf<T>)]) -> DispatchResult {
		Pool::<T>::try_mutate(|ledger| {
			entries
				.iter()
				.try_for_each(|(entry, amount)| ledger.add(*entry, *amount))
				.ok_or(ArithmeticError::Overflow.into())
		})
	}
}
