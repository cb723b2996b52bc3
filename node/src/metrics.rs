//! Prometheus metrics under Substrate's names and labels, so that the dashboards and
//! alerts Substrate and Bittensor validators already run see this node: chain heights,
//! block import and construction times, peers and connections, the pool and its
//! validations, GRANDPA's round, RPC sessions, build and role, served at
//! `http://<addr>/metrics`. What Substrate has no name for (future and banned
//! transactions, RPC calls and connections in use, messages dropped from peers) is under
//! `taonet_`. Running totals kept elsewhere as atomics are mirrored into counters.

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use std::sync::atomic::AtomicU64;

use substrate_prometheus_endpoint::{
    exponential_buckets, register, Counter, CounterVec, Gauge, GaugeVec, Histogram, HistogramOpts,
    Opts, PrometheusError, Registry, U64,
};
use taonet_runtime::BlockNumber;

use crate::chain::{ChainEvent, Client};
use crate::grandpa::GrandpaHandle;
use crate::network::{DropReason, NetworkCounters};
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
    /// Connections and messages dropped from peers so far.
    pub network: Arc<NetworkCounters>,
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
    constructed_seconds: Histogram,
    block_transactions: Gauge<U64>,
    peers: Gauge<U64>,
    incoming_connections: Counter<U64>,
    connections_opened: CounterVec<U64>,
    dropped: CounterVec<U64>,
    dropped_by_peer: GaugeVec<U64>,
    ready: Gauge<U64>,
    future: Gauge<U64>,
    banned: Gauge<U64>,
    submitted: Counter<U64>,
    validations_scheduled: Counter<U64>,
    validations_finished: Counter<U64>,
    invalid: Counter<U64>,
    /// Only while GRANDPA runs.
    grandpa_round: Option<Gauge<U64>>,
    rpc_calls: Counter<U64>,
    rpc_sessions_opened: Counter<U64>,
    rpc_sessions_closed: Counter<U64>,
    rpc_connections: Gauge<U64>,
}

/// Brings `counter` up to `total`, a running total kept as an atomic elsewhere.
fn mirror(counter: &Counter<U64>, total: &AtomicU64) {
    raise(counter, total.load(Ordering::Relaxed));
}

/// Brings `counter` up to `total` (a counter never goes down).
fn raise(counter: &Counter<U64>, total: u64) {
    counter.inc_by(total.saturating_sub(counter.get()));
}

