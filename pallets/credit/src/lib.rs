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
//! | fund the pool | [`Pallet::fund_pool`] | anyone |
//! | take money out of the pool | [`Pallet::withdraw_from_pool`] | `Config::PoolOrigin` |
//! | keep a grade for a payer (S40) | [`Pallet::set_grade`], [`Pallet::remove_grade`] | the payee |
//! | set a payer's base limit (S50) | [`Pallet::set_base_limit`] | `Config::CreditOfficer` |
//! | ask for credit (S10, S20) | [`Pallet::request_credit_payment`] | the payer |
//! | withdraw the ask | [`Pallet::cancel_request`] | the payer |
//! | decide (S30 to S70) | [`Pallet::accept_request`], [`Pallet::decline_request`] | the payee |
//! | confirm receipt (S80) | [`Pallet::acknowledge_receipt`] | the payee |
//! | repay | [`Pallet::repay`] | anyone, for any debt |
//! | close a stale ask, or a receipt never acknowledged | [`Pallet::close_expired`] | anyone |
//! | note a debt overdue or in default | [`Pallet::report_overdue`] | anyone |
//! | ask for a higher limit (claim 5) | [`Pallet::request_credit_increase`], [`Pallet::withdraw_credit_increase`] | the payer |
//! | decide on it | [`Pallet::approve_credit_increase`], [`Pallet::reject_credit_increase`] | `Config::CreditOfficer` |
//!
//! Every step a user waits for emits an event, named in the passive tense: the events are the
//! notices of the method. A refused payment (claim 4) is not an error: the request ends
//! `Rejected`, with the limit that failed and the headroom under both, in storage and in
//! [`Event::RequestRejected`].
//!
//! ## Terminology
//!
//! - **Outstanding**: what a payer still owes: principal plus fee, less repayments.
//! - **Payee limit**: the `limit` of the [`types::Grade`] the payee keeps for the payer; no grade
//!   means a limit of zero.
//! - **Node limit**: the payer's credit amount at the node (claim 2), computed by
//!   [`formula::node_limit`] from the payer's base limit, its repayment history (on-time
//!   repayments credited, late ones, what is overdue now, defaults) and the payee's settled
//!   volume over the last `VolumeBuckets × VolumeBucketLength` (30 days in the sample runtime);
//!   read through [`Pallet::node_limit`]. The formula, a worked example and its properties are in
//!   [`formula`]; `docs/node-limit.md` shows one payer's limit over a scripted history.
//! - **Ceiling**: the node limit before the payee-volume guard, the most any payee could see.
//! - **Headroom**: a limit less the matching outstanding debt (never below zero).
//!
//! ## Rules
//!
//! - A payment passes when `payee outstanding + amount <= payee limit` **and**
//!   `payer outstanding + amount <= node limit`.
//! - A payer with a debt past its due date gets no new credit.
//! - Every raise of a payer's limit (a credited on-time repayment, an approved increase, a higher
//!   base limit) passes one rate limiter: at most one raise per `Config::RaiseInterval`.
//! - Every change of a payer's limit emits [`Event::NodeLimitChanged`] with its reason.
//! - A request holds its deposit while it is open: pending, then, once settled, until the payee
//!   acknowledges receipt. Every way to a final state (cancelled, declined, expired, rejected,
//!   completed, closed unacknowledged) releases it.
//! - A repayment lowers exactly one debt, never below zero, and counts in that debt's payer's
//!   history whoever pays it.
//!
//! ## Invariants
//!
//! Checked by [`Pallet::do_try_state`] (the `try_state` hook) and after every unit test:
//!
//! 1. the pool holds at least `funded + repaid - withdrawn - paid_out`, and never less than the
//!    existential deposit once funded (`repaid` is the sum of every payer's repayment history);
//! 2. the sum of all debts equals `paid_out + fees_charged - repaid`;
//! 3. each payer's open debts in [`Parties`] list exactly its debts, each with the debt's payee,
//!    due date and what it still owes (the limit checks sum these); no empty party state is kept;
//! 4. every debt belongs to a settled (or completed) request, with the same parties, and is
//!    indexed under its payer;
//! 5. the deposit held from each payer equals the deposits of its open requests (pending, or
//!    settled and not yet acknowledged), and exactly the pending ones are indexed under it;
//! 6. every request id is below [`NextRequestId`];
//! 7. every stored certificate belongs to its subject, whose certificate deposit is held; it is
//!    indexed in [`CertificateHolders`] under its CA and serial (and nothing else is), and it is
//!    marked revoked exactly when its serial is; [`TrustedCas`] lists exactly the stored CAs;
//! 8. every open credit-increase request's deposit is held from its payer, and every debt noted
//!    in default counts in its payer's defaults.
//!
//! ## Assumptions
//!
//! Time is wall-clock time from `Config::Time` (pallet-timestamp in the sample runtime), in
//! milliseconds; users think of due dates in days. No call or hook iterates an unbounded set:
//! the per-payer indexes are bounded by `MaxOpenRequests` and `MaxOpenDebts`, and each payee's
//! volume window by `VolumeBuckets`.

