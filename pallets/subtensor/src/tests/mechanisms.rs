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
