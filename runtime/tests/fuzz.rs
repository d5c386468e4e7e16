//! A stateful fuzzer over the real runtime: random sequences of credit calls from random
//! accounts (certified dev accounts, uncertified strangers, root), with blocks and time
//! advancing by seconds to months. After every block it checks:
//!
//! - `try_state` of every pallet (`AllPalletsWithSystem`), the credit pallet's invariants included;
//! - total issuance conserved (calls are dispatched directly, so no fee is burnt) and equal to the
//!   sum of all accounts;
//! - no account with consumers but no providers;
//! - the credit pool never reaped, never below the existential deposit.
//!
//! After every call it checks that the pre-dispatch weight covers the actual weight.
//!
//! Bounded by default (`FUZZ_CALLS`, 20,000 calls; `FUZZ_SEED`, 1). Longer runs:
//! `FUZZ_CALLS=1000000 FUZZ_SEED=7 SKIP_WASM_BUILD=1 cargo test -p credit-runtime --features try-runtime --test fuzz -- --nocapture`.
//! With `UPDATE_DOCS=1` the summary is also written to `docs/fuzz-report.md`.
#![cfg(feature = "try-runtime")]

use credit_runtime::{
	genesis_config_presets, pallet_credit, AccountId, AllPalletsWithSystem, Balance, Balances,
	Credit, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, System, UNIT,
};
use frame_support::{
	dispatch::GetDispatchInfo,
	genesis_builder_helper::build_state,
	traits::{fungible::Inspect, Get, TryState, TryStateSelect, UnfilteredDispatchable},
};
use pallet_credit::{types::Goods, Call as CreditCall};
use sp_keyring::Sr25519Keyring;
use std::collections::BTreeMap;

const DAY: u64 = 24 * 60 * 60 * 1000;

/// SplitMix64: small, seeded, good enough to pick calls.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n.max(1)
	}
	fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
		&items[self.below(items.len() as u64) as usize]
	}
	fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}
}

