//! Random sequences of every signed call, with arbitrary arguments, interleaved with blocks
//! (and so with emission and epochs): no call panics, a refused call changes no storage at
//! all, and the accounting invariant holds after every step. A failure is shrunk to a
//! minimal sequence, printed, and its seed saved by proptest so the next run replays it.

use frame_support::dispatch::RawOrigin;
use frame_support::traits::UnfilteredDispatchable;
use proptest::prelude::*;
use sp_core::H256;
use sp_runtime::StateVersion;

use crate::mock::*;
use crate::*;

/// One step: a call by a signer (accounts 1 to 7, of which 6 and 7 hold no TAO; 8 stands for
/// root), or some blocks passing.
#[derive(Debug, Clone)]
enum Step {
    Call(u8, Box<Call<Test>>),
    Blocks(u64),
    /// The signer takes out all but one rao of its stake on its own hotkey in subnet 1,
    /// leaving dust.
    LeaveDust(u8),
    /// The signer sends all its free TAO to account 5 and is reaped.
    Reap(u8),
    /// Subnet 1 switches to this many mechanisms (1 or 2).
    Mechanisms(u8),
    /// The owner turns commit-reveal on subnet 1 on or off.
    CommitReveal(bool),
}

fn who() -> impl Strategy<Value = u8> {
    1u8..=8
}

fn netuid() -> impl Strategy<Value = NetUid> {
    prop_oneof![4 => Just(1u16), 2 => 0u16..4, 1 => any::<u16>()]
}

fn amount() -> impl Strategy<Value = u64> {
    prop_oneof![3 => 0u64..2 * TAO, 1 => 0u64..20_000 * TAO, 1 => any::<u64>()]
}

fn uids() -> impl Strategy<Value = Vec<u16>> {
    prop::collection::vec(prop_oneof![8 => 0u16..6, 1 => any::<u16>()], 0..8)
}

/// Weights as (uid, value) pairs, or, less often, two unrelated vectors.
fn weights() -> impl Strategy<Value = (Vec<u16>, Vec<u16>)> {
    prop_oneof![
        4 => prop::collection::vec((prop_oneof![8 => 0u16..6, 1 => any::<u16>()], any::<u16>()), 0..8)
            .prop_map(|pairs| pairs.into_iter().unzip()),
        1 => (uids(), uids()),
    ]
}

/// A take: usually within the 18 % bound.
fn take() -> impl Strategy<Value = u16> {
    prop_oneof![3 => 0u16..=11_796, 1 => any::<u16>()]
}

/// An IP type and address: usually a valid IPv4 or IPv6 one.
fn address() -> impl Strategy<Value = (u8, u128)> {
    prop_oneof![
        2 => (Just(4u8), 1u128..=u128::from(u32::MAX)),
        1 => (Just(6u8), any::<u128>()),
        1 => (any::<u8>(), any::<u128>()),
    ]
}

