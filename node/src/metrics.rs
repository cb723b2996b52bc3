//! Prometheus metrics under Substrate's names and labels, so that the dashboards and
//! alerts Substrate and Bittensor validators already run see this node: chain heights,
//! block import time, peers, the pool, GRANDPA's round, build and role, served at
//! `http://<addr>/metrics`. What Substrate has no name for (future and banned
//! transactions, RPC calls) is under `taonet_`.

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use substrate_prometheus_endpoint::{
    exponential_buckets, register, Gauge, GaugeVec, Histogram, HistogramOpts, Opts,
    PrometheusError, Registry, U64,
};
use taonet_runtime::BlockNumber;

use crate::chain::{ChainEvent, Client};
use crate::grandpa::GrandpaHandle;
use crate::rpc::RpcCounters;
use crate::txpool::TxPool;

/// Why metrics stopped.
#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    /// A metric could not be registered.
    #[error("metric registration: {0}")]
    Register(#[from] PrometheusError),
    /// The HTTP endpoint failed (e.g. its port is taken).
    #[error("prometheus endpoint: {0}")]
    Endpoint(#[from] substrate_prometheus_endpoint::Error),
}

/// What the metrics read, each from the part of the node that owns it.
pub struct Sources {
    /// The chain: heights and import times.
    pub client: Arc<Client>,
    /// The transaction pool.
    pub pool: Arc<TxPool>,
    /// How many peers are connected.
    pub peers: Arc<dyn Fn() -> usize + Send + Sync>,
    /// The highest block a peer announced, if any.
    pub sync_target: Arc<dyn Fn() -> Option<BlockNumber> + Send + Sync>,
    /// JSON-RPC calls served and connections opened and closed so far.
    pub rpc: Arc<RpcCounters>,
    /// GRANDPA, when it runs.
    pub grandpa: Option<GrandpaHandle>,
    /// Substrate's role bits: 1 for a full node, 4 for an authority.
    pub roles: u64,
    /// The chain spec's id, the `chain` label of every series (as Substrate labels them).
    pub chain: String,
    /// The node's name (`--name`).
    pub name: String,
    /// The node's version.
    pub version: String,
}

/// The node's metrics.
struct Metrics {
    height: GaugeVec<U64>,
    import_seconds: Histogram,
    peers: Gauge<U64>,
    ready: Gauge<U64>,
    future: Gauge<U64>,
    banned: Gauge<U64>,
    /// Only while GRANDPA runs.
    grandpa_round: Option<Gauge<U64>>,
    rpc_calls: Gauge<U64>,
    rpc_sessions_opened: Gauge<U64>,
    rpc_sessions_closed: Gauge<U64>,
}

impl Metrics {
    fn register(registry: &Registry, sources: &Sources) -> Result<Self, PrometheusError> {
        let gauge = |name: &str, help: &str| register(Gauge::new(name, help)?, registry);
        let build = register(
            GaugeVec::<U64>::new(
                Opts::new(
                    "substrate_build_info",
                    "A metric with a constant '1' value labeled by name, version",
                ),
                &["name", "version"],
            )?,
            registry,
        )?;
        build
            .with_label_values(&[sources.name.as_str(), sources.version.as_str()])
            .set(1);
        gauge("substrate_node_roles", "The roles the node is running as")?.set(sources.roles);
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        gauge(
            "substrate_process_start_time_seconds",
            "Number of seconds between the UNIX epoch and the moment the process started",
        )?
        .set(started);
        Ok(Metrics {
            height: register(
                GaugeVec::new(
                    Opts::new("substrate_block_height", "Block height info of the chain"),
                    &["status"],
                )?,
                registry,
            )?,
            import_seconds: register(
                Histogram::with_opts(
                    HistogramOpts::new(
                        "substrate_block_verification_and_import_time",
                        "Time taken to verify and import blocks",
                    )
                    .buckets(exponential_buckets(0.001, 2.0, 14)?),
                )?,
                registry,
            )?,
            peers: gauge(
                "substrate_sub_libp2p_peers_count",
                "Number of connected peers",
            )?,
            ready: gauge(
                "substrate_ready_transactions_number",
                "Number of transactions in the ready queue",
            )?,
            future: gauge(
                "taonet_txpool_future_transactions",
                "Number of transactions waiting for others (a nonce gap)",
            )?,
            banned: gauge(
                "taonet_txpool_banned_transactions",
                "Number of transactions banned after being found invalid",
            )?,
            grandpa_round: match sources.grandpa {
                Some(_) => Some(gauge(
                    "substrate_finality_grandpa_round",
                    "Highest completed GRANDPA round",
                )?),
                None => None,
            },
            rpc_calls: gauge("taonet_rpc_calls_total", "JSON-RPC calls served")?,
            rpc_sessions_opened: gauge(
                "substrate_rpc_sessions_opened",
                "Number of persistent RPC sessions opened",
            )?,
            rpc_sessions_closed: gauge(
                "substrate_rpc_sessions_closed",
                "Number of persistent RPC sessions closed",
            )?,
        })
    }

    /// Reads every source once.
    fn update(&self, sources: &Sources) {
        let info = sources.client.info();
        let height = |status: &str, number: BlockNumber| {
            self.height
                .with_label_values(&[status])
                .set(u64::from(number));
        };
        height("best", info.best.number);
        height("finalized", info.finalized.number);
        if let Some(target) = (sources.sync_target)() {
            height("sync_target", target);
        }
        let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        self.peers.set(count((sources.peers)()));
        self.ready.set(count(sources.pool.ready_size().count));
        self.future.set(count(sources.pool.future_size().count));
        self.banned.set(count(sources.pool.banned()));
        // The voter's best round is the one voting: the rounds before it are completed.
        if let (Some(gauge), Some(round)) = (
            &self.grandpa_round,
            sources.grandpa.as_ref().and_then(GrandpaHandle::round),
        ) {
            gauge.set(round.saturating_sub(1));
        }
        let rpc = &sources.rpc;
        self.rpc_calls.set(rpc.total.load(Ordering::Relaxed));
        self.rpc_sessions_opened
            .set(rpc.sessions_opened.load(Ordering::Relaxed));
        self.rpc_sessions_closed
            .set(rpc.sessions_closed.load(Ordering::Relaxed));
    }
}

/// Serves metrics at `addr` and keeps them current (every second and at every imported
/// block) until the chain's events end.
pub async fn run(addr: SocketAddr, sources: Sources) -> Result<(), MetricsError> {
    let labels = std::iter::once(("chain".to_owned(), sources.chain.clone())).collect();
    let registry = Registry::new_custom(None, Some(labels))?;
    let metrics = Metrics::register(&registry, &sources)?;
    let serve = tokio::spawn(substrate_prometheus_endpoint::init_prometheus(
        addr, registry,
    ));
    tracing::info!(target: "metrics", %addr, "serving Prometheus metrics");
    let mut events = sources.client.subscribe();
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(ChainEvent::Imported(imported)) => {
                    metrics.import_seconds.observe(imported.took.as_secs_f64());
                }
                Ok(ChainEvent::Finalized { .. }) => {}
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return Ok(()),
            },
            _ = tick.tick() => {}
        }
        metrics.update(&sources);
        if serve.is_finished() {
            return match serve.await {
                Ok(Err(error)) => Err(error.into()),
                _ => Ok(()),
            };
        }
    }
}
