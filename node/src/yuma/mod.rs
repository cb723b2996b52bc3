//! `taonet yuma epoch`: replays one Yuma epoch offline (`yuma-cli.md`).

mod input;
mod output;

use std::io::Read;

use taonet_yuma::{epoch, epoch_dense, EpochError};

use crate::cli::EpochArgs;
use input::{EpochFile, Variant};

/// Why `yuma epoch` could not produce an output.
#[derive(Debug, thiserror::Error)]
pub enum YumaError {
    /// The input could not be read.
    #[error("cannot read {source_name}: {error}")]
    Read {
        /// The file, or standard input.
        source_name: String,
        /// What went wrong.
        error: std::io::Error,
    },
    /// The input is not JSON.
    #[error("malformed JSON: {0}")]
    Json(String),
    /// A field is missing, mistyped or inconsistent.
    #[error("{field}: {message}")]
    Field {
        /// Path of the field, e.g. `weights[2][0]`.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The output could not be encoded.
    #[error("cannot encode the output: {0}")]
    Output(#[from] serde_json::Error),
    /// The epoch refused the input.
    #[error(transparent)]
    Epoch(#[from] EpochError),
}

impl YumaError {
    fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Field {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// Reads the input, runs the requested epoch and returns the output as one JSON line.
pub fn run_epoch(args: &EpochArgs) -> Result<String, YumaError> {
    let text = match &args.input {
        Some(path) => std::fs::read_to_string(path).map_err(|error| YumaError::Read {
            source_name: path.display().to_string(),
            error,
        })?,
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|error| YumaError::Read {
                    source_name: "standard input".into(),
                    error,
                })?;
            text
        }
    };
    let file = EpochFile::parse(&text)?;
    let input = file.state.as_input();
    let out = match file.variant {
        Variant::Sparse => epoch(&input, &file.params)?,
        Variant::Dense => epoch_dense(&input, &file.params)?,
    };
    Ok(output::render(&out, &file.state.bonds)?)
}
