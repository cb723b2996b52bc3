//! The runtime executed natively, as the node will run it: genesis presets, runtime APIs
//! called by name, metadata, and a block with a signed transfer.

use codec::{Decode, Encode};
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use frame_support::traits::fungible::Inspect;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Header as _;
use sp_runtime::{BuildStorage, Digest, DigestItem, MultiAddress};
use taonet_runtime::genesis::{preset_config, ENDOWMENT};
use taonet_runtime::{
    api, Balances, Executive, Grandpa, Header, Runtime, RuntimeCall, System, TransactionPayment,
    UncheckedExtrinsic, MILLISECS_PER_BLOCK, VERSION,
};

/// State built from preset `name`.
fn genesis(name: &str) -> sp_io::TestExternalities {
    let config = preset_config(&PresetId::from(name)).expect("preset exists");
    sp_io::TestExternalities::new(config.build_storage().expect("genesis builds"))
}

fn account(who: Sr25519Keyring) -> taonet_runtime::AccountId {
    who.to_account_id()
}

#[test]
fn presets_set_authorities_sudo_and_endowments() {
    let dev_accounts = Sr25519Keyring::well_known().count() as u64;
    genesis("development").execute_with(|| {
        assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
        assert_eq!(Grandpa::grandpa_authorities().len(), 1);
        assert_eq!(
            pallet_sudo::Key::<Runtime>::get(),
            Some(account(Sr25519Keyring::Alice))
        );
        assert_eq!(
            Balances::balance(&account(Sr25519Keyring::Ferdie)),
            ENDOWMENT
        );
        assert_eq!(Balances::total_issuance(), dev_accounts * ENDOWMENT);
        assert_eq!(
            pallet_subtensor::TotalIssuance::<Runtime>::get(),
            dev_accounts * ENDOWMENT
        );
    });
    genesis("local_testnet").execute_with(|| {
        assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
        assert_eq!(Grandpa::grandpa_authorities().len(), 4);
    });
    assert!(preset_config(&PresetId::from("mainnet")).is_none());
}

#[test]
fn runtime_apis_answer_by_name() {
    genesis("development").execute_with(|| {
        let version = api::dispatch("Core_version", &[]).expect("Core_version exists");
        let version = sp_version::RuntimeVersion::decode(&mut &version[..]).expect("decodes");
        assert_eq!(version, VERSION);
        assert_eq!(version.spec_name, "taonet");

        let names = api::dispatch("GenesisBuilder_preset_names", &[]).expect("exists");
        let names = Vec::<PresetId>::decode(&mut &names[..]).expect("decodes");
        assert_eq!(names, ["development", "local_testnet"].map(PresetId::from));

        let nonce = api::dispatch(
            "AccountNonceApi_account_nonce",
            &account(Sr25519Keyring::Bob).encode(),
        );
        assert_eq!(
            nonce.map(|n| u32::decode(&mut &n[..]).expect("decodes")),
            Some(0)
        );

        assert!(api::dispatch("Core_no_such_method", &[]).is_none());
    });
}

#[test]
fn metadata_v14_and_v15_describe_the_chain() {
    genesis("development").execute_with(|| {
        let versions = api::dispatch("Metadata_metadata_versions", &[]).expect("exists");
        let versions = Vec::<u32>::decode(&mut &versions[..]).expect("decodes");
        assert!(
            versions.contains(&14) && versions.contains(&15),
            "{versions:?}"
        );

        let v15 = api::dispatch("Metadata_metadata_at_version", &15u32.encode()).expect("exists");
        let v15 = Option::<sp_core::OpaqueMetadata>::decode(&mut &v15[..])
            .expect("decodes")
            .expect("v15");
        let metadata = RuntimeMetadataPrefixed::decode(&mut &v15[..]).expect("metadata decodes");
        let RuntimeMetadata::V15(metadata) = metadata.1 else {
            panic!("not V15")
        };
        let pallets: Vec<(&str, u8)> = metadata
            .pallets
            .iter()
            .map(|p| (p.name.as_str(), p.index))
            .collect();
        assert_eq!(
            pallets,
            [
                ("System", 0),
                ("Timestamp", 2),
                ("Aura", 3),
                ("Grandpa", 4),
                ("Balances", 5),
                ("TransactionPayment", 6),
                ("SubtensorModule", 7),
                ("Utility", 11),
                ("Sudo", 12),
                ("Commitments", 18),
                ("AdminUtils", 19)
            ]
        );
        let extensions: Vec<&str> = metadata
            .extrinsic
            .signed_extensions
            .iter()
            .map(|e| e.identifier.as_str())
            .collect();
        assert_eq!(
            extensions,
            [
                "CheckNonZeroSender",
                "CheckSpecVersion",
                "CheckTxVersion",
                "CheckGenesis",
                "CheckMortality",
                "CheckNonce",
                "CheckWeight",
                "ChargeTransactionPayment",
                "SubtensorTransactionExtension",
                "CommitmentsTransactionExtension",
                "CheckMetadataHash"
            ]
        );
        assert_eq!(metadata.extrinsic.version, 4);
    });
}

