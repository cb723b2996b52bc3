//! Weights of `pallet_subtensor`, measured by `taonet benchmark pallet` on runtime
//! taonet spec_version 120: executed in wasm on a parity-db state, each storage read and write
//! priced by the runtime's `DbWeight`. Regenerate rather than edit:
//!
//! ```text
//! taonet benchmark pallet --runtime <taonet_runtime_benchmarks.wasm> --pallet pallet_subtensor --extrinsic '*' --steps 10 --repeat 5 --output /tmp/pallet_subtensor.rs
//! ```

use core::marker::PhantomData;

use frame_support::traits::Get;
use frame_support::weights::constants::RocksDbWeight;
use frame_support::weights::Weight;

/// The weight of each call of `pallet_subtensor`, from its benchmarks.
pub trait WeightInfo {
    /// `register_network`.
    /// The range of component `l` is `[1, 128]`.
    fn register_network(l: u32) -> Weight;
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
    fn dissolve_network() -> Weight;
    /// `register_network_with_identity`.
    /// The range of component `l` is `[1, 128]`.
    fn register_network_with_identity(l: u32) -> Weight;
    /// `set_identity`.
    /// The range of component `o` is `[1, 4096]`.
    fn set_identity(o: u32) -> Weight;
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
    /// `on_initialize_subnets`.
    /// The range of component `s` is `[1, 128]`.
    fn on_initialize_subnets(s: u32) -> Weight;
    /// `on_initialize_epoch`.
    /// The range of component `n` is `[1, 4096]`.
    /// The range of component `m` is `[0, 4096]`.
    fn on_initialize_epoch(n: u32, m: u32) -> Weight;
    /// `on_initialize_cleanup_stakes`.
    /// The range of component `s` is `[1, 256]`.
    fn on_initialize_cleanup_stakes(s: u32) -> Weight;
    /// `on_initialize_cleanup_neurons`.
    /// The range of component `k` is `[3, 1024]`.
    fn on_initialize_cleanup_neurons(k: u32) -> Weight;
    /// `on_initialize_cleanup_finish`.
    fn on_initialize_cleanup_finish() -> Weight;
}

