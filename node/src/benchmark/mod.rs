//! `taonet benchmark pallet`: measures pallets' calls in the runtime as the chain runs it
//! (wasm, through Parity's executor) on a database-backed state, and writes each pallet's
//! `weights.rs`.
//!
//! The runtime is a `runtime-benchmarks` build (the runtime's `benchmarks-blob`), whose `Benchmark`
//! API lists the benchmarks and runs one at given component values: setup, commit to the
//! database, the measured call with its reads and writes counted, then a wipe back to
//! genesis. The state starts from a chain's genesis (`dev` unless `--chain` says otherwise)
//! written into a scratch parity-db, as a node writes it.
//!
//! [`Benchmarks`] is that setup on its own, for callers that choose the component values
//! themselves: the weight guard runs every heavy benchmark at its highest values and
//! compares the measured time with the weight the runtime declares.

mod plan;
mod state;
mod weights_file;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use codec::{Decode, Encode};
use frame_benchmarking::{
    BenchmarkBatch, BenchmarkConfig, BenchmarkList, BenchmarkParameter, BenchmarkResult,
};
use sp_core::storage::well_known_keys;
use sp_runtime::traits::Header as _;
use sp_version::RuntimeVersion;

use crate::chain_spec::{ChainSpec, ChainSpecError};
use crate::cli::PalletArgs;
use crate::db::{Database, DbError, Pruning};
use crate::executor::{self, ExecutionError};
use crate::logging::LoggingError;
use crate::runtime_blob::{self, BlobError};
pub use state::BenchmarkState;
use weights_file::{Fitted, Provenance};

