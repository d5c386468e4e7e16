//! The runtime API of pallet-credit: every read a wallet or dapp needs, and the dry run that
//! tells a payer, before asking, whether a payment would pass and, if not, why. Each method is
//! the pallet's view function of the same name, so a frontend may use either surface.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_credit::certificates::{CertificateFailure, CertifiedAs};
pub use pallet_credit::types::{
	CreditRecord, CreditRequest, Debt, DebtCondition, DebtPosition, DryRun, FunderPosition, Grade,
	IncreaseRequest, LimitCheck, PoolLedger, PoolStatus, PoolValue, RepaymentHistory, RequestId,
	Verdict, WriteOff,
};

sp_api::decl_runtime_apis! {
	/// Reads of the credit pallet. `Description` is the runtime's bounded goods description.
	/// Version 2 adds `certificate_status`; version 3 adds `pool_status`; version 4 adds `debt`,
	/// `pool_value` and `funder`, and the ledger's loss side and shares in `pool_status`.
	#[api_version(2)]
	pub trait CreditApi<AccountId, Balance, Description>
	where
		AccountId: Codec,
		Balance: Codec,
		Description: Codec,
	{
		/// Both limits, both headrooms, and whether `payer` could be paid `amount` to `payee`
		/// now; if not, the rejection reason or the error the calls would fail with.
		fn dry_run(payer: AccountId, payee: AccountId, amount: Balance) -> DryRun<Balance>;

		/// An open request and its status (a request that ended is removed: the event that ended
		/// it is its record).
		fn request(id: RequestId) -> Option<CreditRequest<AccountId, Balance, Description>>;

		/// A payer's unpaid debts, with their ids.
		fn debts_of(payer: AccountId) -> Vec<(RequestId, Debt<AccountId, Balance>)>;

		/// The grade `payee` keeps for `payer`.
		fn grade(payee: AccountId, payer: AccountId) -> Option<Grade<Balance>>;

		/// A payer's base limit, repayment record in aggregate, what is overdue now, and its
		/// node-limit ceiling (the limit before the payee-volume guard).
		fn credit_record(payer: AccountId) -> CreditRecord<Balance>;

		/// A payee's repaid credit sales over the window, which bounds what any payer may owe in
		/// all when buying from it.
		fn payee_volume(payee: AccountId) -> Balance;

		/// A payer's open credit-increase request.
		fn increase_request(payer: AccountId) -> Option<IncreaseRequest<Balance, Description>>;

		/// What `who`'s certificate certifies now (CA, serial, home chain, validity), or why it
		/// does not.
		#[api_version(2)]
		fn certificate_status(who: AccountId) -> Result<CertifiedAs, CertificateFailure>;

		/// The credit pool's account and its balance.
		fn pool() -> (AccountId, Balance);

		/// The pool at a glance: its balance, what is owed to it and by how many debts, how
		/// many requests wait for a payee, and its ledger (what the node's metrics export).
		#[api_version(3)]
		fn pool_status() -> PoolStatus<AccountId, Balance>;

		/// Where debt `id` stands now: what it owes with its late charge as of now, its due and
		/// default dates, its standing by time, its write-off.
		#[api_version(4)]
		fn debt(id: RequestId) -> Option<DebtPosition<Balance>>;

		/// The pool's value, its shares and their value per share, its losses and recoveries.
		#[api_version(4)]
		fn pool_value() -> PoolValue<Balance>;

		/// `who`'s shares in the pool, their value now, and what of it could be redeemed now.
		#[api_version(4)]
		fn funder(who: AccountId) -> FunderPosition<Balance>;
	}
}
