//! Every fixed-point operation the epoch uses, checked bit for bit against `substrate-fixed`
//! 0.6 (the crate the Bittensor chain computes Yuma with) on random and boundary operands.

use proptest::prelude::*;
use substrate_fixed::types::{I32F32 as Ref32, I64F64 as Ref64, I96F32 as Ref96};
use taonet_yuma::fixed::{FixedDivisor, NonNegative, Unit, UnitDivisor, WeightDivisor};
use taonet_yuma::{exp, exp_safe, I32F32, I64F64};

fn ours(raw: i64) -> I32F32 {
    I32F32::from_bits(raw)
}

fn reference(raw: i64) -> Ref32 {
    Ref32::from_bits(raw)
}

/// Raw I32F32 values: anything, plus the ranges the epoch lives in (proportions, u16 counts).
fn raw32() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        0i64..=(1 << 32),
        0i64..=(65_535i64 << 32),
        -(1i64 << 40)..(1i64 << 40),
        Just(0),
        Just(i64::MAX),
        Just(i64::MIN),
        Just(1 << 32),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn multiplication_matches(a in raw32(), b in raw32()) {
        prop_assert_eq!(
            ours(a).checked_mul(ours(b)).map(I32F32::to_bits),
            reference(a).checked_mul(reference(b)).map(Ref32::to_bits)
        );
        prop_assert_eq!(
            ours(a).saturating_mul(ours(b)).to_bits(),
            reference(a).saturating_mul(reference(b)).to_bits()
        );
    }

    /// Values in [0, 1] multiply as substrate-fixed's saturating product, and only they
    /// are units.
    #[test]
    fn unit_multiplication_matches(a in raw32(), b in raw32(), v in any::<u16>()) {
        let (ua, ub) = (Unit::new(ours(a)), Unit::new(ours(b)));
        prop_assert_eq!(ua.is_some(), (0..=1i64 << 32).contains(&a));
        if let (Some(ua), Some(ub)) = (ua, ub) {
            prop_assert_eq!(ua.get().to_bits(), a);
            prop_assert_eq!(
                ua.times(ub).to_bits(),
                reference(a).saturating_mul(reference(b)).to_bits()
            );
            if let Some(nb) = NonNegative::new(ours(b)) {
                prop_assert_eq!(ua.clip(nb).get().to_bits(), a.min(b));
            }
        }
        prop_assert_eq!(
            Unit::from_u16_proportion(v).get(),
            I32F32::from_u16_proportion(v)
        );
    }

    /// Non-negative values add as substrate-fixed's saturating sum, scale by a value in
    /// [0, 1] as its saturating product, and only they are non-negative.
    #[test]
    fn non_negative_arithmetic_matches(a in raw32(), b in raw32()) {
        let (na, nb) = (NonNegative::new(ours(a)), NonNegative::new(ours(b)));
        prop_assert_eq!(na.is_some(), a >= 0);
        if let (Some(na), Some(nb)) = (na, nb) {
            prop_assert_eq!(na.get().to_bits(), a);
            prop_assert_eq!(
                na.saturating_add(nb).get().to_bits(),
                reference(a).saturating_add(reference(b)).to_bits()
            );
            if let Some(ua) = Unit::new(ours(a)) {
                prop_assert_eq!(
                    ua.scale(nb).get().to_bits(),
                    reference(a).saturating_mul(reference(b)).to_bits()
                );
            }
        }
    }

    /// Values in [0, 1] divide as substrate-fixed's `safe_div` by every raw divisor in
    /// [2, 2^62], which are the divisors the unit division takes.
    #[test]
    fn unit_division_matches(
        v in prop_oneof![0i64..=(1 << 32), Just(1 << 32), Just(0)],
        d in prop_oneof![raw32(), 1i64..=16, 1i64..(1 << 40), Just(1 << 62), (1u32..=62, -2i64..=2).prop_map(|(l, k)| (1i64 << l) + k)],
    ) {
        let divisor = UnitDivisor::new(ours(d));
        prop_assert_eq!(divisor.is_some(), (2..=1i64 << 62).contains(&d));
        if let (Some(divisor), Some(unit)) = (divisor, Unit::new(ours(v))) {
            let expected = reference(v).checked_div(reference(d)).map_or(0, Ref32::to_bits);
            prop_assert_eq!(divisor.quotient(unit).get().to_bits(), expected);
        }
    }

    /// Whole numerators over whole divisors (integer bonds over their column sums) divide
    /// as substrate-fixed's `safe_div`.
    #[test]
    fn whole_division_matches(
        a in prop_oneof![0i64..=70_000, Just(65_535), Just(65_536)],
        b in prop_oneof![1i64..=70_000, 1i64..(1 << 31), Just((1 << 31) - 1), Just(1 << 31)],
    ) {
        let (a, b) = (a << 32, b << 32);
        let expected = reference(a).checked_div(reference(b)).map_or(0, Ref32::to_bits);
        prop_assert_eq!(FixedDivisor::new(ours(b)).safe_div(ours(a)).to_bits(), expected);
    }

    #[test]
    fn division_matches(a in raw32(), b in raw32()) {
        let expected = reference(a).checked_div(reference(b)).map(Ref32::to_bits);
        prop_assert_eq!(ours(a).checked_div(ours(b)).map(I32F32::to_bits), expected);
        prop_assert_eq!(ours(a).safe_div(ours(b)).to_bits(), expected.unwrap_or(0));
        prop_assert_eq!(FixedDivisor::new(ours(b)).safe_div(ours(a)).to_bits(), expected.unwrap_or(0));
        if b != 0 {
            prop_assert_eq!(
                ours(a).saturating_div(ours(b)).to_bits(),
                reference(a).saturating_div(reference(b)).to_bits()
            );
        }
    }

    #[test]
    fn reciprocal_division_matches_on_normalisation_operands(
        numerator in 0i64..=(1 << 48),
        divisor in 1i64..=(1 << 48),
    ) {
        prop_assert_eq!(
            FixedDivisor::new(ours(divisor)).safe_div(ours(numerator)).to_bits(),
            reference(numerator).checked_div(reference(divisor)).map_or(0, Ref32::to_bits)
        );
    }

    #[test]
    fn weight_division_matches_on_u16_rows(
        weight in prop_oneof![any::<u16>(), Just(u16::MAX), Just(0u16)],
        total in prop_oneof![1u64..(1 << 31), 1u64..70_000, (1u64 << 31) - 70_000..(1 << 31)],
    ) {
        let divisor = WeightDivisor::new(total).expect("0 < total < 2^31");
        let expected = reference(i64::from(weight) << 32)
            .checked_div(reference((total as i64) << 32))
            .map_or(0, Ref32::to_bits);
        prop_assert_eq!(divisor.quotient(weight).get().to_bits(), expected);
    }

    #[test]
    fn addition_matches(a in raw32(), b in raw32()) {
        prop_assert_eq!(ours(a).saturating_add(ours(b)).to_bits(), reference(a).saturating_add(reference(b)).to_bits());
        prop_assert_eq!(ours(a).saturating_sub(ours(b)).to_bits(), reference(a).saturating_sub(reference(b)).to_bits());
        prop_assert_eq!(ours(a).wrapping_add(ours(b)).to_bits(), reference(a).wrapping_add(reference(b)).to_bits());
    }

    #[test]
    fn conversions_match(a in raw32(), v in any::<u16>(), s in any::<i16>()) {
        let r = reference(a);
        prop_assert_eq!(ours(a).to_u16(), r.saturating_to_num::<u16>());
        prop_assert_eq!(ours(a).to_u64(), r.saturating_to_num::<u64>());
        prop_assert_eq!(
            ours(a).to_u16_proportion(),
            r.saturating_mul(Ref32::saturating_from_num(u16::MAX)).saturating_to_num::<u16>()
        );
        prop_assert_eq!(I32F32::from_u16(v).to_bits(), Ref32::saturating_from_num(v).to_bits());
        prop_assert_eq!(I32F32::from_i16(s).to_bits(), Ref32::saturating_from_num(s).to_bits());
        prop_assert_eq!(
            I32F32::from_u16_proportion(v).to_bits(),
            Ref32::saturating_from_num(v)
                .checked_div(Ref32::saturating_from_num(u16::MAX))
                .map_or(0, Ref32::to_bits)
        );
    }

    #[test]
    fn emission_product_matches(a in raw32(), rao in any::<u64>()) {
        let expected = Ref96::saturating_from_num(reference(a))
            .saturating_mul(Ref96::saturating_from_num(rao))
            .saturating_to_num::<u64>();
        prop_assert_eq!(ours(a).mul_rao(rao), expected);
    }

    #[test]
    fn wide_division_matches(a in any::<i128>(), b in any::<i128>(), x in any::<u64>(), y in any::<u64>()) {
        for (a, b) in [(a, b), (i128::from(x) << 64, i128::from(y) << 64), (i128::from(x >> 1) << 64, i128::from(y >> 1) << 64)] {
            let expected = Ref64::from_bits(a).checked_div(Ref64::from_bits(b)).map(Ref64::to_bits);
            prop_assert_eq!(I64F64::from_bits(a).checked_div(I64F64::from_bits(b)).map(I64F64::to_bits), expected);
            prop_assert_eq!(I64F64::from_bits(a).safe_div(I64F64::from_bits(b)).to_bits(), expected.unwrap_or(0));
        }
    }

    #[test]
    fn wide_conversions_match(a in any::<i128>(), v in any::<u64>()) {
        prop_assert_eq!(I64F64::from_u64(v).to_bits(), Ref64::saturating_from_num(v).to_bits());
        prop_assert_eq!(I64F64::from_bits(a).to_u64(), Ref64::from_bits(a).saturating_to_num::<u64>());
        prop_assert_eq!(
            I32F32::from_i64f64(I64F64::from_bits(a)).to_bits(),
            Ref32::saturating_from_num(Ref64::from_bits(a)).to_bits()
        );
    }

    #[test]
    fn exponential_matches(x in -(21i64 << 32)..(21i64 << 32)) {
        let expected = substrate_fixed::transcendental::exp::<Ref32, Ref32>(reference(x)).ok().map(Ref32::to_bits);
        prop_assert_eq!(exp(ours(x)).map(I32F32::to_bits), expected);
    }
}

