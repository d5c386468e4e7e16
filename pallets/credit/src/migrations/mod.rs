//! Storage migrations, one module per storage version, in the way of polkadot-sdk's pallets:
//! each is a [`frame_support::migrations::VersionedMigration`] that runs only from the version
//! it names and then writes the next, so a runtime may list it until every chain it serves has
//! upgraded. A runtime lists them in its `Executive` migrations, oldest first.
//!
//! | version | layout change | migration |
//! | --- | --- | --- |
//! | 0 | the first release: no `StorageVersion` written | |
//! | 1 | the pool ledger books forfeited deposits ([`crate::types::PoolLedger::forfeited`]) | [`v1::MigrateV0ToV1`] |
//! | 2 | who holds each identity ([`crate::pallet::Identities`]) | [`v2::MigrateV1ToV2`] |
//! | 3 | exposure caps and grade backing: the ledger's `repaid`, [`crate::pallet::PayeeExposure`], a grade's backing and deposit, credited repayments in millionths | [`v3::MigrateV2ToV3`] |
//! | 4 | losses, shares and late charges: the ledger's loss side and shares, [`crate::pallet::Shares`], [`crate::pallet::BackingDrawn`], a debt's late charge and write-off | [`v4::MigrateV3ToV4`] |
//!
//! Version 2 also counts in [`crate::pallet::PayeeVolume`] only credit sales repaid in full,
//! where earlier versions counted them when paid out: [`v2::MigrateV1ToV2`] clears the windows,
//! so that no sale counts twice.

pub mod v1;
pub mod v2;
pub mod v3;
pub mod v4;
