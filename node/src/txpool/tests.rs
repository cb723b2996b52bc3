//! The pool's handling of a block's rejections, driven step by step on a real chain so
//! that an interleaving the node meets only under load happens every time.

use sp_keyring::Sr25519Keyring;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

use super::*;
use crate::chain_spec::ChainSpec;

/// A development chain in `dir`.
fn open(dir: &std::path::Path) -> Arc<Client> {
    let storage = ChainSpec::development()
        .and_then(|spec| spec.build_storage())
        .expect("genesis storage");
    Client::open(dir, None, storage).expect("opens")
}

/// A transfer from `who` at `nonce`.
fn transfer(client: &Client, who: Sr25519Keyring, nonce: u32) -> Vec<u8> {
    let call = taonet_runtime::RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
        dest: MultiAddress::Id(Sr25519Keyring::Ferdie.to_account_id()),
        value: 1_000_000,
    });
    taonet_runtime::signing::sign(call, &who.pair(), nonce, 0, client.info().genesis).encode()
}

/// After a new best block the pool removes the block's transactions and only then
/// revalidates their successors, which until that moment still require the removed ones.
/// The next block's builder may reject a transaction in between: that must drop the
/// rejected one alone. (It once recounted every transaction's readiness there, found the
/// successors unready and evicted all but the future side's share of the pool: a flood of
/// 5 000 transfers lost 4 625 of them.)
#[test]
fn a_rejection_between_a_blocks_removal_and_revalidation_drops_only_the_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    // 100 ready transactions, and a tenth of that for future ones.
    let pool = TxPool::new(client.clone(), PoolLimits::with_ready(100, usize::MAX));
    let alice: Vec<Hash> = (0..40)
        .map(|nonce| {
            let xt = transfer(&client, Sr25519Keyring::Alice, nonce);
            pool.submit(&xt, TransactionSource::External)
                .expect("accepted")
        })
        .collect();
    let bob = pool
        .submit(
            &transfer(&client, Sr25519Keyring::Bob, 0),
            TransactionSource::External,
        )
        .expect("accepted");
    assert_eq!(pool.ready_size().count, 41);

    // A block took Alice's nonce 0; the pool has removed it and not yet revalidated.
    pool.queue.lock().remove_in_batch(&alice[0], None);
    // The builder of the next block finds Bob's transfer unpayable.
    pool.reject(&[(
        bob,
        TransactionValidityError::Invalid(InvalidTransaction::Payment),
    )]);

    assert_eq!(
        pool.len(),
        39,
        "Alice's 39 later transfers stay for their revalidation; only Bob's is dropped"
    );
    assert!(alice[1..]
        .iter()
        .all(|hash| pool.queue.lock().contains(hash)));
    assert_eq!(pool.banned(), 1);
}

/// A batch is answered as its transactions would be one by one: each in order, valid or
/// not, none seeing the others (here two transfers of the same nonce both valid, as each
/// alone would be, a bad signature and a nonce in the future).
#[test]
fn a_batch_is_validated_as_each_transaction_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    let mut forged = decode_extrinsic(&transfer(&client, Sr25519Keyring::Bob, 0)).expect("decodes");
    let other = decode_extrinsic(&transfer(&client, Sr25519Keyring::Charlie, 0)).expect("decodes");
    if let (Preamble::Signed(_, signature, _), Preamble::Signed(_, other, _)) =
        (&mut forged.preamble, &other.preamble)
    {
        *signature = other.clone();
    }
    let inputs: Vec<Vec<u8>> = [
        transfer(&client, Sr25519Keyring::Alice, 0),
        transfer(&client, Sr25519Keyring::Alice, 0),
        forged.encode(),
        transfer(&client, Sr25519Keyring::Dave, 3),
    ]
    .iter()
    .map(|bytes| {
        let xt = decode_extrinsic(bytes).expect("decodes");
        (TransactionSource::External, xt).encode()
    })
    .collect();
    let (batch, _) = pool.validate_batch(&inputs);
    let alone: Vec<_> = inputs
        .iter()
        .map(|input| pool.validate_batch(std::slice::from_ref(input)).0.remove(0))
        .collect();
    assert_eq!(batch, alone);
    assert!(batch[0].is_ok() && batch[1].is_ok());
    assert_eq!(
        batch[2],
        Err(PoolError::Invalid(TransactionValidityError::Invalid(
            InvalidTransaction::BadProof
        )))
    );
    let future = batch[3].as_ref().expect("a future nonce is valid");
    assert_eq!(future.requires.len(), 1, "it waits for nonce 2");
    assert!(
        !pool
            .batcher
            .no_batch_api
            .load(std::sync::atomic::Ordering::Relaxed),
        "the runtime's batch API answered"
    );
}

/// Many submitters at once: batches form, every submitter gets its answer, and once all
/// are answered nobody is left leading (a lost lead would strand later submissions).
#[test]
fn concurrent_submissions_are_all_answered_and_the_lead_is_given_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let client = open(dir.path());
    let pool = TxPool::new(client.clone(), PoolLimits::default());
    let xts: Vec<Vec<u8>> = (0..48)
        .map(|nonce| transfer(&client, Sr25519Keyring::Alice, nonce))
        .collect();
    let accepted = std::thread::scope(|scope| {
        let submitters: Vec<_> = xts
            .iter()
            .map(|xt| scope.spawn(|| pool.submit(xt, TransactionSource::External)))
            .collect();
        submitters
            .into_iter()
            .map(|submitter| submitter.join().expect("no submitter panics"))
            .filter(Result::is_ok)
            .count()
    });
    assert_eq!(accepted, 48);
    assert_eq!(pool.ready_size().count, 48);
    assert!(pool.batcher.is_idle());
    // Later submissions still find a leader.
    let late = transfer(&client, Sr25519Keyring::Bob, 0);
    assert!(pool.submit(&late, TransactionSource::External).is_ok());
    assert!(pool.batcher.is_idle());
}
