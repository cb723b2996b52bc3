//! The JSON epoch output of `yuma-cli.md`.

use serde::Serialize;
use serde_json::value::RawValue;
use taonet_yuma::{to_u16, EpochOutput, Row, I32F32};

/// The output object, keys in the order the CLI documents them.
#[derive(Serialize)]
struct Report<'a> {
    active: &'a [bool],
    new_validator_permit: &'a [bool],
    stake: Vec<Box<RawValue>>,
    active_stake: Vec<Box<RawValue>>,
    stake_weight_u16: Vec<u16>,
    consensus: Vec<Box<RawValue>>,
    consensus_u16: Vec<u16>,
    validator_trust: Vec<Box<RawValue>>,
    validator_trust_u16: Vec<u16>,
    incentive: Vec<Box<RawValue>>,
    incentive_u16: Vec<u16>,
    dividends: Vec<Box<RawValue>>,
    dividends_u16: Vec<u16>,
    server_emission: &'a [u64],
    validator_emission: &'a [u64],
    emission: &'a [u64],
    bonds: Vec<&'a Row>,
}

/// Exact decimal JSON numbers: no fixed-point value is rounded on the way out.
fn exact(values: &[I32F32]) -> Result<Vec<Box<RawValue>>, serde_json::Error> {
    values
        .iter()
        .map(|v| RawValue::from_string(v.to_decimal_string()))
        .collect()
}

/// The output as one line of JSON; rows the epoch leaves untouched are the stored ones.
pub fn render(out: &EpochOutput, stored_bonds: &[Row]) -> Result<String, serde_json::Error> {
    let report = Report {
        active: &out.active,
        new_validator_permit: &out.new_validator_permit,
        stake: exact(&out.stake)?,
        active_stake: exact(&out.active_stake)?,
        stake_weight_u16: to_u16(&out.stake),
        consensus: exact(&out.consensus)?,
        consensus_u16: to_u16(&out.consensus),
        validator_trust: exact(&out.validator_trust)?,
        validator_trust_u16: to_u16(&out.validator_trust),
        incentive: exact(&out.incentive)?,
        incentive_u16: to_u16(&out.incentive),
        dividends: exact(&out.dividends)?,
        dividends_u16: to_u16(&out.dividends),
        server_emission: &out.server_emission,
        validator_emission: &out.validator_emission,
        emission: &out.emission,
        bonds: out
            .bonds
            .iter()
            .zip(stored_bonds)
            .map(|(new, stored)| new.as_ref().unwrap_or(stored))
            .collect(),
    };
    serde_json::to_string(&report)
}
