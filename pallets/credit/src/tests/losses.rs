//! Issue 18's paths: defaults by time, the write-off waterfall and the keeper, recoveries, the
//! late charge, and rehabilitation.

use crate::{
	mock::*, types::*, BackingDrawn, Debts, Error, Event, Grades, HoldReason, Pool, Shares,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

/// Past the default threshold of a debt settled at `START`: due a period later, in default
/// `DefaultAfter` after that.
const DEFAULT_AT: Moment = START + 60 * DAY;

fn owed(id: RequestId) -> Balance {
	Debts::<Test>::get(id).unwrap().owed()
}

#[test]
fn a_debt_past_the_threshold_is_in_default_for_every_rule_without_any_call() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		set_time(DEFAULT_AT);
		assert_eq!(Credit::debt(id).unwrap().standing, DebtCondition::Overdue);
		assert_eq!(Credit::credit_record(PAYER).history.defaults, 0);
		set_time(DEFAULT_AT + 1);
		// Nothing was called, nothing was written: the reads and the limits see it.
		assert_eq!(Debts::<Test>::get(id).unwrap().standing, DebtStanding::Current);
		assert_eq!(Credit::debt(id).unwrap().standing, DebtCondition::InDefault);
		let record = Credit::credit_record(PAYER);
		assert_eq!((record.history.defaults, record.ceiling), (1, 0));
		assert_noop!(
			Credit::request_credit_increase(
				RuntimeOrigin::signed(PAYER),
				100,
				Default::default(),
				Default::default()
			),
			Error::<Test>::PayerInDefault
		);
	});
}

#[test]
fn booking_a_default_writes_it_off_backing_first_and_pays_the_keeper() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		let value_before = Credit::pool_value();
		assert_eq!(value_before.value, POOL_FUNDING + 10, "the fee is the pool's income");
		set_time(DEFAULT_AT);
		assert_noop!(
			Credit::rehabilitate(RuntimeOrigin::root(), PAYER, Default::default()),
			Error::<Test>::NoDefaultsToClear
		);
		set_time(DEFAULT_AT + 1);
		let keeper_before = free(OTHER);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));

		// The payee's backing for this payer (a tenth of its 1,010 grade) takes the first loss.
		let backing = GRADE_LIMIT / 10;
		let events = credit_events();
		assert!(events.contains(&Event::DebtDefaulted { id, payer: PAYER, owed: 1_010 }));
		assert!(events.contains(&Event::DebtWrittenOff {
			id,
			payee: PAYEE,
			amount: 1_010,
			from_backing: backing,
			from_pool: 1_010 - backing,
		}));
		assert_eq!(
			last_event(),
			Event::KeeperRewarded { id, keeper: OTHER, amount: KEEPER_REWARD }
		);
		assert_eq!(free(OTHER), keeper_before + KEEPER_REWARD);
		assert_eq!(held_for(PAYEE, HoldReason::GradeBacking), 0);
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER).unwrap().limit, 0, "nothing backs it now");

		let ledger = Pool::<Test>::get();
		assert_eq!((ledger.written_off, ledger.backing_taken), (1_010, backing));
		assert_eq!(ledger.keeper_rewards, KEEPER_REWARD);
		let value = Credit::pool_value();
		assert_eq!(value.performing, 0);
		assert_eq!(value.net_losses, 1_010 - backing);
		// The funders bear the pool's loss and the keeper's reward: the value per share falls.
		assert_eq!(value.value, value_before.value - (1_010 - backing) - KEEPER_REWARD);
		assert!(value.value_per_million_shares < 1_000_000);
		assert_eq!(Credit::debt(id).unwrap().standing, DebtCondition::WrittenOff);
		assert_eq!(Credit::credit_record(PAYER).history.defaults, 1);

		assert_noop!(
			Credit::report_overdue(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::StandingAlreadyNoted
		);
	});
}

#[test]
fn the_keeper_reward_is_at_most_the_debt_s_fee() {
	ExtBuilder::default().build_and_execute(|| {
		// 100 owes a fee of 1, rounded up: the keeper gets 1, not KEEPER_REWARD.
		let id = settled(100);
		set_time(DEFAULT_AT + 1);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(last_event(), Event::KeeperRewarded { id, keeper: OTHER, amount: 1 });
	});
}

