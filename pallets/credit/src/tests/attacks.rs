//! Attack simulations under the sample runtime's parameters (in whole units): each strategy is
//! played by a ring of colluding certified identities and payees against a funded pool, and the
//! pool's loss if the ring then never repays is held to the bound of `docs/risk.md`:
//!
//! `loss <= min(sum over the ring's payees of (PayeeExposureAllowance + PayeeExposureShare x
//! repaid sales), sum over the ring's identities of their ceilings, MaxPoolExposure x pool
//! value)`,
//!
//! where the loss is what the pool paid the ring less what came back, less the backing the
//! ring's payees hold (which covers a loss at its payee first). The table of `docs/risk.md`
//! between its markers is written by `attack_simulations_stay_within_their_bounds` with
//! `UPDATE_DOCS=1`, and checked against it otherwise.

use crate::{
	formula::LimitParameters,
	mock::*,
	types::{Moment, RequestStatus, Verdict},
	Debts, Error, PayeeExposure, Pool,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::Mutate};
use sp_core::H256;
use sp_runtime::Perbill;

const BASE: Balance = 10_000;
const PERIOD: Moment = <Test as crate::Config>::RepaymentPeriod::get();
const DEFAULT_AFTER: Moment = <Test as crate::Config>::DefaultAfter::get();

/// The sample runtime's parameters, in units.
fn sample_runtime_parameters() {
	LimitParams::set(&LimitParameters {
		cap: 100_000,
		on_time_bonus: Perbill::from_percent(5),
		max_history_bonus: Perbill::from_percent(50),
		late_penalty: Perbill::from_percent(20),
		overdue_penalty: Perbill::from_percent(25),
		new_payee_allowance: 1_000,
		payee_volume_share: Perbill::from_percent(50),
	});
	PayeeAllowance::set(&2_000);
	PayeeShare::set(&Perbill::from_percent(50));
	PoolShare::set(&Perbill::from_percent(80));
	BackingShare::set(&Perbill::from_percent(10));
}

/// A ring of colluding accounts, and what the pool paid them and got back.
#[derive(Default)]
struct Ring {
	payers: Vec<AccountId>,
	payees: Vec<AccountId>,
	/// The most each payee's repaid sales reached, each identity's ceiling, the pool's value.
	volume_seen: std::collections::BTreeMap<AccountId, Balance>,
	ceiling_seen: std::collections::BTreeMap<AccountId, Balance>,
	pool_value_seen: Balance,
	pool_start: Balance,
	refusals: Vec<String>,
}

/// One row of the table.
struct Outcome {
	name: &'static str,
	identities: usize,
	payees: usize,
	extracted: Balance,
	recovered: Balance,
	loss: Balance,
	bound: Balance,
	binding: &'static str,
	note: String,
}

impl Ring {
	fn new() -> Self {
		Ring { pool_start: pool(), ..Default::default() }
	}

	/// A certified account with money, its identity its own.
	fn identity(who: AccountId) {
		assert_ok!(Balances::mint_into(&who, START_BALANCE));
		assert_ok!(register_identity(who, H256::from_low_u64_be(who), who));
	}

