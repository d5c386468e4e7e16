//! The node limit from the formula (claim 2): its inputs in storage, the payee volume window, the
//! rate limiter, overdue and default, and the scripted history that `docs/node-limit.md` shows.

use crate::{
	mock::*,
	types::{DebtStanding, LimitChangeReason, LimitKind, RejectionReason, RequestStatus, Verdict},
	Debts, Error, Event, Parties,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

const PERIOD: u64 = <Test as crate::Config>::RepaymentPeriod::get();
const DEFAULT_AFTER: u64 = <Test as crate::Config>::DefaultAfter::get();

/// The mock with the sample parameters and a grade high enough that only the node limit binds.
/// Real limit parameters, and a grade so high that the node limit is the one that binds.
fn with_sample_limits(test: impl FnOnce()) {
	ExtBuilder::default().sample_limits().grade_limit(Some(1_000_000)).build_and_execute(test)
}

fn repay_all(id: u64) {
	let owed = Debts::<Test>::get(id).expect("debt is open").owed();
	assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, owed));
}

#[test]
fn a_payee_without_trade_admits_only_the_allowance() {
	with_sample_limits(|| {
		// Base 5,000, but PAYEE settled nothing in the window: the allowance (2,000) binds.
		assert_eq!(Credit::ceiling(&PAYER), NODE_LIMIT);
		assert_eq!(Credit::node_limit(&PAYER, &PAYEE), 2_000);
		// What is owed counts, the fee included: 1,981 owes 2,001, 1,980 owes 2,000.
		let id = request(1_981);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		assert_eq!(
			status(id),
			RequestStatus::Rejected(RejectionReason::LimitExceeded {
				limit: LimitKind::Node,
				node_limit_exceeded: true,
				payee_headroom: 1_000_000,
				node_headroom: 2_000,
			})
		);
		assert!(matches!(
			last_event(),
			Event::RequestRejected { credit_increase_may_help: true, .. }
		));
		settled(1_980);
	});
}

#[test]
fn repaid_credit_sales_fill_the_payee_window_and_leave_it_after_thirty_days() {
	with_sample_limits(|| {
		let id = settled(1_980);
		// Paid out is not yet trade: only once repaid does the sale count.
		assert_eq!(Credit::payee_volume(PAYEE), 0);
		assert_eq!(Credit::node_limit(&PAYER, &PAYEE), 2_000);
		// Held the whole repayment period: all of it counts.
		advance(30 * DAY);
		repay_all(id);
		assert_eq!(Credit::payee_volume(PAYEE), 1_980);
		// Allowance 2,000 + 50% of 1,980.
		assert_eq!(Credit::node_limit(&PAYER, &PAYEE), 2_990);
		advance(29 * DAY);
		assert_eq!(Credit::payee_volume(PAYEE), 1_980);
		advance(DAY);
		assert_eq!(Credit::payee_volume(PAYEE), 0);
		assert_eq!(Credit::payee_volume(OTHER), 0);
	});
}

#[test]
fn on_time_repayment_is_credited_in_proportion_and_once_per_raise_interval() {
	with_sample_limits(|| {
		let first = settled(900);
		let second = settled(900);
		// Held the whole repayment period, repaid on its due date: 18% of the base limit earns
		// 18% of a full credit, 5% x 0.18 = 0.9% of 5,000.
		advance(30 * DAY);
		repay_all(first);
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.credited_millionths, 180_000);
		assert_eq!(Credit::ceiling(&PAYER), 5_045);
		assert!(credit_events().contains(&Event::NodeLimitChanged {
			payer: PAYER,
			reason: LimitChangeReason::OnTimeRepayment,
			base_limit: NODE_LIMIT,
			ceiling: 5_045,
		}));
		// Within the interval: counted on time, not credited, no limit change.
		repay_all(second);
		let history = Parties::<Test>::get(PAYER).profile.history;
		assert_eq!((history.on_time_count, history.credited_millionths), (2, 180_000));
		assert_eq!(Credit::ceiling(&PAYER), 5_045);
		// Half the period: half the credit (of the 909 repaid, fee included: 454 of 5,000).
		advance(DAY);
		let third = settled(900);
		advance(15 * DAY);
		repay_all(third);
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.credited_millionths, 270_800);
		assert_eq!(Credit::ceiling(&PAYER), 5_067);
	});
}

