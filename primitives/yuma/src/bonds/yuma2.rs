//! Yuma 2 bonds and dividends (yuma-epoch.md §4.11).
//!
//! ΔB is column-normalised, so the EMA waits for every row of weights for bonds; they are
//! kept as ΔB's numerators `WB_ij · A_i`. After that, two passes: the EMA of the
//! column-normalised ΔB and B, taking each EMA column's sum and maximum, then the
//! column-normalised EMA, read into the dividends and, divided by its column's maximum,
//! into the bond rows to store. Division by a column's sum is monotone, so the maximum of a
//! normalised column is its normalised maximum, known before that last pass.

use alloc::vec::Vec;

use super::ema::EmaBuilder;
use super::{BondInputs, Entries};
use crate::clip::Clipper;
use crate::fixed::{Unit, UnitDivisor, WeightDivisor, I32F32};
use crate::input::Row;
use crate::masked::StoredRow;
use crate::matrix::SparseMatrix;
use crate::stake::normalize;

/// Yuma 2's bonds while the rows of weights for bonds arrive: the EMA rate and ΔB's
/// numerators so far.
pub(super) struct Delta {
    alpha: I32F32,
    numerators: SparseMatrix,
}

impl Delta {
    /// Ready for `rows` rows of up to `entries` weights in all.
    pub(super) fn new(alpha: I32F32, rows: usize, entries: usize) -> Self {
        Self {
            alpha,
            numerators: SparseMatrix::with_capacity(rows, entries),
        }
    }

    /// The next row of weights for bonds, of a validator with active stake `scale`.
    pub(super) fn push_row(&mut self, cols: &[u16], vals: &[I32F32], scale: I32F32) {
        for (&j, &v) in cols.iter().zip(vals) {
            self.numerators.push(j, v.saturating_mul(scale));
        }
        self.numerators.end_row();
    }

    /// Row `i` of W, read in place and clipped in one loop when its weights for bonds are
    /// its clipped weights (see [`Clipper::keeps_rows`]): each numerator is then the
    /// entry's rank term. Returns `false`, having done nothing, otherwise.
    pub(super) fn push_clipped(
        &mut self,
        i: usize,
        row: &StoredRow<'_>,
        clipper: &mut Clipper<'_>,
    ) -> bool {
        let (true, Some(scale)) = (clipper.keeps_rows(), Unit::new(clipper.scale(i))) else {
            return false;
        };
        let parts = row.parts();
        let mut trust = I32F32::ZERO;
        for part in parts {
            self.numerators.extend_cols(part.iter().map(|e| e.0));
        }
        for part in parts {
            self.numerators.extend_vals(part.iter().map(|&(j, w)| {
                let weight = row.weight(w).to_bits().unsigned_abs();
                let (kept, term) = clipper.keep(j, weight, scale);
                trust = trust.wrapping_add(kept.get());
                term.get()
            }));
        }
        clipper.end_row(trust);
        self.numerators.end_row();
        true
    }

