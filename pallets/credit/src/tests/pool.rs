//! `fund_pool` and `redeem_shares`: the pool's funders and their shares.

use crate::{mock::*, Error, Event, Pool, Shares};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn fund_pool_moves_money_into_the_pool_and_the_ledger() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 500));
		assert_eq!(pool(), POOL_FUNDING + 500);
		assert_eq!(free(FUNDER), START_BALANCE - 500);
		assert_eq!(Pool::<Test>::get().funded, POOL_FUNDING + 500);
		assert_eq!(last_event(), Event::PoolFunded { who: FUNDER, amount: 500, shares: 500 });
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
fn funding_mints_shares_one_for_one_while_the_pool_earned_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// Genesis funding is the pool's own: no funder paid it in.
		assert_eq!(Shares::<Test>::get(Credit::pool_account()), Some(POOL_FUNDING));
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 500));
		assert_eq!(Shares::<Test>::get(FUNDER), Some(500));
		assert_eq!(Pool::<Test>::get().shares, POOL_FUNDING + 500);
		assert_eq!(last_event(), Event::PoolFunded { who: FUNDER, amount: 500, shares: 500 });
	});
}

#[test]
fn fee_income_raises_the_value_per_share_and_later_funders_buy_in_at_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 100_000));
		let id = settled(1_000);
		let owed = crate::Debts::<Test>::get(id).unwrap().owed();
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, owed));
		// The fee (10) is the funders' income, shared by every share.
		let value = Credit::pool_value();
		assert_eq!(value.value, 200_010);
		assert_eq!(Credit::funder(FUNDER).value, 100_005);
		// 1,000 now buys 1,000 x 200,000 / 200,010 shares, rounded down.
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(OTHER), 1_000));
		assert_eq!(Shares::<Test>::get(OTHER), Some(999));
		// Rounding went against the newcomer: it holds a little less than it paid.
		assert!(Credit::funder(OTHER).value <= 1_000);
		// One unit buys less than a share.
		assert_noop!(
			Credit::fund_pool(RuntimeOrigin::signed(OTHER), 1),
			Error::<Test>::FundingBelowOneShare
		);
	});
}

#[test]
fn a_funder_redeems_its_own_shares_and_no_one_else_s() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 1_000));
		assert_noop!(
			Credit::redeem_shares(RuntimeOrigin::signed(STRANGER), 1),
			Error::<Test>::NotEnoughShares
		);
		assert_noop!(
			Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), 1_001),
			Error::<Test>::NotEnoughShares
		);
		assert_noop!(
			Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), 0),
			Error::<Test>::ZeroAmount
		);
		let before = free(FUNDER);
		assert_ok!(Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), 400));
		assert_eq!(free(FUNDER), before + 400);
		assert_eq!(Shares::<Test>::get(FUNDER), Some(600));
		assert_eq!(last_event(), Event::SharesRedeemed { who: FUNDER, shares: 400, amount: 400 });
		assert_ok!(Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), 600));
		assert_eq!(Shares::<Test>::get(FUNDER), None, "a funder without shares has no entry");
		assert_eq!(Pool::<Test>::get().withdrawn, 1_000);
	});
}

#[test]
fn redemptions_are_paid_from_liquid_funds_only() {
	ExtBuilder::default().pool_funding(ED).build_and_execute(|| {
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 1_000));
		settled(900);
		// The pool is worth 1,019 but holds 110: the funder's 1,000 shares wait for repayments.
		assert_noop!(
			Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), 1_000),
			Error::<Test>::PoolBalanceTooLow
		);
		assert_eq!(Credit::funder(FUNDER).redeemable, 100);
	});
}

#[test]
fn a_pool_whose_shares_are_worth_nothing_takes_no_new_money() {
	ExtBuilder::default().build_and_execute(|| {
		// No call sequence gets here (the pool keeps its existential deposit, which is value);
		// the guard stands in case the books ever say so.
		Pool::<Test>::mutate(|ledger| ledger.funded = 0);
		assert_noop!(
			Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 500),
			Error::<Test>::PoolHasNoValue
		);
		Pool::<Test>::mutate(|ledger| ledger.funded = POOL_FUNDING);
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
fn a_redemption_cannot_leave_the_pool_owed_more_than_its_exposure_share() {
	ExtBuilder::default().pool_funding(ED).build_and_execute(|| {
		crate::mock::PoolShare::set(&sp_runtime::Perbill::from_percent(50));
		assert_ok!(Credit::fund_pool(RuntimeOrigin::signed(FUNDER), 3_000));
		settled(1_000);
		// Owed 1,010: the pool must stay worth at least 2,020.
		let room = Credit::pool_value().value - 2_020;
		let ledger = Pool::<Test>::get();
		let most =
			(1..=3_000).rev().find(|s| Credit::value_of_shares(&ledger, *s) <= room).unwrap();
		assert_eq!(Credit::funder(FUNDER).redeemable, room, "the read names the call's limit");
		assert_noop!(
			Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), most + 1),
			Error::<Test>::WithdrawalAboveExposureCap
		);
		assert_ok!(Credit::redeem_shares(RuntimeOrigin::signed(FUNDER), most));
	});
}

#[test]
fn the_redeemable_read_finds_the_most_the_exposure_rule_allows() {
	ExtBuilder::default().build_and_execute(|| {
		for percent in [0, 1, 33, 50, 67, 80, 99, 100] {
			crate::mock::PoolShare::set(&sp_runtime::Perbill::from_percent(percent));
			for (funded, paid_out) in [
				(0, 0),
				(1, 0),
				(1_000, 0),
				(1_000, 1),
				(1_000, 333),
				(1_000, 999),
				(7_919, 6_007),
				(u64::MAX / 2, 12_345_678_901),
			] {
				let ledger = crate::types::PoolLedger { funded, paid_out, ..Default::default() };
				let most = Credit::most_redeemable_within_exposure(&ledger);
				let allowed = |amount| Credit::redemption_within_exposure(&ledger, amount);
				if allowed(0) {
					assert!(allowed(most), "{percent}%, {ledger:?}: {most} is allowed");
					assert!(
						most == ledger.value() || !allowed(most + 1),
						"{percent}%, {ledger:?}: {most} is the most allowed"
					);
				} else {
					assert_eq!(most, 0, "{percent}%, {ledger:?}: nothing is allowed");
				}
			}
		}
		crate::mock::PoolShare::set(&sp_runtime::Perbill::one());
	});
}
