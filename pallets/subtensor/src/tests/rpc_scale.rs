//! SCALE layouts of the runtime-API structures, pinned to subtensor's definitions
//! (`pallets/subtensor/src/rpc_info/*.rs` and `pallets/swap/runtime-api/src/lib.rs` of
//! subtensor): each structure is encoded with chosen values and compared with bytes
//! derived by hand from subtensor's field order, types and `Compact` wrappers, then decoded
//! back; and its field names, which Bittensor's SDK reads the answers by, are compared
//! with subtensor's.
//!
//! SCALE reminders for the derivations: `Compact(v)` is `v << 2` in one byte for v < 64,
//! `(v << 2) | 1` in two little-endian bytes for v < 2^14, `(v << 2) | 2` in four for
//! v < 2^30, else a byte `((len − 4) << 2) | 3` and the `len` bytes of v; a `Vec` is its
//! compact length then its items; `Option` is `00`, or `01` then the value; `bool` is one
//! byte; integers and fixed-point `bits` are little-endian; an account is its 32 bytes.
//! Values are chosen distinct per field, and below 2^16 where a field is compact, so a
//! reordered field or a lost `Compact` changes the bytes.

use alloc::collections::btree_map::BTreeMap;
use core::fmt::Debug;

use codec::{Compact, Decode, Encode};
use scale_info::{TypeDef, TypeInfo};
use sp_runtime::AccountId32;
use substrate_fixed::types::{I32F32, I96F32, U64F64};

use crate::identity::{ChainIdentityV2, SubnetIdentityV3};
use crate::mock::account;
use crate::rpc_info::delegate_info::DelegateInfo;
use crate::rpc_info::dynamic_info::DynamicInfo;
use crate::rpc_info::metagraph::{Metagraph, SelectiveMetagraph};
use crate::rpc_info::neuron_info::{NeuronInfo, NeuronInfoLite};
use crate::rpc_info::show_subnet::SubnetState;
use crate::rpc_info::stake_info::{LockState, StakeAvailability, StakeInfo};
use crate::rpc_info::subnet_info::{
    HyperparamEntry, HyperparamValue, SubnetHyperparams, SubnetHyperparamsV2, SubnetInfo,
    SubnetInfov2,
};
use crate::rpc_info::swap::{SimSwapResult, SubnetPrice};
use crate::{AxonInfo, PrometheusInfo};

/// The 32 bytes of `account(n)`.
fn id(n: u8) -> Vec<u8> {
    vec![n; 32]
}

/// `value` encodes to `expected` and decodes from it.
fn pinned<S: Encode + Decode + PartialEq + Debug>(value: &S, expected: &[u8]) {
    assert_eq!(hex(&value.encode()), hex(expected));
    assert_eq!(&S::decode(&mut &expected[..]).expect("decodes"), value);
}

/// Bytes as spaced hex, so a failure shows where the layouts part.
fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field names of a struct's `TypeInfo`, in order.
fn field_names<S: TypeInfo + 'static>() -> Vec<&'static str> {
    match S::type_info().type_def {
        TypeDef::Composite(composite) => composite
            .fields
            .iter()
            .map(|field| field.name.expect("named field"))
            .collect(),
        other => panic!("not a struct: {other:?}"),
    }
}

fn axon() -> (AxonInfo, Vec<u8>) {
    let axon = AxonInfo {
        block: 5,
        version: 6,
        ip: 0x7f00_0001,
        port: 8091,
        ip_type: 4,
        protocol: 3,
        placeholder1: 1,
        placeholder2: 2,
    };
    let bytes = [
        &[5, 0, 0, 0, 0, 0, 0, 0][..],         // block: u64 5
        &[6, 0, 0, 0],                         // version: u32 6
        &[0x01, 0x00, 0x00, 0x7f, 0, 0, 0, 0], // ip: u128 0x7f000001, low half
        &[0, 0, 0, 0, 0, 0, 0, 0],             // ip: high half
        &[0x9b, 0x1f],                         // port: u16 8091 = 0x1f9b
        &[4, 3, 1, 2], // ip_type, protocol, placeholder1, placeholder2: u8 each
    ]
    .concat();
    (axon, bytes)
}

fn prometheus() -> (PrometheusInfo, Vec<u8>) {
    let prometheus = PrometheusInfo {
        block: 9,
        version: 10,
        ip: 0x0a00_0001,
        port: 9090,
        ip_type: 6,
    };
    let bytes = [
        &[9, 0, 0, 0, 0, 0, 0, 0][..],         // block: u64 9
        &[10, 0, 0, 0],                        // version: u32 10
        &[0x01, 0x00, 0x00, 0x0a, 0, 0, 0, 0], // ip: u128 0x0a000001, low half
        &[0, 0, 0, 0, 0, 0, 0, 0],             // ip: high half
        &[0x82, 0x23],                         // port: u16 9090 = 0x2382
        &[6],                                  // ip_type: u8 6
    ]
    .concat();
    (prometheus, bytes)
}

/// A `NeuronInfoLite` and, separately, the bytes of its fields before and after where
/// `NeuronInfo` puts weights and bonds (between `validator_permit` and `pruning_score`).
fn neuron_lite() -> (NeuronInfoLite<AccountId32>, Vec<u8>, Vec<u8>) {
    let (axon_info, axon_bytes) = axon();
    let (prometheus_info, prometheus_bytes) = prometheus();
    let lite = NeuronInfoLite {
        hotkey: account(1),
        coldkey: account(2),
        uid: Compact(7),
        netuid: Compact(3),
        active: true,
        axon_info,
        prometheus_info,
        stake: vec![(account(2), Compact(1_000_000_000))],
        rank: Compact(13),
        emission: Compact(100),
        incentive: Compact(11),
        consensus: Compact(12),
        trust: Compact(14),
        validator_trust: Compact(15),
        dividends: Compact(16),
        last_update: Compact(1_000),
        validator_permit: false,
        pruning_score: Compact(u16::MAX),
    };
    let head = [
        id(1),                        // hotkey
        id(2),                        // coldkey
        vec![0x1c],                   // uid: Compact(7) = 7 << 2
        vec![0x0c],                   // netuid: Compact(3)
        vec![0x01],                   // active: true
        axon_bytes,                   // axon_info
        prometheus_bytes,             // prometheus_info
        vec![0x04],                   // stake: one entry
        id(2),                        //   coldkey
        vec![0x02, 0x28, 0x6b, 0xee], // Compact(10^9): (10^9 << 2) | 2 = 0xee6b2802
        vec![0x34],                   // rank: Compact(13)
        vec![0x91, 0x01],             // emission: Compact(100): (100 << 2) | 1 = 0x0191
        vec![0x2c],                   // incentive: Compact(11)
        vec![0x30],                   // consensus: Compact(12)
        vec![0x38],                   // trust: Compact(14)
        vec![0x3c],                   // validator_trust: Compact(15)
        vec![0x40],                   // dividends: Compact(16)
        vec![0xa1, 0x0f],             // last_update: Compact(1000) = 0x0fa1
        vec![0x00],                   // validator_permit: false
    ]
    .concat();
    let tail = vec![0xfe, 0xff, 0x03, 0x00]; // pruning_score: Compact(65535) = 0x0003fffe
    (lite, head, tail)
}

