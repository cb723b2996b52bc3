//! Who may set what, the bounds, and the events.

use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use pallet_subtensor as subtensor;
use sp_runtime::DispatchError;

use crate::mock::*;
use crate::*;

#[test]
fn root_sets_any_subnet_value_and_it_is_announced() {
    new_test_ext().execute_with(|| {
        assert_ok!(AdminUtils::sudo_set_tempo(RuntimeOrigin::root(), 1, 10));
        assert_eq!(subtensor::Tempo::<Test>::get(1), 10);
        System::assert_has_event(subtensor::Event::TempoSet(1, 10).into());
        assert_ok!(AdminUtils::sudo_set_weights_set_rate_limit(
            RuntimeOrigin::root(),
            1,
            0
        ));
        assert_ok!(AdminUtils::sudo_set_yuma3_enabled(
            RuntimeOrigin::root(),
            1,
            false
        ));
        assert!(!subtensor::Yuma3On::<Test>::get(1));
        System::assert_has_event(
            Event::Yuma3EnableToggled {
                netuid: 1,
                enabled: false,
            }
            .into(),
        );
        assert_ok!(AdminUtils::sudo_set_subnet_limit(RuntimeOrigin::root(), 64));
        assert_eq!(subtensor::SubnetLimit::<Test>::get(), 64);
    });
}

#[test]
fn the_owner_sets_its_subnet_values_once_a_day_and_not_root_ones() {
    new_test_ext().execute_with(|| {
        let owner = || RuntimeOrigin::signed(account(1));
        assert_ok!(AdminUtils::sudo_set_immunity_period(owner(), 1, 100));
        assert_eq!(subtensor::ImmunityPeriod::<Test>::get(1), 100);
        assert_noop!(
            AdminUtils::sudo_set_bonds_penalty(owner(), 1, 7),
            Error::<Test>::TxRateLimitExceeded
        );
        System::set_block_number(1 + 7_200);
        assert_ok!(AdminUtils::sudo_set_bonds_penalty(owner(), 1, 7));
        assert_noop!(
            AdminUtils::sudo_set_tempo(owner(), 1, 10),
            DispatchError::BadOrigin
        );
        assert_noop!(
            AdminUtils::sudo_set_immunity_period(RuntimeOrigin::signed(account(2)), 1, 5),
            DispatchError::BadOrigin
        );
        assert_noop!(
            AdminUtils::sudo_set_immunity_period(owner(), 9, 5),
            Error::<Test>::SubnetDoesNotExist
        );
    });
}

#[test]
fn root_or_the_owner_switches_bonds_reset() {
    new_test_ext().execute_with(|| {
        assert!(!subtensor::BondsResetOn::<Test>::get(1));
        assert_noop!(
            AdminUtils::sudo_set_bonds_reset_enabled(RuntimeOrigin::signed(account(2)), 1, true),
            DispatchError::BadOrigin
        );
        assert_ok!(AdminUtils::sudo_set_bonds_reset_enabled(
            RuntimeOrigin::signed(account(1)),
            1,
            true
        ));
        assert!(subtensor::BondsResetOn::<Test>::get(1));
        System::assert_has_event(
            Event::BondsResetToggled {
                netuid: 1,
                enabled: true,
            }
            .into(),
        );
        assert_ok!(AdminUtils::sudo_set_bonds_reset_enabled(
            RuntimeOrigin::root(),
            1,
            false
        ));
        assert!(!subtensor::BondsResetOn::<Test>::get(1));
        assert_noop!(
            AdminUtils::sudo_set_bonds_reset_enabled(RuntimeOrigin::root(), 9, true),
            Error::<Test>::SubnetDoesNotExist
        );
    });
}

