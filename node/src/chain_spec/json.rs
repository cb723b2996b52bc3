//! The `genesis` object of a chain spec exactly as sc-chain-spec writes it, and the
//! conversion to and from [`Genesis`]. Kept apart so that [`Genesis`] itself can say what a
//! genesis *is* (a patch, a full config, or storage) rather than how JSON spells it.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::{Genesis, RawGenesis};

/// Bytes written as `0x`-prefixed lowercase hex, as sc-chain-spec writes storage keys,
/// values and code. Ordered by bytes, which is also the order of their hex strings.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Hex(pub(super) Vec<u8>);

impl Serialize for Hex {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("0x{}", hex::encode(&self.0)))
    }
}

impl<'de> Deserialize<'de> for Hex {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let digits = text
            .strip_prefix("0x")
            .ok_or_else(|| serde::de::Error::custom("expected 0x-prefixed hex"))?;
        hex::decode(digits)
            .map(Hex)
            .map_err(|e| serde::de::Error::custom(format!("invalid hex: {e}")))
    }
}

/// `"genesis": {...}`: one of the forms sc-chain-spec knows (its `stateRootHash` form cannot
/// build a state, so a node cannot start from it and it is not accepted).
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) enum GenesisJson {
    /// Genesis as a runtime config, built by the runtime.
    RuntimeGenesis(RuntimeGenesisJson),
    /// Genesis as storage.
    Raw(RawGenesisJson),
}

/// `{"code": "0x…", "patch": {…}}` or `{"code": "0x…", "config": {…}}`.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuntimeGenesisJson {
    /// The wasm runtime that builds this genesis and goes to `:code`.
    #[serde(default)]
    code: Hex,
    /// A JSON merge patch onto the runtime's default genesis config.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    patch: Option<Value>,
    /// A complete genesis config.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    config: Option<Value>,
}

/// `{"top": {"0xkey": "0xvalue"}, "childrenDefault": {"0xchild": {…}}}`.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct RawGenesisJson {
    top: BTreeMap<Hex, Hex>,
    #[serde(default)]
    children_default: BTreeMap<Hex, BTreeMap<Hex, Hex>>,
}

/// Hex-keyed storage to byte-keyed storage.
fn unhex(map: BTreeMap<Hex, Hex>) -> BTreeMap<Vec<u8>, Vec<u8>> {
    map.into_iter().map(|(k, v)| (k.0, v.0)).collect()
}

/// Byte-keyed storage to hex-keyed storage.
fn hexed(map: BTreeMap<Vec<u8>, Vec<u8>>) -> BTreeMap<Hex, Hex> {
    map.into_iter().map(|(k, v)| (Hex(k), Hex(v))).collect()
}

impl TryFrom<GenesisJson> for Genesis {
    type Error = String;

    fn try_from(json: GenesisJson) -> Result<Self, String> {
        match json {
            GenesisJson::Raw(raw) => Ok(Genesis::Raw(RawGenesis {
                top: unhex(raw.top),
                children_default: raw
                    .children_default
                    .into_iter()
                    .map(|(key, child)| (key.0, unhex(child)))
                    .collect(),
            })),
            GenesisJson::RuntimeGenesis(runtime) => {
                let code = runtime.code.0;
                if code.is_empty() {
                    return Err("runtimeGenesis needs the runtime's wasm in \"code\"".into());
                }
                match (runtime.patch, runtime.config) {
                    (Some(patch), None) => Ok(Genesis::Patch { code, patch }),
                    (None, Some(config)) => Ok(Genesis::Config { code, config }),
                    _ => Err("runtimeGenesis needs exactly one of \"patch\" or \"config\"".into()),
                }
            }
        }
    }
}

impl From<Genesis> for GenesisJson {
    fn from(genesis: Genesis) -> Self {
        let runtime = |code, patch, config| {
            GenesisJson::RuntimeGenesis(RuntimeGenesisJson {
                code: Hex(code),
                patch,
                config,
            })
        };
        match genesis {
            Genesis::Patch { code, patch } => runtime(code, Some(patch), None),
            Genesis::Config { code, config } => runtime(code, None, Some(config)),
            Genesis::Raw(raw) => GenesisJson::Raw(RawGenesisJson {
                top: hexed(raw.top),
                children_default: raw
                    .children_default
                    .into_iter()
                    .map(|(key, child)| (Hex(key), hexed(child)))
                    .collect(),
            }),
        }
    }
}
