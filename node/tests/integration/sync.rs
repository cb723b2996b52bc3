//! The sync state machine against real chains, in process: a node on a shorter fork finds
//! the common ancestor with a peer on a longer one, downloads the peer's blocks and
//! switches to its chain; a node far behind catches up in several ranges from two peers;
//! a justification GRANDPA asks for is fetched from a peer that has one.

use crate::support;

use std::collections::VecDeque;
use std::sync::Arc;

use libp2p::PeerId;
use sp_consensus_grandpa::GRANDPA_ENGINE_ID;
use sp_runtime::traits::Header as _;
use sp_runtime::Justifications;
use taonet_node::chain::{BlockOrigin, Client};
use taonet_node::chain_spec::ChainSpec;
use taonet_node::network::protocol::{BlockId, SyncResponse};
use taonet_node::network::server::serve;
use taonet_node::network::sync::{import_blocks, Action, Purpose, Sync};

/// A fresh database of the `chain` spec.
fn open(chain: &str, dir: &std::path::Path) -> Arc<Client> {
    let spec = ChainSpec::load(chain).expect("spec");
    Client::open(dir, None, spec.build_storage().expect("genesis")).expect("open")
}

/// Copies `source`'s canonical blocks 1..=`to` into `target`.
fn copy_blocks(source: &Client, target: &Client, to: u32) {
    for number in 1..=to {
        let hash = source.hash(number).expect("read").expect("block");
        let (block, justifications) = source.block(&hash).expect("read").expect("block");
        target
            .import(block, justifications, BlockOrigin::File, None)
            .expect("import");
    }
}

/// What the sync asked of the peers: requests by purpose, in order.
#[derive(Default)]
struct Transcript {
    ancestor_probes: Vec<u32>,
    ranges: Vec<(PeerId, u32, u32)>,
    /// Who was asked for a justification, in order.
    justification_requests: Vec<PeerId>,
    /// The justifications to import: sender, block number, bytes.
    justifications: Vec<(PeerId, u32, Vec<u8>)>,
}

/// Runs `sync` for `us` against `peers` (each serving from its own chain) until it has
/// nothing left to do; returns what it asked.
fn drive(sync: &mut Sync, us: &Client, peers: &[(PeerId, Arc<Client>)]) -> Transcript {
    let first = sync.poll(us);
    drive_actions(sync, us, peers, first)
}

/// [`drive`], starting with `first`.
fn drive_actions(
    sync: &mut Sync,
    us: &Client,
    peers: &[(PeerId, Arc<Client>)],
    first: Vec<Action>,
) -> Transcript {
    let mut transcript = Transcript::default();
    let mut pending: VecDeque<Action> = first.into();
    let mut rounds = 0;
    while let Some(action) = pending.pop_front() {
        rounds += 1;
        assert!(rounds < 10_000, "the sync does not settle");
        let more = match action {
            Action::Request {
                peer,
                request,
                purpose,
            } => {
                match &purpose {
                    Purpose::Ancestor { number } => transcript.ancestor_probes.push(*number),
                    Purpose::Range { start, len, .. } => {
                        transcript.ranges.push((peer, *start, *len));
                        assert_eq!(request.from, BlockId::Number(*start));
                    }
                    Purpose::Justification { .. } => transcript.justification_requests.push(peer),
                    Purpose::Announced { .. } => {}
                }
                let server = &peers.iter().find(|(id, _)| *id == peer).expect("peer").1;
                let SyncResponse::V1(blocks) = serve(server, &request).expect("serve");
                sync.on_response(us, peer, purpose, blocks)
            }
            Action::Import(job) => {
                let outcome = import_blocks(us, job, u64::MAX / 2);
                assert!(outcome.failure.is_none(), "{:?}", outcome.failure);
                sync.on_imported(outcome)
            }
            Action::ImportJustification {
                peer,
                number,
                justification,
                ..
            } => {
                transcript
                    .justifications
                    .push((peer, number, justification));
                Vec::new()
            }
            Action::Penalise { peer, why, .. } => panic!("{peer} penalised: {why}"),
            Action::Validate { .. } => Vec::new(),
        };
        pending.extend(more);
        if pending.is_empty() {
            pending.extend(sync.poll(us));
        }
    }
    transcript
}

