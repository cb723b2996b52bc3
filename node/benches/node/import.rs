//! Block import speed: builds a chain of 1,000 blocks full of signed transfers (and one of
//! empty blocks) by authoring them on a real database, exports it, then times
//! `taonet import-blocks` (the release binary) importing it into a fresh database, which
//! verifies every seal and re-executes every block. Authoring and importing the same
//! blocks run side by side, so their ratio holds on any machine.
//!
//! Then the same blocks are executed again in memory, twice side by side: by the node's
//! executor (the runtime's wasm from `:code`, wasmtime) and by the runtime linked natively
//! (`Executive::execute_block`, the baseline the node no longer uses), checking after
//! every block that both reach the same state root.
//!
//! `cargo bench -p taonet-node --bench node -- import` (`IMPORT_BLOCKS`, `TRANSFERS_PER_BLOCK`
//! override the sizes).

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use sp_consensus_aura::sr25519::AuthorityPair;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::{Block as _, Header as _};
use sp_runtime::MultiAddress;
use taonet_node::chain::{aura, Client};
use taonet_node::executor::{build_block, commit, genesis_from_storage, import_block};
use taonet_node::maintenance::export_blocks;
use taonet_runtime::{Block, RuntimeCall, UncheckedExtrinsic, MILLISECS_PER_BLOCK};

use crate::support::{env_or, execute_natively, genesis, import_with_binary};

fn open(dir: &Path) -> Arc<Client> {
    Client::open(dir, None, genesis()).expect("opens")
}

/// The authored chain's blocks, unsealed (as the runtime executes them).
fn unsealed_blocks(client: &Client) -> Vec<Block> {
    let best = client.info().best.number;
    (1..=best)
        .map(|n| {
            let hash = client.hash(n).expect("read").expect("canonical");
            let (block, _) = client.block(&hash).expect("read").expect("stored");
            let (header, extrinsics) = block.deconstruct();
            let mut header = header;
            header
                .digest_mut()
                .logs
                .retain(|item| item.as_seal().is_none());
            Block { header, extrinsics }
        })
        .collect()
}

/// Seconds to execute `blocks` from genesis in wasm and natively, side by side, each on its
/// own in-memory state; asserts the two agree on every state root.
fn execute_both(blocks: &[Block]) -> (f64, f64) {
    let (mut wasm_state, _) = genesis_from_storage(genesis()).expect("genesis");
    let (mut native_state, _) = genesis_from_storage(genesis()).expect("genesis");
    let (mut wasm, mut native) = (0.0, 0.0);
    for block in blocks {
        let started = Instant::now();
        let changes = import_block(&wasm_state, block).expect("wasm executes");
        wasm += started.elapsed().as_secs_f64();
        let started = Instant::now();
        let native_changes = execute_natively(&native_state, block);
        native += started.elapsed().as_secs_f64();
        assert_eq!(
            changes.transaction_storage_root,
            native_changes.transaction_storage_root,
            "wasm and native disagree at block {}",
            block.header.number()
        );
        commit(&mut wasm_state, changes);
        commit(&mut native_state, native_changes);
    }
    (wasm, native)
}

/// Authors `blocks` blocks of `per_block` transfers from Alice; returns the seconds spent.
fn author_chain(client: &Client, blocks: u32, per_block: u32) -> f64 {
    // Deriving a development key runs PBKDF2: do it once, not per transfer.
    let sender = Sr25519Keyring::Alice.pair();
    let alice = AuthorityPair::from(sender.clone());
    let genesis = client.info().genesis;
    let mut nonce = 0u32;
    let started = Instant::now();
    for n in 0..blocks {
        let best = client.info().best.hash;
        let parent = client.header(&best).expect("read").expect("parent");
        let xts: Vec<UncheckedExtrinsic> = (0..per_block)
            .map(|i| {
                let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
                    dest: MultiAddress::Id(sp_runtime::AccountId32::new(
                        [u8::try_from(i % 200).unwrap_or(0).saturating_add(1); 32],
                    )),
                    value: 1_000_000,
                });
                let xt = taonet_runtime::signing::sign(call, &sender, nonce, 0, genesis);
                nonce += 1;
                xt
            })
            .collect();
        let state = client.state_at(&best).expect("state");
        let built = build_block(
            &state,
            &parent,
            1_000 + u64::from(n),
            MILLISECS_PER_BLOCK,
            xts,
            None,
        )
        .expect("builds");
        assert!(built.rejected.is_empty(), "{:?}", built.rejected.first());
        let mut block = built.block;
        aura::seal(&mut block.header, &alice);
        client.import_own(block, built.changes).expect("imports");
    }
    started.elapsed().as_secs_f64()
}

/// Runs the block import bench.
pub fn run() {
    let blocks = env_or("IMPORT_BLOCKS", 1_000);
    let per_block = env_or("TRANSFERS_PER_BLOCK", 100);
    println!("| chain | author (build + commit) | import-blocks (verify + execute + commit) | import speed ÷ author speed |");
    println!("|---|---|---|---|");
    let mut executed = Vec::new();
    for per_block in [0, per_block] {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = dir.path().join("source");
        let client = open(&source);
        let authored = author_chain(&client, blocks, per_block);
        let file = dir.path().join("blocks.bin");
        let written = export_blocks(
            &client,
            1,
            None,
            true,
            std::fs::File::create(&file).expect("create"),
        )
        .expect("export");
        assert_eq!(written, u64::from(blocks));
        let unsealed = unsealed_blocks(&client);
        drop(client);
        let imported = import_with_binary("dev", &file, &dir.path().join("imported"));
        let transfers = f64::from(blocks) * f64::from(per_block);
        let rate = |seconds: f64| {
            if per_block == 0 {
                format!("{:.0} blocks/s", f64::from(blocks) / seconds)
            } else {
                format!(
                    "{:.0} blocks/s, {:.0} transfers/s",
                    f64::from(blocks) / seconds,
                    transfers / seconds
                )
            }
        };
        println!(
            "| {blocks} blocks × {per_block} transfers | {} ({authored:.2} s) | {} ({imported:.2} s) | {:.2} |",
            rate(authored),
            rate(imported),
            authored / imported
        );
        let (wasm, native) = execute_both(&unsealed);
        executed.push((per_block, wasm, native));
    }
    println!();
    println!(
        "| chain | execute in wasm (sc-executor) | execute natively | wasm time ÷ native time |"
    );
    println!("|---|---|---|---|");
    for (per_block, wasm, native) in executed {
        println!(
            "| {blocks} blocks × {per_block} transfers | {:.0} blocks/s ({wasm:.2} s) | {:.0} blocks/s ({native:.2} s) | {:.2} |",
            f64::from(blocks) / wasm,
            f64::from(blocks) / native,
            wasm / native
        );
    }
}
