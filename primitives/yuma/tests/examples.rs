//! Worked examples, one per rule of yuma-epoch.md §9, plus two complete small epochs.
//!
//! Every expected number was derived by hand from the spec's formulas (integer arithmetic
//! on raw I32F32 values = value·2^32: products floored, quotients truncated, `safe_div` → 0),
//! never by running this crate. Notation in the comments: `raw(x)` is the I32F32 bit
//! pattern, `u16(x) = floor(raw(x)·65535 / 2^32)`, `rao(x) = floor(raw(x)·10^9 / 2^32)`,
//! α = 1 − 0.9 = raw 429 496 730, 1 − α = raw 3 865 470 566, κ = raw 2 147 450 879.

use taonet_yuma::{
    activity_cutoff_blocks, epoch, epoch_dense, to_u16, EpochOutput, EpochParams, OwnedEpochInput,
    Row, DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI, I32F32,
};

const RAO: u64 = 1_000_000_000;
const ONE: i64 = 1 << 32;

/// A subnet at block 1000: every uid registered at block 0 and updated at block 1000, no
/// weights or bonds, and an old permit for every uid with stake. 10^9 rao to distribute.
struct Net(OwnedEpochInput);

impl Net {
    fn new(stake: &[u64]) -> Self {
        let n = stake.len();
        Self(OwnedEpochInput {
            current_block: 1000,
            rao_emission: RAO,
            stake: stake.to_vec(),
            weights: vec![vec![]; n],
            bonds: vec![vec![]; n],
            last_update: vec![1000; n],
            block_at_registration: vec![0; n],
            validator_permit: stake.iter().map(|&s| s > 0).collect(),
            commit_block: vec![],
        })
    }
    fn block(mut self, block: u64) -> Self {
        self.0.current_block = block;
        self
    }
    fn weights(mut self, uid: usize, row: &[(u16, u16)]) -> Self {
        self.0.weights[uid] = row.to_vec();
        self
    }
    fn bonds(mut self, uid: usize, row: &[(u16, u16)]) -> Self {
        self.0.bonds[uid] = row.to_vec();
        self
    }
    fn last_update(mut self, blocks: &[u64]) -> Self {
        self.0.last_update = blocks.to_vec();
        self
    }
    fn registered(mut self, blocks: &[u64]) -> Self {
        self.0.block_at_registration = blocks.to_vec();
        self
    }
    fn permits(mut self, permits: &[bool]) -> Self {
        self.0.validator_permit = permits.to_vec();
        self
    }
    fn run(&self, params: &EpochParams) -> EpochOutput {
        epoch(&self.0.as_input(), params).expect("valid input")
    }
    fn dense(&self, params: &EpochParams) -> EpochOutput {
        epoch_dense(&self.0.as_input(), params).expect("valid input")
    }
}

fn defaults() -> EpochParams {
    EpochParams::default()
}

fn yuma3() -> EpochParams {
    EpochParams {
        yuma3: true,
        ..EpochParams::default()
    }
}

fn bits(v: &[I32F32]) -> Vec<i64> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn row(entries: &[(u16, u16)]) -> Option<Row> {
    Some(entries.to_vec())
}

/// Rule 1: floors everywhere, u16 values floored, never rounded.
/// Stake [1, 9] → raw floor(2^32/10) = 429 496 729 and floor(9·2^32/10) = 3 865 470 566
/// → u16 6553 / 58981; no weights, so emission = active stake (§4.13) = the same raws
/// (renormalising by 2^32 − 1 changes nothing) → rao 99 999 999 / 899 999 999 (1 rao lost).
/// Stake [1, 2] → raws 1 431 655 765 / 2 863 311 530 → u16 21844 / 43689, not 21845 / 43690.
#[test]
fn rule01_floors_and_truncations() {
    let out = Net::new(&[1, 9]).run(&defaults());
    assert_eq!(bits(&out.stake), [429_496_729, 3_865_470_566]);
    assert_eq!(to_u16(&out.stake), [6553, 58981]);
    assert_eq!(out.emission, [99_999_999, 899_999_999]);

    let out = Net::new(&[1, 2]).run(&defaults());
    assert_eq!(bits(&out.stake), [1_431_655_765, 2_863_311_530]);
    assert_eq!(to_u16(&out.stake), [21844, 43689]);
}

