#!/usr/bin/env python3
"""Acceptance checks of a taonet node's JSON-RPC with py-substrate-interface 1.8.1.

Usage: acceptance.py [ws://127.0.0.1:9944]

Runs the checks in order against a running dev chain (Alice endowed and sudo), printing
`ok <name>` or `FAIL <name>: <reason>` for each (detail lines start with `#`), then
`N passed, M failed`; exits 1 if any failed. A check whose prerequisite failed is reported
as failed, never skipped. Every wait is bounded: ACCEPTANCE_WAIT_SECONDS (default 120) per
wait for a transaction, an epoch or a submission reply.

Same flow as ../js/acceptance.mjs, with fresh random accounts, so that both can run against
one chain one after the other. See ../README.md.
"""

import os
import signal
import sys
import time
import traceback
from contextlib import contextmanager

from scalecodec.types import GenericCall, GenericScaleInfoEvent
from substrateinterface import Keypair, KeypairType, SubstrateInterface
from substrateinterface.exceptions import SubstrateRequestException

URL = sys.argv[1] if len(sys.argv) > 1 else "ws://127.0.0.1:9944"
WAIT = float(os.environ.get("ACCEPTANCE_WAIT_SECONDS", "120"))
VERBOSE = os.environ.get("ACCEPTANCE_VERBOSE") == "1"

RAO_PER_TAO = 10**9
SS58_FORMAT = 42
TRANSFER_AMOUNT = RAO_PER_TAO  # 1 TAO to a fresh account
TEMPO = 10  # blocks per epoch of the test subnet (one epoch every TEMPO + 1 blocks)
STAKE = 50 * RAO_PER_TAO  # staked on the validator hotkey
COLDKEY_MARGIN = 100 * RAO_PER_TAO  # for the stake, two registration burns and fees
HOTKEY_FUNDS = RAO_PER_TAO  # the validator hotkey signs set_weights (free; funded all the same)
U16_MAX = 65_535
MIN_STAKE = 2_000_000  # SubtensorModule's least stake (0.002 TAO)

# taonet's Balance is u64; py-substrate-interface's preset decodes runtime-API results
# (TransactionPaymentApi.query_info's partialFee) with Balance = u128 unless told.
TYPE_REGISTRY = {"types": {"Balance": "u64"}}


class CheckFailed(Exception):
    """A check's expectation was not met."""


class Timeout(Exception):
    """A bounded wait ran out."""


# Deadlines on blocking client calls (py-substrate-interface waits on its websocket with no
# timeout, and ignores 'invalid'/'usurped' statuses): SIGALRM raises Timeout in the main
# thread, interrupting the blocking read. Deadlines nest; the earliest one fires.
_deadlines = []


def _arm():
    signal.setitimer(signal.ITIMER_REAL, 0)
    if _deadlines:
        expiry = min(d[0] for d in _deadlines)
        signal.setitimer(signal.ITIMER_REAL, max(expiry - time.monotonic(), 0.001))


def _on_alarm(_signum, _frame):
    now = time.monotonic()
    expired = [d for d in _deadlines if d[0] <= now + 0.005]
    if expired:
        raise Timeout(min(expired)[1])
    _arm()


signal.signal(signal.SIGALRM, _on_alarm)


@contextmanager
def deadline(seconds, message):
    entry = (time.monotonic() + seconds, message, object())
    _deadlines.append(entry)
    _arm()
    try:
        yield
    finally:
        _deadlines.remove(entry)
        _arm()


def info(text):
    print(f"# {text}", flush=True)


def tao(rao):
    return f"{rao / RAO_PER_TAO:.9f} TAO"


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def rpc_error_of(exc):
    """The JSON-RPC error object carried by a SubstrateRequestException, if any."""
    arg = exc.args[0] if exc.args else None
    return arg if isinstance(arg, dict) else None


def event_attr(event, index, name=None):
    """Field `name` (named fields) or `index` (tuple fields) of a decoded event."""
    attrs = event["attributes"]
    if isinstance(attrs, dict):
        if name is not None and name in attrs:
            return attrs[name]
        return list(attrs.values())[index]
    if isinstance(attrs, (list, tuple)):
        return attrs[index]
    expect(index == 0, f"event {event['module_id']}.{event['event_id']} has one field")
    return attrs


def find_events(events, module, name):
    return [e for e in events if e["module_id"] == module and e["event_id"] == name]


