//! `SubnetInfoRuntimeApi` metagraphs: a subnet's parameters and every uid's state in one
//! answer (subtensor's `Metagraph`), per mechanism (mechagraphs), or only the fields a
//! client asks for by index (`SelectiveMetagraph`).

use alloc::vec::Vec;

use codec::{Compact, Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_runtime::AccountId32;
use substrate_fixed::types::I96F32;

use super::dynamic_info::PRICE_ONE;
use super::{at, compact_all, per_uid, TOKEN_SYMBOL};
use crate::identity::{ChainIdentityV2, SubnetIdentityV3};
use crate::*;

/// Stride between mechanisms' storage indices (subtensor's `GLOBAL_MAX_SUBNET_COUNT`): a
/// mechanism's per-uid incentive and last updates are stored under
/// `mecid · 4096 + netuid`.
const MECHANISM_STRIDE: u16 = 4096;

/// Number of [`SelectiveMetagraph`] fields a client can ask for (indices 0 to 73).
pub const SELECTIVE_METAGRAPH_FIELDS: usize = 74;

/// A subnet and all its uids.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct Metagraph<AccountId> {
    /// The subnet (for a mechagraph, the mechanism's storage index).
    pub netuid: Compact<NetUid>,
    /// Its identity's name (empty without one).
    pub name: Vec<Compact<u8>>,
    /// The staked token's symbol: TAO.
    pub symbol: Vec<Compact<u8>>,
    /// The identity its owner set.
    pub identity: Option<SubnetIdentityV3>,
    /// Block at which the subnet was registered.
    pub network_registered_at: Compact<u64>,
    /// The owner's hotkey.
    pub owner_hotkey: AccountId,
    /// The owner coldkey.
    pub owner_coldkey: AccountId,
    /// The current block.
    pub block: Compact<u64>,
    /// Epoch length.
    pub tempo: Compact<u16>,
    /// Block of the last epoch.
    pub last_step: Compact<u64>,
    /// Blocks since then ([`BlocksSinceLastStep`]).
    pub blocks_since_last_step: Compact<u64>,
    /// Retired: 0, as in subtensor.
    pub subnet_emission: Compact<u64>,
    /// Alpha reserve: the TAO staked in the subnet (1:1).
    pub alpha_in: Compact<u64>,
    /// Alpha held by stakers: the TAO staked in the subnet.
    pub alpha_out: Compact<u64>,
    /// TAO reserve: the TAO staked in the subnet.
    pub tao_in: Compact<u64>,
    /// Alpha emitted per block: the subnet's share of the next block's emission (0 before
    /// `start_call`).
    pub alpha_out_emission: Compact<u64>,
    /// Alpha added to the reserve per block: the same share.
    pub alpha_in_emission: Compact<u64>,
    /// TAO entering the subnet per block: the same share.
    pub tao_in_emission: Compact<u64>,
    /// Emission awaiting the next epoch ([`PendingEmission`]).
    pub pending_alpha_emission: Compact<u64>,
    /// No root network: 0.
    pub pending_root_emission: Compact<u64>,
    /// Swap volume: staking is not a swap here, so 0.
    pub subnet_volume: Compact<u128>,
    /// 1 TAO per alpha.
    pub moving_price: I96F32,
    /// Retired: 0 (taonet has no rho).
    pub rho: Compact<u16>,
    /// Consensus majority (u16 ratio).
    pub kappa: Compact<u16>,
    /// Fewest weights a validator must set.
    pub min_allowed_weights: Compact<u16>,
    /// Largest normalised weight (u16 ratio).
    pub max_weights_limit: Compact<u16>,
    /// Oldest weights version accepted.
    pub weights_version: Compact<u64>,
    /// Blocks between two weight settings of a hotkey.
    pub weights_rate_limit: Compact<u64>,
    /// Activity cutoff in blocks.
    pub activity_cutoff: Compact<u64>,
    /// Validator permits handed out by stake.
    pub max_validators: Compact<u16>,
    /// Number of uids.
    pub num_uids: Compact<u16>,
    /// Most uids.
    pub max_uids: Compact<u16>,
    /// Rao a burned registration costs now.
    pub burn: Compact<u64>,
    /// Proof-of-work difficulty.
    pub difficulty: Compact<u64>,
    /// Whether neurons may register.
    pub registration_allowed: bool,
    /// Whether neurons may register by proof of work.
    pub pow_registration_allowed: bool,
    /// Blocks a new neuron cannot be pruned.
    pub immunity_period: Compact<u16>,
    /// Least proof-of-work difficulty.
    pub min_difficulty: Compact<u64>,
    /// Greatest proof-of-work difficulty.
    pub max_difficulty: Compact<u64>,
    /// Least registration burn, rao.
    pub min_burn: Compact<u64>,
    /// Greatest registration burn, rao.
    pub max_burn: Compact<u64>,
    /// No smoothing of difficulty adjustments in taonet: 0.
    pub adjustment_alpha: Compact<u64>,
    /// Blocks between difficulty adjustments.
    pub adjustment_interval: Compact<u16>,
    /// Registrations per interval the difficulty aims at.
    pub target_regs_per_interval: Compact<u16>,
    /// No per-block registration limit in taonet: `u16::MAX`.
    pub max_regs_per_block: Compact<u16>,
    /// Blocks between serving-info updates of a hotkey.
    pub serving_rate_limit: Compact<u64>,
    /// Whether weights are committed before they are revealed.
    pub commit_reveal_weights_enabled: bool,
    /// Epochs after a commit in which its reveal is accepted.
    pub commit_reveal_period: Compact<u64>,
    /// Whether liquid alpha is on.
    pub liquid_alpha_enabled: bool,
    /// Liquid alpha's highest rate (u16 ratio).
    pub alpha_high: Compact<u16>,
    /// Liquid alpha's lowest rate (u16 ratio).
    pub alpha_low: Compact<u16>,
    /// Bond EMA memory in millionths.
    pub bonds_moving_avg: Compact<u64>,
    /// Hotkey per uid.
    pub hotkeys: Vec<AccountId>,
    /// Owning coldkey per uid.
    pub coldkeys: Vec<AccountId>,
    /// The identity of each uid's coldkey.
    pub identities: Vec<Option<ChainIdentityV2>>,
    /// Axon per uid (all zero if never served).
    pub axons: Vec<AxonInfo>,
    /// Active per uid in the last epoch (true for uids registered since).
    pub active: Vec<bool>,
    /// Validator permit per uid.
    pub validator_permit: Vec<bool>,
    /// Retired: empty, as in subtensor.
    pub pruning_score: Vec<Compact<u16>>,
    /// Block of each uid's last weights (or registration).
    pub last_update: Vec<Compact<u64>>,
    /// Rao each uid earned in the last epoch.
    pub emission: Vec<Compact<u64>>,
    /// Dividends per uid (u16 ratio).
    pub dividends: Vec<Compact<u16>>,
    /// Incentive per uid (u16 ratio).
    pub incentives: Vec<Compact<u16>>,
    /// Consensus per uid (u16 ratio).
    pub consensus: Vec<Compact<u16>>,
    /// Retired: empty, as in subtensor.
    pub trust: Vec<Compact<u16>>,
    /// Retired: empty, as in subtensor.
    pub rank: Vec<Compact<u16>>,
    /// Block at which each uid was registered.
    pub block_at_registration: Vec<Compact<u64>>,
    /// Stake per uid on this subnet (`TotalHotkeyAlpha`, rao; alpha is TAO).
    pub alpha_stake: Vec<Compact<u64>>,
    /// Root stake per uid: no root network, so 0 each.
    pub tao_stake: Vec<Compact<u64>>,
    /// Stake weight per uid: the subnet stake (no root stake to add).
    pub total_stake: Vec<Compact<u64>>,
    /// Root dividends per hotkey: no root network, so 0 each (subtensor too).
    pub tao_dividends_per_hotkey: Vec<(AccountId, Compact<u64>)>,
    /// Subtensor's last-epoch alpha dividends per hotkey: taonet does not store dividends
    /// per hotkey in rao, so 0 each.
    pub alpha_dividends_per_hotkey: Vec<(AccountId, Compact<u64>)>,
}

