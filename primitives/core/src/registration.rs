//! What joining costs: the price of a subnet, the burn of a neuron registration, and
//! proof-of-work registration.
//!
//! Pure integer functions: the runtime calls them with values from storage, and tests pin
//! their exact results.

use crate::Balance;

/// Lock cost of a new subnet: twice the last lock, reduced linearly to nothing over
/// `reduction_interval` blocks since that lock, and never below `min_lock`. The first
/// subnet (`last_lock_block == 0`) costs the last lock undoubled. As subtensor computes it,
/// the per-block reduction is `last_lock / reduction_interval`, floored.
pub fn network_lock_cost(
    last_lock: Balance,
    min_lock: Balance,
    last_lock_block: u64,
    current_block: u64,
    reduction_interval: u64,
) -> Balance {
    let multiplier = if last_lock_block == 0 { 1 } else { 2 };
    let per_block = last_lock.checked_div(reduction_interval).unwrap_or(0);
    let reduction = per_block.saturating_mul(current_block.saturating_sub(last_lock_block));
    last_lock
        .saturating_mul(multiplier)
        .saturating_sub(reduction)
        .max(min_lock)
}

/// `value · factor / 2^32`, floored and saturated (`factor` in Q32).
fn mul_q32(value: u64, factor: u64) -> u64 {
    let product = u128::from(value).saturating_mul(u128::from(factor)) >> 32;
    u64::try_from(product).unwrap_or(u64::MAX)
}

/// `base^exponent` in Q32, by squaring, each product floored.
fn pow_q32(base: u64, exponent: u16) -> u64 {
    let (mut result, mut base, mut exponent) = (1u64 << 32, base, exponent);
    while exponent > 0 {
        if exponent & 1 == 1 {
            result = mul_q32(result, base);
        }
        base = mul_q32(base, base);
        exponent >>= 1;
    }
    result
}

/// The per-block burn decay factor in Q32 for a half-life of `half_life` blocks: the
/// largest `f` whose `half_life`-th power (computed as [`pow_q32`] does) is at most ½.
/// A half-life of 0 means no decay (factor 1).
pub fn burn_decay_factor(half_life: u16) -> u64 {
    if half_life == 0 {
        return 1 << 32;
    }
    // Invariant: pow(lo) ≤ ½ < pow(hi).
    let (mut lo, mut hi) = (0u64, 1u64 << 32);
    while lo.saturating_add(1) < hi {
        let mid = lo.saturating_add(hi.saturating_sub(lo) >> 1);
        if pow_q32(mid, half_life) > 1 << 31 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    lo
}

/// The burn after one block of decay by `factor` (see [`burn_decay_factor`]), kept within
/// `[min_burn, max_burn]`.
pub fn decayed_burn(burn: Balance, factor: u64, min_burn: Balance, max_burn: Balance) -> Balance {
    clamp(mul_q32(burn, factor), min_burn, max_burn)
}

/// The burn after a registration: multiplied by `multiplier` (U64F64 bits, at least 1),
/// floored, kept within `[min_burn, max_burn]`.
pub fn bumped_burn(
    burn: Balance,
    multiplier: u128,
    min_burn: Balance,
    max_burn: Balance,
) -> Balance {
    let multiplier = multiplier.max(1 << 64);
    let (whole, fraction) = (multiplier >> 64, multiplier & u128::from(u64::MAX));
    let product = u128::from(burn)
        .saturating_mul(whole)
        .saturating_add(u128::from(burn).saturating_mul(fraction) >> 64);
    clamp(
        u64::try_from(product).unwrap_or(u64::MAX),
        min_burn,
        max_burn,
    )
}

/// `value` raised to `min`, then lowered to `max` (so `max` wins if they cross).
fn clamp(value: Balance, min: Balance, max: Balance) -> Balance {
    value.max(min).min(max)
}

/// The proof-of-work seal of `nonce` for `hotkey` at the block whose hash is `block_hash`:
/// `keccak256(sha256(nonce as 8 LE bytes ++ keccak256(block_hash ++ hotkey)))`.
pub fn seal(block_hash: &[u8; 32], hotkey: &[u8; 32], nonce: u64) -> [u8; 32] {
    let mut block_and_hotkey = [0u8; 64];
    let (left, right) = block_and_hotkey.split_at_mut(32);
    left.copy_from_slice(block_hash);
    right.copy_from_slice(hotkey);
    let mut work = [0u8; 40];
    let (nonce_bytes, digest) = work.split_at_mut(8);
    nonce_bytes.copy_from_slice(&nonce.to_le_bytes());
    digest.copy_from_slice(&sp_crypto_hashing::keccak_256(&block_and_hotkey));
    sp_crypto_hashing::keccak_256(&sp_crypto_hashing::sha2_256(&work))
}

/// Whether `seal`, read as a little-endian 256-bit number, times `difficulty` stays below
/// 2^256: the higher the difficulty, the fewer seals pass.
pub fn meets_difficulty(seal: &[u8; 32], difficulty: u64) -> bool {
    let mut carry: u128 = 0;
    for limb in seal.chunks_exact(8) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(limb);
        let product = u128::from(u64::from_le_bytes(bytes))
            .saturating_mul(u128::from(difficulty))
            .saturating_add(carry);
        carry = product >> 64;
    }
    carry == 0
}

