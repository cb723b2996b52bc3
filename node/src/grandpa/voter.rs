//! The GRANDPA task: runs finality-grandpa's voter for the authority set in office,
//! feeds it validated messages from the network, answers and asks for catch-ups,
//! gossips neighbor packets and re-gossips its own votes, sends them to each peer that
//! joins, and restarts the voter when the set changes.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use finality_grandpa::voter::{
    Callback, CatchUpProcessingOutcome, CommitProcessingOutcome, CommunicationIn, Voter,
};
use finality_grandpa::voter_set::VoterSet;
use finality_grandpa::{Message, SignedPrecommit, SignedPrevote};
use futures::channel::mpsc;
use futures::StreamExt;
use sp_consensus_grandpa::{
    AuthorityId, AuthorityPair, AuthoritySignature, CatchUp, CompactCommit, RoundNumber, SetId,
    SignedMessage,
};
use sp_core::Pair as _;
use taonet_runtime::{BlockNumber, Hash, Header};
use tokio::sync::broadcast::error::RecvError;
use tokio::time::Instant;

use super::authorities::{signalled_change, AuthoritySet, ChangeKind, PendingChange};
use super::environment::{Environment, OutgoingCommits, VoterError};
use super::handle::GrandpaHandle;
use super::messages::{
    CatchUpMessage, CatchUpRequest, CommitMessage, GossipMessage, NeighborPacket, VoteMessage,
};
use super::once_per_peer::OncePerPeer;
use super::router::{RoundRouter, Window};
use super::store::VoterStore;
use super::transport::{GrandpaNetwork, Inbound, Incoming, Offence, Verdict};
use super::{GrandpaConfig, GrandpaError};
use crate::chain::{ChainEvent, Client};

/// How often one peer is greeted with this node's votes at most, however often it joins:
/// a peer that reconnects in a loop gets them at most this often. A second, so that a
/// peer returning soon after it left is greeted again.
const GREET_EVERY: Duration = Duration::from_secs(1);

/// Votes and commits kept while the blocks they name are not imported yet.
const MAX_WAITING: usize = 1024;

/// Everything [`run_voter`] needs.
pub struct GrandpaParams<N: GrandpaNetwork> {
    /// The chain to finalize.
    pub client: Arc<Client>,
    /// The transport.
    pub network: Arc<N>,
    /// This node's `gran` keys; the one in the set in office votes. None: an observer
    /// that follows commits and finalizes with them.
    pub keys: Vec<AuthorityPair>,
    /// Timings.
    pub config: GrandpaConfig,
    /// The shared state (also given to sync and RPC).
    pub handle: GrandpaHandle,
}

/// Runs GRANDPA until the network's message stream or the chain's event stream ends or
/// a fatal error occurs; the node spawns it as a critical task.
pub async fn run_voter<N: GrandpaNetwork>(params: GrandpaParams<N>) -> Result<(), GrandpaError> {
    let GrandpaParams {
        client,
        network,
        keys,
        config,
        handle,
    } = params;
    // The published voter state refers back to the handle; clear it however this task
    // ends (even aborted), or the two keep each other, and the database, alive.
    let _clear = ClearVoterState(handle.clone());
    let mut incoming = network.incoming();
    let mut events = client.subscribe();
    let mut forced = ForcedWatch::scan(&client, &handle)?;
    let mut ticker = tokio::time::interval(config.rebroadcast_interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        handle.note_finalized()?;
        let mut session = Session::start(&client, &network, &keys, &config, &handle)?;
        network.set_changed(session.set_id);
        tracing::info!(
            target: "consensus::grandpa",
            set_id = session.set_id, voting = session.env.local.is_some(),
            "GRANDPA voter started"
        );
        let ended = loop {
            tokio::select! {
                biased;
                ended = &mut session.voter => break ended,
                event = events.recv() => {
                    match event {
                        Ok(ChainEvent::Imported(imported)) => {
                            if imported.new_best {
                                forced.note(&imported.block.header);
                            }
                            session.blocks_imported();
                        }
                        Ok(ChainEvent::Finalized { .. }) => {}
                        Err(RecvError::Lagged(_)) => session.blocks_imported(),
                        Err(RecvError::Closed) => return Err(GrandpaError::Ended("chain events")),
                    }
                    handle.note_finalized()?;
                    if let Some((change, block)) = forced.due(&client)? {
                        handle.apply_forced(change, block)?;
                    }
                    if handle.set_id() != session.set_id {
                        break Err(VoterError::SetChanged(handle.set_id()));
                    }
                }
                inbound = incoming.next() => match inbound {
                    Some(Inbound::Joined(peer)) => session.greet(&peer),
                    Some(Inbound::Message(message)) => {
                        let relay = message.relay;
                        let verdict = session.on_message(message)?;
                        if let Some(ticket) = relay {
                            network.judged(ticket, verdict);
                        }
                    }
                    None => return Err(GrandpaError::Ended("network messages")),
                },
                _ = ticker.tick() => session.tick(),
            }
        };
        handle.set_voter_state(None);
        match ended {
            Err(VoterError::SetChanged(set_id)) => {
                tracing::info!(target: "consensus::grandpa", set_id, "restarting the voter for the new set");
            }
            Err(VoterError::Fatal(error)) => return Err(error),
            Ok(()) => return Err(GrandpaError::Ended("voter")),
        }
    }
}