def metadata_type_problems(substrate):
    """Why py-substrate-interface cannot decode the runtime's events or encode nested calls
    with the node's metadata, if that is the case; else None.

    The client picks its decoder for a scale-info type by the type's path
    (scalecodec/base.py, RuntimeConfigurationObject.get_decoder_class_for_scale_info_definition):
    the full path, then `*::` + the path without its first segment, then `*::` for every
    segment but the last. scalecodec/type_registry/core.json maps `*::RuntimeEvent` to
    GenericScaleInfoEvent and `*::RuntimeCall` to GenericCall, i.e. it matches
    `<runtime crate>::RuntimeEvent`, where construct_runtime! puts the types when invoked at
    the crate root (node_subtensor_runtime::RuntimeEvent on Bittensor). Any other path
    leaves a plain Enum: EventRecord.process() then fails with KeyError 'module_id', and a
    Vec<RuntimeCall> (Utility.batch_all's calls, Sudo.sudo's call) refuses GenericCall values.
    """
    try:
        types = {
            t.value["id"]: t.value["type"]
            for t in substrate.metadata.portable_registry.value_object["types"].value_object
        }
        config = substrate.runtime_config

        def path(type_id):
            return "::".join(types[type_id].get("path", [])) or f"#{type_id}"

        problems = []
        for type_id, ty in types.items():
            if ty.get("path") == ["frame_system", "EventRecord"]:
                fields = ty["def"]["composite"]["fields"]
                event_id = next(f["type"] for f in fields if f.get("name") == "event")
                decoder = config.get_decoder_class(f"scale_info::{event_id}")
                if not (decoder and issubclass(decoder, GenericScaleInfoEvent)):
                    problems.append(
                        f"the event type of frame_system::EventRecord is at path {path(event_id)}, "
                        f"which py-substrate-interface decodes as a plain "
                        f"{decoder.__bases__[0].__name__ if decoder else None}, not as a runtime "
                        "event (GenericScaleInfoEvent, matched by `*::RuntimeEvent`)"
                    )
            if ty.get("path") == ["sp_runtime", "generic", "unchecked_extrinsic", "UncheckedExtrinsic"]:
                call_id = next((p["type"] for p in ty.get("params", []) if p["name"] == "Call"), None)
                decoder = config.get_decoder_class(f"scale_info::{call_id}")
                if call_id is not None and not (decoder and issubclass(decoder, GenericCall)):
                    problems.append(
                        f"the extrinsic's Call type is at path {path(call_id)}, which "
                        f"py-substrate-interface encodes as a plain "
                        f"{decoder.__bases__[0].__name__ if decoder else None}, not as a call "
                        "(GenericCall, matched by `*::RuntimeCall`)"
                    )
        return "; ".join(problems) or None
    except Exception as exc:  # noqa: BLE001 - a diagnosis only
        return f"(no diagnosis: {type(exc).__name__}: {exc})"


def with_metadata_diagnosis(message, substrate):
    problems = metadata_type_problems(substrate)
    return f"{message}. Node metadata: {problems}" if problems else message


