//! Arguments of the chain spec commands (`build-spec`, `export-chain-spec`) and of the
//! chain and base-path choice the offline commands share.

use std::path::PathBuf;

use clap::Args;

/// Which chain a command is about: `--chain dev|local|FILE` or `--dev`, defaulting to
/// `local` as the node itself does, so that `key insert` with no `--chain` fills the
/// keystore of the chain `taonet` with no `--chain` runs.
#[derive(Debug, Clone, Args)]
pub struct ChainArg {
    /// The chain: `dev` and `local` are built in; anything else is a chain spec JSON file.
    /// Default: `local`, or `dev` with `--dev`.
    #[arg(long, value_name = "CHAIN")]
    pub chain: Option<String>,
    /// The development chain: `--chain dev`.
    #[arg(long)]
    pub dev: bool,
}

impl ChainArg {
    /// What to pass to `ChainSpec::load`: `--chain`, else `dev` under `--dev`, else `local`.
    pub fn chain_id(&self) -> &str {
        match (&self.chain, self.dev) {
            (Some(chain), _) => chain,
            (None, true) => "dev",
            (None, false) => "local",
        }
    }
}

/// Arguments of `taonet export-chain-spec` and `taonet build-spec`.
#[derive(Debug, Clone, Args)]
pub struct ChainSpecArgs {
    /// The chain to export.
    #[command(flatten)]
    pub chain: ChainArg,
    /// Write the genesis as raw storage (`"raw": {"top": …}`) instead of the runtime
    /// config patch, so that nodes of any version build exactly the same state.
    #[arg(long)]
    pub raw: bool,
    /// Give the chain slots of this many milliseconds (an even number) instead of 12 s, by
    /// setting the runtime's `:MinimumPeriod:` to half of it in the raw genesis: for test
    /// networks that must make blocks quickly. Emission stays per block.
    #[arg(long, value_name = "MS", requires = "raw")]
    pub slot_duration: Option<u64>,
}

/// Where a node keeps its data: `-d/--base-path`, defaulting to
/// `$HOME/.local/share/taonet` (see `paths::default_base_path`).
#[derive(Debug, Clone, Args)]
pub struct BasePathArg {
    /// The node's data directory; each chain's data lives under `chains/<chain id>/`.
    #[arg(long, short = 'd', value_name = "PATH")]
    pub base_path: Option<PathBuf>,
}
