#!/usr/bin/env python3
"""A day of btcli (bittensor-cli 9.23.2, unmodified) against a taonet dev node.

Usage: btcli_day.py ws://HOST:PORT [BTCLI]

Runs the `btcli` program (by default the one beside this interpreter, i.e. .venv/btcli/bin)
as a subprocess for each operation, with `--network ws://HOST:PORT`, `--no-prompt`,
`--json-output` and `--no-mev-protection` where the command takes them, wallets in a
temporary `--wallet-path`, and a temporary HOME so no configuration or cache of the user's is
read or written (DISK_CACHE=0 and NO_CACHE=1 too). Every btcli command line and its output
go to a transcript: $BTCLI_DAY_LOG, or btcli.log in that temporary directory. Each step's effect is then checked in
chain state read independently of btcli, with the raw storage queries of
async-substrate-interface (decoded by the node's metadata). A step passes only if btcli
exited 0, its JSON (where it prints one) says success, and the state shows the effect.

Every step prints `PASS name: ...` or `FAIL name: ...` with the reason (btcli's own error
line, or the mismatch); the day goes on after failures, making what later steps need with a
plain signed extrinsic when btcli could not (printed as `setup:`). The last line is
`N passed, M failed`; the exit status is 1 if any step failed.

Accounts: Charlie's coldkey owns the subnet, with hotkeys owner, validator and miner
(`//Charlie//cli-*`); Alice is sudo; Ferdie receives a transfer. sdk_day.py uses Bob, Dave
and Eve, so both days can run on one chain.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

from async_substrate_interface.sync_substrate import SubstrateInterface
from bittensor_wallet import Keypair, Wallet

RAO = 1_000_000_000
TIMEOUT = 240
results = []
ctx = {}


class Fail(Exception):
    """A step's check failed: the message says what was expected and what was seen."""


def run(name, fn):
    t0 = time.time()
    if os.environ.get("BT_DAY_TIMES"):  # step boundaries, for rpc_trace_names.py
        print(f"  [{name}] t={t0:.3f}", flush=True)
    try:
        detail = fn()
        results.append((name, True))
        print(f"PASS {name}: {detail or 'ok'} ({time.time() - t0:.1f}s)", flush=True)
    except Fail as e:
        results.append((name, False))
        print(f"FAIL {name}: {e} ({time.time() - t0:.1f}s)", flush=True)
    except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the day
        results.append((name, False))
        print(f"FAIL {name}: harness error {type(e).__name__}: {str(e)[:400]} "
              f"({time.time() - t0:.1f}s)", flush=True)


def setup(what, fn):
    try:
        print(f"  setup: {what}: {fn()}", flush=True)
    except Exception as e:  # noqa: BLE001
        print(f"  setup: {what} FAILED: {type(e).__name__}: {str(e)[:300]}", flush=True)


def need(*keys):
    missing = [k for k in keys if ctx.get(k) is None]
    if missing:
        raise Fail(f"cannot run: no {', '.join(missing)} from earlier steps")
    return [ctx[k] for k in keys]


# ----------------------------------------------------------------------------------------
# Running btcli.

def last_json(text):
    """The last top-level JSON object or array printed in `text`, or None."""
    dec = json.JSONDecoder()
    found, i = None, 0
    while i < len(text):
        if text[i] in "{[":
            try:
                obj, end = dec.raw_decode(text, i)
                found, i = obj, end
                continue
            except ValueError:
                pass
        i += 1
    return found


EXC_LINE = re.compile(r"^[\w.]*(Error|Exception|NotFound)\w*: ")


def error_line(out, err):
    """The most telling line of a failed btcli run: the exception its first traceback ends
    with, else btcli's own error text (boxes stripped)."""
    lines = [ln.strip().strip("│╭╰─").strip() for ln in (out + "\n" + err).splitlines()]
    lines = [ln for ln in lines if ln]
    if any(ln.startswith("Traceback") for ln in lines):
        start = next(i for i, ln in enumerate(lines) if ln.startswith("Traceback"))
        for ln in lines[start:]:
            if EXC_LINE.match(ln):
                return ln[:400]
    for key in ("Error", "error", "Failed", "not found", "No such option", "Invalid value"):
        hits = [ln for ln in lines if key in ln and not ln.startswith("Error ─")]
        if hits:
            return hits[-1][:400]
    return (lines[-1] if lines else "(no output)")[:400]


