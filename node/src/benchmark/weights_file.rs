//! From measurements to a pallet's `weights.rs`: a least-squares fit of each benchmark's
//! time, reads and writes over its components (frame-benchmarking's analysis), written as
//! a `WeightInfo` trait with its runtime implementation and one for tests, in the shape
//! FRAME pallets use. The text is what `rustfmt` would make of it, so a regenerated file
//! passes `cargo fmt --check` as it is.
//!
//! Reads and writes are counted, not timed, so their fit must not fall below any count:
//! its base is raised until it covers every measured set of component values. That
//! matters where components interact: a subnet's removal writes more per uid when it also
//! holds many stakes, and a plane fitted through both series of runs (each component
//! varied with the others at their maximum) falls short at the corner where every
//! component is at its maximum, which is where calls declare their weight. Times are
//! noisy, so they keep the least-squares fit, as Substrate's do.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use frame_benchmarking::{Analysis, BenchmarkResult, BenchmarkSelector};

/// rustfmt's `chain_width`: a method chain of several calls longer than this goes one
/// call per line.
const CHAIN_WIDTH: usize = 60;

/// rustfmt's `max_width`: no line is longer.
const MAX_WIDTH: usize = 100;

/// The indentation of a weight function's body.
const BODY_INDENT: usize = 8;

/// One benchmark's fitted weight: a base and a slope per component, for each of time
/// (picoseconds), reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// The benchmark (the call it measures, usually).
    pub name: String,
    /// Its components, with their ranges.
    pub components: Vec<(String, u32, u32)>,
    /// Execution time: base and per-component slopes, in picoseconds.
    pub time: Fit,
    /// Storage reads charged at `DbWeight::read`.
    pub reads: Fit,
    /// Storage writes charged at `DbWeight::write`.
    pub writes: Fit,
}

/// A linear fit: `base + Σ slope·component`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fit {
    /// The value with every component at zero.
    pub base: u128,
    /// Per component (by name), the increase per unit; zero slopes are left out.
    pub slopes: Vec<(String, u128)>,
}

/// Fits `results` (every measured run of one benchmark).
pub fn fit(
    name: &str,
    components: Vec<(String, u32, u32)>,
    results: &[BenchmarkResult],
) -> Result<Fitted, String> {
    let owned = results.to_vec();
    let one = |selector| {
        Analysis::min_squares_iqr(&owned, selector)
            .map(|analysis| {
                let fit = Fit {
                    base: analysis.base,
                    slopes: analysis
                        .names
                        .into_iter()
                        .zip(analysis.slopes)
                        .filter(|(_, slope)| *slope > 0)
                        .collect(),
                };
                match selector {
                    BenchmarkSelector::Reads | BenchmarkSelector::Writes => {
                        covering(fit, results, selector)
                    }
                    _ => fit,
                }
            })
            .map_err(|error| error.to_string())
    };
    Ok(Fitted {
        name: name.to_owned(),
        components,
        time: one(BenchmarkSelector::ExtrinsicTime)?,
        reads: one(BenchmarkSelector::Reads)?,
        writes: one(BenchmarkSelector::Writes)?,
    })
}

/// `fit` of a count (reads or writes) with its base raised, if need be, so that it is at
/// least the median of the runs at each measured set of component values.
fn covering(mut fit: Fit, results: &[BenchmarkResult], selector: BenchmarkSelector) -> Fit {
    let mut runs: BTreeMap<Vec<(String, u32)>, Vec<u32>> = BTreeMap::new();
    for result in results {
        let point = result
            .components
            .iter()
            .map(|(name, value)| (name.to_string(), *value))
            .collect();
        let value = match selector {
            BenchmarkSelector::Reads => result.reads,
            BenchmarkSelector::Writes => result.writes,
            _ => continue,
        };
        runs.entry(point).or_default().push(value);
    }
    for (point, mut values) in runs {
        values.sort_unstable();
        let median = values.get(values.len() / 2).map_or(0, |&v| u128::from(v));
        let modelled = point.iter().fold(0u128, |sum, (name, value)| {
            let slope = fit
                .slopes
                .iter()
                .find(|(slope_name, _)| slope_name == name)
                .map_or(0, |(_, slope)| *slope);
            sum.saturating_add(slope.saturating_mul(u128::from(*value)))
        });
        fit.base = fit.base.max(median.saturating_sub(modelled));
    }
    fit
}

