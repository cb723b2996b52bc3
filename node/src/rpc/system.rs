//! `system_*`: who the node is, which chain it runs, its health, its reserved peers and
//! the next nonce of an account; `chainSpec_v1_*`; and `rpc_methods`, the list clients
//! choose their calls from (polkadot.js drops unlisted methods; the Python clients pick
//! code paths from it).

use std::sync::Arc;

use codec::{Decode, Encode};
use jsonrpsee::server::RpcModule;
use jsonrpsee::types::error::ErrorObject;
use serde_json::{json, Value};
use taonet_runtime::{AccountId, Nonce};

use super::errors::client_error;
use super::errors::SYSTEM;
use super::params::AccountParam;
use super::register::{json as to_json, Registrar, RpcResult, Safety};
use super::{Ctx, RpcError};

/// Registers every `system_*` and `chainSpec_v1_*` method.
pub(crate) fn register(r: &mut Registrar<'_>) -> Result<(), RpcError> {
    use Safety::{Safe, Unsafe};
    r.method("system_name", &[], Safe, |ctx, _| {
        Ok(ctx.system.node_name.clone().into())
    })?;
    r.method("system_version", &[], Safe, |ctx, _| {
        Ok(ctx.system.version.clone().into())
    })?;
    r.method("system_chain", &[], Safe, |ctx, _| {
        Ok(ctx.system.chain_name.clone().into())
    })?;
    r.method("system_chainType", &[], Safe, |ctx, _| {
        Ok(chain_type(&ctx.system.chain_type))
    })?;
    r.method("system_properties", &[], Safe, |ctx, _| {
        Ok(ctx.system.properties.clone())
    })?;
    r.method("system_health", &[], Safe, |ctx, _| {
        Ok(json!({
            "peers": ctx.network.peers(),
            "isSyncing": ctx.network.is_syncing(),
            "shouldHavePeers": ctx.network.should_have_peers(),
        }))
    })?;
    r.method("system_localPeerId", &[], Safe, |ctx, _| {
        Ok(ctx.network.local_peer_id().into())
    })?;
    r.method("system_localListenAddresses", &[], Safe, |ctx, _| {
        Ok(ctx.network.listen_addresses().into())
    })?;
    r.method("system_nodeRoles", &[], Safe, |ctx, _| {
        let role = if ctx.system.is_validator {
            "Authority"
        } else {
            "Full"
        };
        Ok(json!([role]))
    })?;
    r.method("system_syncState", &[], Safe, |ctx, _| {
        let best = ctx.client.info().best.number;
        let highest = ctx.network.best_seen_block().unwrap_or(best).max(best);
        Ok(json!({
            "startingBlock": ctx.starting_block,
            "currentBlock": best,
            "highestBlock": highest,
        }))
    })?;
    r.method("system_peers", &[], Unsafe, |ctx, _| {
        to_json(&ctx.network.peer_info())
    })?;
    r.method("system_reservedPeers", &[], Safe, |ctx, _| {
        Ok(ctx.network.reserved_peers().into())
    })?;
    r.method("system_addReservedPeer", &["peer"], Unsafe, |ctx, args| {
        let addr: String = args.req(0)?;
        ctx.network
            .add_reserved_peer(&addr)
            .map_err(malformed_peer)?;
        Ok(Value::Null)
    })?;
    r.method(
        "system_removeReservedPeer",
        &["peer_id"],
        Unsafe,
        |ctx, args| {
            let peer: String = args.req(0)?;
            ctx.network
                .remove_reserved_peer(&peer)
                .map_err(malformed_peer)?;
            Ok(Value::Null)
        },
    )?;
    r.method(
        "system_accountNextIndex",
        &["account"],
        Safe,
        |ctx, args| {
            let account: AccountParam = args.req(0)?;
            account_next_index(ctx, &account.0)
        },
    )?;
    r.alias("account_nextIndex", "system_accountNextIndex")?;

    r.method("chainSpec_v1_chainName", &[], Safe, |ctx, _| {
        Ok(ctx.system.chain_name.clone().into())
    })?;
    r.method("chainSpec_v1_genesisHash", &[], Safe, |ctx, _| {
        Ok(format!("{:?}", ctx.client.info().genesis).into())
    })?;
    r.method("chainSpec_v1_properties", &[], Safe, |ctx, _| {
        Ok(ctx.system.properties.clone())
    })?;
    Ok(())
}

/// Registers `rpc_methods`, listing every method registered so far and itself, sorted.
/// Call last.
pub(crate) fn register_rpc_methods(
    module: &mut RpcModule<()>,
    ctx: &Arc<Ctx>,
) -> Result<(), RpcError> {
    let mut methods: Vec<&'static str> = module.method_names().collect();
    methods.push("rpc_methods");
    methods.sort_unstable();
    methods.dedup();
    let answer = json!({ "methods": methods });
    let ctx = ctx.clone();
    module.register_method("rpc_methods", move |_, _, _| {
        ctx.counters.count(super::Group::System);
        tracing::trace!(target: "rpc::system", method = "rpc_methods", "call");
        Ok::<_, jsonrpsee::types::ErrorObjectOwned>(answer.clone())
    })?;
    Ok(())
}

/// Substrate's `MalformattedPeerArg` (code 2002): the peer argument is not a peer.
fn malformed_peer(why: String) -> jsonrpsee::types::ErrorObjectOwned {
    ErrorObject::owned(SYSTEM + 2, why, None::<()>)
}

/// `system_chainType` as Substrate's `ChainType` serializes: a bare name for the known
/// types, `{"Custom": name}` otherwise.
fn chain_type(name: &str) -> Value {
    match name {
        "Development" | "Local" | "Live" => name.into(),
        custom => json!({ "Custom": custom }),
    }
}

/// The nonce `account` should sign with next: its nonce at the best block, past the
/// nonces its pooled transactions use.
fn account_next_index(ctx: &Ctx, account: &AccountId) -> RpcResult {
    let best = ctx.client.info().best.hash;
    let unable = |detail: String| ErrorObject::owned(1, "Unable to query nonce.", Some(detail));
    let output = ctx
        .client
        .call(&best, "AccountNonceApi_account_nonce", &account.encode())
        .map_err(|e| unable(client_error(SYSTEM, &e).message().to_owned()))?;
    let chain_nonce = Nonce::decode(&mut &output[..]).map_err(|e| unable(e.to_string()))?;
    Ok(ctx.pool.next_nonce(account, chain_nonce).into())
}
