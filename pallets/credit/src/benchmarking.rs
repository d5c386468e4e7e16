//! Benchmarks of every call, each in its worst case: the payer's bounded indexes (open requests,
//! open debts) filled to one below their bound, so the measured weight covers every state a call
//! can meet.

use super::*;
use crate::types::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::traits::{Bounded, Saturating, Zero};

/// A generous balance: a thousand times the existential deposit, times `units`.
fn units<T: Config>(units: u32) -> BalanceOf<T> {
	T::Currency::minimum_balance()
		.saturating_mul(1_000u32.into())
		.saturating_mul(units.into())
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, units::<T>(1_000_000));
	who
}

/// Gives `who` a certificate of a benchmark CA, valid for ever on this chain.
fn certify<T: Config>(who: &T::AccountId) {
	let ca = crate::certificates::CaId::MAX;
	CertificateAuthorities::<T>::insert(
		ca,
		crate::certificates::CertificateAuthority {
			name: Default::default(),
			key: crate::certificates::CaKey::Sr25519(sp_core::sr25519::Public::from_raw([7; 32])),
		},
	);
	let payload = crate::certificates::CertificatePayload {
		ca,
		subject: who.clone(),
		identity_hash: H256::repeat_byte(2),
		display_name: Default::default(),
		home_chain: T::LocalChainId::get(),
		serial: 0,
		valid_from: 0,
		valid_until: Moment::MAX,
	};
	Certificates::<T>::insert(who, crate::certificates::Certificate { payload, deposit: Zero::zero() });
}

fn goods<T: Config>() -> GoodsOf<T> {
	let len = T::MaxDescriptionLen::get() as usize;
	Goods { order_hash: H256::repeat_byte(1), description: alloc::vec![b'x'; len].try_into().unwrap() }
}

/// A payer and payee with room under both limits, a funded pool, and the payer's indexes one
/// below their bounds.
fn worst_case_parties<T: Config>() -> (T::AccountId, T::AccountId) {
	let payer = funded::<T>("payer", 0);
	let payee = funded::<T>("payee", 0);
	certify::<T>(&payer);
	certify::<T>(&payee);
	T::Currency::set_balance(&Pallet::<T>::pool_account(), units::<T>(1_000_000));
	Grades::<T>::insert(&payee, &payer, Grade { level: 1, limit: BalanceOf::<T>::max_value() });
	BaseLimits::<T>::insert(&payer, BalanceOf::<T>::max_value());
	for _ in 1..T::MaxOpenDebts::get() {
		let id = Pallet::<T>::do_request(payer.clone(), payee.clone(), units::<T>(1), goods::<T>())
			.unwrap();
		Pallet::<T>::do_accept(payee.clone(), id).unwrap();
	}
	for _ in 1..T::MaxOpenRequests::get() {
		Pallet::<T>::do_request(payer.clone(), payee.clone(), units::<T>(1), goods::<T>()).unwrap();
	}
	(payer, payee)
}

fn pending<T: Config>(payer: &T::AccountId, payee: &T::AccountId) -> RequestId {
	Pallet::<T>::do_request(payer.clone(), payee.clone(), units::<T>(1), goods::<T>()).unwrap()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn fund_pool() {
		let funder = funded::<T>("funder", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(funder), units::<T>(1));
		assert!(!Pool::<T>::get().funded.is_zero());
	}

	#[benchmark]
	fn withdraw_from_pool() -> Result<(), BenchmarkError> {
		let origin =
			T::PoolOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		T::Currency::set_balance(&Pallet::<T>::pool_account(), units::<T>(10));
		let to: T::AccountId = account("to", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, to, units::<T>(1));
		assert!(!Pool::<T>::get().withdrawn.is_zero());
		Ok(())
	}

	#[benchmark]
	fn set_grade() {
		let payee = funded::<T>("payee", 0);
		let payer: T::AccountId = account("payer", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee.clone()), payer.clone(), 3, units::<T>(1));
		assert!(Grades::<T>::contains_key(&payee, &payer));
	}

	#[benchmark]
	fn remove_grade() {
		let payee = funded::<T>("payee", 0);
		let payer: T::AccountId = account("payer", 0, 0);
		Grades::<T>::insert(&payee, &payer, Grade { level: 1, limit: units::<T>(1) });
		#[extrinsic_call]
		_(RawOrigin::Signed(payee.clone()), payer.clone());
		assert!(!Grades::<T>::contains_key(&payee, &payer));
	}

	#[benchmark]
	fn set_base_limit() -> Result<(), BenchmarkError> {
		let origin =
			T::CreditOfficer::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let payer: T::AccountId = account("payer", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, payer.clone(), units::<T>(5));
		assert_eq!(BaseLimits::<T>::get(&payer), units::<T>(5));
		Ok(())
	}

	#[benchmark]
	fn request_credit_payment() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = NextRequestId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(payer), payee, units::<T>(1), goods::<T>());
		assert!(Requests::<T>::contains_key(id));
	}

	#[benchmark]
	fn cancel_request() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Cancelled);
	}

	#[benchmark]
	fn accept_request() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Settled);
	}

	#[benchmark]
	fn decline_request() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Declined);
	}

	#[benchmark]
	fn acknowledge_receipt() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee.clone(), id).unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Completed);
	}

	#[benchmark]
	fn repay() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee, id).unwrap();
		let owed = Pallet::<T>::owed(&Debts::<T>::get(id).unwrap());
		#[extrinsic_call]
		_(RawOrigin::Signed(payer), id, owed);
		assert!(!Debts::<T>::contains_key(id));
	}

	#[benchmark]
	fn close_expired() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		let expires_at = Requests::<T>::get(id).unwrap().expires_at;
		T::BenchmarkHelper::set_time(expires_at.saturating_add(1));
		let closer = funded::<T>("closer", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(closer), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Expired);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::default().build(), crate::mock::Test);
}
