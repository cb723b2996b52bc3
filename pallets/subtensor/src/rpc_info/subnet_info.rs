//! `SubnetInfoRuntimeApi`, subnet part: a subnet's summary (subtensor's `SubnetInfo`,
//! `SubnetInfov2`) and hyperparameters (`SubnetHyperparams`, `SubnetHyperparamsV2`, and
//! the name-keyed `SubnetHyperparamsV3`), plus the small single-value queries.

use alloc::vec::Vec;

use codec::{Compact, Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_runtime::AccountId32;
use substrate_fixed::types::{I32F32, U64F64};

use crate::identity::SubnetIdentityV3;
use crate::*;

/// Rho: subtensor still reports this retired parameter; taonet has none, so 0.
const RHO: u16 = 0;

/// Scaling law power: retired in subtensor; taonet has none, so 0.
const SCALING_LAW_POWER: u16 = 0;

/// Registrations per block: taonet sets no per-block limit (each interval's registrations
/// steer the difficulty instead), so the largest value the field holds.
const MAX_REGS_PER_BLOCK: u16 = u16::MAX;

/// Weight of the current difficulty in its adjustment (a u64 ratio): taonet sets the new
/// difficulty directly from the registrations, with no smoothing, so 0.
const ADJUSTMENT_ALPHA: u64 = 0;

/// A subnet's summary.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct SubnetInfo<AccountId> {
    /// The subnet.
    pub netuid: Compact<NetUid>,
    /// Retired: 0 (taonet has no rho).
    pub rho: Compact<u16>,
    /// Consensus majority (u16 ratio).
    pub kappa: Compact<u16>,
    /// Proof-of-work difficulty.
    pub difficulty: Compact<u64>,
    /// Blocks a new neuron cannot be pruned.
    pub immunity_period: Compact<u16>,
    /// Validator permits handed out by stake.
    pub max_allowed_validators: Compact<u16>,
    /// Fewest weights a validator must set.
    pub min_allowed_weights: Compact<u16>,
    /// Largest normalised weight (u16 ratio).
    pub max_weights_limit: Compact<u16>,
    /// Retired: 0 (taonet has no scaling law power).
    pub scaling_law_power: Compact<u16>,
    /// Number of uids.
    pub subnetwork_n: Compact<u16>,
    /// Most uids.
    pub max_allowed_uids: Compact<u16>,
    /// Blocks since the last epoch ([`BlocksSinceLastStep`]).
    pub blocks_since_last_step: Compact<u64>,
    /// Epoch length.
    pub tempo: Compact<u16>,
    /// Retired: 0, as in subtensor.
    pub network_modality: Compact<u16>,
    /// Retired: empty, as in subtensor.
    pub network_connect: Vec<[u16; 2]>,
    /// Retired: 0, as in subtensor.
    pub emission_values: Compact<u64>,
    /// Rao a burned registration costs now.
    pub burn: Compact<u64>,
    /// The owner coldkey.
    pub owner: AccountId,
}

/// A subnet's summary with its identity.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct SubnetInfov2<AccountId> {
    /// The subnet.
    pub netuid: Compact<NetUid>,
    /// Retired: 0 (taonet has no rho).
    pub rho: Compact<u16>,
    /// Consensus majority (u16 ratio).
    pub kappa: Compact<u16>,
    /// Proof-of-work difficulty.
    pub difficulty: Compact<u64>,
    /// Blocks a new neuron cannot be pruned.
    pub immunity_period: Compact<u16>,
    /// Validator permits handed out by stake.
    pub max_allowed_validators: Compact<u16>,
    /// Fewest weights a validator must set.
    pub min_allowed_weights: Compact<u16>,
    /// Largest normalised weight (u16 ratio).
    pub max_weights_limit: Compact<u16>,
    /// Retired: 0 (taonet has no scaling law power).
    pub scaling_law_power: Compact<u16>,
    /// Number of uids.
    pub subnetwork_n: Compact<u16>,
    /// Most uids.
    pub max_allowed_uids: Compact<u16>,
    /// Blocks since the last epoch ([`BlocksSinceLastStep`]).
    pub blocks_since_last_step: Compact<u64>,
    /// Epoch length.
    pub tempo: Compact<u16>,
    /// Retired: 0, as in subtensor.
    pub network_modality: Compact<u16>,
    /// Retired: empty, as in subtensor.
    pub network_connect: Vec<[u16; 2]>,
    /// Retired: 0, as in subtensor.
    pub emission_value: Compact<u64>,
    /// Rao a burned registration costs now.
    pub burn: Compact<u64>,
    /// The owner coldkey.
    pub owner: AccountId,
    /// The identity its owner set.
    pub identity: Option<SubnetIdentityV3>,
}

