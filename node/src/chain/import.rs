//! Importing a block: check its place in the tree and its Aura seal, execute it on its
//! parent's state, then commit it and its state atomically and choose the best chain.

use std::sync::Arc;
use std::time::{Duration, Instant};

use sp_runtime::traits::Header as _;
use sp_runtime::Justifications;
use taonet_runtime::{Block, Hash, Header};

use super::aura::{self, AuraError};
use sp_core::storage::{StorageData, StorageKey};

use super::{ChainError, ChainEvent, ChainInfo, Client, StorageChanges};
use crate::db::{BlockCommit, Tip};
use crate::executor::{self, Changes, ExecutionError};

/// Where a block came from, which decides how much is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockOrigin {
    /// Built and sealed by this node: its state changes are already known.
    Own,
    /// Received from a peer: a slot in the future is refused.
    Network,
    /// Read from a file (`import-blocks`): slots are not compared with the clock.
    File,
}

/// Why a block was not imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The block is already stored.
    #[error("block {0} is already known")]
    AlreadyKnown(Hash),
    /// Its parent is not stored (yet).
    #[error("parent {0} is unknown")]
    UnknownParent(Hash),
    /// Its number is not its parent's plus one.
    #[error("block number {number} does not follow its parent's {parent}")]
    BadNumber {
        /// The block's number.
        number: u32,
        /// The parent's number.
        parent: u32,
    },
    /// It forks off below the finalized block, which is never reverted.
    #[error("block forks off below the finalized block {0}")]
    BelowFinalized(Hash),
    /// Its Aura seal does not hold.
    #[error(transparent)]
    Aura(#[from] AuraError),
    /// Executing it failed: a bad state root, a refused inherent, a panic…
    #[error("invalid block: {0}")]
    Invalid(ExecutionError),
    /// The chain could not be read or written.
    #[error(transparent)]
    Chain(#[from] ChainError),
}

impl From<crate::db::DbError> for ImportError {
    fn from(error: crate::db::DbError) -> Self {
        ImportError::Chain(error.into())
    }
}

/// A block that was imported, as announced to subscribers.
#[derive(Debug)]
pub struct Imported {
    /// Its hash.
    pub hash: Hash,
    /// The block (sealed header and extrinsics).
    pub block: Block,
    /// Where it came from.
    pub origin: BlockOrigin,
    /// Whether it is now the best block.
    pub new_best: bool,
    /// Blocks that left the best chain because of it (a reorg), newest first.
    pub retracted: Vec<Hash>,
    /// Blocks that joined the best chain with it, oldest first, itself last.
    pub enacted: Vec<Hash>,
    /// The storage it changed.
    pub storage_changes: StorageChanges,
    /// How long verifying, executing and committing it took.
    pub took: Duration,
    /// For a block this node authored: how long building it took (Substrate's
    /// `substrate_proposer_block_constructed`).
    pub constructed: Option<Duration>,
}

impl Client {
    /// Verifies and imports a sealed `block` from a peer or a file: its seal against the
    /// parent's Aura authorities (and `now_slot`, our clock, when given), then its
    /// execution on the parent's state, whose roots the runtime checks.
    pub fn import(
        &self,
        block: Block,
        justifications: Option<Justifications>,
        origin: BlockOrigin,
        now_slot: Option<u64>,
    ) -> Result<Arc<Imported>, ImportError> {
        let started = Instant::now();
        let _guard = self.import_lock.lock();
        self.check_place(&block.header)?;
        let changes = self.verify_and_execute(&block, now_slot)?;
        self.commit(block, changes, justifications, origin, started, None)
    }

    /// Verifies a stored block again, seal and execution, changing nothing: what
    /// `taonet check-block` runs.
    pub fn check_block(&self, hash: &Hash) -> Result<(), ImportError> {
        let (block, _) = self.block(hash)?.ok_or(ChainError::UnknownBlock(*hash))?;
        if *block.header.number() == 0 {
            return Ok(());
        }
        self.verify_and_execute(&block, None).map(drop)
    }

    /// Checks `block`'s seal against its parent's authorities, then executes it on the
    /// parent's state, whose roots the runtime compares with the header's.
    fn verify_and_execute(
        &self,
        block: &Block,
        now_slot: Option<u64>,
    ) -> Result<Changes, ImportError> {
        let parent = *block.header.parent_hash();
        let authorities = self.authorities(&parent)?;
        let (unsealed, _slot) = aura::verify(&block.header, &authorities, now_slot)?;
        let state = self.state_at(&parent)?;
        executor::import_block(
            &state,
            &Block {
                header: unsealed,
                extrinsics: block.extrinsics.clone(),
            },
        )
        .map_err(ImportError::Invalid)
    }

    /// Reverts the best chain by up to `blocks` blocks, keeping them stored, but never
    /// below the finalized block: finality, which GRANDPA's voters and every peer have
    /// agreed on, is not taken back (as Substrate's `revert`). Returns the new best block.
    /// Refused when that block's state was pruned.
    pub fn revert(&self, blocks: u32) -> Result<Tip, ImportError> {
        let _guard = self.import_lock.lock();
        let ChainInfo {
            best, finalized, ..
        } = self.info();
        let number = best.number.saturating_sub(blocks).max(finalized.number);
        let hash = self
            .db
            .canonical_hash(number)?
            .ok_or(ChainError::UnknownBlock(best.hash))?;
        self.state_at(&hash)?;
        let tip = Tip { hash, number };
        self.db.revert_to(tip)?;
        self.info.write().best = tip;
        Ok(tip)
    }

    /// Imports a block this node built and sealed, with the state changes building it
    /// produced (no second execution).
    pub fn import_own(&self, block: Block, changes: Changes) -> Result<Arc<Imported>, ImportError> {
        self.import_built(block, changes, None)
    }

    /// Like [`Client::import_own`], for a block the authoring task built in `constructed`,
    /// which its [`Imported`] event carries for the metrics.
    pub fn import_authored(
        &self,
        block: Block,
        changes: Changes,
        constructed: Duration,
    ) -> Result<Arc<Imported>, ImportError> {
        self.import_built(block, changes, Some(constructed))
    }

    fn import_built(
        &self,
        block: Block,
        changes: Changes,
        constructed: Option<Duration>,
    ) -> Result<Arc<Imported>, ImportError> {
        let started = Instant::now();
        let _guard = self.import_lock.lock();
        self.check_place(&block.header)?;
        self.commit(block, changes, None, BlockOrigin::Own, started, constructed)
    }

    /// Checks that `header` is new and extends a stored parent.
    fn check_place(&self, header: &Header) -> Result<(), ImportError> {
        let hash = header.hash();
        if self.db.header(&hash)?.is_some() {
            return Err(ImportError::AlreadyKnown(hash));
        }
        let parent = self
            .db
            .header(header.parent_hash())?
            .ok_or(ImportError::UnknownParent(*header.parent_hash()))?;
        if parent.number().checked_add(1) != Some(*header.number()) {
            return Err(ImportError::BadNumber {
                number: *header.number(),
                parent: *parent.number(),
            });
        }
        if *header.number() <= self.info().finalized.number {
            return Err(ImportError::BelowFinalized(self.info().finalized.hash));
        }
        Ok(())
    }

    fn commit(
        &self,
        block: Block,
        changes: Changes,
        justifications: Option<Justifications>,
        origin: BlockOrigin,
        started: Instant,
        constructed: Option<Duration>,
    ) -> Result<Arc<Imported>, ImportError> {
        let hash = block.header.hash();
        let number = *block.header.number();
        let parent = *block.header.parent_hash();
        let info = self.info();
        let new_best = number > info.best.number;
        let (route, retracted) = if new_best {
            self.reorg_route(&block.header, info.best)?
        } else {
            (Vec::new(), Vec::new())
        };
        if new_best {
            if let Some(fork_point) = route.first() {
                if fork_point.number.saturating_sub(1) < info.finalized.number {
                    return Err(ImportError::BelowFinalized(info.finalized.hash));
                }
            }
        }
        self.db.commit_block(
            BlockCommit {
                header: &block.header,
                body: &block.extrinsics,
                justifications: justifications.as_ref(),
                state: changes.transaction,
                new_best,
            },
            &route,
        )?;
        let mut enacted: Vec<Hash> = route.iter().map(|tip| tip.hash).collect();
        if new_best {
            enacted.push(hash);
            self.info.write().best = Tip { hash, number };
        }
        let imported = Arc::new(Imported {
            hash,
            block,
            origin,
            new_best,
            retracted,
            enacted,
            storage_changes: changes
                .main_storage_changes
                .into_iter()
                .map(|(key, value)| (StorageKey(key), value.map(StorageData)))
                .collect(),
            took: started.elapsed(),
            constructed,
        });
        tracing::debug!(
            target: "chain::import",
            number, %hash, new_best, ?origin, "imported block"
        );
        let _ = self.events.send(ChainEvent::Imported(imported.clone()));
        if new_best && self.finalizes_itself {
            self.finalize_locked(&parent, None)?;
        }
        Ok(imported)
    }

    /// For a block about to become best: its ancestors that are not canonical yet (oldest
    /// first) and the canonical blocks they replace (newest first).
    fn reorg_route(
        &self,
        header: &Header,
        best: Tip,
    ) -> Result<(Vec<Tip>, Vec<Hash>), ImportError> {
        let mut route = Vec::new();
        let mut cursor = *header.parent_hash();
        let mut number = header.number().saturating_sub(1);
        while self.db.canonical_hash(number)? != Some(cursor) {
            route.push(Tip {
                hash: cursor,
                number,
            });
            let parent = self
                .db
                .header(&cursor)?
                .ok_or(ImportError::UnknownParent(cursor))?;
            cursor = *parent.parent_hash();
            number = number.saturating_sub(1);
        }
        route.reverse();
        let mut retracted = Vec::new();
        let mut n = best.number;
        while n > number {
            if let Some(hash) = self.db.canonical_hash(n)? {
                retracted.push(hash);
            }
            n = n.saturating_sub(1);
        }
        Ok((route, retracted))
    }
}
