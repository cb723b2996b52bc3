//! The transaction pool over a real chain: nonce order decides ready and future,
//! priority decides replacement and eviction, blocks remove what they include, and every
//! watched transaction ends in a terminal status.

use std::sync::Arc;
use std::time::Duration;

use codec::{DecodeAll, Encode};
use sp_consensus_aura::sr25519::AuthorityPair;
use sp_keyring::Sr25519Keyring;
use sp_runtime::transaction_validity::TransactionSource;
use sp_runtime::MultiAddress;
use taonet_node::chain::{aura, Client};
use taonet_node::executor::build_block;
use taonet_node::txpool::{PoolError, PoolLimits, TxPool, TxStatus, Watcher, REVALIDATE_PER_BLOCK};
use taonet_runtime::{RuntimeCall, MILLISECS_PER_BLOCK};

fn open(dir: &std::path::Path) -> Arc<Client> {
    let storage = taonet_node::chain_spec::ChainSpec::development()
        .and_then(|spec| spec.build_storage())
        .expect("genesis storage");
    Client::open(dir, None, storage).expect("opens")
}

/// A transfer from `who` at `nonce`, tipping `tip` (the tip sets its priority).
fn transfer(client: &Client, who: Sr25519Keyring, nonce: u32, tip: u64) -> Vec<u8> {
    let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
        dest: MultiAddress::Id(Sr25519Keyring::Ferdie.to_account_id()),
        value: 1_000_000,
    });
    taonet_runtime::signing::sign(call, &who.pair(), nonce, tip, client.info().genesis).encode()
}

/// Builds the next block from the pool's ready transactions, in the pool's order.
fn author_from_pool(client: &Client, pool: &TxPool, slot: u64) -> taonet_runtime::Hash {
    let xts = pool
        .ready()
        .into_iter()
        .map(|(_, xt)| (*xt).clone())
        .collect();
    author(client, xts, slot)
}

/// Builds, seals and imports the next block with `xts`, every one of which must apply.
fn author(
    client: &Client,
    xts: Vec<taonet_runtime::UncheckedExtrinsic>,
    slot: u64,
) -> taonet_runtime::Hash {
    let best = client.info().best.hash;
    let parent = client.header(&best).expect("read").expect("parent");
    let built = build_block(
        &client.state_at(&best).expect("state"),
        &parent,
        slot,
        MILLISECS_PER_BLOCK,
        xts,
        None,
    )
    .expect("builds");
    assert!(built.rejected.is_empty(), "{:?}", built.rejected);
    let mut block = built.block;
    aura::seal(
        &mut block.header,
        &AuthorityPair::from(Sr25519Keyring::Alice.pair()),
    );
    client
        .import_own(block, built.changes)
        .expect("imports")
        .hash
}

