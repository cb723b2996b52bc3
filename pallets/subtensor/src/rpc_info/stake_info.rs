//! `StakeInfoRuntimeApi`: a coldkey's stakes (subtensor's `StakeInfo`), what of them it may
//! take out (`StakeAvailability`), and subtensor's stake locks (`LockState`), which taonet
//! does not have.

use alloc::collections::btree_map::BTreeMap;
use alloc::vec::Vec;

use codec::{Compact, Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_runtime::AccountId32;
use substrate_fixed::types::U64F64;
use taonet_primitives::Balance;

use super::MAX_COLDKEYS_PER_QUERY;
pub use crate::subtensor_only::LockState;
use crate::*;

/// One stake of a coldkey on a hotkey in a subnet.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct StakeInfo<AccountId> {
    /// The hotkey staked on.
    pub hotkey: AccountId,
    /// The coldkey whose stake it is.
    pub coldkey: AccountId,
    /// The subnet.
    pub netuid: Compact<NetUid>,
    /// The stake in rao (`Alpha`; alpha is TAO).
    pub stake: Compact<u64>,
    /// Always 0, as in subtensor (and taonet locks no stake).
    pub locked: Compact<u64>,
    /// Subtensor's last-epoch alpha dividends of the hotkey; taonet does not store
    /// dividends per hotkey in rao, so 0.
    pub emission: Compact<u64>,
    /// Always 0, as in subtensor (no root dividends).
    pub tao_emission: Compact<u64>,
    /// Always 0, as in subtensor.
    pub drain: Compact<u64>,
    /// Whether the hotkey holds a uid on the subnet.
    pub is_registered: bool,
}

/// What of a coldkey's stake in a subnet it may take out now.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct StakeAvailability {
    /// All its stake in the subnet, rao.
    pub total: Compact<u64>,
    /// Locked stake: always 0, taonet has no stake locks.
    pub locked: Compact<u64>,
    /// Stake it may remove: all of it.
    pub available: Compact<u64>,
}

impl<T: Config> Pallet<T> {
    /// The coldkey's non-zero stakes on existing subnets as (hotkey, netuid, rao), by
    /// netuid, then in the order of its [`StakingHotkeys`]: at most one entry per hotkey
    /// and subnet.
    fn coldkey_stakes(coldkey: &AccountId32) -> Vec<(AccountId32, NetUid, Balance)> {
        let mut stakes: Vec<(AccountId32, NetUid, Balance)> = StakingHotkeys::<T>::get(coldkey)
            .into_iter()
            .flat_map(|hotkey| {
                Alpha::<T>::iter_prefix((&hotkey, coldkey))
                    .filter(|&(netuid, stake)| stake > 0 && NetworksAdded::<T>::get(netuid))
                    .map(move |(netuid, stake)| (hotkey.clone(), netuid, stake))
            })
            .collect();
        stakes.sort_by_key(|&(_, netuid, _)| netuid);
        stakes
    }

    /// A [`StakeInfo`] for a stake of `stake` rao.
    fn stake_info(
        hotkey: AccountId32,
        coldkey: AccountId32,
        netuid: NetUid,
        stake: Balance,
    ) -> StakeInfo<AccountId32> {
        StakeInfo {
            is_registered: Uids::<T>::contains_key(netuid, &hotkey),
            hotkey,
            coldkey,
            netuid: Compact(netuid),
            stake: Compact(stake),
            locked: Compact(0),
            emission: Compact(0),
            tao_emission: Compact(0),
            drain: Compact(0),
        }
    }

    /// Every non-zero stake of `coldkey`, by netuid.
    pub fn get_stake_info_for_coldkey(coldkey: AccountId32) -> Vec<StakeInfo<AccountId32>> {
        Self::coldkey_stakes(&coldkey)
            .into_iter()
            .map(|(hotkey, netuid, stake)| Self::stake_info(hotkey, coldkey.clone(), netuid, stake))
            .collect()
    }

