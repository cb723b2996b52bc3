//! The runtime-API views (`rpc_info`) against storage, on a subnet with registered
//! neurons, stake, served endpoints, identities and two epochs behind it.

use codec::Compact;
use frame_support::assert_ok;
use frame_support::traits::fungible::Inspect;
use sp_runtime::AccountId32;

use crate::identity::{ChainIdentityV2, SubnetIdentityV3};
use crate::mock::*;
use crate::rpc_info::dynamic_info::PRICE_ONE;
use crate::rpc_info::MAX_COLDKEYS_PER_QUERY;
use crate::*;

/// Subnet 1 of coldkey 1 (hotkey 11, uid 0), tempo 9 (epochs when (block + 2) % 10 == 0),
/// emitting; uid 1 hotkey 21 of coldkey 2, the validator (600 TAO of its own, 200 TAO of
/// nominator 4); uid 2 hotkey 31 of coldkey 3, the miner, serving an axon, with an
/// identity. Epochs ran at blocks 8 and 18, the second with uid 1's weight on uid 2; the
/// chain is at block 19.
fn subnet_after_two_epochs() {
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
    for (coldkey, hotkey) in [(2, 21), (3, 31)] {
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(coldkey)),
            1,
            account(hotkey)
        ));
    }
    for (coldkey, amount) in [(2, 600 * TAO), (4, 200 * TAO)] {
        assert_ok!(SubtensorModule::add_stake(
            RuntimeOrigin::signed(account(coldkey)),
            account(21),
            1,
            amount
        ));
    }
    assert_ok!(SubtensorModule::serve_axon(
        RuntimeOrigin::signed(account(31)),
        1,
        7,
        0x0a00_0001,
        8091,
        4,
        4,
        0,
        0
    ));
    IdentitiesV2::<Test>::insert(
        account(3),
        ChainIdentityV2 {
            name: b"miner".to_vec(),
            ..Default::default()
        },
    );
    SubnetIdentitiesV3::<Test>::insert(
        1,
        SubnetIdentityV3 {
            subnet_name: b"alpha".to_vec(),
            ..Default::default()
        },
    );
    run_to_block(8);
    assert_ok!(SubtensorModule::set_weights(
        RuntimeOrigin::signed(account(21)),
        1,
        vec![2],
        vec![65_535],
        0
    ));
    run_to_block(19);
    assert_eq!(LastMechansimStepBlock::<Test>::get(1), 18);
}

/// Entry `uid` of a stored per-uid vector (0 / false past its end).
fn stored<V: Copy + Default>(values: &[V], uid: u16) -> V {
    values.get(usize::from(uid)).copied().unwrap_or_default()
}

