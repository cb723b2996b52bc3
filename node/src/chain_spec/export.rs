//! `taonet export-chain-spec` and its deprecated alias `taonet build-spec`: a chain spec
//! as JSON on standard output, to edit, share, or turn raw before a launch.

use super::{ChainSpec, ChainSpecError};

/// What `build-spec` tells standard error, as Substrate does since it deprecated the
/// command in favour of `export-chain-spec`.
pub const BUILD_SPEC_DEPRECATION: &str =
    "warning: build-spec is deprecated and will be removed; use export-chain-spec instead";

/// `export-chain-spec`: spec `chain` (an id or a file) as pretty JSON, its genesis raw
/// with `raw`; with `slot_duration` (ms), raw and with that slot duration in its genesis.
pub fn export_chain_spec(
    chain: &str,
    raw: bool,
    slot_duration: Option<u64>,
) -> Result<String, ChainSpecError> {
    let spec = ChainSpec::load(chain)?;
    match slot_duration {
        Some(ms) => spec.with_slot_duration(ms)?.to_json(true),
        None => spec.to_json(raw),
    }
}

/// `build-spec`: [`export_chain_spec`] after a deprecation note on standard error.
pub fn build_spec(
    chain: &str,
    raw: bool,
    slot_duration: Option<u64>,
) -> Result<String, ChainSpecError> {
    eprintln!("{BUILD_SPEC_DEPRECATION}");
    export_chain_spec(chain, raw, slot_duration)
}
