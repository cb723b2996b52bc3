//! Genesis presets: `development` (Alice authors and is sudo) and `local_testnet` (Alice,
//! Bob, Charlie and Dave author), both funding the well-known development accounts.
#![warn(missing_docs)]

use alloc::vec::Vec;

use frame_support::build_struct_json_patch;
use pallet_grandpa::AuthorityId as GrandpaId;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use super::{
    AccountId, AuraConfig, Balance, BalancesConfig, GrandpaConfig, RuntimeGenesisConfig,
    SudoConfig, RAO_PER_TAO,
};

/// What each development account holds at genesis: 10 000 TAO. (Genesis balances count
/// toward total issuance, so they are kept far below the first halving.)
pub const ENDOWMENT: Balance = 10_000 * RAO_PER_TAO;

/// A genesis where `authorities` author and finalise, `endowed` hold [`ENDOWMENT`] each
/// and `root` is the sudo key.
fn testnet_genesis(
    authorities: &[(AuraId, GrandpaId)],
    endowed: Vec<AccountId>,
    root: AccountId,
) -> Value {
    build_struct_json_patch!(RuntimeGenesisConfig {
        balances: BalancesConfig {
            balances: endowed
                .into_iter()
                .map(|account| (account, ENDOWMENT))
                .collect::<Vec<_>>(),
        },
        aura: AuraConfig {
            authorities: authorities
                .iter()
                .map(|(aura, _)| aura.clone())
                .collect::<Vec<_>>(),
        },
        grandpa: GrandpaConfig {
            authorities: authorities
                .iter()
                .map(|(_, grandpa)| (grandpa.clone(), 1))
                .collect::<Vec<_>>(),
        },
        sudo: SudoConfig { key: Some(root) },
    })
}

/// The Aura (sr25519) and GRANDPA (ed25519) keys of a well-known development identity.
fn authority(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AuraId, GrandpaId) {
    (sr.public().into(), ed.public().into())
}

/// Every well-known development account (Alice … Ferdie and their stashes).
fn dev_accounts() -> Vec<AccountId> {
    Sr25519Keyring::well_known()
        .map(|k| k.to_account_id())
        .collect()
}

/// The `development` preset: Alice alone authors and finalises, and is sudo.
pub fn development() -> Value {
    testnet_genesis(
        &[authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
        dev_accounts(),
        Sr25519Keyring::Alice.to_account_id(),
    )
}

/// The `local_testnet` preset: Alice, Bob, Charlie and Dave author and finalise; Alice is
/// sudo.
pub fn local_testnet() -> Value {
    testnet_genesis(
        &[
            authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
            authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
            authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
            authority(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
        ],
        dev_accounts(),
        Sr25519Keyring::Alice.to_account_id(),
    )
}

/// The JSON patch of preset `id`, if it exists.
pub fn preset_patch(id: &PresetId) -> Option<Value> {
    match id.as_ref() {
        DEV_RUNTIME_PRESET => Some(development()),
        LOCAL_TESTNET_RUNTIME_PRESET => Some(local_testnet()),
        _ => None,
    }
}

/// The encoded JSON patch of preset `id` (what `GenesisBuilder_get_preset` returns).
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
    serde_json::to_vec(&preset_patch(id)?).ok()
}

/// The full genesis config of preset `id`: its patch merged onto the defaults.
pub fn preset_config(id: &PresetId) -> Option<RuntimeGenesisConfig> {
    let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).ok()?;
    merge_patch(&mut config, preset_patch(id)?);
    serde_json::from_value(config).ok()
}

/// JSON merge patch (RFC 7386): objects merge key by key, `null` removes a key, anything
/// else replaces.
pub fn merge_patch(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                if value.is_null() {
                    target.remove(&key);
                } else {
                    merge_patch(target.entry(key).or_insert(Value::Null), value);
                }
            }
        }
        (target, patch) => *target = patch,
    }
}

/// Names of the presets.
pub fn preset_names() -> Vec<PresetId> {
    [DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET]
        .map(PresetId::from)
        .to_vec()
}
