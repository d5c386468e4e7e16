//! How the pool's money reaches a payee (S70).
//!
//! The pallet decides *whether* and *how much* to pay; a [`Settlement`] decides *how* the money
//! travels. [`LocalSettlement`] pays payees whose certificate names this chain with a plain
//! fungible transfer; a runtime that serves other chains routes the rest (for example over XCM)
//! with its own implementation.

use crate::{types::ChainId, BalanceOf, Config, Error};
use core::marker::PhantomData;
use frame_support::traits::{fungible::Mutate, tokens::Preservation, Get};
use sp_runtime::DispatchResult;

/// Pays a payee out of the credit pool.
pub trait Settlement<AccountId, Balance> {
	/// `Ok` when payees homed on `payee_chain` can be paid; otherwise the error [`Self::pay`]
	/// would fail with. Checked before a request is made, and by the dry run, so that nothing
	/// is held for a payment that cannot arrive.
	fn ensure_reachable(payee_chain: ChainId) -> DispatchResult;

	/// Move `amount` from `pool` to `payee`, whose home is `payee_chain`. Must either move all of
	/// it or fail without effect; must never reap `pool`.
	fn pay(
		pool: &AccountId,
		payee: &AccountId,
		payee_chain: ChainId,
		amount: Balance,
	) -> DispatchResult;
}

/// Settles on this chain with `Config::Currency`; refuses payees homed on any other chain than
/// `Config::LocalChainId`.
pub struct LocalSettlement<T>(PhantomData<T>);

impl<T: Config> Settlement<T::AccountId, BalanceOf<T>> for LocalSettlement<T> {
	fn ensure_reachable(payee_chain: ChainId) -> DispatchResult {
		frame_support::ensure!(
			payee_chain == T::LocalChainId::get(),
			Error::<T>::PayeeChainUnreachable
		);
		Ok(())
	}

	fn pay(
		pool: &T::AccountId,
		payee: &T::AccountId,
		payee_chain: ChainId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::ensure_reachable(payee_chain)?;
		T::Currency::transfer(pool, payee, amount, Preservation::Preserve)?;
		Ok(())
	}
}
