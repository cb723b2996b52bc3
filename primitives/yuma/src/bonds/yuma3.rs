//! Yuma 3's dividends (yuma-epoch.md §4.12), read off the EMA in one pass.

use alloc::vec::Vec;

use super::{dividends_and_rows, BondInputs};
use crate::fixed::{Unit, UnitDivisor, I32F32};
use crate::input::Row;
use crate::matrix::SparseMatrix;

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
            return incentive.scale(divisor.quotient(v)).get();
        }
        let normalized = if self.sum.is_zero() {
            v
        } else {
            v.safe_div(self.sum)
        };
        normalized.saturating_mul(self.incentive)
    }
}
