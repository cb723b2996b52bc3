//! The libp2p behaviours a node runs, and their settings for small networks of a few
//! validators as much as for large ones.

use std::time::Duration;

use libp2p::identity::Keypair;
use libp2p::swarm::behaviour::toggle::Toggle;
use libp2p::{gossipsub, identify, kad, mdns, ping, request_response, PeerId};
use sp_io::hashing::blake2_256;

use super::codec::ScaleCodec;
use super::protocol::{
    GrandpaRequest, ProtocolNames, StatusMessage, SyncRequest, SyncResponse, MAX_GOSSIP_BYTES,
    MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES, STATUS_PROTOCOL,
};
use super::NetworkError;

/// The status handshake's request-response behaviour.
pub type StatusBehaviour = request_response::Behaviour<ScaleCodec<StatusMessage, StatusMessage>>;
/// The block range request-response behaviour.
pub type SyncBehaviour = request_response::Behaviour<ScaleCodec<SyncRequest, SyncResponse>>;
/// GRANDPA messages to one peer, acknowledged with an empty answer.
pub type GrandpaBehaviour = request_response::Behaviour<ScaleCodec<GrandpaRequest, ()>>;

/// How long a peer has to answer a range request (Substrate allows 20 s).
const SYNC_REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a peer has to answer the status handshake.
const STATUS_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a peer has to acknowledge a GRANDPA message.
const GRANDPA_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest GRANDPA request a peer may send: a message and room for its framing.
pub const GRANDPA_REQUEST_BYTES: usize = crate::grandpa::MAX_MESSAGE_SIZE + 1024;

pub use derived::{Behaviour, BehaviourEvent};

/// The derived behaviour, in its own module: `#[derive(NetworkBehaviour)]` also generates
/// `BehaviourEvent`, one variant per field, which cannot carry doc comments.
mod derived {
    #![allow(missing_docs)]

    use libp2p::swarm::behaviour::toggle::Toggle;
    use libp2p::swarm::NetworkBehaviour;
    use libp2p::{gossipsub, identify, kad, mdns, ping};

    use super::{GrandpaBehaviour, StatusBehaviour, SyncBehaviour};

    /// Every protocol a node speaks. GRANDPA gossips on `gossipsub` (a topic per authority
    /// set) and sends catch-ups and commits to one peer on `grandpa`.
    #[derive(NetworkBehaviour)]
    pub struct Behaviour {
        /// Who the peer is and where it listens (its addresses feed the DHT).
        pub identify: identify::Behaviour,
        /// Keeps idle connections alive and measures round trips.
        pub ping: ping::Behaviour,
        /// Peer discovery from the boot nodes, in server mode so small private networks work.
        pub kad: kad::Behaviour<kad::store::MemoryStore>,
        /// Local discovery, on development chains and with `--discover-local`.
        pub mdns: Toggle<mdns::tokio::Behaviour>,
        /// Block announcements and transactions.
        pub gossipsub: gossipsub::Behaviour,
        /// The status handshake (genesis, best, finalized, role).
        pub status: StatusBehaviour,
        /// Block range requests.
        pub sync: SyncBehaviour,
        /// GRANDPA messages to one peer.
        pub grandpa: GrandpaBehaviour,
    }
}

