//! Losses: a defaulted debt written off through the loss waterfall, the keeper who booked it,
//! recoveries, and a payer's rehabilitation.
//!
//! **The waterfall.** A debt in default is written off at what it owes then (its late charge
//! brought up to the moment of default). The payee's grade backing takes the first loss: the
//! backing of the defaulted payer's grade, then, if that is not enough, the rest of what the
//! payee holds as backing (all of its backing raised its exposure cap, so all of it stands
//! behind any debt paid to it). What backing covers moves from the payee's hold into the pool;
//! the pool takes the rest as a loss, booked in its ledger and borne by its funders' shares. A
//! written-off debt stays owed by its payer, at what it owed then, and keeps counting in the
//! payee's exposure until it is repaid: the payee's cap is not freed by a loss.
//!
//! **Recoveries.** What is repaid on a written-off debt goes in the waterfall's order: first
//! back to the payee, up to the backing taken for it, then into the pool.
//!
//! **Booking.** A debt is in default from the moment it is past due by [`Config::DefaultAfter`],
//! for every limit and read. The write-off is booked by [`Pallet::report_overdue`], which anyone
//! may call and which pays its caller [`Config::KeeperReward`], at most the debt's own fee, from
//! the pool; or by the next repayment of the debt.
//!
//! **Rehabilitation.** Once every debt of a payer in default is repaid, the credit officer may
//! clear its defaults ([`Pallet::rehabilitate`]), with a reason. The formula then counts its
//! record as if the defaulted debts had been late ones: clearing each after its due date counted
//! it as one late debt, and that stays, so the node limit comes back with the late-repayment
//! penalty for each.

