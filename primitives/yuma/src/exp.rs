//! `exp` as `substrate_fixed::transcendental::exp` computes it, and subtensor's `exp_safe`.
//!
//! The Taylor series is truncated after the x^31 term and every step is floored, so the
//! result differs from the true exponential in the low bits (and far more near |x| = 20,
//! where the series has not converged). Liquid alpha feeds it into a sigmoid, so those bits
//! are part of consensus and are reproduced exactly.

use crate::fixed::I32F32;

/// `floor(e · 2^23)`: substrate-fixed returns its 23-fraction-bit constant `E` for exp(1).
const E_I9F23: i64 = 22_802_600;

/// Largest input magnitude `exp_safe` passes to `exp`.
const SAFE_LIMIT: i64 = 20 << 32;

/// One step of the series: `term · x` floored, then divided by `i` (truncated).
///
/// Both operands are non-negative here, so flooring is a plain shift; the division by a
/// small constant compiles to a multiplication once the loop is unrolled.
macro_rules! series {
    ($x:expr, $term:ident, $sum:ident, $($i:literal)*) => {$(
        let product = u128::from($term).wrapping_mul(u128::from($x)) >> 32;
        $term = u64::try_from(product).ok().filter(|&t| t <= i64::MAX as u64)? / $i;
        $sum = $sum.checked_add($term).filter(|&s| s <= i64::MAX as u64)?;
    )*};
}

/// `substrate_fixed::transcendental::exp::<I32F32, I32F32>`: `None` where it returns `Err`.
pub fn exp(x: I32F32) -> Option<I32F32> {
    let raw = x.to_bits();
    if raw == 0 {
        return Some(I32F32::ONE);
    }
    if raw == I32F32::ONE.to_bits() {
        return Some(I32F32::from_bits(E_I9F23 << 9));
    }
    let magnitude = raw.checked_abs()?.unsigned_abs();
    let mut sum = magnitude.checked_add(I32F32::ONE.to_bits().unsigned_abs())?;
    if sum > i64::MAX as u64 {
        return None;
    }
    let mut term = magnitude;
    series!(magnitude, term, sum, 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31);
    let sum = I32F32::from_bits(i64::try_from(sum).ok()?);
    if raw < 0 {
        I32F32::ONE.checked_div(sum)
    } else {
        Some(sum)
    }
}

/// subtensor's `exp_safe`: the input clamped to [-20, 20]; on failure 0 for x ≤ 0 and the
/// largest value otherwise.
pub fn exp_safe(x: I32F32) -> I32F32 {
    let clamped = I32F32::from_bits(x.to_bits().clamp(-SAFE_LIMIT, SAFE_LIMIT));
    exp(clamped).unwrap_or(if clamped.to_bits() <= 0 {
        I32F32::ZERO
    } else {
        I32F32::MAX
    })
}