/// The [`Metagraph`] fields a client asked for (the others `None`), plus the validators
/// and commitments. Field `k` (counting `netuid` as 0) is asked for with index `k`.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct SelectiveMetagraph<AccountId> {
    /// Index 0; always the subnet, whether asked for or not.
    pub netuid: Compact<NetUid>,
    /// Index 1: [`Metagraph::name`].
    pub name: Option<Vec<Compact<u8>>>,
    /// Index 2: [`Metagraph::symbol`].
    pub symbol: Option<Vec<Compact<u8>>>,
    /// Index 3: [`Metagraph::identity`].
    pub identity: Option<Option<SubnetIdentityV3>>,
    /// Index 4: [`Metagraph::network_registered_at`].
    pub network_registered_at: Option<Compact<u64>>,
    /// Index 5: [`Metagraph::owner_hotkey`].
    pub owner_hotkey: Option<AccountId>,
    /// Index 6: [`Metagraph::owner_coldkey`].
    pub owner_coldkey: Option<AccountId>,
    /// Index 7: [`Metagraph::block`].
    pub block: Option<Compact<u64>>,
    /// Index 8: [`Metagraph::tempo`].
    pub tempo: Option<Compact<u16>>,
    /// Index 9: [`Metagraph::last_step`].
    pub last_step: Option<Compact<u64>>,
    /// Index 10: [`Metagraph::blocks_since_last_step`].
    pub blocks_since_last_step: Option<Compact<u64>>,
    /// Index 11: [`Metagraph::subnet_emission`].
    pub subnet_emission: Option<Compact<u64>>,
    /// Index 12: [`Metagraph::alpha_in`].
    pub alpha_in: Option<Compact<u64>>,
    /// Index 13: [`Metagraph::alpha_out`].
    pub alpha_out: Option<Compact<u64>>,
    /// Index 14: [`Metagraph::tao_in`].
    pub tao_in: Option<Compact<u64>>,
    /// Index 15: [`Metagraph::alpha_out_emission`].
    pub alpha_out_emission: Option<Compact<u64>>,
    /// Index 16: [`Metagraph::alpha_in_emission`].
    pub alpha_in_emission: Option<Compact<u64>>,
    /// Index 17: [`Metagraph::tao_in_emission`].
    pub tao_in_emission: Option<Compact<u64>>,
    /// Index 18: [`Metagraph::pending_alpha_emission`].
    pub pending_alpha_emission: Option<Compact<u64>>,
    /// Index 19: [`Metagraph::pending_root_emission`].
    pub pending_root_emission: Option<Compact<u64>>,
    /// Index 20: [`Metagraph::subnet_volume`].
    pub subnet_volume: Option<Compact<u128>>,
    /// Index 21: [`Metagraph::moving_price`].
    pub moving_price: Option<I96F32>,
    /// Index 22: [`Metagraph::rho`].
    pub rho: Option<Compact<u16>>,
    /// Index 23: [`Metagraph::kappa`].
    pub kappa: Option<Compact<u16>>,
    /// Index 24: [`Metagraph::min_allowed_weights`].
    pub min_allowed_weights: Option<Compact<u16>>,
    /// Index 25: [`Metagraph::max_weights_limit`].
    pub max_weights_limit: Option<Compact<u16>>,
    /// Index 26: [`Metagraph::weights_version`].
    pub weights_version: Option<Compact<u64>>,
    /// Index 27: [`Metagraph::weights_rate_limit`].
    pub weights_rate_limit: Option<Compact<u64>>,
    /// Index 28: [`Metagraph::activity_cutoff`].
    pub activity_cutoff: Option<Compact<u64>>,
    /// Index 29: [`Metagraph::max_validators`].
    pub max_validators: Option<Compact<u16>>,
    /// Index 30: [`Metagraph::num_uids`].
    pub num_uids: Option<Compact<u16>>,
    /// Index 31: [`Metagraph::max_uids`].
    pub max_uids: Option<Compact<u16>>,
    /// Index 32: [`Metagraph::burn`].
    pub burn: Option<Compact<u64>>,
    /// Index 33: [`Metagraph::difficulty`].
    pub difficulty: Option<Compact<u64>>,
    /// Index 34: [`Metagraph::registration_allowed`].
    pub registration_allowed: Option<bool>,
    /// Index 35: [`Metagraph::pow_registration_allowed`].
    pub pow_registration_allowed: Option<bool>,
    /// Index 36: [`Metagraph::immunity_period`].
    pub immunity_period: Option<Compact<u16>>,
    /// Index 37: [`Metagraph::min_difficulty`].
    pub min_difficulty: Option<Compact<u64>>,
    /// Index 38: [`Metagraph::max_difficulty`].
    pub max_difficulty: Option<Compact<u64>>,
    /// Index 39: [`Metagraph::min_burn`].
    pub min_burn: Option<Compact<u64>>,
    /// Index 40: [`Metagraph::max_burn`].
    pub max_burn: Option<Compact<u64>>,
    /// Index 41: [`Metagraph::adjustment_alpha`].
    pub adjustment_alpha: Option<Compact<u64>>,
    /// Index 42: [`Metagraph::adjustment_interval`].
    pub adjustment_interval: Option<Compact<u16>>,
    /// Index 43: [`Metagraph::target_regs_per_interval`].
    pub target_regs_per_interval: Option<Compact<u16>>,
    /// Index 44: [`Metagraph::max_regs_per_block`].
    pub max_regs_per_block: Option<Compact<u16>>,
    /// Index 45: [`Metagraph::serving_rate_limit`].
    pub serving_rate_limit: Option<Compact<u64>>,
    /// Index 46: [`Metagraph::commit_reveal_weights_enabled`].
    pub commit_reveal_weights_enabled: Option<bool>,
    /// Index 47: [`Metagraph::commit_reveal_period`].
    pub commit_reveal_period: Option<Compact<u64>>,
    /// Index 48: [`Metagraph::liquid_alpha_enabled`].
    pub liquid_alpha_enabled: Option<bool>,
    /// Index 49: [`Metagraph::alpha_high`].
    pub alpha_high: Option<Compact<u16>>,
    /// Index 50: [`Metagraph::alpha_low`].
    pub alpha_low: Option<Compact<u16>>,
    /// Index 51: [`Metagraph::bonds_moving_avg`].
    pub bonds_moving_avg: Option<Compact<u64>>,
    /// Index 52: [`Metagraph::hotkeys`].
    pub hotkeys: Option<Vec<AccountId>>,
    /// Index 53: [`Metagraph::coldkeys`].
    pub coldkeys: Option<Vec<AccountId>>,
    /// Index 54: [`Metagraph::identities`].
    pub identities: Option<Vec<Option<ChainIdentityV2>>>,
    /// Index 55: [`Metagraph::axons`].
    pub axons: Option<Vec<AxonInfo>>,
    /// Index 56: [`Metagraph::active`].
    pub active: Option<Vec<bool>>,
    /// Index 57: [`Metagraph::validator_permit`].
    pub validator_permit: Option<Vec<bool>>,
    /// Index 58: [`Metagraph::pruning_score`].
    pub pruning_score: Option<Vec<Compact<u16>>>,
    /// Index 59: [`Metagraph::last_update`].
    pub last_update: Option<Vec<Compact<u64>>>,
    /// Index 60: [`Metagraph::emission`].
    pub emission: Option<Vec<Compact<u64>>>,
    /// Index 61: [`Metagraph::dividends`].
    pub dividends: Option<Vec<Compact<u16>>>,
    /// Index 62: [`Metagraph::incentives`].
    pub incentives: Option<Vec<Compact<u16>>>,
    /// Index 63: [`Metagraph::consensus`].
    pub consensus: Option<Vec<Compact<u16>>>,
    /// Index 64: [`Metagraph::trust`].
    pub trust: Option<Vec<Compact<u16>>>,
    /// Index 65: [`Metagraph::rank`].
    pub rank: Option<Vec<Compact<u16>>>,
    /// Index 66: [`Metagraph::block_at_registration`].
    pub block_at_registration: Option<Vec<Compact<u64>>>,
    /// Index 67: [`Metagraph::alpha_stake`].
    pub alpha_stake: Option<Vec<Compact<u64>>>,
    /// Index 68: [`Metagraph::tao_stake`].
    pub tao_stake: Option<Vec<Compact<u64>>>,
    /// Index 69: [`Metagraph::total_stake`].
    pub total_stake: Option<Vec<Compact<u64>>>,
    /// Index 70: [`Metagraph::tao_dividends_per_hotkey`].
    pub tao_dividends_per_hotkey: Option<Vec<(AccountId, Compact<u64>)>>,
    /// Index 71: [`Metagraph::alpha_dividends_per_hotkey`].
    pub alpha_dividends_per_hotkey: Option<Vec<(AccountId, Compact<u64>)>>,
    /// Index 72: uids with a validator permit whose stake exceeds [`StakeThreshold`],
    /// by ascending stake (as subtensor orders them).
    pub validators: Option<Vec<Compact<u16>>>,
    /// Index 73: subtensor's commitments per hotkey. Taonet's `SubtensorModule` has no
    /// access to commitments, so this is never filled (`None`).
    pub commitments: Option<Vec<(AccountId, Vec<Compact<u8>>)>>,
}

