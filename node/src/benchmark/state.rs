//! The state benchmarks run on: the node's own database (parity-db under the trie), so
//! reading and writing costs what it costs on a node, with the bookkeeping the benchmarking
//! host functions ask of a backend. A benchmark's setup is committed to disk before the
//! measured call runs (`commit_db`); the reads and writes of each key are counted, first
//! ones apart from repeats and whitelisted keys left out, which is what a weight charges
//! `DbWeight` for; and `wipe_db` returns to the genesis state for the next run.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;

use sp_core::storage::{ChildInfo, StateVersion, TrackedStorageKey};
use sp_runtime::traits::BlakeTwo256;
use sp_state_machine::{
    Backend, BackendTransaction, ChildStorageCollection, IterArgs, StorageCollection,
    StorageIterator, StorageKey, StorageValue, UsageInfo,
};
use sp_trie::MerkleValue;
use taonet_runtime::Hash;

use crate::db::{Database, DbState, NodeStore};

/// How often one key was read and written since the count was last reset.
#[derive(Debug, Default, Clone, Copy)]
struct KeyCount {
    reads: u32,
    writes: u32,
    whitelisted: bool,
}

impl KeyCount {
    fn written(&self) -> bool {
        self.whitelisted || self.writes > 0
    }

    fn read(&self) -> bool {
        self.written() || self.reads > 0
    }
}

/// Reads and writes of the measured part of a benchmark, as `read_write_count` reports
/// them: first reads, repeated reads, first writes, repeated writes.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    reads: u32,
    repeat_reads: u32,
    writes: u32,
    repeat_writes: u32,
}

/// Per-key counts, keyed by (child trie, key); ordered, so reports are deterministic.
type Tracker = BTreeMap<(Option<Vec<u8>>, Vec<u8>), KeyCount>;

/// A database-backed state that benchmarks may commit to, count on and wipe.
pub struct BenchmarkState {
    db: Database,
    genesis_root: Hash,
    root: Cell<Hash>,
    state: RefCell<DbState>,
    keys: RefCell<Tracker>,
    counts: Cell<Counts>,
    whitelist: RefCell<Vec<TrackedStorageKey>>,
}

impl fmt::Debug for BenchmarkState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BenchmarkState")
            .field("root", &self.root.get())
            .finish_non_exhaustive()
    }
}

impl BenchmarkState {
    /// The state of `db` at `genesis_root`, to which every wipe returns.
    pub fn new(db: Database, genesis_root: Hash) -> Self {
        let state = db.state_at(genesis_root);
        Self {
            db,
            genesis_root,
            root: Cell::new(genesis_root),
            state: RefCell::new(state),
            keys: RefCell::default(),
            counts: Cell::default(),
            whitelist: RefCell::default(),
        }
    }

    /// Points the state at `root`, dropping the old trie's local cache.
    fn reopen(&self, root: Hash) {
        self.root.set(root);
        *self.state.borrow_mut() = self.db.state_at(root);
    }

    fn count_read(&self, child: Option<&ChildInfo>, key: &[u8]) {
        let mut keys = self.keys.borrow_mut();
        let entry = keys
            .entry((child.map(|c| c.storage_key().to_vec()), key.to_vec()))
            .or_default();
        if entry.whitelisted {
            return;
        }
        let first = !entry.read();
        entry.reads = entry.reads.saturating_add(1);
        let mut counts = self.counts.get();
        if first {
            counts.reads = counts.reads.saturating_add(1);
        } else {
            counts.repeat_reads = counts.repeat_reads.saturating_add(1);
        }
        self.counts.set(counts);
    }

    fn count_write(&self, child: Option<&[u8]>, key: &[u8]) {
        let mut keys = self.keys.borrow_mut();
        let entry = keys
            .entry((child.map(<[u8]>::to_vec), key.to_vec()))
            .or_default();
        if entry.whitelisted {
            return;
        }
        let first = !entry.written();
        entry.writes = entry.writes.saturating_add(1);
        let mut counts = self.counts.get();
        if first {
            counts.writes = counts.writes.saturating_add(1);
        } else {
            counts.repeat_writes = counts.repeat_writes.saturating_add(1);
        }
        self.counts.set(counts);
    }

    /// Forgets every count, keeping the whitelisted keys marked as such.
    fn reset_counts(&self) {
        let mut keys = self.keys.borrow_mut();
        keys.clear();
        for key in self.whitelist.borrow().iter() {
            keys.insert(
                (None, key.key.clone()),
                KeyCount {
                    reads: 0,
                    writes: 0,
                    whitelisted: true,
                },
            );
        }
        self.counts.set(Counts::default());
    }
}

/// Iterates the current trie; the state it runs on is re-borrowed at every step, since a
/// commit may replace it between steps.
pub struct RawIter {
    inner: <DbState as Backend<BlakeTwo256>>::RawIter,
}

impl StorageIterator<BlakeTwo256> for RawIter {
    type Backend = BenchmarkState;
    type Error = String;

    fn next_key(&mut self, backend: &BenchmarkState) -> Option<Result<StorageKey, String>> {
        self.inner.next_key(&backend.state.borrow())
    }

    fn next_pair(
        &mut self,
        backend: &BenchmarkState,
    ) -> Option<Result<(StorageKey, StorageValue), String>> {
        self.inner.next_pair(&backend.state.borrow())
    }

