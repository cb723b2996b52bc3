//! An in-memory GRANDPA transport: a hub of tokio channels joining any number of voters in
//! one process, for deterministic tests and simulations. Deliveries can be delayed by a
//! seeded pseudo-random amount, so a run with the same seed (under tokio's paused clock)
//! replays exactly. Everything sent, every report and every verdict on gossip (broadcasts
//! and injected messages) is logged for inspection. Peers whose
//! GRANDPA state is [attached](MemoryHub::attach) serve each other the justifications the
//! voter asks for, as sync does between nodes.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use futures::channel::mpsc;
use futures::stream::BoxStream;
use futures::StreamExt;
use parking_lot::Mutex;
use sp_consensus_grandpa::GRANDPA_ENGINE_ID;
use taonet_runtime::{BlockNumber, Hash};

use super::handle::GrandpaHandle;
use super::messages::GossipMessage;
use super::transport::{GrandpaNetwork, Inbound, Incoming, Offence, RelayTicket, Verdict};

/// A peer's name on the hub.
pub type PeerId = u64;

/// One message the hub carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The sender.
    pub from: PeerId,
    /// The addressee (`None`: broadcast).
    pub to: Option<PeerId>,
    /// The wire bytes.
    pub bytes: Vec<u8>,
    /// When, on tokio's clock, since the hub was created.
    pub at: Duration,
}

/// One offence a voter reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Who reported.
    pub by: PeerId,
    /// Who offended.
    pub peer: PeerId,
    /// What it did.
    pub offence: Offence,
}

/// One verdict a voter gave on a gossiped message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    /// Who judged.
    pub by: PeerId,
    /// Who sent the message.
    pub from: PeerId,
    /// Its wire bytes.
    pub bytes: Vec<u8>,
    /// Whether it would be relayed.
    pub verdict: Verdict,
}

struct HubInner {
    peers: BTreeMap<PeerId, mpsc::UnboundedSender<Inbound<PeerId>>>,
    chains: BTreeMap<PeerId, GrandpaHandle>,
    rng: u64,
    max_delay: Duration,
    sent: Vec<Sent>,
    reports: Vec<Report>,
    /// Gossip delivered and not yet judged, by ticket: its sender and bytes.
    held: BTreeMap<u64, (PeerId, Vec<u8>)>,
    next_ticket: u64,
    judged: Vec<Judged>,
    created: tokio::time::Instant,
}

impl HubInner {
    /// SplitMix64: small, seeded, good enough to spread delays.
    fn next(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A delay drawn for one delivery.
    fn delay(&mut self) -> Duration {
        let max = u64::try_from(self.max_delay.as_micros()).unwrap_or(u64::MAX);
        if max == 0 {
            return Duration::ZERO;
        }
        Duration::from_micros(self.next() % max)
    }

    /// Delivers `bytes` to `to`; as gossip, awaiting a verdict, when `gossip`.
    fn deliver(&mut self, from: PeerId, to: PeerId, bytes: Vec<u8>, gossip: bool) {
        let Some(sender) = self.peers.get(&to).cloned() else {
            return;
        };
        let relay = gossip.then(|| {
            self.next_ticket = self.next_ticket.wrapping_add(1);
            self.held.insert(self.next_ticket, (from, bytes.clone()));
            RelayTicket(self.next_ticket)
        });
        let incoming = Inbound::Message(Incoming { from, bytes, relay });
        let delay = self.delay();
        if delay.is_zero() {
            let _ = sender.unbounded_send(incoming);
            return;
        }
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let _ = sender.unbounded_send(incoming);
        });
    }
}

/// The hub: peers join it and get a [`MemoryNetwork`] endpoint.
#[derive(Clone)]
pub struct MemoryHub {
    inner: Arc<Mutex<HubInner>>,
}

impl MemoryHub {
    /// A hub delaying each delivery by up to `max_delay` (zero: at once), drawn from a
    /// generator seeded with `seed`.
    pub fn new(seed: u64, max_delay: Duration) -> Self {
        MemoryHub {
            inner: Arc::new(Mutex::new(HubInner {
                peers: BTreeMap::new(),
                chains: BTreeMap::new(),
                rng: seed,
                max_delay,
                sent: Vec::new(),
                reports: Vec::new(),
                held: BTreeMap::new(),
                next_ticket: 0,
                judged: Vec::new(),
                created: tokio::time::Instant::now(),
            })),
        }
    }

