//! `Commitments`: where a hotkey registered on a subnet publishes what it serves (the hash
//! and address of its model and dataset), under subtensor's public names, call indices and
//! storage layout (`pallet_commitments` at pallet index 18, read from opentensor/subtensor
//! `pallets/commitments/src/lib.rs` at `14bc6f9f9`), so that Bittensor's SDK
//! `set_commitment` / `get_commitment` / `get_all_commitments` work unmodified.
//!
//! - [`Pallet::set_commitment`] (call 0): the signing hotkey must hold a uid on the subnet
//!   ([`CanCommit`]). The commitment replaces the hotkey's previous one on that subnet.
//! - Size: at most [`Config::MaxFields`] fields, each bounded by its type ([`Data`]); a call
//!   carrying more does not decode, so it is refused before it runs.
//! - Rate: each commitment counts its payload bytes, at least [`MIN_USED_SPACE`], against
//!   [`MaxSpace`] per hotkey, subnet and epoch of the subnet (as subtensor's `UsedSpaceOf`).
//! - Bonds reset: a commitment carrying [`Data::ResetBondsFlag`] records [`LastBondsReset`]
//!   and asks [`Config::OnMetadataCommitment`] to reset the bonds validators hold in the
//!   committing uid, which the runtime does where `SubtensorModule::BondsResetOn` is set.
//!
//! # Paying for the storage: a deposit held from the hotkey
//!
//! A commitment stays in state until it is replaced or cleared, so it is paid for as FRAME
//! chains pay for lasting state (identities, preimages, proxies): a deposit of
//! `InitialDeposit + FieldDeposit × fields + ByteDeposit × encoded bytes` is held from the
//! signing hotkey, with `fungible::MutateHold` under [`HoldReason::CommitmentDeposit`], for as
//! long as the commitment exists. Subtensor keeps the same `Registration::deposit` field and
//! reserves from the same account, the signer (its deposits are set to zero). A held deposit
//! rather than a fee: the price of the bytes is returned when they leave state, so replacing a
//! commitment with a smaller one releases the difference, and nothing is burned, which keeps
//! `SubtensorModule`'s issuance ledger (balances, held funds included, plus locks and stake)
//! untouched. The hotkey, not its coldkey, pays: nobody's funds move without their signature.
//! Bittensor's hotkeys hold nothing, so a runtime serving its tools sets the deposits to zero,
//! as subtensor does (taonet's runtime does): storage is then bounded by one commitment per
//! registered hotkey and subnet, each at most [`Config::MaxFields`] bounded fields.
//!
//! The deposit is released when the commitment shrinks and when it is cleared
//! ([`Pallet::clear_commitment`], a taonet call outside subtensor's indices): a commitment
//! lives while its hotkey is registered on the subnet; afterwards (deregistered, or the subnet
//! dissolved) anyone may clear it, and the deposit returns to the hotkey. A release never
//! fails a state change: it gives back what is actually held, at most the recorded deposit,
//! best effort. While funds are held the account cannot be reaped; with zero deposits (a
//! runtime may configure them so) nothing is held and nothing is released.
//!
//! `set_commitment` is free (`Pays::No`, as subtensor's), so a hotkey without balance may
//! sign it: [`CommitmentsTransactionExtension`] refuses at transaction validation every call
//! that would fail (signer not allowed, space used up, deposit not affordable), so that
//! free calls reach the pool only from hotkeys that may commit, and [`MaxSpace`] bounds how
//! often such a hotkey writes.
//!
//! Not here: subtensor's on-chain reveal of timelock-encrypted fields (`TimelockedIndex`,
//! `RevealedCommitments`) needs drand pulses, which this chain does not import; such fields
//! are stored and announced ([`Event::TimelockCommitment`]) like any other.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::arithmetic_side_effects
    )
)]

extern crate alloc;

pub use extension::CommitmentsTransactionExtension;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod extension;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use frame_support::weights::Weight;

/// Subnet identifiers (subtensor's `NetUid`, a `u16`).
pub type NetUid = u16;

