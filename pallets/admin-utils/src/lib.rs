//! `AdminUtils`: the setters of `SubtensorModule`'s hyperparameters, under subtensor's
//! names and call indices (`../SUBTENSOR_NAMES.md`). Per-subnet values may be set by root,
//! or for the subnet's own values by its owner at most once per
//! [`OwnerHyperparamRateLimit`] blocks; global values by root only. Each change is
//! announced by the event subtensor emits for it (most are `SubtensorModule`'s). Root also
//! changes the validator set here: the Aura authors (`swap_authorities`) and the GRANDPA
//! set (`schedule_grandpa_change`).
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

pub use pallet::*;
pub use weights::WeightInfo;

pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[frame_support::pallet]
pub mod pallet {
    use frame_support::pallet_prelude::*;
    use frame_support::traits::ConstU64;
    use frame_system::pallet_prelude::*;
    use pallet_subtensor::{self as subtensor, Event as SubtensorEvent, NetUid};
    use sp_consensus_grandpa::AuthorityList;
    use sp_runtime::traits::Zero;
    use substrate_fixed::types::U64F64;

    use crate::WeightInfo;

    /// Bonds moving average an owner may set at most (97.5 %).
    const OWNER_MAX_BONDS_MOVING_AVERAGE: u64 = 975_000;
    /// Lowest liquid-alpha rate either bound may have (1/40).
    const MIN_ALPHA: u16 = u16::MAX / 40;
    /// Shortest activity cutoff that may be set, in blocks (subtensor's `MinActivityCutoff`).
    const MIN_ACTIVITY_CUTOFF: u16 = 360;
    /// Longest burn half-life that may be set, in blocks (subtensor's `MaxBurnHalfLife`).
    const MAX_BURN_HALF_LIFE: u16 = 36_100;
    /// Bounds of the burn's growth per registration, as U64F64 bits: 1.0 to 3.0 (subtensor's).
    const BURN_INCREASE_MULT_BITS: core::ops::RangeInclusive<u128> = (1 << 64)..=(3 << 64);

    /// The storage layout's version, the first: a later layout comes with a migration
    /// from it, listed in the runtime's `Migrations`.
    pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Configuration.
    #[pallet::config]
    pub trait Config:
        frame_system::Config + subtensor::Config + pallet_aura::Config + pallet_grandpa::Config
    {
        /// Weights of the calls: measured by this pallet's benchmarks on the runtime
        /// ([`crate::weights::SubstrateWeight`]), so that what a call declares follows what
        /// it costs there.
        type WeightInfo: WeightInfo;
    }

    /// Blocks between two changes by a subnet's owner (a day).
    #[pallet::storage]
    pub type OwnerHyperparamRateLimit<T> = StorageValue<_, u64, ValueQuery, ConstU64<7_200>>;

    /// Block of a subnet owner's last change.
    #[pallet::storage]
    pub type LastOwnerChange<T> = StorageMap<_, Identity, NetUid, u64, OptionQuery>;

