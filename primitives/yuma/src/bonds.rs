//! Bonds and dividends of the sparse epoch (yuma-epoch.md §4.10–4.12).
//!
//! subtensor builds each intermediate bond matrix in full; here stored bond rows are read
//! one at a time into small reusable buffers (masked and converted on the way), and only
//! the EMA, which is stored, is built as a matrix.

use alloc::vec::Vec;

use crate::consensus::clip;
use crate::fixed::{FixedDivisor, I32F32};
use crate::input::Row;
use crate::liquid_alpha::LiquidAlpha;
use crate::matrix::SparseMatrix;
use crate::stake::normalize;

/// One sparse row under construction: `(uid, value)` pairs.
type Entries = Vec<(u16, I32F32)>;

/// What both bond variants read besides the weights for bonds.
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
    /// Incentive.
    pub incentive: &'a [I32F32],
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

/// Turns the weights W into the weights for bonds, in place (`interpolate_sparse`, §4.10):
/// W itself for β = 0, the clipped W̄ for β = 1, otherwise `W + β(W̄ − W)` keeping the
/// positive entries in ascending uid order.
pub fn into_weights_for_bonds(weights: &mut SparseMatrix, consensus: &[I32F32], beta: I32F32) {
    let at = |j: u16| consensus.get(usize::from(j)).copied().unwrap_or_default();
    if beta.is_zero() {
        return;
    }
    if beta == I32F32::ONE {
        weights.retain_map(|_, j, w| clip(w, at(j)));
        return;
    }
    weights.retain_map(|_, j, w| {
        let c = clip(w, at(j)).unwrap_or_default();
        let v = w.saturating_add(beta.saturating_mul(c.saturating_sub(w)));
        (v > I32F32::ZERO).then_some(v)
    });
    let mut scratch = Vec::new();
    for i in 0..weights.rows() {
        weights.sort_row(i, &mut scratch);
    }
}

/// Column divisors: the saturating sum of each column < n over `rows`.
fn column_divisors(
    n: usize,
    mut rows: impl FnMut(&mut dyn FnMut(u16, I32F32)),
) -> Vec<FixedDivisor> {
    let mut sums = alloc::vec![I32F32::ZERO; n];
    rows(&mut |j, v| {
        if let Some(sum) = sums.get_mut(usize::from(j)) {
            *sum = sum.saturating_add(v);
        }
    });
    sums.into_iter().map(FixedDivisor::new).collect()
}

/// `v` divided by its column's sum, unless that sum is zero (column normalisation).
#[inline]
fn normalized(divisors: &[FixedDivisor], j: u16, v: I32F32) -> I32F32 {
    match divisors.get(usize::from(j)) {
        Some(d) if !d.divisor().is_zero() => d.safe_div(v),
        _ => v,
    }
}

/// Yuma 2 (§4.11): returns dividends and the bonds to store (column-max-upscaled EMA).
pub fn yuma2(
    wb: &SparseMatrix,
    inputs: &BondInputs<'_>,
    alpha: I32F32,
) -> (Vec<I32F32>, SparseMatrix) {
    let n = inputs.n;
    let rows = wb.rows();
    let mut buffer = Entries::new();
    // B: masked integer bonds, column-normalised.
    let bond_divisors = column_divisors(n, |add| {
        for i in 0..rows {
            inputs.masked_row(i, I32F32::from_u16, &mut buffer);
            buffer.iter().for_each(|&(j, v)| add(j, v));
        }
    });
    // ΔB = WB ∘ active stake, column-normalised.
    let delta_divisors = column_divisors(n, |add| {
        for (i, (cols, vals)) in wb.iter_rows().enumerate() {
            let scale = inputs.active_stake(i);
            cols.iter()
                .zip(vals)
                .for_each(|(&j, &v)| add(j, v.saturating_mul(scale)));
        }
    });
    let (mut ema, sums) = ema_rows(
        wb,
        n,
        alpha,
        |i, j, v| normalized(&delta_divisors, j, v.saturating_mul(inputs.active_stake(i))),
        |i, out| {
            inputs.masked_row(i, I32F32::from_u16, out);
            out.iter_mut()
                .for_each(|(j, v)| *v = normalized(&bond_divisors, *j, *v));
        },
    );
    ema.divide_columns(&sums);
    let mut dividends: Vec<I32F32> = ema
        .iter_rows()
        .map(|(cols, vals)| {
            cols.iter().zip(vals).fold(I32F32::ZERO, |acc, (&j, &b)| {
                let inc = inputs
                    .incentive
                    .get(usize::from(j))
                    .copied()
                    .unwrap_or_default();
                acc.saturating_add(inc.saturating_mul(b))
            })
        })
        .collect();
    normalize(&mut dividends);
    ema.col_max_upscale(n);
    (dividends, ema)
}

