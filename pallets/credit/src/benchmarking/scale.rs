//! The state the report-only `*_at_scale` benchmarks run in: many other payer/payee pairs
//! stored, so `docs/performance.md` can show that no call's cost grows with the chain's state.

use super::setup::{clock, goods, units};
use crate::{types::*, *};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use sp_runtime::traits::Zero;

/// Entries already stored, by the `s` component of the `*_at_scale` benchmarks. The unit tests
/// run every benchmark once as a test, where a thousand entries show the setup works; the
/// benchmark command stores up to 100,000.
pub(super) const SCALES: [u32; 3] =
	if cfg!(test) { [10, 100, 1_000] } else { [10, 10_000, 100_000] };

/// Stores `n` other payer/payee pairs, each with a grade, a settled request and its open debt
/// (indexed with what it owes): the state a busy chain has, which no call may walk.
pub(super) fn populate<T: Config>(n: u32) {
	clock::<T>();
	let now = Pallet::<T>::now();
	let amount = units::<T>(1);
	let due_at = now.saturating_add(T::RepaymentPeriod::get());
	for i in 0..n {
		let payer: T::AccountId = account("other-payer", i, 1);
		let payee: T::AccountId = account("other-payee", i, 1);
		Grades::<T>::insert(
			&payee,
			&payer,
			Grade { level: 1, limit: amount, backing: Zero::zero(), deposit: Zero::zero() },
		);
		PayeeExposure::<T>::insert(&payee, amount);
		let id = NextRequestId::<T>::get();
		NextRequestId::<T>::put(id.saturating_add(1));
		Requests::<T>::insert(
			id,
			CreditRequest {
				payer: payer.clone(),
				payee: payee.clone(),
				amount,
				goods: goods::<T>(),
				payer_certificate: certified_as::<T>(),
				payee_certificate: certified_as::<T>(),
				deposit: Zero::zero(),
				created_at: now,
				expires_at: now.saturating_add(T::RequestLifetime::get()),
				status: RequestStatus::Settled,
			},
		);
		Debts::<T>::insert(
			id,
			Debt {
				payer: payer.clone(),
				payee: payee.clone(),
				principal: amount,
				fee: Zero::zero(),
				repaid: Zero::zero(),
				settled_at: now,
				due_at,
				standing: DebtStanding::Current,
				repaid_held: Zero::zero(),
				late_charge: Zero::zero(),
				late_days: 0,
				write_off: None,
			},
		);
		let entry = DebtRef { id, payee: payee.clone(), due_at, owed: amount };
		Parties::<T>::insert(
			&payer,
			PartyStateOf::<T> {
				open_debts: BoundedVec::truncate_from(alloc::vec![entry]),
				..Default::default()
			},
		);
	}
}

/// A certificate as a stored request keeps it: on this chain, valid for ever.
pub(super) fn certified_as<T: Config>() -> crate::certificates::CertifiedAs {
	crate::certificates::CertifiedAs {
		ca: 0,
		serial: 0,
		home_chain: T::LocalChainId::get(),
		valid_from: 0,
		valid_until: Moment::MAX,
	}
}
