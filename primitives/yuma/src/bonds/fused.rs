//! Rows of W clipped and taken into an EMA built row by row, in one loop: Yuma 3 with one
//! rate and with liquid alpha, whose EMA rows need only their own row of weights for bonds.

use alloc::vec::Vec;

use crate::clip::{Clipper, Keeper};
use crate::fixed::{Unit, I32F32};
use crate::masked::StoredRow;
use crate::matrix::SparseMatrix;

use super::{add_to_column, lay_over, within};

/// Row `i` of W, read in place, clipped and taken into the EMA rows `out` (with column
/// sums `sums`) in one loop, when its weights for bonds are its clipped weights (see
/// [`Clipper::keeps_rows`]) and its stored bond row (see [`OldRow`]) is empty or names
/// some of the same uids (as after an epoch on the same rows) with masking dropping none
/// of it; a row naming fewer is first laid over the row's uids (see [`lay_over`]).
/// `ema(uid, kept weight, old bond)` gives an entry's EMA, never negative; the old bond
/// is 0 where none is stored. Returns `false`, having done nothing, otherwise.
pub(super) fn push_clipped(
    (out, sums): (&mut SparseMatrix, &mut [I32F32]),
    old: OldRow<'_>,
    (i, row): (usize, &StoredRow<'_>),
    clipper: &mut Clipper<'_>,
    ema: impl Fn(u16, Unit, Unit) -> I32F32,
) -> bool {
    let OldRow {
        stored,
        keeps_every_bond,
        laid_over,
    } = old;
    let [before, after] = row.parts();
    let old = if stored.is_empty() {
        None
    } else {
        if !keeps_every_bond {
            return false;
        }
        let paired = |new: &[(u16, u16)], old: &[(u16, u16)]| {
            new.len() == old.len() && new.iter().zip(old).all(|(a, b)| a.0 == b.0)
        };
        let uids = || before.iter().chain(after).map(|e| e.0);
        let old = match stored.split_at_checked(before.len()) {
            Some((old_before, old_after))
                if paired(before, old_before) && paired(after, old_after) =>
            {
                stored
            }
            _ if within(uids(), stored) => {
                lay_over(uids(), stored, laid_over);
                laid_over
            }
            _ => return false,
        };
        Some(old.split_at(before.len().min(old.len())))
    };
    let Some(keeper) = clipper.keeper(i) else {
        return false;
    };
    let [slots_before, slots_after] = out.extend_parts([before, after]);
    let mut fused = FusedRow {
        row,
        keeper,
        ema,
        zeros: false,
    };
    match old {
        None => {
            for (new, slots) in [(before, slots_before), (after, slots_after)] {
                for (slot, &(j, w)) in slots.iter_mut().zip(new) {
                    *slot = fused.entry(sums, j, w, Unit::default());
                }
            }
        }
        Some((old_before, old_after)) => {
            let parts = [
                (before, old_before, slots_before),
                (after, old_after, slots_after),
            ];
            for (new, old, slots) in parts {
                for ((slot, &(j, w)), &(_, b)) in slots.iter_mut().zip(new).zip(old) {
                    *slot = fused.entry(sums, j, w, Unit::from_u16_proportion(b));
                }
            }
        }
    }
    // Every entry is written, then the zeros (rare) are dropped.
    if fused.zeros {
        out.drop_zeros_in_row();
    }
    let trust = fused.keeper.trust();
    clipper.end_row(trust);
    out.end_row();
    true
}

/// The stored bonds of a row going into [`push_clipped`].
pub(super) struct OldRow<'a> {
    /// The stored bond row.
    pub stored: &'a [(u16, u16)],
    /// Whether masking keeps every stored bond (see [`super::Bonds`]).
    pub keeps_every_bond: bool,
    /// Room for the stored row laid over the row of weights.
    pub laid_over: &'a mut Vec<(u16, u16)>,
}

/// A row being clipped and taken into the EMA entry by entry (see [`push_clipped`]).
struct FusedRow<'r, 'a, 'c, F> {
    row: &'r StoredRow<'a>,
    keeper: Keeper<'c>,
    /// An entry's EMA from its uid, kept weight and old bond.
    ema: F,
    /// Whether an EMA came out zero.
    zeros: bool,
}

impl<F: Fn(u16, Unit, Unit) -> I32F32> FusedRow<'_, '_, '_, F> {
    /// Stored weight `w` at uid `j`, whose old bond is `old`: clipped (its rank and trust
    /// added), and its EMA, added to the column's sum and returned. A zero (dropped from
    /// the row) adds nothing to a sum.
    #[inline(always)]
    fn entry(&mut self, sums: &mut [I32F32], j: u16, w: u16, old: Unit) -> I32F32 {
        let (kept, _) = self.keeper.keep(j, self.row.divisor.quotient(w));
        let value = (self.ema)(j, kept, old);
        self.zeros |= value.is_zero();
        add_to_column(sums, j, value);
        value
    }
}
