//! Subtensor's custom runtime APIs under subtensor's trait, method and argument names,
//! types and API versions, so that Bittensor's SDK and btcli call them on taonet
//! unchanged: they find each API and method by name in the V15 metadata (and refuse any it
//! does not list), call it with `state_call` as `<Trait>_<method>`, and decode the answer
//! with the metadata's types into dicts keyed by field name.
//!
//! The answers are `pallet_subtensor::rpc_info`'s views; the runtime implements each
//! method with them. Subtensor's `ProxyFilterRuntimeApi` is left out: taonet has no Proxy
//! pallet. Subtensor's `SwapRuntimeApi` (its own crate there) is declared here.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::collections::btree_map::BTreeMap;
use alloc::vec::Vec;

use pallet_subtensor::rpc_info::delegate_info::{DelegateInfo, DelegatedStake};
use pallet_subtensor::rpc_info::dynamic_info::DynamicInfo;
use pallet_subtensor::rpc_info::metagraph::{Metagraph, SelectiveMetagraph};
use pallet_subtensor::rpc_info::neuron_info::{NeuronInfo, NeuronInfoLite};
use pallet_subtensor::rpc_info::show_subnet::SubnetState;
use pallet_subtensor::rpc_info::stake_info::{LockState, StakeAvailability, StakeInfo};
use pallet_subtensor::rpc_info::subnet_info::{
    SubnetHyperparams, SubnetHyperparamsV2, SubnetHyperparamsV3, SubnetInfo, SubnetInfov2,
};
use pallet_subtensor::rpc_info::swap::{SimSwapResult, SubnetPrice};
use pallet_subtensor::{MechId, NetUid};
use sp_runtime::AccountId32;
/// Subtensor's conviction type (`get_hotkey_conviction`), for implementers.
pub use substrate_fixed::types::U64F64;

/// An amount of TAO in rao (subtensor's `TaoBalance`, a `u64` in SCALE and metadata).
pub type TaoBalance = u64;

/// An amount of alpha in rao (subtensor's `AlphaBalance`, a `u64`); alpha is TAO here.
pub type AlphaBalance = u64;

