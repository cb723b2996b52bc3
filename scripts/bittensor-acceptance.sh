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
# Builds and starts the node; sets $work and $addr (scripts/dev-node.sh).
source scripts/dev-node.sh

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
