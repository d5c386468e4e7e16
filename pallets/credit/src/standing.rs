//! A debt's standing: overdue from the moment its due date passes, in default once past it by
//! [`Config::DefaultAfter`]. Overdue is a matter of time, counted by every limit check whether
//! noted or not; noting it ([`Pallet::report_overdue`]) is the notice, and noting a default
//! counts it in the payer's history, which takes the node limit to zero.

use crate::{pallet::*, types::*};
use frame_support::{ensure, traits::Get};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Serves [`Pallet::report_overdue`].
	pub(crate) fn do_report_overdue(id: RequestId) -> DispatchResult {
		let mut debt = Debts::<T>::get(id).ok_or(Error::<T>::DebtNotFound)?;
		let now = Self::now();
		ensure!(now > debt.due_at, Error::<T>::DebtNotOverdue);
		let in_default = now > debt.due_at.saturating_add(T::DefaultAfter::get());
		let owed = debt.owed();
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
