//! The node's key store, in Substrate's on-disk format (sc-keystore's `LocalKeystore`), so
//! that keys inserted with any Substrate tool, or copied from a Substrate node, just work:
//!
//! - one file per key in the keystore directory;
//! - the file name is `hex(key type, 4 bytes) ++ hex(public key)`, e.g.
//!   `61757261d43593c7…` for an `aura` key;
//! - the content is a JSON string holding the key's secret URI: a phrase, `//Alice`, or a
//!   `0x` seed, possibly with derivation paths.
//!
//! Password-protected keystores are not supported (a `///password` inside the URI is).
//! Files that do not follow the format, or whose secret does not give the public key in
//! their name, are skipped rather than failing the node.

use std::fs;
use std::path::{Path, PathBuf};

use codec::Encode;
use sp_core::crypto::{key_types, KeyTypeId, SecretStringError};
use sp_core::{ecdsa, ed25519, sr25519, Pair};

use crate::secret_file::write_secret;

/// A signature scheme a key can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scheme {
    /// Schnorrkel on Ristretto: accounts and Aura.
    Sr25519,
    /// Ed25519: GRANDPA.
    Ed25519,
    /// ECDSA on secp256k1 (33-byte compressed public keys).
    Ecdsa,
}

impl Scheme {
    /// The public key of secret URI `suri` under this scheme.
    pub fn public_from_suri(self, suri: &str) -> Result<Vec<u8>, SecretStringError> {
        Ok(match self {
            Scheme::Sr25519 => sr25519::Pair::from_string(suri, None)?.public().to_vec(),
            Scheme::Ed25519 => ed25519::Pair::from_string(suri, None)?.public().to_vec(),
            Scheme::Ecdsa => ecdsa::Pair::from_string(suri, None)?.public().to_vec(),
        })
    }

    /// The scheme's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Sr25519 => "sr25519",
            Scheme::Ed25519 => "ed25519",
            Scheme::Ecdsa => "ecdsa",
        }
    }
}

impl std::fmt::Display for Scheme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The schemes a key of `key_type` may use: the runtime's for the types it knows (Aura is
/// sr25519, GRANDPA ed25519, accounts sr25519), otherwise any, sr25519 first.
pub fn schemes_for(key_type: KeyTypeId) -> &'static [Scheme] {
    match key_type {
        key_types::AURA | key_types::ACCOUNT => &[Scheme::Sr25519],
        key_types::GRANDPA => &[Scheme::Ed25519],
        _ => &[Scheme::Sr25519, Scheme::Ed25519, Scheme::Ecdsa],
    }
}

/// A key type as its four characters, for messages.
pub fn key_type_name(key_type: KeyTypeId) -> String {
    String::from_utf8_lossy(&key_type.0).into_owned()
}

/// Why a keystore operation failed.
#[derive(Debug, thiserror::Error)]
pub enum KeystoreError {
    /// The keystore directory or a key file could not be created, read or written.
    #[error("keystore {path}: {source}")]
    Io {
        /// The directory or file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// The secret URI does not parse as a key of any scheme the key type allows (the URI
    /// itself is not repeated: it is a secret).
    #[error("the secret URI is not a valid {schemes} key (key type {key_type})")]
    InvalidSuri {
        /// The key type.
        key_type: String,
        /// The schemes tried, e.g. `sr25519`.
        schemes: String,
    },
    /// The public key given is not the one the secret URI gives for the key type's
    /// schemes, so storing it would file the secret under the wrong name.
    #[error("public key 0x{public} is not the {schemes} public key of the secret URI (key type {key_type})")]
    PublicMismatch {
        /// The key type.
        key_type: String,
        /// The schemes tried.
        schemes: String,
        /// The public key given, in hex.
        public: String,
    },
}

/// A directory of keys in Substrate's format.
#[derive(Debug, Clone)]
pub struct Keystore {
    dir: PathBuf,
}

impl Keystore {
    /// The keystore in `dir`, created (with its parents) if missing.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Keystore, KeystoreError> {
        let dir = dir.into();
        fs::create_dir_all(&dir).map_err(|source| KeystoreError::Io {
            path: dir.clone(),
            source,
        })?;
        Ok(Keystore { dir })
    }

