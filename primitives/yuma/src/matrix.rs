//! Row-compressed sparse matrices of I32F32 with subtensor's row and column operations.
//!
//! subtensor keeps sparse matrices as `Vec<Vec<(u16, I32F32)>>` and densifies rows of length
//! n for several steps, which costs n² per step. Here every row is a slice of two flat
//! arrays, and each operation touches only stored entries, in stored order, with the same
//! arithmetic per entry (yuma-epoch.md §3: entry order and explicit zeros are preserved).

use alloc::vec::Vec;

use crate::fixed::{FixedDivisor, WeightDivisor, I32F32};

/// A sparse matrix: row `i` holds `(cols[k], vals[k])` for `k` in `offsets[i]..offsets[i+1]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SparseMatrix {
    offsets: Vec<usize>,
    cols: Vec<u16>,
    vals: Vec<I32F32>,
}

impl SparseMatrix {
    /// An empty matrix to which rows are appended with [`Self::push`] and [`Self::end_row`].
    pub fn with_capacity(rows: usize, entries: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows.saturating_add(1));
        offsets.push(0);
        Self {
            offsets,
            cols: Vec::with_capacity(entries),
            vals: Vec::with_capacity(entries),
        }
    }

    /// Builds a matrix row by row from any entry source.
    pub fn from_rows<'a, R, E>(rows: R) -> Self
    where
        R: IntoIterator<Item = E>,
        E: IntoIterator<Item = (u16, I32F32)> + 'a,
    {
        let mut m = Self::with_capacity(0, 0);
        for row in rows {
            for (j, v) in row {
                m.push(j, v);
            }
            m.end_row();
        }
        m
    }

    /// Appends an entry to the row being built.
    #[inline]
    pub fn push(&mut self, col: u16, val: I32F32) {
        self.cols.push(col);
        self.vals.push(val);
    }

    /// Appends columns to the row being built; [`Self::extend_vals_zeroed`] must add as
    /// many values. Whole runs extend without a capacity check per entry.
    #[inline]
    pub fn extend_cols(&mut self, cols: impl Iterator<Item = u16>) {
        self.cols.extend(cols);
    }

    /// Appends `count` zero values to the row being built, one per column added by
    /// [`Self::extend_cols`], and returns them to fill in: a plain loop over the slice
    /// keeps its running state (sums, flags) in registers, where an iterator's closure
    /// holding references to it may not.
    #[inline]
    pub fn extend_vals_zeroed(&mut self, count: usize) -> &mut [I32F32] {
        let start = self.vals.len();
        self.vals.resize(start.saturating_add(count), I32F32::ZERO);
        self.vals.get_mut(start..).unwrap_or_default()
    }

    /// Appends the uids of a stored row's two kept runs (see
    /// [`crate::masked::StoredRow::parts`]) to the row being built, with zero values, and
    /// returns each run's values to fill in.
    #[inline]
    pub fn extend_parts(&mut self, parts: [&[(u16, u16)]; 2]) -> [&mut [I32F32]; 2] {
        let [before, after] = parts;
        for part in parts {
            self.extend_cols(part.iter().map(|e| e.0));
        }
        let slots = self.extend_vals_zeroed(before.len().saturating_add(after.len()));
        let (slots_before, slots_after) = slots.split_at_mut(before.len().min(slots.len()));
        [slots_before, slots_after]
    }

    /// Drops the entries of the row being built whose value is zero, keeping the order of
    /// the others.
    pub fn drop_zeros_in_row(&mut self) {
        let start = self.offsets.last().copied().unwrap_or_default();
        let mut kept = start;
        for k in start..self.vals.len() {
            if let (Some(&v), Some(&j)) = (self.vals.get(k), self.cols.get(k)) {
                if !v.is_zero() {
                    if let (Some(val), Some(col)) =
                        (self.vals.get_mut(kept), self.cols.get_mut(kept))
                    {
                        (*val, *col) = (v, j);
                    }
                    kept = kept.saturating_add(1);
                }
            }
        }
        self.vals.truncate(kept);
        self.cols.truncate(kept);
    }

    /// Closes the row being built.
    #[inline]
    pub fn end_row(&mut self) {
        self.offsets.push(self.cols.len());
    }

    /// Number of rows.
    #[inline]
    pub fn rows(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Number of stored entries.
    #[inline]
    pub fn entry_count(&self) -> usize {
        self.cols.len()
    }

    /// Positions of row `i`'s entries in the flat arrays of uids and values (empty past
    /// the last row).
    #[inline]
    pub fn span(&self, i: usize) -> core::ops::Range<usize> {
        let start = self.offsets.get(i).copied().unwrap_or_default();
        let end = self
            .offsets
            .get(i.saturating_add(1))
            .copied()
            .unwrap_or(start);
        start..end
    }

    /// Row `i` as column and value slices (empty past the last row).
    #[inline]
    pub fn row(&self, i: usize) -> (&[u16], &[I32F32]) {
        let span = self.span(i);
        (
            self.cols.get(span.clone()).unwrap_or_default(),
            self.vals.get(span).unwrap_or_default(),
        )
    }

    /// Row `i` with mutable values.
    #[inline]
    pub fn row_mut(&mut self, i: usize) -> (&[u16], &mut [I32F32]) {
        let span = self.span(i);
        (
            self.cols.get(span.clone()).unwrap_or_default(),
            self.vals.get_mut(span).unwrap_or_default(),
        )
    }

    /// Iterates over rows as `(columns, values)`.
    #[inline]
    pub fn iter_rows(&self) -> impl Iterator<Item = (&[u16], &[I32F32])> + '_ {
        (0..self.rows()).map(move |i| self.row(i))
    }

    /// `inplace_row_normalize_sparse` for row `i`: divided by its (wrapping) sum if that
    /// is positive.
    pub fn normalize_row(&mut self, i: usize) {
        let (_, vals) = self.row_mut(i);
        let sum = sum_wrapping(vals);
        if sum > I32F32::ZERO {
            let divisor = FixedDivisor::new(sum);
            vals.iter_mut().for_each(|v| *v = divisor.safe_div(*v));
        }
    }

    /// [`Self::normalize_row`] for a row of stored u16 weights (each entry a whole number
    /// `0..=65535`) whose weights add up to `total`: the same quotients, by multiplication.
    pub fn normalize_weight_row(&mut self, i: usize, total: u64) {
        let Some(divisor) = WeightDivisor::new(total) else {
            return self.normalize_row(i);
        };
        let (_, vals) = self.row_mut(i);
        vals.iter_mut()
            .for_each(|v| *v = divisor.quotient((v.to_bits() >> 32) as u16).get());
    }
}

/// Sum of a slice as `Iterator::sum` computes it for I32F32 in a release build (wrapping).
#[inline]
pub fn sum_wrapping(values: &[I32F32]) -> I32F32 {
    values
        .iter()
        .fold(I32F32::ZERO, |acc, &v| acc.wrapping_add(v))
}
