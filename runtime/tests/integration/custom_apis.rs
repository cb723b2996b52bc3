//! Subtensor's custom runtime APIs on the runtime: listed by name in the V15 metadata,
//! which Bittensor's SDK requires before it calls one, and callable by name through
//! `api::dispatch` as `state_call` calls them.

use codec::{Decode, Encode};
use frame_metadata::v15::RuntimeMetadataV15;
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use pallet_subtensor::rpc_info::dynamic_info::DynamicInfo;
use pallet_subtensor::rpc_info::metagraph::SelectiveMetagraph;
use pallet_subtensor::rpc_info::neuron_info::NeuronInfoLite;
use pallet_subtensor::rpc_info::stake_info::StakeInfo;
use pallet_subtensor::rpc_info::swap::SimSwapResult;
use scale_info::form::PortableForm;
use scale_info::TypeDef;
use sp_api::RuntimeApiInfo;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;
use subtensor_custom_rpc_runtime_api::SubnetInfoRuntimeApi;
use taonet_runtime::genesis::preset_config;
use taonet_runtime::{api, AccountId, Block, RuntimeOrigin, SubtensorModule, VERSION};

/// The development genesis state.
fn genesis() -> sp_io::TestExternalities {
    let config = preset_config(&PresetId::from("development")).expect("preset exists");
    sp_io::TestExternalities::new(config.build_storage().expect("genesis builds"))
}

fn account(who: Sr25519Keyring) -> AccountId {
    who.to_account_id()
}

/// The V15 metadata, as `Metadata_metadata_at_version(15)` serves it.
fn metadata_v15() -> RuntimeMetadataV15 {
    let v15 = api::dispatch("Metadata_metadata_at_version", &15u32.encode()).expect("exists");
    let v15 = Option::<sp_core::OpaqueMetadata>::decode(&mut &v15[..])
        .expect("decodes")
        .expect("v15");
    match RuntimeMetadataPrefixed::decode(&mut &v15[..])
        .expect("metadata decodes")
        .1
    {
        RuntimeMetadata::V15(metadata) => metadata,
        _ => panic!("not V15"),
    }
}

/// A runtime API's methods, each with its argument names.
type Methods = &'static [(&'static str, &'static [&'static str])];

/// Subtensor's custom APIs: each method with its argument names, as subtensor declares
/// them (its `ProxyFilterRuntimeApi` aside: taonet has no Proxy pallet).
const APIS: [(&str, Methods); 6] = [
    (
        "DelegateInfoRuntimeApi",
        &[
            ("get_delegates", &[]),
            ("get_delegate", &["delegate_account"]),
            ("get_delegated", &["delegatee_account"]),
        ],
    ),
    (
        "NeuronInfoRuntimeApi",
        &[
            ("get_neurons", &["netuid"]),
            ("get_neuron", &["netuid", "uid"]),
            ("get_neurons_lite", &["netuid"]),
            ("get_neuron_lite", &["netuid", "uid"]),
        ],
    ),
    (
        "SubnetInfoRuntimeApi",
        &[
            ("get_subnet_info", &["netuid"]),
            ("get_subnets_info", &[]),
            ("get_subnet_info_v2", &["netuid"]),
            ("get_subnets_info_v2", &[]),
            ("get_subnet_hyperparams", &["netuid"]),
            ("get_subnet_hyperparams_v2", &["netuid"]),
            ("get_subnet_hyperparams_v3", &["netuid"]),
            ("get_all_dynamic_info", &[]),
            ("get_all_metagraphs", &[]),
            ("get_metagraph", &["netuid"]),
            ("get_all_mechagraphs", &[]),
            ("get_mechagraph", &["netuid", "mecid"]),
            ("get_dynamic_info", &["netuid"]),
            ("get_subnet_state", &["netuid"]),
            ("get_selective_metagraph", &["netuid", "metagraph_indexes"]),
            ("get_coldkey_auto_stake_hotkey", &["coldkey", "netuid"]),
            (
                "get_selective_mechagraph",
                &["netuid", "subid", "metagraph_indexes"],
            ),
            ("get_subnet_to_prune", &[]),
            ("get_subnet_account_id", &["netuid"]),
            ("get_next_epoch_start_block", &["netuid"]),
        ],
    ),
    (
        "StakeInfoRuntimeApi",
        &[
            ("get_stake_info_for_coldkey", &["coldkey_account"]),
            ("get_stake_info_for_coldkeys", &["coldkey_accounts"]),
            (
                "get_stake_info_for_hotkey_coldkey_netuid",
                &["hotkey_account", "coldkey_account", "netuid"],
            ),
            (
                "get_stake_availability_for_coldkeys",
                &["coldkey_accounts", "netuids"],
            ),
            (
                "get_stake_fee",
                &[
                    "origin",
                    "origin_coldkey_account",
                    "destination",
                    "destination_coldkey_account",
                    "amount",
                ],
            ),
            ("get_coldkey_lock", &["coldkey", "netuid"]),
            ("get_hotkey_conviction", &["hotkey", "netuid"]),
            ("get_most_convicted_hotkey_on_subnet", &["netuid"]),
        ],
    ),
    (
        "SubnetRegistrationRuntimeApi",
        &[("get_network_registration_cost", &[])],
    ),
    (
        "SwapRuntimeApi",
        &[
            ("current_alpha_price", &["netuid"]),
            ("current_alpha_price_all", &[]),
            ("sim_swap_tao_for_alpha", &["netuid", "tao"]),
            ("sim_swap_alpha_for_tao", &["netuid", "alpha"]),
        ],
    ),
];

