//! `SubtensorTransactionExtension`: checks `SubtensorModule` calls while transactions are
//! validated, so that weights the chain would refuse (bad, or rate-limited) never enter the
//! pool or a block, which is what lets `set_weights` be free. It carries no data: it
//! encodes to zero bytes, explicit and implicit, so generic clients still sign correctly.

use core::fmt;
use core::marker::PhantomData;

use codec::{Decode, DecodeWithMemTracking, Encode};
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

use crate::{Call, CommitRevealWeightsEnabled, Config, Pallet};

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

/// A refusal as a transaction-validity error: `Custom` carrying the pallet error's index.
fn invalid(error: DispatchError) -> TransactionValidityError {
    let code = match error {
        DispatchError::Module(module) => module.error.first().copied().unwrap_or(u8::MAX),
        _ => u8::MAX,
    };
    InvalidTransaction::Custom(code).into()
}

impl<T> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
    for SubtensorTransactionExtension<T>
where
    T: Config + Send + Sync,
    <T as frame_system::Config>::RuntimeCall: IsSubType<Call<T>>,
    DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>:
        AsSystemOriginSigner<AccountId32> + Clone,
    <T as frame_system::Config>::RuntimeCall: Dispatchable,
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
        _info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
        _len: usize,
        _self_implicit: (),
        _inherited_implication: &impl Encode,
        _source: TransactionSource,
    ) -> ValidateResult<(), <T as frame_system::Config>::RuntimeCall> {
        let (
            Some(who),
            Some(Call::set_weights {
                netuid,
                dests,
                weights,
                version_key,
            }),
        ) = (origin.as_system_origin_signer(), call.is_sub_type())
        else {
            return Ok((ValidTransaction::default(), (), origin));
        };
        if CommitRevealWeightsEnabled::<T>::get(netuid) {
            return Err(invalid(crate::Error::<T>::CommitRevealEnabled.into()));
        }
        Pallet::<T>::check_weights(who, *netuid, dests, weights, *version_key).map_err(invalid)?;
        // One weight setting per hotkey and subnet in the pool at a time.
        let valid = ValidTransaction::with_tag_prefix("SubtensorWeights")
            .and_provides((who.clone(), *netuid))
            .into();
        Ok((valid, (), origin))
    }

    impl_tx_ext_default!(<T as frame_system::Config>::RuntimeCall; prepare);
}
