//! The block tree: importing blocks (verify, execute, commit), fork choice, finality,
//! state reads at any stored block, and notifications of what changed.
//!
//! [`Client`] is synchronous: executing a block is CPU work, so async callers run its
//! methods on a blocking thread. Imports are serialised by one lock; reads never wait on
//! them.

pub mod aura;
mod import;

use std::path::Path;
use std::sync::Arc;

use codec::Decode;
use parking_lot::{Mutex, RwLock};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::storage::{Storage, StorageData, StorageKey};
use sp_runtime::traits::Header as _;
use sp_runtime::Justifications;
use sp_state_machine::Backend as _;
use sp_version::RuntimeVersion;
use taonet_runtime::{Block, BlockNumber, Hash, Header};
use tokio::sync::broadcast;

use crate::db::{Database, DbError, DbState, Pruning, Tip};
use crate::executor::{self, ExecutionError};

pub use import::{BlockOrigin, ImportError, Imported};

/// Why a chain read or call failed.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The runtime call failed.
    #[error(transparent)]
    Execution(#[from] ExecutionError),
    /// No block with this hash is stored.
    #[error("unknown block {0}")]
    UnknownBlock(Hash),
    /// A trie node of the state could not be read.
    #[error("state read failed: {0}")]
    State(String),
    /// The block is known but its state was pruned.
    #[error("state of block {0} was pruned")]
    StatePruned(Hash),
    /// A runtime API answered bytes that do not decode.
    #[error("runtime API {method} answered undecodable bytes: {error}")]
    BadAnswer {
        /// The API method.
        method: &'static str,
        /// The decoding error.
        error: codec::Error,
    },
}

/// Best and finalized blocks, and the genesis they grow from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainInfo {
    /// The genesis block hash.
    pub genesis: Hash,
    /// The best block (longest chain).
    pub best: Tip,
    /// The last finalized block.
    pub finalized: Tip,
}

/// What changed in the chain, for RPC subscribers, the pool and the author.
#[derive(Debug, Clone)]
pub enum ChainEvent {
    /// A block was imported.
    Imported(Arc<Imported>),
    /// A block became finalized (each finalized block in order).
    Finalized {
        /// Its hash.
        hash: Hash,
        /// Its header.
        header: Header,
    },
}

/// The chain as stored in the database.
pub struct Client {
    db: Database,
    info: RwLock<ChainInfo>,
    import_lock: Mutex<()>,
    events: broadcast::Sender<ChainEvent>,
    finalizes_itself: bool,
}

/// How many chain events a slow subscriber may lag before it misses some.
const EVENT_BUFFER: usize = 1024;

impl Client {
    /// Opens the chain stored at `path`, creating it from `genesis_storage` the first time;
    /// `pruning` as [`Database::open`] takes it.
    ///
    /// When the genesis has a single Aura authority (a development chain), the chain
    /// finalizes itself, one block behind its best: see [`Client::finalizes_itself`].
    pub fn open(
        path: &Path,
        pruning: Option<Pruning>,
        genesis_storage: Storage,
    ) -> Result<Arc<Self>, ChainError> {
        let (state, genesis) = executor::genesis_from_storage(genesis_storage)?;
        let authorities =
            Vec::<AuraId>::decode(&mut &executor::call(&state, "AuraApi_authorities", &[])?[..])
                .map_err(|error| ChainError::BadAnswer {
                    method: "AuraApi_authorities",
                    error,
                })?;
        let db = Database::open(path, pruning, &genesis, state.into_storage())?;
        let info = ChainInfo {
            genesis: genesis.hash(),
            best: db.best()?,
            finalized: db.finalized()?,
        };
        let (events, _) = broadcast::channel(EVENT_BUFFER);
        Ok(Arc::new(Self {
            db,
            info: RwLock::new(info),
            import_lock: Mutex::new(()),
            events,
            finalizes_itself: authorities.len() == 1,
        }))
    }

    /// Best, finalized and genesis.
    pub fn info(&self) -> ChainInfo {
        *self.info.read()
    }

    /// Whether the chain finalizes itself (a single Aura authority: nobody else could
    /// author a competing fork), so that no finality gadget is needed. A block that becomes
    /// best finalizes its parent: finality trails the best block by one, as GRANDPA's would,
    /// so that a client watching a transaction sees it in a block before it sees it final
    /// (@polkadot/api's `signAndSend` misses `isInBlock` when both arrive together).
    pub fn finalizes_itself(&self) -> bool {
        self.finalizes_itself
    }

