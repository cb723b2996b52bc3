//! Validators' weights: the checks `set_weights` applies, in subtensor's order and under
//! its error names, and the stored form (yuma-epoch.md §8).

use alloc::vec::Vec;

use codec::Compact;
use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use sp_runtime::{AccountId32, DispatchError};
use taonet_yuma::{is_max_limited, max_upscale_to_u16};

use crate::mechanisms::mechanism_index;
use crate::*;

/// Most items in one `batch_set_weights`: one per subnet of a full default chain.
pub const MAX_BATCH: usize = 128;

impl<T: Config> Pallet<T> {
    /// `batch_set_weights`: each item as `set_weights`; a failing item emits
    /// [`Event::BatchWeightItemFailed`] and the rest go on.
    pub(crate) fn do_batch_set_weights(
        hotkey: &AccountId32,
        netuids: Vec<Compact<NetUid>>,
        weights: &[Vec<(Compact<u16>, Compact<u16>)>],
        version_keys: &[Compact<u64>],
    ) -> DispatchResult {
        ensure!(
            netuids.len() == weights.len()
                && netuids.len() == version_keys.len()
                && netuids.len() <= MAX_BATCH,
            Error::<T>::InputLengthsUnequal
        );
        let mut failed = false;
        for ((netuid, row), version_key) in netuids.iter().zip(weights).zip(version_keys) {
            let (dests, values): (Vec<u16>, Vec<u16>) =
                row.iter().map(|(uid, value)| (uid.0, value.0)).unzip();
            if let Err(error) =
                Self::do_set_weights(hotkey, netuid.0, 0, &dests, &values, version_key.0)
            {
                failed = true;
                Self::deposit_event(Event::BatchWeightItemFailed(netuid.0, error));
            }
        }
        Self::deposit_event(if failed {
            Event::BatchCompletedWithErrors()
        } else {
            Event::BatchWeightsCompleted(netuids, hotkey.clone())
        });
        Ok(())
    }

    /// `set_weights` (mechanism 0) and `set_mechanism_weights`.
    pub(crate) fn do_set_weights(
        hotkey: &AccountId32,
        netuid: NetUid,
        mecid: MechId,
        dests: &[u16],
        values: &[u16],
        version_key: u64,
    ) -> DispatchResult {
        ensure!(
            !CommitRevealWeightsEnabled::<T>::get(netuid),
            Error::<T>::CommitRevealEnabled
        );
        Self::apply_weights(hotkey, netuid, mecid, dests, values, version_key)
    }

    /// Checks and stores weights (directly set, or revealed) of mechanism `mecid`.
    pub(crate) fn apply_weights(
        hotkey: &AccountId32,
        netuid: NetUid,
        mecid: MechId,
        dests: &[u16],
        values: &[u16],
        version_key: u64,
    ) -> DispatchResult {
        let uid = Self::check_weights(hotkey, netuid, mecid, dests, values, version_key)?;
        let index = mechanism_index(netuid, mecid);
        let stored: Vec<(u16, u16)> = dests
            .iter()
            .copied()
            .zip(max_upscale_to_u16(values))
            .collect();
        Weights::<T>::insert(index, uid, stored);
        let block = Self::current_block();
        LastUpdate::<T>::mutate(index, |updates| {
            if let Some(last) = updates.get_mut(usize::from(uid)) {
                *last = block;
            }
        });
        Self::deposit_event(Event::WeightsSet(index, uid));
        Ok(())
    }

    /// Every check of `set_weights` after the commit-reveal one, for mechanism `mecid`;
    /// returns the setter's uid.
    pub fn check_weights(
        hotkey: &AccountId32,
        netuid: NetUid,
        mecid: MechId,
        dests: &[u16],
        values: &[u16],
        version_key: u64,
    ) -> Result<u16, DispatchError> {
        ensure!(
            dests.len() == values.len(),
            Error::<T>::WeightVecNotEqualSize
        );
        let index = Self::ensure_mechanism(netuid, mecid)?;
        let n = SubnetworkN::<T>::get(netuid);
        ensure!(
            dests.len() <= usize::from(n),
            Error::<T>::UidsLengthExceedUidsInSubNet
        );
        let uid = Uids::<T>::get(netuid, hotkey).ok_or(Error::<T>::HotKeyNotRegisteredInSubNet)?;
        ensure!(
            TotalHotkeyAlpha::<T>::get(hotkey, netuid) >= StakeThreshold::<T>::get(),
            Error::<T>::NotEnoughStakeToSetWeights
        );
        ensure!(
            version_key >= WeightsVersionKey::<T>::get(netuid),
            Error::<T>::IncorrectWeightVersionKey
        );
        let last = LastUpdate::<T>::get(index)
            .get(usize::from(uid))
            .copied()
            .unwrap_or_default();
        let limit = WeightsSetRateLimit::<T>::get(netuid);
        ensure!(
            limit == 0 || Self::current_block().saturating_sub(last) >= limit,
            Error::<T>::SettingWeightsTooFast
        );
        let self_weight = dests == [uid];
        let permitted = ValidatorPermit::<T>::get(netuid)
            .get(usize::from(uid))
            .copied()
            .unwrap_or_default();
        ensure!(
            self_weight || permitted,
            Error::<T>::NeuronNoValidatorPermit
        );
        let mut seen = alloc::collections::BTreeSet::new();
        ensure!(
            dests.iter().all(|d| seen.insert(*d)),
            Error::<T>::DuplicateUids
        );
        ensure!(
            dests.iter().all(|&d| d < n),
            Error::<T>::UidVecContainInvalidOne
        );
        let min = MinAllowedWeights::<T>::get(netuid).min(n);
        ensure!(
            self_weight || dests.len() >= usize::from(min),
            Error::<T>::WeightVecLengthIsLow
        );
        ensure!(
            self_weight || is_max_limited(values, MaxWeightsLimit::<T>::get(netuid)),
            Error::<T>::MaxWeightExceeded
        );
        Ok(uid)
    }
}
