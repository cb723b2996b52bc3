//! Emission: minting, the split across subnets, the owner cut, and epochs paying out.

use frame_support::assert_ok;
use frame_support::traits::fungible::Inspect;

use crate::mock::*;
use crate::*;

/// floor(x · 11 796 / 65 535): the owner's 18 %.
fn owner_cut(x: u64) -> u64 {
    x * 11_796 / 65_535
}

#[test]
fn each_block_mints_one_tao_split_by_stake() {
    new_test_ext().execute_with(|| {
        // No subnet, nothing minted.
        let issuance = TotalIssuance::<Test>::get();
        run_to_block(2);
        assert_eq!(TotalIssuance::<Test>::get(), issuance);

        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_ok!(SubtensorModule::start_call(
            RuntimeOrigin::signed(account(1)),
            1
        ));
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(2)),
            account(21)
        ));
        assert_ok!(SubtensorModule::start_call(
            RuntimeOrigin::signed(account(2)),
            2
        ));
        let owner_balance = Balances::balance(&account(1));
        // Equal split while nothing is staked.
        run_to_block(3);
        assert_eq!(BlockEmission::<Test>::get(), TAO);
        assert_eq!(TotalIssuance::<Test>::get(), issuance + TAO);
        assert_eq!(
            Balances::balance(&account(1)),
            owner_balance + owner_cut(TAO / 2)
        );
        assert_eq!(
            PendingEmission::<Test>::get(1),
            TAO / 2 - owner_cut(TAO / 2)
        );
        // Then in proportion to stake: 3:1.
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(account(3)),
            account(11),
            1,
            300 * TAO
        ));
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(account(3)),
            account(21),
            2,
            100 * TAO
        ));
        let (before1, before2) = (
            PendingEmission::<Test>::get(1),
            PendingEmission::<Test>::get(2),
        );
        run_to_block(4);
        let third = TAO * 3 / 4;
        assert_eq!(
            PendingEmission::<Test>::get(1) - before1,
            third - owner_cut(third)
        );
        assert_eq!(
            PendingEmission::<Test>::get(2) - before2,
            TAO / 4 - owner_cut(TAO / 4)
        );
    });
}

#[test]
fn epochs_pay_miners_incentive_and_validators_dividends() {
    new_test_ext().execute_with(|| {
        // Subnet 1 with tempo 9: epochs run when (block + 2) % 10 == 0.
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_ok!(SubtensorModule::start_call(
            RuntimeOrigin::signed(account(1)),
            1
        ));
        Tempo::<Test>::insert(1, 9);
        WeightsSetRateLimit::<Test>::insert(1, 0);
        for (coldkey, hotkey) in [(2, 21), (3, 31)] {
            assert_ok!(SubtensorModule::burned_register(
                RuntimeOrigin::signed(account(coldkey)),
                1,
                account(hotkey)
            ));
        }
        // Hotkey 21 (uid 1) is the validator: it has the stake, so the first epoch gives it
        // a permit. Nominator 4 stakes on it too.
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(account(2)),
            account(21),
            1,
            600 * TAO
        ));
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(account(4)),
            account(21),
            1,
            200 * TAO
        ));
        run_to_block(8);
        assert_eq!(LastMechansimStepBlock::<Test>::get(1), 8);
        // The owner's uid 0 always holds a permit (yuma-epoch.md §9.15).
        assert_eq!(ValidatorPermit::<Test>::get(1), vec![true, true, false]);
        // Weights on the miner, uid 2; the next epoch runs at block 18.
        assert_ok!(SubtensorModule::set_weights(
            RuntimeOrigin::signed(account(21)),
            1,
            vec![2],
            vec![65_535],
            0
        ));
        let miner_stake = TotalHotkeyAlpha::<Test>::get(account(31), 1);
        let nominator = Alpha::<Test>::get((account(21), account(4), 1));
        run_to_block(18);
        assert_eq!(LastMechansimStepBlock::<Test>::get(1), 18);
        assert_eq!(Incentive::<Test>::get(1), vec![0, 0, 65_535]);
        assert_eq!(Dividends::<Test>::get(1), vec![0, 65_535, 0]);
        let emission = Emission::<Test>::get(1);
        assert!(emission[1] > 0 && emission[2] > 0, "{emission:?}");
        // The miner's incentive was staked to its hotkey; the nominator earned dividends.
        assert_eq!(
            TotalHotkeyAlpha::<Test>::get(account(31), 1),
            miner_stake + emission[2]
        );
        assert!(Alpha::<Test>::get((account(21), account(4), 1)) > nominator);
        assert_eq!(PendingEmission::<Test>::get(1), 0);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

/// An epoch's declared weight is at least its benchmark at its uids (`weights.rs`),
/// whether it finds weights and bonds stored or not.
#[test]
fn an_epoch_weighs_at_least_its_benchmark() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_ok!(SubtensorModule::start_call(
            RuntimeOrigin::signed(account(1)),
            1
        ));
        WeightsSetRateLimit::<Test>::insert(1, 0);
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(2)),
            1,
            account(21)
        ));
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(account(1)),
            account(11),
            1,
            TAO
        ));
        ValidatorPermit::<Test>::insert(1, vec![true, true]);
        run_to_block(3);
        let empty = SubtensorModule::run_epoch(1);
        assert_ok!(SubtensorModule::set_weights(
            RuntimeOrigin::signed(account(11)),
            1,
            vec![0, 1],
            vec![1, 1],
            0
        ));
        let weighted = SubtensorModule::run_epoch(1);
        // That epoch stored bonds, which the next one reads too.
        assert!(!Bonds::<Test>::get(1, 0).is_empty());
        let bonded = SubtensorModule::run_epoch(1);
        // Never less than the benchmarked epoch at its 2 uids, whatever it stores or pays.
        let benchmarked = <() as crate::WeightInfo>::on_initialize_epoch(2, 0);
        for weight in [empty, weighted, bonded] {
            assert!(weight.all_gte(benchmarked), "{weight:?} < {benchmarked:?}");
        }
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

