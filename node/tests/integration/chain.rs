//! The block tree on a real database: blocks survive a reopen, peers' blocks are verified
//! (seal, author, parent, slot, execution), the longest chain wins with a reorg reported,
//! and state pruning keeps exactly its window.

use std::path::Path;
use std::sync::Arc;

use codec::Decode;
use sp_consensus_aura::sr25519::AuthorityPair;
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Header as _;
use taonet_node::chain::{aura, BlockOrigin, ChainError, Client, ImportError};
use taonet_node::chain_spec::ChainSpec;
use taonet_node::db::Pruning;
use taonet_node::executor::build_block;
use taonet_runtime::{Block, Hash, UncheckedExtrinsic, MILLISECS_PER_BLOCK};

use crate::support::transfer;

/// The genesis storage of built-in chain `chain` (`dev` or `local`).
fn genesis(chain: &str) -> Storage {
    ChainSpec::load(chain)
        .and_then(|spec| spec.build_storage())
        .expect("genesis storage")
}

fn open(dir: &Path, chain: &str, pruning: Pruning) -> Arc<Client> {
    Client::open(dir, Some(pruning), genesis(chain)).expect("opens")
}

/// Builds and seals the block after `parent` in `slot`, signed by `author`.
fn author(
    client: &Client,
    parent: Hash,
    slot: u64,
    author: Sr25519Keyring,
    xts: Vec<UncheckedExtrinsic>,
) -> (Block, taonet_node::executor::Changes) {
    let header = client.header(&parent).expect("read").expect("parent");
    let state = client.state_at(&parent).expect("state");
    let built = build_block(&state, &header, slot, MILLISECS_PER_BLOCK, xts, None).expect("builds");
    assert!(built.rejected.is_empty(), "{:?}", built.rejected);
    let mut block = built.block;
    aura::seal(&mut block.header, &AuthorityPair::from(author.pair()));
    (block, built.changes)
}

fn free_balance(client: &Client, at: &Hash, who: Sr25519Keyring) -> u64 {
    let account: [u8; 32] = who.to_account_id().into();
    let key = [
        sp_crypto_hashing::twox_128(b"System").to_vec(),
        sp_crypto_hashing::twox_128(b"Account").to_vec(),
        sp_crypto_hashing::blake2_128(&account).to_vec(),
        account.to_vec(),
    ]
    .concat();
    let bytes = client.storage(at, &key).expect("read").expect("account");
    let info = frame_system::AccountInfo::<u32, pallet_balances::AccountData<u64>>::decode(
        &mut &bytes[..],
    )
    .expect("account info");
    info.data.free
}

#[test]
fn blocks_and_state_survive_a_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (hash, root, bob) = {
        let client = open(dir.path(), "dev", Pruning::Archive);
        let mut parent = client.info().genesis;
        for n in 0..3u32 {
            let (block, changes) = author(
                &client,
                parent,
                100 + u64::from(n),
                Sr25519Keyring::Alice,
                vec![transfer(n, 1_000_000_000, client.info().genesis)],
            );
            parent = client.import_own(block, changes).expect("imports").hash;
        }
        let root = *client
            .header(&parent)
            .expect("read")
            .expect("header")
            .state_root();
        (
            parent,
            root,
            free_balance(&client, &parent, Sr25519Keyring::Bob),
        )
    };
    let client = open(dir.path(), "dev", Pruning::Archive);
    let info = client.info();
    assert_eq!(info.best.number, 3);
    assert_eq!(info.best.hash, hash);
    // One authority: each best block finalizes its parent.
    assert_eq!(info.finalized.number, 2);
    assert_eq!(client.hash(2).expect("read"), Some(info.finalized.hash));
    assert_eq!(client.hash(3).expect("read"), Some(hash));
    let header = client.header(&hash).expect("read").expect("header");
    assert_eq!(*header.state_root(), root);
    assert_eq!(free_balance(&client, &hash, Sr25519Keyring::Bob), bob);
    let genesis_bob = free_balance(&client, &info.genesis, Sr25519Keyring::Bob);
    assert_eq!(bob, genesis_bob + 3_000_000_000);
}

#[test]
fn a_database_of_another_chain_or_pruning_mode_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(open(dir.path(), "dev", Pruning::Archive));
    assert!(matches!(
        Client::open(dir.path(), Some(Pruning::Archive), genesis("local")),
        Err(ChainError::Db(taonet_node::db::DbError::OtherChain { .. }))
    ));
    assert!(matches!(
        Client::open(dir.path(), Some(Pruning::Window(4)), genesis("dev")),
        Err(ChainError::Db(
            taonet_node::db::DbError::PruningMismatch { .. }
        ))
    ));
}

