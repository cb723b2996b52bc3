#!/usr/bin/env bash
# Client acceptance: real Substrate clients against a real node. Installs the clients
# (scripts/setup-clients.sh), starts `taonet` on a dev chain with 1 s slots on 127.0.0.1,
# runs tests/clients/py/acceptance.py (py-substrate-interface) and then
# tests/clients/js/acceptance.mjs (@polkadot/api) against it, and stops the node.
# Each client prints `N passed, M failed`; the script fails if either fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-clients.sh
# Builds and starts the node; sets $work and $addr (scripts/dev-node.sh).
source scripts/dev-node.sh

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
