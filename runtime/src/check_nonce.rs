//! `CheckNonce`: frame_system's nonce check and increment, which lets an account that does
//! not exist (no providers, no sufficients) sign a call that pays no fee.
//!
//! Bittensor's hotkeys hold no balance, and its tools sign `set_weights`, `serve_axon`,
//! `Commitments::set_commitment` and the other calls declared `Pays::No` with the hotkey.
//! frame_system's `CheckNonce` refuses every transaction of an account without providers
//! (`InvalidTransaction::Payment`: nobody paid for its nonce's storage), so such calls
//! could never be sent. This extension refuses it only when the call pays a fee, as
//! subtensor's does; a fee-less call writes the account's nonce, and the account's entry,
//! like any other. What keeps fee-less calls from being free spam is
//! `SubtensorTransactionExtension` and `CommitmentsTransactionExtension`, which refuse at
//! validation every fee-less call whose signer could not succeed (not registered, bad
//! weights, no space left), so that each such entry belongs to a registered hotkey.
//!
//! Everything else is frame_system's: the identifier (`CheckNonce`), the SCALE form (a
//! compact nonce, nothing implicit), the `provides`/`requires` tags, `Stale` and `Future`,
//! the weight, and the increment itself.
#![warn(missing_docs)]

use alloc::vec;

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::dispatch::{DispatchInfo, Pays};
use frame_support::DebugNoBound;
use frame_system::{ExtensionsWeightInfo, ValidNonceInfo};
use scale_info::TypeInfo;
use sp_runtime::traits::{
    AsSystemOriginSigner, DispatchInfoOf, Dispatchable, One, PostDispatchInfoOf,
    TransactionExtension, ValidateResult, Zero,
};
use sp_runtime::transaction_validity::{
    InvalidTransaction, TransactionLongevity, TransactionSource, TransactionValidityError,
    ValidTransaction,
};
use sp_runtime::{DispatchResult, Saturating, Weight};

/// The signer's nonce, checked against its account and incremented; see the module
/// documentation for the one difference from `frame_system::CheckNonce`.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckNonce<T: frame_system::Config>(#[codec(compact)] pub T::Nonce);

impl<T: frame_system::Config> CheckNonce<T> {
    /// The extension for a transaction signed at `nonce` (what a client builds).
    pub fn from(nonce: T::Nonce) -> Self {
        Self(nonce)
    }

    /// The tags of `who`'s transaction at `nonce`: it provides `(who, nonce)` and, ahead of
    /// the account's nonce, requires `(who, nonce - 1)`. An account that does not exist may
    /// sign only a call that pays no fee.
    pub fn validate_nonce_for_account(
        who: &T::AccountId,
        nonce: T::Nonce,
        pays_fee: Pays,
    ) -> Result<ValidNonceInfo, TransactionValidityError> {
        let account = frame_system::Account::<T>::get(who);
        let exists = !account.providers.is_zero() || !account.sufficients.is_zero();
        if !exists && pays_fee == Pays::Yes {
            // Nobody pays for the nonce's storage.
            return Err(InvalidTransaction::Payment.into());
        }
        if nonce < account.nonce {
            return Err(InvalidTransaction::Stale.into());
        }
        let provides = vec![Encode::encode(&(who.clone(), nonce))];
        let requires = if account.nonce < nonce {
            vec![Encode::encode(&(
                who.clone(),
                nonce.saturating_sub(One::one()),
            ))]
        } else {
            vec![]
        };
        Ok(ValidNonceInfo { provides, requires })
    }
}

/// What `validate` hands to `prepare`.
#[derive(DebugNoBound)]
pub enum Val<T: frame_system::Config> {
    /// The signer, whose nonce `prepare` checks and increments.
    CheckNonce(T::AccountId),
    /// No signer: the extension's weight is refunded.
    Refund(Weight),
}

/// What `prepare` hands to `post_dispatch_details`.
#[derive(DebugNoBound)]
pub enum Pre {
    /// The nonce was checked and incremented: its weight was used.
    NonceChecked,
    /// Nothing was done: this weight is refunded.
    Refund(Weight),
}

impl<T: frame_system::Config> core::fmt::Debug for CheckNonce<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "CheckNonce({:?})", self.0)
    }
}

impl<T: frame_system::Config> TransactionExtension<T::RuntimeCall> for CheckNonce<T>
where
    T::RuntimeCall: Dispatchable<Info = DispatchInfo>,
    <T::RuntimeCall as Dispatchable>::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone,
{
    const IDENTIFIER: &'static str = "CheckNonce";
    type Implicit = ();
    type Val = Val<T>;
    type Pre = Pre;

    fn weight(&self, _call: &T::RuntimeCall) -> Weight {
        <T::ExtensionsWeightInfo as ExtensionsWeightInfo>::check_nonce()
    }

    fn validate(
        &self,
        origin: <T as frame_system::Config>::RuntimeOrigin,
        call: &T::RuntimeCall,
        info: &DispatchInfoOf<T::RuntimeCall>,
        _len: usize,
        _self_implicit: (),
        _inherited_implication: &impl Encode,
        _source: TransactionSource,
    ) -> ValidateResult<Self::Val, T::RuntimeCall> {
        let Some(who) = origin.as_system_origin_signer() else {
            return Ok((Default::default(), Val::Refund(self.weight(call)), origin));
        };
        let ValidNonceInfo { provides, requires } =
            Self::validate_nonce_for_account(who, self.0, info.pays_fee)?;
        let validity = ValidTransaction {
            priority: 0,
            requires,
            provides,
            longevity: TransactionLongevity::MAX,
            propagate: true,
        };
        Ok((validity, Val::CheckNonce(who.clone()), origin))
    }

    fn prepare(
        self,
        val: Self::Val,
        _origin: &T::RuntimeOrigin,
        _call: &T::RuntimeCall,
        _info: &DispatchInfoOf<T::RuntimeCall>,
        _len: usize,
    ) -> Result<Self::Pre, TransactionValidityError> {
        match val {
            Val::CheckNonce(who) => {
                frame_system::CheckNonce::<T>::prepare_nonce_for_account(&who, self.0)?;
                Ok(Pre::NonceChecked)
            }
            Val::Refund(weight) => Ok(Pre::Refund(weight)),
        }
    }

    fn post_dispatch_details(
        pre: Self::Pre,
        _info: &DispatchInfo,
        _post_info: &PostDispatchInfoOf<T::RuntimeCall>,
        _len: usize,
        _result: &DispatchResult,
    ) -> Result<Weight, TransactionValidityError> {
        match pre {
            Pre::NonceChecked => Ok(Weight::zero()),
            Pre::Refund(weight) => Ok(weight),
        }
    }
}
