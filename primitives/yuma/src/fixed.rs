//! Fixed-point numbers with exactly the rounding of `substrate-fixed` 0.6.
//!
//! The Bittensor chain computes Yuma in `substrate_fixed::types::{I32F32, I64F64, I96F32}`.
//! These newtypes keep the same raw representation and reproduce every operation the epoch
//! uses bit for bit (yuma-epoch.md §1): products are floored, quotients truncated toward
//! zero, `safe_div` yields zero on a zero divisor or an overflowing quotient, sums of vectors
//! wrap like release-mode integer addition. Only what the epoch needs is here, so every
//! operation can be checked against `substrate-fixed` in the tests.

/// Signed fixed point with 32 integer and 32 fractional bits (value = raw / 2^32).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Debug)]
pub struct I32F32(i64);

/// Signed fixed point with 64 integer and 64 fractional bits (value = raw / 2^64).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Debug)]
pub struct I64F64(i128);

/// `u16::MAX` as the denominator of every u16 ratio stored on chain.
const U16_MAX: i64 = u16::MAX as i64;
/// The fraction bits of a raw I32F32.
const LOW_BITS: u64 = (1 << 32) - 1;

impl I32F32 {
    /// Zero.
    pub const ZERO: Self = Self(0);
    /// One.
    pub const ONE: Self = Self(1 << 32);
    /// One half, the sigmoid's midpoint.
    pub const HALF: Self = Self(1 << 31);
    /// Largest representable value.
    pub const MAX: Self = Self(i64::MAX);
    /// Smallest representable value.
    pub const MIN: Self = Self(i64::MIN);

    /// The number whose raw representation is `raw`.
    #[inline]
    pub const fn from_bits(raw: i64) -> Self {
        Self(raw)
    }

    /// The raw representation (value × 2^32).
    #[inline]
    pub const fn to_bits(self) -> i64 {
        self.0
    }

    /// `I32F32::saturating_from_num(u16)`: exact.
    #[inline]
    pub const fn from_u16(v: u16) -> Self {
        Self((v as i64) << 32)
    }

    /// `I32F32::saturating_from_num(i16)`: exact.
    #[inline]
    pub const fn from_i16(v: i16) -> Self {
        Self((v as i64) << 32)
    }

    /// A u16 ratio `v / 65535`, as `I32F32(v).safe_div(I32F32(65535))`: floored.
    #[inline]
    pub const fn from_u16_proportion(v: u16) -> Self {
        // (v·2^32·2^32) / (65535·2^32) truncates to floor(v·2^32 / 65535); fits easily.
        Self(((v as i64) << 32) / U16_MAX)
    }

    /// `I32F32::saturating_from_num(I64F64)`: extra fraction bits floored, then saturated.
    #[inline]
    pub fn from_i64f64(x: I64F64) -> Self {
        let floored = x.0 >> 32;
        Self(i64::try_from(floored).unwrap_or(if floored < 0 { i64::MIN } else { i64::MAX }))
    }

    /// Whether the value is exactly zero.
    #[inline]
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Raw addition, wrapping on overflow like `Sum` in a release build.
    #[inline]
    pub const fn wrapping_add(self, rhs: Self) -> Self {
        Self(self.0.wrapping_add(rhs.0))
    }

    /// Addition clamped to the representable range.
    #[inline]
    pub const fn saturating_add(self, rhs: Self) -> Self {
        Self(self.0.saturating_add(rhs.0))
    }

    /// Subtraction clamped to the representable range.
    #[inline]
    pub const fn saturating_sub(self, rhs: Self) -> Self {
        Self(self.0.saturating_sub(rhs.0))
    }

    /// `floor(a·b / 2^32)` if it fits in i64. |a·b| ≤ 2^126, so the i128 product is exact;
    /// the quotient fits iff the product's bits above bit 95 all equal its sign, which
    /// one comparison of the high word checks.
    #[inline]
    fn product(self, rhs: Self) -> Result<i64, bool> {
        let p = i128::from(self.0).wrapping_mul(i128::from(rhs.0));
        let low = (p >> 32) as i64;
        if (p >> 96) as i64 == low >> 63 {
            Ok(low)
        } else {
            Err(p < 0)
        }
    }

