//! Mechanism-addressed weights, batches of weights, `start_call` and `register_limit`.

use codec::Compact;
use frame_support::{assert_noop, assert_ok};

use crate::mock::*;
use crate::*;

/// Subnet 1 (owner 1, hotkey 11 at uid 0, with a validator permit) with hotkey 12 at uid
/// 1, and no weights rate limit.
fn subnet_with_two_neurons() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
    assert_ok!(SubtensorModule::burned_register(
        RuntimeOrigin::signed(account(1)),
        1,
        account(12)
    ));
    WeightsSetRateLimit::<Test>::insert(1, 0);
    ValidatorPermit::<Test>::insert(1, vec![true, false]);
}

#[test]
fn mechanism_0_weights_are_the_subnets_weights() {
    new_test_ext().execute_with(|| {
        subnet_with_two_neurons();
        assert_eq!(MechanismCountCurrent::<Test>::get(1), 1);
        assert_ok!(SubtensorModule::set_mechanism_weights(
            RuntimeOrigin::signed(account(11)),
            1,
            0,
            vec![1],
            vec![7],
            0
        ));
        assert_eq!(Weights::<Test>::get(1, 0), vec![(1, u16::MAX)]);
        assert_noop!(
            SubtensorModule::set_mechanism_weights(
                RuntimeOrigin::signed(account(11)),
                1,
                1,
                vec![1],
                vec![7],
                0
            ),
            Error::<Test>::MechanismDoesNotExist
        );
        assert_noop!(
            SubtensorModule::commit_mechanism_weights(
                RuntimeOrigin::signed(account(11)),
                1,
                1,
                sp_core::H256::zero()
            ),
            Error::<Test>::MechanismDoesNotExist
        );
        assert_noop!(
            SubtensorModule::set_mechanism_weights(
                RuntimeOrigin::signed(account(11)),
                9,
                0,
                vec![1],
                vec![7],
                0
            ),
            Error::<Test>::SubnetNotExists
        );
    });
}

#[test]
fn a_batch_sets_what_it_can_and_reports_the_rest() {
    new_test_ext().execute_with(|| {
        subnet_with_two_neurons();
        let c = Compact;
        assert_ok!(SubtensorModule::batch_set_weights(
            RuntimeOrigin::signed(account(11)),
            vec![c(1), c(5)],
            vec![vec![(c(1), c(3))], vec![(c(0), c(1))]],
            vec![Compact(0u64), Compact(0u64)],
        ));
        assert_eq!(Weights::<Test>::get(1, 0), vec![(1, u16::MAX)]);
        System::assert_has_event(
            Event::BatchWeightItemFailed(5, Error::<Test>::SubnetNotExists.into()).into(),
        );
        System::assert_has_event(Event::BatchCompletedWithErrors().into());
        assert_ok!(SubtensorModule::batch_set_weights(
            RuntimeOrigin::signed(account(11)),
            vec![c(1)],
            vec![vec![(c(1), c(3))]],
            vec![Compact(0u64)],
        ));
        System::assert_has_event(Event::BatchWeightsCompleted(vec![c(1)], account(11)).into());
        assert_noop!(
            SubtensorModule::batch_set_weights(
                RuntimeOrigin::signed(account(11)),
                vec![c(1)],
                vec![],
                vec![Compact(0u64)],
            ),
            Error::<Test>::InputLengthsUnequal
        );
    });
}

