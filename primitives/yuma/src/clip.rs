//! Weights clipped at consensus (yuma-epoch.md §4.8–4.10): validator trust, ranks and the
//! weights for bonds, all taken in one pass over the rows.

use alloc::vec::Vec;

use crate::fixed::{NonNegative, Unit, I32F32};
use crate::masked::{RowView, StoredRow};
use crate::matrix::SparseMatrix;

/// `col_clip_sparse` for one entry (§4.8): a weight above its column's consensus becomes
/// the consensus, or is dropped when the consensus is not positive.
#[inline]
pub fn clip(weight: I32F32, consensus: I32F32) -> Option<I32F32> {
    // A positive consensus (the usual case) keeps the smaller of the two, which compiles
    // to a conditional move: about half the weights of a column lie above its median, so
    // a branch there would be mispredicted half the time.
    if consensus > I32F32::ZERO {
        Some(weight.min(consensus))
    } else if consensus < weight {
        None
    } else {
        Some(weight)
    }
}

/// The sums taken over the clipped weights W̄.
pub struct Clipped {
    /// Validator trust: each row of W̄ summed (wrapping, as `row_sum_sparse`).
    pub validator_trust: Vec<I32F32>,
    /// Ranks `Σ_i A_i · W̄_ij` before normalisation (`matmul_sparse`, saturating; every
    /// term is non-negative, so the order of the terms cannot change a sum).
    pub ranks: Vec<I32F32>,
}

/// Clips W row by row at its columns' consensus, summing validator trust and ranks, and
/// gives each row's weights for bonds (`interpolate_sparse`, §4.10): W itself for β = 0,
/// W̄ for β = 1, otherwise `W + β(W̄ − W)` keeping the positive entries in ascending uid
/// order.
pub struct Clipper<'a> {
    consensus: &'a [I32F32],
    active_stake: &'a [I32F32],
    beta: I32F32,
    /// When every consensus lies in (0, 1] and β = 1, the consensus (and the weights for
    /// bonds are W̄, which keeps every entry of W); otherwise empty.
    unit_consensus: Vec<Unit>,
    sums: Clipped,
    bond_cols: Vec<u16>,
    bond_vals: Vec<I32F32>,
    scratch: Vec<(u16, I32F32)>,
}

