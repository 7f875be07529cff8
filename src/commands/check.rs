//! `aftercare check`: validate the config and the plan file it names; a
//! one-line summary.

use std::io::Write;

use crate::app::{Context, config_file};
use crate::clock::ZoneOrigin;
use crate::error::Error;
use crate::fsutil;
use crate::report::when;

pub(crate) fn check(ctx: &Context, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = ctx.load_plan()?;
    let path = &ctx.paths.config;
    if fsutil::readable_by_others(path) {
        writeln!(
            out,
            "warning: {} can be read by other users; it holds health data: chmod 600 {}",
            path.display(),
            path.display()
        )
        .map_err(Error::output)?;
    }
    // which zone, and where from: the person may not know TZ is set
    let from = if c.day_zone_pinned {
        "day_timezone in the config".to_string()
    } else {
        match ctx.system_zone.origin {
            ZoneOrigin::Tz => "TZ".into(),
            ZoneOrigin::Localtime => "/etc/localtime".into(),
            ZoneOrigin::Default if ctx.system_zone.warning.is_some() => {
                "UTC: TZ names no zone".into()
            }
            ZoneOrigin::Default => "UTC: no TZ and no /etc/localtime".into(),
        }
    };
    let mut zone = format!("times in {}, from {from}", p.timezone.name());
    if p.treatment_zone != p.timezone {
        zone.push_str(&format!("; treated in {}", p.treatment_zone.name()));
    }
    let plan_file = c
        .treatment
        .plan_file
        .as_ref()
        .map(|p| format!(", plan file {}", p.display()))
        .unwrap_or_default();
    // `check` speaks to whoever edits the config, like its errors: English.
    let en = crate::i18n::messages(crate::i18n::Lang::En);
    let today = ctx.now.with_timezone(&p.timezone).date_naive();
    let line = match (p.occurrences.first(), p.last()) {
        (Some(first), Some(last)) => format!(
            "ok: {} reminders from {} to {} ({zone}), config {}",
            p.occurrences.len(),
            when(en, first, today),
            when(en, last, today),
            c.origin
        ),
        _ => format!("ok: no reminders ({zone}), config {}", c.origin),
    };
    // A clinic's plan: its translations too, whatever the language in use.
    let translations = match &c.treatment.plan_file {
        Some(f) => config_file::check_plan_translations(f)?,
        None => Vec::new(),
    };
    let translations = if translations.is_empty() {
        String::new()
    } else {
        let tags: Vec<&str> = translations.iter().map(|l| l.tag()).collect();
        format!(" (translated: {})", tags.join(", "))
    };
    writeln!(out, "{line}{plan_file}{translations}").map_err(Error::output)?;
    Ok(0)
}
