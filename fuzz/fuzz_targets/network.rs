//! Any bytes as a peer sends them, read by the node's own parsers and handled as the
//! network task handles them, on a real development chain. The first byte picks what the
//! rest is:
//!
//! 0. a status handshake (request-response framing, the node's size limit);
//! 1. a block request, then served from the chain as the node serves it;
//! 2. an answer to the sync state machine's first request to a peer that claims a longer
//!    chain (the ancestor probe, or the range download once the probe agreed), whose
//!    import jobs are run and whose justifications are verified against the genesis set;
//! 3. an answer to a justification request for the genesis block's child, likewise;
//! 4. a block announcement (gossip);
//! 5. a gossiped transaction, then submitted to the pool as the network submits it;
//! 6. a GRANDPA request (request-response), then read as a GRANDPA message;
//! 7. a gossiped GRANDPA message.
//!
//! Nothing may panic, and every answer must be an error or a value.

#![no_main]

use futures::executor::block_on;
use libfuzzer_sys::fuzz_target;
use libp2p::request_response::Codec;
use libp2p::{PeerId, StreamProtocol};
use sp_runtime::transaction_validity::TransactionSource;
use taonet_fuzz::node::{dev_node, DevNode};
use taonet_node::grandpa::{verify_justification, GossipMessage};
use taonet_node::network::behaviour::GRANDPA_REQUEST_BYTES;
use taonet_node::network::codec::ScaleCodec;
use taonet_node::network::protocol::{
    decode_all, AnnounceMessage, BlockData, GrandpaRequest, StatusMessage, SyncRequest,
    SyncResponse, TransactionMessage, MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES,
};
use taonet_node::network::server;
use taonet_node::network::sync::{self, Action, Sync};

/// The protocol name the codec is handed (it does not look at it).
const PROTOCOL: StreamProtocol = StreamProtocol::new("/fuzz");

fuzz_target!(
    // Opening the chain compiles its runtime: once, before the clock of slow inputs starts.
    init: {
        dev_node();
    },
    |data: &[u8]| {
        let Some((&kind, bytes)) = data.split_first() else {
            return;
        };
        let node = dev_node();
        match kind % 8 {
            0 => {
                let mut codec = ScaleCodec::<StatusMessage, StatusMessage>::new(
                    MAX_REQUEST_BYTES,
                    MAX_REQUEST_BYTES,
                );
                let _ = block_on(codec.read_request(&PROTOCOL, &mut &bytes[..]));
            }
            1 => {
                let mut codec = sync_codec();
                if let Ok(SyncRequest::V1(request)) =
                    block_on(codec.read_request(&PROTOCOL, &mut &bytes[..]))
                {
                    let _ = server::serve(&node.client, &request);
                }
            }
            2 | 3 => {
                let mut codec = sync_codec();
                if let Ok(SyncResponse::V1(blocks)) =
                    block_on(codec.read_response(&PROTOCOL, &mut &bytes[..]))
                {
                    answer_sync(node, kind % 8 == 3, blocks);
                }
            }
            4 => {
                let _ = decode_all::<AnnounceMessage>(bytes);
            }
            5 => {
                if let Ok(TransactionMessage::V1(xt)) = decode_all::<TransactionMessage>(bytes) {
                    let _ = node.pool.submit(&xt, TransactionSource::External);
                }
            }
            6 => {
                let mut codec =
                    ScaleCodec::<GrandpaRequest, ()>::new(GRANDPA_REQUEST_BYTES, 16);
                if let Ok(GrandpaRequest::V1(message)) =
                    block_on(codec.read_request(&PROTOCOL, &mut &bytes[..]))
                {
                    let _ = GossipMessage::from_bytes(&message);
                }
            }
            _ => {
                let _ = GossipMessage::from_bytes(bytes);
            }
        }
    }
);

/// The sync protocol's codec with the node's limits.
fn sync_codec() -> ScaleCodec<SyncRequest, SyncResponse> {
    ScaleCodec::new(MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES + 64 * 1024)
}

/// Gives `blocks` to a fresh sync state machine as a peer's answer to its first request
/// (a justification request when `justification`), then does what it asks in return, as
/// the network task would: imports, verification of justifications, and the answers to
/// its next requests (the same blocks again, a few rounds at most).
fn answer_sync(node: &DevNode, justification: bool, blocks: Vec<BlockData>) {
    let client = &node.client;
    let peer = PeerId::from_bytes(&[0, 2, 8, 1]).unwrap_or_else(|_| PeerId::random());
    let mut sync = Sync::default();
    sync.peer_status(peer, 64, sp_core::H256::repeat_byte(7));
    let mut actions = if justification {
        sync.request_justification(sp_core::H256::repeat_byte(1), 1)
    } else {
        sync.poll(client)
    };
    for _ in 0..4 {
        let mut next = Vec::new();
        for action in actions {
            match action {
                Action::Request { peer, purpose, .. } => {
                    next.extend(sync.on_response(client, peer, purpose, blocks.clone()));
                }
                Action::Import(job) => {
                    let outcome = sync::import_blocks(client, job, u64::MAX);
                    next.extend(sync.on_imported(outcome));
                }
                Action::ImportJustification {
                    hash,
                    number,
                    justification,
                    ..
                } => {
                    let _ = verify_justification(
                        0,
                        &node.grandpa_authorities,
                        (hash, number),
                        &justification,
                    );
                }
                _ => {}
            }
        }
        next.extend(sync.poll(client));
        actions = next;
    }
}