use crate::{pallet::*, types::*, BalanceOf, DebtOf, DescriptionOf};
use frame_support::{
	ensure,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		Get,
	},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Writes `debt` off at `now` (the caller stores it): the late charge brought up to the
	/// default, the payee's backing taken first, the pool's loss booked, the payer's defaults
	/// counted. Returns what was written off.
	pub(crate) fn write_off(
		id: RequestId,
		debt: &mut DebtOf<T>,
		now: Moment,
	) -> Result<BalanceOf<T>, DispatchError> {
		Self::accrue_late_charge(id, debt, now)?;
		let amount = debt.owed();
		let (payer, payee) = (debt.payer.clone(), debt.payee.clone());
		let from_backing = Self::take_backing(&payee, &payer, amount)?;
		Self::book(&[
			(LedgerEntry::WrittenOff, amount),
			(LedgerEntry::BackingTaken, from_backing),
		])?;
		// One party write: the index at what the debt owes with its late charge, and the
		// default counted (a debt a runtime before write-offs noted in default counts already).
		let counted = debt.standing == DebtStanding::Defaulted;
		Self::mutate_party(&payer, |state| {
			Self::index_owed(state, id, amount)?;
			if !counted {
				let defaults = &mut state.profile.history.defaults;
				*defaults = defaults.saturating_add(1);
			}
			Ok::<_, DispatchError>(())
		})?;
		debt.standing = DebtStanding::Defaulted;
		debt.write_off =
			Some(WriteOff { at: now, amount, from_backing, returned_to_backing: Zero::zero() });
		Self::deposit_event(Event::DebtDefaulted { id, payer: payer.clone(), owed: amount });
		Self::deposit_event(Event::DebtWrittenOff {
			id,
			payee,
			amount,
			from_backing,
			from_pool: amount.saturating_sub(from_backing),
		});
		Self::limit_changed(&payer, LimitChangeReason::Default);
		Ok(amount)
	}

	/// Takes up to `amount` of `payee`'s backing into the pool: first the backing of its grade
	/// for `payer`, then the rest it holds (recorded in [`BackingDrawn`], which the grades'
	/// next releases go to). Returns what was taken.
	fn take_backing(
		payee: &T::AccountId,
		payer: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let held = Self::backing_of(payee);
		let taken = amount.min(held);
		if taken.is_zero() {
			return Ok(taken);
		}
		let own = match Grades::<T>::get(payee, payer) {
			Some(mut grade) => {
				let own = taken.min(grade.backing);
				grade.backing = grade.backing.saturating_sub(own);
				// The grade now counts only as far as what is left backs it; the payee may set
				// it again, holding new backing.
				grade.limit = Self::backed_limit(&grade);
				Grades::<T>::insert(payee, payer, grade);
				own
			}
			None => Zero::zero(),
		};
		let other = taken.saturating_sub(own);
		if !other.is_zero() {
			BackingDrawn::<T>::mutate(payee, |drawn| *drawn = drawn.saturating_add(other));
		}
		T::Currency::transfer_on_hold(
			&HoldReason::GradeBacking.into(),
			payee,
			&Self::pool_account(),
			taken,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)?;
		Ok(taken)
	}

	/// Of a release of `release` of `payee`'s backing, what is still held to release: backing
	/// drawn by write-offs beyond a defaulted grade's own is no longer held, so releases of
	/// the grades' records go to it first.
	pub(crate) fn absorb_drawn_backing(
		payee: &T::AccountId,
		release: BalanceOf<T>,
	) -> BalanceOf<T> {
		let drawn = BackingDrawn::<T>::get(payee);
		if drawn.is_zero() {
			return release;
		}
		let absorbed = drawn.min(release);
		BackingDrawn::<T>::mutate_exists(payee, |entry| {
			let left = drawn.saturating_sub(absorbed);
			*entry = (!left.is_zero()).then_some(left);
		});
		release.saturating_sub(absorbed)
	}

	/// Pays `keeper` for booking the default of debt `id`, written off at `written_off`:
	/// [`Config::KeeperReward`], at most the debt's fee, as far as the pool can pay it and the
	/// keeper can receive it.
	pub(crate) fn pay_keeper(
		id: RequestId,
		debt: &DebtOf<T>,
		keeper: T::AccountId,
		written_off: BalanceOf<T>,
	) -> DispatchResult {
		let reward = T::KeeperReward::get().min(debt.fee).min(written_off);
		// A pool that cannot spare it above its existential deposit, or a keeper that cannot
		// receive it (a new account, paid less than the existential deposit), leaves the keeper
		// unpaid: the default is booked all the same.
		if reward.is_zero()
			|| T::Currency::transfer(&Self::pool_account(), &keeper, reward, Preservation::Preserve)
				.is_err()
		{
			return Ok(());
		}
		Self::book(&[(LedgerEntry::KeeperReward, reward)])?;
		Self::deposit_event(Event::KeeperRewarded { id, keeper, amount: reward });
		Ok(())
	}

	/// Pays `amount` from `who` on written-off `debt`: to the payee up to the backing taken
	/// for it and not yet returned, then into the pool. Returns `(to_backing, to_pool)`.
	pub(crate) fn recover(
		who: &T::AccountId,
		debt: &mut DebtOf<T>,
		amount: BalanceOf<T>,
	) -> Result<(BalanceOf<T>, BalanceOf<T>), DispatchError> {
		let Some(write_off) = debt.write_off.as_mut() else {
			return Ok((Zero::zero(), amount));
		};
		let to_backing =
			amount.min(write_off.from_backing.saturating_sub(write_off.returned_to_backing));
		let to_pool = amount.saturating_sub(to_backing);
		write_off.returned_to_backing = write_off.returned_to_backing.saturating_add(to_backing);
		if !to_backing.is_zero() {
			T::Currency::transfer(who, &debt.payee, to_backing, Preservation::Preserve)?;
		}
		if !to_pool.is_zero() {
			T::Currency::transfer(who, &Self::pool_account(), to_pool, Preservation::Preserve)?;
		}
		Self::book(&[
			(LedgerEntry::Recovered, amount),
			(LedgerEntry::ReturnedToBacking, to_backing),
		])?;
		Ok((to_backing, to_pool))
	}

	/// Serves [`Pallet::rehabilitate`].
	pub(crate) fn do_rehabilitate(payer: T::AccountId, reason: DescriptionOf<T>) -> DispatchResult {
		let now = Self::now();
		let cleared = Self::mutate_party(&payer, |state| {
			ensure!(
				state.open_debts.in_default(now, T::DefaultAfter::get()) == 0,
				Error::<T>::DefaultsStillOwed
			);
			let history = &mut state.profile.history;
			let cleared = history.defaults;
			ensure!(cleared > 0, Error::<T>::NoDefaultsToClear);
			history.defaults = 0;
			Ok::<_, DispatchError>(cleared)
		})?;
		Self::deposit_event(Event::PayerRehabilitated {
			payer: payer.clone(),
			defaults_cleared: cleared,
			reason,
		});
		Self::limit_changed(&payer, LimitChangeReason::Rehabilitated);
		Ok(())
	}
}
