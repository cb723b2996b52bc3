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
