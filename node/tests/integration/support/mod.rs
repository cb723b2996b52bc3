//! Running the real `taonet` binary in tests: a fast chain spec (1 s slots), a node
//! process on 127.0.0.1 with its RPC port (and p2p address) read from its log, killed when
//! dropped.

pub mod prometheus;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codec::Decode;
use jsonrpsee::core::client::ClientT;
use jsonrpsee::http_client::{HttpClient, HttpClientBuilder};
use jsonrpsee::rpc_params;
use serde_json::Value;
use sp_runtime::AccountId32;
use taonet_node::network::behaviour::Behaviour;
use taonet_node::network::protocol::{ProtocolNames, Role, Status, StatusMessage};

/// The node binary under test, as a command whose compiled runtimes wasmtime keeps in the
/// test target's scratch directory (`--wasmtime-cache-path`, given by its environment
/// variable so that it fits every command line): every process after the first loads them
/// instead of compiling them again, which was most of this suite's work.
pub fn taonet() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_taonet"));
    command.env(
        "TAONET_WASMTIME_CACHE_PATH",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("wasmtime-cache"),
    );
    command
}

/// Writes the raw `chain` spec with `slot_ms`-long slots into `dir` (`build-spec
/// --slot-duration`), and returns its path.
pub fn fast_spec(dir: &Path, chain: &str, slot_ms: u64) -> PathBuf {
    let output = taonet()
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

/// A development node on 1-second slots (Alice alone authors, finalizes and is sudo), its
/// chain spec in `dir` and its database in `dir/base`.
pub fn dev_node(dir: &Path) -> Node {
    let spec = fast_spec(dir, "dev", 1000);
    let base = dir.join("base");
    Node::start(&[
        "--chain",
        spec.to_str().expect("path"),
        "--alice",
        "--base-path",
        base.to_str().expect("path"),
    ])
}

/// Tests that run a network of four validator processes take this first, so that one such
/// network runs at a time: two of them on a 2-core machine starve each other's slots and
/// votes, and the test would measure the machine, not the node. Lighter tests run beside.
pub async fn one_network_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static NETWORKS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    NETWORKS.lock().await
}

/// Validator `identity` (`--alice`, …) of the fast local chain `spec`, its data kept in
/// `base` so that a restart finds its database, keys and GRANDPA votes.
pub fn validator(spec: &str, identity: &str, base: &Path, bootnode: Option<&str>) -> Node {
    let base = base.to_str().expect("path");
    let mut args = vec!["--chain", spec, identity, "--base-path", base];
    if let Some(bootnode) = bootnode {
        args.extend(["--bootnodes", bootnode]);
    }
    Node::start(&args)
}

/// Alice, Bob, Charlie and Dave on the fast local chain, each on its own base path under
/// `dir`, the others booting from Alice; with the chain spec's path and Alice's address.
pub fn four_validators(dir: &Path) -> (String, String, [Node; 4]) {
    let spec = fast_spec(dir, "local", 1000);
    let spec = spec.to_str().expect("path").to_owned();
    let alice = validator(&spec, "--alice", &dir.join("alice"), None);
    let boot = alice.p2p_addr();
    let [bob, charlie, dave] = ["bob", "charlie", "dave"]
        .map(|who| validator(&spec, &format!("--{who}"), &dir.join(who), Some(&boot)));
    (spec, boot, [alice, bob, charlie, dave])
}

/// A running `taonet` process.
pub struct Node {
    child: Child,
    /// `http://127.0.0.1:PORT`, also a WebSocket endpoint as `ws://…`.
    pub rpc: String,
    log: Arc<Mutex<Vec<String>>>,
    /// The process's `TMPDIR`: a `--tmp` node's data lands here and goes with the test's
    /// `Node`, even when the process is killed before it can remove it itself.
    _tmp: tempfile::TempDir,
}

