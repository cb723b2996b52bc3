//! Builds the benchmarking runtime to wasm; `SKIP_WASM_BUILD=1` skips it.

fn main() {
    substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
