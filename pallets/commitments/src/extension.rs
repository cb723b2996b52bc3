//! `CommitmentsTransactionExtension`: refuses, while transactions are validated, every
//! `set_commitment` that would fail, so that the call can be free (`Pays::No`, as
//! subtensor's) and signed by hotkeys holding no balance without opening the pool to free
//! spam: a commitment enters the pool only from a hotkey allowed to commit on the subnet
//! ([`CanCommit`](crate::CanCommit)), with space left in this epoch
//! ([`MaxSpace`](crate::MaxSpace)), and able to hold the deposit increase, if any; and one
//! per hotkey and subnet at a time, since a second checked against the same state could
//! exceed the space.
//!
//! Refusals: the pallet's error index as `InvalidTransaction::Custom` (1
//! `AccountNotAllowedCommit`, 2 `SpaceLimitExceeded`, the error the call itself would
//! return); `InvalidTransaction::Payment` when the deposit cannot be held; `BadSigner`
//! without a signer. The extension carries no data: it encodes to zero bytes, explicit and
//! implicit, so generic clients sign without knowing it.

use core::fmt;
use core::marker::PhantomData;

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::dispatch::DispatchInfo;
use frame_support::traits::fungible::InspectHold;
use frame_support::traits::IsSubType;
use scale_info::TypeInfo;
use sp_runtime::traits::{
    AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, TransactionExtension,
    ValidateResult, Zero,
};
use sp_runtime::transaction_validity::{
    InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
};
use sp_runtime::{impl_tx_ext_default, DispatchError};

use crate::{Call, Config, HoldReason, Pallet};

/// The extension; see the module documentation.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CommitmentsTransactionExtension<T>(PhantomData<T>);

impl<T> CommitmentsTransactionExtension<T> {
    /// The extension (it has no parameters).
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for CommitmentsTransactionExtension<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> fmt::Debug for CommitmentsTransactionExtension<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CommitmentsTransactionExtension")
    }
}

/// A pallet error as a transaction-validity error: `Custom` carrying its index.
fn invalid(error: DispatchError) -> TransactionValidityError {
    let code = match error {
        DispatchError::Module(module) => module.error.first().copied().unwrap_or(u8::MAX),
        _ => u8::MAX,
    };
    InvalidTransaction::Custom(code).into()
}

impl<T> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
    for CommitmentsTransactionExtension<T>
where
    T: Config + Send + Sync,
    <T as frame_system::Config>::RuntimeCall:
        IsSubType<Call<T>> + Dispatchable<Info = DispatchInfo>,
    DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>:
        AsSystemOriginSigner<T::AccountId> + Clone,
{
    const IDENTIFIER: &'static str = "CommitmentsTransactionExtension";
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
        _info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
        _len: usize,
        _self_implicit: (),
        _inherited_implication: &impl Encode,
        _source: TransactionSource,
    ) -> ValidateResult<(), <T as frame_system::Config>::RuntimeCall> {
        let Some(Call::set_commitment { netuid, info }) = call.is_sub_type() else {
            return Ok((ValidTransaction::default(), (), origin));
        };
        // Without a signer the call fails `ensure_signed`.
        let Some(who) = origin.as_system_origin_signer() else {
            return Err(InvalidTransaction::BadSigner.into());
        };
        Pallet::<T>::check_commitment(*netuid, who, info).map_err(invalid)?;
        let increase = Pallet::<T>::deposit_increase(*netuid, who, info);
        if !increase.is_zero()
            && T::Currency::ensure_can_hold(&HoldReason::CommitmentDeposit.into(), who, increase)
                .is_err()
        {
            return Err(InvalidTransaction::Payment.into());
        }
        let valid = ValidTransaction::with_tag_prefix("Commitments")
            .and_provides((who.clone(), *netuid))
            .into();
        Ok((valid, (), origin))
    }

    impl_tx_ext_default!(<T as frame_system::Config>::RuntimeCall; prepare);
}