fn call() -> impl Strategy<Value = Call<Test>> {
    let hotkey = || who().prop_map(account);
    prop_oneof![
        hotkey().prop_map(|hotkey| Call::register_network { hotkey }),
        (netuid(), hotkey()).prop_map(|(netuid, hotkey)| Call::burned_register { netuid, hotkey }),
        (
            netuid(),
            any::<u64>(),
            any::<u64>(),
            prop::collection::vec(any::<u8>(), 0..40),
            hotkey(),
            hotkey()
        )
            .prop_map(|(netuid, block_number, nonce, work, hotkey, coldkey)| {
                Call::register {
                    netuid,
                    block_number,
                    nonce,
                    work,
                    hotkey,
                    coldkey,
                }
            }),
        (netuid(), weights(), any::<u64>()).prop_map(|(netuid, (dests, weights), version_key)| {
            Call::set_weights {
                netuid,
                dests,
                weights,
                version_key: version_key % 8 / 7,
            }
        }),
        (netuid(), any::<[u8; 32]>()).prop_map(|(netuid, hash)| Call::commit_weights {
            netuid,
            commit_hash: H256(hash),
        }),
        (netuid(), weights(), uids(), any::<u64>()).prop_map(
            |(netuid, (uids, values), salt, version_key)| Call::reveal_weights {
                netuid,
                uids,
                values,
                salt,
                version_key,
            }
        ),
        (hotkey(), netuid(), amount()).prop_map(|(hotkey, netuid, amount_staked)| {
            Call::add_stake {
                hotkey,
                netuid,
                amount_staked,
            }
        }),
        (hotkey(), netuid(), amount()).prop_map(|(hotkey, netuid, amount_unstaked)| {
            Call::remove_stake {
                hotkey,
                netuid,
                amount_unstaked,
            }
        }),
        (hotkey(), take()).prop_map(|(hotkey, take)| Call::decrease_take { hotkey, take }),
        (hotkey(), take()).prop_map(|(hotkey, take)| Call::increase_take { hotkey, take }),
        (netuid(), any::<u32>(), address(), any::<u16>(), any::<u8>()).prop_map(
            |(netuid, version, (ip_type, ip), port, protocol)| Call::serve_axon {
                netuid,
                version,
                ip,
                port,
                ip_type,
                protocol,
                placeholder1: 0,
                placeholder2: 0,
            }
        ),
        (netuid(), any::<u32>(), address(), any::<u16>()).prop_map(
            |(netuid, version, (ip_type, ip), port)| Call::serve_prometheus {
                netuid,
                version,
                ip,
                port,
                ip_type,
            }
        ),
        (hotkey(), netuid())
            .prop_map(|(coldkey, netuid)| Call::dissolve_network { coldkey, netuid }),
        netuid().prop_map(|netuid| Call::start_call { netuid }),
        (netuid(), 0u8..3, weights(), any::<u64>()).prop_map(
            |(netuid, mecid, (dests, weights), version_key)| Call::set_mechanism_weights {
                netuid,
                mecid,
                dests,
                weights,
                version_key: version_key % 8 / 7,
            }
        ),
        (netuid(), 0u8..3, any::<[u8; 32]>()).prop_map(|(netuid, mecid, hash)| {
            Call::commit_mechanism_weights {
                netuid,
                mecid,
                commit_hash: H256(hash),
            }
        }),
        (hotkey(), hotkey(), netuid(), netuid(), amount()).prop_map(
            |(
                origin_hotkey,
                destination_hotkey,
                origin_netuid,
                destination_netuid,
                alpha_amount,
            )| {
                Call::move_stake {
                    origin_hotkey,
                    destination_hotkey,
                    origin_netuid,
                    destination_netuid,
                    alpha_amount,
                }
            }
        ),
        (hotkey(), hotkey(), netuid(), netuid(), amount()).prop_map(
            |(destination_coldkey, hotkey, origin_netuid, destination_netuid, alpha_amount)| {
                Call::transfer_stake {
                    destination_coldkey,
                    hotkey,
                    origin_netuid,
                    destination_netuid,
                    alpha_amount,
                }
            }
        ),
        hotkey().prop_map(|hotkey| Call::unstake_all { hotkey }),
        (hotkey(), hotkey(), prop::option::of(netuid())).prop_map(
            |(hotkey, new_hotkey, netuid)| Call::swap_hotkey {
                hotkey,
                new_hotkey,
                netuid,
            }
        ),
    ]
}

/// `call` with its hotkey replaced by the signer's own, which most real calls name.
fn for_own_hotkey(call: Call<Test>, signer: u8) -> Call<Test> {
    let hotkey = account(signer);
    match call {
        Call::burned_register { netuid, .. } => Call::burned_register { netuid, hotkey },
        Call::add_stake {
            netuid,
            amount_staked,
            ..
        } => Call::add_stake {
            hotkey,
            netuid,
            amount_staked,
        },
        Call::remove_stake {
            netuid,
            amount_unstaked,
            ..
        } => Call::remove_stake {
            hotkey,
            netuid,
            amount_unstaked,
        },
        Call::decrease_take { take, .. } => Call::decrease_take { hotkey, take },
        Call::increase_take { take, .. } => Call::increase_take { hotkey, take },
        other => other,
    }
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (who(), call(), any::<bool>()).prop_map(|(signer, call, own)| {
            Step::Call(signer, Box::new(if own { for_own_hotkey(call, signer) } else { call }))
        }),
        1 => (1u64..12).prop_map(Step::Blocks),
        1 => (1u8..=5).prop_map(Step::LeaveDust),
        1 => (1u8..=7).prop_map(Step::Reap),
        1 => (1u8..=2).prop_map(Step::Mechanisms),
        1 => any::<bool>().prop_map(Step::CommitReveal),
    ]
}

