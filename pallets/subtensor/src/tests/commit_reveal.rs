//! Commit-reveal: the hash, the reveal window, expiry, and the limits.

use frame_support::dispatch::DispatchResultWithPostInfo;
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::mock::*;
use crate::*;

/// Subnet 1 with commit-reveal, tempo 9 (epochs of 10 blocks), validator 21 at uid 1 with a
/// permit and stake, miners 22 and 23.
fn subnet() {
    assert_ok!(SubtensorModule::register_network(
        RuntimeOrigin::signed(account(1)),
        account(11)
    ));
    for hotkey in [21, 22, 23] {
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(2)),
            1,
            account(hotkey)
        ));
    }
    // Stake keeps the validator's permit through the epochs that run meanwhile.
    assert_ok!(SubtensorModule::add_stake(
        RuntimeOrigin::signed(account(2)),
        account(21),
        1,
        100 * TAO
    ));
    CommitRevealWeightsEnabled::<Test>::insert(1, true);
    Tempo::<Test>::insert(1, 9);
    WeightsSetRateLimit::<Test>::insert(1, 0);
    ValidatorPermit::<Test>::insert(1, vec![true, true, false, false]);
}

fn hash(uids: &[u16], values: &[u16], salt: &[u16]) -> H256 {
    BlakeTwo256::hash_of(&(account(21), 1u16, uids, values, salt, 0u64))
}

fn commit(h: H256) -> DispatchResultWithPostInfo {
    SubtensorModule::commit_weights(RuntimeOrigin::signed(account(21)), 1, h)
}

fn reveal(uids: Vec<u16>, values: Vec<u16>, salt: Vec<u16>) -> DispatchResultWithPostInfo {
    SubtensorModule::reveal_weights(RuntimeOrigin::signed(account(21)), 1, uids, values, salt, 0)
}

#[test]
fn weights_are_revealed_in_the_next_epoch() {
    new_test_ext().execute_with(|| {
        subnet();
        assert_noop!(
            SubtensorModule::set_weights(
                RuntimeOrigin::signed(account(21)),
                1,
                vec![2],
                vec![1],
                0
            ),
            Error::<Test>::CommitRevealEnabled
        );
        // Block 1 is in epoch (1 + 2) / 10 = 0; the reveal epoch is 1 (blocks 8 to 17).
        assert_ok!(commit(hash(&[2, 3], &[1, 3], &[9, 9])));
        System::assert_has_event(
            Event::WeightsCommitted(account(21), 1, hash(&[2, 3], &[1, 3], &[9, 9])).into(),
        );
        assert_eq!(
            SubtensorModule::earliest_commit_block(1, 1, &account(21)),
            Some(1)
        );
        assert_noop!(
            reveal(vec![2, 3], vec![1, 3], vec![9, 9]),
            Error::<Test>::RevealTooEarly
        );
        run_to_block(8);
        assert_noop!(
            reveal(vec![2, 3], vec![1, 3], vec![9, 8]),
            Error::<Test>::InvalidRevealCommitHashNotMatch
        );
        assert_ok!(reveal(vec![2, 3], vec![1, 3], vec![9, 9]));
        assert_eq!(Weights::<Test>::get(1, 1), vec![(2, 21_845), (3, 65_535)]);
        assert_eq!(WeightCommits::<Test>::get(1, account(21)), None);
        assert_noop!(
            reveal(vec![2, 3], vec![1, 3], vec![9, 9]),
            Error::<Test>::NoWeightsCommitFound
        );
    });
}

#[test]
fn unrevealed_commits_expire() {
    new_test_ext().execute_with(|| {
        subnet();
        assert_ok!(commit(hash(&[2], &[1], &[1])));
        // Epoch 2 starts at block 18: the commit of epoch 0 has expired.
        run_to_block(18);
        assert_noop!(
            reveal(vec![2], vec![1], vec![1]),
            Error::<Test>::ExpiredWeightCommit
        );
        assert_eq!(
            SubtensorModule::earliest_commit_block(1, 1, &account(21)),
            None
        );
    });
}

#[test]
fn commits_are_limited() {
    new_test_ext().execute_with(|| {
        subnet();
        assert_noop!(
            SubtensorModule::commit_weights(RuntimeOrigin::signed(account(31)), 1, H256::zero()),
            Error::<Test>::HotKeyNotRegisteredInSubNet
        );
        for salt in 0..10u16 {
            assert_ok!(commit(hash(&[2], &[1], &[salt])));
        }
        assert_noop!(
            commit(hash(&[2], &[1], &[10])),
            Error::<Test>::TooManyUnrevealedCommits
        );
        WeightsSetRateLimit::<Test>::insert(1, 5);
        WeightCommits::<Test>::remove(1, account(21));
        assert_ok!(commit(H256::repeat_byte(1)));
        assert_noop!(
            commit(H256::repeat_byte(2)),
            Error::<Test>::CommittingWeightsTooFast
        );
        CommitRevealWeightsEnabled::<Test>::insert(1, false);
        assert_noop!(
            commit(H256::repeat_byte(3)),
            Error::<Test>::CommitRevealDisabled
        );
    });
}
