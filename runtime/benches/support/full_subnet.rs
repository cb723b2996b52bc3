//! Subnet 1 of a development chain filled to the size the heaviest epoch has: 4 096 uids,
//! the first 256 staked and holding validator permits. Shared by the runtime's native
//! benches and the node's wasm-against-native epoch bench (which includes this file by
//! path), so both measure the same network.

use pallet_subtensor as subtensor;
use sp_keyring::Sr25519Keyring;
use sp_runtime::AccountId32;
use taonet_runtime::{Runtime, RuntimeOrigin, System};

/// The subnet.
pub const NETUID: u16 = 1;
/// Its neurons.
pub const UIDS: u16 = 4_096;
/// Its validators: the first uids.
pub const VALIDATORS: u16 = 256;

/// The hotkey of `uid`.
pub fn hotkey(uid: u16) -> AccountId32 {
    let mut bytes = [7u8; 32];
    bytes[..2].copy_from_slice(&uid.to_le_bytes());
    AccountId32::new(bytes)
}

/// Registers subnet 1 with Alice as owner and fills it, at block 1; the validators get
/// stake and permits. Runs in the externalities of a development chain.
pub fn fill() {
    System::set_block_number(1);
    let alice = Sr25519Keyring::Alice.to_account_id();
    subtensor::Pallet::<Runtime>::register_network(RuntimeOrigin::signed(alice.clone()), hotkey(0))
        .expect("subnet");
    subtensor::MaxAllowedUids::<Runtime>::insert(NETUID, UIDS);
    subtensor::MaxBurn::<Runtime>::insert(NETUID, 1);
    subtensor::MinBurn::<Runtime>::insert(NETUID, 1);
    subtensor::Burn::<Runtime>::insert(NETUID, 1);
    subtensor::WeightsSetRateLimit::<Runtime>::insert(NETUID, 0);
    subtensor::MaxAllowedValidators::<Runtime>::insert(NETUID, VALIDATORS);
    for uid in 1..UIDS {
        subtensor::Pallet::<Runtime>::burned_register(
            RuntimeOrigin::signed(alice.clone()),
            NETUID,
            hotkey(uid),
        )
        .expect("register");
    }
    for uid in 0..VALIDATORS {
        subtensor::Pallet::<Runtime>::add_stake(
            RuntimeOrigin::signed(alice.clone()),
            hotkey(uid),
            NETUID,
            1_000_000_000 + u64::from(uid),
        )
        .expect("stake");
    }
    subtensor::ValidatorPermit::<Runtime>::insert(
        NETUID,
        (0..UIDS).map(|uid| uid < VALIDATORS).collect::<Vec<_>>(),
    );
}
