//! Which component values a benchmark runs with, as Substrate's benchmark CLI picks them:
//! each component in turn takes `steps` values spread across its range while the others
//! stay at their highest, so every slope is measured on its own.

use frame_benchmarking::BenchmarkParameter;

/// A benchmark's components: name, lowest and highest value.
pub type Components = [(BenchmarkParameter, u32, u32)];

/// One run's component values.
pub type Selection = Vec<(BenchmarkParameter, u32)>;

/// The component values to run, in order, without repeats; one empty selection for a
/// benchmark without components. `steps` is at least 2 (the range's two ends).
pub fn selections(components: &Components, steps: u32) -> Vec<Selection> {
    if components.is_empty() {
        return vec![Vec::new()];
    }
    let highest: Selection = components
        .iter()
        .map(|&(param, _, high)| (param, high))
        .collect();
    let mut out: Vec<Selection> = Vec::new();
    for (index, &(_, low, high)) in components.iter().enumerate() {
        for value in spread(low, high, steps) {
            let mut selection = highest.clone();
            if let Some(slot) = selection.get_mut(index) {
                slot.1 = value;
            }
            if !out.contains(&selection) {
                out.push(selection);
            }
        }
    }
    out
}

/// `steps` values from `low` to `high`, both included, evenly spread (fewer when the range
/// is narrower than that).
fn spread(low: u32, high: u32, steps: u32) -> Vec<u32> {
    let (low, high) = (low.min(high), low.max(high));
    let width = u64::from(high - low);
    let intervals = u64::from(steps.max(2) - 1);
    let mut values: Vec<u32> = (0..=intervals)
        .map(|i| {
            let offset = width.saturating_mul(i) / intervals;
            low.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
        })
        .collect();
    values.dedup();
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use BenchmarkParameter::{n, s};

    #[test]
    fn no_components_run_once() {
        assert_eq!(selections(&[], 50), vec![Vec::new()]);
    }

    #[test]
    fn each_component_moves_alone_with_the_others_at_their_highest() {
        let runs = selections(&[(n, 1, 4096), (s, 0, 10)], 3);
        assert_eq!(
            runs,
            vec![
                vec![(n, 1), (s, 10)],
                vec![(n, 2048), (s, 10)],
                vec![(n, 4096), (s, 10)],
                vec![(n, 4096), (s, 0)],
                vec![(n, 4096), (s, 5)],
            ]
        );
    }

    #[test]
    fn a_narrow_range_gives_each_value_once() {
        assert_eq!(spread(3, 5, 50), vec![3, 4, 5]);
        assert_eq!(spread(7, 7, 10), vec![7]);
    }
}
