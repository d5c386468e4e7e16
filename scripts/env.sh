# Sourced by the project's scripts: one build cache for the work tree, CI and the README
# commands, and the toolchain pieces `rust-toolchain.toml` names.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/credit-chain/target}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Installs only what is missing, so a warm machine spends no time here.
setup() {
	if ! command -v protoc >/dev/null 2>&1; then
		if [ "$(id -u)" = 0 ]; then
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler
		else
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler
		fi
	fi
	local installed
	installed="$(cd "$ROOT" && rustup target list --installed)"
	for target in wasm32v1-none wasm32-unknown-unknown; do
		grep -qx "$target" <<<"$installed" || (cd "$ROOT" && rustup target add "$target")
	done
	installed="$(cd "$ROOT" && rustup component list --installed)"
	for component in rust-src clippy rustfmt; do
		grep -q "^$component" <<<"$installed" || (cd "$ROOT" && rustup component add "$component")
	done
}
