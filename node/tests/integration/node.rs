//! The real `taonet` binary on 127.0.0.1: a dev chain authors and finalizes blocks,
//! transfers submitted over RPC change balances, a `kill -9` loses no committed block,
//! and malformed requests get errors while the node stays up.

use crate::support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use codec::Encode;
use jsonrpsee::core::client::ClientT;
use jsonrpsee::rpc_params;
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use sp_runtime::MultiAddress;
use support::prometheus::{at_least, dev_node_with_metrics, series_value};
use support::{
    best_number, dev_node, fast_spec, free_balance, genesis_hash, hex_number, wait_for, Node,
};
use taonet_runtime::{Hash, RuntimeCall};

fn transfer_to(dest: &sp_runtime::AccountId32, nonce: u32, amount: u64, genesis: Hash) -> String {
    let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
        dest: MultiAddress::Id(dest.clone()),
        value: amount,
    });
    let xt = taonet_runtime::signing::sign(call, &Sr25519Keyring::Alice.pair(), nonce, 0, genesis);
    format!("0x{}", hex::encode(xt.encode()))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dev_chain_authors_finalizes_and_applies_transfers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let node = dev_node(dir.path());
    let client = node.client();
    wait_for(Duration::from_secs(60), "block 2", || async {
        best_number(&client).await >= 2
    })
    .await;

    let genesis = genesis_hash(&client).await;
    let dest = sp_runtime::AccountId32::new([7; 32]);
    let hash: String = client
        .request(
            "author_submitExtrinsic",
            rpc_params![transfer_to(&dest, 0, 2_000_000_000, genesis)],
        )
        .await
        .expect("transfer accepted");
    assert_eq!(hash.len(), 66);
    wait_for(Duration::from_secs(60), "the transfer", || async {
        free_balance(&client, &dest).await == 2_000_000_000
    })
    .await;

    // One authority: finality follows the best block, one block behind it.
    let finalized: String = client
        .request("chain_getFinalizedHead", rpc_params![])
        .await
        .expect("finalized head");
    let header: Value = client
        .request("chain_getHeader", rpc_params![finalized])
        .await
        .expect("header");
    let finalized = hex_number(&header["number"]);
    assert!(finalized >= 2, "{header}");
    assert!(
        best_number(&client).await > finalized,
        "finality trails the best block"
    );
    assert!(node.terminate(), "a clean exit on SIGTERM");
}

#[tokio::test(flavor = "multi_thread")]
async fn kill_9_keeps_every_committed_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "dev", 1000);
    let base = dir.path().join("base");
    let args = [
        "--chain",
        spec.to_str().expect("path"),
        "--alice",
        "--base-path",
        base.to_str().expect("path"),
    ];
    let node = Node::start(&args);
    let client = node.client();
    wait_for(Duration::from_secs(60), "block 4", || async {
        best_number(&client).await >= 4
    })
    .await;
    let best = best_number(&client).await;
    let mut committed = Vec::new();
    for number in 0..=best {
        let hash: String = client
            .request("chain_getBlockHash", rpc_params![number])
            .await
            .expect("hash");
        let header: Value = client
            .request("chain_getHeader", rpc_params![hash.clone()])
            .await
            .expect("header");
        committed.push((number, hash, header["stateRoot"].clone()));
    }
    node.kill();

    let node = Node::start(&args);
    let client = node.client();
    assert!(best_number(&client).await >= best);
    for (number, hash, state_root) in committed {
        let found: String = client
            .request("chain_getBlockHash", rpc_params![number])
            .await
            .expect("hash");
        assert_eq!(found, hash, "block {number} after kill -9");
        let header: Value = client
            .request("chain_getHeader", rpc_params![hash])
            .await
            .expect("header");
        assert_eq!(header["stateRoot"], state_root);
    }
    wait_for(Duration::from_secs(60), "authoring to resume", || async {
        best_number(&client).await > best + 1
    })
    .await;
}

/// Sends raw bytes as an HTTP POST body and returns the response.
fn raw_post(rpc: &str, body: &[u8]) -> String {
    let addr = rpc.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    // A server refusing an oversized body may close the connection before it is sent.
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body));
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}

