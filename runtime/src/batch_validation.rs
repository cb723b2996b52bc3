//! `TransactionBatchApi`: a node validates many transactions in one runtime call. Each is
//! checked exactly as `TaggedTransactionQueue_validate_transaction` checks it, against the
//! same state, in a storage transaction of its own that is rolled back, so none sees what
//! the validation of another wrote (validation opens the next block in storage). One call
//! for many spares the executor an instance per transaction, which under a flood of
//! submissions is a third of the node's work.

use alloc::vec::Vec;

use frame_support::storage::{with_transaction, TransactionOutcome};
use frame_support::traits::ConstU32;
use frame_support::BoundedVec;
use sp_runtime::traits::Block as BlockT;
use sp_runtime::transaction_validity::{
    InvalidTransaction, TransactionSource, TransactionValidity,
};
use sp_runtime::DispatchError;

use crate::{Block, Executive};

/// The most transactions one call validates. Anyone may call a runtime API (`state_call`),
/// so the input's length is checked before any transaction in it is decoded: a longer
/// batch is refused as undecodable input.
pub const MAX_BATCH: u32 = 64;

/// A batch's transactions, each with where it came from.
pub type Batch = BoundedVec<(TransactionSource, <Block as BlockT>::Extrinsic), ConstU32<MAX_BATCH>>;

sp_api::decl_runtime_apis! {
    /// Validation of a batch of transactions, for the node's pool.
    pub trait TransactionBatchApi {
        /// The validity of each of `transactions` (at most [`MAX_BATCH`]) at best block
        /// `block_hash`, in order, as `TaggedTransactionQueue::validate_transaction` would
        /// answer it alone.
        fn validate_transactions(
            transactions: Batch,
            block_hash: <Block as BlockT>::Hash,
        ) -> Vec<TransactionValidity>;
    }
}

/// [`TransactionBatchApi::validate_transactions`]' work.
pub fn validate_transactions(
    transactions: Batch,
    block_hash: <Block as BlockT>::Hash,
) -> Vec<TransactionValidity> {
    transactions
        .into_iter()
        .map(|(source, tx)| {
            let mut validity = Err(InvalidTransaction::Call.into());
            // Rolled back whatever it wrote; the closure itself cannot fail.
            let _ = with_transaction(|| {
                validity = Executive::validate_transaction(source, tx, block_hash);
                TransactionOutcome::Rollback(Ok::<(), DispatchError>(()))
            });
            validity
        })
        .collect()
}
