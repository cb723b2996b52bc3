//! Arguments of the p2p layer, Substrate's names and defaults, so that operators' command
//! lines carry over.

use std::path::{Path, PathBuf};

use clap::Args;
use libp2p::identity::Keypair;
use libp2p::multiaddr::Protocol;
use libp2p::Multiaddr;

use crate::chain_spec::{ChainSpec, ChainType};
use crate::key;
use crate::network::config::with_peer_id;
use crate::network::protocol::Role;
use crate::network::{NetworkConfig, NetworkError};

/// How the node joins the network: identity, addresses, peers and discovery.
#[derive(Debug, Clone, Args)]
pub struct NetworkParams {
    /// The node's libp2p secret key as 64 hex digits. It fixes the PeerId; prefer
    /// `--node-key-file`, as a key on the command line shows in the process list.
    #[arg(long, value_name = "KEY", conflicts_with = "node_key_file")]
    pub node_key: Option<String>,
    /// File holding the node's libp2p secret key (32 raw bytes or 64 hex digits). Default:
    /// `<base>/chains/<id>/network/secret_ed25519`, created on first start.
    #[arg(long, value_name = "FILE")]
    pub node_key_file: Option<PathBuf>,
    /// Peers to connect to at start, as multiaddresses ending in `/p2p/<PeerId>`
    /// (added to the chain spec's boot nodes).
    #[arg(long, value_name = "ADDR", num_args = 1.., value_delimiter = ' ')]
    pub bootnodes: Vec<Multiaddr>,
    /// Peers always kept connected (multiaddresses ending in `/p2p/<PeerId>`); they are not
    /// counted against `--in-peers`/`--out-peers`.
    #[arg(long, value_name = "ADDR", num_args = 1.., value_delimiter = ' ')]
    pub reserved_nodes: Vec<Multiaddr>,
    /// Connect to reserved nodes only, and accept no one else.
    #[arg(long)]
    pub reserved_only: bool,
    /// Addresses to listen on. Default: `/ip4/0.0.0.0/tcp/<--port>`.
    #[arg(long, value_name = "ADDR", num_args = 1.., value_delimiter = ' ')]
    pub listen_addr: Vec<Multiaddr>,
    /// TCP port to listen on when `--listen-addr` is not given (0: any free port).
    #[arg(long, value_name = "PORT", default_value_t = 30333)]
    pub port: u16,
    /// Addresses other nodes can reach this one at (behind NAT or a proxy); advertised
    /// through identify and the DHT.
    #[arg(long, value_name = "ADDR", num_args = 1.., value_delimiter = ' ')]
    pub public_addr: Vec<Multiaddr>,
    /// Most inbound connections from other (non-reserved) nodes.
    #[arg(long, value_name = "COUNT", default_value_t = 32)]
    pub in_peers: u32,
    /// Most outbound connections this node opens to (non-reserved) nodes it discovers.
    #[arg(long, value_name = "COUNT", default_value_t = 8)]
    pub out_peers: u32,
    /// Find peers on the local network with mDNS (implied on a development chain).
    #[arg(long)]
    pub discover_local: bool,
    /// Never use mDNS, even on a development chain or with `--discover-local`.
    #[arg(long)]
    pub no_mdns: bool,
}

impl NetworkParams {
    /// The network's settings from these arguments, for `spec`'s chain, with the node key
    /// from `--node-key`, `--node-key-file` or `<base>/chains/<id>/network/secret_ed25519`.
    pub fn network_config(
        &self,
        spec: &ChainSpec,
        base: &Path,
        role: Role,
    ) -> Result<NetworkConfig, NetworkError> {
        let params = self;
        let ed25519 = match (&params.node_key, &params.node_key_file) {
            (Some(hex), _) => key::decode_node_key(hex.as_bytes(), false)
                .map_err(|reason| NetworkError::NodeKey(format!("--node-key: {reason}")))?,
            (None, Some(file)) => key::load_or_generate_node_key(file)
                .map_err(|e| NetworkError::NodeKey(e.to_string()))?,
            (None, None) => {
                key::load_or_generate_node_key(&crate::paths::node_key_file(base, spec))
                    .map_err(|e| NetworkError::NodeKey(e.to_string()))?
            }
        };
        let key = Keypair::from(ed25519);
        let listen = if params.listen_addr.is_empty() {
            vec![Multiaddr::empty()
                .with(Protocol::Ip4(std::net::Ipv4Addr::UNSPECIFIED))
                .with(Protocol::Tcp(params.port))]
        } else {
            params.listen_addr.clone()
        };
        let mut bootnodes = Vec::new();
        for text in spec.boot_nodes() {
            let addr: Multiaddr = text
                .parse()
                .map_err(|e| NetworkError::Address(format!("chain spec boot node {text}: {e}")))?;
            bootnodes.push(with_peer_id(addr, "chain spec boot node")?);
        }
        for addr in &params.bootnodes {
            bootnodes.push(with_peer_id(addr.clone(), "--bootnodes")?);
        }
        let own = key.public().to_peer_id();
        bootnodes.retain(|(peer, _)| *peer != own);
        let reserved = params
            .reserved_nodes
            .iter()
            .map(|addr| with_peer_id(addr.clone(), "--reserved-nodes"))
            .collect::<Result<Vec<_>, _>>()?;
        let development = matches!(spec.chain_type(), ChainType::Development);
        Ok(NetworkConfig {
            key,
            listen,
            public: params.public_addr.clone(),
            should_have_peers: !development || !bootnodes.is_empty() || !reserved.is_empty(),
            bootnodes,
            reserved,
            reserved_only: params.reserved_only,
            in_peers: params.in_peers,
            out_peers: params.out_peers,
            mdns: !params.no_mdns && (params.discover_local || development),
            peer_store: Some(crate::paths::peer_store_file(base, spec)),
            role,
        })
    }
}
