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
    /// Every ban in the order given, with its end; a renewed ban is here twice, and only
    /// the entry whose end `until` holds counts.
    order: VecDeque<(Instant, Hash)>,
}

impl BanList {
    /// Bans `hash` from `now` for [`BAN_TIME`] (a ban already in place starts again).
    pub fn ban(&mut self, hash: Hash, now: Instant) {
        let end = now + BAN_TIME;
        self.until.insert(hash, end);
        self.order.push_back((end, hash));
        while self.until.len() > MAX_BANNED || self.order.len() > 2 * MAX_BANNED {
            self.pop_oldest();
        }
        self.prune(now);
    }

    /// Forgets the bans that ended by `now`.
    pub fn prune(&mut self, now: Instant) {
        while self.order.front().is_some_and(|(end, _)| *end <= now) {
            self.pop_oldest();
        }
    }

    fn pop_oldest(&mut self) {
        if let Some((end, hash)) = self.order.pop_front() {
            if self.until.get(&hash) == Some(&end) {
                self.until.remove(&hash);
            }
        }
    }

    /// Whether `hash` is banned at `now`.
    pub fn is_banned(&self, hash: &Hash, now: Instant) -> bool {
        self.until.get(hash).is_some_and(|end| *end > now)
    }

    /// How many transactions are banned (as of the last [`BanList::prune`] or ban).
    pub fn len(&self) -> usize {
        self.until.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bans_expire_renew_and_the_list_is_bounded() {
        let start = Instant::now();
        let mut bans = BanList::default();
        bans.ban(Hash::repeat_byte(1), start);
        assert!(bans.is_banned(&Hash::repeat_byte(1), start));
        assert!(!bans.is_banned(&Hash::repeat_byte(2), start));
        assert!(!bans.is_banned(&Hash::repeat_byte(1), start + BAN_TIME));
        // Renewed, it outlives its first end.
        bans.ban(Hash::repeat_byte(1), start + BAN_TIME / 2);
        bans.prune(start + BAN_TIME);
        assert!(bans.is_banned(&Hash::repeat_byte(1), start + BAN_TIME));
        for n in 0..MAX_BANNED as u64 + 10 {
            let mut hash = Hash::zero();
            hash.0[..8].copy_from_slice(&n.to_le_bytes());
            bans.ban(hash, start + BAN_TIME);
        }
        assert_eq!(bans.len(), MAX_BANNED);
        // Bans past their end are dropped at the next prune.
        bans.prune(start + 3 * BAN_TIME);
        assert_eq!(bans.len(), 0);
    }
}
