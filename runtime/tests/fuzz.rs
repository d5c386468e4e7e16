//! A stateful fuzzer through the real block: random sequences of calls built into blocks with
//! `Executive` as a node builds them (`initialize_block` with an Aura pre-digest, the timestamp
//! inherent, signed extrinsics carrying every transaction extension and paying their fees,
//! `finalize_block`), so block weight and length limits, fees, nonces and hooks all take part.
//!
//! The calls: every credit call; the admin calls through sudo, and now and then signed by an
//! account that may not make them (or through sudo by a non-sudo account); balance transfers.
//! Credit sales are played out over several calls (a grade, a request, the payee's accept and
//! acknowledgement), half of them by Ferdie, who repays only once his debt is written off: his
//! debts go overdue, accrue late charges, default, are booked by keepers and written off through
//! the payee's backing and the pool, recovered late, and he is rehabilitated. Funders redeem
//! their shares.
//! Certificates come from three CAs of three schemes, some expiring within weeks, some homed on a
//! chain the settlement cannot reach, some with a bad signature; CAs are added, removed, and
//! revoke with their own signature. Time jumps from seconds to months, and now and then lands
//! exactly on an open request's expiry, a debt's due date, its default threshold, or a
//! certificate's end, and one moment past it.
//!
//! After every block it checks:
//!
//! - `try_state` of every pallet (`AllPalletsWithSystem`), the credit pallet's invariants included;
//! - the credit holds of every account against the pallet's records (`holds-recorded`);
//! - total issuance equal to the accounts' sum, and lowered by exactly the fees the block burnt;
//! - no account with consumers but no providers; the pool alive, above the existential deposit,
//!   and holding exactly what its books say;
//! - conservation with losses, summed from the debts: what was put in and earned, less what
//!   went out or was lost, is what the pool holds plus what its performing debts owe (the
//!   pallet's own `try_state` checks its books against its debts and its shares against their
//!   supply; this checks them against the pool's balance, from outside);
//! - the block's weight and length within the runtime's limits.
//!
//! Bounded by default (`FUZZ_CALLS`, 20,000 calls; `FUZZ_SEED`, 1). Longer runs:
//! `FUZZ_CALLS=1000000 FUZZ_SEED=7 SKIP_WASM_BUILD=1 cargo test -p credit-runtime --features try-runtime --test fuzz -- --nocapture`.
//! With `UPDATE_DOCS=1` the summary is also written to `docs/fuzz-report.md`. The long mode,
//! `FUZZ_TIMING=1` on a release build (`cargo test --release ...`), also times each block's
//! execution against its weight and fails on a block that took longer; with `UPDATE_DOCS=1` it
//! writes `docs/fuzz-timing.md` instead.
#![cfg(feature = "try-runtime")]

use codec::Encode;
use credit_runtime::{
	genesis_config_presets, pallet_credit, AccountId, AllPalletsWithSystem, Balance, Balances,
	Credit, Executive, Header, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig,
	SignedPayload, System, TxExtension, UncheckedExtrinsic, SLOT_DURATION, UNIT,
};
use frame_support::{
	genesis_builder_helper::build_state,
	traits::{fungible::Inspect, TryState, TryStateSelect},
};
use pallet_credit::{
	certificates::CaId,
	types::{Goods, RequestStatus, StaleEntry},
	Call as CreditCall,
};
use scale_info::{TypeDef, TypeInfo};
use sp_core::{ecdsa, ed25519, sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{Header as _, IdentifyAccount},
	Digest, DigestItem, DispatchError, MultiAddress, MultiSignature, MultiSigner,
};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

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

/// A CA's key, in one of the three schemes a CA may use (a test's handful: size is no concern).
#[derive(Clone)]
#[allow(clippy::large_enum_variant)]
enum CaPair {
	Sr(sr25519::Pair),
	Ed(ed25519::Pair),
	Ec(ecdsa::Pair),
}

impl CaPair {
	fn public(&self) -> MultiSigner {
		match self {
			Self::Sr(p) => p.public().into(),
			Self::Ed(p) => p.public().into(),
			Self::Ec(p) => p.public().into(),
		}
	}
	fn sign(&self, message: &[u8]) -> MultiSignature {
		match self {
			Self::Sr(p) => p.sign(message).into(),
			Self::Ed(p) => p.sign(message).into(),
			Self::Ec(p) => p.sign(message).into(),
		}
	}
}

/// How a call is sent.
enum Sender {
	/// Signed by this account.
	Signed(AccountId),
	/// Through `sudo`, signed by this account (the sudo key, or not).
	Sudo(AccountId),
}

/// Everything the fuzzer keeps beside the chain: the accounts' keys and the CAs it controls.
struct World {
	keys: BTreeMap<AccountId, sr25519::Pair>,
	accounts: Vec<AccountId>,
	sudo: AccountId,
	cas: Vec<(CaId, CaPair)>,
	next_ca_seed: u64,
	/// A CA the last call tried to add: kept only if the chain stored it with that key.
	pending_ca: Option<CaId>,
	/// The rest of the credit sales under way, played out over the next calls.
	steps: VecDeque<Step>,
}

/// A step of a credit sale the fuzzer plays out over several calls, resolved against the
/// state when its turn comes.
enum Step {
	/// The payer asks the payee for `amount`, or for what the dry run says is room if less.
	Request { payer: AccountId, payee: AccountId, amount: Balance },
	/// The payee accepts the latest request waiting for it.
	Accept(AccountId),
	/// The payee acknowledges the latest payment the pool made to it.
	Acknowledge(AccountId),
}

