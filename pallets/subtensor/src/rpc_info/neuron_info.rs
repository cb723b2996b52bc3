//! `NeuronInfoRuntimeApi`: one neuron (uid) of a subnet, with or without its weights and
//! bonds (subtensor's `NeuronInfo` and `NeuronInfoLite`).

use alloc::vec;
use alloc::vec::Vec;

use codec::{Compact, Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_runtime::AccountId32;

use super::{at, per_uid};
use crate::*;

/// A neuron with its weights and bonds.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct NeuronInfo<AccountId> {
    /// The neuron's hotkey.
    pub hotkey: AccountId,
    /// The coldkey owning the hotkey.
    pub coldkey: AccountId,
    /// The neuron's uid.
    pub uid: Compact<u16>,
    /// Its subnet.
    pub netuid: Compact<NetUid>,
    /// Whether the last epoch counted it active (a uid registered since counts as active,
    /// as subtensor records a new neuron).
    pub active: bool,
    /// Its axon endpoint (all zero if never served).
    pub axon_info: AxonInfo,
    /// Its Prometheus endpoint (all zero if never served).
    pub prometheus_info: PrometheusInfo,
    /// One entry, as in subtensor: the owning coldkey with all stake on the hotkey in this
    /// subnet (`TotalHotkeyAlpha`, rao; alpha is TAO).
    pub stake: Vec<(AccountId, Compact<u64>)>,
    /// Deprecated in subtensor, which reports 0; taonet computes no rank either.
    pub rank: Compact<u16>,
    /// Rao it earned in the last epoch.
    pub emission: Compact<u64>,
    /// Incentive from the last epoch (u16 ratio).
    pub incentive: Compact<u16>,
    /// Consensus from the last epoch (u16 ratio).
    pub consensus: Compact<u16>,
    /// Deprecated in subtensor, which reports 0; taonet computes no trust either.
    pub trust: Compact<u16>,
    /// Validator trust from the last epoch (u16 ratio).
    pub validator_trust: Compact<u16>,
    /// Dividends from the last epoch (u16 ratio).
    pub dividends: Compact<u16>,
    /// Block of its last weights (or registration).
    pub last_update: Compact<u64>,
    /// Whether it holds a validator permit.
    pub validator_permit: bool,
    /// Its non-zero weights: (uid, weight).
    pub weights: Vec<(Compact<u16>, Compact<u16>)>,
    /// Its non-zero bonds: (uid, bond).
    pub bonds: Vec<(Compact<u16>, Compact<u16>)>,
    /// Deprecated in subtensor, which reports `u16::MAX`; reported the same (taonet prunes
    /// by emission, see `uid_to_prune`).
    pub pruning_score: Compact<u16>,
}

/// A neuron without its weights and bonds.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct NeuronInfoLite<AccountId> {
    /// The neuron's hotkey.
    pub hotkey: AccountId,
    /// The coldkey owning the hotkey.
    pub coldkey: AccountId,
    /// The neuron's uid.
    pub uid: Compact<u16>,
    /// Its subnet.
    pub netuid: Compact<NetUid>,
    /// As [`NeuronInfo::active`].
    pub active: bool,
    /// Its axon endpoint (all zero if never served).
    pub axon_info: AxonInfo,
    /// Its Prometheus endpoint (all zero if never served).
    pub prometheus_info: PrometheusInfo,
    /// As [`NeuronInfo::stake`].
    pub stake: Vec<(AccountId, Compact<u64>)>,
    /// Deprecated: 0, as in subtensor.
    pub rank: Compact<u16>,
    /// Rao it earned in the last epoch.
    pub emission: Compact<u64>,
    /// Incentive from the last epoch (u16 ratio).
    pub incentive: Compact<u16>,
    /// Consensus from the last epoch (u16 ratio).
    pub consensus: Compact<u16>,
    /// Deprecated: 0, as in subtensor.
    pub trust: Compact<u16>,
    /// Validator trust from the last epoch (u16 ratio).
    pub validator_trust: Compact<u16>,
    /// Dividends from the last epoch (u16 ratio).
    pub dividends: Compact<u16>,
    /// Block of its last weights (or registration).
    pub last_update: Compact<u64>,
    /// Whether it holds a validator permit.
    pub validator_permit: bool,
    /// Deprecated: `u16::MAX`, as in subtensor.
    pub pruning_score: Compact<u16>,
}

