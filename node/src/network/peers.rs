//! The peers a node is connected to, what they told it, how far it trusts them, and who is
//! banned.
//!
//! Each peer has a reputation that starts at 0 and drifts back towards it. Misbehaviour
//! lowers it ([`Penalty`]); below [`BAN_THRESHOLD`] the peer is disconnected and refused
//! for [`BAN_DURATION`]. A bad reputation outlives the connection, so reconnecting does not
//! wipe it.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use libp2p::{Multiaddr, PeerId};
use taonet_runtime::{BlockNumber, Hash};

use super::protocol::{Role, Status};

/// Below this reputation a peer is banned.
pub const BAN_THRESHOLD: i32 = -1000;

/// How long a banned peer is refused.
pub const BAN_DURATION: Duration = Duration::from_secs(120);

/// How long a peer on another chain is refused (it will not change chains soon).
pub const OTHER_CHAIN_BAN: Duration = Duration::from_secs(600);

/// What a peer did wrong, and what it costs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Penalty {
    /// A message or request that does not decode (or an oversized one).
    BadMessage,
    /// A block that fails verification or execution: banned at once.
    InvalidBlock,
    /// A response that does not match its request (unasked blocks, a broken chain).
    BadResponse,
    /// An announcement whose hash does not match its header, or that is malformed.
    BadAnnounce,
    /// A transaction the runtime declares invalid (it may just be stale: a small cost).
    InvalidTransaction,
    /// A request that timed out or failed.
    RequestFailed,
    /// A GRANDPA message that does not decode or whose signature, commit or catch-up does
    /// not hold.
    BadFinalityMessage,
    /// A GRANDPA vote from outside the authority set (it may just be from a set that
    /// ended: a small cost).
    UnknownVoter,
}

impl Penalty {
    /// The reputation it costs.
    pub fn cost(self) -> i32 {
        match self {
            Penalty::BadMessage => 300,
            Penalty::InvalidBlock => 2000,
            Penalty::BadResponse => 300,
            Penalty::BadAnnounce => 300,
            Penalty::InvalidTransaction => 20,
            Penalty::RequestFailed => 50,
            Penalty::BadFinalityMessage => 300,
            Penalty::UnknownVoter => 20,
        }
    }
}

/// One connected peer.
#[derive(Debug, Clone)]
pub struct Peer {
    /// Its status from the handshake, updated by its announcements; `None` until the
    /// handshake completes.
    pub status: Option<Status>,
    /// Whether we dialed it (it counts against `--out-peers`) or it dialed us.
    pub outbound: bool,
    /// Whether it is a reserved node (never counted, never refused for capacity).
    pub reserved: bool,
    /// The address of its connection: the one we dialed, or the one it came from.
    pub remote: Multiaddr,
    /// Where it says it listens (identify), kept only on the IP it connected from: with
    /// `remote` if we dialed it, where the peer store finds it again.
    pub listen: Vec<Multiaddr>,
    /// When it connected (the handshake must complete soon after).
    pub connected_at: Instant,
    /// Its reputation.
    pub reputation: i32,
}

impl Peer {
    /// Its best block, once known.
    pub fn best(&self) -> Option<(BlockNumber, Hash)> {
        self.status.as_ref().map(|s| (s.best_number, s.best_hash))
    }
}

/// What a peer's penalty led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It stays.
    Keep,
    /// It was banned and must be disconnected.
    Ban,
}

/// Every connected peer and every ban.
#[derive(Debug, Default)]
pub struct Peers {
    connected: HashMap<PeerId, Peer>,
    banned: HashMap<PeerId, Instant>,
    /// Negative reputations of disconnected peers, until they decay to 0.
    remembered: HashMap<PeerId, i32>,
}

impl Peers {
    /// Records a new connection from or to `remote`; the peer has no status yet.
    pub fn connected(&mut self, peer: PeerId, outbound: bool, reserved: bool, remote: Multiaddr) {
        let reputation = self.remembered.remove(&peer).unwrap_or(0);
        self.connected.entry(peer).or_insert(Peer {
            status: None,
            outbound,
            reserved,
            remote,
            listen: Vec::new(),
            connected_at: Instant::now(),
            reputation,
        });
    }

    /// Forgets a peer whose last connection closed, but for a bad reputation.
    pub fn disconnected(&mut self, peer: &PeerId) -> Option<Peer> {
        let gone = self.connected.remove(peer)?;
        if gone.reputation < 0 {
            self.remembered.insert(*peer, gone.reputation);
        }
        Some(gone)
    }

    /// The peer, if connected.
    pub fn get(&self, peer: &PeerId) -> Option<&Peer> {
        self.connected.get(peer)
    }

    /// The peer, if connected, to update.
    pub fn get_mut(&mut self, peer: &PeerId) -> Option<&mut Peer> {
        self.connected.get_mut(peer)
    }

    /// Every connected peer.
    pub fn iter(&self) -> impl Iterator<Item = (&PeerId, &Peer)> {
        self.connected.iter()
    }

    /// Connected peers whose handshake completed.
    pub fn ready(&self) -> impl Iterator<Item = (&PeerId, &Peer)> {
        self.connected.iter().filter(|(_, p)| p.status.is_some())
    }