/// The call `step` stands for now, if what it needs is there.
fn resolve(step: Step, rng: &mut Rng) -> Option<(RuntimeCall, Sender)> {
	let latest = |payee: &AccountId, settled: bool| {
		pallet_credit::Requests::<Runtime>::iter()
			.filter(|(_, r)| {
				r.payee == *payee
					&& matches!(
						(&r.status, settled),
						(RequestStatus::Pending, false) | (RequestStatus::Settled, true)
					)
			})
			.map(|(id, _)| id)
			.max()
	};
	let call = match step {
		Step::Request { payer, payee, amount } => {
			let room = Credit::dry_run(payer.clone(), payee.clone(), 1).room();
			let amount = amount.min(room).max(1);
			let goods = Goods {
				order_hash: H256::repeat_byte(rng.below(256) as u8),
				description: b"sale".to_vec().try_into().unwrap_or_default(),
			};
			return Some((
				RuntimeCall::Credit(CreditCall::request_credit_payment { payee, amount, goods }),
				Sender::Signed(payer),
			));
		}
		Step::Accept(payee) => (CreditCall::accept_request { id: latest(&payee, false)? }, payee),
		Step::Acknowledge(payee) => {
			(CreditCall::acknowledge_receipt { id: latest(&payee, true)? }, payee)
		}
	};
	Some((RuntimeCall::Credit(call.0), Sender::Signed(call.1)))
}

