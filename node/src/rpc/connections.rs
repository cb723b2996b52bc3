//! The server's connections, accepted here rather than inside jsonrpsee so that two limits
//! hold that Substrate's server lacks:
//!
//! - A connection with no traffic either way for the idle timeout is closed. A client
//!   that subscribed is sent notifications, so it is not idle while its subscriptions
//!   fire; one that only holds a socket open is dropped.
//! - WebSocket connections may take all of the connection budget but its HTTP share
//!   ([`http_share`]): an HTTP request takes a slot only while it is answered, so idle
//!   WebSockets can no longer lock every HTTP client out with 429.
//!
//! jsonrpsee still counts every connection against the whole budget and closes one that
//! sends no request within 30 s of connecting.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
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

/// Where a connection keeps its WebSocket slot, once its handshake took one: held for
/// as long as the socket lives (it moves into the upgraded connection).
pub(super) type WsSlot = Arc<Mutex<Option<OwnedSemaphorePermit>>>;

/// Takes a WebSocket slot for the connection owning `slot`; false if none is left.
pub(super) fn take_ws_slot(slots: &Arc<Semaphore>, slot: &WsSlot) -> bool {
    let mut held = slot.lock();
    if held.is_some() {
        return true;
    }
    match slots.clone().try_acquire_owned() {
        Ok(permit) => {
            *held = Some(permit);
            true
        }
        Err(_) => false,
    }
}

/// A client's TCP stream that fails with `TimedOut` once nothing was read or written for
/// its timeout, which closes the connection; it counts its closing in `closed`.
pub(super) struct IdleStream {
    io: TcpStream,
    timeout: Option<Duration>,
    last: Instant,
    timer: Pin<Box<Sleep>>,
    _slot: WsSlot,
    closed: Arc<AtomicU64>,
}

impl IdleStream {
    /// Wraps `io`; `None` never times out.
    pub(super) fn new(
        io: TcpStream,
        timeout: Option<Duration>,
        slot: WsSlot,
        closed: Arc<AtomicU64>,
    ) -> IdleStream {
        let last = Instant::now();
        let first = last + timeout.unwrap_or(Duration::ZERO);
        IdleStream {
            io,
            timeout,
            last,
            timer: Box::pin(tokio::time::sleep_until(first)),
            _slot: slot,
            closed,
        }
    }

    /// Ready with an error once the connection has been idle for its timeout; otherwise
    /// pending, with the timer set to wake the reader then.
    fn poll_idle(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let Some(timeout) = self.timeout else {
            return Poll::Pending;
        };
        loop {
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
        self.closed.fetch_add(1, Ordering::Relaxed);
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
        let this = self.get_mut();
        let written = Pin::new(&mut this.io).poll_write(cx, buf);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            this.last = Instant::now();
        }
        written
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
        let this = self.get_mut();
        let written = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            this.last = Instant::now();
        }
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn pair(timeout: Option<Duration>) -> (IdleStream, TcpStream, Arc<AtomicU64>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let client = TcpStream::connect(listener.local_addr().expect("addr"))
            .await
            .expect("connect");
        let (server, _) = listener.accept().await.expect("accept");
        let closed = Arc::new(AtomicU64::new(0));
        let slot = Arc::new(Mutex::new(None));
        (
            IdleStream::new(server, timeout, slot, closed.clone()),
            client,
            closed,
        )
    }

    #[tokio::test(start_paused = true)]
    async fn traffic_either_way_keeps_a_connection_and_silence_ends_it() {
        let (mut server, mut client, closed) = pair(Some(Duration::from_secs(10))).await;
        let mut byte = [0u8; 1];
        for _ in 0..3 {
            // The client speaks after 8 s, then the server after 8 s more: never idle 10 s.
            tokio::time::advance(Duration::from_secs(8)).await;
            client.write_all(b"x").await.expect("client writes");
            server.read_exact(&mut byte).await.expect("server reads");
            tokio::time::advance(Duration::from_secs(8)).await;
            server.write_all(b"y").await.expect("server writes");
            client.read_exact(&mut byte).await.expect("client reads");
        }
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
        let slots = Arc::new(Semaphore::new(2));
        let mut held: Vec<WsSlot> = (0..3).map(|_| Arc::new(Mutex::new(None))).collect();
        assert!(take_ws_slot(&slots, &held[0]));
        assert!(
            take_ws_slot(&slots, &held[0]),
            "a connection holds one slot"
        );
        assert!(take_ws_slot(&slots, &held[1]));
        assert!(!take_ws_slot(&slots, &held[2]));
        held.remove(0);
        let late = Arc::new(Mutex::new(None));
        assert!(
            take_ws_slot(&slots, &late),
            "a closed connection's slot is free again"
        );
    }
}