    /// The floored product, or `None` when it does not fit.
    #[inline]
    pub fn checked_mul(self, rhs: Self) -> Option<Self> {
        self.product(rhs).ok().map(Self)
    }

    /// The floored product, clamped to the bound of its sign on overflow, as
    /// substrate-fixed does.
    #[inline]
    pub fn saturating_mul(self, rhs: Self) -> Self {
        // Factors in [0, 1], the epoch's usual case, cannot saturate.
        if let (Some(a), Some(b)) = (Unit::new(self), Unit::new(rhs)) {
            return a.times(b);
        }
        match self.product(rhs) {
            Ok(v) => Self(v),
            Err(true) => Self::MIN,
            Err(false) => Self::MAX,
        }
    }

    /// The quotient truncated toward zero, or `None` for a zero divisor or an overflow.
    #[inline]
    pub fn checked_div(self, rhs: Self) -> Option<Self> {
        if rhs.0 == 0 {
            return None;
        }
        // |self << 32| < 2^95, so neither the shift nor the division can overflow i128.
        let wide = (i128::from(self.0) << 32).checked_div(i128::from(rhs.0))?;
        i64::try_from(wide).ok().map(Self)
    }

    /// subtensor's `safe_div`: the quotient, or zero for a zero divisor or an overflow.
    #[inline]
    pub fn safe_div(self, rhs: Self) -> Self {
        self.checked_div(rhs).unwrap_or_default()
    }

    /// The quotient, clamped to the representable range on overflow (and for a zero
    /// divisor, where `substrate-fixed` would panic; the epoch never divides by zero here).
    #[inline]
    pub fn saturating_div(self, rhs: Self) -> Self {
        self.checked_div(rhs)
            .unwrap_or(if (self.0 < 0) != (rhs.0 < 0) {
                Self::MIN
            } else {
                Self::MAX
            })
    }

    /// `saturating_to_num::<u16>()`: floored, clamped to `[0, 65535]`.
    #[inline]
    pub fn to_u16(self) -> u16 {
        let int = self.0 >> 32;
        u16::try_from(int.max(0)).unwrap_or(u16::MAX)
    }

    /// `saturating_to_num::<u64>()`: floored, negative values give 0.
    #[inline]
    pub fn to_u64(self) -> u64 {
        u64::try_from((self.0 >> 32).max(0)).unwrap_or_default()
    }

    /// subtensor's `fixed_proportion_to_u16`: `floor(x · 65535)` computed in I32F32, the
    /// form of every u16 vector the epoch persists. (x·65535 is exact in i128; clamping
    /// it gives what saturating in I32F32 and then in u16 gives.)
    #[inline]
    pub fn to_u16_proportion(self) -> u16 {
        // In [0, 1] (every proportion the epoch stores), x·65535 < 2^48 and the floor is
        // at most 65535: one 64-bit product.
        if let Some(unit) = Unit::new(self) {
            return unit.to_u16_proportion();
        }
        let scaled = (i128::from(self.0).wrapping_mul(i128::from(U16_MAX)) >> 32)
            .clamp(0, i128::from(U16_MAX));
        scaled as u16
    }

    /// `floor(self · amount)` in I96F32 then `saturating_to_num::<u64>()`: the rao share of
    /// `amount` that a normalised emission weight stands for.
    #[inline]
    pub fn mul_rao(self, amount: u64) -> u64 {
        let Ok(raw) = u128::try_from(self.0) else {
            return 0;
        };
        // raw < 2^63 and amount < 2^64: the product fits in u128 exactly.
        let product = raw.wrapping_mul(u128::from(amount));
        u64::try_from(product >> 32).unwrap_or(u64::MAX)
    }

    /// `self.max(lo).min(hi)` in the order subtensor's `clamp_value` applies them
    /// (`min(high)` first, then `max(low)`).
    #[inline]
    pub fn clamp_value(self, lo: Self, hi: Self) -> Self {
        self.min(hi).max(lo)
    }

    /// The exact decimal expansion of the value (at most 32 fractional digits), for output
    /// that must not round.
    #[cfg(feature = "std")]
    pub fn to_decimal_string(self) -> std::string::String {
        decimal_string(i128::from(self.0), 32)
    }
}

impl I64F64 {
    /// Zero.
    pub const ZERO: Self = Self(0);

