//! Rows of W clipped and taken into an EMA built row by row, in one loop: Yuma 3 with one
//! rate and with liquid alpha, whose EMA rows need only their own row of weights for bonds.

use crate::clip::{Clipper, Keeper};
use crate::fixed::{Unit, I32F32};
use crate::masked::StoredRow;
use crate::matrix::SparseMatrix;

use super::add_to_column;

/// Row `i` of W, read in place, clipped and taken into the EMA rows `out` (with column
/// sums `sums`) in one loop, when its weights for bonds are its clipped weights (see
/// [`Clipper::keeps_rows`]) and its stored bond row `stored` is empty or names the same
/// uids (as after an epoch on unchanged rows) with masking (`keeps_every_bond`) dropping
/// none of it. `ema(uid, kept weight, old bond)` gives an entry's EMA, never negative; the
/// old bond is 0 when `stored` is empty. Returns `false`, having done nothing, otherwise.
pub(super) fn push_clipped(
    (out, sums): (&mut SparseMatrix, &mut [I32F32]),
    (stored, keeps_every_bond): (&[(u16, u16)], bool),
    (i, row): (usize, &StoredRow<'_>),
    clipper: &mut Clipper<'_>,
    ema: impl Fn(u16, Unit, Unit) -> I32F32,
) -> bool {
    let [before, after] = row.parts();
    let old = if stored.is_empty() {
        None
    } else {
        let paired = |new: &[(u16, u16)], old: &[(u16, u16)]| {
            new.len() == old.len() && new.iter().zip(old).all(|(a, b)| a.0 == b.0)
        };
        match stored.split_at_checked(before.len()) {
            Some((old_before, old_after))
                if keeps_every_bond && paired(before, old_before) && paired(after, old_after) =>
            {
                Some([old_before, old_after])
            }
            _ => return false,
        }
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
        Some([old_before, old_after]) => {
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