/// Subnet 1 owned by account 1 (hotkey 1, uid 0), hotkeys 2 to 5 registered by their own
/// accounts, each staked and permitted, commit-reveal off, no weights rate limit.
fn network() {
    let signed = |n| RuntimeOrigin::signed(account(n));
    assert_eq!(
        SubtensorModule::register_network(signed(1), account(1)),
        Ok(())
    );
    WeightsSetRateLimit::<Test>::insert(1, 0);
    for n in 2..=5 {
        assert_eq!(
            SubtensorModule::burned_register(signed(n), 1, account(n)),
            Ok(())
        );
    }
    for n in 1..=5 {
        assert_eq!(
            SubtensorModule::add_stake(signed(n), account(n), 1, TAO),
            Ok(())
        );
    }
    ValidatorPermit::<Test>::insert(1, vec![true; 5]);
    assert_eq!(SubtensorModule::start_call(signed(1), 1), Ok(()));
}

fn root() -> Vec<u8> {
    sp_io::storage::root(StateVersion::V1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_call_sequence_keeps_the_books(steps in prop::collection::vec(step(), 1..60)) {
        new_test_ext().execute_with(|| {
            network();
            for step in steps {
                match step {
                    Step::Call(signer, call) => {
                        // Dissolving is root's; everyone else signs.
                        let origin = if signer == 8 {
                            RawOrigin::Root.into()
                        } else {
                            RuntimeOrigin::signed(account(signer))
                        };
                        let before = root();
                        // Root can always dissolve a subnet that exists, whatever stake it
                        // holds and whoever was reaped, unless too many removals run.
                        let must_pass = matches!(
                            *call,
                            Call::dissolve_network { netuid, .. }
                                if signer == 8
                                    && NetworksAdded::<Test>::get(netuid)
                                    && DissolvedNetworks::<Test>::count()
                                        < crate::cleanup::MAX_DISSOLVING
                        );
                        let result = call.dispatch_bypass_filter(origin);
                        prop_assert!(!must_pass || result.is_ok(), "root's dissolve failed: {:?}", result);
                        if result.is_err() {
                            prop_assert_eq!(root(), before, "a refused call changed storage");
                        }
                    }
                    Step::LeaveDust(signer) => {
                        // A dissolved subnet's stake waits for its refund in the block hook.
                        let staked = Alpha::<Test>::get((account(signer), account(signer), 1));
                        if NetworksAdded::<Test>::get(1) && staked > crate::staking::MIN_STAKE {
                            prop_assert!(SubtensorModule::remove_stake(
                                RuntimeOrigin::signed(account(signer)),
                                account(signer),
                                1,
                                staked - 1,
                            )
                            .is_ok());
                        }
                    }
                    Step::Mechanisms(count) => {
                        if NetworksAdded::<Test>::get(1) {
                            MaxAllowedUids::<Test>::insert(1, 128);
                            prop_assert!(SubtensorModule::do_set_mechanism_count(1, count).is_ok());
                        }
                    }
                    Step::Reap(signer) => {
                        // Fails only when the account holds nothing.
                        let _ = pallet_balances::Pallet::<Test>::transfer_all(
                            RuntimeOrigin::signed(account(signer)),
                            account(5),
                            false,
                        );
                    }
                    Step::CommitReveal(enabled) => {
                        CommitRevealWeightsEnabled::<Test>::insert(1, enabled)
                    }
                    Step::Blocks(blocks) => {
                        // Short tempos, so that epochs run within the sequence.
                        for netuid in 0..4 {
                            if NetworksAdded::<Test>::get(netuid) {
                                Tempo::<Test>::insert(netuid, 4);
                            }
                        }
                        run_to_block(System::block_number() + blocks);
                    }
                }
                prop_assert_eq!(SubtensorModule::check_accounting(), Ok(()));
                prop_assert_eq!(SubtensorModule::check_stake_index(), Ok(()));
                prop_assert_eq!(SubtensorModule::check_subnet_count(), Ok(()));
            }
            Ok(())
        })?;
    }
}