/// Rule 2: κ = 32767/65535 < ½, so an exact 50/50 stake split takes the higher score.
/// Two validators with equal stake (u = [½, ½], σ = 1, minority = σ − κ = raw 2 147 516 417 > ½).
/// Rows normalise to V0 = [½, ½] and V1 = [¼, ¾] (21845/87380 = ¼ exactly).
/// Column 2: pivot ¼, upper = {V0} with ½ stake, hi − ½ = ½ ≤ minority → ½ (u16 32767).
/// Column 3: pivot ¾, lower = {V0}, minority < ½ fails, upper empty → ¾ (u16 49151).
/// With kappa 32768 (κ raw 2 147 516 416 > ½, minority < ½) the ties go the other way:
/// column 2 returns pivot ¼ (16383), column 3 descends into lower → ½ (32767).
#[test]
fn rule02_kappa_below_half_resolves_ties_upwards() {
    let net = Net::new(&[1, 1, 0, 0])
        .weights(0, &[(2, 65535), (3, 65535)])
        .weights(1, &[(2, 21845), (3, 65535)]);
    assert_eq!(
        to_u16(&net.run(&defaults()).consensus),
        [0, 0, 32767, 49151]
    );
    let strict = EpochParams {
        kappa: 32768,
        ..defaults()
    };
    assert_eq!(to_u16(&net.run(&strict).consensus), [0, 0, 16383, 32767]);
}

/// Rule 3: `is_topk_nonzero` sorts stake ascending with a stable sort and clears the first
/// n − k. Stake [5, 5, 5, 0] sorts to uids [3, 0, 1, 2]: k = 2 clears uids 3 and 0 (the lower
/// uid loses the tie); k = 3 clears uid 3 only. With n = 3 < k = 64 nothing is trimmed, yet
/// the zero-stake uid still gets no permit.
#[test]
fn rule03_topk_permits() {
    let net = Net::new(&[5, 5, 5, 0]);
    let k2 = EpochParams {
        max_allowed_validators: 2,
        ..defaults()
    };
    assert_eq!(
        net.run(&k2).new_validator_permit,
        [false, true, true, false]
    );
    let k3 = EpochParams {
        max_allowed_validators: 3,
        ..defaults()
    };
    assert_eq!(net.run(&k3).new_validator_permit, [true, true, true, false]);
    let small = Net::new(&[5, 0, 3]);
    assert_eq!(
        small.run(&defaults()).new_validator_permit,
        [true, false, true]
    );
}

/// Rule 4: the epoch masks with the old permits; new permits are output only.
/// Stake [3, 1] → S = [¾, ¼]; V0 has no old permit, so its row is emptied and A = [0, ¼]
/// → normalised [0, 1]. Only V1's weight on miner 3 counts: C_3 = 1, I = [0, 0, 0, 1].
/// Bonds: ΔB_13 = 1 → EMA = α → column-normalised 1 → D = [0, 1]. Σ(I + D) = 2, so miner 3
/// and V1 each get ½ → 500 000 000 rao. V0 still gains a new permit (and an empty bond row).
#[test]
fn rule04_old_permits_mask_the_current_epoch() {
    let out = Net::new(&[3, 1, 0, 0])
        .permits(&[false, true, false, false])
        .weights(0, &[(2, 65535)])
        .weights(1, &[(3, 65535)])
        .run(&defaults());
    assert_eq!(bits(&out.active_stake), [0, ONE, 0, 0]);
    assert_eq!(to_u16(&out.consensus), [0, 0, 0, 65535]);
    assert_eq!(to_u16(&out.incentive), [0, 0, 0, 65535]);
    assert_eq!(to_u16(&out.dividends), [0, 65535, 0, 0]);
    assert_eq!(out.server_emission, [0, 0, 0, 500_000_000]);
    assert_eq!(out.validator_emission, [0, 500_000_000, 0, 0]);
    assert_eq!(out.new_validator_permit, [true, true, false, false]);
    assert_eq!(
        out.bonds,
        [row(&[]), row(&[(3, 65535)]), row(&[]), row(&[])]
    );
}

