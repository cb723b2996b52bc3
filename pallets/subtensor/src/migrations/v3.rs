//! Storage version 2 → 3 (spec_version 120).
//!
//! - `StakingHotkeys` and `OwnedHotkeys` become bounded vectors (512 and 4 096 hotkeys).
//!   A bounded vector encodes as the `Vec` it replaces, so every list within its bound
//!   reads as before and nothing is rewritten.
//!
//! A list past its bound would no longer decode. No chain at version 2 holds one: they are
//! young development and test chains, and a coldkey there stakes on or owns a handful of
//! hotkeys. So the migration writes nothing and reads nothing in the block; a
//! `try-runtime` check (`taonet check-upgrade`) confirms, before the upgrade, that every
//! list decodes under its bound.

use frame_support::migrations::VersionedMigration;
use frame_support::traits::UncheckedOnRuntimeUpgrade;
use frame_support::weights::Weight;

use crate::*;

/// The migration's body, run by [`MigrateToV3`] only at storage version 2.
pub struct InnerMigrateToV3<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV3<T> {
    fn on_runtime_upgrade() -> Weight {
        Weight::zero()
    }

    #[cfg(feature = "try-runtime")]
    fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
        frame_support::ensure!(
            StakingHotkeys::<T>::iter_keys().all(|k| StakingHotkeys::<T>::try_get(k).is_ok()),
            "a StakingHotkeys list exceeds its bound"
        );
        frame_support::ensure!(
            OwnedHotkeys::<T>::iter_keys().all(|k| OwnedHotkeys::<T>::try_get(k).is_ok()),
            "an OwnedHotkeys list exceeds its bound"
        );
        Ok(alloc::vec::Vec::new())
    }
}

/// Storage version 2 → 3 of `SubtensorModule`; a no-op at any other version.
pub type MigrateToV3<T> =
    VersionedMigration<2, 3, InnerMigrateToV3<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
