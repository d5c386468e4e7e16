//! The storage migrations, on version-0 state written as the first release wrote it.

use crate::{
	migrations::v1::{v0, MigrateV0ToV1},
	mock::*,
	Pallet, Pool,
};
use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::RuntimeDbWeight,
};
use sp_core::H256;

/// Rewrites the ledger as version 0 stored it and marks the storage version 0.
fn as_version_0() {
	let ledger = Pool::<Test>::get();
	Pool::<Test>::kill();
	v0::Pool::<Test>::put(v0::PoolLedger {
		funded: ledger.funded,
		withdrawn: ledger.withdrawn,
		paid_out: ledger.paid_out,
		fees_charged: ledger.fees_charged,
	});
	StorageVersion::new(0).put::<Pallet<Test>>();
}

fn abusive_increase_rejected() -> Balance {
	let note = b"please".to_vec().try_into().unwrap();
	assert_ok!(Credit::request_credit_increase(
		RuntimeOrigin::signed(PAYER),
		100,
		H256::repeat_byte(1),
		note
	));
	assert_ok!(Credit::reject_credit_increase(RuntimeOrigin::root(), PAYER, true));
	INCREASE_DEPOSIT
}

#[test]
fn v1_books_as_forfeited_what_the_pool_holds_beyond_its_v0_books() {
	ExtBuilder::default().sample_limits().build_and_execute(|| {
		let id = settled(1_000);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 400));
		let forfeited = abusive_increase_rejected();
		let before = Pool::<Test>::get();
		assert_eq!(before.forfeited, forfeited);
		as_version_0();

		let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Pool::<Test>::get(), before, "every figure kept, the forfeited deposit booked");
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		let parties = crate::Parties::<Test>::iter().count() as u64;
		// The version read and write, the ledger, every party and the pool's account.
		let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
		assert_eq!(weight, db.reads_writes(parties + 3, 2));

		// Run again, it finds version 1 and does nothing.
		let again = MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(again, db.reads(1));
		assert_eq!(Pool::<Test>::get(), before);
	});
}

#[test]
fn v1_on_a_chain_without_a_ledger_writes_only_the_version() {
	ExtBuilder::default().pool_funding(0).build_and_execute(|| {
		Pool::<Test>::kill();
		StorageVersion::new(0).put::<Pallet<Test>>();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert!(!Pool::<Test>::exists());
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn v1_checks_before_and_after() {
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	type Inner = crate::migrations::v1::InnerMigrateV0ToV1<Test>;
	ExtBuilder::default().build_and_execute(|| {
		abusive_increase_rejected();
		as_version_0();
		let state = Inner::pre_upgrade().expect("a v0 ledger");
		Inner::on_runtime_upgrade();
		assert_ok!(Inner::post_upgrade(state));
		let migrated = Pool::<Test>::get();

		// A value that is not the v0 layout is refused before anything runs.
		frame_support::storage::unhashed::put_raw(&Pool::<Test>::hashed_key(), &[1, 2, 3]);
		assert!(Inner::pre_upgrade().is_err());
		Pool::<Test>::put(migrated);
	});
}

#[test]
fn v2_records_every_identity_and_drops_a_second_account_of_one() {
	use crate::{certificates::IdentityRecord, migrations::v2::MigrateV1ToV2, Identities};
	ExtBuilder::default().build_and_execute(|| {
		// Version 1 had no identity index, and let two accounts register one identity.
		let _ = Identities::<Test>::clear(u32::MAX, None);
		let mut payee = crate::Parties::<Test>::get(PAYEE);
		payee.certificate.as_mut().unwrap().payload.identity_hash = genesis_identity(PAYER);
		payee.profile.history.defaults = 1;
		crate::Parties::<Test>::insert(PAYEE, payee);
		crate::PayeeVolume::<Test>::mutate(PAYEE, |ring| {
			ring.try_push(crate::types::VolumeBucket { number: 1, amount: 5 }).unwrap()
		});
		StorageVersion::new(1).put::<Pallet<Test>>();
		let certified =
			crate::Parties::<Test>::iter().filter(|(_, s)| s.certificate.is_some()).count();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		assert_eq!(Identities::<Test>::iter().count(), certified - 1);
		let payers = Identities::<Test>::get(genesis_identity(PAYER)).unwrap();
		let second = if payers.holder == Some(PAYER) { PAYEE } else { PAYER };
		assert!(crate::Parties::<Test>::get(second).certificate.is_none(), "the second lost it");
		assert_eq!(payers, IdentityRecord { holder: payers.holder, defaults: 0 });
		let keeper = payers.holder.unwrap();
		assert_eq!(
			crate::Parties::<Test>::get(keeper).profile.history.defaults,
			1,
			"the default follows the identity to the account that keeps it"
		);
		assert_eq!(crate::PayeeVolume::<Test>::iter().count(), 0, "the windows restart");
		// The dropped account's certificate is gone from the holder index too; the invariants
		// (checked after this test) hold again.
	});
}
