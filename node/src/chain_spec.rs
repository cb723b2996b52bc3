//! Chain specifications: which chain a node runs (name, id, boot nodes, token properties)
//! and its genesis, in exactly the JSON format sc-chain-spec reads and writes, so that
//! Substrate tooling and operators can use taonet specs as they use any other.
//!
//! ```json
//! { "name": "Development", "id": "dev", "chainType": "Development", "bootNodes": [],
//!   "telemetryEndpoints": null, "protocolId": null,
//!   "properties": { "ss58Format": 42, "tokenDecimals": 9, "tokenSymbol": "TAO" },
//!   "codeSubstitutes": {},
//!   "genesis": { "runtimeGenesis": { "code": "0x…", "patch": { … } } } }
//! ```
//!
//! `"code"` is the wasm runtime: it builds the genesis state (`GenesisBuilder_build_state`)
//! and is stored at `:code`, where every node executes it from. The built-in specs carry the
//! runtime this node was built with ([`taonet_runtime::WASM_BINARY`]). Code substitutes
//! are refused: this node has no way yet to run them.
//!
//! The genesis is one of:
//! - a `patch`: a JSON merge patch (RFC 7386) onto the runtime's default genesis config,
//!   which is what the built-in `dev` and `local` specs use (the runtime's presets);
//! - a `config`: a complete genesis config;
//! - `raw` storage: `{"top": {"0xkey": "0xvalue"}, "childrenDefault": {}}`, with the code at
//!   `0x3a636f6465` (`:code`), which any node version turns into the same state whatever its
//!   runtime's config types look like.

mod export;
mod json;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codec::Encode;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sp_core::storage::{ChildInfo, Storage, StorageChild};
use taonet_runtime::RuntimeGenesisConfig;

use crate::executor;

pub use export::{build_spec, export_chain_spec, BUILD_SPEC_DEPRECATION};

/// The SS58 prefix of taonet addresses (the generic Substrate one, as the runtime's
/// `SS58Prefix` and Bittensor use), advertised in `properties.ss58Format` so that wallets
/// show the right addresses.
pub const SS58_FORMAT: u16 = 42;

/// The token's decimals: 1 TAO is 10^9 rao, advertised in `properties.tokenDecimals`.
pub const TOKEN_DECIMALS: u8 = 9;

/// The token's symbol, advertised in `properties.tokenSymbol`.
pub const TOKEN_SYMBOL: &str = "TAO";

/// Why a chain spec could not be loaded, built or written. Every variant renders as one
/// line, fit to print after `error: `.
#[derive(Debug, thiserror::Error)]
pub enum ChainSpecError {
    /// The file named by `--chain` could not be read (missing, unreadable, a directory).
    #[error("cannot read chain spec {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// The file is not a chain spec: invalid JSON, or a field missing, unknown or of the
    /// wrong shape.
    #[error("invalid chain spec {path}: at `{at}`: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// Where in the JSON document the problem is (`.` for the document itself).
        at: String,
        /// What is wrong there, with its line and column.
        message: String,
    },
    /// The chain id cannot name the chain's data directory (`<base>/chains/<id>`): it is
    /// empty, `.`/`..`, or holds a path separator.
    #[error("invalid chain id {0:?}: it names the chain's data directory, so it must be a plain file name")]
    InvalidId(String),
    /// The spec carries wasm code substitutes, which this node cannot apply yet.
    #[error("the chain spec has code substitutes, which this node does not support")]
    CodeSubstitutes,
    /// This node was built without its wasm runtime (`SKIP_WASM_BUILD`), so it has no code
    /// for a built-in spec.
    #[error("this node was built without its wasm runtime (SKIP_WASM_BUILD was set): rebuild it without that variable")]
    NoWasm,
    /// The genesis config (patch merged onto the defaults, or the full config) does not
    /// match the runtime's `RuntimeGenesisConfig`: an unknown pallet or field, or a value of
    /// the wrong type (an invalid SS58 address, a negative balance, …).
    #[error("genesis config does not match the runtime: at `{at}`: {message}")]
    GenesisConfig {
        /// Where in the genesis config JSON the problem is.
        at: String,
        /// What is wrong there.
        message: String,
    },
    /// The genesis config has the right shape but the runtime refused to build a state from
    /// it (a pallet's genesis build failed or panicked, e.g. a balance below the existential
    /// deposit), or the code does not run.
    #[error("genesis does not build: {0}")]
    GenesisBuild(String),
    /// The runtime has no genesis preset of this name, so a built-in spec cannot exist.
    #[error("the runtime has no genesis preset {0:?}")]
    MissingPreset(&'static str),
    /// The spec could not be written as JSON.
    #[error("cannot write the chain spec as JSON: {0}")]
    Serialize(#[source] serde_json::Error),
    /// A slot duration the runtime cannot have: slots are twice its `MinimumPeriod`.
    #[error("slot duration {0} ms: give an even number of milliseconds, at least 2")]
    SlotDuration(u64),
}

/// What kind of chain this is, as sc-chain-spec spells it (`"Development"`, `"Local"`,
/// `"Live"`, `{"Custom": "…"}`); `system_chainType` returns it serialized as is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChainType {
    /// A development chain on one machine.
    Development,
    /// A local test network of several nodes.
    Local,
    /// A public network; sc-chain-spec's default when a spec leaves the field out.
    #[default]
    Live,
    /// Anything else, named.
    Custom(String),
}