/// A random call and its sender. Most calls go to a recent request and come from the party that
/// may make them, so the flow gets far; the rest come from anyone, to be refused.
fn random_call(rng: &mut Rng, world: &mut World, now: u64) -> (RuntimeCall, Sender) {
	if rng.chance(70) {
		if let Some(call) = world.steps.pop_front().and_then(|step| resolve(step, rng)) {
			return call;
		}
	}
	let next_id = pallet_credit::NextRequestId::<Runtime>::get();
	let id = match rng.below(10) {
		0 => next_id + rng.below(3),
		1..=2 if next_id > 0 => rng.below(next_id),
		_ => next_id.saturating_sub(1 + rng.below(8)),
	};
	// Calls on debts mostly name an open one. Ferdie never repays his own: his debts stay open
	// until they go overdue and into default.
	let defaulter = Sr25519Keyring::Ferdie.to_account_id();
	let open_debts: Vec<u64> =
		pallet_credit::Debts::<Runtime>::iter().take(16).map(|(id, _)| id).collect();
	let debt_id =
		if !open_debts.is_empty() && rng.chance(80) { *rng.pick(&open_debts) } else { id };
	let request = pallet_credit::Requests::<Runtime>::get(id);
	let anyone = rng.pick(&world.accounts).clone();
	let right = rng.chance(80);
	let payer =
		request.as_ref().filter(|_| right).map(|r| r.payer.clone()).unwrap_or(anyone.clone());
	let payee =
		request.as_ref().filter(|_| right).map(|r| r.payee.clone()).unwrap_or(anyone.clone());
	let other = rng.pick(&world.accounts).clone();
	let goods = Goods {
		order_hash: H256::repeat_byte(rng.below(256) as u8),
		description: vec![b'g'; rng.below(129) as usize].try_into().unwrap_or_default(),
	};
	let debt = pallet_credit::Debts::<Runtime>::get(debt_id);
	let owed = debt.as_ref().map(|debt| debt.owed());
	let written_off = debt.as_ref().is_some_and(|debt| debt.write_off.is_some());
	let debtor = debt.map(|d| d.payer).filter(|_| right).unwrap_or(anyone.clone());
	let signed = |who: AccountId| Sender::Signed(who);
	// Admin calls: mostly through sudo by the sudo key; now and then by anyone, to be refused.
	let admin = |rng: &mut Rng, anyone: AccountId, sudo: AccountId| match rng.below(10) {
		0 => Sender::Signed(anyone),
		1 => Sender::Sudo(anyone),
		_ => Sender::Sudo(sudo),
	};
	let sudo = world.sudo.clone();
	let (call, sender) = match rng.below(1000) {
		// A colluding ring: Eve and Ferdie (who never repays) ask Charlie and Dave for the most
		// the dry run says would be paid; their payees accept as the others do.
		0..=29 => {
			let ring_payer =
				rng.pick(&[Sr25519Keyring::Eve, Sr25519Keyring::Ferdie]).to_account_id();
			let ring_payee =
				rng.pick(&[Sr25519Keyring::Charlie, Sr25519Keyring::Dave]).to_account_id();
			let dry = Credit::dry_run(ring_payer.clone(), ring_payee.clone(), 1);
			let room = dry.room();
			// Sometimes one unit more than fits, to see the cap refuse it.
			let amount = (room * 100 / 101).max(1) + Balance::from(rng.chance(20));
			(
				CreditCall::request_credit_payment { payee: ring_payee, amount, goods },
				signed(ring_payer),
			)
		}
		// A credit sale, played out over the next calls: the payee grades the payer (backing a
		// tenth of the limit), the payer asks for most of it, the payee accepts and then
		// acknowledges. Ferdie is the payer half the time, so debts go on into default.
		30..=69 => {
			use Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve};
			let payer = if rng.chance(50) {
				defaulter.clone()
			} else {
				rng.pick(&[Alice, Dave, Eve]).to_account_id()
			};
			let payee = loop {
				let payee = rng.pick(&[Bob, Charlie, Dave, Eve]).to_account_id();
				if payee != payer {
					break payee;
				}
			};
			let limit = (50 + rng.below(550)) as Balance * UNIT;
			if world.steps.len() < 12 {
				let amount = limit / 100 * (50 + rng.below(51)) as Balance;
				world.steps.extend([
					Step::Request { payer: payer.clone(), payee: payee.clone(), amount },
					Step::Accept(payee.clone()),
					Step::Acknowledge(payee.clone()),
				]);
			}
			let level = 1 + rng.below(5) as u8;
			(CreditCall::set_grade { payer, level, limit }, signed(payee))
		}
		70..=189 => (
			CreditCall::request_credit_payment { payee: other, amount: amount(rng), goods },
			signed(anyone),
		),
		190..=329 => (CreditCall::accept_request { id }, signed(payee)),
		330..=359 => (CreditCall::decline_request { id }, signed(payee)),
		360..=389 => (CreditCall::cancel_request { id }, signed(payer)),
		390..=459 => (CreditCall::acknowledge_receipt { id }, signed(payee)),
		460..=579 => {
			let amount = match (owed, rng.below(4)) {
				(Some(owed), 0 | 1) => owed,
				(Some(owed), 2) => owed / 2 + 1,
				_ => amount(rng),
			};
			let by = if rng.chance(80) { debtor } else { anyone };
			// Ferdie pays back only what was written off, late: a recovery.
			if by == defaulter && !(written_off && rng.chance(40)) {
				return (
					RuntimeCall::Credit(CreditCall::report_overdue { id: debt_id }),
					signed(by),
				);
			}
			(CreditCall::repay { id: debt_id, amount }, signed(by))
		}
		580..=619 => (CreditCall::close_expired { id }, signed(anyone)),
		620..=659 => (CreditCall::report_overdue { id: debt_id }, signed(anyone)),
		660..=729 => (
			CreditCall::set_grade { payer: other, level: rng.below(10) as u8, limit: amount(rng) },
			signed(anyone),
		),
		730..=739 => {
			// A ring payee takes back the backing behind what its payers owe: locked.
			let ring_payer =
				rng.pick(&[Sr25519Keyring::Eve, Sr25519Keyring::Ferdie]).to_account_id();
			let ring_payee =
				rng.pick(&[Sr25519Keyring::Charlie, Sr25519Keyring::Dave]).to_account_id();
			(CreditCall::remove_grade { payer: ring_payer }, signed(ring_payee))
		}
		740..=749 => (CreditCall::remove_grade { payer: other }, signed(anyone)),
		750..=779 => (CreditCall::fund_pool { amount: amount(rng) }, signed(anyone)),
		780..=809 => (
			CreditCall::request_credit_increase {
				amount: amount(rng),
				evidence_hash: H256::repeat_byte(3),
				note: vec![b'n'; 10].try_into().unwrap_or_default(),
			},
			signed(anyone),
		),
		810..=819 => (CreditCall::withdraw_credit_increase {}, signed(anyone)),
		820..=844 => (
			CreditCall::set_base_limit { payer: other, limit: amount(rng) },
			admin(rng, anyone, sudo),
		),
		845..=869 => {
			(CreditCall::approve_credit_increase { payer: other }, admin(rng, anyone, sudo))
		}
		870..=884 => (
			CreditCall::reject_credit_increase { payer: other, abusive: rng.chance(50) },
			admin(rng, anyone, sudo),
		),
		885..=899 => {
			// A funder redeems its own shares: all, part, or more than it holds (refused).
			let pool = Credit::pool_account();
			let funder = pallet_credit::Shares::<Runtime>::iter_keys().find(|who| *who != pool);
			let who = funder.filter(|_| rng.chance(80)).unwrap_or(anyone);
			let held = pallet_credit::Shares::<Runtime>::get(&who).unwrap_or_default();
			let shares = match rng.below(3) {
				0 => held,
				1 => held * 9 / 10,
				_ => held + 1,
			};
			(CreditCall::redeem_shares { shares }, signed(who))
		}
		// Rare, or the certified accounts would soon all be gone.
		900..=902 => {
			let ca = world.cas.get(rng.below(world.cas.len() as u64 + 1) as usize).map(|c| c.0);
			let (ca, serial) = match registered_serial(rng) {
				Some(held) if rng.chance(50) => held,
				_ => (ca.unwrap_or(99), rng.below(8)),
			};
			(CreditCall::revoke_certificate { ca, serial }, admin(rng, anyone, sudo))
		}
		903..=905 => {
			let (ca, pair) = world
				.cas
				.get(rng.below(world.cas.len() as u64 + 1) as usize)
				.cloned()
				.unwrap_or((99, CaPair::Sr(sr25519::Pair::from_seed(&[7; 32]))));
			let serial = match registered_serial(rng) {
				Some((held_ca, held)) if held_ca == ca && rng.chance(50) => held,
				_ => rng.below(8),
			};
			let genesis = System::block_hash(0);
			let message =
				pallet_credit::certificates::revocation_message(genesis.as_ref(), ca, serial);
			let signature = if rng.chance(80) { pair.sign(&message) } else { pair.sign(b"not it") };
			(CreditCall::revoke_certificate_signed { ca, serial, signature }, signed(anyone))
		}
		906..=908 if rng.chance(15) && !world.cas.is_empty() => {
			// A key trusted already, under another id: refused.
			let (_, pair) = rng.pick(&world.cas).clone();
			let name = b"fuzz CA".to_vec().try_into().unwrap();
			(CreditCall::add_ca { name, key: pair.public() }, admin(rng, anyone, sudo))
		}
		906..=908 => {
			world.next_ca_seed += 1;
			let seed = format!("//FuzzCA{}", world.next_ca_seed);
			let pair = match rng.below(3) {
				0 => CaPair::Sr(sr25519::Pair::from_string(&seed, None).unwrap()),
				1 => CaPair::Ed(ed25519::Pair::from_string(&seed, None).unwrap()),
				_ => CaPair::Ec(ecdsa::Pair::from_string(&seed, None).unwrap()),
			};
			let name = b"fuzz CA".to_vec().try_into().unwrap();
			// The id it will get if the call succeeds; kept only once the CA is seen stored.
			let id = pallet_credit::NextCaId::<Runtime>::get();
			world.cas.push((id, pair.clone()));
			world.pending_ca = Some(id);
			(CreditCall::add_ca { name, key: pair.public() }, admin(rng, anyone, sudo))
		}
		909 => {
			// Never the first three: without any CA left, nobody could be certified again.
			let next = u64::from(pallet_credit::NextCaId::<Runtime>::get().max(4));
			let ca = 3 + rng.below(next - 2) as u32;
			(CreditCall::remove_ca { ca }, admin(rng, anyone, sudo))
		}
		910..=912 => (CreditCall::remove_certificate {}, signed(debtor)),
		// A fresh certificate, so revoked, expired or removed accounts come back.
		913..=949 => {
			let (ca, pair) = rng.pick(&world.cas).clone();
			let valid_until = match rng.below(20) {
				0 => now.saturating_sub(1 + rng.below(DAY)),
				1..=6 => now + rng.below(60 * DAY),
				_ => u64::MAX,
			};
			let home_chain = if rng.chance(10) { 99 } else { credit_runtime::LOCAL_CHAIN_ID };
			let subject = if rng.chance(3) { other.clone() } else { anyone.clone() };
			// Now and then another actor's identity: one person behind two accounts.
			let identity_hash =
				if rng.chance(8) { identity_of(&other) } else { identity_of(&subject) };
			let payload = pallet_credit::PayloadOf::<Runtime> {
				ca,
				subject,
				identity_hash,
				display_name: b"fuzz".to_vec().try_into().unwrap_or_default(),
				home_chain,
				serial: if rng.chance(15) { rng.below(8) } else { 1_000 + rng.below(1_000_000) },
				valid_from: if rng.chance(5) { now + DAY } else { 0 },
				valid_until,
			};
			let message = pallet_credit::certificates::signed_message(
				System::block_hash(0).as_ref(),
				&payload,
			);
			let signature = match rng.below(20) {
				0 => pair.sign(b"something else"),
				1 => rng.pick(&world.cas).1.sign(&message),
				_ => pair.sign(&message),
			};
			(CreditCall::register_certificate { payload, signature }, signed(anyone))
		}
		950..=979 => {
			let call = pallet_balances::Call::transfer_keep_alive {
				dest: MultiAddress::Id(other),
				value: (1 + rng.below(500)) as Balance * UNIT,
			};
			return (RuntimeCall::Balances(call), signed(anyone));
		}
		980..=989 => {
			let entry = match rng.below(3) {
				0 => StaleEntry::Request(id),
				1 => StaleEntry::PayeeVolume(other),
				_ => {
					let ca = rng.below(u64::from(pallet_credit::NextCaId::<Runtime>::get()) + 1);
					StaleEntry::RevokedSerial(ca as u32, rng.below(8))
				}
			};
			(CreditCall::reap { entry }, signed(anyone))
		}
		990..=994 => {
			let payer = if rng.chance(70) { defaulter } else { other };
			let reason = b"repaid in full".to_vec().try_into().unwrap_or_default();
			(CreditCall::rehabilitate { payer, reason }, admin(rng, anyone, sudo))
		}
		_ => (CreditCall::repay { id, amount: amount(rng) }, signed(anyone)),
	};
	(RuntimeCall::Credit(call), sender)
}

