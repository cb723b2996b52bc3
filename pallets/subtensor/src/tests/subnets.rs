//! Creating and dissolving subnets: lock cost, rate limit, subnet limit, owner uid,
//! refunds, defaults and accounting.

use frame_support::traits::fungible::Inspect;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

use crate::mock::*;
use crate::*;

fn register(coldkey: u8, hotkey: u8) -> Result<(), DispatchError> {
    SubtensorModule::register_network(RuntimeOrigin::signed(account(coldkey)), account(hotkey))
}

#[test]
fn registering_a_subnet_locks_its_cost_and_gives_the_owner_uid_0() {
    new_test_ext().execute_with(|| {
        let issuance = TotalIssuance::<Test>::get();
        assert_ok!(register(1, 11));
        assert!(NetworksAdded::<Test>::get(1));
        assert_eq!(TotalNetworks::<Test>::get(), 1);
        assert_eq!(SubnetLocked::<Test>::get(1), 1_000 * TAO);
        assert_eq!(Balances::balance(&account(1)), 9_000 * TAO);
        assert_eq!(SubnetOwner::<Test>::get(1), account(1));
        assert_eq!(SubnetOwnerHotkey::<Test>::get(1), account(11));
        assert_eq!(Keys::<Test>::get(1, 0), account(11));
        assert_eq!(Uids::<Test>::get(1, account(11)), Some(0));
        assert_eq!(Owner::<Test>::get(account(11)), account(1));
        assert_eq!(SubnetworkN::<Test>::get(1), 1);
        assert_eq!(BlockAtRegistration::<Test>::get(1, 0), 1);
        // The lock is still TAO in existence: issuance does not move.
        assert_eq!(TotalIssuance::<Test>::get(), issuance);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
        System::assert_has_event(Event::NetworkAdded(1, 1).into());
        System::assert_has_event(Event::NeuronRegistered(1, 0, account(11)).into());
    });
}

#[test]
fn new_subnets_take_the_default_hyperparameters() {
    new_test_ext().execute_with(|| {
        assert_ok!(register(1, 11));
        assert_eq!(Tempo::<Test>::get(1), 360);
        assert_eq!(Kappa::<Test>::get(1), 32_767);
        assert_eq!(ImmunityPeriod::<Test>::get(1), 5_000);
        assert_eq!(MaxAllowedUids::<Test>::get(1), 256);
        assert_eq!(MinAllowedWeights::<Test>::get(1), 1);
        assert_eq!(MaxWeightsLimit::<Test>::get(1), 65_535);
        assert_eq!(WeightsSetRateLimit::<Test>::get(1), 100);
        assert_eq!(MaxAllowedValidators::<Test>::get(1), 64);
        assert_eq!(BondsMovingAverage::<Test>::get(1), 900_000);
        assert_eq!(BondsPenalty::<Test>::get(1), 65_535);
        assert!(Yuma3On::<Test>::get(1));
        assert!(!LiquidAlphaOn::<Test>::get(1));
        assert_eq!(AlphaValues::<Test>::get(1), (45_875, 58_982));
        assert!(!CommitRevealWeightsEnabled::<Test>::get(1));
        assert_eq!(Burn::<Test>::get(1), TAO);
        assert_eq!(
            (MinBurn::<Test>::get(1), MaxBurn::<Test>::get(1)),
            (500_000, 100 * TAO)
        );
        assert_eq!(Difficulty::<Test>::get(1), 10_000_000);
        assert!(
            NetworkRegistrationAllowed::<Test>::get(1)
                && NetworkPowRegistrationAllowed::<Test>::get(1)
        );
        assert_eq!(ServingRateLimit::<Test>::get(1), 50);
    });
}

#[test]
fn the_lock_cost_doubles_after_a_registration_and_decays_back() {
    new_test_ext().execute_with(|| {
        assert_eq!(SubtensorModule::network_lock_cost(), 1_000 * TAO);
        assert_ok!(register(1, 11));
        assert_eq!(SubtensorModule::network_lock_cost(), 2_000 * TAO);
        run_to_block(1 + 50_400);
        assert_eq!(
            SubtensorModule::network_lock_cost(),
            2_000 * TAO - 9_920_634 * 50_400
        );
        assert_ok!(register(2, 12));
        assert_eq!(
            SubnetLocked::<Test>::get(2),
            2_000 * TAO - 9_920_634 * 50_400
        );
        run_to_block(50_401 + 200_000);
        assert_eq!(SubtensorModule::network_lock_cost(), 1_000 * TAO);
    });
}

#[test]
fn a_coldkey_registers_at_most_one_subnet_a_day() {
    new_test_ext().execute_with(|| {
        assert_ok!(register(1, 11));
        run_to_block(7_200);
        assert_noop!(register(1, 12), Error::<Test>::NetworkTxRateLimitExceeded);
        // Another coldkey is not limited.
        assert_ok!(register(2, 21));
        run_to_block(7_201);
        assert_ok!(register(1, 12));
        assert_eq!(TotalNetworks::<Test>::get(), 3);
    });
}

