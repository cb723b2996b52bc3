//! `taonet`: the node binary of the taonet chain, and its offline tools.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;

use taonet_node::cli::{Cli, Command, EmissionCommand, YumaCommand};
use taonet_node::{emission, yuma};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Yuma {
            command: YumaCommand::Epoch(args),
        } => yuma::run_epoch(&args).map_err(|e| e.to_string()),
        Command::Emission {
            command: EmissionCommand::Schedule(args),
        } => emission::render_schedule(&args).map_err(|e| e.to_string()),
    };
    match result {
        Ok(text) => print(&text),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Writes a command's output; a reader that went away (`| head`) ends the program quietly.
fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
