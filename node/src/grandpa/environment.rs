//! finality-grandpa's view of this node: block ancestry from the client, the block to
//! vote for, timers, the signed vote stream of each round, persistence of own votes and
//! completed rounds, and what finalizing a block means here.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use finality_grandpa::voter::{CommunicationOut, RoundData};
use finality_grandpa::voter_set::VoterSet;
use finality_grandpa::{Chain, Equivocation, HistoricalVotes, Message};
use futures::stream::BoxStream;
use futures::{FutureExt, Sink, StreamExt};
use sp_consensus_grandpa::{
    localized_payload, AuthorityId, AuthorityPair, AuthoritySignature, Precommit, Prevote,
    PrimaryPropose, SetId, SignedMessage,
};
use sp_core::Pair as _;
use sp_runtime::traits::Header as _;
use taonet_runtime::{BlockNumber, Hash, Header};

use super::handle::GrandpaHandle;
use super::messages::{CommitMessage, GossipMessage, VoteMessage};
use super::router::RoundRouter;
use super::store::VoterStore;
use super::transport::GrandpaNetwork;
use super::{justification, GrandpaConfig, GrandpaError};
use crate::chain::Client;

/// How the voter of one set stops: a real failure, or a set change (then it restarts).
#[derive(Debug, thiserror::Error)]
pub(crate) enum VoterError {
    /// Something failed; the voter task ends with it.
    #[error(transparent)]
    Fatal(#[from] GrandpaError),
    /// A new authority set took office; the voter restarts for it.
    #[error("authority set {0} took office")]
    SetChanged(SetId),
}

impl From<finality_grandpa::Error> for VoterError {
    fn from(error: finality_grandpa::Error) -> Self {
        VoterError::Fatal(GrandpaError::Voter(error))
    }
}

impl From<crate::chain::ChainError> for VoterError {
    fn from(error: crate::chain::ChainError) -> Self {
        VoterError::Fatal(error.into())
    }
}

/// A timer the voter waits on.
pub(crate) type Timer = Pin<Box<dyn Future<Output = Result<(), VoterError>> + Send>>;

fn timer(after: Duration) -> Timer {
    Box::pin(tokio::time::sleep(after).map(Ok))
}

/// The environment of the voter of one authority set.
pub(crate) struct Environment<N: GrandpaNetwork> {
    /// The chain: ancestry, best block, finalization.
    pub client: Arc<Client>,
    /// Shared state: the set's vote limit, finalizing with a justification.
    pub handle: GrandpaHandle,
    /// The set voting.
    pub set_id: SetId,
    /// Its members and weights.
    pub voters: VoterSet<AuthorityId>,
    /// This node's key, if it is a member (else it only observes).
    pub local: Option<AuthorityPair>,
    /// Validated votes per round.
    pub router: Arc<RoundRouter>,
    /// Own votes and completed rounds, persisted.
    pub store: Arc<VoterStore>,
    /// Where votes go.
    pub network: Arc<N>,
    /// Timings and voting rule.
    pub config: GrandpaConfig,
}

impl<N: GrandpaNetwork> Environment<N> {
    /// Block `hash`'s header, or `None` when unknown or unreadable.
    fn header(&self, hash: &Hash) -> Option<Header> {
        self.client.header(hash).ok().flatten()
    }

    /// The ancestor of `from` at `number` (`from` itself when at that height).
    fn ancestor_at(
        &self,
        from: (Hash, BlockNumber),
        number: BlockNumber,
    ) -> Option<(Hash, BlockNumber)> {
        let mut cursor = from;
        while cursor.1 > number {
            let header = self.header(&cursor.0)?;
            cursor = (*header.parent_hash(), cursor.1.saturating_sub(1));
        }
        Some(cursor)
    }

