//! Issue 17's dust, on a real `taonet` dev node driven over JSON-RPC as a client would: a
//! stake below the existential deposit, left on a subnet by a coldkey that
//! `Balances::transfer_all` has since reaped, no longer blocks the subnet's removal.
//! `Sudo(SubtensorModule::dissolve_network)` of such a subnet succeeds (`Sudid` with
//! `Ok`), and once the subnet limit is reached a new `register_network` succeeds by
//! pruning it; in both, the block hook then removes the subnet's stakes in the next
//! blocks, recycling the 1 rao (`DustRecycled`), the coldkey stays reaped, and the chain
//! keeps producing and finalizing blocks.

use crate::support;

use std::path::Path;
use std::time::{Duration, Instant};

use codec::{Decode, Encode};
use jsonrpsee::core::client::ClientT;
use jsonrpsee::rpc_params;
use serde_json::Value;
use sp_crypto_hashing::twox_128;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{AccountId32, MultiAddress};
use support::{best_number, block_hash, finalized, genesis_hash, wait_for, Node};

use pallet_subtensor::staking::MIN_STAKE;
use pallet_subtensor::NetUid;
use taonet_runtime::{Runtime, RuntimeCall, RuntimeEvent};

/// How long any one step (a transaction's inclusion, blocks going on) may take.
const STEP: Duration = Duration::from_secs(60);

/// [`support::dev_node`] in `dir`, once it has authored its first block.
async fn dev_node(dir: &Path) -> Node {
    let node = support::dev_node(dir);
    let client = node.client();
    wait_for(STEP, "block 1", || async {
        best_number(&client).await >= 1
    })
    .await;
    node
}

/// `key`'s value in the best block's state, read with `state_getStorage`; `None` if absent.
async fn read<T: Decode>(node: &Node, key: &[u8]) -> Option<T> {
    let value: Option<String> = node
        .client()
        .request(
            "state_getStorage",
            rpc_params![format!("0x{}", hex::encode(key))],
        )
        .await
        .expect("state_getStorage");
    let bytes = hex::decode(value?.trim_start_matches("0x")).expect("hex");
    Some(T::decode(&mut &bytes[..]).expect("decodes"))
}

/// [`submit_at`], without the block number.
async fn submit(node: &Node, who: Sr25519Keyring, call: RuntimeCall) -> Vec<RuntimeEvent> {
    submit_at(node, who, call).await.1
}

