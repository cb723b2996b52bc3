//! GRANDPA over libp2p: [`NetworkHandle`] implements [`GrandpaNetwork`] by queueing
//! [`Command`]s for the network task, which gossips on a topic per authority set
//! ([`super::protocol::ProtocolNames::grandpa_topic`]), sends messages for one peer on the
//! `grandpa` request-response protocol, forwards what peers send as [`Incoming`] and
//! lowers the reputation of peers the voter reports.

use futures::stream::BoxStream;
use futures::StreamExt;
use libp2p::PeerId;
use sp_consensus_grandpa::SetId;

use super::NetworkHandle;
use crate::grandpa::{GossipMessage, GrandpaHandle, GrandpaNetwork, Incoming, Offence};

/// What the rest of the node asks of the network task.
pub(super) enum Command {
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
    /// Deliver GRANDPA messages from peers here from now on (replacing an earlier sink).
    Incoming(futures::channel::mpsc::UnboundedSender<Incoming<PeerId>>),
    /// Lower `peer`'s reputation.
    Report(PeerId, Offence),
    /// Listen to set `set_id`'s topic only.
    SetChanged(SetId),
    /// Import the GRANDPA justifications that come with synced blocks through this handle.
    Justifications(GrandpaHandle),
    /// Keep a connection to this peer at this address (`system_addReservedPeer`).
    AddReserved(PeerId, libp2p::Multiaddr),
    /// Stop reserving this peer (`system_removeReservedPeer`).
    RemoveReserved(PeerId),
}

impl NetworkHandle {
    fn command(&self, command: Command) {
        // The network task only ends when the node stops: a lost command is then moot.
        let _ = self.commands.send(command);
    }

    /// Has sync give the `FRNK` justifications of the blocks it imports to `handle`
    /// ([`GrandpaHandle::import_justification`]), in block order.
    pub fn import_justifications_with(&self, handle: GrandpaHandle) {
        self.command(Command::Justifications(handle));
    }
}

impl GrandpaNetwork for NetworkHandle {
    type Peer = PeerId;

    fn broadcast(&self, message: &GossipMessage) {
        self.command(Command::Broadcast {
            set_id: message.set_id(),
            bytes: message.to_bytes(),
        });
    }

    fn send_to(&self, peer: &PeerId, message: &GossipMessage) {
        self.command(Command::Send {
            peer: *peer,
            bytes: message.to_bytes(),
        });
    }

    fn incoming(&self) -> BoxStream<'static, Incoming<PeerId>> {
        let (sender, receiver) = futures::channel::mpsc::unbounded();
        self.command(Command::Incoming(sender));
        receiver.boxed()
    }

    fn report(&self, peer: &PeerId, offence: Offence) {
        self.command(Command::Report(*peer, offence));
    }

    fn set_changed(&self, set_id: SetId) {
        self.command(Command::SetChanged(set_id));
    }
}
