//! Unit tests on the mock runtime, one file per topic. Each test runs through
//! `ExtBuilder::build_and_execute`, which checks every invariant afterwards.

mod adversarial;
mod amounts;
mod attacks;
mod certificates;
mod decision;
pub mod docs;
mod gating;
mod grades;
mod hardening;
mod identity;
mod increase;
mod invariants;
mod losses;
mod migrations;
mod node_limit;
mod pool;
mod receipt;
mod repay;
mod requests;
mod state;