/// A registered certificate's CA and serial, if any is registered.
fn registered_serial(rng: &mut Rng) -> Option<(CaId, u64)> {
	let held: Vec<(CaId, u64)> =
		pallet_credit::CertificateHolders::<Runtime>::iter_keys().take(16).collect();
	(!held.is_empty()).then(|| *rng.pick(&held))
}

/// The signed extrinsic `who` sends for `call`, with every extension of the runtime.
fn extrinsic(world: &World, who: &AccountId, call: RuntimeCall) -> UncheckedExtrinsic {
	let nonce = System::account_nonce(who);
	let tx_ext: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(sp_runtime::generic::Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let payload = SignedPayload::new(call.clone(), tx_ext.clone()).expect("implicit data is there");
	let signature = payload.using_encoded(|bytes| world.keys[who].sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(who.clone()),
		MultiSignature::Sr25519(signature),
		tx_ext,
	)
}

/// The chain the fuzzer builds: the next block's number, its parent and its time.
struct Chain {
	number: u32,
	parent: H256,
	now: u64,
}

/// Starts a block as a node would: the Aura slot in a pre-digest, then the timestamp inherent.
fn start_block(chain: &Chain) {
	let slot = sp_consensus_aura::Slot::from(chain.now / SLOT_DURATION);
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
	};
	let header = Header::new(chain.number, H256::zero(), H256::zero(), chain.parent, digest);
	Executive::initialize_block(&header);
	let timestamp = RuntimeCall::Timestamp(pallet_timestamp::Call::set { now: chain.now });
	Executive::apply_extrinsic(UncheckedExtrinsic::new_bare(timestamp))
		.expect("the timestamp inherent applies")
		.expect("the timestamp inherent succeeds");
}

/// `pallet::call`, as the report names it.
fn call_name(call: &RuntimeCall) -> String {
	let (pallet, inner) = match call {
		RuntimeCall::Credit(inner) => ("Credit", format!("{inner:?}")),
		RuntimeCall::Balances(inner) => ("Balances", format!("{inner:?}")),
		other => ("?", format!("{other:?}")),
	};
	let name = inner.split(['{', ' ', '(']).next().unwrap_or("?").to_string();
	format!("{pallet}::{name}")
}

