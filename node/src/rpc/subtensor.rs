//! Subtensor's custom methods (`delegateInfo_*`, `neuronInfo_*`, `subnetInfo_*`,
//! `stakeInfo_*`, `swap_*`), served next to Substrate's so that explorers and older
//! Bittensor tools get from taonet the answers subtensor's node gives, under its names,
//! parameter names and order, and answer shapes.
//!
//! Each method is a thin wrapper over one of the runtime APIs of
//! `subtensor-custom-rpc-runtime-api`, called exactly as `state_call` calls it (the same
//! `at` resolution, blocking pool and executor): the parameters before `at` are
//! SCALE-encoded in order as the API's arguments, and the answer is, as in subtensor, the
//! runtime's SCALE bytes as a JSON array of numbers (`[4, 1, 0, …]`), except for the few
//! methods that answer a number, `null` or objects. So `neuronInfo_getNeuronsLite(1)`
//! answers the bytes of `state_call("NeuronInfoRuntimeApi_get_neurons_lite", "0x0100")`.
//!
//! Parameters are read strictly: a malformed or missing one is `-32602 Invalid params`
//! (subtensor answers code 1 for an account array that does not decode, and ignores the
//! bytes past the 32nd). A failing call, an unknown `at` block included, is subtensor's
//! `1 "Unable to get …: <reason>"`.

use codec::{DecodeAll, Encode};
use jsonrpsee::types::ErrorObjectOwned;
use serde::Serialize;

use super::errors::subtensor_error;
use super::params::{invalid_params, AccountBytes, AccountParam, Args};
use super::register::{Registrar, Safety};
use super::state::at;
use super::{Ctx, RpcError};
use crate::chain::ChainError;
use Param::{Account, AccountArray, Indexes, MechId, NetUid, Rao, Uid};

/// Most metagraph field indexes one `subnetInfo_getSelective*` call takes: far more than
/// the 74 fields a selective metagraph has (a list may repeat some), far fewer than a
/// request could carry.
pub const MAX_METAGRAPH_INDEXES: usize = 1024;

/// One parameter before `at`: how it is read from JSON, and its SCALE type as the runtime
/// API's argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Param {
    /// A subnet (subtensor's `NetUid`): a JSON number, `u16`.
    NetUid,
    /// A neuron's uid on a subnet: a JSON number, `u16`.
    Uid,
    /// A mechanism of a subnet (subtensor's `MechId`): a JSON number, `u8`.
    MechId,
    /// An account as subtensor's `Vec<u8>` parameters take it: a JSON array of its 32
    /// bytes.
    AccountArray,
    /// An account as subtensor's `AccountId32` parameters take it: an SS58 string (or,
    /// here also, `0x`-prefixed hex).
    Account,
    /// Metagraph field indexes: a JSON array of at most [`MAX_METAGRAPH_INDEXES`] `u16`.
    Indexes,
    /// An amount in rao: a JSON number, `u64`.
    Rao,
}

impl Param {
    /// Reads parameter `index` of `args` as this kind and appends its SCALE encoding to
    /// `input`.
    fn encode(
        self,
        args: &Args,
        index: usize,
        input: &mut Vec<u8>,
    ) -> Result<(), ErrorObjectOwned> {
        match self {
            Param::NetUid | Param::Uid => args.req::<u16>(index)?.encode_to(input),
            Param::MechId => args.req::<u8>(index)?.encode_to(input),
            Param::AccountArray => args.req::<AccountBytes>(index)?.0.encode_to(input),
            Param::Account => args.req::<AccountParam>(index)?.0.encode_to(input),
            Param::Indexes => {
                let indexes: Vec<u16> = args.req(index)?;
                if indexes.len() > MAX_METAGRAPH_INDEXES {
                    return Err(invalid_params(format!(
                        "at most {MAX_METAGRAPH_INDEXES} metagraph indexes, got {}",
                        indexes.len()
                    )));
                }
                indexes.encode_to(input)
            }
            Param::Rao => args.req::<u64>(index)?.encode_to(input),
        }
        Ok(())
    }
}

/// How a method answers with the runtime's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// The SCALE bytes as they are (subtensor's `Vec<u8>` answers).
    Bytes,
    /// A `u64` (rao, or rao per alpha) as a JSON number.
    Number,
    /// An `Option<NetUid>` as a JSON number or `null`.
    MaybeNetUid,
    /// A `Vec<SubnetPrice>` as JSON objects `{"netuid": 1, "price": 1000000000}`.
    Prices,
}

