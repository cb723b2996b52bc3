//! A partition healed, on real `taonet` processes on 127.0.0.1: two of four validators
//! are killed with `kill -9` for 30 s and restarted on their databases and ports, once
//! with the boot node among them and once without. Finality must resume within 5 s of
//! their return in both cases (1.25 s measured on an idle machine). Before peers were
//! remembered across restarts, a restarted node found the validators that had stayed up
//! only through the DHT's 30 s bootstrap (18.5 s measured with the boot node among the
//! killed). Resuming is a deadline, so `scripts/test.sh` runs this test alone, after the
//! others.

use crate::support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::{all_finalized, finalized, four_validators, logs, Node};

/// How long the two validators stay down: the 30 s, long enough for the
/// survivors' connections to close and their redials to back off to their longest wait.
const DOWN: Duration = Duration::from_secs(30);

/// How soon after the restarted nodes serve RPC every node must have finalized past the
/// stall: the "within a few seconds".
const RESUME_WITHIN: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a deadline: run alone by scripts/test.sh"]
async fn finality_resumes_soon_after_two_validators_restart_boot_node_or_not() {
    let _network = support::one_network_at_a_time().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (spec, boot, [alice, bob, charlie, dave]) = four_validators(dir.path());
    all_finalized(
        &[&alice, &bob, &charlie, &dave],
        3,
        Duration::from_secs(40),
        "finality past block 2",
    )
    .await;

    let down = [("alice", alice, None), ("bob", bob, Some(boot.as_str()))];
    let [alice, bob] = heal(&spec, dir.path(), down, [&charlie, &dave]).await;
    let down = [
        ("charlie", charlie, Some(boot.as_str())),
        ("dave", dave, Some(boot.as_str())),
    ];
    heal(&spec, dir.path(), down, [&alice, &bob]).await;
}

/// Kills the two `down` validators, waits [`DOWN`], restarts each on its base path and
/// p2p address with its boot node, and requires all four to finalize past the stalled
/// block within [`RESUME_WITHIN`]. Returns the restarted nodes.
async fn heal(
    spec: &str,
    dir: &Path,
    down: [(&str, Node, Option<&str>); 2],
    alive: [&Node; 2],
) -> [Node; 2] {
    let names = down.each_ref().map(|(who, _, _)| *who);
    let listen = down.each_ref().map(|(_, node, _)| {
        let addr = node.p2p_addr();
        addr.split("/p2p/").next().unwrap_or_default().to_owned()
    });
    let boots = down.each_ref().map(|(_, _, boot)| boot.map(str::to_owned));
    // Each peer store is written within seconds of the handshakes; a node killed before
    // would come back knowing nobody.
    for who in names {
        let stored = dir
            .join(who)
            .join("chains")
            .join("local_testnet")
            .join("network")
            .join("peers.json");
        support::wait_for(Duration::from_secs(30), "the peer store", || async {
            std::fs::read_to_string(&stored).is_ok_and(|text| text.matches("peer_id").count() >= 3)
        })
        .await;
    }
    for (_, node, _) in down {
        node.kill();
    }
    tokio::time::sleep(DOWN).await;
    let mut stalled = 0;
    for node in alive {
        stalled = stalled.max(finalized(&node.client()).await.0);
    }

    let restarted = [0, 1].map(|i| {
        let base = dir.join(names[i]);
        let base = base.to_str().expect("path");
        let identity = format!("--{}", names[i]);
        let mut args = vec![
            "--chain",
            spec,
            identity.as_str(),
            "--base-path",
            base,
            "--listen-addr",
            listen[i].as_str(),
        ];
        if let Some(boot) = &boots[i] {
            args.extend(["--bootnodes", boot.as_str()]);
        }
        Node::start(&args)
    });
    let back = Instant::now();
    let all = [alive[0], alive[1], &restarted[0], &restarted[1]];
    let clients = all.map(|node| node.client());
    loop {
        let mut done = true;
        for client in &clients {
            done &= finalized(client).await.0 > stalled;
        }
        if done {
            break;
        }
        assert!(
            back.elapsed() < RESUME_WITHIN,
            "{} and {} restarted: finality stayed at {stalled} for {:?}:\n{}",
            names[0],
            names[1],
            back.elapsed(),
            logs(&all)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!(
        "{} and {} restarted: finality past {stalled} on all four after {:?}",
        names[0],
        names[1],
        back.elapsed()
    );
    restarted
}
