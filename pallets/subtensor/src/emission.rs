//! Emission: each block's TAO is minted and split across subnets by the TAO staked in each
//! (equally while none is staked); subnet owners get their cut at once, the rest waits in
//! [`PendingEmission`] until the subnet's epoch distributes it with Yuma consensus.

use alloc::vec::Vec;

use frame_support::pallet_prelude::Weight;
use sp_runtime::AccountId32;
use taonet_primitives::issuance::block_emission;
use taonet_primitives::Balance;
use taonet_yuma::{
    activity_cutoff_blocks, epoch, epoch_with_mechanisms, to_u16, EpochOutput, EpochParams,
    MechanismInput, MechanismsOutput, OwnedEpochInput, Row, SubnetInput,
};

use crate::*;

/// Reference time an epoch takes per stored weight or bond entry, from the runtime
/// benchmark (`cargo bench -p taonet-runtime --bench subtensor`): 135.5 ms for 256 full
/// rows of weights and of bonds over 4 096 uids (2.1 M entries) is 65 ns each, storage and
/// payouts included.
const EPOCH_PS_PER_ENTRY: u64 = 65_000;

/// Reference time an epoch takes per uid beyond its entries (keys, stakes, payouts).
const EPOCH_PS_PER_UID: u64 = 1_000_000;

/// One mechanism's rows for an epoch (see `Pallet::mechanism_rows`).
struct MechanismRows {
    weights: Vec<Row>,
    bonds: Vec<Row>,
    last_update: Vec<u64>,
    commit_block: Vec<Option<u64>>,
}

impl MechanismRows {
    fn as_input(&self) -> MechanismInput<'_> {
        MechanismInput {
            weights: &self.weights,
            bonds: &self.bonds,
            last_update: &self.last_update,
            commit_block: &self.commit_block,
        }
    }
}

/// `amount · numerator / denominator`, floored (0 for a zero denominator).
fn share(amount: Balance, numerator: u128, denominator: u128) -> Balance {
    u128::from(amount)
        .saturating_mul(numerator)
        .checked_div(denominator)
        .and_then(|s| Balance::try_from(s).ok())
        .unwrap_or_default()
}

impl<T: Config> Pallet<T> {
    /// Mints this block's emission into the subnets that have started (`start_call`) and
    /// runs the epochs that are due, in every subnet. Returns the extra weight of the epochs
    /// run.
    pub(crate) fn run_coinbase() -> Weight {
        let block = Self::current_block();
        let subnets: Vec<NetUid> = NetworksAdded::<T>::iter()
            .filter(|(_, added)| *added)
            .map(|(netuid, _)| netuid)
            .collect();
        let emitting: Vec<NetUid> = subnets
            .iter()
            .copied()
            .filter(|&n| FirstEmissionBlockNumber::<T>::get(n).is_some_and(|first| first <= block))
            .collect();
        let emission = if emitting.is_empty() {
            0
        } else {
            block_emission(TotalIssuance::<T>::get())
        };
        BlockEmission::<T>::put(emission);
        let staked: Vec<u128> = emitting
            .iter()
            .map(|&n| u128::from(SubnetTAO::<T>::get(n)))
            .collect();
        let total: u128 = staked.iter().sum();
        let count = u128::try_from(emitting.len()).unwrap_or(u128::MAX);
        for (&netuid, &tao) in emitting.iter().zip(&staked) {
            let subnet_share = if total == 0 {
                share(emission, 1, count)
            } else {
                share(emission, tao, total)
            };
            Self::emit_to_subnet(netuid, subnet_share);
        }
        let mut weight = Weight::zero();
        for &netuid in &subnets {
            let tempo = u64::from(Tempo::<T>::get(netuid));
            let due = block
                .saturating_add(u64::from(netuid))
                .saturating_add(1)
                .checked_rem(tempo.saturating_add(1));
            if due == Some(0) {
                weight = weight.saturating_add(Self::run_epoch(netuid));
                BlocksSinceLastStep::<T>::insert(netuid, 0);
            } else {
                BlocksSinceLastStep::<T>::mutate(netuid, |b| *b = b.saturating_add(1));
            }
        }
        weight
    }

