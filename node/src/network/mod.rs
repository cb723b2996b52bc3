//! The p2p network: libp2p over TCP (noise, yamux) with identify, ping, Kademlia, mDNS,
//! gossipsub and request-response, carrying this chain's blocks and transactions.
//!
//! One task owns the swarm ([`worker`]); everything else talks to it through
//! [`NetworkHandle`], which reports its state to RPC, metrics and block authoring.
//!
//! - Nodes shake hands with a status message (genesis, best, finalized, role); a peer on
//!   another genesis is disconnected and refused for a while.
//! - New blocks are announced over gossip (header and hash) and fetched by request; a node
//!   behind its peers downloads ranges ([`sync`]). Transactions are gossiped once the pool
//!   accepted them, and a received one is relayed only if the pool accepts it.
//! - Peers that send junk, oversized messages or invalid blocks lose reputation and are
//!   banned below a threshold ([`peers`]).
//!
//! Wire formats are SCALE and versioned ([`protocol`]). GRANDPA gossips on a topic per
//! authority set and sends catch-ups and commits to one peer on a request-response protocol
//! of its own ([`behaviour`]); [`NetworkHandle`] is its [`crate::grandpa::GrandpaNetwork`],
//! passing commands to the network task and peers' messages back (`finality`), a bounded
//! number per peer and second, and relaying gossip only once the voter found it valid.
//! Peers that completed the handshake are remembered across restarts ([`peer_store`]).

pub mod behaviour;
pub mod codec;
pub mod config;
pub mod counters;
mod finality;
pub mod peer_store;
pub mod peers;
pub mod protocol;
pub mod server;
pub mod status;
pub mod sync;
mod worker;

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use libp2p::{Multiaddr, PeerId};
use parking_lot::RwLock;
use taonet_runtime::BlockNumber;

use crate::chain::Client;
use crate::txpool::TxPool;

pub use behaviour::Behaviour;
pub use config::NetworkConfig;
pub use counters::{DropReason, NetworkCounters};
pub use status::{NetworkStatus, NoNetwork, PeerInfo};

/// Why the network could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    /// The node key could not be read, decoded or created.
    #[error("node key: {0}")]
    NodeKey(String),
    /// A boot node, reserved node or listen address is malformed.
    #[error("invalid address: {0}")]
    Address(String),
    /// A libp2p component could not be set up (transport, DNS, mDNS, gossipsub).
    #[error("cannot set up the network: {0}")]
    Setup(String),
    /// The node could not listen on any of its addresses.
    #[error("cannot listen on {addr}: {reason}")]
    Listen {
        /// The address.
        addr: Multiaddr,
        /// What the transport said.
        reason: String,
    },
    /// The chain could not be read.
    #[error(transparent)]
    Chain(#[from] crate::chain::ChainError),
}

/// What the network reports to the rest of the node; updated by the network task.
#[derive(Debug)]
struct Shared {
    local_peer_id: PeerId,
    should_have_peers: bool,
    listen: RwLock<Vec<Multiaddr>>,
    peers: RwLock<Vec<PeerInfo>>,
    peer_count: AtomicUsize,
    syncing: AtomicBool,
    best_seen: RwLock<Option<BlockNumber>>,
    /// The reserved peers, as `system_reservedPeers` lists them.
    reserved: RwLock<Vec<PeerId>>,
    /// Whether a validator may author: set by the network, read by authoring.
    synced: Arc<AtomicBool>,
    /// Connections and dropped messages, for the metrics.
    counters: Arc<NetworkCounters>,
}

/// A cheap, cloneable view of the running network.
#[derive(Debug, Clone)]
pub struct NetworkHandle {
    shared: Arc<Shared>,
    /// Commands for the network task.
    commands: tokio::sync::mpsc::UnboundedSender<Command>,
}

/// What the rest of the node asks of the network task.
enum Command {
    /// GRANDPA's traffic, reports and topics.
    Grandpa(finality::GrandpaCommand),
    /// Keep a connection to this peer at this address (`system_addReservedPeer`).
    AddReserved(PeerId, Multiaddr),
    /// Stop reserving this peer (`system_removeReservedPeer`).
    RemoveReserved(PeerId),
}

impl NetworkHandle {
    fn send(&self, command: Command) {
        // The network task only ends when the node stops: a lost command is then moot.
        let _ = self.commands.send(command);
    }

