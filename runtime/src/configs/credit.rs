//! The credit pallet: a day to decide, thirty days to repay, a 1% fee; sudo governs the pool
//! and the limits.

use crate::{
	AccountId, Balance, Balances, Runtime, RuntimeHoldReason, Timestamp, DAY_MS, LOCAL_CHAIN_ID,
	UNIT,
};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	PalletId,
};
use frame_system::EnsureRoot;
use pallet_credit::formula::LimitParameters;
use sp_runtime::Perbill;

parameter_types! {
	pub const CreditPalletId: PalletId = PalletId(*b"cc/credt");
	pub const LocalChainId: u32 = LOCAL_CHAIN_ID;
	pub const RequestLifetime: u64 = DAY_MS;
	pub const RepaymentPeriod: u64 = 30 * DAY_MS;
	pub const RepaymentFee: Perbill = Perbill::from_percent(1);
	pub const DayLength: u64 = DAY_MS;
	/// A payee's exposure cap adds half its repaid credit sales over the 30-day window to the
	/// 2,000-unit allowance and its grades' backing.
	pub const PayeeExposureShare: Perbill = Perbill::from_percent(50);
	/// At most 80% of the pool's value is lent out at once.
	pub const MaxPoolExposure: Perbill = Perbill::from_percent(80);
	/// A payee backs a tenth of each grade's limit.
	pub const GradeBacking: Perbill = Perbill::from_percent(10);
	/// An overdue debt costs 0.1% of what it owes a day, up to 3% by the time it defaults.
	pub const LateChargePerDay: Perbill = Perbill::from_parts(1_000_000);
	/// The node-limit formula (see `pallet_credit::formula`): the history can add up to half
	/// the base, each late repayment takes a fifth, a payee's trade admits half its 30-day
	/// volume on top of a 1,000-unit allowance, and no limit passes 100,000 units.
	pub const CreditLimitParameters: LimitParameters<Balance> = LimitParameters {
		cap: 100_000 * UNIT,
		on_time_bonus: Perbill::from_percent(5),
		max_history_bonus: Perbill::from_percent(50),
		late_penalty: Perbill::from_percent(20),
		overdue_penalty: Perbill::from_percent(25),
		new_payee_allowance: 1_000 * UNIT,
		payee_volume_share: Perbill::from_percent(50),
	};
}

impl pallet_credit::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Settlement = pallet_credit::LocalSettlement<Runtime>;
	type Time = Timestamp;
	type PalletId = CreditPalletId;
	type CreditOfficer = EnsureRoot<AccountId>;
	type LocalChainId = LocalChainId;
	type RequestDeposit = ConstU128<{ UNIT / 10 }>;
	type RequestLifetime = RequestLifetime;
	type RepaymentPeriod = RepaymentPeriod;
	type RepaymentFee = RepaymentFee;
	type MaxOpenRequests = ConstU32<16>;
	type MaxOpenDebts = ConstU32<16>;
	type MaxRecentRepayments = ConstU32<16>;
	type MaxDescriptionLen = ConstU32<128>;
	type CaAdmin = EnsureRoot<AccountId>;
	type CertificateDeposit = ConstU128<{ UNIT / 10 }>;
	type MaxNameLen = ConstU32<64>;
	type MaxTrustedCas = ConstU32<32>;
	type LimitParameters = CreditLimitParameters;
	type VolumeBucketLength = DayLength;
	type VolumeBuckets = ConstU32<30>;
	type RaiseInterval = DayLength;
	type DefaultAfter = RepaymentPeriod;
	type IncreaseDeposit = ConstU128<UNIT>;
	type PayeeExposureAllowance = ConstU128<{ 2_000 * UNIT }>;
	type PayeeExposureShare = PayeeExposureShare;
	type MaxPoolExposure = MaxPoolExposure;
	type GradeBacking = GradeBacking;
	type GradeDeposit = ConstU128<{ UNIT / 10 }>;
	type LateChargePerDay = LateChargePerDay;
	type KeeperReward = ConstU128<{ UNIT / 10 }>;
	type WeightInfo = pallet_credit::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TimestampClock;
}

/// Moves pallet-timestamp's clock for the credit benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct TimestampClock;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_credit::BenchmarkHelper for TimestampClock {
	fn set_time(now: u64) {
		pallet_timestamp::Now::<Runtime>::put(now);
	}
}