/// The benchmarked weights, with reads and writes priced by the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn register_network(l: u32) -> Weight {
        let l = u64::from(l);
        let db = T::DbWeight::get();
        Weight::from_parts(531_376_701, 0)
            .saturating_add(Weight::from_parts(21_129_925, 0).saturating_mul(l))
            .saturating_add(db.reads(42))
            .saturating_add(db.reads(l.saturating_mul(3)))
            .saturating_add(db.writes(30))
    }
    fn burned_register(n: u32) -> Weight {
        let n = u64::from(n);
        let db = T::DbWeight::get();
        Weight::from_parts(184_634_000, 0)
            .saturating_add(Weight::from_parts(3_252_488, 0).saturating_mul(n))
            .saturating_add(db.reads(22))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(20))
    }
    fn register(n: u32) -> Weight {
        let n = u64::from(n);
        let db = T::DbWeight::get();
        Weight::from_parts(165_907_000, 0)
            .saturating_add(Weight::from_parts(3_611_115, 0).saturating_mul(n))
            .saturating_add(db.reads(19))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(17))
    }
    fn set_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(47_661_000, 0)
            .saturating_add(Weight::from_parts(1_657_175, 0).saturating_mul(w))
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(2))
    }
    fn commit_weights() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(56_654_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(1))
    }
    fn reveal_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(88_011_000, 0)
            .saturating_add(Weight::from_parts(1_811_827, 0).saturating_mul(w))
            .saturating_add(db.reads(16))
            .saturating_add(db.writes(3))
    }
    fn add_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(373_936_000, 0)
            .saturating_add(db.reads(11))
            .saturating_add(db.writes(8))
    }
    fn remove_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(128_451_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(7))
    }
    fn decrease_take() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(26_890_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(1))
    }
    fn increase_take() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(31_476_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn serve_axon() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(26_580_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(1))
    }
    fn serve_prometheus() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(27_691_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(1))
    }
    fn dissolve_network() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(69_804_000, 0)
            .saturating_add(db.reads(9))
            .saturating_add(db.writes(10))
    }
    fn register_network_with_identity(l: u32) -> Weight {
        let l = u64::from(l);
        let db = T::DbWeight::get();
        Weight::from_parts(325_115_067, 0)
            .saturating_add(Weight::from_parts(36_523_741, 0).saturating_mul(l))
            .saturating_add(db.reads(42))
            .saturating_add(db.reads(l.saturating_mul(3)))
            .saturating_add(db.writes(31))
    }
    fn set_identity(o: u32) -> Weight {
        let o = u64::from(o);
        let db = T::DbWeight::get();
        Weight::from_parts(30_665_000, 0)
            .saturating_add(Weight::from_parts(34_170_432, 0).saturating_mul(o))
            .saturating_add(db.reads(3))
            .saturating_add(db.reads(o.saturating_mul(9)))
            .saturating_add(db.writes(1))
    }
    fn set_subnet_identity() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(31_727_000, 0)
            .saturating_add(db.reads(2))
            .saturating_add(db.writes(1))
    }
    fn register_limit(n: u32) -> Weight {
        let n = u64::from(n);
        let db = T::DbWeight::get();
        Weight::from_parts(166_137_000, 0)
            .saturating_add(Weight::from_parts(3_017_889, 0).saturating_mul(n))
            .saturating_add(db.reads(22))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(20))
    }
    fn start_call() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(23_585_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(1))
    }
    fn set_mechanism_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(44_587_000, 0)
            .saturating_add(Weight::from_parts(1_587_217, 0).saturating_mul(w))
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(2))
    }
    fn commit_mechanism_weights() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(56_724_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(1))
    }
    fn reveal_mechanism_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(285_565_000, 0)
            .saturating_add(Weight::from_parts(1_721_002, 0).saturating_mul(w))
            .saturating_add(db.reads(16))
            .saturating_add(db.writes(3))
    }
    fn batch_set_weights(b: u32, w: u32) -> Weight {
        let b = u64::from(b);
        let w = u64::from(w);
        let db = T::DbWeight::get();
        Weight::from_parts(5_168_054_000, 0)
            .saturating_add(Weight::from_parts(27_324_085, 0).saturating_mul(b))
            .saturating_add(Weight::from_parts(2_089_436, 0).saturating_mul(w))
            .saturating_add(db.reads(1))
            .saturating_add(db.reads(b.saturating_mul(12)))
            .saturating_add(db.writes(b.saturating_mul(2)))
    }
    fn add_stake_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(157_274_000, 0)
            .saturating_add(db.reads(11))
            .saturating_add(db.writes(8))
    }
    fn remove_stake_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(94_070_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(7))
    }
    fn remove_stake_full_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(114_390_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(7))
    }
    fn unstake_all(s: u32) -> Weight {
        let s = u64::from(s);
        let db = T::DbWeight::get();
        Weight::from_parts(174_660_000, 0)
            .saturating_add(Weight::from_parts(101_616_148, 0).saturating_mul(s))
            .saturating_add(db.reads(6))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(3))
            .saturating_add(db.writes(s.saturating_mul(4)))
    }
    fn set_tempo() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(24_967_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(2))
    }
    fn set_activity_cutoff_factor() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(24_496_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(2))
    }
    fn swap_hotkey(s: u32, k: u32) -> Weight {
        let s = u64::from(s);
        let k = u64::from(k);
        let db = T::DbWeight::get();
        Weight::from_parts(5_589_611_000, 0)
            .saturating_add(Weight::from_parts(1_539_236_708, 0).saturating_mul(k))
            .saturating_add(db.reads(1_802))
            .saturating_add(db.reads(s.saturating_mul(5)))
            .saturating_add(db.reads(k.saturating_mul(4)))
            .saturating_add(db.writes(2_056))
            .saturating_add(db.writes(s.saturating_mul(6)))
            .saturating_add(db.writes(k.saturating_mul(4)))
    }
    fn move_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(120_519_000, 0)
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(10))
    }
    fn transfer_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(116_423_000, 0)
            .saturating_add(db.reads(14))
            .saturating_add(db.writes(11))
    }
    fn swap_stake() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(121_420_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(10))
    }
    fn swap_stake_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(113_278_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(10))
    }
    fn on_initialize_subnets(s: u32) -> Weight {
        let s = u64::from(s);
        let db = T::DbWeight::get();
        Weight::from_parts(645_744_048, 0)
            .saturating_add(Weight::from_parts(67_184_898, 0).saturating_mul(s))
            .saturating_add(db.reads(3))
            .saturating_add(db.reads(s.saturating_mul(19)))
            .saturating_add(db.writes(2))
            .saturating_add(db.writes(s.saturating_mul(9)))
    }
    fn on_initialize_epoch(n: u32, m: u32) -> Weight {
        let n = u64::from(n);
        let m = u64::from(m);
        let db = T::DbWeight::get();
        Weight::from_parts(114_197_425_000, 0)
            .saturating_add(Weight::from_parts(104_152_697, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(5_543_303, 0).saturating_mul(m))
            .saturating_add(db.reads(42))
            .saturating_add(db.reads(n.saturating_mul(9)))
            .saturating_add(db.reads(m.saturating_mul(1)))
            .saturating_add(db.writes(7_703))
            .saturating_add(db.writes(n.saturating_mul(4)))
    }
    fn on_initialize_cleanup_stakes(s: u32) -> Weight {
        let s = u64::from(s);
        let db = T::DbWeight::get();
        Weight::from_parts(86_548_000, 0)
            .saturating_add(Weight::from_parts(82_848_387, 0).saturating_mul(s))
            .saturating_add(db.reads(4))
            .saturating_add(db.reads(s.saturating_mul(6)))
            .saturating_add(db.writes(2))
            .saturating_add(db.writes(s.saturating_mul(5)))
    }
    fn on_initialize_cleanup_neurons(k: u32) -> Weight {
        let k = u64::from(k);
        let db = T::DbWeight::get();
        Weight::from_parts(142_251_000, 0)
            .saturating_add(Weight::from_parts(3_634_041, 0).saturating_mul(k))
            .saturating_add(db.reads(344))
            .saturating_add(db.writes(3))
            .saturating_add(db.writes(k.saturating_mul(1)))
    }
    fn on_initialize_cleanup_finish() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(3_659_130_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(58))
    }
}

