//! Bonds and dividends of the sparse epoch (yuma-epoch.md §4.10–4.12).
//!
//! subtensor builds each intermediate bond matrix in full; here stored bond rows are read
//! one at a time into small reusable buffers (masked and converted on the way), and only
//! the EMA, which is stored, is built as a matrix.

use alloc::vec::Vec;

use crate::clip::Clipper;
use crate::fixed::{Unit, UnitDivisor, WeightDivisor, I32F32};
use crate::input::Row;
use crate::liquid_alpha::LiquidAlpha;
use crate::masked::StoredRow;
use crate::matrix::SparseMatrix;
use crate::stake::normalize;

/// One sparse row under construction: `(uid, value)` pairs.
type Entries = Vec<(u16, I32F32)>;

/// What every bond variant reads besides the weights for bonds.
pub struct BondInputs<'a> {
    /// Number of uids (columns).
    pub n: usize,
    /// Stored bond rows.
    pub bonds: &'a [Row],
    /// Bonds to uid `j` are dropped when `last_tempo <= block_at_registration[j]`.
    pub block_at_registration: &'a [u64],
    /// See [`crate::EpochParams::last_tempo`].
    pub last_tempo: u64,
    /// Active stake.
    pub active_stake: &'a [I32F32],
}

impl BondInputs<'_> {
    /// Stored row `i` without recently registered columns, each value converted by `f`,
    /// into `out`. Entries naming uids ≥ n are kept: they never reach an output, but the
    /// liquid-alpha walk must see them where they stand.
    fn masked_row(&self, i: usize, f: impl Fn(u16) -> I32F32, out: &mut Entries) {
        out.clear();
        let recent = |j: u16| {
            let registered = self.block_at_registration.get(usize::from(j)).copied();
            self.last_tempo <= registered.unwrap_or_default()
        };
        if let Some(row) = self.bonds.get(i) {
            out.extend(
                row.iter()
                    .filter(|(j, _)| !recent(*j))
                    .map(|&(j, b)| (j, f(b))),
            );
        }
    }

    fn active_stake(&self, i: usize) -> I32F32 {
        self.active_stake.get(i).copied().unwrap_or_default()
    }
}

/// How the bonds move towards the weights for bonds.
pub enum Method {
    /// Yuma 2 (§4.11) with its EMA rate.
    Yuma2(I32F32),
    /// Yuma 3 (§4.12) with one EMA rate for every bond.
    Yuma3(I32F32),
    /// Yuma 3 with liquid alpha: a rate per bond.
    Liquid(LiquidAlpha),
}

/// Takes the weights for bonds row by row (as [`Clipper`] gives them) and turns them into
/// dividends and the bonds to store. Yuma 3 with one rate builds
/// its EMA as the rows arrive; the other methods need every row first.
pub struct Bonds<'a> {
    inputs: BondInputs<'a>,
    method: Method,
    state: State,
    /// Whether [`BondInputs::masked_row`] would keep every stored entry.
    keeps_every_bond: bool,
}

enum State {
    /// Yuma 3: the EMA so far, and a buffer for the old row.
    Ema(EmaBuilder, Entries),
    /// The weights for bonds so far.
    Weights(SparseMatrix),
}

impl<'a> Bonds<'a> {
    /// Ready for rows of up to `entries` weights in all.
    pub fn new(inputs: BondInputs<'a>, method: Method, entries: usize) -> Self {
        let rows = inputs.bonds.len();
        let state = match method {
            Method::Yuma3(alpha) => State::Ema(
                EmaBuilder::new(inputs.n, rows, entries, alpha),
                Entries::new(),
            ),
            Method::Yuma2(_) | Method::Liquid(_) => {
                State::Weights(SparseMatrix::with_capacity(rows, entries))
            }
        };
        // No uid counts as registered since the last tempo (uids past n read as
        // registered at block 0), so masking drops no stored bond.
        let keeps_every_bond = inputs.last_tempo > 0
            && inputs
                .block_at_registration
                .iter()
                .all(|&registered| inputs.last_tempo > registered);
        Self {
            inputs,
            method,
            state,
            keeps_every_bond,
        }
    }

