//! Yuma 3's bond EMA with liquid alpha: a rate per bond (yuma-epoch.md §4.12).

use alloc::vec::Vec;

use super::{add_to_column, ascend_below, rows_pair, Entries};
use crate::fixed::I32F32;
use crate::liquid_alpha::LiquidAlpha;
use crate::matrix::SparseMatrix;

/// `mat_ema_alpha_sparse` with `compute_liquid_alpha_values_sparse`, built row by row as
/// the weights for bonds arrive (an EMA row needs only its own row): only uids in the new
/// row survive; each gets `min(1, (1−α)·old + max(0, α·new))` with α from the sigmoid,
/// keeping positive results, with the column sums taken on the way (as [`EmaBuilder`]
/// does).
///
/// subtensor evaluates α for every (row, uid) pair but reads it only where the new row has
/// an entry, so only those are computed. The weight and bond fed to the sigmoid come from
/// a forward walk over each stored row that assumes ascending uids: an entry is seen only
/// if its uid exceeds every uid before it in the row (see [`record_entries`]).
///
/// [`EmaBuilder`]: super::ema::EmaBuilder
pub(super) struct LiquidEma {
    pub(super) liquid: LiquidAlpha,
    /// The EMA rows so far.
    pub(super) out: SparseMatrix,
    /// The EMA's column sums so far.
    pub(super) sums: Vec<I32F32>,
    /// Per uid of the current old row: (stored value, value the walk sees).
    old_at: Vec<Option<(I32F32, I32F32)>>,
    /// The current old row.
    old: Entries,
}

impl LiquidEma {
    /// Ready for `rows` rows of up to `entries` weights in all, over `n` uids.
    pub(super) fn new(liquid: LiquidAlpha, n: usize, rows: usize, entries: usize) -> Self {
        Self {
            liquid,
            out: SparseMatrix::with_capacity(rows, entries),
            sums: alloc::vec![I32F32::ZERO; n],
            old_at: alloc::vec![None; n],
            old: Entries::new(),
        }
    }

    /// The next row of weights for bonds; `old_row` writes its old bond row (masked, as
    /// proportions) into the buffer it is given.
    pub(super) fn push_row(
        &mut self,
        (cols, vals): (&[u16], &[I32F32]),
        old_row: impl FnOnce(&mut Entries),
        consensus: &[I32F32],
    ) {
        let (liquid, n) = (&self.liquid, self.sums.len());
        let (out, sums, old) = (&mut self.out, &mut self.sums, &mut self.old);
        old_row(old);
        // An empty old row pairs with any new one as bonds of zero.
        if old.is_empty() && ascend_below(cols, n) {
            let zeros = core::iter::repeat(I32F32::ZERO);
            return push_paired((out, sums), (cols, vals), zeros, consensus, liquid);
        }
        if rows_pair(cols, old, n) {
            let bonds = old.iter().map(|e| e.1);
            return push_paired((out, sums), (cols, vals), bonds, consensus, liquid);
        }
        let old_cols = old.iter().map(|e| e.0);
        for (&(j, b), seen) in old.iter().zip(record_entries(old_cols)) {
            if let Some(slot) = self.old_at.get_mut(usize::from(j)) {
                *slot = Some((b, if seen { b } else { I32F32::ZERO }));
            }
        }
        for ((&j, &w), seen) in cols
            .iter()
            .zip(vals)
            .zip(record_entries(cols.iter().copied()))
        {
            let column = usize::from(j);
            let Some(&c) = consensus.get(column) else {
                continue;
            };
            let (old_value, old_seen) = self
                .old_at
                .get(column)
                .copied()
                .flatten()
                .unwrap_or_default();
            let weight_seen = if seen { w } else { I32F32::ZERO };
            let value = liquid_ema(liquid, c, (w, weight_seen), (old_value, old_seen));
            if value > I32F32::ZERO {
                out.push(j, value);
                add_to_column(sums, j, value);
            }
        }
        out.end_row();
        for &(j, _) in old.iter() {
            if let Some(slot) = self.old_at.get_mut(usize::from(j)) {
                *slot = None;
            }
        }
    }

    /// The EMA and its column sums.
    pub(super) fn finish(self) -> (SparseMatrix, Vec<I32F32>) {
        (self.out, self.sums)
    }
}

/// The EMA at uid `j` of a row whose uids ascend (so the walk meets every entry), from
/// its weight for bonds and its old bond; zero (dropped) past the last uid.
#[inline(always)]
pub(super) fn paired_entry(
    liquid: &LiquidAlpha,
    consensus: &[I32F32],
    j: u16,
    weight: I32F32,
    bond: I32F32,
) -> I32F32 {
    consensus.get(usize::from(j)).map_or(I32F32::ZERO, |&c| {
        liquid_ema(liquid, c, (weight, weight), (bond, bond))
    })
}

/// A row whose uids ascend below n and whose old row is empty or names the same uids (see
/// [`rows_pair`]): every entry is met by the walk, and its old value is the one `bonds`
/// gives beside it, so the row is built in one loop over both.
fn push_paired(
    (out, sums): (&mut SparseMatrix, &mut [I32F32]),
    (cols, vals): (&[u16], &[I32F32]),
    bonds: impl Iterator<Item = I32F32>,
    consensus: &[I32F32],
    liquid: &LiquidAlpha,
) {
    out.extend_cols(cols.iter().copied());
    let slots = out.extend_vals_zeroed(cols.len());
    let mut zeros = false;
    for (((slot, &j), &w), b) in slots.iter_mut().zip(cols).zip(vals).zip(bonds) {
        let column = usize::from(j);
        let (Some(&c), Some(sum)) = (consensus.get(column), sums.get_mut(column)) else {
            // Unreachable: the uids lie below n. Dropped as a zero.
            zeros = true;
            continue;
        };
        let value = liquid_ema(liquid, c, (w, w), (b, b));
        // Never negative, so a zero (dropped) adds nothing to the sum.
        zeros |= value <= I32F32::ZERO;
        *sum = sum.saturating_add(value.max(I32F32::ZERO));
        *slot = value;
    }
    // Every entry is written, then the zeros (rare) are dropped.
    if zeros {
        out.drop_zeros_in_row();
    }
    out.end_row();
}

/// `min(1, (1−α)·old + max(0, α·new))` with α from the sigmoid, for a new weight and old
/// bond each given with the value the walk sees for it.
#[inline(always)]
fn liquid_ema(
    liquid: &LiquidAlpha,
    consensus: I32F32,
    (weight, weight_seen): (I32F32, I32F32),
    (bond, bond_seen): (I32F32, I32F32),
) -> I32F32 {
    let a = liquid.alpha(consensus, weight_seen, bond_seen);
    let decayed = I32F32::ONE.saturating_sub(a).saturating_mul(bond);
    decayed
        .saturating_add(a.saturating_mul(weight).max(I32F32::ZERO))
        .min(I32F32::ONE)
}

/// Whether a peekable walk over uids `0, 1, …` meets each entry: the walk skips entries
/// below the current uid, so an entry is met only if its uid is above all earlier ones.
fn record_entries(cols: impl Iterator<Item = u16>) -> impl Iterator<Item = bool> {
    let mut highest: Option<u16> = None;
    cols.map(move |j| {
        let seen = highest.is_none_or(|h| j > h);
        highest = Some(highest.map_or(j, |h| h.max(j)));
        seen
    })
}
