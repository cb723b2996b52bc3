//! Consensus in one sweep over the columns.
//!
//! For weight rows sorted by uid (the order clients send) a cursor per voting row walks
//! the columns a block at a time: each row's entries in the block are read in one run (so
//! rows stream from memory rather than being touched once per column) and written straight
//! into their column's list of votes, which the weighted selection then works on in place.

use alloc::vec::Vec;

use super::select::{weighted_select, Vote};
use super::Voters;
use crate::fixed::I32F32;
use crate::matrix::SparseMatrix;

/// Columns gathered per block: enough entries per row read in one run, while the block
/// (`BLOCK` × voters votes) stays in the second-level cache.
const BLOCK: usize = 32;

/// Whether a sweep is exact and cheap: every voting row sorted by uid, and dense enough
/// that visiting every (voter, column) pair costs about what reading the entries does.
pub fn applies(weights: &SparseMatrix, voters: &Voters, columns: usize) -> bool {
    let mut busy_rows = 0usize;
    let mut entries = 0usize;
    for &row in voters.rows() {
        let (cols, _) = weights.row(row);
        if !cols.is_empty() {
            if !cols.is_sorted_by(|a, b| a < b) {
                return false;
            }
            busy_rows = busy_rows.saturating_add(1);
            entries = entries.saturating_add(cols.len());
        }
    }
    busy_rows.saturating_mul(columns) <= entries.saturating_mul(4)
}

/// Consensus of every column; `need` is the stake the consensus score must gather (see
/// [`super::select::weighted_select`]).
pub fn sweep(weights: &SparseMatrix, voters: &Voters, need: i64, columns: usize) -> Vec<I32F32> {
    let (cols, vals) = weights.entries();
    let mut cursors: Vec<Cursor> = voters
        .rows()
        .iter()
        .zip(voters.stakes())
        .filter_map(|(&row, stake)| {
            let span = weights.span(row);
            (!span.is_empty()).then(|| Cursor {
                next: span.start,
                end: span.end,
                stake: stake.to_bits(),
            })
        })
        .collect();
    let total = voters.total().to_bits();
    let voter_count = voters.count();

    let mut consensus = Vec::with_capacity(columns);
    // Per column of the block, its votes in row order, then the vote of the voters that
    // have no entry there. Padded by a cache line so that columns of a power-of-two number
    // of voters do not all map to the same cache sets.
    let width = cursors.len().saturating_add(5);
    let block = BLOCK.min(columns).max(1);
    let mut votes = alloc::vec![Vote { score: 0, stake: 0 }; block.saturating_mul(width)];
    let mut filled = [0usize; BLOCK];
    let mut listed = [0i64; BLOCK];
    for first in (0..columns).step_by(block) {
        let last = first.saturating_add(block).min(columns);
        filled.fill(0);
        listed.fill(0);
        for cursor in cursors.iter_mut() {
            let row_cols = cols.get(cursor.next..cursor.end).unwrap_or_default();
            // Uids ascend and those before `first` were read by earlier blocks, so the
            // run in this block is a prefix of at most `block` entries.
            let head = row_cols.get(..block).unwrap_or(row_cols);
            let run = head.partition_point(|&j| usize::from(j) < last);
            let run_vals = vals.get(cursor.next..).unwrap_or_default();
            for (&j, w) in head.iter().zip(run_vals).take(run) {
                let c = usize::from(j).wrapping_sub(first);
                if let (Some(count), Some(sum)) = (filled.get_mut(c), listed.get_mut(c)) {
                    if let Some(slot) =
                        votes.get_mut(c.saturating_mul(width).saturating_add(*count))
                    {
                        *slot = Vote {
                            score: w.to_bits(),
                            stake: cursor.stake,
                        };
                    }
                    *count = count.saturating_add(1);
                    *sum = sum.wrapping_add(cursor.stake);
                }
            }
            cursor.next = cursor.next.saturating_add(run);
        }
        for c in 0..last.saturating_sub(first) {
            let mut count = filled.get(c).copied().unwrap_or_default();
            let start = c.saturating_mul(width);
            if count < voter_count {
                let missing = total.wrapping_sub(listed.get(c).copied().unwrap_or_default());
                if let Some(slot) = votes.get_mut(start.saturating_add(count)) {
                    *slot = Vote {
                        score: 0,
                        stake: missing,
                    };
                }
                count = count.saturating_add(1);
            }
            let column = votes
                .get_mut(start..start.saturating_add(count))
                .unwrap_or_default();
            consensus.push(I32F32::from_bits(weighted_select(column, total, need)));
        }
    }
    consensus
}

/// A voting row with entries, as the sweep walks it.
struct Cursor {
    /// Position of its next unread entry in the matrix's flat arrays.
    next: usize,
    end: usize,
    /// Its renormalised stake, raw.
    stake: i64,
}