    /// The keystore directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The file that holds key `public` of `key_type`: `hex(key type) ++ hex(public)`.
    pub fn key_file(&self, key_type: KeyTypeId, public: &[u8]) -> PathBuf {
        self.dir.join(format!(
            "{}{}",
            hex::encode(key_type.0),
            hex::encode(public)
        ))
    }

    /// Stores secret URI `suri` as key `public` of `key_type`, after checking that `suri`
    /// does give `public` under one of the key type's schemes (see [`schemes_for`]).
    /// Inserting a key that is already there rewrites the same file.
    pub fn insert(
        &self,
        key_type: KeyTypeId,
        suri: &str,
        public: &[u8],
    ) -> Result<(), KeystoreError> {
        let schemes = schemes_for(key_type);
        let derived: Vec<Vec<u8>> = schemes
            .iter()
            .filter_map(|scheme| scheme.public_from_suri(suri).ok())
            .collect();
        let names = || {
            schemes
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>()
                .join(" or ")
        };
        if derived.is_empty() {
            return Err(KeystoreError::InvalidSuri {
                key_type: key_type_name(key_type),
                schemes: names(),
            });
        }
        if !derived.iter().any(|p| p == public) {
            return Err(KeystoreError::PublicMismatch {
                key_type: key_type_name(key_type),
                schemes: names(),
                public: hex::encode(public),
            });
        }
        let path = self.key_file(key_type, public);
        // A JSON string of a `str` cannot fail to serialize.
        let contents = serde_json::Value::String(suri.to_owned()).to_string();
        write_secret(&path, contents.as_bytes())
            .map_err(|source| KeystoreError::Io { path, source })
    }

    /// Whether the keystore holds a usable key `public` of `key_type`.
    pub fn has_key(&self, public: &[u8], key_type: KeyTypeId) -> bool {
        self.secret_uri(key_type, public).is_some()
    }

    /// The public keys of every usable key of `key_type`, in file-name order.
    pub fn public_keys(&self, key_type: KeyTypeId) -> Vec<Vec<u8>> {
        self.entries(key_type)
            .into_iter()
            .map(|(public, _)| public)
            .collect()
    }

    /// Every sr25519 key of `key_type` (e.g. Aura authoring keys), in file-name order.
    pub fn sr25519_pairs(&self, key_type: KeyTypeId) -> Vec<sr25519::Pair> {
        self.pairs::<sr25519::Pair>(key_type)
    }

    /// Every ed25519 key of `key_type` (e.g. GRANDPA voting keys), in file-name order.
    pub fn ed25519_pairs(&self, key_type: KeyTypeId) -> Vec<ed25519::Pair> {
        self.pairs::<ed25519::Pair>(key_type)
    }

    /// Generates and stores a new random Aura (sr25519) and GRANDPA (ed25519) key, each
    /// under a fresh secret phrase, and returns the runtime's SCALE-encoded `SessionKeys`
    /// (Aura public then GRANDPA public): what `author_rotateKeys` returns and
    /// `session.setKeys` takes.
    pub fn generate_session_keys(&self) -> Result<Vec<u8>, KeystoreError> {
        let (aura, aura_phrase, _) = sr25519::Pair::generate_with_phrase(None);
        let (grandpa, grandpa_phrase, _) = ed25519::Pair::generate_with_phrase(None);
        self.insert(key_types::AURA, &aura_phrase, aura.public().as_ref())?;
        self.insert(
            key_types::GRANDPA,
            &grandpa_phrase,
            grandpa.public().as_ref(),
        )?;
        Ok(taonet_runtime::SessionKeys {
            aura: aura.public().into(),
            grandpa: grandpa.public().into(),
        }
        .encode())
    }

