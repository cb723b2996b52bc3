//! The network task: owns the swarm, answers peers, gossips, and drives [`Sync`].
//! Connections, discovery and housekeeping are here; the handshake and block requests in
//! [`requests`], gossip in [`gossip`].
//!
//! Everything slow (serving ranges from the database, importing blocks, validating
//! transactions) runs on tokio's blocking pool and reports back through a channel, so the
//! swarm is polled without pause.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use libp2p::gossipsub::{self, IdentTopic, MessageId};
use libp2p::request_response::{OutboundRequestId, ResponseChannel};
use libp2p::swarm::dial_opts::DialOpts;
use libp2p::swarm::SwarmEvent;
use libp2p::{identify, kad, mdns, Multiaddr, PeerId, Swarm};
use taonet_runtime::Hash;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc;

use super::behaviour::{Behaviour, BehaviourEvent};
use super::config::NetworkConfig;
use super::counters::NetworkCounters;
use super::peer_store::{self, PeerStore};
use super::peers::{Peers, Penalty, Verdict};
use super::protocol::{ProtocolNames, SyncResponse};
use super::status::PeerInfo;
use super::sync::{ImportJob, ImportOutcome, Purpose, Sync};
use super::Command;
use super::{NetworkError, Shared, TICK};
use crate::chain::Client;
use crate::txpool::{PoolError, TxPool};

mod finality;
mod gossip;
mod inflight;
mod requests;

use inflight::Inflight;

/// A peer must complete the status handshake within this long after connecting.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(15);
/// How often peers' statuses are asked again (a missed announcement is caught up).
const STATUS_REFRESH: Duration = Duration::from_secs(10);
/// How often reputations drift back towards zero.
const REPUTATION_DECAY: Duration = Duration::from_secs(10);
/// How often boot and reserved nodes are dialed again when not connected.
const REDIAL: Duration = Duration::from_secs(5);
/// Most remembered peers dialed in one tick.
const STORED_DIALS_PER_TICK: usize = 8;
/// How often the DHT looks for more peers.
const KAD_BOOTSTRAP: Duration = Duration::from_secs(30);
/// How long a peer of another chain stays connected after the handshake, so that our
/// answer (with our genesis) reaches it and it learns why it is refused.
const REFUSAL_GRACE: Duration = Duration::from_secs(1);
/// An import job running longer than this is reported: imports run one at a time, so a
/// job that never returns stops all block import, silently otherwise.
const SLOW_IMPORT: Duration = Duration::from_secs(30);

/// Gossiped transactions validated at once, at most (the blocking pool's threads run
/// them on every core).
const MAX_TX_VALIDATIONS: usize = 256;
/// Gossiped transactions of one forwarding peer validated at once, at most.
const MAX_TX_VALIDATIONS_PER_PEER: usize = 64;
/// Block ranges served at once, at most.
const MAX_SERVED: usize = 16;
/// Block ranges served to one peer at once, at most.
const MAX_SERVED_PER_PEER: usize = 2;

/// What blocking work reports back to the network task.
enum Internal {
    /// A range request of `peer` was read from the database: its answer, unless reading
    /// failed.
    Served {
        peer: PeerId,
        answer: Option<(ResponseChannel<SyncResponse>, SyncResponse)>,
    },
    /// An import job ended.
    Imported(ImportOutcome),
    /// A peer sent something found bad off the network task.
    Penalise {
        peer: PeerId,
        penalty: Penalty,
        why: String,
    },
    /// A gossiped transaction went through the pool.
    TxValidated {
        message: MessageId,
        source: PeerId,
        result: Result<Hash, PoolError>,
    },
}

