#!/usr/bin/env python3
"""A day of the Bittensor SDK (bittensor 10.5.0, unmodified) against a taonet dev node.

Usage: sdk_day.py ws://HOST:PORT

Each step calls one SDK operation the way a subnet owner, validator or miner would, and
then checks its effect in chain state read independently of that operation, through the
SDK's substrate client's raw storage queries (`substrate.query` / `query_map`, which decode
storage by the node's metadata). A step passes only if the state shows the effect; an
operation that returns without error but leaves the state unchanged fails.

Every step prints one line, `PASS name: what was seen` or `FAIL name: why`, where `why` is
the exception or mismatch and, for exceptions, the innermost source line that raised it.
The day goes on after a failure: where a later step needs what a failed step should have
made (a subnet, a registration, stake, weights), the harness makes it with a plain signed
extrinsic (`compose_call` + `sign_and_send_extrinsic`) and says so with a `setup:` line, so
one missing piece does not hide the others. The last line is `N passed, M failed`; the exit
status is 1 if any step failed.

Accounts: the dev chain's well-known accounts. Alice is sudo; Bob owns the subnet; Dave's
hotkey validates and Eve's mines (coldkeys //Dave and //Eve); Ferdie receives a transfer.
Hotkeys are derived (`//Bob//sdk-owner`, ...) so btcli_day.sh, which uses Charlie, does not
collide. Wallets are written to a temporary directory without passwords.
"""

import os
import sys
import tempfile
import time
import traceback

import bittensor as bt
from bittensor.core.extrinsics.utils import sudo_call_extrinsic

RAO = 1_000_000_000
TEST_IP = "203.0.113.7"  # TEST-NET-3: a value stored on chain, never contacted.
TEST_PORT = 8091
COMMITMENT = "taonet-sdk-day"
SMALL_TEMPO = 10

results = []  # (name, passed, detail)
ctx = {}


class Fail(Exception):
    """A step's check failed: the message says what was expected and what was seen."""


def where(exc):
    """The innermost frame of an exception's traceback, as `file:line in function: code`."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    f = frames[-1]
    path = f.filename
    for marker in ("site-packages/", "tests/clients/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{path}:{f.lineno} in {f.name}: {(f.line or '').strip()}"


def run(name, fn):
    """Runs one step and records PASS or FAIL with its reason; never raises."""
    t0 = time.time()
    if os.environ.get("BT_DAY_TIMES"):  # step boundaries, for rpc_trace_names.py
        print(f"  [{name}] t={t0:.3f}", flush=True)
    try:
        detail = fn()
        results.append((name, True, detail or ""))
        print(f"PASS {name}: {detail or 'ok'} ({time.time() - t0:.1f}s)", flush=True)
    except Fail as e:
        results.append((name, False, str(e)))
        print(f"FAIL {name}: {e} ({time.time() - t0:.1f}s)", flush=True)
    except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the day
        msg = f"{type(e).__name__}: {str(e)[:600]}"
        loc = where(e)
        results.append((name, False, f"{msg} [at {loc}]"))
        print(f"FAIL {name}: {msg}\n     at {loc} ({time.time() - t0:.1f}s)", flush=True)
        if os.environ.get("BT_DAY_TRACEBACK"):
            traceback.print_exc()


def setup(what, fn):
    """Makes, without the SDK operation under test, state that later steps need."""
    try:
        out = fn()
        print(f"  setup: {what}: {out}", flush=True)
        return True
    except Exception as e:  # noqa: BLE001
        print(f"  setup: {what} FAILED: {type(e).__name__}: {str(e)[:300]} [at {where(e)}]",
              flush=True)
        return False


def need(*keys):
    """The values of earlier steps a step depends on, or a Fail naming what is missing."""
    missing = [k for k in keys if ctx.get(k) is None]
    if missing:
        raise Fail(f"cannot run: no {', '.join(missing)} from earlier steps")
    return [ctx[k] for k in keys]


# ----------------------------------------------------------------------------------------
# Independent chain-state reads (raw storage, decoded by metadata).

def q(item, params=None, module="SubtensorModule", block_hash=None):
    """The decoded value of storage `module.item(params)` at the best block (or at
    block_hash)."""
    v = sub.substrate.query(module, item, params or [], block_hash=block_hash)
    return getattr(v, "value", v)


def inclusion_blocks(response):
    """(parent hash, block hash) of the block that included an SDK call's extrinsic."""
    block_hash = response.extrinsic_receipt.block_hash
    parent = sub.substrate.get_block_header(block_hash)["header"]["parentHash"]
    return parent, block_hash


def qmap(item, params=None, module="SubtensorModule"):
    """All (key, value) pairs of storage map `module.item` under `params`, decoded."""
    out = []
    for k, v in sub.substrate.query_map(module, item, params or []):
        out.append((getattr(k, "value", k), getattr(v, "value", v)))
    return out