	/// A certified payer with the credit officer's base limit.
	fn payer(&mut self, who: AccountId, base: Balance) -> AccountId {
		Self::identity(who);
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), who, base));
		self.payers.push(who);
		who
	}

	/// A certified payee.
	fn payee(&mut self, who: AccountId) -> AccountId {
		Self::identity(who);
		self.payees.push(who);
		who
	}

	/// The payee grades the payer: the least that lets the payer owe its whole node limit.
	fn grade(payee: AccountId, payer: AccountId, limit: Balance) {
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(payee), payer, 1, limit));
	}

	fn observe(&mut self) {
		for payee in &self.payees {
			let seen = self.volume_seen.entry(*payee).or_default();
			*seen = (*seen).max(Credit::payee_volume(*payee));
		}
		for payer in &self.payers {
			let seen = self.ceiling_seen.entry(*payer).or_default();
			*seen = (*seen).max(Credit::ceiling(payer));
		}
		let value = pool() + total_owed();
		self.pool_value_seen = self.pool_value_seen.max(value);
	}

	/// `payer` draws the most `payee` and the pool would pay it now; returns the amount.
	fn draw(&mut self, payer: AccountId, payee: AccountId) -> Balance {
		self.observe();
		let dry = Credit::dry_run(payer, payee, 1);
		let room = dry.room();
		let mut amount = room * 100 / 101;
		while amount > 0 && amount + amount.div_ceil(100) > room {
			amount -= 1;
		}
		if amount == 0 || !matches!(Credit::dry_run(payer, payee, amount).verdict, Verdict::Pass) {
			return 0;
		}
		let id = request_from(payer, payee, amount);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(payee), id));
		assert_eq!(status(id), RequestStatus::Settled, "the dry run said it would pass");
		// One more unit is refused: the draw took all there was.
		if let Verdict::Rejected(reason) = Credit::dry_run(payer, payee, 1).verdict {
			let name = format!("{reason:?}");
			let name = name.split([' ', '{', '(']).next().unwrap_or_default().to_string();
			if !self.refusals.contains(&name) {
				self.refusals.push(name);
			}
		}
		self.observe();
		amount
	}

	/// Every ring debt repaid by its payer (the money comes from the ring).
	fn repay_all(&mut self) {
		self.observe();
		let ids: Vec<_> = Debts::<Test>::iter()
			.filter(|(_, debt)| self.payers.contains(&debt.payer))
			.map(|(id, debt)| (id, debt.payer, debt.owed()))
			.collect();
		for (id, payer, owed) in ids {
			assert_ok!(Credit::repay(RuntimeOrigin::signed(payer), id, owed));
		}
		self.observe();
	}

	/// The ring walks away now: what the pool lost, against the bound.
	fn outcome(&mut self, name: &'static str, note: impl Into<String>) -> Outcome {
		self.observe();
		// What the pool paid out net, counting the backing write-offs took into it as paid (it
		// stands behind what was lent, as the backing still held does).
		let taken = Pool::<Test>::get().backing_taken;
		let extracted = (self.pool_start + taken).saturating_sub(pool());
		let written_off_at = |payee: &AccountId| -> Balance {
			Debts::<Test>::iter_values()
				.filter(|debt| debt.write_off.is_some() && debt.payee == *payee)
				.map(|debt| debt.owed())
				.sum()
		};
		let recovered: Balance = taken
			+ self
				.payees
				.iter()
				.map(|payee| {
					held_for(*payee, crate::HoldReason::GradeBacking).min(
						PayeeExposure::<Test>::get(payee).saturating_sub(written_off_at(payee)),
					)
				})
				.sum::<Balance>();
		let loss = extracted.saturating_sub(recovered);
		let allowance = PayeeAllowance::get();
		let share = PayeeShare::get();
		let per_payee: Balance = self
			.payees
			.iter()
			.map(|payee| allowance + share.mul_floor(self.volume_seen[payee]))
			.sum();
		let per_identity: Balance = self.ceiling_seen.values().sum();
		let pool_cap = PoolShare::get().mul_floor(self.pool_value_seen);
		let (bound, binding) =
			[(per_payee, "per payee"), (per_identity, "per identity"), (pool_cap, "pool share")]
				.into_iter()
				.min_by_key(|(bound, _)| *bound)
				.unwrap();
		assert!(loss <= bound, "{name}: the pool lost {loss}, above the bound {bound} ({binding})");
		let mut note = note.into();
		if !self.refusals.is_empty() {
			note = format!("{note}; stopped by {}", self.refusals.join(", "));
		}
		Outcome {
			name,
			identities: self.payers.len(),
			payees: self.payees.len(),
			extracted,
			recovered,
			loss,
			bound,
			binding,
			note,
		}
	}
}

