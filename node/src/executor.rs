//! Running the runtime: the one module that touches the execution machinery.
//!
//! The runtime is the wasm stored at `:code` in the state a call runs on, executed by
//! Parity's `sc-executor` (wasmtime) with Substrate's standard host functions: a block runs
//! the code of its parent's state, so a `System::set_code` takes effect from the next block
//! and every node, whatever binary it runs, executes the same code. Nothing here runs the
//! runtime natively. A trap (a panic in the runtime, a malformed block, bad call input, an
//! exhausted heap) becomes an [`ExecutionError`] and leaves no changes, never a crashed
//! node. Callers commit the returned [`Changes`] themselves. While a block is built, each
//! transaction runs in its own storage transaction, so one that traps is dropped alone.
//!
//! One executor serves the process: compiled modules are cached by code hash and shared
//! by every caller, as in a Substrate node. [`configure`] sets it up from the command line
//! before first use; tests and tools get the default.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use codec::{Decode, Encode};
use sc_executor::{
    HeapAllocStrategy, WasmExecutionMethod, WasmExecutor, WasmtimeInstantiationStrategy,
    DEFAULT_HEAP_ALLOC_STRATEGY,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::storage::{well_known_keys, Storage};
use sp_core::traits::{
    CallContext, CodeExecutor, ReadRuntimeVersionExt, RuntimeCode, WrappedRuntimeCode,
};
use sp_externalities::Extensions;
use sp_inherents::InherentData;
use sp_runtime::traits::{BlakeTwo256, Hash as _, Header as _};
use sp_runtime::transaction_validity::TransactionValidityError;
use sp_runtime::{ApplyExtrinsicResult, Digest, DigestItem, ExtrinsicInclusionMode};
use sp_state_machine::backend::{BackendRuntimeCode, TryPendingCode};
use sp_state_machine::{Backend, OverlayedChanges, StateMachine, StorageChanges};
use sp_version::RuntimeVersion;
use taonet_runtime::{Block, Header, UncheckedExtrinsic};

/// State changes one execution produced, ready to commit.
pub type Changes = StorageChanges<BlakeTwo256>;

/// A trie state held in memory.
pub type MemoryState = sp_state_machine::InMemoryBackend<BlakeTwo256>;

/// The host functions the runtime may import: Substrate's standard set, and nothing else,
/// so a blob importing anything more is refused at instantiation on every node alike.
pub type HostFunctions = sp_io::SubstrateHostFunctions;

/// What a `runtime-benchmarks` blob imports besides: the clock, and the commits, wipes and
/// read/write counts of the benchmark's state. Only [`benchmark_call`] offers them, so no
/// chain can ever run such a blob.
pub type BenchmarkHostFunctions = (
    sp_io::SubstrateHostFunctions,
    frame_benchmarking::benchmarking::HostFunctions,
);

/// Why running the runtime failed.
#[derive(Debug, thiserror::Error)]
pub enum ExecutionError {
    /// The runtime trapped (panicked, ran out of heap, …): for a block, it is invalid; for
    /// a call, its input was. The message is the executor's, as a Substrate node reports it.
    #[error("{0}")]
    Trapped(String),
    /// The runtime exports no such method.
    #[error("Other: Exported method {0} is not found")]
    UnknownMethod(String),
    /// The state holds no runtime code (`:code`), or code that does not instantiate.
    #[error("no runnable runtime code: {0}")]
    NoCode(String),
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
    /// Applying it trapped.
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

/// How wasm is executed: Substrate's `--wasm-execution`, `--wasmtime-instantiation-strategy`,
/// `--max-runtime-instances` and `--runtime-cache-size`. None of these change results, only
/// speed and memory; the heap size, which could, is fixed for every node.
#[derive(Debug, Clone, Copy)]
pub struct ExecutorConfig {
    /// How wasmtime instantiates a module for each call.
    pub instantiation: WasmtimeInstantiationStrategy,
    /// Instances kept per module for concurrent calls.
    pub max_instances: usize,
    /// Distinct runtimes (code hash and heap size) kept compiled.
    pub cache_size: u8,
}

impl Default for ExecutorConfig {
    fn default() -> Self {
        Self {
            instantiation: WasmtimeInstantiationStrategy::PoolingCopyOnWrite,
            max_instances: 8,
            cache_size: 2,
        }
    }
}

/// A wasm executor and its module cache.
struct Executor<H: sc_executor::HostFunctions = HostFunctions> {
    wasm: WasmExecutor<H>,
}

static EXECUTOR: OnceLock<Executor> = OnceLock::new();

/// The executor of benchmarks, apart from the chain's so that its host functions stay
/// Substrate's standard set.
static BENCHMARK_EXECUTOR: OnceLock<Executor<BenchmarkHostFunctions>> = OnceLock::new();

/// Where wasmtime keeps compiled runtimes between processes (`--wasmtime-cache-path`).
static CACHE_PATH: OnceLock<PathBuf> = OnceLock::new();

/// Keeps every runtime this process compiles in `path` (wasmtime's on-disk cache), and
/// loads it from there in the next process. Call it before the first execution, as the
/// binary does with `--wasmtime-cache-path`; a later call is ignored, with a warning.
pub fn set_cache_path(path: PathBuf) {
    if CACHE_PATH.set(path).is_err() || EXECUTOR.get().is_some() {
        tracing::warn!(target: "executor", "the executor is already in use: the wasmtime cache path is ignored");
    }
}

/// Sets up the process's executor from the command line. The node and each command that
/// executes blocks call this once, at start; a later call is ignored, with a warning.
pub fn configure(config: ExecutorConfig) {
    if EXECUTOR.set(Executor::new(config)).is_err() {
        tracing::warn!(target: "executor", "the executor is already in use: execution flags ignored");
    }
}

/// The process's executor, set up with the defaults unless [`configure`] came first.
fn executor() -> &'static Executor {
    EXECUTOR.get_or_init(|| Executor::new(ExecutorConfig::default()))
}

impl<H: sc_executor::HostFunctions> Executor<H> {
    fn new(config: ExecutorConfig) -> Self {
        let wasm = WasmExecutor::<H>::builder()
            .with_execution_method(WasmExecutionMethod::Compiled {
                instantiation_strategy: config.instantiation,
            })
            .with_onchain_heap_alloc_strategy(heap())
            .with_offchain_heap_alloc_strategy(heap())
            .with_max_runtime_instances(config.max_instances.max(1))
            .with_runtime_cache_size(config.cache_size.max(1));
        let wasm = match CACHE_PATH.get() {
            Some(path) => wasm.with_cache_path(path.clone()),
            None => wasm,
        };
        Self { wasm: wasm.build() }
    }

    /// Runs `method` with `input` on `state` into `overlay`, executing `code`.
    /// Calls runtime API `method` of the code at `state`, discarding any changes.
    fn call_offchain<B: Backend<BlakeTwo256>>(
        &self,
        state: &B,
        method: &str,
        input: &[u8],
    ) -> Result<Vec<u8>, ExecutionError> {
        let fetcher = code_at(state, CallContext::Offchain);
        let code = runtime_code(&fetcher)?;
        let mut overlay = OverlayedChanges::default();
        self.run(
            state,
            &mut overlay,
            &code,
            method,
            input,
            CallContext::Offchain,
        )
    }

    /// The version a blob held in memory declares.
    fn blob_version(&self, code: &[u8]) -> Result<RuntimeVersion, ExecutionError> {
        let fetcher = WrappedRuntimeCode(code.into());
        self.version_of(&MemoryState::default(), &blob(&fetcher))
    }

    fn run<B: Backend<BlakeTwo256>>(
        &self,
        state: &B,
        overlay: &mut OverlayedChanges<BlakeTwo256>,
        code: &RuntimeCode<'_>,
        method: &str,
        input: &[u8],
        context: CallContext,
    ) -> Result<Vec<u8>, ExecutionError> {
        let mut extensions = Extensions::new();
        // `set_code` reads the candidate's version through this; without it the host
        // function would fail, on import too.
        extensions.register(ReadRuntimeVersionExt::new(self.wasm.clone()));
        let outcome = StateMachine::new(
            state,
            overlay,
            &self.wasm,
            method,
            input,
            &mut extensions,
            code,
            context,
        )
        .execute();
        outcome.map_err(|error| classify(method, error.to_string()))
    }

    /// The version of the runtime `code` (read from its embedded section, else by calling
    /// `Core_version`; cached with the compiled module).
    fn version_of<B: Backend<BlakeTwo256>>(
        &self,
        state: &B,
        code: &RuntimeCode<'_>,
    ) -> Result<RuntimeVersion, ExecutionError> {
        let mut overlay = OverlayedChanges::default();
        let mut ext = sp_state_machine::Ext::new(&mut overlay, state, None);
        sc_executor::RuntimeVersionOf::runtime_version(&self.wasm, &mut ext, code)
            .map_err(|error| ExecutionError::NoCode(error.to_string()))
    }
}

/// The wasm heap: Substrate's default (2,048 pages beyond the blob's own, 128 MiB), the same
/// on every node, since a block that fits one heap and not another would split the chain.
fn heap() -> HeapAllocStrategy {
    DEFAULT_HEAP_ALLOC_STRATEGY
}

/// Tells a missing export apart from a trap, keeping the executor's words for both.
fn classify(method: &str, message: String) -> ExecutionError {
    if message.contains(&format!("Exported method {method} is not found")) {
        ExecutionError::UnknownMethod(method.to_owned())
    } else {
        ExecutionError::Trapped(message)
    }
}

/// The code at `state`: `:code`, or, for blocks, a pending `:pending_code` (a runtime with
/// `system_version` ≥ 3 stages upgrades there).
fn code_at<B: Backend<BlakeTwo256>>(
    state: &B,
    context: CallContext,
) -> BackendRuntimeCode<'_, B, BlakeTwo256> {
    BackendRuntimeCode::new(state, TryPendingCode::from(context))
}

