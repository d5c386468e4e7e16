//! `set_grade`, `remove_grade` and `set_base_limit`.

use crate::{mock::*, types::Grade, Error, Event, Grades, Parties};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn set_grade_stores_and_changes_the_payees_own_grade() {
	ExtBuilder::default().grade_limit(None).build_and_execute(|| {
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 2, 300));
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), Some(Grade { level: 2, limit: 300 }));
		assert_eq!(
			last_event(),
			Event::GradeSet { payee: PAYEE, payer: PAYER, level: 2, limit: 300 }
		);
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 4, 900));
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), Some(Grade { level: 4, limit: 900 }));
	});
}

#[test]
fn a_payee_writes_only_its_own_grades() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(OTHER), PAYER, 1, 1));
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), Some(Grade { level: 3, limit: GRADE_LIMIT }));
		assert_eq!(Grades::<Test>::get(OTHER, PAYER), Some(Grade { level: 1, limit: 1 }));
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
fn remove_grade_makes_the_payee_limit_zero() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::remove_grade(RuntimeOrigin::signed(PAYEE), PAYER));
		assert_eq!(Grades::<Test>::get(PAYEE, PAYER), None);
		assert_eq!(Credit::limits_for(&PAYER, &PAYEE).payee_limit, 0);
		assert_eq!(last_event(), Event::GradeRemoved { payee: PAYEE, payer: PAYER });
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
