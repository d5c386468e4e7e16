#!/usr/bin/env bash
# Sets up what is missing, then runs every test: lints, the pallet's docs, its unit tests and its
# benchmarks as tests, the runtime's and node's tests (with the chain-spec freshness check), the
# end-to-end suites (@polkadot/api against the real node: the dev chain and its metrics, the
# credit flow, durability, four validators on loopback, a network deployed from a config),
# try-runtime (try_state on a dev-chain snapshot, the upgrade on fixtures), and the fuzzers (the
# stateful one over real blocks, and a minute of the coverage-guided one).
set -euo pipefail
source "$(dirname "$0")/env.sh"
setup
cd "$ROOT"
started=$(date +%s)
step() { echo "== $1 (at $(( $(date +%s) - started )) s)"; }

step "build the node"
cargo build -p credit-node
step "lints: rustfmt (rustfmt.toml), then clippy on every target and feature of the pallet and the runtime, warnings denied"
cargo fmt --all --check
# The node is left out of --all-features: its `runtime-benchmarks` pulls frame-benchmarking-cli,
# whose polkadot dependencies (pallet-staking) do not compile with `try-runtime` unified in.
SKIP_WASM_BUILD=1 cargo clippy -p pallet-credit -p pallet-credit-runtime-api -p credit-runtime \
	-p credit-fuzz --all-targets --all-features -- -D warnings
step "docs: the pallet's rustdoc, broken intra-doc links and every rustdoc warning denied"
SKIP_WASM_BUILD=1 RUSTDOCFLAGS="-D warnings" cargo doc -p pallet-credit --no-deps
step "unit, runtime and node tests"
# The fuzz crate runs below, with try-runtime: here it would unify that into every crate's build.
cargo test --workspace --exclude pallet-credit --exclude credit-fuzz
step "pallet tests, with the benchmarks run as tests"
cargo test -p pallet-credit --features runtime-benchmarks
step "end to end"
if [ ! -d node_modules/@polkadot/api ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund
fi
node --test --test-concurrency=1 e2e/
step "try-runtime: a snapshot of a dev chain, try_state on it, and the upgrade on fixtures"
node scripts/snapshot.mjs "$CARGO_TARGET_DIR/dev-snapshot.json"
SKIP_WASM_BUILD=1 cargo test -p credit-runtime --features try-runtime --test try_runtime --test credit_flow -- --nocapture
step "fuzzers: the stateful fuzzer over real blocks, then a minute of the coverage-guided one"
SKIP_WASM_BUILD=1 cargo test -p credit-fuzz -- --nocapture
bash scripts/fuzz-coverage.sh 60
echo "tests finished in $(( $(date +%s) - started )) s"
