//! Real `taonet` processes on 127.0.0.1 forming a network: four validators author in turn
//! and agree on one chain, a full node started later syncs from genesis and follows, a
//! transfer submitted to one node is included and seen on another, a node of another
//! chain is refused at the handshake, and a peer sending junk or an invalid block is
//! banned.

use crate::support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use codec::Encode;
use futures::StreamExt;
use jsonrpsee::core::client::ClientT;
use jsonrpsee::http_client::HttpClient;
use jsonrpsee::rpc_params;
use libp2p::swarm::SwarmEvent;
use libp2p::{gossipsub, request_response};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Header as _;
use sp_runtime::{AccountId32, MultiAddress};
use support::{
    all_finalized, best_number, block_hash, fast_spec, finalized, free_balance, genesis_hash,
    test_peer, wait_for, Node,
};
use taonet_node::network::behaviour::BehaviourEvent;
use taonet_node::network::protocol::{
    AnnounceMessage, BlockAnnounce, BlockData, BlockId, BlockRequest, Direction, Fields,
    ProtocolNames, Role, Status, StatusMessage, SyncRequest, SyncResponse,
};
use taonet_runtime::{Hash, RuntimeCall};

/// A validator (`--alice`, …) of the fast local chain, booting from `bootnode` if given.
fn validator(spec: &str, identity: &str, bootnode: Option<&str>) -> Node {
    let mut args = vec!["--chain", spec, identity, "--tmp"];
    if let Some(bootnode) = bootnode {
        args.extend(["--bootnodes", bootnode]);
    }
    Node::start(&args)
}