/// The name of a dispatch error, as the metadata names it.
fn error_name(error: DispatchError) -> String {
	match error {
		DispatchError::Module(m) => {
			if let Some(message) = m.message {
				return message.to_string();
			}
			let TypeDef::Variant(variants) = pallet_credit::Error::<Runtime>::type_info().type_def
			else {
				unreachable!("Error is an enum")
			};
			use frame_support::traits::PalletInfo;
			let credit = <Runtime as frame_system::Config>::PalletInfo::index::<Credit>();
			match credit {
				Some(index) if index as u8 == m.index => variants
					.variants
					.iter()
					.find(|v| v.index == m.error[0])
					.map(|v| v.name.to_string())
					.unwrap_or_else(|| format!("{m:?}")),
				_ => format!("module {} error {}", m.index, m.error[0]),
			}
		}
		other => format!("{other:?}"),
	}
}

/// The identity `who` is certified as (its registered certificate's), or else one of its own.
fn identity_of(who: &AccountId) -> H256 {
	pallet_credit::Parties::<Runtime>::get(who)
		.certificate
		.map(|certificate| certificate.payload.identity_hash)
		.unwrap_or_else(|| H256(sp_io::hashing::blake2_256(who.as_ref())))
}

/// Every check after a block; `burnt` is what the block's fees took out of the issuance.
/// The most each payee's repaid sales have been: the economic bound's memory.
type VolumeSeen = BTreeMap<AccountId, Balance>;

/// The economic bound (`docs/risk.md`): what is owed for credit paid to each payee is at most
/// the allowance, its share of the most repaid sales the payee had and the backing it holds; and
/// all that is owed to the pool is at most its exposure share of everything ever put into it
/// (funding, fees, late charges, forfeited deposits, recoveries and backing taken), which bounds
/// its value at every moment. Both leave out the late charges performing debts owe: those are
/// added to debts after the caps let them in, and no money was paid out for them.
fn check_economic_bound(n: u32, seen: &mut VolumeSeen) {
	use frame_support::traits::fungible::InspectHold;
	use frame_support::traits::Get;
	let allowance: Balance = <Runtime as pallet_credit::Config>::PayeeExposureAllowance::get();
	let share = <Runtime as pallet_credit::Config>::PayeeExposureShare::get();
	for payee in pallet_credit::PayeeVolume::<Runtime>::iter_keys() {
		let volume = Credit::payee_volume(payee.clone());
		let most = seen.entry(payee).or_default();
		*most = (*most).max(volume);
	}
	let backing_reason =
		credit_runtime::RuntimeHoldReason::Credit(pallet_credit::HoldReason::GradeBacking);
	// Late charges add to what is owed, but are no money paid out: the caps bound the rest.
	let mut late: BTreeMap<AccountId, Balance> = BTreeMap::new();
	for debt in pallet_credit::Debts::<Runtime>::iter_values() {
		if debt.write_off.is_none() {
			*late.entry(debt.payee).or_default() += debt.late_charge;
		}
	}
	for (payee, exposure) in pallet_credit::PayeeExposure::<Runtime>::iter() {
		let most = seen.get(&payee).copied().unwrap_or_default();
		let backing = Balances::balance_on_hold(&backing_reason, &payee);
		let bound = allowance
			+ share.mul_floor(most)
			+ backing + late.get(&payee).copied().unwrap_or_default();
		assert!(
			exposure <= bound,
			"block {n}: {exposure} owed for credit paid to {payee:?}, above its bound {bound}"
		);
	}
	let ledger = pallet_credit::Pool::<Runtime>::get();
	let put_in = ledger.funded
		+ ledger.fees_charged
		+ ledger.forfeited
		+ ledger.late_charged
		+ ledger.recovered
		+ ledger.backing_taken;
	let pool_bound = <Runtime as pallet_credit::Config>::MaxPoolExposure::get().mul_floor(put_in)
		+ late.values().sum::<Balance>();
	assert!(
		ledger.outstanding() <= pool_bound,
		"block {n}: {} owed to the pool, above its bound {pool_bound}",
		ledger.outstanding()
	);
}

/// Conservation with losses, summed from the debts themselves rather than the ledger's own
/// figures: what was put in and earned (funding, forfeits, fees, late charges, recoveries and
/// the backing taken) less what went out or was lost (redemptions, keeper rewards, write-offs,
/// what recoveries returned to backing) equals what the pool holds plus what performing debts
/// owe it.
fn check_losses_booked(n: u32, pool: &AccountId) {
	let ledger = pallet_credit::Pool::<Runtime>::get();
	let performing: Balance = pallet_credit::Debts::<Runtime>::iter_values()
		.filter(|debt| debt.write_off.is_none())
		.map(|debt| debt.owed())
		.sum();
	let put_in = ledger.funded
		+ ledger.forfeited
		+ ledger.fees_charged
		+ ledger.late_charged
		+ ledger.recovered
		+ ledger.backing_taken;
	let out_or_lost =
		ledger.withdrawn + ledger.keeper_rewards + ledger.written_off + ledger.returned_to_backing;
	assert_eq!(
		put_in,
		out_or_lost + Balances::balance(pool) + performing,
		"block {n}: put in and earned, less out and lost, is not what the pool holds and is owed"
	);
}

