//! libp2p node keys: the ed25519 key a node's PeerId (`12D3KooW…`) derives from.
//!
//! Files hold the 32-byte secret, either raw (`--bin`, and what a node writes for itself
//! in `network/secret_ed25519`) or as 64 hex digits (what `generate-node-key` prints),
//! exactly as Substrate nodes store them, so keys move between the two unchanged.

use std::io::{Read, Write};
use std::path::Path;

use libp2p_identity::{ed25519, PeerId, PublicKey};

use super::KeyError;
use crate::chain_spec::ChainSpec;
use crate::cli::{GenerateNodeKeyArgs, InspectNodeKeyArgs};
use crate::paths::{default_base_path, node_key_file};
use crate::secret_file::write_secret;

/// Length of a node key's secret.
const SECRET_LEN: usize = 32;

/// The PeerId other nodes know a node by, derived from its key.
pub fn peer_id(keypair: &ed25519::Keypair) -> PeerId {
    PublicKey::from(keypair.public()).to_peer_id()
}

/// The node key in `bytes`: with `bin`, exactly 32 raw bytes; otherwise 64 hex digits
/// (an optional `0x` and surrounding whitespace allowed). The error says what is wrong.
pub fn decode_node_key(bytes: &[u8], bin: bool) -> Result<ed25519::Keypair, String> {
    let mut secret = if bin {
        bytes.to_vec()
    } else {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| "not hex text (pass --bin for a raw 32-byte key)".to_owned())?
            .trim();
        let digits = text.strip_prefix("0x").unwrap_or(text);
        hex::decode(digits).map_err(|e| format!("not hex ({e})"))?
    };
    if secret.len() != SECRET_LEN {
        return Err(format!(
            "expected a {SECRET_LEN}-byte ed25519 secret, found {} bytes",
            secret.len()
        ));
    }
    let secret = ed25519::SecretKey::try_from_bytes(&mut secret).map_err(|e| e.to_string())?;
    Ok(ed25519::Keypair::from(secret))
}

/// The node key in `path` (raw or hex, told apart by length), or a new one written there
/// raw, with owner-only permissions, when the file does not exist: what a node does with
/// `<base>/chains/<id>/network/secret_ed25519` at start-up so that its PeerId is stable.
pub fn load_or_generate_node_key(path: &Path) -> Result<ed25519::Keypair, KeyError> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let bin = bytes.len() == SECRET_LEN;
            decode_node_key(&bytes, bin).map_err(|reason| KeyError::InvalidNodeKey {
                origin: path.display().to_string(),
                reason,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let keypair = ed25519::Keypair::generate();
            write_secret(path, keypair.secret().as_ref()).map_err(|source| {
                KeyError::WriteNodeKey {
                    path: path.to_owned(),
                    source,
                }
            })?;
            Ok(keypair)
        }
        Err(source) => Err(KeyError::ReadNodeKey {
            path: path.to_owned(),
            source,
        }),
    }
}

/// `key generate-node-key`: a new random key, written to `--file` or the chain's network
/// directory under the base path, else printed; its PeerId goes to standard error.
pub(super) fn generate(args: &GenerateNodeKeyArgs) -> Result<String, KeyError> {
    let destination = match (&args.file, &args.base_path.base_path) {
        (Some(file), _) => Some(file.clone()),
        (None, Some(base)) => Some(node_key_file(
            base,
            &ChainSpec::load(args.chain.chain_id())?,
        )),
        (None, None) if args.default_base_path => Some(node_key_file(
            &default_base_path()?,
            &ChainSpec::load(args.chain.chain_id())?,
        )),
        (None, None) => None,
    };
    let keypair = ed25519::Keypair::generate();
    let secret = keypair.secret();
    let data = if args.bin {
        secret.as_ref().to_vec()
    } else {
        hex::encode(secret.as_ref()).into_bytes()
    };
    let stdout = match destination {
        Some(path) => {
            if path.exists() {
                return Err(KeyError::NodeKeyExists(path));
            }
            write_secret(&path, &data).map_err(|source| KeyError::WriteNodeKey { path, source })?;
            String::new()
        }
        None if args.bin => {
            let mut out = std::io::stdout().lock();
            out.write_all(&data)
                .and_then(|()| out.flush())
                .map_err(KeyError::Output)?;
            String::new()
        }
        None => String::from_utf8_lossy(&data).into_owned(),
    };
    eprintln!("{}", peer_id(&keypair));
    Ok(stdout)
}

/// `key inspect-node-key`: the PeerId of the key in `--file` (or on standard input).
pub(super) fn inspect(args: &InspectNodeKeyArgs) -> Result<String, KeyError> {
    let (bytes, origin) = match &args.file {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|source| KeyError::ReadNodeKey {
                path: path.clone(),
                source,
            })?;
            (bytes, path.display().to_string())
        }
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|source| KeyError::Stdin {
                    what: "node key",
                    source,
                })?;
            (bytes, "standard input".to_owned())
        }
    };
    let keypair = decode_node_key(&bytes, args.bin)
        .map_err(|reason| KeyError::InvalidNodeKey { origin, reason })?;
    Ok(peer_id(&keypair).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sp_core::Pair as _;

    #[test]
    fn hex_and_raw_forms_give_the_same_peer_id() {
        let keypair = ed25519::Keypair::generate();
        let secret = keypair.secret();
        let raw = decode_node_key(secret.as_ref(), true).expect("raw");
        let hexed = format!("0x{}\n", hex::encode(secret.as_ref()));
        let text = decode_node_key(hexed.as_bytes(), false).expect("hex");
        assert_eq!(peer_id(&raw), peer_id(&keypair));
        assert_eq!(peer_id(&text), peer_id(&keypair));
        assert!(peer_id(&keypair).to_string().starts_with("12D3KooW"));
    }

    #[test]
    fn peer_id_is_the_identity_multihash_of_the_ed25519_public_key() {
        let mut secret = [0u8; 32];
        secret[31] = 1;
        let keypair = decode_node_key(&secret, true).expect("key");
        // The node key's secret is an RFC 8032 seed: sp-core derives the same public key.
        let public = sp_core::ed25519::Pair::from_seed(&secret).public();
        assert_eq!(keypair.public().to_bytes(), public.0);
        // identity multihash (0x00, 36 bytes) of the protobuf PublicKey {Ed25519, bytes}.
        let mut expected = vec![0x00, 0x24, 0x08, 0x01, 0x12, 0x20];
        expected.extend_from_slice(&public.0);
        assert_eq!(peer_id(&keypair).to_bytes(), expected);
    }

    #[test]
    fn malformed_keys_say_why() {
        assert!(decode_node_key(&[0; 31], true)
            .expect_err("short")
            .contains("31 bytes"));
        assert!(decode_node_key(b"zz", false)
            .expect_err("not hex")
            .contains("not hex"));
        assert!(decode_node_key(&[0xff; 64], false).is_err());
    }

    #[test]
    fn node_keys_are_generated_once_then_reloaded() {
        let dir = std::env::temp_dir().join(format!("taonet-node-key-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("network/secret_ed25519");
        let first = load_or_generate_node_key(&path).expect("generated");
        assert_eq!(std::fs::read(&path).expect("file").len(), SECRET_LEN);
        let second = load_or_generate_node_key(&path).expect("reloaded");
        assert_eq!(peer_id(&first), peer_id(&second));
        std::fs::write(&path, "junk").expect("write");
        assert!(matches!(
            load_or_generate_node_key(&path),
            Err(KeyError::InvalidNodeKey { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
