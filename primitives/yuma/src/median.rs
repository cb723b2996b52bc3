//! Consensus: the stake-weighted median of each column at κ (yuma-epoch.md §4.7).
//!
//! subtensor's `weighted_median` is a mid-pivot partition search over the rows of positive
//! active stake. With exact sums (every partial sum of non-negative stakes is below the
//! total, so none saturates) its result has a closed form: the largest score `v` such that
//! the stake scoring at least `v` is at least `σ − minority` (σ the renormalised stake sum,
//! `minority = σ − κ`). [`consensus`] computes that with a linear-time weighted selection per
//! column over only the stored entries. When the sums could saturate (stake vectors far
//! outside anything a chain holds), it runs the literal search instead, so the result is the
//! same for every input.

use alloc::vec::Vec;

use crate::fixed::I32F32;
use crate::matrix::{sum_wrapping, SparseMatrix};
use crate::stake::normalize;

/// Consensus per column for the rows with positive active stake.
pub fn consensus(
    active_stake: &[I32F32],
    weights: &SparseMatrix,
    columns: usize,
    kappa: I32F32,
) -> Vec<I32F32> {
    let voters: Vec<usize> = (0..active_stake.len())
        .filter(|&i| active_stake.get(i).is_some_and(|s| *s > I32F32::ZERO))
        .collect();
    let mut stake: Vec<I32F32> = voters
        .iter()
        .map(|&i| active_stake.get(i).copied().unwrap_or_default())
        .collect();
    normalize(&mut stake);
    let stake_sum = sum_wrapping(&stake);
    let minority = stake_sum.saturating_sub(kappa);

    let exact_total: i128 = stake.iter().map(|s| i128::from(s.to_bits())).sum();
    let exact = stake.iter().all(|s| s.to_bits() >= 0)
        && exact_total == i128::from(stake_sum.to_bits())
        && minority == I32F32::from_bits(stake_sum.to_bits().wrapping_sub(kappa.to_bits()));
    if voters.is_empty() {
        alloc::vec![I32F32::ZERO; columns]
    } else if exact {
        let need = stake_sum.to_bits().wrapping_sub(minority.to_bits());
        select_columns(&voters, &stake, weights, columns, stake_sum.to_bits(), need)
    } else {
        literal_columns(&voters, &stake, weights, columns, minority, stake_sum)
    }
}

/// One candidate of a column: a voter's score and its stake, as raw I32F32 bits.
#[derive(Clone, Copy, Debug)]
struct Vote {
    score: i64,
    stake: i64,
}

/// Histogram buckets per column in the bucketing pass (a power of two).
const BUCKETS: usize = 8;

/// What the first pass learns of one column's votes.
#[derive(Clone, Copy)]
struct ColumnStats {
    count: u32,
    listed_stake: i64,
    min: i64,
    max: i64,
}

/// How a column is resolved after the first pass.
#[derive(Clone, Copy)]
enum Column {
    /// The answer is known.
    Done(i64),
    /// Votes are bucketed by `(score − low) >> shift`; `zero_stake` is the stake of voters
    /// without an entry, who vote 0.
    Pending {
        low: i64,
        shift: u32,
        zero_stake: Option<i64>,
    },
}

/// One bucket of a column's histogram.
#[derive(Clone, Copy, Default)]
struct Bucket {
    stake: i64,
    count: u32,
}

