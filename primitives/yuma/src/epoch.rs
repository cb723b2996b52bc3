//! The production epoch: subtensor's `epoch_mechanism` (yuma-epoch.md §4).

use crate::bonds::{BondInputs, Bonds, Method};
use crate::clip::{Clipped, Clipper};
use crate::consensus::consensus;
use crate::emission;
use crate::input::{Checked, EpochError, EpochInput};
use crate::liquid_alpha::LiquidAlpha;
use crate::masked::{MaskedWeights, Masks, RowView};
use crate::output::EpochOutput;
use crate::params::EpochParams;
use crate::stake::{active_stake, activity, is_topk_nonzero, normalize, normalized_stake};

/// Runs one epoch of one mechanism on sparse weights, as the chain does at a tempo boundary.
pub fn epoch(input: &EpochInput<'_>, params: &EpochParams) -> Result<EpochOutput, EpochError> {
    let Checked {
        n,
        ascending_weights,
    } = input.check()?;
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

    let masks = Masks {
        permit: &permit,
        owner,
        commit_reveal: params.commit_reveal_enabled,
        ascending: &ascending_weights,
    };
    let weights = MaskedWeights::new(input, &masks, n);
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
        consensus: &consensus,
    };
    let mut bonds = Bonds::new(bond_inputs, method, weights.entry_count());
    let mut clipper = Clipper::new(
        &consensus,
        &active_stake,
        params.bonds_penalty_fixed(),
        weights.rows(),
    );
    for i in 0..weights.rows() {
        let row = weights.row(i);
        let fused = match &row {
            RowView::Stored(stored) => bonds.push_clipped(i, stored, &mut clipper),
            RowView::Built(..) => false,
        };
        if !fused {
            let (cols, vals) = clipper.row(i, row);
            bonds.push_row(i, cols, vals);
        }
    }
    let clipped_bonds = clipper.bonds_are_clipped();
    let Clipped {
        validator_trust,
        ranks,
    } = clipper.finish();
    let mut incentive = ranks.clone();
    normalize(&mut incentive);
    // Only rows of newly permitted uids are stored; the others are written empty.
    let (dividends, bond_rows) =
        bonds.finish(clipped_bonds.then_some(&ranks), &incentive, &new_permit);

    let emissions = emission::split(
        &incentive,
        &dividends,
        &stake,
        &active_stake,
        input.rao_emission,
    );
    let mut bond_rows = bond_rows.into_iter();
    let bonds = new_permit
        .iter()
        .map(|_| Some(bond_rows.next().unwrap_or_default()))
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
