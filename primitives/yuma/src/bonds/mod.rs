//! Bonds and dividends of the sparse epoch (yuma-epoch.md §4.10–4.12).
//!
//! subtensor builds each intermediate bond matrix in full; here stored bond rows are read
//! one at a time into small reusable buffers (masked and converted on the way), and only
//! the EMA, which is stored, is built as a matrix.

mod ema;
mod fused;
mod liquid;
#[cfg(test)]
mod tests;
mod yuma2;
mod yuma3;

use alloc::vec::Vec;

use crate::clip::Clipper;
use crate::fixed::{Unit, I32F32};
use crate::input::Row;
use crate::liquid_alpha::LiquidAlpha;
use crate::masked::StoredRow;
use crate::matrix::SparseMatrix;
use crate::stake::normalize;
use ema::EmaBuilder;
use liquid::LiquidEma;
use yuma2::Delta;

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
    /// Consensus, which liquid alpha's rates read.
    pub consensus: &'a [I32F32],
}

impl<'a> BondInputs<'a> {
    /// Stored row `i` without recently registered columns, each value converted by `f`,
    /// into `out`. Entries naming uids ≥ n are kept: they never reach an output, but the
    /// liquid-alpha walk must see them where they stand.
    fn masked_row(&self, i: usize, f: impl Fn(u16) -> I32F32, out: &mut Entries) {
        out.clear();
        out.extend(self.masked_entries(i).map(|(j, b)| (j, f(b))));
    }

    /// The entries of [`Self::masked_row`], as stored.
    fn masked_entries(&self, i: usize) -> impl Iterator<Item = (u16, u16)> + '_ {
        let recent = |j: u16| {
            let registered = self.block_at_registration.get(usize::from(j)).copied();
            self.last_tempo <= registered.unwrap_or_default()
        };
        self.stored_row(i)
            .iter()
            .copied()
            .filter(move |&(j, _)| !recent(j))
    }

    /// Stored bond row `i` as it stands (empty past the last row).
    fn stored_row(&self, i: usize) -> &'a [(u16, u16)] {
        self.bonds.get(i).map_or(&[][..], Vec::as_slice)
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
/// dividends and the bonds to store. Yuma 3 with one rate builds its EMA as the rows
/// arrive; the other methods need every row first.
pub struct Bonds<'a> {
    inputs: BondInputs<'a>,
    state: State,
    /// Whether [`BondInputs::masked_row`] would keep every stored entry.
    keeps_every_bond: bool,
    /// A stored row laid over a row of weights (see [`lay_over`]).
    laid_over: Vec<(u16, u16)>,
}

enum State {
    /// Yuma 3 with one rate: the EMA so far, and a buffer for the old row.
    Yuma3(EmaBuilder, Entries),
    /// Yuma 2: the numerators of ΔB so far.
    Yuma2(Delta),
    /// Liquid alpha: the EMA so far.
    Liquid(LiquidEma),
}

