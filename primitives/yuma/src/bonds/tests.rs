//! The EMA builders against subtensor's matrix functions, transcribed literally.

use super::ema::EmaBuilder;
use super::liquid::LiquidEma;
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
                if let (Some(&a), Some(cell)) = (alpha.get(j as usize), decayed.get_mut(j as usize))
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

/// [`LiquidEma`] fed every row.
fn liquid_rows(
    new: &SparseMatrix,
    old: &[Vec<(u16, I32F32)>],
    consensus: &[I32F32],
    liquid: &LiquidAlpha,
    n: usize,
) -> (SparseMatrix, Vec<I32F32>) {
    let mut ema = LiquidEma::new(*liquid, n, new.rows(), new.entry_count());
    for (i, row) in new.iter_rows().enumerate() {
        let old_row = |out: &mut Entries| {
            out.clear();
            out.extend(old[i].iter().copied());
        };
        ema.push_row(row, old_row, consensus);
    }
    ema.finish()
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
        let matrix = SparseMatrix::from_rows(new.clone());
        let ours = liquid_rows(&matrix, &old, &consensus, &liquid, n);
        prop_assert_eq!(rows_of(&ours.0), literal_liquid(&new, &old, &consensus, &liquid));
        prop_assert_eq!(&ours.1, &column_sums(&ours.0, n));
        // Sorted rows, with old rows on exactly the new rows' uids or empty, take the
        // lockstep loop.
        let sorted = |r: &Vec<(u16, I32F32)>| { let mut r = r.clone(); r.sort_unstable(); r };
        let new: Rows = new.iter().map(sorted).collect();
        let paired: Rows = new.iter().zip(&old).enumerate().map(|(i, (row, old_row))| {
            if i % 3 == 2 {
                return Vec::new();
            }
            row.iter().zip(old_row.iter().map(|e| e.1).chain(core::iter::repeat(I32F32::ONE)))
                .map(|(&(j, _), b)| (j, b)).collect()
        }).collect();
        let matrix = SparseMatrix::from_rows(new.clone());
        let ours = liquid_rows(&matrix, &paired, &consensus, &liquid, n);
        prop_assert_eq!(rows_of(&ours.0), literal_liquid(&new, &paired, &consensus, &liquid));
        prop_assert_eq!(&ours.1, &column_sums(&ours.0, n));
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
