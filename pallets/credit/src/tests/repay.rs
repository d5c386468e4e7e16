//! `repay`: partial and full, by anyone, on time and late, with the fee.

use crate::{
	mock::*,
	types::{Moment, Repayment, RepaymentHistory},
	Debts, Error, Event, Parties,
};
use frame_support::{assert_noop, assert_ok};

use sp_runtime::{DispatchError, TokenError};

const PERIOD: Moment = <Test as crate::Config>::RepaymentPeriod::get();

#[test]
fn a_partial_repayment_lowers_the_debt_and_is_recorded_on_time() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000); // owes 1_010
		advance(1_000);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 300));
		assert_eq!(Debts::<Test>::get(id).unwrap().repaid, 300);
		assert_eq!(
			Parties::<Test>::get(PAYER).open_debts[0].owed,
			710,
			"the index follows the debt"
		);
		assert_eq!(Credit::outstanding(&PAYER), 710);
		assert_eq!(Credit::limits_for(&PAYER, &PAYEE).payee_outstanding, 710);
		assert_eq!(total_owed(), 710);
		assert_eq!(pool(), POOL_FUNDING - 1_000 + 300);
		assert_eq!(
			Parties::<Test>::get(PAYER).profile.history,
			RepaymentHistory {
				on_time_count: 1,
				on_time_amount: 300,
				late_count: 0,
				late_amount: 0,
				last_repayment_at: Some(START + 1_000),
				credited_millionths: 0,
				late_debts: 0,
				defaults: 0,
			}
		);
		assert_eq!(
			Parties::<Test>::get(PAYER).recent_repayments.to_vec(),
			vec![Repayment { debt: id, amount: 300, at: START + 1_000, on_time: true }]
		);
		assert_eq!(
			last_event(),
			Event::Repaid {
				id,
				payer: PAYER,
				by: PAYER,
				amount: 300,
				on_time: true,
				remaining: 710
			}
		);
	});
}

#[test]
fn repaying_in_full_with_the_fee_closes_the_debt() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 1_010));
		assert_eq!(Debts::<Test>::get(id), None);
		assert!(Parties::<Test>::get(PAYER).open_debts.is_empty());
		assert_eq!(Credit::outstanding(&PAYER), 0);
		assert_eq!(total_owed(), 0);
		assert_eq!(pool(), POOL_FUNDING + 10, "the fee stays in the pool");
		assert_eq!(last_event(), Event::DebtCleared { id, payer: PAYER });
	});
}

#[test]
fn the_fee_is_rounded_up() {
	ExtBuilder::default().build_and_execute(|| {
		let small = settled(1);
		assert_eq!(Debts::<Test>::get(small).unwrap().fee, 1);
		let odd = settled(101);
		assert_eq!(Debts::<Test>::get(odd).unwrap().fee, 2);
		let round = settled(200);
		assert_eq!(Debts::<Test>::get(round).unwrap().fee, 2);
	});
}

#[test]
fn a_third_party_repayment_counts_for_the_debtor_only() {
	ExtBuilder::default().build_and_execute(|| {
		let payers_debt = settled(100);
		let others_debt = {
			assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), OTHER, 1, 1_000));
			assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), OTHER, 1_000));
			let id = request_from(OTHER, PAYEE, 50);
			assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
			id
		};
		assert_ok!(Credit::repay(RuntimeOrigin::signed(OTHER), payers_debt, 40));
		// Less its own settled request's deposit, held until the payee acknowledges receipt.
		assert_eq!(free(OTHER), START_BALANCE - DEPOSIT - 40);
		assert_eq!(Credit::outstanding(&PAYER), 61);
		assert_eq!(Credit::outstanding(&OTHER), 51, "the repayer's own debt is untouched");
		assert_eq!(Debts::<Test>::get(others_debt).unwrap().repaid, 0);
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.on_time_count, 1);
		assert_eq!(Parties::<Test>::get(OTHER).profile.history, RepaymentHistory::default());
		assert_eq!(
			last_event(),
			Event::Repaid {
				id: payers_debt,
				payer: PAYER,
				by: OTHER,
				amount: 40,
				on_time: true,
				remaining: 61
			}
		);
	});
}

#[test]
fn paying_more_than_is_owed_pays_what_is_owed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 100));
		let before = free(PAYER);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 2));
		assert_eq!(free(PAYER), before - 1, "one unit was left, one unit was taken");
		assert!(Debts::<Test>::get(id).is_none());
		assert_eq!(last_event(), Event::DebtCleared { id, payer: PAYER });
	});
}

#[test]
fn repaying_nothing_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_noop!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn repaying_an_unknown_debt_fails() {
	ExtBuilder::default().build_and_execute(|| {
		let id = request(100);
		assert_noop!(
			Credit::repay(RuntimeOrigin::signed(PAYER), id, 1),
			Error::<Test>::DebtNotFound
		);
	});
}

#[test]
fn a_repayer_who_cannot_pay_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_noop!(
			Credit::repay(RuntimeOrigin::signed(POOR), id, 1),
			DispatchError::Token(TokenError::NotExpendable)
		);
	});
}

#[test]
fn a_repayment_after_the_due_date_is_late() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		advance(PERIOD);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 10));
		advance(1);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 20));
		let history = Parties::<Test>::get(PAYER).profile.history;
		assert_eq!((history.on_time_count, history.on_time_amount), (1, 10));
		assert_eq!((history.late_count, history.late_amount), (1, 20));
		assert!(matches!(last_event(), Event::Repaid { on_time: false, .. }));
	});
}

#[test]
fn repaying_the_overdue_debt_restores_access_to_credit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		advance(PERIOD + 1);
		assert!(Credit::has_overdue_debt(&PAYER, Credit::now()));
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 101));
		request(100);
	});
}

#[test]
fn recent_repayments_keep_the_newest_within_their_bound() {
	ExtBuilder::default().build_and_execute(|| {
		// Twenty debts, each repaid in full: one entry each, the newest sixteen kept.
		let ids: Vec<_> = (0..20)
			.map(|_| {
				advance(1);
				let id = settled(100);
				assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 101));
				id
			})
			.collect();
		let recent = Parties::<Test>::get(PAYER).recent_repayments;
		let kept: Vec<_> = recent.iter().map(|entry| entry.debt).collect();
		assert_eq!(kept, ids[4..].to_vec());
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.on_time_count, 20);
	});
}

#[test]
fn repayments_of_one_debt_share_one_recent_entry() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		for i in 1..=20u64 {
			advance(1);
			assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, i));
		}
		let recent = Parties::<Test>::get(PAYER).recent_repayments.to_vec();
		assert_eq!(
			recent,
			vec![Repayment { debt: id, amount: 210, at: START + 20, on_time: true }]
		);
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.on_time_count, 20);
	});
}
