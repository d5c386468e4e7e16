//! Every invariant of `do_try_state`, broken on purpose: the check must name it.

use crate::{
	mock::*,
	types::{DebtRef, RequestStatus},
	Debts, HoldReason, NextRequestId, Parties, Pool, Requests,
};
use frame_support::{
	assert_ok,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Precision, Preservation},
	},
};

/// A state with one settled debt and one pending request, then `corrupt`, then the check.
fn broken_by(corrupt: impl FnOnce(u64, u64)) -> &'static str {
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		let debt = settled(100);
		let pending = request(50);
		Credit::do_try_state().expect("a consistent state passes");
		corrupt(debt, pending);
		match Credit::do_try_state() {
			Err(sp_runtime::DispatchError::Other(message)) => message,
			other => panic!("the corruption was not detected: {other:?}"),
		}
	})
}

#[test]
fn a_drained_pool_is_detected() {
	let message = broken_by(|_, _| {
		Balances::transfer(&Credit::pool_account(), &OTHER, 1_000, Preservation::Preserve).unwrap();
	});
	assert_eq!(
		message,
		"pool-covered: pool balance is below its books (funded + repaid + forfeited + backing taken - returned to backing - withdrawn - paid out - keeper rewards)"
	);
}

#[test]
fn a_reaped_pool_is_detected() {
	let message = broken_by(|_, _| {
		let all = pool();
		Balances::transfer(&Credit::pool_account(), &OTHER, all, Preservation::Expendable).unwrap();
		Pool::<Test>::mutate(|l| l.withdrawn += all);
	});
	assert_eq!(message, "pool-covered: pool balance is below the existential deposit");
}

#[test]
fn a_ledger_that_forgets_a_payment_is_detected() {
	let message = broken_by(|_, _| Pool::<Test>::mutate(|l| l.paid_out += 1));
	assert_eq!(
		message,
		"debts-conserved: performing debts differ from paid out + fees + late charges - written off - repaid on them"
	);
}

#[test]
fn an_index_entry_owing_another_sum_is_detected() {
	let message = broken_by(|_, _| Parties::<Test>::mutate(PAYER, |s| s.open_debts[0].owed += 1));
	assert_eq!(message, "debt-index: a debt's index entry differs from what the debt owes");
}

#[test]
fn an_index_entry_naming_another_payee_is_detected() {
	let message =
		broken_by(|_, _| Parties::<Test>::mutate(PAYER, |s| s.open_debts[0].payee = OTHER));
	assert_eq!(message, "debt-index: a debt's index entry names another payee or due date");
}

#[test]
fn an_empty_payer_state_is_detected() {
	let message =
		broken_by(|_, _| Parties::<Test>::insert(OTHER, crate::PartyStateOf::<Test>::default()));
	assert_eq!(message, "no-empty-party: an empty party state was kept");
}

#[test]
fn a_debt_without_a_settled_request_is_detected() {
	let message = broken_by(|debt, _| {
		Requests::<Test>::mutate(debt, |r| r.as_mut().unwrap().status = RequestStatus::Declined)
	});
	assert_eq!(message, "debts-settled: a debt belongs to a request that was not settled");
}

#[test]
fn a_debt_missing_from_its_index_is_detected() {
	let message =
		broken_by(|_, _| Parties::<Test>::mutate(PAYER, |s| s.open_debts = Default::default()));
	assert_eq!(message, "debt-index: a debt is missing from its payer's index");
}

#[test]
fn an_indexed_debt_that_does_not_exist_is_detected() {
	let message = broken_by(|_, _| {
		Parties::<Test>::mutate(OTHER, |s| {
			s.open_debts.try_push(DebtRef { id: 77, payee: PAYEE, due_at: 1, owed: 1 }).unwrap()
		})
	});
	assert_eq!(message, "debt-index: the per-payer debt index lists a debt that does not exist");
}

#[test]
fn a_fully_repaid_debt_left_open_is_detected() {
	let message = broken_by(|debt, _| {
		Debts::<Test>::mutate(debt, |d| {
			let d = d.as_mut().unwrap();
			d.repaid = d.principal + d.fee;
		})
	});
	assert_eq!(message, "debt-index: a fully repaid debt was not closed");
}

