//! Consensus in one sweep over the columns.
//!
//! For weight rows sorted by uid (the order clients send) a cursor per voting row walks
//! the columns a block at a time: each row's entries in the block are read in one run (so
//! rows stream from memory rather than being touched once per column) and written straight
//! into their column's list of votes, which the weighted selection then works on in place.

use alloc::vec::Vec;

use super::select::{weighted_select, Vote};
use super::Voters;
use crate::fixed::{WeightDivisor, I32F32};
use crate::masked::{MaskedWeights, RowView};

/// Columns gathered per block: enough entries per row read in one run, while the block
/// (`BLOCK` × voters votes) stays in the second-level cache.
const BLOCK: usize = 64;

/// Whether a sweep is exact and cheap: every voting row sorted by uid, and dense enough
/// that visiting every (voter, column) pair costs about what reading the entries does.
pub fn applies(weights: &MaskedWeights<'_>, voters: &Voters, columns: usize) -> bool {
    let mut busy_rows = 0usize;
    let mut entries = 0usize;
    for &row in voters.rows() {
        let row = weights.row(row);
        let len = row.len();
        if len > 0 {
            if !row.is_ascending() {
                return false;
            }
            busy_rows = busy_rows.saturating_add(1);
            entries = entries.saturating_add(len);
        }
    }
    busy_rows.saturating_mul(columns) <= entries.saturating_mul(4)
}

/// Consensus of every column; `need` is the stake the consensus score must gather (see
/// [`super::select::weighted_select`]).
pub fn sweep(
    weights: &MaskedWeights<'_>,
    voters: &Voters,
    need: i64,
    columns: usize,
) -> Vec<I32F32> {
    let mut cursors: Vec<Cursor<'_>> = voters
        .rows()
        .iter()
        .zip(voters.stakes())
        .filter_map(|(&row, stake)| {
            let source = match weights.row(row) {
                RowView::Stored(row) => Source::Stored {
                    entries: row.entries,
                    skip: row.skip,
                    divisor: row.divisor,
                },
                RowView::Built(cols, vals) => Source::Built { cols, vals },
            };
            (!source.is_empty()).then(|| Cursor {
                source,
                next: 0,
                stake: stake.to_bits(),
            })
        })
        .collect();
    let total = voters.total().to_bits();
    let voter_count = voters.count();

    let mut consensus = Vec::with_capacity(columns);
    let size = BLOCK.min(columns).max(1);
    // Padded by a cache line so that columns of a power-of-two number of voters do not all
    // map to the same cache sets.
    let mut block = Block::new(size, cursors.len().saturating_add(5));
    for first in (0..columns).step_by(size) {
        let last = first.saturating_add(size).min(columns);
        block.clear(first, last);
        for cursor in cursors.iter_mut() {
            cursor.read(&mut block);
        }
        for c in 0..last.saturating_sub(first) {
            consensus.push(I32F32::from_bits(block.select(c, voter_count, total, need)));
        }
    }
    consensus
}

/// The votes of one block of columns. Rows with an entry in every column of the block
/// (full weight rows, the usual case) fill the same slot of each column, from the first
/// slot up, with no per-column bookkeeping; other rows list their votes down from the
/// column's last slot. Once every row is read, a column's votes are gathered in one run
/// and joined by the vote of the voters that have no entry there.
struct Block {
    votes: Vec<Vote>,
    /// Slots per column.
    width: usize,
    /// The block's columns.
    first: usize,
    last: usize,
    /// Rows read whole so far, and their stake.
    full: usize,
    full_stake: i64,
    /// Per column, votes of rows read in part so far, and their stake.
    partial: [usize; BLOCK],
    listed: [i64; BLOCK],
}

impl Block {
    fn new(size: usize, width: usize) -> Self {
        Self {
            votes: alloc::vec![Vote { score: 0, stake: 0 }; size.saturating_mul(width)],
            width,
            first: 0,
            last: 0,
            full: 0,
            full_stake: 0,
            partial: [0; BLOCK],
            listed: [0; BLOCK],
        }
    }

    fn clear(&mut self, first: usize, last: usize) {
        (self.first, self.last) = (first, last);
        (self.full, self.full_stake) = (0, 0);
        self.partial.fill(0);
        self.listed.fill(0);
    }

    /// The slot of the next row read whole, in each column of the block in turn.
    #[inline]
    fn full_slots(&mut self) -> impl Iterator<Item = &mut Vote> {
        let full = self.full;
        self.votes
            .chunks_exact_mut(self.width)
            .filter_map(move |column| column.get_mut(full))
    }

    /// Closes a row read whole, with stake `stake`.
    #[inline]
    fn end_full(&mut self, stake: i64) {
        self.full = self.full.saturating_add(1);
        self.full_stake = self.full_stake.wrapping_add(stake);
    }

