//! Request-response: the status handshake (refusing peers of another chain) and block
//! ranges, served from the database and asked for by the sync, whose imports (of blocks,
//! and of the justifications GRANDPA asks for) run here.

use std::io;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use libp2p::request_response::{self, InboundFailure, OutboundFailure};
use libp2p::PeerId;
use taonet_runtime::{BlockNumber, Hash};

use super::{Internal, Worker, REFUSAL_GRACE};
use crate::grandpa::GrandpaError;
use crate::network::counters::DropReason;
use crate::network::peers::{Penalty, OTHER_CHAIN_BAN};
use crate::network::protocol::{Status, StatusMessage, SyncRequest, SyncResponse};
use crate::network::sync::{self, Action};

impl Worker {
    /// Our status, as the handshake sends it.
    pub(super) fn status(&self) -> StatusMessage {
        let info = self.client.info();
        StatusMessage::V1(Status {
            genesis: info.genesis,
            best_number: info.best.number,
            best_hash: info.best.hash,
            finalized_number: info.finalized.number,
            finalized_hash: info.finalized.hash,
            role: self.config.role,
        })
    }

    pub(super) fn send_status(&mut self, peer: PeerId) {
        let status = self.status();
        self.swarm
            .behaviour_mut()
            .status
            .send_request(&peer, status);
    }

    pub(super) fn on_status_event(
        &mut self,
        event: request_response::Event<StatusMessage, StatusMessage>,
    ) {
        match event {
            request_response::Event::Message { peer, message, .. } => match message {
                request_response::Message::Request {
                    request, channel, ..
                } => {
                    let ours = self.status();
                    let _ = self
                        .swarm
                        .behaviour_mut()
                        .status
                        .send_response(channel, ours);
                    self.on_status(peer, request);
                }
                request_response::Message::Response { response, .. } => {
                    self.on_status(peer, response)
                }
            },
            request_response::Event::OutboundFailure { peer, error, .. } => {
                if matches!(error, OutboundFailure::UnsupportedProtocols) {
                    tracing::debug!(target: "net::peers", %peer, "not a taonet node");
                    let _ = self.swarm.disconnect_peer_id(peer);
                } else if let OutboundFailure::Io(error) = &error {
                    self.on_bad_io(peer, error);
                }
            }
            request_response::Event::InboundFailure {
                peer,
                error: InboundFailure::Io(error),
                ..
            } => self.on_bad_io(peer, &error),
            _ => {}
        }
    }

    /// A peer's handshake or refreshed status.
    pub(super) fn on_status(&mut self, peer: PeerId, StatusMessage::V1(status): StatusMessage) {
        if self.peers.is_banned(&peer) {
            return;
        }
        let genesis = self.client.info().genesis;
        if status.genesis != genesis {
            tracing::warn!(
                target: "net::peers",
                %peer, their_genesis = %status.genesis, our_genesis = %genesis,
                "peer is on another chain: disconnecting"
            );
            // Banned at once (nothing it sends is used), disconnected after a grace period.
            self.peers.ban(peer, OTHER_CHAIN_BAN);
            self.store.forget(&peer);
            self.swarm.behaviour_mut().kad.remove_peer(&peer);
            self.refused.push((peer, Instant::now() + REFUSAL_GRACE));
            return;
        }
        let Some(entry) = self.peers.get_mut(&peer) else {
            return;
        };
        let first = entry.status.is_none();
        if first {
            tracing::info!(
                target: "net::peers",
                %peer, role = status.role.as_str(), best = status.best_number,
                "peer connected"
            );
        }
        self.sync
            .peer_status(peer, status.best_number, status.best_hash);
        entry.status = Some(status);
        if first {
            self.remember(peer);
        }
        self.publish_state(true);
    }

    /// An undecodable or oversized request or response from `peer`.
    pub(super) fn on_bad_io(&mut self, peer: PeerId, error: &io::Error) {
        if error.kind() == io::ErrorKind::InvalidData {
            self.penalise(peer, Penalty::BadMessage, &error.to_string());
        }
    }