fn runtime_code<'a, B: Backend<BlakeTwo256>>(
    fetcher: &'a BackendRuntimeCode<'a, B, BlakeTwo256>,
) -> Result<RuntimeCode<'a>, ExecutionError> {
    fetcher
        .runtime_code()
        .map_err(|why| ExecutionError::NoCode(why.to_owned()))
}

/// The version of the runtime stored in `state`: what `state_getRuntimeVersion` and every
/// version-dependent decision (state version, API versions) use.
pub fn version<B: Backend<BlakeTwo256>>(state: &B) -> Result<RuntimeVersion, ExecutionError> {
    let fetcher = code_at(state, CallContext::Offchain);
    executor().version_of(state, &runtime_code(&fetcher)?)
}

/// The version of a runtime blob (compressed or not), checking that it instantiates with
/// exactly the host functions nodes offer: what an operator checks before proposing it.
pub fn code_version(code: &[u8]) -> Result<RuntimeVersion, ExecutionError> {
    executor().blob_version(code)
}

/// A blob held in memory as the executor takes it: keyed by its hash, as `:code` is.
fn blob<'a>(fetcher: &'a WrappedRuntimeCode<'a>) -> RuntimeCode<'a> {
    RuntimeCode {
        code_fetcher: fetcher,
        heap_pages: None,
        hash: BlakeTwo256::hash(&fetcher.0).encode(),
    }
}

