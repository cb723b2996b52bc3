//! What nodes say to each other, in SCALE: the status handshake, block range requests and
//! the gossiped block announcements and transactions.
//!
//! Every message is an enum whose variant is its version (`V1`), so that a later version
//! can be added beside it and a node tells at once which one a peer speaks. The protocol
//! and topic names below carry a version too; a peer speaking another version simply does
//! not negotiate the protocol.

use codec::{Decode, DecodeLimit, Encode};
use libp2p::StreamProtocol;
use taonet_runtime::{BlockNumber, Hash, Header};

/// Most blocks one range request may ask for (and one response hold): enough to sync a few
/// hundred blocks per second over loopback, small enough that one slow peer holds up little.
pub const MAX_BLOCKS_PER_REQUEST: u32 = 128;

/// Largest request accepted: requests are a few dozen bytes.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;

/// Largest range response a node sends: it stops adding blocks before this (but always
/// sends at least one block, which the runtime caps at 5 MiB).
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Largest block announcement: a header, whose digest holds a few seals and at most one
/// GRANDPA authority set (32 keys), is a few KiB at most. A larger one is junk; the peer
/// that sends it pays for it instead of having it relayed.
pub const MAX_ANNOUNCE_BYTES: usize = 64 * 1024;

/// Largest gossip message: a block announcement is a header, but a transaction may be as
/// large as a block's length limit (5 MiB), plus slack for gossipsub's framing.
pub const MAX_GOSSIP_BYTES: usize = 5 * 1024 * 1024 + 64 * 1024;

/// How deeply nested a decoded message may be: SCALE values of this protocol are shallow,
/// so junk that claims deep nesting is refused before it costs stack.
const DECODE_DEPTH_LIMIT: u32 = 64;

/// The status handshake's protocol. It is the same on every chain, so that a peer on
/// another chain is told so (by its genesis hash) rather than failing to negotiate.
pub const STATUS_PROTOCOL: StreamProtocol = StreamProtocol::new("/taonet/status/1");

/// The names of this chain's protocols and topics: each holds the genesis hash, so nodes of
/// different chains never mix blocks or transactions.
#[derive(Debug, Clone)]
pub struct ProtocolNames {
    /// Block range requests (`/taonet/<genesis>/sync/1`).
    pub sync: StreamProtocol,
    /// The Kademlia DHT (`/taonet/<genesis>/kad/1`).
    pub kad: StreamProtocol,
    /// What identify announces as the protocol version.
    pub identify: String,
    /// Gossip topic of block announcements.
    pub blocks_topic: String,
    /// Gossip topic of transactions.
    pub transactions_topic: String,
    /// GRANDPA messages for one peer: catch-up requests and answers, commits for a peer
    /// that is behind (`/taonet/<genesis>/grandpa/1`).
    pub grandpa: StreamProtocol,
    /// What GRANDPA gossip topics start with; see [`ProtocolNames::grandpa_topic`].
    pub grandpa_topic_prefix: String,
}

impl ProtocolNames {
    /// The names for the chain whose genesis block is `genesis`.
    pub fn new(genesis: &Hash) -> ProtocolNames {
        let genesis = hex::encode(genesis.as_bytes());
        let name = |what: &str| {
            StreamProtocol::try_from_owned(format!("/taonet/{genesis}/{what}"))
                .unwrap_or(STATUS_PROTOCOL)
        };
        ProtocolNames {
            sync: name("sync/1"),
            kad: name("kad/1"),
            identify: format!("/taonet/{genesis}/1"),
            blocks_topic: format!("/taonet/{genesis}/blocks/1"),
            transactions_topic: format!("/taonet/{genesis}/transactions/1"),
            grandpa: name("grandpa/1"),
            grandpa_topic_prefix: format!("/taonet/{genesis}/grandpa/"),
        }
    }

    /// The gossip topic of GRANDPA's votes, commits and neighbor packets for authority
    /// set `set_id` (`/taonet/<genesis>/grandpa/<set_id>/1`): a node listens to the set it
    /// votes in only.
    pub fn grandpa_topic(&self, set_id: u64) -> String {
        format!("{}{set_id}/1", self.grandpa_topic_prefix)
    }
}

/// What a node does in the network, as its peers need to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum Role {
    /// Follows and serves the chain.
    Full,
    /// Authors blocks (and, later, votes on finality).
    Authority,
}

impl Role {
    /// Substrate's name of the role, as `system_peers` shows it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Full => "FULL",
            Role::Authority => "AUTHORITY",
        }
    }
}

/// A node's view of its chain, exchanged when two nodes connect.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Status {
    /// Its genesis hash: peers on another chain are refused.
    pub genesis: Hash,
    /// Its best block's number.
    pub best_number: BlockNumber,
    /// Its best block's hash.
    pub best_hash: Hash,
    /// Its last finalized block's number.
    pub finalized_number: BlockNumber,
    /// Its last finalized block's hash.
    pub finalized_hash: Hash,
    /// What it does.
    pub role: Role,
}