/// A subnet's hyperparameters (first version).
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct SubnetHyperparams {
    /// Retired: 0 (taonet has no rho).
    pub rho: Compact<u16>,
    /// Consensus majority (u16 ratio).
    pub kappa: Compact<u16>,
    /// Blocks a new neuron cannot be pruned.
    pub immunity_period: Compact<u16>,
    /// Fewest weights a validator must set.
    pub min_allowed_weights: Compact<u16>,
    /// Largest normalised weight (u16 ratio).
    pub max_weights_limit: Compact<u16>,
    /// Epoch length.
    pub tempo: Compact<u16>,
    /// Least proof-of-work difficulty.
    pub min_difficulty: Compact<u64>,
    /// Greatest proof-of-work difficulty.
    pub max_difficulty: Compact<u64>,
    /// Oldest weights version accepted.
    pub weights_version: Compact<u64>,
    /// Blocks between two weight settings of a hotkey.
    pub weights_rate_limit: Compact<u64>,
    /// Blocks between difficulty adjustments.
    pub adjustment_interval: Compact<u16>,
    /// Activity cutoff in blocks (factor × tempo / 1000, at least 1).
    pub activity_cutoff: Compact<u64>,
    /// Whether neurons may register.
    pub registration_allowed: bool,
    /// Registrations per interval the difficulty aims at.
    pub target_regs_per_interval: Compact<u16>,
    /// Least registration burn, rao.
    pub min_burn: Compact<u64>,
    /// Greatest registration burn, rao.
    pub max_burn: Compact<u64>,
    /// Bond EMA memory in millionths.
    pub bonds_moving_avg: Compact<u64>,
    /// No per-block registration limit in taonet: `u16::MAX`.
    pub max_regs_per_block: Compact<u16>,
    /// Blocks between serving-info updates of a hotkey.
    pub serving_rate_limit: Compact<u64>,
    /// Validator permits handed out by stake.
    pub max_validators: Compact<u16>,
    /// No smoothing of difficulty adjustments in taonet: 0.
    pub adjustment_alpha: Compact<u64>,
    /// Proof-of-work difficulty.
    pub difficulty: Compact<u64>,
    /// Epochs after a commit in which its reveal is accepted.
    pub commit_reveal_period: Compact<u64>,
    /// Whether weights are committed before they are revealed.
    pub commit_reveal_weights_enabled: bool,
    /// Liquid alpha's highest rate (u16 ratio).
    pub alpha_high: Compact<u16>,
    /// Liquid alpha's lowest rate (u16 ratio).
    pub alpha_low: Compact<u16>,
    /// Whether liquid alpha is on.
    pub liquid_alpha_enabled: bool,
}

