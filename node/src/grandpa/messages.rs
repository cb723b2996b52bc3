//! What GRANDPA voters say to each other, and its wire form.
//!
//! Every message travels as one version byte followed by the SCALE encoding of
//! [`GossipMessage`]. Decoding never panics and never allocates more than the input could
//! hold: the size is checked first, nesting is depth-limited, trailing bytes are refused,
//! and the structural rules SCALE cannot express (one signature per precommit in a
//! compact commit, bounded vote counts) are checked after.

use codec::{Decode, DecodeLimit, Encode};
use sp_consensus_grandpa::{CatchUp, CompactCommit, RoundNumber, SetId, SignedMessage};
use taonet_runtime::{BlockNumber, Header};

/// The wire version this node speaks; a message with another first byte is refused, so
/// a future format can be introduced without old nodes misreading it.
pub const PROTOCOL_VERSION: u8 = 1;

/// The largest encoded message accepted (1 MiB): a catch-up for a few hundred authorities
/// fits many times over, and anything bigger is junk.
pub const MAX_MESSAGE_SIZE: usize = 1024 * 1024;

/// The most votes one commit or catch-up may carry: two per authority (an equivocation
/// counts both) for the largest set the runtime allows (32), with room to spare.
pub const MAX_VOTES: usize = 256;

/// SCALE nesting limit for decoding (the deepest message nests far less).
const DEPTH_LIMIT: u32 = 32;

/// Why bytes from a peer are not a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    /// Nothing at all was received.
    #[error("empty message")]
    Empty,
    /// More than [`MAX_MESSAGE_SIZE`] bytes.
    #[error("message of {size} bytes exceeds {MAX_MESSAGE_SIZE}")]
    TooLarge {
        /// Its size.
        size: usize,
    },
    /// The version byte is not [`PROTOCOL_VERSION`].
    #[error("unsupported GRANDPA message version {0}")]
    Version(u8),
    /// The SCALE body does not decode (or has trailing bytes).
    #[error("undecodable GRANDPA message: {0}")]
    Undecodable(String),
    /// It decodes but breaks a rule of its kind.
    #[error("malformed GRANDPA message: {0}")]
    Malformed(&'static str),
}

/// A prevote, precommit or primary proposal in `round` of authority set `set_id`.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct VoteMessage {
    /// The round voted in.
    pub round: RoundNumber,
    /// The authority set voting.
    pub set_id: SetId,
    /// The vote and its signature over `(message, round, set_id)`.
    pub message: SignedMessage<Header>,
}

/// A commit: precommits from a supermajority proving `commit.target` final.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct CommitMessage {
    /// The round the precommits were cast in.
    pub round: RoundNumber,
    /// The authority set that cast them.
    pub set_id: SetId,
    /// Target, precommits and their signatures.
    pub commit: CompactCommit<Header>,
}

/// Where a voter is: sent periodically so peers that are behind notice and catch up, and
/// peers that are ahead learn who needs their latest commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub struct NeighborPacket {
    /// The sender's authority set.
    pub set_id: SetId,
    /// The sender's current round.
    pub round: RoundNumber,
    /// The sender's last finalized block number.
    pub finalized: BlockNumber,
}

/// Asks a peer that is ahead for the votes that complete its last completed round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub struct CatchUpRequest {
    /// The requester's authority set.
    pub set_id: SetId,
    /// The requester's current round: only a later completed round helps it.
    pub round: RoundNumber,
}

/// The answer to a [`CatchUpRequest`]: the prevotes and precommits of a completed round.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct CatchUpMessage {
    /// The authority set of the round.
    pub set_id: SetId,
    /// The round's votes and base.
    pub catch_up: CatchUp<Header>,
}

/// Everything GRANDPA sends over the network. Votes and commits are gossiped on the topic
/// of their set; neighbor packets are gossiped too; catch-up requests and answers go to
/// one peer (request-response).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum GossipMessage {
    /// A round vote.
    #[codec(index = 0)]
    Vote(VoteMessage),
    /// A finality proof for a round.
    #[codec(index = 1)]
    Commit(CommitMessage),
    /// The sender's position.
    #[codec(index = 2)]
    Neighbor(NeighborPacket),
    /// A request for a catch-up.
    #[codec(index = 3)]
    CatchUpRequest(CatchUpRequest),
    /// A catch-up.
    #[codec(index = 4)]
    CatchUp(CatchUpMessage),
}

impl GossipMessage {
    /// The authority set the message belongs to: the network gossips it on that set's
    /// topic.
    pub fn set_id(&self) -> SetId {
        match self {
            GossipMessage::Vote(m) => m.set_id,
            GossipMessage::Commit(m) => m.set_id,
            GossipMessage::Neighbor(m) => m.set_id,
            GossipMessage::CatchUpRequest(m) => m.set_id,
            GossipMessage::CatchUp(m) => m.set_id,
        }
    }