    fn best_chain(&self, base: Hash) -> Result<Option<(Hash, BlockNumber)>, GrandpaError> {
        let Some(base_header) = self.header(&base) else {
            return Ok(None);
        };
        let base_tip = (base, *base_header.number());
        let info = self.client.info();
        let best = (info.best.hash, info.best.number);
        let mut target = if self.is_equal_or_descendent_of(base, best.0) {
            best
        } else {
            base_tip
        };
        // Vote a few blocks behind the best: the tip may still be reorganised away.
        let lagged = target
            .1
            .saturating_sub(self.config.vote_lag)
            .max(base_tip.1);
        if lagged < target.1 {
            target = self.ancestor_at(target, lagged).unwrap_or(base_tip);
        }
        // Never past the hand-over block of a pending set change.
        let finalized = (info.finalized.hash, info.finalized.number);
        if target.1 > finalized.1 {
            let limit = self.handle.vote_limit(target, finalized)?;
            target = if limit.1 < base_tip.1 {
                base_tip
            } else {
                limit
            };
        }
        Ok(Some(target))
    }
}

impl<N: GrandpaNetwork> Chain<Hash, BlockNumber> for Environment<N> {
    fn ancestry(&self, base: Hash, block: Hash) -> Result<Vec<Hash>, finality_grandpa::Error> {
        let base_number = *self
            .header(&base)
            .ok_or(finality_grandpa::Error::NotDescendent)?
            .number();
        let mut route = Vec::new();
        let mut cursor = block;
        while cursor != base {
            let header = self
                .header(&cursor)
                .ok_or(finality_grandpa::Error::NotDescendent)?;
            if *header.number() <= base_number {
                return Err(finality_grandpa::Error::NotDescendent);
            }
            cursor = *header.parent_hash();
            route.push(cursor);
        }
        // From `block`'s parent down to, but not including, `base`.
        route.pop();
        Ok(route)
    }
}

impl<N: GrandpaNetwork> finality_grandpa::voter::Environment<Hash, BlockNumber> for Environment<N> {
    type Timer = Timer;
    type BestChain = futures::future::Ready<Result<Option<(Hash, BlockNumber)>, VoterError>>;
    type Id = AuthorityId;
    type Signature = AuthoritySignature;
    type In = BoxStream<'static, Result<SignedMessage<Header>, VoterError>>;
    type Out = OutgoingVotes<N>;
    type Error = VoterError;

    fn best_chain_containing(&self, base: Hash) -> Self::BestChain {
        futures::future::ready(self.best_chain(base).map_err(VoterError::Fatal))
    }

    fn round_data(&self, round: u64) -> RoundData<Self::Id, Self::Timer, Self::In, Self::Out> {
        let local = self
            .local
            .clone()
            .filter(|pair| self.voters.contains(&pair.public()));
        let gossip = self.config.gossip_duration;
        RoundData {
            voter_id: local.as_ref().map(|pair| pair.public()),
            prevote_timer: timer(gossip.saturating_mul(2)),
            precommit_timer: timer(gossip.saturating_mul(4)),
            incoming: self.router.subscribe(round).map(Ok).boxed(),
            outgoing: OutgoingVotes {
                round,
                set_id: self.set_id,
                local,
                store: self.store.clone(),
                router: self.router.clone(),
                network: self.network.clone(),
            },
        }
    }

    fn round_commit_timer(&self) -> Self::Timer {
        // Voters wait in turn (by their place in the set), so usually one commit is sent.
        let place = self
            .local
            .as_ref()
            .and_then(|pair| self.voters.get(&pair.public()))
            .map_or(self.voters.len().get(), |info| info.position());
        let place = u32::try_from(place).unwrap_or(u32::MAX);
        timer(self.config.gossip_duration.saturating_mul(place))
    }

    fn proposed(&self, round: u64, propose: PrimaryPropose<Header>) -> Result<(), VoterError> {
        self.store
            .record_vote(round, Message::PrimaryPropose(propose))?;
        Ok(())
    }

    fn prevoted(&self, round: u64, prevote: Prevote<Header>) -> Result<(), VoterError> {
        self.store.record_vote(round, Message::Prevote(prevote))?;
        Ok(())
    }

    fn precommitted(&self, round: u64, precommit: Precommit<Header>) -> Result<(), VoterError> {
        self.store
            .record_vote(round, Message::Precommit(precommit))?;
        Ok(())
    }

    fn completed(
        &self,
        round: u64,
        _state: finality_grandpa::round::State<Hash, BlockNumber>,
        base: (Hash, BlockNumber),
        votes: &HistoricalVotes<Hash, BlockNumber, AuthoritySignature, AuthorityId>,
    ) -> Result<(), VoterError> {
        tracing::debug!(target: "consensus::grandpa", set_id = self.set_id, round, "round completed");
        self.store.complete(round, base, votes.seen())?;
        Ok(())
    }

