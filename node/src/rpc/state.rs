//! `state_*`: storage reads, key paging, read proofs, runtime calls, metadata and the
//! runtime version at any stored block (the best one when `at` is left out), and the
//! storage and runtime-version subscriptions polkadot.js relies on.

use std::collections::BTreeMap;
use std::sync::Arc;

use codec::Decode;
use jsonrpsee::server::PendingSubscriptionSink;
use jsonrpsee::types::error::ErrorObject;
use jsonrpsee::types::ErrorObjectOwned;
use serde::Serialize;
use serde_json::json;
use sp_core::storage::{StorageData, StorageKey};
use sp_runtime::traits::Header as _;
use sp_state_machine::{Backend as _, IterArgs};
use sp_version::RuntimeVersion;
use taonet_runtime::Hash;

use super::errors::{client_error, STATE, STATE_INVALID_COUNT};
use super::params::{Args, HexBytes};
use super::register::{blocking, json, Registrar, Safety};
use super::subscriptions::{accept_with, next_event, notify, Next};
use super::{Ctx, RpcError};
use crate::chain::{ChainError, ChainEvent};
use crate::db::DbState;

/// Most keys one `state_getKeysPaged` call returns, as in Substrate.
pub const MAX_KEYS_PAGE: u32 = 1000;

/// Most keys one `state_getKeys` call returns (Substrate has no bound; a whole map of
/// this size is a few MiB of JSON, within the response limit).
pub const MAX_KEYS: usize = 65_536;

/// The storage key whose change means a runtime upgrade.
const CODE_KEY: &[u8] = b":code";