sp_api::decl_runtime_apis! {
    /// Hotkeys that set their own take, with their nominators.
    pub trait DelegateInfoRuntimeApi {
        /// Every delegate.
        fn get_delegates() -> Vec<DelegateInfo<AccountId32>>;
        /// One delegate, if the hotkey set its own take.
        fn get_delegate(delegate_account: AccountId32) -> Option<DelegateInfo<AccountId32>>;
        /// The delegates a coldkey stakes on, with (netuid, stake) per stake.
        fn get_delegated(delegatee_account: AccountId32) -> Vec<DelegatedStake>;
    }

    /// Neurons (uids) of a subnet.
    pub trait NeuronInfoRuntimeApi {
        /// Every neuron of a subnet with its weights and bonds.
        fn get_neurons(netuid: NetUid) -> Vec<NeuronInfo<AccountId32>>;
        /// One neuron with its weights and bonds.
        fn get_neuron(netuid: NetUid, uid: u16) -> Option<NeuronInfo<AccountId32>>;
        /// Every neuron of a subnet without weights and bonds.
        fn get_neurons_lite(netuid: NetUid) -> Vec<NeuronInfoLite<AccountId32>>;
        /// One neuron without weights and bonds.
        fn get_neuron_lite(netuid: NetUid, uid: u16) -> Option<NeuronInfoLite<AccountId32>>;
    }

    /// Subnets: summaries, hyperparameters, pools, metagraphs and schedules.
    pub trait SubnetInfoRuntimeApi {
        /// A subnet's summary.
        fn get_subnet_info(netuid: NetUid) -> Option<SubnetInfo<AccountId32>>;
        /// Every subnet's summary.
        fn get_subnets_info() -> Vec<Option<SubnetInfo<AccountId32>>>;
        /// A subnet's summary with its identity.
        fn get_subnet_info_v2(netuid: NetUid) -> Option<SubnetInfov2<AccountId32>>;
        /// Every subnet's summary with its identity.
        fn get_subnets_info_v2() -> Vec<Option<SubnetInfov2<AccountId32>>>;
        /// A subnet's hyperparameters (first version).
        #[deprecated(note = "Use `get_subnet_hyperparams_v3` instead.")]
        fn get_subnet_hyperparams(netuid: NetUid) -> Option<SubnetHyperparams>;
        /// A subnet's hyperparameters (second version).
        #[deprecated(note = "Use `get_subnet_hyperparams_v3` instead.")]
        fn get_subnet_hyperparams_v2(netuid: NetUid) -> Option<SubnetHyperparamsV2>;
        /// A subnet's hyperparameters by name.
        #[api_version(2)]
        fn get_subnet_hyperparams_v3(netuid: NetUid) -> Option<SubnetHyperparamsV3>;
        /// Every subnet's token and pool.
        fn get_all_dynamic_info() -> Vec<Option<DynamicInfo<AccountId32>>>;
        /// Every subnet's metagraph.
        fn get_all_metagraphs() -> Vec<Option<Metagraph<AccountId32>>>;
        /// A subnet's metagraph.
        fn get_metagraph(netuid: NetUid) -> Option<Metagraph<AccountId32>>;
        /// Every mechanism's metagraph of every subnet.
        fn get_all_mechagraphs() -> Vec<Option<Metagraph<AccountId32>>>;
        /// One mechanism's metagraph.
        fn get_mechagraph(netuid: NetUid, mecid: MechId) -> Option<Metagraph<AccountId32>>;
        /// A subnet's token and pool.
        fn get_dynamic_info(netuid: NetUid) -> Option<DynamicInfo<AccountId32>>;
        /// A subnet's uids with each hotkey's emission history.
        fn get_subnet_state(netuid: NetUid) -> Option<SubnetState<AccountId32>>;
        /// The metagraph fields at the given indexes.
        fn get_selective_metagraph(
            netuid: NetUid,
            metagraph_indexes: Vec<u16>,
        ) -> Option<SelectiveMetagraph<AccountId32>>;
        /// Subtensor's automatic restaking destination (none in taonet).
        fn get_coldkey_auto_stake_hotkey(coldkey: AccountId32, netuid: NetUid) -> Option<AccountId32>;
        /// One mechanism's metagraph fields at the given indexes.
        fn get_selective_mechagraph(
            netuid: NetUid,
            subid: MechId,
            metagraph_indexes: Vec<u16>,
        ) -> Option<SelectiveMetagraph<AccountId32>>;
        /// The subnet a new one would replace when every slot is taken.
        fn get_subnet_to_prune() -> Option<NetUid>;
        /// Subtensor's per-subnet account (none in taonet).
        fn get_subnet_account_id(netuid: NetUid) -> Option<AccountId32>;
        /// The block of the subnet's next epoch.
        fn get_next_epoch_start_block(netuid: NetUid) -> Option<u64>;
    }

    /// Stakes of coldkeys.
    pub trait StakeInfoRuntimeApi {
        /// A coldkey's stakes.
        fn get_stake_info_for_coldkey(coldkey_account: AccountId32) -> Vec<StakeInfo<AccountId32>>;
        /// The stakes of several coldkeys.
        fn get_stake_info_for_coldkeys(
            coldkey_accounts: Vec<AccountId32>,
        ) -> Vec<(AccountId32, Vec<StakeInfo<AccountId32>>)>;
        /// One stake.
        fn get_stake_info_for_hotkey_coldkey_netuid(
            hotkey_account: AccountId32,
            coldkey_account: AccountId32,
            netuid: NetUid,
        ) -> Option<StakeInfo<AccountId32>>;
        /// What of their stake coldkeys may take out, per subnet.
        fn get_stake_availability_for_coldkeys(
            coldkey_accounts: Vec<AccountId32>,
            netuids: Option<Vec<NetUid>>,
        ) -> BTreeMap<AccountId32, BTreeMap<NetUid, StakeAvailability>>;
        /// The fee of a stake operation (none in taonet).
        fn get_stake_fee(
            origin: Option<(AccountId32, NetUid)>,
            origin_coldkey_account: AccountId32,
            destination: Option<(AccountId32, NetUid)>,
            destination_coldkey_account: AccountId32,
            amount: u64,
        ) -> u64;
        /// Subtensor's stake lock of a coldkey (none in taonet).
        fn get_coldkey_lock(coldkey: AccountId32, netuid: NetUid) -> Option<LockState>;
        /// Subtensor's conviction of a hotkey (zero in taonet).
        fn get_hotkey_conviction(hotkey: AccountId32, netuid: NetUid) -> U64F64;
        /// Subtensor's most convicted hotkey of a subnet (none in taonet).
        fn get_most_convicted_hotkey_on_subnet(netuid: NetUid) -> Option<AccountId32>;
    }

    /// The price of a new subnet.
    pub trait SubnetRegistrationRuntimeApi {
        /// The TAO a new subnet locks now.
        fn get_network_registration_cost() -> TaoBalance;
    }

    /// Prices and simulated swaps between TAO and a subnet's alpha (1:1 in taonet).
    pub trait SwapRuntimeApi {
        /// Rao of TAO per whole alpha.
        fn current_alpha_price(netuid: NetUid) -> u64;
        /// Every subnet's price.
        fn current_alpha_price_all() -> Vec<SubnetPrice>;
        /// What staking `tao` would give.
        fn sim_swap_tao_for_alpha(netuid: NetUid, tao: TaoBalance) -> SimSwapResult;
        /// What unstaking `alpha` would give.
        fn sim_swap_alpha_for_tao(netuid: NetUid, alpha: AlphaBalance) -> SimSwapResult;
    }
}
