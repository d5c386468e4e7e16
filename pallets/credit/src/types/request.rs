//! A request and what decides it: the goods, the payee's grade, its status, and why a payment was
//! refused (claim 4).

use super::Moment;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

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
	/// Most that the payer may owe this payee at once (the payee limit). Zero for a grade the
	/// payee removed while the payer still owed it: the entry then stays only for its backing.
	pub limit: Balance,
	/// Held from the payee (`Config::GradeBacking` of the larger of the limit and what the
	/// payer owes the payee): it covers a loss on the payer's debts to this payee first. A grade
	/// counts only as far as it is backed.
	pub backing: Balance,
	/// Held from the payee while the entry is stored (`Config::GradeDeposit`).
	pub deposit: Balance,
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
	/// Both limits allowed it, but everything owed for credit paid to this payee, with this
	/// payment, would pass the payee's exposure cap: `Config::PayeeExposureAllowance`, plus
	/// `Config::PayeeExposureShare` of the payee's repaid credit sales in the window, plus the
	/// backing the payee holds for its grades.
	PayeeExposureCapReached {
		/// The payee's cap now.
		cap: Balance,
		/// Owed now for credit paid to the payee, by all its payers.
		exposure: Balance,
	},
	/// Both limits allowed it, but everything owed to the pool, with this payment, would pass
	/// `Config::MaxPoolExposure` of the pool's value (its balance plus what it is owed).
	PoolExposureCapReached {
		/// The pool's cap now.
		cap: Balance,
		/// Owed to the pool now, by every payer.
		outstanding: Balance,
	},
}

/// Where a request is in its lifecycle.
///
/// `Pending` and `Settled` are open: the payer's deposit is held. `Settled` means the pool paid
/// the payee; `Completed` means the payee also acknowledged receipt, and
/// `ClosedUnacknowledged` that it did not by the request's `expires_at`. Every other state is
/// final, and no final state holds a deposit.
///
/// Only `Pending` and `Settled` are stored: a request that ends is removed, and the event that
/// ended it is its record. The final statuses name how a request ended; an entry in one of them
/// was left by a runtime that kept finished requests (storage version 3 and before), and
/// `reap` removes it.
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

impl<Balance> RequestStatus<Balance> {
	/// Pending, or settled and not yet acknowledged: the payer's deposit is held.
	pub fn is_open(&self) -> bool {
		matches!(self, Self::Pending | Self::Settled)
	}
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
