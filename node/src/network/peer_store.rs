//! Peers worth dialing again: those this node completed the status handshake with, and
//! the addresses they proved to listen on. Kept in `<base>/chains/<id>/network/peers.json`
//! so that a node restarted after a crash dials its old peers at once, instead of waiting
//! for boot nodes and the DHT's next bootstrap; and redialed with a short first retry when
//! a connection drops, so that a partition heals within seconds of the peer's return.
//!
//! Nothing here is trusted beyond dialing: the file is read bounded and entry by entry, a
//! peer's address is recorded only if it is the one we dialed or shares the IP the peer
//! connected from (a peer cannot make us dial third parties), the store holds at most
//! [`MAX_PEERS`] peers of [`MAX_ADDRS`] addresses and [`MAX_PER_IP`] peers per IP (one
//! host cycling identities cannot push everyone else out), and dials back off per peer.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use libp2p::multiaddr::Protocol;
use libp2p::{Multiaddr, PeerId};
use serde::{Deserialize, Serialize};

/// Most peers remembered; the one seen longest ago makes room for a new one.
pub const MAX_PEERS: usize = 128;

/// Most addresses remembered per peer.
pub const MAX_ADDRS: usize = 4;

/// Most peers remembered at one IP; the one seen longest ago there makes room.
pub const MAX_PER_IP: usize = 8;

/// Largest store file read: [`MAX_PEERS`] entries take about 40 KiB.
const MAX_FILE_BYTES: u64 = 256 * 1024;

/// The wait before the second dial of a peer; each failure doubles it.
const FIRST_RETRY: Duration = Duration::from_secs(1);

/// The longest wait between dials of an unreachable peer.
const MAX_RETRY: Duration = Duration::from_secs(30);

/// How often a changed store is written, at most.
const SAVE_EVERY: Duration = Duration::from_secs(5);

/// One peer as the file holds it: text, so that an operator can read and edit it.
#[derive(Debug, Serialize, Deserialize)]
struct StoredPeer {
    peer_id: String,
    addrs: Vec<String>,
}

/// A remembered peer.
#[derive(Debug)]
struct Known {
    addrs: Vec<Multiaddr>,
    /// When it was last recorded, on the store's own clock: the oldest is evicted first.
    seen: u64,
    /// When it may be dialed next.
    next_dial: Instant,
    /// Dials since it was last connected: the backoff's exponent.
    failures: u32,
}

/// The remembered peers, with their dial backoff.
#[derive(Debug)]
pub struct PeerStore {
    path: Option<PathBuf>,
    known: BTreeMap<PeerId, Known>,
    clock: u64,
    dirty: bool,
    saved: Instant,
}