/// Registers every `state_*` method and subscription, with Substrate's aliases.
pub(crate) fn register(r: &mut Registrar<'_>) -> Result<(), RpcError> {
    use Safety::{Safe, Unsafe};
    r.method("state_getRuntimeVersion", &["hash"], Safe, |ctx, args| {
        let at = at(ctx, args, 0)?;
        json(&runtime_version(ctx, &at)?)
    })?;
    r.alias("chain_getRuntimeVersion", "state_getRuntimeVersion")?;
    r.method("state_getMetadata", &["hash"], Safe, |ctx, args| {
        let at = at(ctx, args, 0)?;
        let output = runtime_call(ctx, &at, "Metadata_metadata", &[])?;
        // `OpaqueMetadata`: a SCALE byte vector around the prefixed metadata.
        let metadata = Vec::<u8>::decode(&mut &output[..]).map_err(|e| {
            client_error(
                STATE,
                &ChainError::BadAnswer {
                    method: "Metadata_metadata",
                    error: e,
                },
            )
        })?;
        Ok(HexBytes::to_hex(&metadata).into())
    })?;
    r.method(
        "state_call",
        &["name", "bytes", "hash"],
        Safe,
        |ctx, args| {
            let method: String = args.req(0)?;
            let input: HexBytes = args.req(1)?;
            let at = at(ctx, args, 2)?;
            let output = runtime_call(ctx, &at, &method, &input.0)?;
            Ok(HexBytes::to_hex(&output).into())
        },
    )?;
    r.alias("state_callAt", "state_call")?;
    r.method("state_getStorage", &["key", "hash"], Safe, |ctx, args| {
        let key: HexBytes = args.req(0)?;
        let at = at(ctx, args, 1)?;
        let value = read(&state_at(ctx, &at)?, |s| s.storage(&key.0))?;
        json(&value.map(HexBytes))
    })?;
    r.alias("state_getStorageAt", "state_getStorage")?;
    r.method(
        "state_getStorageHash",
        &["key", "hash"],
        Safe,
        |ctx, args| {
            let key: HexBytes = args.req(0)?;
            let at = at(ctx, args, 1)?;
            json(&read(&state_at(ctx, &at)?, |s| s.storage_hash(&key.0))?)
        },
    )?;
    r.alias("state_getStorageHashAt", "state_getStorageHash")?;
    r.method(
        "state_getStorageSize",
        &["key", "hash"],
        Safe,
        |ctx, args| {
            let key: HexBytes = args.req(0)?;
            let at = at(ctx, args, 1)?;
            let value = read(&state_at(ctx, &at)?, |s| s.storage(&key.0))?;
            json(&value.map(|v| v.len() as u64))
        },
    )?;
    r.alias("state_getStorageSizeAt", "state_getStorageSize")?;
    r.method(
        "state_getKeysPaged",
        &["prefix", "count", "start_key", "hash"],
        Safe,
        |ctx, args| {
            let prefix: Option<HexBytes> = args.opt(0)?;
            let count: u32 = args.req(1)?;
            let start: Option<HexBytes> = args.opt(2)?;
            let at = at(ctx, args, 3)?;
            if count > MAX_KEYS_PAGE {
                return Err(ErrorObject::owned(
                    STATE_INVALID_COUNT,
                    format!("count exceeds maximum value. value: {count}, max: {MAX_KEYS_PAGE}"),
                    None::<()>,
                ));
            }
            let state = state_at(ctx, &at)?;
            let mut iter_args = IterArgs::default();
            iter_args.prefix = prefix.as_ref().map(|p| &p.0[..]);
            iter_args.start_at = start.as_ref().map(|s| &s.0[..]);
            iter_args.start_at_exclusive = true;
            let keys = read(&state, |s| {
                s.keys(iter_args)?
                    .take(count as usize)
                    .map(|key| key.map(HexBytes))
                    .collect::<Result<Vec<_>, _>>()
            })?;
            json(&keys)
        },
    )?;
    r.alias("state_getKeysPagedAt", "state_getKeysPaged")?;
    // Substrate's deprecated, unpaged form, which btcli still sends for whole maps. Unsafe
    // as in Substrate; refused beyond [`MAX_KEYS`] rather than cut short silently.
    r.method("state_getKeys", &["prefix", "hash"], Unsafe, |ctx, args| {
        let prefix: HexBytes = args.req(0)?;
        let at = at(ctx, args, 1)?;
        let state = state_at(ctx, &at)?;
        let mut iter_args = IterArgs::default();
        iter_args.prefix = Some(&prefix.0[..]);
        let keys = read(&state, |s| {
            s.keys(iter_args)?
                .take(MAX_KEYS.saturating_add(1))
                .map(|key| key.map(HexBytes))
                .collect::<Result<Vec<_>, _>>()
        })?;
        if keys.len() > MAX_KEYS {
            return Err(ErrorObject::owned(
                STATE_INVALID_COUNT,
                format!("more than {MAX_KEYS} keys under this prefix: use state_getKeysPaged"),
                None::<()>,
            ));
        }
        json(&keys)
    })?;
    r.alias("state_getKeysAt", "state_getKeys")?;
    r.method(
        "state_queryStorageAt",
        &["keys", "at"],
        Safe,
        |ctx, args| {
            let keys: Vec<HexBytes> = args.req(0)?;
            let at = at(ctx, args, 1)?;
            let state = state_at(ctx, &at)?;
            let changes = read_values(&state, keys.into_iter().map(|k| k.0))?;
            json(&[ChangeSet { block: at, changes }])
        },
    )?;
    r.method(
        "state_getReadProof",
        &["keys", "hash"],
        Safe,
        |ctx, args| {
            let keys: Vec<HexBytes> = args.req(0)?;
            let at = at(ctx, args, 1)?;
            let state = state_at(ctx, &at)?;
            let proof = sp_state_machine::prove_read(state, keys.iter().map(|k| &k.0))
                .map_err(|e| client_error(STATE, &ChainError::State(e.to_string())))?;
            let proof: Vec<HexBytes> = proof.into_iter_nodes().map(HexBytes).collect();
            Ok(json!({ "at": at, "proof": proof }))
        },
    )?;

    r.subscription(
        [
            "state_subscribeRuntimeVersion",
            "state_runtimeVersion",
            "state_unsubscribeRuntimeVersion",
        ],
        &[],
        Safe,
        |ctx, _, pending| follow_runtime_version(ctx, pending),
    )?;
    r.alias(
        "chain_subscribeRuntimeVersion",
        "state_subscribeRuntimeVersion",
    )?;
    r.alias(
        "chain_unsubscribeRuntimeVersion",
        "state_unsubscribeRuntimeVersion",
    )?;
    r.subscription(
        [
            "state_subscribeStorage",
            "state_storage",
            "state_unsubscribeStorage",
        ],
        &["keys"],
        Safe,
        follow_storage,
    )?;
    Ok(())
}

