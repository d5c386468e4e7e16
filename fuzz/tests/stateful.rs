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
//! Episodes, short plays run whole (`Episode`), bring the chain into states random calls seldom
//! reach and try the refusals that guard them: payers drawing on a payee's backing that it then
//! tries to take back, bursts past the open-debt, open-request and trusted-CA bounds, a CA
//! removed under the certificates it issued, a default the credit officer cannot clear yet.
//! A run of the default length fails on an error of the pallet it never reached, unless the
//! report knows why it cannot be reached (`unreachable_reason`).
//!
//! After every block it makes the block builder's checks (`src/lib.rs`): every pallet's
//! `try_state`, the holds against the pallet's records, issuance, the pool against its books, the
//! economic bound, conservation with losses, and the block's weight and length.
//!
//! Bounded by default (`FUZZ_CALLS`, 20,000 calls; `FUZZ_SEED`, 1). Longer runs:
//! `FUZZ_CALLS=1000000 FUZZ_SEED=7 SKIP_WASM_BUILD=1 cargo test -p credit-fuzz --test stateful -- --nocapture`.
//! With `UPDATE_DOCS=1` the summary is also written to `docs/fuzz-report.md`. The long mode,
//! `FUZZ_TIMING=1` on a release build (`cargo test --release ...`), also times each block's
//! execution against its weight and fails on a block that took longer; with `UPDATE_DOCS=1` it
//! writes `docs/fuzz-timing.md` instead. With `FUZZ_CORPUS=<dir>`, the first blocks of the runs
//! of seeds 1 to `FUZZ_CORPUS_SEEDS` (64) are written there in the coverage-guided fuzzer's input
//! format, as its seed corpus.