#[test]
fn neurons_report_each_uid_from_storage() {
    new_test_ext().execute_with(|| {
        subnet_after_two_epochs();
        let lite = SubtensorModule::get_neurons_lite(1);
        let full = SubtensorModule::get_neurons(1);
        assert_eq!(lite.len(), 3);
        assert_eq!(full.len(), 3);
        let (emission, incentive) = (Emission::<Test>::get(1), Incentive::<Test>::get(1));
        let (dividends, consensus) = (Dividends::<Test>::get(1), Consensus::<Test>::get(1));
        let (trust, updates) = (ValidatorTrust::<Test>::get(1), LastUpdate::<Test>::get(1));
        let (permits, active) = (ValidatorPermit::<Test>::get(1), Active::<Test>::get(1));
        for (uid, (neuron, with_rows)) in (0u16..).zip(lite.iter().zip(&full)) {
            let hotkey = Keys::<Test>::get(1, uid);
            let coldkey = Owner::<Test>::get(&hotkey);
            assert_eq!(neuron.hotkey, hotkey);
            assert_eq!(neuron.coldkey, coldkey);
            assert_eq!((neuron.uid, neuron.netuid), (Compact(uid), Compact(1)));
            assert_eq!(
                neuron.stake,
                vec![(coldkey, Compact(TotalHotkeyAlpha::<Test>::get(&hotkey, 1)))]
            );
            assert_eq!(neuron.emission.0, stored(&emission, uid));
            assert_eq!(neuron.incentive.0, stored(&incentive, uid));
            assert_eq!(neuron.dividends.0, stored(&dividends, uid));
            assert_eq!(neuron.consensus.0, stored(&consensus, uid));
            assert_eq!(neuron.validator_trust.0, stored(&trust, uid));
            assert_eq!(neuron.last_update.0, stored(&updates, uid));
            assert_eq!(neuron.validator_permit, stored(&permits, uid));
            assert_eq!(neuron.active, stored(&active, uid));
            assert_eq!((neuron.rank.0, neuron.trust.0), (0, 0));
            assert_eq!(neuron.pruning_score.0, u16::MAX);
            assert_eq!(with_rows.hotkey, neuron.hotkey);
            assert_eq!(with_rows.emission, neuron.emission);
            assert_eq!(
                SubtensorModule::get_neuron_lite(1, uid).as_ref(),
                Some(neuron)
            );
            assert_eq!(
                SubtensorModule::get_neuron(1, uid).as_ref(),
                Some(with_rows)
            );
        }
        // The epochs' outcome, as the emission tests establish it.
        assert_eq!(lite[2].incentive.0, 65_535);
        assert_eq!(lite[1].dividends.0, 65_535);
        assert!(lite[1].emission.0 > 0 && lite[2].emission.0 > 0);
        assert!(lite[1].validator_permit && !lite[2].validator_permit);
        assert_eq!(
            lite[1].stake[0].1 .0,
            TotalHotkeyAlpha::<Test>::get(account(21), 1)
        );
        assert!(lite[1].stake[0].1 .0 > 800 * TAO, "dividends were staked");
        // The served axon; the others never served.
        assert_eq!(
            lite[2].axon_info,
            Axons::<Test>::get(1, account(31)).expect("served")
        );
        assert_eq!(lite[2].axon_info.port, 8091);
        assert_eq!(lite[0].axon_info, AxonInfo::default());
        // uid 1's weight row and the bonds the epoch stored.
        assert_eq!(full[1].weights, vec![(Compact(2), Compact(65_535))]);
        let bonds: Vec<(Compact<u16>, Compact<u16>)> = Bonds::<Test>::get(1, 1)
            .into_iter()
            .filter(|&(_, b)| b > 0)
            .map(|(j, b)| (Compact(j), Compact(b)))
            .collect();
        assert!(!bonds.is_empty());
        assert_eq!(full[1].bonds, bonds);
        assert!(full[2].weights.is_empty());
        // Missing uids and subnets.
        assert_eq!(SubtensorModule::get_neuron(1, 3), None);
        assert_eq!(SubtensorModule::get_neuron_lite(2, 0), None);
        assert!(SubtensorModule::get_neurons(2).is_empty());
        assert!(SubtensorModule::get_neurons_lite(0).is_empty());
    });
}

#[test]
fn a_neuron_registered_after_the_epoch_is_reported_as_subtensor_records_one() {
    new_test_ext().execute_with(|| {
        subnet_after_two_epochs();
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(5)),
            1,
            account(51)
        ));
        assert_eq!(
            Active::<Test>::get(1).len(),
            3,
            "the epoch has not seen uid 3"
        );
        let neuron = SubtensorModule::get_neuron_lite(1, 3).expect("uid 3");
        assert!(neuron.active);
        assert_eq!(neuron.incentive.0, 0);
        assert_eq!(neuron.last_update.0, 19);
        let metagraph = SubtensorModule::get_metagraph(1).expect("subnet 1");
        assert_eq!(metagraph.num_uids.0, 4);
        assert_eq!(metagraph.active.len(), 4);
        assert_eq!(metagraph.dividends.len(), 4);
        assert_eq!(metagraph.incentives.len(), 4);
        assert_eq!(metagraph.hotkeys.last(), Some(&account(51)));
    });
}

