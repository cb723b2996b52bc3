# Sourced by the acceptance scripts: builds the node as `cargo test --workspace` does and
# starts it alone on a 1 s-slot dev chain on 127.0.0.1, in a temporary directory `$work`
# that is removed, with the node stopped, when the calling script exits. Sets `$work`, and
# `$addr` to the node's JSON-RPC address (host:port); its log is `$work/node.log`.

# The node binary exactly as `cargo test --workspace` (scripts/test.sh) builds it for the
# node's own tests: the same command, so after test.sh this is a no-op. (`cargo build`
# would resolve features without the dev-dependencies and rebuild half the tree.)
cargo test --workspace --locked --release --no-run
TAONET="${CARGO_TARGET_DIR:-target}/release/taonet"

work=$(mktemp -d)
node_pid=
stop_dev_node() {
    if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
        kill -TERM "$node_pid" && wait "$node_pid" || true
    fi
    rm -rf "$work"
}
trap stop_dev_node EXIT

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
