//! The node's database: blocks, the canonical chain and the state trie in one parity-db.
//!
//! Every block is written by one atomic commit holding its header, body, trie nodes,
//! pruning journal and (when it becomes best) the canonical index and best pointer, so a
//! crash at any moment leaves the database at the last committed block, whole. Trie nodes
//! are keyed by hash alone and reference counted by parity-db, so identical nodes shared
//! by many states are stored once; deletions are deferred by [`Pruning`], which also drops
//! the state of blocks that finality leaves off the chain.

mod columns;
mod state;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use codec::{Decode, Encode};
use parity_db::{Db, Operation};
use sp_runtime::traits::Header as _;
use sp_runtime::Justifications;
use taonet_runtime::{BlockNumber, Hash, Header, UncheckedExtrinsic};

use columns::{meta_key, Column};
pub use state::{DbState, NodeStore, Pruning};

/// Subdirectory of the database holding synced records, one file each.
const SYNCED_DIR: &str = "synced";

/// The version of the layout below; a database of another version is refused.
const SCHEMA_VERSION: u32 = 1;

/// Why a database operation failed.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A synced record could not be read or written (see [`Database::put_synced`]).
    #[error("synced record {path}: {error}")]
    Synced {
        /// The record's file.
        path: PathBuf,
        /// The I/O error.
        error: std::io::Error,
    },
    /// parity-db itself failed (I/O, corruption, a second process holding the lock).
    #[error("database: {0}")]
    Backend(#[from] parity_db::Error),
    /// A stored value does not decode: the database is corrupt or from another program.
    #[error("corrupt database entry {what}: {error}")]
    Corrupt {
        /// Which entry.
        what: &'static str,
        /// The decoding error.
        error: codec::Error,
    },
    /// The database was written by another schema version of taonet.
    #[error("database schema version {found}, this node reads version {SCHEMA_VERSION}")]
    Schema {
        /// The version found on disk.
        found: u32,
    },
    /// The database belongs to another chain (its genesis differs).
    #[error("database holds the chain with genesis {found}, not {expected}")]
    OtherChain {
        /// Genesis hash on disk.
        found: Hash,
        /// Genesis hash of the chain spec.
        expected: Hash,
    },
    /// The pruning mode differs from the one the database was created with.
    #[error("database was created with state pruning {found}, not {requested}")]
    PruningMismatch {
        /// Mode on disk.
        found: Pruning,
        /// Mode asked for.
        requested: Pruning,
    },
}

/// The tip pointers every restart resumes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub struct Tip {
    /// Hash of the block.
    pub hash: Hash,
    /// Its number.
    pub number: BlockNumber,
}

/// A block and everything stored with it, for one atomic [`Database::commit_block`].
pub struct BlockCommit<'a> {
    /// The sealed header.
    pub header: &'a Header,
    /// Its extrinsics.
    pub body: &'a [UncheckedExtrinsic],
    /// Finality proofs, if any came with it.
    pub justifications: Option<&'a Justifications>,
    /// Trie nodes its state added and removed (from the executor's storage changes).
    pub state: sp_trie::PrefixedMemoryDB<sp_runtime::traits::BlakeTwo256>,
    /// Whether it becomes the new best block.
    pub new_best: bool,
}

/// The node's database handle; cheap to clone.
#[derive(Clone)]
pub struct Database {
    db: Arc<Db>,
    pruning: Pruning,
    cache: state::TrieCache,
    /// Directory of the synced records (`<path>/synced`).
    synced: PathBuf,
}

