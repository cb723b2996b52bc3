//! Consensus, validator trust and ranks in one sweep over the columns.
//!
//! For weight rows sorted by uid (the order clients send) a cursor per row walks the
//! columns a block at a time: each row's entries in the block are read in one run (so rows
//! stream from memory rather than being touched once per column) and dealt out per column.
//! Then each column's consensus is selected from its votes, and the same entries are
//! clipped into trust and ranks. Rows are visited in row order and columns in column
//! order, so every sum is accumulated in subtensor's order.

use alloc::vec::Vec;

use super::select::{weighted_select, Vote};
use super::{clip, Consensus, Voters};
use crate::fixed::I32F32;
use crate::matrix::SparseMatrix;

/// Columns gathered per block: enough entries per row read in one run, while the block
/// (`BLOCK` × rows entries) stays in the second-level cache.
const BLOCK: usize = 32;

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
    busy_rows.saturating_mul(columns) <= weights.entry_count().saturating_mul(4)
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
    let (cols, vals) = weights.entries();
    // Per non-empty row, in row order: its uid, next entry, end, rank scale and vote stake.
    let mut busy: Vec<Busy> = (0..weights.rows())
        .filter_map(|row| {
            let span = weights.span(row);
            (!span.is_empty()).then(|| Busy {
                row,
                next: span.start,
                end: span.end,
                scale: active_stake.get(row).copied().unwrap_or_default(),
                stake: voters.stake_of_row(row),
                trust: I32F32::ZERO,
            })
        })
        .collect();
    let total = voters.total().to_bits();

    let mut consensus = Vec::with_capacity(columns);
    let mut ranks = Vec::with_capacity(columns);
    let mut votes: Vec<Vote> = Vec::with_capacity(voters.count().saturating_add(1));
    // Per column of the block, (index into `busy`, weight) of its entries in row order.
    // Room for every row, padded by a cache line so that columns of a power-of-two number
    // of rows do not all map to the same cache sets.
    let width = busy.len().saturating_add(4);
    let block = BLOCK.min(columns).max(1);
    let mut hits: Vec<(usize, I32F32)> =
        alloc::vec![(0, I32F32::ZERO); block.saturating_mul(width)];
    let mut filled = [0usize; BLOCK];
    for first in (0..columns).step_by(block) {
        let last = first.saturating_add(block).min(columns);
        filled.fill(0);
        for (k, b) in busy.iter_mut().enumerate() {
            while let Some(&col) = cols.get(b.next).filter(|_| b.next < b.end) {
                // Rows ascend, so the entries before `first` were read by earlier blocks.
                let Some(c) = usize::from(col)
                    .checked_sub(first)
                    .filter(|_| usize::from(col) < last)
                else {
                    break;
                };
                let w = vals.get(b.next).copied().unwrap_or_default();
                if let Some(count) = filled.get_mut(c) {
                    if let Some(slot) = hits.get_mut(c.saturating_mul(width).saturating_add(*count))
                    {
                        *slot = (k, w);
                    }
                    *count = count.saturating_add(1);
                }
                b.next = b.next.wrapping_add(1);
            }
        }
        for (c, &count) in filled.iter().enumerate().take(last.saturating_sub(first)) {
            let start = c.saturating_mul(width);
            let column = hits
                .get(start..start.saturating_add(count))
                .unwrap_or_default();
            votes.clear();
            let mut listed = 0i64;
            for &(k, w) in column {
                if let Some(s) = busy.get(k).and_then(|b| b.stake) {
                    votes.push(Vote {
                        score: w.to_bits(),
                        stake: s,
                    });
                    listed = listed.wrapping_add(s);
                }
            }
            let c = if voters.count() == 0 {
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
            for &(k, w) in column {
                if let (Some(kept), Some(b)) = (clip(w, c), busy.get_mut(k)) {
                    b.trust = b.trust.wrapping_add(kept);
                    rank = rank.saturating_add(b.scale.saturating_mul(kept));
                }
            }
            consensus.push(c);
            ranks.push(rank);
        }
    }
    let mut validator_trust = alloc::vec![I32F32::ZERO; weights.rows()];
    for b in &busy {
        if let Some(t) = validator_trust.get_mut(b.row) {
            *t = b.trust;
        }
    }
    Consensus {
        consensus,
        validator_trust,
        ranks,
    }
}

/// A row with entries, as the sweep walks it.
struct Busy {
    row: usize,
    /// Position of its next unread entry in the matrix's flat arrays.
    next: usize,
    end: usize,
    /// Its active stake, the factor of its clipped weights in the ranks.
    scale: I32F32,
    /// Its renormalised stake if it votes.
    stake: Option<i64>,
    /// Its clipped weights summed so far (validator trust).
    trust: I32F32,
}
