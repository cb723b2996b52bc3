//! Yuma consensus: the epoch that turns a subnet's weights and stake into consensus,
//! incentive, dividends, bonds and emission.
//!
//! This is `../shared/specs/yuma-epoch.md` in code, with the arithmetic of the Bittensor
//! chain (`substrate-fixed` I32F32 / I64F64 / I96F32, floors and truncations included), so
//! that the same inputs give the same numbers bit for bit. It has no FRAME dependency and
//! builds without `std`: the runtime calls it at every tempo boundary and the `taonet yuma
//! epoch` command replays it offline.
//!
//! - [`epoch`](fn@epoch): the production (sparse) epoch, `epoch_mechanism`.
//! - [`epoch_dense`]: subtensor's dense variant, the reference its tests use.
//! - [`epoch_with_mechanisms`]: several mechanisms per subnet.
//! - [`max_upscale_to_u16`], [`is_max_limited`]: how `set_weights` stores weights.
//!
//! The sparse epoch works in time linear in the stored weights and bonds (subtensor's is
//! quadratic in the number of uids), with identical results.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

extern crate alloc;

mod bonds;
mod clip;
mod consensus;
mod dense;
mod emission;
mod epoch;
mod exp;
pub mod fixed;
mod input;
mod liquid_alpha;
mod masked;
mod matrix;
mod mechanisms;
mod output;
mod params;
mod stake;
mod weights;

pub use dense::epoch_dense;
pub use epoch::epoch;
pub use exp::{exp, exp_safe};
pub use fixed::{I32F32, I64F64};
pub use input::{EpochError, EpochInput, OwnedEpochInput, Row};
pub use mechanisms::{
    epoch_with_mechanisms, split_emission, MechanismInput, MechanismsOutput, SubnetInput,
};
pub use output::{to_u16, EpochOutput};
pub use params::{activity_cutoff_blocks, EpochParams, DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI};
pub use weights::{is_max_limited, max_upscale_to_u16};