use credit_fuzz::{
	identity_of, input, pallet_credit, pool_books, AccountId, Balance, Balances, CaId, CaPair,
	Chain, Credit, CreditCall, Runtime, RuntimeCall, System, DAY, UNIT,
};
use frame_support::traits::{fungible::Inspect, Get};
use pallet_credit::types::{Goods, RequestStatus, StaleEntry};
use scale_info::{TypeDef, TypeInfo};
use sp_core::{ecdsa, ed25519, sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::MultiAddress;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

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

/// How a call is sent.
#[derive(Clone)]
enum Sender {
	/// Signed by this account.
	Signed(AccountId),
	/// Through `sudo`, signed by this account (the sudo key, or not).
	Sudo(AccountId),
}

/// What the fuzzer keeps beside the chain: the credit sales under way, the episode being
/// played, and the seeds of the next CA key and certificate serial it makes.
struct World {
	next_ca_seed: u64,
	next_serial: u64,
	/// The rest of the credit sales under way, played out over the next calls.
	steps: VecDeque<Step>,
	/// The rest of the episode being played: its steps come before any other call.
	script: VecDeque<Step>,
	/// The episodes played, by name.
	episodes: BTreeMap<&'static str, u64>,
}

impl World {
	/// The secret URI of the next CA key the fuzzer makes.
	fn next_ca_uri(&mut self) -> String {
		self.next_ca_seed += 1;
		format!("//FuzzCA{}", self.next_ca_seed)
	}
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
	/// The payee removes its grade for the payer (locked while the backing is needed).
	RemoveGrade { payee: AccountId, payer: AccountId },
	/// Exactly this call.
	Call(Box<RuntimeCall>, Sender),
	/// The account registers a fresh certificate of `ca` (the dev CA if none): its own
	/// identity, homed here, valid for good. With `free_identity`, an account holding that
	/// identity first registers one of its own.
	Certify { who: AccountId, free_identity: bool, ca: Option<Box<(CaId, CaPair)>> },
	/// The CA admin revokes the account's certificate.
	Revoke(AccountId),
	/// Anyone reaps the account's revoked serial.
	ReapRevoked(AccountId),
	/// The payer repays its first open debt, offering twice what it owes (which pays what is
	/// owed).
	RepayFirst(AccountId),
	/// The payer cancels its oldest pending request.
	CancelFirst(AccountId),
	/// The credit officer rehabilitates the payer, if defaults are on its record.
	Rehabilitate(AccountId),
	/// The payee grades the payer at what the payer's node limit still allows.
	GradeAtNodeRoom { payee: AccountId, payer: AccountId },
	/// The payee grades the payer for ten times a quarter of its balance: a grade whose backing
	/// (a quarter of the balance) covers what others owe the payee rather than its own payer.
	DormantGrade { payee: AccountId, payer: AccountId },
	/// The payer asks the payee for all the dry run says is room, less the fee.
	Draw { payer: AccountId, payee: AccountId },
	/// A keeper reports the payer's first debt past its due date.
	ReportOverdue(AccountId),
	/// The block ends here, and the next starts this lapse later ([`input::lapse`]).
	Wait(u8),
}

impl Step {
	/// A fresh certificate for `who`, its identity freed first if another account holds it.
	fn certify(who: &AccountId) -> Step {
		Step::Certify { who: who.clone(), free_identity: true, ca: None }
	}

	/// A fresh certificate of the CA `ca`, whose key is `pair`, for `who`.
	fn certify_by(who: &AccountId, ca: CaId, pair: &CaPair) -> Step {
		Step::Certify {
			who: who.clone(),
			free_identity: true,
			ca: Some(Box::new((ca, pair.clone()))),
		}
	}
}

/// The call `step` stands for now, if what it needs is there. A [`Step::Wait`] stands for none.
fn resolve(
	step: Step,
	rng: &mut Rng,
	chain: &Chain,
	world: &mut World,
) -> Option<(RuntimeCall, Sender)> {
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
		Step::RemoveGrade { payee, payer } => (CreditCall::remove_grade { payer }, payee),
		Step::Call(call, sender) => return Some((*call, sender)),
		Step::Certify { who, free_identity, ca } => {
			let holder = pallet_credit::Identities::<Runtime>::get(identity_of(&who))
				.and_then(|record| record.holder)
				.filter(|holder| *holder != who);
			let who = match holder {
				Some(holder) if free_identity => {
					world.script.push_front(Step::Certify {
						who,
						free_identity: false,
						ca: ca.clone(),
					});
					holder
				}
				_ => who,
			};
			let (ca, pair) = match ca.as_deref() {
				Some((id, pair)) => (id, pair),
				None => chain.cas.first().map(|(id, pair)| (id, pair))?,
			};
			world.next_serial += 1;
			let payload = pallet_credit::PayloadOf::<Runtime> {
				ca: *ca,
				subject: who.clone(),
				identity_hash: identity_of(&who),
				display_name: b"episode".to_vec().try_into().unwrap_or_default(),
				home_chain: credit_runtime::LOCAL_CHAIN_ID,
				serial: EPISODE_SERIALS + world.next_serial,
				valid_from: 0,
				valid_until: u64::MAX,
			};
			let message = pallet_credit::certificates::signed_message(
				System::block_hash(0).as_ref(),
				&payload,
			);
			let signature = pair.sign(&message);
			(CreditCall::register_certificate { payload, signature }, who)
		}
		Step::Revoke(who) => {
			let payload = pallet_credit::Parties::<Runtime>::get(&who).certificate?.payload;
			let call = CreditCall::revoke_certificate { ca: payload.ca, serial: payload.serial };
			return Some((RuntimeCall::Credit(call), Sender::Sudo(chain.sudo.clone())));
		}
		Step::ReapRevoked(who) => {
			let payload = pallet_credit::Parties::<Runtime>::get(&who).certificate?.payload;
			let entry = StaleEntry::RevokedSerial(payload.ca, payload.serial);
			(CreditCall::reap { entry }, chain.sudo.clone())
		}
		Step::RepayFirst(payer) => {
			let id = pallet_credit::Parties::<Runtime>::get(&payer).open_debts.first()?.id;
			let owed = pallet_credit::Debts::<Runtime>::get(id)?.owed();
			(CreditCall::repay { id, amount: owed.saturating_mul(2) }, payer)
		}
		Step::CancelFirst(payer) => {
			let id = *pallet_credit::Parties::<Runtime>::get(&payer).open_requests.first()?;
			(CreditCall::cancel_request { id }, payer)
		}
		Step::Rehabilitate(payer) => {
			let state = pallet_credit::Parties::<Runtime>::get(&payer);
			if state.profile.history.defaults == 0 {
				return None;
			}
			let reason = b"episode".to_vec().try_into().unwrap_or_default();
			return Some((
				RuntimeCall::Credit(CreditCall::rehabilitate { payer, reason }),
				Sender::Sudo(chain.sudo.clone()),
			));
		}
		Step::GradeAtNodeRoom { payee, payer } => {
			let limit = Credit::dry_run(payer.clone(), payee.clone(), 1).limits.node_headroom;
			(CreditCall::set_grade { payer, level: 1, limit }, payee)
		}
		Step::DormantGrade { payee, payer } => {
			let limit = Balances::balance(&payee) / 4 * 10;
			(CreditCall::set_grade { payer, level: 1, limit }, payee)
		}
		Step::Draw { payer, payee } => {
			let room = Credit::dry_run(payer.clone(), payee.clone(), 1).room();
			let goods = Goods {
				order_hash: H256::repeat_byte(0xd7),
				description: b"draw".to_vec().try_into().unwrap_or_default(),
			};
			let amount = (room * 100 / 101).max(1);
			(CreditCall::request_credit_payment { payee, amount, goods }, payer)
		}
		Step::ReportOverdue(payer) => {
			let state = pallet_credit::Parties::<Runtime>::get(&payer);
			let id = state.open_debts.iter().find(|debt| debt.is_overdue(chain.now))?.id;
			let keeper = Sr25519Keyring::Bob.to_account_id();
			(CreditCall::report_overdue { id }, keeper)
		}
		Step::Wait(_) => return None,
	};
	Some((RuntimeCall::Credit(call.0), Sender::Signed(call.1)))
}

/// What the fuzzer does next: a call, or end the block with a lapse an episode asks for.
enum Next {
	Call(Box<RuntimeCall>, Sender),
	Wait(u8),
}

