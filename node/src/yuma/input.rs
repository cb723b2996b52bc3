//! The JSON epoch input of `yuma-cli.md`, parsed and checked with errors that name the field.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use taonet_yuma::{
    activity_cutoff_blocks, EpochParams, OwnedEpochInput, Row, DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI,
};

use super::YumaError;

/// Which epoch to run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    /// The production path (`epoch_mechanism`).
    #[default]
    Sparse,
    /// subtensor's dense test variant (yuma-epoch.md §5).
    Dense,
}

/// The input object.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    n: usize,
    stake: Vec<u64>,
    weights: Option<Vec<Row>>,
    weights_dense: Option<Vec<Vec<u16>>>,
    bonds: Option<Vec<Row>>,
    last_update: Vec<u64>,
    block_at_registration: Vec<u64>,
    validator_permit: Vec<bool>,
    current_block: u64,
    #[serde(default = "default_rao_emission")]
    rao_emission: u64,
    #[serde(default)]
    variant: Variant,
    activity_cutoff: Option<u64>,
    commit_block: Option<Vec<Option<u64>>>,
    #[serde(default)]
    hyperparameters: Hyperparameters,
}

fn default_rao_emission() -> u64 {
    1_000_000_000
}

/// Hyperparameters with the CLI's defaults; each may also be given at the top level.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
struct Hyperparameters {
    tempo: u16,
    last_mechanism_step_block: u64,
    kappa: u16,
    bonds_moving_average: u64,
    bonds_penalty: u16,
    max_allowed_validators: u16,
    activity_cutoff_factor_milli: u32,
    yuma3: bool,
    liquid_alpha: bool,
    alpha_low: u16,
    alpha_high: u16,
    alpha_sigmoid_steepness: i16,
    stake_threshold: u64,
    owner_uid: Option<u16>,
    commit_reveal_enabled: bool,
}

/// The keys of [`Hyperparameters`], which may also stand at the top level.
const HYPERPARAMETER_KEYS: [&str; 15] = [
    "tempo",
    "last_mechanism_step_block",
    "kappa",
    "bonds_moving_average",
    "bonds_penalty",
    "max_allowed_validators",
    "activity_cutoff_factor_milli",
    "yuma3",
    "liquid_alpha",
    "alpha_low",
    "alpha_high",
    "alpha_sigmoid_steepness",
    "stake_threshold",
    "owner_uid",
    "commit_reveal_enabled",
];

impl Default for Hyperparameters {
    fn default() -> Self {
        let p = EpochParams::default();
        Self {
            tempo: p.tempo,
            last_mechanism_step_block: p.last_mechanism_step_block,
            kappa: p.kappa,
            bonds_moving_average: p.bonds_moving_average,
            bonds_penalty: p.bonds_penalty,
            max_allowed_validators: p.max_allowed_validators,
            activity_cutoff_factor_milli: DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI,
            yuma3: p.yuma3,
            liquid_alpha: p.liquid_alpha,
            alpha_low: p.alpha_low,
            alpha_high: p.alpha_high,
            alpha_sigmoid_steepness: p.alpha_sigmoid_steepness,
            stake_threshold: p.stake_threshold,
            owner_uid: p.owner_uid,
            commit_reveal_enabled: p.commit_reveal_enabled,
        }
    }
}

/// A parsed, consistent epoch input.
#[derive(Debug)]
pub struct EpochFile {
    /// Which epoch to run.
    pub variant: Variant,
    /// The hyperparameters, defaults filled in.
    pub params: EpochParams,
    /// The subnet state.
    pub state: OwnedEpochInput,
}

impl EpochFile {
    /// Parses the input text.
    pub fn parse(text: &str) -> Result<Self, YumaError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| YumaError::Json(e.to_string()))?;
        let Value::Object(mut object) = value else {
            return Err(YumaError::field("(input)", "expected a JSON object"));
        };
        lift_hyperparameters(&mut object)?;
        let raw: RawInput =
            serde_path_to_error::deserialize(Value::Object(object)).map_err(|e| {
                let path = e.path().to_string();
                let message = e.into_inner().to_string();
                match path.as_str() {
                    // A missing field is reported at the enclosing object; its message names it.
                    "." => YumaError::field("(input)", message),
                    _ => YumaError::field(&path, message),
                }
            })?;
        raw.check()
    }
}

