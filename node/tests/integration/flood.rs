//! A transaction flood from a second process, on a real `taonet` development node on
//! 127.0.0.1 with 3 s slots: five senders submit 1 000 transfers each, every sender over a
//! WebSocket connection of its own, as fast as the node takes them. Every slot from the
//! flood's start until the last transfer is in a block must have its block: the Aura
//! slots of consecutive blocks go up by one. Before the pool's work left authoring's path,
//! such a flood left the chain without a block for 16 to 27 s (issue 18). The rates are
//! the flood bench's to measure (`BENCHMARKS.md`), not this test's. A slot is a deadline,
//! which other tests' nodes running beside it could make it miss, so the test command
//! runs it alone.

use crate::support;

use std::time::Duration;

use codec::{Decode, Encode};
use futures::StreamExt;
use jsonrpsee::core::client::ClientT;
use jsonrpsee::rpc_params;
use jsonrpsee::ws_client::WsClientBuilder;
use serde_json::Value;
use sp_consensus_aura::Slot;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{DigestItem, MultiAddress};
use support::{best_number, block_hash, fast_spec, genesis_hash, wait_for, Node};
use taonet_runtime::RuntimeCall;

/// The slot length: long enough that a loaded machine still builds and imports a block
/// of the flood within it, short enough that the old stall spanned several slots.
const SLOT_MS: u64 = 3_000;

/// The senders, each with nonces of its own: funded dev accounts.
pub(crate) const SENDERS: [Sr25519Keyring; 5] = [
    Sr25519Keyring::Alice,
    Sr25519Keyring::Bob,
    Sr25519Keyring::Charlie,
    Sr25519Keyring::Dave,
    Sr25519Keyring::Eve,
];

/// Transfers per sender.
const PER_SENDER: u32 = 1_000;

/// Submissions awaiting their answer on each connection at a time.
const IN_FLIGHT: usize = 32;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a slot is a deadline: scripts/test.sh runs it alone, after the other tests"]
async fn a_flood_of_5000_transfers_leaves_no_slot_without_a_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "dev", SLOT_MS);
    let node = Node::start(&["--chain", spec.to_str().expect("path"), "--alice", "--tmp"]);
    let client = node.client();
    let genesis = genesis_hash(&client).await;
    wait_for(Duration::from_secs(30), "block 1", || async {
        best_number(&client).await >= 1
    })
    .await;
    let signed: Vec<Vec<String>> = SENDERS
        .iter()
        .map(|who| {
            (0..PER_SENDER)
                .map(|nonce| transfer(*who, nonce, genesis))
                .collect()
        })
        .collect();

    let first = best_number(&client).await;
    let ws = node.rpc.replacen("http://", "ws://", 1);
    let accepted = futures::future::join_all(signed.into_iter().map(|xts| {
        let ws = ws.clone();
        async move {
            let sender = WsClientBuilder::default()
                .build(&ws)
                .await
                .expect("a WebSocket connection");
            futures::stream::iter(xts)
                .map(|xt| {
                    let sender = &sender;
                    async move {
                        sender
                            .request::<Value, _>("author_submitExtrinsic", rpc_params![xt])
                            .await
                    }
                })
                .buffered(IN_FLIGHT)
                .filter(|answer| futures::future::ready(answer.is_ok()))
                .count()
                .await
        }
    }))
    .await;
    let per_sender = usize::try_from(PER_SENDER).expect("fits");
    assert_eq!(accepted.iter().sum::<usize>(), SENDERS.len() * per_sender);

    wait_for(
        Duration::from_secs(120),
        "every transfer in a block",
        || async {
            let pending: Vec<Value> = client
                .request("author_pendingExtrinsics", rpc_params![])
                .await
                .expect("pending");
            pending.is_empty()
        },
    )
    .await;
    let last = best_number(&client).await;
    let mut slots = Vec::new();
    for number in first..=last {
        slots.push((number, slot_of(&client, number).await));
    }
    eprintln!("blocks {first} to {last} in slots {slots:?}");
    assert!(slots.len() >= 2, "the flood spanned one block only");
    for pair in slots.windows(2) {
        let [(number, slot), (_, next)] = pair else {
            continue;
        };
        assert_eq!(
            u64::from(*next),
            u64::from(*slot) + 1,
            "no block in the slots after block {number}'s (slots of blocks {first} to {last}: {slots:?})"
        );
    }
}

/// `who`'s transfer of 1 TAO to Ferdie at `nonce`, hex-encoded.
pub(crate) fn transfer(who: Sr25519Keyring, nonce: u32, genesis: taonet_runtime::Hash) -> String {
    format!("0x{}", hex::encode(signed_transfer(who, nonce, genesis)))
}

/// `who`'s transfer of 1 TAO to Ferdie at `nonce`, SCALE-encoded.
pub(crate) fn signed_transfer(
    who: Sr25519Keyring,
    nonce: u32,
    genesis: taonet_runtime::Hash,
) -> Vec<u8> {
    let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
        dest: MultiAddress::Id(Sr25519Keyring::Ferdie.to_account_id()),
        value: 1_000_000_000,
    });
    taonet_runtime::signing::sign(call, &who.pair(), nonce, 0, genesis).encode()
}

/// The Aura slot block `number` was authored in, from its pre-runtime digest.
async fn slot_of(client: &jsonrpsee::http_client::HttpClient, number: u32) -> Slot {
    let hash = block_hash(client, Some(number)).await.expect("a block");
    let header: Value = client
        .request("chain_getHeader", rpc_params![hash])
        .await
        .expect("header");
    let logs = header["digest"]["logs"].as_array().expect("digest logs");
    logs.iter()
        .find_map(|log| {
            let bytes = hex::decode(log.as_str()?.trim_start_matches("0x")).ok()?;
            match DigestItem::decode(&mut &bytes[..]).ok()? {
                DigestItem::PreRuntime(engine, data)
                    if engine == sp_consensus_aura::AURA_ENGINE_ID =>
                {
                    Slot::decode(&mut &data[..]).ok()
                }
                _ => None,
            }
        })
        .expect("an Aura pre-runtime digest")
}