impl Database {
    /// Opens (or creates) the database at `path` for the chain whose genesis is `genesis`,
    /// writing the genesis block and state the first time. `pruning` must match the mode
    /// the database was created with; `None` takes that mode (archive for a new one).
    pub fn open(
        path: &Path,
        pruning: Option<Pruning>,
        genesis: &Header,
        genesis_state: sp_trie::PrefixedMemoryDB<sp_runtime::traits::BlakeTwo256>,
    ) -> Result<Self, DbError> {
        let db = Arc::new(Db::open_or_create(&columns::options(path))?);
        let mut this = Self {
            db,
            pruning: pruning.unwrap_or_default(),
            cache: state::new_cache(),
            synced: path.join(SYNCED_DIR),
        };
        match this.meta::<u32>(meta_key::SCHEMA)? {
            None => this.initialise(genesis, genesis_state)?,
            Some(SCHEMA_VERSION) => {
                let stored = this.meta::<Pruning>(meta_key::PRUNING)?.unwrap_or_default();
                this.pruning = pruning.unwrap_or(stored);
                this.check(genesis)?
            }
            Some(found) => return Err(DbError::Schema { found }),
        }
        Ok(this)
    }

    fn initialise(
        &self,
        genesis: &Header,
        genesis_state: sp_trie::PrefixedMemoryDB<sp_runtime::traits::BlakeTwo256>,
    ) -> Result<(), DbError> {
        let hash = genesis.hash();
        let tip = Tip { hash, number: 0 };
        let mut ops = state::insertions(genesis_state);
        ops.extend([
            put(Column::Header, hash.as_ref(), genesis.encode()),
            put(
                Column::Body,
                hash.as_ref(),
                Vec::<UncheckedExtrinsic>::new().encode(),
            ),
            put(Column::Canonical, &0u32.to_be_bytes(), hash.encode()),
            put(Column::Meta, meta_key::GENESIS, hash.encode()),
            put(Column::Meta, meta_key::BEST, tip.encode()),
            put(Column::Meta, meta_key::FINALIZED, tip.encode()),
            put(Column::Meta, meta_key::PRUNING, self.pruning.encode()),
            put(Column::Meta, meta_key::SCHEMA, SCHEMA_VERSION.encode()),
        ]);
        self.db.commit_changes(ops)?;
        Ok(())
    }

    fn check(&self, genesis: &Header) -> Result<(), DbError> {
        let expected = genesis.hash();
        let found = self.meta::<Hash>(meta_key::GENESIS)?.unwrap_or_default();
        if found != expected {
            return Err(DbError::OtherChain { found, expected });
        }
        let found = self.meta::<Pruning>(meta_key::PRUNING)?.unwrap_or_default();
        if found != self.pruning {
            return Err(DbError::PruningMismatch {
                found,
                requested: self.pruning,
            });
        }
        Ok(())
    }

    fn meta<T: Decode>(&self, key: &[u8]) -> Result<Option<T>, DbError> {
        self.decoded(Column::Meta, key, "meta")
    }

    fn decoded<T: Decode>(
        &self,
        column: Column,
        key: &[u8],
        what: &'static str,
    ) -> Result<Option<T>, DbError> {
        self.db
            .get(column as u8, key)?
            .map(|bytes| {
                T::decode(&mut &bytes[..]).map_err(|error| DbError::Corrupt { what, error })
            })
            .transpose()
    }

    /// The best block.
    pub fn best(&self) -> Result<Tip, DbError> {
        self.required_meta(meta_key::BEST)
    }

    /// The last finalized block.
    pub fn finalized(&self) -> Result<Tip, DbError> {
        self.required_meta(meta_key::FINALIZED)
    }

    fn required_meta(&self, key: &'static [u8]) -> Result<Tip, DbError> {
        self.meta(key)?.ok_or(DbError::Corrupt {
            what: "tip pointer",
            error: codec::Error::from("missing"),
        })
    }

    /// Whether the state of block `hash` (number `number`) is gone, given the last
    /// finalized block: it left the pruning window, or the block is off the finalized
    /// chain. Pruned nodes may linger on disk for a while, so this is decided from the
    /// chain, not by probing.
    pub fn is_pruned(
        &self,
        hash: &Hash,
        number: BlockNumber,
        finalized: BlockNumber,
    ) -> Result<bool, DbError> {
        let Some(keep) = self.pruning.window() else {
            return Ok(false);
        };
        Ok(number.saturating_add(keep) <= finalized
            || (number <= finalized && self.canonical_hash(number)? != Some(*hash)))
    }