impl Metrics {
    fn register(registry: &Registry, sources: &Sources) -> Result<Self, PrometheusError> {
        let gauge = |name: &str, help: &str| register(Gauge::new(name, help)?, registry);
        let counter = |name: &str, help: &str| register(Counter::new(name, help)?, registry);
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
            constructed_seconds: register(
                Histogram::with_opts(HistogramOpts::new(
                    "substrate_proposer_block_constructed",
                    "Histogram of time taken to construct new block",
                ))?,
                registry,
            )?,
            block_transactions: gauge(
                "substrate_proposer_number_of_transactions",
                "Number of transactions included in block",
            )?,
            peers: gauge(
                "substrate_sub_libp2p_peers_count",
                "Number of connected peers",
            )?,
            incoming_connections: counter(
                "substrate_sub_libp2p_incoming_connections_total",
                "Total number of incoming connections on the listening sockets",
            )?,
            connections_opened: register(
                CounterVec::new(
                    Opts::new(
                        "substrate_sub_libp2p_connections_opened_total",
                        "Total number of connections opened by direction",
                    ),
                    &["direction"],
                )?,
                registry,
            )?,
            dropped: register(
                CounterVec::new(
                    Opts::new(
                        "taonet_sub_libp2p_messages_dropped_total",
                        "Messages from peers dropped unprocessed, by reason",
                    ),
                    &["reason"],
                )?,
                registry,
            )?,
            dropped_by_peer: register(
                GaugeVec::new(
                    Opts::new(
                        "taonet_sub_libp2p_peer_messages_dropped",
                        "Messages dropped unprocessed from each connected peer that had any",
                    ),
                    &["peer"],
                )?,
                registry,
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
            submitted: counter(
                "substrate_sub_txpool_submitted_transactions",
                "Total number of transactions submitted",
            )?,
            validations_scheduled: counter(
                "substrate_sub_txpool_validations_scheduled",
                "Total number of transactions scheduled for validation",
            )?,
            validations_finished: counter(
                "substrate_sub_txpool_validations_finished",
                "Total number of transactions that finished validation",
            )?,
            invalid: counter(
                "substrate_sub_txpool_validations_invalid",
                "Total number of transactions found invalid: refused, or removed from the pool",
            )?,
            grandpa_round: match sources.grandpa {
                Some(_) => Some(gauge(
                    "substrate_finality_grandpa_round",
                    "Highest completed GRANDPA round",
                )?),
                None => None,
            },
            rpc_calls: counter("taonet_rpc_calls_total", "JSON-RPC calls served")?,
            rpc_sessions_opened: counter(
                "substrate_rpc_sessions_opened",
                "Number of persistent RPC sessions opened",
            )?,
            rpc_sessions_closed: counter(
                "substrate_rpc_sessions_closed",
                "Number of persistent RPC sessions closed",
            )?,
            rpc_connections: gauge(
                "taonet_rpc_connections",
                "RPC connections open now (HTTP and WebSocket)",
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
        let network = &sources.network;
        mirror(&self.incoming_connections, &network.incoming);
        for (direction, total) in [
            ("in", &network.opened_inbound),
            ("out", &network.opened_outbound),
        ] {
            mirror(
                &self.connections_opened.with_label_values(&[direction]),
                total,
            );
        }
        for reason in DropReason::ALL {
            raise(
                &self.dropped.with_label_values(&[reason.label()]),
                network.dropped_total(reason),
            );
        }
        // Only the peers connected now: a departed peer's series goes with it.
        self.dropped_by_peer.reset();
        for (peer, dropped) in network.dropped_by_peer() {
            self.dropped_by_peer
                .with_label_values(&[peer.to_string().as_str()])
                .set(dropped);
        }
        self.ready.set(count(sources.pool.ready_size().count));
        self.future.set(count(sources.pool.future_size().count));
        self.banned.set(count(sources.pool.banned()));
        let pool = sources.pool.counters();
        mirror(&self.submitted, &pool.submitted);
        mirror(&self.validations_scheduled, &pool.validations_scheduled);
        mirror(&self.validations_finished, &pool.validations_finished);
        mirror(&self.invalid, &pool.invalid);
        // The voter's best round is the one voting: the rounds before it are completed.
        if let (Some(gauge), Some(round)) = (
            &self.grandpa_round,
            sources.grandpa.as_ref().and_then(GrandpaHandle::round),
        ) {
            gauge.set(round.saturating_sub(1));
        }
        let rpc = &sources.rpc;
        mirror(&self.rpc_calls, &rpc.total);
        mirror(&self.rpc_sessions_opened, &rpc.sessions_opened);
        mirror(&self.rpc_sessions_closed, &rpc.sessions_closed);
        let open = rpc
            .sessions_opened
            .load(Ordering::Relaxed)
            .saturating_sub(rpc.sessions_closed.load(Ordering::Relaxed));
        self.rpc_connections.set(open);
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
                    if let Some(constructed) = imported.constructed {
                        metrics.constructed_seconds.observe(constructed.as_secs_f64());
                        // The pool's transactions, as Substrate counts them: not inherents.
                        let included = imported
                            .block
                            .extrinsics
                            .iter()
                            .filter(|xt| xt.is_signed())
                            .count();
                        metrics
                            .block_transactions
                            .set(u64::try_from(included).unwrap_or(u64::MAX));
                    }
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
