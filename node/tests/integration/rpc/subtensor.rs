//! Subtensor's custom methods (`delegateInfo_*`, `neuronInfo_*`, `subnetInfo_*`,
//! `stakeInfo_*`, `swap_*`) on a chain where a subnet was registered, a second neuron
//! registered, stake added, a take lowered and an axon served: each answers exactly what
//! `state_call` of its runtime API answers, at the best block and at an earlier one; they
//! are listed in `rpc_methods`; bad parameters are `-32602`; a call at an unknown block is
//! subtensor's error 1. Then the same against the real `taonet` binary, with the
//! transactions submitted over RPC.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use codec::{Decode, Encode};
use jsonrpsee::core::client::ClientT;
use jsonrpsee::core::params::ArrayParams;
use jsonrpsee::rpc_params;
use pallet_subtensor::rpc_info::delegate_info::{DelegateInfo, DelegatedStake};
use pallet_subtensor::rpc_info::neuron_info::{NeuronInfo, NeuronInfoLite};
use serde_json::{json, Value};
use sp_core::crypto::Ss58Codec;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave};
use sp_runtime::AccountId32;
use taonet_runtime::{Hash, Runtime, RuntimeCall, UncheckedExtrinsic, RAO_PER_TAO};

use super::{call_error, hex, unhex, Node};

use crate::support;

/// The subnet the first `register_network` creates.
const NETUID: u16 = 1;

/// What Alice stakes on Charlie, rao.
const STAKE: u64 = 100 * RAO_PER_TAO;

/// Charlie's take after Alice lowers it (from the default 11 796).
const TAKE: u16 = 10_000;

/// Dave's axon: 8.8.8.8:8091, IPv4.
const AXON_IP: u128 = 0x0808_0808;
const AXON_PORT: u16 = 8091;

/// The prefixes of subtensor's method names.
const PREFIXES: [&str; 5] = [
    "delegateInfo_",
    "neuronInfo_",
    "subnetInfo_",
    "stakeInfo_",
    "swap_",
];

fn subtensor(call: pallet_subtensor::Call<Runtime>) -> RuntimeCall {
    RuntimeCall::SubtensorModule(call)
}

fn account(who: Sr25519Keyring) -> AccountId32 {
    who.to_account_id()
}

/// `who`'s account as a JSON array of its bytes (subtensor's `Vec<u8>` parameters).
fn bytes_of(who: Sr25519Keyring) -> Value {
    let id = account(who);
    let raw: &[u8] = id.as_ref();
    json!(raw)
}

/// The transactions that build the state, one block each batch, as (signer, call) pairs:
/// the subnet; Dave's registration, Alice's stake and Charlie's lower take; Dave's axon.
fn transactions() -> [Vec<(Sr25519Keyring, RuntimeCall)>; 3] {
    use pallet_subtensor::Call;
    [
        vec![(
            Alice,
            subtensor(Call::register_network {
                hotkey: account(Charlie),
            }),
        )],
        vec![
            (
                Bob,
                subtensor(Call::burned_register {
                    netuid: NETUID,
                    hotkey: account(Dave),
                }),
            ),
            (
                Alice,
                subtensor(Call::add_stake {
                    hotkey: account(Charlie),
                    netuid: NETUID,
                    amount_staked: STAKE,
                }),
            ),
            (
                Alice,
                subtensor(Call::decrease_take {
                    hotkey: account(Charlie),
                    take: TAKE,
                }),
            ),
        ],
        vec![(
            Dave,
            subtensor(Call::serve_axon {
                netuid: NETUID,
                version: 1,
                ip: AXON_IP,
                port: AXON_PORT,
                ip_type: 4,
                protocol: 0,
                placeholder1: 0,
                placeholder2: 0,
            }),
        )],
    ]
}

/// Signs `calls` in order, each signer's nonces counted from `nonces`.
fn sign_all(
    calls: Vec<(Sr25519Keyring, RuntimeCall)>,
    nonces: &mut BTreeMap<AccountId32, u32>,
    genesis: Hash,
) -> Vec<UncheckedExtrinsic> {
    calls
        .into_iter()
        .map(|(who, call)| {
            let nonce = nonces.entry(account(who)).or_insert(0);
            let xt = taonet_runtime::signing::sign(call, &who.pair(), *nonce, 0, genesis);
            *nonce += 1;
            xt
        })
        .collect()
}

