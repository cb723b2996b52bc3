//! Weights of `pallet_subtensor`, measured by `taonet benchmark pallet` on runtime
//! taonet spec_version 117: executed in wasm on a parity-db state, each storage read and write
//! priced by the runtime's `DbWeight`. Regenerate rather than edit:
//!
//! ```text
//! taonet benchmark pallet --runtime <taonet_runtime_benchmarks.wasm> --pallet pallet_subtensor --extrinsic '*' --steps 10 --repeat 5 --output /tmp/weights3/pallet_subtensor.rs
//! ```

use core::marker::PhantomData;

use frame_support::traits::Get;
use frame_support::weights::constants::RocksDbWeight;
use frame_support::weights::Weight;

/// The weight of each call of `pallet_subtensor`, from its benchmarks.
pub trait WeightInfo {
    /// `register_network`.
    /// The range of component `n` is `[1, 4096]`.
    /// The range of component `s` is `[0, 4096]`.
    fn register_network(n: u32, s: u32) -> Weight;
    /// `burned_register`.
    /// The range of component `n` is `[2, 4096]`.
    fn burned_register(n: u32) -> Weight;
    /// `register`.
    /// The range of component `n` is `[2, 4096]`.
    fn register(n: u32) -> Weight;
    /// `set_weights`.
    /// The range of component `w` is `[1, 4096]`.
    fn set_weights(w: u32) -> Weight;
    /// `commit_weights`.
    fn commit_weights() -> Weight;
    /// `reveal_weights`.
    /// The range of component `w` is `[1, 4096]`.
    fn reveal_weights(w: u32) -> Weight;
    /// `add_stake`.
    fn add_stake() -> Weight;
    /// `remove_stake`.
    fn remove_stake() -> Weight;
    /// `decrease_take`.
    fn decrease_take() -> Weight;
    /// `increase_take`.
    fn increase_take() -> Weight;
    /// `serve_axon`.
    fn serve_axon() -> Weight;
    /// `serve_prometheus`.
    fn serve_prometheus() -> Weight;
    /// `dissolve_network`.
    /// The range of component `n` is `[1, 4096]`.
    /// The range of component `s` is `[0, 4096]`.
    fn dissolve_network(n: u32, s: u32) -> Weight;
    /// `register_network_with_identity`.
    /// The range of component `n` is `[1, 4096]`.
    /// The range of component `s` is `[0, 4096]`.
    fn register_network_with_identity(n: u32, s: u32) -> Weight;
    /// `set_identity`.
    /// The range of component `s` is `[1, 128]`.
    fn set_identity(s: u32) -> Weight;
    /// `set_subnet_identity`.
    fn set_subnet_identity() -> Weight;
    /// `register_limit`.
    /// The range of component `n` is `[2, 4096]`.
    fn register_limit(n: u32) -> Weight;
    /// `start_call`.
    fn start_call() -> Weight;
    /// `set_mechanism_weights`.
    /// The range of component `w` is `[1, 4096]`.
    fn set_mechanism_weights(w: u32) -> Weight;
    /// `commit_mechanism_weights`.
    fn commit_mechanism_weights() -> Weight;
    /// `reveal_mechanism_weights`.
    /// The range of component `w` is `[1, 4096]`.
    fn reveal_mechanism_weights(w: u32) -> Weight;
    /// `batch_set_weights`.
    /// The range of component `b` is `[1, 128]`.
    /// The range of component `w` is `[1, 4096]`.
    fn batch_set_weights(b: u32, w: u32) -> Weight;
    /// `add_stake_limit`.
    fn add_stake_limit() -> Weight;
    /// `remove_stake_limit`.
    fn remove_stake_limit() -> Weight;
    /// `remove_stake_full_limit`.
    fn remove_stake_full_limit() -> Weight;
    /// `unstake_all`.
    /// The range of component `s` is `[1, 128]`.
    fn unstake_all(s: u32) -> Weight;
    /// `set_tempo`.
    fn set_tempo() -> Weight;
    /// `set_activity_cutoff_factor`.
    fn set_activity_cutoff_factor() -> Weight;
    /// `swap_hotkey`.
    /// The range of component `s` is `[1, 128]`.
    /// The range of component `k` is `[0, 1024]`.
    fn swap_hotkey(s: u32, k: u32) -> Weight;
    /// `move_stake`.
    fn move_stake() -> Weight;
    /// `transfer_stake`.
    fn transfer_stake() -> Weight;
    /// `swap_stake`.
    fn swap_stake() -> Weight;
    /// `swap_stake_limit`.
    fn swap_stake_limit() -> Weight;
    /// `on_initialize_epoch`.
    /// The range of component `n` is `[1, 4096]`.
    /// The range of component `m` is `[0, 4096]`.
    fn on_initialize_epoch(n: u32, m: u32) -> Weight;
}

