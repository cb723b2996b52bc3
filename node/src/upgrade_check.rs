//! `taonet check-upgrade --wasm FILE`: what a candidate runtime would do to the live chain,
//! checked on a stopped node's database before anyone proposes it by `set_code`, which
//! checks only the version. The candidate must instantiate with exactly the node's host
//! functions, keep the `spec_name` and raise the `spec_version`; then the block after the
//! best one is built as if the candidate were at `:code`, so its migrations run on a copy of
//! the live state. A `try-runtime` build of the candidate (`--features try-runtime`) is
//! checked further, as Substrate's try-runtime does: its migrations run with every
//! `pre_upgrade`/`post_upgrade` check and every pallet's `try_state`, must fit in a block,
//! and must change nothing when run again. The report names the storage each pallet's
//! migration changed and the weight block initialization took. Nothing is written.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use codec::Decode;
use frame_support::dispatch::PerDispatchClass;
use frame_support::traits::PalletsInfoAccess;
use frame_support::weights::Weight;
use sp_crypto_hashing::twox_128;
use sp_runtime::traits::Header as _;

use crate::chain::aura;
use crate::cli::CheckUpgradeArgs;
use crate::executor::{self, ExecutionError};
use crate::logging::LoggingError;
use crate::maintenance::{open, MaintenanceError};
use crate::runtime_blob::{self, BlobError};

