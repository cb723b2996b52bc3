//! The production epoch: subtensor's `epoch_mechanism` (yuma-epoch.md §4).

use alloc::vec::Vec;

use crate::bonds::{BondInputs, Bonds, Method};
use crate::clip::{clip_weights, Clipped};
use crate::consensus::consensus;
use crate::emission;
use crate::fixed::{WeightDivisor, I32F32};
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

    let weights = masked_weights(input, params, &permit, owner, n);
    let consensus = consensus(&active_stake, &weights, n, params.kappa_fixed());

    let method = if !params.yuma3 {
        Method::Yuma2(params.ema_alpha())
    } else if params.liquid_alpha && consensus.iter().any(|c| !c.is_zero()) {
        Method::Liquid(LiquidAlpha::new(params))
    } else {
        Method::Yuma3(params.yuma3_ema_alpha())
    };
    let bond_inputs = BondInputs {
        n,
        bonds: input.bonds,
        block_at_registration: input.block_at_registration,
        last_tempo: params.last_tempo(input.current_block),
        active_stake: &active_stake,
    };
    let mut bonds = Bonds::new(bond_inputs, method, weights.entry_count());
    let Clipped {
        validator_trust,
        ranks: mut incentive,
    } = clip_weights(
        &weights,
        &consensus,
        &active_stake,
        params.bonds_penalty_fixed(),
        |i, cols, vals| bonds.push_row(i, cols, vals),
    );
    normalize(&mut incentive);
    let (dividends, ema) = bonds.finish(&consensus, &incentive);

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
/// built: rows of unpermitted uids emptied, self-weights dropped (the owner's kept),
/// weights set at or before the target's registration dropped, and with commit-reveal
/// those committed before it.
fn masked_weights(
    input: &EpochInput<'_>,
    params: &EpochParams,
    permit: &[bool],
    owner: Option<u16>,
    n: usize,
) -> SparseMatrix {
    let capacity = input.weights.iter().map(Vec::len).sum();
    let mut weights = SparseMatrix::with_capacity(n, capacity);
    let last_registration = input
        .block_at_registration
        .iter()
        .copied()
        .max()
        .unwrap_or_default();
    for (i, row) in input.weights.iter().enumerate() {
        if !permit.get(i).copied().unwrap_or_default() {
            weights.end_row();
            continue;
        }
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
        let kept = |j: u16| {
            let Some(&registered) = input.block_at_registration.get(usize::from(j)) else {
                return false;
            };
            let self_weight = usize::from(j) == i && owner != Some(j);
            !self_weight && updated > registered && committed >= registered
        };
        // Usually no uid registered after this row was set and the row is sorted: then
        // only the self-weight (found by search) and uids past n (a tail) drop out.
        let unmasked = updated > last_registration
            && committed >= last_registration
            && row.is_sorted_by(|a, b| a.0 < b.0);
        let mut total = 0u64;
        if unmasked {
            let row = row
                .get(..row.partition_point(|e| usize::from(e.0) < n))
                .unwrap_or_default();
            let (before, after) = match u16::try_from(i) {
                Ok(uid) if owner != Some(uid) => match row.binary_search_by_key(&uid, |e| e.0) {
                    Ok(at) => (
                        row.get(..at).unwrap_or_default(),
                        row.get(at.saturating_add(1)..).unwrap_or_default(),
                    ),
                    Err(_) => (row, &[][..]),
                },
                _ => (row, &[][..]),
            };
            // At most 65535 entries of at most 65535: the total fits a u64.
            total = [before, after]
                .iter()
                .flat_map(|part| part.iter())
                .map(|e| u64::from(e.1))
                .sum();
            if let Some(divisor) = WeightDivisor::new(total) {
                for part in [before, after] {
                    weights.push_row(part, |w| divisor.quotient(w));
                }
                weights.end_row();
                continue;
            }
            for part in [before, after] {
                weights.push_row(part, I32F32::from_u16);
            }
        } else {
            for &(j, w) in row {
                if kept(j) {
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
