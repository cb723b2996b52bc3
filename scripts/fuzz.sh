#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for SECONDS each (default 60), one after another,
# and prints each target's executions and coverage. A crash stops the run with the
# input that caused it under fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# cargo-fuzz needs a nightly toolchain (libFuzzer's coverage instrumentation); this uses
# the machine's `nightly` and installs cargo-fuzz with it when missing. The targets run
# the runtime natively (std), so its wasm build is skipped. No sanitizer: the code under
# test is safe Rust, and what is looked for is panics (overflow checks included, as
# cargo-fuzz builds with debug assertions), aborts and stack overflows.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-60}"
shift || true
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo +nightly install cargo-fuzz --locked
fi
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

export SKIP_WASM_BUILD=1
cargo +nightly fuzz build --sanitizer none
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    echo "== $target: ${seconds} s"
    before="$(ls "artifacts/$target")"
    set +e
    cargo +nightly fuzz run --sanitizer none "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -print_final_stats=1 > "artifacts/$target.log" 2>&1
    status=$?
    set -e
    grep -E "^(stat::|#[0-9]+[[:space:]]+DONE|==|SUMMARY|thread '|panicked)" \
        "artifacts/$target.log" || true
    if [ "$status" -ne 0 ] || [ "$(ls "artifacts/$target")" != "$before" ]; then
        echo "$target: failed (exit $status); new inputs in fuzz/artifacts/$target," \
            "log in fuzz/artifacts/$target.log" >&2
        exit 1
    fi
done
