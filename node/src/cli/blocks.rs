//! Arguments of the chain maintenance commands, run on a stopped node's database.

use std::path::PathBuf;

use clap::Args;

use super::{BasePathArg, ChainArg, DatabaseParams, ExecutionParams, LogArgs};

/// Which chain database a maintenance command opens.
#[derive(Debug, Clone, Args)]
pub struct ChainDbArgs {
    /// The chain.
    #[command(flatten)]
    pub chain: ChainArg,
    /// Where its data lives.
    #[command(flatten)]
    pub base_path: BasePathArg,
    /// Its pruning mode (taken from the database when absent).
    #[command(flatten)]
    pub database: DatabaseParams,
    /// How blocks are executed.
    #[command(flatten)]
    pub execution: ExecutionParams,
}

/// Arguments of `taonet export-blocks`.
#[derive(Debug, Clone, Args)]
pub struct ExportBlocksArgs {
    /// File to write; standard output when absent.
    #[arg(value_name = "OUTPUT")]
    pub output: Option<PathBuf>,
    /// First block to export.
    #[arg(long, value_name = "BLOCK", default_value_t = 1)]
    pub from: u32,
    /// Last block to export; the best block when absent.
    #[arg(long, value_name = "BLOCK")]
    pub to: Option<u32>,
    /// SCALE binary instead of JSON.
    #[arg(long)]
    pub binary: bool,
    /// The chain database.
    #[command(flatten)]
    pub db: ChainDbArgs,
}

/// Arguments of `taonet import-blocks`.
#[derive(Debug, Clone, Args)]
pub struct ImportBlocksArgs {
    /// File to read; standard input when absent.
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// The input is SCALE binary, not JSON.
    #[arg(long)]
    pub binary: bool,
    /// The chain database.
    #[command(flatten)]
    pub db: ChainDbArgs,
}

/// Arguments of `taonet check-block`.
#[derive(Debug, Clone, Args)]
pub struct CheckBlockArgs {
    /// Block number or `0x` hash.
    #[arg(value_name = "BLOCK")]
    pub block: String,
    /// The chain database.
    #[command(flatten)]
    pub db: ChainDbArgs,
}

/// Arguments of `taonet check-upgrade`.
#[derive(Debug, Clone, Args)]
pub struct CheckUpgradeArgs {
    /// The candidate runtime: a wasm blob, compressed or not.
    #[arg(long, value_name = "FILE")]
    pub wasm: PathBuf,
    /// The chain database (of a stopped node).
    #[command(flatten)]
    pub db: ChainDbArgs,
    /// Log filters on top of `warn`, at which the runtime's errors, such as the reasons a
    /// try-runtime check failed, are shown.
    #[command(flatten)]
    pub log: LogArgs,
}

/// Arguments of `taonet revert`.
#[derive(Debug, Clone, Args)]
pub struct RevertArgs {
    /// How many blocks to revert; finalized blocks are never reverted.
    #[arg(value_name = "NUM", default_value_t = 256)]
    pub num: u32,
    /// The chain database.
    #[command(flatten)]
    pub db: ChainDbArgs,
}

/// Arguments of `taonet purge-chain`.
#[derive(Debug, Clone, Args)]
pub struct PurgeChainArgs {
    /// Delete without asking.
    #[arg(short = 'y')]
    pub yes: bool,
    /// The chain.
    #[command(flatten)]
    pub chain: ChainArg,
    /// Where its data lives.
    #[command(flatten)]
    pub base_path: BasePathArg,
}