/// `mecid · 4096 + netuid`, where a mechanism's per-uid incentive and last updates are
/// stored (mechanism 0 at the netuid itself); `None` past the u16 range.
fn mechanism_storage_index(netuid: NetUid, mecid: MechId) -> Option<u16> {
    u16::from(mecid)
        .checked_mul(MECHANISM_STRIDE)?
        .checked_add(netuid)
}

impl<T: Config> Pallet<T> {
    /// The metagraph of `netuid` with the incentive and last updates stored at `index`
    /// and `reported` as its netuid. The subnet must exist.
    fn metagraph_at(netuid: NetUid, index: u16, reported: u16) -> Metagraph<AccountId32> {
        let n = SubnetworkN::<T>::get(netuid);
        let hotkeys = Self::uid_hotkeys(netuid);
        let coldkeys: Vec<AccountId32> = hotkeys.iter().map(Owner::<T>::get).collect();
        let stakes: Vec<u64> = hotkeys
            .iter()
            .map(|hotkey| TotalHotkeyAlpha::<T>::get(hotkey, netuid))
            .collect();
        let block = Self::current_block();
        let last_step = LastMechansimStepBlock::<T>::get(netuid);
        let staked = SubnetTAO::<T>::get(netuid);
        let per_block = Self::emission_split(&Self::netuids_ascending()).share::<T>(netuid);
        let (alpha_low, alpha_high) = AlphaValues::<T>::get(netuid);
        let zero_per_hotkey = |hotkeys: &[AccountId32]| -> Vec<(AccountId32, Compact<u64>)> {
            hotkeys.iter().map(|h| (h.clone(), Compact(0))).collect()
        };
        Metagraph {
            netuid: Compact(reported),
            name: compact_all(Self::subnet_name(netuid)),
            symbol: compact_all(TOKEN_SYMBOL.iter().copied()),
            identity: SubnetIdentitiesV3::<T>::get(netuid),
            network_registered_at: Compact(NetworkRegisteredAt::<T>::get(netuid)),
            owner_hotkey: SubnetOwnerHotkey::<T>::get(netuid),
            owner_coldkey: SubnetOwner::<T>::get(netuid),
            block: Compact(block),
            tempo: Compact(Tempo::<T>::get(netuid)),
            last_step: Compact(last_step),
            blocks_since_last_step: Compact(BlocksSinceLastStep::<T>::get(netuid)),
            subnet_emission: Compact(0),
            alpha_in: Compact(staked),
            alpha_out: Compact(staked),
            tao_in: Compact(staked),
            alpha_out_emission: Compact(per_block),
            alpha_in_emission: Compact(per_block),
            tao_in_emission: Compact(per_block),
            pending_alpha_emission: Compact(PendingEmission::<T>::get(netuid)),
            pending_root_emission: Compact(0),
            subnet_volume: Compact(0),
            moving_price: PRICE_ONE,
            rho: Compact(0),
            kappa: Compact(Kappa::<T>::get(netuid)),
            min_allowed_weights: Compact(MinAllowedWeights::<T>::get(netuid)),
            max_weights_limit: Compact(MaxWeightsLimit::<T>::get(netuid)),
            weights_version: Compact(WeightsVersionKey::<T>::get(netuid)),
            weights_rate_limit: Compact(WeightsSetRateLimit::<T>::get(netuid)),
            activity_cutoff: Compact(Self::activity_cutoff(netuid)),
            max_validators: Compact(MaxAllowedValidators::<T>::get(netuid)),
            num_uids: Compact(n),
            max_uids: Compact(MaxAllowedUids::<T>::get(netuid)),
            burn: Compact(Burn::<T>::get(netuid)),
            difficulty: Compact(Difficulty::<T>::get(netuid)),
            registration_allowed: NetworkRegistrationAllowed::<T>::get(netuid),
            pow_registration_allowed: NetworkPowRegistrationAllowed::<T>::get(netuid),
            immunity_period: Compact(ImmunityPeriod::<T>::get(netuid)),
            min_difficulty: Compact(MinDifficulty::<T>::get(netuid)),
            max_difficulty: Compact(MaxDifficulty::<T>::get(netuid)),
            min_burn: Compact(MinBurn::<T>::get(netuid)),
            max_burn: Compact(MaxBurn::<T>::get(netuid)),
            adjustment_alpha: Compact(0),
            adjustment_interval: Compact(AdjustmentInterval::<T>::get(netuid)),
            target_regs_per_interval: Compact(TargetRegistrationsPerInterval::<T>::get(netuid)),
            max_regs_per_block: Compact(u16::MAX),
            serving_rate_limit: Compact(ServingRateLimit::<T>::get(netuid)),
            commit_reveal_weights_enabled: CommitRevealWeightsEnabled::<T>::get(netuid),
            commit_reveal_period: Compact(RevealPeriodEpochs::<T>::get(netuid)),
            liquid_alpha_enabled: LiquidAlphaOn::<T>::get(netuid),
            alpha_high: Compact(alpha_high),
            alpha_low: Compact(alpha_low),
            bonds_moving_avg: Compact(BondsMovingAverage::<T>::get(netuid)),
            identities: coldkeys.iter().map(IdentitiesV2::<T>::get).collect(),
            axons: hotkeys
                .iter()
                .map(|hotkey| Axons::<T>::get(netuid, hotkey).unwrap_or_default())
                .collect(),
            active: per_uid(Active::<T>::get(netuid), n, true),
            validator_permit: per_uid(ValidatorPermit::<T>::get(netuid), n, false),
            pruning_score: Vec::new(),
            last_update: compact_all(per_uid(LastUpdate::<T>::get(index), n, 0)),
            emission: compact_all(per_uid(Emission::<T>::get(netuid), n, 0)),
            dividends: compact_all(per_uid(Dividends::<T>::get(netuid), n, 0)),
            incentives: compact_all(per_uid(Incentive::<T>::get(index), n, 0)),
            consensus: compact_all(per_uid(Consensus::<T>::get(netuid), n, 0)),
            trust: Vec::new(),
            rank: Vec::new(),
            block_at_registration: compact_all(
                (0..n).map(|uid| BlockAtRegistration::<T>::get(netuid, uid)),
            ),
            alpha_stake: compact_all(stakes.iter().copied()),
            tao_stake: compact_all(stakes.iter().map(|_| 0)),
            total_stake: compact_all(stakes),
            tao_dividends_per_hotkey: zero_per_hotkey(&hotkeys),
            alpha_dividends_per_hotkey: zero_per_hotkey(&hotkeys),
            hotkeys,
            coldkeys,
        }
    }

