//! Properties of the epoch on random networks: normalisation, conservation of the emission,
//! permit limits, independence from uid labels, agreement of the sparse and dense epochs,
//! and no panic on anything the CLI accepts.

mod common;

use proptest::prelude::*;
use taonet_yuma::{
    epoch, epoch_dense, epoch_with_mechanisms, split_emission, EpochOutput, EpochParams,
    MechanismInput, OwnedEpochInput, Row, SubnetInput, I32F32,
};

/// A subnet's stored state plus the hyperparameters of one epoch.
#[derive(Clone, Debug)]
struct Net {
    state: OwnedEpochInput,
    params: EpochParams,
}

impl Net {
    fn sparse(&self) -> EpochOutput {
        epoch(&self.state.as_input(), &self.params).expect("valid input")
    }

    fn dense(&self) -> EpochOutput {
        epoch_dense(&self.state.as_input(), &self.params).expect("valid input")
    }
}

/// Rows without repeated uids, in random order, naming uids up to `n + 1` (uids ≥ n are
/// ignored by the chain), with any u16 values including explicit zeros.
fn rows(n: usize) -> impl Strategy<Value = Vec<Row>> {
    let row = proptest::collection::btree_map(0..=(n as u16 + 1), any::<u16>(), 0..=n + 2)
        .prop_flat_map(|m| Just(m.into_iter().collect::<Row>()).prop_shuffle());
    proptest::collection::vec(row, n)
}

fn params(n: usize) -> impl Strategy<Value = EpochParams> {
    (
        (
            1u16..50,
            0u64..30,
            0u64..120,
            any::<u16>(),
            0u64..=1_000_000,
            any::<u16>(),
        ),
        (
            0..=n as u16 + 2,
            any::<bool>(),
            any::<bool>(),
            any::<(u16, u16)>(),
            any::<i16>(),
        ),
        (
            0u64..3_000_000_000,
            proptest::option::of(0..=n as u16),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (tempo, lms, cutoff, kappa, bma, penalty),
                (k, yuma3, liquid, (a, b), steep),
                (threshold, owner, cr),
            )| {
                EpochParams {
                    tempo,
                    last_mechanism_step_block: lms,
                    activity_cutoff: cutoff,
                    kappa,
                    bonds_moving_average: bma,
                    bonds_penalty: penalty,
                    max_allowed_validators: k,
                    yuma3,
                    liquid_alpha: liquid,
                    alpha_low: a.min(b),
                    alpha_high: a.max(b),
                    alpha_sigmoid_steepness: steep,
                    stake_threshold: threshold,
                    owner_uid: owner,
                    commit_reveal_enabled: cr,
                }
            },
        )
}

/// Stakes a chain can hold (the total stays far below 2^63 rao).
fn chain_stake() -> impl Strategy<Value = u64> + Clone {
    prop_oneof![Just(0u64), 0u64..1_000, 0u64..21_000_000_000_000_000 / 64]
}

/// Any u64 stake, including the saturating extremes the CLI accepts.
fn any_stake() -> impl Strategy<Value = u64> + Clone {
    prop_oneof![chain_stake(), any::<u64>(), Just(u64::MAX)]
}

fn net_with(stake: impl Strategy<Value = u64> + Clone, max_n: usize) -> impl Strategy<Value = Net> {
    (0..=max_n).prop_flat_map(move |n| {
        (
            proptest::collection::vec(stake.clone(), n),
            rows(n),
            rows(n),
            proptest::collection::vec(
                (
                    0u64..130,
                    0u64..130,
                    any::<bool>(),
                    proptest::option::of(0u64..130),
                ),
                n,
            ),
            (
                100u64..130,
                prop_oneof![Just(1_000_000_000u64), any::<u64>()],
            ),
            params(n),
        )
            .prop_map(
                |(stake, weights, bonds, per_uid, (current_block, rao), params)| Net {
                    state: OwnedEpochInput {
                        current_block,
                        rao_emission: rao,
                        stake,
                        weights,
                        bonds,
                        last_update: per_uid.iter().map(|u| u.0).collect(),
                        block_at_registration: per_uid.iter().map(|u| u.1).collect(),
                        validator_permit: per_uid.iter().map(|u| u.2).collect(),
                        commit_block: per_uid.iter().map(|u| u.3).collect(),
                    },
                    params,
                },
            )
    })
}

/// Sum of raw I32F32 values.
fn raw_sum(values: &[I32F32]) -> i128 {
    values.iter().map(|v| i128::from(v.to_bits())).sum()
}

