//! Catching up with peers: find where our chain and a peer's meet, download the blocks
//! after that point in ranges from every peer that has them, and import them in order.
//!
//! [`Sync`] is a state machine with no I/O: the network worker feeds it peers' statuses,
//! announcements, responses and import outcomes, and carries out the [`Action`]s it
//! returns (send a request, import blocks, penalise a peer, report a gossip message).
//!
//! - **Common ancestor.** A peer's chain and ours share every block up to some number.
//!   The search first asks the peer for its header at `min(our best, its best)` (the usual
//!   case: it simply extends our chain), then bisects between the finalized block (always
//!   shared) and the first number known to differ.
//! - **Ranges.** Blocks after the ancestor are requested by number, ascending, at most
//!   [`MAX_BLOCKS_PER_REQUEST`] at a time, one request per peer, so several peers download
//!   different ranges at once. Ranges are imported strictly in order; a short answer leaves
//!   a gap that is asked again.
//! - **Import.** Sequential, stopping at the first invalid block, whose sender is penalised
//!   enough to be banned. Everything downloaded after it is dropped.
//! - **Announcements.** A new block whose parent we have is fetched by hash from the peer
//!   that gossiped it and imported; its gossip message is accepted (and so forwarded) only
//!   once imported. With an unknown parent the peer is just known to be ahead, and the
//!   range download takes over.

use std::collections::{BTreeMap, HashMap};

use libp2p::gossipsub::{MessageAcceptance, MessageId};
use libp2p::PeerId;
use sp_runtime::traits::Header as _;
use sp_runtime::Justifications;
use taonet_runtime::{Block, BlockNumber, Hash, UncheckedExtrinsic};

use super::peers::Penalty;
use super::protocol::{
    decode_all, BlockData, BlockId, BlockRequest, Direction, Fields, MAX_BLOCKS_PER_REQUEST,
};
use crate::chain::{BlockOrigin, Client, ImportError};

/// How far ahead of a peer's chain we must be behind before the node counts as syncing
/// (not authoring, not announcing imported blocks): a block or two is normal propagation.
pub const MAJOR_SYNC_GAP: BlockNumber = 2;

/// Most blocks downloaded ahead of the import point: bounds memory with many fast peers.
const MAX_AHEAD: BlockNumber = 8 * MAX_BLOCKS_PER_REQUEST;

/// Why a request was sent, to handle its answer.
#[derive(Debug, Clone)]
pub enum Purpose {
    /// The ancestor search's probe of the peer's canonical header at `number`.
    Ancestor {
        /// The probed number.
        number: BlockNumber,
    },
    /// A range of the download `generation`.
    Range {
        /// The download it belongs to (a reset download ignores older answers).
        generation: u64,
        /// Its first block number.
        start: BlockNumber,
        /// How many blocks were asked.
        len: u32,
    },
    /// A block's justification, which GRANDPA asked for (a hand-over block it missed
    /// the last commit of).
    Justification {
        /// The block.
        hash: Hash,
        /// Its number.
        number: BlockNumber,
    },
    /// An announced block, fetched by hash.
    Announced {
        /// The block.
        hash: Hash,
        /// The gossip message to accept or reject once imported, with its forwarder.
        message: Option<(MessageId, PeerId)>,
    },
}

/// Blocks ready to import, from one peer.
#[derive(Debug)]
pub struct ImportJob {
    /// Who sent them (penalised if one is invalid).
    pub peer: PeerId,
    /// The blocks, parents first.
    pub blocks: Blocks,
    /// Why they were fetched.
    pub purpose: Purpose,
}

/// How an import job went.
#[derive(Debug)]
pub struct ImportOutcome {
    /// The job's sender.
    pub peer: PeerId,
    /// The job's purpose.
    pub purpose: Purpose,
    /// The last block imported (or already known) in order, if any.
    pub last: Option<(BlockNumber, Hash)>,
    /// How many blocks were newly imported.
    pub imported: u32,
    /// Why the job stopped early, if it did.
    pub failure: Option<ImportFailure>,
}

/// Why an import job stopped before its end.
#[derive(Debug)]
pub enum ImportFailure {
    /// A block is invalid: its sender is to blame.
    Invalid(String),
    /// The blocks do not fit our chain now (unknown parent, below finality, a slot ahead of
    /// our clock) or the database failed: nobody is to blame; the download starts again.
    Retry(String),
}

