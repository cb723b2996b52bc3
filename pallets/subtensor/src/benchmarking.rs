//! Benchmarks of every call of `SubtensorModule` and of its block hook, each on its
//! worst-case path: full subnets that prune, full-length weight rows, the most commits a
//! hotkey may hold. They run in the runtime (wasm included), so they build state with the
//! pallet's own storage and functions only; `weights.rs` is generated from their results.

use alloc::vec;
use alloc::vec::Vec;

use frame_benchmarking::v2::*;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::traits::Hooks;
use frame_system::pallet_prelude::BlockNumberFor;
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};
use sp_runtime::{AccountId32, SaturatedConversion};
use taonet_primitives::registration::seal;
use taonet_primitives::{Balance, RAO_PER_TAO};

use crate::cleanup::{Cleanup, MAX_DISSOLVING, NEURON_KEYS_PER_BLOCK, STAKES_PER_BLOCK};
use crate::identity::SubnetIdentityV3;
use crate::mechanisms::{mechanism_index, MAX_MECHANISM_COUNT};
use crate::neurons::{MAX_OWNED_HOTKEYS, MAX_UIDS};
use crate::owner_params::{OwnerParam, MAX_TEMPO};
use crate::set_weights::MAX_BATCH;
use crate::stake_orders::PRICE;
use crate::staking::{MAX_STAKING_HOTKEYS, MIN_STAKE};
use crate::swap_hotkey::{KEY_SWAP_COST, MAX_SWAP_STAKES};
use crate::*;

/// Uids of a full subnet, as a component bound.
const UIDS: u32 = MAX_UIDS as u32;
/// Items of the largest `batch_set_weights`, as a component bound.
const BATCH: u32 = MAX_BATCH as u32;
/// Subnets of a full default chain ([`SubnetLimit`]'s default), as a component bound.
const SUBNETS: u32 = 128;
/// Nominators paid by an epoch.
const STAKES: u32 = 4_096;
/// Validators holding full weight and bond rows on a benchmarked subnet: the heaviest
/// epoch the runtime's native bench measures (256 validators over 4 096 uids).
const VALIDATORS: u16 = 256;
/// Unrevealed commits a hotkey may hold (`commit_reveal`'s limit).
const MAX_COMMITS: usize = 10;
/// The weights version every benchmark sets.
const VERSION_KEY: u64 = 0;

/// `x` as a uid count (every uid component is at most [`UIDS`]).
fn uids(x: u32) -> u16 {
    u16::try_from(x).unwrap_or(MAX_UIDS)
}

/// Moves the chain to `block` without running hooks.
fn set_block<T: Config>(block: u64) {
    frame_system::Pallet::<T>::set_block_number(block.saturated_into::<BlockNumberFor<T>>());
}

/// Moves the chain `blocks` ahead without running hooks.
fn advance<T: Config>(blocks: u64) {
    set_block::<T>(Pallet::<T>::current_block().saturating_add(blocks));
}

/// Mints `amount` rao, plus the existential deposit, into `who`, counted in
/// [`TotalIssuance`] like any TAO in existence.
fn fund<T: Config>(who: &AccountId32, amount: Balance) {
    let amount = amount.saturating_add(T::Currency::minimum_balance());
    T::Currency::mint_into(who, amount).expect("minting within the supply succeeds");
    TotalIssuance::<T>::mutate(|issuance| *issuance = issuance.saturating_add(amount));
}

/// Stakes `amount` rao of `coldkey`, funded for it, on `hotkey` in `netuid`.
fn stake<T: Config>(coldkey: &AccountId32, hotkey: &AccountId32, netuid: NetUid, amount: Balance) {
    fund::<T>(coldkey, amount);
    Pallet::<T>::do_add_stake(coldkey, hotkey, netuid, amount).expect("hotkey registered");
}

/// A new subnet of owner `account("owner", seed)`, whose hotkey holds uid 0; the lock is
/// reset to its minimum first, as every registration doubles it.
fn subnet<T: Config>(seed: u32) -> (NetUid, AccountId32, AccountId32) {
    let owner: AccountId32 = account("owner", seed, 0);
    let hotkey: AccountId32 = account("owner_hotkey", seed, 0);
    NetworkLastLockBlock::<T>::kill();
    NetworkLastLockCost::<T>::put(NetworkMinLockCost::<T>::get());
    fund::<T>(&owner, Pallet::<T>::network_lock_cost());
    let slot = Pallet::<T>::network_slot(&owner, &hotkey).expect("funded, not rate-limited");
    let netuid = Pallet::<T>::do_register_network(&owner, &hotkey, slot).expect("registered");
    (netuid, owner, hotkey)
}

/// `count` new subnets, with room for them under [`SubnetLimit`].
fn subnets<T: Config>(count: u32) -> Vec<NetUid> {
    let limit = u16::try_from(count).unwrap_or(u16::MAX);
    SubnetLimit::<T>::mutate(|l| *l = (*l).max(limit));
    (0..count).map(|seed| subnet::<T>(seed).0).collect()
}

/// The account seed of `uid` of `netuid` as [`fill`] registers it.
fn neuron_seed(netuid: NetUid, uid: u16) -> u32 {
    u32::from(netuid)
        .saturating_mul(65_536)
        .saturating_add(u32::from(uid))
}

/// The hotkey of `uid` of `netuid` as [`fill`] registers it.
fn neuron(netuid: NetUid, uid: u16) -> AccountId32 {
    account("neuron", neuron_seed(netuid, uid), 0)
}

/// Registers neurons on `netuid` up to `n` uids and makes `n` its maximum, so that it is
/// full. Each hotkey has its own coldkey, so an epoch's incentive opens a stake entry
/// (and a [`StakingHotkeys`] entry) for every one: the most an epoch writes.
fn fill<T: Config>(netuid: NetUid, n: u16) {
    MaxAllowedUids::<T>::insert(netuid, n);
    for uid in SubnetworkN::<T>::get(netuid)..n {
        let coldkey: AccountId32 = account("miner", neuron_seed(netuid, uid), 0);
        Pallet::<T>::append_neuron(netuid, &neuron(netuid, uid), &coldkey).expect("room left");
    }
}

