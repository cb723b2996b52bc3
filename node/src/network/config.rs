//! The network's settings, resolved before the swarm starts (from the command line and the
//! chain spec: `crate::cli::NetworkParams::network_config`), so that a bad address or key
//! stops the node at once with a clear error.

use std::path::PathBuf;

use libp2p::identity::Keypair;
use libp2p::multiaddr::Protocol;
use libp2p::{Multiaddr, PeerId};

use super::protocol::Role;
use super::NetworkError;

/// Everything the network task needs to know before it starts.
#[derive(Debug, Clone)]
pub struct NetworkConfig {
    /// The node's identity.
    pub key: Keypair,
    /// Where to listen.
    pub listen: Vec<Multiaddr>,
    /// Addresses to advertise as ours.
    pub public: Vec<Multiaddr>,
    /// Peers to dial at start (and whenever the node has no peers).
    pub bootnodes: Vec<(PeerId, Multiaddr)>,
    /// Peers always kept connected.
    pub reserved: Vec<(PeerId, Multiaddr)>,
    /// Accept and dial reserved peers only.
    pub reserved_only: bool,
    /// Most non-reserved inbound peers.
    pub in_peers: u32,
    /// Most non-reserved outbound peers.
    pub out_peers: u32,
    /// Whether to discover peers with mDNS.
    pub mdns: bool,
    /// Where the peers worth dialing again are kept across restarts
    /// ([`super::peer_store`]); none if `None`.
    pub peer_store: Option<PathBuf>,
    /// What this node does.
    pub role: Role,
    /// Whether this node is expected to have peers: false on a development chain with
    /// nobody to connect to, where a lone validator authors without waiting.
    pub should_have_peers: bool,
}

impl NetworkConfig {
    /// This node's PeerId.
    pub fn peer_id(&self) -> PeerId {
        self.key.public().to_peer_id()
    }
}

/// Splits `/…/p2p/<PeerId>` into the PeerId and the address before it.
pub(crate) fn with_peer_id(
    mut addr: Multiaddr,
    what: &str,
) -> Result<(PeerId, Multiaddr), NetworkError> {
    let shown = addr.to_string();
    match addr.pop() {
        Some(Protocol::P2p(peer)) => Ok((peer, addr)),
        _ => Err(NetworkError::Address(format!(
            "{what}: {shown} does not end in /p2p/<PeerId>"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bootnode_needs_a_peer_id() {
        let peer = PeerId::random();
        let addr: Multiaddr = format!("/ip4/127.0.0.1/tcp/30333/p2p/{peer}")
            .parse()
            .expect("multiaddr");
        let (id, rest) = with_peer_id(addr, "test").expect("split");
        assert_eq!(id, peer);
        assert_eq!(rest.to_string(), "/ip4/127.0.0.1/tcp/30333");
        let bare: Multiaddr = "/ip4/127.0.0.1/tcp/30333".parse().expect("multiaddr");
        assert!(with_peer_id(bare, "test").is_err());
    }
}
