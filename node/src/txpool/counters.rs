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
    /// Validations asked for: one per submission past the cheap checks (queued for a
    /// batch), and one per transaction checked again after a block. Less the finished
    /// ones, what waits or runs now.
    pub validations_scheduled: AtomicU64,
    /// Validations answered (valid or not).
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