    /// Dividends and the bond rows to store (the column-max-upscaled EMA, as u16, for rows
    /// `i` with `store[i]`; the others empty). `delta_sums`, when given, are ΔB's column
    /// sums (see [`super::Bonds::finish`]).
    pub(super) fn finish(
        self,
        inputs: &BondInputs<'_>,
        delta_sums: Option<&[I32F32]>,
        incentive: &[I32F32],
        store: &[bool],
        keeps_every_bond: bool,
    ) -> (Vec<I32F32>, Vec<Row>) {
        let n = inputs.n;
        let numerators = &self.numerators;
        let rows = numerators.rows();
        let mut buffer = Entries::new();
        // B: masked integer bonds, column-normalised.
        let bonds = Columns::sum(n, true, |add| {
            for i in 0..rows {
                if keeps_every_bond {
                    for &(j, b) in inputs.stored_row(i) {
                        add(j, I32F32::from_u16(b));
                    }
                } else {
                    inputs.masked_row(i, I32F32::from_u16, &mut buffer);
                    buffer.iter().for_each(|&(j, v)| add(j, v));
                }
            }
        });
        let delta = match delta_sums {
            Some(sums) => Columns::new(sums.to_vec(), false),
            None => Columns::sum(n, false, |add| {
                for (cols, vals) in numerators.iter_rows() {
                    cols.iter().zip(vals).for_each(|(&j, &v)| add(j, v));
                }
            }),
        };
        let mut ema = EmaBuilder::new(n, rows, numerators.entry_count(), self.alpha);
        let mut maxima = alloc::vec![I32F32::ZERO; n];
        let rates = ema.unit_rates();
        for (i, (cols, vals)) in numerators.iter_rows().enumerate() {
            let stored = inputs.stored_row(i);
            match rates {
                Some((alpha, keep))
                    if (keeps_every_bond || stored.is_empty())
                        && ema.takes_in_place(cols, stored) =>
                {
                    let mut row = InPlaceRow {
                        alpha,
                        keep,
                        delta: &delta,
                        bonds: &bonds,
                        maxima: &mut maxima,
                        zeros: false,
                    };
                    row.push(&mut ema, cols, vals, stored);
                }
                _ => {
                    inputs.masked_row(i, I32F32::from_u16, &mut buffer);
                    for (j, v) in &mut buffer {
                        *v = bonds.normalized(*j, *v);
                    }
                    ema.push_row(cols, vals, &buffer, |j, v| delta.normalized(j, v));
                    let (cols, vals) = ema.out.row(i);
                    for (&j, &v) in cols.iter().zip(vals) {
                        if let Some(max) = maxima.get_mut(usize::from(j)) {
                            *max = (*max).max(v);
                        }
                    }
                }
            }
        }
        let (ema, sums) = ema.finish();
        let sums = Columns::new(sums, false);
        let maxima = maxima
            .iter()
            .zip(0..=u16::MAX)
            .map(|(&max, j)| sums.normalized(j, max))
            .collect();
        let maxima = Columns::new(maxima, false);
        let incentive = |j: u16| incentive.get(usize::from(j)).copied().unwrap_or_default();
        let mut rows = Vec::with_capacity(ema.rows());
        let mut dividends: Vec<I32F32> = ema
            .iter_rows()
            .enumerate()
            .map(|(i, (cols, vals))| {
                let mut total = I32F32::ZERO;
                let mut row = Row::new();
                let mut add = |j: u16, v: I32F32| {
                    let normalized = sums.normalized(j, v);
                    total = total.saturating_add(incentive(j).saturating_mul(normalized));
                    normalized
                };
                if store.get(i).copied().unwrap_or_default() {
                    row.reserve_exact(cols.len());
                    for (&j, &v) in cols.iter().zip(vals) {
                        let normalized = add(j, v);
                        row.push((j, maxima.normalized(j, normalized).to_u16_proportion()));
                    }
                } else {
                    for (&j, &v) in cols.iter().zip(vals) {
                        add(j, v);
                    }
                }
                rows.push(row);
                total
            })
            .collect();
        normalize(&mut dividends);
        (dividends, rows)
    }
}

/// A row of the EMA built from a row of ΔB numerators and a stored bond row that is empty
/// or names the same uids, entry by entry, as [`EmaBuilder::push_row`] would build it.
struct InPlaceRow<'c> {
    /// α and 1 − α.
    alpha: Unit,
    keep: Unit,
    delta: &'c Columns,
    bonds: &'c Columns,
    /// Each EMA column's maximum so far.
    maxima: &'c mut [I32F32],
    /// Whether an EMA came out zero.
    zeros: bool,
}

