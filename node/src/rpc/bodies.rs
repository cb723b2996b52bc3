//! A budget for the HTTP request bodies being read and answered at once, across every
//! connection. Each request may be as large as the request limit (15 MiB) and up to twice
//! the connection budget may be open, so without it a hundred clients sending 14 MiB each
//! made the node hold 2.1 GB at once. A request waits for its share before its body is
//! read, first come first served; while it waits it holds only its socket. WebSocket
//! messages are not counted here: a WebSocket reads one message at a time, within the
//! request limit, and WebSockets have their own share of the connection budget.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The bodies' budget when the request limit is smaller: 128 MiB, nine requests at the
/// 15 MiB limit, thousands of ordinary ones.
pub(super) const BODIES_IN_FLIGHT: u32 = 128 * 1024 * 1024;

/// The budget's unit: shares are counted in KiB, so that the largest budget fits a
/// semaphore's permits.
const UNIT: u32 = 1024;

/// The shares of the budget that requests hold while they are read and answered.
#[derive(Debug, Clone)]
pub(super) struct BodyBudget {
    units: Arc<Semaphore>,
    total: u32,
    max_request: u32,
}

impl BodyBudget {
    /// A budget of [`BODIES_IN_FLIGHT`], or of one request at `max_request_bytes` if that
    /// is larger, so that any request within the limit can be served.
    pub(super) fn new(max_request_bytes: u32) -> Self {
        let total = units(BODIES_IN_FLIGHT.max(max_request_bytes));
        Self {
            units: Arc::new(Semaphore::new(usize::try_from(total).unwrap_or(usize::MAX))),
            total,
            max_request: units(max_request_bytes),
        }
    }

    /// Waits until `request`'s body fits the budget and reserves it until the permit is
    /// dropped: its declared length, or the request limit when it declares none (chunked).
    /// A length beyond the limit reserves the limit: the server refuses the body anyway.
    /// `None` only if the budget were closed, which nothing does.
    pub(super) async fn reserve<B>(
        &self,
        request: &http::Request<B>,
    ) -> Option<OwnedSemaphorePermit> {
        let declared = request
            .headers()
            .get(http::header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok())
            .map(|bytes| units(u32::try_from(bytes).unwrap_or(u32::MAX)));
        let share = declared
            .unwrap_or(self.max_request)
            .clamp(1, self.max_request.max(1))
            .min(self.total);
        self.units.clone().acquire_many_owned(share).await.ok()
    }
}

/// Whole units covering `bytes`.
fn units(bytes: u32) -> u32 {
    bytes.div_ceil(UNIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(length: Option<&str>) -> http::Request<()> {
        let mut request = http::Request::post("/");
        if let Some(length) = length {
            request = request.header(http::header::CONTENT_LENGTH, length);
        }
        request.body(()).expect("request")
    }

    #[tokio::test]
    async fn requests_wait_for_their_share_and_return_it() {
        let budget = BodyBudget::new(15 * 1024 * 1024);
        let large = (15 * 1024 * 1024).to_string();
        let mut held = Vec::new();
        // 128 MiB holds eight requests at the limit (120 MiB) and then ordinary ones.
        for _ in 0..8 {
            held.push(budget.reserve(&post(Some(&large))).await.expect("open"));
        }
        let small = budget.reserve(&post(Some("100"))).await.expect("open");
        assert_eq!(small.num_permits(), 1);
        let ninth = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            budget.reserve(&post(Some(&large))),
        )
        .await;
        assert!(ninth.is_err(), "a ninth request at the limit must wait");
        held.pop();
        let ninth = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            budget.reserve(&post(Some(&large))),
        )
        .await;
        assert!(ninth.is_ok(), "one returned share lets it in");
    }

    #[tokio::test]
    async fn undeclared_or_oversized_lengths_reserve_the_request_limit() {
        let budget = BodyBudget::new(1024 * 1024);
        for length in [None, Some("not a number"), Some("99999999999999")] {
            let permit = budget.reserve(&post(length)).await.expect("open");
            assert_eq!(permit.num_permits(), 1024);
        }
    }

    #[tokio::test]
    async fn a_limit_above_the_budget_still_serves_one_request() {
        let limit = 2 * BODIES_IN_FLIGHT;
        let budget = BodyBudget::new(limit);
        let permit = budget
            .reserve(&post(Some(&limit.to_string())))
            .await
            .expect("open");
        assert_eq!(
            permit.num_permits(),
            usize::try_from(units(limit)).expect("fits")
        );
    }
}