#[test]
fn neuron_info_lite_layout() {
    let (lite, head, tail) = neuron_lite();
    pinned(&lite, &[head, tail].concat());
    assert_eq!(
        field_names::<NeuronInfoLite<AccountId32>>(),
        [
            "hotkey",
            "coldkey",
            "uid",
            "netuid",
            "active",
            "axon_info",
            "prometheus_info",
            "stake",
            "rank",
            "emission",
            "incentive",
            "consensus",
            "trust",
            "validator_trust",
            "dividends",
            "last_update",
            "validator_permit",
            "pruning_score"
        ]
    );
    assert_eq!(
        field_names::<AxonInfo>(),
        [
            "block",
            "version",
            "ip",
            "port",
            "ip_type",
            "protocol",
            "placeholder1",
            "placeholder2"
        ]
    );
    assert_eq!(
        field_names::<PrometheusInfo>(),
        ["block", "version", "ip", "port", "ip_type"]
    );
}

#[test]
fn neuron_info_layout() {
    let (lite, head, tail) = neuron_lite();
    let neuron = NeuronInfo {
        hotkey: lite.hotkey,
        coldkey: lite.coldkey,
        uid: lite.uid,
        netuid: lite.netuid,
        active: lite.active,
        axon_info: lite.axon_info,
        prometheus_info: lite.prometheus_info,
        stake: lite.stake,
        rank: lite.rank,
        emission: lite.emission,
        incentive: lite.incentive,
        consensus: lite.consensus,
        trust: lite.trust,
        validator_trust: lite.validator_trust,
        dividends: lite.dividends,
        last_update: lite.last_update,
        validator_permit: lite.validator_permit,
        weights: vec![(Compact(1), Compact(u16::MAX))],
        bonds: vec![(Compact(2), Compact(17))],
        pruning_score: lite.pruning_score,
    };
    let rows = [
        &[0x04, 0x04, 0xfe, 0xff, 0x03, 0x00][..], // weights: [(Compact(1), Compact(65535))]
        &[0x04, 0x08, 0x44],                       // bonds: [(Compact(2), Compact(17))]
    ]
    .concat();
    pinned(&neuron, &[head, rows, tail].concat());
    let names = field_names::<NeuronInfo<AccountId32>>();
    assert_eq!(
        names.get(16..19),
        Some(&["validator_permit", "weights", "bonds"][..])
    );
    assert_eq!(names.len(), 20);
    assert_eq!(names.last(), Some(&"pruning_score"));
}

#[test]
fn stake_info_layout() {
    let info = StakeInfo {
        hotkey: account(1),
        coldkey: account(2),
        netuid: Compact(3),
        stake: Compact(5_000_000_000),
        locked: Compact(1),
        emission: Compact(2),
        tao_emission: Compact(3),
        drain: Compact(4),
        is_registered: true,
    };
    let bytes = [
        id(1),      // hotkey
        id(2),      // coldkey
        vec![0x0c], // netuid: Compact(3)
        // stake: Compact(5·10^9) = 0x012a05f200 needs 5 bytes: ((5 − 4) << 2) | 3 = 0x07
        vec![0x07, 0x00, 0xf2, 0x05, 0x2a, 0x01],
        vec![0x04], // locked: Compact(1)
        vec![0x08], // emission: Compact(2)
        vec![0x0c], // tao_emission: Compact(3)
        vec![0x10], // drain: Compact(4)
        vec![0x01], // is_registered: true
    ]
    .concat();
    pinned(&info, &bytes);
    assert_eq!(
        field_names::<StakeInfo<AccountId32>>(),
        [
            "hotkey",
            "coldkey",
            "netuid",
            "stake",
            "locked",
            "emission",
            "tao_emission",
            "drain",
            "is_registered"
        ]
    );
}

#[test]
fn stake_availability_and_lock_state_layouts() {
    let availability = StakeAvailability {
        total: Compact(70),
        locked: Compact(0),
        available: Compact(63),
    };
    // total: Compact(70) = (70 << 2) | 1 = 0x0119; locked: Compact(0); available:
    // Compact(63) = 0xfc.
    pinned(&availability, &[0x19, 0x01, 0x00, 0xfc]);
    assert_eq!(
        field_names::<StakeAvailability>(),
        ["total", "locked", "available"]
    );

    // The runtime API's BTreeMap<AccountId, BTreeMap<NetUid, StakeAvailability>>.
    let map: BTreeMap<AccountId32, BTreeMap<u16, StakeAvailability>> =
        [(account(1), [(3u16, availability)].into_iter().collect())]
            .into_iter()
            .collect();
    let bytes = [
        vec![0x04],                   // one coldkey
        id(1),                        // its account
        vec![0x04],                   // one subnet
        vec![0x03, 0x00],             // netuid: u16 3 (a map key, not compact)
        vec![0x19, 0x01, 0x00, 0xfc], // its StakeAvailability
    ]
    .concat();
    pinned(&map, &bytes);

    let lock = LockState {
        locked_mass: 7,
        conviction: U64F64::from_bits(1 << 64),
        last_update: 9,
    };
    let bytes = [
        &[7, 0, 0, 0, 0, 0, 0, 0][..], // locked_mass: u64 7
        &[0, 0, 0, 0, 0, 0, 0, 0],     // conviction: U64F64 1.0, bits 1 << 64, low half
        &[1, 0, 0, 0, 0, 0, 0, 0],     //   high half
        &[9, 0, 0, 0, 0, 0, 0, 0],     // last_update: u64 9
    ]
    .concat();
    pinned(&lock, &bytes);
    assert_eq!(
        field_names::<LockState>(),
        ["locked_mass", "conviction", "last_update"]
    );
}

