//! Running the node: open the chain, start the pool, the p2p network, RPC, metrics and
//! authoring as critical tasks, and shut everything down cleanly on a signal or a task's
//! failure.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use sp_consensus_aura::sr25519::AuthorityPair;
use sp_core::crypto::KeyTypeId;
use sp_core::Pair as _;

use crate::chain::{ChainError, Client};
use crate::chain_spec::{ChainSpec, ChainSpecError};
use crate::cli::{RpcMethodsArg, RunCmd};
use crate::grandpa::{self, GrandpaConfig, GrandpaError, GrandpaHandle, GrandpaParams};
use crate::keystore::{Keystore, KeystoreError};
use crate::network::{self, protocol::Role, NetworkError};
use crate::paths;
use crate::rpc::{self, RpcConfig, RpcDeps, RpcMethods, SystemInfo};
use crate::tasks::{Stop, TaskManager};
use crate::txpool::{PoolLimits, TxPool};
use crate::{authoring, metrics};

/// Aura's key type in the keystore.
const AURA: KeyTypeId = KeyTypeId(*b"aura");
/// GRANDPA's key type in the keystore.
const GRANDPA: KeyTypeId = KeyTypeId(*b"gran");

/// Why the node could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The chain spec could not be loaded.
    #[error(transparent)]
    ChainSpec(#[from] ChainSpecError),
    /// The database or genesis failed.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// The keystore failed.
    #[error(transparent)]
    Keystore(#[from] KeystoreError),
    /// The RPC server did not start.
    #[error(transparent)]
    Rpc(#[from] rpc::RpcError),
    /// The p2p network did not start.
    #[error(transparent)]
    Network(#[from] NetworkError),
    /// GRANDPA's state could not be loaded.
    #[error(transparent)]
    Grandpa(#[from] GrandpaError),
    /// A path could not be created or resolved.
    #[error("{0}")]
    Path(String),
    /// A critical task ended.
    #[error("{name} stopped: {reason}")]
    TaskEnded {
        /// The task.
        name: &'static str,
        /// Why.
        reason: String,
    },
}

/// Runs the node until Ctrl-C, SIGTERM or a fatal error; prints the error, if any.
pub fn run(cmd: RunCmd) -> ExitCode {
    if let Err(error) = crate::logging::init("info", &cmd.shared.log.log) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    crate::executor::configure(cmd.execution.config());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("taonet-worker")
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The temporary directory must outlive the runtime: tasks still holding the database
    // are dropped by the runtime's shutdown, and the database flushes on drop.
    let (base, tmp) = match base_path(&cmd) {
        Ok(paths) => paths,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(run_node(cmd, base));
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    drop(tmp);
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(target: "service", "{error}");
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run_node(cmd: RunCmd, base: PathBuf) -> Result<(), ServiceError> {
    let spec = ChainSpec::load(cmd.shared.chain_id())?;
    let identity = cmd.keyring.identity().or(cmd.shared.dev.then_some("Alice"));
    let validator = cmd.validator || identity.is_some();
    let name = cmd
        .name
        .clone()
        .or(identity.map(str::to_owned))
        .unwrap_or_else(|| format!("taonet-{}", std::process::id()));
    tracing::info!(target: "service", "taonet {}", env!("CARGO_PKG_VERSION"));
    tracing::info!(target: "service", chain = spec.name(), node = %name, "starting");
    tracing::info!(target: "service", path = %base.display(), "data directory");

    let genesis = spec.build_storage()?;
    let db_path = paths::database_dir(&base, &spec);
    std::fs::create_dir_all(&db_path)
        .map_err(|e| ServiceError::Path(format!("{}: {e}", db_path.display())))?;
    let client = Client::open(&db_path, cmd.database.state_pruning, genesis)?;
    let info = client.info();
    tracing::info!(
        target: "service",
        genesis = %info.genesis, best = info.best.number, finalized = info.finalized.number,
        "chain opened"
    );

    let keystore = Arc::new(Keystore::open(paths::keystore_dir(&base, &spec))?);
    if let Some(identity) = identity {
        insert_dev_keys(&keystore, identity)?;
    }

    let mut tasks = TaskManager::default();
    let pool = TxPool::new(
        client.clone(),
        PoolLimits::with_ready(
            cmd.pool.pool_limit,
            cmd.pool.pool_kbytes.saturating_mul(1024),
        ),
    );
    tasks.spawn_critical("transaction pool", {
        let pool = pool.clone();
        async move {
            pool.maintain().await;
            Err::<(), _>("chain events ended")
        }
    });

    let role = if validator {
        Role::Authority
    } else {
        Role::Full
    };
    let network_config = cmd.network.network_config(&spec, &base, role)?;
    let (network, network_task) = network::start(network_config, client.clone(), pool.clone())?;
    tasks.spawn_critical("network", network_task);

    // GRANDPA, unless the chain finalizes by itself or --no-grandpa: a validator votes with
    // its `gran` keys, a full node follows commits.
    let grandpa = if !cmd.no_grandpa && grandpa::should_run(&client) {
        let handle = GrandpaHandle::open(client.clone())?;
        network.import_justifications_with(handle.clone());
        let keys: Vec<sp_consensus_grandpa::AuthorityPair> = if validator {
            keystore
                .ed25519_pairs(GRANDPA)
                .into_iter()
                .map(sp_consensus_grandpa::AuthorityPair::from)
                .collect()
        } else {
            Vec::new()
        };
        tasks.spawn_critical(
            "grandpa voter",
            grandpa::run_voter(GrandpaParams {
                client: client.clone(),
                network: Arc::new(network.clone()),
                keys,
                config: GrandpaConfig::default(),
                handle: handle.clone(),
            }),
        );
        Some(handle)
    } else {
        None
    };

    let grandpa_metrics = grandpa.clone();
    let node_name = name.clone();
    let rpc = rpc::start(
        rpc_config(&cmd),
        RpcDeps {
            client: client.clone(),
            pool: pool.clone(),
            keystore: keystore.clone(),
            system: SystemInfo {
                node_name: name,
                version: env!("CARGO_PKG_VERSION").to_owned(),
                chain_name: spec.name().to_owned(),
                chain_type: chain_type_name(spec.chain_type()),
                properties: serde_json::Value::Object(spec.properties()),
                is_validator: validator,
            },
            network: Arc::new(network.clone()),
            grandpa,
        },
    )
    .await?;
    tracing::info!(target: "rpc", addr = %rpc.local_addr(), "Running JSON-RPC server");

    if !cmd.prometheus.no_prometheus {
        let ip = if cmd.prometheus.prometheus_external {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        } else {
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        };
        tasks.spawn_critical(
            "prometheus",
            metrics::run(
                SocketAddr::new(ip, cmd.prometheus.prometheus_port),
                metrics::Sources {
                    client: client.clone(),
                    pool: pool.clone(),
                    peers: Arc::new({
                        let network = network.clone();
                        move || network.peer_count()
                    }),
                    sync_target: Arc::new({
                        let network = network.clone();
                        move || network.best_seen_block()
                    }),
                    rpc: rpc.counters(),
                    network: network.counters(),
                    grandpa: grandpa_metrics,
                    roles: match role {
                        Role::Authority => 4,
                        Role::Full => 1,
                    },
                    chain: spec.id().to_owned(),
                    name: node_name,
                    version: env!("CARGO_PKG_VERSION").to_owned(),
                },
            ),
        );
    }

    if validator {
        let keys: Vec<AuthorityPair> = keystore
            .sr25519_pairs(AURA)
            .into_iter()
            .map(AuthorityPair::from)
            .collect();
        if keys.is_empty() {
            tracing::warn!(target: "service", "--validator without an Aura key: not authoring");
        } else {
            let synced = if cmd.force_authoring {
                Arc::new(AtomicBool::new(true))
            } else {
                network.synced()
            };
            tasks.spawn_critical(
                "block authoring",
                authoring::run(client.clone(), pool.clone(), keys, synced),
            );
        }
    }

    let stop = tasks.wait().await;
    rpc.stop();
    match stop {
        Stop::Signal => {
            tracing::info!(target: "service", "shutting down");
            Ok(())
        }
        Stop::TaskEnded { name, reason } => Err(ServiceError::TaskEnded { name, reason }),
    }
}

/// The base path and, under `--tmp` (or `--dev` without a base path), the temporary
/// directory that holds it until the node exits.
fn base_path(cmd: &RunCmd) -> Result<(PathBuf, Option<tempfile::TempDir>), ServiceError> {
    let shared = &cmd.shared;
    if let Some(base) = &shared.base_path {
        return Ok((base.clone(), None));
    }
    if shared.tmp || shared.dev {
        let dir = tempfile::Builder::new()
            .prefix("taonet-")
            .tempdir()
            .map_err(|e| ServiceError::Path(format!("temporary directory: {e}")))?;
        return Ok((dir.path().to_path_buf(), Some(dir)));
    }
    paths::default_base_path()
        .map_err(|e| ServiceError::Path(e.to_string()))
        .map(|base| (base, None))
}

/// Puts `identity`'s well-known Aura (sr25519) and GRANDPA (ed25519) keys in the keystore.
fn insert_dev_keys(keystore: &Keystore, identity: &str) -> Result<(), ServiceError> {
    let suri = format!("//{identity}");
    let aura = sp_core::sr25519::Pair::from_string(&suri, None)
        .map_err(|e| ServiceError::Path(format!("{suri}: {e:?}")))?;
    let grandpa = sp_core::ed25519::Pair::from_string(&suri, None)
        .map_err(|e| ServiceError::Path(format!("{suri}: {e:?}")))?;
    keystore.insert(AURA, &suri, aura.public().as_ref())?;
    keystore.insert(GRANDPA, &suri, grandpa.public().as_ref())?;
    Ok(())
}

/// The RPC server's settings from the command line.
fn rpc_config(cmd: &RunCmd) -> RpcConfig {
    let rpc = &cmd.rpc;
    let external = rpc.rpc_external || rpc.unsafe_rpc_external;
    let ip = if external {
        IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    } else {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    };
    let methods = match (rpc.unsafe_rpc_external, rpc.rpc_methods, cmd.shared.dev) {
        (true, _, _) | (_, RpcMethodsArg::Unsafe, _) => RpcMethods::Unsafe,
        (_, RpcMethodsArg::Safe, _) => RpcMethods::Safe,
        (_, RpcMethodsArg::Auto, _) => RpcMethods::Auto,
    };
    let cors = match rpc.rpc_cors.as_deref() {
        Some("all") | Some("*") => None,
        Some(list) => Some(list.split(',').map(|s| s.trim().to_owned()).collect()),
        None if cmd.shared.dev => None,
        None => Some(
            [
                "http://localhost:*",
                "http://127.0.0.1:*",
                "https://localhost:*",
                "https://127.0.0.1:*",
                "https://polkadot.js.org",
            ]
            .map(str::to_owned)
            .to_vec(),
        ),
    };
    let mib = |n: u32| n.saturating_mul(1024 * 1024);
    RpcConfig {
        addr: SocketAddr::new(ip, rpc.rpc_port),
        methods,
        cors,
        max_connections: rpc.rpc_max_connections,
        idle_timeout: (rpc.rpc_idle_timeout > 0)
            .then(|| std::time::Duration::from_secs(rpc.rpc_idle_timeout)),
        max_request_bytes: mib(rpc.rpc_max_request_size),
        max_response_bytes: mib(rpc.rpc_max_response_size),
        max_subscriptions_per_connection: rpc.rpc_max_subscriptions_per_connection,
        max_batch_len: rpc.rpc_max_batch_request_len,
    }
}

/// `system_chainType`'s answer: sc-chain-spec's name of the chain type.
fn chain_type_name(chain_type: &crate::chain_spec::ChainType) -> String {
    use crate::chain_spec::ChainType;
    match chain_type {
        ChainType::Development => "Development".to_owned(),
        ChainType::Local => "Local".to_owned(),
        ChainType::Live => "Live".to_owned(),
        ChainType::Custom(name) => name.clone(),
    }
}