/// The closed form for every column, in passes over the weight rows (row-major, so the
/// matrix is never transposed): the score range of each column, a histogram of stake over
/// that range, then only the votes in the bucket that holds the answer, which a small
/// weighted selection resolves. Voters without an entry vote 0 with their stake.
fn select_columns(
    voters: &[usize],
    stake: &[I32F32],
    weights: &SparseMatrix,
    columns: usize,
    total: i64,
    need: i64,
) -> Vec<I32F32> {
    // Every vote as (column, score, stake): plain nested loops, which compile to tighter
    // code than a flat_map chain.
    let for_each_vote = |f: &mut dyn FnMut(usize, i64, i64)| {
        for (&row, s) in voters.iter().zip(stake) {
            let (cols, vals) = weights.row(row);
            let s = s.to_bits();
            for (&j, v) in cols.iter().zip(vals) {
                f(usize::from(j), v.to_bits(), s);
            }
        }
    };

    let empty = ColumnStats {
        count: 0,
        listed_stake: 0,
        min: i64::MAX,
        max: i64::MIN,
    };
    let mut stats = alloc::vec![empty; columns];
    for_each_vote(&mut |j, score, s| {
        if let Some(c) = stats.get_mut(j) {
            c.count = c.count.saturating_add(1);
            c.listed_stake = c.listed_stake.wrapping_add(s);
            c.min = c.min.min(score);
            c.max = c.max.max(score);
        }
    });
    let plan: Vec<Column> = stats
        .iter()
        .map(|c| {
            let missing = usize::try_from(c.count).unwrap_or(usize::MAX) < voters.len();
            let (min, max) = if missing {
                (c.min.min(0), c.max.max(0))
            } else {
                (c.min, c.max)
            };
            if need > total || min == max {
                return Column::Done(min);
            }
            let range = max.wrapping_sub(min) as u64;
            let bits = 64u32.saturating_sub(range.leading_zeros());
            let shift = bits.saturating_sub(BUCKETS.trailing_zeros());
            let zero_stake = missing.then(|| total.wrapping_sub(c.listed_stake));
            Column::Pending {
                low: min,
                shift,
                zero_stake,
            }
        })
        .collect();
    let bucket_of =
        |score: i64, low: i64, shift: u32| (score.wrapping_sub(low) as u64 >> shift) as usize;

    let mut histogram = alloc::vec![Bucket::default(); columns.saturating_mul(BUCKETS)];
    let mut add = |j: usize, score: i64, s: i64| {
        if let Some(&Column::Pending { low, shift, .. }) = plan.get(j) {
            let at = j
                .saturating_mul(BUCKETS)
                .saturating_add(bucket_of(score, low, shift));
            if let Some(b) = histogram.get_mut(at) {
                b.stake = b.stake.wrapping_add(s);
                b.count = b.count.saturating_add(1);
            }
        }
    };
    for_each_vote(&mut add);
    for (j, column) in plan.iter().enumerate() {
        if let Column::Pending {
            zero_stake: Some(z),
            ..
        } = *column
        {
            add(j, 0, z);
        }
    }

    // Per pending column: the bucket holding the answer, the stake still needed inside it,
    // and where its votes go in `candidates`.
    let mut target: Vec<Option<(usize, i64)>> = alloc::vec![None; columns];
    let mut starts = alloc::vec![0usize; columns.saturating_add(1)];
    let mut running = 0usize;
    for (j, buckets) in histogram.chunks_exact(BUCKETS).enumerate() {
        let mut above = 0i64;
        for (b, bucket) in buckets.iter().enumerate().rev() {
            if bucket.count == 0 {
                continue;
            }
            if above.wrapping_add(bucket.stake) >= need {
                if let Some(t) = target.get_mut(j) {
                    *t = Some((b, need.wrapping_sub(above)));
                }
                running = running.saturating_add(usize::try_from(bucket.count).unwrap_or(0));
                break;
            }
            above = above.wrapping_add(bucket.stake);
        }
        if let Some(start) = starts.get_mut(j.saturating_add(1)) {
            *start = running;
        }
    }

    let mut candidates = alloc::vec![Vote { score: 0, stake: 0 }; running];
    let mut cursor = starts.clone();
    let mut keep = |j: usize, score: i64, s: i64| {
        if let (Some(&Column::Pending { low, shift, .. }), Some(Some((b, _)))) =
            (plan.get(j), target.get(j))
        {
            if bucket_of(score, low, shift) == *b {
                if let Some(at) = cursor.get_mut(j) {
                    if let Some(slot) = candidates.get_mut(*at) {
                        *slot = Vote { score, stake: s };
                    }
                    *at = at.saturating_add(1);
                }
            }
        }
    };
    for_each_vote(&mut keep);
    for (j, column) in plan.iter().enumerate() {
        if let Column::Pending {
            zero_stake: Some(z),
            ..
        } = *column
        {
            keep(j, 0, z);
        }
    }

    plan.iter()
        .enumerate()
        .map(|(j, column)| {
            let score = match (*column, target.get(j).copied().flatten()) {
                (Column::Done(score), _) => score,
                (Column::Pending { .. }, Some((_, need))) => {
                    let start = starts.get(j).copied().unwrap_or_default();
                    let end = starts.get(j.saturating_add(1)).copied().unwrap_or(start);
                    let slice = candidates.get_mut(start..end).unwrap_or_default();
                    let total = stake_of(slice);
                    weighted_select(slice, total, need)
                }
                // Unreachable: the buckets hold all stake and need ≤ total.
                (Column::Pending { low, .. }, None) => low,
            };
            I32F32::from_bits(score)
        })
        .collect()
}

/// The largest score whose votes at or above it carry at least `need` stake; the smallest
/// score when even all stake (`total`) falls short, the largest when `need ≤ 0`.
fn weighted_select(votes: &mut [Vote], total: i64, need: i64) -> i64 {
    if need > total {
        return votes.iter().map(|v| v.score).min().unwrap_or_default();
    }
    let mut need = need;
    let mut window = votes;
    // Median-of-three pivots make this linear on any realistic input; a sorted scan bounds
    // the worst case once the search has clearly degenerated.
    for _ in 0..64 {
        let Some(pivot) = median_of_three(window) else {
            return 0;
        };
        let (above, equal) = partition_descending(window, pivot);
        let (upper, rest) = window.split_at_mut(above);
        let stake_above = stake_of(upper);
        let (middle, lower) = rest.split_at_mut(equal);
        let stake_at = stake_above.wrapping_add(stake_of(middle));
        if above > 0 && stake_above >= need {
            window = upper;
        } else if stake_at >= need {
            return pivot;
        } else {
            need = need.wrapping_sub(stake_at);
            window = lower;
        }
    }
    window.sort_unstable_by_key(|v| core::cmp::Reverse(v.score));
    let mut covered = 0i64;
    let mut answer = 0i64;
    for (k, vote) in window.iter().enumerate() {
        covered = covered.wrapping_add(vote.stake);
        let last_of_score = window
            .get(k.saturating_add(1))
            .is_none_or(|next| next.score != vote.score);
        answer = vote.score;
        if last_of_score && covered >= need {
            break;
        }
    }
    answer
}

