//! `SubnetInfoRuntimeApi::get_dynamic_info`: a subnet's token and pool state (subtensor's
//! `DynamicInfo`). Taonet has no AMM: alpha is TAO, so the pool is reported 1:1 (both
//! reserves and the outstanding alpha are the TAO staked in the subnet, the price is 1).

use alloc::vec::Vec;

use codec::{Compact, Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_runtime::AccountId32;
use substrate_fixed::types::I96F32;

use super::{compact_all, EmissionSplit, TOKEN_SYMBOL};
use crate::identity::SubnetIdentityV3;
use crate::*;

/// A price of 1 TAO per alpha, in subtensor's `I96F32` moving price.
pub const PRICE_ONE: I96F32 = I96F32::from_bits(1 << 32);

/// Subtensor's root network's netuid, which taonet never assigns to a subnet.
pub const ROOT_NETUID: NetUid = 0;

/// The root network's name, as subtensor reports it.
const ROOT_NAME: &[u8] = b"root";

/// A subnet's token and pool.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct DynamicInfo<AccountId> {
    /// The subnet.
    pub netuid: Compact<NetUid>,
    /// The owner's hotkey.
    pub owner_hotkey: AccountId,
    /// The owner coldkey.
    pub owner_coldkey: AccountId,
    /// Its identity's name (empty without one).
    pub subnet_name: Vec<Compact<u8>>,
    /// The staked token's symbol: TAO.
    pub token_symbol: Vec<Compact<u8>>,
    /// Epoch length.
    pub tempo: Compact<u16>,
    /// Block of its last epoch.
    pub last_step: Compact<u64>,
    /// Blocks since then ([`BlocksSinceLastStep`]).
    pub blocks_since_last_step: Compact<u64>,
    /// Retired: 0, as in subtensor.
    pub emission: Compact<u64>,
    /// Alpha reserve: the TAO staked in the subnet (1:1).
    pub alpha_in: Compact<u64>,
    /// Alpha held by stakers: the TAO staked in the subnet.
    pub alpha_out: Compact<u64>,
    /// TAO reserve: the TAO staked in the subnet.
    pub tao_in: Compact<u64>,
    /// Alpha emitted per block: the subnet's share of the next block's emission (0 before
    /// `start_call`).
    pub alpha_out_emission: Compact<u64>,
    /// Alpha added to the reserve per block: the same share (the 1:1 reserves move
    /// together).
    pub alpha_in_emission: Compact<u64>,
    /// TAO entering the subnet per block: the same share.
    pub tao_in_emission: Compact<u64>,
    /// Emission minted and awaiting the next epoch ([`PendingEmission`]).
    pub pending_alpha_emission: Compact<u64>,
    /// No root network: 0.
    pub pending_root_emission: Compact<u64>,
    /// Swap volume: staking is not a swap here, so 0.
    pub subnet_volume: Compact<u128>,
    /// Block at which the subnet was registered.
    pub network_registered_at: Compact<u64>,
    /// The identity its owner set.
    pub subnet_identity: Option<SubnetIdentityV3>,
    /// 1 TAO per alpha.
    pub moving_price: I96F32,
}

impl<T: Config> Pallet<T> {
    /// [`DynamicInfo`] of an existing subnet.
    fn dynamic_info(netuid: NetUid, split: &EmissionSplit) -> DynamicInfo<AccountId32> {
        let last_step = LastMechansimStepBlock::<T>::get(netuid);
        let staked = SubnetTAO::<T>::get(netuid);
        let per_block = split.share::<T>(netuid);
        DynamicInfo {
            netuid: Compact(netuid),
            owner_hotkey: SubnetOwnerHotkey::<T>::get(netuid),
            owner_coldkey: SubnetOwner::<T>::get(netuid),
            subnet_name: compact_all(Self::subnet_name(netuid)),
            token_symbol: compact_all(TOKEN_SYMBOL.iter().copied()),
            tempo: Compact(Tempo::<T>::get(netuid)),
            last_step: Compact(last_step),
            blocks_since_last_step: Compact(BlocksSinceLastStep::<T>::get(netuid)),
            emission: Compact(0),
            alpha_in: Compact(staked),
            alpha_out: Compact(staked),
            tao_in: Compact(staked),
            alpha_out_emission: Compact(per_block),
            alpha_in_emission: Compact(per_block),
            tao_in_emission: Compact(per_block),
            pending_alpha_emission: Compact(PendingEmission::<T>::get(netuid)),
            pending_root_emission: Compact(0),
            subnet_volume: Compact(0),
            network_registered_at: Compact(NetworkRegisteredAt::<T>::get(netuid)),
            subnet_identity: SubnetIdentitiesV3::<T>::get(netuid),
            moving_price: PRICE_ONE,
        }
    }

    /// Netuid 0, subtensor's root network, which Bittensor's tools expect first in every
    /// subnet list (btcli's `subnets list` stops without it). Taonet has no root network,
    /// so netuid 0 is reported as an empty root: no owner, no stake, no emission, never
    /// stepped.
    fn root_dynamic_info() -> DynamicInfo<AccountId32> {
        let none = AccountId32::new([0; 32]);
        DynamicInfo {
            netuid: Compact(ROOT_NETUID),
            owner_hotkey: none.clone(),
            owner_coldkey: none,
            subnet_name: compact_all(ROOT_NAME.iter().copied()),
            token_symbol: compact_all(TOKEN_SYMBOL.iter().copied()),
            tempo: Compact(Tempo::<T>::get(ROOT_NETUID)),
            last_step: Compact(0),
            blocks_since_last_step: Compact(Self::current_block()),
            emission: Compact(0),
            alpha_in: Compact(0),
            alpha_out: Compact(0),
            tao_in: Compact(0),
            alpha_out_emission: Compact(0),
            alpha_in_emission: Compact(0),
            tao_in_emission: Compact(0),
            pending_alpha_emission: Compact(0),
            pending_root_emission: Compact(0),
            subnet_volume: Compact(0),
            network_registered_at: Compact(0),
            subnet_identity: None,
            moving_price: PRICE_ONE,
        }
    }

    /// [`DynamicInfo`] of `netuid`, if it exists (netuid 0: the empty root).
    pub fn get_dynamic_info(netuid: NetUid) -> Option<DynamicInfo<AccountId32>> {
        if netuid == ROOT_NETUID {
            return Some(Self::root_dynamic_info());
        }
        if !NetworksAdded::<T>::get(netuid) {
            return None;
        }
        let split = Self::emission_split(&Self::netuids_ascending());
        Some(Self::dynamic_info(netuid, &split))
    }

    /// [`DynamicInfo`] of the empty root, then of every subnet, by netuid.
    pub fn get_all_dynamic_info() -> Vec<Option<DynamicInfo<AccountId32>>> {
        let netuids = Self::netuids_ascending();
        let split = Self::emission_split(&netuids);
        core::iter::once(Some(Self::root_dynamic_info()))
            .chain(
                netuids
                    .into_iter()
                    .map(|netuid| Some(Self::dynamic_info(netuid, &split))),
            )
            .collect()
    }
}
