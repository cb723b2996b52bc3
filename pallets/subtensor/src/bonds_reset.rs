//! Bonds reset (subtensor's `do_reset_bonds`): a miner that starts serving something new can
//! publish a commitment carrying `ResetBondsFlag` (pallet `Commitments`), and where its subnet
//! allows it ([`BondsResetOn`]), the bonds validators hold in its uid are dropped, so that
//! bonds earned on what it served before do not carry over to what it serves now.
//!
//! Bonds are stored by row: `Bonds(netuid, validator uid)` lists `(miner uid, bond)`. The
//! miner's bonds are its column, so the reset visits every row of the subnet, `0..n` for the
//! subnet's `n` uids, and rewrites those that name it. Its weight is that of the rows read
//! and written and of the entries filtered.

use frame_support::traits::Get;
use frame_support::weights::Weight;
use sp_runtime::AccountId32;

use crate::*;

/// Decoding, filtering and encoding one stored bond entry, besides reading and writing its
/// row (measured 31 ns on the test runtime, unoptimised, over 64 rows of 4 096 entries;
/// doubled).
const PS_PER_BOND_ENTRY: u64 = 62_000;

/// Storage reads before the rows: [`BondsResetOn`], [`Uids`], [`SubnetworkN`] (and
/// [`MechanismCountCurrent`], counted apart).
const FIXED_READS: u64 = 3;

impl<T: Config> Pallet<T> {
    /// Drops the bonds validators hold in `hotkey`'s uid on `netuid`, if the subnet has
    /// [`BondsResetOn`] and `hotkey` holds a uid there; otherwise changes nothing. Returns
    /// the weight used, at most [`Pallet::bonds_reset_weight_bound`].
    pub fn do_reset_bonds(netuid: NetUid, hotkey: &AccountId32) -> Weight {
        let db = T::DbWeight::get();
        if !BondsResetOn::<T>::get(netuid) {
            return db.reads(1);
        }
        let Some(uid) = Uids::<T>::get(netuid, hotkey) else {
            return db.reads(2);
        };
        let n = SubnetworkN::<T>::get(netuid);
        let indices = Self::mechanism_indices(netuid);
        let mut entries: u64 = 0;
        let mut written: u64 = 0;
        for &index in &indices {
            for row_uid in 0..n {
                let mut row = Bonds::<T>::get(index, row_uid);
                let before = row.len();
                entries = entries.saturating_add(u64::try_from(before).unwrap_or(u64::MAX));
                row.retain(|&(column, _)| column != uid);
                if row.len() == before {
                    continue;
                }
                if row.is_empty() {
                    Bonds::<T>::remove(index, row_uid);
                } else {
                    Bonds::<T>::insert(index, row_uid, row);
                }
                written = written.saturating_add(1);
            }
        }
        let rows = u64::from(n).saturating_mul(u64::try_from(indices.len()).unwrap_or(u64::MAX));
        db.reads(FIXED_READS.saturating_add(1).saturating_add(rows))
            .saturating_add(db.writes(written))
            .saturating_add(Weight::from_parts(
                entries.saturating_mul(PS_PER_BOND_ENTRY),
                0,
            ))
    }

    /// The most [`Pallet::do_reset_bonds`] may weigh on `netuid` now: nothing beyond one
    /// read if the subnet does not reset bonds, else every row of its `n` uids in every
    /// mechanism read and written, each with `n` entries (a row has at most one entry per
    /// uid).
    pub fn bonds_reset_weight_bound(netuid: NetUid) -> Weight {
        let db = T::DbWeight::get();
        if !BondsResetOn::<T>::get(netuid) {
            return db.reads(1);
        }
        let n = u64::from(SubnetworkN::<T>::get(netuid));
        let rows = n.saturating_mul(u64::from(MechanismCountCurrent::<T>::get(netuid)));
        db.reads(FIXED_READS.saturating_add(1).saturating_add(rows))
            .saturating_add(db.writes(rows))
            .saturating_add(Weight::from_parts(
                rows.saturating_mul(n).saturating_mul(PS_PER_BOND_ENTRY),
                0,
            ))
    }
}

#[cfg(test)]
mod tests {
    use frame_support::assert_ok;
    use frame_support::traits::Get;
    use frame_support::weights::Weight;

    use crate::mock::*;
    use crate::*;

    use super::PS_PER_BOND_ENTRY;

    /// Subnet 1 with hotkey 11 at uid 0 and hotkey 21 at uid 1; validator 0 bonds uids 0
    /// and 1, validator 1 only uid 1.
    fn subnet_with_bonds() {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(2)),
            1,
            account(21)
        ));
        Bonds::<Test>::insert(1, 0, vec![(0u16, 10u16), (1, 20)]);
        Bonds::<Test>::insert(1, 1, vec![(1u16, 30u16)]);
    }

    fn rows() -> Vec<Vec<(u16, u16)>> {
        (0..2).map(|uid| Bonds::<Test>::get(1, uid)).collect()
    }

    #[test]
    fn only_subnets_that_allow_it_reset_and_only_the_miners_column() {
        new_test_ext().execute_with(|| {
            subnet_with_bonds();
            let db: frame_support::weights::RuntimeDbWeight =
                <Test as frame_system::Config>::DbWeight::get();
            let before = rows();
            assert_eq!(
                SubtensorModule::do_reset_bonds(1, &account(21)),
                db.reads(1)
            );
            assert_eq!(rows(), before);
            assert_eq!(SubtensorModule::bonds_reset_weight_bound(1), db.reads(1));

            BondsResetOn::<Test>::insert(1, true);
            assert_eq!(
                SubtensorModule::do_reset_bonds(1, &account(31)),
                db.reads(2)
            );
            assert_eq!(rows(), before);

            let used = SubtensorModule::do_reset_bonds(1, &account(21));
            assert_eq!(rows(), vec![vec![(0, 10)], vec![]]);
            assert!(
                !Bonds::<Test>::contains_key(1, 1),
                "an emptied row is removed"
            );
            assert_eq!(
                used,
                db.reads(5)
                    .saturating_add(db.writes(2))
                    .saturating_add(Weight::from_parts(3 * PS_PER_BOND_ENTRY, 0))
            );
            let bound = SubtensorModule::bonds_reset_weight_bound(1);
            assert_eq!(
                bound,
                db.reads(5)
                    .saturating_add(db.writes(2))
                    .saturating_add(Weight::from_parts(4 * PS_PER_BOND_ENTRY, 0))
            );
            assert!(used.all_lte(bound));
            // Nothing left to drop: rows are read, none written.
            let again = SubtensorModule::do_reset_bonds(1, &account(21));
            assert_eq!(rows(), vec![vec![(0, 10)], vec![]]);
            assert_eq!(
                again,
                db.reads(5)
                    .saturating_add(Weight::from_parts(PS_PER_BOND_ENTRY, 0))
            );
        });
    }
}