/// Why a candidate runtime is refused.
#[derive(Debug, thiserror::Error)]
pub enum UpgradeCheckError {
    /// The chain could not be opened or read.
    #[error(transparent)]
    Maintenance(#[from] MaintenanceError),
    /// Logging could not start.
    #[error(transparent)]
    Logging(#[from] LoggingError),
    /// The file could not be read, or is too large.
    #[error(transparent)]
    Read(#[from] BlobError),
    /// The blob is not a runtime this node can run.
    #[error("the candidate does not run: {0}")]
    NotRunnable(ExecutionError),
    /// `set_code` would refuse it.
    #[error("set_code would refuse the candidate: {0}")]
    Refused(String),
    /// Its first block, with its migrations, fails.
    #[error("the candidate's first block fails: {0}")]
    FirstBlock(ExecutionError),
    /// A migration's check or a pallet's `try_state` fails.
    #[error("the candidate's try-runtime checks fail: {0}")]
    TryRuntime(ExecutionError),
    /// Its migrations weigh more than a block may.
    #[error("the candidate's migrations weigh {weight:?}, more than a block's {max_block:?}")]
    Overweight {
        /// What they weigh.
        weight: Weight,
        /// What a block may weigh.
        max_block: Weight,
    },
    /// Running its migrations twice changes the state twice.
    #[error("the candidate's migrations are not idempotent: a second run changes the state")]
    NotIdempotent,
}

/// The id of the `TryRuntime` runtime API, as `decl_runtime_apis!` derives it: the first
/// 8 bytes of the trait name's BLAKE2b hash.
fn try_runtime_api() -> sp_version::ApiId {
    sp_crypto_hashing::blake2_64(b"TryRuntime")
}

/// `taonet check-upgrade`: the report, or why the candidate must not be proposed.
pub fn check_upgrade_command(args: &CheckUpgradeArgs) -> Result<String, UpgradeCheckError> {
    crate::logging::init("warn", &args.log.log)?;
    let code = runtime_blob::read(&args.wasm)?;
    let candidate = executor::code_version(&code).map_err(UpgradeCheckError::NotRunnable)?;
    let client = open(&args.db, false)?;
    let best = client.info().best;
    let current = client
        .runtime_version(&best.hash)
        .map_err(MaintenanceError::from)?;
    if candidate.spec_name != current.spec_name {
        return Err(UpgradeCheckError::Refused(format!(
            "spec_name {} is not the chain's {}",
            candidate.spec_name, current.spec_name
        )));
    }
    if candidate.spec_version <= current.spec_version {
        return Err(UpgradeCheckError::Refused(format!(
            "spec_version {} does not exceed the chain's {}",
            candidate.spec_version, current.spec_version
        )));
    }
    let parent = client
        .header(&best.hash)
        .map_err(MaintenanceError::from)?
        .ok_or_else(|| MaintenanceError::NoBlock(format!("{:?}", best.hash)))?;
    let slot_ms = client
        .slot_duration_ms(&best.hash)
        .map_err(MaintenanceError::from)?;
    // The slot of now, as the next author would take it (and after the best block's).
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        });
    let after_best = aura::header_slot(&parent).map_or(1, |slot| slot.saturating_add(1));
    let slot = aura::slot_at(now_ms, slot_ms).max(after_best);
    let state = client
        .state_at(&best.hash)
        .map_err(MaintenanceError::from)?;
    let trial = executor::trial_upgrade(&state, &parent, slot, slot_ms, &code)
        .map_err(UpgradeCheckError::FirstBlock)?;

    let mut report = String::new();
    let _ = writeln!(
        report,
        "candidate {} spec_version {} (the chain runs {} at #{} {:?})",
        candidate.spec_name, candidate.spec_version, current.spec_version, best.number, best.hash
    );
    let _ = writeln!(report, "instantiates with the node's host functions: ok");
    let _ = writeln!(
        report,
        "first block #{} built on a copy of the live state, migrations included: ok",
        trial.block.header.number()
    );
    let changes = &trial.changes.main_storage_changes;
    if let Some(weight) = initialization_weight(changes) {
        let _ = writeln!(
            report,
            "mandatory weight of the block (initialization and inherents): {} ps, {} bytes of proof",
            weight.ref_time(),
            weight.proof_size()
        );
    }
    let _ = writeln!(report, "storage written, by pallet:");
    for (pallet, (written, removed)) in by_pallet(changes) {
        let _ = writeln!(report, "  {pallet}: {written} written, {removed} removed");
    }
    if candidate.has_api_with(&try_runtime_api(), |_| true) {
        let checked =
            executor::try_runtime_upgrade(&state, &code).map_err(UpgradeCheckError::TryRuntime)?;
        if checked.weight.any_gt(checked.max_block) {
            return Err(UpgradeCheckError::Overweight {
                weight: checked.weight,
                max_block: checked.max_block,
            });
        }
        if !checked.idempotent {
            return Err(UpgradeCheckError::NotIdempotent);
        }
        let _ = writeln!(
            report,
            "try-runtime: pre/post-upgrade checks, every pallet's try_state and the decoding of all storage: ok"
        );
        let _ = writeln!(
            report,
            "migration weight {} ps, {} bytes of proof, within a block's {} ps: ok",
            checked.weight.ref_time(),
            checked.weight.proof_size(),
            checked.max_block.ref_time()
        );
        let _ = writeln!(report, "a second run of the migrations changes nothing: ok");
    } else {
        let _ = writeln!(
            report,
            "try-runtime: not run, the candidate is not a try-runtime build (build the same source with `--features try-runtime` and check that blob)"
        );
    }
    Ok(report)
}

/// `System::BlockWeight`'s mandatory class in `changes`: block initialization, migrations
/// included, and the inherents.
fn initialization_weight(changes: &[(Vec<u8>, Option<Vec<u8>>)]) -> Option<Weight> {
    let key = [twox_128(b"System"), twox_128(b"BlockWeight")].concat();
    let (_, value) = changes.iter().find(|(k, _)| *k == key)?;
    let weights = PerDispatchClass::<Weight>::decode(&mut value.as_deref()?).ok()?;
    Some(*weights.get(frame_support::dispatch::DispatchClass::Mandatory))
}

/// Keys written and removed, by the pallet whose prefix they carry (named as in the
/// runtime this node was built with; `other` for keys of no pallet, such as `:code`).
fn by_pallet(changes: &[(Vec<u8>, Option<Vec<u8>>)]) -> BTreeMap<String, (usize, usize)> {
    let pallets: Vec<([u8; 16], &'static str)> =
        <taonet_runtime::AllPalletsWithSystem as PalletsInfoAccess>::infos()
            .into_iter()
            .map(|info| (twox_128(info.name.as_bytes()), info.name))
            .collect();
    let mut counts = BTreeMap::new();
    for (key, value) in changes {
        let name = pallets
            .iter()
            .find(|(prefix, _)| key.starts_with(prefix))
            .map_or("other", |(_, name)| name);
        let entry: &mut (usize, usize) = counts.entry(name.to_owned()).or_default();
        if value.is_some() {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    counts
}
