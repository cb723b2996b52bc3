#!/usr/bin/env bash
# Client acceptance: real Substrate clients against a real node. Installs the clients
# (scripts/setup-clients.sh), starts `taonet` on a dev chain with 1 s slots on 127.0.0.1,
# runs tests/clients/py/acceptance.py (py-substrate-interface) and then
# tests/clients/js/acceptance.mjs (@polkadot/api) against it, and stops the node.
# Each client prints `N passed, M failed`; the script fails if either fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-clients.sh
# The node binary exactly as `cargo test --workspace` (scripts/test.sh) builds it for the
# node's own tests: the same command, so after test.sh this is a no-op. (`cargo build`
# would resolve features without the dev-dependencies and rebuild half the tree.)
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

status=0
echo "== py-substrate-interface 1.8.1"
.venv/substrate-interface/bin/python tests/clients/py/acceptance.py "ws://$addr" || status=1
echo "== @polkadot/api 16.5.6"
node tests/clients/js/acceptance.mjs "ws://$addr" || status=1
if [ "$status" -ne 0 ]; then
    echo "== node log (last 50 lines)" >&2
    tail -n 50 "$work/node.log" >&2
fi
exit "$status"
