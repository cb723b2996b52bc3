//! `key insert`: puts a key into a chain's keystore, where the node finds it when it
//! starts (Aura and GRANDPA session keys of a validator).

use std::path::PathBuf;

use super::{read_stdin_line, KeyError};
use crate::chain_spec::ChainSpec;
use crate::cli::InsertArgs;
use crate::keystore::Keystore;
use crate::paths::{default_base_path, keystore_dir};

/// Stores `--suri` (or the first line of standard input) as a `--key-type` key of
/// `--scheme` in `--keystore-path`, or else in `<base>/chains/<chain id>/keystore`.
pub(super) fn insert(args: &InsertArgs) -> Result<(), KeyError> {
    let dir = keystore_path(args)?;
    let suri = match &args.suri {
        Some(suri) => suri.clone(),
        None => read_stdin_line("secret URI")?,
    };
    let public = args
        .scheme
        .public_from_suri(&suri)
        .map_err(|_| KeyError::InvalidUri {
            scheme: args.scheme,
        })?;
    Keystore::open(dir)?.insert(args.key_type, &suri, &public)?;
    Ok(())
}

/// The keystore directory the arguments name. The chain spec is only loaded when the
/// directory depends on its id.
fn keystore_path(args: &InsertArgs) -> Result<PathBuf, KeyError> {
    if let Some(path) = &args.keystore_path {
        return Ok(path.clone());
    }
    let spec = ChainSpec::load(args.chain.chain_id())?;
    let base = match &args.base_path.base_path {
        Some(base) => base.clone(),
        None => default_base_path()?,
    };
    Ok(keystore_dir(&base, &spec))
}