#[test]
fn the_metagraph_reports_the_subnet_one_to_one() {
    new_test_ext().execute_with(|| {
        subnet_after_two_epochs();
        let m = SubtensorModule::get_metagraph(1).expect("subnet 1");
        let hotkeys: Vec<AccountId32> = [11, 21, 31].map(account).to_vec();
        let stakes: Vec<Compact<u64>> = hotkeys
            .iter()
            .map(|h| Compact(TotalHotkeyAlpha::<Test>::get(h, 1)))
            .collect();
        assert_eq!(m.netuid.0, 1);
        assert_eq!(m.hotkeys, hotkeys);
        assert_eq!(m.coldkeys, [1, 2, 3].map(account).to_vec());
        assert_eq!(m.name, b"alpha".map(Compact).to_vec());
        assert_eq!(m.symbol, b"TAO".map(Compact).to_vec());
        assert_eq!(m.identity, SubnetIdentitiesV3::<Test>::get(1));
        assert_eq!(m.identities[2], IdentitiesV2::<Test>::get(account(3)));
        assert_eq!(m.identities[0], None);
        assert_eq!(
            m.axons[2],
            Axons::<Test>::get(1, account(31)).expect("served")
        );
        assert_eq!(
            (m.owner_hotkey.clone(), m.owner_coldkey.clone()),
            (account(11), account(1))
        );
        assert_eq!(
            (m.block.0, m.last_step.0, m.blocks_since_last_step.0),
            (19, 18, 1)
        );
        assert_eq!((m.tempo.0, m.num_uids.0, m.max_uids.0), (9, 3, 256));
        // Stake is TAO: alpha stake = total stake, no root stake; pool reserves = SubnetTAO.
        assert_eq!(m.alpha_stake, stakes);
        assert_eq!(m.total_stake, stakes);
        assert_eq!(m.tao_stake, vec![Compact(0); 3]);
        let staked = SubnetTAO::<Test>::get(1);
        assert!(staked > 800 * TAO);
        assert_eq!(
            (m.tao_in.0, m.alpha_in.0, m.alpha_out.0),
            (staked, staked, staked)
        );
        assert_eq!(m.moving_price, PRICE_ONE);
        assert_eq!(m.moving_price.to_bits(), 1 << 32);
        assert_eq!(m.pending_alpha_emission.0, PendingEmission::<Test>::get(1));
        // The only emitting subnet takes the whole next block: 1 TAO.
        assert_eq!(m.tao_in_emission.0, TAO);
        // Per-uid vectors as stored.
        let compact = |v: Vec<u16>| v.into_iter().map(Compact).collect::<Vec<_>>();
        assert_eq!(m.incentives, compact(Incentive::<Test>::get(1)));
        assert_eq!(m.dividends, compact(Dividends::<Test>::get(1)));
        assert_eq!(m.consensus, compact(Consensus::<Test>::get(1)));
        assert_eq!(
            m.emission,
            Emission::<Test>::get(1)
                .into_iter()
                .map(Compact)
                .collect::<Vec<_>>()
        );
        assert_eq!(
            m.last_update,
            LastUpdate::<Test>::get(1)
                .into_iter()
                .map(Compact)
                .collect::<Vec<_>>()
        );
        assert_eq!(m.validator_permit, ValidatorPermit::<Test>::get(1));
        assert_eq!(m.active, Active::<Test>::get(1));
        assert_eq!(
            m.block_at_registration,
            (0..3)
                .map(|uid| Compact(BlockAtRegistration::<Test>::get(1, uid)))
                .collect::<Vec<_>>()
        );
        // Hyperparameters: activity cutoff 13 889 ‰ of tempo 9 = 125 blocks.
        assert_eq!(m.activity_cutoff.0, 125);
        assert_eq!(m.kappa.0, Kappa::<Test>::get(1));
        assert_eq!(m.burn.0, Burn::<Test>::get(1));
        assert_eq!(m.difficulty.0, Difficulty::<Test>::get(1));
        assert_eq!((m.alpha_low.0, m.alpha_high.0), AlphaValues::<Test>::get(1));
        assert!(m.registration_allowed && m.pow_registration_allowed);
        assert_eq!(
            m.alpha_dividends_per_hotkey,
            hotkeys
                .iter()
                .map(|h| (h.clone(), Compact(0)))
                .collect::<Vec<_>>()
        );

        // All metagraphs, by netuid; mechanism 0 is the subnet's own.
        assert_eq!(SubtensorModule::get_all_metagraphs(), vec![Some(m.clone())]);
        assert_eq!(SubtensorModule::get_mechagraph(1, 0), Some(m.clone()));
        assert_eq!(SubtensorModule::get_all_mechagraphs(), vec![Some(m)]);
        assert_eq!(SubtensorModule::get_mechagraph(1, 1), None);
        assert_eq!(SubtensorModule::get_metagraph(2), None);
    });
}

