//! Limit orders and stake moves at the fixed price of 1 TAO per alpha.

use frame_support::traits::fungible::Inspect;
use frame_support::{assert_noop, assert_ok};

use crate::mock::*;
use crate::stake_orders::PRICE;
use crate::staking::MIN_STAKE;
use crate::*;

/// Subnets 1 (owner 1, hotkey 11) and 2 (owner 2, hotkey 21), hotkey 12 of coldkey 1
/// registered on subnet 1, and 10 TAO of account 3 staked on hotkey 11 in subnet 1.
fn two_subnets_with_stake() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(2)),
        account(21)
    ));
    assert_ok!(SubtensorModule::burned_register(
        RuntimeOrigin::signed(account(1)),
        1,
        account(12)
    ));
    assert_ok!(SubtensorModule::add_stake(
        RuntimeOrigin::signed(account(3)),
        account(11),
        1,
        10 * TAO
    ));
}

fn stake(hotkey: u8, coldkey: u8, netuid: NetUid) -> u64 {
    Alpha::<Test>::get((account(hotkey), account(coldkey), netuid))
}

#[test]
fn limit_orders_execute_in_full_when_the_price_meets_the_limit() {
    new_test_ext().execute_with(|| {
        two_subnets_with_stake();
        let origin = || RuntimeOrigin::signed(account(3));
        // Buying at most 0.999 TAO per alpha: never, partial or not.
        for partial in [false, true] {
            assert_noop!(
                SubtensorModule::add_stake_limit(origin(), account(11), 1, TAO, PRICE - 1, partial),
                Error::<Test>::SlippageTooHigh
            );
        }
        assert_ok!(SubtensorModule::add_stake_limit(
            origin(),
            account(11),
            1,
            TAO,
            PRICE,
            false
        ));
        assert_eq!(stake(11, 3, 1), 11 * TAO);
        // Selling at no less than 1.001 TAO per alpha: never.
        assert_noop!(
            SubtensorModule::remove_stake_limit(origin(), account(11), 1, TAO, PRICE + 1, true),
            Error::<Test>::SlippageTooHigh
        );
        assert_ok!(SubtensorModule::remove_stake_limit(
            origin(),
            account(11),
            1,
            TAO,
            PRICE,
            false
        ));
        assert_eq!(stake(11, 3, 1), 10 * TAO);
        assert_noop!(
            SubtensorModule::remove_stake_full_limit(origin(), account(11), 1, Some(PRICE + 1)),
            Error::<Test>::SlippageTooHigh
        );
        let before = Balances::balance(&account(3));
        assert_ok!(SubtensorModule::remove_stake_full_limit(
            origin(),
            account(11),
            1,
            None
        ));
        assert_eq!(stake(11, 3, 1), 0);
        assert_eq!(Balances::balance(&account(3)), before + 10 * TAO);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn unstake_all_empties_every_subnet() {
    new_test_ext().execute_with(|| {
        two_subnets_with_stake();
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(1)),
            2,
            account(11)
        ));
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(account(3)),
            account(11),
            2,
            5 * TAO
        ));
        let before = Balances::balance(&account(3));
        assert_ok!(SubtensorModule::unstake_all(
            RuntimeOrigin::signed(account(3)),
            account(11)
        ));
        assert_eq!((stake(11, 3, 1), stake(11, 3, 2)), (0, 0));
        assert_eq!(Balances::balance(&account(3)), before + 15 * TAO);
        assert!(StakingHotkeys::<Test>::get(account(3)).is_empty());
        assert_noop!(
            SubtensorModule::unstake_all(RuntimeOrigin::signed(account(3)), account(99)),
            Error::<Test>::HotKeyAccountNotExists
        );
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn stake_moves_between_hotkeys_coldkeys_and_subnets() {
    new_test_ext().execute_with(|| {
        two_subnets_with_stake();
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(1)),
            2,
            account(11)
        ));
        let origin = || RuntimeOrigin::signed(account(3));
        // To another hotkey in the same subnet.
        assert_ok!(SubtensorModule::move_stake(
            origin(),
            account(11),
            account(12),
            1,
            1,
            4 * TAO
        ));
        assert_eq!((stake(11, 3, 1), stake(12, 3, 1)), (6 * TAO, 4 * TAO));
        System::assert_has_event(
            Event::StakeMoved(account(3), account(11), 1, account(12), 1, 4 * TAO).into(),
        );
        // To another subnet, same hotkey.
        assert_ok!(SubtensorModule::swap_stake(
            origin(),
            account(11),
            1,
            2,
            TAO
        ));
        assert_eq!((stake(11, 3, 1), stake(11, 3, 2)), (5 * TAO, TAO));
        assert_eq!(SubnetTAO::<Test>::get(2), TAO);
        // To another coldkey.
        assert_ok!(SubtensorModule::transfer_stake(
            origin(),
            account(4),
            account(11),
            1,
            1,
            2 * TAO
        ));
        assert_eq!((stake(11, 3, 1), stake(11, 4, 1)), (3 * TAO, 2 * TAO));
        assert_eq!(StakingHotkeys::<Test>::get(account(4)), vec![account(11)]);
        // Refusals.
        assert_noop!(
            SubtensorModule::swap_stake(origin(), account(11), 1, 1, TAO),
            Error::<Test>::SameNetuid
        );
        assert_noop!(
            SubtensorModule::swap_stake_limit(origin(), account(11), 1, 2, TAO, PRICE + 1, true),
            Error::<Test>::SlippageTooHigh
        );
        assert_noop!(
            SubtensorModule::swap_stake(origin(), account(11), 1, 9, TAO),
            Error::<Test>::SubnetNotExists
        );
        assert_noop!(
            SubtensorModule::move_stake(origin(), account(11), account(21), 1, 1, TAO),
            Error::<Test>::HotKeyNotRegisteredInSubNet
        );
        assert_noop!(
            SubtensorModule::move_stake(origin(), account(11), account(12), 1, 1, 4 * TAO),
            Error::<Test>::NotEnoughStakeToWithdraw
        );
        assert_noop!(
            SubtensorModule::move_stake(origin(), account(11), account(12), 1, 1, MIN_STAKE - 1),
            Error::<Test>::AmountTooLow
        );
        assert_eq!(TotalStake::<Test>::get(), 10 * TAO);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}
