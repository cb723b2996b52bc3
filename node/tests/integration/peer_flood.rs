//! Peers flooding a real `taonet` validator on 127.0.0.1, each a bare libp2p peer:
//! - one sends about 3 000 harmless GRANDPA neighbor packets a second. The node hands its
//!   voter at most its allowance a second from that peer and drops the rest unprocessed;
//!   before the allowance, every message reached the voter through an unbounded channel.
//! - one asks for 200 block ranges at once. The node serves a few at a time and drops the
//!   rest; before, each request got a blocking task of its own, with no cap.
//! - one gossips 4 800 valid transfers back to back. The node validates at most 64 of
//!   that peer's at once and drops the rest unvalidated and unrelayed; before, each got a
//!   blocking task of its own, with no cap.
//!
//! Every time the node counts the drops by reason (and, for the GRANDPA and transaction
//! flooders, under the peer's id, a count that goes once the peer has gone) in its
//! Prometheus metrics, and goes on authoring.

use crate::support;

use std::time::Duration;

use crate::flood::{signed_transfer, SENDERS};
use codec::Encode;
use futures::StreamExt;
use libp2p::swarm::SwarmEvent;
use libp2p::{gossipsub, request_response};
use support::prometheus::{at_least, dev_node_with_metrics, scrape, series_value};
use support::{best_number, genesis_hash, handshake, test_peer, two_more_blocks, wait_for, Node};
use taonet_node::grandpa::{GossipMessage, NeighborPacket};
use taonet_node::network::behaviour::{Behaviour, BehaviourEvent};
use taonet_node::network::protocol::{
    BlockId, BlockRequest, Direction, Fields, GrandpaRequest, ProtocolNames, SyncRequest,
    TransactionMessage,
};

/// Requests sent every [`WAVE_EVERY`], until the test has seen the drops: 3 000 a
/// second, about three times the allowance.
const WAVE: u32 = 300;

/// How often a wave goes out.
const WAVE_EVERY: Duration = Duration::from_millis(100);

#[tokio::test(flavor = "multi_thread")]
async fn a_peer_flooding_grandpa_messages_is_held_to_its_allowance_and_shown_in_the_metrics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (node, port) = dev_node_with_metrics(dir.path());
    let client = node.client();
    let (mut peer, node_id) = connect(&node).await;
    let peer_id = *peer.local_peer_id();

    // Neighbor packets are what every GRANDPA peer sends: they cost the voter little and
    // earn no ban, so only the allowance stands between them and the voter.
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
    let flood = tokio::spawn(async move {
        let mut wave = tokio::time::interval(WAVE_EVERY);
        let mut sent = 0u32;
        loop {
            tokio::select! {
                _ = wave.tick() => {
                    for _ in 0..WAVE {
                        let packet = GossipMessage::Neighbor(NeighborPacket {
                            set_id: 0,
                            round: 1,
                            finalized: sent,
                        });
                        peer.behaviour_mut()
                            .grandpa
                            .send_request(&node_id, GrandpaRequest::V1(packet.to_bytes()));
                        sent = sent.saturating_add(1);
                    }
                }
                _ = peer.select_next_some() => {}
                _ = &mut stopped => break,
            }
        }
    });

    peer_drops_counted(&port, &peer_id).await;
    drops_counted(&port, "grandpa_allowance").await;
    two_more_blocks(&client, Duration::from_secs(30)).await;

    stop.send(()).expect("the flood runs");
    flood.await.expect("the flood ends");
    wait_for(
        Duration::from_secs(10),
        "the peer's count forgotten",
        || {
            let metrics = scrape(&port);
            let gone = !metrics.is_empty()
                && series_value(
                    &metrics,
                    "taonet_sub_libp2p_peer_messages_dropped",
                    &[&format!("peer=\"{peer_id}\"")],
                )
                .is_none();
            async move { gone }
        },
    )
    .await;
}

/// Requests sent at once by the peer asking for block ranges.
const RANGE_REQUESTS: u32 = 200;