class Chain:
    """One connection to the node and the helpers the checks share."""

    def __init__(self, url):
        self.url = url
        self.substrate = None

    def connect(self):
        if self.substrate is not None:
            try:
                self.substrate.close()
            except Exception:  # noqa: BLE001 - an already broken socket
                pass
        self.substrate = SubstrateInterface(
            url=self.url,
            ss58_format=SS58_FORMAT,
            type_registry=TYPE_REGISTRY,
            auto_reconnect=False,
        )
        return self.substrate

    # -- chain state

    def best(self):
        """(hash, number) of the best block."""
        s = self.substrate
        block_hash = s.get_chain_head()
        expect(block_hash, "chain_getHead returned no hash")
        number = s.get_block_number(block_hash)
        expect(number is not None, f"chain_getHeader({block_hash}) returned no header")
        return block_hash, number

    def query(self, pallet, item, params=None, block_hash=None):
        return self.substrate.query(pallet, item, params or [], block_hash=block_hash).value

    def free(self, address, block_hash=None):
        return self.query("System", "Account", [address], block_hash)["data"]["free"]

    # -- transactions

    def call(self, pallet, function, params):
        try:
            return self.substrate.compose_call(
                call_module=pallet, call_function=function, call_params=params
            )
        except ValueError as exc:
            raise CheckFailed(
                with_metadata_diagnosis(
                    f"compose_call({pallet}.{function}) failed: {exc}", self.substrate
                )
            ) from exc

    def submit(self, call, signer, what, era=None):
        """Signs `call`, submits it, waits until it is finalized and checks it succeeded.
        Returns (receipt, events as dicts, inclusion block number)."""
        s = self.substrate
        extrinsic = s.create_signed_extrinsic(call=call, keypair=signer, era=era)
        try:
            with deadline(WAIT, f"{what}: not finalized within {WAIT:.0f} s"):
                receipt = s.submit_extrinsic(extrinsic, wait_for_finalization=True)
                try:
                    events = [e.value for e in receipt.triggered_events]
                except (KeyError, ValueError, TypeError) as exc:
                    raise CheckFailed(
                        with_metadata_diagnosis(
                            f"{what}: finalized in block {receipt.block_hash}, but its System.Events "
                            f"do not decode: {type(exc).__name__}: {exc}",
                            s,
                        )
                    ) from exc
                success = receipt.is_success
                error = receipt.error_message
                number = s.get_block_number(receipt.block_hash)
        except SubstrateRequestException as exc:
            raise CheckFailed(f"{what}: submission refused: {exc}") from exc
        expect(success, f"{what}: dispatch failed: {error}")
        expect(
            find_events(events, "System", "ExtrinsicSuccess"),
            f"{what}: no System.ExtrinsicSuccess among its events "
            f"{[(e['module_id'], e['event_id']) for e in events]}",
        )
        return receipt, events, number

    def expect_rejected(self, extrinsic, what):
        """Submits `extrinsic` (watched, as submit_extrinsic does) and expects a JSON-RPC
        error 1010 in reply. Returns the error object."""
        try:
            with deadline(
                WAIT,
                f"{what}: no JSON-RPC error within {WAIT:.0f} s (a node reporting the "
                "rejection as an 'invalid' status instead hangs py-substrate-interface)",
            ):
                receipt = self.substrate.submit_extrinsic(extrinsic, wait_for_inclusion=True)
        except SubstrateRequestException as exc:
            error = rpc_error_of(exc)
            expect(error is not None, f"{what}: rejected, but not with a JSON-RPC error: {exc}")
            expect(
                error.get("code") == 1010,
                f"{what}: JSON-RPC error code {error.get('code')}, expected 1010: {error}",
            )
            return error
        raise CheckFailed(f"{what}: accepted and included in block {receipt.block_hash}")

    def fund(self, sender, transfers, what):
        """Transfers (address, rao) from `sender` in one Utility.batch_all."""
        calls = [
            self.call("Balances", "transfer_keep_alive", {"dest": dest, "value": value})
            for dest, value in transfers
        ]
        call = calls[0] if len(calls) == 1 else self.call("Utility", "batch_all", {"calls": calls})
        return self.submit(call, sender, what)

    def sudo(self, calls, signer, what):
        """Sudo.sudo of `calls` (in a Utility.batch_all when several); checks Sudid is Ok."""
        inner = calls[0] if len(calls) == 1 else self.call("Utility", "batch_all", {"calls": calls})
        _, events, number = self.submit(self.call("Sudo", "sudo", {"call": inner}), signer, what)
        sudid = find_events(events, "Sudo", "Sudid")
        expect(sudid, f"{what}: no Sudo.Sudid event")
        result = event_attr(sudid[0], 0, "sudo_result")
        expect(
            not (isinstance(result, dict) and "Err" in result) and result not in ("Err",),
            f"{what}: the sudo call failed: {result}",
        )
        return events, number

    # -- subnets

    def network_lock_cost(self, block):
        """SubtensorModule's lock cost at `block` (lib.rs + primitives registration.rs):
        the last lock doubled, less its linear reduction since then, at least the minimum.
        It only falls as blocks pass, so it bounds the cost at inclusion."""
        last = self.query("SubtensorModule", "NetworkLastLockCost")
        minimum = self.query("SubtensorModule", "NetworkMinLockCost")
        last_block = self.query("SubtensorModule", "NetworkLastLockBlock")
        interval = self.query("SubtensorModule", "NetworkLockReductionInterval")
        multiplier = 1 if last_block == 0 else 2
        per_block = last // interval if interval else 0
        reduction = per_block * max(block - last_block, 0)
        return max(max(last * multiplier - reduction, 0), minimum)

    def wait_for_removal(self, netuid, after_block, what):
        """Polls the best block until the block hook has removed dissolved subnet `netuid`
        (no DissolvedNetworks entry), within WAIT seconds. Returns the events of every
        block after `after_block` up to that one (the hook's are in their Initialization
        phase)."""
        started = time.monotonic()
        while True:
            block_hash, number = self.best()
            if self.query("SubtensorModule", "DissolvedNetworks", [netuid], block_hash) is None:
                break
            if time.monotonic() - started > WAIT:
                raise CheckFailed(f"{what}: subnet {netuid} still being removed at block {number}")
            time.sleep(0.5)
        events = []
        for block in range(after_block + 1, number + 1):
            block_hash = self.substrate.get_block_hash(block)
            events.extend(e.value for e in self.substrate.get_events(block_hash))
        return events

    def wait_for_epoch(self, netuid, tempo, after_block, what):
        """Polls the best block until subnet `netuid` ran an epoch in a block after
        `after_block` (LastMechansimStepBlock > after_block). Bounded by two tempos and a
        few blocks, and by WAIT seconds. Returns (hash, number) of the block polled."""
        period = tempo + 1
        # Epochs run in blocks b with (b + netuid + 1) % (tempo + 1) == 0.
        due = after_block + 1
        while (due + netuid + 1) % period:
            due += 1
        limit = max(after_block, self.best()[1]) + 2 * period + 5
        started = time.monotonic()
        last = None
        while True:
            block_hash, number = self.best()
            last = self.query("SubtensorModule", "LastMechansimStepBlock", [netuid], block_hash)
            if last > after_block:
                return block_hash, number
            if number > limit:
                raise CheckFailed(
                    f"{what}: no epoch of subnet {netuid} after block {after_block}: at block "
                    f"{number} LastMechansimStepBlock is {last} (tempo {tempo}, first due at "
                    f"block {due})"
                )
            if time.monotonic() - started > WAIT:
                raise CheckFailed(
                    f"{what}: no epoch of subnet {netuid} after block {after_block} within "
                    f"{WAIT:.0f} s: best block {number}, LastMechansimStepBlock {last} "
                    f"(tempo {tempo}, first due at block {due})"
                )
            time.sleep(0.5)


