//! The read surface's logic. Every read a frontend makes is a view function of the pallet
//! (declared in `lib.rs`), and the runtime's `CreditApi` calls the same functions, so the two
//! always agree. Reads are named after what they return; the variants that take a party's entry
//! already read end in `_in`.

use crate::{headroom, pallet::*, types::*, BalanceOf, PartyStateOf, Settlement};
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// [`Pallet::credit_record`] from the payer's entry already read.
	pub(crate) fn credit_record_in(
		state: &PartyStateOf<T>,
		now: Moment,
	) -> CreditRecord<BalanceOf<T>> {
		let inputs = Self::limit_inputs_in(state, None, now);
		CreditRecord {
			base_limit: inputs.base,
			history: inputs.history,
			outstanding: state.open_debts.total_owed(),
			overdue: inputs.overdue,
			ceiling: Self::limit_of(&inputs),
			increase_requested: state.increase_request.as_ref().map(|request| request.amount),
		}
	}

	/// [`Pallet::dry_run`] from the payer's entry already read: every check of
	/// `request_credit_payment`, then those of `accept_request`, in the order the calls make
	/// them, so it fails wherever the calls would.
	pub(crate) fn dry_run_in(
		payer: &T::AccountId,
		payee: &T::AccountId,
		amount: BalanceOf<T>,
		state: &PartyStateOf<T>,
		now: Moment,
	) -> DryRun<BalanceOf<T>> {
		let volume = Self::payee_volume_at(payee, now);
		let limits = Self::limits_in(payer, payee, state, volume, now);
		let may_request = Self::ensure_may_request(payer, payee, amount, state, now);
		let verdict = match may_request {
			Err(error) => Verdict::Refused(error),
			Ok(()) => match headroom::check(amount, &limits) {
				Err(reason) => Verdict::Rejected(reason),
				Ok(()) => match Self::ensure_pool_can_pay(amount) {
					Err(error) => Verdict::Refused(error),
					Ok(()) => Verdict::Pass,
				},
			},
		};
		DryRun { limits, verdict }
	}

	/// Everything `request_credit_payment` checks before it writes: the borrowing rules, both
	/// certificates, the payee's chain, room for one more pending request, and the deposit.
	fn ensure_may_request(
		payer: &T::AccountId,
		payee: &T::AccountId,
		amount: BalanceOf<T>,
		state: &PartyStateOf<T>,
		now: Moment,
	) -> DispatchResult {
		Self::ensure_may_borrow(payer, payee, amount, &state.open_debts, now)?;
		let (_, payee_certificate) = Self::certified_parties(state, payee, now)?;
		T::Settlement::ensure_reachable(payee_certificate.home_chain)?;
		ensure!(
			state.open_requests.len() < T::MaxOpenRequests::get() as usize,
			Error::<T>::TooManyOpenRequests
		);
		T::Currency::ensure_can_hold(
			&HoldReason::RequestDeposit.into(),
			payer,
			T::RequestDeposit::get(),
		)
	}
}