#[test]
fn values_outside_their_bounds_are_refused() {
    new_test_ext().execute_with(|| {
        let root = RuntimeOrigin::root;
        assert_noop!(
            AdminUtils::sudo_set_tempo(root(), 1, 0),
            Error::<Test>::ValueNotInBounds
        );
        assert_noop!(
            AdminUtils::sudo_set_max_allowed_uids(root(), 1, 10),
            Error::<Test>::MaxValidatorsLargerThanMaxUIds
        );
        assert_noop!(
            AdminUtils::sudo_set_max_allowed_uids(root(), 1, 0),
            Error::<Test>::ValueNotInBounds
        );
        assert_noop!(
            AdminUtils::sudo_set_max_allowed_validators(root(), 1, 300),
            Error::<Test>::MaxValidatorsLargerThanMaxUIds
        );
        assert_noop!(
            AdminUtils::sudo_set_bonds_moving_average(root(), 1, 1_000_001),
            Error::<Test>::ValueNotInBounds
        );
        assert_noop!(
            AdminUtils::sudo_set_bonds_moving_average(
                RuntimeOrigin::signed(account(1)),
                1,
                980_000
            ),
            Error::<Test>::BondsMovingAverageMaxReached
        );
        assert_noop!(
            AdminUtils::sudo_set_alpha_sigmoid_steepness(RuntimeOrigin::signed(account(1)), 1, -5),
            Error::<Test>::NegativeSigmoidSteepness
        );
        assert_ok!(AdminUtils::sudo_set_alpha_sigmoid_steepness(root(), 1, -5));
        assert_noop!(
            AdminUtils::sudo_set_alpha_values(root(), 1, 50_000, 40_000),
            Error::<Test>::ValueNotInBounds
        );
        assert_noop!(
            AdminUtils::sudo_set_min_burn(root(), 1, 200_000_000_000),
            Error::<Test>::ValueNotInBounds
        );
        assert_noop!(
            AdminUtils::sudo_set_difficulty(root(), 1, 0),
            Error::<Test>::ValueNotInBounds
        );
        assert_noop!(
            AdminUtils::sudo_set_kappa(root(), 9, 1),
            Error::<Test>::SubnetDoesNotExist
        );
    });
}

/// GRANDPA authority `n` with weight `weight`.
fn voter(n: u8, weight: u64) -> (sp_consensus_grandpa::AuthorityId, u64) {
    (sp_core::ed25519::Public::from_raw([n; 32]).into(), weight)
}

#[test]
fn root_schedules_a_grandpa_change_signalled_and_enacted_in_the_same_block() {
    use frame_support::traits::Hooks;
    use sp_consensus_grandpa::{ConsensusLog, ScheduledChange, GRANDPA_ENGINE_ID};

    new_test_ext().execute_with(|| {
        let next = vec![voter(1, 1), voter(2, 1)];
        assert_noop!(
            AdminUtils::schedule_grandpa_change(
                RuntimeOrigin::signed(account(1)),
                next.clone(),
                0,
                None
            ),
            DispatchError::BadOrigin
        );
        assert_ok!(AdminUtils::schedule_grandpa_change(
            RuntimeOrigin::root(),
            next.clone(),
            0,
            None
        ));
        assert_eq!(pallet_grandpa::CurrentSetId::<Test>::get(), 1);
        // A second change while the first is pending is refused.
        assert_noop!(
            AdminUtils::schedule_grandpa_change(RuntimeOrigin::root(), next.clone(), 0, None),
            pallet_grandpa::Error::<Test>::ChangePending
        );

        Grandpa::on_finalize(1);
        assert_eq!(Grandpa::grandpa_authorities(), next);
        let signal = ConsensusLog::<u64>::ScheduledChange(ScheduledChange {
            next_authorities: next.clone(),
            delay: 0,
        });
        let digest = System::digest();
        assert!(digest
            .logs()
            .iter()
            .any(|log| log.as_consensus() == Some((GRANDPA_ENGINE_ID, &signal.encode()[..]))));
        System::assert_has_event(
            pallet_grandpa::Event::NewAuthorities {
                authority_set: next,
            }
            .into(),
        );
        // Enacted: the next change may be scheduled.
        assert_ok!(AdminUtils::schedule_grandpa_change(
            RuntimeOrigin::root(),
            vec![voter(3, 1)],
            0,
            None
        ));
        assert_eq!(pallet_grandpa::CurrentSetId::<Test>::get(), 2);
    });
}

#[test]
fn grandpa_changes_that_could_never_finalize_are_refused() {
    new_test_ext().execute_with(|| {
        let refused = |next: Vec<(sp_consensus_grandpa::AuthorityId, u64)>, delay: u64| {
            AdminUtils::schedule_grandpa_change(RuntimeOrigin::root(), next, delay, None)
        };
        assert_noop!(
            refused(vec![voter(1, 1)], 5),
            Error::<Test>::GrandpaChangeDelayMustBeZero
        );
        for next in [
            vec![],
            vec![voter(1, 0)],
            vec![voter(1, 1), voter(1, 1)],
            vec![voter(1, u64::MAX), voter(2, 1)],
            (1..=5).map(|n| voter(n, 1)).collect(),
        ] {
            assert_noop!(refused(next, 0), Error::<Test>::InvalidGrandpaAuthorities);
        }
        assert_eq!(pallet_grandpa::CurrentSetId::<Test>::get(), 0);
        assert_ok!(refused((1..=4).map(|n| voter(n, 1)).collect(), 0));
    });
}

