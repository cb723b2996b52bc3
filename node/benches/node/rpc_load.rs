//! RPC latency under load from a second process: starts the release `taonet --dev` node,
//! then from this process keeps `CONCURRENCY` HTTP connections busy for `SECONDS` seconds
//! per method and reports requests/s and latency percentiles. `state_getStorage` (a trie
//! read of `System.Account` of Alice at the best block) runs side by side with
//! `system_health` (no state access), so their ratio is the cost of the state read.
//!
//! `cargo bench -p taonet-node --bench node -- rpc_load`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jsonrpsee::core::client::ClientT;
use jsonrpsee::http_client::HttpClientBuilder;
use jsonrpsee::rpc_params;
use sp_keyring::Sr25519Keyring;
use taonet_runtime::Runtime;

use crate::support::env_or;

/// The storage key of Alice's `System.Account`, as a client reads it.
fn account_key() -> String {
    let key =
        frame_system::Account::<Runtime>::hashed_key_for(Sr25519Keyring::Alice.to_account_id());
    format!("0x{}", hex::encode(key))
}

/// Latencies of every call of `method` made by `concurrency` clients for `seconds`.
async fn load(url: &str, method: &'static str, concurrency: u64, seconds: u64) -> Vec<Duration> {
    let key = account_key();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let client = HttpClientBuilder::default().build(url).expect("client");
        let key = key.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let started = Instant::now();
                let answer: Result<serde_json::Value, _> = match method {
                    "state_getStorage" => client.request(method, rpc_params![key.clone()]).await,
                    _ => client.request(method, rpc_params![]).await,
                };
                let answer = answer.expect("the node answers");
                // A key that read nothing would measure an empty lookup, not a state read.
                assert!(!answer.is_null(), "{method} answered null");
                latencies.push(started.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("client task"));
    }
    all.sort_unstable();
    all
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

/// Runs the RPC load bench.
#[tokio::main]
pub async fn run() {
    let concurrency = env_or("CONCURRENCY", 8);
    let seconds = env_or("SECONDS", 10);
    let mut node = Command::new(env!("CARGO_BIN_EXE_taonet"))
        .args(["--dev", "--rpc-port", "0", "--no-prometheus"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("taonet starts");
    let (addr, lines) = crate::rpc_node::rpc_address(&mut node);
    std::thread::spawn(move || lines.for_each(drop));
    let url = format!("http://{addr}");
    println!("{concurrency} connections, {seconds} s per method, release node on 127.0.0.1");
    println!("| method | requests/s | p50 | p99 |");
    println!("|---|---|---|---|");
    let mut rates = Vec::new();
    for method in ["system_health", "state_getStorage"] {
        let latencies = load(&url, method, concurrency, seconds).await;
        let rate = latencies.len() as f64 / seconds as f64;
        rates.push(rate);
        println!(
            "| `{method}` | {rate:.0} | {:.0} µs | {:.0} µs |",
            percentile(&latencies, 0.50).as_secs_f64() * 1e6,
            percentile(&latencies, 0.99).as_secs_f64() * 1e6,
        );
    }
    println!(
        "state_getStorage runs at {:.2} of system_health's rate",
        rates[1] / rates[0]
    );
    let _ = node.kill();
    let _ = node.wait();
}
