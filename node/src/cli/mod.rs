//! Command-line interface: one clap args struct per command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod benchmark;
mod blocks;
mod execution;
mod key;
mod network;
mod run;
mod spec;

pub use benchmark::{BenchmarkCommand, PalletArgs};
pub use blocks::{
    ChainDbArgs, CheckBlockArgs, CheckUpgradeArgs, ExportBlocksArgs, ImportBlocksArgs,
    PurgeChainArgs, RevertArgs,
};

pub use execution::{ExecutionParams, InstantiationArg, WasmExecutionArg};
pub use key::{
    GenerateArgs, GenerateNodeKeyArgs, InsertArgs, InspectArgs, InspectNodeKeyArgs, KeyCommand,
    KeyFormatArgs, OutputType,
};
pub use network::NetworkParams;
pub use run::{
    DatabaseParams, KeyringParams, LogArgs, PoolParams, PrometheusParams, RpcMethodsArg, RpcParams,
    RunCmd, SharedParams,
};
pub use spec::{BasePathArg, ChainArg, ChainSpecArgs};

/// The taonet node and its tools. With no subcommand, runs the node.
#[derive(Debug, Parser)]
#[command(
    name = "taonet",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A tool to run instead of the node.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// How to run the node.
    #[command(flatten)]
    pub run: RunCmd,
    /// A directory where wasmtime keeps the runtimes it compiles (its on-disk cache, keyed
    /// by the code, the compiler's settings and wasmtime's version), so that the next
    /// process, the node or any command, loads them instead of compiling them again.
    /// Without it, every process compiles its runtimes anew, as a Substrate node does. The
    /// files are native code the process will run: the directory must be the operator's.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "TAONET_WASMTIME_CACHE_PATH"
    )]
    pub wasmtime_cache_path: Option<PathBuf>,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Yuma consensus tools.
    Yuma {
        /// The Yuma tool to run.
        #[command(subcommand)]
        command: YumaCommand,
    },
    /// TAO emission tools.
    Emission {
        /// The emission tool to run.
        #[command(subcommand)]
        command: EmissionCommand,
    },
    /// Key tools: account keys, keystore insertion and libp2p node keys.
    Key {
        /// The key tool to run.
        #[command(subcommand)]
        command: KeyCommand,
    },
    /// Benchmark tools: measure pallets' weights.
    Benchmark {
        /// The benchmark tool to run.
        #[command(subcommand)]
        command: BenchmarkCommand,
    },
    /// Print a chain spec as JSON. Deprecated: use `export-chain-spec`.
    BuildSpec(ChainSpecArgs),
    /// Print a chain spec as JSON.
    ExportChainSpec(ChainSpecArgs),
    /// Write the chain's blocks to a file (JSON, or SCALE with `--binary`).
    ExportBlocks(ExportBlocksArgs),
    /// Import blocks from a file written by `export-blocks`, verifying each.
    ImportBlocks(ImportBlocksArgs),
    /// Verify a stored block again: its seal, then its execution.
    CheckBlock(CheckBlockArgs),
    /// Check a candidate runtime against the live chain before proposing it: it runs, set_code
    /// would take it, and its migrations succeed on a copy of the state (a report of what
    /// they change).
    CheckUpgrade(CheckUpgradeArgs),
    /// Move the best block back by some blocks (finalized ones included).
    Revert(RevertArgs),
    /// Delete the chain's database (keys and network identity stay).
    PurgeChain(PurgeChainArgs),
}

/// TAO emission tools.
#[derive(Debug, Subcommand)]
pub enum EmissionCommand {
    /// Print the halving schedule computed by the runtime's issuance function: per era,
    /// its first block, the issuance at that block, rao per block and TAO per day,
    /// assuming nothing is recycled and no TAO exists at genesis.
    Schedule(ScheduleArgs),
}

/// Arguments of `taonet emission schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Yuma consensus tools.
#[derive(Debug, Subcommand)]
pub enum YumaCommand {
    /// Run one epoch offline: JSON input (see yuma-cli.md) in, JSON output out, computed
    /// by exactly the code the runtime runs at a tempo boundary.
    Epoch(EpochArgs),
}

/// Arguments of `taonet yuma epoch`.
#[derive(Debug, Args)]
pub struct EpochArgs {
    /// File holding the epoch input; standard input when absent.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
}
