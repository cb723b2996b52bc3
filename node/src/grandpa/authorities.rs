//! The GRANDPA authority set and the changes the runtime schedules for it.
//!
//! pallet-grandpa announces a change with a `FRNK` consensus digest in the block that
//! schedules it: `ScheduledChange { delay, next_authorities }` takes effect when the block
//! `delay` blocks later on the same chain is *finalized*; `ForcedChange(median, ..)` when
//! it is *imported* (a recovery path for a stalled set). A change bumps the set id by one.
//! The old set votes up to the change's block and no further, so the hand-over block is
//! finalized (and justified) by the set that is leaving.
//!
//! Signals are read lazily from headers, walking back from the blocks being finalized or
//! voted on, so nothing has to be recorded at import time and a restart loses nothing.

use codec::{Decode, Encode};
use finality_grandpa::voter_set::VoterSet;
use sp_consensus_grandpa::{AuthorityId, AuthorityList, ConsensusLog, SetId, GRANDPA_ENGINE_ID};
use sp_runtime::traits::Header as _;
use sp_runtime::DigestItem;
use taonet_runtime::{BlockNumber, Hash, Header};

use super::GrandpaError;
use crate::chain::Client;

/// Reads headers by hash: the chain in the node, a map of made-up headers in tests.
pub trait Headers {
    /// The header of block `hash`, if known.
    fn header(&self, hash: &Hash) -> Result<Option<Header>, GrandpaError>;
}

impl Headers for Client {
    fn header(&self, hash: &Hash) -> Result<Option<Header>, GrandpaError> {
        Ok(Client::header(self, hash)?)
    }
}

/// How a change takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum ChangeKind {
    /// When its block is finalized (the normal case).
    Standard,
    /// When its block is imported on the best chain; `median` is the last finalized block
    /// the runtime was told of.
    Forced {
        /// The block number the runtime reported as finalized when forcing.
        median: BlockNumber,
    },
}

/// A change signalled by a block and not yet in effect.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct PendingChange {
    /// The set that takes over.
    pub next_authorities: AuthorityList,
    /// Blocks between the signal and the hand-over.
    pub delay: BlockNumber,
    /// The block carrying the signal.
    pub signal_hash: Hash,
    /// Its number.
    pub signal_number: BlockNumber,
    /// Standard or forced.
    pub kind: ChangeKind,
}

impl PendingChange {
    /// The number of the hand-over block: the last one the old set finalizes.
    pub fn effective_number(&self) -> BlockNumber {
        self.signal_number.saturating_add(self.delay)
    }
}

/// The change `header` signals, if any: a forced change wins over a scheduled one, and
/// the first digest of a kind wins over later ones (pallet-grandpa emits at most one).
pub fn signalled_change(header: &Header) -> Option<PendingChange> {
    let mut scheduled = None;
    let mut forced = None;
    for item in header.digest().logs() {
        let DigestItem::Consensus(engine, data) = item else {
            continue;
        };
        if *engine != GRANDPA_ENGINE_ID {
            continue;
        }
        match ConsensusLog::<BlockNumber>::decode(&mut &data[..]) {
            Ok(ConsensusLog::ScheduledChange(change)) if scheduled.is_none() => {
                scheduled = Some((change, ChangeKind::Standard));
            }
            Ok(ConsensusLog::ForcedChange(median, change)) if forced.is_none() => {
                forced = Some((change, ChangeKind::Forced { median }));
            }
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(target: "consensus::grandpa", %error, "undecodable FRNK digest ignored");
            }
        }
    }
    let (change, kind) = forced.or(scheduled)?;
    Some(PendingChange {
        next_authorities: change.next_authorities,
        delay: change.delay,
        signal_hash: header.hash(),
        signal_number: *header.number(),
        kind,
    })
}

/// A change that took effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enacted {
    /// The id of the set now in office.
    pub set_id: SetId,
    /// The hand-over block.
    pub block: (Hash, BlockNumber),
    /// How it was scheduled.
    pub kind: ChangeKind,
}

