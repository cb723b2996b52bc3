//! `key generate` and `key inspect`: what a secret URI or public key stands for (public
//! key, account id, SS58 addresses), printed with subkey's labels and JSON field names.

use std::fmt::Write as _;

use serde::Serialize;
use sp_core::crypto::{ByteArray, Ss58AddressFormat, Ss58Codec};
use sp_core::{ecdsa, ed25519, sr25519, Pair};
use sp_runtime::traits::IdentifyAccount;
use sp_runtime::MultiSigner;

use super::{read_stdin_line, KeyError};
use crate::chain_spec::SS58_FORMAT;
use crate::cli::{GenerateArgs, InspectArgs, KeyFormatArgs, OutputType};
use crate::keystore::Scheme;

/// What a public key stands for, as subkey's JSON names it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PublicInfo {
    /// `0x` and the public key's bytes.
    public_key: String,
    /// `0x` and the account id's bytes (the public key, or its blake2 hash for ecdsa).
    account_id: String,
    /// The public key in SS58.
    ss58_public_key: String,
    /// The account id in SS58: the address wallets show.
    ss58_address: String,
}

impl PublicInfo {
    /// The information of `public` under SS58 format `network`.
    fn of<P>(public: P, network: Ss58AddressFormat) -> PublicInfo
    where
        P: Ss58Codec + Into<MultiSigner>,
    {
        let public_key = format!("0x{}", hex::encode(public.as_ref()));
        let ss58_public_key = public.to_ss58check_with_version(network);
        let account = public.into().into_account();
        PublicInfo {
            public_key,
            account_id: format!("0x{}", hex::encode(AsRef::<[u8]>::as_ref(&account))),
            ss58_public_key,
            ss58_address: account.to_ss58check_with_version(network),
        }
    }

    /// The four labelled lines subkey prints, each label padded to `width`.
    fn lines(&self, out: &mut String, width: usize) {
        for (label, value) in [
            ("Public key (hex):", &self.public_key),
            ("Account ID:", &self.account_id),
            ("Public key (SS58):", &self.ss58_public_key),
            ("SS58 Address:", &self.ss58_address),
        ] {
            let _ = writeln!(out, "  {label:width$} {value}");
        }
    }
}

/// A secret URI's key, as subkey's JSON names it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SecretInfo {
    /// The URI as given (subkey calls it the phrase even when it is `//Alice`).
    secret_phrase: String,
    /// The SS58 format's name or number.
    network_id: String,
    /// `0x` and the seed, or `n/a` when derivation leaves no seed (soft junctions).
    secret_seed: String,
    #[serde(flatten)]
    public: PublicInfo,
    /// Whether the URI is a bare phrase (subkey's "Secret phrase:" heading) rather than a
    /// URI with a path or a seed ("Secret Key URI `…` is account:").
    #[serde(skip)]
    bare_phrase: bool,
}

/// A public key, as subkey's JSON names it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PublicReport {
    /// The URI given, when a secret was expected but a public key came.
    #[serde(skip_serializing_if = "Option::is_none")]
    public_key_uri: Option<String>,
    /// The SS58 format's name or number.
    network_id: String,
    #[serde(flatten)]
    public: PublicInfo,
}

/// `key generate`: a fresh random phrase of `--words` words, printed as `inspect` prints it.
pub(super) fn generate(args: &GenerateArgs) -> Result<String, KeyError> {
    let mnemonic =
        bip39::Mnemonic::generate(args.words).map_err(|_| KeyError::WordCount(args.words))?;
    let phrase = mnemonic.words().collect::<Vec<_>>().join(" ");
    let info = secret_info(&phrase, &args.format).ok_or(KeyError::InvalidUri {
        scheme: args.format.scheme,
    })?;
    render_secret(&info, args.format.output_type)
}

