//! Builds the benchmarking runtime to wasm; `SKIP_WASM_BUILD=1` skips it. Only the
//! native (`std`) build builds it: the wasm build of this crate runs this script too, and
//! has nothing to build.

#[cfg(feature = "std")]
fn main() {
    substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