fn env_u64(name: &str, default: u64) -> u64 {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn amount(rng: &mut Rng) -> Balance {
	match rng.below(10) {
		0 => 0,
		1 => 1,
		2 => Balance::MAX,
		3 => rng.below(2_000_000) as Balance * UNIT,
		_ => (1 + rng.below(1_500)) as Balance * UNIT,
	}
}

/// Who sends a call.
enum Sender {
	Signed(AccountId),
	Root,
}

/// A random credit call and its sender. Most calls go to a recent request and come from the
/// party that may make them, so the flow gets far; the rest come from anyone, to be refused.
fn random_call(rng: &mut Rng, accounts: &[AccountId]) -> (RuntimeCall, Sender) {
	let next_id = pallet_credit::NextRequestId::<Runtime>::get();
	let id = match rng.below(10) {
		0 => next_id + rng.below(3),
		1..=2 if next_id > 0 => rng.below(next_id),
		_ => next_id.saturating_sub(1 + rng.below(8)),
	};
	// Calls on debts mostly name an open one.
	let open_debts: Vec<u64> = pallet_credit::Debts::<Runtime>::iter_keys().take(16).collect();
	let debt_id =
		if !open_debts.is_empty() && rng.chance(80) { *rng.pick(&open_debts) } else { id };
	let request = pallet_credit::Requests::<Runtime>::get(id);
	let anyone = rng.pick(accounts).clone();
	let right = rng.chance(80);
	let payer =
		request.as_ref().filter(|_| right).map(|r| r.payer.clone()).unwrap_or(anyone.clone());
	let payee =
		request.as_ref().filter(|_| right).map(|r| r.payee.clone()).unwrap_or(anyone.clone());
	let other = rng.pick(accounts).clone();
	let goods = Goods {
		order_hash: sp_core::H256::repeat_byte(rng.below(256) as u8),
		description: vec![b'g'; rng.below(129) as usize].try_into().unwrap_or_default(),
	};
	let debt = pallet_credit::Debts::<Runtime>::get(debt_id);
	let owed = debt.as_ref().map(|debt| debt.owed());
	let debtor = debt.map(|d| d.payer).filter(|_| right).unwrap_or(anyone.clone());
	let signed = |who: AccountId| Sender::Signed(who);
	let (call, sender) = match rng.below(1000) {
		0..=199 => (
			CreditCall::request_credit_payment { payee: other, amount: amount(rng), goods },
			signed(anyone),
		),
		200..=349 => (CreditCall::accept_request { id }, signed(payee)),
		350..=379 => (CreditCall::decline_request { id }, signed(payee)),
		380..=409 => (CreditCall::cancel_request { id }, signed(payer)),
		410..=489 => (CreditCall::acknowledge_receipt { id }, signed(payee)),
		490..=619 => {
			let amount = match (owed, rng.below(4)) {
				(Some(owed), 0 | 1) => owed,
				(Some(owed), 2) => owed / 2 + 1,
				_ => amount(rng),
			};
			(
				CreditCall::repay { id: debt_id, amount },
				signed(if rng.chance(80) { debtor } else { anyone }),
			)
		}
		620..=659 => (CreditCall::close_expired { id }, signed(anyone)),
		660..=699 => (CreditCall::report_overdue { id: debt_id }, signed(anyone)),
		700..=779 => (
			CreditCall::set_grade { payer: other, level: rng.below(10) as u8, limit: amount(rng) },
			signed(anyone),
		),
		780..=799 => (CreditCall::remove_grade { payer: other }, signed(anyone)),
		800..=829 => (CreditCall::fund_pool { amount: amount(rng) }, signed(anyone)),
		830..=859 => (
			CreditCall::request_credit_increase {
				amount: amount(rng),
				evidence_hash: sp_core::H256::repeat_byte(3),
				note: vec![b'n'; 10].try_into().unwrap_or_default(),
			},
			signed(anyone),
		),
		860..=869 => (CreditCall::withdraw_credit_increase {}, signed(anyone)),
		870..=899 => {
			(CreditCall::set_base_limit { payer: other, limit: amount(rng) }, Sender::Root)
		}
		900..=929 => (CreditCall::approve_credit_increase { payer: other }, Sender::Root),
		930..=949 => (
			CreditCall::reject_credit_increase { payer: other, abusive: rng.chance(50) },
			Sender::Root,
		),
		950..=969 => {
			(CreditCall::withdraw_from_pool { to: other, amount: amount(rng) }, Sender::Root)
		}
		// Rare, or the certified accounts would soon all be gone.
		970 => (CreditCall::revoke_certificate { ca: 0, serial: rng.below(8) }, Sender::Root),
		971 => (CreditCall::remove_certificate {}, signed(anyone)),
		// A fresh certificate from the dev CA, so revoked or removed accounts come back.
		972..=989 => {
			let payload = pallet_credit::PayloadOf::<Runtime> {
				ca: 0,
				subject: anyone.clone(),
				identity_hash: sp_core::H256::repeat_byte(9),
				display_name: b"fuzz".to_vec().try_into().unwrap_or_default(),
				home_chain: credit_runtime::LOCAL_CHAIN_ID,
				serial: 1_000 + rng.below(1_000_000),
				valid_from: 0,
				valid_until: u64::MAX,
			};
			let message = pallet_credit::certificates::signed_message(
				frame_system::Pallet::<Runtime>::block_hash(0).as_ref(),
				&payload,
			);
			let ca = genesis_config_presets::dev_ca().pair();
			let signature = sp_runtime::MultiSignature::Sr25519(sp_core::Pair::sign(&ca, &message));
			(CreditCall::register_certificate { payload, signature }, signed(anyone))
		}
		_ => (CreditCall::repay { id, amount: amount(rng) }, signed(anyone)),
	};
	(RuntimeCall::Credit(call), sender)
}

/// Sets the clock as block production would: the timestamp and Aura's slot agree.
fn set_time(now: u64) {
	pallet_timestamp::Now::<Runtime>::put(now);
	let slot = now / <Runtime as pallet_aura::Config>::SlotDuration::get();
	pallet_aura::CurrentSlot::<Runtime>::put(sp_consensus_aura::Slot::from(slot));
}

fn check_block(n: u32, issuance: Balance, pool: &AccountId, checks: &mut u64) {
	if let Err(e) = AllPalletsWithSystem::try_state(n, TryStateSelect::All) {
		// Name the pallet that failed, not only that one did.
		use credit_runtime::{Aura, Grandpa, Sudo, Timestamp, TransactionPayment};
		let each: [(&str, Result<(), sp_runtime::TryRuntimeError>); 8] = [
			("System", System::try_state(n, TryStateSelect::All)),
			("Timestamp", Timestamp::try_state(n, TryStateSelect::All)),
			("Aura", Aura::try_state(n, TryStateSelect::All)),
			("Grandpa", Grandpa::try_state(n, TryStateSelect::All)),
			("Balances", Balances::try_state(n, TryStateSelect::All)),
			("TransactionPayment", TransactionPayment::try_state(n, TryStateSelect::All)),
			("Sudo", Sudo::try_state(n, TryStateSelect::All)),
			("Credit", Credit::try_state(n, TryStateSelect::All)),
		];
		let failed: Vec<String> = each
			.iter()
			.filter_map(|(name, r)| r.as_ref().err().map(|e| format!("{name}: {e:?}")))
			.collect();
		panic!("try_state failed at block {n}: {e:?}; {failed:?}");
	}
	let mut sum: Balance = 0;
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		sum += info.data.free + info.data.reserved;
		assert!(
			!(info.consumers > 0 && info.providers == 0),
			"block {n}: {who:?} has consumers but no providers"
		);
	}
	assert_eq!(Balances::total_issuance(), issuance, "block {n}: total issuance changed");
	assert_eq!(sum, issuance, "block {n}: accounts do not add up to the total issuance");
	assert!(System::account_exists(pool), "block {n}: the pool was reaped");
	assert!(
		Balances::balance(pool) >= Balances::minimum_balance(),
		"block {n}: the pool is below the existential deposit"
	);
	*checks += 1;
}