/// The network task's state.
pub(super) struct Worker {
    swarm: Swarm<Behaviour>,
    client: Arc<Client>,
    pool: Arc<TxPool>,
    shared: Arc<Shared>,
    config: NetworkConfig,
    blocks_topic: IdentTopic,
    transactions_topic: IdentTopic,
    kad_protocol: libp2p::StreamProtocol,
    reserved: HashSet<PeerId>,
    peers: Peers,
    sync: Sync,
    requests: HashMap<OutboundRequestId, (PeerId, Purpose)>,
    imports: VecDeque<ImportJob>,
    /// The import job on a blocking thread, if one runs.
    importing: Option<RunningImport>,
    internal_tx: mpsc::UnboundedSender<Internal>,
    internal_rx: Option<mpsc::UnboundedReceiver<Internal>>,
    slot_duration: u64,
    last: Timers,
    /// Peers to disconnect once their grace period ends.
    refused: Vec<(PeerId, Instant)>,
    /// What the node asks of the network task.
    commands: Option<mpsc::UnboundedReceiver<Command>>,
    /// GRANDPA's side of the network ([`finality`]).
    grandpa: finality::GrandpaState,
    /// Peers to dial again, kept across restarts.
    store: PeerStore,
    /// Gossiped transactions being validated, per forwarding peer.
    validations: Inflight,
    /// Block ranges being served, per requesting peer.
    serving: Inflight,
}

/// An import job that has not returned yet.
struct RunningImport {
    /// When it started.
    since: Instant,
    /// Whether it was reported as slow.
    reported: bool,
}

/// When each periodic chore last ran.
struct Timers {
    status: Instant,
    decay: Instant,
    redial: Instant,
    bootstrap: Instant,
}

impl Worker {
    /// Builds the swarm, listens and dials the boot and reserved nodes.
    pub(super) fn new(
        config: NetworkConfig,
        client: Arc<Client>,
        pool: Arc<TxPool>,
        shared: Arc<Shared>,
        commands: mpsc::UnboundedReceiver<Command>,
    ) -> Result<Worker, NetworkError> {
        let info = client.info();
        let names = ProtocolNames::new(&info.genesis);
        let slot_duration = client.slot_duration_ms(&info.genesis)?.max(1);
        let mut behaviour = Behaviour::new(&config.key, &names, config.mdns)?;
        let blocks_topic = IdentTopic::new(names.blocks_topic.clone());
        let transactions_topic = IdentTopic::new(names.transactions_topic.clone());
        for topic in [&blocks_topic, &transactions_topic] {
            behaviour
                .gossipsub
                .subscribe(topic)
                .map_err(|e| NetworkError::Setup(format!("gossipsub subscription: {e}")))?;
        }
        let mut swarm = libp2p::SwarmBuilder::with_existing_identity(config.key.clone())
            .with_tokio()
            .with_tcp(
                libp2p::tcp::Config::default().nodelay(true),
                libp2p::noise::Config::new,
                libp2p::yamux::Config::default,
            )
            .map_err(|e| NetworkError::Setup(format!("transport: {e}")))?
            .with_dns()
            .map_err(|e| NetworkError::Setup(format!("DNS: {e}")))?
            .with_behaviour(|_| behaviour)
            .map_err(|e| NetworkError::Setup(format!("behaviour: {e:?}")))?
            .with_swarm_config(|c| c.with_idle_connection_timeout(Duration::from_secs(60)))
            .build();
        let mut listening = 0;
        for addr in &config.listen {
            match swarm.listen_on(addr.clone()) {
                Ok(_) => listening += 1,
                Err(error) => {
                    tracing::warn!(target: "net", %addr, %error, "cannot listen");
                }
            }
        }
        if listening == 0 {
            if let Some(addr) = config.listen.first() {
                return Err(NetworkError::Listen {
                    addr: addr.clone(),
                    reason: "no listen address could be used".into(),
                });
            }
        }
        for addr in &config.public {
            swarm.add_external_address(addr.clone());
        }
        let reserved = config.reserved.iter().map(|(peer, _)| *peer).collect();
        let (internal_tx, internal_rx) = mpsc::unbounded_channel();
        let now = Instant::now();
        let store = PeerStore::load(config.peer_store.clone(), now);
        let mut worker = Worker {
            swarm,
            client,
            pool,
            shared,
            config,
            blocks_topic,
            transactions_topic,
            kad_protocol: names.kad.clone(),
            reserved,
            peers: Peers::default(),
            sync: Sync::default(),
            requests: HashMap::new(),
            imports: VecDeque::new(),
            importing: None,
            internal_tx,
            internal_rx: Some(internal_rx),
            slot_duration,
            last: Timers {
                status: now,
                decay: now,
                redial: now,
                bootstrap: now,
            },
            refused: Vec::new(),
            commands: Some(commands),
            grandpa: finality::GrandpaState::new(&names),
            store,
            validations: Inflight::new(MAX_TX_VALIDATIONS, MAX_TX_VALIDATIONS_PER_PEER),
            serving: Inflight::new(MAX_SERVED, MAX_SERVED_PER_PEER),
        };
        for (peer, addr) in worker
            .config
            .bootnodes
            .iter()
            .chain(&worker.config.reserved)
        {
            worker
                .swarm
                .behaviour_mut()
                .kad
                .add_address(peer, addr.clone());
        }
        worker.dial_known(true);
        worker.dial_stored(now);
        Ok(worker)
    }

