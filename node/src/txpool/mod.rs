//! The transaction pool: transactions validated by the runtime, waiting for a block.
//!
//! Each transaction is validated at the best block, as the runtime's `validate_transaction`
//! would alone, with others submitted at the same time in one runtime call
//! ([`batch`]). Its `requires` and `provides` tags (an account's nonces, for signed
//! transactions) order it: it is *ready* when every tag it requires is provided by the
//! chain or by another ready transaction, *future* otherwise. A new transaction providing
//! a tag that a pooled one provides replaces it only with a higher priority. After every
//! new best block, included transactions leave, and those the block may have changed are
//! validated again, with a bounded share of the rest, on every core ([`maintain`]).
//!
//! Ready and future transactions have their own limits ([`PoolLimits`]), so that
//! transactions that cannot execute (a nonce gap: they never pay a fee) cannot crowd out
//! those that can. Future ones are also limited per sender and dropped after
//! [`PoolLimits::future_blocks`] blocks. A transaction found invalid is banned for a while
//! (Substrate's 1012).
//! Watchers (`author_submitAndWatchExtrinsic`) follow each transaction to a terminal state.
//! Transactions pooled from outside the node (RPC or peers) are also broadcast to
//! [`TxPool::subscribe_pooled`], which is how the network learns what to gossip.

mod ban;
mod batch;
mod counters;
mod maintain;
mod queue;
mod status;
#[cfg(test)]
mod tests;

pub use counters::PoolCounters;
pub use maintain::REVALIDATE_PER_BLOCK;
pub use status::TxStatus;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Instant;

use codec::{Decode, Encode};
use parking_lot::Mutex;
use sp_runtime::generic::Preamble;
use sp_runtime::traits::{BlakeTwo256, Hash as _};
use sp_runtime::transaction_validity::{
    InvalidTransaction, TransactionSource, TransactionValidityError,
};
use sp_runtime::MultiAddress;
use taonet_runtime::{AccountId, BlockNumber, Hash, Nonce, UncheckedExtrinsic};
use tokio::sync::broadcast;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

use crate::chain::Client;
use ban::BanList;
pub use queue::SideSize;
use queue::{PooledTx, Queue};

/// Why a transaction was refused, with Substrate's JSON-RPC error code for each.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PoolError {
    /// The bytes are not an extrinsic of this runtime.
    #[error("Extrinsic has invalid format: {0}")]
    BadFormat(String),
    /// The runtime declared it invalid (bad signature, stale nonce, no funds, …).
    #[error("Invalid Transaction")]
    Invalid(TransactionValidityError),
    /// The same transaction is already pooled.
    #[error("Transaction Already Imported")]
    AlreadyImported(Hash),
    /// It provides the same tag as a pooled transaction of higher or equal priority.
    #[error("Priority is too low: ({old} vs {new})")]
    TooLowPriority {
        /// Priority of the pooled transaction.
        old: u64,
        /// Priority of the new one.
        new: u64,
    },
    /// The pool is full and the transaction does not outrank anything in it; or it is
    /// future and its sender has as many future transactions pooled as allowed.
    #[error("Transaction couldn't enter the pool because of the limit")]
    PoolFull,
    /// It was found invalid recently: refused without validation (Substrate: 1012).
    #[error("Transaction is temporarily banned")]
    TemporarilyBanned,
    /// Validation could not run (the runtime panicked or the state is unreadable).
    #[error("Verification Error: {0}")]
    Verification(String),
}

impl PoolError {
    /// The JSON-RPC error code Substrate's `author_*` methods use for this error.
    pub fn rpc_code(&self) -> i32 {
        match self {
            PoolError::BadFormat(_) => 1001,
            PoolError::Verification(_) => 1002,
            PoolError::Invalid(TransactionValidityError::Invalid(_)) => 1010,
            PoolError::Invalid(TransactionValidityError::Unknown(_)) => 1011,
            PoolError::TemporarilyBanned => 1012,
            PoolError::AlreadyImported(_) => 1013,
            PoolError::TooLowPriority { .. } => 1014,
            PoolError::PoolFull => 1016,
        }
    }