/// Alice's signed extrinsic carrying `call`, immortal, at her current nonce.
fn signed_by_alice(call: RuntimeCall) -> UncheckedExtrinsic {
    let nonce = System::account_nonce(account(Sr25519Keyring::Alice));
    taonet_runtime::signing::sign(
        call,
        &Sr25519Keyring::Alice.pair(),
        nonce,
        0,
        System::block_hash(0),
    )
}

/// Opens block 1 in Aura slot `slot` and applies the timestamp inherent for that slot.
fn open_block(slot: u64) {
    let digest = Digest {
        logs: vec![DigestItem::PreRuntime(
            AURA_ENGINE_ID,
            Slot::from(slot).encode(),
        )],
    };
    let header = Header::new(
        1,
        Default::default(),
        Default::default(),
        System::block_hash(0),
        digest,
    );
    Executive::initialize_block(&header);
    let now = slot * MILLISECS_PER_BLOCK;
    let timestamp =
        UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }));
    assert_eq!(Executive::apply_extrinsic(timestamp), Ok(Ok(())));
}

#[test]
fn a_signed_transfer_moves_funds_and_recycles_its_fee() {
    genesis("development").execute_with(|| {
        let (alice, bob) = (account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob));
        let issuance = Balances::total_issuance();
        open_block(1_000);
        let amount = 1_000_000_000;
        let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
            dest: MultiAddress::Id(bob.clone()),
            value: amount,
        });
        let xt = signed_by_alice(call);
        let fee = TransactionPayment::query_info(xt.clone(), xt.encoded_size() as u32).partial_fee;
        assert!(fee > 0);
        assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
        let header = Executive::finalize_block();

        assert_eq!(*header.number(), 1);
        assert_eq!(Balances::balance(&bob), ENDOWMENT + amount);
        assert_eq!(Balances::balance(&alice), ENDOWMENT - amount - fee);
        assert_eq!(
            Balances::total_issuance(),
            issuance - fee,
            "fees are burned"
        );
        assert_eq!(
            pallet_subtensor::TotalIssuance::<Runtime>::get(),
            issuance - fee,
            "and leave SubtensorModule's issuance"
        );
        assert_eq!(
            pallet_subtensor::Pallet::<Runtime>::check_accounting(),
            Ok(())
        );
        assert_eq!(System::account_nonce(&alice), 1);
    });
}

#[test]
fn users_cannot_burn_tao_behind_the_issuance_ledger() {
    genesis("development").execute_with(|| {
        open_block(11);
        let burn = RuntimeCall::Balances(pallet_balances::Call::burn {
            value: 1_000,
            keep_alive: true,
        });
        // Filtered: the extrinsic is included (its fee is paid) but the call fails.
        assert_eq!(
            Executive::apply_extrinsic(signed_by_alice(burn)),
            Ok(Err(frame_system::Error::<Runtime>::CallFiltered.into()))
        );
        assert_eq!(
            pallet_subtensor::Pallet::<Runtime>::check_accounting(),
            Ok(())
        );
    });
}

#[test]
fn a_replayed_transaction_is_rejected() {
    genesis("development").execute_with(|| {
        open_block(7);
        let call = RuntimeCall::System(frame_system::Call::remark {
            remark: vec![1, 2, 3],
        });
        let xt = signed_by_alice(call);
        assert_eq!(Executive::apply_extrinsic(xt.clone()), Ok(Ok(())));
        assert!(
            Executive::apply_extrinsic(xt).is_err(),
            "the nonce is spent"
        );
    });
}
