//! `chain_*`: block hashes by number, headers and blocks by hash, the finalized head, and
//! head subscriptions. Headers are sp-runtime's serde (number as a hex string, digest logs
//! as SCALE hex), so `blake2_256(SCALE(header))` computed by a client from the JSON is the
//! block hash: polkadot.js signs mortal transactions with it.

use std::sync::Arc;

use codec::Encode;
use jsonrpsee::server::PendingSubscriptionSink;
use jsonrpsee::types::ErrorObjectOwned;
use serde_json::{json, Value};
use sp_runtime::traits::Header as _;
use sp_runtime::Justifications;
use taonet_runtime::{Block, BlockNumber, Hash, Header};

use super::errors::{client_error, CHAIN};
use super::params::{HexBytes, ListOrValue, NumberOrHex};
use super::register::{blocking, json, Registrar, RpcResult, Safety};
use super::subscriptions::{accept_with, next_event, notify, Next};
use super::{Ctx, RpcError};
use crate::chain::ChainEvent;

/// Registers every `chain_*` method and subscription, with Substrate's aliases.
pub(crate) fn register(r: &mut Registrar<'_>) -> Result<(), RpcError> {
    use Safety::Safe;
    r.method(
        "chain_getBlockHash",
        &["hash"],
        Safe,
        |ctx, args| match args.opt::<ListOrValue<NumberOrHex>>(0)? {
            None => Ok(json!(ctx.client.info().best.hash)),
            Some(ListOrValue::Value(n)) => json(&block_hash(ctx, n.0)?),
            Some(ListOrValue::List(list)) => list
                .into_iter()
                .map(|n| block_hash(ctx, n.0))
                .collect::<Result<Vec<_>, _>>()
                .and_then(|hashes| json(&hashes)),
        },
    )?;
    r.alias("chain_getHead", "chain_getBlockHash")?;
    r.method("chain_getHeader", &["hash"], Safe, |ctx, args| {
        let hash = args.opt::<Hash>(0)?.unwrap_or(ctx.client.info().best.hash);
        let header = ctx
            .client
            .header(&hash)
            .map_err(|e| client_error(CHAIN, &e))?;
        json(&header)
    })?;
    r.method("chain_getBlock", &["hash"], Safe, |ctx, args| {
        let hash = args.opt::<Hash>(0)?.unwrap_or(ctx.client.info().best.hash);
        match ctx
            .client
            .block(&hash)
            .map_err(|e| client_error(CHAIN, &e))?
        {
            Some((block, justifications)) => signed_block_json(&block, justifications),
            None => Ok(Value::Null),
        }
    })?;
    r.method("chain_getFinalizedHead", &[], Safe, |ctx, _| {
        Ok(json!(ctx.client.info().finalized.hash))
    })?;
    r.alias("chain_getFinalisedHead", "chain_getFinalizedHead")?;

    r.subscription(
        [
            "chain_subscribeNewHeads",
            "chain_newHead",
            "chain_unsubscribeNewHeads",
        ],
        &[],
        Safe,
        |ctx, _, pending| follow_heads(ctx, pending, Heads::Best),
    )?;
    r.alias("subscribe_newHead", "chain_subscribeNewHeads")?;
    r.alias("chain_subscribeNewHead", "chain_subscribeNewHeads")?;
    r.alias("unsubscribe_newHead", "chain_unsubscribeNewHeads")?;
    r.alias("chain_unsubscribeNewHead", "chain_unsubscribeNewHeads")?;
    r.subscription(
        [
            "chain_subscribeAllHeads",
            "chain_allHead",
            "chain_unsubscribeAllHeads",
        ],
        &[],
        Safe,
        |ctx, _, pending| follow_heads(ctx, pending, Heads::All),
    )?;
    r.subscription(
        [
            "chain_subscribeFinalizedHeads",
            "chain_finalizedHead",
            "chain_unsubscribeFinalizedHeads",
        ],
        &[],
        Safe,
        |ctx, _, pending| follow_heads(ctx, pending, Heads::Finalized),
    )?;
    r.alias(
        "chain_subscribeFinalisedHeads",
        "chain_subscribeFinalizedHeads",
    )?;
    r.alias(
        "chain_unsubscribeFinalisedHeads",
        "chain_unsubscribeFinalizedHeads",
    )?;
    Ok(())
}

