//! A debt's standing: overdue from the moment its due date passes, in default once past it by
//! [`Config::DefaultAfter`]. Both are matters of time, counted by every limit check and read
//! whether noted or not: a debt in default takes its payer's node limit to zero from that moment.
//! Noting overdue ([`Pallet::report_overdue`]) is the notice; booking a default writes the debt
//! off ([`crate::losses`]).
//!
//! An overdue debt also accrues a late charge: [`Config::LateChargePerDay`] of what it owes in
//! principal and fee, for each day or part of one past its due date, rounded up (against the
//! debtor), up to the moment it goes into default. Each day is charged once, by the first call
//! that touches the debt in it (a repayment, a note, a write-off), on what the debt owed when
//! the day began to be charged; between calls nothing is written, and the reads show the charge
//! as it stands now ([`Pallet::late_charge_at`]). So the charge depends only on time and on the
//! repayments, never on who calls when.

use crate::{pallet::*, types::*, BalanceOf, DebtOf, PartyStateOf};
use frame_support::{ensure, traits::Get};
use sp_runtime::{traits::Zero, DispatchError, DispatchResult, Saturating};

/// One day, in milliseconds: the period of [`Config::LateChargePerDay`].
pub const DAY: Moment = 24 * 60 * 60 * 1000;

impl<T: Config> Pallet<T> {
	/// Serves [`Pallet::report_overdue`].
	pub(crate) fn do_report_overdue(keeper: T::AccountId, id: RequestId) -> DispatchResult {
		let mut debt = Debts::<T>::get(id).ok_or(Error::<T>::DebtNotFound)?;
		let now = Self::now();
		ensure!(now > debt.due_at, Error::<T>::DebtNotOverdue);
		let in_default = Self::debt_in_default(&debt, now);
		match (debt.standing, debt.write_off.is_some(), in_default) {
			(DebtStanding::Defaulted, true, _) | (DebtStanding::Overdue, _, false) => {
				Err(Error::<T>::StandingAlreadyNoted.into())
			}
			(_, _, true) => {
				let written_off = Self::write_off(id, &mut debt, now)?;
				Debts::<T>::insert(id, &debt);
				Self::pay_keeper(id, &debt, keeper, written_off)
			}
			(_, _, false) => {
				if Self::accrue_late_charge(id, &mut debt, now)? {
					Self::mutate_party(&debt.payer, |state| {
						Self::index_owed(state, id, debt.owed())
					})?;
				}
				debt.standing = DebtStanding::Overdue;
				let (owed, payer) = (debt.owed(), debt.payer.clone());
				Debts::<T>::insert(id, debt);
				Self::deposit_event(Event::DebtOverdue { id, payer: payer.clone(), owed });
				Self::limit_changed(&payer, LimitChangeReason::Overdue);
				Ok(())
			}
		}
	}

	/// Whether `debt` is in default at `now`: past its due date by more than
	/// [`Config::DefaultAfter`], or already booked so.
	pub(crate) fn debt_in_default(debt: &DebtOf<T>, now: Moment) -> bool {
		debt.standing == DebtStanding::Defaulted
			|| debt.due_at.saturating_add(T::DefaultAfter::get()) < now
	}

	/// The days past its due date a debt's late charge covers at `now`: each day, or part of
	/// one, from the due date to the moment it goes into default.
	pub(crate) fn late_days_at(debt: &DebtOf<T>, now: Moment) -> u32 {
		let until = now.min(debt.due_at.saturating_add(T::DefaultAfter::get()));
		let past = until.saturating_sub(debt.due_at);
		let days = past.div_ceil(DAY);
		u32::try_from(days).unwrap_or(u32::MAX)
	}

	/// The late charge `debt` would add at `now`, and the days it would then cover: nothing for
	/// a debt written off.
	pub fn late_charge_at(debt: &DebtOf<T>, now: Moment) -> (BalanceOf<T>, u32) {
		if debt.write_off.is_some() {
			return (Zero::zero(), debt.late_days);
		}
		let days = Self::late_days_at(debt, now).max(debt.late_days);
		let new_days = days.saturating_sub(debt.late_days);
		let per_day = T::LateChargePerDay::get().mul_ceil(debt.chargeable());
		(per_day.saturating_mul(new_days.into()), days)
	}

	/// Books the late charge of `debt` up to `now`: the debt (which the caller writes), the
	/// payee's exposure and the pool ledger. Returns whether it charged anything, in which case
	/// the caller brings the payer's open-debt index to what the debt now owes
	/// ([`Self::index_owed`]) in the party write it makes anyway.
	pub(crate) fn accrue_late_charge(
		id: RequestId,
		debt: &mut DebtOf<T>,
		now: Moment,
	) -> Result<bool, DispatchError> {
		let (charge, days) = Self::late_charge_at(debt, now);
		debt.late_days = days;
		if charge.is_zero() {
			return Ok(false);
		}
		debt.late_charge = debt.late_charge.saturating_add(charge);
		Self::book(&[(LedgerEntry::LateCharged, charge)])?;
		Self::add_exposure(&debt.payee, charge);
		Self::deposit_event(Event::LateCharged { id, amount: charge, days });
		Ok(true)
	}

	/// Sets what debt `id` owes in `state`'s open-debt index.
	pub(crate) fn index_owed(
		state: &mut PartyStateOf<T>,
		id: RequestId,
		owed: BalanceOf<T>,
	) -> DispatchResult {
		let entry =
			state.open_debts.iter_mut().find(|d| d.id == id).ok_or(Error::<T>::DebtNotFound)?;
		entry.owed = owed;
		Ok(())
	}
}
