//! Storage migrations of `SubtensorModule`, one module per storage version. The runtime
//! lists them in its `Executive`; each runs once, when the on-chain storage version is the
//! one it migrates from.

pub mod v1;
pub mod v2;
pub mod v3;