#[test]
fn delegate_info_layout() {
    let info = DelegateInfo {
        delegate_ss58: account(1),
        take: Compact(11_796),
        nominators: vec![(account(3), vec![(Compact(1), Compact(1_000))])],
        owner_ss58: account(2),
        registrations: vec![Compact(1), Compact(2)],
        validator_permits: vec![Compact(2)],
        return_per_1000: Compact(5),
        total_daily_return: Compact(64),
    };
    let bytes = [
        id(1),                        // delegate_ss58
        vec![0x51, 0xb8],             // take: Compact(11796) = (11796 << 2) | 1 = 0xb851
        vec![0x04],                   // nominators: one
        id(3),                        //   nominator
        vec![0x04, 0x04, 0xa1, 0x0f], //   [(Compact(1), Compact(1000))]
        id(2),                        // owner_ss58
        vec![0x08, 0x04, 0x08],       // registrations: [Compact(1), Compact(2)]
        vec![0x04, 0x08],             // validator_permits: [Compact(2)]
        vec![0x14],                   // return_per_1000: Compact(5)
        vec![0x01, 0x01],             // total_daily_return: Compact(64) = 0x0101
    ]
    .concat();
    pinned(&info, &bytes);
    // The runtime API's (DelegateInfo, (Compact<NetUid>, Compact<AlphaBalance>)).
    let delegated = (info, (Compact(1u16), Compact(64u64)));
    pinned(&delegated, &[bytes, vec![0x04, 0x01, 0x01]].concat());
    assert_eq!(
        field_names::<DelegateInfo<AccountId32>>(),
        [
            "delegate_ss58",
            "take",
            "nominators",
            "owner_ss58",
            "registrations",
            "validator_permits",
            "return_per_1000",
            "total_daily_return"
        ]
    );
}

/// A `SubnetInfov2` and the bytes of its fields before the last one (`identity`).
fn subnet_info_v2() -> (SubnetInfov2<AccountId32>, Vec<u8>) {
    let info = SubnetInfov2 {
        netuid: Compact(1),
        rho: Compact(2),
        kappa: Compact(32_767),
        difficulty: Compact(10_000_000),
        immunity_period: Compact(5_000),
        max_allowed_validators: Compact(64),
        min_allowed_weights: Compact(1),
        max_weights_limit: Compact(3),
        scaling_law_power: Compact(4),
        subnetwork_n: Compact(5),
        max_allowed_uids: Compact(256),
        blocks_since_last_step: Compact(6),
        tempo: Compact(360),
        network_modality: Compact(7),
        network_connect: vec![[1, 2]],
        emission_value: Compact(8),
        burn: Compact(1_000_000_000),
        owner: account(9),
        identity: Some(SubnetIdentityV3 {
            subnet_name: b"ab".to_vec(),
            logo_url: b"c".to_vec(),
            ..Default::default()
        }),
    };
    let bytes = [
        vec![0x04],                         // netuid: Compact(1)
        vec![0x08],                         // rho: Compact(2)
        vec![0xfe, 0xff, 0x01, 0x00],       // kappa: Compact(32767) = (32767 << 2) | 2
        vec![0x02, 0x5a, 0x62, 0x02],       // difficulty: Compact(10^7) = (10^7 << 2) | 2
        vec![0x21, 0x4e],                   // immunity_period: Compact(5000) = 0x4e21
        vec![0x01, 0x01],                   // max_allowed_validators: Compact(64) = 0x0101
        vec![0x04],                         // min_allowed_weights: Compact(1)
        vec![0x0c],                         // max_weights_limit: Compact(3)
        vec![0x10],                         // scaling_law_power: Compact(4)
        vec![0x14],                         // subnetwork_n: Compact(5)
        vec![0x01, 0x04],                   // max_allowed_uids: Compact(256) = 0x0401
        vec![0x18],                         // blocks_since_last_step: Compact(6)
        vec![0xa1, 0x05],                   // tempo: Compact(360) = 0x05a1
        vec![0x1c],                         // network_modality: Compact(7)
        vec![0x04, 0x01, 0x00, 0x02, 0x00], // network_connect: [[1u16, 2u16]]
        vec![0x20],                         // emission_value(s): Compact(8)
        vec![0x02, 0x28, 0x6b, 0xee],       // burn: Compact(10^9)
        id(9),                              // owner
    ]
    .concat();
    (info, bytes)
}

#[test]
fn subnet_info_layouts() {
    let (v2, head) = subnet_info_v2();
    let identity = [
        &[0x01][..],                     // identity: Some
        &[0x08, b'a', b'b'],             // subnet_name: b"ab"
        &[0x00, 0x00, 0x00, 0x00, 0x00], // github_repo, subnet_contact, subnet_url, discord,
        // description: empty
        &[0x04, b'c'], // logo_url: b"c"
        &[0x00],       // additional: empty
    ]
    .concat();
    pinned(&v2, &[head.clone(), identity].concat());

    let v1 = SubnetInfo {
        netuid: v2.netuid,
        rho: v2.rho,
        kappa: v2.kappa,
        difficulty: v2.difficulty,
        immunity_period: v2.immunity_period,
        max_allowed_validators: v2.max_allowed_validators,
        min_allowed_weights: v2.min_allowed_weights,
        max_weights_limit: v2.max_weights_limit,
        scaling_law_power: v2.scaling_law_power,
        subnetwork_n: v2.subnetwork_n,
        max_allowed_uids: v2.max_allowed_uids,
        blocks_since_last_step: v2.blocks_since_last_step,
        tempo: v2.tempo,
        network_modality: v2.network_modality,
        network_connect: v2.network_connect.clone(),
        emission_values: v2.emission_value,
        burn: v2.burn,
        owner: v2.owner.clone(),
    };
    pinned(&v1, &head);

    let common = [
        "netuid",
        "rho",
        "kappa",
        "difficulty",
        "immunity_period",
        "max_allowed_validators",
        "min_allowed_weights",
        "max_weights_limit",
        "scaling_law_power",
        "subnetwork_n",
        "max_allowed_uids",
        "blocks_since_last_step",
        "tempo",
        "network_modality",
        "network_connect",
    ];
    let v1_names = [&common[..], &["emission_values", "burn", "owner"]].concat();
    let v2_names = [
        &common[..],
        &["emission_value", "burn", "owner", "identity"],
    ]
    .concat();
    assert_eq!(field_names::<SubnetInfo<AccountId32>>(), v1_names);
    assert_eq!(field_names::<SubnetInfov2<AccountId32>>(), v2_names);
    assert_eq!(
        field_names::<SubnetIdentityV3>(),
        [
            "subnet_name",
            "github_repo",
            "subnet_contact",
            "subnet_url",
            "discord",
            "description",
            "logo_url",
            "additional"
        ]
    );
}