    /// Row `i` of the weights for bonds; rows come in order.
    pub fn push_row(&mut self, i: usize, cols: &[u16], vals: &[I32F32]) {
        match &mut self.state {
            State::Ema(ema, old) => {
                let stored = self.inputs.bonds.get(i).map_or(&[][..], Vec::as_slice);
                if self.keeps_every_bond && ema.pairs(cols, stored) {
                    let old_vals = stored.iter().map(|e| I32F32::from_u16_proportion(e.1));
                    ema.push_paired(cols, vals, old_vals, |_, v| v);
                } else {
                    self.inputs.masked_row(i, I32F32::from_u16_proportion, old);
                    ema.push_row(cols, vals, old, |_, v| v);
                }
            }
            State::Weights(wb) => {
                cols.iter().zip(vals).for_each(|(&j, &v)| wb.push(j, v));
                wb.end_row();
            }
        }
    }

    /// Row `i` of W, read in place and clipped in one loop when its weights for bonds are
    /// its clipped weights (see [`Clipper::keeps_rows`]): for Yuma 3 with one rate taken
    /// into the EMA at once when its stored bond row is empty or names the same uids, for
    /// the other methods kept as weights for bonds. Returns `false`, having done nothing,
    /// otherwise.
    pub fn push_clipped(
        &mut self,
        i: usize,
        row: &StoredRow<'_>,
        clipper: &mut Clipper<'_>,
    ) -> bool {
        let [before, after] = row.parts();
        let ema = match &mut self.state {
            State::Ema(ema, _) => ema,
            State::Weights(wb) => return push_clipped_weights(wb, row, i, clipper),
        };
        let stored = self.inputs.bonds.get(i).map_or(&[][..], Vec::as_slice);
        // The old row is empty, or names the uids of the new one entry for entry (as after
        // an epoch on unchanged rows) with masking dropping none of it.
        let old = if stored.is_empty() {
            None
        } else {
            let paired = |new: &[(u16, u16)], old: &[(u16, u16)]| {
                new.len() == old.len() && new.iter().zip(old).all(|(a, b)| a.0 == b.0)
            };
            match stored.split_at_checked(before.len()) {
                Some((old_before, old_after))
                    if self.keeps_every_bond
                        && paired(before, old_before)
                        && paired(after, old_after) =>
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
        // Every entry is written, then the zeros (rare) are dropped.
        match old {
            None => {
                for part in [before, after] {
                    out.extend_vals(
                        part.iter()
                            .map(|&(j, w)| fused.entry(clipper, sums, j, w, Unit::default())),
                    );
                }
            }
            Some([old_before, old_after]) => {
                for (new, old) in [(before, old_before), (after, old_after)] {
                    out.extend_vals(new.iter().zip(old).map(|(&(j, w), &(_, b))| {
                        fused.entry(clipper, sums, j, w, Unit::from_u16_proportion(b))
                    }));
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

    /// Dividends and the bond rows to store (u16, as the chain stores them): rows `i` with
    /// `store[i]`, the others empty. Called once every row is in.
    pub fn finish(
        self,
        consensus: &[I32F32],
        incentive: &[I32F32],
        store: &[bool],
    ) -> (Vec<I32F32>, Vec<Row>) {
        let inputs = &self.inputs;
        let n = inputs.n;
        match (self.method, self.state) {
            (_, State::Ema(ema, _)) => {
                let (ema, sums) = ema.finish();
                yuma3_dividends(&ema, &sums, inputs, incentive, store)
            }
            (Method::Liquid(liquid), State::Weights(wb)) => {
                let old_row = |i: usize, out: &mut Entries| {
                    inputs.masked_row(i, I32F32::from_u16_proportion, out)
                };
                let (ema, sums) = ema_liquid(&wb, old_row, consensus, &liquid, n);
                yuma3_dividends(&ema, &sums, inputs, incentive, store)
            }
            (Method::Yuma2(alpha) | Method::Yuma3(alpha), State::Weights(wb)) => {
                yuma2(&wb, inputs, alpha, incentive, store, self.keeps_every_bond)
            }
        }
    }
}

/// [`Bonds::push_clipped`] for the methods that keep every row of weights for bonds.
fn push_clipped_weights(
    wb: &mut SparseMatrix,
    row: &StoredRow<'_>,
    i: usize,
    clipper: &mut Clipper<'_>,
) -> bool {
    let (true, Some(scale)) = (clipper.keeps_rows(), Unit::new(clipper.scale(i))) else {
        return false;
    };
    let parts = row.parts();
    let mut trust = I32F32::ZERO;
    for part in parts {
        wb.extend_cols(part.iter().map(|e| e.0));
    }
    for part in parts {
        wb.extend_vals(part.iter().map(|&(j, w)| {
            let weight = row.weight(w).to_bits().unsigned_abs();
            let kept = clipper.keep(j, weight, scale);
            trust = trust.wrapping_add(kept.get());
            kept.get()
        }));
    }
    clipper.end_row(trust);
    wb.end_row();
    true
}

/// A row being clipped and taken into the EMA entry by entry (see
/// [`Bonds::push_clipped`]).
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
        let kept = clipper.keep(j, weight, self.scale);
        self.trust = self.trust.wrapping_add(kept.get());
        // Each term is at most its rate, and the rates add up to one: no saturation. The
        // EMA is never negative, so a zero (dropped from the row) adds nothing to a sum.
        let ema = self.alpha.times(kept).wrapping_add(self.keep.times(old));
        self.zeros |= ema.is_zero();
        add_to_column(sums, j, ema);
        ema
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

/// Yuma 2 (§4.11): returns dividends and the bond rows to store (the column-max-upscaled
/// EMA, as u16, for rows `i` with `store[i]`; the others empty).
fn yuma2(
    wb: &SparseMatrix,
    inputs: &BondInputs<'_>,
    alpha: I32F32,
    incentive: &[I32F32],
    store: &[bool],
    keeps_every_bond: bool,
) -> (Vec<I32F32>, Vec<Row>) {
    let n = inputs.n;
    let rows = wb.rows();
    let mut buffer = Entries::new();
    // B: masked integer bonds, column-normalised.
    let bond_divisors = Columns::sum(n, true, |add| {
        for i in 0..rows {
            if keeps_every_bond {
                let stored = inputs.bonds.get(i).map_or(&[][..], Vec::as_slice);
                stored
                    .iter()
                    .for_each(|&(j, b)| add(j, I32F32::from_u16(b)));
            } else {
                inputs.masked_row(i, I32F32::from_u16, &mut buffer);
                buffer.iter().for_each(|&(j, v)| add(j, v));
            }
        }
    });
    // ΔB = WB ∘ active stake, column-normalised.
    let delta_divisors = Columns::sum(n, false, |add| {
        for (i, (cols, vals)) in wb.iter_rows().enumerate() {
            let scale = inputs.active_stake(i);
            cols.iter()
                .zip(vals)
                .for_each(|(&j, &v)| add(j, v.saturating_mul(scale)));
        }
    });
    let mut ema = EmaBuilder::new(n, rows, wb.entry_count(), alpha);
    for (i, (cols, vals)) in wb.iter_rows().enumerate() {
        let stored = inputs.bonds.get(i).map_or(&[][..], Vec::as_slice);
        if keeps_every_bond && !stored.is_empty() && ema.pairs(cols, stored) {
            // Masking keeps the whole stored row, and it pairs with the new one.
            let scale = inputs.active_stake(i);
            let old = stored
                .iter()
                .map(|&(j, b)| bond_divisors.normalized_whole(j, b));
            ema.push_paired(cols, vals, old, |j, v| {
                delta_divisors.normalized(j, v.saturating_mul(scale))
            });
            continue;
        }
        inputs.masked_row(i, I32F32::from_u16, &mut buffer);
        buffer
            .iter_mut()
            .for_each(|(j, v)| *v = bond_divisors.normalized(*j, *v));
        let scale = inputs.active_stake(i);
        ema.push_row(cols, vals, &buffer, |j, v| {
            delta_divisors.normalized(j, v.saturating_mul(scale))
        });
    }
    let (mut ema, sums) = ema.finish();
    // The EMA column-normalised in place, with the dividends and each column's maximum
    // taken in the same pass.
    let divisors = Columns::new(sums, false);
    let mut maxima = alloc::vec![I32F32::ZERO; n];
    let mut dividends = Vec::with_capacity(ema.rows());
    for i in 0..ema.rows() {
        let (cols, vals) = ema.row_mut(i);
        let mut total = I32F32::ZERO;
        for (&j, v) in cols.iter().zip(vals.iter_mut()) {
            *v = divisors.normalized(j, *v);
            let j = usize::from(j);
            let inc = incentive.get(j).copied().unwrap_or_default();
            total = total.saturating_add(inc.saturating_mul(*v));
            if let Some(max) = maxima.get_mut(j) {
                *max = (*max).max(*v);
            }
        }
        dividends.push(total);
    }
    normalize(&mut dividends);
    // What is stored is divided by its column's maximum (`inplace_col_max_upscale_sparse`);
    // only the rows to store need it.
    let maxima = Columns::new(maxima, false);
    let rows = (0..ema.rows())
        .map(|i| {
            if !store.get(i).copied().unwrap_or_default() {
                return Row::new();
            }
            let (cols, vals) = ema.row(i);
            cols.iter()
                .zip(vals)
                .map(|(&j, &v)| (j, maxima.normalized(j, v).to_u16_proportion()))
                .collect()
        })
        .collect();
    (dividends, rows)
}

/// Yuma 3's dividends (§4.12) from the EMA and its column sums: the column-normalised EMA
/// times incentive, summed per row (wrapping, as `row_sum_sparse`), then times active
/// stake (checked, zero on overflow, as `vec_mul`). The raw EMA is what is stored: rows
/// `i` with `store[i]` are converted to u16 in the same pass.
fn yuma3_dividends(
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
    let mut rows = Vec::with_capacity(ema.rows());
    let mut dividends: Vec<I32F32> = ema
        .iter_rows()
        .enumerate()
        .map(|(i, (cols, vals))| {
            let mut total = I32F32::ZERO;
            let mut row = Row::new();
            if store.get(i).copied().unwrap_or_default() {
                row.reserve_exact(cols.len());
                for (&j, &v) in cols.iter().zip(vals) {
                    total = total.wrapping_add(term(j, v));
                    row.push((j, v.to_u16_proportion()));
                }
            } else {
                for (&j, &v) in cols.iter().zip(vals) {
                    total = total.wrapping_add(term(j, v));
                }
            }
            rows.push(row);
            total
                .checked_mul(inputs.active_stake(i))
                .unwrap_or_default()
        })
        .collect();
    normalize(&mut dividends);
    (dividends, rows)
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

/// `mat_ema_sparse` built row by row: per row, `α·new + (1−α)·old` accumulated per uid
/// < n (new entries first, then old, saturating), keeping positive results in ascending
/// uid order, with the EMA's column sums taken on the way (saturating, in row order, as
/// `inplace_col_normalize_sparse` takes them).
struct EmaBuilder {
    alpha: I32F32,
    keep: I32F32,
    /// Uids from here on are past the last column.
    limit: u16,
    out: SparseMatrix,
    sums: Vec<I32F32>,
    acc: RowAccumulator,
}

impl EmaBuilder {
    fn new(n: usize, rows: usize, entries: usize, alpha: I32F32) -> Self {
        Self {
            alpha,
            keep: I32F32::ONE.saturating_sub(alpha),
            limit: u16::try_from(n).unwrap_or(u16::MAX),
            out: SparseMatrix::with_capacity(rows, entries),
            sums: alloc::vec![I32F32::ZERO; n],
            acc: RowAccumulator::new(n),
        }
    }

    /// The next row, from the new row with each entry passed through `value(uid, entry)`
    /// and the old row.
    fn push_row(
        &mut self,
        new_cols: &[u16],
        new_vals: &[I32F32],
        old: &[(u16, I32F32)],
        value: impl Fn(u16, I32F32) -> I32F32,
    ) {
        if self.pairs(new_cols, old) {
            return self.push_paired(new_cols, new_vals, old.iter().map(|e| e.1), value);
        }
        let (alpha, keep, limit) = (self.alpha, self.keep, self.limit);
        let (out, sums) = (&mut self.out, &mut self.sums);
        let mut emit = |j: u16, v: I32F32| {
            if v > I32F32::ZERO {
                out.push(j, v);
                add_to_column(sums, j, v);
            }
        };
        let fresh = |k: usize| {
            let (&j, &v) = (new_cols.get(k)?, new_vals.get(k)?);
            Some((j, alpha.saturating_mul(value(j, v))))
        };
        let ascending = new_cols.is_sorted_by(|a, b| a < b);
        if ascending && old.is_sorted_by(|a, b| a.0 < b.0) {
            // Both rows sorted, as the chain usually stores them: a merge gives the same
            // sums in the same order without the accumulator.
            let new_len = new_cols.partition_point(|&j| j < limit);
            let old_len = old.partition_point(|e| e.0 < limit);
            let (mut a, mut b) = (0usize, 0usize);
            while a < new_len || b < old_len {
                let next_new = if a < new_len {
                    new_cols.get(a).copied()
                } else {
                    None
                };
                let next_old = if b < old_len {
                    old.get(b).copied()
                } else {
                    None
                };
                match (next_new, next_old) {
                    (Some(ja), Some((jb, vb))) if ja == jb => {
                        let va = fresh(a).map(|e| e.1).unwrap_or_default();
                        emit(ja, va.saturating_add(keep.saturating_mul(vb)));
                        a = a.saturating_add(1);
                        b = b.saturating_add(1);
                    }
                    (Some(ja), Some((jb, _))) if ja < jb => {
                        emit(ja, fresh(a).map(|e| e.1).unwrap_or_default());
                        a = a.saturating_add(1);
                    }
                    (_, Some((jb, vb))) => {
                        emit(jb, keep.saturating_mul(vb));
                        b = b.saturating_add(1);
                    }
                    (Some(ja), None) => {
                        emit(ja, fresh(a).map(|e| e.1).unwrap_or_default());
                        a = a.saturating_add(1);
                    }
                    (None, None) => break,
                }
            }
        } else {
            let acc = &mut self.acc;
            (0..new_cols.len())
                .filter_map(fresh)
                .for_each(|(j, v)| acc.add(j, v));
            old.iter()
                .for_each(|&(j, v)| acc.add(j, keep.saturating_mul(v)));
            acc.drain(&mut emit);
        }
        out.end_row();
    }

    /// Whether `old` (a stored row) names exactly the uids of `new_cols`, in that order,
    /// every one ascending and below n: then every entry pairs with the new one at its
    /// position, as after an epoch on unchanged full rows.
    fn pairs<T>(&self, new_cols: &[u16], old: &[(u16, T)]) -> bool {
        new_cols.len() == old.len()
            && new_cols.last().is_none_or(|&j| j < self.limit)
            && new_cols.is_sorted_by(|a, b| a < b)
            && new_cols.iter().zip(old).all(|(&a, b)| a == b.0)
    }

    /// The next row when the old row pairs with the new one (see [`Self::pairs`]): the
    /// merge of [`Self::push_row`] would pair every entry, in this order.
    fn push_paired(
        &mut self,
        new_cols: &[u16],
        new_vals: &[I32F32],
        old_vals: impl Iterator<Item = I32F32>,
        value: impl Fn(u16, I32F32) -> I32F32,
    ) {
        for ((&j, &v), b) in new_cols.iter().zip(new_vals).zip(old_vals) {
            self.push_entry(j, value(j, v), b);
        }
        self.out.end_row();
    }

    /// The EMA of one uid of the row, from its new and old values, kept if positive.
    #[inline]
    fn push_entry(&mut self, j: u16, new: I32F32, old: I32F32) {
        let ema = self
            .alpha
            .saturating_mul(new)
            .saturating_add(self.keep.saturating_mul(old));
        self.push_value(j, ema);
    }

    /// One uid's EMA, kept if positive.
    #[inline]
    fn push_value(&mut self, j: u16, ema: I32F32) {
        if ema > I32F32::ZERO {
            self.out.push(j, ema);
            add_to_column(&mut self.sums, j, ema);
        }
    }

    /// The rate α and 1 − α when both lie in [0, 1].
    #[inline]
    fn unit_rates(&self) -> Option<(Unit, Unit)> {
        Some((Unit::new(self.alpha)?, Unit::new(self.keep)?))
    }

    /// The EMA and its column sums.
    fn finish(self) -> (SparseMatrix, Vec<I32F32>) {
        (self.out, self.sums)
    }
}

/// Adds `v` (saturating) to column `j`'s sum.
#[inline]
fn add_to_column(sums: &mut [I32F32], j: u16, v: I32F32) {
    if let Some(sum) = sums.get_mut(usize::from(j)) {
        *sum = sum.saturating_add(v);
    }
}

/// `mat_ema_alpha_sparse` with `compute_liquid_alpha_values_sparse`: only uids in the new
/// row survive; each gets `min(1, (1−α)·old + max(0, α·new))` with α from the sigmoid.
///
/// subtensor evaluates α for every (row, uid) pair but reads it only where the new row has
/// an entry, so only those are computed. The weight and bond fed to the sigmoid come from
/// a forward walk over each stored row that assumes ascending uids: an entry is seen only
/// if its uid exceeds every uid before it in the row (see [`record_entries`]). Also returns
/// the column sums, as [`EmaBuilder`] does.
fn ema_liquid(
    new: &SparseMatrix,
    mut old_row: impl FnMut(usize, &mut Entries),
    consensus: &[I32F32],
    liquid: &LiquidAlpha,
    n: usize,
) -> (SparseMatrix, Vec<I32F32>) {
    let mut out = SparseMatrix::with_capacity(new.rows(), new.entry_count());
    let mut sums = alloc::vec![I32F32::ZERO; n];
    // Per uid of the current old row: (stored value, value the walk sees).
    let mut old_at: Vec<Option<(I32F32, I32F32)>> = alloc::vec![None; n];
    let mut old = Entries::new();
    for i in 0..new.rows() {
        old_row(i, &mut old);
        let old_cols = old.iter().map(|e| e.0);
        for (&(j, b), seen) in old.iter().zip(record_entries(old_cols)) {
            if let Some(slot) = old_at.get_mut(usize::from(j)) {
                *slot = Some((b, if seen { b } else { I32F32::ZERO }));
            }
        }
        let (cols, vals) = new.row(i);
        for ((&j, &w), seen) in cols
            .iter()
            .zip(vals)
            .zip(record_entries(cols.iter().copied()))
        {
            let column = usize::from(j);
            let Some(&c) = consensus.get(column) else {
                continue;
            };
            let (old_value, old_seen) = old_at.get(column).copied().flatten().unwrap_or_default();
            let weight_seen = if seen { w } else { I32F32::ZERO };
            let a = liquid.alpha(c, weight_seen, old_seen);
            let decayed = I32F32::ONE.saturating_sub(a).saturating_mul(old_value);
            let value = decayed
                .saturating_add(a.saturating_mul(w).max(I32F32::ZERO))
                .min(I32F32::ONE);
            if value > I32F32::ZERO {
                out.push(j, value);
                add_to_column(&mut sums, j, value);
            }
        }
        out.end_row();
        for &(j, _) in &old {
            if let Some(slot) = old_at.get_mut(usize::from(j)) {
                *slot = None;
            }
        }
    }
    (out, sums)
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

/// A dense accumulator for one row at a time, with its touched uids remembered so that
/// clearing and draining cost the row's length, not n.
struct RowAccumulator {
    values: Vec<I32F32>,
    touched: Vec<u16>,
    seen: Vec<bool>,
    ascending: bool,
}

impl RowAccumulator {
    fn new(n: usize) -> Self {
        Self {
            values: alloc::vec![I32F32::ZERO; n],
            touched: Vec::new(),
            seen: alloc::vec![false; n],
            ascending: true,
        }
    }

    /// Adds `v` (saturating) at uid `j`; uids ≥ n are ignored.
    fn add(&mut self, j: u16, v: I32F32) {
        let column = usize::from(j);
        let (Some(value), Some(seen)) = (self.values.get_mut(column), self.seen.get_mut(column))
        else {
            return;
        };
        if !*seen {
            *seen = true;
            if self.touched.last().is_some_and(|&last| last > j) {
                self.ascending = false;
            }
            self.touched.push(j);
        }
        *value = value.saturating_add(v);
    }

    /// Hands every touched uid and its sum to `emit` in ascending uid order, then resets.
    fn drain(&mut self, mut emit: impl FnMut(u16, I32F32)) {
        if !self.ascending {
            self.touched.sort_unstable();
        }
        for &j in &self.touched {
            let column = usize::from(j);
            if let (Some(value), Some(seen)) =
                (self.values.get_mut(column), self.seen.get_mut(column))
            {
                emit(j, core::mem::take(value));
                *seen = false;
            }
        }
        self.touched.clear();
        self.ascending = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::EpochParams;
    use proptest::prelude::*;

    /// subtensor's peekable walk for one row: the value met at each uid `0..n`.
    fn walk(row: &[(u16, I32F32)], n: usize) -> Vec<I32F32> {
        let mut it = row.iter().peekable();
        (0..n)
            .map(|j| {
                let j = j as u16;
                let mut value = I32F32::ZERO;
                while let Some(&&(i, v)) = it.peek() {
                    if i < j {
                        it.next();
                    } else {
                        if i == j {
                            value = v;
                        }
                        break;
                    }
                }
                value
            })
            .collect()
    }

    /// subtensor's `mat_ema_alpha_sparse` over α for every (row, uid), transcribed literally.
    fn literal_liquid(
        new: &[Vec<(u16, I32F32)>],
        old: &[Vec<(u16, I32F32)>],
        consensus: &[I32F32],
        liquid: &LiquidAlpha,
    ) -> Vec<Vec<(u16, I32F32)>> {
        let n = consensus.len();
        new.iter()
            .zip(old)
            .map(|(new_row, old_row)| {
                let (w, b) = (walk(new_row, n), walk(old_row, n));
                let alpha: Vec<I32F32> = (0..n)
                    .map(|j| liquid.alpha(consensus[j], w[j], b[j]))
                    .collect();
                let mut decayed = vec![I32F32::ZERO; n];
                for &(j, v) in old_row {
                    if let (Some(&a), Some(cell)) =
                        (alpha.get(j as usize), decayed.get_mut(j as usize))
                    {
                        *cell = I32F32::ONE.saturating_sub(a).saturating_mul(v);
                    }
                }
                new_row
                    .iter()
                    .filter_map(|&(j, v)| {
                        let (a, d) = (*alpha.get(j as usize)?, *decayed.get(j as usize)?);
                        let val = d
                            .saturating_add(a.saturating_mul(v).max(I32F32::ZERO))
                            .min(I32F32::ONE);
                        (val > I32F32::ZERO).then_some((j, val))
                    })
                    .collect()
            })
            .collect()
    }

    /// subtensor's `mat_ema_sparse`, densifying every row.
    fn literal_ema(
        new: &[Vec<(u16, I32F32)>],
        old: &[Vec<(u16, I32F32)>],
        alpha: I32F32,
        n: usize,
    ) -> Vec<Vec<(u16, I32F32)>> {
        let keep = I32F32::ONE.saturating_sub(alpha);
        new.iter()
            .zip(old)
            .map(|(new_row, old_row)| {
                let mut acc = vec![I32F32::ZERO; n];
                for &(j, v) in new_row {
                    if let Some(c) = acc.get_mut(j as usize) {
                        *c = c.saturating_add(alpha.saturating_mul(v));
                    }
                }
                for &(j, v) in old_row {
                    if let Some(c) = acc.get_mut(j as usize) {
                        *c = c.saturating_add(keep.saturating_mul(v));
                    }
                }
                acc.iter()
                    .enumerate()
                    .filter(|(_, v)| **v > I32F32::ZERO)
                    .map(|(j, &v)| (j as u16, v))
                    .collect()
            })
            .collect()
    }

    /// A row source over fixed rows.
    fn rows_from(rows: &[Vec<(u16, I32F32)>]) -> impl FnMut(usize, &mut Entries) + '_ {
        |i, out| {
            out.clear();
            out.extend(rows[i].iter().copied());
        }
    }

    /// [`EmaBuilder`] fed every row.
    fn ema_rows(
        new: &SparseMatrix,
        n: usize,
        alpha: I32F32,
        old: &[Vec<(u16, I32F32)>],
    ) -> (SparseMatrix, Vec<I32F32>) {
        let mut ema = EmaBuilder::new(n, new.rows(), new.entry_count(), alpha);
        for (i, (cols, vals)) in new.iter_rows().enumerate() {
            ema.push_row(cols, vals, &old[i], |_, v| v);
        }
        ema.finish()
    }

    /// Saturating column sums, row after row.
    fn column_sums(m: &SparseMatrix, n: usize) -> Vec<I32F32> {
        let mut sums = vec![I32F32::ZERO; n];
        for (cols, vals) in m.iter_rows() {
            for (&j, &v) in cols.iter().zip(vals) {
                sums[j as usize] = sums[j as usize].saturating_add(v);
            }
        }
        sums
    }

    fn rows_of(m: &SparseMatrix) -> Vec<Vec<(u16, I32F32)>> {
        m.iter_rows()
            .map(|(c, v)| c.iter().copied().zip(v.iter().copied()).collect())
            .collect()
    }

    /// Rows in arbitrary order without repeated uids; uids may exceed n (as stored bonds can).
    fn rows(n: usize, rows: usize) -> impl Strategy<Value = Vec<Vec<(u16, I32F32)>>> {
        let row = proptest::collection::btree_map(0..(n as u16 + 3), 0i64..=(1 << 32), 0..=n + 2)
            .prop_flat_map(|m| {
                Just(
                    m.into_iter()
                        .map(|(j, v)| (j, I32F32::from_bits(v)))
                        .collect::<Vec<_>>(),
                )
                .prop_shuffle()
            });
        proptest::collection::vec(row, rows)
    }

    type Rows = Vec<Vec<(u16, I32F32)>>;

    /// n, new rows, old rows, consensus, and liquid-alpha settings.
    fn case() -> impl Strategy<Value = (usize, Rows, Rows, Vec<I32F32>, EpochParams)> {
        (1usize..10).prop_flat_map(|n| {
            (
                Just(n),
                rows(n, n),
                rows(n, n),
                proptest::collection::vec(0i64..=(1 << 32), n),
                (any::<u16>(), any::<u16>(), any::<i16>()),
            )
                .prop_map(|(n, new, old, consensus, (low, high, steepness))| {
                    let params = EpochParams {
                        alpha_low: low.min(high),
                        alpha_high: high.max(low),
                        alpha_sigmoid_steepness: steepness,
                        ..EpochParams::default()
                    };
                    let new = new
                        .into_iter()
                        .map(|r| r.into_iter().filter(|&(j, _)| (j as usize) < n).collect())
                        .collect();
                    (
                        n,
                        new,
                        old,
                        consensus.into_iter().map(I32F32::from_bits).collect(),
                        params,
                    )
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]

        #[test]
        fn liquid_ema_equals_the_dense_walk((n, new, old, consensus, params) in case()) {
            let liquid = LiquidAlpha::new(&params);
            let ours = ema_liquid(&SparseMatrix::from_rows(new.clone()), rows_from(&old), &consensus, &liquid, n);
            prop_assert_eq!(rows_of(&ours.0), literal_liquid(&new, &old, &consensus, &liquid));
            prop_assert_eq!(ours.1, column_sums(&ours.0, n));
        }

        #[test]
        fn ema_equals_the_densified_rows((n, new, old, _consensus, _params) in case(), alpha in 0i64..=(1 << 32)) {
            let alpha = I32F32::from_bits(alpha);
            let ours = ema_rows(&SparseMatrix::from_rows(new.clone()), n, alpha, &old);
            prop_assert_eq!(rows_of(&ours.0), literal_ema(&new, &old, alpha, n));
            prop_assert_eq!(&ours.1, &column_sums(&ours.0, n));
            // Sorted rows take the merge.
            let sorted = |rows: &[Vec<(u16, I32F32)>]| -> Vec<Vec<(u16, I32F32)>> {
                rows.iter().map(|r| { let mut r = r.clone(); r.sort_unstable(); r }).collect()
            };
            let (new, old) = (sorted(&new), sorted(&old));
            let ours = ema_rows(&SparseMatrix::from_rows(new.clone()), n, alpha, &old);
            prop_assert_eq!(rows_of(&ours.0), literal_ema(&new, &old, alpha, n));
            prop_assert_eq!(&ours.1, &column_sums(&ours.0, n));
            // Old rows on exactly the new rows' uids take the paired loop.
            let paired: Rows = new.iter().zip(&old).map(|(row, old_row)| {
                row.iter().zip(old_row.iter().map(|e| e.1).chain(core::iter::repeat(I32F32::ONE)))
                    .map(|(&(j, _), b)| (j, b)).collect()
            }).collect();
            let ours = ema_rows(&SparseMatrix::from_rows(new.clone()), n, alpha, &paired);
            prop_assert_eq!(rows_of(&ours.0), literal_ema(&new, &paired, alpha, n));
            prop_assert_eq!(&ours.1, &column_sums(&ours.0, n));
        }
    }
}