/// The field names of the struct type `id` in the metadata's registry.
fn fields(metadata: &RuntimeMetadataV15, id: u32) -> Vec<String> {
    let ty = metadata.types.resolve(id).expect("type in the registry");
    match &ty.type_def {
        TypeDef::Composite(composite) => composite
            .fields
            .iter()
            .map(|f| f.name.clone().expect("named"))
            .collect(),
        other => panic!("not a struct: {other:?}"),
    }
}

/// The type inside `Option<T>` or `Vec<T>` type `id`.
fn inner(metadata: &RuntimeMetadataV15, id: u32) -> u32 {
    let ty: &scale_info::Type<PortableForm> = metadata.types.resolve(id).expect("in registry");
    match &ty.type_def {
        TypeDef::Sequence(seq) => seq.type_param.id,
        TypeDef::Variant(_) if ty.path.segments == ["Option"] => {
            ty.type_params[0].ty.expect("Option<T>").id
        }
        other => panic!("neither Option nor Vec: {other:?}"),
    }
}

#[test]
fn v15_metadata_lists_every_custom_api_and_method() {
    genesis().execute_with(|| {
        let metadata = metadata_v15();
        for (api_name, methods) in APIS {
            let api = metadata
                .apis
                .iter()
                .find(|a| a.name == api_name)
                .unwrap_or_else(|| panic!("{api_name} missing from the V15 apis"));
            // sp-api lists methods of a later API version last: compare by name.
            let mut listed: Vec<(&str, Vec<&str>)> = api
                .methods
                .iter()
                .map(|m| {
                    let inputs = m.inputs.iter().map(|i| i.name.as_str()).collect();
                    (m.name.as_str(), inputs)
                })
                .collect();
            let mut expected: Vec<(&str, Vec<&str>)> = methods
                .iter()
                .map(|(name, inputs)| (*name, inputs.to_vec()))
                .collect();
            listed.sort_unstable();
            expected.sort_unstable();
            assert_eq!(listed, expected, "{api_name}");
        }
        assert!(!metadata
            .apis
            .iter()
            .any(|a| a.name == "ProxyFilterRuntimeApi"));

        // Outputs resolve to subtensor's structures, whose field names the SDK reads.
        let method = |api: &str, name: &str| {
            let api = metadata.apis.iter().find(|a| a.name == api).expect("api");
            api.methods
                .iter()
                .find(|m| m.name == name)
                .expect("method")
                .output
                .id
        };
        let neuron = inner(
            &metadata,
            method("NeuronInfoRuntimeApi", "get_neurons_lite"),
        );
        let names = fields(&metadata, neuron);
        assert_eq!(names.first().map(String::as_str), Some("hotkey"));
        assert_eq!(names.last().map(String::as_str), Some("pruning_score"));
        assert_eq!(names.len(), 18);
        let selective = inner(
            &metadata,
            method("SubnetInfoRuntimeApi", "get_selective_metagraph"),
        );
        assert_eq!(fields(&metadata, selective).len(), 74);
        let swap = method("SwapRuntimeApi", "sim_swap_tao_for_alpha");
        assert_eq!(fields(&metadata, swap)[..2], ["tao_amount", "alpha_amount"]);
    });
}