/// The first 27 fields shared by both hyperparameter versions, and their bytes.
fn hyperparams_v1() -> (SubnetHyperparams, Vec<u8>) {
    let params = SubnetHyperparams {
        rho: Compact(1),
        kappa: Compact(32_767),
        immunity_period: Compact(5_000),
        min_allowed_weights: Compact(3),
        max_weights_limit: Compact(u16::MAX),
        tempo: Compact(360),
        min_difficulty: Compact(6),
        max_difficulty: Compact(u64::MAX / 4),
        weights_version: Compact(8),
        weights_rate_limit: Compact(100),
        adjustment_interval: Compact(10),
        activity_cutoff: Compact(5_000),
        registration_allowed: true,
        target_regs_per_interval: Compact(13),
        min_burn: Compact(500_000),
        max_burn: Compact(15),
        bonds_moving_avg: Compact(900_000),
        max_regs_per_block: Compact(17),
        serving_rate_limit: Compact(18),
        max_validators: Compact(19),
        adjustment_alpha: Compact(20),
        difficulty: Compact(21),
        commit_reveal_period: Compact(22),
        commit_reveal_weights_enabled: false,
        alpha_high: Compact(24),
        alpha_low: Compact(25),
        liquid_alpha_enabled: true,
    };
    let bytes = [
        vec![0x04],                   // rho: Compact(1)
        vec![0xfe, 0xff, 0x01, 0x00], // kappa: Compact(32767)
        vec![0x21, 0x4e],             // immunity_period: Compact(5000)
        vec![0x0c],                   // min_allowed_weights: Compact(3)
        vec![0xfe, 0xff, 0x03, 0x00], // max_weights_limit: Compact(65535)
        vec![0xa1, 0x05],             // tempo: Compact(360)
        vec![0x18],                   // min_difficulty: Compact(6)
        // max_difficulty: Compact(2^62 − 1), 8 bytes: ((8 − 4) << 2) | 3 = 0x13
        vec![0x13, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f],
        vec![0x20],                   // weights_version: Compact(8)
        vec![0x91, 0x01],             // weights_rate_limit: Compact(100)
        vec![0x28],                   // adjustment_interval: Compact(10)
        vec![0x21, 0x4e],             // activity_cutoff: Compact(5000)
        vec![0x01],                   // registration_allowed: true
        vec![0x34],                   // target_regs_per_interval: Compact(13)
        vec![0x82, 0x84, 0x1e, 0x00], // min_burn: Compact(500000) = (500000 << 2) | 2
        vec![0x3c],                   // max_burn: Compact(15)
        vec![0x82, 0xee, 0x36, 0x00], // bonds_moving_avg: Compact(900000)
        vec![0x44],                   // max_regs_per_block: Compact(17)
        vec![0x48],                   // serving_rate_limit: Compact(18)
        vec![0x4c],                   // max_validators: Compact(19)
        vec![0x50],                   // adjustment_alpha: Compact(20)
        vec![0x54],                   // difficulty: Compact(21)
        vec![0x58],                   // commit_reveal_period: Compact(22)
        vec![0x00],                   // commit_reveal_weights_enabled: false
        vec![0x60],                   // alpha_high: Compact(24)
        vec![0x64],                   // alpha_low: Compact(25)
        vec![0x01],                   // liquid_alpha_enabled: true
    ]
    .concat();
    (params, bytes)
}

const HYPERPARAM_NAMES: [&str; 27] = [
    "rho",
    "kappa",
    "immunity_period",
    "min_allowed_weights",
    "max_weights_limit",
    "tempo",
    "min_difficulty",
    "max_difficulty",
    "weights_version",
    "weights_rate_limit",
    "adjustment_interval",
    "activity_cutoff",
    "registration_allowed",
    "target_regs_per_interval",
    "min_burn",
    "max_burn",
    "bonds_moving_avg",
    "max_regs_per_block",
    "serving_rate_limit",
    "max_validators",
    "adjustment_alpha",
    "difficulty",
    "commit_reveal_period",
    "commit_reveal_weights_enabled",
    "alpha_high",
    "alpha_low",
    "liquid_alpha_enabled",
];

#[test]
fn hyperparams_layouts() {
    let (v1, head) = hyperparams_v1();
    pinned(&v1, &head);
    assert_eq!(field_names::<SubnetHyperparams>(), HYPERPARAM_NAMES);

    let v2 = SubnetHyperparamsV2 {
        rho: v1.rho,
        kappa: v1.kappa,
        immunity_period: v1.immunity_period,
        min_allowed_weights: v1.min_allowed_weights,
        max_weights_limit: v1.max_weights_limit,
        tempo: v1.tempo,
        min_difficulty: v1.min_difficulty,
        max_difficulty: v1.max_difficulty,
        weights_version: v1.weights_version,
        weights_rate_limit: v1.weights_rate_limit,
        adjustment_interval: v1.adjustment_interval,
        activity_cutoff: v1.activity_cutoff,
        registration_allowed: v1.registration_allowed,
        target_regs_per_interval: v1.target_regs_per_interval,
        min_burn: v1.min_burn,
        max_burn: v1.max_burn,
        bonds_moving_avg: v1.bonds_moving_avg,
        max_regs_per_block: v1.max_regs_per_block,
        serving_rate_limit: v1.serving_rate_limit,
        max_validators: v1.max_validators,
        adjustment_alpha: v1.adjustment_alpha,
        difficulty: v1.difficulty,
        commit_reveal_period: v1.commit_reveal_period,
        commit_reveal_weights_enabled: v1.commit_reveal_weights_enabled,
        alpha_high: v1.alpha_high,
        alpha_low: v1.alpha_low,
        liquid_alpha_enabled: v1.liquid_alpha_enabled,
        alpha_sigmoid_steepness: I32F32::from_bits(1_000 << 32),
        yuma_version: Compact(3),
        subnet_is_active: true,
        transfers_enabled: false,
        bonds_reset_enabled: true,
        user_liquidity_enabled: false,
    };
    let tail = [
        // alpha_sigmoid_steepness: I32F32 1000.0, bits 1000 << 32 = 0x000003e8_00000000 (i64)
        &[0x00, 0x00, 0x00, 0x00, 0xe8, 0x03, 0x00, 0x00][..],
        &[0x0c], // yuma_version: Compact(3)
        &[0x01], // subnet_is_active: true
        &[0x00], // transfers_enabled: false
        &[0x01], // bonds_reset_enabled: true
        &[0x00], // user_liquidity_enabled: false
    ]
    .concat();
    pinned(&v2, &[head, tail].concat());
    let v2_names = [
        &HYPERPARAM_NAMES[..],
        &[
            "alpha_sigmoid_steepness",
            "yuma_version",
            "subnet_is_active",
            "transfers_enabled",
            "bonds_reset_enabled",
            "user_liquidity_enabled",
        ],
    ]
    .concat();
    assert_eq!(field_names::<SubnetHyperparamsV2>(), v2_names);
}