/// Every power of two and its neighbours as a total, with the largest and smallest weights.
#[test]
fn weight_division_matches_at_boundaries() {
    assert!(WeightDivisor::new(0).is_none());
    assert!(WeightDivisor::new(1 << 31).is_none());
    for bit in 0..31 {
        for total in [(1u64 << bit) - 1, 1 << bit, (1 << bit) + 1] {
            let Some(divisor) = WeightDivisor::new(total) else {
                assert_eq!(total, 0);
                continue;
            };
            for weight in [0u16, 1, 2, 32_767, 32_768, 65_534, 65_535] {
                let expected = reference(i64::from(weight) << 32)
                    .checked_div(reference((total as i64) << 32))
                    .map_or(0, Ref32::to_bits);
                assert_eq!(
                    divisor.quotient(weight).get().to_bits(),
                    expected,
                    "{weight} / {total}"
                );
            }
        }
    }
}

#[test]
fn exponential_matches_at_special_points() {
    for x in [
        0,
        1 << 32,
        -(1 << 32),
        20 << 32,
        -(20 << 32),
        1,
        -1,
        1 << 31,
        5 << 32,
        -(5 << 32),
    ] {
        let expected = substrate_fixed::transcendental::exp::<Ref32, Ref32>(reference(x))
            .ok()
            .map(Ref32::to_bits);
        assert_eq!(
            exp(ours(x)).map(I32F32::to_bits),
            expected,
            "exp at raw {x}"
        );
    }
}

