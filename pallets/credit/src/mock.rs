//! A test runtime: frame-system, balances, timestamp and the credit pallet.

use crate as pallet_credit;
use crate::{
	formula::{self, LimitBreakdown, LimitParameters},
	types::*,
	BalanceOf, Config, GenesisCertificate, GenesisGrade, GoodsOf, Pallet, Parties,
};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{ConstU64, Get, Hooks},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_core::H256;
use sp_runtime::BuildStorage;
use sp_runtime::Perbill;

type Block = frame_system::mocking::MockBlock<Test>;
pub type Balance = u64;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Credit: pallet_credit,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<ED>;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	pub const CreditPalletId: PalletId = PalletId(*b"cc/credt");
	/// Neutral by default, so that the node limit is the base limit and lifecycle tests read
	/// plainly; the node-limit tests ask `ExtBuilder::sample_limits` for real parameters.
	pub storage LimitParams: LimitParameters<Balance> = neutral_limits();
	/// Out of the way by default, like the limits; the exposure tests set them.
	pub storage PayeeAllowance: Balance = Balance::MAX;
	pub storage PayeeShare: Perbill = Perbill::from_percent(50);
	pub storage PoolShare: Perbill = Perbill::one();
	/// A tenth of each grade's limit, held from the payee.
	pub storage BackingShare: Perbill = Perbill::from_percent(10);
	/// No late charge unless a test sets one, so that amounts elsewhere stay round.
	pub storage LateRate: Perbill = Perbill::zero();
	/// A storage parameter, so that a test can lower the bound under stored entries, as an
	/// upgrade without its migration would.
	pub storage OpenDebtsBound: u32 = 8;
}

/// Parameters under which the node limit is the base limit (less anything overdue).
pub fn neutral_limits() -> LimitParameters<Balance> {
	LimitParameters {
		cap: Balance::MAX,
		on_time_bonus: Perbill::zero(),
		max_history_bonus: Perbill::zero(),
		late_penalty: Perbill::zero(),
		overdue_penalty: Perbill::zero(),
		new_payee_allowance: Balance::MAX,
		payee_volume_share: Perbill::zero(),
	}
}

#[derive_impl(pallet_credit::config_preludes::TestDefaultConfig)]
impl pallet_credit::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Settlement = pallet_credit::LocalSettlement<Test>;
	type Time = Timestamp;
	type PalletId = CreditPalletId;
	type CreditOfficer = EnsureRoot<AccountId>;
	type RequestDeposit = ConstU64<DEPOSIT>;
	type CaAdmin = EnsureRoot<AccountId>;
	type CertificateDeposit = ConstU64<CERT_DEPOSIT>;
	type IncreaseDeposit = ConstU64<INCREASE_DEPOSIT>;
	type LimitParameters = LimitParams;
	type PayeeExposureAllowance = PayeeAllowance;
	type PayeeExposureShare = PayeeShare;
	type MaxPoolExposure = PoolShare;
	type GradeBacking = BackingShare;
	type GradeDeposit = ConstU64<GRADE_DEPOSIT>;
	type KeeperReward = ConstU64<KEEPER_REWARD>;
	type LateChargePerDay = LateRate;
	type MaxOpenDebts = OpenDebtsBound;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockClock;
}

/// Moves the mock's clock for benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockClock;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_credit::BenchmarkHelper for MockClock {
	fn set_time(now: Moment) {
		set_time(now);
	}
}

pub const ED: Balance = 10;
pub const DEPOSIT: Balance = 5;
pub const CERT_DEPOSIT: Balance = 7;
pub const INCREASE_DEPOSIT: Balance = 11;
pub const GRADE_DEPOSIT: Balance = 3;
/// Paid to whoever books a default, at most the debt's fee.
pub const KEEPER_REWARD: Balance = 2;
pub const DAY: Moment = 24 * 60 * 60 * 1000;
/// The moment tests start at (a day into the epoch, so "before" exists).
pub const START: Moment = DAY;

