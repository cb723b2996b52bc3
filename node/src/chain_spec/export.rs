//! `taonet export-chain-spec` and its deprecated alias `taonet build-spec`: a chain spec
//! as JSON on standard output, to edit, share, or turn raw before a launch.

use super::{ChainSpec, ChainSpecError};
use crate::cli::ChainSpecArgs;

/// What `build-spec` tells standard error, as Substrate does since it deprecated the
/// command in favour of `export-chain-spec`.
pub const BUILD_SPEC_DEPRECATION: &str =
    "warning: build-spec is deprecated and will be removed; use export-chain-spec instead";

/// `export-chain-spec`: the `--chain` spec as pretty JSON, its genesis raw with `--raw`.
pub fn export_chain_spec(args: &ChainSpecArgs) -> Result<String, ChainSpecError> {
    let spec = ChainSpec::load(args.chain.chain_id())?;
    match args.slot_duration {
        Some(ms) => spec.with_slot_duration(ms)?.to_json(true),
        None => spec.to_json(args.raw),
    }
}

/// `build-spec`: [`export_chain_spec`] after a deprecation note on standard error.
pub fn build_spec(args: &ChainSpecArgs) -> Result<String, ChainSpecError> {
    eprintln!("{BUILD_SPEC_DEPRECATION}");
    export_chain_spec(args)
}
