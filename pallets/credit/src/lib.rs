//! # Credit pallet
//!
//! A payer who cannot pay now asks for a credit payment; the payee accepts or declines; the chain
//! checks two limits; if both allow it, a pallet-owned credit pool pays the payee on the payer's
//! behalf and records a debt; the payee acknowledges receipt; the payer repays later.
//!
//! ## Overview
//!
//! The method (steps S10 to S80 of the patent this chain implements, see `SPEC.md`) maps onto
//! calls as follows:
//!
//! | step | call | who may call |
//! |---|---|---|
//! | fund the pool, for shares | [`Pallet::fund_pool`] | anyone |
//! | redeem shares for the pool's liquid funds | [`Pallet::redeem_shares`] | a funder, for its own shares |
//! | keep a grade for a payer (S40) | [`Pallet::set_grade`], [`Pallet::remove_grade`] | the payee |
//! | set a payer's base limit (S50) | [`Pallet::set_base_limit`] | [`Config::CreditOfficer`] |
//! | ask for credit (S10, S20) | [`Pallet::request_credit_payment`] | the payer |
//! | withdraw the ask | [`Pallet::cancel_request`] | the payer |
//! | decide (S30 to S70) | [`Pallet::accept_request`], [`Pallet::decline_request`] | the payee |
//! | confirm receipt (S80) | [`Pallet::acknowledge_receipt`] | the payee |
//! | repay | [`Pallet::repay`] | anyone, for any debt |
//! | close a stale ask, or a receipt never acknowledged | [`Pallet::close_expired`] | anyone |
//! | note a debt overdue, or book its default (write-off, keeper reward) | [`Pallet::report_overdue`] | anyone |
//! | clear a payer's repaid defaults | [`Pallet::rehabilitate`] | [`Config::CreditOfficer`] |
//! | ask for a higher limit (claim 5) | [`Pallet::request_credit_increase`], [`Pallet::withdraw_credit_increase`] | the payer |
//! | decide on it | [`Pallet::approve_credit_increase`], [`Pallet::reject_credit_increase`] | [`Config::CreditOfficer`] |
//! | trust or distrust a CA | [`Pallet::add_ca`], [`Pallet::remove_ca`] | [`Config::CaAdmin`] |
//! | revoke a certificate | [`Pallet::revoke_certificate`], [`Pallet::revoke_certificate_signed`] | [`Config::CaAdmin`], or anyone with the CA's signature |
//! | hold an identity (claim 3) | [`Pallet::register_certificate`], [`Pallet::remove_certificate`] | the certificate's subject |
//!
//! Every step a user waits for emits an event, named in the passive tense: the events are the
//! notices of the method. A refused payment (claim 4) is not an error: the request ends
//! `Rejected`, with the limit that failed and the headroom under both, in storage and in
//! [`Event::RequestRejected`].
//!
//! Everything a frontend reads is a view function of [`Pallet`] (and the same function behind
//! the runtime API `CreditApi`): [`Pallet::request`], [`Pallet::debts_of`], [`Pallet::grade`],
//! [`Pallet::credit_record`], [`Pallet::dry_run`], [`Pallet::payee_volume`],
//! [`Pallet::increase_request`], [`Pallet::certificate_status`], [`Pallet::pool`],
//! [`Pallet::pool_status`], [`Pallet::debt`], [`Pallet::pool_value`] and [`Pallet::funder`].
//!
//! The code is one file per concern ([`pool`], [`grades`], [`requests`], [`repayment`],
//! [`credit_file`], [`node_limit`], [`increase`], [`standing`], [`losses`], [`certificates`],
//! [`settlement`], [`reads`]), pure functions in [`headroom`], [`formula`] and [`volume`], and
//! plain data in [`types`].
//!
//! ## Terminology
//!
//! - **Outstanding**: what a payer still owes: principal plus fee, less repayments.
//! - **Payee limit**: the `limit` of the [`types::Grade`] the payee keeps for the payer; no grade
//!   means a limit of zero.
//! - **Node limit**: the payer's credit amount at the node (claim 2), computed by
//!   [`formula::node_limit`] from the payer's base limit, its repayment history (on-time
//!   repayments credited, late ones, what is overdue now, defaults) and the payee's settled
//!   volume over the last [`Config::VolumeBuckets`] × [`Config::VolumeBucketLength`] (30 days
//!   in the sample runtime). The formula, a worked example and its properties are in
//!   [`formula`]; `docs/node-limit.md` shows one payer's limit over a scripted history.
//! - **Ceiling**: the node limit before the payee-volume guard, the most any payee could see.
//! - **Headroom**: a limit less the matching outstanding debt (never below zero).
//!
//! ## Rules
//!
//! - A payment passes when `payee outstanding + owed <= payee limit` **and**
//!   `payer outstanding + owed <= node limit` ([`headroom::check`]), where `owed` is what the
//!   payment will owe: its amount and its fee, rounded up (rounding goes against the debtor).
//! - Beside the two limits, two caps bound where exposure accumulates
//!   ([`headroom::exposure_check`]): all that is owed for credit paid to one payee is at most
//!   [`Config::PayeeExposureAllowance`] plus [`Config::PayeeExposureShare`] of its repaid credit
//!   sales plus the backing it holds; all that is owed to the pool is at most
//!   [`Config::MaxPoolExposure`] of its value. A cap that binds ends the request rejected with
//!   its reason. `docs/risk.md` derives the most the pool can lose from these.
//! - A grade is kept only by a certified payee, which holds [`Config::GradeBacking`] of it as
//!   backing and [`Config::GradeDeposit`] for it (see [`grades`]).
//! - A payer with a debt past its due date gets no new credit.
//! - Every raise of a payer's limit (a credited on-time repayment, an approved increase, a higher
//!   base limit) passes one rate limiter: at most one raise per [`Config::RaiseInterval`].
//! - Every change of a payer's limit emits [`Event::NodeLimitChanged`] with its reason.
//! - A request holds its deposit while it is open: pending, then, once settled, until the payee
//!   acknowledges receipt. Every way a request ends (cancelled, declined, expired, rejected,
//!   completed, closed unacknowledged) releases it and removes the request; the event that
//!   ended it is its record.
//! - Every entry a user makes is paid for by a deposit or goes when its business ends; what no
//!   call ends (a volume ring with nothing in the window, a revoked serial of a removed CA)
//!   anyone may remove with `reap` (see [`reaping`]).
//! - A repayment lowers exactly one debt, never below zero, and counts in that debt's payer's
//!   history whoever pays it.
//!
//! ## Invariants
//!
//! Checked by the `try_state` hook (under `try-runtime`) and after every unit test; a failure
//! names the invariant:
//!
//! - **pool-covered**: the ledger's `repaid` is the sum of every payer's repayment history; the
//!   pool holds at least its books ([`types::PoolLedger::liquid`]: `funded + repaid +
//!   forfeited + backing_taken - returned_to_backing - withdrawn - paid_out - keeper_rewards`),
//!   and never less than the existential deposit once funded. It holds more only by transfers to its account made
//!   outside the pallet: `Pallet::unbooked_pool_balance` (try-runtime) says how much, and the
//!   unit tests and the runtime's fuzzer, where nobody makes one, check that it is zero, so the
//!   books equal the balance;
//! - **debts-conserved**: the sum of all performing debts (not written off) equals `paid_out +
//!   fees_charged + late_charged - written_off - (repaid - recovered)`;
//! - **losses**: written-off debts owe `written_off - recovered`; each write-off's record adds up
//!   (backing taken at most the amount, returned at most taken); keepers were paid no more than
//!   the fee income;
//! - **shares**: the funders' shares sum to the supply, and none is zero;
//! - **debt-index**: each payer's open debts in [`Parties`] list exactly its debts, each with the
//!   debt's payee, due date and what it still owes (the limit checks sum these);
//! - **no-empty-party**: no empty [`Parties`] entry is kept;
//! - **debts-settled**: a debt whose request is still stored belongs to it, settled, with the
//!   same parties and amount (an acknowledged or closed request is removed, and its debt stands
//!   on its own);
//! - **request-deposits**: the deposit held from each payer equals the deposits of its open
//!   requests (pending, or settled and not yet acknowledged), and exactly the pending ones are
//!   indexed under it;
//! - **request-ids**: every request id is below [`NextRequestId`];
//! - **certificates**: every stored certificate belongs to its subject, whose certificate deposit
//!   is held; it is indexed in [`CertificateHolders`] under its CA and serial (and nothing else
//!   is), and it is marked revoked exactly when its serial is (or, once its CA is removed,
//!   when its serial was, as a removed CA's revoked serials may be reaped); [`TrustedCas`]
//!   lists exactly the stored CAs;
//! - **parties-decode**: every [`Parties`] entry decodes (one that does not is refused by every
//!   call with [`Error::PartyEntryUndecodable`], never read as empty nor overwritten);
//! - **identities**: each registered certificate's identity hash is recorded in [`Identities`]
//!   as held by its subject (so no two accounts hold one identity), nothing else is recorded as
//!   held, and an identity nobody holds is kept only with its defaults;
//! - **increase-deposits**: every open credit-increase request's deposit is held from its payer;
//! - **defaults-counted**: every debt noted in default counts in its payer's defaults;
//! - **holds-recorded**: every hold of the pallet's reasons, on any account, is one its records
//!   account for, and the other way round (checked where the holds can be listed: the runtime's
//!   fuzzer and the unit tests);
//! - **volume-rings**: each bucket of a payee's volume window sits in its own slot;
//! - **payee-exposure**: [`PayeeExposure`] records for each payee exactly what its debts owe,
//!   and keeps no zero entry;
//! - **grade-backing**: no grade holds more backing than its limit and its payer's debts to the
//!   payee need (less only where a write-off took it or a late charge grew the debt), and each
//!   payee's backing, less what write-offs drew ([`BackingDrawn`]), and grade deposits are held;
//! - **history-counters**: no more debts credited than on-time repayments, no more late debts
//!   than late repayments;
//! - **ca-ids**: every CA id is below [`NextCaId`];
//! - **timings**: a debt is due a repayment period after settlement, a settled request expires a
//!   lifetime after it, a pending one a lifetime after it was made, and a debt is written off
//!   only once in default.
//!
//! ## Assumptions
//!
//! Time is wall-clock time from [`Config::Time`] (pallet-timestamp in the sample runtime), in
//! milliseconds; users think of due dates in days. No call or hook iterates an unbounded set:
//! the per-payer indexes are bounded by [`Config::MaxOpenRequests`] and
//! [`Config::MaxOpenDebts`], and each payee's volume window by [`Config::VolumeBuckets`].
//!
//! ## The formula, worked
//!
//! The sample runtime's parameters and one payer's record, checked by a test of [`formula`]:
//!
#![doc = docify::embed!("src/formula.rs", worked_example)]
//!
//! ## From request to repayment
//!
//! The whole lifecycle on the mock runtime, as a test runs it:
//!
#![doc = docify::embed!("src/tests/requests.rs", request_to_repayment)]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(rustdoc::broken_intra_doc_links)]
// Money moves through this pallet: no silent overflow, no out-of-bounds index, no panic outside
// tests (genesis, benchmarks and tests may panic on purpose, and say so where they do).
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used
	)
)]