/// Clears the handle's voter state when dropped.
struct ClearVoterState(GrandpaHandle);

impl Drop for ClearVoterState {
    fn drop(&mut self) {
        self.0.set_voter_state(None);
    }
}

type BoxedVoter = Pin<Box<dyn Future<Output = Result<(), VoterError>> + Send>>;
type In = CommunicationIn<Hash, BlockNumber, AuthoritySignature, AuthorityId>;

/// The voter of one authority set and the message handling around it.
struct Session<N: GrandpaNetwork> {
    set_id: SetId,
    voters: VoterSet<AuthorityId>,
    env: Arc<Environment<N>>,
    voter: BoxedVoter,
    global_in: mpsc::UnboundedSender<In>,
    waiting_votes: Vec<(RoundNumber, SignedMessage<Header>)>,
    waiting_commits: Vec<(N::Peer, CommitMessage)>,
    catch_up_asked: Option<Instant>,
    catch_up_served: OncePerPeer<N::Peer>,
    /// Peers that joined and were sent this node's position and votes.
    greeted: OncePerPeer<N::Peer>,
    /// The unfinalized hand-over block seen at the last tick: still there at the next one,
    /// its justification is fetched.
    awaited: Option<(Hash, BlockNumber)>,
}

impl<N: GrandpaNetwork> Session<N> {
    fn start(
        client: &Arc<Client>,
        network: &Arc<N>,
        keys: &[AuthorityPair],
        config: &GrandpaConfig,
        handle: &GrandpaHandle,
    ) -> Result<Self, GrandpaError> {
        let set: AuthoritySet = handle.authority_set();
        let voters = set.voter_set().ok_or(GrandpaError::EmptySet(set.set_id))?;
        let store = Arc::new(VoterStore::open(client.clone(), set.set_id)?);
        let local = keys.iter().find(|k| set.contains(&k.public())).cloned();
        let env = Arc::new(Environment {
            client: client.clone(),
            handle: handle.clone(),
            set_id: set.set_id,
            voters: voters.clone(),
            local,
            router: Arc::new(RoundRouter::default()),
            store: store.clone(),
            network: network.clone(),
            config: config.clone(),
        });
        let finalized = client.info().finalized;
        let last_finalized = if finalized.number >= set.start.1 {
            (finalized.hash, finalized.number)
        } else {
            set.start
        };
        let (round, votes, base) = match store.completed() {
            Some(completed) => (completed.number, completed.votes, completed.base),
            None => (0, Vec::new(), last_finalized),
        };
        let (global_in, global_in_rx) = mpsc::unbounded();
        let voter = Voter::new(
            env.clone(),
            voters.clone(),
            (
                global_in_rx.map(Ok::<In, VoterError>),
                OutgoingCommits {
                    set_id: set.set_id,
                    network: network.clone(),
                },
            ),
            round,
            votes,
            base,
            last_finalized,
        );
        handle.set_voter_state(Some((
            set.set_id,
            set.authorities.clone(),
            voter.voter_state(),
        )));
        let catch_up_served = OncePerPeer::new(env.config.catch_up_timeout);
        let greeted = OncePerPeer::new(GREET_EVERY);
        Ok(Session {
            set_id: set.set_id,
            voters,
            env,
            voter: Box::pin(voter),
            global_in,
            waiting_votes: Vec::new(),
            waiting_commits: Vec::new(),
            catch_up_asked: None,
            catch_up_served,
            greeted,
            awaited: None,
        })
    }

    fn client(&self) -> &Client {
        &self.env.client
    }

    fn known(&self, hash: &Hash) -> bool {
        matches!(self.client().header(hash), Ok(Some(_)))
    }