/// A value that differs from row to row and uid to uid, never zero: weights and bonds as
/// validators set them (each scores the miners its own way, and every epoch anew), not a
/// constant that sorting and consensus could get through cheaply.
fn varied(row: u16, uid: u16) -> u16 {
    let mixed = (u32::from(row) << 16 | u32::from(uid)).wrapping_mul(0x9E37_79B9);
    u16::try_from(mixed >> 16).unwrap_or(u16::MAX).max(1)
}

/// Gives the first `min(n, VALIDATORS)` uids of `netuid`'s mechanism at `index` permits
/// and full weight and bond rows over its `n` uids, each row with its own values, last
/// updated now.
fn validator_rows<T: Config>(netuid: NetUid, index: NetUid) -> u16 {
    let n = SubnetworkN::<T>::get(netuid);
    let validators = n.min(VALIDATORS);
    for validator in 0..validators {
        let row: Vec<(u16, u16)> = (0..n).map(|uid| (uid, varied(validator, uid))).collect();
        Weights::<T>::insert(index, validator, &row);
        Bonds::<T>::insert(index, validator, &row);
    }
    ValidatorPermit::<T>::insert(
        netuid,
        (0..n).map(|uid| uid < validators).collect::<Vec<_>>(),
    );
    MaxAllowedValidators::<T>::insert(netuid, validators);
    LastUpdate::<T>::insert(index, vec![Pallet::<T>::current_block(); usize::from(n)]);
    validators
}

/// A full subnet of `n` uids whose validators weight every uid, where any uid but the
/// owner's may be replaced: the worst case of a registration.
fn full_subnet<T: Config>(n: u32) -> NetUid {
    let (netuid, ..) = subnet::<T>(0);
    fill::<T>(netuid, uids(n));
    validator_rows::<T>(netuid, netuid);
    ImmunityPeriod::<T>::insert(netuid, 0);
    advance::<T>(1);
    netuid
}

/// A subnet of `n` uids holding `s` stake entries, one per staker, spread over its
/// hotkeys: what removing a subnet refunds and clears.
fn populated_subnet<T: Config>(n: u32, s: u32) -> (NetUid, AccountId32) {
    let (netuid, owner, _) = subnet::<T>(0);
    fill::<T>(netuid, uids(n));
    validator_rows::<T>(netuid, netuid);
    for i in 0..s {
        let uid = i.checked_rem(n).and_then(|u| u16::try_from(u).ok());
        let hotkey = Keys::<T>::get(netuid, uid.unwrap_or_default());
        stake::<T>(&account("staker", i, 0), &hotkey, netuid, MIN_STAKE);
    }
    (netuid, owner)
}

/// `l` subnet slots ([`SubnetLimit`]), every one taken: by `pruned` and by subnets with
/// emission in every uid (so `pruned` is the one pruned, after reading all of them), none
/// immune; and one fewer than [`MAX_DISSOLVING`] dissolved subnets still being removed
/// on the netuids above. The worst case of a `register_network`: it reads every netuid
/// it may.
fn take_every_subnet_slot<T: Config>(l: u32, pruned: NetUid) {
    let limit = u16::try_from(l).unwrap_or(u16::MAX);
    SubnetLimit::<T>::put(limit);
    NetworkImmunityPeriod::<T>::put(0);
    let emission = vec![1u64; usize::from(MAX_UIDS)];
    for netuid in 1..=limit {
        if netuid != pruned {
            NetworksAdded::<T>::insert(netuid, true);
            NetworkRegisteredAt::<T>::insert(netuid, Pallet::<T>::current_block());
            Emission::<T>::insert(netuid, &emission);
        }
    }
    TotalNetworks::<T>::put(limit);
    let dissolving = u16::try_from(MAX_DISSOLVING.saturating_sub(1)).unwrap_or(u16::MAX);
    for netuid in 1..=dissolving {
        DissolvedNetworks::<T>::insert(limit.saturating_add(netuid), 0);
    }
    advance::<T>(1);
}

/// A subnet of `n` uids at the most mechanisms, dissolved, with none of its stakes and
/// neurons left but every value it keeps per subnet and mechanism: only the last step of
/// its removal remains. Returns its netuid.
fn dissolved_without_neurons<T: Config>(n: u32) -> NetUid {
    let (netuid, _) = populated_subnet::<T>(n, 0);
    MechanismCountCurrent::<T>::insert(netuid, MAX_MECHANISM_COUNT);
    Pallet::<T>::do_dissolve_network(netuid).expect("the subnet exists");
    let mut budget = u32::MAX;
    assert!(Pallet::<T>::clear_neurons(netuid, &mut budget));
    netuid
}

/// A coldkey ready to register a subnet: funded with the lock, not rate-limited, owning
/// one hotkey fewer than it may.
fn network_registrant<T: Config>() -> (AccountId32, AccountId32) {
    let coldkey: AccountId32 = account("registrant", 0, 0);
    NetworkLastLockBlock::<T>::kill();
    NetworkLastLockCost::<T>::put(NetworkMinLockCost::<T>::get());
    fund::<T>(&coldkey, Pallet::<T>::network_lock_cost());
    crowd_owned::<T>(&coldkey, MAX_OWNED_HOTKEYS.saturating_sub(1));
    (coldkey, account("registrant_hotkey", 0, 0))
}

/// `len` bytes of identity text.
fn text(len: usize) -> Vec<u8> {
    vec![b'a'; len]
}

/// A subnet identity with every field at its longest.
fn subnet_identity() -> SubnetIdentityV3 {
    SubnetIdentityV3 {
        subnet_name: text(256),
        github_repo: text(1_024),
        subnet_contact: text(1_024),
        subnet_url: text(1_024),
        discord: text(256),
        description: text(1_024),
        logo_url: text(1_024),
        additional: text(1_024),
    }
}

