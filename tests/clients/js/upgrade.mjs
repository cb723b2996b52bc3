#!/usr/bin/env node
// A runtime upgrade seen by a connected @polkadot/api 16.5.6 client, which must follow it
// without reconnecting.
//
// Usage: node upgrade.mjs ws://127.0.0.1:9944
//
// Connects, prints `watching spec <version>`, then waits (ACCEPTANCE_WAIT_SECONDS, default
// 120) until the runtime on chain moves one spec_version up (someone else submits the
// upgrade: ../py/upgrade.py). On the same connection it then checks that the api reports the
// new version, reads the new runtime's existential deposit (600 rao) from the new metadata,
// and sends a transfer signed for the new runtime, finalized. Exits 1 on any failure.

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

const URL = process.argv[2] || 'ws://127.0.0.1:9944';
const WAIT_MS = 1000 * Number(process.env.ACCEPTANCE_WAIT_SECONDS || 120);
const NEXT_EXISTENTIAL_DEPOSIT = 600n; // the runtime's upgrade-test blob's
const AMOUNT = 1_000_000_000n;

function fail (reason) {
  console.log(`FAIL ${reason}`);
  process.exit(1);
}

/// Resolves once `condition()` holds, polling every 200 ms; fails after WAIT_MS.
async function until (what, condition) {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main () {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(URL), noInitWarn: true });
  const before = api.runtimeVersion.specVersion.toNumber();
  let notified = null;
  await api.rpc.state.subscribeRuntimeVersion((version) => {
    notified = version.specVersion.toNumber();
  });
  console.log(`watching spec ${before}`);

  await until('state_subscribeRuntimeVersion to report the upgrade', () => notified === before + 1);
  await until('the api to load the new runtime', () => api.runtimeVersion.specVersion.toNumber() === before + 1);
  const ed = api.consts.balances.existentialDeposit.toBigInt();
  if (ed !== NEXT_EXISTENTIAL_DEPOSIT) fail(`existential deposit ${ed} after the upgrade, not ${NEXT_EXISTENTIAL_DEPOSIT}`);
  console.log(`ok the api follows spec ${before} -> ${before + 1} (existential deposit ${ed})`);

  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const receiver = keyring.addFromUri(mnemonicGenerate());
  const finalized = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no finalization')), WAIT_MS);
    api.tx.balances.transferKeepAlive(receiver.address, AMOUNT)
      .signAndSend(alice, ({ status, dispatchError }) => {
        if (dispatchError) {
          clearTimeout(timer);
          reject(new Error(`dispatch error ${dispatchError.toString()}`));
        } else if (status.isFinalized) {
          clearTimeout(timer);
          resolve(status.asFinalized.toHex());
        } else if (status.isInvalid || status.isDropped || status.isUsurped) {
          clearTimeout(timer);
          reject(new Error(`transfer ${status.type}`));
        }
      })
      .catch(reject);
  }).catch((error) => fail(`transfer after the upgrade: ${error.message}`));
  const free = (await api.query.system.account(receiver.address)).data.free.toBigInt();
  if (free !== AMOUNT) fail(`receiver holds ${free} rao, not ${AMOUNT}`);
  console.log(`ok a transfer signed for spec ${before + 1} finalized in ${finalized}`);
  await api.disconnect();
  process.exit(0);
}

main().catch((error) => fail(error.stack || String(error)));
