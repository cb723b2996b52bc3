//! Owner-set parameters: `set_tempo`, `set_activity_cutoff_factor`, and `IsNetworkMember`.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

use crate::mock::*;
use crate::*;

fn subnet() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
}

#[test]
fn the_owner_sets_a_bounded_tempo_at_most_once_per_360_blocks() {
    new_test_ext().execute_with(|| {
        subnet();
        let set = |coldkey: u8, tempo: u16| {
            SubtensorModule::set_tempo(RuntimeOrigin::signed(account(coldkey)), 1, tempo)
        };
        assert_noop!(set(2, 500), Error::<Test>::NotSubnetOwner);
        assert_noop!(set(1, 359), Error::<Test>::TempoOutOfBounds);
        assert_noop!(set(1, 50_401), Error::<Test>::TempoOutOfBounds);
        assert_ok!(set(1, 500));
        assert_eq!(Tempo::<Test>::get(1), 500);
        System::assert_has_event(Event::TempoSet(1, 500).into());
        assert_noop!(set(1, 600), Error::<Test>::TxRateLimitExceeded);
        run_to_block(361);
        assert_ok!(set(1, 600));
        assert_noop!(
            SubtensorModule::set_tempo(RuntimeOrigin::root(), 1, 600),
            DispatchError::BadOrigin
        );
    });
}

#[test]
fn owner_or_root_set_the_activity_cutoff_factor() {
    new_test_ext().execute_with(|| {
        subnet();
        let set = |origin: RuntimeOrigin, factor: u32| {
            SubtensorModule::set_activity_cutoff_factor(origin, 1, factor)
        };
        assert_noop!(
            set(RuntimeOrigin::signed(account(2)), 2_000),
            Error::<Test>::NotSubnetOwner
        );
        assert_noop!(
            set(RuntimeOrigin::signed(account(1)), 999),
            Error::<Test>::ActivityCutoffFactorMilliOutOfBounds
        );
        assert_ok!(set(RuntimeOrigin::signed(account(1)), 2_000));
        assert_eq!(ActivityCutoffFactorMilli::<Test>::get(1), 2_000);
        assert_noop!(
            set(RuntimeOrigin::signed(account(1)), 3_000),
            Error::<Test>::TxRateLimitExceeded
        );
        // Root is not rate-limited.
        assert_ok!(set(RuntimeOrigin::root(), 50_000));
        assert_ok!(set(RuntimeOrigin::root(), 1_000));
        assert_eq!(ActivityCutoffFactorMilli::<Test>::get(1), 1_000);
        assert_noop!(
            SubtensorModule::set_activity_cutoff_factor(RuntimeOrigin::root(), 9, 1_000),
            Error::<Test>::SubnetNotExists
        );
    });
}

#[test]
fn network_membership_follows_registration_replacement_and_dissolve() {
    new_test_ext().execute_with(|| {
        subnet();
        assert!(IsNetworkMember::<Test>::get(account(11), 1));
        MaxAllowedUids::<Test>::insert(1, 2);
        ImmunityPeriod::<Test>::insert(1, 0);
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(2)),
            1,
            account(21)
        ));
        assert!(IsNetworkMember::<Test>::get(account(21), 1));
        // The subnet is full: hotkey 22 replaces 21 (the owner's hotkey is never pruned).
        run_to_block(2);
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(2)),
            1,
            account(22)
        ));
        assert!(!IsNetworkMember::<Test>::get(account(21), 1));
        assert!(IsNetworkMember::<Test>::get(account(22), 1));
        assert_ok!(SubtensorModule::dissolve_network(
            RuntimeOrigin::root(),
            account(1),
            1
        ));
        run_until_removed();
        assert_eq!(IsNetworkMember::<Test>::iter().count(), 0);
    });
}

#[test]
fn the_v1_migration_fills_membership_starts_subnets_and_drops_zero_stakes() {
    use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
    new_test_ext().execute_with(|| {
        subnet();
        // The state as version 0 left it.
        IsNetworkMember::<Test>::remove(account(11), 1);
        FirstEmissionBlockNumber::<Test>::remove(1);
        Alpha::<Test>::insert((account(11), account(3), 1), 0);
        StorageVersion::new(0).put::<SubtensorModule>();
        crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
        assert!(IsNetworkMember::<Test>::get(account(11), 1));
        assert_eq!(FirstEmissionBlockNumber::<Test>::get(1), Some(1));
        assert!(!Alpha::<Test>::contains_key((account(11), account(3), 1)));
        assert_eq!(SubtensorModule::on_chain_storage_version(), 1);
        // A second run is a no-op.
        FirstEmissionBlockNumber::<Test>::remove(1);
        crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
        assert_eq!(FirstEmissionBlockNumber::<Test>::get(1), None);
    });
}