/// The benchmarked weights, with reads and writes priced by the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn register_network(n: u32, s: u32) -> Weight {
        let n = u64::from(n);
        let s = u64::from(s);
        let db = T::DbWeight::get();
        Weight::from_parts(143_843_063_000, 0)
            .saturating_add(Weight::from_parts(20_237_521, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(115_205_042, 0).saturating_mul(s))
            .saturating_add(db.reads(4_503))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(21_064))
            .saturating_add(db.writes(n.saturating_mul(2)))
            .saturating_add(db.writes(s.saturating_mul(1)))
    }
    fn burned_register(n: u32) -> Weight {
        let n = u64::from(n);
        let db = T::DbWeight::get();
        Weight::from_parts(2_198_182_391, 0)
            .saturating_add(Weight::from_parts(8_258_177, 0).saturating_mul(n))
            .saturating_add(db.reads(279))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(275))
    }
    fn register(n: u32) -> Weight {
        let n = u64::from(n);
        let db = T::DbWeight::get();
        Weight::from_parts(3_934_153_145, 0)
            .saturating_add(Weight::from_parts(9_411_731, 0).saturating_mul(n))
            .saturating_add(db.reads(276))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(272))
    }
    fn set_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(101_039_000, 0)
            .saturating_add(Weight::from_parts(1_044_199, 0).saturating_mul(w))
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(2))
    }
    fn commit_weights() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(139_942_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(1))
    }
    fn reveal_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(140_863_000, 0)
            .saturating_add(Weight::from_parts(1_206_057, 0).saturating_mul(w))
            .saturating_add(db.reads(16))
            .saturating_add(db.writes(3))
    }
    fn add_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(169_937_000, 0)
            .saturating_add(db.reads(10))
            .saturating_add(db.writes(7))
    }
    fn remove_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(94_276_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(6))
    }
    fn decrease_take() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(28_654_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(1))
    }
    fn increase_take() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(33_774_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn serve_axon() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(29_776_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(1))
    }
    fn serve_prometheus() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(28_333_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(1))
    }
    fn dissolve_network(n: u32, s: u32) -> Weight {
        let n = u64::from(n);
        let s = u64::from(s);
        let db = T::DbWeight::get();
        Weight::from_parts(137_692_240_000, 0)
            .saturating_add(Weight::from_parts(12_909_772, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(106_381_775, 0).saturating_mul(s))
            .saturating_add(db.reads(4_108))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(21_056))
            .saturating_add(db.writes(n.saturating_mul(2)))
            .saturating_add(db.writes(s.saturating_mul(1)))
    }
    fn register_network_with_identity(n: u32, s: u32) -> Weight {
        let n = u64::from(n);
        let s = u64::from(s);
        let db = T::DbWeight::get();
        Weight::from_parts(103_898_894_000, 0)
            .saturating_add(Weight::from_parts(3_303_745, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(146_096_967, 0).saturating_mul(s))
            .saturating_add(db.reads(4_503))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(21_064))
            .saturating_add(db.writes(n.saturating_mul(2)))
            .saturating_add(db.writes(s.saturating_mul(1)))
    }
    fn set_identity(s: u32) -> Weight {
        let s = u64::from(s);
        let db = T::DbWeight::get();
        Weight::from_parts(92_447_885, 0)
            .saturating_add(Weight::from_parts(7_313_750, 0).saturating_mul(s))
            .saturating_add(db.reads(1))
            .saturating_add(db.reads(s.saturating_mul(2)))
            .saturating_add(db.writes(1))
    }
    fn set_subnet_identity() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(63_068_000, 0)
            .saturating_add(db.reads(2))
            .saturating_add(db.writes(1))
    }
    fn register_limit(n: u32) -> Weight {
        let n = u64::from(n);
        let db = T::DbWeight::get();
        Weight::from_parts(1_279_770_314, 0)
            .saturating_add(Weight::from_parts(13_145_835, 0).saturating_mul(n))
            .saturating_add(db.reads(279))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(275))
    }
    fn start_call() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(44_854_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(1))
    }
    fn set_mechanism_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(160_186_000, 0)
            .saturating_add(Weight::from_parts(1_214_727, 0).saturating_mul(w))
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(2))
    }
    fn commit_mechanism_weights() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(185_367_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(1))
    }
    fn reveal_mechanism_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(420_664_281, 0)
            .saturating_add(Weight::from_parts(1_093_924, 0).saturating_mul(w))
            .saturating_add(db.reads(16))
            .saturating_add(db.writes(3))
    }
    fn batch_set_weights(b: u32, w: u32) -> Weight {
        let b = u64::from(b);
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(4_811_901_000, 0)
            .saturating_add(Weight::from_parts(37_340_504, 0).saturating_mul(b))
            .saturating_add(Weight::from_parts(2_140_868, 0).saturating_mul(w))
            .saturating_add(db.reads(1))
            .saturating_add(db.reads(b.saturating_mul(12)))
            .saturating_add(db.writes(b.saturating_mul(2)))
    }
    fn add_stake_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(108_173_000, 0)
            .saturating_add(db.reads(10))
            .saturating_add(db.writes(7))
    }
    fn remove_stake_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(118_201_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(6))
    }
    fn remove_stake_full_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(102_862_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(6))
    }
    fn unstake_all(s: u32) -> Weight {
        let s = u64::from(s);
        let db = T::DbWeight::get();
        Weight::from_parts(142_006_000, 0)
            .saturating_add(Weight::from_parts(146_014_438, 0).saturating_mul(s))
            .saturating_add(db.reads(6))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(3))
            .saturating_add(db.writes(s.saturating_mul(3)))
    }
    fn set_tempo() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(25_207_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(2))
    }
    fn set_activity_cutoff_factor() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(24_276_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(2))
    }
    fn swap_hotkey(s: u32, k: u32) -> Weight {
        let s = u64::from(s);
        let k = u64::from(k);
        let db = T::DbWeight::get();
        Weight::from_parts(7_091_301_000, 0)
            .saturating_add(Weight::from_parts(98_373_669, 0).saturating_mul(s))
            .saturating_add(Weight::from_parts(76_499_418, 0).saturating_mul(k))
            .saturating_add(db.reads(1_802))
            .saturating_add(db.reads(s.saturating_mul(5)))
            .saturating_add(db.reads(k.saturating_mul(3)))
            .saturating_add(db.writes(2_056))
            .saturating_add(db.writes(s.saturating_mul(6)))
            .saturating_add(db.writes(k.saturating_mul(2)))
    }
    fn move_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(142_226_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(8))
    }
    fn transfer_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(146_133_000, 0)
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(9))
    }
    fn swap_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(149_469_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(8))
    }
    fn swap_stake_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(110_496_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(8))
    }
    fn on_initialize_epoch(n: u32, m: u32) -> Weight {
        let n = u64::from(n);
        let m = u64::from(m);
        let db = T::DbWeight::get();
        Weight::from_parts(132_009_121_283, 0)
            .saturating_add(Weight::from_parts(133_417_756, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(6_216_142, 0).saturating_mul(m))
            .saturating_add(db.reads(554))
            .saturating_add(db.reads(n.saturating_mul(7)))
            .saturating_add(db.reads(m.saturating_mul(1)))
            .saturating_add(db.writes(24))
            .saturating_add(db.writes(n.saturating_mul(3)))
            .saturating_add(db.writes(m.saturating_mul(1)))
    }
}

