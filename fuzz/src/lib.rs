//! The block builder the runtime's fuzzers share: a dev chain in memory, blocks built with
//! `Executive` as a node builds them (`initialize_block` with an Aura pre-digest, the timestamp
//! inherent, signed extrinsics carrying every transaction extension and paying their fees,
//! `finalize_block`), and the checks made after every block:
//!
//! - `try_state` of every pallet (`AllPalletsWithSystem`), the credit pallet's invariants included;
//! - the credit holds of every account against the pallet's records (`holds-recorded`);
//! - total issuance equal to the accounts' sum, and lowered by exactly the fees the block burnt;
//! - no account with consumers but no providers; the pool alive, above the existential deposit,
//!   and holding exactly what its books say;
//! - the economic bound of `docs/risk.md`: each payee's exposure within its cap's bound, the
//!   pool's within its share of what was put into it;
//! - conservation with losses, summed from the debts: what was put in and earned, less what
//!   went out or was lost, is what the pool holds plus what its performing debts owe (the
//!   pallet's own `try_state` checks its books against its debts and its shares against their
//!   supply; this checks them against the pool's balance, from outside);
//! - the block's weight and length within the runtime's limits.
//!
//! Two fuzzers drive it: the stateful fuzzer (`tests/stateful.rs`: seeded random calls that play
//! out credit sales) and the coverage-guided one (`src/bin/blocks.rs`: libFuzzer's bytes decoded
//! into extrinsics). Both speak [`input`]'s format, so the stateful fuzzer's runs seed the
//! coverage-guided one's corpus.

pub mod input;

use codec::Encode;
pub use credit_runtime::{
	genesis_config_presets, pallet_credit, AccountId, AllPalletsWithSystem, Balance, Balances,
	Credit, Executive, Header, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig,
	SignedPayload, System, TxExtension, UncheckedExtrinsic, SLOT_DURATION, UNIT,
};
use frame_support::{
	genesis_builder_helper::build_state,
	traits::{fungible::Inspect, TryState, TryStateSelect},
	weights::Weight,
};
pub use pallet_credit::{certificates::CaId, Call as CreditCall};
use scale_info::{TypeDef, TypeInfo};
use sp_core::{ecdsa, ed25519, sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{Header as _, IdentifyAccount},
	Digest, DigestItem, DispatchError, MultiAddress, MultiSignature, MultiSigner,
};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A day, in the runtime's milliseconds.
pub const DAY: u64 = 24 * 60 * 60 * 1000;

/// A CA's key, in one of the three schemes a CA may use (a test's handful: size is no concern).
#[derive(Clone)]
#[allow(clippy::large_enum_variant)]
pub enum CaPair {
	Sr(sr25519::Pair),
	Ed(ed25519::Pair),
	Ec(ecdsa::Pair),
}

impl CaPair {
	pub fn public(&self) -> MultiSigner {
		match self {
			Self::Sr(p) => p.public().into(),
			Self::Ed(p) => p.public().into(),
			Self::Ec(p) => p.public().into(),
		}
	}
	pub fn sign(&self, message: &[u8]) -> MultiSignature {
		match self {
			Self::Sr(p) => p.sign(message).into(),
			Self::Ed(p) => p.sign(message).into(),
			Self::Ec(p) => p.sign(message).into(),
		}
	}
}

/// The chain a fuzzer builds, and what it keeps beside it: the accounts' keys, the CAs whose keys
/// it holds, and the figures the checks carry from block to block.
#[derive(Clone)]
pub struct Chain {
	/// The number of the next block, or of the block being built.
	pub number: u32,
	parent: H256,
	/// The time of the next block, or of the block being built.
	pub now: u64,
	keys: BTreeMap<AccountId, sr25519::Pair>,
	/// The accounts that send extrinsics, in order: the dev accounts and two strangers without
	/// certificates.
	pub accounts: Vec<AccountId>,
	/// The sudo key.
	pub sudo: AccountId,
	/// The CAs whose keys the fuzzer holds, by id.
	pub cas: Vec<(CaId, CaPair)>,
	/// A CA the next extrinsic tries to add, last in [`Self::cas`]: kept only if the chain
	/// stores it with that key.
	pub pending_ca: Option<CaId>,
	/// The credit pool's account.
	pub pool: AccountId,
	issuance: Balance,
	burnt: Balance,
	volume_seen: VolumeSeen,
	/// The blocks checked.
	pub checks: u64,
	/// What `Executive` spent applying the extrinsics of the block being built, the timestamp
	/// inherent's included, apart from the fuzzer's own work: the work `BlockWeight` prices
	/// (initialising and finalising a block is `base_block`'s).
	pub applying: Duration,
	/// The credit events so far, by name.
	pub events: BTreeMap<String, u64>,
	/// The moments time was moved onto, by kind.
	pub boundaries_hit: BTreeMap<&'static str, u64>,
}