    /// The raw representation (value × 2^64).
    #[inline]
    pub const fn to_bits(self) -> i128 {
        self.0
    }

    /// The number whose raw representation is `raw`.
    #[inline]
    pub const fn from_bits(raw: i128) -> Self {
        Self(raw)
    }

    /// `I64F64::saturating_from_num(u64)`: exact below 2^63, saturated above.
    #[inline]
    pub fn from_u64(v: u64) -> Self {
        match i64::try_from(v) {
            Ok(v) => Self(i128::from(v) << 64),
            Err(_) => Self(i128::MAX),
        }
    }

    /// Raw addition, wrapping on overflow like `Sum` in a release build.
    #[inline]
    pub const fn wrapping_add(self, rhs: Self) -> Self {
        Self(self.0.wrapping_add(rhs.0))
    }

    /// `saturating_to_num::<u64>()`: floored, clamped to `[0, u64::MAX]`.
    #[inline]
    pub fn to_u64(self) -> u64 {
        u64::try_from((self.0 >> 64).max(0)).unwrap_or(u64::MAX)
    }

    /// The quotient truncated toward zero, or `None` for a zero divisor or an overflow.
    #[inline]
    pub fn checked_div(self, rhs: Self) -> Option<Self> {
        if rhs.0 == 0 {
            return None;
        }
        const LOW: i128 = (1 << 64) - 1;
        if self.0 >= 0 && rhs.0 > 0 && self.0 & LOW == 0 && rhs.0 & LOW == 0 {
            // Whole numbers a / b: (a·2^64·2^64) / (b·2^64) = (a << 64) / b with a < 2^63.
            let quotient = ((self.0 >> 64) << 64).checked_div(rhs.0 >> 64)?;
            return Some(Self(quotient));
        }
        let negative = (self.0 < 0) != (rhs.0 < 0);
        let magnitude = div_shifted_u128(self.0.unsigned_abs(), rhs.0.unsigned_abs())?;
        if negative {
            // A magnitude of exactly 2^127 is i128::MIN, still representable.
            (magnitude <= 1 << 127).then(|| Self((magnitude as i128).wrapping_neg()))
        } else {
            i128::try_from(magnitude).ok().map(Self)
        }
    }

    /// subtensor's `safe_div`: the quotient, or zero for a zero divisor or an overflow.
    #[inline]
    pub fn safe_div(self, rhs: Self) -> Self {
        self.checked_div(rhs).unwrap_or_default()
    }
}

/// `floor((a · 2^64) / d)` for `d > 0`, or `None` when the quotient needs more than 128 bits.
///
/// Plain restoring division over the 192-bit numerator; only unusual stake vectors (values
/// that are not whole rao, or sums past 2^63) take this path.
fn div_shifted_u128(a: u128, d: u128) -> Option<u128> {
    // Numerator bits, most significant first: a's 128 bits then 64 zero bits.
    let mut remainder: u128 = 0;
    let mut quotient: u128 = 0;
    for bit in (0..192u32).rev() {
        let incoming = if bit >= 64 {
            (a >> (bit.wrapping_sub(64))) & 1
        } else {
            0
        };
        let carry = remainder >> 127;
        remainder = (remainder << 1) | incoming;
        let take = carry == 1 || remainder >= d;
        if take {
            remainder = remainder.wrapping_sub(d);
        }
        if quotient >> 127 != 0 {
            return None;
        }
        quotient = (quotient << 1) | u128::from(take);
    }
    Some(quotient)
}

/// Fast exact division of many I32F32 numerators by one divisor.
///
/// Row and column normalisation divide a million entries by a few thousand divisors; a
/// software 128-bit division per entry would dominate the epoch. For a positive divisor
/// this precomputes its reciprocal once (Möller and Granlund, "Improved division by
/// invariant integers", 2011) so that each non-negative quotient costs two multiplications.
/// Every result is identical to [`I32F32::safe_div`], which handles all other cases.
/// Numerators in [0, 1] (the usual case: normalised weights and bonds) take one
/// multiplication instead ([`UnitDivisor`]), as do whole numbers up to 65535 over a whole
/// divisor (integer bonds over their column sums, [`WeightDivisor`]).
#[derive(Clone, Copy, Debug)]
pub struct FixedDivisor {
    divisor: I32F32,
    reciprocal: Option<Reciprocal>,
    unit: Option<UnitDivisor>,
    whole: Option<WeightDivisor>,
}

