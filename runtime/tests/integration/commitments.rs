//! `Commitments` in the runtime: a signed `set_commitment` as a client sends it, free and
//! without deposit (the runtime's deposits are zero, as subtensor's: the hotkeys that commit
//! hold no balance), and the stored bytes where clients read them.

use crate::support::development_block_1;
use frame_support::traits::fungible::{Inspect, InspectHold};
use pallet_commitments::{CommitmentInfo, Data, HoldReason};
use sp_io::hashing::{twox_128, twox_64};
use sp_keyring::Sr25519Keyring;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
use taonet_runtime::{
    Balances, Executive, Runtime, RuntimeCall, RuntimeHoldReason, System, UncheckedExtrinsic,
};

fn account(who: Sr25519Keyring) -> taonet_runtime::AccountId {
    who.to_account_id()
}

/// `who`'s signed extrinsic carrying `call`, immortal, at its current nonce.
fn signed(who: Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
    taonet_runtime::signing::sign(
        call,
        &who.pair(),
        System::account_nonce(account(who)),
        0,
        System::block_hash(0),
    )
}

fn set_commitment(fields: Vec<Data>) -> RuntimeCall {
    RuntimeCall::Commitments(pallet_commitments::Call::set_commitment {
        netuid: 1,
        info: Box::new(CommitmentInfo {
            fields: fields.try_into().expect("at most 3 fields"),
        }),
    })
}

#[test]
fn a_registered_hotkey_commits_free_holds_no_deposit_and_clients_find_it() {
    development_block_1(|| {
        let (alice, bob) = (account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob));
        // Alice creates subnet 1 with Bob as its hotkey.
        let register = RuntimeCall::SubtensorModule(pallet_subtensor::Call::register_network {
            hotkey: bob.clone(),
        });
        assert_eq!(
            Executive::apply_extrinsic(signed(Sr25519Keyring::Alice, register)),
            Ok(Ok(()))
        );
        assert!(pallet_subtensor::Uids::<Runtime>::contains_key(1, &bob));

        let model = b"hf.co/bob/model@sha256:1f2e".to_vec();
        let fields = vec![Data::Raw(model.clone().try_into().expect("short"))];
        let deposit = 0u64;
        let before = Balances::balance(&bob);
        assert_eq!(
            Executive::apply_extrinsic(signed(Sr25519Keyring::Bob, set_commitment(fields))),
            Ok(Ok(()))
        );
        assert_eq!(Balances::balance(&bob), before, "no fee, no deposit");
        assert_eq!(
            Balances::balance_on_hold(
                &RuntimeHoldReason::Commitments(HoldReason::CommitmentDeposit),
                &bob
            ),
            deposit
        );

        // Where a client reads `Commitments.CommitmentOf(1, bob)`: the pallet and item
        // prefixes, the netuid as is (Identity), then Twox64Concat of the account.
        let key = [
            &twox_128(b"Commitments")[..],
            &twox_128(b"CommitmentOf"),
            &1u16.to_le_bytes(),
            &twox_64(bob.as_ref()),
            bob.as_ref(),
        ]
        .concat();
        let mut value = deposit.to_le_bytes().to_vec();
        value.extend(1u32.to_le_bytes());
        value.extend([0x04, model.len() as u8 + 1]);
        value.extend(&model);
        assert_eq!(sp_io::storage::get(&key).as_deref(), Some(&value[..]));

        // Alice holds no uid on subnet 1 as a hotkey: her free call is refused before it
        // runs (`AccountNotAllowedCommit`, error 1), so it is neither included nor paid for.
        let alice_before = Balances::balance(&alice);
        let alice_nonce = System::account_nonce(&alice);
        let refused = Executive::apply_extrinsic(signed(
            Sr25519Keyring::Alice,
            set_commitment(vec![Data::None]),
        ));
        assert_eq!(
            refused,
            Err(TransactionValidityError::Invalid(
                InvalidTransaction::Custom(1)
            ))
        );
        assert_eq!(Balances::balance(&alice), alice_before);
        assert_eq!(System::account_nonce(&alice), alice_nonce);
        assert_eq!(
            pallet_subtensor::Pallet::<Runtime>::check_accounting(),
            Ok(())
        );
    });
}