/// Least space one commitment counts against [`MaxSpace`] (subtensor's `min_used_space`), so
/// that tiny commitments cannot be written without bound.
pub const MIN_USED_SPACE: u64 = 100;

/// Who may commit on a subnet: the runtime answers from `SubtensorModule::Uids`.
pub trait CanCommit<AccountId> {
    /// Whether `who` holds a uid on `netuid`.
    fn can_commit(netuid: NetUid, who: &AccountId) -> bool;
}

/// What a commitment carrying [`Data::ResetBondsFlag`] triggers elsewhere: the runtime
/// resets the bonds validators hold in the committing uid, where the subnet allows it.
pub trait OnMetadataCommitment<AccountId> {
    /// Reacts to `who`'s flagged commitment on `netuid`; returns the weight it used, at
    /// most [`OnMetadataCommitment::weight_bound`].
    fn on_metadata_commitment(netuid: NetUid, who: &AccountId) -> Weight;

    /// The most weight [`OnMetadataCommitment::on_metadata_commitment`] may use on `netuid`
    /// now, which a flagged call declares before it runs.
    fn weight_bound(netuid: NetUid) -> Weight;
}

/// What the benchmarks need from the runtime: a hotkey allowed to commit. Only the runtime
/// knows what makes one allowed ([`Config::CanCommit`]), so only it can arrange it.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
    /// Makes `who` allowed to commit on a subnet ([`CanCommit::can_commit`] answers yes)
    /// and returns that subnet.
    fn allow_commit(who: &AccountId) -> NetUid;
}

/// The epoch a block falls in on a subnet, which delimits [`MaxSpace`]'s windows.
pub trait GetTempoInterface {
    /// The epoch index of `cur_block` on `netuid`.
    fn get_epoch_index(netuid: NetUid, cur_block: u64) -> u64;
}

/// Balances of the currency deposits are held in.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
    <T as frame_system::Config>::AccountId,
>>::Balance;

/// A stored commitment of this runtime.
pub type RegistrationOf<T> = Registration<
    BalanceOf<T>,
    <T as Config>::MaxFields,
    frame_system::pallet_prelude::BlockNumberFor<T>,
>;

#[frame_support::pallet]
pub mod pallet {
    use alloc::boxed::Box;

    use frame_support::dispatch::{
        DispatchResultWithPostInfo, PostDispatchInfo, WithPostDispatchInfo,
    };
    use frame_support::pallet_prelude::*;
    use frame_support::traits::fungible::{InspectHold, MutateHold};
    use frame_support::traits::tokens::Precision;
    use frame_system::pallet_prelude::*;
    use sp_runtime::traits::{Saturating, Zero};
    use sp_runtime::SaturatedConversion;

    use super::*;

    /// The storage layout's version, the first: a later layout comes with a migration
    /// from it, listed in the runtime's `Migrations`.
    pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Configuration.
    #[pallet::config]
    pub trait Config: frame_system::Config {
        /// The currency deposits are held in.
        type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

        /// The runtime's hold reasons, of which [`HoldReason`] is one.
        type RuntimeHoldReason: From<HoldReason>;

        /// Weights of the calls.
        type WeightInfo: WeightInfo;

        /// Who may commit.
        type CanCommit: CanCommit<Self::AccountId>;

        /// What a bonds-reset flag triggers.
        type OnMetadataCommitment: OnMetadataCommitment<Self::AccountId>;

        /// Most fields in one commitment.
        #[pallet::constant]
        type MaxFields: Get<u32>;

        /// Held for every commitment, whatever its size: its keys and bookkeeping entries.
        #[pallet::constant]
        type InitialDeposit: Get<BalanceOf<Self>>;

        /// Held per field.
        #[pallet::constant]
        type FieldDeposit: Get<BalanceOf<Self>>;

        /// Held per byte of the encoded fields.
        #[pallet::constant]
        type ByteDeposit: Get<BalanceOf<Self>>;

        /// The subnets' epochs, which delimit [`MaxSpace`]'s windows.
        type TempoInterface: GetTempoInterface;

        /// Makes a hotkey allowed to commit, for the benchmarks of `set_commitment`.
        #[cfg(feature = "runtime-benchmarks")]
        type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
    }