/// In-memory storage holding the dev chain's genesis.
pub fn dev_genesis() -> sp_io::TestExternalities {
	let config =
		genesis_config_presets::full_preset(sp_genesis_builder::DEV_RUNTIME_PRESET).unwrap();
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap()).unwrap();
	});
	ext
}

/// Trie nodes by key, with their reference counts, as `TestExternalities` drains them.
type RawStorage = Vec<(Vec<u8>, (Vec<u8>, i32))>;

/// The chain after its first block ([`Chain::build_first_block`]), its storage kept raw, so that each of many
/// runs starts from it without building the genesis and the first block again.
pub struct Snapshot {
	raw: RawStorage,
	root: H256,
	chain: Chain,
}

impl Snapshot {
	/// The dev chain after its first block.
	pub fn after_first_block() -> Self {
		let mut ext = dev_genesis();
		let chain = ext.execute_with(Chain::build_first_block);
		ext.commit_all().expect("the first block commits");
		let (raw, root) = ext.into_raw_snapshot();
		Snapshot { raw, root, chain }
	}

	/// Runs `f` on a copy of the chain, with its storage.
	pub fn run<R>(&self, f: impl FnOnce(&mut Chain) -> R) -> R {
		let mut ext = sp_io::TestExternalities::from_raw_snapshot(
			self.raw.clone(),
			self.root,
			sp_runtime::StateVersion::V1,
		);
		let mut chain = self.chain.clone();
		ext.execute_with(|| f(&mut chain))
	}
}

