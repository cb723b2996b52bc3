//! The JSON-RPC server: Substrate's legacy API (`system_*`, `chain_*`, `state_*`,
//! `author_*`, `rpc_methods`), wire-compatible so that polkadot.js, py-substrate-interface,
//! subxt and the bittensor tools work against this node unchanged, and subtensor's custom
//! methods (`neuronInfo_*`, `subnetInfo_*`, `delegateInfo_*`, `stakeInfo_*`, `swap_*`).
//!
//! HTTP and WebSocket share one port (jsonrpsee's server does both); connections idle for
//! `--rpc-idle-timeout` are closed and WebSockets leave HTTP a share of the connection
//! budget ([`connections`]). Names, aliases,
//! parameters, result shapes, notification method names and error codes follow Substrate;
//! where the node differs it says so on the method. Calls that read the chain or run the
//! runtime execute on tokio's blocking pool; subscriptions follow the client's chain
//! events in one task each, which ends when the client unsubscribes or disconnects.
//!
//! Errors (`code`, `message`, `data`):
//! - bad parameters (bad hex, an undecodable value, a missing one): `-32602 Invalid params`
//!   with the reason as data;
//! - an `at` block that is not stored: the group's client error, e.g. state
//!   `4003 "Client error: UnknownBlock: 0x…"` (state pruned: `"… State already discarded
//!   for 0x…"`); `chain_getHeader`/`chain_getBlock` answer `null` for an unknown hash, as
//!   Substrate does;
//! - a failing runtime call: `4003 "Client error: Execution failed: …"`;
//! - subtensor's custom methods, whose call failed (an unknown `at` block included):
//!   subtensor's `1 "Unable to get …: <the reason as above>"`;
//! - pool rejections: Substrate's `author` codes (`1010 "Invalid Transaction"` with the
//!   runtime's reason as data, `1001` undecodable extrinsic, `1013` already imported, …),
//!   always at submission, never as a later status;
//! - an unsafe method on a server serving safe methods only:
//!   `-32601 "RPC call is unsafe to be called externally"`; unsafe methods stay listed in
//!   `rpc_methods`, as in Substrate.

mod access;
mod author;
mod bodies;
mod chain;
mod connections;
mod errors;
mod grandpa;
mod notifications;
mod params;
mod register;
mod state;
mod subscriptions;
mod subtensor;
mod system;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use jsonrpsee::server::{
    serve_with_graceful_shutdown, stop_channel, BatchRequestConfig, RandomStringIdProvider,
    RpcModule, Server, ServerConfig, ServerHandle,
};
use sp_core::crypto::KeyTypeId;
use taonet_runtime::BlockNumber;
use tower::Service as _;
use tower_http::validate_request::ValidateRequestHeaderLayer;

use crate::chain::Client;
use crate::network::NetworkStatus;
use crate::txpool::TxPool;

pub use register::Group;

/// Which methods the server serves, as Substrate's `--rpc-methods`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RpcMethods {
    /// Unsafe methods only when listening on a loopback address: a local node is managed
    /// by its operator, an exposed one must not hand out key management.
    #[default]
    Auto,
    /// Only safe methods; unsafe ones answer `-32601`.
    Safe,
    /// Every method, including key management (`author_insertKey`, `author_rotateKeys`, …).
    Unsafe,
}

/// How the server listens and what it allows. [`Default`] holds Substrate's defaults on
/// `127.0.0.1:9944`.
#[derive(Debug, Clone)]
pub struct RpcConfig {
    /// Where to listen; port 0 picks a free port (see [`RpcHandle::local_addr`]).
    pub addr: SocketAddr,
    /// Which methods are served.
    pub methods: RpcMethods,
    /// Browser origins allowed (`http://localhost:*` allows any port); a request from any
    /// other is refused with 403 (see `access`). `None` allows every origin.
    pub cors: Option<Vec<String>>,
    /// Most simultaneous connections (Substrate: 100); WebSockets may take all but a
    /// fifth, which stays for HTTP requests.
    pub max_connections: u32,
    /// A connection with no traffic either way for this long is closed; `None`: never.
    pub idle_timeout: Option<Duration>,
    /// Largest request body or WebSocket message, in bytes (Substrate: 15 MiB).
    pub max_request_bytes: u32,
    /// Largest response, in bytes (Substrate: 15 MiB); metadata needs a few hundred KiB.
    pub max_response_bytes: u32,
    /// Most subscriptions one connection may hold (Substrate: 1024).
    pub max_subscriptions_per_connection: u32,
    /// Most calls in one batch request; 0 refuses batch requests.
    pub max_batch_len: u32,
}

