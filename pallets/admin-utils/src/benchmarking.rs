//! Benchmarks of every `AdminUtils` call, each on its costliest path, for
//! [`crate::weights`]. Per-subnet setters run on a subnet created through
//! `SubtensorModule::register_network`; those a subnet owner may call run as its owner,
//! with a change of its own on record, so that the owner's rate limit is read, checked and
//! written (root skips it). Setup relies only on this pallet's and `SubtensorModule`'s
//! public functions and storage, so that the benchmarks run in any runtime with the pallet.

use alloc::vec;
use alloc::vec::Vec;

use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::traits::Get;
use frame_support::BoundedVec;
use frame_system::RawOrigin;
use pallet_subtensor::mechanisms::{
    mechanism_index, MAX_MECHANISM_COUNT, MAX_UIDS_OVER_MECHANISMS,
};
use pallet_subtensor::{self as subtensor, NetUid};
use sp_consensus_grandpa::AuthorityList;
use sp_runtime::traits::{TrailingZeroInput, Zero};
use substrate_fixed::types::U64F64;

use crate::*;

/// Creates a subnet through `SubtensorModule::register_network`, for a fresh coldkey given
/// just the lock and the existential deposit. Returns the netuid and the owner coldkey.
fn subnet<T: Config>() -> (NetUid, T::AccountId) {
    let owner: T::AccountId = account("owner", 0, 0);
    let hotkey: T::AccountId = account("owner_hotkey", 0, 0);
    let funds = subtensor::Pallet::<T>::network_lock_cost()
        .saturating_add(<T as subtensor::Config>::Currency::minimum_balance());
    <T as subtensor::Config>::Currency::set_balance(&owner, funds);
    subtensor::Pallet::<T>::register_network(RawOrigin::Signed(owner.clone()).into(), hotkey)
        .expect("the owner holds the lock");
    let netuid = subtensor::NetworksAdded::<T>::iter_keys()
        .find(|netuid| subtensor::SubnetOwner::<T>::get(netuid) == owner)
        .expect("the subnet was just registered");
    (netuid, owner)
}

/// A subnet whose owner may change a value now and has changed one before: the owner's
/// call then reads and checks the rate limit and records its change, the most an owner's
/// authorisation does.
fn owned_subnet<T: Config>() -> (NetUid, T::AccountId) {
    let (netuid, owner) = subnet::<T>();
    OwnerHyperparamRateLimit::<T>::put(0);
    LastOwnerChange::<T>::insert(netuid, subtensor::Pallet::<T>::current_block());
    (netuid, owner)
}

/// Gives `netuid` every mechanism a subnet may run, with the uids that allows each.
/// Returns the uids per mechanism.
fn all_mechanisms<T: Config>(netuid: NetUid) -> u16 {
    let uids = MAX_UIDS_OVER_MECHANISMS
        .checked_div(u16::from(MAX_MECHANISM_COUNT))
        .unwrap_or_default();
    subtensor::MaxAllowedUids::<T>::insert(netuid, uids);
    subtensor::Pallet::<T>::do_set_mechanism_count(netuid, MAX_MECHANISM_COUNT)
        .expect("the uids fit every mechanism");
    uids
}

/// A key of any type, distinct per `index`: its encoding is `index`'s bytes, then zeros.
fn key<K: Decode>(index: u32) -> K {
    K::decode(&mut TrailingZeroInput::new(&index.to_le_bytes()))
        .expect("keys decode from any bytes")
}

#[benchmarks]
mod benchmarks {
    use super::*;

    #[benchmark]
    fn swap_authorities(a: Linear<1, { <T as pallet_aura::Config>::MaxAuthorities::get() }>) {
        let authorities: Vec<<T as pallet_aura::Config>::AuthorityId> = (0..a).map(key).collect();
        let bounded = BoundedVec::try_from(authorities.clone()).expect("at most MaxAuthorities");

        #[extrinsic_call]
        _(RawOrigin::Root, bounded);

        assert_eq!(
            pallet_aura::Authorities::<T>::get().into_inner(),
            authorities
        );
    }

    #[benchmark]
    fn sudo_set_tempo() {
        let (netuid, _) = subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Root, netuid, 100);

