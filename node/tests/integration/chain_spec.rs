//! Chain specs as the `taonet` binary writes and reads them: the committed
//! `chain-specs/*.json` are what `build-spec` prints, they build the same genesis as the
//! built-in specs, raw specs round-trip, and bad files fail with one line.
//!
//! A wasm blob's bytes depend on the build (profile, toolchain, checkout path), so the
//! committed specs are compared without their `code`, which must be a taonet runtime of
//! the same `spec_version` as this node's. If the runtime's genesis or version changes on
//! purpose, regenerate the committed files from a release build with
//! `taonet export-chain-spec --chain dev > chain-specs/dev.json` (and `local`).

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use sp_core::storage::well_known_keys;
use sp_runtime::traits::BlakeTwo256;
use sp_state_machine::InMemoryBackend;
use taonet_node::chain_spec::{ChainSpec, BUILD_SPEC_DEPRECATION};
use taonet_node::executor::code_version;

/// Runs `taonet` with `args`.
fn taonet(args: &[&str]) -> Output {
    crate::support::taonet()
        .args(args)
        .output()
        .expect("taonet runs")
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

/// The committed spec file `name`.
fn committed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../chain-specs")
        .join(name)
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taonet-chain-spec-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The trie root of a spec's genesis storage without its code (the genesis header's state
/// root, but for the build-dependent blob).
fn genesis_root(spec: &ChainSpec) -> sp_core::H256 {
    let mut storage = spec.build_storage().expect("genesis builds");
    assert!(
        storage.top.remove(well_known_keys::CODE).is_some(),
        "`:code` is set"
    );
    let state: InMemoryBackend<BlakeTwo256> =
        (storage, taonet_runtime::VERSION.state_version()).into();
    *state.root()
}

/// A spec's JSON with its wasm taken out (from `runtimeGenesis.code` or the raw `:code`),
/// after checking that the wasm is a taonet runtime of this node's `spec_version`.
fn without_code(json: &[u8]) -> Value {
    let mut json: Value = serde_json::from_slice(json).expect("JSON");
    let code = match json["genesis"].get_mut("runtimeGenesis") {
        Some(runtime) => runtime["code"].take(),
        None => json["genesis"]["raw"]["top"]["0x3a636f6465"].take(),
    };
    let code = hex::decode(code.as_str().expect("hex code").trim_start_matches("0x")).expect("hex");
    let version = code_version(&code).expect("the code is a runtime");
    assert_eq!(version.spec_name, taonet_runtime::VERSION.spec_name);
    assert_eq!(
        version.spec_version,
        taonet_runtime::VERSION.spec_version,
        "the committed spec carries an older runtime: regenerate it"
    );
    json
}

/// The one line a failed run writes, checked to be an `error: ` line and not a panic.
fn one_line_error(args: &[&str]) -> String {
    let out = taonet(args);
    assert!(!out.status.success(), "taonet {args:?} succeeded");
    assert_eq!(out.status.code(), Some(1), "a clean failure, not a crash");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty());
    lines[0].to_owned()
}

#[test]
fn committed_specs_are_what_build_spec_prints() {
    for (chain, file) in [("dev", "dev.json"), ("local", "local.json")] {
        let expected = without_code(&std::fs::read(committed(file)).expect("committed spec"));
        let out = taonet(&["build-spec", "--chain", chain]);
        assert!(out.status.success());
        assert_eq!(
            without_code(&out.stdout),
            expected,
            "chain-specs/{file} is stale: regenerate it with `taonet build-spec --chain {chain}`"
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).trim_end(),
            BUILD_SPEC_DEPRECATION
        );
        // export-chain-spec prints the same, without the note.
        let out = taonet(&["export-chain-spec", "--chain", chain]);
        assert_eq!(without_code(&out.stdout), expected);
        assert!(out.stderr.is_empty());
    }
    // As for the node, no --chain is the local testnet and --dev the development chain.
    assert_eq!(
        without_code(stdout_of(&["export-chain-spec"]).as_bytes()),
        without_code(&std::fs::read(committed("local.json")).expect("committed spec"))
    );
    assert_eq!(
        without_code(stdout_of(&["export-chain-spec", "--dev"]).as_bytes()),
        without_code(&std::fs::read(committed("dev.json")).expect("committed spec"))
    );
}