/// What the network worker must do for the sync.
#[derive(Debug)]
pub enum Action {
    /// Send `request` to `peer`, and give its answer back with `purpose`.
    Request {
        /// The peer.
        peer: PeerId,
        /// The request.
        request: BlockRequest,
        /// Why.
        purpose: Purpose,
    },
    /// Import these blocks (one job at a time), then report the outcome.
    Import(ImportJob),
    /// Lower a peer's reputation.
    Penalise {
        /// The peer.
        peer: PeerId,
        /// What it did.
        penalty: Penalty,
        /// In words, for the log.
        why: String,
    },
    /// Give block `hash`'s GRANDPA justification from `peer` to GRANDPA to verify and
    /// finalize with.
    ImportJustification {
        /// Who sent it (penalised if it does not verify).
        peer: PeerId,
        /// The block.
        hash: Hash,
        /// Its number.
        number: BlockNumber,
        /// The SCALE-encoded `GrandpaJustification`.
        justification: Vec<u8>,
    },
    /// Report a gossip message's validation result.
    Validate {
        /// The message.
        message: MessageId,
        /// Who forwarded it.
        source: PeerId,
        /// The verdict.
        acceptance: MessageAcceptance,
    },
}

/// What the sync knows about one peer.
#[derive(Debug)]
struct PeerSync {
    best_number: BlockNumber,
    best_hash: Hash,
    /// The last block its chain and ours share, once known.
    common: Option<(BlockNumber, Hash)>,
    /// The ancestor search under way: `lo` is shared, `hi` is not (or unknown).
    search: Option<(BlockNumber, Hash, BlockNumber)>,
    /// Whether a request to it is in flight (one at a time).
    busy: bool,
}

/// Downloaded blocks with their justifications, parents first.
pub type Blocks = Vec<(Block, Option<Justifications>)>;

/// The blocks being downloaded after a common ancestor.
#[derive(Debug)]
struct Download {
    generation: u64,
    /// The first number not imported yet.
    next_import: BlockNumber,
    /// Ranges asked, by first number: the peer and the length.
    in_flight: BTreeMap<BlockNumber, (PeerId, u32)>,
    /// Ranges received, waiting for their turn to import.
    queued: BTreeMap<BlockNumber, (PeerId, Blocks)>,
    /// Whether a range of it is being imported.
    importing: bool,
}

/// The sync state machine (see the module documentation).
#[derive(Debug, Default)]
pub struct Sync {
    peers: HashMap<PeerId, PeerSync>,
    download: Option<Download>,
    generations: u64,
    /// How many justification requests were sent: successive ones go to different peers.
    justification_requests: usize,
}

impl Sync {
    /// A peer completed its handshake (or refreshed its status).
    pub fn peer_status(&mut self, peer: PeerId, best_number: BlockNumber, best_hash: Hash) {
        let entry = self.peers.entry(peer).or_insert(PeerSync {
            best_number,
            best_hash,
            common: None,
            search: None,
            busy: false,
        });
        entry.best_number = best_number;
        entry.best_hash = best_hash;
    }

    /// A peer left: its requests are void.
    pub fn peer_disconnected(&mut self, peer: &PeerId) {
        self.peers.remove(peer);
        if let Some(download) = &mut self.download {
            download.in_flight.retain(|_, (p, _)| p != peer);
        }
    }

    /// The best block `peer` reported, if it completed its handshake.
    pub fn peer_best(&self, peer: &PeerId) -> Option<(BlockNumber, Hash)> {
        self.peers.get(peer).map(|p| (p.best_number, p.best_hash))
    }

    /// The highest best block number any peer reported.
    pub fn best_seen(&self) -> Option<BlockNumber> {
        self.peers.values().map(|p| p.best_number).max()
    }

    /// Whether some peer is more than [`MAJOR_SYNC_GAP`] blocks ahead of `our_best`.
    pub fn is_major_syncing(&self, our_best: BlockNumber) -> bool {
        self.best_seen()
            .is_some_and(|seen| seen > our_best.saturating_add(MAJOR_SYNC_GAP))
    }