#[test]
fn a_selective_metagraph_holds_what_was_asked_for() {
    new_test_ext().execute_with(|| {
        subnet_after_two_epochs();
        let full = SubtensorModule::get_metagraph(1).expect("subnet 1");
        // Indexes out of range and repeats are ignored.
        let s = SubtensorModule::get_selective_metagraph(1, vec![8, 52, 67, 72, 9_999, 8])
            .expect("subnet 1");
        assert_eq!(s.netuid.0, 1, "always present");
        assert_eq!(s.tempo, Some(full.tempo));
        assert_eq!(s.hotkeys, Some(full.hotkeys.clone()));
        assert_eq!(s.alpha_stake, Some(full.alpha_stake.clone()));
        // Validators: permit holders with stake above the threshold (0); the owner's uid 0
        // holds a permit but no stake.
        assert_eq!(ValidatorPermit::<Test>::get(1), vec![true, true, false]);
        assert_eq!(s.validators, Some(vec![Compact(1)]));
        assert_eq!(s.name, None);
        assert_eq!(s.block, None);
        assert_eq!(s.coldkeys, None);
        assert_eq!(s.commitments, None);

        let everything =
            SubtensorModule::get_selective_metagraph(1, (0..74).collect()).expect("subnet 1");
        assert_eq!(everything.name, Some(full.name));
        assert_eq!(everything.moving_price, Some(full.moving_price));
        assert_eq!(
            everything.alpha_dividends_per_hotkey,
            Some(full.alpha_dividends_per_hotkey)
        );
        assert_eq!(everything.identities, Some(full.identities));

        let mech = SubtensorModule::get_selective_mechagraph(1, 0, vec![62]).expect("mech 0");
        assert_eq!(mech.incentives, Some(full.incentives));
        assert_eq!(
            SubtensorModule::get_selective_mechagraph(1, 1, vec![62]),
            None
        );
        assert_eq!(SubtensorModule::get_selective_metagraph(2, vec![0]), None);
    });
}

#[test]
fn the_subnet_state_lists_uids_and_emission_history() {
    new_test_ext().execute_with(|| {
        subnet_after_two_epochs();
        // A second subnet where hotkey 21 also holds a uid (uid 1 there).
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(5)),
            account(55)
        ));
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(2)),
            2,
            account(21)
        ));
        Emission::<Test>::insert(2, vec![0, 4_321]);
        let state = SubtensorModule::get_subnet_state(1).expect("subnet 1");
        let m = SubtensorModule::get_metagraph(1).expect("subnet 1");
        assert_eq!(state.hotkeys, m.hotkeys);
        assert_eq!(state.coldkeys, m.coldkeys);
        assert_eq!(state.emission, m.emission);
        assert_eq!(state.incentives, m.incentives);
        assert_eq!(state.alpha_stake, m.alpha_stake);
        assert_eq!(state.tao_stake, vec![Compact(0); 3]);
        assert_eq!(state.total_stake, m.alpha_stake);
        // One row per subnet (1, 2), one column per hotkey of subnet 1 (11, 21, 31).
        let on_1 = Emission::<Test>::get(1);
        assert_eq!(
            state.emission_history,
            vec![
                on_1.iter().copied().map(Compact).collect::<Vec<_>>(),
                vec![Compact(0), Compact(4_321), Compact(0)],
            ]
        );
        assert_eq!(SubtensorModule::get_subnet_state(3), None);
    });
}

