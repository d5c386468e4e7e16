#!/usr/bin/env bash
# Sets up what is missing, then runs every test: the pallet's unit tests, the runtime's tests
# on the development preset, and end-to-end tests against the real node.
set -euo pipefail
source "$(dirname "$0")/env.sh"
setup
cd "$ROOT"
started=$(date +%s)
cargo build -p credit-node
cargo test --workspace
# End to end against the real node binary (loopback only, bounded in time).
node --test e2e/
echo "tests finished in $(( $(date +%s) - started )) s"