/// `key inspect`: a secret URI's key, or with `--public` (or when the URI is not a secret
/// but an address) a public key's account and addresses.
pub(super) fn inspect(args: &InspectArgs) -> Result<String, KeyError> {
    let uri = match &args.uri {
        Some(uri) => uri.clone(),
        None => read_stdin_line("URI")?,
    };
    let format = &args.format;
    if args.public {
        let report = public_report(&uri, format).ok_or_else(|| KeyError::InvalidPublic {
            scheme: format.scheme,
            text: uri.clone(),
            bytes: public_len(format.scheme),
        })?;
        return render_public(&report, format.output_type);
    }
    if let Some(info) = secret_info(&uri, format) {
        return render_secret(&info, format.output_type);
    }
    // Not a secret: subkey then tries the URI as an address.
    let mut report = public_report(&uri, format).ok_or(KeyError::InvalidUri {
        scheme: format.scheme,
    })?;
    report.public_key_uri = Some(uri);
    render_public(&report, format.output_type)
}

/// The requested SS58 format, or taonet's.
fn network_or_default(format: &KeyFormatArgs) -> Ss58AddressFormat {
    format.network.unwrap_or(SS58_FORMAT.into())
}

/// The key of secret URI `uri` under the requested scheme, or `None` if it is not one.
fn secret_info(uri: &str, format: &KeyFormatArgs) -> Option<SecretInfo> {
    let network = network_or_default(format);
    match format.scheme {
        Scheme::Sr25519 => secret_info_of::<sr25519::Pair>(uri, network),
        Scheme::Ed25519 => secret_info_of::<ed25519::Pair>(uri, network),
        Scheme::Ecdsa => secret_info_of::<ecdsa::Pair>(uri, network),
    }
}

/// [`secret_info`] for the scheme of `P`.
fn secret_info_of<P>(uri: &str, network: Ss58AddressFormat) -> Option<SecretInfo>
where
    P: Pair,
    P::Public: Ss58Codec + Into<MultiSigner>,
{
    let (pair, seed) = P::from_string_with_seed(uri, None).ok()?;
    Some(SecretInfo {
        secret_phrase: uri.to_owned(),
        network_id: network.to_string(),
        secret_seed: seed.map_or_else(
            || "n/a".to_owned(),
            |seed| format!("0x{}", hex::encode(seed.as_ref())),
        ),
        public: PublicInfo::of(pair.public(), network),
        bare_phrase: P::from_phrase(uri, None).is_ok(),
    })
}

/// The byte length of the scheme's public keys.
fn public_len(scheme: Scheme) -> usize {
    match scheme {
        Scheme::Sr25519 => sr25519::Public::LEN,
        Scheme::Ed25519 => ed25519::Public::LEN,
        Scheme::Ecdsa => ecdsa::Public::LEN,
    }
}

/// Public key `text` (`0x` hex or SS58) under the requested scheme, or `None`.
fn public_report(text: &str, format: &KeyFormatArgs) -> Option<PublicReport> {
    match format.scheme {
        Scheme::Sr25519 => public_report_of::<sr25519::Public>(text, format.network),
        Scheme::Ed25519 => public_report_of::<ed25519::Public>(text, format.network),
        Scheme::Ecdsa => public_report_of::<ecdsa::Public>(text, format.network),
    }
}

/// [`public_report`] for public key type `P`. An SS58 address keeps its own format unless
/// `--network` overrides it.
fn public_report_of<P>(text: &str, network: Option<Ss58AddressFormat>) -> Option<PublicReport>
where
    P: Ss58Codec + Into<MultiSigner>,
{
    let (public, own) = match text.strip_prefix("0x") {
        Some(digits) => (P::from_slice(&hex::decode(digits).ok()?).ok()?, None),
        None => {
            let (public, own) = P::from_ss58check_with_version(text).ok()?;
            (public, Some(own))
        }
    };
    let network = network.or(own).unwrap_or(SS58_FORMAT.into());
    Some(PublicReport {
        public_key_uri: None,
        network_id: network.to_string(),
        public: PublicInfo::of(public, network),
    })
}