    /// The blocks stored at height `number` that finality has not yet passed (pruning
    /// mode only).
    fn blocks_at(&self, number: BlockNumber) -> Result<Vec<Hash>, DbError> {
        Ok(self
            .decoded(Column::Meta, &blocks_at_key(number), "blocks at height")?
            .unwrap_or_default())
    }

    /// The header of block `hash`, if stored.
    pub fn header(&self, hash: &Hash) -> Result<Option<Header>, DbError> {
        self.decoded(Column::Header, hash.as_ref(), "header")
    }

    /// The extrinsics of block `hash`, if stored.
    pub fn body(&self, hash: &Hash) -> Result<Option<Vec<UncheckedExtrinsic>>, DbError> {
        self.decoded(Column::Body, hash.as_ref(), "body")
    }

    /// The justifications of block `hash`, if any.
    pub fn justifications(&self, hash: &Hash) -> Result<Option<Justifications>, DbError> {
        self.decoded(Column::Justification, hash.as_ref(), "justifications")
    }

    /// The hash of canonical block `number`, if the chain is that long.
    pub fn canonical_hash(&self, number: BlockNumber) -> Result<Option<Hash>, DbError> {
        self.decoded(Column::Canonical, &number.to_be_bytes(), "canonical index")
    }

    /// The trie state at `root`, for executing blocks and serving reads.
    pub fn state_at(&self, root: Hash) -> DbState {
        state::at(self.db.clone(), root, &self.cache)
    }

    /// Writes trie nodes outside any block, never to be pruned: for tools that run the
    /// runtime on a scratch database (benchmarks), whose states no block records.
    pub fn write_state(
        &self,
        nodes: sp_trie::PrefixedMemoryDB<sp_runtime::traits::BlakeTwo256>,
    ) -> Result<(), DbError> {
        self.db.commit_changes(state::insertions(nodes))?;
        Ok(())
    }

    /// Writes `block` with its state in one atomic commit; when it is the new best block,
    /// also moves the best pointer and points the canonical index along its chain: `route`
    /// lists its ancestors that were not canonical before (a reorg), oldest first.
    pub fn commit_block(&self, block: BlockCommit<'_>, route: &[Tip]) -> Result<(), DbError> {
        let hash = block.header.hash();
        let number = *block.header.number();
        let (mut ops, journal) = state::block_changes(block.state, self.pruning);
        ops.push(put(Column::Header, hash.as_ref(), block.header.encode()));
        ops.push(put(Column::Body, hash.as_ref(), block.body.encode()));
        if let Some(justifications) = block.justifications {
            ops.push(put(
                Column::Justification,
                hash.as_ref(),
                justifications.encode(),
            ));
        }
        if let Some(journal) = journal {
            ops.push(put(Column::Journal, hash.as_ref(), journal));
            let mut siblings = self.blocks_at(number)?;
            siblings.push(hash);
            ops.push(put(Column::Meta, &blocks_at_key(number), siblings.encode()));
        }
        if block.new_best {
            let old_best = self.best()?;
            for stale in (number.saturating_add(1))..=old_best.number {
                ops.push((
                    Column::Canonical as u8,
                    Operation::Dereference(stale.to_be_bytes().to_vec()),
                ));
            }
            for tip in route {
                ops.push(put(
                    Column::Canonical,
                    &tip.number.to_be_bytes(),
                    tip.hash.encode(),
                ));
            }
            ops.push(put(Column::Canonical, &number.to_be_bytes(), hash.encode()));
            ops.push(put(
                Column::Meta,
                meta_key::BEST,
                Tip { hash, number }.encode(),
            ));
        }
        self.db.commit_changes(ops)?;
        Ok(())
    }