/// A subnet's hyperparameters (second version).
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct SubnetHyperparamsV2 {
    /// Retired: 0 (taonet has no rho).
    pub rho: Compact<u16>,
    /// Consensus majority (u16 ratio).
    pub kappa: Compact<u16>,
    /// Blocks a new neuron cannot be pruned.
    pub immunity_period: Compact<u16>,
    /// Fewest weights a validator must set.
    pub min_allowed_weights: Compact<u16>,
    /// Largest normalised weight (u16 ratio).
    pub max_weights_limit: Compact<u16>,
    /// Epoch length.
    pub tempo: Compact<u16>,
    /// Least proof-of-work difficulty.
    pub min_difficulty: Compact<u64>,
    /// Greatest proof-of-work difficulty.
    pub max_difficulty: Compact<u64>,
    /// Oldest weights version accepted.
    pub weights_version: Compact<u64>,
    /// Blocks between two weight settings of a hotkey.
    pub weights_rate_limit: Compact<u64>,
    /// Blocks between difficulty adjustments.
    pub adjustment_interval: Compact<u16>,
    /// Activity cutoff in blocks (factor × tempo / 1000, at least 1).
    pub activity_cutoff: Compact<u64>,
    /// Whether neurons may register.
    pub registration_allowed: bool,
    /// Registrations per interval the difficulty aims at.
    pub target_regs_per_interval: Compact<u16>,
    /// Least registration burn, rao.
    pub min_burn: Compact<u64>,
    /// Greatest registration burn, rao.
    pub max_burn: Compact<u64>,
    /// Bond EMA memory in millionths.
    pub bonds_moving_avg: Compact<u64>,
    /// No per-block registration limit in taonet: `u16::MAX`.
    pub max_regs_per_block: Compact<u16>,
    /// Blocks between serving-info updates of a hotkey.
    pub serving_rate_limit: Compact<u64>,
    /// Validator permits handed out by stake.
    pub max_validators: Compact<u16>,
    /// No smoothing of difficulty adjustments in taonet: 0.
    pub adjustment_alpha: Compact<u64>,
    /// Proof-of-work difficulty.
    pub difficulty: Compact<u64>,
    /// Epochs after a commit in which its reveal is accepted.
    pub commit_reveal_period: Compact<u64>,
    /// Whether weights are committed before they are revealed.
    pub commit_reveal_weights_enabled: bool,
    /// Liquid alpha's highest rate (u16 ratio).
    pub alpha_high: Compact<u16>,
    /// Liquid alpha's lowest rate (u16 ratio).
    pub alpha_low: Compact<u16>,
    /// Whether liquid alpha is on.
    pub liquid_alpha_enabled: bool,
    /// Steepness of the liquid-alpha sigmoid.
    pub alpha_sigmoid_steepness: I32F32,
    /// 3 with Yuma 3 bonds, else 2.
    pub yuma_version: Compact<u16>,
    /// Whether the subnet has started emitting (its first emission block is set).
    pub subnet_is_active: bool,
    /// Taonet has no switch turning stake transfers off: `true`.
    pub transfers_enabled: bool,
    /// Whether a miner's new commitment resets the bonds held in it.
    pub bonds_reset_enabled: bool,
    /// No user liquidity positions (no pools): `false`, as in subtensor.
    pub user_liquidity_enabled: bool,
}

/// A typed hyperparameter value in [`SubnetHyperparamsV3`]; clients decode it by its
/// variant name, so variants and their order are subtensor's.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub enum HyperparamValue {
    /// A flag.
    Bool(bool),
    /// A u16.
    U16(Compact<u16>),
    /// A u32.
    U32(Compact<u32>),
    /// A u64.
    U64(Compact<u64>),
    /// A u128.
    U128(Compact<u128>),
    /// An amount of TAO in rao.
    TaoBalance(Compact<u64>),
    /// A signed 32.32 fixed-point number.
    I32F32(I32F32),
    /// An unsigned 64.64 fixed-point number.
    U64F64(U64F64),
}

/// One named hyperparameter.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct HyperparamEntry {
    /// ASCII name, as the field names of [`SubnetHyperparamsV2`].
    pub name: Vec<u8>,
    /// Its value.
    pub value: HyperparamValue,
}

/// Every hyperparameter by name: new ones add entries without changing the type. Taonet
/// lists subtensor's names that it has, and its proof-of-work and bond-penalty settings.
pub type SubnetHyperparamsV3 = Vec<HyperparamEntry>;

/// `(name, value)` as an entry.
fn entry(name: &str, value: HyperparamValue) -> HyperparamEntry {
    HyperparamEntry {
        name: name.as_bytes().to_vec(),
        value,
    }
}

/// The sigmoid steepness as subtensor reports it: the stored integer in I32F32.
fn steepness<T: Config>(netuid: NetUid) -> I32F32 {
    I32F32::saturating_from_num(AlphaSigmoidSteepness::<T>::get(netuid))
}

/// 3 with Yuma 3 bonds, else 2.
fn yuma_version<T: Config>(netuid: NetUid) -> u16 {
    if Yuma3On::<T>::get(netuid) {
        3
    } else {
        2
    }
}