pub const PAYER: AccountId = 1;
pub const PAYEE: AccountId = 2;
pub const OTHER: AccountId = 3;
pub const FUNDER: AccountId = 4;
/// Has exactly the existential deposit and nothing to spare.
pub const POOR: AccountId = 5;

/// Has no balance at all, so anything it receives must reach the existential deposit.
pub const NEWCOMER: AccountId = 6;
/// Has no certificate.
pub const STRANGER: AccountId = 7;

pub const START_BALANCE: Balance = 1_000_000;
pub const POOL_FUNDING: Balance = 100_000;
/// The payee's grade for the payer: a payment of 1,000 owes exactly this, its 1% fee included.
pub const GRADE_LIMIT: Balance = 1_010;
/// What the payee holds for its genesis grade: a tenth of its limit as backing, and the deposit.
pub const GENESIS_GRADE_HOLDS: Balance = GRADE_LIMIT / 10 + GRADE_DEPOSIT;
pub const NODE_LIMIT: Balance = 5_000;

/// Builds the test state: funded accounts and pool, a grade and a base limit for `PAYER` with
/// `PAYEE`, the clock at `START`.
pub struct ExtBuilder {
	pool_funding: Balance,
	grade_limit: Option<Balance>,
	node_limit: Balance,
	limit_parameters: LimitParameters<Balance>,
	grade_backing: Perbill,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			pool_funding: POOL_FUNDING,
			grade_limit: Some(GRADE_LIMIT),
			node_limit: NODE_LIMIT,
			limit_parameters: neutral_limits(),
			grade_backing: Perbill::from_percent(10),
		}
	}
}

impl ExtBuilder {
	pub fn pool_funding(mut self, amount: Balance) -> Self {
		self.pool_funding = amount;
		self
	}
	pub fn grade_limit(mut self, limit: Option<Balance>) -> Self {
		self.grade_limit = limit;
		self
	}
	pub fn node_limit(mut self, limit: Balance) -> Self {
		self.node_limit = limit;
		self
	}
	/// Grades held without backing, so that a grade may be as large as the balance type.
	pub fn unbacked_grades(mut self) -> Self {
		self.grade_backing = Perbill::zero();
		self
	}
	/// The node-limit formula with real parameters ([`sample_limits`]) instead of neutral ones.
	pub fn sample_limits(mut self) -> Self {
		self.limit_parameters = sample_limits();
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(PAYER, START_BALANCE),
				(PAYEE, START_BALANCE),
				(OTHER, START_BALANCE),
				(FUNDER, START_BALANCE),
				(POOR, ED),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		// The credit genesis holds grade backing at this share, so it is set first.
		storage
			.top
			.insert(BackingShare::key().to_vec(), codec::Encode::encode(&self.grade_backing));
		pallet_credit::GenesisConfig::<Test> {
			pool_funding: self.pool_funding,
			base_limits: vec![(PAYER, self.node_limit)],
			grades: self
				.grade_limit
				.map(|limit| GenesisGrade { payee: PAYEE, payer: PAYER, level: 3, limit })
				.into_iter()
				.collect(),
			cas: vec![(b"Genesis CA".to_vec(), sp_core::Pair::public(&genesis_ca()).0)],
			certificates: [PAYER, PAYEE, OTHER, FUNDER, POOR, NEWCOMER]
				.into_iter()
				.map(|who| GenesisCertificate {
					ca: 0,
					subject: who,
					identity_hash: [who as u8; 32],
					display_name: b"dev".to_vec(),
					home_chain: 0,
					serial: who,
					valid_from: 0,
					valid_until: START + 365 * DAY,
				})
				.collect(),
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		// The benchmarks, run as tests, sign with keys they keep in a keystore.
		ext.register_extension(sp_keystore::KeystoreExt::new(
			sp_keystore::testing::MemoryKeystore::new(),
		));
		ext.execute_with(|| {
			System::set_block_number(1);
			set_time(START);
			LimitParams::set(&self.limit_parameters);
		});
		ext
	}

	/// Runs `test`, then checks every invariant of the pallet.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Credit::do_try_state().expect("invariants hold after the test");
			assert_eq!(
				Credit::unbooked_pool_balance(),
				Ok(0),
				"the pool holds exactly what its books say (no test pays it outside the pallet)"
			);
			Credit::check_holds_recorded(credit_holds()).expect("holds match the records");
			Credit::integrity_test();
		})
	}
}

