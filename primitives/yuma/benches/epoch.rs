//! The sparse epoch on networks with full random weight rows, at the sizes of the
//! issue: (validators, uids) = (64, 256), (128, 256), (256, 1024), (256, 4096); for Yuma 3
//! with and without liquid alpha, and Yuma 2. Bonds come from a previous epoch on the same
//! weights, so the EMA works on a full bond matrix as it does on chain.
//!
//! Run: `cargo bench -p taonet-yuma --bench epoch`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use taonet_yuma::{epoch, EpochParams, OwnedEpochInput};

/// A deterministic generator (splitmix64), so every run sees the same network.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

const CURRENT_BLOCK: u64 = 10_000;

/// `validators` staked uids with permits, each with a full random weight row.
fn network(validators: usize, uids: usize, seed: u64) -> OwnedEpochInput {
    let mut rng = SplitMix(seed);
    OwnedEpochInput {
        current_block: CURRENT_BLOCK,
        rao_emission: 1_000_000_000,
        stake: (0..uids)
            .map(|i| {
                if i < validators {
                    1_000_000_000 + rng.next() % 1_000_000_000_000
                } else {
                    0
                }
            })
            .collect(),
        weights: (0..uids)
            .map(|i| {
                if i < validators {
                    (0..uids as u16)
                        .map(|j| (j, (rng.next() % 65_536) as u16))
                        .collect()
                } else {
                    Vec::new()
                }
            })
            .collect(),
        bonds: vec![Vec::new(); uids],
        last_update: vec![CURRENT_BLOCK - 1; uids],
        block_at_registration: vec![0; uids],
        validator_permit: (0..uids).map(|i| i < validators).collect(),
        commit_block: Vec::new(),
    }
}

/// Stores the bonds of one epoch, as the chain would before the next.
fn with_bonds_from(mut network: OwnedEpochInput, params: &EpochParams) -> OwnedEpochInput {
    let out = epoch(&network.as_input(), params).expect("valid network");
    network.bonds = out
        .bonds
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();
    network
}

fn variants() -> [(&'static str, EpochParams); 3] {
    let yuma3 = EpochParams {
        yuma3: true,
        ..EpochParams::default()
    };
    [
        ("yuma3", yuma3.clone()),
        (
            "yuma3_liquid_alpha",
            EpochParams {
                liquid_alpha: true,
                ..yuma3
            },
        ),
        ("yuma2", EpochParams::default()),
    ]
}

fn bench_epoch(c: &mut Criterion) {
    for (name, params) in variants() {
        let mut group = c.benchmark_group(format!("epoch/{name}"));
        group.sample_size(10);
        for (validators, uids) in [(64, 256), (128, 256), (256, 1024), (256, 4096)] {
            let network = with_bonds_from(network(validators, uids, 42), &params);
            group.throughput(Throughput::Elements((validators * uids) as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{validators}x{uids}")),
                &network,
                |b, network| b.iter(|| epoch(&network.as_input(), &params).expect("valid network")),
            );
        }
        group.finish();
    }
}

criterion_group!(benches, bench_epoch);
criterion_main!(benches);