#[test]
fn root_swaps_the_aura_authors_and_the_digest_says_so() {
    use sp_consensus_aura::{sr25519::AuthorityId, ConsensusLog, AURA_ENGINE_ID};

    new_test_ext().execute_with(|| {
        let author = |n: u8| AuthorityId::from(sp_core::sr25519::Public::from_raw([n; 32]));
        let next: frame_support::BoundedVec<AuthorityId, _> =
            vec![author(1), author(2)].try_into().expect("bounded");
        assert_noop!(
            AdminUtils::swap_authorities(RuntimeOrigin::signed(account(1)), next.clone()),
            DispatchError::BadOrigin
        );
        assert_noop!(
            AdminUtils::swap_authorities(RuntimeOrigin::root(), Default::default()),
            Error::<Test>::EmptyAuraAuthorities
        );
        assert_ok!(AdminUtils::swap_authorities(
            RuntimeOrigin::root(),
            next.clone()
        ));
        assert_eq!(pallet_aura::Authorities::<Test>::get(), next);
        let signal = ConsensusLog::AuthoritiesChange(next.into_inner()).encode();
        assert!(System::digest()
            .logs()
            .iter()
            .any(|log| log.as_consensus() == Some((AURA_ENGINE_ID, &signal[..]))));
    });
}

/// The owner of subnet 1.
fn owner() -> RuntimeOrigin {
    RuntimeOrigin::signed(account(1))
}

/// A coldkey that owns no subnet.
fn stranger() -> RuntimeOrigin {
    RuntimeOrigin::signed(account(2))
}

/// A global setter called with a value that is not the default, whether that value is
/// stored, and the event announcing it.
type GlobalCase = (
    fn(RuntimeOrigin) -> frame_support::dispatch::DispatchResult,
    fn() -> bool,
    subtensor::Event<Test>,
);

#[test]
fn root_alone_sets_the_global_values_and_each_is_announced() {
    let setters: [GlobalCase; 6] = [
        (
            |o| AdminUtils::sudo_set_default_take(o, 10_000),
            || subtensor::MaxDelegateTake::<Test>::get() == 10_000,
            subtensor::Event::MaxDelegateTakeSet(10_000),
        ),
        (
            |o| AdminUtils::sudo_set_min_delegate_take(o, 655),
            || subtensor::MinDelegateTake::<Test>::get() == 655,
            subtensor::Event::MinDelegateTakeSet(655),
        ),
        (
            |o| AdminUtils::sudo_set_tx_delegate_take_rate_limit(o, 7),
            || subtensor::TxDelegateTakeRateLimit::<Test>::get() == 7,
            subtensor::Event::TxDelegateTakeRateLimitSet(7),
        ),
        (
            |o| AdminUtils::sudo_set_subnet_owner_cut(o, 0),
            || subtensor::SubnetOwnerCut::<Test>::get() == 0,
            subtensor::Event::SubnetOwnerCutSet(0),
        ),
        (
            |o| AdminUtils::sudo_set_network_immunity_period(o, 9),
            || subtensor::NetworkImmunityPeriod::<Test>::get() == 9,
            subtensor::Event::NetworkImmunityPeriodSet(9),
        ),
        (
            |o| AdminUtils::sudo_set_lock_reduction_interval(o, 0),
            || subtensor::NetworkLockReductionInterval::<Test>::get() == 0,
            subtensor::Event::NetworkLockCostReductionIntervalSet(0),
        ),
    ];
    new_test_ext().execute_with(|| {
        for (set, stored, event) in setters {
            assert_noop!(set(owner()), DispatchError::BadOrigin);
            assert_noop!(set(stranger()), DispatchError::BadOrigin);
            assert!(!stored());
            assert_ok!(set(RuntimeOrigin::root()));
            assert!(stored());
            System::assert_last_event(event.into());
        }
    });
}