/// A hundred clients each send a 14 MiB request at once, as issue 18 tried (the node then
/// peaked at 2.1 GB resident; 2 258 MiB here with the budget lifted): each is answered,
/// and the node's peak resident memory stays under 1 GiB, because large bodies wait for
/// their share of a 128 MiB budget (about 650 MiB measured).
#[tokio::test(flavor = "multi_thread")]
async fn a_hundred_concurrent_14_mib_requests_are_answered_within_bounded_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "dev", 1000);
    let node = Node::start(&["--chain", spec.to_str().expect("path"), "--alice", "--tmp"]);
    // An extrinsic of 7 MiB of zeros, 14 MiB as hex: decoded, then refused.
    let mut body =
        br#"{"jsonrpc":"2.0","id":1,"method":"author_submitExtrinsic","params":["0x"#.to_vec();
    body.resize(body.len() + 14 * 1024 * 1024, b'0');
    body.extend_from_slice(br#""]}"#);
    let body = std::sync::Arc::new(body);
    let clients: Vec<_> = (0..100)
        .map(|_| {
            let (rpc, body) = (node.rpc.clone(), body.clone());
            std::thread::spawn(move || raw_post(&rpc, &body))
        })
        .collect();
    for client in clients {
        let response = client.join().expect("client");
        assert!(response.contains("\"error\""), "{response}");
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", node.pid())).expect("status");
    let peak_kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    eprintln!("peak resident memory: {} MiB", peak_kib / 1024);
    assert!(
        peak_kib < 1024 * 1024,
        "peak resident memory {peak_kib} KiB"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_requests_get_errors_and_the_node_stays_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "dev", 1000);
    let mut node = Node::start(&["--chain", spec.to_str().expect("path"), "--alice", "--tmp"]);
    for body in [
        &b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_getHea"[..],
        b"\x00\xff\xfe garbage",
        b"[]",
        b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"no_such_method\",\"params\":[]}",
        b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_getBlockHash\",\"params\":[\"0xzz\"]}",
        b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"author_submitExtrinsic\",\"params\":[\"0x0102\"]}",
    ] {
        let response = raw_post(&node.rpc, body);
        assert!(response.contains("\"error\""), "{response}");
    }
    // Runtime-API input that does not decode, as often as anyone likes: an error each
    // time, and not a line in the node's log (it logged a panic with its backtrace each
    // time when the runtime ran natively).
    let bad_input = br#"{"jsonrpc":"2.0","id":1,"method":"state_call","params":["AccountNonceApi_account_nonce","0x01"]}"#;
    for _ in 0..20 {
        let response = raw_post(&node.rpc, bad_input);
        assert!(response.contains("\"error\""), "{response}");
    }
    // A valid call padded with whitespace: answered when small, refused past the 15 MiB
    // request limit.
    let padded = |len: usize| {
        let mut body = br#"{"jsonrpc":"2.0","id":1,"method":"system_chain","params":[]}"#.to_vec();
        body.resize(len, b' ');
        body
    };
    let response = raw_post(&node.rpc, &padded(1024));
    assert!(response.contains("\"result\""), "{response}");
    let response = raw_post(&node.rpc, &padded(16 * 1024 * 1024));
    assert!(!response.contains("\"result\""), "{response}");

    let client = node.client();
    let name: String = client
        .request("system_chain", rpc_params![])
        .await
        .expect("still serving");
    assert_eq!(name, "Development");
    assert!(node.is_running());
    for sign in ["panicked", "backtrace", "Bad input data"] {
        assert!(!node.logged(sign), "{sign} in the log:\n{}", node.log());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn prometheus_serves_the_chain_metrics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (node, port) = dev_node_with_metrics(dir.path());
    let client = node.client();
    wait_for(Duration::from_secs(60), "block 2", || async {
        best_number(&client).await >= 2
    })
    .await;
    let chain = "chain=\"dev\"";
    let metrics = at_least(
        &port,
        "substrate_block_height",
        &[chain, "status=\"best\""],
        1.0,
    )
    .await;
    for (series, labels) in [
        (
            "substrate_block_height",
            &[chain, "status=\"finalized\""][..],
        ),
        (
            "substrate_block_verification_and_import_time_count",
            &[chain],
        ),
        ("substrate_proposer_block_constructed_count", &[chain]),
        ("substrate_ready_transactions_number", &[chain]),
        ("substrate_sub_libp2p_peers_count", &[chain]),
        (
            "substrate_sub_libp2p_connections_opened_total",
            &[chain, "direction=\"in\""],
        ),
        (
            "taonet_sub_libp2p_messages_dropped_total",
            &[chain, "reason=\"grandpa_allowance\""],
        ),
        ("substrate_build_info", &[chain, "name=\"", "version=\""]),
        ("substrate_process_start_time_seconds", &[chain]),
        ("taonet_txpool_future_transactions", &[chain]),
        ("taonet_txpool_banned_transactions", &[chain]),
        ("taonet_rpc_calls_total", &[chain]),
        ("substrate_rpc_sessions_opened", &[chain]),
        ("substrate_rpc_sessions_closed", &[chain]),
        ("taonet_rpc_connections", &[chain]),
    ] {
        assert!(
            series_value(&metrics, series, labels).is_some(),
            "{series} {labels:?} missing:\n{metrics}"
        );
    }
    assert_eq!(
        series_value(&metrics, "substrate_node_roles", &[chain]).as_deref(),
        Some("4"),
        "an authority"
    );

    // A transfer, a forged one, and a bare TCP connection to the p2p port show.
    let genesis = genesis_hash(&client).await;
    let submit = |xt: taonet_runtime::UncheckedExtrinsic| {
        let client = &client;
        async move {
            client
                .request::<Value, _>(
                    "author_submitExtrinsic",
                    rpc_params![format!("0x{}", hex::encode(xt.encode()))],
                )
                .await
        }
    };
    submit(support::transfer(0, 1_000_000_000, genesis))
        .await
        .expect("accepted");
    submit(support::forged_transfer(genesis))
        .await
        .expect_err("forged");
    let p2p = node.p2p_addr();
    let p2p_port = p2p
        .split("/tcp/")
        .nth(1)
        .and_then(|rest| rest.split('/').next());
    let stream = TcpStream::connect(format!("127.0.0.1:{}", p2p_port.expect("a TCP port")));
    drop(stream.expect("p2p port accepts"));
    at_least(
        &port,
        "substrate_sub_txpool_submitted_transactions",
        &[chain],
        2.0,
    )
    .await;
    at_least(
        &port,
        "substrate_sub_txpool_validations_finished",
        &[chain],
        2.0,
    )
    .await;
    at_least(
        &port,
        "substrate_sub_txpool_validations_invalid",
        &[chain],
        1.0,
    )
    .await;
    at_least(
        &port,
        "substrate_proposer_number_of_transactions",
        &[chain],
        1.0,
    )
    .await;
    at_least(
        &port,
        "substrate_sub_libp2p_incoming_connections_total",
        &[chain],
        1.0,
    )
    .await;
}