/// A normalised vector sums to 1 less at most one unit of the last place per entry
/// (each entry is floored), or is all zero.
fn sums_to_one_or_zero(values: &[I32F32]) -> bool {
    let sum = raw_sum(values);
    sum == 0 || (sum <= 1 << 32 && sum >= (1i128 << 32) - values.len() as i128)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn no_input_panics(net in net_with(any_stake(), 12)) {
        let n = net.state.stake.len();
        for out in [net.sparse(), net.dense()] {
            for len in [out.active.len(), out.consensus.len(), out.incentive.len(), out.dividends.len(),
                        out.emission.len(), out.server_emission.len(), out.bonds.len()] {
                prop_assert_eq!(len, n);
            }
        }
    }

    #[test]
    fn incentive_and_dividends_sum_to_one_or_zero(net in net_with(chain_stake(), 12)) {
        for out in [net.sparse(), net.dense()] {
            prop_assert!(sums_to_one_or_zero(&out.incentive), "incentive {:?}", out.incentive);
            prop_assert!(sums_to_one_or_zero(&out.dividends), "dividends {:?}", out.dividends);
        }
    }

    #[test]
    fn emission_never_exceeds_what_is_given(net in net_with(chain_stake(), 12)) {
        for out in [net.sparse(), net.dense()] {
            let paid: u128 = out.server_emission.iter().chain(&out.validator_emission).map(|&e| u128::from(e)).sum();
            let stored: u128 = out.emission.iter().map(|&e| u128::from(e)).sum();
            prop_assert!(paid <= u128::from(net.state.rao_emission), "paid {} of {}", paid, net.state.rao_emission);
            prop_assert!(stored <= u128::from(net.state.rao_emission), "stored {} of {}", stored, net.state.rao_emission);
        }
    }

    #[test]
    fn permits_never_exceed_max_allowed_validators(mut net in net_with(any_stake(), 12)) {
        net.params.owner_uid = None;
        let k = usize::from(net.params.max_allowed_validators);
        for out in [net.sparse(), net.dense()] {
            prop_assert!(out.new_validator_permit.iter().filter(|&&p| p).count() <= k);
        }
    }

    /// The owner's forced permit is the one permit beyond the limit.
    #[test]
    fn the_owner_adds_at_most_one_permit(net in net_with(any_stake(), 12)) {
        let k = usize::from(net.params.max_allowed_validators);
        let out = net.sparse();
        prop_assert!(out.new_validator_permit.iter().filter(|&&p| p).count() <= k + 1);
        if let Some(owner) = net.params.owner_uid.filter(|&o| usize::from(o) < net.state.stake.len()) {
            prop_assert!(out.new_validator_permit[usize::from(owner)]);
        }
    }

    /// Relabelling uids permutes every output of the dense epoch and changes nothing else.
    /// Stakes are distinct, since permits break stake ties by uid.
    #[test]
    fn relabelling_uids_permutes_the_dense_outputs(
        (net, order) in net_with(1u64..1_000, 10).prop_flat_map(|net| {
            let n = net.state.stake.len();
            (Just(net), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let mut net = net;
        // Distinct multiples of 1 TAO: normalised, they differ by far more than 2^-32.
        net.state.stake = (0..net.state.stake.len()).map(|i| (net.state.stake[i] * 16 + i as u64) * 1_000_000_000).collect();
        let relabel_row = |row: &Row| -> Row {
            row.iter().map(|&(j, v)| (order.get(usize::from(j)).map_or(j, |&p| p as u16), v)).collect()
        };
        let mut moved = net.clone();
        for (i, &p) in order.iter().enumerate() {
            moved.state.stake[p] = net.state.stake[i];
            moved.state.weights[p] = relabel_row(&net.state.weights[i]);
            moved.state.bonds[p] = relabel_row(&net.state.bonds[i]);
            moved.state.last_update[p] = net.state.last_update[i];
            moved.state.block_at_registration[p] = net.state.block_at_registration[i];
            moved.state.validator_permit[p] = net.state.validator_permit[i];
            moved.state.commit_block[p] = net.state.commit_block[i];
        }
        let (before, after) = (net.dense(), moved.dense());
        for (i, &p) in order.iter().enumerate() {
            prop_assert_eq!(before.active[i], after.active[p]);
            prop_assert_eq!(before.new_validator_permit[i], after.new_validator_permit[p]);
            prop_assert_eq!(before.stake[i], after.stake[p]);
            prop_assert_eq!(before.consensus[i], after.consensus[p]);
            prop_assert_eq!(before.validator_trust[i], after.validator_trust[p]);
            prop_assert_eq!(before.incentive[i], after.incentive[p]);
            prop_assert_eq!(before.dividends[i], after.dividends[p]);
            prop_assert_eq!(before.emission[i], after.emission[p]);
            prop_assert_eq!(before.server_emission[i], after.server_emission[p]);
            prop_assert_eq!(before.validator_emission[i], after.validator_emission[p]);
            let moved_row = before.bonds[i].as_ref().map(|row| {
                let mut row = relabel_row(row);
                row.sort_unstable();
                row
            });
            prop_assert_eq!(moved_row, after.bonds[p].clone());
        }
    }

    /// Without an owner, commit-reveal or liquid alpha, the sparse and dense epochs agree on
    /// every vector, and on every bond a new permit stores (yuma-epoch.md §5).
    #[test]
    fn sparse_and_dense_agree(mut net in net_with(chain_stake(), 12)) {
        net.params.owner_uid = None;
        net.params.commit_reveal_enabled = false;
        net.params.liquid_alpha = false;
        let (sparse, dense) = (net.sparse(), net.dense());
        prop_assert_eq!(common::disagreement(&sparse, &dense), None);
    }

    /// One mechanism is the plain epoch; two split the emission and add up.
    #[test]
    fn mechanisms_aggregate_their_epochs(net in net_with(chain_stake(), 10), share in any::<u16>()) {
        let subnet = SubnetInput {
            current_block: net.state.current_block,
            stake: &net.state.stake,
            block_at_registration: &net.state.block_at_registration,
            validator_permit: &net.state.validator_permit,
        };
        let mechanism = MechanismInput {
            weights: &net.state.weights,
            bonds: &net.state.bonds,
            last_update: &net.state.last_update,
            commit_block: &net.state.commit_block,
        };
        let single = epoch_with_mechanisms(&subnet, &[mechanism], None, net.state.rao_emission, &net.params).expect("valid");
        let plain = net.sparse();
        prop_assert_eq!(&single.server_emission, &plain.server_emission);
        prop_assert_eq!(&single.validator_emission, &plain.validator_emission);
        prop_assert_eq!(&single.emission, &plain.emission);
        prop_assert_eq!(&single.dividends, &taonet_yuma::to_u16(&plain.dividends));
        prop_assert_eq!(&single.consensus, &taonet_yuma::to_u16(&plain.consensus));

        let split = [share, u16::MAX - share];
        let double = epoch_with_mechanisms(&subnet, &[mechanism, mechanism], Some(&split), net.state.rao_emission, &net.params).expect("valid");
        prop_assert_eq!(double.emission_split.iter().map(|&e| u128::from(e)).sum::<u128>(), u128::from(net.state.rao_emission));
        for uid in 0..net.state.stake.len() {
            let per_mechanism: u64 = double.mechanisms.iter().map(|m| m.server_emission[uid]).sum();
            prop_assert_eq!(double.server_emission[uid], per_mechanism);
        }
    }
}

#[test]
fn emission_split_gives_rounding_to_the_first_mechanism() {
    assert_eq!(split_emission(10, 3, None), vec![4, 3, 3]);
    assert_eq!(
        split_emission(1_000, 2, Some(&[32_768, 32_767])),
        vec![501, 499]
    );
    assert_eq!(split_emission(1_000, 3, Some(&[65_535])), vec![1_000, 0, 0]);
    assert_eq!(split_emission(7, 0, None), Vec::<u64>::new());
}

/// The extremes the CLI accepts, each under every epoch variant: no uids, no stake, only
/// zero weights, and the largest stakes and emission.
#[test]
fn extreme_inputs_run_without_panicking() {
    let n = 6;
    let full_rows = |value: u16| -> Vec<Row> {
        (0..n)
            .map(|_| (0..n as u16).map(|j| (j, value)).collect())
            .collect()
    };
    let state = |stake: u64, weight: u16| OwnedEpochInput {
        current_block: 100,
        rao_emission: u64::MAX,
        stake: vec![stake; n],
        weights: full_rows(weight),
        bonds: full_rows(u16::MAX),
        last_update: vec![99; n],
        block_at_registration: vec![0; n],
        validator_permit: vec![true; n],
        commit_block: vec![Some(0); n],
    };
    let cases = [
        OwnedEpochInput::default(),
        state(0, 1),
        state(1_000_000_000, 0),
        state(u64::MAX, u16::MAX),
        state(0, 0),
    ];
    for state in &cases {
        for (yuma3, liquid_alpha, owner_uid) in [
            (false, false, None),
            (true, false, Some(0)),
            (true, true, Some(1)),
        ] {
            let params = EpochParams {
                yuma3,
                liquid_alpha,
                owner_uid,
                commit_reveal_enabled: true,
                ..EpochParams::default()
            };
            for out in [
                epoch(&state.as_input(), &params),
                epoch_dense(&state.as_input(), &params),
            ] {
                let out = out.expect("valid input");
                assert_eq!(out.emission.len(), state.stake.len());
                assert_eq!(out.bonds.len(), state.stake.len());
            }
        }
    }
}