impl ChainType {
    /// The type's name as sc-chain-spec spells it (`Development`, `Local`, `Live`), or a
    /// custom type's own name: what `system_chainType` reports.
    pub fn name(&self) -> &str {
        match self {
            ChainType::Development => "Development",
            ChainType::Local => "Local",
            ChainType::Live => "Live",
            ChainType::Custom(name) => name,
        }
    }
}

/// A chain's genesis: what the runtime builds the first state from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "json::GenesisJson", into = "json::GenesisJson")]
pub enum Genesis {
    /// A JSON merge patch (RFC 7386) onto the default genesis config of the runtime `code`:
    /// short, and only says what differs from the defaults.
    Patch {
        /// The wasm runtime that builds the state and goes to `:code`.
        code: Vec<u8>,
        /// The patch.
        patch: Value,
    },
    /// A complete genesis config, every pallet spelled out, built by the runtime `code`.
    Config {
        /// The wasm runtime that builds the state and goes to `:code`.
        code: Vec<u8>,
        /// The config.
        config: Value,
    },
    /// The genesis storage itself.
    Raw(RawGenesis),
}

/// Genesis storage: the top trie and the default child tries (keyed by their storage key
/// without the `:child_storage:default:` prefix), ordered so the JSON is deterministic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawGenesis {
    /// The top trie's keys and values.
    pub top: BTreeMap<Vec<u8>, Vec<u8>>,
    /// Each default child trie's keys and values, by child storage key.
    pub children_default: BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, Vec<u8>>>,
}

impl From<Storage> for RawGenesis {
    fn from(storage: Storage) -> Self {
        RawGenesis {
            top: storage.top,
            children_default: storage
                .children_default
                .into_iter()
                .map(|(key, child)| (key, child.data))
                .collect(),
        }
    }
}

impl From<RawGenesis> for Storage {
    fn from(raw: RawGenesis) -> Self {
        Storage {
            top: raw.top,
            children_default: raw
                .children_default
                .into_iter()
                .map(|(key, data)| {
                    let child_info = ChildInfo::new_default(&key);
                    (key, StorageChild { data, child_info })
                })
                .collect(),
        }
    }
}

/// A chain specification. Field order is sc-chain-spec's, which is the order the JSON is
/// written in.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainSpec {
    name: String,
    id: String,
    #[serde(default)]
    chain_type: ChainType,
    #[serde(default)]
    boot_nodes: Vec<String>,
    telemetry_endpoints: Option<Vec<(String, u8)>>,
    protocol_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fork_id: Option<String>,
    properties: Option<Map<String, Value>>,
    /// Accepted and dropped, as sc-chain-spec does: a field left over from old specs.
    #[serde(default, skip_serializing, rename = "consensusEngine")]
    _consensus_engine: serde::de::IgnoredAny,
    #[serde(default)]
    code_substitutes: BTreeMap<String, Value>,
    genesis: Genesis,
}

impl ChainSpec {
    /// The spec `--chain` names: `dev` (or nothing) and `local` are built in, from the
    /// runtime's `development` and `local_testnet` presets; anything else is the path of a
    /// JSON spec file.
    pub fn load(chain: &str) -> Result<ChainSpec, ChainSpecError> {
        match chain {
            "" | "dev" => Self::development(),
            "local" => Self::local_testnet(),
            path => Self::from_json_file(Path::new(path)),
        }
    }