impl Default for RpcConfig {
    fn default() -> Self {
        RpcConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 9944)),
            methods: RpcMethods::Auto,
            cors: None,
            max_connections: 100,
            idle_timeout: Some(Duration::from_secs(120)),
            max_request_bytes: 15 * 1024 * 1024,
            max_response_bytes: 15 * 1024 * 1024,
            max_subscriptions_per_connection: 1024,
            max_batch_len: 1000,
        }
    }
}

/// What `system_*` reports about the node and its chain: fixed at start.
#[derive(Debug, Clone)]
pub struct SystemInfo {
    /// The node's implementation name (`system_name`).
    pub node_name: String,
    /// The node's version (`system_version`).
    pub version: String,
    /// The chain's name from its spec (`system_chain`).
    pub chain_name: String,
    /// The chain type from its spec: `Development`, `Local`, `Live` (`system_chainType`).
    pub chain_type: String,
    /// The chain's properties (`system_properties`): `ss58Format`, `tokenDecimals`, …
    pub properties: serde_json::Value,
    /// Whether the node authors blocks (`system_nodeRoles`: `Authority` or `Full`).
    pub is_validator: bool,
}

/// The key management `author_insertKey`, `author_rotateKeys`, `author_hasKey` and
/// `author_hasSessionKeys` need: implemented below for the node's [`crate::keystore::Keystore`],
/// and by tests with an in-memory stand-in.
pub trait KeyStore: Send + Sync {
    /// Stores the secret `suri` whose public key is `public` under `key_type`.
    fn insert(&self, key_type: KeyTypeId, suri: &str, public: &[u8]) -> Result<(), String>;
    /// Whether the secret of `public` is stored under `key_type`.
    fn has_key(&self, public: &[u8], key_type: KeyTypeId) -> bool;
    /// Generates and stores a new key of every session key type; returns the runtime's
    /// SCALE-encoded `SessionKeys` of their public keys.
    fn generate_session_keys(&self) -> Result<Vec<u8>, String>;
}

/// The node's keystore serves the key methods as it is.
impl KeyStore for crate::keystore::Keystore {
    fn insert(&self, key_type: KeyTypeId, suri: &str, public: &[u8]) -> Result<(), String> {
        crate::keystore::Keystore::insert(self, key_type, suri, public).map_err(|e| e.to_string())
    }
    fn has_key(&self, public: &[u8], key_type: KeyTypeId) -> bool {
        crate::keystore::Keystore::has_key(self, public, key_type)
    }
    fn generate_session_keys(&self) -> Result<Vec<u8>, String> {
        crate::keystore::Keystore::generate_session_keys(self).map_err(|e| e.to_string())
    }
}

/// Everything the methods read or act on.
pub struct RpcDeps {
    /// The chain.
    pub client: Arc<Client>,
    /// The transaction pool (its `maintain` task must run for watchers to progress).
    pub pool: Arc<TxPool>,
    /// The keystore, for the unsafe `author_*` key methods.
    pub keystore: Arc<dyn KeyStore>,
    /// What `system_*` reports.
    pub system: SystemInfo,
    /// The p2p layer's status.
    pub network: Arc<dyn NetworkStatus>,
    /// GRANDPA's state, when it runs: the `grandpa_*` methods are served only then.
    pub grandpa: Option<crate::grandpa::GrandpaHandle>,
}

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum RpcError {
    /// The address could not be bound (port taken, no permission, …).
    #[error("cannot listen on {addr}: {error}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        error: std::io::Error,
    },
    /// A CORS origin is not a valid header value.
    #[error("invalid CORS origin {0:?}")]
    Cors(String),
    /// The allowed `Host` names could not be parsed (a bug in this module).
    #[error("invalid host filter: {0}")]
    Hosts(String),
    /// Two methods were registered under one name (a bug in this module).
    #[error("registering RPC methods: {0}")]
    Register(#[from] jsonrpsee::core::RegisterMethodError),
}

/// How many calls the server answered, in total and per method group, for Prometheus.
#[derive(Debug, Default)]
pub struct RpcCounters {
    /// Every call (method calls and subscriptions, each batch entry counted).
    pub total: Arc<AtomicU64>,
    /// `system_*`, `account_*`, `rpc_methods` and `chainSpec_*`.
    pub system: AtomicU64,
    /// `chain_*` and the `subscribe_newHead` aliases.
    pub chain: AtomicU64,
    /// `state_*`.
    pub state: AtomicU64,
    /// `author_*`.
    pub author: AtomicU64,
    /// `grandpa_*`.
    pub grandpa: AtomicU64,
    /// Subtensor's custom methods (`neuronInfo_*`, `subnetInfo_*`, …).
    pub subtensor: AtomicU64,
    /// Connections accepted (HTTP or WebSocket).
    pub sessions_opened: AtomicU64,
    /// Connections closed; opened minus closed are in use.
    pub sessions_closed: Arc<AtomicU64>,
}