    /// Whether `signature` by `id` signs `message` in `round` of this set.
    fn signed(
        &self,
        message: &Message<Hash, BlockNumber>,
        round: RoundNumber,
        id: &AuthorityId,
        signature: &AuthoritySignature,
    ) -> bool {
        let payload = sp_consensus_grandpa::localized_payload(round, self.set_id, message);
        AuthorityPair::verify(signature, &payload, id)
    }

    /// Checks membership and signature of one vote; reports the sender when it fails.
    fn check_vote(
        &self,
        from: &N::Peer,
        message: &Message<Hash, BlockNumber>,
        round: RoundNumber,
        id: &AuthorityId,
        signature: &AuthoritySignature,
    ) -> bool {
        if !self.voters.contains(id) {
            self.env.network.report(from, Offence::UnknownVoter);
            return false;
        }
        if !self.signed(message, round, id, signature) {
            self.env.network.report(from, Offence::BadSignature);
            return false;
        }
        true
    }

    /// Handles one message from a peer, and says whether it is worth relaying: only
    /// votes and commits of this set whose every signature checks out are.
    fn on_message(&mut self, incoming: Incoming<N::Peer>) -> Result<Verdict, GrandpaError> {
        let Incoming { from, bytes, .. } = incoming;
        let message = match GossipMessage::from_bytes(&bytes) {
            Ok(message) => message,
            Err(error) => {
                tracing::debug!(target: "consensus::grandpa", ?from, %error, "junk message");
                self.env.network.report(&from, Offence::Undecodable);
                return Ok(Verdict::Drop);
            }
        };
        if message.set_id() != self.set_id {
            // Another set's business (a peer behind or ahead of us): not an offence.
            return Ok(Verdict::Keep);
        }
        Ok(match message {
            GossipMessage::Vote(vote) => self.on_vote(from, vote),
            GossipMessage::Commit(commit) => self.on_commit(from, commit),
            GossipMessage::Neighbor(neighbor) => {
                self.on_neighbor(from, neighbor);
                Verdict::Keep
            }
            GossipMessage::CatchUpRequest(request) => {
                self.on_catch_up_request(from, request);
                Verdict::Keep
            }
            GossipMessage::CatchUp(catch_up) => self.on_catch_up(from, catch_up),
        })
    }

    fn on_vote(&mut self, from: N::Peer, vote: VoteMessage) -> Verdict {
        let VoteMessage { round, message, .. } = vote;
        let window = self.env.router.window(round);
        if window == Window::Past {
            return Verdict::Keep;
        }
        if !self.check_vote(
            &from,
            &message.message,
            round,
            &message.id,
            &message.signature,
        ) {
            return Verdict::Drop;
        }
        if window == Window::Future {
            // A voter is rounds ahead of us: we missed rounds, so catch up. Like a past
            // round's, such a vote is no use to peers as far behind as we are.
            self.ask_catch_up(&from);
            return Verdict::Keep;
        }
        if self.known(message.target().0) {
            self.env.router.push(round, message, false);
        } else {
            if self.waiting_votes.len() >= MAX_WAITING {
                self.waiting_votes.remove(0);
            }
            self.waiting_votes.push((round, message));
        }
        Verdict::Relay
    }

    fn on_commit(&mut self, from: N::Peer, commit: CommitMessage) -> Verdict {
        if commit.commit.target_number <= self.client().info().finalized.number {
            return Verdict::Keep;
        }
        let CompactCommit::<Header> {
            precommits,
            auth_data,
            ..
        } = &commit.commit;
        if precommits.is_empty() || precommits.len() != auth_data.len() {
            self.env.network.report(&from, Offence::BadCommit);
            return Verdict::Drop;
        }
        for (precommit, (signature, id)) in precommits.iter().zip(auth_data) {
            let message = Message::Precommit(precommit.clone());
            if !self.check_vote(&from, &message, commit.round, id, signature) {
                return Verdict::Drop;
            }
        }
        if self.commit_blocks_known(&commit) {
            self.send_commit(from, commit);
        } else {
            if self.waiting_commits.len() >= MAX_WAITING {
                self.waiting_commits.remove(0);
            }
            self.waiting_commits.push((from, commit));
        }
        Verdict::Relay
    }

    fn commit_blocks_known(&self, commit: &CommitMessage) -> bool {
        self.known(&commit.commit.target_hash)
            && commit
                .commit
                .precommits
                .iter()
                .all(|p| self.known(&p.target_hash))
    }

    fn send_commit(&self, from: N::Peer, commit: CommitMessage) {
        let network = self.env.network.clone();
        let callback = Callback::Work(Box::new(move |outcome| {
            if let CommitProcessingOutcome::Bad(_) = outcome {
                network.report(&from, Offence::BadCommit);
            }
        }));
        let _ = self.global_in.unbounded_send(CommunicationIn::Commit(
            commit.round,
            commit.commit,
            callback,
        ));
    }