    fn was_complete(&self) -> bool {
        self.inner.was_complete()
    }
}

impl Backend<BlakeTwo256> for BenchmarkState {
    type Error = String;
    type TrieBackendStorage = NodeStore;
    type RawIter = RawIter;

    fn storage(&self, key: &[u8]) -> Result<Option<StorageValue>, String> {
        self.count_read(None, key);
        self.state.borrow().storage(key)
    }

    fn storage_hash(&self, key: &[u8]) -> Result<Option<Hash>, String> {
        self.count_read(None, key);
        self.state.borrow().storage_hash(key)
    }

    fn closest_merkle_value(&self, key: &[u8]) -> Result<Option<MerkleValue<Hash>>, String> {
        self.count_read(None, key);
        self.state.borrow().closest_merkle_value(key)
    }

    fn child_closest_merkle_value(
        &self,
        child_info: &ChildInfo,
        key: &[u8],
    ) -> Result<Option<MerkleValue<Hash>>, String> {
        self.count_read(Some(child_info), key);
        self.state
            .borrow()
            .child_closest_merkle_value(child_info, key)
    }

    fn child_storage(
        &self,
        child_info: &ChildInfo,
        key: &[u8],
    ) -> Result<Option<StorageValue>, String> {
        self.count_read(Some(child_info), key);
        self.state.borrow().child_storage(child_info, key)
    }

    fn child_storage_hash(
        &self,
        child_info: &ChildInfo,
        key: &[u8],
    ) -> Result<Option<Hash>, String> {
        self.count_read(Some(child_info), key);
        self.state.borrow().child_storage_hash(child_info, key)
    }

    fn next_storage_key(&self, key: &[u8]) -> Result<Option<StorageKey>, String> {
        self.count_read(None, key);
        self.state.borrow().next_storage_key(key)
    }

    fn next_child_storage_key(
        &self,
        child_info: &ChildInfo,
        key: &[u8],
    ) -> Result<Option<StorageKey>, String> {
        self.count_read(Some(child_info), key);
        self.state.borrow().next_child_storage_key(child_info, key)
    }

    fn storage_root<'a>(
        &self,
        delta: impl Iterator<Item = (&'a [u8], Option<&'a [u8]>)>,
        state_version: StateVersion,
    ) -> (Hash, BackendTransaction<BlakeTwo256>) {
        self.state.borrow().storage_root(delta, state_version)
    }

    fn child_storage_root<'a>(
        &self,
        child_info: &ChildInfo,
        delta: impl Iterator<Item = (&'a [u8], Option<&'a [u8]>)>,
        state_version: StateVersion,
    ) -> (Hash, bool, BackendTransaction<BlakeTwo256>) {
        self.state
            .borrow()
            .child_storage_root(child_info, delta, state_version)
    }

    fn raw_iter(&self, args: IterArgs) -> Result<RawIter, String> {
        let inner = self.state.borrow().raw_iter(args)?;
        Ok(RawIter { inner })
    }

    fn register_overlay_stats(&self, stats: &sp_state_machine::StateMachineStats) {
        self.state.borrow().register_overlay_stats(stats);
    }

    fn usage_info(&self) -> UsageInfo {
        self.state.borrow().usage_info()
    }

    /// Back to genesis: what a benchmark run changed is forgotten (its trie nodes stay in
    /// the scratch database, unreferenced by the genesis root).
    fn wipe(&self) -> Result<(), String> {
        self.reopen(self.genesis_root);
        self.reset_counts();
        Ok(())
    }

    /// Writes the changes to disk and moves to their root, counting each changed key as
    /// written.
    fn commit(
        &self,
        root: Hash,
        transaction: BackendTransaction<BlakeTwo256>,
        main: StorageCollection,
        children: ChildStorageCollection,
    ) -> Result<(), String> {
        self.db
            .write_state(transaction)
            .map_err(|error| error.to_string())?;
        self.reopen(root);
        for (key, _) in &main {
            self.count_write(None, key);
        }
        for (child, changes) in &children {
            for (key, _) in changes {
                self.count_write(Some(child), key);
            }
        }
        Ok(())
    }

    fn read_write_count(&self) -> (u32, u32, u32, u32) {
        let c = self.counts.get();
        (c.reads, c.repeat_reads, c.writes, c.repeat_writes)
    }

    fn reset_read_write_count(&self) {
        self.reset_counts();
    }

    fn get_whitelist(&self) -> Vec<TrackedStorageKey> {
        self.whitelist.borrow().clone()
    }

    fn set_whitelist(&self, new: Vec<TrackedStorageKey>) {
        *self.whitelist.borrow_mut() = new;
        self.reset_counts();
    }

    /// No storage proof is recorded: a solo chain's blocks carry none, so weights have no
    /// proof-size part.
    fn proof_size(&self) -> Option<u32> {
        None
    }

    fn get_read_and_written_keys(&self) -> Vec<(Vec<u8>, u32, u32, bool)> {
        self.keys
            .borrow()
            .iter()
            .filter(|(_, count)| !count.whitelisted)
            .map(|((_, key), count)| (key.clone(), count.reads, count.writes, count.whitelisted))
            .collect()
    }
}
