//! `SubtensorModule`: taonet's incentive mechanism, under the public names of Bittensor's
//! subtensor pallet (`../SUBTENSOR_NAMES.md`) so that Bittensor's tools can address it.
//!
//! This file holds configuration, storage, events, errors and thin calls; the logic lives
//! in a module per concern:
//! - [`subnets`]: creating and dissolving subnets, their lock and hyperparameters;
//! - [`cleanup`]: removing a dissolved subnet's stakes and neurons, a bounded amount per
//!   block;
//! - [`neurons`]: uids and hotkeys on a subnet;
//! - [`registration`]: burned and proof-of-work registration and their prices;
//! - [`serving`]: where neurons announce their axon and Prometheus endpoints;
//! - [`staking`]: stake on hotkeys per subnet, and hotkey takes;
//! - [`set_weights`]: validators' weights and the checks they pass;
//! - [`commit_reveal`]: weights committed as a hash and revealed an epoch later;
//! - [`emission`]: minting each block's TAO and paying it out through the Yuma epoch;
//! - [`extension`]: weight checks during transaction validation;
//! - [`weights`]: what each call costs ([`WeightInfo`]), from the benchmarks in
//!   `benchmarking.rs`.
//!
//! TAO accounting: [`TotalIssuance`] counts every rao in existence, whether free in an
//! account or held by this pallet (subnet locks and stake). A subnet lock leaves the coldkey's
//! balance (Balances issuance falls) and is held in [`SubnetLocked`] until the subnet is
//! dissolved, so `Balances` issuance plus locks always equals [`TotalIssuance`]. TAO that
//! leaves existence elsewhere (fees, dust) must pass through [`recycle::Recycle`], which
//! lowers [`TotalIssuance`] to match.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::arithmetic_side_effects
    )
)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

pub mod bonds_reset;
pub mod cleanup;
pub mod commit_reveal;
pub mod emission;
pub mod extension;
pub mod identity;
pub mod mechanisms;
pub mod migrations;
pub mod neurons;
pub mod owner_params;
pub mod payout;
pub mod recycle;
pub mod registration;
pub mod rpc_info;
pub mod serving;
pub mod set_weights;
pub mod stake_orders;
pub mod staking;
pub mod subnets;
pub mod subtensor_only;
pub mod swap_hotkey;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// A call argument's length as a weight component; lengths beyond `u32::MAX` saturate (no
/// such call fits in a block anyway).
fn len_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Subnet identifiers (`NetUid` in subtensor, a `u16`).
pub type NetUid = u16;

/// Mechanism identifiers within a subnet (`MechId` in subtensor, a `u8`).
pub type MechId = u8;

/// A neuron's axon endpoint, as subtensor stores it.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    codec::Encode,
    codec::Decode,
    codec::DecodeWithMemTracking,
    codec::MaxEncodedLen,
    scale_info::TypeInfo,
)]
pub struct AxonInfo {
    /// Block of the last update.
    pub block: u64,
    /// Axon version.
    pub version: u32,
    /// IPv4 (in the low 32 bits) or IPv6 address.
    pub ip: u128,
    /// TCP port.
    pub port: u16,
    /// 4 or 6.
    pub ip_type: u8,
    /// Protocol tag.
    pub protocol: u8,
    /// Reserved.
    pub placeholder1: u8,
    /// Reserved.
    pub placeholder2: u8,
}

/// A neuron's Prometheus endpoint, as subtensor stores it.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    codec::Encode,
    codec::Decode,
    codec::DecodeWithMemTracking,
    codec::MaxEncodedLen,
    scale_info::TypeInfo,
)]
pub struct PrometheusInfo {
    /// Block of the last update.
    pub block: u64,
    /// Exporter version.
    pub version: u32,
    /// IPv4 (in the low 32 bits) or IPv6 address.
    pub ip: u128,
    /// TCP port.
    pub port: u16,
    /// 4 or 6.
    pub ip_type: u8,
}

