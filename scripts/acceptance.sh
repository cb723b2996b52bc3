#!/usr/bin/env bash
# Client acceptance: real Substrate clients against a real node. Installs the clients
# (scripts/setup-clients.sh), starts `taonet` on a dev chain with 1 s slots on 127.0.0.1,
# runs tests/clients/py/acceptance.py (py-substrate-interface) and then
# tests/clients/js/acceptance.mjs (@polkadot/api) and tests/clients/papi/acceptance.mjs
# (polkadot-api 2.x, on Node 20 with --experimental-websocket) against it. Then the runtime
# is upgraded by transaction (py/upgrade.py submits `Sudo.sudo(System.set_code)` of the
# runtime's upgrade-test blob) while a connected @polkadot/api client (js/upgrade.mjs) follows it, and the three
# acceptance runs go again on the upgraded chain. The node is stopped at the end.
# Each client prints `N passed, M failed`; the script fails if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-clients.sh
# Builds and starts the node; sets $work and $addr (scripts/dev-node.sh).
source scripts/dev-node.sh

status=0
run_clients() {
    echo "== py-substrate-interface 1.8.1 ($1)"
    .venv/substrate-interface/bin/python tests/clients/py/acceptance.py "ws://$addr" || status=1
    echo "== @polkadot/api 16.5.6 ($1)"
    node tests/clients/js/acceptance.mjs "ws://$addr" || status=1
    echo "== polkadot-api 2.2.2 ($1)"
    node --experimental-websocket tests/clients/papi/acceptance.mjs "ws://$addr" || status=1
}
run_clients "runtime as built"

echo "== runtime upgrade by Sudo.sudo(System.set_code), followed by connected clients"
next_wasm="${CARGO_TARGET_DIR:-target}/release/wbuild/taonet-runtime/taonet_runtime_upgrade_test.compact.compressed.wasm"
node tests/clients/js/upgrade.mjs "ws://$addr" >"$work/upgrade-js.log" 2>&1 &
watcher=$!
for _ in $(seq 1 600); do
    grep -q '^watching' "$work/upgrade-js.log" && break
    kill -0 "$watcher" 2>/dev/null || break
    sleep 0.1
done
.venv/substrate-interface/bin/python tests/clients/py/upgrade.py "ws://$addr" "$next_wasm" || status=1
wait "$watcher" || status=1
cat "$work/upgrade-js.log"
if [ "$status" -eq 0 ]; then
    run_clients "after the upgrade"
fi
if [ "$status" -ne 0 ]; then
    echo "== node log (last 50 lines)" >&2
    tail -n 50 "$work/node.log" >&2
fi
exit "$status"
