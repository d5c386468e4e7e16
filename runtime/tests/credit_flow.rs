//! The full credit flow on the real runtime, from the `development` genesis preset, with the
//! well-known dev accounts: grade present, request, accept, acknowledge, repay; and the state
//! each step leaves, for `docs/state.md`.

use credit_runtime::{
	genesis_config_presets, pallet_credit, AccountId, Balance, Balances, Credit, Runtime,
	RuntimeGenesisConfig, RuntimeOrigin, System, UNIT,
};
use frame_support::{assert_ok, genesis_builder_helper::build_state};
use pallet_credit::types::Goods;
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

/// `payer`'s request of `amount` to `payee`, for coffee; returns its id.
fn request_coffee(payer: &AccountId, payee: &AccountId, amount: Balance) -> u64 {
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
	id
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
		let id = request_coffee(&payer, &payee, amount);
		let payee_before = Balances::free_balance(&payee);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(payee.clone()), id));
		assert_eq!(Balances::free_balance(&payee), payee_before + amount);
		assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(payee.clone()), id));
		assert!(
			pallet_credit::Requests::<Runtime>::get(id).is_none(),
			"acknowledged, the request is done with and removed"
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

/// The full storage key and the stored bytes of the value at it.
fn entry_size(key: Vec<u8>) -> (usize, usize) {
	let value = frame_support::storage::unhashed::get_raw(&key).expect("the entry is stored");
	(key.len(), value.len())
}

/// `docs/state.md`: the bytes of each kind of entry as the development chain stores them (and
/// the most its type can take), who pays for it, and what a year of full blocks can leave in
/// state once everything with an end has gone. Written with `UPDATE_DOCS=1`; otherwise the
/// test fails if the file differs, so the figures are the runtime's.
#[test]
fn state_report() {
	use codec::MaxEncodedLen;
	use frame_support::{dispatch::DispatchClass, traits::Get, weights::Weight};
	use pallet_balances::WeightInfo as BalancesWeights;
	use pallet_credit::{types::StaleEntry, WeightInfo};
	type W = <Runtime as pallet_credit::Config>::WeightInfo;

	let mut rows = Vec::new();
	let mut row = |item: &str, case: &str, (key, value): (usize, usize), max: usize, paid: &str| {
		rows.push(format!("| `{item}` | {case} | {key} | {value} | {max} | {paid} |"));
	};
	let deposit = |d: Balance| format!("a deposit of {} UNIT", d as f64 / UNIT as f64);
	let certificate_deposit = <Runtime as pallet_credit::Config>::CertificateDeposit::get();
	let request_deposit = <Runtime as pallet_credit::Config>::RequestDeposit::get();
	let grade_deposit = <Runtime as pallet_credit::Config>::GradeDeposit::get();
	let mut history_only = 0;
	development_state().execute_with(|| {
		let (payer, payee) = (Alice.to_account_id(), Bob.to_account_id());
		let party =
			|who: &AccountId| entry_size(pallet_credit::Parties::<Runtime>::hashed_key_for(who));
		let party_max = pallet_credit::PartyStateOf::<Runtime>::max_encoded_len();
		row(
			"Parties",
			"a certified payer with a base limit",
			party(&payer),
			party_max,
			&format!("{} while certified", deposit(certificate_deposit)),
		);
		row(
			"Grades",
			"one grade",
			entry_size(pallet_credit::Grades::<Runtime>::hashed_key_for(&payee, &payer)),
			pallet_credit::types::Grade::<Balance>::max_encoded_len(),
			&format!("{} and the grade's backing", deposit(grade_deposit)),
		);
		let certificate = pallet_credit::Parties::<Runtime>::get(&payer).certificate.unwrap();
		row(
			"Identities",
			"one identity",
			entry_size(pallet_credit::Identities::<Runtime>::hashed_key_for(
				certificate.payload.identity_hash,
			)),
			pallet_credit::certificates::IdentityRecord::<AccountId>::max_encoded_len(),
			"the holder's certificate deposit; a defaulted identity's stays with its defaults",
		);
		row(
			"CertificateHolders",
			"one registered certificate",
			entry_size(pallet_credit::CertificateHolders::<Runtime>::hashed_key_for(
				certificate.payload.ca,
				certificate.payload.serial,
			)),
			AccountId::max_encoded_len(),
			"the holder's certificate deposit",
		);

		let id = request_coffee(&payer, &payee, 250 * UNIT);
		row(
			"Requests",
			"open, an 18-byte description",
			entry_size(pallet_credit::Requests::<Runtime>::hashed_key_for(id)),
			pallet_credit::RequestOf::<Runtime>::max_encoded_len(),
			&format!("{} while open; removed when it ends", deposit(request_deposit)),
		);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(payee.clone()), id));
		row(
			"Debts",
			"one debt",
			entry_size(pallet_credit::Debts::<Runtime>::hashed_key_for(id)),
			pallet_credit::DebtOf::<Runtime>::max_encoded_len(),
			"the debtor owes it to the pool; removed when repaid",
		);
		row(
			"PayeeExposure",
			"one payee owed for",
			entry_size(pallet_credit::PayeeExposure::<Runtime>::hashed_key_for(&payee)),
			Balance::max_encoded_len(),
			"the payers owe it; removed when nothing is owed",
		);
		row(
			"Parties",
			"the payer owing one debt",
			party(&payer),
			party_max,
			&format!("{} while certified", deposit(certificate_deposit)),
		);
		assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(payee.clone()), id));
		assert!(pallet_credit::Requests::<Runtime>::get(id).is_none());
		let later = pallet_timestamp::Now::<Runtime>::get() + 10 * 24 * 3_600_000;
		pallet_timestamp::Now::<Runtime>::put(later);
		let owed = pallet_credit::Debts::<Runtime>::get(id).unwrap().owed();
		assert_ok!(Credit::repay(RuntimeOrigin::signed(payer.clone()), id, owed));
		row(
			"PayeeVolume",
			"one bucket",
			entry_size(pallet_credit::PayeeVolume::<Runtime>::hashed_key_for(&payee)),
			pallet_credit::VolumeRingOf::<Runtime>::max_encoded_len(),
			"nobody; `reap` removes it once nothing in the window counts",
		);
		// The entry that outlives its business: the history of a payer whose certificate went.
		assert_ok!(Credit::set_base_limit(RuntimeOrigin::root(), payer.clone(), 0));
		assert_ok!(Credit::remove_certificate(RuntimeOrigin::signed(payer.clone())));
		let (key, value) = party(&payer);
		history_only = key + value;
		row(
			"Parties",
			"a repayment history, no certificate",
			(key, value),
			party_max,
			"nobody: kept for good, so that late repayments cannot be washed out",
		);
		// A window on, nothing in the payee's ring counts, and anyone removes it.
		pallet_timestamp::Now::<Runtime>::put(later + 31 * 24 * 3_600_000);
		assert_ok!(Credit::reap(
			RuntimeOrigin::signed(payee.clone()),
			StaleEntry::PayeeVolume(payee.clone())
		));
		assert!(!pallet_credit::PayeeVolume::<Runtime>::contains_key(&payee));
	});

	// A year of full blocks of the cheapest way to leave a history-only entry: a new account is
	// funded, certified, borrows, is paid, repays and drops its certificate.
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let max = normal.max_total.unwrap_or(weights.max_block);
	let cycle = [
		<<Runtime as pallet_balances::Config>::WeightInfo as BalancesWeights>::transfer_keep_alive(
		),
		W::register_certificate(),
		W::request_credit_payment(),
		W::accept_request(),
		W::acknowledge_receipt(),
		W::repay(),
		W::remove_certificate(),
	]
	.into_iter()
	.fold(Weight::zero(), |sum, w| sum + w + normal.base_extrinsic);
	let per_block = (max.ref_time() / cycle.ref_time()).min(max.proof_size() / cycle.proof_size());
	let blocks_a_year = 365 * 24 * 3_600_000 / credit_runtime::MILLISECS_PER_BLOCK;
	let per_year = per_block * blocks_a_year;
	let bytes_a_year = per_year * history_only as u64;

	let table = rows.join("\n");
	let text = format!(
		"<!-- Written by `cargo test -p credit-runtime --test credit_flow state_report` with \
		 UPDATE_DOCS=1; do not edit. -->\n\
		 # State: what each entry costs and what stays\n\n\
		 Every entry a user makes is paid for by a deposit held from that user, or goes when its \
		 business ends: through the call that ends it, or through `reap`, which anyone may call, \
		 for what no call ends (a volume ring that aged out, a revoked serial of a removed CA, a \
		 finished request an earlier runtime kept). The pallet README's storage table says who \
		 pays for each item and when it goes.\n\n\
		 ## Bytes per entry\n\n\
		 Measured on the sample runtime's development chain (32-byte accounts, the runtime's \
		 bounds): the full storage key, the value as stored, and the most the value's type can \
		 take (`MaxEncodedLen`, which the weights' proof sizes assume).\n\n\
		 | item | entry | key | value | at most | who pays |\n\
		 | --- | --- | --- | --- | --- | --- |\n\
		 {table}\n\n\
		 Each open request also adds its id to the payer's entry (8 bytes), and each open debt \
		 an index entry there; both go with the request or debt.\n\n\
		 ## A year of full blocks\n\n\
		 A request, its debt and everything else with an end leave nothing once they end: the \
		 pallet's `many_lifecycles_leave_the_state_as_they_found_it` runs fifty rounds of every \
		 lifecycle (completed and repaid, cancelled, declined, rejected, expired) and finds the \
		 same keys afterwards, with only the two bounded entries it rewrites (the payer's \
		 recent repayments, the payee's volume ring) grown, up to their bounds. Entries a \
		 deposit pays for grow only as far as their users lock funds for them.\n\n\
		 What no deposit pays for and no call removes is a payer's repayment history after its \
		 certificate has gone ({history_only} bytes, key included): it is the payer's standing \
		 (the pool ledger's repayments are checked against the histories, and a late repayment \
		 must not wash out by re-registering). Each such entry needs an account that was \
		 certified, borrowed and repaid, and a certificate names its subject account, so there \
		 is at most one per certificate a trusted CA ever signed: the CAs' issuance bounds them, \
		 not the chain. The chain's own bound is weight: funding, certifying, borrowing, being \
		 paid, repaying and dropping the certificate take {cycle_ref} ps a round with the \
		 transactions' base weight, {per_block} rounds a block at the normal-class limit, \
		 {per_year} in a year of {blocks_a_year} blocks: at most {mb} MB a year, each round \
		 with a fresh CA-signed certificate and a fee on every call.\n",
		cycle_ref = cycle.ref_time(),
		mb = bytes_a_year / 1_000_000,
	);
	let path = format!("{}/../docs/state.md", env!("CARGO_MANIFEST_DIR"));
	if std::env::var_os("UPDATE_DOCS").is_some() {
		std::fs::write(&path, &text).expect("docs/state.md is writable");
	} else {
		let written = std::fs::read_to_string(&path).unwrap_or_default();
		assert_eq!(written, text, "docs/state.md is stale: run with UPDATE_DOCS=1");
	}
}