fn world(pool_funding: Balance, play: impl FnOnce() -> Outcome) -> Outcome {
	let mut outcome = None;
	ExtBuilder::default().pool_funding(pool_funding).grade_limit(None).build_and_execute(|| {
		sample_runtime_parameters();
		outcome = Some(play());
	});
	outcome.unwrap()
}

/// Ten certified identities with the sample base draw at one fresh payee in one block.
fn sybil_ring_at_a_fresh_payee() -> Outcome {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let q = ring.payee(200);
		for i in 0..10 {
			let p = ring.payer(100 + i, BASE);
			Ring::grade(q, p, 1_010);
		}
		for p in ring.payers.clone() {
			ring.draw(p, q);
		}
		ring.outcome("sybil ring at a fresh payee", "10 identities, base 10,000 each, one block")
	})
}

/// Borrow, pass the money back, repay at once, twenty times; then draw.
fn wash_trading() -> Outcome {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let q = ring.payee(200);
		let p = ring.payer(100, BASE);
		Ring::grade(q, p, 20_000);
		for _ in 0..20 {
			ring.draw(p, q);
			ring.repay_all();
		}
		let washed = Credit::payee_volume(q);
		ring.draw(p, q);
		ring.outcome("wash trading", format!("20 instant cycles; repaid sales counted: {washed}"))
	})
}

/// Borrow the most, hold it the whole repayment period, repay on the due date, six times.
fn patient_washing() -> Outcome {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let q = ring.payee(200);
		let p = ring.payer(100, BASE);
		Ring::grade(q, p, 20_000);
		for _ in 0..6 {
			ring.draw(p, q);
			advance(PERIOD);
			ring.repay_all();
		}
		let volume = Credit::payee_volume(q);
		ring.draw(p, q);
		ring.outcome(
			"patient washing",
			format!("6 cycles of a full repayment period; repaid sales counted: {volume}"),
		)
	})
}

/// One unit borrowed and repaid at once, every day for a hundred days; then draw.
fn tiny_loans() -> Outcome {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let q = ring.payee(200);
		let p = ring.payer(100, BASE);
		Ring::grade(q, p, 20_000);
		for _ in 0..100 {
			let id = request_from(p, q, 1);
			assert_ok!(Credit::accept_request(RuntimeOrigin::signed(q), id));
			assert_ok!(Credit::repay(RuntimeOrigin::signed(p), id, 2));
			advance(DAY);
		}
		assert_eq!(Credit::ceiling(&p), BASE, "a hundred instant loans earn nothing");
		ring.draw(p, q);
		ring.outcome(
			"tiny loans",
			"100 one-unit loans repaid at once, one a day; ceiling unchanged",
		)
	})
}

/// Five payers draw at each of five fresh payees in turn.
fn chain_of_payees() -> Outcome {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let payees: Vec<_> = (0..5).map(|i| ring.payee(200 + i)).collect();
		let payers: Vec<_> = (0..5).map(|i| ring.payer(100 + i, BASE)).collect();
		for q in &payees {
			for p in &payers {
				Ring::grade(*q, *p, 20_000);
			}
		}
		for q in &payees {
			for p in &payers {
				ring.draw(*p, *q);
			}
		}
		ring.outcome("chain of payees", "5 identities at 5 fresh payees")
	})
}

/// One person certified twice: the second account is refused the identity, and the first
/// cannot buy from itself.
fn one_identity_two_accounts() -> Outcome {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let q = ring.payee(200);
		let p = ring.payer(100, BASE);
		Ring::grade(q, p, 20_000);
		assert_ok!(Balances::mint_into(&101, START_BALANCE));
		assert_noop!(
			register_identity(101, H256::from_low_u64_be(100), 101),
			Error::<Test>::IdentityHeldByAnother
		);
		// The payee's account registers the payer's identity instead: refused the same way.
		assert_noop!(
			register_identity(q, H256::from_low_u64_be(100), 300),
			Error::<Test>::IdentityHeldByAnother
		);
		ring.draw(p, q);
		ring.outcome("one identity, two accounts", "second account refused: IdentityHeldByAnother")
	})
}