    /// The metagraph of `netuid`, if it exists.
    pub fn get_metagraph(netuid: NetUid) -> Option<Metagraph<AccountId32>> {
        NetworksAdded::<T>::get(netuid).then(|| Self::metagraph_at(netuid, netuid, netuid))
    }

    /// The metagraphs of every subnet, by netuid.
    pub fn get_all_metagraphs() -> Vec<Option<Metagraph<AccountId32>>> {
        Self::netuids_ascending()
            .into_iter()
            .map(Self::get_metagraph)
            .collect()
    }

    /// The storage index of mechanism `mecid` of `netuid`, if both exist.
    fn existing_mechanism(netuid: NetUid, mecid: MechId) -> Option<u16> {
        Self::ensure_mechanism(netuid, mecid).ok()?;
        mechanism_storage_index(netuid, mecid)
    }

    /// The metagraph of mechanism `mecid` of `netuid` (its incentive and last updates;
    /// `netuid` reports the mechanism's storage index, as subtensor's does), if it exists.
    pub fn get_mechagraph(netuid: NetUid, mecid: MechId) -> Option<Metagraph<AccountId32>> {
        let index = Self::existing_mechanism(netuid, mecid)?;
        Some(Self::metagraph_at(netuid, index, index))
    }

    /// The mechagraphs of every mechanism of every subnet, by netuid then mechanism.
    pub fn get_all_mechagraphs() -> Vec<Option<Metagraph<AccountId32>>> {
        Self::netuids_ascending()
            .into_iter()
            .flat_map(|netuid| {
                (0..MechanismCountCurrent::<T>::get(netuid))
                    .map(move |mecid| Self::get_mechagraph(netuid, mecid))
            })
            .collect()
    }