def has_call(module, function):
    """Whether the node's metadata has call `module.function`."""
    return sub.substrate.get_metadata_call_function(module, function) is not None


def needs_start_call():
    """Whether the subnet has a start_call to make: the call exists and the subnet has no
    first emission block yet (False on a runtime without start_call)."""
    netuid = ctx.get("netuid")
    if netuid is None or not has_call("SubtensorModule", "start_call"):
        return False
    try:
        return q("FirstEmissionBlockNumber", [netuid]) is None
    except Exception:  # noqa: BLE001 - the storage item may be missing; the step says so
        return True


def free(ss58, block_hash=None):
    """Free balance of an account in rao, from System.Account."""
    return int(q("Account", [ss58], module="System", block_hash=block_hash)["data"]["free"])


def best_block():
    return sub.substrate.get_block_number(sub.substrate.get_chain_head())


def wait_blocks(n, timeout=None):
    """Waits until the best block has advanced by n."""
    start = best_block()
    deadline = time.time() + (timeout or n * 3 + 30)
    while best_block() < start + n:
        if time.time() > deadline:
            raise Fail(f"chain stalled at block {best_block()} waiting for {start + n}")
        time.sleep(0.5)


def extrinsic(wallet, module, function, params, sign_with="coldkey"):
    """A plain signed extrinsic through the SDK's generic path; raises unless it succeeded."""
    call = sub.compose_call(call_module=module, call_function=function, call_params=params)
    r = sub.sign_and_send_extrinsic(call=call, wallet=wallet, sign_with=sign_with,
                                    wait_for_inclusion=True, wait_for_finalization=True)
    if not r.success:
        raise RuntimeError(f"{module}.{function} failed: {r.message}")
    return f"{module}.{function} ok"


def sudo(function, params):
    """Sudo.sudo(AdminUtils.function(params)) signed by Alice, through the SDK's helper."""
    r = sudo_call_extrinsic(sub, alice, function, params, call_module="AdminUtils",
                            wait_for_inclusion=True, wait_for_finalization=True)
    if not r.success:
        raise RuntimeError(f"Sudo.sudo(AdminUtils.{function}) failed: {r.message}")
    return f"Sudo.sudo(AdminUtils.{function}{params}) included"


NO_FEE_FUNDS = "Inability to pay some fees"


def fund_hotkey(wallet):
    """Sends 1 TAO from the wallet's coldkey to its hotkey (setup only)."""
    return extrinsic(wallet, "Balances", "transfer_keep_alive",
                     {"dest": wallet.hotkey.ss58_address, "value": RAO})


def hotkey_signed(wallet, attempt):
    """Runs a step whose operation the hotkey signs, as Bittensor hotkeys are: holding no
    balance. Subtensor accepts such fee-less calls from accounts that do not exist (its own
    CheckNonce skips the existence check when the call pays no fee); a node that refuses
    them fails the step, and the step is then tried once more with 1 TAO on the hotkey, so
    what comes after that refusal is reported too."""
    try:
        return attempt()
    except Exception as e:  # noqa: BLE001
        if NO_FEE_FUNDS not in str(e):
            raise
        first = f"refused from a hotkey without balance: {str(e)[:200]}"
    setup("1 TAO to the hotkey", lambda: fund_hotkey(wallet))
    try:
        again = attempt()
        outcome = f"{first}; with a funded hotkey it works: {again}"
    except Exception as e:  # noqa: BLE001
        outcome = (f"{first}; with a funded hotkey: {type(e).__name__}: {str(e)[:300]} "
                   f"[at {where(e)}]")
    # Empty the hotkey again (its account is reaped), so the next hotkey-signed step meets
    # the same condition.
    setup("hotkey emptied", lambda: extrinsic(
        wallet, "Balances", "transfer_all",
        {"dest": wallet.coldkeypub.ss58_address, "keep_alive": False}, sign_with="hotkey"))
    raise Fail(outcome)


def ok(response, what):
    """Raises a Fail carrying the SDK's message unless its ExtrinsicResponse succeeded."""
    if response is None:
        raise Fail(f"{what} returned None")
    if hasattr(response, "success") and not response.success:
        err = getattr(response, "error", None)
        raise Fail(f"{what} returned success=False: {response.message}"
                   + (f" ({type(err).__name__})" if err else ""))
    return response


# ----------------------------------------------------------------------------------------
# The day.

