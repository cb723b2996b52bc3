//! The runtime's pallets and the types `construct_runtime!` derives from them (`Runtime`,
//! `RuntimeCall`, `RuntimeEvent`, …), whose items it leaves undocumented. The runtime APIs
//! live below because they need the private `InherentDataExt` it generates.

pub mod apis;

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
        AdminUtils: pallet_admin_utils = 19,
    }
);
