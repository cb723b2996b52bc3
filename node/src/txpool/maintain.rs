//! Following the chain: a new best block removes what it included, re-pools what a
//! retracted block held, and checks again the transactions it may have changed; a
//! finalized block tells its watchers.
//!
//! Revalidation is incremental, as Substrate's pool's is: a block checks again the
//! transactions it touched ([`Queue::touched`]: the successors of what it took, and the
//! heads of its signers' transactions), and at most [`REVALIDATE_PER_BLOCK`] others, the
//! longest unchecked first, so every pooled transaction is checked again within a bounded
//! number of blocks; what revalidation drops, its dependants are checked too. A block that
//! changes the runtime's code touches every transaction (what the old runtime accepted,
//! signed for its `spec_version`, the new one may not), and so do a reorg and missed
//! chain events, after which that cannot be told. A transaction that went bad in between
//! is also caught by the next block builder, which drops and bans it
//! ([`TxPool::reject`]). A full pool costs a block a few hundred validations, not
//! thousands, so a flood does not make the pool's own upkeep compete with the submissions
//! and the block builder for the cores.
//!
//! [`Queue::touched`]: super::queue::Queue::touched

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use codec::Encode;
use sp_core::storage::well_known_keys;
use sp_runtime::traits::{BlakeTwo256, Hash as _};
use sp_runtime::transaction_validity::{
    TransactionSource, TransactionTag, TransactionValidityError, ValidTransaction,
};
use taonet_runtime::{BlockNumber, Hash, UncheckedExtrinsic};

use super::batch::MAX_BATCH;
use super::{signer, PoolCounters, PoolError, TxPool, TxStatus};
use crate::chain::{ChainEvent, Imported};

/// How many transactions a new best block checks again besides those it touched: a full
/// pool (8 192 ready and 819 future) is checked whole within 36 blocks.
pub const REVALIDATE_PER_BLOCK: usize = 256;

/// Rounds of checking the dependants of transactions a revalidation dropped: each round
/// only follows what the last one dropped, so a sender's chain of stale transactions is
/// followed this deep in one block, and further by the next blocks.
const CASCADE_ROUNDS: usize = 4;

