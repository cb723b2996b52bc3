//! Transactions recently found invalid, refused on sight for a while (Substrate's 1012
//! "Transaction is temporarily banned"): resubmitting or re-gossiping a known-bad
//! transaction then costs a lookup instead of a runtime validation.

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use taonet_runtime::Hash;

/// How long a transaction stays banned (Substrate's default `ban_time`).
pub const BAN_TIME: Duration = Duration::from_secs(30 * 60);

/// The most transactions banned at once; the oldest ban goes first beyond it, so that a
/// stream of invalid transactions cannot grow the list without bound.
pub const MAX_BANNED: usize = 16_384;

/// Banned transaction hashes with the time each ban ends.
#[derive(Default)]
pub struct BanList {
    until: BTreeMap<Hash, Instant>,
    order: VecDeque<Hash>,
}

impl BanList {
    /// Bans `hash` from `now` for [`BAN_TIME`] (a ban already in place starts again).
    pub fn ban(&mut self, hash: Hash, now: Instant) {
        if self.until.insert(hash, now + BAN_TIME).is_none() {
            self.order.push_back(hash);
        }
        while self.order.len() > MAX_BANNED {
            if let Some(oldest) = self.order.pop_front() {
                self.until.remove(&oldest);
            }
        }
        while let Some(oldest) = self.order.front() {
            match self.until.get(oldest) {
                Some(end) if *end > now => break,
                _ => {
                    self.until.remove(oldest);
                    self.order.pop_front();
                }
            }
        }
    }

    /// Whether `hash` is banned at `now`.
    pub fn is_banned(&self, hash: &Hash, now: Instant) -> bool {
        self.until.get(hash).is_some_and(|end| *end > now)
    }

    /// How many transactions are banned (some perhaps expired, until the next ban).
    pub fn len(&self) -> usize {
        self.until.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bans_expire_and_the_list_is_bounded() {
        let start = Instant::now();
        let mut bans = BanList::default();
        bans.ban(Hash::repeat_byte(1), start);
        assert!(bans.is_banned(&Hash::repeat_byte(1), start));
        assert!(!bans.is_banned(&Hash::repeat_byte(2), start));
        assert!(!bans.is_banned(&Hash::repeat_byte(1), start + BAN_TIME));
        for n in 0..MAX_BANNED as u64 + 10 {
            let mut hash = Hash::zero();
            hash.0[..8].copy_from_slice(&n.to_le_bytes());
            bans.ban(hash, start + Duration::from_secs(1));
        }
        assert_eq!(bans.len(), MAX_BANNED);
        // A ban past its end is dropped at the next ban.
        bans.ban(
            Hash::repeat_byte(3),
            start + BAN_TIME + Duration::from_secs(2),
        );
        assert_eq!(bans.len(), 1);
    }
}