/// A payer defaults, its certificate is revoked, and the person comes back with a new account.
fn defaulted_identity_comes_back() -> Outcome {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let q = ring.payee(200);
		let p = ring.payer(100, BASE);
		Ring::grade(q, p, 20_000);
		ring.draw(p, q);
		let id = Debts::<Test>::iter_keys().next().unwrap();
		advance(PERIOD + DEFAULT_AFTER + DAY);
		assert_ok!(Credit::report_overdue(RuntimeOrigin::signed(q), id));
		assert_ok!(Credit::revoke_certificate(RuntimeOrigin::root(), 0, 100));
		let comeback = 101;
		assert_ok!(Balances::mint_into(&comeback, START_BALANCE));
		assert_noop!(
			register_identity(comeback, H256::from_low_u64_be(100), comeback),
			Error::<Test>::IdentityHeldByAnother
		);
		assert_eq!(Credit::ceiling(&p), 0, "in default, the old account gets nothing more");
		ring.draw(p, q);
		ring.outcome("defaulted identity comes back", "new account refused while the old one owes")
	})
}

/// The payee posts a large backing on a grade for a payer that never borrows, to raise its
/// exposure cap for the others: the backing stands behind every debt paid to the payee.
fn backing_shuffle() -> Outcome {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let q = ring.payee(200);
		let dormant = ring.payer(199, BASE);
		Ring::grade(q, dormant, 100_000);
		for i in 0..10 {
			let p = ring.payer(100 + i, BASE);
			Ring::grade(q, p, 1_010);
		}
		for p in ring.payers.clone() {
			ring.draw(p, q);
		}
		ring.outcome("backing shuffle", "10,000 of backing on a dormant grade; 10 identities draw")
	})
}

/// Forty identities at forty fresh payees against a small pool: the pool share binds.
fn wide_ring_on_a_small_pool() -> Outcome {
	world(40_000, || {
		let mut ring = Ring::new();
		for i in 0..40 {
			let q = ring.payee(300 + i);
			let p = ring.payer(100 + i, BASE);
			Ring::grade(q, p, 1_010);
		}
		for (p, q) in ring.payers.clone().into_iter().zip(ring.payees.clone()) {
			ring.draw(p, q);
		}
		ring.outcome("wide ring on a small pool", "40 identities at 40 fresh payees, pool 40,000")
	})
}

/// A payer farms its history for six months with full-size loans held to the due date, then
/// draws everything it can: the bonus grows only as fast as the formula allows.
fn farmed_history_then_default() -> Outcome {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let q = ring.payee(200);
		let p = ring.payer(100, BASE);
		Ring::grade(q, p, 20_000);
		for _ in 0..6 {
			ring.draw(p, q);
			advance(PERIOD);
			ring.repay_all();
			advance(DAY);
		}
		let ceiling = Credit::ceiling(&p);
		// At most one full credit (5% of the base) per repayment period, times 1.5.
		assert!(ceiling <= BASE + 6 * BASE * 5 / 100 * 3 / 2, "the history grew too fast");
		ring.draw(p, q);
		ring.outcome("farmed history, then default", format!("6 months; ceiling {ceiling}"))
	})
}

