//! Arguments of the p2p layer, Substrate's names and defaults, so that operators' command
//! lines carry over.

use std::path::PathBuf;

use clap::Args;
use libp2p::Multiaddr;

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