/// One call of a method that answers SCALE bytes: its JSON parameters (without `at`),
/// and the runtime API and SCALE input `state_call` takes for the same question.
struct Case {
    method: &'static str,
    params: Vec<Value>,
    api: &'static str,
    input: Vec<u8>,
}

fn case(method: &'static str, params: Vec<Value>, api: &'static str, input: Vec<u8>) -> Case {
    Case {
        method,
        params,
        api,
        input,
    }
}

/// Every method answering bytes, asked about the subnet, its neurons, Alice's stake and
/// Charlie the delegate.
fn byte_cases() -> Vec<Case> {
    let alice_ss58 = json!(account(Alice).to_ss58check());
    // Every selective metagraph field, and one past the last.
    let indexes: Vec<u16> = (0..75).collect();
    vec![
        case(
            "delegateInfo_getDelegates",
            vec![],
            "DelegateInfoRuntimeApi_get_delegates",
            vec![],
        ),
        case(
            "delegateInfo_getDelegate",
            vec![bytes_of(Charlie)],
            "DelegateInfoRuntimeApi_get_delegate",
            account(Charlie).encode(),
        ),
        case(
            "delegateInfo_getDelegated",
            vec![bytes_of(Alice)],
            "DelegateInfoRuntimeApi_get_delegated",
            account(Alice).encode(),
        ),
        case(
            "neuronInfo_getNeuronsLite",
            vec![json!(NETUID)],
            "NeuronInfoRuntimeApi_get_neurons_lite",
            NETUID.encode(),
        ),
        case(
            "neuronInfo_getNeuronLite",
            vec![json!(NETUID), json!(1)],
            "NeuronInfoRuntimeApi_get_neuron_lite",
            (NETUID, 1u16).encode(),
        ),
        case(
            "neuronInfo_getNeurons",
            vec![json!(NETUID)],
            "NeuronInfoRuntimeApi_get_neurons",
            NETUID.encode(),
        ),
        case(
            "neuronInfo_getNeuron",
            vec![json!(NETUID), json!(0)],
            "NeuronInfoRuntimeApi_get_neuron",
            (NETUID, 0u16).encode(),
        ),
        case(
            "subnetInfo_getSubnetInfo",
            vec![json!(NETUID)],
            "SubnetInfoRuntimeApi_get_subnet_info",
            NETUID.encode(),
        ),
        case(
            "subnetInfo_getSubnetsInfo",
            vec![],
            "SubnetInfoRuntimeApi_get_subnets_info",
            vec![],
        ),
        case(
            "subnetInfo_getSubnetInfo_v2",
            vec![json!(NETUID)],
            "SubnetInfoRuntimeApi_get_subnet_info_v2",
            NETUID.encode(),
        ),
        case(
            "subnetInfo_getSubnetsInfo_v2",
            vec![],
            "SubnetInfoRuntimeApi_get_subnets_info_v2",
            vec![],
        ),
        case(
            "subnetInfo_getSubnetHyperparams",
            vec![json!(NETUID)],
            "SubnetInfoRuntimeApi_get_subnet_hyperparams",
            NETUID.encode(),
        ),
        case(
            "subnetInfo_getSubnetHyperparamsV2",
            vec![json!(NETUID)],
            "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2",
            NETUID.encode(),
        ),
        case(
            "subnetInfo_getAllDynamicInfo",
            vec![],
            "SubnetInfoRuntimeApi_get_all_dynamic_info",
            vec![],
        ),
        case(
            "subnetInfo_getDynamicInfo",
            vec![json!(NETUID)],
            "SubnetInfoRuntimeApi_get_dynamic_info",
            NETUID.encode(),
        ),
        case(
            "subnetInfo_getAllMetagraphs",
            vec![],
            "SubnetInfoRuntimeApi_get_all_metagraphs",
            vec![],
        ),
        case(
            "subnetInfo_getMetagraph",
            vec![json!(NETUID)],
            "SubnetInfoRuntimeApi_get_metagraph",
            NETUID.encode(),
        ),
        case(
            "subnetInfo_getAllMechagraphs",
            vec![],
            "SubnetInfoRuntimeApi_get_all_mechagraphs",
            vec![],
        ),
        case(
            "subnetInfo_getMechagraph",
            vec![json!(NETUID), json!(0)],
            "SubnetInfoRuntimeApi_get_mechagraph",
            (NETUID, 0u8).encode(),
        ),
        case(
            "subnetInfo_getSubnetState",
            vec![json!(NETUID)],
            "SubnetInfoRuntimeApi_get_subnet_state",
            NETUID.encode(),
        ),
        case(
            "subnetInfo_getSelectiveMetagraph",
            vec![json!(NETUID), json!(indexes)],
            "SubnetInfoRuntimeApi_get_selective_metagraph",
            (NETUID, indexes.clone()).encode(),
        ),
        case(
            "subnetInfo_getColdkeyAutoStakeHotkey",
            vec![alice_ss58.clone(), json!(NETUID)],
            "SubnetInfoRuntimeApi_get_coldkey_auto_stake_hotkey",
            (account(Alice), NETUID).encode(),
        ),
        case(
            "subnetInfo_getSelectiveMechagraph",
            vec![json!(NETUID), json!(0), json!([0, 5, 9, 9])],
            "SubnetInfoRuntimeApi_get_selective_mechagraph",
            (NETUID, 0u8, vec![0u16, 5, 9, 9]).encode(),
        ),
        case(
            "subnetInfo_getSubnetAccountId",
            vec![json!(NETUID)],
            "SubnetInfoRuntimeApi_get_subnet_account_id",
            NETUID.encode(),
        ),
        case(
            "stakeInfo_getColdkeyLock",
            vec![alice_ss58, json!(NETUID)],
            "StakeInfoRuntimeApi_get_coldkey_lock",
            (account(Alice), NETUID).encode(),
        ),
        case(
            "swap_simSwapTaoForAlpha",
            vec![json!(NETUID), json!(5 * RAO_PER_TAO)],
            "SwapRuntimeApi_sim_swap_tao_for_alpha",
            (NETUID, 5 * RAO_PER_TAO).encode(),
        ),
        case(
            "swap_simSwapAlphaForTao",
            vec![json!(NETUID), json!(7 * RAO_PER_TAO)],
            "SwapRuntimeApi_sim_swap_alpha_for_tao",
            (NETUID, 7 * RAO_PER_TAO).encode(),
        ),
    ]
}

