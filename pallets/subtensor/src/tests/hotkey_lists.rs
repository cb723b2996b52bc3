//! The bounds of the per-coldkey hotkey lists, `StakingHotkeys` and `OwnedHotkeys`: a call
//! that would grow one past its bound is refused with nothing changed, and emission that
//! would is paid out instead.

use frame_support::traits::fungible::Inspect;
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::{AccountId32, DispatchResult};

use crate::mock::*;
use crate::neurons::MAX_OWNED_HOTKEYS;
use crate::staking::{MAX_STAKING_HOTKEYS, MIN_STAKE};
use crate::*;

/// Filler hotkeys, distinct from the mock's numbered accounts.
fn filler(i: u32) -> AccountId32 {
    let mut bytes = [0x5A; 32];
    bytes[..4].copy_from_slice(&i.to_le_bytes());
    AccountId32::new(bytes)
}

fn fillers<const N: u32>(
    count: u32,
) -> BoundedVec<AccountId32, frame_support::traits::ConstU32<N>> {
    BoundedVec::truncate_from((0..count).map(filler).collect())
}

/// Subnet 1 (owner 1, owner hotkey 11) with hotkey 12 registered by coldkey 3.
fn subnet_with_two_hotkeys() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
    assert_ok!(SubtensorModule::burned_register(
        RuntimeOrigin::signed(account(3)),
        1,
        account(12)
    ));
}

fn add(coldkey: u8, hotkey: u8) -> DispatchResult {
    SubtensorModule::add_stake(
        RuntimeOrigin::signed(account(coldkey)),
        account(hotkey),
        1,
        MIN_STAKE,
    )
}

#[test]
fn a_coldkey_stakes_on_at_most_the_bound_of_hotkeys() {
    new_test_ext().execute_with(|| {
        subnet_with_two_hotkeys();
        StakingHotkeys::<Test>::insert(account(2), fillers(MAX_STAKING_HOTKEYS - 1));
        assert_ok!(add(2, 11));
        assert_eq!(
            StakingHotkeys::<Test>::decode_len(account(2)),
            Some(MAX_STAKING_HOTKEYS as usize)
        );
        // Another stake on a listed hotkey needs no new place.
        assert_ok!(add(2, 11));

        assert_noop!(add(2, 12), Error::<Test>::StakingHotkeysFull);
        let moved = SubtensorModule::move_stake(
            RuntimeOrigin::signed(account(2)),
            account(11),
            account(12),
            1,
            1,
            MIN_STAKE,
        );
        assert_noop!(moved, Error::<Test>::StakingHotkeysFull);

        // All stake off one hotkey frees its place.
        let all = Alpha::<Test>::get((account(11), account(2), 1));
        assert_ok!(SubtensorModule::remove_stake(
            RuntimeOrigin::signed(account(2)),
            account(11),
            1,
            all
        ));
        assert_ok!(add(2, 12));
        assert!(StakingHotkeys::<Test>::get(account(2)).contains(&account(12)));
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn a_transfer_to_a_coldkey_with_a_full_list_is_refused() {
    new_test_ext().execute_with(|| {
        subnet_with_two_hotkeys();
        assert_ok!(add(2, 11));
        StakingHotkeys::<Test>::insert(account(4), fillers(MAX_STAKING_HOTKEYS));
        let transfer = SubtensorModule::transfer_stake(
            RuntimeOrigin::signed(account(2)),
            account(4),
            account(11),
            1,
            1,
            MIN_STAKE,
        );
        assert_noop!(transfer, Error::<Test>::StakingHotkeysFull);
    });
}

#[test]
fn emission_past_a_full_list_is_paid_into_the_balance() {
    new_test_ext().execute_with(|| {
        subnet_with_two_hotkeys();
        StakingHotkeys::<Test>::insert(account(3), fillers(MAX_STAKING_HOTKEYS));
        let before = Balances::balance(&account(3));
        SubtensorModule::credit_stake_or_pay(&account(3), &account(12), 1, 5 * MIN_STAKE);
        assert_eq!(Balances::balance(&account(3)), before + 5 * MIN_STAKE);
        assert!(!Alpha::<Test>::contains_key((account(12), account(3), 1)));
        assert!(!StakingHotkeys::<Test>::get(account(3)).contains(&account(12)));

        // With room, the same payment is stake.
        StakingHotkeys::<Test>::remove(account(3));
        SubtensorModule::credit_stake_or_pay(&account(3), &account(12), 1, 5 * MIN_STAKE);
        assert_eq!(
            Alpha::<Test>::get((account(12), account(3), 1)),
            5 * MIN_STAKE
        );
        assert_eq!(
            StakingHotkeys::<Test>::get(account(3)).to_vec(),
            vec![account(12)]
        );
    });
}

#[test]
fn a_coldkey_owns_at_most_the_bound_of_hotkeys() {
    new_test_ext().execute_with(|| {
        subnet_with_two_hotkeys();
        OwnedHotkeys::<Test>::insert(account(3), fillers(MAX_OWNED_HOTKEYS - 1));
        // Hotkey 12 was owned before the fillers came: 4 096 in all now.
        OwnedHotkeys::<Test>::mutate(account(3), |owned| {
            owned.try_push(account(12)).expect("room for one")
        });
        let register =
            SubtensorModule::burned_register(RuntimeOrigin::signed(account(3)), 1, account(13));
        assert_noop!(register, Error::<Test>::OwnedHotkeysFull);
        assert!(!Owner::<Test>::contains_key(account(13)));

        // A hotkey the coldkey owns already registers without a new place.
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(3)),
            account(12)
        ));
    });
}

#[test]
fn a_nominator_with_a_full_list_keeps_its_stake_through_a_full_swap() {
    new_test_ext().execute_with(|| {
        subnet_with_two_hotkeys();
        assert_ok!(add(2, 12));
        StakingHotkeys::<Test>::mutate(account(2), |list| {
            for i in 0..MAX_STAKING_HOTKEYS - 1 {
                list.try_push(filler(i)).expect("room");
            }
        });
        // Coldkey 3 owns as many hotkeys as it may, 12 among them.
        OwnedHotkeys::<Test>::mutate(account(3), |owned| {
            for i in 0..MAX_OWNED_HOTKEYS - 1 {
                owned.try_push(filler(i)).expect("room");
            }
        });
        assert_ok!(SubtensorModule::swap_hotkey(
            RuntimeOrigin::signed(account(3)),
            account(12),
            account(14),
            None
        ));
        assert_eq!(Alpha::<Test>::get((account(14), account(2), 1)), MIN_STAKE);
        let list = StakingHotkeys::<Test>::get(account(2));
        assert!(list.contains(&account(14)) && !list.contains(&account(12)));
        let owned = OwnedHotkeys::<Test>::get(account(3));
        assert!(owned.contains(&account(14)) && !owned.contains(&account(12)));
    });
}
