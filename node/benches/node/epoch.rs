//! The Yuma epoch on chain, in wasm against native, side by side, the way a live chain
//! runs it: every epoch comes with fresh weights. The development chain's subnet 1 is
//! filled to 4 096 uids with 256 staked validators (`runtime/benches/support`). Each round
//! moves to the block before subnet 1's next epoch (every 361 blocks at tempo 360),
//! writes a new random row of 4 096 weights for every validator, builds the epoch block
//! with the node's executor, then executes that block twice on the same state: with the
//! executor (the wasm at `:code`, wasmtime) and with the runtime linked natively
//! (`Executive::execute_block`). Both must reach the same state root, and the epoch must
//! have written the subnet's incentive. The next round starts from the state after it, so
//! every epoch's bonds carry over, as on chain. Liquid alpha off, then on.
//!
//! `cargo bench -p taonet-node --bench node -- epoch` (`EPOCH_ROUNDS` sets the rounds, 10).

use std::time::{Duration, Instant};

use codec::{Decode, Encode};
use pallet_subtensor as subtensor;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sp_core::storage::well_known_keys;
use sp_crypto_hashing::twox_128;
use sp_runtime::traits::{BlakeTwo256, Header as _};
use sp_state_machine::Backend as _;
use taonet_node::executor::{build_block, commit, import_block, MemoryState};
use taonet_runtime::{Header, Runtime, System, MILLISECS_PER_BLOCK, VERSION};

use crate::full_subnet::{hotkey, NETUID, UIDS, VALIDATORS};
use crate::support::{env_or, execute_natively, genesis};

/// The first block that runs subnet 1's epoch: (block + netuid + 1) is a multiple of
/// tempo + 1.
const EPOCH_BLOCK: u32 = 359;
/// Blocks from one of its epochs to the next: tempo (360) + 1.
const TEMPO_BLOCKS: u32 = 361;

/// The development chain with subnet 1 full, before its first epoch.
fn network(liquid_alpha: bool) -> MemoryState {
    let storage = genesis();
    // The externalities write `code` at `:code`: the genesis's own, the runtime's wasm.
    let code = storage.top[well_known_keys::CODE].clone();
    let mut ext = sp_state_machine::TestExternalities::<BlakeTwo256>::new_with_code_and_state(
        &code,
        storage,
        VERSION.state_version(),
    );
    ext.execute_with(|| {
        crate::full_subnet::fill();
        let last = subtensor::Uids::<Runtime>::get(NETUID, hotkey(UIDS - 1));
        assert_eq!(last, Some(UIDS - 1), "the subnet is full");
        subtensor::LiquidAlphaOn::<Runtime>::insert(NETUID, liquid_alpha);
        subtensor::PendingEmission::<Runtime>::insert(NETUID, 1_000_000_000);
        System::reset_events();
    });
    ext.as_backend()
}

/// `state` moved to the block before epoch block `epoch` with a fresh random row of weights
/// on every uid for each validator, as if each had called `set_weights` since the last
/// epoch; with that block's header.
fn next_epoch(state: &MemoryState, epoch: u32, rng: &mut StdRng) -> (MemoryState, Header) {
    let parent_number = epoch - 1;
    let last_update_key = subtensor::LastUpdate::<Runtime>::hashed_key_for(NETUID);
    let mut last_update: Vec<u64> = state
        .storage(&last_update_key)
        .expect("state")
        .and_then(|bytes| Decode::decode(&mut &bytes[..]).ok())
        .expect("the subnet's last updates");
    let mut changes: Vec<(Vec<u8>, Option<Vec<u8>>)> = (0..VALIDATORS)
        .map(|uid| {
            let row: Vec<(u16, u16)> = (0..UIDS).map(|target| (target, rng.gen())).collect();
            let key = subtensor::Weights::<Runtime>::hashed_key_for(NETUID, uid);
            (key, Some(row.encode()))
        })
        .collect();
    for updated in last_update.iter_mut().take(usize::from(VALIDATORS)) {
        *updated = u64::from(parent_number);
    }
    changes.push((last_update_key, Some(last_update.encode())));
    // `System::Number`, whose storage type frame_system keeps private.
    let number = [twox_128(b"System"), twox_128(b"Number")].concat();
    changes.push((number, Some(parent_number.encode())));
    let state = state.update(vec![(None, changes)], VERSION.state_version());
    let parent = Header::new(
        parent_number,
        Default::default(),
        *state.root(),
        Default::default(),
        Default::default(),
    );
    (state, parent)
}

/// Mean and fastest of `times`, in milliseconds.
fn summary(times: &[Duration]) -> (f64, f64) {
    let ms = |d: &Duration| d.as_secs_f64() * 1_000.0;
    let count = f64::from(u32::try_from(times.len()).expect("few rounds"));
    let mean = times.iter().map(ms).sum::<f64>() / count;
    let fastest = times.iter().map(ms).fold(f64::INFINITY, f64::min);
    (mean, fastest)
}

/// Runs the on-chain epoch bench.
pub fn run() {
    let rounds = env_or("EPOCH_ROUNDS", 10);
    let incentive = subtensor::Incentive::<Runtime>::hashed_key_for(NETUID);
    println!("| {VALIDATORS} validators × {UIDS} uids, fresh weights every epoch | execute in wasm (sc-executor) | execute natively | wasm time ÷ native time |");
    println!("|---|---|---|---|");
    for liquid_alpha in [false, true] {
        let mut state = network(liquid_alpha);
        let mut rng = StdRng::seed_from_u64(u64::from(liquid_alpha));
        let (mut wasm, mut native) = (Vec::new(), Vec::new());
        // Each epoch runs on the last one's bonds. One round more than measured: the first
        // compiles the wasm.
        for round in 0..=rounds {
            let epoch = EPOCH_BLOCK + round * TEMPO_BLOCKS;
            let (before, parent) = next_epoch(&state, epoch, &mut rng);
            let slot = u64::from(epoch);
            let built = build_block(
                &before,
                &parent,
                slot,
                MILLISECS_PER_BLOCK,
                Vec::new(),
                None,
            )
            .expect("the epoch block builds");
            let started = Instant::now();
            let in_wasm = import_block(&before, &built.block).expect("wasm executes");
            let wasm_time = started.elapsed();
            let started = Instant::now();
            let natively = execute_natively(&before, &built.block);
            let native_time = started.elapsed();
            assert_eq!(
                in_wasm.transaction_storage_root, natively.transaction_storage_root,
                "wasm and native disagree"
            );
            let wrote_incentive = in_wasm
                .main_storage_changes
                .iter()
                .any(|(key, value)| *key == incentive && value.is_some());
            assert!(wrote_incentive, "the block ran subnet {NETUID}'s epoch");
            if round > 0 {
                wasm.push(wasm_time);
                native.push(native_time);
            }
            state = before;
            commit(&mut state, in_wasm);
        }
        let (wasm_mean, wasm_fastest) = summary(&wasm);
        let (native_mean, native_fastest) = summary(&native);
        let label = if liquid_alpha {
            "liquid alpha on"
        } else {
            "liquid alpha off"
        };
        println!(
            "| {label}, {rounds} epochs | {wasm_mean:.0} ms (fastest {wasm_fastest:.0}) | {native_mean:.0} ms (fastest {native_fastest:.0}) | {:.2} |",
            wasm_mean / native_mean
        );
    }
}
