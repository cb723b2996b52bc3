//! Paying out TAO this pallet holds (stake, subnet locks, owner cuts) into accounts.
//!
//! An account can be reaped at any time, and `Balances` refuses to create one with less
//! than the existential deposit. A payout must never abort the state change it is part of
//! (a dissolve, a prune, an epoch) over such dust, or a 1-rao stake could freeze a subnet:
//! what an account cannot receive leaves existence through the [`TotalIssuance`] ledger
//! instead, announced by [`Event::DustRecycled`].

use frame_support::traits::fungible::Mutate;
use sp_runtime::AccountId32;
use taonet_primitives::Balance;

use crate::*;

impl<T: Config> Pallet<T> {
    /// Pays `amount` rao, already counted in [`TotalIssuance`], into `who`'s free balance,
    /// or recycles it if `who` cannot receive it. Returns the amount paid (0 or `amount`).
    pub(crate) fn pay_out(who: &AccountId32, amount: Balance) -> Balance {
        if amount == 0 {
            return 0;
        }
        match T::Currency::mint_into(who, amount) {
            Ok(_) => amount,
            Err(_) => {
                TotalIssuance::<T>::mutate(|issuance| *issuance = issuance.saturating_sub(amount));
                Self::deposit_event(Event::DustRecycled(who.clone(), amount));
                0
            }
        }
    }
}