/// A method's answer, serialized straight into the response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum Answer {
    /// A JSON array of numbers.
    Bytes(Vec<u8>),
    /// A JSON number.
    Number(u64),
    /// A JSON number or `null`.
    MaybeNetUid(Option<u16>),
    /// JSON objects.
    Prices(Vec<SubnetPrice>),
}

/// A subnet's price as subtensor's `swap_currentAlphaPriceAll` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct SubnetPrice {
    /// The subnet.
    netuid: u16,
    /// Rao of TAO per whole alpha.
    price: u64,
}

/// One method: its name and parameters, the runtime API method it wraps, subtensor's
/// words for its failure, and the shape of its answer.
#[derive(Debug)]
struct Method {
    /// The JSON-RPC method name.
    name: &'static str,
    /// The parameter names, in order (for calls by name); `at` is always last.
    params: &'static [&'static str],
    /// The parameters before `at`, in order.
    inputs: &'static [Param],
    /// The runtime API method (`<Trait>_<method>`, as `state_call` names it).
    api: &'static str,
    /// Subtensor's message for a failed call, before the reason.
    failure: &'static str,
    /// How the answer is shaped.
    shape: Shape,
}

/// Shorthand for the table below.
const fn method(
    name: &'static str,
    params: &'static [&'static str],
    inputs: &'static [Param],
    api: &'static str,
    failure: &'static str,
    shape: Shape,
) -> Method {
    Method {
        name,
        params,
        inputs,
        api,
        failure,
        shape,
    }
}

