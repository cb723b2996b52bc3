//! The server's connections, accepted here rather than inside jsonrpsee so that two limits
//! hold that Substrate's server lacks:
//!
//! - A connection from which nothing was read for the idle timeout, and that has no
//!   request being answered, is closed. WebSocket clients are pinged well within the
//!   timeout, so a live client answers (or calls) and stays, however rarely its
//!   subscriptions fire; a socket merely held open is dropped.
//! - WebSocket connections may take all of the connection budget but its HTTP share
//!   ([`http_share`]): an HTTP request takes a slot only while it is answered, so idle
//!   WebSockets can no longer lock every HTTP client out with 429.
//! - TCP connections are capped at twice the budget ([`tcp_limit`]), keep-alive ones
//!   included; past it the server stops accepting until one closes.
//!
//! jsonrpsee also counts WebSockets and HTTP requests being answered against the whole
//! budget, and closes a connection that sends no request within 30 s of connecting.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use parking_lot::Mutex;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// The part of `max_connections` kept for HTTP requests: a fifth, none below 5.
pub(super) fn http_share(max_connections: u32) -> u32 {
    max_connections / 5
}

/// Most TCP connections open at once: twice the budget, room for keep-alive HTTP
/// connections between their requests.
pub(super) fn tcp_limit(max_connections: u32) -> usize {
    usize::try_from(max_connections)
        .unwrap_or(usize::MAX)
        .saturating_mul(2)
        .max(1)
}

/// Requests of one connection being answered: the connection is not idle meanwhile.
#[derive(Debug, Default, Clone)]
pub(super) struct Busy(Arc<AtomicUsize>);

impl Busy {
    /// Counts a request until the returned guard is dropped.
    pub(super) fn start(&self) -> BusyGuard {
        self.0.fetch_add(1, Ordering::Relaxed);
        BusyGuard(self.0.clone())
    }

    fn any(&self) -> bool {
        self.0.load(Ordering::Relaxed) > 0
    }
}

/// One request being answered ([`Busy::start`]).
pub(super) struct BusyGuard(Arc<AtomicUsize>);

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Where a connection keeps its WebSocket slot, once its handshake took one: held for
/// as long as the socket lives (it moves into the upgraded connection).
pub(super) type WsSlot = Arc<Mutex<Option<OwnedSemaphorePermit>>>;

/// Takes a WebSocket slot for the connection owning `slot`: `Some(true)` if it took one
/// now, `Some(false)` if it held one already, `None` if none is left.
pub(super) fn take_ws_slot(slots: &Arc<Semaphore>, slot: &WsSlot) -> Option<bool> {
    let mut held = slot.lock();
    if held.is_some() {
        return Some(false);
    }
    let permit = slots.clone().try_acquire_owned().ok()?;
    *held = Some(permit);
    Some(true)
}

/// What a connection holds besides its socket, released when it closes.
pub(super) struct Holds {
    /// Its place among the TCP connections, held until it closes.
    pub _tcp: OwnedSemaphorePermit,
    /// Its WebSocket slot, once upgraded.
    pub ws: WsSlot,
    /// Its requests being answered.
    pub busy: Busy,
    /// Counts its closing.
    pub closed: Arc<AtomicU64>,
}

/// A client's TCP stream that fails with `TimedOut` once nothing was read from it for its
/// timeout while no request of it was being answered, which closes the connection.
pub(super) struct IdleStream {
    io: TcpStream,
    timeout: Option<Duration>,
    last: Instant,
    timer: Pin<Box<Sleep>>,
    holds: Holds,
}

impl IdleStream {
    /// Wraps `io`; `None` never times out.
    pub(super) fn new(io: TcpStream, timeout: Option<Duration>, holds: Holds) -> IdleStream {
        let last = Instant::now();
        let first = last + timeout.unwrap_or(Duration::ZERO);
        IdleStream {
            io,
            timeout,
            last,
            timer: Box::pin(tokio::time::sleep_until(first)),
            holds,
        }
    }

