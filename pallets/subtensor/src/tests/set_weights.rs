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

#[test]
fn refused_weights_never_pass_transaction_validation() {
    use crate::extension::SubtensorTransactionExtension;
    use frame_support::dispatch::GetDispatchInfo;
    use sp_runtime::traits::{TransactionExtension, TxBaseImplication};
    use sp_runtime::transaction_validity::{InvalidTransaction, TransactionSource};

    new_test_ext().execute_with(|| {
        subnet();
        let validate = |hotkey: u8, dests: Vec<u16>| {
            let call = RuntimeCall::SubtensorModule(Call::set_weights {
                netuid: 1,
                dests,
                weights: vec![1, 1],
                version_key: 0,
            });
            SubtensorTransactionExtension::<Test>::new()
                .validate(
                    RuntimeOrigin::signed(account(hotkey)),
                    &call,
                    &call.get_dispatch_info(),
                    0,
                    (),
                    &TxBaseImplication(()),
                    TransactionSource::External,
                )
                .map(|(valid, _, _)| valid)
        };
        let valid = validate(21, vec![2, 3]).expect("valid weights pass");
        assert_eq!(
            valid.provides.len(),
            1,
            "one weight setting per hotkey and subnet in the pool"
        );
        let code = |e: Error<Test>| {
            let sp_runtime::DispatchError::Module(m) = sp_runtime::DispatchError::from(e) else {
                unreachable!()
            };
            InvalidTransaction::Custom(m.error[0]).into()
        };
        assert_eq!(
            validate(21, vec![2, 2]).map(|_| ()),
            Err(code(Error::<Test>::DuplicateUids))
        );
        assert_eq!(
            validate(22, vec![2, 3]).map(|_| ()),
            Err(code(Error::<Test>::NeuronNoValidatorPermit))
        );
        assert_ok!(set(21, vec![2, 3], vec![1, 1]));
        assert_eq!(
            validate(21, vec![2, 3]).map(|_| ()),
            Err(code(Error::<Test>::SettingWeightsTooFast))
        );
        // Other calls pass untouched.
        let other = RuntimeCall::SubtensorModule(Call::serve_prometheus {
            netuid: 1,
            version: 1,
            ip: 1,
            port: 1,
            ip_type: 4,
        });
        assert!(SubtensorTransactionExtension::<Test>::new()
            .validate(
                RuntimeOrigin::signed(account(21)),
                &other,
                &other.get_dispatch_info(),
                0,
                (),
                &TxBaseImplication(()),
                TransactionSource::External
            )
            .is_ok());
    });
}