async fn health(client: &HttpClient) -> Value {
    client
        .request("system_health", rpc_params![])
        .await
        .expect("system_health")
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_agree_a_late_full_node_syncs_and_transfers_spread() {
    let _network = support::one_network_at_a_time().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "local", 1000);
    let spec = spec.to_str().expect("path");
    let alice = validator(spec, "--alice", None);
    let boot = alice.p2p_addr();
    let others: Vec<Node> = ["--bob", "--charlie", "--dave"]
        .into_iter()
        .map(|who| validator(spec, who, Some(&boot)))
        .collect();
    let nodes: Vec<&Node> = std::iter::once(&alice).chain(&others).collect();
    let clients: Vec<HttpClient> = nodes.iter().map(|n| n.client()).collect();

    // Every validator connects and authors in its slots; all agree on one chain.
    wait_for(
        Duration::from_secs(60),
        "block 10 on every node",
        || async {
            for client in &clients {
                if best_number(client).await < 10 {
                    return false;
                }
            }
            true
        },
    )
    .await;
    for node in &nodes {
        assert!(
            node.logged("authored block"),
            "a validator never authored:\n{}",
            node.log()
        );
    }
    for client in &clients {
        assert!(health(client).await["peers"].as_u64() >= Some(1));
    }
    wait_for(Duration::from_secs(20), "the same best block", || async {
        let mut hashes = Vec::new();
        for client in &clients {
            hashes.push(block_hash(client, None).await);
        }
        hashes.windows(2).all(|w| w[0] == w[1])
    })
    .await;
    let reference = block_hash(&clients[0], Some(8)).await;
    for client in &clients[1..] {
        assert_eq!(block_hash(client, Some(8)).await, reference);
    }

    // A full node started now syncs from genesis, then follows the tip.
    let full = Node::start(&["--chain", spec, "--tmp", "--bootnodes", &boot]);
    let full_client = full.client();
    let tip = best_number(&clients[1]).await;
    let started = Instant::now();
    wait_for(Duration::from_secs(30), "the full node to sync", || async {
        best_number(&full_client).await >= tip
    })
    .await;
    eprintln!(
        "full node synced {tip} blocks in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(
        block_hash(&full_client, Some(8)).await,
        reference,
        "{}",
        full.log()
    );
    let following = tip + 3;
    wait_for(
        Duration::from_secs(20),
        "the full node to follow",
        || async { best_number(&full_client).await >= following },
    )
    .await;
    assert!(!full.logged("authored block"));

    // A transfer submitted to Bob is included, and Dave and the full node see it.
    let genesis = genesis_hash(&clients[1]).await;
    let dest = AccountId32::new([9; 32]);
    let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
        dest: MultiAddress::Id(dest.clone()),
        value: 3_000_000_000,
    });
    let xt = taonet_runtime::signing::sign(call, &Sr25519Keyring::Alice.pair(), 0, 0, genesis);
    let _: String = clients[1]
        .request(
            "author_submitExtrinsic",
            rpc_params![format!("0x{}", hex::encode(xt.encode()))],
        )
        .await
        .expect("transfer accepted");
    for client in [&clients[3], &full_client] {
        wait_for(
            Duration::from_secs(30),
            "the transfer on another node",
            || async { free_balance(client, &dest).await == 3_000_000_000 },
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_node_of_another_chain_is_refused_and_node_keys_fix_peer_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let local = fast_spec(dir.path(), "local", 1000);
    let dev = fast_spec(dir.path(), "dev", 1000);
    // `--node-key` fixes the PeerId.
    let secret = [7u8; 32];
    let ours = Node::start(&[
        "--chain",
        local.to_str().expect("path"),
        "--tmp",
        "--node-key",
        &hex::encode(secret),
    ]);
    let expected = libp2p::identity::Keypair::ed25519_from_bytes(secret)
        .expect("key")
        .public()
        .to_peer_id();
    assert_eq!(ours.peer_id(), expected.to_string());
    let stranger = Node::start(&[
        "--chain",
        dev.to_str().expect("path"),
        "--tmp",
        "--bootnodes",
        &ours.p2p_addr(),
    ]);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !(ours.logged("peer is on another chain") && stranger.logged("peer is on another chain"))
    {
        assert!(
            Instant::now() < deadline,
            "no refusal:\n{}\n---\n{}",
            ours.log(),
            stranger.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Neither counts the other as a peer, and the stranger is not let back in.
    tokio::time::sleep(Duration::from_secs(6)).await;
    for node in [&ours, &stranger] {
        assert_eq!(health(&node.client()).await["peers"], 0, "{}", node.log());
    }
    assert!(!ours.logged("peer connected"), "{}", ours.log());
}

#[tokio::test(flavor = "multi_thread")]
async fn reserved_peers_are_added_and_removed_over_rpc() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "local", 1000);
    let spec = spec.to_str().expect("path");
    let alice = validator(spec, "--alice", None);
    // A full node that only talks to reserved peers, and has none yet.
    let node = Node::start(&["--chain", spec, "--tmp", "--reserved-only"]);
    let client = node.client();
    let reserved = || async {
        let peers: Vec<String> = client
            .request("system_reservedPeers", rpc_params![])
            .await
            .expect("system_reservedPeers");
        peers
    };
    assert!(reserved().await.is_empty());

    // An address without a PeerId is not a peer: Substrate's code 2002.
    let error = client
        .request::<Value, _>(
            "system_addReservedPeer",
            rpc_params!["/ip4/127.0.0.1/tcp/1"],
        )
        .await
        .expect_err("no PeerId");
    match error {
        jsonrpsee::core::ClientError::Call(error) => assert_eq!(error.code(), 2002),
        other => panic!("expected a call error, got {other:?}"),
    }

    let _: Value = client
        .request("system_addReservedPeer", rpc_params![alice.p2p_addr()])
        .await
        .expect("reserved");
    assert_eq!(reserved().await, vec![alice.peer_id()]);
    wait_for(Duration::from_secs(30), "the reserved peer", || async {
        health(&client).await["peers"] == 1
    })
    .await;
    wait_for(Duration::from_secs(30), "blocks from it", || async {
        best_number(&client).await >= 2
    })
    .await;

    // Removed, and with --reserved-only, disconnected.
    let _: Value = client
        .request("system_removeReservedPeer", rpc_params![alice.peer_id()])
        .await
        .expect("removed");
    assert!(reserved().await.is_empty());
    wait_for(Duration::from_secs(30), "the disconnection", || async {
        health(&client).await["peers"] == 0
    })
    .await;
}

/// A well-formed announcement of a block on `parent` whose header carries 100 KiB of
/// digest: valid SCALE with a matching hash, but far larger than any real header.
fn oversized_announcement(parent: Hash, tag: u8) -> Vec<u8> {
    let digest = sp_runtime::generic::Digest {
        logs: vec![sp_runtime::DigestItem::Other(vec![tag; 100 * 1024])],
    };
    let header = taonet_runtime::Header::new(1, Hash::zero(), Hash::zero(), parent, digest);
    AnnounceMessage::V1(BlockAnnounce {
        hash: header.hash(),
        header,
    })
    .encode()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_peer_sending_junk_is_banned_and_the_node_carries_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "dev", 1000);
    let node = Node::start(&[
        "--chain",
        spec.to_str().expect("path"),
        "--alice",
        "--tmp",
        // Every penalty is logged, with its reason, at debug level.
        "-l",
        "net::peers=debug",
    ]);
    let client = node.client();
    let genesis = genesis_hash(&client).await;
    let addr: libp2p::Multiaddr = node.p2p_addr().parse().expect("multiaddr");
    let topic = gossipsub::IdentTopic::new(ProtocolNames::new(&genesis).blocks_topic);

    let mut peer = test_peer(&genesis);
    peer.dial(addr.clone()).expect("dial");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut sent = 0u8;
    let mut served = false;
    let mut subscribed = false;
    let mut banned = false;
    while !banned {
        let event = tokio::time::timeout_at(deadline, peer.select_next_some())
            .await
            .unwrap_or_else(|_| panic!("no ban:\n{}", node.log()));
        match event {
            SwarmEvent::ConnectionEstablished { peer_id, .. } => {
                // A proper handshake first, then a range request asking for too much.
                support::handshake(&mut peer, peer_id, genesis);
                peer.behaviour_mut().sync.send_request(
                    &peer_id,
                    SyncRequest::V1(BlockRequest {
                        from: BlockId::Number(0),
                        direction: Direction::Ascending,
                        max_blocks: u32::MAX,
                        fields: Fields::FULL,
                    }),
                );
            }
            SwarmEvent::Behaviour(BehaviourEvent::Sync(request_response::Event::Message {
                message:
                    request_response::Message::Response {
                        response: SyncResponse::V1(blocks),
                        ..
                    },
                ..
            })) => {
                assert!(!blocks.is_empty() && blocks.len() <= 128);
                served = true;
            }
            SwarmEvent::Behaviour(BehaviourEvent::Gossipsub(gossipsub::Event::Subscribed {
                topic: joined,
                ..
            })) if joined == topic.hash() => subscribed = true,
            SwarmEvent::ConnectionClosed { .. } if sent > 0 => banned = true,
            _ => {}
        }
        if served && subscribed && sent == 0 {
            // Junk and oversized announcements in turn on the block topic, each message
            // different (gossip drops repeats); each costs reputation, together a ban.
            while sent < 4 {
                sent += 1;
                let message = if sent % 2 == 1 {
                    vec![0xff, sent, 0x13, 0x37]
                } else {
                    oversized_announcement(genesis, sent)
                };
                let _ = peer
                    .behaviour_mut()
                    .gossipsub
                    .publish(topic.clone(), message);
            }
        }
    }
    wait_for(Duration::from_secs(10), "the ban in the log", || async {
        node.logged("banning peer")
    })
    .await;
    assert!(
        node.log()
            .lines()
            .any(|l| l.contains("peer penalised") && l.contains("oversized gossip")),
        "oversized announcements cost nothing:\n{}",
        node.log()
    );

    // Coming back is refused while the ban lasts.
    peer.dial(addr).expect("dial again");
    let refused = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match peer.select_next_some().await {
                SwarmEvent::ConnectionClosed { .. }
                | SwarmEvent::OutgoingConnectionError { .. } => break,
                _ => {}
            }
        }
    })
    .await;
    assert!(refused.is_ok(), "the banned peer was let back in");

    // The node is unharmed: it keeps authoring and has no peers.
    support::two_more_blocks(&client, Duration::from_secs(20)).await;
    assert_eq!(health(&client).await["peers"], 0);
}