impl TxPool {
    /// Follows the chain: removes included transactions, re-pools retracted ones,
    /// revalidates what a block may have changed and tells watchers. Runs until the
    /// chain's events end.
    pub async fn maintain(self: Arc<Self>) {
        let mut events = self.client.subscribe();
        // Blocks were missed: the next new best block checks the whole pool.
        let mut lagged = false;
        loop {
            match events.recv().await {
                Ok(ChainEvent::Imported(imported)) if imported.new_best => {
                    let pool = self.clone();
                    let missed = std::mem::take(&mut lagged);
                    let _ =
                        tokio::task::spawn_blocking(move || pool.on_new_best(&imported, missed))
                            .await;
                }
                Ok(ChainEvent::Imported(_)) => {}
                Ok(ChainEvent::Finalized { hash, .. }) => self.on_finalized(&hash),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(missed)) => {
                    tracing::warn!(target: "txpool", missed, "pool fell behind the chain");
                    lagged = true;
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    }

    /// A new best block: `missed` if blocks before it were never seen here.
    fn on_new_best(&self, imported: &Imported, missed: bool) {
        for retracted in &imported.retracted {
            self.on_retracted(retracted);
        }
        // The tags the block's pooled transactions provided, and every signer it holds.
        let mut gone = Vec::new();
        let mut senders = BTreeSet::new();
        for block_hash in &imported.enacted {
            let Ok(Some((block, _))) = self.client.block(block_hash) else {
                continue;
            };
            let mut queue = self.queue.lock();
            let mut watched = Vec::new();
            for xt in &block.extrinsics {
                let hash = BlakeTwo256::hash(&xt.encode());
                senders.extend(signer(xt));
                if let Some(tx) = queue.get(&hash) {
                    gone.extend(tx.validity.provides.iter().cloned());
                }
                let watchers = queue.take_watchers(&hash);
                queue.remove_in_batch(&hash, None);
                for watcher in watchers {
                    let _ = watcher.send(TxStatus::InBlock(*block_hash));
                    watched.push((hash, watcher));
                }
            }
            drop(queue);
            if !watched.is_empty() {
                self.in_blocks.lock().insert(*block_hash, watched);
            }
        }
        let best = imported.block.header.number;
        // Only this block's own changes are at hand: after a reorg (blocks retracted, or
        // more than this one enacted) or missed blocks, the runtime may have changed too.
        let upgraded = missed
            || !imported.retracted.is_empty()
            || imported.enacted.len() > 1
            || imported
                .storage_changes
                .iter()
                .any(|(key, _)| key.0 == well_known_keys::CODE);
        let touched = {
            let queue = self.queue.lock();
            if upgraded {
                self.batcher.code_changed();
                queue.hashes()
            } else {
                queue.touched(&gone, &senders)
            }
        };
        self.revalidate(best, touched);
        self.drop_stale_futures(best);
    }

    /// Drops the transactions that have been future for `future_blocks` blocks.
    fn drop_stale_futures(&self, best: BlockNumber) {
        let Some(since) = best.checked_sub(self.limits.future_blocks) else {
            return;
        };
        let mut queue = self.queue.lock();
        for hash in queue.futures_since_before(since) {
            tracing::debug!(target: "txpool", %hash, "dropping a transaction future for too long");
            queue.remove(&hash, Some(TxStatus::Dropped), best);
        }
    }

    /// A block left the best chain: its watched transactions hear so and go back to the
    /// pool, if still valid.
    fn on_retracted(&self, block_hash: &Hash) {
        let watched = self.in_blocks.lock().remove(block_hash).unwrap_or_default();
        let Ok(Some((block, _))) = self.client.block(block_hash) else {
            return;
        };
        for xt in &block.extrinsics {
            let bytes = xt.encode();
            let hash = BlakeTwo256::hash(&bytes);
            let watcher = watched
                .iter()
                .find(|(watched_hash, _)| *watched_hash == hash)
                .map(|(_, watcher)| watcher.clone());
            if let Some(watcher) = &watcher {
                let _ = watcher.send(TxStatus::Retracted(*block_hash));
            }
            if xt.is_signed() {
                let _ = self.insert(&bytes, TransactionSource::InBlock, watcher);
            }
        }
    }

    pub(super) fn on_finalized(&self, block_hash: &Hash) {
        for (_, watcher) in self.in_blocks.lock().remove(block_hash).unwrap_or_default() {
            let _ = watcher.send(TxStatus::Finalized(*block_hash));
        }
    }

    /// Validates again, at new best block `best`, the `touched` transactions and up to
    /// [`REVALIDATE_PER_BLOCK`] others not yet validated at it, on every core; drops and
    /// bans the invalid, then checks what depended on those (a stale transaction's
    /// successor may now be ready on the chain's nonce) the same way, a few rounds at
    /// most; then recounts readiness.
    fn revalidate(&self, best: BlockNumber, touched: BTreeSet<Hash>) {
        let others =
            self.queue
                .lock()
                .least_recently_validated(REVALIDATE_PER_BLOCK, best, &touched);
        let mut picked: BTreeSet<Hash> = touched.into_iter().chain(others).collect();
        for _ in 0..CASCADE_ROUNDS {
            if picked.is_empty() {
                break;
            }
            let gone = self.revalidate_once(best, &picked);
            picked = self.queue.lock().touched(&gone, &BTreeSet::new());
        }
        let mut queue = self.queue.lock();
        self.banned.lock().prune(Instant::now());
        queue.refresh_readiness(best);
        self.enforce_limits(&mut queue, best);
    }

    /// Validates `picked` again at `best` and drops the invalid; returns the tags they
    /// provided.
    fn revalidate_once(&self, best: BlockNumber, picked: &BTreeSet<Hash>) -> Vec<TransactionTag> {
        let picked: Vec<(Hash, Arc<UncheckedExtrinsic>)> = {
            let queue = self.queue.lock();
            picked
                .iter()
                .filter_map(|hash| queue.get(hash).map(|tx| (*hash, tx.xt.clone())))
                .collect()
        };
        for _ in &picked {
            PoolCounters::bump(&self.counters.validations_scheduled);
        }
        // On every core, a batch of validations per runtime call.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = picked.len().div_ceil(threads).max(1);
        let results: Vec<(Hash, Result<ValidTransaction, PoolError>)> =
            std::thread::scope(|scope| {
                let workers: Vec<_> = picked
                    .chunks(chunk)
                    .map(|part| {
                        scope.spawn(move || {
                            part.chunks(MAX_BATCH)
                                .flat_map(|batch| {
                                    let inputs: Vec<Vec<u8>> = batch
                                        .iter()
                                        .map(|(_, xt)| {
                                            (TransactionSource::External, &**xt).encode()
                                        })
                                        .collect();
                                    let (answers, _) = self.validate_batch(&inputs);
                                    batch.iter().map(|(hash, _)| *hash).zip(answers)
                                })
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|worker| worker.join().unwrap_or_default())
                    .collect()
            });
        tracing::debug!(target: "txpool", best, checked = results.len(), "revalidated");
        let now = Instant::now();
        let mut gone = Vec::new();
        let mut queue = self.queue.lock();
        let mut banned = self.banned.lock();
        for (hash, result) in results {
            PoolCounters::bump(&self.counters.validations_finished);
            match result {
                Ok(validity) => queue.revalidated(&hash, validity, best),
                Err(PoolError::Invalid(TransactionValidityError::Invalid(_))) => {
                    PoolCounters::bump(&self.counters.invalid);
                    if let Some(tx) = queue.get(&hash) {
                        gone.extend(tx.validity.provides.iter().cloned());
                    }
                    queue.remove_in_batch(&hash, Some(TxStatus::Invalid));
                    banned.ban(hash, now);
                }
                Err(_) => {}
            }
        }
        gone
    }
}
