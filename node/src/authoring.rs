//! Aura block authoring: at every slot whose author is one of our keys, build a block on
//! the best block from the pool's ready transactions, seal it and import it.
//!
//! A validator authors only while `synced` holds (the network sets it: no peer reports a
//! better chain, and peers are connected when they should be); otherwise it would build on
//! a stale block and fork. `--force-authoring` passes a flag that is always set.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use codec::Encode;
use sp_consensus_aura::sr25519::AuthorityPair;
use sp_core::Pair as _;
use sp_runtime::traits::{BlakeTwo256, Hash as _, Header as _};
use sp_runtime::transaction_validity::InvalidTransaction;
use taonet_runtime::{Block, Hash, UncheckedExtrinsic};

use crate::chain::{aura, ChainError, Client, ImportError};
use crate::executor::{self, ExecutionError, Rejection};
use crate::txpool::TxPool;

/// Why authoring stopped.
#[derive(Debug, thiserror::Error)]
pub enum AuthoringError {
    /// The chain could not be read.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// Building a block failed: the runtime refused its inherents or panicked. This is a
    /// bug in the node or runtime, not bad input, so the node stops.
    #[error("cannot build a block: {0}")]
    Build(#[from] ExecutionError),
    /// Our own block did not import.
    #[error("own block did not import: {0}")]
    Import(#[from] ImportError),
    /// The blocking task that builds the block panicked: a bug in the node.
    #[error("the block building task failed: {0}")]
    Task(String),
}

/// Share of the slot spent applying transactions: the rest is left for sealing, import
/// and propagation, as Substrate's proposer does. Public because it also bounds how much
/// slower than the weights' reference machine an author may be (the weight guard).
pub const PROPOSING_SHARE: f64 = 2.0 / 3.0;

/// Authors blocks with `keys` for as long as the node runs, in the slots where `synced`
/// is set. Returns only on an error.
pub async fn run(
    client: Arc<Client>,
    pool: Arc<TxPool>,
    keys: Vec<AuthorityPair>,
    synced: Arc<AtomicBool>,
) -> Result<(), AuthoringError> {
    let slot_duration = client.slot_duration_ms(&client.info().genesis)?;
    tracing::info!(
        target: "consensus::aura",
        slot_duration_ms = slot_duration,
        keys = keys.len(),
        "authoring blocks"
    );
    loop {
        let (slot, starts_in) = next_slot(slot_duration);
        tokio::time::sleep(starts_in).await;
        if !synced.load(Ordering::Acquire) {
            tracing::debug!(target: "consensus::aura", slot, "not synced with peers: skipping slot");
            continue;
        }
        let deadline =
            Instant::now() + Duration::from_millis(slot_duration).mul_f64(PROPOSING_SHARE);
        let client = client.clone();
        let pool = pool.clone();
        let keys = keys.clone();
        tokio::task::spawn_blocking(move || {
            author_slot(&client, &pool, &keys, slot, slot_duration, deadline)
        })
        .await
        .map_err(|e| AuthoringError::Task(e.to_string()))??;
    }
}

/// The next slot and how long until it starts.
fn next_slot(slot_duration: u64) -> (u64, Duration) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis();
    let now = u64::try_from(now).unwrap_or(u64::MAX);
    let slot = aura::slot_at(now, slot_duration).saturating_add(1);
    let starts = slot.saturating_mul(slot_duration);
    (slot, Duration::from_millis(starts.saturating_sub(now)))
}

/// Authors in `slot` if it is one of ours and the best block is from an earlier slot.
fn author_slot(
    client: &Client,
    pool: &TxPool,
    keys: &[AuthorityPair],
    slot: u64,
    slot_duration: u64,
    deadline: Instant,
) -> Result<(), AuthoringError> {
    let best = client.info().best;
    let parent = client
        .header(&best.hash)?
        .ok_or(ChainError::UnknownBlock(best.hash))?;
    if best.number > 0 && aura::header_slot(&parent).is_ok_and(|parent_slot| parent_slot >= slot) {
        return Ok(());
    }
    let authorities = client.authorities(&best.hash)?;
    let Some(author) = aura::slot_author(slot, &authorities) else {
        return Ok(());
    };
    let Some(key) = keys.iter().find(|key| key.public() == *author) else {
        return Ok(());
    };
    let started = Instant::now();
    let ready = pool.ready();
    let xts: Vec<UncheckedExtrinsic> = ready.iter().map(|(_, xt)| (**xt).clone()).collect();
    let state = client.state_at(&best.hash)?;
    let built = executor::build_block(&state, &parent, slot, slot_duration, xts, Some(deadline))?;
    let rejected: Vec<_> = built
        .rejected
        .iter()
        .map(|(xt, why)| {
            let why = match why {
                Rejection::Invalid(invalid) => *invalid,
                Rejection::Panicked(message) => {
                    // A transaction that panics the runtime can never be included.
                    tracing::warn!(target: "consensus::aura", %message, "transaction panicked");
                    InvalidTransaction::Call.into()
                }
            };
            (BlakeTwo256::hash(&xt.encode()), why)
        })
        .collect();
    pool.reject(&rejected);
    let Block {
        mut header,
        extrinsics,
    } = built.block;
    aura::seal(&mut header, key);
    let hash: Hash = header.hash();
    let count = extrinsics.len();
    let number = *header.number();
    client.import_authored(
        Block { header, extrinsics },
        built.changes,
        started.elapsed(),
    )?;
    tracing::info!(
        target: "consensus::aura",
        number, %hash, slot, extrinsics = count,
        millis = started.elapsed().as_millis() as u64,
        "authored block"
    );
    Ok(())
}
