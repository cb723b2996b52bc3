//! A peer flooding GRANDPA messages, on a real `taonet` validator on 127.0.0.1: a bare
//! libp2p peer sends about 3 000 harmless neighbor packets a second. The node hands its
//! voter at most its allowance a second from that peer and drops the rest unprocessed,
//! counts the drops by reason and under the peer's id in its Prometheus metrics, goes on
//! authoring meanwhile, and forgets the peer's count once the peer has gone. Before the
//! allowance, every message reached the voter through an unbounded channel.

use crate::support;

use std::time::Duration;

use futures::StreamExt;
use libp2p::swarm::SwarmEvent;
use support::prometheus::{at_least, free_port, scrape, series_value};
use support::{best_number, fast_spec, genesis_hash, handshake, test_peer, wait_for, Node};
use taonet_node::grandpa::{GossipMessage, NeighborPacket};
use taonet_node::network::protocol::GrandpaRequest;

/// Requests sent every [`WAVE_EVERY`]: 3 000 a second, about three times the allowance.
const WAVE: u32 = 300;

/// How often a wave goes out.
const WAVE_EVERY: Duration = Duration::from_millis(100);

/// Waves in all: three seconds of flooding.
const WAVES: u32 = 30;

#[tokio::test(flavor = "multi_thread")]
async fn a_peer_flooding_grandpa_messages_is_held_to_its_allowance_and_shown_in_the_metrics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "dev", 1000);
    let port = free_port();
    let node = Node::start(&[
        "--chain",
        spec.to_str().expect("path"),
        "--alice",
        "--tmp",
        "--prometheus-port",
        &port,
    ]);
    let client = node.client();
    let genesis = genesis_hash(&client).await;
    let mut peer = test_peer(&genesis);
    let peer_id = *peer.local_peer_id();
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

    // Neighbor packets are what every GRANDPA peer sends: they cost the voter little and
    // earn no ban, so only the allowance stands between them and the voter.
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
    let flood = tokio::spawn(async move {
        let mut wave = tokio::time::interval(WAVE_EVERY);
        let mut sent = 0u32;
        loop {
            tokio::select! {
                _ = wave.tick(), if sent < WAVE * WAVES => {
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

    let chain = "chain=\"dev\"";
    let peer_label = format!("peer=\"{peer_id}\"");
    at_least(
        &port,
        "taonet_sub_libp2p_peer_messages_dropped",
        &[chain, &peer_label],
        1.0,
    )
    .await;
    at_least(
        &port,
        "taonet_sub_libp2p_messages_dropped_total",
        &[chain, "reason=\"grandpa_allowance\""],
        1.0,
    )
    .await;
    let best = best_number(&client).await;
    wait_for(Duration::from_secs(30), "two more blocks", || async {
        best_number(&client).await >= best + 2
    })
    .await;

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
                    &[&peer_label],
                )
                .is_none();
            async move { gone }
        },
    )
    .await;
}
