//! The runtime's APIs as its metadata (V15) lists them, and a check of a call's input
//! against the parameter types the metadata gives: what a node can know about
//! `state_call` input before it calls into the runtime. Each parameter is walked twice.
//! First `scale-decode` skips over it, which allocates nothing and fails where the bytes
//! run out, so every length it declares is backed by input. Then `scale-value` decodes it
//! into a value, which checks what the runtime's decoding checks, text as UTF-8 included.
//! The fuzzer showed both are needed: skipping alone let a preset name of invalid UTF-8
//! through, and `scale-value` alone reserves whatever length a sequence declares (an
//! 85 GB allocation from 7 bytes of input).
//!
//! Extrinsic and call parameters are the exception, decoded with the runtime's own types.
//! The metadata describes an extrinsic as plain bytes, and only the runtime's type knows
//! its format (its version byte, its preamble); and a bounded vector as an unbounded
//! sequence, so its limit is unseen. The fuzzer found both: `query_fee_details` with a
//! byte string the metadata accepts, and `query_call_fee_details` with a commitment of
//! too many fields, made the runtime panic.

use codec::{Decode, DecodeLimit};
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use scale_decode::visitor::{decode_with_visitor, IgnoreVisitor};
use scale_info::PortableRegistry;

/// One runtime API method: its `state_call` name and its parameters' type ids.
pub struct Method {
    /// `Api_method`, as `state_call` names it.
    pub name: String,
    /// Each parameter, in order.
    pub inputs: Vec<Param>,
}

/// How a parameter's bytes are checked.
#[derive(Clone, Copy)]
pub enum Param {
    /// By its type in the metadata.
    Typed(u32),
    /// As the runtime's `UncheckedExtrinsic`.
    Extrinsic,
    /// As the runtime's `RuntimeCall`, nested at most as deep as in an extrinsic.
    Call,
}

/// The runtime's APIs and the type registry their parameters refer to.
pub struct Apis {
    /// Every method, in metadata order.
    pub methods: Vec<Method>,
    /// The metadata's types.
    pub types: PortableRegistry,
}

impl Apis {
    /// Reads them from the runtime's own metadata (version 15).
    pub fn from_runtime() -> Self {
        let opaque = taonet_runtime::Runtime::metadata_at_version(15).expect("metadata V15");
        let prefixed = RuntimeMetadataPrefixed::decode(&mut &opaque[..]).expect("metadata decodes");
        let RuntimeMetadata::V15(metadata) = prefixed.1 else {
            panic!("not metadata V15");
        };
        let types = &metadata.types;
        let param = |ty: u32| {
            let name = types
                .resolve(ty)
                .and_then(|info| info.path.segments.last().cloned());
            match name.as_deref() {
                Some("UncheckedExtrinsic") => Param::Extrinsic,
                Some("RuntimeCall") => Param::Call,
                _ => Param::Typed(ty),
            }
        };
        let methods = metadata
            .apis
            .iter()
            .flat_map(|api| {
                api.methods.iter().map(move |method| Method {
                    name: format!("{}_{}", api.name, method.name),
                    inputs: method
                        .inputs
                        .iter()
                        .map(|input| param(input.ty.id))
                        .collect(),
                })
            })
            .collect();
        Apis {
            methods,
            types: metadata.types,
        }
    }

    /// Whether `input` holds a value of each of `method`'s parameter types, in order, and
    /// nothing else.
    pub fn accepts(&self, method: &Method, input: &[u8]) -> bool {
        let mut cursor = input;
        for &param in &method.inputs {
            let ok = match param {
                Param::Typed(ty) => {
                    let mut skipped = cursor;
                    let visitor = IgnoreVisitor::<PortableRegistry>::new();
                    decode_with_visitor(&mut skipped, ty, &self.types, visitor).is_ok()
                        && scale_value::scale::decode_as_type(&mut cursor, ty, &self.types).is_ok()
                }
                Param::Extrinsic => taonet_runtime::UncheckedExtrinsic::decode(&mut cursor).is_ok(),
                Param::Call => taonet_runtime::RuntimeCall::decode_with_depth_limit(
                    crate::MAX_CALL_DEPTH,
                    &mut cursor,
                )
                .is_ok(),
            };
            if !ok {
                return false;
            }
        }
        cursor.is_empty()
    }
}
