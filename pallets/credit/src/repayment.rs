//! Repayment: anyone pays a debt down into the pool (a written-off one back through the loss
//! waterfall, see [`crate::losses`]), and the repayment counts in the debtor's
//! history: on time if made by the due date. A repayment of more than is owed pays what is owed,
//! so a payer's `repay(id, owed)` still clears the debt after someone else's dust repayment
//! lands first. Only a repayment that clears a debt moves the payer's limit: on time it is
//! credited in proportion to the debt's principal and time outstanding (if the rate limiter
//! admits it), late it counts as one late debt, so neither a third party's small repayments nor
//! tiny or instant loans inflate or spoil the record. What comes back lowers the payee's
//! exposure and releases the backing its grade no longer needs.

use crate::{pallet::*, types::*, BalanceOf, DebtOf, PartyStateOf};
use frame_support::traits::Get;
use frame_support::{
	ensure,
	traits::{fungible::Mutate, tokens::Preservation},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, Perbill,
};

impl<T: Config> Pallet<T> {
	/// Serves [`Pallet::repay`]; returns whether it booked the debt's default first.
	pub(crate) fn do_repay(
		who: T::AccountId,
		id: RequestId,
		amount: BalanceOf<T>,
	) -> Result<bool, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut debt = Debts::<T>::get(id).ok_or(Error::<T>::DebtNotFound)?;
		let now = Self::now();
		let booked_default = debt.write_off.is_none() && Self::debt_in_default(&debt, now);
		if booked_default {
			Self::write_off(id, &mut debt, now)?;
		} else if debt.write_off.is_none() {
			// The index entry is set below, to what is left after this repayment.
			Self::accrue_late_charge(id, &mut debt, now)?;
		}
		let owed = debt.owed();
		let amount = amount.min(owed);
		let remaining = owed.saturating_sub(amount);

		let recovered = if debt.write_off.is_some() {
			Some(Self::recover(&who, &mut debt, amount)?)
		} else {
			T::Currency::transfer(&who, &Self::pool_account(), amount, Preservation::Preserve)?;
			None
		};
		Self::book(&[(LedgerEntry::Repaid, amount)])?;
		Self::reduce_exposure(&debt.payee, amount);

		let on_time = now <= debt.due_at;
		let period = T::RepaymentPeriod::get();
		let held = Perbill::from_rational(now.saturating_sub(debt.settled_at).min(period), period);
		debt.repaid_held = debt.repaid_held.saturating_add(held.mul_floor(amount));
		let payer = debt.payer.clone();
		let repayment = Repayment { debt: id, amount, at: now, on_time };
		let (limit_change, owed_to_payee) = Self::mutate_party(&payer, |state| {
			Self::index_owed(state, id, remaining)?;
			state.open_debts.retain(|d| !d.owed.is_zero());
			let credit =
				remaining.is_zero().then(|| Self::credit_for(&debt, state.profile.base_limit));
			let change = Self::record_repayment(state, repayment, credit);
			// The new limit's inputs from the state in hand, rather than read back after.
			let inputs = change.map(|reason| (reason, Self::limit_inputs_in(state, None, now)));
			Ok::<_, DispatchError>((inputs, state.open_debts.owed_to(&debt.payee)))
		})?;
		Self::grade_after_repayment(&debt.payee, &payer, owed_to_payee)?;
		if remaining.is_zero() {
			Debts::<T>::remove(id);
			// The credit sale is repaid in full: now it counts as the payee's trade, as far as its
			// money was out for long (so that borrowing and repaying at once, washing credit
			// through a colluding payee, adds nothing), unless it defaulted first.
			if debt.write_off.is_none() {
				Self::record_volume(&debt.payee, now, debt.repaid_held.min(debt.principal));
			}
		} else {
			debt.repaid = debt.repaid.saturating_add(amount);
			Debts::<T>::insert(id, debt);
		}
		if let Some((reason, inputs)) = limit_change {
			Self::limit_changed_in(&payer, reason, &inputs);
		}
		if let Some((to_backing, to_pool)) = recovered {
			Self::deposit_event(Event::Recovered { id, to_backing, to_pool });
		}
		Self::deposit_event(Event::Repaid {
			id,
			payer: payer.clone(),
			by: who,
			amount,
			on_time,
			remaining,
		});
		if remaining.is_zero() {
			Self::deposit_event(Event::DebtCleared { id, payer });
		}
		Ok(booked_default)
	}

	/// What clearing `debt` earns toward the on-time bonus, in millionths of a full credit:
	/// its repayments weighted by their time outstanding ([`Debt::repaid_held`], the last one
	/// included), up to its principal, as a share of the payer's `base` limit (at most all of
	/// it). A debt of the base limit repaid at the end of the repayment period earns one full
	/// credit; half of it repaid at once and half at the end, half of one.
	pub(crate) fn credit_for(debt: &DebtOf<T>, base: BalanceOf<T>) -> u32 {
		if base.is_zero() {
			return 0;
		}
		let held = debt.repaid_held.min(debt.principal).min(base);
		Perbill::from_rational(held, base).mul_floor(FULL_CREDIT)
	}

	/// Adds a repayment to the payer's history, in `state`. A repayment that cleared its debt
	/// (`credit` is then what clearing it earns) counts for the limit: on time its credit is
	/// added if it earns any and the rate limiter admits it, late it counts as one late debt.
	/// Partial repayments only add to the counts and sums. Returns why the limit changed, if it
	/// did, for the caller to announce once `state` is written.
	fn record_repayment(
		state: &mut PartyStateOf<T>,
		repayment: Repayment<BalanceOf<T>>,
		credit: Option<u32>,
	) -> Option<LimitChangeReason> {
		let late_debt = credit.is_some() && !repayment.on_time;
		let profile = &mut state.profile;
		let credit = credit.filter(|credit| *credit > 0 && repayment.on_time);
		let credited = credit.is_some() && Self::admit_raise(profile, repayment.at);
		let history = &mut profile.history;
		if repayment.on_time {
			history.on_time_count = history.on_time_count.saturating_add(1);
			history.on_time_amount = history.on_time_amount.saturating_add(repayment.amount);
		} else {
			history.late_count = history.late_count.saturating_add(1);
			history.late_amount = history.late_amount.saturating_add(repayment.amount);
		}
		if let Some(credit) = credit.filter(|_| credited) {
			history.credited_millionths = history.credited_millionths.saturating_add(credit);
		}
		if late_debt {
			history.late_debts = history.late_debts.saturating_add(1);
		}
		history.last_repayment_at = Some(repayment.at);
		// One entry per debt: repayments of a debt already listed join its entry (their sum,
		// the latest moment, whether that one was on time), so no one's repayments of one debt,
		// however many and however small, can push the payer's other entries out.
		let recent = &mut state.recent_repayments;
		if let Some(index) = recent.iter().position(|entry| entry.debt == repayment.debt) {
			let merged = recent.remove(index);
			let amount = merged.amount.saturating_add(repayment.amount);
			// Cannot fail: a slot was just freed.
			let _ = recent.try_push(Repayment { amount, ..repayment });
		} else {
			if recent.is_full() {
				recent.remove(0);
			}
			// Cannot fail: a slot was just freed if there was none.
			let _ = recent.try_push(repayment);
		}
		if credited {
			Some(LimitChangeReason::OnTimeRepayment)
		} else if late_debt {
			Some(LimitChangeReason::LateRepayment)
		} else {
			None
		}
	}
}
