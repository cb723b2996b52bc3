//! The JSON-RPC server against a real chain: a `Client` on a temporary directory with the
//! development genesis, a transaction pool following it, and the server on 127.0.0.1:0,
//! spoken to over WebSocket, HTTP and raw sockets as clients do.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::support::{forged_transfer, transfer};
use codec::{Decode, Encode};
use jsonrpsee::core::client::{ClientT, Error as ClientError, Subscription, SubscriptionClientT};
use jsonrpsee::http_client::HttpClientBuilder;
use jsonrpsee::rpc_params;
use jsonrpsee::ws_client::{WsClient, WsClientBuilder};
use parking_lot::Mutex;
use serde_json::{json, Value};
use sp_core::crypto::{KeyTypeId, Ss58Codec};
use sp_core::Pair as _;
use sp_crypto_hashing::{blake2_128, blake2_256, twox_128};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Header as _;
use taonet_node::chain::{aura, Client};
use taonet_node::db::Pruning;
use taonet_node::executor::build_block;
use taonet_node::network::NoNetwork;
use taonet_node::rpc::{self, KeyStore, RpcConfig, RpcDeps, RpcHandle, RpcMethods, SystemInfo};
use taonet_node::txpool::{PoolLimits, TxPool};
use taonet_runtime::{
    Balance, Block, Hash, Header, UncheckedExtrinsic, MILLISECS_PER_BLOCK, VERSION,
};

/// Subtensor's custom methods (`neuronInfo_*`, `subnetInfo_*`, …).
mod connections;
mod subtensor;

/// A directory removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "taonet-rpc-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Keys kept in memory, standing in for the node's keystore.
#[derive(Default)]
struct MemoryKeys(Mutex<Vec<(KeyTypeId, Vec<u8>)>>);

impl KeyStore for MemoryKeys {
    fn insert(&self, key_type: KeyTypeId, _suri: &str, public: &[u8]) -> Result<(), String> {
        self.0.lock().push((key_type, public.to_vec()));
        Ok(())
    }
    fn has_key(&self, public: &[u8], key_type: KeyTypeId) -> bool {
        self.0
            .lock()
            .iter()
            .any(|(t, p)| *t == key_type && p == public)
    }
    fn generate_session_keys(&self) -> Result<Vec<u8>, String> {
        let (aura, _) = sp_core::sr25519::Pair::generate();
        let (grandpa, _) = sp_core::ed25519::Pair::generate();
        self.insert(KeyTypeId(*b"aura"), "", aura.public().as_ref())?;
        self.insert(KeyTypeId(*b"gran"), "", grandpa.public().as_ref())?;
        Ok(taonet_runtime::SessionKeys {
            aura: aura.public().into(),
            grandpa: grandpa.public().into(),
        }
        .encode())
    }
}

/// A development chain, its pool (maintained) and an RPC server over them.
struct Node {
    client: Arc<Client>,
    pool: Arc<TxPool>,
    rpc: RpcHandle,
    _dir: TempDir,
}

impl Node {
    async fn start() -> Self {
        Self::start_with(RpcConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            ..RpcConfig::default()
        })
        .await
    }

    async fn start_with(config: RpcConfig) -> Self {
        let dir = TempDir::new();
        let genesis = taonet_node::chain_spec::ChainSpec::development()
            .and_then(|spec| spec.build_storage())
            .expect("genesis storage");
        let client = Client::open(&dir.0, Some(Pruning::Archive), genesis).expect("client opens");
        let pool = TxPool::new(client.clone(), PoolLimits::default());
        tokio::spawn(pool.clone().maintain());
        let rpc = rpc::start(
            config,
            RpcDeps {
                client: client.clone(),
                pool: pool.clone(),
                keystore: Arc::new(MemoryKeys::default()),
                system: SystemInfo {
                    node_name: "taonet".into(),
                    version: "0.1.0".into(),
                    chain_name: "Development".into(),
                    chain_type: "Development".into(),
                    properties: json!({"ss58Format": 42, "tokenDecimals": 9, "tokenSymbol": "TAO"}),
                    is_validator: true,
                },
                network: Arc::new(NoNetwork),
                grandpa: None,
            },
        )
        .await
        .expect("server starts");
        Node {
            client,
            pool,
            rpc,
            _dir: dir,
        }
    }

    fn ws_url(&self) -> String {
        format!("ws://{}", self.rpc.local_addr())
    }

    fn http_url(&self) -> String {
        format!("http://{}", self.rpc.local_addr())
    }

    async fn ws(&self) -> WsClient {
        WsClientBuilder::default()
            .max_response_size(64 * 1024 * 1024)
            .build(self.ws_url())
            .await
            .expect("ws connects")
    }

    fn genesis(&self) -> Hash {
        self.client.info().genesis
    }

    /// Builds, seals (Alice is the only authority) and imports the next block with `xts`.
    fn produce(&self, xts: Vec<UncheckedExtrinsic>) -> Hash {
        let best = self.client.info().best;
        let parent = self
            .client
            .header(&best.hash)
            .unwrap()
            .expect("best header");
        let state = self.client.state_at(&best.hash).expect("best state");
        let slot = 1_000 + u64::from(best.number);
        let built =
            build_block(&state, &parent, slot, MILLISECS_PER_BLOCK, xts, None).expect("builds");
        assert!(built.rejected.is_empty(), "{:?}", built.rejected);
        let mut header = built.block.header;
        aura::seal(&mut header, &Sr25519Keyring::Alice.pair().into());
        let hash = header.hash();
        self.client
            .import_own(
                Block {
                    header,
                    extrinsics: built.block.extrinsics,
                },
                built.changes,
            )
            .expect("imports");
        hash
    }

    /// Produces a block with the pool's ready transactions.
    async fn produce_from_pool(&self) -> Hash {
        let xts = self
            .pool
            .ready()
            .into_iter()
            .map(|(_, xt)| (*xt).clone())
            .collect();
        self.produce(xts)
    }
}