/// The statuses a watcher has received so far (waiting briefly for stragglers).
async fn statuses(watcher: &mut Watcher) -> Vec<TxStatus> {
    let mut seen = Vec::new();
    while let Ok(Some(status)) =
        tokio::time::timeout(Duration::from_millis(300), watcher.recv()).await
    {
        let terminal = status.is_terminal();
        seen.push(status);
        if terminal {
            break;
        }
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nonces_order_transactions_and_blocks_take_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    tokio::spawn(pool.clone().maintain());
    let alice = Sr25519Keyring::Alice.to_account_id();

    // Nonce 1 first: it waits for nonce 0.
    let (_, mut second) = pool
        .submit_and_watch(
            &transfer(&client, Sr25519Keyring::Alice, 1, 0),
            TransactionSource::External,
        )
        .expect("future transaction accepted");
    assert_eq!(pool.ready().len(), 0);
    let first_bytes = transfer(&client, Sr25519Keyring::Alice, 0, 0);
    let (first_hash, mut first) = pool
        .submit_and_watch(&first_bytes, TransactionSource::External)
        .expect("accepted");
    let order: Vec<_> = pool.ready().into_iter().map(|(hash, _)| hash).collect();
    assert_eq!(order.len(), 2);
    assert_eq!(order[0], first_hash, "nonce 0 goes first");
    assert_eq!(pool.next_nonce(&alice, 0), 2);
    assert!(matches!(
        pool.submit(&first_bytes, TransactionSource::External),
        Err(PoolError::AlreadyImported(_))
    ));
    // The same nonce signed again is a rival of equal priority.
    assert!(matches!(
        pool.submit(
            &transfer(&client, Sr25519Keyring::Alice, 0, 0),
            TransactionSource::External
        ),
        Err(PoolError::TooLowPriority { .. })
    ));

    let block = author_from_pool(&client, &pool, 10);
    // The dev chain finalizes a block when the next one is imported.
    assert_eq!(
        statuses(&mut first).await,
        [TxStatus::Ready, TxStatus::InBlock(block)]
    );
    assert_eq!(
        statuses(&mut second).await,
        [TxStatus::Future, TxStatus::Ready, TxStatus::InBlock(block)]
    );
    assert!(pool.is_empty());
    author_from_pool(&client, &pool, 11);
    assert_eq!(statuses(&mut first).await, [TxStatus::Finalized(block)]);
    assert_eq!(statuses(&mut second).await, [TxStatus::Finalized(block)]);
    // A nonce the chain has used is stale.
    assert!(matches!(
        pool.submit(
            &transfer(&client, Sr25519Keyring::Alice, 1, 0),
            TransactionSource::External
        ),
        Err(PoolError::Invalid(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_higher_tip_replaces_and_a_lower_one_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    let (_, mut cheap) = pool
        .submit_and_watch(
            &transfer(&client, Sr25519Keyring::Bob, 0, 10),
            TransactionSource::External,
        )
        .expect("accepted");
    let rich = pool
        .submit(
            &transfer(&client, Sr25519Keyring::Bob, 0, 1_000_000),
            TransactionSource::External,
        )
        .expect("a higher tip replaces");
    assert_eq!(
        statuses(&mut cheap).await,
        [TxStatus::Ready, TxStatus::Usurped(rich)]
    );
    assert!(matches!(
        pool.submit(
            &transfer(&client, Sr25519Keyring::Bob, 0, 5),
            TransactionSource::External
        ),
        Err(PoolError::TooLowPriority { .. })
    ));
    assert_eq!(pool.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_pool_evicts_the_weakest_or_refuses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::with_ready(2, usize::MAX));
    let (_, mut weakest) = pool
        .submit_and_watch(
            &transfer(&client, Sr25519Keyring::Alice, 0, 1),
            TransactionSource::External,
        )
        .expect("accepted");
    pool.submit(
        &transfer(&client, Sr25519Keyring::Bob, 0, 1_000),
        TransactionSource::External,
    )
    .expect("accepted");
    pool.submit(
        &transfer(&client, Sr25519Keyring::Charlie, 0, 1_000_000),
        TransactionSource::External,
    )
    .expect("outranks the weakest");
    assert_eq!(
        statuses(&mut weakest).await,
        [TxStatus::Ready, TxStatus::Dropped]
    );
    assert!(matches!(
        pool.submit(
            &transfer(&client, Sr25519Keyring::Dave, 0, 0),
            TransactionSource::External
        ),
        Err(PoolError::PoolFull)
    ));
    assert_eq!(pool.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_made_invalid_by_a_block_is_dropped_as_invalid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    tokio::spawn(pool.clone().maintain());
    let (_, mut pooled) = pool
        .submit_and_watch(
            &transfer(&client, Sr25519Keyring::Eve, 0, 0),
            TransactionSource::External,
        )
        .expect("accepted");
    // Another transaction with the same nonce reaches a block without the pool.
    let other = <taonet_runtime::UncheckedExtrinsic as DecodeAll>::decode_all(
        &mut &transfer(&client, Sr25519Keyring::Eve, 0, 7)[..],
    );
    let other = other.expect("decodes");
    author(&client, vec![other], 20);
    assert_eq!(
        statuses(&mut pooled).await,
        [TxStatus::Ready, TxStatus::Invalid]
    );
    assert!(pool.is_empty());
}

/// Transactions with a nonce gap can never execute, so they never pay a fee: a sender gets
/// a few future places, future transactions a side of their own (the oldest evicted first
/// among equals), and they leave after `future_blocks`. Ready transactions keep their
/// room whatever the future side holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn future_transactions_cannot_squat_the_pool() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let limits = PoolLimits {
        count: 4,
        bytes: usize::MAX,
        future_count: 3,
        future_bytes: usize::MAX,
        future_per_sender: 2,
        future_blocks: 2,
    };
    let pool = TxPool::new(client.clone(), limits);
    tokio::spawn(pool.clone().maintain());
    let submit = |who, nonce| {
        pool.submit(
            &transfer(&client, who, nonce, 0),
            TransactionSource::External,
        )
    };
    let (_, mut oldest) = pool
        .submit_and_watch(
            &transfer(&client, Sr25519Keyring::Ferdie, 5, 0),
            TransactionSource::External,
        )
        .expect("a future place");
    submit(Sr25519Keyring::Ferdie, 6).expect("a second future place");
    assert!(
        matches!(submit(Sr25519Keyring::Ferdie, 7), Err(PoolError::PoolFull)),
        "past the sender's allowance"
    );
    submit(Sr25519Keyring::Dave, 3).expect("the last future place");
    submit(Sr25519Keyring::Eve, 3).expect("evicts the oldest future transaction");
    assert_eq!(
        statuses(&mut oldest).await,
        [TxStatus::Future, TxStatus::Dropped]
    );
    assert_eq!(pool.future_size().count, 3);
    let (honest, mut watched) = pool
        .submit_and_watch(
            &transfer(&client, Sr25519Keyring::Alice, 0, 0),
            TransactionSource::External,
        )
        .expect("ready transactions have their own room");
    assert_eq!(pool.ready_size().count, 1);
    let block = author_from_pool(&client, &pool, 1);
    assert_eq!(
        statuses(&mut watched).await,
        [TxStatus::Ready, TxStatus::InBlock(block)],
        "{honest:?} in the next block"
    );
    for slot in 2..=3 {
        author_from_pool(&client, &pool, slot);
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while pool.future_size().count > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "future transactions dropped"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A transaction found invalid is refused on sight for a while, without validation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_transaction_is_banned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    tokio::spawn(pool.clone().maintain());
    pool.submit(
        &transfer(&client, Sr25519Keyring::Bob, 0, 0),
        TransactionSource::External,
    )
    .expect("accepted");
    author_from_pool(&client, &pool, 1);
    let stale = transfer(&client, Sr25519Keyring::Bob, 0, 9);
    assert!(matches!(
        pool.submit(&stale, TransactionSource::External),
        Err(PoolError::Invalid(_))
    ));
    let banned = pool.submit(&stale, TransactionSource::External);
    assert!(
        matches!(banned, Err(PoolError::TemporarilyBanned)),
        "{banned:?}"
    );
    assert_eq!(PoolError::TemporarilyBanned.rpc_code(), 1012);
    assert_eq!(pool.banned(), 1);
}

/// A block builder that could not fit a transaction also fails its successors (their
/// nonce is then in the future): the pool keeps both for the next block, unbanned.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_successor_of_a_transaction_that_did_not_fit_waits() {
    use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    let first = pool
        .submit(
            &transfer(&client, Sr25519Keyring::Charlie, 0, 0),
            TransactionSource::External,
        )
        .expect("accepted");
    let second_bytes = transfer(&client, Sr25519Keyring::Charlie, 1, 0);
    let second = pool
        .submit(&second_bytes, TransactionSource::External)
        .expect("accepted");
    pool.reject(&[
        (
            first,
            TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources),
        ),
        (
            second,
            TransactionValidityError::Invalid(InvalidTransaction::Future),
        ),
    ]);
    assert_eq!(pool.ready().len(), 2, "both wait for the next block");
    assert_eq!(pool.banned(), 0);
    assert!(matches!(
        pool.submit(&second_bytes, TransactionSource::External),
        Err(PoolError::AlreadyImported(_))
    ));
}

/// A block checks again what it touched and a bounded share of the rest, not the whole
/// pool: here the successor of what it took, and 256 of the 389 others, the longest
/// unchecked first. The next block checks its successor, the 133 left unchecked, and 123
/// of those the first block checked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_block_revalidates_what_it_touched_and_a_bounded_share() {
    use std::sync::atomic::Ordering;
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    tokio::spawn(pool.clone().maintain());
    let xts: Vec<Vec<u8>> = (0..400)
        .map(|nonce| transfer(&client, Sr25519Keyring::Alice, nonce, 0))
        .collect();
    for xt in &xts {
        pool.submit(xt, TransactionSource::External)
            .expect("accepted");
    }
    let counters = pool.counters();
    let finished = || counters.validations_finished.load(Ordering::Relaxed);
    let decode = |bytes: &Vec<u8>| {
        <taonet_runtime::UncheckedExtrinsic as DecodeAll>::decode_all(&mut &bytes[..])
            .expect("decodes")
    };
    // Waits until the pool has validated `count` more than `from`, and a little longer
    // for any more to show.
    let settled = |from: u64, count: u64| async move {
        for _ in 0..100 {
            if finished() >= from + count {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        finished() - from
    };

    let before = finished();
    assert_eq!(before, 400);
    author(&client, xts[..10].iter().map(decode).collect(), 10);
    let share = u64::try_from(REVALIDATE_PER_BLOCK).expect("fits");
    assert_eq!(settled(before, 1 + share).await, 1 + share);
    assert_eq!(
        pool.ready_size().count,
        390,
        "nonce 10 became ready on the chain's nonce"
    );

    let before = finished();
    author(&client, xts[10..20].iter().map(decode).collect(), 11);
    assert_eq!(settled(before, 1 + share).await, 1 + share);
    assert_eq!(pool.ready_size().count, 380);
    assert_eq!(pool.future_size().count, 0);
}

/// A block takes a transaction the pool never saw, of the same sender and nonce as a
/// pooled one: the pooled one is now stale and dropped, and its successor, whose nonce is
/// now the chain's, stays ready. The successor is past the block's share of rechecks (256
/// older transactions come first), so only following what the dropped one provided finds
/// it; without that it would turn future until its turn came.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_successor_of_a_transaction_made_stale_by_a_rival_stays_ready() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    tokio::spawn(pool.clone().maintain());
    let fillers = u32::try_from(REVALIDATE_PER_BLOCK).expect("fits");
    for nonce in 0..fillers {
        pool.submit(
            &transfer(&client, Sr25519Keyring::Ferdie, nonce, 0),
            TransactionSource::External,
        )
        .expect("accepted");
    }
    pool.submit(
        &transfer(&client, Sr25519Keyring::Eve, 0, 0),
        TransactionSource::External,
    )
    .expect("accepted");
    let (_, mut successor) = pool
        .submit_and_watch(
            &transfer(&client, Sr25519Keyring::Eve, 1, 0),
            TransactionSource::External,
        )
        .expect("accepted");
    let rival = <taonet_runtime::UncheckedExtrinsic as DecodeAll>::decode_all(
        &mut &transfer(&client, Sr25519Keyring::Eve, 0, 7)[..],
    )
    .expect("decodes");
    author(&client, vec![rival], 30);
    let fillers = usize::try_from(fillers).expect("fits");
    wait_until(|| pool.len() == fillers + 1).await;
    assert_eq!(statuses(&mut successor).await, [TxStatus::Ready]);
    assert_eq!(pool.ready_size().count, fillers + 1);
}

/// A runtime upgrade checks the whole pool again, not a block's share. Each pooled
/// transfer was signed for the old `spec_version`, which its signed payload holds, so none
/// verifies under the new runtime: all 400 are dropped as invalid after the one block that
/// installs it. Checking only what the block touched and the share would leave 144 of
/// them pooled, and gossiped, until later blocks reached them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runtime_upgrade_revalidates_the_whole_pool() {
    use std::sync::atomic::Ordering;
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    tokio::spawn(pool.clone().maintain());
    let pooled: u32 = 400;
    assert!(usize::try_from(pooled).expect("fits") > REVALIDATE_PER_BLOCK);
    for nonce in 0..pooled {
        pool.submit(
            &transfer(&client, Sr25519Keyring::Ferdie, nonce, 0),
            TransactionSource::External,
        )
        .expect("accepted");
    }
    let upgrade = taonet_runtime::signing::sign(
        crate::upgrade::set_code(crate::upgrade::next_runtime()),
        &Sr25519Keyring::Alice.pair(),
        0,
        0,
        client.info().genesis,
    );
    author(&client, vec![upgrade], 10);
    // The new runtime is compiled first, which takes seconds on a loaded machine.
    wait_until_within(Duration::from_secs(60), || pool.is_empty()).await;
    let invalid = pool.counters().invalid.load(Ordering::Relaxed);
    assert_eq!(invalid, u64::from(pooled));
}

/// Waits (up to 10 s) until `condition` holds.
async fn wait_until(condition: impl Fn() -> bool) {
    wait_until_within(Duration::from_secs(10), condition).await;
}

/// Waits (up to `timeout`) until `condition` holds.
async fn wait_until_within(timeout: Duration, condition: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + timeout;
    while tokio::time::Instant::now() < deadline {
        if condition() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the pool did not settle");
}
