//! What a commitment holds, laid out byte for byte as subtensor's `pallet_commitments::types`
//! (read from opentensor/subtensor `pallets/commitments/src/types.rs` at `14bc6f9f9`), so that
//! Bittensor's SDK encodes and decodes it from the metadata unchanged. The module keeps
//! subtensor's name because the metadata carries it in each type's path
//! (`pallet_commitments::types::Data`, …).

use alloc::vec;

use codec::{
    Decode, DecodeWithMemTracking, Encode, EncodeLike, Error, Input, MaxEncodedLen, Output,
};
use frame_support::traits::{ConstU32, Get};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, PartialEqNoBound};
use scale_info::build::{Fields, Variants};
use scale_info::{Path, Type, TypeInfo};

/// Most bytes a `Raw` field holds (its tag is the length plus one, so at most 129).
pub const MAX_RAW_COMMITMENT_SIZE_BYTES: u32 = 128;
/// Most bytes of a timelock-encrypted field (subtensor's
/// `MAX_TIMELOCK_COMMITMENT_SIZE_BYTES`).
pub const MAX_TIMELOCK_COMMITMENT_SIZE_BYTES: u32 = 1024;
/// Most bytes of a `BigRaw` field (subtensor's `MAX_BIGRAW_COMMITMENT_SIZE_BYTES`).
pub const MAX_BIGRAW_COMMITMENT_SIZE_BYTES: u32 = 512;

/// Leading byte of each variant. `Raw` of `n` bytes takes `RAW_TAG_BASE + n`, so 1 to 129.
const NONE_TAG: u8 = 0;
const RAW_TAG_BASE: u8 = 1;
const RAW_TAG_LAST: u8 = 129;
const BLAKE_TWO_256_TAG: u8 = 130;
const SHA_256_TAG: u8 = 131;
const KECCAK_256_TAG: u8 = 132;
const SHA_THREE_256_TAG: u8 = 133;
const TIMELOCK_ENCRYPTED_TAG: u8 = 134;
const RESET_BONDS_FLAG_TAG: u8 = 135;
const BIG_RAW_TAG: u8 = 136;

/// One field of a commitment. The SCALE layout is subtensor's, which is not what
/// `derive(Encode)` would give: the leading byte of `Raw` is its length plus one and no
/// length prefix follows, so the metadata describes 129 variants `Raw0` … `Raw128`, each a
/// byte array of that size. Every variant is bounded: decoding a longer field fails.
#[derive(Clone, Eq, PartialEq, Debug, Default)]
pub enum Data {
    /// Nothing (tag 0).
    #[default]
    None,
    /// Up to 128 bytes stored as they are (tags 1 to 129): an address, a short hash.
    Raw(BoundedVec<u8, ConstU32<MAX_RAW_COMMITMENT_SIZE_BYTES>>),
    /// A BLAKE2b-256 hash (tag 130), e.g. of a model's weights.
    BlakeTwo256([u8; 32]),
    /// A SHA2-256 hash (tag 131).
    Sha256([u8; 32]),
    /// A Keccak-256 hash (tag 132).
    Keccak256([u8; 32]),
    /// A SHA3-256 hash (tag 133).
    ShaThree256([u8; 32]),
    /// Data timelock-encrypted to a drand round (tag 134). Stored as given: once drand
    /// publishes the round's signature, anyone can decrypt it off chain.
    TimelockEncrypted {
        /// The ciphertext.
        encrypted: BoundedVec<u8, ConstU32<MAX_TIMELOCK_COMMITMENT_SIZE_BYTES>>,
        /// The drand round whose signature decrypts it.
        reveal_round: u64,
    },
    /// Asks that validators' bonds in the committing miner be reset (tag 135), where the
    /// subnet allows it (`SubtensorModule::BondsResetOn`).
    ResetBondsFlag,
    /// Up to 512 bytes stored as they are, with a SCALE length prefix (tag 136).
    BigRaw(BoundedVec<u8, ConstU32<MAX_BIGRAW_COMMITMENT_SIZE_BYTES>>),
}

impl Data {
    /// Bytes this field counts against the hotkey's space per tempo: its payload, as
    /// subtensor counts (hashes 32, flags and `None` nothing).
    pub fn len_for_rate_limit(&self) -> u64 {
        let len = match self {
            Data::None | Data::ResetBondsFlag => 0,
            Data::Raw(bytes) => bytes.len(),
            Data::BlakeTwo256(hash)
            | Data::Sha256(hash)
            | Data::Keccak256(hash)
            | Data::ShaThree256(hash) => hash.len(),
            Data::TimelockEncrypted { encrypted, .. } => encrypted.len(),
            Data::BigRaw(bytes) => bytes.len(),
        };
        u64::try_from(len).unwrap_or(u64::MAX)
    }

