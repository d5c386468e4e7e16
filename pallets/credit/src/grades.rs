//! The grade a payee keeps for each payer (S40): the payee limit, the first of the two limits.
//!
//! Only a certified payee keeps grades, and each one is backed: the payee holds
//! [`Config::GradeBacking`] of the larger of the grade's limit and what the payer owes it, which
//! covers a loss on those debts first, and [`Config::GradeDeposit`] for the entry. A grade counts
//! only as far as it is backed (`Pallet::payee_limit`). Lowering or removing a grade releases
//! backing down to what still backs the payer's debts to the payee; the rest is released as they
//! are repaid, and a removed grade's entry goes, with its deposit, once it backs nothing.
//!
//! A payee's backing, all of it, also raises its exposure cap (and covers a loss on any debt paid
//! to it first), so it cannot be taken back while what is owed for credit paid to the payee needs
//! it: a lowering or removal that would release it fails with [`Error::GradeBackingLocked`]. So
//! at every moment what is owed for credit paid to a payee is at most the allowance, its share
//! of the most repaid sales it had, and the backing it holds.

use crate::{
	certificates::Party,
	headroom,
	pallet::*,
	types::{DebtIndex, Grade},
	BalanceOf,
};
use frame_support::{
	ensure,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
		Get,
	},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Serves [`Pallet::set_grade`].
	pub(crate) fn do_set_grade(
		payee: T::AccountId,
		payer: T::AccountId,
		level: u8,
		limit: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(payee != payer, Error::<T>::GradeForSelf);
		Self::certified_in(&Self::party(&payee)?, Self::now())
			.map_err(|failure| failure.error::<T>(Party::Payee))?;
		let owed = Self::party(&payer)?.open_debts.owed_to(&payee);
		let held = Grades::<T>::get(&payee, &payer);
		let (held_backing, held_deposit) =
			held.map(|grade| (grade.backing, grade.deposit)).unwrap_or_default();
		let backing = Self::backing_for(limit.max(owed));
		Self::ensure_backing_free(&payee, held_backing.saturating_sub(backing))?;
		// A new entry, or one migrated from before grades were paid for, holds the deposit.
		let deposit = if held_deposit.is_zero() { T::GradeDeposit::get() } else { held_deposit };
		Self::hold_to(HoldReason::GradeDeposit, &payee, held_deposit, deposit)
			.and_then(|()| Self::hold_to(HoldReason::GradeBacking, &payee, held_backing, backing))
			.map_err(|_| Error::<T>::GradeBackingUnavailable)?;
		// A grade of limit zero for a payer who owes the payee nothing is no grade: it goes.
		Self::rebalance_grade(&payee, &payer, Grade { level, limit, backing, deposit }, owed)?;
		Self::deposit_event(Event::GradeSet { payee, payer, level, limit, backing });
		Ok(())
	}

	/// Serves [`Pallet::remove_grade`]: the payee limit goes to zero at once; the backing of
	/// what the payer still owes the payee stays until that is repaid.
	pub(crate) fn do_remove_grade(payee: T::AccountId, payer: T::AccountId) -> DispatchResult {
		let grade = Grades::<T>::get(&payee, &payer).ok_or(Error::<T>::GradeNotFound)?;
		let owed = Self::party(&payer)?.open_debts.owed_to(&payee);
		// One removed already stays only for the backing of what is owed.
		ensure!(!grade.limit.is_zero() || owed.is_zero(), Error::<T>::GradeNotFound);
		let kept = Self::backing_for(owed).min(grade.backing);
		Self::ensure_backing_free(&payee, grade.backing.saturating_sub(kept))?;
		let backing_kept =
			Self::rebalance_grade(&payee, &payer, Grade { limit: Zero::zero(), ..grade }, owed)?;
		Self::deposit_event(Event::GradeRemoved { payee, payer, backing_kept });
		Ok(())
	}

	/// After a repayment of the payer's debts to `payee` left `owed` owed to it: the backing
	/// above what the grade and the rest of the debt need comes back to the payee.
	pub(crate) fn grade_after_repayment(
		payee: &T::AccountId,
		payer: &T::AccountId,
		owed: BalanceOf<T>,
	) -> DispatchResult {
		let Some(grade) = Grades::<T>::get(payee, payer) else { return Ok(()) };
		let backing = Self::rebalance_grade(payee, payer, grade, owed)?;
		if backing != grade.backing {
			Self::deposit_event(Event::GradeBackingChanged {
				payee: payee.clone(),
				payer: payer.clone(),
				backing,
			});
		}
		Ok(())
	}

	/// Stores `grade` with no more backing than it needs for its limit and `owed`, releasing
	/// the rest (a grade held below what it needs keeps what it has); a grade of limit zero
	/// that backs nothing goes, with its deposit. Returns the backing now held.
	fn rebalance_grade(
		payee: &T::AccountId,
		payer: &T::AccountId,
		mut grade: Grade<BalanceOf<T>>,
		owed: BalanceOf<T>,
	) -> Result<BalanceOf<T>, sp_runtime::DispatchError> {
		let needed = Self::backing_for(grade.limit.max(owed)).min(grade.backing);
		if grade.limit.is_zero() && owed.is_zero() {
			Self::hold_to(HoldReason::GradeBacking, payee, grade.backing, Zero::zero())?;
			Self::hold_to(HoldReason::GradeDeposit, payee, grade.deposit, Zero::zero())?;
			Grades::<T>::remove(payee, payer);
			return Ok(Zero::zero());
		}
		Self::hold_to(HoldReason::GradeBacking, payee, grade.backing, needed)?;
		grade.backing = needed;
		Grades::<T>::insert(payee, payer, grade);
		Ok(needed)
	}

	/// Whether `payee` may take `release` of its backing back: backing raised its exposure cap,
	/// so what is owed for credit paid to it beyond the rest of its cap
	/// ([`Config::PayeeExposureAllowance`] and its share of repaid sales) stays held. A
	/// repayment never needs this check: it lowers what is owed by more than it releases.
	fn ensure_backing_free(payee: &T::AccountId, release: BalanceOf<T>) -> DispatchResult {
		if release.is_zero() {
			return Ok(());
		}
		let volume = Self::payee_volume_at(payee, Self::now());
		let unbacked_cap = headroom::payee_cap(&Self::exposure_parameters(), volume, Zero::zero());
		let locked = PayeeExposure::<T>::get(payee).saturating_sub(unbacked_cap);
		ensure!(
			Self::backing_of(payee).saturating_sub(release) >= locked,
			Error::<T>::GradeBackingLocked
		);
		Ok(())
	}

	/// The backing a grade of `amount` (its limit, or what is owed under it) needs.
	pub(crate) fn backing_for(amount: BalanceOf<T>) -> BalanceOf<T> {
		T::GradeBacking::get().mul_ceil(amount)
	}

	/// Moves what `who` holds for `reason` from `held` to `to`: holds the difference, or
	/// releases it.
	fn hold_to(
		reason: HoldReason,
		who: &T::AccountId,
		held: BalanceOf<T>,
		to: BalanceOf<T>,
	) -> DispatchResult {
		if to > held {
			T::Currency::hold(&reason.into(), who, to.saturating_sub(held))
		} else if held > to {
			let mut release = held.saturating_sub(to);
			if reason == HoldReason::GradeBacking {
				// Backing a write-off took beyond the defaulted grade's own is short in the hold:
				// the grade records release it first, so nothing is released twice.
				release = Self::absorb_drawn_backing(who, release);
			}
			if release.is_zero() {
				return Ok(());
			}
			T::Currency::release(&reason.into(), who, release, Precision::Exact).map(|_| ())
		} else {
			Ok(())
		}
	}

	/// The payee limit: the limit of the grade `payee` keeps for `payer` as far as the payee
	/// backs it (all of it while backing is off), zero without one.
	pub(crate) fn payee_limit(payee: &T::AccountId, payer: &T::AccountId) -> BalanceOf<T> {
		Grades::<T>::get(payee, payer).map(|grade| Self::backed_limit(&grade)).unwrap_or_default()
	}

	/// How much of `grade`'s limit its backing covers.
	pub(crate) fn backed_limit(grade: &Grade<BalanceOf<T>>) -> BalanceOf<T> {
		let share = T::GradeBacking::get();
		if share.is_zero() {
			grade.limit
		} else {
			grade.limit.min(share.saturating_reciprocal_mul_floor(grade.backing))
		}
	}

	/// All that `payee` holds to back its grades: part of its exposure cap.
	pub(crate) fn backing_of(payee: &T::AccountId) -> BalanceOf<T> {
		T::Currency::balance_on_hold(&HoldReason::GradeBacking.into(), payee)
	}
}