    /// The fields of the metagraph of `netuid` at `indexes` (others `None`; unknown and
    /// repeated indexes are ignored), if the subnet exists.
    pub fn get_selective_metagraph(
        netuid: NetUid,
        indexes: Vec<u16>,
    ) -> Option<SelectiveMetagraph<AccountId32>> {
        NetworksAdded::<T>::get(netuid).then(|| Self::selective(netuid, netuid, &indexes))
    }

    /// As [`Self::get_selective_metagraph`], with the incentive and last updates of
    /// mechanism `mecid`, if it exists.
    pub fn get_selective_mechagraph(
        netuid: NetUid,
        mecid: MechId,
        indexes: Vec<u16>,
    ) -> Option<SelectiveMetagraph<AccountId32>> {
        let index = Self::existing_mechanism(netuid, mecid)?;
        Some(Self::selective(netuid, index, &indexes))
    }

    /// The uids of [`SelectiveMetagraph::validators`]: permit holders whose stake exceeds
    /// [`StakeThreshold`], by ascending stake, then uid.
    fn validators(stakes: &[Compact<u64>], permits: &[bool]) -> Vec<Compact<u16>> {
        let threshold = StakeThreshold::<T>::get();
        let mut validators: Vec<(u16, u64)> = (0u16..)
            .zip(stakes)
            .filter(|&(uid, stake)| at(permits, uid) && stake.0 > threshold)
            .map(|(uid, stake)| (uid, stake.0))
            .collect();
        validators.sort_by_key(|&(_, stake)| stake);
        validators
            .into_iter()
            .map(|(uid, _)| Compact(uid))
            .collect()
    }

