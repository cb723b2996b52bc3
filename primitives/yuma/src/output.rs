//! What an epoch produces (yuma-epoch.md §4.14).

use alloc::vec::Vec;

use crate::fixed::I32F32;
use crate::input::Row;

/// Every output of one epoch. Fixed-point vectors are exact; the u16 forms the chain stores
/// come from [`to_u16`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpochOutput {
    /// Whether each uid updated within the activity cutoff (`Active`).
    pub active: Vec<bool>,
    /// Permits granted by this epoch (`ValidatorPermit` for the next one).
    pub new_validator_permit: Vec<bool>,
    /// Normalised stake (`StakeWeight` as u16).
    pub stake: Vec<I32F32>,
    /// Stake of active, permitted uids, renormalised.
    pub active_stake: Vec<I32F32>,
    /// Stake-weighted median weight per uid (`Consensus`).
    pub consensus: Vec<I32F32>,
    /// Sum of each validator's clipped weights (`ValidatorTrust`).
    pub validator_trust: Vec<I32F32>,
    /// Normalised rank of each uid (`Incentive`).
    pub incentive: Vec<I32F32>,
    /// Normalised bond returns of each validator (`Dividends`).
    pub dividends: Vec<I32F32>,
    /// Rao earned as a miner.
    pub server_emission: Vec<u64>,
    /// Rao earned as a validator.
    pub validator_emission: Vec<u64>,
    /// Rao of the combined share (`Emission`).
    pub emission: Vec<u64>,
    /// The bond row to store for each uid; `None` leaves the stored row as it is (the
    /// dense variant does this for uids that neither held nor gained a permit).
    pub bonds: Vec<Option<Row>>,
}

/// subtensor's `fixed_proportion_to_u16` over a vector: the persisted u16 form.
pub fn to_u16(values: &[I32F32]) -> Vec<u16> {
    values.iter().map(|v| v.to_u16_proportion()).collect()
}