    /// The leading byte of `Raw(bytes)`: its length plus one (at most 129: the type bounds
    /// the length by 128).
    fn raw_tag(bytes: &[u8]) -> u8 {
        u8::try_from(bytes.len())
            .unwrap_or(u8::MAX)
            .min(RAW_TAG_LAST.saturating_sub(RAW_TAG_BASE))
            .saturating_add(RAW_TAG_BASE)
    }
}

impl Encode for Data {
    fn size_hint(&self) -> usize {
        1usize.saturating_add(match self {
            Data::None | Data::ResetBondsFlag => 0,
            Data::Raw(bytes) => bytes.len(),
            Data::BlakeTwo256(_) | Data::Sha256(_) | Data::Keccak256(_) | Data::ShaThree256(_) => {
                32
            }
            Data::TimelockEncrypted { encrypted, .. } => encrypted.size_hint().saturating_add(8),
            Data::BigRaw(bytes) => bytes.size_hint(),
        })
    }

    fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
        match self {
            Data::None => dest.push_byte(NONE_TAG),
            Data::Raw(bytes) => {
                dest.push_byte(Self::raw_tag(bytes));
                dest.write(bytes);
            }
            Data::BlakeTwo256(hash) => {
                dest.push_byte(BLAKE_TWO_256_TAG);
                dest.write(hash);
            }
            Data::Sha256(hash) => {
                dest.push_byte(SHA_256_TAG);
                dest.write(hash);
            }
            Data::Keccak256(hash) => {
                dest.push_byte(KECCAK_256_TAG);
                dest.write(hash);
            }
            Data::ShaThree256(hash) => {
                dest.push_byte(SHA_THREE_256_TAG);
                dest.write(hash);
            }
            Data::TimelockEncrypted {
                encrypted,
                reveal_round,
            } => {
                dest.push_byte(TIMELOCK_ENCRYPTED_TAG);
                encrypted.encode_to(dest);
                reveal_round.encode_to(dest);
            }
            Data::ResetBondsFlag => dest.push_byte(RESET_BONDS_FLAG_TAG),
            Data::BigRaw(bytes) => {
                dest.push_byte(BIG_RAW_TAG);
                bytes.encode_to(dest);
            }
        }
    }
}

impl EncodeLike for Data {}

impl Decode for Data {
    fn decode<I: Input>(input: &mut I) -> Result<Self, Error> {
        let tag = input.read_byte()?;
        Ok(match tag {
            NONE_TAG => Data::None,
            RAW_TAG_BASE..=RAW_TAG_LAST => {
                let len = usize::from(tag.saturating_sub(RAW_TAG_BASE));
                input.on_before_alloc_mem(len)?;
                let mut bytes = vec![0u8; len];
                input.read(&mut bytes)?;
                Data::Raw(
                    BoundedVec::try_from(bytes)
                        .map_err(|_| Error::from("Raw data over 128 bytes"))?,
                )
            }
            BLAKE_TWO_256_TAG => Data::BlakeTwo256(<[u8; 32]>::decode(input)?),
            SHA_256_TAG => Data::Sha256(<[u8; 32]>::decode(input)?),
            KECCAK_256_TAG => Data::Keccak256(<[u8; 32]>::decode(input)?),
            SHA_THREE_256_TAG => Data::ShaThree256(<[u8; 32]>::decode(input)?),
            TIMELOCK_ENCRYPTED_TAG => Data::TimelockEncrypted {
                encrypted: BoundedVec::decode(input)?,
                reveal_round: u64::decode(input)?,
            },
            RESET_BONDS_FLAG_TAG => Data::ResetBondsFlag,
            BIG_RAW_TAG => Data::BigRaw(BoundedVec::decode(input)?),
            _ => return Err(Error::from("invalid Data tag")),
        })
    }
}

/// Decoding allocates only the bounded vectors, through `BoundedVec`'s own tracked decoding,
/// and `Raw`'s at most 128 bytes, announced to the input first.
impl DecodeWithMemTracking for Data {}

impl MaxEncodedLen for Data {
    fn max_encoded_len() -> usize {
        let timelock =
            BoundedVec::<u8, ConstU32<MAX_TIMELOCK_COMMITMENT_SIZE_BYTES>>::max_encoded_len()
                .saturating_add(u64::max_encoded_len());
        let big_raw =
            BoundedVec::<u8, ConstU32<MAX_BIGRAW_COMMITMENT_SIZE_BYTES>>::max_encoded_len();
        let raw = MAX_RAW_COMMITMENT_SIZE_BYTES as usize;
        1usize.saturating_add(timelock.max(big_raw).max(raw).max(32))
    }
}

