//! Entries whose business has ended but that no call of their own removes, removed by anyone
//! ([`Pallet::reap`]): the caller pays the fee, and each kind is stale by a rule the chain
//! checks, so nothing that still counts can go.
//!
//! - a request in a final status: requests are removed when they end, so only a runtime that
//!   kept finished requests (storage version 3 and before) left these;
//! - a payee's volume ring with nothing left in the window: it no longer raises any limit or cap,
//!   and the payee's next repaid sale starts a new one;
//! - a revoked serial of a CA no longer trusted: every certificate of that CA is invalid with
//!   it, and CA ids are never reused, so the serial can never be checked again.

use crate::{pallet::*, types::*};
use frame_support::ensure;
use sp_runtime::{traits::Zero, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Serves [`Pallet::reap`].
	pub(crate) fn do_reap(entry: StaleEntry<T::AccountId>) -> DispatchResult {
		match &entry {
			StaleEntry::Request(id) => {
				let request = Requests::<T>::get(id).ok_or(Error::<T>::NothingToReap)?;
				ensure!(!request.status.is_open(), Error::<T>::RequestStillOpen);
				Requests::<T>::remove(id);
			}
			StaleEntry::PayeeVolume(payee) => {
				let ring =
					PayeeVolume::<T>::try_get(payee).map_err(|_| Error::<T>::NothingToReap)?;
				ensure!(
					Self::window_total(&ring, Self::now()).is_zero(),
					Error::<T>::VolumeStillInWindow
				);
				PayeeVolume::<T>::remove(payee);
			}
			StaleEntry::RevokedSerial(ca, serial) => {
				ensure!(RevokedSerials::<T>::contains_key(ca, serial), Error::<T>::NothingToReap);
				ensure!(!CertificateAuthorities::<T>::contains_key(ca), Error::<T>::CaStillTrusted);
				RevokedSerials::<T>::remove(ca, serial);
			}
		}
		Self::deposit_event(Event::EntryReaped { entry });
		Ok(())
	}
}