/// Rule 5: a weight is outdated when `last_update_i <= reg_j`. V0 updated at 1000 and weights
/// miners 1 (registered at 1000) and 2 (registered at 999): the weight on miner 1 is dropped,
/// so V0's row is [(2, 1)] and I = [0, 0, 1]. Registering miner 1 at 999 instead keeps both
/// weights at ½ each → I = [0, ½, ½] → u16 32767.
#[test]
fn rule05_outdated_weights_use_less_or_equal() {
    let net = Net::new(&[1, 0, 0])
        .last_update(&[1000, 1000, 999])
        .registered(&[0, 1000, 999])
        .weights(0, &[(1, 65535), (2, 65535)]);
    assert_eq!(to_u16(&net.run(&defaults()).incentive), [0, 0, 65535]);
    let older = net
        .registered(&[0, 999, 999])
        .last_update(&[1000, 999, 999]);
    assert_eq!(to_u16(&older.run(&defaults()).incentive), [0, 32767, 32767]);
}

/// Rule 6: `inactive = last_update + cutoff < current_block` (strict), the cutoff being
/// `max(1, 13 889·tempo/1000)`: 5000 at tempo 360, 1388 at tempo 100, 1 at tempo 0.
/// At block 6000: 1000 + 5000 < 6000 is false (active), 999 + 5000 < 6000 is true (inactive).
/// A = [1, 0]; no weights, so all emission follows active stake: [10^9, 0].
#[test]
fn rule06_activity_is_strict_and_cutoff_comes_from_tempo() {
    assert_eq!(
        activity_cutoff_blocks(DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI, 360),
        5000
    );
    assert_eq!(
        activity_cutoff_blocks(DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI, 100),
        1388
    );
    assert_eq!(
        activity_cutoff_blocks(DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI, 0),
        1
    );
    assert_eq!(defaults().activity_cutoff, 5000);

    let out = Net::new(&[1, 1])
        .block(6000)
        .last_update(&[1000, 999])
        .run(&defaults());
    assert_eq!(out.active, [true, false]);
    assert_eq!(bits(&out.active_stake), [ONE, 0]);
    assert_eq!(out.emission, [RAO, 0]);
}

/// Rule 7: bond columns of uids registered at or after `last_tempo` are dropped, with
/// `last_tempo = lms + 1`, or `current_block − tempo` when lms = 0.
/// Yuma3, one validator: old bonds 65535 → proportion exactly 1; weights ½ each.
/// Kept column: α·½ + (1−α)·1 = 214 748 365 + 3 865 470 566 = 4 080 218 931 → u16 62258.
/// Dropped column: α·½ = 214 748 365 → u16 3276.
/// Miners registered at 640 and 639; block 1000:
/// lms 0 → last_tempo 1000 − 360 = 640 masks miner 1 only; lms 640 → 641 masks neither;
/// lms 638 → 639 masks both.
#[test]
fn rule07_bond_mask_uses_last_tempo() {
    let net = Net::new(&[1, 0, 0])
        .registered(&[0, 640, 639])
        .last_update(&[1000, 640, 639])
        .weights(0, &[(1, 65535), (2, 65535)])
        .bonds(0, &[(1, 65535), (2, 65535)]);
    let with_lms = |lms| EpochParams {
        last_mechanism_step_block: lms,
        ..yuma3()
    };
    assert_eq!(
        net.run(&with_lms(0)).bonds[0],
        row(&[(1, 3276), (2, 62258)])
    );
    assert_eq!(
        net.run(&with_lms(640)).bonds[0],
        row(&[(1, 62258), (2, 62258)])
    );
    assert_eq!(
        net.run(&with_lms(638)).bonds[0],
        row(&[(1, 3276), (2, 3276)])
    );
}

