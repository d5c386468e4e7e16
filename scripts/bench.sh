#!/usr/bin/env bash
# Generates pallet-credit's weights and docs/performance.md from real benchmark runs on this
# machine, with the node's `benchmark pallet` command (a build with `runtime-benchmarks`):
#   1. every credit call and pallet-balances' transfer_keep_alive, in one run, into
#      pallets/credit/src/weights.rs (template scripts/weight-template.hbs);
#   2. the `*_at_scale` benchmarks (10, 10,000 and 100,000 stored pairs), one sample per size:
#      storing 100,000 pairs takes minutes per sample on 2 cores;
#   3. scripts/performance.mjs writes docs/performance.md from both.
# Usage: scripts/bench.sh [steps] [repeat]   (defaults 2 and 20)
set -euo pipefail
source "$(dirname "$0")/env.sh"
setup
cd "$ROOT"
steps="${1:-2}"
repeat="${2:-20}"
# frame-benchmarking-cli's storage test runtime serves `benchmark storage` only, which this
# script does not run; its wasm build also cannot find itself from this workspace's metadata.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
cargo build -p credit-node --features runtime-benchmarks
node_bin="$CARGO_TARGET_DIR/debug/credit-node"
out="$CARGO_TARGET_DIR/bench"
rm -rf "$out" && mkdir -p "$out"

"$node_bin" benchmark pallet --chain dev \
	--pallet pallet_credit,pallet_balances --extrinsic '*' \
	--steps "$steps" --repeat "$repeat" --wasm-execution compiled \
	--template scripts/weight-template.hbs --output "$out" \
	--json-file "$out/weights.json" 2>&1 | tee "$out/weights.log" | grep -v '^\s*$' | tail -5
cp "$out/pallet_credit.rs" pallets/credit/src/weights.rs

scale='request_credit_payment_at_scale,accept_request_at_scale,acknowledge_receipt_at_scale,repay_at_scale,set_grade_at_scale'
"$node_bin" benchmark pallet --chain dev --extra \
	--pallet pallet_credit --extrinsic "$scale" \
	--steps 3 --repeat 1 --wasm-execution compiled \
	--json-file "$out/scale.json" 2>&1 | tee "$out/scale.log" | grep -v '^\s*$' | tail -5

node scripts/performance.mjs "$out" docs/performance.md
echo "weights: pallets/credit/src/weights.rs; report: docs/performance.md"
