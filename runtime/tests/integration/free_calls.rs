//! Hotkeys without balance, as Bittensor's are, sign the free calls: on the real runtime, a
//! never-funded hotkey registered on a subnet sets weights, serves an axon and commits,
//! paying nothing while its nonce advances; an unregistered one is refused at transaction
//! validation for each; and a call that pays a fee is still refused to both.

use codec::{Decode, Encode};
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use frame_support::storage::{with_transaction, TransactionOutcome};
use frame_support::traits::fungible::Inspect;
use pallet_commitments::{CommitmentInfo, Data};
use sp_core::{sr25519, Pair};
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::transaction_validity::{
    InvalidTransaction, TransactionSource, TransactionValidity, TransactionValidityError,
};
use sp_runtime::{BuildStorage, DispatchError, MultiAddress};
use taonet_runtime::genesis::preset_config;
use taonet_runtime::{
    api, AccountId, Balances, Executive, Runtime, RuntimeCall, RuntimeEvent, System,
    UncheckedExtrinsic,
};

const IP: u128 = 0x0a00_0001; // 10.0.0.1

/// A key nobody ever funded.
fn unfunded(name: &str) -> sr25519::Pair {
    sr25519::Pair::from_string(&format!("//{name}"), None).expect("a dev derivation")
}

fn id(pair: &sr25519::Pair) -> AccountId {
    pair.public().into()
}

/// `pair`'s extrinsic carrying `call` at its current nonce, as a client builds it.
fn signed(pair: &sr25519::Pair, call: RuntimeCall) -> UncheckedExtrinsic {
    taonet_runtime::signing::sign(
        call,
        pair,
        System::account_nonce(id(pair)),
        0,
        System::block_hash(0),
    )
}

/// What the transaction pool hears for `xt`, with the validation's state changes rolled
/// back as the node's runtime call discards them.
fn validate(xt: UncheckedExtrinsic) -> TransactionValidity {
    with_transaction(|| {
        let validity =
            Executive::validate_transaction(TransactionSource::External, xt, System::parent_hash());
        TransactionOutcome::Rollback(Ok::<_, DispatchError>(validity))
    })
    .expect("rolled back")
}

/// The refusal carrying a `SubtensorModule` error's index.
fn subtensor_refusal(error: pallet_subtensor::Error<Runtime>) -> TransactionValidity {
    let DispatchError::Module(module) = DispatchError::from(error) else {
        unreachable!("a pallet error")
    };
    Err(InvalidTransaction::Custom(module.error[0]).into())
}

/// The development chain with block 1 open, subnet 1 created by Alice with `hotkey` as its
/// owner hotkey (uid 0), and no weights rate limit on it.
fn development_subnet(hotkey: &AccountId, test: impl FnOnce()) {
    crate::support::development_block_1(|| {
        let register = RuntimeCall::SubtensorModule(pallet_subtensor::Call::register_network {
            hotkey: hotkey.clone(),
        });
        let alice = Sr25519Keyring::Alice.pair();
        assert_eq!(
            Executive::apply_extrinsic(signed(&alice, register)),
            Ok(Ok(()))
        );
        assert_eq!(pallet_subtensor::Uids::<Runtime>::get(1, hotkey), Some(0));
        // What a subnet owner would set with `sudo_set_weights_set_rate_limit`.
        pallet_subtensor::WeightsSetRateLimit::<Runtime>::insert(1, 0);
        test();
    });
}

fn mechanism_weights() -> RuntimeCall {
    RuntimeCall::SubtensorModule(pallet_subtensor::Call::set_mechanism_weights {
        netuid: 1,
        mecid: 0,
        dests: vec![0],
        weights: vec![u16::MAX],
        version_key: 0,
    })
}

fn serve_axon() -> RuntimeCall {
    RuntimeCall::SubtensorModule(pallet_subtensor::Call::serve_axon {
        netuid: 1,
        version: 1,
        ip: IP,
        port: 8091,
        ip_type: 4,
        protocol: 4,
        placeholder1: 0,
        placeholder2: 0,
    })
}

fn set_commitment() -> RuntimeCall {
    RuntimeCall::Commitments(pallet_commitments::Call::set_commitment {
        netuid: 1,
        info: Box::new(CommitmentInfo {
            fields: vec![Data::Raw(
                b"hf.co/miner/model".to_vec().try_into().expect("short"),
            )]
            .try_into()
            .expect("one field"),
        }),
    })
}

fn transfer() -> RuntimeCall {
    RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
        dest: MultiAddress::Id(Sr25519Keyring::Bob.to_account_id()),
        value: 0,
    })
}

/// Fees the block's events record for `who`.
fn fees_paid_by(who: &AccountId) -> Vec<u64> {
    System::events()
        .into_iter()
        .filter_map(|record| match record.event {
            RuntimeEvent::TransactionPayment(
                pallet_transaction_payment::Event::TransactionFeePaid {
                    who: payer,
                    actual_fee,
                    ..
                },
            ) if &payer == who => Some(actual_fee),
            _ => None,
        })
        .collect()
}

