//! Scraping a node's Prometheus endpoint, as an operator's Prometheus does.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use super::{fast_spec, Node};

/// Alice's development node on 1 s slots, its chain spec in `dir`, serving its metrics on
/// a free port; with that port.
pub fn dev_node_with_metrics(dir: &Path) -> (Node, String) {
    let spec = fast_spec(dir, "dev", 1000);
    let port = free_port();
    let node = Node::start(&[
        "--chain",
        spec.to_str().expect("path"),
        "--alice",
        "--tmp",
        "--prometheus-port",
        &port,
    ]);
    (node, port)
}

/// A free TCP port on 127.0.0.1, for `--prometheus-port`.
pub fn free_port() -> String {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
        .to_string()
}

/// The metrics the endpoint on `port` serves now (empty if it cannot be reached).
pub fn scrape(port: &str) -> String {
    raw_get(&format!("127.0.0.1:{port}"), "/metrics")
}

/// The value of the line of series `name` in `metrics` that carries every label of
/// `labels` (Substrate's series, labelled with the chain as Substrate labels them).
pub fn series_value(metrics: &str, name: &str, labels: &[&str]) -> Option<String> {
    metrics.lines().find_map(|line| {
        let (series, value) = line.split_once(' ')?;
        let rest = series.strip_prefix(name)?.strip_prefix('{')?;
        labels
            .iter()
            .all(|label| rest.contains(label))
            .then(|| value.trim().to_owned())
    })
}

/// Waits (up to 10 s) until series `name` with `labels`, scraped from the Prometheus
/// endpoint on `port`, is at least `least`; returns the scrape.
pub async fn at_least(port: &str, name: &str, labels: &[&str], least: f64) -> String {
    let mut metrics = String::new();
    for _ in 0..50 {
        metrics = scrape(port);
        let found = series_value(&metrics, name, labels).and_then(|v| v.parse::<f64>().ok());
        if found.is_some_and(|found| found >= least) {
            return metrics;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{name} {labels:?} not at {least}:\n{metrics}");
}

/// An HTTP GET of `path` on `addr`; the whole response.
fn raw_get(addr: &str, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let mut response = String::new();
    if stream.write_all(request.as_bytes()).is_ok() {
        let _ = stream.read_to_string(&mut response);
    }
    response
}
