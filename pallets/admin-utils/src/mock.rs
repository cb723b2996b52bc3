//! A test runtime: System, Balances, SubtensorModule, Timestamp, Aura, Grandpa and
//! AdminUtils.

use frame_support::derive_impl;
use frame_support::traits::{ConstU32, ConstU64};
use sp_runtime::traits::IdentityLookup;
use sp_runtime::{AccountId32, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        Balances: pallet_balances,
        SubtensorModule: pallet_subtensor,
        Timestamp: pallet_timestamp,
        Aura: pallet_aura,
        Grandpa: pallet_grandpa,
        AdminUtils: crate,
    }
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
    type AccountId = AccountId32;
    type Lookup = IdentityLookup<AccountId32>;
    type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
    type Balance = u64;
    type AccountStore = System;
    type ExistentialDeposit = ConstU64<500>;
}

impl pallet_subtensor::Config for Test {
    type Currency = Balances;
    type WeightInfo = ();
}

impl pallet_timestamp::Config for Test {
    type Moment = u64;
    type OnTimestampSet = Aura;
    type MinimumPeriod = ConstU64<6_000>;
    type WeightInfo = ();
}

impl pallet_aura::Config for Test {
    type AuthorityId = sp_consensus_aura::sr25519::AuthorityId;
    type DisabledValidators = ();
    type MaxAuthorities = ConstU32<4>;
    type AllowMultipleBlocksPerSlot = frame_support::traits::ConstBool<false>;
    type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Test>;
}

impl pallet_grandpa::Config for Test {
    type RuntimeEvent = RuntimeEvent;
    type WeightInfo = ();
    type MaxAuthorities = ConstU32<4>;
    type MaxNominators = ConstU32<0>;
    type MaxSetIdSessionEntries = ConstU64<0>;
    type KeyOwnerProof = sp_core::Void;
    type EquivocationReportSystem = ();
}

impl crate::Config for Test {
    type WeightInfo = ();
}

/// A distinct account per number.
pub fn account(n: u8) -> AccountId32 {
    AccountId32::new([n; 32])
}

/// Accounts 1 and 2 hold 10 000 TAO; account 1 owns subnet 1; the chain is at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
    let mut storage = frame_system::GenesisConfig::<Test>::default()
        .build_storage()
        .unwrap_or_default();
    pallet_balances::GenesisConfig::<Test> {
        balances: vec![
            (account(1), 10_000_000_000_000),
            (account(2), 10_000_000_000_000),
        ],
        ..Default::default()
    }
    .assimilate_storage(&mut storage)
    .expect("balances genesis");
    let mut ext = sp_io::TestExternalities::new(storage);
    ext.execute_with(|| {
        System::set_block_number(1);
        SubtensorModule::register_network(RuntimeOrigin::signed(account(1)), account(11))
            .expect("subnet 1");
    });
    ext
}