impl<T: Config> Pallet<T> {
    /// The summary of `netuid`, if it exists.
    pub fn get_subnet_info(netuid: NetUid) -> Option<SubnetInfo<AccountId32>> {
        let v2 = Self::get_subnet_info_v2(netuid)?;
        Some(SubnetInfo {
            netuid: v2.netuid,
            rho: v2.rho,
            kappa: v2.kappa,
            difficulty: v2.difficulty,
            immunity_period: v2.immunity_period,
            max_allowed_validators: v2.max_allowed_validators,
            min_allowed_weights: v2.min_allowed_weights,
            max_weights_limit: v2.max_weights_limit,
            scaling_law_power: v2.scaling_law_power,
            subnetwork_n: v2.subnetwork_n,
            max_allowed_uids: v2.max_allowed_uids,
            blocks_since_last_step: v2.blocks_since_last_step,
            tempo: v2.tempo,
            network_modality: v2.network_modality,
            network_connect: v2.network_connect,
            emission_values: v2.emission_value,
            burn: v2.burn,
            owner: v2.owner,
        })
    }

    /// The summaries of every subnet, by netuid.
    pub fn get_subnets_info() -> Vec<Option<SubnetInfo<AccountId32>>> {
        Self::netuids_ascending()
            .into_iter()
            .map(Self::get_subnet_info)
            .collect()
    }

    /// The summary of `netuid` with its identity, if it exists.
    pub fn get_subnet_info_v2(netuid: NetUid) -> Option<SubnetInfov2<AccountId32>> {
        if !NetworksAdded::<T>::get(netuid) {
            return None;
        }
        Some(SubnetInfov2 {
            netuid: Compact(netuid),
            rho: Compact(RHO),
            kappa: Compact(Kappa::<T>::get(netuid)),
            difficulty: Compact(Difficulty::<T>::get(netuid)),
            immunity_period: Compact(ImmunityPeriod::<T>::get(netuid)),
            max_allowed_validators: Compact(MaxAllowedValidators::<T>::get(netuid)),
            min_allowed_weights: Compact(MinAllowedWeights::<T>::get(netuid)),
            max_weights_limit: Compact(MaxWeightsLimit::<T>::get(netuid)),
            scaling_law_power: Compact(SCALING_LAW_POWER),
            subnetwork_n: Compact(SubnetworkN::<T>::get(netuid)),
            max_allowed_uids: Compact(MaxAllowedUids::<T>::get(netuid)),
            blocks_since_last_step: Compact(BlocksSinceLastStep::<T>::get(netuid)),
            tempo: Compact(Tempo::<T>::get(netuid)),
            network_modality: Compact(0),
            network_connect: Vec::new(),
            emission_value: Compact(0),
            burn: Compact(Burn::<T>::get(netuid)),
            owner: SubnetOwner::<T>::get(netuid),
            identity: SubnetIdentitiesV3::<T>::get(netuid),
        })
    }

    /// The summaries with identities of every subnet, by netuid.
    pub fn get_subnets_info_v2() -> Vec<Option<SubnetInfov2<AccountId32>>> {
        Self::netuids_ascending()
            .into_iter()
            .map(Self::get_subnet_info_v2)
            .collect()
    }

    /// The hyperparameters of `netuid` (first version), if it exists.
    pub fn get_subnet_hyperparams(netuid: NetUid) -> Option<SubnetHyperparams> {
        let v2 = Self::get_subnet_hyperparams_v2(netuid)?;
        Some(SubnetHyperparams {
            rho: v2.rho,
            kappa: v2.kappa,
            immunity_period: v2.immunity_period,
            min_allowed_weights: v2.min_allowed_weights,
            max_weights_limit: v2.max_weights_limit,
            tempo: v2.tempo,
            min_difficulty: v2.min_difficulty,
            max_difficulty: v2.max_difficulty,
            weights_version: v2.weights_version,
            weights_rate_limit: v2.weights_rate_limit,
            adjustment_interval: v2.adjustment_interval,
            activity_cutoff: v2.activity_cutoff,
            registration_allowed: v2.registration_allowed,
            target_regs_per_interval: v2.target_regs_per_interval,
            min_burn: v2.min_burn,
            max_burn: v2.max_burn,
            bonds_moving_avg: v2.bonds_moving_avg,
            max_regs_per_block: v2.max_regs_per_block,
            serving_rate_limit: v2.serving_rate_limit,
            max_validators: v2.max_validators,
            adjustment_alpha: v2.adjustment_alpha,
            difficulty: v2.difficulty,
            commit_reveal_period: v2.commit_reveal_period,
            commit_reveal_weights_enabled: v2.commit_reveal_weights_enabled,
            alpha_high: v2.alpha_high,
            alpha_low: v2.alpha_low,
            liquid_alpha_enabled: v2.liquid_alpha_enabled,
        })
    }

