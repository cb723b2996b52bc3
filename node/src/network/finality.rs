//! GRANDPA over libp2p: [`NetworkHandle`] implements [`GrandpaNetwork`] by queueing
//! [`GrandpaCommand`]s for the network task, which gossips on a topic per authority set
//! ([`super::protocol::ProtocolNames::grandpa_topic`]), sends messages for one peer on the
//! `grandpa` request-response protocol, forwards what peers send, and the peers that
//! subscribe to the set's topic, as [`Inbound`] through a bounded queue (gossip held back
//! from relaying until the voter's [`Verdict`]), lowers the reputation of peers the voter
//! reports, and has sync fetch the justifications the voter asks for.

use futures::stream::BoxStream;
use futures::StreamExt;
use libp2p::PeerId;
use sp_consensus_grandpa::SetId;
use taonet_runtime::{BlockNumber, Hash};

use super::NetworkHandle;
use crate::grandpa::{
    GossipMessage, GrandpaHandle, GrandpaNetwork, Inbound, Offence, RelayTicket, Verdict,
};

/// Messages from peers, and peers joining, queued for the voter at most; past that they
/// are dropped (and gossip not relayed), so a flood costs memory no more than this.
pub(super) const VOTER_QUEUE: usize = 4_096;

/// What GRANDPA asks of the network task.
pub(super) enum GrandpaCommand {
    /// Gossip `bytes` on the topic of set `set_id`.
    Broadcast {
        /// The message's set.
        set_id: SetId,
        /// Its wire form.
        bytes: Vec<u8>,
    },
    /// Send `bytes` to `peer` alone.
    Send {
        /// The addressee.
        peer: PeerId,
        /// The message's wire form.
        bytes: Vec<u8>,
    },
    /// Deliver GRANDPA messages from peers, and peers joining, here from now on
    /// (replacing an earlier sink).
    Incoming(futures::channel::mpsc::Sender<Inbound<PeerId>>),
    /// The voter judged a held gossip message: relay it or not.
    Judged(RelayTicket, Verdict),
    /// Lower `peer`'s reputation.
    Report(PeerId, Offence),
    /// Listen to set `set_id`'s topic only.
    SetChanged(SetId),
    /// Import the GRANDPA justifications that come with synced blocks through this handle.
    Justifications(GrandpaHandle),
    /// Ask a peer for block `hash`'s justification, and import it.
    RequestJustification {
        /// The block.
        hash: Hash,
        /// Its number (only peers whose best chain reaches it are asked).
        number: BlockNumber,
    },
}

impl NetworkHandle {
    fn command(&self, command: GrandpaCommand) {
        self.send(super::Command::Grandpa(command));
    }

    /// Has sync give the `FRNK` justifications of the blocks it imports to `handle`
    /// ([`GrandpaHandle::import_justification`]), in block order.
    pub fn import_justifications_with(&self, handle: GrandpaHandle) {
        self.command(GrandpaCommand::Justifications(handle));
    }
}

impl GrandpaNetwork for NetworkHandle {
    type Peer = PeerId;

    fn broadcast(&self, message: &GossipMessage) {
        self.command(GrandpaCommand::Broadcast {
            set_id: message.set_id(),
            bytes: message.to_bytes(),
        });
    }

    fn send_to(&self, peer: &PeerId, message: &GossipMessage) {
        self.command(GrandpaCommand::Send {
            peer: *peer,
            bytes: message.to_bytes(),
        });
    }

    fn incoming(&self) -> BoxStream<'static, Inbound<PeerId>> {
        let (sender, receiver) = futures::channel::mpsc::channel(VOTER_QUEUE);
        self.command(GrandpaCommand::Incoming(sender));
        receiver.boxed()
    }

    fn report(&self, peer: &PeerId, offence: Offence) {
        self.command(GrandpaCommand::Report(*peer, offence));
    }

    fn judged(&self, ticket: RelayTicket, verdict: Verdict) {
        self.command(GrandpaCommand::Judged(ticket, verdict));
    }

    fn set_changed(&self, set_id: SetId) {
        self.command(GrandpaCommand::SetChanged(set_id));
    }

    fn request_justification(&self, hash: Hash, number: BlockNumber) {
        self.command(GrandpaCommand::RequestJustification { hash, number });
    }
}