/// A subnet's per-uid vectors, each read once for all its neurons.
struct Columns {
    n: u16,
    active: Vec<bool>,
    emission: Vec<u64>,
    incentive: Vec<u16>,
    consensus: Vec<u16>,
    validator_trust: Vec<u16>,
    dividends: Vec<u16>,
    last_update: Vec<u64>,
    validator_permit: Vec<bool>,
}

impl Columns {
    fn read<T: Config>(netuid: NetUid) -> Self {
        let n = SubnetworkN::<T>::get(netuid);
        Self {
            n,
            active: per_uid(Active::<T>::get(netuid), n, true),
            emission: Emission::<T>::get(netuid),
            incentive: Incentive::<T>::get(netuid),
            consensus: Consensus::<T>::get(netuid),
            validator_trust: ValidatorTrust::<T>::get(netuid),
            dividends: Dividends::<T>::get(netuid),
            last_update: LastUpdate::<T>::get(netuid),
            validator_permit: ValidatorPermit::<T>::get(netuid),
        }
    }
}

/// The weights of a stored row, set at block `updated`, that are still meant for their
/// target: non-zero, to a uid that registered (`registered(uid)`, `None` past the subnet's
/// uids) before they were set. Weights to a uid set at or before its registration were
/// meant for the neuron it replaced: the epoch drops them (the Yuma spec's outdated rule,
/// §4.6; under commit-reveal it also drops weights committed before) and the registration
/// leaves them in storage, so they are not reported.
fn weights_in_effect(
    row: Vec<(u16, u16)>,
    updated: u64,
    registered: impl Fn(u16) -> Option<u64>,
) -> Vec<(Compact<u16>, Compact<u16>)> {
    row.into_iter()
        .filter(|&(uid, value)| value > 0 && registered(uid).is_some_and(|block| updated > block))
        .map(|(uid, value)| (Compact(uid), Compact(value)))
        .collect()
}

/// The non-zero entries of a stored bond row.
fn nonzero(row: Vec<(u16, u16)>) -> Vec<(Compact<u16>, Compact<u16>)> {
    row.into_iter()
        .filter(|&(_, value)| value > 0)
        .map(|(uid, value)| (Compact(uid), Compact(value)))
        .collect()
}

impl<AccountId> NeuronInfo<AccountId> {
    /// `lite` with its weights and bonds.
    fn with_rows(
        lite: NeuronInfoLite<AccountId>,
        weights: Vec<(Compact<u16>, Compact<u16>)>,
        bonds: Vec<(Compact<u16>, Compact<u16>)>,
    ) -> Self {
        Self {
            hotkey: lite.hotkey,
            coldkey: lite.coldkey,
            uid: lite.uid,
            netuid: lite.netuid,
            active: lite.active,
            axon_info: lite.axon_info,
            prometheus_info: lite.prometheus_info,
            stake: lite.stake,
            rank: lite.rank,
            emission: lite.emission,
            incentive: lite.incentive,
            consensus: lite.consensus,
            trust: lite.trust,
            validator_trust: lite.validator_trust,
            dividends: lite.dividends,
            last_update: lite.last_update,
            validator_permit: lite.validator_permit,
            weights,
            bonds,
            pruning_score: lite.pruning_score,
        }
    }
}