/// A positive 64-bit divisor prepared for 128-by-64-bit division.
#[derive(Clone, Copy, Debug)]
struct Reciprocal {
    /// The divisor, as an integer.
    raw: u64,
    /// The divisor shifted left until its top bit is set.
    normalized: u64,
    shift: u32,
    /// floor((2^128 - 1) / normalized) - 2^64.
    value: u64,
}

impl FixedDivisor {
    /// Prepares division by `divisor`.
    #[inline]
    pub fn new(divisor: I32F32) -> Self {
        let reciprocal = u64::try_from(divisor.0)
            .ok()
            .filter(|&d| d != 0)
            .map(|raw| {
                let shift = raw.leading_zeros();
                let normalized = raw << shift;
                // In [2^64, 2^65) because normalized ≥ 2^63; the cast drops the leading 2^64.
                let value = (u128::MAX / u128::from(normalized)) as u64;
                Reciprocal {
                    raw,
                    normalized,
                    shift,
                    value,
                }
            });
        let whole = u64::try_from(divisor.0)
            .ok()
            .filter(|d| d & LOW_BITS == 0)
            .and_then(|d| WeightDivisor::new(d >> 32));
        Self {
            divisor,
            reciprocal,
            unit: UnitDivisor::new(divisor),
            whole,
        }
    }

    /// The divisor this was prepared for.
    #[inline]
    pub fn divisor(&self) -> I32F32 {
        self.divisor
    }

    /// `numerator.safe_div(divisor)`, bit for bit.
    #[inline]
    pub fn safe_div(&self, numerator: I32F32) -> I32F32 {
        if let Ok(raw) = u64::try_from(numerator.0) {
            if let (Some(unit), Some(v)) = (self.unit, Unit::new(numerator)) {
                return unit.quotient(v).get();
            }
            if let (Some(whole), true) = (self.whole, raw & LOW_BITS == 0) {
                if let Ok(w) = u16::try_from(raw >> 32) {
                    return whole.quotient(w).get();
                }
            }
        }
        // The numerator stands for raw·2^32; its quotient fits in 64 bits iff raw >> 32 < d.
        match (self.reciprocal, u64::try_from(numerator.0)) {
            (Some(r), Ok(raw)) if raw >> 32 < r.raw => {
                let quotient = r.divide(u128::from(raw) << 32);
                i64::try_from(quotient).map(I32F32).unwrap_or_default()
            }
            _ => numerator.safe_div(self.divisor),
        }
    }
}

impl Reciprocal {
    /// `floor(n / raw)` for `n < raw · 2^64` (the 2-by-1 division of Möller and Granlund).
    #[inline]
    fn divide(&self, n: u128) -> u64 {
        let n = n << self.shift;
        let (u1, u0) = ((n >> 64) as u64, n as u64);
        let d = self.normalized;
        let q = u128::from(self.value)
            .wrapping_mul(u128::from(u1))
            .wrapping_add(n);
        let mut q1 = ((q >> 64) as u64).wrapping_add(1);
        let q0 = q as u64;
        let mut r = u0.wrapping_sub(q1.wrapping_mul(d));
        if r > q0 {
            q1 = q1.wrapping_sub(1);
            r = r.wrapping_add(d);
        }
        if r >= d {
            q1 = q1.wrapping_add(1);
        }
        q1
    }
}

/// An I32F32 in [0, 1], as its raw bits (at most 2^32). The product of two such values
/// stays in [0, 1], so `saturating_mul` never saturates on them: here it is one widening
/// multiplication and a shift, with the same result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unit(u64);

impl Unit {
    /// `x` if it lies in [0, 1].
    #[inline]
    pub fn new(x: I32F32) -> Option<Self> {
        u64::try_from(x.0)
            .ok()
            .filter(|&raw| raw <= 1 << 32)
            .map(Self)
    }

    /// [`I32F32::from_u16_proportion`], which lies in [0, 1].
    #[inline]
    pub const fn from_u16_proportion(v: u16) -> Self {
        Self(((v as u64) << 32) / U16_MAX as u64)
    }

