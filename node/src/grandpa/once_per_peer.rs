//! Which peers were sent something costly lately: each gets it at most once per timeout.
//! The voter keeps one record for catch-ups served (a catch-up is every vote of a round,
//! and costs its sender far more than the request costs the asker) and one for peers
//! greeted with its votes when they join (a peer that reconnects in a loop must not make
//! it send them in a loop). Older entries can refuse nothing, so the voter prunes them
//! (at its rebroadcast tick, and the greetings' record also before each greeting): a
//! record stays as small as the set of recent peers, however many have ever asked or
//! joined.

use std::collections::BTreeMap;
use std::time::Duration;

use tokio::time::Instant;

/// The peers served within the timeout, and when.
#[derive(Debug)]
pub(super) struct OncePerPeer<P> {
    timeout: Duration,
    served: BTreeMap<P, Instant>,
}

impl<P: Ord + Clone> OncePerPeer<P> {
    /// An empty record: every peer may be served once per `timeout`.
    pub(super) fn new(timeout: Duration) -> Self {
        Self {
            timeout,
            served: BTreeMap::new(),
        }
    }

    /// Whether `peer` may be served at `now`, recording it as served if so.
    pub(super) fn admit(&mut self, peer: &P, now: Instant) -> bool {
        if self.within_timeout(peer, now) {
            return false;
        }
        self.served.insert(peer.clone(), now);
        true
    }

    /// Forgets the peers served longer ago than the timeout.
    pub(super) fn prune(&mut self, now: Instant) {
        let timeout = self.timeout;
        self.served
            .retain(|_, at| now.saturating_duration_since(*at) < timeout);
    }

    fn within_timeout(&self, peer: &P, now: Instant) -> bool {
        self.served
            .get(peer)
            .is_some_and(|at| now.saturating_duration_since(*at) < self.timeout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMEOUT: Duration = Duration::from_secs(5);

    #[test]
    fn a_peer_is_served_once_per_timeout() {
        let start = Instant::now();
        let mut served = OncePerPeer::new(TIMEOUT);
        assert!(served.admit(&1u32, start));
        assert!(!served.admit(&1, start + TIMEOUT / 2));
        assert!(
            served.admit(&2, start + TIMEOUT / 2),
            "another peer is served"
        );
        assert!(served.admit(&1, start + TIMEOUT));
    }

    #[test]
    fn pruning_keeps_only_the_peers_served_within_the_timeout() {
        let start = Instant::now();
        let mut served = OncePerPeer::new(TIMEOUT);
        // A new peer asks every millisecond for a minute, and the record is pruned every
        // second: pruned, it holds no more than a timeout's askers.
        for ms in 0..60_000u32 {
            let now = start + Duration::from_millis(u64::from(ms));
            assert!(served.admit(&ms, now));
            if ms % 1_000 == 0 {
                served.prune(now);
                assert!(served.served.len() <= 5_000, "{}", served.served.len());
            }
        }
        let end = start + Duration::from_millis(59_999);
        served.prune(end);
        assert_eq!(served.served.len(), 5_000);
        assert!(served.served.keys().all(|ms| *ms >= 55_000));
        assert!(
            !served.admit(&59_999, end),
            "a recent peer is still refused"
        );
        assert!(served.admit(&0, end), "a forgotten one is served again");
    }
}
