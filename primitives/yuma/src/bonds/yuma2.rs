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
use super::{add_to_column, dividends_and_rows, lay_over, within, BondInputs, Entries};
use crate::clip::Clipper;
use crate::fixed::{Unit, UnitDivisor, WeightDivisor, I32F32};
use crate::input::Row;
use crate::masked::StoredRow;
use crate::matrix::SparseMatrix;

/// Yuma 2's bonds while the rows of weights for bonds arrive: the EMA rate and ΔB's
/// numerators so far.
pub(super) struct Delta {
    alpha: I32F32,
    /// Number of uids.
    n: usize,
    numerators: SparseMatrix,
    /// Per row, whether its uids ascend below n (as in every row of W read in place).
    in_order: Vec<bool>,
}

impl Delta {
    /// Ready for `rows` rows of up to `entries` weights in all, over `n` uids.
    pub(super) fn new(alpha: I32F32, n: usize, rows: usize, entries: usize) -> Self {
        Self {
            alpha,
            n,
            numerators: SparseMatrix::with_capacity(rows, entries),
            in_order: Vec::with_capacity(rows),
        }
    }

    /// The next row of weights for bonds, of a validator with active stake `scale`.
    pub(super) fn push_row(&mut self, cols: &[u16], vals: &[I32F32], scale: I32F32) {
        for (&j, &v) in cols.iter().zip(vals) {
            self.numerators.push(j, v.saturating_mul(scale));
        }
        self.numerators.end_row();
        self.in_order.push(
            cols.is_sorted_by(|a, b| a < b) && cols.last().is_none_or(|&j| usize::from(j) < self.n),
        );
    }