/// The same weights priced by `RocksDbWeight`, for tests and mocks.
impl WeightInfo for () {
    fn register_network(l: u32) -> Weight {
        let l = u64::from(l);
        let db = RocksDbWeight::get();
        Weight::from_parts(531_376_701, 0)
            .saturating_add(Weight::from_parts(21_129_925, 0).saturating_mul(l))
            .saturating_add(db.reads(42))
            .saturating_add(db.reads(l.saturating_mul(3)))
            .saturating_add(db.writes(30))
    }
    fn burned_register(n: u32) -> Weight {
        let n = u64::from(n);
        let db = RocksDbWeight::get();
        Weight::from_parts(184_634_000, 0)
            .saturating_add(Weight::from_parts(3_252_488, 0).saturating_mul(n))
            .saturating_add(db.reads(22))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(20))
    }
    fn register(n: u32) -> Weight {
        let n = u64::from(n);
        let db = RocksDbWeight::get();
        Weight::from_parts(165_907_000, 0)
            .saturating_add(Weight::from_parts(3_611_115, 0).saturating_mul(n))
            .saturating_add(db.reads(19))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(17))
    }
    fn set_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(47_661_000, 0)
            .saturating_add(Weight::from_parts(1_657_175, 0).saturating_mul(w))
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(2))
    }
    fn commit_weights() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(56_654_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(1))
    }
    fn reveal_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(88_011_000, 0)
            .saturating_add(Weight::from_parts(1_811_827, 0).saturating_mul(w))
            .saturating_add(db.reads(16))
            .saturating_add(db.writes(3))
    }
    fn add_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(373_936_000, 0)
            .saturating_add(db.reads(11))
            .saturating_add(db.writes(8))
    }
    fn remove_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(128_451_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(7))
    }
    fn decrease_take() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(26_890_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(1))
    }
    fn increase_take() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(31_476_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn serve_axon() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(26_580_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(1))
    }
    fn serve_prometheus() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(27_691_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(1))
    }
    fn dissolve_network() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(69_804_000, 0)
            .saturating_add(db.reads(9))
            .saturating_add(db.writes(10))
    }
    fn register_network_with_identity(l: u32) -> Weight {
        let l = u64::from(l);
        let db = RocksDbWeight::get();
        Weight::from_parts(325_115_067, 0)
            .saturating_add(Weight::from_parts(36_523_741, 0).saturating_mul(l))
            .saturating_add(db.reads(42))
            .saturating_add(db.reads(l.saturating_mul(3)))
            .saturating_add(db.writes(31))
    }
    fn set_identity(o: u32) -> Weight {
        let o = u64::from(o);
        let db = RocksDbWeight::get();
        Weight::from_parts(30_665_000, 0)
            .saturating_add(Weight::from_parts(34_170_432, 0).saturating_mul(o))
            .saturating_add(db.reads(3))
            .saturating_add(db.reads(o.saturating_mul(9)))
            .saturating_add(db.writes(1))
    }
    fn set_subnet_identity() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(31_727_000, 0)
            .saturating_add(db.reads(2))
            .saturating_add(db.writes(1))
    }
    fn register_limit(n: u32) -> Weight {
        let n = u64::from(n);
        let db = RocksDbWeight::get();
        Weight::from_parts(166_137_000, 0)
            .saturating_add(Weight::from_parts(3_017_889, 0).saturating_mul(n))
            .saturating_add(db.reads(22))
            .saturating_add(db.reads(n.saturating_mul(1)))
            .saturating_add(db.writes(20))
    }
    fn start_call() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(23_585_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(1))
    }
    fn set_mechanism_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(44_587_000, 0)
            .saturating_add(Weight::from_parts(1_587_217, 0).saturating_mul(w))
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(2))
    }
    fn commit_mechanism_weights() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(56_724_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(1))
    }
    fn reveal_mechanism_weights(w: u32) -> Weight {
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(285_565_000, 0)
            .saturating_add(Weight::from_parts(1_721_002, 0).saturating_mul(w))
            .saturating_add(db.reads(16))
            .saturating_add(db.writes(3))
    }
    fn batch_set_weights(b: u32, w: u32) -> Weight {
        let b = u64::from(b);
        let w = u64::from(w);
        let db = RocksDbWeight::get();
        Weight::from_parts(5_168_054_000, 0)
            .saturating_add(Weight::from_parts(27_324_085, 0).saturating_mul(b))
            .saturating_add(Weight::from_parts(2_089_436, 0).saturating_mul(w))
            .saturating_add(db.reads(1))
            .saturating_add(db.reads(b.saturating_mul(12)))
            .saturating_add(db.writes(b.saturating_mul(2)))
    }
    fn add_stake_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(157_274_000, 0)
            .saturating_add(db.reads(11))
            .saturating_add(db.writes(8))
    }
    fn remove_stake_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(94_070_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(7))
    }
    fn remove_stake_full_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(114_390_000, 0)
            .saturating_add(db.reads(8))
            .saturating_add(db.writes(7))
    }
    fn unstake_all(s: u32) -> Weight {
        let s = u64::from(s);
        let db = RocksDbWeight::get();
        Weight::from_parts(174_660_000, 0)
            .saturating_add(Weight::from_parts(101_616_148, 0).saturating_mul(s))
            .saturating_add(db.reads(6))
            .saturating_add(db.reads(s.saturating_mul(4)))
            .saturating_add(db.writes(3))
            .saturating_add(db.writes(s.saturating_mul(4)))
    }
    fn set_tempo() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(24_967_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(2))
    }
    fn set_activity_cutoff_factor() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(24_496_000, 0)
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(2))
    }
    fn swap_hotkey(s: u32, k: u32) -> Weight {
        let s = u64::from(s);
        let k = u64::from(k);
        let db = RocksDbWeight::get();
        Weight::from_parts(5_589_611_000, 0)
            .saturating_add(Weight::from_parts(1_539_236_708, 0).saturating_mul(k))
            .saturating_add(db.reads(1_802))
            .saturating_add(db.reads(s.saturating_mul(5)))
            .saturating_add(db.reads(k.saturating_mul(4)))
            .saturating_add(db.writes(2_056))
            .saturating_add(db.writes(s.saturating_mul(6)))
            .saturating_add(db.writes(k.saturating_mul(4)))
    }
    fn move_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(120_519_000, 0)
            .saturating_add(db.reads(13))
            .saturating_add(db.writes(10))
    }
    fn transfer_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(116_423_000, 0)
            .saturating_add(db.reads(14))
            .saturating_add(db.writes(11))
    }
    fn swap_stake() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(121_420_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(10))
    }
    fn swap_stake_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(113_278_000, 0)
            .saturating_add(db.reads(12))
            .saturating_add(db.writes(10))
    }
    fn on_initialize_subnets(s: u32) -> Weight {
        let s = u64::from(s);
        let db = RocksDbWeight::get();
        Weight::from_parts(645_744_048, 0)
            .saturating_add(Weight::from_parts(67_184_898, 0).saturating_mul(s))
            .saturating_add(db.reads(3))
            .saturating_add(db.reads(s.saturating_mul(19)))
            .saturating_add(db.writes(2))
            .saturating_add(db.writes(s.saturating_mul(9)))
    }
    fn on_initialize_epoch(n: u32, m: u32) -> Weight {
        let n = u64::from(n);
        let m = u64::from(m);
        let db = RocksDbWeight::get();
        Weight::from_parts(114_197_425_000, 0)
            .saturating_add(Weight::from_parts(104_152_697, 0).saturating_mul(n))
            .saturating_add(Weight::from_parts(5_543_303, 0).saturating_mul(m))
            .saturating_add(db.reads(42))
            .saturating_add(db.reads(n.saturating_mul(9)))
            .saturating_add(db.reads(m.saturating_mul(1)))
            .saturating_add(db.writes(7_703))
            .saturating_add(db.writes(n.saturating_mul(4)))
    }
    fn on_initialize_cleanup_stakes(s: u32) -> Weight {
        let s = u64::from(s);
        let db = RocksDbWeight::get();
        Weight::from_parts(86_548_000, 0)
            .saturating_add(Weight::from_parts(82_848_387, 0).saturating_mul(s))
            .saturating_add(db.reads(4))
            .saturating_add(db.reads(s.saturating_mul(6)))
            .saturating_add(db.writes(2))
            .saturating_add(db.writes(s.saturating_mul(5)))
    }
    fn on_initialize_cleanup_neurons(k: u32) -> Weight {
        let k = u64::from(k);
        let db = RocksDbWeight::get();
        Weight::from_parts(142_251_000, 0)
            .saturating_add(Weight::from_parts(3_634_041, 0).saturating_mul(k))
            .saturating_add(db.reads(344))
            .saturating_add(db.writes(3))
            .saturating_add(db.writes(k.saturating_mul(1)))
    }
    fn on_initialize_cleanup_finish() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(3_659_130_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(58))
    }
}