#[test]
fn hyperparams_v3_layout() {
    let entries = vec![
        HyperparamEntry {
            name: b"tempo".to_vec(),
            value: HyperparamValue::U16(Compact(360)),
        },
        HyperparamEntry {
            name: b"b".to_vec(),
            value: HyperparamValue::Bool(true),
        },
    ];
    let bytes = [
        &[0x08][..],                           // two entries
        &[0x14, b't', b'e', b'm', b'p', b'o'], // name: b"tempo"
        &[0x01, 0xa1, 0x05],                   // value: variant 1 (U16), Compact(360)
        &[0x04, b'b'],                         // name: b"b"
        &[0x00, 0x01],                         // value: variant 0 (Bool), true
    ]
    .concat();
    pinned(&entries, &bytes);
    assert_eq!(field_names::<HyperparamEntry>(), ["name", "value"]);

    // Every variant, in subtensor's order: Bool, U16, U32, U64, U128, TaoBalance, I32F32,
    // U64F64.
    let values = [
        (HyperparamValue::Bool(false), vec![0x00, 0x00]),
        (HyperparamValue::U16(Compact(1)), vec![0x01, 0x04]),
        // U32: Compact(13889) = (13889 << 2) | 1 = 0xd905
        (
            HyperparamValue::U32(Compact(13_889)),
            vec![0x02, 0x05, 0xd9],
        ),
        (HyperparamValue::U64(Compact(3)), vec![0x03, 0x0c]),
        (HyperparamValue::U128(Compact(4)), vec![0x04, 0x10]),
        (HyperparamValue::TaoBalance(Compact(5)), vec![0x05, 0x14]),
        // I32F32 −1.0: bits −1 << 32 = 0xffffffff_00000000
        (
            HyperparamValue::I32F32(I32F32::from_bits(-1 << 32)),
            vec![0x06, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff],
        ),
        // U64F64 1.5: bits 3 << 63
        (
            HyperparamValue::U64F64(U64F64::from_bits(3 << 63)),
            vec![0x07, 0, 0, 0, 0, 0, 0, 0, 0x80, 1, 0, 0, 0, 0, 0, 0, 0],
        ),
    ];
    for (value, bytes) in values {
        pinned(&value, &bytes);
    }
    let TypeDef::Variant(variants) = HyperparamValue::type_info().type_def else {
        panic!("HyperparamValue is an enum");
    };
    let names: Vec<&str> = variants.variants.iter().map(|v| v.name).collect();
    assert_eq!(
        names,
        [
            "Bool",
            "U16",
            "U32",
            "U64",
            "U128",
            "TaoBalance",
            "I32F32",
            "U64F64"
        ]
    );
}