    /// A block announced by gossip: `peers` (its forwarder and its author, if connected)
    /// have it. Returns what to do: fetch it if its parent is known, else let the range
    /// download catch up.
    pub fn on_announce(
        &mut self,
        client: &Client,
        peers: &[PeerId],
        number: BlockNumber,
        hash: Hash,
        parent: Hash,
        message: (MessageId, PeerId),
    ) -> Vec<Action> {
        for peer in peers {
            if let Some(entry) = self.peers.get_mut(peer) {
                if number > entry.best_number {
                    entry.best_number = number;
                    entry.best_hash = hash;
                }
            }
        }
        let (id, source) = message;
        let validate = |acceptance| Action::Validate {
            message: id.clone(),
            source,
            acceptance,
        };
        if client.header(&hash).ok().flatten().is_some() {
            return vec![validate(MessageAcceptance::Accept)];
        }
        if client.header(&parent).ok().flatten().is_none() {
            return vec![validate(MessageAcceptance::Ignore)];
        }
        vec![Action::Request {
            peer: source,
            request: BlockRequest {
                from: BlockId::Hash(hash),
                direction: Direction::Ascending,
                max_blocks: 1,
                fields: Fields::FULL,
            },
            purpose: Purpose::Announced {
                hash,
                message: Some((id, source)),
            },
        }]
    }

    /// GRANDPA asks for block `hash`'s justification: ask one peer whose best chain
    /// reaches `number`, a different one each time (in peer id order), since a peer may
    /// not have finalized the block yet, or not be honest.
    pub fn request_justification(&mut self, hash: Hash, number: BlockNumber) -> Vec<Action> {
        let mut candidates: Vec<PeerId> = self
            .peers
            .iter()
            .filter(|(_, p)| p.best_number >= number)
            .map(|(id, _)| *id)
            .collect();
        if candidates.is_empty() {
            tracing::debug!(target: "net::sync", number, %hash, "no peer to ask for a justification");
            return Vec::new();
        }
        candidates.sort_unstable();
        let peer = candidates[self.justification_requests % candidates.len()];
        self.justification_requests = self.justification_requests.wrapping_add(1);
        vec![Action::Request {
            peer,
            request: BlockRequest {
                from: BlockId::Hash(hash),
                direction: Direction::Ascending,
                max_blocks: 1,
                fields: Fields::JUSTIFICATION,
            },
            purpose: Purpose::Justification { hash, number },
        }]
    }

    /// Requests and imports to start now: ancestor searches with peers ahead of us,
    /// ranges from idle peers, the next queued range.
    pub fn poll(&mut self, client: &Client) -> Vec<Action> {
        let mut actions = Vec::new();
        let info = client.info();
        let canonical = |number: BlockNumber| client.hash(number).ok().flatten();
        let mut ahead: Vec<PeerId> = self
            .peers
            .iter()
            .filter(|(_, p)| !p.busy && p.best_number > info.best.number)
            .map(|(id, _)| *id)
            .collect();
        ahead.sort_by_key(|id| std::cmp::Reverse(self.peers.get(id).map(|p| p.best_number)));
        for id in ahead {
            let Some(peer) = self.peers.get_mut(&id) else {
                continue;
            };
            if let Some((number, hash)) = peer.common {
                if canonical(number) != Some(hash) {
                    peer.common = None;
                }
            }
            if peer.common.is_none() {
                if peer.search.is_some() {
                    continue;
                }
                // The finalized block is shared; the search looks above it.
                let (lo, lo_hash) = (info.finalized.number, info.finalized.hash);
                let probe = info.best.number.min(peer.best_number);
                if probe > lo {
                    peer.search = Some((lo, lo_hash, probe.saturating_add(1)));
                    peer.busy = true;
                    actions.push(ancestor_request(id, probe));
                    continue;
                }
                peer.common = Some((lo, lo_hash));
            }
            let Some((common_number, _)) = peer.common else {
                continue;
            };
            let best_number = peer.best_number;
            let download = self.download.get_or_insert_with(|| {
                self.generations = self.generations.wrapping_add(1);
                Download {
                    generation: self.generations,
                    next_import: common_number.saturating_add(1),
                    in_flight: BTreeMap::new(),
                    queued: BTreeMap::new(),
                    importing: false,
                }
            });
            let Some((start, len)) = download.next_range(best_number) else {
                continue;
            };
            download.in_flight.insert(start, (id, len));
            peer.busy = true;
            actions.push(Action::Request {
                peer: id,
                request: BlockRequest {
                    from: BlockId::Number(start),
                    direction: Direction::Ascending,
                    max_blocks: len,
                    fields: Fields::FULL,
                },
                purpose: Purpose::Range {
                    generation: download.generation,
                    start,
                    len,
                },
            });
        }
        if let Some(download) = &mut self.download {
            if !download.importing {
                if let Some((peer, blocks)) = download.queued.remove(&download.next_import) {
                    download.importing = true;
                    let len = u32::try_from(blocks.len()).unwrap_or(u32::MAX);
                    actions.push(Action::Import(ImportJob {
                        peer,
                        blocks,
                        purpose: Purpose::Range {
                            generation: download.generation,
                            start: download.next_import,
                            len,
                        },
                    }));
                } else if download.in_flight.is_empty()
                    && download.queued.is_empty()
                    && !self
                        .peers
                        .values()
                        .any(|p| p.best_number >= download.next_import)
                {
                    self.download = None;
                }
            }
        }
        actions
    }