#[test]
fn an_instant_or_tiny_loan_earns_next_to_nothing() {
	with_sample_limits(|| {
		// Borrowed and repaid in one block: no time outstanding, no credit, no raise spent.
		repay_all(settled(1_000));
		let profile = Parties::<Test>::get(PAYER).profile;
		assert_eq!(profile.history.credited_millionths, 0);
		assert_eq!(profile.last_raise, None, "the rate limiter's slot is not spent on nothing");
		// One unit held the whole period: a five-thousandth of a credit.
		let tiny = settled(1);
		advance(30 * DAY);
		repay_all(tiny);
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.credited_millionths, 200);
		assert_eq!(Credit::ceiling(&PAYER), NODE_LIMIT, "5% x 0.0002 of 5,000 rounds to nothing");
	});
}

#[test]
fn a_late_repayment_lowers_the_limit_and_says_why() {
	with_sample_limits(|| {
		let id = settled(1_000);
		advance(PERIOD + 1);
		repay_all(id);
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.late_debts, 1);
		assert_eq!(Credit::ceiling(&PAYER), 4_000);
		assert!(credit_events().contains(&Event::NodeLimitChanged {
			payer: PAYER,
			reason: LimitChangeReason::LateRepayment,
			base_limit: NODE_LIMIT,
			ceiling: 4_000,
		}));
	});
}

#[test]
fn overdue_debt_lowers_the_limit_from_its_due_date() {
	with_sample_limits(|| {
		let id = settled(1_000);
		advance(PERIOD);
		assert_eq!(Credit::credit_record(PAYER).overdue, 0);
		advance(1);
		let record = Credit::credit_record(PAYER);
		assert_eq!(record.overdue, 1_010);
		// 5,000 - 25% - 1,010 owed.
		assert_eq!(record.ceiling, 2_740);
		let dry = Credit::dry_run(PAYER, PAYEE, 1);
		assert_eq!(dry.verdict, Verdict::Refused(Error::<Test>::PayerHasOverdueDebt.into()));
		repay_all(id);
		assert_eq!(Credit::credit_record(PAYER).overdue, 0);
	});
}

#[test]
fn report_overdue_notes_overdue_then_default() {
	with_sample_limits(|| {
		let id = settled(1_000);
		assert_noop!(
			Credit::report_overdue(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::DebtNotOverdue
		);
		assert_noop!(
			Credit::report_overdue(RuntimeOrigin::signed(OTHER), 99),
			Error::<Test>::DebtNotFound
		);
		assert_noop!(Credit::report_overdue(RuntimeOrigin::none(), id), DispatchError::BadOrigin);

		advance(PERIOD + 1);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(Debts::<Test>::get(id).unwrap().standing, DebtStanding::Overdue);
		assert!(credit_events().contains(&Event::DebtOverdue { id, payer: PAYER, owed: 1_010 }));
		assert!(matches!(
			last_event(),
			Event::NodeLimitChanged { reason: LimitChangeReason::Overdue, .. }
		));
		assert_noop!(
			Credit::report_overdue(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::StandingAlreadyNoted
		);

		advance(DEFAULT_AFTER);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(PAYEE), id));
		assert_eq!(Debts::<Test>::get(id).unwrap().standing, DebtStanding::Defaulted);
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.defaults, 1);
		assert!(credit_events().contains(&Event::DebtDefaulted { id, payer: PAYER, owed: 1_010 }));
		assert!(credit_events().contains(&Event::NodeLimitChanged {
			payer: PAYER,
			reason: LimitChangeReason::Default,
			base_limit: NODE_LIMIT,
			ceiling: 0,
		}));
		assert_noop!(
			Credit::report_overdue(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::StandingAlreadyNoted
		);
		// The debt is still owed and can be repaid; the default stays on the record.
		repay_all(id);
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.defaults, 1);
		assert_eq!(Credit::ceiling(&PAYER), 0);
	});
}