#[test]
fn peers_blocks_are_verified_before_import() {
    let author_dir = tempfile::tempdir().expect("tempdir");
    let peer_dir = tempfile::tempdir().expect("tempdir");
    let alice = open(author_dir.path(), "dev", Pruning::Archive);
    let peer = open(peer_dir.path(), "dev", Pruning::Archive);
    let genesis = alice.info().genesis;
    let (block, changes) = author(
        &alice,
        genesis,
        7,
        Sr25519Keyring::Alice,
        vec![transfer(0, 5, alice.info().genesis)],
    );
    alice
        .import_own(block.clone(), changes)
        .expect("own import");

    // Sealed by someone who is not the slot's author.
    let (mut forged, _) = author(&peer, genesis, 7, Sr25519Keyring::Bob, vec![]);
    assert!(matches!(
        peer.import(forged.clone(), None, BlockOrigin::Network, Some(7)),
        Err(ImportError::Aura(aura::AuraError::BadSeal { .. }))
    ));
    // No seal at all.
    forged.header.digest_mut().pop();
    assert!(matches!(
        peer.import(forged, None, BlockOrigin::Network, Some(7)),
        Err(ImportError::Aura(aura::AuraError::Unsealed))
    ));
    // A slot far ahead of the peer's clock.
    assert!(matches!(
        peer.import(block.clone(), None, BlockOrigin::Network, Some(2)),
        Err(ImportError::Aura(aura::AuraError::FutureSlot {
            slot: 7,
            now: 2
        }))
    ));
    // Extrinsics swapped after sealing: the seal still holds, execution does not.
    let mut tampered = block.clone();
    tampered.extrinsics.pop();
    assert!(matches!(
        peer.import(tampered, None, BlockOrigin::Network, Some(7)),
        Err(ImportError::Invalid(_))
    ));
    assert_eq!(peer.info().best.number, 0, "nothing bad was imported");

    let imported = peer
        .import(block.clone(), None, BlockOrigin::Network, Some(7))
        .expect("the real block imports");
    assert!(imported.new_best);
    assert_eq!(peer.info().best.hash, alice.info().best.hash);
    assert!(matches!(
        peer.import(block.clone(), None, BlockOrigin::Network, Some(7)),
        Err(ImportError::AlreadyKnown(_))
    ));
    let (orphan, _) = author(
        &alice,
        alice.info().best.hash,
        8,
        Sr25519Keyring::Alice,
        vec![],
    );
    let mut orphan = orphan;
    orphan.header.set_parent_hash(Hash::repeat_byte(7));
    assert!(matches!(
        peer.import(orphan, None, BlockOrigin::Network, Some(9)),
        Err(ImportError::UnknownParent(_))
    ));
}

#[test]
fn the_longest_chain_wins_and_the_reorg_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Four authorities (Alice, Bob, Charlie, Dave): slot s belongs to authority s % 4,
    // and nothing is final without GRANDPA.
    let client = open(dir.path(), "local", Pruning::Archive);
    let genesis = client.info().genesis;
    let mut events = client.subscribe();
    let (a1, changes) = author(&client, genesis, 400, Sr25519Keyring::Alice, vec![]);
    let a1 = client.import_own(a1, changes).expect("a1");
    let (b1, _) = author(&client, genesis, 401, Sr25519Keyring::Bob, vec![]);
    let b1 = client
        .import(b1, None, BlockOrigin::Network, None)
        .expect("b1");
    assert!(!b1.new_best, "equal length: the first seen stays best");
    assert_eq!(client.info().best.hash, a1.hash);
    let (b2, _) = author(&client, b1.hash, 402, Sr25519Keyring::Charlie, vec![]);
    let b2 = client
        .import(b2, None, BlockOrigin::Network, None)
        .expect("b2");
    assert!(b2.new_best);
    assert_eq!(b2.retracted, vec![a1.hash]);
    assert_eq!(b2.enacted, vec![b1.hash, b2.hash]);
    assert_eq!(client.hash(1).expect("read"), Some(b1.hash));
    assert_eq!(client.hash(2).expect("read"), Some(b2.hash));
    assert_eq!(client.info().finalized.number, 0);
    let mut seen = Vec::new();
    while let Ok(taonet_node::chain::ChainEvent::Imported(imported)) = events.try_recv() {
        seen.push(imported.hash);
    }
    assert_eq!(seen, vec![a1.hash, b1.hash, b2.hash]);

    client.finalize(&b2.hash, None).expect("finalizes");
    assert_eq!(client.info().finalized.hash, b2.hash);
    // A fork below the finalized block is refused.
    let (a2, _) = author(&client, a1.hash, 404, Sr25519Keyring::Alice, vec![]);
    assert!(matches!(
        client.import(a2, None, BlockOrigin::Network, None),
        Err(ImportError::BelowFinalized(_))
    ));
}

#[test]
fn state_pruning_keeps_its_window_and_archive_keeps_everything() {
    // Five blocks, the fourth finalized (finality trails the best block by one): a window
    // of two keeps the states of blocks 3 and 4, and of 5, not final yet.
    for (pruning, oldest_readable) in [(Pruning::Window(2), 3u32), (Pruning::Archive, 0)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let client = open(dir.path(), "dev", pruning);
        let mut hashes = vec![client.info().genesis];
        for n in 0..5u32 {
            let parent = *hashes.last().expect("parent");
            let (block, changes) = author(
                &client,
                parent,
                200 + u64::from(n),
                Sr25519Keyring::Alice,
                vec![transfer(n, 1_000, client.info().genesis)],
            );
            hashes.push(client.import_own(block, changes).expect("imports").hash);
        }
        for (number, hash) in hashes.iter().enumerate() {
            let readable = client.state_at(hash).is_ok();
            assert_eq!(
                readable,
                number as u32 >= oldest_readable,
                "{pruning}: state of block {number}"
            );
            // Headers and bodies are never pruned.
            assert!(client.block(hash).expect("read").is_some());
        }
    }
}
