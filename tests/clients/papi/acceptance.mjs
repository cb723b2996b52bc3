#!/usr/bin/env node
// Acceptance checks of a taonet node's JSON-RPC with polkadot-api 2.2.2, the successor of
// @polkadot/api, without generated descriptors (its unsafe API reads the chain's metadata).
//
// Usage: node --experimental-websocket acceptance.mjs ws://127.0.0.1:9944
// (Node 20 needs the flag for the WebSocket that polkadot-api's provider uses.)
//
// polkadot-api reaches nodes without the new JSON-RPC spec through its compatibility layer,
// which tells runtimes apart by the hash of `:code`: it connects and reads the finalized
// block, reads `System.Account` of Alice, and watches a transfer to a fresh account until it
// is finalized, then reads the receiver's balance there. Prints `ok <name>` or
// `FAIL <name>: <reason>`, then `N passed, M failed`; exits 1 if any failed. Every wait is
// bounded by ACCEPTANCE_WAIT_SECONDS (default 120).

import { createClient } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from '@polkadot-labs/hdkd-helpers';

const URL = process.argv[2] || 'ws://127.0.0.1:9944';
const WAIT_MS = 1000 * Number(process.env.ACCEPTANCE_WAIT_SECONDS || 120);
const AMOUNT = 1_000_000_000n; // 1 TAO
const SS58_FORMAT = 42;

let passed = 0;
let failed = 0;

function within (promise, what) {
  let timer;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check (name, body) {
  try {
    const detail = await body();
    console.log(`ok ${name}${detail ? ` (${detail})` : ''}`);
    passed += 1;
    return true;
  } catch (error) {
    console.log(`FAIL ${name}: ${error.message}`);
    failed += 1;
    return false;
  }
}

async function main () {
  const client = createClient(getWsProvider(URL));
  const api = client.getUnsafeApi();
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  const alice = derive('//Alice');
  const aliceAddress = ss58Address(alice.publicKey, SS58_FORMAT);
  const signer = getPolkadotSigner(alice.publicKey, 'Sr25519', alice.sign);
  // A fresh account each run (a hard junction of at most 32 bytes).
  const receiver = derive(`//papi${Date.now() % 1e10}`);
  const receiverAddress = ss58Address(receiver.publicKey, SS58_FORMAT);

  const connected = await check('finalized-block', async () => {
    const block = await within(client.getFinalizedBlock(), 'the finalized block');
    return `#${block.number} ${block.hash}`;
  });
  const read = connected && await check('system-account', async () => {
    const account = await within(api.query.System.Account.getValue(aliceAddress), 'System.Account');
    if (!(account.data.free > 0n)) throw new Error(`Alice holds ${account.data.free}`);
    return `Alice holds ${account.data.free} rao, nonce ${account.nonce}`;
  });
  if (read) {
    await check('transfer-finalized', async () => {
      const tx = api.tx.Balances.transfer_keep_alive({
        dest: { type: 'Id', value: receiverAddress },
        value: AMOUNT
      });
      const result = await within(tx.signAndSubmit(signer), 'the transfer to be finalized');
      if (!result.ok) throw new Error(`dispatch failed: ${JSON.stringify(result.dispatchError)}`);
      const account = await within(
        api.query.System.Account.getValue(receiverAddress, { at: result.block.hash }),
        'the receiver at the finalized block'
      );
      if (account.data.free !== AMOUNT) throw new Error(`receiver holds ${account.data.free}`);
      return `in #${result.block.number} ${result.block.hash}`;
    });
  } else {
    console.log('FAIL transfer-finalized: cannot run: an earlier check failed');
    failed += 1;
  }
  client.destroy();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.log(`FAIL papi: ${error.stack || error}`);
  process.exit(1);
});
