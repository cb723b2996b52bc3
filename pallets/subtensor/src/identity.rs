//! On-chain identities of coldkeys and subnets, under subtensor's names and SCALE layouts
//! (`ChainIdentityV2`, `SubnetIdentityV3`), so btcli's `wallet set-identity` and
//! `subnets create` with an identity, and explorers reading `IdentitiesV2` /
//! `SubnetIdentitiesV3`, work unchanged.

use alloc::vec::Vec;

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::ensure;
use frame_support::pallet_prelude::DispatchResult;
use scale_info::TypeInfo;
use sp_runtime::{AccountId32, DispatchError};

use crate::{
    Config, Error, Event, IdentitiesV2, NetUid, NetworksAdded, OwnedHotkeys, Pallet,
    SubnetIdentitiesV3, SubnetOwner,
};

/// A coldkey's public identity (subtensor's `ChainIdentityV2`).
#[derive(Encode, Decode, DecodeWithMemTracking, Default, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ChainIdentityV2 {
    /// Display name.
    pub name: Vec<u8>,
    /// Web site.
    pub url: Vec<u8>,
    /// Source repository.
    pub github_repo: Vec<u8>,
    /// Image or logo address.
    pub image: Vec<u8>,
    /// Discord handle.
    pub discord: Vec<u8>,
    /// Free description.
    pub description: Vec<u8>,
    /// Anything else.
    pub additional: Vec<u8>,
}

/// A subnet's public identity (subtensor's `SubnetIdentityV3`).
#[derive(Encode, Decode, DecodeWithMemTracking, Default, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct SubnetIdentityV3 {
    /// Subnet name.
    pub subnet_name: Vec<u8>,
    /// Source repository.
    pub github_repo: Vec<u8>,
    /// Contact address.
    pub subnet_contact: Vec<u8>,
    /// Web site.
    pub subnet_url: Vec<u8>,
    /// Discord handle.
    pub discord: Vec<u8>,
    /// Free description.
    pub description: Vec<u8>,
    /// Logo address.
    pub logo_url: Vec<u8>,
    /// Anything else.
    pub additional: Vec<u8>,
}

/// Longest short field (names, Discord handles), in bytes.
const SHORT_FIELD: usize = 256;
/// Longest long field (descriptions, addresses), in bytes.
const LONG_FIELD: usize = 1_024;

impl ChainIdentityV2 {
    /// Subtensor's bounds: names, addresses and handles up to 256 bytes, image, description
    /// and the rest up to 1 024.
    pub fn is_valid(&self) -> bool {
        self.name.len() <= SHORT_FIELD
            && self.url.len() <= SHORT_FIELD
            && self.github_repo.len() <= SHORT_FIELD
            && self.image.len() <= LONG_FIELD
            && self.discord.len() <= SHORT_FIELD
            && self.description.len() <= LONG_FIELD
            && self.additional.len() <= LONG_FIELD
    }
}

impl SubnetIdentityV3 {
    /// Subtensor's bounds: the name and Discord handle up to 256 bytes, every other field
    /// up to 1 024.
    pub fn is_valid(&self) -> bool {
        self.subnet_name.len() <= SHORT_FIELD
            && self.github_repo.len() <= LONG_FIELD
            && self.subnet_contact.len() <= LONG_FIELD
            && self.subnet_url.len() <= LONG_FIELD
            && self.discord.len() <= SHORT_FIELD
            && self.description.len() <= LONG_FIELD
            && self.logo_url.len() <= LONG_FIELD
            && self.additional.len() <= LONG_FIELD
    }
}

impl<T: Config> Pallet<T> {
    /// Sets `coldkey`'s identity; it must own a hotkey registered on some subnet, so that
    /// identities cost a registration to create.
    /// Returns how many hotkeys the coldkey owns, for the weight refund: the whole list is
    /// read, and the benchmark prices each entry as the worst one.
    pub(crate) fn do_set_identity(
        coldkey: &AccountId32,
        identity: ChainIdentityV2,
    ) -> Result<u32, DispatchError> {
        let owned = OwnedHotkeys::<T>::get(coldkey);
        ensure!(
            owned.iter().any(Self::is_registered_anywhere),
            Error::<T>::HotKeyNotRegisteredInNetwork
        );
        ensure!(identity.is_valid(), Error::<T>::InvalidIdentity);
        IdentitiesV2::<T>::insert(coldkey, identity);
        Self::deposit_event(Event::ChainIdentitySet(coldkey.clone()));
        Ok(u32::try_from(owned.len()).unwrap_or(u32::MAX))
    }

    /// Sets the identity of `netuid`, which `coldkey` must own.
    pub(crate) fn do_set_subnet_identity(
        coldkey: &AccountId32,
        netuid: NetUid,
        identity: SubnetIdentityV3,
    ) -> DispatchResult {
        ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
        ensure!(
            SubnetOwner::<T>::get(netuid) == *coldkey,
            Error::<T>::NotSubnetOwner
        );
        ensure!(identity.is_valid(), Error::<T>::InvalidIdentity);
        SubnetIdentitiesV3::<T>::insert(netuid, identity);
        Self::deposit_event(Event::SubnetIdentitySet(netuid));
        Ok(())
    }
}
