//! `taonet key …`: the offline key tools, behaving like Substrate's `key` subcommand and
//! subkey (same flags, same output) so that operators' scripts and habits carry over.

mod account;
mod insert;
mod node_key;

use std::io::BufRead;
use std::path::PathBuf;

pub use node_key::{decode_node_key, load_or_generate_node_key, peer_id};

use crate::chain_spec::ChainSpecError;
use crate::cli::KeyCommand;
use crate::keystore::{KeystoreError, Scheme};
use crate::paths::PathsError;

/// Why a key command failed. Every variant renders as one line and none repeats a secret.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The URI is neither a secret URI nor a public key of the scheme. It is not repeated:
    /// it may be a secret with a typo.
    #[error("invalid secret URI or public key for {scheme} (phrase, //dev-name, 0x seed or address expected)")]
    InvalidUri {
        /// The scheme asked for.
        scheme: Scheme,
    },
    /// The `--public` value is neither hex nor SS58 of a public key of the scheme.
    #[error("invalid {scheme} public key {text:?}: expected 0x and {bytes} bytes of hex, or an SS58 address")]
    InvalidPublic {
        /// The scheme asked for.
        scheme: Scheme,
        /// What was given (a public key is not secret).
        text: String,
        /// The scheme's public key length.
        bytes: usize,
    },
    /// BIP-39 has no phrase of this many words (12, 15, 18, 21 or 24).
    #[error("cannot generate a {0}-word phrase: BIP-39 phrases have 12, 15, 18, 21 or 24 words")]
    WordCount(usize),
    /// Standard input could not be read.
    #[error("cannot read the {what} from standard input: {source}")]
    Stdin {
        /// What was being read.
        what: &'static str,
        /// What the read said.
        source: std::io::Error,
    },
    /// Neither the command line nor standard input gave a required value.
    #[error("no {0} given: pass it on the command line or on standard input")]
    Missing(&'static str),
    /// The `--chain` spec could not be loaded.
    #[error(transparent)]
    ChainSpec(#[from] ChainSpecError),
    /// The keystore refused the key or could not be written.
    #[error(transparent)]
    Keystore(#[from] KeystoreError),
    /// There is no default base path.
    #[error(transparent)]
    BasePath(#[from] PathsError),
    /// `generate-node-key` never overwrites a key: a node's identity is not replaced by
    /// accident.
    #[error("node key file {0} already exists; remove it first to replace the key")]
    NodeKeyExists(PathBuf),
    /// The node key file could not be written.
    #[error("cannot write node key {path}: {source}")]
    WriteNodeKey {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// The node key file could not be read.
    #[error("cannot read node key {path}: {source}")]
    ReadNodeKey {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// The node key is not 32 raw bytes (`--bin`) or 64 hex digits.
    #[error("invalid node key in {origin}: {reason}")]
    InvalidNodeKey {
        /// The file, or standard input.
        origin: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The output could not be written.
    #[error("cannot write the output: {0}")]
    Output(#[source] std::io::Error),
    /// The key could not be rendered as JSON.
    #[error("cannot render the key as JSON: {0}")]
    Json(#[source] serde_json::Error),
}

/// Runs a key command and returns what it prints on standard output (empty when it only
/// writes files). Notes meant for a human, such as a new node key's PeerId, go to
/// standard error as Substrate prints them.
pub fn run(command: &KeyCommand) -> Result<String, KeyError> {
    match command {
        KeyCommand::Generate(args) => account::generate(args),
        KeyCommand::Inspect(args) => account::inspect(args),
        KeyCommand::Insert(args) => insert::insert(args).map(|()| String::new()),
        KeyCommand::GenerateNodeKey(args) => node_key::generate(args),
        KeyCommand::InspectNodeKey(args) => node_key::inspect(args),
    }
}

/// One line of standard input without its line ending: how a secret gets in without
/// showing up in the shell history or the process list.
fn read_stdin_line(what: &'static str) -> Result<String, KeyError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|source| KeyError::Stdin { what, source })?;
    let line = line.trim_end_matches(['\n', '\r']);
    if line.is_empty() {
        return Err(KeyError::Missing(what));
    }
    Ok(line.to_owned())
}
