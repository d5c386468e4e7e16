//! try-runtime on a snapshot of a real dev chain: `scripts/snapshot.mjs` runs a credit flow on
//! the dev node and writes every storage pair at its finalized head; this test loads them and
//! runs `try_state` of every pallet on that state. `scripts/test.sh` takes the snapshot first;
//! without one (`CREDIT_SNAPSHOT` or `$CARGO_TARGET_DIR/dev-snapshot.json`) the test fails and
//! says how to make it.
#![cfg(feature = "try-runtime")]

use credit_runtime::{pallet_credit, AllPalletsWithSystem, Runtime};
use frame_support::traits::{TryState, TryStateSelect};

fn decode_hex(text: &str) -> Vec<u8> {
	let text = text.trim_start_matches("0x");
	(0..text.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("snapshot holds hex"))
		.collect()
}

#[test]
fn try_state_passes_on_a_dev_chain_snapshot() {
	let path = std::env::var("CREDIT_SNAPSHOT").unwrap_or_else(|_| {
		let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| {
			format!("{}/.cache/credit-chain/target", std::env::var("HOME").unwrap_or_default())
		});
		format!("{target}/dev-snapshot.json")
	});
	let text = std::fs::read_to_string(&path)
		.unwrap_or_else(|e| panic!("no snapshot at {path} ({e}): run `node scripts/snapshot.mjs`"));
	let snapshot: serde_json::Value = serde_json::from_str(&text).expect("snapshot is JSON");
	let block = snapshot["block"].as_u64().expect("snapshot names its block") as u32;
	let mut storage = sp_core::storage::Storage::default();
	for pair in snapshot["pairs"].as_array().expect("snapshot lists pairs") {
		let key = decode_hex(pair[0].as_str().unwrap());
		let value = decode_hex(pair[1].as_str().unwrap());
		storage.top.insert(key, value);
	}
	let pairs = storage.top.len();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		let debts = pallet_credit::Debts::<Runtime>::iter().count();
		let requests = pallet_credit::NextRequestId::<Runtime>::get();
		assert!(requests >= 2 && debts >= 1, "the snapshot holds the credit flow");
		AllPalletsWithSystem::try_state(block, TryStateSelect::All)
			.unwrap_or_else(|e| panic!("try_state fails on the snapshot of block #{block}: {e:?}"));
		println!(
			"try_state of every pallet passed on block #{block}: {pairs} storage pairs, \
			 {requests} requests, {debts} open debts"
		);
	});
}