    /// How many peers are connected.
    pub fn len(&self) -> usize {
        self.connected.len()
    }

    /// Whether no peer is connected.
    pub fn is_empty(&self) -> bool {
        self.connected.is_empty()
    }

    /// Non-reserved connections in each direction: (inbound, outbound).
    pub fn counts(&self) -> (u32, u32) {
        let mut counts = (0u32, 0u32);
        for peer in self.connected.values().filter(|p| !p.reserved) {
            if peer.outbound {
                counts.1 = counts.1.saturating_add(1);
            } else {
                counts.0 = counts.0.saturating_add(1);
            }
        }
        counts
    }

    /// The highest best block number any peer reported.
    pub fn best_seen(&self) -> Option<BlockNumber> {
        self.ready()
            .filter_map(|(_, p)| p.best())
            .map(|(n, _)| n)
            .max()
    }

    /// Lowers `peer`'s reputation; bans it when that falls below the threshold.
    pub fn penalise(&mut self, peer: &PeerId, penalty: Penalty, why: &str) -> Verdict {
        let Some(entry) = self.connected.get_mut(peer) else {
            return Verdict::Keep;
        };
        entry.reputation = entry.reputation.saturating_sub(penalty.cost());
        tracing::debug!(
            target: "net::peers",
            %peer, ?penalty, reputation = entry.reputation, why, "peer penalised"
        );
        if entry.reputation < BAN_THRESHOLD {
            tracing::warn!(target: "net::peers", %peer, why, "banning peer");
            self.ban(*peer, BAN_DURATION);
            return Verdict::Ban;
        }
        Verdict::Keep
    }

    /// Refuses `peer` for `duration`.
    pub fn ban(&mut self, peer: PeerId, duration: Duration) {
        self.banned.insert(peer, Instant::now() + duration);
    }

    /// Whether `peer` is banned now.
    pub fn is_banned(&self, peer: &PeerId) -> bool {
        self.banned
            .get(peer)
            .is_some_and(|until| *until > Instant::now())
    }

    /// Lifts expired bans and moves every reputation a tenth of the way back to 0: called
    /// periodically, so that old offences are forgiven.
    pub fn tick(&mut self) {
        let now = Instant::now();
        self.banned.retain(|_, until| *until > now);
        for peer in self.connected.values_mut() {
            peer.reputation = decay(peer.reputation);
        }
        for reputation in self.remembered.values_mut() {
            *reputation = decay(*reputation);
        }
        self.remembered.retain(|_, reputation| *reputation < 0);
    }

    /// Peers whose handshake did not complete within `timeout`.
    pub fn handshake_overdue(&self, timeout: Duration) -> Vec<PeerId> {
        self.connected
            .iter()
            .filter(|(_, p)| p.status.is_none() && p.connected_at.elapsed() > timeout)
            .map(|(id, _)| *id)
            .collect()
    }

    /// Roles of `peer` as `system_peers` shows them.
    pub fn role_name(&self, peer: &PeerId) -> &'static str {
        self.connected
            .get(peer)
            .and_then(|p| p.status.as_ref())
            .map_or("UNKNOWN", |s| Role::as_str(&s.role))
    }
}

/// A tenth of the way back to 0 (and at least one step, so it gets there).
fn decay(reputation: i32) -> i32 {
    let step = (reputation / 10).abs().max(1);
    match reputation {
        r if r < 0 => r.saturating_add(step).min(0),
        r if r > 0 => r.saturating_sub(step).max(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_junk_bans_and_bans_expire() {
        let mut peers = Peers::default();
        let peer = PeerId::random();
        peers.connected(peer, false, false, Multiaddr::empty());
        let mut verdict = Verdict::Keep;
        let mut strikes = 0;
        while verdict == Verdict::Keep {
            verdict = peers.penalise(&peer, Penalty::BadMessage, "junk");
            strikes += 1;
        }
        assert_eq!(strikes, 4);
        assert!(peers.is_banned(&peer));
        let other = PeerId::random();
        peers.connected(other, true, false, Multiaddr::empty());
        assert_eq!(
            peers.penalise(&other, Penalty::InvalidBlock, "bad block"),
            Verdict::Ban
        );
        peers.ban(other, Duration::ZERO);
        peers.tick();
        assert!(!peers.is_banned(&other));
    }

    #[test]
    fn reputation_recovers() {
        let mut peers = Peers::default();
        let peer = PeerId::random();
        peers.connected(peer, true, false, Multiaddr::empty());
        peers.penalise(&peer, Penalty::RequestFailed, "timeout");
        for _ in 0..100 {
            peers.tick();
        }
        assert!(peers.get(&peer).is_some_and(|p| p.reputation == 0));
        assert_eq!(peers.counts(), (0, 1));
    }

    #[test]
    fn reconnecting_keeps_a_bad_reputation() {
        let mut peers = Peers::default();
        let peer = PeerId::random();
        peers.connected(peer, true, false, Multiaddr::empty());
        peers.penalise(&peer, Penalty::BadMessage, "junk");
        peers.disconnected(&peer);
        peers.connected(peer, false, false, Multiaddr::empty());
        assert_eq!(
            peers.get(&peer).map(|p| p.reputation),
            Some(-Penalty::BadMessage.cost())
        );
    }
}