    /// The answer to a request sent for `purpose`.
    pub fn on_response(
        &mut self,
        client: &Client,
        peer: PeerId,
        purpose: Purpose,
        blocks: Vec<BlockData>,
    ) -> Vec<Action> {
        if let Purpose::Justification { hash, number } = purpose {
            return on_justification(peer, hash, number, blocks);
        }
        if let Some(entry) = self.peers.get_mut(&peer) {
            entry.busy = false;
        }
        match purpose {
            Purpose::Ancestor { number } => self.on_ancestor(client, peer, number, blocks),
            Purpose::Range {
                generation,
                start,
                len,
            } => self.on_range(peer, generation, start, len, blocks),
            Purpose::Justification { .. } => Vec::new(),
            Purpose::Announced { hash, message } => {
                let reject = |why: &str| {
                    let mut actions = vec![penalise(peer, Penalty::BadResponse, why)];
                    if let Some((message, source)) = &message {
                        actions.push(Action::Validate {
                            message: message.clone(),
                            source: *source,
                            acceptance: MessageAcceptance::Ignore,
                        });
                    }
                    actions
                };
                if blocks.len() != 1 || blocks.first().map(|b| b.hash) != Some(hash) {
                    return reject("announced block not sent");
                }
                match to_blocks(blocks) {
                    Ok(blocks) => vec![Action::Import(ImportJob {
                        peer,
                        blocks,
                        purpose: Purpose::Announced { hash, message },
                    })],
                    Err(why) => reject(&why),
                }
            }
        }
    }

    fn on_ancestor(
        &mut self,
        client: &Client,
        peer: PeerId,
        number: BlockNumber,
        blocks: Vec<BlockData>,
    ) -> Vec<Action> {
        let Some(entry) = self.peers.get_mut(&peer) else {
            return Vec::new();
        };
        let Some((mut lo, mut lo_hash, mut hi)) = entry.search.take() else {
            return Vec::new();
        };
        let header = match blocks.as_slice() {
            [] => return Vec::new(),
            [one] => one
                .header
                .as_ref()
                .filter(|h| *h.number() == number && h.hash() == one.hash),
            _ => None,
        };
        let Some(header) = header else {
            return vec![penalise(
                peer,
                Penalty::BadResponse,
                "bad ancestor probe answer",
            )];
        };
        if client.hash(number).ok().flatten() == Some(header.hash()) {
            (lo, lo_hash) = (number, header.hash());
        } else {
            hi = number;
        }
        if hi.saturating_sub(lo) <= 1 {
            tracing::debug!(target: "net::sync", %peer, common = lo, "common ancestor found");
            entry.common = Some((lo, lo_hash));
            return Vec::new();
        }
        let probe = lo + (hi - lo) / 2;
        entry.search = Some((lo, lo_hash, hi));
        entry.busy = true;
        vec![ancestor_request(peer, probe)]
    }

    fn on_range(
        &mut self,
        peer: PeerId,
        generation: u64,
        start: BlockNumber,
        len: u32,
        blocks: Vec<BlockData>,
    ) -> Vec<Action> {
        let Some(download) = self
            .download
            .as_mut()
            .filter(|d| d.generation == generation)
        else {
            return Vec::new();
        };
        if download.in_flight.get(&start).map(|(p, _)| *p) == Some(peer) {
            download.in_flight.remove(&start);
        }
        if blocks.is_empty() {
            // Its chain moved (a reorg) since it told us its best: look again.
            if let Some(entry) = self.peers.get_mut(&peer) {
                entry.common = None;
            }
            return Vec::new();
        }
        if let Err(why) = check_range(start, len, &blocks) {
            return vec![penalise(peer, Penalty::BadResponse, &why)];
        }
        match to_blocks(blocks) {
            Ok(blocks) => {
                download.queued.insert(start, (peer, blocks));
                Vec::new()
            }
            Err(why) => vec![penalise(peer, Penalty::BadMessage, &why)],
        }
    }

