//! GRANDPA across real `taonet` processes on 127.0.0.1, each validator with its own
//! database on disk: with two of four validators killed blocks go on but finality
//! stalls; a validator restarted after `kill -9` catches up, votes again (finality
//! resumes only with its votes) and never equivocates; authority changes made by sudo
//! (Aura authors and the GRANDPA set) are followed by every node, and a node syncing
//! afterwards verifies the justifications of both GRANDPA sets.

use crate::support;

use std::time::{Duration, Instant};

use codec::{Decode, Encode};
use jsonrpsee::core::client::ClientT;
use jsonrpsee::http_client::HttpClient;
use jsonrpsee::rpc_params;
use serde_json::Value;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use support::{
    all_finalized, best_number, block_hash, finalized, four_validators, genesis_hash, logs,
    validator, wait_for, Node,
};
use taonet_runtime::RuntimeCall;

#[tokio::test(flavor = "multi_thread")]
async fn two_down_stall_finality_and_a_validator_back_from_kill_9_resumes_it() {
    let _network = support::one_network_at_a_time().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (spec, boot, [alice, bob, charlie, dave]) = four_validators(dir.path());
    let clients = [alice.client(), bob.client()];
    all_finalized(
        &[&alice, &bob, &charlie, &dave],
        4,
        Duration::from_secs(40),
        "finality past block 3",
    )
    .await;

    // Charlie and Dave die at once: Alice and Bob, half the set, go on authoring in
    // their slots but can never gather the three votes finality needs. Votes already
    // in flight land within the pause; after it the finalized block must not move.
    charlie.kill();
    dave.kill();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (stalled, stalled_hash) = finalized(&clients[0]).await;
    let best = best_number(&clients[0]).await;
    wait_for(
        Duration::from_secs(30),
        "blocks to go on with two validators",
        || async { best_number(&clients[0]).await >= best + 4 },
    )
    .await;
    for client in &clients {
        let (number, _) = finalized(client).await;
        assert!(
            number <= stalled,
            "finality moved from {stalled} to {number} with two of four validators"
        );
    }

    // Charlie comes back on the database it was killed with: it syncs the blocks it
    // missed, catches up with the round Alice and Bob are stuck in and votes in it.
    // Only with its votes are three of four voting, so finality resuming is the proof.
    let charlie = validator(&spec, "--charlie", &dir.path().join("charlie"), Some(&boot));
    let resumed_past = best_number(&clients[0]).await;
    let alive = [&alice, &bob, &charlie];
    let alive_clients: Vec<HttpClient> = alive.iter().map(|n| n.client()).collect();
    all_finalized(
        &alive,
        resumed_past + 1,
        Duration::from_secs(60),
        "finality to resume with Charlie back",
    )
    .await;
    all_finalized(
        &alive,
        resumed_past + 4,
        Duration::from_secs(30),
        "finality to keep going with Charlie back",
    )
    .await;
    assert_eq!(
        block_hash(&alive_clients[2], Some(stalled)).await,
        Some(stalled_hash),
        "Charlie finalized another chain"
    );
    let (number, hash) = finalized(&alive_clients[0]).await;
    for client in &alive_clients[1..] {
        assert_eq!(block_hash(client, Some(number)).await, Some(hash.clone()));
    }
    // A restarted voter that voted anew in a round it had voted in would be seen by
    // Alice and Bob, who stayed in that round, as an equivocation.
    for node in alive {
        assert!(
            !node.logged("equivocation"),
            "an equivocation was seen:\n{}",
            node.log()
        );
    }
}

/// The set id the node's voter reports (`grandpa_roundState`), if it runs.
async fn voting_set(client: &HttpClient) -> Option<u64> {
    let state: Value = client
        .request("grandpa_roundState", rpc_params![])
        .await
        .ok()?;
    state["setId"].as_u64()
}

/// `GrandpaApi_current_set_id` at block `hash`, over `state_call`.
async fn runtime_set_id(client: &HttpClient, hash: &str) -> u64 {
    let answer: String = client
        .request(
            "state_call",
            rpc_params!["GrandpaApi_current_set_id", "0x", hash],
        )
        .await
        .expect("state_call");
    let bytes = hex::decode(answer.trim_start_matches("0x")).expect("hex");
    u64::decode(&mut &bytes[..]).expect("set id")
}

/// How many Aura authorities the runtime has at block `hash` (`AuraApi_authorities`).
async fn aura_authorities(client: &HttpClient, hash: &str) -> usize {
    let answer: String = client
        .request("state_call", rpc_params!["AuraApi_authorities", "0x", hash])
        .await
        .expect("state_call");
    let bytes = hex::decode(answer.trim_start_matches("0x")).expect("hex");
    Vec::<sp_consensus_aura::sr25519::AuthorityId>::decode(&mut &bytes[..])
        .expect("authorities")
        .len()
}

