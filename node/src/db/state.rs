//! The state trie on disk: node storage for `sp-state-machine`, and the reference
//! counting and pruning of trie nodes.

use std::fmt;
use std::sync::Arc;

use codec::{Decode, Encode};
use parity_db::{Db, Operation};
use sp_runtime::traits::{BlakeTwo256, Hash as _};
use sp_state_machine::{TrieBackend, TrieBackendBuilder, TrieBackendStorage};
use sp_trie::cache::{CacheSize, SharedTrieCache};
use sp_trie::{DBValue, PrefixedMemoryDB};
use taonet_runtime::Hash;

use super::columns::Column;
use super::DbError;

/// How long the state of old blocks is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Encode, Decode)]
pub enum Pruning {
    /// Keep the state of every block (the default: any block can be queried).
    #[default]
    Archive,
    /// Keep the state of the last N finalized blocks (at least 1).
    Window(u32),
}

impl Pruning {
    /// How many finalized states are kept, or `None` for all of them.
    pub fn window(self) -> Option<u32> {
        match self {
            Pruning::Archive => None,
            Pruning::Window(n) => Some(n.max(1)),
        }
    }
}

impl fmt::Display for Pruning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pruning::Archive => f.write_str("archive"),
            Pruning::Window(n) => write!(f, "{n}"),
        }
    }
}

impl std::str::FromStr for Pruning {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "archive" | "archive-canonical" => Ok(Pruning::Archive),
            n => match n.parse::<u32>() {
                Ok(n) if n > 0 => Ok(Pruning::Window(n)),
                _ => Err(format!(
                    "expected `archive` or a number of blocks above 0, not `{s}`"
                )),
            },
        }
    }
}

/// Trie nodes read straight from the state column.
pub struct NodeStore {
    db: Arc<Db>,
}

impl TrieBackendStorage<BlakeTwo256> for NodeStore {
    fn get(&self, key: &Hash, _prefix: (&[u8], Option<u8>)) -> Result<Option<DBValue>, String> {
        if *key == empty_node_hash() {
            return Ok(Some(EMPTY_NODE.to_vec()));
        }
        self.db
            .get(Column::State as u8, key.as_ref())
            .map_err(|e| format!("state column: {e}"))
    }
}

/// The encoding of an empty trie, never stored as a node.
const EMPTY_NODE: [u8; 1] = [0];

fn empty_node_hash() -> Hash {
    BlakeTwo256::hash(&EMPTY_NODE)
}

/// The state of one block, read from disk.
pub type DbState = TrieBackend<NodeStore, BlakeTwo256>;

/// Trie nodes and values recently read or written, shared by every state: nodes are
/// keyed by their hash and values by (state root, key), so an entry never goes stale.
pub type TrieCache = SharedTrieCache<BlakeTwo256>;

/// How much memory the trie cache may use (Substrate's default).
const TRIE_CACHE_BYTES: usize = 64 * 1024 * 1024;

/// A new, empty trie cache.
pub(super) fn new_cache() -> TrieCache {
    SharedTrieCache::new(CacheSize::new(TRIE_CACHE_BYTES), None)
}

/// The state whose root is `root`, reading through `cache`. Each state gets its own local
/// cache, merged into the shared one when the state is dropped.
pub(super) fn at(db: Arc<Db>, root: Hash, cache: &TrieCache) -> DbState {
    TrieBackendBuilder::new(NodeStore { db }, root)
        .with_cache(cache.local_cache_untrusted())
        .build()
}

/// Writes to the database's columns, in commit order.
pub(super) type Ops = Vec<(u8, Operation<Vec<u8>, Vec<u8>>)>;

/// A node's key without the trie-position prefix `sp-state-machine` puts before it: nodes
/// are stored by hash alone, so identical nodes anywhere share one reference-counted entry.
fn node_hash(prefixed: &[u8]) -> Option<&[u8]> {
    prefixed.get(prefixed.len().checked_sub(32)?..)
}

/// Insertions of every node in `nodes` (the genesis state).
pub(super) fn insertions(nodes: PrefixedMemoryDB<BlakeTwo256>) -> Ops {
    block_changes(nodes, Pruning::Archive).0
}

/// What a block did to the trie, kept while the pruning mode may need to undo it.
#[derive(Debug, Default, Encode, Decode)]
struct Journal {
    /// Nodes its state no longer uses: dereferenced when the block leaves the window
    /// (the parent's state needs them until then).
    removed: Vec<(Hash, u32)>,
    /// Nodes it added: dereferenced if the block ends up off the finalized chain.
    inserted: Vec<(Hash, u32)>,
}

impl Journal {
    /// Decodes a stored journal. Databases written before the journal recorded
    /// insertions hold the removal list alone; read as a journal without insertions.
    fn decode_stored(bytes: &[u8]) -> Result<Journal, DbError> {
        use codec::DecodeAll;
        Journal::decode_all(&mut &bytes[..])
            .or_else(|_| {
                Vec::<(Hash, u32)>::decode_all(&mut &bytes[..]).map(|removed| Journal {
                    removed,
                    inserted: Vec::new(),
                })
            })
            .map_err(|error| DbError::Corrupt {
                what: "pruning journal",
                error,
            })
    }
}

/// The writes of one block's trie changes, and its journal when the pruning mode will
/// need it. Removed nodes stay readable (the parent's state needs them) until the journal
/// is replayed as the block leaves the window; a block that ends up off the finalized
/// chain has its insertions undone instead.
pub(super) fn block_changes(
    mut nodes: PrefixedMemoryDB<BlakeTwo256>,
    pruning: Pruning,
) -> (Ops, Option<Vec<u8>>) {
    let mut changes: Vec<(Vec<u8>, DBValue, i32)> = nodes
        .drain()
        .into_iter()
        .filter_map(|(key, (value, rc))| Some((node_hash(&key)?.to_vec(), value, rc)))
        .collect();
    changes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut ops = Ops::new();
    let mut journal = Journal::default();
    for (hash, value, rc) in changes {
        if rc > 0 {
            journal
                .inserted
                .push((Hash::from_slice(&hash), rc.unsigned_abs()));
            for _ in 0..rc {
                ops.push((
                    Column::State as u8,
                    Operation::Set(hash.clone(), value.clone()),
                ));
            }
        } else if rc < 0 {
            journal
                .removed
                .push((Hash::from_slice(&hash), rc.unsigned_abs()));
        }
    }
    let journal = pruning.window().map(|_| journal.encode());
    (ops, journal)
}

/// The dereferences of the nodes a canonical block removed, for when it leaves the window.
pub(super) fn dereferences(journal: &[u8]) -> Result<Ops, DbError> {
    Ok(dereference_all(Journal::decode_stored(journal)?.removed))
}

/// The dereferences of the nodes a block added, for when it ends up off the finalized
/// chain and its state can never be asked for.
pub(super) fn discard(journal: &[u8]) -> Result<Ops, DbError> {
    Ok(dereference_all(Journal::decode_stored(journal)?.inserted))
}

fn dereference_all(nodes: Vec<(Hash, u32)>) -> Ops {
    let mut ops = Ops::new();
    for (hash, count) in nodes {
        for _ in 0..count {
            ops.push((
                Column::State as u8,
                Operation::Dereference(hash.as_ref().to_vec()),
            ));
        }
    }
    ops
}
