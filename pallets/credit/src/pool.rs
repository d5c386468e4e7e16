//! The credit pool: a pallet-owned account that pays payees on payers' behalf, owned by its
//! funders in shares, and a ledger of what went in and out.
//!
//! Funding mints shares at the pool's value per share: its liquid funds by the books plus what
//! performing debts owe it ([`PoolLedger::value`]); redeeming burns them for liquid funds at the
//! same price. Fees and late charges raise the value per share, write-offs lower it. Both round
//! against the caller (fewer shares minted, less paid out), so rounding never moves value from
//! the other funders to the caller. No one can take out another funder's money: the only way
//! out is redeeming one's own shares. The pool's own account holds the shares of what no funder
//! paid in (genesis funding, and the pool's balance from before shares): they cannot be
//! redeemed, since no one signs for the pool, and their value stays in it for every funder's
//! loans. Money transferred to the pool's account outside the pallet is not booked and counts
//! for no share (a donation cannot move the value per share).

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
	traits::{AccountIdConversion, CheckedAdd, One, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult, Perbill, Rounding, SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// The credit pool's account, derived from [`Config::PalletId`].
	pub fn pool_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Serves [`Pallet::fund_pool`]: `amount` in, shares at the pool's value per share out.
	pub(crate) fn do_fund_pool(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let ledger = Pool::<T>::get();
		let shares = Self::shares_for(&ledger, amount)?;
		T::Currency::transfer(&who, &Self::pool_account(), amount, Preservation::Preserve)?;
		Self::book(&[(LedgerEntry::Funded, amount)])?;
		Self::mint_shares(&who, shares)?;
		Self::deposit_event(Event::PoolFunded { who, amount, shares });
		Ok(())
	}

	/// Serves [`Pallet::redeem_shares`]: `shares` of the caller's burnt, their value paid out
	/// of the pool's liquid funds.
	pub(crate) fn do_redeem_shares(who: T::AccountId, shares: BalanceOf<T>) -> DispatchResult {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let held = Shares::<T>::get(&who).unwrap_or_default();
		ensure!(shares <= held, Error::<T>::NotEnoughShares);
		let ledger = Pool::<T>::get();
		let amount = Self::value_of_shares(&ledger, shares);
		ensure!(!amount.is_zero(), Error::<T>::RedemptionBelowOneUnit);
		Self::ensure_pool_can_pay(amount)?;
		ensure!(
			Self::redemption_within_exposure(&ledger, amount),
			Error::<T>::WithdrawalAboveExposureCap
		);
		T::Currency::transfer(&Self::pool_account(), &who, amount, Preservation::Preserve)?;
		Self::book(&[(LedgerEntry::Withdrawn, amount)])?;
		let left = held.saturating_sub(shares);
		if left.is_zero() {
			Shares::<T>::remove(&who);
		} else {
			Shares::<T>::insert(&who, left);
		}
		Pool::<T>::mutate(|ledger| ledger.shares = ledger.shares.saturating_sub(shares));
		Self::deposit_event(Event::SharesRedeemed { who, shares, amount });
		Ok(())
	}

	/// Whether paying `amount` out of the pool keeps what it is owed within
	/// [`Config::MaxPoolExposure`] of what it is worth after: the redemptions' exposure rule.
	pub(crate) fn redemption_within_exposure(
		ledger: &PoolLedger<BalanceOf<T>>,
		amount: BalanceOf<T>,
	) -> bool {
		let value_after = ledger.value().saturating_sub(amount);
		ledger.outstanding() <= T::MaxPoolExposure::get().mul_floor(value_after)
	}

	/// The most the exposure rule lets redemptions pay out now: the largest amount
	/// [`Self::redemption_within_exposure`] allows (it allows every smaller one), found by
	/// bisection so that the read and the call apply one rule.
	pub(crate) fn most_redeemable_within_exposure(
		ledger: &PoolLedger<BalanceOf<T>>,
	) -> BalanceOf<T> {
		if !Self::redemption_within_exposure(ledger, Zero::zero()) {
			return Zero::zero();
		}
		let (mut allowed, mut refused) = (BalanceOf::<T>::zero(), ledger.value());
		if Self::redemption_within_exposure(ledger, refused) {
			return refused;
		}
		while refused.saturating_sub(allowed) > One::one() {
			let middle = allowed.saturating_add(
				Perbill::from_percent(50).mul_floor(refused.saturating_sub(allowed)),
			);
			if Self::redemption_within_exposure(ledger, middle) {
				allowed = middle;
			} else {
				refused = middle;
			}
		}
		allowed
	}

	/// The shares `amount` buys at the pool's value per share, rounded down: one for one into
	/// a pool without shares. Errors with [`Error::PoolHasNoValue`] when shares exist but are
	/// worth nothing (a new funder's money would go to them), and
	/// [`Error::FundingBelowOneShare`] when `amount` buys none.
	pub(crate) fn shares_for(
		ledger: &PoolLedger<BalanceOf<T>>,
		amount: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		if ledger.shares.is_zero() {
			return Ok(amount);
		}
		let value = ledger.value();
		ensure!(!value.is_zero(), Error::<T>::PoolHasNoValue);
		let shares = multiply(amount, ledger.shares, value)?;
		ensure!(!shares.is_zero(), Error::<T>::FundingBelowOneShare);
		Ok(shares)
	}

	/// What `shares` are worth at the pool's value per share, rounded down.
	pub fn value_of_shares(
		ledger: &PoolLedger<BalanceOf<T>>,
		shares: BalanceOf<T>,
	) -> BalanceOf<T> {
		if ledger.shares.is_zero() {
			return Zero::zero();
		}
		multiply(shares, ledger.value(), ledger.shares).unwrap_or_default()
	}

	/// Adds `shares` to `who`'s and to the supply.
	pub(crate) fn mint_shares(who: &T::AccountId, shares: BalanceOf<T>) -> DispatchResult {
		Pool::<T>::try_mutate(|ledger| {
			ledger.shares = ledger.shares.checked_add(&shares).ok_or(ArithmeticError::Overflow)?;
			Shares::<T>::try_mutate(who, |held| {
				let held = held.get_or_insert_with(Zero::zero);
				*held = held.checked_add(&shares).ok_or(ArithmeticError::Overflow)?;
				Ok(())
			})
		})
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

/// `a × b / c`, rounded down; `ArithmeticError::Overflow` if it does not fit, and zero for `c`
/// zero.
fn multiply<B: sp_runtime::traits::AtLeast32BitUnsigned + Copy>(
	a: B,
	b: B,
	c: B,
) -> Result<B, DispatchError> {
	if c.is_zero() {
		return Ok(Zero::zero());
	}
	sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
		a.saturated_into::<u128>(),
		b.saturated_into::<u128>(),
		c.saturated_into::<u128>(),
		Rounding::Down,
	)
	.and_then(|result| B::try_from(result).ok())
	.ok_or(ArithmeticError::Overflow.into())
}
