//! `SubtensorTransactionExtension`: checks `SubtensorModule`'s free calls (declared
//! `Pays::No`: weights, commits, reveals, serving) while transactions are validated, so that
//! a call the chain would refuse never enters the pool or a block. That is what lets them be
//! free, and be signed by hotkeys holding no balance (the runtime's `CheckNonce` lets an
//! account without providers sign a call that pays no fee): every free call that passes
//! comes from a hotkey registered on the subnet it names. A refusal is
//! `InvalidTransaction::Custom(i)`, `i` the index of the pallet error the call itself would
//! return; a free call without a signer is `BadSigner`. Calls that pay a fee pass untouched.
//! The extension carries no data: it encodes to zero bytes, explicit and implicit, so
//! generic clients still sign correctly.

use core::fmt;
use core::marker::PhantomData;

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::dispatch::{DispatchInfo, Pays};
use frame_support::ensure;
use frame_support::traits::IsSubType;
use scale_info::TypeInfo;
use sp_runtime::traits::{
    AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, TransactionExtension,
    ValidateResult,
};
use sp_runtime::transaction_validity::{
    InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
};
use sp_runtime::{impl_tx_ext_default, AccountId32, DispatchError};

use crate::mechanisms::mechanism_index;
use crate::set_weights::MAX_BATCH;
use crate::{Call, CommitRevealWeightsEnabled, Config, Error, MechId, NetUid, Pallet, Uids};

/// The extension; see the module documentation.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct SubtensorTransactionExtension<T>(PhantomData<T>);

impl<T> SubtensorTransactionExtension<T> {
    /// The extension (it has no parameters).
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for SubtensorTransactionExtension<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> fmt::Debug for SubtensorTransactionExtension<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SubtensorTransactionExtension")
    }
}

/// A refusal as a transaction-validity error: `Custom` carrying the pallet error's index
/// (so a client reads the same reason validation gives as the call itself would give).
fn invalid(error: DispatchError) -> TransactionValidityError {
    let code = match error {
        DispatchError::Module(module) => module.error.first().copied().unwrap_or(u8::MAX),
        _ => u8::MAX,
    };
    InvalidTransaction::Custom(code).into()
}

/// The checks a free call (declared `Pays::No`) of `who` must pass to enter the pool, and
/// its pool tags:
/// - `set_weights`, `set_mechanism_weights`: every check of the call (the mechanism
///   exists, commit-reveal is off, [`Pallet::check_weights`]);
/// - `batch_set_weights`: as many weights as version keys as subnets, at most
///   [`MAX_BATCH`], and `who` registered on at least one of the subnets (an item that
///   fails is reported by an event and does not fail the call);
/// - commits and reveals: the mechanism exists, commit-reveal is on, and `who` holds a uid
///   on the subnet;
/// - `serve_axon`, `serve_prometheus`: every check of the call (registration, address,
///   port, rate limit).
///
/// Each but the batch allows one transaction per hotkey and subnet in the pool at a time
/// (weight settings and reveals share one tag, commits, axons and Prometheus endpoints have
/// theirs), since a second one checked against the same state could be rate-limited.
fn check_free_call<T: Config>(
    who: &AccountId32,
    call: &Call<T>,
) -> Result<ValidTransaction, DispatchError> {
    let weights_tag = |netuid: NetUid| {
        ValidTransaction::with_tag_prefix("SubtensorWeights")
            .and_provides((who.clone(), netuid))
            .into()
    };
    let commit_tag = |netuid: NetUid| {
        ValidTransaction::with_tag_prefix("SubtensorCommit")
            .and_provides((who.clone(), netuid))
            .into()
    };
    match call {
        Call::set_weights {
            netuid,
            dests,
            weights,
            version_key,
        } => {
            check_set_weights::<T>(who, *netuid, 0, dests, weights, *version_key)?;
            Ok(weights_tag(*netuid))
        }
        Call::set_mechanism_weights {
            netuid,
            mecid,
            dests,
            weights,
            version_key,
        } => {
            check_set_weights::<T>(who, *netuid, *mecid, dests, weights, *version_key)?;
            Ok(weights_tag(mechanism_index(*netuid, *mecid)))
        }
        Call::batch_set_weights {
            netuids,
            weights,
            version_keys,
        } => {
            ensure!(
                netuids.len() == weights.len()
                    && netuids.len() == version_keys.len()
                    && netuids.len() <= MAX_BATCH,
                Error::<T>::InputLengthsUnequal
            );
            ensure!(
                netuids
                    .iter()
                    .any(|netuid| Uids::<T>::contains_key(netuid.0, who)),
                Error::<T>::HotKeyNotRegisteredInSubNet
            );
            Ok(ValidTransaction::default())
        }
        Call::commit_weights { netuid, .. } => {
            check_commit_reveal::<T>(who, *netuid)?;
            Ok(commit_tag(*netuid))
        }
        Call::commit_mechanism_weights { netuid, mecid, .. } => {
            let index = Pallet::<T>::ensure_mechanism(*netuid, *mecid)?;
            check_commit_reveal::<T>(who, *netuid)?;
            Ok(commit_tag(index))
        }
        Call::reveal_weights { netuid, .. } => {
            check_commit_reveal::<T>(who, *netuid)?;
            Ok(weights_tag(*netuid))
        }
        Call::reveal_mechanism_weights { netuid, mecid, .. } => {
            let index = Pallet::<T>::ensure_mechanism(*netuid, *mecid)?;
            check_commit_reveal::<T>(who, *netuid)?;
            Ok(weights_tag(index))
        }
        Call::serve_axon {
            netuid,
            ip,
            port,
            ip_type,
            ..
        } => {
            Pallet::<T>::check_serve_axon(who, *netuid, *ip, *port, *ip_type)?;
            Ok(ValidTransaction::with_tag_prefix("SubtensorAxon")
                .and_provides((who.clone(), *netuid))
                .into())
        }
        Call::serve_prometheus {
            netuid,
            ip,
            port,
            ip_type,
            ..
        } => {
            Pallet::<T>::check_serve_prometheus(who, *netuid, *ip, *port, *ip_type)?;
            Ok(ValidTransaction::with_tag_prefix("SubtensorPrometheus")
                .and_provides((who.clone(), *netuid))
                .into())
        }
        // A free call added without a check of its own here.
        _ => Ok(ValidTransaction::default()),
    }
}

