//! What several runtime tests start from: the development chain's genesis with block 1
//! open, as the node opens it (Aura pre-digest, then the timestamp inherent).

use codec::Encode;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_genesis_builder::PresetId;
use sp_runtime::traits::Header as _;
use sp_runtime::{BuildStorage, Digest, DigestItem};
use taonet_runtime::genesis::preset_config;
use taonet_runtime::{
    Executive, Header, RuntimeCall, System, UncheckedExtrinsic, MILLISECS_PER_BLOCK,
};

/// Runs `test` on the development genesis with block 1 initialised and its timestamp set.
pub fn development_block_1(test: impl FnOnce()) {
    let config = preset_config(&PresetId::from("development")).expect("preset exists");
    sp_io::TestExternalities::new(config.build_storage().expect("genesis builds")).execute_with(
        || {
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
            test();
        },
    );
}
