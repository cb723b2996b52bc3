//! `taonet`: the node binary of the taonet chain, and its offline tools.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;

use taonet_node::cli::{BenchmarkCommand, Cli, Command, EmissionCommand, YumaCommand};
use taonet_node::{benchmark, chain_spec, emission, key, maintenance, upgrade_check, yuma};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(path) = cli.wasmtime_cache_path {
        taonet_node::executor::set_cache_path(path);
    }
    let result = match cli.command {
        None => return taonet_node::service::run(cli.run),
        Some(Command::Yuma {
            command: YumaCommand::Epoch(args),
        }) => yuma::run_epoch(&args).map_err(|e| e.to_string()),
        Some(Command::Emission {
            command: EmissionCommand::Schedule(args),
        }) => emission::render_schedule(&args).map_err(|e| e.to_string()),
        Some(Command::Key { command }) => key::run(&command).map_err(|e| e.to_string()),
        Some(Command::Benchmark {
            command: BenchmarkCommand::Pallet(args),
        }) => benchmark::pallet_command(&args).map_err(|e| e.to_string()),
        Some(Command::BuildSpec(args)) => {
            chain_spec::build_spec(args.chain.chain_id(), args.raw, args.slot_duration)
                .map_err(|e| e.to_string())
        }
        Some(Command::ExportChainSpec(args)) => {
            chain_spec::export_chain_spec(args.chain.chain_id(), args.raw, args.slot_duration)
                .map_err(|e| e.to_string())
        }
        Some(Command::ExportBlocks(args)) => {
            maintenance::export_command(&args).map_err(|e| e.to_string())
        }
        Some(Command::ImportBlocks(args)) => {
            maintenance::import_command(&args).map_err(|e| e.to_string())
        }
        Some(Command::CheckBlock(args)) => {
            maintenance::check_command(&args).map_err(|e| e.to_string())
        }
        Some(Command::CheckUpgrade(args)) => {
            upgrade_check::check_upgrade_command(&args).map_err(|e| e.to_string())
        }
        Some(Command::Revert(args)) => {
            maintenance::revert_command(&args).map_err(|e| e.to_string())
        }
        Some(Command::PurgeChain(args)) => {
            maintenance::purge_command(&args).map_err(|e| e.to_string())
        }
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
/// A command with nothing to say (one that only wrote files) prints nothing, not a blank
/// line.
fn print(text: &str) -> ExitCode {
    if text.is_empty() {
        return ExitCode::SUCCESS;
    }
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
