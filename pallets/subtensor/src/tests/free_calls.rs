//! The free calls (weights, commits, reveals, serving): declared `Pays::No`, and refused by
//! `SubtensorTransactionExtension` at validation wherever they would fail.

use codec::Compact;
use frame_support::dispatch::{GetDispatchInfo, Pays};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::traits::{TransactionExtension, TxBaseImplication};
use sp_runtime::transaction_validity::{
    InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
};

use crate::extension::SubtensorTransactionExtension;
use crate::mock::*;
use crate::set_weights::MAX_BATCH;
use crate::*;

/// Subnet 1: owner hotkey 11 (uid 0) and validator 21 (uid 1), both permitted, miner 22
/// (uid 2); no weights rate limit. Hotkey 41 is registered nowhere.
fn subnet() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
    for hotkey in [21, 22] {
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(2)),
            1,
            account(hotkey)
        ));
    }
    ValidatorPermit::<Test>::insert(1, vec![true, true, false]);
    WeightsSetRateLimit::<Test>::insert(1, 0);
}

/// What the extension answers for `call` from `origin`.
fn validate(
    origin: RuntimeOrigin,
    call: Call<Test>,
) -> Result<ValidTransaction, TransactionValidityError> {
    let call = RuntimeCall::SubtensorModule(call);
    SubtensorTransactionExtension::<Test>::new()
        .validate(
            origin,
            &call,
            &call.get_dispatch_info(),
            0,
            (),
            &TxBaseImplication(()),
            TransactionSource::External,
        )
        .map(|(valid, _, _)| valid)
}

fn by(hotkey: u8, call: Call<Test>) -> Result<ValidTransaction, TransactionValidityError> {
    validate(RuntimeOrigin::signed(account(hotkey)), call)
}

/// The refusal carrying `error`'s index.
fn refused(error: Error<Test>) -> Result<ValidTransaction, TransactionValidityError> {
    let sp_runtime::DispatchError::Module(module) = sp_runtime::DispatchError::from(error) else {
        unreachable!("a pallet error")
    };
    Err(InvalidTransaction::Custom(module.error[0]).into())
}

fn mechanism_weights(netuid: NetUid, mecid: MechId, dests: Vec<u16>) -> Call<Test> {
    let weights = vec![1; dests.len()];
    Call::set_mechanism_weights {
        netuid,
        mecid,
        dests,
        weights,
        version_key: 0,
    }
}

fn axon(netuid: NetUid, ip: u128, port: u16, ip_type: u8) -> Call<Test> {
    Call::serve_axon {
        netuid,
        version: 1,
        ip,
        port,
        ip_type,
        protocol: 4,
        placeholder1: 0,
        placeholder2: 0,
    }
}

fn prometheus(netuid: NetUid, ip: u128, port: u16, ip_type: u8) -> Call<Test> {
    Call::serve_prometheus {
        netuid,
        version: 1,
        ip,
        port,
        ip_type,
    }
}

const IP: u128 = 0x0a00_0001; // 10.0.0.1

fn batch(netuids: &[NetUid], items: usize) -> Call<Test> {
    Call::batch_set_weights {
        netuids: netuids.iter().map(|n| Compact(*n)).collect(),
        weights: vec![vec![(Compact(2), Compact(1))]; items],
        version_keys: vec![Compact(0); items],
    }
}

#[test]
fn the_hotkey_calls_are_free_before_they_run_even_when_they_fail() {
    new_test_ext().execute_with(|| {
        let h = H256::zero();
        let free = [
            Call::set_weights {
                netuid: 1,
                dests: vec![],
                weights: vec![],
                version_key: 0,
            },
            mechanism_weights(1, 0, vec![]),
            batch(&[1], 1),
            Call::commit_weights {
                netuid: 1,
                commit_hash: h,
            },
            Call::commit_mechanism_weights {
                netuid: 1,
                mecid: 0,
                commit_hash: h,
            },
            Call::reveal_weights {
                netuid: 1,
                uids: vec![],
                values: vec![],
                salt: vec![],
                version_key: 0,
            },
            Call::reveal_mechanism_weights {
                netuid: 1,
                mecid: 0,
                uids: vec![],
                values: vec![],
                salt: vec![],
                version_key: 0,
            },
            axon(1, IP, 8091, 4),
            prometheus(1, IP, 9090, 4),
        ];
        for call in free {
            let info = RuntimeCall::SubtensorModule(call.clone()).get_dispatch_info();
            assert_eq!(info.pays_fee, Pays::No, "{call:?}");
        }
        // A failed one pays nothing either: the post-dispatch default (Yes) does not
        // override the declaration.
        let info = RuntimeCall::SubtensorModule(axon(1, IP, 8091, 4)).get_dispatch_info();
        let error = SubtensorModule::serve_axon(
            RuntimeOrigin::signed(account(41)),
            1,
            1,
            IP,
            8091,
            4,
            4,
            0,
            0,
        )
        .expect_err("not registered");
        assert_eq!(error.post_info.pays_fee(&info), Pays::No);
        // A call that pays stays paying.
        let stake = Call::add_stake {
            hotkey: account(11),
            netuid: 1,
            amount_staked: TAO,
        };
        assert_eq!(
            RuntimeCall::SubtensorModule(stake)
                .get_dispatch_info()
                .pays_fee,
            Pays::Yes
        );
    });
}

