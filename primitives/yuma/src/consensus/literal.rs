//! subtensor's own median search, for stake vectors whose sums could saturate.

use alloc::vec::Vec;

use super::Voters;
use crate::fixed::I32F32;
use crate::masked::MaskedWeights;

/// subtensor's per-column construction and search, step for step.
pub fn literal_columns(
    voters: &Voters,
    weights: &MaskedWeights<'_>,
    columns: usize,
) -> Vec<I32F32> {
    let (rows, stake) = (voters.rows(), voters.stakes());
    let (minority, stake_sum) = (voters.minority(), voters.total());
    let mut scores = alloc::vec![alloc::vec![I32F32::ZERO; rows.len()]; columns];
    for (k, &row) in rows.iter().enumerate() {
        weights.row(row).for_each(|j, v| {
            if let Some(cell) = scores.get_mut(usize::from(j)).and_then(|c| c.get_mut(k)) {
                *cell = v;
            }
        });
    }
    let all: Vec<usize> = (0..rows.len()).collect();
    scores
        .iter()
        .map(|column| weighted_median(stake, column, &all, minority, I32F32::ZERO, stake_sum))
        .collect()
}

/// subtensor's `weighted_median`: a deterministic mid-pivot partition search.
pub fn weighted_median(
    stake: &[I32F32],
    score: &[I32F32],
    partition: &[usize],
    minority: I32F32,
    mut lo: I32F32,
    mut hi: I32F32,
) -> I32F32 {
    let at = |v: &[I32F32], i: usize| v.get(i).copied().unwrap_or_default();
    let mut current: Vec<usize> = partition.to_vec();
    for _ in 0..=partition.len() {
        match current.as_slice() {
            [] => return I32F32::ZERO,
            [only] => return at(score, *only),
            _ => {}
        }
        let pivot = at(
            score,
            current.get(current.len() / 2).copied().unwrap_or_default(),
        );
        let (mut lower, mut upper) = (Vec::new(), Vec::new());
        let (mut lo_stake, mut hi_stake) = (I32F32::ZERO, I32F32::ZERO);
        for &idx in &current {
            let s = at(score, idx);
            if s < pivot {
                lo_stake = lo_stake.saturating_add(at(stake, idx));
                lower.push(idx);
            } else if s > pivot {
                hi_stake = hi_stake.saturating_add(at(stake, idx));
                upper.push(idx);
            }
        }
        if minority < lo.saturating_add(lo_stake) && !lower.is_empty() {
            hi = lo.saturating_add(lo_stake);
            current = lower;
        } else if hi.saturating_sub(hi_stake) <= minority && !upper.is_empty() {
            lo = hi.saturating_sub(hi_stake);
            current = upper;
        } else {
            return pivot;
        }
    }
    I32F32::ZERO
}
