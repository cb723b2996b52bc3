//! Storage version 0 → 1 (spec_version 115).
//!
//! - Emission now flows only to subnets whose owner called `start_call`. Subnets that
//!   existed before are started as of the upgrade block, so their emission goes on.
//! - Stake entries of zero are no longer kept: old zero entries of `Alpha` and
//!   `TotalHotkeyAlpha` are deleted.
//! - `StakingHotkeys` now lists every hotkey a coldkey has stake on, including stake that
//!   arrived as incentive or dividends; it is rebuilt from `Alpha`.
//! - `IsNetworkMember` is new: filled from `Keys`.
//!
//! The migration reads every stake entry once. Chains running this version are young
//! development and test chains, whose stake maps are small; the weight returned counts
//! every read and write.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use frame_support::migrations::VersionedMigration;
use frame_support::traits::{Get, UncheckedOnRuntimeUpgrade};
use frame_support::weights::Weight;
use sp_runtime::AccountId32;

use crate::*;

/// The migration's body, run by [`MigrateToV1`] only at storage version 0.
pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
    fn on_runtime_upgrade() -> Weight {
        let mut reads: u64 = 0;
        let mut writes: u64 = 0;
        let block = Pallet::<T>::current_block();
        for netuid in NetworksAdded::<T>::iter_keys() {
            reads = reads.saturating_add(2);
            if FirstEmissionBlockNumber::<T>::get(netuid).is_none() {
                FirstEmissionBlockNumber::<T>::insert(netuid, block);
                writes = writes.saturating_add(1);
            }
        }

        for (netuid, _, hotkey) in Keys::<T>::iter() {
            reads = reads.saturating_add(1);
            IsNetworkMember::<T>::insert(hotkey, netuid, true);
            writes = writes.saturating_add(1);
        }

        let mut staking: BTreeMap<AccountId32, Vec<AccountId32>> = BTreeMap::new();
        let mut zero: Vec<(AccountId32, AccountId32, NetUid)> = Vec::new();
        for ((hotkey, coldkey, netuid), stake) in Alpha::<T>::iter() {
            reads = reads.saturating_add(1);
            if stake == 0 {
                zero.push((hotkey, coldkey, netuid));
            } else {
                let hotkeys = staking.entry(coldkey).or_default();
                if !hotkeys.contains(&hotkey) {
                    hotkeys.push(hotkey);
                }
            }
        }
        for key in zero {
            Alpha::<T>::remove(key);
            writes = writes.saturating_add(1);
        }
        let zero_totals: Vec<(AccountId32, NetUid)> = TotalHotkeyAlpha::<T>::iter()
            .filter(|(_, _, stake)| *stake == 0)
            .map(|(hotkey, netuid, _)| (hotkey, netuid))
            .collect();
        reads = reads.saturating_add(TotalHotkeyAlpha::<T>::iter_keys().count() as u64);
        for (hotkey, netuid) in zero_totals {
            TotalHotkeyAlpha::<T>::remove(hotkey, netuid);
            writes = writes.saturating_add(1);
        }
        let old: Vec<AccountId32> = StakingHotkeys::<T>::iter_keys().collect();
        for coldkey in old {
            StakingHotkeys::<T>::remove(coldkey);
            writes = writes.saturating_add(1);
        }
        for (coldkey, hotkeys) in staking {
            // Bounded since storage version 3; no chain at version 0 comes near the bound.
            StakingHotkeys::<T>::insert(coldkey, frame_support::BoundedVec::truncate_from(hotkeys));
            writes = writes.saturating_add(1);
        }
        T::DbWeight::get().reads_writes(reads, writes)
    }

    #[cfg(feature = "try-runtime")]
    fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
        frame_support::ensure!(
            NetworksAdded::<T>::iter_keys()
                .all(|netuid| FirstEmissionBlockNumber::<T>::get(netuid).is_some()),
            "a subnet was left without a first emission block"
        );
        frame_support::ensure!(
            Alpha::<T>::iter_values().all(|stake| stake > 0),
            "a zero stake entry was left"
        );
        Ok(())
    }
}

/// Storage version 0 → 1 of `SubtensorModule`; a no-op at any other version.
pub type MigrateToV1<T> =
    VersionedMigration<0, 1, InnerMigrateToV1<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