impl InPlaceRow<'_> {
    fn push(&mut self, ema: &mut EmaBuilder, cols: &[u16], vals: &[I32F32], old: &[(u16, u16)]) {
        let (out, sums) = (&mut ema.out, &mut ema.sums);
        out.extend_cols(cols.iter().copied());
        if old.is_empty() {
            out.extend_vals(
                cols.iter()
                    .zip(vals)
                    .map(|(&j, &v)| self.entry(sums, j, v, None)),
            );
        } else {
            out.extend_vals(
                cols.iter()
                    .zip(vals)
                    .zip(old)
                    .map(|((&j, &v), &(_, b))| self.entry(sums, j, v, Some(b))),
            );
        }
        // Every entry is written, then the zeros (rare) are dropped.
        if self.zeros {
            out.drop_zeros_in_row();
        }
        out.end_row();
    }

    /// The EMA at uid `j` from ΔB's numerator `v` and the stored bond `old`, added to its
    /// column's sum and maximum.
    #[inline(always)]
    fn entry(&mut self, sums: &mut [I32F32], j: u16, v: I32F32, old: Option<u16>) -> I32F32 {
        let fresh = times(self.alpha, self.delta.normalized(j, v));
        let ema = match old {
            Some(b) => fresh.saturating_add(times(self.keep, self.bonds.normalized_whole(j, b))),
            None => fresh,
        };
        self.zeros |= ema.is_zero();
        let column = usize::from(j);
        if let (Some(sum), Some(max)) = (sums.get_mut(column), self.maxima.get_mut(column)) {
            *sum = sum.saturating_add(ema);
            *max = (*max).max(ema);
        }
        ema
    }
}

/// `rate.saturating_mul(x)` for a rate in [0, 1].
#[inline(always)]
fn times(rate: Unit, x: I32F32) -> I32F32 {
    match Unit::new(x) {
        Some(x) => rate.times(x),
        None => rate.get().saturating_mul(x),
    }
}

/// Column sums, prepared to divide entries by them as column normalisation does: unless
/// the sum is zero, `v.safe_div(sum)`. Numerators in [0, 1], and whole stored bonds over a
/// whole sum, take one multiplication from a compact table; others a full division.
struct Columns {
    sums: Vec<I32F32>,
    unit: Vec<Option<UnitDivisor>>,
    /// Per column, division of whole numbers by the (whole) sum; empty unless asked for.
    whole: Vec<Option<WeightDivisor>>,
}

impl Columns {
    /// The saturating sum of each column < n over `rows`; with `whole`, ready for whole
    /// numerators.
    fn sum(n: usize, whole: bool, mut rows: impl FnMut(&mut dyn FnMut(u16, I32F32))) -> Self {
        let mut sums = alloc::vec![I32F32::ZERO; n];
        rows(&mut |j, v| {
            if let Some(sum) = sums.get_mut(usize::from(j)) {
                *sum = sum.saturating_add(v);
            }
        });
        Self::new(sums, whole)
    }

    fn new(sums: Vec<I32F32>, whole: bool) -> Self {
        let unit = sums.iter().map(|&s| UnitDivisor::new(s)).collect();
        let whole = if whole {
            sums.iter()
                .map(|s| {
                    let raw = u64::try_from(s.to_bits()).ok()?;
                    (raw & ((1 << 32) - 1) == 0)
                        .then(|| WeightDivisor::new(raw >> 32))
                        .flatten()
                })
                .collect()
        } else {
            Vec::new()
        };
        Self { sums, unit, whole }
    }

    /// `v` divided by column `j`'s sum, unless that sum is zero.
    #[inline]
    fn normalized(&self, j: u16, v: I32F32) -> I32F32 {
        let j = usize::from(j);
        if let (Some(Some(divisor)), Some(v)) = (self.unit.get(j), Unit::new(v)) {
            return divisor.quotient(v);
        }
        match self.sums.get(j) {
            Some(sum) if !sum.is_zero() => v.safe_div(*sum),
            _ => v,
        }
    }

    /// [`Self::normalized`] for the whole number `b`.
    #[inline]
    fn normalized_whole(&self, j: u16, b: u16) -> I32F32 {
        match self.whole.get(usize::from(j)) {
            Some(Some(divisor)) => divisor.quotient(b),
            _ => self.normalized(j, I32F32::from_u16(b)),
        }
    }
}
