//! Hotkey swaps.

use frame_support::traits::fungible::Inspect;
use frame_support::{assert_noop, assert_ok};

use crate::mock::*;
use crate::swap_hotkey::KEY_SWAP_COST;
use crate::*;

/// Subnets 1 and 2 (owners 1 and 2); coldkey 1's hotkey 12 is uid 1 on both, serves an
/// axon on 1, and carries 5 TAO of account 3's stake on each.
fn hotkey_on_two_subnets() {
    for owner in [1u8, 2] {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(owner)),
            account(owner * 10 + 1)
        ));
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(1)),
            NetUid::from(owner),
            account(12)
        ));
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(account(3)),
            account(12),
            NetUid::from(owner),
            5 * TAO
        ));
    }
    assert_ok!(SubtensorModule::serve_axon(
        RuntimeOrigin::signed(account(12)),
        1,
        1,
        u128::from(u32::from_be_bytes([8, 8, 8, 8])),
        8091,
        4,
        0,
        0,
        0
    ));
}

#[test]
fn a_swap_on_every_subnet_moves_uids_endpoints_and_stake() {
    new_test_ext().execute_with(|| {
        hotkey_on_two_subnets();
        let (balance, issuance) = (Balances::balance(&account(1)), TotalIssuance::<Test>::get());
        assert_ok!(SubtensorModule::swap_hotkey(
            RuntimeOrigin::signed(account(1)),
            account(12),
            account(13),
            None
        ));
        for netuid in [1, 2] {
            assert_eq!(Uids::<Test>::get(netuid, account(13)), Some(1));
            assert_eq!(Uids::<Test>::get(netuid, account(12)), None);
            assert_eq!(Keys::<Test>::get(netuid, 1), account(13));
            assert_eq!(
                Alpha::<Test>::get((account(13), account(3), netuid)),
                5 * TAO
            );
            assert_eq!(TotalHotkeyAlpha::<Test>::get(account(13), netuid), 5 * TAO);
            assert!(!Alpha::<Test>::contains_key((
                account(12),
                account(3),
                netuid
            )));
        }
        assert!(Axons::<Test>::get(1, account(13)).is_some());
        assert_eq!(Owner::<Test>::get(account(13)), account(1));
        assert!(!Owner::<Test>::contains_key(account(12)));
        assert!(!OwnedHotkeys::<Test>::get(account(1)).contains(&account(12)));
        assert_eq!(StakingHotkeys::<Test>::get(account(3)), vec![account(13)]);
        assert_eq!(Balances::balance(&account(1)), balance - KEY_SWAP_COST);
        assert_eq!(TotalIssuance::<Test>::get(), issuance - KEY_SWAP_COST);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn a_swap_on_one_subnet_leaves_the_others() {
    new_test_ext().execute_with(|| {
        hotkey_on_two_subnets();
        assert_ok!(SubtensorModule::swap_hotkey(
            RuntimeOrigin::signed(account(1)),
            account(12),
            account(13),
            Some(2)
        ));
        assert_eq!(Uids::<Test>::get(2, account(13)), Some(1));
        assert_eq!(Uids::<Test>::get(1, account(12)), Some(1));
        assert_eq!(Alpha::<Test>::get((account(12), account(3), 1)), 5 * TAO);
        assert_eq!(Alpha::<Test>::get((account(13), account(3), 2)), 5 * TAO);
        assert_eq!(Owner::<Test>::get(account(12)), account(1));
        assert_eq!(Owner::<Test>::get(account(13)), account(1));
        System::assert_has_event(
            Event::HotkeySwappedOnSubnet {
                coldkey: account(1),
                old_hotkey: account(12),
                new_hotkey: account(13),
                netuid: 2,
            }
            .into(),
        );
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn bad_swaps_are_refused() {
    new_test_ext().execute_with(|| {
        hotkey_on_two_subnets();
        let swap = |coldkey: u8, old: u8, new: u8| {
            SubtensorModule::swap_hotkey(
                RuntimeOrigin::signed(account(coldkey)),
                account(old),
                account(new),
                None,
            )
        };
        assert_noop!(swap(2, 12, 13), Error::<Test>::NonAssociatedColdKey);
        assert_noop!(swap(1, 12, 12), Error::<Test>::NewHotKeyIsSameWithOld);
        // Hotkey 21 belongs to coldkey 2.
        assert_noop!(swap(1, 12, 21), Error::<Test>::NonAssociatedColdKey);
        // Hotkey 11 (coldkey 1's) is registered already.
        assert_noop!(
            swap(1, 12, 11),
            Error::<Test>::HotKeyAlreadyRegisteredInSubNet
        );
        assert_ok!(Balances::transfer_all(
            RuntimeOrigin::signed(account(1)),
            account(5),
            false
        ));
        assert_noop!(
            swap(1, 12, 13),
            Error::<Test>::NotEnoughBalanceToPaySwapHotKey
        );
    });
}
