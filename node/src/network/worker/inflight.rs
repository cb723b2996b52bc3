//! Blocking jobs started on behalf of peers (validating a gossiped transaction, serving a
//! block range), counted in total and per peer, so that neither one peer nor a crowd of
//! them can queue unbounded work on tokio's blocking pool. A job over either limit is not
//! started: a transaction is then not relayed, a request goes unanswered.

use std::collections::HashMap;

use libp2p::PeerId;

/// Jobs running for peers, with their limits.
#[derive(Debug)]
pub(super) struct Inflight {
    total: usize,
    per_peer: HashMap<PeerId, usize>,
    max_total: usize,
    max_per_peer: usize,
}

impl Inflight {
    /// No job running; at most `max_total` at once, `max_per_peer` of them for one peer.
    pub(super) fn new(max_total: usize, max_per_peer: usize) -> Inflight {
        Inflight {
            total: 0,
            per_peer: HashMap::new(),
            max_total,
            max_per_peer,
        }
    }

    /// Counts a job for `peer` and returns true, or false if a limit is reached.
    pub(super) fn try_start(&mut self, peer: PeerId) -> bool {
        let running = self.per_peer.get(&peer).copied().unwrap_or(0);
        if self.total >= self.max_total || running >= self.max_per_peer {
            return false;
        }
        self.total = self.total.saturating_add(1);
        self.per_peer.insert(peer, running.saturating_add(1));
        true
    }

    /// A job for `peer` ended.
    pub(super) fn finish(&mut self, peer: &PeerId) {
        if let Some(running) = self.per_peer.get_mut(peer) {
            *running = running.saturating_sub(1);
            self.total = self.total.saturating_sub(1);
            if *running == 0 {
                self.per_peer.remove(peer);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_hold_per_peer_and_in_total_and_free_up() {
        let mut jobs = Inflight::new(3, 2);
        let (a, b) = (PeerId::random(), PeerId::random());
        assert!(jobs.try_start(a));
        assert!(jobs.try_start(a));
        assert!(!jobs.try_start(a), "per peer");
        assert!(jobs.try_start(b));
        assert!(!jobs.try_start(b), "in total");
        jobs.finish(&a);
        assert!(jobs.try_start(b));
        jobs.finish(&b);
        jobs.finish(&b);
        jobs.finish(&b);
        jobs.finish(&a);
        assert_eq!(
            (jobs.total, jobs.per_peer.len()),
            (0, 0),
            "an extra finish is harmless"
        );
    }
}