class Runner:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.ok = set()

    def run(self, name, check, needs=(), budget=None):
        missing = [n for n in needs if n not in self.ok]
        if missing:
            self._fail(name, f"cannot run: {', '.join(missing)} failed")
            return
        budget = budget or 3 * WAIT
        try:
            with deadline(budget, f"did not finish within {budget:.0f} s"):
                check()
        except CheckFailed as exc:
            self._fail(name, str(exc))
        except Timeout as exc:
            self._fail(name, f"timed out: {exc}")
            CTX["reconnect"] = True
        except Exception as exc:  # noqa: BLE001 - report any client error as this check's
            if VERBOSE:
                traceback.print_exc()
            self._fail(name, f"{type(exc).__name__}: {exc}")
        else:
            self.passed += 1
            self.ok.add(name)
            print(f"ok {name}", flush=True)

    def _fail(self, name, reason):
        self.failed += 1
        reason = " ".join(str(reason).split())
        print(f"FAIL {name}: {reason}", flush=True)


CHAIN = Chain(URL)
CTX = {"reconnect": False}
ALICE = Keypair.create_from_uri("//Alice", ss58_format=SS58_FORMAT)


def fresh(label):
    """A fresh sr25519 account from a random mnemonic."""
    pair = Keypair.create_from_mnemonic(
        Keypair.generate_mnemonic(), ss58_format=SS58_FORMAT, crypto_type=KeypairType.SR25519
    )
    if VERBOSE:
        info(f"{label}: {pair.ss58_address}")
    return pair


RECEIVER = fresh("receiver")
COLDKEY = fresh("coldkey")
OWNER_HOTKEY = fresh("owner hotkey")
VALIDATOR = fresh("validator hotkey")
MINER = fresh("miner hotkey")
STATE = {}


def ensure_connection():
    if CTX["reconnect"]:
        CTX["reconnect"] = False
        with deadline(WAIT, "reconnecting"):
            CHAIN.connect()


# -- checks ------------------------------------------------------------------------------


def check_connect():
    with deadline(WAIT, f"no connection to {URL}"):
        s = CHAIN.connect()
        methods = s.rpc_request("rpc_methods", []).get("result", {}).get("methods")
    expect(isinstance(methods, list) and methods, f"rpc_methods listed no methods: {methods}")
    info(f"connected to {URL}; rpc_methods lists {len(methods)} methods")


def check_chain_properties():
    s = CHAIN.substrate
    chain, name, version, props = s.chain, s.name, s.version, s.properties
    expect(isinstance(chain, str) and chain, f"system_chain returned {chain!r}")
    expect(isinstance(props, dict), f"system_properties returned {props!r}")

    def first(value):
        return value[0] if isinstance(value, list) and value else value

    ss58, decimals, symbol = (
        props.get("ss58Format"),
        first(props.get("tokenDecimals")),
        first(props.get("tokenSymbol")),
    )
    expect(ss58 == SS58_FORMAT, f"ss58Format is {ss58!r}, expected 42")
    expect(decimals == 9, f"tokenDecimals is {decimals!r}, expected 9")
    expect(symbol == "TAO", f"tokenSymbol is {symbol!r}, expected 'TAO'")
    info(f"chain {chain!r}, node {name!r} {version!r}, properties {props}")


