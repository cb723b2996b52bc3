//! Registering neurons: burned and proof-of-work registration, price dynamics, and
//! replacement on a full subnet.

use frame_support::traits::fungible::Inspect;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;
use taonet_primitives::registration::seal;

use crate::mock::*;
use crate::*;

/// Subnet 1, owned by coldkey 1 with hotkey 11 at uid 0.
fn subnet() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
}

fn burned(coldkey: u8, hotkey: u8) -> Result<(), DispatchError> {
    SubtensorModule::burned_register(RuntimeOrigin::signed(account(coldkey)), 1, account(hotkey))
}

#[test]
fn a_burned_registration_pays_recycles_and_raises_the_burn() {
    new_test_ext().execute_with(|| {
        subnet();
        let issuance = TotalIssuance::<Test>::get();
        assert_ok!(burned(2, 21));
        assert_eq!(Uids::<Test>::get(1, account(21)), Some(1));
        assert_eq!(Balances::balance(&account(2)), 10_000 * TAO - TAO);
        assert_eq!(
            TotalIssuance::<Test>::get(),
            issuance - TAO,
            "the burn is recycled"
        );
        assert_eq!(Burn::<Test>::get(1), 1_260_000_000, "×1.26");
        assert_eq!(RegistrationsThisInterval::<Test>::get(1), 1);
        assert_eq!(LastUpdate::<Test>::get(1), vec![1, 1]);
        assert_eq!(Emission::<Test>::get(1), vec![0, 0]);
        System::assert_has_event(Event::NeuronRegistered(1, 1, account(21)).into());
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    });
}

#[test]
fn the_burn_decays_toward_its_minimum() {
    new_test_ext().execute_with(|| {
        subnet();
        run_to_block(361);
        // Halved over 360 blocks, a hair below half from flooring every block.
        let burn = Burn::<Test>::get(1);
        assert!(burn <= TAO / 2 && burn > TAO / 2 - TAO / 1_000, "{burn}");
        run_to_block(20_000);
        assert_eq!(Burn::<Test>::get(1), MinBurn::<Test>::get(1));
    });
}

#[test]
fn bad_registrations_are_refused() {
    new_test_ext().execute_with(|| {
        assert_noop!(burned(2, 21), Error::<Test>::SubnetNotExists);
        subnet();
        assert_noop!(
            burned(2, 11),
            Error::<Test>::HotKeyAlreadyRegisteredInSubNet
        );
        assert_ok!(burned(2, 21));
        assert_noop!(
            burned(3, 21),
            Error::<Test>::HotKeyAlreadyRegisteredInSubNet
        );
        // Hotkey 11 belongs to coldkey 1; coldkey 9 has no funds.
        MaxAllowedUids::<Test>::insert(1, 10);
        assert_noop!(burned(9, 91), Error::<Test>::NotEnoughBalanceToStake);
        NetworkRegistrationAllowed::<Test>::insert(1, false);
        assert_noop!(burned(3, 31), Error::<Test>::SubNetRegistrationDisabled);
    });
}

#[test]
fn a_full_subnet_replaces_the_weakest_non_immune_neuron() {
    new_test_ext().execute_with(|| {
        subnet();
        MaxAllowedUids::<Test>::insert(1, 4);
        ImmunityPeriod::<Test>::insert(1, 10);
        for hotkey in [21, 22, 23] {
            assert_ok!(burned(2, hotkey));
        }
        // Everyone is still immune.
        assert_noop!(burned(3, 31), Error::<Test>::NoNeuronIdAvailable);
        run_to_block(11);
        // uid 2 earned least (uid 0, the owner's hotkey, earned nothing but is never pruned).
        Emission::<Test>::insert(1, vec![0, 50, 10, 10]);
        Weights::<Test>::insert(1, 1, vec![(2, 9), (3, 7)]);
        LastUpdate::<Test>::mutate(1, |updates| updates[1] = 5);
        Weights::<Test>::insert(1, 2, vec![(1, 5)]);
        Bonds::<Test>::insert(1, 2, vec![(1, 5)]);
        assert_ok!(burned(3, 31));
        assert_eq!(
            Keys::<Test>::get(1, 2),
            account(31),
            "uid 2 and 3 tie on emission; the lower uid goes"
        );
        assert_eq!(Uids::<Test>::get(1, account(22)), None);
        assert_eq!(BlockAtRegistration::<Test>::get(1, 2), 11);
        assert!(Weights::<Test>::get(1, 2).is_empty() && Bonds::<Test>::get(1, 2).is_empty());
        assert_eq!(
            Weights::<Test>::get(1, 1),
            vec![(2, 9), (3, 7)],
            "other rows are not rewritten"
        );
        let reported = SubtensorModule::get_neuron(1, 1).unwrap().weights;
        assert_eq!(
            reported,
            vec![(3.into(), 7.into())],
            "the weight set before uid 2's new neuron registered is not in effect"
        );
        assert_eq!(Emission::<Test>::get(1), vec![0, 50, 0, 10]);
        assert_eq!(SubnetworkN::<Test>::get(1), 4);
        // The newcomer is immune now: the next goes to uid 3.
        assert_ok!(burned(3, 32));
        assert_eq!(Keys::<Test>::get(1, 3), account(32));
    });
}