#[test]
fn a_debt_reported_only_after_the_default_threshold_defaults_at_once() {
	with_sample_limits(|| {
		let id = settled(1_000);
		advance(PERIOD + DEFAULT_AFTER + 1);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(Debts::<Test>::get(id).unwrap().standing, DebtStanding::Defaulted);
		assert_eq!(Credit::node_limit(&PAYER, &PAYEE), 0);
	});
}

#[test]
fn raising_the_base_limit_goes_through_the_rate_limiter() {
	with_sample_limits(|| {
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), PAYER, 6_000));
		assert_eq!(Parties::<Test>::get(PAYER).profile.last_raise, Some(START));
		assert_noop!(
			Credit::set_base_limit(RuntimeOrigin::root(), PAYER, 7_000),
			Error::<Test>::LimitRaiseTooSoon
		);
		// A cut is never rate-limited.
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), PAYER, 1_000));
		assert_eq!(Parties::<Test>::get(PAYER).profile.base_limit, 1_000);
		assert_eq!(
			last_event(),
			Event::NodeLimitChanged {
				payer: PAYER,
				reason: LimitChangeReason::BaseLimitSet,
				base_limit: 1_000,
				ceiling: 1_000,
			}
		);
		advance(DAY);
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), PAYER, 7_000));
	});
}

#[test]
fn the_cap_bounds_every_limit() {
	with_sample_limits(|| {
		advance(DAY);
		let cap = sample_limits().cap;
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), PAYER, cap));
		// A full history bonus would take the limit to 1.5 times the base: the cap holds it.
		Parties::<Test>::mutate(PAYER, |s| {
			s.profile.history.credited_millionths = 10 * crate::types::FULL_CREDIT;
			s.profile.history.on_time_count = 10;
		});
		assert_eq!(Credit::ceiling(&PAYER), cap);
	});
}

#[test]
fn the_dry_run_shows_the_formula_limit() {
	with_sample_limits(|| {
		let dry = Credit::dry_run(PAYER, PAYEE, 1_981);
		assert_eq!(dry.limits.node_limit, 2_000);
		assert_eq!(dry.limits.node_headroom, 2_000);
		assert!(matches!(
			dry.verdict,
			Verdict::Rejected(RejectionReason::LimitExceeded { limit: LimitKind::Node, .. })
		));
		assert_eq!(Credit::dry_run(PAYER, PAYEE, 1_980).verdict, Verdict::Pass);
	});
}

fn percent(share: sp_runtime::Perbill) -> u32 {
	share.deconstruct() / 10_000_000
}

