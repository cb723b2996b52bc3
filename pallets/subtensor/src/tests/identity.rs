//! Coldkey and subnet identities.

use frame_support::{assert_noop, assert_ok};

use crate::identity::SubnetIdentityV3;
use crate::mock::*;
use crate::*;

fn set_identity(coldkey: u8, name: Vec<u8>, description: Vec<u8>) -> sp_runtime::DispatchResult {
    SubtensorModule::set_identity(
        RuntimeOrigin::signed(account(coldkey)),
        name,
        b"https://example.org".to_vec(),
        vec![],
        vec![],
        vec![],
        description,
        vec![],
    )
    .map(|_| ())
    .map_err(|e| e.error)
}

#[test]
fn a_coldkey_with_a_registered_hotkey_sets_a_bounded_identity() {
    new_test_ext().execute_with(|| {
        assert_noop!(
            set_identity(1, b"owner".to_vec(), vec![]),
            Error::<Test>::HotKeyNotRegisteredInNetwork
        );
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_noop!(
            set_identity(1, vec![b'x'; 257], vec![]),
            Error::<Test>::InvalidIdentity
        );
        assert_noop!(
            set_identity(1, b"owner".to_vec(), vec![b'x'; 1_025]),
            Error::<Test>::InvalidIdentity
        );
        // Declared for every hotkey a coldkey may own; charged for the one it owns.
        let info = SubtensorModule::set_identity(
            RuntimeOrigin::signed(account(1)),
            b"owner".to_vec(),
            b"https://example.org".to_vec(),
            vec![],
            vec![],
            vec![],
            vec![b'x'; 1_024],
            vec![],
        )
        .expect("set");
        assert_eq!(
            info.actual_weight,
            Some(<Test as Config>::WeightInfo::set_identity(1))
        );
        let stored = IdentitiesV2::<Test>::get(account(1)).expect("identity");
        assert_eq!(stored.name, b"owner".to_vec());
        assert_eq!(stored.url, b"https://example.org".to_vec());
        System::assert_has_event(Event::ChainIdentitySet(account(1)).into());
    });
}

#[test]
fn subnet_identities_belong_to_the_owner() {
    new_test_ext().execute_with(|| {
        let identity = SubnetIdentityV3 {
            subnet_name: b"vision".to_vec(),
            github_repo: b"https://github.com/example/vision".to_vec(),
            ..Default::default()
        };
        let too_long = SubnetIdentityV3 {
            discord: vec![b'd'; 257],
            ..identity.clone()
        };
        assert_noop!(
            SubtensorModule::register_network_with_identity(
                RuntimeOrigin::signed(account(1)),
                account(11),
                Some(too_long)
            ),
            Error::<Test>::InvalidIdentity
        );
        assert_ok!(SubtensorModule::register_network_with_identity(
            RuntimeOrigin::signed(account(1)),
            account(11),
            Some(identity.clone())
        ));
        assert_eq!(SubnetIdentitiesV3::<Test>::get(1), Some(identity));
        System::assert_has_event(Event::SubnetIdentitySet(1).into());
        let set = |coldkey: u8, name: &[u8]| {
            SubtensorModule::set_subnet_identity(
                RuntimeOrigin::signed(account(coldkey)),
                1,
                name.to_vec(),
                vec![],
                vec![],
                vec![],
                vec![],
                vec![],
                vec![],
                vec![],
            )
        };
        assert_noop!(set(2, b"stolen"), Error::<Test>::NotSubnetOwner);
        assert_ok!(set(1, b"renamed"));
        assert_eq!(
            SubnetIdentitiesV3::<Test>::get(1).map(|i| i.subnet_name),
            Some(b"renamed".to_vec())
        );
        // Dissolving forgets it.
        assert_ok!(SubtensorModule::dissolve_network(
            RuntimeOrigin::root(),
            account(1),
            1
        ));
        run_until_removed();
        assert_eq!(SubnetIdentitiesV3::<Test>::get(1), None);
    });
}
