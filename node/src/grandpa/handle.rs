//! The shared face of GRANDPA inside the node: the authority set in office, finalizing
//! with a justification, importing justifications from sync, finality proofs, the voter's
//! round state, and justification notifications (for RPC).

use std::collections::BTreeSet;
use std::sync::Arc;

use codec::{Decode, Encode};
use finality_grandpa::voter::VoterState;
use parking_lot::Mutex;
use serde::Serialize;
use sp_consensus_grandpa::{
    AuthorityId, AuthorityList, GrandpaJustification, SetId, GRANDPA_ENGINE_ID,
};
use sp_core::crypto::Ss58Codec;
use sp_runtime::Justifications;
use taonet_runtime::{BlockNumber, Hash, Header};
use tokio::sync::broadcast;

use super::authorities::{AuthoritySet, Enacted, PendingChange};
use super::justification::{self, FinalityProof};
use super::messages::CommitMessage;
use super::{store, GrandpaError};
use crate::chain::{ChainError, Client};

/// How many justification notifications a slow subscriber may lag behind.
const NOTIFICATION_BUFFER: usize = 256;

/// How far `prove_finality` looks ahead for a justified block.
const PROOF_SEARCH: BlockNumber = 4096;

/// A block GRANDPA finalized, with its justification (what
/// `grandpa_subscribeJustifications` sends).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalizedJustification {
    /// The justified block.
    pub hash: Hash,
    /// Its number.
    pub number: BlockNumber,
    /// SCALE of its `GrandpaJustification`.
    pub encoded: Vec<u8>,
}

/// Prevote or precommit participation in a round, as `grandpa_roundState` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Participation {
    /// Weight of the votes received.
    pub current_weight: u32,
    /// Authorities (SS58) whose vote is missing.
    pub missing: BTreeSet<String>,
}

/// One round's state, as `grandpa_roundState` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundReport {
    /// The round number.
    pub round: u32,
    /// Total weight of the set.
    pub total_weight: u32,
    /// Weight needed for a supermajority.
    pub threshold_weight: u32,
    /// Prevotes.
    pub prevotes: Participation,
    /// Precommits.
    pub precommits: Participation,
}

/// The voter's state (Substrate's `ReportedRoundStates`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundStateReport {
    /// The set voting.
    pub set_id: u32,
    /// Its current round.
    pub best: RoundReport,
    /// Earlier rounds still collecting votes.
    pub background: Vec<RoundReport>,
}

type SharedVoterState = Box<dyn VoterState<AuthorityId> + Send + Sync>;

struct Inner {
    client: Arc<Client>,
    set: Mutex<AuthoritySet>,
    justifications: broadcast::Sender<FinalizedJustification>,
    voter: Mutex<Option<(SetId, AuthorityList, SharedVoterState)>>,
    last_commit: Mutex<Option<CommitMessage>>,
}

/// A cheap, clonable handle on GRANDPA's state, shared by the voter, sync (importing
/// justifications) and RPC.
#[derive(Clone)]
pub struct GrandpaHandle {
    inner: Arc<Inner>,
}

impl GrandpaHandle {
    /// Loads the persisted authority set, or (first start) reads it from the runtime at
    /// the last finalized block (`GrandpaApi_grandpa_authorities`,
    /// `GrandpaApi_current_set_id`) and persists it; then applies finality that happened
    /// while GRANDPA was not running.
    pub fn open(client: Arc<Client>) -> Result<Self, GrandpaError> {
        let set = match store::load_set(&client)? {
            Some(set) => set,
            None => {
                let finalized = client.info().finalized;
                let authorities: AuthorityList =
                    runtime_call(&client, &finalized.hash, "GrandpaApi_grandpa_authorities")?;
                let set_id: SetId =
                    runtime_call(&client, &finalized.hash, "GrandpaApi_current_set_id")?;
                let set =
                    AuthoritySet::new(set_id, authorities, (finalized.hash, finalized.number));
                store::save_set(&client, &set)?;
                set
            }
        };
        let (justifications, _) = broadcast::channel(NOTIFICATION_BUFFER);
        let handle = GrandpaHandle {
            inner: Arc::new(Inner {
                client,
                set: Mutex::new(set),
                justifications,
                voter: Mutex::new(None),
                last_commit: Mutex::new(None),
            }),
        };
        handle.note_finalized()?;
        Ok(handle)
    }

    /// The client GRANDPA finalizes.
    pub fn client(&self) -> &Arc<Client> {
        &self.inner.client
    }