/// Runs `method` of the runtime `code` with no chain state: the runtime's genesis builder.
fn call_stateless(
    code: &[u8],
    ext: &mut sp_state_machine::BasicExternalities,
    method: &str,
    input: &[u8],
) -> Result<Vec<u8>, ExecutionError> {
    let fetcher = WrappedRuntimeCode(code.into());
    executor()
        .wasm
        .call(ext, &blob(&fetcher), method, input, CallContext::Offchain)
        .0
        .map_err(|error| classify(method, error.to_string()))
}

/// The default genesis config (JSON) of the runtime `code` (`GenesisBuilder_get_preset`
/// of no preset), onto which a chain spec's patch applies; `None` if it has none.
pub fn genesis_defaults(code: &[u8]) -> Result<Option<Vec<u8>>, ExecutionError> {
    let none: Option<sp_genesis_builder::PresetId> = None;
    let mut ext = sp_state_machine::BasicExternalities::new_empty();
    let out = call_stateless(code, &mut ext, "GenesisBuilder_get_preset", &none.encode())?;
    decode(&out, "genesis defaults")
}

/// The genesis storage that the runtime `code` builds from the full genesis config
/// `config` (JSON), with the code itself at `:code`: what sc-chain-spec builds through
/// `GenesisBuilder_build_state`. The runtime's refusal comes back as `Genesis`.
pub fn build_genesis(code: &[u8], config: &[u8]) -> Result<Storage, ExecutionError> {
    let mut ext = sp_state_machine::BasicExternalities::new_empty();
    let out = call_stateless(
        code,
        &mut ext,
        "GenesisBuilder_build_state",
        &config.encode(),
    )?;
    decode::<sp_genesis_builder::Result>(&out, "genesis result")?
        .map_err(ExecutionError::Genesis)?;
    let mut storage = ext.into_storages();
    storage
        .top
        .insert(well_known_keys::CODE.to_vec(), code.to_vec());
    Ok(storage)
}

