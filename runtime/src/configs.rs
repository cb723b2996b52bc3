//! Configuration of each pallet.
#![warn(missing_docs)]

use frame_support::derive_impl;
use frame_support::dispatch::DispatchClass;
use frame_support::traits::{ConstBool, ConstU32, ConstU64, ConstU8, Contains, VariantCountOf};
use frame_support::weights::constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND};
use frame_support::weights::{IdentityFee, Weight, WeightToFee};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::traits::One;
use sp_runtime::Perbill;

use super::{
    AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, OriginCaller, PalletInfo,
    Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin,
    RuntimeTask, System, MILLISECS_PER_BLOCK, VERSION,
};

/// Share of a block's weight and length open to normal transactions; the rest is kept for
/// operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Largest block, in bytes.
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

/// Rao every account must keep to exist.
#[cfg(not(feature = "upgrade-test"))]
pub const EXISTENTIAL_DEPOSIT: Balance = 500;

/// Rao every account must keep to exist, in the upgrade tests' next runtime: the change
/// they observe after `set_code`.
#[cfg(feature = "upgrade-test")]
pub const EXISTENTIAL_DEPOSIT: Balance = 600;

frame_support::parameter_types! {
    /// 4 s of execution per 12 s block.
    pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
        Weight::from_parts(4 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
        NORMAL_DISPATCH_RATIO,
    );
    /// 5 MiB blocks, 75 % of it for normal transactions.
    pub RuntimeBlockLength: BlockLength = BlockLength::builder()
        .max_length(MAX_BLOCK_LENGTH)
        .modify_max_length_for_class(DispatchClass::Normal, |max| {
            *max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
        })
        .build();
    /// Blocks whose hashes the runtime remembers (mortal transactions refer to them).
    pub const BlockHashCount: BlockNumber = 2400;
    /// This runtime's version, for `CheckSpecVersion` and `CheckTxVersion`.
    pub const Version: sp_version::RuntimeVersion = VERSION;
    /// SS58 address prefix (the generic Substrate one, as Bittensor uses).
    pub const SS58Prefix: u16 = 42;
    /// Fees are not scaled by congestion.
    pub FeeMultiplier: Multiplier = Multiplier::one();
    /// Half the Aura slot: 6 s, so blocks come every 12 s. Read from the well-known key
    /// `twox_128(b":MinimumPeriod:")`, which no call writes: only a chain spec can set it,
    /// so that test networks run faster blocks with the same runtime. Emission is per
    /// block, so such a chain mints faster in wall-clock time and in nothing else.
    pub storage MinimumPeriod: u64 = MILLISECS_PER_BLOCK / 2;
}

/// Calls no signed origin may make: burning TAO from an account, which would shrink the
/// balances without `SubtensorModule`'s issuance ledger seeing it.
pub struct NoUserBurns;

impl Contains<RuntimeCall> for NoUserBurns {
    fn contains(call: &RuntimeCall) -> bool {
        !matches!(
            call,
            RuntimeCall::Balances(pallet_balances::Call::burn { .. })
        )
    }
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
    type BaseCallFilter = NoUserBurns;
    type Block = Block;
    type BlockWeights = RuntimeBlockWeights;
    type BlockLength = RuntimeBlockLength;
    type AccountId = AccountId;
    type Nonce = Nonce;
    type Hash = Hash;
    type BlockHashCount = BlockHashCount;
    /// The node keeps its state in parity-db: Substrate's figures for it (8 µs a read,
    /// 50 µs a write) price every read and write the benchmarks count.
    type DbWeight = ParityDbWeight;
    type Version = Version;
    type AccountData = pallet_balances::AccountData<Balance>;
    type SS58Prefix = SS58Prefix;
    type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
    type Moment = u64;
    type OnTimestampSet = Aura;
    type MinimumPeriod = MinimumPeriod;
    type WeightInfo = ();
}

impl pallet_aura::Config for Runtime {
    type AuthorityId = AuraId;
    type DisabledValidators = ();
    type MaxAuthorities = ConstU32<32>;
    type AllowMultipleBlocksPerSlot = ConstBool<false>;
    type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type WeightInfo = ();
    type MaxAuthorities = ConstU32<32>;
    type MaxNominators = ConstU32<0>;
    type MaxSetIdSessionEntries = ConstU64<0>;
    type KeyOwnerProof = sp_core::Void;
    type EquivocationReportSystem = ();
}

impl pallet_balances::Config for Runtime {
    type MaxLocks = ConstU32<50>;
    type MaxReserves = ();
    type ReserveIdentifier = [u8; 8];
    type Balance = Balance;
    type RuntimeEvent = RuntimeEvent;
    // Dust of reaped accounts leaves TotalIssuance too.
    type DustRemoval = pallet_subtensor::recycle::Recycle<Runtime>;
    type ExistentialDeposit = ConstU64<EXISTENTIAL_DEPOSIT>;
    type AccountStore = System;
    type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
    type FreezeIdentifier = RuntimeFreezeReason;
    type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
    type RuntimeHoldReason = RuntimeHoldReason;
    type RuntimeFreezeReason = RuntimeFreezeReason;
    type DoneSlashHandler = ();
}

/// Fees for execution: one rao per nanosecond of reference time (a transfer costs a few
/// ten-thousandths of a TAO).
pub struct RaoPerNanosecond;

impl WeightToFee for RaoPerNanosecond {
    type Balance = Balance;