/// A subnet where its owner's hotkey (uid 0) validates over `n` uids: permitted, not
/// rate-limited. Returns the subnet and the hotkey.
fn weights_subnet<T: Config>(n: u32, mechanisms: MechId) -> (NetUid, AccountId32) {
    let (netuid, _, hotkey) = subnet::<T>(0);
    MechanismCountCurrent::<T>::insert(netuid, mechanisms);
    fill::<T>(netuid, uids(n).max(1));
    let n = SubnetworkN::<T>::get(netuid);
    ValidatorPermit::<T>::insert(netuid, (0..n).map(|uid| uid == 0).collect::<Vec<_>>());
    for index in Pallet::<T>::mechanism_indices(netuid) {
        LastUpdate::<T>::insert(index, vec![Pallet::<T>::current_block(); usize::from(n)]);
    }
    advance::<T>(WeightsSetRateLimit::<T>::get(netuid));
    (netuid, hotkey)
}

/// `w` weights on uids `0..w`.
fn weights_on(w: u32) -> (Vec<u16>, Vec<u16>) {
    let dests: Vec<u16> = (0..uids(w)).collect();
    let values = (1..=uids(w)).collect();
    (dests, values)
}

/// `hotkey` holding the most live commits on mechanism `index` of `netuid` but one, the
/// last made `WeightsSetRateLimit` blocks ago; commit-reveal on.
fn commits_but_one<T: Config>(netuid: NetUid, index: NetUid, hotkey: &AccountId32) {
    CommitRevealWeightsEnabled::<T>::insert(netuid, true);
    advance::<T>(WeightsSetRateLimit::<T>::get(netuid));
    let block = Pallet::<T>::current_block();
    let epoch = Pallet::<T>::epoch_index(netuid, block);
    let commits: Vec<(H256, u64, u64, u64)> = (0u8..)
        .take(MAX_COMMITS.saturating_sub(1))
        .map(|i| (H256::repeat_byte(i), epoch, block, 0))
        .collect();
    WeightCommits::<T>::insert(index, hotkey, commits);
    advance::<T>(WeightsSetRateLimit::<T>::get(netuid));
}

/// Commits of `w` weights by the validator of a new subnet on mechanism `mecid`: the
/// matching one last of the most a hotkey may hold, revealable now. Returns the subnet,
/// the hotkey, and the weights and salt to reveal.
fn revealable<T: Config>(
    w: u32,
    mecid: MechId,
) -> (NetUid, AccountId32, Vec<u16>, Vec<u16>, Vec<u16>) {
    let (netuid, hotkey) = weights_subnet::<T>(w, mecid.saturating_add(1));
    let index = mechanism_index(netuid, mecid);
    commits_but_one::<T>(netuid, index, &hotkey);
    let (dests, values) = weights_on(w);
    let salt: Vec<u16> = (0..8).collect();
    let hash = BlakeTwo256::hash_of(&(
        hotkey.clone(),
        index,
        dests.clone(),
        values.clone(),
        salt.clone(),
        VERSION_KEY,
    ));
    // Committed with the others, so that all are still live when it is revealed.
    let mut commits = WeightCommits::<T>::get(index, &hotkey).unwrap_or_default();
    let (epoch, block) = commits
        .last()
        .map(|&(_, epoch, block, _)| (epoch, block))
        .unwrap_or_default();
    commits.push((hash, epoch, block, 0));
    WeightCommits::<T>::insert(index, &hotkey, commits);
    // The reveal epoch is the next one: (block + netuid + 1) reaches its first multiple of
    // tempo + 1.
    let period = u64::from(Tempo::<T>::get(netuid)).saturating_add(1);
    let reveal_epoch_start = epoch
        .saturating_add(1)
        .saturating_mul(period)
        .saturating_sub(u64::from(netuid))
        .saturating_sub(1);
    set_block::<T>(Pallet::<T>::current_block().max(reveal_epoch_start));
    (netuid, hotkey, dests, values, salt)
}

/// A coldkey with `amount` staked on the owner hotkey of a subnet that another subnet's
/// owner hotkey also exists beside; the hotkey is registered in both subnets. The
/// coldkey stakes on as many hotkeys as it may, so ending or opening a stake rewrites a
/// full [`StakingHotkeys`]. Returns
/// (coldkey, hotkey, its subnet, the other subnet, the other subnet's owner hotkey).
fn staked_on_two_subnets<T: Config>(
    amount: Balance,
) -> (AccountId32, AccountId32, NetUid, NetUid, AccountId32) {
    let (origin, owner, hotkey) = subnet::<T>(0);
    let (destination, _, other_hotkey) = subnet::<T>(1);
    Pallet::<T>::append_neuron(destination, &hotkey, &owner).expect("room left");
    let coldkey: AccountId32 = account("staker", 0, 0);
    stake::<T>(&coldkey, &hotkey, origin, amount);
    crowd_staking::<T>(&coldkey, MAX_STAKING_HOTKEYS);
    (coldkey, hotkey, origin, destination, other_hotkey)
}

/// Makes `coldkey` own `len` hotkeys in all (counting those it owns already): a
/// registration or swap then claims a hotkey against a list as long as it may be.
fn crowd_owned<T: Config>(coldkey: &AccountId32, len: u32) {
    OwnedHotkeys::<T>::mutate(coldkey, |owned| {
        for i in 0..len {
            if owned.try_push(account("owned", i, 0)).is_err() {
                break;
            }
        }
        owned.truncate(usize::try_from(len).unwrap_or(usize::MAX));
    });
}

/// Makes `coldkey`'s [`StakingHotkeys`] `len` long (counting the hotkeys it stakes on
/// already): a stake that opens or closes an entry then writes a list as long as it may
/// be.
fn crowd_staking<T: Config>(coldkey: &AccountId32, len: u32) {
    StakingHotkeys::<T>::mutate(coldkey, |staking| {
        for i in 0..len {
            if staking.try_push(account("staked", i, 0)).is_err() {
                break;
            }
        }
        staking.truncate(usize::try_from(len).unwrap_or(usize::MAX));
    });
}

#[benchmarks]
mod benchmarks {
    use super::*;

