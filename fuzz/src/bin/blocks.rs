//! The coverage-guided fuzzer: libFuzzer's bytes decoded into extrinsics ([`credit_fuzz::input`])
//! and built into blocks on the dev chain with the same block builder and checks as the
//! stateful fuzzer; a check that fails, or a panic anywhere, is a crash libFuzzer keeps.
//!
//! Admitted: every credit call, signed or through sudo, and the balance transfers, signed, to
//! any account but the pool (a transfer to it would be money its books never saw, which the
//! checks refuse by design). Left out: the other pallets' calls, which root could use to break
//! any invariant (`set_code`, `force_set_balance`) or which are inherents.
//!
//! Built and run by `scripts/fuzz-coverage.sh`, which instruments the credit pallet, the runtime
//! and this crate for coverage (the `coverage` feature marks their builds) and starts from the
//! seed corpus in `fuzz/corpus/blocks`.
#![no_main]

use credit_fuzz::{input, Chain, RuntimeCall, Snapshot};

/// Whether the harness runs `call` (through sudo if `via_sudo`).
fn admitted(chain: &Chain, call: &RuntimeCall, via_sudo: bool) -> bool {
	use pallet_balances::Call as Transfer;
	use sp_runtime::MultiAddress;
	let to_pool = |dest: &MultiAddress<_, _>| *dest == MultiAddress::Id(chain.pool.clone());
	match call {
		RuntimeCall::Credit(_) => true,
		RuntimeCall::Balances(
			Transfer::transfer_allow_death { dest, .. }
			| Transfer::transfer_keep_alive { dest, .. }
			| Transfer::transfer_all { dest, .. },
		) => !via_sudo && !to_pool(dest),
		_ => false,
	}
}

/// Every input starts from the dev chain after its first block, built once.
static START: std::sync::OnceLock<Snapshot> = std::sync::OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	let extrinsics = input::decode(data);
	if extrinsics.is_empty() {
		return;
	}
	START.get_or_init(Snapshot::after_first_block).run(|chain| {
		let mut open = false;
		for extrinsic in extrinsics {
			let via_sudo = extrinsic.via_sudo();
			if !admitted(chain, &extrinsic.call, via_sudo) {
				continue;
			}
			if open && extrinsic.lapse != 0 {
				chain.finish_block();
				open = false;
			}
			if !open {
				if extrinsic.lapse != 0 {
					chain.advance(extrinsic.lapse);
				}
				chain.start_block();
				open = true;
			}
			let who = chain.accounts[extrinsic.sender_index(chain.accounts.len())].clone();
			let call = if extrinsic.signed_by_its_ca() {
				chain.signed_by_its_ca(extrinsic.call)
			} else {
				extrinsic.call
			};
			let _ = chain.apply(&who, call, via_sudo);
		}
		if open {
			chain.finish_block();
		}
	});
});