impl<'a> Bonds<'a> {
    /// Ready for rows of up to `entries` weights in all.
    pub fn new(inputs: BondInputs<'a>, method: Method, entries: usize) -> Self {
        let rows = inputs.bonds.len();
        let state = match method {
            Method::Yuma3(alpha) => State::Yuma3(
                EmaBuilder::new(inputs.n, rows, entries, alpha),
                Entries::new(),
            ),
            Method::Yuma2(alpha) => State::Yuma2(Delta::new(alpha, inputs.n, rows, entries)),
            Method::Liquid(liquid) => {
                State::Liquid(LiquidEma::new(liquid, inputs.n, rows, entries))
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
            state,
            keeps_every_bond,
            laid_over: Vec::new(),
        }
    }

    /// Row `i` of the weights for bonds; rows come in order.
    pub fn push_row(&mut self, i: usize, cols: &[u16], vals: &[I32F32]) {
        match &mut self.state {
            State::Yuma3(ema, old) => {
                let stored = self.inputs.stored_row(i);
                if self.keeps_every_bond && ema.pairs(cols, stored) {
                    let old_vals = stored.iter().map(|e| I32F32::from_u16_proportion(e.1));
                    ema.push_paired(cols, vals, old_vals, |_, v| v);
                } else {
                    self.inputs.masked_row(i, I32F32::from_u16_proportion, old);
                    ema.push_row(cols, vals, old, |_, v| v);
                }
            }
            State::Yuma2(delta) => delta.push_row(cols, vals, self.inputs.active_stake(i)),
            State::Liquid(ema) => {
                let inputs = &self.inputs;
                let old_row = |old: &mut Entries| {
                    inputs.masked_row(i, I32F32::from_u16_proportion, old);
                };
                ema.push_row((cols, vals), old_row, inputs.consensus);
            }
        }
    }

    /// Row `i` of W, read in place and clipped in one loop when its weights for bonds are
    /// its clipped weights (see [`Clipper::keeps_rows`]): for Yuma 3 (with one rate or
    /// liquid alpha) taken into the EMA at once, for Yuma 2 kept as the numerators of ΔB.
    /// Returns `false`, having done nothing, otherwise.
    pub fn push_clipped(
        &mut self,
        i: usize,
        row: &StoredRow<'_>,
        clipper: &mut Clipper<'_>,
    ) -> bool {
        let old = fused::OldRow {
            stored: self.inputs.stored_row(i),
            keeps_every_bond: self.keeps_every_bond,
            laid_over: &mut self.laid_over,
        };
        match &mut self.state {
            State::Yuma3(ema, _) => {
                let Some((alpha, keep)) = ema.unit_rates() else {
                    return false;
                };
                // Each term is at most its rate, and the rates add up to one: no
                // saturation.
                let rule = |_, kept, old| alpha.times(kept).wrapping_add(keep.times(old));
                fused::push_clipped((&mut ema.out, &mut ema.sums), old, (i, row), clipper, rule)
            }
            State::Yuma2(delta) => delta.push_clipped(i, row, clipper),
            State::Liquid(ema) => {
                let (liquid, consensus) = (ema.liquid, self.inputs.consensus);
                let rule = |j, kept: Unit, old: Unit| {
                    liquid::paired_entry(&liquid, consensus, j, kept.get(), old.get())
                };
                fused::push_clipped((&mut ema.out, &mut ema.sums), old, (i, row), clipper, rule)
            }
        }
    }

    /// Dividends and the bond rows to store (u16, as the chain stores them): rows `i` with
    /// `store[i]`, the others empty. Called once every row is in. `ranks`, the ranks before
    /// normalisation, are given when the weights for bonds are the clipped weights (β = 1):
    /// then they are also Yuma 2's ΔB column sums.
    pub fn finish(
        self,
        ranks: Option<&[I32F32]>,
        incentive: &[I32F32],
        store: &[bool],
    ) -> (Vec<I32F32>, Vec<Row>) {
        let inputs = &self.inputs;
        match self.state {
            State::Yuma3(ema, _) => {
                let (ema, sums) = ema.finish();
                yuma3::yuma3_dividends(&ema, &sums, inputs, incentive, store)
            }
            State::Liquid(ema) => {
                let (ema, sums) = ema.finish();
                yuma3::yuma3_dividends(&ema, &sums, inputs, incentive, store)
            }
            State::Yuma2(delta) => {
                delta.finish(inputs, ranks, incentive, store, self.keeps_every_bond)
            }
        }
    }
}

/// Whether an old row names the same uids as a new row, in the same order, ascending
/// below `n`: then the two can be walked in lockstep.
fn rows_pair<T>(new_cols: &[u16], old: &[(u16, T)], n: usize) -> bool {
    new_cols.len() == old.len()
        && ascend_below(new_cols, n)
        && new_cols.iter().zip(old).all(|(&a, b)| a == b.0)
}

/// Whether every uid of a stored bond row `old` is also one of the uids `new` (which
/// ascend), in the same order: then `old` laid over `new` (see [`lay_over`]) loses
/// nothing. That is the usual row after an epoch in which some weights were zero: their
/// EMA was zero and was not stored.
fn within(new: impl IntoIterator<Item = u16>, old: &[(u16, u16)]) -> bool {
    let mut rest = old;
    for j in new {
        match rest.split_first() {
            Some((&(o, _), tail)) if o == j => rest = tail,
            Some((&(o, _), _)) if o < j => return false,
            Some(_) => {}
            None => break,
        }
    }
    rest.is_empty()
}

/// A stored bond row laid over the uids `new` into `out`: each uid of `new` with its old
/// bond, or with 0 (which is what a bond that is not stored counts as) where `old` has
/// none. Loses nothing only when [`within`].
fn lay_over(new: impl IntoIterator<Item = u16>, old: &[(u16, u16)], out: &mut Vec<(u16, u16)>) {
    out.clear();
    let mut rest = old;
    out.extend(new.into_iter().map(|j| match rest.split_first() {
        Some((&(o, b), tail)) if o == j => {
            rest = tail;
            (j, b)
        }
        _ => (j, 0),
    }));
}

/// Whether uids ascend strictly, all below `n`.
fn ascend_below(cols: &[u16], n: usize) -> bool {
    cols.last().is_none_or(|&j| usize::from(j) < n) && cols.is_sorted_by(|a, b| a < b)
}

/// Adds `v` (saturating) to column `j`'s sum.
#[inline]
fn add_to_column(sums: &mut [I32F32], j: u16, v: I32F32) {
    if let Some(sum) = sums.get_mut(usize::from(j)) {
        *sum = sum.saturating_add(v);
    }
}

/// The dividends and the bond rows to store, in one pass over the EMA rows. `row(i, cols,
/// vals, stored)` returns row `i`'s dividend before normalisation, and for rows with
/// `store[i]` fills `stored` (zeroed, one slot per entry) with the u16 entries to store;
/// the other rows are stored empty. The dividends come out normalised.
fn dividends_and_rows(
    ema: &SparseMatrix,
    store: &[bool],
    mut row: impl FnMut(usize, &[u16], &[I32F32], Option<&mut [(u16, u16)]>) -> I32F32,
) -> (Vec<I32F32>, Vec<Row>) {
    let mut rows = Vec::with_capacity(ema.rows());
    let mut dividends: Vec<I32F32> = ema
        .iter_rows()
        .enumerate()
        .map(|(i, (cols, vals))| {
            if store.get(i).copied().unwrap_or_default() {
                let mut stored = alloc::vec![(0, 0); cols.len()];
                let dividend = row(i, cols, vals, Some(&mut stored));
                rows.push(stored);
                dividend
            } else {
                rows.push(Row::new());
                row(i, cols, vals, None)
            }
        })
        .collect();
    normalize(&mut dividends);
    (dividends, rows)
}