    /// Registers a subnet while all `l` subnet slots are taken, pruning one.
    #[benchmark]
    fn register_network(l: Linear<1, SUBNETS>) {
        let (pruned, ..) = subnet::<T>(0);
        take_every_subnet_slot::<T>(l, pruned);
        let (coldkey, hotkey) = network_registrant::<T>();

        #[extrinsic_call]
        _(RawOrigin::Signed(coldkey.clone()), hotkey);

        assert!(DissolvedNetworks::<T>::contains_key(pruned));
        assert_eq!(DissolvedNetworks::<T>::count(), MAX_DISSOLVING);
        assert_eq!(
            TotalNetworks::<T>::get(),
            u16::try_from(l).unwrap_or(u16::MAX)
        );
    }

    /// Registers a neuron on a full subnet of `n` uids, replacing one.
    #[benchmark]
    fn burned_register(n: Linear<2, UIDS>) {
        let netuid = full_subnet::<T>(n);
        let coldkey: AccountId32 = account("registrant", 0, 0);
        fund::<T>(&coldkey, Burn::<T>::get(netuid));
        crowd_owned::<T>(&coldkey, MAX_OWNED_HOTKEYS.saturating_sub(1));
        let hotkey: AccountId32 = account("registrant_hotkey", 0, 0);

        #[extrinsic_call]
        _(RawOrigin::Signed(coldkey), netuid, hotkey.clone());

        assert!(Uids::<T>::contains_key(netuid, &hotkey));
        assert_eq!(SubnetworkN::<T>::get(netuid), uids(n));
    }

    /// Registers a neuron by proof of work on a full subnet of `n` uids, replacing one.
    #[benchmark]
    fn register(n: Linear<2, UIDS>) {
        let netuid = full_subnet::<T>(n);
        // Any seal meets difficulty 1; checking one costs the same at any difficulty.
        Difficulty::<T>::insert(netuid, 1);
        let block = Pallet::<T>::current_block();
        let block_hash =
            frame_system::Pallet::<T>::block_hash(block.saturated_into::<BlockNumberFor<T>>());
        let mut hash = [0u8; 32];
        hash.copy_from_slice(block_hash.as_ref());
        let hotkey: AccountId32 = account("registrant_hotkey", 0, 0);
        let nonce = 7;
        let work = seal(&hash, hotkey.as_ref(), nonce).to_vec();
        let coldkey: AccountId32 = account("registrant", 0, 0);
        crowd_owned::<T>(&coldkey, MAX_OWNED_HOTKEYS.saturating_sub(1));
        let submitter: AccountId32 = account("submitter", 0, 0);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(submitter),
            netuid,
            block,
            nonce,
            work,
            hotkey.clone(),
            coldkey,
        );