/// What the file says about how it was made.
pub struct Provenance<'a> {
    /// The pallet's crate name (`pallet_subtensor`).
    pub pallet: &'a str,
    /// The runtime measured: name and spec_version.
    pub runtime: String,
    /// The command line that made the file.
    pub command: String,
    /// Text put first (a licence header), if any.
    pub header: Option<&'a str>,
}

/// The `weights.rs` of one pallet.
pub fn render(provenance: &Provenance<'_>, benchmarks: &[Fitted]) -> String {
    let pallet = provenance.pallet;
    let mut out = String::new();
    if let Some(header) = provenance.header {
        out.push_str(header.trim_end());
        out.push_str("\n\n");
    }
    let _ = writeln!(
        out,
        "//! Weights of `{pallet}`, measured by `taonet benchmark pallet` on runtime\n\
         //! {}: executed in wasm on a parity-db state, each storage read and write\n\
         //! priced by the runtime's `DbWeight`. Regenerate rather than edit:\n//!\n//! ```text",
        provenance.runtime
    );
    let _ = writeln!(out, "//! {}", provenance.command);
    out.push_str(
        "//! ```\n\nuse core::marker::PhantomData;\n\nuse frame_support::traits::Get;\n\
         use frame_support::weights::constants::RocksDbWeight;\n\
         use frame_support::weights::Weight;\n\n",
    );
    let _ = writeln!(
        out,
        "/// The weight of each call of `{pallet}`, from its benchmarks.\npub trait WeightInfo {{"
    );
    for bench in benchmarks {
        let _ = writeln!(out, "    /// `{}`.", bench.name);
        for (name, low, high) in &bench.components {
            let _ = writeln!(
                out,
                "    /// The range of component `{name}` is `[{low}, {high}]`."
            );
        }
        let _ = writeln!(
            out,
            "    fn {}({}) -> Weight;",
            bench.name,
            params(bench, false)
        );
    }
    out.push_str("}\n\n");
    out.push_str(
        "/// The benchmarked weights, with reads and writes priced by the runtime's `DbWeight`.\n\
         pub struct SubstrateWeight<T>(PhantomData<T>);\n\n\
         impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {\n",
    );
    for bench in benchmarks {
        body(&mut out, bench, "T::DbWeight::get()");
    }
    out.push_str(
        "}\n\n/// The same weights priced by `RocksDbWeight`, for tests and mocks.\n\
         impl WeightInfo for () {\n",
    );
    for bench in benchmarks {
        body(&mut out, bench, "RocksDbWeight::get()");
    }
    out.push_str("}\n");
    out
}