def btcli(*args, wallet=None, hotkey=None, expect_json=True, ok_key="success"):
    """Runs btcli with the day's network and wallet options; returns (json, stdout).

    Fails the step if btcli exits non-zero, prints no JSON when one is expected, or prints
    `"success": false`."""
    cmd = [BTCLI, *args, "--network", URL]
    if "--json-output" in args:
        # --json-output alone silences btcli's errors (and often exits 0); --verbose with
        # it keeps the JSON and prints the error and its traceback.
        cmd.append("--verbose")
    if wallet:
        cmd += ["--wallet-path", WALLETS, "--wallet-name", wallet]
    if hotkey:
        cmd += ["--hotkey", hotkey]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=ENV,
                       stdin=subprocess.DEVNULL)
    LOG.write(f"$ {' '.join(cmd[1:])}\n[rc {p.returncode}]\n{p.stdout}\n{p.stderr}\n")
    LOG.flush()
    doc = last_json(p.stdout) if expect_json else None
    if p.returncode != 0:
        raise Fail(f"btcli {args[0]} {args[1]} exited {p.returncode}: "
                   f"{error_line(p.stdout, p.stderr)}")
    if expect_json and doc is None:
        raise Fail(f"btcli {args[0]} {args[1]} printed no JSON (exit {p.returncode}): "
                   f"{error_line(p.stdout, p.stderr)}")
    if ok_key and isinstance(doc, dict) and doc.get(ok_key) is False:
        msg = doc.get("err_msg") or doc.get("msg") or doc.get("message") or doc.get("error")
        raise Fail(f"btcli {args[0]} {args[1]} reported failure: {msg or doc}")
    if isinstance(doc, dict) and doc.get("error"):
        raise Fail(f"btcli {args[0]} {args[1]} reported error: {doc['error']}")
    return doc, p.stdout


def btcli_effect(args, effect, **kw):
    """btcli(*args, **kw), but when it fails, also says whether the chain shows the effect
    anyway (`effect()` returns a description of it, or None): a tool that crashes after its
    extrinsic went through is a different fault from one that never sent it."""
    try:
        return btcli(*args, **kw)
    except Fail as e:
        try:
            seen = effect()
        except Exception:  # noqa: BLE001 - the note is best effort
            seen = None
        if seen:
            raise Fail(f"{e} [on chain it happened anyway: {seen}]") from None
        raise


# ----------------------------------------------------------------------------------------
# Independent chain-state reads.

def q(item, params=None, module="SubtensorModule"):
    v = chain.query(module, item, params or [])
    return getattr(v, "value", v)


def qmap(item, params=None, module="SubtensorModule"):
    return [(getattr(k, "value", k), getattr(v, "value", v))
            for k, v in chain.query_map(module, item, params or [])]


def as_text(v):
    """A decoded Vec<u8> (bytes, or a 0x-hex string) as text."""
    if isinstance(v, (bytes, bytearray)):
        return v.decode(errors="replace")
    if isinstance(v, str) and v.startswith("0x"):
        try:
            return bytes.fromhex(v[2:]).decode()
        except ValueError:
            return v
    return v


def free(ss58):
    return int(q("Account", [ss58], module="System")["data"]["free"])


def networks():
    return sorted(int(k) for k, added in qmap("NetworksAdded") if added)


def extrinsic(keypair, module, function, params, sudo=False):
    """A plain signed extrinsic (setup only); raises unless it succeeded."""
    call = chain.compose_call(module, function, params)
    if sudo:
        call = chain.compose_call("Sudo", "sudo", {"call": call})
    xt = chain.create_signed_extrinsic(call=call, keypair=keypair)
    r = chain.submit_extrinsic(xt, wait_for_inclusion=True, wait_for_finalization=True)
    if not r.is_success:
        raise RuntimeError(f"{module}.{function}: {r.error_message}")
    return f"{'Sudo.sudo(' if sudo else ''}{module}.{function}{')' if sudo else ''} ok"


def hk(name):
    return HOTKEYS[name].ss58_address


