//! Yuma's bond EMA with one rate (`mat_ema_sparse`), built row by row.

use alloc::vec::Vec;

use super::{add_to_column, rows_pair};
use crate::fixed::{Unit, I32F32};
use crate::matrix::SparseMatrix;

/// `mat_ema_sparse` built row by row: per row, `α·new + (1−α)·old` accumulated per uid
/// < n (new entries first, then old, saturating), keeping positive results in ascending
/// uid order, with the EMA's column sums taken on the way (saturating, in row order, as
/// `inplace_col_normalize_sparse` takes them).
pub(super) struct EmaBuilder {
    alpha: I32F32,
    keep: I32F32,
    /// Uids from here on are past the last column.
    limit: u16,
    /// The EMA rows so far.
    pub(super) out: SparseMatrix,
    /// The EMA's column sums so far.
    pub(super) sums: Vec<I32F32>,
    acc: RowAccumulator,
}

impl EmaBuilder {
    pub(super) fn new(n: usize, rows: usize, entries: usize, alpha: I32F32) -> Self {
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
    pub(super) fn push_row(
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
    pub(super) fn pairs<T>(&self, new_cols: &[u16], old: &[(u16, T)]) -> bool {
        rows_pair(new_cols, old, usize::from(self.limit))
    }

    /// The next row when the old row pairs with the new one (see [`Self::pairs`]): the
    /// merge of [`Self::push_row`] would pair every entry, in this order.
    pub(super) fn push_paired(
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
    pub(super) fn unit_rates(&self) -> Option<(Unit, Unit)> {
        Some((Unit::new(self.alpha)?, Unit::new(self.keep)?))
    }

    /// The EMA and its column sums.
    pub(super) fn finish(self) -> (SparseMatrix, Vec<I32F32>) {
        (self.out, self.sums)
    }
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
