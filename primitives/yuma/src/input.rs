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
        check_unique("weights", self.weights)?;
        check_unique("bonds", self.bonds)?;
        Ok(n)
    }
}

/// Rejects rows that name a uid twice (a stamp per uid, so the check is linear).
fn check_unique(field: &'static str, rows: &[Row]) -> Result<(), EpochError> {
    // stamp = row + 1 of the last row that named the uid, allocated at the first row that
    // needs it.
    let mut seen: Option<Vec<u32>> = None;
    for (row, entries) in rows.iter().enumerate() {
        if entries.is_sorted_by(|a, b| a.0 < b.0) {
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
    Ok(())
}