#[test]
fn the_runtime_version_lists_the_apis_at_subtensors_versions() {
    let version = |id: [u8; 8]| {
        VERSION
            .apis
            .iter()
            .find(|(api, _)| *api == id)
            .map(|(_, v)| *v)
    };
    // `get_subnet_hyperparams_v3` is `#[api_version(2)]`: clients check for version 2.
    assert_eq!(version(<dyn SubnetInfoRuntimeApi<Block>>::ID), Some(2));
    use subtensor_custom_rpc_runtime_api::{
        DelegateInfoRuntimeApi, NeuronInfoRuntimeApi, StakeInfoRuntimeApi,
        SubnetRegistrationRuntimeApi, SwapRuntimeApi,
    };
    for id in [
        <dyn DelegateInfoRuntimeApi<Block>>::ID,
        <dyn NeuronInfoRuntimeApi<Block>>::ID,
        <dyn StakeInfoRuntimeApi<Block>>::ID,
        <dyn SubnetRegistrationRuntimeApi<Block>>::ID,
        <dyn SwapRuntimeApi<Block>>::ID,
    ] {
        assert_eq!(version(id), Some(1));
    }
}

#[test]
fn custom_apis_answer_by_name_on_genesis_state() {
    genesis().execute_with(|| {
        let cost = api::dispatch(
            "SubnetRegistrationRuntimeApi_get_network_registration_cost",
            &[],
        )
        .expect("exists");
        let cost = u64::decode(&mut &cost[..]).expect("u64");
        assert_eq!(cost, SubtensorModule::network_lock_cost());
        assert!(cost >= 1_000 * taonet_runtime::RAO_PER_TAO);

        // No subnet yet.
        let neurons =
            api::dispatch("NeuronInfoRuntimeApi_get_neurons_lite", &1u16.encode()).expect("exists");
        let neurons = Vec::<NeuronInfoLite<AccountId>>::decode(&mut &neurons[..]).expect("decodes");
        assert!(neurons.is_empty());

        // Alice creates subnet 1 with Bob's hotkey.
        let (alice, bob) = (account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob));
        SubtensorModule::register_network(RuntimeOrigin::signed(alice.clone()), bob.clone())
            .expect("registered");

        let info =
            api::dispatch("SubnetInfoRuntimeApi_get_dynamic_info", &1u16.encode()).expect("exists");
        let info = Option::<DynamicInfo<AccountId>>::decode(&mut &info[..])
            .expect("decodes")
            .expect("subnet 1");
        assert_eq!(
            (info.netuid.0, info.owner_coldkey, info.owner_hotkey),
            (1, alice.clone(), bob.clone())
        );
        assert_eq!(info.moving_price.to_bits(), 1 << 32);

        let selective = api::dispatch(
            "SubnetInfoRuntimeApi_get_selective_metagraph",
            &(1u16, vec![8u16, 52]).encode(),
        )
        .expect("exists");
        let selective = Option::<SelectiveMetagraph<AccountId>>::decode(&mut &selective[..])
            .expect("decodes")
            .expect("subnet 1");
        assert_eq!(selective.hotkeys, Some(vec![bob.clone()]));
        assert_eq!(selective.tempo.map(|t| t.0), Some(360));
        assert_eq!(selective.name, None);

        let swap = api::dispatch(
            "SwapRuntimeApi_sim_swap_tao_for_alpha",
            &(1u16, 5_000u64).encode(),
        )
        .expect("exists");
        let swap = SimSwapResult::decode(&mut &swap[..]).expect("decodes");
        assert_eq!(
            (swap.tao_amount, swap.alpha_amount, swap.tao_fee),
            (5_000, 5_000, 0)
        );

        let stakes = api::dispatch(
            "StakeInfoRuntimeApi_get_stake_info_for_coldkey",
            &alice.encode(),
        )
        .expect("exists");
        let stakes = Vec::<StakeInfo<AccountId>>::decode(&mut &stakes[..]).expect("decodes");
        assert!(stakes.is_empty());

        let hyperparams = api::dispatch(
            "SubnetInfoRuntimeApi_get_subnet_hyperparams_v3",
            &1u16.encode(),
        )
        .expect("exists");
        let hyperparams =
            Option::<pallet_subtensor::rpc_info::subnet_info::SubnetHyperparamsV3>::decode(
                &mut &hyperparams[..],
            )
            .expect("decodes")
            .expect("subnet 1");
        assert!(hyperparams.iter().any(|e| e.name == b"tempo"));
    });
}
