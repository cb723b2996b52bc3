//! `SwapRuntimeApi`: subtensor's TAO/alpha pool prices and simulated swaps. Taonet has no
//! AMM: staking TAO gives the same amount of stake (alpha is TAO), so every existing
//! subnet's price is 1 TAO per alpha and a swap returns what goes in, with no fee and no
//! slippage.

use alloc::vec::Vec;

use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use taonet_primitives::{Balance, RAO_PER_TAO};

use crate::*;

/// What a swap would give (subtensor's `SimSwapResult`).
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct SimSwapResult {
    /// TAO paid in or out, rao.
    pub tao_amount: u64,
    /// Alpha paid out or in, rao.
    pub alpha_amount: u64,
    /// Fee in TAO: none.
    pub tao_fee: u64,
    /// Fee in alpha: none.
    pub alpha_fee: u64,
    /// TAO lost to slippage: none.
    pub tao_slippage: u64,
    /// Alpha lost to slippage: none.
    pub alpha_slippage: u64,
}

/// A subnet's price (subtensor's `SubnetPrice`).
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct SubnetPrice {
    /// The subnet.
    pub netuid: NetUid,
    /// Rao of TAO per whole alpha (10⁹: one TAO per alpha).
    pub price: u64,
}

impl<T: Config> Pallet<T> {
    /// Rao of TAO per whole alpha: one TAO, on every subnet (subtensor also answers 1 for a
    /// subnet without a pool).
    pub fn current_alpha_price(_netuid: NetUid) -> u64 {
        RAO_PER_TAO
    }

    /// The price of every existing subnet, by netuid.
    pub fn current_alpha_price_all() -> Vec<SubnetPrice> {
        Self::netuids_ascending()
            .into_iter()
            .map(|netuid| SubnetPrice {
                netuid,
                price: Self::current_alpha_price(netuid),
            })
            .collect()
    }

    /// A 1:1 swap of `amount` on `netuid`, or nothing if the subnet does not exist (as in
    /// subtensor, where a swap on a missing subnet moves nothing).
    fn one_to_one(netuid: NetUid, amount: Balance) -> SimSwapResult {
        let amount = if NetworksAdded::<T>::get(netuid) {
            amount
        } else {
            0
        };
        SimSwapResult {
            tao_amount: amount,
            alpha_amount: amount,
            tao_fee: 0,
            alpha_fee: 0,
            tao_slippage: 0,
            alpha_slippage: 0,
        }
    }

    /// Staking `tao` rao on `netuid`: as much alpha.
    pub fn sim_swap_tao_for_alpha(netuid: NetUid, tao: u64) -> SimSwapResult {
        Self::one_to_one(netuid, tao)
    }

    /// Unstaking `alpha` rao on `netuid`: as much TAO.
    pub fn sim_swap_alpha_for_tao(netuid: NetUid, alpha: u64) -> SimSwapResult {
        Self::one_to_one(netuid, alpha)
    }
}