    /// A request sent for `purpose` failed (timeout, closed connection, refused).
    pub fn on_request_failed(&mut self, peer: PeerId, purpose: Purpose) -> Vec<Action> {
        if matches!(purpose, Purpose::Justification { .. }) {
            // Not one of the sync's own requests: the peer was not marked busy.
            return Vec::new();
        }
        if let Some(entry) = self.peers.get_mut(&peer) {
            entry.busy = false;
            entry.search = None;
        }
        match purpose {
            Purpose::Range {
                generation, start, ..
            } => {
                if let Some(download) = self
                    .download
                    .as_mut()
                    .filter(|d| d.generation == generation)
                {
                    download.in_flight.remove(&start);
                }
                Vec::new()
            }
            Purpose::Ancestor { .. } | Purpose::Justification { .. } => Vec::new(),
            Purpose::Announced { message, .. } => message
                .map(|(message, source)| Action::Validate {
                    message,
                    source,
                    acceptance: MessageAcceptance::Ignore,
                })
                .into_iter()
                .collect(),
        }
    }

    /// An import job ended.
    pub fn on_imported(&mut self, outcome: ImportOutcome) -> Vec<Action> {
        let mut actions = Vec::new();
        if let (Some(last), Some(entry)) = (outcome.last, self.peers.get_mut(&outcome.peer)) {
            entry.common = Some(last);
        }
        if let Some(ImportFailure::Invalid(why)) = &outcome.failure {
            actions.push(penalise(outcome.peer, Penalty::InvalidBlock, why));
        }
        match outcome.purpose {
            Purpose::Range { generation, .. } => {
                let Some(download) = self
                    .download
                    .as_mut()
                    .filter(|d| d.generation == generation)
                else {
                    return actions;
                };
                download.importing = false;
                if let Some((number, _)) = outcome.last {
                    download.next_import = download.next_import.max(number.saturating_add(1));
                }
                if let Some(failure) = &outcome.failure {
                    tracing::info!(
                        target: "net::sync",
                        peer = %outcome.peer, ?failure,
                        "range import failed: download reset"
                    );
                    if let Some(entry) = self.peers.get_mut(&outcome.peer) {
                        entry.common = None;
                    }
                    self.download = None;
                }
            }
            Purpose::Announced { message, .. } => {
                if let Some((message, source)) = message {
                    let acceptance = match (&outcome.failure, outcome.last) {
                        (None, Some(_)) => MessageAcceptance::Accept,
                        (Some(ImportFailure::Invalid(_)), _) => MessageAcceptance::Reject,
                        _ => MessageAcceptance::Ignore,
                    };
                    actions.push(Action::Validate {
                        message,
                        source,
                        acceptance,
                    });
                }
            }
            Purpose::Ancestor { .. } | Purpose::Justification { .. } => {}
        }
        actions
    }
}

/// A peer's answer to a justification request: the block asked (its header hashing to
/// it), with a `FRNK` justification to import, or without one (the peer has not
/// finalized it: nothing to do, the next request asks another peer).
fn on_justification(
    peer: PeerId,
    hash: Hash,
    number: BlockNumber,
    blocks: Vec<BlockData>,
) -> Vec<Action> {
    let data = match blocks.as_slice() {
        [] => return Vec::new(),
        [one] if one.hash == hash && one.header.as_ref().is_some_and(|h| h.hash() == hash) => one,
        _ => {
            return vec![penalise(
                peer,
                Penalty::BadResponse,
                "justification request answered with another block",
            )]
        }
    };
    let Some(bytes) = &data.justifications else {
        tracing::debug!(target: "net::sync", %peer, number, %hash, "peer has no justification");
        return Vec::new();
    };
    match decode_all::<Justifications>(bytes) {
        Ok(justifications) => justifications
            .into_justification(sp_consensus_grandpa::GRANDPA_ENGINE_ID)
            .map(|justification| Action::ImportJustification {
                peer,
                hash,
                number,
                justification,
            })
            .into_iter()
            .collect(),
        Err(error) => vec![penalise(
            peer,
            Penalty::BadMessage,
            &format!("undecodable justifications: {error}"),
        )],
    }
}

