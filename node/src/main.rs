//! `taonet`: the node binary of the taonet chain, and its offline tools.

mod cli;
mod yuma;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command, YumaCommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Yuma {
            command: YumaCommand::Epoch(args),
        } => yuma::run_epoch(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
