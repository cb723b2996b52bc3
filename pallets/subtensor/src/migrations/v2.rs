//! Storage version 1 → 2 (spec_version 118).
//!
//! - `SubnetStakers` is new: every key of `Alpha` again, netuid first, so that a
//!   dissolved subnet's stakes are found without reading every stake. It is filled from
//!   `Alpha`.
//! - `DissolvedNetworks` is new and starts empty: until this version a dissolve removed
//!   everything within its block, so no subnet is half removed.
//!
//! The migration reads every stake entry once. Chains running version 1 are young
//! development and test chains, whose stake maps are small; the weight returned counts
//! every read and write.

use frame_support::migrations::VersionedMigration;
use frame_support::traits::{Get, UncheckedOnRuntimeUpgrade};
use frame_support::weights::Weight;

use crate::*;

/// The migration's body, run by [`MigrateToV2`] only at storage version 1.
pub struct InnerMigrateToV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
    fn on_runtime_upgrade() -> Weight {
        let mut entries: u64 = 0;
        for (hotkey, coldkey, netuid) in Alpha::<T>::iter_keys() {
            SubnetStakers::<T>::insert((netuid, hotkey, coldkey), ());
            entries = entries.saturating_add(1);
        }
        T::DbWeight::get().reads_writes(entries, entries)
    }

    #[cfg(feature = "try-runtime")]
    fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
        Pallet::<T>::check_stake_index().map_err(Into::into)
    }
}

/// Storage version 1 → 2 of `SubtensorModule`; a no-op at any other version.
pub type MigrateToV2<T> =
    VersionedMigration<1, 2, InnerMigrateToV2<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