def step_connect():
    global sub
    sub = bt.Subtensor(network=URL)
    n = sub.get_current_block()
    head = sub.substrate.rpc_request("chain_getHeader", [])["result"]
    if n <= 0 or abs(int(head["number"], 16) - n) > 2:
        raise Fail(f"get_current_block()={n}, chain_getHeader number={head['number']}")
    spec = sub.substrate.rpc_request("state_getRuntimeVersion", [])["result"]
    return f"block {n}, {spec['specName']} spec_version {spec['specVersion']}"


def step_burn_cost():
    cost = sub.get_subnet_burn_cost()
    if cost is None or cost.rao <= 0:
        raise Fail(f"get_subnet_burn_cost() = {cost!r}")
    ctx["burn_cost"] = cost.rao
    return f"{cost} ({cost.rao} rao)"


def networks():
    return sorted(int(k) for k, added in qmap("NetworksAdded") if added)


def step_register_subnet():
    before = networks()
    ctx["networks_before"] = before
    r = sub.register_subnet(wallet=owner, mev_protection=False, raise_error=True)
    ok(r, "register_subnet")
    # The owner's balance across the including block alone: from the next block on, the
    # owner's cut of the new subnet's emission moves it too.
    parent, included = inclusion_blocks(r)
    ck = owner.coldkeypub.ss58_address
    spent = free(ck, parent) - free(ck, included)
    new = sorted(set(networks()) - set(before))
    if len(new) != 1:
        raise Fail(f"NetworksAdded before {before}, after {networks()}: expected one new netuid")
    netuid = new[0]
    ctx["netuid"] = netuid
    so = q("SubnetOwner", [netuid])
    if so != owner.coldkeypub.ss58_address:
        raise Fail(f"SubnetOwner[{netuid}] = {so}, expected {owner.coldkeypub.ss58_address}")
    cost = ctx.get("burn_cost")
    if cost is not None and not (cost <= spent <= cost + RAO):
        raise Fail(f"owner paid {spent} rao, lock cost was {cost} (+ fees < 1 TAO)")
    return f"netuid {netuid}, SubnetOwner ok, owner paid {spent} rao"


def setup_subnet():
    before = ctx.get("networks_before") or networks()
    try:
        extrinsic(owner, "SubtensorModule", "register_network",
                  {"hotkey": owner.hotkey.ss58_address})
    except RuntimeError as e:
        # A second day on one chain: the network rate limit refuses Bob another subnet
        # so soon; carry on with the newest one he owns.
        mine = [n for n in networks() if q("SubnetOwner", [n]) == owner.coldkeypub.ss58_address]
        if "RateLimit" not in str(e) or not mine:
            raise
        ctx["netuid"] = mine[-1]
        return f"rate-limited ({e}); reusing Bob's subnet {mine[-1]}"
    new = sorted(set(networks()) - set(before))
    if len(new) != 1:
        raise RuntimeError(f"NetworksAdded gained {new}")
    ctx["netuid"] = new[0]
    return f"netuid {new[0]}"


def step_subnet_params():
    """Root settings the rest of the day relies on: small tempo, no rate limit, no
    commit-reveal. Sent as Sudo.sudo(AdminUtils.*) by Alice, checked in storage."""
    (netuid,) = need("netuid")
    done = []
    for fn, params, item, want in [
        ("sudo_set_tempo", {"netuid": netuid, "tempo": SMALL_TEMPO}, "Tempo", SMALL_TEMPO),
        ("sudo_set_weights_set_rate_limit", {"netuid": netuid, "weights_set_rate_limit": 0},
         "WeightsSetRateLimit", 0),
        ("sudo_set_commit_reveal_weights_enabled", {"netuid": netuid, "enabled": False},
         "CommitRevealWeightsEnabled", False),
    ]:
        sudo(fn, params)
        got = q(item, [netuid])
        if got != want:
            raise Fail(f"after Sudo.sudo(AdminUtils.{fn}) {item}[{netuid}] = {got!r}, "
                       f"expected {want!r} (Sudo.Sudid may carry the inner error)")
        done.append(f"{item}={got}")
    return ", ".join(done)


def step_start_call():
    (netuid,) = need("netuid")
    if q("FirstEmissionBlockNumber", [netuid]) is not None:
        return "FirstEmissionBlockNumber already set"
    r = sub.start_call(wallet=owner, netuid=netuid, mev_protection=False, raise_error=True,
                       wait_for_inclusion=True, wait_for_finalization=True)
    ok(r, "start_call")
    first = q("FirstEmissionBlockNumber", [netuid])
    if first is None:
        raise Fail(f"FirstEmissionBlockNumber[{netuid}] still None after start_call")
    return f"FirstEmissionBlockNumber[{netuid}] = {first}"


