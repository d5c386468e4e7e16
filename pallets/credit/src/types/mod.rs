//! Plain data of the credit pallet: requests, grades, debts, repayment history, the party entry,
//! the pool ledger, and what the reads answer.
//!
//! Nothing here knows the pallet's `Config`: every type is generic over the account, balance and
//! bound types, so the runtime API crate and frontends can reuse them as they are.

mod debt;
mod ledger;
mod party;
mod read;
mod request;

pub use debt::*;
pub use ledger::*;
pub use party::*;
pub use read::*;
pub use request::*;

/// Identifies a credit request; the debt a settled request creates has the same id.
pub type RequestId = u64;

/// Milliseconds since the Unix epoch, as pallet-timestamp reports it.
pub type Moment = u64;

/// The chain a party's certificate names as its home: where settlement must reach it.
pub type ChainId = u32;

/// An entry whose business has ended, for anyone to remove (`reap`).
#[derive(
	Clone,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	scale_info::TypeInfo,
	codec::MaxEncodedLen,
	Debug,
)]
pub enum StaleEntry<AccountId> {
	/// A request in a final status.
	Request(RequestId),
	/// A payee's volume ring with nothing left in the window.
	PayeeVolume(AccountId),
	/// A revoked serial, by CA and serial, of a CA no longer trusted.
	RevokedSerial(u32, u64),
}
