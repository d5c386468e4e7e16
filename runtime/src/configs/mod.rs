//! The configuration of each pallet, one file each.

mod balances;
mod consensus;
mod credit;
mod sudo;
mod system;
mod transaction_payment;

pub use system::{RuntimeBlockLength, RuntimeBlockWeights};