/// Rule 8: a weight above a consensus of 0 is removed, not kept as a zero.
/// Stake [1, 3] → A = [¼, ¾]. V0 weights miners 2 and 3 at ½ each, V1 only miner 2 at 1.
/// C_2: pivot 1 (V1), lower {V0} has ¼ ≤ minority, upper empty → 1. C_3: pivot 0 (V1),
/// hi − ¼ = ¾ > minority → 0. V0's (3, ½) is dropped: Tv = [½, 1] → u16 [32767, 65535].
/// Yuma2 bonds, column 2: ΔB = [⅛, ¾] / ⅞ → [1/7, 6/7] → EMA → column-normalised raws
/// [613 566 750, 3 681 400 545] → max-upscaled u16 [10922, 65535]. With bonds_penalty 0 the
/// bonds use the unclipped weights and V0 also bonds to miner 3 (sole holder → 65535).
#[test]
fn rule08_clip_to_zero_consensus_removes_the_entry() {
    let net = Net::new(&[1, 3, 0, 0])
        .weights(0, &[(2, 65535), (3, 65535)])
        .weights(1, &[(2, 65535)]);
    let out = net.run(&defaults());
    assert_eq!(to_u16(&out.consensus), [0, 0, 65535, 0]);
    assert_eq!(to_u16(&out.validator_trust), [32767, 65535, 0, 0]);
    assert_eq!(to_u16(&out.incentive), [0, 0, 65535, 0]);
    assert_eq!(out.bonds[0], row(&[(2, 10922)]));
    assert_eq!(out.bonds[1], row(&[(2, 65535)]));

    let raw_weights = EpochParams {
        bonds_penalty: 0,
        ..defaults()
    };
    assert_eq!(
        net.run(&raw_weights).bonds[0],
        row(&[(2, 10922), (3, 65535)])
    );
}

/// Rule 9: Yuma2 stores column-max-upscaled bonds, Yuma3 the raw EMA proportion.
/// One validator, one miner, weight 1, no old bonds: EMA = α·1 = raw 429 496 730.
/// Yuma2 upscales it to 1 → 65535; Yuma3 stores floor(0.1·65535) = 6553.
#[test]
fn rule09_bond_storage_yuma2_upscaled_yuma3_raw() {
    let net = Net::new(&[1, 0]).weights(0, &[(1, 65535)]);
    assert_eq!(net.run(&defaults()).bonds[0], row(&[(1, 65535)]));
    assert_eq!(net.run(&yuma3()).bonds[0], row(&[(1, 6553)]));
}

/// Rule 10: sparse Yuma3 with liquid alpha drops bonds to uids missing from the current
/// weight row; the dense variant decays them. Steepness 0 makes the sigmoid exact:
/// exp(0) = 1 → σ = ½ → α = lo + ½·(hi − lo) = 3 006 509 875 + 429 496 729 = 3 436 006 604.
/// Old bonds to miners 1 and 2 are both 1; V0 now weights miner 1 only (C_1 = 1 ≠ 0).
/// Miner 1: (1−α)·1 + α·1 = 1 → 65535 in both variants.
/// Miner 2: sparse drops it; dense keeps (1−α)·1 = 858 960 692 → u16 13106 (and stores all
/// n entries of a new permit's row, the zero self-bond included).
#[test]
fn rule10_sparse_liquid_alpha_drops_unlisted_bonds() {
    let net = Net::new(&[1, 0, 0])
        .weights(0, &[(1, 65535)])
        .bonds(0, &[(1, 65535), (2, 65535)]);
    let liquid = EpochParams {
        liquid_alpha: true,
        alpha_sigmoid_steepness: 0,
        ..yuma3()
    };
    assert_eq!(net.run(&liquid).bonds[0], row(&[(1, 65535)]));
    assert_eq!(
        net.dense(&liquid).bonds[0],
        row(&[(0, 0), (1, 65535), (2, 13106)])
    );
}