    /// Runs until the chain's events end.
    pub(super) async fn run(mut self) -> Result<(), NetworkError> {
        let mut chain = self.client.subscribe();
        let mut pooled = self.pool.subscribe_pooled();
        let Some(mut internal) = self.internal_rx.take() else {
            return Err(NetworkError::Setup("network task started twice".into()));
        };
        let Some(mut commands) = self.commands.take() else {
            return Err(NetworkError::Setup("network task started twice".into()));
        };
        let mut tick = tokio::time::interval(TICK);
        loop {
            tokio::select! {
                event = self.swarm.select_next_some() => self.on_swarm(event),
                event = chain.recv() => match event {
                    Ok(event) => self.on_chain(event),
                    Err(RecvError::Lagged(missed)) => {
                        tracing::debug!(target: "net", missed, "network fell behind the chain");
                    }
                    Err(RecvError::Closed) => break,
                },
                tx = pooled.recv() => match tx {
                    Ok(bytes) => self.publish_transaction(&bytes),
                    Err(RecvError::Lagged(missed)) => {
                        tracing::debug!(target: "net::gossip", missed, "transactions not gossiped");
                    }
                    Err(RecvError::Closed) => break,
                },
                Some(message) = internal.recv() => self.on_internal(message),
                Some(command) = commands.recv() => self.on_command(command),
                _ = tick.tick() => self.on_tick(),
            }
            let actions = self.sync.poll(&self.client);
            self.apply(actions);
            self.publish_state(false);
        }
        if let Some((path, bytes)) = self.store.take_snapshot(Instant::now(), true) {
            let written = tokio::task::spawn_blocking(move || peer_store::write(&path, &bytes));
            if let Ok(Err(error)) = written.await {
                tracing::warn!(target: "net::peers", %error, "peer store not written");
            }
        }
        Ok(())
    }

    fn on_swarm(&mut self, event: SwarmEvent<BehaviourEvent>) {
        match event {
            SwarmEvent::Behaviour(event) => self.on_behaviour(event),
            SwarmEvent::ConnectionEstablished {
                peer_id,
                endpoint,
                num_established,
                ..
            } => {
                if self.peers.is_banned(&peer_id) {
                    tracing::debug!(target: "net::peers", peer = %peer_id, "refusing banned peer");
                    let _ = self.swarm.disconnect_peer_id(peer_id);
                    return;
                }
                let counters = &self.shared.counters;
                NetworkCounters::bump(if endpoint.is_dialer() {
                    &counters.opened_outbound
                } else {
                    &counters.opened_inbound
                });
                if num_established.get() > 1 {
                    return;
                }
                let reserved = self.reserved.contains(&peer_id);
                if self.config.reserved_only && !reserved {
                    tracing::debug!(target: "net::peers", peer = %peer_id, "not reserved: refused");
                    let _ = self.swarm.disconnect_peer_id(peer_id);
                    return;
                }
                let outbound = endpoint.is_dialer();
                let (inbound_count, outbound_count) = self.peers.counts();
                let full = if outbound {
                    outbound_count >= self.config.out_peers
                } else {
                    inbound_count >= self.config.in_peers
                };
                if full && !reserved {
                    tracing::debug!(target: "net::peers", peer = %peer_id, outbound, "no slot left");
                    let _ = self.swarm.disconnect_peer_id(peer_id);
                    return;
                }
                tracing::debug!(target: "net::peers", peer = %peer_id, outbound, "connected");
                let remote = endpoint.get_remote_address().clone();
                self.peers.connected(peer_id, outbound, reserved, remote);
                self.send_status(peer_id);
            }
            SwarmEvent::ConnectionClosed {
                peer_id,
                num_established: 0,
                cause,
                ..
            } => {
                let ready = self
                    .peers
                    .disconnected(&peer_id)
                    .is_some_and(|peer| peer.status.is_some());
                if ready {
                    tracing::info!(
                        target: "net::peers",
                        peer = %peer_id, cause = ?cause.map(|c| c.to_string()),
                        "peer disconnected"
                    );
                }
                self.store.lost(&peer_id, ready, Instant::now());
                self.sync.peer_disconnected(&peer_id);
                self.requests.retain(|_, (peer, _)| *peer != peer_id);
                self.publish_state(true);
            }
            SwarmEvent::NewListenAddr { address, .. } => {
                let id = self.shared.local_peer_id;
                tracing::info!(target: "net", "Listening on {address}/p2p/{id}");
                self.shared.listen.write().push(address);
            }
            SwarmEvent::ExpiredListenAddr { address, .. } => {
                self.shared.listen.write().retain(|a| *a != address);
            }
            SwarmEvent::IncomingConnection { .. } => {
                NetworkCounters::bump(&self.shared.counters.incoming);
            }
            SwarmEvent::OutgoingConnectionError { peer_id, error, .. } => {
                tracing::debug!(target: "net::peers", peer = ?peer_id, %error, "dial failed");
            }
            _ => {}
        }
    }