/// The CA trusted at genesis (id 0).
pub fn genesis_ca() -> sp_core::sr25519::Pair {
	use sp_core::Pair;
	sp_core::sr25519::Pair::from_string("//GenesisCA", None).unwrap()
}

/// `who` registers a certificate of the genesis CA for `identity`, with `serial`.
pub fn register_identity(
	who: AccountId,
	identity: H256,
	serial: u64,
) -> sp_runtime::DispatchResult {
	use sp_core::Pair;
	let payload = pallet_credit::certificates::CertificatePayload {
		ca: 0,
		subject: who,
		identity_hash: identity,
		display_name: b"registered".to_vec().try_into().unwrap(),
		home_chain: 0,
		serial,
		valid_from: 0,
		valid_until: START + 365 * DAY,
	};
	let message =
		pallet_credit::certificates::signed_message(Credit::genesis_hash().as_ref(), &payload);
	let signature = genesis_ca().sign(&message).into();
	Credit::register_certificate(RuntimeOrigin::signed(who), payload, signature)
}

/// The identity hash of `who`'s genesis certificate.
pub fn genesis_identity(who: AccountId) -> H256 {
	H256([who as u8; 32])
}

pub fn set_time(now: Moment) {
	pallet_timestamp::Now::<Test>::put(now);
}

pub fn advance(by: Moment) {
	set_time(pallet_timestamp::Now::<Test>::get() + by);
}

pub fn goods() -> GoodsOf<Test> {
	Goods {
		order_hash: H256::repeat_byte(7),
		description: b"two tons of rice".to_vec().try_into().unwrap(),
	}
}

/// `PAYER` asks `PAYEE` for `amount`; returns the request id.
pub fn request(amount: Balance) -> RequestId {
	request_from(PAYER, PAYEE, amount)
}

pub fn request_from(payer: AccountId, payee: AccountId, amount: Balance) -> RequestId {
	let id = pallet_credit::NextRequestId::<Test>::get();
	assert_ok!(Credit::request_credit_payment(
		RuntimeOrigin::signed(payer),
		payee,
		amount,
		goods()
	));
	id
}

/// A request of `amount` from `PAYER`, accepted and settled by `PAYEE`.
pub fn settled(amount: Balance) -> RequestId {
	let id = request(amount);
	assert_ok!(Credit::accept_request(RuntimeOrigin::signed(PAYEE), id));
	assert_eq!(status(id), RequestStatus::Settled);
	id
}

/// Where request `id` is: its stored status while it is open, and once it has ended (and its
/// entry is gone) the status the event that ended it names.
pub fn status(id: RequestId) -> RequestStatus<Balance> {
	if let Some(request) = pallet_credit::Requests::<Test>::get(id) {
		return request.status;
	}
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Credit(event) => ending(id, event),
			_ => None,
		})
		.expect("a request that is not stored was ended by an event")
}

/// The final status `event` gives request `id`, if it ends it.
fn ending(id: RequestId, event: pallet_credit::Event<Test>) -> Option<RequestStatus<Balance>> {
	use pallet_credit::Event as E;
	let (ended, status) = match event {
		E::ReceiptAcknowledged { id, .. } => (id, RequestStatus::Completed),
		E::RequestRejected { id, reason, .. } => (id, RequestStatus::Rejected(reason)),
		E::RequestDeclined { id } => (id, RequestStatus::Declined),
		E::RequestCancelled { id } => (id, RequestStatus::Cancelled),
		E::RequestExpired { id } => (id, RequestStatus::Expired),
		E::RequestClosedUnacknowledged { id, .. } => (id, RequestStatus::ClosedUnacknowledged),
		_ => return None,
	};
	(ended == id).then_some(status)
}

pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// What all payers owe the pool now: the sum of the open debts.
pub fn total_owed() -> Balance {
	crate::Debts::<Test>::iter_values().map(|debt| debt.owed()).sum()
}

pub fn held(who: AccountId) -> Balance {
	held_for(who, pallet_credit::HoldReason::RequestDeposit)
}

pub fn held_for(who: AccountId, reason: pallet_credit::HoldReason) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::Credit(reason), &who)
}

pub fn pool() -> Balance {
	Balances::free_balance(Credit::pool_account())
}

pub fn last_event() -> pallet_credit::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| if let RuntimeEvent::Credit(e) = r.event { Some(e) } else { None })
		.expect("a credit event was emitted")
}

/// Every credit event so far, oldest first.
pub fn credit_events() -> Vec<pallet_credit::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Credit(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Parameters like the sample runtime's, scaled to the mock's balances.
pub fn sample_limits() -> LimitParameters<Balance> {
	LimitParameters {
		cap: 20_000,
		on_time_bonus: Perbill::from_percent(5),
		max_history_bonus: Perbill::from_percent(50),
		late_penalty: Perbill::from_percent(20),
		overdue_penalty: Perbill::from_percent(25),
		new_payee_allowance: 2_000,
		payee_volume_share: Perbill::from_percent(50),
	}
}

/// Reads the tests use that frontends get from the view functions in other forms.
impl<T: Config> Pallet<T> {
	/// All `payer` owes now.
	pub fn outstanding(payer: &T::AccountId) -> BalanceOf<T> {
		Parties::<T>::get(payer).open_debts.total_owed()
	}

	/// Whether any of the payer's unpaid debts is past its due date at `now`.
	pub fn has_overdue_debt(payer: &T::AccountId, now: Moment) -> bool {
		Parties::<T>::get(payer).open_debts.any_overdue(now)
	}

	/// Both limits for `payer` paying `payee` now, and the headroom under each.
	pub fn limits_for(payer: &T::AccountId, payee: &T::AccountId) -> LimitCheck<BalanceOf<T>> {
		let now = Self::now();
		let volume = Self::payee_volume_at(payee, now);
		Self::limits_in(payer, payee, &Parties::<T>::get(payer), volume, now)
	}

	/// The formula step by step for `payer` buying from `payee` (or, without one, its ceiling).
	pub fn node_limit_breakdown(
		payer: &T::AccountId,
		payee: Option<&T::AccountId>,
	) -> LimitBreakdown<BalanceOf<T>> {
		let now = Self::now();
		let volume = payee.map(|payee| Self::payee_volume_at(payee, now));
		let inputs = Self::limit_inputs_in(&Parties::<T>::get(payer), volume, now);
		formula::breakdown(&inputs, &T::LimitParameters::get())
	}

	/// The payer's node limit when buying from `payee`.
	pub fn node_limit(payer: &T::AccountId, payee: &T::AccountId) -> BalanceOf<T> {
		Self::node_limit_breakdown(payer, Some(payee)).limit
	}

	/// The payer's node limit before the payee-volume guard.
	pub fn ceiling(payer: &T::AccountId) -> BalanceOf<T> {
		Self::node_limit_breakdown(payer, None).limit
	}
}

/// Every hold the balances pallet has for the credit pallet's reasons, from every account.
pub fn credit_holds() -> Vec<(AccountId, pallet_credit::HoldReason, Balance)> {
	pallet_balances::Holds::<Test>::iter()
		.flat_map(|(who, holds)| {
			holds.into_iter().map(move |hold| {
				let RuntimeHoldReason::Credit(reason) = hold.id;
				(who, reason, hold.amount)
			})
		})
		.collect()
}