/// Rule 11: Yuma2 dividends ignore active stake, Yuma3 multiplies by it.
/// V1 (half the stake) is inactive at block 10 000 (1000 + 5000 < 10 000), so A = [1, 0].
/// Both hold old bonds 65535 to miner 2 and weight it fully; C_2 = 1, I_2 = 1.
/// Yuma2: B = [½, ½], ΔB = [1, 0]; EMA = [α + (1−α)·½, (1−α)·½]
/// = [2 362 232 013, 1 932 735 283] (sums to 2^32) = D → u16 [36044, 29490];
/// validator rao = floor(raw/2 ·10^9/2^32) = [274 999 999, 224 999 999].
/// Yuma3: EMA = [1, 1] → N = [½, ½] → D = [½·1, ½·0] → [1, 0] → 500 000 000 rao to V0 only.
#[test]
fn rule11_dividends_and_active_stake() {
    let net = Net::new(&[1, 1, 0])
        .block(10_000)
        .last_update(&[10_000, 1000, 10_000])
        .weights(0, &[(2, 65535)])
        .weights(1, &[(2, 65535)])
        .bonds(0, &[(2, 65535)])
        .bonds(1, &[(2, 65535)]);
    let out = net.run(&defaults());
    assert_eq!(out.active, [true, false, true]);
    assert_eq!(to_u16(&out.dividends), [36044, 29490, 0]);
    assert_eq!(out.validator_emission, [274_999_999, 224_999_999, 0]);

    let out = net.run(&yuma3());
    assert_eq!(to_u16(&out.dividends), [65535, 0, 0]);
    assert_eq!(out.validator_emission, [500_000_000, 0, 0]);
}

/// Rule 12: the median renormalises the positive active stakes once more.
/// Stake [4 999 847 396, 10^9 × 5]: S_0 = raw 2 147 450 876 (ΣS = 2^32 − 5),
/// A_0 = 2 147 450 878 (ΣA = 2^32 − 3), u_0 = 2 147 450 879 = κ (Σu = 2^32 − 2).
/// Only V0 weights miner 6; pivot 0, upper = {V0}: Σu − u_0 ≤ Σu − κ holds, so C_6 = 1.
/// Using A directly (A_0 < κ) would give C_6 = 0 and no incentive at all.
#[test]
fn rule12_median_renormalises_active_stake() {
    let mut stake = vec![4_999_847_396];
    stake.extend([RAO; 5]);
    stake.push(0);
    let out = Net::new(&stake).weights(0, &[(6, 65535)]).run(&defaults());
    assert_eq!(out.active_stake[0].to_bits(), 2_147_450_878);
    assert_eq!(to_u16(&out.consensus)[6], 65535);
    assert_eq!(to_u16(&out.incentive)[6], 65535);
}

/// Rule 13: with Σ(I + D) = 0 emission follows active stake, or raw normalised stake when
/// no stake is active; server emission is 0.
/// Stake [1, 2], no weights. V0 inactive (0 + 5000 < 10 000): A = [0, 1] → [0, 10^9].
/// Both inactive: A = 0 → S = [1 431 655 765, 2 863 311 530] → [333 333 333, 666 666 666].
#[test]
fn rule13_zero_emission_falls_back_to_stake() {
    let net = Net::new(&[1, 2]).block(10_000).last_update(&[0, 10_000]);
    let out = net.run(&defaults());
    assert_eq!(out.server_emission, [0, 0]);
    assert_eq!(out.validator_emission, [0, RAO]);
    assert_eq!(out.emission, [0, RAO]);

    let out = net.last_update(&[0, 0]).run(&defaults());
    assert_eq!(out.active, [false, false]);
    assert_eq!(out.server_emission, [0, 0]);
    assert_eq!(out.validator_emission, [333_333_333, 666_666_666]);
    assert_eq!(out.emission, [333_333_333, 666_666_666]);
}