/// The next step of the episode being played, or a random call once it is over.
fn next_call(rng: &mut Rng, world: &mut World, chain: &mut Chain) -> Next {
	while let Some(step) = world.script.pop_front() {
		if let Step::Wait(lapse) = step {
			return Next::Wait(lapse);
		}
		if let Some((call, sender)) = resolve(step, rng, chain, world) {
			return Next::Call(Box::new(call), sender);
		}
	}
	let (call, sender) = random_call(rng, world, chain);
	Next::Call(Box::new(call), sender)
}

/// A random call and its sender. Most calls go to a recent request and come from the party that
/// may make them, so the flow gets far; the rest come from anyone, to be refused.
fn random_call(rng: &mut Rng, world: &mut World, chain: &mut Chain) -> (RuntimeCall, Sender) {
	let now = chain.now;
	if rng.chance(70) {
		if let Some(step) = world.steps.pop_front() {
			if let Some(call) = resolve(step, rng, chain, world) {
				return call;
			}
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
	let anyone = rng.pick(&chain.accounts).clone();
	let right = rng.chance(80);
	let payer =
		request.as_ref().filter(|_| right).map(|r| r.payer.clone()).unwrap_or(anyone.clone());
	let payee =
		request.as_ref().filter(|_| right).map(|r| r.payee.clone()).unwrap_or(anyone.clone());
	let other = rng.pick(&chain.accounts).clone();
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
	let sudo = chain.sudo.clone();
	let (call, sender) = match rng.below(1000) {
		// A colluding ring: Eve and Ferdie (who never repays) ask Charlie and Dave for the most
		// the dry run says would be paid; their payees accept as the others do.
		0..=29 => {
			let ring_payer =
				rng.pick(&[Sr25519Keyring::Eve, Sr25519Keyring::Ferdie]).to_account_id();
			let ring_payee =
				rng.pick(&[Sr25519Keyring::Charlie, Sr25519Keyring::Dave]).to_account_id();
			// A ring payee without a grade for its payer grades it first, high enough that
			// the ring can draw past the payee's allowance on its backing.
			if pallet_credit::Grades::<Runtime>::get(&ring_payee, &ring_payer).is_none() {
				let limit = (1_000 + rng.below(2_000)) as Balance * UNIT;
				let grade = CreditCall::set_grade { payer: ring_payer, level: 2, limit };
				return (RuntimeCall::Credit(grade), signed(ring_payee));
			}
			let dry = Credit::dry_run(ring_payer.clone(), ring_payee.clone(), 1);
			let room = dry.room();
			// Sometimes one unit more than fits, to see the cap refuse it.
			let amount = (room * 100 / 101).max(1) + Balance::from(rng.chance(20));
			// The payee accepts it at once, then tries to take back the backing it drew on.
			if world.steps.len() < 12 {
				world.steps.extend([
					Step::Accept(ring_payee.clone()),
					Step::RemoveGrade { payee: ring_payee.clone(), payer: ring_payer.clone() },
				]);
			}
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
			let ca = chain.cas.get(rng.below(chain.cas.len() as u64 + 1) as usize).map(|c| c.0);
			let (ca, serial) = match registered_serial(rng) {
				Some(held) if rng.chance(50) => held,
				_ => (ca.unwrap_or(99), rng.below(8)),
			};
			(CreditCall::revoke_certificate { ca, serial }, admin(rng, anyone, sudo))
		}
		903..=905 => {
			let (ca, pair) = chain
				.cas
				.get(rng.below(chain.cas.len() as u64 + 1) as usize)
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
		906..=909 if rng.chance(15) && !chain.cas.is_empty() => {
			// A key trusted already, under another id: refused.
			let (_, pair) = rng.pick(&chain.cas).clone();
			let name = b"fuzz CA".to_vec().try_into().unwrap();
			(CreditCall::add_ca { name, key: pair.public() }, admin(rng, anyone, sudo))
		}
		906..=909 => {
			let seed = world.next_ca_uri();
			let pair = match rng.below(3) {
				0 => CaPair::Sr(sr25519::Pair::from_string(&seed, None).unwrap()),
				1 => CaPair::Ed(ed25519::Pair::from_string(&seed, None).unwrap()),
				_ => CaPair::Ec(ecdsa::Pair::from_string(&seed, None).unwrap()),
			};
			let name = b"fuzz CA".to_vec().try_into().unwrap();
			// The id it will get if the call succeeds; kept only once the CA is seen stored.
			let id = pallet_credit::NextCaId::<Runtime>::get();
			chain.cas.push((id, pair.clone()));
			chain.pending_ca = Some(id);
			(CreditCall::add_ca { name, key: pair.public() }, admin(rng, anyone, sudo))
		}
		910 => {
			// Never the first three: without any CA left, nobody could be certified again.
			// Mostly one whose certificates the fuzzer issues, so some go untrusted.
			let next = u64::from(pallet_credit::NextCaId::<Runtime>::get().max(4));
			let issuing: Vec<CaId> =
				chain.cas.iter().map(|(id, _)| *id).filter(|id| *id >= 3).collect();
			let ca = match issuing.is_empty() || rng.chance(20) {
				true => 3 + rng.below(next - 2) as u32,
				false => *rng.pick(&issuing),
			};
			(CreditCall::remove_ca { ca }, admin(rng, anyone, sudo))
		}
		911..=912 => (CreditCall::remove_certificate {}, signed(debtor)),
		// A fresh certificate, so revoked, expired or removed accounts come back.
		913..=949 => {
			// Now and then a serial another account holds, under a CA whose key the fuzzer has.
			let held = registered_serial(rng).and_then(|(ca, serial)| {
				chain
					.cas
					.iter()
					.find(|(id, _)| *id == ca)
					.map(|(_, pair)| (ca, pair.clone(), serial))
			});
			let (ca, pair, held_serial) = match held {
				Some((ca, pair, serial)) if rng.chance(10) => (ca, pair, Some(serial)),
				_ => {
					let (ca, pair) = rng.pick(&chain.cas).clone();
					(ca, pair, None)
				}
			};
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
				serial: match held_serial {
					Some(serial) => serial,
					None if rng.chance(15) => rng.below(8),
					None => 1_000 + rng.below(1_000_000),
				},
				valid_from: if rng.chance(5) { now + DAY } else { 0 },
				valid_until,
			};
			let message = pallet_credit::certificates::signed_message(
				System::block_hash(0).as_ref(),
				&payload,
			);
			let signature = match rng.below(20) {
				0 => pair.sign(b"something else"),
				1 => rng.pick(&chain.cas).1.sign(&message),
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
				// A payee's volume ring, mostly one that exists (reaped once it is out of the window).
				1 => {
					let rings: Vec<AccountId> =
						pallet_credit::PayeeVolume::<Runtime>::iter_keys().take(8).collect();
					let payee = if !rings.is_empty() && rng.chance(50) {
						rng.pick(&rings).clone()
					} else {
						other
					};
					StaleEntry::PayeeVolume(payee)
				}
				// A revoked serial, mostly one that is (reaped once its CA is no longer trusted).
				_ => {
					let revoked: Vec<(CaId, u64)> =
						pallet_credit::RevokedSerials::<Runtime>::iter_keys().take(8).collect();
					let (ca, serial) = match revoked.is_empty() || rng.chance(40) {
						true => {
							let next = u64::from(pallet_credit::NextCaId::<Runtime>::get());
							(rng.below(next + 1) as CaId, rng.below(8))
						}
						false => *rng.pick(&revoked),
					};
					StaleEntry::RevokedSerial(ca, serial)
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

/// The calls of a run unless `FUZZ_CALLS` says otherwise.
const DEFAULT_CALLS: u64 = 20_000;

/// The first serial of the certificates episodes register ([`Step::Certify`]), above those
/// random registrations use.
const EPISODE_SERIALS: u64 = 1 << 40;

/// A short play the fuzzer runs whole, its calls one after the other a slot apart, to bring the
/// chain into a state random calls seldom reach and try the refusal that guards it. Each sets
/// up what it needs first (fresh certificates, debts repaid, defaults cleared), so it gets there
/// whatever the random calls did before it. Each is played twice at set points of every run,
/// and now and then at random.
#[derive(Clone, Copy, Debug)]
enum Episode {
	/// Four payers draw at one payee past its allowance, on the backing of a large grade the
	/// payee keeps for a fifth payer who owes it nothing; the payee then tries to lower and to
	/// remove that grade (`GradeBackingLocked`).
	LockedBacking,
	/// A payer in good standing is paid one small sale after another, one more than
	/// `MaxOpenDebts` (`TooManyOpenDebts`), then repays them all; the payee's volume ring
	/// cannot be reaped while those repaid sales are in the window (`VolumeStillInWindow`).
	DebtBurst,
	/// A payer leaves one request more than `MaxOpenRequests` waiting (`TooManyOpenRequests`),
	/// then cancels them.
	RequestBurst,
	/// CAs are trusted up to `MaxTrustedCas` and one more (`TooManyCas`), then removed.
	CaBurst,
	/// A CA certifies a payer, a payee and a third account, revokes the third (whose serial
	/// cannot be reaped while the CA is trusted, `CaStillTrusted`), and is removed: the
	/// payer's request (`PayerCertificateUntrustedCa`), and once the payer holds another
	/// certificate, the payee's grade and the request to it (`PayeeCertificateUntrustedCa`),
	/// are refused. All three are certified again by the dev CA.
	UntrustedCa,
	/// A payer's debt goes past its default threshold and a keeper books it; the payer's
	/// certificate cannot be removed while it backs the debt (`CertificateBacksOpenDebts`);
	/// the credit officer's rehabilitation is refused while the debt is owed
	/// (`DefaultsStillOwed`) and granted once the payer has paid it.
	DefaultOwed,
}

impl Episode {
	const ALL: [Episode; 6] = [
		Episode::LockedBacking,
		Episode::DebtBurst,
		Episode::RequestBurst,
		Episode::CaBurst,
		Episode::UntrustedCa,
		Episode::DefaultOwed,
	];

	/// The episode's steps, from the state the chain is in now.
	fn script(self, chain: &Chain, world: &mut World) -> VecDeque<Step> {
		use Sr25519Keyring::{Bob, Charlie, Dave, Ferdie};
		let sudo = |call: CreditCall<Runtime>| {
			Step::Call(Box::new(RuntimeCall::Credit(call)), Sender::Sudo(chain.sudo.clone()))
		};
		let signed = |call: CreditCall<Runtime>, who: &AccountId| {
			Step::Call(Box::new(RuntimeCall::Credit(call)), Sender::Signed(who.clone()))
		};
		// A payer with its debts repaid, its requests cancelled, its defaults cleared and its
		// base limit at the genesis figure (a day after the script starts, so it may be raised).
		let in_good_standing = |payer: &AccountId| {
			let debts = <Runtime as pallet_credit::Config>::MaxOpenDebts::get();
			let requests = <Runtime as pallet_credit::Config>::MaxOpenRequests::get();
			let mut steps = vec![Step::certify(payer)];
			steps.extend((0..debts).map(|_| Step::RepayFirst(payer.clone())));
			steps.extend((0..requests).map(|_| Step::CancelFirst(payer.clone())));
			steps.push(Step::Rehabilitate(payer.clone()));
			steps.push(sudo(CreditCall::set_base_limit {
				payer: payer.clone(),
				limit: credit_runtime::genesis_config_presets::DEV_BASE_LIMIT,
			}));
			steps
		};
		let mut steps = vec![Step::Wait(DAY_LAPSE)];
		match self {
			Episode::LockedBacking => {
				let (payee, dormant) = (Charlie.to_account_id(), Ferdie.to_account_id());
				let drawers = cleanest_payers(chain, &[payee.clone(), dormant.clone()], 4);
				steps.push(Step::certify(&payee));
				// The payee's other grades go first, keeping only the backing its debts need,
				// so the dormant grade is what lets the drawers past the allowance.
				for (payer, _) in pallet_credit::Grades::<Runtime>::iter_prefix(&payee) {
					steps.push(Step::RemoveGrade { payee: payee.clone(), payer });
				}
				steps.push(Step::DormantGrade { payee: payee.clone(), payer: dormant.clone() });
				for drawer in &drawers {
					steps.extend(in_good_standing(drawer));
					steps.push(Step::GradeAtNodeRoom {
						payee: payee.clone(),
						payer: drawer.clone(),
					});
					steps.push(Step::Draw { payer: drawer.clone(), payee: payee.clone() });
					steps.push(Step::Accept(payee.clone()));
				}
				steps.push(signed(
					CreditCall::set_grade { payer: dormant.clone(), level: 1, limit: UNIT },
					&payee,
				));
				steps.push(Step::RemoveGrade { payee, payer: dormant });
			}
			Episode::DebtBurst | Episode::RequestBurst => {
				let payee = Bob.to_account_id();
				let payer = cleanest_payers(chain, std::slice::from_ref(&payee), 1).remove(0);
				let accepted = matches!(self, Episode::DebtBurst);
				let bound = if accepted {
					<Runtime as pallet_credit::Config>::MaxOpenDebts::get()
				} else {
					<Runtime as pallet_credit::Config>::MaxOpenRequests::get()
				};
				steps.push(Step::certify(&payee));
				steps.extend(in_good_standing(&payer));
				steps.push(signed(
					CreditCall::set_grade { payer: payer.clone(), level: 3, limit: 600 * UNIT },
					&payee,
				));
				for _ in 0..=bound {
					steps.push(Step::Request {
						payer: payer.clone(),
						payee: payee.clone(),
						amount: UNIT,
					});
					if accepted {
						steps.push(Step::Accept(payee.clone()));
					}
				}
				let settle = |payer: AccountId| {
					if accepted {
						Step::RepayFirst(payer)
					} else {
						Step::CancelFirst(payer)
					}
				};
				steps.extend((0..bound).map(|_| settle(payer.clone())));
				// The payee's repaid sales stay in its volume ring for the window.
				if accepted {
					let entry = StaleEntry::PayeeVolume(payee.clone());
					steps.push(signed(CreditCall::reap { entry }, &payer));
				}
			}
			Episode::CaBurst => {
				let trusted = pallet_credit::TrustedCas::<Runtime>::get().len() as u32;
				let bound: u32 = <Runtime as pallet_credit::Config>::MaxTrustedCas::get();
				let room = bound.saturating_sub(trusted);
				let first = pallet_credit::NextCaId::<Runtime>::get();
				for _ in 0..=room {
					let pair = sr25519::Pair::from_string(&world.next_ca_uri(), None).unwrap();
					let name = b"burst CA".to_vec().try_into().unwrap();
					steps.push(sudo(CreditCall::add_ca { name, key: CaPair::Sr(pair).public() }));
				}
				steps.extend((first..first + room).map(|ca| sudo(CreditCall::remove_ca { ca })));
			}
			Episode::UntrustedCa => {
				let accounts = cleanest_payers(chain, &[], 3);
				let [payer, payee, revoked] = [0, 1, 2].map(|i| accounts[i].clone());
				let seed = world.next_ca_uri();
				let pair = CaPair::Ed(ed25519::Pair::from_string(&seed, None).unwrap());
				let ca = pallet_credit::NextCaId::<Runtime>::get();
				let name = b"withdrawn CA".to_vec().try_into().unwrap();
				steps.push(sudo(CreditCall::add_ca { name, key: pair.public() }));
				for who in [&payer, &payee, &revoked] {
					steps.push(Step::certify_by(who, ca, &pair));
				}
				steps.push(Step::Revoke(revoked.clone()));
				steps.push(Step::ReapRevoked(revoked.clone()));
				steps.push(sudo(CreditCall::remove_ca { ca }));
				steps.push(Step::ReapRevoked(revoked.clone()));
				let goods = || Goods {
					order_hash: H256::repeat_byte(0xca),
					description: b"untrusted".to_vec().try_into().unwrap_or_default(),
				};
				let request = |payer: &AccountId, payee: &AccountId| {
					signed(
						CreditCall::request_credit_payment {
							payee: payee.clone(),
							amount: UNIT,
							goods: goods(),
						},
						payer,
					)
				};
				steps.push(request(&payer, &payee));
				steps.push(Step::certify(&payer));
				steps.push(request(&payer, &payee));
				steps.push(signed(
					CreditCall::set_grade { payer: payer.clone(), level: 1, limit: UNIT },
					&payee,
				));
				steps.push(Step::certify(&payee));
				steps.push(Step::certify(&revoked));
			}
			Episode::DefaultOwed => {
				let payee = Dave.to_account_id();
				let payer = cleanest_payers(chain, std::slice::from_ref(&payee), 1).remove(0);
				steps.push(Step::certify(&payee));
				steps.extend(in_good_standing(&payer));
				steps.push(signed(
					CreditCall::set_grade { payer: payer.clone(), level: 1, limit: 100 * UNIT },
					&payee,
				));
				steps.push(Step::Request {
					payer: payer.clone(),
					payee: payee.clone(),
					amount: 50 * UNIT,
				});
				steps.push(Step::Accept(payee));
				// The certificate backs the debt: it cannot be removed while the debt is owed.
				steps.push(signed(CreditCall::remove_certificate {}, &payer));
				// 48 days and 13 more: past the due date and the default threshold after it.
				steps.extend([Step::Wait(DAY_LAPSE + 47), Step::Wait(DAY_LAPSE + 12)]);
				steps.push(Step::ReportOverdue(payer.clone()));
				let reason = || b"episode".to_vec().try_into().unwrap_or_default();
				steps.push(sudo(CreditCall::rehabilitate {
					payer: payer.clone(),
					reason: reason(),
				}));
				steps.push(Step::RepayFirst(payer.clone()));
				steps.push(sudo(CreditCall::rehabilitate { payer, reason: reason() }));
			}
		}
		steps.into()
	}

	fn name(self) -> &'static str {
		match self {
			Episode::LockedBacking => "locked backing",
			Episode::DebtBurst => "debt burst",
			Episode::RequestBurst => "request burst",
			Episode::CaBurst => "CA burst",
			Episode::DefaultOwed => "default still owed",
			Episode::UntrustedCa => "untrusted CA",
		}
	}
}

/// The `n` accounts, but those of `except`, with the fewest debts repaid late (each takes a
/// share off the node limit, and rehabilitation clears only defaults), among those with the
/// funds to borrow: the payers an episode can count on for a node limit.
fn cleanest_payers(chain: &Chain, except: &[AccountId], n: usize) -> Vec<AccountId> {
	let mut payers: Vec<AccountId> = chain
		.accounts
		.iter()
		.filter(|who| !except.contains(who) && Balances::balance(*who) >= 1_000 * UNIT)
		.cloned()
		.collect();
	payers
		.sort_by_key(|who| pallet_credit::Parties::<Runtime>::get(who).profile.history.late_debts);
	payers.truncate(n);
	payers
}

/// The lapse byte for one day ([`input::lapse`]).
const DAY_LAPSE: u8 = 192;

/// A registered certificate's CA and serial, if any is registered.
fn registered_serial(rng: &mut Rng) -> Option<(CaId, u64)> {
	let held: Vec<(CaId, u64)> =
		pallet_credit::CertificateHolders::<Runtime>::iter_keys().take(16).collect();
	(!held.is_empty()).then(|| *rng.pick(&held))
}

/// The lapse before the next block, as the input format reads it ([`input::lapse`]): mostly a
/// slot, sometimes hours, days or a month and more, and now and then exactly onto (or one moment
/// past) a moment something changes standing at.
fn random_lapse(rng: &mut Rng) -> u8 {
	match rng.below(100) {
		0..=59 => 1,
		60..=79 => 128 + rng.below(24) as u8,
		80..=89 => 192 + rng.below(10) as u8,
		90..=93 => 192 + 31 + rng.below(17) as u8,
		_ => 240 + rng.below(16) as u8,
	}
}

/// The sender byte of the input format for `sender`.
fn sender_byte(chain: &Chain, sender: &Sender) -> u8 {
	let (who, via_sudo) = match sender {
		Sender::Signed(who) => (who, false),
		Sender::Sudo(who) => (who, true),
	};
	let index = chain.accounts.iter().position(|a| a == who).expect("a known account");
	input::sender(index, via_sudo)
}

#[test]
fn random_blocks_keep_every_invariant() {
	let calls = env_u64("FUZZ_CALLS", DEFAULT_CALLS);
	let corpus = std::env::var("FUZZ_CORPUS").ok();
	let seeds = match corpus {
		Some(_) => 1..=env_u64("FUZZ_CORPUS_SEEDS", 64),
		None => env_u64("FUZZ_SEED", 1)..=env_u64("FUZZ_SEED", 1),
	};
	for seed in seeds {
		let seed_file = corpus.as_ref().map(|dir| format!("{dir}/seed-{seed:03}"));
		credit_fuzz::dev_genesis().execute_with(|| run(seed, calls, seed_file));
	}
}

/// One run of `calls` calls from `seed`; with `seed_file`, its first extrinsics are written
/// there in the input format, and the run stops once they are.
fn run(seed: u64, calls: u64, seed_file: Option<String>) {
	let mut chain = Chain::build_first_block();
	let mut world = World {
		next_ca_seed: 0,
		next_serial: 0,
		steps: VecDeque::new(),
		script: VecDeque::new(),
		episodes: BTreeMap::new(),
	};
	// Every episode twice, at set points of the run.
	let scheduled = Episode::ALL.len() as u64 * 2;
	let mut played = 0u64;
	let mut rng = Rng(seed);
	let mut outcomes: BTreeMap<String, (u64, BTreeMap<String, u64>)> = BTreeMap::new();
	let mut done = 0u64;
	let mut encoded: Vec<u8> = Vec::new();
	let mut seeded = 0usize;
	// The long mode on a release build: each block's execution time against its weight.
	let timing = std::env::var_os("FUZZ_TIMING").is_some();
	assert!(
		!(timing && cfg!(debug_assertions)),
		"FUZZ_TIMING measures the weights' machine speed: run it with --release"
	);
	let mut slowest = (0f64, 0u32, std::time::Duration::ZERO, 0u64);
	let (mut timed_blocks, mut over_weight) = (0u64, Vec::<String>::new());
	let mut lapse = 0u8;
	while done < calls {
		chain.start_block();
		let mut in_this_block: Vec<String> = Vec::new();
		let in_block = 1 + rng.below(20);
		let mut wait = None;
		for i in 0..in_block {
			if world.script.is_empty() {
				let due = played < scheduled && done >= (played + 1) * calls / (scheduled + 1);
				let episode = if due {
					played += 1;
					Some(Episode::ALL[(played - 1) as usize % Episode::ALL.len()])
				} else if rng.below(1000) == 0 {
					Some(*rng.pick(&Episode::ALL))
				} else {
					None
				};
				if let Some(episode) = episode {
					world.script = episode.script(&chain, &mut world);
					*world.episodes.entry(episode.name()).or_default() += 1;
				}
			}
			let (call, sender) = match next_call(&mut rng, &mut world, &mut chain) {
				Next::Call(call, sender) => (*call, sender),
				Next::Wait(lapse) => {
					wait = Some(lapse);
					break;
				}
			};
			let name = credit_fuzz::call_name(&call);
			if seed_file.is_some() && seeded < input::SEED_EXTRINSICS {
				let extrinsic = input::Extrinsic {
					lapse: if i == 0 { lapse } else { 0 },
					sender: sender_byte(&chain, &sender),
					call: call.clone(),
				};
				extrinsic.encode_to(&mut encoded);
				seeded += 1;
			}
			let (who, via_sudo) = match sender {
				Sender::Signed(who) => (who, false),
				Sender::Sudo(who) => (who, true),
			};
			let outcome = chain.apply(&who, call, via_sudo);
			if timing {
				in_this_block
					.push(format!("{name} ({})", if outcome.is_ok() { "ok" } else { "refused" }));
			}
			let entry = outcomes.entry(name).or_default();
			match outcome {
				Ok(()) => entry.0 += 1,
				Err(error) => *entry.1.entry(error).or_default() += 1,
			}
			done += 1;
		}
		let weight = chain.finish_block();
		if timing {
			// The extrinsics' time (the timestamp inherent's included) against the weight they
			// used. Initialising and finalising the block are left out of both: the runtime
			// prices them as `base_block`, and in memory here finalising computes the storage
			// root over every change since genesis, where a node's is over one block's.
			// Picoseconds, as `ref_time` counts them.
			let executing = chain.applying;
			let took = executing.as_nanos().saturating_mul(1_000);
			let ratio = took as f64 / weight.ref_time().max(1) as f64;
			timed_blocks += 1;
			if took > u128::from(weight.ref_time()) {
				over_weight.push(format!(
					"block {}: extrinsics took {executing:?} for a weight of {} µs: {}",
					chain.number - 1,
					weight.ref_time() / 1_000_000,
					in_this_block.join(", ")
				));
			}
			if ratio > slowest.0 {
				slowest = (ratio, chain.number - 1, executing, weight.ref_time());
			}
		}
		if let Some(path) = seed_file.as_ref().filter(|_| seeded >= input::SEED_EXTRINSICS) {
			std::fs::write(path, &encoded).unwrap();
			return;
		}
		// An episode's calls go a slot apart, but for the waits it asks for.
		lapse = match wait {
			Some(lapse) => lapse,
			None if !world.script.is_empty() => 1,
			None => random_lapse(&mut rng),
		};
		chain.advance(lapse);
	}
	let (boundaries_hit, events, checks) = (&chain.boundaries_hit, &chain.events, chain.checks);
	let pool = chain.pool.clone();
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
		 Episodes played whole (each twice at set points of the run, the others at random): \
		 {}.\n\n\
		 Credit events: {}.\n\n\
		 The pool's books at the end: {}.\n\n\
		 | call | succeeded | refused with |\n|---|---|---|\n",
		boundaries_hit.values().sum::<u64>(),
		boundaries_hit.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", "),
		world.episodes.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", "),
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
	let missed: Vec<(&str, Option<&str>)> = errors
		.variants
		.iter()
		.map(|v| v.name)
		.filter(|n| !reached.contains(n))
		.map(|n| (n, unreachable_reason(n)))
		.collect();
	let unexplained: Vec<&str> =
		missed.iter().filter(|(_, why)| why.is_none()).map(|(n, _)| *n).collect();
	let missed: Vec<String> = missed
		.iter()
		.map(|(n, why)| match why {
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
		assert!(
			over_weight.is_empty(),
			"{} of {timed_blocks} blocks took longer than their weight says:\n{}",
			over_weight.len(),
			over_weight.join("\n")
		);
		let timed = format!(
			"seed {seed}, {done} calls in {blocks} blocks on a release build \
			 (`FUZZ_TIMING=1`): in each of the {timed_blocks} blocks after the first, the \
			 extrinsics executed within the weight they used; the slowest for its weight was \
			 block {block}, {took:?} for a weight of {} µs ({:.1}% of it).\n",
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
					"<!-- Written by the stateful fuzzer (fuzz/tests/stateful.rs) with FUZZ_TIMING=1 UPDATE_DOCS=1 \
					 on a release build; do not edit. -->\n\
					 # Block execution time against weight\n\n\
					 The stateful fuzzer's blocks, executed natively over in-memory storage: \
					 each block's `apply_extrinsic` calls (the timestamp inherent and every \
					 signed extrinsic), timed apart from the fuzzer's own work, against the \
					 weight they used (`BlockWeight`). Initialising and finalising the block \
					 are left out of both: the runtime prices them as `base_block`, and in \
					 memory finalising computes the storage root over every change since \
					 genesis, where a node's covers one block's. Native execution over memory \
					 is faster than the Wasm runtime over the node's database that the \
					 weights price, so this bounds the calls' computation, not their storage \
					 costs (`docs/performance.md` measures those on the node).\n\n{timed}"
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
				"<!-- Written by the stateful fuzzer (fuzz/tests/stateful.rs) with UPDATE_DOCS=1; do not edit. -->\n\
				 # Stateful fuzzing of the credit runtime\n\n{report}\n\
				 The coverage-guided fuzzer, over the same block builder and checks, has its \
				 figures in [`fuzz-coverage.md`](fuzz-coverage.md); blocks' execution time \
				 against their weight is in [`fuzz-timing.md`](fuzz-timing.md).\n"
			),
		)
		.unwrap();
	}
	assert!(outcomes.values().any(|(ok, _)| *ok > 0), "some calls succeeded");
	// A run as long as the default reaches every error the pallet has, or knows why it cannot.
	if calls >= DEFAULT_CALLS {
		assert!(
			unexplained.is_empty(),
			"errors never reached, for no known reason: {unexplained:?}"
		);
	}
	// The loss side of credit is reached, not only the lending side.
	for event in
		["DebtDefaulted", "DebtWrittenOff", "KeeperRewarded", "Recovered", "SharesRedeemed"]
	{
		assert!(events.get(event).is_some_and(|n| *n > 0), "no {event} in the run");
	}
	assert!(!boundaries_hit.is_empty(), "time landed on a boundary");
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
		"PoolBalanceTooLow" => {
			"on this runtime the exposure cap refuses first: a payment it lets through (at most \
			 `MaxPoolExposure`, 80%, of the pool's value, less what is owed) is less than the \
			 pool holds, and the dev pool's funders hold a small part of a pool funded at \
			 genesis; the unit tests run a pool at 100% exposure and one that lent its funds out"
		}
		"WithdrawalAboveExposureCap" => {
			"the dev pool's genesis funding is its own shares, which no one redeems, so what \
			 funders can redeem never brings what is owed near 80% of the rest; the unit tests \
			 redeem from a pool lent out to its cap"
		}
		"RedemptionBelowOneUnit" => {
			"the dev pool's fees and late charges keep a share worth more than one unit; the \
			 unit tests write off a debt larger than a small pool's income"
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