#[tokio::test(flavor = "multi_thread")]
async fn sudo_authority_changes_are_followed_and_a_late_node_verifies_them() {
    let _network = support::one_network_at_a_time().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (spec, boot, [alice, bob, charlie, dave]) = four_validators(dir.path());
    let everyone = [&alice, &bob, &charlie, &dave];
    let clients: Vec<HttpClient> = everyone.iter().map(|n| n.client()).collect();
    all_finalized(&everyone, 3, Duration::from_secs(40), "finality by set 0").await;

    // Root hands authoring and finality to Alice and Bob alone: Aura from the block
    // after the call, GRANDPA in the block that includes it.
    let next: Vec<(sp_consensus_grandpa::AuthorityId, u64)> =
        [Ed25519Keyring::Alice, Ed25519Keyring::Bob]
            .iter()
            .map(|k| (k.public().into(), 1))
            .collect();
    let call = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
        call: Box::new(RuntimeCall::AdminUtils(
            pallet_admin_utils::Call::schedule_grandpa_change {
                next_authorities: next,
                in_blocks: 0,
                forced: None,
            },
        )),
    });
    let authors: Vec<sp_consensus_aura::sr25519::AuthorityId> =
        [Sr25519Keyring::Alice, Sr25519Keyring::Bob]
            .iter()
            .map(|k| k.public().into())
            .collect();
    let swap = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
        call: Box::new(RuntimeCall::AdminUtils(
            pallet_admin_utils::Call::swap_authorities {
                new_authorities: authors.try_into().expect("bounded"),
            },
        )),
    });
    let genesis = genesis_hash(&clients[0]).await;
    for (nonce, call) in [call, swap].into_iter().enumerate() {
        let xt = taonet_runtime::signing::sign(
            call,
            &Sr25519Keyring::Alice.pair(),
            nonce as u32,
            0,
            genesis,
        );
        let _: String = clients[0]
            .request(
                "author_submitExtrinsic",
                rpc_params![format!("0x{}", hex::encode(xt.encode()))],
            )
            .await
            .expect("the change is accepted");
    }

    // Set 0 finalizes the block with the change; every voter then votes in set 1.
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let mut all = true;
        for client in &clients {
            all &= voting_set(client).await == Some(1);
        }
        if all {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the voters did not move to set 1:\n{}",
            logs(&everyone)
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (_, head) = finalized(&clients[0]).await;
    assert_eq!(runtime_set_id(&clients[0], &head).await, 1);

    // Once the new authors are in the state, Charlie (who had every fourth slot) authors
    // no more: six more blocks come from Alice and Bob alone.
    wait_for(Duration::from_secs(20), "the new Aura authors", || async {
        let best = block_hash(&clients[0], None).await.expect("best");
        aura_authorities(&clients[0], &best).await == 2
    })
    .await;
    let authored = |node: &Node| {
        node.log()
            .lines()
            .filter(|l| l.contains("authored block"))
            .count()
    };
    let before = authored(&charlie);
    let best = best_number(&clients[0]).await;
    wait_for(Duration::from_secs(20), "six more blocks", || async {
        best_number(&clients[0]).await >= best + 6
    })
    .await;
    assert_eq!(authored(&charlie), before, "Charlie still authors");

    // Without Charlie and Dave, half of the old set, Alice and Bob are the whole new
    // set: finality goes on, which it could not under set 0.
    let (floor, _) = finalized(&clients[0]).await;
    charlie.kill();
    dave.kill();
    let clients = &clients[..2];
    all_finalized(
        &[&alice, &bob],
        floor + 4,
        Duration::from_secs(30),
        "set 1 to finalize without Charlie and Dave",
    )
    .await;

    // A full node started now syncs from genesis. Nobody gossips set 0's commits any
    // more, so the only way it learns that set 1 took over is the set-0 justification
    // that comes with the block of the change; set 1's justifications and commits,
    // which it then checks against the new set, finalize the rest.
    let full = Node::start(&["--chain", &spec, "--tmp", "--bootnodes", &boot]);
    let full_client = full.client();
    let (target, hash) = finalized(&clients[0]).await;
    all_finalized(
        &[&full],
        target,
        Duration::from_secs(30),
        "the full node to finalize what Alice did",
    )
    .await;
    assert_eq!(block_hash(&full_client, Some(target)).await, Some(hash));
}