/// Proof of work at the previous block's hash for `hotkey` with a nonce found by search.
fn work(hotkey: u8) -> (u64, u64, Vec<u8>) {
    let block = SubtensorModule::current_block() - 1;
    let mut hash = [0u8; 32];
    hash.copy_from_slice(System::block_hash(block).as_ref());
    let difficulty = Difficulty::<Test>::get(1);
    let key: [u8; 32] = *account(hotkey).as_ref();
    let nonce = (0..)
        .find(|&n| {
            taonet_primitives::registration::meets_difficulty(&seal(&hash, &key, n), difficulty)
        })
        .unwrap();
    (block, nonce, seal(&hash, &key, nonce).to_vec())
}

fn pow(
    block: u64,
    nonce: u64,
    work: Vec<u8>,
    hotkey: u8,
    coldkey: u8,
) -> Result<(), DispatchError> {
    SubtensorModule::register(
        RuntimeOrigin::signed(account(5)),
        1,
        block,
        nonce,
        work,
        account(hotkey),
        account(coldkey),
    )
}

#[test]
fn proof_of_work_registers_without_paying() {
    new_test_ext().execute_with(|| {
        subnet();
        run_to_block(3);
        Difficulty::<Test>::insert(1, 1_000);
        let (block, nonce, seal) = work(41);
        let mut wrong = seal.clone();
        wrong[0] ^= 1;
        assert_noop!(pow(block, nonce, wrong, 41, 4), Error::<Test>::InvalidSeal);
        assert_noop!(
            pow(block + 5, nonce, seal.clone(), 41, 4),
            Error::<Test>::InvalidWorkBlock
        );
        Difficulty::<Test>::insert(1, u64::MAX);
        assert_noop!(
            pow(block, nonce, seal.clone(), 41, 4),
            Error::<Test>::InvalidDifficulty
        );
        Difficulty::<Test>::insert(1, 1_000);
        let balance = Balances::balance(&account(4));
        assert_ok!(pow(block, nonce, seal.clone(), 41, 4));
        assert_eq!(Uids::<Test>::get(1, account(41)), Some(1));
        assert_eq!(Owner::<Test>::get(account(41)), account(4));
        assert_eq!(Balances::balance(&account(4)), balance, "nothing is paid");
        assert_eq!(POWRegistrationsThisInterval::<Test>::get(1), 1);
        // Work older than 3 blocks is refused.
        run_to_block(7);
        let (_, nonce, seal) = work(42);
        assert_noop!(pow(2, nonce, seal, 42, 4), Error::<Test>::InvalidWorkBlock);
    });
}

#[test]
fn difficulty_follows_registrations_each_interval() {
    new_test_ext().execute_with(|| {
        subnet();
        Difficulty::<Test>::insert(1, 20_000_000);
        for hotkey in 21..27 {
            assert_ok!(burned(2, hotkey));
        }
        // 6 registrations against a target of 2: ×(6 + 2) / 4.
        run_to_block(101);
        assert_eq!(Difficulty::<Test>::get(1), 40_000_000);
        assert_eq!(RegistrationsThisInterval::<Test>::get(1), 0);
        // A quiet interval halves it, down to the minimum.
        run_to_block(201);
        assert_eq!(Difficulty::<Test>::get(1), 20_000_000);
        run_to_block(401);
        assert_eq!(Difficulty::<Test>::get(1), 10_000_000);
    });
}

/// What the epochs of [`replaced_neuron_epochs`] produced, uid by uid.
#[derive(Debug, PartialEq)]
struct EpochResults {
    incentive: Vec<u16>,
    dividends: Vec<u16>,
    consensus: Vec<u16>,
    validator_trust: Vec<u16>,
    emission: Vec<u64>,
    bonds: Vec<Vec<(u16, u16)>>,
    stakes: Vec<u64>,
    reported_weights: Vec<Vec<(u16, u16)>>,
}