/// The methods that answer a number, `null` or objects, with what `state_call` answers
/// decoded into the JSON they must give.
async fn typed_cases<C: ClientT>(
    client: &C,
    at: Option<Hash>,
) -> Vec<(&'static str, Vec<Value>, Value)> {
    let lock: u64 = Decode::decode(
        &mut &state_call(
            client,
            "SubnetRegistrationRuntimeApi_get_network_registration_cost",
            &[],
            at,
        )
        .await[..],
    )
    .expect("u64");
    let prune: Option<u16> = Decode::decode(
        &mut &state_call(client, "SubnetInfoRuntimeApi_get_subnet_to_prune", &[], at).await[..],
    )
    .expect("Option<u16>");
    let price: u64 = Decode::decode(
        &mut &state_call(
            client,
            "SwapRuntimeApi_current_alpha_price",
            &NETUID.encode(),
            at,
        )
        .await[..],
    )
    .expect("u64");
    let prices: Vec<(u16, u64)> = Decode::decode(
        &mut &state_call(client, "SwapRuntimeApi_current_alpha_price_all", &[], at).await[..],
    )
    .expect("prices");
    let prices: Vec<Value> = prices
        .into_iter()
        .map(|(netuid, price)| json!({"netuid": netuid, "price": price}))
        .collect();
    vec![
        ("subnetInfo_getLockCost", vec![], json!(lock)),
        ("subnetInfo_getSubnetToPrune", vec![], json!(prune)),
        ("swap_currentAlphaPrice", vec![json!(NETUID)], json!(price)),
        ("swap_currentAlphaPriceAll", vec![], json!(prices)),
    ]
}