    fn on_neighbor(&mut self, from: N::Peer, neighbor: NeighborPacket) {
        if self.env.router.window(neighbor.round) == Window::Future {
            self.ask_catch_up(&from);
        }
        if neighbor.finalized < self.client().info().finalized.number {
            if let Some(commit) = self
                .env
                .handle
                .last_commit()
                .filter(|c| c.set_id == self.set_id)
            {
                self.env
                    .network
                    .send_to(&from, &GossipMessage::Commit(commit));
            }
        }
    }

    /// Asks `peer` (who is ahead) for a catch-up, unless a request is still outstanding.
    fn ask_catch_up(&mut self, peer: &N::Peer) {
        let now = Instant::now();
        if self
            .catch_up_asked
            .is_some_and(|at| now.duration_since(at) < self.env.config.catch_up_timeout)
        {
            return;
        }
        self.catch_up_asked = Some(now);
        let round = self.env.router.best_round();
        tracing::debug!(target: "consensus::grandpa", ?peer, round, "asking for a catch-up");
        self.env.network.send_to(
            peer,
            &GossipMessage::CatchUpRequest(CatchUpRequest {
                set_id: self.set_id,
                round,
            }),
        );
    }

    fn on_catch_up_request(&mut self, from: N::Peer, request: CatchUpRequest) {
        let Some(completed) = self.env.store.completed() else {
            return;
        };
        if completed.number <= request.round {
            return;
        }
        if !self.catch_up_served.admit(&from, Instant::now()) {
            return;
        }
        let mut prevotes = Vec::new();
        let mut precommits = Vec::new();
        for vote in completed.votes {
            match vote.message {
                Message::Prevote(prevote) => prevotes.push(SignedPrevote {
                    prevote,
                    signature: vote.signature,
                    id: vote.id,
                }),
                Message::Precommit(precommit) => precommits.push(SignedPrecommit {
                    precommit,
                    signature: vote.signature,
                    id: vote.id,
                }),
                Message::PrimaryPropose(_) => {}
            }
        }
        if prevotes.is_empty() || precommits.is_empty() {
            return;
        }
        self.env.network.send_to(
            &from,
            &GossipMessage::CatchUp(CatchUpMessage {
                set_id: self.set_id,
                catch_up: CatchUp::<Header> {
                    round_number: completed.number,
                    prevotes,
                    precommits,
                    base_hash: completed.base.0,
                    base_number: completed.base.1,
                },
            }),
        );
    }

    /// Checks and applies a catch-up; it is meant for this node alone, so it is never
    /// relayed, and dropped if a signature fails.
    fn on_catch_up(&mut self, from: N::Peer, message: CatchUpMessage) -> Verdict {
        let catch_up = message.catch_up;
        let round = catch_up.round_number;
        if round <= self.env.router.best_round() {
            return Verdict::Keep;
        }
        for vote in &catch_up.prevotes {
            let m = Message::Prevote(vote.prevote.clone());
            if !self.check_vote(&from, &m, round, &vote.id, &vote.signature) {
                return Verdict::Drop;
            }
        }
        for vote in &catch_up.precommits {
            let m = Message::Precommit(vote.precommit.clone());
            if !self.check_vote(&from, &m, round, &vote.id, &vote.signature) {
                return Verdict::Drop;
            }
        }
        let known = self.known(&catch_up.base_hash)
            && catch_up
                .prevotes
                .iter()
                .all(|v| self.known(&v.prevote.target_hash))
            && catch_up
                .precommits
                .iter()
                .all(|v| self.known(&v.precommit.target_hash));
        if !known {
            return Verdict::Keep;
        }
        tracing::debug!(target: "consensus::grandpa", ?from, round, "catching up");
        self.catch_up_asked = None;
        let network = self.env.network.clone();
        let callback = Callback::Work(Box::new(move |outcome| {
            if let CatchUpProcessingOutcome::Bad(_) = outcome {
                network.report(&from, Offence::BadCatchUp);
            }
        }));
        let _ = self
            .global_in
            .unbounded_send(CommunicationIn::CatchUp(catch_up, callback));
        Verdict::Keep
    }

    /// New blocks: deliver the votes and commits that were waiting for them.
    fn blocks_imported(&mut self) {
        let waiting = std::mem::take(&mut self.waiting_votes);
        for (round, message) in waiting {
            if self.known(message.target().0) {
                self.env.router.push(round, message, false);
            } else {
                self.waiting_votes.push((round, message));
            }
        }
        let waiting = std::mem::take(&mut self.waiting_commits);
        for (from, commit) in waiting {
            if self.commit_blocks_known(&commit) {
                self.send_commit(from, commit);
            } else {
                self.waiting_commits.push((from, commit));
            }
        }
    }

