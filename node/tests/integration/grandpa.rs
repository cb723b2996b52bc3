//! GRANDPA among the four `local_testnet` authorities (Alice, Bob, Charlie, Dave), each
//! with its own client and database, over the in-memory hub: they finalize the same
//! blocks with justifications that verify; finality survives one voter down, stalls with
//! two and resumes when one returns; a voter that missed its set's last commit fetches
//! the hand-over block's justification; a restarted voter re-sends the votes it persisted
//! instead of equivocating; voters that return are sent the others' votes as they join;
//! junk and forged messages are refused without harm.
//!
//! Everything runs on one thread under tokio's paused clock, and the hub delays messages
//! by amounts drawn from a fixed seed, so a failing run replays exactly.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use codec::Encode;
use finality_grandpa::{Message, Precommit, Prevote};
use sp_consensus_aura::sr25519::AuthorityPair as AuraPair;
use sp_consensus_grandpa::{AuthorityList, AuthorityPair, GRANDPA_ENGINE_ID};
use sp_core::Pair as _;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use taonet_node::chain::{aura, BlockOrigin, Client, ImportError};
use taonet_node::chain_spec::ChainSpec;
use taonet_node::db::Pruning;
use taonet_node::executor::build_block;
use taonet_node::grandpa::memory::{MemoryHub, Sent};
use taonet_node::grandpa::{
    self, CatchUpMessage, CommitMessage, GossipMessage, GrandpaConfig, GrandpaError, GrandpaHandle,
    GrandpaParams, JustificationError, Offence, Verdict, VoteMessage,
};
use taonet_runtime::{
    Block, BlockNumber, Hash, Header, RuntimeCall, UncheckedExtrinsic, MILLISECS_PER_BLOCK,
};
use tokio::task::JoinHandle;

/// The seed of the hub's delays (and of the junk test's bytes).
const SEED: u64 = 0x6772_616e_6470_6131;

/// The GRANDPA keys of the four authorities, in genesis order.
const VOTERS: [Ed25519Keyring; 4] = [
    Ed25519Keyring::Alice,
    Ed25519Keyring::Bob,
    Ed25519Keyring::Charlie,
    Ed25519Keyring::Dave,
];

/// Their Aura keys: slot `s` belongs to `AUTHORS[s % 4]`.
const AUTHORS: [Sr25519Keyring; 4] = [
    Sr25519Keyring::Alice,
    Sr25519Keyring::Bob,
    Sr25519Keyring::Charlie,
    Sr25519Keyring::Dave,
];

/// How long (virtual time) finality may take before a test gives up.
const PATIENCE: Duration = Duration::from_secs(60);

fn open(dir: &Path) -> Arc<Client> {
    let storage = ChainSpec::local_testnet()
        .and_then(|spec| spec.build_storage())
        .expect("genesis storage");
    Client::open(dir, Some(Pruning::Archive), storage).expect("opens")
}

fn config() -> GrandpaConfig {
    GrandpaConfig {
        gossip_duration: Duration::from_millis(100),
        vote_lag: 0,
        rebroadcast_interval: Duration::from_secs(1),
        catch_up_timeout: Duration::from_secs(2),
    }
}

fn authorities() -> AuthorityList {
    VOTERS.iter().map(|k| (k.public().into(), 1)).collect()
}

struct Node {
    dir: tempfile::TempDir,
    client: Option<Arc<Client>>,
    handle: Option<GrandpaHandle>,
    task: Option<JoinHandle<Result<(), GrandpaError>>>,
}

/// Four voters, a separate author client building the blocks, and the hub.
struct Net {
    hub: MemoryHub,
    nodes: Vec<Node>,
    author: Arc<Client>,
    _author_dir: tempfile::TempDir,
    blocks: Vec<Block>,
    slot: u64,
    /// The timings voters start with.
    config: GrandpaConfig,
}

impl Net {
    fn new() -> Net {
        let author_dir = tempfile::tempdir().expect("tempdir");
        Net {
            hub: MemoryHub::new(SEED, Duration::from_millis(50)),
            nodes: (0..VOTERS.len())
                .map(|_| Node {
                    dir: tempfile::tempdir().expect("tempdir"),
                    client: None,
                    handle: None,
                    task: None,
                })
                .collect(),
            author: open(author_dir.path()),
            _author_dir: author_dir,
            blocks: Vec::new(),
            slot: 1_000,
            config: config(),
        }
    }

