//! `aftercare plans`: the built-in care plans, one line each (name, how
//! many days it runs, what it is for).

use std::io::Write;

use crate::config::{BUILTIN_PLANS, builtin_care_plan};
use crate::error::Error;

pub(crate) fn plans(out: &mut dyn Write) -> Result<u8, Error> {
    let width = BUILTIN_PLANS
        .iter()
        .map(|(n, _)| n.len())
        .max()
        .unwrap_or(0);
    for (name, _) in BUILTIN_PLANS {
        let plan = builtin_care_plan(name)?;
        let days = plan.last_day();
        let description = plan.description.as_deref().unwrap_or("");
        let length = format!("{days} day{}", if days == 1 { "" } else { "s" });
        writeln!(out, "{name:<width$}  {length:>7}  {description}").map_err(Error::output)?;
    }
    Ok(0)
}
