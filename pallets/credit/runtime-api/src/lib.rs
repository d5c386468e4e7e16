//! The runtime API of pallet-credit: every read a wallet or dapp needs, and the dry run that
//! tells a payer, before asking, whether a payment would pass and, if not, why.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_credit::types::{
	CreditRequest, Debt, DryRun, Grade, LimitCheck, RepaymentHistory, RequestId, Verdict,
};

sp_api::decl_runtime_apis! {
	/// Reads of the credit pallet. `Description` is the runtime's bounded goods description.
	pub trait CreditApi<AccountId, Balance, Description>
	where
		AccountId: Codec,
		Balance: Codec,
		Description: Codec,
	{
		/// Both limits, both headrooms, and whether `payer` could be paid `amount` to `payee`
		/// now; if not, the rejection reason or the error the calls would fail with.
		fn dry_run(payer: AccountId, payee: AccountId, amount: Balance) -> DryRun<Balance>;

		/// A request and its status.
		fn request(id: RequestId) -> Option<CreditRequest<AccountId, Balance, Description>>;

		/// A payer's unpaid debts, with their ids.
		fn debts_of(payer: AccountId) -> Vec<(RequestId, Debt<AccountId, Balance>)>;

		/// The grade `payee` keeps for `payer`.
		fn grade(payee: AccountId, payer: AccountId) -> Option<Grade<Balance>>;

		/// A payer's repayment record in aggregate.
		fn repayment_history(payer: AccountId) -> RepaymentHistory<Balance>;

		/// The credit pool's account and its balance.
		fn pool() -> (AccountId, Balance);
	}
}
