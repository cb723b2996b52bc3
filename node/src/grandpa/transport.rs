//! What the voter needs from the network, and nothing more: gossip to all peers, a
//! message to one peer, the stream of what peers sent, a way to flag a misbehaving
//! peer, and a justification fetched from a peer. The libp2p layer implements [`GrandpaNetwork`] (gossipsub topic per set id,
//! request-response for catch-up); tests use the in-memory [`super::memory::MemoryHub`].

use futures::stream::BoxStream;
use sp_consensus_grandpa::SetId;
use taonet_runtime::{BlockNumber, Hash};

use super::messages::GossipMessage;

/// Bytes a peer sent, as received: the voter decodes and validates them itself, so junk
/// is handled (and reported) in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming<P> {
    /// Who sent it (for replies and reputation).
    pub from: P,
    /// The wire form ([`GossipMessage::to_bytes`]).
    pub bytes: Vec<u8>,
    /// Set on gossip that the network holds back, unrelayed, until the voter has judged
    /// it ([`GrandpaNetwork::judged`]); `None` on messages for this node alone.
    pub relay: Option<RelayTicket>,
}

/// What the network hands the voter, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound<P> {
    /// A message a peer sent.
    Message(Incoming<P>),
    /// A peer began following this set's GRANDPA traffic (it connected, or came back
    /// after a restart). Gossip already sent does not reach it again, so the voter sends
    /// it its position and its votes of the live rounds at once, instead of at its next
    /// rebroadcast, up to [`super::GrandpaConfig::rebroadcast_interval`] later.
    Joined(P),
}

/// Names a gossiped message the network holds back until the voter's [`Verdict`], so
/// that nothing unchecked spreads from this node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelayTicket(pub u64);

/// What the voter made of a gossiped message: whether the network relays it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Well-formed, of the current set, and signed by its voters: relay it.
    Relay,
    /// Harmless but of no use to others (another set, a past round, a neighbour packet,
    /// catch-up traffic, a commit already final here): not relayed, not an offence.
    Keep,
    /// Invalid (undecodable, badly signed, from outside the set): dropped, and its sender
    /// reported.
    Drop,
}

/// Why the voter reports a peer: the network lowers its reputation, and bans repeat
/// offenders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offence {
    /// Bytes that are not a GRANDPA message.
    Undecodable,
    /// A vote, commit or catch-up whose signature does not verify.
    BadSignature,
    /// A vote from someone outside the authority set.
    UnknownVoter,
    /// A commit that does not finalize what it claims.
    BadCommit,
    /// A catch-up that does not complete its round.
    BadCatchUp,
}

/// The transport the voter runs over.
///
/// Calls never block: implementations queue and return. Messages a node sends are not
/// delivered back to it.
pub trait GrandpaNetwork: Send + Sync + 'static {
    /// How peers are named (libp2p's `PeerId` in the node).
    type Peer: Clone + Ord + std::fmt::Debug + Send + Sync + 'static;

    /// Gossips `message` to every peer; the libp2p layer publishes
    /// `message.to_bytes()` on the topic of `message.set_id()`.
    fn broadcast(&self, message: &GossipMessage);

    /// Sends `message` to `peer` alone (catch-up requests and answers, a commit for a
    /// peer that is behind).
    fn send_to(&self, peer: &Self::Peer, message: &GossipMessage);

    /// Every message peers send to this node, and every peer that joins, from now on.
    /// Called once per voter run.
    fn incoming(&self) -> BoxStream<'static, Inbound<Self::Peer>>;

    /// `peer` sent something invalid.
    fn report(&self, peer: &Self::Peer, offence: Offence) {
        let _ = (peer, offence);
    }

    /// The voter judged the gossiped message held under `ticket`: relay it or drop it.
    fn judged(&self, ticket: RelayTicket, verdict: Verdict) {
        let _ = (ticket, verdict);
    }

    /// The voter now runs for set `set_id`: subscribe to its topic (and leave older ones).
    fn set_changed(&self, set_id: SetId) {
        let _ = set_id;
    }

    /// Fetch block `hash`'s (number `number`) justification from a peer that has it and
    /// import it ([`super::GrandpaHandle::import_justification`]): the voter asks for the
    /// hand-over block of a set change it missed the last commit of.
    fn request_justification(&self, hash: Hash, number: BlockNumber) {
        let _ = (hash, number);
    }
}
