//! Arguments of `taonet benchmark pallet`, named as Substrate's `benchmark pallet` names
//! them wherever the two do the same thing.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::ChainArg;

/// Benchmark tools.
#[derive(Debug, Subcommand)]
pub enum BenchmarkCommand {
    /// Run pallets' benchmarks in a `runtime-benchmarks` build of the runtime, on a
    /// database-backed state, and write each pallet's `weights.rs`.
    Pallet(PalletArgs),
}

/// Arguments of `taonet benchmark pallet`.
#[derive(Debug, Clone, Args)]
pub struct PalletArgs {
    /// The runtime to measure: a wasm blob built with `--features runtime-benchmarks`
    /// (`cargo build --release -p taonet-runtime --features benchmarks-blob` writes it under
    /// `target/release/wbuild/taonet-runtime/`).
    #[arg(long, value_name = "FILE")]
    pub runtime: PathBuf,
    /// The genesis the benchmarks start from (its `:code` replaced by `--runtime`).
    /// Default: `dev`.
    #[command(flatten)]
    pub chain: ChainArg,
    /// Pallets to run, by crate name (`pallet_subtensor`), or `*` for all.
    #[arg(long, short = 'p', value_name = "PALLET", default_value = "*")]
    pub pallet: String,
    /// Benchmarks to run, comma-separated, or `*` for all of each pallet.
    #[arg(long, short = 'e', value_name = "EXTRINSIC", default_value = "*")]
    pub extrinsic: String,
    /// Values taken across each component's range (at least 2).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(2..=1_000))]
    pub steps: u32,
    /// Measured runs of each set of component values (at least 1).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1_000))]
    pub repeat: u32,
    /// List the benchmarks and their components instead of running them.
    #[arg(long)]
    pub list: bool,
    /// Skip the benchmarks' verification run (its asserts on the measured call's effect).
    #[arg(long)]
    pub no_verify: bool,
    /// Include benchmarks marked `extra` (not needed for weights).
    #[arg(long)]
    pub extra: bool,
    /// Write each pallet's weights as Rust: a file when one pallet runs, else a
    /// directory, with one `<pallet>.rs` per pallet.
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// A file whose text is put at the top of each weights file (a licence header).
    #[arg(long, value_name = "FILE")]
    pub header: Option<PathBuf>,
    /// Write every raw result as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub json_file: Option<PathBuf>,
}
