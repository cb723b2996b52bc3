//! `taonet benchmark pallet` on the real `runtime-benchmarks` blob: it lists every benchmark
//! of our pallets, and each pallet's committed `weights.rs` declares exactly those, with the
//! same components; a short run on the database-backed state counts what a call reads and
//! writes and writes a weights file; a runtime without the `Benchmark` API is refused.

use crate::support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Our pallets and where their weights live, relative to the workspace.
const PALLETS: [(&str, &str); 3] = [
    ("pallet_subtensor", "pallets/subtensor/src/weights.rs"),
    ("pallet_admin_utils", "pallets/admin-utils/src/weights.rs"),
    ("pallet_commitments", "pallets/commitments/src/weights.rs"),
];

/// Benchmark (or weight function) names with their component names, per pallet.
type Declared = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn write_blob(dir: &Path, name: &str, code: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, code).expect("write the blob");
    path
}

fn benchmarking_blob(dir: &Path) -> PathBuf {
    write_blob(
        dir,
        "benchmarks.wasm",
        taonet_runtime::benchmarks_blob::WASM_BINARY.expect("the benchmarking runtime was built"),
    )
}

/// `taonet benchmark pallet` with `args`: success, stdout and stderr.
fn benchmark(args: &[&str]) -> (bool, String, String) {
    let out = support::taonet()
        .args(["benchmark", "pallet"])
        .args(args)
        .output()
        .expect("taonet runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The weight functions a `weights.rs` declares in its `WeightInfo` trait.
fn declared_in(file: &str) -> BTreeMap<String, Vec<String>> {
    let trait_body = file
        .split("pub trait WeightInfo {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("a WeightInfo trait");
    trait_body
        .lines()
        .filter_map(|line| line.trim().strip_prefix("fn "))
        .map(|signature| {
            let (name, rest) = signature.split_once('(').expect("a parameter list");
            let params = rest.split_once(')').expect("closed").0;
            let names = params
                .split(',')
                .filter_map(|p| p.split_once(':'))
                .map(|(name, _)| name.trim().to_owned())
                .collect();
            (name.to_owned(), names)
        })
        .collect()
}

#[test]
fn every_benchmark_has_its_weight_function_and_no_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blob = benchmarking_blob(dir.path());
    let (ok, out, err) = benchmark(&["--runtime", blob.to_str().expect("utf-8"), "--list"]);
    assert!(ok, "--list fails: {err}");
    let mut listed = Declared::new();
    for line in out.lines().skip(1) {
        let mut fields = line.splitn(3, ", ");
        let (pallet, name, components) = (
            fields.next().expect("pallet"),
            fields.next().expect("benchmark"),
            fields.next().unwrap_or_default(),
        );
        let components = components
            .split_whitespace()
            .filter_map(|c| c.strip_suffix(':'))
            .map(str::to_owned)
            .collect();
        listed
            .entry(pallet.to_owned())
            .or_default()
            .insert(name.to_owned(), components);
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (pallet, file) in PALLETS {
        let text = std::fs::read_to_string(workspace.join(file)).expect("weights.rs");
        assert_eq!(
            listed.get(pallet),
            Some(&declared_in(&text)),
            "{file} must declare exactly the benchmarks of {pallet} (regenerate it)"
        );
    }
}

#[test]
fn a_short_run_counts_storage_and_writes_a_weights_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blob = benchmarking_blob(dir.path());
    let output = dir.path().join("weights.rs");
    let (ok, out, err) = benchmark(&[
        "--runtime",
        blob.to_str().expect("utf-8"),
        "--pallet",
        "pallet_subtensor",
        "--extrinsic",
        "add_stake",
        "--steps",
        "2",
        "--repeat",
        "2",
        "--output",
        output.to_str().expect("utf-8"),
    ]);
    assert!(ok, "the run fails: {err}");
    let line = out
        .lines()
        .find(|l| l.starts_with("pallet_subtensor, add_stake, "))
        .unwrap_or_else(|| panic!("no summary of add_stake in {out}"));
    let fields: Vec<&str> = line.split(", ").collect();
    let reads: u32 = fields[4].parse().expect("reads");
    let writes: u32 = fields[5].parse().expect("writes");
    // Staking reads the stake maps, the subnet and the coldkey's account, and writes the
    // stake and the balance: counted on the database-backed state, not guessed.
    assert!(reads >= 3 && writes >= 2, "{line}");
    let text = std::fs::read_to_string(&output).expect("the weights file");
    assert!(text.contains("pub trait WeightInfo {"), "{text}");
    assert!(text.contains("    fn add_stake() -> Weight;"), "{text}");
    assert!(text.contains("let db = T::DbWeight::get();"), "{text}");
}

#[test]
fn a_runtime_without_the_benchmark_api_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blob = write_blob(
        dir.path(),
        "chain.wasm",
        taonet_runtime::WASM_BINARY.expect("wasm"),
    );
    let (ok, _, err) = benchmark(&["--runtime", blob.to_str().expect("utf-8"), "--list"]);
    assert!(!ok);
    assert!(err.contains("the runtime has no Benchmark API"), "{err}");
}