impl PeerStore {
    /// The store in `path` (none kept on disk if `None`). A missing file is an empty
    /// store; an unreadable or malformed one is logged and ignored, as are its bad entries:
    /// the node starts either way.
    pub fn load(path: Option<PathBuf>, now: Instant) -> PeerStore {
        let mut store = PeerStore {
            path,
            known: BTreeMap::new(),
            clock: 0,
            dirty: false,
            saved: now,
        };
        let Some(path) = store.path.clone() else {
            return store;
        };
        let stored = match read_bounded(&path) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return store,
            Err(error) => {
                tracing::warn!(target: "net::peers", path = %path.display(), %error, "peer store not read");
                return store;
            }
        };
        let entries: Vec<serde_json::Value> = match serde_json::from_slice(&stored) {
            Ok(entries) => entries,
            Err(error) => {
                tracing::warn!(target: "net::peers", path = %path.display(), %error, "peer store ignored");
                return store;
            }
        };
        // The file lists the most recently seen first; the store keeps its first entries.
        for entry in entries.into_iter().take(MAX_PEERS).rev() {
            let Ok(entry) = serde_json::from_value::<StoredPeer>(entry) else {
                continue;
            };
            let Ok(peer) = entry.peer_id.parse::<PeerId>() else {
                continue;
            };
            let addrs = entry.addrs.iter().filter_map(|a| a.parse().ok());
            store.insert(peer, addrs, now);
        }
        store.dirty = false;
        tracing::debug!(target: "net::peers", peers = store.known.len(), "peer store loaded");
        store
    }

    /// Remembers `peer` at `addrs` (replacing what it had), as seen now: it may be dialed
    /// at once when it is next not connected.
    pub fn record(
        &mut self,
        peer: PeerId,
        addrs: impl IntoIterator<Item = Multiaddr>,
        now: Instant,
    ) {
        self.insert(peer, addrs, now);
    }

    /// Forgets `peer`: it is on another chain, or banned.
    pub fn forget(&mut self, peer: &PeerId) {
        self.dirty |= self.known.remove(peer).is_some();
    }

    /// The connection to `peer` closed. If it had completed the handshake (`ready`), it
    /// is dialed again at the next chance and then with a backoff starting at
    /// [`FIRST_RETRY`]; a connection that never got that far (refused for capacity, no
    /// handshake) leaves its backoff running.
    pub fn lost(&mut self, peer: &PeerId, ready: bool, now: Instant) {
        if let Some(known) = self.known.get_mut(peer).filter(|_| ready) {
            known.next_dial = now;
            known.failures = 0;
        }
    }

    /// Up to `limit` remembered peers due for a dial, for which `skip` is false (those
    /// connected, banned or not welcome); each one's next dial is pushed back.
    pub fn due(
        &mut self,
        now: Instant,
        limit: usize,
        mut skip: impl FnMut(&PeerId) -> bool,
    ) -> Vec<(PeerId, Vec<Multiaddr>)> {
        let mut dials = Vec::new();
        for (peer, known) in &mut self.known {
            if dials.len() >= limit {
                break;
            }
            if known.next_dial > now || skip(peer) {
                continue;
            }
            let wait = FIRST_RETRY
                .saturating_mul(1u32.checked_shl(known.failures).unwrap_or(u32::MAX))
                .min(MAX_RETRY);
            known.next_dial = now + wait;
            known.failures = known.failures.saturating_add(1);
            dials.push((*peer, known.addrs.clone()));
        }
        dials
    }

    /// The file's path and new contents, if the store changed and was not written in the
    /// last [`SAVE_EVERY`] (or `force`); the caller writes them with [`write`] off the
    /// network task.
    pub fn take_snapshot(&mut self, now: Instant, force: bool) -> Option<(PathBuf, Vec<u8>)> {
        let path = self.path.clone()?;
        if !self.dirty || (!force && now.duration_since(self.saved) < SAVE_EVERY) {
            return None;
        }
        let mut peers: Vec<(&PeerId, &Known)> = self.known.iter().collect();
        peers.sort_by_key(|(_, known)| std::cmp::Reverse(known.seen));
        let stored: Vec<StoredPeer> = peers
            .into_iter()
            .map(|(peer, known)| StoredPeer {
                peer_id: peer.to_string(),
                addrs: known.addrs.iter().map(Multiaddr::to_string).collect(),
            })
            .collect();
        let bytes = serde_json::to_vec_pretty(&stored).ok()?;
        self.dirty = false;
        self.saved = now;
        Some((path, bytes))
    }

    /// Forgets the peer seen longest ago among those `which` selects.
    fn evict_oldest(&mut self, which: impl Fn(&Known) -> bool) {
        let oldest = self
            .known
            .iter()
            .filter(|(_, known)| which(known))
            .min_by_key(|(_, known)| known.seen)
            .map(|(peer, _)| *peer);
        if let Some(oldest) = oldest {
            self.known.remove(&oldest);
        }
    }

    fn insert(&mut self, peer: PeerId, addrs: impl IntoIterator<Item = Multiaddr>, now: Instant) {
        let mut kept: Vec<Multiaddr> = Vec::new();
        for addr in addrs.into_iter().filter_map(dialable) {
            if kept.len() < MAX_ADDRS && !kept.contains(&addr) {
                kept.push(addr);
            }
        }
        if kept.is_empty() {
            return;
        }
        self.clock = self.clock.saturating_add(1);
        if !self.known.contains_key(&peer) {
            let ip = kept.first().and_then(ip_of);
            let same_ip = |known: &Known| known.addrs.first().and_then(ip_of) == ip;
            if self.known.values().filter(|known| same_ip(known)).count() >= MAX_PER_IP {
                self.evict_oldest(same_ip);
            }
            if self.known.len() >= MAX_PEERS {
                self.evict_oldest(|_| true);
            }
        }
        self.known.insert(
            peer,
            Known {
                addrs: kept,
                seen: self.clock,
                next_dial: now,
                failures: 0,
            },
        );
        self.dirty = true;
    }
}

