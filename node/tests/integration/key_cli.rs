//! `taonet key …` as a user runs it: accounts generated and inspected like subkey does,
//! keys inserted into the keystore in Substrate's file format, node keys and their
//! PeerIds, and clean one-line failures on bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde_json::Value;

const ALICE_SR25519: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const ALICE_SR25519_HEX: &str = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
const ALICE_ED25519: &str = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu";

/// Runs `taonet` with `args`, feeding `stdin` if given.
fn taonet_with_input(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = crate::support::taonet()
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("taonet runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(input).expect("write stdin");
    }
    child.wait_with_output().expect("taonet finishes")
}

/// Runs `taonet` with `args` and no input.
fn taonet(args: &[&str]) -> Output {
    taonet_with_input(args, None)
}

/// Standard output of a successful run.
fn stdout_of(args: &[&str]) -> String {
    let out = taonet(args);
    assert!(
        out.status.success(),
        "taonet {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The JSON a successful run prints.
fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).expect("JSON output")
}

/// The one `error: ` line a failed run writes (exit code 1, no panic, nothing on stdout).
fn one_line_error(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "a clean failure");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty());
    lines[0].to_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taonet-key-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn alice_is_who_subkey_says() {
    let text = stdout_of(&["key", "inspect", "//Alice"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Secret Key URI `//Alice` is account:");
    assert_eq!(lines[1], "  Network ID:        substrate");
    assert_eq!(
        lines[2],
        "  Secret seed:       0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a"
    );
    assert_eq!(
        lines[3],
        format!("  Public key (hex):  0x{ALICE_SR25519_HEX}")
    );
    assert_eq!(
        lines[4],
        format!("  Account ID:        0x{ALICE_SR25519_HEX}")
    );
    assert_eq!(lines[5], format!("  Public key (SS58): {ALICE_SR25519}"));
    assert_eq!(lines[6], format!("  SS58 Address:      {ALICE_SR25519}"));

    let json = json_of(&["key", "inspect", "//Alice", "--output-type", "json"]);
    assert_eq!(json["ss58Address"], ALICE_SR25519);
    assert_eq!(json["ss58PublicKey"], ALICE_SR25519);
    assert_eq!(json["secretPhrase"], "//Alice");
    assert_eq!(json["networkId"], "substrate");
    assert_eq!(json["accountId"], format!("0x{ALICE_SR25519_HEX}"));

    // Another network, by name or number.
    let polkadot = json_of(&[
        "key",
        "inspect",
        "//Alice",
        "--network",
        "polkadot",
        "--output-type",
        "json",
    ]);
    let zero = json_of(&[
        "key",
        "inspect",
        "//Alice",
        "--network",
        "0",
        "--output-type",
        "json",
    ]);
    assert_eq!(polkadot["ss58Address"], zero["ss58Address"]);
    assert_ne!(polkadot["ss58Address"], ALICE_SR25519);
    assert_eq!(polkadot["publicKey"], json["publicKey"]);
}

#[test]
fn schemes_give_different_keys() {
    let sr = json_of(&["key", "inspect", "//Alice", "--output-type", "json"]);
    let ed = json_of(&[
        "key",
        "inspect",
        "//Alice",
        "--scheme",
        "ed25519",
        "--output-type",
        "json",
    ]);
    let ecdsa = json_of(&[
        "key",
        "inspect",
        "//Alice",
        "--scheme",
        "ecdsa",
        "--output-type",
        "json",
    ]);
    assert_eq!(ed["ss58Address"], ALICE_ED25519);
    assert_ne!(sr["publicKey"], ed["publicKey"]);
    // ecdsa: a 33-byte public key, and an account id that is its hash.
    assert_eq!(ecdsa["publicKey"].as_str().map(str::len), Some(2 + 66));
    assert_ne!(ecdsa["accountId"], ecdsa["publicKey"]);
}

#[test]
fn generated_phrases_inspect_to_the_same_account() {
    for (scheme, words) in [("sr25519", "12"), ("ed25519", "24"), ("sr25519", "15")] {
        let generated = json_of(&[
            "key",
            "generate",
            "--scheme",
            scheme,
            "--words",
            words,
            "--output-type",
            "json",
        ]);
        let phrase = generated["secretPhrase"].as_str().expect("phrase");
        assert_eq!(phrase.split(' ').count().to_string(), words);
        let inspected = json_of(&[
            "key",
            "inspect",
            phrase,
            "--scheme",
            scheme,
            "--output-type",
            "json",
        ]);
        for field in [
            "ss58Address",
            "publicKey",
            "accountId",
            "secretSeed",
            "ss58PublicKey",
        ] {
            assert_eq!(generated[field], inspected[field], "{field}");
        }
        // The text form leads with the phrase.
        let text = stdout_of(&["key", "inspect", phrase, "--scheme", scheme]);
        assert_eq!(
            text.lines().next(),
            Some(format!("Secret phrase:       {phrase}").as_str())
        );
        // A derivation path gives another account.
        let derived = json_of(&[
            "key",
            "inspect",
            &format!("{phrase}//stash"),
            "--scheme",
            scheme,
            "--output-type",
            "json",
        ]);
        assert_ne!(derived["ss58Address"], generated["ss58Address"]);
    }
    // Two runs give two keys.
    let a = json_of(&["key", "generate", "--output-type", "json"]);
    let b = json_of(&["key", "generate", "--output-type", "json"]);
    assert_ne!(a["secretPhrase"], b["secretPhrase"]);
    // Text output carries subkey's labels.
    let text = stdout_of(&["key", "generate"]);
    for label in [
        "Secret phrase:",
        "Network ID:",
        "Secret seed:",
        "Public key (hex):",
        "Account ID:",
        "Public key (SS58):",
        "SS58 Address:",
    ] {
        assert!(text.contains(label), "{label} missing from {text}");
    }
}

#[test]
fn public_keys_inspect_from_hex_or_ss58() {
    let by_address = json_of(&[
        "key",
        "inspect",
        "--public",
        ALICE_SR25519,
        "--output-type",
        "json",
    ]);
    assert_eq!(by_address["publicKey"], format!("0x{ALICE_SR25519_HEX}"));
    let by_hex = json_of(&[
        "key",
        "inspect",
        "--public",
        &format!("0x{ALICE_SR25519_HEX}"),
        "--output-type",
        "json",
    ]);
    assert_eq!(by_hex["ss58Address"], ALICE_SR25519);
    let text = stdout_of(&["key", "inspect", "--public", ALICE_SR25519]);
    assert_eq!(text.lines().next(), Some("Network ID/Version: substrate"));
    // URI from standard input.
    let out = taonet_with_input(
        &["key", "inspect", "--output-type", "json"],
        Some(b"//Alice\n"),
    );
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["ss58Address"], ALICE_SR25519);
}

#[test]
fn insert_writes_substrates_keystore_file() {
    let base = scratch("insert");
    let keystore = base.join("chains/local_testnet/keystore");
    let out = taonet(&[
        "key",
        "insert",
        "--base-path",
        utf8(&base),
        "--chain",
        "local",
        "--key-type",
        "aura",
        "--scheme",
        "sr25519",
        "--suri",
        "//Alice",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let aura_file = keystore.join(format!("61757261{ALICE_SR25519_HEX}"));
    assert_eq!(
        std::fs::read_to_string(&aura_file).expect("aura key"),
        "\"//Alice\""
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&aura_file)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // A GRANDPA key, its secret on standard input, with -d.
    let out = taonet_with_input(
        &[
            "key",
            "insert",
            "-d",
            utf8(&base),
            "--chain",
            "local",
            "--key-type",
            "gran",
            "--scheme",
            "ed25519",
        ],
        Some(b"//Alice\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ed_hex = json_of(&[
        "key",
        "inspect",
        "//Alice",
        "--scheme",
        "ed25519",
        "--output-type",
        "json",
    ])["publicKey"]
        .as_str()
        .expect("hex")
        .trim_start_matches("0x")
        .to_owned();
    let gran_file = keystore.join(format!("6772616e{ed_hex}"));
    assert_eq!(
        std::fs::read_to_string(&gran_file).expect("gran key"),
        "\"//Alice\""
    );

    // The node's keystore finds both.
    let store = taonet_node::keystore::Keystore::open(&keystore).expect("open");
    let aura = sp_core::crypto::key_types::AURA;
    let gran = sp_core::crypto::key_types::GRANDPA;
    assert_eq!(store.sr25519_pairs(aura).len(), 1);
    assert_eq!(store.ed25519_pairs(gran).len(), 1);

    // The dev chain keeps its own keystore; an explicit --keystore-path wins.
    let elsewhere = base.join("elsewhere");
    assert!(taonet(&[
        "key",
        "insert",
        "--keystore-path",
        utf8(&elsewhere),
        "--key-type",
        "aura",
        "--scheme",
        "sr25519",
        "--suri",
        "//Bob",
    ])
    .status
    .success());
    assert_eq!(std::fs::read_dir(&elsewhere).expect("dir").count(), 1);
    assert!(!base.join("chains/dev").exists());
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn insert_refuses_bad_keys_without_echoing_secrets() {
    let base = scratch("insert-bad");
    let secret = "bottom drive obey lake curtain smoke basket hold race lonely fit walks";
    // Not a phrase (one word changed).
    let typo = secret.replace("walks", "walkz");
    let line = one_line_error(&taonet(&[
        "key",
        "insert",
        "-d",
        utf8(&base),
        "--key-type",
        "aura",
        "--scheme",
        "sr25519",
        "--suri",
        &typo,
    ]));
    assert!(!line.contains("walkz"), "{line}");
    // Aura keys are sr25519: an ed25519 key is refused.
    let line = one_line_error(&taonet(&[
        "key",
        "insert",
        "-d",
        utf8(&base),
        "--key-type",
        "aura",
        "--scheme",
        "ed25519",
        "--suri",
        "//Alice",
    ]));
    assert!(line.contains("sr25519"), "{line}");
    let keystore = base.join("chains/local_testnet/keystore");
    assert!(!keystore.exists() || std::fs::read_dir(&keystore).expect("dir").count() == 0);
    // A chain spec that does not exist.
    one_line_error(&taonet(&[
        "key",
        "insert",
        "-d",
        utf8(&base),
        "--chain",
        utf8(&base.join("nope.json")),
        "--key-type",
        "aura",
        "--scheme",
        "sr25519",
        "--suri",
        "//Alice",
    ]));
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn node_keys_and_peer_ids_agree() {
    let dir = scratch("node-key");
    for bin in [false, true] {
        let file = dir.join(if bin { "key.bin" } else { "key.hex" });
        let mut args = vec!["key", "generate-node-key", "--file", utf8(&file)];
        if bin {
            args.push("--bin");
        }
        let out = taonet(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        let peer_id = String::from_utf8(out.stderr)
            .expect("utf-8")
            .trim()
            .to_owned();
        assert!(peer_id.starts_with("12D3KooW"), "{peer_id}");
        let contents = std::fs::read(&file).expect("key file");
        assert_eq!(contents.len(), if bin { 32 } else { 64 });

        let mut args = vec!["key", "inspect-node-key", "--file", utf8(&file)];
        if bin {
            args.push("--bin");
        }
        let inspected = stdout_of(&args);
        assert_eq!(inspected.lines().last(), Some(peer_id.as_str()));

        // A key is never overwritten.
        let line = one_line_error(&taonet(&[
            "key",
            "generate-node-key",
            "--file",
            utf8(&file),
        ]));
        assert!(line.contains("already exists"), "{line}");
        assert_eq!(std::fs::read(&file).expect("key file"), contents);
    }

    // Printed to stdout as hex, inspected from stdin.
    let out = taonet(&["key", "generate-node-key"]);
    assert!(out.status.success());
    let secret = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(secret.trim().len(), 64);
    let peer_id = String::from_utf8(out.stderr)
        .expect("utf-8")
        .trim()
        .to_owned();
    let out = taonet_with_input(&["key", "inspect-node-key"], Some(secret.as_bytes()));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), peer_id);

    // Into the chain's network directory, where the node reads it.
    let out = taonet(&[
        "key",
        "generate-node-key",
        "--base-path",
        utf8(&dir),
        "--chain",
        "local",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = dir.join("chains/local_testnet/network/secret_ed25519");
    let peer_id = String::from_utf8(out.stderr)
        .expect("utf-8")
        .trim()
        .to_owned();
    assert_eq!(
        stdout_of(&["key", "inspect-node-key", "--file", utf8(&file)]).trim(),
        peer_id
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_inputs_fail_cleanly() {
    let dir = scratch("bad");
    let junk = dir.join("junk.key");
    std::fs::write(&junk, "this is not a key").expect("write");
    let line = one_line_error(&taonet(&["key", "inspect-node-key", "--file", utf8(&junk)]));
    assert!(line.contains("junk.key"), "{line}");
    let line = one_line_error(&taonet(&[
        "key",
        "inspect-node-key",
        "--file",
        utf8(&junk),
        "--bin",
    ]));
    assert!(
        line.contains("junk.key") && line.contains("bytes"),
        "{line}"
    );
    let missing = dir.join("missing.key");
    let line = one_line_error(&taonet(&[
        "key",
        "inspect-node-key",
        "--file",
        utf8(&missing),
    ]));
    assert!(line.contains("missing.key"), "{line}");

    one_line_error(&taonet(&["key", "inspect", "not a valid uri"]));
    let line = one_line_error(&taonet(&["key", "inspect", "--public", "0x1234"]));
    assert!(line.contains("0x1234"), "{line}");
    // Empty standard input.
    one_line_error(&taonet_with_input(&["key", "inspect"], Some(b"")));

    // Argument errors are clap's (exit 2), not panics.
    for args in [
        &["key", "generate", "--words", "13"][..],
        &["key", "generate", "--scheme", "rsa"],
        &["key", "generate", "--network", "nowhere"],
        &[
            "key",
            "insert",
            "--key-type",
            "toolong",
            "--scheme",
            "sr25519",
            "--suri",
            "//Alice",
        ],
    ] {
        let out = taonet(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