def register_one(wallet, label):
    (netuid,) = need("netuid")
    hk = wallet.hotkey.ss58_address
    n0 = q("SubnetworkN", [netuid])
    bal0 = free(wallet.coldkeypub.ss58_address)
    burn = q("Burn", [netuid])
    r = sub.burned_register(wallet=wallet, netuid=netuid, mev_protection=False,
                            raise_error=True)
    ok(r, "burned_register")
    uid = q("Uids", [netuid, hk])
    if uid is None:
        raise Fail(f"Uids[{netuid}, {label}] is None after burned_register")
    key = q("Keys", [netuid, uid])
    if key != hk:
        raise Fail(f"Keys[{netuid}, {uid}] = {key}, expected {hk}")
    n1 = q("SubnetworkN", [netuid])
    if n1 != n0 + 1:
        raise Fail(f"SubnetworkN {n0} -> {n1}")
    spent = bal0 - free(wallet.coldkeypub.ss58_address)
    if not (burn <= spent <= burn + RAO):
        raise Fail(f"coldkey paid {spent} rao, Burn was {burn}")
    owner_ck = q("Owner", [hk])
    if owner_ck != wallet.coldkeypub.ss58_address:
        raise Fail(f"Owner[{label}] = {owner_ck}")
    ctx[f"uid_{label}"] = uid
    return f"{label} uid {uid}, SubnetworkN {n1}, burn {spent} rao"


def setup_register(wallet, label):
    (netuid,) = need("netuid")
    extrinsic(wallet, "SubtensorModule", "burned_register",
              {"netuid": netuid, "hotkey": wallet.hotkey.ss58_address})
    uid = q("Uids", [netuid, wallet.hotkey.ss58_address])
    if uid is None:
        raise RuntimeError("Uids still None")
    ctx[f"uid_{label}"] = uid
    return f"{label} uid {uid}"


def setup_weights():
    def send():
        return extrinsic(validator, "SubtensorModule", "set_weights",
                         {"netuid": ctx["netuid"], "dests": [ctx["uid_miner"]],
                          "weights": [65535], "version_key": 0}, sign_with="hotkey")
    try:
        return send()
    except RuntimeError as e:
        if NO_FEE_FUNDS not in str(e):
            raise
        fund_hotkey(validator)
        return f"{send()} after funding the hotkey (it was refused without balance)"


HYPER_STORAGE = {  # SDK SubnetHyperparameters field -> SubtensorModule storage (per netuid)
    "rho": "Rho", "kappa": "Kappa", "immunity_period": "ImmunityPeriod",
    "min_allowed_weights": "MinAllowedWeights", "max_weight_limit": "MaxWeightsLimit",
    "tempo": "Tempo", "min_difficulty": "MinDifficulty", "max_difficulty": "MaxDifficulty",
    "weights_version": "WeightsVersionKey", "weights_rate_limit": "WeightsSetRateLimit",
    "adjustment_interval": "AdjustmentInterval", "registration_allowed":
    "NetworkRegistrationAllowed", "target_regs_per_interval": "TargetRegistrationsPerInterval",
    "min_burn": "MinBurn", "max_burn": "MaxBurn", "bonds_moving_avg": "BondsMovingAverage",
    "max_regs_per_block": "MaxRegistrationsPerBlock", "serving_rate_limit": "ServingRateLimit",
    "max_validators": "MaxAllowedValidators", "adjustment_alpha": "AdjustmentAlpha",
    "difficulty": "Difficulty", "commit_reveal_period": "RevealPeriodEpochs",
    "commit_reveal_weights_enabled": "CommitRevealWeightsEnabled",
    "liquid_alpha_enabled": "LiquidAlphaOn", "yuma_version": None,
    "transfers_enabled": "TransferToggle", "bonds_reset_enabled": "BondsResetOn",
    "activity_cutoff_factor": "ActivityCutoffFactorMilli",
}


def storage_names():
    pallet = sub.substrate.metadata.get_metadata_pallet("SubtensorModule")
    return {s.name for s in pallet.storage}


def step_hyperparameters():
    (netuid,) = need("netuid")
    hp = sub.get_subnet_hyperparameters(netuid=netuid)
    if hp is None:
        raise Fail("get_subnet_hyperparameters returned None (no SubnetInfoRuntimeApi."
                   "get_subnet_hyperparams_v3/_v2/get_subnet_hyperparams)")
    have = storage_names()
    checked, missing, wrong = [], [], []
    for field, item in HYPER_STORAGE.items():
        value = hp.get(field)
        if item is None or value is None:
            continue
        if item not in have:
            missing.append(item)
            continue
        stored = q(item, [netuid])
        if field == "max_weight_limit" and isinstance(value, float):
            stored_cmp = stored / 65535 if stored > 1 else stored
            same = abs(stored_cmp - value) < 1e-4 or stored == value
        elif isinstance(value, bool) or isinstance(stored, bool):
            same = bool(value) == bool(stored)
        else:
            same = int(value) == int(stored)
        (checked if same else wrong).append(f"{field}={value}" if same else
                                            f"{field}={value} but {item}={stored}")
    if wrong:
        raise Fail("differs from storage: " + "; ".join(wrong))
    if hp.get("tempo") != SMALL_TEMPO and ctx.get("tempo_set"):
        raise Fail(f"tempo {hp.get('tempo')} != {SMALL_TEMPO} set by sudo")
    if len(checked) < 5:
        raise Fail(f"only {len(checked)} fields could be compared ({checked}); "
                   f"fields returned: {sorted(hp.keys())}; storage missing: {missing}")
    note = f"; no storage for {', '.join(missing)}" if missing else ""
    return f"{len(checked)} fields equal storage{note}"