    fn client(&self, i: usize) -> Arc<Client> {
        self.nodes[i].client.clone().expect("node is open")
    }

    fn handle(&self, i: usize) -> GrandpaHandle {
        self.nodes[i].handle.clone().expect("node runs")
    }

    /// Opens node `i`'s database (if closed) and imports the blocks it lacks: what sync
    /// would do.
    fn open_node(&mut self, i: usize) {
        if self.nodes[i].client.is_none() {
            self.nodes[i].client = Some(open(self.nodes[i].dir.path()));
        }
        let client = self.client(i);
        for block in &self.blocks {
            import(&client, block);
        }
    }

    /// Starts node `i`'s voter (opening its database if needed).
    fn start(&mut self, i: usize) {
        self.open_node(i);
        let client = self.client(i);
        let handle = GrandpaHandle::open(client.clone()).expect("grandpa opens");
        let network = Arc::new(self.hub.join(i as u64));
        self.hub.attach(i as u64, handle.clone());
        let task = tokio::spawn(grandpa::run_voter(GrandpaParams {
            client,
            network,
            keys: vec![AuthorityPair::from(VOTERS[i].pair())],
            config: self.config.clone(),
            handle: handle.clone(),
        }));
        self.nodes[i].handle = Some(handle);
        self.nodes[i].task = Some(task);
    }

    /// Stops node `i`'s voter and disconnects it; its database stays open.
    async fn stop(&mut self, i: usize) {
        self.hub.leave(i as u64);
        if let Some(task) = self.nodes[i].task.take() {
            task.abort();
            let _ = task.await;
        }
        self.nodes[i].handle = None;
    }

    /// Stops node `i` and closes its database, as a killed process would.
    async fn crash(&mut self, i: usize) {
        self.stop(i).await;
        self.nodes[i].client = None;
    }

    /// Whether node `i`'s voter is still running.
    fn running(&self, i: usize) -> bool {
        self.nodes[i]
            .task
            .as_ref()
            .is_some_and(|task| !task.is_finished())
    }

    /// Builds `n` empty blocks on the author's best block and imports them into every
    /// open node.
    fn author_blocks(&mut self, n: usize) {
        for _ in 0..n {
            self.author_block(vec![]);
        }
    }

    /// Builds a block of `extrinsics` on the author's best block and imports it into
    /// every open node.
    fn author_block(&mut self, extrinsics: Vec<UncheckedExtrinsic>) {
        self.slot += 1;
        let parent = self.author.info().best.hash;
        let header = self.author.header(&parent).expect("read").expect("parent");
        let state = self.author.state_at(&parent).expect("state");
        let built = build_block(
            &state,
            &header,
            self.slot,
            MILLISECS_PER_BLOCK,
            extrinsics,
            None,
        )
        .expect("builds");
        let mut block = built.block;
        let author = AUTHORS[(self.slot % 4) as usize];
        aura::seal(&mut block.header, &AuraPair::from(author.pair()));
        self.author
            .import_own(block.clone(), built.changes)
            .expect("author imports");
        for node in &self.nodes {
            if let Some(client) = &node.client {
                import(client, &block);
            }
        }
        self.blocks.push(block);
    }

    fn best(&self) -> (Hash, BlockNumber) {
        let best = self.author.info().best;
        (best.hash, best.number)
    }

    fn finalized(&self, i: usize) -> BlockNumber {
        self.client(i).info().finalized.number
    }

