//! Liquid alpha: a per-bond EMA rate from a sigmoid of how far a validator's weight sits
//! from consensus or from its bond (yuma-epoch.md §4.12, subtensor's `alpha_sigmoid`).

use crate::exp::exp_safe;
use crate::fixed::I32F32;
use crate::params::EpochParams;

/// The sigmoid's constants for one epoch.
#[derive(Clone, Copy, Debug)]
pub struct LiquidAlpha {
    low: I32F32,
    high: I32F32,
    /// `steepness.saturating_div(-100)`.
    slope: I32F32,
    /// The rate at a difference of 0 and of 1 (clamped gaps are common, so these are
    /// computed once).
    at_zero: I32F32,
    at_one: I32F32,
}

impl LiquidAlpha {
    /// Constants from the subnet's `AlphaValues` and `AlphaSigmoidSteepness`.
    pub fn new(params: &EpochParams) -> Self {
        let mut this = Self {
            low: I32F32::from_u16_proportion(params.alpha_low),
            high: I32F32::from_u16_proportion(params.alpha_high),
            slope: I32F32::from_i16(params.alpha_sigmoid_steepness)
                .saturating_div(I32F32::from_i16(-100)),
            at_zero: I32F32::ZERO,
            at_one: I32F32::ZERO,
        };
        this.at_zero = this.of_difference(I32F32::ZERO);
        this.at_one = this.of_difference(I32F32::ONE);
        this
    }

    /// The EMA rate for a bond, given the column's consensus, the weight and the old bond.
    #[inline]
    pub fn alpha(&self, consensus: I32F32, weight: I32F32, bond: I32F32) -> I32F32 {
        let difference = if weight >= bond {
            weight
                .saturating_sub(consensus)
                .clamp_value(I32F32::ZERO, I32F32::ONE)
        } else {
            bond.saturating_sub(weight)
                .clamp_value(I32F32::ZERO, I32F32::ONE)
        };
        if difference == I32F32::ZERO {
            self.at_zero
        } else if difference == I32F32::ONE {
            self.at_one
        } else {
            self.of_difference(difference)
        }
    }

    /// `low + σ(slope · (d − ½)) · (high − low)`, clamped to `[low, high]`.
    fn of_difference(&self, difference: I32F32) -> I32F32 {
        let x = self
            .slope
            .saturating_mul(difference.saturating_sub(I32F32::HALF));
        let sigmoid = I32F32::ONE.saturating_div(I32F32::ONE.saturating_add(exp_safe(x)));
        self.low
            .saturating_add(sigmoid.saturating_mul(self.high.saturating_sub(self.low)))
            .clamp_value(self.low, self.high)
    }
}
