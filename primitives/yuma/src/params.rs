//! The per-subnet hyperparameters an epoch reads, and the fixed-point constants derived
//! from them.

use crate::fixed::{I32F32, I64F64};

/// Hyperparameters of one epoch (yuma-epoch.md §2).
///
/// `Default` gives the values of `yuma-cli.md`, which are subtensor's storage defaults
/// (note: Yuma3 off there, while subtensor's `init_new_network` turns it on for new subnets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpochParams {
    /// Blocks between epochs; with `last_mechanism_step_block == 0` it dates the bond mask.
    pub tempo: u16,
    /// Block of the last successful distribution (`LastMechansimStepBlock`), 0 if none.
    pub last_mechanism_step_block: u64,
    /// A uid is inactive when its last update is more than this many blocks old.
    pub activity_cutoff: u64,
    /// Consensus majority as a u16 ratio.
    pub kappa: u16,
    /// Bond EMA memory in millionths (900 000 keeps 90 % of the old bonds).
    pub bonds_moving_average: u64,
    /// How far bonds follow clipped rather than raw weights, as a u16 ratio.
    pub bonds_penalty: u16,
    /// Number of validator permits handed out by stake.
    pub max_allowed_validators: u16,
    /// Yuma 3 bonds (proportions, dividends weighted by active stake) instead of Yuma 2.
    pub yuma3: bool,
    /// Per-bond EMA rates from a sigmoid of the weight–consensus gap (Yuma 3 only).
    pub liquid_alpha: bool,
    /// Lowest liquid-alpha EMA rate, as a u16 ratio.
    pub alpha_low: u16,
    /// Highest liquid-alpha EMA rate, as a u16 ratio.
    pub alpha_high: u16,
    /// Steepness of the liquid-alpha sigmoid.
    pub alpha_sigmoid_steepness: i16,
    /// Stake (rao) below which a uid counts as having none.
    pub stake_threshold: u64,
    /// The subnet owner's uid: always permitted, exempt from the threshold, keeps its
    /// self-weight (sparse epoch only).
    pub owner_uid: Option<u16>,
    /// Whether weights referring to uids registered after a validator's commit are masked.
    pub commit_reveal_enabled: bool,
}

/// subtensor's default `ActivityCutoffFactorMilli` (≈ 5 000 blocks at tempo 360).
pub const DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI: u32 = 13_889;

/// `get_activity_cutoff_blocks`: `max(1, factor_milli · tempo / 1000)`.
pub fn activity_cutoff_blocks(factor_milli: u32, tempo: u16) -> u64 {
    (u64::from(factor_milli).saturating_mul(u64::from(tempo)) / 1000).max(1)
}

impl Default for EpochParams {
    fn default() -> Self {
        Self {
            tempo: 360,
            last_mechanism_step_block: 0,
            activity_cutoff: activity_cutoff_blocks(DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI, 360),
            kappa: 32_767,
            bonds_moving_average: 900_000,
            bonds_penalty: u16::MAX,
            max_allowed_validators: 64,
            yuma3: false,
            liquid_alpha: false,
            alpha_low: 45_875,
            alpha_high: 58_982,
            alpha_sigmoid_steepness: 1000,
            stake_threshold: 0,
            owner_uid: None,
            commit_reveal_enabled: false,
        }
    }
}

impl EpochParams {
    /// The first block after the last epoch: bonds to uids registered at or after it are
    /// masked (§4.2).
    pub fn last_tempo(&self, current_block: u64) -> u64 {
        if self.last_mechanism_step_block == 0 {
            current_block.saturating_sub(u64::from(self.tempo))
        } else {
            self.last_mechanism_step_block.saturating_add(1)
        }
    }

    /// κ as subtensor's `get_float_kappa`.
    pub fn kappa_fixed(&self) -> I32F32 {
        I32F32::from_u16_proportion(self.kappa)
    }

    /// β as subtensor's `get_float_bonds_penalty`.
    pub fn bonds_penalty_fixed(&self) -> I32F32 {
        I32F32::from_u16_proportion(self.bonds_penalty)
    }

    /// Yuma 2's EMA rate, `1 − I32F32(I64F64(bma) / 10^6)` (0.1 for 900 000), with
    /// `saturating_from_num` conversions as `compute_ema_bonds_normal_sparse` has them.
    pub fn ema_alpha(&self) -> I32F32 {
        let memory =
            I64F64::from_u64(self.bonds_moving_average).safe_div(I64F64::from_u64(1_000_000));
        I32F32::ONE.saturating_sub(I32F32::from_i64f64(memory))
    }

    /// Yuma 3's fixed EMA rate (liquid alpha off or no consensus), as subtensor's
    /// `compute_disabled_liquid_alpha` computes it: the same formula, but its `from_num`
    /// conversions wrap where Yuma 2's saturate. The two differ only for
    /// `bonds_moving_average ≥ 2^31 · 10^6`, which root alone could set.
    pub fn yuma3_ema_alpha(&self) -> I32F32 {
        // I64F64::from_num(u64) keeps the low 128 bits of bma · 2^64.
        let memory = I64F64::from_bits((u128::from(self.bonds_moving_average) << 64) as i128)
            .safe_div(I64F64::from_u64(1_000_000));
        // I32F32::from_num(I64F64) drops 32 fraction bits and keeps the low 64 bits.
        let memory = I32F32::from_bits((memory.to_bits() >> 32) as i64);
        I32F32::ONE.saturating_sub(memory)
    }
}
