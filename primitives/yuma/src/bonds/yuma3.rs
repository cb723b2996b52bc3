//! Yuma 3 bonds and dividends with one EMA rate (yuma-epoch.md §4.12): rows of W clipped
//! and taken into the EMA in one loop, and the dividends read off the EMA in one pass.

use alloc::vec::Vec;

use super::ema::EmaBuilder;
use super::{add_to_column, dividends_and_rows, BondInputs};
use crate::clip::Clipper;
use crate::fixed::{Unit, UnitDivisor, I32F32};
use crate::input::Row;
use crate::masked::StoredRow;
use crate::matrix::SparseMatrix;

/// Row `i` of W, read in place, clipped and taken into the EMA in one loop, when its
/// weights for bonds are its clipped weights (see [`Clipper::keeps_rows`]) and its stored
/// bond row `stored` is empty or names the same uids (as after an epoch on unchanged rows)
/// with masking (`keeps_every_bond`) dropping none of it. Returns `false`, having done
/// nothing, otherwise.
pub(super) fn push_clipped(
    ema: &mut EmaBuilder,
    stored: &[(u16, u16)],
    keeps_every_bond: bool,
    i: usize,
    row: &StoredRow<'_>,
    clipper: &mut Clipper<'_>,
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
    let (true, Some(scale), Some((alpha, keep))) = (
        clipper.keeps_rows(),
        Unit::new(clipper.scale(i)),
        ema.unit_rates(),
    ) else {
        return false;
    };
    let mut fused = FusedRow {
        row,
        scale,
        alpha,
        keep,
        trust: I32F32::ZERO,
        zeros: false,
    };
    let (out, sums) = (&mut ema.out, &mut ema.sums);
    for part in [before, after] {
        out.extend_cols(part.iter().map(|e| e.0));
    }
    let slots = out.extend_vals_zeroed(before.len().saturating_add(after.len()));
    let (slots_before, slots_after) = slots.split_at_mut(before.len().min(slots.len()));
    // Every entry is written, then the zeros (rare) are dropped.
    match old {
        None => {
            for (new, slots) in [(before, slots_before), (after, slots_after)] {
                for (slot, &(j, w)) in slots.iter_mut().zip(new) {
                    *slot = fused.entry(clipper, sums, j, w, Unit::default());
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
                    *slot = fused.entry(clipper, sums, j, w, Unit::from_u16_proportion(b));
                }
            }
        }
    }
    if fused.zeros {
        out.drop_zeros_in_row();
    }
    clipper.end_row(fused.trust);
    out.end_row();
    true
}

/// A row being clipped and taken into the EMA entry by entry (see
/// [`push_clipped`]).
struct FusedRow<'r, 'a> {
    row: &'r StoredRow<'a>,
    /// The row's active stake.
    scale: Unit,
    /// α and 1 − α.
    alpha: Unit,
    keep: Unit,
    /// The row's kept weights so far.
    trust: I32F32,
    /// Whether an EMA came out zero.
    zeros: bool,
}

impl FusedRow<'_, '_> {
    /// Stored weight `w` at uid `j`, whose old bond is `old`: clipped (its rank and trust
    /// added), and its EMA, added to the column's sum and returned.
    #[inline(always)]
    fn entry(
        &mut self,
        clipper: &mut Clipper<'_>,
        sums: &mut [I32F32],
        j: u16,
        w: u16,
        old: Unit,
    ) -> I32F32 {
        let weight = self.row.weight(w).to_bits().unsigned_abs();
        let (kept, _) = clipper.keep(j, weight, self.scale);
        self.trust = self.trust.wrapping_add(kept.get());
        // Each term is at most its rate, and the rates add up to one: no saturation. The
        // EMA is never negative, so a zero (dropped from the row) adds nothing to a sum.
        let ema = self.alpha.times(kept).wrapping_add(self.keep.times(old));
        self.zeros |= ema.is_zero();
        add_to_column(sums, j, ema);
        ema
    }
}

/// Yuma 3's dividends (§4.12) from the EMA and its column sums: the column-normalised EMA
/// times incentive, summed per row (wrapping, as `row_sum_sparse`), then times active
/// stake (checked, zero on overflow, as `vec_mul`). The raw EMA is what is stored: rows
/// `i` with `store[i]` are converted to u16 in the same pass.
pub(super) fn yuma3_dividends(
    ema: &SparseMatrix,
    sums: &[I32F32],
    inputs: &BondInputs<'_>,
    incentive: &[I32F32],
    store: &[bool],
) -> (Vec<I32F32>, Vec<Row>) {
    let columns: Vec<DividendColumn> = sums
        .iter()
        .zip(incentive)
        .map(|(&sum, &incentive)| DividendColumn::new(sum, incentive))
        .collect();
    let term = |j: u16, v: I32F32| {
        columns
            .get(usize::from(j))
            .map(|column| column.term(v))
            .unwrap_or_default()
    };
    dividends_and_rows(ema, store, |i, cols, vals, stored| {
        let mut total = I32F32::ZERO;
        match stored {
            Some(stored) => {
                for ((out, &j), &v) in stored.iter_mut().zip(cols).zip(vals) {
                    total = total.wrapping_add(term(j, v));
                    *out = (j, v.to_u16_proportion());
                }
            }
            None => {
                for (&j, &v) in cols.iter().zip(vals) {
                    total = total.wrapping_add(term(j, v));
                }
            }
        }
        total
            .checked_mul(inputs.active_stake(i))
            .unwrap_or_default()
    })
}

/// One column's part in Yuma 3's dividends: its EMA sum and incentive, prepared for the
/// usual case of values in [0, 1].
struct DividendColumn {
    sum: I32F32,
    incentive: I32F32,
    /// Division by the sum, and the incentive, when the sum allows it and the incentive
    /// lies in [0, 1].
    unit: Option<(UnitDivisor, Unit)>,
}

impl DividendColumn {
    fn new(sum: I32F32, incentive: I32F32) -> Self {
        Self {
            sum,
            incentive,
            unit: UnitDivisor::new(sum).zip(Unit::new(incentive)),
        }
    }

    /// `v` divided by the column sum (unless that is zero), times the incentive
    /// (saturating).
    #[inline]
    fn term(&self, v: I32F32) -> I32F32 {
        if let (Some((divisor, incentive)), Some(v)) = (self.unit, Unit::new(v)) {
            let quotient = divisor.quotient(v);
            return match Unit::new(quotient) {
                Some(q) => q.times(incentive),
                None => quotient.saturating_mul(incentive.get()),
            };
        }
        let normalized = if self.sum.is_zero() {
            v
        } else {
            v.safe_div(self.sum)
        };
        normalized.saturating_mul(self.incentive)
    }
}
