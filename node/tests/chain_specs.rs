//! The committed chain specs (`node/chain-specs/{dev,local}.json`) are what the node exports:
//! a change to a genesis preset, the chain's name, id or token properties fails this test until
//! the files are regenerated and the change is reviewed. The runtime code is left out of the
//! committed files (it is built from this repository; `credit-node export-chain-spec --chain
//! local --raw` writes a complete spec). Regenerate with
//! `UPDATE_CHAIN_SPECS=1 cargo test -p credit-node --test chain_specs`.

use serde_json::Value;
use std::{path::PathBuf, process::Command};

fn exported(chain: &str) -> Value {
	let output = Command::new(env!("CARGO_BIN_EXE_credit-node"))
		.args(["export-chain-spec", "--chain", chain])
		.output()
		.expect("the node runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let mut spec: Value = serde_json::from_slice(&output.stdout).expect("the spec is JSON");
	let genesis = spec
		.pointer_mut("/genesis/runtimeGenesis")
		.and_then(Value::as_object_mut)
		.expect("a plain spec with the runtime's genesis");
	let code = genesis.remove("code").expect("the spec carries the runtime code");
	assert!(code.as_str().is_some_and(|hex| hex.len() > 1_000), "the code is the runtime's wasm");
	spec
}

fn check(chain: &str, file: &str) {
	let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("chain-specs").join(file);
	let spec = exported(chain);
	let text = serde_json::to_string_pretty(&spec).expect("serializes") + "\n";
	if std::env::var_os("UPDATE_CHAIN_SPECS").is_some() {
		std::fs::write(&path, text).expect("writes the chain spec");
		return;
	}
	let committed = std::fs::read_to_string(&path).unwrap_or_default();
	let committed: Value = serde_json::from_str(&committed).unwrap_or(Value::Null);
	assert!(
		committed == spec,
		"{} is not what `credit-node export-chain-spec --chain {chain}` exports; regenerate it with \
		 UPDATE_CHAIN_SPECS=1 cargo test -p credit-node --test chain_specs, and review the diff",
		path.display(),
	);
}

#[test]
fn the_dev_chain_spec_is_fresh() {
	check("dev", "dev.json");
}

#[test]
fn the_local_chain_spec_is_fresh() {
	check("local", "local.json");
}
