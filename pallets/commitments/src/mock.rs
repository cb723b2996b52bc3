//! A test runtime: System, Balances, the real `SubtensorModule` and Commitments, wired to one
//! another as the taonet runtime wires them (uids from `SubtensorModule::Uids`, bonds reset by
//! `SubtensorModule::do_reset_bonds`, epochs from `SubtensorModule::epoch_index`).

use frame_support::derive_impl;
use frame_support::traits::{ConstU32, ConstU64};
use frame_support::weights::constants::RocksDbWeight;
use frame_support::weights::Weight;
use sp_runtime::traits::IdentityLookup;
use sp_runtime::{AccountId32, BuildStorage};

use crate as pallet_commitments;
use crate::NetUid;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system = 0,
        Balances: pallet_balances = 5,
        SubtensorModule: pallet_subtensor = 7,
        Commitments: pallet_commitments = 18,
    }
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
    type AccountId = AccountId32;
    type Lookup = IdentityLookup<AccountId32>;
    type AccountData = pallet_balances::AccountData<u64>;
    type DbWeight = RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
    type Balance = u64;
    type AccountStore = System;
    type ExistentialDeposit = ConstU64<ED>;
    type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_subtensor::Config for Test {
    type Currency = Balances;
    type WeightInfo = ();
}

frame_support::parameter_types! {
    /// Held per commitment (settable per test).
    pub static InitialDeposit: u64 = 1_000;
    /// Held per field.
    pub static FieldDeposit: u64 = 100;
    /// Held per encoded byte.
    pub static ByteDeposit: u64 = 10;
}

/// Hotkeys with a uid may commit.
pub struct Registered;

impl pallet_commitments::CanCommit<AccountId32> for Registered {
    fn can_commit(netuid: NetUid, who: &AccountId32) -> bool {
        pallet_subtensor::Pallet::<Test>::is_hotkey_registered_on_network(netuid, who)
    }
}

/// A flagged commitment resets bonds through `SubtensorModule`.
pub struct ResetBonds;

impl pallet_commitments::OnMetadataCommitment<AccountId32> for ResetBonds {
    fn on_metadata_commitment(netuid: NetUid, who: &AccountId32) -> Weight {
        SubtensorModule::do_reset_bonds(netuid, who)
    }

    fn weight_bound(netuid: NetUid) -> Weight {
        SubtensorModule::bonds_reset_weight_bound(netuid)
    }
}

/// Epochs as `SubtensorModule` counts them.
pub struct Epochs;

impl pallet_commitments::GetTempoInterface for Epochs {
    fn get_epoch_index(netuid: NetUid, cur_block: u64) -> u64 {
        SubtensorModule::epoch_index(netuid, cur_block)
    }
}

/// Makes a benchmark's hotkey allowed to commit as the taonet runtime does: a fresh coldkey,
/// given the lock and the existential deposit, creates a subnet with it as owner hotkey.
#[cfg(feature = "runtime-benchmarks")]
pub struct OwnSubnet;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_commitments::BenchmarkHelper<AccountId32> for OwnSubnet {
    fn allow_commit(who: &AccountId32) -> NetUid {
        use frame_support::traits::fungible::Mutate;

        let coldkey: AccountId32 = frame_benchmarking::account("subnet_owner", 0, 0);
        let lock = SubtensorModule::network_lock_cost();
        Balances::set_balance(&coldkey, lock.saturating_add(ED));
        SubtensorModule::register_network(RuntimeOrigin::signed(coldkey.clone()), who.clone())
            .expect("the coldkey holds the lock");
        pallet_subtensor::NetworksAdded::<Test>::iter_keys()
            .find(|netuid| pallet_subtensor::SubnetOwner::<Test>::get(netuid) == coldkey)
            .expect("the subnet was just registered")
    }
}

impl pallet_commitments::Config for Test {
    type Currency = Balances;
    type RuntimeHoldReason = RuntimeHoldReason;
    type WeightInfo = pallet_commitments::weights::SubstrateWeight<Test>;
    type CanCommit = Registered;
    type OnMetadataCommitment = ResetBonds;
    type MaxFields = ConstU32<3>;
    type InitialDeposit = InitialDeposit;
    type FieldDeposit = FieldDeposit;
    type ByteDeposit = ByteDeposit;
    type TempoInterface = Epochs;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = OwnSubnet;
}

/// The existential deposit.
pub const ED: u64 = 500;

/// 1 TAO in rao.
pub const TAO: u64 = 1_000_000_000;

/// Subnet 1 is created by coldkey 1 with hotkey 11 (uid 0); coldkey 2 registers hotkey 21
/// (uid 1) and coldkey 3 hotkey 31 (uid 2).
pub const NETUID: NetUid = 1;

/// A distinct account per number.
pub fn account(n: u8) -> AccountId32 {
    AccountId32::new([n; 32])
}

/// Coldkeys 1 to 5 hold 10 000 TAO each, hotkeys 11, 21, 31 and 41 hold 1 TAO each, and
/// hotkey 51 just the existential deposit plus 2 000 rao. Subnet 1 exists with hotkeys 11,
/// 21 and 31 at uids 0, 1, 2 (41 and 51 are not registered). The chain is at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
    let mut storage = frame_system::GenesisConfig::<Test>::default()
        .build_storage()
        .unwrap_or_default();
    let coldkeys = (1..=5).map(|n| (account(n), 10_000 * TAO));
    let hotkeys = [11, 21, 31, 41].map(|n| (account(n), TAO));
    pallet_balances::GenesisConfig::<Test> {
        balances: coldkeys
            .chain(hotkeys)
            .chain([(account(51), ED + 2_000)])
            .collect(),
        ..Default::default()
    }
    .assimilate_storage(&mut storage)
    .expect("balances genesis");
    pallet_subtensor::GenesisConfig::<Test>::default()
        .assimilate_storage(&mut storage)
        .expect("subtensor genesis");
    let mut ext = sp_io::TestExternalities::new(storage);
    ext.execute_with(|| {
        System::set_block_number(1);
        SubtensorModule::register_network(RuntimeOrigin::signed(account(1)), account(11))
            .expect("subnet 1");
        for (coldkey, hotkey) in [(2, 21), (3, 31)] {
            SubtensorModule::burned_register(
                RuntimeOrigin::signed(account(coldkey)),
                NETUID,
                account(hotkey),
            )
            .expect("registration");
        }
    });
    ext
}
