//! What the pool has done since the node started, for the metrics operators already
//! chart (Substrate's `substrate_sub_txpool_*` series): a flood shows as submissions, a
//! stream of bad transactions as invalid ones, and the pool's own load as validations.

use std::sync::atomic::{AtomicU64, Ordering};

/// Running totals of the pool's work. Each only grows.
#[derive(Debug, Default)]
pub struct PoolCounters {
    /// Transactions submitted (over RPC, from peers, or re-pooled from a retracted block),
    /// whether accepted or not.
    pub submitted: AtomicU64,
    /// Runtime validations started: one per submission that reached the runtime, and one
    /// per transaction checked again after a block.
    pub validations_scheduled: AtomicU64,
    /// Runtime validations that returned (valid or not).
    pub validations_finished: AtomicU64,
    /// Transactions found invalid: refused at submission, or dropped after a block's
    /// revalidation or by a block builder.
    pub invalid: AtomicU64,
}

impl PoolCounters {
    /// Adds one to `counter`.
    pub(super) fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}
