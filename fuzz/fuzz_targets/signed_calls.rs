//! Any bytes as a sequence of calls, each signed by one of the development accounts that
//! are not the sudo key (Bob to Ferdie), with its correct nonce: so that calls get past
//! the signature check and reach the transaction extensions and the pallets' logic. Each
//! is validated as the pool does and applied if valid, in order, so that a call can build
//! on the state the previous ones left (a subnet registered, then its owner's setters).
//! The runtime must never panic.

#![no_main]

use std::sync::OnceLock;

use codec::DecodeLimit;
use libfuzzer_sys::fuzz_target;
use sp_core::sr25519;
use sp_keyring::Sr25519Keyring;
use taonet_runtime::{Executive, RuntimeCall, System};

/// Calls per input at most.
const MAX_CALLS: usize = 8;

/// The signers: every development account but Alice, the sudo key, whose calls may set
/// any storage at all.
fn signers() -> &'static [sr25519::Pair] {
    static SIGNERS: OnceLock<Vec<sr25519::Pair>> = OnceLock::new();
    SIGNERS.get_or_init(|| {
        [
            Sr25519Keyring::Bob,
            Sr25519Keyring::Charlie,
            Sr25519Keyring::Dave,
            Sr25519Keyring::Eve,
            Sr25519Keyring::Ferdie,
        ]
        .iter()
        .map(|key| key.pair())
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let mut input = data;
    let mut calls = Vec::new();
    while calls.len() < MAX_CALLS {
        let Some((&who, rest)) = input.split_first() else {
            break;
        };
        input = rest;
        let Ok(call) =
            RuntimeCall::decode_with_depth_limit(taonet_fuzz::MAX_CALL_DEPTH, &mut input)
        else {
            break;
        };
        let signer = &signers()[usize::from(who) % signers().len()];
        calls.push((signer, call));
    }
    if calls.is_empty() {
        return;
    }
    taonet_fuzz::in_block_1(|| {
        let genesis = taonet_fuzz::genesis_hash();
        for (signer, call) in calls {
            let who = sp_runtime::AccountId32::from(sp_core::Pair::public(signer));
            let nonce = System::account_nonce(&who);
            let xt = taonet_runtime::signing::sign(call, signer, nonce, 0, genesis);
            if taonet_fuzz::valid(&xt) {
                let _ = Executive::apply_extrinsic(xt);
            }
        }
    });
});