#[test]
fn a_default_is_not_booked_before_its_time() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		assert_noop!(
			Credit::report_overdue(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::DebtNotOverdue
		);
		set_time(START + 30 * DAY + 1);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(Debts::<Test>::get(id).unwrap().write_off, None, "overdue, not in default");
		assert_eq!(Pool::<Test>::get().keeper_rewards, 0, "noting overdue earns nothing");
	});
}

#[test]
fn a_write_off_draws_the_payee_s_other_backing_when_the_grade_s_own_is_short() {
	ExtBuilder::default().build_and_execute(|| {
		// The payee backs another payer with 500; the defaulted grade is removed, so it backs
		// only what is owed under it.
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), OTHER, 1, 5_000));
		let id = settled(1_000);
		assert_ok!(Credit::remove_grade(RuntimeOrigin::signed(PAYEE), PAYER));
		let own = Grades::<Test>::get(PAYEE, PAYER).unwrap().backing;
		assert_eq!(own, 101);
		set_time(DEFAULT_AT + 1);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		// All 1,010 is covered: 101 from the grade, 500 from the other one's, nothing more.
		let ledger = Pool::<Test>::get();
		assert_eq!(ledger.backing_taken, 601);
		assert_eq!(BackingDrawn::<Test>::get(PAYEE), 500);
		assert_eq!(held_for(PAYEE, HoldReason::GradeBacking), 0);
		// The other grade's record still says 500: its next release goes to what was drawn.
		assert_ok!(Credit::remove_grade(RuntimeOrigin::signed(PAYEE), OTHER));
		assert_eq!(BackingDrawn::<Test>::get(PAYEE), 0);
		assert_eq!(held_for(PAYEE, HoldReason::GradeBacking), 0);
	});
}

#[test]
fn what_is_recovered_goes_to_the_backing_first_then_to_the_pool() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		set_time(DEFAULT_AT + 1);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		let backing = GRADE_LIMIT / 10;
		let (payee_before, pool_before) = (free(PAYEE), pool());
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 500));
		assert!(credit_events().contains(&Event::Recovered {
			id,
			to_backing: backing,
			to_pool: 500 - backing
		}));
		assert_eq!(free(PAYEE), payee_before + backing);
		assert_eq!(pool(), pool_before + 500 - backing);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, owed(id)));
		assert_eq!(last_event(), Event::DebtCleared { id, payer: PAYER });
		let value = Credit::pool_value();
		assert_eq!((value.recovered, value.net_losses, value.written_off_owed), (1_010, 0, 0));
		// The emptied grade, backing nothing, went with its deposit.
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), None);
	});
}

#[test]
fn a_repayment_of_a_debt_in_default_books_the_write_off_first() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		set_time(DEFAULT_AT + 1);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 1_010));
		let events = credit_events();
		assert!(events
			.iter()
			.any(|e| matches!(e, Event::DebtWrittenOff { id: i, .. } if *i == id)));
		assert!(events.iter().any(|e| matches!(e, Event::Recovered { id: i, .. } if *i == id)));
		assert!(!events.iter().any(|e| matches!(e, Event::KeeperRewarded { .. })));
		// It counts as a default and a late debt, and the sale does not count as trade.
		let history = Credit::credit_record(PAYER).history;
		assert_eq!((history.defaults, history.late_debts), (1, 1));
		assert_eq!(Credit::payee_volume(PAYEE), 0);
	});
}

