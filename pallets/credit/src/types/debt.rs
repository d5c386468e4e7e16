//! Debts and their repayment: a debt, its standing, the per-payer index of open debts and the sums
//! over it, one repayment, and a payer's repayment history in aggregate.

use super::{Moment, RequestId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::{Saturating, Zero};

/// What a payer owes for one settled request.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Debt<AccountId, Balance> {
	/// The debtor.
	pub payer: AccountId,
	/// Who was paid.
	pub payee: AccountId,
	/// What the pool paid.
	pub principal: Balance,
	/// The fee owed with the principal (`Config::RepaymentFee` of it, rounded up).
	pub fee: Balance,
	/// Paid back so far, fee, principal and late charge alike.
	pub repaid: Balance,
	/// When the pool paid.
	pub settled_at: Moment,
	/// Repayments after this moment are late.
	pub due_at: Moment,
	/// Whether the chain has noted the debt overdue or in default.
	pub standing: DebtStanding,
	/// The repayments so far weighted by how long each was outstanding: the sum of each
	/// repayment's amount times its time since settlement as a share of
	/// `Config::RepaymentPeriod` (at most all of it). What clearing the debt earns toward the
	/// on-time bonus is this against the base limit, so only money the payer held for long
	/// counts, however the debt is split into repayments.
	pub repaid_held: Balance,
	/// The late charge booked so far: `Config::LateChargePerDay` of what was owed, for each day
	/// (or part of one) past the due date, up to `late_days`.
	pub late_charge: Balance,
	/// Days past the due date the late charge covers: each day is charged once, at the start
	/// of the first call that touches the debt in it.
	pub late_days: u32,
	/// Set when the debt was written off in default: what it owed then and how the loss was
	/// taken. A written-off debt accrues nothing more; what is repaid on it is a recovery.
	pub write_off: Option<WriteOff<Balance>>,
}

impl<AccountId, Balance: Copy + Saturating> Debt<AccountId, Balance> {
	/// What the debt still owes: principal, fee and the late charge booked, less what was
	/// repaid.
	pub fn owed(&self) -> Balance {
		self.principal
			.saturating_add(self.fee)
			.saturating_add(self.late_charge)
			.saturating_sub(self.repaid)
	}

	/// What a late charge is charged on: principal and fee not yet repaid (repayments pay
	/// those first), so a charge never bears a charge.
	pub fn chargeable(&self) -> Balance {
		self.principal.saturating_add(self.fee).saturating_sub(self.repaid)
	}
}

/// How a defaulted debt was written off: the loss waterfall's record.
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
pub struct WriteOff<Balance> {
	/// When.
	pub at: Moment,
	/// What the debt owed then: the loss before the waterfall.
	pub amount: Balance,
	/// Taken from the payee's grade backing: the first loss.
	pub from_backing: Balance,
	/// Of what was recovered since, returned to the payee for its backing (recoveries go to the
	/// backing first, up to `from_backing`, then to the pool).
	pub returned_to_backing: Balance,
}

/// How far past its due date a debt was noted to be (by `report_overdue`, or by the first
/// repayment after it).
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
pub enum DebtStanding {
	/// Not noted past due (it may still be: overdue is a matter of time, see `due_at`).
	#[default]
	Current,
	/// Noted past its due date.
	Overdue,
	/// Noted past its due date by more than `Config::DefaultAfter`; counted in the payer's
	/// defaults, and written off (see `Debt::write_off`).
	Defaulted,
}

/// One open debt of a payer, as indexed per payer: everything both limit checks need (what is
/// owed, to whom, by when) without reading a debt record. `owed` always equals the debt record's
/// principal + fee - repaid (the *debt-index* invariant).
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
pub struct DebtRef<AccountId, Balance> {
	/// The debt (and request) id.
	pub id: RequestId,
	/// Who the pool paid on the payer's behalf.
	pub payee: AccountId,
	/// Its due date.
	pub due_at: Moment,
	/// Principal and fee not yet repaid.
	pub owed: Balance,
}

impl<AccountId, Balance> DebtRef<AccountId, Balance> {
	/// Whether the debt is past its due date at `now`.
	pub fn is_overdue(&self, now: Moment) -> bool {
		self.due_at < now
	}

