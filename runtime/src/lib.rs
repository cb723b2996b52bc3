//! The taonet runtime: FRAME pallets assembled into the state transition function. The
//! chain runs it as wasm, stored at `:code`: `build.rs` compiles this crate to wasm and
//! [`WASM_BINARY`] carries the blob into the node, which writes it into genesis and
//! executes whatever code the state holds. A new runtime is installed by transaction
//! (`System::set_code`, or `authorize_upgrade` + `apply_authorized_upgrade`): every change of
//! logic bumps [`VERSION`]'s `spec_version` and ships explicit state migrations, which run
//! in the first block the new code executes.
#![cfg_attr(not(feature = "std"), no_std)]
// construct_runtime! recurses deeply.
#![recursion_limit = "256"]
// `construct_runtime!` must expand at the crate root (see below) and documents none of
// the items it generates, while a lint attribute on a macro invocation is ignored; so the
// documentation lint is lifted here and restored in every module.
#![allow(missing_docs)]

extern crate alloc;

// `WASM_BINARY` (`Option<&[u8]>`, `None` when the build was skipped with `SKIP_WASM_BUILD`)
// and `WASM_BINARY_BLOATY`: this runtime compiled to wasm, written by `build.rs`.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

/// This runtime built with `runtime-benchmarks` (feature `benchmarks-blob`): the blob that
/// `taonet benchmark pallet` measures, never one for a chain. Its `WASM_BINARY` is
/// `None` when the build was skipped with `SKIP_WASM_BUILD`.
#[cfg(all(feature = "std", feature = "benchmarks-blob"))]
pub mod benchmarks_blob {
    include!(concat!(env!("OUT_DIR"), "/taonet_runtime_benchmarks"));
}

/// This runtime one upgrade ahead (feature `upgrade-test-blob`): `spec_version` + 1 and an
/// existential deposit of 600 rao, built with `try-runtime` too, so that the upgrade tests
/// submit it through `System::set_code` and `taonet check-upgrade` runs its checks. Its
/// `WASM_BINARY` is `None` when the build was skipped with `SKIP_WASM_BUILD`.
#[cfg(all(feature = "std", feature = "upgrade-test-blob"))]
pub mod upgrade_test_blob {
    include!(concat!(env!("OUT_DIR"), "/taonet_runtime_upgrade_test"));
}

pub mod batch_validation;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod check_nonce;
mod configs;
pub mod genesis;
#[cfg(feature = "std")]
pub mod signing;

use alloc::borrow::Cow;
use alloc::vec::Vec;

use sp_runtime::traits::{BlakeTwo256, IdentifyAccount, Verify};
use sp_runtime::{generic, impl_opaque_keys, MultiAddress, MultiSignature};
use sp_version::RuntimeVersion;

/// Half the slot duration, from storage (a test chain spec may set a shorter slot).
pub use configs::MinimumPeriod;
pub use taonet_primitives::{Balance, BLOCKS_PER_DAY, MILLISECS_PER_BLOCK, RAO_PER_TAO};

/// Signatures: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;

/// 32-byte account ids, derived from the signer's public key.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Block heights.
pub type BlockNumber = u32;

/// Transaction counters per account.
pub type Nonce = u32;

/// Block and state hashes.
pub type Hash = sp_core::H256;

/// The address format of extrinsics: an account id (no indices pallet, hence `()`).
pub type Address = MultiAddress<AccountId, ()>;

/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions, in FRAME's standard order and under its names, then
/// `SubtensorTransactionExtension` and `CommitmentsTransactionExtension`, which encode to
/// nothing, so that any Substrate client signs for this chain without custom types.
/// `CheckNonce` is this runtime's ([`check_nonce`]): frame_system's, except that an account
/// without balance may sign a call that pays no fee (Bittensor's hotkeys); the two after
/// `ChargeTransactionPayment` refuse, before the pool, every such call that would fail.
/// `CheckMetadataHash` comes last, as in subtensor: online clients send mode 0, offline
/// signers (Ledger) mode 1 with the metadata digest the blob was built with.
pub type TxExtension = (
    frame_system::CheckNonZeroSender<Runtime>,
    frame_system::CheckSpecVersion<Runtime>,
    frame_system::CheckTxVersion<Runtime>,
    frame_system::CheckGenesis<Runtime>,
    frame_system::CheckEra<Runtime>,
    check_nonce::CheckNonce<Runtime>,
    frame_system::CheckWeight<Runtime>,
    pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
    pallet_subtensor::extension::SubtensorTransactionExtension<Runtime>,
    pallet_commitments::extension::CommitmentsTransactionExtension<Runtime>,
    frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
);

/// Extrinsics as they travel (format v4 for signed ones).
pub type UncheckedExtrinsic =
    generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run at the first block of a new `spec_version`; each checks the
