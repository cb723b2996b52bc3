//! Consensus: the stake-weighted median of each column at κ (yuma-epoch.md §4.7), and the
//! clipping, validator trust and ranks that follow from it (§4.8–4.9).
//!
//! subtensor's `weighted_median` is a mid-pivot partition search over the rows of positive
//! active stake. With exact sums (every partial sum of non-negative stakes is below the
//! total, so none saturates) its result has a closed form: the largest score `v` such that
//! the stake scoring at least `v` is at least `σ − minority` (σ the renormalised stake sum,
//! `minority = σ − κ`), with voters that have no entry scoring 0. That is computed by a
//! weighted selection per column, either in one sweep over the columns ([`sweep`], for
//! sorted, dense rows) or in a few passes over the rows ([`histogram`]). When sums could
//! saturate (stake far outside anything a chain holds) subtensor's literal search runs
//! instead ([`literal`]), so the result is the same for every input.

mod histogram;
mod literal;
mod select;
mod sweep;

use alloc::vec::Vec;

use crate::fixed::I32F32;
use crate::matrix::{sum_wrapping, SparseMatrix};
use crate::stake::normalize;

/// The rows that vote in the median, with their renormalised stake.
pub struct Voters {
    rows: Vec<usize>,
    stake: Vec<I32F32>,
    /// Stake per matrix row (`None` for rows that do not vote).
    by_row: Vec<Option<i64>>,
    total: I32F32,
    minority: I32F32,
    /// `σ − minority` when the closed form is exact.
    need: Option<i64>,
}

impl Voters {
    /// Rows with positive active stake, their stake renormalised (§9.12).
    pub fn new(active_stake: &[I32F32], kappa: I32F32) -> Self {
        let rows: Vec<usize> = (0..active_stake.len())
            .filter(|&i| active_stake.get(i).is_some_and(|s| *s > I32F32::ZERO))
            .collect();
        let mut stake: Vec<I32F32> = rows
            .iter()
            .map(|&i| active_stake.get(i).copied().unwrap_or_default())
            .collect();
        normalize(&mut stake);
        let total = sum_wrapping(&stake);
        let minority = total.saturating_sub(kappa);
        let exact_total: i128 = stake.iter().map(|s| i128::from(s.to_bits())).sum();
        let exact = stake.iter().all(|s| s.to_bits() >= 0)
            && exact_total == i128::from(total.to_bits())
            && minority.to_bits() == total.to_bits().wrapping_sub(kappa.to_bits());
        let need = exact.then(|| total.to_bits().wrapping_sub(minority.to_bits()));
        let mut by_row = alloc::vec![None; active_stake.len()];
        for (&row, s) in rows.iter().zip(&stake) {
            if let Some(slot) = by_row.get_mut(row) {
                *slot = Some(s.to_bits());
            }
        }
        Self {
            rows,
            stake,
            by_row,
            total,
            minority,
            need,
        }
    }

    fn rows(&self) -> &[usize] {
        &self.rows
    }

    fn stakes(&self) -> &[I32F32] {
        &self.stake
    }

    fn count(&self) -> usize {
        self.rows.len()
    }

    fn stake_of_row(&self, row: usize) -> Option<i64> {
        self.by_row.get(row).copied().flatten()
    }

    fn total(&self) -> I32F32 {
        self.total
    }

    fn minority(&self) -> I32F32 {
        self.minority
    }
}

/// Consensus with the clipped sums taken over the same weights.
pub struct Consensus {
    /// Consensus per uid.
    pub consensus: Vec<I32F32>,
    /// Row sums of the clipped weights.
    pub validator_trust: Vec<I32F32>,
    /// Ranks `Σ_i A_i · W̄_ij` before normalisation.
    pub ranks: Vec<I32F32>,
}

/// Consensus per column.
pub fn consensus(
    active_stake: &[I32F32],
    weights: &SparseMatrix,
    columns: usize,
    kappa: I32F32,
) -> Vec<I32F32> {
    let voters = Voters::new(active_stake, kappa);
    columns_consensus(&voters, weights, columns)
}

fn columns_consensus(voters: &Voters, weights: &SparseMatrix, columns: usize) -> Vec<I32F32> {
    match voters.need {
        _ if voters.count() == 0 => alloc::vec![I32F32::ZERO; columns],
        Some(need) => histogram::select_columns(voters, weights, columns, need),
        None => literal::literal_columns(voters, weights, columns),
    }
}

/// Consensus, validator trust and ranks of the sparse epoch.
pub fn consensus_trust_ranks(
    active_stake: &[I32F32],
    weights: &SparseMatrix,
    columns: usize,
    kappa: I32F32,
) -> Consensus {
    let voters = Voters::new(active_stake, kappa);
    if let Some(need) = voters.need {
        if sweep::applies(weights, columns) {
            return sweep::sweep(weights, &voters, need, active_stake, columns);
        }
    }
    let consensus = columns_consensus(&voters, weights, columns);
    let (validator_trust, ranks) = trust_and_ranks(weights, &consensus, active_stake, columns);
    Consensus {
        consensus,
        validator_trust,
        ranks,
    }
}

/// `col_clip_sparse` for one entry (§4.8): a weight above its column's consensus becomes
/// the consensus, or is dropped when the consensus is not positive.
#[inline]
pub fn clip(weight: I32F32, consensus: I32F32) -> Option<I32F32> {
    if consensus < weight {
        (consensus > I32F32::ZERO).then_some(consensus)
    } else {
        Some(weight)
    }
}

