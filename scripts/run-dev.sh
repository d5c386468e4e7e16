#!/usr/bin/env bash
# Sets up what is missing, builds the node, and runs a development chain (Alice validates,
# blocks every 2 s, GRANDPA finality, RPC on 9944). Extra arguments go to the node.
set -euo pipefail
source "$(dirname "$0")/env.sh"
setup
cd "$ROOT"
cargo build -p credit-node
exec "$CARGO_TARGET_DIR/debug/credit-node" --dev --rpc-port 9944 --rpc-cors all "$@"