impl Behaviour {
    /// The behaviours of the node with `key`, for the chain `names` were made for.
    pub fn new(key: &Keypair, names: &ProtocolNames, mdns: bool) -> Result<Self, NetworkError> {
        let peer_id = PeerId::from(key.public());
        let identify = identify::Behaviour::new(
            identify::Config::new(names.identify.clone(), key.public())
                .with_agent_version(format!("taonet/{}", env!("CARGO_PKG_VERSION"))),
        );
        let mut kad_config = kad::Config::new(names.kad.clone());
        kad_config.set_query_timeout(Duration::from_secs(30));
        // The network task bootstraps itself, once it knows a peer: kad's own periodic
        // bootstrap only warns on a node that has none yet.
        kad_config.set_periodic_bootstrap_interval(None);
        let mut kad =
            kad::Behaviour::with_config(peer_id, kad::store::MemoryStore::new(peer_id), kad_config);
        kad.set_mode(Some(kad::Mode::Server));
        let mdns = if mdns {
            Some(
                mdns::tokio::Behaviour::new(mdns::Config::default(), peer_id)
                    .map_err(|e| NetworkError::Setup(format!("mDNS: {e}")))?,
            )
        } else {
            None
        };
        let status = request_response::Behaviour::with_codec(
            ScaleCodec::new(MAX_REQUEST_BYTES, MAX_REQUEST_BYTES),
            [(STATUS_PROTOCOL, request_response::ProtocolSupport::Full)],
            request_response::Config::default().with_request_timeout(STATUS_REQUEST_TIMEOUT),
        );
        let sync = request_response::Behaviour::with_codec(
            ScaleCodec::new(MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES + 64 * 1024),
            [(names.sync.clone(), request_response::ProtocolSupport::Full)],
            request_response::Config::default().with_request_timeout(SYNC_REQUEST_TIMEOUT),
        );
        let grandpa = request_response::Behaviour::with_codec(
            ScaleCodec::new(GRANDPA_REQUEST_BYTES, 16),
            [(
                names.grandpa.clone(),
                request_response::ProtocolSupport::Full,
            )],
            request_response::Config::default().with_request_timeout(GRANDPA_REQUEST_TIMEOUT),
        );
        Ok(Behaviour {
            identify,
            ping: ping::Behaviour::new(ping::Config::new()),
            kad,
            mdns: Toggle::from(mdns),
            gossipsub: gossipsub_behaviour(key, &names.grandpa_topic_prefix)?,
            status,
            sync,
            grandpa,
        })
    }
}

/// Gossipsub for networks of a handful of nodes up to many: signed messages, large enough
/// for a full block's transaction, validated by the node before they are forwarded.
///
/// A block announcement or transaction is identified by the hash of its content, so the
/// same one from two peers is one message. GRANDPA messages (topics starting with
/// `grandpa_prefix`) are identified by their author and sequence number instead: GRANDPA
/// repeats its neighbor packet and its own votes on purpose, for peers that were away or
/// restarted, and a content identifier would have gossipsub refuse every repetition for
/// [`gossipsub::Config::duplicate_cache_time`], leaving a stalled round stalled.
fn gossipsub_behaviour(
    key: &Keypair,
    grandpa_prefix: &str,
) -> Result<gossipsub::Behaviour, NetworkError> {
    let grandpa_prefix = grandpa_prefix.to_owned();
    let config = gossipsub::ConfigBuilder::default()
        .max_transmit_size(MAX_GOSSIP_BYTES)
        .message_id_fn(move |message: &gossipsub::Message| {
            if message.topic.as_str().starts_with(&grandpa_prefix) {
                let mut id = message.source.map(|p| p.to_bytes()).unwrap_or_default();
                id.extend(message.sequence_number.unwrap_or_default().to_be_bytes());
                gossipsub::MessageId::from(id)
            } else {
                gossipsub::MessageId::from(&blake2_256(&message.data)[..])
            }
        })
        .validation_mode(gossipsub::ValidationMode::Strict)
        .validate_messages()
        // A mesh of 2 to 8 (target 4) instead of 5 to 12 (target 6): with 3 or 4 peers the
        // defaults would keep every mesh permanently short.
        .mesh_outbound_min(1)
        .mesh_n_low(2)
        .mesh_n(4)
        .mesh_n_high(8)
        .flood_publish(true)
        .heartbeat_interval(Duration::from_millis(700))
        .duplicate_cache_time(Duration::from_secs(120))
        .build()
        .map_err(|e| NetworkError::Setup(format!("gossipsub: {e}")))?;
    gossipsub::Behaviour::new(gossipsub::MessageAuthenticity::Signed(key.clone()), config)
        .map_err(|e| NetworkError::Setup(format!("gossipsub: {e}")))
}
