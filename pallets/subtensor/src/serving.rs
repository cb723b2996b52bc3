//! Where neurons announce their endpoints: axons (the AI service) and Prometheus
//! exporters, checked and rate-limited per hotkey.

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use sp_runtime::AccountId32;

use crate::*;

/// 127.0.0.1.
const IPV4_LOOPBACK: u128 = 0x7f00_0001;

impl<T: Config> Pallet<T> {
    /// Whether `ip` is a usable address of type `ip_type`: IPv4 within 32 bits and not the
    /// broadcast or loopback address, IPv6 neither all-ones nor `::1`. Zero is accepted (a
    /// neuron not serving yet).
    pub fn is_valid_ip_address(ip_type: u8, ip: u128) -> bool {
        match ip_type {
            4 => ip < u128::from(u32::MAX) && ip != IPV4_LOOPBACK,
            6 => ip != u128::MAX && ip != 1,
            _ => false,
        }
    }

    /// Checks what both endpoints share: registration, address and port.
    fn check_endpoint(
        hotkey: &AccountId32,
        netuid: NetUid,
        ip: u128,
        port: u16,
        ip_type: u8,
    ) -> DispatchResult {
        ensure!(
            Self::is_hotkey_registered_on_network(netuid, hotkey),
            Error::<T>::HotKeyNotRegisteredInNetwork
        );
        ensure!(ip_type == 4 || ip_type == 6, Error::<T>::InvalidIpType);
        ensure!(
            Self::is_valid_ip_address(ip_type, ip),
            Error::<T>::InvalidIpAddress
        );
        ensure!(port != 0, Error::<T>::InvalidPort);
        Ok(())
    }

    /// Whether an endpoint last set at `last_block` may change now.
    fn serving_allowed(netuid: NetUid, last_block: Option<u64>) -> bool {
        let limit = ServingRateLimit::<T>::get(netuid);
        last_block
            .is_none_or(|last| limit == 0 || Self::current_block().saturating_sub(last) >= limit)
    }

    /// Every check of `serve_axon`, which transaction validation runs too, so that a free
    /// call that would fail never enters the pool.
    pub(crate) fn check_serve_axon(
        hotkey: &AccountId32,
        netuid: NetUid,
        ip: u128,
        port: u16,
        ip_type: u8,
    ) -> DispatchResult {
        Self::check_endpoint(hotkey, netuid, ip, port, ip_type)?;
        let previous = Axons::<T>::get(netuid, hotkey).map(|a| a.block);
        ensure!(
            Self::serving_allowed(netuid, previous),
            Error::<T>::ServingRateLimitExceeded
        );
        Ok(())
    }

    /// Every check of `serve_prometheus`, which transaction validation runs too.
    pub(crate) fn check_serve_prometheus(
        hotkey: &AccountId32,
        netuid: NetUid,
        ip: u128,
        port: u16,
        ip_type: u8,
    ) -> DispatchResult {
        Self::check_endpoint(hotkey, netuid, ip, port, ip_type)?;
        let previous = Prometheus::<T>::get(netuid, hotkey).map(|p| p.block);
        ensure!(
            Self::serving_allowed(netuid, previous),
            Error::<T>::ServingRateLimitExceeded
        );
        Ok(())
    }

    pub(crate) fn do_serve_axon(
        hotkey: &AccountId32,
        netuid: NetUid,
        mut axon: AxonInfo,
    ) -> DispatchResult {
        Self::check_serve_axon(hotkey, netuid, axon.ip, axon.port, axon.ip_type)?;
        axon.block = Self::current_block();
        Axons::<T>::insert(netuid, hotkey, axon);
        Self::deposit_event(Event::AxonServed(netuid, hotkey.clone()));
        Ok(())
    }

    pub(crate) fn do_serve_prometheus(
        hotkey: &AccountId32,
        netuid: NetUid,
        mut prometheus: PrometheusInfo,
    ) -> DispatchResult {
        Self::check_serve_prometheus(
            hotkey,
            netuid,
            prometheus.ip,
            prometheus.port,
            prometheus.ip_type,
        )?;
        prometheus.block = Self::current_block();
        Prometheus::<T>::insert(netuid, hotkey, prometheus);
        Self::deposit_event(Event::PrometheusServed(netuid, hotkey.clone()));
        Ok(())
    }
}
