//! Arguments of `taonet key …`: account keys (generate, inspect, insert into a keystore)
//! and libp2p node keys, with subkey's flags and output so existing scripts keep working.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use sp_core::crypto::{KeyTypeId, Ss58AddressFormat};

use super::spec::{BasePathArg, ChainArg};
use crate::keystore::Scheme;

/// Key tools.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Generate a random account key (a fresh secret phrase) and print it as `inspect` does.
    Generate(GenerateArgs),
    /// Print the public key, account id and SS58 addresses of a secret URI (phrase,
    /// `//Alice`, 0x seed, with derivation paths) or, with `--public`, of a public key.
    Inspect(InspectArgs),
    /// Insert a key into a chain's keystore, so the node signs with it (e.g. Aura or
    /// GRANDPA session keys).
    Insert(InsertArgs),
    /// Generate a libp2p node key: its secret on stdout (or into a file), its PeerId on
    /// stderr.
    GenerateNodeKey(GenerateNodeKeyArgs),
    /// Print the PeerId of a libp2p node key.
    InspectNodeKey(InspectNodeKeyArgs),
}

/// How key information is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputType {
    /// Labelled lines, as subkey prints them.
    #[default]
    Text,
    /// A JSON object with subkey's field names.
    Json,
}

/// The crypto scheme and output options `generate` and `inspect` share.
#[derive(Debug, Clone, Args)]
pub struct KeyFormatArgs {
    /// The signature scheme of the key.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Scheme::Sr25519)]
    pub scheme: Scheme,
    /// How to print the key.
    #[arg(long, value_enum, ignore_case = true, default_value_t = OutputType::Text)]
    pub output_type: OutputType,
    /// The SS58 address format: a prefix number (0-16383) or a registered network name.
    /// Default: 42 (`substrate`), taonet's own; `inspect --public` of an SS58 address
    /// defaults to the address's own format.
    #[arg(long, short = 'n', value_name = "NETWORK", value_parser = parse_network)]
    pub network: Option<Ss58AddressFormat>,
}

/// Arguments of `taonet key generate`.
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Words in the generated secret phrase.
    #[arg(long, short = 'w', value_name = "WORDS", default_value_t = 12,
          value_parser = parse_word_count)]
    pub words: usize,
    /// Scheme and output options.
    #[command(flatten)]
    pub format: KeyFormatArgs,
}

/// Arguments of `taonet key inspect`.
#[derive(Debug, Clone, Args)]
pub struct InspectArgs {
    /// A secret URI (phrase, `//Alice`, 0x seed, each optionally followed by `/soft` or
    /// `//hard` derivations and `///password`), or with `--public` a public key in hex or
    /// SS58. Read from standard input when absent.
    #[arg(value_name = "URI")]
    pub uri: Option<String>,
    /// The URI is a public key, not a secret.
    #[arg(long)]
    pub public: bool,
    /// Scheme and output options.
    #[command(flatten)]
    pub format: KeyFormatArgs,
}

/// Arguments of `taonet key insert`.
#[derive(Debug, Clone, Args)]
pub struct InsertArgs {
    /// The chain whose keystore receives the key.
    #[command(flatten)]
    pub chain: ChainArg,
    /// The node's data directory.
    #[command(flatten)]
    pub base_path: BasePathArg,
    /// The keystore directory itself, instead of `<base>/chains/<chain id>/keystore`.
    #[arg(long, value_name = "PATH")]
    pub keystore_path: Option<PathBuf>,
    /// The key's type, four characters: `aura` (block authoring, sr25519), `gran`
    /// (GRANDPA finality, ed25519), `acco` (accounts).
    #[arg(long, value_name = "KEY_TYPE", value_parser = parse_key_type)]
    pub key_type: KeyTypeId,
    /// The key's signature scheme.
    #[arg(long, value_enum, ignore_case = true)]
    pub scheme: Scheme,
    /// The key's secret URI. Read from standard input when absent, so that it stays out
    /// of the shell history and the process list.
    #[arg(long, value_name = "SURI")]
    pub suri: Option<String>,
}

/// Arguments of `taonet key generate-node-key`.
#[derive(Debug, Clone, Args)]
pub struct GenerateNodeKeyArgs {
    /// Write the secret into this file instead of printing it.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["base_path", "default_base_path"])]
    pub file: Option<PathBuf>,
    /// Write the raw 32 secret bytes instead of 64 hex digits.
    #[arg(long)]
    pub bin: bool,
    /// The chain whose network directory receives the key, with `--base-path` or
    /// `--default-base-path`.
    #[command(flatten)]
    pub chain: ChainArg,
    /// Write the key where the node reads it: `<base>/chains/<chain id>/network/secret_ed25519`.
    #[command(flatten)]
    pub base_path: BasePathArg,
    /// Like `--base-path` with the default base path.
    #[arg(long, conflicts_with = "base_path")]
    pub default_base_path: bool,
}

/// Arguments of `taonet key inspect-node-key`.
#[derive(Debug, Clone, Args)]
pub struct InspectNodeKeyArgs {
    /// The file holding the node key; standard input when absent.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The key is raw 32 bytes, not 64 hex digits.
    #[arg(long)]
    pub bin: bool,
}

/// An SS58 format from its prefix number or registered name (`substrate`, `polkadot`, …).
fn parse_network(text: &str) -> Result<Ss58AddressFormat, String> {
    if let Ok(prefix) = text.parse::<u16>() {
        return if prefix < 16_384 {
            Ok(prefix.into())
        } else {
            Err(format!("SS58 prefix {prefix} is above 16383"))
        };
    }
    Ss58AddressFormat::try_from(text).map_err(|_| {
        format!("unknown network {text:?}: give an SS58 prefix number or a registered name")
    })
}

/// A BIP-39 phrase length: 12, 15, 18, 21 or 24 words.
fn parse_word_count(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(words @ (12 | 15 | 18 | 21 | 24)) => Ok(words),
        _ => Err("a phrase has 12, 15, 18, 21 or 24 words".to_owned()),
    }
}

/// A four-character key type such as `aura` or `gran`.
fn parse_key_type(text: &str) -> Result<KeyTypeId, String> {
    KeyTypeId::try_from(text).map_err(|()| format!("key type {text:?} is not four bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_parse_by_number_or_name() {
        assert_eq!(
            parse_network("42").map(u16::from),
            Ok(42),
            "a prefix number"
        );
        assert_eq!(parse_network("polkadot").map(u16::from), Ok(0));
        assert_eq!(parse_network("Substrate").map(u16::from), Ok(42));
        assert!(parse_network("16384").is_err());
        assert!(parse_network("nowhere").is_err());
    }

    #[test]
    fn word_counts_and_key_types_are_checked() {
        assert_eq!(parse_word_count("24"), Ok(24));
        assert!(parse_word_count("13").is_err());
        assert_eq!(parse_key_type("aura"), Ok(KeyTypeId(*b"aura")));
        assert!(parse_key_type("aur").is_err());
    }
}
