//! Weights of `pallet_admin_utils`, measured by `taonet benchmark pallet` on runtime
//! taonet spec_version 119: executed in wasm on a parity-db state, each storage read and write
//! priced by the runtime's `DbWeight`. Regenerate rather than edit:
//!
//! ```text
//! taonet benchmark pallet --runtime <taonet_runtime_benchmarks.wasm> --pallet pallet_admin_utils --extrinsic '*' --steps 10 --repeat 5 --output /tmp/bench/pallet_admin_utils.rs
//! ```

use core::marker::PhantomData;

use frame_support::traits::Get;
use frame_support::weights::constants::RocksDbWeight;
use frame_support::weights::Weight;

/// The weight of each call of `pallet_admin_utils`, from its benchmarks.
pub trait WeightInfo {
    /// `swap_authorities`.
    /// The range of component `a` is `[1, 32]`.
    fn swap_authorities(a: u32) -> Weight;
    /// `sudo_set_tempo`.
    fn sudo_set_tempo() -> Weight;
    /// `sudo_set_kappa`.
    fn sudo_set_kappa() -> Weight;
    /// `sudo_set_immunity_period`.
    fn sudo_set_immunity_period() -> Weight;
    /// `sudo_set_max_allowed_uids`.
    fn sudo_set_max_allowed_uids() -> Weight;
    /// `sudo_set_min_allowed_weights`.
    fn sudo_set_min_allowed_weights() -> Weight;
    /// `sudo_set_weights_set_rate_limit`.
    fn sudo_set_weights_set_rate_limit() -> Weight;
    /// `sudo_set_weights_version_key`.
    fn sudo_set_weights_version_key() -> Weight;
    /// `sudo_set_max_allowed_validators`.
    fn sudo_set_max_allowed_validators() -> Weight;
    /// `sudo_set_bonds_moving_average`.
    fn sudo_set_bonds_moving_average() -> Weight;
    /// `sudo_set_bonds_penalty`.
    fn sudo_set_bonds_penalty() -> Weight;
    /// `sudo_set_mechanism_count`.
    fn sudo_set_mechanism_count() -> Weight;
    /// `sudo_set_mechanism_emission_split`.
    /// The range of component `n` is `[1, 2]`.
    fn sudo_set_mechanism_emission_split(n: u32) -> Weight;
    /// `sudo_set_yuma3_enabled`.
    fn sudo_set_yuma3_enabled() -> Weight;
    /// `sudo_set_bonds_reset_enabled`.
    fn sudo_set_bonds_reset_enabled() -> Weight;
    /// `sudo_set_liquid_alpha_enabled`.
    fn sudo_set_liquid_alpha_enabled() -> Weight;
    /// `sudo_set_alpha_values`.
    fn sudo_set_alpha_values() -> Weight;
    /// `sudo_set_alpha_sigmoid_steepness`.
    fn sudo_set_alpha_sigmoid_steepness() -> Weight;
    /// `sudo_set_commit_reveal_weights_enabled`.
    fn sudo_set_commit_reveal_weights_enabled() -> Weight;
    /// `sudo_set_commit_reveal_weights_interval`.
    fn sudo_set_commit_reveal_weights_interval() -> Weight;
    /// `sudo_set_min_burn`.
    fn sudo_set_min_burn() -> Weight;
    /// `sudo_set_max_burn`.
    fn sudo_set_max_burn() -> Weight;
    /// `sudo_set_difficulty`.
    fn sudo_set_difficulty() -> Weight;
    /// `sudo_set_network_registration_allowed`.
    fn sudo_set_network_registration_allowed() -> Weight;
    /// `sudo_set_network_pow_registration_allowed`.
    fn sudo_set_network_pow_registration_allowed() -> Weight;
    /// `sudo_set_serving_rate_limit`.
    fn sudo_set_serving_rate_limit() -> Weight;
    /// `sudo_set_adjustment_interval`.
    fn sudo_set_adjustment_interval() -> Weight;
    /// `sudo_set_target_registrations_per_interval`.
    fn sudo_set_target_registrations_per_interval() -> Weight;
    /// `sudo_set_activity_cutoff`.
    fn sudo_set_activity_cutoff() -> Weight;
    /// `sudo_set_burn_half_life`.
    fn sudo_set_burn_half_life() -> Weight;
    /// `sudo_set_burn_increase_mult`.
    fn sudo_set_burn_increase_mult() -> Weight;
    /// `sudo_set_sn_owner_hotkey`.
    fn sudo_set_sn_owner_hotkey() -> Weight;
    /// `sudo_set_subnet_owner_hotkey`.
    fn sudo_set_subnet_owner_hotkey() -> Weight;
    /// `sudo_set_subnet_limit`.
    fn sudo_set_subnet_limit() -> Weight;
    /// `sudo_set_network_rate_limit`.
    fn sudo_set_network_rate_limit() -> Weight;
    /// `sudo_set_network_min_lock_cost`.
    fn sudo_set_network_min_lock_cost() -> Weight;
    /// `sudo_set_default_take`.
    fn sudo_set_default_take() -> Weight;
    /// `sudo_set_min_delegate_take`.
    fn sudo_set_min_delegate_take() -> Weight;
    /// `sudo_set_tx_delegate_take_rate_limit`.
    fn sudo_set_tx_delegate_take_rate_limit() -> Weight;
    /// `sudo_set_subnet_owner_cut`.
    fn sudo_set_subnet_owner_cut() -> Weight;
    /// `sudo_set_network_immunity_period`.
    fn sudo_set_network_immunity_period() -> Weight;
    /// `sudo_set_lock_reduction_interval`.
    fn sudo_set_lock_reduction_interval() -> Weight;
    /// `schedule_grandpa_change`.
    /// The range of component `a` is `[1, 32]`.
    fn schedule_grandpa_change(a: u32) -> Weight;
}