#[test]
fn hyperparameters_come_from_storage() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        Kappa::<Test>::insert(1, 1_234);
        Tempo::<Test>::insert(1, 100);
        ActivityCutoffFactorMilli::<Test>::insert(1, 2_500);
        AlphaValues::<Test>::insert(1, (1_000, 2_000));
        AlphaSigmoidSteepness::<Test>::insert(1, -5);
        Yuma3On::<Test>::insert(1, false);
        LiquidAlphaOn::<Test>::insert(1, true);
        BondsResetOn::<Test>::insert(1, true);
        CommitRevealWeightsEnabled::<Test>::insert(1, true);
        RevealPeriodEpochs::<Test>::insert(1, 3);
        MinBurn::<Test>::insert(1, 7);
        WeightsVersionKey::<Test>::insert(1, 42);

        let v2 = SubtensorModule::get_subnet_hyperparams_v2(1).expect("subnet 1");
        assert_eq!(v2.kappa.0, 1_234);
        assert_eq!(v2.tempo.0, 100);
        assert_eq!(v2.activity_cutoff.0, 250, "2 500 ‰ of tempo 100");
        assert_eq!((v2.alpha_low.0, v2.alpha_high.0), (1_000, 2_000));
        assert_eq!(v2.alpha_sigmoid_steepness.to_bits(), -5 << 32);
        assert_eq!(v2.yuma_version.0, 2);
        assert!(v2.liquid_alpha_enabled && v2.bonds_reset_enabled);
        assert!(v2.commit_reveal_weights_enabled);
        assert_eq!(v2.commit_reveal_period.0, 3);
        assert_eq!(v2.min_burn.0, 7);
        assert_eq!(v2.weights_version.0, 42);
        assert_eq!(v2.immunity_period.0, ImmunityPeriod::<Test>::get(1));
        assert_eq!(v2.bonds_moving_avg.0, BondsMovingAverage::<Test>::get(1));
        assert_eq!(v2.max_difficulty.0, MaxDifficulty::<Test>::get(1));
        assert_eq!((v2.rho.0, v2.adjustment_alpha.0), (0, 0));
        assert!(!v2.subnet_is_active, "no start_call yet");
        assert!(!v2.user_liquidity_enabled);

        let v1 = SubtensorModule::get_subnet_hyperparams(1).expect("subnet 1");
        assert_eq!(
            (v1.kappa, v1.tempo, v1.activity_cutoff),
            (v2.kappa, v2.tempo, v2.activity_cutoff)
        );
        assert_eq!(v1.liquid_alpha_enabled, v2.liquid_alpha_enabled);

        let v3 = SubtensorModule::get_subnet_hyperparams_v3(1).expect("subnet 1");
        let value = |name: &str| {
            v3.iter()
                .find(|e| e.name == name.as_bytes())
                .map(|e| e.value.clone())
        };
        use crate::rpc_info::subnet_info::HyperparamValue as V;
        assert_eq!(value("kappa"), Some(V::U16(Compact(1_234))));
        assert_eq!(value("activity_cutoff"), Some(V::U64(Compact(250))));
        assert_eq!(
            value("activity_cutoff_factor"),
            Some(V::U32(Compact(2_500)))
        );
        assert_eq!(value("yuma_version"), Some(V::U16(Compact(2))));
        assert_eq!(value("min_burn"), Some(V::TaoBalance(Compact(7))));
        assert_eq!(
            value("burn_increase_mult"),
            Some(V::U64F64(substrate_fixed::types::U64F64::from_bits(
                BurnIncreaseMult::<Test>::get(1)
            )))
        );
        assert_eq!(value("subnet_is_active"), Some(V::Bool(false)));
        assert_eq!(value("min_childkey_take"), None, "taonet has no child keys");
        assert_eq!(value("rho"), None);
        let mut names: Vec<&[u8]> = v3.iter().map(|e| e.name.as_slice()).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "each name once");

        assert_ok!(SubtensorModule::start_call(
            RuntimeOrigin::signed(account(1)),
            1
        ));
        assert!(
            SubtensorModule::get_subnet_hyperparams_v2(1)
                .expect("1")
                .subnet_is_active
        );

        let info = SubtensorModule::get_subnet_info_v2(1).expect("subnet 1");
        assert_eq!((info.netuid.0, info.kappa.0, info.tempo.0), (1, 1_234, 100));
        assert_eq!(info.subnetwork_n.0, 1);
        assert_eq!(info.burn.0, Burn::<Test>::get(1));
        assert_eq!(info.owner, account(1));
        assert_eq!(info.identity, None);
        BlocksSinceLastStep::<Test>::insert(1, 17);
        let v1 = SubtensorModule::get_subnet_info(1).expect("subnet 1");
        assert_eq!(v1.blocks_since_last_step.0, 17);
        assert_eq!(SubtensorModule::get_subnets_info(), vec![Some(v1)]);
        assert_eq!(SubtensorModule::get_subnets_info_v2().len(), 1);
        assert_eq!(SubtensorModule::get_subnet_hyperparams(2), None);
        assert_eq!(SubtensorModule::get_subnet_hyperparams_v3(2), None);
        assert_eq!(SubtensorModule::get_subnet_info_v2(2), None);
    });
}