#[test]
fn the_lowest_take_never_exceeds_the_highest() {
    new_test_ext().execute_with(|| {
        let root = RuntimeOrigin::root;
        assert_noop!(
            AdminUtils::sudo_set_min_delegate_take(root(), 11_797),
            Error::<Test>::ValueNotInBounds
        );
        assert_ok!(AdminUtils::sudo_set_min_delegate_take(root(), 11_796));
        assert_noop!(
            AdminUtils::sudo_set_default_take(root(), 11_795),
            Error::<Test>::ValueNotInBounds
        );
        assert_ok!(AdminUtils::sudo_set_default_take(root(), 11_796));
        assert_ok!(AdminUtils::sudo_set_default_take(root(), u16::MAX));
        assert_eq!(subtensor::MaxDelegateTake::<Test>::get(), u16::MAX);
    });
}

#[test]
fn root_alone_sets_the_difficulty_adjustment() {
    new_test_ext().execute_with(|| {
        for origin in [owner(), stranger()] {
            assert_noop!(
                AdminUtils::sudo_set_adjustment_interval(origin.clone(), 1, 50),
                DispatchError::BadOrigin
            );
            assert_noop!(
                AdminUtils::sudo_set_target_registrations_per_interval(origin, 1, 5),
                DispatchError::BadOrigin
            );
        }
        assert_ok!(AdminUtils::sudo_set_adjustment_interval(
            RuntimeOrigin::root(),
            1,
            50
        ));
        assert_eq!(subtensor::AdjustmentInterval::<Test>::get(1), 50);
        System::assert_last_event(subtensor::Event::AdjustmentIntervalSet(1, 50).into());
        assert_ok!(AdminUtils::sudo_set_target_registrations_per_interval(
            RuntimeOrigin::root(),
            1,
            5
        ));
        assert_eq!(subtensor::TargetRegistrationsPerInterval::<Test>::get(1), 5);
        System::assert_last_event(subtensor::Event::RegistrationPerIntervalSet(1, 5).into());
        assert_noop!(
            AdminUtils::sudo_set_adjustment_interval(RuntimeOrigin::root(), 9, 50),
            Error::<Test>::SubnetDoesNotExist
        );
        assert_noop!(
            AdminUtils::sudo_set_target_registrations_per_interval(RuntimeOrigin::root(), 9, 5),
            Error::<Test>::SubnetDoesNotExist
        );
    });
}

/// The epoch's activity cutoff in blocks, as subtensor derives it from the stored factor.
fn cutoff_blocks(netuid: u16) -> u64 {
    u64::from(subtensor::ActivityCutoffFactorMilli::<Test>::get(netuid))
        * u64::from(subtensor::Tempo::<Test>::get(netuid))
        / 1_000
}

#[test]
fn an_activity_cutoff_in_blocks_becomes_a_factor_of_the_tempo() {
    new_test_ext().execute_with(|| {
        assert_noop!(
            AdminUtils::sudo_set_activity_cutoff(stranger(), 1, 5_000),
            DispatchError::BadOrigin
        );
        // Tempo 360: 5 000 blocks are ⌈5 000 000 / 360⌉ = 13 889 thousandths.
        assert_ok!(AdminUtils::sudo_set_activity_cutoff(owner(), 1, 5_000));
        assert_eq!(subtensor::ActivityCutoffFactorMilli::<Test>::get(1), 13_889);
        assert_eq!(cutoff_blocks(1), 5_000);
        System::assert_has_event(subtensor::Event::ActivityCutoffSet(1, 5_000).into());
        System::assert_last_event(
            subtensor::Event::ActivityCutoffFactorMilliSet {
                netuid: 1,
                factor_milli: 13_889,
            }
            .into(),
        );
        assert_noop!(
            AdminUtils::sudo_set_activity_cutoff(owner(), 1, 6_000),
            Error::<Test>::TxRateLimitExceeded
        );

        let root = RuntimeOrigin::root;
        assert_noop!(
            AdminUtils::sudo_set_activity_cutoff(root(), 1, 359),
            Error::<Test>::ValueNotInBounds
        );
        // 50 tempos at most: 18 000 blocks at tempo 360.
        assert_ok!(AdminUtils::sudo_set_activity_cutoff(root(), 1, 18_000));
        assert_eq!(subtensor::ActivityCutoffFactorMilli::<Test>::get(1), 50_000);
        assert_noop!(
            AdminUtils::sudo_set_activity_cutoff(root(), 1, 18_001),
            subtensor::Error::<Test>::ActivityCutoffFactorMilliOutOfBounds
        );
        // 1 tempo at least: 360 blocks at tempo 361 is less.
        assert_ok!(AdminUtils::sudo_set_tempo(root(), 1, 361));
        assert_noop!(
            AdminUtils::sudo_set_activity_cutoff(root(), 1, 360),
            subtensor::Error::<Test>::ActivityCutoffFactorMilliOutOfBounds
        );
        // Above a tempo of 1 000 blocks the factor rounds the cutoff up.
        assert_ok!(AdminUtils::sudo_set_tempo(root(), 1, 7_000));
        assert_ok!(AdminUtils::sudo_set_activity_cutoff(root(), 1, 7_001));
        assert_eq!(subtensor::ActivityCutoffFactorMilli::<Test>::get(1), 1_001);
        assert_eq!(cutoff_blocks(1), 7_007);
        for cutoff in [360u16, 999, 4_321, 17_999] {
            assert_ok!(AdminUtils::sudo_set_tempo(root(), 1, 360));
            assert_ok!(AdminUtils::sudo_set_activity_cutoff(root(), 1, cutoff));
            assert_eq!(cutoff_blocks(1), u64::from(cutoff));
        }
        assert_noop!(
            AdminUtils::sudo_set_activity_cutoff(root(), 9, 5_000),
            Error::<Test>::SubnetDoesNotExist
        );
    });
}

