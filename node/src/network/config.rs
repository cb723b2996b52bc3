//! The network's settings, resolved from the command line and the chain spec before the
//! swarm starts, so that a bad address or key stops the node at once with a clear error.

use std::path::Path;

use libp2p::identity::Keypair;
use libp2p::multiaddr::Protocol;
use libp2p::{Multiaddr, PeerId};

use super::protocol::Role;
use super::NetworkError;
use crate::chain_spec::{ChainSpec, ChainType};
use crate::cli::NetworkParams;
use crate::key;

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
    /// What this node does.
    pub role: Role,
    /// Whether this node is expected to have peers: false on a development chain with
    /// nobody to connect to, where a lone validator authors without waiting.
    pub should_have_peers: bool,
}

impl NetworkConfig {
    /// The settings from `params`, for `spec`'s chain, with the node key from
    /// `--node-key`, `--node-key-file` or `<base>/chains/<id>/network/secret_ed25519`.
    pub fn from_params(
        params: &NetworkParams,
        spec: &ChainSpec,
        base: &Path,
        role: Role,
    ) -> Result<NetworkConfig, NetworkError> {
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
            role,
        })
    }

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
