//! `taonet emission schedule` as a user runs it.

use serde_json::Value;

fn schedule(args: &[&str]) -> String {
    let out = crate::support::taonet()
        .args(["emission", "schedule"])
        .args(args)
        .output()
        .expect("taonet runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn json_schedule_halves_at_half_the_remaining_supply() {
    let rows: Vec<Value> = serde_json::from_str(&schedule(&["--json"])).expect("a JSON array");
    let at = |i: usize, key: &str| rows[i][key].clone();
    assert_eq!(
        (at(0, "first_block"), at(0, "issuance_rao")),
        (1.into(), 0.into())
    );
    assert_eq!(
        (at(0, "rao_per_block"), at(0, "tao_per_day")),
        (1_000_000_000u64.into(), "7200".into())
    );
    // Era 1 begins after exactly 10.5 M blocks of 1 TAO, at 10.5 M TAO issued.
    assert_eq!(at(1, "first_block"), 10_500_001u64);
    assert_eq!(at(1, "issuance_rao"), 10_500_000_000_000_000u64);
    assert_eq!(
        (at(1, "rao_per_block"), at(1, "tao_per_day")),
        (500_000_000u64.into(), "3600".into())
    );
    assert_eq!(at(2, "issuance_rao"), 15_750_000_000_000_000u64);
    assert_eq!(at(3, "issuance_rao"), 18_375_000_000_000_000u64);
    // Issuance only grows, stays below the cap, and emission ends at 0.
    let issuance: Vec<u64> = rows
        .iter()
        .map(|r| r["issuance_rao"].as_u64().expect("rao"))
        .collect();
    assert!(issuance.windows(2).all(|w| w[0] < w[1]));
    assert!(issuance.iter().all(|&i| i < 21_000_000_000_000_000));
    assert_eq!(rows.last().expect("rows")["rao_per_block"], 0);
}

#[test]
fn table_has_one_line_per_era() {
    let text = schedule(&[]);
    let json: Vec<Value> = serde_json::from_str(&schedule(&["--json"])).expect("a JSON array");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("first block") && lines[0].contains("TAO/day"));
    assert_eq!(lines.len(), json.len() + 1);
    let era2: Vec<&str> = lines[3].split_whitespace().collect();
    assert_eq!(era2, ["2", "21000001", "15750000", "250000000", "1800"]);
}
