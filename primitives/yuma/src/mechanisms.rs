//! Several mechanisms (sub-subnets) on one subnet (yuma-epoch.md §6): the emission is split
//! between them, each runs its own epoch on its own weights and bonds over the shared stake,
//! permits and registrations, and the results are combined.

use alloc::vec::Vec;

use crate::epoch::epoch;
use crate::input::{EpochError, EpochInput, Row};
use crate::output::{to_u16, EpochOutput};
use crate::params::EpochParams;

/// Subnet-wide state every mechanism reads.
#[derive(Clone, Copy, Debug)]
pub struct SubnetInput<'a> {
    /// The block the epoch runs in.
    pub current_block: u64,
    /// Stake per uid, in rao.
    pub stake: &'a [u64],
    /// Block at which each uid was registered.
    pub block_at_registration: &'a [u64],
    /// Permits stored before this epoch (every mechanism reads these).
    pub validator_permit: &'a [bool],
}

/// One mechanism's own state.
#[derive(Clone, Copy, Debug)]
pub struct MechanismInput<'a> {
    /// This mechanism's weight rows.
    pub weights: &'a [Row],
    /// This mechanism's bond rows.
    pub bonds: &'a [Row],
    /// Block of each uid's last weight update on this mechanism.
    pub last_update: &'a [u64],
    /// Earliest unexpired commit block per uid on this mechanism (empty if none).
    pub commit_block: &'a [Option<u64>],
}

/// Per-mechanism outputs and their combination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MechanismsOutput {
    /// Rao each mechanism distributed.
    pub emission_split: Vec<u64>,
    /// Each mechanism's epoch (its incentive and bonds are stored per mechanism).
    pub mechanisms: Vec<EpochOutput>,
    /// Summed miner emission per uid.
    pub server_emission: Vec<u64>,
    /// Summed validator emission per uid.
    pub validator_emission: Vec<u64>,
    /// `Emission`: Σ floor(emission_k · w_k).
    pub emission: Vec<u64>,
    /// `Dividends`: Σ floor(dividends_k · w_k) over the u16 terms.
    pub dividends: Vec<u16>,
    /// `StakeWeight`, aggregated likewise.
    pub stake_weight: Vec<u16>,
    /// `Consensus`, aggregated likewise.
    pub consensus: Vec<u16>,
    /// `ValidatorTrust`, aggregated likewise.
    pub validator_trust: Vec<u16>,
    /// `Active`: true if active on any mechanism.
    pub active: Vec<bool>,
    /// `ValidatorPermit`: true if granted on any mechanism.
    pub new_validator_permit: Vec<bool>,
}

/// `split_emissions`: `floor(rao · s_k / 65535)` per `MechanismEmissionSplit` entry (padded
/// with zeros or cut to the mechanism count), or an even split when unset; what rounding
/// leaves goes to mechanism 0.
pub fn split_emission(rao: u64, count: usize, split: Option<&[u16]>) -> Vec<u64> {
    let mut shares: Vec<u64> = match split {
        Some(split) => split
            .iter()
            .map(|&s| (u128::from(rao).saturating_mul(u128::from(s)) / u128::from(u16::MAX)) as u64)
            .collect(),
        None => {
            let each = rao
                .checked_div(u64::try_from(count).unwrap_or(u64::MAX))
                .unwrap_or_default();
            alloc::vec![each; count]
        }
    };
    shares.resize(count, 0);
    let given = shares.iter().fold(0u64, |acc, &s| acc.wrapping_add(s));
    if let Some(first) = shares.first_mut() {
        *first = first.saturating_add(rao.saturating_sub(given));
    }
    shares
}

/// Runs every mechanism's epoch and combines them as `epoch_with_mechanisms` does.
pub fn epoch_with_mechanisms(
    subnet: &SubnetInput<'_>,
    mechanisms: &[MechanismInput<'_>],
    split: Option<&[u16]>,
    rao_emission: u64,
    params: &EpochParams,
) -> Result<MechanismsOutput, EpochError> {
    let n = subnet.stake.len();
    let emission_split = split_emission(rao_emission, mechanisms.len(), split);
    let mut combined = MechanismsOutput {
        emission_split: emission_split.clone(),
        mechanisms: Vec::with_capacity(mechanisms.len()),
        server_emission: alloc::vec![0; n],
        validator_emission: alloc::vec![0; n],
        emission: alloc::vec![0; n],
        dividends: alloc::vec![0; n],
        stake_weight: alloc::vec![0; n],
        consensus: alloc::vec![0; n],
        validator_trust: alloc::vec![0; n],
        active: alloc::vec![false; n],
        new_validator_permit: alloc::vec![false; n],
    };
    for (k, (mechanism, &rao)) in mechanisms.iter().zip(&emission_split).enumerate() {
        let input = EpochInput {
            current_block: subnet.current_block,
            rao_emission: rao,
            stake: subnet.stake,
            weights: mechanism.weights,
            bonds: mechanism.bonds,
            last_update: mechanism.last_update,
            block_at_registration: subnet.block_at_registration,
            validator_permit: subnet.validator_permit,
            commit_block: mechanism.commit_block,
        };
        let out = epoch(&input, params)?;
        let weight = mechanism_weight(rao, rao_emission, k == 0);
        accumulate(
            &mut combined.server_emission,
            &out.server_emission,
            |a, b| a.saturating_add(b),
        );
        accumulate(
            &mut combined.validator_emission,
            &out.validator_emission,
            |a, b| a.saturating_add(b),
        );
        accumulate(&mut combined.emission, &out.emission, |a, b| {
            weighted_add(a, b, weight)
        });
        for (total, term) in [
            (&mut combined.dividends, &out.dividends),
            (&mut combined.stake_weight, &out.stake),
            (&mut combined.consensus, &out.consensus),
            (&mut combined.validator_trust, &out.validator_trust),
        ] {
            accumulate(total, &to_u16(term), |a, b| {
                u16::try_from(weighted_add(u64::from(a), u64::from(b), weight)).unwrap_or(u16::MAX)
            });
        }
        accumulate(&mut combined.active, &out.active, |a, b| a || b);
        accumulate(
            &mut combined.new_validator_permit,
            &out.new_validator_permit,
            |a, b| a || b,
        );
        combined.mechanisms.push(out);
    }
    Ok(combined)
}

fn accumulate<T: Copy>(total: &mut [T], term: &[T], f: impl Fn(T, T) -> T) {
    total.iter_mut().zip(term).for_each(|(t, &x)| *t = f(*t, x));
}

/// A mechanism's share of the emission as U64F64 raw bits (`sub / rao`, or for zero
/// emission 1 for mechanism 0 and 0 for the others).
fn mechanism_weight(sub: u64, rao: u64, first: bool) -> u128 {
    (u128::from(sub) << 64)
        .checked_div(u128::from(rao))
        .unwrap_or(if first { 1 << 64 } else { 0 })
}

/// `U64F64(existing) + U64F64(added) · weight`, floored to an integer (saturating).
fn weighted_add(existing: u64, added: u64, weight: u128) -> u64 {
    let product = u128::from(added).saturating_mul(weight);
    let sum = (u128::from(existing) << 64).saturating_add(product);
    u64::try_from(sum >> 64).unwrap_or(u64::MAX)
}
