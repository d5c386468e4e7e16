//! Benchmarks of every call, each in its worst case: the payer's bounded indexes (open requests,
//! open debts) filled to one below their bound, its recent repayments full, the payee's volume
//! window full, names and descriptions at their longest, certificates signed with sr25519 (the
//! costliest scheme to verify, as `part_verify_signature` measures), so the measured weight
//! covers every state a call can meet.
//!
//! The `part_*` benchmarks (`extra`: no call's weight) measure the pieces a call is made of, for
//! `docs/performance.md`: a first read of a stored key, a balance hold, a CA signature check in
//! each scheme.

//!
//! The benchmarks that weights are generated from come first; the report-only ones (`extra`:
//! `*_at_scale` and `part_*`) follow, with their own setup in [`scale`]. FRAME generates one
//! benchmark set per pallet, so both groups live in the one `#[benchmarks]` module.

// Benchmarks set up state that must exist: a failed setup should stop the run at once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod scale;
mod setup;

use scale::*;
use setup::*;

use super::*;
use crate::types::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	tokens::Preservation,
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::traits::Zero;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn fund_pool() {
		let funder = funded::<T>("funder", 0);
		whitelist_caller::<T>(&funder);
		#[extrinsic_call]
		_(RawOrigin::Signed(funder), units::<T>(1));
		assert!(!Pool::<T>::get().funded.is_zero());
	}

	#[benchmark]
	fn redeem_shares() {
		// A funder redeems all its shares (its entry goes) from a pool owed as much as its
		// exposure cap allows after.
		booked_pool_funding::<T>(units::<T>(1_000));
		let funder = funded::<T>("funder", 0);
		Pallet::<T>::do_fund_pool(funder.clone(), units::<T>(10)).unwrap();
		let shares = Shares::<T>::get(&funder).unwrap();
		whitelist_caller::<T>(&funder);
		#[extrinsic_call]
		_(RawOrigin::Signed(funder.clone()), shares);
		assert!(!Shares::<T>::contains_key(&funder));
	}

	#[benchmark]
	fn rehabilitate() -> Result<(), BenchmarkError> {
		// A payer with a repaid default and a full index of current debts, which the call
		// reads to see that none is in default.
		let origin =
			T::CreditOfficer::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (payer, _) = worst_case_parties::<T>();
		Parties::<T>::mutate(&payer, |state| state.profile.history.defaults = 1);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, payer.clone(), longest_note::<T>());
		assert_eq!(Parties::<T>::get(&payer).profile.history.defaults, 0);
		Ok(())
	}

	#[benchmark]
	fn set_grade() {
		// A new grade (backing and deposit held) for a payer with a full debt index.
		let payee = funded::<T>("payee", 1);
		certify::<T>(&payee);
		let (payer, _) = worst_case_parties::<T>();
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee.clone()), payer.clone(), 3, units::<T>(1));
		assert!(Grades::<T>::contains_key(&payee, &payer));
	}

	#[benchmark]
	fn remove_grade() {
		// The entry goes, backing and deposit released, for a payer with a full debt index.
		let payee = funded::<T>("payee", 1);
		certify::<T>(&payee);
		let (payer, _) = worst_case_parties::<T>();
		Pallet::<T>::do_set_grade(payee.clone(), payer.clone(), 1, units::<T>(1)).unwrap();
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee.clone()), payer.clone());
		assert!(!Grades::<T>::contains_key(&payee, &payer));
	}

	#[benchmark]
	fn set_base_limit() -> Result<(), BenchmarkError> {
		let origin =
			T::CreditOfficer::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		all_debts_in_default::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, payer.clone(), units::<T>(5));
		assert_eq!(Parties::<T>::get(&payer).profile.base_limit, units::<T>(5));
		Ok(())
	}

	#[benchmark]
	fn request_credit_payment() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = NextRequestId::<T>::get();
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer), payee, units::<T>(1), goods::<T>());
		assert!(Requests::<T>::contains_key(id));
	}

	#[benchmark]
	fn cancel_request() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer), id);
		assert!(!Requests::<T>::contains_key(id), "its business done, the request is removed");
	}

	#[benchmark]
	fn accept_request() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Settled);
	}

	#[benchmark]
	fn decline_request() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert!(!Requests::<T>::contains_key(id), "its business done, the request is removed");
	}

	#[benchmark]
	fn acknowledge_receipt() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee.clone(), id).unwrap();
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert!(!Requests::<T>::contains_key(id), "its business done, the request is removed");
	}

	#[benchmark]
	fn repay() {
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee.clone(), id).unwrap();
		// A removed grade: the repayment releases backing it no longer needs.
		Pallet::<T>::do_remove_grade(payee, payer.clone()).unwrap();
		// Half the period on, still on time: the money was held, so the sale counts in the
		// payee's volume ring, which the repayment writes.
		let half = T::RepaymentPeriod::get().saturating_div(2);
		T::BenchmarkHelper::set_time(Pallet::<T>::now().saturating_add(half));
		let owed = Debts::<T>::get(id).unwrap().owed();
		whitelist_caller::<T>(&payer);
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
		whitelist_caller::<T>(&closer);
		#[extrinsic_call]
		_(RawOrigin::Signed(closer), id);
		assert!(!Requests::<T>::contains_key(id), "its business done, the request is removed");
	}

	#[benchmark]
	fn add_ca() -> Result<(), BenchmarkError> {
		let origin = T::CaAdmin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// Every other place taken: the check for a key trusted twice reads every CA.
		let mut other = crate::certificates::CaId::MAX;
		while TrustedCas::<T>::decode_len().unwrap_or_default().saturating_add(1)
			< T::MaxTrustedCas::get() as usize
		{
			trust::<T>(other);
			other = other.saturating_sub(1);
		}
		let ca = NextCaId::<T>::get();
		#[extrinsic_call]
		// An ecdsa key: the longest a `CaKey` stores.
		_(origin as T::RuntimeOrigin, longest_name::<T>(), ca_public(Scheme::Ecdsa));
		assert!(CertificateAuthorities::<T>::contains_key(ca));
		Ok(())
	}

	#[benchmark]
	fn remove_ca() -> Result<(), BenchmarkError> {
		let origin = T::CaAdmin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let ca = trusted_ca::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, ca);
		assert!(!CertificateAuthorities::<T>::contains_key(ca));
		Ok(())
	}

	#[benchmark]
	fn revoke_certificate() -> Result<(), BenchmarkError> {
		let origin = T::CaAdmin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (ca, holder) = registered_certificate::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, ca, 1);
		assert!(RevokedSerials::<T>::contains_key(ca, 1));
		assert!(Parties::<T>::get(&holder).certificate.unwrap().revoked);
		Ok(())
	}

	#[benchmark]
	fn revoke_certificate_signed() {
		let (ca, holder) = registered_certificate::<T>();
		let message =
			crate::certificates::revocation_message(Pallet::<T>::genesis_hash().as_ref(), ca, 1);
		let signature = ca_sign(&message);
		let submitter = funded::<T>("submitter", 0);
		whitelist_caller::<T>(&submitter);
		#[extrinsic_call]
		_(RawOrigin::Signed(submitter), ca, 1, signature);
		assert!(RevokedSerials::<T>::contains_key(ca, 1));
		assert!(Parties::<T>::get(&holder).certificate.unwrap().revoked);
	}

	#[benchmark]
	fn register_certificate() {
		// The costliest way: the caller replaces its certificate of another identity (released),
		// and takes the new one's identity from a holder whose certificate was revoked (its
		// certificate removed, its deposit released).
		let who = funded::<T>("subject", 0);
		let ca = trusted_ca::<T>();
		let (old, signature) = signed_certificate::<T>(&who, ca);
		Pallet::<T>::do_register_certificate(who.clone(), old, signature).unwrap();
		let stale = funded::<T>("stale holder", 0);
		let identity = identity_of::<T>(&stale);
		let (held, signature) =
			signed_certificate_of::<T>(&stale, ca, COSTLIEST_SCHEME, identity, 2);
		Pallet::<T>::do_register_certificate(stale.clone(), held, signature).unwrap();
		Pallet::<T>::do_revoke(ca, 2).unwrap();
		let (payload, signature) =
			signed_certificate_of::<T>(&who, ca, COSTLIEST_SCHEME, identity, 3);
		whitelist_caller::<T>(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), payload, signature);
		let certificate = Parties::<T>::get(&who).certificate.unwrap();
		assert_eq!(certificate.payload.identity_hash, identity);
		assert!(Parties::<T>::get(&stale).certificate.is_none(), "taken from the stale holder");
	}

	#[benchmark]
	fn remove_certificate() {
		let who = funded::<T>("subject", 0);
		let ca = trusted_ca::<T>();
		let (payload, signature) = signed_certificate::<T>(&who, ca);
		Pallet::<T>::do_register_certificate(who.clone(), payload, signature).unwrap();
		whitelist_caller::<T>(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Parties::<T>::get(&who).certificate.is_none());
	}

	#[benchmark]
	fn request_credit_increase() {
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(payer.clone()),
			units::<T>(1),
			H256::repeat_byte(4),
			longest_note::<T>(),
		);
		assert!(Parties::<T>::get(&payer).increase_request.is_some());
	}

	#[benchmark]
	fn withdraw_credit_increase() {
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		open_increase::<T>(&payer);
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer.clone()));
		assert!(Parties::<T>::get(&payer).increase_request.is_none());
	}

	#[benchmark]
	fn approve_credit_increase() -> Result<(), BenchmarkError> {
		let origin =
			T::CreditOfficer::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		open_increase::<T>(&payer);
		// Every debt overdue, none yet in default (which no increase may pass): the default
		// check reads them all.
		T::BenchmarkHelper::set_time(
			Pallet::<T>::now().saturating_add(T::RepaymentPeriod::get()).saturating_add(1),
		);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, payer.clone());
		assert_eq!(Parties::<T>::get(&payer).profile.base_limit, units::<T>(2));
		Ok(())
	}

	#[benchmark]
	fn reject_credit_increase() -> Result<(), BenchmarkError> {
		let origin =
			T::CreditOfficer::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (payer, _) = worst_case_parties::<T>();
		base_limit::<T>(&payer, units::<T>(1));
		open_increase::<T>(&payer);
		// Abusive: the deposit moves to the pool, the costlier way out.
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, payer.clone(), true);
		assert!(Parties::<T>::get(&payer).increase_request.is_none());
		Ok(())
	}

	#[benchmark]
	fn report_overdue() {
		// A default booked: the late charge brought up to it, a write-off larger than the
		// defaulted grade's backing (so the payee's other backing is drawn too), the keeper
		// paid.
		let (payer, payee) = worst_case_parties::<T>();
		let id = debt_beyond_its_backing::<T>(&payer, &payee);
		backing_elsewhere::<T>(&payee);
		Pallet::<T>::do_remove_grade(payee.clone(), payer.clone()).unwrap();
		all_debts_in_default::<T>();
		let reporter = funded::<T>("reporter", 0);
		whitelist_caller::<T>(&reporter);
		#[extrinsic_call]
		_(RawOrigin::Signed(reporter), id);
		assert!(Debts::<T>::get(id).unwrap().write_off.is_some());
		assert!(!BackingDrawn::<T>::get(&payee).is_zero());
	}

	#[benchmark]
	fn repay_in_default() {
		// The repayment that books a default first: the write-off (late charge, backing
		// drawn beyond the grade's own), then the whole debt recovered, to the payee's backing
		// and into the pool.
		let (payer, payee) = worst_case_parties::<T>();
		let id = debt_beyond_its_backing::<T>(&payer, &payee);
		backing_elsewhere::<T>(&payee);
		Pallet::<T>::do_remove_grade(payee.clone(), payer.clone()).unwrap();
		all_debts_in_default::<T>();
		let owed = Pallet::<T>::debt(id).unwrap().owed;
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		repay(RawOrigin::Signed(payer), id, owed);
		assert!(!Debts::<T>::contains_key(id));
	}

	#[benchmark]
	fn reap_request() {
		// A finished request as a runtime that kept them left it, with the longest goods.
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		let mut finished = Requests::<T>::get(id).unwrap();
		Pallet::<T>::do_cancel(payer, id).unwrap();
		finished.status = RequestStatus::Cancelled;
		Requests::<T>::insert(id, finished);
		let reaper = funded::<T>("reaper", 0);
		whitelist_caller::<T>(&reaper);
		#[extrinsic_call]
		reap(RawOrigin::Signed(reaper), StaleEntry::Request(id));
		assert!(!Requests::<T>::contains_key(id));
	}

	#[benchmark]
	fn reap_payee_volume() {
		// A full ring, every bucket aged out of the window.
		let (_, payee) = worst_case_parties::<T>();
		let window = T::VolumeBucketLength::get().saturating_mul(T::VolumeBuckets::get().into());
		T::BenchmarkHelper::set_time(Pallet::<T>::now().saturating_add(window));
		let reaper = funded::<T>("reaper", 0);
		whitelist_caller::<T>(&reaper);
		#[extrinsic_call]
		reap(RawOrigin::Signed(reaper), StaleEntry::PayeeVolume(payee.clone()));
		assert!(!PayeeVolume::<T>::contains_key(&payee));
	}

	#[benchmark]
	fn reap_revoked_serial() {
		let (ca, _) = registered_certificate::<T>();
		Pallet::<T>::do_revoke(ca, 1).unwrap();
		Pallet::<T>::do_remove_ca(ca).unwrap();
		let reaper = funded::<T>("reaper", 0);
		whitelist_caller::<T>(&reaper);
		#[extrinsic_call]
		reap(RawOrigin::Signed(reaper), StaleEntry::RevokedSerial(ca, 1));
		assert!(!RevokedSerials::<T>::contains_key(ca, 1));
	}

	// Flat with scale: the lifecycle calls with 10, 10,000 and 100,000 other pairs stored
	// (`s` = 0, 1, 2). `extra`: not part of the weights, run by `scripts/bench.sh` on their own.

	#[benchmark(extra)]
	fn request_credit_payment_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let (payer, payee) = worst_case_parties::<T>();
		let id = NextRequestId::<T>::get();
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		request_credit_payment(RawOrigin::Signed(payer), payee, units::<T>(1), goods::<T>());
		assert!(Requests::<T>::contains_key(id));
	}

	#[benchmark(extra)]
	fn accept_request_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		accept_request(RawOrigin::Signed(payee), id);
		assert_eq!(Requests::<T>::get(id).unwrap().status, RequestStatus::Settled);
	}

	#[benchmark(extra)]
	fn acknowledge_receipt_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee.clone(), id).unwrap();
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		acknowledge_receipt(RawOrigin::Signed(payee), id);
		assert!(!Requests::<T>::contains_key(id), "its business done, the request is removed");
	}

	#[benchmark(extra)]
	fn repay_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let (payer, payee) = worst_case_parties::<T>();
		let id = pending::<T>(&payer, &payee);
		Pallet::<T>::do_accept(payee, id).unwrap();
		let owed = Debts::<T>::get(id).unwrap().owed();
		whitelist_caller::<T>(&payer);
		#[extrinsic_call]
		repay(RawOrigin::Signed(payer), id, owed);
		assert!(!Debts::<T>::contains_key(id));
	}

	#[benchmark(extra)]
	fn set_grade_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let payee = funded::<T>("payee", 0);
		certify::<T>(&payee);
		let payer: T::AccountId = account("payer", 0, 0);
		whitelist_caller::<T>(&payee);
		#[extrinsic_call]
		set_grade(RawOrigin::Signed(payee.clone()), payer.clone(), 3, units::<T>(1));
		assert!(Grades::<T>::contains_key(&payee, &payer));
	}

	/// The reference for the rows above: a plain transfer to a new account (what
	/// `transfer_keep_alive` does) in the same state, so a reader can see how much of any call's
	/// growth is the trie's, which every storage access pays.
	#[benchmark(extra)]
	fn transfer_at_scale(s: Linear<0, 2>) {
		populate::<T>(SCALES[s as usize]);
		let sender = funded::<T>("sender", 0);
		let recipient: T::AccountId = account("recipient", 0, 0);
		whitelist_caller::<T>(&sender);
		#[block]
		{
			T::Currency::transfer(&sender, &recipient, units::<T>(1), Preservation::Preserve)
				.unwrap();
		}
		assert_eq!(T::Currency::balance(&recipient), units::<T>(1));
	}

	/// A first read of a party's entry (with a certificate), as every call pays for each key it
	/// reads: the unit `docs/performance.md` counts storage in.
	#[benchmark(extra)]
	fn part_read_party() {
		let who = funded::<T>("subject", 0);
		certify::<T>(&who);
		#[block]
		{
			assert!(Parties::<T>::get(&who).certificate.is_some());
		}
	}

	/// Holding a deposit from the caller (pallet-balances' `hold`), as `register_certificate`,
	/// `request_credit_payment` and `request_credit_increase` each do once.
	#[benchmark(extra)]
	fn part_hold_deposit() {
		let who = funded::<T>("subject", 0);
		whitelist_caller::<T>(&who);
		#[block]
		{
			<T::Currency as frame_support::traits::fungible::MutateHold<_>>::hold(
				&HoldReason::CertificateDeposit.into(),
				&who,
				T::CertificateDeposit::get(),
			)
			.unwrap();
		}
	}

	/// Verifying a CA's signature over a certificate, in each scheme: `s` picks it from
	/// [`SCHEMES`] (a component only so that one benchmark runs all three; the time is not linear
	/// in it, and no weight is generated from it).
	#[benchmark(extra)]
	fn part_verify_signature(s: Linear<0, 2>) {
		let scheme = SCHEMES[s as usize];
		let (payload, signature) =
			signed_certificate_in::<T>(&funded::<T>("subject", 0), 0, scheme);
		let key = ca_public(scheme);
		let genesis = Pallet::<T>::genesis_hash();
		#[block]
		{
			assert!(crate::certificates::signature_is_valid(
				&key,
				genesis.as_ref(),
				&payload,
				&signature
			));
		}
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
