//! Weights of `pallet_commitments`, measured by `taonet benchmark pallet` on runtime
//! taonet spec_version 119: executed in wasm on a parity-db state, each storage read and write
//! priced by the runtime's `DbWeight`. Regenerate rather than edit:
//!
//! ```text
//! taonet benchmark pallet --runtime <taonet_runtime_benchmarks.wasm> --pallet pallet_commitments --extrinsic '*' --steps 10 --repeat 5 --output /tmp/bench/pallet_commitments.rs
//! ```

use core::marker::PhantomData;

use frame_support::traits::Get;
use frame_support::weights::constants::RocksDbWeight;
use frame_support::weights::Weight;

/// The weight of each call of `pallet_commitments`, from its benchmarks.
pub trait WeightInfo {
    /// `set_commitment`.
    /// The range of component `b` is `[0, 2048]`.
    fn set_commitment(b: u32) -> Weight;
    /// `set_max_space`.
    fn set_max_space() -> Weight;
    /// `clear_commitment`.
    fn clear_commitment() -> Weight;
}

/// The benchmarked weights, with reads and writes priced by the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn set_commitment(b: u32) -> Weight {
        let b = u64::from(b);
        let db = T::DbWeight::get();
        Weight::from_parts(52_007_035, 0)
            .saturating_add(Weight::from_parts(6_878, 0).saturating_mul(b))
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(4))
    }
    fn set_max_space() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(10_209_000, 0).saturating_add(db.writes(1))
    }
    fn clear_commitment() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(65_392_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(4))
    }
}

/// The same weights priced by `RocksDbWeight`, for tests and mocks.
impl WeightInfo for () {
    fn set_commitment(b: u32) -> Weight {
        let b = u64::from(b);
        let db = RocksDbWeight::get();
        Weight::from_parts(52_007_035, 0)
            .saturating_add(Weight::from_parts(6_878, 0).saturating_mul(b))
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(4))
    }
    fn set_max_space() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(10_209_000, 0).saturating_add(db.writes(1))
    }
    fn clear_commitment() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(65_392_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(4))
    }
}