    /// Events of this pallet (the rest are `SubtensorModule`'s).
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// Yuma 3 was switched on or off for a subnet.
        Yuma3EnableToggled {
            /// The subnet.
            netuid: NetUid,
            /// Whether Yuma 3 is on.
            enabled: bool,
        },
        /// Bonds reset by miners' commitments was switched on or off for a subnet.
        BondsResetToggled {
            /// The subnet.
            netuid: NetUid,
            /// Whether a commitment's `ResetBondsFlag` resets bonds.
            enabled: bool,
        },
        /// A subnet's registration burn half-life was set.
        BurnHalfLifeSet {
            /// The subnet.
            netuid: NetUid,
            /// Blocks over which the burn halves.
            burn_half_life: u16,
        },
        /// A subnet's registration burn growth per registration was set.
        BurnIncreaseMultSet {
            /// The subnet.
            netuid: NetUid,
            /// Factor the burn grows by at each registration.
            burn_increase_mult: U64F64,
        },
    }

    /// Errors.
    #[pallet::error]
    pub enum Error<T> {
        /// No subnet has this netuid.
        SubnetDoesNotExist,
        /// More validators than uids.
        MaxValidatorsLargerThanMaxUIds,
        /// Fewer uids than the subnet already has.
        MaxAllowedUIdsLessThanCurrentUIds,
        /// Owners may not set the bonds moving average above 975 000.
        BondsMovingAverageMaxReached,
        /// Owners may not make the sigmoid steepness negative.
        NegativeSigmoidSteepness,
        /// The value is outside what the parameter allows.
        ValueNotInBounds,
        /// The subnet owner changed a parameter too recently.
        TxRateLimitExceeded,
        /// The Aura authority set may not be empty: no block could ever be authored.
        EmptyAuraAuthorities,
        /// A GRANDPA authority set change takes effect in the block that schedules it, so
        /// its delay must be 0.
        GrandpaChangeDelayMustBeZero,
        /// The next GRANDPA authority set is empty, larger than the runtime allows, names
        /// an authority twice, gives one a weight of 0 or weights summing past `u64::MAX`:
        /// finality could never resume under it.
        InvalidGrandpaAuthorities,
        /// The value is outside what the parameter allows (subtensor's name for the burn
        /// parameters' bounds).
        InvalidValue,
    }

    /// Who may call a setter.
    #[derive(PartialEq, Eq)]
    enum Allowed {
        Root,
        RootOrOwner,
    }

    /// What a setter reports to the caller: whether the owner (rather than root) acted.
    type ByOwner = bool;

    impl<T: Config> Pallet<T> {
        /// Checks the subnet exists and the origin may set its values; records an owner's
        /// change for the rate limit.
        fn authorize(
            origin: OriginFor<T>,
            netuid: NetUid,
            allowed: Allowed,
        ) -> Result<ByOwner, DispatchError> {
            ensure!(
                subtensor::NetworksAdded::<T>::get(netuid),
                Error::<T>::SubnetDoesNotExist
            );
            if ensure_root(origin.clone()).is_ok() {
                return Ok(false);
            }
            let who = ensure_signed(origin)?;
            ensure!(
                allowed == Allowed::RootOrOwner && subtensor::SubnetOwner::<T>::get(netuid) == who,
                DispatchError::BadOrigin
            );
            let now = subtensor::Pallet::<T>::current_block();
            if let Some(last) = LastOwnerChange::<T>::get(netuid) {
                ensure!(
                    now.saturating_sub(last) >= OwnerHyperparamRateLimit::<T>::get(),
                    Error::<T>::TxRateLimitExceeded
                );
            }
            LastOwnerChange::<T>::insert(netuid, now);
            Ok(true)
        }

        fn note(event: SubtensorEvent<T>) {
            subtensor::Pallet::<T>::note(event);
        }

        /// Makes `hotkey` the owner hotkey of `netuid` (the uid never pruned, always given
        /// a validator permit). It must belong to the subnet's owner coldkey or to no one;
        /// a free hotkey becomes the owner's here, so no other coldkey can register it later
        /// and take those privileges.
        fn set_owner_hotkey(
            origin: OriginFor<T>,
            netuid: NetUid,
            hotkey: T::AccountId,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            let owner = subtensor::SubnetOwner::<T>::get(netuid);
            subtensor::Pallet::<T>::claim_hotkey(&owner, &hotkey)?;
            subtensor::SubnetOwnerHotkey::<T>::insert(netuid, &hotkey);
            Self::note(SubtensorEvent::SubnetOwnerHotkeySet(netuid, hotkey));
            Ok(())
        }

        /// Whether GRANDPA could finalize under `authorities`: some, at most
        /// `MaxAuthorities`, each once, each with weight, the total within `u64`.
        fn valid_grandpa_set(authorities: &AuthorityList) -> bool {
            let mut ids = alloc::collections::BTreeSet::new();
            let mut total = Some(0u64);
            let max = <T as pallet_grandpa::Config>::MaxAuthorities::get();
            !authorities.is_empty()
                && authorities.len() <= max as usize
                && authorities.iter().all(|(id, weight)| {
                    total = total.and_then(|t| t.checked_add(*weight));
                    *weight > 0 && total.is_some() && ids.insert(id.clone())
                })
        }
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Replaces the Aura block authors (root), from the next block on: nodes read the
        /// authorities of a block's parent state when they author or check it. Finality is
        /// GRANDPA's, changed by [`Pallet::schedule_grandpa_change`].
        #[pallet::call_index(0)]
        #[pallet::weight(<T as Config>::WeightInfo::swap_authorities(
            u32::try_from(new_authorities.len()).unwrap_or(u32::MAX)
        ))]
        pub fn swap_authorities(
            origin: OriginFor<T>,
            new_authorities: BoundedVec<
                <T as pallet_aura::Config>::AuthorityId,
                <T as pallet_aura::Config>::MaxAuthorities,
            >,
        ) -> DispatchResult {
            ensure_root(origin)?;
            ensure!(
                !new_authorities.is_empty(),
                Error::<T>::EmptyAuraAuthorities
            );
            pallet_aura::Pallet::<T>::change_authorities(new_authorities);
            Ok(())
        }

        /// Sets a subnet's tempo (root).
        #[pallet::call_index(30)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_tempo())]
        pub fn sudo_set_tempo(origin: OriginFor<T>, netuid: NetUid, tempo: u16) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::Root)?;
            ensure!(tempo > 0, Error::<T>::ValueNotInBounds);
            subtensor::Tempo::<T>::insert(netuid, tempo);
            Self::note(SubtensorEvent::TempoSet(netuid, tempo));
            Ok(())
        }

        /// Sets a subnet's consensus majority (root).
        #[pallet::call_index(16)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_kappa())]
        pub fn sudo_set_kappa(origin: OriginFor<T>, netuid: NetUid, kappa: u16) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::Root)?;
            subtensor::Kappa::<T>::insert(netuid, kappa);
            Self::note(SubtensorEvent::KappaSet(netuid, kappa));
            Ok(())
        }

        /// Sets how long new neurons are immune to pruning (root or owner).
        #[pallet::call_index(13)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_immunity_period())]
        pub fn sudo_set_immunity_period(
            origin: OriginFor<T>,
            netuid: NetUid,
            immunity_period: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::ImmunityPeriod::<T>::insert(netuid, immunity_period);
            Self::note(SubtensorEvent::ImmunityPeriodSet(netuid, immunity_period));
            Ok(())
        }

        /// Sets how many uids a subnet holds, at least its current count and its validator
        /// count, at most 4 096 (root or owner).
        #[pallet::call_index(15)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_max_allowed_uids())]
        pub fn sudo_set_max_allowed_uids(
            origin: OriginFor<T>,
            netuid: NetUid,
            max_allowed_uids: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(
                (1..=4_096).contains(&max_allowed_uids),
                Error::<T>::ValueNotInBounds
            );
            ensure!(
                max_allowed_uids >= subtensor::SubnetworkN::<T>::get(netuid),
                Error::<T>::MaxAllowedUIdsLessThanCurrentUIds
            );
            ensure!(
                max_allowed_uids >= subtensor::MaxAllowedValidators::<T>::get(netuid),
                Error::<T>::MaxValidatorsLargerThanMaxUIds
            );
            subtensor::MaxAllowedUids::<T>::insert(netuid, max_allowed_uids);
            Self::note(SubtensorEvent::MaxAllowedUidsSet(netuid, max_allowed_uids));
            Ok(())
        }

        /// Sets the fewest weights a validator must set (root or owner).
        #[pallet::call_index(14)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_min_allowed_weights())]
        pub fn sudo_set_min_allowed_weights(
            origin: OriginFor<T>,
            netuid: NetUid,
            min_allowed_weights: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::MinAllowedWeights::<T>::insert(netuid, min_allowed_weights);
            Self::note(SubtensorEvent::MinAllowedWeightSet(
                netuid,
                min_allowed_weights,
            ));
            Ok(())
        }

        /// Sets the blocks between two weight settings of a hotkey (root).
        #[pallet::call_index(7)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_weights_set_rate_limit())]
        pub fn sudo_set_weights_set_rate_limit(
            origin: OriginFor<T>,
            netuid: NetUid,
            weights_set_rate_limit: u64,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::Root)?;
            subtensor::WeightsSetRateLimit::<T>::insert(netuid, weights_set_rate_limit);
            Self::note(SubtensorEvent::WeightsSetRateLimitSet(
                netuid,
                weights_set_rate_limit,
            ));
            Ok(())
        }

        /// Sets the oldest weights version the subnet accepts (root or owner).
        #[pallet::call_index(6)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_weights_version_key())]
        pub fn sudo_set_weights_version_key(
            origin: OriginFor<T>,
            netuid: NetUid,
            weights_version_key: u64,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::WeightsVersionKey::<T>::insert(netuid, weights_version_key);
            Self::note(SubtensorEvent::WeightsVersionKeySet(
                netuid,
                weights_version_key,
            ));
            Ok(())
        }

        /// Sets how many validator permits the epoch grants, at most the uid limit (root).
        #[pallet::call_index(25)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_max_allowed_validators())]
        pub fn sudo_set_max_allowed_validators(
            origin: OriginFor<T>,
            netuid: NetUid,
            max_allowed_validators: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::Root)?;
            ensure!(
                max_allowed_validators <= subtensor::MaxAllowedUids::<T>::get(netuid),
                Error::<T>::MaxValidatorsLargerThanMaxUIds
            );
            subtensor::MaxAllowedValidators::<T>::insert(netuid, max_allowed_validators);
            Self::note(SubtensorEvent::MaxAllowedValidatorsSet(
                netuid,
                max_allowed_validators,
            ));
            Ok(())
        }

        /// Sets the bond EMA memory in millionths: at most 10^6, and 975 000 for an owner
        /// (root or owner).
        #[pallet::call_index(26)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_bonds_moving_average())]
        pub fn sudo_set_bonds_moving_average(
            origin: OriginFor<T>,
            netuid: NetUid,
            bonds_moving_average: u64,
        ) -> DispatchResult {
            let by_owner = Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(
                bonds_moving_average <= 1_000_000,
                Error::<T>::ValueNotInBounds
            );
            ensure!(
                !by_owner || bonds_moving_average <= OWNER_MAX_BONDS_MOVING_AVERAGE,
                Error::<T>::BondsMovingAverageMaxReached
            );
            subtensor::BondsMovingAverage::<T>::insert(netuid, bonds_moving_average);
            Self::note(SubtensorEvent::BondsMovingAverageSet(
                netuid,
                bonds_moving_average,
            ));
            Ok(())
        }

        /// Sets how far bonds follow clipped weights (root or owner).
        #[pallet::call_index(60)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_bonds_penalty())]
        pub fn sudo_set_bonds_penalty(
            origin: OriginFor<T>,
            netuid: NetUid,
            bonds_penalty: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::BondsPenalty::<T>::insert(netuid, bonds_penalty);
            Self::note(SubtensorEvent::BondsPenaltySet(netuid, bonds_penalty));
            Ok(())
        }

        /// Sets how many mechanisms a subnet runs, 1 or 2, with at most 256 uids over all of
        /// them (root or owner). Mechanisms removed lose their weights, bonds and commits;
        /// the emission split returns to even.
        #[pallet::call_index(76)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_mechanism_count())]
        pub fn sudo_set_mechanism_count(
            origin: OriginFor<T>,
            netuid: NetUid,
            mechanism_count: subtensor::MechId,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::Pallet::<T>::do_set_mechanism_count(netuid, mechanism_count)
        }

        /// Sets the share of a subnet's emission each mechanism receives (u16 ratios summing
        /// to 65 535, at most one per mechanism), or an even split with `None` (root or
        /// owner).
        #[pallet::call_index(77)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_mechanism_emission_split(
            maybe_split
                .as_ref()
                .map_or(0, |split| u32::try_from(split.len()).unwrap_or(u32::MAX))
        ))]
        pub fn sudo_set_mechanism_emission_split(
            origin: OriginFor<T>,
            netuid: NetUid,
            maybe_split: Option<alloc::vec::Vec<u16>>,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::Pallet::<T>::do_set_mechanism_emission_split(netuid, maybe_split)
        }

        /// Switches Yuma 3 (root or owner).
        #[pallet::call_index(69)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_yuma3_enabled())]
        pub fn sudo_set_yuma3_enabled(
            origin: OriginFor<T>,
            netuid: NetUid,
            enabled: bool,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::Yuma3On::<T>::insert(netuid, enabled);
            Self::deposit_event(Event::Yuma3EnableToggled { netuid, enabled });
            Ok(())
        }

        /// Switches whether a miner's commitment carrying `ResetBondsFlag` resets the bonds
        /// validators hold in it (`SubtensorModule::BondsResetOn`; root or owner).
        #[pallet::call_index(70)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_bonds_reset_enabled())]
        pub fn sudo_set_bonds_reset_enabled(
            origin: OriginFor<T>,
            netuid: NetUid,
            enabled: bool,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::BondsResetOn::<T>::insert(netuid, enabled);
            Self::deposit_event(Event::BondsResetToggled { netuid, enabled });
            Ok(())
        }

        /// Switches liquid alpha (root or owner).
        #[pallet::call_index(50)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_liquid_alpha_enabled())]
        pub fn sudo_set_liquid_alpha_enabled(
            origin: OriginFor<T>,
            netuid: NetUid,
            enabled: bool,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::LiquidAlphaOn::<T>::insert(netuid, enabled);
            Ok(())
        }

        /// Sets liquid alpha's range: both at least 1/40, low at most high (root or owner).
        #[pallet::call_index(51)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_alpha_values())]
        pub fn sudo_set_alpha_values(
            origin: OriginFor<T>,
            netuid: NetUid,
            alpha_low: u16,
            alpha_high: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(
                alpha_low >= MIN_ALPHA && alpha_low <= alpha_high,
                Error::<T>::ValueNotInBounds
            );
            subtensor::AlphaValues::<T>::insert(netuid, (alpha_low, alpha_high));
            Ok(())
        }

        /// Sets the liquid-alpha sigmoid's steepness; owners may not make it negative
        /// (root or owner).
        #[pallet::call_index(68)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_alpha_sigmoid_steepness())]
        pub fn sudo_set_alpha_sigmoid_steepness(
            origin: OriginFor<T>,
            netuid: NetUid,
            steepness: i16,
        ) -> DispatchResult {
            let by_owner = Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(
                !by_owner || steepness >= 0,
                Error::<T>::NegativeSigmoidSteepness
            );
            subtensor::AlphaSigmoidSteepness::<T>::insert(netuid, steepness);
            Ok(())
        }

        /// Switches commit-reveal of weights (root or owner).
        #[pallet::call_index(49)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_commit_reveal_weights_enabled())]
        pub fn sudo_set_commit_reveal_weights_enabled(
            origin: OriginFor<T>,
            netuid: NetUid,
            enabled: bool,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::CommitRevealWeightsEnabled::<T>::insert(netuid, enabled);
            Self::note(SubtensorEvent::CommitRevealEnabled(netuid, enabled));
            Ok(())
        }

        /// Sets the epochs after a commit in which it may be revealed, at least 1 (root or
        /// owner).
        #[pallet::call_index(57)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_commit_reveal_weights_interval())]
        pub fn sudo_set_commit_reveal_weights_interval(
            origin: OriginFor<T>,
            netuid: NetUid,
            interval: u64,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(interval > 0, Error::<T>::ValueNotInBounds);
            subtensor::RevealPeriodEpochs::<T>::insert(netuid, interval);
            Self::note(SubtensorEvent::CommitRevealPeriodsSet(netuid, interval));
            Ok(())
        }

        /// Sets the least a registration burns, at most the most (root or owner).
        #[pallet::call_index(22)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_min_burn())]
        pub fn sudo_set_min_burn(
            origin: OriginFor<T>,
            netuid: NetUid,
            min_burn: u64,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(
                min_burn <= subtensor::MaxBurn::<T>::get(netuid),
                Error::<T>::ValueNotInBounds
            );
            subtensor::MinBurn::<T>::insert(netuid, min_burn);
            Self::note(SubtensorEvent::MinBurnSet(netuid, min_burn));
            Ok(())
        }

        /// Sets the most a registration burns, at least the least (root or owner).
        #[pallet::call_index(23)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_max_burn())]
        pub fn sudo_set_max_burn(
            origin: OriginFor<T>,
            netuid: NetUid,
            max_burn: u64,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(
                max_burn >= subtensor::MinBurn::<T>::get(netuid),
                Error::<T>::ValueNotInBounds
            );
            subtensor::MaxBurn::<T>::insert(netuid, max_burn);
            Self::note(SubtensorEvent::MaxBurnSet(netuid, max_burn));
            Ok(())
        }

        /// Sets the proof-of-work difficulty, at least 1 (root).
        #[pallet::call_index(24)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_difficulty())]
        pub fn sudo_set_difficulty(
            origin: OriginFor<T>,
            netuid: NetUid,
            difficulty: u64,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::Root)?;
            ensure!(difficulty > 0, Error::<T>::ValueNotInBounds);
            subtensor::Difficulty::<T>::insert(netuid, difficulty);
            Self::note(SubtensorEvent::DifficultySet(netuid, difficulty));
            Ok(())
        }

        /// Opens or closes neuron registration (root).
        #[pallet::call_index(19)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_network_registration_allowed())]
        pub fn sudo_set_network_registration_allowed(
            origin: OriginFor<T>,
            netuid: NetUid,
            registration_allowed: bool,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::Root)?;
            subtensor::NetworkRegistrationAllowed::<T>::insert(netuid, registration_allowed);
            Self::note(SubtensorEvent::RegistrationAllowed(
                netuid,
                registration_allowed,
            ));
            Ok(())
        }

        /// Opens or closes proof-of-work registration (root).
        #[pallet::call_index(20)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_network_pow_registration_allowed())]
        pub fn sudo_set_network_pow_registration_allowed(
            origin: OriginFor<T>,
            netuid: NetUid,
            registration_allowed: bool,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::Root)?;
            subtensor::NetworkPowRegistrationAllowed::<T>::insert(netuid, registration_allowed);
            Self::note(SubtensorEvent::PowRegistrationAllowed(
                netuid,
                registration_allowed,
            ));
            Ok(())
        }

        /// Sets the blocks between endpoint updates of a hotkey (root or owner).
        #[pallet::call_index(3)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_serving_rate_limit())]
        pub fn sudo_set_serving_rate_limit(
            origin: OriginFor<T>,
            netuid: NetUid,
            serving_rate_limit: u64,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            subtensor::ServingRateLimit::<T>::insert(netuid, serving_rate_limit);
            Self::note(SubtensorEvent::ServingRateLimitSet(
                netuid,
                serving_rate_limit,
            ));
            Ok(())
        }

        /// Sets the blocks between proof-of-work difficulty adjustments (root).
        #[pallet::call_index(8)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_adjustment_interval())]
        pub fn sudo_set_adjustment_interval(
            origin: OriginFor<T>,
            netuid: NetUid,
            adjustment_interval: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::Root)?;
            subtensor::AdjustmentInterval::<T>::insert(netuid, adjustment_interval);
            Self::note(SubtensorEvent::AdjustmentIntervalSet(
                netuid,
                adjustment_interval,
            ));
            Ok(())
        }

        /// Sets the registrations per adjustment interval the difficulty aims at (root).
        #[pallet::call_index(21)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_target_registrations_per_interval())]
        pub fn sudo_set_target_registrations_per_interval(
            origin: OriginFor<T>,
            netuid: NetUid,
            target_registrations_per_interval: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::Root)?;
            subtensor::TargetRegistrationsPerInterval::<T>::insert(
                netuid,
                target_registrations_per_interval,
            );
            Self::note(SubtensorEvent::RegistrationPerIntervalSet(
                netuid,
                target_registrations_per_interval,
            ));
            Ok(())
        }

        /// Sets the activity cutoff in blocks, at least 360 (root or owner). Taonet keeps
        /// the cutoff as thousandths of a tempo (`ActivityCutoffFactorMilli`), so the
        /// blocks become `⌈activity_cutoff · 1000 / tempo⌉` thousandths, as subtensor's
        /// migration converted its stored cutoffs; the factor must lie within
        /// `set_activity_cutoff_factor`'s bounds (1 to 50 tempos). At the current tempo the
        /// epoch's cutoff is then `activity_cutoff` exactly when the tempo is at most 1 000
        /// blocks (less than tempo/1000 blocks more otherwise); it scales with later tempo
        /// changes.
        #[pallet::call_index(18)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_activity_cutoff())]
        pub fn sudo_set_activity_cutoff(
            origin: OriginFor<T>,
            netuid: NetUid,
            activity_cutoff: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(
                activity_cutoff >= MIN_ACTIVITY_CUTOFF,
                Error::<T>::ValueNotInBounds
            );
            let tempo = u64::from(subtensor::Tempo::<T>::get(netuid));
            let factor_milli = u64::from(activity_cutoff)
                .saturating_mul(1_000)
                .saturating_add(tempo.saturating_sub(1))
                .checked_div(tempo)
                .and_then(|factor| u32::try_from(factor).ok())
                .filter(|factor| {
                    subtensor::owner_params::ACTIVITY_CUTOFF_FACTOR_MILLI.contains(factor)
                })
                .ok_or(subtensor::Error::<T>::ActivityCutoffFactorMilliOutOfBounds)?;
            subtensor::ActivityCutoffFactorMilli::<T>::insert(netuid, factor_milli);
            Self::note(SubtensorEvent::ActivityCutoffSet(netuid, activity_cutoff));
            Self::note(SubtensorEvent::ActivityCutoffFactorMilliSet {
                netuid,
                factor_milli,
            });
            Ok(())
        }

        /// Sets the blocks over which the registration burn halves, 1 to 36 100 (root or
        /// owner).
        #[pallet::call_index(89)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_burn_half_life())]
        pub fn sudo_set_burn_half_life(
            origin: OriginFor<T>,
            netuid: NetUid,
            burn_half_life: u16,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(
                (1..=MAX_BURN_HALF_LIFE).contains(&burn_half_life),
                Error::<T>::InvalidValue
            );
            subtensor::BurnHalfLife::<T>::insert(netuid, burn_half_life);
            Self::deposit_event(Event::BurnHalfLifeSet {
                netuid,
                burn_half_life,
            });
            Ok(())
        }

        /// Sets the factor the registration burn grows by at each registration, 1 to 3
        /// (root or owner).
        #[pallet::call_index(90)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_burn_increase_mult())]
        pub fn sudo_set_burn_increase_mult(
            origin: OriginFor<T>,
            netuid: NetUid,
            burn_increase_mult: U64F64,
        ) -> DispatchResult {
            Self::authorize(origin, netuid, Allowed::RootOrOwner)?;
            ensure!(
                BURN_INCREASE_MULT_BITS.contains(&burn_increase_mult.to_bits()),
                Error::<T>::InvalidValue
            );
            subtensor::BurnIncreaseMult::<T>::insert(netuid, burn_increase_mult.to_bits());
            Self::deposit_event(Event::BurnIncreaseMultSet {
                netuid,
                burn_increase_mult,
            });
            Ok(())
        }

        /// Sets the subnet's owner hotkey: one the owner's coldkey owns, or a free one,
        /// which becomes the owner's (root or owner). The owner hotkey's uid is never
        /// pruned and always holds a validator permit; the previous owner hotkey's uid
        /// loses both, and if the new hotkey has no uid on the subnet, no uid has them
        /// until it registers. This is the call btcli's `sn_owner_hotkey` sends.
        #[pallet::call_index(67)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_sn_owner_hotkey())]
        pub fn sudo_set_sn_owner_hotkey(
            origin: OriginFor<T>,
            netuid: NetUid,
            hotkey: <T as frame_system::Config>::AccountId,
        ) -> DispatchResult {
            Self::set_owner_hotkey(origin, netuid, hotkey)
        }

        /// [`Pallet::sudo_set_sn_owner_hotkey`] under its older name, which subtensor and
        /// the bittensor SDK still offer.
        #[pallet::call_index(64)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_subnet_owner_hotkey())]
        pub fn sudo_set_subnet_owner_hotkey(
            origin: OriginFor<T>,
            netuid: NetUid,
            hotkey: <T as frame_system::Config>::AccountId,
        ) -> DispatchResult {
            Self::set_owner_hotkey(origin, netuid, hotkey)
        }

        /// Sets how many subnets may exist (root).
        #[pallet::call_index(37)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_subnet_limit())]
        pub fn sudo_set_subnet_limit(origin: OriginFor<T>, max_subnets: u16) -> DispatchResult {
            ensure_root(origin)?;
            subtensor::SubnetLimit::<T>::put(max_subnets);
            Self::note(SubtensorEvent::SubnetLimitSet(max_subnets));
            Ok(())
        }

        /// Sets the blocks between a coldkey's subnet registrations (root).
        #[pallet::call_index(29)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_network_rate_limit())]
        pub fn sudo_set_network_rate_limit(
            origin: OriginFor<T>,
            rate_limit: u64,
        ) -> DispatchResult {
            ensure_root(origin)?;
            subtensor::NetworkRateLimit::<T>::put(rate_limit);
            Self::note(SubtensorEvent::NetworkRateLimitSet(rate_limit));
            Ok(())
        }

        /// Sets the least a subnet lock costs (root).
        #[pallet::call_index(36)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_network_min_lock_cost())]
        pub fn sudo_set_network_min_lock_cost(
            origin: OriginFor<T>,
            lock_cost: u64,
        ) -> DispatchResult {
            ensure_root(origin)?;
            subtensor::NetworkMinLockCost::<T>::put(lock_cost);
            Self::note(SubtensorEvent::NetworkMinLockCostSet(lock_cost));
            Ok(())
        }

        /// Sets the highest take a hotkey may raise its take to, at least the lowest take
        /// (root). Subtensor names it the default take because its new delegates start
        /// there; taonet's start at 18 % whatever this is.
        #[pallet::call_index(1)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_default_take())]
        pub fn sudo_set_default_take(origin: OriginFor<T>, default_take: u16) -> DispatchResult {
            ensure_root(origin)?;
            ensure!(
                default_take >= subtensor::MinDelegateTake::<T>::get(),
                Error::<T>::ValueNotInBounds
            );
            subtensor::MaxDelegateTake::<T>::put(default_take);
            Self::note(SubtensorEvent::MaxDelegateTakeSet(default_take));
            Ok(())
        }

        /// Sets the lowest take a hotkey may lower its take to, at most the highest take
        /// (root).
        #[pallet::call_index(46)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_min_delegate_take())]
        pub fn sudo_set_min_delegate_take(origin: OriginFor<T>, take: u16) -> DispatchResult {
            ensure_root(origin)?;
            ensure!(
                take <= subtensor::MaxDelegateTake::<T>::get(),
                Error::<T>::ValueNotInBounds
            );
            subtensor::MinDelegateTake::<T>::put(take);
            Self::note(SubtensorEvent::MinDelegateTakeSet(take));
            Ok(())
        }

        /// Sets the blocks between two take increases of a hotkey (root).
        #[pallet::call_index(45)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_tx_delegate_take_rate_limit())]
        pub fn sudo_set_tx_delegate_take_rate_limit(
            origin: OriginFor<T>,
            tx_rate_limit: u64,
        ) -> DispatchResult {
            ensure_root(origin)?;
            subtensor::TxDelegateTakeRateLimit::<T>::put(tx_rate_limit);
            Self::note(SubtensorEvent::TxDelegateTakeRateLimitSet(tx_rate_limit));
            Ok(())
        }

        /// Sets subnet owners' share of their subnet's emission, as a u16 ratio (root).
        #[pallet::call_index(28)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_subnet_owner_cut())]
        pub fn sudo_set_subnet_owner_cut(
            origin: OriginFor<T>,
            subnet_owner_cut: u16,
        ) -> DispatchResult {
            ensure_root(origin)?;
            subtensor::SubnetOwnerCut::<T>::put(subnet_owner_cut);
            Self::note(SubtensorEvent::SubnetOwnerCutSet(subnet_owner_cut));
            Ok(())
        }

        /// Sets the blocks during which a new subnet cannot be pruned (root).
        #[pallet::call_index(35)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_network_immunity_period())]
        pub fn sudo_set_network_immunity_period(
            origin: OriginFor<T>,
            immunity_period: u64,
        ) -> DispatchResult {
            ensure_root(origin)?;
            subtensor::NetworkImmunityPeriod::<T>::put(immunity_period);
            Self::note(SubtensorEvent::NetworkImmunityPeriodSet(immunity_period));
            Ok(())
        }

        /// Sets the blocks over which a doubled subnet lock cost falls back (root; with 0 it
        /// never falls back).
        #[pallet::call_index(38)]
        #[pallet::weight(<T as Config>::WeightInfo::sudo_set_lock_reduction_interval())]
        pub fn sudo_set_lock_reduction_interval(
            origin: OriginFor<T>,
            interval: u64,
        ) -> DispatchResult {
            ensure_root(origin)?;
            subtensor::NetworkLockReductionInterval::<T>::put(interval);
            Self::note(SubtensorEvent::NetworkLockCostReductionIntervalSet(
                interval,
            ));
            Ok(())
        }

        /// Replaces GRANDPA's authority set (root). The change is signalled in this block's
        /// digest and takes effect with it: the old set finalizes this block, the new set
        /// every block after. `in_blocks` must therefore be 0; the runtime's set id moves
        /// on here too, so `GrandpaApi_current_set_id` agrees with the voters at every
        /// block. With `forced` (the median last finalized block), the change is for a set
        /// that can no longer finalize: nodes apply it when they import this block, not when
        /// it is finalized. Fails if a change is already pending.
        #[pallet::call_index(59)]
        #[pallet::weight(<T as Config>::WeightInfo::schedule_grandpa_change(
            u32::try_from(next_authorities.len()).unwrap_or(u32::MAX)
        ))]
        pub fn schedule_grandpa_change(
            origin: OriginFor<T>,
            next_authorities: AuthorityList,
            in_blocks: BlockNumberFor<T>,
            forced: Option<BlockNumberFor<T>>,
        ) -> DispatchResult {
            ensure_root(origin)?;
            ensure!(
                in_blocks.is_zero(),
                Error::<T>::GrandpaChangeDelayMustBeZero
            );
            ensure!(
                Self::valid_grandpa_set(&next_authorities),
                Error::<T>::InvalidGrandpaAuthorities
            );
            pallet_grandpa::Pallet::<T>::schedule_change(next_authorities, in_blocks, forced)?;
            pallet_grandpa::CurrentSetId::<T>::mutate(|id| *id = id.saturating_add(1));
            Ok(())
        }
    }
}
