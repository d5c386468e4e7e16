//! State that stays bounded: finished requests are removed, stale entries are reaped by anyone,
//! many full lifecycles leave the state as they found it (apart from entries a deposit pays
//! for), and an entry a lowered bound no longer decodes is caught, never read as empty.

use crate::{
	mock::*,
	types::{Moment, RequestStatus, StaleEntry},
	Debts, Error, Event, Parties, PayeeVolume, Requests, RevokedSerials,
};
use codec::MaxEncodedLen;
use frame_support::{assert_noop, assert_ok, storage::StoragePrefixedMap, StorageHasher, Twox128};
use sp_core::Pair;
use std::collections::BTreeMap;

const LIFETIME: Moment = <Test as crate::Config>::RequestLifetime::get();
const WINDOW: Moment = 30 * DAY;

#[test]
fn an_ended_request_is_removed_and_its_event_is_its_record() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id));
		assert!(!Requests::<Test>::contains_key(id));
		assert_eq!(status(id), RequestStatus::Completed, "read back from the event");
		let cancelled = request(10);
		assert_ok!(Credit::cancel_request(RuntimeOrigin::signed(PAYER), cancelled));
		let declined = request(10);
		assert_ok!(Credit::decline_request(RuntimeOrigin::signed(PAYEE), declined));
		let rejected = request(2 * GRADE_LIMIT);
		assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), rejected));
		let expired = request(10);
		advance(LIFETIME + 1);
		assert_ok!(Credit::close_expired(RuntimeOrigin::signed(OTHER), expired));
		for ended in [cancelled, declined, rejected, expired] {
			assert!(!Requests::<Test>::contains_key(ended), "request {ended} is gone");
		}
		assert!(matches!(status(rejected), RequestStatus::Rejected(_)));
		assert_eq!(Requests::<Test>::iter().count(), 0, "nothing finished is kept");
	});
}

/// A finished request as a runtime that kept finished requests left it.
fn legacy_finished_request() -> u64 {
	let id = request(10);
	let mut finished = Requests::<Test>::get(id).unwrap();
	assert_ok!(Credit::cancel_request(RuntimeOrigin::signed(PAYER), id));
	finished.status = RequestStatus::Completed;
	Requests::<Test>::insert(id, finished);
	id
}

#[test]
fn anyone_reaps_a_finished_request_left_by_an_earlier_runtime() {
	ExtBuilder::default().build_and_execute(|| {
		let id = legacy_finished_request();
		assert_noop!(
			Credit::close_expired(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::RequestNotOpen
		);
		assert_ok!(Credit::reap(RuntimeOrigin::signed(STRANGER), StaleEntry::Request(id)));
		assert!(!Requests::<Test>::contains_key(id));
		assert_eq!(last_event(), Event::EntryReaped { entry: StaleEntry::Request(id) });
		assert_noop!(
			Credit::reap(RuntimeOrigin::signed(STRANGER), StaleEntry::Request(id)),
			Error::<Test>::NothingToReap
		);
	});
}

#[test]
fn an_open_request_cannot_be_reaped() {
	ExtBuilder::default().build_and_execute(|| {
		let pending = request(10);
		let settled = settled(100);
		for id in [pending, settled] {
			assert_noop!(
				Credit::reap(RuntimeOrigin::signed(STRANGER), StaleEntry::Request(id)),
				Error::<Test>::RequestStillOpen
			);
		}
	});
}

#[test]
fn a_volume_ring_is_reaped_only_once_nothing_in_it_counts() {
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(100);
		// Repaid at once, the sale counts nothing (only money held for long does), and no
		// ring is stored for it.
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 50));
		assert!(!PayeeVolume::<Test>::contains_key(PAYEE));
		advance(10 * DAY);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 51));
		assert!(PayeeVolume::<Test>::contains_key(PAYEE));
		let entry = StaleEntry::PayeeVolume(PAYEE);
		assert_noop!(
			Credit::reap(RuntimeOrigin::signed(STRANGER), entry.clone()),
			Error::<Test>::VolumeStillInWindow
		);
		advance(WINDOW - 1);
		assert_noop!(
			Credit::reap(RuntimeOrigin::signed(STRANGER), entry.clone()),
			Error::<Test>::VolumeStillInWindow
		);
		advance(1);
		let limits = Credit::limits_for(&PAYER, &PAYEE);
		assert_ok!(Credit::reap(RuntimeOrigin::signed(STRANGER), entry.clone()));
		assert!(!PayeeVolume::<Test>::contains_key(PAYEE));
		assert_eq!(Credit::limits_for(&PAYER, &PAYEE), limits, "no limit moved");
		assert_noop!(
			Credit::reap(RuntimeOrigin::signed(STRANGER), entry),
			Error::<Test>::NothingToReap
		);
	});
}