    /// The wire form: [`PROTOCOL_VERSION`] then the SCALE encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(1 + self.size_hint());
        bytes.push(PROTOCOL_VERSION);
        self.encode_to(&mut bytes);
        bytes
    }

    /// Reads the wire form of one message from untrusted `bytes`; never panics.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, MessageError> {
        if bytes.len() > MAX_MESSAGE_SIZE {
            return Err(MessageError::TooLarge { size: bytes.len() });
        }
        let (&version, mut body) = bytes.split_first().ok_or(MessageError::Empty)?;
        if version != PROTOCOL_VERSION {
            return Err(MessageError::Version(version));
        }
        let message = Self::decode_all_with_depth_limit(DEPTH_LIMIT, &mut body)
            .map_err(|e| MessageError::Undecodable(e.to_string()))?;
        message.check()?;
        Ok(message)
    }

    /// The rules SCALE cannot express.
    fn check(&self) -> Result<(), MessageError> {
        match self {
            GossipMessage::Commit(m) => {
                let commit = &m.commit;
                if commit.precommits.len() != commit.auth_data.len() {
                    return Err(MessageError::Malformed(
                        "commit precommits and signatures differ in number",
                    ));
                }
                if commit.precommits.is_empty() {
                    return Err(MessageError::Malformed("commit without precommits"));
                }
                if commit.precommits.len() > MAX_VOTES {
                    return Err(MessageError::Malformed("commit with too many precommits"));
                }
            }
            GossipMessage::CatchUp(m) => {
                let catch_up = &m.catch_up;
                if catch_up.prevotes.len() > MAX_VOTES || catch_up.precommits.len() > MAX_VOTES {
                    return Err(MessageError::Malformed("catch-up with too many votes"));
                }
                if catch_up.prevotes.is_empty() || catch_up.precommits.is_empty() {
                    return Err(MessageError::Malformed("catch-up without votes"));
                }
            }
            GossipMessage::Vote(_)
            | GossipMessage::Neighbor(_)
            | GossipMessage::CatchUpRequest(_) => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use finality_grandpa::{Message, Precommit, Prevote};
    use sp_consensus_grandpa::{AuthorityPair, AuthoritySignature};
    use sp_core::Pair as _;
    use taonet_runtime::Hash;

    /// A tiny deterministic generator (SplitMix64), so a failing case replays.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
    }

    fn vote() -> GossipMessage {
        let pair = AuthorityPair::from_seed(&[1; 32]);
        GossipMessage::Vote(VoteMessage {
            round: 3,
            set_id: 1,
            message: finality_grandpa::SignedMessage {
                message: Message::Prevote(Prevote::new(Hash::repeat_byte(9), 7)),
                signature: pair.sign(b"x"),
                id: pair.public(),
            },
        })
    }

    fn commit(precommits: usize, signatures: usize) -> GossipMessage {
        let pair = AuthorityPair::from_seed(&[2; 32]);
        let signature: AuthoritySignature = pair.sign(b"y");
        GossipMessage::Commit(CommitMessage {
            round: 1,
            set_id: 0,
            commit: CompactCommit::<Header> {
                target_hash: Hash::repeat_byte(1),
                target_number: 4,
                precommits: vec![Precommit::new(Hash::repeat_byte(1), 4); precommits],
                auth_data: vec![(signature, pair.public()); signatures],
            },
        })
    }

    #[test]
    fn messages_round_trip() {
        let messages = [
            vote(),
            commit(2, 2),
            GossipMessage::Neighbor(NeighborPacket {
                set_id: 2,
                round: 9,
                finalized: 100,
            }),
            GossipMessage::CatchUpRequest(CatchUpRequest {
                set_id: 2,
                round: 9,
            }),
        ];
        for message in messages {
            let bytes = message.to_bytes();
            assert_eq!(bytes[0], PROTOCOL_VERSION);
            assert_eq!(GossipMessage::from_bytes(&bytes), Ok(message));
        }
    }

    #[test]
    fn junk_is_refused_without_panicking() {
        assert_eq!(GossipMessage::from_bytes(&[]), Err(MessageError::Empty));
        let mut bytes = vote().to_bytes();
        bytes[0] = 7;
        assert_eq!(
            GossipMessage::from_bytes(&bytes),
            Err(MessageError::Version(7))
        );
        let bytes = vote().to_bytes();
        for cut in 1..bytes.len() {
            assert!(GossipMessage::from_bytes(&bytes[..cut]).is_err(), "{cut}");
        }
        let mut long = bytes.clone();
        long.push(0);
        assert!(matches!(
            GossipMessage::from_bytes(&long),
            Err(MessageError::Undecodable(_))
        ));
        let huge = vec![PROTOCOL_VERSION; MAX_MESSAGE_SIZE + 1];
        assert!(matches!(
            GossipMessage::from_bytes(&huge),
            Err(MessageError::TooLarge { .. })
        ));
        // A vector claiming 2^30 entries must not allocate them.
        let mut claim = vec![PROTOCOL_VERSION, 1];
        claim.extend(1u64.encode());
        claim.extend(0u64.encode());
        claim.extend([0u8; 36]);
        claim.extend(codec::Compact(1u32 << 30).encode());
        assert!(GossipMessage::from_bytes(&claim).is_err());
        // Seeded random bytes, and random corruptions of a valid message.
        let mut rng = Rng(0x5eed);
        for _ in 0..2000 {
            let len = (rng.next() % 300) as usize;
            let mut junk: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            if let Some(first) = junk.first_mut() {
                *first = PROTOCOL_VERSION;
            }
            let _ = GossipMessage::from_bytes(&junk);
            let mut corrupt = commit(2, 2).to_bytes();
            let at = (rng.next() as usize) % corrupt.len();
            corrupt[at] = rng.next() as u8;
            let _ = GossipMessage::from_bytes(&corrupt);
        }
    }

    #[test]
    fn malformed_commits_are_refused() {
        assert!(matches!(
            GossipMessage::from_bytes(&commit(2, 1).to_bytes()),
            Err(MessageError::Malformed(_))
        ));
        assert!(matches!(
            GossipMessage::from_bytes(&commit(0, 0).to_bytes()),
            Err(MessageError::Malformed(_))
        ));
        assert!(matches!(
            GossipMessage::from_bytes(&commit(MAX_VOTES + 1, MAX_VOTES + 1).to_bytes()),
            Err(MessageError::Malformed(_))
        ));
    }
}