#[test]
fn mechanism_weights_are_checked_as_weights_are() {
    new_test_ext().execute_with(|| {
        subnet();
        let valid = by(21, mechanism_weights(1, 0, vec![1, 2])).expect("valid");
        // The same pool slot as set_weights on the subnet: both set the same row.
        let plain = by(
            21,
            Call::set_weights {
                netuid: 1,
                dests: vec![1, 2],
                weights: vec![1, 1],
                version_key: 0,
            },
        )
        .expect("valid");
        assert_eq!(valid.provides, plain.provides);
        assert_eq!(valid.provides.len(), 1);

        assert_eq!(
            by(21, mechanism_weights(1, 1, vec![1, 2])),
            refused(Error::<Test>::MechanismDoesNotExist)
        );
        assert_eq!(
            by(21, mechanism_weights(9, 0, vec![1, 2])),
            refused(Error::<Test>::SubnetNotExists)
        );
        assert_eq!(
            by(41, mechanism_weights(1, 0, vec![1, 2])),
            refused(Error::<Test>::HotKeyNotRegisteredInSubNet)
        );
        assert_eq!(
            by(21, mechanism_weights(1, 0, vec![2, 2])),
            refused(Error::<Test>::DuplicateUids)
        );
        assert_eq!(
            by(22, mechanism_weights(1, 0, vec![0, 1])),
            refused(Error::<Test>::NeuronNoValidatorPermit)
        );
        MechanismCountCurrent::<Test>::insert(1, 2);
        assert!(by(21, mechanism_weights(1, 1, vec![1, 2])).is_ok());
        CommitRevealWeightsEnabled::<Test>::insert(1, true);
        assert_eq!(
            by(21, mechanism_weights(1, 0, vec![1, 2])),
            refused(Error::<Test>::CommitRevealEnabled)
        );
        // Each refusal is what the call itself returns.
        assert_noop!(
            SubtensorModule::set_mechanism_weights(
                RuntimeOrigin::signed(account(21)),
                1,
                0,
                vec![1, 2],
                vec![1, 1],
                0
            ),
            Error::<Test>::CommitRevealEnabled
        );
    });
}

#[test]
fn commits_and_reveals_need_commit_reveal_and_a_uid() {
    new_test_ext().execute_with(|| {
        subnet();
        let commit = |netuid| Call::commit_weights {
            netuid,
            commit_hash: H256::repeat_byte(1),
        };
        let commit_mechanism = |mecid| Call::commit_mechanism_weights {
            netuid: 1,
            mecid,
            commit_hash: H256::repeat_byte(1),
        };
        let reveal = |netuid| Call::reveal_weights {
            netuid,
            uids: vec![2],
            values: vec![1],
            salt: vec![7],
            version_key: 0,
        };
        let reveal_mechanism = |mecid| Call::reveal_mechanism_weights {
            netuid: 1,
            mecid,
            uids: vec![2],
            values: vec![1],
            salt: vec![7],
            version_key: 0,
        };
        let all = || {
            [
                commit(1),
                commit_mechanism(0),
                reveal(1),
                reveal_mechanism(0),
            ]
        };

        for call in all() {
            assert_eq!(by(21, call), refused(Error::<Test>::CommitRevealDisabled));
        }
        CommitRevealWeightsEnabled::<Test>::insert(1, true);
        for call in all() {
            assert!(by(21, call.clone()).is_ok(), "{call:?}");
            assert_eq!(
                by(41, call),
                refused(Error::<Test>::HotKeyNotRegisteredInSubNet)
            );
        }
        for call in [commit_mechanism(1), reveal_mechanism(1)] {
            assert_eq!(by(21, call), refused(Error::<Test>::MechanismDoesNotExist));
        }
        // Hotkey 21 holds no uid on subnet 9 (which does not exist).
        CommitRevealWeightsEnabled::<Test>::insert(9, true);
        for call in [commit(9), reveal(9)] {
            assert_eq!(
                by(21, call),
                refused(Error::<Test>::HotKeyNotRegisteredInSubNet)
            );
        }
        // A reveal sets weights: it takes the weights' pool slot; a commit has its own.
        let reveal_tags = by(21, reveal(1)).expect("valid").provides;
        assert_eq!(
            reveal_tags,
            by(21, reveal_mechanism(0)).expect("valid").provides
        );
        let commit_tags = by(21, commit(1)).expect("valid").provides;
        assert_eq!(commit_tags.len(), 1);
        assert_ne!(commit_tags, reveal_tags);
        CommitRevealWeightsEnabled::<Test>::insert(1, false);
        let set_tags = by(
            21,
            Call::set_weights {
                netuid: 1,
                dests: vec![2],
                weights: vec![1],
                version_key: 0,
            },
        )
        .expect("valid")
        .provides;
        assert_eq!(set_tags, reveal_tags);
    });
}

