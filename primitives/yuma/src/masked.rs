//! W: the stored weights with the masks of yuma-epoch.md §4.6 applied, each row normalised.
//!
//! On a running chain nearly every row is sorted by uid (clients send them so) and no uid
//! has registered since it was set, so masking drops at most the self-weight. Such rows
//! are not copied: they are read in place from the stored u16 rows and divided by their
//! total as they are read, which spares writing (and faulting in) a matrix of the whole
//! network at every epoch. Only the other rows are built.

use alloc::vec::Vec;

use crate::fixed::{WeightDivisor, I32F32};
use crate::input::EpochInput;
use crate::matrix::SparseMatrix;

/// A stored row read in place: its entries below n, the self-weight at `skip` (or
/// `entries.len()`) left out, each weight divided by the row's total.
#[derive(Clone, Copy)]
pub struct StoredRow<'a> {
    /// The stored entries with uids below n, ascending.
    pub entries: &'a [(u16, u16)],
    /// Position of the dropped self-weight in `entries`, or `entries.len()`.
    pub skip: usize,
    /// Division by the total of the kept weights.
    pub divisor: WeightDivisor,
}

impl<'a> StoredRow<'a> {
    /// The kept entries: those before the self-weight, and those after it.
    #[inline]
    pub fn parts(&self) -> [&'a [(u16, u16)]; 2] {
        let before = self.entries.get(..self.skip).unwrap_or(self.entries);
        let after = self
            .entries
            .get(self.skip.saturating_add(1)..)
            .unwrap_or_default();
        [before, after]
    }

    /// Entry `(uid, stored weight)` as its normalised weight.
    #[inline]
    pub fn weight(&self, stored: u16) -> I32F32 {
        self.divisor.quotient(stored).get()
    }
}

/// One row of W.
#[derive(Clone, Copy)]
pub enum RowView<'a> {
    /// Read in place from the stored row.
    Stored(StoredRow<'a>),
    /// Built, as `(uids, weights)`.
    Built(&'a [u16], &'a [I32F32]),
}

impl RowView<'_> {
    /// Number of entries.
    #[inline]
    pub fn len(&self) -> usize {
        match self {
            RowView::Stored(row) => row.parts().iter().map(|p| p.len()).sum(),
            RowView::Built(cols, _) => cols.len(),
        }
    }

    /// Whether uids ascend strictly along the row.
    pub fn is_ascending(&self) -> bool {
        match self {
            // Stored rows are only read in place when sorted.
            RowView::Stored(_) => true,
            RowView::Built(cols, _) => cols.is_sorted_by(|a, b| a < b),
        }
    }

    /// Calls `f(uid, weight)` for each entry, in row order.
    #[inline]
    pub fn for_each(&self, mut f: impl FnMut(u16, I32F32)) {
        match self {
            RowView::Stored(row) => {
                for part in row.parts() {
                    part.iter().for_each(|&(j, w)| f(j, row.weight(w)));
                }
            }
            RowView::Built(cols, vals) => cols.iter().zip(*vals).for_each(|(&j, &w)| f(j, w)),
        }
    }
}

/// W, row by row: stored rows read in place where masking only drops the self-weight,
/// built rows elsewhere.
pub struct MaskedWeights<'a> {
    /// Per row, the stored row read in place, if it is.
    stored: Vec<Option<StoredRow<'a>>>,
    /// The other rows (rows read in place are empty here).
    built: SparseMatrix,
}

/// What masking needs besides the input.
pub struct Masks<'a> {
    /// Validator permits: other rows are emptied.
    pub permit: &'a [bool],
    /// The subnet owner's uid, whose self-weight is kept.
    pub owner: Option<u16>,
    /// Whether weights committed before a uid registered are dropped (commit-reveal).
    pub commit_reveal: bool,
    /// Per row, whether its uids ascend strictly (as input checking found).
    pub ascending: &'a [bool],
}

impl<'a> MaskedWeights<'a> {
    /// W of §4.6 for `n` uids: rows of unpermitted uids emptied, self-weights dropped (the
    /// owner's kept), weights set at or before the target's registration dropped, and with
    /// commit-reveal those committed before it; each row then normalised.
    pub fn new(input: &EpochInput<'a>, masks: &Masks<'_>, n: usize) -> Self {
        let mut stored = Vec::with_capacity(input.weights.len());
        let mut built = SparseMatrix::with_capacity(input.weights.len(), 0);
        let last_registration = input
            .block_at_registration
            .iter()
            .copied()
            .max()
            .unwrap_or_default();
        for (i, row) in input.weights.iter().enumerate() {
            let mut in_place = None;
            if masks.permit.get(i).copied().unwrap_or_default() {
                let updated = input.last_update.get(i).copied().unwrap_or_default();
                let committed = if masks.commit_reveal {
                    input
                        .commit_block
                        .get(i)
                        .copied()
                        .flatten()
                        .unwrap_or(u64::MAX)
                } else {
                    u64::MAX
                };
                let unmasked = updated > last_registration
                    && committed >= last_registration
                    && masks.ascending.get(i).copied().unwrap_or_default();
                if unmasked {
                    in_place = Self::in_place(row, i, masks.owner, n);
                }
                if in_place.is_none() {
                    let kept = |j: u16| {
                        let Some(&registered) = input.block_at_registration.get(usize::from(j))
                        else {
                            return false;
                        };
                        let self_weight = usize::from(j) == i && masks.owner != Some(j);
                        !self_weight && updated > registered && committed >= registered
                    };
                    let mut total = 0u64;
                    for &(j, w) in row {
                        if kept(j) {
                            built.push(j, I32F32::from_u16(w));
                            total = total.wrapping_add(u64::from(w));
                        }
                    }
                    built.end_row();
                    built.normalize_weight_row(i, total);
                    stored.push(None);
                    continue;
                }
            }
            built.end_row();
            stored.push(in_place);
        }
        Self { stored, built }
    }

