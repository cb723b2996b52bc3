//! Squatting the transaction pool, on a real `taonet` development node on 127.0.0.1:
//! five accounts submit 2 000 transfers each whose nonces leave a gap, so none can ever
//! execute or pay a fee. Each sender keeps 64 places among the future transactions and is
//! refused the rest; an honest zero-tip transfer submitted afterwards is accepted and in a
//! block within three. Before the pool had a future side with limits of its own, the
//! issue's squatter filled all 8 192 places with such transfers, and the honest one was
//! refused with 1016 ("Immediately Dropped").

use crate::support;

use std::time::Duration;

use futures::StreamExt;
use jsonrpsee::core::client::ClientT;
use jsonrpsee::rpc_params;
use jsonrpsee::ws_client::WsClientBuilder;
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use support::{account, best_number, fast_spec, genesis_hash, wait_for, Node};

/// The squatters.
const SQUATTERS: [Sr25519Keyring; 5] = [
    Sr25519Keyring::Bob,
    Sr25519Keyring::Charlie,
    Sr25519Keyring::Dave,
    Sr25519Keyring::Eve,
    Sr25519Keyring::Ferdie,
];

/// Transfers each squatter submits, from nonce 1 (its nonce on chain is 0).
const PER_SQUATTER: u32 = 2_000;

/// The future places a sender may hold (the pool's default `future_per_sender`).
const FUTURE_PER_SENDER: usize = 64;

#[tokio::test(flavor = "multi_thread")]
async fn squatters_with_nonce_gaps_cannot_keep_an_honest_transfer_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "dev", 1000);
    let node = Node::start(&["--chain", spec.to_str().expect("path"), "--alice", "--tmp"]);
    let client = node.client();
    let genesis = genesis_hash(&client).await;
    let ws = node.rpc.replacen("http://", "ws://", 1);
    let sender = WsClientBuilder::default()
        .build(&ws)
        .await
        .expect("a WebSocket connection");
    for who in SQUATTERS {
        let accepted = futures::stream::iter(1..=PER_SQUATTER)
            .map(|nonce| {
                let (sender, xt) = (&sender, crate::flood::transfer(who, nonce, genesis));
                async move {
                    sender
                        .request::<Value, _>("author_submitExtrinsic", rpc_params![xt])
                        .await
                }
            })
            .buffered(32)
            .filter(|answer| futures::future::ready(answer.is_ok()))
            .count()
            .await;
        assert_eq!(accepted, FUTURE_PER_SENDER, "{who:?}'s future places");
    }

    let submitted_at = best_number(&client).await;
    let honest = crate::flood::transfer(Sr25519Keyring::Alice, 0, genesis);
    client
        .request::<Value, _>("author_submitExtrinsic", rpc_params![honest])
        .await
        .expect("the honest transfer is accepted");
    let alice = Sr25519Keyring::Alice.to_account_id();
    wait_for(
        Duration::from_secs(30),
        "the honest transfer in a block",
        || async {
            account(&client, &alice)
                .await
                .is_some_and(|info| info.nonce == 1)
        },
    )
    .await;
    let included_by = best_number(&client).await;
    assert!(
        included_by <= submitted_at + 3,
        "submitted at block {submitted_at}, in a block only by {included_by}"
    );
}
