//! `taonet emission schedule`: the halving table from the runtime's issuance function.

use serde::Serialize;
use taonet_primitives::issuance::{schedule, Era};
use taonet_primitives::{Balance, BLOCKS_PER_DAY, RAO_PER_TAO};

use crate::cli::ScheduleArgs;

/// One row of the table, as printed in JSON.
#[derive(Serialize)]
struct Row {
    era: u32,
    first_block: u64,
    issuance_rao: Balance,
    rao_per_block: Balance,
    tao_per_day: String,
}

/// `amount` rao as a decimal TAO string with no trailing zeros.
fn tao(amount: u128) -> String {
    let (whole, frac) = (
        amount / u128::from(RAO_PER_TAO),
        amount % u128::from(RAO_PER_TAO),
    );
    if frac == 0 {
        return whole.to_string();
    }
    let frac = format!("{frac:09}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

fn row(era: &Era) -> Row {
    Row {
        era: era.era,
        first_block: era.first_block,
        issuance_rao: era.issuance,
        rao_per_block: era.rao_per_block,
        tao_per_day: tao(u128::from(era.rao_per_block) * u128::from(BLOCKS_PER_DAY)),
    }
}

/// The schedule as a table or as a JSON array.
pub fn render_schedule(args: &ScheduleArgs) -> Result<String, serde_json::Error> {
    use std::fmt::Write;
    let rows: Vec<Row> = schedule(0).iter().map(row).collect();
    if args.json {
        return serde_json::to_string_pretty(&rows);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:>4}  {:>13}  {:>26}  {:>13}  {:>18}",
        "era", "first block", "issuance (TAO)", "rao/block", "TAO/day"
    );
    for r in &rows {
        let issuance = tao(u128::from(r.issuance_rao));
        let _ = writeln!(
            out,
            "{:>4}  {:>13}  {issuance:>26}  {:>13}  {:>18}",
            r.era, r.first_block, r.rao_per_block, r.tao_per_day
        );
    }
    Ok(out.trim_end().to_owned())
}
