//! A transaction flood from a second process. Starts the release node on a development
//! chain with 1 s slots, signs `SENDERS` × `PER_SENDER` transfers (every sender its own
//! nonces), submits them all over one WebSocket connection per sender, `IN_FLIGHT`
//! requests at a time on each, and follows the chain until every transfer is in a block.
//! Reports the transfers per second the node accepted and included, the largest block,
//! and the longest gap between two blocks: on 1 s slots a gap of 2 s or more is a slot
//! without a block. The baseline, measured first in the same run, is the longest gap
//! over `IDLE_BLOCKS` blocks of the idle node. Then, for the rate submissions are compared
//! with, the node's own import rate on the same blocks: the flood's chain is exported and
//! imported again by `taonet import-blocks`, every block re-executed.
//!
//! `cargo bench -p taonet-node --bench node -- flood` (`SENDERS=5 PER_SENDER=1000 IN_FLIGHT=32
//! IDLE_BLOCKS=5`; `NODE_LOG=FILE NODE_LOG_FILTER=txpool=debug` keeps the node's log,
//! `NODE_ARGS="…"` adds to the node's command line).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use codec::Encode;
use futures::StreamExt;
use jsonrpsee::core::client::{ClientT, Subscription, SubscriptionClientT};
use jsonrpsee::rpc_params;
use jsonrpsee::ws_client::{WsClient, WsClientBuilder};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use sp_runtime::MultiAddress;
use taonet_runtime::{Hash, Header, RuntimeCall};

use crate::support::{env_or, import_with_binary, taonet};

/// Starts the node on `spec` with its data in `base` and its metrics on `prometheus`;
/// returns it and its WebSocket URL.
fn start_node(spec: &Path, base: &Path, prometheus: u16) -> (std::process::Child, String) {
    let mut node = Command::new(env!("CARGO_BIN_EXE_taonet"))
        .arg("--chain")
        .arg(spec)
        .arg("--base-path")
        .arg(base)
        .args(["--alice", "--rpc-port", "0", "--prometheus-port"])
        .arg(prometheus.to_string())
        .args(["--listen-addr", "/ip4/127.0.0.1/tcp/0", "--no-mdns"])
        .args(
            std::env::var("NODE_LOG_FILTER")
                .map(|f| vec!["-l".to_owned(), f])
                .unwrap_or_default(),
        )
        .args(
            std::env::var("NODE_ARGS")
                .map(|args| args.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_else(|_| Vec::new()),
        )
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("taonet starts");
    let (addr, lines) = crate::rpc_node::rpc_address(&mut node);
    // `NODE_LOG=FILE` keeps the node's log (`NODE_LOG_FILTER`, e.g. `txpool=debug`, its `-l`).
    let log =
        std::env::var_os("NODE_LOG").map(|path| std::fs::File::create(path).expect("log file"));
    std::thread::spawn(move || {
        use std::io::Write;
        let mut log = log;
        for line in lines.map_while(Result::ok) {
            if let Some(file) = &mut log {
                let _ = writeln!(file, "{line}");
            }
        }
    });
    (node, format!("ws://{addr}"))
}

/// The value of Prometheus series `name` (without labels but the chain's) on `port`.
fn metric(port: u16, name: &str) -> Option<f64> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    let request = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.lines().find_map(|line| {
        let (series, value) = line.split_once(' ')?;
        series
            .strip_prefix(name)?
            .starts_with('{')
            .then(|| value.trim().parse().ok())?
    })
}

/// `count` transfers from `who`, nonces 0 to `count - 1`, hex-encoded.
fn transfers(who: Sr25519Keyring, count: usize, genesis: Hash) -> Vec<String> {
    (0..count)
        .map(|nonce| {
            let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
                dest: MultiAddress::Id(Sr25519Keyring::Ferdie.to_account_id()),
                value: 1_000_000_000,
            });
            let nonce = u32::try_from(nonce).expect("nonce");
            let xt = taonet_runtime::signing::sign(call, &who.pair(), nonce, 0, genesis);
            format!("0x{}", hex::encode(xt.encode()))
        })
        .collect()
}

/// Submits `xts` over `client`, `in_flight` at a time; returns how many were accepted.
async fn submit_all(client: WsClient, xts: Vec<String>, in_flight: usize) -> usize {
    futures::stream::iter(xts)
        .map(|xt| {
            let client = &client;
            async move {
                let result = client
                    .request::<Value, _>("author_submitExtrinsic", rpc_params![xt])
                    .await;
                if let Err(error) = &result {
                    // Each refusal named: an honest flood should have none.
                    eprintln!("refused: {error}");
                }
                result.is_ok()
            }
        })
        .buffered(in_flight)
        .filter(|accepted| futures::future::ready(*accepted))
        .count()
        .await
}