    /// Lists a vote for uid `j` of this block, of a row read in part.
    #[inline]
    fn add(&mut self, j: u16, score: i64, stake: i64) {
        let c = usize::from(j).wrapping_sub(self.first);
        if let (Some(count), Some(sum)) = (self.partial.get_mut(c), self.listed.get_mut(c)) {
            let from_end = self.width.saturating_sub(1).saturating_sub(*count);
            if let Some(slot) = self
                .votes
                .get_mut(c.saturating_mul(self.width).saturating_add(from_end))
            {
                *slot = Vote { score, stake };
            }
            *count = count.saturating_add(1);
            *sum = sum.wrapping_add(stake);
        }
    }

    /// Column `c`'s consensus score, once every row is read.
    fn select(&mut self, c: usize, voter_count: usize, total: i64, need: i64) -> i64 {
        let start = c.saturating_mul(self.width);
        let Some(column) = self.votes.get_mut(start..start.saturating_add(self.width)) else {
            return 0;
        };
        let partial = self.partial.get(c).copied().unwrap_or_default();
        // Every row has a slot in each column, and one slot is left over: the two runs
        // never meet.
        let from = self.width.saturating_sub(partial);
        if self.full <= from {
            column.copy_within(from.., self.full);
        }
        let mut count = self.full.saturating_add(partial);
        if count < voter_count {
            let listed = self.listed.get(c).copied().unwrap_or_default();
            let missing = total.wrapping_sub(self.full_stake).wrapping_sub(listed);
            if let Some(slot) = column.get_mut(count) {
                *slot = Vote {
                    score: 0,
                    stake: missing,
                };
            }
            count = count.saturating_add(1);
        }
        weighted_select(column.get_mut(..count).unwrap_or_default(), total, need)
    }
}

/// Where a voting row's entries are read from.
enum Source<'a> {
    /// A stored row read in place (see [`crate::masked::StoredRow`]).
    Stored {
        entries: &'a [(u16, u16)],
        skip: usize,
        divisor: WeightDivisor,
    },
    /// A built row.
    Built { cols: &'a [u16], vals: &'a [I32F32] },
}

impl Source<'_> {
    fn is_empty(&self) -> bool {
        match self {
            Source::Stored { entries, skip, .. } => {
                entries
                    .len()
                    .saturating_sub(usize::from(*skip < entries.len()))
                    == 0
            }
            Source::Built { cols, .. } => cols.is_empty(),
        }
    }
}

/// A voting row with entries, as the sweep walks it.
struct Cursor<'a> {
    source: Source<'a>,
    /// Position of its next unread entry.
    next: usize,
    /// Its renormalised stake, raw.
    stake: i64,
}

impl Cursor<'_> {
    /// Lists this row's votes in the block's columns and moves past them. Uids ascend and
    /// those before the block were read by earlier blocks, so they are a prefix of at
    /// most one entry per column: read in one run, so rows stream from memory. A run as
    /// long as the block names each of its columns in turn.
    #[inline]
    fn read(&mut self, block: &mut Block) {
        let (next, stake, last) = (self.next, self.stake, block.last);
        let most = last.saturating_sub(block.first);
        match self.source {
            Source::Stored {
                entries,
                skip,
                divisor,
            } => {
                let rest = entries.get(next..).unwrap_or_default();
                let head = rest.get(..most).unwrap_or(rest);
                let run = head.partition_point(|e| usize::from(e.0) < last);
                // The self-weight, when in this run, is left out.
                let skipped = skip.checked_sub(next).filter(|&at| at < run);
                if run == most {
                    for (slot, &(_, w)) in block.full_slots().zip(head) {
                        *slot = Vote {
                            score: divisor.quotient(w).get().to_bits(),
                            stake,
                        };
                    }
                    // This row has no entry there: it votes 0.
                    if let Some(slot) = skipped.and_then(|at| block.full_slots().nth(at)) {
                        slot.score = 0;
                    }
                    block.end_full(stake);
                } else {
                    let (cut, resume) = match skipped {
                        Some(at) => (at, at.saturating_add(1)),
                        None => (run, run),
                    };
                    let kept = [head.get(..cut), head.get(resume..run)];
                    for part in kept.into_iter().flatten() {
                        for &(j, w) in part {
                            block.add(j, divisor.quotient(w).get().to_bits(), stake);
                        }
                    }
                }
                self.next = next.saturating_add(run);
            }
            Source::Built { cols, vals } => {
                let rest = cols.get(next..).unwrap_or_default();
                let head = rest.get(..most).unwrap_or(rest);
                let run = head.partition_point(|&j| usize::from(j) < last);
                let run_vals = vals.get(next..).unwrap_or_default();
                if run == most {
                    for (slot, w) in block.full_slots().zip(run_vals.iter().take(run)) {
                        *slot = Vote {
                            score: w.to_bits(),
                            stake,
                        };
                    }
                    block.end_full(stake);
                } else {
                    for (&j, w) in head.iter().zip(run_vals).take(run) {
                        block.add(j, w.to_bits(), stake);
                    }
                }
                self.next = next.saturating_add(run);
            }
        }
    }
}