    /// Waits (in virtual time) until nodes `of` have finalized `number`.
    async fn wait_finalized(&self, of: &[usize], number: BlockNumber) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while of.iter().any(|i| self.finalized(*i) < number) {
            let got: Vec<_> = of.iter().map(|i| self.finalized(*i)).collect();
            assert!(
                tokio::time::Instant::now() < deadline,
                "nodes {of:?} did not finalize #{number}: {got:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn import(client: &Client, block: &Block) {
    match client.import(block.clone(), None, BlockOrigin::File, None) {
        Ok(_) | Err(ImportError::AlreadyKnown(_)) => {}
        Err(error) => panic!("import failed: {error}"),
    }
}

/// The GRANDPA justification stored with block `hash`.
fn stored_justification(client: &Client, hash: &Hash) -> Vec<u8> {
    let (_, justifications) = client.block(hash).expect("read").expect("block");
    justifications
        .and_then(|j| j.into_justification(GRANDPA_ENGINE_ID))
        .expect("a FRNK justification")
}

/// Every vote the hub carried, decoded.
fn votes(sent: &[Sent]) -> Vec<(u64, VoteMessage)> {
    sent.iter()
        .filter_map(|s| match GossipMessage::from_bytes(&s.bytes) {
            Ok(GossipMessage::Vote(vote)) => Some((s.from, vote)),
            _ => None,
        })
        .collect()
}

/// Panics if any voter cast two different votes of one kind in one round.
fn assert_no_equivocation(sent: &[Sent]) {
    let mut cast: BTreeMap<(u64, u64, Vec<u8>, u8), Hash> = BTreeMap::new();
    for (_, vote) in votes(sent) {
        let kind = match vote.message.message {
            Message::Prevote(_) => 0,
            Message::Precommit(_) => 1,
            Message::PrimaryPropose(_) => 2,
        };
        let key = (vote.set_id, vote.round, vote.message.id.encode(), kind);
        let target = *vote.message.target().0;
        if let Some(earlier) = cast.insert(key.clone(), target) {
            assert_eq!(earlier, target, "equivocation: {key:?}");
        }
    }
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn four_voters_finalize_the_same_blocks_with_justifications_that_verify() {
    let mut net = Net::new();
    net.author_blocks(3);
    for i in 0..4 {
        net.start(i);
    }
    let mut justifications = net.handle(0).subscribe_justifications();
    net.wait_finalized(&[0, 1, 2, 3], 3).await;
    // Blocks arriving while the voters run are finalized too.
    net.author_blocks(4);
    net.wait_finalized(&[0, 1, 2, 3], 7).await;

    let (best_hash, best_number) = net.best();
    for i in 0..4 {
        let client = net.client(i);
        let finalized = client.info().finalized;
        assert_eq!((finalized.hash, finalized.number), (best_hash, best_number));
        let encoded = stored_justification(&client, &finalized.hash);
        grandpa::verify_justification(0, &authorities(), (best_hash, best_number), &encoded)
            .expect("the justification verifies");
        // From the wrong set, or for another block, it does not.
        assert!(matches!(
            grandpa::verify_justification(1, &authorities(), (best_hash, best_number), &encoded),
            Err(JustificationError::BadSignature(_))
        ));
        let parent = client.hash(best_number - 1).expect("read").expect("hash");
        assert!(matches!(
            grandpa::verify_justification(0, &authorities(), (parent, best_number - 1), &encoded),
            Err(JustificationError::WrongTarget { .. })
        ));
        assert!(net.running(i));
    }

    // Another node accepts a justification through the import path sync uses.
    let fresh_dir = tempfile::tempdir().expect("tempdir");
    let fresh = open(fresh_dir.path());
    for block in &net.blocks {
        import(&fresh, block);
    }
    let handle = GrandpaHandle::open(fresh.clone()).expect("opens");
    let encoded = stored_justification(&net.client(1), &best_hash);
    let mut tampered = encoded.clone();
    let last = tampered.len() - 40;
    tampered[last] ^= 1;
    assert!(handle.import_justification(best_hash, &tampered).is_err());
    assert_eq!(fresh.info().finalized.number, 0);
    handle
        .import_justification(best_hash, &encoded)
        .expect("imports");
    assert_eq!(fresh.info().finalized.hash, best_hash);

    // A finality proof for an earlier block carries a justification of a later one.
    let proof = net
        .handle(2)
        .prove_finality(5)
        .expect("reads")
        .expect("a proof");
    let proved = net
        .client(2)
        .header(&proof.block)
        .expect("read")
        .expect("header");
    grandpa::verify_justification(
        0,
        &authorities(),
        (proof.block, proved.number),
        &proof.justification,
    )
    .expect("proof verifies");
    match proof.unknown_headers.last() {
        Some(last) => assert_eq!(last.hash(), proof.block),
        None => assert_eq!(Some(proof.block), net.client(2).hash(5).expect("read")),
    }

    // The voter's rounds are reported, and justifications were announced.
    let state = net.handle(0).round_state().expect("a voter runs");
    assert_eq!(state.set_id, 0);
    assert_eq!(state.best.total_weight, 4);
    assert_eq!(state.best.threshold_weight, 3);
    let announced = justifications
        .try_recv()
        .expect("a justification was announced");
    assert!(announced.number >= 3);

    assert_no_equivocation(&net.hub.sent());
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn finality_survives_one_voter_down_stalls_with_two_and_resumes() {
    let mut net = Net::new();
    net.author_blocks(2);
    // Dave is down from the start: three of four still finalize.
    for i in 0..3 {
        net.start(i);
    }
    net.wait_finalized(&[0, 1, 2], 2).await;
    net.author_blocks(2);
    net.wait_finalized(&[0, 1, 2], 4).await;

    // Charlie goes down too: blocks keep coming, finality stops.
    net.crash(2).await;
    net.author_blocks(3);
    tokio::time::sleep(Duration::from_secs(20)).await;
    assert_eq!(net.finalized(0), 4);
    assert_eq!(net.finalized(1), 4);

    // Charlie comes back from its database: finality resumes.
    net.start(2);
    net.wait_finalized(&[0, 1, 2], 7).await;

    // Dave joins late, catches up and follows.
    net.start(3);
    net.wait_finalized(&[3], 7).await;
    net.author_blocks(2);
    net.wait_finalized(&[0, 1, 2, 3], 9).await;
    assert_no_equivocation(&net.hub.sent());
    assert!(net.hub.reports().is_empty(), "{:?}", net.hub.reports());
}

/// Two voters return after a partition, to peers that gossiped their votes of the stalled
/// round while they were away: the peers send those votes again as they join, so
/// finality resumes at once, not at the next rebroadcast (ten minutes away here).
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn voters_that_return_are_sent_the_votes_they_missed_as_they_join() {
    let mut net = Net::new();
    net.config.rebroadcast_interval = Duration::from_secs(600);
    net.author_blocks(2);
    for i in 0..4 {
        net.start(i);
    }
    net.wait_finalized(&[0, 1, 2, 3], 2).await;

    // Charlie and Dave are away while Alice and Bob vote on three new blocks.
    net.crash(2).await;
    net.crash(3).await;
    net.author_blocks(3);
    tokio::time::sleep(Duration::from_secs(20)).await;
    assert_eq!(net.finalized(0), 2);

    net.start(2);
    net.start(3);
    tokio::time::timeout(Duration::from_secs(5), net.wait_finalized(&[0, 1, 2, 3], 5))
        .await
        .expect("finality resumes within 5 s of their return");
    assert_no_equivocation(&net.hub.sent());
    assert!(net.hub.reports().is_empty(), "{:?}", net.hub.reports());
}

/// A voter away when its set finalizes its last block misses the last commit that set
/// will ever gossip; back, it fetches that block's justification from a peer, moves to the
/// next set and follows it (Substrate's sync does the same for blocks enacting a change).
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_voter_that_missed_its_sets_last_commit_fetches_the_hand_over_justification() {
    let mut net = Net::new();
    net.author_blocks(2);
    for i in 0..4 {
        net.start(i);
    }
    net.wait_finalized(&[0, 1, 2, 3], 2).await;

    // Dave is away; its database stays open, so blocks still reach it (as sync would
    // bring them). Root hands finality to Alice, Bob and Charlie from block 3 on.
    net.stop(3).await;
    let next: AuthorityList = VOTERS[..3].iter().map(|k| (k.public().into(), 1)).collect();
    let call = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
        call: Box::new(RuntimeCall::AdminUtils(
            pallet_admin_utils::Call::schedule_grandpa_change {
                next_authorities: next,
                in_blocks: 0,
                forced: None,
            },
        )),
    });
    let genesis = net.author.info().genesis;
    let change = taonet_runtime::signing::sign(call, &Sr25519Keyring::Alice.pair(), 0, 0, genesis);
    net.author_block(vec![change]);
    net.author_blocks(3);
    net.wait_finalized(&[0, 1, 2], 6).await;
    assert_eq!(net.handle(0).set_id(), 1);

    // Back, Dave hears nothing of set 0 any more: only the justification of block 3,
    // fetched, completes the hand-over; set 1's commits then finalize the rest.
    net.start(3);
    net.wait_finalized(&[3], 6).await;
    assert_eq!(net.handle(3).set_id(), 1);
    net.author_blocks(2);
    net.wait_finalized(&[0, 1, 2, 3], 8).await;
    assert_no_equivocation(&net.hub.sent());
    assert!(net.hub.reports().is_empty(), "{:?}", net.hub.reports());
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_restarted_voter_resends_its_persisted_votes_and_never_equivocates() {
    let mut net = Net::new();
    net.author_blocks(2);
    for i in 0..4 {
        net.start(i);
    }
    net.wait_finalized(&[0, 1, 2, 3], 2).await;
    let (voted_hash, _) = net.best();

    // Alone, Alice cannot finish her round, but she prevotes in it.
    for i in 1..4 {
        net.stop(i).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let record = grandpa::load_voter_record(&net.client(0))
        .expect("reads")
        .expect("a record");
    let (&round, votes) = record.votes.iter().next_back().expect("votes recorded");
    let prevote = votes.prevote.clone().expect("Alice prevoted");
    assert_eq!(prevote.target_hash, voted_hash);
    assert!(record.completed.as_ref().is_some_and(|c| c.number < round));

    // Alice crashes; the chain grows while she is down, so a fresh prevote would target
    // a later block.
    net.crash(0).await;
    let crashed_at = net.hub.sent().len();
    net.author_blocks(2);
    net.start(0);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let sent = net.hub.sent();
    let resent: Vec<Prevote<Hash, BlockNumber>> = votes_after(&sent[crashed_at..], 0, round)
        .into_iter()
        .filter_map(|m| match m {
            Message::Prevote(p) => Some(p),
            _ => None,
        })
        .collect();
    assert!(!resent.is_empty(), "Alice prevotes again in round {round}");
    assert!(resent.iter().all(|p| *p == prevote), "{resent:?}");

    // The others return: everyone finalizes the new blocks.
    for i in 1..4 {
        net.start(i);
    }
    net.wait_finalized(&[0, 1, 2, 3], 4).await;
    assert_no_equivocation(&net.hub.sent());
}

/// The messages node `from` voted in `round`, in order.
fn votes_after(sent: &[Sent], from: u64, round: u64) -> Vec<Message<Hash, BlockNumber>> {
    votes(sent)
        .into_iter()
        .filter(|(sender, vote)| *sender == from && vote.round == round)
        .map(|(_, vote)| vote.message.message)
        .collect()
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn junk_and_forged_messages_are_refused_without_harm() {
    const STRANGER: u64 = 99;
    let mut net = Net::new();
    net.author_blocks(2);
    for i in 0..4 {
        net.start(i);
    }
    let genesis = net.client(0).info().genesis;
    let eve = AuthorityPair::from(Ed25519Keyring::Eve.pair());
    let bob = AuthorityPair::from(Ed25519Keyring::Bob.pair());
    let prevote = Message::Prevote(Prevote::new(genesis, 0));
    let vote = |id: &AuthorityPair, signer: &AuthorityPair, round: u64| {
        GossipMessage::Vote(VoteMessage {
            round,
            set_id: 0,
            message: finality_grandpa::SignedMessage {
                signature: grandpa::sign_message(signer, &prevote, round, 0),
                message: prevote.clone(),
                id: id.public(),
            },
        })
    };
    let precommit = Precommit::new(Hash::repeat_byte(7), 1_000);
    let forged = vec![
        // Someone outside the set.
        vote(&eve, &eve, 1),
        // Bob's name, Eve's signature.
        vote(&bob, &eve, 1),
        // A commit far ahead with a bad signature.
        GossipMessage::Commit(CommitMessage {
            round: 1,
            set_id: 0,
            commit: sp_consensus_grandpa::CompactCommit::<Header> {
                target_hash: precommit.target_hash,
                target_number: precommit.target_number,
                precommits: vec![precommit.clone()],
                auth_data: vec![(
                    grandpa::sign_message(&eve, &Message::Precommit(precommit.clone()), 1, 0),
                    bob.public(),
                )],
            },
        }),
        // A catch-up with forged votes.
        GossipMessage::CatchUp(CatchUpMessage {
            set_id: 0,
            catch_up: sp_consensus_grandpa::CatchUp::<Header> {
                round_number: 1_000,
                prevotes: vec![finality_grandpa::SignedPrevote {
                    prevote: Prevote::new(genesis, 0),
                    signature: grandpa::sign_message(&eve, &prevote, 1_000, 0),
                    id: bob.public(),
                }],
                precommits: vec![finality_grandpa::SignedPrecommit {
                    precommit: Precommit::new(genesis, 0),
                    signature: grandpa::sign_message(&eve, &prevote, 1_000, 0),
                    id: bob.public(),
                }],
                base_hash: genesis,
                base_number: 0,
            },
        }),
    ];
    for message in &forged {
        net.hub.inject(STRANGER, 0, message.to_bytes());
    }
    // Another set's business is ignored, not punished.
    let mut other_set = vote(&bob, &bob, 1);
    if let GossipMessage::Vote(v) = &mut other_set {
        v.set_id = 7;
    }
    net.hub.inject(STRANGER, 0, other_set.to_bytes());
    // Seeded junk, and truncations of a valid message.
    let mut rng = SEED;
    let mut next = move || {
        rng = rng
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (rng >> 33) as u8
    };
    for _ in 0..200 {
        let len = usize::from(next()) % 120 + 1;
        let mut junk: Vec<u8> = (0..len).map(|_| next()).collect();
        junk[0] = 1;
        net.hub.inject(STRANGER, 0, junk);
    }
    let valid = vote(&bob, &bob, 1).to_bytes();
    for cut in 0..valid.len() {
        net.hub.inject(STRANGER, 0, valid[..cut].to_vec());
    }

    net.wait_finalized(&[0, 1, 2, 3], 2).await;
    net.author_blocks(2);
    net.wait_finalized(&[0, 1, 2, 3], 4).await;
    assert!(net.running(0), "the voter survived");

    let reports = net.hub.reports();
    assert!(reports.iter().all(|r| r.peer == STRANGER), "{reports:?}");
    let count = |offence| reports.iter().filter(|r| r.offence == offence).count();
    assert!(count(Offence::UnknownVoter) >= 1, "{reports:?}");
    assert!(count(Offence::BadSignature) >= 3, "{reports:?}");
    assert!(count(Offence::Undecodable) >= valid.len(), "{reports:?}");
    assert_no_equivocation(&net.hub.sent());

    // Nothing the stranger sent would be relayed: the forged messages and the junk are
    // dropped, the other set's vote kept to the node; the voters' own votes are relayed.
    let judged = net.hub.judged();
    let verdicts = |from_stranger: bool, verdict| {
        judged
            .iter()
            .filter(|j| (j.from == STRANGER) == from_stranger && j.verdict == verdict)
            .count()
    };
    assert_eq!(verdicts(true, Verdict::Relay), 0, "{judged:?}");
    assert!(
        verdicts(true, Verdict::Drop) >= forged.len() + valid.len(),
        "{judged:?}"
    );
    assert!(verdicts(true, Verdict::Keep) >= 1, "{judged:?}");
    assert!(verdicts(false, Verdict::Relay) >= 12, "{judged:?}");
    assert_eq!(verdicts(false, Verdict::Drop), 0, "{judged:?}");
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn the_same_seed_replays_the_same_run() {
    async fn run() -> Vec<Sent> {
        let mut net = Net::new();
        net.author_blocks(2);
        for i in 0..4 {
            net.start(i);
        }
        net.wait_finalized(&[0, 1, 2, 3], 2).await;
        net.crash(3).await;
        net.author_blocks(2);
        net.wait_finalized(&[0, 1, 2], 4).await;
        net.start(3);
        net.wait_finalized(&[3], 4).await;
        for i in 0..4 {
            net.stop(i).await;
        }
        net.hub.sent()
    }
    // Same messages, same order, same (virtual) times. Block hashes differ between
    // runs (sr25519 Aura seals are randomised), so messages are compared by what they
    // say about block numbers.
    let first: Vec<String> = run().await.iter().map(describe).collect();
    let second: Vec<String> = run().await.iter().map(describe).collect();
    assert!(first.len() > 20);
    if let Some(at) = (0..first.len().max(second.len())).find(|i| first.get(*i) != second.get(*i)) {
        panic!(
            "runs diverge at message {at} of {}/{}: {:?} vs {:?}",
            first.len(),
            second.len(),
            first.get(at),
            second.get(at)
        );
    }
}

/// What a sent message says, with blocks named by number.
fn describe(sent: &Sent) -> String {
    let what = match GossipMessage::from_bytes(&sent.bytes) {
        Ok(GossipMessage::Vote(v)) => {
            let kind = match v.message.message {
                Message::Prevote(_) => "prevote",
                Message::Precommit(_) => "precommit",
                Message::PrimaryPropose(_) => "propose",
            };
            format!(
                "{kind} set {} round {} for #{} by {}",
                v.set_id,
                v.round,
                v.message.target().1,
                v.message.id
            )
        }
        Ok(GossipMessage::Commit(c)) => format!(
            "commit set {} round {} for #{} with {} precommits",
            c.set_id,
            c.round,
            c.commit.target_number,
            c.commit.precommits.len()
        ),
        Ok(GossipMessage::CatchUp(c)) => format!(
            "catch-up set {} round {} base #{}",
            c.set_id, c.catch_up.round_number, c.catch_up.base_number
        ),
        Ok(other) => format!("{other:?}"),
        Err(e) => format!("{e}"),
    };
    format!("{} -> {:?} at {:?}: {what}", sent.from, sent.to, sent.at)
}

/// The RPC methods of a node whose GRANDPA state is `grandpa`.
fn rpc_module(
    client: Arc<Client>,
    keystore_dir: &Path,
    grandpa: Option<GrandpaHandle>,
) -> jsonrpsee::RpcModule<()> {
    use taonet_node::network::NoNetwork;
    use taonet_node::rpc::{self, RpcDeps, SystemInfo};
    use taonet_node::txpool::{PoolLimits, TxPool};
    rpc::build_module(
        RpcDeps {
            pool: TxPool::new(client.clone(), PoolLimits::default()),
            client,
            keystore: Arc::new(
                taonet_node::keystore::Keystore::open(keystore_dir).expect("keystore"),
            ),
            system: SystemInfo {
                node_name: "alice".into(),
                version: "0".into(),
                chain_name: "Local Testnet".into(),
                chain_type: "Local".into(),
                properties: serde_json::json!({}),
                is_validator: true,
            },
            network: Arc::new(NoNetwork),
            grandpa,
        },
        false,
    )
    .expect("module builds")
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn rpc_serves_round_state_finality_proofs_and_justifications() {
    use jsonrpsee::rpc_params;
    let mut net = Net::new();
    net.author_blocks(2);
    for i in 0..4 {
        net.start(i);
    }
    net.wait_finalized(&[0, 1, 2, 3], 2).await;
    let keys = tempfile::tempdir().expect("tempdir");
    let module = rpc_module(net.client(0), keys.path(), Some(net.handle(0)));
    let mut subscription = module
        .subscribe_unbounded("grandpa_subscribeJustifications", rpc_params![])
        .await
        .expect("subscribes");

    let state: serde_json::Value = module
        .call("grandpa_roundState", rpc_params![])
        .await
        .expect("round state");
    assert_eq!(state["setId"], 0);
    assert_eq!(state["best"]["totalWeight"], 4);
    assert_eq!(state["best"]["thresholdWeight"], 3);
    assert!(state["best"]["prevotes"]["missing"].is_array());
    assert!(state["background"].is_array());

    let proof: Option<String> = module
        .call("grandpa_proveFinality", rpc_params![1])
        .await
        .expect("proof");
    let bytes =
        hex::decode(proof.expect("block 1 is final").trim_start_matches("0x")).expect("hex");
    let proof = <grandpa::FinalityProof as codec::Decode>::decode(&mut &bytes[..])
        .expect("a FinalityProof");
    let number = net
        .client(0)
        .header(&proof.block)
        .expect("read")
        .expect("header")
        .number;
    grandpa::verify_justification(
        0,
        &authorities(),
        (proof.block, number),
        &proof.justification,
    )
    .expect("verifies");
    let unproven: Option<String> = module
        .call("grandpa_proveFinality", rpc_params![100])
        .await
        .expect("answers");
    assert_eq!(unproven, None);

    net.author_blocks(2);
    net.wait_finalized(&[0], 4).await;
    let (notified, _) = subscription
        .next::<String>()
        .await
        .expect("a notification")
        .expect("decodes");
    let bytes = hex::decode(notified.trim_start_matches("0x")).expect("hex");
    let justification =
        <sp_consensus_grandpa::GrandpaJustification<Header> as codec::Decode>::decode(
            &mut &bytes[..],
        )
        .expect("a justification");
    grandpa::verify_justification(
        0,
        &authorities(),
        (
            justification.commit.target_hash,
            justification.commit.target_number,
        ),
        &bytes,
    )
    .expect("verifies");

    // Without GRANDPA the methods are not served.
    let plain = rpc_module(net.client(1), keys.path(), None);
    assert!(!plain
        .method_names()
        .any(|name| name.starts_with("grandpa_")));
}
