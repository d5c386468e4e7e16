//! The native token.

use crate::{
	Balance, Runtime, RuntimeFreezeReason, RuntimeHoldReason, System, EXISTENTIAL_DEPOSIT,
};
use frame_support::traits::{ConstU128, ConstU32, VariantCountOf};

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = crate::RuntimeEvent;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	// Measured on this machine in the same run as the credit pallet's weights, so fees and block
	// capacity weigh a transfer and a credit call on one scale.
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}
