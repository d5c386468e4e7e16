//! `set_grade`, `remove_grade` and `set_base_limit`; a grade's backing on every path.

use crate::{mock::*, types::Grade, Error, Event, Grades, HoldReason, Parties};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn backing(who: AccountId) -> Balance {
	held_for(who, HoldReason::GradeBacking)
}

fn grade_deposit(who: AccountId) -> Balance {
	held_for(who, HoldReason::GradeDeposit)
}

#[test]
fn set_grade_stores_and_changes_the_payees_own_grade_and_holds_its_backing() {
	ExtBuilder::default().grade_limit(None).build_and_execute(|| {
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 2, 300));
		let grade = Grade { level: 2, limit: 300, backing: 30, deposit: GRADE_DEPOSIT };
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), Some(grade));
		assert_eq!((backing(PAYEE), grade_deposit(PAYEE)), (30, GRADE_DEPOSIT));
		assert_eq!(
			last_event(),
			Event::GradeSet { payee: PAYEE, payer: PAYER, level: 2, limit: 300, backing: 30 }
		);
		// Raised: more backing, the same deposit.
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 4, 901));
		let grade = Grade { level: 4, limit: 901, backing: 91, deposit: GRADE_DEPOSIT };
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), Some(grade));
		assert_eq!((backing(PAYEE), grade_deposit(PAYEE)), (91, GRADE_DEPOSIT));
		// Lowered with nothing owed: the backing comes back down to what the limit needs.
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 1, 100));
		assert_eq!(backing(PAYEE), 10);
	});
}

#[test]
fn a_payee_writes_only_its_own_grades() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(OTHER), PAYER, 1, 1));
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER).map(|g| g.limit), Some(GRADE_LIMIT));
		assert_eq!(Grades::<Test>::get(OTHER, PAYER).map(|g| (g.level, g.limit)), Some((1, 1)));
	});
}

#[test]
fn set_grade_refuses_a_grade_for_oneself() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYEE, 1, 10),
			Error::<Test>::GradeForSelf
		);
	});
}

#[test]
fn only_a_certified_payee_keeps_grades() {
	ExtBuilder::default().build_and_execute(|| {
		let _ = Balances::force_set_balance(RuntimeOrigin::root(), STRANGER, START_BALANCE);
		assert_noop!(
			Credit::set_grade(RuntimeOrigin::signed(STRANGER), PAYER, 1, 10),
			Error::<Test>::PayeeCertificateMissing
		);
		assert_ok!(Credit::revoke_certificate(RuntimeOrigin::root(), 0, OTHER));
		assert_noop!(
			Credit::set_grade(RuntimeOrigin::signed(OTHER), PAYER, 1, 10),
			Error::<Test>::PayeeCertificateRevoked
		);
	});
}

#[test]
fn a_grade_the_payee_cannot_back_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		// POOR has the existential deposit and nothing to hold.
		assert_noop!(
			Credit::set_grade(RuntimeOrigin::signed(POOR), PAYER, 1, 10),
			Error::<Test>::GradeBackingUnavailable
		);
		// PAYEE can hold a tenth of a million, not of ten million.
		assert_noop!(
			Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 1, 10 * START_BALANCE),
			Error::<Test>::GradeBackingUnavailable
		);
	});
}

#[test]
fn a_grade_counts_only_as_far_as_it_is_backed() {
	ExtBuilder::default().build_and_execute(|| {
		// A grade held below what its limit needs, as an upgrade from unbacked grades leaves it
		// (holding no deposit either).
		Grades::<Test>::mutate(PAYEE, PAYER, |grade| {
			let grade = grade.as_mut().unwrap();
			grade.backing = 50;
			grade.deposit = 0;
		});
		use frame_support::traits::{fungible::MutateHold, tokens::Precision};
		for (reason, amount) in [
			(HoldReason::GradeBacking, backing(PAYEE) - 50),
			(HoldReason::GradeDeposit, GRADE_DEPOSIT),
		] {
			assert_ok!(Balances::release(
				&RuntimeHoldReason::Credit(reason),
				&PAYEE,
				amount,
				Precision::Exact
			));
		}
		assert_eq!(Credit::limits_for(&PAYER, &PAYEE).payee_limit, 500);
		let id = request(500);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
		assert!(matches!(
			status(id),
			crate::types::RequestStatus::Rejected(crate::types::RejectionReason::LimitExceeded {
				limit: crate::types::LimitKind::Payee,
				..
			})
		));
	});
}