/// The same weights priced by `RocksDbWeight`, for tests and mocks.
impl WeightInfo for () {
    fn register_network(n: u32, s: u32) -> Weight {
        let n = u64::from(n);
        let s = u64::from(s);
        let db = RocksDbWeight::get();
        Weight::from_parts(143_843_063_000, 0)
            .saturating_add(Weight::from_parts(20_237_521, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(115_205_042, 0).saturating_mul(s))
            .saturating_add(db.reads(4_503))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(21_064))
            .saturating_add(db.writes(n.saturating_mul(2)))
            .saturating_add(db.writes(s.saturating_mul(1)))
    }
    fn burned_register(n: u32) -> Weight {
        let n = u64::from(n);
        let db = RocksDbWeight::get();
        Weight::from_parts(2_198_182_391, 0)
            .saturating_add(Weight::from_parts(8_258_177, 0).saturating_mul(n))
            .saturating_add(db.reads(279))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(275))
    }
    fn register(n: u32) -> Weight {
        let n = u64::from(n);
        let db = RocksDbWeight::get();
        Weight::from_parts(3_934_153_145, 0)
            .saturating_add(Weight::from_parts(9_411_731, 0).saturating_mul(n))
            .saturating_add(db.reads(276))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(272))
    }
    fn set_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(101_039_000, 0)
            .saturating_add(Weight::from_parts(1_044_199, 0).saturating_mul(w))
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(2))
    }
    fn commit_weights() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(139_942_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(1))
    }
    fn reveal_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(140_863_000, 0)
            .saturating_add(Weight::from_parts(1_206_057, 0).saturating_mul(w))
            .saturating_add(db.reads(16))
            .saturating_add(db.writes(3))
    }
    fn add_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(169_937_000, 0)
            .saturating_add(db.reads(10))
            .saturating_add(db.writes(7))
    }
    fn remove_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(94_276_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(6))
    }
    fn decrease_take() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(28_654_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(1))
    }
    fn increase_take() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(33_774_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn serve_axon() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(29_776_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(1))
    }
    fn serve_prometheus() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(28_333_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(1))
    }
    fn dissolve_network(n: u32, s: u32) -> Weight {
        let n = u64::from(n);
        let s = u64::from(s);
        let db = RocksDbWeight::get();
        Weight::from_parts(137_692_240_000, 0)
            .saturating_add(Weight::from_parts(12_909_772, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(106_381_775, 0).saturating_mul(s))
            .saturating_add(db.reads(4_108))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(21_056))
            .saturating_add(db.writes(n.saturating_mul(2)))
            .saturating_add(db.writes(s.saturating_mul(1)))
    }
    fn register_network_with_identity(n: u32, s: u32) -> Weight {
        let n = u64::from(n);
        let s = u64::from(s);
        let db = RocksDbWeight::get();
        Weight::from_parts(103_898_894_000, 0)
            .saturating_add(Weight::from_parts(3_303_745, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(146_096_967, 0).saturating_mul(s))
            .saturating_add(db.reads(4_503))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(21_064))
            .saturating_add(db.writes(n.saturating_mul(2)))
            .saturating_add(db.writes(s.saturating_mul(1)))
    }
    fn set_identity(s: u32) -> Weight {
        let s = u64::from(s);
        let db = RocksDbWeight::get();
        Weight::from_parts(92_447_885, 0)
            .saturating_add(Weight::from_parts(7_313_750, 0).saturating_mul(s))
            .saturating_add(db.reads(1))
            .saturating_add(db.reads(s.saturating_mul(2)))
            .saturating_add(db.writes(1))
    }
    fn set_subnet_identity() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(63_068_000, 0)
            .saturating_add(db.reads(2))
            .saturating_add(db.writes(1))
    }
    fn register_limit(n: u32) -> Weight {
        let n = u64::from(n);
        let db = RocksDbWeight::get();
        Weight::from_parts(1_279_770_314, 0)
            .saturating_add(Weight::from_parts(13_145_835, 0).saturating_mul(n))
            .saturating_add(db.reads(279))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(275))
    }
    fn start_call() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(44_854_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(1))
    }
    fn set_mechanism_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(160_186_000, 0)
            .saturating_add(Weight::from_parts(1_214_727, 0).saturating_mul(w))
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(2))
    }
    fn commit_mechanism_weights() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(185_367_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(1))
    }
    fn reveal_mechanism_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(420_664_281, 0)
            .saturating_add(Weight::from_parts(1_093_924, 0).saturating_mul(w))
            .saturating_add(db.reads(16))
            .saturating_add(db.writes(3))
    }
    fn batch_set_weights(b: u32, w: u32) -> Weight {
        let b = u64::from(b);
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(4_811_901_000, 0)
            .saturating_add(Weight::from_parts(37_340_504, 0).saturating_mul(b))
            .saturating_add(Weight::from_parts(2_140_868, 0).saturating_mul(w))
            .saturating_add(db.reads(1))
            .saturating_add(db.reads(b.saturating_mul(12)))
            .saturating_add(db.writes(b.saturating_mul(2)))
    }
    fn add_stake_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(108_173_000, 0)
            .saturating_add(db.reads(10))
            .saturating_add(db.writes(7))
    }
    fn remove_stake_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(118_201_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(6))
    }
    fn remove_stake_full_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(102_862_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(6))
    }
    fn unstake_all(s: u32) -> Weight {
        let s = u64::from(s);
        let db = RocksDbWeight::get();
        Weight::from_parts(142_006_000, 0)
            .saturating_add(Weight::from_parts(146_014_438, 0).saturating_mul(s))
            .saturating_add(db.reads(6))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(3))
            .saturating_add(db.writes(s.saturating_mul(3)))
    }
    fn set_tempo() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(25_207_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(2))
    }
    fn set_activity_cutoff_factor() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(24_276_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(2))
    }
    fn swap_hotkey(s: u32, k: u32) -> Weight {
        let s = u64::from(s);
        let k = u64::from(k);
        let db = RocksDbWeight::get();
        Weight::from_parts(7_091_301_000, 0)
            .saturating_add(Weight::from_parts(98_373_669, 0).saturating_mul(s))
            .saturating_add(Weight::from_parts(76_499_418, 0).saturating_mul(k))
            .saturating_add(db.reads(1_802))
            .saturating_add(db.reads(s.saturating_mul(5)))
            .saturating_add(db.reads(k.saturating_mul(3)))
            .saturating_add(db.writes(2_056))
            .saturating_add(db.writes(s.saturating_mul(6)))
            .saturating_add(db.writes(k.saturating_mul(2)))
    }
    fn move_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(142_226_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(8))
    }
    fn transfer_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(146_133_000, 0)
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(9))
    }
    fn swap_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(149_469_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(8))
    }
    fn swap_stake_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(110_496_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(8))
    }
    fn on_initialize_epoch(n: u32, m: u32) -> Weight {
        let n = u64::from(n);
        let m = u64::from(m);
        let db = RocksDbWeight::get();
        Weight::from_parts(132_009_121_283, 0)
            .saturating_add(Weight::from_parts(133_417_756, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(6_216_142, 0).saturating_mul(m))
            .saturating_add(db.reads(554))
            .saturating_add(db.reads(n.saturating_mul(7)))
            .saturating_add(db.reads(m.saturating_mul(1)))
            .saturating_add(db.writes(24))
            .saturating_add(db.writes(n.saturating_mul(3)))
            .saturating_add(db.writes(m.saturating_mul(1)))
    }
}
