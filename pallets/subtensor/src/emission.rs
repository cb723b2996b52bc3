//! Emission: each block's TAO is minted and split across subnets by the TAO staked in each
//! (equally while none is staked); subnet owners get their cut at once, the rest waits in
//! [`PendingEmission`] until the subnet's epoch distributes it with Yuma consensus.

use frame_support::pallet_prelude::Weight;
use sp_runtime::AccountId32;
use taonet_primitives::issuance::block_emission;
use taonet_primitives::Balance;
use taonet_yuma::{
    activity_cutoff_blocks, epoch, to_u16, EpochOutput, EpochParams, OwnedEpochInput,
};

use crate::*;

/// Reference time an epoch takes per stored weight or bond entry, from the runtime
/// benchmark (`cargo bench -p taonet-runtime --bench subtensor`): 135.5 ms for 256 full
/// rows of weights and of bonds over 4 096 uids (2.1 M entries) is 65 ns each, storage and
/// payouts included.
const EPOCH_PS_PER_ENTRY: u64 = 65_000;

/// Reference time an epoch takes per uid beyond its entries (keys, stakes, payouts).
const EPOCH_PS_PER_UID: u64 = 1_000_000;

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

    /// The epoch's inputs as stored for `netuid`.
    fn epoch_state(netuid: NetUid, rao: Balance) -> (OwnedEpochInput, EpochParams) {
        let n = SubnetworkN::<T>::get(netuid);
        let hotkeys: Vec<AccountId32> = (0..n).map(|uid| Keys::<T>::get(netuid, uid)).collect();
        let sized = |mut v: Vec<u64>| {
            v.resize(usize::from(n), 0);
            v
        };
        let mut permits = ValidatorPermit::<T>::get(netuid);
        permits.resize(usize::from(n), false);
        let state = OwnedEpochInput {
            current_block: Self::current_block(),
            rao_emission: rao,
            stake: hotkeys
                .iter()
                .map(|h| TotalHotkeyAlpha::<T>::get(h, netuid))
                .collect(),
            weights: (0..n).map(|uid| Weights::<T>::get(netuid, uid)).collect(),
            bonds: (0..n).map(|uid| Bonds::<T>::get(netuid, uid)).collect(),
            last_update: sized(LastUpdate::<T>::get(netuid)),
            block_at_registration: (0..n)
                .map(|uid| BlockAtRegistration::<T>::get(netuid, uid))
                .collect(),
            validator_permit: permits,
            commit_block: if CommitRevealWeightsEnabled::<T>::get(netuid) {
                hotkeys
                    .iter()
                    .map(|h| Self::earliest_commit_block(netuid, h))
                    .collect()
            } else {
                Vec::new()
            },
        };
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
        (state, params)
    }

    /// Runs `netuid`'s epoch on its pending emission, stores every output and pays it.
    /// Returns its weight: linear in the stored weights and bonds, as the epoch is.
    pub fn run_epoch(netuid: NetUid) -> Weight {
        let rao = PendingEmission::<T>::take(netuid);
        let (state, params) = Self::epoch_state(netuid, rao);
        let entries = state
            .weights
            .iter()
            .chain(&state.bonds)
            .map(|row| u64::try_from(row.len()).unwrap_or(u64::MAX))
            .fold(0u64, u64::saturating_add);
        let uids = u64::try_from(state.stake.len()).unwrap_or(u64::MAX);
        let paid = match epoch(&state.as_input(), &params) {
            Ok(out) => {
                Self::persist_epoch(netuid, &out);
                Self::pay_epoch(netuid, &out)
            }
            // Stored state is consistent by construction; should it not be, the emission is
            // recycled, and said so, rather than lost track of.
            Err(error) => {
                log::error!(
                    target: "runtime::subtensor",
                    "epoch of subnet {netuid} failed, {rao} rao recycled: {error:?}"
                );
                Self::deposit_event(Event::EpochFailed(netuid, rao));
                0
            }
        };
        // What floors left undistributed leaves existence.
        TotalIssuance::<T>::mutate(|issuance| {
            *issuance = issuance.saturating_sub(rao.saturating_sub(paid))
        });
        LastMechansimStepBlock::<T>::insert(netuid, Self::current_block());
        LastEpochBlock::<T>::insert(netuid, Self::current_block());
        SubnetEpochIndex::<T>::mutate(netuid, |index| *index = index.saturating_add(1));
        Weight::from_parts(
            entries
                .saturating_mul(EPOCH_PS_PER_ENTRY)
                .saturating_add(uids.saturating_mul(EPOCH_PS_PER_UID)),
            0,
        )
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
        for (uid, row) in (0u16..).zip(&out.bonds) {
            if let Some(row) = row {
                Bonds::<T>::insert(netuid, uid, row);
            }
        }
    }

    /// Pays the epoch: incentive is staked to each miner's hotkey for its owner; dividends
    /// pay the hotkey's take to its owner and the rest to its nominators by stake. Returns
    /// what was paid.
    fn pay_epoch(netuid: NetUid, out: &EpochOutput) -> Balance {
        let mut paid: Balance = 0;
        for (uid, (&incentive, &dividends)) in
            (0u16..).zip(out.server_emission.iter().zip(&out.validator_emission))
        {
            let hotkey = Keys::<T>::get(netuid, uid);
            let owner = Owner::<T>::get(&hotkey);
            if incentive > 0 {
                Self::credit_stake(&owner, &hotkey, netuid, incentive);
                paid = paid.saturating_add(incentive);
            }
            if dividends > 0 {
                paid = paid.saturating_add(Self::pay_dividends(netuid, &hotkey, &owner, dividends));
            }
        }
        paid
    }

    /// The hotkey owner's take, then the rest to nominators in proportion to their stake
    /// (what floors leave goes to the owner). Returns the amount paid.
    fn pay_dividends(
        netuid: NetUid,
        hotkey: &AccountId32,
        owner: &AccountId32,
        amount: Balance,
    ) -> Balance {
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
            Self::credit_stake(coldkey, hotkey, netuid, part);
            given = given.saturating_add(part);
        }
        Self::credit_stake(owner, hotkey, netuid, amount.saturating_sub(given));
        amount
    }
}