/// storage version it migrates from, so it runs once.
pub type Migrations = (
    pallet_subtensor::migrations::v1::MigrateToV1<Runtime>,
    pallet_subtensor::migrations::v2::MigrateToV2<Runtime>,
    pallet_subtensor::migrations::v3::MigrateToV3<Runtime>,
);

/// Executes blocks and extrinsics against the pallets.
pub type Executive = frame_executive::Executive<
    Runtime,
    Block,
    frame_system::ChainContext<Runtime>,
    Runtime,
    AllPalletsWithSystem,
    Migrations,
>;

impl_opaque_keys! {
    /// Session keys of a validator: Aura for authoring, GRANDPA for finality.
    pub struct SessionKeys {
        /// Block authoring key (sr25519).
        pub aura: Aura,
        /// Finality voting key (ed25519).
        pub grandpa: Grandpa,
    }
}

/// Identity and versions of this runtime. 116 added `CheckMetadataHash` to the
/// transaction extensions, a new transaction format (`transaction_version` 2) with no
/// storage to migrate. 117 declares every call's weight from the benchmarked `weights.rs`
/// of its pallet, prices the epoch by its benchmark too and storage access at parity-db's
/// figures (the node's database) instead of RocksDB's, and finds the uid a registration
/// replaces with one read per uid instead of two; it changes no storage layout, so it has
/// no migration. 118 removes a dissolved subnet over as many blocks as it takes (its
/// stakes, found through the new by-subnet index `SubnetStakers`, and its neurons, a
/// bounded share per block in the block hook), holding its netuid until then; migration
/// v2 builds the index. 119: a registration on a full subnet no longer rewrites every
/// validator's weight row to zero the replaced uid (O(n²) at 4 096 uids); the epoch
/// already drops weights set before their target registered, and the neuron runtime API
/// now reports weights through that rule too. No storage layout changes, so no migration.
/// 120 bounds `StakingHotkeys` (512 hotkeys) and `OwnedHotkeys` (4 096), refusing a stake,
/// registration or hotkey swap past them (emission past a full list is paid out instead),
/// and prices the block hook's per-subnet work (registration prices, emission) by its
/// benchmark; migration v3 marks the bounded layout, which encodes as before. 121: a
/// hotkey swap retires the old hotkey before claiming the new one and moves every stake
/// off it before crediting any (failing rather than paying stake out); `set_identity` is
/// priced for hotkeys still members of subnets awaiting removal and refunded to the
/// hotkeys the coldkey owns; the block hook's emission is priced. No storage layout changes,
/// so no migration. 122 adds the runtime API `TransactionBatchApi`, which validates many
/// transactions in one call for the node's pool; no storage changes, so no migration.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
    spec_name: Cow::Borrowed("taonet"),
    impl_name: Cow::Borrowed("taonet-node"),
    authoring_version: 1,
    spec_version: 122,
    impl_version: 1,
    apis: apis::RUNTIME_API_VERSIONS,
    transaction_version: 2,
    system_version: 1,
};

/// The next runtime of the upgrade tests (feature `upgrade-test`, never shipped): one
/// `spec_version` more, and a higher existential deposit to observe (see `configs`).
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
    spec_name: Cow::Borrowed("taonet"),
    impl_name: Cow::Borrowed("taonet-node"),
    authoring_version: 1,
    spec_version: 123,
    impl_version: 1,
    apis: apis::RUNTIME_API_VERSIONS,
    transaction_version: 2,
    system_version: 1,
};

// The runtime's pallets and the types `construct_runtime!` derives from them (`Runtime`,
// `RuntimeCall`, `RuntimeEvent`, …), at the crate root: clients find the event and call
// types in the metadata by their path, `taonet_runtime::RuntimeEvent` (py-substrate-interface
// matches `*::RuntimeEvent` and `*::RuntimeCall`).
frame_support::construct_runtime!(
    pub enum Runtime {
        System: frame_system = 0,
        Timestamp: pallet_timestamp = 2,
        Aura: pallet_aura = 3,
        Grandpa: pallet_grandpa = 4,
        Balances: pallet_balances = 5,
        TransactionPayment: pallet_transaction_payment = 6,
        SubtensorModule: pallet_subtensor = 7,
        Utility: pallet_utility = 11,
        Sudo: pallet_sudo = 12,
        Commitments: pallet_commitments = 18,
        AdminUtils: pallet_admin_utils = 19,
    }
);

/// The runtime APIs (`impl_runtime_apis!` leaves the items it generates undocumented).
#[allow(missing_docs)]
pub mod apis;

/// `api::dispatch(method, input)`: runtime API calls by name (`Core_version`, …) with SCALE
/// input and output, exactly what `state_call` carries.
pub use apis::api;
