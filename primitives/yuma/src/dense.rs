//! subtensor's `epoch_dense_mechanism` (yuma-epoch.md §5): the same formulas on n×n
//! matrices, without owner special cases or commit-reveal, with liquid alpha decaying every
//! bond, and with full bond rows stored. The chain never runs it; it is the reference that
//! subtensor's own Yuma tests are written against, and a cross-check of the sparse epoch.

use alloc::vec::Vec;

use crate::consensus::consensus;
use crate::emission;
use crate::fixed::{FixedDivisor, I32F32};
use crate::input::{EpochError, EpochInput, Row};
use crate::liquid_alpha::LiquidAlpha;
use crate::masked::MaskedWeights;
use crate::matrix::{sum_wrapping, SparseMatrix};
use crate::output::EpochOutput;
use crate::params::EpochParams;
use crate::stake::{active_stake, activity, is_topk_nonzero, normalize, normalized_stake};

/// A square matrix, row-major.
#[derive(Clone)]
struct Dense {
    n: usize,
    cells: Vec<I32F32>,
}

impl Dense {
    fn zeros(n: usize) -> Self {
        Self {
            n,
            cells: alloc::vec![I32F32::ZERO; n.saturating_mul(n)],
        }
    }

    /// Stored rows placed by assignment (uids ≥ n ignored), converted by `f`.
    fn from_rows(rows: &[Row], n: usize, f: impl Fn(u16) -> I32F32) -> Self {
        let mut m = Self::zeros(n);
        for (row, entries) in m.rows_mut().zip(rows) {
            for &(j, v) in entries {
                if let Some(cell) = row.get_mut(usize::from(j)) {
                    *cell = f(v);
                }
            }
        }
        m
    }

    fn rows(&self) -> impl Iterator<Item = &[I32F32]> + '_ {
        self.cells.chunks_exact(self.n.max(1))
    }

    fn rows_mut(&mut self) -> impl Iterator<Item = &mut [I32F32]> + '_ {
        self.cells.chunks_exact_mut(self.n.max(1))
    }

    /// Non-zero cells as a sparse matrix (a dense zero is "no entry" everywhere it is read).
    fn to_sparse(&self) -> SparseMatrix {
        SparseMatrix::from_rows(self.rows().map(|row| {
            row.iter()
                .enumerate()
                .filter(|(_, v)| !v.is_zero())
                .map(|(j, &v)| (u16::try_from(j).unwrap_or(u16::MAX), v))
        }))
    }

    /// `inplace_col_normalize` (saturating column sums, zero sums skipped).
    fn col_normalize(&mut self) {
        let mut sums = alloc::vec![I32F32::ZERO; self.n];
        for row in self.rows() {
            sums.iter_mut()
                .zip(row)
                .for_each(|(s, &v)| *s = s.saturating_add(v));
        }
        self.divide_columns(&sums);
    }

    /// `inplace_col_max_upscale`.
    fn col_max_upscale(&mut self) {
        let mut maxima = alloc::vec![I32F32::ZERO; self.n];
        for row in self.rows() {
            maxima
                .iter_mut()
                .zip(row)
                .for_each(|(m, &v)| *m = (*m).max(v));
        }
        self.divide_columns(&maxima);
    }

    fn divide_columns(&mut self, denominators: &[I32F32]) {
        let divisors: Vec<FixedDivisor> =
            denominators.iter().map(|&d| FixedDivisor::new(d)).collect();
        for row in self.rows_mut() {
            for (v, d) in row.iter_mut().zip(&divisors) {
                if !d.divisor().is_zero() {
                    *v = d.safe_div(*v);
                }
            }
        }
    }

    /// Cell-wise combination of two matrices of the same size.
    fn zip_with(&self, other: &Self, f: impl Fn(I32F32, I32F32) -> I32F32) -> Self {
        let cells = self
            .cells
            .iter()
            .zip(&other.cells)
            .map(|(&a, &b)| f(a, b))
            .collect();
        Self { n: self.n, cells }
    }
}

