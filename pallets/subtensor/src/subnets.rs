//! Creating and dissolving subnets.

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
use sp_runtime::{AccountId32, DispatchError};
use taonet_primitives::registration::network_lock_cost;
use taonet_primitives::Balance;

use alloc::vec::Vec;

use crate::cleanup::MAX_DISSOLVING;
use crate::*;

/// Where a new subnet goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkSlot {
    /// A free netuid.
    Free(NetUid),
    /// No netuid is free under [`SubnetLimit`]: this subnet ([`Pallet::subnet_to_prune`]'s
    /// choice) is dissolved first, and the new one takes the lowest netuid free then.
    Pruned(NetUid),
}

impl<T: Config> Pallet<T> {
    /// The lock a new subnet costs at the current block.
    pub fn network_lock_cost() -> Balance {
        network_lock_cost(
            NetworkLastLockCost::<T>::get(),
            NetworkMinLockCost::<T>::get(),
            NetworkLastLockBlock::<T>::get(),
            Self::current_block(),
            NetworkLockReductionInterval::<T>::get(),
        )
    }

    /// The netuids a subnet registration reads at most, which its weight is declared
    /// for: every subnet slot under [`SubnetLimit`] (to find a free one, or the one to
    /// prune) and the subnets still being removed.
    pub fn subnet_slots() -> u32 {
        u32::from(SubnetLimit::<T>::get()).saturating_add(MAX_DISSOLVING)
    }

    /// The lowest netuid neither in use nor still being removed (netuid 0 stays free, as
    /// subtensor's root network), if fewer than [`SubnetLimit`] subnets exist. It lies
    /// within `SubnetLimit` plus the subnets being removed, at most [`MAX_DISSOLVING`]
    /// more, so that is as far as this reads.
    pub(crate) fn free_netuid() -> Option<NetUid> {
        let limit = SubnetLimit::<T>::get();
        if TotalNetworks::<T>::get() >= limit {
            return None;
        }
        let dissolving = u16::try_from(DissolvedNetworks::<T>::count()).unwrap_or(u16::MAX);
        (1..=limit.saturating_add(dissolving)).find(|&netuid| {
            !NetworksAdded::<T>::get(netuid) && !DissolvedNetworks::<T>::contains_key(netuid)
        })
    }

    /// The subnet a new one replaces when all are taken: among subnets past their
    /// [`NetworkImmunityPeriod`], the lowest emission in the last epoch, then the older
    /// registration, then the lower netuid.
    pub fn subnet_to_prune() -> Option<NetUid> {
        let block = Self::current_block();
        let immunity = NetworkImmunityPeriod::<T>::get();
        NetworksAdded::<T>::iter()
            .filter(|&(_, added)| added)
            .map(|(netuid, _)| (netuid, NetworkRegisteredAt::<T>::get(netuid)))
            .filter(|&(_, registered)| block.saturating_sub(registered) >= immunity)
            .min_by_key(|&(netuid, registered)| {
                let emission = Emission::<T>::get(netuid)
                    .iter()
                    .fold(0u64, |sum, e| sum.saturating_add(*e));
                (emission, registered, netuid)
            })
            .map(|(netuid, _)| netuid)
    }

    /// Checks that `coldkey` may register a subnet with `hotkey` now, changing nothing,
    /// and says where the subnet goes. Every check a registration can fail comes here,
    /// before any subnet is pruned, so a refused registration pays only for these reads.
    pub(crate) fn network_slot(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
    ) -> Result<NetworkSlot, DispatchError> {
        Self::ensure_hotkey_free_or_owned_by(coldkey, hotkey)?;
        if let Some(last) = NetworkLastRegistered::<T>::get(coldkey) {
            ensure!(
                Self::current_block().saturating_sub(last) >= NetworkRateLimit::<T>::get(),
                Error::<T>::NetworkTxRateLimitExceeded
            );
        }
        ensure!(
            T::Currency::reducible_balance(coldkey, Preservation::Expendable, Fortitude::Polite)
                >= Self::network_lock_cost(),
            Error::<T>::CannotAffordLockCost
        );
        if let Some(netuid) = Self::free_netuid() {
            return Ok(NetworkSlot::Free(netuid));
        }
        Self::ensure_dissolve_allowed()?;
        Self::subnet_to_prune()
            .map(NetworkSlot::Pruned)
            .ok_or_else(|| Error::<T>::SubnetLimitReached.into())
    }