#[test]
fn a_full_chain_prunes_the_weakest_non_immune_subnet() {
    new_test_ext().execute_with(|| {
        SubnetLimit::<Test>::put(2);
        NetworkImmunityPeriod::<Test>::put(100);
        assert_ok!(register(1, 11));
        assert_ok!(register(2, 21));
        // Both subnets are immune.
        assert_noop!(register(3, 31), Error::<Test>::SubnetLimitReached);
        run_to_block(101);
        // Subnet 1 emitted more in its last epoch than subnet 2.
        Emission::<Test>::insert(1, vec![5]);
        Emission::<Test>::insert(2, vec![3]);
        let owner2 = Balances::balance(&account(2));
        let lock2 = SubnetLocked::<Test>::get(2);
        assert_ok!(register(3, 31));
        System::assert_has_event(Event::NetworkRemoved(2).into());
        assert!(DissolvedNetworks::<Test>::contains_key(2));
        assert_eq!(
            SubnetOwner::<Test>::get(3),
            account(3),
            "the new subnet takes netuid 3: netuid 2 is held until subnet 2 is removed"
        );
        assert_eq!(
            Balances::balance(&account(2)),
            owner2 + lock2,
            "the pruned lock is refunded"
        );
        assert_eq!(TotalNetworks::<Test>::get(), 2);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
        run_until_removed();
        assert_eq!(Keys::<Test>::iter_prefix(2).count(), 0);
        assert_eq!(Tempo::<Test>::get(2), 360, "hyperparameters reset");
    });
}

#[test]
fn bad_registrations_fail_and_change_nothing() {
    new_test_ext().execute_with(|| {
        assert_ok!(register(1, 11));
        // Hotkey 11 belongs to coldkey 1.
        assert_noop!(register(2, 11), Error::<Test>::NonAssociatedColdKey);
        // Coldkey 9 has nothing; coldkey 3 cannot pay the doubled 2 000 TAO after spending.
        assert_noop!(register(9, 91), Error::<Test>::CannotAffordLockCost);
        assert_ok!(Balances::transfer_allow_death(
            RuntimeOrigin::signed(account(3)),
            account(4),
            8_500 * TAO
        ));
        assert_noop!(register(3, 31), Error::<Test>::CannotAffordLockCost);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn dissolving_returns_the_lock_and_clears_the_subnet() {
    new_test_ext().execute_with(|| {
        assert_ok!(register(1, 11));
        Tempo::<Test>::insert(1, 99);
        assert_noop!(
            SubtensorModule::dissolve_network(RuntimeOrigin::signed(account(1)), account(1), 1),
            DispatchError::BadOrigin
        );
        assert_ok!(SubtensorModule::dissolve_network(
            RuntimeOrigin::root(),
            account(1),
            1
        ));
        assert_eq!(Balances::balance(&account(1)), 10_000 * TAO);
        assert!(!NetworksAdded::<Test>::get(1));
        assert_eq!(TotalNetworks::<Test>::get(), 0);
        assert_eq!(SubnetLocked::<Test>::get(1), 0);
        // Its neurons go in the next block's hook; until then netuid 1 is not free.
        assert_eq!(Uids::<Test>::get(1, account(11)), Some(0));
        assert_ok!(register(2, 21));
        assert_eq!(SubnetOwner::<Test>::get(2), account(2));
        assert_eq!(run_until_removed(), 1);
        assert_eq!(Uids::<Test>::get(1, account(11)), None);
        assert_eq!(SubnetworkN::<Test>::get(1), 0);
        assert_eq!(Tempo::<Test>::get(1), 360, "hyperparameters reset");
        // Hotkey ownership survives the subnet.
        assert_eq!(Owner::<Test>::get(account(11)), account(1));
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
        System::assert_has_event(Event::NetworkRemoved(1).into());
        assert_noop!(
            SubtensorModule::dissolve_network(RuntimeOrigin::root(), account(1), 1),
            Error::<Test>::SubnetNotExists
        );
        // The netuid is free again.
        run_to_block(7_201);
        assert_ok!(register(1, 11));
        assert!(NetworksAdded::<Test>::get(1));
    });
}

#[test]
fn recycled_tao_leaves_total_issuance() {
    use frame_support::traits::fungible::Balanced;
    use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
    use frame_support::traits::OnUnbalanced;
    new_test_ext().execute_with(|| {
        let issuance = TotalIssuance::<Test>::get();
        let fee = <Balances as Balanced<_>>::withdraw(
            &account(2),
            7 * TAO,
            Precision::Exact,
            Preservation::Preserve,
            Fortitude::Polite,
        )
        .expect("funds");
        crate::recycle::Recycle::<Test>::on_unbalanced(fee);
        assert_eq!(TotalIssuance::<Test>::get(), issuance - 7 * TAO);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}