def check_metadata():
    s = CHAIN.substrate
    with deadline(WAIT, "metadata not loaded"):
        s.init_runtime()
    metadata = s.metadata
    try:
        versions = "/".join(metadata.value[1].keys())  # (magic, {"V14": ...})
    except (AttributeError, IndexError, KeyError, TypeError):
        versions = "?"
    expect(s.get_metadata_module("SubtensorModule") is not None, "no pallet SubtensorModule")
    for pallet, call in [
        ("Balances", "transfer_keep_alive"),
        ("SubtensorModule", "register_network"),
        ("SubtensorModule", "burned_register"),
        ("SubtensorModule", "add_stake"),
        ("SubtensorModule", "set_weights"),
        ("AdminUtils", "sudo_set_tempo"),
        ("AdminUtils", "sudo_set_weights_set_rate_limit"),
        ("AdminUtils", "sudo_set_commit_reveal_weights_enabled"),
        ("Sudo", "sudo"),
        ("Utility", "batch_all"),
    ]:
        expect(s.get_metadata_call_function(pallet, call) is not None, f"no call {pallet}.{call}")
    for item in [
        "Incentive",
        "Dividends",
        "Emission",
        "LastMechansimStepBlock",
        "ValidatorPermit",
        "Tempo",
        "NetworkLastLockCost",
    ]:
        expect(
            s.get_metadata_storage_function("SubtensorModule", item) is not None,
            f"no storage SubtensorModule.{item}",
        )
    info(f"metadata {versions}, spec_version {s.runtime_version}, {len(metadata.pallets)} pallets")
    problems = metadata_type_problems(s)
    if problems:
        # Reported here, failed by the checks that decode events or nest calls.
        info(f"the client cannot use these metadata types: {problems}")


def check_alice_balance():
    free = CHAIN.free(ALICE.ss58_address)
    expect(isinstance(free, int) and free > 0, f"Alice's free balance is {free!r}")
    STATE["alice_free"] = free
    info(f"Alice {ALICE.ss58_address} holds {tao(free)}")


def transfer_call():
    return CHAIN.call(
        "Balances",
        "transfer_keep_alive",
        {"dest": RECEIVER.ss58_address, "value": TRANSFER_AMOUNT},
    )


def check_fee_estimate():
    with deadline(WAIT, "no fee estimate"):
        payment = CHAIN.substrate.get_payment_info(transfer_call(), ALICE)
    fee = payment.get("partialFee") if isinstance(payment, dict) else None
    expect(isinstance(fee, int) and fee > 0, f"partialFee is {fee!r} in {payment}")
    expect(fee < TRANSFER_AMOUNT, f"a transfer's fee of {tao(fee)} is implausibly high")
    info(f"transfer_keep_alive fee estimate {fee} rao ({payment.get('class')})")


def check_transfer():
    # Mortal, as bittensor signs (period 64 from the finalized head).
    receipt, events, number = CHAIN.submit(
        transfer_call(), ALICE, "transfer_keep_alive", era={"period": 64}
    )
    free = CHAIN.free(RECEIVER.ss58_address, receipt.block_hash)
    expect(
        free == TRANSFER_AMOUNT,
        f"receiver's free balance at the finalized block is {free}, expected {TRANSFER_AMOUNT}",
    )
    expect(find_events(events, "Balances", "Transfer"), "no Balances.Transfer event")
    info(f"transfer finalized in block {number} ({receipt.block_hash}); events "
         f"{[e['module_id'] + '.' + e['event_id'] for e in events]}")


def check_reject_bad_signature():
    s = CHAIN.substrate
    nonce = s.get_account_nonce(ALICE.ss58_address)
    good = s.create_signed_extrinsic(call=transfer_call(), keypair=ALICE, nonce=nonce)
    # The same extrinsic carrying a genuine signature of Alice's, over other bytes than
    # its signing payload: BadProof.
    signature = ALICE.sign(b"taonet acceptance: not the signing payload")
    bad = s.create_signed_extrinsic(
        call=transfer_call(), keypair=ALICE, nonce=nonce, signature=signature
    )
    expect(bad.data != good.data, "the forged extrinsic equals the signed one")
    error = CHAIN.expect_rejected(bad, "bad signature")
    info(f"bad signature rejected: {error}")


