//! The credit pool's figures on the node's Prometheus registry, beside Substrate's own: after
//! every new best block the node reads the runtime's `CreditApi::pool_status` and sets one gauge
//! per figure. Amounts are in the token's base unit (planck); Prometheus keeps every value as a
//! 64-bit float, so figures above 2^53 planck read to about 16 significant digits.

use std::sync::Arc;

use credit_runtime::{opaque::Block, AccountId, Balance, Runtime};
use futures::StreamExt;
use pallet_credit::{types::PoolStatus, DescriptionOf};
use pallet_credit_runtime_api::CreditApi;
use sc_client_api::BlockchainEvents;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::{traits::Header, SaturatedConversion};
use substrate_prometheus_endpoint::{register, Gauge, PrometheusError, Registry, F64, U64};

const LOG_TARGET: &str = "credit-metrics";

/// The gauges, registered once per node.
#[derive(Clone)]
pub struct CreditMetrics {
	block: Gauge<U64>,
	pool_balance: Gauge<F64>,
	outstanding: Gauge<F64>,
	open_debts: Gauge<U64>,
	open_requests: Gauge<U64>,
	paid_out: Gauge<F64>,
	fees_charged: Gauge<F64>,
	written_off: Gauge<F64>,
	net_losses: Gauge<F64>,
}

impl CreditMetrics {
	/// Registers the gauges on `registry`.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		let float = |name: &str, help: &str| register(Gauge::<F64>::new(name, help)?, registry);
		let count = |name: &str, help: &str| register(Gauge::<U64>::new(name, help)?, registry);
		Ok(Self {
			block: count("credit_figures_block", "The best block the credit figures were read at")?,
			pool_balance: float("credit_pool_balance", "What the credit pool's account holds")?,
			outstanding: float(
				"credit_outstanding",
				"Owed to the credit pool on every unpaid debt, fees included",
			)?,
			open_debts: count("credit_open_debts", "Unpaid credit debts")?,
			open_requests: count(
				"credit_open_requests",
				"Credit requests waiting for their payee's decision",
			)?,
			paid_out: float("credit_pool_paid_out", "Paid by the pool to payees, to date")?,
			fees_charged: float("credit_pool_fees_charged", "Fees added to debts, to date")?,
			written_off: float(
				"credit_pool_written_off",
				"Owed on debts written off in default, to date",
			)?,
			net_losses: float(
				"credit_pool_net_losses",
				"The pool's own loss to date: written off, less backing and recoveries",
			)?,
		})
	}

	fn set(&self, number: u32, status: &PoolStatus<AccountId, Balance>) {
		let amount = |value: Balance| value as f64;
		self.block.set(number.into());
		self.pool_balance.set(amount(status.balance));
		self.outstanding.set(amount(status.outstanding));
		self.open_debts.set(status.open_debts.into());
		self.open_requests.set(status.open_requests.into());
		self.paid_out.set(amount(status.ledger.paid_out));
		self.fees_charged.set(amount(status.ledger.fees_charged));
		self.written_off.set(amount(status.ledger.written_off));
		self.net_losses.set(amount(status.ledger.net_losses()));
	}
}

/// Keeps `metrics` at the figures of the best block, for as long as the node runs. A runtime
/// without `pool_status` (a `CreditApi` older than version 3) leaves the gauges where they were.
pub async fn run<C>(client: Arc<C>, metrics: CreditMetrics)
where
	C: ProvideRuntimeApi<Block> + BlockchainEvents<Block> + HeaderBackend<Block> + 'static,
	C::Api: CreditApi<Block, AccountId, Balance, DescriptionOf<Runtime>>,
{
	let read = |hash, number: u32| match client.runtime_api().pool_status(hash) {
		Ok(status) => metrics.set(number, &status),
		Err(error) => log::debug!(target: LOG_TARGET, "no pool status at #{number}: {error}"),
	};
	let info = client.info();
	read(info.best_hash, info.best_number);
	let mut blocks = client.import_notification_stream();
	while let Some(block) = blocks.next().await {
		if block.is_new_best {
			read(block.hash, (*block.header.number()).saturated_into());
		}
	}
}