    fn on_behaviour(&mut self, event: BehaviourEvent) {
        match event {
            BehaviourEvent::Identify(identify::Event::Received { peer_id, info, .. }) => {
                self.on_identify(peer_id, info)
            }
            BehaviourEvent::Kad(kad::Event::RoutingUpdated { peer, .. }) => self.maybe_dial(peer),
            BehaviourEvent::Mdns(mdns::Event::Discovered(found)) => {
                for (peer, addr) in found {
                    self.swarm.add_peer_address(peer, addr.clone());
                    self.swarm.behaviour_mut().kad.add_address(&peer, addr);
                    self.maybe_dial(peer);
                }
            }
            BehaviourEvent::Gossipsub(gossipsub::Event::Message {
                propagation_source,
                message_id,
                message,
            }) => self.on_gossip(propagation_source, message_id, message),
            BehaviourEvent::Gossipsub(gossipsub::Event::Subscribed { peer_id, topic }) => {
                self.on_grandpa_subscribed(peer_id, &topic)
            }
            BehaviourEvent::Status(event) => self.on_status_event(event),
            BehaviourEvent::Sync(event) => self.on_sync_event(event),
            BehaviourEvent::Grandpa(event) => self.on_grandpa_event(event),
            _ => {}
        }
    }

    fn on_internal(&mut self, message: Internal) {
        match message {
            Internal::Served { peer, answer } => {
                self.serving.finish(&peer);
                if let Some((channel, response)) = answer {
                    let _ = self
                        .swarm
                        .behaviour_mut()
                        .sync
                        .send_response(channel, response);
                }
            }
            Internal::Imported(outcome) => {
                self.importing = None;
                if outcome.imported > 0 && matches!(outcome.purpose, Purpose::Range { .. }) {
                    let best = self.client.info().best;
                    tracing::info!(
                        target: "net::sync",
                        imported = outcome.imported, best = best.number,
                        target_block = self.sync.best_seen().unwrap_or(best.number),
                        "synced blocks"
                    );
                }
                let actions = self.sync.on_imported(outcome);
                self.apply(actions);
                self.start_import();
            }
            Internal::Penalise { peer, penalty, why } => self.penalise(peer, penalty, &why),
            Internal::TxValidated {
                message,
                source,
                result,
            } => self.on_transaction_validated(message, source, result),
        }
    }

