//! The read surface's logic. Every read a frontend makes is a view function of the pallet
//! (declared in `lib.rs`), and the runtime's `CreditApi` calls the same functions, so the two
//! always agree. Reads are named after what they return; the variants that take a party's entry
//! already read end in `_in`.

use crate::{headroom, pallet::*, types::*, BalanceOf, PartyStateOf};
use frame_support::traits::{
	fungible::{Inspect, InspectHold},
	Get,
};
use sp_runtime::{traits::Saturating, SaturatedConversion};

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
		let exposure = Self::exposure_now(payee, volume);
		let owed = Self::owed_for(amount);
		// The request's checks, then the deposit hold the request would make.
		let may_request =
			Self::ensure_may_request(payer, payee, amount, state, now).and_then(|_| {
				T::Currency::ensure_can_hold(
					&HoldReason::RequestDeposit.into(),
					payer,
					T::RequestDeposit::get(),
				)
			});
		let verdict = match may_request {
			Err(error) => Verdict::Refused(error),
			Ok(()) => match headroom::check(owed, &limits) {
				Err(reason) => Verdict::Rejected(reason),
				Ok(()) => match Self::ensure_pool_can_pay(amount) {
					Err(error) => Verdict::Refused(error),
					Ok(()) => match headroom::exposure_check(owed, &exposure) {
						Err(reason) => Verdict::Rejected(reason),
						Ok(()) => Verdict::Pass,
					},
				},
			},
		};
		DryRun { limits, exposure, verdict }
	}

	/// [`Pallet::pool_status`]: the pool's balance and ledger, and what is owed and waiting now,
	/// summed over every unpaid debt and every party's pending requests. It walks those maps,
	/// so it is a read for off-chain callers (frontends, the node's metrics), never for a call.
	pub(crate) fn pool_status_now() -> PoolStatus<T::AccountId, BalanceOf<T>> {
		let account = Self::pool_account();
		let (outstanding, open_debts) = Debts::<T>::iter_values()
			.fold((BalanceOf::<T>::default(), 0u32), |(sum, count), debt| {
				(sum.saturating_add(debt.owed()), count.saturating_add(1))
			});
		let open_requests = Parties::<T>::iter_values()
			.map(|party| party.open_requests.len().saturated_into::<u32>())
			.fold(0u32, u32::saturating_add);
		PoolStatus {
			balance: T::Currency::balance(&account),
			account,
			outstanding,
			open_debts,
			open_requests,
			ledger: Pool::<T>::get(),
		}
	}
}