#[test]
fn exp_safe_clamps_its_input() {
    assert_eq!(exp_safe(ours(40 << 32)), exp_safe(ours(20 << 32)));
    assert_eq!(exp_safe(ours(-(40 << 32))), exp_safe(ours(-(20 << 32))));
    // exp(20) by the truncated series: below the true 485 165 195.4 because the series
    // stops at x^31.
    let twenty = exp_safe(ours(20 << 32)).to_u64();
    assert!(
        twenty > 400_000_000 && twenty < 485_165_196,
        "exp(20) = {twenty}"
    );
}

#[test]
fn decimal_text_is_exact() {
    assert_eq!(ours(1 << 31).to_decimal_string(), "0.5");
    assert_eq!(
        ours(1).to_decimal_string(),
        "0.00000000023283064365386962890625"
    );
    assert_eq!(ours(-(3 << 31)).to_decimal_string(), "-1.5");
    assert_eq!(ours(7 << 32).to_decimal_string(), "7");
}

/// subtensor's `vec_u16_max_upscale_to_u16`, written with substrate-fixed itself.
fn reference_upscale(values: &[u16]) -> Vec<u16> {
    let fixed: Vec<Ref32> = values
        .iter()
        .map(|&v| Ref32::saturating_from_num(v))
        .collect();
    let u16_max = Ref32::saturating_from_num(u16::MAX);
    let Some(&max) = fixed.iter().max() else {
        return Vec::new();
    };
    if max == Ref32::saturating_from_num(0) {
        return fixed
            .iter()
            .map(|e| e.saturating_mul(u16_max).saturating_to_num::<u16>())
            .collect();
    }
    let safe_div = |a: Ref32, b: Ref32| a.checked_div(b).unwrap_or_default();
    if max > Ref32::saturating_from_num(32768) {
        fixed
            .iter()
            .map(|e| {
                e.saturating_mul(safe_div(u16_max, max))
                    .round()
                    .saturating_to_num::<u16>()
            })
            .collect()
    } else {
        fixed
            .iter()
            .map(|e| {
                safe_div(e.saturating_mul(u16_max), max)
                    .round()
                    .saturating_to_num::<u16>()
            })
            .collect()
    }
}

