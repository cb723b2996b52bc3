//! The sparse epoch on networks with full random weight rows, at the sizes of the
//! issue: (validators, uids) = (64, 256), (128, 256), (256, 1024), (256, 4096); for Yuma 3
//! with and without liquid alpha, and Yuma 2. Bonds come from a previous epoch on the same
//! weights, so the EMA works on a full bond matrix as it does on chain.
//!
//! Run: `cargo bench -p taonet-yuma --bench epoch`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use taonet_yuma::{epoch, EpochInput, EpochParams, Row};

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

struct Network {
    stake: Vec<u64>,
    weights: Vec<Row>,
    bonds: Vec<Row>,
    last_update: Vec<u64>,
    registered: Vec<u64>,
    permit: Vec<bool>,
}

const CURRENT_BLOCK: u64 = 10_000;

impl Network {
    /// `validators` staked uids with permits, each with a full random weight row.
    fn new(validators: usize, uids: usize, seed: u64) -> Self {
        let mut rng = SplitMix(seed);
        let stake = (0..uids)
            .map(|i| {
                if i < validators {
                    1_000_000_000 + rng.next() % 1_000_000_000_000
                } else {
                    0
                }
            })
            .collect();
        let weights = (0..uids)
            .map(|i| {
                if i < validators {
                    (0..uids as u16)
                        .map(|j| (j, (rng.next() % 65_536) as u16))
                        .collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        Self {
            stake,
            weights,
            bonds: vec![Vec::new(); uids],
            last_update: vec![CURRENT_BLOCK - 1; uids],
            registered: vec![0; uids],
            permit: (0..uids).map(|i| i < validators).collect(),
        }
    }

    fn input(&self) -> EpochInput<'_> {
        EpochInput {
            current_block: CURRENT_BLOCK,
            rao_emission: 1_000_000_000,
            stake: &self.stake,
            weights: &self.weights,
            bonds: &self.bonds,
            last_update: &self.last_update,
            block_at_registration: &self.registered,
            validator_permit: &self.permit,
            commit_block: &[],
        }
    }

    /// Stores the bonds of one epoch, as the chain would before the next.
    fn with_bonds_from(mut self, params: &EpochParams) -> Self {
        let out = epoch(&self.input(), params).expect("valid network");
        self.bonds = out
            .bonds
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect();
        self
    }
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
            let network = Network::new(validators, uids, 42).with_bonds_from(&params);
            group.throughput(Throughput::Elements((validators * uids) as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{validators}x{uids}")),
                &network,
                |b, network| b.iter(|| epoch(&network.input(), &params).expect("valid network")),
            );
        }
        group.finish();
    }
}

criterion_group!(benches, bench_epoch);
criterion_main!(benches);
