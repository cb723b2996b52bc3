//! Builds the runtime to wasm (the chain's `:code`) when the crate is built with `std`:
//! substrate-wasm-builder compiles this crate again, without `std`, for `wasm32v1-none`,
//! and writes `WASM_BINARY` into `OUT_DIR/wasm_binary.rs`. With `metadata-hash` it builds
//! twice: first to read the metadata and compute its RFC-0078 digest, then with the digest
//! compiled in for `CheckMetadataHash`. `SKIP_WASM_BUILD=1` skips it.

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
    substrate_wasm_builder::WasmBuilder::init_with_defaults()
        .enable_metadata_hash("TAO", 9)
        .build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
    substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