    /// `x` clipped at this value: the smaller of the two.
    #[inline]
    pub fn clip(self, x: NonNegative) -> Self {
        Self(self.0.min(x.0))
    }

    /// `I32F32::saturating_mul`, which cannot saturate here.
    #[inline]
    pub fn times(self, rhs: Self) -> I32F32 {
        self.product(rhs).get()
    }

    /// [`Self::times`] as a `Unit`: the product of two values in [0, 1] lies in [0, 1].
    #[inline]
    pub fn product(self, rhs: Self) -> Self {
        // ≤ 2^64 · 2^-32: the product and the result fit.
        Self(((u128::from(self.0) * u128::from(rhs.0)) >> 32) as u64)
    }

    /// `self.get().saturating_mul(x.get())`, which cannot saturate: a factor in [0, 1]
    /// keeps a non-negative value below 2^63.
    #[inline]
    pub fn scale(self, x: NonNegative) -> NonNegative {
        // ≤ 2^32 · 2^63: the product fits, and the result stays below 2^63.
        NonNegative(((u128::from(self.0) * u128::from(x.0)) >> 32) as u64)
    }

    /// [`I32F32::to_u16_proportion`] of the value.
    #[inline]
    pub fn to_u16_proportion(self) -> u16 {
        // self.0 ≤ 2^32: the product is below 2^48 and the quotient at most 65535.
        ((self.0 * U16_MAX as u64) >> 32) as u16
    }

    /// The value as I32F32.
    #[inline]
    pub const fn get(self) -> I32F32 {
        I32F32(self.0 as i64)
    }
}

/// A non-negative I32F32, as its raw bits (below 2^63), as quotients of non-negative
/// values are. Sums of such values can only saturate upwards and their products by a
/// [`Unit`] never do, so neither needs the sign checks of the general operations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct NonNegative(u64);

impl NonNegative {
    /// `x` if it is not negative.
    #[inline]
    pub fn new(x: I32F32) -> Option<Self> {
        u64::try_from(x.0).ok().map(Self)
    }

    /// `I32F32::saturating_add` of two non-negative values: their sum, or the maximum.
    #[inline]
    pub fn saturating_add(self, rhs: Self) -> Self {
        // Both are below 2^63: the sum fits in 64 bits.
        Self(self.0.wrapping_add(rhs.0).min(i64::MAX as u64))
    }

    /// The value as I32F32.
    #[inline]
    pub const fn get(self) -> I32F32 {
        I32F32(self.0 as i64)
    }
}

/// Division of values in [0, 1] by a fixed divisor as `I32F32::safe_div` does it, by one
/// widening multiplication and a shift.
///
/// The numerator stands for `x = v · 2^32 ≤ 2^64`. With `2^(l−1) < d ≤ 2^l` and
/// `m = ceil(2^(65+l) / d)`, `m · d` lies in `[2^(65+l), 2^(65+l) + 2^l]`, so
/// `floor(x · m / 2^(65+l)) = floor(x / d)` (Granlund and Montgomery, Theorem 4.2), that
/// is `floor(v · m / 2^(33+l))`; `2^65 ≤ m < 2^66` is kept as 64 low bits and a high part
/// below 4.
///
/// That shift is split so that only 64-bit shifts remain: `v` is first shifted left by
/// `31 − l` (when l < 31), the high word of its product with `m` taken, then shifted
/// right by `l − 31` (when l > 31). The shifted `v` stays below 2^63 and, as `d ≥ 2`, its
/// product with `m` below 2^128, so the high word is exact.
///
/// The default divides every value to zero, as a zero sum does the values of a column of
/// zeros.
#[derive(Clone, Copy, Debug, Default)]
pub struct UnitDivisor {
    magic_low: u64,
    magic_high: u32,
    /// `max(0, 31 − l)`.
    pre: u8,
    /// `max(0, l − 31)`.
    post: u8,
}