/// Yuma 3 (§4.12): returns dividends and the bonds to store (the raw EMA).
pub fn yuma3(
    wb: &SparseMatrix,
    inputs: &BondInputs<'_>,
    consensus: &[I32F32],
    alpha: I32F32,
    liquid: Option<&LiquidAlpha>,
) -> (Vec<I32F32>, SparseMatrix) {
    let n = inputs.n;
    let old_row =
        |i: usize, out: &mut Entries| inputs.masked_row(i, I32F32::from_u16_proportion, out);
    let (ema, sums) = match liquid {
        Some(liquid) if consensus.iter().any(|c| !c.is_zero()) => {
            ema_liquid(wb, old_row, consensus, liquid, n)
        }
        _ => ema_rows(wb, n, alpha, |_, _, v| v, old_row),
    };

    // Column-normalised EMA times incentive, summed per row (wrapping, as row_sum_sparse),
    // then times active stake (checked, zero on overflow, as vec_mul).
    let divisors: Vec<FixedDivisor> = sums.into_iter().map(FixedDivisor::new).collect();
    let mut dividends: Vec<I32F32> = ema
        .iter_rows()
        .enumerate()
        .map(|(i, (cols, vals))| {
            let total = cols.iter().zip(vals).fold(I32F32::ZERO, |acc, (&j, &v)| {
                let inc = inputs
                    .incentive
                    .get(usize::from(j))
                    .copied()
                    .unwrap_or_default();
                acc.wrapping_add(normalized(&divisors, j, v).saturating_mul(inc))
            });
            total
                .checked_mul(inputs.active_stake(i))
                .unwrap_or_default()
        })
        .collect();
    normalize(&mut dividends);
    (dividends, ema)
}

/// `mat_ema_sparse`: per row, `α·new + (1−α)·old` accumulated per uid < n (new entries
/// first, then old, saturating), keeping positive results in ascending uid order. The new
/// matrix is `new` with each entry passed through `value(row, uid, entry)`; old rows come
/// from `old_row`, which fills a buffer for row `i`. Also returns the EMA's column sums
/// (saturating, in row order, as `inplace_col_normalize_sparse` takes them).
fn ema_rows(
    new: &SparseMatrix,
    n: usize,
    alpha: I32F32,
    value: impl Fn(usize, u16, I32F32) -> I32F32,
    mut old_row: impl FnMut(usize, &mut Entries),
) -> (SparseMatrix, Vec<I32F32>) {
    let keep = I32F32::ONE.saturating_sub(alpha);
    let mut out = SparseMatrix::with_capacity(new.rows(), new.entry_count());
    let mut sums = alloc::vec![I32F32::ZERO; n];
    let mut acc = RowAccumulator::new(n);
    let mut old = Entries::new();
    let limit = u16::try_from(n).unwrap_or(u16::MAX);
    for i in 0..new.rows() {
        let (new_cols, new_vals) = new.row(i);
        old_row(i, &mut old);
        let mut emit = |j: u16, v: I32F32| {
            if v > I32F32::ZERO {
                out.push(j, v);
                add_to_column(&mut sums, j, v);
            }
        };
        let fresh = |k: usize| {
            let (&j, &v) = (new_cols.get(k)?, new_vals.get(k)?);
            Some((j, alpha.saturating_mul(value(i, j, v))))
        };
        let ascending = new_cols.is_sorted_by(|a, b| a < b);
        let same_columns = new_cols.len() == old.len()
            && new_cols.last().is_none_or(|&j| j < limit)
            && new_cols.iter().zip(&old).all(|(&a, b)| a == b.0);
        if ascending && same_columns {
            // The old row holds exactly the new row's uids (as after an epoch on unchanged
            // full rows): the merge below would pair every entry, in this order.
            for ((&j, &v), &(_, b)) in new_cols.iter().zip(new_vals).zip(&old) {
                let fresh = alpha.saturating_mul(value(i, j, v));
                emit(j, fresh.saturating_add(keep.saturating_mul(b)));
            }
        } else if ascending && old.is_sorted_by(|a, b| a.0 < b.0) {
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
            (0..new_cols.len())
                .filter_map(fresh)
                .for_each(|(j, v)| acc.add(j, v));
            old.iter()
                .for_each(|&(j, v)| acc.add(j, keep.saturating_mul(v)));
            acc.drain(&mut emit);
        }
        out.end_row();
    }
    (out, sums)
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
/// the column sums, as [`ema_rows`] does.
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
            let ours = ema_rows(&SparseMatrix::from_rows(new.clone()), n, alpha, |_, _, v| v, rows_from(&old));
            prop_assert_eq!(rows_of(&ours.0), literal_ema(&new, &old, alpha, n));
            prop_assert_eq!(&ours.1, &column_sums(&ours.0, n));
            // Sorted rows take the merge.
            let sorted = |rows: &[Vec<(u16, I32F32)>]| -> Vec<Vec<(u16, I32F32)>> {
                rows.iter().map(|r| { let mut r = r.clone(); r.sort_unstable(); r }).collect()
            };
            let (new, old) = (sorted(&new), sorted(&old));
            let ours = ema_rows(&SparseMatrix::from_rows(new.clone()), n, alpha, |_, _, v| v, rows_from(&old));
            prop_assert_eq!(rows_of(&ours.0), literal_ema(&new, &old, alpha, n));
            prop_assert_eq!(&ours.1, &column_sums(&ours.0, n));
            // Old rows on exactly the new rows' uids take the paired loop.
            let paired: Rows = new.iter().zip(&old).map(|(row, old_row)| {
                row.iter().zip(old_row.iter().map(|e| e.1).chain(core::iter::repeat(I32F32::ONE)))
                    .map(|(&(j, _), b)| (j, b)).collect()
            }).collect();
            let ours = ema_rows(&SparseMatrix::from_rows(new.clone()), n, alpha, |_, _, v| v, rows_from(&paired));
            prop_assert_eq!(rows_of(&ours.0), literal_ema(&new, &paired, alpha, n));
            prop_assert_eq!(&ours.1, &column_sums(&ours.0, n));
        }
    }
}
