//! credit-chain node.

#![warn(missing_docs)]

mod certificate;
mod chain_spec;
mod cli;
mod command;
mod metrics;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