#[test]
fn remove_grade_makes_the_payee_limit_zero_and_releases_everything_when_nothing_is_owed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::remove_grade(RuntimeOrigin::signed(PAYEE), PAYER));
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), None);
		assert_eq!(Credit::limits_for(&PAYER, &PAYEE).payee_limit, 0);
		assert_eq!((backing(PAYEE), grade_deposit(PAYEE)), (0, 0));
		assert_eq!(
			last_event(),
			Event::GradeRemoved { payee: PAYEE, payer: PAYER, backing_kept: 0 }
		);
	});
}

#[test]
fn the_backing_of_what_is_owed_stays_until_it_is_repaid() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		// Owed 1,010 to PAYEE: lowering the grade keeps a tenth of that.
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 1, 100));
		assert_eq!(backing(PAYEE), 101);
		assert_ok!(Credit::remove_grade(RuntimeOrigin::signed(PAYEE), PAYER));
		assert_eq!(
			last_event(),
			Event::GradeRemoved { payee: PAYEE, payer: PAYER, backing_kept: 101 }
		);
		assert_eq!(Credit::limits_for(&PAYER, &PAYEE).payee_limit, 0);
		// A removed grade is gone as a limit: removing it again finds none.
		assert_noop!(
			Credit::remove_grade(RuntimeOrigin::signed(PAYEE), PAYER),
			Error::<Test>::GradeNotFound
		);
		// Half repaid: half the backing comes back.
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 505));
		assert_eq!(backing(PAYEE), 51);
		assert!(credit_events().contains(&Event::GradeBackingChanged {
			payee: PAYEE,
			payer: PAYER,
			backing: 51
		}));
		// Repaid in full: the entry goes, with its deposit.
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 505));
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), None);
		assert_eq!((backing(PAYEE), grade_deposit(PAYEE)), (0, 0));
	});
}

#[test]
fn a_repayment_releases_no_backing_the_grade_still_needs() {
	ExtBuilder::default().build_and_execute(|| {
		let before = backing(PAYEE);
		let id = settled(1_000);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 1_010));
		assert_eq!(backing(PAYEE), before, "the limit still needs all of it");
	});
}

#[test]
fn remove_grade_refuses_a_missing_grade() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::remove_grade(RuntimeOrigin::signed(OTHER), PAYER),
			Error::<Test>::GradeNotFound
		);
	});
}

#[test]
fn set_base_limit_sets_the_node_limit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), OTHER, 77));
		assert_eq!(Parties::<Test>::get(OTHER).profile.base_limit, 77);
		assert_eq!(Credit::node_limit(&OTHER, &PAYEE), 77);
		assert!(credit_events().contains(&Event::BaseLimitSet { payer: OTHER, limit: 77 }));
	});
}

#[test]
fn set_base_limit_needs_the_credit_officer() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::set_base_limit(RuntimeOrigin::signed(PAYER), PAYER, 1_000_000),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_grade_of_limit_zero_with_nothing_owed_is_no_grade_and_holds_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 1, 0));
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), None);
		assert_eq!((backing(PAYEE), grade_deposit(PAYEE)), (0, 0));
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(OTHER), PAYER, 1, 0));
		assert_eq!(grade_deposit(OTHER), 0, "nothing is held for it");
	});
}

#[test]
fn a_grade_held_without_a_deposit_pays_one_when_set_again() {
	ExtBuilder::default().build_and_execute(|| {
		// As an upgrade from before grades were paid for leaves it: nothing held.
		assert_ok!(Credit::remove_grade(RuntimeOrigin::signed(PAYEE), PAYER));
		Grades::<Test>::insert(
			PAYEE,
			PAYER,
			Grade { level: 1, limit: 500, backing: 0, deposit: 0 },
		);
		assert_eq!(
			Credit::limits_for(&PAYER, &PAYEE).payee_limit,
			0,
			"unbacked, it counts nothing"
		);
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 1, 500));
		assert_eq!((backing(PAYEE), grade_deposit(PAYEE)), (50, GRADE_DEPOSIT));
	});
}
