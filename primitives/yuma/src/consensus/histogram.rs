//! Consensus for any weight matrix, in passes over the rows (no transposition).

use alloc::vec::Vec;

use super::select::{stake_of, weighted_select, Vote};
use super::Voters;
use crate::fixed::I32F32;
use crate::masked::MaskedWeights;

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
pub fn select_columns(
    voters: &Voters,
    weights: &MaskedWeights<'_>,
    columns: usize,
    need: i64,
) -> Vec<I32F32> {
    // Every vote as (column, score, stake): plain nested loops, which compile to tighter
    // code than a flat_map chain.
    let total = voters.total().to_bits();
    let (rows, stake) = (voters.rows(), voters.stakes());
    let for_each_vote = |f: &mut dyn FnMut(usize, i64, i64)| {
        for (&row, s) in rows.iter().zip(stake) {
            let s = s.to_bits();
            weights
                .row(row)
                .for_each(|j, v| f(usize::from(j), v.to_bits(), s));
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
            let missing = usize::try_from(c.count).unwrap_or(usize::MAX) < voters.count();
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
