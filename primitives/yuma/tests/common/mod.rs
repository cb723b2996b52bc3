//! What the integration tests share: comparing the sparse epoch with the dense reference.

use taonet_yuma::EpochOutput;

/// The first output on which `sparse` and `dense` differ, described, or `None` when they
/// agree on every vector and on every bond row a new permit stores (yuma-epoch.md §5).
/// Rows without a new permit are stored empty by the sparse epoch, and empty or not at
/// all by the dense one.
pub fn disagreement(sparse: &EpochOutput, dense: &EpochOutput) -> Option<String> {
    macro_rules! compare {
        ($($field:ident),*) => {$(
            if sparse.$field != dense.$field {
                return Some(format!(
                    "{}: sparse {:?}, dense {:?}",
                    stringify!($field), sparse.$field, dense.$field
                ));
            }
        )*};
    }
    compare!(
        active,
        new_validator_permit,
        stake,
        active_stake,
        consensus,
        validator_trust,
        incentive,
        dividends,
        server_emission,
        validator_emission,
        emission
    );
    let n = sparse.stake.len();
    for (i, &permitted) in sparse.new_validator_permit.iter().enumerate() {
        let s = sparse.bonds.get(i).cloned().flatten();
        let d = dense.bonds.get(i).cloned().flatten();
        if permitted {
            let Some(s) = s else {
                return Some(format!("bonds of {i}: the sparse epoch stored none"));
            };
            let Some(d) = d else {
                return Some(format!("bonds of {i}: the dense epoch stored none"));
            };
            let mut densified = vec![0u16; n];
            for (j, b) in s {
                if let Some(slot) = densified.get_mut(usize::from(j)) {
                    *slot = b;
                }
            }
            let dense_row: Vec<u16> = d.iter().map(|e| e.1).collect();
            if densified != dense_row {
                return Some(format!(
                    "bonds of {i}: sparse {densified:?}, dense {dense_row:?}"
                ));
            }
        } else if s.map(|r| r.len()) != Some(0) || !d.is_none_or(|r| r.is_empty()) {
            return Some(format!("bonds of {i}: stored without a new permit"));
        }
    }
    None
}
