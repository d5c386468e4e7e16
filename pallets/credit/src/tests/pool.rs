//! `fund_pool` and `withdraw_from_pool`.

use crate::{mock::*, Error, Event, Pool};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn fund_pool_moves_money_into_the_pool_and_the_ledger() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 500));
		assert_eq!(pool(), POOL_FUNDING + 500);
		assert_eq!(free(FUNDER), START_BALANCE - 500);
		assert_eq!(Pool::<Test>::get().funded, POOL_FUNDING + 500);
		assert_eq!(last_event(), Event::PoolFunded { who: FUNDER, amount: 500 });
	});
}

#[test]
fn fund_pool_refuses_zero() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 0),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn fund_pool_refuses_more_than_the_funder_can_spare() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::fund_pool(RuntimeOrigin::signed(FUNDER), START_BALANCE),
			DispatchError::Token(TokenError::NotExpendable)
		);
	});
}

#[test]
fn fund_pool_needs_a_signed_origin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Credit::fund_pool(RuntimeOrigin::none(), 5), DispatchError::BadOrigin);
	});
}

#[test]
fn withdraw_from_pool_pays_out_and_records_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::withdraw_from_pool(RuntimeOrigin::root(), OTHER, 700));
		assert_eq!(pool(), POOL_FUNDING - 700);
		assert_eq!(free(OTHER), START_BALANCE + 700);
		assert_eq!(Pool::<Test>::get().withdrawn, 700);
		assert_eq!(last_event(), Event::PoolWithdrawn { to: OTHER, amount: 700 });
	});
}

#[test]
fn withdraw_from_pool_needs_the_pool_origin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::withdraw_from_pool(RuntimeOrigin::signed(FUNDER), FUNDER, 1),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn withdraw_from_pool_refuses_zero() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::withdraw_from_pool(RuntimeOrigin::root(), OTHER, 0),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn withdraw_from_pool_never_reaps_the_pool() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credit::withdraw_from_pool(RuntimeOrigin::root(), OTHER, POOL_FUNDING),
			Error::<Test>::PoolBalanceTooLow
		);
		assert_ok!(Credit::withdraw_from_pool(RuntimeOrigin::root(), OTHER, POOL_FUNDING - ED));
		assert_eq!(pool(), ED);
	});
}

#[test]
fn pool_status_sums_what_is_owed_and_waiting() {
	ExtBuilder::default().build_and_execute(|| {
		let empty = Credit::pool_status();
		assert_eq!(empty.account, Credit::pool_account());
		assert_eq!((empty.balance, empty.outstanding), (POOL_FUNDING, 0));
		assert_eq!((empty.open_debts, empty.open_requests), (0, 0));

		let first = settled(100);
		settled(200);
		request(50);
		let status = Credit::pool_status();
		assert_eq!(status.balance, POOL_FUNDING - 300);
		assert_eq!(status.outstanding, total_owed());
		assert!(status.outstanding > 300, "fees are part of what is owed");
		assert_eq!((status.open_debts, status.open_requests), (2, 1));
		assert_eq!(status.ledger, Pool::<Test>::get());

		let owed = crate::Debts::<Test>::get(first).unwrap().owed();
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), first, owed));
		let repaid = Credit::pool_status();
		assert_eq!(repaid.outstanding, status.outstanding - owed);
		assert_eq!(repaid.balance, status.balance + owed);
		assert_eq!(repaid.open_debts, 1);
	});
}

#[test]
fn a_withdrawal_cannot_leave_the_pool_owed_more_than_its_exposure_share() {
	ExtBuilder::default().build_and_execute(|| {
		crate::mock::PoolShare::set(&sp_runtime::Perbill::from_percent(50));
		settled(1_000);
		// Owed 1,010; the pool holds 99,000: it may keep no less than 1,010 more.
		let most = pool() - 1_010;
		assert_noop!(
			Credit::withdraw_from_pool(RuntimeOrigin::root(), FUNDER, most + 1),
			Error::<Test>::WithdrawalAboveExposureCap
		);
		assert_ok!(Credit::withdraw_from_pool(RuntimeOrigin::root(), FUNDER, most));
	});
}
