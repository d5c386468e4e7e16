#!/usr/bin/env bash
# Generates pallet-credit's weights and docs/performance.md from real benchmark runs on this
# machine, with the node's `benchmark pallet` command (a release build with `runtime-benchmarks`,
# as weights are meant to be measured; BENCH_PROFILE=dev uses the debug build instead):
#   1. every credit call and every pallet-balances call (transfer_keep_alive among them), in one
#      run, into pallets/credit/src/weights.rs and runtime/src/weights/pallet_balances.rs
#      (template scripts/weight-template.hbs): the runtime weighs both on one scale;
#   2. the same run again, `runs - 1` more times, only to see how far each ratio to the transfer
#      moves from run to run on this machine;
#   3. the `part_*` benchmarks (a first read of a key, a balance hold, a CA signature check in each
#      scheme) beside the transfer and the calls built from them, to show what a call costs;
#   4. the `*_at_scale` benchmarks (10, 10,000 and 100,000 stored pairs), three samples per
#      size (storing 100,000 pairs takes about a minute per sample);
#   5. scripts/performance.mjs writes docs/performance.md from all of them.
# Usage: scripts/bench.sh [steps] [repeat] [runs]   (defaults 2, 20 and 3)
set -euo pipefail
source "$(dirname "$0")/env.sh"
setup
cd "$ROOT"
steps="${1:-2}"
repeat="${2:-20}"
runs="${3:-3}"
profile="${BENCH_PROFILE:-release}"
# frame-benchmarking-cli's storage test runtime serves `benchmark storage` only, which this
# script does not run; its wasm build also cannot find itself from this workspace's metadata.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
case "$profile" in
release) cargo build --release -p credit-node --features runtime-benchmarks ;;
dev) cargo build -p credit-node --features runtime-benchmarks ;;
*) echo "BENCH_PROFILE must be release or dev" >&2 && exit 2 ;;
esac
node_bin="$CARGO_TARGET_DIR/$([ "$profile" = dev ] && echo debug || echo release)/credit-node"
out="$CARGO_TARGET_DIR/bench"
rm -rf "$out" && mkdir -p "$out"

for run in $(seq 1 "$runs"); do
	mkdir -p "$out/run$run"
	"$node_bin" benchmark pallet --chain dev \
		--pallet pallet_credit,pallet_balances --extrinsic '*' \
		--steps "$steps" --repeat "$repeat" --wasm-execution compiled \
		--template scripts/weight-template.hbs --output "$out/run$run" \
		--json-file "$out/run$run/weights.json" 2>&1 | tee "$out/run$run/weights.log" |
		grep -v '^\s*$' | tail -2
done
cp "$out/run1/pallet_credit.rs" pallets/credit/src/weights.rs
cp "$out/run1/pallet_balances.rs" runtime/src/weights/pallet_balances.rs

parts='transfer_keep_alive,register_certificate,revoke_certificate,revoke_certificate_signed'
parts="$parts,part_read_party,part_hold_deposit,part_verify_signature"
# Three steps: part_verify_signature's component picks one of three signature schemes.
"$node_bin" benchmark pallet --chain dev --extra \
	--pallet pallet_credit,pallet_balances --extrinsic "$parts" \
	--steps 3 --repeat "$repeat" --wasm-execution compiled \
	--json-file "$out/parts.json" 2>&1 | tee "$out/parts.log" | grep -v '^\s*$' | tail -2

scale='request_credit_payment_at_scale,accept_request_at_scale,acknowledge_receipt_at_scale,repay_at_scale,set_grade_at_scale,transfer_at_scale'
"$node_bin" benchmark pallet --chain dev --extra \
	--pallet pallet_credit --extrinsic "$scale" \
	--steps 3 --repeat 3 --wasm-execution compiled \
	--json-file "$out/scale.json" 2>&1 | tee "$out/scale.log" | grep -v '^\s*$' | tail -5

node scripts/performance.mjs "$out" docs/performance.md
echo "weights: pallets/credit/src/weights.rs; report: docs/performance.md"