/// Runs the dense epoch.
pub fn epoch_dense(
    input: &EpochInput<'_>,
    params: &EpochParams,
) -> Result<EpochOutput, EpochError> {
    let n = input.validate()?;
    let active = activity(
        input.last_update,
        input.current_block,
        params.activity_cutoff,
    );
    let stake = normalized_stake(input.stake, params.stake_threshold, None);
    let permit = input.validator_permit;
    let new_permit = is_topk_nonzero(&stake, usize::from(params.max_allowed_validators));
    let active_stake = active_stake(&stake, &active, permit);

    let mut weights = Dense::from_rows(input.weights, n, I32F32::from_u16);
    for (i, row) in weights.rows_mut().enumerate() {
        let permitted = permit.get(i).copied().unwrap_or_default();
        let updated = input.last_update.get(i).copied().unwrap_or_default();
        for (j, (w, &registered)) in row.iter_mut().zip(input.block_at_registration).enumerate() {
            if !permitted || i == j || updated <= registered {
                *w = I32F32::ZERO;
            }
        }
        let sum = sum_wrapping(row);
        if sum > I32F32::ZERO {
            let divisor = FixedDivisor::new(sum);
            row.iter_mut().for_each(|w| *w = divisor.safe_div(*w));
        }
    }

    let consensus = consensus(
        &active_stake,
        &MaskedWeights::from_matrix(weights.to_sparse()),
        n,
        params.kappa_fixed(),
    );
    let mut clipped = weights.clone();
    for row in clipped.rows_mut() {
        row.iter_mut()
            .zip(&consensus)
            .for_each(|(w, &c)| *w = c.min(*w));
    }
    let validator_trust: Vec<I32F32> = clipped.rows().map(sum_wrapping).collect();
    let mut incentive = alloc::vec![I32F32::ZERO; n];
    for (row, &scale) in clipped.rows().zip(&active_stake) {
        for (rank, &w) in incentive.iter_mut().zip(row) {
            *rank = rank.saturating_add(scale.saturating_mul(w));
        }
    }
    normalize(&mut incentive);

    let beta = params.bonds_penalty_fixed();
    let wb = if beta.is_zero() {
        weights
    } else if beta == I32F32::ONE {
        clipped
    } else {
        weights.zip_with(&clipped, |w, c| {
            w.saturating_add(beta.saturating_mul(c.saturating_sub(w)))
        })
    };

    let last_tempo = params.last_tempo(input.current_block);
    let recent: Vec<bool> = input
        .block_at_registration
        .iter()
        .map(|&r| last_tempo <= r)
        .collect();
    let mask_recent = |bonds: &mut Dense| {
        for row in bonds.rows_mut() {
            row.iter_mut()
                .zip(&recent)
                .filter(|(_, &r)| r)
                .for_each(|(b, _)| *b = I32F32::ZERO);
        }
    };
    let alpha = if params.yuma3 {
        params.yuma3_ema_alpha()
    } else {
        params.ema_alpha()
    };
    let keep = I32F32::ONE.saturating_sub(alpha);
    let ema_fixed = |new: &Dense, old: &Dense| {
        new.zip_with(old, |w, b| {
            alpha
                .saturating_mul(w)
                .saturating_add(keep.saturating_mul(b))
        })
    };

    let (dividends, ema) = if params.yuma3 {
        let mut bonds = Dense::from_rows(input.bonds, n, I32F32::from_u16_proportion);
        mask_recent(&mut bonds);
        let ema = if params.liquid_alpha && consensus.iter().any(|c| !c.is_zero()) {
            liquid_ema(&wb, &bonds, &consensus, &LiquidAlpha::new(params))
        } else {
            ema_fixed(&wb, &bonds)
        };
        let mut normalized = ema.clone();
        normalized.col_normalize();
        let mut dividends: Vec<I32F32> = normalized
            .rows()
            .zip(&active_stake)
            .map(|(row, &stake)| {
                let total = row
                    .iter()
                    .zip(&incentive)
                    .fold(I32F32::ZERO, |acc, (&b, &i)| {
                        acc.wrapping_add(b.checked_mul(i).unwrap_or_default())
                    });
                total.checked_mul(stake).unwrap_or_default()
            })
            .collect();
        normalize(&mut dividends);
        (dividends, ema)
    } else {
        let mut bonds = Dense::from_rows(input.bonds, n, I32F32::from_u16);
        mask_recent(&mut bonds);
        bonds.col_normalize();
        let mut delta = wb;
        for (row, &scale) in delta.rows_mut().zip(&active_stake) {
            row.iter_mut().for_each(|w| *w = scale.saturating_mul(*w));
        }
        delta.col_normalize();
        let mut ema = ema_fixed(&delta, &bonds);
        ema.col_normalize();
        let mut dividends: Vec<I32F32> = ema
            .rows()
            .map(|row| {
                row.iter()
                    .zip(&incentive)
                    .fold(I32F32::ZERO, |acc, (&b, &i)| {
                        acc.saturating_add(b.saturating_mul(i))
                    })
            })
            .collect();
        normalize(&mut dividends);
        ema.col_max_upscale();
        (dividends, ema)
    };

    let emissions = emission::split(
        &incentive,
        &dividends,
        &stake,
        &active_stake,
        input.rao_emission,
    );
    let bonds = ema
        .rows()
        .zip(new_permit.iter().zip(permit))
        .map(|(row, (&new, &old))| {
            if new {
                Some(
                    row.iter()
                        .enumerate()
                        .map(|(j, b)| (u16::try_from(j).unwrap_or(u16::MAX), b.to_u16_proportion()))
                        .collect(),
                )
            } else if old {
                Some(Vec::new())
            } else {
                None
            }
        })
        .collect();

    Ok(EpochOutput {
        active,
        new_validator_permit: new_permit,
        stake,
        active_stake,
        consensus,
        validator_trust,
        incentive,
        dividends,
        server_emission: emissions.server,
        validator_emission: emissions.validator,
        emission: emissions.combined,
        bonds,
    })
}

/// `mat_ema_alpha` over every cell: `min(1, (1−α)·old + max(0, α·new))`.
fn liquid_ema(new: &Dense, old: &Dense, consensus: &[I32F32], liquid: &LiquidAlpha) -> Dense {
    let mut out = Dense::zeros(new.n);
    for ((out_row, new_row), old_row) in out.rows_mut().zip(new.rows()).zip(old.rows()) {
        for (((cell, &w), &b), &c) in out_row.iter_mut().zip(new_row).zip(old_row).zip(consensus) {
            let a = liquid.alpha(c, w, b);
            let decayed = I32F32::ONE.saturating_sub(a).saturating_mul(b);
            *cell = decayed
                .saturating_add(a.saturating_mul(w).max(I32F32::ZERO))
                .min(I32F32::ONE);
        }
    }
    out
}
