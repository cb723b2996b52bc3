//! GRANDPA's traffic: gossip on the current authority set's topic, messages for one peer
//! on the `grandpa` request-response protocol, both delivered to the voter as received
//! (it validates them and reports offenders, whose reputation drops here).

use futures::channel::mpsc::UnboundedSender;
use libp2p::gossipsub::{IdentTopic, TopicHash};
use libp2p::request_response::{Event, Message};
use libp2p::PeerId;
use sp_consensus_grandpa::SetId;

use super::Worker;
use crate::grandpa::{GrandpaHandle, Incoming, Offence};
use crate::network::finality::GrandpaCommand;
use crate::network::peers::Penalty;
use crate::network::protocol::{GrandpaRequest, ProtocolNames};

/// The network task's GRANDPA state.
pub(super) struct GrandpaState {
    names: ProtocolNames,
    /// The set whose topic we listen to, once the voter said.
    topic: Option<(SetId, IdentTopic)>,
    /// Where peers' messages go (the running voter's stream).
    sink: Option<UnboundedSender<Incoming<PeerId>>>,
    /// Where justifications received with blocks go.
    pub(super) justifications: Option<GrandpaHandle>,
}

impl GrandpaState {
    pub(super) fn new(names: &ProtocolNames) -> Self {
        GrandpaState {
            names: names.clone(),
            topic: None,
            sink: None,
            justifications: None,
        }
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
    /// `forwarder`: the voter answers its author when that is a peer of ours.
    pub(super) fn on_grandpa_message(
        &mut self,
        source: Option<PeerId>,
        forwarder: PeerId,
        bytes: Vec<u8>,
    ) {
        let from = source
            .filter(|author| self.peers.get(author).is_some())
            .unwrap_or(forwarder);
        self.deliver_grandpa(from, bytes);
    }

    fn deliver_grandpa(&mut self, from: PeerId, bytes: Vec<u8>) {
        if self.peers.is_banned(&from) {
            return;
        }
        let Some(sink) = &self.grandpa.sink else {
            return;
        };
        if sink.unbounded_send(Incoming { from, bytes }).is_err() {
            self.grandpa.sink = None;
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
                self.deliver_grandpa(peer, bytes);
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
