//! GRANDPA justifications: the proof, stored with a finalized block, that a supermajority
//! of an authority set precommitted to it.
//!
//! The encoding is sp-consensus-grandpa's `GrandpaJustification<Header>` (round, commit,
//! the headers linking every precommit target to the commit target), stored under engine
//! id `FRNK`, so Substrate tools and light clients read it as they read Substrate's.

use std::collections::{BTreeMap, BTreeSet};

use codec::{Decode, DecodeLimit, Encode};
use finality_grandpa::{Chain, Message};
use sp_consensus_grandpa::{
    localized_payload, AuthorityId, AuthorityList, AuthorityPair, Commit, GrandpaJustification,
    SetId,
};
use sp_core::Pair as _;
use sp_runtime::traits::Header as _;
use taonet_runtime::{BlockNumber, Hash, Header};

use super::authorities::Headers;
use super::GrandpaError;

/// SCALE nesting limit for decoding a justification.
const DEPTH_LIMIT: u32 = 32;

/// Why a justification does not prove its block final.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JustificationError {
    /// The bytes do not decode as a justification.
    #[error("undecodable justification: {0}")]
    Undecodable(String),
    /// It justifies another block than the one it came with.
    #[error("justification targets block {found:?}, not {expected:?}")]
    WrongTarget {
        /// The block it came with.
        expected: (Hash, BlockNumber),
        /// The block its commit targets.
        found: (Hash, BlockNumber),
    },
    /// The authority set it is checked against is empty.
    #[error("empty authority set")]
    EmptySet,
    /// A precommit is signed by someone outside the set.
    #[error("precommit by {0} who is not in the authority set")]
    UnknownVoter(AuthorityId),
    /// A precommit's signature does not verify for this round and set.
    #[error("bad precommit signature by {0}")]
    BadSignature(AuthorityId),
    /// A precommit targets a block the ancestry does not link to the commit target.
    #[error("precommit target {0} is not proven to descend from the commit target")]
    NotDescendant(Hash),
    /// The precommits do not reach a supermajority for the target.
    #[error("precommits do not finalize the target")]
    NoSupermajority,
    /// It carries headers no precommit needs (padding a proof is refused).
    #[error("justification carries unneeded ancestry header {0}")]
    UnusedAncestry(Hash),
}

/// The headers of a justification, read as a chain: it proves ancestry by itself.
struct AncestryChain {
    headers: BTreeMap<Hash, Header>,
    used: std::cell::RefCell<BTreeSet<Hash>>,
}

impl Chain<Hash, BlockNumber> for AncestryChain {
    fn ancestry(&self, base: Hash, block: Hash) -> Result<Vec<Hash>, finality_grandpa::Error> {
        let mut route = Vec::new();
        let mut cursor = block;
        while cursor != base {
            if route.len() > self.headers.len() {
                return Err(finality_grandpa::Error::NotDescendent);
            }
            let header = self
                .headers
                .get(&cursor)
                .ok_or(finality_grandpa::Error::NotDescendent)?;
            self.used.borrow_mut().insert(cursor);
            cursor = *header.parent_hash();
            route.push(cursor);
        }
        // `route` runs from `block`'s parent down to `base`; the base itself is excluded.
        route.pop();
        Ok(route)
    }
}

/// Builds the justification of a commit from `round`: the commit plus every header
/// between each precommit target and the commit target.
pub fn build(
    headers: &impl Headers,
    round: u64,
    commit: Commit<Header>,
) -> Result<GrandpaJustification<Header>, GrandpaError> {
    let mut ancestries: BTreeMap<Hash, Header> = BTreeMap::new();
    for signed in &commit.precommits {
        let mut cursor = signed.precommit.target_hash;
        while cursor != commit.target_hash && !ancestries.contains_key(&cursor) {
            let header = headers
                .header(&cursor)?
                .ok_or(GrandpaError::UnknownBlock(cursor))?;
            if *header.number() <= commit.target_number {
                return Err(GrandpaError::Safety(format!(
                    "precommit target {} does not descend from commit target {}",
                    signed.precommit.target_hash, commit.target_hash
                )));
            }
            cursor = *header.parent_hash();
            ancestries.insert(header.hash(), header);
        }
    }
    let mut votes_ancestries: Vec<Header> = ancestries.into_values().collect();
    votes_ancestries.sort_by_key(|h| *h.number());
    Ok(GrandpaJustification {
        round,
        commit,
        votes_ancestries,
    })
}