/// Three validators weight two miners for an epoch, then a registration replaces a miner
/// on the full subnet; two validators set weights again, the third keeps its row (with
/// its weight to the replaced uid), and two more epochs run. With `zero_column`, the
/// weights to the replaced uid are zeroed in every row, as subtensor's registration does.
fn replaced_neuron_epochs(yuma3: bool, liquid_alpha: bool, zero_column: bool) -> EpochResults {
    new_test_ext().execute_with(|| {
        subnet();
        assert_ok!(SubtensorModule::start_call(
            RuntimeOrigin::signed(account(1)),
            1
        ));
        Tempo::<Test>::insert(1, 9);
        WeightsSetRateLimit::<Test>::insert(1, 0);
        ImmunityPeriod::<Test>::insert(1, 0);
        MaxAllowedUids::<Test>::insert(1, 6);
        Yuma3On::<Test>::insert(1, yuma3);
        LiquidAlphaOn::<Test>::insert(1, liquid_alpha);
        // uids 1 to 3 are validators, 4 and 5 miners.
        for (coldkey, hotkey) in [(2, 21), (3, 31), (4, 32), (5, 41), (5, 42)] {
            assert_ok!(burned(coldkey, hotkey));
        }
        for (coldkey, hotkey, tao) in [(2, 21, 400), (3, 31, 300), (4, 32, 200)] {
            assert_ok!(SubtensorModule::add_stake(
                RuntimeOrigin::signed(account(coldkey)),
                account(hotkey),
                1,
                tao * TAO
            ));
        }
        run_to_block(8);
        let set = |hotkey: u8, uids: Vec<u16>, values: Vec<u16>| {
            assert_ok!(SubtensorModule::set_weights(
                RuntimeOrigin::signed(account(hotkey)),
                1,
                uids,
                values,
                0
            ));
        };
        set(21, vec![4, 5], vec![40_000, 25_000]);
        set(31, vec![4, 5], vec![30_000, 35_000]);
        set(32, vec![4, 5], vec![10_000, 55_000]);
        run_to_block(18);
        // Miner 5 earned least and goes.
        Emission::<Test>::mutate(1, |emission| emission[5] = 0);
        Emission::<Test>::mutate(1, |emission| emission[4] = 1);
        assert_ok!(burned(5, 61));
        assert_eq!(Keys::<Test>::get(1, 5), account(61));
        assert!(
            Weights::<Test>::get(1, 3).contains(&(5, 65_535)),
            "the weight to the replaced uid stays in storage"
        );
        if zero_column {
            for i in 0..SubnetworkN::<Test>::get(1) {
                Weights::<Test>::mutate(1, i, |row| {
                    row.iter_mut()
                        .filter(|(j, _)| *j == 5)
                        .for_each(|(_, w)| *w = 0)
                });
            }
        }
        run_to_block(19);
        set(21, vec![4, 5], vec![20_000, 45_000]);
        set(31, vec![4, 5], vec![30_000, 30_000]);
        run_to_block(38);
        let n = SubnetworkN::<Test>::get(1);
        EpochResults {
            incentive: Incentive::<Test>::get(1),
            dividends: Dividends::<Test>::get(1),
            consensus: Consensus::<Test>::get(1),
            validator_trust: ValidatorTrust::<Test>::get(1),
            emission: Emission::<Test>::get(1),
            bonds: (0..n).map(|uid| Bonds::<Test>::get(1, uid)).collect(),
            stakes: (0..n)
                .map(|uid| TotalHotkeyAlpha::<Test>::get(Keys::<Test>::get(1, uid), 1))
                .collect(),
            reported_weights: SubtensorModule::get_neurons(1)
                .into_iter()
                .map(|neuron| {
                    neuron
                        .weights
                        .into_iter()
                        .map(|(uid, w)| (uid.0, w.0))
                        .collect()
                })
                .collect(),
        }
    })
}

/// A registration leaves other validators' weights to the uid it replaces in storage
/// (O(1) rows instead of every row rewritten): no epoch result and no reported weight
/// differs from zeroing them, for Yuma 2, Yuma 3, and Yuma 3 with liquid alpha.
#[test]
fn weights_left_to_a_replaced_uid_change_no_epoch_and_no_query() {
    for (yuma3, liquid_alpha) in [(false, false), (true, false), (true, true)] {
        let left = replaced_neuron_epochs(yuma3, liquid_alpha, false);
        let zeroed = replaced_neuron_epochs(yuma3, liquid_alpha, true);
        assert_eq!(left, zeroed, "yuma3 {yuma3}, liquid alpha {liquid_alpha}");
        assert!(
            left.incentive[5] > 0 && left.bonds[1].iter().any(|&(j, b)| j == 5 && b > 0),
            "the new neuron earns through the weight set after it registered"
        );
        let stale = &left.reported_weights[3];
        assert!(
            !stale.is_empty() && stale.iter().all(|&(j, _)| j == 4),
            "uid 3's weight to the replaced miner is not reported: {stale:?}"
        );
    }
}
