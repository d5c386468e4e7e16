//! A request's life (S10 to S80): asked by the payer, cancelled, declined, or accepted by the
//! payee; on acceptance both limits decide between settlement (the pool pays the payee and the
//! payer owes the debt) and rejection (claim 4); the payee acknowledges receipt; an open request
//! past its `expires_at` is closed by anyone. A request that ends is removed: the event that
//! ended it is its record.

use crate::{
	certificates::CertifiedAs, headroom, pallet::*, types::*, BalanceOf, DebtRefOf, GoodsOf,
	PartyStateOf, RequestOf, Settlement,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Serves [`Pallet::request_credit_payment`]; returns the new request's id.
	pub(crate) fn do_request(
		payer: T::AccountId,
		payee: T::AccountId,
		amount: BalanceOf<T>,
		goods: GoodsOf<T>,
	) -> Result<RequestId, DispatchError> {
		let now = Self::now();
		let mut state = Self::party(&payer)?;
		let (payer_certificate, payee_certificate) =
			Self::ensure_may_request(&payer, &payee, amount, &state, now)?;

		let id = NextRequestId::<T>::get();
		NextRequestId::<T>::put(id.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		state.open_requests.try_push(id).map_err(|_| Error::<T>::TooManyOpenRequests)?;
		Self::put_party(&payer, state);
		let deposit = T::RequestDeposit::get();
		T::Currency::hold(&HoldReason::RequestDeposit.into(), &payer, deposit)?;

		let expires_at = now.saturating_add(T::RequestLifetime::get());
		Requests::<T>::insert(
			id,
			CreditRequest {
				payer: payer.clone(),
				payee: payee.clone(),
				amount,
				goods,
				payer_certificate,
				payee_certificate,
				deposit,
				created_at: now,
				expires_at,
				status: RequestStatus::Pending,
			},
		);
		Self::deposit_event(Event::PaymentRequested { id, payer, payee, amount, expires_at });
		Ok(id)
	}

	/// Everything a request must meet before anything is written (the request and the dry run):
	/// the borrowing rules, both certificates, the payee's chain, and room for one more pending
	/// request. Returns both certificates as they were verified.
	pub(crate) fn ensure_may_request(
		payer: &T::AccountId,
		payee: &T::AccountId,
		amount: BalanceOf<T>,
		state: &PartyStateOf<T>,
		now: Moment,
	) -> Result<(CertifiedAs, CertifiedAs), DispatchError> {
		Self::ensure_may_borrow(payer, payee, amount, &state.open_debts, now)?;
		let certificates = Self::certified_parties(state, payee, now)?;
		T::Settlement::ensure_reachable(certificates.1.home_chain)?;
		ensure!(
			state.open_requests.len() < T::MaxOpenRequests::get() as usize,
			Error::<T>::TooManyOpenRequests
		);
		Ok(certificates)
	}

	/// The rules a payer must meet to borrow at all.
	fn ensure_may_borrow(
		payer: &T::AccountId,
		payee: &T::AccountId,
		amount: BalanceOf<T>,
		debts: &[DebtRefOf<T>],
		now: Moment,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(payer != payee, Error::<T>::RequestToSelf);
		ensure!(!debts.any_overdue(now), Error::<T>::PayerHasOverdueDebt);
		ensure!(debts.len() < T::MaxOpenDebts::get() as usize, Error::<T>::TooManyOpenDebts);
		Ok(())
	}

	/// The fee on a payment of `amount`, rounded up: rounding goes against the debtor.
	pub(crate) fn fee_for(amount: BalanceOf<T>) -> BalanceOf<T> {
		T::RepaymentFee::get().mul_ceil(amount)
	}

	/// What a payment of `amount` will owe, its fee included: what both limits are checked
	/// against (saturating: an amount that large never fits a limit).
	pub(crate) fn owed_for(amount: BalanceOf<T>) -> BalanceOf<T> {
		amount.saturating_add(Self::fee_for(amount))
	}

	/// Serves [`Pallet::cancel_request`].
	pub(crate) fn do_cancel(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Self::pending(id)?;
		ensure!(request.payer == who, Error::<T>::NotPayer);
		Self::end_pending(id, request)?;
		Self::deposit_event(Event::RequestCancelled { id });
		Ok(())
	}

	/// Serves [`Pallet::decline_request`].
	pub(crate) fn do_decline(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Self::pending(id)?;
		ensure!(request.payee == who, Error::<T>::NotPayee);
		Self::end_pending(id, request)?;
		Self::deposit_event(Event::RequestDeclined { id });
		Ok(())
	}

	/// Serves [`Pallet::close_expired`]: a pending request past its `expires_at` expires, a
	/// settled one the payee never acknowledged is closed unacknowledged. Either way the deposit
	/// comes back.
	pub(crate) fn do_close_expired(id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::RequestNotFound)?;
		let settled = match request.status {
			RequestStatus::Pending => false,
			RequestStatus::Settled => true,
			_ => return Err(Error::<T>::RequestNotOpen.into()),
		};
		ensure!(Self::now() > request.expires_at, Error::<T>::RequestNotExpired);
		if settled {
			let (payer, payee) = (request.payer.clone(), request.payee.clone());
			Self::close_open(id, request)?;
			Self::deposit_event(Event::RequestClosedUnacknowledged { id, payer, payee });
		} else {
			Self::end_pending(id, request)?;
			Self::deposit_event(Event::RequestExpired { id });
		}
		Ok(())
	}

	/// Serves [`Pallet::accept_request`]: checks both parties and both limits, then settles or
	/// rejects.
	pub(crate) fn do_accept(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Self::pending(id)?;
		ensure!(request.payee == who, Error::<T>::NotPayee);
		let now = Self::now();
		ensure!(now <= request.expires_at, Error::<T>::RequestExpired);
		// Read once: the payer's certificate, the overdue rule, both outstanding sums, the node
		// limit's inputs and the settlement's changes all come from it.
		let state = Self::party(&request.payer)?;
		// Both parties' certificates as they stand now: CA still trusted, not revoked, in time.
		let (_, payee_certificate) = Self::certified_parties(&state, &request.payee, now)?;

		if state.open_debts.any_overdue(now) {
			return Self::reject(id, request, RejectionReason::PayerHasOverdueDebt, false);
		}
		// The payee's repaid credit sales over the window bound what the payer may owe it.
		let payee_volume = Self::payee_volume_at(&request.payee, now);
		let limits = Self::limits_in(&request.payer, &request.payee, &state, payee_volume, now);
		let owed = Self::owed_for(request.amount);
		match headroom::check(owed, &limits) {
			Ok(()) => {
				// A pool short of cash fails the call and leaves the request pending, to be
				// accepted once the pool is funded; the caps beside the method's two limits,
				// where exposure accumulates, end it rejected.
				Self::ensure_pool_can_pay(request.amount)?;
				match headroom::exposure_check(
					owed,
					&Self::exposure_now(&request.payee, payee_volume),
				) {
					Ok(()) => Self::settle(id, request, state, payee_certificate.home_chain, now),
					Err(reason) => Self::reject(id, request, reason, false),
				}
			}
			Err(reason) => {
				// Claim 5's prompt: only the node limit failed, and the payer is not in default
				// (which no increase lifts).
				let increase_may_help =
					matches!(reason, RejectionReason::LimitExceeded { limit: LimitKind::Node, .. })
						&& Self::history_at(&state, now).defaults == 0;
				Self::reject(id, request, reason, increase_may_help)
			}
		}
	}

	/// Serves [`Pallet::acknowledge_receipt`]: the request completes and the payer's deposit
	/// comes back.
	pub(crate) fn do_acknowledge(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::RequestNotFound)?;
		ensure!(request.payee == who, Error::<T>::NotPayee);
		ensure!(request.status == RequestStatus::Settled, Error::<T>::RequestNotSettled);
		// Within the request's lifetime only: past it the request is anyone's to close
		// unacknowledged, and the outcome must not depend on who calls first.
		ensure!(Self::now() <= request.expires_at, Error::<T>::RequestExpired);
		let (payer, payee) = (request.payer.clone(), request.payee.clone());
		Self::close_open(id, request)?;
		Self::deposit_event(Event::ReceiptAcknowledged { id, payer, payee });
		Ok(())
	}

	/// A request that exists and is pending.
	fn pending(id: RequestId) -> Result<RequestOf<T>, DispatchError> {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::RequestNotFound)?;
		ensure!(request.status == RequestStatus::Pending, Error::<T>::RequestNotPending);
		Ok(request)
	}

	/// Ends a pending request: it leaves the payer's pending requests, its deposit comes back and
	/// it is removed.
	fn end_pending(id: RequestId, request: RequestOf<T>) -> DispatchResult {
		Self::mutate_party(&request.payer, |state| -> DispatchResult {
			state.open_requests.retain(|open_id| *open_id != id);
			Ok(())
		})?;
		Self::close_open(id, request)
	}

	/// Ends an open request: its deposit comes back and its entry goes, its business done (the
	/// event that ended it is its record; a settled request's debt stands on its own).
	fn close_open(id: RequestId, request: RequestOf<T>) -> DispatchResult {
		T::Currency::release(
			&HoldReason::RequestDeposit.into(),
			&request.payer,
			request.deposit,
			Precision::Exact,
		)?;
		Requests::<T>::remove(id);
		Ok(())
	}

	/// Ends an accepted request rejected for `reason` (claim 4), prompting for a credit
	/// increase when `credit_increase_may_help`.
	fn reject(
		id: RequestId,
		request: RequestOf<T>,
		reason: RejectionReason<BalanceOf<T>>,
		credit_increase_may_help: bool,
	) -> DispatchResult {
		let (payer, payee) = (request.payer.clone(), request.payee.clone());
		Self::end_pending(id, request)?;
		Self::deposit_event(Event::RequestRejected {
			id,
			payer,
			payee,
			reason,
			credit_increase_may_help,
		});
		Ok(())
	}

	/// Pays the payee from the pool and records the debt (S70). The request stays open, its
	/// deposit held, until the payee acknowledges receipt (or fails to by the new `expires_at`).
	fn settle(
		id: RequestId,
		mut request: RequestOf<T>,
		mut state: PartyStateOf<T>,
		payee_chain: ChainId,
		now: Moment,
	) -> DispatchResult {
		let (payer, payee, amount) = (request.payer.clone(), request.payee.clone(), request.amount);
		let fee = Self::fee_for(amount);
		let owed = amount.checked_add(&fee).ok_or(ArithmeticError::Overflow)?;
		let due_at = now.saturating_add(T::RepaymentPeriod::get());

		state
			.open_debts
			.try_push(DebtRef { id, payee: payee.clone(), due_at, owed })
			.map_err(|_| Error::<T>::TooManyOpenDebts)?;
		state.open_requests.retain(|open_id| *open_id != id);
		Self::put_party(&payer, state);
		Self::book(&[(LedgerEntry::PaidOut, amount), (LedgerEntry::FeesCharged, fee)])?;
		Self::add_exposure(&payee, owed);

		T::Settlement::pay(&Self::pool_account(), &payee, payee_chain, amount)?;

		Debts::<T>::insert(
			id,
			Debt {
				payer: payer.clone(),
				payee: payee.clone(),
				principal: amount,
				fee,
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
		request.status = RequestStatus::Settled;
		request.expires_at = now.saturating_add(T::RequestLifetime::get());
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::PaymentSettled { id, payer, payee, amount, fee, due_at });
		Ok(())
	}
}