/// Every method subtensor's node serves from its `SubtensorCustomApi` and `SwapRpcApi`,
/// with its parameter names.
const METHODS: &[Method] = &[
    method(
        "delegateInfo_getDelegates",
        &["at"],
        &[],
        "DelegateInfoRuntimeApi_get_delegates",
        "Unable to get delegates info",
        Shape::Bytes,
    ),
    method(
        "delegateInfo_getDelegate",
        &["delegate_account_vec", "at"],
        &[AccountArray],
        "DelegateInfoRuntimeApi_get_delegate",
        "Unable to get delegates info",
        Shape::Bytes,
    ),
    method(
        "delegateInfo_getDelegated",
        &["delegatee_account_vec", "at"],
        &[AccountArray],
        "DelegateInfoRuntimeApi_get_delegated",
        "Unable to get delegates info",
        Shape::Bytes,
    ),
    method(
        "neuronInfo_getNeuronsLite",
        &["netuid", "at"],
        &[NetUid],
        "NeuronInfoRuntimeApi_get_neurons_lite",
        "Unable to get neurons lite info",
        Shape::Bytes,
    ),
    method(
        "neuronInfo_getNeuronLite",
        &["netuid", "uid", "at"],
        &[NetUid, Uid],
        "NeuronInfoRuntimeApi_get_neuron_lite",
        "Unable to get neurons lite info",
        Shape::Bytes,
    ),
    method(
        "neuronInfo_getNeurons",
        &["netuid", "at"],
        &[NetUid],
        "NeuronInfoRuntimeApi_get_neurons",
        "Unable to get neurons info",
        Shape::Bytes,
    ),
    method(
        "neuronInfo_getNeuron",
        &["netuid", "uid", "at"],
        &[NetUid, Uid],
        "NeuronInfoRuntimeApi_get_neuron",
        "Unable to get neuron info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getSubnetInfo",
        &["netuid", "at"],
        &[NetUid],
        "SubnetInfoRuntimeApi_get_subnet_info",
        "Unable to get subnet info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getSubnetsInfo",
        &["at"],
        &[],
        "SubnetInfoRuntimeApi_get_subnets_info",
        "Unable to get subnets info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getSubnetInfo_v2",
        &["netuid", "at"],
        &[NetUid],
        "SubnetInfoRuntimeApi_get_subnet_info_v2",
        "Unable to get subnet info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getSubnetsInfo_v2",
        &["at"],
        &[],
        "SubnetInfoRuntimeApi_get_subnets_info_v2",
        "Unable to get subnets info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getSubnetHyperparams",
        &["netuid", "at"],
        &[NetUid],
        "SubnetInfoRuntimeApi_get_subnet_hyperparams",
        "Unable to get subnet info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getSubnetHyperparamsV2",
        &["netuid", "at"],
        &[NetUid],
        "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2",
        "Unable to get subnet info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getAllDynamicInfo",
        &["at"],
        &[],
        "SubnetInfoRuntimeApi_get_all_dynamic_info",
        "Unable to get dynamic subnets info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getDynamicInfo",
        &["netuid", "at"],
        &[NetUid],
        "SubnetInfoRuntimeApi_get_dynamic_info",
        "Unable to get dynamic subnets info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getAllMetagraphs",
        &["at"],
        &[],
        "SubnetInfoRuntimeApi_get_all_metagraphs",
        "Unable to get metagraphs",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getMetagraph",
        &["netuid", "at"],
        &[NetUid],
        "SubnetInfoRuntimeApi_get_metagraph",
        "Unable to get dynamic subnets info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getAllMechagraphs",
        &["at"],
        &[],
        "SubnetInfoRuntimeApi_get_all_mechagraphs",
        "Unable to get metagraphs",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getMechagraph",
        &["netuid", "mecid", "at"],
        &[NetUid, MechId],
        "SubnetInfoRuntimeApi_get_mechagraph",
        "Unable to get dynamic subnets info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getSubnetState",
        &["netuid", "at"],
        &[NetUid],
        "SubnetInfoRuntimeApi_get_subnet_state",
        "Unable to get subnet state info",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getLockCost",
        &["at"],
        &[],
        "SubnetRegistrationRuntimeApi_get_network_registration_cost",
        "Unable to get subnet lock cost",
        Shape::Number,
    ),
    method(
        "subnetInfo_getSelectiveMetagraph",
        &["netuid", "metagraph_index", "at"],
        &[NetUid, Indexes],
        "SubnetInfoRuntimeApi_get_selective_metagraph",
        "Unable to get selective metagraph",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getColdkeyAutoStakeHotkey",
        &["coldkey", "netuid", "at"],
        &[Account, NetUid],
        "SubnetInfoRuntimeApi_get_coldkey_auto_stake_hotkey",
        "Unable to get coldkey auto stake hotkey",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getSelectiveMechagraph",
        &["netuid", "mecid", "metagraph_index", "at"],
        &[NetUid, MechId, Indexes],
        "SubnetInfoRuntimeApi_get_selective_mechagraph",
        "Unable to get selective metagraph",
        Shape::Bytes,
    ),
    method(
        "subnetInfo_getSubnetToPrune",
        &["at"],
        &[],
        "SubnetInfoRuntimeApi_get_subnet_to_prune",
        "Unable to get subnet to prune",
        Shape::MaybeNetUid,
    ),
    method(
        "subnetInfo_getSubnetAccountId",
        &["netuid", "at"],
        &[NetUid],
        "SubnetInfoRuntimeApi_get_subnet_account_id",
        "Unable to get subnet account id",
        Shape::Bytes,
    ),
    method(
        "stakeInfo_getColdkeyLock",
        &["coldkey", "netuid", "at"],
        &[Account, NetUid],
        "StakeInfoRuntimeApi_get_coldkey_lock",
        "Unable to get coldkey lock",
        Shape::Bytes,
    ),
    method(
        "swap_currentAlphaPrice",
        &["netuid", "at"],
        &[NetUid],
        "SwapRuntimeApi_current_alpha_price",
        "Unable to get current alpha price",
        Shape::Number,
    ),
    method(
        "swap_currentAlphaPriceAll",
        &["at"],
        &[],
        "SwapRuntimeApi_current_alpha_price_all",
        "Unable to get all current alpha prices",
        Shape::Prices,
    ),
    method(
        "swap_simSwapTaoForAlpha",
        &["netuid", "tao", "at"],
        &[NetUid, Rao],
        "SwapRuntimeApi_sim_swap_tao_for_alpha",
        "Unable to simulate tao -> alpha swap",
        Shape::Bytes,
    ),
    method(
        "swap_simSwapAlphaForTao",
        &["netuid", "alpha", "at"],
        &[NetUid, Rao],
        "SwapRuntimeApi_sim_swap_alpha_for_tao",
        "Unable to simulate alpha -> tao swap",
        Shape::Bytes,
    ),
];

/// Registers every method of [`METHODS`].
pub(crate) fn register(r: &mut Registrar<'_>) -> Result<(), RpcError> {
    for method in METHODS {
        r.typed_method(
            method.name,
            method.params,
            Safety::Safe,
            move |ctx, args| serve(method, ctx, args),
        )?;
    }
    Ok(())
}

