//! GRANDPA's traffic: gossip on the current authority set's topic, messages for one peer
//! on the `grandpa` request-response protocol, both delivered to the voter as received
//! (it validates them and reports offenders, whose reputation drops here).
//!
//! Gossip is relayed only once the voter found it valid: until its [`Verdict`] a message
//! is held under a [`RelayTicket`] (at most [`MAX_HELD`]). What a peer may feed the voter
//! is bounded twice: [`MAX_PER_PEER_PER_TICK`] messages and one subscription to the set's
//! topic a second per peer, and the voter's queue
//! ([`super::super::finality::VOTER_QUEUE`]); beyond either, they are dropped.

use std::collections::{BTreeMap, HashMap, HashSet};

use futures::channel::mpsc::Sender;
use libp2p::gossipsub::{IdentTopic, MessageAcceptance, MessageId, TopicHash};
use libp2p::request_response::{Event, Message};
use libp2p::PeerId;
use sp_consensus_grandpa::SetId;

use super::Worker;
use crate::grandpa::{GrandpaHandle, Inbound, Incoming, Offence, RelayTicket, Verdict};
use crate::network::counters::DropReason;
use crate::network::finality::GrandpaCommand;
use crate::network::peers::Penalty;
use crate::network::protocol::{GrandpaRequest, ProtocolNames};

/// Gossip messages held back for the voter's verdict at most, twice what its queue holds;
/// the oldest is let go unrelayed to make room.
pub(super) const MAX_HELD: usize = 2 * crate::network::finality::VOTER_QUEUE;

/// GRANDPA messages one peer may hand the voter per second (gossip it forwards and
/// messages it sends us): a full round of a 512-voter set is 1 024 votes.
pub(super) const MAX_PER_PEER_PER_TICK: u32 = 1_024;

/// The network task's GRANDPA state.
pub(super) struct GrandpaState {
    names: ProtocolNames,
    /// The set whose topic we listen to, once the voter said.
    topic: Option<(SetId, IdentTopic)>,
    /// Where peers' messages go (the running voter's queue).
    sink: Option<Sender<Inbound<PeerId>>>,
    /// Where justifications received with blocks go.
    pub(super) justifications: Option<GrandpaHandle>,
    /// Gossip awaiting the voter's verdict, by ticket (oldest first): its gossipsub id and
    /// the peer that forwarded it.
    held: BTreeMap<u64, (MessageId, PeerId)>,
    next_ticket: u64,
    /// Messages each peer handed the voter since the last tick.
    received: HashMap<PeerId, u32>,
    /// Peers whose subscription to the set's topic reached the voter since the last tick.
    joined: HashSet<PeerId>,
}

impl GrandpaState {
    pub(super) fn new(names: &ProtocolNames) -> Self {
        GrandpaState {
            names: names.clone(),
            topic: None,
            sink: None,
            justifications: None,
            held: BTreeMap::new(),
            next_ticket: 0,
            received: HashMap::new(),
            joined: HashSet::new(),
        }
    }

    /// A new second: every peer's allowance is whole again.
    pub(super) fn tick(&mut self) {
        self.received.clear();
        self.joined.clear();
    }

    /// Whether `topic` is the GRANDPA topic we listen to.
    pub(super) fn is_topic(&self, topic: &TopicHash) -> bool {
        self.topic
            .as_ref()
            .is_some_and(|(_, ours)| ours.hash() == *topic)
    }
}

impl Worker {
    pub(super) fn on_grandpa_command(&mut self, command: GrandpaCommand) {
        match command {
            GrandpaCommand::Broadcast { set_id, bytes } => {
                let topic = IdentTopic::new(self.grandpa.names.grandpa_topic(set_id));
                self.publish(topic, bytes, "GRANDPA message");
            }
            GrandpaCommand::Send { peer, bytes } => {
                if peer == self.shared.local_peer_id || !self.swarm.is_connected(&peer) {
                    tracing::debug!(target: "net::grandpa", %peer, "not connected: message dropped");
                    return;
                }
                self.swarm
                    .behaviour_mut()
                    .grandpa
                    .send_request(&peer, GrandpaRequest::V1(bytes));
            }
            GrandpaCommand::Incoming(sink) => self.grandpa.sink = Some(sink),
            GrandpaCommand::Judged(ticket, verdict) => {
                if let Some((id, forwarder)) = self.grandpa.held.remove(&ticket.0) {
                    let acceptance = match verdict {
                        Verdict::Relay => MessageAcceptance::Accept,
                        Verdict::Keep => MessageAcceptance::Ignore,
                        Verdict::Drop => MessageAcceptance::Reject,
                    };
                    self.report_gossip(&id, &forwarder, acceptance);
                }
            }
            GrandpaCommand::Report(peer, offence) => {
                let penalty = match offence {
                    Offence::UnknownVoter => Penalty::UnknownVoter,
                    Offence::Undecodable
                    | Offence::BadSignature
                    | Offence::BadCommit
                    | Offence::BadCatchUp => Penalty::BadFinalityMessage,
                };
                self.penalise(peer, penalty, &format!("GRANDPA: {offence:?}"));
            }
            GrandpaCommand::SetChanged(set_id) => self.grandpa_subscribe(set_id),
            GrandpaCommand::Justifications(handle) => self.grandpa.justifications = Some(handle),
            GrandpaCommand::RequestJustification { hash, number } => {
                let actions = self.sync.request_justification(hash, number);
                self.apply(actions);
            }
        }
    }