#[test]
fn dynamic_info_layout() {
    let info = DynamicInfo {
        netuid: Compact(1),
        owner_hotkey: account(1),
        owner_coldkey: account(2),
        subnet_name: vec![Compact(b'a')],
        token_symbol: b"TAO".iter().copied().map(Compact).collect(),
        tempo: Compact(360),
        last_step: Compact(6),
        blocks_since_last_step: Compact(7),
        emission: Compact(8),
        alpha_in: Compact(9),
        alpha_out: Compact(10),
        tao_in: Compact(1_000_000_000),
        alpha_out_emission: Compact(12),
        alpha_in_emission: Compact(13),
        tao_in_emission: Compact(14),
        pending_alpha_emission: Compact(15),
        pending_root_emission: Compact(16),
        subnet_volume: Compact(17),
        network_registered_at: Compact(18),
        subnet_identity: None,
        moving_price: I96F32::from_bits(1 << 32),
    };
    let bytes = [
        vec![0x04],             // netuid: Compact(1)
        id(1),                  // owner_hotkey
        id(2),                  // owner_coldkey
        vec![0x04, 0x85, 0x01], // subnet_name: [Compact(b'a' = 97)], 97 → 0x0185
        // token_symbol: [Compact(84), Compact(65), Compact(79)] ("TAO")
        vec![0x0c, 0x51, 0x01, 0x05, 0x01, 0x3d, 0x01],
        vec![0xa1, 0x05],             // tempo: Compact(360)
        vec![0x18],                   // last_step: Compact(6)
        vec![0x1c],                   // blocks_since_last_step: Compact(7)
        vec![0x20],                   // emission: Compact(8)
        vec![0x24],                   // alpha_in: Compact(9)
        vec![0x28],                   // alpha_out: Compact(10)
        vec![0x02, 0x28, 0x6b, 0xee], // tao_in: Compact(10^9)
        vec![0x30],                   // alpha_out_emission: Compact(12)
        vec![0x34],                   // alpha_in_emission: Compact(13)
        vec![0x38],                   // tao_in_emission: Compact(14)
        vec![0x3c],                   // pending_alpha_emission: Compact(15)
        vec![0x40],                   // pending_root_emission: Compact(16)
        vec![0x44],                   // subnet_volume: Compact<u128>(17)
        vec![0x48],                   // network_registered_at: Compact(18)
        vec![0x00],                   // subnet_identity: None
        // moving_price: I96F32 1.0, bits 1 << 32 as i128
        vec![0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]
    .concat();
    pinned(&info, &bytes);
    assert_eq!(
        field_names::<DynamicInfo<AccountId32>>(),
        [
            "netuid",
            "owner_hotkey",
            "owner_coldkey",
            "subnet_name",
            "token_symbol",
            "tempo",
            "last_step",
            "blocks_since_last_step",
            "emission",
            "alpha_in",
            "alpha_out",
            "tao_in",
            "alpha_out_emission",
            "alpha_in_emission",
            "tao_in_emission",
            "pending_alpha_emission",
            "pending_root_emission",
            "subnet_volume",
            "network_registered_at",
            "subnet_identity",
            "moving_price"
        ]
    );
}

#[test]
fn subnet_state_layout() {
    let state = SubnetState {
        netuid: Compact(2),
        hotkeys: vec![account(1)],
        coldkeys: vec![account(2)],
        active: vec![true],
        validator_permit: vec![false],
        pruning_score: vec![],
        last_update: vec![Compact(100)],
        emission: vec![Compact(7)],
        dividends: vec![Compact(8)],
        incentives: vec![Compact(9)],
        consensus: vec![Compact(10)],
        trust: vec![Compact(11)],
        rank: vec![Compact(12)],
        block_at_registration: vec![Compact(13)],
        alpha_stake: vec![Compact(14)],
        tao_stake: vec![Compact(15)],
        total_stake: vec![Compact(16)],
        emission_history: vec![vec![Compact(17)], vec![]],
    };
    let bytes = [
        vec![0x08],                   // netuid: Compact(2)
        vec![0x04],                   // hotkeys: one
        id(1),                        //
        vec![0x04],                   // coldkeys: one
        id(2),                        //
        vec![0x04, 0x01],             // active: [true]
        vec![0x04, 0x00],             // validator_permit: [false]
        vec![0x00],                   // pruning_score: []
        vec![0x04, 0x91, 0x01],       // last_update: [Compact(100)]
        vec![0x04, 0x1c],             // emission: [Compact(7)]
        vec![0x04, 0x20],             // dividends: [Compact(8)]
        vec![0x04, 0x24],             // incentives: [Compact(9)]
        vec![0x04, 0x28],             // consensus: [Compact(10)]
        vec![0x04, 0x2c],             // trust: [Compact(11)]
        vec![0x04, 0x30],             // rank: [Compact(12)]
        vec![0x04, 0x34],             // block_at_registration: [Compact(13)]
        vec![0x04, 0x38],             // alpha_stake: [Compact(14)]
        vec![0x04, 0x3c],             // tao_stake: [Compact(15)]
        vec![0x04, 0x40],             // total_stake: [Compact(16)]
        vec![0x08, 0x04, 0x44, 0x00], // emission_history: [[Compact(17)], []]
    ]
    .concat();
    pinned(&state, &bytes);
    assert_eq!(
        field_names::<SubnetState<AccountId32>>(),
        [
            "netuid",
            "hotkeys",
            "coldkeys",
            "active",
            "validator_permit",
            "pruning_score",
            "last_update",
            "emission",
            "dividends",
            "incentives",
            "consensus",
            "trust",
            "rank",
            "block_at_registration",
            "alpha_stake",
            "tao_stake",
            "total_stake",
            "emission_history"
        ]
    );
}

/// A metagraph whose every field holds a value distinct from its neighbours' (a compact
/// scalar at field index `i` holds `i`), and the bytes of each field, by field index.
fn metagraph() -> (Metagraph<AccountId32>, Vec<Vec<u8>>) {
    let (axon, axon_bytes) = axon();
    let metagraph = Metagraph {
        netuid: Compact(1),
        name: vec![Compact(b'a')],
        symbol: vec![Compact(b'T')],
        identity: Some(SubnetIdentityV3 {
            subnet_name: b"x".to_vec(),
            ..Default::default()
        }),
        network_registered_at: Compact(4),
        owner_hotkey: account(5),
        owner_coldkey: account(6),
        block: Compact(7),
        tempo: Compact(8),
        last_step: Compact(9),
        blocks_since_last_step: Compact(10),
        subnet_emission: Compact(11),
        alpha_in: Compact(12),
        alpha_out: Compact(13),
        tao_in: Compact(14),
        alpha_out_emission: Compact(15),
        alpha_in_emission: Compact(16),
        tao_in_emission: Compact(17),
        pending_alpha_emission: Compact(18),
        pending_root_emission: Compact(19),
        subnet_volume: Compact(20),
        moving_price: I96F32::from_bits(1 << 32),
        rho: Compact(22),
        kappa: Compact(23),
        min_allowed_weights: Compact(24),
        max_weights_limit: Compact(25),
        weights_version: Compact(26),
        weights_rate_limit: Compact(27),
        activity_cutoff: Compact(28),
        max_validators: Compact(29),
        num_uids: Compact(30),
        max_uids: Compact(31),
        burn: Compact(32),
        difficulty: Compact(33),
        registration_allowed: true,
        pow_registration_allowed: false,
        immunity_period: Compact(36),
        min_difficulty: Compact(37),
        max_difficulty: Compact(38),
        min_burn: Compact(39),
        max_burn: Compact(40),
        adjustment_alpha: Compact(41),
        adjustment_interval: Compact(42),
        target_regs_per_interval: Compact(43),
        max_regs_per_block: Compact(44),
        serving_rate_limit: Compact(45),
        commit_reveal_weights_enabled: true,
        commit_reveal_period: Compact(47),
        liquid_alpha_enabled: false,
        alpha_high: Compact(49),
        alpha_low: Compact(50),
        bonds_moving_avg: Compact(51),
        hotkeys: vec![account(52)],
        coldkeys: vec![account(53)],
        identities: vec![
            None,
            Some(ChainIdentityV2 {
                name: b"n".to_vec(),
                ..Default::default()
            }),
        ],
        axons: vec![axon],
        active: vec![true, false],
        validator_permit: vec![false, true],
        pruning_score: vec![Compact(58)],
        last_update: vec![Compact(59)],
        emission: vec![Compact(60)],
        dividends: vec![Compact(61)],
        incentives: vec![Compact(62)],
        consensus: vec![Compact(63)],
        trust: vec![Compact(64)],
        rank: vec![Compact(65)],
        block_at_registration: vec![Compact(66)],
        alpha_stake: vec![Compact(67)],
        tao_stake: vec![Compact(68)],
        total_stake: vec![Compact(69)],
        tao_dividends_per_hotkey: vec![(account(70), Compact(70))],
        alpha_dividends_per_hotkey: vec![(account(71), Compact(71))],
    };
    let one = |n: u8| [vec![0x04], id(n)].concat();
    let fields = vec![
        vec![0x04],             // 0 netuid: Compact(1)
        vec![0x04, 0x85, 0x01], // 1 name: [Compact(97)]
        vec![0x04, 0x51, 0x01], // 2 symbol: [Compact(84)]
        // 3 identity: Some, subnet_name b"x", seven empty fields
        vec![0x01, 0x04, b'x', 0, 0, 0, 0, 0, 0, 0],
        vec![0x10], // 4 network_registered_at: Compact(4)
        id(5),      // 5 owner_hotkey
        id(6),      // 6 owner_coldkey
        vec![0x1c], // 7 block: Compact(7)
        vec![0x20], // 8 tempo
        vec![0x24], // 9 last_step
        vec![0x28], // 10 blocks_since_last_step
        vec![0x2c], // 11 subnet_emission
        vec![0x30], // 12 alpha_in
        vec![0x34], // 13 alpha_out
        vec![0x38], // 14 tao_in
        vec![0x3c], // 15 alpha_out_emission
        vec![0x40], // 16 alpha_in_emission
        vec![0x44], // 17 tao_in_emission
        vec![0x48], // 18 pending_alpha_emission
        vec![0x4c], // 19 pending_root_emission
        vec![0x50], // 20 subnet_volume: Compact<u128>(20)
        vec![0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], // 21 moving_price: bits 1 << 32
        vec![0x58], // 22 rho
        vec![0x5c], // 23 kappa
        vec![0x60], // 24 min_allowed_weights
        vec![0x64], // 25 max_weights_limit
        vec![0x68], // 26 weights_version
        vec![0x6c], // 27 weights_rate_limit
        vec![0x70], // 28 activity_cutoff
        vec![0x74], // 29 max_validators
        vec![0x78], // 30 num_uids
        vec![0x7c], // 31 max_uids
        vec![0x80], // 32 burn
        vec![0x84], // 33 difficulty
        vec![0x01], // 34 registration_allowed: true
        vec![0x00], // 35 pow_registration_allowed: false
        vec![0x90], // 36 immunity_period
        vec![0x94], // 37 min_difficulty
        vec![0x98], // 38 max_difficulty
        vec![0x9c], // 39 min_burn
        vec![0xa0], // 40 max_burn
        vec![0xa4], // 41 adjustment_alpha
        vec![0xa8], // 42 adjustment_interval
        vec![0xac], // 43 target_regs_per_interval
        vec![0xb0], // 44 max_regs_per_block
        vec![0xb4], // 45 serving_rate_limit
        vec![0x01], // 46 commit_reveal_weights_enabled: true
        vec![0xbc], // 47 commit_reveal_period
        vec![0x00], // 48 liquid_alpha_enabled: false
        vec![0xc4], // 49 alpha_high
        vec![0xc8], // 50 alpha_low
        vec![0xcc], // 51 bonds_moving_avg
        one(52),    // 52 hotkeys: [account 52]
        one(53),    // 53 coldkeys: [account 53]
        // 54 identities: [None, Some(name b"n", six empty fields)]
        vec![0x08, 0x00, 0x01, 0x04, b'n', 0, 0, 0, 0, 0, 0],
        [vec![0x04], axon_bytes].concat(),    // 55 axons: [axon]
        vec![0x08, 0x01, 0x00],               // 56 active: [true, false]
        vec![0x08, 0x00, 0x01],               // 57 validator_permit: [false, true]
        vec![0x04, 0xe8],                     // 58 pruning_score: [Compact(58)]
        vec![0x04, 0xec],                     // 59 last_update: [Compact(59)]
        vec![0x04, 0xf0],                     // 60 emission
        vec![0x04, 0xf4],                     // 61 dividends
        vec![0x04, 0xf8],                     // 62 incentives
        vec![0x04, 0xfc],                     // 63 consensus: [Compact(63)]
        vec![0x04, 0x01, 0x01],               // 64 trust: [Compact(64)] = 0x0101
        vec![0x04, 0x05, 0x01],               // 65 rank: [Compact(65)] = 0x0105
        vec![0x04, 0x09, 0x01],               // 66 block_at_registration
        vec![0x04, 0x0d, 0x01],               // 67 alpha_stake
        vec![0x04, 0x11, 0x01],               // 68 tao_stake
        vec![0x04, 0x15, 0x01],               // 69 total_stake
        [one(70), vec![0x19, 0x01]].concat(), // 70 tao_dividends_per_hotkey
        [one(71), vec![0x1d, 0x01]].concat(), // 71 alpha_dividends_per_hotkey
    ];
    (metagraph, fields)
}

const METAGRAPH_NAMES: [&str; 72] = [
    "netuid",
    "name",
    "symbol",
    "identity",
    "network_registered_at",
    "owner_hotkey",
    "owner_coldkey",
    "block",
    "tempo",
    "last_step",
    "blocks_since_last_step",
    "subnet_emission",
    "alpha_in",
    "alpha_out",
    "tao_in",
    "alpha_out_emission",
    "alpha_in_emission",
    "tao_in_emission",
    "pending_alpha_emission",
    "pending_root_emission",
    "subnet_volume",
    "moving_price",
    "rho",
    "kappa",
    "min_allowed_weights",
    "max_weights_limit",
    "weights_version",
    "weights_rate_limit",
    "activity_cutoff",
    "max_validators",
    "num_uids",
    "max_uids",
    "burn",
    "difficulty",
    "registration_allowed",
    "pow_registration_allowed",
    "immunity_period",
    "min_difficulty",
    "max_difficulty",
    "min_burn",
    "max_burn",
    "adjustment_alpha",
    "adjustment_interval",
    "target_regs_per_interval",
    "max_regs_per_block",
    "serving_rate_limit",
    "commit_reveal_weights_enabled",
    "commit_reveal_period",
    "liquid_alpha_enabled",
    "alpha_high",
    "alpha_low",
    "bonds_moving_avg",
    "hotkeys",
    "coldkeys",
    "identities",
    "axons",
    "active",
    "validator_permit",
    "pruning_score",
    "last_update",
    "emission",
    "dividends",
    "incentives",
    "consensus",
    "trust",
    "rank",
    "block_at_registration",
    "alpha_stake",
    "tao_stake",
    "total_stake",
    "tao_dividends_per_hotkey",
    "alpha_dividends_per_hotkey",
];

#[test]
fn metagraph_layout() {
    let (metagraph, fields) = metagraph();
    assert_eq!(fields.len(), 72);
    pinned(&metagraph, &fields.concat());
    assert_eq!(field_names::<Metagraph<AccountId32>>(), METAGRAPH_NAMES);
    assert_eq!(
        field_names::<ChainIdentityV2>(),
        [
            "name",
            "url",
            "github_repo",
            "image",
            "discord",
            "description",
            "additional"
        ]
    );
}

/// Every field of a selective metagraph asked for: `netuid`, then each metagraph field as
/// `Some` (a `01` byte before the same bytes), then the validators and commitments.
#[test]
fn selective_metagraph_layout() {
    let (m, fields) = metagraph();
    let full = SelectiveMetagraph {
        netuid: m.netuid,
        name: Some(m.name),
        symbol: Some(m.symbol),
        identity: Some(m.identity),
        network_registered_at: Some(m.network_registered_at),
        owner_hotkey: Some(m.owner_hotkey),
        owner_coldkey: Some(m.owner_coldkey),
        block: Some(m.block),
        tempo: Some(m.tempo),
        last_step: Some(m.last_step),
        blocks_since_last_step: Some(m.blocks_since_last_step),
        subnet_emission: Some(m.subnet_emission),
        alpha_in: Some(m.alpha_in),
        alpha_out: Some(m.alpha_out),
        tao_in: Some(m.tao_in),
        alpha_out_emission: Some(m.alpha_out_emission),
        alpha_in_emission: Some(m.alpha_in_emission),
        tao_in_emission: Some(m.tao_in_emission),
        pending_alpha_emission: Some(m.pending_alpha_emission),
        pending_root_emission: Some(m.pending_root_emission),
        subnet_volume: Some(m.subnet_volume),
        moving_price: Some(m.moving_price),
        rho: Some(m.rho),
        kappa: Some(m.kappa),
        min_allowed_weights: Some(m.min_allowed_weights),
        max_weights_limit: Some(m.max_weights_limit),
        weights_version: Some(m.weights_version),
        weights_rate_limit: Some(m.weights_rate_limit),
        activity_cutoff: Some(m.activity_cutoff),
        max_validators: Some(m.max_validators),
        num_uids: Some(m.num_uids),
        max_uids: Some(m.max_uids),
        burn: Some(m.burn),
        difficulty: Some(m.difficulty),
        registration_allowed: Some(m.registration_allowed),
        pow_registration_allowed: Some(m.pow_registration_allowed),
        immunity_period: Some(m.immunity_period),
        min_difficulty: Some(m.min_difficulty),
        max_difficulty: Some(m.max_difficulty),
        min_burn: Some(m.min_burn),
        max_burn: Some(m.max_burn),
        adjustment_alpha: Some(m.adjustment_alpha),
        adjustment_interval: Some(m.adjustment_interval),
        target_regs_per_interval: Some(m.target_regs_per_interval),
        max_regs_per_block: Some(m.max_regs_per_block),
        serving_rate_limit: Some(m.serving_rate_limit),
        commit_reveal_weights_enabled: Some(m.commit_reveal_weights_enabled),
        commit_reveal_period: Some(m.commit_reveal_period),
        liquid_alpha_enabled: Some(m.liquid_alpha_enabled),
        alpha_high: Some(m.alpha_high),
        alpha_low: Some(m.alpha_low),
        bonds_moving_avg: Some(m.bonds_moving_avg),
        hotkeys: Some(m.hotkeys),
        coldkeys: Some(m.coldkeys),
        identities: Some(m.identities),
        axons: Some(m.axons),
        active: Some(m.active),
        validator_permit: Some(m.validator_permit),
        pruning_score: Some(m.pruning_score),
        last_update: Some(m.last_update),
        emission: Some(m.emission),
        dividends: Some(m.dividends),
        incentives: Some(m.incentives),
        consensus: Some(m.consensus),
        trust: Some(m.trust),
        rank: Some(m.rank),
        block_at_registration: Some(m.block_at_registration),
        alpha_stake: Some(m.alpha_stake),
        tao_stake: Some(m.tao_stake),
        total_stake: Some(m.total_stake),
        tao_dividends_per_hotkey: Some(m.tao_dividends_per_hotkey),
        alpha_dividends_per_hotkey: Some(m.alpha_dividends_per_hotkey),
        validators: Some(vec![Compact(72)]),
        commitments: Some(vec![(account(73), vec![Compact(1)])]),
    };
    let mut bytes = fields.first().cloned().expect("netuid");
    for field in fields.iter().skip(1) {
        bytes.push(0x01); // Some
        bytes.extend_from_slice(field);
    }
    bytes.extend([0x01, 0x04, 0x21, 0x01]); // validators: Some([Compact(72)]), 72 → 0x0121
    bytes.extend([0x01, 0x04]); // commitments: Some, one entry
    bytes.extend(id(73)); //   account 73
    bytes.extend([0x04, 0x04]); //   [Compact(1u8)]
    pinned(&full, &bytes);

    // Nothing asked for: the netuid and 73 `None` bytes.
    let empty = SelectiveMetagraph::<AccountId32> {
        name: None,
        symbol: None,
        identity: None,
        network_registered_at: None,
        owner_hotkey: None,
        owner_coldkey: None,
        block: None,
        tempo: None,
        last_step: None,
        blocks_since_last_step: None,
        subnet_emission: None,
        alpha_in: None,
        alpha_out: None,
        tao_in: None,
        alpha_out_emission: None,
        alpha_in_emission: None,
        tao_in_emission: None,
        pending_alpha_emission: None,
        pending_root_emission: None,
        subnet_volume: None,
        moving_price: None,
        rho: None,
        kappa: None,
        min_allowed_weights: None,
        max_weights_limit: None,
        weights_version: None,
        weights_rate_limit: None,
        activity_cutoff: None,
        max_validators: None,
        num_uids: None,
        max_uids: None,
        burn: None,
        difficulty: None,
        registration_allowed: None,
        pow_registration_allowed: None,
        immunity_period: None,
        min_difficulty: None,
        max_difficulty: None,
        min_burn: None,
        max_burn: None,
        adjustment_alpha: None,
        adjustment_interval: None,
        target_regs_per_interval: None,
        max_regs_per_block: None,
        serving_rate_limit: None,
        commit_reveal_weights_enabled: None,
        commit_reveal_period: None,
        liquid_alpha_enabled: None,
        alpha_high: None,
        alpha_low: None,
        bonds_moving_avg: None,
        hotkeys: None,
        coldkeys: None,
        identities: None,
        axons: None,
        active: None,
        validator_permit: None,
        pruning_score: None,
        last_update: None,
        emission: None,
        dividends: None,
        incentives: None,
        consensus: None,
        trust: None,
        rank: None,
        block_at_registration: None,
        alpha_stake: None,
        tao_stake: None,
        total_stake: None,
        tao_dividends_per_hotkey: None,
        alpha_dividends_per_hotkey: None,
        validators: None,
        commitments: None,
        ..full
    };
    pinned(&empty, &[&[0x04][..], &[0x00; 73]].concat());

    let names = [&METAGRAPH_NAMES[..], &["validators", "commitments"]].concat();
    assert_eq!(field_names::<SelectiveMetagraph<AccountId32>>(), names);
}

#[test]
fn swap_layouts() {
    let result = SimSwapResult {
        tao_amount: 1,
        alpha_amount: 2,
        tao_fee: 3,
        alpha_fee: 4,
        tao_slippage: 5,
        alpha_slippage: 6,
    };
    // Six plain u64s (subtensor's TaoBalance / AlphaBalance, not compact).
    let bytes: Vec<u8> = (1u8..=6).flat_map(|v| [v, 0, 0, 0, 0, 0, 0, 0]).collect();
    pinned(&result, &bytes);
    assert_eq!(
        field_names::<SimSwapResult>(),
        [
            "tao_amount",
            "alpha_amount",
            "tao_fee",
            "alpha_fee",
            "tao_slippage",
            "alpha_slippage"
        ]
    );

    let price = SubnetPrice {
        netuid: 3,
        price: 1_000_000_000,
    };
    // netuid: u16 3; price: u64 10^9 = 0x3b9aca00.
    pinned(&price, &[3, 0, 0x00, 0xca, 0x9a, 0x3b, 0, 0, 0, 0]);
    assert_eq!(field_names::<SubnetPrice>(), ["netuid", "price"]);
}