    /// Connects peer `id`, replacing an earlier endpoint of the same id (a restart): as
    /// over libp2p, it and every peer already there see each other join.
    pub fn join(&self, id: PeerId) -> MemoryNetwork {
        let (sender, receiver) = mpsc::unbounded();
        let mut hub = self.inner.lock();
        for (peer, other) in hub.peers.iter().filter(|(peer, _)| **peer != id) {
            let _ = other.unbounded_send(Inbound::Joined(id));
            let _ = sender.unbounded_send(Inbound::Joined(*peer));
        }
        hub.peers.insert(id, sender);
        drop(hub);
        MemoryNetwork {
            id,
            hub: self.clone(),
            receiver: Mutex::new(Some(receiver)),
        }
    }

    /// Attaches peer `id`'s GRANDPA state: the justifications it stores are served to
    /// peers that ask, and those it asks for are imported through `handle`.
    pub fn attach(&self, id: PeerId, handle: GrandpaHandle) {
        self.inner.lock().chains.insert(id, handle);
    }

    /// Disconnects peer `id`: what is sent to it from now on is lost, and it serves no
    /// justifications.
    pub fn leave(&self, id: PeerId) {
        let mut hub = self.inner.lock();
        hub.peers.remove(&id);
        hub.chains.remove(&id);
    }

    /// Delivers raw `bytes` to `to` as if `from` gossiped them (junk, forged messages).
    pub fn inject(&self, from: PeerId, to: PeerId, bytes: Vec<u8>) {
        self.inner.lock().deliver(from, to, bytes, true);
    }

    /// Every verdict on gossip so far.
    pub fn judged(&self) -> Vec<Judged> {
        self.inner.lock().judged.clone()
    }

    /// Everything sent so far.
    pub fn sent(&self) -> Vec<Sent> {
        self.inner.lock().sent.clone()
    }

    /// Every offence reported so far.
    pub fn reports(&self) -> Vec<Report> {
        self.inner.lock().reports.clone()
    }
}

/// One peer's endpoint on a [`MemoryHub`].
pub struct MemoryNetwork {
    id: PeerId,
    hub: MemoryHub,
    receiver: Mutex<Option<mpsc::UnboundedReceiver<Inbound<PeerId>>>>,
}

impl GrandpaNetwork for MemoryNetwork {
    type Peer = PeerId;

    fn broadcast(&self, message: &GossipMessage) {
        let bytes = message.to_bytes();
        let mut hub = self.hub.inner.lock();
        let at = hub.created.elapsed();
        hub.sent.push(Sent {
            from: self.id,
            to: None,
            bytes: bytes.clone(),
            at,
        });
        let peers: Vec<PeerId> = hub
            .peers
            .keys()
            .copied()
            .filter(|p| *p != self.id)
            .collect();
        for peer in peers {
            hub.deliver(self.id, peer, bytes.clone(), true);
        }
    }

    fn send_to(&self, peer: &PeerId, message: &GossipMessage) {
        let bytes = message.to_bytes();
        let mut hub = self.hub.inner.lock();
        let at = hub.created.elapsed();
        hub.sent.push(Sent {
            from: self.id,
            to: Some(*peer),
            bytes: bytes.clone(),
            at,
        });
        hub.deliver(self.id, *peer, bytes, false);
    }

    fn incoming(&self) -> BoxStream<'static, Inbound<PeerId>> {
        match self.receiver.lock().take() {
            Some(receiver) => receiver.boxed(),
            None => futures::stream::pending().boxed(),
        }
    }

    /// Takes the justification of `hash` from the first connected, attached peer (in id
    /// order) that stores one, and imports it after a drawn delay.
    fn request_justification(&self, hash: Hash, number: BlockNumber) {
        let mut hub = self.hub.inner.lock();
        let Some(own) = hub.chains.get(&self.id).cloned() else {
            return;
        };
        let found = hub
            .chains
            .iter()
            .filter(|(id, _)| **id != self.id && hub.peers.contains_key(id))
            .find_map(|(_, peer)| {
                let (_, justifications) = peer.client().block(&hash).ok().flatten()?;
                justifications?.into_justification(GRANDPA_ENGINE_ID)
            });
        let Some(justification) = found else {
            return;
        };
        let delay = hub.delay();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if let Err(error) = own.import_justification(hash, &justification) {
                tracing::debug!(target: "consensus::grandpa", number, %error, "not imported");
            }
        });
    }

    fn report(&self, peer: &PeerId, offence: Offence) {
        self.hub.inner.lock().reports.push(Report {
            by: self.id,
            peer: *peer,
            offence,
        });
    }

    fn judged(&self, ticket: RelayTicket, verdict: Verdict) {
        let mut hub = self.hub.inner.lock();
        if let Some((from, bytes)) = hub.held.remove(&ticket.0) {
            hub.judged.push(Judged {
                by: self.id,
                from,
                bytes,
                verdict,
            });
        }
    }
}