def check_reject_stale_nonce():
    s = CHAIN.substrate
    nonce = s.get_account_nonce(ALICE.ss58_address)
    expect(nonce > 0, f"Alice's nonce is {nonce}: no transaction of hers to reuse the nonce of")
    stale = s.create_signed_extrinsic(call=transfer_call(), keypair=ALICE, nonce=nonce - 1)
    error = CHAIN.expect_rejected(stale, f"nonce {nonce - 1} (already used)")
    info(f"used nonce rejected: {error}")


def check_subnet_register():
    _, block = CHAIN.best()
    lock = CHAIN.network_lock_cost(block)
    needed = lock + COLDKEY_MARGIN
    alice = CHAIN.free(ALICE.ss58_address)
    expect(
        alice > needed + HOTKEY_FUNDS + RAO_PER_TAO,
        f"Alice holds {tao(alice)}, the subnet lock now costs {tao(lock)} (it doubles with "
        "each subnet registered): run against a fresh dev chain",
    )
    CHAIN.fund(
        ALICE,
        [(COLDKEY.ss58_address, needed), (VALIDATOR.ss58_address, HOTKEY_FUNDS)],
        "funding the coldkey and validator hotkey",
    )
    _, events, number = CHAIN.submit(
        CHAIN.call("SubtensorModule", "register_network", {"hotkey": OWNER_HOTKEY.ss58_address}),
        COLDKEY,
        "register_network",
    )
    added = find_events(events, "SubtensorModule", "NetworkAdded")
    expect(added, "no SubtensorModule.NetworkAdded event")
    netuid = event_attr(added[0], 0)
    expect(isinstance(netuid, int) and netuid > 0, f"NetworkAdded carries netuid {netuid!r}")
    owner = CHAIN.query("SubtensorModule", "SubnetOwner", [netuid])
    expect(owner == COLDKEY.ss58_address, f"SubnetOwner({netuid}) is {owner}")
    # As on Bittensor, a subnet emits once its owner starts it.
    _, events, _ = CHAIN.submit(
        CHAIN.call("SubtensorModule", "start_call", {"netuid": netuid}), COLDKEY, "start_call"
    )
    expect(
        find_events(events, "SubtensorModule", "FirstEmissionBlockNumberSet"),
        "start_call: no SubtensorModule.FirstEmissionBlockNumberSet event",
    )
    first = CHAIN.query("SubtensorModule", "FirstEmissionBlockNumber", [netuid])
    expect(first is not None, f"FirstEmissionBlockNumber({netuid}) is not set after start_call")
    STATE["netuid"] = netuid
    info(f"subnet {netuid} registered in block {number} (lock {tao(lock)}), emission from {first}")


def check_subnet_configure():
    netuid = STATE["netuid"]
    calls = [
        CHAIN.call("AdminUtils", "sudo_set_tempo", {"netuid": netuid, "tempo": TEMPO}),
        CHAIN.call(
            "AdminUtils",
            "sudo_set_weights_set_rate_limit",
            {"netuid": netuid, "weights_set_rate_limit": 0},
        ),
        CHAIN.call(
            "AdminUtils",
            "sudo_set_commit_reveal_weights_enabled",
            {"netuid": netuid, "enabled": False},
        ),
    ]
    _, number = CHAIN.sudo(calls, ALICE, "sudo hyperparameters")
    tempo = CHAIN.query("SubtensorModule", "Tempo", [netuid])
    limit = CHAIN.query("SubtensorModule", "WeightsSetRateLimit", [netuid])
    commit_reveal = CHAIN.query("SubtensorModule", "CommitRevealWeightsEnabled", [netuid])
    allowed = CHAIN.query("SubtensorModule", "NetworkRegistrationAllowed", [netuid])
    expect(tempo == TEMPO, f"Tempo({netuid}) is {tempo}, expected {TEMPO}")
    expect(limit == 0, f"WeightsSetRateLimit({netuid}) is {limit}, expected 0")
    expect(commit_reveal is False, f"CommitRevealWeightsEnabled({netuid}) is {commit_reveal}")
    expect(allowed is True, f"NetworkRegistrationAllowed({netuid}) is {allowed}")
    info(f"subnet {netuid}: tempo {tempo}, weights rate limit 0, commit-reveal off (block {number})")


