//! The node's benchmarks, in one binary (each bench binary links the node and the native
//! runtime again, so one binary instead of four saves that much of every build):
//!
//! - `import`: block import, `taonet import-blocks` against authoring, and wasm against
//!   native execution of the same blocks;
//! - `epoch`: the Yuma epoch on chain, in wasm against native;
//! - `rpc_load`: JSON-RPC latency under load from a second process;
//! - `flood`: a transaction flood over RPC from a second process.
//!
//! `cargo bench -p taonet-node --bench node` runs them all, `-- NAME…` the ones named.

#[path = "../../../runtime/benches/support/full_subnet.rs"]
mod full_subnet;

mod epoch;
mod flood;
mod import;
mod rpc_load;
mod rpc_node;
mod support;

/// Every bench, by the name that selects it.
const BENCHES: [(&str, fn()); 4] = [
    ("import", import::run),
    ("epoch", epoch::run),
    ("rpc_load", rpc_load::run),
    ("flood", flood::run),
];

fn main() {
    // `cargo bench` passes `--bench`; without it (`cargo test`'s harness flags) nothing runs.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|arg| arg == "--bench") {
        return;
    }
    let named: Vec<&str> = args
        .iter()
        .filter(|arg| !arg.starts_with('-'))
        .map(String::as_str)
        .collect();
    if let Some(unknown) = named
        .iter()
        .find(|name| !BENCHES.iter().any(|(b, _)| b == *name))
    {
        eprintln!("no bench named {unknown}: the benches are import, epoch, rpc_load, flood");
        std::process::exit(2);
    }
    for (name, run) in BENCHES {
        if named.is_empty() || named.contains(&name) {
            println!("## {name}");
            run();
        }
    }
}
