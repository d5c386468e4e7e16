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
		let mut inputs = Self::limit_inputs_in(state, None, now);
		inputs.history.defaults = Self::defaults_now(state, now);
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

	/// A payer's defaults at `now`, exactly: those booked, and its debts in default not yet
	/// booked (read from their records).
	pub(crate) fn defaults_now(state: &PartyStateOf<T>, now: Moment) -> u32 {
		let unbooked = state
			.open_debts
			.iter()
			.filter(|entry| entry.is_in_default(now, T::DefaultAfter::get()))
			.filter(|entry| {
				Debts::<T>::get(entry.id)
					.is_some_and(|debt| debt.standing != DebtStanding::Defaulted)
			})
			.count();
		state.profile.history.defaults.saturating_add(unbooked.saturated_into())
	}

	/// [`Pallet::debt`]: where debt `id` stands at `now`.
	pub(crate) fn debt_position_at(
		id: RequestId,
		now: Moment,
	) -> Option<DebtPosition<BalanceOf<T>>> {
		let debt = Debts::<T>::get(id)?;
		let (charge, late_days) = Self::late_charge_at(&debt, now);
		let default_at = debt.due_at.saturating_add(T::DefaultAfter::get());
		let standing = if debt.write_off.is_some() {
			DebtCondition::WrittenOff
		} else if Self::debt_in_default(&debt, now) {
			DebtCondition::InDefault
		} else if now > debt.due_at {
			DebtCondition::Overdue
		} else {
			DebtCondition::Current
		};
		Some(DebtPosition {
			owed: debt.owed().saturating_add(charge),
			late_charge: debt.late_charge.saturating_add(charge),
			late_days,
			due_at: debt.due_at,
			default_at,
			standing,
			write_off: debt.write_off,
		})
	}

	/// [`Pallet::pool_value`].
	pub(crate) fn pool_value_now() -> PoolValue<BalanceOf<T>> {
		let ledger = Pool::<T>::get();
		let million: BalanceOf<T> = 1_000_000u32.into();
		PoolValue {
			liquid: ledger.liquid(),
			performing: ledger.outstanding(),
			value: ledger.value(),
			shares: ledger.shares,
			own_shares: Shares::<T>::get(Self::pool_account()).unwrap_or_default(),
			value_per_million_shares: Self::value_of_shares(&ledger, million),
			written_off: ledger.written_off,
			backing_taken: ledger.backing_taken,
			recovered: ledger.recovered,
			net_losses: ledger.net_losses(),
			written_off_owed: ledger.written_off_owed(),
		}
	}

	/// [`Pallet::funder`].
	pub(crate) fn funder_position(who: &T::AccountId) -> FunderPosition<BalanceOf<T>> {
		let ledger = Pool::<T>::get();
		let shares = Shares::<T>::get(who).unwrap_or_default();
		let value = Self::value_of_shares(&ledger, shares);
		let spare = T::Currency::reducible_balance(
			&Self::pool_account(),
			frame_support::traits::tokens::Preservation::Preserve,
			frame_support::traits::tokens::Fortitude::Polite,
		);
		let within_cap = Self::most_redeemable_within_exposure(&ledger);
		FunderPosition { shares, value, redeemable: value.min(spare).min(within_cap) }
	}
}
