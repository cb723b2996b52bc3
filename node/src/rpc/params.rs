//! Reading JSON-RPC parameters the way Substrate's methods accept them: positionally (a
//! JSON array, trailing optional ones left out) or by name (a JSON object), with bytes as
//! `0x`-prefixed hex. Every malformed parameter is a `-32602 Invalid params` error that
//! names the parameter, never a panic or a generic failure.

use jsonrpsee::types::error::{
    ErrorObject, ErrorObjectOwned, INVALID_PARAMS_CODE, INVALID_PARAMS_MSG,
};
use jsonrpsee::types::Params;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use sp_core::crypto::{AccountId32, Ss58Codec};
use sp_core::U256;
use taonet_runtime::BlockNumber;

/// A `-32602 Invalid params` error with `detail` as its data, as jsonrpsee's own parameter
/// errors look.
pub fn invalid_params(detail: impl Into<String>) -> ErrorObjectOwned {
    ErrorObject::owned(INVALID_PARAMS_CODE, INVALID_PARAMS_MSG, Some(detail.into()))
}

/// The parameters of one call, by position, whichever way the caller sent them.
#[derive(Debug)]
pub struct Args {
    names: &'static [&'static str],
    values: Vec<Value>,
}

impl Args {
    /// Reads `params` for a method whose parameters are `names`, in order. An object is
    /// matched by name (unknown names are refused); an array by position, extra values
    /// ignored as Substrate's generated servers ignore them.
    pub fn parse(
        params: &Params<'_>,
        names: &'static [&'static str],
    ) -> Result<Self, ErrorObjectOwned> {
        let raw = params.as_str().unwrap_or("null");
        let value: Value = serde_json::from_str(raw).map_err(|e| invalid_params(e.to_string()))?;
        let values = match value {
            Value::Null => Vec::new(),
            Value::Array(values) => values,
            Value::Object(mut map) => {
                let values = names
                    .iter()
                    .map(|name| map.remove(*name).unwrap_or(Value::Null))
                    .collect();
                if let Some(unknown) = map.keys().next() {
                    return Err(invalid_params(format!("unknown parameter `{unknown}`")));
                }
                values
            }
            _ => return Err(invalid_params("parameters must be an array or an object")),
        };
        Ok(Args { names, values })
    }

    /// Parameter `index`, or `None` when it is absent or `null`.
    pub fn opt<T: DeserializeOwned>(&self, index: usize) -> Result<Option<T>, ErrorObjectOwned> {
        match self.values.get(index) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::deserialize(value).map(Some).map_err(|e| {
                let name = self.names.get(index).copied().unwrap_or("?");
                invalid_params(format!("invalid `{name}`: {e}"))
            }),
        }
    }

    /// Parameter `index`, which must be present.
    pub fn req<T: DeserializeOwned>(&self, index: usize) -> Result<T, ErrorObjectOwned> {
        self.opt(index)?.ok_or_else(|| {
            let name = self.names.get(index).copied().unwrap_or("?");
            invalid_params(format!("missing parameter `{name}`"))
        })
    }
}

/// Bytes written as `0x`-prefixed hex on the wire (the prefix is optional when reading,
/// as `sp_core::Bytes` allows).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HexBytes(pub Vec<u8>);

impl HexBytes {
    /// The bytes as `0x…` lowercase hex.
    pub fn to_hex(bytes: &[u8]) -> String {
        format!("0x{}", hex::encode(bytes))
    }
}

impl Serialize for HexBytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&Self::to_hex(&self.0))
    }
}

impl<'de> Deserialize<'de> for HexBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let digits = text.strip_prefix("0x").unwrap_or(&text);
        hex::decode(digits)
            .map(HexBytes)
            .map_err(|e| D::Error::custom(format!("not hex ({e}): {}", shorten(&text))))
    }
}

/// At most 80 characters of `text`, for error messages about untrusted input.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(80).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// A block number as clients send it to `chain_getBlockHash`: a JSON number or a hex
/// string (`"0x1a"`, a `U256` in Substrate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberOrHex(pub BlockNumber);

impl<'de> Deserialize<'de> for NumberOrHex {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let wide: U256 = match &value {
            Value::Number(n) => n
                .as_u64()
                .map(U256::from)
                .ok_or_else(|| D::Error::custom(format!("`{n}` is not a block number")))?,
            Value::String(s) => {
                let digits = s.strip_prefix("0x").ok_or_else(|| {
                    D::Error::custom(format!("`{}` is not 0x-prefixed hex", shorten(s)))
                })?;
                U256::from_str_radix(digits, 16).map_err(|_| {
                    D::Error::custom(format!("`{}` is not a hex number", shorten(s)))
                })?
            }
            other => {
                return Err(D::Error::custom(format!(
                    "expected a block number or hex string, got {other}"
                )))
            }
        };
        u32::try_from(wide).map(NumberOrHex).map_err(|_| {
            D::Error::custom(format!("`{wide}` > u32::MAX, the max block number is u32."))
        })
    }
}

