//! Removing dissolved subnets over several blocks: each block refunds and deletes a bounded
//! share, the netuid is held until the end, everything is gone then, and no more than
//! `MAX_DISSOLVING` removals run at once. Also the stake index's migration.

use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::traits::{Get, Hooks};
use frame_support::weights::RuntimeDbWeight;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::AccountId32;

use crate::cleanup::{Cleanup, MAX_DISSOLVING, NEURON_KEYS_PER_BLOCK, STAKES_PER_BLOCK};
use crate::mock::*;
use crate::staking::MIN_STAKE;
use crate::*;

/// Account `i` of the many this file needs (beyond `mock::account`'s 256).
fn many(i: u32) -> AccountId32 {
    let mut bytes = [0xA5; 32];
    bytes[..4].copy_from_slice(&i.to_le_bytes());
    AccountId32::new(bytes)
}

/// Gives `who` `amount` rao more, counted in [`TotalIssuance`] as all TAO is.
fn fund(who: &AccountId32, amount: u64) {
    assert_ok!(Balances::mint_into(who, amount));
    TotalIssuance::<Test>::mutate(|issuance| *issuance += amount);
}

/// Subnet 1 (owner 1) with `uids` neurons (hotkeys `many(0..uids)`, all of coldkey 2,
/// each serving an axon) and `stakers` coldkeys `many(1_000_000 + i)` staking
/// `MIN_STAKE` on them in turn.
fn big_subnet(uids: u32, stakers: u32) {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
    MaxAllowedUids::<Test>::insert(1, u16::MAX);
    for i in 0..uids {
        assert_ok!(SubtensorModule::append_neuron(1, &many(i), &account(2)));
        Axons::<Test>::insert(1, many(i), AxonInfo::default());
        Weights::<Test>::insert(1, u16::try_from(i).expect("a uid"), vec![(0u16, 1u16)]);
    }
    for i in 0..stakers {
        let coldkey = many(1_000_000 + i);
        fund(&coldkey, MIN_STAKE + 1_000);
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(coldkey),
            many(i % uids),
            1,
            MIN_STAKE
        ));
    }
}

/// Storage keys a subnet's neurons hold in the maps [`big_subnet`] fills: hotkeys with
/// their uids and memberships, axons, registration blocks and weight rows.
fn neuron_keys(netuid: NetUid) -> usize {
    Keys::<Test>::iter_prefix(netuid).count()
        + Uids::<Test>::iter_prefix(netuid).count()
        + IsNetworkMember::<Test>::iter()
            .filter(|(_, n, _)| *n == netuid)
            .count()
        + Axons::<Test>::iter_prefix(netuid).count()
        + BlockAtRegistration::<Test>::iter_prefix(netuid).count()
        + Weights::<Test>::iter_prefix(netuid).count()
}

#[test]
fn a_big_subnet_is_removed_a_bounded_share_per_block() {
    let (uids, stakers) = (700, 600);
    let mut chain = new_test_ext();
    let issuance = chain.execute_with(|| {
        big_subnet(uids, stakers);
        let issuance = TotalIssuance::<Test>::get();
        assert_ok!(SubtensorModule::dissolve_network(
            RuntimeOrigin::root(),
            account(1),
            1
        ));
        // Nothing heavy happened in the dissolve itself.
        assert_eq!(SubnetStakers::<Test>::iter_prefix((1,)).count(), 600);
        assert_eq!(neuron_keys(1), 701 * 3 + 700 + 701 + 700);
        issuance
    });
    // Each block's changes are committed, as a node does, so that what a block deletes
    // is in the database, not in the block's own overlay.
    let mut steps = Vec::new();
    loop {
        chain.commit_all().expect("commits");
        let step = chain.execute_with(|| {
            if !DissolvedNetworks::<Test>::contains_key(1) {
                return None;
            }
            let before = (
                SubnetStakers::<Test>::iter_prefix((1,)).count(),
                neuron_keys(1),
            );
            run_to_block(System::block_number() + 1);
            let after = (
                SubnetStakers::<Test>::iter_prefix((1,)).count(),
                neuron_keys(1),
            );
            Some((before.0 - after.0, before.1 - after.1))
        });
        match step {
            Some(step) => steps.push(step),
            None => break,
        }
        assert!(steps.len() < 100, "the removal ends");
    }
    // Stakes first, STAKES_PER_BLOCK a block; then neurons within NEURON_KEYS_PER_BLOCK
    // keys a block (hotkeys go three keys at a time, so 1 023 while they last).
    assert_eq!((STAKES_PER_BLOCK, NEURON_KEYS_PER_BLOCK), (256, 1_024));
    assert_eq!(
        steps,
        vec![
            (256, 0),
            (256, 0),
            (88, 0),
            (0, 1_023),
            (0, 1_023),
            (0, 1_024),
            (0, 1_024),
            (0, 110),
        ]
    );
    chain.execute_with(|| {
        // Every staker got its stake back; nothing of the subnet is left.
        for i in 0..stakers {
            assert_eq!(Balances::balance(&many(1_000_000 + i)), MIN_STAKE + 1_000);
        }
        assert_eq!(TotalIssuance::<Test>::get(), issuance);
        assert_eq!(
            (TotalStake::<Test>::get(), SubnetTAO::<Test>::get(1)),
            (0, 0)
        );
        assert_eq!(Alpha::<Test>::iter().count(), 0);
        assert_eq!(neuron_keys(1), 0);
        assert_eq!(SubnetworkN::<Test>::get(1), 0);
        assert!(Emission::<Test>::get(1).is_empty());
        assert!(LastUpdate::<Test>::get(1).is_empty());
        // Hotkeys stay their coldkeys'.
        assert_eq!(Owner::<Test>::get(many(0)), account(2));
        // Netuid 1 is free again.
        run_to_block(7_201);
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert!(NetworksAdded::<Test>::get(1));
        assert_eq!(SubnetworkN::<Test>::get(1), 1);
    });
}

