//! What one epoch reads from a subnet's state, and the checks that make it consistent.

use alloc::vec::Vec;

/// A stored sparse row: `(uid, u16 value)` pairs in stored order.
pub type Row = Vec<(u16, u16)>;

/// The stored state one epoch runs on (yuma-epoch.md §2). Every slice has one entry per uid.
#[derive(Clone, Copy, Debug)]
pub struct EpochInput<'a> {
    /// The block the epoch runs in.
    pub current_block: u64,
    /// Rao distributed by this epoch.
    pub rao_emission: u64,
    /// Stake per uid, in rao.
    pub stake: &'a [u64],
    /// Weight rows as `set_weights` stored them (row-max-upscaled u16, argument order).
    /// Entries naming a uid ≥ n are ignored, as the chain ignores them.
    pub weights: &'a [Row],
    /// Bond rows stored by the previous epoch.
    pub bonds: &'a [Row],
    /// Block of each uid's last weight update (or registration).
    pub last_update: &'a [u64],
    /// Block at which each uid was (last) registered.
    pub block_at_registration: &'a [u64],
    /// Validator permits stored by the previous epoch.
    pub validator_permit: &'a [bool],
    /// Earliest unexpired weight-commit block per uid; empty when no uid has a commit.
    pub commit_block: &'a [Option<u64>],
}

/// An [`EpochInput`] that owns its data, for callers that build the state themselves
/// (tools, tests, benchmarks) rather than reading it from chain storage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedEpochInput {
    /// See [`EpochInput::current_block`].
    pub current_block: u64,
    /// See [`EpochInput::rao_emission`].
    pub rao_emission: u64,
    /// See [`EpochInput::stake`].
    pub stake: Vec<u64>,
    /// See [`EpochInput::weights`].
    pub weights: Vec<Row>,
    /// See [`EpochInput::bonds`].
    pub bonds: Vec<Row>,
    /// See [`EpochInput::last_update`].
    pub last_update: Vec<u64>,
    /// See [`EpochInput::block_at_registration`].
    pub block_at_registration: Vec<u64>,
    /// See [`EpochInput::validator_permit`].
    pub validator_permit: Vec<bool>,
    /// See [`EpochInput::commit_block`].
    pub commit_block: Vec<Option<u64>>,
}

impl OwnedEpochInput {
    /// The borrowed view the epoch functions take.
    pub fn as_input(&self) -> EpochInput<'_> {
        EpochInput {
            current_block: self.current_block,
            rao_emission: self.rao_emission,
            stake: &self.stake,
            weights: &self.weights,
            bonds: &self.bonds,
            last_update: &self.last_update,
            block_at_registration: &self.block_at_registration,
            validator_permit: &self.validator_permit,
            commit_block: &self.commit_block,
        }
    }
}

/// Why an epoch input was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EpochError {
    /// A per-uid input does not hold exactly one entry per uid.
    #[error("{field}: expected {expected} entries (one per uid), got {actual}")]
    Length {
        /// The input that has the wrong length.
        field: &'static str,
        /// The number of uids.
        expected: usize,
        /// Its actual length.
        actual: usize,
    },
    /// More uids than a u16 uid can name.
    #[error("n: {0} uids exceed the 65535 a subnet can hold")]
    TooManyUids(usize),
    /// A sparse row names the same uid twice, which the chain never stores.
    #[error("{field}[{row}]: uid {uid} appears more than once")]
    DuplicateUid {
        /// `weights` or `bonds`.
        field: &'static str,
        /// The row holding the duplicate.
        row: usize,
        /// The repeated uid.
        uid: u16,
    },
}

impl EpochInput<'_> {
    /// Number of uids, after checking that every input agrees with it.
    pub fn validate(&self) -> Result<usize, EpochError> {
        self.check().map(|checked| checked.n)
    }

    /// [`Self::validate`], also telling which weight rows are sorted.
    pub(crate) fn check(&self) -> Result<Checked, EpochError> {
        let n = self.stake.len();
        if n > usize::from(u16::MAX) {
            return Err(EpochError::TooManyUids(n));
        }
        let lengths = [
            ("weights", self.weights.len()),
            ("bonds", self.bonds.len()),
            ("last_update", self.last_update.len()),
            ("block_at_registration", self.block_at_registration.len()),
            ("validator_permit", self.validator_permit.len()),
        ];
        for (field, actual) in lengths {
            if actual != n {
                return Err(EpochError::Length {
                    field,
                    expected: n,
                    actual,
                });
            }
        }
        if !self.commit_block.is_empty() && self.commit_block.len() != n {
            return Err(EpochError::Length {
                field: "commit_block",
                expected: n,
                actual: self.commit_block.len(),
            });
        }
        let ascending_weights = check_unique("weights", self.weights)?;
        check_unique("bonds", self.bonds)?;
        Ok(Checked {
            n,
            ascending_weights,
        })
    }
}

/// What checking an input found.
pub(crate) struct Checked {
    /// Number of uids.
    pub n: usize,
    /// Per weight row, whether its uids ascend strictly (see [`is_ascending`]).
    pub ascending_weights: Vec<bool>,
}

/// Rejects rows that name a uid twice (a stamp per uid, so the check is linear); returns
/// which rows ascend.
fn check_unique(field: &'static str, rows: &[Row]) -> Result<Vec<bool>, EpochError> {
    // stamp = row + 1 of the last row that named the uid, allocated at the first row that
    // needs it.
    let mut seen: Option<Vec<u32>> = None;
    let mut ascending = Vec::with_capacity(rows.len());
    for (row, entries) in rows.iter().enumerate() {
        let sorted = is_ascending(entries);
        ascending.push(sorted);
        if sorted {
            continue; // strictly ascending: no repeats, and the usual order clients send
        }
        let seen =
            seen.get_or_insert_with(|| alloc::vec![0; usize::from(u16::MAX).saturating_add(1)]);
        let stamp = u32::try_from(row).unwrap_or(u32::MAX).saturating_add(1);
        for &(uid, _) in entries {
            if let Some(seen) = seen.get_mut(usize::from(uid)) {
                if *seen == stamp {
                    return Err(EpochError::DuplicateUid { field, row, uid });
                }
                *seen = stamp;
            }
        }
    }
    Ok(ascending)
}

/// Whether a row's uids ascend strictly: the order clients send, in which no uid repeats.
/// Checked without an early exit, so that it runs over whole vectors of entries at a time.
pub fn is_ascending(row: &[(u16, u16)]) -> bool {
    row.windows(2).fold(true, |ascending, pair| match pair {
        [a, b] => ascending & (a.0 < b.0),
        _ => ascending,
    })
}
