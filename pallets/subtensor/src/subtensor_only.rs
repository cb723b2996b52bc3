//! Types of subtensor state that taonet's economics do not have: root-network claims and
//! stake locks. Bittensor's tools read these maps by name (btcli's `subnets show`,
//! `stake list`), so `SubtensorModule` declares them with subtensor's layouts; on taonet
//! they are always empty, which is the truth: there is no root network to claim from and no
//! stake is ever locked.

use alloc::collections::BTreeSet;

use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use substrate_fixed::types::U64F64;

use crate::NetUid;

/// What a coldkey does with root-network emission on subtensor (`RootClaimTypeEnum`).
#[derive(Encode, Decode, DecodeWithMemTracking, Default, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub enum RootClaimTypeEnum {
    /// Swap it for TAO (subtensor's default).
    #[default]
    Swap,
    /// Keep it.
    Keep,
    /// Keep it on these subnets only.
    KeepSubnets {
        /// The subnets whose emission is kept.
        subnets: BTreeSet<NetUid>,
    },
}

/// Subtensor's exponentially decaying stake lock (`LockState`). Taonet locks no stake: the
/// lock maps and `StakeInfoRuntimeApi::get_coldkey_lock` hold or answer none.
#[derive(Decode, DecodeWithMemTracking, Encode, PartialEq, Eq, Clone, Debug, TypeInfo)]
pub struct LockState {
    /// Locked amount.
    pub locked_mass: u64,
    /// Conviction (integral of the locked amount over time).
    pub conviction: U64F64,
    /// Block of the last update.
    pub last_update: u64,
}
