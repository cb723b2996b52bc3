#!/usr/bin/env bash
# Bittensor acceptance: Bittensor's own tools, unmodified, against a real node. Installs the
# SDK (bittensor 10.5.0) and btcli (bittensor-cli 9.23.2) (scripts/setup-bittensor.sh),
# starts `taonet` on a dev chain with 1 s slots on 127.0.0.1, runs a day of the SDK
# (tests/clients/bittensor/sdk_day.py) and then a day of btcli
# (tests/clients/bittensor/btcli_day.py) against it, and stops the node. Each day checks
# every operation's effect in chain state and prints `N passed, M failed`; this script
# prints the total the same way and fails if any step failed.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-bittensor.sh
# The node binary exactly as `cargo test --workspace` (scripts/test.sh) builds it, as in
# scripts/acceptance.sh: after test.sh this is a no-op.
cargo test --workspace --locked --no-run
TAONET="${CARGO_TARGET_DIR:-target}/debug/taonet"

work=$(mktemp -d)
node_pid=
cleanup() {
    if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
        kill -TERM "$node_pid" && wait "$node_pid" || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$TAONET" export-chain-spec --chain dev --raw --slot-duration 1000 >"$work/spec.json"
# Alone: no mDNS (a dev chain implies it, and another dev node on this machine with the same
# genesis would be joined), no peers but reserved ones (none), p2p on loopback only.
"$TAONET" --chain "$work/spec.json" --alice --base-path "$work/base" \
    --rpc-port 0 --no-prometheus --no-mdns --reserved-only \
    --listen-addr /ip4/127.0.0.1/tcp/0 2>"$work/node.log" &
node_pid=$!

addr=
for _ in $(seq 1 600); do
    addr=$(sed -n 's/.*Running JSON-RPC server addr=\([0-9.:]*\).*/\1/p' "$work/node.log" | head -n1)
    [ -n "$addr" ] && break
    if ! kill -0 "$node_pid" 2>/dev/null; then break; fi
    sleep 0.1
done
if [ -z "$addr" ]; then
    echo "the node did not start its RPC server:" >&2
    cat "$work/node.log" >&2
    exit 1
fi
echo "== node at ws://$addr"

# count FILE: adds the day's closing `N passed, M failed` to the totals (a day that died
# before printing it counts as one failure).
passed=0
failed=0
count() {
    local line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n1 || true)
    if [ -z "$line" ]; then
        failed=$((failed + 1))
        return
    fi
    passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
    failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
}

# The days' wallets and btcli's HOME go in $work (removed at exit); their output and btcli's
# transcript (every command line and what it printed) are kept in target/bittensor-acceptance.
logs="${CARGO_TARGET_DIR:-target}/bittensor-acceptance"
mkdir -p "$logs"
echo "== bittensor 10.5.0 (SDK day)"
TMPDIR="$work" .venv/bittensor/bin/python tests/clients/bittensor/sdk_day.py "ws://$addr" \
    2>&1 | tee "$logs/sdk-day.out" || true
count "$logs/sdk-day.out"
echo "== bittensor-cli 9.23.2 (btcli day)"
TMPDIR="$work" BTCLI_DAY_LOG="$logs/btcli-transcript.log" .venv/btcli/bin/python \
    tests/clients/bittensor/btcli_day.py "ws://$addr" .venv/btcli/bin/btcli \
    2>&1 | tee "$logs/btcli-day.out" || true
count "$logs/btcli-day.out"
echo "== day outputs and btcli's transcript: $logs"

if [ "$failed" -ne 0 ]; then
    echo "== node log (last 30 lines)" >&2
    tail -n 30 "$work/node.log" >&2
fi
echo "bittensor: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
