//! Aura: whose turn a slot is, and the pre-digest and seal that prove a block's author.

use sp_consensus_aura::digests::CompatibleDigestItem;
use sp_consensus_aura::sr25519::{AuthorityId, AuthorityPair, AuthoritySignature};
use sp_core::Pair as _;
use sp_runtime::traits::Header as _;
use sp_runtime::DigestItem;
use taonet_runtime::{Hash, Header};

/// Why a header's Aura proof is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuraError {
    /// The last digest item is not an Aura seal.
    #[error("header is not sealed by Aura")]
    Unsealed,
    /// The header has no Aura slot, or more than one.
    #[error("header has no single Aura pre-digest")]
    NoSlot,
    /// No authorities are set, so nobody may author.
    #[error("no Aura authorities")]
    NoAuthorities,
    /// The seal is not the slot author's signature.
    #[error("bad seal: slot {slot} belongs to {author}")]
    BadSeal {
        /// The claimed slot.
        slot: u64,
        /// Who should have signed.
        author: String,
    },
    /// The slot lies in the future by our clock.
    #[error("slot {slot} is in the future (now {now})")]
    FutureSlot {
        /// The claimed slot.
        slot: u64,
        /// Our current slot.
        now: u64,
    },
}

/// The author of `slot` among `authorities`: `authorities[slot % n]`.
pub fn slot_author(slot: u64, authorities: &[AuthorityId]) -> Option<&AuthorityId> {
    let n = u64::try_from(authorities.len()).ok().filter(|n| *n > 0)?;
    authorities.get(usize::try_from(slot % n).ok()?)
}

/// The slot a header claims, from its single Aura pre-digest.
pub fn header_slot(header: &Header) -> Result<u64, AuraError> {
    let mut slots = header.digest().logs().iter().filter_map(|item| {
        <DigestItem as CompatibleDigestItem<AuthoritySignature>>::as_aura_pre_digest(item)
    });
    match (slots.next(), slots.next()) {
        (Some(slot), None) => Ok(*slot),
        _ => Err(AuraError::NoSlot),
    }
}

/// Seals `header` (built with an Aura pre-digest) by `pair`: signs the hash of the
/// unsealed header and appends the signature as the last digest item.
pub fn seal(header: &mut Header, pair: &AuthorityPair) {
    let signature = pair.sign(header.hash().as_ref());
    header
        .digest_mut()
        .push(<DigestItem as CompatibleDigestItem<AuthoritySignature>>::aura_seal(signature));
}

/// Checks the seal of `header` against the authorities at its parent and returns the
/// header without its seal (what the runtime executes) and its slot. `now` is our current
/// slot; `None` skips the future-slot check (importing from a file).
pub fn verify(
    header: &Header,
    authorities: &[AuthorityId],
    now: Option<u64>,
) -> Result<(Header, u64), AuraError> {
    let mut unsealed = header.clone();
    let seal = unsealed.digest_mut().pop().ok_or(AuraError::Unsealed)?;
    let signature = <DigestItem as CompatibleDigestItem<AuthoritySignature>>::as_aura_seal(&seal)
        .ok_or(AuraError::Unsealed)?;
    let slot = header_slot(&unsealed)?;
    if let Some(now) = now {
        if slot > now.saturating_add(1) {
            return Err(AuraError::FutureSlot { slot, now });
        }
    }
    let author = slot_author(slot, authorities).ok_or(AuraError::NoAuthorities)?;
    let pre_hash: Hash = unsealed.hash();
    if !AuthorityPair::verify(&signature, pre_hash.as_ref(), author) {
        return Err(AuraError::BadSeal {
            slot,
            author: author.to_string(),
        });
    }
    Ok((unsealed, slot))
}

/// The slot current at wall-clock `now_ms`.
pub fn slot_at(now_ms: u64, slot_duration_ms: u64) -> u64 {
    now_ms.checked_div(slot_duration_ms).unwrap_or(0)
}