    fn weight_to_fee(weight: &Weight) -> Balance {
        weight.ref_time() / 1_000
    }
}

impl pallet_transaction_payment::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    // Fees are recycled: burned, and taken out of SubtensorModule's TotalIssuance.
    type OnChargeTransaction =
        FungibleAdapter<Balances, pallet_subtensor::recycle::Recycle<Runtime>>;
    type OperationalFeeMultiplier = ConstU8<5>;
    type WeightToFee = RaoPerNanosecond;
    type LengthToFee = IdentityFee<Balance>;
    type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
    type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_subtensor::Config for Runtime {
    type Currency = Balances;
    type WeightInfo = pallet_subtensor::weights::SubstrateWeight<Runtime>;
}

impl pallet_admin_utils::Config for Runtime {
    type WeightInfo = pallet_admin_utils::weights::SubstrateWeight<Runtime>;
}

frame_support::parameter_types! {
    /// Fields in one commitment (subtensor's `MaxCommitFields`).
    pub const MaxCommitFields: u32 = 3;
    /// No deposit per byte, per commitment or per field, as subtensor: the hotkeys that
    /// commit hold no balance (Bittensor's tools sign `set_commitment` with the hotkey), so
    /// any deposit would refuse them. Storage stays bounded without one: only a hotkey
    /// holding a uid commits, at most one commitment per hotkey and subnet (replaced in
    /// place) of at most `MaxCommitFields` bounded fields, so each registration, which
    /// burns TAO, adds at most one; `clear_commitment` removes it once the hotkey has left.
    pub const CommitmentByteDeposit: Balance = 0;
    /// See `CommitmentByteDeposit`.
    pub const CommitmentInitialDeposit: Balance = 0;
    /// See `CommitmentByteDeposit`.
    pub const CommitmentFieldDeposit: Balance = 0;
}

/// Hotkeys holding a uid on an existing subnet may commit.
pub struct RegisteredHotkeys;

impl pallet_commitments::CanCommit<AccountId> for RegisteredHotkeys {
    fn can_commit(netuid: pallet_commitments::NetUid, who: &AccountId) -> bool {
        pallet_subtensor::Pallet::<Runtime>::is_hotkey_registered_on_network(netuid, who)
    }
}

/// A commitment carrying `ResetBondsFlag` resets the bonds validators hold in the miner,
/// where the subnet has `BondsResetOn`.
pub struct ResetBondsOnCommit;

impl pallet_commitments::OnMetadataCommitment<AccountId> for ResetBondsOnCommit {
    fn on_metadata_commitment(netuid: pallet_commitments::NetUid, who: &AccountId) -> Weight {
        pallet_subtensor::Pallet::<Runtime>::do_reset_bonds(netuid, who)
    }

    fn weight_bound(netuid: pallet_commitments::NetUid) -> Weight {
        pallet_subtensor::Pallet::<Runtime>::bonds_reset_weight_bound(netuid)
    }
}

/// Commitment space is counted per epoch of the subnet, as `SubtensorModule` counts them.
pub struct SubnetEpochs;

impl pallet_commitments::GetTempoInterface for SubnetEpochs {
    fn get_epoch_index(netuid: pallet_commitments::NetUid, cur_block: u64) -> u64 {
        pallet_subtensor::Pallet::<Runtime>::epoch_index(netuid, cur_block)
    }
}

/// The commitments benchmarks' committer: the owner hotkey of a subnet registered for it,
/// which [`RegisteredHotkeys`] lets commit.
#[cfg(feature = "runtime-benchmarks")]
pub struct SubnetOwnerHotkey;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_commitments::BenchmarkHelper<AccountId> for SubnetOwnerHotkey {
    fn allow_commit(who: &AccountId) -> pallet_commitments::NetUid {
        use frame_support::traits::fungible::Mutate;

        let coldkey: AccountId = frame_benchmarking::account("subnet_owner", 0, 0);
        let lock = pallet_subtensor::Pallet::<Runtime>::network_lock_cost();
        Balances::set_balance(&coldkey, lock.saturating_add(EXISTENTIAL_DEPOSIT));
        pallet_subtensor::Pallet::<Runtime>::register_network(
            RuntimeOrigin::signed(coldkey.clone()),
            who.clone(),
        )
        .expect("the coldkey holds the lock");
        pallet_subtensor::NetworksAdded::<Runtime>::iter_keys()
            .find(|netuid| pallet_subtensor::SubnetOwner::<Runtime>::get(netuid) == coldkey)
            .expect("the subnet was just registered")
    }
}

impl pallet_commitments::Config for Runtime {
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = SubnetOwnerHotkey;
    type Currency = Balances;
    type RuntimeHoldReason = RuntimeHoldReason;
    type WeightInfo = pallet_commitments::weights::SubstrateWeight<Runtime>;
    type CanCommit = RegisteredHotkeys;
    type OnMetadataCommitment = ResetBondsOnCommit;
    type MaxFields = MaxCommitFields;
    type InitialDeposit = CommitmentInitialDeposit;
    type FieldDeposit = CommitmentFieldDeposit;
    type ByteDeposit = CommitmentByteDeposit;
    type TempoInterface = SubnetEpochs;
}

impl pallet_sudo::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type RuntimeCall = RuntimeCall;
    type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type RuntimeCall = RuntimeCall;
    type PalletsOrigin = OriginCaller;
    type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}
