//! Plain data of the credit pallet: requests, grades, debts, repayment history, the pool ledger.
//!
//! Nothing here knows the pallet's `Config`: every type is generic over the account, balance and
//! bound types, so the runtime API crate and frontends can reuse them as they are.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::traits::{CheckedAdd, Saturating, Zero};

/// Identifies a credit request; the debt a settled request creates has the same id.
pub type RequestId = u64;

/// Milliseconds since the Unix epoch, as pallet-timestamp reports it.
pub type Moment = u64;

/// The chain a party's certificate names as its home: where settlement must reach it.
pub type ChainId = u32;

/// What the payer buys: a hash of the full order, kept off chain, and a short description.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Goods<Description> {
	/// Hash of the order (goods or service) both sides agreed on.
	pub order_hash: H256,
	/// Short human-readable description, a `BoundedVec<u8, Config::MaxDescriptionLen>`.
	pub description: Description,
}

/// The credit grade a payee keeps for one payer (S40).
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
pub struct Grade<Balance> {
	/// The payee's own rating of the payer; the chain stores it and does not interpret it.
	pub level: u8,
	/// Most that the payer may owe this payee at once (the payee limit).
	pub limit: Balance,
}

/// Which of the two limits of S60 refused a payment.
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
pub enum LimitKind {
	/// The grade the payee keeps for the payer.
	Payee,
	/// The payer's credit amount at the node.
	Node,
}

/// Why an accepted request was refused (claim 4), with what would still have fitted.
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
pub enum RejectionReason<Balance> {
	/// The amount did not fit under one or both limits.
	LimitExceeded {
		/// The first limit that failed; `Payee` when both failed.
		limit: LimitKind,
		/// Whether the node limit failed too (then a credit increase may help, claim 5).
		node_limit_exceeded: bool,
		/// Payee limit minus what the payer owes this payee (0 if none is left).
		payee_headroom: Balance,
		/// Node limit minus all the payer owes (0 if none is left).
		node_headroom: Balance,
	},
	/// The payer had a debt past its due date when the payee accepted.
	PayerHasOverdueDebt,
}

/// Where a request is in its lifecycle.
///
/// `Pending` and `Settled` are open: the payer's deposit is held. `Settled` means the pool paid
/// the payee; `Completed` means the payee also acknowledged receipt, and
/// `ClosedUnacknowledged` that it did not by the request's `expires_at`. Every other state is
/// final, and no final state holds a deposit.
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
pub enum RequestStatus<Balance> {
	/// Waiting for the payee to accept or decline.
	Pending,
	/// The pool paid the payee; a debt was recorded.
	Settled,
	/// The payee acknowledged receipt: the payer was notified of success (S80).
	Completed,
	/// The payee accepted but a limit refused it (claim 4).
	Rejected(RejectionReason<Balance>),
	/// The payee declined (S30).
	Declined,
	/// The payer withdrew it before the payee decided.
	Cancelled,
	/// Nobody decided before its expiry.
	Expired,
	/// Settled, but the payee did not acknowledge receipt by `expires_at`; closed by anyone.
	/// The debt stands.
	ClosedUnacknowledged,
}

/// A credit request (S20) and everything that happened to it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct CreditRequest<AccountId, Balance, Description> {
	/// Who asks for credit and will owe the debt.
	pub payer: AccountId,
	/// Who is to be paid.
	pub payee: AccountId,
	/// The amount the pool is asked to pay.
	pub amount: Balance,
	/// What is bought.
	pub goods: Goods<Description>,
	/// The payer's certificate as verified when the request was made: a record (acceptance
	/// checks the payer's certificate as it stands then).
	pub payer_certificate: crate::certificates::CertifiedAs,
	/// The payee's certificate as verified when the request was made: a record (acceptance
	/// checks the payee's certificate as it stands then, and settles to the home chain it names).
	pub payee_certificate: crate::certificates::CertifiedAs,
	/// The deposit held from the payer while the request is open: pending, or settled and not
	/// yet acknowledged.
	pub deposit: Balance,
	/// When it was made.
	pub created_at: Moment,
	/// After this moment an open request can be closed by anyone. Set at creation to
	/// `created_at + RequestLifetime`; at settlement, to the moment the payee must acknowledge
	/// receipt by (`RequestLifetime` later).
	pub expires_at: Moment,
	/// Where it is now.
	pub status: RequestStatus<Balance>,
}

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
	/// Paid back so far, fee and principal alike.
	pub repaid: Balance,
	/// When the pool paid.
	pub settled_at: Moment,
	/// Repayments after this moment are late.
	pub due_at: Moment,
	/// Whether the chain has noted the debt overdue or in default.
	pub standing: DebtStanding,
}

impl<AccountId, Balance: Copy + Saturating> Debt<AccountId, Balance> {
	/// What the debt still owes: principal and fee, less what was repaid.
	pub fn owed(&self) -> Balance {
		self.principal.saturating_add(self.fee).saturating_sub(self.repaid)
	}
}