    /// A sorted row that only the self-weight and uids past n drop out of, read in place
    /// unless its total is too large for [`WeightDivisor`].
    fn in_place(
        row: &'a [(u16, u16)],
        i: usize,
        owner: Option<u16>,
        n: usize,
    ) -> Option<StoredRow<'a>> {
        let entries = row.get(..row.partition_point(|e| usize::from(e.0) < n))?;
        let skip = match u16::try_from(i) {
            Ok(uid) if owner != Some(uid) => entries
                .binary_search_by_key(&uid, |e| e.0)
                .unwrap_or(entries.len()),
            _ => entries.len(),
        };
        let before = entries.get(..skip).unwrap_or(entries);
        let after = entries.get(skip.saturating_add(1)..).unwrap_or_default();
        // At most 65535 entries of at most 65535: the total fits a u64.
        let total: u64 = before.iter().chain(after).map(|e| u64::from(e.1)).sum();
        // A zero total leaves every weight zero, which division by one does too.
        let divisor = WeightDivisor::new(total.max(1))?;
        Some(StoredRow {
            entries,
            skip,
            divisor,
        })
    }

    /// W given in full (the dense epoch's, say).
    pub fn from_matrix(built: SparseMatrix) -> Self {
        Self {
            stored: alloc::vec![None; built.rows()],
            built,
        }
    }

    /// Number of rows.
    #[inline]
    pub fn rows(&self) -> usize {
        self.stored.len()
    }

    /// Row `i` (empty past the last row).
    #[inline]
    pub fn row(&self, i: usize) -> RowView<'_> {
        match self.stored.get(i).copied().flatten() {
            Some(row) => RowView::Stored(row),
            None => {
                let (cols, vals) = self.built.row(i);
                RowView::Built(cols, vals)
            }
        }
    }

    /// Number of entries in all rows.
    pub fn entry_count(&self) -> usize {
        (0..self.rows()).map(|i| self.row(i).len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{is_ascending, OwnedEpochInput};
    use crate::matrix::sum_wrapping;
    use proptest::prelude::*;

    /// §4.6 written plainly: filter, then divide by the wrapping sum when positive.
    fn reference(input: &OwnedEpochInput, masks: &Masks<'_>, i: usize) -> Vec<(u16, I32F32)> {
        if !masks.permit.get(i).copied().unwrap_or_default() {
            return Vec::new();
        }
        let updated = input.last_update[i];
        let committed = match masks.commit_reveal {
            true => input
                .commit_block
                .get(i)
                .copied()
                .flatten()
                .unwrap_or(u64::MAX),
            false => u64::MAX,
        };
        let mut row: Vec<(u16, I32F32)> = input.weights[i]
            .iter()
            .filter(|&&(j, _)| {
                input
                    .block_at_registration
                    .get(usize::from(j))
                    .is_some_and(|&registered| {
                        (usize::from(j) != i || masks.owner == Some(j))
                            && updated > registered
                            && committed >= registered
                    })
            })
            .map(|&(j, w)| (j, I32F32::from_u16(w)))
            .collect();
        let values: Vec<I32F32> = row.iter().map(|e| e.1).collect();
        let sum = sum_wrapping(&values);
        if sum > I32F32::ZERO {
            row.iter_mut().for_each(|e| e.1 = e.1.safe_div(sum));
        }
        row
    }

    /// Small networks whose rows are sorted or not, hold self-weights and uids past n, and
    /// whose uids registered before or after the rows were set.
    fn network() -> impl Strategy<Value = (OwnedEpochInput, Vec<bool>, Option<u16>, bool)> {
        (1usize..12).prop_flat_map(|n| {
            let row = proptest::collection::vec((0u16..(n as u16 + 2), any::<u16>()), 0..16);
            (
                proptest::collection::vec(row, n),
                // Rows set after every registration (read in place) or not.
                proptest::collection::vec(8u64..20, n),
                proptest::collection::vec(0u64..10, n),
                proptest::collection::vec(proptest::option::of(0u64..20), n),
                proptest::collection::vec(any::<bool>(), n),
                proptest::option::of(0u16..(n as u16)),
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(
                    |(mut weights, last_update, registered, commit, permit, owner, sort, cr)| {
                        if sort {
                            for row in &mut weights {
                                row.sort_by_key(|e| e.0);
                                row.dedup_by_key(|e| e.0);
                            }
                        }
                        let input = OwnedEpochInput {
                            current_block: 20,
                            rao_emission: 0,
                            stake: vec![0; weights.len()],
                            bonds: vec![Vec::new(); weights.len()],
                            weights,
                            last_update,
                            block_at_registration: registered,
                            validator_permit: permit.clone(),
                            commit_block: commit,
                        };
                        (input, permit, owner, cr)
                    },
                )
        })
    }

    proptest! {
        #[test]
        fn rows_read_in_place_equal_masked_rows((input, permit, owner, commit_reveal) in network()) {
            let ascending: Vec<bool> = input.weights.iter().map(|row| is_ascending(row)).collect();
            let masks = Masks { permit: &permit, owner, commit_reveal, ascending: &ascending };
            let n = input.weights.len();
            let weights = MaskedWeights::new(&input.as_input(), &masks, n);
            prop_assert_eq!(weights.rows(), n);
            for i in 0..n {
                let mut row = Vec::new();
                weights.row(i).for_each(|j, w| row.push((j, w)));
                prop_assert_eq!(weights.row(i).len(), row.len());
                prop_assert_eq!(row, reference(&input, &masks, i), "row {}", i);
            }
        }
    }
}
