//! GRANDPA across real `taonet` processes on 127.0.0.1, each validator with its own
//! database on disk: with two of four validators killed blocks go on but finality
//! stalls; a validator restarted after `kill -9` catches up, votes again (finality
//! resumes only with its votes) and never equivocates.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use jsonrpsee::http_client::HttpClient;
use support::{best_number, block_hash, fast_spec, finalized, wait_for, Node};

/// Validator `identity` (`--alice`, …) of the fast local chain `spec`, its data kept in
/// `base` so that a restart finds its database, keys and GRANDPA votes.
fn validator(spec: &str, identity: &str, base: &Path, bootnode: Option<&str>) -> Node {
    let base = base.to_str().expect("path");
    let mut args = vec!["--chain", spec, identity, "--base-path", base];
    if let Some(bootnode) = bootnode {
        args.extend(["--bootnodes", bootnode]);
    }
    Node::start(&args)
}

/// Every node's log, for a failure message.
fn logs(nodes: &[&Node]) -> String {
    nodes
        .iter()
        .map(|n| n.log())
        .collect::<Vec<_>>()
        .join("\n-----\n")
}

/// Waits up to `timeout` until every client's finalized block is at least `number`.
async fn all_finalized(clients: &[HttpClient], number: u32, timeout: Duration, what: &str) {
    wait_for(timeout, what, || async {
        for client in clients {
            if finalized(client).await.0 < number {
                return false;
            }
        }
        true
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_down_stall_finality_and_a_validator_back_from_kill_9_resumes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "local", 1000);
    let spec = spec.to_str().expect("path");
    let base = |who: &str| dir.path().join(who);
    let alice = validator(spec, "--alice", &base("alice"), None);
    let boot = alice.p2p_addr();
    let bob = validator(spec, "--bob", &base("bob"), Some(&boot));
    let charlie = validator(spec, "--charlie", &base("charlie"), Some(&boot));
    let dave = validator(spec, "--dave", &base("dave"), Some(&boot));
    let clients = [alice.client(), bob.client()];

    let everyone = [&alice, &bob, &charlie, &dave];
    let all_clients: Vec<HttpClient> = everyone.iter().map(|n| n.client()).collect();
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let mut all = true;
        for client in &all_clients {
            all &= finalized(client).await.0 > 3;
        }
        if all {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no finality past block 3:\n{}",
            logs(&everyone)
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

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
    let charlie = validator(spec, "--charlie", &base("charlie"), Some(&boot));
    let resumed_past = best_number(&clients[0]).await;
    let alive = [&alice, &bob, &charlie];
    let alive_clients: Vec<HttpClient> = alive.iter().map(|n| n.client()).collect();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut all = true;
        for client in &alive_clients {
            all &= finalized(client).await.0 > resumed_past;
        }
        if all {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "finality did not resume past {resumed_past} with Charlie back:\n{}",
            logs(&alive)
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    all_finalized(
        &alive_clients,
        resumed_past + 3,
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
