//! Runtime APIs. The node calls them by name (`Core_version`,
//! `TransactionPaymentApi_query_info`, …) as exports of the wasm at `:code`, which is what
//! `state_call` serves; their versions are listed in [`RUNTIME_API_VERSIONS`]. A
//! `try-runtime` build adds `TryRuntime`, for checking a candidate runtime, and a
//! `runtime-benchmarks` build adds `Benchmark`, for measuring weights: never for the chain.
//! Subtensor's custom APIs (`subtensor_custom_rpc_runtime_api`, for Bittensor's SDK and
//! btcli) answer with `SubtensorModule`'s views in `pallet_subtensor::rpc_info`.

use alloc::collections::btree_map::BTreeMap;
use alloc::vec::Vec;

use frame_support::genesis_builder_helper::{build_state, get_preset};
use frame_support::weights::Weight;
use pallet_grandpa::AuthorityId as GrandpaId;
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
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::crypto::KeyTypeId;
use sp_core::OpaqueMetadata;
use sp_runtime::traits::{Block as BlockT, NumberFor};
use sp_runtime::transaction_validity::{TransactionSource, TransactionValidity};
use sp_runtime::{ApplyExtrinsicResult, ExtrinsicInclusionMode};
use sp_version::RuntimeVersion;
use subtensor_custom_rpc_runtime_api::{AlphaBalance, TaoBalance, U64F64};

use super::{
    Aura, Grandpa, InherentDataExt, Runtime, RuntimeCall, RuntimeGenesisConfig, SubtensorModule,
    System, TransactionPayment,
};
use crate::{genesis, AccountId, Balance, Block, Executive, Nonce, SessionKeys, VERSION};