    /// Row `i` of W, read in place and clipped in one loop when its weights for bonds are
    /// its clipped weights (see [`Clipper::clip_into`]): each numerator is then the
    /// entry's rank term. Returns `false`, having done nothing, otherwise.
    pub(super) fn push_clipped(
        &mut self,
        i: usize,
        row: &StoredRow<'_>,
        clipper: &mut Clipper<'_>,
    ) -> bool {
        if !clipper.clip_into(i, row, &mut self.numerators) {
            return false;
        }
        self.in_order.push(true);
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
        let (bonds, in_place) = bond_sums(inputs, numerators, &self.in_order, keeps_every_bond);
        let delta = match delta_sums {
            Some(sums) => Columns::new(sums.to_vec(), false),
            None => {
                let mut sums = alloc::vec![I32F32::ZERO; n];
                for (cols, vals) in numerators.iter_rows() {
                    for (&j, &v) in cols.iter().zip(vals) {
                        add_to_column(&mut sums, j, v);
                    }
                }
                Columns::new(sums, false)
            }
        };
        let mut ema = EmaBuilder::new(n, rows, numerators.entry_count(), self.alpha);
        let mut maxima = alloc::vec![I32F32::ZERO; n];
        let table = EmaColumn::table(&delta, &bonds);
        let in_place_ema =
            ema.unit_rates()
                .zip(table.as_deref())
                .map(|((alpha, keep), columns)| InPlace {
                    alpha,
                    keep,
                    columns,
                    delta: &delta,
                });
        let mut buffer = Entries::new();
        let mut laid_over = Vec::new();
        for (i, (cols, vals)) in numerators.iter_rows().enumerate() {
            match in_place_ema {
                Some(builder) if in_place.get(i).copied().unwrap_or_default() => {
                    let mut old = inputs.stored_row(i);
                    if !old.is_empty() && old.len() != cols.len() {
                        lay_over(cols.iter().copied(), old, &mut laid_over);
                        old = &laid_over;
                    }
                    builder.push(&mut ema, &mut maxima, cols, vals, old);
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
        dividends_and_rows(&ema, store, |_, cols, vals, stored| {
            let mut total = I32F32::ZERO;
            match stored {
                Some(stored) => {
                    for ((out, &j), &v) in stored.iter_mut().zip(cols).zip(vals) {
                        let normalized = sums.normalized(j, v);
                        total = total.saturating_add(incentive(j).saturating_mul(normalized));
                        *out = (j, maxima.normalized(j, normalized).to_u16_proportion());
                    }
                }
                None => {
                    for (&j, &v) in cols.iter().zip(vals) {
                        let normalized = sums.normalized(j, v);
                        total = total.saturating_add(incentive(j).saturating_mul(normalized));
                    }
                }
            }
            total
        })
    }
}

/// B's column sums (masked integer bonds), ready for whole numerators, and per row whether
/// its EMA row may be built in place (see [`InPlace`]): its uids ascend below n and its
/// stored bond row, kept whole by masking, is empty or names some of the same uids, as
/// after an epoch on the same rows.
fn bond_sums(
    inputs: &BondInputs<'_>,
    numerators: &SparseMatrix,
    in_order: &[bool],
    keeps_every_bond: bool,
) -> (Columns, Vec<bool>) {
    let mut totals = alloc::vec![0u64; inputs.n];
    let mut add = |j: u16, b: u16| {
        if let Some(total) = totals.get_mut(usize::from(j)) {
            *total = total.wrapping_add(u64::from(b));
        }
    };
    let in_place = (0..numerators.rows())
        .map(|i| {
            let stored = inputs.stored_row(i);
            if !keeps_every_bond && !stored.is_empty() {
                inputs.masked_entries(i).for_each(|(j, b)| add(j, b));
                return false;
            }
            let (cols, _) = numerators.row(i);
            let mut paired = stored.len() == cols.len();
            if paired {
                for (&(j, b), &col) in stored.iter().zip(cols) {
                    add(j, b);
                    paired &= j == col;
                }
            } else {
                stored.iter().for_each(|&(j, b)| add(j, b));
            }
            in_order.get(i).copied().unwrap_or_default()
                && (paired || stored.is_empty() || within(cols.iter().copied(), stored))
        })
        .collect();
    // The saturating I32F32 sum of whole numbers: exact below 2^31, else the maximum.
    let sums = totals
        .into_iter()
        .map(|total| {
            if total < 1 << 31 {
                I32F32::from_bits((total << 32) as i64)
            } else {
                I32F32::MAX
            }
        })
        .collect();
    (Columns::new(sums, true), in_place)
}

/// Per column, the divisors an EMA entry built in place takes: by ΔB's column sum and by
/// B's (whole) column sum.
#[derive(Clone, Copy)]
struct EmaColumn {
    delta: UnitDivisor,
    bonds: WeightDivisor,
}

impl EmaColumn {
    /// One per column, when every column has both divisors.
    fn table(delta: &Columns, bonds: &Columns) -> Option<Vec<Self>> {
        let (delta, bonds) = (delta.unit.as_ref()?, bonds.whole.as_ref()?);
        Some(
            delta
                .iter()
                .zip(bonds)
                .map(|(&delta, &bonds)| Self { delta, bonds })
                .collect(),
        )
    }
}

/// What building EMA rows in place reads: the rates and, per column, the divisors.
#[derive(Clone, Copy)]
struct InPlace<'c> {
    /// α and 1 − α.
    alpha: Unit,
    keep: Unit,
    /// Per column (n of them), its divisors.
    columns: &'c [EmaColumn],
    /// For numerators outside [0, 1].
    delta: &'c Columns,
}

impl InPlace<'_> {
    /// Appends to `ema` the row built from ΔB numerators whose uids ascend below n and a
    /// stored bond row `old` that is empty or names the same uids (laid over them, see
    /// [`lay_over`]), entry by entry, as
    /// [`EmaBuilder::push_row`] would build it; each entry is also taken into its column's
    /// `maxima`.
    fn push(
        self,
        ema: &mut EmaBuilder,
        maxima: &mut [I32F32],
        cols: &[u16],
        vals: &[I32F32],
        old: &[(u16, u16)],
    ) {
        let (out, sums) = (&mut ema.out, &mut ema.sums[..]);
        out.extend_cols(cols.iter().copied());
        let slots = out.extend_vals_zeroed(cols.len());
        let mut zeros = false;
        if old.is_empty() {
            for ((slot, &j), &v) in slots.iter_mut().zip(cols).zip(vals) {
                *slot = self.take(sums, maxima, &mut zeros, j, v, None);
            }
        } else {
            for (((slot, &j), &v), &(_, b)) in slots.iter_mut().zip(cols).zip(vals).zip(old) {
                *slot = self.take(sums, maxima, &mut zeros, j, v, Some(b));
            }
        }
        // Every entry is written, then the zeros (rare) are dropped.
        if zeros {
            out.drop_zeros_in_row();
        }
        out.end_row();
    }

    /// [`Self::entry`], taken into its column's sum and maximum; `zeros` is set if it is
    /// zero.
    #[inline(always)]
    fn take(
        self,
        sums: &mut [I32F32],
        maxima: &mut [I32F32],
        zeros: &mut bool,
        j: u16,
        v: I32F32,
        old: Option<u16>,
    ) -> I32F32 {
        let column = usize::from(j);
        let (Some(divisors), Some(sum), Some(max)) = (
            self.columns.get(column),
            sums.get_mut(column),
            maxima.get_mut(column),
        ) else {
            // Unreachable: the uids lie below n. Dropped as a zero.
            *zeros = true;
            return I32F32::ZERO;
        };
        let ema = self.entry(divisors, j, v, old);
        *zeros |= ema.is_zero();
        *sum = sum.saturating_add(ema);
        *max = (*max).max(ema);
        ema
    }

    /// The EMA at uid `j` from ΔB's numerator `v` and the stored bond `old`. Numerators
    /// and quotients are non-negative here, so no product saturates and only the sum
    /// might.
    #[inline(always)]
    fn entry(self, divisors: &EmaColumn, j: u16, v: I32F32, old: Option<u16>) -> I32F32 {
        let Some(v) = Unit::new(v) else {
            return self.entry_beyond_one(divisors, j, v, old);
        };
        let fresh = self.alpha.scale(divisors.delta.quotient(v));
        match old {
            Some(b) => fresh
                .saturating_add(self.keep.scale(divisors.bonds.quotient(b)))
                .get(),
            None => fresh.get(),
        }
    }

    /// [`Self::entry`] for a numerator above one (a stake or weight far outside [0, 1]).
    #[cold]
    fn entry_beyond_one(self, divisors: &EmaColumn, j: u16, v: I32F32, old: Option<u16>) -> I32F32 {
        let fresh = self.alpha.get().saturating_mul(self.delta.normalized(j, v));
        match old {
            Some(b) => fresh.saturating_add(self.keep.scale(divisors.bonds.quotient(b)).get()),
            None => fresh,
        }
    }
}

/// Column sums of non-negative values, prepared to divide the column's entries by them as
/// column normalisation does: unless the sum is zero, `v.safe_div(sum)`. When every sum
/// allows it, values in [0, 1], and whole stored bonds over whole sums, take one
/// multiplication from a compact table; a zero sum's column holds only zeros, which its
/// table entry divides to zero.
struct Columns {
    sums: Vec<I32F32>,
    unit: Option<Vec<UnitDivisor>>,
    /// Division of whole numbers by the (whole) sums; only when asked for.
    whole: Option<Vec<WeightDivisor>>,
}

impl Columns {
    fn new(sums: Vec<I32F32>, whole: bool) -> Self {
        let unit = sums
            .iter()
            .map(|&sum| match sum.is_zero() {
                true => Some(UnitDivisor::default()),
                false => UnitDivisor::new(sum),
            })
            .collect();
        let whole = whole
            .then(|| {
                sums.iter()
                    .map(|sum| {
                        let raw = u64::try_from(sum.to_bits()).ok()?;
                        match (raw >> 32, raw & ((1 << 32) - 1)) {
                            (0, 0) => Some(WeightDivisor::default()),
                            (whole, 0) => WeightDivisor::new(whole),
                            _ => None,
                        }
                    })
                    .collect()
            })
            .flatten();
        Self { sums, unit, whole }
    }

    /// `v` divided by column `j`'s sum, unless that sum is zero.
    #[inline]
    fn normalized(&self, j: u16, v: I32F32) -> I32F32 {
        let j = usize::from(j);
        let divisor = self.unit.as_ref().and_then(|unit| unit.get(j));
        if let (Some(divisor), Some(v)) = (divisor, Unit::new(v)) {
            return divisor.quotient(v).get();
        }
        match self.sums.get(j) {
            Some(sum) if !sum.is_zero() => v.safe_div(*sum),
            _ => v,
        }
    }
}
