//! Running the runtime: the one module that touches the execution machinery.
//!
//! The runtime is linked natively. Every entry point executes over a read-only trie state
//! (any `sp_state_machine::Backend`: the in-memory one here, the database later) into fresh
//! overlayed changes, inside `catch_unwind`: a panic in the runtime (a malformed block, bad
//! call input) becomes an [`ExecutionError`] and leaves no changes, never a crashed node.
//! Callers commit the returned [`Changes`] themselves. While a block is built, each
//! transaction runs in its own storage transaction, so one that panics is dropped alone.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use codec::{Decode, Encode};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::storage::Storage;
use sp_core::traits::{ReadRuntimeVersion, ReadRuntimeVersionExt};
use sp_externalities::{set_and_run_with_externalities, Extensions, Externalities};
use sp_inherents::InherentData;
use sp_runtime::traits::{BlakeTwo256, Block as BlockT, Hash as _, Header as _};
use sp_runtime::transaction_validity::TransactionValidityError;
use sp_runtime::{BuildStorage, Digest, DigestItem, StateVersion};
use sp_state_machine::{Backend, Ext, OverlayedChanges, StorageChanges};
use taonet_runtime::{
    api, Block, Executive, Header, RuntimeGenesisConfig, UncheckedExtrinsic, VERSION,
};

/// State changes one execution produced, ready to commit.
pub type Changes = StorageChanges<BlakeTwo256>;

/// A trie state held in memory.
pub type MemoryState = sp_state_machine::InMemoryBackend<BlakeTwo256>;

/// Why running the runtime failed.
#[derive(Debug, thiserror::Error)]
pub enum ExecutionError {
    /// The runtime panicked: for a block, it is invalid; for a call, its input was.
    #[error("runtime panicked: {0}")]
    Panicked(String),
    /// No runtime API has this name.
    #[error("unknown runtime API method {0}")]
    UnknownMethod(String),
    /// A mandatory inherent was refused or failed, so no valid block can be built.
    #[error("inherent refused: {0}")]
    InherentRefused(String),
    /// The block number or timestamp does not fit its type.
    #[error("{0} overflows")]
    Overflow(&'static str),
    /// A value crossing the runtime boundary did not encode or decode.
    #[error("cannot decode {what}: {error}")]
    Codec {
        /// What was being decoded.
        what: &'static str,
        /// The decoding error.
        error: codec::Error,
    },
    /// The state backend failed.
    #[error("state backend: {0}")]
    State(String),
    /// The genesis configuration does not build.
    #[error("invalid genesis: {0}")]
    Genesis(String),
}

/// Why a transaction was left out of a block being built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The runtime declared it invalid (bad nonce, no funds, block full, …).
    Invalid(TransactionValidityError),
    /// Applying it panicked.
    Panicked(String),
}

/// A block built on a parent, not yet sealed, with the state changes it makes.
pub struct BuiltBlock {
    /// The block: header and included extrinsics.
    pub block: Block,
    /// Its state changes against the parent state.
    pub changes: Changes,
    /// Transactions left out, and why.
    pub rejected: Vec<(UncheckedExtrinsic, Rejection)>,
}

/// There is no wasm to read a version from, so on-chain code upgrades fail cleanly
/// (`FailedToExtractRuntimeVersion`) instead of panicking for want of this extension.
struct NoWasm;

impl ReadRuntimeVersion for NoWasm {
    fn read_runtime_version(
        &self,
        _code: &[u8],
        _ext: &mut dyn Externalities,
    ) -> Result<Vec<u8>, String> {
        Err("a native runtime reads no code".into())
    }
}