    /// Listens to set `set_id`'s topic instead of the previous set's.
    fn grandpa_subscribe(&mut self, set_id: SetId) {
        if self
            .grandpa
            .topic
            .as_ref()
            .is_some_and(|(id, _)| *id == set_id)
        {
            return;
        }
        let gossipsub = &mut self.swarm.behaviour_mut().gossipsub;
        if let Some((_, old)) = self.grandpa.topic.take() {
            gossipsub.unsubscribe(&old);
        }
        let topic = IdentTopic::new(self.grandpa.names.grandpa_topic(set_id));
        match gossipsub.subscribe(&topic) {
            Ok(_) => {
                tracing::debug!(target: "net::grandpa", set_id, "listening to the set's topic");
            }
            Err(error) => {
                tracing::warn!(target: "net::grandpa", set_id, %error, "cannot subscribe");
            }
        }
        self.grandpa.topic = Some((set_id, topic));
    }

    /// A GRANDPA message from gossip, authored by `source` (when signed) and relayed by
    /// `forwarder`: the voter answers its author when that is a peer of ours. It is
    /// relayed on only if the voter finds it valid.
    pub(super) fn on_grandpa_message(
        &mut self,
        source: Option<PeerId>,
        forwarder: PeerId,
        id: MessageId,
        bytes: Vec<u8>,
    ) {
        let from = source
            .filter(|author| self.peers.get(author).is_some())
            .unwrap_or(forwarder);
        if !self.grandpa_allowance(forwarder) {
            self.report_gossip(&id, &forwarder, MessageAcceptance::Ignore);
            return;
        }
        self.grandpa.next_ticket = self.grandpa.next_ticket.wrapping_add(1);
        let ticket = self.grandpa.next_ticket;
        if !self.deliver_grandpa(from, bytes, Some(RelayTicket(ticket))) {
            self.report_gossip(&id, &forwarder, MessageAcceptance::Ignore);
            return;
        }
        self.grandpa.held.insert(ticket, (id, forwarder));
        if self.grandpa.held.len() > MAX_HELD {
            // Only messages the voter dropped unjudged (it restarted for a new set) can
            // be this old: the queue holds fewer than MAX_HELD.
            if let Some((_, (old_id, old_forwarder))) = self.grandpa.held.pop_first() {
                self.report_gossip(&old_id, &old_forwarder, MessageAcceptance::Ignore);
            }
        }
    }

    /// `peer` subscribed to `topic`: if it is the set's, the voter greets it with its
    /// votes. A peer that subscribes and unsubscribes in a loop reaches the voter once a
    /// second, as the voter greets a peer at most that often anyway.
    pub(super) fn on_grandpa_subscribed(&mut self, peer: PeerId, topic: &TopicHash) {
        if !self.grandpa.is_topic(topic)
            || self.peers.is_banned(&peer)
            || !self.grandpa.joined.insert(peer)
        {
            return;
        }
        if let Some(sink) = self.grandpa.sink.as_mut() {
            // Not sent with a full queue: the peer gets our votes at the next rebroadcast.
            let _ = sink.try_send(Inbound::Joined(peer));
        }
    }

    /// Counts a message `peer` hands the voter; false once it is over its allowance.
    fn grandpa_allowance(&mut self, peer: PeerId) -> bool {
        let count = self.grandpa.received.entry(peer).or_insert(0);
        *count = count.saturating_add(1);
        if *count == MAX_PER_PEER_PER_TICK.saturating_add(1) {
            tracing::debug!(target: "net::grandpa", %peer, "over its message allowance: dropping");
        }
        let within = *count <= MAX_PER_PEER_PER_TICK;
        if !within {
            self.shared
                .counters
                .dropped(peer, DropReason::GrandpaAllowance);
        }
        within
    }

    /// Queues a message for the voter; false if it was not (a banned sender, no voter, or
    /// a full queue).
    fn deliver_grandpa(
        &mut self,
        from: PeerId,
        bytes: Vec<u8>,
        relay: Option<RelayTicket>,
    ) -> bool {
        if self.peers.is_banned(&from) {
            return false;
        }
        let Some(sink) = self.grandpa.sink.as_mut() else {
            return false;
        };
        match sink.try_send(Inbound::Message(Incoming { from, bytes, relay })) {
            Ok(()) => true,
            Err(error) if error.is_full() => {
                tracing::debug!(target: "net::grandpa", %from, "voter queue full: message dropped");
                self.shared.counters.dropped(from, DropReason::GrandpaQueue);
                false
            }
            Err(_) => {
                self.grandpa.sink = None;
                false
            }
        }
    }

    pub(super) fn on_grandpa_event(&mut self, event: Event<GrandpaRequest, ()>) {
        match event {
            Event::Message {
                peer,
                message:
                    Message::Request {
                        request, channel, ..
                    },
                ..
            } => {
                let _ = self
                    .swarm
                    .behaviour_mut()
                    .grandpa
                    .send_response(channel, ());
                let GrandpaRequest::V1(bytes) = request;
                if self.grandpa_allowance(peer) {
                    self.deliver_grandpa(peer, bytes, None);
                }
            }
            Event::Message {
                message: Message::Response { .. },
                ..
            } => {}
            Event::OutboundFailure { peer, error, .. } => {
                tracing::debug!(target: "net::grandpa", %peer, %error, "message not delivered");
            }
            Event::InboundFailure { peer, error, .. } => {
                tracing::debug!(target: "net::grandpa", %peer, %error, "message not received");
            }
            Event::ResponseSent { .. } => {}
        }
    }
}