#![cfg_attr(not(feature = "std"), no_std)]
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

pub mod certificates;
pub mod credit_limit;
pub mod formula;
pub mod invariants;
pub mod lifecycle;
pub mod limits;
pub mod settlement;
pub mod types;
pub mod volume;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use settlement::{LocalSettlement, Settlement};
pub use weights::WeightInfo;

use frame_support::traits::fungible;

/// What benchmarks need from the runtime that the pallet's couplings do not offer.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Sets wall-clock time, in milliseconds.
	fn set_time(now: types::Moment);
}

/// The balance type of `Config::Currency`.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A request as stored for this runtime.
pub type RequestOf<T> =
	types::CreditRequest<<T as frame_system::Config>::AccountId, BalanceOf<T>, DescriptionOf<T>>;

/// The bounded description of goods for this runtime.
pub type DescriptionOf<T> = frame_support::BoundedVec<u8, <T as Config>::MaxDescriptionLen>;

/// A debt as stored for this runtime.
pub type DebtOf<T> = types::Debt<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// One entry of a payer's open-debt index.
pub type DebtRefOf<T> = types::DebtRef<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// A payer's open-debt index.
pub type DebtIndexOf<T> = frame_support::BoundedVec<DebtRefOf<T>, <T as Config>::MaxOpenDebts>;

/// A payee's volume window: a ring of at most `Config::VolumeBuckets` time buckets.
pub type VolumeRingOf<T> =
	frame_support::BoundedVec<types::VolumeBucket<BalanceOf<T>>, <T as Config>::VolumeBuckets>;

/// Everything kept about one party, for this runtime.
pub type PartyStateOf<T> = types::PartyState<
	BalanceOf<T>,
	CertificateOf<T>,
	frame_support::BoundedVec<types::RequestId, <T as Config>::MaxOpenRequests>,
	DebtIndexOf<T>,
	frame_support::BoundedVec<types::Repayment<BalanceOf<T>>, types::MaxRecentRepayments>,
	IncreaseRequestOf<T>,
>;

/// A CA or display name for this runtime.
pub type NameOf<T> = frame_support::BoundedVec<u8, <T as Config>::MaxNameLen>;

/// A certificate as a genesis config names it: `(ca, subject, identity hash, display name,
/// home chain, serial, valid from, valid until)`.
pub type GenesisCertificate<AccountId> = (
	certificates::CaId,
	AccountId,
	[u8; 32],
	alloc::vec::Vec<u8>,
	types::ChainId,
	u64,
	types::Moment,
	types::Moment,
);

/// A grade as a genesis config names it: `(payee, payer, level, limit)`.
pub type GenesisGrade<AccountId, Balance> = (AccountId, AccountId, u8, Balance);

/// A certificate payload for this runtime.
pub type PayloadOf<T> =
	certificates::CertificatePayload<<T as frame_system::Config>::AccountId, NameOf<T>>;

/// A registered certificate for this runtime.
pub type CertificateOf<T> =
	certificates::Certificate<<T as frame_system::Config>::AccountId, NameOf<T>, BalanceOf<T>>;

/// A credit-increase request for this runtime.
pub type IncreaseRequestOf<T> = types::IncreaseRequest<BalanceOf<T>, DescriptionOf<T>>;

/// The formula's parameters for this runtime.
pub type LimitParametersOf<T> = formula::LimitParameters<BalanceOf<T>>;

/// The goods of a request for this runtime.
pub type GoodsOf<T> = types::Goods<DescriptionOf<T>>;