/// The status handshake, both ways: each side sends its own status and answers with its
/// own status.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum StatusMessage {
    /// Version 1.
    V1(Status),
}

/// Where a range of blocks starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum BlockId {
    /// The block with this hash (on any fork the server stores).
    Hash(Hash),
    /// The server's canonical block at this number.
    Number(BlockNumber),
}

/// Which way a range goes from its first block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum Direction {
    /// Towards the tip, along the server's canonical chain.
    Ascending,
    /// Towards genesis, along parent hashes (works on forks too).
    Descending,
}

/// Which parts of each block a response holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub struct Fields {
    /// The header (always useful; without it a block cannot be placed).
    pub header: bool,
    /// The extrinsics.
    pub body: bool,
    /// The justifications (finality proofs), if the block has any.
    pub justifications: bool,
}

impl Fields {
    /// Everything needed to import a block.
    pub const FULL: Fields = Fields {
        header: true,
        body: true,
        justifications: true,
    };
    /// The header and the justifications: what a node that missed a block's finality
    /// asks for.
    pub const JUSTIFICATION: Fields = Fields {
        header: true,
        body: false,
        justifications: true,
    };
    /// Headers only: what the common-ancestor search compares.
    pub const HEADER: Fields = Fields {
        header: true,
        body: false,
        justifications: false,
    };
}

/// A request for a range of blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub struct BlockRequest {
    /// The first block.
    pub from: BlockId,
    /// Which way the range goes.
    pub direction: Direction,
    /// How many blocks at most; servers cap it at [`MAX_BLOCKS_PER_REQUEST`].
    pub max_blocks: u32,
    /// Which parts of each block to send.
    pub fields: Fields,
}

/// A request on the sync protocol.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum SyncRequest {
    /// Version 1: a block range.
    V1(BlockRequest),
}

/// One block of a range response; the parts not asked for are absent.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct BlockData {
    /// The block's hash.
    pub hash: Hash,
    /// Its header.
    pub header: Option<Header>,
    /// Its SCALE-encoded extrinsics, each as it was submitted.
    pub body: Option<Vec<Vec<u8>>>,
    /// Its SCALE-encoded `Justifications`, if it has any.
    pub justifications: Option<Vec<u8>>,
}

/// The answer to a [`SyncRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum SyncResponse {
    /// Version 1: the blocks found, in the order asked (possibly fewer, or none when the
    /// first block is unknown).
    V1(Vec<BlockData>),
}

/// A new best block, gossiped so that peers fetch it.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct BlockAnnounce {
    /// The block's hash (checked against the header).
    pub hash: Hash,
    /// Its sealed header.
    pub header: Header,
}

/// A message on the block announcement topic.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum AnnounceMessage {
    /// Version 1.
    V1(BlockAnnounce),
}

/// A message on the transaction topic.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum TransactionMessage {
    /// Version 1: one SCALE-encoded extrinsic, as submitted to a pool.
    V1(Vec<u8>),
}

/// A GRANDPA message sent to one peer on [`ProtocolNames::grandpa`]; the answer is empty
/// (an acknowledgement), replies travel as requests of their own.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum GrandpaRequest {
    /// Version 1: a GRANDPA message's wire form (`GossipMessage::to_bytes`), which the
    /// voter decodes and validates itself.
    V1(Vec<u8>),
}

/// Decodes the whole of `bytes` as a `T`, refusing trailing bytes and deep nesting: what
/// every message from a peer goes through.
pub fn decode_all<T: Decode>(bytes: &[u8]) -> Result<T, codec::Error> {
    let mut input = bytes;
    let value = T::decode_with_depth_limit(DECODE_DEPTH_LIMIT, &mut input)?;
    if !input.is_empty() {
        return Err("trailing bytes".into());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_junk_is_refused() {
        let request = SyncRequest::V1(BlockRequest {
            from: BlockId::Number(7),
            direction: Direction::Ascending,
            max_blocks: 128,
            fields: Fields::FULL,
        });
        let bytes = request.encode();
        assert_eq!(decode_all::<SyncRequest>(&bytes), Ok(request));
        let mut trailing = bytes.clone();
        trailing.push(0);
        assert!(decode_all::<SyncRequest>(&trailing).is_err());
        assert!(decode_all::<SyncRequest>(&[9, 9, 9]).is_err());
        assert!(decode_all::<AnnounceMessage>(&[]).is_err());
        // A length prefix claiming a huge vector does not allocate it.
        assert!(decode_all::<SyncResponse>(&[0, 0xff, 0xff, 0xff, 0xff]).is_err());
    }

    #[test]
    fn names_differ_per_genesis() {
        let a = ProtocolNames::new(&Hash::repeat_byte(1));
        let b = ProtocolNames::new(&Hash::repeat_byte(2));
        assert_ne!(a.sync, b.sync);
        assert_ne!(a.blocks_topic, b.blocks_topic);
        assert!(a.sync.as_ref().starts_with("/taonet/0101"));
    }
}