	/// Whether the debt is in default at `now`: past its due date by more than
	/// `default_after`.
	pub fn is_in_default(&self, now: Moment, default_after: Moment) -> bool {
		self.due_at.saturating_add(default_after) < now
	}
}

/// The sums over a payer's open-debt index that the limit checks and reads use. Every sum
/// saturates: what one payer owes is bounded by its limits long before the balance type is.
pub trait DebtIndex<AccountId, Balance> {
	/// All that is still owed on these debts.
	fn total_owed(&self) -> Balance;
	/// What is still owed on those of these debts owed for payments to `payee`.
	fn owed_to(&self, payee: &AccountId) -> Balance;
	/// What is still owed on those of these debts past their due date at `now`.
	fn overdue_owed(&self, now: Moment) -> Balance;
	/// Whether any of these debts is past its due date at `now`.
	fn any_overdue(&self, now: Moment) -> bool;
	/// How many of these debts are in default at `now` (past due by more than
	/// `default_after`), written off or not.
	fn in_default(&self, now: Moment, default_after: Moment) -> u32;
}

impl<AccountId: PartialEq, Balance: Copy + Saturating + Zero> DebtIndex<AccountId, Balance>
	for [DebtRef<AccountId, Balance>]
{
	fn total_owed(&self) -> Balance {
		sum_owed(self, |_| true)
	}

	fn owed_to(&self, payee: &AccountId) -> Balance {
		sum_owed(self, |debt| debt.payee == *payee)
	}

	fn overdue_owed(&self, now: Moment) -> Balance {
		sum_owed(self, |debt| debt.is_overdue(now))
	}

	fn any_overdue(&self, now: Moment) -> bool {
		self.iter().any(|debt| debt.is_overdue(now))
	}

	fn in_default(&self, now: Moment, default_after: Moment) -> u32 {
		let count = self.iter().filter(|debt| debt.is_in_default(now, default_after)).count();
		u32::try_from(count).unwrap_or(u32::MAX)
	}
}

/// What is still owed on the `debts` that `include` picks.
fn sum_owed<AccountId, Balance: Copy + Saturating + Zero>(
	debts: &[DebtRef<AccountId, Balance>],
	include: impl Fn(&DebtRef<AccountId, Balance>) -> bool,
) -> Balance {
	debts
		.iter()
		.filter(|debt| include(debt))
		.fold(Zero::zero(), |sum: Balance, debt| sum.saturating_add(debt.owed))
}

/// One full on-time credit, in [`RepaymentHistory::credited_millionths`].
pub const FULL_CREDIT: u32 = 1_000_000;

/// One repayment, as remembered in a payer's recent history.
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
pub struct Repayment<Balance> {
	/// The debt it paid down.
	pub debt: RequestId,
	/// How much.
	pub amount: Balance,
	/// When.
	pub at: Moment,
	/// Whether it was made by the debt's due date.
	pub on_time: bool,
}

/// A payer's repayment record in aggregate form (claim 2): bounded whatever the history's length.
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
pub struct RepaymentHistory<Balance> {
	/// Repayments made by the due date.
	pub on_time_count: u32,
	/// Their sum.
	pub on_time_amount: Balance,
	/// Repayments made after the due date.
	pub late_count: u32,
	/// Their sum.
	pub late_amount: Balance,
	/// When the last repayment was made, if ever.
	pub last_repayment_at: Option<Moment>,
	/// On-time repayments credited to the node limit, in millionths of a full credit
	/// ([`FULL_CREDIT`]): a debt cleared by its due date earns its repayments, each weighted by
	/// its time outstanding as a share of `Config::RepaymentPeriod` ([`Debt::repaid_held`]), up
	/// to its principal, against the base limit (at most one), so a debt of the base limit held
	/// for the whole period earns one full credit and a tiny or instant one next to nothing. The rate limiter credits at most one debt per
	/// `Config::RaiseInterval`.
	pub credited_millionths: u32,
	/// Debts paid off after their due date: each counts once, however many repayments it took,
	/// so a third party's small late repayments cannot worsen the payer's record.
	pub late_debts: u32,
	/// Debts that went into default (past due by `Config::DefaultAfter`). Any default takes the
	/// node limit to zero.
	pub defaults: u32,
}