def subnet_hotkeys(netuid):
    n = q("SubnetworkN", [netuid])
    return [q("Keys", [netuid, uid]) for uid in range(n)]


def step_neurons_lite():
    (netuid,) = need("netuid")
    neurons = sub.neurons_lite(netuid=netuid)
    hotkeys = subnet_hotkeys(netuid)
    got = [nr.hotkey for nr in sorted(neurons, key=lambda nr: nr.uid)]
    if got != hotkeys:
        raise Fail(f"neurons_lite hotkeys by uid {got} != Keys {hotkeys}")
    for nr in neurons:
        ck = q("Owner", [nr.hotkey])
        if nr.coldkey != ck:
            raise Fail(f"uid {nr.uid} coldkey {nr.coldkey} != Owner {ck}")
    return f"{len(neurons)} neurons, hotkeys and coldkeys equal Keys/Owner"


def check_metagraph(lite):
    (netuid,) = need("netuid")
    mg = sub.metagraph(netuid=netuid, lite=lite)
    hotkeys = subnet_hotkeys(netuid)
    n = int(mg.n)
    if n != len(hotkeys):
        raise Fail(f"metagraph.n = {n}, SubnetworkN = {len(hotkeys)}")
    if list(mg.hotkeys) != hotkeys:
        raise Fail(f"metagraph.hotkeys {list(mg.hotkeys)} != Keys {hotkeys}")
    if not lite:
        shape = tuple(mg.weights.shape)
        if shape != (n, n):
            raise Fail(f"full metagraph weights shape {shape}, expected ({n}, {n})")
        for uid in range(n):
            row = dict(q("Weights", [netuid, uid]))
            for dest in range(n):
                stored = row.get(dest, 0)
                if (stored > 0) != (float(mg.weights[uid][dest]) > 0):
                    raise Fail(f"weights[{uid}][{dest}] = {mg.weights[uid][dest]}, "
                               f"Weights[{netuid},{uid}] has {row}")
    return mg, n


def step_metagraph_lite():
    mg, n = check_metagraph(True)
    return f"n={n}, hotkeys equal Keys, block {int(mg.block)}"


def step_metagraph_full():
    mg, n = check_metagraph(False)
    return f"n={n}, hotkeys equal Keys, weights {tuple(mg.weights.shape)} match Weights"


def step_neuron_for_pubkey():
    netuid, uid = need("netuid", "uid_validator")
    nr = sub.get_neuron_for_pubkey_and_subnet(hotkey_ss58=validator.hotkey.ss58_address,
                                              netuid=netuid)
    if nr is None or nr.is_null:
        raise Fail("get_neuron_for_pubkey_and_subnet returned a null neuron")
    if (nr.uid, nr.netuid, nr.hotkey, nr.coldkey) != (
            uid, netuid, validator.hotkey.ss58_address, validator.coldkeypub.ss58_address):
        raise Fail(f"neuron uid={nr.uid} netuid={nr.netuid} hotkey={nr.hotkey} "
                   f"coldkey={nr.coldkey}, storage uid={uid}")
    return f"uid {nr.uid}, hotkey and coldkey equal Uids/Owner"


STAKE_TAO = 100


def alpha(hotkey, coldkey, netuid):
    """Stake of coldkey on hotkey in netuid, in rao, from SubtensorModule.Alpha."""
    return int(q("Alpha", [hotkey, coldkey, netuid]) or 0)


def step_add_stake():
    (netuid,) = need("netuid")
    hk, ck = validator.hotkey.ss58_address, validator.coldkeypub.ss58_address
    a0, bal0 = alpha(hk, ck, netuid), free(ck)
    r = sub.add_stake(wallet=validator, netuid=netuid, hotkey_ss58=hk,
                      amount=bt.Balance.from_tao(STAKE_TAO), mev_protection=False,
                      raise_error=True)
    ok(r, "add_stake")
    a1, bal1 = alpha(hk, ck, netuid), free(ck)
    if a1 - a0 != STAKE_TAO * RAO:
        raise Fail(f"Alpha[{hk[:8]}, {ck[:8]}, {netuid}] {a0} -> {a1}, expected +{STAKE_TAO} TAO")
    if not (STAKE_TAO * RAO <= bal0 - bal1 <= STAKE_TAO * RAO + RAO):
        raise Fail(f"coldkey free balance fell by {bal0 - bal1} rao")
    ctx["staked"] = True
    return f"Alpha +{a1 - a0} rao, free balance -{bal0 - bal1} rao"