#[test]
fn a_released_deposit_of_a_pending_request_is_detected() {
	let message = broken_by(|_, _| {
		Balances::release(
			&RuntimeHoldReason::Credit(HoldReason::RequestDeposit),
			&PAYER,
			DEPOSIT,
			Precision::Exact,
		)
		.unwrap();
	});
	assert_eq!(message, "request-deposits: held deposits differ from the open requests' deposits");
}

#[test]
fn a_deposit_held_after_its_request_ended_is_detected() {
	let message = broken_by(|_, pending| {
		Requests::<Test>::remove(pending);
		Parties::<Test>::mutate(PAYER, |s| s.open_requests = Default::default());
	});
	assert_eq!(message, "request-deposits: held deposits differ from the open requests' deposits");
}

#[test]
fn a_pending_request_missing_from_its_index_is_detected() {
	let message =
		broken_by(|_, _| Parties::<Test>::mutate(PAYER, |s| s.open_requests = Default::default()));
	assert_eq!(message, "request-deposits: a pending request is missing from its payer's index");
}

#[test]
fn an_indexed_request_that_is_not_pending_is_detected() {
	let message = broken_by(|debt, _| {
		Parties::<Test>::mutate(PAYER, |s| s.open_requests.try_push(debt).unwrap())
	});
	assert_eq!(
		message,
		"request-deposits: the open-request index lists a request that is not pending"
	);
}

#[test]
fn a_request_id_beyond_the_counter_is_detected() {
	let message = broken_by(|_, _| NextRequestId::<Test>::put(1));
	assert_eq!(message, "request-ids: a request id is not below NextRequestId");
}

#[test]
fn a_hold_the_pallet_has_no_record_of_is_detected() {
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		settled(100);
		assert_eq!(Credit::check_holds_recorded(credit_holds()), Ok(()));
		// OTHER never asked for anything: the per-payer deposit checks do not look at it.
		assert_ok!(<Balances as MutateHold<_>>::hold(
			&RuntimeHoldReason::Credit(HoldReason::RequestDeposit),
			&OTHER,
			3
		));
		assert_eq!(Credit::do_try_state(), Ok(()), "the records alone cannot see it");
		assert_eq!(
			Credit::check_holds_recorded(credit_holds()),
			Err("holds-recorded: the currency holds other than the pallet records".into())
		);
	});
}

#[test]
fn a_volume_bucket_in_another_slot_is_detected() {
	let message = broken_by(|_, _| {
		// A repaid credit sale puts a bucket in the payee's ring.
		let sale = settled(10);
		let owed = crate::Debts::<Test>::get(sale).unwrap().owed();
		advance(30 * DAY);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), sale, owed));
		crate::PayeeVolume::<Test>::mutate(PAYEE, |ring| {
			let bucket = ring.pop().unwrap();
			ring.try_insert(0, bucket).unwrap();
			ring.try_push(crate::types::VolumeBucket { number: 0, amount: 0 }).unwrap();
		})
	});
	assert_eq!(message, "volume-rings: a bucket sits in another bucket's slot");
}

#[test]
fn a_history_crediting_more_than_was_repaid_is_detected() {
	let message = broken_by(|_, _| {
		Parties::<Test>::mutate(PAYER, |s| {
			s.profile.history.credited_millionths = crate::types::FULL_CREDIT + 1
		})
	});
	assert_eq!(message, "history-counters: more credited than on-time repayments can earn");
}

#[test]
fn a_ca_id_at_or_above_next_ca_id_is_detected() {
	let message = broken_by(|_, _| crate::NextCaId::<Test>::put(0));
	assert_eq!(message, "ca-ids: a CA id is not below NextCaId");
}

#[test]
fn a_debt_due_at_another_time_is_detected() {
	let message =
		broken_by(|debt, _| Debts::<Test>::mutate(debt, |d| d.as_mut().unwrap().settled_at += 1));
	assert_eq!(message, "timings: a debt is due other than a repayment period after settlement");
}

#[test]
fn a_pending_request_expiring_at_another_time_is_detected() {
	let message = broken_by(|_, pending| {
		Requests::<Test>::mutate(pending, |r| r.as_mut().unwrap().created_at += 1)
	});
	assert_eq!(
		message,
		"timings: a pending request expires other than a lifetime after it was made"
	);
}