/// Signs `call` as `who` at `who`'s nonce in the best block, submits it with
/// `author_submitExtrinsic`, and waits up to [`STEP`] for the block that includes it; fails
/// unless it dispatched successfully (`ExtrinsicSuccess`), and returns that block's number
/// and the transaction's events, read from the block's `System::Events`.
async fn submit_at(
    node: &Node,
    who: Sr25519Keyring,
    call: RuntimeCall,
) -> (u32, Vec<RuntimeEvent>) {
    let client = node.client();
    let nonce = support::account(&client, &who.to_account_id())
        .await
        .map_or(0, |info| info.nonce);
    let genesis = genesis_hash(&client).await;
    let xt = taonet_runtime::signing::sign(call, &who.pair(), nonce, 0, genesis);
    let xt = format!("0x{}", hex::encode(xt.encode()));
    // The block the node has now was built before the transaction arrived.
    let mut next = best_number(&client).await + 1;
    let _: String = client
        .request("author_submitExtrinsic", rpc_params![xt.clone()])
        .await
        .expect("the transaction is accepted");
    let deadline = Instant::now() + STEP;
    loop {
        while next <= best_number(&client).await {
            let hash = block_hash(&client, Some(next))
                .await
                .expect("a canonical block");
            let block: Value = client
                .request("chain_getBlock", rpc_params![hash.clone()])
                .await
                .expect("chain_getBlock");
            let position = block["block"]["extrinsics"]
                .as_array()
                .expect("extrinsics")
                .iter()
                .position(|included| included.as_str() == Some(xt.as_str()));
            if let Some(index) = position {
                let phase = frame_system::Phase::ApplyExtrinsic(
                    u32::try_from(index).expect("an extrinsic index"),
                );
                let events = events_in(node, &hash, phase).await;
                let succeeded = events.iter().any(|event| {
                    matches!(
                        event,
                        RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { .. })
                    )
                });
                assert!(succeeded, "{who:?}'s transaction failed: {events:#?}");
                return (next, events);
            }
            next += 1;
        }
        assert!(
            Instant::now() < deadline,
            "{who:?}'s transaction was not included:\n{}",
            node.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The events of block `hash` in `phase` (its `System::Events`).
async fn events_in(node: &Node, hash: &str, phase: frame_system::Phase) -> Vec<RuntimeEvent> {
    // `System::Events`, whose storage type frame_system keeps private.
    let key = [twox_128(b"System"), twox_128(b"Events")].concat();
    let records: Option<String> = node
        .client()
        .request(
            "state_getStorage",
            rpc_params![format!("0x{}", hex::encode(key)), hash],
        )
        .await
        .expect("state_getStorage");
    let bytes = hex::decode(records.expect("events").trim_start_matches("0x")).expect("hex");
    let records = Vec::<frame_system::EventRecord<RuntimeEvent, taonet_runtime::Hash>>::decode(
        &mut &bytes[..],
    )
    .expect("event records");
    records
        .into_iter()
        .filter(|record| record.phase == phase)
        .map(|record| record.event)
        .collect()
}

/// `call` as the dev chain's sudo key (Alice) dispatches it: `Sudo::sudo`.
fn sudo(call: RuntimeCall) -> RuntimeCall {
    RuntimeCall::Sudo(pallet_sudo::Call::sudo {
        call: Box::new(call),
    })
}

/// `Sudo::Sudid` reporting that the call sudo dispatched succeeded.
fn sudid_ok() -> RuntimeEvent {
    RuntimeEvent::Sudo(pallet_sudo::Event::Sudid {
        sudo_result: Ok(()),
    })
}

/// `SubtensorModule::DustRecycled`: `rao` owed to `who` recycled, as `who` cannot receive it.
fn dust_recycled(who: &AccountId32, rao: u64) -> RuntimeEvent {
    RuntimeEvent::SubtensorModule(pallet_subtensor::Event::DustRecycled(who.clone(), rao))
}

/// `SubtensorModule::NetworkRemoved(netuid)`.
fn network_removed(netuid: NetUid) -> RuntimeEvent {
    RuntimeEvent::SubtensorModule(pallet_subtensor::Event::NetworkRemoved(netuid))
}

/// The netuid that a `register_network`'s events report added.
fn added_netuid(events: &[RuntimeEvent]) -> NetUid {
    events
        .iter()
        .find_map(|event| match event {
            RuntimeEvent::SubtensorModule(pallet_subtensor::Event::NetworkAdded(netuid, _)) => {
                Some(*netuid)
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no NetworkAdded: {events:#?}"))
}

/// The storage key of Dave's stake on `hotkey` in `netuid` (`SubtensorModule::Alpha`).
fn daves_stake_key(hotkey: &AccountId32, netuid: NetUid) -> Vec<u8> {
    pallet_subtensor::Alpha::<Runtime>::hashed_key_for((
        hotkey.clone(),
        Sr25519Keyring::Dave.to_account_id(),
        netuid,
    ))
}

/// Alice's new subnet, with owner hotkey `hotkey` on which Dave holds a 1-rao stake
/// (2·`MIN_STAKE` staked, then all but one rao taken out: a 1-rao stake cannot be placed
/// directly) before `transfer_all` to Charlie reaps his account; returns its netuid.
async fn subnet_with_reaped_dust_staker(node: &Node, hotkey: &AccountId32) -> NetUid {
    let register = RuntimeCall::SubtensorModule(pallet_subtensor::Call::register_network {
        hotkey: hotkey.clone(),
    });
    let netuid = added_netuid(&submit(node, Sr25519Keyring::Alice, register).await);
    let stake = RuntimeCall::SubtensorModule(pallet_subtensor::Call::add_stake {
        hotkey: hotkey.clone(),
        netuid,
        amount_staked: 2 * MIN_STAKE,
    });
    submit(node, Sr25519Keyring::Dave, stake).await;
    let unstake = RuntimeCall::SubtensorModule(pallet_subtensor::Call::remove_stake {
        hotkey: hotkey.clone(),
        netuid,
        amount_unstaked: 2 * MIN_STAKE - 1,
    });
    submit(node, Sr25519Keyring::Dave, unstake).await;
    assert_eq!(
        read::<u64>(node, &daves_stake_key(hotkey, netuid)).await,
        Some(1)
    );
    let leave = RuntimeCall::Balances(pallet_balances::Call::transfer_all {
        dest: MultiAddress::Id(Sr25519Keyring::Charlie.to_account_id()),
        keep_alive: false,
    });
    submit(node, Sr25519Keyring::Dave, leave).await;
    let dave = Sr25519Keyring::Dave.to_account_id();
    assert!(
        support::account(&node.client(), &dave).await.is_none(),
        "Dave's account is reaped"
    );
    netuid
}

/// Waits up to [`STEP`] for the block hook to finish removing the subnet dissolved at
/// `netuid` in block `dissolved_in` (its `DissolvedNetworks` entry gone), and returns what
/// the hook emitted in the blocks after.
async fn removal_events(node: &Node, netuid: NetUid, dissolved_in: u32) -> Vec<RuntimeEvent> {
    let client = node.client();
    let dissolving = pallet_subtensor::DissolvedNetworks::<Runtime>::hashed_key_for(netuid);
    wait_for(STEP, "the dissolved subnet's removal", || async {
        read::<u64>(node, &dissolving).await.is_none()
    })
    .await;
    let mut events = Vec::new();
    for number in dissolved_in + 1..=best_number(&client).await {
        let hash = block_hash(&client, Some(number))
            .await
            .expect("a canonical block");
        events.extend(events_in(node, &hash, frame_system::Phase::Initialization).await);
    }
    events
}

/// Dave's dust on `hotkey` in `netuid`, dissolved in block `dissolved_in`, is recycled
/// (`DustRecycled` in the block hook's events once the removal ends) and gone, his account
/// stays reaped, and the chain goes on: the node finalizes three blocks past its best block
/// now, within [`STEP`].
async fn dust_gone_and_chain_goes_on(
    node: &Node,
    hotkey: &AccountId32,
    netuid: NetUid,
    dissolved_in: u32,
) {
    let dave = Sr25519Keyring::Dave.to_account_id();
    let removal = removal_events(node, netuid, dissolved_in).await;
    assert!(
        removal.contains(&dust_recycled(&dave, 1)),
        "the dust is recycled: {removal:#?}"
    );
    assert_eq!(
        read::<u64>(node, &daves_stake_key(hotkey, netuid)).await,
        None,
        "the dust is gone"
    );
    assert!(support::account(&node.client(), &dave).await.is_none());
    let client = node.client();
    let now = best_number(&client).await;
    wait_for(STEP, "three more finalized blocks", || async {
        finalized(&client).await.0 >= now + 3
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sudo_dissolves_a_subnet_whose_reaped_staker_left_dust() {
    let dir = tempfile::tempdir().expect("tempdir");
    let node = dev_node(dir.path()).await;
    let hotkey = AccountId32::new([0x11; 32]);
    let netuid = subnet_with_reaped_dust_staker(&node, &hotkey).await;

    let dissolve = sudo(RuntimeCall::SubtensorModule(
        pallet_subtensor::Call::dissolve_network {
            coldkey: Sr25519Keyring::Alice.to_account_id(),
            netuid,
        },
    ));
    let (block, events) = submit_at(&node, Sr25519Keyring::Alice, dissolve).await;
    for expected in [sudid_ok(), network_removed(netuid)] {
        assert!(events.contains(&expected), "{expected:?} in {events:#?}");
    }
    let added = pallet_subtensor::NetworksAdded::<Runtime>::hashed_key_for(netuid);
    assert_eq!(
        read::<bool>(&node, &added).await,
        None,
        "the subnet is gone"
    );
    dust_gone_and_chain_goes_on(&node, &hotkey, netuid, block).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_subnet_prunes_a_subnet_whose_reaped_staker_left_dust() {
    let dir = tempfile::tempdir().expect("tempdir");
    let node = dev_node(dir.path()).await;
    let hotkey = AccountId32::new([0x11; 32]);
    let netuid = subnet_with_reaped_dust_staker(&node, &hotkey).await;

    // One subnet is the limit, and a subnet may be pruned as soon as it is registered: the
    // next registration must prune Alice's.
    for setting in [
        pallet_admin_utils::Call::sudo_set_subnet_limit { max_subnets: 1 },
        pallet_admin_utils::Call::sudo_set_network_immunity_period { immunity_period: 0 },
    ] {
        let events = submit(
            &node,
            Sr25519Keyring::Alice,
            sudo(RuntimeCall::AdminUtils(setting)),
        )
        .await;
        assert!(events.contains(&sudid_ok()), "{events:#?}");
    }

    let register = RuntimeCall::SubtensorModule(pallet_subtensor::Call::register_network {
        hotkey: AccountId32::new([0x22; 32]),
    });
    let (block, events) = submit_at(&node, Sr25519Keyring::Bob, register).await;
    assert!(
        events.contains(&network_removed(netuid)),
        "Alice's subnet is pruned: {events:#?}"
    );
    // Its netuid is held until its removal ends: Bob's subnet takes the next one.
    let added = added_netuid(&events);
    assert_ne!(added, netuid);
    let owner = pallet_subtensor::SubnetOwner::<Runtime>::hashed_key_for(added);
    assert_eq!(
        read::<AccountId32>(&node, &owner).await,
        Some(Sr25519Keyring::Bob.to_account_id())
    );
    dust_gone_and_chain_goes_on(&node, &hotkey, netuid, block).await;
}
