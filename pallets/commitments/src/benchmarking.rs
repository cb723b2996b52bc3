//! Benchmarks of every `Commitments` call, each on its costliest path, for
//! [`crate::weights`]: `set_commitment` replaces a commitment made earlier in the same epoch
//! by a larger one asking for a bonds reset (space counted, deposit raised, every
//! bookkeeping entry written), and `clear_commitment` removes a commitment of the largest
//! size with all its bookkeeping and releases its deposit.

use alloc::boxed::Box;
use alloc::vec;

use frame_benchmarking::v2::*;
use frame_support::traits::fungible::{Inspect, InspectHold, MutateHold, Unbalanced};
use frame_support::traits::tokens::Precision;
use frame_support::traits::Get;
use frame_support::BoundedVec;
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, Zero};

use crate::*;

/// A field of `len` bytes of timelock-encrypted data (at most
/// [`MAX_TIMELOCK_COMMITMENT_SIZE_BYTES`]), the largest kind of field.
fn timelocked(len: u32) -> Data {
    Data::TimelockEncrypted {
        encrypted: BoundedVec::truncate_from(vec![u8::MAX; len as usize]),
        reveal_round: 1,
    }
}

/// A commitment asking for a bonds reset, followed by `bytes` bytes of timelock-encrypted
/// data in as few fields as hold them.
fn flagged<T: Config>(bytes: u32) -> CommitmentInfo<T::MaxFields> {
    let mut fields = vec![Data::ResetBondsFlag];
    let mut left = bytes;
    while left > 0 {
        let len = left.min(MAX_TIMELOCK_COMMITMENT_SIZE_BYTES);
        fields.push(timelocked(len));
        left = left.saturating_sub(len);
    }
    CommitmentInfo {
        fields: BoundedVec::truncate_from(fields),
    }
}

/// The commitment of the largest encoding: every field timelock-encrypted and full.
fn largest<T: Config>() -> CommitmentInfo<T::MaxFields> {
    let fields = (0..T::MaxFields::get())
        .map(|_| timelocked(MAX_TIMELOCK_COMMITMENT_SIZE_BYTES))
        .collect();
    CommitmentInfo {
        fields: BoundedVec::truncate_from(fields),
    }
}

/// Gives `who` the existential deposit twice over plus `deposit`, which it can then hold.
fn fund<T: Config>(who: &T::AccountId, deposit: BalanceOf<T>) {
    let amount = T::Currency::minimum_balance()
        .saturating_mul(2u32.into())
        .saturating_add(deposit);
    T::Currency::increase_balance(who, amount, Precision::Exact).expect("a new account's funds");
}

#[benchmarks]
mod benchmarks {
    use super::*;

    /// `b` bytes of timelock-encrypted data besides the bonds-reset flag, the most that
    /// `MaxFields` fields hold.
    #[benchmark]
    fn set_commitment(
        b: Linear<
            0,
            {
                T::MaxFields::get()
                    .saturating_sub(1)
                    .saturating_mul(MAX_TIMELOCK_COMMITMENT_SIZE_BYTES)
            },
        >,
    ) {
        let who: T::AccountId = whitelisted_caller();
        let netuid = T::BenchmarkHelper::allow_commit(&who);
        MaxSpace::<T>::put(u32::MAX);
        let earlier = CommitmentInfo {
            fields: BoundedVec::truncate_from(vec![Data::Raw(BoundedVec::truncate_from(vec![
                u8::MAX,
            ]))]),
        };
        let info = flagged::<T>(b);
        fund::<T>(
            &who,
            Pallet::<T>::deposit_for(&earlier).saturating_add(Pallet::<T>::deposit_for(&info)),
        );
        Pallet::<T>::do_set_commitment(netuid, &who, earlier).expect("`who` may commit");

        #[extrinsic_call]
        _(
            RawOrigin::Signed(who.clone()),
            netuid,
            Box::new(info.clone()),
        );

        let stored = CommitmentOf::<T>::get(netuid, &who).expect("committed");
        assert_eq!(stored.info, info);
        assert_eq!(stored.deposit, Pallet::<T>::deposit_for(&info));
        assert!(LastBondsReset::<T>::contains_key(netuid, &who));
    }

    #[benchmark]
    fn set_max_space() {
        #[extrinsic_call]
        _(RawOrigin::Root, 1_000);

        assert_eq!(MaxSpace::<T>::get(), 1_000);
    }

    /// The commitment of a hotkey that holds no uid, of the largest size, with a deposit
    /// held and every bookkeeping entry present.
    #[benchmark]
    fn clear_commitment() {
        let caller: T::AccountId = whitelisted_caller();
        let who: T::AccountId = account("hotkey", 0, 0);
        let netuid: NetUid = 1;
        let info = largest::<T>();
        let deposit = Pallet::<T>::deposit_for(&info);
        fund::<T>(&who, deposit);
        if !deposit.is_zero() {
            T::Currency::hold(&HoldReason::CommitmentDeposit.into(), &who, deposit)
                .expect("funded above");
        }
        let block = frame_system::Pallet::<T>::block_number();
        CommitmentOf::<T>::insert(
            netuid,
            &who,
            Registration {
                deposit,
                block,
                info,
            },
        );
        LastCommitment::<T>::insert(netuid, &who, block);
        LastBondsReset::<T>::insert(netuid, &who, block);
        UsedSpaceOf::<T>::insert(netuid, &who, UsageTracker::default());

        #[extrinsic_call]
        _(RawOrigin::Signed(caller), netuid, who.clone());

        assert!(!CommitmentOf::<T>::contains_key(netuid, &who));
        assert!(!UsedSpaceOf::<T>::contains_key(netuid, &who));
        assert!(
            T::Currency::balance_on_hold(&HoldReason::CommitmentDeposit.into(), &who).is_zero()
        );
    }

    impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
