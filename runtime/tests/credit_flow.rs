//! The full credit flow on the real runtime, from the `development` genesis preset, with the
//! well-known dev accounts: grade present, request, accept, acknowledge, repay.

use credit_runtime::{
	genesis_config_presets, pallet_credit, Balances, Credit, Runtime, RuntimeGenesisConfig,
	RuntimeOrigin, System, UNIT,
};
use frame_support::{assert_ok, genesis_builder_helper::build_state};
use pallet_credit::types::{Goods, RequestStatus};
use sp_keyring::Sr25519Keyring::{Alice, Bob};

fn development_state() -> sp_io::TestExternalities {
	let config =
		genesis_config_presets::full_preset(sp_genesis_builder::DEV_RUNTIME_PRESET).unwrap();
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap())
			.expect("the development preset builds");
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_700_000_000_000u64);
	});
	ext
}

#[test]
fn development_preset_runs_the_whole_credit_flow() {
	development_state().execute_with(|| {
		let (payer, payee) = (Alice.to_account_id(), Bob.to_account_id());
		assert_eq!(
			Credit::certificate_status(payer.clone()).map(|c| c.home_chain),
			Ok(credit_runtime::LOCAL_CHAIN_ID)
		);
		assert_eq!(
			Credit::certificate_status(payee.clone()).map(|c| c.home_chain),
			Ok(credit_runtime::LOCAL_CHAIN_ID)
		);
		let grade =
			pallet_credit::Grades::<Runtime>::get(&payee, &payer).expect("Bob grades Alice");
		assert_eq!(grade.limit, 1_000 * UNIT);
		let pool_before = Balances::free_balance(Credit::pool_account());
		assert_eq!(pool_before, genesis_config_presets::POOL_FUNDING);

		let amount = 250 * UNIT;
		let id = pallet_credit::NextRequestId::<Runtime>::get();
		let goods = Goods {
			order_hash: sp_core::H256::repeat_byte(1),
			description: b"100 bags of coffee".to_vec().try_into().unwrap(),
		};
		assert_ok!(Credit::request_credit_payment(
			RuntimeOrigin::signed(payer.clone()),
			payee.clone(),
			amount,
			goods
		));
		let payee_before = Balances::free_balance(&payee);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(payee.clone()), id));
		assert_eq!(Balances::free_balance(&payee), payee_before + amount);
		assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(payee.clone()), id));
		assert_eq!(
			pallet_credit::Requests::<Runtime>::get(id).unwrap().status,
			RequestStatus::Completed
		);

		let owed = pallet_credit::Debts::<Runtime>::get(id).unwrap().owed();
		assert_eq!(owed, amount + amount / 100);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(payer.clone()), id, owed));
		assert!(pallet_credit::Debts::<Runtime>::get(id).is_none());
		assert_eq!(Balances::free_balance(Credit::pool_account()), pool_before + amount / 100);
		assert_eq!(pallet_credit::Parties::<Runtime>::get(&payer).profile.history.on_time_count, 1);

		// The invariant check is compiled for try-runtime; the test command runs this file
		// with it too.
		#[cfg(feature = "try-runtime")]
		Credit::do_try_state().expect("credit invariants hold");
	});
}

#[test]
fn dry_run_answers_for_the_genesis_accounts() {
	development_state().execute_with(|| {
		let (payer, payee) = (Alice.to_account_id(), Bob.to_account_id());
		let ok = Credit::dry_run(payer.clone(), payee.clone(), 10 * UNIT);
		assert_eq!(ok.verdict, pallet_credit::types::Verdict::Pass);
		assert_eq!(ok.limits.payee_headroom, 1_000 * UNIT);
		let too_much = Credit::dry_run(payer.clone(), payee.clone(), 1_001 * UNIT);
		assert!(matches!(too_much.verdict, pallet_credit::types::Verdict::Rejected(_)));
	});
}
