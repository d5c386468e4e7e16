//! What a runtime's [`Config`] makes of the pallet: its generic types with the runtime's
//! balance, bounds, names and account type filled in; the clock it reads; and the checks
//! `integrity_test` makes of the configuration.

use crate::{certificates, formula, types, Config, Pallet};
use frame_support::traits::{fungible, Get, UnixTime};
use sp_runtime::traits::Zero;

/// The balance type of [`Config::Currency`].
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

/// A payee's volume window: a ring of at most [`Config::VolumeBuckets`] time buckets.
pub type VolumeRingOf<T> =
	frame_support::BoundedVec<types::VolumeBucket<BalanceOf<T>>, <T as Config>::VolumeBuckets>;

/// Everything kept about one party, for this runtime.
pub type PartyStateOf<T> = types::PartyState<
	BalanceOf<T>,
	CertificateOf<T>,
	frame_support::BoundedVec<types::RequestId, <T as Config>::MaxOpenRequests>,
	DebtIndexOf<T>,
	frame_support::BoundedVec<types::Repayment<BalanceOf<T>>, <T as Config>::MaxRecentRepayments>,
	IncreaseRequestOf<T>,
>;

/// A CA or display name for this runtime.
pub type NameOf<T> = frame_support::BoundedVec<u8, <T as Config>::MaxNameLen>;

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

impl<T: Config> Pallet<T> {
	/// Now, in milliseconds since the Unix epoch.
	pub(crate) fn now() -> types::Moment {
		types::Moment::try_from(T::Time::now().as_millis()).unwrap_or(types::Moment::MAX)
	}

	/// Panics, naming the item, if a bound or time is zero, a spam deposit is zero, or the
	/// formula's parameters are out of order: `integrity_test` runs it.
	pub(crate) fn assert_configuration() {
		fn non_zero(value: u64, name: &str) {
			assert!(value > 0, "{name} must be above zero");
		}
		non_zero(T::MaxOpenRequests::get().into(), "MaxOpenRequests");
		non_zero(T::MaxOpenDebts::get().into(), "MaxOpenDebts");
		non_zero(T::MaxRecentRepayments::get().into(), "MaxRecentRepayments");
		non_zero(T::MaxDescriptionLen::get().into(), "MaxDescriptionLen");
		non_zero(T::MaxNameLen::get().into(), "MaxNameLen");
		non_zero(T::MaxTrustedCas::get().into(), "MaxTrustedCas");
		non_zero(T::VolumeBuckets::get().into(), "VolumeBuckets");
		non_zero(T::VolumeBucketLength::get(), "VolumeBucketLength");
		non_zero(T::RequestLifetime::get(), "RequestLifetime");
		non_zero(T::RepaymentPeriod::get(), "RepaymentPeriod");
		non_zero(T::RaiseInterval::get(), "RaiseInterval");
		assert!(!T::RequestDeposit::get().is_zero(), "RequestDeposit must deter spam");
		assert!(!T::IncreaseDeposit::get().is_zero(), "IncreaseDeposit must deter spam");
		let limits = T::LimitParameters::get();
		assert!(!limits.cap.is_zero(), "LimitParameters::cap must be above zero");
		assert!(
			limits.new_payee_allowance <= limits.cap,
			"LimitParameters::new_payee_allowance must not exceed the cap"
		);
		assert!(
			limits.on_time_bonus <= limits.max_history_bonus,
			"LimitParameters::on_time_bonus must not exceed max_history_bonus"
		);
	}
}