impl Download {
    /// The next range to ask a peer whose best is `peer_best` for: the first number from
    /// `next_import` that is neither in flight nor queued, up to the next covered one.
    fn next_range(&self, peer_best: BlockNumber) -> Option<(BlockNumber, u32)> {
        let mut cursor = self.next_import;
        let mut covered: Vec<(BlockNumber, u32)> = self
            .in_flight
            .iter()
            .map(|(start, (_, len))| (*start, *len))
            .chain(self.queued.iter().map(|(start, (_, blocks))| {
                (*start, u32::try_from(blocks.len()).unwrap_or(u32::MAX))
            }))
            .collect();
        covered.sort_unstable();
        let mut limit = None;
        for (start, len) in covered {
            let end = start.saturating_add(len);
            if end <= cursor {
                continue;
            }
            if start <= cursor {
                cursor = end;
            } else {
                limit = Some(start);
                break;
            }
        }
        let horizon = self.next_import.saturating_add(MAX_AHEAD);
        if cursor > peer_best || cursor >= horizon {
            return None;
        }
        let mut len = (peer_best - cursor)
            .saturating_add(1)
            .min(MAX_BLOCKS_PER_REQUEST)
            .min(horizon - cursor);
        if let Some(limit) = limit {
            len = len.min(limit - cursor);
        }
        Some((cursor, len))
    }
}

fn ancestor_request(peer: PeerId, number: BlockNumber) -> Action {
    Action::Request {
        peer,
        request: BlockRequest {
            from: BlockId::Number(number),
            direction: Direction::Ascending,
            max_blocks: 1,
            fields: Fields::HEADER,
        },
        purpose: Purpose::Ancestor { number },
    }
}

fn penalise(peer: PeerId, penalty: Penalty, why: &str) -> Action {
    Action::Penalise {
        peer,
        penalty,
        why: why.to_owned(),
    }
}

/// Checks that a range answer is what was asked: at most `len` blocks from `start`, each
/// with its header hashing to its claimed hash, each the child of the one before.
fn check_range(start: BlockNumber, len: u32, blocks: &[BlockData]) -> Result<(), String> {
    if blocks.len() > len as usize {
        return Err(format!("{} blocks sent, {len} asked", blocks.len()));
    }
    let mut previous: Option<Hash> = None;
    for (offset, data) in blocks.iter().enumerate() {
        let header = data.header.as_ref().ok_or("block without header")?;
        let expected = u32::try_from(offset)
            .ok()
            .and_then(|o| start.checked_add(o))
            .ok_or("block number overflow")?;
        if *header.number() != expected {
            return Err(format!("block {} sent for {expected}", header.number()));
        }
        if header.hash() != data.hash {
            return Err("block hash does not match its header".into());
        }
        if previous.is_some_and(|p| p != *header.parent_hash()) {
            return Err("blocks do not form a chain".into());
        }
        previous = Some(data.hash);
    }
    Ok(())
}

/// Turns received block data into blocks: every header and body must be there and every
/// extrinsic and justification must decode.
fn to_blocks(blocks: Vec<BlockData>) -> Result<Blocks, String> {
    blocks
        .into_iter()
        .map(|data| {
            let header = data.header.ok_or("block without header")?;
            let body = data.body.ok_or("block without body")?;
            let extrinsics = body
                .iter()
                .map(|bytes| decode_all::<UncheckedExtrinsic>(bytes))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("undecodable extrinsic: {e}"))?;
            let justifications = data
                .justifications
                .map(|bytes| decode_all::<Justifications>(&bytes))
                .transpose()
                .map_err(|e| format!("undecodable justifications: {e}"))?;
            Ok((Block { header, extrinsics }, justifications))
        })
        .collect()
}

/// Gives block `hash`'s GRANDPA justification from `peer` to the handle; one that does
/// not hold is logged and left (the block stays, unfinalized).
fn import_justification(
    finality: Option<(&crate::grandpa::GrandpaHandle, Vec<u8>)>,
    peer: &PeerId,
    number: BlockNumber,
    hash: Hash,
) {
    let Some((handle, bytes)) = finality else {
        return;
    };
    match handle.import_justification(hash, &bytes) {
        Ok(()) => tracing::debug!(target: "net::sync", number, %hash, "justification imported"),
        Err(error) => tracing::debug!(
            target: "net::sync",
            %peer, number, %hash, %error, "justification not imported"
        ),
    }
}

