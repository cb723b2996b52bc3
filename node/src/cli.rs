//! Command-line interface: one clap args struct per command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The taonet node and its tools.
#[derive(Debug, Parser)]
#[command(name = "taonet", version, about)]
pub struct Cli {
    /// What to run.
    #[command(subcommand)]
    pub command: Command,
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
