//! Consensus: the stake-weighted median of each column at κ (yuma-epoch.md §4.7).
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
use crate::masked::MaskedWeights;
use crate::matrix::sum_wrapping;
use crate::stake::normalize;

/// The rows that vote in the median, with their renormalised stake.
pub struct Voters {
    rows: Vec<usize>,
    stake: Vec<I32F32>,
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
        Self {
            rows,
            stake,
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

    fn total(&self) -> I32F32 {
        self.total
    }

    fn minority(&self) -> I32F32 {
        self.minority
    }
}

/// Consensus per column (§4.7): a sweep over the columns when the voting rows are sorted
/// and dense, passes over the rows otherwise, subtensor's literal search when sums could
/// saturate.
pub fn consensus(
    active_stake: &[I32F32],
    weights: &MaskedWeights<'_>,
    columns: usize,
    kappa: I32F32,
) -> Vec<I32F32> {
    let voters = Voters::new(active_stake, kappa);
    match voters.need {
        _ if voters.count() == 0 => alloc::vec![I32F32::ZERO; columns],
        Some(need) if sweep::applies(weights, &voters, columns) => {
            sweep::sweep(weights, &voters, need, columns)
        }
        Some(need) => histogram::select_columns(&voters, weights, columns, need),
        None => literal::literal_columns(&voters, weights, columns),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::SparseMatrix;
    use proptest::prelude::*;

    /// Stakes (some zero) for up to 120 rows, so selection windows exceed the narrowing
    /// threshold; a few columns or more than one sweep block of them; rows sorted or
    /// shuffled, some naming every column; scores with many ties or any proportion.
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
                // Some rows name every column, as full weight rows do.
                let some =
                    proptest::collection::btree_map(0..columns as u16, score.clone(), 0..=columns);
                let every =
                    proptest::collection::vec(score, columns).prop_map(|v| (0..).zip(v).collect());
                let row = prop_oneof![some, every].prop_flat_map(
                    move |m: alloc::collections::BTreeMap<u16, i64>| {
                        let row: Vec<(u16, I32F32)> = m
                            .into_iter()
                            .map(|(j, v)| (j, I32F32::from_bits(v)))
                            .collect();
                        if shuffled {
                            Just(row).prop_shuffle().boxed()
                        } else {
                            Just(row).boxed()
                        }
                    },
                );
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
        /// search returns.
        #[test]
        fn every_path_equals_the_pivot_search((stake, weights, columns, kappa) in case()) {
            let weights = MaskedWeights::from_matrix(weights);
            let voters = Voters::new(&stake, kappa);
            let literal = literal::literal_columns(&voters, &weights, columns);
            let need = voters.need.expect("proportions never saturate");
            if voters.count() > 0 {
                prop_assert_eq!(&histogram::select_columns(&voters, &weights, columns, need), &literal);
            }
            let sorted = voters.rows().iter().all(|&row| weights.row(row).is_ascending());
            if sorted {
                prop_assert_eq!(&sweep::sweep(&weights, &voters, need, columns), &literal);
            }
            prop_assert_eq!(consensus(&stake, &weights, columns, kappa), literal);
        }
    }

    #[test]
    fn exact_half_split_resolves_to_the_higher_score() {
        let weights = MaskedWeights::from_matrix(SparseMatrix::from_rows([
            vec![(0u16, I32F32::HALF)],
            vec![(0u16, I32F32::ONE)],
        ]));
        let stake = [I32F32::HALF, I32F32::HALF];
        let kappa = I32F32::from_u16_proportion(32_767);
        assert_eq!(consensus(&stake, &weights, 1, kappa), vec![I32F32::ONE]);
    }

    #[test]
    fn stakes_whose_sums_wrap_take_the_literal_search() {
        // MAX + 2 wraps negative, so renormalised stakes are negative and the closed form
        // does not apply.
        let stake = [I32F32::MAX, I32F32::from_bits(2), I32F32::ZERO];
        let weights = MaskedWeights::from_matrix(SparseMatrix::from_rows([
            vec![(0u16, I32F32::ONE)],
            vec![(0u16, I32F32::HALF)],
            vec![],
        ]));
        let kappa = I32F32::from_u16_proportion(32_767);
        let voters = Voters::new(&stake, kappa);
        assert_eq!(voters.need, None);
        assert_eq!(
            consensus(&stake, &weights, 2, kappa),
            literal::literal_columns(&voters, &weights, 2)
        );
    }
}
