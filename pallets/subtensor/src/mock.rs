//! A test runtime: System, Balances and SubtensorModule, with 32-byte accounts.

use frame_support::derive_impl;
use frame_support::traits::{ConstU64, Hooks};
use sp_runtime::traits::IdentityLookup;
use sp_runtime::{AccountId32, BuildStorage};

use crate as pallet_subtensor;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        Balances: pallet_balances,
        SubtensorModule: pallet_subtensor,
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

/// 1 TAO in rao.
pub const TAO: u64 = 1_000_000_000;

/// A distinct account per number.
pub fn account(n: u8) -> AccountId32 {
    AccountId32::new([n; 32])
}

/// Accounts 1 to 5 hold 10 000 TAO each; the chain is at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
    let mut storage = frame_system::GenesisConfig::<Test>::default()
        .build_storage()
        .unwrap_or_default();
    pallet_balances::GenesisConfig::<Test> {
        balances: (1..=5).map(|n| (account(n), 10_000 * TAO)).collect(),
        ..Default::default()
    }
    .assimilate_storage(&mut storage)
    .expect("balances genesis");
    pallet_subtensor::GenesisConfig::<Test>::default()
        .assimilate_storage(&mut storage)
        .expect("subtensor genesis");
    let mut ext = sp_io::TestExternalities::new(storage);
    ext.execute_with(|| System::set_block_number(1));
    ext
}

/// Moves the chain to `block`, running hooks, and checks the pallet's invariants.
pub fn run_to_block(block: u64) {
    while System::block_number() < block {
        SubtensorModule::on_finalize(System::block_number());
        System::set_block_number(System::block_number() + 1);
        SubtensorModule::on_initialize(System::block_number());
    }
    assert_eq!(SubtensorModule::check_accounting(), Ok(()));
    assert_eq!(SubtensorModule::check_stake_index(), Ok(()));
    assert_eq!(SubtensorModule::check_subnet_count(), Ok(()));
}

/// Runs blocks until the block hook has removed every dissolved subnet, checking the
/// invariants after each block; returns how many blocks it took.
pub fn run_until_removed() -> u64 {
    let start = System::block_number();
    while pallet_subtensor::DissolvedNetworks::<Test>::count() > 0 {
        assert!(
            System::block_number() - start < 1_000,
            "the removal of dissolved subnets makes progress"
        );
        run_to_block(System::block_number() + 1);
    }
    System::block_number() - start
}