    /// Marks canonical block `tip` finalized, stores its justification and prunes the
    /// state that fell out of the pruning window.
    pub fn finalize(
        &self,
        tip: Tip,
        justifications: Option<&Justifications>,
    ) -> Result<(), DbError> {
        let mut ops = vec![put(Column::Meta, meta_key::FINALIZED, tip.encode())];
        if let Some(justifications) = justifications {
            ops.push(put(
                Column::Justification,
                tip.hash.as_ref(),
                justifications.encode(),
            ));
        }
        if let Some(keep) = self.pruning.window() {
            let previous = self.finalized()?;
            // Blocks beside the newly finalized ones can never be final: their states go.
            for number in previous.number.saturating_add(1)..=tip.number {
                let canonical = self.canonical_hash(number)?;
                for hash in self.blocks_at(number)? {
                    if Some(hash) != canonical {
                        self.close_journal(&hash, state::discard, &mut ops)?;
                    }
                }
                ops.push((
                    Column::Meta as u8,
                    Operation::Dereference(blocks_at_key(number)),
                ));
            }
            // Replaying block k's journal drops the state of block k - 1; the states of
            // the last `keep` finalized blocks stay.
            let from = previous
                .number
                .saturating_add(1)
                .saturating_sub(keep)
                .saturating_add(1);
            let to = tip.number.saturating_add(1).saturating_sub(keep);
            for number in from..=to {
                if number == 0 {
                    continue;
                }
                if let Some(hash) = self.canonical_hash(number)? {
                    self.close_journal(&hash, state::dereferences, &mut ops)?;
                }
            }
        }
        self.db.commit_changes(ops)?;
        Ok(())
    }

    /// Adds to `ops` what `undo` makes of block `hash`'s journal, and the journal's
    /// removal; nothing if the block has none (archive mode, or already closed).
    fn close_journal(
        &self,
        hash: &Hash,
        undo: fn(&[u8]) -> Result<state::Ops, DbError>,
        ops: &mut Vec<ColumnOp>,
    ) -> Result<(), DbError> {
        if let Some(journal) = self.db.get(Column::Journal as u8, hash.as_ref())? {
            ops.extend(undo(&journal)?);
            ops.push((
                Column::Journal as u8,
                Operation::Dereference(hash.as_ref().to_vec()),
            ));
        }
        Ok(())
    }

    /// Synced record `name`, if written (see [`Database::put_synced`]).
    pub fn get_synced(&self, name: &str) -> Result<Option<Vec<u8>>, DbError> {
        let path = self.synced.join(name);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(DbError::Synced { path, error }),
        }
    }

    /// Replaces synced record `name` with `bytes`, on disk before it returns: written to a
    /// temporary file, flushed, then renamed over the old one, so a crash leaves the old
    /// record or the new, whole. parity-db's commits are queued and written a moment
    /// later, which a `kill -9` in that moment loses; a record that must be on disk before
    /// the node acts on it (GRANDPA's own votes, before they are sent) is written here.
    pub fn put_synced(&self, name: &str, bytes: &[u8]) -> Result<(), DbError> {
        let path = self.synced.join(name);
        crate::secret_file::write_secret(&path, bytes)
            .map_err(|error| DbError::Synced { path, error })
    }

    /// Moves the best (and, if above it, the finalized) pointer back to canonical block
    /// `tip`; later canonical blocks stay stored but leave the canonical index.
    pub fn revert_to(&self, tip: Tip) -> Result<(), DbError> {
        let best = self.best()?;
        let mut ops: Vec<ColumnOp> = (tip.number.saturating_add(1)..=best.number)
            .map(|n| {
                (
                    Column::Canonical as u8,
                    Operation::Dereference(n.to_be_bytes().to_vec()),
                )
            })
            .collect();
        ops.push(put(Column::Meta, meta_key::BEST, tip.encode()));
        if self.finalized()?.number > tip.number {
            ops.push(put(Column::Meta, meta_key::FINALIZED, tip.encode()));
        }
        self.db.commit_changes(ops)?;
        Ok(())
    }
}

/// One write to one column.
type ColumnOp = (u8, Operation<Vec<u8>, Vec<u8>>);

/// The meta-column key of the list of blocks at height `number`.
fn blocks_at_key(number: BlockNumber) -> Vec<u8> {
    [meta_key::BLOCKS_AT_PREFIX, &number.to_be_bytes()].concat()
}

/// An insertion into `column`.
fn put(column: Column, key: &[u8], value: Vec<u8>) -> ColumnOp {
    (column as u8, Operation::Set(key.to_vec(), value))
}