    /// The authority set in office (with its pending changes).
    pub fn authority_set(&self) -> AuthoritySet {
        self.inner.set.lock().clone()
    }

    /// The id of the set in office.
    pub fn set_id(&self) -> SetId {
        self.inner.set.lock().set_id
    }

    /// Every justification from now on, as blocks are finalized by GRANDPA.
    pub fn subscribe_justifications(&self) -> broadcast::Receiver<FinalizedJustification> {
        self.inner.justifications.subscribe()
    }

    /// Verifies `encoded` (a `FRNK` justification received with block `hash`, e.g. by
    /// sync) against the set in office and, if it holds, finalizes the block with it;
    /// an authority-set change it completes takes effect. A block already final is left
    /// alone. Justifications must come in block order across set changes (the hand-over
    /// block of each set carries one).
    pub fn import_justification(&self, hash: Hash, encoded: &[u8]) -> Result<(), GrandpaError> {
        let client = &self.inner.client;
        let header = client
            .header(&hash)?
            .ok_or(GrandpaError::UnknownBlock(hash))?;
        let number = header.number;
        let finalized = client.info().finalized;
        if number <= finalized.number {
            return Ok(());
        }
        let set = self.authority_set();
        let justification =
            justification::verify(set.set_id, &set.authorities, (hash, number), encoded)?;
        let limit = set.vote_limit(
            &**client,
            (hash, number),
            (finalized.hash, finalized.number),
        )?;
        if limit != (hash, number) {
            return Err(GrandpaError::BeyondSetChange {
                block: number,
                hand_over: limit.1,
            });
        }
        self.finalize(hash, number, justification)?;
        Ok(())
    }

    /// A proof that block `number` is final: the first block at or above it that carries
    /// a GRANDPA justification, with the headers in between; `None` when `number` is not
    /// final or no justification is stored close enough above it.
    pub fn prove_finality(
        &self,
        number: BlockNumber,
    ) -> Result<Option<FinalityProof>, GrandpaError> {
        let client = &self.inner.client;
        let finalized = client.info().finalized.number;
        if number > finalized {
            return Ok(None);
        }
        let last = finalized.min(number.saturating_add(PROOF_SEARCH));
        let mut unknown_headers = Vec::new();
        for n in number..=last {
            let Some(hash) = client.hash(n)? else {
                return Ok(None);
            };
            let Some((block, justifications)) = client.block(&hash)? else {
                return Ok(None);
            };
            if n > number {
                unknown_headers.push(block.header);
            }
            if let Some(justification) =
                justifications.and_then(|j| j.into_justification(GRANDPA_ENGINE_ID))
            {
                return Ok(Some(FinalityProof {
                    block: hash,
                    justification,
                    unknown_headers,
                }));
            }
        }
        Ok(None)
    }

    /// The running voter's current round, cheaply (for metrics); `None` when no voter runs.
    pub fn round(&self) -> Option<u64> {
        let voter = self.inner.voter.lock();
        let (_, _, state) = voter.as_ref()?;
        Some(state.get().best_round.0)
    }

    /// The running voter's rounds (`grandpa_roundState`); `None` when no voter runs.
    pub fn round_state(&self) -> Option<RoundStateReport> {
        let voter = self.inner.voter.lock();
        let (set_id, authorities, state) = voter.as_ref()?;
        let state = state.get();
        let report = |round: u64, r: &finality_grandpa::voter::report::RoundState<AuthorityId>| {
            let missing = |present: &std::collections::HashSet<AuthorityId>| {
                authorities
                    .iter()
                    .filter(|(id, _)| !present.contains(id))
                    .map(|(id, _)| sp_core::ed25519::Public::from(id.clone()).to_ss58check())
                    .collect()
            };
            let weight = |w: u64| u32::try_from(w).unwrap_or(u32::MAX);
            RoundReport {
                round: u32::try_from(round).unwrap_or(u32::MAX),
                total_weight: weight(r.total_weight.get()),
                threshold_weight: weight(r.threshold_weight.get()),
                prevotes: Participation {
                    current_weight: weight(r.prevote_current_weight.0),
                    missing: missing(&r.prevote_ids),
                },
                precommits: Participation {
                    current_weight: weight(r.precommit_current_weight.0),
                    missing: missing(&r.precommit_ids),
                },
            }
        };
        let mut background: Vec<RoundReport> = state
            .background_rounds
            .iter()
            .map(|(round, r)| report(*round, r))
            .collect();
        background.sort_by_key(|r| r.round);
        Some(RoundStateReport {
            set_id: u32::try_from(*set_id).unwrap_or(u32::MAX),
            best: report(state.best_round.0, &state.best_round.1),
            background,
        })
    }

