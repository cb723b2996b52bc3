#!/usr/bin/env bash
# A local 4-validator network (Alice, Bob, Charlie, Dave) plus one full node on 127.0.0.1,
# from the `local` chain spec. Prints each node's RPC endpoint; Ctrl-C stops them all.
#
#   scripts/local-testnet.sh              # 12 s blocks, as on a real network
#   SLOT_MS=2000 scripts/local-testnet.sh # faster blocks for experiments
#
# Data lives in a temporary directory, removed on exit (BASE=dir keeps it there instead).
# Ports: p2p 30333-30337, RPC 9944-9948 (Alice first, the full node last).
set -euo pipefail
cd "$(dirname "$0")/.."

# TAONET=path/to/taonet uses that binary instead of building the release one.
if [ -z "${TAONET:-}" ]; then
    cargo build --release --locked -p taonet-node --bin taonet
    TAONET="${CARGO_TARGET_DIR:-target}/release/taonet"
fi

base="${BASE:-$(mktemp -d)}"
keep="${BASE:+yes}"
mkdir -p "$base"
pids=()
stop() {
    trap - INT TERM EXIT
    echo
    echo "stopping ${#pids[@]} nodes"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -z "$keep" ] && rm -rf "$base"
    exit 0
}
trap stop INT TERM EXIT

spec="$base/local.json"
if [ -n "${SLOT_MS:-}" ]; then
    "$TAONET" export-chain-spec --chain local --raw --slot-duration "$SLOT_MS" >"$spec"
else
    "$TAONET" export-chain-spec --chain local --raw >"$spec"
fi

# Alice's network key is fixed so that the others can name her as their boot node.
alice_key="$base/alice.key"
printf '%064x' 1 >"$alice_key"
alice_peer=$("$TAONET" key inspect-node-key --file "$alice_key" | tail -n1)
bootnode="/ip4/127.0.0.1/tcp/30333/p2p/$alice_peer"

start() { # name index extra-args...
    local name=$1 index=$2
    shift 2
    "$TAONET" --chain "$spec" --base-path "$base/$name" --name "$name" \
        --port $((30333 + index)) --rpc-port $((9944 + index)) --no-prometheus \
        "$@" 2>"$base/$name.log" &
    pids+=($!)
    echo "$name: ws://127.0.0.1:$((9944 + index))  (log: $base/$name.log)"
}

start alice 0 --alice --node-key-file "$alice_key"
start bob 1 --bob --bootnodes "$bootnode"
start charlie 2 --charlie --bootnodes "$bootnode"
start dave 3 --dave --bootnodes "$bootnode"
start full 4 --bootnodes "$bootnode"
echo "running; Ctrl-C stops the network"
wait