/// Checks that `encoded` proves block `target` final under authority set `set_id` of
/// `authorities`: every precommit signed by a member for that round and set, linked to
/// the target by the included headers, and together a supermajority. Sync calls this on
/// justifications received with blocks.
pub fn verify(
    set_id: SetId,
    authorities: &AuthorityList,
    target: (Hash, BlockNumber),
    encoded: &[u8],
) -> Result<GrandpaJustification<Header>, JustificationError> {
    let justification =
        GrandpaJustification::<Header>::decode_all_with_depth_limit(DEPTH_LIMIT, &mut &encoded[..])
            .map_err(|e| JustificationError::Undecodable(e.to_string()))?;
    verify_decoded(set_id, authorities, target, &justification)?;
    Ok(justification)
}

/// [`verify`] on an already decoded justification.
pub fn verify_decoded(
    set_id: SetId,
    authorities: &AuthorityList,
    target: (Hash, BlockNumber),
    justification: &GrandpaJustification<Header>,
) -> Result<(), JustificationError> {
    let commit = &justification.commit;
    let found = (commit.target_hash, commit.target_number);
    if found != target {
        return Err(JustificationError::WrongTarget {
            expected: target,
            found,
        });
    }
    let voters = finality_grandpa::voter_set::VoterSet::new(authorities.iter().cloned())
        .ok_or(JustificationError::EmptySet)?;
    let chain = AncestryChain {
        headers: justification
            .votes_ancestries
            .iter()
            .map(|h| (h.hash(), h.clone()))
            .collect(),
        used: Default::default(),
    };
    let mut buffer = Vec::new();
    for signed in &commit.precommits {
        if !voters.contains(&signed.id) {
            return Err(JustificationError::UnknownVoter(signed.id.clone()));
        }
        let message = Message::Precommit(signed.precommit.clone());
        sp_consensus_grandpa::localized_payload_with_buffer(
            justification.round,
            set_id,
            &message,
            &mut buffer,
        );
        if !AuthorityPair::verify(&signed.signature, &buffer, &signed.id) {
            return Err(JustificationError::BadSignature(signed.id.clone()));
        }
        let precommit_target = signed.precommit.target_hash;
        if precommit_target != commit.target_hash
            && chain
                .ancestry(commit.target_hash, precommit_target)
                .is_err()
        {
            return Err(JustificationError::NotDescendant(precommit_target));
        }
    }
    let valid = finality_grandpa::validate_commit(commit, &voters, &chain)
        .map(|result| result.is_valid())
        .unwrap_or(false);
    if !valid {
        return Err(JustificationError::NoSupermajority);
    }
    let used = chain.used.borrow();
    if let Some(unused) = chain.headers.keys().find(|h| !used.contains(*h)) {
        return Err(JustificationError::UnusedAncestry(*unused));
    }
    Ok(())
}

/// A precommit signature for tests and tools: `pair` signs `message` in `round` of set
/// `set_id`, exactly as a voter does.
pub fn sign(
    pair: &AuthorityPair,
    message: &Message<Hash, BlockNumber>,
    round: u64,
    set_id: SetId,
) -> sp_consensus_grandpa::AuthoritySignature {
    pair.sign(&localized_payload(round, set_id, message))
}