#[test]
fn attack_simulations_stay_within_their_bounds() {
	let outcomes = [
		sybil_ring_at_a_fresh_payee(),
		wash_trading(),
		patient_washing(),
		tiny_loans(),
		chain_of_payees(),
		one_identity_two_accounts(),
		defaulted_identity_comes_back(),
		backing_shuffle(),
		wide_ring_on_a_small_pool(),
		farmed_history_then_default(),
	];
	let mut table = String::from(
		"| strategy | identities | payees | paid to the ring | backing behind it | pool's loss | bound | bound that binds | notes |\n\
		 |---|---|---|---|---|---|---|---|---|\n",
	);
	for o in &outcomes {
		table.push_str(&format!(
			"| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
			o.name,
			o.identities,
			o.payees,
			o.extracted,
			o.recovered,
			o.loss,
			o.bound,
			o.binding,
			o.note
		));
	}
	crate::tests::docs::write_between_markers("docs/risk.md", "attack-table", &table);
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	/// One move of the ring.
	#[derive(Clone, Debug)]
	enum Move {
		/// Payer `.0` draws all it can at payee `.1`.
		Draw(usize, usize),
		/// Every ring debt is repaid.
		RepayAll,
		/// Time passes, in days.
		Wait(u64),
		/// Payee `.0` grades payer `.1` with this limit.
		Grade(usize, usize, Balance),
	}

	fn moves() -> impl Strategy<Value = Move> {
		prop_oneof![
			4 => (0..6usize, 0..4usize).prop_map(|(p, q)| Move::Draw(p, q)),
			2 => Just(Move::RepayAll),
			2 => (1..40u64).prop_map(Move::Wait),
			1 => (0..4usize, 0..6usize, 1..30_000u64).prop_map(|(q, p, l)| Move::Grade(q, p, l)),
		]
	}

	proptest! {
		#![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

		/// Random rings of colluding identities and payees, random moves over simulated
		/// months: whenever the ring walks away, the pool's loss is within the bound.
		#[test]
		fn a_colluding_ring_never_takes_more_than_the_bound(
			payers in 1..6usize,
			payees in 1..4usize,
			bases in proptest::collection::vec(1_000..50_000u64, 6),
			script in proptest::collection::vec(moves(), 1..60),
		) {
			world(200_000, || {
				let mut ring = Ring::new();
				let qs: Vec<_> = (0..payees).map(|i| ring.payee(200 + i as u64)).collect();
				let ps: Vec<_> =
					(0..payers).map(|i| ring.payer(100 + i as u64, bases[i])).collect();
				for q in &qs {
					for p in &ps {
						Ring::grade(*q, *p, 1_010);
					}
				}
				for step in script {
					match step {
						Move::Draw(p, q) => {
							ring.draw(ps[p % payers], qs[q % payees]);
						},
						Move::RepayAll => ring.repay_all(),
						Move::Wait(days) => advance(days * DAY),
						Move::Grade(q, p, limit) => {
							let _ = Credit::set_grade(
								RuntimeOrigin::signed(qs[q % payees]),
								ps[p % payers],
								1,
								limit,
							);
						},
					}
					// `outcome` asserts the bound at every step the ring could walk away.
					ring.outcome("property", "");
				}
				ring.outcome("property", "")
			});
		}
	}
}

#[test]
fn backing_that_raised_the_cap_cannot_be_taken_back_while_the_debts_stand() {
	world(1_000_000, || {
		let mut ring = Ring::new();
		let q = ring.payee(200);
		let dormant = ring.payer(199, BASE);
		Ring::grade(q, dormant, 100_000);
		let drawers: Vec<_> = (0..10).map(|i| ring.payer(100 + i, BASE)).collect();
		for p in &drawers {
			Ring::grade(q, *p, 1_010);
			ring.draw(*p, q);
		}
		// 9,900 owed at Q, of a cap of 2,000 + 11,010 of backing: 7,900 of it is locked.
		assert_noop!(
			Credit::remove_grade(RuntimeOrigin::signed(q), dormant),
			Error::<Test>::GradeBackingLocked
		);
		assert_noop!(
			Credit::set_grade(RuntimeOrigin::signed(q), dormant, 1, 10_000),
			Error::<Test>::GradeBackingLocked
		);
		// What the debts do not need comes back: 10,000 of the dormant grade's backing minus
		// the 7,900 locked.
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(q), dormant, 1, 79_000));
		// Once the ring repays, all of it is free.
		ring.repay_all();
		assert_ok!(Credit::remove_grade(RuntimeOrigin::signed(q), dormant));
		ring.outcome("backing locked", "")
	});
}