def step_stake_info():
    (netuid,) = need("netuid")
    ck, hk = validator.coldkeypub.ss58_address, validator.hotkey.ss58_address
    block = sub.get_current_block()
    infos = sub.get_stake_info_for_coldkey(coldkey_ss58=ck, block=block)
    stored = int(q("Alpha", [hk, ck, netuid], block_hash=sub.substrate.get_block_hash(block))
                 or 0)
    mine = [s for s in infos if s.hotkey_ss58 == hk and int(s.netuid) == netuid]
    if not mine:
        raise Fail(f"no StakeInfo for ({hk}, netuid {netuid}) among {len(infos)} entries")
    if mine[0].stake.rao != stored or stored == 0:
        raise Fail(f"StakeInfo stake {mine[0].stake.rao} rao, Alpha storage {stored}")
    return f"stake {mine[0].stake} equals Alpha storage"


def step_set_weights():
    return hotkey_signed(validator, set_weights_once)


def set_weights_once():
    netuid, vuid, muid = need("netuid", "uid_validator", "uid_miner")
    r = sub.set_weights(wallet=validator, netuid=netuid, uids=[muid], weights=[1.0],
                        mev_protection=False, raise_error=True, wait_for_inclusion=True,
                        wait_for_finalization=True)
    ok(r, "set_weights")
    row = q("Weights", [netuid, vuid])
    if dict(row).get(muid, 0) != 65535:
        raise Fail(f"Weights[{netuid}, {vuid}] = {row}, expected [({muid}, 65535)]")
    ctx["weights_set"] = True
    return f"Weights[{netuid}, {vuid}] = {row}"


def step_epoch():
    netuid, vuid, muid = need("netuid", "uid_validator", "uid_miner")
    tempo = q("Tempo", [netuid])
    # Two epochs: the first hands out validator permits by stake, the second scores the
    # weights set under them.
    wait_blocks(2 * (tempo + 1) + 2, timeout=(2 * tempo + 10) * 4)
    inc, div = q("Incentive", [netuid]), q("Dividends", [netuid])
    if not (len(inc) > muid and len(div) > vuid and inc[muid] > 0 and div[vuid] > 0):
        raise Fail(f"storage after {2 * tempo + 4} blocks: Incentive {inc}, Dividends {div}")
    try:
        mg = sub.metagraph(netuid=netuid, lite=True)
    except Exception as e:  # noqa: BLE001 - the chain did its part; say so with the error
        raise Fail(f"storage has Incentive {inc}, Dividends {div}, but metagraph(): "
                   f"{type(e).__name__}: {str(e)[:300]} [at {where(e)}]") from None
    mi, vd = float(mg.I[muid]), float(mg.D[vuid])
    if not (mi > 0 and vd > 0):
        raise Fail(f"storage has Incentive {inc}, Dividends {div} but metagraph "
                   f"I[{muid}]={mi}, D[{vuid}]={vd}")
    return f"miner I={mi:.4f}, validator D={vd:.4f} (storage {inc[muid]}, {div[vuid]})"


def step_serve_axon():
    return hotkey_signed(miner, serve_axon_once)


def serve_axon_once():
    (netuid,) = need("netuid")
    axon = bt.Axon(wallet=miner, ip=TEST_IP, port=TEST_PORT, external_ip=TEST_IP,
                   external_port=TEST_PORT)
    r = sub.serve_axon(netuid=netuid, axon=axon, mev_protection=False, raise_error=True)
    ok(r, "serve_axon")
    stored = q("Axons", [netuid, miner.hotkey.ss58_address])
    want_ip = int.from_bytes(bytes(int(p) for p in TEST_IP.split(".")), "big")
    if not stored or int(stored["ip"]) != want_ip or int(stored["port"]) != TEST_PORT:
        raise Fail(f"Axons[{netuid}, miner] = {stored}")
    muid = ctx.get("uid_miner")
    mg = sub.metagraph(netuid=netuid, lite=True)
    if muid is None or mg.axons[muid].ip != TEST_IP or mg.axons[muid].port != TEST_PORT:
        got = mg.axons[muid] if muid is not None and muid < len(mg.axons) else None
        raise Fail(f"Axons storage ok ({stored}) but metagraph axon of uid {muid} is {got}")
    return f"Axons ip={stored['ip']} port={stored['port']}; metagraph axon {TEST_IP}:{TEST_PORT}"