/// Why benchmarking failed.
#[derive(Debug, thiserror::Error)]
pub enum BenchmarkError {
    /// The runtime blob could not be read.
    #[error(transparent)]
    Blob(#[from] BlobError),
    /// The chain spec could not be loaded or built.
    #[error(transparent)]
    ChainSpec(#[from] ChainSpecError),
    /// The runtime could not run.
    #[error(transparent)]
    Execution(#[from] ExecutionError),
    /// The scratch database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// Logging could not start.
    #[error(transparent)]
    Logging(#[from] LoggingError),
    /// A file could not be read or written.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The blob exports no `Benchmark` API.
    #[error("the runtime has no Benchmark API: build it with `--features runtime-benchmarks` (`cargo build --release -p taonet-runtime --features benchmarks-blob`)")]
    NotBenchmarking,
    /// An answer of the runtime did not decode.
    #[error("cannot decode the answer of {method}: {error}")]
    Decode {
        /// The runtime API method.
        method: &'static str,
        /// The decoding error.
        error: codec::Error,
    },
    /// Nothing matches `--pallet` and `--extrinsic`.
    #[error("no benchmark matches --pallet {pallet} --extrinsic {extrinsic}")]
    NoMatch {
        /// `--pallet`.
        pallet: String,
        /// `--extrinsic`.
        extrinsic: String,
    },
    /// A benchmark failed (its setup, its call or its verification).
    #[error("benchmark {pallet}::{benchmark} failed at {components}: {reason}")]
    Failed {
        /// The pallet.
        pallet: String,
        /// The benchmark.
        benchmark: String,
        /// The component values it ran with.
        components: String,
        /// The runtime's reason.
        reason: String,
    },
    /// Its results could not be fitted.
    #[error("cannot fit the results of {pallet}::{benchmark}: {reason}")]
    Analysis {
        /// The pallet.
        pallet: String,
        /// The benchmark.
        benchmark: String,
        /// Why.
        reason: String,
    },
    /// `--output` names a file while several pallets ran.
    #[error("--output {0} must be a directory when several pallets run")]
    OutputNotDirectory(PathBuf),
}

/// The id of the `Benchmark` runtime API: the first 8 bytes of the trait name's BLAKE2b.
fn benchmark_api() -> sp_version::ApiId {
    sp_crypto_hashing::blake2_64(b"Benchmark")
}

/// One benchmark chosen to run.
struct Selected {
    pallet: String,
    /// The pallet's name in the runtime (`SubtensorModule`), by which it is dispatched.
    instance: String,
    name: String,
    components: Vec<(frame_benchmarking::BenchmarkParameter, u32, u32)>,
}

/// A `runtime-benchmarks` blob on a scratch parity-db holding a chain's genesis, with the
/// benchmarks it lists: what every benchmark run starts from.
pub struct Benchmarks {
    state: BenchmarkState,
    listed: Vec<BenchmarkList>,
    version: RuntimeVersion,
    // Dropped last: the database inside `state` lives in it.
    _scratch: tempfile::TempDir,
}

impl Benchmarks {
    /// Writes `chain`'s genesis, its `:code` replaced by `code`, into a scratch database
    /// and lists the blob's benchmarks (`extra` ones too if asked).
    pub fn open(code: Vec<u8>, chain: &str, extra: bool) -> Result<Self, BenchmarkError> {
        let version = executor::benchmark_code_version(&code)?;
        if !version.apis.iter().any(|(id, _)| *id == benchmark_api()) {
            return Err(BenchmarkError::NotBenchmarking);
        }
        let mut storage = ChainSpec::load(chain)?.build_storage()?;
        storage.top.insert(well_known_keys::CODE.to_vec(), code);
        let (genesis, header) = executor::genesis_at_version(storage, &version);
        let scratch = tempfile::tempdir().map_err(|error| BenchmarkError::Io {
            path: std::env::temp_dir(),
            error,
        })?;
        let db = Database::open(
            scratch.path(),
            Some(Pruning::Archive),
            &header,
            genesis.into_storage(),
        )?;
        let state = BenchmarkState::new(db, *header.state_root());
        let listed = list(&state, extra)?;
        Ok(Self {
            state,
            listed,
            version,
            _scratch: scratch,
        })
    }

    /// Measures `pallet::benchmark` `repeat` times with every component at its highest
    /// value, after a verification run; returns those values and the results.
    pub fn run_at_highest(
        &self,
        pallet: &str,
        benchmark: &str,
        repeat: u32,
    ) -> Result<(plan::Selection, Vec<BenchmarkResult>), BenchmarkError> {
        let bench = select(&self.listed, pallet, benchmark)
            .into_iter()
            .next()
            .ok_or_else(|| BenchmarkError::NoMatch {
                pallet: pallet.to_owned(),
                extrinsic: benchmark.to_owned(),
            })?;
        let highest: plan::Selection = bench
            .components
            .iter()
            .map(|&(param, _, high)| (param, high))
            .collect();
        let results = measure_selection(&self.state, &bench, &highest, true, repeat)?;
        Ok((highest, results))
    }
}

/// `taonet benchmark pallet`: a summary of what ran, having written what was asked.
pub fn pallet_command(args: &PalletArgs) -> Result<String, BenchmarkError> {
    crate::logging::init("info", &[])?;
    let code = runtime_blob::read(&args.runtime)?;
    let chain = match (&args.chain.chain, args.chain.dev) {
        (None, false) => "dev",
        _ => args.chain.chain_id(),
    };
    let benchmarks = Benchmarks::open(code, chain, args.extra)?;
    let (state, version) = (&benchmarks.state, &benchmarks.version);
    let selected = select(&benchmarks.listed, &args.pallet, &args.extrinsic);
    if selected.is_empty() {
        return Err(BenchmarkError::NoMatch {
            pallet: args.pallet.clone(),
            extrinsic: args.extrinsic.clone(),
        });
    }
    if args.list {
        return Ok(listing(&selected));
    }

    let mut raw: Vec<BenchmarkBatch> = Vec::new();
    let mut fitted: BTreeMap<String, Vec<Fitted>> = BTreeMap::new();
    for bench in &selected {
        let results = measure(state, bench, args)?;
        let components = bench
            .components
            .iter()
            .map(|(param, low, high)| (param.to_string(), *low, *high))
            .collect();
        let fit = weights_file::fit(&bench.name, components, &results).map_err(|reason| {
            BenchmarkError::Analysis {
                pallet: bench.pallet.clone(),
                benchmark: bench.name.clone(),
                reason,
            }
        })?;
        tracing::info!(
            target: "benchmark",
            "{}::{}: {} ps + {:?}, {} reads, {} writes",
            bench.pallet, bench.name, fit.time.base, fit.time.slopes, fit.reads.base, fit.writes.base
        );
        fitted.entry(bench.pallet.clone()).or_default().push(fit);
        raw.push(BenchmarkBatch {
            pallet: bench.pallet.clone().into_bytes(),
            instance: bench.instance.clone().into_bytes(),
            benchmark: bench.name.clone().into_bytes(),
            results,
        });
    }

    if let Some(path) = &args.json_file {
        let json = serde_json::to_string_pretty(&raw).unwrap_or_default();
        write(path, &json)?;
    }
    if let Some(output) = &args.output {
        let runtime = format!(
            "{} spec_version {}",
            version.spec_name, version.spec_version
        );
        let header = args
            .header
            .as_deref()
            .map(|path| {
                std::fs::read_to_string(path).map_err(|error| BenchmarkError::Io {
                    path: path.to_owned(),
                    error,
                })
            })
            .transpose()?;
        write_weights(output, &fitted, &runtime, args, header.as_deref())?;
    }
    Ok(summary(&fitted))
}

/// The runtime's benchmarks.
fn list(state: &BenchmarkState, extra: bool) -> Result<Vec<BenchmarkList>, BenchmarkError> {
    const METHOD: &str = "Benchmark_benchmark_metadata";
    let answer = executor::benchmark_call(state, METHOD, &extra.encode())?;
    let (lists, _storage_info) =
        <(Vec<BenchmarkList>, Vec<frame_support::traits::StorageInfo>)>::decode(&mut &answer[..])
            .map_err(|error| BenchmarkError::Decode {
            method: METHOD,
            error,
        })?;
    Ok(lists)
}

/// The benchmarks `--pallet` and `--extrinsic` choose, in the runtime's order.
fn select(lists: &[BenchmarkList], pallet: &str, extrinsic: &str) -> Vec<Selected> {
    let wanted: Vec<&str> = extrinsic.split(',').map(str::trim).collect();
    let all = |pattern: &str| pattern == "*" || pattern == "all";
    let mut out = Vec::new();
    for list in lists {
        let name = String::from_utf8_lossy(&list.pallet).into_owned();
        let instance = String::from_utf8_lossy(&list.instance).into_owned();
        if !all(pallet) && pallet != name {
            continue;
        }
        for bench in &list.benchmarks {
            let bench_name = String::from_utf8_lossy(&bench.name).into_owned();
            if wanted.iter().any(|w| all(w) || *w == bench_name) {
                out.push(Selected {
                    pallet: name.clone(),
                    instance: instance.clone(),
                    name: bench_name,
                    components: bench.components.clone(),
                });
            }
        }
    }
    out
}

/// `--list`: one line per benchmark, with its components' ranges.
fn listing(selected: &[Selected]) -> String {
    let mut out = String::from("pallet, benchmark, components\n");
    for bench in selected {
        let components: Vec<String> = bench
            .components
            .iter()
            .map(|(param, low, high)| format!("{param}: [{low}, {high}]"))
            .collect();
        let _ = write!(out, "{}, {}", bench.pallet, bench.name);
        if !components.is_empty() {
            let _ = write!(out, ", {}", components.join(" "));
        }
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// Every measured run of `bench`: at each selection of component values, a verification
/// run (unless `--no-verify`), then `--repeat` measured runs inside the runtime.
fn measure(
    state: &BenchmarkState,
    bench: &Selected,
    args: &PalletArgs,
) -> Result<Vec<BenchmarkResult>, BenchmarkError> {
    let mut results = Vec::new();
    for selection in plan::selections(&bench.components, args.steps) {
        results.extend(measure_selection(
            state,
            bench,
            &selection,
            !args.no_verify,
            args.repeat,
        )?);
    }
    Ok(results)
}

/// `repeat` measured runs of `bench` at `selection`, after a verification run if `verify`.
fn measure_selection(
    state: &BenchmarkState,
    bench: &Selected,
    selection: &[(BenchmarkParameter, u32)],
    verify: bool,
    repeat: u32,
) -> Result<Vec<BenchmarkResult>, BenchmarkError> {
    let config = |verify: bool, internal_repeats: u32| BenchmarkConfig {
        pallet: bench.pallet.clone().into_bytes(),
        instance: bench.instance.clone().into_bytes(),
        benchmark: bench.name.clone().into_bytes(),
        selected_components: selection.to_vec(),
        verify,
        internal_repeats,
    };
    if verify {
        dispatch(state, bench, &config(true, 1))?;
    }
    let results: Vec<BenchmarkResult> = dispatch(state, bench, &config(false, repeat))?
        .into_iter()
        .flat_map(|batch| batch.results)
        .collect();
    if results.is_empty() {
        return Err(BenchmarkError::Failed {
            pallet: bench.pallet.clone(),
            benchmark: bench.name.clone(),
            components: format!("{selection:?}"),
            reason: "the runtime ran nothing (no such pallet instance or benchmark)".into(),
        });
    }
    Ok(results)
}

/// One `dispatch_benchmark` call.
fn dispatch(
    state: &BenchmarkState,
    bench: &Selected,
    config: &BenchmarkConfig,
) -> Result<Vec<BenchmarkBatch>, BenchmarkError> {
    const METHOD: &str = "Benchmark_dispatch_benchmark";
    let failed = |reason: String| BenchmarkError::Failed {
        pallet: bench.pallet.clone(),
        benchmark: bench.name.clone(),
        components: format!("{:?}", config.selected_components),
        reason,
    };
    let answer = executor::benchmark_call(state, METHOD, &config.encode())
        .map_err(|error| failed(error.to_string()))?;
    Result::<Vec<BenchmarkBatch>, String>::decode(&mut &answer[..])
        .map_err(|error| BenchmarkError::Decode {
            method: METHOD,
            error,
        })?
        .map_err(failed)
}

/// Writes one `weights.rs` per pallet: to `output` itself for one pallet (unless it is a
/// directory), else to `<output>/<pallet>.rs`.
fn write_weights(
    output: &Path,
    fitted: &BTreeMap<String, Vec<Fitted>>,
    runtime: &str,
    args: &PalletArgs,
    header: Option<&str>,
) -> Result<(), BenchmarkError> {
    let into_dir = output.is_dir();
    if fitted.len() > 1 && !into_dir {
        return Err(BenchmarkError::OutputNotDirectory(output.to_owned()));
    }
    for (pallet, benchmarks) in fitted {
        let path = if into_dir {
            output.join(format!("{pallet}.rs"))
        } else {
            output.to_owned()
        };
        let command = format!(
            "taonet benchmark pallet --runtime <taonet_runtime_benchmarks.wasm> --pallet {pallet} \
             --extrinsic '*' --steps {} --repeat {} --output {}",
            args.steps,
            args.repeat,
            path.display()
        );
        let provenance = Provenance {
            pallet,
            runtime: runtime.to_owned(),
            command,
            header,
        };
        write(&path, &weights_file::render(&provenance, benchmarks))?;
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), BenchmarkError> {
    std::fs::write(path, text).map_err(|error| BenchmarkError::Io {
        path: path.to_owned(),
        error,
    })
}

/// What ran: per benchmark, its fitted time (µs at zero components) and storage counts.
fn summary(fitted: &BTreeMap<String, Vec<Fitted>>) -> String {
    let mut out = String::from("pallet, benchmark, base µs, slopes ps, reads, writes\n");
    for (pallet, benchmarks) in fitted {
        for bench in benchmarks {
            let slopes: Vec<String> = bench
                .time
                .slopes
                .iter()
                .map(|(name, slope)| format!("{name}: {slope}"))
                .collect();
            let _ = writeln!(
                out,
                "{pallet}, {}, {:.1}, {}, {}, {}",
                bench.name,
                bench.time.base as f64 / 1e6,
                slopes.join(" "),
                bench.reads.base,
                bench.writes.base
            );
        }
    }
    out.trim_end().to_owned()
}