/// Calls runtime API `method` (`Core_version`, …) with SCALE `input` on `state`, discarding
/// any changes: what `state_call` serves.
pub fn call<B: Backend<BlakeTwo256>>(
    state: &B,
    method: &str,
    input: &[u8],
) -> Result<Vec<u8>, ExecutionError> {
    executor().call_offchain(state, method, input)
}

/// The executor of benchmarks, set up with the defaults.
fn benchmark_executor() -> &'static Executor<BenchmarkHostFunctions> {
    BENCHMARK_EXECUTOR.get_or_init(|| Executor::new(ExecutorConfig::default()))
}

/// The version of a `runtime-benchmarks` blob, which instantiates only with the
/// benchmarking host functions.
pub fn benchmark_code_version(code: &[u8]) -> Result<RuntimeVersion, ExecutionError> {
    benchmark_executor().blob_version(code)
}

/// Calls runtime API `method` of a `runtime-benchmarks` blob, the code at `state`, with the
/// benchmarking host functions: `Benchmark_dispatch_benchmark` commits to, counts the reads
/// and writes of, and wipes `state` through them. Changes left in the overlay are dropped.
pub fn benchmark_call<B: Backend<BlakeTwo256>>(
    state: &B,
    method: &str,
    input: &[u8],
) -> Result<Vec<u8>, ExecutionError> {
    benchmark_executor().call_offchain(state, method, input)
}

/// The genesis state and block header of a chain spec's genesis `storage`, which must hold
/// the runtime at `:code`: the header has the storage's trie root and an empty extrinsics
/// root, each in the state version that code declares, as every Substrate node builds it.
pub fn genesis_from_storage(storage: Storage) -> Result<(MemoryState, Header), ExecutionError> {
    let code = storage
        .top
        .get(well_known_keys::CODE)
        .ok_or_else(|| ExecutionError::Genesis("the genesis storage has no `:code`".into()))?;
    let version = code_version(code)?;
    Ok(genesis_at_version(storage, &version))
}

/// As [`genesis_from_storage`], for code whose `version` the caller read: a benchmarking
/// runtime, which the chain's executor cannot instantiate.
pub fn genesis_at_version(storage: Storage, version: &RuntimeVersion) -> (MemoryState, Header) {
    let state: MemoryState = (storage, version.state_version()).into();
    let extrinsics_root =
        BlakeTwo256::ordered_trie_root(Vec::new(), version.extrinsics_root_state_version());
    let header = Header::new(
        0,
        extrinsics_root,
        *state.root(),
        Default::default(),
        Default::default(),
    );
    (state, header)
}

/// Builds the block after `parent` in Aura slot `slot` on the parent's `state`: the
/// inherents for the slot's start (`slot · slot_duration_ms`), then `extrinsics` in order
/// until `deadline` passes (those not tried are neither included nor rejected). A
/// transaction whose dispatch fails is still included (it paid its fee); one the runtime
/// declares invalid, or that traps, is left out and reported.
pub fn build_block<B: Backend<BlakeTwo256>>(
    state: &B,
    parent: &Header,
    slot: u64,
    slot_duration_ms: u64,
    extrinsics: Vec<UncheckedExtrinsic>,
    deadline: Option<Instant>,
) -> Result<BuiltBlock, ExecutionError> {
    // The whole block runs the parent's code, even after a `set_code` in it.
    let fetcher = code_at(state, CallContext::Onchain { import: false });
    let code = runtime_code(&fetcher)?;
    let slot = SlotTime {
        slot,
        duration_ms: slot_duration_ms,
    };
    build_with(
        state,
        OverlayedChanges::default(),
        &code,
        parent,
        slot,
        extrinsics,
        deadline,
    )
}