#[test]
fn stake_info_lists_a_coldkeys_stakes_by_subnet() {
    new_test_ext().execute_with(|| {
        for (owner, hotkey) in [(1, 11), (2, 21)] {
            assert_ok!(SubtensorModule::register_network(
                RuntimeOrigin::signed(account(owner)),
                account(hotkey)
            ));
        }
        // Coldkey 4 stakes on hotkey 21 in subnet 2, then on hotkey 11 in subnet 1.
        for (hotkey, netuid, amount) in [(21, 2, 30 * TAO), (11, 1, 10 * TAO)] {
            assert_ok!(SubtensorModule::add_stake(
                RuntimeOrigin::signed(account(4)),
                account(hotkey),
                netuid,
                amount
            ));
        }
        let infos = SubtensorModule::get_stake_info_for_coldkey(account(4));
        let summary: Vec<(AccountId32, u16, u64, bool)> = infos
            .iter()
            .map(|i| (i.hotkey.clone(), i.netuid.0, i.stake.0, i.is_registered))
            .collect();
        assert_eq!(
            summary,
            vec![
                (account(11), 1, 10 * TAO, true),
                (account(21), 2, 30 * TAO, true)
            ]
        );
        assert!(infos.iter().all(|i| i.coldkey == account(4)
            && (i.locked.0, i.emission.0, i.tao_emission.0, i.drain.0) == (0, 0, 0, 0)));
        assert!(SubtensorModule::get_stake_info_for_coldkey(account(5)).is_empty());

        let one =
            SubtensorModule::get_stake_info_for_hotkey_coldkey_netuid(account(21), account(4), 2)
                .expect("always some");
        assert_eq!(one, infos[1]);
        let none =
            SubtensorModule::get_stake_info_for_hotkey_coldkey_netuid(account(21), account(4), 1)
                .expect("always some");
        assert_eq!((none.stake.0, none.is_registered), (0, false));

        // Batches answer at most MAX_COLDKEYS_PER_QUERY coldkeys, each by name.
        let many: Vec<AccountId32> = (0..=MAX_COLDKEYS_PER_QUERY)
            .map(|i| AccountId32::new([u8::try_from(i % 250).unwrap_or(0); 32]))
            .collect();
        let batch = SubtensorModule::get_stake_info_for_coldkeys(many.clone());
        assert_eq!(batch.len(), MAX_COLDKEYS_PER_QUERY);
        assert_eq!(batch[4], (account(4), infos.clone()));
        assert_eq!(batch[5], (account(5), vec![]));

        // Availability: all of it, per subnet; a bad subnet list answers empty maps.
        let all = SubtensorModule::get_stake_availability_for_coldkeys(vec![account(4)], None);
        let of_4 = &all[&account(4)];
        assert_eq!(of_4.len(), 2);
        assert_eq!(
            (of_4[&2].total.0, of_4[&2].locked.0, of_4[&2].available.0),
            (30 * TAO, 0, 30 * TAO)
        );
        let only_1 = SubtensorModule::get_stake_availability_for_coldkeys(
            vec![account(4), account(5)],
            Some(vec![1, 1, 7]),
        );
        assert_eq!(
            only_1[&account(4)].keys().copied().collect::<Vec<_>>(),
            vec![1]
        );
        assert!(only_1[&account(5)].is_empty());
        for bad in [vec![], vec![1, 2, 3]] {
            let refused =
                SubtensorModule::get_stake_availability_for_coldkeys(vec![account(4)], Some(bad));
            assert!(refused[&account(4)].is_empty());
        }
        let capped = SubtensorModule::get_stake_availability_for_coldkeys(many, None);
        assert!(capped.len() <= MAX_COLDKEYS_PER_QUERY);

        // No fees, locks or conviction in taonet.
        assert_eq!(
            SubtensorModule::get_stake_fee(
                None,
                account(4),
                Some((account(11), 1)),
                account(4),
                TAO
            ),
            0
        );
        assert_eq!(SubtensorModule::get_coldkey_lock(account(4), 1), None);
        assert_eq!(
            SubtensorModule::get_hotkey_conviction(account(11), 1).to_bits(),
            0
        );
        assert_eq!(
            SubtensorModule::get_most_convicted_hotkey_on_subnet(1),
            None
        );
    });
}