        assert!(Uids::<T>::contains_key(netuid, &hotkey));
    }

    /// Sets `w` weights.
    #[benchmark]
    fn set_weights(w: Linear<1, UIDS>) {
        let (netuid, hotkey) = weights_subnet::<T>(w, 1);
        let (dests, values) = weights_on(w);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(hotkey),
            netuid,
            dests,
            values,
            VERSION_KEY,
        );

        assert_eq!(Weights::<T>::get(netuid, 0).len(), usize::from(uids(w)));
    }

    /// Commits weights beside the most unrevealed commits but one.
    #[benchmark]
    fn commit_weights() {
        let (netuid, _, hotkey) = subnet::<T>(0);
        commits_but_one::<T>(netuid, netuid, &hotkey);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(hotkey.clone()),
            netuid,
            H256::repeat_byte(0xff),
        );

        assert_eq!(
            WeightCommits::<T>::get(netuid, &hotkey).map(|c| c.len()),
            Some(MAX_COMMITS)
        );
    }

    /// Reveals `w` weights, committed last of the most unrevealed commits.
    #[benchmark]
    fn reveal_weights(w: Linear<1, UIDS>) {
        let (netuid, hotkey, dests, values, salt) = revealable::<T>(w, 0);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(hotkey.clone()),
            netuid,
            dests,
            values,
            salt,
            VERSION_KEY,
        );

        assert_eq!(Weights::<T>::get(netuid, 0).len(), usize::from(uids(w)));
        assert!(WeightCommits::<T>::get(netuid, &hotkey).is_none());
    }

    /// A first stake of a coldkey on a hotkey it does not own (which becomes a delegate),
    /// taking the last free place in its [`StakingHotkeys`].
    #[benchmark]
    fn add_stake() {
        let (netuid, _, hotkey) = subnet::<T>(0);
        let coldkey: AccountId32 = account("staker", 0, 0);
        fund::<T>(&coldkey, RAO_PER_TAO);
        crowd_staking::<T>(&coldkey, MAX_STAKING_HOTKEYS.saturating_sub(1));

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            hotkey.clone(),
            netuid,
            RAO_PER_TAO,
        );

        assert_eq!(Alpha::<T>::get((&hotkey, &coldkey, netuid)), RAO_PER_TAO);
    }

    /// Removes a coldkey's whole stake, deleting its entries.
    #[benchmark]
    fn remove_stake() {
        let (coldkey, hotkey, netuid, ..) = staked_on_two_subnets::<T>(RAO_PER_TAO);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            hotkey.clone(),
            netuid,
            RAO_PER_TAO,
        );

        assert!(!Alpha::<T>::contains_key((&hotkey, &coldkey, netuid)));
    }

    /// Lowers a take.
    #[benchmark]
    fn decrease_take() {
        let (_, owner, hotkey) = subnet::<T>(0);

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), hotkey.clone(), 0);

        assert_eq!(Delegates::<T>::get(&hotkey), 0);
    }

    /// Raises a take raised before, once the rate limit has passed.
    #[benchmark]
    fn increase_take() {
        let (_, owner, hotkey) = subnet::<T>(0);
        Delegates::<T>::insert(&hotkey, 0);
        LastTxBlockDelegateTake::<T>::insert(&hotkey, Pallet::<T>::current_block());
        advance::<T>(TxDelegateTakeRateLimit::<T>::get());
        let take = MaxDelegateTake::<T>::get();

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), hotkey.clone(), take);

        assert_eq!(Delegates::<T>::get(&hotkey), take);
    }

    /// Replaces an axon once the rate limit has passed.
    #[benchmark]
    fn serve_axon() {
        let (netuid, _, hotkey) = subnet::<T>(0);
        Axons::<T>::insert(netuid, &hotkey, AxonInfo::default());
        advance::<T>(ServingRateLimit::<T>::get(netuid));
        let ip: u128 = 0x0101_0101;

        #[extrinsic_call]
        _(
            RawOrigin::Signed(hotkey.clone()),
            netuid,
            1,
            ip,
            8_091,
            4,
            0,
            0,
            0,
        );

        assert_eq!(Axons::<T>::get(netuid, &hotkey).map(|a| a.ip), Some(ip));
    }

    /// Replaces a Prometheus endpoint once the rate limit has passed.
    #[benchmark]
    fn serve_prometheus() {
        let (netuid, _, hotkey) = subnet::<T>(0);
        Prometheus::<T>::insert(netuid, &hotkey, PrometheusInfo::default());
        advance::<T>(ServingRateLimit::<T>::get(netuid));
        let ip: u128 = 0x0101_0101;

        #[extrinsic_call]
        _(RawOrigin::Signed(hotkey.clone()), netuid, 1, ip, 9_090, 4);

        assert_eq!(
            Prometheus::<T>::get(netuid, &hotkey).map(|p| p.ip),
            Some(ip)
        );
    }

    /// Dissolves a subnet of `n` uids and `s` stake entries.
    #[benchmark]
    fn dissolve_network() {
        let (netuid, owner, _) = subnet::<T>(0);

        #[extrinsic_call]
        _(RawOrigin::Root, owner, netuid);

        assert!(!NetworksAdded::<T>::get(netuid));
        assert!(DissolvedNetworks::<T>::contains_key(netuid));
    }

    /// `register_network` (pruning one of `l` subnets) with the longest identity.
    #[benchmark]
    fn register_network_with_identity(l: Linear<1, SUBNETS>) {
        let (pruned, ..) = subnet::<T>(0);
        take_every_subnet_slot::<T>(l, pruned);
        let (coldkey, hotkey) = network_registrant::<T>();

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            hotkey,
            Some(subnet_identity()),
        );

        assert!(DissolvedNetworks::<T>::contains_key(pruned));
        assert_eq!(SubnetIdentitiesV3::<T>::iter_keys().count(), 1);
    }

    /// Sets the longest identity of a coldkey owning `o` hotkeys, of which only the last
    /// is registered, on one subnet; every other one is still a member of as many
    /// dissolved subnets as may await removal, the most reads a hotkey can cost.
    #[benchmark]
    fn set_identity(o: Linear<1, MAX_OWNED_HOTKEYS>) {
        let (netuid, ..) = subnet::<T>(0);
        let coldkey: AccountId32 = account("identity", 0, 0);
        crowd_owned::<T>(&coldkey, o.saturating_sub(1));
        let dissolving: Vec<NetUid> = (0..MAX_DISSOLVING)
            .map(|i| NetUid::MAX.saturating_sub(u16::try_from(i).unwrap_or(0)))
            .collect();
        for filler in OwnedHotkeys::<T>::get(&coldkey) {
            for &gone in &dissolving {
                IsNetworkMember::<T>::insert(&filler, gone, true);
            }
        }
        let hotkey: AccountId32 = account("identity_hotkey", 0, 0);
        Pallet::<T>::append_neuron(netuid, &hotkey, &coldkey).expect("room left");
        assert_eq!(
            OwnedHotkeys::<T>::decode_len(&coldkey),
            usize::try_from(o).ok()
        );

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            text(256),
            text(256),
            text(256),
            text(1_024),
            text(256),
            text(1_024),
            text(1_024),
        );

        assert!(IdentitiesV2::<T>::contains_key(&coldkey));
    }

    /// Sets a subnet's longest identity.
    #[benchmark]
    fn set_subnet_identity() {
        let (netuid, owner, _) = subnet::<T>(0);
        let identity = subnet_identity();

        #[extrinsic_call]
        _(
            RawOrigin::Signed(owner),
            netuid,
            identity.subnet_name,
            identity.github_repo,
            identity.subnet_contact,
            identity.subnet_url,
            identity.discord,
            identity.description,
            identity.logo_url,
            identity.additional,
        );

        assert!(SubnetIdentitiesV3::<T>::contains_key(netuid));
    }

    /// `burned_register` on a full subnet of `n` uids, within its price limit.
    #[benchmark]
    fn register_limit(n: Linear<2, UIDS>) {
        let netuid = full_subnet::<T>(n);
        let coldkey: AccountId32 = account("registrant", 0, 0);
        let burn = Burn::<T>::get(netuid);
        fund::<T>(&coldkey, burn);
        crowd_owned::<T>(&coldkey, MAX_OWNED_HOTKEYS.saturating_sub(1));
        let hotkey: AccountId32 = account("registrant_hotkey", 0, 0);

        #[extrinsic_call]
        _(RawOrigin::Signed(coldkey), netuid, hotkey.clone(), burn);

        assert!(Uids::<T>::contains_key(netuid, &hotkey));
    }

    /// Starts a subnet's emission.
    #[benchmark]
    fn start_call() {
        let (netuid, owner, _) = subnet::<T>(0);
        advance::<T>(StartCallDelay::<T>::get());

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid);

        assert!(FirstEmissionBlockNumber::<T>::get(netuid).is_some());
    }

    /// Sets `w` weights of a subnet's second mechanism.
    #[benchmark]
    fn set_mechanism_weights(w: Linear<1, UIDS>) {
        let (netuid, hotkey) = weights_subnet::<T>(w, 2);
        let (dests, values) = weights_on(w);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(hotkey),
            netuid,
            1,
            dests,
            values,
            VERSION_KEY,
        );

        let index = mechanism_index(netuid, 1);
        assert_eq!(Weights::<T>::get(index, 0).len(), usize::from(uids(w)));
    }

    /// Commits weights of a second mechanism beside the most unrevealed commits but one.
    #[benchmark]
    fn commit_mechanism_weights() {
        let (netuid, _, hotkey) = subnet::<T>(0);
        MechanismCountCurrent::<T>::insert(netuid, 2);
        let index = mechanism_index(netuid, 1);
        commits_but_one::<T>(netuid, index, &hotkey);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(hotkey.clone()),
            netuid,
            1,
            H256::repeat_byte(0xff),
        );

        assert_eq!(
            WeightCommits::<T>::get(index, &hotkey).map(|c| c.len()),
            Some(MAX_COMMITS)
        );
    }

    /// Reveals `w` weights of a second mechanism, committed last of the most unrevealed
    /// commits.
    #[benchmark]
    fn reveal_mechanism_weights(w: Linear<1, UIDS>) {
        let (netuid, hotkey, dests, values, salt) = revealable::<T>(w, 1);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(hotkey.clone()),
            netuid,
            1,
            dests,
            values,
            salt,
            VERSION_KEY,
        );

        let index = mechanism_index(netuid, 1);
        assert_eq!(Weights::<T>::get(index, 0).len(), usize::from(uids(w)));
        assert!(WeightCommits::<T>::get(index, &hotkey).is_none());
    }

    /// Sets weights on `b` subnets, `w` weights in all, spread evenly over the items.
    #[benchmark]
    fn batch_set_weights(b: Linear<1, BATCH>, w: Linear<1, UIDS>) {
        let validator: AccountId32 = account("validator", 0, 0);
        let coldkey: AccountId32 = account("validator_owner", 0, 0);
        let netuids = subnets::<T>(b);
        let (per_item, extra) = (w.checked_div(b).unwrap_or_default(), w.checked_rem(b));
        let mut items = Vec::new();
        for (i, &netuid) in (0u32..).zip(&netuids) {
            let count = per_item.saturating_add(u32::from(extra.is_some_and(|e| i < e)));
            Pallet::<T>::append_neuron(netuid, &validator, &coldkey).expect("room left");
            fill::<T>(netuid, uids(count).max(2));
            let n = SubnetworkN::<T>::get(netuid);
            ValidatorPermit::<T>::insert(netuid, (0..n).map(|uid| uid == 1).collect::<Vec<_>>());
            // An item may hold no weights when there are more items than weights.
            MinAllowedWeights::<T>::insert(netuid, 0);
            let row: Vec<(codec::Compact<u16>, codec::Compact<u16>)> = (0..uids(count))
                .map(|uid| (codec::Compact(uid), codec::Compact(u16::MAX)))
                .collect();
            items.push((netuid, row));
        }
        advance::<T>(WeightsSetRateLimit::<T>::get(
            netuids.first().copied().unwrap_or(1),
        ));
        let block = Pallet::<T>::current_block();
        let batch_netuids = items.iter().map(|(n, _)| codec::Compact(*n)).collect();
        let rows: Vec<_> = items.iter().map(|(_, row)| row.clone()).collect();
        let version_keys = vec![codec::Compact(VERSION_KEY); netuids.len()];

        #[extrinsic_call]
        _(
            RawOrigin::Signed(validator),
            batch_netuids,
            rows,
            version_keys,
        );

        for (netuid, row) in &items {
            assert_eq!(Weights::<T>::get(netuid, 1).len(), row.len());
            assert_eq!(LastUpdate::<T>::get(netuid).get(1).copied(), Some(block));
        }
    }

    /// `add_stake` within its price limit.
    #[benchmark]
    fn add_stake_limit() {
        let (netuid, _, hotkey) = subnet::<T>(0);
        let coldkey: AccountId32 = account("staker", 0, 0);
        fund::<T>(&coldkey, RAO_PER_TAO);
        crowd_staking::<T>(&coldkey, MAX_STAKING_HOTKEYS.saturating_sub(1));

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            hotkey.clone(),
            netuid,
            RAO_PER_TAO,
            PRICE,
            false,
        );

        assert_eq!(Alpha::<T>::get((&hotkey, &coldkey, netuid)), RAO_PER_TAO);
    }

    /// `remove_stake` of a whole stake within its price limit.
    #[benchmark]
    fn remove_stake_limit() {
        let (coldkey, hotkey, netuid, ..) = staked_on_two_subnets::<T>(RAO_PER_TAO);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            hotkey.clone(),
            netuid,
            RAO_PER_TAO,
            PRICE,
            false,
        );

        assert!(!Alpha::<T>::contains_key((&hotkey, &coldkey, netuid)));
    }

    /// Removes a whole stake within its price limit.
    #[benchmark]
    fn remove_stake_full_limit() {
        let (coldkey, hotkey, netuid, ..) = staked_on_two_subnets::<T>(RAO_PER_TAO);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            hotkey.clone(),
            netuid,
            Some(PRICE),
        );

        assert!(!Alpha::<T>::contains_key((&hotkey, &coldkey, netuid)));
    }

    /// Removes a coldkey's stake on a hotkey in `s` subnets.
    #[benchmark]
    fn unstake_all(s: Linear<1, SUBNETS>) {
        let hotkey: AccountId32 = account("validator", 0, 0);
        let owner: AccountId32 = account("validator_owner", 0, 0);
        let coldkey: AccountId32 = account("staker", 0, 0);
        for netuid in subnets::<T>(s) {
            Pallet::<T>::append_neuron(netuid, &hotkey, &owner).expect("room left");
            stake::<T>(&coldkey, &hotkey, netuid, MIN_STAKE);
        }
        crowd_staking::<T>(&coldkey, MAX_STAKING_HOTKEYS);

        #[extrinsic_call]
        _(RawOrigin::Signed(coldkey.clone()), hotkey.clone());

        assert!(!StakingHotkeys::<T>::get(&coldkey).contains(&hotkey));
    }

    /// The owner sets the tempo again once the cooldown has passed.
    #[benchmark]
    fn set_tempo() {
        let (netuid, owner, _) = subnet::<T>(0);
        LastOwnerParamUpdate::<T>::insert(
            netuid,
            OwnerParam::Tempo as u8,
            Pallet::<T>::current_block(),
        );
        advance::<T>(u64::from(MAX_TEMPO));

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, MAX_TEMPO);

        assert_eq!(Tempo::<T>::get(netuid), MAX_TEMPO);
    }

    /// The owner sets the activity cutoff factor again once the cooldown has passed.
    #[benchmark]
    fn set_activity_cutoff_factor() {
        let (netuid, owner, _) = subnet::<T>(0);
        LastOwnerParamUpdate::<T>::insert(
            netuid,
            OwnerParam::ActivityCutoffFactor as u8,
            Pallet::<T>::current_block(),
        );
        advance::<T>(7_200);
        let factor = 50_000;

        #[extrinsic_call]
        _(RawOrigin::Signed(owner), netuid, factor);

        assert_eq!(ActivityCutoffFactorMilli::<T>::get(netuid), factor);
    }

    /// Swaps a hotkey registered, serving and committing on `s` subnets, moving `k` stake
    /// entries of nominators whose [`StakingHotkeys`] are full; the coldkey owns one
    /// hotkey fewer than it may.
    #[benchmark]
    fn swap_hotkey(s: Linear<1, SUBNETS>, k: Linear<0, MAX_SWAP_STAKES>) {
        let coldkey: AccountId32 = account("swapper", 0, 0);
        let old: AccountId32 = account("old_hotkey", 0, 0);
        let new: AccountId32 = account("new_hotkey", 0, 0);
        let netuids = subnets::<T>(s);
        for &netuid in &netuids {
            Pallet::<T>::append_neuron(netuid, &old, &coldkey).expect("room left");
            Axons::<T>::insert(netuid, &old, AxonInfo::default());
            Prometheus::<T>::insert(netuid, &old, PrometheusInfo::default());
            WeightCommits::<T>::insert(netuid, &old, vec![(H256::zero(), 0, 0, 0)]);
        }
        for i in 0..k {
            let at = i.checked_rem(s).and_then(|at| usize::try_from(at).ok());
            let netuid = at.and_then(|at| netuids.get(at)).copied().unwrap_or(1);
            let nominator: AccountId32 = account("nominator", i, 0);
            stake::<T>(&nominator, &old, netuid, MIN_STAKE);
            crowd_staking::<T>(&nominator, MAX_STAKING_HOTKEYS);
        }
        crowd_owned::<T>(&coldkey, MAX_OWNED_HOTKEYS.saturating_sub(1));
        fund::<T>(&coldkey, KEY_SWAP_COST);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            old.clone(),
            new.clone(),
            None,
        );

        assert_eq!(Owner::<T>::get(&new), coldkey);
        assert!(netuids.iter().all(|&n| Uids::<T>::contains_key(n, &new)));
        assert_eq!(
            Alpha::<T>::iter_prefix((&new,)).count(),
            usize::try_from(k).unwrap_or(usize::MAX)
        );
    }

    /// Moves a whole stake to another hotkey in another subnet.
    #[benchmark]
    fn move_stake() {
        let (coldkey, hotkey, origin, destination, other_hotkey) =
            staked_on_two_subnets::<T>(RAO_PER_TAO);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            hotkey.clone(),
            other_hotkey.clone(),
            origin,
            destination,
            RAO_PER_TAO,
        );

        assert!(!Alpha::<T>::contains_key((&hotkey, &coldkey, origin)));
        assert_eq!(
            Alpha::<T>::get((&other_hotkey, &coldkey, destination)),
            RAO_PER_TAO
        );
    }

    /// Gives a whole stake to another coldkey in another subnet.
    #[benchmark]
    fn transfer_stake() {
        let (coldkey, hotkey, origin, destination, _) = staked_on_two_subnets::<T>(RAO_PER_TAO);
        let receiver: AccountId32 = account("receiver", 0, 0);
        crowd_staking::<T>(&receiver, MAX_STAKING_HOTKEYS.saturating_sub(1));

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            receiver.clone(),
            hotkey.clone(),
            origin,
            destination,
            RAO_PER_TAO,
        );

        assert!(!Alpha::<T>::contains_key((&hotkey, &coldkey, origin)));
        assert_eq!(
            Alpha::<T>::get((&hotkey, &receiver, destination)),
            RAO_PER_TAO
        );
    }

    /// Moves a whole stake to another subnet.
    #[benchmark]
    fn swap_stake() {
        let (coldkey, hotkey, origin, destination, _) = staked_on_two_subnets::<T>(RAO_PER_TAO);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            hotkey.clone(),
            origin,
            destination,
            RAO_PER_TAO,
        );

        assert_eq!(
            Alpha::<T>::get((&hotkey, &coldkey, destination)),
            RAO_PER_TAO
        );
    }

    /// Moves a whole stake to another subnet within its price limit.
    #[benchmark]
    fn swap_stake_limit() {
        let (coldkey, hotkey, origin, destination, _) = staked_on_two_subnets::<T>(RAO_PER_TAO);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(coldkey.clone()),
            hotkey.clone(),
            origin,
            destination,
            RAO_PER_TAO,
            PRICE,
            false,
        );

        assert_eq!(
            Alpha::<T>::get((&hotkey, &coldkey, destination)),
            RAO_PER_TAO
        );
    }

    /// The block hook's work for every subnet outside an epoch, on `s` emitting subnets:
    /// registration prices, each one's adjustment interval ending this block (every burn
    /// decays and every difficulty is adjusted), and the block's emission to each, none
    /// of them at its epoch, the owners' cuts paid to reaped accounts.
    #[benchmark]
    fn on_initialize_subnets(s: Linear<1, SUBNETS>) {
        let netuids = subnets::<T>(s);
        for &netuid in &netuids {
            AdjustmentInterval::<T>::insert(netuid, 1);
            RegistrationsThisInterval::<T>::insert(netuid, 3);
            FirstEmissionBlockNumber::<T>::insert(netuid, 0);
            Tempo::<T>::insert(netuid, u16::MAX);
            // A reaped owner: its cut creates the account again.
            T::Currency::set_balance(&SubnetOwner::<T>::get(netuid), 0);
        }
        advance::<T>(2);
        let updated;

        #[block]
        {
            updated = Pallet::<T>::update_registration_prices();
            Pallet::<T>::run_coinbase();
        }

        assert_eq!(updated, s);
        let block = Pallet::<T>::current_block();
        assert!(netuids
            .iter()
            .all(|&netuid| LastAdjustmentBlock::<T>::get(netuid) == block));
        assert!(netuids
            .iter()
            .all(|&netuid| PendingEmission::<T>::get(netuid) > 0));
    }

    /// The block hook when the epoch of an emitting subnet of `n` uids runs: its
    /// validators (up to 256) hold full weight rows set this block (each with its own
    /// values) and bond rows, and `m` nominators staked on them are paid dividends.
    #[benchmark]
    fn on_initialize_epoch(n: Linear<1, UIDS>, m: Linear<0, STAKES>) {
        let (netuid, ..) = subnet::<T>(0);
        fill::<T>(netuid, uids(n));
        let validators = validator_rows::<T>(netuid, netuid);
        for uid in 0..validators {
            let hotkey = Keys::<T>::get(netuid, uid);
            let owner = Owner::<T>::get(&hotkey);
            stake::<T>(
                &owner,
                &hotkey,
                netuid,
                RAO_PER_TAO.saturating_add(u64::from(uid)),
            );
        }
        let mut nominated = Vec::new();
        for i in 0..m {
            let uid = i
                .checked_rem(u32::from(validators))
                .and_then(|u| u16::try_from(u).ok())
                .unwrap_or_default();
            let nominator: AccountId32 = account("nominator", i, 0);
            let hotkey = Keys::<T>::get(netuid, uid);
            stake::<T>(&nominator, &hotkey, netuid, MIN_STAKE);
            nominated.push((hotkey, nominator));
        }
        FirstEmissionBlockNumber::<T>::insert(netuid, Pallet::<T>::current_block());
        let pending = 1_000u64.saturating_mul(RAO_PER_TAO);
        PendingEmission::<T>::insert(netuid, pending);
        TotalIssuance::<T>::mutate(|issuance| *issuance = issuance.saturating_add(pending));
        // The next block at which `netuid`'s epoch runs: (block + netuid + 1) is a multiple
        // of tempo + 1.
        let period = u64::from(Tempo::<T>::get(netuid)).saturating_add(1);
        let after = Pallet::<T>::current_block()
            .saturating_add(u64::from(netuid))
            .saturating_add(1);
        let block = after
            .checked_div(period)
            .unwrap_or_default()
            .saturating_add(1)
            .saturating_mul(period)
            .saturating_sub(u64::from(netuid))
            .saturating_sub(1);
        set_block::<T>(block);
        // Weights set during the epoch's own block are as fresh as weights can be.
        for index in Pallet::<T>::mechanism_indices(netuid) {
            LastUpdate::<T>::insert(index, vec![block; usize::from(uids(n))]);
        }

        #[block]
        {
            Pallet::<T>::on_initialize(block.saturated_into::<BlockNumberFor<T>>());
        }

        assert_eq!(LastMechansimStepBlock::<T>::get(netuid), block);
        assert_eq!(PendingEmission::<T>::get(netuid), 0);
        assert!(nominated
            .iter()
            .all(|(hotkey, nominator)| Alpha::<T>::get((hotkey, nominator, netuid)) > MIN_STAKE));
    }

    /// The block hook refunding `s` stakes of a dissolved subnet, each on its own hotkey,
    /// to coldkeys reaped since: every refund creates its account again and rewrites a
    /// full [`StakingHotkeys`].
    #[benchmark]
    fn on_initialize_cleanup_stakes(s: Linear<1, STAKES_PER_BLOCK>) {
        let (netuid, _) = populated_subnet::<T>(s, s);
        for i in 0..s {
            let staker: AccountId32 = account("staker", i, 0);
            T::Currency::set_balance(&staker, 0);
            crowd_staking::<T>(&staker, MAX_STAKING_HOTKEYS);
        }
        Pallet::<T>::do_dissolve_network(netuid).expect("the subnet exists");
        let step;

        #[block]
        {
            step = Pallet::<T>::cleanup_step(STAKES_PER_BLOCK, NEURON_KEYS_PER_BLOCK);
        }

        assert_eq!(step, Cleanup::Stakes(s));
        assert_eq!(TotalStake::<T>::get(), 0);
        let first: AccountId32 = account("staker", 0, 0);
        assert_eq!(T::Currency::balance(&first), MIN_STAKE);
    }

    /// The block hook deleting `k` storage keys of a dissolved subnet's neurons, whose
    /// stakes are gone: hotkeys, three keys each, the costliest keys it deletes.
    #[benchmark]
    fn on_initialize_cleanup_neurons(k: Linear<3, NEURON_KEYS_PER_BLOCK>) {
        let (netuid, _) = populated_subnet::<T>(NEURON_KEYS_PER_BLOCK.saturating_div(3), 0);
        Pallet::<T>::do_dissolve_network(netuid).expect("the subnet exists");
        let step;

        #[block]
        {
            step = Pallet::<T>::cleanup_step(STAKES_PER_BLOCK, k);
        }

        assert_eq!(
            step,
            Cleanup::Neurons(k.saturating_sub(k.checked_rem(3).unwrap_or(0)))
        );
    }

    /// The block hook's last step on a dissolved subnet of a full subnet's uids: every
    /// value it keeps per subnet and mechanism, and its hyperparameters, deleted.
    #[benchmark]
    fn on_initialize_cleanup_finish() {
        let netuid = dissolved_without_neurons::<T>(UIDS);
        let step;

        #[block]
        {
            step = Pallet::<T>::cleanup_step(STAKES_PER_BLOCK, NEURON_KEYS_PER_BLOCK);
        }

        assert_eq!(step, Cleanup::Finished);
        assert!(!DissolvedNetworks::<T>::contains_key(netuid));
        assert!(!SubnetworkN::<T>::contains_key(netuid));
    }

    impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