/// `addr` as a dial target: `/ip4|ip6/…/tcp/PORT`, without a trailing `/p2p/…`; `None`
/// for anything else (DNS names, relays, unspecified addresses).
pub fn dialable(mut addr: Multiaddr) -> Option<Multiaddr> {
    if matches!(addr.iter().last(), Some(Protocol::P2p(_))) {
        addr.pop();
    }
    let mut parts = addr.iter();
    let ip_ok = match parts.next()? {
        Protocol::Ip4(ip) => !ip.is_unspecified() && !ip.is_multicast(),
        Protocol::Ip6(ip) => !ip.is_unspecified() && !ip.is_multicast(),
        _ => false,
    };
    let tcp_ok = matches!(parts.next()?, Protocol::Tcp(port) if port != 0);
    (ip_ok && tcp_ok && parts.next().is_none()).then_some(addr)
}

/// The IP `addr` starts with, if any.
pub fn ip_of(addr: &Multiaddr) -> Option<std::net::IpAddr> {
    match addr.iter().next()? {
        Protocol::Ip4(ip) => Some(ip.into()),
        Protocol::Ip6(ip) => Some(ip.into()),
        _ => None,
    }
}

/// Writes `bytes` to `path` through a temporary file renamed over it, so that a crash
/// never leaves half a store.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("peer store path has no directory"))?;
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The file's bytes, `None` if it does not exist; an error if it is larger than
/// [`MAX_FILE_BYTES`].
fn read_bounded(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_FILE_BYTES {
        return Err(io::Error::other(format!(
            "larger than {MAX_FILE_BYTES} bytes"
        )));
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(text: &str) -> Multiaddr {
        text.parse().expect("multiaddr")
    }

    #[test]
    fn only_plain_tcp_addresses_are_kept() {
        let peer = PeerId::random();
        assert_eq!(
            dialable(addr(&format!("/ip4/10.0.0.1/tcp/30333/p2p/{peer}"))),
            Some(addr("/ip4/10.0.0.1/tcp/30333"))
        );
        for bad in [
            "/ip4/0.0.0.0/tcp/30333",
            "/ip4/10.0.0.1/tcp/0",
            "/ip4/224.0.0.1/tcp/30333",
            "/dns/example.com/tcp/30333",
            "/ip4/10.0.0.1/udp/30333",
            "/ip4/10.0.0.1/tcp/30333/ws",
        ] {
            assert_eq!(dialable(addr(bad)), None, "{bad}");
        }
    }

    #[test]
    fn a_store_survives_a_restart_newest_first_and_bounded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("network").join("peers.json");
        let now = Instant::now();
        let mut store = PeerStore::load(Some(path.clone()), now);
        let peers: Vec<PeerId> = (0..MAX_PEERS + 2).map(|_| PeerId::random()).collect();
        for (i, peer) in peers.iter().enumerate() {
            let port = 1000 + i;
            let host = i / MAX_PER_IP;
            let addrs = (0..6).map(|k| addr(&format!("/ip4/10.{k}.{host}.1/tcp/{port}")));
            store.record(*peer, addrs, now);
        }
        assert_eq!(store.known.len(), MAX_PEERS);
        let (file, bytes) = store.take_snapshot(now, true).expect("changed");
        write(&file, &bytes).expect("written");
        assert_eq!(
            store.take_snapshot(now, true),
            None,
            "nothing changed since"
        );

        let mut again = PeerStore::load(Some(path), now);
        assert_eq!(again.known.len(), MAX_PEERS);
        let due = again.due(now, usize::MAX, |_| false);
        assert_eq!(due.len(), MAX_PEERS);
        // The two recorded first were evicted; every other kept its first 4 addresses.
        for (peer, addrs) in &due {
            let i = peers.iter().position(|p| p == peer).expect("one of ours");
            assert!(i >= 2, "peer {i} should have been evicted");
            assert_eq!(addrs.len(), MAX_ADDRS);
            let host = i / MAX_PER_IP;
            assert_eq!(
                addrs[0],
                addr(&format!("/ip4/10.0.{host}.1/tcp/{}", 1000 + i))
            );
        }
    }

    #[test]
    fn dials_back_off_and_a_lost_peer_is_dialed_at_once() {
        let now = Instant::now();
        let mut store = PeerStore::load(None, now);
        let peer = PeerId::random();
        store.record(peer, [addr("/ip4/10.0.0.1/tcp/30333")], now);
        let mut at = now;
        let mut waits = Vec::new();
        for _ in 0..8 {
            assert_eq!(store.due(at, 8, |_| false).len(), 1);
            let next = store.known[&peer].next_dial;
            assert!(store
                .due(next - Duration::from_millis(1), 8, |_| false)
                .is_empty());
            waits.push(next.duration_since(at).as_secs());
            at = next;
        }
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(store.due(at, 8, |_| false).len(), 1);
        assert!(store.due(at, 8, |_| false).is_empty(), "backed off");
        store.lost(&peer, false, at);
        assert!(
            store.due(at, 8, |_| false).is_empty(),
            "a failed connection backs off"
        );
        store.lost(&peer, true, at);
        assert!(store.due(at, 8, |p| *p == peer).is_empty(), "skipped");
        assert_eq!(
            store.due(at, 8, |_| false).len(),
            1,
            "a lost peer is dialed at once"
        );
    }

    #[test]
    fn a_hostile_file_is_ignored_or_read_in_part() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("peers.json");
        let now = Instant::now();
        std::fs::write(&path, vec![b' '; 300 * 1024]).expect("write");
        assert!(
            PeerStore::load(Some(path.clone()), now).known.is_empty(),
            "oversized"
        );
        std::fs::write(&path, b"{not json").expect("write");
        assert!(
            PeerStore::load(Some(path.clone()), now).known.is_empty(),
            "malformed"
        );
        let good = PeerId::random();
        let text = format!(
            r#"[{{"peer_id":"junk","addrs":["/ip4/10.0.0.1/tcp/1"]}},
               {{"peer_id":"{good}","addrs":["nonsense","/dns/x/tcp/1","/ip4/10.0.0.2/tcp/2"]}},
               {{"peer_id":5,"addrs":"not a list"}},
               {{"peer_id":"{}","addrs":["/dns/only/tcp/1"]}}]"#,
            PeerId::random()
        );
        std::fs::write(&path, text).expect("write");
        let mut store = PeerStore::load(Some(path), now);
        assert_eq!(
            store.due(now, 8, |_| false),
            vec![(good, vec![addr("/ip4/10.0.0.2/tcp/2")])]
        );
    }

    #[test]
    fn one_host_keeps_at_most_its_share() {
        let now = Instant::now();
        let mut store = PeerStore::load(None, now);
        let peers: Vec<PeerId> = (0..MAX_PER_IP + 2).map(|_| PeerId::random()).collect();
        for (i, peer) in peers.iter().enumerate() {
            store.record(
                *peer,
                [addr(&format!("/ip4/10.0.0.1/tcp/{}", 1000 + i))],
                now,
            );
        }
        let other = PeerId::random();
        store.record(other, [addr("/ip4/10.0.0.2/tcp/1")], now);
        assert_eq!(store.known.len(), MAX_PER_IP + 1);
        assert!(!store.known.contains_key(&peers[0]) && !store.known.contains_key(&peers[1]));
        assert!(store.known.contains_key(&other));
    }
}