impl<'a> Clipper<'a> {
    /// Ready for the rows of W in order.
    pub fn new(
        consensus: &'a [I32F32],
        active_stake: &'a [I32F32],
        beta: I32F32,
        rows: usize,
    ) -> Self {
        Self {
            consensus,
            active_stake,
            beta,
            unit_consensus: if beta == I32F32::ONE {
                consensus
                    .iter()
                    .map(|&c| Unit::new(c).filter(|c| c.get() > I32F32::ZERO))
                    .collect::<Option<Vec<Unit>>>()
                    .unwrap_or_default()
            } else {
                Vec::new()
            },
            sums: Clipped {
                validator_trust: Vec::with_capacity(rows),
                ranks: alloc::vec![I32F32::ZERO; consensus.len()],
            },
            bond_cols: Vec::new(),
            bond_vals: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Whether each row's weights for bonds are its clipped weights, entry for entry, every
    /// consensus lying in (0, 1] and β = 1: then a row may be clipped entry by entry with
    /// a [`Keeper`] (see [`Self::keeper`]) instead of [`Self::row`].
    #[inline]
    pub fn keeps_rows(&self) -> bool {
        !self.unit_consensus.is_empty() && self.unit_consensus.len() == self.consensus.len()
    }

    /// Whether the weights for bonds are the clipped weights (β = 1): then each of their
    /// entries times its row's active stake is that entry's rank term.
    #[inline]
    pub fn bonds_are_clipped(&self) -> bool {
        self.beta == I32F32::ONE
    }

    /// Active stake of row `i`, which scales its ranks.
    #[inline]
    pub fn scale(&self, i: usize) -> I32F32 {
        self.active_stake.get(i).copied().unwrap_or_default()
    }

    /// Row `i`'s clipping entry by entry, when [`Self::keeps_rows`] and its active stake
    /// lies in [0, 1]; close the row with [`Self::end_row`] and the keeper's trust.
    #[inline]
    pub fn keeper(&mut self, i: usize) -> Option<Keeper<'_>> {
        let scale = Unit::new(self.scale(i)).filter(|_| self.keeps_rows())?;
        Some(Keeper {
            consensus: &self.unit_consensus,
            ranks: &mut self.sums.ranks,
            scale,
            trust: I32F32::ZERO,
        })
    }

    /// Row `i` of W, read in place and clipped entry by entry into a new row of `out`
    /// when [`Self::keeps_rows`] and the row's active stake lies in [0, 1]: each entry
    /// stored as its rank term. Returns `false`, having done nothing, otherwise.
    pub fn clip_into(&mut self, i: usize, row: &StoredRow<'_>, out: &mut SparseMatrix) -> bool {
        let Some(mut keeper) = self.keeper(i) else {
            return false;
        };
        let [before, after] = row.parts();
        let [slots_before, slots_after] = out.extend_parts([before, after]);
        for (part, slots) in [(before, slots_before), (after, slots_after)] {
            for (slot, &(j, w)) in slots.iter_mut().zip(part) {
                *slot = keeper.keep(j, row.divisor.quotient(w)).1.get();
            }
        }
        let trust = keeper.trust();
        self.end_row(trust);
        out.end_row();
        true
    }

    /// Closes a row clipped with a [`Keeper`], whose kept weights add up to `trust`.
    #[inline]
    pub fn end_row(&mut self, trust: I32F32) {
        self.sums.validator_trust.push(trust);
    }

    /// Clips row `i` and returns its weights for bonds as `(uids, values)`.
    pub fn row(&mut self, i: usize, row: RowView<'_>) -> (&[u16], &[I32F32]) {
        let scale = self.scale(i);
        let beta = self.beta;
        let mut trust = I32F32::ZERO;
        let (mut cols, mut vals) = (
            core::mem::take(&mut self.bond_cols),
            core::mem::take(&mut self.bond_vals),
        );
        cols.clear();
        vals.clear();
        row.for_each(|j, w| {
            let c = self
                .consensus
                .get(usize::from(j))
                .copied()
                .unwrap_or_default();
            let kept = clip(w, c);
            if let Some(kept) = kept {
                trust = trust.wrapping_add(kept);
                if let Some(rank) = self.sums.ranks.get_mut(usize::from(j)) {
                    *rank = rank.saturating_add(scale.saturating_mul(kept));
                }
            }
            let bond = if beta.is_zero() {
                Some(w)
            } else if beta == I32F32::ONE {
                kept
            } else {
                let kept = kept.unwrap_or_default();
                let v = w.saturating_add(beta.saturating_mul(kept.saturating_sub(w)));
                (v > I32F32::ZERO).then_some(v)
            };
            if let Some(bond) = bond {
                cols.push(j);
                vals.push(bond);
            }
        });
        self.end_row(trust);
        let interpolated = !beta.is_zero() && beta != I32F32::ONE;
        if interpolated && !cols.is_sorted() {
            let scratch = &mut self.scratch;
            scratch.clear();
            scratch.extend(cols.iter().copied().zip(vals.iter().copied()));
            scratch.sort_unstable_by_key(|e| e.0);
            cols.clear();
            vals.clear();
            cols.extend(scratch.iter().map(|e| e.0));
            vals.extend(scratch.iter().map(|e| e.1));
        }
        (self.bond_cols, self.bond_vals) = (cols, vals);
        (&self.bond_cols, &self.bond_vals)
    }

    /// Validator trust and ranks, once every row is clipped.
    pub fn finish(self) -> Clipped {
        self.sums
    }
}

/// One row's clipping entry by entry (see [`Clipper::keeper`]): the consensus and the
/// ranks are borrowed once per row, so that the row's loop holds them in registers.
pub struct Keeper<'c> {
    /// Every consensus, in (0, 1].
    consensus: &'c [Unit],
    ranks: &'c mut [I32F32],
    /// The row's active stake.
    scale: Unit,
    /// The row's kept weights so far.
    trust: I32F32,
}

impl Keeper<'_> {
    /// Weight `weight` at uid `j`, clipped (as [`clip`] at a positive consensus), its rank
    /// term added to the rank and the kept weight to the row's trust; returns the kept
    /// weight and the rank term.
    #[inline(always)]
    pub fn keep(&mut self, j: u16, weight: NonNegative) -> (Unit, Unit) {
        let c = self.consensus.get(usize::from(j)).copied();
        let kept = c.unwrap_or_default().clip(weight);
        let term = self.scale.product(kept);
        if let Some(rank) = self.ranks.get_mut(usize::from(j)) {
            *rank = rank.saturating_add(term.get());
        }
        self.trust = self.trust.wrapping_add(kept.get());
        (kept, term)
    }

    /// The row's validator trust: its kept weights added up (wrapping).
    #[inline]
    pub fn trust(&self) -> I32F32 {
        self.trust
    }
}
