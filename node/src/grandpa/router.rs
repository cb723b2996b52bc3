//! Routes validated votes to the voting rounds of one authority set.
//!
//! Peers move between rounds at slightly different times, so a vote for a round this
//! voter has not opened yet is kept and replayed when it opens it. Each round keeps every
//! distinct vote (at most a few per voter: an equivocation is two), which also lets the
//! voter re-gossip its own votes to peers that missed them.

use std::collections::BTreeMap;

use futures::channel::mpsc;
use parking_lot::Mutex;
use sp_consensus_grandpa::{RoundNumber, SignedMessage};
use taonet_runtime::Header;

/// Votes kept per voter and round: two prevotes, two precommits (an equivocation shows
/// both) and a primary proposal.
const MAX_PER_VOTER: usize = 5;

/// How many rounds below the best one stay open for late votes (a completed round keeps
/// collecting votes until its estimate is finalized).
const ROUNDS_BEHIND: RoundNumber = 2;

/// How far ahead of the best round votes are kept.
pub(crate) const ROUNDS_AHEAD: RoundNumber = 1;

/// Where a round lies relative to the voter's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Window {
    /// Too old to matter.
    Past,
    /// Being voted in (or about to be).
    Live,
    /// Further ahead than we are: peers are ahead, so catch up.
    Future,
}

struct Stored {
    message: SignedMessage<Header>,
    local: bool,
}

#[derive(Default)]
struct Slot {
    messages: Vec<Stored>,
    subscribers: Vec<mpsc::UnboundedSender<SignedMessage<Header>>>,
}

#[derive(Default)]
struct Inner {
    rounds: BTreeMap<RoundNumber, Slot>,
    best: RoundNumber,
}

/// The per-round vote buffers and subscribers of one set's voter.
#[derive(Default)]
pub(crate) struct RoundRouter {
    inner: Mutex<Inner>,
}

impl RoundRouter {
    /// The votes of `round`: those already received, then each new one. Opening a round
    /// past the best one moves the window.
    pub fn subscribe(&self, round: RoundNumber) -> mpsc::UnboundedReceiver<SignedMessage<Header>> {
        let (sender, receiver) = mpsc::unbounded();
        let mut inner = self.inner.lock();
        if round > inner.best {
            inner.best = round;
            let keep_from = round.saturating_sub(ROUNDS_BEHIND);
            inner.rounds = inner.rounds.split_off(&keep_from);
        }
        let slot = inner.rounds.entry(round).or_default();
        for stored in &slot.messages {
            let _ = sender.unbounded_send(stored.message.clone());
        }
        slot.subscribers.push(sender);
        receiver
    }

    /// The highest round opened.
    pub fn best_round(&self) -> RoundNumber {
        self.inner.lock().best
    }

    /// Where `round` lies.
    pub fn window(&self, round: RoundNumber) -> Window {
        let best = self.inner.lock().best;
        if round.saturating_add(ROUNDS_BEHIND) < best {
            Window::Past
        } else if round > best.saturating_add(ROUNDS_AHEAD) {
            Window::Future
        } else {
            Window::Live
        }
    }

    /// Adds a (validated) vote of `round` and hands it to the round's subscribers;
    /// `local` marks this node's own. Returns whether it was new and kept.
    pub fn push(&self, round: RoundNumber, message: SignedMessage<Header>, local: bool) -> bool {
        if self.window(round) != Window::Live {
            return false;
        }
        let mut inner = self.inner.lock();
        let slot = inner.rounds.entry(round).or_default();
        if slot.messages.iter().any(|s| s.message == message) {
            return false;
        }
        let from_same = slot
            .messages
            .iter()
            .filter(|s| s.message.id == message.id)
            .count();
        if from_same >= MAX_PER_VOTER {
            return false;
        }
        slot.subscribers
            .retain(|sender| sender.unbounded_send(message.clone()).is_ok());
        slot.messages.push(Stored { message, local });
        true
    }

    /// This node's own votes from `round` on, to gossip again.
    pub fn local_votes(&self, from: RoundNumber) -> Vec<(RoundNumber, SignedMessage<Header>)> {
        let inner = self.inner.lock();
        inner
            .rounds
            .range(from..)
            .flat_map(|(round, slot)| {
                slot.messages
                    .iter()
                    .filter(|s| s.local)
                    .map(move |s| (*round, s.message.clone()))
            })
            .collect()
    }
}