// FRAME's macro expansions call `expect()`; this module's own code does so only in
// `genesis_build`, where a bad genesis config must stop the chain from starting.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::{certificates::*, types::*};
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
	use sp_runtime::Perbill;
	use sp_runtime::{MultiSignature, MultiSigner};

	/// Default values for the test runtime and for runtimes that want them.
	pub mod config_preludes {
		use super::*;
		use frame_support::{derive_impl, parameter_types};

		parameter_types! {
			pub const RequestLifetime: Moment = 24 * 60 * 60 * 1000;
			pub const RepaymentPeriod: Moment = 30 * 24 * 60 * 60 * 1000;
			pub const RepaymentFee: Perbill = Perbill::from_percent(1);
			pub const DayLength: Moment = 24 * 60 * 60 * 1000;
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
			type MaxDescriptionLen = ConstU32<64>;
			type MaxNameLen = ConstU32<32>;
			type MaxTrustedCas = ConstU32<16>;
			type VolumeBucketLength = DayLength;
			type VolumeBuckets = ConstU32<30>;
			type RaiseInterval = DayLength;
			type DefaultAfter = RepaymentPeriod;
			type WeightInfo = ();
		}
	}

	#[pallet::pallet]
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

		/// May take money out of the pool.
		#[pallet::no_default]
		type PoolOrigin: EnsureOrigin<Self::RuntimeOrigin>;

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

		/// Weights of the calls, from benchmarks.
		type WeightInfo: WeightInfo;

		/// Moves the clock for benchmarks, which cannot through `Time`.
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
	}

	/// The id the next request gets.
	#[pallet::storage]
	pub type NextRequestId<T> = StorageValue<_, RequestId, ValueQuery>;

	/// Every request ever made, by id, with its current status.
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
		StorageMap<_, Twox64Concat, CaId, CertificateAuthority<NameOf<T>>>;

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

	/// Each payee's settled volume over the window, as a ring of time buckets.
	#[pallet::storage]
	pub type PayeeVolume<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, VolumeRingOf<T>, ValueQuery>;

	/// What went in and out of the pool through this pallet.
	#[pallet::storage]
	pub type Pool<T: Config> = StorageValue<_, PoolLedger<BalanceOf<T>>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Minted into the pool at genesis (at least the existential deposit, or nothing).
		pub pool_funding: BalanceOf<T>,
		/// `(payer, base limit)` pairs.
		pub base_limits: alloc::vec::Vec<(T::AccountId, BalanceOf<T>)>,
		/// `(payee, payer, level, limit)` grades.
		pub grades: alloc::vec::Vec<GenesisGrade<T::AccountId, BalanceOf<T>>>,
		/// Trusted CAs `(name, sr25519 public key)`, given ids 0, 1, ... in order.
		pub cas: alloc::vec::Vec<(alloc::vec::Vec<u8>, [u8; 32])>,
		/// Certificates trusted at genesis without a signature check or deposit: `(ca, subject,
		/// identity hash, display name, home chain, serial, valid from, valid until)`.
		pub certificates: alloc::vec::Vec<GenesisCertificate<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if !self.pool_funding.is_zero() {
				let pool = Pallet::<T>::pool_account();
				T::Currency::mint_into(&pool, self.pool_funding)
					.expect("genesis pool funding must be at least the existential deposit");
				Pool::<T>::mutate(|ledger| ledger.funded = self.pool_funding);
			}
			for (payer, limit) in &self.base_limits {
				let mut state = Parties::<T>::get(payer);
				state.profile.base_limit = *limit;
				Pallet::<T>::put_party(payer, state);
			}
			for (payee, payer, level, limit) in &self.grades {
				assert!(payee != payer, "a payee cannot grade itself");
				Grades::<T>::insert(payee, payer, Grade { level: *level, limit: *limit });
			}
			for (name, key) in &self.cas {
				let name: NameOf<T> = name.clone().try_into().expect("CA name within MaxNameLen");
				let key = MultiSigner::Sr25519(sp_core::sr25519::Public::from_raw(*key));
				Pallet::<T>::do_add_ca(name, key).expect("CA ids do not overflow at genesis");
			}
			for (ca, subject, identity, name, home_chain, serial, valid_from, valid_until) in
				self.certificates.iter().cloned()
			{
				let payload: PayloadOf<T> = CertificatePayload {
					ca,
					subject,
					identity_hash: sp_core::H256(identity),
					display_name: name.try_into().expect("display name within MaxNameLen"),
					home_chain,
					serial,
					valid_from,
					valid_until,
				};
				assert!(
					TrustedCas::<T>::get().contains(&payload.ca),
					"a genesis certificate names an unknown CA"
				);
				assert!(
					!CertificateHolders::<T>::contains_key(payload.ca, payload.serial),
					"two genesis certificates carry one serial"
				);
				CertificateHolders::<T>::insert(payload.ca, payload.serial, &payload.subject);
				let certificate =
					Certificate { payload: payload.clone(), deposit: Zero::zero(), revoked: false };
				let mut state = Parties::<T>::get(&payload.subject);
				assert!(state.certificate.is_none(), "a genesis subject has two certificates");
				state.certificate = Some(certificate);
				Pallet::<T>::put_party(&payload.subject, state);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Money was paid into the credit pool.
		PoolFunded { who: T::AccountId, amount: BalanceOf<T> },
		/// Money was taken out of the credit pool.
		PoolWithdrawn { to: T::AccountId, amount: BalanceOf<T> },
		/// A payee set or changed the grade it keeps for a payer.
		GradeSet { payee: T::AccountId, payer: T::AccountId, level: u8, limit: BalanceOf<T> },
		/// A payee removed the grade it kept for a payer.
		GradeRemoved { payee: T::AccountId, payer: T::AccountId },
		/// The credit officer set a payer's base limit at the node.
		BaseLimitSet { payer: T::AccountId, limit: BalanceOf<T> },
		/// A payer asked for a credit payment (S20); the payee is asked to decide (S30).
		PaymentRequested {
			id: RequestId,
			payer: T::AccountId,
			payee: T::AccountId,
			amount: BalanceOf<T>,
			expires_at: Moment,
		},
		/// The payer withdrew a pending request.
		RequestCancelled { id: RequestId },
		/// The payee declined a request.
		RequestDeclined { id: RequestId },
		/// The payee accepted, but the payer's credit cannot complete this payment (claim 4).
		/// `credit_increase_may_help` is set when the node limit failed (claim 5).
		RequestRejected {
			id: RequestId,
			payer: T::AccountId,
			payee: T::AccountId,
			reason: RejectionReason<BalanceOf<T>>,
			credit_increase_may_help: bool,
		},
		/// The pool paid the payee on the payer's behalf (S70); the payer owes `amount + fee` by
		/// `due_at`.
		PaymentSettled {
			id: RequestId,
			payer: T::AccountId,
			payee: T::AccountId,
			amount: BalanceOf<T>,
			fee: BalanceOf<T>,
			due_at: Moment,
		},
		/// The payee confirmed the money arrived: the payer's "credit transaction succeeded"
		/// notice (S80).
		ReceiptAcknowledged { id: RequestId, payer: T::AccountId, payee: T::AccountId },
		/// A pending request passed its expiry and was closed.
		RequestExpired { id: RequestId },
		/// A debt was paid down by `by` (who may be anyone) for `payer`.
		Repaid {
			id: RequestId,
			payer: T::AccountId,
			by: T::AccountId,
			amount: BalanceOf<T>,
			on_time: bool,
			remaining: BalanceOf<T>,
		},
		/// A debt was paid in full and closed.
		DebtCleared { id: RequestId, payer: T::AccountId },
		/// A CA became trusted.
		CaAdded { ca: CaId },
		/// A CA is no longer trusted: none of its certificates is valid any more.
		CaRemoved { ca: CaId },
		/// A certificate was revoked.
		CertificateRevoked { ca: CaId, serial: u64 },
		/// An account registered a CA-signed certificate.
		CertificateRegistered { who: T::AccountId, ca: CaId, serial: u64 },
		/// An account removed its certificate; its deposit came back.
		CertificateRemoved { who: T::AccountId },
		/// A payer's node limit changed for `reason`; `ceiling` is the limit before the
		/// payee-volume guard (the most any payee could see), `base_limit` the base it grows from.
		NodeLimitChanged {
			payer: T::AccountId,
			reason: LimitChangeReason,
			base_limit: BalanceOf<T>,
			ceiling: BalanceOf<T>,
		},
		/// A payer asked for `amount` more base limit (claim 5), with evidence of its ability to
		/// repay.
		CreditIncreaseRequested { payer: T::AccountId, amount: BalanceOf<T>, evidence_hash: H256 },
		/// A payer withdrew its credit-increase request; its deposit came back.
		CreditIncreaseWithdrawn { payer: T::AccountId },
		/// The credit officer approved a credit increase: the base limit is now `base_limit`.
		CreditIncreaseApproved { payer: T::AccountId, base_limit: BalanceOf<T> },
		/// The credit officer rejected a credit increase; `slashed` of the deposit went to the
		/// pool when it was `abusive`, the rest came back.
		CreditIncreaseRejected { payer: T::AccountId, abusive: bool, slashed: BalanceOf<T> },
		/// A debt was noted past its due date, `owed` still unpaid.
		DebtOverdue { id: RequestId, payer: T::AccountId, owed: BalanceOf<T> },
		/// A debt went into default: the payer's node limit is zero from now on.
		DebtDefaulted { id: RequestId, payer: T::AccountId, owed: BalanceOf<T> },
		/// A settled request the payee did not acknowledge by its `expires_at` was closed; the
		/// payer's deposit came back. The debt stands.
		RequestClosedUnacknowledged { id: RequestId, payer: T::AccountId, payee: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// An amount must be above zero.
		ZeroAmount,
		/// A payer cannot ask itself for credit.
		RequestToSelf,
		/// A payee cannot keep a grade for itself.
		GradeForSelf,
		/// The payer has `MaxOpenRequests` pending requests already.
		TooManyOpenRequests,
		/// The payer has `MaxOpenDebts` unpaid debts already.
		TooManyOpenDebts,
		/// No request has this id.
		RequestNotFound,
		/// Only the request's payee may do this.
		NotPayee,
		/// Only the request's payer may do this.
		NotPayer,
		/// The request is no longer pending.
		RequestNotPending,
		/// Only a settled request can be acknowledged.
		RequestNotSettled,
		/// The request passed its expiry; close it with `close_expired`.
		RequestExpired,
		/// The request has not expired yet.
		RequestNotExpired,
		/// The payer has a debt past its due date, so it gets no new credit.
		PayerHasOverdueDebt,
		/// No unpaid debt has this id.
		DebtNotFound,
		/// A repayment may not exceed what is owed.
		RepaymentExceedsDebt,
		/// The pool cannot pay this amount and stay above the existential deposit.
		PoolBalanceTooLow,
		/// The payer has no grade from this payee.
		GradeNotFound,
		/// The payee's home chain cannot be reached by this runtime's settlement.
		PayeeChainUnreachable,
		/// No CA has this id.
		UnknownCa,
		/// The certificate's CA is not (or no longer) trusted.
		UntrustedCa,
		/// The CA's signature does not cover this payload on this chain.
		BadCertificateSignature,
		/// The CA revoked this certificate.
		CertificateRevoked,
		/// The certificate is not valid yet.
		CertificateNotYetValid,
		/// The certificate has expired.
		CertificateExpired,
		/// A certificate can only be registered by its subject.
		CertificateNotForCaller,
		/// The account has no certificate.
		CertificateMissing,
		/// The CA's signature does not cover this revocation on this chain.
		BadRevocationSignature,
		/// The payer has no registered certificate.
		PayerCertificateMissing,
		/// The payer's certificate has expired.
		PayerCertificateExpired,
		/// The payer's certificate is not valid yet.
		PayerCertificateNotYetValid,
		/// The payer's certificate was revoked.
		PayerCertificateRevoked,
		/// The CA of the payer's certificate is no longer trusted.
		PayerCertificateUntrustedCa,
		/// The payee has no registered certificate.
		PayeeCertificateMissing,
		/// The payee's certificate has expired.
		PayeeCertificateExpired,
		/// The payee's certificate is not valid yet.
		PayeeCertificateNotYetValid,
		/// The payee's certificate was revoked.
		PayeeCertificateRevoked,
		/// The CA of the payee's certificate is no longer trusted.
		PayeeCertificateUntrustedCa,
		/// The payer has a credit-increase request open already.
		IncreaseAlreadyOpen,
		/// The payer has no open credit-increase request.
		IncreaseNotFound,
		/// The payer's base limit is at the formula's cap: no increase can raise it.
		BaseLimitAtCap,
		/// The payer's node limit was raised less than `Config::RaiseInterval` ago.
		LimitRaiseTooSoon,
		/// The payer has a debt in default: its node limit stays zero.
		PayerInDefault,
		/// The debt is not past its due date.
		DebtNotOverdue,
		/// The debt's standing was noted already, and it is not yet in default.
		StandingAlreadyNoted,
		/// `MaxTrustedCas` CAs are trusted already.
		TooManyCas,
		/// The request is closed: only a pending request, or a settled one not yet
		/// acknowledged, can be closed past its expiry.
		RequestNotOpen,
		/// Another account's registered certificate carries this CA's serial.
		SerialHeldByAnother,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxOpenRequests::get() > 0, "MaxOpenRequests must allow a request");
			assert!(T::MaxOpenDebts::get() > 0, "MaxOpenDebts must allow a debt");
			assert!(T::RequestLifetime::get() > 0, "RequestLifetime must be above zero");
			assert!(T::RepaymentPeriod::get() > 0, "RepaymentPeriod must be above zero");
			assert!(!T::RequestDeposit::get().is_zero(), "RequestDeposit must deter spam");
			assert!(!T::IncreaseDeposit::get().is_zero(), "IncreaseDeposit must deter spam");
			assert!(T::VolumeBuckets::get() > 0, "VolumeBuckets must allow a bucket");
			assert!(T::VolumeBucketLength::get() > 0, "VolumeBucketLength must be above zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Pay `amount` into the credit pool.
		///
		/// Emits [`Event::PoolFunded`]. Errors with [`Error::ZeroAmount`] for nothing, or with the
		/// currency's error if the caller cannot pay and stay alive.
		#[pallet::call_index(0)]
		pub fn fund_pool(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund_pool(who, amount)
		}

		/// Take `amount` out of the pool to `to`; the pool keeps at least the existential deposit.
		///
		/// Origin: `Config::PoolOrigin`. Emits [`Event::PoolWithdrawn`]. Errors with
		/// [`Error::PoolBalanceTooLow`] if the pool cannot spare it.
		#[pallet::call_index(1)]
		pub fn withdraw_from_pool(
			origin: OriginFor<T>,
			to: T::AccountId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			T::PoolOrigin::ensure_origin(origin)?;
			Self::do_withdraw_from_pool(to, amount)
		}

		/// Set or change the grade the caller, as payee, keeps for `payer` (S40): a level of its own
		/// meaning and the most `payer` may owe the caller at once.
		///
		/// Emits [`Event::GradeSet`]. Errors with [`Error::GradeForSelf`] for oneself.
		#[pallet::call_index(2)]
		pub fn set_grade(
			origin: OriginFor<T>,
			payer: T::AccountId,
			level: u8,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let payee = ensure_signed(origin)?;
			Self::do_set_grade(payee, payer, Grade { level, limit })
		}

		/// Remove the grade the caller keeps for `payer`: its payee limit becomes zero. Debts
		/// already owed are not touched.
		///
		/// Emits [`Event::GradeRemoved`]. Errors with [`Error::GradeNotFound`] without one.
		#[pallet::call_index(3)]
		pub fn remove_grade(origin: OriginFor<T>, payer: T::AccountId) -> DispatchResult {
			let payee = ensure_signed(origin)?;
			Self::do_remove_grade(payee, payer)
		}

		/// Set `payer`'s base credit limit at the node (S50), from which the formula computes its
		/// node limit (see [`formula`]). A raise goes through the rate limiter; a cut never does.
		///
		/// Origin: `Config::CreditOfficer`. Emits [`Event::BaseLimitSet`] and
		/// [`Event::NodeLimitChanged`]. Errors with [`Error::LimitRaiseTooSoon`].
		#[pallet::call_index(4)]
		pub fn set_base_limit(
			origin: OriginFor<T>,
			payer: T::AccountId,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			T::CreditOfficer::ensure_origin(origin)?;
			Self::do_set_base_limit(payer, limit)
		}

		/// Ask `payee` to accept a credit payment of `amount` for `goods` (S10, S20). Holds
		/// `Config::RequestDeposit` from the caller until the request ends (see
		/// [`Pallet::acknowledge_receipt`]).
		///
		/// Emits [`Event::PaymentRequested`]. Errors with [`Error::ZeroAmount`],
		/// [`Error::RequestToSelf`], [`Error::PayerHasOverdueDebt`],
		/// [`Error::TooManyOpenRequests`], [`Error::TooManyOpenDebts`], or the currency's error
		/// when the deposit cannot be held.
		#[pallet::call_index(5)]
		pub fn request_credit_payment(
			origin: OriginFor<T>,
			payee: T::AccountId,
			#[pallet::compact] amount: BalanceOf<T>,
			goods: GoodsOf<T>,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			Self::do_request(payer, payee, amount, goods).map(|_| ())
		}

		/// Withdraw a pending request; the deposit comes back.
		///
		/// Emits [`Event::RequestCancelled`]. Errors with [`Error::RequestNotFound`],
		/// [`Error::NotPayer`] or [`Error::RequestNotPending`].
		#[pallet::call_index(6)]
		pub fn cancel_request(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, id)
		}

		/// Accept a pending request as its payee (S30), then check both limits (S40 to S60): if
		/// they allow it the pool pays the caller and the payer owes the debt (S70); if not the
		/// request ends rejected with the reason (claim 4) and the deposit comes back. A settled
		/// request keeps the deposit until the payee acknowledges receipt, which it must do
		/// within `Config::RequestLifetime` (the request's new `expires_at`).
		///
		/// Emits [`Event::PaymentSettled`] or [`Event::RequestRejected`]. Errors, leaving the
		/// request pending, with [`Error::RequestNotFound`], [`Error::NotPayee`],
		/// [`Error::RequestNotPending`], [`Error::RequestExpired`], [`Error::TooManyOpenDebts`],
		/// [`Error::PoolBalanceTooLow`], or the settlement's error.
		#[pallet::call_index(7)]
		pub fn accept_request(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept(who, id)
		}

		/// Decline a pending request as its payee (S30); the payer's deposit comes back.
		///
		/// Emits [`Event::RequestDeclined`]. Errors with [`Error::RequestNotFound`],
		/// [`Error::NotPayee`] or [`Error::RequestNotPending`].
		#[pallet::call_index(8)]
		pub fn decline_request(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decline(who, id)
		}

		/// Confirm, as payee, that a settled payment arrived (S80); the request completes and the
		/// payer's deposit comes back.
		///
		/// Emits [`Event::ReceiptAcknowledged`], the payer's success notice. Errors with
		/// [`Error::RequestNotFound`], [`Error::NotPayee`] or [`Error::RequestNotSettled`].
		#[pallet::call_index(9)]
		pub fn acknowledge_receipt(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_acknowledge(who, id)
		}

		/// Pay `amount` of debt `id` into the pool. Anyone may pay any debt down; the repayment
		/// counts in the debt's payer's history, on time if made by the due date.
		///
		/// Emits [`Event::Repaid`], and [`Event::DebtCleared`] when nothing is left. Errors with
		/// [`Error::ZeroAmount`], [`Error::DebtNotFound`], [`Error::RepaymentExceedsDebt`], or the
		/// currency's error if the caller cannot pay.
		#[pallet::call_index(10)]
		pub fn repay(
			origin: OriginFor<T>,
			id: RequestId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_repay(who, id, amount)
		}

		/// Close an open request past its `expires_at`; the payer's deposit comes back. Anyone
		/// may. A pending request expires; a settled one whose payee never acknowledged receipt
		/// is closed unacknowledged, and its debt stands.
		///
		/// Emits [`Event::RequestExpired`] or [`Event::RequestClosedUnacknowledged`]. Errors
		/// with [`Error::RequestNotFound`], [`Error::RequestNotOpen`] or
		/// [`Error::RequestNotExpired`].
		#[pallet::call_index(11)]
		pub fn close_expired(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_close_expired(id)
		}

		/// Trust a CA: its `key` signs certificates.
		///
		/// Origin: `Config::CaAdmin`. Emits [`Event::CaAdded`].
		#[pallet::call_index(12)]
		pub fn add_ca(origin: OriginFor<T>, name: NameOf<T>, key: MultiSigner) -> DispatchResult {
			T::CaAdmin::ensure_origin(origin)?;
			Self::do_add_ca(name, key)
		}

		/// Stop trusting a CA: every certificate it issued stops being valid at once.
		///
		/// Origin: `Config::CaAdmin`. Emits [`Event::CaRemoved`]. Errors with [`Error::UnknownCa`].
		#[pallet::call_index(13)]
		pub fn remove_ca(origin: OriginFor<T>, ca: CaId) -> DispatchResult {
			T::CaAdmin::ensure_origin(origin)?;
			Self::do_remove_ca(ca)
		}

		/// Revoke the certificate `serial` of `ca`.
		///
		/// Origin: `Config::CaAdmin`. Emits [`Event::CertificateRevoked`]. Errors with
		/// [`Error::UnknownCa`].
		#[pallet::call_index(14)]
		pub fn revoke_certificate(origin: OriginFor<T>, ca: CaId, serial: u64) -> DispatchResult {
			T::CaAdmin::ensure_origin(origin)?;
			Self::do_revoke(ca, serial)
		}

		/// Register the caller's CA-signed certificate (claim 3), holding
		/// `Config::CertificateDeposit` while it is stored; a new one replaces the old.
		///
		/// Emits [`Event::CertificateRegistered`]. Errors with [`Error::CertificateNotForCaller`],
		/// [`Error::UntrustedCa`], [`Error::BadCertificateSignature`],
		/// [`Error::CertificateRevoked`], [`Error::CertificateNotYetValid`] or
		/// [`Error::CertificateExpired`].
		#[pallet::call_index(15)]
		pub fn register_certificate(
			origin: OriginFor<T>,
			payload: PayloadOf<T>,
			signature: MultiSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_certificate(who, payload, signature)
		}

		/// Revoke the certificate `serial` of `ca` with a revocation the CA itself signed over
		/// `REVOCATION_CONTEXT ++ genesis hash ++ (ca, serial)`; anyone may submit it.
		///
		/// Emits [`Event::CertificateRevoked`]. Errors with [`Error::UnknownCa`] or
		/// [`Error::BadRevocationSignature`].
		#[pallet::call_index(17)]
		pub fn revoke_certificate_signed(
			origin: OriginFor<T>,
			ca: CaId,
			serial: u64,
			signature: MultiSignature,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_revoke_signed(ca, serial, signature)
		}

		/// Ask the credit officer for `amount` more base limit (claim 5), with the hash of off-chain
		/// evidence of the ability to repay and a short note. Holds `Config::IncreaseDeposit`
		/// until the officer decides or the caller withdraws; one request open at a time.
		///
		/// Emits [`Event::CreditIncreaseRequested`]. Errors with [`Error::ZeroAmount`],
		/// [`Error::IncreaseAlreadyOpen`], [`Error::PayerInDefault`], [`Error::BaseLimitAtCap`],
		/// one of the `PayerCertificate*` errors, or the currency's error when the deposit cannot
		/// be held.
		#[pallet::call_index(18)]
		pub fn request_credit_increase(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
			evidence_hash: H256,
			note: DescriptionOf<T>,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			Self::do_request_increase(payer, amount, evidence_hash, note)
		}

		/// Withdraw the caller's credit-increase request; the deposit comes back.
		///
		/// Emits [`Event::CreditIncreaseWithdrawn`]. Errors with [`Error::IncreaseNotFound`].
		#[pallet::call_index(19)]
		pub fn withdraw_credit_increase(origin: OriginFor<T>) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			Self::do_withdraw_increase(payer)
		}

		/// Approve `payer`'s credit-increase request: its base limit rises by the amount asked,
		/// up to the formula's cap, and the deposit comes back.
		///
		/// Origin: `Config::CreditOfficer`. Emits [`Event::CreditIncreaseApproved`] and
		/// [`Event::NodeLimitChanged`]. Errors with [`Error::IncreaseNotFound`],
		/// [`Error::PayerInDefault`] or [`Error::LimitRaiseTooSoon`] (the request stays open).
		#[pallet::call_index(20)]
		pub fn approve_credit_increase(
			origin: OriginFor<T>,
			payer: T::AccountId,
		) -> DispatchResult {
			T::CreditOfficer::ensure_origin(origin)?;
			Self::do_approve_increase(payer)
		}

		/// Reject `payer`'s credit-increase request. The deposit comes back, or goes to the pool
		/// when `abusive`.
		///
		/// Origin: `Config::CreditOfficer`. Emits [`Event::CreditIncreaseRejected`]. Errors with
		/// [`Error::IncreaseNotFound`].
		#[pallet::call_index(21)]
		pub fn reject_credit_increase(
			origin: OriginFor<T>,
			payer: T::AccountId,
			abusive: bool,
		) -> DispatchResult {
			T::CreditOfficer::ensure_origin(origin)?;
			Self::do_reject_increase(payer, abusive)
		}

		/// Note that debt `id` is past its due date, or, past it by `Config::DefaultAfter`, in
		/// default. Anyone may: the payee, a keeper, the payer itself. An overdue debt lowers
		/// the payer's node limit from its due date on whether noted or not; the note is the
		/// notice. A default takes the limit to zero for good.
		///
		/// Emits [`Event::DebtOverdue`] or [`Event::DebtDefaulted`], and
		/// [`Event::NodeLimitChanged`]. Errors with [`Error::DebtNotFound`],
		/// [`Error::DebtNotOverdue`] or [`Error::StandingAlreadyNoted`].
		#[pallet::call_index(22)]
		pub fn report_overdue(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_report_overdue(id)
		}

		/// Remove the caller's certificate; its deposit comes back.
		///
		/// Emits [`Event::CertificateRemoved`]. Errors with [`Error::CertificateMissing`].
		#[pallet::call_index(16)]
		pub fn remove_certificate(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_certificate(who)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A request and its status.
		pub fn request(id: RequestId) -> Option<RequestOf<T>> {
			Requests::<T>::get(id)
		}

		/// A payer's unpaid debts, with their ids.
		pub fn debts_of(payer: T::AccountId) -> alloc::vec::Vec<(RequestId, DebtOf<T>)> {
			Self::open_debts(&payer)
		}

		/// The grade `payee` keeps for `payer`.
		pub fn grade(payee: T::AccountId, payer: T::AccountId) -> Option<Grade<BalanceOf<T>>> {
			Grades::<T>::get(payee, payer)
		}

		/// A payer's base limit, repayment record, overdue amount and node-limit ceiling.
		pub fn credit_record(payer: T::AccountId) -> CreditRecord<BalanceOf<T>> {
			Self::credit_record_of(&payer)
		}

		/// Both limits, both headrooms, and whether `payer` could be paid `amount` to `payee` now.
		pub fn dry_run(
			payer: T::AccountId,
			payee: T::AccountId,
			amount: BalanceOf<T>,
		) -> DryRun<BalanceOf<T>> {
			Self::credit_dry_run(&payer, &payee, amount)
		}
	}
}