    /// Periodic gossip: where we are, and our own votes of the live rounds again (peers
    /// whose greeting was lost get them); catch-ups served and peers greeted before the
    /// timeout are forgotten, so that their records stay as small as the set of recent
    /// peers. A set change whose hand-over block stayed unfinalized since the last tick
    /// has its justification fetched: its set has stopped voting, so no commit for it
    /// will come again.
    fn tick(&mut self) {
        let awaited = self.env.handle.awaited_hand_over().unwrap_or_else(|error| {
            tracing::debug!(target: "consensus::grandpa", %error, "no hand-over block read");
            None
        });
        if let Some((hash, number)) = awaited.filter(|block| self.awaited == Some(*block)) {
            tracing::debug!(
                target: "consensus::grandpa",
                number, %hash, "hand-over block unfinalized: fetching its justification"
            );
            self.env.network.request_justification(hash, number);
        }
        self.awaited = awaited;
        let now = Instant::now();
        self.catch_up_served.prune(now);
        self.greeted.prune(now);
        for message in self.position_and_votes() {
            self.env.network.broadcast(&message);
        }
    }

    /// Sends `peer`, which just joined, what [`Self::tick`] gossips: this node's position,
    /// so that either side sees whether it must catch up or be sent a commit, and its
    /// votes of the live rounds, which the peer missed while away. At most once per
    /// [`GREET_EVERY`] per peer.
    fn greet(&mut self, peer: &N::Peer) {
        let now = Instant::now();
        self.greeted.prune(now);
        if !self.greeted.admit(peer, now) {
            return;
        }
        tracing::debug!(target: "consensus::grandpa", ?peer, "peer joined: sending it our votes");
        for message in self.position_and_votes() {
            self.env.network.send_to(peer, &message);
        }
    }

    /// This node's neighbor packet and its own votes of the best round and the one
    /// before (each sent on its own, so a peer may receive them in any order).
    fn position_and_votes(&self) -> Vec<GossipMessage> {
        let round = self.env.router.best_round();
        let neighbor = GossipMessage::Neighbor(NeighborPacket {
            set_id: self.set_id,
            round,
            finalized: self.client().info().finalized.number,
        });
        let votes = self
            .env
            .router
            .local_votes(round.saturating_sub(1))
            .into_iter()
            .map(|(round, message)| {
                GossipMessage::Vote(VoteMessage {
                    round,
                    set_id: self.set_id,
                    message,
                })
            });
        std::iter::once(neighbor).chain(votes).collect()
    }
}

/// A forced change and the block it takes effect at.
type DueChange = (PendingChange, (Hash, BlockNumber));

/// Forced changes signalled on the unfinalized best chain; one takes effect when the
/// best chain reaches its block.
struct ForcedWatch {
    signals: Vec<PendingChange>,
}

impl ForcedWatch {
    /// Reads the forced signals between the finalized and the best block.
    fn scan(client: &Client, handle: &GrandpaHandle) -> Result<Self, GrandpaError> {
        let info = client.info();
        let mut watch = ForcedWatch {
            signals: Vec::new(),
        };
        let start = handle.authority_set().start.1;
        let route = super::authorities::route_down(
            client,
            info.best.hash,
            info.finalized.number.max(start),
        )?;
        for header in route.iter().rev() {
            watch.note(header);
        }
        Ok(watch)
    }

    /// Notes the forced signal of a new best block, if any.
    fn note(&mut self, header: &Header) {
        if let Some(change) = signalled_change(header) {
            if matches!(change.kind, ChangeKind::Forced { .. }) {
                self.signals.push(change);
            }
        }
    }

    /// The forced change due on the best chain, with its block, if any.
    fn due(&mut self, client: &Client) -> Result<Option<DueChange>, GrandpaError> {
        let info = client.info();
        let best = info.best.number;
        // Signals that left the best chain, or below finality, are dropped.
        let mut keep = Vec::new();
        let mut due = None;
        for change in std::mem::take(&mut self.signals) {
            if client.hash(change.signal_number)? != Some(change.signal_hash) {
                continue;
            }
            let effective = change.effective_number();
            if due.is_none() && effective <= best {
                if let Some(hash) = client.hash(effective)? {
                    due = Some((change, (hash, effective)));
                    continue;
                }
            }
            if effective > info.finalized.number {
                keep.push(change);
            }
        }
        self.signals = keep;
        Ok(due)
    }
}
