//! What every chain-following subscription shares: waiting for the next chain event or
//! the client's departure, whichever comes first, and sending notifications.
//!
//! Each subscription runs in its own task and reads the client's broadcast of chain
//! events. A subscriber too slow to keep up does not hold the chain back: the broadcast
//! drops its oldest events and the subscription re-synchronises from the current chain
//! (e.g. sends the current head) instead of ending.

use jsonrpsee::server::{PendingSubscriptionSink, SubscriptionSink};
use jsonrpsee::types::ErrorObjectOwned;
use serde::Serialize;
use tokio::sync::broadcast::{self, error::RecvError};

use crate::chain::ChainEvent;

/// What a subscription task does next.
pub(crate) enum Next {
    /// Handle this event.
    Event(ChainEvent),
    /// Events were missed: re-read the chain.
    Lagged,
    /// The client left or the chain stopped: end.
    Done,
}

/// Waits for the next chain event, or for the client to unsubscribe or disconnect.
pub(crate) async fn next_event(
    sink: &SubscriptionSink,
    events: &mut broadcast::Receiver<ChainEvent>,
) -> Next {
    tokio::select! {
        _ = sink.closed() => Next::Done,
        event = events.recv() => match event {
            Ok(event) => Next::Event(event),
            Err(RecvError::Lagged(missed)) => {
                tracing::debug!(target: "rpc", missed, method = sink.method_name(), "subscriber lagged; re-syncing");
                Next::Lagged
            }
            Err(RecvError::Closed) => Next::Done,
        },
    }
}

/// Sends `value` as one notification; false when the client is gone (the task ends).
pub(crate) async fn notify<T: Serialize>(sink: &SubscriptionSink, value: &T) -> bool {
    match serde_json::value::to_raw_value(value) {
        Ok(message) => sink.send(message).await.is_ok(),
        Err(error) => {
            tracing::warn!(target: "rpc", %error, "notification does not serialize");
            false
        }
    }
}

/// Accepts `pending` once `first` (the subscription's initial value, read before
/// accepting so that a failure is an error answer) succeeded, and sends it; `None` when
/// the subscription is over (rejected, or the client already left).
pub(crate) async fn accept_with<T: Serialize>(
    pending: PendingSubscriptionSink,
    first: Result<Option<T>, ErrorObjectOwned>,
) -> Option<SubscriptionSink> {
    let first = match first {
        Ok(first) => first,
        Err(error) => {
            pending.reject(error).await;
            return None;
        }
    };
    let sink = pending.accept().await.ok()?;
    if let Some(first) = first {
        if !notify(&sink, &first).await {
            return None;
        }
    }
    Some(sink)
}
