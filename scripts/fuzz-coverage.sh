#!/usr/bin/env bash
# The coverage-guided fuzzer (fuzz/src/bin/blocks.rs): builds it with the credit pallet, the
# runtime and the fuzz crate instrumented for libFuzzer's coverage (scripts/sancov-rustc; every
# dependency is the tests' own build), then fuzzes for SECONDS from the seed corpus in
# fuzz/corpus/blocks, keeping what it finds in $CARGO_TARGET_DIR/fuzz-corpus. A crash fails the
# run and leaves its input in $CARGO_TARGET_DIR/fuzz-artifacts (replay: the binary with the
# file as its argument). With UPDATE_DOCS=1 the run's figures go to docs/fuzz-coverage.md.
# Usage: scripts/fuzz-coverage.sh [seconds]   (default 60: the short run of the test command)
set -euo pipefail
source "$(dirname "$0")/env.sh"
setup
cd "$ROOT"
seconds="${1:-60}"
SKIP_WASM_BUILD=1 RUSTC_WORKSPACE_WRAPPER="$ROOT/scripts/sancov-rustc" \
	cargo build -p credit-fuzz --features coverage --bin blocks
found="$CARGO_TARGET_DIR/fuzz-corpus"
artifacts="$CARGO_TARGET_DIR/fuzz-artifacts"
log="$CARGO_TARGET_DIR/fuzz-coverage.log"
mkdir -p "$found" "$artifacts"
seeds=$(find fuzz/corpus/blocks -type f | wc -l)
kept=$(find "$found" -type f | wc -l)
# One input runs at most 96 extrinsics from a fresh dev chain; a minute without an end is a hang.
"$CARGO_TARGET_DIR/debug/blocks" "$found" fuzz/corpus/blocks \
	-max_total_time="$seconds" -max_len=16384 -timeout=60 -rss_limit_mb=8192 \
	-print_final_stats=1 -artifact_prefix="$artifacts/" 2>&1 | tee "$log" | grep -E '^#|^stat::|ERROR|panicked' | tail -20
stat() { grep "^stat::$1:" "$log" | awk '{print $2}'; }
done_line=$(grep -E '^#[0-9]+\s+DONE' "$log" | tail -1)
field() { sed -E "s/.* $1: ([0-9]+).*/\1/" <<<"$done_line"; }
runs=$(stat number_of_executed_units)
echo "coverage-guided: $runs inputs in $seconds s, $(stat average_exec_per_sec)/s, cov $(field cov), ft $(field ft), corpus $(field corp), $(stat new_units_added) new"
if [ -n "${UPDATE_DOCS:-}" ]; then
	cat >docs/fuzz-coverage.md <<DOC
<!-- Written by scripts/fuzz-coverage.sh with UPDATE_DOCS=1; do not edit. -->
# Coverage-guided fuzzing of the credit runtime

libFuzzer's inputs, decoded into extrinsics (\`fuzz/src/input.rs\`: a time lapse, a sender and a
SCALE-encoded call each), built into blocks on the dev chain with the stateful fuzzer's block
builder and checked after every block as it checks them (\`fuzz/src/lib.rs\`); the credit pallet,
the runtime and the harness are instrumented for coverage. The seed corpus is the first 48
extrinsics of the stateful fuzzer's runs of seeds 1 to 64 (\`fuzz/corpus/blocks\`).

This run: $seconds s in one process (the machine has $(nproc) cores), starting from $seeds seeds and $kept inputs kept from
earlier runs; $runs inputs executed ($(stat average_exec_per_sec) a second), no crash.
Coverage at the end: $(field cov) edges and $(field ft) features of the instrumented code, a corpus of
$(field corp) inputs, $(stat new_units_added) of them new in this run; peak memory $(stat peak_rss_mb) MB.

The test command runs it for a minute (\`scripts/fuzz-coverage.sh 60\`); the long mode is the
same script with more seconds (\`UPDATE_DOCS=1 scripts/fuzz-coverage.sh $seconds\` wrote this page).
DOC
fi