# ----------------------------------------------------------------------------------------
# The day.

def step_balance():
    doc, _ = btcli("wallet", "balance", "--json-output", wallet="charlie", ok_key=None)
    entry = doc["balances"]["charlie"]
    stored = free(CHARLIE.ss58_address)
    if entry["coldkey"] != CHARLIE.ss58_address:
        raise Fail(f"coldkey {entry['coldkey']}")
    if abs(round(entry["free"] * RAO) - stored) > 2:  # btcli prints TAO as a float
        raise Fail(f"btcli free {entry['free']} TAO, System.Account free {stored} rao")
    return f"free {entry['free']} TAO equals System.Account"


def step_subnets_list_before():
    doc, _ = btcli("subnets", "list", "--json-output", ok_key=None)
    listed = sorted(int(k) for k in (doc.get("subnets") or {}).keys())
    want = networks()
    ctx["networks_before"] = want
    # Root (netuid 0) first, as on subtensor; taonet reports it empty.
    if listed != [0] + want:
        raise Fail(f"btcli lists netuids {listed}, expected root and NetworksAdded {want}")
    return f"netuids {listed}: root and NetworksAdded"


def step_create():
    before = ctx.get("networks_before") or networks()
    bal0 = free(CHARLIE.ss58_address)
    # Every identity field on the command line: btcli prompts for any that is missing,
    # even with --no-prompt. With an identity it sends register_network_with_identity.
    def created():
        new = sorted(set(networks()) - set(before))
        if len(new) == 1:
            ctx["netuid"] = new[0]
            return f"netuid {new[0]}"
        return None
    doc, _ = btcli_effect(("subnets", "create", "--no-prompt", "--json-output",
                           "--no-mev-protection", *IDENTITY_ARGS), created,
                          wallet="charlie", hotkey="owner")
    netuid = doc.get("netuid")
    new = sorted(set(networks()) - set(before))
    if new != [netuid]:
        raise Fail(f"btcli says netuid {netuid}, NetworksAdded gained {new}")
    if q("SubnetOwner", [netuid]) != CHARLIE.ss58_address:
        raise Fail(f"SubnetOwner[{netuid}] = {q('SubnetOwner', [netuid])}")
    ctx["netuid"] = netuid
    identity = q("SubnetIdentitiesV3", [netuid])
    if not identity or as_text(identity.get("subnet_name")) != "cli-day":
        raise Fail(f"subnet {netuid} registered, but SubnetIdentitiesV3[{netuid}] = {identity}")
    return (f"netuid {netuid}, SubnetOwner Charlie, identity stored, paid "
            f"{bal0 - free(CHARLIE.ss58_address)} rao")


IDENTITY_ARGS = ["--subnet-name", "cli-day", "--github-repo", "https://github.com/example/cli-day",
                 "--subnet-contact", "day@example.com", "--subnet-url", "https://example.com",
                 "--discord", "cliday", "--description", "btcli day", "--logo-url",
                 "https://example.com/logo.png", "--additional-info", "none"]


def setup_subnet():
    before = ctx.get("networks_before") or networks()
    out = extrinsic(CHARLIE, "SubtensorModule", "register_network", {"hotkey": hk("owner")})
    new = sorted(set(networks()) - set(before))
    ctx["netuid"] = new[0] if len(new) == 1 else None
    return f"{out}, netuid {ctx['netuid']}"


def step_register(name):
    (netuid,) = need("netuid")
    n0 = q("SubnetworkN", [netuid])

    def registered():
        uid = q("Uids", [netuid, hk(name)])
        if uid is not None:
            ctx[f"uid_{name}"] = uid
            return f"uid {uid}"
        return None
    btcli_effect(("subnets", "register", "--netuid", str(netuid), "--no-prompt",
                  "--json-output"), registered, wallet="charlie", hotkey=name)
    uid = q("Uids", [netuid, hk(name)])
    if uid is None or q("Keys", [netuid, uid]) != hk(name):
        raise Fail(f"Uids[{netuid}, {name}] = {uid} after btcli subnets register")
    if q("SubnetworkN", [netuid]) != n0 + 1:
        raise Fail(f"SubnetworkN {n0} -> {q('SubnetworkN', [netuid])}")
    ctx[f"uid_{name}"] = uid
    return f"{name} uid {uid}"


