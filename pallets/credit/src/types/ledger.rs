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

/// What went in and out of the pool through this pallet. The pool's balance is `funded +
/// repaid + forfeited - withdrawn - paid_out`, plus whatever was transferred to the pool's
/// account outside the pallet (which only adds); what it is owed is `paid_out + fees_charged -
/// repaid` ([`PoolLedger::outstanding`]).
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
	/// Taken out with `withdraw_from_pool`.
	pub withdrawn: Balance,
	/// Paid to payees on payers' behalf.
	pub paid_out: Balance,
	/// Fees added to debts.
	pub fees_charged: Balance,
	/// Deposits forfeited to the pool: those of credit-increase requests rejected as abusive.
	pub forfeited: Balance,
	/// Paid back on debts, principal and fee alike (the sum of every payer's repayment
	/// history).
	pub repaid: Balance,
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
		};
		*figure = figure.checked_add(&amount)?;
		Some(())
	}
}

impl<Balance: Saturating + Copy> PoolLedger<Balance> {
	/// Owed to the pool on every unpaid debt: `paid_out + fees_charged - repaid`.
	pub fn outstanding(&self) -> Balance {
		self.paid_out.saturating_add(self.fees_charged).saturating_sub(self.repaid)
	}
}