    /// The hyperparameters of `netuid` (second version), if it exists.
    pub fn get_subnet_hyperparams_v2(netuid: NetUid) -> Option<SubnetHyperparamsV2> {
        if !NetworksAdded::<T>::get(netuid) {
            return None;
        }
        let (alpha_low, alpha_high) = AlphaValues::<T>::get(netuid);
        Some(SubnetHyperparamsV2 {
            rho: Compact(RHO),
            kappa: Compact(Kappa::<T>::get(netuid)),
            immunity_period: Compact(ImmunityPeriod::<T>::get(netuid)),
            min_allowed_weights: Compact(MinAllowedWeights::<T>::get(netuid)),
            max_weights_limit: Compact(MaxWeightsLimit::<T>::get(netuid)),
            tempo: Compact(Tempo::<T>::get(netuid)),
            min_difficulty: Compact(MinDifficulty::<T>::get(netuid)),
            max_difficulty: Compact(MaxDifficulty::<T>::get(netuid)),
            weights_version: Compact(WeightsVersionKey::<T>::get(netuid)),
            weights_rate_limit: Compact(WeightsSetRateLimit::<T>::get(netuid)),
            adjustment_interval: Compact(AdjustmentInterval::<T>::get(netuid)),
            activity_cutoff: Compact(Self::activity_cutoff(netuid)),
            registration_allowed: NetworkRegistrationAllowed::<T>::get(netuid),
            target_regs_per_interval: Compact(TargetRegistrationsPerInterval::<T>::get(netuid)),
            min_burn: Compact(MinBurn::<T>::get(netuid)),
            max_burn: Compact(MaxBurn::<T>::get(netuid)),
            bonds_moving_avg: Compact(BondsMovingAverage::<T>::get(netuid)),
            max_regs_per_block: Compact(MAX_REGS_PER_BLOCK),
            serving_rate_limit: Compact(ServingRateLimit::<T>::get(netuid)),
            max_validators: Compact(MaxAllowedValidators::<T>::get(netuid)),
            adjustment_alpha: Compact(ADJUSTMENT_ALPHA),
            difficulty: Compact(Difficulty::<T>::get(netuid)),
            commit_reveal_period: Compact(RevealPeriodEpochs::<T>::get(netuid)),
            commit_reveal_weights_enabled: CommitRevealWeightsEnabled::<T>::get(netuid),
            alpha_high: Compact(alpha_high),
            alpha_low: Compact(alpha_low),
            liquid_alpha_enabled: LiquidAlphaOn::<T>::get(netuid),
            alpha_sigmoid_steepness: steepness::<T>(netuid),
            yuma_version: Compact(yuma_version::<T>(netuid)),
            subnet_is_active: Self::subnet_is_active(netuid),
            transfers_enabled: true,
            bonds_reset_enabled: BondsResetOn::<T>::get(netuid),
            user_liquidity_enabled: false,
        })
    }

