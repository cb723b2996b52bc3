//! set_weights: what is stored, and every refusal.

use frame_support::dispatch::{DispatchResultWithPostInfo, Pays};
use frame_support::{assert_noop, assert_ok};

use crate::mock::*;
use crate::*;

/// Subnet 1: owner hotkey 11 (uid 0), validator 21 (uid 1, permitted), miners 22 and 23.
fn subnet() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
    for hotkey in [21, 22, 23] {
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(2)),
            1,
            account(hotkey)
        ));
    }
    ValidatorPermit::<Test>::insert(1, vec![true, true, false, false]);
    run_to_block(101);
}

fn set(hotkey: u8, dests: Vec<u16>, weights: Vec<u16>) -> DispatchResultWithPostInfo {
    SubtensorModule::set_weights(RuntimeOrigin::signed(account(hotkey)), 1, dests, weights, 0)
}

#[test]
fn weights_are_stored_max_upscaled_and_free() {
    new_test_ext().execute_with(|| {
        subnet();
        let info = set(21, vec![3, 2], vec![2, 1]).expect("set");
        assert_eq!(info.pays_fee, Pays::No);
        assert_eq!(Weights::<Test>::get(1, 1), vec![(3, 65_535), (2, 32_768)]);
        assert_eq!(LastUpdate::<Test>::get(1), vec![1, 101, 1, 1]);
        System::assert_has_event(Event::WeightsSet(1, 1).into());
        // A miner may weight itself only.
        assert_ok!(set(22, vec![2], vec![7]));
    });
}

#[test]
fn every_bad_weight_setting_is_refused() {
    new_test_ext().execute_with(|| {
        subnet();
        assert_noop!(
            set(21, vec![2, 3], vec![1]),
            Error::<Test>::WeightVecNotEqualSize
        );
        assert_noop!(
            SubtensorModule::set_weights(
                RuntimeOrigin::signed(account(21)),
                9,
                vec![2],
                vec![1],
                0
            ),
            Error::<Test>::SubnetNotExists
        );
        assert_noop!(
            set(21, vec![0, 1, 2, 3, 0], vec![1; 5]),
            Error::<Test>::UidsLengthExceedUidsInSubNet
        );
        assert_noop!(
            set(31, vec![2], vec![1]),
            Error::<Test>::HotKeyNotRegisteredInSubNet
        );
        assert_noop!(
            set(22, vec![2, 3], vec![1, 1]),
            Error::<Test>::NeuronNoValidatorPermit
        );
        assert_noop!(
            set(21, vec![2, 2], vec![1, 1]),
            Error::<Test>::DuplicateUids
        );
        assert_noop!(
            set(21, vec![2, 9], vec![1, 1]),
            Error::<Test>::UidVecContainInvalidOne
        );
        MinAllowedWeights::<Test>::insert(1, 2);
        assert_noop!(
            set(21, vec![2], vec![1]),
            Error::<Test>::WeightVecLengthIsLow
        );
        MaxWeightsLimit::<Test>::insert(1, 40_000);
        assert_noop!(
            set(21, vec![2, 3], vec![9, 1]),
            Error::<Test>::MaxWeightExceeded
        );
        assert_ok!(set(21, vec![2, 3], vec![1, 1]));
        assert_noop!(
            set(21, vec![2, 3], vec![1, 1]),
            Error::<Test>::SettingWeightsTooFast
        );
        run_to_block(201);
        WeightsVersionKey::<Test>::insert(1, 5);
        assert_noop!(
            set(21, vec![2, 3], vec![1, 1]),
            Error::<Test>::IncorrectWeightVersionKey
        );
        WeightsVersionKey::<Test>::insert(1, 0);
        StakeThreshold::<Test>::put(TAO);
        assert_noop!(
            set(21, vec![2, 3], vec![1, 1]),
            Error::<Test>::NotEnoughStakeToSetWeights
        );
        StakeThreshold::<Test>::put(0);
        CommitRevealWeightsEnabled::<Test>::insert(1, true);
        assert_noop!(
            set(21, vec![2, 3], vec![1, 1]),
            Error::<Test>::CommitRevealEnabled
        );
    });
}
