//! Registering neurons: burned and proof-of-work registration, price dynamics, and
//! replacement on a full subnet.

use frame_support::traits::fungible::Inspect;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;
use taonet_primitives::registration::seal;

use crate::mock::*;
use crate::*;

/// Subnet 1, owned by coldkey 1 with hotkey 11 at uid 0.
fn subnet() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
}

fn burned(coldkey: u8, hotkey: u8) -> Result<(), DispatchError> {
    SubtensorModule::burned_register(RuntimeOrigin::signed(account(coldkey)), 1, account(hotkey))
}

#[test]
fn a_burned_registration_pays_recycles_and_raises_the_burn() {
    new_test_ext().execute_with(|| {
        subnet();
        let issuance = TotalIssuance::<Test>::get();
        assert_ok!(burned(2, 21));
        assert_eq!(Uids::<Test>::get(1, account(21)), Some(1));
        assert_eq!(Balances::balance(&account(2)), 10_000 * TAO - TAO);
        assert_eq!(
            TotalIssuance::<Test>::get(),
            issuance - TAO,
            "the burn is recycled"
        );
        assert_eq!(Burn::<Test>::get(1), 1_260_000_000, "×1.26");
        assert_eq!(RegistrationsThisInterval::<Test>::get(1), 1);
        assert_eq!(LastUpdate::<Test>::get(1), vec![1, 1]);
        assert_eq!(Emission::<Test>::get(1), vec![0, 0]);
        System::assert_has_event(Event::NeuronRegistered(1, 1, account(21)).into());
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn the_burn_decays_toward_its_minimum() {
    new_test_ext().execute_with(|| {
        subnet();
        run_to_block(361);
        // Halved over 360 blocks, a hair below half from flooring every block.
        let burn = Burn::<Test>::get(1);
        assert!(burn <= TAO / 2 && burn > TAO / 2 - TAO / 1_000, "{burn}");
        run_to_block(20_000);
        assert_eq!(Burn::<Test>::get(1), MinBurn::<Test>::get(1));
    });
}

#[test]
fn bad_registrations_are_refused() {
    new_test_ext().execute_with(|| {
        assert_noop!(burned(2, 21), Error::<Test>::SubnetNotExists);
        subnet();
        assert_noop!(
            burned(2, 11),
            Error::<Test>::HotKeyAlreadyRegisteredInSubNet
        );
        assert_ok!(burned(2, 21));
        assert_noop!(
            burned(3, 21),
            Error::<Test>::HotKeyAlreadyRegisteredInSubNet
        );
        // Hotkey 11 belongs to coldkey 1; coldkey 9 has no funds.
        MaxAllowedUids::<Test>::insert(1, 10);
        assert_noop!(burned(9, 91), Error::<Test>::NotEnoughBalanceToStake);
        NetworkRegistrationAllowed::<Test>::insert(1, false);
        assert_noop!(burned(3, 31), Error::<Test>::SubNetRegistrationDisabled);
    });
}

#[test]
fn a_full_subnet_replaces_the_weakest_non_immune_neuron() {
    new_test_ext().execute_with(|| {
        subnet();
        MaxAllowedUids::<Test>::insert(1, 4);
        ImmunityPeriod::<Test>::insert(1, 10);
        for hotkey in [21, 22, 23] {
            assert_ok!(burned(2, hotkey));
        }
        // Everyone is still immune.
        assert_noop!(burned(3, 31), Error::<Test>::NoNeuronIdAvailable);
        run_to_block(11);
        // uid 2 earned least (uid 0, the owner's hotkey, earned nothing but is never pruned).
        Emission::<Test>::insert(1, vec![0, 50, 10, 10]);
        Weights::<Test>::insert(1, 1, vec![(2, 9), (3, 7)]);
        Weights::<Test>::insert(1, 2, vec![(1, 5)]);
        Bonds::<Test>::insert(1, 2, vec![(1, 5)]);
        assert_ok!(burned(3, 31));
        assert_eq!(
            Keys::<Test>::get(1, 2),
            account(31),
            "uid 2 and 3 tie on emission; the lower uid goes"
        );
        assert_eq!(Uids::<Test>::get(1, account(22)), None);
        assert_eq!(BlockAtRegistration::<Test>::get(1, 2), 11);
        assert!(Weights::<Test>::get(1, 2).is_empty() && Bonds::<Test>::get(1, 2).is_empty());
        assert_eq!(
            Weights::<Test>::get(1, 1),
            vec![(2, 0), (3, 7)],
            "weights to the uid are zeroed"
        );
        assert_eq!(Emission::<Test>::get(1), vec![0, 50, 0, 10]);
        assert_eq!(SubnetworkN::<Test>::get(1), 4);
        // The newcomer is immune now: the next goes to uid 3.
        assert_ok!(burned(3, 32));
        assert_eq!(Keys::<Test>::get(1, 3), account(32));
    });
}

/// Proof of work at the previous block's hash for `hotkey` with a nonce found by search.
fn work(hotkey: u8) -> (u64, u64, Vec<u8>) {
    let block = SubtensorModule::current_block() - 1;
    let mut hash = [0u8; 32];
    hash.copy_from_slice(System::block_hash(block).as_ref());
    let difficulty = Difficulty::<Test>::get(1);
    let key: [u8; 32] = *account(hotkey).as_ref();
    let nonce = (0..)
        .find(|&n| {
            taonet_primitives::registration::meets_difficulty(&seal(&hash, &key, n), difficulty)
        })
        .unwrap();
    (block, nonce, seal(&hash, &key, nonce).to_vec())
}

fn pow(
    block: u64,
    nonce: u64,
    work: Vec<u8>,
    hotkey: u8,
    coldkey: u8,
) -> Result<(), DispatchError> {
    SubtensorModule::register(
        RuntimeOrigin::signed(account(5)),
        1,
        block,
        nonce,
        work,
        account(hotkey),
        account(coldkey),
    )
}

#[test]
fn proof_of_work_registers_without_paying() {
    new_test_ext().execute_with(|| {
        subnet();
        run_to_block(3);
        Difficulty::<Test>::insert(1, 1_000);
        let (block, nonce, seal) = work(41);
        let mut wrong = seal.clone();
        wrong[0] ^= 1;
        assert_noop!(pow(block, nonce, wrong, 41, 4), Error::<Test>::InvalidSeal);
        assert_noop!(
            pow(block + 5, nonce, seal.clone(), 41, 4),
            Error::<Test>::InvalidWorkBlock
        );
        Difficulty::<Test>::insert(1, u64::MAX);
        assert_noop!(
            pow(block, nonce, seal.clone(), 41, 4),
            Error::<Test>::InvalidDifficulty
        );
        Difficulty::<Test>::insert(1, 1_000);
        let balance = Balances::balance(&account(4));
        assert_ok!(pow(block, nonce, seal.clone(), 41, 4));
        assert_eq!(Uids::<Test>::get(1, account(41)), Some(1));
        assert_eq!(Owner::<Test>::get(account(41)), account(4));
        assert_eq!(Balances::balance(&account(4)), balance, "nothing is paid");
        assert_eq!(POWRegistrationsThisInterval::<Test>::get(1), 1);
        // Work older than 3 blocks is refused.
        run_to_block(7);
        let (_, nonce, seal) = work(42);
        assert_noop!(pow(2, nonce, seal, 42, 4), Error::<Test>::InvalidWorkBlock);
    });
}

#[test]
fn difficulty_follows_registrations_each_interval() {
    new_test_ext().execute_with(|| {
        subnet();
        Difficulty::<Test>::insert(1, 20_000_000);
        for hotkey in 21..27 {
            assert_ok!(burned(2, hotkey));
        }
        // 6 registrations against a target of 2: ×(6 + 2) / 4.
        run_to_block(101);
        assert_eq!(Difficulty::<Test>::get(1), 40_000_000);
        assert_eq!(RegistrationsThisInterval::<Test>::get(1), 0);
        // A quiet interval halves it, down to the minimum.
        run_to_block(201);
        assert_eq!(Difficulty::<Test>::get(1), 20_000_000);
        run_to_block(401);
        assert_eq!(Difficulty::<Test>::get(1), 10_000_000);
    });
}