/// A secret's key as text or JSON.
fn render_secret(info: &SecretInfo, output: OutputType) -> Result<String, KeyError> {
    if output == OutputType::Json {
        return serde_json::to_string_pretty(info).map_err(KeyError::Json);
    }
    let mut out = if info.bare_phrase {
        format!("Secret phrase:       {}\n", info.secret_phrase)
    } else {
        format!("Secret Key URI `{}` is account:\n", info.secret_phrase)
    };
    let _ = writeln!(out, "  {:18} {}", "Network ID:", info.network_id);
    let _ = writeln!(out, "  {:18} {}", "Secret seed:", info.secret_seed);
    info.public.lines(&mut out, 18);
    Ok(out.trim_end().to_owned())
}

/// A public key's account and addresses as text or JSON.
fn render_public(report: &PublicReport, output: OutputType) -> Result<String, KeyError> {
    if output == OutputType::Json {
        return serde_json::to_string_pretty(report).map_err(KeyError::Json);
    }
    let mut out = String::new();
    let indent = match &report.public_key_uri {
        Some(uri) => {
            let _ = writeln!(out, "Public Key URI `{uri}` is account:");
            "  "
        }
        None => "",
    };
    let _ = writeln!(out, "{indent}Network ID/Version: {}", report.network_id);
    report.public.lines(&mut out, 19);
    Ok(out.trim_end().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(scheme: Scheme, output_type: OutputType) -> KeyFormatArgs {
        KeyFormatArgs {
            scheme,
            output_type,
            network: None,
        }
    }

    const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    #[test]
    fn alice_inspects_as_subkey_prints_her() {
        let info =
            secret_info("//Alice", &format(Scheme::Sr25519, OutputType::Text)).expect("dev URI");
        assert_eq!(info.public.ss58_address, ALICE);
        assert_eq!(info.public.ss58_public_key, ALICE);
        assert_eq!(
            info.public.public_key,
            "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
        );
        assert_eq!(
            info.secret_seed,
            "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a"
        );
        assert_eq!(info.network_id, "substrate");
        let text = render_secret(&info, OutputType::Text).expect("text");
        assert_eq!(
            text.lines().next(),
            Some("Secret Key URI `//Alice` is account:")
        );
        assert!(
            text.contains(&format!("  SS58 Address:      {ALICE}")),
            "{text}"
        );
        assert!(text.contains("  Network ID:        substrate"), "{text}");
    }

    #[test]
    fn ecdsa_accounts_hash_the_public_key() {
        let info =
            secret_info("//Alice", &format(Scheme::Ecdsa, OutputType::Json)).expect("dev URI");
        // A 33-byte compressed key, and a 32-byte account id that differs from it.
        assert_eq!(info.public.public_key.len(), 2 + 66);
        assert_eq!(info.public.account_id.len(), 2 + 64);
        assert!(!info
            .public
            .public_key
            .contains(&info.public.account_id[2..]));
    }

    #[test]
    fn public_keys_keep_their_network_unless_overridden() {
        let polkadot_alice = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5";
        let mut args = format(Scheme::Sr25519, OutputType::Text);
        let report = public_report(polkadot_alice, &args).expect("polkadot address");
        assert_eq!(report.network_id, "polkadot");
        assert_eq!(report.public.ss58_address, polkadot_alice);
        args.network = Some(42u16.into());
        let report = public_report(polkadot_alice, &args).expect("polkadot address");
        assert_eq!(report.public.ss58_address, ALICE);
        let hex = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
        let report =
            public_report(hex, &format(Scheme::Sr25519, OutputType::Text)).expect("hex public");
        assert_eq!(report.public.ss58_address, ALICE);
        assert!(public_report("0xd435", &args).is_none());
        assert!(public_report("nonsense", &args).is_none());
    }
}
