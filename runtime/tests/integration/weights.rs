//! The heaviest instance of every call whose weight grows with its work still fits in a
//! block: a call declared heavier than a normal extrinsic may be can never be included, so
//! a benchmark that raised a weight past the block would silently disable the call. The
//! block hook's removal of a dissolved subnet takes only a small share of each block. The
//! weights are the runtime's, from `weights.rs`, priced by its `DbWeight`.

use codec::Compact;
use frame_support::dispatch::{DispatchClass, GetDispatchInfo};
use frame_support::traits::GetCallMetadata;
use frame_support::weights::Weight;
use pallet_subtensor::neurons::MAX_UIDS;
use pallet_subtensor::set_weights::MAX_BATCH;
use pallet_subtensor::WeightInfo as _;
use sp_keyring::Sr25519Keyring;
use sp_runtime::AccountId32;
use taonet_runtime::{Runtime, RuntimeCall};

/// What a normal extrinsic may weigh at most.
fn max_normal_extrinsic() -> Weight {
    <Runtime as frame_system::Config>::BlockWeights::get()
        .get(DispatchClass::Normal)
        .max_extrinsic
        .expect("normal extrinsics are limited")
}

fn alice() -> AccountId32 {
    Sr25519Keyring::Alice.to_account_id()
}

fn bob() -> AccountId32 {
    Sr25519Keyring::Bob.to_account_id()
}

/// A full row of weights, one to every uid of a full subnet.
fn full_row() -> Vec<u16> {
    (0..MAX_UIDS).collect()
}

fn subtensor(call: pallet_subtensor::Call<Runtime>) -> RuntimeCall {
    RuntimeCall::SubtensorModule(call)
}

#[test]
fn the_heaviest_call_of_each_kind_fits_a_block() {
    crate::support::development_block_1(|| {
        let max = max_normal_extrinsic();
        let batch_row: Vec<(Compact<u16>, Compact<u16>)> = full_row()
            .into_iter()
            .map(|uid| (Compact(uid), Compact(u16::MAX)))
            .collect();
        let calls = [
            subtensor(pallet_subtensor::Call::register_network { hotkey: bob() }),
            subtensor(pallet_subtensor::Call::register_network_with_identity {
                hotkey: bob(),
                identity: None,
            }),
            subtensor(pallet_subtensor::Call::dissolve_network {
                coldkey: alice(),
                netuid: 1,
            }),
            subtensor(pallet_subtensor::Call::burned_register {
                netuid: 1,
                hotkey: bob(),
            }),
            subtensor(pallet_subtensor::Call::register_limit {
                netuid: 1,
                hotkey: bob(),
                limit_price: u64::MAX,
            }),
            subtensor(pallet_subtensor::Call::set_weights {
                netuid: 1,
                dests: full_row(),
                weights: full_row(),
                version_key: 0,
            }),
            subtensor(pallet_subtensor::Call::batch_set_weights {
                netuids: vec![Compact(1); MAX_BATCH],
                weights: vec![batch_row; MAX_BATCH],
                version_keys: vec![Compact(0); MAX_BATCH],
            }),
            subtensor(pallet_subtensor::Call::swap_hotkey {
                hotkey: alice(),
                new_hotkey: bob(),
                netuid: None,
            }),
            subtensor(pallet_subtensor::Call::unstake_all { hotkey: bob() }),
        ];
        for call in calls {
            let info = call.get_dispatch_info();
            let name = call.get_call_metadata().function_name;
            assert_eq!(info.class, DispatchClass::Normal, "{name}");
            assert!(
                info.call_weight.all_lte(max),
                "{name} is declared at {} ps, over the {} ps a normal extrinsic may take",
                info.call_weight.ref_time(),
                max.ref_time()
            );
        }
    });
}

#[test]
fn an_epoch_over_a_full_subnet_fits_a_block() {
    let block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
    let nominators = 4_096;
    let epoch = <Runtime as pallet_subtensor::Config>::WeightInfo::on_initialize_epoch(
        u32::from(MAX_UIDS),
        nominators,
    );
    assert!(
        epoch.all_lte(block),
        "an epoch at {MAX_UIDS} uids paying {nominators} nominators is priced at {} ps, over \
         the block's {} ps",
        epoch.ref_time(),
        block.ref_time()
    );
}

#[test]
fn a_removal_step_takes_a_small_share_of_a_block() {
    use pallet_subtensor::cleanup::{NEURON_KEYS_PER_BLOCK, STAKES_PER_BLOCK};
    type Weights = <Runtime as pallet_subtensor::Config>::WeightInfo;
    let share = <Runtime as frame_system::Config>::BlockWeights::get()
        .max_block
        .saturating_div(10);
    for (step, weight) in [
        (
            "stakes",
            Weights::on_initialize_cleanup_stakes(STAKES_PER_BLOCK),
        ),
        (
            "neurons",
            Weights::on_initialize_cleanup_neurons(NEURON_KEYS_PER_BLOCK),
        ),
        ("finish", Weights::on_initialize_cleanup_finish()),
    ] {
        assert!(
            weight.all_lte(share),
            "a dissolved subnet's {step} step is priced at {} ps, over a tenth of a block ({} ps)",
            weight.ref_time(),
            share.ref_time()
        );
    }
}