    /// Issues `amount` to `netuid`: the owner's cut to the owner's balance, the rest to
    /// [`PendingEmission`].
    fn emit_to_subnet(netuid: NetUid, amount: Balance) {
        if amount == 0 {
            return;
        }
        let cut = share(
            amount,
            u128::from(SubnetOwnerCut::<T>::get()),
            u128::from(u16::MAX),
        );
        TotalIssuance::<T>::mutate(|issuance| *issuance = issuance.saturating_add(amount));
        Self::pay_out(&SubnetOwner::<T>::get(netuid), cut);
        PendingEmission::<T>::mutate(netuid, |p| {
            *p = p.saturating_add(amount.saturating_sub(cut))
        });
    }

    /// What mechanism storage `index` of `netuid` holds for the epoch: its weight and
    /// bond rows, last updates and (under commit-reveal) earliest commit blocks, one entry
    /// per uid.
    fn mechanism_rows(netuid: NetUid, index: NetUid, hotkeys: &[AccountId32]) -> MechanismRows {
        let n = u16::try_from(hotkeys.len()).unwrap_or(u16::MAX);
        let mut last_update = LastUpdate::<T>::get(index);
        last_update.resize(usize::from(n), 0);
        MechanismRows {
            weights: (0..n).map(|uid| Weights::<T>::get(index, uid)).collect(),
            bonds: (0..n).map(|uid| Bonds::<T>::get(index, uid)).collect(),
            last_update,
            commit_block: if CommitRevealWeightsEnabled::<T>::get(netuid) {
                hotkeys
                    .iter()
                    .map(|h| Self::earliest_commit_block(netuid, index, h))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }

    /// The epoch's inputs as stored for `netuid`, with mechanism 0's rows, and the rows
    /// of its other mechanisms at `others` (their storage indices).
    fn epoch_state(
        netuid: NetUid,
        rao: Balance,
        others: &[NetUid],
    ) -> (OwnedEpochInput, Vec<MechanismRows>, EpochParams) {
        let n = SubnetworkN::<T>::get(netuid);
        let hotkeys: Vec<AccountId32> = (0..n).map(|uid| Keys::<T>::get(netuid, uid)).collect();
        let mut permits = ValidatorPermit::<T>::get(netuid);
        permits.resize(usize::from(n), false);
        let first = Self::mechanism_rows(netuid, netuid, &hotkeys);
        let state = OwnedEpochInput {
            current_block: Self::current_block(),
            rao_emission: rao,
            stake: hotkeys
                .iter()
                .map(|h| TotalHotkeyAlpha::<T>::get(h, netuid))
                .collect(),
            weights: first.weights,
            bonds: first.bonds,
            last_update: first.last_update,
            block_at_registration: (0..n)
                .map(|uid| BlockAtRegistration::<T>::get(netuid, uid))
                .collect(),
            validator_permit: permits,
            commit_block: first.commit_block,
        };
        let rows = others
            .iter()
            .map(|&index| Self::mechanism_rows(netuid, index, &hotkeys))
            .collect();
        let tempo = Tempo::<T>::get(netuid);
        let (alpha_low, alpha_high) = AlphaValues::<T>::get(netuid);
        let params = EpochParams {
            tempo,
            last_mechanism_step_block: LastMechansimStepBlock::<T>::get(netuid),
            activity_cutoff: activity_cutoff_blocks(
                ActivityCutoffFactorMilli::<T>::get(netuid),
                tempo,
            ),
            kappa: Kappa::<T>::get(netuid),
            bonds_moving_average: BondsMovingAverage::<T>::get(netuid),
            bonds_penalty: BondsPenalty::<T>::get(netuid),
            max_allowed_validators: MaxAllowedValidators::<T>::get(netuid),
            yuma3: Yuma3On::<T>::get(netuid),
            liquid_alpha: LiquidAlphaOn::<T>::get(netuid),
            alpha_low,
            alpha_high,
            alpha_sigmoid_steepness: AlphaSigmoidSteepness::<T>::get(netuid),
            stake_threshold: StakeThreshold::<T>::get(),
            owner_uid: Uids::<T>::get(netuid, SubnetOwnerHotkey::<T>::get(netuid)),
            commit_reveal_enabled: CommitRevealWeightsEnabled::<T>::get(netuid),
        };
        (state, rows, params)
    }

    /// Runs `netuid`'s epoch on its pending emission, stores every output and pays it.
    /// Returns its weight: the larger of a model linear in the stored weights and bonds, as
    /// the epoch is, and the benchmarked `on_initialize_epoch` for its uids and the
    /// nominators it paid (benchmarked with at most 256 full validator rows; the entry model
    /// covers subnets with more).
    pub fn run_epoch(netuid: NetUid) -> Weight {
        let rao = PendingEmission::<T>::take(netuid);
        let indices = Self::mechanism_indices(netuid);
        let (state, others, params) =
            Self::epoch_state(netuid, rao, indices.get(1..).unwrap_or_default());
        let entries = core::iter::once((&state.weights, &state.bonds))
            .chain(others.iter().map(|m| (&m.weights, &m.bonds)))
            .flat_map(|(weights, bonds)| weights.iter().chain(bonds))
            .map(|row| u64::try_from(row.len()).unwrap_or(u64::MAX))
            .fold(0u64, u64::saturating_add);
        let uids = u64::try_from(state.stake.len())
            .unwrap_or(u64::MAX)
            .saturating_mul(u64::try_from(indices.len()).unwrap_or(u64::MAX));
        let outcome = if others.is_empty() {
            epoch(&state.as_input(), &params).map(|out| {
                Self::persist_epoch(netuid, &out);
                Self::pay_epoch(netuid, &out.server_emission, &out.validator_emission)
            })
        } else {
            let subnet = SubnetInput {
                current_block: state.current_block,
                stake: &state.stake,
                block_at_registration: &state.block_at_registration,
                validator_permit: &state.validator_permit,
            };
            let first = MechanismInput {
                weights: &state.weights,
                bonds: &state.bonds,
                last_update: &state.last_update,
                commit_block: &state.commit_block,
            };
            let mechanisms: Vec<MechanismInput<'_>> = core::iter::once(first)
                .chain(others.iter().map(MechanismRows::as_input))
                .collect();
            let split = MechanismEmissionSplit::<T>::get(netuid);
            epoch_with_mechanisms(&subnet, &mechanisms, split.as_deref(), rao, &params).map(|out| {
                Self::persist_mechanisms(netuid, &indices, &out);
                Self::pay_epoch(netuid, &out.server_emission, &out.validator_emission)
            })
        };
        let (paid, nominators) = match outcome {
            Ok(paid) => paid,
            // Stored state is consistent by construction; should it not be, the emission is
            // recycled, and said so, rather than lost track of.
            Err(error) => {
                log::error!(
                    target: "runtime::subtensor",
                    "epoch of subnet {netuid} failed, {rao} rao recycled: {error:?}"
                );
                Self::deposit_event(Event::EpochFailed(netuid, rao));
                (0, 0)
            }
        };
        // What floors left undistributed leaves existence.
        TotalIssuance::<T>::mutate(|issuance| {
            *issuance = issuance.saturating_sub(rao.saturating_sub(paid))
        });
        LastMechansimStepBlock::<T>::insert(netuid, Self::current_block());
        LastEpochBlock::<T>::insert(netuid, Self::current_block());
        SubnetEpochIndex::<T>::mutate(netuid, |index| *index = index.saturating_add(1));
        let modelled = Weight::from_parts(
            entries
                .saturating_mul(EPOCH_PS_PER_ENTRY)
                .saturating_add(uids.saturating_mul(EPOCH_PS_PER_UID)),
            0,
        );
        let benchmarked =
            T::WeightInfo::on_initialize_epoch(u32::try_from(uids).unwrap_or(u32::MAX), nominators);
        modelled.max(benchmarked)
    }

    fn persist_epoch(netuid: NetUid, out: &EpochOutput) {
        Active::<T>::insert(netuid, &out.active);
        ValidatorPermit::<T>::insert(netuid, &out.new_validator_permit);
        Consensus::<T>::insert(netuid, to_u16(&out.consensus));
        Incentive::<T>::insert(netuid, to_u16(&out.incentive));
        Dividends::<T>::insert(netuid, to_u16(&out.dividends));
        ValidatorTrust::<T>::insert(netuid, to_u16(&out.validator_trust));
        StakeWeight::<T>::insert(netuid, to_u16(&out.stake));
        Emission::<T>::insert(netuid, &out.emission);
        Self::persist_bonds(netuid, out);
    }

    /// The bond rows an epoch of the mechanism at storage `index` wrote.
    fn persist_bonds(index: NetUid, out: &EpochOutput) {
        for (uid, row) in (0u16..).zip(&out.bonds) {
            if let Some(row) = row {
                Bonds::<T>::insert(index, uid, row);
            }
        }
    }

    /// Stores a several-mechanism epoch: the combined outputs under the netuid, each
    /// mechanism's incentive and bonds at its storage index.
    fn persist_mechanisms(netuid: NetUid, indices: &[NetUid], out: &MechanismsOutput) {
        Active::<T>::insert(netuid, &out.active);
        ValidatorPermit::<T>::insert(netuid, &out.new_validator_permit);
        Consensus::<T>::insert(netuid, &out.consensus);
        Dividends::<T>::insert(netuid, &out.dividends);
        ValidatorTrust::<T>::insert(netuid, &out.validator_trust);
        StakeWeight::<T>::insert(netuid, &out.stake_weight);
        Emission::<T>::insert(netuid, &out.emission);
        for (&index, mechanism) in indices.iter().zip(&out.mechanisms) {
            Incentive::<T>::insert(index, to_u16(&mechanism.incentive));
            Self::persist_bonds(index, mechanism);
        }
    }

    /// Pays an epoch: incentive is staked to each miner's hotkey for its owner; dividends
    /// pay the hotkey's take to its owner and the rest to its nominators by stake (each
    /// paid into the balance instead when it would need a place in a full
    /// [`StakingHotkeys`]). Returns
    /// what was paid and the number of nominator stakes credited.
    fn pay_epoch(
        netuid: NetUid,
        server_emission: &[u64],
        validator_emission: &[u64],
    ) -> (Balance, u32) {
        let mut paid: Balance = 0;
        let mut nominators: u32 = 0;
        for (uid, (&incentive, &dividends)) in
            (0u16..).zip(server_emission.iter().zip(validator_emission))
        {
            let hotkey = Keys::<T>::get(netuid, uid);
            let owner = Owner::<T>::get(&hotkey);
            if incentive > 0 {
                Self::credit_stake_or_pay(&owner, &hotkey, netuid, incentive);
                paid = paid.saturating_add(incentive);
            }
            if dividends > 0 {
                let credited = Self::pay_dividends(netuid, &hotkey, &owner, dividends);
                paid = paid.saturating_add(dividends);
                nominators = nominators.saturating_add(credited);
            }
        }
        (paid, nominators)
    }

    /// The hotkey owner's take, then the rest to nominators in proportion to their stake
    /// (what floors leave goes to the owner), all of `amount`. Returns the number of
    /// nominators credited.
    fn pay_dividends(
        netuid: NetUid,
        hotkey: &AccountId32,
        owner: &AccountId32,
        amount: Balance,
    ) -> u32 {
        let take = share(
            amount,
            u128::from(Delegates::<T>::get(hotkey)),
            u128::from(u16::MAX),
        );
        let rest = amount.saturating_sub(take);
        let nominators: Vec<(AccountId32, Balance)> = Alpha::<T>::iter_prefix((hotkey,))
            .filter(|((_, n), stake)| *n == netuid && *stake > 0)
            .map(|((coldkey, _), stake)| (coldkey, stake))
            .collect();
        let total: u128 = nominators.iter().map(|(_, s)| u128::from(*s)).sum();
        let mut given: Balance = 0;
        for (coldkey, stake) in &nominators {
            let part = share(rest, u128::from(*stake), total);
            Self::credit_stake_or_pay(coldkey, hotkey, netuid, part);
            given = given.saturating_add(part);
        }
        Self::credit_stake_or_pay(owner, hotkey, netuid, amount.saturating_sub(given));
        u32::try_from(nominators.len()).unwrap_or(u32::MAX)
    }
}
