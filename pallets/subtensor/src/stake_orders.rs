//! Subtensor's limit orders and stake moves, at taonet's fixed price.
//!
//! Subtensor prices a subnet's stake (alpha) in TAO through a pool; taonet stakes 1 rao per
//! rao, so every price is exactly 1 TAO per alpha, as on subtensor's "stable" subnets, and
//! its orders reduce to that case: a limit order executes in full when 1 TAO satisfies its
//! limit and not at all otherwise, and moving stake between hotkeys, coldkeys or subnets
//! moves the same number of rao with no fee.

use alloc::vec::Vec;

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use sp_runtime::AccountId32;
use taonet_primitives::{Balance, RAO_PER_TAO};

use crate::staking::MIN_STAKE;
use crate::*;

/// The price of stake in every subnet, in rao per alpha (subtensor's unit for limit
/// prices): 1 TAO.
pub const PRICE: Balance = RAO_PER_TAO;

/// One end of a stake move: whose stake, on which hotkey, in which subnet.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct StakeSlot {
    /// The coldkey owning the stake.
    pub coldkey: AccountId32,
    /// The hotkey the stake backs.
    pub hotkey: AccountId32,
    /// The subnet.
    pub netuid: NetUid,
}

impl<T: Config> Pallet<T> {
    /// `add_stake` for buyers paying at most `limit_price` rao per alpha.
    pub(crate) fn do_add_stake_limit(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        amount: Balance,
        limit_price: Balance,
    ) -> DispatchResult {
        ensure!(limit_price >= PRICE, Error::<T>::SlippageTooHigh);
        Self::do_add_stake(coldkey, hotkey, netuid, amount)
    }

    /// `remove_stake` for sellers taking at least `limit_price` rao per alpha.
    pub(crate) fn do_remove_stake_limit(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        amount: Balance,
        limit_price: Balance,
    ) -> DispatchResult {
        ensure!(limit_price <= PRICE, Error::<T>::SlippageTooHigh);
        Self::do_remove_stake(coldkey, hotkey, netuid, amount)
    }

    /// Takes out all of `coldkey`'s stake on `hotkey` in `netuid`, if the price meets
    /// `limit_price`.
    pub(crate) fn do_remove_stake_full_limit(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
        netuid: NetUid,
        limit_price: Option<Balance>,
    ) -> DispatchResult {
        ensure!(
            limit_price.is_none_or(|limit| limit <= PRICE),
            Error::<T>::SlippageTooHigh
        );
        let staked = Alpha::<T>::get((hotkey, coldkey, netuid));
        Self::do_remove_stake(coldkey, hotkey, netuid, staked)
    }

    /// Takes out all of `coldkey`'s stake on `hotkey`, in every subnet (at most one entry
    /// per subnet, so at most [`SubnetLimit`] of them).
    pub(crate) fn do_unstake_all(coldkey: &AccountId32, hotkey: &AccountId32) -> DispatchResult {
        ensure!(
            Owner::<T>::contains_key(hotkey),
            Error::<T>::HotKeyAccountNotExists
        );
        let stakes: Vec<(NetUid, Balance)> = Alpha::<T>::iter_prefix((hotkey, coldkey))
            .take(usize::from(SubnetLimit::<T>::get()))
            .collect();
        for (netuid, staked) in stakes {
            Self::do_remove_stake(coldkey, hotkey, netuid, staked)?;
        }
        Ok(())
    }

    /// Moves `amount` rao of stake from `from` to `to`, which must differ. The amount
    /// follows `remove_stake`'s rule (at least [`MIN_STAKE`], or all that is left), and the
    /// destination hotkey must be registered in the destination subnet, as for
    /// `add_stake`.
    pub(crate) fn move_stake_between(
        from: &StakeSlot,
        to: &StakeSlot,
        amount: Balance,
    ) -> DispatchResult {
        ensure!(
            NetworksAdded::<T>::get(from.netuid) && NetworksAdded::<T>::get(to.netuid),
            Error::<T>::SubnetNotExists
        );
        ensure!(from != to, Error::<T>::SameNetuid);
        let staked = Alpha::<T>::get((&from.hotkey, &from.coldkey, from.netuid));
        ensure!(staked >= amount, Error::<T>::NotEnoughStakeToWithdraw);
        ensure!(
            amount > 0 && (amount >= MIN_STAKE || amount == staked),
            Error::<T>::AmountTooLow
        );
        ensure!(
            Uids::<T>::contains_key(to.netuid, &to.hotkey),
            Error::<T>::HotKeyNotRegisteredInSubNet
        );
        Self::debit_stake(&from.coldkey, &from.hotkey, from.netuid, amount);
        Self::credit_stake(&to.coldkey, &to.hotkey, to.netuid, amount)
    }

    /// `move_stake`: the caller's stake to another hotkey and/or subnet.
    pub(crate) fn do_move_stake(from: StakeSlot, to: StakeSlot, amount: Balance) -> DispatchResult {
        Self::move_stake_between(&from, &to, amount)?;
        Self::deposit_event(Event::StakeMoved(
            from.coldkey,
            from.hotkey,
            from.netuid,
            to.hotkey,
            to.netuid,
            amount,
        ));
        Ok(())
    }

    /// `transfer_stake`: the caller's stake on a hotkey to another coldkey, possibly in
    /// another subnet.
    pub(crate) fn do_transfer_stake(
        from: StakeSlot,
        to: StakeSlot,
        amount: Balance,
    ) -> DispatchResult {
        Self::move_stake_between(&from, &to, amount)?;
        Self::deposit_event(Event::StakeTransferred(
            from.coldkey,
            to.coldkey,
            from.hotkey,
            from.netuid,
            to.netuid,
            amount,
        ));
        Ok(())
    }

    /// `swap_stake` (and `swap_stake_limit`, whose limit is the origin's price in the
    /// destination's, always 1 here): the caller's stake on a hotkey to another subnet.
    pub(crate) fn do_swap_stake(
        from: StakeSlot,
        destination_netuid: NetUid,
        amount: Balance,
        limit_price: Option<Balance>,
    ) -> DispatchResult {
        ensure!(
            limit_price.is_none_or(|limit| limit <= PRICE),
            Error::<T>::SlippageTooHigh
        );
        let to = StakeSlot {
            netuid: destination_netuid,
            ..from.clone()
        };
        Self::move_stake_between(&from, &to, amount)?;
        Self::deposit_event(Event::StakeSwapped(
            from.coldkey,
            from.hotkey,
            from.netuid,
            destination_netuid,
            amount,
        ));
        Ok(())
    }
}