/// The benchmarked weights, with reads and writes priced by the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn swap_authorities(a: u32) -> Weight {
        let a = u64::from(a);
        let db = T::DbWeight::get();
        Weight::from_parts(27_751_823, 0)
            .saturating_add(Weight::from_parts(74_946, 0).saturating_mul(a))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_tempo() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(35_456_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_kappa() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(35_887_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_immunity_period() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(52_317_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_allowed_uids() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(34_044_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_min_allowed_weights() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(30_668_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_weights_set_rate_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(19_677_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_weights_version_key() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(27_491_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_allowed_validators() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(22_963_000, 0)
            .saturating_add(db.reads(2))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_bonds_moving_average() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(27_912_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_bonds_penalty() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(50_825_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_mechanism_count() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(1_354_451_000, 0)
            .saturating_add(db.reads(7))
            .saturating_add(db.writes(389))
    }
    fn sudo_set_mechanism_emission_split(_n: u32) -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(47_268_666, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_yuma3_enabled() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(27_632_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_bonds_reset_enabled() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(26_229_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_liquid_alpha_enabled() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(22_122_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_alpha_values() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(19_617_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_alpha_sigmoid_steepness() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(18_634_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_commit_reveal_weights_enabled() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(26_650_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_commit_reveal_weights_interval() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(26_189_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_min_burn() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(28_273_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_burn() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(26_830_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_difficulty() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(18_645_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_network_registration_allowed() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(18_425_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_network_pow_registration_allowed() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(17_663_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_serving_rate_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(30_468_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_adjustment_interval() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(24_626_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_target_registrations_per_interval() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(32_010_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_activity_cutoff() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(53_921_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_burn_half_life() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(43_471_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_burn_increase_mult() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(43_541_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_sn_owner_hotkey() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(60_794_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(4))
    }
    fn sudo_set_subnet_owner_hotkey() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(62_718_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(4))
    }
    fn sudo_set_subnet_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(25_988_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_rate_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(25_067_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_min_lock_cost() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(25_928_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_default_take() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(27_451_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_min_delegate_take() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(24_405_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_tx_delegate_take_rate_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(25_357_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_subnet_owner_cut() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(25_428_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_immunity_period() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(24_506_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_lock_reduction_interval() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(15_589_000, 0).saturating_add(db.writes(1))
    }
    fn schedule_grandpa_change(a: u32) -> Weight {
        let a = u64::from(a);
        let db = T::DbWeight::get();
        Weight::from_parts(15_872_011, 0)
            .saturating_add(Weight::from_parts(88_496, 0).saturating_mul(a))
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(3))
    }
}

/// The same weights priced by `RocksDbWeight`, for tests and mocks.
impl WeightInfo for () {
    fn swap_authorities(a: u32) -> Weight {
        let a = u64::from(a);
        let db = RocksDbWeight::get();
        Weight::from_parts(27_751_823, 0)
            .saturating_add(Weight::from_parts(74_946, 0).saturating_mul(a))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_tempo() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(35_456_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_kappa() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(35_887_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_immunity_period() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(52_317_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_allowed_uids() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(34_044_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_min_allowed_weights() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(30_668_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_weights_set_rate_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(19_677_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_weights_version_key() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(27_491_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_allowed_validators() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(22_963_000, 0)
            .saturating_add(db.reads(2))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_bonds_moving_average() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(27_912_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_bonds_penalty() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(50_825_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_mechanism_count() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(1_354_451_000, 0)
            .saturating_add(db.reads(7))
            .saturating_add(db.writes(389))
    }
    fn sudo_set_mechanism_emission_split(_n: u32) -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(47_268_666, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_yuma3_enabled() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(27_632_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_bonds_reset_enabled() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(26_229_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_liquid_alpha_enabled() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(22_122_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_alpha_values() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(19_617_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_alpha_sigmoid_steepness() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(18_634_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_commit_reveal_weights_enabled() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(26_650_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_commit_reveal_weights_interval() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(26_189_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_min_burn() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(28_273_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_burn() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(26_830_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_difficulty() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(18_645_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_network_registration_allowed() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(18_425_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_network_pow_registration_allowed() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(17_663_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_serving_rate_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(30_468_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_adjustment_interval() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(24_626_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_target_registrations_per_interval() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(32_010_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_activity_cutoff() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(53_921_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_burn_half_life() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(43_471_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_burn_increase_mult() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(43_541_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_sn_owner_hotkey() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(60_794_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(4))
    }
    fn sudo_set_subnet_owner_hotkey() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(62_718_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(4))
    }
    fn sudo_set_subnet_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(25_988_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_rate_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(25_067_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_min_lock_cost() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(25_928_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_default_take() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(27_451_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_min_delegate_take() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(24_405_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_tx_delegate_take_rate_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(25_357_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_subnet_owner_cut() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(25_428_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_immunity_period() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(24_506_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_lock_reduction_interval() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(15_589_000, 0).saturating_add(db.writes(1))
    }
    fn schedule_grandpa_change(a: u32) -> Weight {
        let a = u64::from(a);
        let db = RocksDbWeight::get();
        Weight::from_parts(15_872_011, 0)
            .saturating_add(Weight::from_parts(88_496, 0).saturating_mul(a))
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(3))
    }
}