// `serve_axon` takes subtensor's eight arguments; the call code FRAME generates for it
// trips `too_many_arguments`.
#[allow(clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
    use alloc::vec::Vec;

    use frame_support::pallet_prelude::*;
    use frame_support::traits::{fungible, ConstBool, ConstI16, ConstU16, ConstU64};
    use frame_system::pallet_prelude::*;
    use sp_runtime::AccountId32;
    use taonet_primitives::{Balance, RAO_PER_TAO};

    use super::identity::{ChainIdentityV2, SubnetIdentityV3};
    use super::stake_orders::StakeSlot;
    use super::subtensor_only::{LockState, RootClaimTypeEnum};
    use super::{len_u32, AxonInfo, MechId, NetUid, PrometheusInfo, WeightInfo};
    use crate::neurons::{MAX_OWNED_HOTKEYS, MAX_UIDS};
    use crate::staking::MAX_STAKING_HOTKEYS;
    use substrate_fixed::types::{I64F64, I96F32};

    /// The storage layout's version; `migrations` moves older layouts to it.
    pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    #[pallet::without_storage_info]
    pub struct Pallet<T>(_);

    /// Configuration. Accounts are 32-byte ids, which the proof-of-work seal hashes.
    #[pallet::config]
    pub trait Config: frame_system::Config<AccountId = AccountId32> {
        /// TAO balances: locks and burns leave accounts through it, refunds return.
        type Currency: fungible::Mutate<Self::AccountId, Balance = Balance>
            + fungible::Balanced<Self::AccountId>;
        /// The weight of each call, from the pallet's benchmarks: the runtime's
        /// `weights::SubstrateWeight`, or `()` in tests.
        type WeightInfo: WeightInfo;
    }

    /// The all-zero account, subtensor's default for account-valued items.
    #[pallet::type_value]
    pub fn DefaultAccount() -> AccountId32 {
        AccountId32::new([0; 32])
    }

    /// Every rao in existence: in accounts, and held by this pallet.
    #[pallet::storage]
    pub type TotalIssuance<T> = StorageValue<_, Balance, ValueQuery>;

    /// Whether a subnet exists.
    #[pallet::storage]
    pub type NetworksAdded<T> = StorageMap<_, Identity, NetUid, bool, ValueQuery>;

    /// Number of subnets.
    #[pallet::storage]
    pub type TotalNetworks<T> = StorageValue<_, u16, ValueQuery>;

    /// Subnets dissolved whose stakes and neurons the block hook is still removing, a
    /// bounded amount per block (`cleanup`), with the block each was dissolved in; their
    /// netuids are taken again once that is done. taonet's own: subtensor removes a
    /// subnet within one block.
    #[pallet::storage]
    pub type DissolvedNetworks<T> = CountedStorageMap<_, Identity, NetUid, u64, OptionQuery>;

    /// Number of uids on a subnet.
    #[pallet::storage]
    pub type SubnetworkN<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery>;

    /// The coldkey that registered a subnet.
    #[pallet::storage]
    pub type SubnetOwner<T: Config> =
        StorageMap<_, Identity, NetUid, T::AccountId, ValueQuery, DefaultAccount>;

    /// The hotkey the subnet owner registered it with (uid 0).
    #[pallet::storage]
    pub type SubnetOwnerHotkey<T: Config> =
        StorageMap<_, Identity, NetUid, T::AccountId, ValueQuery, DefaultAccount>;

    /// TAO locked to create a subnet, returned when it is dissolved.
    #[pallet::storage]
    pub type SubnetLocked<T> = StorageMap<_, Identity, NetUid, Balance, ValueQuery>;

    /// Block at which a subnet was registered (its immunity runs from here).
    #[pallet::storage]
    pub type NetworkRegisteredAt<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// 1 000 TAO: the least a subnet lock costs.
    #[pallet::type_value]
    pub fn DefaultNetworkMinLockCost() -> Balance {
        1_000 * RAO_PER_TAO
    }

    /// The least a subnet lock costs.
    #[pallet::storage]
    pub type NetworkMinLockCost<T> =
        StorageValue<_, Balance, ValueQuery, DefaultNetworkMinLockCost>;

    /// The last subnet lock paid.
    #[pallet::storage]
    pub type NetworkLastLockCost<T> =
        StorageValue<_, Balance, ValueQuery, DefaultNetworkMinLockCost>;

    /// Block of the last subnet lock (0 before the first).
    #[pallet::storage]
    pub type NetworkLastLockBlock<T> = StorageValue<_, u64, ValueQuery>;

    /// Blocks over which a doubled lock cost falls back (two weeks).
    #[pallet::storage]
    pub type NetworkLockReductionInterval<T> = StorageValue<_, u64, ValueQuery, ConstU64<100_800>>;

    /// Blocks a coldkey waits between subnet registrations (a day).
    #[pallet::storage]
    pub type NetworkRateLimit<T> = StorageValue<_, u64, ValueQuery, ConstU64<7_200>>;

    /// Block of each coldkey's last subnet registration.
    #[pallet::storage]
    pub type NetworkLastRegistered<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, u64, OptionQuery>;

    /// Blocks during which a new subnet cannot be pruned (15 days).
    #[pallet::storage]
    pub type NetworkImmunityPeriod<T> = StorageValue<_, u64, ValueQuery, ConstU64<1_296_000>>;

    /// Most subnets that can exist at once.
    #[pallet::storage]
    pub type SubnetLimit<T> = StorageValue<_, u16, ValueQuery, ConstU16<128>>;

    /// Epoch length in blocks.
    #[pallet::storage]
    pub type Tempo<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<360>>;

    /// Consensus majority as a u16 ratio.
    #[pallet::storage]
    pub type Kappa<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<32_767>>;

    /// Blocks a new neuron cannot be pruned.
    #[pallet::storage]
    pub type ImmunityPeriod<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<5_000>>;

    /// Most uids on a subnet.
    #[pallet::storage]
    pub type MaxAllowedUids<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<256>>;

    /// Fewest weights a validator must set.
    #[pallet::storage]
    pub type MinAllowedWeights<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<1>>;

    /// Largest normalised weight, as a u16 ratio.
    #[pallet::storage]
    pub type MaxWeightsLimit<T> =
        StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<{ u16::MAX }>>;

    /// Blocks between two weight settings of a hotkey.
    #[pallet::storage]
    pub type WeightsSetRateLimit<T> =
        StorageMap<_, Identity, NetUid, u64, ValueQuery, ConstU64<100>>;

    /// Oldest weights version the subnet accepts.
    #[pallet::storage]
    pub type WeightsVersionKey<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Activity cutoff in thousandths of a tempo (13 889 ≈ 5 000 blocks at tempo 360).
    #[pallet::storage]
    pub type ActivityCutoffFactorMilli<T> =
        StorageMap<_, Identity, NetUid, u32, ValueQuery, ConstU32<13_889>>;

    /// Validator permits handed out by stake.
    #[pallet::storage]
    pub type MaxAllowedValidators<T> =
        StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<64>>;

    /// Bond EMA memory in millionths.
    #[pallet::storage]
    pub type BondsMovingAverage<T> =
        StorageMap<_, Identity, NetUid, u64, ValueQuery, ConstU64<900_000>>;

    /// How far bonds follow clipped weights, as a u16 ratio.
    #[pallet::storage]
    pub type BondsPenalty<T> =
        StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<{ u16::MAX }>>;

    /// Yuma 3 bonds and dividends.
    #[pallet::storage]
    pub type Yuma3On<T> = StorageMap<_, Blake2_128Concat, NetUid, bool, ValueQuery>;

    /// Liquid alpha.
    #[pallet::storage]
    pub type LiquidAlphaOn<T> = StorageMap<_, Blake2_128Concat, NetUid, bool, ValueQuery>;

    /// (0.7, 0.9) as u16 ratios: liquid alpha's range.
    #[pallet::type_value]
    pub fn DefaultAlphaValues() -> (u16, u16) {
        (45_875, 58_982)
    }

    /// Liquid alpha's lowest and highest rate.
    #[pallet::storage]
    pub type AlphaValues<T> =
        StorageMap<_, Identity, NetUid, (u16, u16), ValueQuery, DefaultAlphaValues>;

    /// Steepness of the liquid-alpha sigmoid.
    #[pallet::storage]
    pub type AlphaSigmoidSteepness<T> =
        StorageMap<_, Identity, NetUid, i16, ValueQuery, ConstI16<1_000>>;

    /// Whether weights are committed before they are revealed.
    #[pallet::storage]
    pub type CommitRevealWeightsEnabled<T> = StorageMap<_, Identity, NetUid, bool, ValueQuery>;

    /// Epochs after a commit in which its reveal is accepted.
    #[pallet::storage]
    pub type RevealPeriodEpochs<T> =
        StorageMap<_, Twox64Concat, NetUid, u64, ValueQuery, ConstU64<1>>;

    /// 1 TAO: a new subnet's registration burn.
    #[pallet::type_value]
    pub fn DefaultBurn() -> Balance {
        RAO_PER_TAO
    }

    /// 0.0005 TAO: the least a registration burns.
    #[pallet::type_value]
    pub fn DefaultMinBurn() -> Balance {
        RAO_PER_TAO / 2_000
    }

    /// 100 TAO: the most a registration burns.
    #[pallet::type_value]
    pub fn DefaultMaxBurn() -> Balance {
        100 * RAO_PER_TAO
    }

    /// TAO a burned registration costs now.
    #[pallet::storage]
    pub type Burn<T> = StorageMap<_, Identity, NetUid, Balance, ValueQuery, DefaultBurn>;

    /// The least a registration burns.
    #[pallet::storage]
    pub type MinBurn<T> = StorageMap<_, Identity, NetUid, Balance, ValueQuery, DefaultMinBurn>;

    /// The most a registration burns.
    #[pallet::storage]
    pub type MaxBurn<T> = StorageMap<_, Identity, NetUid, Balance, ValueQuery, DefaultMaxBurn>;

    /// Proof-of-work difficulty.
    #[pallet::storage]
    pub type Difficulty<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery, ConstU64<10_000_000>>;

    /// Whether neurons may register.
    #[pallet::storage]
    pub type NetworkRegistrationAllowed<T> =
        StorageMap<_, Identity, NetUid, bool, ValueQuery, ConstBool<true>>;

    /// Whether neurons may register by proof of work.
    #[pallet::storage]
    pub type NetworkPowRegistrationAllowed<T> =
        StorageMap<_, Identity, NetUid, bool, ValueQuery, ConstBool<true>>;

    /// Blocks between serving-info updates of a hotkey.
    #[pallet::storage]
    pub type ServingRateLimit<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery, ConstU64<50>>;

    /// Blocks over which the registration burn halves.
    #[pallet::storage]
    pub type BurnHalfLife<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<360>>;

    /// 1.26 in U64F64 bits: the burn's growth per registration.
    #[pallet::type_value]
    pub fn DefaultBurnIncreaseMult() -> u128 {
        ((126u128 << 64) / 100).saturating_add(1)
    }

    /// Factor the burn grows by at each registration, as U64F64 bits.
    #[pallet::storage]
    pub type BurnIncreaseMult<T> =
        StorageMap<_, Identity, NetUid, u128, ValueQuery, DefaultBurnIncreaseMult>;

    /// Least proof-of-work difficulty.
    #[pallet::storage]
    pub type MinDifficulty<T> =
        StorageMap<_, Identity, NetUid, u64, ValueQuery, ConstU64<10_000_000>>;

    /// Greatest proof-of-work difficulty.
    #[pallet::storage]
    pub type MaxDifficulty<T> =
        StorageMap<_, Identity, NetUid, u64, ValueQuery, ConstU64<{ u64::MAX / 4 }>>;

    /// Blocks between difficulty adjustments.
    #[pallet::storage]
    pub type AdjustmentInterval<T> =
        StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<100>>;

    /// Registrations per adjustment interval the difficulty aims at.
    #[pallet::storage]
    pub type TargetRegistrationsPerInterval<T> =
        StorageMap<_, Identity, NetUid, u16, ValueQuery, ConstU16<2>>;

    /// Block of the last difficulty adjustment.
    #[pallet::storage]
    pub type LastAdjustmentBlock<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Registrations since the last adjustment.
    #[pallet::storage]
    pub type RegistrationsThisInterval<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery>;

    /// Burned registrations since the last adjustment.
    #[pallet::storage]
    pub type BurnRegistrationsThisInterval<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery>;

    /// Proof-of-work registrations since the last adjustment.
    #[pallet::storage]
    pub type POWRegistrationsThisInterval<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery>;

    /// Rao each uid earned in the last epoch (what pruning compares).
    #[pallet::storage]
    pub type Emission<T> = StorageMap<_, Identity, NetUid, Vec<u64>, ValueQuery>;

    /// Weight rows as set (row-max-upscaled u16, in argument order).
    #[pallet::storage]
    pub type Weights<T> =
        StorageDoubleMap<_, Identity, NetUid, Identity, u16, Vec<(u16, u16)>, ValueQuery>;

    /// Bond rows written by the last epoch.
    #[pallet::storage]
    pub type Bonds<T> =
        StorageDoubleMap<_, Identity, NetUid, Identity, u16, Vec<(u16, u16)>, ValueQuery>;

    /// Stake of a coldkey on a hotkey in a subnet, in rao (subtensor keeps shares here; taonet
    /// stakes 1 rao per rao).
    #[pallet::storage]
    pub type Alpha<T: Config> = StorageNMap<
        _,
        (
            NMapKey<Blake2_128Concat, T::AccountId>,
            NMapKey<Blake2_128Concat, T::AccountId>,
            NMapKey<Identity, NetUid>,
        ),
        Balance,
        ValueQuery,
    >;

    /// All stake on a hotkey in a subnet.
    #[pallet::storage]
    pub type TotalHotkeyAlpha<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, NetUid, Balance, ValueQuery>;

    /// TAO staked in a subnet.
    #[pallet::storage]
    pub type SubnetTAO<T> = StorageMap<_, Identity, NetUid, Balance, ValueQuery>;

    /// TAO staked anywhere.
    #[pallet::storage]
    pub type TotalStake<T> = StorageValue<_, Balance, ValueQuery>;

    /// Every entry of [`Alpha`] again, keyed by subnet first, so that a subnet's stakes
    /// are found without reading every stake in the chain (a dissolved subnet's refunds).
    /// taonet's own; `credit_stake` and `debit_stake` keep it equal to `Alpha`'s keys.
    #[pallet::storage]
    pub type SubnetStakers<T: Config> = StorageNMap<
        _,
        (
            NMapKey<Identity, NetUid>,
            NMapKey<Blake2_128Concat, T::AccountId>,
            NMapKey<Blake2_128Concat, T::AccountId>,
        ),
        (),
        OptionQuery,
    >;

    /// The hotkeys a coldkey has stake on, at most [`MAX_STAKING_HOTKEYS`]
    /// (SCALE-identical to subtensor's `Vec`, which its tools read).
    #[pallet::storage]
    pub type StakingHotkeys<T: Config> = StorageMap<
        _,
        Blake2_128Concat,
        T::AccountId,
        BoundedVec<T::AccountId, ConstU32<MAX_STAKING_HOTKEYS>>,
        ValueQuery,
    >;

    /// A hotkey's take of its nominators' dividends, as a u16 ratio (18 % by default).
    #[pallet::storage]
    pub type Delegates<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, u16, ValueQuery, ConstU16<11_796>>;

    /// Highest take (18 %).
    #[pallet::storage]
    pub type MaxDelegateTake<T> = StorageValue<_, u16, ValueQuery, ConstU16<11_796>>;

    /// Lowest take.
    #[pallet::storage]
    pub type MinDelegateTake<T> = StorageValue<_, u16, ValueQuery>;

    /// Blocks between two take increases of a hotkey (30 days).
    #[pallet::storage]
    pub type TxDelegateTakeRateLimit<T> = StorageValue<_, u64, ValueQuery, ConstU64<216_000>>;

    /// Block of each hotkey's last take increase.
    #[pallet::storage]
    pub type LastTxBlockDelegateTake<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, u64, OptionQuery>;

    /// Emission minted for a subnet and not yet distributed by its epoch.
    #[pallet::storage]
    pub type PendingEmission<T> = StorageMap<_, Identity, NetUid, Balance, ValueQuery>;

    /// Subnet owners' share of their subnet's emission, as a u16 ratio (18 %).
    #[pallet::storage]
    pub type SubnetOwnerCut<T> = StorageValue<_, u16, ValueQuery, ConstU16<11_796>>;

    /// Rao minted by the last block.
    #[pallet::storage]
    pub type BlockEmission<T> = StorageValue<_, Balance, ValueQuery>;

    /// Block of each subnet's last epoch (sic: subtensor's spelling).
    #[pallet::storage]
    pub type LastMechansimStepBlock<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Whether each uid was active in the last epoch.
    #[pallet::storage]
    pub type Active<T> = StorageMap<_, Identity, NetUid, Vec<bool>, ValueQuery>;

    /// Consensus per uid (u16 ratios) from the last epoch.
    #[pallet::storage]
    pub type Consensus<T> = StorageMap<_, Identity, NetUid, Vec<u16>, ValueQuery>;

    /// Incentive per uid from the last epoch.
    #[pallet::storage]
    pub type Incentive<T> = StorageMap<_, Identity, NetUid, Vec<u16>, ValueQuery>;

    /// Dividends per uid from the last epoch.
    #[pallet::storage]
    pub type Dividends<T> = StorageMap<_, Identity, NetUid, Vec<u16>, ValueQuery>;

    /// Validator trust per uid from the last epoch.
    #[pallet::storage]
    pub type ValidatorTrust<T> = StorageMap<_, Identity, NetUid, Vec<u16>, ValueQuery>;

    /// Normalised stake per uid from the last epoch.
    #[pallet::storage]
    pub type StakeWeight<T> = StorageMap<_, Identity, NetUid, Vec<u16>, ValueQuery>;

    /// Unrevealed weight commits of a hotkey: (hash, commit epoch, commit block, unused), in
    /// commit order.
    #[pallet::storage]
    pub type WeightCommits<T: Config> = StorageDoubleMap<
        _,
        Twox64Concat,
        NetUid,
        Twox64Concat,
        T::AccountId,
        Vec<(sp_core::H256, u64, u64, u64)>,
        OptionQuery,
    >;

    /// Validator permits granted by the last epoch.
    #[pallet::storage]
    pub type ValidatorPermit<T> = StorageMap<_, Identity, NetUid, Vec<bool>, ValueQuery>;

    /// Stake (rao) a hotkey needs to set weights.
    #[pallet::storage]
    pub type StakeThreshold<T> = StorageValue<_, Balance, ValueQuery>;

    /// Axon endpoints of the hotkeys on a subnet.
    #[pallet::storage]
    pub type Axons<T: Config> = StorageDoubleMap<
        _,
        Identity,
        NetUid,
        Blake2_128Concat,
        T::AccountId,
        AxonInfo,
        OptionQuery,
    >;

    /// Prometheus endpoints of the hotkeys on a subnet.
    #[pallet::storage]
    pub type Prometheus<T: Config> = StorageDoubleMap<
        _,
        Identity,
        NetUid,
        Blake2_128Concat,
        T::AccountId,
        PrometheusInfo,
        OptionQuery,
    >;

    /// The hotkey at each uid of a subnet.
    #[pallet::storage]
    pub type Keys<T: Config> = StorageDoubleMap<
        _,
        Identity,
        NetUid,
        Identity,
        u16,
        T::AccountId,
        ValueQuery,
        DefaultAccount,
    >;

    /// The uid of a hotkey on a subnet.
    #[pallet::storage]
    pub type Uids<T: Config> =
        StorageDoubleMap<_, Identity, NetUid, Blake2_128Concat, T::AccountId, u16, OptionQuery>;

    /// The coldkey that owns a hotkey (set by its first registration).
    #[pallet::storage]
    pub type Owner<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId, ValueQuery, DefaultAccount>;

    /// The hotkeys a coldkey owns, at most [`MAX_OWNED_HOTKEYS`]
    /// (SCALE-identical to subtensor's `Vec`, which its tools read).
    #[pallet::storage]
    pub type OwnedHotkeys<T: Config> = StorageMap<
        _,
        Blake2_128Concat,
        T::AccountId,
        BoundedVec<T::AccountId, ConstU32<MAX_OWNED_HOTKEYS>>,
        ValueQuery,
    >;

    /// Whether a hotkey holds a uid on a subnet (the same facts as [`Uids`], keyed by
    /// hotkey first, as subtensor keeps them for its tools).
    #[pallet::storage]
    pub type IsNetworkMember<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, NetUid, bool, ValueQuery>;

    /// Block of a subnet owner's last change of each owner-set parameter, keyed by
    /// [`owner_params::OwnerParam`], for the owner's rate limits.
    #[pallet::storage]
    pub type LastOwnerParamUpdate<T> =
        StorageDoubleMap<_, Identity, NetUid, Identity, u8, u64, OptionQuery>;

    /// Block of each subnet's last epoch.
    #[pallet::storage]
    pub type LastEpochBlock<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Epochs each subnet has run.
    #[pallet::storage]
    pub type SubnetEpochIndex<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Block of an epoch its owner triggered early; subtensor's `trigger_epoch` does not
    /// exist here, so this is always 0 (none pending).
    #[pallet::storage]
    pub type PendingEpochAt<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Subtensor's moving average of net TAO flow into a subnet, which drives its emission
    /// split. Taonet splits emission by stake and keeps no flow average: always empty.
    #[pallet::storage]
    pub type SubnetEmaTaoFlow<T> = StorageMap<_, Identity, NetUid, (u64, I64F64), OptionQuery>;

    /// Subtensor's per-coldkey root-claim setting; no root network here: always empty.
    #[pallet::storage]
    pub type RootClaimType<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, RootClaimTypeEnum, ValueQuery>;

    /// Subtensor's root emission claimable per hotkey; always empty here.
    #[pallet::storage]
    pub type RootClaimable<T: Config> = StorageMap<
        _,
        Blake2_128Concat,
        T::AccountId,
        alloc::collections::BTreeMap<NetUid, I96F32>,
        ValueQuery,
    >;

    /// Subtensor's root emission claimed per (subnet, hotkey, coldkey); always empty here.
    #[pallet::storage]
    pub type RootClaimed<T: Config> = StorageNMap<
        _,
        (
            NMapKey<Identity, NetUid>,
            NMapKey<Blake2_128Concat, T::AccountId>,
            NMapKey<Blake2_128Concat, T::AccountId>,
        ),
        u128,
        ValueQuery,
    >;

    /// Subtensor's stake locks per (subnet, hotkey); no stake is locked here: always empty.
    #[pallet::storage]
    pub type HotkeyLock<T: Config> = StorageDoubleMap<
        _,
        Identity,
        NetUid,
        Blake2_128Concat,
        T::AccountId,
        LockState,
        OptionQuery,
    >;

    /// Subtensor's decaying stake locks per (subnet, hotkey); always empty here.
    #[pallet::storage]
    pub type DecayingHotkeyLock<T: Config> = StorageDoubleMap<
        _,
        Identity,
        NetUid,
        Blake2_128Concat,
        T::AccountId,
        LockState,
        OptionQuery,
    >;

    /// Subtensor's locks of subnet owners; always empty here.
    #[pallet::storage]
    pub type OwnerLock<T> = StorageMap<_, Identity, NetUid, LockState, OptionQuery>;

    /// Subtensor's decaying locks of subnet owners; always empty here.
    #[pallet::storage]
    pub type DecayingOwnerLock<T> = StorageMap<_, Identity, NetUid, LockState, OptionQuery>;

    /// Subtensor's lock decay timescale, in blocks, at its default (no lock uses it here).
    #[pallet::storage]
    pub type UnlockRate<T> = StorageValue<_, u64, ValueQuery, ConstU64<934_866>>;

    /// Subtensor's conviction maturity timescale, in blocks, at its default (unused here).
    #[pallet::storage]
    pub type MaturityRate<T> = StorageValue<_, u64, ValueQuery, ConstU64<934_866>>;

    /// Identities of coldkeys (`set_identity`).
    #[pallet::storage]
    pub type IdentitiesV2<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, ChainIdentityV2, OptionQuery>;

    /// Identities of subnets, set by their owners (`set_subnet_identity`,
    /// `register_network_with_identity`).
    #[pallet::storage]
    pub type SubnetIdentitiesV3<T> =
        StorageMap<_, Blake2_128Concat, NetUid, SubnetIdentityV3, OptionQuery>;

    /// One mechanism per subnet unless its owner asks for more.
    #[pallet::type_value]
    pub fn DefaultMechanismCount() -> MechId {
        1
    }

    /// Number of mechanisms (independent weight matrices and epochs) of a subnet.
    #[pallet::storage]
    pub type MechanismCountCurrent<T> =
        StorageMap<_, Twox64Concat, NetUid, MechId, ValueQuery, DefaultMechanismCount>;

    /// Share of the subnet's emission each mechanism receives, as u16 ratios summing to
    /// `u16::MAX`; absent means an even split.
    #[pallet::storage]
    pub type MechanismEmissionSplit<T> = StorageMap<_, Twox64Concat, NetUid, Vec<u16>, OptionQuery>;

    /// Blocks since a subnet's last epoch.
    #[pallet::storage]
    pub type BlocksSinceLastStep<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Block of a subnet's first emission, set by `start_call`; a subnet emits nothing before.
    #[pallet::storage]
    pub type FirstEmissionBlockNumber<T> = StorageMap<_, Identity, NetUid, u64, OptionQuery>;

    /// Blocks after its registration before a subnet's owner may start its emission.
    #[pallet::storage]
    pub type StartCallDelay<T> = StorageValue<_, u64, ValueQuery>;

    /// Whether a miner's new commitment resets the bonds validators hold in it.
    #[pallet::storage]
    pub type BondsResetOn<T> = StorageMap<_, Identity, NetUid, bool, ValueQuery>;

    /// Block at which each uid was (last) registered.
    #[pallet::storage]
    pub type BlockAtRegistration<T> =
        StorageDoubleMap<_, Identity, NetUid, Identity, u16, u64, ValueQuery>;

    /// Block of each uid's last weight update (or registration).
    #[pallet::storage]
    pub type LastUpdate<T> = StorageMap<_, Identity, NetUid, Vec<u64>, ValueQuery>;

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn on_initialize(_: BlockNumberFor<T>) -> Weight {
            let subnets = Self::update_registration_prices();
            let epoch_weight = Self::run_coinbase();
            let cleanup_weight = Self::cleanup_dissolved();
            T::WeightInfo::on_initialize_subnets(subnets)
                .saturating_add(epoch_weight)
                .saturating_add(cleanup_weight)
        }

        #[cfg(feature = "try-runtime")]
        fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
            Self::check_accounting()?;
            Self::check_stake_index()?;
            Self::check_subnet_count().map_err(Into::into)
        }
    }

    /// Genesis: [`TotalIssuance`] starts as what the genesis balances hold.
    #[pallet::genesis_config]
    #[derive(frame_support::DefaultNoBound)]
    pub struct GenesisConfig<T: Config> {
        #[serde(skip)]
        _config: core::marker::PhantomData<T>,
    }

    #[pallet::genesis_build]
    impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
        fn build(&self) {
            TotalIssuance::<T>::put(
                <T::Currency as fungible::Inspect<T::AccountId>>::total_issuance(),
            );
        }
    }

    /// Events.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// A subnet was created: (netuid, mechanism count).
        NetworkAdded(NetUid, u16),
        /// A subnet was dissolved.
        NetworkRemoved(NetUid),
        /// A hotkey took a uid on a subnet: (netuid, uid, hotkey).
        NeuronRegistered(NetUid, u16, T::AccountId),
        /// Stake added: (coldkey, hotkey, TAO, stake, netuid, fee).
        StakeAdded(T::AccountId, T::AccountId, Balance, Balance, NetUid, u64),
        /// Stake removed: (coldkey, hotkey, TAO, stake, netuid, fee).
        StakeRemoved(T::AccountId, T::AccountId, Balance, Balance, NetUid, u64),
        /// A hotkey's take went down: (coldkey, hotkey, take).
        TakeDecreased(T::AccountId, T::AccountId, u16),
        /// A hotkey's take went up: (coldkey, hotkey, take).
        TakeIncreased(T::AccountId, T::AccountId, u16),
        /// A validator set its weights: (netuid, uid).
        WeightsSet(NetUid, u16),
        /// A hotkey committed weights: (hotkey, netuid, hash).
        WeightsCommitted(T::AccountId, NetUid, sp_core::H256),
        /// A hotkey revealed committed weights: (hotkey, netuid, hash).
        WeightsRevealed(T::AccountId, NetUid, sp_core::H256),
        /// Hyperparameter set: (netuid, tempo).
        TempoSet(NetUid, u16),
        /// A subnet's activity cutoff factor was set, in thousandths of a tempo.
        ActivityCutoffFactorMilliSet {
            /// The subnet.
            netuid: NetUid,
            /// The factor.
            factor_milli: u32,
        },
        /// Hyperparameter set: (netuid, kappa).
        KappaSet(NetUid, u16),
        /// Hyperparameter set: (netuid, immunity period).
        ImmunityPeriodSet(NetUid, u16),
        /// Hyperparameter set: (netuid, max allowed uids).
        MaxAllowedUidsSet(NetUid, u16),
        /// Hyperparameter set: (netuid, min allowed weights).
        MinAllowedWeightSet(NetUid, u16),
        /// Hyperparameter set: (netuid, weights rate limit).
        WeightsSetRateLimitSet(NetUid, u64),
        /// Hyperparameter set: (netuid, weights version key).
        WeightsVersionKeySet(NetUid, u64),
        /// Hyperparameter set: (netuid, max allowed validators).
        MaxAllowedValidatorsSet(NetUid, u16),
        /// Hyperparameter set: (netuid, bonds moving average).
        BondsMovingAverageSet(NetUid, u64),
        /// Hyperparameter set: (netuid, bonds penalty).
        BondsPenaltySet(NetUid, u16),
        /// Hyperparameter set: (netuid, commit-reveal on).
        CommitRevealEnabled(NetUid, bool),
        /// Hyperparameter set: (netuid, reveal period in epochs).
        CommitRevealPeriodsSet(NetUid, u64),
        /// Hyperparameter set: (netuid, min burn).
        MinBurnSet(NetUid, Balance),
        /// Hyperparameter set: (netuid, max burn).
        MaxBurnSet(NetUid, Balance),
        /// Hyperparameter set: (netuid, difficulty).
        DifficultySet(NetUid, u64),
        /// Hyperparameter set: (netuid, registration allowed).
        RegistrationAllowed(NetUid, bool),
        /// Hyperparameter set: (netuid, PoW registration allowed).
        PowRegistrationAllowed(NetUid, bool),
        /// Hyperparameter set: (netuid, serving rate limit).
        ServingRateLimitSet(NetUid, u64),
        /// Global parameter set: most subnets.
        SubnetLimitSet(u16),
        /// Global parameter set: blocks between a coldkey's subnet registrations.
        NetworkRateLimitSet(u64),
        /// Global parameter set: least subnet lock.
        NetworkMinLockCostSet(Balance),
        /// A hotkey announced its axon: (netuid, hotkey).
        AxonServed(NetUid, T::AccountId),
        /// A hotkey announced its Prometheus endpoint: (netuid, hotkey).
        PrometheusServed(NetUid, T::AccountId),
        /// TAO owed to an account that could not receive it (below the existential deposit
        /// into a reaped account) left existence instead: (account, rao).
        DustRecycled(T::AccountId, Balance),
        /// A subnet's epoch refused its stored state (logged under `runtime::subtensor`); its
        /// pending emission was recycled: (netuid, rao).
        EpochFailed(NetUid, Balance),
        /// Stake moved: (coldkey, origin hotkey, origin netuid, destination hotkey,
        /// destination netuid, TAO).
        StakeMoved(
            T::AccountId,
            T::AccountId,
            NetUid,
            T::AccountId,
            NetUid,
            Balance,
        ),
        /// Stake changed coldkey: (origin coldkey, destination coldkey, hotkey, origin
        /// netuid, destination netuid, TAO).
        StakeTransferred(
            T::AccountId,
            T::AccountId,
            T::AccountId,
            NetUid,
            NetUid,
            Balance,
        ),
        /// Stake changed subnet: (coldkey, hotkey, origin netuid, destination netuid, TAO).
        StakeSwapped(T::AccountId, T::AccountId, NetUid, NetUid, Balance),
        /// A coldkey set its identity.
        ChainIdentitySet(T::AccountId),
        /// A subnet's owner set its identity.
        SubnetIdentitySet(NetUid),
        /// A subnet's emission starts: (netuid, first block).
        FirstEmissionBlockNumberSet(NetUid, u64),
        /// A batch of weights was set in full: (netuids, hotkey).
        BatchWeightsCompleted(Vec<codec::Compact<NetUid>>, T::AccountId),
        /// A batch of weights was set with some items failing.
        BatchCompletedWithErrors(),
        /// An item of a batch of weights failed: (netuid, error).
        BatchWeightItemFailed(NetUid, sp_runtime::DispatchError),
        /// A coldkey replaced a hotkey on every subnet.
        HotkeySwapped {
            /// The coldkey owning both.
            coldkey: T::AccountId,
            /// The hotkey replaced.
            old_hotkey: T::AccountId,
            /// The hotkey replacing it.
            new_hotkey: T::AccountId,
        },
        /// A coldkey replaced a hotkey on one subnet.
        HotkeySwappedOnSubnet {
            /// The coldkey owning both.
            coldkey: T::AccountId,
            /// The hotkey replaced.
            old_hotkey: T::AccountId,
            /// The hotkey replacing it.
            new_hotkey: T::AccountId,
            /// The subnet.
            netuid: NetUid,
        },
        /// Hyperparameter set: (netuid, blocks between difficulty adjustments).
        AdjustmentIntervalSet(NetUid, u16),
        /// Hyperparameter set: (netuid, registrations per adjustment interval aimed at).
        RegistrationPerIntervalSet(NetUid, u16),
        /// Hyperparameter set: (netuid, activity cutoff in blocks at the current tempo).
        ActivityCutoffSet(NetUid, u16),
        /// Global parameter set: blocks between two take increases of a hotkey.
        TxDelegateTakeRateLimitSet(u64),
        /// Global parameter set: subnet owners' share of emission (u16 ratio).
        SubnetOwnerCutSet(u16),
        /// Global parameter set: blocks a new subnet cannot be pruned.
        NetworkImmunityPeriodSet(u64),
        /// Global parameter set: blocks over which a doubled lock cost falls back.
        NetworkLockCostReductionIntervalSet(u64),
        /// Global parameter set: highest take (subtensor's "default take").
        MaxDelegateTakeSet(u16),
        /// Global parameter set: lowest take.
        MinDelegateTakeSet(u16),
        /// A subnet's owner hotkey changed: (netuid, hotkey).
        SubnetOwnerHotkeySet(NetUid, T::AccountId),
    }

    /// Errors.
    #[pallet::error]
    pub enum Error<T> {
        /// The hotkey belongs to another coldkey.
        NonAssociatedColdKey,
        /// This coldkey registered a subnet too recently.
        NetworkTxRateLimitExceeded,
        /// Every subnet slot is taken and none can be pruned.
        SubnetLimitReached,
        /// The coldkey cannot pay the lock cost.
        CannotAffordLockCost,
        /// No subnet has this netuid.
        SubnetNotExists,
        /// The hotkey already has a uid on this subnet.
        HotKeyAlreadyRegisteredInSubNet,
        /// The subnet has no uid left to give and none to prune.
        NoNeuronIdAvailable,
        /// Neuron registration is closed on this subnet.
        SubNetRegistrationDisabled,
        /// The coldkey cannot pay the registration burn.
        NotEnoughBalanceToStake,
        /// The proof of work names a block in the future or more than 3 blocks old.
        InvalidWorkBlock,
        /// The proof of work does not meet the subnet's difficulty.
        InvalidDifficulty,
        /// The work is not the seal of this block, hotkey and nonce.
        InvalidSeal,
        /// The hotkey has no uid on this subnet.
        HotKeyNotRegisteredInNetwork,
        /// The hotkey has no uid on this subnet (staking).
        HotKeyNotRegisteredInSubNet,
        /// No coldkey owns this hotkey.
        HotKeyAccountNotExists,
        /// The amount is zero.
        AmountTooLow,
        /// The coldkey holds less stake than it asks back.
        NotEnoughStakeToWithdraw,
        /// The take is not below the current one, or below the minimum.
        DelegateTakeTooLow,
        /// The take is above the maximum.
        DelegateTakeTooHigh,
        /// The hotkey raised its take too recently.
        DelegateTxRateLimitExceeded,
        /// The subnet takes weights by commit and reveal.
        CommitRevealEnabled,
        /// Uids and values differ in length.
        WeightVecNotEqualSize,
        /// More uids than the subnet has.
        UidsLengthExceedUidsInSubNet,
        /// The hotkey's stake is below the threshold for setting weights.
        NotEnoughStakeToSetWeights,
        /// The version key is older than the subnet's.
        IncorrectWeightVersionKey,
        /// The hotkey set weights too recently.
        SettingWeightsTooFast,
        /// Only validators may weight other uids.
        NeuronNoValidatorPermit,
        /// A uid appears twice.
        DuplicateUids,
        /// A uid is not on the subnet.
        UidVecContainInvalidOne,
        /// Fewer weights than the subnet requires.
        WeightVecLengthIsLow,
        /// A normalised weight exceeds the subnet's limit.
        MaxWeightExceeded,
        /// The subnet does not use commit-reveal.
        CommitRevealDisabled,
        /// The hotkey committed too recently.
        CommittingWeightsTooFast,
        /// The hotkey has 10 unrevealed commits.
        TooManyUnrevealedCommits,
        /// The hotkey has no commit to reveal.
        NoWeightsCommitFound,
        /// The matching commit has expired.
        ExpiredWeightCommit,
        /// The matching commit may not be revealed before its reveal epoch.
        RevealTooEarly,
        /// No commit matches the revealed weights.
        InvalidRevealCommitHashNotMatch,
        /// The IP type is neither 4 nor 6.
        InvalidIpType,
        /// The address is out of range, a broadcast or a loopback address.
        InvalidIpAddress,
        /// The port is 0.
        InvalidPort,
        /// The hotkey updated this endpoint too recently.
        ServingRateLimitExceeded,
        /// An identity field is longer than allowed.
        InvalidIdentity,
        /// The caller does not own the subnet.
        NotSubnetOwner,
        /// The subnet has no mechanism with this id.
        MechanismDoesNotExist,
        /// The price (1 TAO per alpha) does not meet the order's limit.
        SlippageTooHigh,
        /// A stake move whose origin and destination are the same.
        SameNetuid,
        /// The subnet's emission has already started.
        FirstEmissionBlockNumberAlreadySet,
        /// The subnet is too young to start its emission.
        NeedWaitingMoreBlocksToStarCall,
        /// The registration burn is above the caller's limit.
        RegistrationPriceLimitExceeded,
        /// A batch's argument lists differ in length, or exceed a subnet per item.
        InputLengthsUnequal,
        /// The tempo is outside [360, 50 400] blocks.
        TempoOutOfBounds,
        /// The activity cutoff factor is outside [1 000, 50 000] thousandths of a tempo.
        ActivityCutoffFactorMilliOutOfBounds,
        /// The subnet owner changed this parameter too recently.
        TxRateLimitExceeded,
        /// A value outside what the parameter allows.
        InvalidValue,
        /// The subnet's uids over all its mechanisms would exceed 256.
        TooManyUIDsPerMechanism,
        /// A hotkey cannot be swapped for itself.
        NewHotKeyIsSameWithOld,
        /// The coldkey cannot pay the hotkey swap.
        NotEnoughBalanceToPaySwapHotKey,
        /// The hotkey carries more stake entries than one swap may move.
        TooManyStakesToSwap,
        /// As many dissolved subnets as may be removed at once are still being removed;
        /// a subnet can be dissolved (or pruned by a registration) again once one is gone.
        TooManyNetworksDissolving,
        /// The coldkey already has stake on as many hotkeys as it may
        /// ([`MAX_STAKING_HOTKEYS`]); it can stake on another once it has
        /// taken all its stake off one.
        StakingHotkeysFull,
        /// The coldkey already owns as many hotkeys as it may
        /// ([`MAX_OWNED_HOTKEYS`]).
        OwnedHotkeysFull,
    }

    impl<T: Config> Pallet<T> {
        /// Emits `event`: the setters of `AdminUtils` announce changes through this pallet,
        /// as subtensor does.
        pub fn note(event: Event<T>) {
            Self::deposit_event(event);
        }
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Creates a subnet owned by the calling coldkey, locking the current lock cost;
        /// `hotkey` takes uid 0.
        #[pallet::call_index(59)]
        #[pallet::weight(T::WeightInfo::register_network(Pallet::<T>::subnet_slots()))]
        pub fn register_network(origin: OriginFor<T>, hotkey: T::AccountId) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let slot = Self::network_slot(&coldkey, &hotkey)?;
            Self::do_register_network(&coldkey, &hotkey, slot).map(|_| ())
        }

        /// Registers `hotkey` on `netuid` for the calling coldkey, burning the current
        /// registration price.
        #[pallet::call_index(7)]
        #[pallet::weight(T::WeightInfo::burned_register(u32::from(MAX_UIDS)))]
        pub fn burned_register(
            origin: OriginFor<T>,
            netuid: NetUid,
            hotkey: T::AccountId,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_burned_register(&coldkey, netuid, &hotkey, Balance::MAX)
        }

        /// Registers `hotkey` for `coldkey` on `netuid` with proof of work: `work` must be
        /// the seal of `nonce` at block `block_number` (at most 3 blocks old) and meet the
        /// subnet's difficulty. Any account may submit it.
        #[pallet::call_index(6)]
        #[pallet::weight(T::WeightInfo::register(u32::from(MAX_UIDS)))]
        pub fn register(
            origin: OriginFor<T>,
            netuid: NetUid,
            block_number: u64,
            nonce: u64,
            work: Vec<u8>,
            hotkey: T::AccountId,
            coldkey: T::AccountId,
        ) -> DispatchResult {
            ensure_signed(origin)?;
            Self::do_pow_register(netuid, block_number, nonce, &work, &hotkey, &coldkey)
        }

        /// Sets the calling hotkey's weights on `netuid`: `weights[k]` for uid `dests[k]`,
        /// stored max-upscaled to u16. Free: transaction validation refuses it where it
        /// would fail (`SubtensorTransactionExtension`).
        #[pallet::call_index(0)]
        #[pallet::weight((
            T::WeightInfo::set_weights(len_u32(dests.len())),
            DispatchClass::Normal,
            Pays::No
        ))]
        pub fn set_weights(
            origin: OriginFor<T>,
            netuid: NetUid,
            dests: Vec<u16>,
            weights: Vec<u16>,
            version_key: u64,
        ) -> DispatchResultWithPostInfo {
            let hotkey = ensure_signed(origin)?;
            Self::do_set_weights(&hotkey, netuid, 0, &dests, &weights, version_key)?;
            Ok(Pays::No.into())
        }

        /// Commits the hash of weights the calling hotkey will reveal later. Free (only a
        /// hotkey registered on the subnet passes transaction validation).
        #[pallet::call_index(96)]
        #[pallet::weight((
            T::WeightInfo::commit_weights(),
            DispatchClass::Normal,
            Pays::No
        ))]
        pub fn commit_weights(
            origin: OriginFor<T>,
            netuid: NetUid,
            commit_hash: sp_core::H256,
        ) -> DispatchResultWithPostInfo {
            let hotkey = ensure_signed(origin)?;
            Self::do_commit_weights(&hotkey, netuid, 0, commit_hash)?;
            Ok(Pays::No.into())
        }

        /// Reveals committed weights, which are then set as `set_weights` would. Free (only
        /// a hotkey registered on the subnet passes transaction validation).
        #[pallet::call_index(97)]
        #[pallet::weight((
            T::WeightInfo::reveal_weights(len_u32(uids.len())),
            DispatchClass::Normal,
            Pays::No
        ))]
        pub fn reveal_weights(
            origin: OriginFor<T>,
            netuid: NetUid,
            uids: Vec<u16>,
            values: Vec<u16>,
            salt: Vec<u16>,
            version_key: u64,
        ) -> DispatchResultWithPostInfo {
            let hotkey = ensure_signed(origin)?;
            Self::do_reveal_weights(&hotkey, netuid, 0, &uids, &values, &salt, version_key)?;
            Ok(Pays::No.into())
        }

        /// Stakes `amount_staked` rao of the calling coldkey on `hotkey` in `netuid`.
        #[pallet::call_index(2)]
        #[pallet::weight(T::WeightInfo::add_stake())]
        pub fn add_stake(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            amount_staked: Balance,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_add_stake(&coldkey, &hotkey, netuid, amount_staked)
        }

        /// Returns `amount_unstaked` rao of the calling coldkey's stake on `hotkey` in
        /// `netuid` to its balance.
        #[pallet::call_index(3)]
        #[pallet::weight(T::WeightInfo::remove_stake())]
        pub fn remove_stake(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            amount_unstaked: Balance,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_remove_stake(&coldkey, &hotkey, netuid, amount_unstaked)
        }

        /// Lowers the take of a hotkey the calling coldkey owns; allowed at any time.
        #[pallet::call_index(65)]
        #[pallet::weight(T::WeightInfo::decrease_take())]
        pub fn decrease_take(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            take: u16,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_decrease_take(&coldkey, &hotkey, take)
        }

        /// Raises the take of a hotkey the calling coldkey owns, at most once per
        /// [`TxDelegateTakeRateLimit`] blocks.
        #[pallet::call_index(66)]
        #[pallet::weight(T::WeightInfo::increase_take())]
        pub fn increase_take(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            take: u16,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_increase_take(&coldkey, &hotkey, take)
        }

        /// Announces the calling hotkey's axon on `netuid`. Free: transaction validation
        /// refuses it where it would fail.
        #[pallet::call_index(4)]
        #[pallet::weight((
            T::WeightInfo::serve_axon(),
            DispatchClass::Normal,
            Pays::No
        ))]
        pub fn serve_axon(
            origin: OriginFor<T>,
            netuid: NetUid,
            version: u32,
            ip: u128,
            port: u16,
            ip_type: u8,
            protocol: u8,
            placeholder1: u8,
            placeholder2: u8,
        ) -> DispatchResultWithPostInfo {
            let hotkey = ensure_signed(origin)?;
            let axon = AxonInfo {
                block: 0,
                version,
                ip,
                port,
                ip_type,
                protocol,
                placeholder1,
                placeholder2,
            };
            Self::do_serve_axon(&hotkey, netuid, axon)?;
            Ok(Pays::No.into())
        }

        /// Announces the calling hotkey's Prometheus endpoint on `netuid`. Free: transaction
        /// validation refuses it where it would fail.
        #[pallet::call_index(5)]
        #[pallet::weight((
            T::WeightInfo::serve_prometheus(),
            DispatchClass::Normal,
            Pays::No
        ))]
        pub fn serve_prometheus(
            origin: OriginFor<T>,
            netuid: NetUid,
            version: u32,
            ip: u128,
            port: u16,
            ip_type: u8,
        ) -> DispatchResultWithPostInfo {
            let hotkey = ensure_signed(origin)?;
            let prometheus = PrometheusInfo {
                block: 0,
                version,
                ip,
                port,
                ip_type,
            };
            Self::do_serve_prometheus(&hotkey, netuid, prometheus)?;
            Ok(Pays::No.into())
        }

        /// Removes a subnet and returns its lock to the owner. Root only; `coldkey` is
        /// ignored (subtensor keeps the argument).
        #[pallet::call_index(61)]
        #[pallet::weight(T::WeightInfo::dissolve_network())]
        pub fn dissolve_network(
            origin: OriginFor<T>,
            _coldkey: T::AccountId,
            netuid: NetUid,
        ) -> DispatchResult {
            ensure_root(origin)?;
            Self::do_dissolve_network(netuid)
        }

        /// `register_network`, then sets the new subnet's identity if one is given.
        #[pallet::call_index(79)]
        #[pallet::weight(T::WeightInfo::register_network_with_identity(Pallet::<T>::subnet_slots()))]
        pub fn register_network_with_identity(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            identity: Option<SubnetIdentityV3>,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            if let Some(identity) = &identity {
                ensure!(identity.is_valid(), Error::<T>::InvalidIdentity);
            }
            let slot = Self::network_slot(&coldkey, &hotkey)?;
            let netuid = Self::do_register_network(&coldkey, &hotkey, slot)?;
            if let Some(identity) = identity {
                Self::do_set_subnet_identity(&coldkey, netuid, identity)?;
            }
            Ok(())
        }

        /// Sets the calling coldkey's identity; the coldkey must own a registered hotkey
        /// (each hotkey it owns may be looked at, hence the most it may own in the weight,
        /// refunded down to those it owns).
        #[pallet::call_index(68)]
        #[pallet::weight(T::WeightInfo::set_identity(crate::neurons::MAX_OWNED_HOTKEYS))]
        pub fn set_identity(
            origin: OriginFor<T>,
            name: Vec<u8>,
            url: Vec<u8>,
            github_repo: Vec<u8>,
            image: Vec<u8>,
            discord: Vec<u8>,
            description: Vec<u8>,
            additional: Vec<u8>,
        ) -> DispatchResultWithPostInfo {
            let coldkey = ensure_signed(origin)?;
            let identity = ChainIdentityV2 {
                name,
                url,
                github_repo,
                image,
                discord,
                description,
                additional,
            };
            let owned = Self::do_set_identity(&coldkey, identity)?;
            Ok(Some(T::WeightInfo::set_identity(owned)).into())
        }

        /// Sets the identity of a subnet the calling coldkey owns.
        #[pallet::call_index(78)]
        #[pallet::weight(T::WeightInfo::set_subnet_identity())]
        pub fn set_subnet_identity(
            origin: OriginFor<T>,
            netuid: NetUid,
            subnet_name: Vec<u8>,
            github_repo: Vec<u8>,
            subnet_contact: Vec<u8>,
            subnet_url: Vec<u8>,
            discord: Vec<u8>,
            description: Vec<u8>,
            logo_url: Vec<u8>,
            additional: Vec<u8>,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let identity = SubnetIdentityV3 {
                subnet_name,
                github_repo,
                subnet_contact,
                subnet_url,
                discord,
                description,
                logo_url,
                additional,
            };
            Self::do_set_subnet_identity(&coldkey, netuid, identity)
        }

        /// `burned_register`, refused if the burn is above `limit_price` rao.
        #[pallet::call_index(134)]
        #[pallet::weight(T::WeightInfo::register_limit(u32::from(MAX_UIDS)))]
        pub fn register_limit(
            origin: OriginFor<T>,
            netuid: NetUid,
            hotkey: T::AccountId,
            limit_price: u64,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_burned_register(&coldkey, netuid, &hotkey, limit_price)
        }

        /// Starts the emission of a subnet the calling coldkey owns.
        #[pallet::call_index(92)]
        #[pallet::weight(T::WeightInfo::start_call())]
        pub fn start_call(origin: OriginFor<T>, netuid: NetUid) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_start_call(&coldkey, netuid)
        }

        /// `set_weights` for mechanism `mecid` of the subnet.
        #[pallet::call_index(119)]
        #[pallet::weight((
            T::WeightInfo::set_mechanism_weights(len_u32(dests.len())),
            DispatchClass::Normal,
            Pays::No
        ))]
        pub fn set_mechanism_weights(
            origin: OriginFor<T>,
            netuid: NetUid,
            mecid: MechId,
            dests: Vec<u16>,
            weights: Vec<u16>,
            version_key: u64,
        ) -> DispatchResultWithPostInfo {
            let hotkey = ensure_signed(origin)?;
            Self::do_set_weights(&hotkey, netuid, mecid, &dests, &weights, version_key)?;
            Ok(Pays::No.into())
        }

        /// `commit_weights` for mechanism `mecid` of the subnet.
        #[pallet::call_index(115)]
        #[pallet::weight((
            T::WeightInfo::commit_mechanism_weights(),
            DispatchClass::Normal,
            Pays::No
        ))]
        pub fn commit_mechanism_weights(
            origin: OriginFor<T>,
            netuid: NetUid,
            mecid: MechId,
            commit_hash: sp_core::H256,
        ) -> DispatchResultWithPostInfo {
            let hotkey = ensure_signed(origin)?;
            Self::do_commit_weights(&hotkey, netuid, mecid, commit_hash)?;
            Ok(Pays::No.into())
        }

        /// `reveal_weights` for mechanism `mecid` of the subnet.
        #[pallet::call_index(116)]
        #[pallet::weight((
            T::WeightInfo::reveal_mechanism_weights(len_u32(uids.len())),
            DispatchClass::Normal,
            Pays::No
        ))]
        pub fn reveal_mechanism_weights(
            origin: OriginFor<T>,
            netuid: NetUid,
            mecid: MechId,
            uids: Vec<u16>,
            values: Vec<u16>,
            salt: Vec<u16>,
            version_key: u64,
        ) -> DispatchResultWithPostInfo {
            let hotkey = ensure_signed(origin)?;
            Self::do_reveal_weights(&hotkey, netuid, mecid, &uids, &values, &salt, version_key)?;
            Ok(Pays::No.into())
        }

        /// `set_weights` on several subnets at once; an item that fails is reported by an
        /// event and does not stop the others. At most [`set_weights::MAX_BATCH`] items.
        #[pallet::call_index(80)]
        #[pallet::weight((
            T::WeightInfo::batch_set_weights(
                len_u32(netuids.len()),
                len_u32(weights.iter().map(Vec::len).fold(0, usize::saturating_add)),
            ),
            DispatchClass::Normal,
            Pays::No
        ))]
        pub fn batch_set_weights(
            origin: OriginFor<T>,
            netuids: Vec<codec::Compact<NetUid>>,
            weights: Vec<Vec<(codec::Compact<u16>, codec::Compact<u16>)>>,
            version_keys: Vec<codec::Compact<u64>>,
        ) -> DispatchResultWithPostInfo {
            let hotkey = ensure_signed(origin)?;
            Self::do_batch_set_weights(&hotkey, netuids, &weights, &version_keys)?;
            Ok(Pays::No.into())
        }

        /// `add_stake` that executes only if the price, 1 TAO per alpha, is at most
        /// `limit_price` rao per alpha (then always in full, so `allow_partial` changes
        /// nothing).
        #[pallet::call_index(88)]
        #[pallet::weight(T::WeightInfo::add_stake_limit())]
        pub fn add_stake_limit(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            amount_staked: Balance,
            limit_price: Balance,
            _allow_partial: bool,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_add_stake_limit(&coldkey, &hotkey, netuid, amount_staked, limit_price)
        }

        /// `remove_stake` that executes only if the price, 1 TAO per alpha, is at least
        /// `limit_price` rao per alpha.
        #[pallet::call_index(89)]
        #[pallet::weight(T::WeightInfo::remove_stake_limit())]
        pub fn remove_stake_limit(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            amount_unstaked: Balance,
            limit_price: Balance,
            _allow_partial: bool,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_remove_stake_limit(&coldkey, &hotkey, netuid, amount_unstaked, limit_price)
        }

        /// Takes out all of the caller's stake on `hotkey` in `netuid`, with an optional
        /// lowest price.
        #[pallet::call_index(103)]
        #[pallet::weight(T::WeightInfo::remove_stake_full_limit())]
        pub fn remove_stake_full_limit(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            limit_price: Option<Balance>,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_remove_stake_full_limit(&coldkey, &hotkey, netuid, limit_price)
        }

        /// Takes out all of the caller's stake on `hotkey`, in every subnet.
        #[pallet::call_index(83)]
        #[pallet::weight(T::WeightInfo::unstake_all(u32::from(SubnetLimit::<T>::get())))]
        pub fn unstake_all(origin: OriginFor<T>, hotkey: T::AccountId) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_unstake_all(&coldkey, &hotkey)
        }

        /// The subnet owner sets its tempo, within [360, 50 400] blocks, at most once per 360
        /// blocks (root sets any tempo through `AdminUtils::sudo_set_tempo`).
        #[pallet::call_index(139)]
        #[pallet::weight(T::WeightInfo::set_tempo())]
        pub fn set_tempo(origin: OriginFor<T>, netuid: NetUid, tempo: u16) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_set_tempo(&coldkey, netuid, tempo)
        }

        /// The subnet owner (rate-limited to once a day) or root sets the activity cutoff,
        /// in thousandths of a tempo, within [1 000, 50 000].
        #[pallet::call_index(140)]
        #[pallet::weight(T::WeightInfo::set_activity_cutoff_factor())]
        pub fn set_activity_cutoff_factor(
            origin: OriginFor<T>,
            netuid: NetUid,
            factor_milli: u32,
        ) -> DispatchResult {
            let owner = ensure_signed_or_root(origin)?;
            Self::do_set_activity_cutoff_factor(owner.as_ref(), netuid, factor_milli)
        }

        /// Replaces the caller's `hotkey` by `new_hotkey` on `netuid`, or on every subnet,
        /// for 0.1 TAO (recycled). Charged for the subnets and stake entries it moves.
        #[pallet::call_index(70)]
        #[pallet::weight(T::WeightInfo::swap_hotkey(
            u32::from(SubnetLimit::<T>::get()),
            crate::swap_hotkey::MAX_SWAP_STAKES,
        ))]
        pub fn swap_hotkey(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            new_hotkey: T::AccountId,
            netuid: Option<NetUid>,
        ) -> DispatchResultWithPostInfo {
            let coldkey = ensure_signed(origin)?;
            let (subnets, stakes) = Self::do_swap_hotkey(&coldkey, &hotkey, &new_hotkey, netuid)?;
            Ok(Some(T::WeightInfo::swap_hotkey(subnets, stakes)).into())
        }

        /// Moves the caller's stake to another hotkey and/or subnet.
        #[pallet::call_index(85)]
        #[pallet::weight(T::WeightInfo::move_stake())]
        pub fn move_stake(
            origin: OriginFor<T>,
            origin_hotkey: T::AccountId,
            destination_hotkey: T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha_amount: Balance,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let from = StakeSlot {
                coldkey: coldkey.clone(),
                hotkey: origin_hotkey,
                netuid: origin_netuid,
            };
            let to = StakeSlot {
                coldkey,
                hotkey: destination_hotkey,
                netuid: destination_netuid,
            };
            Self::do_move_stake(from, to, alpha_amount)
        }

        /// Gives the caller's stake on `hotkey` to `destination_coldkey`, possibly in
        /// another subnet.
        #[pallet::call_index(86)]
        #[pallet::weight(T::WeightInfo::transfer_stake())]
        pub fn transfer_stake(
            origin: OriginFor<T>,
            destination_coldkey: T::AccountId,
            hotkey: T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha_amount: Balance,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let from = StakeSlot {
                coldkey,
                hotkey: hotkey.clone(),
                netuid: origin_netuid,
            };
            let to = StakeSlot {
                coldkey: destination_coldkey,
                hotkey,
                netuid: destination_netuid,
            };
            Self::do_transfer_stake(from, to, alpha_amount)
        }

        /// Moves the caller's stake on `hotkey` to another subnet.
        #[pallet::call_index(87)]
        #[pallet::weight(T::WeightInfo::swap_stake())]
        pub fn swap_stake(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha_amount: Balance,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let from = StakeSlot {
                coldkey,
                hotkey,
                netuid: origin_netuid,
            };
            Self::do_swap_stake(from, destination_netuid, alpha_amount, None)
        }

        /// `swap_stake` that executes only if the origin's price in the destination's, always
        /// 1 here, is at least `limit_price` (in rao per alpha).
        #[pallet::call_index(90)]
        #[pallet::weight(T::WeightInfo::swap_stake_limit())]
        pub fn swap_stake_limit(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha_amount: Balance,
            limit_price: Balance,
            _allow_partial: bool,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let from = StakeSlot {
                coldkey,
                hotkey,
                netuid: origin_netuid,
            };
            Self::do_swap_stake(from, destination_netuid, alpha_amount, Some(limit_price))
        }
    }
}