#[test]
fn a_node_on_a_shorter_fork_finds_the_ancestor_and_switches() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Four authorities: nothing finalizes, so a longer fork may replace ours.
    let ours = open("local", &dir.path().join("ours"));
    let theirs = open("local", &dir.path().join("theirs"));
    // Shared history of 20 blocks, then our fork of 5 and their longer fork of 12.
    support::author_blocks(&ours, 20, 0, 1_000);
    copy_blocks(&ours, &theirs, 20);
    support::author_blocks(&ours, 5, 0, 2_000);
    support::author_blocks(&theirs, 12, 1, 3_000);
    let their_best = theirs.info().best;
    assert_eq!(their_best.number, 32);
    assert_eq!(ours.info().finalized.number, 0);

    let peer = PeerId::random();
    let mut sync = Sync::default();
    sync.peer_status(peer, their_best.number, their_best.hash);
    let transcript = drive(&mut sync, &ours, &[(peer, theirs.clone())]);

    assert_eq!(ours.info().best, their_best);
    // The first probe is at our best; bisection then finds block 20.
    assert_eq!(transcript.ancestor_probes.first(), Some(&25));
    assert_eq!(transcript.ranges, vec![(peer, 21, 12)]);
    assert!(!sync.is_major_syncing(ours.info().best.number));
}

#[test]
fn a_node_far_behind_catches_up_from_two_peers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ours = open("dev", &dir.path().join("ours"));
    let a = open("dev", &dir.path().join("a"));
    let b = open("dev", &dir.path().join("b"));
    support::author_blocks(&a, 300, 0, 1_000);
    copy_blocks(&a, &b, 300);
    let best = a.info().best;
    let (pa, pb) = (PeerId::random(), PeerId::random());
    let mut sync = Sync::default();
    sync.peer_status(pa, best.number, best.hash);
    sync.peer_status(pb, best.number, best.hash);
    assert!(sync.is_major_syncing(0));
    let transcript = drive(&mut sync, &ours, &[(pa, a.clone()), (pb, b)]);
    assert_eq!(ours.info().best, best);
    assert!(transcript.ranges.iter().all(|(_, _, len)| *len <= 128));
    assert!(transcript.ranges.iter().any(|(p, _, _)| *p == pa));
    assert!(transcript.ranges.iter().any(|(p, _, _)| *p == pb));
    assert_eq!(
        *a.header(&best.hash)
            .expect("read")
            .expect("header")
            .number(),
        300
    );
}

#[test]
fn a_justification_grandpa_asks_for_comes_from_a_peer_that_has_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ours = open("local", &dir.path().join("ours"));
    let finalizing = open("local", &dir.path().join("finalizing"));
    let behind = open("local", &dir.path().join("behind"));
    support::author_blocks(&ours, 6, 0, 1_000);
    copy_blocks(&ours, &finalizing, 6);
    copy_blocks(&ours, &behind, 6);
    // One peer finalized block 4 with a justification; the other did not. Sync only
    // carries the bytes: GRANDPA verifies them (the hub test `grandpa::a_voter_that_…`).
    let hash = ours.hash(4).expect("read").expect("block 4");
    let justification = b"a justification of block 4".to_vec();
    finalizing
        .finalize(
            &hash,
            Some(&Justifications::from((
                GRANDPA_ENGINE_ID,
                justification.clone(),
            ))),
        )
        .expect("finalize");

    let mut peers = [
        (PeerId::random(), behind.clone()),
        (PeerId::random(), finalizing.clone()),
    ];
    peers.sort_by_key(|(id, _)| *id);
    let mut sync = Sync::default();
    for (id, client) in &peers {
        let best = client.info().best;
        sync.peer_status(*id, best.number, best.hash);
    }
    // Each request asks the next peer, in id order; only the one that has it answers
    // with a justification, and nobody is penalised for not having one.
    let mut transcript = Transcript::default();
    for _ in 0..2 {
        let request = sync.request_justification(hash, 4);
        let asked = drive_actions(&mut sync, &ours, &peers, request);
        transcript
            .justification_requests
            .extend(asked.justification_requests);
        transcript.justifications.extend(asked.justifications);
    }
    let ids: Vec<PeerId> = peers.iter().map(|(id, _)| *id).collect();
    assert_eq!(transcript.justification_requests, ids);
    let finalizer = peers
        .iter()
        .find(|(_, c)| Arc::ptr_eq(c, &finalizing))
        .expect("peer")
        .0;
    assert_eq!(
        transcript.justifications,
        vec![(finalizer, 4, justification)]
    );
    // Nobody whose chain is too short is asked.
    assert!(sync.request_justification(hash, 7).is_empty());
}