/// Moves top-level hyperparameters into `hyperparameters`, where they override.
fn lift_hyperparameters(object: &mut Map<String, Value>) -> Result<(), YumaError> {
    let mut nested = match object.remove("hyperparameters") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(YumaError::field("hyperparameters", "expected an object")),
    };
    for key in HYPERPARAMETER_KEYS {
        if let Some(value) = object.remove(key) {
            nested.insert(key.to_owned(), value);
        }
    }
    object.insert("hyperparameters".to_owned(), Value::Object(nested));
    Ok(())
}

impl RawInput {
    /// Checks the shapes the library cannot see (n against stake, the dense matrix, the
    /// choice of weight form) and builds the library's inputs.
    fn check(self) -> Result<EpochFile, YumaError> {
        let n = self.n;
        let per_uid = |field: &str, len: usize| {
            if len == n {
                Ok(())
            } else {
                Err(YumaError::field(
                    field,
                    format!("expected n = {n} entries, got {len}"),
                ))
            }
        };
        per_uid("stake", self.stake.len())?;
        let weights = match (self.weights, self.weights_dense) {
            (Some(rows), None) => rows,
            (None, Some(matrix)) => {
                per_uid("weights_dense", matrix.len())?;
                matrix
                    .into_iter()
                    .enumerate()
                    .map(|(i, row)| {
                        per_uid(&format!("weights_dense[{i}]"), row.len())?;
                        Ok((0..=u16::MAX).zip(row).filter(|&(_, w)| w != 0).collect())
                    })
                    .collect::<Result<_, YumaError>>()?
            }
            (Some(_), Some(_)) => {
                return Err(YumaError::field(
                    "weights_dense",
                    "give either weights or weights_dense, not both",
                ))
            }
            (None, None) => {
                return Err(YumaError::field(
                    "weights",
                    "missing (or give weights_dense)",
                ))
            }
        };
        let bonds = self.bonds.unwrap_or_else(|| vec![Vec::new(); n]);
        let h = self.hyperparameters;
        let params = EpochParams {
            tempo: h.tempo,
            last_mechanism_step_block: h.last_mechanism_step_block,
            activity_cutoff: self
                .activity_cutoff
                .unwrap_or_else(|| activity_cutoff_blocks(h.activity_cutoff_factor_milli, h.tempo)),
            kappa: h.kappa,
            bonds_moving_average: h.bonds_moving_average,
            bonds_penalty: h.bonds_penalty,
            max_allowed_validators: h.max_allowed_validators,
            yuma3: h.yuma3,
            liquid_alpha: h.liquid_alpha,
            alpha_low: h.alpha_low,
            alpha_high: h.alpha_high,
            alpha_sigmoid_steepness: h.alpha_sigmoid_steepness,
            stake_threshold: h.stake_threshold,
            owner_uid: h.owner_uid,
            commit_reveal_enabled: h.commit_reveal_enabled,
        };
        Ok(EpochFile {
            variant: self.variant,
            params,
            state: OwnedEpochInput {
                current_block: self.current_block,
                rao_emission: self.rao_emission,
                stake: self.stake,
                weights,
                bonds,
                last_update: self.last_update,
                block_at_registration: self.block_at_registration,
                validator_permit: self.validator_permit,
                commit_block: self.commit_block.unwrap_or_default(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hyperparameter_can_be_lifted() {
        let Value::Object(defaults) = serde_json::to_value(Hyperparameters::default()).unwrap()
        else {
            panic!("hyperparameters serialise to an object");
        };
        let mut keys: Vec<&str> = defaults.keys().map(String::as_str).collect();
        let mut listed = HYPERPARAMETER_KEYS.to_vec();
        keys.sort_unstable();
        listed.sort_unstable();
        assert_eq!(keys, listed);
    }
}
