//! The JSON-RPC error objects the methods answer with, with Substrate's codes and
//! messages: clients match on them (async-substrate-interface compares the exact text of
//! a missing runtime API's error), so they are built in one place.

use jsonrpsee::types::error::{
    ErrorObject, ErrorObjectOwned, INTERNAL_ERROR_CODE, INTERNAL_ERROR_MSG, METHOD_NOT_FOUND_CODE,
};
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

use crate::chain::ChainError;
use crate::txpool::PoolError;

/// Base of `author_*` error codes (Substrate's `AUTHOR`).
pub const AUTHOR: i32 = 1000;
/// Base of `system_*` error codes.
pub const SYSTEM: i32 = 2000;
/// Base of `chain_*` error codes.
pub const CHAIN: i32 = 3000;
/// Base of `state_*` error codes.
pub const STATE: i32 = 4000;

/// `author_*` errors that are neither pool nor client errors (bad key type, keystore
/// failure, bad session keys): Substrate's `OTHER_ERR`.
pub const AUTHOR_OTHER: i32 = AUTHOR + 40;
/// `state_getKeysPaged` with a count over the limit.
pub const STATE_INVALID_COUNT: i32 = STATE + 2;
/// Subtensor's custom methods (`neuronInfo_*`, `subnetInfo_*`, …): their runtime call
/// failed (subtensor's `RuntimeError`).
pub const SUBTENSOR_RUNTIME: i32 = 1;

/// The error of an unsafe method on a server that serves safe methods only.
pub fn unsafe_denied() -> ErrorObjectOwned {
    ErrorObject::owned(
        METHOD_NOT_FOUND_CODE,
        "RPC call is unsafe to be called externally",
        None::<()>,
    )
}

/// An internal failure (a task panicked): `-32603`.
pub fn internal(detail: impl Into<String>) -> ErrorObjectOwned {
    ErrorObject::owned(INTERNAL_ERROR_CODE, INTERNAL_ERROR_MSG, Some(detail.into()))
}

/// A failing chain read or runtime call, as the method group's "client error":
/// `chain` 3002, `state` 4003, `author` 1000, `system` 2000 (the codes Substrate uses for
/// its `Client(…)` variants), message `Client error: …`.
pub fn client_error(group_base: i32, error: &ChainError) -> ErrorObjectOwned {
    let code = match group_base {
        STATE => STATE + 3,
        CHAIN => CHAIN + 2,
        other => other,
    };
    ErrorObject::owned(
        code,
        format!("Client error: {}", describe(error)),
        None::<()>,
    )
}

/// A failing runtime call behind one of subtensor's custom methods, as subtensor's node
/// answers it: code 1, message `"{failure}: {reason}"` (`"Unable to get neurons info:
/// UnknownBlock: …"`), the reason in the words of [`client_error`].
pub fn subtensor_error(failure: &str, error: &ChainError) -> ErrorObjectOwned {
    ErrorObject::owned(
        SUBTENSOR_RUNTIME,
        format!("{failure}: {}", describe(error)),
        None::<()>,
    )
}

/// Substrate's words for a client failure (full hashes, not abbreviated ones).
fn describe(error: &ChainError) -> String {
    match error {
        ChainError::UnknownBlock(hash) => format!("UnknownBlock: block {hash:?} is not stored"),
        ChainError::StatePruned(hash) => format!("State already discarded for {hash:?}"),
        ChainError::Execution(other) => {
            format!(
                "Execution failed: {}",
                without_backtrace(&other.to_string())
            )
        }
        other => other.to_string(),
    }
}

/// A runtime failure's message without the wasm backtrace wasmtime appends: a caller
/// sending bad input learns what the runtime said (`Bad input data provided to …`), not
/// the blob's internals.
fn without_backtrace(message: &str) -> &str {
    message
        .split_once("\nWASM backtrace:")
        .map_or(message, |(reason, _)| reason)
}

/// A pool rejection, with Substrate's code, message and data for each kind.
pub fn pool_error(error: &PoolError) -> ErrorObjectOwned {
    let code = error.rpc_code();
    match error {
        PoolError::Invalid(TransactionValidityError::Invalid(InvalidTransaction::Custom(n))) => {
            ErrorObject::owned(code, "Invalid Transaction", Some(format!("Custom error: {n}")))
        }
        PoolError::Invalid(TransactionValidityError::Invalid(_)) => {
            ErrorObject::owned(code, "Invalid Transaction", error.rpc_data())
        }
        PoolError::Invalid(TransactionValidityError::Unknown(unknown)) => ErrorObject::owned(
            code,
            "Unknown Transaction Validity",
            Some(format!("{unknown:?}")),
        ),
        PoolError::TemporarilyBanned => ErrorObject::owned(code, error.to_string(), None::<()>),
        PoolError::AlreadyImported(hash) => ErrorObject::owned(
            code,
            "Transaction Already Imported",
            Some(format!("{hash:?}")),
        ),
        PoolError::TooLowPriority { .. } => ErrorObject::owned(
            code,
            error.to_string(),
            Some("The transaction has too low priority to replace another transaction already in the pool."),
        ),
        PoolError::PoolFull => ErrorObject::owned(
            code,
            "Immediately Dropped",
            Some("The transaction couldn't enter the pool because of the limit"),
        ),
        PoolError::Verification(detail) => {
            ErrorObject::owned(code, error.to_string(), Some(detail.clone()))
        }
        PoolError::BadFormat(_) => ErrorObject::owned(code, error.to_string(), None::<()>),
    }
}

/// An `author_*` failure outside the pool (keystore, key type, session keys): 1040.
pub fn author_other(message: impl Into<String>) -> ErrorObjectOwned {
    ErrorObject::owned(AUTHOR_OTHER, message.into(), None::<()>)
}
