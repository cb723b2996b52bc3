//! The node's executor on the real runtime, as wasm: genesis, building a block, importing it
//! on another copy of the state, runtime calls, bad input that must not crash the node, and
//! `CheckMetadataHash` as an offline signer uses it.

use codec::{Decode, Encode};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Header as _;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
use taonet_node::chain_spec::ChainSpec;
use taonet_node::executor::{
    build_block, call, commit, genesis_from_storage, import_block, ExecutionError, MemoryState,
    Rejection,
};
use taonet_runtime::{Header, RuntimeCall, MILLISECS_PER_BLOCK, VERSION};

use crate::support::{forged_transfer, transfer};

fn dev_genesis() -> (MemoryState, Header) {
    let storage = ChainSpec::development()
        .and_then(|spec| spec.build_storage())
        .expect("development genesis");
    genesis_from_storage(storage).expect("genesis builds")
}

fn nonce_of(state: &MemoryState, who: Sr25519Keyring) -> u32 {
    let out = call(
        state,
        "AccountNonceApi_account_nonce",
        &who.to_account_id().encode(),
    )
    .expect("call");
    u32::decode(&mut &out[..]).expect("a nonce")
}

#[test]
fn genesis_is_deterministic() {
    let (a, header_a) = dev_genesis();
    let (b, header_b) = dev_genesis();
    assert_eq!(header_a.hash(), header_b.hash());
    assert_eq!(a.root(), b.root());
    assert_eq!(header_a.state_root(), a.root());
}

#[test]
fn a_block_built_here_imports_on_another_node() {
    let (mut author, genesis_header) = dev_genesis();
    let (mut follower, _) = dev_genesis();
    let slot = 1_000;
    let xts = vec![
        transfer(0, 5_000_000_000, genesis_header.hash()),
        transfer(1, 7, genesis_header.hash()),
    ];
    let built = build_block(
        &author,
        &genesis_header,
        slot,
        MILLISECS_PER_BLOCK,
        xts,
        None,
    )
    .expect("builds");
    assert!(built.rejected.is_empty(), "{:?}", built.rejected);
    // The timestamp inherent, then both transfers.
    assert_eq!(built.block.extrinsics.len(), 3);
    assert_eq!(*built.block.header.number(), 1);
    assert_eq!(*built.block.header.parent_hash(), genesis_header.hash());
    let root = built.changes.transaction_storage_root;
    assert_eq!(*built.block.header.state_root(), root);
    commit(&mut author, built.changes);

    let changes = import_block(&follower, &built.block).expect("imports");
    assert_eq!(changes.transaction_storage_root, root);
    commit(&mut follower, changes);
    assert_eq!(author.root(), follower.root());
    assert_eq!(nonce_of(&follower, Sr25519Keyring::Alice), 2);
}

#[test]
fn invalid_transactions_are_left_out_and_reported() {
    let (state, genesis_header) = dev_genesis();
    let stale = transfer(5, 1, genesis_header.hash());
    // Alice's signature over one transfer, attached to another.
    let forged = forged_transfer(genesis_header.hash());
    let built = build_block(
        &state,
        &genesis_header,
        9,
        MILLISECS_PER_BLOCK,
        vec![stale, forged],
        None,
    )
    .expect("builds");
    assert_eq!(
        built.block.extrinsics.len(),
        1,
        "only the timestamp inherent"
    );
    let reasons: Vec<&Rejection> = built.rejected.iter().map(|(_, why)| why).collect();
    assert_eq!(
        reasons,
        [
            &Rejection::Invalid(TransactionValidityError::Invalid(
                InvalidTransaction::Future
            )),
            &Rejection::Invalid(TransactionValidityError::Invalid(
                InvalidTransaction::BadProof
            )),
        ]
    );
}

#[test]
fn a_tampered_block_is_invalid_and_changes_nothing() {
    let (author, genesis_header) = dev_genesis();
    let (follower, _) = dev_genesis();
    let xts = vec![transfer(0, 1_000, genesis_header.hash())];
    let built =
        build_block(&author, &genesis_header, 3, MILLISECS_PER_BLOCK, xts, None).expect("builds");

    let mut wrong_root = built.block.clone();
    wrong_root.header.state_root = Default::default();
    let mut missing_transfer = built.block.clone();
    missing_transfer.extrinsics.pop();
    for block in [wrong_root, missing_transfer] {
        let root_before = *follower.root();
        assert!(matches!(
            import_block(&follower, &block),
            Err(ExecutionError::Trapped(_))
        ));
        assert_eq!(*follower.root(), root_before);
    }
}

#[test]
fn runtime_calls_answer_and_bad_input_is_an_error() {
    let (state, _) = dev_genesis();
    let version = call(&state, "Core_version", &[]).expect("Core_version");
    let version = sp_version::RuntimeVersion::decode(&mut &version[..]).expect("decodes");
    assert_eq!(version.spec_version, VERSION.spec_version);
    assert!(matches!(
        call(&state, "Core_nothing", &[]),
        Err(ExecutionError::UnknownMethod(_))
    ));
    // Undecodable input traps inside the runtime: an error here, not a crash.
    assert!(matches!(
        call(&state, "AccountNonceApi_account_nonce", &[1, 2]),
        Err(ExecutionError::Trapped(_))
    ));
    // The node keeps working afterwards.
    assert_eq!(nonce_of(&state, Sr25519Keyring::Bob), 0);
}

/// The RFC-0078 digest of the metadata of the runtime in `state`, computed as an offline
/// signer's companion does: from `Metadata_metadata_at_version(15)`, the runtime's version,
/// its SS58 prefix and the token (TAO, 9 decimals).
fn metadata_digest(state: &MemoryState) -> [u8; 32] {
    let out = call(state, "Metadata_metadata_at_version", &15u32.encode()).expect("call");
    let bytes = Option::<Vec<u8>>::decode(&mut &out[..])
        .expect("an option")
        .expect("metadata V15");
    let metadata = frame_metadata::RuntimeMetadataPrefixed::decode(&mut &bytes[..])
        .expect("metadata")
        .1;
    let extra = merkleized_metadata::ExtraInfo {
        spec_version: VERSION.spec_version,
        spec_name: VERSION.spec_name.to_string(),
        base58_prefix: 42,
        decimals: 9,
        token_symbol: "TAO".into(),
    };
    merkleized_metadata::generate_metadata_digest(&metadata, extra)
        .expect("a digest")
        .hash()
}

#[test]
fn check_metadata_hash_accepts_the_real_digest_and_refuses_any_other() {
    let (state, genesis) = dev_genesis();
    let digest = metadata_digest(&state);
    let mut wrong = digest;
    wrong[0] ^= 1;
    let remark = |nonce: u8, hash| {
        taonet_runtime::signing::sign_with_metadata_hash(
            RuntimeCall::System(frame_system::Call::remark {
                remark: vec![nonce],
            }),
            &Sr25519Keyring::Alice.pair(),
            u32::from(nonce),
            genesis.hash(),
            hash,
        )
    };
    let signed = remark(0, digest);
    let forged = remark(1, wrong);
    let built = build_block(
        &state,
        &genesis,
        1_000,
        MILLISECS_PER_BLOCK,
        vec![signed.clone(), forged.clone()],
        None,
    )
    .expect("builds");
    assert_eq!(built.block.extrinsics.last(), Some(&signed));
    assert_eq!(
        built.rejected,
        vec![(
            forged,
            Rejection::Invalid(TransactionValidityError::Invalid(
                InvalidTransaction::BadProof
            ))
        )]
    );
}
