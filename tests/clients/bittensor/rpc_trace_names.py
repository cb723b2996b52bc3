#!/usr/bin/env python3
"""Names what a recorded client session (rpc_trace.py's log) touched on the node.

Usage: rpc_trace_names.py LOG.jsonl ws://NODE_HOST:PORT [FROM_T [TO_T]]

For the requests between times FROM_T and TO_T (all by default), prints, in order of first
use, each JSON-RPC method; each runtime API method called through `state_call`; each storage
item read (`Pallet.Item`, named by matching the key's twox128(pallet) ++ twox128(item) prefix
against the node's metadata, or the raw prefix if the node has no such item); and each
submitted extrinsic's call (`Pallet.call`, decoded with the node's metadata). Error replies
are listed with the request they answer.
"""

import json
import sys

import xxhash
from async_substrate_interface.sync_substrate import SubstrateInterface


def twox128(name):
    return (xxhash.xxh64(name.encode(), seed=0).digest()[::-1]
            + xxhash.xxh64(name.encode(), seed=1).digest()[::-1]).hex()


def main():
    log, url = sys.argv[1], sys.argv[2]
    t0 = float(sys.argv[3]) if len(sys.argv) > 3 else 0
    t1 = float(sys.argv[4]) if len(sys.argv) > 4 else float("inf")
    chain = SubstrateInterface(url, ss58_format=42, chain_name="Bittensor",
                               type_registry={"types": {"Balance": "u64"}})
    chain.init_runtime()
    names = {}
    for pallet in chain.metadata.pallets:
        if pallet.storage:
            for item in pallet.storage:
                names[twox128(pallet.name) + twox128(item.name)] = f"{pallet.name}.{item.name}"
    seen, requests = {}, {}
    for line in open(log):
        e = json.loads(line)
        if not t0 <= e["t"] <= t1:
            continue
        key = (e["conn"], e["id"])
        if "method" in e:
            requests[key] = e
            m, p = e["method"], e.get("params") or []
            found = [f"rpc {m}"]
            if m == "state_call" and p:
                found.append(f"runtime-api {p[0]}")
            keys = []
            if m in ("state_getStorage", "state_getStorageAt", "state_getKeysPaged") and p:
                keys = [p[0]]
            elif m == "state_queryStorageAt" and p:
                keys = p[0]
            for k in keys:
                k = k[2:] if k.startswith("0x") else k
                found.append("storage " + names.get(k[:64], f"unknown prefix 0x{k[:64]}"))
            if m.startswith("author_submit") and p:
                try:
                    xt = chain.create_scale_object("Extrinsic")
                    xt.decode(__import__("scalecodec").ScaleBytes(p[0]))
                    call = xt.value["call"]
                    found.append(f"call {call['call_module']}.{call['call_function']}")
                    if call["call_module"] == "Sudo":
                        inner = call["call_args"][0]["value"]
                        found.append(f"call (in Sudo) {inner['call_module']}."
                                     f"{inner['call_function']}")
                except Exception as err:  # noqa: BLE001 - still list the submission
                    found.append(f"call (undecodable: {err})")
            for f in found:
                seen.setdefault(f, 0)
                seen[f] += 1
        elif "error" in e:
            req = requests.get(key, {})
            what = req.get("method", "?")
            if what == "state_call":
                what += " " + (req.get("params") or ["?"])[0]
            f = f"ERROR {what}: {json.dumps(e['error'])[:200]}"
            seen.setdefault(f, 0)
            seen[f] += 1
    for f, n in seen.items():
        print(f"{n:5d}  {f}")
    chain.close()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        sys.exit(2)
    main()