fn hex(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

fn unhex(text: &str) -> Vec<u8> {
    hex::decode(text.trim_start_matches("0x")).expect("hex")
}

/// `System.Account` key of `who`.
fn account_key(who: Sr25519Keyring) -> Vec<u8> {
    let id = who.to_account_id();
    let mut key = twox_128(b"System").to_vec();
    key.extend(twox_128(b"Account"));
    key.extend(blake2_128(id.as_ref()));
    key.extend_from_slice(id.as_ref());
    key
}

/// The free balance in an encoded `AccountInfo` (nonce, consumers, providers,
/// sufficients: four u32, then the free balance).
fn free_balance(info: &[u8]) -> Balance {
    Balance::decode(&mut &info[16..]).expect("balance")
}

/// The JSON-RPC error of a call.
fn call_error<T: std::fmt::Debug>(result: Result<T, ClientError>) -> (i32, String, Option<String>) {
    match result {
        Err(ClientError::Call(error)) => (
            error.code(),
            error.message().to_owned(),
            error.data().map(|d| d.get().to_owned()),
        ),
        other => panic!("expected a call error, got {other:?}"),
    }
}

/// The next notification within a few seconds.
async fn next<T: serde::de::DeserializeOwned + std::fmt::Debug>(sub: &mut Subscription<T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), sub.next())
        .await
        .expect("a notification in time")
        .expect("subscription open")
        .expect("notification decodes")
}

/// A raw HTTP/1.1 POST of `body`; returns the status line and the response body.
async fn raw_post(addr: SocketAddr, body: &[u8]) -> (String, String) {
    let (head, body) = raw_post_with(addr, "", body).await;
    (head.lines().next().unwrap_or_default().to_owned(), body)
}

