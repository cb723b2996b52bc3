//! Registering methods with what every one of them needs: the call counter of its group,
//! a trace line under its group's target, the unsafe-method policy, parameter parsing,
//! and running the work on tokio's blocking pool (client reads may execute the runtime).

use std::future::Future;
use std::sync::Arc;

use jsonrpsee::server::{PendingSubscriptionSink, RpcModule};
use jsonrpsee::types::ErrorObjectOwned;
use serde::Serialize;
use serde_json::Value;

use super::errors::{internal, unsafe_denied};
use super::params::Args;
use super::{Ctx, RpcError};

/// The answer of a method: any JSON value, or a JSON-RPC error.
pub(crate) type RpcResult = Result<Value, ErrorObjectOwned>;

/// A method family: counters and tracing targets are kept per family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// `system_*`, `rpc_methods`, `chainSpec_*` (tracing target `rpc::system`).
    System,
    /// `chain_*` (tracing target `rpc::chain`).
    Chain,
    /// `state_*` (tracing target `rpc::state`).
    State,
    /// `author_*` (tracing target `rpc::author`).
    Author,
    /// `grandpa_*` (tracing target `rpc::grandpa`).
    Grandpa,
    /// Subtensor's `delegateInfo_*`, `neuronInfo_*`, `subnetInfo_*`, `stakeInfo_*` and
    /// `swap_*` (tracing target `rpc::subtensor`).
    Subtensor,
}

/// Whether a method may be served to anyone or only when unsafe methods are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Safety {
    /// Reads public data or submits transactions.
    Safe,
    /// Manages keys or exposes node internals.
    Unsafe,
}

/// Traces a call under its group's target (targets must be constants).
fn trace_call(group: Group, method: &'static str) {
    match group {
        Group::System => tracing::trace!(target: "rpc::system", method, "call"),
        Group::Chain => tracing::trace!(target: "rpc::chain", method, "call"),
        Group::State => tracing::trace!(target: "rpc::state", method, "call"),
        Group::Author => tracing::trace!(target: "rpc::author", method, "call"),
        Group::Grandpa => tracing::trace!(target: "rpc::grandpa", method, "call"),
        Group::Subtensor => tracing::trace!(target: "rpc::subtensor", method, "call"),
    }
}

/// Traces a failed call under its group's target.
fn trace_error(group: Group, method: &'static str, error: &ErrorObjectOwned) {
    let code = error.code();
    let message = error.message();
    match group {
        Group::System => tracing::debug!(target: "rpc::system", method, code, message, "error"),
        Group::Chain => tracing::debug!(target: "rpc::chain", method, code, message, "error"),
        Group::State => tracing::debug!(target: "rpc::state", method, code, message, "error"),
        Group::Author => tracing::debug!(target: "rpc::author", method, code, message, "error"),
        Group::Grandpa => {
            tracing::debug!(target: "rpc::grandpa", method, code, message, "error")
        }
        Group::Subtensor => {
            tracing::debug!(target: "rpc::subtensor", method, code, message, "error")
        }
    }
}

/// Serializes a method's result.
pub(crate) fn json<T: Serialize>(value: &T) -> RpcResult {
    serde_json::to_value(value).map_err(|e| internal(format!("serializing the answer: {e}")))
}

/// Runs `f` on tokio's blocking pool: client reads may execute the runtime.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ErrorObjectOwned> + Send + 'static,
) -> Result<T, ErrorObjectOwned> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| internal(format!("the call failed: {e}")))?
}

/// Adds the methods of one group to a module.
pub(crate) struct Registrar<'a> {
    module: &'a mut RpcModule<()>,
    ctx: Arc<Ctx>,
    group: Group,
}

impl<'a> Registrar<'a> {
    /// Registers into `module` for `group`, with `ctx` passed to every handler.
    pub fn new(module: &'a mut RpcModule<()>, ctx: &Arc<Ctx>, group: Group) -> Self {
        Registrar {
            module,
            ctx: ctx.clone(),
            group,
        }
    }

    /// Registers `name`, whose parameters are `params` (names, in order), answered by `f`
    /// on the blocking pool.
    pub fn method<F>(
        &mut self,
        name: &'static str,
        params: &'static [&'static str],
        safety: Safety,
        f: F,
    ) -> Result<(), RpcError>
    where
        F: Fn(&Ctx, &Args) -> RpcResult + Clone + Send + Sync + 'static,
    {
        self.typed_method(name, params, safety, f)
    }

    /// As [`Self::method`], for an answer of type `T` that the server serializes straight
    /// into the response: large answers (subtensor's metagraphs as byte arrays) skip the
    /// intermediate [`Value`], which takes many times their size.
    pub fn typed_method<T, F>(
        &mut self,
        name: &'static str,
        params: &'static [&'static str],
        safety: Safety,
        f: F,
    ) -> Result<(), RpcError>
    where
        T: Serialize + Clone + Send + 'static,
        F: Fn(&Ctx, &Args) -> Result<T, ErrorObjectOwned> + Clone + Send + Sync + 'static,
    {
        let ctx = self.ctx.clone();
        let group = self.group;
        self.module
            .register_async_method(name, move |raw, _, _| {
                let ctx = ctx.clone();
                let f = f.clone();
                async move {
                    ctx.counters.count(group);
                    trace_call(group, name);
                    let result = async {
                        if safety == Safety::Unsafe && ctx.deny_unsafe {
                            return Err(unsafe_denied());
                        }
                        let args = Args::parse(&raw, params)?;
                        let ctx = ctx.clone();
                        blocking(move || f(&ctx, &args)).await
                    }
                    .await;
                    if let Err(error) = &result {
                        trace_error(group, name, error);
                    }
                    result
                }
            })
            .map(|_| ())
            .map_err(RpcError::from)
    }

    /// Registers subscription `name` (notifications `notification`, unsubscribed by
    /// `unsubscribe`). `f` gets the parsed parameters and the pending sink: it accepts
    /// (or rejects) the subscription, then sends until the client leaves.
    pub fn subscription<F, Fut>(
        &mut self,
        names: [&'static str; 3],
        params: &'static [&'static str],
        safety: Safety,
        f: F,
    ) -> Result<(), RpcError>
    where
        F: Fn(Arc<Ctx>, Args, PendingSubscriptionSink) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let [name, notification, unsubscribe] = names;
        let ctx = self.ctx.clone();
        let group = self.group;
        self.module
            .register_subscription(
                name,
                notification,
                unsubscribe,
                move |raw, pending, _, _| {
                    let ctx = ctx.clone();
                    let f = f.clone();
                    async move {
                        ctx.counters.count(group);
                        trace_call(group, name);
                        if safety == Safety::Unsafe && ctx.deny_unsafe {
                            pending.reject(unsafe_denied()).await;
                            return;
                        }
                        match Args::parse(&raw, params) {
                            Ok(args) => f(ctx, args, pending).await,
                            Err(error) => {
                                trace_error(group, name, &error);
                                pending.reject(error).await;
                            }
                        }
                    }
                },
            )
            .map(|_| ())
            .map_err(RpcError::from)
    }

    /// Registers `alias` as another name of the already registered `existing`.
    pub fn alias(&mut self, alias: &'static str, existing: &'static str) -> Result<(), RpcError> {
        self.module
            .register_alias(alias, existing)
            .map_err(RpcError::from)
    }
}
