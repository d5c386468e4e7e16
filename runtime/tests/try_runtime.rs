//! try-runtime on snapshots of real dev chains: `scripts/snapshot.mjs` runs a credit flow on
//! the dev node and writes every storage pair at its finalized head.
//! - `try_state` of every pallet on a snapshot of this runtime's dev chain. `scripts/test.sh`
//!   takes it first; without one (`CREDIT_SNAPSHOT` or `$CARGO_TARGET_DIR/dev-snapshot.json`)
//!   the test fails and says how to make it.
//! - The runtime upgrade on the committed snapshot of the previous release
//!   (`tests/fixtures/credit-v0-dev.json`, spec 102, credit storage version 0): every migration
//!   (v0 to v1, v1 to v2, v2 to v3, in one upgrade) with its pre- and post-upgrade checks, the
//!   decoding of every storage entry, and `try_state` of every pallet after it, as
//!   `try-runtime on-runtime-upgrade --checks=all` runs them on a live chain; then the upgrade
//!   again, which must change nothing, and `reap` on the finished requests the old runtime kept.
#![cfg(feature = "try-runtime")]

use credit_runtime::{pallet_credit, AllPalletsWithSystem, Executive, Runtime, VERSION};
use frame_support::traits::{Get, GetStorageVersion, TryState, TryStateSelect, UpgradeCheckSelect};

fn decode_hex(text: &str) -> Vec<u8> {
	let text = text.trim_start_matches("0x");
	(0..text.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("snapshot holds hex"))
		.collect()
}

/// The block number, storage and spec version of the snapshot at `path`.
fn load(path: &str) -> (u32, sp_core::storage::Storage, u64) {
	let text = std::fs::read_to_string(path)
		.unwrap_or_else(|e| panic!("no snapshot at {path} ({e}): run `node scripts/snapshot.mjs`"));
	let snapshot: serde_json::Value = serde_json::from_str(&text).expect("snapshot is JSON");
	let block = snapshot["block"].as_u64().expect("snapshot names its block") as u32;
	let spec = snapshot["specVersion"].as_u64().unwrap_or_default();
	let mut storage = sp_core::storage::Storage::default();
	for pair in snapshot["pairs"].as_array().expect("snapshot lists pairs") {
		let key = decode_hex(pair[0].as_str().unwrap());
		let value = decode_hex(pair[1].as_str().unwrap());
		storage.top.insert(key, value);
	}
	(block, storage, spec)
}

#[test]
fn try_state_passes_on_a_dev_chain_snapshot() {
	let path = std::env::var("CREDIT_SNAPSHOT").unwrap_or_else(|_| {
		let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| {
			format!("{}/.cache/credit-chain/target", std::env::var("HOME").unwrap_or_default())
		});
		format!("{target}/dev-snapshot.json")
	});
	let (block, storage, _) = load(&path);
	let pairs = storage.top.len();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		let debts = pallet_credit::Debts::<Runtime>::iter().count();
		let requests = pallet_credit::NextRequestId::<Runtime>::get();
		assert!(requests >= 2 && debts >= 1, "the snapshot holds the credit flow");
		assert_eq!(
			pallet_credit::Pallet::<Runtime>::on_chain_storage_version(),
			pallet_credit::STORAGE_VERSION,
			"a new chain starts at the current storage version"
		);
		AllPalletsWithSystem::try_state(block, TryStateSelect::All)
			.unwrap_or_else(|e| panic!("try_state fails on the snapshot of block #{block}: {e:?}"));
		println!(
			"try_state of every pallet passed on block #{block}: {pairs} storage pairs, \
			 {requests} requests, {debts} open debts"
		);
	});
}

#[test]
fn the_upgrade_runs_on_a_snapshot_of_the_previous_release() {
	let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/credit-v0-dev.json");
	let (block, storage, spec) = load(path);
	assert!(spec < VERSION.spec_version.into(), "the fixture is of an older release");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		type Credit = pallet_credit::Pallet<Runtime>;
		assert_eq!(Credit::on_chain_storage_version(), 0, "the fixture is credit storage v0");
		let requests = pallet_credit::Requests::<Runtime>::iter().count();
		// Counted by key: their values are the old layout until the upgrade.
		let debts = pallet_credit::Debts::<Runtime>::iter_keys().count();
		let grades = pallet_credit::Grades::<Runtime>::iter_keys().count();
		let certificates = pallet_credit::CertificateHolders::<Runtime>::iter().count();
		assert!(
			requests >= 4 && debts >= 1 && grades >= 4 && certificates >= 7,
			"a lived-in chain: {requests} requests, {debts} debts, {grades} grades, \
			 {certificates} certificates"
		);

		let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All).unwrap_or_else(|e| {
			panic!("the upgrade fails on block #{block} of spec {spec}: {e:?}")
		});

		assert_eq!(Credit::on_chain_storage_version(), pallet_credit::STORAGE_VERSION);
		let ledger = pallet_credit::Pool::<Runtime>::get();
		let deposit = <Runtime as pallet_credit::Config>::IncreaseDeposit::get();
		assert_eq!(ledger.forfeited, deposit, "the deposit forfeited under v0 is booked");
		assert_eq!(Credit::unbooked_pool_balance(), Ok(0));
		let identities = pallet_credit::Identities::<Runtime>::iter().count();
		assert_eq!(identities, certificates, "every certificate's identity is recorded");
		assert_eq!(
			pallet_credit::PayeeVolume::<Runtime>::iter().count(),
			0,
			"the volume windows restart, counting repaid sales only"
		);
		assert_eq!(pallet_credit::Debts::<Runtime>::iter().count(), debts, "every debt decodes");
		let exposure: u128 = pallet_credit::PayeeExposure::<Runtime>::iter_values().sum();
		assert_eq!(exposure, ledger.outstanding(), "each payee's exposure indexed");
		assert!(
			pallet_credit::Grades::<Runtime>::iter_values().count() == grades,
			"every grade decodes, unbacked until its payee sets it again"
		);
		let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		assert!(weight.all_lte(max), "the upgrade fits in a block: {weight:?}");

		// Idempotent: run again, the migrations see their version reached and change nothing.
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the second run passes");
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root, "nothing changed");

		// The finished requests the old runtime kept are anyone's to reap.
		let finished: Vec<_> = pallet_credit::Requests::<Runtime>::iter()
			.filter(|(_, r)| !r.status.is_open())
			.map(|(id, _)| id)
			.collect();
		assert!(!finished.is_empty(), "the old runtime kept finished requests");
		let reaper = sp_keyring::Sr25519Keyring::Eve.to_account_id();
		for id in &finished {
			let entry = pallet_credit::types::StaleEntry::Request(*id);
			Credit::reap(credit_runtime::RuntimeOrigin::signed(reaper.clone()), entry)
				.expect("a finished request is reaped");
		}
		AllPalletsWithSystem::try_state(block, TryStateSelect::All)
			.expect("try_state passes after the reaping");
		println!(
			"upgrade from spec {spec} to {} on block #{block}, checks: pre_upgrade and \
			 post_upgrade of credit v0->v1 (forfeited deposits booked), v1->v2 (identities \
			 recorded), v2->v3 (ledger repayments, payee exposure, grade backing, time-weighted \
			 repayments), the decoding of every storage entry, try_state of every pallet, the \
			 upgrade run twice (storage root unchanged); {requests} requests ({} finished, \
			 reaped), {debts} open debts, {grades} grades, {certificates} certificates; weight \
			 {weight:?}",
			VERSION.spec_version,
			finished.len(),
		);
	});
}
