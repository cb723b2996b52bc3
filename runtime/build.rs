//! Builds the runtime to wasm (the chain's `:code`) when the crate is built with `std`:
//! substrate-wasm-builder compiles this crate again, without `std`, for `wasm32v1-none`,
//! and writes `WASM_BINARY` into `OUT_DIR/wasm_binary.rs`. With `metadata-hash` it builds
//! twice: first to read the metadata and compute its RFC-0078 digest, then with the digest
//! compiled in for `CheckMetadataHash`. `SKIP_WASM_BUILD=1` skips it.
//!
//! `benchmarks-blob` and `upgrade-test-blob` build two more blobs of this crate, with the
//! `runtime-benchmarks` and `upgrade-test` (+ `try-runtime`) features, one after the other
//! in the same wasm target directory: they differ from the chain's blob in features only,
//! so every crate those features do not reach (the primitives, the crypto, the proc
//! macros) compiles once for all three, and no two wasm builds wait on each other's lock.

#[cfg(feature = "std")]
fn main() {
    use substrate_wasm_builder::WasmBuilder;

    #[cfg(feature = "metadata-hash")]
    WasmBuilder::init_with_defaults()
        .enable_metadata_hash("TAO", 9)
        .build();
    #[cfg(not(feature = "metadata-hash"))]
    WasmBuilder::build_using_defaults();

    // `set_file_name` names both the generated `OUT_DIR` file and the blob
    // (`target/<profile>/wbuild/taonet-runtime/<name>.compact.compressed.wasm`).
    #[cfg(feature = "benchmarks-blob")]
    WasmBuilder::init_with_defaults()
        .enable_feature("runtime-benchmarks")
        .set_file_name("taonet_runtime_benchmarks")
        .build();
    #[cfg(feature = "upgrade-test-blob")]
    WasmBuilder::init_with_defaults()
        .enable_feature("upgrade-test")
        .enable_feature("try-runtime")
        .set_file_name("taonet_runtime_upgrade_test")
        .build();
}

#[cfg(not(feature = "std"))]
fn main() {}