    /// The JSON-RPC error `data`: what the runtime said, in Substrate's words.
    pub fn rpc_data(&self) -> Option<String> {
        match self {
            PoolError::Invalid(TransactionValidityError::Invalid(invalid)) => {
                Some(<&'static str>::from(*invalid).to_owned())
            }
            PoolError::Invalid(TransactionValidityError::Unknown(unknown)) => {
                Some(<&'static str>::from(*unknown).to_owned())
            }
            _ => None,
        }
    }
}

/// How much the pool holds at most: ready and future transactions apart.
#[derive(Debug, Clone, Copy)]
pub struct PoolLimits {
    /// Ready transactions (`--pool-limit`).
    pub count: usize,
    /// Their total encoded bytes (`--pool-kbytes`).
    pub bytes: usize,
    /// Future transactions.
    pub future_count: usize,
    /// Their total encoded bytes.
    pub future_bytes: usize,
    /// Future transactions of one sender.
    pub future_per_sender: usize,
    /// Blocks a transaction may stay future before it is dropped.
    pub future_blocks: BlockNumber,
}

impl PoolLimits {
    /// `count` ready transactions of at most `bytes`, and a tenth of each for future ones,
    /// as Substrate splits them; 64 future transactions per sender, for 64 blocks.
    pub fn with_ready(count: usize, bytes: usize) -> Self {
        PoolLimits {
            count,
            bytes,
            future_count: count / 10,
            future_bytes: bytes / 10,
            future_per_sender: 64,
            future_blocks: 64,
        }
    }
}

impl Default for PoolLimits {
    /// Substrate's defaults: 8192 ready transactions, 20 MiB (and a tenth for future ones).
    fn default() -> Self {
        PoolLimits::with_ready(8192, 20 * 1024 * 1024)
    }
}

/// The transaction pool of one node.
pub struct TxPool {
    client: Arc<Client>,
    limits: PoolLimits,
    queue: Mutex<Queue>,
    /// Transactions recently found invalid.
    banned: Mutex<BanList>,
    /// Watchers of transactions in best blocks not yet final, by block.
    in_blocks: Mutex<BTreeMap<Hash, Vec<WatchedTx>>>,
    /// Newly pooled external transactions, for the network to gossip.
    pooled: broadcast::Sender<Arc<Vec<u8>>>,
    /// What the pool has done so far, for the metrics.
    counters: Arc<PoolCounters>,
    /// Submissions waiting to be validated together.
    batcher: batch::Batcher,
    /// How many submitters validate batches at once: one per core.
    leaders: usize,
}

/// How many newly pooled transactions a slow [`TxPool::subscribe_pooled`] subscriber may
/// lag behind before it misses some (a missed one is simply not gossiped).
const POOLED_BUFFER: usize = 4096;

/// A watched transaction's hash and the channel to its watcher.
type WatchedTx = (Hash, UnboundedSender<TxStatus>);

/// A stream of a watched transaction's statuses; it ends after a terminal one.
pub type Watcher = UnboundedReceiver<TxStatus>;

impl TxPool {
    /// An empty pool validating against `client`'s best block.
    pub fn new(client: Arc<Client>, limits: PoolLimits) -> Arc<Self> {
        Arc::new(TxPool {
            client,
            limits,
            queue: Mutex::new(Queue::default()),
            banned: Mutex::new(BanList::default()),
            in_blocks: Mutex::new(BTreeMap::new()),
            pooled: broadcast::channel(POOLED_BUFFER).0,
            counters: Arc::default(),
            batcher: batch::Batcher::default(),
            leaders: std::thread::available_parallelism().map_or(1, |n| n.get()),
        })
    }

    /// The pool's running totals (submissions, validations, invalid transactions).
    pub fn counters(&self) -> Arc<PoolCounters> {
        self.counters.clone()
    }

    /// Receives the encoded bytes of every transaction pooled from now on with source
    /// `External` (submitted over RPC or received from a peer), once it passed validation:
    /// the network gossips them. Re-pooled transactions of retracted blocks are not sent.
    pub fn subscribe_pooled(&self) -> broadcast::Receiver<Arc<Vec<u8>>> {
        self.pooled.subscribe()
    }

    /// Validates and pools the encoded transaction `bytes`; returns its hash. Blocking:
    /// it runs the runtime's validation.
    pub fn submit(&self, bytes: &[u8], source: TransactionSource) -> Result<Hash, PoolError> {
        self.insert(bytes, source, None)
    }

    /// Like [`TxPool::submit`], and follows the transaction: the watcher receives
    /// `future`/`ready` at once, then its later statuses.
    pub fn submit_and_watch(
        &self,
        bytes: &[u8],
        source: TransactionSource,
    ) -> Result<(Hash, Watcher), PoolError> {
        let (sender, receiver) = unbounded_channel();
        let hash = self.insert(bytes, source, Some(sender))?;
        Ok((hash, receiver))
    }

    fn insert(
        &self,
        bytes: &[u8],
        source: TransactionSource,
        watcher: Option<UnboundedSender<TxStatus>>,
    ) -> Result<Hash, PoolError> {
        PoolCounters::bump(&self.counters.submitted);
        let xt = decode_extrinsic(bytes)?;
        let hash = BlakeTwo256::hash(bytes);
        if self.queue.lock().contains(&hash) {
            return Err(PoolError::AlreadyImported(hash));
        }
        if self.banned.lock().is_banned(&hash, Instant::now()) {
            return Err(PoolError::TemporarilyBanned);
        }
        // Validated again if a new best block came meanwhile: its upkeep did not see this
        // transaction, so what it changed must be seen here. Twice at most, then the
        // rolling revalidation catches up.
        let mut attempts = 0;
        let (validity, best, mut queue) = loop {
            attempts += 1;
            let (validity, at) = self.validate(&xt, source);
            let validity = match validity {
                Err(invalid @ PoolError::Invalid(TransactionValidityError::Invalid(_))) => {
                    PoolCounters::bump(&self.counters.invalid);
                    self.banned.lock().ban(hash, Instant::now());
                    return Err(invalid);
                }
                other => other?,
            };
            let queue = self.queue.lock();
            let best = self.client.info().best;
            if best.hash == at || attempts >= 3 {
                break (validity, best.number, queue);
            }
        };
        let sender = signer(&xt);
        if queue.contains(&hash) {
            return Err(PoolError::AlreadyImported(hash));
        }
        let rivals = queue.providers_of(&validity.provides);
        for rival in &rivals {
            let old = queue.priority(rival).unwrap_or(0);
            if old >= validity.priority {
                return Err(PoolError::TooLowPriority {
                    old,
                    new: validity.priority,
                });
            }
        }
        let ready = queue.would_be_ready(&validity.requires);
        let new = Room {
            ready,
            len: bytes.len(),
            priority: validity.priority,
            sender: sender.as_ref(),
        };
        let keep = queue.providers_of(&validity.requires);
        let evicted = self.eviction_plan(&queue, new, &rivals, &keep)?;
        for rival in rivals {
            queue.remove(&rival, Some(TxStatus::Usurped(hash)), best);
        }
        for weaker in evicted {
            queue.remove(&weaker, Some(TxStatus::Dropped), best);
        }
        let ready = queue.insert(
            queue::NewTx {
                hash,
                xt: Arc::new(xt),
                len: bytes.len(),
                validity,
                sender,
            },
            best,
            watcher,
        );
        drop(queue);
        tracing::debug!(target: "txpool", %hash, ready, "transaction pooled");
        if source == TransactionSource::External {
            let _ = self.pooled.send(Arc::new(bytes.to_vec()));
        }
        Ok(hash)
    }

    /// What to evict so that a new transaction fits its side of the pool, decided before
    /// anything changes: refused (nothing evicted) if that is not possible. A ready
    /// transaction only displaces ready ones of lower priority. A future one displaces, past
    /// its sender's allowance, only that sender's own of lower priority, then future ones
    /// of lower or equal priority, the oldest first (they had their chance). `freed` (the
    /// rivals it replaces) count as gone; `keep` (what it requires) are never evicted.
    fn eviction_plan(
        &self,
        queue: &Queue,
        new: Room<'_>,
        freed: &BTreeSet<Hash>,
        keep: &BTreeSet<Hash>,
    ) -> Result<Vec<Hash>, PoolError> {
        let limits = &self.limits;
        let side = |ready: bool| {
            let mut size = queue.side_size(ready);
            for tx in freed.iter().filter_map(|hash| queue.get(hash)) {
                if tx.is_ready() == ready {
                    size.count = size.count.saturating_sub(1);
                    size.bytes = size.bytes.saturating_sub(tx.len);
                }
            }
            size
        };
        let plan = Plan {
            queue,
            freed,
            keep,
            len: new.len,
        };
        let mut evicted = Vec::new();
        let fits = if new.ready {
            plan.make_room(
                &mut evicted,
                true,
                side(true),
                SideSize {
                    count: limits.count,
                    bytes: limits.bytes,
                },
                &|_| true,
                &|tx| tx.validity.priority < new.priority,
            )
        } else {
            let own = |tx: &PooledTx| new.sender.is_some() && tx.sender.as_ref() == new.sender;
            let mut mine = SideSize {
                count: new.sender.map_or(0, |who| queue.future_of(who)),
                bytes: 0,
            };
            for tx in freed.iter().filter_map(|hash| queue.get(hash)) {
                if !tx.is_ready() && own(tx) {
                    mine.count = mine.count.saturating_sub(1);
                }
            }
            let allowance = SideSize {
                count: limits.future_per_sender,
                bytes: usize::MAX,
            };
            let within_allowance =
                plan.make_room(&mut evicted, false, mine, allowance, &own, &|tx| {
                    tx.validity.priority < new.priority
                });
            let mut future = side(false);
            for tx in evicted.iter().filter_map(|hash| queue.get(hash)) {
                future.count = future.count.saturating_sub(1);
                future.bytes = future.bytes.saturating_sub(tx.len);
            }
            within_allowance
                && plan.make_room(
                    &mut evicted,
                    false,
                    future,
                    SideSize {
                        count: limits.future_count,
                        bytes: limits.future_bytes,
                    },
                    &|_| true,
                    &|tx| tx.validity.priority <= new.priority,
                )
        };
        if fits {
            Ok(evicted)
        } else {
            Err(PoolError::PoolFull)
        }
    }

    /// Evicts what exceeds the limits after readiness changed by itself (a transaction
    /// that left made its dependants future, or one that came made others ready): the
    /// weakest of each side first.
    fn enforce_limits(&self, queue: &mut Queue, best: BlockNumber) {
        let limits = &self.limits;
        for (ready, count, bytes) in [
            (true, limits.count, limits.bytes),
            (false, limits.future_count, limits.future_bytes),
        ] {
            loop {
                let size = queue.side_size(ready);
                if size.count <= count && size.bytes <= bytes {
                    break;
                }
                let Some(weakest) = queue.ranked(ready).next().map(|tx| tx.hash) else {
                    break;
                };
                queue.remove(&weakest, Some(TxStatus::Dropped), best);
            }
        }
    }

    /// The ready transactions, in the order the next block should try them.
    pub fn ready(&self) -> Vec<(Hash, Arc<UncheckedExtrinsic>)> {
        self.queue.lock().ready_order()
    }

    /// Every pooled transaction (for `author_pendingExtrinsics`).
    pub fn pending(&self) -> Vec<Arc<UncheckedExtrinsic>> {
        self.queue.lock().all()
    }

    /// How many transactions are pooled.
    pub fn len(&self) -> usize {
        self.queue.lock().size().0
    }

    /// How many transactions are ready, and their bytes.
    pub fn ready_size(&self) -> SideSize {
        self.queue.lock().side_size(true)
    }

    /// How many transactions are future, and their bytes.
    pub fn future_size(&self) -> SideSize {
        self.queue.lock().side_size(false)
    }

    /// How many transactions are banned.
    pub fn banned(&self) -> usize {
        let mut banned = self.banned.lock();
        banned.prune(Instant::now());
        banned.len()
    }

    /// Whether the pool is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The next nonce `account` should use: `chain_nonce` (its nonce at the best block)
    /// past every nonce its pooled transactions already use.
    pub fn next_nonce(&self, account: &AccountId, chain_nonce: Nonce) -> Nonce {
        let queue = self.queue.lock();
        let mut nonce = chain_nonce;
        while queue.provides(&(account, nonce).encode()) {
            nonce = nonce.saturating_add(1);
        }
        nonce
    }

    /// Drops and bans transactions a block builder found invalid. Not those that merely
    /// did not fit (`ExhaustsResources`), nor those whose predecessor did not fit (`Future`):
    /// they are kept for the next block.
    pub fn reject(&self, rejected: &[(Hash, TransactionValidityError)]) {
        let best = self.client.info().best.number;
        let now = Instant::now();
        let mut queue = self.queue.lock();
        let mut banned = self.banned.lock();
        for (hash, why) in rejected {
            let waits = matches!(
                why,
                TransactionValidityError::Invalid(
                    InvalidTransaction::ExhaustsResources | InvalidTransaction::Future
                )
            );
            if !waits {
                tracing::debug!(target: "txpool", %hash, ?why, "dropping invalid transaction");
                if queue.remove(hash, Some(TxStatus::Invalid), best).is_some() {
                    PoolCounters::bump(&self.counters.invalid);
                }
                banned.ban(*hash, now);
            }
        }
        // Only what depended on the dropped ones changes readiness (`remove` demotes it).
        // No recount of the whole pool: this block's parent may have just been imported,
        // its transactions removed but their successors not yet revalidated, and a recount
        // now would find every such successor unready and evict them as future.
        self.enforce_limits(&mut queue, best);
    }
}

/// The transactions an eviction plan may not touch, and the size it makes room for.
struct Plan<'a> {
    queue: &'a Queue,
    freed: &'a BTreeSet<Hash>,
    keep: &'a BTreeSet<Hash>,
    len: usize,
}

impl Plan<'_> {
    /// Adds to `evicted` the weakest transactions of one side that `which` selects (never
    /// freed, kept or already evicted ones) until those left, `left` of them now, leave
    /// room for one more within `limit`. False if it meets one `may_evict` refuses first.
    fn make_room(
        &self,
        evicted: &mut Vec<Hash>,
        ready: bool,
        mut left: SideSize,
        limit: SideSize,
        which: &dyn Fn(&PooledTx) -> bool,
        may_evict: &dyn Fn(&PooledTx) -> bool,
    ) -> bool {
        let fits = |left: SideSize| {
            left.count < limit.count && left.bytes.saturating_add(self.len) <= limit.bytes
        };
        for tx in self.queue.ranked(ready) {
            if fits(left) {
                return true;
            }
            if !which(tx)
                || self.freed.contains(&tx.hash)
                || self.keep.contains(&tx.hash)
                || evicted.contains(&tx.hash)
            {
                continue;
            }
            if !may_evict(tx) {
                return false;
            }
            evicted.push(tx.hash);
            left.count = left.count.saturating_sub(1);
            left.bytes = left.bytes.saturating_sub(tx.len);
        }
        fits(left)
    }
}

/// What a new transaction needs room for.
#[derive(Clone, Copy)]
struct Room<'a> {
    /// Whether it is ready (else future).
    ready: bool,
    /// Its encoded size.
    len: usize,
    /// Its priority.
    priority: u64,
    /// Its signer.
    sender: Option<&'a AccountId>,
}

/// The account that signed `xt`, if signed (the runtime only accepts an account id as the
/// address).
fn signer(xt: &UncheckedExtrinsic) -> Option<AccountId> {
    match &xt.preamble {
        Preamble::Signed(MultiAddress::Id(who), _, _) => Some(who.clone()),
        _ => None,
    }
}

/// Decodes a whole encoded extrinsic, refusing trailing bytes.
fn decode_extrinsic(bytes: &[u8]) -> Result<UncheckedExtrinsic, PoolError> {
    let mut input = bytes;
    let xt =
        UncheckedExtrinsic::decode(&mut input).map_err(|e| PoolError::BadFormat(e.to_string()))?;
    if !input.is_empty() {
        return Err(PoolError::BadFormat("trailing bytes".into()));
    }
    Ok(xt)
}