#[test]
fn delegates_report_nominators_registrations_and_returns() {
    new_test_ext().execute_with(|| {
        subnet_after_two_epochs();
        // Hotkey 21 became a delegate, at the default take, when coldkey 4 staked on it.
        assert_eq!(
            SubtensorModule::get_delegate(account(21)).map(|d| d.take.0),
            Some(11_796)
        );
        assert!(SubtensorModule::get_delegates()
            .iter()
            .any(|d| d.delegate_ss58 == account(21)));
        assert_ok!(SubtensorModule::decrease_take(
            RuntimeOrigin::signed(account(2)),
            account(21),
            6_553
        ));
        let delegate = SubtensorModule::get_delegate(account(21)).expect("a delegate");
        assert_eq!(delegate.delegate_ss58, account(21));
        assert_eq!(delegate.owner_ss58, account(2));
        assert_eq!(delegate.take.0, 6_553);
        let stake = |coldkey: u8| Compact(Alpha::<Test>::get((account(21), account(coldkey), 1)));
        // Nominators by account: coldkeys 2 and 4.
        assert_eq!(
            delegate.nominators,
            vec![
                (account(2), vec![(Compact(1), stake(2))]),
                (account(4), vec![(Compact(1), stake(4))])
            ]
        );
        assert_eq!(delegate.registrations, vec![Compact(1)]);
        assert_eq!(delegate.validator_permits, vec![Compact(1)]);
        // A day is 7 200 blocks, an epoch every tempo + 1 = 10: 720 epochs.
        let emission = Emission::<Test>::get(1)[1];
        assert_eq!(delegate.total_daily_return.0, emission * 720);
        let staked = u128::from(TotalHotkeyAlpha::<Test>::get(account(21), 1));
        let per_1000 =
            u128::from(emission * 720) * u128::from(65_535u16 - 6_553) * 1_000_000_000_000
                / (staked * 65_535);
        assert_eq!(u128::from(delegate.return_per_1000.0), per_1000);
        assert_eq!(SubtensorModule::get_delegates(), vec![delegate.clone()]);

        // What nominator 4 delegates: one stake, the delegate without its nominators.
        let delegated = SubtensorModule::get_delegated(account(4));
        assert_eq!(delegated.len(), 1);
        let (info, (netuid, amount)) = &delegated[0];
        assert_eq!((netuid.0, *amount), (1, stake(4)));
        assert!(info.nominators.is_empty());
        assert_eq!(info.take, delegate.take);
        assert!(SubtensorModule::get_delegated(account(3)).is_empty());
    });
}