/// One payer's limit over a scripted history, as the table in `docs/node-limit.md` shows it.
/// The test writes the table when `UPDATE_DOCS=1`, and otherwise fails if the file differs, so
/// the docs can only say what the code does.
#[test]
fn docs_table_of_a_scripted_history() {
	let mut rows = Vec::new();
	with_sample_limits(|| {
		let row = |rows: &mut Vec<String>, step: &str| {
			let record = Credit::credit_record(PAYER);
			let now = pallet_timestamp::Now::<Test>::get();
			let credits = format!("{:.2}", f64::from(record.history.credited_millionths) / 1e6);
			rows.push(format!(
				"| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
				(now - START) / DAY,
				step,
				record.base_limit,
				credits,
				record.history.late_debts,
				record.overdue,
				record.ceiling,
				Credit::payee_volume(PAYEE),
				Credit::node_limit(&PAYER, &PAYEE),
			));
		};
		row(&mut rows, "start: base limit 5,000, no history");
		let a = settled(1_000);
		row(&mut rows, "1,000 paid to the payee on credit");
		advance(PERIOD);
		repay_all(a);
		row(&mut rows, "repaid on its due date: a fifth of the base, held the whole period");
		let b = settled(1_000);
		advance(10 * DAY);
		repay_all(b);
		row(&mut rows, "another 1,000 on credit, repaid on time after 10 days: a third as much");
		repay_all(settled(1_000));
		row(&mut rows, "a third, repaid the same moment (earns nothing: no time outstanding)");
		advance(DAY);
		let d = settled(1_000);
		row(&mut rows, "1,000 more on credit, due in 30 days");
		advance(PERIOD + DAY);
		row(&mut rows, "that debt is a day overdue");
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(PAYEE), d));
		row(&mut rows, "the payee reports it overdue (event: Overdue)");
		repay_all(d);
		row(&mut rows, "repaid late");
		assert_ok!(Credit::request_credit_increase(
			RuntimeOrigin::signed(PAYER),
			3_000,
			sp_core::H256::repeat_byte(1),
			b"bank statement".to_vec().try_into().unwrap(),
		));
		advance(DAY);
		assert_ok!(Credit::approve_credit_increase(RuntimeOrigin::root(), PAYER));
		row(&mut rows, "credit increase of 3,000 approved");
		let e = settled(1_000);
		advance(PERIOD + DEFAULT_AFTER + DAY);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(PAYEE), e));
		row(&mut rows, "another debt left unpaid 30 days past due: default");
	});
	let p = sample_limits();
	let table = format!(
		"<!-- Written by `cargo test -p pallet-credit docs_table` with UPDATE_DOCS=1; do not edit. -->\n\
		 # How a payer's node limit evolves\n\n\
		 The payer starts with a base limit of 5,000 and buys from one payee, under the parameters \
		 cap {}, on-time bonus {}% per full credit up to {}%, late penalty {}%, \
		 overdue penalty {}%, new-payee allowance {}, payee volume share {}%; a 1% fee; 30 days \
		 to repay; default 30 days after the due date; one raise a day. A debt of the base limit \
		 held the whole repayment period earns one full credit; smaller or shorter ones, their \
		 share of it. The formula is in `pallets/credit/src/formula.rs`.\n\n\
		 | day | what happened | base | on-time credit (full credits) | debts repaid late | overdue | ceiling | payee volume (30 days) | node limit with this payee |\n\
		 |---|---|---|---|---|---|---|---|---|\n{}\n",
		p.cap,
		percent(p.on_time_bonus),
		percent(p.max_history_bonus),
		percent(p.late_penalty),
		percent(p.overdue_penalty),
		p.new_payee_allowance,
		percent(p.payee_volume_share),
		rows.join("\n"),
	);
	// The manifest folder as cargo gives it at run time: the build cache is shared between
	// checkouts, so a binary built in another one would carry that checkout's path.
	let dir = std::env::var("CARGO_MANIFEST_DIR")
		.unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
	let path = format!("{dir}/../../docs/node-limit.md");
	if std::env::var_os("UPDATE_DOCS").is_some() {
		std::fs::write(&path, &table).expect("docs/node-limit.md is writable");
	} else {
		let written = std::fs::read_to_string(&path).unwrap_or_default();
		assert_eq!(written, table, "docs/node-limit.md is stale: run with UPDATE_DOCS=1");
	}
}

#[test]
fn only_money_held_long_earns_credit_however_the_debt_is_split() {
	with_sample_limits(|| {
		// A debt of 1,000, all but one unit repaid at once, the last unit at the due date: the
		// principal was out for a moment, and earns what a one-unit loan would.
		let id = settled(1_000);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 1_009));
		advance(30 * DAY);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 1));
		assert_eq!(Parties::<Test>::get(PAYER).profile.history.credited_millionths, 200);
		// Half repaid at once and half at the due date: half of what holding it all earns.
		advance(DAY);
		let id = settled(1_000);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 505));
		advance(30 * DAY);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 505));
		assert_eq!(
			Parties::<Test>::get(PAYER).profile.history.credited_millionths,
			200 + 101_000,
			"505 held the whole period, of a base of 5,000"
		);
	});
}

#[test]
fn a_sale_counts_as_trade_only_as_far_as_its_money_was_out() {
	with_sample_limits(|| {
		// Borrowed and repaid at once (credit washed through the payee): no trade at all.
		repay_all(settled(1_980));
		assert_eq!(Credit::payee_volume(PAYEE), 0);
		// Repaid after a third of the period: a third of it.
		let id = settled(1_500);
		advance(10 * DAY);
		repay_all(id);
		assert_eq!(
			Credit::payee_volume(PAYEE),
			504,
			"1,515 repaid after a third of the period, rounded down"
		);
	});
}
