//! The pooled transactions and their tags: which are ready and which wait (future), in
//! what order a block takes them, which go first when room is short, and who watches
//! them. Pure data; validation happens outside.
//!
//! A transaction is ready when every tag it requires is provided by a ready transaction
//! (the runtime leaves out tags the chain already provides). Readiness is kept as
//! transactions come and go: pooling a ready one costs O(log n) plus the transactions it
//! makes ready, whatever the pool holds, so that a full pool does not slow every
//! submission down. A full recount ([`Queue::refresh_readiness`]) runs once per block,
//! after revalidation.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::sync::Arc;

use sp_runtime::transaction_validity::{TransactionTag, ValidTransaction};
use taonet_runtime::{AccountId, BlockNumber, Hash, UncheckedExtrinsic};
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
    /// Its signer, if signed: future transactions are limited per sender.
    pub sender: Option<AccountId>,
    /// The best block when it last became future; `None` while it is ready.
    future_since: Option<BlockNumber>,
    /// The best block it was last validated at: the longest unchecked go first when a
    /// block's revalidation has room for more than the block touched.
    validated_at: BlockNumber,
}

impl PooledTx {
    /// Whether it can go into the next block (else it waits: future).
    pub fn is_ready(&self) -> bool {
        self.future_since.is_none()
    }

    /// Its place in its side's eviction order, weakest first: the lowest priority, then
    /// the newest of the ready ones (first come, first served) but the oldest of the future
    /// ones (they had their chance).
    fn rank(&self) -> Rank {
        let seq = if self.is_ready() { !self.seq } else { self.seq };
        (self.validity.priority, seq, self.hash)
    }
}

/// A validated transaction to pool.
pub struct NewTx {
    /// Blake2-256 of its encoding.
    pub hash: Hash,
    /// The transaction.
    pub xt: Arc<UncheckedExtrinsic>,
    /// Its encoded size.
    pub len: usize,
    /// What the runtime said about it.
    pub validity: ValidTransaction,
    /// Its signer, if signed.
    pub sender: Option<AccountId>,
}

/// A transaction's place in an eviction order: (priority, order among equals, hash).
type Rank = (u64, u64, Hash);

/// One side of the pool, ready or future: its transactions in eviction order, and their
/// total size.
#[derive(Default)]
struct Side {
    ranked: BTreeSet<Rank>,
    bytes: usize,
}

impl Side {
    fn add(&mut self, tx: &PooledTx) {
        self.ranked.insert(tx.rank());
        self.bytes = self.bytes.saturating_add(tx.len);
    }

    fn take(&mut self, tx: &PooledTx) {
        let was_here = self.ranked.remove(&tx.rank());
        debug_assert!(was_here, "a transaction leaves the side it is on");
        self.bytes = self.bytes.saturating_sub(tx.len);
    }
}

/// How many transactions and bytes one side of the pool holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SideSize {
    /// Transactions.
    pub count: usize,
    /// Their encoded bytes.
    pub bytes: usize,
}

/// Transactions by hash, tag owners, readiness and watchers.
#[derive(Default)]
pub struct Queue {
    txs: BTreeMap<Hash, PooledTx>,
    providers: BTreeMap<TransactionTag, Hash>,
    /// The transactions requiring each tag.
    dependants: BTreeMap<TransactionTag, BTreeSet<Hash>>,
    ready: Side,
    future: Side,
    future_by_sender: BTreeMap<AccountId, usize>,
    watchers: BTreeMap<Hash, Vec<UnboundedSender<TxStatus>>>,
    next_seq: u64,
}

impl Queue {
    /// How many transactions and bytes are pooled.
    pub fn size(&self) -> (usize, usize) {
        (
            self.txs.len(),
            self.ready.bytes.saturating_add(self.future.bytes),
        )
    }