def setup_register(name):
    (netuid,) = need("netuid")
    out = extrinsic(CHARLIE, "SubtensorModule", "burned_register",
                    {"netuid": netuid, "hotkey": hk(name)})
    ctx[f"uid_{name}"] = q("Uids", [netuid, hk(name)])
    return f"{out}, uid {ctx[f'uid_{name}']}"


def step_hyperparameters():
    (netuid,) = need("netuid")
    doc, _ = btcli("subnets", "hyperparameters", "--netuid", str(netuid), "--json-output",
                   ok_key=None)
    rows = doc if isinstance(doc, list) else doc.get("hyperparameters", doc)
    values = {}
    for row in rows if isinstance(rows, list) else []:
        values[row.get("hyperparameter")] = row.get("value")
    if isinstance(rows, dict):
        values = rows
    checks = {"tempo": "Tempo", "immunity_period": "ImmunityPeriod",
              "min_allowed_weights": "MinAllowedWeights", "weights_rate_limit":
              "WeightsSetRateLimit", "max_validators": "MaxAllowedValidators"}
    wrong, seen = [], []
    for name, item in checks.items():
        if name not in values:
            wrong.append(f"{name} missing from btcli output")
            continue
        stored = q(item, [netuid])
        if int(values[name]) != int(stored):
            wrong.append(f"{name}={values[name]} but {item}={stored}")
        else:
            seen.append(f"{name}={stored}")
    if wrong:
        raise Fail("; ".join(wrong))
    return ", ".join(seen)


def step_show():
    (netuid,) = need("netuid")
    doc, _ = btcli("subnets", "show", "--netuid", str(netuid), "--json-output", "--no-prompt", ok_key=None)
    n = q("SubnetworkN", [netuid])
    want = {q("Keys", [netuid, uid]) for uid in range(n)}
    got = set()
    for row in doc.get("uids", []) if isinstance(doc, dict) else []:
        got.add(row.get("hotkey"))
    if got != want:
        raise Fail(f"btcli subnets show hotkeys {sorted(got)} != Keys {sorted(want)}")
    return f"{n} uids, hotkeys equal Keys"


def stake_of(name):
    return int(q("Alpha", [hk(name), CHARLIE.ss58_address, ctx["netuid"]]) or 0)


def step_stake_add(extra, amount):
    (netuid,) = need("netuid")
    a0 = stake_of("validator")

    def staked():
        if stake_of("validator") > a0:
            ctx["staked"] = True
            return f"Alpha +{stake_of('validator') - a0} rao"
        return None
    btcli_effect(("stake", "add", "--netuid", str(netuid), "--amount", str(amount),
                  "--include-hotkeys", hk("validator"), "--no-prompt", "--json-output",
                  "--no-mev-protection", *extra), staked, wallet="charlie", hotkey="validator")
    a1 = stake_of("validator")
    if a1 - a0 != amount * RAO:
        raise Fail(f"Alpha(validator, Charlie, {netuid}) {a0} -> {a1}, expected +{amount} TAO")
    ctx["staked"] = True
    return f"Alpha +{a1 - a0} rao"


def step_stake_list():
    need("netuid")
    doc, _ = btcli("stake", "list", "--no-prompt", "--json-output", wallet="charlie",
                   ok_key=None)
    stored = stake_of("validator")
    text = json.dumps(doc)
    if stored == 0:
        raise Fail("no stake in storage to list (stake add failed)")
    if hk("validator") not in text:
        raise Fail(f"the validator hotkey is not in btcli stake list: {text[:300]}")
    # Find the validator's stake on the subnet in the output, whatever the nesting.
    found = []

    def walk(o):
        if isinstance(o, dict):
            if o.get("netuid") == ctx["netuid"] and ("stake_value" in o or "value" in o
                                                      or "stake" in o):
                found.append(o)
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(doc)
    for entry in found:
        for key in ("stake_value", "stake", "value"):
            v = entry.get(key)
            if isinstance(v, (int, float)) and abs(v * RAO - stored) < RAO // 1000:
                return f"stake {v} on netuid {ctx['netuid']} equals Alpha storage"
    raise Fail(f"no entry of netuid {ctx['netuid']} with stake {stored / RAO} TAO in {text[:400]}")


