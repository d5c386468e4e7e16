//! Genesis presets, as JSON: `development` (one validator, Alice) and `local_testnet` (Alice,
//! Bob, Charlie and Dave validate). Both fund the well-known dev accounts and the credit pool, and set
//! sample grades and base limits, so a fresh chain can run the whole credit flow at once.

use crate::{
	AccountId, BalancesConfig, CreditConfig, RuntimeGenesisConfig, SudoConfig, LOCAL_CHAIN_ID, UNIT,
};
use alloc::{string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_credit::{GenesisCertificate, GenesisGrade};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each well-known dev account starts with.
pub const DEV_ACCOUNT_BALANCE: u128 = 1_000_000 * UNIT;
/// What the credit pool starts with.
pub const POOL_FUNDING: u128 = 10_000_000 * UNIT;
/// Each dev account's base credit limit at the node.
pub const DEV_BASE_LIMIT: u128 = 10_000 * UNIT;

/// The well-known dev accounts, Alice to Ferdie.
pub fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// Sample grades: Bob and Charlie sell to Alice and Dave on credit; Eve keeps a small grade for
/// Ferdie.
pub fn sample_grades() -> Vec<GenesisGrade<AccountId, u128>> {
	use Sr25519Keyring::*;
	let grade = |payee: Sr25519Keyring, payer: Sr25519Keyring, level, limit| GenesisGrade {
		payee: payee.to_account_id(),
		payer: payer.to_account_id(),
		level,
		limit,
	};
	vec![
		grade(Bob, Alice, 3, 1_000 * UNIT),
		grade(Charlie, Alice, 2, 500 * UNIT),
		grade(Bob, Dave, 1, 100 * UNIT),
		grade(Eve, Ferdie, 1, 10 * UNIT),
	]
}

/// The development CA (id 0): the well-known `//One` sr25519 key, so anyone can issue dev
/// certificates with `subkey`-style tools. Never trust it on a real chain.
pub fn dev_ca() -> Sr25519Keyring {
	Sr25519Keyring::One
}

/// Dev certificates are valid until 2100-01-01.
pub const DEV_CERTIFICATE_VALID_UNTIL: u64 = 4_102_444_800_000;

/// Certificates of the dev CA for Alice to Ferdie (serials 1 to 6), homed on this chain.
pub fn dev_certificates() -> Vec<GenesisCertificate<AccountId>> {
	const NAMES: [&str; 6] = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];
	Sr25519Keyring::well_known()
		.zip(NAMES)
		.zip(1u64..)
		.map(|((key, name), serial)| {
			let display_name = name.as_bytes().to_vec();
			let identity_hash =
				<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&display_name)
					.0;
			GenesisCertificate {
				ca: 0,
				subject: key.to_account_id(),
				identity_hash,
				display_name,
				home_chain: LOCAL_CHAIN_ID,
				serial,
				valid_from: 0,
				valid_until: DEV_CERTIFICATE_VALID_UNTIL,
			}
		})
		.collect()
}

fn genesis(validators: &[(AuraId, GrandpaId)], root: AccountId) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: dev_accounts().into_iter().map(|a| (a, DEV_ACCOUNT_BALANCE)).collect(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: validators.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: validators
				.iter()
				.map(|(_, grandpa)| (grandpa.clone(), 1))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
		credit: CreditConfig {
			pool_funding: POOL_FUNDING,
			base_limits: dev_accounts().into_iter().map(|a| (a, DEV_BASE_LIMIT)).collect(),
			grades: sample_grades(),
			cas: vec![(b"credit-chain dev CA".to_vec(), dev_ca().public().0)],
			certificates: dev_certificates(),
		},
	})
}

fn validator(key: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(key.public().into(), grandpa.public().into())
}

/// One validator, Alice, who is also sudo.
pub fn development_config_genesis() -> Value {
	genesis(
		&[validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// Alice, Bob, Charlie and Dave validate, with equal GRANDPA weight: more than two thirds of
/// it is three votes, so finality goes on with any one of them stopped. Alice is sudo.
pub fn local_config_genesis() -> Value {
	genesis(
		&[
			validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			validator(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON of a named preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(String::into_bytes)
}

/// A preset applied on the default genesis config, as a chain spec builds it: the whole
/// config, which `build_state` accepts (tests use it to start from a preset's state).
pub fn full_preset(id: &str) -> Option<Value> {
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(Value::Null), value);
				}
			}
			(base, patch) => *base = patch,
		}
	}
	let patch = match id {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).ok()?;
	merge(&mut config, patch);
	Some(config)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