#[test]
fn the_block_hook_weighs_what_its_cleanup_step_did() {
    new_test_ext().execute_with(|| {
        let hook = |block: u64| SubtensorModule::on_initialize(block);
        let idle = hook(2);
        big_subnet(4, 300);
        assert_ok!(SubtensorModule::dissolve_network(
            RuntimeOrigin::root(),
            account(1),
            1
        ));
        let refunding = hook(3);
        assert_eq!(
            refunding.saturating_sub(idle),
            <() as WeightInfo>::on_initialize_cleanup_stakes(STAKES_PER_BLOCK).saturating_sub(
                <<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get().reads(1)
            )
        );
        let step = SubtensorModule::cleanup_step;
        assert_eq!(
            step(STAKES_PER_BLOCK, NEURON_KEYS_PER_BLOCK),
            Cleanup::Stakes(300 - STAKES_PER_BLOCK)
        );
        // No stake budget, no step past the stakes; then 5 keys delete one hotkey.
        assert_eq!(step(0, NEURON_KEYS_PER_BLOCK), Cleanup::Stakes(0));
        assert_eq!(step(STAKES_PER_BLOCK, 5), Cleanup::Neurons(3));
        assert_eq!(
            step(STAKES_PER_BLOCK, NEURON_KEYS_PER_BLOCK),
            Cleanup::Finished
        );
        assert_eq!(step(STAKES_PER_BLOCK, NEURON_KEYS_PER_BLOCK), Cleanup::Idle);
    });
}

#[test]
fn at_most_max_dissolving_subnets_are_removed_at_once() {
    new_test_ext().execute_with(|| {
        let count = u16::try_from(MAX_DISSOLVING).expect("small") + 1;
        SubnetLimit::<Test>::put(count);
        NetworkRateLimit::<Test>::put(0);
        for netuid in 1..=count {
            let owner = account(100 + u8::try_from(netuid).expect("small"));
            fund(&owner, SubtensorModule::network_lock_cost() + TAO);
            assert_ok!(SubtensorModule::register_network(
                RuntimeOrigin::signed(owner),
                account(200 + u8::try_from(netuid).expect("small"))
            ));
        }
        let dissolve =
            |netuid| SubtensorModule::dissolve_network(RuntimeOrigin::root(), account(1), netuid);
        for netuid in 1..count {
            assert_ok!(dissolve(netuid));
        }
        assert_noop!(dissolve(count), Error::<Test>::TooManyNetworksDissolving);
        // A registration that would prune waits too; one with a free slot does not.
        SubnetLimit::<Test>::put(1);
        NetworkImmunityPeriod::<Test>::put(0);
        fund(&account(3), SubtensorModule::network_lock_cost() + TAO);
        assert_noop!(
            SubtensorModule::register_network(RuntimeOrigin::signed(account(3)), account(31)),
            Error::<Test>::TooManyNetworksDissolving
        );
        SubnetLimit::<Test>::put(2);
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(3)),
            account(31)
        ));
        assert_eq!(
            SubnetOwner::<Test>::get(u16::try_from(MAX_DISSOLVING).expect("small") + 2),
            account(3),
            "the first netuid neither in use nor being removed"
        );
        run_until_removed();
        assert_ok!(dissolve(count));
    });
}

#[test]
fn the_v2_migration_indexes_every_stake_by_subnet() {
    use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
    new_test_ext().execute_with(|| {
        big_subnet(3, 5);
        // The state as version 1 left it: no index.
        let _ = SubnetStakers::<Test>::clear(u32::MAX, None);
        StorageVersion::new(1).put::<SubtensorModule>();
        assert!(SubtensorModule::check_stake_index().is_err());
        crate::migrations::v2::MigrateToV2::<Test>::on_runtime_upgrade();
        assert_eq!(SubtensorModule::check_stake_index(), Ok(()));
        assert_eq!(SubnetStakers::<Test>::iter_prefix((1,)).count(), 5);
        assert_eq!(SubtensorModule::on_chain_storage_version(), 2);
        // A second run is a no-op.
        let _ = SubnetStakers::<Test>::clear(u32::MAX, None);
        crate::migrations::v2::MigrateToV2::<Test>::on_runtime_upgrade();
        assert_eq!(SubnetStakers::<Test>::iter().count(), 0);
    });
}
