//! A budget for the large HTTP request bodies held at once, across every connection. Each
//! request may be as large as the request limit (15 MiB) and up to twice the connection
//! budget may be open, so without it a hundred clients sending 14 MiB each made the node
//! hold 2.2 GiB at once (2 258 MiB resident; the issue saw 2.1 GB).
//!
//! A body above [`SMALL_BODY`], or of unknown length (chunked), waits for its share of
//! the budget before it is read, first come first served, for at most [`WAIT`]; it is
//! then read in full within [`READ_DEADLINE`], and the share is held until its answer is
//! ready. A request that gets no share is answered 429, one whose body is too large 413,
//! one whose body does not arrive in time 400. So a few clients that send headers and
//! then stall hold shares for a bounded time, and only ever delay other large requests:
//! ordinary calls are below [`SMALL_BODY`] and never wait (200 connections' worth of them
//! is 50 MiB). WebSocket messages are not counted here: a WebSocket reads one message at
//! a time, within the request limit, and WebSockets have their own share of the
//! connection budget.
//!
//! The budget is a layer of the HTTP middleware, inside the Host and Origin checks: a
//! request those refuse gets its 403 before a byte of its body is read.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http_body_util::{BodyExt as _, Full, Limited};
use jsonrpsee::server::http::response;
use jsonrpsee::server::{HttpBody, HttpResponse};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Bodies up to this size are read without a share: what every ordinary call sends.
const SMALL_BODY: u64 = 256 * 1024;

/// The budget when the request limit is smaller: 128 MiB, eight requests at the 15 MiB
/// limit at once.
const BODIES_IN_FLIGHT: u32 = 128 * 1024 * 1024;

/// How long a large request waits for its share before it is refused.
const WAIT: Duration = Duration::from_secs(30);

/// How long a large body may take to arrive once it has its share: 15 MiB at 0.5 MB/s.
const READ_DEADLINE: Duration = Duration::from_secs(30);

/// The bytes of the budget that large requests hold while they are read and answered.
#[derive(Debug, Clone)]
pub(super) struct BodyBudget {
    bytes: Arc<Semaphore>,
    max_request: u32,
}

/// [`BodyBudget`] as a middleware in front of `inner`: what the server's HTTP stack runs.
#[derive(Debug, Clone)]
pub(super) struct Budgeted<S> {
    budget: BodyBudget,
    inner: S,
}

impl<S> tower::Layer<S> for BodyBudget {
    type Service = Budgeted<S>;

    fn layer(&self, inner: S) -> Budgeted<S> {
        Budgeted {
            budget: self.clone(),
            inner,
        }
    }
}

impl<S> tower::Service<http::Request<HttpBody>> for Budgeted<S>
where
    S: tower::Service<http::Request<HttpBody>, Response = HttpResponse> + Clone + Send + 'static,
    S::Future: Send,
{
    type Response = HttpResponse;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<HttpBody>) -> Self::Future {
        // The clone is not polled ready: the one that was goes with this request.
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        // A WebSocket handshake has no body, and its messages are bounded one at a time.
        if jsonrpsee::server::ws::is_upgrade_request(&request) {
            return Box::pin(inner.call(request));
        }
        let budget = self.budget.clone();
        Box::pin(async move {
            match budget.admit(request).await {
                Admission::Go(request, share) => {
                    let answer = inner.call(request).await;
                    drop(share);
                    answer
                }
                Admission::Refused(answer) => Ok(answer),
            }
        })
    }
}

/// A request let through, with the share it holds (none for a small one), or the answer
/// that refuses it.
enum Admission {
    /// Go on: the request, its large body already read, and its share of the budget.
    Go(http::Request<HttpBody>, Option<OwnedSemaphorePermit>),
    /// Refused with this answer.
    Refused(HttpResponse),
}

impl BodyBudget {
    /// A budget of 128 MiB, or of one request at `max_request_bytes` if that is larger,
    /// so that any request within the limit can be served.
    pub(super) fn new(max_request_bytes: u32) -> Self {
        let total = BODIES_IN_FLIGHT.max(max_request_bytes);
        Self {
            bytes: Arc::new(Semaphore::new(
                usize::try_from(total).unwrap_or(Semaphore::MAX_PERMITS),
            )),
            max_request: max_request_bytes,
        }
    }