    /// The built-in development chain: Alice alone authors and finalises, and is sudo.
    pub fn development() -> Result<ChainSpec, ChainSpecError> {
        Self::from_preset("Development", "dev", ChainType::Development, "development")
    }

    /// The built-in local testnet: Alice, Bob, Charlie and Dave author and finalise.
    pub fn local_testnet() -> Result<ChainSpec, ChainSpecError> {
        Self::from_preset(
            "Local Testnet",
            "local_testnet",
            ChainType::Local,
            "local_testnet",
        )
    }

    /// A built-in spec whose genesis is the runtime's preset `preset`, kept as the patch the
    /// runtime gives so that the written spec says only what differs from the defaults.
    fn from_preset(
        name: &str,
        id: &str,
        chain_type: ChainType,
        preset: &'static str,
    ) -> Result<ChainSpec, ChainSpecError> {
        let patch = taonet_runtime::genesis::preset_patch(&preset.to_owned())
            .ok_or(ChainSpecError::MissingPreset(preset))?;
        let code = taonet_runtime::WASM_BINARY
            .ok_or(ChainSpecError::NoWasm)?
            .to_vec();
        Ok(ChainSpec {
            name: name.to_owned(),
            id: id.to_owned(),
            chain_type,
            boot_nodes: Vec::new(),
            telemetry_endpoints: None,
            protocol_id: None,
            fork_id: None,
            properties: Some(default_properties()),
            _consensus_engine: serde::de::IgnoredAny,
            code_substitutes: BTreeMap::new(),
            genesis: Genesis::Patch { code, patch },
        })
    }

    /// The spec in JSON file `path`.
    pub fn from_json_file(path: &Path) -> Result<ChainSpec, ChainSpecError> {
        let text = std::fs::read_to_string(path).map_err(|source| ChainSpecError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_json_str(&text, path)
    }

    /// The spec in JSON `text`; `path` names where it came from, for errors.
    pub fn from_json_str(text: &str, path: &Path) -> Result<ChainSpec, ChainSpecError> {
        let json_error = |at: String, message: String| ChainSpecError::Json {
            path: path.to_owned(),
            at,
            message,
        };
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let spec: ChainSpec = serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|e| json_error(e.path().to_string(), e.inner().to_string()))?;
        // Trailing characters after the document are an error too.
        deserializer
            .end()
            .map_err(|e| json_error(".".to_owned(), e.to_string()))?;
        spec.validate()?;
        Ok(spec)
    }

    /// Refuses what deserializes but cannot run here.
    fn validate(&self) -> Result<(), ChainSpecError> {
        let id = self.id.as_str();
        if id.is_empty() || id == "." || id == ".." || id.contains(['/', '\\']) {
            return Err(ChainSpecError::InvalidId(self.id.clone()));
        }
        if !self.code_substitutes.is_empty() {
            return Err(ChainSpecError::CodeSubstitutes);
        }
        Ok(())
    }

    /// The chain's human-readable name (`system_chain`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The chain's id: names its data directory and, unless `protocolId` is set, its
    /// network protocols.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The kind of chain; serialized, it is what `system_chainType` returns.
    pub fn chain_type(&self) -> &ChainType {
        &self.chain_type
    }

    /// The `properties` object verbatim (an empty one when the spec has none): what
    /// `system_properties` returns and wallets read the token and address format from.
    pub fn properties(&self) -> Map<String, Value> {
        self.properties.clone().unwrap_or_default()
    }

    /// Multiaddresses (with `/p2p/<peer id>`) of the nodes to connect to first.
    pub fn boot_nodes(&self) -> &[String] {
        &self.boot_nodes
    }

    /// The network protocol id, if the spec sets one.
    pub fn protocol_id(&self) -> Option<&str> {
        self.protocol_id.as_deref()
    }

    /// The fork id, if the spec sets one: nodes only sync with peers of the same fork id.
    pub fn fork_id(&self) -> Option<&str> {
        self.fork_id.as_deref()
    }

    /// The telemetry endpoints (URL and verbosity), if any.
    pub fn telemetry_endpoints(&self) -> Option<&[(String, u8)]> {
        self.telemetry_endpoints.as_deref()
    }

    /// The genesis as the spec holds it.
    pub fn genesis(&self) -> &Genesis {
        &self.genesis
    }