#[test]
fn committed_specs_describe_the_built_in_chains() {
    for (chain, file, name, chain_type) in [
        ("dev", "dev.json", "Development", "Development"),
        ("local", "local.json", "Local Testnet", "Local"),
    ] {
        let path = committed(file);
        let json = without_code(&std::fs::read(&path).expect("file"));
        assert_eq!(json["name"], name);
        assert_eq!(json["chainType"], chain_type);
        assert!(json["genesis"]["runtimeGenesis"]["patch"].is_object());

        let from_file = ChainSpec::load(path.to_str().expect("utf-8 path")).expect("loads");
        let built_in = ChainSpec::load(chain).expect("built in");
        assert_eq!(from_file.id(), built_in.id());
        assert_eq!(genesis_root(&from_file), genesis_root(&built_in));
        // Re-exporting the file gives the file back.
        assert_eq!(
            stdout_of(&[
                "export-chain-spec",
                "--chain",
                path.to_str().expect("utf-8")
            ])
            .into_bytes(),
            std::fs::read(&path).expect("file")
        );
    }
    // The two chains really differ.
    assert_ne!(
        genesis_root(&ChainSpec::load("dev").expect("dev")),
        genesis_root(&ChainSpec::load("local").expect("local"))
    );
}

#[test]
fn raw_specs_load_to_the_same_genesis() {
    let dir = scratch("raw");
    for chain in ["dev", "local"] {
        let raw = stdout_of(&["build-spec", "--chain", chain, "--raw"]);
        let json: serde_json::Value = serde_json::from_str(&raw).expect("JSON");
        assert!(json["genesis"]["raw"]["top"].is_object());
        assert!(json["genesis"].get("runtimeGenesis").is_none());

        let path = dir.join(format!("{chain}-raw.json"));
        std::fs::write(&path, &raw).expect("write");
        let loaded = ChainSpec::load(path.to_str().expect("utf-8")).expect("raw spec loads");
        let built_in = ChainSpec::load(chain).expect("built in");
        // Built by the same binary: the same code, so exactly the same storage.
        assert_eq!(
            loaded.build_storage().expect("storage").top,
            built_in.build_storage().expect("storage").top
        );
        assert_eq!(genesis_root(&loaded), genesis_root(&built_in));
        assert_eq!(loaded.properties(), built_in.properties());
        // A raw spec exported raw again is unchanged.
        assert_eq!(
            stdout_of(&[
                "export-chain-spec",
                "--raw",
                "--chain",
                path.to_str().expect("utf-8")
            ]),
            raw
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_spec_files_fail_with_one_line() {
    let dir = scratch("bad");
    let malformed = dir.join("malformed.json");
    std::fs::write(&malformed, "{\"name\": \"x\", \"id\": ").expect("write");
    let line = one_line_error(&[
        "export-chain-spec",
        "--chain",
        malformed.to_str().expect("utf-8"),
    ]);
    assert!(line.contains("malformed.json"), "{line}");

    let missing = dir.join("missing.json");
    let line = one_line_error(&[
        "export-chain-spec",
        "--chain",
        missing.to_str().expect("utf-8"),
    ]);
    assert!(line.contains("missing.json"), "{line}");

    // Valid JSON whose genesis names a pallet the runtime does not have: the patch form
    // exports (it is only JSON), the raw form has to build the genesis and says why not.
    let mut spec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(committed("dev.json")).expect("file")).expect("JSON");
    spec["genesis"]["runtimeGenesis"]["patch"]["noSuchPallet"] = serde_json::json!({});
    let bad_genesis = dir.join("bad-genesis.json");
    std::fs::write(&bad_genesis, spec.to_string()).expect("write");
    let line = one_line_error(&[
        "export-chain-spec",
        "--raw",
        "--chain",
        bad_genesis.to_str().expect("utf-8"),
    ]);
    assert!(line.contains("noSuchPallet"), "{line}");
    let _ = std::fs::remove_dir_all(&dir);
}