    /// The hyperparameters of `netuid` by name, if it exists: subtensor's names that taonet
    /// has (not `min_childkey_take`: no child keys; not `max_regs_per_block`: no such
    /// limit), then taonet's proof-of-work settings and bond penalty.
    pub fn get_subnet_hyperparams_v3(netuid: NetUid) -> Option<SubnetHyperparamsV3> {
        use HyperparamValue as V;
        if !NetworksAdded::<T>::get(netuid) {
            return None;
        }
        let (alpha_low, alpha_high) = AlphaValues::<T>::get(netuid);
        let u16v = |v: u16| V::U16(Compact(v));
        let u64v = |v: u64| V::U64(Compact(v));
        let tao = |v: u64| V::TaoBalance(Compact(v));
        Some(alloc::vec![
            entry("kappa", u16v(Kappa::<T>::get(netuid))),
            entry("immunity_period", u16v(ImmunityPeriod::<T>::get(netuid))),
            entry(
                "min_allowed_weights",
                u16v(MinAllowedWeights::<T>::get(netuid))
            ),
            entry("max_weights_limit", u16v(MaxWeightsLimit::<T>::get(netuid))),
            entry("tempo", u16v(Tempo::<T>::get(netuid))),
            entry("weights_version", u64v(WeightsVersionKey::<T>::get(netuid))),
            entry(
                "weights_rate_limit",
                u64v(WeightsSetRateLimit::<T>::get(netuid))
            ),
            entry("activity_cutoff", u64v(Self::activity_cutoff(netuid))),
            entry(
                "activity_cutoff_factor",
                V::U32(Compact(ActivityCutoffFactorMilli::<T>::get(netuid)))
            ),
            entry(
                "registration_allowed",
                V::Bool(NetworkRegistrationAllowed::<T>::get(netuid))
            ),
            entry(
                "target_regs_per_interval",
                u16v(TargetRegistrationsPerInterval::<T>::get(netuid))
            ),
            entry("min_burn", tao(MinBurn::<T>::get(netuid))),
            entry("max_burn", tao(MaxBurn::<T>::get(netuid))),
            entry("burn_half_life", u16v(BurnHalfLife::<T>::get(netuid))),
            entry(
                "burn_increase_mult",
                V::U64F64(U64F64::from_bits(BurnIncreaseMult::<T>::get(netuid)))
            ),
            entry(
                "bonds_moving_avg",
                u64v(BondsMovingAverage::<T>::get(netuid))
            ),
            entry(
                "serving_rate_limit",
                u64v(ServingRateLimit::<T>::get(netuid))
            ),
            entry(
                "max_validators",
                u16v(MaxAllowedValidators::<T>::get(netuid))
            ),
            entry(
                "commit_reveal_period",
                u64v(RevealPeriodEpochs::<T>::get(netuid))
            ),
            entry(
                "commit_reveal_weights_enabled",
                V::Bool(CommitRevealWeightsEnabled::<T>::get(netuid))
            ),
            entry("alpha_high", u16v(alpha_high)),
            entry("alpha_low", u16v(alpha_low)),
            entry(
                "liquid_alpha_enabled",
                V::Bool(LiquidAlphaOn::<T>::get(netuid))
            ),
            entry("alpha_sigmoid_steepness", V::I32F32(steepness::<T>(netuid))),
            entry("yuma_version", u16v(yuma_version::<T>(netuid))),
            entry("subnet_is_active", V::Bool(Self::subnet_is_active(netuid))),
            entry("transfers_enabled", V::Bool(true)),
            entry(
                "bonds_reset_enabled",
                V::Bool(BondsResetOn::<T>::get(netuid))
            ),
            entry("user_liquidity_enabled", V::Bool(false)),
            entry("owner_cut_enabled", V::Bool(true)),
            entry("owner_cut_auto_lock_enabled", V::Bool(false)),
            entry("difficulty", u64v(Difficulty::<T>::get(netuid))),
            entry("min_difficulty", u64v(MinDifficulty::<T>::get(netuid))),
            entry("max_difficulty", u64v(MaxDifficulty::<T>::get(netuid))),
            entry(
                "adjustment_interval",
                u16v(AdjustmentInterval::<T>::get(netuid))
            ),
            entry(
                "pow_registration_allowed",
                V::Bool(NetworkPowRegistrationAllowed::<T>::get(netuid))
            ),
            entry("bonds_penalty", u16v(BondsPenalty::<T>::get(netuid))),
        ])
    }

    /// Subtensor's automatic restaking destination of a coldkey: taonet has none, `None`.
    pub fn get_coldkey_auto_stake_hotkey(
        _coldkey: AccountId32,
        _netuid: NetUid,
    ) -> Option<AccountId32> {
        None
    }

    /// Subtensor's per-subnet account: taonet holds locks and stake in this pallet's
    /// ledger, not in subnet accounts, so `None`.
    pub fn get_subnet_account_id(_netuid: NetUid) -> Option<AccountId32> {
        None
    }

    /// The first block after the current one at which `netuid`'s epoch runs: the epoch
    /// runs in a block `b` with `(b + netuid + 1) % (tempo + 1) == 0` (see
    /// `run_coinbase`). `None` if the subnet does not exist.
    pub fn get_next_epoch_start_block(netuid: NetUid) -> Option<u64> {
        if !NetworksAdded::<T>::get(netuid) {
            return None;
        }
        let period = u64::from(Tempo::<T>::get(netuid)).saturating_add(1);
        let block = Self::current_block();
        let phase = block
            .saturating_add(u64::from(netuid))
            .saturating_add(1)
            .checked_rem(period)?;
        Some(block.saturating_add(period.saturating_sub(phase)))
    }
}