/// Every check of `set_weights`: commit-reveal off, then [`Pallet::check_weights`].
fn check_set_weights<T: Config>(
    who: &AccountId32,
    netuid: NetUid,
    mecid: MechId,
    dests: &[u16],
    weights: &[u16],
    version_key: u64,
) -> Result<(), DispatchError> {
    ensure!(
        !CommitRevealWeightsEnabled::<T>::get(netuid),
        Error::<T>::CommitRevealEnabled
    );
    Pallet::<T>::check_weights(who, netuid, mecid, dests, weights, version_key).map(|_| ())
}

/// What a commit or a reveal needs before its own checks: commit-reveal on, and `who`
/// holding a uid on the subnet.
fn check_commit_reveal<T: Config>(who: &AccountId32, netuid: NetUid) -> Result<(), DispatchError> {
    ensure!(
        CommitRevealWeightsEnabled::<T>::get(netuid),
        Error::<T>::CommitRevealDisabled
    );
    ensure!(
        Uids::<T>::contains_key(netuid, who),
        Error::<T>::HotKeyNotRegisteredInSubNet
    );
    Ok(())
}

impl<T> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
    for SubtensorTransactionExtension<T>
where
    T: Config + Send + Sync,
    <T as frame_system::Config>::RuntimeCall: IsSubType<Call<T>>,
    DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>:
        AsSystemOriginSigner<AccountId32> + Clone,
    <T as frame_system::Config>::RuntimeCall: Dispatchable<Info = DispatchInfo>,
{
    const IDENTIFIER: &'static str = "SubtensorTransactionExtension";
    type Implicit = ();
    type Val = ();
    type Pre = ();

    fn weight(
        &self,
        _call: &<T as frame_system::Config>::RuntimeCall,
    ) -> frame_support::weights::Weight {
        // The checks read what the call reads; the call's own weight covers them.
        frame_support::weights::Weight::zero()
    }

    fn validate(
        &self,
        origin: DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
        call: &<T as frame_system::Config>::RuntimeCall,
        info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
        _len: usize,
        _self_implicit: (),
        _inherited_implication: &impl Encode,
        _source: TransactionSource,
    ) -> ValidateResult<(), <T as frame_system::Config>::RuntimeCall> {
        // A call that pays its fee pays for its failure too.
        if info.pays_fee == Pays::Yes {
            return Ok((ValidTransaction::default(), (), origin));
        }
        let Some(call) = call.is_sub_type() else {
            return Ok((ValidTransaction::default(), (), origin));
        };
        // A free call without a signer (a general transaction no extension authorised)
        // fails `ensure_signed`.
        let Some(who) = origin.as_system_origin_signer() else {
            return Err(InvalidTransaction::BadSigner.into());
        };
        let valid = check_free_call::<T>(who, call).map_err(invalid)?;
        Ok((valid, (), origin))
    }

    impl_tx_ext_default!(<T as frame_system::Config>::RuntimeCall; prepare);
}
