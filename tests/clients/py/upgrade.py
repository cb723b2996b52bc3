#!/usr/bin/env python3
"""A runtime upgrade by transaction with py-substrate-interface 1.8.1, which must follow it
on its open connection.

Usage: upgrade.py ws://127.0.0.1:9944 RUNTIME.wasm

Submits `Sudo.sudo(System.set_code(RUNTIME))` signed by Alice (the dev chain's sudo) and
checks that sudo dispatched it. On the same connection it then waits for the runtime one
spec_version up, reads the new runtime's existential deposit (600 rao) from the new metadata,
and sends transfers signed for the new runtime: Bob … Ferdie each send Alice 9 000 TAO, so
that the acceptance runs after the upgrade can afford the subnet lock, which doubles with
each subnet registered. Prints `ok …` lines; exits 1 on a failure.
"""

import os
import sys
import time

from substrateinterface import Keypair, SubstrateInterface

URL = sys.argv[1]
WASM = sys.argv[2]
WAIT = float(os.environ.get("ACCEPTANCE_WAIT_SECONDS", "120"))
NEXT_EXISTENTIAL_DEPOSIT = 600  # the runtime's upgrade-test blob's
AMOUNT = 9_000 * 10**9
DONORS = ["//Bob", "//Charlie", "//Dave", "//Eve", "//Ferdie"]


def fail(reason):
    print(f"FAIL {reason}")
    sys.exit(1)


def sudid(receipt):
    """Sudo's report of its inner call in `receipt`'s events."""
    for event in receipt.triggered_events:
        value = event.value
        if value["module_id"] == "Sudo" and value["event_id"] == "Sudid":
            return value["attributes"]
    fail("no Sudid event")


def main():
    chain = SubstrateInterface(url=URL, type_registry={"types": {"Balance": "u64"}})
    chain.init_runtime()
    before = chain.runtime_version
    alice = Keypair.create_from_uri("//Alice")
    with open(WASM, "rb") as blob:
        code = blob.read()
    upgrade = chain.compose_call(
        "Sudo",
        "sudo",
        {"call": chain.compose_call("System", "set_code", {"code": "0x" + code.hex()})},
    )
    receipt = chain.submit_extrinsic(
        chain.create_signed_extrinsic(call=upgrade, keypair=alice), wait_for_inclusion=True
    )
    if not receipt.is_success:
        fail(f"set_code: {receipt.error_message}")
    result = sudid(receipt)
    if "Ok" not in str(result):
        fail(f"sudo reported {result}")
    print(f"ok Sudo.sudo(System.set_code) of {len(code)} bytes in {receipt.block_hash}")

    deadline = time.monotonic() + WAIT
    while chain.get_block_runtime_version(chain.get_chain_head())["specVersion"] != before + 1:
        if time.monotonic() > deadline:
            fail("the runtime did not change")
        time.sleep(0.2)
    chain.init_runtime()
    if chain.runtime_version != before + 1:
        fail(f"the client stays on spec {chain.runtime_version}")
    ed = chain.get_constant("Balances", "ExistentialDeposit").value
    if ed != NEXT_EXISTENTIAL_DEPOSIT:
        fail(f"existential deposit {ed} after the upgrade, not {NEXT_EXISTENTIAL_DEPOSIT}")
    print(f"ok the client follows spec {before} -> {before + 1} (existential deposit {ed})")

    for uri in DONORS:
        donor = Keypair.create_from_uri(uri)
        transfer = chain.compose_call(
            "Balances", "transfer_keep_alive", {"dest": alice.ss58_address, "value": AMOUNT}
        )
        receipt = chain.submit_extrinsic(
            chain.create_signed_extrinsic(call=transfer, keypair=donor), wait_for_inclusion=True
        )
        if not receipt.is_success:
            fail(f"transfer from {uri} after the upgrade: {receipt.error_message}")
    free = chain.query("System", "Account", [alice.ss58_address]).value["data"]["free"]
    print(f"ok {len(DONORS)} transfers signed for spec {before + 1}; Alice holds {free} rao")

main()
