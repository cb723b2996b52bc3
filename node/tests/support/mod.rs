//! Running the real `taonet` binary in tests: a fast chain spec (1 s slots), a node
//! process on 127.0.0.1 with its RPC port read from its log, killed when dropped.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jsonrpsee::core::client::ClientT;
use jsonrpsee::http_client::{HttpClient, HttpClientBuilder};
use jsonrpsee::rpc_params;
use serde_json::Value;

/// The node binary under test.
pub const TAONET: &str = env!("CARGO_BIN_EXE_taonet");

/// Writes the raw `chain` spec with `slot_ms`-long slots into `dir` (`build-spec
/// --slot-duration`), and returns its path.
pub fn fast_spec(dir: &Path, chain: &str, slot_ms: u64) -> PathBuf {
    let output = Command::new(TAONET)
        .args([
            "export-chain-spec",
            "--chain",
            chain,
            "--raw",
            "--slot-duration",
        ])
        .arg(slot_ms.to_string())
        .output()
        .expect("export-chain-spec runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = dir.join(format!("{chain}-fast.json"));
    std::fs::write(&path, output.stdout).expect("write");
    path
}

/// A running `taonet` process.
pub struct Node {
    child: Child,
    /// `http://127.0.0.1:PORT`, also a WebSocket endpoint as `ws://…`.
    pub rpc: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Node {
    /// Starts `taonet` with `args` (plus `--rpc-port 0 --no-prometheus`) and waits until
    /// its RPC server listens.
    pub fn start(args: &[&str]) -> Node {
        let mut child = Command::new(TAONET)
            .args(args)
            .args(["--rpc-port", "0", "--no-prometheus"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("taonet starts");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains("Running JSON-RPC server") {
                    if let Some(addr) = line.split("addr=").nth(1) {
                        let addr = addr.split_whitespace().next().unwrap_or_default();
                        let _ = addr_tx.send(addr.to_owned());
                    }
                }
                sink.lock().expect("log").push(line);
            }
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(60));
        let mut node = Node {
            child,
            rpc: String::new(),
            log,
        };
        match addr {
            Ok(addr) => node.rpc = format!("http://{addr}"),
            Err(_) => panic!("no RPC address logged:\n{}", node.log()),
        }
        node
    }

    /// Everything the node logged so far.
    pub fn log(&self) -> String {
        self.log.lock().expect("log").join("\n")
    }

    /// An HTTP JSON-RPC client.
    pub fn client(&self) -> HttpClient {
        HttpClientBuilder::default()
            .request_timeout(Duration::from_secs(30))
            .build(&self.rpc)
            .expect("client")
    }

    /// `ws://…` of the RPC server.
    pub fn ws(&self) -> String {
        self.rpc.replacen("http://", "ws://", 1)
    }

    /// Kills the process at once (SIGKILL): no shutdown code runs.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and waits for a clean exit; returns whether it exited successfully.
    pub fn terminate(mut self) -> bool {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The best block number the node reports.
pub async fn best_number(client: &HttpClient) -> u32 {
    let header: Value = client
        .request("chain_getHeader", rpc_params![])
        .await
        .expect("chain_getHeader");
    hex_number(&header["number"])
}

/// A `0x…` block number.
pub fn hex_number(value: &Value) -> u32 {
    let text = value.as_str().expect("hex number");
    u32::from_str_radix(text.trim_start_matches("0x"), 16).expect("number")
}

/// Waits until `condition` holds, polling every 100 ms, for at most `timeout`.
pub async fn wait_for<F, Fut>(timeout: Duration, what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + timeout;
    while !condition().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
