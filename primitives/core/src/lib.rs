//! Types and pure functions shared by taonet's runtime and node.
//!
//! Everything here is consensus-critical and free of FRAME, so the node's offline tools
//! (such as `taonet emission schedule`) compute with exactly the functions the runtime
//! runs.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::arithmetic_side_effects
    )
)]

extern crate alloc;

pub mod issuance;
pub mod registration;

/// Balances in rao, the smallest unit of TAO.
pub type Balance = u64;

/// Rao in one TAO (TAO has 9 decimals).
pub const RAO_PER_TAO: Balance = 1_000_000_000;

/// The hard cap on TAO ever issued: 21 000 000 TAO.
pub const MAX_SUPPLY: Balance = 21_000_000 * RAO_PER_TAO;

/// Target block time in milliseconds.
pub const MILLISECS_PER_BLOCK: u64 = 12_000;

/// Blocks in a day at the target block time (7 200).
pub const BLOCKS_PER_DAY: u64 = 24 * 60 * 60 * 1000 / MILLISECS_PER_BLOCK;