def burned_register(netuid, hotkey, role):
    _, events, _ = CHAIN.submit(
        CHAIN.call(
            "SubtensorModule", "burned_register", {"netuid": netuid, "hotkey": hotkey.ss58_address}
        ),
        COLDKEY,
        f"burned_register ({role})",
    )
    registered = find_events(events, "SubtensorModule", "NeuronRegistered")
    expect(registered, f"burned_register ({role}): no SubtensorModule.NeuronRegistered event")
    expect(
        event_attr(registered[0], 0) == netuid,
        f"NeuronRegistered for subnet {event_attr(registered[0], 0)}",
    )
    uid = event_attr(registered[0], 1)
    stored = CHAIN.query("SubtensorModule", "Uids", [netuid, hotkey.ss58_address])
    expect(stored == uid, f"Uids({netuid}, {role}) is {stored}, the event said {uid}")
    return uid


def check_neurons_register():
    netuid = STATE["netuid"]
    STATE["validator_uid"] = burned_register(netuid, VALIDATOR, "validator")
    STATE["miner_uid"] = burned_register(netuid, MINER, "miner")
    info(f"validator uid {STATE['validator_uid']}, miner uid {STATE['miner_uid']}")


def check_add_stake():
    netuid = STATE["netuid"]
    _, events, number = CHAIN.submit(
        CHAIN.call(
            "SubtensorModule",
            "add_stake",
            {"hotkey": VALIDATOR.ss58_address, "netuid": netuid, "amount_staked": STAKE},
        ),
        COLDKEY,
        "add_stake",
    )
    expect(find_events(events, "SubtensorModule", "StakeAdded"), "no SubtensorModule.StakeAdded")
    stake = CHAIN.query("SubtensorModule", "TotalHotkeyAlpha", [VALIDATOR.ss58_address, netuid])
    expect(stake >= STAKE, f"TotalHotkeyAlpha(validator, {netuid}) is {stake}, staked {STAKE}")
    STATE["stake_block"] = number
    info(f"{tao(STAKE)} staked on the validator in block {number}")


def check_validator_permit():
    netuid, uid = STATE["netuid"], STATE["validator_uid"]
    block_hash, number = CHAIN.wait_for_epoch(
        netuid, TEMPO, STATE["stake_block"], "validator permit"
    )
    permits = CHAIN.query("SubtensorModule", "ValidatorPermit", [netuid], block_hash)
    expect(
        uid < len(permits) and permits[uid],
        f"after the epoch (block {number}) ValidatorPermit({netuid}) is {permits}: "
        f"uid {uid} holds {tao(STAKE)} but has no permit",
    )
    info(f"epoch by block {number}: ValidatorPermit {permits}")


def check_set_weights():
    netuid, uid, miner = STATE["netuid"], STATE["validator_uid"], STATE["miner_uid"]
    version_key = CHAIN.query("SubtensorModule", "WeightsVersionKey", [netuid])
    _, events, number = CHAIN.submit(
        CHAIN.call(
            "SubtensorModule",
            "set_weights",
            {"netuid": netuid, "dests": [miner], "weights": [U16_MAX], "version_key": version_key},
        ),
        VALIDATOR,
        "set_weights",
    )
    expect(find_events(events, "SubtensorModule", "WeightsSet"), "no SubtensorModule.WeightsSet")
    row = CHAIN.query("SubtensorModule", "Weights", [netuid, uid])
    expect(row and [tuple(x) for x in row] == [(miner, U16_MAX)], f"Weights({netuid}, {uid}) is {row}")
    STATE["weights_block"] = number
    info(f"weights {row} set in block {number}")


def check_epoch_outputs():
    netuid, vuid, muid = STATE["netuid"], STATE["validator_uid"], STATE["miner_uid"]
    block_hash, number = CHAIN.wait_for_epoch(
        netuid, TEMPO, STATE["weights_block"], "epoch after set_weights"
    )
    incentive = CHAIN.query("SubtensorModule", "Incentive", [netuid], block_hash)
    dividends = CHAIN.query("SubtensorModule", "Dividends", [netuid], block_hash)
    emission = CHAIN.query("SubtensorModule", "Emission", [netuid], block_hash)
    info(f"epoch by block {number}: Incentive {incentive}, Dividends {dividends}, Emission {emission}")
    problems = []
    if not (muid < len(incentive) and incentive[muid] > 0):
        problems.append(f"Incentive of miner uid {muid} is not positive: {incentive}")
    if not (vuid < len(dividends) and dividends[vuid] > 0):
        problems.append(f"Dividends of validator uid {vuid} is not positive: {dividends}")
    if not (muid < len(emission) and emission[muid] > 0):
        problems.append(f"Emission of miner uid {muid} is not positive: {emission}")
    if not (vuid < len(emission) and emission[vuid] > 0):
        problems.append(f"Emission of validator uid {vuid} is not positive: {emission}")
    expect(not problems, "; ".join(problems))


