//! Mechanisms: a subnet may run several independent weight matrices, each with its own
//! weights, bonds, last updates, commits and incentive, over the subnet's shared uids,
//! stake and validator permits (`../shared/specs/yuma-epoch.md` §6,
//! `taonet_yuma::epoch_with_mechanisms`). The emission is split between them by
//! [`MechanismEmissionSplit`] (evenly when unset).
//!
//! As on subtensor, mechanism `m` of `netuid` keeps its per-mechanism state at the storage
//! index `m · 4096 + netuid` ([`mechanism_index`]); mechanism 0 is the subnet itself, so a
//! subnet with one mechanism stores exactly what it always stored.

use alloc::vec::Vec;

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use sp_runtime::DispatchError;

use crate::*;

/// The stride of mechanism storage indices: netuids below it have distinct indices.
pub const GLOBAL_MAX_SUBNET_COUNT: u16 = 4096;

/// Most mechanisms a subnet may have (subtensor's `MaxMechanismCount` default).
pub const MAX_MECHANISM_COUNT: MechId = 2;

/// Most uids a subnet may allow summed over its mechanisms (subtensor's
/// `DefaultMaxAllowedUids`), so that a subnet's epochs cost no more than one epoch over
/// that many uids.
pub const MAX_UIDS_OVER_MECHANISMS: u16 = 256;

/// Where mechanism `mecid` of `netuid` keeps its weights, bonds, last updates, commits and
/// incentive.
pub fn mechanism_index(netuid: NetUid, mecid: MechId) -> NetUid {
    u16::from(mecid)
        .saturating_mul(GLOBAL_MAX_SUBNET_COUNT)
        .saturating_add(netuid)
}

impl<T: Config> Pallet<T> {
    /// The storage indices of every mechanism of `netuid`, mechanism 0 first.
    pub fn mechanism_indices(netuid: NetUid) -> Vec<NetUid> {
        (0..MechanismCountCurrent::<T>::get(netuid))
            .map(|mecid| mechanism_index(netuid, mecid))
            .collect()
    }

    /// The storage index of mechanism `mecid` of `netuid`, which must exist.
    pub(crate) fn ensure_mechanism(netuid: NetUid, mecid: MechId) -> Result<NetUid, DispatchError> {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(
            mecid < MechanismCountCurrent::<T>::get(netuid),
            Error::<T>::MechanismDoesNotExist
        );
        Ok(mechanism_index(netuid, mecid))
    }

    /// Sets how many mechanisms `netuid` runs. Mechanisms that go away lose their state;
    /// the emission split is reset to even.
    pub fn do_set_mechanism_count(netuid: NetUid, count: MechId) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(
            (1..=MAX_MECHANISM_COUNT).contains(&count),
            Error::<T>::InvalidValue
        );
        ensure!(
            count == 1 || netuid < GLOBAL_MAX_SUBNET_COUNT,
            Error::<T>::InvalidValue
        );
        ensure!(
            MaxAllowedUids::<T>::get(netuid).saturating_mul(u16::from(count))
                <= MAX_UIDS_OVER_MECHANISMS,
            Error::<T>::TooManyUIDsPerMechanism
        );
        let old = MechanismCountCurrent::<T>::get(netuid);
        if old == count {
            return Ok(());
        }
        let n = SubnetworkN::<T>::get(netuid);
        for mecid in count..old {
            Self::clear_mechanism(mechanism_index(netuid, mecid));
        }
        for mecid in old..count {
            // A new mechanism starts with every uid last updated at its registration.
            let index = mechanism_index(netuid, mecid);
            let updates: Vec<u64> = (0..n)
                .map(|uid| BlockAtRegistration::<T>::get(netuid, uid))
                .collect();
            LastUpdate::<T>::insert(index, updates);
        }
        MechanismCountCurrent::<T>::insert(netuid, count);
        MechanismEmissionSplit::<T>::remove(netuid);
        Ok(())
    }

    /// Sets the share of `netuid`'s emission each mechanism receives: u16 ratios summing to
    /// `u16::MAX`, at most one per mechanism (missing ones get nothing); `None` splits
    /// evenly.
    pub fn do_set_mechanism_emission_split(
        netuid: NetUid,
        split: Option<Vec<u16>>,
    ) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        match split {
            Some(split) => {
                ensure!(
                    !split.is_empty()
                        && split.len() <= usize::from(MechanismCountCurrent::<T>::get(netuid)),
                    Error::<T>::InvalidValue
                );
                let total = split.iter().map(|&s| u32::from(s)).sum::<u32>();
                ensure!(total == u32::from(u16::MAX), Error::<T>::InvalidValue);
                MechanismEmissionSplit::<T>::insert(netuid, split);
            }
            None => MechanismEmissionSplit::<T>::remove(netuid),
        }
        Ok(())
    }

    /// Forgets everything stored at mechanism storage `index`.
    pub(crate) fn clear_mechanism(index: NetUid) {
        let _ = Weights::<T>::clear_prefix(index, u32::MAX, None);
        let _ = Bonds::<T>::clear_prefix(index, u32::MAX, None);
        let _ = WeightCommits::<T>::clear_prefix(index, u32::MAX, None);
        LastUpdate::<T>::remove(index);
        Incentive::<T>::remove(index);
    }
}
