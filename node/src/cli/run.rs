//! Arguments of the node itself (`taonet [FLAGS]` with no subcommand), Substrate's names
//! and defaults, one struct per concern.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::NetworkParams;
use crate::db::Pruning;

/// How to run the node.
#[derive(Debug, Clone, Args)]
pub struct RunCmd {
    /// Which chain, where its data lives, logging.
    #[command(flatten)]
    pub shared: SharedParams,
    /// Human-readable node name (shown by `system_name` peers' telemetry).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Author blocks (needs an Aura key in the keystore).
    #[arg(long)]
    pub validator: bool,
    /// Author even when not synced with peers.
    #[arg(long)]
    pub force_authoring: bool,
    /// Do not run the GRANDPA voter (nor follow GRANDPA commits), even as a validator.
    #[arg(long)]
    pub no_grandpa: bool,
    /// Insert a well-known development identity's keys and act as validator.
    #[command(flatten)]
    pub keyring: KeyringParams,
    /// JSON-RPC server.
    #[command(flatten)]
    pub rpc: RpcParams,
    /// Prometheus metrics endpoint.
    #[command(flatten)]
    pub prometheus: PrometheusParams,
    /// Transaction pool limits.
    #[command(flatten)]
    pub pool: PoolParams,
    /// Database options.
    #[command(flatten)]
    pub database: DatabaseParams,
    /// The p2p network: node key, addresses, peers, discovery.
    #[command(flatten)]
    pub network: NetworkParams,
    /// How the runtime is executed.
    #[command(flatten)]
    pub execution: super::ExecutionParams,
}

/// Which chain and where its data lives: shared by the node and its maintenance commands.
#[derive(Debug, Clone, Args)]
pub struct SharedParams {
    /// A temporary single-validator development chain: `--chain dev --alice --tmp` (unless
    /// a base path is given), RPC open to every origin and unsafe methods allowed.
    #[arg(long)]
    pub dev: bool,
    /// Chain specification: `dev`, `local` or a JSON file.
    #[arg(long, value_name = "CHAIN_SPEC")]
    pub chain: Option<String>,
    /// Where chains keep their data (`<base>/chains/<id>/…`).
    #[arg(short = 'd', long, value_name = "PATH")]
    pub base_path: Option<PathBuf>,
    /// Keep data in a temporary directory, deleted on exit.
    #[arg(long, conflicts_with = "base_path")]
    pub tmp: bool,
    /// Log filters.
    #[command(flatten)]
    pub log: LogArgs,
}

/// Substrate's `-l`/`--log`: for the node and for commands that run the runtime.
#[derive(Debug, Clone, Default, Args)]
pub struct LogArgs {
    /// Log filters, `target=level` separated by commas (e.g. `chain=debug,rpc=trace`).
    #[arg(
        short = 'l',
        long = "log",
        value_name = "LOG_PATTERN",
        value_delimiter = ','
    )]
    pub log: Vec<String>,
}

impl SharedParams {
    /// The chain spec asked for: `--chain`, else `dev` under `--dev`, else `local`.
    pub fn chain_id(&self) -> &str {
        match (&self.chain, self.dev) {
            (Some(chain), _) => chain,
            (None, true) => "dev",
            (None, false) => "local",
        }
    }
}

/// Development identities: each flag is `--name <Name> --validator` with that identity's
/// Aura and GRANDPA keys inserted into the keystore.
#[derive(Debug, Clone, Copy, Args)]
#[group(multiple = false)]
pub struct KeyringParams {
    /// Alice's keys.
    #[arg(long)]
    pub alice: bool,
    /// Bob's keys.
    #[arg(long)]
    pub bob: bool,
    /// Charlie's keys.
    #[arg(long)]
    pub charlie: bool,
    /// Dave's keys.
    #[arg(long)]
    pub dave: bool,
    /// Eve's keys.
    #[arg(long)]
    pub eve: bool,
    /// Ferdie's keys.
    #[arg(long)]
    pub ferdie: bool,
}

impl KeyringParams {
    /// The identity chosen, if any: its name as a secret URI path (`Alice` → `//Alice`).
    pub fn identity(&self) -> Option<&'static str> {
        [
            (self.alice, "Alice"),
            (self.bob, "Bob"),
            (self.charlie, "Charlie"),
            (self.dave, "Dave"),
            (self.eve, "Eve"),
            (self.ferdie, "Ferdie"),
        ]
        .into_iter()
        .find_map(|(chosen, name)| chosen.then_some(name))
    }
}

/// Which RPC methods are served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RpcMethodsArg {
    /// Unsafe methods only when listening on loopback.
    Auto,
    /// Only safe methods.
    Safe,
    /// Every method, including key management.
    Unsafe,
}

/// The JSON-RPC server (HTTP and WebSocket on one port).
#[derive(Debug, Clone, Args)]
pub struct RpcParams {
    /// Port to listen on.
    #[arg(long, value_name = "PORT", default_value_t = 9944)]
    pub rpc_port: u16,
    /// Listen on every interface, not just loopback.
    #[arg(long)]
    pub rpc_external: bool,
    /// Listen on every interface and serve unsafe methods.
    #[arg(long)]
    pub unsafe_rpc_external: bool,
    /// Which methods to serve.
    #[arg(long, value_enum, default_value_t = RpcMethodsArg::Auto)]
    pub rpc_methods: RpcMethodsArg,
    /// Allowed browser origins, comma separated, or `all`.
    #[arg(long, value_name = "ORIGINS")]
    pub rpc_cors: Option<String>,
    /// Most simultaneous connections; WebSockets may take all but a fifth.
    #[arg(long, default_value_t = 100)]
    pub rpc_max_connections: u32,
    /// Seconds a connection may pass with no traffic either way before it is closed (a
    /// subscriber is sent its notifications); 0 never closes one.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub rpc_idle_timeout: u64,
    /// Largest request, in MiB.
    #[arg(long, default_value_t = 15)]
    pub rpc_max_request_size: u32,
    /// Largest response, in MiB.
    #[arg(long, default_value_t = 15)]
    pub rpc_max_response_size: u32,
    /// Most subscriptions per connection.
    #[arg(long, default_value_t = 1024)]
    pub rpc_max_subscriptions_per_connection: u32,
    /// Most calls in one batch request.
    #[arg(long, default_value_t = 1000)]
    pub rpc_max_batch_request_len: u32,
}

/// The Prometheus metrics endpoint.
#[derive(Debug, Clone, Args)]
pub struct PrometheusParams {
    /// Port to serve `/metrics` on.
    #[arg(long, value_name = "PORT", default_value_t = 9615)]
    pub prometheus_port: u16,
    /// Listen on every interface, not just loopback.
    #[arg(long)]
    pub prometheus_external: bool,
    /// Serve no metrics.
    #[arg(long)]
    pub no_prometheus: bool,
}

/// Transaction pool limits.
#[derive(Debug, Clone, Args)]
pub struct PoolParams {
    /// Most ready transactions held (a tenth as many future ones besides).
    #[arg(long, default_value_t = 8192)]
    pub pool_limit: usize,
    /// Most kilobytes of ready transactions held (a tenth as many of future ones besides).
    #[arg(long, default_value_t = 20480)]
    pub pool_kbytes: usize,
}

/// Database options.
#[derive(Debug, Clone, Args)]
pub struct DatabaseParams {
    /// Keep the state of every block (`archive`) or of the last N finalized blocks. Fixed
    /// when the database is created (archive unless given); later runs may omit it.
    #[arg(long, value_name = "PRUNING_MODE")]
    pub state_pruning: Option<Pruning>,
}