    /// The flag block authoring waits on: set while the node is in sync with its peers
    /// (and has peers, when it should).
    pub fn synced(&self) -> Arc<AtomicBool> {
        self.shared.synced.clone()
    }

    /// Connections and dropped messages so far (the metrics read them).
    pub fn counters(&self) -> Arc<NetworkCounters> {
        self.shared.counters.clone()
    }

    /// How many peers are connected (for the Prometheus gauge).
    pub fn peer_count(&self) -> usize {
        self.shared.peer_count.load(Ordering::Relaxed)
    }

    /// The highest block number a peer announced, if any (the sync target).
    pub fn best_seen_block(&self) -> Option<BlockNumber> {
        *self.shared.best_seen.read()
    }

    /// This node's PeerId.
    pub fn peer_id(&self) -> PeerId {
        self.shared.local_peer_id
    }
}

impl NetworkStatus for NetworkHandle {
    fn peers(&self) -> usize {
        self.peer_count()
    }
    fn is_syncing(&self) -> bool {
        self.shared.syncing.load(Ordering::Relaxed)
    }
    fn local_peer_id(&self) -> String {
        self.shared.local_peer_id.to_string()
    }
    fn listen_addresses(&self) -> Vec<String> {
        let id = self.shared.local_peer_id;
        self.shared
            .listen
            .read()
            .iter()
            .map(|addr| format!("{addr}/p2p/{id}"))
            .collect()
    }
    fn should_have_peers(&self) -> bool {
        self.shared.should_have_peers
    }
    fn best_seen_block(&self) -> Option<BlockNumber> {
        NetworkHandle::best_seen_block(self)
    }
    fn peer_info(&self) -> Vec<PeerInfo> {
        self.shared.peers.read().clone()
    }
    fn add_reserved_peer(&self, addr: &str) -> Result<(), String> {
        let addr: Multiaddr = addr.parse().map_err(|e| format!("{addr}: {e}"))?;
        let (peer, addr) =
            config::with_peer_id(addr, "reserved peer").map_err(|e| e.to_string())?;
        if peer == self.shared.local_peer_id {
            return Err("a node cannot reserve itself".into());
        }
        let mut reserved = self.shared.reserved.write();
        if !reserved.contains(&peer) {
            reserved.push(peer);
        }
        self.send(Command::AddReserved(peer, addr));
        Ok(())
    }
    fn remove_reserved_peer(&self, peer: &str) -> Result<(), String> {
        let peer: PeerId = peer.parse().map_err(|e| format!("{peer}: {e}"))?;
        self.shared.reserved.write().retain(|p| *p != peer);
        self.send(Command::RemoveReserved(peer));
        Ok(())
    }
    fn reserved_peers(&self) -> Vec<String> {
        self.shared
            .reserved
            .read()
            .iter()
            .map(PeerId::to_string)
            .collect()
    }
}

/// How often the network refreshes peers' statuses, lifts bans and dials boot nodes.
const TICK: Duration = Duration::from_secs(1);

/// Builds the swarm and starts listening; returns the handle and the task to run (as a
/// critical task: it ends only on a fatal error).
pub fn start(
    config: NetworkConfig,
    client: Arc<Client>,
    pool: Arc<TxPool>,
) -> Result<
    (
        NetworkHandle,
        impl Future<Output = Result<(), NetworkError>> + Send,
    ),
    NetworkError,
> {
    let local_peer_id = config.peer_id();
    let shared = Arc::new(Shared {
        local_peer_id,
        should_have_peers: config.should_have_peers,
        listen: RwLock::new(Vec::new()),
        peers: RwLock::new(Vec::new()),
        peer_count: AtomicUsize::new(0),
        syncing: AtomicBool::new(false),
        best_seen: RwLock::new(None),
        reserved: RwLock::new(config.reserved.iter().map(|(peer, _)| *peer).collect()),
        synced: Arc::new(AtomicBool::new(!config.should_have_peers)),
        counters: Arc::default(),
    });
    let (commands, commands_rx) = tokio::sync::mpsc::unbounded_channel();
    let worker = worker::Worker::new(config, client, pool, shared.clone(), commands_rx)?;
    tracing::info!(target: "net", "Local node identity is: {local_peer_id}");
    Ok((NetworkHandle { shared, commands }, worker.run()))
}