/// A raw HTTP/1.1 POST of `body` with `extra` header lines; returns the response head
/// (status line and headers) and body.
async fn raw_post_with(addr: SocketAddr, extra: &str, body: &[u8]) -> (String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("writes");
    // The server may answer (413) before reading the whole body: ignore write errors.
    let _ = stream.write_all(body).await;
    let mut response = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut response)).await;
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (head.to_owned(), body.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rpc_methods_lists_everything_and_system_answers() {
    let node = Node::start().await;
    let ws = node.ws().await;
    let listed: Value = ws.request("rpc_methods", rpc_params![]).await.unwrap();
    let methods: Vec<String> = serde_json::from_value(listed["methods"].clone()).unwrap();
    let mut sorted = methods.clone();
    sorted.sort();
    assert_eq!(methods, sorted, "sorted");
    for name in [
        "rpc_methods",
        "system_name",
        "system_version",
        "system_chain",
        "system_chainType",
        "system_properties",
        "system_health",
        "system_accountNextIndex",
        "account_nextIndex",
        "system_localPeerId",
        "system_localListenAddresses",
        "system_nodeRoles",
        "system_syncState",
        "system_peers",
        "chain_getBlockHash",
        "chain_getHead",
        "chain_getHeader",
        "chain_getBlock",
        "chain_getFinalizedHead",
        "chain_getFinalisedHead",
        "chain_subscribeNewHeads",
        "chain_subscribeNewHead",
        "subscribe_newHead",
        "chain_unsubscribeNewHeads",
        "chain_unsubscribeNewHead",
        "unsubscribe_newHead",
        "chain_subscribeAllHeads",
        "chain_unsubscribeAllHeads",
        "chain_subscribeFinalizedHeads",
        "chain_subscribeFinalisedHeads",
        "chain_unsubscribeFinalizedHeads",
        "chain_unsubscribeFinalisedHeads",
        "state_getRuntimeVersion",
        "chain_getRuntimeVersion",
        "state_getMetadata",
        "state_call",
        "state_callAt",
        "state_getStorage",
        "state_getStorageAt",
        "state_getStorageHash",
        "state_getStorageHashAt",
        "state_getStorageSize",
        "state_getStorageSizeAt",
        "state_getKeysPaged",
        "state_getKeysPagedAt",
        "state_getKeys",
        "state_getKeysAt",
        "state_queryStorageAt",
        "state_getReadProof",
        "state_subscribeRuntimeVersion",
        "chain_subscribeRuntimeVersion",
        "state_unsubscribeRuntimeVersion",
        "chain_unsubscribeRuntimeVersion",
        "state_subscribeStorage",
        "state_unsubscribeStorage",
        "author_submitExtrinsic",
        "author_submitAndWatchExtrinsic",
        "author_unwatchExtrinsic",
        "author_pendingExtrinsics",
        "author_insertKey",
        "author_rotateKeys",
        "author_hasKey",
        "author_hasSessionKeys",
    ] {
        assert!(methods.iter().any(|m| m == name), "{name} is listed");
    }
    assert_eq!(methods.len(), node.rpc.methods().len());

    let chain: String = ws.request("system_chain", rpc_params![]).await.unwrap();
    assert_eq!(chain, "Development");
    let name: String = ws.request("system_name", rpc_params![]).await.unwrap();
    assert_eq!(name, "taonet");
    let chain_type: Value = ws.request("system_chainType", rpc_params![]).await.unwrap();
    assert_eq!(chain_type, json!("Development"));
    let properties: Value = ws
        .request("system_properties", rpc_params![])
        .await
        .unwrap();
    assert_eq!(properties["ss58Format"], 42);
    let health: Value = ws.request("system_health", rpc_params![]).await.unwrap();
    assert_eq!(
        health,
        json!({"peers": 0, "isSyncing": false, "shouldHavePeers": false})
    );
    let roles: Value = ws.request("system_nodeRoles", rpc_params![]).await.unwrap();
    assert_eq!(roles, json!(["Authority"]));
    let sync: Value = ws.request("system_syncState", rpc_params![]).await.unwrap();
    assert_eq!(
        sync,
        json!({"startingBlock": 0, "currentBlock": 0, "highestBlock": 0})
    );
    let genesis: Hash = ws
        .request("chainSpec_v1_genesisHash", rpc_params![])
        .await
        .unwrap();
    assert_eq!(genesis, node.genesis());
    assert!(node.rpc.calls().load(Ordering::Relaxed) >= 9);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocks_headers_and_hashes() {
    let node = Node::start().await;
    let genesis = node.genesis();
    let h1 = node.produce(vec![transfer(0, 1_000_000, genesis)]);
    let ws = node.ws().await;

    let h0: Hash = ws
        .request("chain_getBlockHash", rpc_params![0])
        .await
        .unwrap();
    assert_eq!(h0, genesis);
    let by_hex: Hash = ws
        .request("chain_getBlockHash", rpc_params!["0x1"])
        .await
        .unwrap();
    assert_eq!(by_hex, h1);
    let best: Hash = ws
        .request("chain_getBlockHash", rpc_params![])
        .await
        .unwrap();
    assert_eq!(best, h1);
    let head: Hash = ws.request("chain_getHead", rpc_params![]).await.unwrap();
    assert_eq!(head, h1);
    let list: Vec<Option<Hash>> = ws
        .request(
            "chain_getBlockHash",
            rpc_params![vec![json!(0), json!("0x1"), json!(5)]],
        )
        .await
        .unwrap();
    assert_eq!(list, vec![Some(genesis), Some(h1), None]);
    let (code, _, _) = call_error(
        ws.request::<Value, _>("chain_getBlockHash", rpc_params!["zz"])
            .await,
    );
    assert_eq!(code, -32602);

    let header: Value = ws
        .request("chain_getHeader", rpc_params![h1])
        .await
        .unwrap();
    assert_eq!(header["number"], "0x1");
    assert_eq!(header["parentHash"], json!(genesis));
    assert!(header["digest"]["logs"][0]
        .as_str()
        .unwrap()
        .starts_with("0x06"));
    // The hash a client computes from the JSON is the block hash.
    let decoded: Header = serde_json::from_value(header.clone()).unwrap();
    assert_eq!(Hash::from(blake2_256(&decoded.encode())), h1);
    let best_header: Value = ws.request("chain_getHeader", rpc_params![]).await.unwrap();
    assert_eq!(best_header, header);
    let unknown: Option<Value> = ws
        .request("chain_getHeader", rpc_params![Hash::repeat_byte(7)])
        .await
        .unwrap();
    assert_eq!(unknown, None);

    let block: Value = ws.request("chain_getBlock", rpc_params![h1]).await.unwrap();
    assert_eq!(block["block"]["header"], header);
    assert_eq!(block["justifications"], Value::Null);
    let extrinsics = block["block"]["extrinsics"].as_array().unwrap();
    assert_eq!(extrinsics.len(), 2, "timestamp and transfer");
    let xt = UncheckedExtrinsic::decode(&mut &unhex(extrinsics[1].as_str().unwrap())[..]).unwrap();
    // sr25519 signatures are randomised: compare what was signed.
    assert_eq!(xt.function, transfer(0, 1_000_000, genesis).function);
    assert!(xt.is_signed());
    let missing: Option<Value> = ws
        .request("chain_getBlock", rpc_params![Hash::repeat_byte(7)])
        .await
        .unwrap();
    assert_eq!(missing, None);

    // One authority: each new best block finalizes its parent.
    let finalized: Hash = ws
        .request("chain_getFinalizedHead", rpc_params![])
        .await
        .unwrap();
    assert_eq!(finalized, genesis);
    node.produce(Vec::new());
    let finalised: Hash = ws
        .request("chain_getFinalisedHead", rpc_params![])
        .await
        .unwrap();
    assert_eq!(finalised, h1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_reads_calls_and_paging() {
    let node = Node::start().await;
    let genesis = node.genesis();
    let amount: Balance = 5_000_000_000;
    let h1 = node.produce(vec![transfer(0, amount, genesis)]);
    let http = HttpClientBuilder::default()
        .max_response_size(64 * 1024 * 1024)
        .build(node.http_url())
        .unwrap();

    let key = hex(&account_key(Sr25519Keyring::Bob));
    let before: Option<String> = http
        .request("state_getStorage", rpc_params![&key, genesis])
        .await
        .unwrap();
    let after: Option<String> = http
        .request("state_getStorageAt", rpc_params![&key])
        .await
        .unwrap();
    let (before, after) = (unhex(&before.unwrap()), unhex(&after.unwrap()));
    assert_eq!(free_balance(&after), free_balance(&before) + amount);
    let absent: Option<String> = http
        .request("state_getStorage", rpc_params!["0x0102"])
        .await
        .unwrap();
    assert_eq!(absent, None);
    let size: Option<u64> = http
        .request("state_getStorageSize", rpc_params![&key])
        .await
        .unwrap();
    assert_eq!(size, Some(after.len() as u64));
    let hash: Option<Hash> = http
        .request("state_getStorageHash", rpc_params![&key])
        .await
        .unwrap();
    assert_eq!(hash, Some(Hash::from(blake2_256(&after))));

    let version: String = http
        .request("state_call", rpc_params!["Core_version", "0x"])
        .await
        .unwrap();
    let version = sp_version::RuntimeVersion::decode(&mut &unhex(&version)[..]).unwrap();
    assert_eq!(version.spec_version, VERSION.spec_version);
    let nonce: String = http
        .request(
            "state_callAt",
            rpc_params![
                "AccountNonceApi_account_nonce",
                hex(&Sr25519Keyring::Alice.to_account_id().encode()),
                h1
            ],
        )
        .await
        .unwrap();
    assert_eq!(unhex(&nonce), 1u32.encode());
    let (code, message, _) = call_error(
        http.request::<String, _>("state_call", rpc_params!["Nothing_here", "0x"])
            .await,
    );
    assert_eq!(code, 4003);
    assert_eq!(
        message,
        "Client error: Execution failed: Other: Exported method Nothing_here is not found"
    );
    // Input the runtime cannot decode: its decoder's words, without the blob's backtrace.
    let (code, message, _) = call_error(
        http.request::<String, _>(
            "state_call",
            rpc_params!["Metadata_metadata_at_version", "0x01"],
        )
        .await,
    );
    assert_eq!(code, 4003);
    assert!(
        message.contains("Bad input data provided to metadata_at_version")
            && !message.contains("backtrace"),
        "{message}"
    );
    let (code, message, _) = call_error(
        http.request::<String, _>(
            "state_call",
            rpc_params!["Core_version", "0x", Hash::repeat_byte(9)],
        )
        .await,
    );
    assert_eq!(code, 4003);
    assert!(message.contains("UnknownBlock"), "{message}");
    let (code, _, data) = call_error(
        http.request::<String, _>("state_getStorage", rpc_params!["0xnothex"])
            .await,
    );
    assert_eq!(code, -32602);
    assert!(data.unwrap().contains("key"));

    let runtime: Value = http
        .request("state_getRuntimeVersion", rpc_params![])
        .await
        .unwrap();
    assert_eq!(runtime["specVersion"], VERSION.spec_version);
    assert_eq!(runtime["specName"], "taonet");
    assert!(runtime["apis"].as_array().unwrap().len() > 5);
    let alias: Value = http
        .request("chain_getRuntimeVersion", rpc_params![genesis])
        .await
        .unwrap();
    assert_eq!(alias, runtime);
    let metadata: String = http
        .request("state_getMetadata", rpc_params![])
        .await
        .unwrap();
    assert!(metadata.starts_with("0x6d657461"), "magic");
    assert_eq!(&metadata[10..12], "0e", "V14");

    // Paging through System.Account.
    let mut prefix = twox_128(b"System").to_vec();
    prefix.extend(twox_128(b"Account"));
    let prefix = hex(&prefix);
    let all: Vec<String> = http
        .request("state_getKeysPaged", rpc_params![&prefix, 1000])
        .await
        .unwrap();
    assert!(all.len() >= 3, "endowed accounts: {}", all.len());
    assert!(all.windows(2).all(|w| w[0] < w[1]));
    let mut paged = Vec::new();
    let mut start: Option<String> = None;
    loop {
        let page: Vec<String> = http
            .request(
                "state_getKeysPagedAt",
                rpc_params![&prefix, 2, start.clone(), h1],
            )
            .await
            .unwrap();
        if page.is_empty() {
            break;
        }
        start = page.last().cloned();
        paged.extend(page);
    }
    assert_eq!(paged, all);
    // The unpaged form btcli uses for whole maps.
    let unpaged: Vec<String> = http
        .request("state_getKeys", rpc_params![&prefix])
        .await
        .unwrap();
    assert_eq!(unpaged, all);
    let (code, message, _) = call_error(
        http.request::<Vec<String>, _>("state_getKeysPaged", rpc_params![&prefix, 1001])
            .await,
    );
    assert_eq!(code, 4002);
    assert_eq!(
        message,
        "count exceeds maximum value. value: 1001, max: 1000"
    );

    let queried: Value = http
        .request(
            "state_queryStorageAt",
            rpc_params![vec![key.clone(), "0x0102".into()], h1],
        )
        .await
        .unwrap();
    assert_eq!(
        queried,
        json!([{"block": h1, "changes": [[key, hex(&after)], ["0x0102", null]]}])
    );
    let proof: Value = http
        .request("state_getReadProof", rpc_params![vec![key.clone()]])
        .await
        .unwrap();
    assert_eq!(proof["at"], json!(h1));
    assert!(!proof["proof"].as_array().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submissions_and_pool_errors() {
    let node = Node::start().await;
    let genesis = node.genesis();
    let http = HttpClientBuilder::default().build(node.http_url()).unwrap();

    let xt = transfer(0, 1_000, genesis).encode();
    let hash: Hash = http
        .request("author_submitExtrinsic", rpc_params![hex(&xt)])
        .await
        .unwrap();
    assert_eq!(hash, Hash::from(blake2_256(&xt)));
    let pending: Vec<String> = http
        .request("author_pendingExtrinsics", rpc_params![])
        .await
        .unwrap();
    assert_eq!(pending, vec![hex(&xt)]);
    let (code, message, _) = call_error(
        http.request::<Hash, _>("author_submitExtrinsic", rpc_params![hex(&xt)])
            .await,
    );
    assert_eq!(
        (code, message.as_str()),
        (1013, "Transaction Already Imported")
    );

    let alice = Sr25519Keyring::Alice.to_account_id().to_ss58check();
    let next: u32 = http
        .request("system_accountNextIndex", rpc_params![&alice])
        .await
        .unwrap();
    assert_eq!(next, 1, "the pooled transfer uses nonce 0");
    let next: u32 = http
        .request("account_nextIndex", rpc_params![&alice])
        .await
        .unwrap();
    assert_eq!(next, 1);
    let bob: u32 = http
        .request(
            "system_accountNextIndex",
            rpc_params![hex(Sr25519Keyring::Bob.to_account_id().as_ref())],
        )
        .await
        .unwrap();
    assert_eq!(bob, 0);
    let (code, _, _) = call_error(
        http.request::<u32, _>("system_accountNextIndex", rpc_params!["5NotAnAddress"])
            .await,
    );
    assert_eq!(code, -32602);

    let (code, message, data) = call_error(
        http.request::<Hash, _>(
            "author_submitExtrinsic",
            rpc_params![hex(&forged_transfer(genesis).encode())],
        )
        .await,
    );
    assert_eq!(code, 1010);
    assert_eq!(message, "Invalid Transaction");
    assert_eq!(data.as_deref(), Some("\"Transaction has a bad signature\""));
    let stale = transfer(0, 1, genesis);
    node.produce(vec![transfer(0, 1_000, genesis)]);
    let (code, _, data) = call_error(
        http.request::<Hash, _>("author_submitExtrinsic", rpc_params![hex(&stale.encode())])
            .await,
    );
    assert_eq!(code, 1010);
    assert_eq!(data.as_deref(), Some("\"Transaction is outdated\""));
    let (code, message, _) = call_error(
        http.request::<Hash, _>("author_submitExtrinsic", rpc_params!["0x0102"])
            .await,
    );
    assert_eq!(code, 1001);
    assert!(
        message.starts_with("Extrinsic has invalid format"),
        "{message}"
    );
    let (code, _, _) = call_error(
        http.request::<Hash, _>("author_submitExtrinsic", rpc_params!["0xzz"])
            .await,
    );
    assert_eq!(code, -32602);
    let (code, _, _) = call_error(
        http.request::<Hash, _>("author_submitExtrinsic", rpc_params![])
            .await,
    );
    assert_eq!(code, -32602);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_watched_transfer_is_ready_in_block_then_finalized() {
    let node = Node::start().await;
    let genesis = node.genesis();
    let ws = node.ws().await;

    let (code, message, data) = call_error(
        ws.subscribe::<Value, _>(
            "author_submitAndWatchExtrinsic",
            rpc_params![hex(&forged_transfer(genesis).encode())],
            "author_unwatchExtrinsic",
        )
        .await,
    );
    assert_eq!((code, message.as_str()), (1010, "Invalid Transaction"));
    assert_eq!(data.as_deref(), Some("\"Transaction has a bad signature\""));
    let (code, _, _) = call_error(
        ws.subscribe::<Value, _>(
            "author_submitAndWatchExtrinsic",
            rpc_params!["0x12345"],
            "author_unwatchExtrinsic",
        )
        .await,
    );
    assert_eq!(code, -32602);

    let mut watch: Subscription<Value> = ws
        .subscribe(
            "author_submitAndWatchExtrinsic",
            rpc_params![hex(&transfer(0, 7_000, genesis).encode())],
            "author_unwatchExtrinsic",
        )
        .await
        .unwrap();
    assert_eq!(next(&mut watch).await, json!("ready"));
    let block = node.produce_from_pool().await;
    assert_eq!(next(&mut watch).await, json!({"inBlock": block}));
    // Final once the next block is imported, as a client watching a dev chain sees it.
    assert!(
        tokio::time::timeout(Duration::from_millis(300), watch.next())
            .await
            .is_err(),
        "not final with the block"
    );
    node.produce(Vec::new());
    assert_eq!(next(&mut watch).await, json!({"finalized": block}));
    let id = match watch.kind() {
        jsonrpsee::core::client::SubscriptionKind::Subscription(id) => id.clone(),
        other => panic!("{other:?}"),
    };
    // Unwatching after the end is not an error.
    let _: bool = ws
        .request("author_unwatchExtrinsic", rpc_params![id])
        .await
        .unwrap();
    assert!(node.pool.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_follow_the_chain() {
    let node = Node::start().await;
    let genesis = node.genesis();
    let ws = node.ws().await;

    let mut new_heads: Subscription<Header> = ws
        .subscribe(
            "chain_subscribeNewHeads",
            rpc_params![],
            "chain_unsubscribeNewHeads",
        )
        .await
        .unwrap();
    let mut alias_heads: Subscription<Header> = ws
        .subscribe("subscribe_newHead", rpc_params![], "unsubscribe_newHead")
        .await
        .unwrap();
    let mut all_heads: Subscription<Header> = ws
        .subscribe(
            "chain_subscribeAllHeads",
            rpc_params![],
            "chain_unsubscribeAllHeads",
        )
        .await
        .unwrap();
    let mut finalized: Subscription<Header> = ws
        .subscribe(
            "chain_subscribeFinalisedHeads",
            rpc_params![],
            "chain_unsubscribeFinalisedHeads",
        )
        .await
        .unwrap();
    let mut versions: Subscription<Value> = ws
        .subscribe(
            "state_subscribeRuntimeVersion",
            rpc_params![],
            "state_unsubscribeRuntimeVersion",
        )
        .await
        .unwrap();
    let bob = hex(&account_key(Sr25519Keyring::Bob));
    let mut storage: Subscription<Value> = ws
        .subscribe(
            "state_subscribeStorage",
            rpc_params![vec![bob.clone()]],
            "state_unsubscribeStorage",
        )
        .await
        .unwrap();
    let mut everything: Subscription<Value> = ws
        .subscribe(
            "state_subscribeStorage",
            rpc_params![],
            "state_unsubscribeStorage",
        )
        .await
        .unwrap();

    // The current state first.
    for sub in [
        &mut new_heads,
        &mut alias_heads,
        &mut all_heads,
        &mut finalized,
    ] {
        assert_eq!(next(sub).await.hash(), genesis);
    }
    assert_eq!(
        next(&mut versions).await["specVersion"],
        VERSION.spec_version
    );
    let first = next(&mut storage).await;
    assert_eq!(first["block"], json!(genesis));
    let bob_before = unhex(first["changes"][0][1].as_str().unwrap());

    let amount: Balance = 3_000_000_000;
    let h1 = node.produce(vec![transfer(0, amount, genesis)]);
    for sub in [&mut new_heads, &mut alias_heads, &mut all_heads] {
        let header = next(sub).await;
        assert_eq!(header.hash(), h1);
        assert_eq!(*header.number(), 1);
    }
    let changed = next(&mut storage).await;
    assert_eq!(changed["block"], json!(h1));
    assert_eq!(changed["changes"][0][0], json!(bob));
    let bob_after = unhex(changed["changes"][0][1].as_str().unwrap());
    assert_eq!(free_balance(&bob_after), free_balance(&bob_before) + amount);
    let all = next(&mut everything).await;
    assert_eq!(all["block"], json!(h1));
    assert!(all["changes"].as_array().unwrap().len() > 3);

    // A block that does not touch Bob: no storage notification for him, but heads; and
    // it finalizes its parent (a dev chain's finality trails its best block by one).
    let h2 = node.produce(vec![]);
    assert_eq!(next(&mut new_heads).await.hash(), h2);
    assert_eq!(next(&mut finalized).await.hash(), h1);
    assert!(
        tokio::time::timeout(Duration::from_millis(300), storage.next())
            .await
            .is_err(),
        "no change for Bob"
    );
    // The runtime did not change: no second version.
    assert!(
        tokio::time::timeout(Duration::from_millis(100), versions.next())
            .await
            .is_err()
    );
    new_heads.unsubscribe().await.unwrap();
    // Bad parameters refuse the subscription.
    let (code, _, _) = call_error(
        ws.subscribe::<Value, _>(
            "state_subscribeStorage",
            rpc_params!["0x00"],
            "state_unsubscribeStorage",
        )
        .await,
    );
    assert_eq!(code, -32602);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_oversize_and_batch_requests() {
    let node = Node::start_with(RpcConfig {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        max_request_bytes: 64 * 1024,
        max_batch_len: 3,
        ..RpcConfig::default()
    })
    .await;
    let addr = node.rpc.local_addr();
    let ok = br#"{"jsonrpc":"2.0","id":1,"method":"system_chain","params":[]}"#;

    let (_, body) = raw_post(addr, b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":").await;
    let answer: Value = serde_json::from_str(&body).expect(&body);
    assert_eq!(answer["error"]["code"], -32700);
    let (status, body) = raw_post(addr, ok).await;
    assert!(status.contains("200"), "{status}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["result"],
        "Development"
    );

    let huge = format!(
        r#"{{"jsonrpc":"2.0","id":1,"method":"state_getStorage","params":["0x{}"]}}"#,
        "00".repeat(64 * 1024)
    );
    let (status, body) = raw_post(addr, huge.as_bytes()).await;
    assert!(
        status.contains("413") || body.contains("-32007"),
        "oversize refused: {status} {body}"
    );
    let (_, body) = raw_post(addr, ok).await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["result"],
        "Development"
    );

    let batch = json!([
        {"jsonrpc": "2.0", "id": 1, "method": "system_chain", "params": []},
        {"jsonrpc": "2.0", "id": 2, "method": "chain_getBlockHash", "params": [0]},
        {"jsonrpc": "2.0", "id": 3, "method": "no_such_method", "params": []},
    ]);
    let (_, body) = raw_post(addr, batch.to_string().as_bytes()).await;
    let answers: Vec<Value> = serde_json::from_str(&body).expect(&body);
    assert_eq!(answers.len(), 3);
    let by_id = |id: u64| answers.iter().find(|a| a["id"] == id).unwrap().clone();
    assert_eq!(by_id(1)["result"], "Development");
    assert_eq!(by_id(2)["result"], json!(node.genesis()));
    assert_eq!(by_id(3)["error"]["code"], -32601);
    let too_long: Vec<Value> = (0..4)
        .map(|id| json!({"jsonrpc": "2.0", "id": id, "method": "system_chain"}))
        .collect();
    let (_, body) = raw_post(addr, Value::from(too_long).to_string().as_bytes()).await;
    assert!(body.contains("-32010"), "batch too long: {body}");

    // An id that is neither a number nor a string: an answer, not silence, on both
    // transports (and within a batch).
    for bad_id in ["{}", "1e999", "[1]", "1.5"] {
        let request = format!(r#"{{"jsonrpc":"2.0","id":{bad_id},"method":"system_chain"}}"#);
        let (status, body) = raw_post(addr, request.as_bytes()).await;
        let answer: Value = serde_json::from_str(&body).expect(&body);
        assert_eq!(answer["error"]["code"], -32600, "{bad_id}: {status} {body}");
        assert_eq!(answer["id"], Value::Null);
        let answer: Value = serde_json::from_str(&ws_exchange(addr, &request).await).unwrap();
        assert_eq!(answer["error"]["code"], -32600, "{bad_id} over WebSocket");
    }
    let mixed = r#"[{"jsonrpc":"2.0","id":{},"method":"system_chain"},{"jsonrpc":"2.0","id":7,"method":"system_chain"}]"#;
    let (_, body) = raw_post(addr, mixed.as_bytes()).await;
    let answers: Vec<Value> = serde_json::from_str(&body).expect(&body);
    assert_eq!(answers.len(), 2, "{body}");
    assert!(answers
        .iter()
        .any(|a| a["error"]["code"] == -32600 && a["id"].is_null()));
    assert!(answers
        .iter()
        .any(|a| a["id"] == 7 && a["result"] == "Development"));

    // The server is still up, over WebSocket too.
    let ws = node.ws().await;
    let chain: String = ws.request("system_chain", rpc_params![]).await.unwrap();
    assert_eq!(chain, "Development");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsafe_methods_follow_the_policy() {
    let safe = Node::start_with(RpcConfig {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        methods: RpcMethods::Safe,
        ..RpcConfig::default()
    })
    .await;
    let ws = safe.ws().await;
    for (method, params) in [
        ("author_rotateKeys", rpc_params![]),
        ("author_insertKey", rpc_params!["aura", "//Alice", "0x00"]),
        ("author_hasKey", rpc_params!["0x00", "aura"]),
        ("author_hasSessionKeys", rpc_params!["0x00"]),
        ("system_peers", rpc_params![]),
    ] {
        let (code, message, _) = call_error(ws.request::<Value, _>(method, params).await);
        assert_eq!(
            (code, message.as_str()),
            (-32601, "RPC call is unsafe to be called externally"),
            "{method}"
        );
    }
    // Safe methods still work.
    let _: Hash = ws
        .request("chain_getBlockHash", rpc_params![0])
        .await
        .unwrap();
    safe.rpc.stop();

    // On loopback, `Auto` serves unsafe methods.
    let local = Node::start().await;
    let ws = local.ws().await;
    let alice = Sr25519Keyring::Alice.public();
    let () = ws
        .request(
            "author_insertKey",
            rpc_params!["aura", "//Alice", hex(alice.as_ref())],
        )
        .await
        .unwrap();
    let has: bool = ws
        .request("author_hasKey", rpc_params![hex(alice.as_ref()), "aura"])
        .await
        .unwrap();
    assert!(has);
    let (code, _, _) = call_error(
        ws.request::<Value, _>(
            "author_insertKey",
            rpc_params!["toolong", "//Alice", "0x00"],
        )
        .await,
    );
    assert_eq!(code, 1040);
    let keys: String = ws
        .request("author_rotateKeys", rpc_params![])
        .await
        .unwrap();
    assert_eq!(unhex(&keys).len(), 64, "aura and grandpa public keys");
    let has: bool = ws
        .request("author_hasSessionKeys", rpc_params![&keys])
        .await
        .unwrap();
    assert!(has);
    let mut other = unhex(&keys);
    other[0] ^= 1;
    let has: bool = ws
        .request("author_hasSessionKeys", rpc_params![hex(&other)])
        .await
        .unwrap();
    assert!(!has);
    let peers: Vec<Value> = ws.request("system_peers", rpc_params![]).await.unwrap();
    assert!(peers.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn foreign_origins_and_hosts_are_refused() {
    let node = Node::start_with(RpcConfig {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        cors: Some(vec![
            "http://localhost:*".into(),
            "https://polkadot.js.org".into(),
        ]),
        ..RpcConfig::default()
    })
    .await;
    let addr = node.rpc.local_addr();
    let body = br#"{"jsonrpc":"2.0","id":1,"method":"author_hasKey","params":["0x00","aura"]}"#;
    for (origin, allowed) in [
        ("http://localhost:3000", true),
        ("https://polkadot.js.org", true),
        ("http://localhost.evil.com", false),
        ("http://evil.example", false),
    ] {
        let (head, response) = raw_post_with(addr, &format!("Origin: {origin}\r\n"), body).await;
        let status = head.lines().next().unwrap_or_default();
        let cors = head
            .to_ascii_lowercase()
            .contains(&format!("access-control-allow-origin: {origin}"));
        if allowed {
            assert!(status.contains(" 200 ") && cors, "{origin}: {head}");
            assert!(
                response.contains("\"result\":false"),
                "{origin}: {response}"
            );
        } else {
            assert!(status.contains(" 403 ") && !cors, "{origin}: {head}");
            assert!(!response.contains("jsonrpc"), "no method ran: {response}");
        }
        let handshake = raw_exchange(
            addr,
            &format!(
                "GET / HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
                 Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\
                 Origin: {origin}\r\n\r\n"
            ),
        )
        .await;
        let expected = if allowed { " 101 " } else { " 403 " };
        assert!(handshake.contains(expected), "{origin}: {handshake}");
    }
    // No Origin (a tool, not a browser), or one naming the node itself: served.
    assert!(raw_post(addr, body).await.0.contains(" 200 "));
    let (head, _) = raw_post_with(addr, &format!("Origin: http://{addr}\r\n"), body).await;
    assert!(head.contains(" 200 "), "same origin: {head}");
    // A page whose own name resolves to 127.0.0.1 sends its own Host.
    let post_to = |host: &str| {
        format!(
            "POST / HTTP/1.1\r\nHost: {host}:{}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{}",
            addr.port(),
            body.len(),
            String::from_utf8_lossy(body)
        )
    };
    let rebound = raw_exchange(addr, &post_to("evil.example")).await;
    assert!(rebound.starts_with("HTTP/1.1 403 "), "{rebound}");
    let local = raw_exchange(addr, &post_to("localhost")).await;
    assert!(local.starts_with("HTTP/1.1 200 "), "{local}");
    // A foreign page announcing a 14 MiB body is refused on its headers: the body is
    // neither awaited nor read, nor given a share of the body budget.
    let large = raw_exchange(
        addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nOrigin: http://evil.example\r\n\r\n",
            14 * 1024 * 1024
        ),
    )
    .await;
    assert!(large.starts_with("HTTP/1.1 403 "), "{large}");
}

/// Opens a WebSocket on `addr` and returns the stream with the status line of the
/// server's answer (`HTTP/1.1 101 …` when upgraded).
async fn open_websocket(addr: SocketAddr) -> (tokio::net::TcpStream, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    let handshake = format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    stream
        .write_all(handshake.as_bytes())
        .await
        .expect("writes");
    let mut head = Vec::new();
    let read_head = async {
        while !head.ends_with(b"\r\n\r\n") {
            head.push(stream.read_u8().await.expect("handshake answer"));
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read_head)
        .await
        .expect("an answer to the handshake");
    let status = String::from_utf8_lossy(&head)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    (stream, status)
}

/// Opens a WebSocket on `addr`, sends `text` as one message and returns the first text
/// message the server answers (frames written by hand, as a client that sends anything
/// would).
async fn ws_exchange(addr: SocketAddr, text: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut stream, status) = open_websocket(addr).await;
    assert!(status.starts_with("HTTP/1.1 101"), "{status}");
    // A masked text frame (a client must mask), with a 16-bit length.
    let payload = text.as_bytes();
    let mask = [0x12u8, 0x34, 0x56, 0x78];
    let mut frame = vec![0x81, 0x80 | 126];
    frame.extend_from_slice(&u16::try_from(payload.len()).expect("short").to_be_bytes());
    frame.extend_from_slice(&mask);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    stream.write_all(&frame).await.expect("writes");
    // The first text frame; control frames (the server's pings) are skipped.
    let read = async {
        loop {
            let mut header = [0u8; 2];
            stream.read_exact(&mut header).await.expect("frame");
            let len = match header[1] & 0x7f {
                126 => usize::from(stream.read_u16().await.expect("length")),
                127 => usize::try_from(stream.read_u64().await.expect("length")).expect("fits"),
                n => usize::from(n),
            };
            let mut body = vec![0; len];
            stream.read_exact(&mut body).await.expect("payload");
            if header[0] & 0x0f == 0x1 {
                return String::from_utf8(body).expect("text");
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .expect("an answer over WebSocket")
}

/// Writes `request` as is and returns what the server answered within a second or at close.
async fn raw_exchange(addr: SocketAddr, request: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    stream.write_all(request.as_bytes()).await.expect("writes");
    let mut response = vec![0; 4096];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut response))
        .await
        .expect("an answer in time")
        .expect("reads");
    String::from_utf8_lossy(&response[..read]).into_owned()
}
