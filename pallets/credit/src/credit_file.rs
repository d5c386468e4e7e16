//! The payer's credit file, kept in its party entry ([`Parties`]): the base limit the credit
//! officer sets (S50), the repayment record, and the memory of the one rate limiter that every
//! path raising a limit goes through ([`Config::RaiseInterval`]):
//!
//! - a credited on-time repayment (only a repayment that clears a debt by its due date can be
//!   credited; one inside the interval still counts in the history's sums, but earns no bonus);
//! - an approved credit increase (the officer's approval fails with
//!   [`Error::LimitRaiseTooSoon`] and the request stays open);
//! - a higher base limit set by the officer (fails the same way).
//!
//! The party entry also holds the certificate and the per-payer indexes; it is read once and
//! written at most once per call, through `mutate_party` and `put_party`.

use crate::{pallet::*, types::*, BalanceOf, PartyStateOf};
use codec::DecodeAll;
use frame_support::{ensure, traits::Get};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Serves [`Pallet::set_base_limit`]: a raise passes the rate limiter, a cut never needs to.
	pub(crate) fn do_set_base_limit(payer: T::AccountId, limit: BalanceOf<T>) -> DispatchResult {
		ensure!(limit <= T::LimitParameters::get().cap, Error::<T>::BaseLimitAboveCap);
		Self::mutate_party(&payer, |state| -> DispatchResult {
			let profile = &mut state.profile;
			if limit > profile.base_limit {
				ensure!(Self::admit_raise(profile, Self::now()), Error::<T>::LimitRaiseTooSoon);
			}
			profile.base_limit = limit;
			Ok(())
		})?;
		Self::deposit_event(Event::BaseLimitSet { payer: payer.clone(), limit });
		Self::limit_changed(&payer, LimitChangeReason::BaseLimitSet);
		Ok(())
	}

	/// The rate limiter: `true`, and remembered in `profile`, when its limit may be raised at
	/// `now`.
	pub(crate) fn admit_raise(profile: &mut CreditProfile<BalanceOf<T>>, now: Moment) -> bool {
		let allowed = profile
			.last_raise
			.is_none_or(|last| now >= last.saturating_add(T::RaiseInterval::get()));
		if allowed {
			profile.last_raise = Some(now);
		}
		allowed
	}

	/// A payer with a default, or a debt in default now (booked or not), keeps a limit of
	/// zero: no increase can help it.
	pub(crate) fn ensure_not_in_default(state: &PartyStateOf<T>, now: Moment) -> DispatchResult {
		ensure!(Self::history_at(state, now).defaults == 0, Error::<T>::PayerInDefault);
		Ok(())
	}

	/// What is kept about `who`: its entry, or an empty state if it has none. An entry that
	/// exists but does not decode (a layout changed without its migration) is
	/// [`Error::PartyEntryUndecodable`], never read as empty: the payer's debts would drop out
	/// of every limit check, and the next write would overwrite them. One storage read, as
	/// `Parties::get` makes.
	pub(crate) fn party(who: &T::AccountId) -> Result<PartyStateOf<T>, DispatchError> {
		match frame_support::storage::unhashed::get_raw(&Parties::<T>::hashed_key_for(who)) {
			None => Ok(Default::default()),
			Some(raw) => PartyStateOf::<T>::decode_all(&mut &raw[..])
				.map_err(|_| Error::<T>::PartyEntryUndecodable.into()),
		}
	}

	/// Changes what is kept about `who` if `f` succeeds, in one read and one write (see
	/// [`Self::put_party`]); if `f` fails, or the entry does not decode, nothing is written.
	pub(crate) fn mutate_party<R, E: From<DispatchError>>(
		who: &T::AccountId,
		f: impl FnOnce(&mut PartyStateOf<T>) -> Result<R, E>,
	) -> Result<R, E> {
		let mut state = Self::party(who)?;
		let result = f(&mut state)?;
		Self::put_party(who, state);
		Ok(result)
	}

	/// Writes `state` back as what is kept about `who`; an account left with nothing to keep
	/// loses its entry, so no empty state is ever stored.
	pub(crate) fn put_party(who: &T::AccountId, state: PartyStateOf<T>) {
		if state == PartyStateOf::<T>::default() {
			Parties::<T>::remove(who);
		} else {
			Parties::<T>::insert(who, state);
		}
	}
}