impl UnitDivisor {
    /// Prepares division by `divisor`; `None` unless `2 ≤ divisor ≤ 2^62` (raw).
    #[inline]
    pub fn new(divisor: I32F32) -> Option<Self> {
        let d = u64::try_from(divisor.0)
            .ok()
            .filter(|d| (2..=1 << 62).contains(d))?;
        let l = 64u32.saturating_sub(d.wrapping_sub(1).leading_zeros());
        let total_shift = 65u32.saturating_add(l);
        let magic =
            (1u128 << total_shift).wrapping_add(u128::from(d).wrapping_sub(1)) / u128::from(d);
        Some(Self {
            magic_low: magic as u64,
            magic_high: u32::try_from(magic >> 64).ok()?,
            pre: u8::try_from(31u32.saturating_sub(l)).ok()?,
            post: u8::try_from(l.saturating_sub(31)).ok()?,
        })
    }

    /// `v.get().safe_div(divisor)`: the floored quotient, or zero if it overflows.
    #[inline]
    pub fn quotient(&self, v: Unit) -> NonNegative {
        let v = v.0 << (self.pre & 63);
        let low = u128::from(v).wrapping_mul(u128::from(self.magic_low));
        let high = ((low >> 64) as u64).wrapping_add(v.wrapping_mul(u64::from(self.magic_high)));
        let quotient = high >> (self.post & 63);
        NonNegative(if quotient <= i64::MAX as u64 {
            quotient
        } else {
            0
        })
    }
}

/// Division of stored u16 weights by their row total, as row normalisation does it:
/// `I32F32(w).safe_div(I32F32(total))`, which for whole numbers is
/// `floor(w · 2^32 / total)`, by one multiplication and a shift.
///
/// With `x = w · 2^32 < 2^48` (48-bit numerators), `2^(l−1) < total ≤ 2^l` and
/// `m = ceil(2^(48+l) / total)`, `m · total` lies in `[2^(48+l), 2^(48+l) + 2^l]`, so
/// `floor(x · m / 2^(48+l)) = floor(x / total)` (Granlund and Montgomery, "Division by
/// invariant integers using multiplication", 1994, Theorem 4.2), that is
/// `floor(w · m / 2^(16+l))`, with `m < 2^50`. Shifting `w` left by `48 − l` first (it stays
/// below 2^64) makes that the high word of one 64 × 64-bit product.
///
/// The default divides every weight to zero, as a zero total does the weights of a row of
/// zeros.
#[derive(Clone, Copy, Debug, Default)]
pub struct WeightDivisor {
    magic: u64,
    /// `48 − l`, at most 48.
    pre: u32,
}

impl WeightDivisor {
    /// Prepares division by `total`; `None` unless `0 < total < 2^31` (larger totals wrap
    /// the I32F32 row sum, and those rows keep the general path).
    #[inline]
    pub fn new(total: u64) -> Option<Self> {
        if total == 0 || total >= 1 << 31 {
            return None;
        }
        let l = 64u32.saturating_sub(total.wrapping_sub(1).leading_zeros());
        let magic = ((1u128 << 48u32.saturating_add(l))
            .wrapping_add(u128::from(total).wrapping_sub(1))
            / u128::from(total)) as u64;
        Some(Self {
            magic,
            pre: 48u32.saturating_sub(l),
        })
    }

    /// `I32F32(weight).safe_div(I32F32(total))`.
    #[inline]
    pub fn quotient(&self, weight: u16) -> NonNegative {
        let w = u64::from(weight) << (self.pre & 63);
        let product = u128::from(w).wrapping_mul(u128::from(self.magic));
        // At most 2^16 · 2^32.
        NonNegative((product >> 64) as u64)
    }
}

/// Exact decimal text of `raw / 2^frac_bits`.
#[cfg(feature = "std")]
fn decimal_string(raw: i128, frac_bits: u32) -> std::string::String {
    use std::fmt::Write;
    let magnitude = raw.unsigned_abs();
    let int = magnitude >> frac_bits;
    let mut frac = magnitude & ((1u128 << frac_bits).wrapping_sub(1));
    let mut out = std::string::String::new();
    if raw < 0 {
        out.push('-');
    }
    let _ = write!(out, "{int}");
    if frac != 0 {
        out.push('.');
        while frac != 0 {
            // frac < 2^frac_bits ≤ 2^64, so ×10 cannot overflow u128.
            frac = frac.wrapping_mul(10);
            let digit = frac >> frac_bits;
            frac &= (1u128 << frac_bits).wrapping_sub(1);
            let _ = write!(out, "{digit}");
        }
    }
    out
}
