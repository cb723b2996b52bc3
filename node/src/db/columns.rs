//! The database's columns and their parity-db options.

use std::path::Path;

use parity_db::{ColumnOptions, CompressionType, Options};

/// One parity-db column per kind of record.
#[derive(Debug, Clone, Copy)]
pub(super) enum Column {
    /// Tip pointers, genesis hash, schema version, pruning mode; in pruning mode the
    /// blocks stored per height.
    Meta = 0,
    /// Trie nodes by hash, reference counted.
    State = 1,
    /// SCALE headers by block hash.
    Header = 2,
    /// SCALE bodies by block hash.
    Body = 3,
    /// SCALE justifications by block hash.
    Justification = 4,
    /// Canonical block hash by big-endian block number.
    Canonical = 5,
    /// Per block (pruning mode only), the trie nodes its state removed, dereferenced once
    /// it leaves the pruning window, and those it added, dereferenced if it ends up off the
    /// finalized chain.
    Journal = 6,
}

/// Keys of the meta column.
pub(super) mod meta_key {
    /// The schema version (u32).
    pub const SCHEMA: &[u8] = b"schema";
    /// The genesis hash.
    pub const GENESIS: &[u8] = b"genesis";
    /// The best block.
    pub const BEST: &[u8] = b"best";
    /// The last finalized block.
    pub const FINALIZED: &[u8] = b"finalized";
    /// The state pruning mode the database was created with.
    pub const PRUNING: &[u8] = b"pruning";
    /// Prefix of the per-height lists of stored blocks (pruning mode only), by big-endian
    /// number: how blocks left off the finalized chain are found and their state dropped.
    pub const BLOCKS_AT_PREFIX: &[u8] = b"blocks_at:";
}

/// parity-db options for a database at `path`.
pub(super) fn options(path: &Path) -> Options {
    let hashed = ColumnOptions {
        uniform: true,
        compression: CompressionType::Lz4,
        ..Default::default()
    };
    let mut options = Options::with_columns(path, 7);
    options.columns = vec![
        ColumnOptions::default(),
        ColumnOptions {
            ref_counted: true,
            preimage: true,
            ..hashed.clone()
        },
        hashed.clone(),
        hashed.clone(),
        hashed.clone(),
        ColumnOptions::default(),
        hashed,
    ];
    options
}