/// subtensor's `check_vec_max_limited`, written with substrate-fixed itself.
fn reference_max_limited(values: &[u16], limit: u16) -> bool {
    let limit = Ref32::saturating_from_num(limit)
        .checked_div(Ref32::saturating_from_num(u16::MAX))
        .unwrap_or_default();
    let mut fixed: Vec<Ref32> = values
        .iter()
        .map(|&v| Ref32::saturating_from_num(v))
        .collect();
    let sum: Ref32 = fixed
        .iter()
        .copied()
        .fold(Ref32::from_bits(0), |a, b| a.wrapping_add(b));
    if sum != Ref32::from_bits(0) {
        fixed
            .iter_mut()
            .for_each(|v| *v = v.checked_div(sum).unwrap_or_default());
    }
    fixed.iter().max().is_none_or(|m| *m <= limit)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn stored_weights_match(values in proptest::collection::vec(prop_oneof![any::<u16>(), 0u16..5, 30_000u16..36_000], 0..40), limit in any::<u16>()) {
        prop_assert_eq!(taonet_yuma::max_upscale_to_u16(&values), reference_upscale(&values));
        prop_assert_eq!(taonet_yuma::is_max_limited(&values, limit), reference_max_limited(&values, limit));
    }
}

#[test]
fn stored_weights_round_half_away_from_zero() {
    // 1 of max 2: 1·65535/2 = 32767.5 rounds up.
    assert_eq!(taonet_yuma::max_upscale_to_u16(&[1, 2]), [32768, 65535]);
    assert_eq!(taonet_yuma::max_upscale_to_u16(&[0, 0]), [0, 0]);
    assert!(taonet_yuma::max_upscale_to_u16(&[]).is_empty());
}