/// `state_call(api, input)` at `at` (the best block if `None`), as bytes.
async fn state_call<C: ClientT>(client: &C, api: &str, input: &[u8], at: Option<Hash>) -> Vec<u8> {
    let answer: String = client
        .request("state_call", rpc_params![api, hex(input), at])
        .await
        .unwrap_or_else(|e| panic!("state_call {api}: {e}"));
    unhex(&answer)
}

/// `params`, then `at` if given, as positional parameters.
fn positional(params: &[Value], at: Option<Hash>) -> ArrayParams {
    let mut array = ArrayParams::new();
    for value in params {
        array.insert(value).expect("param");
    }
    if let Some(at) = at {
        array.insert(at).expect("param");
    }
    array
}

/// Checks every method against `state_call` at `at` (the best block if `None`); returns
/// the byte answers by method.
async fn agree_with_state_call<C: ClientT>(
    client: &C,
    at: Option<Hash>,
) -> BTreeMap<&'static str, Vec<u8>> {
    let mut answers = BTreeMap::new();
    for case in byte_cases() {
        let expected = state_call(client, case.api, &case.input, at).await;
        let answer: Vec<u8> = client
            .request(case.method, positional(&case.params, at))
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", case.method));
        assert_eq!(answer, expected, "{} at {at:?}", case.method);
        answers.insert(case.method, answer);
    }
    for (method, params, expected) in typed_cases(client, at).await {
        let answer: Value = client
            .request(method, positional(&params, at))
            .await
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        assert_eq!(answer, expected, "{method} at {at:?}");
    }
    answers
}

/// The names of subtensor's methods `rpc_methods` lists.
async fn listed<C: ClientT>(client: &C) -> BTreeSet<String> {
    let listed: Value = client.request("rpc_methods", rpc_params![]).await.unwrap();
    serde_json::from_value::<Vec<String>>(listed["methods"].clone())
        .unwrap()
        .into_iter()
        .filter(|m| PREFIXES.iter().any(|p| m.starts_with(p)))
        .collect()
}

