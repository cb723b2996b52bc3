//! Weighted selection: the largest score whose votes at or above it carry a given stake.

/// One candidate of a column: a voter's score and its stake, as raw I32F32 bits.
#[derive(Clone, Copy, Debug)]
pub struct Vote {
    /// Raw I32F32 score.
    pub score: i64,
    /// Raw I32F32 stake.
    pub stake: i64,
}

/// Windows above this size are first narrowed by bucketing.
const NARROW_ABOVE: usize = 48;
/// Buckets per narrowing round.
const BUCKETS: usize = 32;

/// The largest score whose votes at or above it carry at least `need` stake; the smallest
/// score when even all stake (`total`) falls short, the largest when `need ≤ 0`.
///
/// Large windows are narrowed first: one pass finds the score range, one sums stake into
/// buckets over that range, and only the bucket holding the answer is kept, with the
/// stake above it subtracted from `need`. Each round drops at least the top or the
/// bottom score, so it ends; a quickselect finishes the small remainder.
pub fn weighted_select(votes: &mut [Vote], total: i64, need: i64) -> i64 {
    if need > total {
        return votes.iter().map(|v| v.score).min().unwrap_or_default();
    }
    let mut need = need;
    let mut window = votes;
    while window.len() > NARROW_ABOVE {
        let (min, max) = window.iter().fold((i64::MAX, i64::MIN), |(lo, hi), v| {
            (lo.min(v.score), hi.max(v.score))
        });
        if min == max {
            return min;
        }
        let range = max.wrapping_sub(min) as u64;
        let shift =
            (64u32.saturating_sub(range.leading_zeros())).saturating_sub(BUCKETS.trailing_zeros());
        // Below BUCKETS by the choice of shift; the mask only lets that be seen.
        let bucket =
            |v: &Vote| (v.score.wrapping_sub(min) as u64 >> shift) as usize & (BUCKETS - 1);
        let mut stake = [0i64; BUCKETS];
        let mut count = [0u32; BUCKETS];
        for v in window.iter() {
            let b = bucket(v);
            if let (Some(s), Some(c)) = (stake.get_mut(b), count.get_mut(b)) {
                *s = s.wrapping_add(v.stake);
                // At most the window's length, far below 2^32.
                *c = c.wrapping_add(1);
            }
        }
        let mut above = 0i64;
        let mut target = 0usize;
        for b in (0..BUCKETS).rev() {
            let (s, c) = (
                stake.get(b).copied().unwrap_or_default(),
                count.get(b).copied().unwrap_or_default(),
            );
            if c == 0 {
                continue;
            }
            target = b;
            if above.wrapping_add(s) >= need {
                break;
            }
            above = above.wrapping_add(s);
        }
        need = need.wrapping_sub(above);
        let mut kept = 0usize;
        for i in 0..window.len() {
            if window.get(i).is_some_and(|v| bucket(v) == target) {
                window.swap(i, kept);
                kept = kept.saturating_add(1);
            }
        }
        window = window.get_mut(..kept).unwrap_or_default();
    }
    quickselect(window, need)
}

/// [`weighted_select`] on a small window with `need ≤` its stake: a weighted quickselect.
fn quickselect(window: &mut [Vote], need: i64) -> i64 {
    let mut need = need;
    let mut window = window;
    // Median-of-three pivots make this linear on any realistic input; a sorted scan bounds
    // the worst case once the search has clearly degenerated.
    for _ in 0..64 {
        let Some(pivot) = median_of_three(window) else {
            return 0;
        };
        let (above, equal) = partition_descending(window, pivot);
        let (upper, rest) = window.split_at_mut(above);
        let stake_above = stake_of(upper);
        let (middle, lower) = rest.split_at_mut(equal);
        let stake_at = stake_above.wrapping_add(stake_of(middle));
        if above > 0 && stake_above >= need {
            window = upper;
        } else if stake_at >= need {
            return pivot;
        } else {
            need = need.wrapping_sub(stake_at);
            window = lower;
        }
    }
    window.sort_unstable_by_key(|v| core::cmp::Reverse(v.score));
    let mut covered = 0i64;
    let mut answer = 0i64;
    for (k, vote) in window.iter().enumerate() {
        covered = covered.wrapping_add(vote.stake);
        let last_of_score = window
            .get(k.saturating_add(1))
            .is_none_or(|next| next.score != vote.score);
        answer = vote.score;
        if last_of_score && covered >= need {
            break;
        }
    }
    answer
}

pub fn stake_of(votes: &[Vote]) -> i64 {
    votes.iter().fold(0i64, |acc, v| acc.wrapping_add(v.stake))
}

/// Median score of the first, middle and last votes.
fn median_of_three(votes: &[Vote]) -> Option<i64> {
    let a = votes.first()?.score;
    let b = votes.get(votes.len() / 2)?.score;
    let c = votes.last()?.score;
    Some(a.max(b).min(a.min(b).max(c)))
}

/// Reorders `votes` into `[score > pivot | score == pivot | score < pivot]` and returns the
/// lengths of the first two parts.
fn partition_descending(votes: &mut [Vote], pivot: i64) -> (usize, usize) {
    let (mut above, mut next, mut below) = (0usize, 0usize, votes.len());
    while next < below {
        let score = votes.get(next).map(|v| v.score).unwrap_or_default();
        if score > pivot {
            votes.swap(above, next);
            above = above.saturating_add(1);
            next = next.saturating_add(1);
        } else if score < pivot {
            below = below.saturating_sub(1);
            votes.swap(next, below);
        } else {
            next = next.saturating_add(1);
        }
    }
    (above, next.saturating_sub(above))
}