def check_dust_dissolve():
    """The dust bug of issue 17, end to end: a stake of 1 rao whose coldkey was reaped
    must not stop root from dissolving the subnet; when the block hook removes the
    subnet's stakes in the next blocks, the rao is recycled, with an event."""
    netuid = STATE["netuid"]
    dust = fresh("dust staker")
    CHAIN.fund(ALICE, [(dust.ss58_address, RAO_PER_TAO)], "funding the dust staker")

    def stake_call(function, amount):
        key = "amount_staked" if function == "add_stake" else "amount_unstaked"
        return CHAIN.call(
            "SubtensorModule",
            function,
            {"hotkey": VALIDATOR.ss58_address, "netuid": netuid, key: amount},
        )

    CHAIN.submit(stake_call("add_stake", 2 * MIN_STAKE), dust, "add_stake (dust staker)")
    CHAIN.submit(stake_call("remove_stake", 2 * MIN_STAKE - 1), dust, "remove_stake (all but 1 rao)")
    left = CHAIN.query("SubtensorModule", "Alpha", [VALIDATOR.ss58_address, dust.ss58_address, netuid])
    expect(left == 1, f"Alpha(validator, dust staker, {netuid}) is {left}, expected 1 rao")
    CHAIN.submit(
        CHAIN.call("Balances", "transfer_all", {"dest": ALICE.ss58_address, "keep_alive": False}),
        dust,
        "transfer_all (reaps the dust staker)",
    )
    account = CHAIN.query("System", "Account", [dust.ss58_address])
    expect(account["providers"] == 0, f"the dust staker was not reaped: {account}")
    events, number = CHAIN.sudo(
        [CHAIN.call("SubtensorModule", "dissolve_network", {"coldkey": COLDKEY.ss58_address, "netuid": netuid})],
        ALICE,
        "sudo dissolve_network",
    )
    expect(
        find_events(events, "SubtensorModule", "NetworkRemoved"),
        "sudo dissolve_network: no SubtensorModule.NetworkRemoved",
    )
    removal = CHAIN.wait_for_removal(netuid, number, "removing the dissolved subnet")
    recycled = [
        (event_attr(e, 0), event_attr(e, 1))
        for e in find_events(removal, "SubtensorModule", "DustRecycled")
    ]
    expect(
        (dust.ss58_address, 1) in recycled,
        f"no SubtensorModule.DustRecycled(dust staker, 1) among {recycled}",
    )
    expect(
        not CHAIN.query("SubtensorModule", "NetworksAdded", [netuid]),
        f"NetworksAdded({netuid}) is still true after the dissolve",
    )
    info(f"subnet {netuid} dissolved in block {number}; 1 rao of reaped stake recycled")


CHECKS = [
    ("connect", check_connect, ()),
    ("chain-properties", check_chain_properties, ("connect",)),
    ("metadata", check_metadata, ("connect",)),
    ("alice-balance", check_alice_balance, ("metadata",)),
    ("fee-estimate", check_fee_estimate, ("metadata",)),
    ("transfer-finalized", check_transfer, ("alice-balance",)),
    ("reject-bad-signature", check_reject_bad_signature, ("metadata",)),
    ("reject-used-nonce", check_reject_stale_nonce, ("metadata",)),
    ("subnet-register", check_subnet_register, ("alice-balance",)),
    ("subnet-hyperparameters", check_subnet_configure, ("subnet-register",)),
    ("neurons-register", check_neurons_register, ("subnet-hyperparameters",)),
    ("add-stake", check_add_stake, ("neurons-register",)),
    ("validator-permit", check_validator_permit, ("add-stake",)),
    ("set-weights", check_set_weights, ("validator-permit",)),
    ("epoch-outputs", check_epoch_outputs, ("set-weights",)),
    ("dust-dissolve", check_dust_dissolve, ("epoch-outputs",)),
]


def main():
    runner = Runner()
    info(f"py-substrate-interface acceptance against {URL}")
    for name, check, needs in CHECKS:
        if name != "connect" and "connect" in runner.ok:
            try:
                ensure_connection()
            except Exception as exc:  # noqa: BLE001
                runner._fail(name, f"cannot reconnect: {exc}")
                continue
        runner.run(name, check, needs)
    try:
        if CHAIN.substrate is not None:
            CHAIN.substrate.close()
    except Exception:  # noqa: BLE001
        pass
    print(f"{runner.passed} passed, {runner.failed} failed", flush=True)
    return 1 if runner.failed else 0


if __name__ == "__main__":
    sys.exit(main())
