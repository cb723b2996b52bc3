//! Read-only views of this pallet's state in the exact SCALE shapes of subtensor's custom
//! runtime APIs (crate `subtensor-custom-rpc-runtime-api`), so that Bittensor's SDK and
//! btcli, which decode the answers with the V15 metadata into dicts keyed by field name,
//! read taonet unchanged. Struct names, field names, field order, types and `Compact`
//! wrappers are subtensor's; subtensor's `NetUid`, `MechId`, `TaoBalance` and
//! `AlphaBalance` are plain `u16`, `u8`, `u64` and `u64` here, which encode identically
//! and which subtensor's own `TypeInfo` declares as those primitives.
//!
//! One module per topic, as in subtensor. Where subtensor reports something taonet does
//! not have, these views report the 1:1 truth of taonet's economics (alpha is TAO: a
//! price of 1, alpha staked = TAO staked, a subnet's "pool" reserves = the TAO staked in
//! it) or an honest zero, empty list or `None`, and say so on the field.
//!
//! The APIs run off-chain (`state_call`), but a call still reads each storage item once
//! per call, not once per uid: per-uid vectors are read whole and indexed.

use alloc::vec::Vec;

use codec::Compact;
use sp_runtime::AccountId32;
use taonet_primitives::issuance::block_emission;
use taonet_primitives::Balance;

use crate::*;

pub mod delegate_info;
pub mod dynamic_info;
pub mod metagraph;
pub mod neuron_info;
pub mod show_subnet;
pub mod stake_info;
pub mod subnet_info;
pub mod swap;

/// The symbol of the token staked on every subnet. Alpha is TAO here, so this is TAO's
/// own symbol, the one the node advertises as `tokenSymbol` in `system_properties`.
pub const TOKEN_SYMBOL: &[u8] = b"TAO";

/// Most coldkeys a batch stake query answers; the rest of a longer list is left out of
/// the answer (each answer entry names its coldkey, so nothing is misreported).
pub const MAX_COLDKEYS_PER_QUERY: usize = 256;

/// `values` as `n` per-uid entries: the stored vector cut or padded with `fill`. The
/// epoch writes some vectors only at tempo boundaries, so uids registered since are
/// missing from them; clients expect one entry per uid.
pub(crate) fn per_uid<V: Clone>(mut values: Vec<V>, n: u16, fill: V) -> Vec<V> {
    values.resize(usize::from(n), fill);
    values
}

/// Entry `uid` of a per-uid vector, or the default where the vector is shorter.
pub(crate) fn at<V: Copy + Default>(values: &[V], uid: u16) -> V {
    values.get(usize::from(uid)).copied().unwrap_or_default()
}

/// Every value wrapped in `Compact`, as subtensor's lists are.
pub(crate) fn compact_all<V>(values: impl IntoIterator<Item = V>) -> Vec<Compact<V>> {
    values.into_iter().map(Compact).collect()
}

/// How the next block's emission will be split across subnets, as `run_coinbase` splits
/// it: among the subnets that have started emitting, by the TAO staked in each, equally
/// while none is staked.
pub(crate) struct EmissionSplit {
    /// What the next block mints (nothing if no subnet emits).
    block: Balance,
    /// The emitting subnets, ascending.
    emitting: Vec<NetUid>,
    /// TAO staked over the emitting subnets.
    staked: u128,
}

impl EmissionSplit {
    /// The subnet's rao per block (0 if it is not emitting).
    pub(crate) fn share<T: Config>(&self, netuid: NetUid) -> Balance {
        if self.emitting.binary_search(&netuid).is_err() {
            return 0;
        }
        let (numerator, denominator) = if self.staked == 0 {
            (1, u128::try_from(self.emitting.len()).unwrap_or(u128::MAX))
        } else {
            (u128::from(SubnetTAO::<T>::get(netuid)), self.staked)
        };
        u128::from(self.block)
            .saturating_mul(numerator)
            .checked_div(denominator)
            .and_then(|s| Balance::try_from(s).ok())
            .unwrap_or_default()
    }
}

impl<T: Config> Pallet<T> {
    /// Netuids of the existing subnets, ascending (storage iterates them in hash order).
    pub fn netuids_ascending() -> Vec<NetUid> {
        let mut netuids: Vec<NetUid> = NetworksAdded::<T>::iter()
            .filter(|&(_, added)| added)
            .map(|(netuid, _)| netuid)
            .collect();
        netuids.sort_unstable();
        netuids
    }

    /// The hotkey at each uid of `netuid`, in uid order.
    pub(crate) fn uid_hotkeys(netuid: NetUid) -> Vec<AccountId32> {
        (0..SubnetworkN::<T>::get(netuid))
            .map(|uid| Keys::<T>::get(netuid, uid))
            .collect()
    }

    /// A subnet's name: its identity's, when it set a non-empty one (subtensor falls back
    /// to names of Bittensor's own subnets, which taonet's subnets are not).
    pub(crate) fn subnet_name(netuid: NetUid) -> Vec<u8> {
        SubnetIdentitiesV3::<T>::get(netuid)
            .map(|identity| identity.subnet_name)
            .unwrap_or_default()
    }

    /// The activity cutoff in blocks, exactly as the epoch derives it from
    /// [`ActivityCutoffFactorMilli`] and the tempo.
    pub(crate) fn activity_cutoff(netuid: NetUid) -> u64 {
        taonet_yuma::activity_cutoff_blocks(
            ActivityCutoffFactorMilli::<T>::get(netuid),
            Tempo::<T>::get(netuid),
        )
    }

    /// Whether a subnet has started emitting (`start_call` sets its first emission block).
    pub(crate) fn subnet_is_active(netuid: NetUid) -> bool {
        FirstEmissionBlockNumber::<T>::contains_key(netuid)
    }

    /// The split of the next block's emission among `netuids` (ascending): those that
    /// emit from the next block on share what it mints at the current issuance.
    pub(crate) fn emission_split(netuids: &[NetUid]) -> EmissionSplit {
        let next = Self::current_block().saturating_add(1);
        let emitting: Vec<NetUid> = netuids
            .iter()
            .copied()
            .filter(|&n| FirstEmissionBlockNumber::<T>::get(n).is_some_and(|first| first <= next))
            .collect();
        EmissionSplit {
            block: if emitting.is_empty() {
                0
            } else {
                block_emission(TotalIssuance::<T>::get())
            },
            staked: emitting
                .iter()
                .map(|&n| u128::from(SubnetTAO::<T>::get(n)))
                .fold(0u128, u128::saturating_add),
            emitting,
        }
    }

    /// Netuids on which `hotkey` holds a uid, ascending.
    pub(crate) fn hotkey_registrations(hotkey: &AccountId32) -> Vec<NetUid> {
        Self::netuids_ascending()
            .into_iter()
            .filter(|&netuid| Uids::<T>::contains_key(netuid, hotkey))
            .collect()
    }
}
