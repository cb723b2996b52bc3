//! The pooled transactions and their tags: which are ready, in what order a block takes
//! them, and who watches them. Pure data; validation happens outside.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::sync::Arc;

use sp_runtime::transaction_validity::{TransactionTag, ValidTransaction};
use taonet_runtime::{Hash, UncheckedExtrinsic};
use tokio::sync::mpsc::UnboundedSender;

use super::TxStatus;

/// A validated transaction in the pool.
#[derive(Debug)]
pub struct PooledTx {
    /// Blake2-256 of its encoding.
    pub hash: Hash,
    /// The transaction.
    pub xt: Arc<UncheckedExtrinsic>,
    /// Its encoded size.
    pub len: usize,
    /// What the runtime said about it at the last validation.
    pub validity: ValidTransaction,
    /// Arrival order, to break priority ties first-come first-served.
    pub seq: u64,
}

/// Transactions by hash, tag owners and watchers.
#[derive(Default)]
pub struct Queue {
    txs: BTreeMap<Hash, PooledTx>,
    providers: BTreeMap<TransactionTag, Hash>,
    ready: BTreeSet<Hash>,
    watchers: BTreeMap<Hash, Vec<UnboundedSender<TxStatus>>>,
    bytes: usize,
    next_seq: u64,
}

impl Queue {
    /// How many transactions and bytes are pooled.
    pub fn size(&self) -> (usize, usize) {
        (self.txs.len(), self.bytes)
    }

    /// Whether `hash` is pooled.
    pub fn contains(&self, hash: &Hash) -> bool {
        self.txs.contains_key(hash)
    }