/// The block after `parent` (empty but for its inherents) that `state` would get if it
/// held the runtime `code` at `:code`, as after `set_code` in `parent`: its initialization
/// runs that code's migrations on the live state. What `taonet check-upgrade` inspects;
/// nothing is committed.
pub fn trial_upgrade<B: Backend<BlakeTwo256>>(
    state: &B,
    parent: &Header,
    slot: u64,
    slot_duration_ms: u64,
    code: &[u8],
) -> Result<BuiltBlock, ExecutionError> {
    let fetcher = WrappedRuntimeCode(code.into());
    let mut overlay = OverlayedChanges::default();
    overlay.set_storage(well_known_keys::CODE.to_vec(), Some(code.to_vec()));
    let slot = SlotTime {
        slot,
        duration_ms: slot_duration_ms,
    };
    build_with(
        state,
        overlay,
        &blob(&fetcher),
        parent,
        slot,
        Vec::new(),
        None,
    )
}

/// What a `try-runtime` build of a candidate runtime found on the live state.
#[derive(Debug, Clone, Copy)]
pub struct TryUpgrade {
    /// The weight its migrations declared.
    pub weight: frame_support::weights::Weight,
    /// The most one block may weigh under it.
    pub max_block: frame_support::weights::Weight,
    /// Whether running the migrations a second time left the state unchanged.
    pub idempotent: bool,
}

/// frame-support's `UpgradeCheckSelect` (compiled there only under `try-runtime`, which a
/// node must not enable): the input of `TryRuntime_on_runtime_upgrade`.
#[derive(Encode)]
enum UpgradeChecks {
    /// No checks: the migrations alone.
    None,
    /// Every migration's `pre_upgrade` and `post_upgrade`, every pallet's `try_state`,
    /// and the decoding of all storage.
    All,
}

/// Runs a `try-runtime` build of the runtime `code` on `state` as if it were at `:code`:
/// its migrations with every check (`TryRuntime_on_runtime_upgrade`), then the migrations
/// again, which must change nothing more. A failed check traps in the runtime and comes
/// back as `Trapped` with its message; a runtime without the API as `UnknownMethod`.
/// Nothing is committed.
pub fn try_runtime_upgrade<B: Backend<BlakeTwo256>>(
    state: &B,
    code: &[u8],
) -> Result<TryUpgrade, ExecutionError> {
    const METHOD: &str = "TryRuntime_on_runtime_upgrade";
    let fetcher = WrappedRuntimeCode(code.into());
    let runtime = blob(&fetcher);
    let state_version = executor().version_of(state, &runtime)?.state_version();
    let mut overlay = OverlayedChanges::default();
    overlay.set_storage(well_known_keys::CODE.to_vec(), Some(code.to_vec()));
    let run = |overlay: &mut OverlayedChanges<BlakeTwo256>, checks: UpgradeChecks| {
        executor().run(
            state,
            overlay,
            &runtime,
            METHOD,
            &checks.encode(),
            CallContext::Offchain,
        )
    };
    let weights = run(&mut overlay, UpgradeChecks::All)?;
    let (weight, max_block) = decode(&weights, "upgrade weights")?;
    let (migrated, _) = overlay.storage_root(state, state_version);
    run(&mut overlay, UpgradeChecks::None)?;
    let (again, _) = overlay.storage_root(state, state_version);
    Ok(TryUpgrade {
        weight,
        max_block,
        idempotent: migrated == again,
    })
}

/// An Aura slot and its length, which set a block's timestamp.
#[derive(Clone, Copy)]
struct SlotTime {
    slot: u64,
    duration_ms: u64,
}

