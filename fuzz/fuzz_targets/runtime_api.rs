//! Any bytes as a runtime-API call, as `state_call` carries one: the first byte picks a
//! method of the runtime's metadata, the rest is its input. Input that the metadata's
//! parameter types accept (`taonet_fuzz::runtime_api`) must never make the runtime panic:
//! a node can then refuse everything else before calling in. Left out are the methods that
//! execute or build blocks, which a node calls only on blocks and extrinsics it has
//! checked, and which panic on invalid ones by design, as in every Substrate runtime, and
//! session key generation (see [`LEFT_OUT`]).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use taonet_fuzz::runtime_api::Apis;

/// Methods not fuzzed, by prefix: those that execute, build or check whole blocks
/// (creating the inherents panics without their inherent data, by design), and key
/// generation, which is the host's keystore at work, not the runtime's decoding (the node
/// gives runtime calls no keystore).
const LEFT_OUT: [&str; 6] = [
    "Core_execute_block",
    "Core_initialize_block",
    "BlockBuilder_",
    "OffchainWorkerApi_",
    "GenesisBuilder_build_state",
    "SessionKeys_generate_session_keys",
];

fn apis() -> &'static Apis {
    static APIS: OnceLock<Apis> = OnceLock::new();
    APIS.get_or_init(|| {
        // The metadata reads constants that live in storage.
        let mut apis = taonet_fuzz::in_block_1(Apis::from_runtime);
        apis.methods
            .retain(|method| !LEFT_OUT.iter().any(|p| method.name.starts_with(p)));
        apis
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, input)) = data.split_first() else {
        return;
    };
    let apis = apis();
    let method = &apis.methods[usize::from(pick) % apis.methods.len()];
    if !apis.accepts(method, input) {
        return;
    }
    taonet_fuzz::in_block_1(|| {
        let _ = taonet_runtime::api::dispatch(&method.name, input);
    });
});