    pub(super) fn on_sync_event(
        &mut self,
        event: request_response::Event<SyncRequest, SyncResponse>,
    ) {
        match event {
            request_response::Event::Message { peer, message, .. } => match message {
                request_response::Message::Request {
                    request: SyncRequest::V1(request),
                    channel,
                    ..
                } => {
                    if self.peers.is_banned(&peer) {
                        return;
                    }
                    if !self.serving.try_start(peer) {
                        tracing::debug!(target: "net::sync", %peer, "too many ranges being served: request dropped");
                        self.shared
                            .counters
                            .dropped(peer, DropReason::BlockRequests);
                        return;
                    }
                    let client = self.client.clone();
                    let tx = self.internal_tx.clone();
                    tokio::task::spawn_blocking(move || {
                        let answer = match crate::network::server::serve(&client, &request) {
                            Ok(response) => Some((channel, response)),
                            Err(error) => {
                                tracing::warn!(target: "net::sync", %error, "cannot serve blocks");
                                None
                            }
                        };
                        let _ = tx.send(Internal::Served { peer, answer });
                    });
                }
                request_response::Message::Response {
                    request_id,
                    response: SyncResponse::V1(blocks),
                } => {
                    let Some((_, purpose)) = self.requests.remove(&request_id) else {
                        return;
                    };
                    let actions = self.sync.on_response(&self.client, peer, purpose, blocks);
                    self.apply(actions);
                }
            },
            request_response::Event::OutboundFailure {
                peer,
                request_id,
                error,
                ..
            } => {
                tracing::debug!(target: "net::sync", %peer, %error, "block request failed");
                if let Some((_, purpose)) = self.requests.remove(&request_id) {
                    let actions = self.sync.on_request_failed(peer, purpose);
                    self.apply(actions);
                }
                match &error {
                    OutboundFailure::Io(error) if error.kind() == io::ErrorKind::InvalidData => {
                        self.on_bad_io(peer, error)
                    }
                    OutboundFailure::Timeout => {
                        self.penalise(peer, Penalty::RequestFailed, "request timed out")
                    }
                    _ => {}
                }
            }
            request_response::Event::InboundFailure {
                peer,
                error: InboundFailure::Io(error),
                ..
            } => self.on_bad_io(peer, &error),
            _ => {}
        }
    }

    pub(super) fn apply(&mut self, actions: Vec<Action>) {
        for action in actions {
            match action {
                Action::Request {
                    peer,
                    request,
                    purpose,
                } => {
                    let id = self
                        .swarm
                        .behaviour_mut()
                        .sync
                        .send_request(&peer, SyncRequest::V1(request));
                    self.requests.insert(id, (peer, purpose));
                }
                Action::Import(job) => {
                    self.imports.push_back(job);
                    self.start_import();
                }
                Action::ImportJustification {
                    peer,
                    hash,
                    number,
                    justification,
                } => self.import_justification(peer, hash, number, justification),
                Action::Penalise { peer, penalty, why } => self.penalise(peer, penalty, &why),
                Action::Validate {
                    message,
                    source,
                    acceptance,
                } => {
                    self.report_gossip(&message, &source, acceptance);
                }
            }
        }
    }

    /// Has GRANDPA verify and finalize with a justification that `peer` sent for block
    /// `hash`, on a blocking thread (it checks every signature); one that does not verify
    /// costs the peer reputation.
    fn import_justification(
        &mut self,
        peer: PeerId,
        hash: Hash,
        number: BlockNumber,
        justification: Vec<u8>,
    ) {
        let Some(handle) = self.grandpa.justifications.clone() else {
            return;
        };
        let tx = self.internal_tx.clone();
        tokio::task::spawn_blocking(move || {
            match handle.import_justification(hash, &justification) {
                Ok(()) => tracing::info!(
                    target: "net::sync",
                    %peer, number, %hash, "finalized with a justification fetched from a peer"
                ),
                Err(GrandpaError::Justification(error)) => {
                    let _ = tx.send(Internal::Penalise {
                        peer,
                        penalty: Penalty::BadFinalityMessage,
                        why: format!("justification of block {number}: {error}"),
                    });
                }
                Err(error) => tracing::debug!(
                    target: "net::sync",
                    %peer, number, %hash, %error, "fetched justification not imported"
                ),
            }
        });
    }

    /// Starts the next import job on a blocking thread, unless one is running.
    pub(super) fn start_import(&mut self) {
        if self.importing.is_some() {
            return;
        }
        let Some(job) = self.imports.pop_front() else {
            return;
        };
        self.importing = Some(super::RunningImport {
            since: Instant::now(),
            reported: false,
        });
        let client = self.client.clone();
        let tx = self.internal_tx.clone();
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or_default();
        let now_slot = now_ms / self.slot_duration;
        let grandpa = self.grandpa.justifications.clone();
        tokio::task::spawn_blocking(move || {
            let outcome = sync::import_blocks_with(&client, job, now_slot, grandpa.as_ref());
            let _ = tx.send(Internal::Imported(outcome));
        });
    }
}