/// How far past its due date a debt was noted to be (by `report_overdue`).
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
	/// defaults.
	Defaulted,
}

/// Why a payer's node limit changed.
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
pub enum LimitChangeReason {
	/// An on-time repayment was credited.
	OnTimeRepayment,
	/// A repayment came late.
	LateRepayment,
	/// A debt was noted overdue.
	Overdue,
	/// A debt went into default.
	Default,
	/// The credit officer approved a credit increase.
	IncreaseApproved,
	/// The credit officer set the base limit.
	BaseLimitSet,
}

/// A payer's open request for a higher node limit (claim 5).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct IncreaseRequest<Balance, Note> {
	/// How much higher the payer asks its base limit to be.
	pub amount: Balance,
	/// Hash of the evidence of the ability to repay, kept off chain.
	pub evidence_hash: H256,
	/// A short note for the credit officer.
	pub note: Note,
	/// Held from the payer until the officer decides or the payer withdraws.
	pub deposit: Balance,
	/// When it was made.
	pub requested_at: Moment,
}

/// One time bucket of a payee's settled volume.
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
	/// Debts paid off by their due date and credited to the node limit: only a repayment that
	/// clears a debt on time counts, and the rate limiter credits at most one per
	/// `Config::RaiseInterval`, so neither tiny repayments nor a third party's can inflate it.
	pub credited_count: u32,
	/// Debts paid off after their due date: each counts once, however many repayments it took,
	/// so a third party's small late repayments cannot worsen the payer's record.
	pub late_debts: u32,
	/// Debts that went into default (past due by `Config::DefaultAfter`). Any default takes the
	/// node limit to zero.
	pub defaults: u32,
}

/// A payer's credit file at the node: the base limit the officer set, the repayment record, and
/// the rate limiter's memory. One record, so computing or raising a limit is one read and at
/// most one write.
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
pub struct CreditProfile<Balance> {
	/// The base credit limit at the node, set by the credit officer (or an approved increase).
	pub base_limit: Balance,
	/// Repayments in aggregate, and defaults.
	pub history: RepaymentHistory<Balance>,
	/// When the node limit was last raised, if ever: at most one raise per
	/// `Config::RaiseInterval`.
	pub last_raise: Option<Moment>,
}

/// Everything the chain keeps about one party (an account that pays or is paid), in one storage
/// entry ([`crate::pallet::Parties`]): a credit call reads it once and writes it at most once,
/// where separate maps would cost a storage read each (the dominant cost of a call).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct PartyState<Balance, Cert, OpenRequests, OpenDebts, Recent, Increase> {
	/// Its registered certificate, with the deposit held for it.
	pub certificate: Option<Cert>,
	/// As a payer: its credit file: base limit, repayment record, the rate limiter's memory.
	pub profile: CreditProfile<Balance>,
	/// The ids of its pending requests, oldest first (bounded by `Config::MaxOpenRequests`).
	pub open_requests: OpenRequests,
	/// Its unpaid debts: id, payee, due date and what is still owed (bounded by
	/// `Config::MaxOpenDebts`). Everything the two limit checks need about what the payer owes
	/// (in all, to one payee, overdue), so no running sums are stored beside it.
	pub open_debts: OpenDebts,
	/// Its most recent repayments, oldest first.
	pub recent_repayments: Recent,
	/// Its open credit-increase request, if any (at most one).
	pub increase_request: Option<Increase>,
}

// By hand: the derive would ask for `Cert: Default` and `Increase: Default`.
impl<
		Balance: Default,
		Cert,
		OpenRequests: Default,
		OpenDebts: Default,
		Recent: Default,
		Increase,
	> Default for PartyState<Balance, Cert, OpenRequests, OpenDebts, Recent, Increase>
{
	fn default() -> Self {
		Self {
			certificate: None,
			profile: Default::default(),
			open_requests: Default::default(),
			open_debts: Default::default(),
			recent_repayments: Default::default(),
			increase_request: None,
		}
	}
}

/// What went in and out of the pool through this pallet, except repayments: those are kept in
/// each payer's history, and the pool's inflow from them is the sum of all payers'. The pool's
/// balance is at least `funded + repaid - withdrawn - paid_out` (direct transfers to the pool
/// account only add).
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
}

impl<Balance: CheckedAdd> PoolLedger<Balance> {
	/// Adds `amount` to the figure `entry`; `None`, and nothing changed, if it would overflow.
	pub fn add(&mut self, entry: LedgerEntry, amount: Balance) -> Option<()> {
		let figure = match entry {
			LedgerEntry::Funded => &mut self.funded,
			LedgerEntry::Withdrawn => &mut self.withdrawn,
			LedgerEntry::PaidOut => &mut self.paid_out,
			LedgerEntry::FeesCharged => &mut self.fees_charged,
		};
		*figure = figure.checked_add(&amount)?;
		Some(())
	}
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
	/// What would happen.
	pub verdict: Verdict<Balance>,
}
