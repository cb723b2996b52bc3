//! Building signed extrinsics as a client does, for the node's tools and tests.
#![warn(missing_docs)]

use codec::Encode;
use sp_core::{sr25519, Pair};
use sp_runtime::generic::Era;
use sp_runtime::{MultiAddress, MultiSignature};

use crate::{
    Balance, Hash, Nonce, Runtime, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic,
    VERSION,
};

/// `call` signed by `signer` at `nonce` with `tip`, immortal, for the chain whose genesis
/// block hash is `genesis`: the same bytes polkadot.js or subxt would produce.
pub fn sign(
    call: RuntimeCall,
    signer: &sr25519::Pair,
    nonce: Nonce,
    tip: Balance,
    genesis: Hash,
) -> UncheckedExtrinsic {
    sign_for_version(call, signer, nonce, tip, genesis, VERSION.spec_version)
}

/// [`sign`], for a chain whose runtime is at `spec_version` (which every signature
/// covers): a client signs for the runtime on chain, which an upgrade changes.
pub fn sign_for_version(
    call: RuntimeCall,
    signer: &sr25519::Pair,
    nonce: Nonce,
    tip: Balance,
    genesis: Hash,
    spec_version: u32,
) -> UncheckedExtrinsic {
    sign_with(call, signer, nonce, tip, genesis, spec_version, None)
}

/// [`sign`] as an offline signer (Ledger) does: `CheckMetadataHash` in mode 1, the
/// signature covering `metadata_hash`, the runtime's RFC-0078 metadata digest. Valid only
/// if that is the digest the runtime on chain was built with.
pub fn sign_with_metadata_hash(
    call: RuntimeCall,
    signer: &sr25519::Pair,
    nonce: Nonce,
    genesis: Hash,
    metadata_hash: [u8; 32],
) -> UncheckedExtrinsic {
    let version = VERSION.spec_version;
    sign_with(
        call,
        signer,
        nonce,
        0,
        genesis,
        version,
        Some(metadata_hash),
    )
}

/// Signs with every extension, `CheckMetadataHash` in mode 1 when `metadata_hash` is given.
fn sign_with(
    call: RuntimeCall,
    signer: &sr25519::Pair,
    nonce: Nonce,
    tip: Balance,
    genesis: Hash,
    spec_version: u32,
    metadata_hash: Option<[u8; 32]>,
) -> UncheckedExtrinsic {
    let extension: TxExtension = (
        frame_system::CheckNonZeroSender::<Runtime>::new(),
        frame_system::CheckSpecVersion::<Runtime>::new(),
        frame_system::CheckTxVersion::<Runtime>::new(),
        frame_system::CheckGenesis::<Runtime>::new(),
        frame_system::CheckEra::<Runtime>::from(Era::Immortal),
        crate::check_nonce::CheckNonce::<Runtime>::from(nonce),
        frame_system::CheckWeight::<Runtime>::new(),
        pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(tip),
        pallet_subtensor::extension::SubtensorTransactionExtension::<Runtime>::new(),
        pallet_commitments::extension::CommitmentsTransactionExtension::<Runtime>::new(),
        frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(metadata_hash.is_some()),
    );
    // What each extension adds to the signed payload without carrying it in the extrinsic.
    let implicit = (
        (),
        spec_version,
        VERSION.transaction_version,
        genesis,
        genesis,
        (),
        (),
        (),
        (),
        (),
        metadata_hash,
    );
    let payload = SignedPayload::from_raw(call, extension, implicit);
    let signature = payload.using_encoded(|bytes| signer.sign(bytes));
    let (call, extension, _) = payload.deconstruct();
    let signer = sp_runtime::AccountId32::from(signer.public());
    UncheckedExtrinsic::new_signed(
        call,
        MultiAddress::Id(signer),
        MultiSignature::Sr25519(signature),
        extension,
    )
}