    fn on_tick(&mut self) {
        let now = Instant::now();
        let swarm = &self.swarm;
        self.shared
            .counters
            .retain_peers(|peer| swarm.is_connected(peer));
        let (due, waiting) = self.refused.drain(..).partition(|(_, at)| *at <= now);
        self.refused = waiting;
        for (peer, _) in due {
            let _ = self.swarm.disconnect_peer_id(peer);
        }
        for peer in self.peers.handshake_overdue(HANDSHAKE_TIMEOUT) {
            tracing::debug!(target: "net::peers", %peer, "no handshake: disconnecting");
            let _ = self.swarm.disconnect_peer_id(peer);
        }
        if let Some(running) = self
            .importing
            .as_mut()
            .filter(|running| !running.reported && now.duration_since(running.since) >= SLOW_IMPORT)
        {
            running.reported = true;
            tracing::warn!(
                target: "net::sync",
                secs = now.duration_since(running.since).as_secs(),
                queued = self.imports.len(),
                "an import job has not returned"
            );
        }
        if now.duration_since(self.last.decay) >= REPUTATION_DECAY {
            self.last.decay = now;
            self.peers.tick();
        }
        if now.duration_since(self.last.status) >= STATUS_REFRESH {
            self.last.status = now;
            let ready: Vec<PeerId> = self.peers.ready().map(|(id, _)| *id).collect();
            for peer in ready {
                self.send_status(peer);
            }
        }
        if now.duration_since(self.last.redial) >= REDIAL {
            self.last.redial = now;
            self.dial_known(self.peers.is_empty());
        }
        self.grandpa.tick();
        self.dial_stored(now);
        if let Some((path, bytes)) = self.store.take_snapshot(now, false) {
            tokio::task::spawn_blocking(move || {
                if let Err(error) = peer_store::write(&path, &bytes) {
                    tracing::warn!(target: "net::peers", %error, "peer store not written");
                }
            });
        }
        if now.duration_since(self.last.bootstrap) >= KAD_BOOTSTRAP {
            self.last.bootstrap = now;
            let swarm = &mut self.swarm;
            if swarm
                .behaviour_mut()
                .kad
                .kbuckets()
                .any(|b| b.num_entries() > 0)
            {
                let _ = swarm.behaviour_mut().kad.bootstrap();
            }
        }
        self.publish_state(true);
    }

    fn on_command(&mut self, command: Command) {
        match command {
            Command::Grandpa(command) => self.on_grandpa_command(command),
            Command::AddReserved(peer, addr) => self.add_reserved(peer, addr),
            Command::RemoveReserved(peer) => self.remove_reserved(peer),
        }
    }

    /// Reserves `peer` at `addr` (replacing an address it had) and dials it: it is never
    /// refused for capacity, and alone admitted with `--reserved-only`.
    fn add_reserved(&mut self, peer: PeerId, addr: Multiaddr) {
        tracing::info!(target: "net::peers", %peer, %addr, "reserved peer added");
        self.reserved.insert(peer);
        self.config.reserved.retain(|(p, _)| *p != peer);
        self.config.reserved.push((peer, addr));
        if let Some(connected) = self.peers.get_mut(&peer) {
            connected.reserved = true;
        }
        self.dial_known(false);
    }

    /// Stops reserving `peer`; with `--reserved-only` it is also disconnected.
    fn remove_reserved(&mut self, peer: PeerId) {
        tracing::info!(target: "net::peers", %peer, "reserved peer removed");
        self.reserved.remove(&peer);
        self.config.reserved.retain(|(p, _)| *p != peer);
        if let Some(connected) = self.peers.get_mut(&peer) {
            connected.reserved = false;
        }
        if self.config.reserved_only {
            let _ = self.swarm.disconnect_peer_id(peer);
        }
    }

    /// Dials the reserved nodes that are not connected, and the boot nodes too when
    /// `bootnodes` is set.
    fn dial_known(&mut self, bootnodes: bool) {
        let mut targets: Vec<(PeerId, Multiaddr)> = self.config.reserved.clone();
        if bootnodes && !self.config.reserved_only {
            targets.extend(self.config.bootnodes.iter().cloned());
        }
        for (peer, addr) in targets {
            if self.swarm.is_connected(&peer) || self.peers.is_banned(&peer) {
                continue;
            }
            let opts = DialOpts::peer_id(peer).addresses(vec![addr]).build();
            if let Err(error) = self.swarm.dial(opts) {
                tracing::debug!(target: "net::peers", %peer, %error, "cannot dial");
            }
        }
    }