/// The authority set in office and the standard changes already finalized but not yet
/// in effect; persisted so that a restart resumes with the right set.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct AuthoritySet {
    /// Its id: 0 at genesis, +1 per change.
    pub set_id: SetId,
    /// Who votes, with their weights.
    pub authorities: AuthorityList,
    /// The block it took office at: the base of its first round.
    pub start: (Hash, BlockNumber),
    /// Standard changes signalled in finalized blocks, not yet in effect.
    pub pending: Vec<PendingChange>,
    /// The last finalized block whose ancestry has been read for signals.
    pub scanned: (Hash, BlockNumber),
}

impl AuthoritySet {
    /// Set `set_id` of `authorities` in office from block `start` (already finalized).
    pub fn new(set_id: SetId, authorities: AuthorityList, start: (Hash, BlockNumber)) -> Self {
        AuthoritySet {
            set_id,
            authorities,
            start,
            pending: Vec::new(),
            scanned: start,
        }
    }

    /// The set as finality-grandpa counts it; `None` when empty or weightless (GRANDPA
    /// cannot run then).
    pub fn voter_set(&self) -> Option<VoterSet<AuthorityId>> {
        VoterSet::new(self.authorities.iter().cloned())
    }

    /// Whether `id` is in office.
    pub fn contains(&self, id: &AuthorityId) -> bool {
        self.authorities.iter().any(|(a, _)| a == id)
    }

    /// Notes that `finalized` is final: reads the signals of every block finalized since
    /// the last call and puts the due standard changes in effect, in order. Idempotent.
    pub fn on_finalized(
        &mut self,
        headers: &impl Headers,
        finalized: (Hash, BlockNumber),
    ) -> Result<Vec<Enacted>, GrandpaError> {
        if finalized.1 <= self.scanned.1 {
            return Ok(Vec::new());
        }
        let route = route_down(headers, finalized.0, self.scanned.1)?;
        if route.last().map(|h| *h.parent_hash()) != Some(self.scanned.0) {
            return Err(GrandpaError::Safety(format!(
                "finalized block {} does not descend from the last finalized {}",
                finalized.0, self.scanned.0
            )));
        }
        let mut enacted = Vec::new();
        for header in route.iter().rev() {
            let block = (header.hash(), *header.number());
            if let Some(change) = signalled_change(header) {
                // A forced change already put in effect at import is not applied twice.
                if change.effective_number() > self.start.1 {
                    self.pending.push(change);
                    self.pending.sort_by_key(PendingChange::effective_number);
                }
            }
            while let Some(change) = self
                .pending
                .first()
                .filter(|c| c.effective_number() <= block.1)
                .cloned()
            {
                self.pending.remove(0);
                enacted.push(self.enact(change, block));
            }
            self.scanned = block;
        }
        Ok(enacted)
    }

    /// Puts `change` in effect at `block`: the next set takes office there.
    pub fn enact(&mut self, change: PendingChange, block: (Hash, BlockNumber)) -> Enacted {
        self.set_id = self.set_id.saturating_add(1);
        self.authorities = change.next_authorities;
        self.start = block;
        if matches!(change.kind, ChangeKind::Forced { .. }) {
            // A forced change discredits the old set: what it scheduled is void.
            self.pending.clear();
        }
        tracing::info!(
            target: "consensus::grandpa",
            set_id = self.set_id, block = block.1, hash = %block.0, kind = ?change.kind,
            "authority set changed"
        );
        Enacted {
            set_id: self.set_id,
            block,
            kind: change.kind,
        }
    }

    /// The highest block on `target`'s chain this set may vote for or finalize: a change
    /// signalled on that chain hands over at its block, so the old set stops there.
    /// `finalized` is the last finalized block (`target` descends from it).
    pub fn vote_limit(
        &self,
        headers: &impl Headers,
        target: (Hash, BlockNumber),
        finalized: (Hash, BlockNumber),
    ) -> Result<(Hash, BlockNumber), GrandpaError> {
        let mut limit = self.pending.first().map(PendingChange::effective_number);
        let route = route_down(headers, target.0, finalized.1)?;
        for header in &route {
            if let Some(change) = signalled_change(header) {
                if change.effective_number() > self.start.1 {
                    let effective = change.effective_number();
                    limit = Some(limit.map_or(effective, |l| l.min(effective)));
                }
            }
        }
        match limit {
            Some(limit) if limit < target.1 => Ok(route
                .iter()
                .find(|h| *h.number() == limit)
                .map(|h| (h.hash(), limit))
                .unwrap_or(finalized)),
            _ => Ok(target),
        }
    }
}

