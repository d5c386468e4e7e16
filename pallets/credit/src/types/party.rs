//! What the chain keeps about one party: its credit file, its open credit-increase request, and
//! why its limit changed.

use super::{Moment, RepaymentHistory};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

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
	/// The credit officer cleared the payer's repaid defaults.
	Rehabilitated,
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
