#!/usr/bin/env bash
# The project's test command (README, and CI through .ci/run): formatting, lints, every
# test of the workspace, then real clients against a real node (scripts/acceptance.sh).
# Fails on the first problem. SKIP_CLIENTS=1 leaves out the client acceptance steps (they
# download py-substrate-interface, @polkadot/api and Bittensor's SDK and btcli), and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy (all targets, warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --workspace --locked

if [ "${SKIP_CLIENTS:-0}" = 1 ]; then
    echo "== client acceptance SKIPPED (SKIP_CLIENTS=1)"
else
    echo "== client acceptance (py-substrate-interface, @polkadot/api)"
    scripts/acceptance.sh
    echo "== Bittensor acceptance (bittensor 10.5.0 SDK, bittensor-cli 9.23.2)"
    scripts/bittensor-acceptance.sh
fi
