//! Consensus, validator trust and ranks in one sweep over the columns.
//!
//! For weight rows sorted by uid (the order clients send) a cursor per row walks every
//! column once: each column's votes are gathered while they sit in cache, its consensus is
//! selected, and the same entries are clipped into trust and ranks. Rows are visited in
//! row order, so every sum is accumulated in subtensor's order.

use alloc::vec::Vec;

use super::select::{weighted_select, Vote};
use super::{clip, Consensus, Voters};
use crate::fixed::I32F32;
use crate::matrix::SparseMatrix;

/// Whether a sweep is exact and cheap: every row sorted by uid, and dense enough that
/// visiting every (row, column) pair costs about what reading the entries does.
pub fn applies(weights: &SparseMatrix, columns: usize) -> bool {
    let mut busy_rows = 0usize;
    for (cols, _) in weights.iter_rows() {
        if !cols.is_empty() {
            if !cols.is_sorted_by(|a, b| a < b) {
                return false;
            }
            busy_rows = busy_rows.saturating_add(1);
        }
    }
    busy_rows.saturating_mul(columns) <= weights.entries().saturating_mul(4)
}

/// Runs the sweep; `need` is the stake the consensus score must gather (see
/// [`super::select::weighted_select`]).
pub fn sweep(
    weights: &SparseMatrix,
    voters: &Voters,
    need: i64,
    active_stake: &[I32F32],
    columns: usize,
) -> Consensus {
    let rows: Vec<usize> = (0..weights.rows())
        .filter(|&r| !weights.row(r).0.is_empty())
        .collect();
    let mut cursors: Vec<(&[u16], &[I32F32])> = rows.iter().map(|&r| weights.row(r)).collect();
    let voter_stake: Vec<Option<i64>> = rows.iter().map(|&r| voters.stake_of_row(r)).collect();
    let total = voters.total().to_bits();

    let mut out = Consensus {
        consensus: Vec::with_capacity(columns),
        validator_trust: alloc::vec![I32F32::ZERO; weights.rows()],
        ranks: Vec::with_capacity(columns),
    };
    let mut votes: Vec<Vote> = Vec::with_capacity(voters.count().saturating_add(1));
    let mut hits: Vec<(usize, I32F32)> = Vec::with_capacity(rows.len());
    for j in 0..columns {
        votes.clear();
        hits.clear();
        let mut listed = 0i64;
        for ((cursor, &row), stake) in cursors.iter_mut().zip(&rows).zip(&voter_stake) {
            let (Some((&col, cols)), Some((&w, vals))) =
                (cursor.0.split_first(), cursor.1.split_first())
            else {
                continue;
            };
            if usize::from(col) != j {
                continue;
            }
            *cursor = (cols, vals);
            hits.push((row, w));
            if let Some(s) = *stake {
                votes.push(Vote {
                    score: w.to_bits(),
                    stake: s,
                });
                listed = listed.wrapping_add(s);
            }
        }
        let consensus = if voters.count() == 0 {
            I32F32::ZERO
        } else {
            if votes.len() < voters.count() {
                votes.push(Vote {
                    score: 0,
                    stake: total.wrapping_sub(listed),
                });
            }
            I32F32::from_bits(weighted_select(&mut votes, total, need))
        };
        let mut rank = I32F32::ZERO;
        for &(row, w) in &hits {
            if let Some(kept) = clip(w, consensus) {
                if let Some(trust) = out.validator_trust.get_mut(row) {
                    *trust = trust.wrapping_add(kept);
                }
                let scale = active_stake.get(row).copied().unwrap_or_default();
                rank = rank.saturating_add(scale.saturating_mul(kept));
            }
        }
        out.consensus.push(consensus);
        out.ranks.push(rank);
    }
    out
}
