//! The statuses a watched transaction goes through, in Substrate's JSON shape
//! (`"ready"`, `{"inBlock":"0x…"}`, …) as `author_extrinsicUpdate` sends them.

use serde::Serialize;
use taonet_runtime::Hash;

/// Where a watched transaction is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TxStatus {
    /// Waiting for a transaction it depends on (e.g. an earlier nonce).
    Future,
    /// Can go into the next block.
    Ready,
    /// Sent to these peers.
    Broadcast(Vec<String>),
    /// Included in this best block.
    InBlock(Hash),
    /// Its block left the best chain; the transaction is back in the pool.
    Retracted(Hash),
    /// Its block has not been finalized for too long; watching stops.
    FinalityTimeout(Hash),
    /// Its block is final. Terminal.
    Finalized(Hash),
    /// Replaced by this transaction (same tag, higher priority). Terminal.
    Usurped(Hash),
    /// Evicted for lack of room. Terminal.
    Dropped,
    /// No longer valid (e.g. its nonce was used by another transaction). Terminal.
    Invalid,
}

impl TxStatus {
    /// Whether nothing can follow this status.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            TxStatus::FinalityTimeout(_)
                | TxStatus::Finalized(_)
                | TxStatus::Usurped(_)
                | TxStatus::Dropped
                | TxStatus::Invalid
        )
    }
}