impl_runtime_apis! {
    impl sp_api::Core<Block> for Runtime {
        fn version() -> RuntimeVersion {
            VERSION
        }

        fn execute_block(block: <Block as BlockT>::LazyBlock) {
            Executive::execute_block(block);
        }

        fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
            Executive::initialize_block(header)
        }
    }

    impl sp_api::Metadata<Block> for Runtime {
        fn metadata() -> OpaqueMetadata {
            OpaqueMetadata::new(Runtime::metadata().into())
        }

        fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
            Runtime::metadata_at_version(version)
        }

        fn metadata_versions() -> Vec<u32> {
            Runtime::metadata_versions()
        }
    }

    impl sp_block_builder::BlockBuilder<Block> for Runtime {
        fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
            Executive::apply_extrinsic(extrinsic)
        }

        fn finalize_block() -> <Block as BlockT>::Header {
            Executive::finalize_block()
        }

        fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
            data.create_extrinsics()
        }

        fn check_inherents(
            block: <Block as BlockT>::LazyBlock,
            data: sp_inherents::InherentData,
        ) -> sp_inherents::CheckInherentsResult {
            data.check_extrinsics(&block)
        }
    }

    impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
        fn validate_transaction(
            source: TransactionSource,
            tx: <Block as BlockT>::Extrinsic,
            block_hash: <Block as BlockT>::Hash,
        ) -> TransactionValidity {
            Executive::validate_transaction(source, tx, block_hash)
        }
    }

    impl crate::batch_validation::TransactionBatchApi<Block> for Runtime {
        fn validate_transactions(
            transactions: crate::batch_validation::Batch,
            block_hash: <Block as BlockT>::Hash,
        ) -> Vec<TransactionValidity> {
            crate::batch_validation::validate_transactions(transactions, block_hash)
        }
    }

    impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
        fn slot_duration() -> sp_consensus_aura::SlotDuration {
            sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
        }

        fn authorities() -> Vec<AuraId> {
            pallet_aura::Authorities::<Runtime>::get().into_inner()
        }
    }

    impl sp_session::SessionKeys<Block> for Runtime {
        fn generate_session_keys(
            owner: Vec<u8>,
            seed: Option<Vec<u8>>,
        ) -> sp_session::OpaqueGeneratedSessionKeys {
            SessionKeys::generate(&owner, seed).into()
        }

        fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
            SessionKeys::decode_into_raw_public_keys(&encoded)
        }
    }

    impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
        fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
            Grandpa::grandpa_authorities()
        }

        fn current_set_id() -> sp_consensus_grandpa::SetId {
            Grandpa::current_set_id()
        }

        // Equivocation reports need session history, which this chain does not keep.
        fn submit_report_equivocation_unsigned_extrinsic(
            _equivocation_proof: sp_consensus_grandpa::EquivocationProof<
                <Block as BlockT>::Hash,
                NumberFor<Block>,
            >,
            _key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
        ) -> Option<()> {
            None
        }

        fn generate_key_ownership_proof(
            _set_id: sp_consensus_grandpa::SetId,
            _authority_id: GrandpaId,
        ) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
            None
        }
    }

    impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
        fn account_nonce(account: AccountId) -> Nonce {
            System::account_nonce(account)
        }
    }

    impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
        fn query_info(
            uxt: <Block as BlockT>::Extrinsic,
            len: u32,
        ) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
            TransactionPayment::query_info(uxt, len)
        }

        fn query_fee_details(
            uxt: <Block as BlockT>::Extrinsic,
            len: u32,
        ) -> pallet_transaction_payment::FeeDetails<Balance> {
            TransactionPayment::query_fee_details(uxt, len)
        }

        fn query_weight_to_fee(weight: Weight) -> Balance {
            TransactionPayment::weight_to_fee(weight)
        }

        fn query_length_to_fee(length: u32) -> Balance {
            TransactionPayment::length_to_fee(length)
        }
    }

    impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
        for Runtime
    {
        fn query_call_info(
            call: RuntimeCall,
            len: u32,
        ) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
            TransactionPayment::query_call_info(call, len)
        }

        fn query_call_fee_details(
            call: RuntimeCall,
            len: u32,
        ) -> pallet_transaction_payment::FeeDetails<Balance> {
            TransactionPayment::query_call_fee_details(call, len)
        }

        fn query_weight_to_fee(weight: Weight) -> Balance {
            TransactionPayment::weight_to_fee(weight)
        }

        fn query_length_to_fee(length: u32) -> Balance {
            TransactionPayment::length_to_fee(length)
        }
    }

    impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
        fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
            build_state::<RuntimeGenesisConfig>(config)
        }

        fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
            get_preset::<RuntimeGenesisConfig>(id, genesis::get_preset)
        }

        fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
            genesis::preset_names()
        }
    }
    #[cfg(feature = "runtime-benchmarks")]
    impl frame_benchmarking::Benchmark<Block> for Runtime {
        fn benchmark_metadata(extra: bool) -> (
            Vec<frame_benchmarking::BenchmarkList>,
            Vec<frame_support::traits::StorageInfo>,
        ) {
            use frame_support::traits::StorageInfoTrait;
            // `list_benchmarks!` (exported at the crate root by `define_benchmarks!`) and
            // the pallets it names.
            use crate::*;

            let mut list = Vec::<frame_benchmarking::BenchmarkList>::new();
            list_benchmarks!(list, extra);
            (list, crate::AllPalletsWithSystem::storage_info())
        }

        fn dispatch_benchmark(
            config: frame_benchmarking::BenchmarkConfig,
        ) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
            use frame_support::traits::WhitelistedStorageKeys;
            // `add_benchmarks!` and the pallets it names.
            use crate::*;

            // Keys every block reads or writes anyway (the block number, events, …) are
            // not charged to the call being measured.
            let whitelist = crate::AllPalletsWithSystem::whitelisted_storage_keys();
            let mut batches = Vec::<frame_benchmarking::BenchmarkBatch>::new();
            let params = (&config, &whitelist);
            add_benchmarks!(params, batches);
            Ok(batches)
        }
    }

    #[cfg(feature = "try-runtime")]
    impl frame_try_runtime::TryRuntime<Block> for Runtime {
        // The API can only answer by value, so a failed check traps with its message,
        // which the node reports.
        fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
            match Executive::try_runtime_upgrade(checks) {
                Ok(weight) => (weight, <Runtime as frame_system::Config>::BlockWeights::get().max_block),
                Err(error) => panic!("try_runtime_upgrade: {error:?}"),
            }
        }

        fn execute_block(
            block: <Block as BlockT>::LazyBlock,
            state_root_check: bool,
            signature_check: bool,
            select: frame_try_runtime::TryStateSelect,
        ) -> Weight {
            match Executive::try_execute_block(block, state_root_check, signature_check, select) {
                Ok(weight) => weight,
                Err(error) => panic!("try_execute_block: {error:?}"),
            }
        }
    }

    impl subtensor_custom_rpc_runtime_api::DelegateInfoRuntimeApi<Block> for Runtime {
        fn get_delegates() -> Vec<DelegateInfo<AccountId>> {
            SubtensorModule::get_delegates()
        }

        fn get_delegate(delegate_account: AccountId) -> Option<DelegateInfo<AccountId>> {
            SubtensorModule::get_delegate(delegate_account)
        }

        fn get_delegated(delegatee_account: AccountId) -> Vec<DelegatedStake> {
            SubtensorModule::get_delegated(delegatee_account)
        }
    }

    impl subtensor_custom_rpc_runtime_api::NeuronInfoRuntimeApi<Block> for Runtime {
        fn get_neurons(netuid: NetUid) -> Vec<NeuronInfo<AccountId>> {
            SubtensorModule::get_neurons(netuid)
        }

        fn get_neuron(netuid: NetUid, uid: u16) -> Option<NeuronInfo<AccountId>> {
            SubtensorModule::get_neuron(netuid, uid)
        }

        fn get_neurons_lite(netuid: NetUid) -> Vec<NeuronInfoLite<AccountId>> {
            SubtensorModule::get_neurons_lite(netuid)
        }

        fn get_neuron_lite(netuid: NetUid, uid: u16) -> Option<NeuronInfoLite<AccountId>> {
            SubtensorModule::get_neuron_lite(netuid, uid)
        }
    }

    #[api_version(2)]
    impl subtensor_custom_rpc_runtime_api::SubnetInfoRuntimeApi<Block> for Runtime {
        fn get_subnet_info(netuid: NetUid) -> Option<SubnetInfo<AccountId>> {
            SubtensorModule::get_subnet_info(netuid)
        }

        fn get_subnets_info() -> Vec<Option<SubnetInfo<AccountId>>> {
            SubtensorModule::get_subnets_info()
        }

        fn get_subnet_info_v2(netuid: NetUid) -> Option<SubnetInfov2<AccountId>> {
            SubtensorModule::get_subnet_info_v2(netuid)
        }

        fn get_subnets_info_v2() -> Vec<Option<SubnetInfov2<AccountId>>> {
            SubtensorModule::get_subnets_info_v2()
        }

        #[allow(deprecated)]
        fn get_subnet_hyperparams(netuid: NetUid) -> Option<SubnetHyperparams> {
            SubtensorModule::get_subnet_hyperparams(netuid)
        }

        #[allow(deprecated)]
        fn get_subnet_hyperparams_v2(netuid: NetUid) -> Option<SubnetHyperparamsV2> {
            SubtensorModule::get_subnet_hyperparams_v2(netuid)
        }

        fn get_subnet_hyperparams_v3(netuid: NetUid) -> Option<SubnetHyperparamsV3> {
            SubtensorModule::get_subnet_hyperparams_v3(netuid)
        }

        fn get_all_dynamic_info() -> Vec<Option<DynamicInfo<AccountId>>> {
            SubtensorModule::get_all_dynamic_info()
        }

        fn get_all_metagraphs() -> Vec<Option<Metagraph<AccountId>>> {
            SubtensorModule::get_all_metagraphs()
        }

        fn get_metagraph(netuid: NetUid) -> Option<Metagraph<AccountId>> {
            SubtensorModule::get_metagraph(netuid)
        }

        fn get_all_mechagraphs() -> Vec<Option<Metagraph<AccountId>>> {
            SubtensorModule::get_all_mechagraphs()
        }

        fn get_mechagraph(netuid: NetUid, mecid: MechId) -> Option<Metagraph<AccountId>> {
            SubtensorModule::get_mechagraph(netuid, mecid)
        }

        fn get_dynamic_info(netuid: NetUid) -> Option<DynamicInfo<AccountId>> {
            SubtensorModule::get_dynamic_info(netuid)
        }

        fn get_subnet_state(netuid: NetUid) -> Option<SubnetState<AccountId>> {
            SubtensorModule::get_subnet_state(netuid)
        }

        fn get_selective_metagraph(
            netuid: NetUid,
            metagraph_indexes: Vec<u16>,
        ) -> Option<SelectiveMetagraph<AccountId>> {
            SubtensorModule::get_selective_metagraph(netuid, metagraph_indexes)
        }

        fn get_coldkey_auto_stake_hotkey(coldkey: AccountId, netuid: NetUid) -> Option<AccountId> {
            SubtensorModule::get_coldkey_auto_stake_hotkey(coldkey, netuid)
        }

        fn get_selective_mechagraph(
            netuid: NetUid,
            subid: MechId,
            metagraph_indexes: Vec<u16>,
        ) -> Option<SelectiveMetagraph<AccountId>> {
            SubtensorModule::get_selective_mechagraph(netuid, subid, metagraph_indexes)
        }

        fn get_subnet_to_prune() -> Option<NetUid> {
            SubtensorModule::subnet_to_prune()
        }

        fn get_subnet_account_id(netuid: NetUid) -> Option<AccountId> {
            SubtensorModule::get_subnet_account_id(netuid)
        }

        fn get_next_epoch_start_block(netuid: NetUid) -> Option<u64> {
            SubtensorModule::get_next_epoch_start_block(netuid)
        }
    }

    impl subtensor_custom_rpc_runtime_api::StakeInfoRuntimeApi<Block> for Runtime {
        fn get_stake_info_for_coldkey(coldkey_account: AccountId) -> Vec<StakeInfo<AccountId>> {
            SubtensorModule::get_stake_info_for_coldkey(coldkey_account)
        }

        fn get_stake_info_for_coldkeys(
            coldkey_accounts: Vec<AccountId>,
        ) -> Vec<(AccountId, Vec<StakeInfo<AccountId>>)> {
            SubtensorModule::get_stake_info_for_coldkeys(coldkey_accounts)
        }

        fn get_stake_info_for_hotkey_coldkey_netuid(
            hotkey_account: AccountId,
            coldkey_account: AccountId,
            netuid: NetUid,
        ) -> Option<StakeInfo<AccountId>> {
            SubtensorModule::get_stake_info_for_hotkey_coldkey_netuid(
                hotkey_account,
                coldkey_account,
                netuid,
            )
        }

        fn get_stake_availability_for_coldkeys(
            coldkey_accounts: Vec<AccountId>,
            netuids: Option<Vec<NetUid>>,
        ) -> BTreeMap<AccountId, BTreeMap<NetUid, StakeAvailability>> {
            SubtensorModule::get_stake_availability_for_coldkeys(coldkey_accounts, netuids)
        }

        fn get_stake_fee(
            origin: Option<(AccountId, NetUid)>,
            origin_coldkey_account: AccountId,
            destination: Option<(AccountId, NetUid)>,
            destination_coldkey_account: AccountId,
            amount: u64,
        ) -> u64 {
            SubtensorModule::get_stake_fee(
                origin,
                origin_coldkey_account,
                destination,
                destination_coldkey_account,
                amount,
            )
        }

        fn get_coldkey_lock(coldkey: AccountId, netuid: NetUid) -> Option<LockState> {
            SubtensorModule::get_coldkey_lock(coldkey, netuid)
        }

        fn get_hotkey_conviction(hotkey: AccountId, netuid: NetUid) -> U64F64 {
            SubtensorModule::get_hotkey_conviction(hotkey, netuid)
        }

        fn get_most_convicted_hotkey_on_subnet(netuid: NetUid) -> Option<AccountId> {
            SubtensorModule::get_most_convicted_hotkey_on_subnet(netuid)
        }
    }

    impl subtensor_custom_rpc_runtime_api::SubnetRegistrationRuntimeApi<Block> for Runtime {
        fn get_network_registration_cost() -> TaoBalance {
            SubtensorModule::network_lock_cost()
        }
    }

    impl subtensor_custom_rpc_runtime_api::SwapRuntimeApi<Block> for Runtime {
        fn current_alpha_price(netuid: NetUid) -> u64 {
            SubtensorModule::current_alpha_price(netuid)
        }

        fn current_alpha_price_all() -> Vec<SubnetPrice> {
            SubtensorModule::current_alpha_price_all()
        }

        fn sim_swap_tao_for_alpha(netuid: NetUid, tao: TaoBalance) -> SimSwapResult {
            SubtensorModule::sim_swap_tao_for_alpha(netuid, tao)
        }

        fn sim_swap_alpha_for_tao(netuid: NetUid, alpha: AlphaBalance) -> SimSwapResult {
            SubtensorModule::sim_swap_alpha_for_tao(netuid, alpha)
        }
    }
}
