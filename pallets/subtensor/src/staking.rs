//! Stake: any coldkey may stake TAO on a hotkey registered in a subnet, 1 rao of stake per
//! rao. Staked TAO leaves the coldkey's balance and is held here until removed. Each
//! hotkey takes a share (its take) of the dividends its nominators earn.

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
use sp_runtime::AccountId32;
use taonet_primitives::Balance;

use crate::*;

impl<T: Config> Pallet<T> {
    pub(crate) fn do_add_stake(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        amount: Balance,
    ) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(amount > 0, Error::<T>::AmountTooLow);
        ensure!(
            Uids::<T>::contains_key(netuid, hotkey),
            Error::<T>::HotKeyNotRegisteredInSubNet
        );
        ensure!(
            T::Currency::reducible_balance(coldkey, Preservation::Expendable, Fortitude::Polite)
                >= amount,
            Error::<T>::NotEnoughBalanceToStake
        );
        T::Currency::burn_from(
            coldkey,
            amount,
            Preservation::Expendable,
            Precision::Exact,
            Fortitude::Polite,
        )?;
        Self::credit_stake(coldkey, hotkey, netuid, amount);
        if !StakingHotkeys::<T>::get(coldkey).contains(hotkey) {
            StakingHotkeys::<T>::append(coldkey, hotkey);
        }
        Self::deposit_event(Event::StakeAdded(
            coldkey.clone(),
            hotkey.clone(),
            amount,
            amount,
            netuid,
            0,
        ));
        Ok(())
    }

    pub(crate) fn do_remove_stake(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        amount: Balance,
    ) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(amount > 0, Error::<T>::AmountTooLow);
        ensure!(
            Alpha::<T>::get((hotkey, coldkey, netuid)) >= amount,
            Error::<T>::NotEnoughStakeToWithdraw
        );
        Self::debit_stake(coldkey, hotkey, netuid, amount);
        T::Currency::mint_into(coldkey, amount)?;
        Self::deposit_event(Event::StakeRemoved(
            coldkey.clone(),
            hotkey.clone(),
            amount,
            amount,
            netuid,
            0,
        ));
        Ok(())
    }

    /// Adds `amount` of stake held by this pallet (its TAO already left an account or was
    /// newly issued).
    pub(crate) fn credit_stake(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        amount: Balance,
    ) {
        Alpha::<T>::mutate((hotkey, coldkey, netuid), |s| *s = s.saturating_add(amount));
        TotalHotkeyAlpha::<T>::mutate(hotkey, netuid, |s| *s = s.saturating_add(amount));
        SubnetTAO::<T>::mutate(netuid, |s| *s = s.saturating_add(amount));
        TotalStake::<T>::mutate(|s| *s = s.saturating_add(amount));
    }

    /// Takes `amount` of stake out (the caller pays it somewhere).
    fn debit_stake(coldkey: &AccountId32, hotkey: &AccountId32, netuid: NetUid, amount: Balance) {
        Alpha::<T>::mutate((hotkey, coldkey, netuid), |s| *s = s.saturating_sub(amount));
        TotalHotkeyAlpha::<T>::mutate(hotkey, netuid, |s| *s = s.saturating_sub(amount));
        SubnetTAO::<T>::mutate(netuid, |s| *s = s.saturating_sub(amount));
        TotalStake::<T>::mutate(|s| *s = s.saturating_sub(amount));
    }

    /// Returns every stake in `netuid` to its coldkey (when the subnet is dissolved).
    pub(crate) fn refund_subnet_stake(netuid: NetUid) -> DispatchResult {
        let stakes: Vec<(AccountId32, AccountId32, Balance)> = Alpha::<T>::iter()
            .filter(|((_, _, n), _)| *n == netuid)
            .map(|((hotkey, coldkey, _), stake)| (hotkey, coldkey, stake))
            .collect();
        for (hotkey, coldkey, stake) in stakes {
            Self::debit_stake(&coldkey, &hotkey, netuid, stake);
            Alpha::<T>::remove((&hotkey, &coldkey, netuid));
            TotalHotkeyAlpha::<T>::remove(&hotkey, netuid);
            if stake > 0 {
                T::Currency::mint_into(&coldkey, stake)?;
            }
        }
        SubnetTAO::<T>::remove(netuid);
        Ok(())
    }

    /// Checks that `coldkey` owns `hotkey`.
    fn ensure_owns(coldkey: &AccountId32, hotkey: &AccountId32) -> DispatchResult {
        ensure!(
            Owner::<T>::contains_key(hotkey),
            Error::<T>::HotKeyAccountNotExists
        );
        ensure!(
            Owner::<T>::get(hotkey) == *coldkey,
            Error::<T>::NonAssociatedColdKey
        );
        Ok(())
    }

    pub(crate) fn do_decrease_take(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        take: u16,
    ) -> DispatchResult {
        Self::ensure_owns(coldkey, hotkey)?;
        ensure!(
            take < Delegates::<T>::get(hotkey) && take >= MinDelegateTake::<T>::get(),
            Error::<T>::DelegateTakeTooLow
        );
        Delegates::<T>::insert(hotkey, take);
        Self::deposit_event(Event::TakeDecreased(coldkey.clone(), hotkey.clone(), take));
        Ok(())
    }

    pub(crate) fn do_increase_take(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        take: u16,
    ) -> DispatchResult {
        Self::ensure_owns(coldkey, hotkey)?;
        ensure!(
            take > Delegates::<T>::get(hotkey),
            Error::<T>::DelegateTakeTooLow
        );
        ensure!(
            take <= MaxDelegateTake::<T>::get(),
            Error::<T>::DelegateTakeTooHigh
        );
        let block = Self::current_block();
        if let Some(last) = LastTxBlockDelegateTake::<T>::get(hotkey) {
            ensure!(
                block.saturating_sub(last) >= TxDelegateTakeRateLimit::<T>::get(),
                Error::<T>::DelegateTxRateLimitExceeded
            );
        }
        Delegates::<T>::insert(hotkey, take);
        LastTxBlockDelegateTake::<T>::insert(hotkey, block);
        Self::deposit_event(Event::TakeIncreased(coldkey.clone(), hotkey.clone(), take));
        Ok(())
    }
}