#[test]
fn only_the_owner_starts_a_subnet_once_it_is_old_enough() {
    new_test_ext().execute_with(|| {
        StartCallDelay::<Test>::put(10);
        subnet_with_two_neurons();
        let start =
            |coldkey: u8| SubtensorModule::start_call(RuntimeOrigin::signed(account(coldkey)), 1);
        assert_noop!(start(2), Error::<Test>::NotSubnetOwner);
        assert_noop!(start(1), Error::<Test>::NeedWaitingMoreBlocksToStarCall);
        run_to_block(5);
        assert_eq!(
            BlockEmission::<Test>::get(),
            0,
            "nothing emits before start_call"
        );
        assert_eq!(BlocksSinceLastStep::<Test>::get(1), 4);
        run_to_block(11);
        assert_ok!(start(1));
        assert_eq!(FirstEmissionBlockNumber::<Test>::get(1), Some(12));
        System::assert_has_event(Event::FirstEmissionBlockNumberSet(1, 12).into());
        assert_noop!(start(1), Error::<Test>::FirstEmissionBlockNumberAlreadySet);
        run_to_block(12);
        assert_eq!(BlockEmission::<Test>::get(), TAO);
    });
}

#[test]
fn register_limit_refuses_a_burn_above_the_limit() {
    new_test_ext().execute_with(|| {
        subnet_with_two_neurons();
        let burn = Burn::<Test>::get(1);
        assert_noop!(
            SubtensorModule::register_limit(
                RuntimeOrigin::signed(account(2)),
                1,
                account(22),
                burn - 1
            ),
            Error::<Test>::RegistrationPriceLimitExceeded
        );
        assert_ok!(SubtensorModule::register_limit(
            RuntimeOrigin::signed(account(2)),
            1,
            account(22),
            burn
        ));
        assert_eq!(Uids::<Test>::get(1, account(22)), Some(2));
    });
}

/// Subnet 1 (tempo 9, emitting) with validator hotkey 21 (uid 1, 800 TAO staked) and
/// miners 31 and 41 (uids 2 and 3), running two mechanisms split 3:1.
fn two_mechanisms() {
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
    for (coldkey, hotkey) in [(2, 21), (3, 31), (4, 41)] {
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(coldkey)),
            1,
            account(hotkey)
        ));
    }
    assert_ok!(SubtensorModule::add_stake(
        RuntimeOrigin::signed(account(2)),
        account(21),
        1,
        800 * TAO
    ));
    // 256 uids over two mechanisms at most.
    assert_noop!(
        SubtensorModule::do_set_mechanism_count(1, 2),
        Error::<Test>::TooManyUIDsPerMechanism
    );
    MaxAllowedUids::<Test>::insert(1, 128);
    assert_noop!(
        SubtensorModule::do_set_mechanism_count(1, 3),
        Error::<Test>::InvalidValue
    );
    assert_ok!(SubtensorModule::do_set_mechanism_count(1, 2));
    assert_ok!(SubtensorModule::do_set_mechanism_emission_split(
        1,
        Some(vec![49_151, 16_384])
    ));
}

#[test]
fn a_second_mechanism_keeps_its_own_weights_and_last_updates() {
    new_test_ext().execute_with(|| {
        two_mechanisms();
        // Mechanism 1 lives at storage index 4096 + 1, with a last update per uid.
        assert_eq!(SubtensorModule::mechanism_indices(1), vec![1, 4_097]);
        assert_eq!(LastUpdate::<Test>::get(4_097).len(), 4);
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(5)),
            1,
            account(51)
        ));
        assert_eq!(LastUpdate::<Test>::get(1).len(), 5);
        assert_eq!(LastUpdate::<Test>::get(4_097).len(), 5);
        run_to_block(8);
        assert_ok!(SubtensorModule::set_mechanism_weights(
            RuntimeOrigin::signed(account(21)),
            1,
            1,
            vec![3],
            vec![1],
            0
        ));
        assert_eq!(Weights::<Test>::get(4_097, 1), vec![(3, u16::MAX)]);
        assert!(Weights::<Test>::get(1, 1).is_empty());
        assert_eq!(LastUpdate::<Test>::get(4_097)[1], 8);
        System::assert_has_event(Event::WeightsSet(4_097, 1).into());
        // A split must cover the emission exactly, with one share per mechanism at most.
        for bad in [vec![], vec![1, 2], vec![65_535, 0, 0]] {
            assert_noop!(
                SubtensorModule::do_set_mechanism_emission_split(1, Some(bad)),
                Error::<Test>::InvalidValue
            );
        }
        // Back to one mechanism: the second one's state is gone.
        assert_ok!(SubtensorModule::do_set_mechanism_count(1, 1));
        assert!(Weights::<Test>::get(4_097, 1).is_empty());
        assert!(!LastUpdate::<Test>::contains_key(4_097));
        assert_eq!(MechanismEmissionSplit::<Test>::get(1), None);
        assert_noop!(
            SubtensorModule::set_mechanism_weights(
                RuntimeOrigin::signed(account(21)),
                1,
                1,
                vec![3],
                vec![1],
                0
            ),
            Error::<Test>::MechanismDoesNotExist
        );
    });
}

