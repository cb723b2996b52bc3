//! Messages without a usable `id` get an answer.
//!
//! jsonrpsee reads a request whose `id` is not a number or string (an object, `1e999`) as
//! a JSON-RPC notification, which it never answers: over HTTP the client got `200` with
//! the body `null`, over WebSocket nothing at all. This node serves no notification, so
//! every message read as one is answered with `-32600 Invalid request` and `id: null`,
//! alone or within a batch: a client with a malformed id learns why, instead of waiting.

use std::future::Future;

use jsonrpsee::server::middleware::rpc::{
    Batch, BatchEntry, BatchEntryErr, MethodResponse, Notification, Request, RpcServiceT,
};
use jsonrpsee::types::{ErrorCode, ErrorObject, Id};

/// The RPC middleware answering notifications (see the module).
#[derive(Clone)]
pub(crate) struct AnswerNotifications<S>(pub S);

fn invalid_request() -> ErrorObject<'static> {
    ErrorObject::from(ErrorCode::InvalidRequest)
}

impl<S> RpcServiceT for AnswerNotifications<S>
where
    S: RpcServiceT<
            MethodResponse = MethodResponse,
            NotificationResponse = MethodResponse,
            BatchResponse = MethodResponse,
        > + Send
        + Sync,
{
    type MethodResponse = MethodResponse;
    type NotificationResponse = MethodResponse;
    type BatchResponse = MethodResponse;

    fn call<'a>(&self, request: Request<'a>) -> impl Future<Output = MethodResponse> + Send + 'a {
        self.0.call(request)
    }

    fn batch<'a>(&self, mut batch: Batch<'a>) -> impl Future<Output = MethodResponse> + Send + 'a {
        for entry in batch.iter_mut() {
            if matches!(entry, Ok(BatchEntry::Notification(_))) {
                *entry = Err(BatchEntryErr::new(Id::Null, invalid_request()));
            }
        }
        self.0.batch(batch)
    }

    fn notification<'a>(
        &self,
        _: Notification<'a>,
    ) -> impl Future<Output = MethodResponse> + Send + 'a {
        std::future::ready(MethodResponse::error(Id::Null, invalid_request()))
    }
}
