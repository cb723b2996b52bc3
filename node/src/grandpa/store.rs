//! What GRANDPA keeps in the node's database, as synced records (on disk before the node
//! acts on them): the authority set, and the voter's own votes and last completed round,
//! so a restarted voter resumes where it stopped and never casts a second, different vote
//! in a round it already voted in, even after a `kill -9`. The set is written before any
//! vote of it, so a voter record is never of a newer set than the set record.

use std::collections::BTreeMap;
use std::sync::Arc;

use codec::{Decode, Encode};
use finality_grandpa::Message;
use parking_lot::Mutex;
use sp_consensus_grandpa::{Precommit, Prevote, PrimaryPropose, RoundNumber, SetId, SignedMessage};
use taonet_runtime::{BlockNumber, Hash, Header};

use super::authorities::AuthoritySet;
use super::GrandpaError;
use crate::chain::Client;

/// Name of the authority set record.
const SET_RECORD: &str = "grandpa_authority_set";
/// Name of the voter record (a synced record).
const VOTER_RECORD: &str = "grandpa_voter";

/// The votes this node cast in one round; the first vote of each kind is final.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct OwnVotes {
    /// The primary proposal, if this node was the round's primary.
    pub propose: Option<PrimaryPropose<Header>>,
    /// The prevote.
    pub prevote: Option<Prevote<Header>>,
    /// The precommit.
    pub precommit: Option<Precommit<Header>>,
}

/// A round the voter completed: what it restarts from, and what it answers catch-up
/// requests with.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct CompletedRound {
    /// The round number.
    pub number: RoundNumber,
    /// The round's base block.
    pub base: (Hash, BlockNumber),
    /// Every vote seen in it, in import order.
    pub votes: Vec<SignedMessage<Header>>,
}

/// The voter's persisted state within one authority set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct VoterRecord {
    /// The set it belongs to; a record of another set is stale.
    pub set_id: SetId,
    /// The last completed round.
    pub completed: Option<CompletedRound>,
    /// Own votes per round, from the last completed round on.
    pub votes: BTreeMap<RoundNumber, OwnVotes>,
}

/// Reads the persisted authority set, if any.
pub(crate) fn load_set(client: &Client) -> Result<Option<AuthoritySet>, GrandpaError> {
    decode(client.get_synced(SET_RECORD)?, "authority set")
}

/// Persists `set`. A voter record of an earlier set is ignored from then on
/// ([`VoterStore::open`] keeps only the record of the set it votes in).
pub(crate) fn save_set(client: &Client, set: &AuthoritySet) -> Result<(), GrandpaError> {
    client.put_synced(SET_RECORD, &set.encode())?;
    Ok(())
}

/// The vote `slot` holds, storing `vote` there first if it is empty; and whether it was.
fn first<T: Clone>(slot: &mut Option<T>, vote: T) -> (T, bool) {
    let new = slot.is_none();
    (slot.get_or_insert(vote).clone(), new)
}

/// Reads the persisted voter record (of whatever set), if any: for diagnostics, the
/// `grandpa_roundState` RPC and tests.
pub fn load_voter_record(client: &Client) -> Result<Option<VoterRecord>, GrandpaError> {
    decode(client.get_synced(VOTER_RECORD)?, "voter record")
}

fn decode<T: Decode>(
    bytes: Option<Vec<u8>>,
    what: &'static str,
) -> Result<Option<T>, GrandpaError> {
    bytes
        .map(|bytes| {
            T::decode(&mut &bytes[..]).map_err(|error| GrandpaError::Corrupt { what, error })
        })
        .transpose()
}

/// The voter record of one set, cached in memory and written through on every change.
pub(crate) struct VoterStore {
    client: Arc<Client>,
    record: Mutex<VoterRecord>,
}

impl VoterStore {
    /// The record of set `set_id`: the persisted one if it is of that set, else empty.
    pub fn open(client: Arc<Client>, set_id: SetId) -> Result<Self, GrandpaError> {
        let record = load_voter_record(&client)?
            .filter(|r| r.set_id == set_id)
            .unwrap_or(VoterRecord {
                set_id,
                ..Default::default()
            });
        Ok(VoterStore {
            client,
            record: Mutex::new(record),
        })
    }

    /// The last completed round, if any.
    pub fn completed(&self) -> Option<CompletedRound> {
        self.record.lock().completed.clone()
    }

    /// Records that this node votes `message` in `round` and returns the vote to cast:
    /// the earlier one of the same kind if there is one (after a restart the voter may
    /// pick another block; re-sending the first vote is what keeps it honest), else
    /// `message`, persisted before it is returned. The voter reports each vote twice (to
    /// the environment, then to the outgoing sink); only the first call writes.
    pub fn record_vote(
        &self,
        round: RoundNumber,
        message: Message<Hash, BlockNumber>,
    ) -> Result<Message<Hash, BlockNumber>, GrandpaError> {
        let mut record = self.record.lock();
        let votes = record.votes.entry(round).or_default();
        let (chosen, new) = match message {
            Message::Prevote(v) => {
                let (vote, new) = first(&mut votes.prevote, v);
                (Message::Prevote(vote), new)
            }
            Message::Precommit(v) => {
                let (vote, new) = first(&mut votes.precommit, v);
                (Message::Precommit(vote), new)
            }
            Message::PrimaryPropose(v) => {
                let (vote, new) = first(&mut votes.propose, v);
                (Message::PrimaryPropose(vote), new)
            }
        };
        if new {
            self.write(&record)?;
        }
        Ok(chosen)
    }

    /// Records `round` as completed with `votes`, dropping own votes of earlier rounds.
    /// A later call for the same round (more votes seen) replaces it.
    pub fn complete(
        &self,
        round: RoundNumber,
        base: (Hash, BlockNumber),
        votes: &[SignedMessage<Header>],
    ) -> Result<(), GrandpaError> {
        let mut record = self.record.lock();
        if record.completed.as_ref().is_some_and(|c| c.number > round) {
            return Ok(());
        }
        record.completed = Some(CompletedRound {
            number: round,
            base,
            votes: votes.to_vec(),
        });
        record.votes = record.votes.split_off(&round);
        self.write(&record)
    }

    fn write(&self, record: &VoterRecord) -> Result<(), GrandpaError> {
        Ok(self.client.put_synced(VOTER_RECORD, &record.encode())?)
    }
}
