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
