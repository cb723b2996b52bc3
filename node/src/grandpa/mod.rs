//! GRANDPA finality: the `finality-grandpa` voter run over this node's chain, with the
//! authority set read from the runtime and followed through the changes it schedules,
//! votes persisted so a restart never equivocates, and justifications stored with the
//! blocks they finalize.
//!
//! The module is transport-agnostic: it talks to peers through [`GrandpaNetwork`]
//! ([`memory::MemoryHub`] in tests). How the node wires it:
//!
//! 1. [`GrandpaHandle::open`] once the client is open (not on a chain with instant
//!    finality, see [`should_run`]); give the handle to sync (which calls
//!    [`GrandpaHandle::import_justification`] for justifications received with blocks) and
//!    to RPC ([`GrandpaHandle::round_state`], [`GrandpaHandle::prove_finality`],
//!    [`GrandpaHandle::subscribe_justifications`]).
//! 2. Spawn [`run_voter`] as a critical task with the node's `gran` keys (none on a full
//!    node: it then follows commits as an observer).
//! 3. The network implements [`GrandpaNetwork`]: gossip [`GossipMessage::to_bytes`] on a
//!    topic per [`GossipMessage::set_id`] (subscribe on [`GrandpaNetwork::set_changed`]),
//!    deliver received bytes through [`GrandpaNetwork::incoming`], send catch-up requests
//!    and answers to one peer ([`GrandpaNetwork::send_to`], request-response), and lower
//!    the reputation of peers passed to [`GrandpaNetwork::report`].

mod authorities;
mod environment;
mod handle;
mod justification;
pub mod memory;
mod messages;
mod once_per_peer;
mod router;
mod store;
mod transport;
mod voter;

use std::time::Duration;

use sp_consensus_grandpa::SetId;
use taonet_runtime::{BlockNumber, Hash};

use crate::chain::{ChainError, Client};

pub use authorities::{
    signalled_change, AuthoritySet, ChangeKind, Enacted, Headers, PendingChange,
};
pub use handle::{
    FinalizedJustification, GrandpaHandle, Participation, RoundReport, RoundStateReport,
};
pub use justification::{
    build as build_justification, sign as sign_message, verify as verify_justification,
    FinalityProof, JustificationError,
};
pub use messages::{
    CatchUpMessage, CatchUpRequest, CommitMessage, GossipMessage, MessageError, NeighborPacket,
    VoteMessage, MAX_MESSAGE_SIZE, PROTOCOL_VERSION,
};
pub use store::{load_voter_record, CompletedRound, OwnVotes, VoterRecord};
pub use transport::{GrandpaNetwork, Inbound, Incoming, Offence, RelayTicket, Verdict};
pub use voter::{run_voter, GrandpaParams};

/// GRANDPA's key type in the keystore.
pub const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"gran");

/// Why GRANDPA failed.
#[derive(Debug, thiserror::Error)]
pub enum GrandpaError {
    /// The chain could not be read or written.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// A block GRANDPA needs is not stored.
    #[error("unknown block {0}")]
    UnknownBlock(Hash),
    /// The authority set is empty or weightless: nobody can finalize.
    #[error("authority set {0} is empty")]
    EmptySet(SetId),
    /// A GRANDPA record in the database does not decode.
    #[error("corrupt GRANDPA record {what}: {error}")]
    Corrupt {
        /// Which record.
        what: &'static str,
        /// The decoding error.
        error: codec::Error,
    },
    /// A justification does not prove its block final.
    #[error(transparent)]
    Justification(#[from] JustificationError),
    /// A justification finalizes past the hand-over block of a pending set change, which
    /// the set in office may not do.
    #[error("block {block} lies past the authority set hand-over at {hand_over}")]
    BeyondSetChange {
        /// The block justified.
        block: BlockNumber,
        /// The last block the set in office may finalize.
        hand_over: BlockNumber,
    },
    /// Finality would contradict earlier finality: a bug or a safety failure of the set.
    #[error("safety violation: {0}")]
    Safety(String),
    /// The finality-grandpa state machine failed.
    #[error("GRANDPA voter: {0}")]
    Voter(finality_grandpa::Error),
    /// An input the voter cannot run without ended (the node is shutting down).
    #[error("{0} ended")]
    Ended(&'static str),
}

/// The voter's timings and voting rule.
#[derive(Debug, Clone)]
pub struct GrandpaConfig {
    /// The expected time for a message to reach every peer: prevotes go out after 2×,
    /// precommits after 4× (Substrate's `gossip_duration`).
    pub gossip_duration: Duration,
    /// Vote this many blocks behind the best block (Substrate's `BeforeBestBlockBy(2)`):
    /// the tip is the part of the chain most likely to be reorganised.
    pub vote_lag: BlockNumber,
    /// How often the voter gossips its position and its votes of the live rounds again.
    pub rebroadcast_interval: Duration,
    /// How long before asking again for (or serving again) a catch-up.
    pub catch_up_timeout: Duration,
}

impl Default for GrandpaConfig {
    fn default() -> Self {
        GrandpaConfig {
            gossip_duration: Duration::from_millis(333),
            vote_lag: 2,
            rebroadcast_interval: Duration::from_secs(5),
            catch_up_timeout: Duration::from_secs(5),
        }
    }
}

/// Whether GRANDPA should run on this chain: not when the chain finalizes itself (a
/// single-authority development chain, [`Client::finalizes_itself`]).
pub fn should_run(client: &Client) -> bool {
    !client.finalizes_itself()
}