    /// The stakes of each coldkey, for the first [`MAX_COLDKEYS_PER_QUERY`] coldkeys.
    pub fn get_stake_info_for_coldkeys(
        coldkeys: Vec<AccountId32>,
    ) -> Vec<(AccountId32, Vec<StakeInfo<AccountId32>>)> {
        coldkeys
            .into_iter()
            .take(MAX_COLDKEYS_PER_QUERY)
            .map(|coldkey| {
                let stakes = Self::get_stake_info_for_coldkey(coldkey.clone());
                (coldkey, stakes)
            })
            .collect()
    }

    /// The stake of `coldkey` on `hotkey` in `netuid` (zero included), as subtensor answers
    /// it: always `Some`.
    pub fn get_stake_info_for_hotkey_coldkey_netuid(
        hotkey: AccountId32,
        coldkey: AccountId32,
        netuid: NetUid,
    ) -> Option<StakeInfo<AccountId32>> {
        let stake = Alpha::<T>::get((&hotkey, &coldkey, netuid));
        Some(Self::stake_info(hotkey, coldkey, netuid, stake))
    }

    /// For the first [`MAX_COLDKEYS_PER_QUERY`] coldkeys, their stake per subnet where they
    /// have any, all of it available. `netuids: None` covers every subnet; `Some(list)`
    /// those of the list that exist. As in subtensor, a list that is empty or longer
    /// (after removing repeats) than the number of subnets is refused: every coldkey then
    /// maps to an empty map.
    pub fn get_stake_availability_for_coldkeys(
        coldkeys: Vec<AccountId32>,
        netuids: Option<Vec<NetUid>>,
    ) -> BTreeMap<AccountId32, BTreeMap<NetUid, StakeAvailability>> {
        let coldkeys = coldkeys.into_iter().take(MAX_COLDKEYS_PER_QUERY);
        let wanted: Option<Vec<NetUid>> = match netuids {
            None => None,
            Some(mut requested) => {
                requested.sort_unstable();
                requested.dedup();
                if requested.is_empty() || requested.len() > Self::netuids_ascending().len() {
                    return coldkeys.map(|c| (c, BTreeMap::new())).collect();
                }
                Some(requested)
            }
        };
        coldkeys
            .map(|coldkey| {
                let mut totals: BTreeMap<NetUid, Balance> = BTreeMap::new();
                for (_, netuid, stake) in Self::coldkey_stakes(&coldkey) {
                    let wanted = wanted
                        .as_ref()
                        .is_none_or(|list| list.binary_search(&netuid).is_ok());
                    if wanted {
                        let total = totals.entry(netuid).or_default();
                        *total = total.saturating_add(stake);
                    }
                }
                let availability = totals
                    .into_iter()
                    .map(|(netuid, total)| {
                        let entry = StakeAvailability {
                            total: Compact(total),
                            locked: Compact(0),
                            available: Compact(total),
                        };
                        (netuid, entry)
                    })
                    .collect();
                (coldkey, availability)
            })
            .collect()
    }

    /// The fee of a stake operation: none in taonet (staking is not a swap).
    pub fn get_stake_fee(
        _origin: Option<(AccountId32, NetUid)>,
        _origin_coldkey: AccountId32,
        _destination: Option<(AccountId32, NetUid)>,
        _destination_coldkey: AccountId32,
        _amount: u64,
    ) -> u64 {
        0
    }

    /// Subtensor's stake lock of a coldkey on a subnet: taonet locks no stake, `None`.
    pub fn get_coldkey_lock(_coldkey: AccountId32, _netuid: NetUid) -> Option<LockState> {
        None
    }

    /// Subtensor's conviction of a hotkey on a subnet (from locks): taonet has no locks,
    /// so zero.
    pub fn get_hotkey_conviction(_hotkey: AccountId32, _netuid: NetUid) -> U64F64 {
        U64F64::from_bits(0)
    }

    /// Subtensor's hotkey with the most conviction on a subnet: without locks there is
    /// none, `None`.
    pub fn get_most_convicted_hotkey_on_subnet(_netuid: NetUid) -> Option<AccountId32> {
        None
    }
}