    /// Dials the remembered peers that are due, not connected and welcome, while outbound
    /// slots are free.
    fn dial_stored(&mut self, now: Instant) {
        if self.config.reserved_only {
            return;
        }
        let free = self.config.out_peers.saturating_sub(self.peers.counts().1);
        let limit = usize::try_from(free)
            .unwrap_or(usize::MAX)
            .min(STORED_DIALS_PER_TICK);
        let (swarm, peers) = (&self.swarm, &self.peers);
        let own = self.shared.local_peer_id;
        let due = self.store.due(now, limit, |peer| {
            *peer == own || swarm.is_connected(peer) || peers.is_banned(peer)
        });
        for (peer, addrs) in due {
            let opts = DialOpts::peer_id(peer).addresses(addrs).build();
            if let Err(error) = self.swarm.dial(opts) {
                tracing::debug!(target: "net::peers", %peer, %error, "cannot dial");
            }
        }
    }

    /// What a peer's identify says: where it listens, for the peer store (only on the IP
    /// it connected from) and for the DHT (if it speaks our Kademlia protocol).
    fn on_identify(&mut self, peer: PeerId, info: identify::Info) {
        if let Some(connected) = self.peers.get_mut(&peer) {
            let ip = peer_store::ip_of(&connected.remote);
            connected.listen = info
                .listen_addrs
                .iter()
                .filter(|addr| ip.is_some() && peer_store::ip_of(addr) == ip)
                .filter_map(|addr| peer_store::dialable(addr.clone()))
                .take(peer_store::MAX_ADDRS)
                .collect();
            self.remember(peer);
        }
        if info.protocols.contains(&self.kad_protocol) {
            for addr in info.listen_addrs {
                self.swarm.behaviour_mut().kad.add_address(&peer, addr);
            }
        }
    }

    /// Records a peer that completed the handshake in the peer store, at the addresses it
    /// proved: the one we dialed, and those it listens on at the IP it came from.
    fn remember(&mut self, peer: PeerId) {
        if self.peers.is_banned(&peer) {
            return;
        }
        let Some(connected) = self.peers.get(&peer).filter(|p| p.status.is_some()) else {
            return;
        };
        let dialed = connected.outbound.then(|| connected.remote.clone());
        let addrs: Vec<Multiaddr> = dialed
            .into_iter()
            .chain(connected.listen.iter().cloned())
            .collect();
        self.store.record(peer, addrs, Instant::now());
    }

    /// Dials a discovered peer if an outbound slot is free and it is welcome.
    fn maybe_dial(&mut self, peer: PeerId) {
        if peer == self.shared.local_peer_id
            || self.swarm.is_connected(&peer)
            || self.peers.is_banned(&peer)
            || (self.config.reserved_only && !self.reserved.contains(&peer))
            || self.peers.counts().1 >= self.config.out_peers
        {
            return;
        }
        if let Err(error) = self.swarm.dial(peer) {
            tracing::debug!(target: "net::peers", %peer, %error, "cannot dial");
        }
    }

    fn penalise(&mut self, peer: PeerId, penalty: Penalty, why: &str) {
        if self.peers.penalise(&peer, penalty, why) == Verdict::Ban {
            self.store.forget(&peer);
            let _ = self.swarm.disconnect_peer_id(peer);
        }
    }

    /// Updates what RPC, metrics and authoring read; the peer list only when `peers`.
    fn publish_state(&mut self, peers: bool) {
        let best = self.client.info().best.number;
        let ready = self.peers.ready().count();
        let syncing = self.sync.is_major_syncing(best);
        let shared = &self.shared;
        shared.peer_count.store(ready, Ordering::Relaxed);
        shared.syncing.store(syncing, Ordering::Relaxed);
        *shared.best_seen.write() = self.sync.best_seen();
        let synced = !syncing && (ready > 0 || !shared.should_have_peers);
        if shared.synced.swap(synced, Ordering::AcqRel) != synced {
            tracing::info!(target: "net::sync", synced, peers = ready, best, "sync state changed");
        }
        if peers {
            let list = self
                .peers
                .ready()
                .map(|(id, _)| {
                    let (best_number, best_hash) = self.sync.peer_best(id).unwrap_or_default();
                    PeerInfo {
                        peer_id: id.to_string(),
                        roles: self.peers.role_name(id).to_owned(),
                        best_hash,
                        best_number,
                    }
                })
                .collect();
            *shared.peers.write() = list;
        }
    }
}
