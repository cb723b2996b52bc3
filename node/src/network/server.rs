//! Answering peers' block range requests from the local chain, within the protocol's caps
//! on block count and response size.

use codec::Encode;
use sp_runtime::traits::Header as _;

use super::protocol::{
    BlockData, BlockId, BlockRequest, Direction, SyncResponse, MAX_BLOCKS_PER_REQUEST,
    MAX_RESPONSE_BYTES,
};
use crate::chain::{ChainError, Client};

/// The blocks `request` asks for, as far as this node has them: at most
/// [`MAX_BLOCKS_PER_REQUEST`] blocks and [`MAX_RESPONSE_BYTES`] bytes (but at least one
/// block when the first is known). Blocking: it reads the database.
pub fn serve(client: &Client, request: &BlockRequest) -> Result<SyncResponse, ChainError> {
    let max = request.max_blocks.clamp(1, MAX_BLOCKS_PER_REQUEST);
    let first = match request.from {
        BlockId::Hash(hash) => client.header(&hash)?.map(|_| hash),
        BlockId::Number(number) => client.hash(number)?,
    };
    let mut blocks = Vec::new();
    let mut size = 0usize;
    let mut cursor = first;
    while let Some(hash) = cursor {
        if blocks.len() >= max as usize {
            break;
        }
        let Some((block, justifications)) = client.block(&hash)? else {
            break;
        };
        let number = *block.header.number();
        let data = BlockData {
            hash,
            header: request.fields.header.then(|| block.header.clone()),
            body: request
                .fields
                .body
                .then(|| block.extrinsics.iter().map(Encode::encode).collect()),
            justifications: if request.fields.justifications {
                justifications.map(|j| j.encode())
            } else {
                None
            },
        };
        let encoded = data.encoded_size();
        if !blocks.is_empty() && size.saturating_add(encoded) > MAX_RESPONSE_BYTES {
            break;
        }
        size = size.saturating_add(encoded);
        blocks.push(data);
        cursor = match request.direction {
            Direction::Ascending => {
                // Ascending follows the canonical chain: only from a canonical block.
                if client.hash(number)? != Some(hash) {
                    break;
                }
                match number.checked_add(1) {
                    Some(next) => client.hash(next)?,
                    None => None,
                }
            }
            Direction::Descending => {
                if number == 0 {
                    None
                } else {
                    Some(*block.header.parent_hash())
                }
            }
        };
    }
    Ok(SyncResponse::V1(blocks))
}