    /// Creates a subnet for `coldkey` in `slot` (from [`Self::network_slot`], in the same
    /// block), pruning the subnet there if there is one: locks the lock cost from the
    /// coldkey, sets the new subnet's hyperparameters and registers `hotkey` at uid 0.
    pub(crate) fn do_register_network(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        slot: NetworkSlot,
    ) -> Result<NetUid, DispatchError> {
        let netuid = match slot {
            NetworkSlot::Free(netuid) => netuid,
            NetworkSlot::Pruned(pruned) => {
                Self::do_dissolve_network(pruned)?;
                Self::free_netuid().ok_or(Error::<T>::SubnetLimitReached)?
            }
        };
        let block = Self::current_block();
        let lock = Self::network_lock_cost();
        T::Currency::burn_from(
            coldkey,
            lock,
            Preservation::Expendable,
            Precision::Exact,
            Fortitude::Polite,
        )?;
        SubnetLocked::<T>::insert(netuid, lock);
        NetworkLastLockCost::<T>::put(lock);
        NetworkLastLockBlock::<T>::put(block);
        NetworkLastRegistered::<T>::insert(coldkey, block);

        NetworksAdded::<T>::insert(netuid, true);
        TotalNetworks::<T>::mutate(|n| *n = n.saturating_add(1));
        NetworkRegisteredAt::<T>::insert(netuid, block);
        SubnetOwner::<T>::insert(netuid, coldkey);
        SubnetOwnerHotkey::<T>::insert(netuid, hotkey);
        // Storage defaults are a new subnet's hyperparameters, except that new subnets run
        // Yuma 3.
        Yuma3On::<T>::insert(netuid, true);
        Self::append_neuron(netuid, hotkey, coldkey)?;
        Self::deposit_event(Event::NetworkAdded(netuid, 1));
        Ok(netuid)
    }