impl Chain {
	/// The chain after its first block, on the dev genesis (to be called with its storage): the
	/// strangers funded, and two more CAs added beside the dev CA (ed25519 and ecdsa), so the
	/// CAs 0, 1 and 2 are the fuzzer's.
	pub fn build_first_block() -> Self {
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
		let mut chain = Chain {
			number: 1,
			parent: System::block_hash(0),
			now: 1_800_000_000_000,
			accounts: keys.keys().cloned().collect(),
			keys,
			sudo: sudo.clone(),
			cas: vec![(0, CaPair::Sr(genesis_config_presets::dev_ca().pair()))],
			pending_ca: None,
			pool: Credit::pool_account(),
			issuance: Balances::total_issuance(),
			burnt: 0,
			volume_seen: VolumeSeen::new(),
			checks: 0,
			applying: Duration::ZERO,
			events: BTreeMap::new(),
			boundaries_hit: BTreeMap::new(),
		};
		chain.start_block();
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
			setup.push(RuntimeCall::Sudo(pallet_sudo::Call::sudo {
				call: Box::new(RuntimeCall::Credit(add)),
			}));
			chain.cas.push((id, pair));
		}
		for call in setup {
			let xt = chain.extrinsic(&sudo, call);
			Executive::apply_extrinsic(xt).expect("setup is valid").expect("setup succeeds");
		}
		chain.burnt += fees_burnt();
		chain.finish_block();
		chain.advance(1);
		chain
	}

	/// The signed extrinsic `who` sends for `call`, with every extension of the runtime.
	pub fn extrinsic(&self, who: &AccountId, call: RuntimeCall) -> UncheckedExtrinsic {
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
		let payload =
			SignedPayload::new(call.clone(), tx_ext.clone()).expect("implicit data is there");
		let signature = payload.using_encoded(|bytes| self.keys[who].sign(bytes));
		UncheckedExtrinsic::new_signed(
			call,
			MultiAddress::Id(who.clone()),
			MultiSignature::Sr25519(signature),
			tx_ext,
		)
	}

	/// Starts a block as a node would: the Aura slot in a pre-digest, then the timestamp inherent.
	pub fn start_block(&mut self) {
		let slot = sp_consensus_aura::Slot::from(self.now / SLOT_DURATION);
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
		};
		let header = Header::new(self.number, H256::zero(), H256::zero(), self.parent, digest);
		Executive::initialize_block(&header);
		let timestamp = RuntimeCall::Timestamp(pallet_timestamp::Call::set { now: self.now });
		let applying = Instant::now();
		Executive::apply_extrinsic(UncheckedExtrinsic::new_bare(timestamp))
			.expect("the timestamp inherent applies")
			.expect("the timestamp inherent succeeds");
		self.applying = applying.elapsed();
	}

	/// Applies `call` from `who` (through sudo if `via_sudo`) in the block being built. Returns
	/// its outcome: success, or the name of the error or the invalidity it was refused with.
	pub fn apply(
		&mut self,
		who: &AccountId,
		call: RuntimeCall,
		via_sudo: bool,
	) -> Result<(), String> {
		let call = if via_sudo {
			RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) })
		} else {
			call
		};
		System::reset_events();
		let xt = self.extrinsic(who, call);
		let timer = Instant::now();
		let result = Executive::apply_extrinsic(xt);
		self.applying += timer.elapsed();
		if let Some(id) = self.pending_ca.take() {
			let stored = pallet_credit::CertificateAuthorities::<Runtime>::get(id)
				.map(|ca| MultiSigner::from(ca.key));
			let tried = self.cas.last().map(|(_, pair)| pair.public());
			if stored.is_none() || stored != tried {
				self.cas.pop();
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
		self.burnt += fees_burnt();
		for record in System::events() {
			if let RuntimeEvent::Credit(event) = record.event {
				let name = format!("{event:?}");
				let name = name.trim_start_matches("Event::");
				let name = name.split([' ', '{', '(']).next().unwrap_or("?").to_string();
				*self.events.entry(name).or_default() += 1;
			}
		}
		outcome
	}

	/// Ends the block being built after checking its weight and length against the runtime's
	/// limits, then makes every check. Returns the weight the block used.
	pub fn finish_block(&mut self) -> Weight {
		let limits = <Runtime as frame_system::Config>::BlockWeights::get();
		let length = <Runtime as frame_system::Config>::BlockLength::get();
		let n = self.number;
		let weight = frame_system::BlockWeight::<Runtime>::get().total();
		assert!(weight.all_lte(limits.max_block), "block {n}: weight {weight:?} above the limit");
		let len = System::block_size();
		assert!(
			len <= *length.max.get(frame_support::dispatch::DispatchClass::Mandatory),
			"block {n}: length {len} above the limit"
		);
		let header = Executive::finalize_block();
		let burnt = std::mem::take(&mut self.burnt);
		check_block(n, &mut self.issuance, burnt, &self.pool);
		check_economic_bound(n, &mut self.volume_seen);
		check_losses_booked(n, &self.pool);
		self.checks += 1;
		self.parent = header.hash();
		self.number += 1;
		weight
	}

	/// Moves time on before the next block, by [`input::lapse`]'s reading of `lapse`: slots,
	/// hours or days, or exactly onto (or one moment past) a moment an open request, a debt or a
	/// certificate changes standing at. Returns the kind of moment it landed on, if any.
	pub fn advance(&mut self, lapse: u8) -> Option<&'static str> {
		let earliest = self.now + SLOT_DURATION;
		match input::lapse(lapse) {
			input::Lapse::By(step) => {
				self.now += step.max(SLOT_DURATION);
				None
			}
			input::Lapse::OntoBoundary { nth, past } => {
				let mut ahead: Vec<_> = boundaries()
					.into_iter()
					.filter(|(_, at)| *at >= earliest && *at < u64::MAX / 2)
					.collect();
				ahead.sort_by_key(|(_, at)| *at);
				let Some(&(kind, at)) = ahead.get(nth % ahead.len().max(1)) else {
					self.now = earliest;
					return None;
				};
				self.now = at + u64::from(past);
				*self.boundaries_hit.entry(kind).or_default() += 1;
				Some(kind)
			}
		}
	}

	/// `call` with its certificate signature made by the CA it names, where the fuzzer holds
	/// that CA's key: a registration's or a signed revocation's.
	pub fn signed_by_its_ca(&self, call: RuntimeCall) -> RuntimeCall {
		let genesis = System::block_hash(0);
		let key = |ca: CaId| self.cas.iter().find(|(id, _)| *id == ca).map(|(_, pair)| pair);
		match call {
			RuntimeCall::Credit(CreditCall::register_certificate { payload, signature }) => {
				let signature = match key(payload.ca) {
					Some(pair) => pair.sign(&pallet_credit::certificates::signed_message(
						genesis.as_ref(),
						&payload,
					)),
					None => signature,
				};
				RuntimeCall::Credit(CreditCall::register_certificate { payload, signature })
			}
			RuntimeCall::Credit(CreditCall::revoke_certificate_signed {
				ca,
				serial,
				signature,
			}) => {
				let signature = match key(ca) {
					Some(pair) => pair.sign(&pallet_credit::certificates::revocation_message(
						genesis.as_ref(),
						ca,
						serial,
					)),
					None => signature,
				};
				RuntimeCall::Credit(CreditCall::revoke_certificate_signed { ca, serial, signature })
			}
			other => other,
		}
	}
}

