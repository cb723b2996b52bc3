//! How `set_weights` turns submitted values into the stored row (yuma-epoch.md §8), in the
//! same fixed-point arithmetic as subtensor.

use alloc::vec::Vec;

use crate::fixed::I32F32;
use crate::stake::normalize;

/// `I32F32::round` (ties away from zero) for a non-negative value, then to u16.
fn round_to_u16(x: I32F32) -> u16 {
    I32F32::from_bits(x.to_bits().saturating_add(1 << 31)).to_u16()
}

/// subtensor's `vec_u16_max_upscale_to_u16`: scales `values` so the largest is 65535,
/// rounding to nearest. Above 32768 the scale `65535 / max` is formed first, below it
/// `v · 65535` is divided by `max`, exactly as subtensor orders the two roundings.
pub fn max_upscale_to_u16(values: &[u16]) -> Vec<u16> {
    let Some(&max) = values.iter().max() else {
        return Vec::new();
    };
    let u16_max = I32F32::from_u16(u16::MAX);
    let max = I32F32::from_u16(max);
    if max.is_zero() {
        return alloc::vec![0; values.len()];
    }
    if max > I32F32::from_u16(32_768) {
        let scale = u16_max.safe_div(max);
        values
            .iter()
            .map(|&v| round_to_u16(I32F32::from_u16(v).saturating_mul(scale)))
            .collect()
    } else {
        values
            .iter()
            .map(|&v| round_to_u16(I32F32::from_u16(v).saturating_mul(u16_max).safe_div(max)))
            .collect()
    }
}

/// subtensor's `check_vec_max_limited`: whether the largest normalised value is at most
/// `max_limit / 65535`.
pub fn is_max_limited(values: &[u16], max_limit: u16) -> bool {
    let limit = I32F32::from_u16_proportion(max_limit);
    let mut normalized: Vec<I32F32> = values.iter().map(|&v| I32F32::from_u16(v)).collect();
    normalize(&mut normalized);
    normalized.iter().max().is_none_or(|&m| m <= limit)
}
