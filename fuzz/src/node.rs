//! A real node's parts for the targets that drive the node's own parsers: the development
//! chain (`chain-specs/dev.json`, whose genesis carries the runtime's wasm, so nothing here
//! needs the wasm build) opened on parity-db in a temporary directory, with its pool and
//! its JSON-RPC methods, once per fuzzing process.

use std::sync::{Arc, OnceLock};

use jsonrpsee::RpcModule;
use taonet_node::chain::Client;
use taonet_node::chain_spec::ChainSpec;
use taonet_node::network::NoNetwork;
use taonet_node::rpc::{self, RpcDeps, SystemInfo};
use taonet_node::txpool::{PoolLimits, TxPool};

/// One opened development chain and what serves it.
pub struct DevNode {
    /// The chain, at genesis.
    pub client: Arc<Client>,
    /// Its transaction pool (the one the RPC methods submit to).
    pub pool: Arc<TxPool>,
    /// The GRANDPA authorities of its genesis (Alice), which justifications are checked
    /// against.
    pub grandpa_authorities: sp_consensus_grandpa::AuthorityList,
    /// Every JSON-RPC method, unsafe ones refused as on a public node.
    pub rpc: RpcModule<()>,
    /// Runs the methods (their blocking work goes to its blocking pool).
    pub runtime: tokio::runtime::Runtime,
    /// Holds the database and keystore directory for the process's life.
    _dir: tempfile::TempDir,
}

/// The process's development node, opened on first use.
pub fn dev_node() -> &'static DevNode {
    static NODE: OnceLock<DevNode> = OnceLock::new();
    NODE.get_or_init(open)
}

fn open() -> DevNode {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../chain-specs/dev.json");
    let spec = ChainSpec::from_json_file(&spec).expect("chain-specs/dev.json loads");
    let storage = spec.build_storage().expect("genesis builds");
    let dir = tempfile::tempdir().expect("tempdir");
    let client = Client::open(&dir.path().join("db"), None, storage).expect("chain opens");
    let keystore = taonet_node::keystore::Keystore::open(&dir.path().join("keystore"))
        .expect("keystore opens");
    let genesis = client.info().genesis;
    let authorities = client
        .call(&genesis, "GrandpaApi_grandpa_authorities", &[])
        .expect("GRANDPA authorities");
    let grandpa_authorities =
        codec::Decode::decode(&mut &authorities[..]).expect("an authority list");
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    let rpc = rpc::build_module(
        RpcDeps {
            pool: pool.clone(),
            client: client.clone(),
            keystore: Arc::new(keystore),
            system: SystemInfo {
                node_name: "fuzz".into(),
                version: "0".into(),
                chain_name: spec.name().into(),
                chain_type: "Development".into(),
                properties: serde_json::Value::Object(spec.properties()),
                is_validator: false,
            },
            network: Arc::new(NoNetwork),
            grandpa: None,
        },
        true,
    )
    .expect("methods register");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("tokio runtime");
    DevNode {
        client,
        pool,
        grandpa_authorities,
        rpc,
        runtime,
        _dir: dir,
    }
}
