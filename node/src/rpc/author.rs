//! `author_*`: submitting transactions to the pool (and watching them into a finalized
//! block), listing the pool, and the unsafe key management of a validator.
//!
//! A transaction the pool refuses is a JSON-RPC error answer to the submission itself,
//! with Substrate's code and data (`1010 "Invalid Transaction"`, data `"Transaction has a
//! bad signature"`): py-substrate-interface would wait forever for a later `invalid`
//! status.

use std::sync::Arc;

use codec::{Decode, Encode};
use jsonrpsee::server::PendingSubscriptionSink;
use jsonrpsee::types::ErrorObjectOwned;
use sp_core::crypto::KeyTypeId;
use sp_runtime::transaction_validity::TransactionSource;

use super::errors::{author_other, client_error, pool_error, AUTHOR};
use super::params::{Args, HexBytes};
use super::register::{blocking, json, Registrar, Safety};
use super::subscriptions::notify;
use super::{Ctx, RpcError};

/// Registers every `author_*` method and subscription.
pub(crate) fn register(r: &mut Registrar<'_>) -> Result<(), RpcError> {
    use Safety::{Safe, Unsafe};
    r.method(
        "author_submitExtrinsic",
        &["extrinsic"],
        Safe,
        |ctx, args| {
            let bytes: HexBytes = args.req(0)?;
            let hash = ctx
                .pool
                .submit(&bytes.0, TransactionSource::External)
                .map_err(|e| pool_error(&e))?;
            tracing::debug!(target: "rpc::author", %hash, "transaction submitted");
            json(&hash)
        },
    )?;
    r.method("author_pendingExtrinsics", &[], Safe, |ctx, _| {
        let pending: Vec<HexBytes> = ctx
            .pool
            .pending()
            .iter()
            .map(|xt| HexBytes(xt.encode()))
            .collect();
        json(&pending)
    })?;
    r.method(
        "author_insertKey",
        &["key_type", "suri", "public"],
        Unsafe,
        |ctx, args| {
            let key_type = key_type(&args.req::<String>(0)?)?;
            let suri: String = args.req(1)?;
            let public: HexBytes = args.req(2)?;
            ctx.keystore
                .insert(key_type, &suri, &public.0)
                .map_err(author_other)?;
            Ok(serde_json::Value::Null)
        },
    )?;
    r.method("author_rotateKeys", &[], Unsafe, |ctx, _| {
        let keys = ctx.keystore.generate_session_keys().map_err(author_other)?;
        json(&HexBytes(keys))
    })?;
    r.method(
        "author_hasKey",
        &["public_key", "key_type"],
        Unsafe,
        |ctx, args| {
            let public: HexBytes = args.req(0)?;
            let key_type = key_type(&args.req::<String>(1)?)?;
            Ok(ctx.keystore.has_key(&public.0, key_type).into())
        },
    )?;
    r.method(
        "author_hasSessionKeys",
        &["session_keys"],
        Unsafe,
        |ctx, args| {
            let keys: HexBytes = args.req(0)?;
            let best = ctx.client.info().best.hash;
            let output = ctx
                .client
                .call(&best, "SessionKeys_decode_session_keys", &keys.0.encode())
                .map_err(|e| client_error(AUTHOR, &e))?;
            let decoded = Option::<Vec<(Vec<u8>, KeyTypeId)>>::decode(&mut &output[..])
                .ok()
                .flatten()
                .ok_or_else(|| author_other("Session keys are not encoded correctly"))?;
            let all = decoded
                .iter()
                .all(|(public, key_type)| ctx.keystore.has_key(public, *key_type));
            Ok(all.into())
        },
    )?;
    r.subscription(
        [
            "author_submitAndWatchExtrinsic",
            "author_extrinsicUpdate",
            "author_unwatchExtrinsic",
        ],
        &["bytes"],
        Safe,
        watch,
    )?;
    Ok(())
}

/// A key type as clients write it: four ASCII characters (`"aura"`, `"gran"`).
fn key_type(text: &str) -> Result<KeyTypeId, ErrorObjectOwned> {
    let bytes: [u8; 4] = text
        .as_bytes()
        .try_into()
        .map_err(|_| author_other("Invalid key type ID format (should be of length four)"))?;
    Ok(KeyTypeId(bytes))
}

/// `author_submitAndWatchExtrinsic`: validates and pools the transaction (a refusal is the
/// error answer), then forwards its statuses (`"ready"`, `{"inBlock":…}`,
/// `{"finalized":…}`, …) until a terminal one or the client leaves.
async fn watch(ctx: Arc<Ctx>, args: Args, pending: PendingSubscriptionSink) {
    let bytes: HexBytes = match args.req(0) {
        Ok(bytes) => bytes,
        Err(error) => {
            pending.reject(error).await;
            return;
        }
    };
    let pool = ctx.pool.clone();
    let submitted = blocking(move || {
        pool.submit_and_watch(&bytes.0, TransactionSource::External)
            .map_err(|e| pool_error(&e))
    })
    .await;
    let (hash, mut statuses) = match submitted {
        Ok(submitted) => submitted,
        Err(error) => {
            tracing::debug!(target: "rpc::author", code = error.code(), message = error.message(), "transaction refused");
            pending.reject(error).await;
            return;
        }
    };
    tracing::debug!(target: "rpc::author", %hash, "transaction submitted and watched");
    let Ok(sink) = pending.accept().await else {
        return;
    };
    loop {
        let status = tokio::select! {
            _ = sink.closed() => return,
            status = statuses.recv() => match status {
                Some(status) => status,
                None => return,
            },
        };
        if !notify(&sink, &status).await || status.is_terminal() {
            return;
        }
    }
}