    /// Pooled transactions already providing one of `tags`.
    pub fn providers_of<'a>(&'a self, tags: &'a [TransactionTag]) -> BTreeSet<Hash> {
        tags.iter()
            .filter_map(|tag| self.providers.get(tag).copied())
            .collect()
    }

    /// The priority of pooled `hash`.
    pub fn priority(&self, hash: &Hash) -> Option<u64> {
        self.txs.get(hash).map(|tx| tx.validity.priority)
    }

    /// The pooled transaction with the lowest priority (newest first among equals): the
    /// one to evict when the pool is full.
    pub fn weakest(&self) -> Option<(Hash, u64)> {
        self.txs
            .values()
            .min_by(|a, b| {
                a.validity
                    .priority
                    .cmp(&b.validity.priority)
                    .then(b.seq.cmp(&a.seq))
            })
            .map(|tx| (tx.hash, tx.validity.priority))
    }

    /// Whether a pooled transaction provides `tag`.
    pub fn provides(&self, tag: &[u8]) -> bool {
        self.providers.contains_key(tag)
    }

    /// Adds a transaction (its tags must be free) and tells every transaction that became
    /// ready or future so. Returns whether it is ready itself.
    pub fn insert(
        &mut self,
        hash: Hash,
        xt: Arc<UncheckedExtrinsic>,
        len: usize,
        validity: ValidTransaction,
        watcher: Option<UnboundedSender<TxStatus>>,
    ) -> bool {
        for tag in &validity.provides {
            self.providers.insert(tag.clone(), hash);
        }
        let seq = self.next_seq;
        self.next_seq = self.next_seq.wrapping_add(1);
        self.bytes = self.bytes.saturating_add(len);
        self.txs.insert(
            hash,
            PooledTx {
                hash,
                xt,
                len,
                validity,
                seq,
            },
        );
        if let Some(watcher) = watcher {
            self.watchers.entry(hash).or_default().push(watcher);
        }
        // Readiness tells the new transaction's watcher `ready`; `future` is left to say.
        self.refresh_readiness();
        let ready = self.ready.contains(&hash);
        if !ready {
            self.notify(&hash, TxStatus::Future);
        }
        ready
    }

    /// Removes `hash`, telling its watchers `status` (when given) and closing them.
    /// Returns the removed transaction.
    pub fn remove(&mut self, hash: &Hash, status: Option<TxStatus>) -> Option<PooledTx> {
        let tx = self.txs.remove(hash)?;
        for tag in &tx.validity.provides {
            if self.providers.get(tag) == Some(hash) {
                self.providers.remove(tag);
            }
        }
        self.ready.remove(hash);
        self.bytes = self.bytes.saturating_sub(tx.len);
        let watchers = self.watchers.remove(hash).unwrap_or_default();
        if let Some(status) = status {
            for watcher in watchers {
                let _ = watcher.send(status.clone());
            }
        }
        Some(tx)
    }

    /// Takes the watchers of `hash` away (its transaction left the pool in a block).
    pub fn take_watchers(&mut self, hash: &Hash) -> Vec<UnboundedSender<TxStatus>> {
        self.watchers.remove(hash).unwrap_or_default()
    }

    /// Every pooled transaction's hash and transaction.
    pub fn all(&self) -> Vec<(Hash, Arc<UncheckedExtrinsic>)> {
        self.txs
            .values()
            .map(|tx| (tx.hash, tx.xt.clone()))
            .collect()
    }

    /// Replaces the validity of `hash` after revalidation.
    pub fn revalidated(&mut self, hash: &Hash, validity: ValidTransaction) {
        let Some(tx) = self.txs.get_mut(hash) else {
            return;
        };
        for tag in &tx.validity.provides {
            if self.providers.get(tag) == Some(hash) {
                self.providers.remove(tag);
            }
        }
        for tag in &validity.provides {
            self.providers.insert(tag.clone(), *hash);
        }
        tx.validity = validity;
    }

    /// Recomputes which transactions are ready (every required tag provided by a ready
    /// one) and tells watchers of each change.
    pub fn refresh_readiness(&mut self) {
        let order = self.ready_order();
        let now: BTreeSet<Hash> = order.iter().map(|tx| tx.0).collect();
        for hash in now.difference(&self.ready) {
            self.notify(hash, TxStatus::Ready);
        }
        for hash in self.ready.difference(&now) {
            self.notify(hash, TxStatus::Future);
        }
        self.ready = now;
    }

    fn notify(&self, hash: &Hash, status: TxStatus) {
        for watcher in self.watchers.get(hash).into_iter().flatten() {
            let _ = watcher.send(status.clone());
        }
    }

    /// The ready transactions in the order a block should take them: highest priority
    /// first, but never before a transaction providing a tag it requires.
    pub fn ready_order(&self) -> Vec<(Hash, Arc<UncheckedExtrinsic>)> {
        let mut waiting: BTreeMap<Hash, usize> = BTreeMap::new();
        let mut dependants: BTreeMap<&[u8], Vec<Hash>> = BTreeMap::new();
        let mut heap = BinaryHeap::new();
        for tx in self.txs.values() {
            for tag in &tx.validity.requires {
                dependants.entry(tag.as_slice()).or_default().push(tx.hash);
            }
            if tx.validity.requires.is_empty() {
                heap.push(Candidate::of(tx));
            } else {
                waiting.insert(tx.hash, tx.validity.requires.len());
            }
        }
        let mut order = Vec::new();
        while let Some(Candidate { hash, .. }) = heap.pop() {
            let Some(tx) = self.txs.get(&hash) else {
                continue;
            };
            for tag in &tx.validity.provides {
                for dependant in dependants.remove(tag.as_slice()).unwrap_or_default() {
                    if let Some(missing) = waiting.get_mut(&dependant) {
                        *missing = missing.saturating_sub(1);
                        if *missing == 0 {
                            waiting.remove(&dependant);
                            if let Some(next) = self.txs.get(&dependant) {
                                heap.push(Candidate::of(next));
                            }
                        }
                    }
                }
            }
            order.push((hash, tx.xt.clone()));
        }
        order
    }
}

/// A ready transaction competing for the next place in a block.
#[derive(PartialEq, Eq)]
struct Candidate {
    priority: u64,
    seq: u64,
    hash: Hash,
}

impl Candidate {
    fn of(tx: &PooledTx) -> Self {
        Candidate {
            priority: tx.validity.priority,
            seq: tx.seq,
            hash: tx.hash,
        }
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.priority
            .cmp(&other.priority)
            .then(other.seq.cmp(&self.seq))
            .then(self.hash.cmp(&other.hash))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