#[test]
fn random_credit_calls_keep_every_invariant() {
	let calls = env_u64("FUZZ_CALLS", 20_000);
	let seed = env_u64("FUZZ_SEED", 1);
	let config =
		genesis_config_presets::full_preset(sp_genesis_builder::DEV_RUNTIME_PRESET).unwrap();
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap()).unwrap();
		let mut now = 1_800_000_000_000u64;
		set_time(now);
		System::set_block_number(1);

		// The certified dev accounts, and two strangers without certificates.
		let mut accounts = genesis_config_presets::dev_accounts();
		for uri in ["//FuzzStranger1", "//FuzzStranger2"] {
			let stranger = sp_core::Pair::public(
				&<sp_core::sr25519::Pair as sp_core::Pair>::from_string(uri, None).unwrap(),
			);
			let stranger: AccountId = stranger.into();
			Balances::transfer_keep_alive(
				RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
				stranger.clone().into(),
				10_000 * UNIT,
			)
			.unwrap();
			accounts.push(stranger);
		}
		let issuance = Balances::total_issuance();
		let pool = Credit::pool_account();

		let mut rng = Rng(seed);
		let mut outcomes: BTreeMap<String, (u64, BTreeMap<String, u64>)> = BTreeMap::new();
		let (mut block, mut done, mut checks) = (1u32, 0u64, 0u64);
		while done < calls {
			let in_block = 1 + rng.below(20);
			for _ in 0..in_block {
				let (call, sender) = random_call(&mut rng, &accounts);
				let name = format!("{:?}", call)
					.split(['{', ' ', '('])
					.nth(1)
					.unwrap_or("?")
					.trim_end_matches(')')
					.to_string();
				let info = call.get_dispatch_info();
				let origin = match sender {
					Sender::Root => RuntimeOrigin::root(),
					Sender::Signed(who) => RuntimeOrigin::signed(who),
				};
				let RuntimeCall::Credit(inner) = call else { unreachable!() };
				let result = frame_support::storage::with_storage_layer(|| {
					inner.dispatch_bypass_filter(origin)
				});
				let post = match &result {
					Ok(post) => *post,
					Err(e) => e.post_info,
				};
				let actual = post.calc_actual_weight(&info);
				assert!(
					actual.all_lte(info.call_weight),
					"{name}: actual weight {actual:?} above the pre-dispatch weight {:?}",
					info.call_weight
				);
				let entry = outcomes.entry(name).or_default();
				match result {
					Ok(_) => entry.0 += 1,
					Err(e) => {
						let error = match e.error {
							sp_runtime::DispatchError::Module(m) => {
								m.message.unwrap_or("module error").to_string()
							}
							other => format!("{other:?}"),
						};
						*entry.1.entry(error).or_default() += 1;
					}
				}
				done += 1;
			}
			check_block(block, issuance, &pool, &mut checks);
			block += 1;
			System::set_block_number(block);
			now += match rng.below(100) {
				0..=69 => 2_000,
				70..=89 => rng.below(DAY),
				90..=97 => rng.below(10 * DAY),
				_ => 31 * DAY + rng.below(40 * DAY),
			};
			set_time(now);
		}

		let mut report = format!(
			"seed {seed}: {done} calls in {} blocks; after every block: try_state of every \
			 pallet, total issuance conserved and equal to the accounts' sum, no account with \
			 consumers but no providers, pool alive ({checks} checks passed); after every call: \
			 actual weight <= pre-dispatch weight.\n\n| call | succeeded | refused with |\n|---|---|---|\n",
			block - 1
		);
		for (name, (ok, errors)) in &outcomes {
			let errors: Vec<String> = errors.iter().map(|(e, n)| format!("{e} {n}")).collect();
			report.push_str(&format!("| {name} | {ok} | {} |\n", errors.join(", ")));
		}
		let debts = pallet_credit::Debts::<Runtime>::iter().count();
		let requests = pallet_credit::NextRequestId::<Runtime>::get();
		report.push_str(&format!(
			"\nEnd state: {requests} requests made, {debts} debts open, pool holds {} units.\n",
			Balances::balance(&pool) / UNIT
		));
		println!("{report}");
		if std::env::var_os("UPDATE_DOCS").is_some() {
			// The manifest folder as cargo gives it at run time: the build cache is shared between
			// checkouts, so a binary built in another one would carry that checkout's path.
			let dir = std::env::var("CARGO_MANIFEST_DIR")
				.unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
			let path = format!("{dir}/../docs/fuzz-report.md");
			std::fs::write(
				path,
				format!(
					"<!-- Written by the runtime's fuzz test with UPDATE_DOCS=1; do not edit. -->\n\
					 # Stateful fuzzing of the credit runtime\n\n{report}"
				),
			)
			.unwrap();
		}
		assert!(outcomes.values().any(|(ok, _)| *ok > 0), "some calls succeeded");
	});
}