/// Rule 14: the sparse path writes a row for every uid, empty without a new permit.
/// V0 keeps its permit and bonds miner 2 alone (65535); uid 1 loses its permit (no stake);
/// uid 2 never had one but holds an old bond row. Sparse: rows 1 and 2 are written empty.
/// Dense: V0's row has all n entries, uid 1 (old permit only) is emptied, uid 2 untouched.
#[test]
fn rule14_sparse_writes_empty_rows_dense_leaves_them() {
    let net = Net::new(&[1, 0, 0])
        .permits(&[true, true, false])
        .weights(0, &[(2, 65535)])
        .bonds(2, &[(0, 5)]);
    let out = net.run(&defaults());
    assert_eq!(out.new_validator_permit, [true, false, false]);
    assert_eq!(out.bonds, [row(&[(2, 65535)]), row(&[]), row(&[])]);
    let out = net.dense(&defaults());
    assert_eq!(
        out.bonds,
        [row(&[(0, 0), (1, 0), (2, 65535)]), row(&[]), None]
    );
}

/// Rule 15: the owner uid (sparse only) gets a forced permit, bypasses the stake threshold
/// and keeps its self-weight. Owner uid 0 has stake 5 < threshold 10 and no old permit; it
/// weights itself and miner 1 equally.
/// Sparse: S = [1, 0], A = [1, 0], W = [½, ½] → C = I = [½, ½], Tv_0 = 1; D_0 = 1.
/// Σ(I + D) = 2: server [¼, ¼] → 250 000 000 each, validator ½ → 500 000 000,
/// combined [¾, ¼] → [750 000 000, 250 000 000]; bond row [(0, 65535), (1, 65535)].
/// Dense: the threshold zeroes the owner's stake → nothing at all. With threshold 0 and a
/// permit, dense still drops the self-weight → I = [0, 1].
#[test]
fn rule15_owner_special_cases_in_sparse_only() {
    let net = Net::new(&[5, 0])
        .permits(&[false, false])
        .weights(0, &[(0, 65535), (1, 65535)]);
    let owner = EpochParams {
        owner_uid: Some(0),
        stake_threshold: 10,
        ..defaults()
    };
    let out = net.run(&owner);
    assert_eq!(out.new_validator_permit, [true, false]);
    assert_eq!(to_u16(&out.stake), [65535, 0]);
    assert_eq!(to_u16(&out.consensus), [32767, 32767]);
    assert_eq!(to_u16(&out.validator_trust), [65535, 0]);
    assert_eq!(to_u16(&out.incentive), [32767, 32767]);
    assert_eq!(to_u16(&out.dividends), [65535, 0]);
    assert_eq!(out.server_emission, [250_000_000, 250_000_000]);
    assert_eq!(out.validator_emission, [500_000_000, 0]);
    assert_eq!(out.emission, [750_000_000, 250_000_000]);
    assert_eq!(out.bonds, [row(&[(0, 65535), (1, 65535)]), row(&[])]);

    let out = net.dense(&owner);
    assert_eq!(out.new_validator_permit, [false, false]);
    assert_eq!(out.emission, [0, 0]);
    let permitted = net.permits(&[true, false]);
    let no_threshold = EpochParams {
        stake_threshold: 0,
        ..owner
    };
    assert_eq!(
        to_u16(&permitted.dense(&no_threshold).incentive),
        [0, 65535]
    );
}