#[test]
fn a_late_charge_accrues_per_started_day_on_principal_and_fee_rounded_up() {
	ExtBuilder::default().build_and_execute(|| {
		LateRate::set(&Perbill::from_percent(1));
		let id = settled(1_000);
		let due = START + 30 * DAY;
		set_time(due);
		assert_eq!(Credit::debt(id).unwrap().late_charge, 0, "on the due date, not late");
		// Three days and an hour late: four started days of 1% of 1,010, rounded up: 11 each.
		set_time(due + 3 * DAY + 60 * 60 * 1000);
		let position = Credit::debt(id).unwrap();
		assert_eq!((position.late_charge, position.late_days), (44, 4));
		assert_eq!(position.owed, 1_054);
		assert_eq!(Debts::<Test>::get(id).unwrap().late_charge, 0, "a read books nothing");
		// A repayment books it first, and pays principal and fee before the charge.
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 1_010));
		assert!(credit_events().contains(&Event::LateCharged { id, amount: 44, days: 4 }));
		let debt = Debts::<Test>::get(id).unwrap();
		assert_eq!((debt.late_charge, debt.owed(), debt.chargeable()), (44, 44, 0));
		// Nothing left to charge on: the next days add nothing.
		set_time(due + 10 * DAY);
		assert_eq!(Credit::debt(id).unwrap().owed, 44);
		assert_eq!(Pool::<Test>::get().late_charged, 44);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 44));
		assert_eq!(Debts::<Test>::get(id), None);
	});
}

#[test]
fn the_late_charge_does_not_depend_on_who_touches_the_debt_when() {
	let charge_with = |touches: &[Moment]| {
		let mut charge = 0;
		ExtBuilder::default().build_and_execute(|| {
			LateRate::set(&Perbill::from_percent(1));
			let id = settled(1_000);
			let due = START + 30 * DAY;
			for at in touches {
				set_time(due + at);
				let _ = Credit::report_overdue(RuntimeOrigin::signed(OTHER), id);
			}
			set_time(due + 9 * DAY + 1);
			assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 1));
			charge = Debts::<Test>::get(id).unwrap().late_charge;
		});
		charge
	};
	let untouched = charge_with(&[]);
	assert_eq!(untouched, 10 * 11);
	assert_eq!(charge_with(&[1, DAY, DAY + 1, 5 * DAY - 1, 5 * DAY]), untouched);
}

#[test]
fn the_late_charge_stops_at_the_default_and_is_written_off_with_the_debt() {
	ExtBuilder::default().build_and_execute(|| {
		LateRate::set(&Perbill::from_percent(1));
		let id = settled(1_000);
		set_time(DEFAULT_AT + 20 * DAY);
		// Thirty days, from the due date to the default: 30 x 11.
		assert_eq!(Credit::debt(id).unwrap().late_charge, 330);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(Pool::<Test>::get().written_off, 1_340);
		set_time(DEFAULT_AT + 40 * DAY);
		assert_eq!(Credit::debt(id).unwrap().owed, 1_340, "a written-off debt accrues nothing");
	});
}

#[test]
fn a_payer_is_rehabilitated_only_by_the_officer_once_its_defaults_are_repaid() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		set_time(DEFAULT_AT + 1);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		let reason: crate::DescriptionOf<Test> =
			b"repaid in full, court order 7".to_vec().try_into().unwrap();
		assert_noop!(
			Credit::rehabilitate(RuntimeOrigin::root(), PAYER, reason.clone()),
			Error::<Test>::DefaultsStillOwed
		);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, owed(id)));
		assert_noop!(
			Credit::rehabilitate(RuntimeOrigin::signed(PAYER), PAYER, reason.clone()),
			DispatchError::BadOrigin
		);
		assert_eq!(Credit::credit_record(PAYER).ceiling, 0);
		assert_ok!(Credit::rehabilitate(RuntimeOrigin::root(), PAYER, reason.clone()));
		assert!(credit_events().contains(&Event::PayerRehabilitated {
			payer: PAYER,
			defaults_cleared: 1,
			reason
		}));
		let record = Credit::credit_record(PAYER);
		assert_eq!((record.history.defaults, record.history.late_debts), (0, 1));
		// The limit is back, less the late-repayment penalty the repaid default counts for.
		assert!(record.ceiling > 0);
		assert_eq!(record.ceiling, Credit::ceiling(&PAYER));
		assert_noop!(
			Credit::rehabilitate(RuntimeOrigin::root(), PAYER, Default::default()),
			Error::<Test>::NoDefaultsToClear
		);
	});
}

#[test]
fn shares_stay_summed_to_the_supply_through_losses() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 50_000));
		let id = settled(1_000);
		set_time(DEFAULT_AT + 1);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		let supply: Balance = Shares::<Test>::iter_values().sum();
		assert_eq!(supply, Pool::<Test>::get().shares);
		// The loss lowers what the funder's shares are worth, in proportion.
		let funder = Credit::funder(FUNDER);
		assert!(funder.value < 50_000);
		assert_ok!(Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), funder.shares));
		assert_eq!(Shares::<Test>::get(FUNDER), None);
	});
}