/// Reads `method`'s parameters, calls its runtime API at `at` (the best block when left
/// out) and shapes the answer.
fn serve(method: &'static Method, ctx: &Ctx, args: &Args) -> Result<Answer, ErrorObjectOwned> {
    let mut input = Vec::new();
    for (index, param) in method.inputs.iter().enumerate() {
        param.encode(args, index, &mut input)?;
    }
    let at = at(ctx, args, method.inputs.len())?;
    let output = ctx
        .client
        .call(&at, method.api, &input)
        .map_err(|e| subtensor_error(method.failure, &e))?;
    shape(method.shape, output).map_err(|error| {
        subtensor_error(
            method.failure,
            &ChainError::BadAnswer {
                method: method.api,
                error,
            },
        )
    })
}

/// The answer of shape `shape` from the runtime's `output`, which must decode whole.
fn shape(shape: Shape, output: Vec<u8>) -> Result<Answer, codec::Error> {
    Ok(match shape {
        Shape::Bytes => Answer::Bytes(output),
        Shape::Number => Answer::Number(u64::decode_all(&mut &output[..])?),
        Shape::MaybeNetUid => Answer::MaybeNetUid(Option::<u16>::decode_all(&mut &output[..])?),
        Shape::Prices => Answer::Prices(
            Vec::<(u16, u64)>::decode_all(&mut &output[..])?
                .into_iter()
                .map(|(netuid, price)| SubnetPrice { netuid, price })
                .collect(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use jsonrpsee::types::error::INVALID_PARAMS_CODE;
    use jsonrpsee::types::Params;
    use sp_core::crypto::Ss58Codec;
    use sp_keyring::Sr25519Keyring;

    use super::*;

    /// A JSON value of each parameter kind.
    fn sample(param: Param) -> String {
        let alice = Sr25519Keyring::Alice.to_account_id();
        let raw: &[u8] = alice.as_ref();
        match param {
            NetUid => "1".into(),
            Uid | MechId => "0".into(),
            AccountArray => serde_json::to_string(raw).expect("json"),
            Account => format!("\"{}\"", alice.to_ss58check()),
            Indexes => "[0, 1, 73, 500]".into(),
            Rao => "1000000000".into(),
        }
    }

    /// `method`'s SCALE input for `json` parameters.
    fn input(method: &'static Method, json: &str) -> Result<Vec<u8>, ErrorObjectOwned> {
        let args = Args::parse(&Params::new(Some(json)), method.params)?;
        let mut input = Vec::new();
        for (index, param) in method.inputs.iter().enumerate() {
            param.encode(&args, index, &mut input)?;
        }
        Ok(input)
    }

    fn by_name(name: &str) -> &'static Method {
        METHODS.iter().find(|m| m.name == name).expect("listed")
    }

    #[test]
    fn every_method_is_listed_once_with_at_last() {
        let mut names = BTreeSet::new();
        for method in METHODS {
            assert!(names.insert(method.name), "{} twice", method.name);
            assert_eq!(
                method.params.len(),
                method.inputs.len() + 1,
                "{}",
                method.name
            );
            assert_eq!(method.params.last(), Some(&"at"), "{}", method.name);
        }
        assert_eq!(METHODS.len(), 31);
    }

    #[test]
    fn every_method_reaches_its_runtime_api_and_shapes_its_answer() {
        let storage = crate::chain_spec::ChainSpec::development()
            .and_then(|spec| spec.build_storage())
            .expect("development genesis");
        let (state, _) = crate::executor::genesis_from_storage(storage).expect("genesis");
        for method in METHODS {
            let values: Vec<String> = method.inputs.iter().map(|p| sample(*p)).collect();
            let json = format!("[{}]", values.join(", "));
            let input = input(method, &json).expect(method.name);
            let output = crate::executor::call(&state, method.api, &input)
                .unwrap_or_else(|e| panic!("{}: {e}", method.api));
            let answer = shape(method.shape, output.clone()).expect(method.api);
            if method.shape == Shape::Bytes {
                assert_eq!(answer, Answer::Bytes(output));
            }
        }
        // No subnet at genesis: nothing to prune, no prices, and a lock cost.
        let call = |name: &str| {
            let method = by_name(name);
            let output = crate::executor::call(&state, method.api, &[]).expect("call");
            shape(method.shape, output).expect("shape")
        };
        assert_eq!(
            call("subnetInfo_getSubnetToPrune"),
            Answer::MaybeNetUid(None)
        );
        assert_eq!(
            call("swap_currentAlphaPriceAll"),
            Answer::Prices(Vec::new())
        );
        assert!(matches!(call("subnetInfo_getLockCost"), Answer::Number(n) if n > 0));
    }

    #[test]
    fn inputs_are_scale_in_order() {
        let alice = Sr25519Keyring::Alice.to_account_id();
        let method = by_name("subnetInfo_getSelectiveMechagraph");
        assert_eq!(
            input(method, "[258, 3, [1, 65535]]").unwrap(),
            (258u16, 3u8, vec![1u16, 65535]).encode()
        );
        assert_eq!(
            input(
                method,
                r#"{"metagraph_index": [], "mecid": 1, "netuid": 2}"#
            )
            .unwrap(),
            (2u16, 1u8, Vec::<u16>::new()).encode()
        );
        let method = by_name("stakeInfo_getColdkeyLock");
        let json = format!("[{}, 7]", sample(Account));
        assert_eq!(
            input(method, &json).unwrap(),
            (alice.clone(), 7u16).encode()
        );
        let method = by_name("delegateInfo_getDelegate");
        let json = format!("[{}]", sample(AccountArray));
        assert_eq!(input(method, &json).unwrap(), alice.encode());
        let method = by_name("swap_simSwapTaoForAlpha");
        assert_eq!(
            input(method, "[1, 18446744073709551615]").unwrap(),
            (1u16, u64::MAX).encode()
        );
    }

    #[test]
    fn bad_parameters_are_invalid_params() {
        let too_many = format!("[1, {:?}]", vec![0u16; MAX_METAGRAPH_INDEXES + 1]);
        let just_enough = format!("[1, {:?}]", vec![0u16; MAX_METAGRAPH_INDEXES]);
        let selective = by_name("subnetInfo_getSelectiveMetagraph");
        assert!(input(selective, &just_enough).is_ok());
        let bad = [
            ("neuronInfo_getNeuronsLite", "[]"),
            ("neuronInfo_getNeuronsLite", "[65536]"),
            ("neuronInfo_getNeuronsLite", "[-1]"),
            ("neuronInfo_getNeuronsLite", r#"["1"]"#),
            ("neuronInfo_getNeuronsLite", "[1.5]"),
            ("neuronInfo_getNeuronsLite", r#"{"net": 1}"#),
            ("neuronInfo_getNeuron", "[1]"),
            ("neuronInfo_getNeuron", "[1, 70000]"),
            ("subnetInfo_getMechagraph", "[1, 256]"),
            ("subnetInfo_getSelectiveMetagraph", "[1, [70000]]"),
            ("subnetInfo_getSelectiveMetagraph", "[1, 5]"),
            ("subnetInfo_getSelectiveMetagraph", &too_many),
            ("delegateInfo_getDelegate", "[[1, 2, 3]]"),
            ("delegateInfo_getDelegate", r#"["0x00"]"#),
            ("delegateInfo_getDelegated", "[[256]]"),
            ("stakeInfo_getColdkeyLock", r#"["5Grw", 1]"#),
            ("stakeInfo_getColdkeyLock", "[[0], 1]"),
            ("swap_simSwapAlphaForTao", "[1, -5]"),
            ("swap_simSwapAlphaForTao", "[1, 18446744073709551616]"),
        ];
        for (name, json) in bad {
            let error = input(by_name(name), json).expect_err(json);
            assert_eq!(error.code(), INVALID_PARAMS_CODE, "{name} {json}");
        }
    }

    #[test]
    fn answers_that_do_not_decode_whole_are_refused() {
        assert!(shape(Shape::Number, vec![1, 2, 3]).is_err());
        assert!(shape(Shape::Number, vec![0; 9]).is_err());
        assert!(shape(Shape::MaybeNetUid, vec![2]).is_err());
        assert!(shape(Shape::Prices, vec![4, 1, 0]).is_err());
        assert_eq!(
            shape(Shape::MaybeNetUid, vec![1, 3, 0]).unwrap(),
            Answer::MaybeNetUid(Some(3))
        );
        let prices = shape(Shape::Prices, vec![(5u16, 7u64)].encode()).unwrap();
        assert_eq!(
            serde_json::to_value(prices).unwrap(),
            serde_json::json!([{"netuid": 5, "price": 7}])
        );
        assert_eq!(
            serde_json::to_value(Answer::Bytes(vec![0, 255])).unwrap(),
            serde_json::json!([0, 255])
        );
        assert_eq!(
            serde_json::to_value(Answer::MaybeNetUid(None)).unwrap(),
            serde_json::Value::Null
        );
    }
}