fn check_block(n: u32, issuance: &mut Balance, burnt: Balance, pool: &AccountId, checks: &mut u64) {
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
	// Every credit hold on any account, against the pallet's records (`holds-recorded`).
	let holds = pallet_balances::Holds::<Runtime>::iter().flat_map(|(who, holds)| {
		holds.into_iter().filter_map(move |hold| match hold.id {
			credit_runtime::RuntimeHoldReason::Credit(reason) => {
				Some((who.clone(), reason, hold.amount))
			}
			#[allow(unreachable_patterns)]
			_ => None,
		})
	});
	if let Err(e) = Credit::check_holds_recorded(holds) {
		panic!("block {n}: {e:?}");
	}
	let mut sum: Balance = 0;
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		sum += info.data.free + info.data.reserved;
		assert!(
			!(info.consumers > 0 && info.providers == 0),
			"block {n}: {who:?} has consumers but no providers"
		);
	}
	assert_eq!(
		Balances::total_issuance(),
		*issuance - burnt,
		"block {n}: total issuance moved by other than the fees burnt"
	);
	*issuance -= burnt;
	assert_eq!(sum, *issuance, "block {n}: accounts do not add up to the total issuance");
	assert!(System::account_exists(pool), "block {n}: the pool was reaped");
	assert_eq!(
		Credit::unbooked_pool_balance(),
		Ok(0),
		"block {n}: the pool's balance differs from its books (nobody pays it outside the pallet)"
	);
	assert!(
		Balances::balance(pool) >= Balances::minimum_balance(),
		"block {n}: the pool is below the existential deposit"
	);
	*checks += 1;
}

/// The moments an object in state changes standing at: an open request's expiry, a debt's due
/// date and default threshold, a certificate's end.
fn boundaries() -> Vec<(&'static str, u64)> {
	let default_after = <Runtime as pallet_credit::Config>::DefaultAfter::get();
	let mut out = Vec::new();
	for request in pallet_credit::Requests::<Runtime>::iter_values().take(32) {
		out.push(("request expiry", request.expires_at));
	}
	for debt in pallet_credit::Debts::<Runtime>::iter_values().take(32) {
		out.push(("due date", debt.due_at));
		out.push(("default threshold", debt.due_at.saturating_add(default_after)));
	}
	for state in pallet_credit::Parties::<Runtime>::iter_values().take(32) {
		if let Some(certificate) = state.certificate {
			out.push(("certificate end", certificate.payload.valid_until));
		}
	}
	out
}