    /// `start_call`: the owner of `netuid` starts its emission from the next block, once
    /// [`StartCallDelay`] blocks have passed since its registration.
    pub(crate) fn do_start_call(coldkey: &AccountId32, netuid: NetUid) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(
            SubnetOwner::<T>::get(netuid) == *coldkey,
            Error::<T>::NotSubnetOwner
        );
        ensure!(
            FirstEmissionBlockNumber::<T>::get(netuid).is_none(),
            Error::<T>::FirstEmissionBlockNumberAlreadySet
        );
        let block = Self::current_block();
        ensure!(
            block
                >= NetworkRegisteredAt::<T>::get(netuid).saturating_add(StartCallDelay::<T>::get()),
            Error::<T>::NeedWaitingMoreBlocksToStarCall
        );
        let first = block.saturating_add(1);
        FirstEmissionBlockNumber::<T>::insert(netuid, first);
        Self::deposit_event(Event::FirstEmissionBlockNumberSet(netuid, first));
        Ok(())
    }

    /// Refuses to dissolve a subnet while [`MAX_DISSOLVING`] are still being removed.
    fn ensure_dissolve_allowed() -> DispatchResult {
        ensure!(
            DissolvedNetworks::<T>::count() < MAX_DISSOLVING,
            Error::<T>::TooManyNetworksDissolving
        );
        Ok(())
    }

    /// Dissolves `netuid`: the subnet stops existing now, its lock returns to the owner
    /// and its undistributed emission is recycled. Its stakes and neurons are removed by
    /// the block hook over the next blocks ([`DissolvedNetworks`], `cleanup`), which
    /// frees the netuid at the end.
    pub(crate) fn do_dissolve_network(netuid: NetUid) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        Self::ensure_dissolve_allowed()?;
        let owner = SubnetOwner::<T>::take(netuid);
        let lock = SubnetLocked::<T>::take(netuid);
        Self::pay_out(&owner, lock);
        let pending = PendingEmission::<T>::take(netuid);
        TotalIssuance::<T>::mutate(|issuance| *issuance = issuance.saturating_sub(pending));
        NetworksAdded::<T>::remove(netuid);
        TotalNetworks::<T>::mutate(|n| *n = n.saturating_sub(1));
        NetworkRegisteredAt::<T>::remove(netuid);
        SubnetOwnerHotkey::<T>::remove(netuid);
        DissolvedNetworks::<T>::insert(netuid, Self::current_block());
        Self::deposit_event(Event::NetworkRemoved(netuid));
        Ok(())
    }

    /// Forgets every hyperparameter of `netuid`, so a later subnet there starts from the
    /// defaults.
    pub(crate) fn remove_hyperparameters(netuid: NetUid) {
        Tempo::<T>::remove(netuid);
        Kappa::<T>::remove(netuid);
        ImmunityPeriod::<T>::remove(netuid);
        MaxAllowedUids::<T>::remove(netuid);
        MinAllowedWeights::<T>::remove(netuid);
        MaxWeightsLimit::<T>::remove(netuid);
        WeightsSetRateLimit::<T>::remove(netuid);
        WeightsVersionKey::<T>::remove(netuid);
        ActivityCutoffFactorMilli::<T>::remove(netuid);
        MaxAllowedValidators::<T>::remove(netuid);
        BondsMovingAverage::<T>::remove(netuid);
        BondsPenalty::<T>::remove(netuid);
        Yuma3On::<T>::remove(netuid);
        LiquidAlphaOn::<T>::remove(netuid);
        AlphaValues::<T>::remove(netuid);
        AlphaSigmoidSteepness::<T>::remove(netuid);
        CommitRevealWeightsEnabled::<T>::remove(netuid);
        RevealPeriodEpochs::<T>::remove(netuid);
        Burn::<T>::remove(netuid);
        MinBurn::<T>::remove(netuid);
        MaxBurn::<T>::remove(netuid);
        Difficulty::<T>::remove(netuid);
        NetworkRegistrationAllowed::<T>::remove(netuid);
        NetworkPowRegistrationAllowed::<T>::remove(netuid);
        ServingRateLimit::<T>::remove(netuid);
        BurnHalfLife::<T>::remove(netuid);
        BurnIncreaseMult::<T>::remove(netuid);
        MinDifficulty::<T>::remove(netuid);
        MaxDifficulty::<T>::remove(netuid);
        AdjustmentInterval::<T>::remove(netuid);
        TargetRegistrationsPerInterval::<T>::remove(netuid);
        LastAdjustmentBlock::<T>::remove(netuid);
        RegistrationsThisInterval::<T>::remove(netuid);
        BurnRegistrationsThisInterval::<T>::remove(netuid);
        POWRegistrationsThisInterval::<T>::remove(netuid);
        FirstEmissionBlockNumber::<T>::remove(netuid);
        BlocksSinceLastStep::<T>::remove(netuid);
        MechanismCountCurrent::<T>::remove(netuid);
        MechanismEmissionSplit::<T>::remove(netuid);
        BondsResetOn::<T>::remove(netuid);
        SubnetIdentitiesV3::<T>::remove(netuid);
        let _ = LastOwnerParamUpdate::<T>::clear_prefix(netuid, u32::MAX, None);
        LastEpochBlock::<T>::remove(netuid);
        SubnetEpochIndex::<T>::remove(netuid);
    }

    /// The stake index's invariant: [`SubnetStakers`] holds exactly the keys of [`Alpha`].
    pub fn check_stake_index() -> Result<(), &'static str> {
        if SubnetStakers::<T>::iter_keys().count() != Alpha::<T>::iter_keys().count() {
            return Err("SubnetStakers and Alpha differ in size");
        }
        if !Alpha::<T>::iter_keys().all(|(hotkey, coldkey, netuid)| {
            SubnetStakers::<T>::contains_key((netuid, hotkey, coldkey))
        }) {
            return Err("a stake entry is missing from SubnetStakers");
        }
        Ok(())
    }

    /// The subnets' invariant: [`TotalNetworks`] counts the subnets that exist, at most
    /// [`MAX_DISSOLVING`] are being removed, and none both exists and is being removed.
    pub fn check_subnet_count() -> Result<(), &'static str> {
        let added: Vec<NetUid> = NetworksAdded::<T>::iter()
            .filter(|&(_, added)| added)
            .map(|(netuid, _)| netuid)
            .collect();
        if u16::try_from(added.len()).ok() != Some(TotalNetworks::<T>::get()) {
            return Err("TotalNetworks differs from the subnets added");
        }
        let dissolving = DissolvedNetworks::<T>::iter_keys().count();
        if u32::try_from(dissolving).ok() != Some(DissolvedNetworks::<T>::count())
            || DissolvedNetworks::<T>::count() > MAX_DISSOLVING
        {
            return Err("DissolvedNetworks' counter is wrong or above MAX_DISSOLVING");
        }
        if added
            .iter()
            .any(|&netuid| DissolvedNetworks::<T>::contains_key(netuid))
        {
            return Err("a subnet exists and is being removed");
        }
        Ok(())
    }

    /// The accounting invariant: what accounts hold plus what this pallet holds (subnet
    /// locks and stake) is [`TotalIssuance`], which never exceeds the 21 M TAO cap; and the
    /// stake totals agree with the individual stakes.
    pub fn check_accounting() -> Result<(), &'static str> {
        let stake = Alpha::<T>::iter_values().fold(0u64, |sum, s| sum.saturating_add(s));
        if stake != TotalStake::<T>::get() {
            return Err("TotalStake differs from the sum of stakes");
        }
        let held = SubnetLocked::<T>::iter_values()
            .chain(PendingEmission::<T>::iter_values())
            .fold(stake, |sum, amount| sum.saturating_add(amount));
        let in_accounts = T::Currency::total_issuance();
        if in_accounts.saturating_add(held) != TotalIssuance::<T>::get() {
            return Err("balances plus locks and stake differ from TotalIssuance");
        }
        if TotalIssuance::<T>::get() > taonet_primitives::MAX_SUPPLY {
            return Err("TotalIssuance exceeds 21 M TAO");
        }
        Ok(())
    }
}