    /// The latest commit this node finalized with, to hand to a peer that is behind.
    pub(crate) fn last_commit(&self) -> Option<CommitMessage> {
        self.inner.last_commit.lock().clone()
    }

    /// Publishes the running voter's state (or clears it).
    pub(crate) fn set_voter_state(&self, state: Option<(SetId, AuthorityList, SharedVoterState)>) {
        *self.inner.voter.lock() = state;
    }

    /// The highest block on `target`'s chain the set in office may finalize.
    pub(crate) fn vote_limit(
        &self,
        target: (Hash, BlockNumber),
        finalized: (Hash, BlockNumber),
    ) -> Result<(Hash, BlockNumber), GrandpaError> {
        let set = self.inner.set.lock();
        set.vote_limit(&*self.inner.client, target, finalized)
    }

    /// The hand-over block of a set change that this node has imported (with at least one
    /// block on top) but not finalized: the old set's last block, which only that set's
    /// justification finalizes. A node that missed the set's last commit can never see
    /// another one (the old set has stopped voting), so it must fetch this block's
    /// justification from a peer, as Substrate's sync does for blocks that enact a change.
    pub(crate) fn awaited_hand_over(&self) -> Result<Option<(Hash, BlockNumber)>, GrandpaError> {
        let info = self.inner.client.info();
        let best = (info.best.hash, info.best.number);
        let finalized = (info.finalized.hash, info.finalized.number);
        if best.1 <= finalized.1 {
            return Ok(None);
        }
        let limit = self.vote_limit(best, finalized)?;
        Ok((limit.1 > finalized.1 && limit.1 < best.1).then_some(limit))
    }

    /// Finalizes block `hash` with `justification` (by the set in office), announces it
    /// and applies the set changes it completes, which are returned.
    pub(crate) fn finalize(
        &self,
        hash: Hash,
        number: BlockNumber,
        justification: GrandpaJustification<Header>,
    ) -> Result<Vec<Enacted>, GrandpaError> {
        let client = &self.inner.client;
        let encoded = justification.encode();
        client.finalize(
            &hash,
            Some(&Justifications::from((GRANDPA_ENGINE_ID, encoded.clone()))),
        )?;
        let info = client.info();
        if info.finalized.number < number || client.hash(number)? != Some(hash) {
            tracing::warn!(
                target: "consensus::grandpa",
                number, %hash,
                "GRANDPA finalized a block that is not on the best chain; not applied"
            );
            return Ok(Vec::new());
        }
        let set_id = self.set_id();
        *self.inner.last_commit.lock() = Some(CommitMessage {
            round: justification.round,
            set_id,
            commit: justification.commit.into(),
        });
        let _ = self.inner.justifications.send(FinalizedJustification {
            hash,
            number,
            encoded,
        });
        self.note_finalized()
    }

    /// Applies the client's finality to the authority set (set changes it completes take
    /// effect and are persisted); returns what changed.
    pub(crate) fn note_finalized(&self) -> Result<Vec<Enacted>, GrandpaError> {
        let client = &self.inner.client;
        let finalized = client.info().finalized;
        let mut set = self.inner.set.lock();
        if finalized.number <= set.scanned.1 {
            return Ok(Vec::new());
        }
        let enacted = set.on_finalized(&**client, (finalized.hash, finalized.number))?;
        store::save_set(client, &set)?;
        Ok(enacted)
    }

    /// Puts forced change `change` in effect at imported block `block`.
    pub(crate) fn apply_forced(
        &self,
        change: PendingChange,
        block: (Hash, BlockNumber),
    ) -> Result<Enacted, GrandpaError> {
        let mut set = self.inner.set.lock();
        let enacted = set.enact(change, block);
        store::save_set(&self.inner.client, &set)?;
        Ok(enacted)
    }
}

/// Calls runtime API `method` at `at` and decodes its answer.
fn runtime_call<T: Decode>(
    client: &Client,
    at: &Hash,
    method: &'static str,
) -> Result<T, GrandpaError> {
    let bytes = client.call(at, method, &[])?;
    T::decode(&mut &bytes[..])
        .map_err(|error| GrandpaError::Chain(ChainError::BadAnswer { method, error }))
}
