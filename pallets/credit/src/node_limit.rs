//! The two limits of S60 from storage. The node limit (claim 2) is [`crate::formula`]'s pure
//! function; this module gathers its inputs (the payer's credit file, what it has overdue now,
//! the payee's volume window), keeps the volume window up to date, pairs the node limit with
//! the payee limit for [`crate::headroom`], and announces every change of a payer's limit with
//! [`Event::NodeLimitChanged`].

use crate::{
	formula::{self, LimitInputs},
	headroom,
	pallet::*,
	types::*,
	volume, BalanceOf, PartyStateOf, VolumeRingOf,
};
use frame_support::traits::Get;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Both limits for `payer` paying `payee`, what the payer owes under each, and the headroom,
	/// from the payer's entry and the payee's window total already read.
	pub(crate) fn limits_in(
		payer: &T::AccountId,
		payee: &T::AccountId,
		state: &PartyStateOf<T>,
		payee_volume: BalanceOf<T>,
		now: Moment,
	) -> LimitCheck<BalanceOf<T>> {
		let inputs = Self::limit_inputs_in(state, Some(payee_volume), now);
		let debts = &state.open_debts;
		headroom::headroom(
			Self::payee_limit(payee, payer),
			debts.owed_to(payee),
			Self::limit_of(&inputs),
			debts.total_owed(),
		)
	}

	/// The formula's inputs from the payer's entry already read; with a payee's window total,
	/// the payee-volume guard too.
	pub(crate) fn limit_inputs_in(
		state: &PartyStateOf<T>,
		payee_volume: Option<BalanceOf<T>>,
		now: Moment,
	) -> LimitInputs<BalanceOf<T>> {
		LimitInputs {
			base: state.profile.base_limit,
			history: Self::history_at(state, now),
			overdue: state.open_debts.overdue_owed(now),
			payee_volume,
		}
	}

	/// The payer's repayment history as the limits count it at `now`: a debt in default counts
	/// in the defaults from that moment, booked or not. Without reading the debts the index
	/// cannot tell which of its debts in default are booked already, so the count is at least
	/// the true one's larger part and is zero exactly when the true one is, which is all the
	/// formula asks of it (any default takes the limit to zero); [`Pallet::credit_record`]
	/// counts exactly.
	pub(crate) fn history_at(
		state: &PartyStateOf<T>,
		now: Moment,
	) -> RepaymentHistory<BalanceOf<T>> {
		let mut history = state.profile.history;
		let in_default = state.open_debts.in_default(now, T::DefaultAfter::get());
		history.defaults = history.defaults.max(in_default);
		history
	}

	/// The node limit (S50) for these inputs, with the runtime's parameters.
	pub(crate) fn limit_of(inputs: &LimitInputs<BalanceOf<T>>) -> BalanceOf<T> {
		formula::node_limit(inputs, &T::LimitParameters::get())
	}

	/// `payee`'s repaid credit sales over the window ending at `now`.
	pub(crate) fn payee_volume_at(payee: &T::AccountId, now: Moment) -> BalanceOf<T> {
		Self::window_total(&PayeeVolume::<T>::get(payee), now)
	}

	/// The volume in a payee's `ring` over the window ending at `now`.
	pub(crate) fn window_total(ring: &VolumeRingOf<T>, now: Moment) -> BalanceOf<T> {
		volume::total(ring, now, T::VolumeBucketLength::get())
	}

	/// Adds a repaid credit sale of `amount` to the payee's volume window: one bucket changes.
	/// Credit counts as the payee's trade only once it came back, so credit merely paid out
	/// (and never repaid) cannot raise what the next payer may owe the payee.
	/// Nothing is stored for nothing: a sale that counts zero leaves the ring as it is.
	pub(crate) fn record_volume(payee: &T::AccountId, now: Moment, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		PayeeVolume::<T>::mutate(payee, |ring| {
			volume::record(ring, now, T::VolumeBucketLength::get(), amount)
		});
	}

	/// Announces that `payer`'s limit changed for `reason`, reading its entry for the new
	/// figures (an entry the call has just written, so it decodes).
	pub(crate) fn limit_changed(payer: &T::AccountId, reason: LimitChangeReason) {
		let state = Self::party(payer).unwrap_or_default();
		let inputs = Self::limit_inputs_in(&state, None, Self::now());
		Self::limit_changed_in(payer, reason, &inputs);
	}

	/// [`Self::limit_changed`] with the payer's new inputs already at hand.
	pub(crate) fn limit_changed_in(
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
}