/// Adds the variants `Raw0` … `Raw128` at tags 1 … 129, each one byte array of its size.
macro_rules! raw_variants {
    ($variants:expr; $($size:literal)*) => {
        $variants
        $(
            .variant(concat!("Raw", stringify!($size)), |v| {
                v.index(RAW_TAG_BASE + $size)
                    .fields(Fields::unnamed().field(|f| f.ty::<[u8; $size]>()))
            })
        )*
    };
}

impl TypeInfo for Data {
    type Identity = Self;

    fn type_info() -> Type {
        let variants = Variants::new().variant("None", |v| v.index(NONE_TAG));
        let variants = raw_variants!(variants;
            0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
            32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59
            60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87
            88 89 90 91 92 93 94 95 96 97 98 99 100 101 102 103 104 105 106 107 108 109 110 111
            112 113 114 115 116 117 118 119 120 121 122 123 124 125 126 127 128);
        let variants = variants
            .variant("BlakeTwo256", |v| {
                v.index(BLAKE_TWO_256_TAG)
                    .fields(Fields::unnamed().field(|f| f.ty::<[u8; 32]>()))
            })
            .variant("Sha256", |v| {
                v.index(SHA_256_TAG)
                    .fields(Fields::unnamed().field(|f| f.ty::<[u8; 32]>()))
            })
            .variant("Keccak256", |v| {
                v.index(KECCAK_256_TAG)
                    .fields(Fields::unnamed().field(|f| f.ty::<[u8; 32]>()))
            })
            .variant("ShaThree256", |v| {
                v.index(SHA_THREE_256_TAG)
                    .fields(Fields::unnamed().field(|f| f.ty::<[u8; 32]>()))
            })
            .variant("TimelockEncrypted", |v| {
                v.index(TIMELOCK_ENCRYPTED_TAG).fields(
                    Fields::named()
                        .field(|f| {
                            f.name("encrypted")
                                .ty::<BoundedVec<u8, ConstU32<MAX_TIMELOCK_COMMITMENT_SIZE_BYTES>>>(
                                )
                        })
                        .field(|f| f.name("reveal_round").ty::<u64>()),
                )
            })
            .variant("ResetBondsFlag", |v| v.index(RESET_BONDS_FLAG_TAG))
            .variant("BigRaw", |v| {
                v.index(BIG_RAW_TAG).fields(Fields::unnamed().field(|f| {
                    f.ty::<BoundedVec<u8, ConstU32<MAX_BIGRAW_COMMITMENT_SIZE_BYTES>>>()
                }))
            });
        Type::builder()
            .path(Path::new("Data", module_path!()))
            .variant(variants)
    }
}

/// The fields a hotkey commits on a subnet: at most `FieldLimit` of them (the runtime's
/// `MaxFields`); a call carrying more does not decode.
#[derive(
    CloneNoBound,
    DefaultNoBound,
    Encode,
    Decode,
    DecodeWithMemTracking,
    Eq,
    MaxEncodedLen,
    PartialEqNoBound,
    DebugNoBound,
    TypeInfo,
)]
#[codec(mel_bound())]
#[scale_info(skip_type_params(FieldLimit))]
pub struct CommitmentInfo<FieldLimit: Get<u32>> {
    /// The fields, in the order given.
    pub fields: BoundedVec<Data, FieldLimit>,
}

/// A stored commitment: what the hotkey holds on deposit for it, the block it was made in,
/// and its fields (`CommitmentOf`'s value, in subtensor's field order).
#[derive(
    CloneNoBound, Encode, Decode, Eq, MaxEncodedLen, PartialEqNoBound, DebugNoBound, TypeInfo,
)]
#[codec(mel_bound(Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
#[scale_info(skip_type_params(MaxFields))]
pub struct Registration<
    Balance: Clone + Eq + core::fmt::Debug,
    MaxFields: Get<u32>,
    BlockNumber: Clone + Eq + core::fmt::Debug,
> {
    /// Held from the hotkey while the commitment is stored.
    pub deposit: Balance,
    /// Block of the commitment.
    pub block: BlockNumber,
    /// The fields.
    pub info: CommitmentInfo<MaxFields>,
}

/// Space a hotkey has used on a subnet in one epoch (`UsedSpaceOf`'s value).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct UsageTracker {
    /// The epoch (`SubtensorModule`'s epoch index of the subnet) the count belongs to.
    pub last_epoch: u64,
    /// Bytes counted in that epoch.
    pub used_space: u64,
}
