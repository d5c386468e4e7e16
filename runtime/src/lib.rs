//! The sample runtime of credit-chain: FRAME system, Aura and GRANDPA consensus, balances,
//! transaction fees, sudo, and the credit pallet.
//!
//! Pallet indices and call indices are stable: frontends may hard-code them. Each pallet's
//! configuration lives in its own file under `configs/`; the runtime APIs in `apis.rs`; the
//! genesis presets (`development`, `local_testnet`) in `genesis_config_presets.rs`; the weights
//! measured for other pallets in the same benchmark run as the credit pallet's in `weights/`.

#![cfg_attr(not(feature = "std"), no_std)]
// As in the credit pallet: no silent overflow, no out-of-bounds index, no panic outside tests.
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used
	)
)]
// `construct_runtime` and `impl_runtime_apis` expand to large amounts of code.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Before `apis`: `define_benchmarks!` defines the macros the benchmark API uses.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

#[allow(unused_imports)]
use alloc::vec::Vec;

#[cfg(feature = "std")]
pub use sp_runtime::BuildStorage;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_credit;
pub use pallet_timestamp::Call as TimestampCall;

/// The block number type.
pub type BlockNumber = u32;
/// A transaction signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account id: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance, with 12 decimals.
pub type Balance = u128;
/// A transaction counter.
pub type Nonce = u32;
/// A hash.
pub type Hash = sp_core::H256;

/// One unit of the native token.
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of a unit.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// The least balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Blocks every two seconds, so a frontend sees results quickly.
pub const MILLISECS_PER_BLOCK: u64 = 2_000;
/// Aura's slot: one block each. Cannot change once the chain runs.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
/// A minute, in milliseconds (the credit pallet counts wall-clock time).
pub const MINUTE_MS: u64 = 60_000;
/// A day, in milliseconds.
pub const DAY_MS: u64 = 24 * 60 * MINUTE_MS;

/// The chain id this runtime answers to, as certificates name a party's home chain.
pub const LOCAL_CHAIN_ID: u32 = 1;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// The block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// An opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;

	impl_opaque_keys! {
		/// The session keys of a validator.
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}
pub use opaque::SessionKeys;

#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("credit-chain"),
	impl_name: alloc::borrow::Cow::Borrowed("credit-chain"),
	authoring_version: 1,
	spec_version: 106,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The address format: an account id or an index.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// What every signed transaction carries besides its call.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);
/// A transaction as it travels.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// What a transaction's signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// The storage migrations the runtime runs on upgrade, oldest first (each runs only from the
/// storage version it names; see `pallet_credit::migrations`).
pub type Migrations = (
	pallet_credit::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_credit::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_credit::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_credit::migrations::v4::MigrateV3ToV4<Runtime>,
);

/// Dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(10)]
	pub type Credit = pallet_credit;
}
