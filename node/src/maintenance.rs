//! Chain maintenance commands on a stopped node's database: export and import blocks,
//! check a block, revert the chain, purge it.
//!
//! The binary export is Substrate's: a SCALE `u64` block count followed by each SCALE
//! `SignedBlock`. The JSON export is one `SignedBlock` object per line, with extrinsics as
//! `0x` hex like `chain_getBlock` (sp-runtime's own serde writes them as number arrays it
//! cannot read back).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use codec::{Decode, Encode, IoReader};
use sp_core::Bytes;
use sp_runtime::generic::SignedBlock;
use sp_runtime::Justifications;
use taonet_runtime::{Block, BlockNumber, Hash, Header, UncheckedExtrinsic};

use crate::chain::{BlockOrigin, ChainError, Client, ImportError};
use crate::chain_spec::{ChainSpec, ChainSpecError};
use crate::cli::{
    BasePathArg, ChainArg, ChainDbArgs, CheckBlockArgs, ExportBlocksArgs, ImportBlocksArgs,
    PurgeChainArgs, RevertArgs,
};
use crate::paths::{self, PathsError};

/// Why a maintenance command failed.
#[derive(Debug, thiserror::Error)]
pub enum MaintenanceError {
    /// Reading the chain failed.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// A block did not import or check.
    #[error("block {number}: {error}")]
    Block {
        /// The block's number.
        number: BlockNumber,
        /// Why.
        error: ImportError,
    },
    /// The input or output file failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The input is not a block export.
    #[error("block {index} of the input does not decode: {reason}")]
    Decode {
        /// Its position in the input, from 0.
        index: u64,
        /// Why.
        reason: String,
    },
    /// No block has this number or hash.
    #[error("no block {0}")]
    NoBlock(String),
    /// The chain spec could not be loaded.
    #[error(transparent)]
    ChainSpec(#[from] ChainSpecError),
    /// No data directory was given and none can be defaulted to.
    #[error(transparent)]
    Paths(#[from] PathsError),
    /// The chain has no database at this path.
    #[error("no database at {0}")]
    NoDatabase(PathBuf),
}

/// A block in the JSON export: the header as `chain_getHeader` shows it and extrinsics as
/// `0x` hex, as `chain_getBlock` shows them.
#[derive(serde::Serialize, serde::Deserialize)]
struct JsonBlock {
    block: JsonBody,
    justifications: Option<Justifications>,
}

/// The block part of a [`JsonBlock`].
#[derive(serde::Serialize, serde::Deserialize)]
struct JsonBody {
    header: Header,
    extrinsics: Vec<Bytes>,
}

impl From<SignedBlock<Block>> for JsonBlock {
    fn from(signed: SignedBlock<Block>) -> Self {
        JsonBlock {
            block: JsonBody {
                header: signed.block.header,
                extrinsics: signed
                    .block
                    .extrinsics
                    .iter()
                    .map(|xt| Bytes(xt.encode()))
                    .collect(),
            },
            justifications: signed.justifications,
        }
    }
}

impl JsonBlock {
    fn decode(self) -> Result<SignedBlock<Block>, codec::Error> {
        let extrinsics = self
            .block
            .extrinsics
            .iter()
            .map(|bytes| UncheckedExtrinsic::decode(&mut &bytes[..]))
            .collect::<Result<_, _>>()?;
        Ok(SignedBlock {
            block: Block {
                header: self.block.header,
                extrinsics,
            },
            justifications: self.justifications,
        })
    }
}

/// Writes canonical blocks `from..=to` (to the best block when `to` is absent).
pub fn export_blocks(
    client: &Client,
    from: BlockNumber,
    to: Option<BlockNumber>,
    binary: bool,
    output: impl Write,
) -> Result<u64, MaintenanceError> {
    let best = client.info().best.number;
    let to = to.unwrap_or(best).min(best);
    let mut output = BufWriter::new(output);
    let count = u64::from(to.saturating_sub(from)).saturating_add(u64::from(from <= to));
    if binary {
        output.write_all(&count.encode())?;
    }
    for number in from..=to {
        let hash = client
            .hash(number)?
            .ok_or_else(|| MaintenanceError::NoBlock(number.to_string()))?;
        let (block, justifications) = client
            .block(&hash)?
            .ok_or_else(|| MaintenanceError::NoBlock(hash.to_string()))?;
        let signed = SignedBlock {
            block,
            justifications,
        };
        if binary {
            output.write_all(&signed.encode())?;
        } else {
            serde_json::to_writer(&mut output, &JsonBlock::from(signed))
                .map_err(std::io::Error::other)?;
            output.write_all(b"\n")?;
        }
    }
    output.flush()?;
    Ok(count)
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    /// Blocks imported.
    pub imported: u64,
    /// Blocks skipped because they were already stored.
    pub known: u64,
    /// Extrinsics in the imported blocks.
    pub extrinsics: u64,
    /// Milliseconds spent.
    pub millis: u128,
}

/// Imports every block of an export in order, verifying each as if from a peer (except
/// the clock); stops at the first invalid block.
pub fn import_blocks(
    client: &Arc<Client>,
    binary: bool,
    input: impl Read,
) -> Result<ImportSummary, MaintenanceError> {
    let started = Instant::now();
    let mut summary = ImportSummary {
        imported: 0,
        known: 0,
        extrinsics: 0,
        millis: 0,
    };
    let mut import = |index: u64, signed: SignedBlock<Block>| -> Result<(), MaintenanceError> {
        let number = signed.block.header.number;
        let extrinsics = signed.block.extrinsics.len();
        match client.import(signed.block, signed.justifications, BlockOrigin::File, None) {
            Ok(_) => {
                summary.imported = summary.imported.saturating_add(1);
                summary.extrinsics = summary
                    .extrinsics
                    .saturating_add(u64::try_from(extrinsics).unwrap_or(u64::MAX));
            }
            Err(ImportError::AlreadyKnown(_)) => summary.known = summary.known.saturating_add(1),
            Err(error) => return Err(MaintenanceError::Block { number, error }),
        }
        if index % 1000 == 999 {
            tracing::info!(target: "chain::import", blocks = index + 1, "importing");
        }
        Ok(())
    };
    let mut reader = BufReader::new(input);
    if binary {
        let mut io = IoReader(&mut reader);
        let count = u64::decode(&mut io).map_err(|e| MaintenanceError::Decode {
            index: 0,
            reason: format!("block count: {e}"),
        })?;
        for index in 0..count {
            let signed =
                SignedBlock::<Block>::decode(&mut io).map_err(|e| MaintenanceError::Decode {
                    index,
                    reason: e.to_string(),
                })?;
            import(index, signed)?;
        }
    } else {
        let stream = serde_json::Deserializer::from_reader(&mut reader).into_iter::<JsonBlock>();
        for (index, signed) in (0u64..).zip(stream) {
            let signed: JsonBlock = signed.map_err(|e| MaintenanceError::Decode {
                index,
                reason: e.to_string(),
            })?;
            let signed = signed.decode().map_err(|e| MaintenanceError::Decode {
                index,
                reason: e.to_string(),
            })?;
            import(index, signed)?;
        }
    }
    summary.millis = started.elapsed().as_millis();
    Ok(summary)
}

/// Resolves a block given as a number or a `0x` hash.
pub fn resolve_block(client: &Client, block: &str) -> Result<Hash, MaintenanceError> {
    let hash = if let Some(hex) = block.strip_prefix("0x") {
        let bytes = hex::decode(hex).map_err(|_| MaintenanceError::NoBlock(block.into()))?;
        (bytes.len() == 32)
            .then(|| Hash::from_slice(&bytes))
            .filter(|hash| client.header(hash).ok().flatten().is_some())
    } else {
        block
            .parse::<BlockNumber>()
            .ok()
            .and_then(|number| client.hash(number).ok().flatten())
    };
    hash.ok_or_else(|| MaintenanceError::NoBlock(block.into()))
}

/// Verifies block `block` (number or hash) again: seal and execution.
pub fn check_block(client: &Client, block: &str) -> Result<Hash, MaintenanceError> {
    let hash = resolve_block(client, block)?;
    client
        .check_block(&hash)
        .map_err(|error| MaintenanceError::Block {
            number: client
                .header(&hash)
                .ok()
                .flatten()
                .map(|header| header.number)
                .unwrap_or_default(),
            error,
        })?;
    Ok(hash)
}

/// Reads a y/n answer for `purge-chain`.
pub fn confirm(
    question: &str,
    input: impl BufRead,
    mut output: impl Write,
) -> std::io::Result<bool> {
    write!(output, "{question} [y/N]: ")?;
    output.flush()?;
    let mut answer = String::new();
    let mut input = input;
    input.read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// The database directory of the chain `chain` under the chosen base path.
fn database_dir(
    chain: &ChainArg,
    base: &BasePathArg,
) -> Result<(ChainSpec, PathBuf), MaintenanceError> {
    let spec = ChainSpec::load(chain.chain_id())?;
    let base = match &base.base_path {
        Some(base) => base.clone(),
        None => paths::default_base_path()?,
    };
    let dir = paths::database_dir(&base, &spec);
    Ok((spec, dir))
}

/// Opens the chain database; `create` allows a new one (for imports).
pub(crate) fn open(args: &ChainDbArgs, create: bool) -> Result<Arc<Client>, MaintenanceError> {
    crate::executor::configure(args.execution.config());
    let (spec, dir) = database_dir(&args.chain, &args.base_path)?;
    if !create && !dir.exists() {
        return Err(MaintenanceError::NoDatabase(dir));
    }
    std::fs::create_dir_all(&dir)?;
    Ok(Client::open(
        &dir,
        args.database.state_pruning,
        spec.build_storage()?,
    )?)
}

/// `taonet export-blocks`.
pub fn export_command(args: &ExportBlocksArgs) -> Result<String, MaintenanceError> {
    let client = open(&args.db, false)?;
    let count = match &args.output {
        Some(path) => export_blocks(
            &client,
            args.from,
            args.to,
            args.binary,
            File::create(path)?,
        )?,
        None => export_blocks(
            &client,
            args.from,
            args.to,
            args.binary,
            std::io::stdout().lock(),
        )?,
    };
    tracing::info!(target: "chain::export", count, "exported blocks");
    Ok(String::new())
}

/// `taonet import-blocks`: prints how many blocks were imported and how fast.
pub fn import_command(args: &ImportBlocksArgs) -> Result<String, MaintenanceError> {
    let client = open(&args.db, true)?;
    let summary = match &args.input {
        Some(path) => import_blocks(&client, args.binary, File::open(path)?)?,
        None => import_blocks(&client, args.binary, std::io::stdin().lock())?,
    };
    let seconds = (summary.millis as f64 / 1000.0).max(0.001);
    Ok(format!(
        "imported {} blocks ({} already known, {} extrinsics) in {:.3} s: {:.1} blocks/s; best #{}",
        summary.imported,
        summary.known,
        summary.extrinsics,
        seconds,
        summary.imported as f64 / seconds,
        client.info().best.number
    ))
}

/// `taonet check-block`.
pub fn check_command(args: &CheckBlockArgs) -> Result<String, MaintenanceError> {
    let client = open(&args.db, false)?;
    let hash = check_block(&client, &args.block)?;
    Ok(format!("block {hash:?} is valid"))
}

/// `taonet revert`.
pub fn revert_command(args: &RevertArgs) -> Result<String, MaintenanceError> {
    let client = open(&args.db, false)?;
    let before = client.info().best.number;
    let tip = client
        .revert(args.num)
        .map_err(|error| MaintenanceError::Block {
            number: before,
            error,
        })?;
    let reverted = before.saturating_sub(tip.number);
    let kept = if reverted < args.num {
        " (finalized blocks are never reverted)"
    } else {
        ""
    };
    Ok(format!(
        "reverted {reverted} blocks{kept}; best is now #{} {:?}",
        tip.number, tip.hash
    ))
}

/// `taonet purge-chain`: deletes the database after asking (unless `-y`).
pub fn purge_command(args: &PurgeChainArgs) -> Result<String, MaintenanceError> {
    let (_, dir) = database_dir(&args.chain, &args.base_path)?;
    if !dir.exists() {
        return Ok(format!("{} does not exist", dir.display()));
    }
    let question = format!("Are you sure to remove {}?", dir.display());
    if !args.yes && !confirm(&question, std::io::stdin().lock(), std::io::stderr())? {
        return Ok("aborted".to_owned());
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(format!("{} removed", dir.display()))
}
