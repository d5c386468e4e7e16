//! Credit increases (claim 5): a payer refused for its node limit asks the credit officer for a
//! higher base limit, with evidence of its ability to repay and a deposit; the officer approves
//! (through the rate limiter, up to the formula's cap) or rejects, slashing the deposit to the
//! pool when the request was abusive.

use crate::{
	certificates::Party, pallet::*, types::*, BalanceOf, DescriptionOf, IncreaseRequestOf,
	PartyStateOf,
};
use frame_support::{
	ensure,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
};
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Serves [`Pallet::request_credit_increase`].
	pub(crate) fn do_request_increase(
		payer: T::AccountId,
		amount: BalanceOf<T>,
		evidence_hash: H256,
		note: DescriptionOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut state = Self::party(&payer)?;
		ensure!(state.increase_request.is_none(), Error::<T>::IncreaseAlreadyOpen);
		let now = Self::now();
		Self::ensure_not_in_default(&state, now)?;
		let cap = T::LimitParameters::get().cap;
		ensure!(state.profile.base_limit < cap, Error::<T>::BaseLimitAtCap);
		Self::certified_in(&state, now).map_err(|failure| failure.error::<T>(Party::Payer))?;
		let deposit = T::IncreaseDeposit::get();
		T::Currency::hold(&HoldReason::IncreaseDeposit.into(), &payer, deposit)?;
		state.increase_request =
			Some(IncreaseRequest { amount, evidence_hash, note, deposit, requested_at: now });
		Self::put_party(&payer, state);
		Self::deposit_event(Event::CreditIncreaseRequested { payer, amount, evidence_hash });
		Ok(())
	}

	/// Serves [`Pallet::withdraw_credit_increase`].
	pub(crate) fn do_withdraw_increase(payer: T::AccountId) -> DispatchResult {
		Self::mutate_party(&payer, |state| Self::close_increase(&payer, state))?;
		Self::deposit_event(Event::CreditIncreaseWithdrawn { payer });
		Ok(())
	}

	/// Serves [`Pallet::approve_credit_increase`].
	pub(crate) fn do_approve_increase(payer: T::AccountId) -> DispatchResult {
		let cap = T::LimitParameters::get().cap;
		let base_limit =
			Self::mutate_party(&payer, |state| -> Result<BalanceOf<T>, DispatchError> {
				Self::ensure_not_in_default(state, Self::now())?;
				let request = Self::close_increase(&payer, state)?;
				let profile = &mut state.profile;
				ensure!(Self::admit_raise(profile, Self::now()), Error::<T>::LimitRaiseTooSoon);
				let base = profile.base_limit;
				profile.base_limit = base.saturating_add(request.amount).min(cap).max(base);
				Ok(profile.base_limit)
			})?;
		Self::deposit_event(Event::CreditIncreaseApproved { payer: payer.clone(), base_limit });
		Self::limit_changed(&payer, LimitChangeReason::IncreaseApproved);
		Ok(())
	}

	/// Serves [`Pallet::reject_credit_increase`].
	pub(crate) fn do_reject_increase(payer: T::AccountId, abusive: bool) -> DispatchResult {
		let slashed = Self::mutate_party(&payer, |state| {
			if abusive {
				let request = state.increase_request.take().ok_or(Error::<T>::IncreaseNotFound)?;
				T::Currency::transfer_on_hold(
					&HoldReason::IncreaseDeposit.into(),
					&payer,
					&Self::pool_account(),
					request.deposit,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)
			} else {
				Self::close_increase(&payer, state).map(|_| Zero::zero())
			}
		})?;
		Self::book(&[(LedgerEntry::Forfeited, slashed)])?;
		Self::deposit_event(Event::CreditIncreaseRejected { payer, abusive, slashed });
		Ok(())
	}

	/// Takes the open increase request out of `payer`'s `state` and releases its deposit.
	fn close_increase(
		payer: &T::AccountId,
		state: &mut PartyStateOf<T>,
	) -> Result<IncreaseRequestOf<T>, DispatchError> {
		let request = state.increase_request.take().ok_or(Error::<T>::IncreaseNotFound)?;
		T::Currency::release(
			&HoldReason::IncreaseDeposit.into(),
			payer,
			request.deposit,
			Precision::Exact,
		)?;
		Ok(request)
	}
}
