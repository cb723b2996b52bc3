#!/usr/bin/env bash
# Installs Bittensor's own tools, unmodified, for the Bittensor acceptance test
# (scripts/bittensor-acceptance.sh), from PyPI, pinned, each in its own virtual environment:
# - the SDK, bittensor 10.5.0, in .venv/bittensor;
# - btcli, bittensor-cli 9.23.2, in .venv/btcli (it does not depend on the SDK, and pins
#   bittensor-wallet 4.1.0 where the SDK takes 4.1.1: two venvs keep each as released).
# Their dependencies are pinned by tests/clients/bittensor/constraints-{sdk,btcli}.txt.
# Idempotent: a second run only checks what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

PINS=tests/clients/bittensor

# install VENV PACKAGE VERSION CONSTRAINTS IMPORT
install() {
    local venv=$1 pkg=$2 ver=$3 constraints=$4 module=$5
    echo "== $pkg $ver ($venv)"
    if [ ! -x "$venv/bin/python" ]; then
        mkdir -p "$(dirname "$venv")"
        python3 -m venv "$venv"
    fi
    if ! "$venv/bin/python" -m pip show "$pkg" 2>/dev/null | grep -qx "Version: $ver"; then
        "$venv/bin/python" -m pip install --disable-pip-version-check --quiet \
            -c "$constraints" "$pkg==$ver"
    fi
    "$venv/bin/python" -c "import $module; from importlib.metadata import version; print('$pkg', version('$pkg'), 'ok')"
}

install .venv/bittensor bittensor 10.5.0 "$PINS/constraints-sdk.txt" bittensor
install .venv/btcli bittensor-cli 9.23.2 "$PINS/constraints-btcli.txt" bittensor_cli
.venv/btcli/bin/btcli --version
