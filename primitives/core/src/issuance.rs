//! TAO issuance: one TAO per block, halved each time issuance closes half of the gap to
//! the 21 M cap.
//!
//! The block emission is `1 TAO / 2^floor(log2(1 / (1 − I / 21M)))` for total issuance `I`,
//! computed exactly in integers: era `k` is the largest `k` with `2^k · (21M − I) ≤ 21M`.
//! So 1 TAO per block until 10.5 M TAO are issued, ½ TAO until 15.75 M, ¼ TAO until
//! 18.375 M, and so on; emission is 0 at the cap, and it never carries issuance past it.
//! Recycled TAO lowers `I` and so delays halvings. (subtensor evaluates the same formula
//! with an I96F32 `log2` approximation, which can place a boundary a few rao apart.)

use alloc::vec::Vec;

use crate::{Balance, MAX_SUPPLY, RAO_PER_TAO};

/// The halving era at total issuance `issuance`: `floor(log2(21M / (21M − I)))`, or
/// `None` once the cap is reached.
pub fn era(issuance: Balance) -> Option<u32> {
    let remaining = MAX_SUPPLY.checked_sub(issuance).filter(|&r| r > 0)?;
    // floor(log2(S / r)) = floor(log2(floor(S / r))) because S / r ≥ 1.
    let ratio = MAX_SUPPLY.checked_div(remaining)?;
    ratio.checked_ilog2()
}

/// Rao minted by the next block at total issuance `issuance`.
pub fn block_emission(issuance: Balance) -> Balance {
    era(issuance)
        .and_then(|k| RAO_PER_TAO.checked_shr(k))
        .unwrap_or(0)
}

/// The smallest issuance of era `k + 1`: `21M − floor(21M / 2^(k+1))`.
fn next_era_start(k: u32) -> Balance {
    let shift = k.saturating_add(1);
    MAX_SUPPLY.saturating_sub(MAX_SUPPLY.checked_shr(shift).unwrap_or(0))
}

/// One era of the emission schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Era {
    /// Halving count: 0 for the first TAO per block.
    pub era: u32,
    /// First block minted at this era's rate (block 1 is the first that mints).
    pub first_block: u64,
    /// Total issuance before that block.
    pub issuance: Balance,
    /// Rao minted per block throughout the era.
    pub rao_per_block: Balance,
}

/// The emission schedule from `initial_issuance` at genesis with nothing recycled: every
/// era until emission reaches 0, the last entry being the era whose blocks mint nothing
/// (empty if `initial_issuance` is already at the cap).
pub fn schedule(initial_issuance: Balance) -> Vec<Era> {
    let mut eras = Vec::new();
    let (mut block, mut issuance) = (1u64, initial_issuance);
    while let Some(k) = era(issuance) {
        let rate = block_emission(issuance);
        eras.push(Era {
            era: k,
            first_block: block,
            issuance,
            rao_per_block: rate,
        });
        if rate == 0 {
            break;
        }
        // Blocks at this rate until issuance reaches the next era: ceil(gap / rate).
        let gap = next_era_start(k).saturating_sub(issuance);
        let blocks = gap.div_ceil(rate);
        issuance = issuance.saturating_add(blocks.saturating_mul(rate));
        block = block.saturating_add(blocks);
    }
    eras
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAO: Balance = RAO_PER_TAO;

    #[test]
    fn halvings_happen_at_half_the_remaining_supply() {
        assert_eq!(block_emission(0), TAO);
        assert_eq!(block_emission(10_500_000 * TAO - 1), TAO);
        assert_eq!(block_emission(10_500_000 * TAO), TAO / 2);
        assert_eq!(block_emission(15_750_000 * TAO - 1), TAO / 2);
        assert_eq!(block_emission(15_750_000 * TAO), TAO / 4);
        assert_eq!(block_emission(18_375_000 * TAO - 1), TAO / 4);
        assert_eq!(block_emission(18_375_000 * TAO), TAO / 8);
        assert_eq!(block_emission(MAX_SUPPLY - 1), 0);
        assert_eq!(block_emission(MAX_SUPPLY), 0);
        assert_eq!(block_emission(Balance::MAX), 0);
    }

    #[test]
    fn recycling_delays_a_halving() {
        let issued = 10_500_000 * TAO;
        assert_eq!(block_emission(issued), TAO / 2);
        assert_eq!(block_emission(issued - 1_000 * TAO), TAO);
    }

    /// Mints block by block from genesis until emission stops, checking every era change
    /// against the schedule and that issuance never passes the cap.
    #[test]
    fn the_schedule_matches_a_block_by_block_walk_to_the_cap() {
        let expected = schedule(0);
        let mut walked = Vec::new();
        let (mut block, mut issuance) = (1u64, 0u64);
        let mut current = None;
        loop {
            let rate = block_emission(issuance);
            let k = era(issuance).expect("the walk stops below the cap");
            if Some(k) != current {
                walked.push(Era {
                    era: k,
                    first_block: block,
                    issuance,
                    rao_per_block: rate,
                });
                current = Some(k);
            }
            if rate == 0 {
                break;
            }
            issuance += rate;
            assert!(issuance <= MAX_SUPPLY);
            block += 1;
        }
        assert_eq!(walked, expected);
        // 1 TAO per block for exactly 10.5 M blocks, then ½ TAO per block.
        assert_eq!(
            expected[1],
            Era {
                era: 1,
                first_block: 10_500_001,
                issuance: 10_500_000 * TAO,
                rao_per_block: TAO / 2
            }
        );
        assert_eq!(expected[2].first_block, 21_000_001);
        let last = expected.last().copied().unwrap();
        assert_eq!((last.era, last.rao_per_block), (30, 0));
        assert!(last.issuance < MAX_SUPPLY);
        assert!(schedule(MAX_SUPPLY).is_empty());
    }
}