/// Imports `job`'s blocks in order on `client`, stopping at the first that fails; `now_slot`
/// is our clock's Aura slot. Blocking: it executes the blocks.
pub fn import_blocks(client: &Client, job: ImportJob, now_slot: u64) -> ImportOutcome {
    import_blocks_with(client, job, now_slot, None)
}

/// [`import_blocks`], giving each block's GRANDPA (`FRNK`) justification, if it has one,
/// to `grandpa` once the block is stored: in block order, so that the justifications of
/// authority-set hand-overs come before those of the next set.
pub fn import_blocks_with(
    client: &Client,
    job: ImportJob,
    now_slot: u64,
    grandpa: Option<&crate::grandpa::GrandpaHandle>,
) -> ImportOutcome {
    let mut last = None;
    let mut imported = 0u32;
    let mut failure = None;
    for (block, justifications) in job.blocks {
        let number = *block.header.number();
        let hash = block.header.hash();
        let finality = grandpa.zip(
            justifications
                .as_ref()
                .and_then(|j| j.get(sp_consensus_grandpa::GRANDPA_ENGINE_ID))
                .cloned(),
        );
        match client.import(block, justifications, BlockOrigin::Network, Some(now_slot)) {
            Ok(_) => {
                imported = imported.saturating_add(1);
                last = Some((number, hash));
                import_justification(finality, &job.peer, number, hash);
            }
            Err(ImportError::AlreadyKnown(_)) => {
                last = Some((number, hash));
                import_justification(finality, &job.peer, number, hash);
            }
            Err(
                error @ (ImportError::UnknownParent(_)
                | ImportError::BelowFinalized(_)
                | ImportError::Chain(_)
                | ImportError::Aura(crate::chain::aura::AuraError::FutureSlot { .. })),
            ) => {
                failure = Some(ImportFailure::Retry(format!("block {number}: {error}")));
                break;
            }
            Err(error) => {
                tracing::warn!(
                    target: "net::sync",
                    peer = %job.peer, number, %hash, %error, "invalid block"
                );
                failure = Some(ImportFailure::Invalid(format!("block {number}: {error}")));
                break;
            }
        }
    }
    ImportOutcome {
        peer: job.peer,
        purpose: job.purpose,
        last,
        imported,
        failure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn download() -> Download {
        Download {
            generation: 1,
            next_import: 1,
            in_flight: BTreeMap::new(),
            queued: BTreeMap::new(),
            importing: false,
        }
    }

    #[test]
    fn ranges_fill_gaps_in_order() {
        let mut d = download();
        assert_eq!(d.next_range(1000), Some((1, 128)));
        assert_eq!(d.next_range(10), Some((1, 10)));
        d.in_flight.insert(1, (PeerId::random(), 128));
        assert_eq!(d.next_range(1000), Some((129, 128)));
        d.in_flight.insert(300, (PeerId::random(), 128));
        assert_eq!(d.next_range(1000), Some((129, 128)));
        d.in_flight.insert(129, (PeerId::random(), 128));
        assert_eq!(d.next_range(1000), Some((257, 43)));
        assert_eq!(d.next_range(200), None);
        d.next_import = 2000;
        assert_eq!(d.next_range(1000), None);
    }

    #[test]
    fn lookahead_is_bounded() {
        let mut d = download();
        d.in_flight
            .insert(1, (PeerId::random(), MAX_AHEAD.saturating_sub(1)));
        assert_eq!(d.next_range(1_000_000), Some((MAX_AHEAD, 1)));
        d.in_flight.insert(MAX_AHEAD, (PeerId::random(), 1));
        assert_eq!(d.next_range(1_000_000), None);
    }

    #[test]
    fn a_range_must_be_a_chain_from_its_start() {
        assert!(check_range(5, 1, &[]).is_ok());
        let no_header = BlockData {
            hash: Hash::zero(),
            header: None,
            body: None,
            justifications: None,
        };
        assert!(check_range(5, 1, std::slice::from_ref(&no_header)).is_err());
        assert!(check_range(5, 0, &[no_header]).is_err());
    }
}
