//! Maintenance commands on a real node's database: export and re-import the chain (JSON
//! and binary) into a fresh database with the same result, check a block, revert, purge,
//! and refuse a corrupt export cleanly.

use crate::support;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use support::{best_number, fast_spec, wait_for, Node};

fn taonet(args: &[&str]) -> Output {
    support::taonet().args(args).output().expect("taonet runs")
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[tokio::test(flavor = "multi_thread")]
async fn export_import_check_revert_and_purge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = fast_spec(dir.path(), "dev", 1000);
    let base = dir.path().join("base");
    let node = Node::start(&[
        "--chain",
        path(&spec),
        "--alice",
        "--base-path",
        path(&base),
    ]);
    let client = node.client();
    wait_for(Duration::from_secs(60), "block 5", || async {
        best_number(&client).await >= 5
    })
    .await;
    assert!(node.terminate());

    let chain = ["--chain", path(&spec)];
    let json = dir.path().join("blocks.json");
    let binary = dir.path().join("blocks.bin");
    ok(&taonet(
        &[
            &["export-blocks", path(&json), "--base-path", path(&base)],
            &chain[..],
        ]
        .concat(),
    ));
    ok(&taonet(
        &[
            &[
                "export-blocks",
                path(&binary),
                "--binary",
                "--base-path",
                path(&base),
            ],
            &chain[..],
        ]
        .concat(),
    ));

    let head = |base: &Path| {
        let export = ok(&taonet(
            &[
                &["export-blocks", "--from", "0", "--base-path", path(base)],
                &chain[..],
            ]
            .concat(),
        ));
        export.lines().last().expect("a block").to_owned()
    };
    let original = head(&base);
    for (file, flags) in [(&json, &[][..]), (&binary, &["--binary"][..])] {
        let fresh = tempfile::tempdir().expect("tempdir");
        let summary = ok(&taonet(
            &[
                &[
                    "import-blocks",
                    path(file),
                    "--base-path",
                    path(fresh.path()),
                ][..],
                flags,
                &chain[..],
            ]
            .concat(),
        ));
        assert!(summary.starts_with("imported "), "{summary}");
        assert_eq!(head(fresh.path()), original, "same chain after import");
        // Importing again finds every block known.
        let again = ok(&taonet(
            &[
                &[
                    "import-blocks",
                    path(file),
                    "--base-path",
                    path(fresh.path()),
                ][..],
                flags,
                &chain[..],
            ]
            .concat(),
        ));
        assert!(again.starts_with("imported 0 blocks"), "{again}");
    }

    // A truncated binary export imports what it holds, then fails with a clear error.
    let bytes = std::fs::read(&binary).expect("read");
    let truncated = dir.path().join("truncated.bin");
    std::fs::write(&truncated, &bytes[..bytes.len() - 10]).expect("write");
    let fresh = tempfile::tempdir().expect("tempdir");
    let output = taonet(
        &[
            &[
                "import-blocks",
                path(&truncated),
                "--binary",
                "--base-path",
                path(fresh.path()),
            ][..],
            &chain[..],
        ]
        .concat(),
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: block "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let checked = ok(&taonet(
        &[
            &["check-block", "3", "--base-path", path(&base)],
            &chain[..],
        ]
        .concat(),
    ));
    assert!(checked.contains("is valid"), "{checked}");
    let missing = taonet(
        &[
            &["check-block", "9999", "--base-path", path(&base)],
            &chain[..],
        ]
        .concat(),
    );
    assert!(!missing.status.success());

    let reverted = ok(&taonet(
        &[&["revert", "2", "--base-path", path(&base)], &chain[..]].concat(),
    ));
    // The dev chain's finality trails its best block by one: only that block goes.
    assert!(
        reverted.starts_with("reverted 1 blocks (finalized blocks are never reverted)"),
        "{reverted}"
    );
    let node = Node::start(&[
        "--chain",
        path(&spec),
        "--alice",
        "--base-path",
        path(&base),
    ]);
    let client = node.client();
    let best = best_number(&client).await;
    drop(node);
    assert!(best >= 3, "the node resumes from the reverted best block");

    ok(&taonet(
        &[
            &["purge-chain", "-y", "--base-path", path(&base)],
            &chain[..],
        ]
        .concat(),
    ));
    let gone = taonet(
        &[
            &["check-block", "1", "--base-path", path(&base)],
            &chain[..],
        ]
        .concat(),
    );
    assert!(String::from_utf8_lossy(&gone.stderr).contains("no database"));
}