/// Runs the flood bench.
#[tokio::main]
pub async fn run() {
    let senders = env_or("SENDERS", 5).min(5);
    let per_sender = env_or("PER_SENDER", 1000);
    let in_flight = env_or("IN_FLIGHT", 32);
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = dir.path().join("dev-fast.json");
    let exported = Command::new(env!("CARGO_BIN_EXE_taonet"))
        .args(["export-chain-spec", "--chain", "dev", "--raw"])
        .args(["--slot-duration", "1000"])
        .output()
        .expect("export-chain-spec runs");
    std::fs::write(&spec, exported.stdout).expect("spec written");
    let base = dir.path().join("node");
    let prometheus = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let (mut node, url) = start_node(&spec, &base, prometheus);
    let client = WsClientBuilder::default().build(&url).await.expect("ws");
    let genesis: Hash = client
        .request("chain_getBlockHash", rpc_params![0])
        .await
        .expect("genesis");
    let who = [
        Sr25519Keyring::Alice,
        Sr25519Keyring::Bob,
        Sr25519Keyring::Charlie,
        Sr25519Keyring::Dave,
        Sr25519Keyring::Eve,
    ];
    let signed: Vec<Vec<String>> = who[..senders]
        .iter()
        .map(|&who| transfers(who, per_sender, genesis))
        .collect();
    let total = senders * per_sender;
    let mut heads: Subscription<Header> = client
        .subscribe(
            "chain_subscribeNewHeads",
            rpc_params![],
            "chain_unsubscribeNewHeads",
        )
        .await
        .expect("heads");
    // The baseline, in the same run: the gaps between blocks of the idle node.
    heads.next().await.expect("a head").expect("decodes");
    let idle_blocks = env_or("IDLE_BLOCKS", 5);
    let mut idle_last = Instant::now();
    let mut idle_gap = Duration::ZERO;
    for _ in 0..idle_blocks {
        heads.next().await.expect("a head").expect("decodes");
        let now = Instant::now();
        idle_gap = idle_gap.max(now - idle_last);
        idle_last = now;
    }

    let started = Instant::now();
    let mut submitters = Vec::new();
    for xts in signed {
        let sender = WsClientBuilder::default()
            .max_concurrent_requests(in_flight * 2)
            .build(&url)
            .await
            .expect("ws");
        submitters.push(tokio::spawn(submit_all(sender, xts, in_flight)));
    }
    let mut accepting = tokio::spawn(async move {
        let mut accepted = 0;
        for submitter in submitters {
            accepted += submitter.await.expect("submitter");
        }
        (accepted, started.elapsed())
    });

    let mut included = 0usize;
    let mut largest = 0usize;
    let mut last = started;
    let mut longest_gap = Duration::ZERO;
    let mut blocks = 0;
    let mut submitted = None;
    loop {
        if submitted.is_none() && accepting.is_finished() {
            submitted = Some((&mut accepting).await.expect("submitters"));
        }
        if included >= submitted.map_or(total, |(accepted, _)| accepted) {
            break;
        }
        let Ok(Some(Ok(header))) =
            tokio::time::timeout(Duration::from_secs(60), heads.next()).await
        else {
            break;
        };
        let now = Instant::now();
        longest_gap = longest_gap.max(now - last);
        last = now;
        blocks += 1;
        let block: Value = client
            .request("chain_getBlock", rpc_params![header.hash()])
            .await
            .expect("block");
        // Less the timestamp inherent.
        let count = block["block"]["extrinsics"]
            .as_array()
            .map_or(0, |xts| xts.len().saturating_sub(1));
        included += count;
        largest = largest.max(count);
        if submitted.is_some() && count == 0 {
            let pending: Vec<Value> = client
                .request("author_pendingExtrinsics", rpc_params![])
                .await
                .expect("pending");
            if pending.is_empty() {
                // Every accepted transfer is either in a block or gone from the pool.
                break;
            }
        }
    }
    let included_in = started.elapsed();
    let (accepted, accepted_in) = match submitted {
        Some(done) => done,
        None => accepting.await.expect("submitters"),
    };
    // The pool's own work: a validation per submission, and each block's revalidation.
    let validations = metric(prometheus, "substrate_sub_txpool_validations_finished");
    let _ = node.kill();
    let _ = node.wait();
    // The node's own import rate on the same blocks, in the same run.
    let file = dir.path().join("flood.blocks");
    taonet(&[
        "export-blocks".as_ref(),
        "--binary".as_ref(),
        "--chain".as_ref(),
        spec.as_os_str(),
        "--base-path".as_ref(),
        base.as_os_str(),
        file.as_os_str(),
    ]);
    let import_seconds = import_with_binary(&spec, &file, &dir.path().join("imported"));
    println!(
        "{total} transfers from {senders} senders, {in_flight} in flight per connection, 1 s slots"
    );
    println!(
        "| load | accepted | accepted/s | included | included/s | blocks | largest block | longest gap |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| idle (baseline) | 0 | 0 | 0 | 0 | {idle_blocks} | 0 | {:.2} s |",
        idle_gap.as_secs_f64()
    );
    println!(
        "| flood | {accepted} | {:.0} | {included} | {:.0} | {blocks} | {largest} | {:.2} s |",
        accepted as f64 / accepted_in.as_secs_f64(),
        included as f64 / included_in.as_secs_f64(),
        longest_gap.as_secs_f64()
    );
    if let Some(validations) = validations {
        println!(
            "pool validations: {validations:.0} ({:.2} per accepted transfer)",
            validations / accepted.max(1) as f64
        );
    }
    println!(
        "import-blocks of the same chain: {included} transfers in {import_seconds:.2} s, {:.0} transfers/s",
        included as f64 / import_seconds
    );
}
