//! Who may talk to the server: browser origins and the `Host` header.
//!
//! A node on loopback trusts its callers (it serves unsafe methods there), so a web page
//! in the operator's browser must not become one of them:
//! - **Origin.** A request or WebSocket handshake that carries an `Origin` outside the
//!   allow-list is refused with HTTP 403 before any method runs. CORS headers alone, all
//!   Substrate sets, do not stop it: a browser sends a simple POST without asking first
//!   and only hides the answer, and a WebSocket has no CORS at all. Requests without an
//!   `Origin` (tools outside a browser) pass, and so do those whose `Origin` names the
//!   address they are sent to (same origin: websocket-client, under py-substrate-interface,
//!   sends `Origin: http://<host>:<port>` of the node itself).
//! - **Host.** While origins are restricted, a server listening on loopback only answers
//!   requests addressed to `localhost`, `127.0.0.1` or `[::1]` at its port, as
//!   Substrate's, so that a page whose own name resolves to 127.0.0.1 (DNS rebinding) is
//!   refused with 403 too.
//!
//! The allow-list is Substrate's: `--rpc-cors`, by default `localhost`, `127.0.0.1` (any
//! port, http and https) and `https://polkadot.js.org`; every origin under `--dev` or
//! `--rpc-cors all`, and then no `Host` check either.

use std::net::SocketAddr;
use std::sync::Arc;

use jsonrpsee::server::middleware::http::HostFilterLayer;
use jsonrpsee::server::{HttpBody, HttpResponse};
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use tower_http::validate_request::ValidateRequest;

use super::RpcError;

/// The browser origins the server answers: `None` allows every one.
#[derive(Debug, Clone)]
pub(crate) struct Origins(Option<Arc<[String]>>);

impl Origins {
    /// The policy for `origins` (`None`: all), each a header value: exact, `*`, or
    /// `scheme://host:*` for any port.
    pub(crate) fn new(origins: Option<&[String]>) -> Result<Self, RpcError> {
        if let Some(invalid) = origins
            .into_iter()
            .flatten()
            .find(|origin| header_invalid(origin))
        {
            return Err(RpcError::Cors(invalid.clone()));
        }
        let all = origins.is_none_or(|list| list.iter().any(|o| o == "*" || o == "all"));
        Ok(Origins((!all).then(|| origins.unwrap_or_default().into())))
    }

    /// Whether every origin is allowed.
    pub(crate) fn all(&self) -> bool {
        self.0.is_none()
    }

    /// Whether a request with this `Origin` header (if any) may be served.
    fn allows(&self, origin: Option<&[u8]>) -> bool {
        let (Some(list), Some(origin)) = (&self.0, origin) else {
            return true;
        };
        std::str::from_utf8(origin)
            .is_ok_and(|origin| list.iter().any(|pattern| origin_matches(pattern, origin)))
    }

    /// The CORS headers for the origins allowed.
    pub(crate) fn cors(&self) -> CorsLayer {
        if self.0.is_none() {
            return CorsLayer::permissive();
        }
        let policy = self.clone();
        CorsLayer::new()
            .allow_origin(AllowOrigin::predicate(move |origin, _| {
                policy.allows(Some(origin.as_bytes()))
            }))
            .allow_methods(Any)
            .allow_headers(Any)
    }
}

impl<B> ValidateRequest<B> for Origins {
    type ResponseBody = HttpBody;

    fn validate(&mut self, request: &mut http::Request<B>) -> Result<(), HttpResponse> {
        let headers = request.headers();
        let origin = headers.get(http::header::ORIGIN);
        let host = headers.get(http::header::HOST).map(|h| h.as_bytes());
        if self.allows(origin.map(|o| o.as_bytes()))
            || origin.is_some_and(|o| same_origin(o.as_bytes(), host))
        {
            return Ok(());
        }
        tracing::debug!(target: "rpc::access", ?origin, "refused a request from a foreign origin");
        let mut refused =
            HttpResponse::new(HttpBody::from("Origin of the request is not allowed.\n"));
        *refused.status_mut() = http::StatusCode::FORBIDDEN;
        Err(refused)
    }
}

/// The `Host` filter of a server bound to `addr` whose origins are `origins`: the
/// loopback names at its port when it listens on loopback and origins are restricted;
/// none otherwise (`--rpc-external`: any name may reach it).
pub(crate) fn host_filter(
    addr: SocketAddr,
    origins: &Origins,
) -> Result<Option<HostFilterLayer>, RpcError> {
    if !addr.ip().is_loopback() || origins.all() {
        return Ok(None);
    }
    let port = addr.port();
    HostFilterLayer::new([
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ])
    .map(Some)
    .map_err(|error| RpcError::Hosts(error.to_string()))
}

/// Whether `origin` (`scheme://host[:port]`) names `host`, the address the request was
/// sent to.
fn same_origin(origin: &[u8], host: Option<&[u8]>) -> bool {
    let Some(host) = host else {
        return false;
    };
    let authority = origin
        .strip_prefix(b"http://")
        .or_else(|| origin.strip_prefix(b"https://"));
    authority.is_some_and(|authority| !authority.is_empty() && authority == host)
}

fn header_invalid(origin: &str) -> bool {
    origin.is_empty() || !origin.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Whether browser `origin` matches `pattern` (exact, `*` for all, or `scheme://host:*`).
fn origin_matches(pattern: &str, origin: &str) -> bool {
    if pattern == "*" || pattern == "all" || pattern == origin {
        return true;
    }
    let Some(base) = pattern.strip_suffix(":*") else {
        return false;
    };
    match origin.strip_prefix(base) {
        Some("") => true,
        Some(rest) => rest
            .strip_prefix(':')
            .is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_patterns() {
        assert!(origin_matches(
            "http://localhost:*",
            "http://localhost:3000"
        ));
        assert!(origin_matches("http://localhost:*", "http://localhost"));
        assert!(!origin_matches(
            "http://localhost:*",
            "http://localhost.evil.com"
        ));
        assert!(!origin_matches(
            "http://localhost:*",
            "http://localhost:80x"
        ));
        assert!(origin_matches(
            "https://polkadot.js.org",
            "https://polkadot.js.org"
        ));
        assert!(!origin_matches(
            "https://polkadot.js.org",
            "https://polkadot.js.org.evil"
        ));
    }

    #[test]
    fn requests_without_an_origin_pass_and_foreign_ones_do_not() {
        let list = ["http://localhost:*".to_owned()];
        let origins = Origins::new(Some(&list)).unwrap();
        assert!(origins.allows(None));
        assert!(origins.allows(Some(b"http://localhost:9944")));
        assert!(!origins.allows(Some(b"http://evil.example")));
        assert!(!origins.allows(Some(b"http://localhost:9944\xff")));
        let all = Origins::new(Some(&["all".to_owned()])).unwrap();
        assert!(all.allows(Some(b"http://evil.example")));
        assert!(Origins::new(None)
            .unwrap()
            .allows(Some(b"http://evil.example")));
        assert!(Origins::new(Some(&["bad\norigin".to_owned()])).is_err());
    }

    #[test]
    fn an_origin_naming_the_node_itself_is_the_same_origin() {
        let host = Some(&b"10.0.0.5:9944"[..]);
        assert!(same_origin(b"http://10.0.0.5:9944", host));
        assert!(same_origin(b"https://10.0.0.5:9944", host));
        assert!(!same_origin(b"http://10.0.0.5:9945", host));
        assert!(!same_origin(b"http://evil.example", host));
        assert!(!same_origin(b"http://10.0.0.5:9944", None));
        assert!(!same_origin(b"http://", Some(&b""[..])));
    }
}
