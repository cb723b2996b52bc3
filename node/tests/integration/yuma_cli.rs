//! `taonet yuma epoch` as a user runs it: the real binary, JSON in, JSON out.

use std::io::Write;
use std::process::{Output, Stdio};

use serde_json::{json, Value};

/// Runs `taonet yuma epoch` with `args`, feeding `stdin`.
fn taonet(args: &[&str], stdin: &str) -> Output {
    let mut child = crate::support::taonet()
        .args(["yuma", "epoch"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("taonet starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("input written");
    child.wait_with_output().expect("taonet exits")
}

fn run_ok(input: &Value) -> Value {
    let out = taonet(&[], &input.to_string());
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object on stdout")
}

/// Two validators (1 TAO each, permitted) and two miners. Validator 0 splits its weight
/// evenly over the miners, validator 1 puts all on miner 2. Column 2 gets scores {½, 1} and
/// column 3 {½, 0} at equal stake, so consensus is 1 and ½ (κ < ½ picks the higher score);
/// nothing is clipped, ranks are ¾ and ¼, and every validator's bond return is equal.
fn two_validators() -> Value {
    json!({
        "n": 4,
        "stake": [1_000_000_000u64, 1_000_000_000u64, 0, 0],
        "weights": [[[2, 65535], [3, 65535]], [[2, 65535]], [], []],
        "last_update": [10, 10, 0, 0],
        "block_at_registration": [0, 0, 1, 1],
        "validator_permit": [true, true, false, false],
        "current_block": 20,
        "yuma3": true
    })
}

#[test]
fn replays_an_epoch_with_exact_numbers() {
    let out = run_ok(&two_validators());
    assert_eq!(out["consensus_u16"], json!([0, 0, 65535, 32767]));
    assert_eq!(out["incentive_u16"], json!([0, 0, 49151, 16383]));
    assert_eq!(out["dividends_u16"], json!([32767, 32767, 0, 0]));
    assert_eq!(out["stake_weight_u16"], json!([32767, 32767, 0, 0]));
    assert_eq!(
        out["server_emission"],
        json!([0, 0, 375_000_000, 125_000_000])
    );
    assert_eq!(
        out["validator_emission"],
        json!([250_000_000, 250_000_000, 0, 0])
    );
    assert_eq!(
        out["emission"],
        json!([250_000_000, 250_000_000, 375_000_000, 125_000_000])
    );
    assert_eq!(
        out["new_validator_permit"],
        json!([true, true, false, false])
    );
    // Yuma 3 stores α·W̄ with α = 0.1 (raw 429 496 730): 0.05 → 3276, 0.1 → 6553.
    assert_eq!(
        out["bonds"],
        json!([[[2, 3276], [3, 3276]], [[2, 6553]], [], []])
    );
    // Fixed-point values print exactly.
    assert_eq!(out["incentive"][2].to_string(), "0.75");
    assert_eq!(out["consensus"][3].to_string(), "0.5");
}

#[test]
fn reads_a_file_or_standard_input_alike() {
    let input = two_validators();
    let dir = std::env::temp_dir().join(format!("taonet-yuma-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("epoch.json");
    std::fs::write(&path, input.to_string()).expect("input file");
    let from_file = taonet(&["--input", path.to_str().expect("utf-8 path")], "");
    let from_stdin = taonet(&[], &input.to_string());
    std::fs::remove_dir_all(&dir).ok();
    assert!(from_file.status.success());
    assert_eq!(from_file.stdout, from_stdin.stdout);
}

#[test]
fn top_level_hyperparameters_override_nested_ones() {
    let mut input = two_validators();
    input.as_object_mut().expect("object").remove("yuma3");
    input["hyperparameters"] = json!({"yuma3": false, "kappa": 0});
    input["kappa"] = json!(32767);
    let yuma2 = run_ok(&input);
    // Still κ = 32767 (top level wins) but Yuma 2 (from the nested object): bonds are
    // column-max-upscaled, so each column's largest bond is 65535, and validator 0 holds
    // half of validator 1's bond on miner 2.
    assert_eq!(yuma2["consensus_u16"], json!([0, 0, 65535, 32767]));
    assert_eq!(yuma2["bonds"][1], json!([[2, 65535]]));
    assert_eq!(yuma2["bonds"][0][1], json!([3, 65535]));
    let half = yuma2["bonds"][0][0][1].as_u64().expect("a bond");
    assert!((32_766..=32_767).contains(&half), "{half}");
}

#[test]
fn dense_weights_and_variant_agree_with_sparse() {
    let sparse = run_ok(&two_validators());
    let mut input = two_validators();
    input.as_object_mut().expect("object").remove("weights");
    input["weights_dense"] = json!([
        [0, 0, 65535, 65535],
        [0, 0, 65535, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0]
    ]);
    input["variant"] = json!("dense");
    let dense = run_ok(&input);
    for key in [
        "consensus",
        "incentive",
        "dividends",
        "server_emission",
        "validator_emission",
        "emission",
    ] {
        assert_eq!(sparse[key], dense[key], "{key}");
    }
    // The dense variant stores full rows for new permits and leaves the others alone.
    assert_eq!(
        dense["bonds"][0],
        json!([[0, 0], [1, 0], [2, 3276], [3, 3276]])
    );
    assert_eq!(dense["bonds"][2], json!([]));
}

#[test]
fn extreme_but_valid_input_runs() {
    let mut input = two_validators();
    input["stake"] = json!([u64::MAX, u64::MAX, u64::MAX, 0]);
    input["rao_emission"] = json!(u64::MAX);
    assert_eq!(run_ok(&input)["emission"].as_array().map(Vec::len), Some(4));
    let empty = json!({"n": 0, "stake": [], "weights": [], "last_update": [],
        "block_at_registration": [], "validator_permit": [], "current_block": 0});
    assert_eq!(run_ok(&empty)["bonds"], json!([]));
}

#[test]
fn bad_input_is_one_line_naming_the_field() {
    let with = |key: &str, value: Value| {
        let mut input = two_validators();
        input[key] = value;
        input.to_string()
    };
    let without = |key: &str| {
        let mut input = two_validators();
        input.as_object_mut().expect("object").remove(key);
        input.to_string()
    };
    let cases = [
        ("{\"n\": 4,".to_owned(), "malformed JSON"),
        ("[1, 2]".to_owned(), "expected a JSON object"),
        (with("stake", json!([1, "x", 0, 0])), "stake[1]"),
        (
            with("stake", json!([1, 2])),
            "stake: expected n = 4 entries, got 2",
        ),
        (
            with("last_update", json!([1])),
            "last_update: expected 4 entries",
        ),
        (
            with("variant", json!("fast")),
            "variant: unknown variant `fast`",
        ),
        (
            with("weights", json!([[[2, 1], [2, 5]], [], [], []])),
            "weights[0]: uid 2 appears more than once",
        ),
        (
            with("weights", json!([[[2, 70000]], [], [], []])),
            "weights[0][0][1]",
        ),
        (with("bonds", json!([[[1]], [], [], []])), "bonds[0][0]"),
        (with("weights_dense", json!([[0, 1]])), "weights_dense"),
        (
            with("hyperparameters", json!(3)),
            "hyperparameters: expected an object",
        ),
        (
            with("hyperparameters", json!({"kapa": 1})),
            "hyperparameters.kapa",
        ),
        (with("kappa", json!(-1)), "kappa"),
        (
            with("commit_block", json!([null, 3])),
            "commit_block: expected 4 entries",
        ),
        (without("current_block"), "missing field `current_block`"),
        (without("weights"), "weights: missing"),
    ];
    for (input, expected) in cases {
        let out = taonet(&[], &input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "accepted: {input}");
        assert!(out.stdout.is_empty(), "printed output for: {input}");
        assert_eq!(stderr.lines().count(), 1, "not one line: {stderr}");
        assert!(
            stderr.contains(expected),
            "{input}\n  gave: {stderr}  expected: {expected}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_missing_file_is_reported() {
    let out = taonet(&["--input", "/nonexistent/epoch.json"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/epoch.json"));
}