/// The canonical hash at `number`, `None` above the best block.
fn block_hash(ctx: &Ctx, number: BlockNumber) -> Result<Option<Hash>, ErrorObjectOwned> {
    ctx.client.hash(number).map_err(|e| client_error(CHAIN, &e))
}

/// `chain_getBlock`'s answer: `{"block":{"header":…,"extrinsics":["0x…"]},
/// "justifications":null|[[[engine id bytes],[justification bytes]]]}`. The
/// justifications are sp-runtime's serde of `Justifications`, as Substrate sends them;
/// extrinsics are SCALE hex (the runtime's extrinsic type would serialize as a number
/// array).
pub(crate) fn signed_block_json(
    block: &Block,
    justifications: Option<Justifications>,
) -> RpcResult {
    let extrinsics: Vec<String> = block
        .extrinsics
        .iter()
        .map(|xt| HexBytes::to_hex(&xt.encode()))
        .collect();
    json(&json!({
        "block": {
            "header": block.header,
            "extrinsics": extrinsics,
        },
        "justifications": justifications,
    }))
}

/// Which heads a subscription follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heads {
    /// Each new best block (`chain_newHead`).
    Best,
    /// Every imported block, best or not (`chain_allHead`).
    All,
    /// Each finalized block (`chain_finalizedHead`).
    Finalized,
}

/// The head a subscription starts from, or re-syncs to after lagging.
async fn current_head(ctx: &Arc<Ctx>, heads: Heads) -> Result<Header, ErrorObjectOwned> {
    let ctx = ctx.clone();
    blocking(move || {
        let info = ctx.client.info();
        let hash = match heads {
            Heads::Best | Heads::All => info.best.hash,
            Heads::Finalized => info.finalized.hash,
        };
        ctx.client
            .header(&hash)
            .map_err(|e| client_error(CHAIN, &e))?
            .ok_or_else(|| super::errors::internal(format!("head {hash:?} has no header")))
    })
    .await
}

/// Sends the current head, then each new one, until the client leaves.
async fn follow_heads(ctx: Arc<Ctx>, pending: PendingSubscriptionSink, heads: Heads) {
    // Subscribe before reading the current head, so nothing falls between the two.
    let mut events = ctx.client.subscribe();
    let first = current_head(&ctx, heads).await;
    let mut last = first
        .as_ref()
        .ok()
        .map(|header| (header.hash(), *header.number()));
    let Some(sink) = accept_with(pending, first.map(Some)).await else {
        return;
    };
    loop {
        let header = match next_event(&sink, &mut events).await {
            Next::Done => return,
            Next::Lagged => match current_head(&ctx, heads).await {
                Ok(header) => header,
                Err(_) => continue,
            },
            Next::Event(ChainEvent::Imported(imported)) => match heads {
                Heads::All => imported.block.header.clone(),
                Heads::Best if imported.new_best => imported.block.header.clone(),
                _ => continue,
            },
            Next::Event(ChainEvent::Finalized { header, .. }) if heads == Heads::Finalized => {
                header
            }
            Next::Event(_) => continue,
        };
        let hash = header.hash();
        let number = *header.number();
        let fresh = match (heads, last) {
            (_, None) => true,
            (Heads::All, Some((last_hash, _))) => last_hash != hash,
            // Best and finalized heights only grow: an older one was sent already.
            (_, Some((_, last_number))) => number > last_number,
        };
        if !fresh {
            continue;
        }
        last = Some((hash, number));
        if !notify(&sink, &header).await {
            return;
        }
    }
}
