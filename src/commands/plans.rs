//! `aftercare plans`: the built-in care plans, one line each (name, how
//! many days it runs, what it is for), in the locale's language.

use std::io::Write;

use crate::app::language::warn_unsupported;
use crate::config::{BUILTIN_PLANS, builtin_care_plan_in};
use crate::error::Error;
use crate::i18n::{Choice, messages};

pub(crate) fn plans(language: &Choice, out: &mut dyn Write) -> Result<u8, Error> {
    warn_unsupported(language);
    let m = messages(language.lang);
    let width = BUILTIN_PLANS
        .iter()
        .map(|(n, _)| n.len())
        .max()
        .unwrap_or(0);
    let mut rows = Vec::new();
    for (name, _) in BUILTIN_PLANS {
        let plan = builtin_care_plan_in(name, language.lang)?;
        let length = m.fmt("plans-length", &[("days", plan.last_day().into())]);
        rows.push((name, length, plan.description.unwrap_or_default()));
    }
    let long = rows
        .iter()
        .map(|(_, l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(7);
    for (name, length, description) in rows {
        writeln!(out, "{name:<width$}  {length:>long$}  {description}").map_err(Error::output)?;
    }
    Ok(0)
}
