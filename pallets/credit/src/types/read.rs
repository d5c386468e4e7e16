//! What the reads answer: a payer's credit record, both limits with their headroom, and the dry
//! run's verdict.

use super::{RejectionReason, RepaymentHistory};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::Saturating;

/// A payer's repayment record as the formula reads it: the stored history and what is overdue
/// now.
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
pub struct CreditRecord<Balance> {
	/// The payer's base limit.
	pub base_limit: Balance,
	/// Counts and sums of repayments, defaults.
	pub history: RepaymentHistory<Balance>,
	/// Owed now on all open debts.
	pub outstanding: Balance,
	/// Owed now on debts past their due date.
	pub overdue: Balance,
	/// The node limit before the payee-volume guard: the most any payee could see.
	pub ceiling: Balance,
	/// An open credit-increase request asks for this much more, if any.
	pub increase_requested: Option<Balance>,
}

/// The two limits of S60 for one (payer, payee, amount), as a wallet would show them before asking.
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
)]
pub struct LimitCheck<Balance> {
	/// The limit in the payee's grade for the payer (0 without a grade).
	pub payee_limit: Balance,
	/// What the payer owes this payee now.
	pub payee_outstanding: Balance,
	/// The payer's credit amount at the node.
	pub node_limit: Balance,
	/// What the payer owes in all now.
	pub node_outstanding: Balance,
	/// `payee_limit - payee_outstanding`, or 0.
	pub payee_headroom: Balance,
	/// `node_limit - node_outstanding`, or 0.
	pub node_headroom: Balance,
}

/// The two caps beside the method's limits, where exposure accumulates: on one payee, and on
/// the whole pool.
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
pub struct ExposureCheck<Balance> {
	/// Owed now for credit paid to this payee, by all its payers.
	pub payee_exposure: Balance,
	/// The payee's cap: `Config::PayeeExposureAllowance` + `Config::PayeeExposureShare` of its
	/// repaid credit sales in the window + the backing it holds for its grades.
	pub payee_cap: Balance,
	/// Owed to the pool now, by every payer.
	pub pool_outstanding: Balance,
	/// The pool's cap: `Config::MaxPoolExposure` of the pool's balance plus what it is owed.
	pub pool_cap: Balance,
}

/// What the dry run predicts for a payment asked for now and accepted now.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub enum Verdict<Balance> {
	/// Both limits allow it: the pool would pay.
	Pass,
	/// The payee could accept, but the request would end rejected for this reason (claim 4).
	Rejected(RejectionReason<Balance>),
	/// A call on the way would fail with this error (from the metadata's error list).
	Refused(sp_runtime::DispatchError),
}

/// The dry run's answer: both limits and headrooms, and the verdict.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct DryRun<Balance> {
	/// Both limits and what the payer owes under each.
	pub limits: LimitCheck<Balance>,
	/// Both exposure caps and what is owed under each.
	pub exposure: ExposureCheck<Balance>,
	/// What would happen.
	pub verdict: Verdict<Balance>,
}

impl<Balance: Copy + Ord + Saturating> DryRun<Balance> {
	/// The most more the payer could owe (fee included) under both limits and both caps.
	pub fn room(&self) -> Balance {
		let (limits, caps) = (&self.limits, &self.exposure);
		limits
			.payee_headroom
			.min(limits.node_headroom)
			.min(caps.payee_cap.saturating_sub(caps.payee_exposure))
			.min(caps.pool_cap.saturating_sub(caps.pool_outstanding))
	}
}

/// The credit pool at a glance: what an operator watches and a funder reads.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct PoolStatus<AccountId, Balance> {
	/// The pool's account.
	pub account: AccountId,
	/// What the pool's account holds now.
	pub balance: Balance,
	/// Owed to the pool now on every unpaid debt, fees included.
	pub outstanding: Balance,
	/// How many debts are unpaid.
	pub open_debts: u32,
	/// How many requests wait for their payee's decision.
	pub open_requests: u32,
	/// What went in and out of the pool through the pallet, to date.
	pub ledger: super::PoolLedger<Balance>,
}

/// Where a debt stands now, as a wallet or a credit officer reads it: what it owes with its
/// late charge as of now (booked or not), and its standing by time.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct DebtPosition<Balance> {
	/// All it owes now: principal, fee and late charge, less what was repaid.
	pub owed: Balance,
	/// Its late charge now, booked and yet to be booked.
	pub late_charge: Balance,
	/// The days past its due date the late charge covers now.
	pub late_days: u32,
	/// When it is due.
	pub due_at: super::Moment,
	/// When it goes into default, unpaid.
	pub default_at: super::Moment,
	/// Its standing now, by time.
	pub standing: DebtCondition,
	/// How it was written off, if it was.
	pub write_off: Option<super::WriteOff<Balance>>,
}

/// A debt's standing by time, whatever was noted.
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
)]
pub enum DebtCondition {
	/// Not past its due date.
	Current,
	/// Past its due date: it accrues a late charge, and its payer gets no new credit.
	Overdue,
	/// Past its due date by `Config::DefaultAfter`, not yet written off: the next call that
	/// touches it books the write-off.
	InDefault,
	/// Written off; what is repaid on it is a recovery.
	WrittenOff,
}

/// The pool's value and what stands behind its shares.
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
pub struct PoolValue<Balance> {
	/// Its liquid funds by its books (what redemptions are paid from, less the existential
	/// deposit).
	pub liquid: Balance,
	/// Owed to it on performing debts.
	pub performing: Balance,
	/// `liquid + performing`: what its shares are worth together.
	pub value: Balance,
	/// All the shares.
	pub shares: Balance,
	/// Of them, the pool's own (what no funder paid in; never redeemed).
	pub own_shares: Balance,
	/// What one million shares are worth: the value per share, in millionths.
	pub value_per_million_shares: Balance,
	/// Written off to date.
	pub written_off: Balance,
	/// Of that, what payees' backing covered.
	pub backing_taken: Balance,
	/// Recovered on written-off debts to date.
	pub recovered: Balance,
	/// The pool's own loss to date: written off, less backing, less what was recovered into it.
	pub net_losses: Balance,
	/// Still owed on written-off debts.
	pub written_off_owed: Balance,
}

/// One funder's position in the pool.
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
pub struct FunderPosition<Balance> {
	/// Its shares.
	pub shares: Balance,
	/// What they are worth at the value per share now.
	pub value: Balance,
	/// What of that it could redeem now: the pool pays from its liquid funds, within its
	/// exposure cap.
	pub redeemable: Balance,
}
