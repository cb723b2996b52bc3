//! Prometheus metrics: chain heights, block import time, pool size, peers and RPC calls,
//! served at `http://<addr>/metrics`.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use substrate_prometheus_endpoint::{
    exponential_buckets, register, Gauge, Histogram, HistogramOpts, PrometheusError, Registry, U64,
};

use crate::chain::{ChainEvent, Client};
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

/// The node's metrics.
struct Metrics {
    best: Gauge<U64>,
    finalized: Gauge<U64>,
    import_seconds: Histogram,
    pool: Gauge<U64>,
    peers: Gauge<U64>,
    rpc_calls: Gauge<U64>,
}

impl Metrics {
    fn register(registry: &Registry) -> Result<Self, PrometheusError> {
        let gauge = |name: &str, help: &str| register(Gauge::new(name, help)?, registry);
        Ok(Metrics {
            best: gauge("taonet_block_height_best", "Number of the best block")?,
            finalized: gauge(
                "taonet_block_height_finalized",
                "Number of the last finalized block",
            )?,
            import_seconds: register(
                Histogram::with_opts(
                    HistogramOpts::new(
                        "taonet_block_import_seconds",
                        "Time to verify, execute and commit a block",
                    )
                    .buckets(exponential_buckets(0.001, 2.0, 14)?),
                )?,
                registry,
            )?,
            pool: gauge("taonet_txpool_transactions", "Transactions in the pool")?,
            peers: gauge("taonet_peers", "Connected peers")?,
            rpc_calls: gauge("taonet_rpc_calls_total", "JSON-RPC calls served")?,
        })
    }
}

/// Serves metrics at `addr` and keeps them current until the chain's events end.
/// `peers` and `rpc_calls` are read from the network and RPC server.
pub async fn run(
    addr: SocketAddr,
    client: Arc<Client>,
    pool: Arc<TxPool>,
    peers: Arc<dyn Fn() -> usize + Send + Sync>,
    rpc_calls: Arc<AtomicU64>,
) -> Result<(), MetricsError> {
    let registry = Registry::new_custom(None, None)?;
    let metrics = Metrics::register(&registry)?;
    let serve = tokio::spawn(substrate_prometheus_endpoint::init_prometheus(
        addr, registry,
    ));
    tracing::info!(target: "metrics", %addr, "serving Prometheus metrics");
    let mut events = client.subscribe();
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
        let info = client.info();
        metrics.best.set(u64::from(info.best.number));
        metrics.finalized.set(u64::from(info.finalized.number));
        metrics
            .pool
            .set(u64::try_from(pool.len()).unwrap_or(u64::MAX));
        metrics
            .peers
            .set(u64::try_from(peers()).unwrap_or(u64::MAX));
        metrics.rpc_calls.set(rpc_calls.load(Ordering::Relaxed));
        if serve.is_finished() {
            return match serve.await {
                Ok(Err(error)) => Err(error.into()),
                _ => Ok(()),
            };
        }
    }
}