    /// Why this pallet holds funds.
    #[pallet::composite_enum]
    pub enum HoldReason {
        /// The deposit of a stored commitment.
        #[codec(index = 0)]
        CommitmentDeposit,
    }

    /// Each hotkey's commitment on each subnet.
    #[pallet::storage]
    pub type CommitmentOf<T: Config> = StorageDoubleMap<
        _,
        Identity,
        NetUid,
        Twox64Concat,
        T::AccountId,
        RegistrationOf<T>,
        OptionQuery,
    >;

    /// Block of each hotkey's last commitment on each subnet.
    #[pallet::storage]
    pub type LastCommitment<T: Config> = StorageDoubleMap<
        _,
        Identity,
        NetUid,
        Twox64Concat,
        T::AccountId,
        BlockNumberFor<T>,
        OptionQuery,
    >;

    /// Block of each hotkey's last commitment carrying [`Data::ResetBondsFlag`].
    #[pallet::storage]
    pub type LastBondsReset<T: Config> = StorageDoubleMap<
        _,
        Identity,
        NetUid,
        Twox64Concat,
        T::AccountId,
        BlockNumberFor<T>,
        OptionQuery,
    >;

    /// Space each hotkey has used on each subnet in the subnet's current epoch.
    #[pallet::storage]
    pub type UsedSpaceOf<T: Config> = StorageDoubleMap<
        _,
        Identity,
        NetUid,
        Twox64Concat,
        T::AccountId,
        UsageTracker,
        OptionQuery,
    >;

    /// 3 100 bytes: subtensor's default space per hotkey, subnet and epoch.
    #[pallet::type_value]
    pub fn DefaultMaxSpace() -> u32 {
        3_100
    }

    /// Bytes a hotkey may commit on a subnet per epoch.
    #[pallet::storage]
    pub type MaxSpace<T> = StorageValue<_, u32, ValueQuery, DefaultMaxSpace>;