/// Runs `f` against `state` in isolation; returns its result and the changes it made.
fn execute<B: Backend<BlakeTwo256>, R>(
    state: &B,
    f: impl FnOnce() -> R,
) -> Result<(R, Changes), ExecutionError> {
    let mut overlay = OverlayedChanges::default();
    let mut extensions = Extensions::new();
    extensions.register(ReadRuntimeVersionExt::new(NoWasm));
    let outcome = {
        let mut ext = Ext::new(&mut overlay, state, Some(&mut extensions));
        catch_unwind(AssertUnwindSafe(|| {
            set_and_run_with_externalities(&mut ext, f)
        }))
    };
    let value =
        outcome.map_err(|payload| ExecutionError::Panicked(panic_message(payload.as_ref())))?;
    let changes = overlay
        .drain_storage_changes(state, state_version())
        .map_err(|e| ExecutionError::State(e.to_string()))?;
    Ok((value, changes))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// How this runtime stores state.
fn state_version() -> StateVersion {
    VERSION.state_version()
}

/// The genesis state and block header of `config`.
pub fn genesis(config: &RuntimeGenesisConfig) -> Result<(MemoryState, Header), ExecutionError> {
    genesis_from_storage(config.build_storage().map_err(ExecutionError::Genesis)?)
}

/// The genesis state and block header of a chain spec's genesis `storage`: the header has
/// the storage's trie root and an empty extrinsics root, as every Substrate node builds it.
pub fn genesis_from_storage(storage: Storage) -> Result<(MemoryState, Header), ExecutionError> {
    let state: MemoryState = (storage, state_version()).into();
    let extrinsics_root =
        BlakeTwo256::ordered_trie_root(Vec::new(), VERSION.extrinsics_root_state_version());
    let header = Header::new(
        0,
        extrinsics_root,
        *state.root(),
        Default::default(),
        Default::default(),
    );
    Ok((state, header))
}

/// Calls runtime API `method` (`Core_version`, …) with SCALE `input` on `state`, discarding
/// any changes: what `state_call` serves.
pub fn call<B: Backend<BlakeTwo256>>(
    state: &B,
    method: &str,
    input: &[u8],
) -> Result<Vec<u8>, ExecutionError> {
    let (output, _) = execute(state, || api::dispatch(method, input))?;
    output.ok_or_else(|| ExecutionError::UnknownMethod(method.to_owned()))
}

/// Builds the block after `parent` in Aura slot `slot` on the parent's `state`: the
/// inherents for the slot's start (`slot · slot_duration_ms`), then `extrinsics` in order
/// until `deadline` passes (those not tried are neither included nor rejected). A
/// transaction whose dispatch fails is still included (it paid its fee); one the runtime
/// declares invalid, or that panics, is left out and reported.
pub fn build_block<B: Backend<BlakeTwo256>>(
    state: &B,
    parent: &Header,
    slot: u64,
    slot_duration_ms: u64,
    extrinsics: Vec<UncheckedExtrinsic>,
    deadline: Option<Instant>,
) -> Result<BuiltBlock, ExecutionError> {
    let number = parent
        .number
        .checked_add(1)
        .ok_or(ExecutionError::Overflow("block number"))?;
    let now = slot
        .checked_mul(slot_duration_ms)
        .ok_or(ExecutionError::Overflow("timestamp"))?;
    let digest = Digest {
        logs: vec![DigestItem::PreRuntime(
            AURA_ENGINE_ID,
            Slot::from(slot).encode(),
        )],
    };
    let pre_header = Header::new(
        number,
        Default::default(),
        Default::default(),
        parent.hash(),
        digest,
    );
    let mut inherent_data = InherentData::new();
    inherent_data
        .put_data(sp_timestamp::INHERENT_IDENTIFIER, &now)
        .map_err(|e| ExecutionError::State(e.to_string()))?;

    let (built, changes) = execute(state, || -> Result<_, ExecutionError> {
        Executive::initialize_block(&pre_header);
        let inherents = api::dispatch("BlockBuilder_inherent_extrinsics", &inherent_data.encode())
            .ok_or_else(|| {
                ExecutionError::UnknownMethod("BlockBuilder_inherent_extrinsics".into())
            })?;
        let inherents =
            Vec::<UncheckedExtrinsic>::decode(&mut &inherents[..]).map_err(|error| {
                ExecutionError::Codec {
                    what: "inherents",
                    error,
                }
            })?;
        let mut included = Vec::with_capacity(inherents.len().saturating_add(extrinsics.len()));
        for inherent in inherents {
            match Executive::apply_extrinsic(inherent.clone()) {
                Ok(Ok(_)) => {}
                Ok(Err(failed)) => {
                    return Err(ExecutionError::InherentRefused(format!("{failed:?}")))
                }
                Err(invalid) => {
                    return Err(ExecutionError::InherentRefused(format!("{invalid:?}")))
                }
            }
            included.push(inherent);
        }
        let mut rejected = Vec::new();
        for xt in extrinsics {
            if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                break;
            }
            match apply_isolated(&xt) {
                Ok(()) => included.push(xt),
                Err(why) => rejected.push((xt, why)),
            }
        }
        let header = Executive::finalize_block();
        Ok((
            Block {
                header,
                extrinsics: included,
            },
            rejected,
        ))
    })?;
    let (block, rejected) = built?;
    Ok(BuiltBlock {
        block,
        changes,
        rejected,
    })
}

/// Applies one transaction in its own storage transaction, rolled back unless it is
/// included.
fn apply_isolated(xt: &UncheckedExtrinsic) -> Result<(), Rejection> {
    sp_io::storage::start_transaction();
    let outcome = catch_unwind(AssertUnwindSafe(|| Executive::apply_extrinsic(xt.clone())));
    let result = match outcome {
        Ok(Ok(_dispatched)) => Ok(()),
        Ok(Err(invalid)) => Err(Rejection::Invalid(invalid)),
        Err(payload) => Err(Rejection::Panicked(panic_message(payload.as_ref()))),
    };
    if result.is_ok() {
        sp_io::storage::commit_transaction();
    } else {
        sp_io::storage::rollback_transaction();
    }
    result
}

/// Executes an (unsealed) `block` on its parent's `state`, as every node does on import.
/// The runtime checks parent hash, digests, extrinsics root and state root; any mismatch,
/// or a panic on the way, makes the block invalid.
pub fn import_block<B: Backend<BlakeTwo256>>(
    state: &B,
    block: &Block,
) -> Result<Changes, ExecutionError> {
    let encoded = block.encode();
    let lazy = <Block as BlockT>::LazyBlock::decode(&mut &encoded[..]).map_err(|error| {
        ExecutionError::Codec {
            what: "block",
            error,
        }
    })?;
    let ((), changes) = execute(state, || Executive::execute_block(lazy))?;
    Ok(changes)
}

/// Applies `changes` to an in-memory `state`.
pub fn commit(state: &mut MemoryState, changes: Changes) {
    state.apply_transaction(changes.transaction_storage_root, changes.transaction);
}