#[test]
fn the_burn_half_life_lies_between_1_and_36_100_blocks() {
    new_test_ext().execute_with(|| {
        assert_noop!(
            AdminUtils::sudo_set_burn_half_life(stranger(), 1, 100),
            DispatchError::BadOrigin
        );
        for refused in [0, 36_101, u16::MAX] {
            assert_noop!(
                AdminUtils::sudo_set_burn_half_life(owner(), 1, refused),
                Error::<Test>::InvalidValue
            );
        }
        assert_ok!(AdminUtils::sudo_set_burn_half_life(owner(), 1, 100));
        assert_eq!(subtensor::BurnHalfLife::<Test>::get(1), 100);
        System::assert_last_event(
            Event::BurnHalfLifeSet {
                netuid: 1,
                burn_half_life: 100,
            }
            .into(),
        );
        assert_ok!(AdminUtils::sudo_set_burn_half_life(
            RuntimeOrigin::root(),
            1,
            36_100
        ));
        assert_eq!(subtensor::BurnHalfLife::<Test>::get(1), 36_100);
        assert_noop!(
            AdminUtils::sudo_set_burn_half_life(RuntimeOrigin::root(), 9, 100),
            Error::<Test>::SubnetDoesNotExist
        );
    });
}

#[test]
fn the_burn_grows_by_a_factor_between_1_and_3_and_registrations_use_it() {
    use substrate_fixed::types::U64F64;

    new_test_ext().execute_with(|| {
        let two = U64F64::from_num(2);
        assert_noop!(
            AdminUtils::sudo_set_burn_increase_mult(stranger(), 1, two),
            DispatchError::BadOrigin
        );
        for bits in [0, (1u128 << 64) - 1, (3u128 << 64) + 1, u128::MAX] {
            assert_noop!(
                AdminUtils::sudo_set_burn_increase_mult(
                    RuntimeOrigin::root(),
                    1,
                    U64F64::from_bits(bits)
                ),
                Error::<Test>::InvalidValue
            );
        }
        assert_ok!(AdminUtils::sudo_set_burn_increase_mult(owner(), 1, two));
        assert_eq!(subtensor::BurnIncreaseMult::<Test>::get(1), 2u128 << 64);
        System::assert_last_event(
            Event::BurnIncreaseMultSet {
                netuid: 1,
                burn_increase_mult: two,
            }
            .into(),
        );
        let burn = subtensor::Burn::<Test>::get(1);
        assert_ok!(SubtensorModule::burned_register(stranger(), 1, account(21)));
        assert_eq!(subtensor::Burn::<Test>::get(1), 2 * burn);

        for bound in [1u128, 3] {
            assert_ok!(AdminUtils::sudo_set_burn_increase_mult(
                RuntimeOrigin::root(),
                1,
                U64F64::from_num(bound)
            ));
            assert_eq!(subtensor::BurnIncreaseMult::<Test>::get(1), bound << 64);
        }
        assert_noop!(
            AdminUtils::sudo_set_burn_increase_mult(RuntimeOrigin::root(), 9, two),
            Error::<Test>::SubnetDoesNotExist
        );
    });
}