/// The block parameter at `index`, the best block when absent (also how subtensor's
/// methods read their `at`).
pub(super) fn at(ctx: &Ctx, args: &Args, index: usize) -> Result<Hash, ErrorObjectOwned> {
    Ok(args
        .opt::<Hash>(index)?
        .unwrap_or_else(|| ctx.client.info().best.hash))
}

/// The state after block `hash`; an unknown or pruned block is a client error.
fn state_at(ctx: &Ctx, hash: &Hash) -> Result<DbState, ErrorObjectOwned> {
    ctx.client
        .state_at(hash)
        .map_err(|e| client_error(STATE, &e))
}

/// Runs a read on `state`, its failure (a missing trie node) a client error.
fn read<T>(
    state: &DbState,
    f: impl FnOnce(&DbState) -> Result<T, String>,
) -> Result<T, ErrorObjectOwned> {
    f(state).map_err(|e| client_error(STATE, &ChainError::State(e)))
}

/// Runtime API `method` at `hash`, a failure a client error (`Execution failed: …`).
fn runtime_call(
    ctx: &Ctx,
    hash: &Hash,
    method: &str,
    input: &[u8],
) -> Result<Vec<u8>, ErrorObjectOwned> {
    ctx.client
        .call(hash, method, input)
        .map_err(|e| client_error(STATE, &e))
}

fn runtime_version(ctx: &Ctx, hash: &Hash) -> Result<RuntimeVersion, ErrorObjectOwned> {
    ctx.client
        .runtime_version(hash)
        .map_err(|e| client_error(STATE, &e))
}

/// The values of `keys`, each with its key, `None` when absent.
fn read_values(
    state: &DbState,
    keys: impl IntoIterator<Item = Vec<u8>>,
) -> Result<Vec<(HexBytes, Option<HexBytes>)>, ErrorObjectOwned> {
    keys.into_iter()
        .map(|key| {
            let value = read(state, |s| s.storage(&key))?;
            Ok((HexBytes(key), value.map(HexBytes)))
        })
        .collect()
}

/// Storage values at one block: `{"block":"0x…","changes":[["0xkey","0xvalue"|null]]}`,
/// the shape of `state_queryStorageAt` entries and `state_storage` notifications.
#[derive(Debug, Clone, Serialize)]
struct ChangeSet {
    block: Hash,
    changes: Vec<(HexBytes, Option<HexBytes>)>,
}

/// Sends the runtime version at the best block, then again whenever it changes (a new
/// best block that writes `:code` or comes with a reorg).
async fn follow_runtime_version(ctx: Arc<Ctx>, pending: PendingSubscriptionSink) {
    let mut events = ctx.client.subscribe();
    let version_at = |hash: Option<Hash>| {
        let ctx = ctx.clone();
        blocking(move || {
            let hash = hash.unwrap_or_else(|| ctx.client.info().best.hash);
            runtime_version(&ctx, &hash)
        })
    };
    let first = version_at(None).await;
    let mut last = first.as_ref().ok().cloned();
    let Some(sink) = accept_with(pending, first.map(Some)).await else {
        return;
    };
    loop {
        let hash = match next_event(&sink, &mut events).await {
            Next::Done => return,
            Next::Lagged => None,
            Next::Event(ChainEvent::Imported(imported))
                if imported.new_best
                    && (!imported.retracted.is_empty()
                        || imported
                            .storage_changes
                            .iter()
                            .any(|(key, _)| key.0 == CODE_KEY)) =>
            {
                Some(imported.hash)
            }
            Next::Event(_) => continue,
        };
        let Ok(version) = version_at(hash).await else {
            continue;
        };
        if last.as_ref() != Some(&version) {
            if !notify(&sink, &version).await {
                return;
            }
            last = Some(version);
        }
    }
}

