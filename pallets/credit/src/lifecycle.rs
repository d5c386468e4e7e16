//! The credit lifecycle: request -> accept or decline -> settle -> acknowledge -> repay, and the
//! pool around it. The dispatchables in `lib.rs` are thin wrappers around the `do_*` functions
//! here; every function either completes or fails without effect (calls are transactional).

use crate::{
	limits, pallet::*, types::*, BalanceOf, DebtOf, DebtRefOf, GoodsOf, PartyStateOf, RequestOf,
	Settlement,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
		Get, UnixTime,
	},
};
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, CheckedSub, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The credit pool's account, derived from `Config::PalletId`.
	pub fn pool_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Now, in milliseconds since the Unix epoch.
	pub fn now() -> Moment {
		Moment::try_from(T::Time::now().as_millis()).unwrap_or(Moment::MAX)
	}

	/// Changes what is kept about `who` if `f` succeeds, in one read and one write (see
	/// [`Self::put_party`]); if `f` fails, nothing is written.
	pub(crate) fn mutate_party<R, E>(
		who: &T::AccountId,
		f: impl FnOnce(&mut PartyStateOf<T>) -> Result<R, E>,
	) -> Result<R, E> {
		let mut state = Parties::<T>::get(who);
		let result = f(&mut state)?;
		Self::put_party(who, state);
		Ok(result)
	}

	/// Writes `state` back as what is kept about `who`; an account left with nothing to keep
	/// loses its entry, so no empty state is ever stored.
	pub(crate) fn put_party(who: &T::AccountId, state: PartyStateOf<T>) {
		if state == PartyStateOf::<T>::default() {
			Parties::<T>::remove(who);
		} else {
			Parties::<T>::insert(who, state);
		}
	}

	/// Whether any of the payer's unpaid debts is past its due date at `now`.
	pub fn has_overdue_debt(payer: &T::AccountId, now: Moment) -> bool {
		any_overdue(&Parties::<T>::get(payer).open_debts, now)
	}

	/// All `payer` owes now.
	pub fn outstanding(payer: &T::AccountId) -> BalanceOf<T> {
		total_owed::<T>(&Parties::<T>::get(payer).open_debts)
	}

	/// Both limits for `payer` paying `payee`, what the payer owes under each, and the headroom.
	pub fn limits_for(payer: &T::AccountId, payee: &T::AccountId) -> LimitCheck<BalanceOf<T>> {
		let now = Self::now();
		let payee_volume = Self::payee_volume_at(payee, now);
		Self::limits_with(payer, payee, &Parties::<T>::get(payer), payee_volume, now)
	}

	/// [`Self::limits_for`] with what is kept about the payer and the payee's volume already
	/// read.
	fn limits_with(
		payer: &T::AccountId,
		payee: &T::AccountId,
		state: &PartyStateOf<T>,
		payee_volume: BalanceOf<T>,
		now: Moment,
	) -> LimitCheck<BalanceOf<T>> {
		let payee_limit = Grades::<T>::get(payee, payer).map(|g| g.limit).unwrap_or_default();
		let inputs = Self::limit_inputs_with(state, Some(payee_volume), now);
		let debts = &state.open_debts;
		limits::headroom(
			payee_limit,
			sum_owed::<T>(debts, |debt| debt.payee == *payee),
			Self::limit_of(&inputs),
			total_owed::<T>(debts),
		)
	}

	/// A payer's unpaid debts with their ids, in the order they were settled.
	pub fn open_debts(payer: &T::AccountId) -> Vec<(RequestId, DebtOf<T>)> {
		Parties::<T>::get(payer)
			.open_debts
			.iter()
			.filter_map(|d| Debts::<T>::get(d.id).map(|debt| (d.id, debt)))
			.collect()
	}

	/// What a debt still owes.
	pub fn owed(debt: &DebtOf<T>) -> BalanceOf<T> {
		debt.principal.saturating_add(debt.fee).saturating_sub(debt.repaid)
	}

	/// What would happen if `payer` asked `payee` for `amount` now and `payee` accepted at once.
	pub fn credit_dry_run(
		payer: &T::AccountId,
		payee: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DryRun<BalanceOf<T>> {
		let (state, now) = (Parties::<T>::get(payer), Self::now());
		let limits =
			Self::limits_with(payer, payee, &state, Self::payee_volume_at(payee, now), now);
		let may_borrow = Self::ensure_may_borrow(payer, payee, amount, &state.open_debts, now)
			.and_then(|()| Self::certified_parties(&state, payee, now).map(|_| ()));
		let verdict = match may_borrow {
			Err(error) => Verdict::Refused(error),
			Ok(()) => match limits::check(amount, &limits) {
				Err(reason) => Verdict::Rejected(reason),
				Ok(()) => match Self::ensure_pool_can_pay(amount) {
					Err(error) => Verdict::Refused(error),
					Ok(()) => Verdict::Pass,
				},
			},
		};
		DryRun { limits, verdict }
	}

	/// The rules a payer must meet to ask for credit at all.
	fn ensure_may_borrow(
		payer: &T::AccountId,
		payee: &T::AccountId,
		amount: BalanceOf<T>,
		debts: &[DebtRefOf<T>],
		now: Moment,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(payer != payee, Error::<T>::RequestToSelf);
		ensure!(!any_overdue(debts, now), Error::<T>::PayerHasOverdueDebt);
		ensure!(debts.len() < T::MaxOpenDebts::get() as usize, Error::<T>::TooManyOpenDebts);
		Ok(())
	}

	fn ensure_pool_can_pay(amount: BalanceOf<T>) -> DispatchResult {
		let spare = T::Currency::reducible_balance(
			&Self::pool_account(),
			Preservation::Preserve,
			Fortitude::Polite,
		);
		ensure!(amount <= spare, Error::<T>::PoolBalanceTooLow);
		Ok(())
	}

	pub(crate) fn do_fund_pool(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		T::Currency::transfer(&who, &Self::pool_account(), amount, Preservation::Preserve)?;
		Pool::<T>::try_mutate(|ledger| -> DispatchResult {
			ledger.funded = ledger.funded.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		Self::deposit_event(Event::PoolFunded { who, amount });
		Ok(())
	}

	pub(crate) fn do_withdraw_from_pool(to: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_pool_can_pay(amount)?;
		T::Currency::transfer(&Self::pool_account(), &to, amount, Preservation::Preserve)?;
		Pool::<T>::try_mutate(|ledger| -> DispatchResult {
			ledger.withdrawn =
				ledger.withdrawn.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		Self::deposit_event(Event::PoolWithdrawn { to, amount });
		Ok(())
	}

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

	pub(crate) fn do_remove_grade(payee: T::AccountId, payer: T::AccountId) -> DispatchResult {
		ensure!(Grades::<T>::contains_key(&payee, &payer), Error::<T>::GradeNotFound);
		Grades::<T>::remove(&payee, &payer);
		Self::deposit_event(Event::GradeRemoved { payee, payer });
		Ok(())
	}

	pub(crate) fn do_request(
		payer: T::AccountId,
		payee: T::AccountId,
		amount: BalanceOf<T>,
		goods: GoodsOf<T>,
	) -> Result<RequestId, DispatchError> {
		let now = Self::now();
		let mut state = Parties::<T>::get(&payer);
		Self::ensure_may_borrow(&payer, &payee, amount, &state.open_debts, now)?;
		let (payer_certificate, payee_certificate) = Self::certified_parties(&state, &payee, now)?;

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

	/// A request that exists and is pending.
	fn pending(id: RequestId) -> Result<RequestOf<T>, DispatchError> {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::RequestNotFound)?;
		ensure!(request.status == RequestStatus::Pending, Error::<T>::RequestNotPending);
		Ok(request)
	}

	/// Moves a pending request to the final `status`: its deposit comes back, it leaves the
	/// payer's pending requests.
	fn end_pending(
		id: RequestId,
		request: RequestOf<T>,
		status: RequestStatus<BalanceOf<T>>,
	) -> DispatchResult {
		Self::mutate_party(&request.payer, |state| -> DispatchResult {
			state.open_requests.retain(|open_id| *open_id != id);
			Ok(())
		})?;
		Self::close_open(id, request, status)
	}

	/// Moves an open request to the final `status` and releases its deposit.
	fn close_open(
		id: RequestId,
		mut request: RequestOf<T>,
		status: RequestStatus<BalanceOf<T>>,
	) -> DispatchResult {
		T::Currency::release(
			&HoldReason::RequestDeposit.into(),
			&request.payer,
			request.deposit,
			Precision::Exact,
		)?;
		request.status = status;
		Requests::<T>::insert(id, request);
		Ok(())
	}

	pub(crate) fn do_cancel(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Self::pending(id)?;
		ensure!(request.payer == who, Error::<T>::NotPayer);
		Self::end_pending(id, request, RequestStatus::Cancelled)?;
		Self::deposit_event(Event::RequestCancelled { id });
		Ok(())
	}

	pub(crate) fn do_decline(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Self::pending(id)?;
		ensure!(request.payee == who, Error::<T>::NotPayee);
		Self::end_pending(id, request, RequestStatus::Declined)?;
		Self::deposit_event(Event::RequestDeclined { id });
		Ok(())
	}

	/// Closes an open request past its `expires_at`: a pending one expires, a settled one the
	/// payee never acknowledged is closed unacknowledged. Either way the deposit comes back.
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
			Self::close_open(id, request, RequestStatus::ClosedUnacknowledged)?;
			Self::deposit_event(Event::RequestClosedUnacknowledged { id, payer, payee });
		} else {
			Self::end_pending(id, request, RequestStatus::Expired)?;
			Self::deposit_event(Event::RequestExpired { id });
		}
		Ok(())
	}

	pub(crate) fn do_accept(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Self::pending(id)?;
		ensure!(request.payee == who, Error::<T>::NotPayee);
		let now = Self::now();
		ensure!(now <= request.expires_at, Error::<T>::RequestExpired);
		// Read once: the payer's certificate, the overdue rule, both outstanding sums, the node
		// limit's inputs and the settlement's changes all come from it.
		let state = Parties::<T>::get(&request.payer);
		// Both parties' certificates as they stand now: CA still trusted, not revoked, in time.
		let (_, payee_certificate) = Self::certified_parties(&state, &request.payee, now)?;

		if any_overdue(&state.open_debts, now) {
			return Self::reject(id, request, RejectionReason::PayerHasOverdueDebt);
		}
		// Read once too: the limit reads the window's total, the settlement adds to it.
		let volume = PayeeVolume::<T>::get(&request.payee);
		let payee_volume = Self::window_total(&volume, now);
		let limits = Self::limits_with(&request.payer, &request.payee, &state, payee_volume, now);
		match limits::check(request.amount, &limits) {
			Ok(()) => Self::settle(id, request, state, volume, payee_certificate.home_chain, now),
			Err(reason) => Self::reject(id, request, reason),
		}
	}

	fn reject(
		id: RequestId,
		request: RequestOf<T>,
		reason: RejectionReason<BalanceOf<T>>,
	) -> DispatchResult {
		let (payer, payee) = (request.payer.clone(), request.payee.clone());
		Self::end_pending(id, request, RequestStatus::Rejected(reason))?;
		let credit_increase_may_help =
			matches!(reason, RejectionReason::LimitExceeded { node_limit_exceeded: true, .. });
		Self::deposit_event(Event::RequestRejected {
			id,
			payer,
			payee,
			reason,
			credit_increase_may_help,
		});
		Ok(())
	}

	/// Pays the payee from the pool and records the debt. The request stays open, its deposit
	/// held, until the payee acknowledges receipt (or fails to by the new `expires_at`).
	fn settle(
		id: RequestId,
		mut request: RequestOf<T>,
		mut state: PartyStateOf<T>,
		volume: crate::VolumeRingOf<T>,
		payee_chain: ChainId,
		now: Moment,
	) -> DispatchResult {
		let (payer, payee, amount) = (request.payer.clone(), request.payee.clone(), request.amount);
		Self::ensure_pool_can_pay(amount)?;
		let fee = T::RepaymentFee::get().mul_ceil(amount);
		let owed = amount.checked_add(&fee).ok_or(ArithmeticError::Overflow)?;
		let due_at = now.saturating_add(T::RepaymentPeriod::get());

		state
			.open_debts
			.try_push(DebtRef { id, payee: payee.clone(), due_at, owed })
			.map_err(|_| Error::<T>::TooManyOpenDebts)?;
		state.open_requests.retain(|open_id| *open_id != id);
		Self::put_party(&payer, state);
		Pool::<T>::try_mutate(|ledger| -> DispatchResult {
			ledger.paid_out =
				ledger.paid_out.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			ledger.fees_charged =
				ledger.fees_charged.checked_add(&fee).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;

		T::Settlement::pay(&Self::pool_account(), &payee, payee_chain, amount)?;
		Self::record_volume(&payee, volume, now, amount);

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
			},
		);
		request.status = RequestStatus::Settled;
		request.expires_at = now.saturating_add(T::RequestLifetime::get());
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::PaymentSettled { id, payer, payee, amount, fee, due_at });
		Ok(())
	}

	/// The payee confirms receipt: the request is completed and the payer's deposit comes back.
	pub(crate) fn do_acknowledge(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::RequestNotFound)?;
		ensure!(request.payee == who, Error::<T>::NotPayee);
		ensure!(request.status == RequestStatus::Settled, Error::<T>::RequestNotSettled);
		let (payer, payee) = (request.payer.clone(), request.payee.clone());
		Self::close_open(id, request, RequestStatus::Completed)?;
		Self::deposit_event(Event::ReceiptAcknowledged { id, payer, payee });
		Ok(())
	}

	pub(crate) fn do_repay(
		who: T::AccountId,
		id: RequestId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut debt = Debts::<T>::get(id).ok_or(Error::<T>::DebtNotFound)?;
		let owed = Self::owed(&debt);
		let remaining = owed.checked_sub(&amount).ok_or(Error::<T>::RepaymentExceedsDebt)?;

		// What came back is counted in the payer's history (the pool's inflow from repayments is
		// the sum of every payer's), not in the pool ledger: one storage entry less to touch.
		T::Currency::transfer(&who, &Self::pool_account(), amount, Preservation::Preserve)?;

		let now = Self::now();
		let on_time = now <= debt.due_at;
		let payer = debt.payer.clone();
		let repayment = Repayment { debt: id, amount, at: now, on_time };
		let limit_change = Self::mutate_party(&payer, |state| {
			let entry =
				state.open_debts.iter_mut().find(|d| d.id == id).ok_or(Error::<T>::DebtNotFound)?;
			entry.owed = remaining;
			state.open_debts.retain(|d| !d.owed.is_zero());
			let change = Self::record_repayment(state, repayment, remaining.is_zero());
			// The new limit's inputs from the state in hand, rather than read back after.
			let inputs = change.map(|reason| (reason, Self::limit_inputs_with(state, None, now)));
			Ok::<_, DispatchError>(inputs)
		})?;
		if remaining.is_zero() {
			Debts::<T>::remove(id);
		} else {
			debt.repaid = debt.repaid.saturating_add(amount);
			Debts::<T>::insert(id, debt);
		}
		if let Some((reason, inputs)) = limit_change {
			Self::limit_changed_to(&payer, reason, &inputs);
		}
		Self::deposit_event(Event::Repaid {
			id,
			payer: payer.clone(),
			by: who,
			amount,
			on_time,
			remaining,
		});
		if remaining.is_zero() {
			Self::deposit_event(Event::DebtCleared { id, payer });
		}
		Ok(())
	}
}

/// Whether any of these debts is past its due date at `now`.
fn any_overdue<A, B>(debts: &[DebtRef<A, B>], now: Moment) -> bool {
	debts.iter().any(|debt| debt.is_overdue(now))
}

/// All that is still owed on these debts.
pub(crate) fn total_owed<T: Config>(debts: &[DebtRefOf<T>]) -> BalanceOf<T> {
	sum_owed::<T>(debts, |_| true)
}

/// What is still owed on those of these debts past their due date at `now`.
pub(crate) fn overdue_owed<T: Config>(debts: &[DebtRefOf<T>], now: Moment) -> BalanceOf<T> {
	sum_owed::<T>(debts, |debt| debt.is_overdue(now))
}

/// What is still owed on the debts `include` picks.
fn sum_owed<T: Config>(
	debts: &[DebtRefOf<T>],
	include: impl Fn(&DebtRefOf<T>) -> bool,
) -> BalanceOf<T> {
	debts
		.iter()
		.filter(|debt| include(debt))
		.fold(Zero::zero(), |sum: BalanceOf<T>, debt| sum.saturating_add(debt.owed))
}