#[test]
fn the_owner_hotkey_is_the_owners_or_a_free_one_and_only_its_uid_escapes_pruning() {
    new_test_ext().execute_with(|| {
        // Uid 0 is the owner's hotkey 11; account 2 registers hotkey 21 at uid 1; both
        // are past their immunity.
        assert_ok!(SubtensorModule::burned_register(stranger(), 1, account(21)));
        System::set_block_number(1 + 7_200);
        assert_eq!(SubtensorModule::uid_to_prune(1), Some(1));

        assert_noop!(
            AdminUtils::sudo_set_sn_owner_hotkey(stranger(), 1, account(21)),
            DispatchError::BadOrigin
        );
        for origin in [owner(), RuntimeOrigin::root()] {
            assert_noop!(
                AdminUtils::sudo_set_sn_owner_hotkey(origin, 1, account(21)),
                subtensor::Error::<Test>::NonAssociatedColdKey
            );
        }

        // A free hotkey becomes the owner's, so account 2 cannot register it later.
        assert_ok!(AdminUtils::sudo_set_sn_owner_hotkey(
            owner(),
            1,
            account(12)
        ));
        assert_eq!(subtensor::SubnetOwnerHotkey::<Test>::get(1), account(12));
        assert_eq!(subtensor::Owner::<Test>::get(account(12)), account(1));
        assert!(subtensor::OwnedHotkeys::<Test>::get(account(1)).contains(&account(12)));
        System::assert_last_event(subtensor::Event::SubnetOwnerHotkeySet(1, account(12)).into());
        assert_noop!(
            SubtensorModule::burned_register(stranger(), 1, account(12)),
            subtensor::Error::<Test>::NonAssociatedColdKey
        );
        // The old owner uid is now the one a registration replaces.
        assert_eq!(SubtensorModule::uid_to_prune(1), Some(0));
        assert_noop!(
            AdminUtils::sudo_set_sn_owner_hotkey(owner(), 1, account(11)),
            Error::<Test>::TxRateLimitExceeded
        );

        // Subtensor's older name does the same; a hotkey the owner already owns stays its.
        assert_ok!(AdminUtils::sudo_set_subnet_owner_hotkey(
            RuntimeOrigin::root(),
            1,
            account(11)
        ));
        assert_eq!(subtensor::SubnetOwnerHotkey::<Test>::get(1), account(11));
        System::assert_last_event(subtensor::Event::SubnetOwnerHotkeySet(1, account(11)).into());
        assert_eq!(SubtensorModule::uid_to_prune(1), Some(1));
        assert_eq!(
            subtensor::OwnedHotkeys::<Test>::get(account(1))
                .iter()
                .filter(|h| **h == account(11))
                .count(),
            1
        );
        assert_noop!(
            AdminUtils::sudo_set_sn_owner_hotkey(RuntimeOrigin::root(), 9, account(11)),
            Error::<Test>::SubnetDoesNotExist
        );
    });
}

#[test]
fn root_or_the_owner_sets_the_mechanism_count_and_split() {
    new_test_ext().execute_with(|| {
        assert_ok!(AdminUtils::sudo_set_max_allowed_uids(
            RuntimeOrigin::root(),
            1,
            128
        ));
        assert_noop!(
            AdminUtils::sudo_set_mechanism_count(stranger(), 1, 2),
            DispatchError::BadOrigin
        );
        assert_ok!(AdminUtils::sudo_set_mechanism_count(owner(), 1, 2));
        assert_eq!(subtensor::MechanismCountCurrent::<Test>::get(1), 2);
        assert_noop!(
            AdminUtils::sudo_set_mechanism_count(RuntimeOrigin::root(), 1, 3),
            subtensor::Error::<Test>::InvalidValue
        );
        assert_ok!(AdminUtils::sudo_set_mechanism_emission_split(
            RuntimeOrigin::root(),
            1,
            Some(vec![65_535, 0])
        ));
        assert_eq!(
            subtensor::MechanismEmissionSplit::<Test>::get(1),
            Some(vec![65_535, 0])
        );
        assert_noop!(
            AdminUtils::sudo_set_mechanism_emission_split(RuntimeOrigin::root(), 1, Some(vec![1])),
            subtensor::Error::<Test>::InvalidValue
        );
        assert_ok!(AdminUtils::sudo_set_mechanism_emission_split(
            RuntimeOrigin::root(),
            1,
            None
        ));
        assert_eq!(subtensor::MechanismEmissionSplit::<Test>::get(1), None);
    });
}