#[test]
fn a_revoked_serial_is_reaped_only_once_its_ca_is_gone() {
	ExtBuilder::default().build_and_execute(|| {
		let key = sp_core::sr25519::Pair::from_seed(&[9; 32]).public().into();
		let ca = crate::NextCaId::<Test>::get();
		assert_ok!(Credit::add_ca(RuntimeOrigin::root(), b"CA".to_vec().try_into().unwrap(), key));
		assert_ok!(Credit::revoke_certificate(RuntimeOrigin::root(), ca, 5));
		let entry = StaleEntry::RevokedSerial(ca, 5);
		assert_noop!(
			Credit::reap(RuntimeOrigin::signed(STRANGER), entry.clone()),
			Error::<Test>::CaStillTrusted
		);
		assert_ok!(Credit::remove_ca(RuntimeOrigin::root(), ca));
		assert_ok!(Credit::reap(RuntimeOrigin::signed(STRANGER), entry.clone()));
		assert!(!RevokedSerials::<Test>::contains_key(ca, 5));
		assert_noop!(
			Credit::reap(RuntimeOrigin::signed(STRANGER), entry),
			Error::<Test>::NothingToReap
		);
	});
}

#[test]
fn reaping_needs_a_signed_origin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = legacy_finished_request();
		assert_noop!(
			Credit::reap(RuntimeOrigin::none(), StaleEntry::Request(id)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Credit::reap(RuntimeOrigin::signed(PAYER), StaleEntry::Request(id)));
	});
}

/// Every stored key (apart from the block's own bookkeeping: `System` but its accounts, and
/// `Timestamp`) with the length of its value.
fn stored() -> BTreeMap<Vec<u8>, usize> {
	let system = Twox128::hash(b"System");
	let accounts = frame_system::Account::<Test>::final_prefix();
	let timestamp = Twox128::hash(b"Timestamp");
	let mut all = BTreeMap::new();
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let bookkeeping = (next.starts_with(&system) && !next.starts_with(&accounts))
			|| next.starts_with(&timestamp);
		if !bookkeeping {
			let value = frame_support::storage::unhashed::get_raw(&next).unwrap_or_default();
			all.insert(next.clone(), value.len());
		}
		key = next;
	}
	all
}

fn bytes(state: &BTreeMap<Vec<u8>, usize>) -> usize {
	state.values().sum()
}

/// One of each lifecycle: a payment requested, accepted, acknowledged and repaid five days on; a request
/// cancelled, one declined, one accepted and rejected by the payee's limit, one expired.
fn one_of_each_lifecycle() {
	let id = settled(1_000);
	assert_ok!(Credit::acknowledge_receipt(RuntimeOrigin::signed(PAYEE), id));
	advance(5 * DAY);
	let owed = Debts::<Test>::get(id).unwrap().owed();
	assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, owed));
	let id = request(10);
	assert_ok!(Credit::cancel_request(RuntimeOrigin::signed(PAYER), id));
	let id = request(10);
	assert_ok!(Credit::decline_request(RuntimeOrigin::signed(PAYEE), id));
	let id = request(2 * GRADE_LIMIT);
	assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
	assert!(matches!(status(id), RequestStatus::Rejected(_)));
	let id = request(10);
	advance(LIFETIME + 1);
	assert_ok!(Credit::close_expired(RuntimeOrigin::signed(OTHER), id));
	System::reset_events();
}