/// The parameter list: every component as `u32`, prefixed `_` where the impl ignores it.
fn params(bench: &Fitted, in_impl: bool) -> String {
    bench
        .components
        .iter()
        .map(|(name, _, _)| {
            if in_impl && !used(bench, name) {
                format!("_{name}: u32")
            } else {
                format!("{name}: u32")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn used(bench: &Fitted, component: &str) -> bool {
    [&bench.time, &bench.reads, &bench.writes]
        .iter()
        .any(|fit| fit.slopes.iter().any(|(name, _)| name == component))
}

/// One function of an impl, the db weight taken from `db`.
fn body(out: &mut String, bench: &Fitted, db: &str) {
    let _ = writeln!(
        out,
        "    fn {}({}) -> Weight {{",
        bench.name,
        params(bench, true)
    );
    for (name, _, _) in bench.components.iter().filter(|(n, _, _)| used(bench, n)) {
        let _ = writeln!(out, "        let {name} = u64::from({name});");
    }
    let counts = bench.reads.base > 0
        || bench.writes.base > 0
        || !bench.reads.slopes.is_empty()
        || !bench.writes.slopes.is_empty();
    if counts {
        let _ = writeln!(out, "        let db = {db};");
    }
    let mut chain = vec![format!(
        "Weight::from_parts({}, 0)",
        underscored(bench.time.base)
    )];
    for (name, slope) in &bench.time.slopes {
        chain.push(format!(
            ".saturating_add(Weight::from_parts({}, 0).saturating_mul({name}))",
            underscored(*slope)
        ));
    }
    for (kind, fit) in [("reads", &bench.reads), ("writes", &bench.writes)] {
        if fit.base > 0 {
            chain.push(format!(
                ".saturating_add(db.{kind}({}))",
                underscored(fit.base)
            ));
        }
        for (name, slope) in &fit.slopes {
            chain.push(format!(
                ".saturating_add(db.{kind}({name}.saturating_mul({})))",
                underscored(*slope)
            ));
        }
    }
    let one_line: String = chain.concat();
    // rustfmt gives a chain of one call after its root the whole line, and longer chains
    // `chain_width`.
    let fits = if chain.len() <= 2 {
        BODY_INDENT.saturating_add(one_line.len()) <= MAX_WIDTH
    } else {
        one_line.len() <= CHAIN_WIDTH
    };
    if fits {
        let _ = writeln!(out, "        {one_line}");
    } else {
        let mut calls = chain.iter();
        if let Some(first) = calls.next() {
            let _ = writeln!(out, "        {first}");
        }
        for call in calls {
            let _ = writeln!(out, "            {call}");
        }
    }
    out.push_str("    }\n");
}

/// `12345678` as `12_345_678`, as the Rust style writes long literals.
fn underscored(value: u128) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fitted() -> Fitted {
        Fitted {
            name: "register".into(),
            components: vec![("n".into(), 1, 4096), ("s".into(), 0, 64)],
            time: Fit {
                base: 9_000_000,
                slopes: vec![("n".into(), 12_345)],
            },
            reads: Fit {
                base: 4,
                slopes: vec![("n".into(), 2)],
            },
            writes: Fit {
                base: 3,
                slopes: Vec::new(),
            },
        }
    }

    /// A run of `writes` writes at components `n` and `s`.
    fn run(n: u32, s: u32, writes: u32) -> BenchmarkResult {
        use frame_benchmarking::BenchmarkParameter;
        BenchmarkResult {
            components: vec![(BenchmarkParameter::n, n), (BenchmarkParameter::s, s)],
            writes,
            ..Default::default()
        }
    }

    #[test]
    fn the_base_rises_until_every_measured_median_is_covered() {
        // A fit of n + s that misses the corner, where 3 runs wrote 300, 250 and 900.
        let fit = Fit {
            base: 10,
            slopes: vec![("n".into(), 1), ("s".into(), 1)],
        };
        let results = [
            run(0, 100, 100),
            run(100, 0, 100),
            run(100, 100, 300),
            run(100, 100, 250),
            run(100, 100, 900),
        ];
        let covered = covering(fit.clone(), &results, BenchmarkSelector::Writes);
        // The corner's median, 300, less what the slopes give there, 200.
        assert_eq!(covered.base, 100);
        assert_eq!(covered.slopes, fit.slopes);
        // A fit that covers every median keeps its base.
        let above = Fit { base: 200, ..fit };
        assert_eq!(
            covering(above, &results, BenchmarkSelector::Writes).base,
            200
        );
    }

    #[test]
    fn literals_are_grouped_by_thousands() {
        assert_eq!(underscored(0), "0");
        assert_eq!(underscored(999), "999");
        assert_eq!(underscored(1_000), "1_000");
        assert_eq!(underscored(12_345_678), "12_345_678");
    }

    #[test]
    fn the_file_declares_every_benchmark_with_its_components() {
        let text = render(
            &Provenance {
                pallet: "pallet_subtensor",
                runtime: "taonet 116".into(),
                command: "taonet benchmark pallet".into(),
                header: None,
            },
            &[fitted()],
        );
        assert!(text.contains("    fn register(n: u32, s: u32) -> Weight;\n"));
        assert!(text.contains("    fn register(n: u32, _s: u32) -> Weight {\n"));
        assert!(text.contains(
            "            .saturating_add(Weight::from_parts(12_345, 0).saturating_mul(n))\n"
        ));
        assert!(text.contains("            .saturating_add(db.reads(n.saturating_mul(2)))\n"));
        assert!(text.contains("        let db = RocksDbWeight::get();\n"));
        assert!(text.contains("        let db = T::DbWeight::get();\n"));
        assert!(!text.contains("let s"));
    }

    #[test]
    fn a_short_chain_stays_on_one_line() {
        let mut bench = fitted();
        bench.components.clear();
        bench.time = Fit {
            base: 5_000,
            slopes: Vec::new(),
        };
        bench.reads = Fit::default();
        bench.writes = Fit::default();
        let mut out = String::new();
        body(&mut out, &bench, "RocksDbWeight::get()");
        assert_eq!(
            out,
            "    fn register() -> Weight {\n        Weight::from_parts(5_000, 0)\n    }\n"
        );
    }
}