def step_stake_remove(extra, amount):
    (netuid,) = need("netuid")
    a0, b0 = stake_of("validator"), free(CHARLIE.ss58_address)
    if a0 < amount * RAO:
        raise Fail(f"only {a0} rao staked to remove")
    def unstaked():
        if stake_of("validator") < a0:
            ctx["unstaked"] = True
            return f"Alpha -{a0 - stake_of('validator')} rao"
        return None
    btcli_effect(("stake", "remove", "--netuid", str(netuid), "--amount", str(amount),
                  "--include-hotkeys", hk("validator"), "--no-prompt", "--json-output",
                  "--no-mev-protection", *extra), unstaked, wallet="charlie",
                 hotkey="validator")
    a1, b1 = stake_of("validator"), free(CHARLIE.ss58_address)
    if a0 - a1 != amount * RAO:
        raise Fail(f"Alpha {a0} -> {a1}, expected -{amount} TAO")
    # Lower bound only: Charlie's free balance also grows with the owner's emission.
    if b1 - b0 < amount * RAO - RAO // 10:
        raise Fail(f"free balance rose by {b1 - b0} rao, expected {amount} TAO less fees")
    ctx["unstaked"] = True
    return f"Alpha -{a0 - a1} rao, free +{b1 - b0} rao"


def extrinsic_events(ext_id):
    """The events of extrinsic `BLOCK-INDEX` (btcli's extrinsic_identifier), as
    (pallet, event, attributes)."""
    block, index = (int(x) for x in str(ext_id).split("-"))
    events = chain.get_events(chain.get_block_hash(block))
    return [(e["module_id"], e["event_id"], e["attributes"]) for e in events
            if e.get("extrinsic_idx") == index]


def step_transfer():
    d0 = free(FERDIE)
    doc, _ = btcli("wallet", "transfer", "--destination", FERDIE, "--amount", "2",
                   "--no-prompt", "--json-output", wallet="charlie")
    d1 = free(FERDIE)
    if d1 - d0 != 2 * RAO:
        raise Fail(f"receiver +{d1 - d0} rao, expected 2 TAO")
    # Charlie's free balance also moves with the owner's emission in the same block, so
    # the debit is read from the extrinsic's own events.
    moved = [a for p, e, a in extrinsic_events(doc.get("extrinsic_identifier"))
             if (p, e) == ("Balances", "Transfer")]
    if [(a["from"], a["to"], int(a["amount"])) for a in moved] != [
            (CHARLIE.ss58_address, FERDIE, 2 * RAO)]:
        raise Fail(f"Balances.Transfer events of {doc.get('extrinsic_identifier')}: {moved}")
    return f"receiver +{d1 - d0} rao; Balances.Transfer Charlie -> Ferdie 2 TAO"


def step_sudo_set(who, param, value, item, want):
    (netuid,) = need("netuid")
    btcli_effect(("sudo", "set", "--netuid", str(netuid), "--param", param, "--value",
                  str(value), "--no-prompt", "--json-output"),
                 lambda: f"{item} = {want}" if q(item, [netuid]) == want else None, wallet=who)
    got = q(item, [netuid])
    if got != want:
        raise Fail(f"{item}[{netuid}] = {got!r} after btcli sudo set {param} {value}")
    return f"{item}[{netuid}] = {got}"


