//! Stake: any coldkey may stake TAO on a hotkey registered in a subnet, 1 rao of stake per
//! rao. Staked TAO leaves the coldkey's balance and is held here until removed. Each
//! hotkey takes a share (its take) of the dividends its nominators earn.

use alloc::vec::Vec;

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
use sp_runtime::AccountId32;
use taonet_primitives::Balance;

use crate::*;

/// The least stake an `add_stake` places, and the least a partial `remove_stake` takes
/// out: 0.002 TAO, as on subtensor. It keeps stakes well above the existential deposit,
/// so stake is not a way to leave dust behind.
pub const MIN_STAKE: Balance = 2_000_000;

/// The most hotkeys a coldkey may have stake on at once ([`StakingHotkeys`]). Subtensor
/// leaves the list unbounded; here it is read whole when a stake on a hotkey ends, so it
/// is bounded, at 16 KiB. A coldkey at the limit stakes on another hotkey once it has
/// taken all its stake off one; emission that would open an entry past it is paid out
/// instead ([`Pallet::credit_stake_or_pay`]).
pub const MAX_STAKING_HOTKEYS: u32 = 512;

impl<T: Config> Pallet<T> {
    pub(crate) fn do_add_stake(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        amount: Balance,
    ) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(amount >= MIN_STAKE, Error::<T>::AmountTooLow);
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
        Self::credit_stake(coldkey, hotkey, netuid, amount)?;
        // A hotkey that others stake on is a delegate: it takes its take from their
        // dividends, and explorers list it (`get_delegates`).
        if Owner::<T>::get(hotkey) != *coldkey && !Delegates::<T>::contains_key(hotkey) {
            Delegates::<T>::insert(hotkey, Delegates::<T>::get(hotkey));
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
        let staked = Alpha::<T>::get((hotkey, coldkey, netuid));
        // Below the minimum only as the whole of what is left, so that no stake is left
        // too small to take out again.
        ensure!(staked >= amount, Error::<T>::NotEnoughStakeToWithdraw);
        ensure!(
            amount > 0 && (amount >= MIN_STAKE || amount == staked),
            Error::<T>::AmountTooLow
        );
        Self::debit_stake(coldkey, hotkey, netuid, amount);
        Self::pay_out(coldkey, amount);
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
    /// newly issued); a new entry joins [`SubnetStakers`], and a first stake of the
    /// coldkey on the hotkey joins [`StakingHotkeys`]. Refused, with nothing changed, when
    /// that list is full.
    pub(crate) fn credit_stake(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        amount: Balance,
    ) -> DispatchResult {
        if amount == 0 {
            return Ok(());
        }
        if !Alpha::<T>::contains_key((hotkey, coldkey, netuid)) {
            // The list holds exactly the hotkeys with some stake of the coldkey, so a
            // hotkey without any joins it: one key read instead of decoding the list.
            if Alpha::<T>::iter_prefix((hotkey, coldkey)).next().is_none() {
                StakingHotkeys::<T>::try_append(coldkey, hotkey)
                    .map_err(|()| Error::<T>::StakingHotkeysFull)?;
            }
            SubnetStakers::<T>::insert((netuid, hotkey, coldkey), ());
        }
        Alpha::<T>::mutate((hotkey, coldkey, netuid), |s| *s = s.saturating_add(amount));
        TotalHotkeyAlpha::<T>::mutate(hotkey, netuid, |s| *s = s.saturating_add(amount));
        SubnetTAO::<T>::mutate(netuid, |s| *s = s.saturating_add(amount));
        TotalStake::<T>::mutate(|s| *s = s.saturating_add(amount));
        Ok(())
    }

    /// [`Self::credit_stake`] for payments that must not fail (emission): when the coldkey's [`StakingHotkeys`] is full, `amount` is paid into
    /// its balance instead ([`Self::pay_out`]), the same TAO at 1:1.
    pub(crate) fn credit_stake_or_pay(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        amount: Balance,
    ) {
        if Self::credit_stake(coldkey, hotkey, netuid, amount).is_err() {
            Self::pay_out(coldkey, amount);
        }
    }

    /// Takes `amount` of stake out (the caller pays it somewhere). Entries that reach zero
    /// are deleted (from [`SubnetStakers`] too), and a hotkey leaves the coldkey's [`StakingHotkeys`] once no stake of
    /// the coldkey remains on it in any subnet.
    pub(crate) fn debit_stake(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        amount: Balance,
    ) {
        let emptied = Alpha::<T>::mutate_exists((hotkey, coldkey, netuid), |s| {
            *s = s.map(|s| s.saturating_sub(amount)).filter(|s| *s > 0);
            s.is_none()
        });
        if emptied {
            SubnetStakers::<T>::remove((netuid, hotkey, coldkey));
        }
        TotalHotkeyAlpha::<T>::mutate_exists(hotkey, netuid, |s| {
            *s = s.map(|s| s.saturating_sub(amount)).filter(|s| *s > 0)
        });
        SubnetTAO::<T>::mutate_exists(netuid, |s| {
            *s = s.map(|s| s.saturating_sub(amount)).filter(|s| *s > 0)
        });
        TotalStake::<T>::mutate(|s| *s = s.saturating_sub(amount));
        // At most one entry per subnet, so this reads at most `SubnetLimit` entries.
        if Alpha::<T>::iter_prefix((hotkey, coldkey)).next().is_none() {
            StakingHotkeys::<T>::mutate_exists(coldkey, |hotkeys| {
                if let Some(list) = hotkeys {
                    list.retain(|h| h != hotkey);
                    if list.is_empty() {
                        *hotkeys = None;
                    }
                }
            });
        }
    }

    /// Returns up to `limit` stakes in `netuid` to their coldkeys (a dissolved subnet's,
    /// a block's share at a time); says how many. A stake its coldkey cannot receive is
    /// recycled ([`Self::pay_out`]), so this cannot fail.
    pub(crate) fn refund_subnet_stakes(netuid: NetUid, limit: u32) -> u32 {
        let stakers: Vec<(AccountId32, AccountId32)> =
            SubnetStakers::<T>::iter_key_prefix((netuid,))
                .take(usize::try_from(limit).unwrap_or(usize::MAX))
                .collect();
        for (hotkey, coldkey) in &stakers {
            let stake = Alpha::<T>::get((hotkey, coldkey, netuid));
            Self::debit_stake(coldkey, hotkey, netuid, stake);
            Self::pay_out(coldkey, stake);
        }
        u32::try_from(stakers.len()).unwrap_or(u32::MAX)
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
