//! `grandpa_*`: the voter's round state, finality proofs and justification
//! notifications, with Substrate's (sc-consensus-grandpa-rpc) names, shapes and error
//! codes. Registered only when GRANDPA runs ([`super::RpcDeps::grandpa`]).

use std::sync::Arc;

use codec::Encode;
use jsonrpsee::server::PendingSubscriptionSink;
use jsonrpsee::types::{ErrorObject, ErrorObjectOwned};
use tokio::sync::broadcast::error::RecvError;

use super::params::{HexBytes, NumberOrHex};
use super::register::{json, Registrar, Safety};
use super::subscriptions::{accept_with, notify};
use super::{Ctx, RpcError};
use crate::grandpa::GrandpaHandle;

/// `grandpa_roundState` while no voter runs (Substrate's `NotReady`, code 1).
const NOT_READY: i32 = 1;
/// `grandpa_proveFinality` failed to read the chain (Substrate's `ProveFinality`, 4).
const PROVE_FINALITY: i32 = 4;

fn not_ready() -> ErrorObjectOwned {
    ErrorObject::owned(NOT_READY, "GRANDPA RPC endpoint not ready", None::<()>)
}

fn handle(ctx: &Ctx) -> Result<&GrandpaHandle, ErrorObjectOwned> {
    ctx.grandpa.as_ref().ok_or_else(not_ready)
}

/// Registers the `grandpa_*` methods and subscription.
pub(crate) fn register(r: &mut Registrar<'_>) -> Result<(), RpcError> {
    use Safety::Safe;
    r.method("grandpa_roundState", &[], Safe, |ctx, _| {
        let state = handle(ctx)?.round_state().ok_or_else(not_ready)?;
        json(&state)
    })?;
    r.method(
        "grandpa_proveFinality",
        &["blockNumber"],
        Safe,
        |ctx, args| {
            let number: NumberOrHex = args.req(0)?;
            let proof = handle(ctx)?.prove_finality(number.0).map_err(|e| {
                ErrorObject::owned(
                    PROVE_FINALITY,
                    format!("GRANDPA RPC prove finality failed: {e}"),
                    None::<()>,
                )
            })?;
            json(&proof.map(|p| HexBytes(p.encode())))
        },
    )?;
    r.subscription(
        [
            "grandpa_subscribeJustifications",
            "grandpa_justifications",
            "grandpa_unsubscribeJustifications",
        ],
        &[],
        Safe,
        follow_justifications,
    )?;
    Ok(())
}

/// Sends each new GRANDPA justification (SCALE, hex) until the client leaves.
async fn follow_justifications(
    ctx: Arc<Ctx>,
    _: super::params::Args,
    pending: PendingSubscriptionSink,
) {
    let mut justifications = match handle(&ctx) {
        Ok(handle) => handle.subscribe_justifications(),
        Err(error) => {
            pending.reject(error).await;
            return;
        }
    };
    let Some(sink) = accept_with::<()>(pending, Ok(None)).await else {
        return;
    };
    loop {
        let next = tokio::select! {
            _ = sink.closed() => return,
            next = justifications.recv() => next,
        };
        match next {
            Ok(justification) => {
                if !notify(&sink, &HexBytes(justification.encoded)).await {
                    return;
                }
            }
            // A slow client misses some; later ones still prove finality.
            Err(RecvError::Lagged(_)) => continue,
            Err(RecvError::Closed) => return,
        }
    }
}
