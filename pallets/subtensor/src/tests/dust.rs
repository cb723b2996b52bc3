//! Dust: a stake below the existential deposit whose coldkey was reaped must neither
//! freeze a subnet's dissolve nor the prune that a new subnet needs; it is recycled.

use frame_support::traits::fungible::Inspect;
use frame_support::{assert_noop, assert_ok};

use crate::mock::*;
use crate::staking::MIN_STAKE;
use crate::*;

/// Subnet 1 (owner 1, hotkey 11) where account 4 holds a 1-rao stake on hotkey 11, and
/// account 4 has then been reaped by `transfer_all`.
fn subnet_with_reaped_dust_staker() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
    // A 1-rao stake cannot be placed directly…
    assert_noop!(
        SubtensorModule::add_stake(RuntimeOrigin::signed(account(4)), account(11), 1, 1),
        Error::<Test>::AmountTooLow
    );
    // …but is what is left after taking out all but one rao.
    assert_ok!(SubtensorModule::add_stake(
        RuntimeOrigin::signed(account(4)),
        account(11),
        1,
        2 * MIN_STAKE
    ));
    assert_ok!(SubtensorModule::remove_stake(
        RuntimeOrigin::signed(account(4)),
        account(11),
        1,
        2 * MIN_STAKE - 1
    ));
    assert_eq!(Alpha::<Test>::get((account(11), account(4), 1)), 1);
    assert_ok!(Balances::transfer_all(
        RuntimeOrigin::signed(account(4)),
        account(5),
        false
    ));
    assert!(!System::account_exists(&account(4)), "account 4 is reaped");
}

#[test]
fn dissolving_a_subnet_recycles_a_stake_its_reaped_coldkey_cannot_receive() {
    new_test_ext().execute_with(|| {
        subnet_with_reaped_dust_staker();
        let issuance = TotalIssuance::<Test>::get();
        assert_ok!(SubtensorModule::dissolve_network(
            RuntimeOrigin::root(),
            account(1),
            1
        ));
        assert!(!NetworksAdded::<Test>::get(1));
        run_until_removed();
        System::assert_has_event(Event::DustRecycled(account(4), 1).into());
        assert_eq!(TotalIssuance::<Test>::get(), issuance - 1);
        assert_eq!(Alpha::<Test>::iter().count(), 0, "no stake entry is left");
        assert!(StakingHotkeys::<Test>::get(account(4)).is_empty());
        assert!(!System::account_exists(&account(4)));
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn a_new_subnet_prunes_a_subnet_holding_reaped_dust() {
    new_test_ext().execute_with(|| {
        SubnetLimit::<Test>::put(1);
        NetworkImmunityPeriod::<Test>::put(10);
        subnet_with_reaped_dust_staker();
        run_to_block(20);
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(2)),
            account(21)
        ));
        System::assert_has_event(Event::NetworkRemoved(1).into());
        assert_eq!(
            SubnetOwner::<Test>::get(2),
            account(2),
            "netuid 1 is held until subnet 1 is removed"
        );
        run_until_removed();
        System::assert_has_event(Event::DustRecycled(account(4), 1).into());
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn taking_out_all_stake_deletes_its_entries() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(account(4)),
            account(11),
            1,
            MIN_STAKE
        ));
        assert_eq!(StakingHotkeys::<Test>::get(account(4)), vec![account(11)]);
        // A partial removal below the minimum is refused; the whole stake is not.
        assert_noop!(
            SubtensorModule::remove_stake(RuntimeOrigin::signed(account(4)), account(11), 1, 1),
            Error::<Test>::AmountTooLow
        );
        assert_ok!(SubtensorModule::remove_stake(
            RuntimeOrigin::signed(account(4)),
            account(11),
            1,
            MIN_STAKE
        ));
        assert!(!Alpha::<Test>::contains_key((account(11), account(4), 1)));
        assert!(!TotalHotkeyAlpha::<Test>::contains_key(account(11), 1));
        assert!(!SubnetTAO::<Test>::contains_key(1));
        assert!(!StakingHotkeys::<Test>::contains_key(account(4)));
        assert_eq!(Balances::balance(&account(4)), 10_000 * TAO);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}
