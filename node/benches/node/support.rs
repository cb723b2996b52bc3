//! What the node's benches share: their settings from the environment, the development
//! genesis, executing a block with the runtime linked natively (the baseline the node's
//! wasm execution is compared with), and timing `taonet import-blocks`.

use std::path::Path;
use std::process::Command;

use codec::{Decode, Encode};
use sp_core::storage::Storage;
use sp_state_machine::{Ext, OverlayedChanges};
use taonet_node::chain_spec::ChainSpec;
use taonet_node::executor::{Changes, MemoryState};
use taonet_runtime::{Block, Executive, VERSION};

/// A setting from the environment (a number, for every bench), else `default`.
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The development chain's genesis storage, the runtime's wasm at `:code`.
pub fn genesis() -> Storage {
    ChainSpec::development()
        .and_then(|spec| spec.build_storage())
        .expect("development genesis")
}

/// Executes `block` on `state` with the runtime linked into the bench
/// (`Executive::execute_block`), as the node once did.
pub fn execute_natively(state: &MemoryState, block: &Block) -> Changes {
    let mut overlay = OverlayedChanges::default();
    {
        let mut ext = Ext::new(&mut overlay, state, None);
        let encoded = block.encode();
        let lazy = <Block as sp_runtime::traits::Block>::LazyBlock::decode(&mut &encoded[..])
            .expect("block");
        sp_externalities::set_and_run_with_externalities(&mut ext, || {
            Executive::execute_block(lazy)
        });
    }
    overlay
        .drain_storage_changes(state, VERSION.state_version())
        .expect("changes")
}

/// Runs the release `taonet` with `args`, which must succeed; returns its standard output.
pub fn taonet(args: &[&std::ffi::OsStr]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_taonet"))
        .args(args)
        .output()
        .expect("taonet runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `taonet import-blocks` of chain `chain` (a name or a spec file) on `file` into a
/// fresh base path `base`; returns the seconds the import itself took, as the command
/// reports them (process start and genesis excluded).
pub fn import_with_binary(chain: impl AsRef<std::ffi::OsStr>, file: &Path, base: &Path) -> f64 {
    let summary = taonet(&[
        "import-blocks".as_ref(),
        "--binary".as_ref(),
        "--chain".as_ref(),
        chain.as_ref(),
        "--base-path".as_ref(),
        base.as_os_str(),
        file.as_os_str(),
    ]);
    summary
        .split(" in ")
        .nth(1)
        .and_then(|rest| rest.split(" s:").next())
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or_else(|| panic!("unexpected import-blocks output: {summary}"))
}
