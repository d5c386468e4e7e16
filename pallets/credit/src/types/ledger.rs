//! Running figures: the pool's ledger and the time buckets of a payee's volume window.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::{CheckedAdd, Saturating};

/// One time bucket of a payee's repaid credit sales.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
	Default,
)]
pub struct VolumeBucket<Balance> {
	/// `moment / Config::VolumeBucketLength` of the settlements it sums.
	pub number: u64,
	/// Settled to the payee in that bucket.
	pub amount: Balance,
}

/// What went in and out of the pool through this pallet, and the shares its funders hold.
///
/// The pool's balance is [`PoolLedger::liquid`]: `funded + repaid + forfeited + backing_taken -
/// returned_to_backing - withdrawn - paid_out - keeper_rewards`, plus whatever was transferred
/// to the pool's account outside the pallet (which only adds, and counts for no one). What it is
/// owed on performing debts (those not written off) is [`PoolLedger::outstanding`]: `paid_out +
/// fees_charged + late_charged - written_off - (repaid - recovered)`. Their sum, the pool's
/// [`PoolLedger::value`], is then `funded + forfeited + fees_charged + late_charged +
/// recovered - returned_to_backing - losses - withdrawn - keeper_rewards`, where `losses =
/// written_off - backing_taken`: money in and earned, less what went out and what was lost.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
	Default,
)]
pub struct PoolLedger<Balance> {
	/// Paid in with `fund_pool` (and at genesis).
	pub funded: Balance,
	/// Paid out to funders redeeming their shares.
	pub withdrawn: Balance,
	/// Paid to payees on payers' behalf.
	pub paid_out: Balance,
	/// Fees added to debts.
	pub fees_charged: Balance,
	/// Deposits forfeited to the pool: those of credit-increase requests rejected as abusive.
	pub forfeited: Balance,
	/// Paid back on debts, principal, fee, late charge and recoveries alike (the sum of every
	/// payer's repayment history).
	pub repaid: Balance,
	/// Late charges added to overdue debts.
	pub late_charged: Balance,
	/// What debts owed when they were written off, in default.
	pub written_off: Balance,
	/// Taken from payees' grade backing into the pool at write-offs: the first loss.
	pub backing_taken: Balance,
	/// Repaid on written-off debts (part of `repaid`).
	pub recovered: Balance,
	/// Of `recovered`, what went back to the payees whose backing had covered the loss.
	pub returned_to_backing: Balance,
	/// Paid to the keepers who booked defaults.
	pub keeper_rewards: Balance,
	/// Shares in the pool: the sum of every funder's (and the pool's own, see
	/// `Pallet::pool_account`).
	pub shares: Balance,
}

/// One figure of the [`PoolLedger`], as a booking names it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LedgerEntry {
	/// [`PoolLedger::funded`].
	Funded,
	/// [`PoolLedger::withdrawn`].
	Withdrawn,
	/// [`PoolLedger::paid_out`].
	PaidOut,
	/// [`PoolLedger::fees_charged`].
	FeesCharged,
	/// [`PoolLedger::forfeited`].
	Forfeited,
	/// [`PoolLedger::repaid`].
	Repaid,
	/// [`PoolLedger::late_charged`].
	LateCharged,
	/// [`PoolLedger::written_off`].
	WrittenOff,
	/// [`PoolLedger::backing_taken`].
	BackingTaken,
	/// [`PoolLedger::recovered`].
	Recovered,
	/// [`PoolLedger::returned_to_backing`].
	ReturnedToBacking,
	/// [`PoolLedger::keeper_rewards`].
	KeeperReward,
}

impl<Balance: CheckedAdd> PoolLedger<Balance> {
	/// Adds `amount` to the figure `entry`; `None`, and nothing changed, if it would overflow.
	pub fn add(&mut self, entry: LedgerEntry, amount: Balance) -> Option<()> {
		let figure = match entry {
			LedgerEntry::Funded => &mut self.funded,
			LedgerEntry::Withdrawn => &mut self.withdrawn,
			LedgerEntry::PaidOut => &mut self.paid_out,
			LedgerEntry::FeesCharged => &mut self.fees_charged,
			LedgerEntry::Forfeited => &mut self.forfeited,
			LedgerEntry::Repaid => &mut self.repaid,
			LedgerEntry::LateCharged => &mut self.late_charged,
			LedgerEntry::WrittenOff => &mut self.written_off,
			LedgerEntry::BackingTaken => &mut self.backing_taken,
			LedgerEntry::Recovered => &mut self.recovered,
			LedgerEntry::ReturnedToBacking => &mut self.returned_to_backing,
			LedgerEntry::KeeperReward => &mut self.keeper_rewards,
		};
		*figure = figure.checked_add(&amount)?;
		Some(())
	}
}

impl<Balance: Saturating + Copy> PoolLedger<Balance> {
	/// Owed to the pool on every performing debt (not written off): `paid_out + fees_charged +
	/// late_charged - written_off - (repaid - recovered)`.
	pub fn outstanding(&self) -> Balance {
		self.paid_out
			.saturating_add(self.fees_charged)
			.saturating_add(self.late_charged)
			.saturating_sub(self.written_off)
			.saturating_sub(self.repaid.saturating_sub(self.recovered))
	}

	/// What the pool's account holds by its books: `funded + repaid + forfeited +
	/// backing_taken - returned_to_backing - withdrawn - paid_out - keeper_rewards`.
	pub fn liquid(&self) -> Balance {
		self.funded
			.saturating_add(self.repaid)
			.saturating_add(self.forfeited)
			.saturating_add(self.backing_taken)
			.saturating_sub(self.returned_to_backing)
			.saturating_sub(self.withdrawn)
			.saturating_sub(self.paid_out)
			.saturating_sub(self.keeper_rewards)
	}

	/// What the pool is worth, and its shares with it: what it holds by its books and what it
	/// is owed on performing debts.
	pub fn value(&self) -> Balance {
		self.liquid().saturating_add(self.outstanding())
	}

	/// What the pool lost to defaults, net: written off, less the backing that covered it first
	/// and what was recovered into the pool since.
	pub fn net_losses(&self) -> Balance {
		self.written_off
			.saturating_sub(self.backing_taken)
			.saturating_sub(self.recovered.saturating_sub(self.returned_to_backing))
	}

	/// Still owed on written-off debts: `written_off - recovered`.
	pub fn written_off_owed(&self) -> Balance {
		self.written_off.saturating_sub(self.recovered)
	}
}
