#!/usr/bin/env node
// Acceptance checks of a taonet node's JSON-RPC with @polkadot/api 16.5.6.
//
// Usage: node acceptance.mjs [ws://127.0.0.1:9944]
//
// Runs the checks in order against a running dev chain (Alice endowed and sudo), printing
// `ok <name>` or `FAIL <name>: <reason>` for each (detail lines start with `#`), then
// `N passed, M failed`; exits 1 if any failed. A check whose prerequisite failed is reported
// as failed, never skipped. Every wait is bounded: ACCEPTANCE_WAIT_SECONDS (default 120) per
// wait for a transaction, an epoch or a submission reply.
//
// Same flow as ../py/acceptance.py, with fresh random accounts, so that both can run against
// one chain one after the other. See ../README.md.

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

const URL = process.argv[2] || 'ws://127.0.0.1:9944';
const WAIT_MS = 1000 * Number(process.env.ACCEPTANCE_WAIT_SECONDS || 120);
const VERBOSE = process.env.ACCEPTANCE_VERBOSE === '1';

const RAO_PER_TAO = 1_000_000_000n;
const SS58_FORMAT = 42;
const TRANSFER_AMOUNT = RAO_PER_TAO; // 1 TAO to a fresh account
const TEMPO = 10; // blocks per epoch of the test subnet (one epoch every TEMPO + 1 blocks)
const STAKE = 50n * RAO_PER_TAO; // staked on the validator hotkey
const COLDKEY_MARGIN = 100n * RAO_PER_TAO; // for the stake, two registration burns and fees
const HOTKEY_FUNDS = RAO_PER_TAO; // the validator hotkey signs set_weights (free; funded all the same)
const U16_MAX = 65_535;

class CheckFailed extends Error {}

function info (text) {
  console.log(`# ${text}`);
}

function tao (rao) {
  const r = BigInt(rao);
  return `${r / RAO_PER_TAO}.${(r % RAO_PER_TAO).toString().padStart(9, '0')} TAO`;
}