#[test]
fn a_registered_hotkey_without_balance_sets_weights_serves_and_commits_for_free() {
    let hotkey = unfunded("NeverFundedHotkey");
    let who = id(&hotkey);
    development_subnet(&who, || {
        // The hotkey does not exist as an account: no balance, no providers.
        assert_eq!(Balances::total_balance(&who), 0);
        assert_eq!(System::providers(&who), 0);
        assert_eq!(System::account_nonce(&who), 0);
        let issuance = pallet_subtensor::TotalIssuance::<Runtime>::get();

        for (nonce, call) in [mechanism_weights(), serve_axon(), set_commitment()]
            .into_iter()
            .enumerate()
        {
            let xt = signed(&hotkey, call.clone());
            assert!(validate(xt.clone()).is_ok(), "{call:?}");
            assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())), "{call:?}");
            assert_eq!(System::account_nonce(&who), nonce as u32 + 1);
        }

        assert_eq!(
            pallet_subtensor::Weights::<Runtime>::get(1, 0),
            vec![(0, u16::MAX)]
        );
        assert_eq!(
            pallet_subtensor::Axons::<Runtime>::get(1, &who).map(|axon| (axon.ip, axon.port)),
            Some((IP, 8091))
        );
        assert!(pallet_commitments::CommitmentOf::<Runtime>::contains_key(
            1, &who
        ));
        // Nothing paid, nothing held, nothing burned.
        assert_eq!(fees_paid_by(&who), vec![0, 0, 0]);
        assert_eq!(Balances::total_balance(&who), 0);
        assert_eq!(System::providers(&who), 0);
        assert_eq!(pallet_subtensor::TotalIssuance::<Runtime>::get(), issuance);
        assert_eq!(
            pallet_subtensor::Pallet::<Runtime>::check_accounting(),
            Ok(())
        );
        // A replay is stale; the next nonce is the one a client reads.
        let stale =
            taonet_runtime::signing::sign(serve_axon(), &hotkey, 0, 0, System::block_hash(0));
        assert_eq!(
            validate(stale),
            Err(TransactionValidityError::Invalid(InvalidTransaction::Stale))
        );
        let nonce = api::dispatch("AccountNonceApi_account_nonce", &who.encode())
            .expect("the runtime API exists");
        assert_eq!(u32::decode(&mut &nonce[..]), Ok(3));

        // A call that pays a fee is still refused: the hotkey has nothing to pay it with.
        assert_eq!(
            validate(signed(&hotkey, transfer())),
            Err(TransactionValidityError::Invalid(
                InvalidTransaction::Payment
            ))
        );
    });
}

#[test]
fn an_unregistered_account_without_balance_is_refused_before_the_pool() {
    let hotkey = unfunded("RegisteredHotkey");
    let stranger = unfunded("UnregisteredStranger");
    development_subnet(&id(&hotkey), || {
        let refusals = [
            (
                mechanism_weights(),
                subtensor_refusal(pallet_subtensor::Error::HotKeyNotRegisteredInSubNet),
            ),
            (
                serve_axon(),
                subtensor_refusal(pallet_subtensor::Error::HotKeyNotRegisteredInNetwork),
            ),
            // Commitments' AccountNotAllowedCommit.
            (set_commitment(), Err(InvalidTransaction::Custom(1).into())),
            (transfer(), Err(InvalidTransaction::Payment.into())),
        ];
        for (call, refusal) in refusals {
            let xt = signed(&stranger, call.clone());
            assert_eq!(validate(xt.clone()), refusal, "{call:?}");
            // A block author applying it anyway gets the same refusal, and nothing changes.
            assert_eq!(
                Executive::apply_extrinsic(xt),
                refusal.map(|_| Ok(())),
                "{call:?}"
            );
        }
        let stranger = id(&stranger);
        assert!(!frame_system::Account::<Runtime>::contains_key(&stranger));
        assert!(pallet_subtensor::Axons::<Runtime>::get(1, &stranger).is_none());
        assert!(!pallet_commitments::CommitmentOf::<Runtime>::contains_key(
            1, &stranger
        ));
    });
}

#[test]
fn check_nonce_keeps_frame_systems_name_and_encoding() {
    let config = preset_config(&PresetId::from("development")).expect("preset exists");
    sp_io::TestExternalities::new(config.build_storage().expect("genesis builds")).execute_with(
        || {
            let extension = taonet_runtime::check_nonce::CheckNonce::<Runtime>::from(300);
            assert_eq!(
                extension.encode(),
                frame_system::CheckNonce::<Runtime>::from(300).encode()
            );
            assert_eq!(extension.encode(), codec::Compact(300u32).encode());

            let v15 =
                api::dispatch("Metadata_metadata_at_version", &15u32.encode()).expect("exists");
            let v15 = Option::<sp_core::OpaqueMetadata>::decode(&mut &v15[..])
                .expect("decodes")
                .expect("v15");
            let RuntimeMetadata::V15(metadata) = RuntimeMetadataPrefixed::decode(&mut &v15[..])
                .expect("metadata decodes")
                .1
            else {
                panic!("not V15")
            };
            let check_nonce = metadata
                .extrinsic
                .signed_extensions
                .iter()
                .find(|e| e.identifier == "CheckNonce")
                .expect("CheckNonce is listed");
            let ty = |id: u32| {
                metadata
                    .types
                    .resolve(id)
                    .expect("the type is in the registry")
            };
            // One field, a compact of the u32 nonce; nothing implicit.
            let scale_info::TypeDef::Composite(composite) = &ty(check_nonce.ty.id).type_def else {
                panic!("CheckNonce is not a composite")
            };
            assert_eq!(composite.fields.len(), 1);
            let scale_info::TypeDef::Compact(compact) = &ty(composite.fields[0].ty.id).type_def
            else {
                panic!("the nonce is not compact")
            };
            assert!(matches!(
                ty(compact.type_param.id).type_def,
                scale_info::TypeDef::Primitive(scale_info::TypeDefPrimitive::U32)
            ));
            let scale_info::TypeDef::Tuple(implicit) =
                &ty(check_nonce.additional_signed.id).type_def
            else {
                panic!("the implicit part is not ()")
            };
            assert!(implicit.fields.is_empty());
        },
    );
}
