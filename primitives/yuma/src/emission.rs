//! Turning incentive and dividends into rao (yuma-epoch.md §4.13).

use alloc::vec::Vec;

use crate::fixed::I32F32;
use crate::matrix::sum_wrapping;
use crate::stake::{normalize, normalize_by};

/// Rao per uid: miners' share, validators' share, and the combined `Emission` stored.
pub struct Emissions {
    /// `floor(I_i / Σ(I + D) · rao)`.
    pub server: Vec<u64>,
    /// `floor(D_i / Σ(I + D) · rao)`, or the stake fallback.
    pub validator: Vec<u64>,
    /// `floor(normalize(I + D)_i · rao)`, or the stake fallback.
    pub combined: Vec<u64>,
}

/// The emission split; when no usable weights give `Σ(I + D) = 0`, validators are paid by
/// active stake, or by raw normalised stake if no stake is active (§9.13).
pub fn split(
    incentive: &[I32F32],
    dividends: &[I32F32],
    stake: &[I32F32],
    active_stake: &[I32F32],
    rao: u64,
) -> Emissions {
    let combined: Vec<I32F32> = incentive
        .iter()
        .zip(dividends)
        .map(|(&i, &d)| i.saturating_add(d))
        .collect();
    let sum = sum_wrapping(&combined);
    let mut server = incentive.to_vec();
    let mut validator = dividends.to_vec();
    let mut combined_norm = combined;
    normalize_by(&mut server, sum);
    normalize_by(&mut validator, sum);
    normalize(&mut combined_norm);
    if sum.is_zero() {
        let fallback = if sum_wrapping(active_stake).is_zero() {
            stake
        } else {
            active_stake
        };
        validator = fallback.to_vec();
        combined_norm = fallback.to_vec();
    }
    let to_rao = |v: &[I32F32]| v.iter().map(|x| x.mul_rao(rao)).collect();
    Emissions {
        server: to_rao(&server),
        validator: to_rao(&validator),
        combined: to_rao(&combined_norm),
    }
}