/// [`build_block`] with `code`, onto `overlay`'s changes of `state`.
fn build_with<B: Backend<BlakeTwo256>>(
    state: &B,
    mut overlay: OverlayedChanges<BlakeTwo256>,
    code: &RuntimeCode<'_>,
    parent: &Header,
    slot: SlotTime,
    extrinsics: Vec<UncheckedExtrinsic>,
    deadline: Option<Instant>,
) -> Result<BuiltBlock, ExecutionError> {
    let number = parent
        .number
        .checked_add(1)
        .ok_or(ExecutionError::Overflow("block number"))?;
    let now = slot
        .slot
        .checked_mul(slot.duration_ms)
        .ok_or(ExecutionError::Overflow("timestamp"))?;
    let digest = Digest {
        logs: vec![DigestItem::PreRuntime(
            AURA_ENGINE_ID,
            Slot::from(slot.slot).encode(),
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

    let context = CallContext::Onchain { import: false };
    let version = executor().version_of(state, code)?;
    let mut run = |overlay: &mut OverlayedChanges<BlakeTwo256>, method: &str, input: &[u8]| {
        executor().run(state, overlay, code, method, input, context)
    };

    let mode = run(&mut overlay, "Core_initialize_block", &pre_header.encode())?;
    let mode = decode::<ExtrinsicInclusionMode>(&mode, "inclusion mode")?;
    let inherents = run(
        &mut overlay,
        "BlockBuilder_inherent_extrinsics",
        &inherent_data.encode(),
    )?;
    let inherents = decode::<Vec<UncheckedExtrinsic>>(&inherents, "inherents")?;
    let mut included = Vec::with_capacity(inherents.len().saturating_add(extrinsics.len()));
    for inherent in inherents {
        let applied = run(
            &mut overlay,
            "BlockBuilder_apply_extrinsic",
            &inherent.encode(),
        )?;
        match decode::<ApplyExtrinsicResult>(&applied, "apply result")? {
            Ok(Ok(())) => included.push(inherent),
            Ok(Err(failed)) => return Err(ExecutionError::InherentRefused(format!("{failed:?}"))),
            Err(invalid) => return Err(ExecutionError::InherentRefused(format!("{invalid:?}"))),
        }
    }
    let mut rejected = Vec::new();
    if mode == ExtrinsicInclusionMode::AllExtrinsics {
        for xt in extrinsics {
            if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                break;
            }
            match apply_isolated(&mut overlay, &mut run, &xt) {
                Ok(()) => included.push(xt),
                Err(why) => rejected.push((xt, why)),
            }
        }
    }
    let header = run(&mut overlay, "BlockBuilder_finalize_block", &[])?;
    let header = decode::<Header>(&header, "header")?;
    let changes = overlay
        .drain_storage_changes(state, version.state_version())
        .map_err(|e| ExecutionError::State(e.to_string()))?;
    Ok(BuiltBlock {
        block: Block {
            header,
            extrinsics: included,
        },
        changes,
        rejected,
    })
}

/// Applies one transaction in its own storage transaction, rolled back unless it is
/// included.
fn apply_isolated(
    overlay: &mut OverlayedChanges<BlakeTwo256>,
    run: &mut impl FnMut(
        &mut OverlayedChanges<BlakeTwo256>,
        &str,
        &[u8],
    ) -> Result<Vec<u8>, ExecutionError>,
    xt: &UncheckedExtrinsic,
) -> Result<(), Rejection> {
    overlay.start_transaction();
    let result = match run(overlay, "BlockBuilder_apply_extrinsic", &xt.encode()) {
        Ok(bytes) => match ApplyExtrinsicResult::decode(&mut &bytes[..]) {
            Ok(Ok(_dispatched)) => Ok(()),
            Ok(Err(invalid)) => Err(Rejection::Invalid(invalid)),
            Err(error) => Err(Rejection::Panicked(format!("undecodable result: {error}"))),
        },
        Err(error) => Err(Rejection::Panicked(error.to_string())),
    };
    // A transaction is open: the start above. Closing it cannot fail.
    let closed = if result.is_ok() {
        overlay.commit_transaction()
    } else {
        overlay.rollback_transaction()
    };
    debug_assert!(closed.is_ok(), "the transaction opened above is closed");
    result
}

fn decode<T: Decode>(bytes: &[u8], what: &'static str) -> Result<T, ExecutionError> {
    T::decode(&mut &bytes[..]).map_err(|error| ExecutionError::Codec { what, error })
}

/// Executes an (unsealed) `block` on its parent's `state`, as every node does on import,
/// with the parent state's code. The runtime checks parent hash, digests, extrinsics root
/// and state root; any mismatch, or a trap on the way, makes the block invalid.
pub fn import_block<B: Backend<BlakeTwo256>>(
    state: &B,
    block: &Block,
) -> Result<Changes, ExecutionError> {
    // An imported block gets twice the heap, so one built near the limit still imports.
    let context = CallContext::Onchain { import: true };
    let fetcher = code_at(state, context);
    let code = runtime_code(&fetcher)?;
    let version = executor().version_of(state, &code)?;
    let mut overlay = OverlayedChanges::default();
    executor().run(
        state,
        &mut overlay,
        &code,
        "Core_execute_block",
        &block.encode(),
        context,
    )?;
    overlay
        .drain_storage_changes(state, version.state_version())
        .map_err(|e| ExecutionError::State(e.to_string()))
}

/// Applies `changes` to an in-memory `state`.
pub fn commit(state: &mut MemoryState, changes: Changes) {
    state.apply_transaction(changes.transaction_storage_root, changes.transaction);
}