/// The next difficulty after an adjustment interval that saw `registrations` against a
/// target of `target`: scaled by `(registrations + target) / (2 · target)` (up when
/// registrations exceed the target, down when they fall short), kept within
/// `[min_difficulty, max_difficulty]`. A zero target leaves the difficulty unchanged.
pub fn adjusted_difficulty(
    difficulty: u64,
    registrations: u16,
    target: u16,
    min_difficulty: u64,
    max_difficulty: u64,
) -> u64 {
    let numerator = u128::from(registrations).saturating_add(u128::from(target));
    let denominator = u128::from(target).saturating_mul(2);
    let next = u128::from(difficulty)
        .saturating_mul(numerator)
        .checked_div(denominator)
        .map_or(difficulty, |d| u64::try_from(d).unwrap_or(u64::MAX));
    next.max(min_difficulty).min(max_difficulty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RAO_PER_TAO;

    const TAO: Balance = RAO_PER_TAO;
    const WEEKS_2: u64 = 100_800;

    #[test]
    fn lock_cost_doubles_then_decays_to_the_minimum() {
        let min = 1_000 * TAO;
        // The first subnet pays the minimum.
        assert_eq!(network_lock_cost(min, min, 0, 50, WEEKS_2), min);
        // Right after a 1 000 TAO lock the next costs 2 000 TAO ...
        assert_eq!(network_lock_cost(min, min, 10, 10, WEEKS_2), 2_000 * TAO);
        // ... falling by floor(1000 TAO / 100 800) = 9 920 634 rao per block ...
        assert_eq!(
            network_lock_cost(min, min, 10, 11, WEEKS_2),
            2_000 * TAO - 9_920_634
        );
        assert_eq!(
            network_lock_cost(min, min, 10, 10 + 50_400, WEEKS_2),
            2_000 * TAO - 9_920_634 * 50_400
        );
        // ... which, floored, leaves 92 800 rao above the minimum after the full interval,
        // and the minimum from the next block on.
        assert_eq!(
            network_lock_cost(min, min, 10, 10 + WEEKS_2, WEEKS_2),
            min + 92_800
        );
        assert_eq!(network_lock_cost(min, min, 10, 11 + WEEKS_2, WEEKS_2), min);
        assert_eq!(
            network_lock_cost(3_000 * TAO, min, 10, 10, WEEKS_2),
            6_000 * TAO
        );
        assert_eq!(network_lock_cost(min, min, 10, u64::MAX, 0), 2_000 * TAO);
    }

    #[test]
    fn burn_halves_over_its_half_life() {
        let factor = burn_decay_factor(360);
        assert!(pow_q32(factor, 360) <= 1 << 31 && pow_q32(factor + 1, 360) > 1 << 31);
        let (min, max) = (500_000, 100 * TAO);
        let mut burn = TAO;
        for _ in 0..360 {
            burn = decayed_burn(burn, factor, min, max);
        }
        // Flooring each block makes it a hair under half.
        assert!(burn <= TAO / 2 && burn > TAO / 2 - TAO / 1_000, "{burn}");
        for _ in 0..100_000 {
            burn = decayed_burn(burn, factor, min, max);
        }
        assert_eq!(burn, min);
        assert_eq!(burn_decay_factor(0), 1 << 32);
        assert_eq!(
            decayed_burn(7 * TAO, burn_decay_factor(0), min, max),
            7 * TAO
        );
    }

    #[test]
    fn a_registration_bumps_the_burn_by_the_multiplier() {
        // 1.26 as U64F64, rounded to nearest as from_num(1.26) gives.
        let mult = (126u128 << 64) / 100 + 1;
        let (min, max) = (500_000, 100 * TAO);
        assert_eq!(bumped_burn(TAO, mult, min, max), 1_260_000_000);
        assert_eq!(bumped_burn(99 * TAO, mult, min, max), max);
        // A multiplier below 1 counts as 1.
        assert_eq!(bumped_burn(TAO, 1 << 63, min, max), TAO);
    }

    #[test]
    fn seals_are_checked_against_the_difficulty() {
        let (block_hash, hotkey) = ([7u8; 32], [9u8; 32]);
        assert_eq!(seal(&block_hash, &hotkey, 1), seal(&block_hash, &hotkey, 1));
        assert_ne!(seal(&block_hash, &hotkey, 1), seal(&block_hash, &hotkey, 2));
        assert_ne!(seal(&block_hash, &hotkey, 1), seal(&[8u8; 32], &hotkey, 1));
        // Difficulty 1 accepts every seal; an all-ones seal fails anything above 1.
        assert!(meets_difficulty(&seal(&block_hash, &hotkey, 1), 1));
        assert!(!meets_difficulty(&[0xff; 32], 2));
        // 2^255 times 2 overflows; 2^254 times 3 does not.
        let mut top = [0u8; 32];
        top[31] = 0x80;
        assert!(!meets_difficulty(&top, 2));
        top[31] = 0x40;
        assert!(meets_difficulty(&top, 3));
        assert!(!meets_difficulty(&top, 4));
        // At difficulty 10 000 000 about one nonce in ten million passes: search a few.
        let passing = (0..200_000u64)
            .filter(|&n| meets_difficulty(&seal(&block_hash, &hotkey, n), 10_000))
            .count();
        assert!(
            (5..=60).contains(&passing),
            "{passing} of 200 000 passed at difficulty 10 000"
        );
    }

    #[test]
    fn difficulty_follows_registrations_toward_the_target() {
        let (min, max) = (10_000_000, u64::MAX / 4);
        assert_eq!(adjusted_difficulty(10_000_000, 2, 2, min, max), 10_000_000);
        assert_eq!(adjusted_difficulty(20_000_000, 6, 2, min, max), 40_000_000);
        assert_eq!(adjusted_difficulty(20_000_000, 0, 2, min, max), 10_000_000);
        assert_eq!(adjusted_difficulty(15_000_000, 0, 2, min, max), min);
        assert_eq!(adjusted_difficulty(max, 100, 1, min, max), max);
        assert_eq!(adjusted_difficulty(12_345_678, 5, 0, min, max), 12_345_678);
    }
}