    /// The genesis storage: a patch is merged onto the runtime's default config and a full
    /// config used as is, then the spec's runtime builds the state and is stored at `:code`
    /// (what sc-chain-spec does through `GenesisBuilder_build_state`); raw storage is taken
    /// as it is.
    pub fn build_storage(&self) -> Result<Storage, ChainSpecError> {
        let (code, config) = match &self.genesis {
            Genesis::Raw(raw) => return Ok(raw.clone().into()),
            Genesis::Config { code, config } => (code, config.clone()),
            Genesis::Patch { code, patch } => {
                let defaults = executor::genesis_defaults(code)
                    .map_err(|e| ChainSpecError::GenesisBuild(e.to_string()))?
                    .ok_or_else(|| {
                        ChainSpecError::GenesisBuild("the runtime has no default config".into())
                    })?;
                let mut config: Value = serde_json::from_slice(&defaults)
                    .map_err(|e| ChainSpecError::GenesisBuild(e.to_string()))?;
                taonet_runtime::genesis::merge_patch(&mut config, patch.clone());
                (code, config)
            }
        };
        // With this node's own runtime, a config that does not fit is reported at the field
        // that is wrong; any other runtime answers for itself below.
        if taonet_runtime::WASM_BINARY == Some(code.as_slice()) {
            serde_path_to_error::deserialize::<_, RuntimeGenesisConfig>(config.clone()).map_err(
                |e| ChainSpecError::GenesisConfig {
                    at: e.path().to_string(),
                    message: e.inner().to_string(),
                },
            )?;
        }
        let config = serde_json::to_vec(&config).map_err(ChainSpecError::Serialize)?;
        executor::build_genesis(code, &config)
            .map_err(|e| ChainSpecError::GenesisBuild(e.to_string()))
    }

    /// The same spec with its genesis turned into raw storage.
    pub fn to_raw(&self) -> Result<ChainSpec, ChainSpecError> {
        let storage = self.build_storage()?;
        Ok(ChainSpec {
            genesis: Genesis::Raw(storage.into()),
            ..self.clone()
        })
    }

    /// The spec in raw form with `slot_ms`-long Aura slots: the runtime reads half of it,
    /// its timestamp `MinimumPeriod`, from a storage key only genesis can set.
    pub fn with_slot_duration(&self, slot_ms: u64) -> Result<ChainSpec, ChainSpecError> {
        if slot_ms < 2 || !slot_ms.is_multiple_of(2) {
            return Err(ChainSpecError::SlotDuration(slot_ms));
        }
        let mut storage = self.build_storage()?;
        storage.top.insert(
            taonet_runtime::MinimumPeriod::key().to_vec(),
            (slot_ms / 2).encode(),
        );
        Ok(ChainSpec {
            genesis: Genesis::Raw(storage.into()),
            ..self.clone()
        })
    }

    /// The spec as pretty-printed JSON; with `raw`, its genesis as storage (keys sorted,
    /// `0x`-prefixed lowercase hex), as `build-spec --raw` writes it.
    pub fn to_json(&self, raw: bool) -> Result<String, ChainSpecError> {
        let spec = if raw { self.to_raw()? } else { self.clone() };
        serde_json::to_string_pretty(&spec).map_err(ChainSpecError::Serialize)
    }
}

