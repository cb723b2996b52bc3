//! `swap_hotkey`: a coldkey replaces one of its hotkeys by a fresh one, on every subnet or
//! on one, keeping the uids, endpoints, commits and stake that the old hotkey held there.
//!
//! The swap pays [`KEY_SWAP_COST`], which is recycled. Its work is linear in the subnets
//! (at most [`SubnetLimit`]) and in the stake entries on the hotkey, which are capped at
//! [`MAX_SWAP_STAKES`] so that the declared weight covers them: a hotkey with more
//! nominators than that cannot be swapped. Nor can it while a nominator would need a new
//! place in a full `StakingHotkeys` (a swap on one subnet of a hotkey it also stakes on
//! elsewhere): the stake is moved, never paid out.

use alloc::vec::Vec;

use frame_support::ensure;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
use sp_runtime::{AccountId32, DispatchError};
use taonet_primitives::Balance;

use crate::*;

/// What a hotkey swap costs the coldkey, recycled: 0.1 TAO, as on subtensor.
pub const KEY_SWAP_COST: Balance = 100_000_000;

/// Most stake entries (one per nominator and subnet) a swapped hotkey may carry.
pub const MAX_SWAP_STAKES: u32 = 1_024;

impl<T: Config> Pallet<T> {
    /// Swaps `old` for `new`, owned by `coldkey`, on `only` or on every subnet. Returns the
    /// work done: (subnets visited, stake entries moved), for the weight refund
    /// (`WeightInfo::swap_hotkey`).
    pub(crate) fn do_swap_hotkey(
        coldkey: &AccountId32,
        old: &AccountId32,
        new: &AccountId32,
        only: Option<NetUid>,
    ) -> Result<(u32, u32), DispatchError> {
        ensure!(
            Owner::<T>::contains_key(old) && Owner::<T>::get(old) == *coldkey,
            Error::<T>::NonAssociatedColdKey
        );
        ensure!(old != new, Error::<T>::NewHotKeyIsSameWithOld);
        Self::ensure_hotkey_free_or_owned_by(coldkey, new)?;
        let subnets: Vec<NetUid> = match only {
            Some(netuid) => {
                ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
                Vec::from([netuid])
            }
            None => NetworksAdded::<T>::iter_keys().collect(),
        };
        ensure!(
            subnets.iter().all(|&n| !Uids::<T>::contains_key(n, new)),
            Error::<T>::HotKeyAlreadyRegisteredInSubNet
        );
        let stakes: Vec<((AccountId32, NetUid), Balance)> = Alpha::<T>::iter_prefix((old,))
            .filter(|((_, netuid), _)| subnets.contains(netuid))
            .take(
                usize::try_from(MAX_SWAP_STAKES)
                    .unwrap_or(usize::MAX)
                    .saturating_add(1),
            )
            .collect();
        ensure!(
            stakes.len() <= usize::try_from(MAX_SWAP_STAKES).unwrap_or(usize::MAX),
            Error::<T>::TooManyStakesToSwap
        );
        ensure!(
            T::Currency::reducible_balance(coldkey, Preservation::Expendable, Fortitude::Polite)
                >= KEY_SWAP_COST,
            Error::<T>::NotEnoughBalanceToPaySwapHotKey
        );
        T::Currency::burn_from(
            coldkey,
            KEY_SWAP_COST,
            Preservation::Expendable,
            Precision::Exact,
            Fortitude::Polite,
        )?;
        TotalIssuance::<T>::mutate(|issuance| *issuance = issuance.saturating_sub(KEY_SWAP_COST));

        if only.is_none() {
            // The old hotkey is retired before the new one is claimed, so that a coldkey
            // owning as many hotkeys as it may can still rotate one.
            Owner::<T>::remove(old);
            OwnedHotkeys::<T>::mutate(coldkey, |hotkeys| hotkeys.retain(|h| h != old));
        }
        Self::claim_hotkey(coldkey, new)?;
        for &netuid in &subnets {
            Self::swap_neuron(netuid, old, new);
        }
        let work = (
            u32::try_from(subnets.len()).unwrap_or(u32::MAX),
            u32::try_from(stakes.len()).unwrap_or(u32::MAX),
        );
        // Every stake leaves the old hotkey before any reaches the new one: a nominator
        // whose every stake on it moves then frees its place in its `StakingHotkeys`
        // for the new hotkey, so a full list still swaps.
        for ((nominator, netuid), stake) in &stakes {
            Self::debit_stake(nominator, old, *netuid, *stake);
        }
        for ((nominator, netuid), stake) in stakes {
            Self::credit_stake(&nominator, new, netuid, stake)?;
        }
        match only {
            Some(netuid) => Self::deposit_event(Event::HotkeySwappedOnSubnet {
                coldkey: coldkey.clone(),
                old_hotkey: old.clone(),
                new_hotkey: new.clone(),
                netuid,
            }),
            None => {
                // The old hotkey is retired (it stopped being the coldkey's above): its
                // take goes with it.
                if Delegates::<T>::contains_key(old) {
                    Delegates::<T>::insert(new, Delegates::<T>::take(old));
                }
                if let Some(block) = LastTxBlockDelegateTake::<T>::take(old) {
                    LastTxBlockDelegateTake::<T>::insert(new, block);
                }
                Self::deposit_event(Event::HotkeySwapped {
                    coldkey: coldkey.clone(),
                    old_hotkey: old.clone(),
                    new_hotkey: new.clone(),
                });
            }
        }
        Ok(work)
    }

    /// Hands `old`'s uid, endpoints, commits and ownership role in `netuid` to `new`.
    fn swap_neuron(netuid: NetUid, old: &AccountId32, new: &AccountId32) {
        if let Some(uid) = Uids::<T>::take(netuid, old) {
            Uids::<T>::insert(netuid, new, uid);
            Keys::<T>::insert(netuid, uid, new);
            IsNetworkMember::<T>::remove(old, netuid);
            IsNetworkMember::<T>::insert(new, netuid, true);
        }
        if let Some(axon) = Axons::<T>::take(netuid, old) {
            Axons::<T>::insert(netuid, new, axon);
        }
        if let Some(prometheus) = Prometheus::<T>::take(netuid, old) {
            Prometheus::<T>::insert(netuid, new, prometheus);
        }
        for index in Self::mechanism_indices(netuid) {
            if let Some(commits) = WeightCommits::<T>::take(index, old) {
                WeightCommits::<T>::insert(index, new, commits);
            }
        }
        if SubnetOwnerHotkey::<T>::get(netuid) == *old {
            SubnetOwnerHotkey::<T>::insert(netuid, new);
        }
    }
}
