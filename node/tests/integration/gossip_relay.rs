//! GRANDPA gossip is checked before it spreads, on a real `taonet` validator on
//! 127.0.0.1 between two bare libp2p peers: what one peer publishes on the set's topic
//! reaches the other through the node only if the node's voter found it valid. Before,
//! the node relayed every GRANDPA message at once and validated it afterwards, so junk
//! and forged votes spread through it.

use crate::support;

use std::time::Duration;

use finality_grandpa::{Message, Prevote, SignedMessage};
use futures::StreamExt;
use libp2p::gossipsub::{self, IdentTopic};
use libp2p::swarm::SwarmEvent;
use sp_consensus_grandpa::AuthorityPair;
use sp_core::Pair as _;
use sp_keyring::Ed25519Keyring;
use support::{fast_spec, genesis_hash, handshake, test_peer, Node};
use taonet_node::grandpa::{self, GossipMessage, VoteMessage};
use taonet_node::network::behaviour::BehaviourEvent;
use taonet_node::network::protocol::ProtocolNames;

/// How long the watcher listens after the messages went out: relaying takes one hop and
/// the voter's verdict, a few milliseconds.
const LISTEN: Duration = Duration::from_secs(4);

#[tokio::test(flavor = "multi_thread")]
async fn grandpa_gossip_is_relayed_only_once_the_voter_found_it_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "local", 1000);
    // Alice alone of the four local authorities: her voter runs (and stalls in round 1).
    let node = Node::start(&["--chain", spec.to_str().expect("path"), "--alice", "--tmp"]);
    let genesis = genesis_hash(&node.client()).await;
    let addr: libp2p::Multiaddr = node.p2p_addr().parse().expect("multiaddr");
    let topic = IdentTopic::new(ProtocolNames::new(&genesis).grandpa_topic(0));

    let mut sender = test_peer(&genesis);
    let mut watcher = test_peer(&genesis);
    for peer in [&mut sender, &mut watcher] {
        peer.behaviour_mut()
            .gossipsub
            .subscribe(&topic)
            .expect("subscribe");
        peer.dial(addr.clone()).expect("dial");
    }
    let sender_id = *sender.local_peer_id();

    let bob = AuthorityPair::from(Ed25519Keyring::Bob.pair());
    let eve = AuthorityPair::from(Ed25519Keyring::Eve.pair());
    let prevote = Message::Prevote(Prevote::new(genesis, 0));
    let vote = |id: &AuthorityPair, signer: &AuthorityPair, round: u64| {
        GossipMessage::Vote(VoteMessage {
            round,
            set_id: 0,
            message: SignedMessage {
                signature: grandpa::sign_message(signer, &prevote, round, 0),
                message: prevote.clone(),
                id: id.public(),
            },
        })
        .to_bytes()
    };

    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    let mut sender_ready = false;
    let mut round = None;
    let mut sent: Option<(tokio::time::Instant, Vec<u8>, Vec<Vec<u8>>)> = None;
    let mut relayed: Vec<Vec<u8>> = Vec::new();
    loop {
        tokio::select! {
            event = sender.select_next_some() => match event {
                SwarmEvent::ConnectionEstablished { peer_id, .. } => {
                    handshake(&mut sender, peer_id, genesis);
                }
                SwarmEvent::Behaviour(BehaviourEvent::Gossipsub(
                    gossipsub::Event::Subscribed { topic: joined, .. },
                )) if joined == topic.hash() => sender_ready = true,
                _ => {}
            },
            event = watcher.select_next_some() => match event {
                SwarmEvent::ConnectionEstablished { peer_id, .. } => {
                    handshake(&mut watcher, peer_id, genesis);
                }
                SwarmEvent::Behaviour(BehaviourEvent::Gossipsub(gossipsub::Event::Message {
                    message,
                    ..
                })) if message.topic == topic.hash() => {
                    if message.source == Some(sender_id) {
                        relayed.push(message.data);
                    } else if let Ok(GossipMessage::Neighbor(neighbor)) =
                        GossipMessage::from_bytes(&message.data)
                    {
                        // Alice's own neighbor packet: the round she votes in.
                        round = Some(neighbor.round);
                    }
                }
                _ => {}
            },
            _ = tokio::time::sleep(Duration::from_millis(200)) => {}
            _ = tokio::time::sleep_until(deadline) => panic!(
                "no GRANDPA gossip from Alice (sender subscribed: {sender_ready}, round: {round:?}):\n{}",
                node.log()
            ),
        }
        if let (None, true, Some(round)) = (&sent, sender_ready, round) {
            // Junk, a vote from outside the set, Bob's name under Eve's signature, and
            // one vote Bob really signed for the round Alice is in.
            let valid = vote(&bob, &bob, round);
            let refused = vec![
                vec![0xff, 0x13, 0x37],
                vote(&eve, &eve, round),
                vote(&bob, &eve, round),
            ];
            for message in refused.iter().chain([&valid]) {
                sender
                    .behaviour_mut()
                    .gossipsub
                    .publish(topic.clone(), message.clone())
                    .expect("published");
            }
            sent = Some((tokio::time::Instant::now(), valid, refused));
        }
        if let Some((at, valid, refused)) = &sent {
            if at.elapsed() >= LISTEN {
                for message in refused {
                    assert!(
                        !relayed.contains(message),
                        "an invalid GRANDPA message was relayed: {message:?}"
                    );
                }
                assert_eq!(
                    relayed,
                    vec![valid.clone()],
                    "Bob's vote was not relayed:\n{}",
                    node.log()
                );
                return;
            }
        }
    }
}
