//! The connection budget under idle sockets, on a real `taonet --dev` process with the
//! default `--rpc-max-connections` of 100: a hundred WebSockets opened and then left
//! silent get at most all but a fifth of it, so HTTP clients are still served while they
//! are held, and they are closed after `--rpc-idle-timeout` (they answer none of the
//! node's pings), freeing their slots. Before, these 100 sockets refused every client
//! with 429 for as long as they stayed open.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::AsyncReadExt;

use super::{open_websocket, raw_post};
use crate::support::Node;

/// `--rpc-idle-timeout`: long enough that no socket idles out while the hundred are
/// opened on a loaded machine.
const IDLE: Duration = Duration::from_secs(15);

#[tokio::test(flavor = "multi_thread")]
async fn idle_websockets_leave_http_its_share_and_are_closed_when_idle() {
    let idle = IDLE.as_secs().to_string();
    let node = Node::start(&["--dev", "--rpc-idle-timeout", &idle]);
    let addr: SocketAddr = node
        .rpc
        .trim_start_matches("http://")
        .parse()
        .expect("address");

    // Of a hundred WebSockets, eighty get a slot and the other twenty are refused.
    let (mut held, mut refused) = (Vec::new(), 0);
    let first = Instant::now();
    for i in 0..100 {
        let opened = Instant::now();
        let (stream, status) = open_websocket(addr).await;
        if status.contains(" 101 ") {
            held.push((stream, opened));
        } else {
            assert!(status.contains(" 429 "), "WebSocket {i}: {status}");
            refused += 1;
        }
    }
    assert!(
        first.elapsed() < IDLE,
        "opening took {:?}, longer than the idle timeout",
        first.elapsed()
    );
    assert_eq!((held.len(), refused), (80, 20));

    // HTTP still gets its twenty.
    let health = br#"{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}"#;
    let (status, _) = raw_post(addr, health).await;
    assert!(
        status.contains(" 200 "),
        "HTTP while WebSockets are held: {status}"
    );

    // Silent for the idle timeout (they answer no ping), each socket is closed by the node.
    for (stream, opened) in &mut held {
        let closed = async {
            let mut buf = [0u8; 64];
            while let Ok(1..) = stream.read(&mut buf).await {}
        };
        tokio::time::timeout(Duration::from_secs(30), closed)
            .await
            .expect("an idle WebSocket stayed open");
        let open = opened.elapsed();
        assert!(
            open >= IDLE - Duration::from_secs(1),
            "closed before the timeout: {open:?}"
        );
    }

    // Their slots are free again (the node drops a slot just after the socket).
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (_, status) = open_websocket(addr).await;
        if status.contains(" 101 ") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "after the idle ones closed: {status}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