impl<T: Config> Pallet<T> {
    /// The neuron at `uid`, if the subnet has that uid.
    fn neuron_lite(
        netuid: NetUid,
        uid: u16,
        columns: &Columns,
    ) -> Option<NeuronInfoLite<AccountId32>> {
        if uid >= columns.n {
            return None;
        }
        let hotkey = Keys::<T>::try_get(netuid, uid).ok()?;
        let coldkey = Owner::<T>::get(&hotkey);
        let stake = TotalHotkeyAlpha::<T>::get(&hotkey, netuid);
        Some(NeuronInfoLite {
            axon_info: Axons::<T>::get(netuid, &hotkey).unwrap_or_default(),
            prometheus_info: Prometheus::<T>::get(netuid, &hotkey).unwrap_or_default(),
            stake: vec![(coldkey.clone(), Compact(stake))],
            hotkey,
            coldkey,
            uid: Compact(uid),
            netuid: Compact(netuid),
            active: at(&columns.active, uid),
            rank: Compact(0),
            emission: Compact(at(&columns.emission, uid)),
            incentive: Compact(at(&columns.incentive, uid)),
            consensus: Compact(at(&columns.consensus, uid)),
            trust: Compact(0),
            validator_trust: Compact(at(&columns.validator_trust, uid)),
            dividends: Compact(at(&columns.dividends, uid)),
            last_update: Compact(at(&columns.last_update, uid)),
            validator_permit: at(&columns.validator_permit, uid),
            pruning_score: Compact(u16::MAX),
        })
    }

    /// The neuron at `uid` with its weights still meant for their targets and its non-zero
    /// bonds; `registered` gives a uid's registration block.
    fn neuron_full(
        netuid: NetUid,
        uid: u16,
        columns: &Columns,
        registered: impl Fn(u16) -> Option<u64>,
    ) -> Option<NeuronInfo<AccountId32>> {
        let lite = Self::neuron_lite(netuid, uid, columns)?;
        Some(NeuronInfo::with_rows(
            lite,
            weights_in_effect(
                Weights::<T>::get(netuid, uid),
                at(&columns.last_update, uid),
                registered,
            ),
            nonzero(Bonds::<T>::get(netuid, uid)),
        ))
    }

    /// Every neuron of `netuid` in uid order (empty if the subnet does not exist).
    pub fn get_neurons(netuid: NetUid) -> Vec<NeuronInfo<AccountId32>> {
        if !NetworksAdded::<T>::get(netuid) {
            return Vec::new();
        }
        let columns = Columns::read::<T>(netuid);
        let registered: Vec<u64> = (0..columns.n)
            .map(|uid| BlockAtRegistration::<T>::get(netuid, uid))
            .collect();
        (0..columns.n)
            .map_while(|uid| {
                Self::neuron_full(netuid, uid, &columns, |j| {
                    registered.get(usize::from(j)).copied()
                })
            })
            .collect()
    }

    /// The neuron at `uid` of `netuid`, if both exist.
    pub fn get_neuron(netuid: NetUid, uid: u16) -> Option<NeuronInfo<AccountId32>> {
        if !NetworksAdded::<T>::get(netuid) {
            return None;
        }
        let columns = Columns::read::<T>(netuid);
        let n = columns.n;
        Self::neuron_full(netuid, uid, &columns, |j| {
            (j < n).then(|| BlockAtRegistration::<T>::get(netuid, j))
        })
    }

    /// Every neuron of `netuid` without weights and bonds, in uid order.
    pub fn get_neurons_lite(netuid: NetUid) -> Vec<NeuronInfoLite<AccountId32>> {
        if !NetworksAdded::<T>::get(netuid) {
            return Vec::new();
        }
        let columns = Columns::read::<T>(netuid);
        (0..columns.n)
            .map_while(|uid| Self::neuron_lite(netuid, uid, &columns))
            .collect()
    }

    /// The neuron at `uid` of `netuid` without weights and bonds, if both exist.
    pub fn get_neuron_lite(netuid: NetUid, uid: u16) -> Option<NeuronInfoLite<AccountId32>> {
        if !NetworksAdded::<T>::get(netuid) {
            return None;
        }
        Self::neuron_lite(netuid, uid, &Columns::read::<T>(netuid))
    }
}
