//! Staking and takes.

use frame_support::traits::fungible::Inspect;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

use crate::mock::*;
use crate::*;

fn add(coldkey: u8, hotkey: u8, amount: u64) -> Result<(), DispatchError> {
    SubtensorModule::add_stake(
        RuntimeOrigin::signed(account(coldkey)),
        account(hotkey),
        1,
        amount,
    )
}

fn remove(coldkey: u8, hotkey: u8, amount: u64) -> Result<(), DispatchError> {
    SubtensorModule::remove_stake(
        RuntimeOrigin::signed(account(coldkey)),
        account(hotkey),
        1,
        amount,
    )
}

#[test]
fn stake_moves_tao_from_balance_to_the_hotkey_and_back() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        let issuance = TotalIssuance::<Test>::get();
        assert_ok!(add(2, 11, 300 * TAO));
        assert_ok!(add(3, 11, 100 * TAO));
        assert_eq!(Balances::balance(&account(2)), 9_700 * TAO);
        assert_eq!(Alpha::<Test>::get((account(11), account(2), 1)), 300 * TAO);
        assert_eq!(TotalHotkeyAlpha::<Test>::get(account(11), 1), 400 * TAO);
        assert_eq!(
            (SubnetTAO::<Test>::get(1), TotalStake::<Test>::get()),
            (400 * TAO, 400 * TAO)
        );
        assert_eq!(StakingHotkeys::<Test>::get(account(2)), vec![account(11)]);
        System::assert_has_event(
            Event::StakeAdded(account(2), account(11), 300 * TAO, 300 * TAO, 1, 0).into(),
        );
        assert_eq!(TotalIssuance::<Test>::get(), issuance, "stake is still TAO");
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));

        assert_ok!(remove(2, 11, 100 * TAO));
        assert_eq!(Balances::balance(&account(2)), 9_800 * TAO);
        assert_eq!(Alpha::<Test>::get((account(11), account(2), 1)), 200 * TAO);
        assert_eq!(TotalStake::<Test>::get(), 300 * TAO);
        System::assert_has_event(
            Event::StakeRemoved(account(2), account(11), 100 * TAO, 100 * TAO, 1, 0).into(),
        );
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn bad_stake_operations_are_refused() {
    new_test_ext().execute_with(|| {
        assert_noop!(add(2, 11, TAO), Error::<Test>::SubnetNotExists);
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_noop!(add(2, 11, 0), Error::<Test>::AmountTooLow);
        assert_noop!(add(2, 12, TAO), Error::<Test>::HotKeyNotRegisteredInSubNet);
        assert_noop!(add(9, 11, TAO), Error::<Test>::NotEnoughBalanceToStake);
        assert_ok!(add(2, 11, TAO));
        assert_noop!(
            remove(2, 11, TAO + 1),
            Error::<Test>::NotEnoughStakeToWithdraw
        );
        assert_noop!(remove(3, 11, 1), Error::<Test>::NotEnoughStakeToWithdraw);
    });
}

#[test]
fn dissolving_a_subnet_returns_its_stake() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_ok!(add(2, 11, 500 * TAO));
        assert_ok!(SubtensorModule::dissolve_network(
            RuntimeOrigin::root(),
            account(1),
            1
        ));
        run_until_removed();
        assert_eq!(Balances::balance(&account(2)), 10_000 * TAO);
        assert_eq!(Alpha::<Test>::get((account(11), account(2), 1)), 0);
        assert_eq!(
            (SubnetTAO::<Test>::get(1), TotalStake::<Test>::get()),
            (0, 0)
        );
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn takes_go_down_any_time_and_up_once_a_month() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        let take = |t| (RuntimeOrigin::signed(account(1)), account(11), t);
        assert_eq!(Delegates::<Test>::get(account(11)), 11_796);
        let (o, h, t) = take(11_796);
        assert_noop!(
            SubtensorModule::decrease_take(o, h, t),
            Error::<Test>::DelegateTakeTooLow
        );
        let (o, h, t) = take(5_000);
        assert_ok!(SubtensorModule::decrease_take(o, h, t));
        let (o, h, t) = take(1_000);
        assert_ok!(SubtensorModule::decrease_take(o, h, t));
        System::assert_has_event(Event::TakeDecreased(account(1), account(11), 1_000).into());
        assert_noop!(
            SubtensorModule::decrease_take(RuntimeOrigin::signed(account(2)), account(11), 500),
            Error::<Test>::NonAssociatedColdKey
        );
        assert_noop!(
            SubtensorModule::decrease_take(RuntimeOrigin::signed(account(2)), account(99), 500),
            Error::<Test>::HotKeyAccountNotExists
        );
        let (o, h, t) = take(12_000);
        assert_noop!(
            SubtensorModule::increase_take(o, h, t),
            Error::<Test>::DelegateTakeTooHigh
        );
        let (o, h, t) = take(2_000);
        assert_ok!(SubtensorModule::increase_take(o, h, t));
        let (o, h, t) = take(3_000);
        assert_noop!(
            SubtensorModule::increase_take(o, h, t),
            Error::<Test>::DelegateTxRateLimitExceeded
        );
        run_to_block(1 + 216_000);
        let (o, h, t) = take(3_000);
        assert_ok!(SubtensorModule::increase_take(o, h, t));
        assert_eq!(Delegates::<Test>::get(account(11)), 3_000);
    });
}

#[test]
fn staking_on_someone_elses_hotkey_makes_it_a_delegate() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        // The owner's own stake does not.
        assert_ok!(add(1, 11, TAO));
        assert!(!Delegates::<Test>::contains_key(account(11)));
        assert_ok!(add(2, 11, TAO));
        assert_eq!(Delegates::<Test>::get(account(11)), 11_796);
        assert!(Delegates::<Test>::contains_key(account(11)));
    });
}
