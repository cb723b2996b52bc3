//! What `SubtensorModule`'s heaviest work costs, executed natively on in-memory state:
//! `set_weights` with 4 096 entries, one epoch of a subnet with 256 validators and
//! 4 096 uids (full weight rows), and the block hook on a block without an epoch, reading
//! and writing through storage as on chain.
//!
//! Run: `cargo bench -p taonet-runtime --bench subtensor`.

use criterion::{criterion_group, criterion_main, Criterion};
use frame_support::traits::Hooks;
use pallet_subtensor as subtensor;
use sp_genesis_builder::PresetId;
use sp_runtime::BuildStorage;
use taonet_runtime::genesis::preset_config;
use taonet_runtime::{Runtime, RuntimeOrigin, System};

#[path = "support/full_subnet.rs"]
mod full_subnet;

use full_subnet::{hotkey, NETUID, UIDS, VALIDATORS};

/// A dev chain with subnet 1 full (see [`full_subnet`]), each validator with a full row of
/// weights.
fn network() -> sp_io::TestExternalities {
    let config = preset_config(&PresetId::from("development")).expect("preset");
    let mut ext = sp_io::TestExternalities::new(config.build_storage().expect("genesis"));
    ext.execute_with(|| {
        full_subnet::fill();
        System::set_block_number(10);
        for uid in 0..VALIDATORS {
            let values: Vec<u16> = (0..UIDS)
                .map(|j| (j.wrapping_mul(2_654).wrapping_add(uid) % 60_000) + 1)
                .collect();
            subtensor::Pallet::<Runtime>::set_weights(
                RuntimeOrigin::signed(hotkey(uid)),
                NETUID,
                (0..UIDS).collect(),
                values,
                0,
            )
            .expect("weights");
        }
        subtensor::PendingEmission::<Runtime>::insert(NETUID, 1_000_000_000);
    });
    ext
}

fn bench(c: &mut Criterion) {
    let mut ext = network();
    let mut group = c.benchmark_group("subtensor");
    group.sample_size(10);
    group.bench_function("set_weights/4096", |b| {
        let values: Vec<u16> = (0..UIDS).map(|j| j % 1_000 + 1).collect();
        b.iter(|| {
            ext.execute_with(|| {
                subtensor::Pallet::<Runtime>::set_weights(
                    RuntimeOrigin::signed(hotkey(1)),
                    NETUID,
                    (0..UIDS).collect(),
                    values.clone(),
                    0,
                )
                .expect("weights")
            })
        })
    });
    group.bench_function("epoch/256x4096", |b| {
        b.iter(|| {
            ext.execute_with(|| {
                subtensor::PendingEmission::<Runtime>::insert(NETUID, 1_000_000_000);
                subtensor::Pallet::<Runtime>::run_epoch(NETUID)
            })
        })
    });
    group.bench_function("on_initialize/no-epoch", |b| {
        b.iter(|| {
            ext.execute_with(|| {
                // (100 + 1 + 1) % (360 + 1) != 0: subnet 1 only accrues emission.
                System::set_block_number(100);
                subtensor::Pallet::<Runtime>::on_initialize(100)
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
