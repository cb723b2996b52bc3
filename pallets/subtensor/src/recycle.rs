//! Recycling: TAO destroyed outside this pallet (transaction fees, dust of reaped
//! accounts) leaves [`TotalIssuance`] too, so the next halving is delayed accordingly.

use core::marker::PhantomData;

use frame_support::traits::fungible::Credit;
use frame_support::traits::{Imbalance, OnUnbalanced};
use sp_runtime::AccountId32;

use crate::{Config, TotalIssuance};

/// An `OnUnbalanced` handler that burns the credit and lowers [`TotalIssuance`] by it.
pub struct Recycle<T>(PhantomData<T>);

impl<T: Config> OnUnbalanced<Credit<AccountId32, T::Currency>> for Recycle<T> {
    fn on_nonzero_unbalanced(amount: Credit<AccountId32, T::Currency>) {
        TotalIssuance::<T>::mutate(|issuance| *issuance = issuance.saturating_sub(amount.peek()));
        // Dropping the credit burns it from the balances' own issuance.
        drop(amount);
    }
}