    /// Ready with an error once the connection has been idle for its timeout; otherwise
    /// pending, with the timer set to wake the reader then.
    fn poll_idle(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let Some(timeout) = self.timeout else {
            return Poll::Pending;
        };
        loop {
            if self.holds.busy.any() {
                self.last = Instant::now();
            }
            let deadline = self.last + timeout;
            if self.timer.deadline() != deadline {
                self.timer.as_mut().reset(deadline);
            }
            match self.timer.as_mut().poll(cx) {
                Poll::Ready(()) if self.last.elapsed() >= timeout => {
                    tracing::debug!(target: "rpc::connections", "idle connection closed");
                    return Poll::Ready(io::Error::new(io::ErrorKind::TimedOut, "idle"));
                }
                Poll::Ready(()) => continue,
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl Drop for IdleStream {
    fn drop(&mut self) {
        self.holds.closed.fetch_add(1, Ordering::Relaxed);
    }
}

impl AsyncRead for IdleStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.io).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    this.last = Instant::now();
                }
                Poll::Ready(result)
            }
            Poll::Pending => this.poll_idle(cx).map(Err),
        }
    }
}

impl AsyncWrite for IdleStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn pair(timeout: Option<Duration>) -> (IdleStream, TcpStream, Busy, Arc<AtomicU64>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let client = TcpStream::connect(listener.local_addr().expect("addr"))
            .await
            .expect("connect");
        let (server, _) = listener.accept().await.expect("accept");
        let holds = Holds {
            _tcp: Arc::new(Semaphore::new(1))
                .try_acquire_owned()
                .expect("a permit"),
            ws: WsSlot::default(),
            busy: Busy::default(),
            closed: Arc::new(AtomicU64::new(0)),
        };
        let (busy, closed) = (holds.busy.clone(), holds.closed.clone());
        (
            IdleStream::new(server, timeout, holds),
            client,
            busy,
            closed,
        )
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_that_speaks_or_waits_for_an_answer_stays_and_silence_ends_it() {
        let (mut server, mut client, busy, closed) = pair(Some(Duration::from_secs(10))).await;
        let mut byte = [0u8; 1];
        for _ in 0..3 {
            // The client speaks every 8 s: never idle for 10 s.
            tokio::time::advance(Duration::from_secs(8)).await;
            client.write_all(b"x").await.expect("client writes");
            server.read_exact(&mut byte).await.expect("server reads");
        }
        // A request being answered for 30 s keeps the connection too.
        let answering = busy.start();
        let read = tokio::time::timeout(Duration::from_secs(30), server.read(&mut byte)).await;
        assert!(read.is_err(), "closed while a request was answered");
        drop(answering);
        // Writing to the client is not the client speaking.
        server.write_all(b"y").await.expect("server writes");
        let started = Instant::now();
        let error = server.read(&mut byte).await.expect_err("idle");
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), Duration::from_secs(10));
        drop(server);
        assert_eq!(closed.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn websockets_leave_http_its_share() {
        assert_eq!(http_share(100), 20);
        assert_eq!(http_share(4), 0);
        assert_eq!(tcp_limit(100), 200);
        let slots = Arc::new(Semaphore::new(2));
        let mut held: Vec<WsSlot> = (0..3).map(|_| WsSlot::default()).collect();
        assert_eq!(take_ws_slot(&slots, &held[0]), Some(true));
        assert_eq!(
            take_ws_slot(&slots, &held[0]),
            Some(false),
            "a connection holds one slot"
        );
        assert_eq!(take_ws_slot(&slots, &held[1]), Some(true));
        assert_eq!(take_ws_slot(&slots, &held[2]), None);
        held.remove(0);
        assert_eq!(
            take_ws_slot(&slots, &WsSlot::default()),
            Some(true),
            "a closed connection's slot is free again"
        );
    }
}