/// One value or a list of them, as `chain_getBlockHash` accepts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum ListOrValue<T> {
    /// A list: answered with a list.
    List(Vec<T>),
    /// One value: answered with one value.
    Value(T),
}

/// An account as clients send it: SS58 (any prefix) or `0x`-prefixed 32-byte hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountParam(pub AccountId32);

impl<'de> Deserialize<'de> for AccountParam {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if let Some(digits) = text.strip_prefix("0x") {
            let bytes = hex::decode(digits)
                .map_err(|e| D::Error::custom(format!("not hex ({e}): {}", shorten(&text))))?;
            let raw: [u8; 32] = bytes
                .try_into()
                .map_err(|_| D::Error::custom("an account id is 32 bytes"))?;
            return Ok(AccountParam(AccountId32::from(raw)));
        }
        AccountId32::from_ss58check(&text)
            .map(AccountParam)
            .map_err(|e| D::Error::custom(format!("not an SS58 address: {e:?}")))
    }
}

/// An account as subtensor's `delegateInfo_*` methods take it (their `Vec<u8>`
/// parameters): a JSON array of its 32 bytes. Subtensor reads the first 32 bytes of a
/// longer array and ignores the rest; here any other length is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountBytes(pub AccountId32);

impl<'de> Deserialize<'de> for AccountBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let bytes = Vec::<u8>::deserialize(deserializer)?;
        let len = bytes.len();
        let raw: [u8; 32] = bytes
            .try_into()
            .map_err(|_| D::Error::custom(format!("an account id is 32 bytes, got {len}")))?;
        Ok(AccountBytes(AccountId32::from(raw)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(json: &'static str, names: &'static [&'static str]) -> Result<Args, ErrorObjectOwned> {
        Args::parse(&Params::new(Some(json)), names)
    }

    #[test]
    fn positional_named_and_missing() {
        let a = args(r#"["0x01", null]"#, &["key", "at"]).unwrap();
        assert_eq!(a.req::<HexBytes>(0).unwrap(), HexBytes(vec![1]));
        assert_eq!(a.opt::<HexBytes>(1).unwrap(), None);
        let a = args(r#"{"at": "0x02", "key": "0x0a0b"}"#, &["key", "at"]).unwrap();
        assert_eq!(a.req::<HexBytes>(0).unwrap(), HexBytes(vec![10, 11]));
        let a = args("[]", &["key"]).unwrap();
        assert_eq!(
            a.req::<HexBytes>(0).unwrap_err().code(),
            INVALID_PARAMS_CODE
        );
        assert!(args(r#"{"nope": 1}"#, &["key"]).is_err());
    }

    #[test]
    fn hex_and_numbers() {
        let a = args(
            r#"["0xzz", "0x1a", 7, "12", -1]"#,
            &["a", "b", "c", "d", "e"],
        )
        .unwrap();
        assert!(a.req::<HexBytes>(0).is_err());
        assert_eq!(a.req::<NumberOrHex>(1).unwrap(), NumberOrHex(26));
        assert_eq!(a.req::<NumberOrHex>(2).unwrap(), NumberOrHex(7));
        assert!(a.req::<NumberOrHex>(3).is_err());
        assert!(a.req::<NumberOrHex>(4).is_err());
        let big = args(r#"["0x100000000"]"#, &["n"]).unwrap();
        assert!(big.req::<NumberOrHex>(0).is_err());
    }

    #[test]
    fn accounts() {
        let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
        let raw: &[u8] = alice.as_ref();
        let ss58 = alice.to_ss58check();
        let hex = format!("0x{}", hex::encode(raw));
        let bytes = serde_json::to_string(raw).unwrap();
        let json = format!(r#"["{ss58}", "{hex}", {bytes}, "0x0102", "5Grw", [1, 2], 7]"#);
        let a = Args::parse(
            &Params::new(Some(&json)),
            &["a", "b", "c", "d", "e", "f", "g"],
        )
        .unwrap();
        assert_eq!(a.req::<AccountParam>(0).unwrap().0, alice);
        assert_eq!(a.req::<AccountParam>(1).unwrap().0, alice);
        assert_eq!(a.req::<AccountBytes>(2).unwrap().0, alice);
        assert!(a.req::<AccountParam>(2).is_err());
        assert!(a.req::<AccountBytes>(0).is_err());
        assert!(a.req::<AccountParam>(3).is_err());
        assert!(a.req::<AccountParam>(4).is_err());
        assert!(a.req::<AccountBytes>(5).is_err());
        assert!(a.req::<AccountBytes>(6).is_err());
        let mut long = raw.to_vec();
        long.push(0);
        let long = format!("[{}]", serde_json::to_string(&long).unwrap());
        let a = Args::parse(&Params::new(Some(&long)), &["a"]).unwrap();
        assert!(a.req::<AccountBytes>(0).is_err());
    }
}
