//! What the p2p layer reports to the rest of the node, and takes from it: the API that
//! RPC (`system_health`, `system_peers`, reserved peers, …) is written against, apart from
//! its libp2p implementation ([`super::NetworkHandle`]), so that RPC runs without a network
//! ([`NoNetwork`]) and the network knows nothing of RPC.

use serde::Serialize;
use taonet_runtime::{BlockNumber, Hash};

/// One connected peer as `system_peers` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeerInfo {
    /// Its libp2p peer id.
    pub peer_id: String,
    /// Its roles (`FULL`, `AUTHORITY`, …).
    pub roles: String,
    /// The best block it announced.
    pub best_hash: Hash,
    /// That block's number.
    pub best_number: BlockNumber,
}

/// What the p2p layer tells RPC clients (`system_health`, `system_localPeerId`, …). The
/// network is built later than the RPC server: the service supplies the implementation;
/// [`NoNetwork`] stands in until then.
pub trait NetworkStatus: Send + Sync {
    /// How many peers are connected.
    fn peers(&self) -> usize;
    /// Whether the node is catching up with its peers.
    fn is_syncing(&self) -> bool;
    /// This node's libp2p peer id.
    fn local_peer_id(&self) -> String;
    /// The multiaddresses this node listens on.
    fn listen_addresses(&self) -> Vec<String>;
    /// Whether this node should have peers (false for a lone development node).
    fn should_have_peers(&self) -> bool;
    /// The highest block number a peer announced, if any (`system_syncState`).
    fn best_seen_block(&self) -> Option<BlockNumber> {
        None
    }
    /// The connected peers (`system_peers`).
    fn peer_info(&self) -> Vec<PeerInfo> {
        Vec::new()
    }
    /// Reserves the peer at `addr`, a multiaddress ending in `/p2p/<PeerId>`, and dials it
    /// (`system_addReservedPeer`); why not, if the address is not one.
    fn add_reserved_peer(&self, addr: &str) -> Result<(), String> {
        Err(format!("{addr}: this node has no p2p network"))
    }
    /// Stops reserving peer `peer_id` (`system_removeReservedPeer`).
    fn remove_reserved_peer(&self, peer_id: &str) -> Result<(), String> {
        Err(format!("{peer_id}: this node has no p2p network"))
    }
    /// The reserved peers' ids (`system_reservedPeers`).
    fn reserved_peers(&self) -> Vec<String> {
        Vec::new()
    }
}

/// The network of a node without p2p: no peers, never syncing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoNetwork;

impl NetworkStatus for NoNetwork {
    fn peers(&self) -> usize {
        0
    }
    fn is_syncing(&self) -> bool {
        false
    }
    fn local_peer_id(&self) -> String {
        String::new()
    }
    fn listen_addresses(&self) -> Vec<String> {
        Vec::new()
    }
    fn should_have_peers(&self) -> bool {
        false
    }
}
