//! Serving: endpoint checks, rate limit, and what is stored.

use frame_support::dispatch::Pays;
use frame_support::{assert_noop, assert_ok};

use crate::mock::*;
use crate::*;

const IP: u128 = 0x0a00_0001; // 10.0.0.1

fn axon(
    hotkey: u8,
    ip: u128,
    port: u16,
    ip_type: u8,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
    SubtensorModule::serve_axon(
        RuntimeOrigin::signed(account(hotkey)),
        1,
        7,
        ip,
        port,
        ip_type,
        4,
        0,
        0,
    )
}

#[test]
fn a_registered_hotkey_serves_for_free_and_is_rate_limited() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        let served = axon(11, IP, 8091, 4).expect("served");
        assert_eq!(served.pays_fee, Pays::No);
        assert_eq!(
            Axons::<Test>::get(1, account(11)),
            Some(AxonInfo {
                block: 1,
                version: 7,
                ip: IP,
                port: 8091,
                ip_type: 4,
                protocol: 4,
                placeholder1: 0,
                placeholder2: 0
            })
        );
        System::assert_has_event(Event::AxonServed(1, account(11)).into());
        assert_noop!(
            axon(11, IP, 8092, 4),
            Error::<Test>::ServingRateLimitExceeded
        );
        run_to_block(51);
        assert_ok!(axon(11, IP, 8092, 4));

        assert_ok!(SubtensorModule::serve_prometheus(
            RuntimeOrigin::signed(account(11)),
            1,
            3,
            IP,
            9090,
            4
        ));
        assert_eq!(
            Prometheus::<Test>::get(1, account(11)),
            Some(PrometheusInfo {
                block: 51,
                version: 3,
                ip: IP,
                port: 9090,
                ip_type: 4
            })
        );
    });
}

#[test]
fn bad_endpoints_are_refused() {
    new_test_ext().execute_with(|| {
        assert_ok!(SubtensorModule::register_network(
            RuntimeOrigin::signed(account(1)),
            account(11)
        ));
        assert_noop!(
            axon(12, IP, 8091, 4),
            Error::<Test>::HotKeyNotRegisteredInNetwork
        );
        assert_noop!(axon(11, IP, 8091, 5), Error::<Test>::InvalidIpType);
        assert_noop!(
            axon(11, 0x7f00_0001, 8091, 4),
            Error::<Test>::InvalidIpAddress
        );
        assert_noop!(
            axon(11, u128::from(u32::MAX), 8091, 4),
            Error::<Test>::InvalidIpAddress
        );
        assert_noop!(axon(11, 1 << 40, 8091, 4), Error::<Test>::InvalidIpAddress);
        assert_noop!(axon(11, 1, 8091, 6), Error::<Test>::InvalidIpAddress);
        assert_noop!(axon(11, IP, 0, 4), Error::<Test>::InvalidPort);
        // An IPv6 address and the zero address (not serving yet) are fine.
        assert_ok!(axon(11, 0x2001_0db8 << 96, 8091, 6));
    });
}