impl RpcCounters {
    fn count(&self, group: Group) {
        self.total.fetch_add(1, Ordering::Relaxed);
        let counter = match group {
            Group::System => &self.system,
            Group::Chain => &self.chain,
            Group::State => &self.state,
            Group::Author => &self.author,
            Group::Grandpa => &self.grandpa,
            Group::Subtensor => &self.subtensor,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// The running server.
pub struct RpcHandle {
    local_addr: SocketAddr,
    handle: ServerHandle,
    counters: Arc<RpcCounters>,
    methods: Vec<&'static str>,
}

impl RpcHandle {
    /// The address the server listens on (with the real port when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The total number of calls answered, shared with the metrics task.
    pub fn calls(&self) -> Arc<AtomicU64> {
        self.counters.total.clone()
    }

    /// The call counters per method group.
    pub fn counters(&self) -> Arc<RpcCounters> {
        self.counters.clone()
    }

    /// Every method name served, sorted (what `rpc_methods` lists).
    pub fn methods(&self) -> &[&'static str] {
        &self.methods
    }

    /// Stops accepting connections and closes the open ones; subscription tasks end with
    /// their connections.
    pub fn stop(&self) {
        // Already stopped is fine: stopping is idempotent for callers.
        let _ = self.handle.stop();
    }

    /// Waits until the server has stopped.
    pub async fn stopped(self) {
        self.handle.stopped().await
    }
}

/// Shared by every method: the dependencies and the server's policy.
pub(crate) struct Ctx {
    pub client: Arc<Client>,
    pub pool: Arc<TxPool>,
    pub keystore: Arc<dyn KeyStore>,
    pub system: SystemInfo,
    pub network: Arc<dyn NetworkStatus>,
    pub grandpa: Option<crate::grandpa::GrandpaHandle>,
    /// Whether unsafe methods are refused.
    pub deny_unsafe: bool,
    /// The best block when the server started (`system_syncState.startingBlock`).
    pub starting_block: BlockNumber,
    pub counters: Arc<RpcCounters>,
}

/// Builds every method into one module; `deny_unsafe` makes unsafe ones refuse calls.
/// Public so that tests and tools can call methods without a socket.
pub fn build_module(deps: RpcDeps, deny_unsafe: bool) -> Result<RpcModule<()>, RpcError> {
    build(deps, deny_unsafe, Arc::default())
}

fn build(
    deps: RpcDeps,
    deny_unsafe: bool,
    counters: Arc<RpcCounters>,
) -> Result<RpcModule<()>, RpcError> {
    let starting_block = deps.client.info().best.number;
    let ctx = Arc::new(Ctx {
        client: deps.client,
        pool: deps.pool,
        keystore: deps.keystore,
        system: deps.system,
        network: deps.network,
        grandpa: deps.grandpa,
        deny_unsafe,
        starting_block,
        counters,
    });
    let mut module = RpcModule::new(());
    system::register(&mut register::Registrar::new(
        &mut module,
        &ctx,
        Group::System,
    ))?;
    chain::register(&mut register::Registrar::new(
        &mut module,
        &ctx,
        Group::Chain,
    ))?;
    state::register(&mut register::Registrar::new(
        &mut module,
        &ctx,
        Group::State,
    ))?;
    author::register(&mut register::Registrar::new(
        &mut module,
        &ctx,
        Group::Author,
    ))?;
    subtensor::register(&mut register::Registrar::new(
        &mut module,
        &ctx,
        Group::Subtensor,
    ))?;
    if ctx.grandpa.is_some() {
        grandpa::register(&mut register::Registrar::new(
            &mut module,
            &ctx,
            Group::Grandpa,
        ))?;
    }
    system::register_rpc_methods(&mut module, &ctx)?;
    Ok(module)
}

/// Starts the server on `config.addr` with every method; it runs on the current tokio
/// runtime until [`RpcHandle::stop`].
pub async fn start(config: RpcConfig, deps: RpcDeps) -> Result<RpcHandle, RpcError> {
    let deny_unsafe = match config.methods {
        RpcMethods::Safe => true,
        RpcMethods::Unsafe => false,
        RpcMethods::Auto => !config.addr.ip().is_loopback(),
    };
    let counters = Arc::new(RpcCounters::default());
    let module = build(deps, deny_unsafe, counters.clone())?;
    let mut methods: Vec<&'static str> = module.method_names().collect();
    methods.sort_unstable();

    let batches = match config.max_batch_len {
        0 => BatchRequestConfig::Disabled,
        n => BatchRequestConfig::Limit(n),
    };
    let server_config = ServerConfig::builder()
        .max_request_body_size(config.max_request_bytes)
        .max_response_body_size(config.max_response_bytes)
        .max_connections(config.max_connections)
        .max_subscriptions_per_connection(config.max_subscriptions_per_connection)
        .set_batch_request_config(batches)
        .set_id_provider(RandomStringIdProvider::new(16));
    // Live WebSocket clients answer pings, so only a dead or silent socket idles out.
    let server_config = match config.idle_timeout {
        Some(idle) => server_config.enable_ws_ping(
            jsonrpsee::server::PingConfig::new()
                .ping_interval(idle / 3)
                .inactive_limit(idle),
        ),
        None => server_config,
    }
    .build();
    // Bound first, so that the Host filter knows the port even when 0 was asked for.
    let bind = |error| RpcError::Bind {
        addr: config.addr,
        error,
    };
    let listener = std::net::TcpListener::bind(config.addr).map_err(bind)?;
    listener.set_nonblocking(true).map_err(bind)?;
    let local_addr = listener.local_addr().map_err(bind)?;
    let origins = access::Origins::new(config.cors.as_deref())?;
    let http = tower::ServiceBuilder::new()
        .option_layer(access::host_filter(local_addr, &origins)?)
        .layer(ValidateRequestHeaderLayer::custom(origins.clone()))
        .layer(origins.cors())
        .layer(bodies::BodyBudget::new(config.max_request_bytes));
    let services = Server::builder()
        .set_config(server_config)
        .set_rpc_middleware(
            jsonrpsee::server::middleware::rpc::RpcServiceBuilder::new()
                .layer_fn(notifications::AnswerNotifications),
        )
        .set_http_middleware(http)
        .to_service_builder();
    let listener = tokio::net::TcpListener::from_std(listener).map_err(bind)?;
    let ws_slots = Arc::new(tokio::sync::Semaphore::new(
        usize::try_from(
            config
                .max_connections
                .saturating_sub(connections::http_share(config.max_connections)),
        )
        .unwrap_or(usize::MAX),
    ));
    let tcp_slots = Arc::new(tokio::sync::Semaphore::new(connections::tcp_limit(
        config.max_connections,
    )));
    let (stop, handle) = stop_channel();
    let served: jsonrpsee::server::Methods = module.into();
    let idle_timeout = config.idle_timeout;
    let sessions = counters.clone();
    tokio::spawn(async move {
        loop {
            let accepted = tokio::select! {
                accepted = async {
                    let permit = tcp_slots.clone().acquire_owned().await;
                    (permit, listener.accept().await)
                } => accepted,
                _ = stop.clone().shutdown() => break,
            };
            let (tcp, socket) = match accepted {
                (Ok(tcp), Ok((socket, _))) => (tcp, socket),
                (_, Err(error)) => {
                    // Out of file descriptors, say: wait instead of spinning.
                    tracing::debug!(target: "rpc::connections", %error, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
                (Err(_), Ok(_)) => break,
            };
            let _ = socket.set_nodelay(true);
            sessions.sessions_opened.fetch_add(1, Ordering::Relaxed);
            let holds = connections::Holds {
                _tcp: tcp,
                ws: connections::WsSlot::default(),
                busy: connections::Busy::default(),
                closed: sessions.sessions_closed.clone(),
            };
            let (slot, busy) = (holds.ws.clone(), holds.busy.clone());
            let io = connections::IdleStream::new(socket, idle_timeout, holds);
            let (services, served, stop_for_calls) =
                (services.clone(), served.clone(), stop.clone());
            let ws_slots = ws_slots.clone();
            let service = tower::service_fn(move |request: http::Request<_>| {
                let mut service = services
                    .clone()
                    .build(served.clone(), stop_for_calls.clone());
                let upgrade = jsonrpsee::server::ws::is_upgrade_request(&request);
                let taken = if upgrade {
                    connections::take_ws_slot(&ws_slots, &slot)
                } else {
                    Some(false)
                };
                let (slot, answering) = (slot.clone(), busy.start());
                async move {
                    let Some(taken) = taken else {
                        tracing::debug!(target: "rpc::connections", "no WebSocket slot left: 429");
                        return Ok(jsonrpsee::server::http::response::too_many_requests());
                    };
                    let response = service
                        .call(request.map(jsonrpsee::server::HttpBody::new))
                        .await;
                    // A handshake refused (origin, jsonrpsee's own limit) gives it back.
                    if taken
                        && !matches!(&response, Ok(r) if r.status() == http::StatusCode::SWITCHING_PROTOCOLS)
                    {
                        slot.lock().take();
                    }
                    drop(answering);
                    response
                }
            });
            tokio::spawn(serve_with_graceful_shutdown(
                io,
                service,
                stop.clone().shutdown(),
            ));
        }
    });
    tracing::info!(
        target: "rpc",
        addr = %local_addr,
        unsafe_methods = !deny_unsafe,
        methods = methods.len(),
        "JSON-RPC server listening (HTTP and WebSocket)"
    );
    Ok(RpcHandle {
        local_addr,
        handle,
        counters,
        methods,
    })
}
