//! The benchmarks a `runtime-benchmarks` build serves through the `Benchmark` API: every
//! pallet of ours, each measured by `taonet benchmark pallet` into its `weights.rs`.
//! Pallets from polkadot-sdk keep the weights their authors measured.

frame_benchmarking::define_benchmarks!(
    [pallet_subtensor, SubtensorModule]
    [pallet_admin_utils, AdminUtils]
    [pallet_commitments, Commitments]
);
