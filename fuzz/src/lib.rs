//! What the fuzz targets share: the development chain's genesis with block 1 open, as the
//! node opens it, where each input runs inside a storage transaction that is rolled back,
//! so every input starts from the same state.

use std::cell::RefCell;

use codec::Encode;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_genesis_builder::PresetId;
use sp_runtime::traits::Header as _;
use sp_runtime::{BuildStorage, Digest, DigestItem};
use taonet_runtime::genesis::preset_config;
use taonet_runtime::{
    Executive, Header, RuntimeCall, System, UncheckedExtrinsic, MILLISECS_PER_BLOCK,
};

pub mod node;
pub mod runtime_api;

/// How deeply a call decoded from fuzz input may nest calls (`utility.batch`): deep enough
/// for any real use, shallow enough for the stack.
pub const MAX_CALL_DEPTH: u32 = 256;

thread_local! {
    static BLOCK_1: RefCell<sp_io::TestExternalities> = RefCell::new(open_block_1());
}

/// The development genesis with block 1 initialised and its timestamp set.
fn open_block_1() -> sp_io::TestExternalities {
    let config = preset_config(&PresetId::from("development")).expect("the preset exists");
    let mut ext = sp_io::TestExternalities::new(config.build_storage().expect("genesis builds"));
    ext.execute_with(|| {
        let slot = 1_000u64;
        let digest = Digest {
            logs: vec![DigestItem::PreRuntime(
                AURA_ENGINE_ID,
                Slot::from(slot).encode(),
            )],
        };
        Executive::initialize_block(&Header::new(
            1,
            Default::default(),
            Default::default(),
            System::block_hash(0),
            digest,
        ));
        let timestamp =
            UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
                now: slot * MILLISECS_PER_BLOCK,
            }));
        assert_eq!(Executive::apply_extrinsic(timestamp), Ok(Ok(())));
    });
    ext
}

/// Runs `f` in block 1 and then undoes everything it wrote.
pub fn in_block_1<R>(f: impl FnOnce() -> R) -> R {
    BLOCK_1.with(|ext| {
        ext.borrow_mut().execute_with(|| {
            sp_io::storage::start_transaction();
            let result = f();
            sp_io::storage::rollback_transaction();
            result
        })
    })
}

/// Whether the pool would accept `xt` now: `validate_transaction` as the pool calls it,
/// on state it then throws away (validation opens a block of its own, which the
/// extrinsic's application must not see).
pub fn valid(xt: &UncheckedExtrinsic) -> bool {
    sp_io::storage::start_transaction();
    let valid = Executive::validate_transaction(
        sp_runtime::transaction_validity::TransactionSource::External,
        xt.clone(),
        genesis_hash(),
    )
    .is_ok();
    sp_io::storage::rollback_transaction();
    valid
}

/// The hash of block 0, which signatures of the development chain cover.
pub fn genesis_hash() -> taonet_runtime::Hash {
    System::block_hash(0)
}
