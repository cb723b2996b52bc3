//! Uids and hotkeys on a subnet.

use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use sp_runtime::{AccountId32, DispatchError, SaturatedConversion};

use crate::*;

/// Most uids a subnet can hold: the bound `AdminUtils` keeps [`MaxAllowedUids`] within.
/// Calls whose work grows with a full subnet's uids (registration, which may replace a
/// neuron, and removing a subnet) declare their weight at it.
pub const MAX_UIDS: u16 = 4_096;

/// The most hotkeys a coldkey may own ([`OwnedHotkeys`]): enough to hold every uid of a
/// full subnet. Subtensor leaves the list unbounded; here it is bounded (128 KiB) because
/// calls read it whole.
pub const MAX_OWNED_HOTKEYS: u32 = MAX_UIDS as u32;

impl<T: Config> Pallet<T> {
    /// The current block as subtensor's u64 block numbers.
    pub fn current_block() -> u64 {
        frame_system::Pallet::<T>::block_number().saturated_into()
    }

    /// Gives `hotkey`, owned by `coldkey`, the next uid of `netuid` at the current block.
    pub(crate) fn append_neuron(
        netuid: NetUid,
        hotkey: &AccountId32,
        coldkey: &AccountId32,
    ) -> Result<u16, DispatchError> {
        ensure!(
            !Uids::<T>::contains_key(netuid, hotkey),
            Error::<T>::HotKeyAlreadyRegisteredInSubNet
        );
        let uid = SubnetworkN::<T>::get(netuid);
        ensure!(
            uid < MaxAllowedUids::<T>::get(netuid),
            Error::<T>::NoNeuronIdAvailable
        );
        Self::claim_hotkey(coldkey, hotkey)?;
        let block = Self::current_block();
        Keys::<T>::insert(netuid, uid, hotkey);
        Uids::<T>::insert(netuid, hotkey, uid);
        IsNetworkMember::<T>::insert(hotkey, netuid, true);
        BlockAtRegistration::<T>::insert(netuid, uid, block);
        for index in Self::mechanism_indices(netuid) {
            LastUpdate::<T>::append(index, block);
        }
        Emission::<T>::append(netuid, 0u64);
        ValidatorPermit::<T>::append(netuid, false);
        SubnetworkN::<T>::insert(netuid, uid.saturating_add(1));
        Self::deposit_event(Event::NeuronRegistered(netuid, uid, hotkey.clone()));
        Ok(uid)
    }

    /// Whether `hotkey` holds a uid on `netuid` and the subnet exists (a dissolved
    /// subnet's uids stay until the block hook has removed them, but count for nothing).
    pub fn is_hotkey_registered_on_network(netuid: NetUid, hotkey: &AccountId32) -> bool {
        NetworksAdded::<T>::get(netuid) && Uids::<T>::contains_key(netuid, hotkey)
    }

    /// Whether `hotkey` has a uid on any subnet: one read per subnet it is a member of,
    /// plus one ([`IsNetworkMember`]; a dissolved subnet's members count until removed,
    /// so the subnet is checked too).
    pub fn is_registered_anywhere(hotkey: &AccountId32) -> bool {
        IsNetworkMember::<T>::iter_key_prefix(hotkey).any(NetworksAdded::<T>::get)
    }

    /// Makes `coldkey` the owner of `hotkey`, unless another coldkey already owns it or
    /// `coldkey` owns [`MAX_OWNED_HOTKEYS`] already. Public for `AdminUtils`, which gives
    /// a subnet owner a hotkey the same way.
    pub fn claim_hotkey(coldkey: &AccountId32, hotkey: &AccountId32) -> DispatchResult {
        Self::ensure_hotkey_free_or_owned_by(coldkey, hotkey)?;
        if !Owner::<T>::contains_key(hotkey) {
            OwnedHotkeys::<T>::try_append(coldkey, hotkey)
                .map_err(|()| Error::<T>::OwnedHotkeysFull)?;
            Owner::<T>::insert(hotkey, coldkey);
        }
        Ok(())
    }

    /// Refuses a hotkey that belongs to another coldkey.
    pub(crate) fn ensure_hotkey_free_or_owned_by(
        coldkey: &AccountId32,
        hotkey: &AccountId32,
    ) -> DispatchResult {
        if Owner::<T>::contains_key(hotkey) {
            ensure!(
                Owner::<T>::get(hotkey) == *coldkey,
                Error::<T>::NonAssociatedColdKey
            );
        }
        Ok(())
    }
}