/// Every method the cases cover.
fn covered() -> BTreeSet<String> {
    byte_cases()
        .iter()
        .map(|c| c.method.to_owned())
        .chain(
            [
                "subnetInfo_getLockCost",
                "subnetInfo_getSubnetToPrune",
                "swap_currentAlphaPrice",
                "swap_currentAlphaPriceAll",
            ]
            .map(String::from),
        )
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subtensor_methods_answer_what_state_call_answers() {
    let node = Node::start().await;
    let genesis = node.genesis();
    let mut nonces = BTreeMap::new();
    let [first, second, third] = transactions();
    let subnet_block = node.produce(sign_all(first, &mut nonces, genesis));
    node.produce(sign_all(second, &mut nonces, genesis));
    node.produce(sign_all(third, &mut nonces, genesis));
    let ws = node.ws().await;

    // Listed: exactly the 31 methods of subtensor's node, every one covered below.
    let listed = listed(&ws).await;
    assert_eq!(listed.len(), 31, "{listed:?}");
    assert_eq!(listed, covered());

    // At the best block, every answer is state_call's, and the state is what the
    // transactions made.
    let now = agree_with_state_call(&ws, None).await;
    let neurons =
        Vec::<NeuronInfoLite<AccountId32>>::decode(&mut &now["neuronInfo_getNeuronsLite"][..])
            .expect("neurons lite");
    let keys: Vec<_> = neurons
        .iter()
        .map(|n| (n.uid.0, n.hotkey.clone(), n.coldkey.clone(), n.netuid.0))
        .collect();
    assert_eq!(
        keys,
        vec![
            (0, account(Charlie), account(Alice), NETUID),
            (1, account(Dave), account(Bob), NETUID)
        ]
    );
    assert!(neurons[0]
        .stake
        .iter()
        .any(|(coldkey, stake)| *coldkey == account(Alice) && stake.0 >= STAKE));
    assert_eq!(
        (neurons[1].axon_info.ip, neurons[1].axon_info.port),
        (AXON_IP, AXON_PORT)
    );
    let dave =
        Option::<NeuronInfoLite<AccountId32>>::decode(&mut &now["neuronInfo_getNeuronLite"][..])
            .expect("neuron lite")
            .expect("uid 1");
    assert_eq!(dave, neurons[1]);
    let charlie = Option::<NeuronInfo<AccountId32>>::decode(&mut &now["neuronInfo_getNeuron"][..])
        .expect("neuron")
        .expect("uid 0");
    assert_eq!(charlie.hotkey, account(Charlie));
    let delegate =
        Option::<DelegateInfo<AccountId32>>::decode(&mut &now["delegateInfo_getDelegate"][..])
            .expect("delegate")
            .expect("Charlie is a delegate");
    assert_eq!(
        (
            delegate.delegate_ss58.clone(),
            delegate.owner_ss58.clone(),
            delegate.take.0
        ),
        (account(Charlie), account(Alice), TAKE)
    );
    let delegates =
        Vec::<DelegateInfo<AccountId32>>::decode(&mut &now["delegateInfo_getDelegates"][..])
            .expect("delegates");
    assert_eq!(delegates.len(), 1);
    let delegated = Vec::<DelegatedStake>::decode(&mut &now["delegateInfo_getDelegated"][..])
        .expect("delegated");
    assert!(delegated.iter().any(
        |(info, (netuid, stake))| info.delegate_ss58 == account(Charlie)
            && netuid.0 == NETUID
            && stake.0 >= STAKE
    ));
    assert_eq!(now["subnetInfo_getSubnetInfo"][0], 1, "Some(subnet info)");

    // At the block that only registered the subnet, and at genesis, the answers are those
    // of that state, which differ.
    let then = agree_with_state_call(&ws, Some(subnet_block)).await;
    let neurons =
        Vec::<NeuronInfoLite<AccountId32>>::decode(&mut &then["neuronInfo_getNeuronsLite"][..])
            .expect("neurons lite");
    assert_eq!(neurons.len(), 1);
    assert_eq!(
        then["delegateInfo_getDelegate"],
        vec![0],
        "not yet a delegate"
    );
    let before = agree_with_state_call(&ws, Some(genesis)).await;
    assert_eq!(before["neuronInfo_getNeuronsLite"], vec![0], "no neurons");
    assert_eq!(before["subnetInfo_getSubnetInfo"], vec![0], "no subnet");

    // Parameters by name, as jsonrpsee's generated servers take them.
    let mut named = jsonrpsee::core::params::ObjectParams::new();
    named.insert("uid", 1).unwrap();
    named.insert("netuid", NETUID).unwrap();
    named.insert("at", subnet_block).unwrap();
    let answer: Vec<u8> = ws.request("neuronInfo_getNeuronLite", named).await.unwrap();
    assert_eq!(answer, vec![0], "uid 1 did not exist yet");
    let mut named = jsonrpsee::core::params::ObjectParams::new();
    named.insert("netuid", NETUID).unwrap();
    named.insert("mecid", 0).unwrap();
    named.insert("metagraph_index", [0, 1]).unwrap();
    let answer: Vec<u8> = ws
        .request("subnetInfo_getSelectiveMechagraph", named)
        .await
        .unwrap();
    let expected = state_call(
        &ws,
        "SubnetInfoRuntimeApi_get_selective_mechagraph",
        &(NETUID, 0u8, vec![0u16, 1]).encode(),
        None,
    )
    .await;
    assert_eq!(answer, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subtensor_methods_refuse_bad_parameters_and_unknown_blocks() {
    let node = Node::start().await;
    let ws = node.ws().await;
    let too_many: Vec<u16> = vec![0; 1025];
    let short: Vec<u8> = vec![1; 31];
    let bad: Vec<(&str, Vec<Value>)> = vec![
        ("neuronInfo_getNeuronsLite", vec![]),
        ("neuronInfo_getNeuronsLite", vec![json!("1")]),
        ("neuronInfo_getNeuronsLite", vec![json!(65_536)]),
        ("neuronInfo_getNeuronsLite", vec![json!(-1)]),
        ("neuronInfo_getNeuronsLite", vec![json!(1), json!("0x12")]),
        ("neuronInfo_getNeuron", vec![json!(1)]),
        ("neuronInfo_getNeuron", vec![json!(1), json!(70_000)]),
        ("subnetInfo_getMechagraph", vec![json!(1), json!(256)]),
        (
            "subnetInfo_getSelectiveMetagraph",
            vec![json!(1), json!(too_many)],
        ),
        (
            "subnetInfo_getSelectiveMetagraph",
            vec![json!(1), json!("0x0001")],
        ),
        ("delegateInfo_getDelegate", vec![json!(short)]),
        (
            "delegateInfo_getDelegate",
            vec![json!(account(Alice).to_ss58check())],
        ),
        ("delegateInfo_getDelegated", vec![json!([300])]),
        (
            "stakeInfo_getColdkeyLock",
            vec![json!("not an address"), json!(1)],
        ),
        (
            "subnetInfo_getColdkeyAutoStakeHotkey",
            vec![bytes_of(Alice), json!(1)],
        ),
        ("swap_simSwapTaoForAlpha", vec![json!(1), json!(-1)]),
        ("swap_simSwapTaoForAlpha", vec![json!(1), json!(1.5)]),
    ];
    for (method, params) in bad {
        let (code, message, data) = call_error(
            ws.request::<Value, _>(method, positional(&params, None))
                .await,
        );
        assert_eq!(
            (code, message.as_str()),
            (-32602, "Invalid params"),
            "{method} {params:?}: {data:?}"
        );
    }
    let (code, _, _) = call_error(
        ws.request::<Value, _>("neuronInfo_getNeuronsLite", jsonrpsee::rpc_params![])
            .await,
    );
    assert_eq!(code, -32602, "netuid is required");

    // An unknown block: subtensor's error 1, with the reason.
    let unknown = Hash::repeat_byte(0xab);
    let (code, message, _) = call_error(
        ws.request::<Value, _>("neuronInfo_getNeuronsLite", rpc_params![1, unknown])
            .await,
    );
    assert_eq!(code, 1);
    assert!(
        message.starts_with("Unable to get neurons lite info: UnknownBlock"),
        "{message}"
    );
    let (code, message, _) = call_error(
        ws.request::<Value, _>("subnetInfo_getLockCost", rpc_params![unknown])
            .await,
    );
    assert_eq!(code, 1);
    assert!(
        message.starts_with("Unable to get subnet lock cost: "),
        "{message}"
    );

    // Nothing registered: empty and absent answers, not errors.
    let neurons: Vec<u8> = ws
        .request("neuronInfo_getNeuronsLite", rpc_params![65_535])
        .await
        .unwrap();
    assert_eq!(neurons, vec![0]);
    let neuron: Vec<u8> = ws
        .request("neuronInfo_getNeuron", rpc_params![1, 65_535])
        .await
        .unwrap();
    assert_eq!(neuron, vec![0]);
    let prune: Value = ws
        .request("subnetInfo_getSubnetToPrune", rpc_params![])
        .await
        .unwrap();
    assert_eq!(prune, Value::Null);
}

/// The real binary: a fast development chain, the transactions submitted over RPC, and
/// the methods listed and agreeing with `state_call` once they are in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_subtensor_methods() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = support::fast_spec(dir.path(), "dev", 1000);
    let node =
        support::Node::start(&["--chain", spec.to_str().expect("utf-8"), "--alice", "--tmp"]);
    let client = node.client();
    assert_eq!(listed(&client).await, covered());

    let genesis = support::genesis_hash(&client).await;
    let mut nonces = BTreeMap::new();
    for calls in transactions() {
        for xt in sign_all(calls, &mut nonces, genesis) {
            let _: String = client
                .request("author_submitExtrinsic", rpc_params![hex(&xt.encode())])
                .await
                .expect("accepted");
        }
        // Each batch in its own block: each needs the state the one before made.
        let submitted = support::best_number(&client).await;
        support::wait_for(Duration::from_secs(30), "the batch in a block", || async {
            let pending: Vec<String> = client
                .request("author_pendingExtrinsics", rpc_params![])
                .await
                .expect("pending");
            pending.is_empty() && support::best_number(&client).await > submitted
        })
        .await;
    }
    let now = agree_with_state_call(&client, None).await;
    let neurons =
        Vec::<NeuronInfoLite<AccountId32>>::decode(&mut &now["neuronInfo_getNeuronsLite"][..])
            .expect("neurons lite");
    assert_eq!(neurons.len(), 2, "{}", node.log());
}