        assert_eq!(subtensor::Tempo::<T>::get(netuid), 100);
    }

    #[benchmark]
    fn sudo_set_kappa() {
        let (netuid, _) = subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Root, netuid, 40_000);

        assert_eq!(subtensor::Kappa::<T>::get(netuid), 40_000);
    }

    #[benchmark]
    fn sudo_set_immunity_period() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 1_000);

        assert_eq!(subtensor::ImmunityPeriod::<T>::get(netuid), 1_000);
    }

    #[benchmark]
    fn sudo_set_max_allowed_uids() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 128);

        assert_eq!(subtensor::MaxAllowedUids::<T>::get(netuid), 128);
    }

    #[benchmark]
    fn sudo_set_min_allowed_weights() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 8);

        assert_eq!(subtensor::MinAllowedWeights::<T>::get(netuid), 8);
    }

    #[benchmark]
    fn sudo_set_weights_set_rate_limit() {
        let (netuid, _) = subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Root, netuid, 10);

        assert_eq!(subtensor::WeightsSetRateLimit::<T>::get(netuid), 10);
    }

    #[benchmark]
    fn sudo_set_weights_version_key() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 7);

        assert_eq!(subtensor::WeightsVersionKey::<T>::get(netuid), 7);
    }

    #[benchmark]
    fn sudo_set_max_allowed_validators() {
        let (netuid, _) = subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Root, netuid, 128);

        assert_eq!(subtensor::MaxAllowedValidators::<T>::get(netuid), 128);
    }

    #[benchmark]
    fn sudo_set_bonds_moving_average() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 975_000);

        assert_eq!(subtensor::BondsMovingAverage::<T>::get(netuid), 975_000);
    }

    #[benchmark]
    fn sudo_set_bonds_penalty() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 1_000);

        assert_eq!(subtensor::BondsPenalty::<T>::get(netuid), 1_000);
    }

    /// Back to one mechanism from the most a subnet may run, each removed mechanism with a
    /// weight row, a bond row and a commit for every uid it allows: the removal clears them
    /// all.
    #[benchmark]
    fn sudo_set_mechanism_count() {
        let (netuid, owner) = owned_subnet::<T>();
        let uids = all_mechanisms::<T>(netuid);
        let row: Vec<(u16, u16)> = (0..uids).map(|uid| (uid, u16::MAX)).collect();
        for mecid in 1..MAX_MECHANISM_COUNT {
            let index = mechanism_index(netuid, mecid);
            for uid in 0..uids {
                subtensor::Weights::<T>::insert(index, uid, &row);
                subtensor::Bonds::<T>::insert(index, uid, &row);
                let hotkey: T::AccountId = account("hotkey", uid.into(), 0);
                subtensor::WeightCommits::<T>::mutate(index, hotkey, |commits| {
                    *commits = Some(vec![Default::default()]);
                });
            }
        }

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 1);

        assert_eq!(subtensor::MechanismCountCurrent::<T>::get(netuid), 1);
        for mecid in 1..MAX_MECHANISM_COUNT {
            let index = mechanism_index(netuid, mecid);
            assert_eq!(subtensor::Weights::<T>::iter_prefix(index).count(), 0);
            assert_eq!(subtensor::Bonds::<T>::iter_prefix(index).count(), 0);
            assert_eq!(subtensor::WeightCommits::<T>::iter_prefix(index).count(), 0);
        }
    }

    /// A split of `n` shares, at most one per mechanism, on a subnet running them all.
    #[benchmark]
    fn sudo_set_mechanism_emission_split(n: Linear<1, { u32::from(MAX_MECHANISM_COUNT) }>) {
        let (netuid, owner) = owned_subnet::<T>();
        all_mechanisms::<T>(netuid);
        let shares = u16::try_from(n).unwrap_or(u16::MAX);
        let share = u16::MAX.checked_div(shares).unwrap_or_default();
        let mut split = vec![share; usize::from(shares)];
        if let Some(last) = split.last_mut() {
            *last = u16::MAX.saturating_sub(share.saturating_mul(shares.saturating_sub(1)));
        }

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, Some(split.clone()));

        assert_eq!(
            subtensor::MechanismEmissionSplit::<T>::get(netuid),
            Some(split)
        );
    }

    #[benchmark]
    fn sudo_set_yuma3_enabled() {
        let (netuid, owner) = owned_subnet::<T>();
        let enabled = !subtensor::Yuma3On::<T>::get(netuid);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, enabled);

        assert_eq!(subtensor::Yuma3On::<T>::get(netuid), enabled);
    }

    #[benchmark]
    fn sudo_set_bonds_reset_enabled() {
        let (netuid, owner) = owned_subnet::<T>();
        let enabled = !subtensor::BondsResetOn::<T>::get(netuid);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, enabled);

        assert_eq!(subtensor::BondsResetOn::<T>::get(netuid), enabled);
    }

    #[benchmark]
    fn sudo_set_liquid_alpha_enabled() {
        let (netuid, owner) = owned_subnet::<T>();
        let enabled = !subtensor::LiquidAlphaOn::<T>::get(netuid);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, enabled);

        assert_eq!(subtensor::LiquidAlphaOn::<T>::get(netuid), enabled);
    }

    #[benchmark]
    fn sudo_set_alpha_values() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 30_000, 60_000);

        assert_eq!(subtensor::AlphaValues::<T>::get(netuid), (30_000, 60_000));
    }

    #[benchmark]
    fn sudo_set_alpha_sigmoid_steepness() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 2_000);

        assert_eq!(subtensor::AlphaSigmoidSteepness::<T>::get(netuid), 2_000);
    }

    #[benchmark]
    fn sudo_set_commit_reveal_weights_enabled() {
        let (netuid, owner) = owned_subnet::<T>();
        let enabled = !subtensor::CommitRevealWeightsEnabled::<T>::get(netuid);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, enabled);

        assert_eq!(
            subtensor::CommitRevealWeightsEnabled::<T>::get(netuid),
            enabled
        );
    }

    #[benchmark]
    fn sudo_set_commit_reveal_weights_interval() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 5);

        assert_eq!(subtensor::RevealPeriodEpochs::<T>::get(netuid), 5);
    }

    #[benchmark]
    fn sudo_set_min_burn() {
        let (netuid, owner) = owned_subnet::<T>();
        let min_burn = subtensor::MaxBurn::<T>::get(netuid);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, min_burn);

        assert_eq!(subtensor::MinBurn::<T>::get(netuid), min_burn);
    }

    #[benchmark]
    fn sudo_set_max_burn() {
        let (netuid, owner) = owned_subnet::<T>();
        let max_burn = subtensor::MinBurn::<T>::get(netuid);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, max_burn);

        assert_eq!(subtensor::MaxBurn::<T>::get(netuid), max_burn);
    }

    #[benchmark]
    fn sudo_set_difficulty() {
        let (netuid, _) = subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Root, netuid, 20_000_000);

        assert_eq!(subtensor::Difficulty::<T>::get(netuid), 20_000_000);
    }

    #[benchmark]
    fn sudo_set_network_registration_allowed() {
        let (netuid, _) = subnet::<T>();
        let allowed = !subtensor::NetworkRegistrationAllowed::<T>::get(netuid);

        #[extrinsic_call]
        _(RawOrigin::Root, netuid, allowed);

        assert_eq!(
            subtensor::NetworkRegistrationAllowed::<T>::get(netuid),
            allowed
        );
    }

    #[benchmark]
    fn sudo_set_network_pow_registration_allowed() {
        let (netuid, _) = subnet::<T>();
        let allowed = !subtensor::NetworkPowRegistrationAllowed::<T>::get(netuid);

        #[extrinsic_call]
        _(RawOrigin::Root, netuid, allowed);

        assert_eq!(
            subtensor::NetworkPowRegistrationAllowed::<T>::get(netuid),
            allowed
        );
    }

    #[benchmark]
    fn sudo_set_serving_rate_limit() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 10);

        assert_eq!(subtensor::ServingRateLimit::<T>::get(netuid), 10);
    }

    #[benchmark]
    fn sudo_set_adjustment_interval() {
        let (netuid, _) = subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Root, netuid, 200);

        assert_eq!(subtensor::AdjustmentInterval::<T>::get(netuid), 200);
    }

    #[benchmark]
    fn sudo_set_target_registrations_per_interval() {
        let (netuid, _) = subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Root, netuid, 4);

        assert_eq!(
            subtensor::TargetRegistrationsPerInterval::<T>::get(netuid),
            4
        );
    }

    /// 7 200 blocks at a tempo of 360: 20 tempos, stored as 20 000 thousandths.
    #[benchmark]
    fn sudo_set_activity_cutoff() {
        let (netuid, owner) = owned_subnet::<T>();
        subtensor::Tempo::<T>::insert(netuid, 360);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 7_200);

        assert_eq!(
            subtensor::ActivityCutoffFactorMilli::<T>::get(netuid),
            20_000
        );
    }

    #[benchmark]
    fn sudo_set_burn_half_life() {
        let (netuid, owner) = owned_subnet::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, 720);

        assert_eq!(subtensor::BurnHalfLife::<T>::get(netuid), 720);
    }

    #[benchmark]
    fn sudo_set_burn_increase_mult() {
        let (netuid, owner) = owned_subnet::<T>();
        let mult = U64F64::from_num(2);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, mult);

        assert_eq!(
            subtensor::BurnIncreaseMult::<T>::get(netuid),
            mult.to_bits()
        );
    }

    /// A hotkey no one owns yet, which becomes the owner's.
    #[benchmark]
    fn sudo_set_sn_owner_hotkey() {
        let (netuid, owner) = owned_subnet::<T>();
        let hotkey: T::AccountId = account("new_owner_hotkey", 0, 0);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner.clone()), netuid, hotkey.clone());

        assert_eq!(subtensor::SubnetOwnerHotkey::<T>::get(netuid), hotkey);
        assert_eq!(subtensor::Owner::<T>::get(&hotkey), owner);
    }

    /// As `sudo_set_sn_owner_hotkey`.
    #[benchmark]
    fn sudo_set_subnet_owner_hotkey() {
        let (netuid, owner) = owned_subnet::<T>();
        let hotkey: T::AccountId = account("new_owner_hotkey", 0, 0);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner.clone()), netuid, hotkey.clone());

        assert_eq!(subtensor::SubnetOwnerHotkey::<T>::get(netuid), hotkey);
        assert_eq!(subtensor::Owner::<T>::get(&hotkey), owner);
    }

    #[benchmark]
    fn sudo_set_subnet_limit() {
        #[extrinsic_call]
        _(RawOrigin::Root, 100);

        assert_eq!(subtensor::SubnetLimit::<T>::get(), 100);
    }

    #[benchmark]
    fn sudo_set_network_rate_limit() {
        #[extrinsic_call]
        _(RawOrigin::Root, 100);

        assert_eq!(subtensor::NetworkRateLimit::<T>::get(), 100);
    }

    #[benchmark]
    fn sudo_set_network_min_lock_cost() {
        #[extrinsic_call]
        _(RawOrigin::Root, 500);

        assert_eq!(subtensor::NetworkMinLockCost::<T>::get(), 500);
    }

    #[benchmark]
    fn sudo_set_default_take() {
        let take = subtensor::MinDelegateTake::<T>::get();

        #[extrinsic_call]
        _(RawOrigin::Root, take);

        assert_eq!(subtensor::MaxDelegateTake::<T>::get(), take);
    }

    #[benchmark]
    fn sudo_set_min_delegate_take() {
        let take = subtensor::MaxDelegateTake::<T>::get();

        #[extrinsic_call]
        _(RawOrigin::Root, take);

        assert_eq!(subtensor::MinDelegateTake::<T>::get(), take);
    }

    #[benchmark]
    fn sudo_set_tx_delegate_take_rate_limit() {
        #[extrinsic_call]
        _(RawOrigin::Root, 100);

        assert_eq!(subtensor::TxDelegateTakeRateLimit::<T>::get(), 100);
    }

    #[benchmark]
    fn sudo_set_subnet_owner_cut() {
        #[extrinsic_call]
        _(RawOrigin::Root, 10_000);

        assert_eq!(subtensor::SubnetOwnerCut::<T>::get(), 10_000);
    }

    #[benchmark]
    fn sudo_set_network_immunity_period() {
        #[extrinsic_call]
        _(RawOrigin::Root, 1_000);

        assert_eq!(subtensor::NetworkImmunityPeriod::<T>::get(), 1_000);
    }

    #[benchmark]
    fn sudo_set_lock_reduction_interval() {
        #[extrinsic_call]
        _(RawOrigin::Root, 1_000);

        assert_eq!(subtensor::NetworkLockReductionInterval::<T>::get(), 1_000);
    }

    /// A forced change, which also records when the next one may come.
    #[benchmark]
    fn schedule_grandpa_change(
        a: Linear<1, { <T as pallet_grandpa::Config>::MaxAuthorities::get() }>,
    ) {
        let authorities: AuthorityList = (0..a).map(|index| (key(index), 1)).collect();
        let set_id = pallet_grandpa::CurrentSetId::<T>::get();

        #[extrinsic_call]
        _(
            RawOrigin::Root,
            authorities.clone(),
            Zero::zero(),
            Some(Zero::zero()),
        );

        let pending =
            pallet_grandpa::PendingChange::<T>::get().map(|change| change.next_authorities);
        assert_eq!(pending.map(|next| next.to_vec()), Some(authorities));
        assert_eq!(
            pallet_grandpa::CurrentSetId::<T>::get(),
            set_id.saturating_add(1)
        );
    }

    impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
