//! Any bytes as an extrinsic, as a peer or `author_submitExtrinsic` delivers them: decoded
//! as the pool decodes them, validated as the pool validates them, and applied in a block
//! if valid, as the block builder applies them. The runtime must never panic.

#![no_main]

use codec::Decode;
use libfuzzer_sys::fuzz_target;
use taonet_runtime::{Executive, UncheckedExtrinsic};

fuzz_target!(|data: &[u8]| {
    let mut input = data;
    let Ok(xt) = UncheckedExtrinsic::decode(&mut input) else {
        return;
    };
    if !input.is_empty() {
        return;
    }
    taonet_fuzz::in_block_1(|| {
        if taonet_fuzz::valid(&xt) {
            let _ = Executive::apply_extrinsic(xt);
        }
    });
});
