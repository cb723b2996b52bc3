//! What the network has seen since the node started, for the metrics: connections by
//! direction (Substrate's `substrate_sub_libp2p_*` series), and the messages it dropped
//! from peers, by reason and by connected peer, which is where a flooding or slow peer
//! shows.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use libp2p::PeerId;
use parking_lot::Mutex;

/// The most peers counted apart: above the peer slots, so that the map stays bounded even
/// if peers churn faster than it is pruned.
const MAX_TRACKED_PEERS: usize = 256;

/// Why a message from a peer was dropped unprocessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DropReason {
    /// The peer sent more GRANDPA messages in a second than it may.
    GrandpaAllowance,
    /// The GRANDPA voter's queue was full.
    GrandpaQueue,
    /// Too many gossiped transactions were being validated (in all, or of this peer).
    TxValidations,
    /// Too many block ranges were being served (in all, or to this peer).
    BlockRequests,
}

impl DropReason {
    /// Every reason, in the order metrics list them.
    pub const ALL: [DropReason; 4] = [
        DropReason::GrandpaAllowance,
        DropReason::GrandpaQueue,
        DropReason::TxValidations,
        DropReason::BlockRequests,
    ];

    /// The metric label.
    pub fn label(self) -> &'static str {
        match self {
            DropReason::GrandpaAllowance => "grandpa_allowance",
            DropReason::GrandpaQueue => "grandpa_queue",
            DropReason::TxValidations => "tx_validations",
            DropReason::BlockRequests => "block_requests",
        }
    }
}

/// Running totals of the network task, written by it and read by the metrics.
#[derive(Debug, Default)]
pub struct NetworkCounters {
    /// Connections a listening socket accepted, before any handshake.
    pub incoming: AtomicU64,
    /// Connections established that a peer dialed.
    pub opened_inbound: AtomicU64,
    /// Connections established that this node dialed.
    pub opened_outbound: AtomicU64,
    /// Messages dropped, by reason ([`DropReason::ALL`]'s order).
    dropped: [AtomicU64; DropReason::ALL.len()],
    /// Messages dropped from each connected peer; a peer's count goes when it
    /// disconnects (the network task prunes every second), and at most
    /// [`MAX_TRACKED_PEERS`] are held.
    by_peer: Mutex<BTreeMap<PeerId, u64>>,
}

impl NetworkCounters {
    /// Counts a message of `peer` dropped for `reason`.
    pub(super) fn dropped(&self, peer: PeerId, reason: DropReason) {
        self.dropped[reason as usize].fetch_add(1, Ordering::Relaxed);
        let mut by_peer = self.by_peer.lock();
        if by_peer.len() < MAX_TRACKED_PEERS || by_peer.contains_key(&peer) {
            let count = by_peer.entry(peer).or_default();
            *count = count.saturating_add(1);
        }
    }

    /// Keeps the counts of the peers `connected` says are connected, and forgets the
    /// others'.
    pub(super) fn retain_peers(&self, connected: impl Fn(&PeerId) -> bool) {
        self.by_peer.lock().retain(|peer, _| connected(peer));
    }

    /// Messages dropped so far for `reason`.
    pub fn dropped_total(&self, reason: DropReason) -> u64 {
        self.dropped[reason as usize].load(Ordering::Relaxed)
    }

    /// Messages dropped from each connected peer that had any dropped.
    pub fn dropped_by_peer(&self) -> Vec<(PeerId, u64)> {
        self.by_peer
            .lock()
            .iter()
            .map(|(peer, count)| (*peer, *count))
            .collect()
    }

    /// Adds one to `counter`.
    pub(super) fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drops count by reason and by peer; a peer that left loses its count at the next
    /// pruning, and peers counted past the bound only reach the totals.
    #[test]
    fn drops_are_counted_by_reason_and_by_peer_within_a_bound() {
        let counters = NetworkCounters::default();
        let first = PeerId::random();
        counters.dropped(first, DropReason::GrandpaAllowance);
        counters.dropped(first, DropReason::BlockRequests);
        assert_eq!(counters.dropped_total(DropReason::GrandpaAllowance), 1);
        assert_eq!(counters.dropped_total(DropReason::GrandpaQueue), 0);
        assert_eq!(counters.dropped_by_peer(), [(first, 2)]);
        counters.retain_peers(|peer| *peer != first);
        assert!(counters.dropped_by_peer().is_empty());

        for _ in 0..MAX_TRACKED_PEERS + 10 {
            counters.dropped(PeerId::random(), DropReason::TxValidations);
        }
        assert_eq!(counters.dropped_by_peer().len(), MAX_TRACKED_PEERS);
        assert_eq!(
            counters.dropped_total(DropReason::TxValidations),
            u64::try_from(MAX_TRACKED_PEERS + 10).expect("fits")
        );
    }
}