/// The `properties` of the built-in specs: SS58 format, token decimals and symbol.
fn default_properties() -> Map<String, Value> {
    let mut properties = Map::new();
    properties.insert("ss58Format".into(), SS58_FORMAT.into());
    properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
    properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
    properties
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use sp_core::crypto::Ss58Codec;
    use sp_keyring::Sr25519Keyring;

    fn spec_text(genesis: Value) -> String {
        json!({
            "name": "Test", "id": "test", "chainType": "Local", "bootNodes": [],
            "telemetryEndpoints": null, "protocolId": null, "properties": null,
            "codeSubstitutes": {}, "genesis": genesis,
        })
        .to_string()
    }

    fn parse(text: &str) -> Result<ChainSpec, ChainSpecError> {
        ChainSpec::from_json_str(text, Path::new("test.json"))
    }

    /// This node's runtime as a spec's `"code"`.
    fn code_hex() -> String {
        format!(
            "0x{}",
            hex::encode(taonet_runtime::WASM_BINARY.expect("wasm built"))
        )
    }

    #[test]
    fn token_decimals_match_the_runtime() {
        assert_eq!(
            10u64.pow(TOKEN_DECIMALS.into()),
            taonet_runtime::RAO_PER_TAO
        );
    }

    #[test]
    fn built_in_specs_have_substrate_names_and_properties() {
        let dev = ChainSpec::load("dev").expect("dev");
        assert_eq!(
            (dev.name(), dev.id(), dev.chain_type()),
            ("Development", "dev", &ChainType::Development)
        );
        assert_eq!(ChainSpec::load("").expect("default").id(), "dev");
        let local = ChainSpec::load("local").expect("local");
        assert_eq!(
            (local.name(), local.id(), local.chain_type()),
            ("Local Testnet", "local_testnet", &ChainType::Local)
        );
        assert_eq!(
            Value::Object(dev.properties()),
            json!({"ss58Format": 42, "tokenDecimals": 9, "tokenSymbol": "TAO"})
        );
        assert_eq!(
            serde_json::to_value(dev.chain_type()).expect("json"),
            "Development"
        );
        assert_eq!(local.chain_type().name(), "Local");
        assert_eq!(ChainType::Custom("x".into()).name(), "x");
        assert_eq!(
            serde_json::to_value(ChainType::Custom("x".into())).expect("json"),
            json!({"Custom": "x"})
        );
    }

    #[test]
    fn json_has_sc_chain_spec_layout() {
        let dev = ChainSpec::load("dev").expect("dev");
        let value: Value = serde_json::from_str(&dev.to_json(false).expect("json")).expect("json");
        let keys: Vec<&str> = value
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = vec![
            "bootNodes",
            "chainType",
            "codeSubstitutes",
            "genesis",
            "id",
            "name",
            "properties",
            "protocolId",
            "telemetryEndpoints",
        ];
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        expected.sort_unstable();
        assert_eq!(sorted, expected);
        assert_eq!(value["telemetryEndpoints"], Value::Null);
        assert_eq!(
            value["genesis"]["runtimeGenesis"]["code"],
            code_hex().as_str()
        );
        let alice = Sr25519Keyring::Alice.to_account_id().to_ss58check();
        assert_eq!(
            value["genesis"]["runtimeGenesis"]["patch"]["sudo"]["key"],
            alice.as_str()
        );
    }

    /// The wasm runtime builds, from the spec, exactly the storage the same runtime built
    /// natively builds from its preset, plus itself at `:code`.
    #[test]
    fn dev_storage_is_the_runtime_preset_storage_and_code() {
        use sp_runtime::BuildStorage as _;
        let from_spec = ChainSpec::load("dev")
            .expect("dev")
            .build_storage()
            .expect("storage");
        let mut preset = taonet_runtime::genesis::preset_config(&"development".to_owned())
            .expect("preset")
            .build_storage()
            .expect("storage");
        preset.top.insert(
            sp_core::storage::well_known_keys::CODE.to_vec(),
            taonet_runtime::WASM_BINARY.expect("wasm").to_vec(),
        );
        assert_eq!(from_spec.top, preset.top);
        assert!(from_spec.top.len() > 1);
    }

    #[test]
    fn raw_json_round_trips_to_the_same_storage() {
        let local = ChainSpec::load("local").expect("local");
        let storage = local.build_storage().expect("storage");
        let raw = local.to_json(true).expect("raw json");
        let value: Value = serde_json::from_str(&raw).expect("json");
        let top = value["genesis"]["raw"]["top"].as_object().expect("top");
        let keys: Vec<&String> = top.keys().collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys sorted");
        let lower_hex = |s: &str| s.starts_with("0x") && s == s.to_lowercase();
        assert!(top
            .iter()
            .all(|(k, v)| lower_hex(k) && v.as_str().is_some_and(lower_hex)));
        assert_eq!(value["genesis"]["raw"]["childrenDefault"], json!({}));
        let reloaded = parse(&raw).expect("raw spec loads");
        assert_eq!(reloaded.build_storage().expect("storage").top, storage.top);
        assert_eq!(reloaded.id(), "local_testnet");
    }

    #[test]
    fn child_tries_survive_the_raw_form() {
        let mut raw = RawGenesis::default();
        raw.top.insert(vec![1, 0xab], vec![2]);
        raw.children_default
            .insert(b"kid".to_vec(), BTreeMap::from([(vec![3], vec![4, 5])]));
        let text = spec_text(serde_json::to_value(Genesis::Raw(raw.clone())).expect("json"));
        assert!(text.contains(r#""childrenDefault":{"0x6b6964":{"0x03":"0x0405"}}"#));
        assert!(text.contains(r#""top":{"0x01ab":"0x02"}"#));
        let storage = parse(&text)
            .expect("spec")
            .build_storage()
            .expect("storage");
        let child = &storage.children_default[&b"kid".to_vec()];
        assert_eq!(child.child_info, ChildInfo::new_default(b"kid"));
        assert_eq!(RawGenesis::from(storage), raw);
    }

    #[test]
    fn full_config_builds_like_the_patch() {
        let config =
            taonet_runtime::genesis::preset_config(&"development".to_owned()).expect("preset");
        let text = spec_text(json!({"runtimeGenesis": {
            "code": code_hex(), "config": serde_json::to_value(&config).expect("json")}}));
        let storage = parse(&text)
            .expect("spec")
            .build_storage()
            .expect("storage");
        let dev = ChainSpec::load("dev")
            .expect("dev")
            .build_storage()
            .expect("storage");
        assert_eq!(storage.top, dev.top);
    }

    #[test]
    fn bad_json_names_the_place() {
        match parse("{\"name\": 5}") {
            Err(ChainSpecError::Json { at, message, .. }) => {
                assert_eq!(at, "name");
                assert!(message.contains("line 1"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        let err = parse("{not json").expect_err("invalid");
        assert!(matches!(err, ChainSpecError::Json { .. }));
        assert_eq!(err.to_string().lines().count(), 1);
        let trailing = format!("{} x", spec_text(json!({"raw": {"top": {}}})));
        assert!(matches!(parse(&trailing), Err(ChainSpecError::Json { .. })));
        let bad_hex = spec_text(json!({"raw": {"top": {"0xzz": "0x00"}}}));
        match parse(&bad_hex) {
            Err(ChainSpecError::Json { at, .. }) => assert!(at.starts_with("genesis"), "{at}"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn missing_code_and_odd_ids_are_refused() {
        let empty = spec_text(json!({"runtimeGenesis": {"code": "0x", "patch": {}}}));
        let err = parse(&empty).expect_err("no code refused");
        assert!(err.to_string().contains("code"), "{err}");
        let not_wasm = spec_text(json!({"runtimeGenesis": {"code": "0x00", "patch": {}}}));
        let err = parse(&not_wasm).expect("parses").build_storage();
        assert!(
            matches!(err, Err(ChainSpecError::GenesisBuild(_))),
            "{err:?}"
        );
        let both =
            spec_text(json!({"runtimeGenesis": {"code": code_hex(), "patch": {}, "config": {}}}));
        assert!(matches!(parse(&both), Err(ChainSpecError::Json { .. })));
        let mut value: Value =
            serde_json::from_str(&spec_text(json!({"raw": {"top": {}}}))).expect("json");
        value["id"] = "../etc".into();
        assert!(matches!(
            parse(&value.to_string()),
            Err(ChainSpecError::InvalidId(_))
        ));
        value["id"] = "ok".into();
        value["codeSubstitutes"] = json!({"1": "0x00"});
        assert!(matches!(
            parse(&value.to_string()),
            Err(ChainSpecError::CodeSubstitutes)
        ));
    }

    #[test]
    fn bad_genesis_is_an_error_not_a_panic() {
        let unknown_pallet =
            spec_text(json!({"runtimeGenesis": {"code": code_hex(), "patch": {"nope": {}}}}));
        match parse(&unknown_pallet).expect("spec").build_storage() {
            Err(ChainSpecError::GenesisConfig { message, .. }) => {
                assert!(message.contains("nope"), "{message}")
            }
            other => panic!("unexpected {other:?}"),
        }
        let bad_account = spec_text(json!({"runtimeGenesis": {"code": code_hex(), "patch": {
            "balances": {"balances": [["not an address", 1]]}}}}));
        match parse(&bad_account).expect("spec").build_storage() {
            Err(ChainSpecError::GenesisConfig { at, .. }) => {
                assert!(at.starts_with("balances.balances"), "{at}")
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn missing_file_is_a_read_error() {
        let err = ChainSpec::load("/nonexistent/spec.json").expect_err("missing");
        assert!(matches!(err, ChainSpecError::Read { .. }));
        assert!(err.to_string().contains("/nonexistent/spec.json"));
    }
}
