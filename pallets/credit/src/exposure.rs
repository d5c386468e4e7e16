//! The caps beside the method's two limits, where exposure accumulates (the pure check is in
//! [`crate::headroom`]): what all payers owe for credit paid to one payee, bounded by
//! [`Config::PayeeExposureAllowance`], [`Config::PayeeExposureShare`] of the payee's repaid
//! credit sales and its grades' backing; and what all payers owe the pool, bounded by
//! [`Config::MaxPoolExposure`] of its value. The running figures: [`PayeeExposure`] per payee,
//! and the pool ledger's [`crate::types::PoolLedger::outstanding`].

use crate::{
	headroom::{self, ExposureInputs, ExposureParameters},
	pallet::*,
	types::ExposureCheck,
	BalanceOf,
};
use frame_support::traits::Get;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Both caps for a payment to `payee`, whose repaid credit sales over the window are
	/// `payee_volume`, and what is owed under each now.
	pub(crate) fn exposure_now(
		payee: &T::AccountId,
		payee_volume: BalanceOf<T>,
	) -> ExposureCheck<BalanceOf<T>> {
		let ledger = Pool::<T>::get();
		let inputs = ExposureInputs {
			payee_exposure: PayeeExposure::<T>::get(payee),
			payee_volume,
			payee_backing: Self::backing_of(payee),
			pool_outstanding: ledger.outstanding(),
			pool_balance: ledger.liquid(),
		};
		headroom::exposure(&inputs, &Self::exposure_parameters())
	}

	/// The caps' parameters from `Config`.
	pub(crate) fn exposure_parameters() -> ExposureParameters<BalanceOf<T>> {
		ExposureParameters {
			payee_allowance: T::PayeeExposureAllowance::get(),
			payee_volume_share: T::PayeeExposureShare::get(),
			pool_share: T::MaxPoolExposure::get(),
		}
	}

	/// `amount` more is owed for credit paid to `payee`.
	pub(crate) fn add_exposure(payee: &T::AccountId, amount: BalanceOf<T>) {
		PayeeExposure::<T>::mutate(payee, |owed| *owed = owed.saturating_add(amount));
	}

	/// `amount` less is owed for credit paid to `payee`; a payee owed nothing for loses its
	/// entry.
	pub(crate) fn reduce_exposure(payee: &T::AccountId, amount: BalanceOf<T>) {
		PayeeExposure::<T>::mutate_exists(payee, |owed| {
			let left = owed.unwrap_or_default().saturating_sub(amount);
			*owed = (!left.is_zero()).then_some(left);
		});
	}
}