    /// The pairs of scheme `P` among the keys of `key_type`.
    fn pairs<P: Pair>(&self, key_type: KeyTypeId) -> Vec<P> {
        self.entries(key_type)
            .into_iter()
            .filter_map(|(public, suri)| {
                P::from_string(&suri, None)
                    .ok()
                    .filter(|pair| pair.public().as_ref() == public.as_slice())
            })
            .collect()
    }

    /// `(public key, secret URI)` of every usable key of `key_type`, in file-name order.
    fn entries(&self, key_type: KeyTypeId) -> Vec<(Vec<u8>, String)> {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let prefix = hex::encode(key_type.0);
        let mut publics: Vec<Vec<u8>> = dir
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                hex::decode(name.strip_prefix(&prefix)?).ok()
            })
            .filter(|public| !public.is_empty())
            .collect();
        publics.sort();
        publics
            .into_iter()
            .filter_map(|public| {
                let suri = self.secret_uri(key_type, &public)?;
                Some((public, suri))
            })
            .collect()
    }

    /// The secret URI stored for key `public` of `key_type`, if its file exists, holds a
    /// JSON string, and that secret gives `public` under one of the key type's schemes.
    fn secret_uri(&self, key_type: KeyTypeId, public: &[u8]) -> Option<String> {
        let text = fs::read_to_string(self.key_file(key_type, public)).ok()?;
        let suri: String = serde_json::from_str(&text).ok()?;
        schemes_for(key_type)
            .iter()
            .any(|scheme| scheme.public_from_suri(&suri).ok().as_deref() == Some(public))
            .then_some(suri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codec::Decode;
    use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

    /// A fresh empty directory for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("taonet-keystore-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn insert_writes_substrates_file_name_and_content() {
        let dir = scratch("insert");
        let keystore = Keystore::open(dir.join("keystore")).expect("open creates the directory");
        let alice = Sr25519Keyring::Alice.public();
        keystore
            .insert(key_types::AURA, "//Alice", alice.as_ref())
            .expect("insert");
        let file = dir.join(format!("keystore/61757261{}", hex::encode(alice)));
        assert_eq!(fs::read_to_string(&file).expect("key file"), "\"//Alice\"");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&file).expect("metadata").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(keystore.has_key(alice.as_ref(), key_types::AURA));
        assert!(!keystore.has_key(alice.as_ref(), key_types::GRANDPA));
        assert!(!keystore.has_key(Sr25519Keyring::Bob.public().as_ref(), key_types::AURA));
        let pairs = keystore.sr25519_pairs(key_types::AURA);
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].public(), alice);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn grandpa_keys_are_ed25519() {
        let dir = scratch("grandpa");
        let keystore = Keystore::open(&dir).expect("open");
        let ed = Ed25519Keyring::Alice.public();
        let sr = Sr25519Keyring::Alice.public();
        let err = keystore
            .insert(key_types::GRANDPA, "//Alice", sr.as_ref())
            .expect_err("an sr25519 public is not a grandpa key");
        assert!(matches!(err, KeystoreError::PublicMismatch { .. }), "{err}");
        keystore
            .insert(key_types::GRANDPA, "//Alice", ed.as_ref())
            .expect("insert");
        assert_eq!(fs::read_dir(&dir).expect("dir").count(), 1);
        let pairs = keystore.ed25519_pairs(key_types::GRANDPA);
        assert_eq!(pairs.iter().map(|p| p.public()).collect::<Vec<_>>(), [ed]);
        assert!(keystore.sr25519_pairs(key_types::GRANDPA).is_empty());
        assert!(dir.join(format!("6772616e{}", hex::encode(ed))).is_file());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn unknown_key_types_take_any_scheme() {
        let dir = scratch("other");
        let keystore = Keystore::open(&dir).expect("open");
        let other = KeyTypeId(*b"test");
        let ed = ed25519::Pair::from_string("//Bob", None)
            .expect("pair")
            .public();
        keystore
            .insert(other, "//Bob", ed.as_ref())
            .expect("ed25519");
        let ecdsa = ecdsa::Pair::from_string("//Bob", None)
            .expect("pair")
            .public();
        keystore
            .insert(other, "//Bob", ecdsa.as_ref())
            .expect("ecdsa");
        assert_eq!(keystore.public_keys(other).len(), 2);
        assert_eq!(keystore.ed25519_pairs(other).len(), 1);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_secrets_are_refused() {
        let dir = scratch("bad");
        let keystore = Keystore::open(&dir).expect("open");
        let err = keystore
            .insert(key_types::AURA, "not a phrase", &[0; 32])
            .expect_err("invalid suri");
        assert!(matches!(err, KeystoreError::InvalidSuri { .. }));
        assert!(
            !err.to_string().contains("not a phrase"),
            "secret echoed: {err}"
        );
        let err = keystore
            .insert(
                key_types::AURA,
                "//Alice",
                Sr25519Keyring::Bob.public().as_ref(),
            )
            .expect_err("wrong public");
        assert!(matches!(err, KeystoreError::PublicMismatch { .. }));
        assert_eq!(fs::read_dir(&dir).expect("dir").count(), 0);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn junk_files_are_skipped() {
        let dir = scratch("junk");
        let keystore = Keystore::open(&dir).expect("open");
        let alice = Sr25519Keyring::Alice.public();
        let bob = Sr25519Keyring::Bob.public();
        keystore
            .insert(key_types::AURA, "//Alice", alice.as_ref())
            .expect("insert");
        fs::write(dir.join("README"), "not a key").expect("write");
        fs::write(dir.join("61757261zz"), "\"//Alice\"").expect("write");
        fs::write(dir.join("61757261"), "\"//Alice\"").expect("write");
        // Bob's name, Alice's secret: the public does not match.
        fs::write(
            keystore.key_file(key_types::AURA, bob.as_ref()),
            "\"//Alice\"",
        )
        .expect("write");
        // Not JSON.
        let charlie = Sr25519Keyring::Charlie.public();
        fs::write(
            keystore.key_file(key_types::AURA, charlie.as_ref()),
            "//Charlie",
        )
        .expect("write");
        fs::create_dir(dir.join("6175726100")).expect("a directory");
        assert_eq!(keystore.public_keys(key_types::AURA), [alice.to_vec()]);
        assert_eq!(keystore.sr25519_pairs(key_types::AURA).len(), 1);
        assert!(!keystore.has_key(bob.as_ref(), key_types::AURA));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn session_keys_are_the_runtimes_encoding_of_stored_keys() {
        let dir = scratch("session");
        let keystore = Keystore::open(&dir).expect("open");
        let encoded = keystore.generate_session_keys().expect("generate");
        assert_eq!(encoded.len(), 64);
        let keys =
            taonet_runtime::SessionKeys::decode(&mut encoded.as_slice()).expect("SessionKeys");
        let aura = sr25519::Public::from(keys.aura.clone());
        let grandpa = ed25519::Public::from(keys.grandpa.clone());
        assert_eq!(&encoded[..32], &aura.0[..]);
        assert_eq!(&encoded[32..], &grandpa.0[..]);
        assert!(keystore.has_key(aura.as_ref(), key_types::AURA));
        assert!(keystore.has_key(grandpa.as_ref(), key_types::GRANDPA));
        assert_eq!(keystore.sr25519_pairs(key_types::AURA)[0].public(), aura);
        assert_eq!(
            keystore.ed25519_pairs(key_types::GRANDPA)[0].public(),
            grandpa
        );
        // A phrase is stored, as Substrate stores generated keys.
        let stored =
            fs::read_to_string(keystore.key_file(key_types::AURA, aura.as_ref())).expect("file");
        let phrase: String = serde_json::from_str(&stored).expect("JSON string");
        assert_eq!(phrase.split_whitespace().count(), 12);
        // Rotating again adds a second pair of keys.
        let again = keystore.generate_session_keys().expect("generate");
        assert_ne!(again, encoded);
        assert_eq!(keystore.public_keys(key_types::AURA).len(), 2);
        let _ = fs::remove_dir_all(&dir);
    }
}