/// Rule 16: stake is normalised in I64F64, then floored to I32F32. Stakes of 3 000 and
/// 1 000 TAO (3·10^12 and 10^12 rao) exceed the I32F32 integer range (2^31), yet normalise
/// exactly to ¾ and ¼: raws 3 221 225 472 / 1 073 741 824 → u16 49151 / 16383,
/// emission 750 000 000 / 250 000 000.
#[test]
fn rule16_stake_normalised_in_i64f64() {
    let out = Net::new(&[3_000_000_000_000, 1_000_000_000_000]).run(&defaults());
    assert_eq!(bits(&out.stake), [3_221_225_472, 1_073_741_824]);
    assert_eq!(to_u16(&out.stake), [49151, 16383]);
    assert_eq!(out.emission, [750_000_000, 250_000_000]);
}

/// Two validators (stake 6 and 4 TAO, old permits) and two miners (registered at 10 and 20,
/// last update 500, active) at block 1000; weights as set_weights stores them.
fn worked_net() -> Net {
    Net::new(&[6 * RAO, 4 * RAO, 0, 0])
        .last_update(&[1000, 1000, 500, 500])
        .registered(&[0, 0, 10, 20])
        .weights(0, &[(2, 65535), (3, 32768)])
        .weights(1, &[(2, 21845), (3, 65535)])
}

/// The steps shared by both worked epochs, up to incentive.
fn assert_worked_common(out: &EpochOutput) {
    assert_eq!(out.active, [true; 4]);
    assert_eq!(out.new_validator_permit, [true, true, false, false]);
    assert_eq!(to_u16(&out.stake), [39320, 26213, 0, 0]);
    assert_eq!(to_u16(&out.consensus), [0, 0, 43689, 21845]);
    assert_eq!(to_u16(&out.validator_trust), [65534, 38228, 0, 0]);
    assert_eq!(to_u16(&out.incentive), [0, 0, 39320, 26214]);
    assert_eq!(out.server_emission, [0, 0, 299_998_290, 200_001_708]);
}

/// Complete Yuma2 epoch.
/// S = A = [floor(0.6·2^32), floor(0.4·2^32)] = [2 576 980 377, 1 717 986 918] (sum 2^32 − 1,
/// renormalising changes nothing) → u16 [39320, 26213]. Minority = (2^32 − 1) − κ.
/// W0 = [65535, 32768]/98303 = [2 863 296 966, 1 431 670 329]; W1 = [¼, ¾].
/// C_2: pivot ¼, upper {V0} (0.6): 0.4 ≤ minority → W0_2 → u16 43689.
/// C_3: pivot ¾, lower {V0}: minority < 0.6 → W0_3 → u16 21845.
/// Clip V1's ¾ to C_3: Tv = [2^32 − 1, ¼ + C_3] → u16 [65534, 38228].
/// R = [2 147 474 908, 1 431 670 328] → I = [2 576 965 697, 1 718 001 598] → [39320, 26214].
/// Old bonds col-normalised: B_·2 = [65535, 40000]/105535, B_·3 = [30000, 65535]/95535.
/// ΔB = col-normalised W̄·A: [3 435 970 341, 858 996 954], [2 576 980 378, 1 717 986 917].
/// EMA = α·ΔB + (1−α)·B, col-normalised: V0 [2 743 972 393, 1 471 537 123],
/// V1 [1 550 994 902, 2 823 430 172]. D = Σ_j I_j·EMA_ij = [2 234 993 934, 2 059 973 357]
/// → normalised [2 234 993 936, 2 059 973 359] → u16 [34102, 31432].
/// Σ(I + D) = 2^33 − 2 → rao: validators [260 187 538, 239 812 461],
/// miners [299 998 290, 200 001 708]. Stored bonds: column max → 65535, the other
/// 1 471 537 123/2 823 430 172 → 34156 and 1 550 994 902/2 743 972 393 → 37042.
/// The dense variant gives the same numbers, storing full-width rows for the new permits.
#[test]
fn worked_epoch_yuma2() {
    let net = worked_net()
        .bonds(0, &[(2, 65535), (3, 30000)])
        .bonds(1, &[(2, 40000), (3, 65535)]);
    let out = net.run(&defaults());
    assert_worked_common(&out);
    assert_eq!(to_u16(&out.dividends), [34102, 31432, 0, 0]);
    assert_eq!(out.validator_emission, [260_187_538, 239_812_461, 0, 0]);
    assert_eq!(
        out.emission,
        [260_187_538, 239_812_461, 299_998_290, 200_001_708]
    );
    assert_eq!(
        out.bonds,
        [
            row(&[(2, 65535), (3, 34156)]),
            row(&[(2, 37042), (3, 65535)]),
            row(&[]),
            row(&[])
        ]
    );

    let dense = net.dense(&defaults());
    assert_worked_common(&dense);
    assert_eq!(to_u16(&dense.dividends), [34102, 31432, 0, 0]);
    assert_eq!(dense.emission, out.emission);
    assert_eq!(
        dense.bonds,
        [
            row(&[(0, 0), (1, 0), (2, 65535), (3, 34156)]),
            row(&[(0, 0), (1, 0), (2, 37042), (3, 65535)]),
            None,
            None
        ]
    );
}

