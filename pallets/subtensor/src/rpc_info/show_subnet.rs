//! `SubnetInfoRuntimeApi::get_subnet_state`: every uid's state on a subnet, with each
//! hotkey's last emission on every subnet (subtensor's `SubnetState`, behind
//! `btcli subnets show`).

use alloc::vec::Vec;

use codec::{Compact, Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_runtime::AccountId32;

use super::{at, compact_all, per_uid};
use crate::*;

/// A subnet's uids.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct SubnetState<AccountId> {
    /// The subnet.
    pub netuid: Compact<NetUid>,
    /// Hotkey per uid.
    pub hotkeys: Vec<AccountId>,
    /// Owning coldkey per uid.
    pub coldkeys: Vec<AccountId>,
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
    /// Stake per uid on this subnet (rao; alpha is TAO).
    pub alpha_stake: Vec<Compact<u64>>,
    /// Root stake per uid: no root network, so 0 each.
    pub tao_stake: Vec<Compact<u64>>,
    /// Stake weight per uid: the subnet stake.
    pub total_stake: Vec<Compact<u64>>,
    /// For each subnet (by netuid), the last-epoch emission of each of this subnet's
    /// hotkeys there (0 where the hotkey holds no uid).
    pub emission_history: Vec<Vec<Compact<u64>>>,
}

impl<T: Config> Pallet<T> {
    /// The last-epoch emission of each of `hotkeys` on each subnet: one storage read of a
    /// subnet's emissions, and one uid lookup per hotkey, per subnet.
    fn emission_history(hotkeys: &[AccountId32]) -> Vec<Vec<Compact<u64>>> {
        Self::netuids_ascending()
            .into_iter()
            .map(|netuid| {
                let emission = Emission::<T>::get(netuid);
                hotkeys
                    .iter()
                    .map(|hotkey| {
                        let uid = Uids::<T>::get(netuid, hotkey);
                        Compact(uid.map_or(0, |uid| at(&emission, uid)))
                    })
                    .collect()
            })
            .collect()
    }

    /// The uids of `netuid`, if it exists.
    pub fn get_subnet_state(netuid: NetUid) -> Option<SubnetState<AccountId32>> {
        if !NetworksAdded::<T>::get(netuid) {
            return None;
        }
        let n = SubnetworkN::<T>::get(netuid);
        let hotkeys = Self::uid_hotkeys(netuid);
        let stakes: Vec<u64> = hotkeys
            .iter()
            .map(|hotkey| TotalHotkeyAlpha::<T>::get(hotkey, netuid))
            .collect();
        Some(SubnetState {
            netuid: Compact(netuid),
            coldkeys: hotkeys.iter().map(Owner::<T>::get).collect(),
            active: per_uid(Active::<T>::get(netuid), n, true),
            validator_permit: per_uid(ValidatorPermit::<T>::get(netuid), n, false),
            pruning_score: Vec::new(),
            last_update: compact_all(per_uid(LastUpdate::<T>::get(netuid), n, 0)),
            emission: compact_all(per_uid(Emission::<T>::get(netuid), n, 0)),
            dividends: compact_all(per_uid(Dividends::<T>::get(netuid), n, 0)),
            incentives: compact_all(per_uid(Incentive::<T>::get(netuid), n, 0)),
            consensus: compact_all(per_uid(Consensus::<T>::get(netuid), n, 0)),
            trust: Vec::new(),
            rank: Vec::new(),
            block_at_registration: compact_all(
                (0..n).map(|uid| BlockAtRegistration::<T>::get(netuid, uid)),
            ),
            alpha_stake: compact_all(stakes.iter().copied()),
            tao_stake: compact_all(stakes.iter().map(|_| 0)),
            total_stake: compact_all(stakes),
            emission_history: Self::emission_history(&hotkeys),
            hotkeys,
        })
    }
}
