//! Removing a dissolved subnet's state over as many blocks as it takes. A subnet's stakes
//! and neurons are not bounded by anything a dissolve could pay for in one block, so
//! `dissolve_network` (and a `register_network` that prunes) only retires the subnet and
//! queues it in [`DissolvedNetworks`]; the block hook then refunds its stakes and deletes
//! its neurons a bounded amount per block, and frees the netuid when nothing is left.

use frame_support::pallet_prelude::Weight;
use frame_support::traits::Get;
use sp_io::MultiRemovalResults;

use crate::*;

/// Stake entries refunded per block at most.
pub const STAKES_PER_BLOCK: u32 = 256;

/// Storage keys of neurons deleted per block at most.
pub const NEURON_KEYS_PER_BLOCK: u32 = 1_024;

/// Dissolved subnets whose removal may be under way at once. A registration that would
/// prune a subnet, or a dissolve, waits beyond it; it also bounds the netuids a
/// registration looks through ([`Pallet::free_netuid`]).
pub const MAX_DISSOLVING: u32 = 8;

/// What a block's cleanup did, which decides what it weighed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cleanup {
    /// No subnet is waiting to be removed.
    Idle,
    /// This many stake entries were refunded.
    Stakes(u32),
    /// This many storage keys of neurons were deleted.
    Neurons(u32),
    /// The last per-subnet values were deleted and the netuid freed.
    Finished,
}

/// Deletes up to `*budget` keys with one `clear_prefix`, lowering the budget by what it
/// deleted; says whether the prefix is empty now. Called at most once per map and block,
/// so no cursor is needed: what earlier blocks deleted is gone from the backend.
fn clear(budget: &mut u32, clear_prefix: impl FnOnce(u32) -> MultiRemovalResults) -> bool {
    if *budget == 0 {
        return false;
    }
    let removed = clear_prefix(*budget);
    *budget = budget.saturating_sub(removed.unique);
    removed.maybe_cursor.is_none()
}

impl<T: Config> Pallet<T> {
    /// The block hook's share of removing dissolved subnets: one step on the first of
    /// them, within [`STAKES_PER_BLOCK`] and [`NEURON_KEYS_PER_BLOCK`]. Returns its weight.
    pub(crate) fn cleanup_dissolved() -> Weight {
        match Self::cleanup_step(STAKES_PER_BLOCK, NEURON_KEYS_PER_BLOCK) {
            Cleanup::Idle => T::DbWeight::get().reads(1),
            Cleanup::Stakes(stakes) => T::WeightInfo::on_initialize_cleanup_stakes(stakes),
            Cleanup::Neurons(keys) => T::WeightInfo::on_initialize_cleanup_neurons(keys),
            Cleanup::Finished => T::WeightInfo::on_initialize_cleanup_finish(),
        }
    }

    /// One step of removing the first dissolved subnet: refund up to `stakes` stake
    /// entries; once none are left, delete up to `keys` storage keys of its neurons; once
    /// none are left either, delete its remaining values and free its netuid.
    pub fn cleanup_step(stakes: u32, keys: u32) -> Cleanup {
        let Some(netuid) = DissolvedNetworks::<T>::iter_keys().next() else {
            return Cleanup::Idle;
        };
        // Fewer than asked for means none are left; if that was none, go on to neurons.
        let refunded = Self::refund_subnet_stakes(netuid, stakes);
        if refunded > 0 || refunded == stakes {
            return Cleanup::Stakes(refunded);
        }
        let mut budget = keys;
        if !Self::clear_neurons(netuid, &mut budget) {
            return Cleanup::Neurons(keys.saturating_sub(budget));
        }
        Self::clear_subnet_values(netuid);
        DissolvedNetworks::<T>::remove(netuid);
        Cleanup::Finished
    }

    /// Deletes neurons of `netuid` within `budget` storage keys, map after map; says
    /// whether none are left. A uid's hotkey goes first (with its `Uids` and
    /// `IsNetworkMember` entries, three keys), so no call can write for it afterwards:
    /// every other map is reached only when no hotkey is left registered.
    pub(crate) fn clear_neurons(netuid: NetUid, budget: &mut u32) -> bool {
        let mut hotkeys = Keys::<T>::drain_prefix(netuid);
        while *budget >= 3 {
            let Some((_, hotkey)) = hotkeys.next() else {
                return Self::clear_neuron_maps(netuid, budget);
            };
            Uids::<T>::remove(netuid, &hotkey);
            IsNetworkMember::<T>::remove(&hotkey, netuid);
            *budget = budget.saturating_sub(3);
        }
        false
    }

    /// Deletes, within `budget` keys, what `netuid`'s neurons keep beyond their hotkeys:
    /// endpoints, registration blocks, and every mechanism's weights, bonds and commits.
    /// Says whether none are left.
    fn clear_neuron_maps(netuid: NetUid, budget: &mut u32) -> bool {
        clear(budget, |limit| {
            Axons::<T>::clear_prefix(netuid, limit, None)
        }) && clear(budget, |limit| {
            Prometheus::<T>::clear_prefix(netuid, limit, None)
        }) && clear(budget, |limit| {
            BlockAtRegistration::<T>::clear_prefix(netuid, limit, None)
        }) && Self::mechanism_indices(netuid).into_iter().all(|index| {
            clear(budget, |limit| {
                Weights::<T>::clear_prefix(index, limit, None)
            }) && clear(budget, |limit| Bonds::<T>::clear_prefix(index, limit, None))
                && clear(budget, |limit| {
                    WeightCommits::<T>::clear_prefix(index, limit, None)
                })
        })
    }

    /// Deletes the values `netuid` keeps one of (per subnet or per mechanism) and its
    /// hyperparameters, so a later subnet there starts from the defaults.
    fn clear_subnet_values(netuid: NetUid) {
        for index in Self::mechanism_indices(netuid) {
            LastUpdate::<T>::remove(index);
            Incentive::<T>::remove(index);
        }
        Emission::<T>::remove(netuid);
        ValidatorPermit::<T>::remove(netuid);
        Consensus::<T>::remove(netuid);
        Dividends::<T>::remove(netuid);
        ValidatorTrust::<T>::remove(netuid);
        StakeWeight::<T>::remove(netuid);
        Active::<T>::remove(netuid);
        LastMechansimStepBlock::<T>::remove(netuid);
        SubnetworkN::<T>::remove(netuid);
        Self::remove_hyperparameters(netuid);
    }
}
