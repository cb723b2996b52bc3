//! What the benches that drive a `taonet` process over JSON-RPC share: reading where its
//! server listens from its log.

use std::io::{BufRead, BufReader, Lines};
use std::process::{Child, ChildStderr};

/// Reads `node`'s log (its piped standard error) up to the line naming the JSON-RPC
/// server's address; returns that address and the rest of the log, which the caller must
/// keep draining (or the node blocks on a full pipe).
pub fn rpc_address(node: &mut Child) -> (String, Lines<BufReader<ChildStderr>>) {
    let stderr = node.stderr.take().expect("the node's stderr is piped");
    let mut lines = BufReader::new(stderr).lines();
    loop {
        let line = lines
            .next()
            .expect("the node logs its RPC address")
            .expect("log");
        if let Some(addr) = line.split("Running JSON-RPC server addr=").nth(1) {
            let addr = addr.split_whitespace().next().unwrap_or_default();
            return (addr.to_owned(), lines);
        }
    }
}
