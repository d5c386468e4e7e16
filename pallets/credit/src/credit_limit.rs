//! The payer's node limit (claim 2) and the credit-increase workflow (claim 5).
//!
//! The limit itself is [`crate::formula`]'s pure function; this module gathers its inputs from
//! storage (base limit, repayment history, what is overdue now, the payee's volume window),
//! keeps the history and the volume window up to date, and runs the one rate limiter that every
//! path raising a limit goes through ([`Config::RaiseInterval`]):
//!
//! - a credited on-time repayment (only a repayment that clears a debt by its due date can be
//!   credited; one inside the interval still counts in the history's sums, but earns no bonus);
//! - an approved credit increase (the officer's approval fails with
//!   [`Error::LimitRaiseTooSoon`] and the request stays open);
//! - a higher base limit set by the officer (fails the same way).
//!
//! Every change of a payer's limit emits [`Event::NodeLimitChanged`] with its reason.

use crate::{
	formula::{self, LimitBreakdown, LimitInputs},
	lifecycle::{overdue_owed, total_owed},
	pallet::*,
	types::*,
	volume, BalanceOf, DescriptionOf, IncreaseRequestOf, PartyStateOf, VolumeRingOf,
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
	/// What `payer` owes now on debts past their due date.
	pub fn overdue_amount(payer: &T::AccountId, now: Moment) -> BalanceOf<T> {
		overdue_owed::<T>(&Parties::<T>::get(payer).open_debts, now)
	}

	/// `payee`'s settled volume over the window ending now.
	pub fn payee_volume(payee: &T::AccountId) -> BalanceOf<T> {
		Self::payee_volume_at(payee, Self::now())
	}

	pub(crate) fn payee_volume_at(payee: &T::AccountId, now: Moment) -> BalanceOf<T> {
		Self::window_total(&PayeeVolume::<T>::get(payee), now)
	}

	/// The volume in a payee's `ring` over the window ending at `now`.
	pub(crate) fn window_total(ring: &VolumeRingOf<T>, now: Moment) -> BalanceOf<T> {
		volume::total(ring, now, T::VolumeBucketLength::get())
	}

	/// The node limit (S50) for these inputs, with the runtime's parameters.
	pub(crate) fn limit_of(inputs: &LimitInputs<BalanceOf<T>>) -> BalanceOf<T> {
		formula::node_limit(inputs, &T::LimitParameters::get())
	}

	/// The formula's inputs for `payer`; with a `payee`, its volume window too.
	pub fn limit_inputs(
		payer: &T::AccountId,
		payee: Option<&T::AccountId>,
	) -> LimitInputs<BalanceOf<T>> {
		let now = Self::now();
		let payee_volume = payee.map(|payee| Self::payee_volume_at(payee, now));
		Self::limit_inputs_with(&Parties::<T>::get(payer), payee_volume, now)
	}

	/// [`Self::limit_inputs`] with what is kept about the payer and the payee's volume already
	/// read.
	pub(crate) fn limit_inputs_with(
		state: &PartyStateOf<T>,
		payee_volume: Option<BalanceOf<T>>,
		now: Moment,
	) -> LimitInputs<BalanceOf<T>> {
		LimitInputs {
			base: state.profile.base_limit,
			history: state.profile.history,
			overdue: overdue_owed::<T>(&state.open_debts, now),
			payee_volume,
		}
	}

	/// The formula step by step for `payer` buying from `payee` (or, without one, its ceiling).
	pub fn node_limit_breakdown(
		payer: &T::AccountId,
		payee: Option<&T::AccountId>,
	) -> LimitBreakdown<BalanceOf<T>> {
		formula::breakdown(&Self::limit_inputs(payer, payee), &T::LimitParameters::get())
	}

	/// The payer's credit amount at the node (S50) when buying from `payee`.
	pub fn node_limit(payer: &T::AccountId, payee: &T::AccountId) -> BalanceOf<T> {
		Self::node_limit_breakdown(payer, Some(payee)).limit
	}

	/// The payer's node limit before the payee-volume guard: the most any payee could see.
	pub fn ceiling(payer: &T::AccountId) -> BalanceOf<T> {
		Self::node_limit_breakdown(payer, None).limit
	}

	/// Everything a wallet shows about a payer's standing.
	pub fn credit_record_of(payer: &T::AccountId) -> CreditRecord<BalanceOf<T>> {
		let state = Parties::<T>::get(payer);
		let inputs = Self::limit_inputs_with(&state, None, Self::now());
		CreditRecord {
			base_limit: inputs.base,
			history: inputs.history,
			outstanding: total_owed::<T>(&state.open_debts),
			overdue: inputs.overdue,
			ceiling: Self::limit_of(&inputs),
			increase_requested: state.increase_request.map(|request| request.amount),
		}
	}

	/// Adds a settlement to the payee's volume window, already read into `ring`: one bucket
	/// changes, the ring is written back.
	pub(crate) fn record_volume(
		payee: &T::AccountId,
		mut ring: VolumeRingOf<T>,
		now: Moment,
		amount: BalanceOf<T>,
	) {
		volume::record(&mut ring, now, T::VolumeBucketLength::get(), amount);
		PayeeVolume::<T>::insert(payee, ring);
	}

	/// The rate limiter: `true`, and remembered in `profile`, when its limit may be raised at
	/// `now`.
	fn admit_raise(profile: &mut CreditProfile<BalanceOf<T>>, now: Moment) -> bool {
		let allowed = profile
			.last_raise
			.is_none_or(|last| now >= last.saturating_add(T::RaiseInterval::get()));
		if allowed {
			profile.last_raise = Some(now);
		}
		allowed
	}

	pub(crate) fn limit_changed(payer: &T::AccountId, reason: LimitChangeReason) {
		Self::limit_changed_to(payer, reason, &Self::limit_inputs(payer, None));
	}

	/// [`Self::limit_changed`] with the payer's new inputs already at hand.
	pub(crate) fn limit_changed_to(
		payer: &T::AccountId,
		reason: LimitChangeReason,
		inputs: &LimitInputs<BalanceOf<T>>,
	) {
		Self::deposit_event(Event::NodeLimitChanged {
			payer: payer.clone(),
			reason,
			base_limit: inputs.base,
			ceiling: Self::limit_of(inputs),
		});
	}

	/// Adds a repayment to the payer's history, in `state`. A repayment that `cleared` its debt
	/// counts for the limit: on time it is credited if the rate limiter admits it, late it
	/// counts as one late debt. Partial repayments only add to the counts and sums. Returns why
	/// the limit changed, if it did, for the caller to announce once `state` is written.
	pub(crate) fn record_repayment(
		state: &mut PartyStateOf<T>,
		repayment: Repayment<BalanceOf<T>>,
		cleared: bool,
	) -> Option<LimitChangeReason> {
		let late_debt = cleared && !repayment.on_time;
		let profile = &mut state.profile;
		let credited = cleared && repayment.on_time && Self::admit_raise(profile, repayment.at);
		let history = &mut profile.history;
		if repayment.on_time {
			history.on_time_count = history.on_time_count.saturating_add(1);
			history.on_time_amount = history.on_time_amount.saturating_add(repayment.amount);
		} else {
			history.late_count = history.late_count.saturating_add(1);
			history.late_amount = history.late_amount.saturating_add(repayment.amount);
		}
		if credited {
			history.credited_count = history.credited_count.saturating_add(1);
		}
		if late_debt {
			history.late_debts = history.late_debts.saturating_add(1);
		}
		history.last_repayment_at = Some(repayment.at);
		let recent = &mut state.recent_repayments;
		if recent.is_full() {
			recent.remove(0);
		}
		// Cannot fail: a slot was just freed if there was none.
		let _ = recent.try_push(repayment);
		if credited {
			Some(LimitChangeReason::OnTimeRepayment)
		} else if late_debt {
			Some(LimitChangeReason::LateRepayment)
		} else {
			None
		}
	}

	/// A payer with a debt in default keeps a limit of zero: no increase can help it.
	fn ensure_not_in_default(profile: &CreditProfile<BalanceOf<T>>) -> DispatchResult {
		ensure!(profile.history.defaults == 0, Error::<T>::PayerInDefault);
		Ok(())
	}

	pub(crate) fn do_set_base_limit(payer: T::AccountId, limit: BalanceOf<T>) -> DispatchResult {
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

	pub(crate) fn do_request_increase(
		payer: T::AccountId,
		amount: BalanceOf<T>,
		evidence_hash: H256,
		note: DescriptionOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut state = Parties::<T>::get(&payer);
		ensure!(state.increase_request.is_none(), Error::<T>::IncreaseAlreadyOpen);
		Self::ensure_not_in_default(&state.profile)?;
		let cap = T::LimitParameters::get().cap;
		ensure!(state.profile.base_limit < cap, Error::<T>::BaseLimitAtCap);
		let now = Self::now();
		Self::certified_in(&state, now)
			.map_err(|failure| failure.error::<T>(crate::certificates::Party::Payer))?;
		let deposit = T::IncreaseDeposit::get();
		T::Currency::hold(&HoldReason::IncreaseDeposit.into(), &payer, deposit)?;
		state.increase_request =
			Some(IncreaseRequest { amount, evidence_hash, note, deposit, requested_at: now });
		Self::put_party(&payer, state);
		Self::deposit_event(Event::CreditIncreaseRequested { payer, amount, evidence_hash });
		Ok(())
	}

	/// Takes the open increase request out of `payer`'s `state` and releases its deposit.
	fn close_increase(
		payer: &T::AccountId,
		state: &mut PartyStateOf<T>,
	) -> Result<IncreaseRequestOf<T>, sp_runtime::DispatchError> {
		let request = state.increase_request.take().ok_or(Error::<T>::IncreaseNotFound)?;
		T::Currency::release(
			&HoldReason::IncreaseDeposit.into(),
			payer,
			request.deposit,
			Precision::Exact,
		)?;
		Ok(request)
	}

	pub(crate) fn do_withdraw_increase(payer: T::AccountId) -> DispatchResult {
		Self::mutate_party(&payer, |state| Self::close_increase(&payer, state))?;
		Self::deposit_event(Event::CreditIncreaseWithdrawn { payer });
		Ok(())
	}

	pub(crate) fn do_approve_increase(payer: T::AccountId) -> DispatchResult {
		let cap = T::LimitParameters::get().cap;
		let base_limit = Self::mutate_party(
			&payer,
			|state| -> Result<BalanceOf<T>, sp_runtime::DispatchError> {
				Self::ensure_not_in_default(&state.profile)?;
				let request = Self::close_increase(&payer, state)?;
				let profile = &mut state.profile;
				ensure!(Self::admit_raise(profile, Self::now()), Error::<T>::LimitRaiseTooSoon);
				let base = profile.base_limit;
				profile.base_limit = base.saturating_add(request.amount).min(cap).max(base);
				Ok(profile.base_limit)
			},
		)?;
		Self::deposit_event(Event::CreditIncreaseApproved { payer: payer.clone(), base_limit });
		Self::limit_changed(&payer, LimitChangeReason::IncreaseApproved);
		Ok(())
	}

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
		Self::deposit_event(Event::CreditIncreaseRejected { payer, abusive, slashed });
		Ok(())
	}

	pub(crate) fn do_report_overdue(id: RequestId) -> DispatchResult {
		let mut debt = Debts::<T>::get(id).ok_or(Error::<T>::DebtNotFound)?;
		let now = Self::now();
		ensure!(now > debt.due_at, Error::<T>::DebtNotOverdue);
		let in_default = now > debt.due_at.saturating_add(T::DefaultAfter::get());
		let owed = Self::owed(&debt);
		let payer = debt.payer.clone();
		match (debt.standing, in_default) {
			(DebtStanding::Defaulted, _) | (DebtStanding::Overdue, false) => {
				return Err(Error::<T>::StandingAlreadyNoted.into())
			}
			(_, true) => {
				debt.standing = DebtStanding::Defaulted;
				Self::mutate_party(&payer, |state| {
					let defaults = &mut state.profile.history.defaults;
					*defaults = defaults.saturating_add(1);
					Ok::<_, DispatchError>(())
				})?;
				Debts::<T>::insert(id, debt);
				Self::deposit_event(Event::DebtDefaulted { id, payer: payer.clone(), owed });
				Self::limit_changed(&payer, LimitChangeReason::Default);
			}
			(DebtStanding::Current, false) => {
				debt.standing = DebtStanding::Overdue;
				Debts::<T>::insert(id, debt);
				Self::deposit_event(Event::DebtOverdue { id, payer: payer.clone(), owed });
				Self::limit_changed(&payer, LimitChangeReason::Overdue);
			}
		}
		Ok(())
	}
}