extern crate alloc;

pub use pallet::*;

// Sections of the pallet module, imported into it below.
mod calls;
mod errors;
mod events;
mod genesis;

mod config_types;

pub mod certificates;
pub mod credit_file;
pub mod exposure;
pub mod formula;
pub mod grades;
pub mod headroom;
pub mod increase;
pub mod losses;
pub mod migrations;
pub mod node_limit;
pub mod pool;
pub mod reads;
pub mod reaping;
pub mod repayment;
pub mod requests;
pub mod settlement;
pub mod standing;
pub mod types;
pub mod volume;
pub mod weights;

#[cfg(any(test, feature = "try-runtime"))]
pub mod invariants;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use config_types::*;
pub use genesis::{GenesisCertificate, GenesisGrade};
pub use settlement::{LocalSettlement, Settlement};
pub use weights::WeightInfo;

use frame_support::pallet_macros::import_section;

/// What benchmarks need from the runtime that the pallet's couplings do not offer.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Sets wall-clock time, in milliseconds.
	fn set_time(now: types::Moment);
}

// FRAME's expansions of `#[pallet::pallet]` and `#[pallet::storage]` call `expect()`; the
// pallet's own code in this module does so only in the genesis build (see `genesis.rs`).
#[allow(clippy::expect_used)]
#[import_section(calls::calls)]
#[import_section(events::events)]
#[import_section(errors::errors)]
#[import_section(genesis::genesis)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::{
		certificates::{CaId, CertificateFailure, CertifiedAs},
		types::*,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			UnixTime,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{MultiSignature, MultiSigner, Perbill};

	/// Default values for the test runtime and for runtimes that want them.
	pub mod config_preludes {
		use super::*;
		use frame_support::{derive_impl, parameter_types};

		parameter_types! {
			pub const RequestLifetime: Moment = 24 * 60 * 60 * 1000;
			pub const RepaymentPeriod: Moment = 30 * 24 * 60 * 60 * 1000;
			pub const RepaymentFee: Perbill = Perbill::from_percent(1);
			pub const DayLength: Moment = 24 * 60 * 60 * 1000;
			pub const PayeeExposureShare: Perbill = Perbill::from_percent(50);
			pub const MaxPoolExposure: Perbill = Perbill::from_percent(90);
			pub const GradeBacking: Perbill = Perbill::from_percent(10);
			pub const LateChargePerDay: Perbill = Perbill::from_parts(1_000_000);
		}

		/// Defaults for a test runtime: a day to decide, thirty days to repay, a 1% fee.
		pub struct TestDefaultConfig;

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame_support::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type LocalChainId = ConstU32<0>;
			type RequestLifetime = RequestLifetime;
			type RepaymentPeriod = RepaymentPeriod;
			type RepaymentFee = RepaymentFee;
			type MaxOpenRequests = ConstU32<8>;
			type MaxOpenDebts = ConstU32<8>;
			type MaxRecentRepayments = ConstU32<16>;
			type MaxDescriptionLen = ConstU32<64>;
			type MaxNameLen = ConstU32<32>;
			type MaxTrustedCas = ConstU32<16>;
			type VolumeBucketLength = DayLength;
			type VolumeBuckets = ConstU32<30>;
			type RaiseInterval = DayLength;
			type DefaultAfter = RepaymentPeriod;
			type PayeeExposureShare = PayeeExposureShare;
			type MaxPoolExposure = MaxPoolExposure;
			type GradeBacking = GradeBacking;
			type LateChargePerDay = LateChargePerDay;
			type WeightInfo = ();
		}
	}

	/// The layout version of the pallet's storage; [`crate::migrations`] lists each change.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration: every coupling of the pallet to the runtime.
	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config {
		/// The overarching hold reason, to hold request deposits.
		#[pallet::no_default]
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency the pool pays in, repayments come back in, and deposits are held in.
		#[pallet::no_default]
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// How the pool pays a payee: locally, or routed to the payee's home chain.
		#[pallet::no_default]
		type Settlement: Settlement<Self::AccountId, BalanceOf<Self>>;

		/// Wall-clock time, for expiries and due dates.
		#[pallet::no_default]
		type Time: UnixTime;

		/// The id the credit pool's account is derived from.
		#[pallet::constant]
		#[pallet::no_default]
		type PalletId: Get<PalletId>;

		/// May set a payer's base credit limit at the node.
		#[pallet::no_default]
		type CreditOfficer: EnsureOrigin<Self::RuntimeOrigin>;

		/// The id of this chain, as certificates name a party's home chain.
		#[pallet::constant]
		type LocalChainId: Get<ChainId>;

		/// Held from the payer for each request while it is open (pending, or settled and not yet
		/// acknowledged); released when it ends.
		#[pallet::constant]
		#[pallet::no_default]
		type RequestDeposit: Get<BalanceOf<Self>>;

		/// How long, in milliseconds, a request may wait for the payee.
		#[pallet::constant]
		type RequestLifetime: Get<Moment>;

		/// How long, in milliseconds after settlement, a debt is due.
		#[pallet::constant]
		type RepaymentPeriod: Get<Moment>;

		/// The fee owed with the principal, as a share of it (rounded up).
		#[pallet::constant]
		type RepaymentFee: Get<Perbill>;

		/// Most pending requests one payer may have.
		#[pallet::constant]
		type MaxOpenRequests: Get<u32>;

		/// Most unpaid debts one payer may have.
		#[pallet::constant]
		type MaxOpenDebts: Get<u32>;

		/// Most repayments of one payer kept in full; older ones live on in the aggregate
		/// history.
		#[pallet::constant]
		type MaxRecentRepayments: Get<u32>;

		/// Longest description of the goods, in bytes.
		#[pallet::constant]
		type MaxDescriptionLen: Get<u32>;

		/// May add and remove trusted CAs and revoke certificates.
		#[pallet::no_default]
		type CaAdmin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Held from an account while its certificate is stored.
		#[pallet::constant]
		#[pallet::no_default]
		type CertificateDeposit: Get<BalanceOf<Self>>;

		/// Longest CA name or certificate display name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Most CAs trusted at once.
		#[pallet::constant]
		type MaxTrustedCas: Get<u32>;

		/// The node-limit formula's parameters (see [`formula`]).
		#[pallet::constant]
		#[pallet::no_default]
		type LimitParameters: Get<LimitParametersOf<Self>>;

		/// Length, in milliseconds, of one bucket of each payee's volume window.
		#[pallet::constant]
		type VolumeBucketLength: Get<Moment>;

		/// Buckets in each payee's volume window: the window is `VolumeBuckets ×
		/// VolumeBucketLength` long.
		#[pallet::constant]
		type VolumeBuckets: Get<u32>;

		/// Least time, in milliseconds, between two raises of one payer's node limit: the one
		/// rate limiter of every path that raises a limit (an approved increase, a higher base
		/// limit, a credited on-time repayment).
		#[pallet::constant]
		type RaiseInterval: Get<Moment>;

		/// How long, in milliseconds after its due date, an unpaid debt goes into default.
		#[pallet::constant]
		type DefaultAfter: Get<Moment>;

		/// Held from a payer while its credit-increase request is open; slashed to the pool when
		/// the officer rejects the request as abusive.
		#[pallet::constant]
		#[pallet::no_default]
		type IncreaseDeposit: Get<BalanceOf<Self>>;

		/// The exposure cap of a payee with no repaid credit sales in the window and no backing:
		/// the most all payers together may owe for credit paid to it. With
		/// [`Config::PayeeExposureShare`] and the payee's backing it bounds what a ring of
		/// colluding payers can draw at one payee, whatever their own limits.
		#[pallet::constant]
		#[pallet::no_default]
		type PayeeExposureAllowance: Get<BalanceOf<Self>>;

		/// The share of a payee's repaid credit sales over the volume window that its exposure
		/// cap adds to [`Config::PayeeExposureAllowance`].
		#[pallet::constant]
		type PayeeExposureShare: Get<Perbill>;

		/// The most of the pool's value (its balance plus what it is owed) that may be owed to
		/// it at once: what the pool could lose if every debt defaulted.
		#[pallet::constant]
		type MaxPoolExposure: Get<Perbill>;

		/// The share of a grade's limit (or of what the payer owes the payee, if more) held from
		/// the payee as backing, which covers a loss on that payer's debts to it first. Zero
		/// turns backing off.
		#[pallet::constant]
		type GradeBacking: Get<Perbill>;

		/// Held from a payee for each grade it stores, until the entry goes.
		#[pallet::constant]
		#[pallet::no_default]
		type GradeDeposit: Get<BalanceOf<Self>>;

		/// The late charge: this share of what an overdue debt owes in principal and fee is
		/// added to it for each day, or part of one, past its due date (rounded up, against the
		/// debtor), until it is repaid or goes into default.
		#[pallet::constant]
		type LateChargePerDay: Get<Perbill>;

		/// Paid from the pool to whoever books a default (`report_overdue` past
		/// [`Config::DefaultAfter`]), at most the defaulted debt's own fee: fee income pays
		/// the keepers, so defaults are booked promptly without trusting anyone.
		#[pallet::constant]
		#[pallet::no_default]
		type KeeperReward: Get<BalanceOf<Self>>;

		/// Weights of the calls, from benchmarks.
		type WeightInfo: WeightInfo;

		/// Moves the clock for benchmarks, which cannot through [`Config::Time`].
		#[cfg(feature = "runtime-benchmarks")]
		#[pallet::no_default]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A payer's deposit for an open credit request.
		RequestDeposit,
		/// An account's deposit for its stored certificate.
		CertificateDeposit,
		/// A payer's deposit for its open credit-increase request.
		IncreaseDeposit,
		/// A payee's backing of its grades, which covers losses on its payers' debts first.
		GradeBacking,
		/// A payee's deposit for a stored grade.
		GradeDeposit,
	}

	/// The id the next request gets.
	#[pallet::storage]
	pub type NextRequestId<T> = StorageValue<_, RequestId, ValueQuery>;

	/// The open requests, by id, with their status: pending, or settled and not yet acknowledged.
	/// A request that ends is removed; the event that ended it is its record.
	#[pallet::storage]
	pub type Requests<T: Config> = StorageMap<_, Twox64Concat, RequestId, RequestOf<T>>;

	/// The grade each payee keeps for each payer: `(payee, payer) -> grade`.
	#[pallet::storage]
	pub type Grades<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		Grade<BalanceOf<T>>,
	>;

	/// Everything kept about each party, in one entry: its certificate and, as a payer, its
	/// credit file (base limit, repayment record, last raise), its pending requests, its unpaid
	/// debts, its recent repayments and its open credit-increase request. An account with
	/// nothing to keep has no entry.
	#[pallet::storage]
	pub type Parties<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PartyStateOf<T>, ValueQuery>;

	/// Unpaid debts, by the id of the request that created them.
	#[pallet::storage]
	pub type Debts<T: Config> = StorageMap<_, Twox64Concat, RequestId, DebtOf<T>>;

	/// The id the next trusted CA gets.
	#[pallet::storage]
	pub type NextCaId<T> = StorageValue<_, CaId, ValueQuery>;

	/// The trusted CAs: name and key. A CA missing here invalidates every certificate it issued.
	#[pallet::storage]
	pub type CertificateAuthorities<T: Config> =
		StorageMap<_, Twox64Concat, CaId, certificates::CertificateAuthority<NameOf<T>>>;

	/// The ids of the trusted CAs, sorted: the keys of [`CertificateAuthorities`] in one small
	/// entry, so that checking both parties' CAs is one read.
	#[pallet::storage]
	pub type TrustedCas<T: Config> =
		StorageValue<_, BoundedVec<CaId, T::MaxTrustedCas>, ValueQuery>;

	/// Revoked certificates, by CA and serial.
	#[pallet::storage]
	pub type RevokedSerials<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CaId, Twox64Concat, u64, ()>;

	/// Who holds each registered certificate, by CA and serial: revoking a serial marks its
	/// holder's stored certificate through this index.
	#[pallet::storage]
	pub type CertificateHolders<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CaId, Twox64Concat, u64, T::AccountId>;

	/// Who holds each identity (a certificate's identity hash): one account at a time. An
	/// identity no account holds stays only if it defaulted, with its defaults, which the next
	/// account to register it inherits: a default follows the identity, not the account.
	#[pallet::storage]
	pub type Identities<T: Config> =
		StorageMap<_, Blake2_128Concat, H256, certificates::IdentityRecord<T::AccountId>>;

	/// Each payee's repaid credit sales over the window, as a ring of time buckets: a debt
	/// counts, at its principal, once it is repaid in full.
	#[pallet::storage]
	pub type PayeeVolume<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, VolumeRingOf<T>, ValueQuery>;

	/// What is owed, by all payers, for credit paid to each payee: the figure the payee's
	/// exposure cap bounds. A payee owed nothing for has no entry.
	#[pallet::storage]
	pub type PayeeExposure<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// Backing taken from a payee at write-offs beyond the defaulted grade's own: the payee's
	/// grades record this much more backing than it holds, and their next releases go to it
	/// first (see [`crate::losses`]). A payee with none taken so has no entry.
	#[pallet::storage]
	pub type BackingDrawn<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// What went in and out of the pool through this pallet, and how many shares there are.
	#[pallet::storage]
	pub type Pool<T: Config> = StorageValue<_, PoolLedger<BalanceOf<T>>, ValueQuery>;

	/// Each funder's shares in the pool (the pool's own account holds those of the funds that
	/// no funder paid in: genesis funding, and the pool as it stood before shares). A funder
	/// without shares has no entry.
	#[pallet::storage]
	pub type Shares<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>>;

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			Self::assert_configuration();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// The read surface: every read a frontend makes, and the runtime's `CreditApi` calls these
	/// same functions (the logic of the larger ones is in [`crate::reads`]). A party entry that
	/// does not decode reads as empty in the records here, but the dry run answers
	/// [`Error::PartyEntryUndecodable`], every call refuses it and `try_state` names it.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// An open request and its status (a request that ended is removed: the event that ended
		/// it is its record).
		pub fn request(id: RequestId) -> Option<RequestOf<T>> {
			Requests::<T>::get(id)
		}

		/// A payer's unpaid debts, with their ids, in the order they were settled.
		pub fn debts_of(payer: T::AccountId) -> alloc::vec::Vec<(RequestId, DebtOf<T>)> {
			let index = Self::party(&payer).unwrap_or_default().open_debts;
			index.iter().filter_map(|d| Debts::<T>::get(d.id).map(|debt| (d.id, debt))).collect()
		}

		/// The grade `payee` keeps for `payer`.
		pub fn grade(payee: T::AccountId, payer: T::AccountId) -> Option<Grade<BalanceOf<T>>> {
			Grades::<T>::get(payee, payer)
		}

		/// A payer's base limit, repayment record, what it owes and has overdue now, its
		/// node-limit ceiling (the limit before the payee-volume guard) and any increase it
		/// asked for.
		pub fn credit_record(payer: T::AccountId) -> CreditRecord<BalanceOf<T>> {
			Self::credit_record_in(&Self::party(&payer).unwrap_or_default(), Self::now())
		}

		/// Both limits, both headrooms, and whether `payer` could be paid `amount` by the pool
		/// if it asked `payee` now and `payee` accepted at once: `Pass`, the rejection reason
		/// of claim 4, or the error a call on the way would fail with.
		pub fn dry_run(
			payer: T::AccountId,
			payee: T::AccountId,
			amount: BalanceOf<T>,
		) -> DryRun<BalanceOf<T>> {
			match Self::party(&payer) {
				Ok(state) => Self::dry_run_in(&payer, &payee, amount, &state, Self::now()),
				Err(error) => DryRun {
					limits: crate::headroom::headroom(
						Default::default(),
						Default::default(),
						Default::default(),
						Default::default(),
					),
					exposure: Default::default(),
					verdict: Verdict::Refused(error),
				},
			}
		}

		/// A payee's repaid credit sales over the window ending now, which bounds what any payer may
		/// owe in all when buying from it.
		pub fn payee_volume(payee: T::AccountId) -> BalanceOf<T> {
			Self::payee_volume_at(&payee, Self::now())
		}

		/// A payer's open credit-increase request.
		pub fn increase_request(payer: T::AccountId) -> Option<IncreaseRequestOf<T>> {
			Self::party(&payer).unwrap_or_default().increase_request
		}

		/// What `who`'s certificate certifies now (its CA, serial, home chain and validity), or
		/// why it does not: missing, expired, not yet valid, revoked, or its CA untrusted.
		pub fn certificate_status(who: T::AccountId) -> Result<CertifiedAs, CertificateFailure> {
			Self::certified_in(&Self::party(&who).unwrap_or_default(), Self::now())
		}

		/// The credit pool's account and its balance.
		pub fn pool() -> (T::AccountId, BalanceOf<T>) {
			let account = Self::pool_account();
			let balance = T::Currency::balance(&account);
			(account, balance)
		}

		/// The pool at a glance: its account and balance, what is owed to it and by how many
		/// debts, how many requests wait for a payee, and its ledger to date.
		pub fn pool_status() -> PoolStatus<T::AccountId, BalanceOf<T>> {
			Self::pool_status_now()
		}

		/// Where debt `id` stands now: what it owes with its late charge as of now, its due and
		/// default dates, its standing by time, and its write-off if it was written off.
		pub fn debt(id: RequestId) -> Option<DebtPosition<BalanceOf<T>>> {
			Self::debt_position_at(id, Self::now())
		}

		/// The pool's value (liquid funds and performing debt), its shares and their value per
		/// share, and its losses and recoveries to date.
		pub fn pool_value() -> PoolValue<BalanceOf<T>> {
			Self::pool_value_now()
		}

		/// `who`'s shares in the pool, what they are worth now, and what of it could be
		/// redeemed now.
		pub fn funder(who: T::AccountId) -> FunderPosition<BalanceOf<T>> {
			Self::funder_position(&who)
		}
	}
}
