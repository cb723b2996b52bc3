//! Commit-reveal: a validator first commits `BlakeTwo256(SCALE(hotkey, index, uids,
//! values, salt, version_key))`, where `index` is the mechanism's storage index (the netuid
//! for mechanism 0), then reveals the weights in the epoch
//! [`RevealPeriodEpochs`] after the commit. Commits not revealed by then expire; the epoch
//! masks weights to uids registered after a validator's earliest live commit.

use alloc::vec::Vec;

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};
use sp_runtime::AccountId32;

use crate::*;

/// Most unrevealed commits a hotkey may hold on a subnet.
const MAX_UNREVEALED_COMMITS: usize = 10;

impl<T: Config> Pallet<T> {
    /// The epoch `block` falls in on `netuid`: epochs end where `(block + netuid + 1)` is a
    /// multiple of `tempo + 1`.
    pub fn epoch_index(netuid: NetUid, block: u64) -> u64 {
        let tempo = u64::from(Tempo::<T>::get(netuid)).saturating_add(1);
        block
            .saturating_add(u64::from(netuid))
            .saturating_add(1)
            .checked_div(tempo)
            .unwrap_or_default()
    }

    /// Whether a commit made in `commit_epoch` can no longer be revealed.
    fn is_expired(netuid: NetUid, commit_epoch: u64) -> bool {
        let last_reveal = commit_epoch.saturating_add(RevealPeriodEpochs::<T>::get(netuid));
        Self::epoch_index(netuid, Self::current_block()) > last_reveal
    }

    /// `hotkey`'s live commits at mechanism storage `index` of `netuid` (expired ones
    /// dropped).
    fn live_commits(
        netuid: NetUid,
        index: NetUid,
        hotkey: &AccountId32,
    ) -> Vec<(H256, u64, u64, u64)> {
        let mut commits = WeightCommits::<T>::get(index, hotkey).unwrap_or_default();
        commits.retain(|&(_, epoch, _, _)| !Self::is_expired(netuid, epoch));
        commits
    }

    fn store_commits(index: NetUid, hotkey: &AccountId32, commits: Vec<(H256, u64, u64, u64)>) {
        if commits.is_empty() {
            WeightCommits::<T>::remove(index, hotkey);
        } else {
            WeightCommits::<T>::insert(index, hotkey, commits);
        }
    }

    /// Block of `hotkey`'s earliest live commit at mechanism storage `index` of `netuid`,
    /// for the epoch's mask.
    pub fn earliest_commit_block(
        netuid: NetUid,
        index: NetUid,
        hotkey: &AccountId32,
    ) -> Option<u64> {
        WeightCommits::<T>::get(index, hotkey)?
            .into_iter()
            .find(|&(_, epoch, _, _)| !Self::is_expired(netuid, epoch))
            .map(|(_, _, block, _)| block)
    }

    /// `commit_weights` (mechanism 0) and `commit_mechanism_weights`.
    pub(crate) fn do_commit_weights(
        hotkey: &AccountId32,
        netuid: NetUid,
        mecid: MechId,
        hash: H256,
    ) -> DispatchResult {
        let index = Self::ensure_mechanism(netuid, mecid)?;
        ensure!(
            CommitRevealWeightsEnabled::<T>::get(netuid),
            Error::<T>::CommitRevealDisabled
        );
        ensure!(
            Uids::<T>::contains_key(netuid, hotkey),
            Error::<T>::HotKeyNotRegisteredInSubNet
        );
        let block = Self::current_block();
        let mut commits = Self::live_commits(netuid, index, hotkey);
        if let Some(&(_, _, last, _)) = commits.last() {
            let limit = WeightsSetRateLimit::<T>::get(netuid);
            ensure!(
                limit == 0 || block.saturating_sub(last) >= limit,
                Error::<T>::CommittingWeightsTooFast
            );
        }
        ensure!(
            commits.len() < MAX_UNREVEALED_COMMITS,
            Error::<T>::TooManyUnrevealedCommits
        );
        commits.push((hash, Self::epoch_index(netuid, block), block, 0));
        Self::store_commits(index, hotkey, commits);
        Self::deposit_event(Event::WeightsCommitted(hotkey.clone(), index, hash));
        Ok(())
    }

    /// `reveal_weights` (mechanism 0) and `reveal_mechanism_weights`.
    pub(crate) fn do_reveal_weights(
        hotkey: &AccountId32,
        netuid: NetUid,
        mecid: MechId,
        uids: &[u16],
        values: &[u16],
        salt: &[u16],
        version_key: u64,
    ) -> DispatchResult {
        ensure!(
            CommitRevealWeightsEnabled::<T>::get(netuid),
            Error::<T>::CommitRevealDisabled
        );
        let index = Self::ensure_mechanism(netuid, mecid)?;
        let all = WeightCommits::<T>::get(index, hotkey).unwrap_or_default();
        ensure!(!all.is_empty(), Error::<T>::NoWeightsCommitFound);
        let hash = BlakeTwo256::hash_of(&(hotkey.clone(), index, uids, values, salt, version_key));
        let mut live = Self::live_commits(netuid, index, hotkey);
        let Some(position) = live.iter().position(|&(h, _, _, _)| h == hash) else {
            let expired = all.iter().any(|&(h, _, _, _)| h == hash);
            return Err(if expired {
                Error::<T>::ExpiredWeightCommit
            } else {
                Error::<T>::InvalidRevealCommitHashNotMatch
            }
            .into());
        };
        let commit_epoch = live.get(position).map(|c| c.1).unwrap_or_default();
        let reveal_epoch = commit_epoch.saturating_add(RevealPeriodEpochs::<T>::get(netuid));
        ensure!(
            Self::epoch_index(netuid, Self::current_block()) >= reveal_epoch,
            Error::<T>::RevealTooEarly
        );
        Self::apply_weights(hotkey, netuid, mecid, uids, values, version_key)?;
        // The revealed commit and any older ones are spent.
        live.drain(..=position);
        Self::store_commits(index, hotkey, live);
        Self::deposit_event(Event::WeightsRevealed(hotkey.clone(), index, hash));
        Ok(())
    }
}
