//! Registering neurons: burned and proof-of-work registration, the burn's price dynamics,
//! difficulty adjustment, and replacing a neuron when a subnet is full.

use alloc::vec::Vec;

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{AccountId32, DispatchError, SaturatedConversion};
use taonet_primitives::registration::{
    adjusted_difficulty, bumped_burn, burn_decay_factor, decayed_burn, meets_difficulty, seal,
};
use taonet_primitives::Balance;

use crate::*;

/// Oldest block a proof of work may be computed at, counting back from the current one.
const MAX_WORK_AGE: u64 = 3;

impl<T: Config> Pallet<T> {
    /// Checks that `hotkey` may register on `netuid` for `coldkey`.
    fn ensure_can_register(
        netuid: NetUid,
        coldkey: &AccountId32,
        hotkey: &AccountId32,
    ) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(
            NetworkRegistrationAllowed::<T>::get(netuid),
            Error::<T>::SubNetRegistrationDisabled
        );
        ensure!(
            !Uids::<T>::contains_key(netuid, hotkey),
            Error::<T>::HotKeyAlreadyRegisteredInSubNet
        );
        Self::ensure_hotkey_free_or_owned_by(coldkey, hotkey)
    }

    /// Burned registration: the coldkey pays the burn, which is recycled, and the burn
    /// grows by [`BurnIncreaseMult`]. A burn above `max_burn` is refused (`register_limit`).
    pub(crate) fn do_burned_register(
        coldkey: &AccountId32,
        netuid: NetUid,
        hotkey: &AccountId32,
        max_burn: Balance,
    ) -> DispatchResult {
        Self::ensure_can_register(netuid, coldkey, hotkey)?;
        let burn = Burn::<T>::get(netuid);
        ensure!(burn <= max_burn, Error::<T>::RegistrationPriceLimitExceeded);
        ensure!(
            T::Currency::reducible_balance(coldkey, Preservation::Expendable, Fortitude::Polite)
                >= burn,
            Error::<T>::NotEnoughBalanceToStake
        );
        Self::register_neuron(netuid, hotkey, coldkey)?;
        T::Currency::burn_from(
            coldkey,
            burn,
            Preservation::Expendable,
            Precision::Exact,
            Fortitude::Polite,
        )?;
        TotalIssuance::<T>::mutate(|issuance| *issuance = issuance.saturating_sub(burn));
        BurnRegistrationsThisInterval::<T>::mutate(netuid, |n| *n = n.saturating_add(1));
        RegistrationsThisInterval::<T>::mutate(netuid, |n| *n = n.saturating_add(1));
        let next = bumped_burn(
            burn,
            BurnIncreaseMult::<T>::get(netuid),
            MinBurn::<T>::get(netuid),
            MaxBurn::<T>::get(netuid),
        );
        Burn::<T>::insert(netuid, next);
        Ok(())
    }

    /// Proof-of-work registration (see the `register` call).
    pub(crate) fn do_pow_register(
        netuid: NetUid,
        block_number: u64,
        nonce: u64,
        work: &[u8],
        hotkey: &AccountId32,
        coldkey: &AccountId32,
    ) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(
            NetworkPowRegistrationAllowed::<T>::get(netuid),
            Error::<T>::SubNetRegistrationDisabled
        );
        let current = Self::current_block();
        ensure!(
            block_number <= current && current.saturating_sub(block_number) <= MAX_WORK_AGE,
            Error::<T>::InvalidWorkBlock
        );
        let block_hash = frame_system::Pallet::<T>::block_hash(
            block_number.saturated_into::<BlockNumberFor<T>>(),
        );
        let mut hash = [0u8; 32];
        hash.copy_from_slice(block_hash.as_ref());
        let expected = seal(&hash, hotkey.as_ref(), nonce);
        ensure!(work == expected.as_slice(), Error::<T>::InvalidSeal);
        ensure!(
            meets_difficulty(&expected, Difficulty::<T>::get(netuid)),
            Error::<T>::InvalidDifficulty
        );
        Self::ensure_can_register(netuid, coldkey, hotkey)?;
        Self::register_neuron(netuid, hotkey, coldkey)?;
        POWRegistrationsThisInterval::<T>::mutate(netuid, |n| *n = n.saturating_add(1));
        RegistrationsThisInterval::<T>::mutate(netuid, |n| *n = n.saturating_add(1));
        Ok(())
    }

    /// Gives `hotkey` a uid: the next one while the subnet has room, else the uid to prune.
    fn register_neuron(
        netuid: NetUid,
        hotkey: &AccountId32,
        coldkey: &AccountId32,
    ) -> Result<u16, DispatchError> {
        if SubnetworkN::<T>::get(netuid) < MaxAllowedUids::<T>::get(netuid) {
            return Self::append_neuron(netuid, hotkey, coldkey);
        }
        let uid = Self::uid_to_prune(netuid).ok_or(Error::<T>::NoNeuronIdAvailable)?;
        Self::replace_neuron(netuid, uid, hotkey, coldkey)
    }

    /// The uid a new registration replaces on a full subnet: among uids past their
    /// immunity, the lowest emission, then the older registration, then the lower uid. The
    /// owner's hotkey is never pruned. One read per uid (its registration block): the
    /// owner's uid is looked up once rather than each uid's hotkey.
    pub fn uid_to_prune(netuid: NetUid) -> Option<u16> {
        let emission = Emission::<T>::get(netuid);
        let immunity = u64::from(ImmunityPeriod::<T>::get(netuid));
        let block = Self::current_block();
        let owner_uid = Uids::<T>::get(netuid, SubnetOwnerHotkey::<T>::get(netuid));
        (0..SubnetworkN::<T>::get(netuid))
            .filter(|&uid| Some(uid) != owner_uid)
            .map(|uid| (uid, BlockAtRegistration::<T>::get(netuid, uid)))
            .filter(|&(_, registered)| block.saturating_sub(registered) >= immunity)
            .min_by_key(|&(uid, registered)| {
                (
                    emission.get(usize::from(uid)).copied().unwrap_or_default(),
                    registered,
                    uid,
                )
            })
            .map(|(uid, _)| uid)
    }

    /// Puts `hotkey` at `uid` in place of its current neuron: the uid's own weights and
    /// bonds are cleared, and its registration and last update are reset. O(1) storage
    /// items besides the per-uid vectors.
    ///
    /// Other validators' weights *to* the uid stay in their rows. Subtensor zeroes them,
    /// which decodes and rewrites every weight row of the subnet (O(n²) at 4 096 uids),
    /// but the epoch already drops every weight set at or before its target's
    /// registration (the outdated rule of the Yuma spec, §4.6), zeroed or not, so its
    /// results are the same to the bit; the neuron runtime APIs leave them out too
    /// ([`Pallet::get_neurons`]), and a validator's next `set_weights` rewrites its row. Only
    /// a reader of raw `Weights` storage sees them, where subtensor shows zeros.
    fn replace_neuron(
        netuid: NetUid,
        uid: u16,
        hotkey: &AccountId32,
        coldkey: &AccountId32,
    ) -> Result<u16, DispatchError> {
        Self::claim_hotkey(coldkey, hotkey)?;
        let replaced = Keys::<T>::get(netuid, uid);
        Uids::<T>::remove(netuid, &replaced);
        IsNetworkMember::<T>::remove(&replaced, netuid);
        IsNetworkMember::<T>::insert(hotkey, netuid, true);
        Axons::<T>::remove(netuid, &replaced);
        Prometheus::<T>::remove(netuid, &replaced);
        Keys::<T>::insert(netuid, uid, hotkey);
        Uids::<T>::insert(netuid, hotkey, uid);
        let block = Self::current_block();
        BlockAtRegistration::<T>::insert(netuid, uid, block);
        Emission::<T>::mutate(netuid, |emission| {
            if let Some(e) = emission.get_mut(usize::from(uid)) {
                *e = 0;
            }
        });
        ValidatorPermit::<T>::mutate(netuid, |permits| {
            if let Some(p) = permits.get_mut(usize::from(uid)) {
                *p = false;
            }
        });
        for index in Self::mechanism_indices(netuid) {
            LastUpdate::<T>::mutate(index, |updates| {
                if let Some(last) = updates.get_mut(usize::from(uid)) {
                    *last = block;
                }
            });
            Weights::<T>::remove(index, uid);
            Bonds::<T>::remove(index, uid);
        }
        Self::deposit_event(Event::NeuronRegistered(netuid, uid, hotkey.clone()));
        Ok(uid)
    }

    /// Each block: every subnet's burn decays toward its minimum, and every
    /// [`AdjustmentInterval`] its difficulty follows the registrations. Returns the
    /// number of subnets visited.
    pub(crate) fn update_registration_prices() -> u32 {
        let block = Self::current_block();
        let subnets: Vec<NetUid> = NetworksAdded::<T>::iter()
            .filter(|(_, added)| *added)
            .map(|(n, _)| n)
            .collect();
        for &netuid in &subnets {
            if block > 1 {
                let factor = burn_decay_factor(BurnHalfLife::<T>::get(netuid));
                let (min, max) = (MinBurn::<T>::get(netuid), MaxBurn::<T>::get(netuid));
                Burn::<T>::mutate(netuid, |burn| *burn = decayed_burn(*burn, factor, min, max));
            }
            let interval = u64::from(AdjustmentInterval::<T>::get(netuid));
            if block.saturating_sub(LastAdjustmentBlock::<T>::get(netuid)) >= interval {
                let next = adjusted_difficulty(
                    Difficulty::<T>::get(netuid),
                    RegistrationsThisInterval::<T>::take(netuid),
                    TargetRegistrationsPerInterval::<T>::get(netuid),
                    MinDifficulty::<T>::get(netuid),
                    MaxDifficulty::<T>::get(netuid),
                );
                Difficulty::<T>::insert(netuid, next);
                BurnRegistrationsThisInterval::<T>::remove(netuid);
                POWRegistrationsThisInterval::<T>::remove(netuid);
                LastAdjustmentBlock::<T>::insert(netuid, block);
            }
        }
        u32::try_from(subnets.len()).unwrap_or(u32::MAX)
    }
}
