//! Builds the runtime to wasm (the chain's `:code`) when the crate is built with `std`:
//! substrate-wasm-builder compiles this crate again, without `std`, for `wasm32v1-none`,
//! and writes `WASM_BINARY` into `OUT_DIR/wasm_binary.rs`. `SKIP_WASM_BUILD=1` skips it.

#[cfg(feature = "std")]
fn main() {
    substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