/// `state_subscribeStorage`: with keys, first their values at the best block, then, for
/// each new best block, those of them it changed; without keys (or an empty list), every
/// change of each new best block. After a reorg or a lag the watched keys are read again
/// and whichever differ from what was last sent are sent (without keys, only the new best
/// block's own changes are known).
async fn follow_storage(ctx: Arc<Ctx>, args: Args, pending: PendingSubscriptionSink) {
    let keys = match args.opt::<Vec<HexBytes>>(0) {
        Ok(keys) => keys.filter(|keys| !keys.is_empty()),
        Err(error) => {
            pending.reject(error).await;
            return;
        }
    };
    let mut events = ctx.client.subscribe();
    let watched: Option<Arc<Vec<Vec<u8>>>> =
        keys.map(|keys| Arc::new(keys.into_iter().map(|k| k.0).collect()));
    let read_at = |hash: Hash, keys: Arc<Vec<Vec<u8>>>| {
        let ctx = ctx.clone();
        blocking(move || {
            let state = state_at(&ctx, &hash)?;
            read_values(&state, keys.iter().cloned())
        })
    };
    let mut best = ctx.client.info().best.hash;
    // What the client was last told about each watched key.
    let mut known: BTreeMap<Vec<u8>, Option<Vec<u8>>> = BTreeMap::new();
    let first = match &watched {
        Some(keys) => read_at(best, keys.clone()).await.map(|changes| {
            for (key, value) in &changes {
                known.insert(key.0.clone(), value.as_ref().map(|v| v.0.clone()));
            }
            Some(ChangeSet {
                block: best,
                changes,
            })
        }),
        None => Ok(None),
    };
    let Some(sink) = accept_with(pending, first).await else {
        return;
    };
    loop {
        let (block, resync, imported) = match next_event(&sink, &mut events).await {
            Next::Done => return,
            Next::Lagged => (ctx.client.info().best.hash, true, None),
            Next::Event(ChainEvent::Imported(imported)) if imported.new_best => {
                if imported.hash == best {
                    continue;
                }
                let follows = *imported.block.header.parent_hash() == best;
                (imported.hash, !follows, Some(imported))
            }
            Next::Event(_) => continue,
        };
        best = block;
        let changes: Vec<(HexBytes, Option<HexBytes>)> = match (&watched, imported) {
            (Some(keys), Some(imported)) if !resync => imported
                .storage_changes
                .iter()
                .filter(|(key, _)| keys.contains(&key.0))
                .map(|(key, value)| change(key, value))
                .collect(),
            (Some(keys), _) => match read_at(block, keys.clone()).await {
                Ok(values) => values
                    .into_iter()
                    .filter(|(key, value)| {
                        known.get(&key.0) != Some(&value.as_ref().map(|v| v.0.clone()))
                    })
                    .collect(),
                Err(_) => continue,
            },
            (None, Some(imported)) => imported
                .storage_changes
                .iter()
                .map(|(key, value)| change(key, value))
                .collect(),
            (None, None) => continue,
        };
        if changes.is_empty() {
            continue;
        }
        for (key, value) in &changes {
            if watched.is_some() {
                known.insert(key.0.clone(), value.as_ref().map(|v| v.0.clone()));
            }
        }
        if !notify(&sink, &ChangeSet { block, changes }).await {
            return;
        }
    }
}

/// One storage change as sent to clients.
fn change(key: &StorageKey, value: &Option<StorageData>) -> (HexBytes, Option<HexBytes>) {
    (
        HexBytes(key.0.clone()),
        value.as_ref().map(|v| HexBytes(v.0.clone())),
    )
}