    /// Receives every chain event from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<ChainEvent> {
        self.events.subscribe()
    }

    /// The header of block `hash`, if stored.
    pub fn header(&self, hash: &Hash) -> Result<Option<Header>, ChainError> {
        Ok(self.db.header(hash)?)
    }

    /// Block `hash` with its justifications, if stored.
    pub fn block(
        &self,
        hash: &Hash,
    ) -> Result<Option<(Block, Option<Justifications>)>, ChainError> {
        let Some(header) = self.db.header(hash)? else {
            return Ok(None);
        };
        let extrinsics = self.db.body(hash)?.unwrap_or_default();
        Ok(Some((
            Block { header, extrinsics },
            self.db.justifications(hash)?,
        )))
    }

    /// The canonical block hash at `number`.
    pub fn hash(&self, number: BlockNumber) -> Result<Option<Hash>, ChainError> {
        if number > self.info().best.number {
            return Ok(None);
        }
        Ok(self.db.canonical_hash(number)?)
    }

    /// The state after block `hash`.
    pub fn state_at(&self, hash: &Hash) -> Result<DbState, ChainError> {
        let header = self
            .db
            .header(hash)?
            .ok_or(ChainError::UnknownBlock(*hash))?;
        if self
            .db
            .is_pruned(hash, header.number, self.info().finalized.number)?
        {
            return Err(ChainError::StatePruned(*hash));
        }
        Ok(self.db.state_at(header.state_root))
    }

    /// Calls runtime API `method` with SCALE `input` at block `hash`.
    pub fn call(&self, hash: &Hash, method: &str, input: &[u8]) -> Result<Vec<u8>, ChainError> {
        Ok(executor::call(&self.state_at(hash)?, method, input)?)
    }

    /// The runtime version at block `hash`.
    pub fn runtime_version(&self, hash: &Hash) -> Result<RuntimeVersion, ChainError> {
        self.decoded_call(hash, "Core_version", &[])
    }

    /// The Aura authorities set at block `hash` (who authors its children).
    pub fn authorities(&self, hash: &Hash) -> Result<Vec<AuraId>, ChainError> {
        self.decoded_call(hash, "AuraApi_authorities", &[])
    }

    /// The Aura slot duration, in milliseconds, at block `hash`.
    pub fn slot_duration_ms(&self, hash: &Hash) -> Result<u64, ChainError> {
        self.decoded_call::<u64>(hash, "AuraApi_slot_duration", &[])
    }

    fn decoded_call<T: codec::Decode>(
        &self,
        hash: &Hash,
        method: &'static str,
        input: &[u8],
    ) -> Result<T, ChainError> {
        let bytes = self.call(hash, method, input)?;
        T::decode(&mut &bytes[..]).map_err(|error| ChainError::BadAnswer { method, error })
    }

    /// Storage value `key` at block `hash`.
    pub fn storage(&self, hash: &Hash, key: &[u8]) -> Result<Option<Vec<u8>>, ChainError> {
        self.state_at(hash)?.storage(key).map_err(ChainError::State)
    }

    /// Synced record `name` (see [`Database::get_synced`]): where finality keeps its
    /// authority set and votes across restarts.
    pub fn get_synced(&self, name: &str) -> Result<Option<Vec<u8>>, ChainError> {
        Ok(self.db.get_synced(name)?)
    }

    /// Writes synced record `name` to disk before returning (see [`Database::put_synced`]).
    pub fn put_synced(&self, name: &str, bytes: &[u8]) -> Result<(), ChainError> {
        Ok(self.db.put_synced(name, bytes)?)
    }

    /// Marks `hash` (a descendant of the finalized block on the best chain) and every
    /// block before it finalized, storing `justifications` with it.
    pub fn finalize(
        &self,
        hash: &Hash,
        justifications: Option<&Justifications>,
    ) -> Result<(), ChainError> {
        let _guard = self.import_lock.lock();
        self.finalize_locked(hash, justifications)
    }

    fn finalize_locked(
        &self,
        hash: &Hash,
        justifications: Option<&Justifications>,
    ) -> Result<(), ChainError> {
        let header = self
            .db
            .header(hash)?
            .ok_or(ChainError::UnknownBlock(*hash))?;
        let number = *header.number();
        let previous = self.info().finalized;
        if number <= previous.number || self.db.canonical_hash(number)? != Some(*hash) {
            return Ok(());
        }
        let tip = Tip {
            hash: *hash,
            number,
        };
        self.db.finalize(tip, justifications)?;
        self.info.write().finalized = tip;
        for n in previous.number.saturating_add(1)..=number {
            let Some(hash) = self.db.canonical_hash(n)? else {
                continue;
            };
            if let Some(header) = self.db.header(&hash)? {
                let _ = self.events.send(ChainEvent::Finalized { hash, header });
            }
        }
        Ok(())
    }
}

/// Storage changes of one block: each changed key and its new value (`None`: removed).
pub type StorageChanges = Vec<(StorageKey, Option<StorageData>)>;
