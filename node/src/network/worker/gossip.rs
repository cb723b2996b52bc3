//! Gossip: block announcements and transactions in, validated before they are relayed
//! (a message larger than its topic allows costs its sender reputation); our new blocks
//! and newly pooled transactions out.

use codec::Encode;
use libp2p::gossipsub::{self, IdentTopic, MessageAcceptance, MessageId, PublishError};
use libp2p::PeerId;
use sp_runtime::traits::Header as _;
use sp_runtime::transaction_validity::{TransactionSource, TransactionValidityError};
use taonet_runtime::Hash;

use super::{Internal, Worker};
use crate::chain::{BlockOrigin, ChainEvent};
use crate::network::counters::DropReason;
use crate::network::peers::Penalty;
use crate::network::protocol::{
    decode_all, AnnounceMessage, BlockAnnounce, TransactionMessage, MAX_ANNOUNCE_BYTES,
    MAX_GOSSIP_BYTES,
};
use crate::txpool::PoolError;

impl Worker {
    pub(super) fn on_gossip(
        &mut self,
        forwarder: PeerId,
        id: MessageId,
        message: gossipsub::Message,
    ) {
        let report = |worker: &mut Worker, acceptance| {
            worker.report_gossip(&id, &forwarder, acceptance);
        };
        if self.peers.is_banned(&forwarder) {
            report(self, MessageAcceptance::Ignore);
            return;
        }
        let limit = if message.topic == self.blocks_topic.hash() {
            MAX_ANNOUNCE_BYTES
        } else if self.grandpa.is_topic(&message.topic) {
            crate::grandpa::MAX_MESSAGE_SIZE
        } else {
            MAX_GOSSIP_BYTES
        };
        if message.data.len() > limit {
            report(self, MessageAcceptance::Reject);
            self.penalise(
                forwarder,
                Penalty::BadMessage,
                &format!(
                    "oversized gossip: {} bytes where {limit} are allowed",
                    message.data.len()
                ),
            );
            return;
        }
        if message.topic == self.blocks_topic.hash() {
            let announce = match decode_all::<AnnounceMessage>(&message.data) {
                Ok(AnnounceMessage::V1(announce)) => announce,
                Err(error) => {
                    report(self, MessageAcceptance::Reject);
                    self.penalise(
                        forwarder,
                        Penalty::BadMessage,
                        &format!("bad announcement: {error}"),
                    );
                    return;
                }
            };
            if announce.header.hash() != announce.hash {
                report(self, MessageAcceptance::Reject);
                self.penalise(
                    forwarder,
                    Penalty::BadAnnounce,
                    "announced hash is not the header's",
                );
                return;
            }
            let number = *announce.header.number();
            tracing::debug!(
                target: "net::gossip",
                peer = %forwarder, number, hash = %announce.hash, "block announced"
            );
            let mut holders = vec![forwarder];
            if let Some(author) = message.source.filter(|a| self.peers.get(a).is_some()) {
                holders.push(author);
            }
            let actions = self.sync.on_announce(
                &self.client,
                &holders,
                number,
                announce.hash,
                *announce.header.parent_hash(),
                (id, forwarder),
            );
            self.apply(actions);
        } else if message.topic == self.transactions_topic.hash() {
            match decode_all::<TransactionMessage>(&message.data) {
                Ok(TransactionMessage::V1(bytes)) => {
                    if !self.validations.try_start(forwarder) {
                        // Not relayed; an honest sender's transaction comes again from
                        // other peers or from its author's resubmission.
                        self.shared
                            .counters
                            .dropped(forwarder, DropReason::TxValidations);
                        report(self, MessageAcceptance::Ignore);
                        return;
                    }
                    let pool = self.pool.clone();
                    let tx = self.internal_tx.clone();
                    tokio::task::spawn_blocking(move || {
                        let result = pool.submit(&bytes, TransactionSource::External);
                        let _ = tx.send(Internal::TxValidated {
                            message: id,
                            source: forwarder,
                            result,
                        });
                    });
                }
                Err(error) => {
                    report(self, MessageAcceptance::Reject);
                    self.penalise(
                        forwarder,
                        Penalty::BadMessage,
                        &format!("bad transaction message: {error}"),
                    );
                }
            }
        } else if self.grandpa.is_topic(&message.topic) {
            // The voter validates (and reports) GRANDPA messages itself, and says whether
            // gossipsub may relay them on.
            self.on_grandpa_message(message.source, forwarder, id, message.data);
        } else {
            report(self, MessageAcceptance::Ignore);
        }
    }

    pub(super) fn on_chain(&mut self, event: ChainEvent) {
        let ChainEvent::Imported(imported) = event else {
            return;
        };
        if !imported.new_best {
            return;
        }
        let announce = match imported.origin {
            BlockOrigin::Own => true,
            BlockOrigin::Network => !self.sync.is_major_syncing(*imported.block.header.number()),
            BlockOrigin::File => false,
        };
        if !announce {
            return;
        }
        let message = AnnounceMessage::V1(BlockAnnounce {
            hash: imported.hash,
            header: imported.block.header.clone(),
        });
        let topic = self.blocks_topic.clone();
        self.publish(topic, message.encode(), "block announcement");
    }

    pub(super) fn publish_transaction(&mut self, bytes: &[u8]) {
        let message = TransactionMessage::V1(bytes.to_vec());
        let topic = self.transactions_topic.clone();
        self.publish(topic, message.encode(), "transaction");
    }

    pub(super) fn publish(&mut self, topic: IdentTopic, data: Vec<u8>, what: &str) {
        match self.swarm.behaviour_mut().gossipsub.publish(topic, data) {
            Ok(_) => tracing::debug!(target: "net::gossip", what, "published"),
            Err(PublishError::Duplicate) => {}
            Err(PublishError::NoPeersSubscribedToTopic) => {
                tracing::debug!(target: "net::gossip", what, "no peer to gossip to");
            }
            Err(error) => tracing::warn!(target: "net::gossip", what, %error, "cannot gossip"),
        }
    }

    /// A gossiped transaction went through the pool: relay it if accepted, penalise its
    /// forwarder if it is junk or invalid.
    pub(super) fn on_transaction_validated(
        &mut self,
        message: MessageId,
        source: PeerId,
        result: Result<Hash, PoolError>,
    ) {
        self.validations.finish(&source);
        let acceptance = match &result {
            Ok(hash) => {
                tracing::debug!(target: "net::gossip", %hash, "transaction from peer pooled");
                MessageAcceptance::Accept
            }
            Err(PoolError::BadFormat(why)) => {
                self.penalise(
                    source,
                    Penalty::BadMessage,
                    &format!("bad transaction: {why}"),
                );
                MessageAcceptance::Reject
            }
            Err(PoolError::Invalid(TransactionValidityError::Invalid(why))) => {
                self.penalise(
                    source,
                    Penalty::InvalidTransaction,
                    &format!("invalid transaction: {why:?}"),
                );
                MessageAcceptance::Reject
            }
            Err(_) => MessageAcceptance::Ignore,
        };
        self.report_gossip(&message, &source, acceptance);
    }

    /// Tells gossipsub what a held message turned out to be: relay it (`Accept`) or not.
    pub(super) fn report_gossip(
        &mut self,
        id: &MessageId,
        forwarder: &PeerId,
        acceptance: MessageAcceptance,
    ) {
        self.swarm
            .behaviour_mut()
            .gossipsub
            .report_message_validation_result(id, forwarder, acceptance);
    }
}
