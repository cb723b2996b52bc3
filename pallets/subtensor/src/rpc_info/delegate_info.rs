//! `DelegateInfoRuntimeApi`: hotkeys that set their own take (entries of [`Delegates`]),
//! with their nominators and returns (subtensor's `DelegateInfo`).

use alloc::collections::btree_map::BTreeMap;
use alloc::vec::Vec;

use codec::{Compact, Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_runtime::AccountId32;
use taonet_primitives::{Balance, BLOCKS_PER_DAY, RAO_PER_TAO};

use super::at;
use crate::*;

/// A nominator's stakes on a delegate: (netuid, rao) per subnet.
pub type NominatorStakes = Vec<(Compact<NetUid>, Compact<u64>)>;

/// A delegate a coldkey stakes on, and (netuid, rao) of one such stake.
pub type DelegatedStake = (DelegateInfo<AccountId32>, (Compact<NetUid>, Compact<u64>));

/// A delegate hotkey.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct DelegateInfo<AccountId> {
    /// The hotkey.
    pub delegate_ss58: AccountId,
    /// Its take of its nominators' dividends (u16 ratio).
    pub take: Compact<u16>,
    /// Each coldkey staked on it, by account, with its non-zero (netuid, rao) stakes.
    pub nominators: Vec<(AccountId, NominatorStakes)>,
    /// The coldkey owning the hotkey.
    pub owner_ss58: AccountId,
    /// Subnets where it holds a uid.
    pub registrations: Vec<Compact<NetUid>>,
    /// Subnets where it holds a validator permit.
    pub validator_permits: Vec<Compact<NetUid>>,
    /// Subtensor's estimate of a day's return per 1 000 TAO staked, after the take: the
    /// daily return below, times (1 − take), per 1 000 TAO of the hotkey's stake (here its
    /// stake summed over every subnet, since taonet has no root network).
    pub return_per_1000: Compact<u64>,
    /// Subtensor's estimate of the hotkey's daily emission: each registration's last-epoch
    /// emission times the epochs in a day (an epoch every `tempo + 1` blocks here).
    pub total_daily_return: Compact<u64>,
}

impl<T: Config> Pallet<T> {
    /// The delegate view of `hotkey`; nominators are listed unless `skip_nominators`.
    fn delegate_info(hotkey: AccountId32, skip_nominators: bool) -> DelegateInfo<AccountId32> {
        let nominators = if skip_nominators {
            Vec::new()
        } else {
            let mut by_coldkey: BTreeMap<AccountId32, NominatorStakes> = BTreeMap::new();
            for ((coldkey, netuid), stake) in Alpha::<T>::iter_prefix((&hotkey,)) {
                if stake > 0 {
                    by_coldkey
                        .entry(coldkey)
                        .or_default()
                        .push((Compact(netuid), Compact(stake)));
                }
            }
            by_coldkey
                .into_iter()
                .map(|(coldkey, mut stakes)| {
                    stakes.sort_by_key(|(netuid, _)| netuid.0);
                    (coldkey, stakes)
                })
                .collect()
        };
        let registrations = Self::hotkey_registrations(&hotkey);
        let mut validator_permits = Vec::new();
        let mut daily: u128 = 0;
        for &netuid in &registrations {
            let Some(uid) = Uids::<T>::get(netuid, &hotkey) else {
                continue;
            };
            if at(&ValidatorPermit::<T>::get(netuid), uid) {
                validator_permits.push(Compact(netuid));
            }
            let epoch_blocks = u128::from(Tempo::<T>::get(netuid)).saturating_add(1);
            let per_day = u128::from(at(&Emission::<T>::get(netuid), uid))
                .saturating_mul(u128::from(BLOCKS_PER_DAY))
                .checked_div(epoch_blocks)
                .unwrap_or_default();
            daily = daily.saturating_add(per_day);
        }
        let take = Delegates::<T>::get(&hotkey);
        let staked: u128 = TotalHotkeyAlpha::<T>::iter_prefix_values(&hotkey)
            .map(u128::from)
            .fold(0, u128::saturating_add);
        let per_1000 = daily
            .saturating_mul(u128::from(u16::MAX.saturating_sub(take)))
            .saturating_mul(u128::from(1_000 * RAO_PER_TAO))
            .checked_div(staked.saturating_mul(u128::from(u16::MAX)))
            .unwrap_or_default();
        let to_u64 = |x: u128| Balance::try_from(x).unwrap_or(Balance::MAX);
        DelegateInfo {
            owner_ss58: Owner::<T>::get(&hotkey),
            delegate_ss58: hotkey,
            take: Compact(take),
            nominators,
            registrations: registrations.into_iter().map(Compact).collect(),
            validator_permits,
            return_per_1000: Compact(to_u64(per_1000)),
            total_daily_return: Compact(to_u64(daily)),
        }
    }

    /// `delegate` as a delegate, if it set its own take.
    pub fn get_delegate(delegate: AccountId32) -> Option<DelegateInfo<AccountId32>> {
        Delegates::<T>::contains_key(&delegate).then(|| Self::delegate_info(delegate, false))
    }

    /// Every hotkey that set its own take, in storage order.
    pub fn get_delegates() -> Vec<DelegateInfo<AccountId32>> {
        Delegates::<T>::iter_keys()
            .map(|delegate| Self::delegate_info(delegate, false))
            .collect()
    }

    /// For each delegate `coldkey` stakes on (found through its [`StakingHotkeys`]) and
    /// each subnet of such a stake: the delegate (without nominators) and (netuid, rao).
    pub fn get_delegated(coldkey: AccountId32) -> Vec<DelegatedStake> {
        let mut delegated = Vec::new();
        for hotkey in StakingHotkeys::<T>::get(&coldkey) {
            if !Delegates::<T>::contains_key(&hotkey) {
                continue;
            }
            let mut stakes: Vec<(NetUid, Balance)> = Alpha::<T>::iter_prefix((&hotkey, &coldkey))
                .filter(|&(netuid, _)| NetworksAdded::<T>::get(netuid))
                .collect();
            if stakes.is_empty() {
                continue;
            }
            stakes.sort_by_key(|&(netuid, _)| netuid);
            let info = Self::delegate_info(hotkey, true);
            for (netuid, stake) in stakes {
                delegated.push((info.clone(), (Compact(netuid), Compact(stake))));
            }
        }
        delegated
    }
}