#[test]
fn many_lifecycles_leave_the_state_as_they_found_it() {
	// Six days a round: fifty rounds stay within the genesis certificates' year.
	const ROUNDS: usize = 50;
	ExtBuilder::default().build_and_execute(|| {
		let genesis = stored();
		// The first round makes what every later one only rewrites: the payer's repayment
		// record and the payee's volume ring.
		one_of_each_lifecycle();
		let baseline = stored();
		for _ in 0..ROUNDS {
			one_of_each_lifecycle();
		}
		let after = stored();
		println!(
			"storage, without the block's bookkeeping: {} keys / {} bytes at genesis, {} / {} \
			 after one round of each lifecycle, {} / {} after {ROUNDS} more rounds ({} requests)",
			genesis.len(),
			bytes(&genesis),
			baseline.len(),
			bytes(&baseline),
			after.len(),
			bytes(&after),
			crate::NextRequestId::<Test>::get(),
		);
		assert_eq!(
			after.keys().collect::<Vec<_>>(),
			baseline.keys().collect::<Vec<_>>(),
			"no key is left behind"
		);
		// What may still differ in size are the two bounded entries the rounds rewrite: the
		// payer's party entry (its certificate deposit pays for it; its recent repayments fill
		// up to their bound) and the payee's volume ring (one slot a day, up to the window's
		// buckets; reaped once nothing in it counts).
		let party = crate::Parties::<Test>::hashed_key_for(PAYER);
		let ring = crate::PayeeVolume::<Test>::hashed_key_for(PAYEE);
		for (key, size) in &after {
			if baseline.get(key) != Some(size) {
				let bound = if *key == party {
					crate::PartyStateOf::<Test>::max_encoded_len()
				} else if *key == ring {
					crate::VolumeRingOf::<Test>::max_encoded_len()
				} else {
					panic!("an entry grew that no deposit pays for: {}", hex(key));
				};
				assert!(*size <= bound, "{} holds {size} bytes, above its bound {bound}", hex(key));
			}
		}
		assert!(Parties::<Test>::get(PAYER).certificate.is_some(), "the party entry is paid for");
		// A window later nothing in the ring counts, and anyone may remove it.
		advance(WINDOW);
		assert_ok!(Credit::reap(RuntimeOrigin::signed(OTHER), StaleEntry::PayeeVolume(PAYEE)));
		let reaped = stored();
		assert_eq!(reaped.len(), baseline.len() - 1);
	});
}

fn hex(key: &[u8]) -> String {
	key.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_bound_lowered_without_a_migration_is_caught_and_no_debt_is_forgotten() {
	ExtBuilder::default().node_limit(1_000_000).build_and_execute(|| {
		let debts: Vec<_> = (0..3).map(|_| settled(100)).collect();
		let outstanding = Credit::outstanding(&PAYER);
		// The runtime's `MaxOpenDebts` lowered under the payer's three debts, with no migration.
		OpenDebtsBound::set(&2);
		let error = Credit::do_try_state().unwrap_err();
		assert!(format!("{error:?}").contains("parties-decode"), "named: {error:?}");
		for id in &debts {
			assert_noop!(
				Credit::repay(RuntimeOrigin::signed(PAYER), *id, 1),
				Error::<Test>::PartyEntryUndecodable
			);
			assert!(Debts::<Test>::contains_key(id), "debt {id} stands");
		}
		assert_noop!(
			Credit::request_credit_payment(RuntimeOrigin::signed(PAYER), PAYEE, 1, goods()),
			Error::<Test>::PartyEntryUndecodable
		);
		// The bound restored (the migration the upgrade lacked), every debt is there as it was.
		OpenDebtsBound::set(&8);
		assert_eq!(Credit::outstanding(&PAYER), outstanding);
		assert_eq!(Parties::<Test>::get(PAYER).open_debts.len(), 3);
	});
}