/// Authors `blocks` blocks of `per_block` transfers from Alice on the development chain
/// stored under `base`.
fn author_dev_chain(base: &std::path::Path, blocks: u32, per_block: u32) {
    let spec = taonet_node::chain_spec::ChainSpec::load("dev").expect("dev spec");
    let db = taonet_node::paths::database_dir(base, &spec);
    std::fs::create_dir_all(&db).expect("db dir");
    let client =
        taonet_node::chain::Client::open(&db, None, spec.build_storage().expect("genesis"))
            .expect("open");
    support::author_blocks(&client, blocks, per_block, 1_000);
}

/// Sync speed from one peer over loopback against `import-blocks` from a file, with the
/// same binary: `cargo test --release -p taonet-node --test network -- --ignored --nocapture`
/// (`SYNC_BLOCKS`, `TRANSFERS_PER_BLOCK` set the sizes).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement, not a check"]
async fn sync_speed_from_one_peer() {
    let blocks = env("SYNC_BLOCKS", 1000);
    for per_block in [0, env("TRANSFERS_PER_BLOCK", 100)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let source_base = dir.path().join("source");
        author_dev_chain(&source_base, blocks, per_block);

        let file = dir.path().join("blocks.bin");
        let export = support::taonet()
            .args(["export-blocks", "--binary", "--dev", "--base-path"])
            .arg(&source_base)
            .arg(&file)
            .output()
            .expect("export");
        assert!(export.status.success());
        let started = Instant::now();
        let import = support::taonet()
            .args(["import-blocks", "--binary", "--dev", "--base-path"])
            .arg(dir.path().join("imported"))
            .arg(&file)
            .output()
            .expect("import");
        assert!(import.status.success());
        let from_file = started.elapsed().as_secs_f64();

        let source = Node::start(&[
            "--chain",
            "dev",
            "--base-path",
            source_base.to_str().expect("path"),
        ]);
        let boot = source.p2p_addr();
        let started = Instant::now();
        let syncing = Node::start(&["--chain", "dev", "--tmp", "--bootnodes", &boot]);
        let client = syncing.client();
        wait_for(Duration::from_secs(600), "the sync", || async {
            best_number(&client).await >= blocks
        })
        .await;
        let synced = started.elapsed().as_secs_f64();
        eprintln!(
            "{blocks} blocks of {per_block} transfers: sync from one peer {synced:.2} s \
             ({:.0} blocks/s), import-blocks from a file {from_file:.2} s ({:.0} blocks/s) \
             (both include process start)",
            f64::from(blocks) / synced,
            f64::from(blocks) / from_file,
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_peer_serving_an_invalid_block_is_banned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "local", 1000);
    let node = Node::start(&["--chain", spec.to_str().expect("path"), "--tmp"]);
    let client = node.client();
    let genesis = genesis_hash(&client).await;
    // A child of genesis with made-up roots and no seal.
    let forged = taonet_runtime::Header::new(
        1,
        Hash::repeat_byte(1),
        Hash::repeat_byte(2),
        genesis,
        Default::default(),
    );
    let forged_hash = forged.hash();

    let mut peer = test_peer(&genesis);
    peer.dial(node.p2p_addr().parse::<libp2p::Multiaddr>().expect("addr"))
        .expect("dial");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut served = 0;
    loop {
        let event = tokio::time::timeout_at(deadline, peer.select_next_some())
            .await
            .unwrap_or_else(|_| panic!("no ban:\n{}", node.log()));
        match event {
            SwarmEvent::ConnectionEstablished { peer_id, .. } => {
                // Claim a better chain, so that the node asks for it.
                let status = StatusMessage::V1(Status {
                    genesis,
                    best_number: 1,
                    best_hash: forged_hash,
                    finalized_number: 0,
                    finalized_hash: genesis,
                    role: Role::Authority,
                });
                peer.behaviour_mut().status.send_request(&peer_id, status);
            }
            SwarmEvent::Behaviour(BehaviourEvent::Sync(request_response::Event::Message {
                message: request_response::Message::Request { channel, .. },
                ..
            })) => {
                served += 1;
                let block = BlockData {
                    hash: forged_hash,
                    header: Some(forged.clone()),
                    body: Some(Vec::new()),
                    justifications: None,
                };
                let _ = peer
                    .behaviour_mut()
                    .sync
                    .send_response(channel, SyncResponse::V1(vec![block]));
            }
            SwarmEvent::ConnectionClosed { .. } => break,
            _ => {}
        }
    }
    assert!(served >= 1, "the node never asked for the block");
    wait_for(Duration::from_secs(10), "the ban in the log", || async {
        node.logged("invalid block") && node.logged("banning peer")
    })
    .await;
    assert_eq!(
        best_number(&client).await,
        0,
        "the forged block was imported"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_finalize_with_grandpa_and_three_carry_on() {
    let _network = support::one_network_at_a_time().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "local", 1000);
    let spec = spec.to_str().expect("path");
    let alice = validator(spec, "--alice", None);
    let boot = alice.p2p_addr();
    let mut others: Vec<Node> = ["--bob", "--charlie", "--dave"]
        .into_iter()
        .map(|who| validator(spec, who, Some(&boot)))
        .collect();
    let clients: Vec<HttpClient> = std::iter::once(&alice)
        .chain(&others)
        .map(|n| n.client())
        .collect();
    // GRANDPA finalizes past block 3 on every node, a few blocks behind the tip.
    let started = Instant::now();
    let everyone: Vec<&Node> = std::iter::once(&alice).chain(&others).collect();
    all_finalized(
        &everyone,
        4,
        Duration::from_secs(40),
        "finality past block 3",
    )
    .await;
    eprintln!(
        "finality past block 3 in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for client in &clients {
        let best = best_number(client).await;
        let (number, _) = finalized(client).await;
        assert!(
            number <= best && best - number <= 6,
            "finalized {number} too far behind best {best}"
        );
    }
    // Every node agrees on the finalized chain: a block final everywhere has one hash.
    let mut common = u32::MAX;
    for client in &clients {
        common = common.min(finalized(client).await.0);
    }
    let reference = block_hash(&clients[0], Some(common)).await;
    for client in &clients[1..] {
        assert_eq!(block_hash(client, Some(common)).await, reference);
    }

    // Without Dave, three of four validators are still a supermajority.
    let dave = others.pop().expect("dave");
    dave.kill();
    let clients = &clients[..3];
    let mut floor = 0;
    for client in clients {
        floor = floor.max(finalized(client).await.0);
    }
    let target = floor + 3;
    wait_for(
        Duration::from_secs(25),
        "finality to advance without Dave",
        || async {
            for client in clients {
                if finalized(client).await.0 < target {
                    return false;
                }
            }
            true
        },
    )
    .await;
    let (number, hash) = finalized(&clients[0]).await;
    for client in &clients[1..] {
        assert_eq!(block_hash(client, Some(number)).await, Some(hash.clone()));
    }
}

/// A measurement's size from the environment variable `name`, or `default`.
fn env(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// How long a block takes from production to finality in a 4-validator network with
/// `SLOT_MS` slots (1 000): Alice's best and finalized heads are polled every 20 ms for
/// `WINDOW_S` seconds (30); each block's delay is the time between first seeing it as best
/// and first seeing it final. A measurement for BENCHMARKS.md, not a check:
/// `cargo test --release -p taonet-node --test network finality_delay -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement, not a check"]
async fn finality_delay_in_a_four_validator_network() {
    let _network = support::one_network_at_a_time().await;
    let slot_ms = env("SLOT_MS", 1000);
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "local", u64::from(slot_ms));
    let spec = spec.to_str().expect("path");
    let alice = validator(spec, "--alice", None);
    let boot = alice.p2p_addr();
    let _others: Vec<Node> = ["--bob", "--charlie", "--dave"]
        .into_iter()
        .map(|who| validator(spec, who, Some(&boot)))
        .collect();
    let client = alice.client();
    let mut produced: BTreeMap<u32, Instant> = BTreeMap::new();
    let mut finalised: BTreeMap<u32, Instant> = BTreeMap::new();
    let end = Instant::now() + Duration::from_secs(u64::from(env("WINDOW_S", 30)));
    while Instant::now() < end {
        let now = Instant::now();
        produced.entry(best_number(&client).await).or_insert(now);
        let (number, _) = finalized(&client).await;
        finalised.entry(number).or_insert(now);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // A finalized head at n also finalizes every block below it not yet seen final.
    let mut delays: Vec<f64> = Vec::new();
    for (&number, &made) in produced.iter().filter(|(n, _)| **n > 0) {
        if let Some((_, &done)) = finalised.range(number..).next() {
            delays.push(done.duration_since(made).as_secs_f64());
        }
    }
    delays.sort_by(f64::total_cmp);
    assert!(!delays.is_empty(), "nothing was finalized");
    let at = |p: f64| delays[((delays.len() - 1) as f64 * p).round() as usize];
    eprintln!(
        "{} blocks: production to finality p50 {:.2} s, p90 {:.2} s, max {:.2} s ({slot_ms} ms slots)",
        delays.len(),
        at(0.5),
        at(0.9),
        at(1.0)
    );
}