/// Three validators over several epochs: two honest ones agree on miner 41, an outlier
/// with less stake puts everything on miner 42. Consensus follows the majority, the
/// outlier's weight is clipped away, miner 42 earns nothing, and the honest validators earn
/// more dividends per stake than the outlier.
#[test]
fn honest_validators_earn_and_an_outlier_is_clipped() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_ok!(SubtensorModule::start_call(
            RuntimeOrigin::signed(account(1)),
            1
        ));
        Tempo::<Test>::insert(1, 9);
        WeightsSetRateLimit::<Test>::insert(1, 0);
        // uids 1 to 3 are validators (coldkeys 2, 3, 4), uids 4 and 5 miners.
        for (coldkey, hotkey) in [(2, 21), (3, 31), (4, 32), (5, 41), (5, 42)] {
            assert_ok!(SubtensorModule::burned_register(
                RuntimeOrigin::signed(account(coldkey)),
                1,
                account(hotkey)
            ));
        }
        for (coldkey, hotkey, tao) in [(2, 21, 400), (3, 31, 400), (4, 32, 200)] {
            assert_ok!(SubtensorModule::add_stake(
                RuntimeOrigin::signed(account(coldkey)),
                account(hotkey),
                1,
                tao * TAO
            ));
        }
        run_to_block(8); // first epoch: permits by stake
        let mut stakes_before = Vec::new();
        for epoch_end in [18, 28, 38] {
            for (hotkey, weights) in [
                (21, vec![65_535, 0]),
                (31, vec![65_535, 0]),
                (32, vec![0, 65_535]),
            ] {
                assert_ok!(SubtensorModule::set_weights(
                    RuntimeOrigin::signed(account(hotkey)),
                    1,
                    vec![4, 5],
                    weights,
                    0
                ));
            }
            stakes_before = [21, 31, 32]
                .map(|h| TotalHotkeyAlpha::<Test>::get(account(h), 1))
                .to_vec();
            run_to_block(epoch_end);
        }
        let consensus = Consensus::<Test>::get(1);
        assert_eq!(
            (consensus[4], consensus[5]),
            (65_535, 0),
            "the majority's miner"
        );
        let incentive = Incentive::<Test>::get(1);
        assert_eq!(
            (incentive[4], incentive[5]),
            (65_535, 0),
            "the outlier's miner earns nothing"
        );
        let trust = ValidatorTrust::<Test>::get(1);
        assert!(
            trust[1] > trust[3] && trust[2] > trust[3],
            "the outlier's weight is clipped: {trust:?}"
        );
        // Dividends of the last epoch per rao of stake: honest above outlier.
        let earned: Vec<u128> = [21, 31, 32]
            .iter()
            .zip(&stakes_before)
            .map(|(&h, &before)| {
                u128::from(TotalHotkeyAlpha::<Test>::get(account(h), 1) - before) * 1_000_000
                    / u128::from(before)
            })
            .collect();
        assert!(earned[0] > earned[2] && earned[1] > earned[2], "{earned:?}");
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn a_failed_epoch_is_announced_and_its_emission_recycled() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_ok!(SubtensorModule::start_call(
            RuntimeOrigin::signed(account(1)),
            1
        ));
        Tempo::<Test>::insert(1, 9);
        // A weight row naming a uid twice, which set_weights never stores: the epoch
        // refuses the state.
        Weights::<Test>::insert(1, 0, vec![(0u16, 1u16), (0, 2)]);
        run_to_block(7);
        let pending = PendingEmission::<Test>::get(1);
        assert!(pending > 0);
        let issuance = TotalIssuance::<Test>::get();
        // The epoch runs at block 8, after that block's own emission arrives.
        run_to_block(8);
        let minted = TAO - owner_cut(TAO);
        System::assert_has_event(Event::EpochFailed(1, pending + minted).into());
        assert_eq!(PendingEmission::<Test>::get(1), 0);
        assert_eq!(
            TotalIssuance::<Test>::get(),
            issuance + TAO - (pending + minted)
        );
    });
}

#[test]
fn epochs_are_counted_and_the_blocks_since_the_last_one_tracked() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        Tempo::<Test>::insert(1, 9);
        // Epochs of subnet 1 run at blocks 8, 18, 28 … whether or not it emits.
        run_to_block(7);
        assert_eq!(SubnetEpochIndex::<Test>::get(1), 0);
        assert_eq!(BlocksSinceLastStep::<Test>::get(1), 6);
        run_to_block(8);
        assert_eq!(SubnetEpochIndex::<Test>::get(1), 1);
        assert_eq!(LastEpochBlock::<Test>::get(1), 8);
        assert_eq!(BlocksSinceLastStep::<Test>::get(1), 0);
        run_to_block(20);
        assert_eq!(SubnetEpochIndex::<Test>::get(1), 2);
        assert_eq!(LastEpochBlock::<Test>::get(1), 18);
        assert_eq!(BlocksSinceLastStep::<Test>::get(1), 2);
        assert_eq!(PendingEpochAt::<Test>::get(1), 0);
    });
}
