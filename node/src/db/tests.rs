//! Pruning mode on hand-made trie changes: the state of a block left off the finalized
//! chain leaves the disk once finality passes its height, its descendants' when finality
//! passes theirs, and nothing the finalized chain uses goes with it.

use codec::Encode;
use sp_runtime::traits::{BlakeTwo256, Header as _};
use sp_trie::{HashDBT, PrefixedMemoryDB, EMPTY_PREFIX};
use taonet_runtime::{Hash, Header};

use super::columns::{meta_key, Column};
use super::{BlockCommit, Database, Pruning, Tip};

/// Trie changes inserting each of `nodes` once.
fn inserting(nodes: &[&[u8]]) -> (PrefixedMemoryDB<BlakeTwo256>, Vec<Hash>) {
    let mut changes = PrefixedMemoryDB::<BlakeTwo256>::default();
    let hashes = nodes
        .iter()
        .map(|node| changes.insert(EMPTY_PREFIX, node))
        .collect();
    (changes, hashes)
}

/// A header at `number` on `parent`, told apart from its siblings by `tag`.
fn header(number: u32, parent: Hash, tag: u8) -> Header {
    Header::new(
        number,
        Hash::repeat_byte(tag),
        Hash::repeat_byte(tag),
        parent,
        Default::default(),
    )
}

fn commit(db: &Database, header: &Header, nodes: &[&[u8]], new_best: bool) -> Vec<Hash> {
    let (state, hashes) = inserting(nodes);
    let block = BlockCommit {
        header,
        body: &[],
        justifications: None,
        state,
        new_best,
    };
    db.commit_block(block, &[]).expect("commit");
    hashes
}

fn stored(db: &Database, node: &Hash) -> bool {
    db.db
        .get(Column::State as u8, node.as_ref())
        .expect("read")
        .is_some()
}

/// Whether `node` leaves the disk: parity-db applies a dereference to zero when its
/// background thread writes the commit, so reads may see the node for a moment after.
fn goes(db: &Database, node: &Hash) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while stored(db, node) {
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    true
}

fn tip(header: &Header) -> Tip {
    Tip {
        hash: header.hash(),
        number: *header.number(),
    }
}

#[test]
fn finality_drops_the_state_of_abandoned_forks_and_keeps_the_shared_nodes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let genesis = header(0, Hash::zero(), 0);
    let (genesis_state, _) = inserting(&[b"genesis"]);
    let db = Database::open(
        dir.path(),
        Some(Pruning::Window(8)),
        &genesis,
        genesis_state,
    )
    .expect("open");

    // a1 ← a2 is the chain that is finalized; b1 ← b2 a fork beside it. Both forks
    // insert "shared", which must survive the fork's removal.
    let a1 = header(1, genesis.hash(), 1);
    let a1_nodes = commit(&db, &a1, &[b"a1", b"shared"], true);
    let b1 = header(1, genesis.hash(), 2);
    let b1_nodes = commit(&db, &b1, &[b"b1", b"shared"], false);
    let b2 = header(2, b1.hash(), 3);
    let b2_nodes = commit(&db, &b2, &[b"b2"], false);
    let a2 = header(2, a1.hash(), 4);
    let a2_nodes = commit(&db, &a2, &[b"a2"], true);
    for node in a1_nodes.iter().chain(&b1_nodes).chain(&b2_nodes) {
        assert!(stored(&db, node));
    }

    db.finalize(tip(&a1), None).expect("finalize a1");
    assert!(goes(&db, &b1_nodes[0]), "b1's own node outlived its fork");
    assert!(stored(&db, &b1_nodes[1]), "a node a1 shares went with b1");
    assert!(stored(&db, &a1_nodes[0]));
    assert!(stored(&db, &b2_nodes[0]), "b2 is above finality still");
    assert!(db.is_pruned(&b1.hash(), 1, 1).expect("read"));
    assert!(!db.is_pruned(&a1.hash(), 1, 1).expect("read"));

    db.finalize(tip(&a2), None).expect("finalize a2");
    assert!(goes(&db, &b2_nodes[0]), "b2's node outlived its fork");
    assert!(stored(&db, &a2_nodes[0]));
    assert!(stored(&db, &a1_nodes[1]));
    // The per-height lists go once finality has passed them.
    for number in [1u32, 2] {
        let key = [meta_key::BLOCKS_AT_PREFIX, &number.to_be_bytes()].concat();
        assert_eq!(db.db.get(Column::Meta as u8, &key).expect("read"), None);
    }
}

#[test]
fn journals_written_before_insertions_were_recorded_still_replay() {
    // The removal list alone, as databases written before this format hold it.
    let removed = vec![(Hash::repeat_byte(7), 2u32)];
    let ops = super::state::dereferences(&removed.encode()).expect("old journal");
    assert_eq!(ops.len(), 2);
    assert!(super::state::discard(&removed.encode())
        .expect("old journal")
        .is_empty());
    assert!(super::state::dereferences(&[0xff, 0x01]).is_err());
}