/// Validator trust (row sums of the clipped weights) and ranks (`matmul_sparse` of the
/// clipped weights with active stake, rows in order), clipping each weight as it is read.
fn trust_and_ranks(
    weights: &SparseMatrix,
    consensus: &[I32F32],
    active_stake: &[I32F32],
    columns: usize,
) -> (Vec<I32F32>, Vec<I32F32>) {
    let mut ranks = alloc::vec![I32F32::ZERO; columns];
    let trust = weights
        .iter_rows()
        .enumerate()
        .map(|(i, (cols, vals))| {
            let scale = active_stake.get(i).copied().unwrap_or_default();
            let mut trust = I32F32::ZERO;
            for (&j, &w) in cols.iter().zip(vals) {
                let c = consensus.get(usize::from(j)).copied().unwrap_or_default();
                if let Some(kept) = clip(w, c) {
                    trust = trust.wrapping_add(kept);
                    if let Some(rank) = ranks.get_mut(usize::from(j)) {
                        *rank = rank.saturating_add(scale.saturating_mul(kept));
                    }
                }
            }
            trust
        })
        .collect();
    (trust, ranks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Stakes (some zero) for up to 120 rows, so selection windows exceed the narrowing
    /// threshold; a few columns or more than one sweep block of them; rows sorted or
    /// shuffled, sparse or full; scores with many ties or any proportion.
    fn case() -> impl Strategy<Value = (Vec<I32F32>, SparseMatrix, usize, I32F32)> {
        (
            1usize..120,
            prop_oneof![1usize..8, 30usize..70],
            any::<bool>(),
            any::<bool>(),
        )
            .prop_flat_map(|(rows, columns, shuffled, tied)| {
                let score = if tied {
                    (0i64..6).prop_map(|v| v << 29).boxed()
                } else {
                    (0i64..=(1 << 32)).boxed()
                };
                let row = proptest::collection::btree_map(0..columns as u16, score, 0..=columns)
                    .prop_flat_map(move |m| {
                        let row: Vec<(u16, I32F32)> = m
                            .into_iter()
                            .map(|(j, v)| (j, I32F32::from_bits(v)))
                            .collect();
                        if shuffled {
                            Just(row).prop_shuffle().boxed()
                        } else {
                            Just(row).boxed()
                        }
                    });
                (
                    proptest::collection::vec(prop_oneof![Just(0i64), 0i64..(1 << 32)], rows),
                    proptest::collection::vec(row, rows),
                    Just(columns),
                    any::<u16>(),
                )
                    .prop_map(|(stake, rows, columns, kappa)| {
                        (
                            stake.into_iter().map(I32F32::from_bits).collect(),
                            SparseMatrix::from_rows(rows),
                            columns,
                            I32F32::from_u16_proportion(kappa),
                        )
                    })
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]

        /// The histogram selection and the sweep return exactly what subtensor's pivot
        /// search returns, and the sweep's trust and ranks equal the row-wise ones.
        #[test]
        fn every_path_equals_the_pivot_search((stake, weights, columns, kappa) in case()) {
            let voters = Voters::new(&stake, kappa);
            let literal = literal::literal_columns(&voters, &weights, columns);
            let need = voters.need.expect("proportions never saturate");
            if voters.count() > 0 {
                prop_assert_eq!(&histogram::select_columns(&voters, &weights, columns, need), &literal);
            }
            let (trust, ranks) = trust_and_ranks(&weights, &literal, &stake, columns);
            if weights.iter_rows().all(|(cols, _)| cols.is_sorted_by(|a, b| a < b)) {
                let swept = sweep::sweep(&weights, &voters, need, &stake, columns);
                prop_assert_eq!(&swept.consensus, &literal);
                prop_assert_eq!(&swept.validator_trust, &trust);
                prop_assert_eq!(&swept.ranks, &ranks);
            }
            let combined = consensus_trust_ranks(&stake, &weights, columns, kappa);
            prop_assert_eq!(combined.consensus, literal);
            prop_assert_eq!(combined.validator_trust, trust);
            prop_assert_eq!(combined.ranks, ranks);
        }
    }

    #[test]
    fn exact_half_split_resolves_to_the_higher_score() {
        let weights =
            SparseMatrix::from_rows([vec![(0u16, I32F32::HALF)], vec![(0u16, I32F32::ONE)]]);
        let stake = [I32F32::HALF, I32F32::HALF];
        let kappa = I32F32::from_u16_proportion(32_767);
        assert_eq!(consensus(&stake, &weights, 1, kappa), vec![I32F32::ONE]);
    }

    #[test]
    fn stakes_whose_sums_wrap_take_the_literal_search() {
        // MAX + 2 wraps negative, so renormalised stakes are negative and the closed form
        // does not apply.
        let stake = [I32F32::MAX, I32F32::from_bits(2), I32F32::ZERO];
        let weights = SparseMatrix::from_rows([
            vec![(0u16, I32F32::ONE)],
            vec![(0u16, I32F32::HALF)],
            vec![],
        ]);
        let kappa = I32F32::from_u16_proportion(32_767);
        let voters = Voters::new(&stake, kappa);
        assert_eq!(voters.need, None);
        let out = consensus_trust_ranks(&stake, &weights, 2, kappa);
        assert_eq!(
            out.consensus,
            literal::literal_columns(&voters, &weights, 2)
        );
        assert_eq!(out.validator_trust.len(), 3);
    }
}
