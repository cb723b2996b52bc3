//! Weights clipped at consensus (yuma-epoch.md §4.8–4.10): validator trust, ranks and the
//! weights for bonds, all taken in one pass over the rows.

use alloc::vec::Vec;

use crate::fixed::I32F32;
use crate::masked::MaskedWeights;

/// `col_clip_sparse` for one entry (§4.8): a weight above its column's consensus becomes
/// the consensus, or is dropped when the consensus is not positive.
#[inline]
pub fn clip(weight: I32F32, consensus: I32F32) -> Option<I32F32> {
    // A positive consensus (the usual case) keeps the smaller of the two, which compiles
    // to a conditional move: about half the weights of a column lie above its median, so
    // a branch there would be mispredicted half the time.
    if consensus > I32F32::ZERO {
        Some(weight.min(consensus))
    } else if consensus < weight {
        None
    } else {
        Some(weight)
    }
}

/// The sums taken over the clipped weights W̄.
pub struct Clipped {
    /// Validator trust: each row of W̄ summed (wrapping, as `row_sum_sparse`).
    pub validator_trust: Vec<I32F32>,
    /// Ranks `Σ_i A_i · W̄_ij` before normalisation (`matmul_sparse`, saturating; every
    /// term is non-negative, so the order of the terms cannot change a sum).
    pub ranks: Vec<I32F32>,
}

/// Clips each row of W at its columns' consensus, summing validator trust and ranks, and
/// hands row `i`'s weights for bonds to `bond_row(i, uids, values)` in row order
/// (`interpolate_sparse`, §4.10): W itself for β = 0, W̄ for β = 1, otherwise
/// `W + β(W̄ − W)` keeping the positive entries in ascending uid order.
pub fn clip_weights(
    weights: &MaskedWeights<'_>,
    consensus: &[I32F32],
    active_stake: &[I32F32],
    beta: I32F32,
    mut bond_row: impl FnMut(usize, &[u16], &[I32F32]),
) -> Clipped {
    let mut ranks = alloc::vec![I32F32::ZERO; consensus.len()];
    let mut validator_trust = Vec::with_capacity(weights.rows());
    let (mut bond_cols, mut bond_vals) = (Vec::new(), Vec::new());
    let mut scratch: Vec<(u16, I32F32)> = Vec::new();
    for i in 0..weights.rows() {
        let scale = active_stake.get(i).copied().unwrap_or_default();
        let mut trust = I32F32::ZERO;
        bond_cols.clear();
        bond_vals.clear();
        weights.row(i).for_each(|j, w| {
            let c = consensus.get(usize::from(j)).copied().unwrap_or_default();
            let kept = clip(w, c);
            if let Some(kept) = kept {
                trust = trust.wrapping_add(kept);
                if let Some(rank) = ranks.get_mut(usize::from(j)) {
                    *rank = rank.saturating_add(scale.saturating_mul(kept));
                }
            }
            let bond = if beta.is_zero() {
                Some(w)
            } else if beta == I32F32::ONE {
                kept
            } else {
                let kept = kept.unwrap_or_default();
                let v = w.saturating_add(beta.saturating_mul(kept.saturating_sub(w)));
                (v > I32F32::ZERO).then_some(v)
            };
            if let Some(bond) = bond {
                bond_cols.push(j);
                bond_vals.push(bond);
            }
        });
        validator_trust.push(trust);
        let interpolated = !beta.is_zero() && beta != I32F32::ONE;
        if interpolated && !bond_cols.is_sorted() {
            scratch.clear();
            scratch.extend(bond_cols.iter().copied().zip(bond_vals.iter().copied()));
            scratch.sort_unstable_by_key(|e| e.0);
            bond_cols.clear();
            bond_vals.clear();
            bond_cols.extend(scratch.iter().map(|e| e.0));
            bond_vals.extend(scratch.iter().map(|e| e.1));
        }
        bond_row(i, &bond_cols, &bond_vals);
    }
    Clipped {
        validator_trust,
        ranks,
    }
}