    /// The size of the ready side (`ready`) or of the future side.
    pub fn side_size(&self, ready: bool) -> SideSize {
        let side = self.side(ready);
        SideSize {
            count: side.ranked.len(),
            bytes: side.bytes,
        }
    }

    /// The transactions of the ready side (`ready`) or of the future side, weakest first:
    /// the order they are evicted in.
    pub fn ranked(&self, ready: bool) -> impl Iterator<Item = &PooledTx> + '_ {
        self.side(ready)
            .ranked
            .iter()
            .filter_map(|(_, _, hash)| self.txs.get(hash))
    }

    fn side(&self, ready: bool) -> &Side {
        if ready {
            &self.ready
        } else {
            &self.future
        }
    }

    /// Pooled transaction `hash`.
    pub fn get(&self, hash: &Hash) -> Option<&PooledTx> {
        self.txs.get(hash)
    }

    /// How many future transactions `sender` has pooled.
    pub fn future_of(&self, sender: &AccountId) -> usize {
        self.future_by_sender.get(sender).copied().unwrap_or(0)
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

    /// Whether a pooled transaction provides `tag`.
    pub fn provides(&self, tag: &[u8]) -> bool {
        self.providers.contains_key(tag)
    }

    /// Whether a transaction requiring `requires` would be ready now.
    pub fn would_be_ready(&self, requires: &[TransactionTag]) -> bool {
        requires.iter().all(|tag| {
            self.providers
                .get(tag)
                .and_then(|hash| self.txs.get(hash))
                .is_some_and(PooledTx::is_ready)
        })
    }

    /// Adds a transaction (its tags must be free) at best block `best`, and tells its
    /// watcher, and those of transactions it makes ready, so. Returns whether it is ready.
    pub fn insert(
        &mut self,
        new: NewTx,
        best: BlockNumber,
        watcher: Option<UnboundedSender<TxStatus>>,
    ) -> bool {
        let NewTx {
            hash,
            xt,
            len,
            validity,
            sender,
        } = new;
        let ready = self.would_be_ready(&validity.requires);
        for tag in &validity.provides {
            self.providers.insert(tag.clone(), hash);
        }
        for tag in &validity.requires {
            self.dependants.entry(tag.clone()).or_default().insert(hash);
        }
        let seq = self.next_seq;
        self.next_seq = self.next_seq.wrapping_add(1);
        let provides = validity.provides.clone();
        let tx = PooledTx {
            hash,
            xt,
            len,
            validity,
            seq,
            sender,
            future_since: (!ready).then_some(best),
            validated_at: best,
        };
        self.side_add(&tx);
        self.txs.insert(hash, tx);
        if let Some(watcher) = watcher {
            self.watchers.entry(hash).or_default().push(watcher);
        }
        if ready {
            self.notify(&hash, TxStatus::Ready);
            self.promote(provides);
        } else {
            self.notify(&hash, TxStatus::Future);
        }
        ready
    }

    /// Removes `hash`, telling its watchers `status` (when given) and closing them; the
    /// transactions that depended on it become future at best block `best`. Returns the
    /// removed transaction.
    pub fn remove(
        &mut self,
        hash: &Hash,
        status: Option<TxStatus>,
        best: BlockNumber,
    ) -> Option<PooledTx> {
        let tx = self.unlink(hash, status)?;
        if tx.is_ready() {
            self.demote(&tx.validity.provides, best);
        }
        Some(tx)
    }

    /// Removes `hash` like [`Queue::remove`] but leaves its dependants' readiness alone,
    /// for a batch of removals that [`Queue::refresh_readiness`] ends (a block's
    /// transactions: their successors stay ready through revalidation).
    pub fn remove_in_batch(&mut self, hash: &Hash, status: Option<TxStatus>) {
        self.unlink(hash, status);
    }

    fn unlink(&mut self, hash: &Hash, status: Option<TxStatus>) -> Option<PooledTx> {
        let tx = self.txs.remove(hash)?;
        self.side_take(&tx);
        for tag in &tx.validity.provides {
            if self.providers.get(tag) == Some(hash) {
                self.providers.remove(tag);
            }
        }
        self.forget_requires(hash, &tx.validity.requires);
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

    /// Every pooled transaction's hash.
    pub fn hashes(&self) -> BTreeSet<Hash> {
        self.txs.keys().copied().collect()
    }

    /// Every pooled transaction.
    pub fn all(&self) -> Vec<Arc<UncheckedExtrinsic>> {
        self.txs.values().map(|tx| tx.xt.clone()).collect()
    }

    /// Future transactions that became future before block `before`.
    pub fn futures_since_before(&self, before: BlockNumber) -> Vec<Hash> {
        self.txs
            .values()
            .filter(|tx| tx.future_since.is_some_and(|since| since < before))
            .map(|tx| tx.hash)
            .collect()
    }

    /// The pooled transactions whose validity or readiness a block is likely to have
    /// changed: those requiring a tag in `gone` (provided by a transaction the block took,
    /// so now by the chain or by nobody), and the heads of `senders`' transactions (the
    /// ones requiring nothing a pooled transaction provides: the nonce the chain expects
    /// next, or the first after a gap), which a transaction of theirs that the pool never
    /// saw may have made ready or stale. From the indexes and one pass over the pool,
    /// without validation.
    pub fn touched(
        &self,
        gone: &[TransactionTag],
        senders: &BTreeSet<AccountId>,
    ) -> BTreeSet<Hash> {
        let mut touched: BTreeSet<Hash> = gone
            .iter()
            .filter(|tag| !self.providers.contains_key(*tag))
            .flat_map(|tag| self.dependants.get(tag).into_iter().flatten().copied())
            .collect();
        if !senders.is_empty() {
            touched.extend(
                self.txs
                    .values()
                    .filter(|tx| tx.sender.as_ref().is_some_and(|who| senders.contains(who)))
                    .filter(|tx| {
                        tx.validity.requires.is_empty()
                            || tx
                                .validity
                                .requires
                                .iter()
                                .any(|tag| !self.providers.contains_key(tag))
                    })
                    .map(|tx| tx.hash),
            );
        }
        touched
    }

    /// Up to `count` transactions outside `skip` last validated before block `before`, the
    /// longest unchecked first (then the oldest).
    pub fn least_recently_validated(
        &self,
        count: usize,
        before: BlockNumber,
        skip: &BTreeSet<Hash>,
    ) -> Vec<Hash> {
        let mut stale: Vec<(BlockNumber, u64, Hash)> = self
            .txs
            .values()
            .filter(|tx| tx.validated_at < before && !skip.contains(&tx.hash))
            .map(|tx| (tx.validated_at, tx.seq, tx.hash))
            .collect();
        if stale.len() > count {
            stale.select_nth_unstable(count);
            stale.truncate(count);
        }
        stale.sort_unstable();
        stale.into_iter().map(|(_, _, hash)| hash).collect()
    }

    /// Replaces the validity of `hash` after revalidation at best block `best`; readiness
    /// follows at the next [`Queue::refresh_readiness`].
    pub fn revalidated(&mut self, hash: &Hash, validity: ValidTransaction, best: BlockNumber) {
        let Some(tx) = self.txs.remove(hash) else {
            return;
        };
        self.side_take(&tx);
        for tag in &tx.validity.provides {
            if self.providers.get(tag) == Some(hash) {
                self.providers.remove(tag);
            }
        }
        self.forget_requires(hash, &tx.validity.requires);
        for tag in &validity.provides {
            self.providers.insert(tag.clone(), *hash);
        }
        for tag in &validity.requires {
            self.dependants
                .entry(tag.clone())
                .or_default()
                .insert(*hash);
        }
        let tx = PooledTx {
            validity,
            validated_at: best,
            ..tx
        };
        self.side_add(&tx);
        self.txs.insert(*hash, tx);
    }

    /// Recounts which transactions are ready (every required tag provided by a ready
    /// one) at best block `best`, and tells watchers of each change.
    pub fn refresh_readiness(&mut self, best: BlockNumber) {
        let now: BTreeSet<Hash> = self.ready_order().into_iter().map(|(h, _)| h).collect();
        let changed: Vec<Hash> = self
            .txs
            .values()
            .filter(|tx| tx.is_ready() != now.contains(&tx.hash))
            .map(|tx| tx.hash)
            .collect();
        for hash in changed {
            self.set_ready(&hash, now.contains(&hash), best);
        }
    }

    /// Makes every future transaction that `tags` were missing ready, if nothing else is
    /// missing, and so on down the chain of dependants.
    fn promote(&mut self, mut tags: Vec<TransactionTag>) {
        while let Some(tag) = tags.pop() {
            let waiting = self.dependants_of(&tag);
            for hash in waiting {
                let Some(tx) = self.txs.get(&hash) else {
                    continue;
                };
                if tx.is_ready() || !self.would_be_ready(&tx.validity.requires) {
                    continue;
                }
                let provides = tx.validity.provides.clone();
                self.set_ready(&hash, true, 0);
                tags.extend(provides);
            }
        }
    }

    /// Makes every ready transaction requiring one of `tags` (no longer provided by a
    /// ready one) future, and so on down the chain of dependants.
    fn demote(&mut self, tags: &[TransactionTag], best: BlockNumber) {
        let mut tags = tags.to_vec();
        while let Some(tag) = tags.pop() {
            if self
                .providers
                .get(&tag)
                .and_then(|hash| self.txs.get(hash))
                .is_some_and(PooledTx::is_ready)
            {
                continue;
            }
            let waiting = self.dependants_of(&tag);
            for hash in waiting {
                let Some(tx) = self.txs.get(&hash) else {
                    continue;
                };
                if tx.is_ready() {
                    let provides = tx.validity.provides.clone();
                    self.set_ready(&hash, false, best);
                    tags.extend(provides);
                }
            }
        }
    }

    /// The transactions requiring `tag`.
    fn dependants_of(&self, tag: &TransactionTag) -> Vec<Hash> {
        self.dependants
            .get(tag)
            .into_iter()
            .flatten()
            .copied()
            .collect()
    }

    /// Moves `hash` to the ready or the future side, telling its watchers.
    fn set_ready(&mut self, hash: &Hash, ready: bool, best: BlockNumber) {
        let Some(mut tx) = self.txs.remove(hash) else {
            return;
        };
        self.side_take(&tx);
        tx.future_since = (!ready).then_some(best);
        self.side_add(&tx);
        self.txs.insert(*hash, tx);
        self.notify(
            hash,
            if ready {
                TxStatus::Ready
            } else {
                TxStatus::Future
            },
        );
    }

    fn side_add(&mut self, tx: &PooledTx) {
        if tx.is_ready() {
            self.ready.add(tx);
        } else {
            self.future.add(tx);
            if let Some(sender) = &tx.sender {
                *self.future_by_sender.entry(sender.clone()).or_default() += 1;
            }
        }
    }

    fn side_take(&mut self, tx: &PooledTx) {
        if tx.is_ready() {
            self.ready.take(tx);
        } else {
            self.future.take(tx);
            if let Some(sender) = &tx.sender {
                if let Some(count) = self.future_by_sender.get_mut(sender) {
                    *count = count.saturating_sub(1);
                    if *count == 0 {
                        self.future_by_sender.remove(sender);
                    }
                }
            }
        }
    }

    fn forget_requires(&mut self, hash: &Hash, requires: &[TransactionTag]) {
        for tag in requires {
            if let Some(waiting) = self.dependants.get_mut(tag) {
                waiting.remove(hash);
                if waiting.is_empty() {
                    self.dependants.remove(tag);
                }
            }
        }
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
