#!/usr/bin/env python3
"""A recording WebSocket relay: shows exactly what a client asks of the node.

Usage: rpc_trace.py ws://NODE_HOST:PORT LOG.jsonl [LISTEN_PORT]

Listens on 127.0.0.1:LISTEN_PORT (0 = any free port; the port is printed on the first
line of standard output as `listening ws://127.0.0.1:PORT`), relays every WebSocket message
between each client and the node unchanged, and appends one JSON line to LOG.jsonl per
JSON-RPC request (`{"t", "conn", "id", "method", "params"}`) and per error reply
(`{"t", "conn", "id", "error"}`). Point a Bittensor tool at the printed address, then read the
log with `rpc_trace_names.py`, which names the storage items and runtime APIs in it.
Runs until interrupted. A diagnostic for people, not part of the acceptance test.
"""

import asyncio
import itertools
import json
import sys
import time

import websockets

conn_ids = itertools.count(1)


def record(log, conn, raw, direction):
    try:
        doc = json.loads(raw)
    except (ValueError, TypeError):
        return
    for msg in doc if isinstance(doc, list) else [doc]:
        if not isinstance(msg, dict):
            continue
        if direction == "up" and "method" in msg:
            entry = {"t": round(time.time(), 3), "conn": conn, "id": msg.get("id"),
                     "method": msg["method"], "params": msg.get("params")}
        elif direction == "down" and "error" in msg:
            entry = {"t": round(time.time(), 3), "conn": conn, "id": msg.get("id"),
                     "error": msg["error"]}
        else:
            continue
        log.write(json.dumps(entry) + "\n")
    log.flush()


async def relay(client, upstream_url, log):
    conn = next(conn_ids)
    async with websockets.connect(upstream_url, max_size=None) as node:
        async def pump(src, dst, direction):
            async for msg in src:
                record(log, conn, msg, direction)
                await dst.send(msg)

        up = asyncio.create_task(pump(client, node, "up"))
        down = asyncio.create_task(pump(node, client, "down"))
        done, pending = await asyncio.wait({up, down}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()


async def main():
    upstream, path = sys.argv[1], sys.argv[2]
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    log = open(path, "a")
    server = await websockets.serve(lambda ws: relay(ws, upstream, log), "127.0.0.1", port,
                                    max_size=None)
    port = server.sockets[0].getsockname()[1]
    print(f"listening ws://127.0.0.1:{port}", flush=True)
    await server.wait_closed()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        sys.exit(2)
    asyncio.run(main())
