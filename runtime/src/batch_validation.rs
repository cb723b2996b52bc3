//! `TransactionBatchApi`: a node validates many transactions in one runtime call. Each is
//! checked exactly as `TaggedTransactionQueue_validate_transaction` checks it, against the
//! same state, in a storage transaction of its own that is rolled back, so none sees what
//! the validation of another wrote (validation opens the next block in storage). One call
//! for many spares the executor an instance per transaction, which under a flood of
//! submissions is a third of the node's work.

use alloc::vec::Vec;

use frame_support::storage::{with_transaction, TransactionOutcome};
use sp_runtime::traits::Block as BlockT;
use sp_runtime::transaction_validity::{
    InvalidTransaction, TransactionSource, TransactionValidity,
};
use sp_runtime::DispatchError;

use crate::{Block, Executive};

/// The most transactions one call validates: a batch is decoded whole before the first
/// is checked, so its size is bounded here as well as by the node.
pub const MAX_BATCH: u32 = 256;

sp_api::decl_runtime_apis! {
    /// Validation of a batch of transactions, for the node's pool.
    pub trait TransactionBatchApi {
        /// The validity of each of `transactions` at best block `block_hash`, in order, as
        /// `TaggedTransactionQueue::validate_transaction` would answer it alone. Past
        /// [`MAX_BATCH`] transactions, the rest are answered `ExhaustsResources`.
        fn validate_transactions(
            transactions: Vec<(TransactionSource, <Block as BlockT>::Extrinsic)>,
            block_hash: <Block as BlockT>::Hash,
        ) -> Vec<TransactionValidity>;
    }
}

/// [`TransactionBatchApi::validate_transactions`]' work.
pub fn validate_transactions(
    transactions: Vec<(TransactionSource, <Block as BlockT>::Extrinsic)>,
    block_hash: <Block as BlockT>::Hash,
) -> Vec<TransactionValidity> {
    let limit = usize::try_from(MAX_BATCH).unwrap_or(usize::MAX);
    transactions
        .into_iter()
        .enumerate()
        .map(|(index, (source, tx))| {
            if index >= limit {
                return Err(InvalidTransaction::ExhaustsResources.into());
            }
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