def main():
    global URL, BTCLI, WALLETS, ENV, LOG, chain, CHARLIE, HOTKEYS, FERDIE
    if len(sys.argv) not in (2, 3):
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    URL = sys.argv[1]
    BTCLI = sys.argv[2] if len(sys.argv) == 3 else os.path.join(
        os.path.dirname(sys.executable), "btcli")
    work = tempfile.mkdtemp(prefix="btcli-day-")
    WALLETS = os.path.join(work, "wallets")
    home = os.path.join(work, "home")
    os.makedirs(home)
    ENV = dict(os.environ, HOME=home, DISK_CACHE="0", NO_CACHE="1", COLUMNS="200",
               NO_COLOR="1", TERM="dumb")
    LOG = open(os.environ.get("BTCLI_DAY_LOG") or os.path.join(work, "btcli.log"), "w")
    print(f"btcli transcripts: {LOG.name}", flush=True)

    CHARLIE = Keypair.create_from_uri("//Charlie")
    FERDIE = Keypair.create_from_uri("//Ferdie").ss58_address
    alice = Keypair.create_from_uri("//Alice")
    HOTKEYS = {n: Keypair.create_from_uri(f"//Charlie//cli-{n}")
               for n in ("owner", "validator", "miner")}
    for name, uri, hotkeys in (("charlie", "//Charlie", HOTKEYS), ("alice", "//Alice", {})):
        w = Wallet(name=name, hotkey="default", path=WALLETS)
        w.create_coldkey_from_uri(uri, use_password=False, overwrite=True, suppress=True)
        w.create_hotkey_from_uri(f"{uri}//cli-default", use_password=False, overwrite=True,
                                 suppress=True)
        for hname in hotkeys:
            Wallet(name=name, hotkey=hname, path=WALLETS).create_hotkey_from_uri(
                f"{uri}//cli-{hname}", use_password=False, overwrite=True, suppress=True)

    chain = SubstrateInterface(URL, ss58_format=42, chain_name="Bittensor",
                               type_registry={"types": {"Balance": "u64"}})

    run("wallet balance", step_balance)
    run("subnets list", step_subnets_list_before)
    run("subnets create", step_create)
    if ctx.get("netuid") is None:
        setup("subnet via SubtensorModule.register_network", setup_subnet)
    if ctx.get("netuid") is not None:
        netuid = ctx["netuid"]
        setup("weights rate limit 0, commit-reveal off", lambda: [
            extrinsic(alice, "AdminUtils", "sudo_set_weights_set_rate_limit",
                      {"netuid": netuid, "weights_set_rate_limit": 0}, sudo=True),
            extrinsic(alice, "AdminUtils", "sudo_set_commit_reveal_weights_enabled",
                      {"netuid": netuid, "enabled": False}, sudo=True)])
        if chain.get_metadata_call_function("SubtensorModule", "start_call") is not None:
            setup("SubtensorModule.start_call", lambda: extrinsic(
                CHARLIE, "SubtensorModule", "start_call", {"netuid": netuid}))
    for name in ("validator", "miner"):
        run(f"subnets register {name}", lambda name=name: step_register(name))
        if ctx.get(f"uid_{name}") is None and ctx.get("netuid") is not None:
            setup(f"{name} via SubtensorModule.burned_register",
                  lambda name=name: setup_register(name))
    run("subnets hyperparameters", step_hyperparameters)
    # `btcli subnets metagraph` is an alias of `subnets show` in 9.23 (cli.py registers
    # subnets_show under both names).
    run("subnets show (= subnets metagraph)", step_show)
    run("stake add (safe, default)", lambda: step_stake_add([], 10))
    if not ctx.get("staked"):
        run("stake add --unsafe", lambda: step_stake_add(["--unsafe"], 10))
    if not ctx.get("staked") and ctx.get("netuid") is not None:
        setup("stake via SubtensorModule.add_stake", lambda: extrinsic(
            CHARLIE, "SubtensorModule", "add_stake",
            {"hotkey": hk("validator"), "netuid": ctx["netuid"], "amount_staked": 10 * RAO}))
    run("stake list", step_stake_list)
    run("stake remove (safe, default)", lambda: step_stake_remove([], 4))
    if not ctx.get("unstaked"):
        run("stake remove --unsafe", lambda: step_stake_remove(["--unsafe"], 4))
    run("wallet transfer", step_transfer)
    run("sudo set tempo (root via Alice)",
        lambda: step_sudo_set("alice", "tempo", 11, "Tempo", 11))
    run("sudo set weights_rate_limit (root-only, Alice)",
        lambda: step_sudo_set("alice", "weights_rate_limit", 3, "WeightsSetRateLimit", 3))
    run("sudo set immunity_period (owner Charlie)",
        lambda: step_sudo_set("charlie", "immunity_period", 777, "ImmunityPeriod", 777))

    passed = sum(1 for _, p in results if p)
    print(f"{passed} passed, {len(results) - passed} failed", flush=True)
    chain.close()
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