/// Complete Yuma3 epoch, same stake and weights (so the same S, C, Tv, I as above).
/// Old bonds as proportions floor(b·2^32/65535): V0 [1 966 110 000, 655 370 000],
/// V1 [1 310 740 000, 2 621 480 000].
/// EMA = α·W̄ + (1−α)·B: V0 [2 055 828 695, 733 000 032] → stored u16 [31368, 11184];
/// V1 [1 287 040 181, 2 502 499 032] → [19638, 38184].
/// N = col-normalised EMA: V0 [2 641 359 065, 973 021 813], V1 [1 653 608 230, 3 321 945 482].
/// Σ_j N_ij·I_j = [1 974 018 460, 2 320 948 831]; × A_i = [1 184 411 075, 928 379 532]
/// → D = [2 407 719 352, 1 887 247 943] → u16 [36738, 28796].
/// Σ(I + D) = 2^33 − 2 → validators [280 295 423, 219 704 576] rao, miners as in Yuma2.
#[test]
fn worked_epoch_yuma3() {
    let net = worked_net()
        .bonds(0, &[(2, 30000), (3, 10000)])
        .bonds(1, &[(2, 20000), (3, 40000)]);
    let out = net.run(&yuma3());
    assert_worked_common(&out);
    assert_eq!(to_u16(&out.dividends), [36738, 28796, 0, 0]);
    assert_eq!(out.validator_emission, [280_295_423, 219_704_576, 0, 0]);
    assert_eq!(
        out.emission,
        [280_295_423, 219_704_576, 299_998_290, 200_001_708]
    );
    assert_eq!(
        out.bonds,
        [
            row(&[(2, 31368), (3, 11184)]),
            row(&[(2, 19638), (3, 38184)]),
            row(&[]),
            row(&[])
        ]
    );
}

/// Yuma 3's fixed EMA rate converts with `from_num`, which wraps in a release build, where
/// Yuma 2's saturates. bma = 2^31·10^6 makes I64F64(bma)/10^6 = 2^31, which wraps to
/// I32F32::MIN, so α = 1 − MIN saturates to MAX: the single bond α·1 = MAX is stored as
/// 65535, column-normalises to 1 and pays all dividends to uid 0 (rao/2 each way).
#[test]
fn yuma3_fixed_rate_wraps_like_from_num() {
    let net = Net::new(&[1, 0])
        .weights(0, &[(1, 65_535)])
        .last_update(&[1000, 0])
        .permits(&[true, false]);
    let params = EpochParams {
        yuma3: true,
        bonds_moving_average: 2_147_483_648_000_000,
        ..EpochParams::default()
    };
    let out = net.run(&params);
    assert_eq!(to_u16(&out.dividends), vec![65_535, 0]);
    assert_eq!(out.server_emission, vec![0, 500_000_000]);
    assert_eq!(out.validator_emission, vec![500_000_000, 0]);
    assert_eq!(out.bonds, vec![Some(vec![(1, 65_535)]), Some(vec![])]);
}
