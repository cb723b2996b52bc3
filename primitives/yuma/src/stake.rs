//! Activity, stake normalisation, validator permits and active stake (yuma-epoch.md §4.1,
//! §4.3–4.5).

use alloc::vec::Vec;

use crate::fixed::{FixedDivisor, I32F32, I64F64};
use crate::matrix::sum_wrapping;

/// `active_i = last_update_i + cutoff ≥ current_block` (the inactive test is strict).
pub fn activity(last_update: &[u64], current_block: u64, cutoff: u64) -> Vec<bool> {
    last_update
        .iter()
        .map(|&updated| updated.saturating_add(cutoff) >= current_block)
        .collect()
}

/// Stake below the threshold zeroed (except `exempt`), normalised in I64F64 and floored to
/// I32F32 (§4.3, §9.16).
pub fn normalized_stake(stake: &[u64], threshold: u64, exempt: Option<u16>) -> Vec<I32F32> {
    let filtered: Vec<I64F64> = stake
        .iter()
        .enumerate()
        .map(|(uid, &s)| {
            let s = I64F64::from_u64(s);
            let is_exempt = exempt.is_some_and(|owner| usize::from(owner) == uid);
            if !is_exempt && s.to_u64() < threshold {
                I64F64::ZERO
            } else {
                s
            }
        })
        .collect();
    let sum = filtered
        .iter()
        .fold(I64F64::ZERO, |acc, &s| acc.wrapping_add(s));
    if sum == I64F64::ZERO {
        return filtered.into_iter().map(I32F32::from_i64f64).collect();
    }
    filtered
        .into_iter()
        .map(|s| I32F32::from_i64f64(s.safe_div(sum)))
        .collect()
}

/// `is_topk_nonzero`: non-zero entries, and when `k ≤ n` only the `k` largest, where a
/// stable ascending sort decides ties (so the lower uid loses).
pub fn is_topk_nonzero(values: &[I32F32], k: usize) -> Vec<bool> {
    let mut keep: Vec<bool> = values.iter().map(|v| !v.is_zero()).collect();
    let n = values.len();
    if n < k {
        return keep;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| values.get(i).copied().unwrap_or_default());
    for &i in order.iter().take(n.saturating_sub(k)) {
        if let Some(cell) = keep.get_mut(i) {
            *cell = false;
        }
    }
    keep
}

/// Stake of active uids holding an (old) permit, renormalised (§4.5).
pub fn active_stake(stake: &[I32F32], active: &[bool], permit: &[bool]) -> Vec<I32F32> {
    let mut masked: Vec<I32F32> = stake
        .iter()
        .zip(active.iter().zip(permit))
        .map(|(&s, (&a, &p))| if a && p { s } else { I32F32::ZERO })
        .collect();
    normalize(&mut masked);
    masked
}

/// `inplace_normalize`: divide by the wrapping sum unless it is zero.
pub fn normalize(values: &mut [I32F32]) {
    let sum = sum_wrapping(values);
    normalize_by(values, sum);
}

/// `inplace_normalize_using_sum`: divide by `sum` unless it is zero.
pub fn normalize_by(values: &mut [I32F32], sum: I32F32) {
    if sum.is_zero() {
        return;
    }
    let divisor = FixedDivisor::new(sum);
    values.iter_mut().for_each(|v| *v = divisor.safe_div(*v));
}
