//! The grade a payee keeps for each payer (S40): the payee limit, the first of the two limits.

use crate::{pallet::*, types::*, BalanceOf};
use frame_support::ensure;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Serves [`Pallet::set_grade`].
	pub(crate) fn do_set_grade(
		payee: T::AccountId,
		payer: T::AccountId,
		grade: Grade<BalanceOf<T>>,
	) -> DispatchResult {
		ensure!(payee != payer, Error::<T>::GradeForSelf);
		Grades::<T>::insert(&payee, &payer, grade);
		Self::deposit_event(Event::GradeSet {
			payee,
			payer,
			level: grade.level,
			limit: grade.limit,
		});
		Ok(())
	}

	/// Serves [`Pallet::remove_grade`].
	pub(crate) fn do_remove_grade(payee: T::AccountId, payer: T::AccountId) -> DispatchResult {
		ensure!(Grades::<T>::contains_key(&payee, &payer), Error::<T>::GradeNotFound);
		Grades::<T>::remove(&payee, &payer);
		Self::deposit_event(Event::GradeRemoved { payee, payer });
		Ok(())
	}

	/// The payee limit: the limit of the grade `payee` keeps for `payer`, zero without one.
	pub(crate) fn payee_limit(payee: &T::AccountId, payer: &T::AccountId) -> BalanceOf<T> {
		Grades::<T>::get(payee, payer).map(|grade| grade.limit).unwrap_or_default()
	}
}