    fn concluded(
        &self,
        round: u64,
        _state: finality_grandpa::round::State<Hash, BlockNumber>,
        base: (Hash, BlockNumber),
        votes: &HistoricalVotes<Hash, BlockNumber, AuthoritySignature, AuthorityId>,
    ) -> Result<(), VoterError> {
        self.store.complete(round, base, votes.seen())?;
        Ok(())
    }

    fn finalize_block(
        &self,
        hash: Hash,
        number: BlockNumber,
        round: u64,
        commit: sp_consensus_grandpa::Commit<Header>,
    ) -> Result<(), VoterError> {
        if number <= self.client.info().finalized.number {
            return Ok(());
        }
        let justification = justification::build(&*self.client, round, commit)?;
        let enacted = self.handle.finalize(hash, number, justification)?;
        tracing::info!(target: "consensus::grandpa", number, %hash, round, set_id = self.set_id, "finalized");
        match enacted.last() {
            Some(change) => Err(VoterError::SetChanged(change.set_id)),
            None => Ok(()),
        }
    }

    fn prevote_equivocation(
        &self,
        round: u64,
        equivocation: Equivocation<AuthorityId, Prevote<Header>, AuthoritySignature>,
    ) {
        tracing::warn!(
            target: "consensus::grandpa",
            round, set_id = self.set_id, voter = %equivocation.identity,
            "prevote equivocation"
        );
    }

    fn precommit_equivocation(
        &self,
        round: u64,
        equivocation: Equivocation<AuthorityId, Precommit<Header>, AuthoritySignature>,
    ) {
        tracing::warn!(
            target: "consensus::grandpa",
            round, set_id = self.set_id, voter = %equivocation.identity,
            "precommit equivocation"
        );
    }
}

/// Where the voter puts the votes of one round: each is checked against the votes this
/// node already cast in the round (the first of each kind stands), signed, gossiped, and
/// fed back to the round as an incoming vote.
pub(crate) struct OutgoingVotes<N> {
    round: u64,
    set_id: SetId,
    local: Option<AuthorityPair>,
    store: Arc<VoterStore>,
    router: Arc<RoundRouter>,
    network: Arc<N>,
}

impl<N: GrandpaNetwork> Sink<Message<Hash, BlockNumber>> for OutgoingVotes<N> {
    type Error = VoterError;

    fn poll_ready(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), VoterError>> {
        Poll::Ready(Ok(()))
    }

    fn start_send(
        self: Pin<&mut Self>,
        message: Message<Hash, BlockNumber>,
    ) -> Result<(), VoterError> {
        let Some(pair) = &self.local else {
            return Ok(());
        };
        let message = self.store.record_vote(self.round, message)?;
        let signature = pair.sign(&localized_payload(self.round, self.set_id, &message));
        let signed = SignedMessage::<Header> {
            message,
            signature,
            id: pair.public(),
        };
        self.router.push(self.round, signed.clone(), true);
        self.network.broadcast(&GossipMessage::Vote(VoteMessage {
            round: self.round,
            set_id: self.set_id,
            message: signed,
        }));
        Ok(())
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), VoterError>> {
        Poll::Ready(Ok(()))
    }

    fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), VoterError>> {
        Poll::Ready(Ok(()))
    }
}

/// Where the voter puts its commits: gossiped to every peer.
pub(crate) struct OutgoingCommits<N> {
    pub set_id: SetId,
    pub network: Arc<N>,
}

type Out = CommunicationOut<Hash, BlockNumber, AuthoritySignature, AuthorityId>;

impl<N: GrandpaNetwork> Sink<Out> for OutgoingCommits<N> {
    type Error = VoterError;

    fn poll_ready(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), VoterError>> {
        Poll::Ready(Ok(()))
    }

    fn start_send(self: Pin<&mut Self>, item: Out) -> Result<(), VoterError> {
        let CommunicationOut::Commit(round, commit) = item;
        tracing::debug!(
            target: "consensus::grandpa",
            round, number = commit.target_number, "gossiping commit"
        );
        self.network
            .broadcast(&GossipMessage::Commit(CommitMessage {
                round,
                set_id: self.set_id,
                commit: commit.into(),
            }));
        Ok(())
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), VoterError>> {
        Poll::Ready(Ok(()))
    }

    fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), VoterError>> {
        Poll::Ready(Ok(()))
    }
}