    /// Lets `request` through: a small or empty body as it comes, a large one once it has
    /// its share (its declared length, or the limit when it declares none) and has been
    /// read in full.
    async fn admit<B>(&self, request: http::Request<B>) -> Admission
    where
        B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let declared = request
            .headers()
            .get(http::header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if request.body().is_end_stream() || declared.is_some_and(|bytes| bytes <= SMALL_BODY) {
            return Admission::Go(request.map(HttpBody::new), None);
        }
        let share = declared
            .map_or(self.max_request, |bytes| {
                u32::try_from(bytes)
                    .unwrap_or(u32::MAX)
                    .min(self.max_request)
            })
            .max(1);
        let Ok(Ok(permit)) =
            tokio::time::timeout(WAIT, self.bytes.clone().acquire_many_owned(share)).await
        else {
            tracing::debug!(target: "rpc::connections", share, "no share of the body budget: 429");
            return Admission::Refused(response::too_many_requests());
        };
        let (parts, body) = request.into_parts();
        let limit = usize::try_from(self.max_request).unwrap_or(usize::MAX);
        let read = tokio::time::timeout(READ_DEADLINE, Limited::new(body, limit).collect()).await;
        match read {
            Ok(Ok(collected)) => {
                let body = HttpBody::new(Full::new(collected.to_bytes()));
                Admission::Go(http::Request::from_parts(parts, body), Some(permit))
            }
            Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
                Admission::Refused(response::too_large(self.max_request))
            }
            Ok(Err(_)) | Err(_) => {
                tracing::debug!(target: "rpc::connections", "request body broken or late: 400");
                Admission::Refused(response::malformed())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: u32 = 15 * 1024 * 1024;

    /// A POST whose body is `body`, declaring `length` if given.
    fn post(length: Option<&str>, body: Vec<u8>) -> http::Request<Full<bytes::Bytes>> {
        let mut request = http::Request::post("/");
        if let Some(length) = length {
            request = request.header(http::header::CONTENT_LENGTH, length);
        }
        request.body(Full::new(body.into())).expect("request")
    }

    fn held(admission: &Admission) -> Option<usize> {
        match admission {
            Admission::Go(_, permit) => Some(permit.as_ref().map_or(0, |p| p.num_permits())),
            Admission::Refused(_) => None,
        }
    }

    #[tokio::test]
    async fn small_bodies_hold_no_share_and_large_ones_their_length() {
        let budget = BodyBudget::new(LIMIT);
        let small = budget.admit(post(Some("100"), vec![b' '; 100])).await;
        assert_eq!(held(&small), Some(0));
        let large = budget
            .admit(post(Some("1000000"), vec![b' '; 1_000_000]))
            .await;
        assert_eq!(held(&large), Some(1_000_000));
        // No length declared: the limit is reserved, the body read all the same.
        let unknown = budget.admit(post(None, vec![b' '; 300_000])).await;
        assert_eq!(held(&unknown), Some(usize::try_from(LIMIT).expect("fits")));
    }

    #[tokio::test]
    async fn a_large_request_waits_for_a_share_to_be_returned() {
        let budget = BodyBudget::new(LIMIT);
        let full = usize::try_from(LIMIT).expect("fits");
        let at_limit = || post(Some(&LIMIT.to_string()), vec![b' '; full]);
        let mut holding = Vec::new();
        for _ in 0..8 {
            holding.push(budget.admit(at_limit()).await);
        }
        let ninth =
            tokio::time::timeout(Duration::from_millis(100), budget.admit(at_limit())).await;
        assert!(ninth.is_err(), "a ninth request at the limit must wait");
        let small = budget.admit(post(Some("10"), vec![b' '; 10])).await;
        assert_eq!(held(&small), Some(0), "a small one never waits");
        holding.pop();
        let ninth =
            tokio::time::timeout(Duration::from_millis(100), budget.admit(at_limit())).await;
        assert!(ninth.is_ok(), "one returned share lets it in");
    }

    #[tokio::test]
    async fn a_body_beyond_the_limit_is_refused() {
        let budget = BodyBudget::new(1024 * 1024);
        let admission = budget.admit(post(None, vec![b' '; 2 * 1024 * 1024])).await;
        let Admission::Refused(answer) = admission else {
            panic!("let through");
        };
        assert_eq!(answer.status(), http::StatusCode::PAYLOAD_TOO_LARGE);
    }
}