impl Node {
    /// Starts `taonet` with `args` (plus `--rpc-port 0 --no-mdns`, `--no-prometheus`
    /// unless `args` give a Prometheus port, and `--listen-addr /ip4/127.0.0.1/tcp/0`
    /// unless `args` choose a p2p address) and waits until its RPC server listens. mDNS
    /// stays off so that parallel tests' nodes never find each other.
    pub fn start(args: &[&str]) -> Node {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut command = taonet();
        command
            .env("TMPDIR", tmp.path())
            .args(args)
            .args(["--rpc-port", "0", "--no-mdns"]);
        if !args.contains(&"--prometheus-port") {
            command.arg("--no-prometheus");
        }
        if !args.iter().any(|a| *a == "--port" || *a == "--listen-addr") {
            command.args(["--listen-addr", "/ip4/127.0.0.1/tcp/0"]);
        }
        let mut child = command
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
            _tmp: tmp,
        };
        match addr {
            Ok(addr) => node.rpc = format!("http://{addr}"),
            Err(_) => panic!("no RPC address logged:\n{}", node.log()),
        }
        node
    }

    /// The node's p2p address with its PeerId (`/ip4/127.0.0.1/tcp/PORT/p2p/12D3KooW…`),
    /// read from its log (waits up to 30 s for it): what other nodes take as a boot node.
    pub fn p2p_addr(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let found = self.log.lock().expect("log").iter().find_map(|line| {
                let addr = line.split("Listening on ").nth(1)?;
                Some(addr.split_whitespace().next()?.to_owned())
            });
            if let Some(addr) = found {
                return addr;
            }
            assert!(
                Instant::now() < deadline,
                "no p2p address logged:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The node's PeerId, from its p2p address.
    pub fn peer_id(&self) -> String {
        let addr = self.p2p_addr();
        addr.rsplit("/p2p/").next().unwrap_or_default().to_owned()
    }

    /// The process's id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the node logged a line containing `text`.
    pub fn logged(&self, text: &str) -> bool {
        self.log
            .lock()
            .expect("log")
            .iter()
            .any(|l| l.contains(text))
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

/// The hash of canonical block `number` (the best block if `None`), if known.
pub async fn block_hash(client: &HttpClient, number: Option<u32>) -> Option<String> {
    let hash: Option<String> = match number {
        Some(number) => client.request("chain_getBlockHash", rpc_params![number]),
        None => client.request("chain_getBlockHash", rpc_params![]),
    }
    .await
    .expect("chain_getBlockHash");
    hash
}

/// The node's finalized block: (number, hash).
pub async fn finalized(client: &HttpClient) -> (u32, String) {
    let hash: String = client
        .request("chain_getFinalizedHead", rpc_params![])
        .await
        .expect("chain_getFinalizedHead");
    let header: Value = client
        .request("chain_getHeader", rpc_params![hash.clone()])
        .await
        .expect("chain_getHeader");
    (hex_number(&header["number"]), hash)
}

/// Every node's log, for a failure message.
pub fn logs(nodes: &[&Node]) -> String {
    nodes
        .iter()
        .map(|n| n.log())
        .collect::<Vec<_>>()
        .join("\n-----\n")
}

/// Waits up to `timeout` until every node's finalized block is at least `number`; fails
/// with their logs otherwise.
pub async fn all_finalized(nodes: &[&Node], number: u32, timeout: Duration, what: &str) {
    let clients: Vec<HttpClient> = nodes.iter().map(|n| n.client()).collect();
    let deadline = Instant::now() + timeout;
    loop {
        let mut all = true;
        for client in &clients {
            all &= finalized(client).await.0 >= number;
        }
        if all {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}:\n{}",
            logs(nodes)
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A `0x…` block number.
pub fn hex_number(value: &Value) -> u32 {
    let text = value.as_str().expect("hex number");
    u32::from_str_radix(text.trim_start_matches("0x"), 16).expect("number")
}

/// Waits up to `within` for the node behind `client` to reach two blocks past its best
/// one now: it goes on after whatever a test did to it.
pub async fn two_more_blocks(client: &HttpClient, within: Duration) {
    let best = best_number(client).await;
    wait_for(within, "two more blocks", || async {
        best_number(client).await >= best + 2
    })
    .await;
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

/// The storage key of `who`'s `System.Account` entry.
pub fn account_key_bytes(who: &AccountId32) -> Vec<u8> {
    let account: &[u8; 32] = who.as_ref();
    [
        sp_crypto_hashing::twox_128(b"System").to_vec(),
        sp_crypto_hashing::twox_128(b"Account").to_vec(),
        sp_crypto_hashing::blake2_128(account).to_vec(),
        account.to_vec(),
    ]
    .concat()
}

/// The storage key of `who`'s `System.Account` entry, as RPC takes it (`0x…`).
pub fn account_key(who: &AccountId32) -> String {
    format!("0x{}", hex::encode(account_key_bytes(who)))
}

/// `who`'s free balance at the best block, read over RPC.
pub async fn free_balance(client: &HttpClient, who: &AccountId32) -> u64 {
    account(client, who).await.map_or(0, |info| info.data.free)
}

/// `who`'s `System.Account` entry at the best block, over RPC; `None` if it has none.
pub async fn account(
    client: &HttpClient,
    who: &AccountId32,
) -> Option<frame_system::AccountInfo<u32, pallet_balances::AccountData<u64>>> {
    let value: Option<String> = client
        .request("state_getStorage", rpc_params![account_key(who)])
        .await
        .expect("state_getStorage");
    let bytes = hex::decode(value?.trim_start_matches("0x")).expect("hex");
    Some(
        frame_system::AccountInfo::<u32, pallet_balances::AccountData<u64>>::decode(
            &mut &bytes[..],
        )
        .expect("account info"),
    )
}

/// The genesis hash, read over RPC.
pub async fn genesis_hash(client: &HttpClient) -> taonet_runtime::Hash {
    let hash: String = client
        .request("chain_getBlockHash", rpc_params![0])
        .await
        .expect("genesis hash");
    taonet_runtime::Hash::from_slice(&hex::decode(hash.trim_start_matches("0x")).expect("hex"))
}

/// Authors `blocks` blocks of `per_block` transfers from Alice on `client`, each sealed by
/// the development key whose Aura slot it is, at the slots from `first_slot` on that the
/// chain's authorities take in turn (every slot on the one-authority dev chain), long
/// past so that no clock refuses them. Different first slots give different chains.
pub fn author_blocks(
    client: &taonet_node::chain::Client,
    blocks: u32,
    per_block: u32,
    first_slot: u64,
) {
    use sp_consensus_aura::sr25519::AuthorityPair;
    use sp_keyring::Sr25519Keyring;
    use taonet_runtime::RuntimeCall;

    let genesis = client.info().genesis;
    let slot_duration = client.slot_duration_ms(&genesis).expect("slot duration");
    let sender = Sr25519Keyring::Alice.pair();
    let best = client.info().best.hash;
    let mut nonce = client
        .storage(
            &best,
            &account_key_bytes(&Sr25519Keyring::Alice.to_account_id()),
        )
        .expect("storage")
        .and_then(|bytes| {
            frame_system::AccountInfo::<u32, pallet_balances::AccountData<u64>>::decode(
                &mut &bytes[..],
            )
            .ok()
        })
        .map_or(0, |info| info.nonce);
    let authorities = client.authorities(&best).expect("authorities");
    let author = |slot: u64| {
        let public = taonet_node::chain::aura::slot_author(slot, &authorities).expect("author");
        Sr25519Keyring::iter()
            .map(|k| AuthorityPair::from(k.pair()))
            .find(|pair| sp_core::Pair::public(pair) == *public)
            .expect("a development key")
    };
    for n in 0..blocks {
        let slot = first_slot + u64::from(n);
        let best = client.info().best.hash;
        let parent = client.header(&best).expect("read").expect("parent");
        let xts = (0..per_block)
            .map(|i| {
                let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
                    dest: sp_runtime::MultiAddress::Id(AccountId32::new(
                        [u8::try_from(i % 200).unwrap_or(0) + 1; 32],
                    )),
                    value: 1_000_000,
                });
                nonce += 1;
                taonet_runtime::signing::sign(call, &sender, nonce - 1, 0, genesis)
            })
            .collect();
        let state = client.state_at(&best).expect("state");
        let built =
            taonet_node::executor::build_block(&state, &parent, slot, slot_duration, xts, None)
                .expect("build");
        assert!(
            built.rejected.is_empty(),
            "{} transactions rejected",
            built.rejected.len()
        );
        let mut block = built.block;
        taonet_node::chain::aura::seal(&mut block.header, &author(slot));
        client.import_own(block, built.changes).expect("import");
    }
}

/// Alice's `transfer_keep_alive` of `amount` to Bob at `nonce`, immortal, signed for the
/// chain whose genesis hash is `genesis`.
pub fn transfer(
    nonce: u32,
    amount: u64,
    genesis: taonet_runtime::Hash,
) -> taonet_runtime::UncheckedExtrinsic {
    let call = taonet_runtime::RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
        dest: sp_runtime::MultiAddress::Id(sp_keyring::Sr25519Keyring::Bob.to_account_id()),
        value: amount,
    });
    let alice = sp_keyring::Sr25519Keyring::Alice.pair();
    taonet_runtime::signing::sign(call, &alice, nonce, 0, genesis)
}

/// A transfer carrying Alice's signature over a different transfer: invalid (`BadProof`).
pub fn forged_transfer(genesis: taonet_runtime::Hash) -> taonet_runtime::UncheckedExtrinsic {
    let (address, signature, extension) = transfer(0, 2, genesis)
        .preamble
        .to_signed()
        .expect("signed");
    taonet_runtime::UncheckedExtrinsic::new_signed(
        transfer(0, 1, genesis).function,
        address,
        signature,
        extension,
    )
}

/// A bare libp2p peer built from the node's own behaviour, to misbehave on purpose;
/// subscribed to the block and transaction topics of the chain of `genesis`.
pub fn test_peer(genesis: &taonet_runtime::Hash) -> libp2p::Swarm<Behaviour> {
    let names = ProtocolNames::new(genesis);
    let mut swarm = libp2p::SwarmBuilder::with_new_identity()
        .with_tokio()
        .with_tcp(
            libp2p::tcp::Config::default(),
            libp2p::noise::Config::new,
            libp2p::yamux::Config::default,
        )
        .expect("transport")
        .with_behaviour(|key| Behaviour::new(key, &names, false).expect("behaviour"))
        .expect("behaviour")
        .with_swarm_config(|c| c.with_idle_connection_timeout(Duration::from_secs(60)))
        .build();
    for topic in [&names.blocks_topic, &names.transactions_topic] {
        swarm
            .behaviour_mut()
            .gossipsub
            .subscribe(&libp2p::gossipsub::IdentTopic::new(topic.clone()))
            .expect("subscribe");
    }
    swarm
}

/// Sends a test peer's status handshake to `node`: a full node at genesis.
pub fn handshake(
    peer: &mut libp2p::Swarm<Behaviour>,
    node: libp2p::PeerId,
    genesis: taonet_runtime::Hash,
) {
    let status = StatusMessage::V1(Status {
        genesis,
        best_number: 0,
        best_hash: genesis,
        finalized_number: 0,
        finalized_hash: genesis,
        role: Role::Full,
    });
    peer.behaviour_mut().status.send_request(&node, status);
}
