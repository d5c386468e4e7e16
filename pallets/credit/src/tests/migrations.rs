//! The storage migrations, on version-0 state written as the first release wrote it.

use crate::{
	migrations::v1::{layout, v0, MigrateV0ToV1},
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
		assert_eq!(
			v1_ledger(),
			Some(as_v1(before)),
			"every figure kept, the forfeited deposit booked"
		);
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		let parties = crate::Parties::<Test>::iter().count() as u64;
		// The version read and write, the ledger, every party and the pool's account.
		let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
		assert_eq!(weight, db.reads_writes(parties + 3, 2));

		// Run again, it finds version 1 and does nothing.
		let again = MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(again, db.reads(1));
		assert_eq!(v1_ledger(), Some(as_v1(before)));
		// Back to today's layout for the invariants.
		Pool::<Test>::put(before);
		StorageVersion::new(3).put::<Pallet<Test>>();
	});
}

/// The ledger as versions 1 and 2 store it.
fn v1_ledger() -> Option<layout::PoolLedger<Balance>> {
	layout::Pool::<Test>::get()
}

/// Today's ledger without what version 3 added.
fn as_v1(ledger: crate::types::PoolLedger<Balance>) -> layout::PoolLedger<Balance> {
	layout::PoolLedger {
		funded: ledger.funded,
		withdrawn: ledger.withdrawn,
		paid_out: ledger.paid_out,
		fees_charged: ledger.fees_charged,
		forfeited: ledger.forfeited,
	}
}

/// Rewrites what version 3 changed as version 2 stored it: grades without backing (their holds
/// released), the ledger without `repaid`, no exposure index, whole credited repayments.
fn as_version_2() {
	use crate::{migrations::v3::old, Grades, HoldReason, Parties, PayeeExposure};
	use frame_support::traits::{fungible::MutateHold, tokens::Precision};
	for (payee, payer, grade) in Grades::<Test>::drain().collect::<Vec<_>>() {
		for (reason, amount) in
			[(HoldReason::GradeBacking, grade.backing), (HoldReason::GradeDeposit, grade.deposit)]
		{
			assert_ok!(Balances::release(
				&RuntimeHoldReason::Credit(reason),
				&payee,
				amount,
				Precision::Exact
			));
		}
		old::Grades::<Test>::insert(
			payee,
			payer,
			old::Grade { level: grade.level, limit: grade.limit },
		);
	}
	for (id, debt) in crate::Debts::<Test>::drain().collect::<Vec<_>>() {
		old::Debts::<Test>::insert(
			id,
			old::Debt {
				payer: debt.payer,
				payee: debt.payee,
				principal: debt.principal,
				fee: debt.fee,
				repaid: debt.repaid,
				settled_at: debt.settled_at,
				due_at: debt.due_at,
				standing: debt.standing,
			},
		);
	}
	let ledger = Pool::<Test>::take();
	layout::Pool::<Test>::put(as_v1(ledger));
	let _ = PayeeExposure::<Test>::clear(u32::MAX, None);
	for (who, mut state) in Parties::<Test>::iter().collect::<Vec<_>>() {
		let history = &mut state.profile.history;
		history.credited_millionths /= crate::types::FULL_CREDIT;
		Parties::<Test>::insert(who, state);
	}
	StorageVersion::new(2).put::<Pallet<Test>>();
}

#[test]
fn v3_books_repayments_indexes_exposure_and_keeps_grades_unbacked() {
	use crate::{migrations::v3::MigrateV2ToV3, types::Grade, Grades, Parties, PayeeExposure};
	ExtBuilder::default().build_and_execute(|| {
		let open = settled(1_000);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), open, 400));
		let cleared = settled(2);
		advance(30 * DAY);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), cleared, 4));
		Parties::<Test>::mutate(PAYER, |state| {
			state.profile.history.credited_millionths = 2 * crate::types::FULL_CREDIT
		});
		let ledger = Pool::<Test>::get();
		let exposure: Vec<_> = PayeeExposure::<Test>::iter().collect();
		assert_eq!(exposure, vec![(PAYEE, 610)]);
		as_version_2();

		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
		let v3 = crate::migrations::v4::old::Pool::<Test>::get().unwrap();
		assert_eq!(
			(v3.funded, v3.paid_out, v3.fees_charged, v3.repaid),
			(ledger.funded, ledger.paid_out, ledger.fees_charged, ledger.repaid),
			"repaid summed from the histories"
		);
		// On to the current layout, where the rest of the test reads.
		crate::migrations::v4::MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(Pool::<Test>::get().repaid, ledger.repaid);
		assert_eq!(PayeeExposure::<Test>::iter().collect::<Vec<_>>(), exposure);
		assert_eq!(
			Grades::<Test>::get(PAYEE, PAYER),
			Some(Grade { level: 3, limit: GRADE_LIMIT, backing: 0, deposit: 0 })
		);
		// Unbacked, the grade counts for nothing until the payee sets it again.
		assert_eq!(Credit::limits_for(&PAYER, &PAYEE).payee_limit, 0);
		let debt = crate::Debts::<Test>::get(open).unwrap();
		assert_eq!((debt.repaid, debt.repaid_held), (400, 0), "earlier repayments earn nothing");
		let credited = Parties::<Test>::get(PAYER).profile.history.credited_millionths;
		assert_eq!(credited, 2 * crate::types::FULL_CREDIT, "each whole credit counts in full");

		// Run again, it finds version 4 and changes nothing.
		let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		crate::migrations::v4::MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), before);

		assert_ok!(Credit::set_grade(RuntimeOrigin::signed(PAYEE), PAYER, 3, GRADE_LIMIT));
		assert_eq!(Credit::limits_for(&PAYER, &PAYEE).payee_limit, GRADE_LIMIT);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn v3_checks_before_and_after() {
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	type Inner = crate::migrations::v3::InnerMigrateV2ToV3<Test>;
	ExtBuilder::default().build_and_execute(|| {
		let id = settled(1_000);
		assert_ok!(Credit::repay(RuntimeOrigin::signed(PAYER), id, 10));
		as_version_2();
		let state = Inner::pre_upgrade().expect("a v2 state");
		Inner::on_runtime_upgrade();
		assert_ok!(Inner::post_upgrade(state));
		StorageVersion::new(3).put::<Pallet<Test>>();
		type Next = crate::migrations::v4::InnerMigrateV3ToV4<Test>;
		let state = Next::pre_upgrade().expect("a v3 state");
		Next::on_runtime_upgrade();
		assert_ok!(Next::post_upgrade(state));
		StorageVersion::new(4).put::<Pallet<Test>>();
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
		let migrated = Pool::<Test>::get();
		as_version_0();
		let state = Inner::pre_upgrade().expect("a v0 ledger");
		Inner::on_runtime_upgrade();
		assert_ok!(Inner::post_upgrade(state));
		assert_eq!(v1_ledger(), Some(as_v1(migrated)));

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
