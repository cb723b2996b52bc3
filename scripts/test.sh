#!/usr/bin/env bash
# The project's test command (README, and CI through .ci/run): formatting, lints, every
# test of the workspace, then real clients against a real node (scripts/acceptance.sh).
# Fails on the first problem. SKIP_CLIENTS=1 leaves out the client acceptance steps (they
# download py-substrate-interface, @polkadot/api and Bittensor's SDK and btcli), and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

# Every step says how long it took, so that a CI log shows where its minutes went.
step() {
    local name=$1 start=$SECONDS
    shift
    echo "== $name"
    "$@"
    echo "== $name: $((SECONDS - start)) s (total $SECONDS s)"
}

# rust-toolchain.toml names the wasm target and rust-src that the runtime's wasm build
# needs; rustup adds them to an installed toolchain only when asked (a no-op if present).
step "rustup toolchain install (rust-toolchain.toml)" rustup toolchain install

step "cargo fmt --check" cargo fmt --all -- --check

# Everything builds in the release profile: the runtime's wasm, its build tools
# (substrate-wasm-builder, binaryen) and wasmtime are compiled once and shared by the
# lints, the tests and the node the client acceptance runs.
#
# One build serves the lints and the tests. clippy-driver compiles the workspace's own
# crates, every clippy lint on and warnings denied (what `cargo clippy -- -D warnings`
# runs), rustc their dependencies, and the tests run what it built. `cargo clippy` would
# check every dependency once more, without code generation, only to throw that away.
# Exported, so that the acceptance scripts' `cargo test --no-run` finds it all built.
RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver)"
export RUSTC_WORKSPACE_WRAPPER
export RUSTFLAGS="-D warnings"
step "cargo build with clippy (all targets, warnings denied)" \
    cargo build --workspace --all-targets --locked --release

step "cargo test" cargo test --workspace --locked --release
# The weight guard measures execution time, so it runs alone, after every other test.
step "weight guard (alone)" cargo test --workspace --locked --release --test integration \
    -- --ignored --exact weight_guard::the_heaviest_instance_of_each_call_runs_within_the_hardware_margin
# So does the transaction flood, whose every slot must have its block.
step "transaction flood (alone)" cargo test --workspace --locked --release --test integration \
    -- --ignored --exact flood::a_flood_of_5000_transfers_leaves_no_slot_without_a_block
# And the healed partition, whose finality must resume within 5 s.
step "partition healed (alone)" cargo test --workspace --locked --release --test integration \
    -- --ignored --exact partition::finality_resumes_soon_after_two_validators_restart_boot_node_or_not

if [ "${SKIP_CLIENTS:-0}" = 1 ]; then
    echo "== client acceptance SKIPPED (SKIP_CLIENTS=1)"
else
    step "client acceptance (py-substrate-interface, @polkadot/api)" scripts/acceptance.sh
    step "Bittensor acceptance (bittensor 10.5.0 SDK, bittensor-cli 9.23.2)" \
        scripts/bittensor-acceptance.sh
fi