#[test]
fn random_blocks_keep_every_invariant() {
	let calls = env_u64("FUZZ_CALLS", 20_000);
	let seed = env_u64("FUZZ_SEED", 1);
	let config =
		genesis_config_presets::full_preset(sp_genesis_builder::DEV_RUNTIME_PRESET).unwrap();
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap()).unwrap();
		let mut chain = Chain { number: 1, parent: System::block_hash(0), now: 1_800_000_000_000 };

		// The certified dev accounts, and two strangers without certificates; the dev CA, and
		// two more CAs of the other schemes added in the first block.
		let mut keys: BTreeMap<AccountId, sr25519::Pair> =
			Sr25519Keyring::well_known().map(|k| (k.to_account_id(), k.pair())).collect();
		let strangers: Vec<sr25519::Pair> = ["//FuzzStranger1", "//FuzzStranger2"]
			.iter()
			.map(|uri| sr25519::Pair::from_string(uri, None).unwrap())
			.collect();
		for pair in &strangers {
			keys.insert(MultiSigner::from(pair.public()).into_account(), pair.clone());
		}
		let sudo = Sr25519Keyring::Alice.to_account_id();
		let mut world = World {
			accounts: keys.keys().cloned().collect(),
			keys,
			sudo: sudo.clone(),
			cas: vec![(0, CaPair::Sr(genesis_config_presets::dev_ca().pair()))],
			next_ca_seed: 0,
			pending_ca: None,
			steps: VecDeque::new(),
		};
		let pool = Credit::pool_account();
		let mut issuance = Balances::total_issuance();
		let mut checks = 0u64;
		let mut volume_seen = VolumeSeen::new();

		start_block(&chain);
		let setup_ed = CaPair::Ed(ed25519::Pair::from_string("//FuzzCaEd", None).unwrap());
		let setup_ec = CaPair::Ec(ecdsa::Pair::from_string("//FuzzCaEcdsa", None).unwrap());
		let mut setup: Vec<RuntimeCall> = strangers
			.iter()
			.map(|pair| {
				RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
					dest: MultiAddress::Id(MultiSigner::from(pair.public()).into_account()),
					value: 10_000 * UNIT,
				})
			})
			.collect();
		for (id, pair) in [(1, setup_ed), (2, setup_ec)] {
			let add = CreditCall::add_ca {
				name: b"fuzz CA".to_vec().try_into().unwrap(),
				key: pair.public(),
			};
			let call = pallet_sudo::Call::sudo { call: Box::new(RuntimeCall::Credit(add)) };
			setup.push(RuntimeCall::Sudo(call));
			world.cas.push((id, pair));
		}
		let mut burnt = 0;
		for call in setup {
			let xt = extrinsic(&world, &sudo, call);
			Executive::apply_extrinsic(xt).expect("setup is valid").expect("setup succeeds");
		}
		burnt += fees_burnt();
		let header = Executive::finalize_block();
		check_block(chain.number, &mut issuance, std::mem::take(&mut burnt), &pool, &mut checks);
		check_economic_bound(chain.number, &mut volume_seen);
		chain.parent = header.hash();
		chain.number += 1;
		chain.now += SLOT_DURATION;

		let mut rng = Rng(seed);
		let mut outcomes: BTreeMap<String, (u64, BTreeMap<String, u64>)> = BTreeMap::new();
		let mut boundaries_hit: BTreeMap<&'static str, u64> = BTreeMap::new();
		let mut done = 0u64;
		// The long mode on a release build: each block's execution time against its weight.
		let timing = std::env::var_os("FUZZ_TIMING").is_some();
		assert!(
			!(timing && cfg!(debug_assertions)),
			"FUZZ_TIMING measures the weights' machine speed: run it with --release"
		);
		let mut slowest = (0f64, 0u32, std::time::Duration::ZERO, 0u64);
		// The credit events of the run, by name: settlements, defaults, write-offs, recoveries.
		let mut events: BTreeMap<String, u64> = BTreeMap::new();
		let limits = <Runtime as frame_system::Config>::BlockWeights::get();
		let length = <Runtime as frame_system::Config>::BlockLength::get();
		while done < calls {
			// What `Executive` spends on this block, timed apart from the fuzzer's own work.
			let timer = std::time::Instant::now();
			start_block(&chain);
			let mut executing = timer.elapsed();
			let in_block = 1 + rng.below(20);
			for _ in 0..in_block {
				let (call, sender) = random_call(&mut rng, &mut world, chain.now);
				let name = call_name(&call);
				let (who, call, via_sudo) = match sender {
					Sender::Signed(who) => (who, call, false),
					Sender::Sudo(who) => {
						let sudo_call = pallet_sudo::Call::sudo { call: Box::new(call) };
						(who, RuntimeCall::Sudo(sudo_call), true)
					}
				};
				System::reset_events();
				let xt = extrinsic(&world, &who, call);
				let timer = std::time::Instant::now();
				let result = Executive::apply_extrinsic(xt);
				executing += timer.elapsed();
				if let Some(id) = world.pending_ca.take() {
					let stored = pallet_credit::CertificateAuthorities::<Runtime>::get(id)
						.map(|ca| MultiSigner::from(ca.key));
					let tried = world.cas.last().map(|(_, pair)| pair.public());
					if stored.is_none() || stored != tried {
						world.cas.pop();
					}
				}
				let outcome = match result {
					Err(invalid) => Err(format!("invalid: {invalid:?}")),
					Ok(Err(error)) => Err(error_name(error)),
					Ok(Ok(())) if via_sudo => match sudo_result() {
						Some(Err(error)) => Err(error_name(error)),
						_ => Ok(()),
					},
					Ok(Ok(())) => Ok(()),
				};
				burnt += fees_burnt();
				for record in System::events() {
					if let RuntimeEvent::Credit(event) = record.event {
						let name = format!("{event:?}");
						let name = name.trim_start_matches("Event::");
						let name = name.split([' ', '{', '(']).next().unwrap_or("?").to_string();
						*events.entry(name).or_default() += 1;
					}
				}
				let entry = outcomes.entry(name).or_default();
				match outcome {
					Ok(()) => entry.0 += 1,
					Err(error) => *entry.1.entry(error).or_default() += 1,
				}
				done += 1;
			}
			let weight = frame_system::BlockWeight::<Runtime>::get().total();
			assert!(
				weight.all_lte(limits.max_block),
				"block {}: weight {weight:?} above the limit",
				chain.number
			);
			let len = System::block_size();
			assert!(
				len <= *length.max.get(frame_support::dispatch::DispatchClass::Mandatory),
				"block {}: length {len} above the limit",
				chain.number
			);
			let timer = std::time::Instant::now();
			let header = Executive::finalize_block();
			executing += timer.elapsed();
			if timing {
				// Picoseconds, as `ref_time` counts them.
				let took = executing.as_nanos().saturating_mul(1_000);
				let ratio = took as f64 / weight.ref_time().max(1) as f64;
				assert!(
					took <= u128::from(weight.ref_time()),
					"block {}: took {executing:?}, longer than its weight {weight:?} says",
					chain.number
				);
				if ratio > slowest.0 {
					slowest = (ratio, chain.number, executing, weight.ref_time());
				}
			}
			check_block(
				chain.number,
				&mut issuance,
				std::mem::take(&mut burnt),
				&pool,
				&mut checks,
			);
			check_economic_bound(chain.number, &mut volume_seen);
			check_losses_booked(chain.number, &pool);
			chain.parent = header.hash();
			chain.number += 1;

			// Time moves on: mostly a block's worth, sometimes days or months, and now and
			// then exactly to a moment something changes standing at, or one past it.
			let step = match rng.below(100) {
				0..=59 => 2_000,
				60..=79 => rng.below(DAY),
				80..=89 => rng.below(10 * DAY),
				90..=93 => 31 * DAY + rng.below(40 * DAY),
				_ => 0,
			};
			let ahead: Vec<_> = boundaries()
				.into_iter()
				.filter(|(_, at)| *at >= chain.now + 2_000 && *at < u64::MAX / 2)
				.collect();
			if step == 0 && !ahead.is_empty() {
				let (kind, at) = *rng.pick(&ahead);
				chain.now = at + rng.below(2);
				*boundaries_hit.entry(kind).or_default() += 1;
			} else {
				chain.now += step.max(2_000);
			}
		}

		let blocks = chain.number - 1;
		let mut report = format!(
			"seed {seed}: {done} calls in {blocks} blocks built with `Executive` (timestamp \
			 inherent, signed extrinsics with every transaction extension and their fees); \
			 after every block: try_state of every pallet, the credit holds of every account \
			 against the pallet's records, total issuance equal to the accounts' sum and lowered \
			 by exactly the fees burnt, no account with consumers but no providers, pool alive, \
			 block weight and length within the limits, the economic bound of `docs/risk.md` \
			 (each payee's exposure within its cap's bound, the pool's within its share; a \
			 colluding ring of Eve and Ferdie at Charlie and Dave draws the most the dry run \
			 allows), and conservation with losses summed from the debts (what was put in and \
			 earned, less what went out or was lost, is what the pool holds plus what performing \
			 debts owe) ({checks} checks passed).\n\n\
			 Time landed exactly on (or one moment past) a boundary {} times: {}.\n\n\
			 Credit events: {}.\n\n\
			 The pool's books at the end: {}.\n\n\
			 | call | succeeded | refused with |\n|---|---|---|\n",
			boundaries_hit.values().sum::<u64>(),
			boundaries_hit.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", "),
			events.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", "),
			pool_books(),
		);
		for (name, (ok, errors)) in &outcomes {
			let errors: Vec<String> = errors.iter().map(|(e, n)| format!("{e} {n}")).collect();
			report.push_str(&format!("| {name} | {ok} | {} |\n", errors.join(", ")));
		}
		let reached: BTreeSet<&str> =
			outcomes.values().flat_map(|(_, e)| e.keys().map(String::as_str)).collect();
		let TypeDef::Variant(errors) = pallet_credit::Error::<Runtime>::type_info().type_def else {
			unreachable!("Error is an enum")
		};
		let missed: Vec<String> = errors
			.variants
			.iter()
			.map(|v| v.name)
			.filter(|n| !reached.contains(n))
			.map(|n| match unreachable_reason(n) {
				Some(why) => format!("{n} ({why})"),
				None => n.to_string(),
			})
			.collect();
		let debts = pallet_credit::Debts::<Runtime>::iter().count();
		let requests = pallet_credit::NextRequestId::<Runtime>::get();
		report.push_str(&format!(
			"\nCredit errors never reached in this run: {}.\n\nEnd state: {requests} requests \
			 made, {debts} debts open, pool holds {} units.\n",
			if missed.is_empty() { "none".to_string() } else { missed.join(", ") },
			Balances::balance(&pool) / UNIT
		));
		if timing {
			let (ratio, block, took, ref_time) = slowest;
			let timed = format!(
				"seed {seed}, {done} calls in {blocks} blocks on a release build \
				 (`FUZZ_TIMING=1`): every block executed within its weight; the slowest for its \
				 weight was block {block}, {took:?} for a weight of {} µs ({:.1}% of it).\n",
				ref_time / 1_000_000,
				ratio * 100.0
			);
			println!("{timed}");
			if std::env::var_os("UPDATE_DOCS").is_some() {
				let dir = std::env::var("CARGO_MANIFEST_DIR")
					.unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
				std::fs::write(
					format!("{dir}/../docs/fuzz-timing.md"),
					format!(
						"<!-- Written by the runtime's fuzz test with FUZZ_TIMING=1 UPDATE_DOCS=1 \
						 on a release build; do not edit. -->\n\
						 # Block execution time against weight\n\n\
						 The stateful fuzzer's blocks, executed natively over in-memory storage \
						 and timed apart from the fuzzer's own work (`Executive::initialize_block`, \
						 every `apply_extrinsic`, `finalize_block`), against the weight each block \
						 used. Native execution over memory is faster than the Wasm runtime over \
						 the node's database that the weights price, so this bounds the calls' \
						 computation, not their storage costs (`docs/performance.md` measures \
						 those on the node).\n\n{timed}"
					),
				)
				.unwrap();
			}
		}
		println!("{report}");
		if std::env::var_os("UPDATE_DOCS").is_some() && !timing {
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
		// The loss side of credit is reached, not only the lending side.
		for event in
			["DebtDefaulted", "DebtWrittenOff", "KeeperRewarded", "Recovered", "SharesRedeemed"]
		{
			assert!(events.get(event).is_some_and(|n| *n > 0), "no {event} in the run");
		}
		assert!(!boundaries_hit.is_empty(), "time landed on a boundary");
	});
}