function expect (condition, message) {
  if (!condition) {
    throw new CheckFailed(message);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection with `message` after `ms`. */
function withTimeout (promise, ms, message) {
  let timer;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`timed out: ${message}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const big = (codec) => BigInt(codec.toString());

let api;
let keyring;
const STATE = {};
const ACCOUNTS = {};

/** The module error (pallet.Error) or other reason a DispatchError stands for. */
function describeDispatchError (error) {
  if (error.isModule) {
    try {
      const { docs, name, section } = api.registry.findMetaError(error.asModule);
      return `${section}.${name}${docs.length ? ` (${docs.join(' ')})` : ''}`;
    } catch {
      // fall through
    }
  }
  return error.toString();
}

const eventName = ({ event }) => `${event.section}.${event.method}`;

function findEvents (events, pallet, name) {
  return events.filter(({ event }) => event.section === pallet && event.method === name);
}

/**
 * Signs and submits `tx` with `signer`, waits until it is finalized and checks it
 * succeeded, and that signAndSend reported it in a block first (the dev chain's finality
 * trails its best block, as GRANDPA's does). Returns { blockHash, blockNumber, events }
 * (the extrinsic's events).
 */
function submitUntilFinalized (tx, signer, what, options = {}) {
  const finalized = new Promise((resolve, reject) => {
    let unsubscribe;
    let done = false;
    let inBlock = null;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      if (unsubscribe) unsubscribe();
      if (error) reject(error); else resolve(value);
    };
    tx.signAndSend(signer, options, (result) => {
      const { dispatchError, events, status } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        finish(new CheckFailed(`${what}: transaction status ${status.type}`));
      } else if (status.isInBlock) {
        inBlock = status.asInBlock.toHex();
      } else if (status.isFinalized) {
        if (inBlock !== status.asFinalized.toHex()) {
          finish(new CheckFailed(`${what}: finalized in ${status.asFinalized.toHex()} without isInBlock for it first (saw ${inBlock})`));
        } else {
          finish(null, { blockHash: status.asFinalized, dispatchError, events });
        }
      }
    }).then((unsub) => {
      unsubscribe = unsub;
      if (done) unsub();
    }).catch((error) => finish(new CheckFailed(`${what}: submission refused: ${error.message}`)));
  });
  return withTimeout(finalized, WAIT_MS, `${what}: not finalized within ${WAIT_MS / 1000} s`)
    .then(async ({ blockHash, dispatchError, events }) => {
      expect(!dispatchError, `${what}: dispatch failed: ${dispatchError && describeDispatchError(dispatchError)}`);
      expect(
        events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)),
        `${what}: no System.ExtrinsicSuccess among its events ${events.map(eventName)}`
      );
      const header = await api.rpc.chain.getHeader(blockHash);
      return { blockHash, blockNumber: header.number.toNumber(), events };
    });
}

/**
 * Submits the signed `tx` (watched, as signAndSend does) and expects a JSON-RPC error 1010
 * in reply. Returns the error.
 */
async function expectRejected (tx, what) {
  let status;
  const reply = new Promise((resolve, reject) => {
    tx.send((result) => {
      status = result.status;
      resolve(null);
    }).catch(reject);
  });
  let error;
  try {
    await withTimeout(reply, WAIT_MS, `${what}: no reply to author_submitAndWatchExtrinsic within ${WAIT_MS / 1000} s`);
  } catch (e) {
    if (e instanceof CheckFailed) throw e;
    error = e;
  }
  expect(error, `${what}: accepted (status ${status && status.type}), expected a JSON-RPC error 1010`);
  const code = error.code !== undefined ? error.code : Number(String(error.message).split(':')[0]);
  expect(code === 1010, `${what}: rejected with ${error.message}, expected JSON-RPC error code 1010`);
  return error;
}

/** (hash, number) of the best block. */
async function best () {
  const header = await api.rpc.chain.getHeader();
  return { hash: header.hash, number: header.number.toNumber() };
}

async function freeBalance (address, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  const account = await at.query.system.account(address);
  return big(account.data.free);
}

/** Transfers [address, rao] pairs from `sender`, in one Utility.batch_all when several. */
function fund (sender, transfers, what) {
  const calls = transfers.map(([dest, value]) => api.tx.balances.transferKeepAlive(dest, value));
  const tx = calls.length === 1 ? calls[0] : api.tx.utility.batchAll(calls);
  return submitUntilFinalized(tx, sender, what);
}

/** Sudo.sudo of `calls` (in a Utility.batch_all when several); checks Sudid is Ok. */
async function sudo (calls, signer, what) {
  const inner = calls.length === 1 ? calls[0] : api.tx.utility.batchAll(calls);
  const result = await submitUntilFinalized(api.tx.sudo.sudo(inner), signer, what);
  const sudid = result.events.find(({ event }) => api.events.sudo.Sudid.is(event));
  expect(sudid, `${what}: no Sudo.Sudid event`);
  const outcome = sudid.event.data[0];
  expect(!outcome.isErr, `${what}: the sudo call failed: ${outcome.isErr && describeDispatchError(outcome.asErr)}`);
  return result;
}

/**
 * SubtensorModule's lock cost at `block` (lib.rs + primitives registration.rs): the last
 * lock doubled, less its linear reduction since then, at least the minimum. It only falls as
 * blocks pass, so it bounds the cost at inclusion.
 */
async function networkLockCost (block) {
  const q = api.query.subtensorModule;
  const [last, minimum, lastBlock, interval] = (await Promise.all([
    q.networkLastLockCost(),
    q.networkMinLockCost(),
    q.networkLastLockBlock(),
    q.networkLockReductionInterval()
  ])).map(big);
  const multiplier = lastBlock === 0n ? 1n : 2n;
  const perBlock = interval === 0n ? 0n : last / interval;
  const elapsed = BigInt(block) > lastBlock ? BigInt(block) - lastBlock : 0n;
  let cost = last * multiplier - perBlock * elapsed;
  if (cost < 0n) cost = 0n;
  return cost > minimum ? cost : minimum;
}

/**
 * Polls the best block until subnet `netuid` ran an epoch in a block after `afterBlock`
 * (LastMechansimStepBlock > afterBlock). Bounded by two tempos and a few blocks, and by
 * WAIT seconds. Returns the block polled, { hash, number, at }.
 */
async function waitForEpoch (netuid, tempo, afterBlock, what) {
  const period = tempo + 1;
  // Epochs run in blocks b with (b + netuid + 1) % (tempo + 1) == 0.
  let due = afterBlock + 1;
  while ((due + netuid + 1) % period) due += 1;
  const limit = Math.max(afterBlock, (await best()).number) + 2 * period + 5;
  const started = Date.now();
  for (;;) {
    const { hash, number } = await best();
    const at = await api.at(hash);
    const last = (await at.query.subtensorModule.lastMechansimStepBlock(netuid)).toNumber();
    if (last > afterBlock) {
      return { at, hash, number };
    }
    if (number > limit) {
      throw new CheckFailed(`${what}: no epoch of subnet ${netuid} after block ${afterBlock}: at block ${number} LastMechansimStepBlock is ${last} (tempo ${tempo}, first due at block ${due})`);
    }
    if (Date.now() - started > WAIT_MS) {
      throw new CheckFailed(`${what}: no epoch of subnet ${netuid} after block ${afterBlock} within ${WAIT_MS / 1000} s: best block ${number}, LastMechansimStepBlock ${last} (tempo ${tempo}, first due at block ${due})`);
    }
    await sleep(500);
  }
}

const transferTx = () => api.tx.balances.transferKeepAlive(ACCOUNTS.receiver.address, TRANSFER_AMOUNT);

// -- checks ------------------------------------------------------------------------------

async function checkConnect () {
  const provider = new WsProvider(URL, 0, {}, WAIT_MS);
  const connecting = ApiPromise.create({ noInitWarn: !VERBOSE, provider, throwOnConnect: true });
  // No auto-reconnect: connect once, so that a node that is not there fails this check.
  provider.connect().catch(() => {});
  try {
    api = await withTimeout(connecting, WAIT_MS, `no connection to ${URL} within ${WAIT_MS / 1000} s`);
  } catch (error) {
    provider.disconnect().catch(() => {});
    throw error instanceof CheckFailed ? error : new CheckFailed(`cannot connect to ${URL}: ${error.message || error}`);
  }
  const methods = await api.rpc.rpc.methods();
  expect(methods.methods.length > 0, 'rpc_methods listed no methods');
  info(`connected to ${URL}; rpc_methods lists ${methods.methods.length} methods`);
}

async function checkChainProperties () {
  const [chain, name, version, props] = await Promise.all([
    api.rpc.system.chain(),
    api.rpc.system.name(),
    api.rpc.system.version(),
    api.rpc.system.properties()
  ]);
  expect(chain.toString().length > 0, 'system_chain returned an empty name');
  const ss58 = props.ss58Format.isSome ? props.ss58Format.unwrap().toNumber() : null;
  const decimals = props.tokenDecimals.isSome ? props.tokenDecimals.unwrap().map((d) => d.toNumber()) : [];
  const symbols = props.tokenSymbol.isSome ? props.tokenSymbol.unwrap().map((s) => s.toString()) : [];
  expect(ss58 === SS58_FORMAT, `ss58Format is ${ss58}, expected 42`);
  expect(decimals[0] === 9, `tokenDecimals is ${JSON.stringify(decimals)}, expected 9`);
  expect(symbols[0] === 'TAO', `tokenSymbol is ${JSON.stringify(symbols)}, expected "TAO"`);
  info(`chain '${chain}', node '${name}' '${version}', properties ${props.toString()}`);
}

async function checkMetadata () {
  expect(api.tx.subtensorModule && api.query.subtensorModule, 'no pallet SubtensorModule');
  const calls = [
    ['balances', 'transferKeepAlive'],
    ['subtensorModule', 'registerNetwork'],
    ['subtensorModule', 'burnedRegister'],
    ['subtensorModule', 'addStake'],
    ['subtensorModule', 'setWeights'],
    ['adminUtils', 'sudoSetTempo'],
    ['adminUtils', 'sudoSetWeightsSetRateLimit'],
    ['adminUtils', 'sudoSetCommitRevealWeightsEnabled'],
    ['sudo', 'sudo'],
    ['utility', 'batchAll']
  ];
  for (const [pallet, call] of calls) {
    expect(api.tx[pallet] && api.tx[pallet][call], `no call ${pallet}.${call}`);
  }
  for (const item of ['incentive', 'dividends', 'emission', 'lastMechansimStepBlock', 'validatorPermit', 'tempo', 'networkLastLockCost']) {
    expect(api.query.subtensorModule[item], `no storage SubtensorModule.${item}`);
  }
  info(`metadata V${api.runtimeMetadata.version}, spec ${api.runtimeVersion.specName} ${api.runtimeVersion.specVersion}, ${api.runtimeMetadata.asLatest.pallets.length} pallets, extrinsic v${api.extrinsicVersion}`);
}

async function checkAliceBalance () {
  const free = await freeBalance(ACCOUNTS.alice.address);
  expect(free > 0n, `Alice's free balance is ${free}`);
  info(`Alice ${ACCOUNTS.alice.address} holds ${tao(free)}`);
}

async function checkFeeEstimate () {
  const payment = await transferTx().paymentInfo(ACCOUNTS.alice);
  const fee = big(payment.partialFee);
  expect(fee > 0n, `partialFee is ${fee} in ${payment.toString()}`);
  expect(fee < TRANSFER_AMOUNT, `a transfer's fee of ${tao(fee)} is implausibly high`);
  info(`transferKeepAlive fee estimate ${fee} rao (${payment.class.toString()})`);
}

async function checkTransfer () {
  // Mortal (polkadot.js's default era).
  const { blockHash, blockNumber, events } = await submitUntilFinalized(transferTx(), ACCOUNTS.alice, 'transfer_keep_alive');
  const free = await freeBalance(ACCOUNTS.receiver.address, blockHash);
  expect(free === TRANSFER_AMOUNT, `receiver's free balance at the finalized block is ${free}, expected ${TRANSFER_AMOUNT}`);
  expect(findEvents(events, 'balances', 'Transfer').length, 'no Balances.Transfer event');
  info(`transfer finalized in block ${blockNumber} (${blockHash.toHex()}); events ${events.map(eventName)}`);
}

async function checkRejectBadSignature () {
  const alice = ACCOUNTS.alice;
  // A signer returning a genuine signature of Alice's, over other bytes than the signing
  // payload: BadProof.
  const signer = {
    signPayload: async () => ({
      id: 1,
      signature: u8aToHex(u8aConcat(new Uint8Array([1]), alice.sign(stringToU8a('taonet acceptance: not the signing payload'))))
    })
  };
  const tx = await transferTx().signAsync(alice.address, { signer });
  const error = await expectRejected(tx, 'bad signature');
  info(`bad signature rejected: ${error.message}`);
}

async function checkRejectUsedNonce () {
  const alice = ACCOUNTS.alice;
  const nonce = (await api.query.system.account(alice.address)).nonce.toNumber();
  expect(nonce > 0, `Alice's nonce is ${nonce}: no transaction of hers to reuse the nonce of`);
  const tx = await transferTx().signAsync(alice, { nonce: nonce - 1 });
  const error = await expectRejected(tx, `nonce ${nonce - 1} (already used)`);
  info(`used nonce rejected: ${error.message}`);
}

async function checkSubnetRegister () {
  const { alice, coldkey, ownerHotkey, validator } = ACCOUNTS;
  const lock = await networkLockCost((await best()).number);
  const needed = lock + COLDKEY_MARGIN;
  const aliceFree = await freeBalance(alice.address);
  expect(
    aliceFree > needed + HOTKEY_FUNDS + RAO_PER_TAO,
    `Alice holds ${tao(aliceFree)}, the subnet lock now costs ${tao(lock)} (it doubles with each subnet registered): run against a fresh dev chain`
  );
  await fund(alice, [[coldkey.address, needed], [validator.address, HOTKEY_FUNDS]], 'funding the coldkey and validator hotkey');
  const { blockNumber, events } = await submitUntilFinalized(
    api.tx.subtensorModule.registerNetwork(ownerHotkey.address), coldkey, 'register_network');
  const added = events.find(({ event }) => api.events.subtensorModule.NetworkAdded.is(event));
  expect(added, 'no SubtensorModule.NetworkAdded event');
  const netuid = added.event.data[0].toNumber();
  expect(netuid > 0, `NetworkAdded carries netuid ${netuid}`);
  const owner = (await api.query.subtensorModule.subnetOwner(netuid)).toString();
  expect(owner === coldkey.address, `SubnetOwner(${netuid}) is ${owner}`);
  // As on Bittensor, a subnet emits once its owner starts it.
  const started = await submitUntilFinalized(api.tx.subtensorModule.startCall(netuid), coldkey, 'start_call');
  expect(started.events.some(({ event }) => api.events.subtensorModule.FirstEmissionBlockNumberSet.is(event)),
    'start_call: no SubtensorModule.FirstEmissionBlockNumberSet event');
  const first = (await api.query.subtensorModule.firstEmissionBlockNumber(netuid)).unwrapOr(null);
  expect(first !== null, `FirstEmissionBlockNumber(${netuid}) is not set after start_call`);
  STATE.netuid = netuid;
  info(`subnet ${netuid} registered in block ${blockNumber} (lock ${tao(lock)}), emission from block ${first}`);
}

async function checkSubnetHyperparameters () {
  const { netuid } = STATE;
  const admin = api.tx.adminUtils;
  const { blockNumber } = await sudo([
    admin.sudoSetTempo(netuid, TEMPO),
    admin.sudoSetWeightsSetRateLimit(netuid, 0),
    admin.sudoSetCommitRevealWeightsEnabled(netuid, false)
  ], ACCOUNTS.alice, 'sudo hyperparameters');
  const q = api.query.subtensorModule;
  const [tempo, limit, commitReveal, allowed] = await Promise.all([
    q.tempo(netuid), q.weightsSetRateLimit(netuid), q.commitRevealWeightsEnabled(netuid), q.networkRegistrationAllowed(netuid)
  ]);
  expect(tempo.toNumber() === TEMPO, `Tempo(${netuid}) is ${tempo}, expected ${TEMPO}`);
  expect(limit.toNumber() === 0, `WeightsSetRateLimit(${netuid}) is ${limit}, expected 0`);
  expect(commitReveal.isFalse, `CommitRevealWeightsEnabled(${netuid}) is ${commitReveal}`);
  expect(allowed.isTrue, `NetworkRegistrationAllowed(${netuid}) is ${allowed}`);
  info(`subnet ${netuid}: tempo ${tempo}, weights rate limit 0, commit-reveal off (block ${blockNumber})`);
}

async function burnedRegister (netuid, hotkey, role) {
  const { events } = await submitUntilFinalized(
    api.tx.subtensorModule.burnedRegister(netuid, hotkey.address), ACCOUNTS.coldkey, `burned_register (${role})`);
  const registered = events.find(({ event }) => api.events.subtensorModule.NeuronRegistered.is(event));
  expect(registered, `burned_register (${role}): no SubtensorModule.NeuronRegistered event`);
  const [eventNetuid, uidCodec] = registered.event.data;
  expect(eventNetuid.toNumber() === netuid, `NeuronRegistered for subnet ${eventNetuid}`);
  const uid = uidCodec.toNumber();
  const stored = await api.query.subtensorModule.uids(netuid, hotkey.address);
  expect(stored.isSome && stored.unwrap().toNumber() === uid, `Uids(${netuid}, ${role}) is ${stored}, the event said ${uid}`);
  return uid;
}

async function checkNeuronsRegister () {
  STATE.validatorUid = await burnedRegister(STATE.netuid, ACCOUNTS.validator, 'validator');
  STATE.minerUid = await burnedRegister(STATE.netuid, ACCOUNTS.miner, 'miner');
  info(`validator uid ${STATE.validatorUid}, miner uid ${STATE.minerUid}`);
}

async function checkAddStake () {
  const { netuid } = STATE;
  const { validator } = ACCOUNTS;
  const { blockNumber, events } = await submitUntilFinalized(
    api.tx.subtensorModule.addStake(validator.address, netuid, STAKE), ACCOUNTS.coldkey, 'add_stake');
  expect(findEvents(events, 'subtensorModule', 'StakeAdded').length, 'no SubtensorModule.StakeAdded event');
  const stake = big(await api.query.subtensorModule.totalHotkeyAlpha(validator.address, netuid));
  expect(stake >= STAKE, `TotalHotkeyAlpha(validator, ${netuid}) is ${stake}, staked ${STAKE}`);
  STATE.stakeBlock = blockNumber;
  info(`${tao(STAKE)} staked on the validator in block ${blockNumber}`);
}

async function checkValidatorPermit () {
  const { netuid, validatorUid } = STATE;
  const { at, number } = await waitForEpoch(netuid, TEMPO, STATE.stakeBlock, 'validator permit');
  const permits = (await at.query.subtensorModule.validatorPermit(netuid)).map((p) => p.isTrue);
  expect(
    validatorUid < permits.length && permits[validatorUid],
    `after the epoch (block ${number}) ValidatorPermit(${netuid}) is ${JSON.stringify(permits)}: uid ${validatorUid} holds ${tao(STAKE)} but has no permit`
  );
  info(`epoch by block ${number}: ValidatorPermit ${JSON.stringify(permits)}`);
}

async function checkSetWeights () {
  const { minerUid, netuid, validatorUid } = STATE;
  const versionKey = await api.query.subtensorModule.weightsVersionKey(netuid);
  const { blockNumber, events } = await submitUntilFinalized(
    api.tx.subtensorModule.setWeights(netuid, [minerUid], [U16_MAX], versionKey), ACCOUNTS.validator, 'set_weights');
  expect(findEvents(events, 'subtensorModule', 'WeightsSet').length, 'no SubtensorModule.WeightsSet event');
  const row = (await api.query.subtensorModule.weights(netuid, validatorUid)).map(([d, w]) => [d.toNumber(), w.toNumber()]);
  expect(JSON.stringify(row) === JSON.stringify([[minerUid, U16_MAX]]), `Weights(${netuid}, ${validatorUid}) is ${JSON.stringify(row)}`);
  STATE.weightsBlock = blockNumber;
  info(`weights ${JSON.stringify(row)} set in block ${blockNumber}`);
}

async function checkEpochOutputs () {
  const { minerUid: m, netuid, validatorUid: v } = STATE;
  const { at, number } = await waitForEpoch(netuid, TEMPO, STATE.weightsBlock, 'epoch after set_weights');
  const q = at.query.subtensorModule;
  const incentive = (await q.incentive(netuid)).map((x) => x.toNumber());
  const dividends = (await q.dividends(netuid)).map((x) => x.toNumber());
  const emission = (await q.emission(netuid)).map(big);
  info(`epoch by block ${number}: Incentive ${JSON.stringify(incentive)}, Dividends ${JSON.stringify(dividends)}, Emission [${emission.join(', ')}]`);
  const problems = [];
  if (!(m < incentive.length && incentive[m] > 0)) problems.push(`Incentive of miner uid ${m} is not positive: ${JSON.stringify(incentive)}`);
  if (!(v < dividends.length && dividends[v] > 0)) problems.push(`Dividends of validator uid ${v} is not positive: ${JSON.stringify(dividends)}`);
  if (!(m < emission.length && emission[m] > 0n)) problems.push(`Emission of miner uid ${m} is not positive: [${emission.join(', ')}]`);
  if (!(v < emission.length && emission[v] > 0n)) problems.push(`Emission of validator uid ${v} is not positive: [${emission.join(', ')}]`);
  expect(problems.length === 0, problems.join('; '));
}

const CHECKS = [
  ['connect', checkConnect, []],
  ['chain-properties', checkChainProperties, ['connect']],
  ['metadata', checkMetadata, ['connect']],
  ['alice-balance', checkAliceBalance, ['metadata']],
  ['fee-estimate', checkFeeEstimate, ['metadata']],
  ['transfer-finalized', checkTransfer, ['alice-balance']],
  ['reject-bad-signature', checkRejectBadSignature, ['metadata']],
  ['reject-used-nonce', checkRejectUsedNonce, ['metadata']],
  ['subnet-register', checkSubnetRegister, ['alice-balance']],
  ['subnet-hyperparameters', checkSubnetHyperparameters, ['subnet-register']],
  ['neurons-register', checkNeuronsRegister, ['subnet-hyperparameters']],
  ['add-stake', checkAddStake, ['neurons-register']],
  ['validator-permit', checkValidatorPermit, ['add-stake']],
  ['set-weights', checkSetWeights, ['validator-permit']],
  ['epoch-outputs', checkEpochOutputs, ['set-weights']]
];

async function main () {
  await cryptoWaitReady();
  keyring = new Keyring({ ss58Format: SS58_FORMAT, type: 'sr25519' });
  const fresh = (label) => {
    const pair = keyring.addFromMnemonic(mnemonicGenerate(), { name: label });
    if (VERBOSE) info(`${label}: ${pair.address}`);
    return pair;
  };
  ACCOUNTS.alice = keyring.addFromUri('//Alice');
  ACCOUNTS.receiver = fresh('receiver');
  ACCOUNTS.coldkey = fresh('coldkey');
  ACCOUNTS.ownerHotkey = fresh('owner hotkey');
  ACCOUNTS.validator = fresh('validator hotkey');
  ACCOUNTS.miner = fresh('miner hotkey');

  info(`@polkadot/api acceptance against ${URL}`);
  const ok = new Set();
  let passed = 0;
  let failed = 0;
  const fail = (name, reason) => {
    failed += 1;
    console.log(`FAIL ${name}: ${String(reason).replace(/\s+/g, ' ')}`);
  };
  for (const [name, check, needs] of CHECKS) {
    const missing = needs.filter((n) => !ok.has(n));
    if (missing.length) {
      fail(name, `cannot run: ${missing.join(', ')} failed`);
      continue;
    }
    const budget = 3 * WAIT_MS;
    try {
      await withTimeout(check(), budget, `did not finish within ${budget / 1000} s`);
      passed += 1;
      ok.add(name);
      console.log(`ok ${name}`);
    } catch (error) {
      if (VERBOSE && !(error instanceof CheckFailed)) console.error(error);
      fail(name, error instanceof CheckFailed ? error.message : `${error.name}: ${error.message}`);
    }
  }
  if (api) {
    await withTimeout(api.disconnect(), 5000, 'disconnect').catch(() => {});
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
);
