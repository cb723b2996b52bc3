#!/usr/bin/env bash
# Installs the real client libraries the node's RPC acceptance tests use
# (tests/clients/README.md), from the package registries, pinned:
# - py-substrate-interface 1.8.1 in its own virtual environment, .venv/substrate-interface
#   (nothing else goes in it: other Substrate clients ship a conflicting scalecodec);
# - @polkadot/api 16.5.6 in tests/clients/js/node_modules, from package-lock.json;
# - polkadot-api 2.2.2 in tests/clients/papi/node_modules, from package-lock.json.
# Idempotent: a second run only checks what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

PY_VENV=.venv/substrate-interface
PY_PKG="substrate-interface==1.8.1"
JS_DIR=tests/clients/js
PAPI_DIR=tests/clients/papi

echo "== py-substrate-interface ($PY_VENV)"
if [ ! -x "$PY_VENV/bin/python" ]; then
    mkdir -p "$(dirname "$PY_VENV")"
    python3 -m venv "$PY_VENV"
fi
if ! "$PY_VENV/bin/python" -m pip show substrate-interface 2>/dev/null \
    | grep -qx 'Version: 1.8.1'; then
    "$PY_VENV/bin/python" -m pip install --disable-pip-version-check --quiet "$PY_PKG"
fi
"$PY_VENV/bin/python" -c 'import substrateinterface; from importlib.metadata import version; print("substrate-interface", version("substrate-interface"), "ok")'

echo "== @polkadot/api ($JS_DIR) and polkadot-api ($PAPI_DIR)"
if ! command -v npm >/dev/null; then
    echo "npm not found: install Node.js (20 or later) and npm" >&2
    exit 1
fi
# Installs the npm project in $1 from its package-lock.json.
npm_install() (
    cd "$1"
    if [ -f package-lock.json ]; then
        # npm ci reinstalls from scratch; skip it while node_modules matches the lock.
        stamp=node_modules/.taonet-lock.sha256
        want=$(sha256sum package-lock.json | cut -d' ' -f1)
        if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
            npm ci --no-audit --no-fund
            echo "$want" >"$stamp"
        fi
    else
        # First run: resolve the pinned versions and write package-lock.json (commit it).
        npm install --no-audit --no-fund
        sha256sum package-lock.json | cut -d' ' -f1 >node_modules/.taonet-lock.sha256
    fi
)
npm_install "$JS_DIR"
(cd "$JS_DIR" && node --input-type=module -e 'import("@polkadot/api").then(m => { if (!m.ApiPromise) throw new Error("no ApiPromise"); console.log("@polkadot/api", m.packageInfo ? m.packageInfo.version : "", "ok"); })')
npm_install "$PAPI_DIR"
(cd "$PAPI_DIR" && node --input-type=module -e 'import("polkadot-api").then(m => { if (!m.createClient) throw new Error("no createClient"); console.log("polkadot-api ok"); })')
