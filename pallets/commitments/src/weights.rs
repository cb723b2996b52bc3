//! Weights of the calls, derived rather than benchmarked (taonet has no FRAME benchmark
//! machinery yet): the storage accesses each call makes, priced by the runtime's
//! `DbWeight`, plus execution time measured on the test runtime (in memory, unoptimised
//! build) and doubled, plus a part proportional to the commitment's encoded bytes.
//!
//! Measured per call: `set_commitment` 25 µs when its deposit changes (hold or release),
//! 7 to 9 µs when not; `clear_commitment` 21 µs for the largest commitment;
//! `set_max_space` 0.8 µs. In memory the bytes cost about 1 ns each (decoding, cloning,
//! encoding); the trie also hashes the stored value, which the in-memory measure leaves
//! out, so 6 ns per byte is charged: several times BLAKE2's cost per byte.
//!
//! Storage accesses counted:
//! - `set_commitment`: reads `SubtensorModule::Uids` (may it commit), `Tempo` (its epoch),
//!   `UsedSpaceOf`, `MaxSpace`, `CommitmentOf`, and the hotkey's `System::Account` and
//!   `Balances::Holds`; writes `UsedSpaceOf`, `CommitmentOf`, `LastCommitment`,
//!   `LastBondsReset` and the two balance entries. A bonds reset is declared on top by
//!   `OnMetadataCommitment::weight_bound`.
//! - `clear_commitment`: reads `Uids`, `CommitmentOf` (of the largest size a commitment can
//!   have), `Account`, `Holds`; writes the four commitment entries and the two balance ones.
//! - `set_max_space`: writes `MaxSpace`.

use core::marker::PhantomData;

use codec::MaxEncodedLen;
use frame_support::traits::Get;
use frame_support::weights::Weight;

use crate::{Config, RegistrationOf};

/// Weight functions of `pallet_commitments`.
pub trait WeightInfo {
    /// `set_commitment` of a commitment whose fields encode to `bytes` bytes.
    fn set_commitment(bytes: u32) -> Weight;
    /// `set_max_space`.
    fn set_max_space() -> Weight;
    /// `clear_commitment` of a commitment of the largest size.
    fn clear_commitment() -> Weight;
}

/// Execution of `set_commitment` besides storage and bytes (measured 25 µs, doubled).
const SET_COMMITMENT_PS: u64 = 50_000_000;
/// Execution of `clear_commitment` besides storage and bytes (measured 21 µs, doubled).
const CLEAR_COMMITMENT_PS: u64 = 42_000_000;
/// Execution of `set_max_space` besides storage (measured 0.8 µs, doubled and rounded up).
const SET_MAX_SPACE_PS: u64 = 2_000_000;
/// Per encoded byte of a commitment (see above).
const PS_PER_BYTE: u64 = 6_000;

/// The weights of this pallet on a runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: Config> WeightInfo for SubstrateWeight<T> {
    fn set_commitment(bytes: u32) -> Weight {
        Weight::from_parts(
            SET_COMMITMENT_PS.saturating_add(PS_PER_BYTE.saturating_mul(u64::from(bytes))),
            0,
        )
        .saturating_add(T::DbWeight::get().reads_writes(7, 6))
    }

    fn set_max_space() -> Weight {
        Weight::from_parts(SET_MAX_SPACE_PS, 0).saturating_add(T::DbWeight::get().writes(1))
    }

    fn clear_commitment() -> Weight {
        let bytes = u64::try_from(RegistrationOf::<T>::max_encoded_len()).unwrap_or(u64::MAX);
        Weight::from_parts(
            CLEAR_COMMITMENT_PS.saturating_add(PS_PER_BYTE.saturating_mul(bytes)),
            0,
        )
        .saturating_add(T::DbWeight::get().reads_writes(4, 6))
    }
}