def step_commitment():
    return hotkey_signed(miner, commitment_once)


def commitment_once():
    netuid, muid = need("netuid", "uid_miner")
    r = sub.set_commitment(wallet=miner, netuid=netuid, data=COMMITMENT,
                           mev_protection=False, raise_error=True)
    ok(r, "set_commitment")
    stored = q("CommitmentOf", [netuid, miner.hotkey.ss58_address], module="Commitments")
    if not stored or COMMITMENT.encode().hex() not in str(stored) and COMMITMENT not in str(
            stored):
        raise Fail(f"Commitments.CommitmentOf[{netuid}, miner] = {stored}")
    got = sub.get_commitment(netuid=netuid, uid=muid)
    if got != COMMITMENT:
        raise Fail(f"get_commitment = {got!r}, expected {COMMITMENT!r}")
    return f"CommitmentOf stored, get_commitment = {got!r}"


DELEGATE_TAKE = 0.15


def step_delegates():
    """set_delegate_take on the validator's hotkey (its owner's decrease_take from the
    default 18 %), then get_delegates, both checked against SubtensorModule.Delegates."""
    (netuid,) = need("netuid")
    hk, ck = validator.hotkey.ss58_address, validator.coldkeypub.ss58_address
    r = sub.set_delegate_take(wallet=validator, hotkey_ss58=hk, take=DELEGATE_TAKE,
                              raise_error=True, wait_for_inclusion=True,
                              wait_for_finalization=True)
    ok(r, "set_delegate_take")
    want_take = int(DELEGATE_TAKE * 0xFFFF)
    if q("Delegates", [hk]) != want_take:
        raise Fail(f"Delegates[validator] = {q('Delegates', [hk])}, expected {want_take}")
    # One block for both sides: the validator's stake grows with its dividends every tempo.
    block = sub.get_current_block()
    at = sub.substrate.get_block_hash(block)
    delegates = sub.get_delegates(block=block)
    stored = {getattr(k, "value", k) for k, _ in sub.substrate.query_map(
        "SubtensorModule", "Delegates", [], block_hash=at)}
    got = {d.hotkey_ss58: d for d in delegates}
    if set(got) != stored:
        raise Fail(f"get_delegates hotkeys {sorted(got)} != Delegates keys {sorted(stored)}")
    mine = got[hk]
    if abs(mine.take - want_take / 0xFFFF) > 1e-6 or mine.owner_ss58 != ck:
        raise Fail(f"validator delegate take {mine.take}, owner {mine.owner_ss58}")
    staked = int(q("Alpha", [hk, ck, netuid], block_hash=at) or 0)
    listed = mine.nominators.get(ck, {}).get(netuid)
    if staked and (listed is None or listed.rao != staked):
        raise Fail(f"nominator {ck[:8]} on netuid {netuid}: get_delegates says {listed}, "
                   f"Alpha storage {staked}")
    return (f"Delegates[validator] = {want_take}; {len(got)} delegates equal storage, "
            f"take {mine.take:.4f}, nominator stake equals Alpha")


def step_all_subnets():
    subnets = sub.all_subnets()
    if subnets is None:
        raise Fail("all_subnets returned None")
    got = sorted(int(s.netuid) for s in subnets)
    # Root (netuid 0) first, as on subtensor: taonet reports it empty.
    want = [0] + networks()
    if got != want:
        raise Fail(f"all_subnets netuids {got} != root and NetworksAdded {want}")
    root = next(s for s in subnets if int(s.netuid) == 0)
    if root.tao_in.rao != 0:
        raise Fail(f"the root entry holds {root.tao_in} TAO; taonet has no root stake")
    return f"netuids {got}"


def step_subnet():
    (netuid,) = need("netuid")
    info = sub.subnet(netuid=netuid)
    if info is None:
        raise Fail(f"subnet({netuid}) returned None")
    checks = {
        "netuid": (int(info.netuid), netuid),
        "owner_coldkey": (info.owner_coldkey, q("SubnetOwner", [netuid])),
        "tempo": (int(info.tempo), q("Tempo", [netuid])),
    }
    if "SubnetTAO" in storage_names():
        checks["tao_in"] = (info.tao_in.rao, int(q("SubnetTAO", [netuid])))
    bad = {k: v for k, v in checks.items() if v[0] != v[1]}
    if bad:
        raise Fail("subnet() vs storage: " + "; ".join(f"{k}: {a} != {b}"
                                                        for k, (a, b) in bad.items()))
    return ", ".join(f"{k}={a}" for k, (a, _) in checks.items())


