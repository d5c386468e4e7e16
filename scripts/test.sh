#!/usr/bin/env bash
# Sets up what is missing, then runs every test: the pallet's unit tests and its benchmarks as
# tests, the runtime's tests on the development preset, the node's tests, and the end-to-end
# suites (@polkadot/api against the real node: the dev chain, and three validators on loopback).
set -euo pipefail
source "$(dirname "$0")/env.sh"
setup
cd "$ROOT"
started=$(date +%s)
step() { echo "== $1 (at $(( $(date +%s) - started )) s)"; }

step "build the node"
cargo build -p credit-node
step "unit and runtime tests"
cargo test --workspace --exclude pallet-credit
step "pallet tests, with the benchmarks run as tests"
cargo test -p pallet-credit --features runtime-benchmarks
step "end to end"
if [ ! -d node_modules/@polkadot/api ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund
fi
node --test --test-concurrency=1 e2e/
echo "tests finished in $(( $(date +%s) - started )) s"
