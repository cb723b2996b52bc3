//! Parameters a subnet owner sets through `SubtensorModule` itself, as on subtensor, where
//! btcli's `sudo set` looks for them (`set_tempo`, `set_activity_cutoff_factor`). Root sets
//! the same values through `AdminUtils`, without the owner's bounds and rate limits.

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use sp_runtime::AccountId32;

use crate::*;

/// Owner-set parameters, each with its own rate limit ([`LastOwnerParamUpdate`]'s second key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum OwnerParam {
    /// `set_tempo`: once per [`MIN_TEMPO`] blocks, as subtensor's cooldown.
    Tempo = 0,
    /// `set_activity_cutoff_factor`: once a day.
    ActivityCutoffFactor = 1,
}

impl OwnerParam {
    /// Blocks an owner waits between two changes.
    fn cooldown(self) -> u64 {
        match self {
            OwnerParam::Tempo => u64::from(MIN_TEMPO),
            OwnerParam::ActivityCutoffFactor => 7_200,
        }
    }
}

/// Shortest tempo an owner may set, in blocks (an hour).
pub const MIN_TEMPO: u16 = 360;
/// Longest tempo an owner may set, in blocks (a week).
pub const MAX_TEMPO: u16 = 50_400;
/// Activity cutoff factor bounds, in thousandths of a tempo.
pub const ACTIVITY_CUTOFF_FACTOR_MILLI: core::ops::RangeInclusive<u32> = 1_000..=50_000;

impl<T: Config> Pallet<T> {
    /// Checks that `coldkey` owns `netuid` and may change `param` now, and records the
    /// change.
    fn owner_may_set(coldkey: &AccountId32, netuid: NetUid, param: OwnerParam) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(
            SubnetOwner::<T>::get(netuid) == *coldkey,
            Error::<T>::NotSubnetOwner
        );
        let block = Self::current_block();
        if let Some(last) = LastOwnerParamUpdate::<T>::get(netuid, param as u8) {
            ensure!(
                block.saturating_sub(last) >= param.cooldown(),
                Error::<T>::TxRateLimitExceeded
            );
        }
        LastOwnerParamUpdate::<T>::insert(netuid, param as u8, block);
        Ok(())
    }

    /// `set_tempo` by the subnet owner.
    pub(crate) fn do_set_tempo(
        coldkey: &AccountId32,
        netuid: NetUid,
        tempo: u16,
    ) -> DispatchResult {
        ensure!(
            (MIN_TEMPO..=MAX_TEMPO).contains(&tempo),
            Error::<T>::TempoOutOfBounds
        );
        Self::owner_may_set(coldkey, netuid, OwnerParam::Tempo)?;
        Tempo::<T>::insert(netuid, tempo);
        Self::deposit_event(Event::TempoSet(netuid, tempo));
        Ok(())
    }

    /// `set_activity_cutoff_factor` by the subnet owner (`Some`) or root (`None`).
    pub(crate) fn do_set_activity_cutoff_factor(
        owner: Option<&AccountId32>,
        netuid: NetUid,
        factor_milli: u32,
    ) -> DispatchResult {
        ensure!(
            ACTIVITY_CUTOFF_FACTOR_MILLI.contains(&factor_milli),
            Error::<T>::ActivityCutoffFactorMilliOutOfBounds
        );
        match owner {
            Some(coldkey) => {
                Self::owner_may_set(coldkey, netuid, OwnerParam::ActivityCutoffFactor)?
            }
            None => ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists),
        }
        ActivityCutoffFactorMilli::<T>::insert(netuid, factor_milli);
        Self::deposit_event(Event::ActivityCutoffFactorMilliSet {
            netuid,
            factor_milli,
        });
        Ok(())
    }
}