/// `pallet::call`, as the report names it.
pub fn call_name(call: &RuntimeCall) -> String {
	let (pallet, inner) = match call {
		RuntimeCall::Credit(inner) => ("Credit", format!("{inner:?}")),
		RuntimeCall::Balances(inner) => ("Balances", format!("{inner:?}")),
		other => ("?", format!("{other:?}")),
	};
	let name = inner.split(['{', ' ', '(']).next().unwrap_or("?").to_string();
	format!("{pallet}::{name}")
}

/// The name of a dispatch error, as the metadata names it.
pub fn error_name(error: DispatchError) -> String {
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
pub fn identity_of(who: &AccountId) -> H256 {
	pallet_credit::Parties::<Runtime>::get(who)
		.certificate
		.map(|certificate| certificate.payload.identity_hash)
		.unwrap_or_else(|| H256(sp_io::hashing::blake2_256(who.as_ref())))
}

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
	let pool_bound = <Runtime as pallet_credit::Config>::MaxPoolExposure::get()
		.mul_floor(put_in(&ledger))
		+ late.values().sum::<Balance>();
	assert!(
		ledger.outstanding() <= pool_bound,
		"block {n}: {} owed to the pool, above its bound {pool_bound}",
		ledger.outstanding()
	);
}

/// Everything ever put into the pool or earned by it, from its ledger's own entries: funding,
/// forfeited deposits, fees, late charges, recoveries and the backing taken.
fn put_in(ledger: &pallet_credit::types::PoolLedger<Balance>) -> Balance {
	ledger.funded
		+ ledger.forfeited
		+ ledger.fees_charged
		+ ledger.late_charged
		+ ledger.recovered
		+ ledger.backing_taken
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
	let out_or_lost =
		ledger.withdrawn + ledger.keeper_rewards + ledger.written_off + ledger.returned_to_backing;
	assert_eq!(
		put_in(&ledger),
		out_or_lost + Balances::balance(pool) + performing,
		"block {n}: put in and earned, less out and lost, is not what the pool holds and is owed"
	);
}

/// The block-level checks: every pallet's `try_state`, the credit holds against the pallet's
/// records, issuance and accounts, the pool's balance against its books.
fn check_block(n: u32, issuance: &mut Balance, burnt: Balance, pool: &AccountId) {
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
}

/// The moments an object in state changes standing at: an open request's expiry, a debt's due
/// date and default threshold, a certificate's end.
pub fn boundaries() -> Vec<(&'static str, u64)> {
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

/// The pool ledger's figures, in units, and the value per share.
pub fn pool_books() -> String {
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