/// The headers from `hash` down to (not including) number `stop`, newest first.
pub(crate) fn route_down(
    headers: &impl Headers,
    hash: Hash,
    stop: BlockNumber,
) -> Result<Vec<Header>, GrandpaError> {
    let mut route = Vec::new();
    let mut cursor = hash;
    loop {
        let header = headers
            .header(&cursor)?
            .ok_or(GrandpaError::UnknownBlock(cursor))?;
        if *header.number() <= stop {
            break;
        }
        cursor = *header.parent_hash();
        route.push(header);
    }
    Ok(route)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use sp_consensus_grandpa::ScheduledChange;
    use sp_core::Pair as _;
    use sp_runtime::Digest;
    use std::collections::HashMap;

    /// Made-up headers by hash.
    #[derive(Default)]
    pub(crate) struct MapHeaders(pub HashMap<Hash, Header>);

    impl Headers for MapHeaders {
        fn header(&self, hash: &Hash) -> Result<Option<Header>, GrandpaError> {
            Ok(self.0.get(hash).cloned())
        }
    }

    impl MapHeaders {
        /// A chain of `n` headers after `parent` (the `fork` byte tells forks apart);
        /// `logs` puts digests at given numbers. Returns the hashes, oldest first.
        pub(crate) fn extend(
            &mut self,
            parent: &Header,
            n: u32,
            fork: u8,
            logs: &[(BlockNumber, DigestItem)],
        ) -> Vec<Header> {
            let mut out = Vec::new();
            let mut parent = parent.clone();
            for _ in 0..n {
                let number = parent.number + 1;
                let mut digest = Digest::default();
                digest.push(DigestItem::Other(vec![fork]));
                for (at, item) in logs {
                    if *at == number {
                        digest.push(item.clone());
                    }
                }
                let header = Header::new(
                    number,
                    Default::default(),
                    Default::default(),
                    parent.hash(),
                    digest,
                );
                self.0.insert(header.hash(), header.clone());
                out.push(header.clone());
                parent = header;
            }
            out
        }
    }

    pub(crate) fn genesis() -> Header {
        Header::new(
            0,
            Default::default(),
            Default::default(),
            Default::default(),
            Digest::default(),
        )
    }

    fn authorities(seeds: &[u8]) -> AuthorityList {
        seeds
            .iter()
            .map(|s| {
                (
                    sp_consensus_grandpa::AuthorityPair::from_seed(&[*s; 32]).public(),
                    1,
                )
            })
            .collect()
    }

    fn scheduled(delay: BlockNumber, next: &[u8]) -> DigestItem {
        DigestItem::Consensus(
            GRANDPA_ENGINE_ID,
            ConsensusLog::<BlockNumber>::ScheduledChange(ScheduledChange {
                next_authorities: authorities(next),
                delay,
            })
            .encode(),
        )
    }

    fn tip(header: &Header) -> (Hash, BlockNumber) {
        (header.hash(), header.number)
    }

    #[test]
    fn a_scheduled_change_takes_effect_when_its_block_is_finalized() {
        let mut headers = MapHeaders::default();
        let genesis = genesis();
        headers.0.insert(genesis.hash(), genesis.clone());
        // Block 3 schedules set {7, 8} with delay 2: hand-over at block 5.
        let chain = headers.extend(&genesis, 8, 0, &[(3, scheduled(2, &[7, 8]))]);
        let mut set = AuthoritySet::new(0, authorities(&[1, 2, 3]), tip(&genesis));

        // Voting is capped at block 5 while the change is pending.
        assert_eq!(
            set.vote_limit(&headers, tip(&chain[7]), tip(&genesis))
                .unwrap(),
            tip(&chain[4])
        );
        // Finalizing 4 notes the change but does not enact it.
        assert_eq!(set.on_finalized(&headers, tip(&chain[3])).unwrap(), vec![]);
        assert_eq!(set.set_id, 0);
        assert_eq!(set.pending.len(), 1);
        assert_eq!(
            set.vote_limit(&headers, tip(&chain[7]), tip(&chain[3]))
                .unwrap(),
            tip(&chain[4])
        );
        // Finalizing 7 enacts it at 5.
        let enacted = set.on_finalized(&headers, tip(&chain[6])).unwrap();
        assert_eq!(
            enacted,
            vec![Enacted {
                set_id: 1,
                block: tip(&chain[4]),
                kind: ChangeKind::Standard
            }]
        );
        assert_eq!(set.authorities, authorities(&[7, 8]));
        assert_eq!(set.start, tip(&chain[4]));
        assert!(set.pending.is_empty());
        // Idempotent.
        assert_eq!(set.on_finalized(&headers, tip(&chain[6])).unwrap(), vec![]);
        // Nothing caps the new set.
        assert_eq!(
            set.vote_limit(&headers, tip(&chain[7]), tip(&chain[6]))
                .unwrap(),
            tip(&chain[7])
        );
    }

    #[test]
    fn a_change_on_another_fork_is_ignored_and_delay_zero_is_immediate() {
        let mut headers = MapHeaders::default();
        let genesis = genesis();
        headers.0.insert(genesis.hash(), genesis.clone());
        let main = headers.extend(&genesis, 6, 0, &[]);
        // A fork off block 2 schedules a change; the main chain does not.
        let fork = headers.extend(&main[1], 4, 1, &[(4, scheduled(0, &[9]))]);
        let mut set = AuthoritySet::new(0, authorities(&[1]), tip(&genesis));
        assert_eq!(
            set.vote_limit(&headers, tip(&fork[3]), tip(&genesis))
                .unwrap(),
            tip(&fork[1])
        );
        assert_eq!(
            set.vote_limit(&headers, tip(&main[5]), tip(&genesis))
                .unwrap(),
            tip(&main[5])
        );
        assert!(set
            .on_finalized(&headers, tip(&main[5]))
            .unwrap()
            .is_empty());
        assert_eq!(set.set_id, 0);

        // Delay 0 hands over at the signalling block itself.
        let next = headers.extend(&main[5], 2, 0, &[(7, scheduled(0, &[9]))]);
        let enacted = set.on_finalized(&headers, tip(&next[1])).unwrap();
        assert_eq!(enacted.len(), 1);
        assert_eq!(enacted[0].block, tip(&next[0]));
        assert_eq!(set.set_id, 1);
    }

    #[test]
    fn finality_that_does_not_descend_is_a_safety_error() {
        let mut headers = MapHeaders::default();
        let genesis = genesis();
        headers.0.insert(genesis.hash(), genesis.clone());
        let main = headers.extend(&genesis, 3, 0, &[]);
        let fork = headers.extend(&main[0], 3, 1, &[]);
        let mut set = AuthoritySet::new(0, authorities(&[1]), tip(&genesis));
        set.on_finalized(&headers, tip(&main[2])).unwrap();
        assert!(matches!(
            set.on_finalized(&headers, tip(&fork[2])),
            Err(GrandpaError::Safety(_))
        ));
    }

    #[test]
    fn a_forced_change_is_not_applied_twice() {
        let mut headers = MapHeaders::default();
        let genesis = genesis();
        headers.0.insert(genesis.hash(), genesis.clone());
        let forced = DigestItem::Consensus(
            GRANDPA_ENGINE_ID,
            ConsensusLog::<BlockNumber>::ForcedChange(
                0,
                ScheduledChange {
                    next_authorities: authorities(&[5]),
                    delay: 1,
                },
            )
            .encode(),
        );
        let chain = headers.extend(&genesis, 4, 0, &[(2, forced)]);
        let change = signalled_change(&chain[1]).unwrap();
        assert_eq!(change.kind, ChangeKind::Forced { median: 0 });
        let mut set = AuthoritySet::new(0, authorities(&[1]), tip(&genesis));
        set.enact(change, tip(&chain[2]));
        assert_eq!(set.set_id, 1);
        assert!(set
            .on_finalized(&headers, tip(&chain[3]))
            .unwrap()
            .is_empty());
        assert_eq!(set.set_id, 1);
    }
}
