//! Weights of `pallet_admin_utils`, measured by `taonet benchmark pallet` on runtime
//! taonet spec_version 118: executed in wasm on a parity-db state, each storage read and write
//! priced by the runtime's `DbWeight`. Regenerate rather than edit:
//!
//! ```text
//! taonet benchmark pallet --runtime <taonet_runtime_benchmarks.wasm> --pallet pallet_admin_utils --extrinsic '*' --steps 10 --repeat 5 --output /tmp/weights5/pallet_admin_utils.rs
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
    fn swap_authorities(_a: u32) -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(26_715_443, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_tempo() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(31_770_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_kappa() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(34_775_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_immunity_period() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(48_040_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_allowed_uids() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(36_327_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_min_allowed_weights() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(29_655_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_weights_set_rate_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(22_763_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_weights_version_key() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(32_331_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_allowed_validators() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(26_670_000, 0)
            .saturating_add(db.reads(2))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_bonds_moving_average() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(27_241_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_bonds_penalty() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(36_608_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_mechanism_count() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(1_546_791_000, 0)
            .saturating_add(db.reads(7))
            .saturating_add(db.writes(389))
    }
    fn sudo_set_mechanism_emission_split(n: u32) -> Weight {
        let n = u64::from(n);
        let db = T::DbWeight::get();
        Weight::from_parts(38_130_666, 0)
            .saturating_add(Weight::from_parts(2_485_000, 0).saturating_mul(n))
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_yuma3_enabled() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(46_367_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_bonds_reset_enabled() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(32_641_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_liquid_alpha_enabled() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(27_331_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_alpha_values() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(25_838_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_alpha_sigmoid_steepness() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(38_612_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_commit_reveal_weights_enabled() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(43_271_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_commit_reveal_weights_interval() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(50_564_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_min_burn() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(60_062_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_burn() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(58_559_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_difficulty() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(32_400_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_network_registration_allowed() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(32_431_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_network_pow_registration_allowed() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(28_122_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_serving_rate_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(41_548_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_adjustment_interval() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(40_034_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_target_registrations_per_interval() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(30_217_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_activity_cutoff() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(63_408_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_burn_half_life() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(41_417_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_burn_increase_mult() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(41_206_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_sn_owner_hotkey() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(58_048_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(4))
    }
    fn sudo_set_subnet_owner_hotkey() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(60_513_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(4))
    }
    fn sudo_set_subnet_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(24_396_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_rate_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(26_049_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_min_lock_cost() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(23_674_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_default_take() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(32_610_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_min_delegate_take() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(20_499_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_tx_delegate_take_rate_limit() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(17_683_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_subnet_owner_cut() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(16_631_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_immunity_period() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(18_795_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_lock_reduction_interval() -> Weight {
        let db = T::DbWeight::get();
        Weight::from_parts(22_142_000, 0).saturating_add(db.writes(1))
    }
    fn schedule_grandpa_change(a: u32) -> Weight {
        let a = u64::from(a);
        let db = T::DbWeight::get();
        Weight::from_parts(23_225_658, 0)
            .saturating_add(Weight::from_parts(319_586, 0).saturating_mul(a))
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(3))
    }
}

/// The same weights priced by `RocksDbWeight`, for tests and mocks.
impl WeightInfo for () {
    fn swap_authorities(_a: u32) -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(26_715_443, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_tempo() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(31_770_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_kappa() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(34_775_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_immunity_period() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(48_040_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_allowed_uids() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(36_327_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_min_allowed_weights() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(29_655_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_weights_set_rate_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(22_763_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_weights_version_key() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(32_331_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_allowed_validators() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(26_670_000, 0)
            .saturating_add(db.reads(2))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_bonds_moving_average() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(27_241_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_bonds_penalty() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(36_608_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_mechanism_count() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(1_546_791_000, 0)
            .saturating_add(db.reads(7))
            .saturating_add(db.writes(389))
    }
    fn sudo_set_mechanism_emission_split(n: u32) -> Weight {
        let n = u64::from(n);
        let db = RocksDbWeight::get();
        Weight::from_parts(38_130_666, 0)
            .saturating_add(Weight::from_parts(2_485_000, 0).saturating_mul(n))
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_yuma3_enabled() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(46_367_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_bonds_reset_enabled() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(32_641_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_liquid_alpha_enabled() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(27_331_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_alpha_values() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(25_838_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_alpha_sigmoid_steepness() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(38_612_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_commit_reveal_weights_enabled() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(43_271_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_commit_reveal_weights_interval() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(50_564_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_min_burn() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(60_062_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_max_burn() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(58_559_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_difficulty() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(32_400_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_network_registration_allowed() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(32_431_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_network_pow_registration_allowed() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(28_122_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_serving_rate_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(41_548_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_adjustment_interval() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(40_034_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_target_registrations_per_interval() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(30_217_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_activity_cutoff() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(63_408_000, 0)
            .saturating_add(db.reads(5))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_burn_half_life() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(41_417_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_burn_increase_mult() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(41_206_000, 0)
            .saturating_add(db.reads(4))
            .saturating_add(db.writes(2))
    }
    fn sudo_set_sn_owner_hotkey() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(58_048_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(4))
    }
    fn sudo_set_subnet_owner_hotkey() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(60_513_000, 0)
            .saturating_add(db.reads(6))
            .saturating_add(db.writes(4))
    }
    fn sudo_set_subnet_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(24_396_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_rate_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(26_049_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_min_lock_cost() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(23_674_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_default_take() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(32_610_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_min_delegate_take() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(20_499_000, 0)
            .saturating_add(db.reads(1))
            .saturating_add(db.writes(1))
    }
    fn sudo_set_tx_delegate_take_rate_limit() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(17_683_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_subnet_owner_cut() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(16_631_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_network_immunity_period() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(18_795_000, 0).saturating_add(db.writes(1))
    }
    fn sudo_set_lock_reduction_interval() -> Weight {
        let db = RocksDbWeight::get();
        Weight::from_parts(22_142_000, 0).saturating_add(db.writes(1))
    }
    fn schedule_grandpa_change(a: u32) -> Weight {
        let a = u64::from(a);
        let db = RocksDbWeight::get();
        Weight::from_parts(23_225_658, 0)
            .saturating_add(Weight::from_parts(319_586, 0).saturating_mul(a))
            .saturating_add(db.reads(3))
            .saturating_add(db.writes(3))
    }
}