    /// Events, in subtensor's order.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// A commitment was set.
        Commitment {
            /// The subnet.
            netuid: NetUid,
            /// The hotkey.
            who: T::AccountId,
        },
        /// A commitment with a timelock-encrypted field was set.
        TimelockCommitment {
            /// The subnet.
            netuid: NetUid,
            /// The hotkey.
            who: T::AccountId,
            /// The drand round of its first timelock-encrypted field.
            reveal_round: u64,
        },
        /// Subtensor's event for a timelocked field revealed on chain. Kept so that the
        /// events keep subtensor's indices; never emitted here (no on-chain reveal).
        CommitmentRevealed {
            /// The subnet.
            netuid: NetUid,
            /// The hotkey.
            who: T::AccountId,
        },
        /// The commitment of a hotkey no longer registered on the subnet was cleared and its
        /// deposit returned (taonet).
        CommitmentCleared {
            /// The subnet.
            netuid: NetUid,
            /// The hotkey.
            who: T::AccountId,
            /// The deposit released to the hotkey.
            deposit: BalanceOf<T>,
        },
    }

    /// Errors, in subtensor's order, then taonet's.
    #[pallet::error]
    pub enum Error<T> {
        /// More fields than `MaxFields`. Subtensor's name; here such a call does not decode,
        /// so it is refused before it runs and this error is never returned.
        TooManyFieldsInCommitmentInfo,
        /// The hotkey holds no uid on the subnet.
        AccountNotAllowedCommit,
        /// The hotkey has used its space on this subnet for this epoch.
        SpaceLimitExceeded,
        /// Subtensor's error for a failed unreserve; never returned here: a release gives
        /// back what is held and cannot fail.
        UnexpectedUnreserveLeftover,
        /// The hotkey has no commitment on the subnet.
        CommitmentNotFound,
        /// The hotkey still holds a uid on the subnet: its commitment is live.
        CommitmentStillLive,
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Sets the signing hotkey's commitment on `netuid`, replacing any previous one, and
        /// holds its deposit. Free: [`CommitmentsTransactionExtension`] refuses it at
        /// transaction validation where it would fail.
        #[pallet::call_index(0)]
        #[pallet::weight((Pallet::<T>::set_commitment_weight(*netuid, info), DispatchClass::Normal, Pays::No))]
        pub fn set_commitment(
            origin: OriginFor<T>,
            netuid: NetUid,
            info: Box<CommitmentInfo<T::MaxFields>>,
        ) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let base = T::WeightInfo::set_commitment(Self::encoded_len(&*info));
            let flag_weight = Self::do_set_commitment(netuid, &who, *info)
                .map_err(|error| error.with_weight(base))?;
            Ok(PostDispatchInfo {
                actual_weight: Some(base.saturating_add(flag_weight)),
                pays_fee: Pays::No,
            })
        }

        /// Sets [`MaxSpace`] (root).
        #[pallet::call_index(2)]
        #[pallet::weight(T::WeightInfo::set_max_space())]
        pub fn set_max_space(origin: OriginFor<T>, new_limit: u32) -> DispatchResult {
            ensure_root(origin)?;
            MaxSpace::<T>::put(new_limit);
            Ok(())
        }

        /// Clears `who`'s commitment on `netuid` once `who` holds no uid there (deregistered,
        /// or the subnet dissolved), with its bookkeeping, and returns its deposit to `who`.
        /// Anyone may call it. Taonet's: outside the indices subtensor uses.
        #[pallet::call_index(100)]
        #[pallet::weight(T::WeightInfo::clear_commitment())]
        pub fn clear_commitment(
            origin: OriginFor<T>,
            netuid: NetUid,
            who: T::AccountId,
        ) -> DispatchResult {
            ensure_signed(origin)?;
            ensure!(
                !T::CanCommit::can_commit(netuid, &who),
                Error::<T>::CommitmentStillLive
            );
            let registration =
                CommitmentOf::<T>::take(netuid, &who).ok_or(Error::<T>::CommitmentNotFound)?;
            LastCommitment::<T>::remove(netuid, &who);
            LastBondsReset::<T>::remove(netuid, &who);
            UsedSpaceOf::<T>::remove(netuid, &who);
            let deposit = Self::release_deposit(&who, registration.deposit);
            Self::deposit_event(Event::CommitmentCleared {
                netuid,
                who,
                deposit,
            });
            Ok(())
        }
    }

    impl<T: Config> Pallet<T> {
        /// SCALE size of `info`, which the byte deposit and the weight are proportional to.
        pub fn encoded_len(info: &CommitmentInfo<T::MaxFields>) -> u32 {
            u32::try_from(info.encoded_size()).unwrap_or(u32::MAX)
        }

        /// The deposit a commitment of `info` holds.
        pub fn deposit_for(info: &CommitmentInfo<T::MaxFields>) -> BalanceOf<T> {
            let fields: BalanceOf<T> = u32::try_from(info.fields.len())
                .unwrap_or(u32::MAX)
                .saturated_into();
            let bytes: BalanceOf<T> = Self::encoded_len(info).saturated_into();
            T::InitialDeposit::get()
                .saturating_add(T::FieldDeposit::get().saturating_mul(fields))
                .saturating_add(T::ByteDeposit::get().saturating_mul(bytes))
        }

        /// What `set_commitment` declares: the call itself, plus the bound of the bonds
        /// reset when a field asks for one.
        fn set_commitment_weight(netuid: NetUid, info: &CommitmentInfo<T::MaxFields>) -> Weight {
            let base = T::WeightInfo::set_commitment(Self::encoded_len(info));
            if info.fields.contains(&Data::ResetBondsFlag) {
                base.saturating_add(T::OnMetadataCommitment::weight_bound(netuid))
            } else {
                base
            }
        }

        /// The checks of `who`'s commitment of `info` on `netuid` that come before its
        /// deposit: `who` may commit there, and has the space left in this epoch. Returns
        /// the space `who` will have used. Transaction validation runs them too.
        pub fn check_commitment(
            netuid: NetUid,
            who: &T::AccountId,
            info: &CommitmentInfo<T::MaxFields>,
        ) -> Result<UsageTracker, DispatchError> {
            ensure!(
                T::CanCommit::can_commit(netuid, who),
                Error::<T>::AccountNotAllowedCommit
            );
            let block = frame_system::Pallet::<T>::block_number();
            let epoch = T::TempoInterface::get_epoch_index(netuid, block.saturated_into());
            let required = info
                .fields
                .iter()
                .map(Data::len_for_rate_limit)
                .fold(0u64, u64::saturating_add)
                .max(MIN_USED_SPACE);
            let mut usage = UsedSpaceOf::<T>::get(netuid, who)
                .filter(|usage| usage.last_epoch == epoch)
                .unwrap_or(UsageTracker {
                    last_epoch: epoch,
                    used_space: 0,
                });
            usage.used_space = usage.used_space.saturating_add(required);
            ensure!(
                usage.used_space <= u64::from(MaxSpace::<T>::get()),
                Error::<T>::SpaceLimitExceeded
            );
            Ok(usage)
        }

        /// How much more than it holds now `who` must hold to replace its commitment on
        /// `netuid` by one of `info` (zero when the new one is no larger).
        pub fn deposit_increase(
            netuid: NetUid,
            who: &T::AccountId,
            info: &CommitmentInfo<T::MaxFields>,
        ) -> BalanceOf<T> {
            let old_deposit = CommitmentOf::<T>::get(netuid, who)
                .map(|registration| registration.deposit)
                .unwrap_or_else(Zero::zero);
            Self::deposit_for(info).saturating_sub(old_deposit)
        }

        /// Checks and stores `who`'s commitment of `info` on `netuid`, adjusting the held
        /// deposit; returns the weight of the bonds reset it triggered (zero without one).
        pub fn do_set_commitment(
            netuid: NetUid,
            who: &T::AccountId,
            info: CommitmentInfo<T::MaxFields>,
        ) -> Result<Weight, DispatchError> {
            let usage = Self::check_commitment(netuid, who, &info)?;
            let block = frame_system::Pallet::<T>::block_number();
            let old_deposit = CommitmentOf::<T>::get(netuid, who)
                .map(|registration| registration.deposit)
                .unwrap_or_else(Zero::zero);
            let new_deposit = Self::deposit_for(&info);
            if new_deposit > old_deposit {
                T::Currency::hold(
                    &HoldReason::CommitmentDeposit.into(),
                    who,
                    new_deposit.saturating_sub(old_deposit),
                )?;
            } else {
                Self::release_deposit(who, old_deposit.saturating_sub(new_deposit));
            }

            let reset_bonds = info.fields.contains(&Data::ResetBondsFlag);
            let reveal_round = info.fields.iter().find_map(|field| match field {
                Data::TimelockEncrypted { reveal_round, .. } => Some(*reveal_round),
                _ => None,
            });
            UsedSpaceOf::<T>::insert(netuid, who, usage);
            CommitmentOf::<T>::insert(
                netuid,
                who,
                Registration {
                    deposit: new_deposit,
                    block,
                    info,
                },
            );
            LastCommitment::<T>::insert(netuid, who, block);
            let flag_weight = if reset_bonds {
                LastBondsReset::<T>::insert(netuid, who, block);
                T::OnMetadataCommitment::on_metadata_commitment(netuid, who)
            } else {
                Weight::zero()
            };
            let who = who.clone();
            Self::deposit_event(match reveal_round {
                Some(reveal_round) => Event::TimelockCommitment {
                    netuid,
                    who,
                    reveal_round,
                },
                None => Event::Commitment { netuid, who },
            });
            Ok(flag_weight)
        }

        /// Releases up to `amount` of `who`'s commitment deposits, never more than is held,
        /// and never failing: whatever the account's state, the commitment's change goes
        /// through. Returns what was released.
        fn release_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> BalanceOf<T> {
            let reason = HoldReason::CommitmentDeposit.into();
            let amount = amount.min(T::Currency::balance_on_hold(&reason, who));
            if amount.is_zero() {
                return amount;
            }
            // Funds on hold keep their account alive, so it exists to receive them back;
            // should the release fail anyway, the funds stay held and the change proceeds.
            T::Currency::release(&reason, who, amount, Precision::BestEffort)
                .unwrap_or_else(|_| Zero::zero())
        }
    }
}