    /// The selective metagraph of an existing subnet: each asked-for field moved out of
    /// the full metagraph at `index`.
    fn selective(netuid: NetUid, index: u16, indexes: &[u16]) -> SelectiveMetagraph<AccountId32> {
        let mut wanted = [false; SELECTIVE_METAGRAPH_FIELDS];
        for &i in indexes {
            if let Some(slot) = wanted.get_mut(usize::from(i)) {
                *slot = true;
            }
        }
        let pick = |i: usize| wanted.get(i).copied().unwrap_or_default();
        let m = Self::metagraph_at(netuid, index, netuid);
        let validators = pick(72).then(|| Self::validators(&m.total_stake, &m.validator_permit));
        SelectiveMetagraph {
            netuid: m.netuid,
            name: pick(1).then_some(m.name),
            symbol: pick(2).then_some(m.symbol),
            identity: pick(3).then_some(m.identity),
            network_registered_at: pick(4).then_some(m.network_registered_at),
            owner_hotkey: pick(5).then_some(m.owner_hotkey),
            owner_coldkey: pick(6).then_some(m.owner_coldkey),
            block: pick(7).then_some(m.block),
            tempo: pick(8).then_some(m.tempo),
            last_step: pick(9).then_some(m.last_step),
            blocks_since_last_step: pick(10).then_some(m.blocks_since_last_step),
            subnet_emission: pick(11).then_some(m.subnet_emission),
            alpha_in: pick(12).then_some(m.alpha_in),
            alpha_out: pick(13).then_some(m.alpha_out),
            tao_in: pick(14).then_some(m.tao_in),
            alpha_out_emission: pick(15).then_some(m.alpha_out_emission),
            alpha_in_emission: pick(16).then_some(m.alpha_in_emission),
            tao_in_emission: pick(17).then_some(m.tao_in_emission),
            pending_alpha_emission: pick(18).then_some(m.pending_alpha_emission),
            pending_root_emission: pick(19).then_some(m.pending_root_emission),
            subnet_volume: pick(20).then_some(m.subnet_volume),
            moving_price: pick(21).then_some(m.moving_price),
            rho: pick(22).then_some(m.rho),
            kappa: pick(23).then_some(m.kappa),
            min_allowed_weights: pick(24).then_some(m.min_allowed_weights),
            max_weights_limit: pick(25).then_some(m.max_weights_limit),
            weights_version: pick(26).then_some(m.weights_version),
            weights_rate_limit: pick(27).then_some(m.weights_rate_limit),
            activity_cutoff: pick(28).then_some(m.activity_cutoff),
            max_validators: pick(29).then_some(m.max_validators),
            num_uids: pick(30).then_some(m.num_uids),
            max_uids: pick(31).then_some(m.max_uids),
            burn: pick(32).then_some(m.burn),
            difficulty: pick(33).then_some(m.difficulty),
            registration_allowed: pick(34).then_some(m.registration_allowed),
            pow_registration_allowed: pick(35).then_some(m.pow_registration_allowed),
            immunity_period: pick(36).then_some(m.immunity_period),
            min_difficulty: pick(37).then_some(m.min_difficulty),
            max_difficulty: pick(38).then_some(m.max_difficulty),
            min_burn: pick(39).then_some(m.min_burn),
            max_burn: pick(40).then_some(m.max_burn),
            adjustment_alpha: pick(41).then_some(m.adjustment_alpha),
            adjustment_interval: pick(42).then_some(m.adjustment_interval),
            target_regs_per_interval: pick(43).then_some(m.target_regs_per_interval),
            max_regs_per_block: pick(44).then_some(m.max_regs_per_block),
            serving_rate_limit: pick(45).then_some(m.serving_rate_limit),
            commit_reveal_weights_enabled: pick(46).then_some(m.commit_reveal_weights_enabled),
            commit_reveal_period: pick(47).then_some(m.commit_reveal_period),
            liquid_alpha_enabled: pick(48).then_some(m.liquid_alpha_enabled),
            alpha_high: pick(49).then_some(m.alpha_high),
            alpha_low: pick(50).then_some(m.alpha_low),
            bonds_moving_avg: pick(51).then_some(m.bonds_moving_avg),
            hotkeys: pick(52).then_some(m.hotkeys),
            coldkeys: pick(53).then_some(m.coldkeys),
            identities: pick(54).then_some(m.identities),
            axons: pick(55).then_some(m.axons),
            active: pick(56).then_some(m.active),
            validator_permit: pick(57).then_some(m.validator_permit),
            pruning_score: pick(58).then_some(m.pruning_score),
            last_update: pick(59).then_some(m.last_update),
            emission: pick(60).then_some(m.emission),
            dividends: pick(61).then_some(m.dividends),
            incentives: pick(62).then_some(m.incentives),
            consensus: pick(63).then_some(m.consensus),
            trust: pick(64).then_some(m.trust),
            rank: pick(65).then_some(m.rank),
            block_at_registration: pick(66).then_some(m.block_at_registration),
            alpha_stake: pick(67).then_some(m.alpha_stake),
            tao_stake: pick(68).then_some(m.tao_stake),
            total_stake: pick(69).then_some(m.total_stake),
            tao_dividends_per_hotkey: pick(70).then_some(m.tao_dividends_per_hotkey),
            alpha_dividends_per_hotkey: pick(71).then_some(m.alpha_dividends_per_hotkey),
            validators,
            commitments: None,
        }
    }
}
