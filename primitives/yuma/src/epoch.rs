//! The production epoch: subtensor's `epoch_mechanism` (yuma-epoch.md §4).

use alloc::vec::Vec;

use crate::bonds::{self, BondInputs};
use crate::consensus::{consensus_trust_ranks, Consensus};
use crate::emission;
use crate::fixed::I32F32;
use crate::input::{EpochError, EpochInput};
use crate::liquid_alpha::LiquidAlpha;
use crate::matrix::SparseMatrix;
use crate::output::EpochOutput;
use crate::params::EpochParams;
use crate::stake::{active_stake, activity, is_topk_nonzero, normalize, normalized_stake};

/// Runs one epoch of one mechanism on sparse weights, as the chain does at a tempo boundary.
pub fn epoch(input: &EpochInput<'_>, params: &EpochParams) -> Result<EpochOutput, EpochError> {
    let n = input.validate()?;
    let owner = params.owner_uid.filter(|&o| usize::from(o) < n);

    let active = activity(
        input.last_update,
        input.current_block,
        params.activity_cutoff,
    );
    let stake = normalized_stake(input.stake, params.stake_threshold, owner);

    let mut permit = input.validator_permit.to_vec();
    let mut new_permit = is_topk_nonzero(&stake, usize::from(params.max_allowed_validators));
    if let Some(owner) = owner {
        for permits in [&mut permit, &mut new_permit] {
            if let Some(p) = permits.get_mut(usize::from(owner)) {
                *p = true;
            }
        }
    }
    let active_stake = active_stake(&stake, &active, &permit);

    let mut weights = masked_weights(input, params, &permit, owner, n);
    let Consensus {
        consensus,
        validator_trust,
        ranks: mut incentive,
    } = consensus_trust_ranks(&active_stake, &weights, n, params.kappa_fixed());
    normalize(&mut incentive);

    // W is not read again: it becomes the weights for bonds in place.
    bonds::into_weights_for_bonds(&mut weights, &consensus, params.bonds_penalty_fixed());
    let wb = weights;
    let bond_inputs = BondInputs {
        n,
        bonds: input.bonds,
        block_at_registration: input.block_at_registration,
        last_tempo: params.last_tempo(input.current_block),
        active_stake: &active_stake,
        incentive: &incentive,
    };
    let (dividends, ema) = if params.yuma3 {
        let liquid = params.liquid_alpha.then(|| LiquidAlpha::new(params));
        bonds::yuma3(
            &wb,
            &bond_inputs,
            &consensus,
            params.yuma3_ema_alpha(),
            liquid.as_ref(),
        )
    } else {
        bonds::yuma2(&wb, &bond_inputs, params.ema_alpha())
    };

    let emissions = emission::split(
        &incentive,
        &dividends,
        &stake,
        &active_stake,
        input.rao_emission,
    );
    // Only rows of newly permitted uids are stored; the others are written empty.
    let bonds = new_permit
        .iter()
        .enumerate()
        .map(|(i, &permitted)| {
            Some(if permitted {
                ema.u16_row(i)
            } else {
                Vec::new()
            })
        })
        .collect();

    Ok(EpochOutput {
        active,
        new_validator_permit: new_permit,
        stake,
        active_stake,
        consensus,
        validator_trust,
        incentive,
        dividends,
        server_emission: emissions.server,
        validator_emission: emissions.validator,
        emission: emissions.combined,
        bonds,
    })
}

/// Stored weights as I32F32 with the masks of §4.6 applied, each row normalised as it is
/// built: rows of
/// unpermitted uids emptied, self-weights dropped (the owner's kept), weights set at or
/// before the target's registration dropped, and with commit-reveal those committed before
/// it.
fn masked_weights(
    input: &EpochInput<'_>,
    params: &EpochParams,
    permit: &[bool],
    owner: Option<u16>,
    n: usize,
) -> SparseMatrix {
    let capacity = input.weights.iter().map(Vec::len).sum();
    let mut weights = SparseMatrix::with_capacity(n, capacity);
    for (i, row) in input.weights.iter().enumerate() {
        // At most 65535 entries of at most 65535: the total fits a u64.
        let mut total = 0u64;
        if permit.get(i).copied().unwrap_or_default() {
            let updated = input.last_update.get(i).copied().unwrap_or_default();
            let committed = if params.commit_reveal_enabled {
                input
                    .commit_block
                    .get(i)
                    .copied()
                    .flatten()
                    .unwrap_or(u64::MAX)
            } else {
                u64::MAX
            };
            for &(j, w) in row {
                let Some(&registered) = input.block_at_registration.get(usize::from(j)) else {
                    continue;
                };
                let self_weight = usize::from(j) == i && owner != Some(j);
                if !self_weight && updated > registered && committed >= registered {
                    weights.push(j, I32F32::from_u16(w));
                    total = total.wrapping_add(u64::from(w));
                }
            }
        }
        weights.end_row();
        weights.normalize_weight_row(i, total);
    }
    weights
}
