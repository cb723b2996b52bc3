//! Creating and dissolving subnets.

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
use sp_runtime::{AccountId32, DispatchError};
use taonet_primitives::registration::network_lock_cost;
use taonet_primitives::Balance;

use crate::*;

/// Stake entries a subnet's removal (`dissolve_network`, or a `register_network` that prunes
/// a subnet) is declared for. The chain does not cap a subnet's stakers, so this is an
/// assumed figure for the declared weight, not a limit.
pub const DECLARED_SUBNET_STAKES: u32 = 4_096;

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

    /// The lowest netuid not in use (netuid 0 stays free, as subtensor's root network),
    /// within [`SubnetLimit`].
    fn free_netuid() -> Option<NetUid> {
        (1..=SubnetLimit::<T>::get()).find(|&netuid| !NetworksAdded::<T>::get(netuid))
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

    /// Creates a subnet for `coldkey`: checks ownership and the rate limit, locks the lock
    /// cost from the coldkey, sets the new subnet's hyperparameters and registers `hotkey`
    /// at uid 0.
    pub(crate) fn do_register_network(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
    ) -> Result<NetUid, DispatchError> {
        Self::ensure_hotkey_free_or_owned_by(coldkey, hotkey)?;
        let block = Self::current_block();
        if let Some(last) = NetworkLastRegistered::<T>::get(coldkey) {
            ensure!(
                block.saturating_sub(last) >= NetworkRateLimit::<T>::get(),
                Error::<T>::NetworkTxRateLimitExceeded
            );
        }
        let netuid = match Self::free_netuid() {
            Some(netuid) => netuid,
            None => {
                let pruned = Self::subnet_to_prune().ok_or(Error::<T>::SubnetLimitReached)?;
                Self::do_dissolve_network(pruned)?;
                pruned
            }
        };
        let lock = Self::network_lock_cost();
        ensure!(
            T::Currency::reducible_balance(coldkey, Preservation::Expendable, Fortitude::Polite)
                >= lock,
            Error::<T>::CannotAffordLockCost
        );
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

    /// Dissolves `netuid`: its lock returns to the owner and its state is removed.
    pub(crate) fn do_dissolve_network(netuid: NetUid) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        let owner = SubnetOwner::<T>::take(netuid);
        let lock = SubnetLocked::<T>::take(netuid);
        Self::pay_out(&owner, lock);
        Self::refund_subnet_stake(netuid);
        // Undistributed emission of a dissolved subnet is recycled.
        let pending = PendingEmission::<T>::take(netuid);
        TotalIssuance::<T>::mutate(|issuance| *issuance = issuance.saturating_sub(pending));
        Self::clear_neurons(netuid);
        NetworksAdded::<T>::remove(netuid);
        TotalNetworks::<T>::mutate(|n| *n = n.saturating_sub(1));
        NetworkRegisteredAt::<T>::remove(netuid);
        SubnetOwnerHotkey::<T>::remove(netuid);
        Self::remove_hyperparameters(netuid);
        Self::deposit_event(Event::NetworkRemoved(netuid));
        Ok(())
    }

    /// Forgets every hyperparameter of `netuid`, so a later subnet there starts from the
    /// defaults.
    fn remove_hyperparameters(netuid: NetUid) {
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