#[test]
fn each_mechanism_pays_its_miners_its_share_of_the_emission() {
    new_test_ext().execute_with(|| {
        two_mechanisms();
        run_to_block(8);
        // The validator (uid 1, with its permit from the first epoch) weights miner uid 2
        // on mechanism 0 and miner uid 3 on mechanism 1.
        for (mecid, miner) in [(0u8, 2u16), (1, 3)] {
            assert_ok!(SubtensorModule::set_mechanism_weights(
                RuntimeOrigin::signed(account(21)),
                1,
                mecid,
                vec![miner],
                vec![u16::MAX],
                0
            ));
        }
        let (stake31, stake41) = (
            TotalHotkeyAlpha::<Test>::get(account(31), 1),
            TotalHotkeyAlpha::<Test>::get(account(41), 1),
        );
        run_to_block(18);
        assert_eq!(Incentive::<Test>::get(1), vec![0, 0, u16::MAX, 0]);
        assert_eq!(Incentive::<Test>::get(4_097), vec![0, 0, 0, u16::MAX]);
        let earned31 = TotalHotkeyAlpha::<Test>::get(account(31), 1) - stake31;
        let earned41 = TotalHotkeyAlpha::<Test>::get(account(41), 1) - stake41;
        assert!(earned41 > 0, "mechanism 1's miner earned nothing");
        // Mechanism 0 has three quarters of the emission, mechanism 1 one quarter.
        let ratio_milli = earned31 * 1_000 / earned41;
        assert!(
            (2_990..=3_010).contains(&ratio_milli),
            "{earned31} : {earned41}"
        );
        // `Emission` combines the mechanisms' emissions weighted by their shares
        // (yuma-epoch.md §6), as subtensor stores it: below what was paid here.
        let emission = Emission::<Test>::get(1);
        assert!(emission[2] > 0 && emission[2] < earned31, "{emission:?}");
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn commits_and_reveals_address_a_mechanism() {
    use sp_runtime::traits::{BlakeTwo256, Hash};
    new_test_ext().execute_with(|| {
        two_mechanisms();
        CommitRevealWeightsEnabled::<Test>::insert(1, true);
        let (uids, values, salt) = (vec![3u16], vec![7u16], vec![9u16]);
        // The hash names the mechanism's storage index.
        let hash = BlakeTwo256::hash_of(&(account(21), 4_097u16, &uids, &values, &salt, 0u64));
        assert_ok!(SubtensorModule::commit_mechanism_weights(
            RuntimeOrigin::signed(account(21)),
            1,
            1,
            hash
        ));
        assert!(WeightCommits::<Test>::get(4_097, account(21)).is_some());
        assert!(WeightCommits::<Test>::get(1, account(21)).is_none());
        // Revealed in the next epoch (epochs end at blocks 8, 18, …).
        run_to_block(9);
        assert_ok!(SubtensorModule::reveal_mechanism_weights(
            RuntimeOrigin::signed(account(21)),
            1,
            1,
            uids,
            values,
            salt,
            0
        ));
        assert_eq!(Weights::<Test>::get(4_097, 1), vec![(3, u16::MAX)]);
        assert!(Weights::<Test>::get(1, 1).is_empty());
    });
}