/// A finality proof as Substrate's `grandpa_proveFinality` returns it (SCALE of
/// sc-consensus-grandpa's `FinalityProof`): the justified block at or above the one asked
/// for, its justification, and the headers from the asked block (exclusive) up to it.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct FinalityProof {
    /// The justified block.
    pub block: Hash,
    /// Its encoded justification.
    pub justification: Vec<u8>,
    /// Headers in (asked block, justified block].
    pub unknown_headers: Vec<Header>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grandpa::authorities::tests::{genesis, MapHeaders};
    use finality_grandpa::{Precommit, SignedPrecommit};

    fn pairs() -> Vec<AuthorityPair> {
        (1..=4u8)
            .map(|s| AuthorityPair::from_seed(&[s; 32]))
            .collect()
    }

    fn set(pairs: &[AuthorityPair]) -> AuthorityList {
        pairs.iter().map(|p| (p.public(), 1)).collect()
    }

    /// Precommits by `pairs[i]` for `targets[i]` in round 2 of set 5.
    fn commit(
        pairs: &[AuthorityPair],
        target: &Header,
        targets: &[&Header],
        set_id: SetId,
    ) -> Commit<Header> {
        Commit::<Header> {
            target_hash: target.hash(),
            target_number: target.number,
            precommits: pairs
                .iter()
                .zip(targets)
                .map(|(pair, t)| {
                    let precommit = Precommit::new(t.hash(), t.number);
                    SignedPrecommit {
                        signature: sign(pair, &Message::Precommit(precommit.clone()), 2, set_id),
                        precommit,
                        id: pair.public(),
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn a_built_justification_verifies_and_tampering_fails() {
        let mut headers = MapHeaders::default();
        let g = genesis();
        headers.0.insert(g.hash(), g.clone());
        let chain = headers.extend(&g, 6, 0, &[]);
        let pairs = pairs();
        let target = &chain[2];
        // Three vote for the target, one for a descendant two blocks on.
        let c = commit(&pairs, target, &[target, target, target, &chain[4]], 5);
        let justification = build(&headers, 2, c).expect("builds");
        assert_eq!(justification.votes_ancestries.len(), 2);
        let encoded = justification.encode();
        let at = (target.hash(), target.number);
        assert!(verify(5, &set(&pairs), at, &encoded).is_ok());

        // Another set id: every signature is wrong.
        assert!(matches!(
            verify(6, &set(&pairs), at, &encoded),
            Err(JustificationError::BadSignature(_))
        ));
        // Another authority set.
        let strangers: Vec<_> = (9..=12u8)
            .map(|s| AuthorityPair::from_seed(&[s; 32]))
            .collect();
        assert!(matches!(
            verify(5, &set(&strangers), at, &encoded),
            Err(JustificationError::UnknownVoter(_))
        ));
        // Another block.
        assert!(matches!(
            verify(5, &set(&pairs), (chain[3].hash(), 4), &encoded),
            Err(JustificationError::WrongTarget { .. })
        ));
        // A flipped signature byte.
        let mut bad = justification.clone();
        let mut raw = bad.commit.precommits[1].signature.encode();
        raw[10] ^= 1;
        bad.commit.precommits[1].signature = Decode::decode(&mut &raw[..]).unwrap();
        assert!(matches!(
            verify(5, &set(&pairs), at, &bad.encode()),
            Err(JustificationError::BadSignature(_))
        ));
        // Missing ancestry for the descendant vote.
        let mut bare = justification.clone();
        bare.votes_ancestries.clear();
        assert!(matches!(
            verify(5, &set(&pairs), at, &bare.encode()),
            Err(JustificationError::NotDescendant(_))
        ));
        // Padding with an unneeded header.
        let mut padded = justification.clone();
        padded.votes_ancestries.push(chain[5].clone());
        assert!(matches!(
            verify(5, &set(&pairs), at, &padded.encode()),
            Err(JustificationError::UnusedAncestry(_))
        ));
        // Two precommits are not a supermajority of four.
        let mut thin = justification.clone();
        thin.commit.precommits.truncate(2);
        assert!(matches!(
            verify(5, &set(&pairs), at, &thin.encode()),
            Err(JustificationError::NoSupermajority)
        ));
        // Junk.
        assert!(matches!(
            verify(5, &set(&pairs), at, &[1, 2, 3]),
            Err(JustificationError::Undecodable(_))
        ));
        let mut trailing = encoded.clone();
        trailing.push(0);
        assert!(matches!(
            verify(5, &set(&pairs), at, &trailing),
            Err(JustificationError::Undecodable(_))
        ));
    }
}