#[tokio::test(flavor = "multi_thread")]
async fn a_peer_asking_for_many_block_ranges_at_once_is_served_a_few_at_a_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (node, port) = dev_node_with_metrics(dir.path());
    let client = node.client();
    wait_for(Duration::from_secs(30), "block 3", || async {
        best_number(&client).await >= 3
    })
    .await;
    let (mut peer, node_id) = connect(&node).await;
    for _ in 0..RANGE_REQUESTS {
        peer.behaviour_mut().sync.send_request(
            &node_id,
            SyncRequest::V1(BlockRequest {
                from: BlockId::Number(0),
                direction: Direction::Ascending,
                max_blocks: 128,
                fields: Fields::FULL,
            }),
        );
    }
    // Every request ends in an answer or a failure (the dropped ones' streams close).
    let (mut served, mut ended) = (0u32, 0u32);
    let all_ended = tokio::time::timeout(Duration::from_secs(30), async {
        while ended < RANGE_REQUESTS {
            match peer.select_next_some().await {
                SwarmEvent::Behaviour(BehaviourEvent::Sync(request_response::Event::Message {
                    message: request_response::Message::Response { .. },
                    ..
                })) => {
                    served += 1;
                    ended += 1;
                }
                SwarmEvent::Behaviour(BehaviourEvent::Sync(
                    request_response::Event::OutboundFailure { .. },
                )) => ended += 1,
                _ => {}
            }
        }
    })
    .await;
    assert!(
        all_ended.is_ok(),
        "{ended} of {RANGE_REQUESTS} requests ended, {served} served"
    );
    eprintln!("{served} of {RANGE_REQUESTS} ranges served");
    assert!(served >= 1, "nothing served");

    drops_counted(&port, "block_requests").await;
    two_more_blocks(&client, Duration::from_secs(30)).await;
}

/// The chain label of the dev node's series.
const DEV: &str = "chain=\"dev\"";

/// The node's count of peer messages dropped, by reason.
const DROPPED: &str = "taonet_sub_libp2p_messages_dropped_total";

/// Waits until the node's metrics on `port` count a message dropped for `reason`.
async fn drops_counted(port: &str, reason: &str) {
    at_least(port, DROPPED, &[DEV, &format!("reason=\"{reason}\"")], 1.0).await;
}

/// Waits until the node's metrics on `port` count a message of `peer` dropped.
async fn peer_drops_counted(port: &str, peer: &libp2p::PeerId) {
    let label = format!("peer=\"{peer}\"");
    at_least(
        port,
        "taonet_sub_libp2p_peer_messages_dropped",
        &[DEV, &label],
        1.0,
    )
    .await;
}

/// A bare peer connected to `node`, its status handshake sent; with the node's PeerId.
async fn connect(node: &Node) -> (libp2p::Swarm<Behaviour>, libp2p::PeerId) {
    let genesis = genesis_hash(&node.client()).await;
    let mut peer = test_peer(&genesis);
    peer.dial(
        node.p2p_addr()
            .parse::<libp2p::Multiaddr>()
            .expect("multiaddr"),
    )
    .expect("dial");
    let node_id = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            if let SwarmEvent::ConnectionEstablished { peer_id, .. } = peer.select_next_some().await
            {
                break peer_id;
            }
        }
    })
    .await
    .expect("connected");
    handshake(&mut peer, node_id, genesis);
    (peer, node_id)
}

/// Transfers gossiped at once by the transaction flooder: 960 nonces of each of five
/// funded accounts, every one valid; 4 800 in all, within gossipsub's queue of 5 000
/// messages per connection.
const GOSSIPED_PER_SENDER: u32 = 960;

#[tokio::test(flavor = "multi_thread")]
async fn a_peer_gossiping_transactions_faster_than_they_validate_is_held_to_its_share() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (node, port) = dev_node_with_metrics(dir.path());
    let client = node.client();
    let genesis = genesis_hash(&client).await;
    let topic = gossipsub::IdentTopic::new(ProtocolNames::new(&genesis).transactions_topic);
    let (mut peer, node_id) = connect(&node).await;
    let peer_id = *peer.local_peer_id();
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            if let SwarmEvent::Behaviour(BehaviourEvent::Gossipsub(
                gossipsub::Event::Subscribed { peer_id, topic: t },
            )) = peer.select_next_some().await
            {
                if peer_id == node_id && t == topic.hash() {
                    break;
                }
            }
        }
    })
    .await
    .expect("the node subscribes to transactions");

    // Signed beforehand and published in one go, they reach the node faster than it
    // validates them.
    let messages: Vec<Vec<u8>> = (0..GOSSIPED_PER_SENDER)
        .flat_map(|nonce| SENDERS.map(|who| (who, nonce)))
        .map(|(who, nonce)| TransactionMessage::V1(signed_transfer(who, nonce, genesis)).encode())
        .collect();
    for message in messages {
        peer.behaviour_mut()
            .gossipsub
            .publish(topic.clone(), message)
            .expect("published");
    }
    let pump = tokio::spawn(async move {
        loop {
            peer.select_next_some().await;
        }
    });

    drops_counted(&port, "tx_validations").await;
    peer_drops_counted(&port, &peer_id).await;
    two_more_blocks(&client, Duration::from_secs(30)).await;
    pump.abort();
    // By now the burst is over: the whole count.
    let dropped = series_value(&scrape(&port), DROPPED, &[DEV, "reason=\"tx_validations\""]);
    eprintln!(
        "{dropped:?} of {} gossiped transfers dropped unvalidated",
        GOSSIPED_PER_SENDER as usize * SENDERS.len(),
    );
}
