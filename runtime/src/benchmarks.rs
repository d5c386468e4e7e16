//! The pallets benchmarked in this runtime.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_credit, Credit]
);

impl frame_system_benchmarking::Config for crate::Runtime {}