fn stake_of(votes: &[Vote]) -> i64 {
    votes.iter().fold(0i64, |acc, v| acc.wrapping_add(v.stake))
}

/// Median score of the first, middle and last votes.
fn median_of_three(votes: &[Vote]) -> Option<i64> {
    let a = votes.first()?.score;
    let b = votes.get(votes.len() / 2)?.score;
    let c = votes.last()?.score;
    Some(a.max(b).min(a.min(b).max(c)))
}

/// Reorders `votes` into `[score > pivot | score == pivot | score < pivot]` and returns the
/// lengths of the first two parts.
fn partition_descending(votes: &mut [Vote], pivot: i64) -> (usize, usize) {
    let (mut above, mut next, mut below) = (0usize, 0usize, votes.len());
    while next < below {
        let score = votes.get(next).map(|v| v.score).unwrap_or_default();
        if score > pivot {
            votes.swap(above, next);
            above = above.saturating_add(1);
            next = next.saturating_add(1);
        } else if score < pivot {
            below = below.saturating_sub(1);
            votes.swap(next, below);
        } else {
            next = next.saturating_add(1);
        }
    }
    (above, next.saturating_sub(above))
}

/// subtensor's per-column construction and search, step for step.
fn literal_columns(
    voters: &[usize],
    stake: &[I32F32],
    weights: &SparseMatrix,
    columns: usize,
    minority: I32F32,
    stake_sum: I32F32,
) -> Vec<I32F32> {
    let mut scores = alloc::vec![alloc::vec![I32F32::ZERO; voters.len()]; columns];
    for (k, &row) in voters.iter().enumerate() {
        let (cols, vals) = weights.row(row);
        for (&j, &v) in cols.iter().zip(vals) {
            if let Some(cell) = scores.get_mut(usize::from(j)).and_then(|c| c.get_mut(k)) {
                *cell = v;
            }
        }
    }
    let all: Vec<usize> = (0..voters.len()).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A weight matrix of `rows` voters over `columns` uids with random sparse rows
    /// (scores are small so ties are frequent), and positive voter stakes.
    fn columns_case() -> impl Strategy<Value = (Vec<I32F32>, SparseMatrix, usize, I32F32)> {
        (1usize..12, 1usize..10).prop_flat_map(|(rows, columns)| {
            let row = proptest::collection::btree_map(0..columns as u16, 0i64..6, 0..=columns)
                .prop_map(|m| {
                    m.into_iter()
                        .map(|(j, v)| (j, I32F32::from_bits(v << 29)))
                        .collect::<Vec<_>>()
                });
            (
                proptest::collection::vec(0i64..(1 << 32), rows),
                proptest::collection::vec(row, rows),
                Just(columns),
                0u16..=u16::MAX,
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
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The weighted selection returns exactly what subtensor's pivot search returns.
        #[test]
        fn selection_equals_pivot_search((stake, weights, columns, kappa) in columns_case()) {
            let voters: Vec<usize> = (0..stake.len()).filter(|&i| stake[i] > I32F32::ZERO).collect();
            prop_assume!(!voters.is_empty());
            let mut use_stake: Vec<I32F32> = voters.iter().map(|&i| stake[i]).collect();
            normalize(&mut use_stake);
            let sum = sum_wrapping(&use_stake);
            let minority = sum.saturating_sub(kappa);
            let need = sum.to_bits() - minority.to_bits();
            prop_assert_eq!(
                select_columns(&voters, &use_stake, &weights, columns, sum.to_bits(), need),
                literal_columns(&voters, &use_stake, &weights, columns, minority, sum)
            );
        }
    }

    #[test]
    fn exact_half_split_resolves_to_the_higher_score() {
        let weights = SparseMatrix::from_rows([
            vec![(0u16, I32F32::from_bits(1 << 31))],
            vec![(0u16, I32F32::ONE)],
        ]);
        let stake = [I32F32::HALF, I32F32::HALF];
        let kappa = I32F32::from_u16_proportion(32_767);
        assert_eq!(consensus(&stake, &weights, 1, kappa), vec![I32F32::ONE]);
    }

    #[test]
    fn saturating_stakes_take_the_literal_search() {
        // Stakes whose sum overflows take subtensor's own search; it must not panic and
        // must agree with it on the first column.
        let stake = [I32F32::MAX, I32F32::MAX, I32F32::from_bits(5)];
        let weights = SparseMatrix::from_rows([
            vec![(0u16, I32F32::ONE)],
            vec![(0u16, I32F32::HALF)],
            vec![],
        ]);
        let out = consensus(&stake, &weights, 2, I32F32::from_u16_proportion(32_767));
        assert_eq!(out.len(), 2);
    }
}