/// Why a run of real blocks cannot reach an error, for the errors that are defensive: each has
/// a unit test that reaches it by setting up the state no call sequence makes.
fn unreachable_reason(error: &str) -> Option<&'static str> {
	Some(match error {
		"PartyEntryUndecodable" => {
			"needs an entry a layout change left undecodable; the unit tests corrupt one"
		}
		"SameIdentity" => {
			"an identity is one account's at a time, so two parties never share one; the unit \
			 tests store such a pair directly"
		}
		"PoolHasNoValue" => {
			"the pool keeps its existential deposit, which is value, so its shares are never \
			 worth nothing; the unit tests set its books so"
		}
		"RequestNotOpen" => {
			"only a finished request an earlier runtime kept meets it, as requests that end are \
			 removed; the unit tests and the upgrade test on the v0 fixture reach it"
		}
		"PayerCertificateNotYetValid" | "PayeeCertificateNotYetValid" => {
			"registration refuses a certificate before its start and time only moves on; the \
			 unit tests store such a certificate directly"
		}
		_ => return None,
	})
}

/// The pool ledger's figures, in units, and the value per share.
fn pool_books() -> String {
	let ledger = pallet_credit::Pool::<Runtime>::get();
	let value = Credit::pool_value();
	[
		("funded", ledger.funded),
		("redeemed", ledger.withdrawn),
		("fees charged", ledger.fees_charged),
		("late charged", ledger.late_charged),
		("written off", ledger.written_off),
		("backing taken", ledger.backing_taken),
		("recovered", ledger.recovered),
		("returned to backing", ledger.returned_to_backing),
		("keeper rewards", ledger.keeper_rewards),
		("net losses", ledger.net_losses()),
	]
	.iter()
	.map(|(name, amount)| format!("{name} {:.1}", *amount as f64 / UNIT as f64))
	.chain([format!("value per million shares {}", value.value_per_million_shares)])
	.collect::<Vec<_>>()
	.join(", ")
}

/// What the fees of the events since the last reset burnt (this runtime burns every fee).
fn fees_burnt() -> Balance {
	System::events()
		.iter()
		.filter_map(|r| match &r.event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => Some(*actual_fee),
			_ => None,
		})
		.sum()
}

/// The result of the call sudo dispatched in the last extrinsic, if it dispatched one.
fn sudo_result() -> Option<Result<(), DispatchError>> {
	System::events().iter().rev().find_map(|r| match &r.event {
		RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => Some(*sudo_result),
		_ => None,
	})
}