#[test]
fn serving_is_checked_as_the_call_checks_it() {
    new_test_ext().execute_with(|| {
        subnet();
        for (serve, rival) in [
            (
                axon as fn(NetUid, u128, u16, u8) -> Call<Test>,
                prometheus as fn(NetUid, u128, u16, u8) -> Call<Test>,
            ),
            (prometheus, axon),
        ] {
            let valid = by(22, serve(1, IP, 8091, 4)).expect("valid");
            assert_eq!(valid.provides.len(), 1);
            assert_ne!(
                valid.provides,
                by(22, rival(1, IP, 8091, 4)).expect("valid").provides,
                "an axon and a Prometheus endpoint have separate pool slots"
            );
            assert_eq!(
                by(41, serve(1, IP, 8091, 4)),
                refused(Error::<Test>::HotKeyNotRegisteredInNetwork)
            );
            assert_eq!(
                by(22, serve(9, IP, 8091, 4)),
                refused(Error::<Test>::HotKeyNotRegisteredInNetwork)
            );
            assert_eq!(
                by(22, serve(1, IP, 8091, 5)),
                refused(Error::<Test>::InvalidIpType)
            );
            assert_eq!(
                by(22, serve(1, 0x7f00_0001, 8091, 4)),
                refused(Error::<Test>::InvalidIpAddress)
            );
            assert_eq!(
                by(22, serve(1, IP, 0, 4)),
                refused(Error::<Test>::InvalidPort)
            );
        }
        // Within the serving rate limit (50 blocks), a second announcement is refused.
        assert_ok!(SubtensorModule::serve_axon(
            RuntimeOrigin::signed(account(22)),
            1,
            1,
            IP,
            8091,
            4,
            4,
            0,
            0
        ));
        assert_eq!(
            by(22, axon(1, IP, 8092, 4)),
            refused(Error::<Test>::ServingRateLimitExceeded)
        );
        assert!(by(22, prometheus(1, IP, 9090, 4)).is_ok());
        run_to_block(51);
        assert!(by(22, axon(1, IP, 8092, 4)).is_ok());
    });
}

#[test]
fn a_batch_needs_consistent_bounded_lists_and_a_uid_on_one_of_its_subnets() {
    new_test_ext().execute_with(|| {
        subnet();
        // Subnet 5 does not exist: that item will fail, reported by an event; the hotkey's
        // uid on subnet 1 makes the batch worth including.
        assert!(by(21, batch(&[5, 1], 2)).is_ok());
        assert_eq!(
            by(21, batch(&[5], 1)),
            refused(Error::<Test>::HotKeyNotRegisteredInSubNet)
        );
        assert_eq!(
            by(41, batch(&[1], 1)),
            refused(Error::<Test>::HotKeyNotRegisteredInSubNet)
        );
        assert_eq!(
            by(21, batch(&[], 0)),
            refused(Error::<Test>::HotKeyNotRegisteredInSubNet)
        );
        assert_eq!(
            by(21, batch(&[1], 2)),
            refused(Error::<Test>::InputLengthsUnequal)
        );
        let most = vec![1; MAX_BATCH];
        assert!(by(21, batch(&most, MAX_BATCH)).is_ok());
        let too_many = vec![1; MAX_BATCH + 1];
        assert_eq!(
            by(21, batch(&too_many, MAX_BATCH + 1)),
            refused(Error::<Test>::InputLengthsUnequal)
        );
    });
}

#[test]
fn a_free_call_needs_a_signer_and_paying_calls_pass_untouched() {
    new_test_ext().execute_with(|| {
        subnet();
        for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
            assert_eq!(
                validate(origin, axon(1, IP, 8091, 4)),
                Err(InvalidTransaction::BadSigner.into())
            );
        }
        // Paying calls pay for their failures: the extension does not look at them.
        let stake = Call::add_stake {
            hotkey: account(41),
            netuid: 9,
            amount_staked: TAO,
        };
        assert_eq!(by(41, stake.clone()), Ok(ValidTransaction::default()));
        assert_eq!(
            validate(RuntimeOrigin::none(), stake),
            Ok(ValidTransaction::default())
        );
    });
}