/// `docs/risk.md`'s worked example of the loss waterfall: two funders, a payee backing two
/// payers, one repays on time, one defaults and is written off, then repays late.
#[test]
fn the_loss_waterfall_worked_example() {
	ExtBuilder::default().pool_funding(ED).build_and_execute(|| {
		LateRate::set(&Perbill::from_parts(1_000_000));
		let mut rows = Vec::new();
		let mut row = |step: &str| {
			let value = Credit::pool_value();
			let position = |who| Credit::funder(who);
			let (a, b) = (position(FUNDER), position(OTHER));
			rows.push(format!(
				"| {step} | {} | {} | {} | {} / {} / {} | {} | {} | {} | {} | {} | {} |",
				value.liquid,
				value.performing,
				value.value,
				a.shares,
				b.shares,
				value.own_shares,
				value.value_per_million_shares,
				a.value,
				b.value,
				held_for(PAYEE, HoldReason::GradeBacking),
				value.written_off,
				value.net_losses,
			));
		};
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 6_000));
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(OTHER), 4_000));
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
			&NEWCOMER,
			START_BALANCE
		));
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), NEWCOMER, NODE_LIMIT));
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), NEWCOMER, 3, GRADE_LIMIT));
		row("two funders pay in 6,000 and 4,000; the payee backs two payers, 101 each");
		let repaid = settled(1_000);
		let defaulted = request_from(NEWCOMER, PAYEE, 1_000);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), defaulted));
		row("each payer is paid 1,000 for 1,010 owed");
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), repaid, 1_010));
		row("one repays 1,010 on time: the fee is the funders' income");
		set_time(DEFAULT_AT + 1);
		row("the other is 30 days past due: in default, not yet booked");
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(POOR), defaulted));
		let written = Debts::<Test>::get(defaulted).unwrap().write_off.unwrap();
		assert_eq!((written.amount, written.from_backing), (1_010 + 30 * 2, 202));
		row("a keeper books it: 1,070 written off (with 30 days' late charge); all 202 of the payee's backing (this grade's 101, then the other's) covers it first; 2 to the keeper");
		assert_ok!(Credit::repay(RuntimeOrigin::signed(NEWCOMER), defaulted, 1_070));
		row("the payer repays 1,070 late: 202 back to the payee, 868 into the pool");
		let shares = Shares::<Test>::get(FUNDER).unwrap();
		assert_ok!(Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), shares));
		row("the first funder redeems all its shares");
		let value = Credit::pool_value();
		assert_eq!(value.net_losses, 0, "everything written off came back");
		assert!(value.value_per_million_shares > 1_000_000, "fees and late charges were earned");

		let header = "| step | liquid | performing | value | shares (funder 1 / funder 2 / pool's own) | value per 1,000,000 shares | funder 1's value | funder 2's value | payee's backing held | written off | net losses |\n|---|---|---|---|---|---|---|---|---|---|---|\n";
		let table = format!("{header}{}\n", rows.join("\n"));
		crate::tests::docs::write_between_markers("docs/risk.md", "waterfall-example", &table);
	});
}

#[test]
fn a_redemption_worth_less_than_one_unit_is_refused() {
	ExtBuilder::default().pool_funding(ED).build_and_execute(|| {
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 1_000));
		let id = settled(1_000);
		set_time(DEFAULT_AT + 1);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		// Written off beyond its backing: the pool is worth less than its shares, so one share
		// is worth nothing and pays nothing.
		let ledger = Pool::<Test>::get();
		assert!(ledger.value() < ledger.shares, "a share is worth less than one unit");
		assert_noop!(
			Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), 1),
			Error::<Test>::RedemptionBelowOneUnit
		);
		// Enough shares to be worth a unit are paid it.
		let shares = ledger.shares / ledger.value() + 1;
		assert_ok!(Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), shares));
		assert!(matches!(last_event(), Event::SharesRedeemed { amount, .. } if amount >= 1));
	});
}