def step_transfer():
    dest = ferdie.coldkeypub.ss58_address
    src = eve.coldkeypub.ss58_address
    d0, s0 = free(dest), free(src)
    r = sub.transfer(wallet=eve, destination_ss58=dest, amount=bt.Balance.from_tao(3),
                     mev_protection=False, raise_error=True, wait_for_inclusion=True,
                     wait_for_finalization=True)
    ok(r, "transfer")
    d1, s1 = free(dest), free(src)
    if d1 - d0 != 3 * RAO:
        raise Fail(f"receiver {d0} -> {d1}, expected +3 TAO")
    if not (3 * RAO <= s0 - s1 <= 3 * RAO + RAO):
        raise Fail(f"sender fell by {s0 - s1} rao")
    return f"receiver +{d1 - d0} rao, sender -{s0 - s1} rao (fee {s0 - s1 - 3 * RAO})"


def make_wallet(root, name, cold_uri, hot_uri):
    w = bt.Wallet(name=name, hotkey="default", path=root)
    w.create_coldkey_from_uri(cold_uri, use_password=False, overwrite=True, suppress=True)
    w.create_hotkey_from_uri(hot_uri, use_password=False, overwrite=True, suppress=True)
    return w


def main():
    global URL, alice, owner, validator, miner, eve, ferdie
    if len(sys.argv) != 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    URL = sys.argv[1]
    root = tempfile.mkdtemp(prefix="sdk-day-wallets-")
    alice = make_wallet(root, "alice", "//Alice", "//Alice//sdk-hot")
    owner = make_wallet(root, "bob", "//Bob", "//Bob//sdk-owner")
    validator = make_wallet(root, "dave", "//Dave", "//Dave//sdk-validator")
    miner = make_wallet(root, "eve", "//Eve", "//Eve//sdk-miner")
    eve = miner
    ferdie = make_wallet(root, "ferdie", "//Ferdie", "//Ferdie//sdk-hot")

    run("connect", step_connect)
    if not results[-1][1]:
        print("0 passed, 1 failed")
        return 1
    run("get_subnet_burn_cost", step_burn_cost)
    run("register_subnet", step_register_subnet)
    if ctx.get("netuid") is None:
        setup("subnet via SubtensorModule.register_network", setup_subnet)
    run("sudo AdminUtils: tempo, rate limit, commit-reveal", step_subnet_params)
    ctx["tempo_set"] = results[-1][1]
    run("start_call", step_start_call)
    if needs_start_call():
        setup("SubtensorModule.start_call", lambda: extrinsic(
            owner, "SubtensorModule", "start_call", {"netuid": ctx["netuid"]}))
    run("burned_register validator", lambda: register_one(validator, "validator"))
    if ctx.get("uid_validator") is None and ctx.get("netuid") is not None:
        setup("validator via SubtensorModule.burned_register",
              lambda: setup_register(validator, "validator"))
    run("burned_register miner", lambda: register_one(miner, "miner"))
    if ctx.get("uid_miner") is None and ctx.get("netuid") is not None:
        setup("miner via SubtensorModule.burned_register",
              lambda: setup_register(miner, "miner"))
    run("get_subnet_hyperparameters", step_hyperparameters)
    run("neurons_lite", step_neurons_lite)
    run("metagraph lite", step_metagraph_lite)
    run("get_neuron_for_pubkey_and_subnet", step_neuron_for_pubkey)
    run("add_stake", step_add_stake)
    if not ctx.get("staked") and ctx.get("netuid") is not None:
        setup("stake via SubtensorModule.add_stake", lambda: extrinsic(
            validator, "SubtensorModule", "add_stake",
            {"hotkey": validator.hotkey.ss58_address, "netuid": ctx["netuid"],
             "amount_staked": STAKE_TAO * RAO}))
    run("get_stake_info_for_coldkey", step_stake_info)
    # Validator permits are handed out by stake at an epoch, and weights on other uids need
    # one: wait a tempo after staking.
    if ctx.get("netuid") is not None:
        setup("one epoch for validator permits", lambda: (
            wait_blocks(q("Tempo", [ctx["netuid"]]) + 2), "waited")[1])
    run("set_weights", step_set_weights)
    if not ctx.get("weights_set") and None not in (ctx.get("netuid"), ctx.get("uid_miner")):
        setup("weights via SubtensorModule.set_weights", setup_weights)
    run("metagraph full (n x n weights)", step_metagraph_full)
    run("epoch: incentive and dividends in metagraph", step_epoch)
    run("serve_axon", step_serve_axon)
    run("set_commitment / get_commitment", step_commitment)
    run("set_delegate_take / get_delegates", step_delegates)
    run("all_subnets", step_all_subnets)
    run("subnet(netuid)", step_subnet)
    run("transfer", step_transfer)

    passed = sum(1 for _, p, _ in results if p)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed", flush=True)
    sub.close()
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
