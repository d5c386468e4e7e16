//! Sudo: the sample chain's governance. It is the pool origin and the credit officer.

use crate::{Runtime, RuntimeCall};

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = crate::RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