#[test]
fn dynamic_info_reports_the_next_blocks_emission_split() {
    new_test_ext().execute_with(|| {
        for (owner, hotkey) in [(1, 11), (2, 21), (3, 31)] {
            assert_ok!(SubtensorModule::register_network(
                RuntimeOrigin::signed(account(owner)),
                account(hotkey)
            ));
        }
        // Subnets 1 and 2 emit; 3 has not started. Stake 3:1.
        for (owner, netuid) in [(1, 1), (2, 2)] {
            assert_ok!(SubtensorModule::start_call(
                RuntimeOrigin::signed(account(owner)),
                netuid
            ));
        }
        for (hotkey, netuid, amount) in [(11, 1, 300 * TAO), (21, 2, 100 * TAO)] {
            assert_ok!(SubtensorModule::add_stake(
                RuntimeOrigin::signed(account(4)),
                account(hotkey),
                netuid,
                amount
            ));
        }
        run_to_block(3);
        let all = SubtensorModule::get_all_dynamic_info();
        // The empty root first, then the three subnets.
        assert_eq!(all.len(), 4);
        let root = all[0].clone().expect("root");
        assert_eq!(root.netuid.0, 0);
        assert_eq!(root.subnet_name, b"root".map(Compact).to_vec());
        assert_eq!(
            (root.tao_in.0, root.alpha_out.0, root.tao_in_emission.0),
            (0, 0, 0)
        );
        assert_eq!(SubtensorModule::get_dynamic_info(0), Some(root));
        let per_block: Vec<u64> = all[1..]
            .iter()
            .map(|d| d.as_ref().expect("exists").tao_in_emission.0)
            .collect();
        assert_eq!(per_block, vec![TAO * 3 / 4, TAO / 4, 0]);
        // What the next block actually gives each subnet: its pending emission plus the
        // owner's cut.
        let received = |netuid: u16, owner: u8| {
            PendingEmission::<Test>::get(netuid) + Balances::balance(&account(owner))
        };
        let before = [received(1, 1), received(2, 2), received(3, 3)];
        run_to_block(4);
        let after = [received(1, 1), received(2, 2), received(3, 3)];
        let actual: Vec<u64> = after.iter().zip(&before).map(|(a, b)| a - b).collect();
        assert_eq!(actual, per_block);

        let d = SubtensorModule::get_dynamic_info(1).expect("subnet 1");
        assert_eq!(SubtensorModule::get_all_dynamic_info()[1], Some(d.clone()));
        assert_eq!(
            (d.owner_hotkey.clone(), d.owner_coldkey.clone()),
            (account(11), account(1))
        );
        let staked = SubnetTAO::<Test>::get(1);
        assert_eq!(
            (d.tao_in.0, d.alpha_in.0, d.alpha_out.0),
            (staked, staked, staked)
        );
        assert_eq!(d.alpha_out_emission, d.tao_in_emission);
        assert_eq!(d.alpha_in_emission, d.tao_in_emission);
        assert_eq!(d.token_symbol, b"TAO".map(Compact).to_vec());
        assert!(d.subnet_name.is_empty(), "no identity");
        assert_eq!(d.moving_price.to_bits(), 1 << 32);
        assert_eq!(
            d.network_registered_at.0,
            NetworkRegisteredAt::<Test>::get(1)
        );
        assert_eq!(d.pending_alpha_emission.0, PendingEmission::<Test>::get(1));
        assert_eq!(SubtensorModule::get_dynamic_info(4), None);
    });
}

#[test]
fn swaps_are_one_to_one_without_fees() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_eq!(SubtensorModule::current_alpha_price(1), TAO);
        let prices = SubtensorModule::current_alpha_price_all();
        assert_eq!(prices.len(), 1);
        assert_eq!((prices[0].netuid, prices[0].price), (1, TAO));
        let swap = SubtensorModule::sim_swap_tao_for_alpha(1, 123 * TAO);
        assert_eq!((swap.tao_amount, swap.alpha_amount), (123 * TAO, 123 * TAO));
        assert_eq!(
            (
                swap.tao_fee,
                swap.alpha_fee,
                swap.tao_slippage,
                swap.alpha_slippage
            ),
            (0, 0, 0, 0)
        );
        assert_eq!(
            SubtensorModule::sim_swap_alpha_for_tao(1, 5),
            SubtensorModule::sim_swap_tao_for_alpha(1, 5)
        );
        // No subnet, no swap.
        assert_eq!(
            SubtensorModule::sim_swap_tao_for_alpha(9, TAO).alpha_amount,
            0
        );
    });
}

#[test]
fn the_next_epoch_block_is_when_the_epoch_runs() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        Tempo::<Test>::insert(1, 9);
        for _ in 0..3 {
            let next = SubtensorModule::get_next_epoch_start_block(1).expect("subnet 1");
            assert!(next > System::block_number() && next <= System::block_number() + 10);
            let last = LastMechansimStepBlock::<Test>::get(1);
            run_to_block(next - 1);
            assert_eq!(LastMechansimStepBlock::<Test>::get(1), last, "not before");
            run_to_block(next);
            assert_eq!(LastMechansimStepBlock::<Test>::get(1), next);
        }
        assert_eq!(SubtensorModule::get_next_epoch_start_block(2), None);
    });
}

#[test]
fn small_queries_answer_from_storage_or_honestly_nothing() {
    new_test_ext().execute_with(|| {
        assert_eq!(SubtensorModule::subnet_to_prune(), None);
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_eq!(SubtensorModule::subnet_to_prune(), None, "immune");
        NetworkImmunityPeriod::<Test>::put(0);
        assert_eq!(SubtensorModule::subnet_to_prune(), Some(1));
        assert_eq!(SubtensorModule::get_subnet_account_id(1), None);
        assert_eq!(
            SubtensorModule::get_coldkey_auto_stake_hotkey(account(1), 1),
            None
        );
    });
}
