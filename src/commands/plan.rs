//! `aftercare plan`: the schedule by day with each reminder's status, as
//! text or JSON.

use std::io::Write;

use chrono::TimeZone;

use crate::app::Context;
use crate::error::Error;
use crate::ledger::Status;
use crate::plan::Occurrence;
use crate::policy;
use crate::report::{daylight_source, daylight_words, short_date};

/// One occurrence in `plan --json`.
#[derive(serde::Serialize)]
struct JsonOccurrence<'a> {
    id: &'a str,
    rule: &'a str,
    day: u32,
    session: u32,
    at: String,
    title: &'a str,
    body: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
}

pub(crate) fn plan(ctx: &Context, json: bool, all: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = ctx.load_plan()?;
    let journal = ctx.read_journal();
    let shown: &[Occurrence] = if all {
        &p.occurrences
    } else {
        p.from_today(ctx.now)
    };
    if json {
        let items: Vec<JsonOccurrence> = shown
            .iter()
            .map(|o| JsonOccurrence {
                id: &o.id,
                rule: &o.rule,
                day: o.day,
                session: o.session,
                at: o.at.to_rfc3339(),
                title: &o.title,
                body: &o.body,
                status: policy::status_at(o, &journal, ctx.now, c.catch_up).map(Status::label),
            })
            .collect();
        let s = serde_json::to_string_pretty(&items)?;
        writeln!(out, "{s}").map_err(Error::output)?;
        return Ok(0);
    }
    let dates: Vec<String> = p
        .starts
        .iter()
        .map(|s| short_date(s.date_naive()))
        .collect();
    writeln!(
        out,
        "Treatment{} {} at {} ({}), plan {}",
        if dates.len() > 1 { "s" } else { "" },
        dates.join(", "),
        p.start.format("%H:%M"),
        c.treatment.timezone.name(),
        c.treatment.plan.as_deref().unwrap_or("none")
    )
    .map_err(Error::output)?;
    if let Some(loc) = p.location.filter(|_| p.daylight_rules) {
        writeln!(out, "{}", daylight_source(loc, c.treatment.timezone.name()))
            .map_err(Error::output)?;
    }
    if shown.is_empty() {
        let msg = if p.occurrences.is_empty() {
            "No reminders in this plan."
        } else {
            "The plan is over: nothing from today on (see --all)."
        };
        writeln!(out, "{msg}").map_err(Error::output)?;
        return Ok(0);
    }
    let next_id = p.next_after(ctx.now).map(|o| o.id.as_str());
    let mut day = None;
    let mut previous: Option<&Occurrence> = None;
    for o in shown {
        // shown together with the one before: one notification
        let together = previous.is_some_and(|p| p.at == o.at && p.day == o.day);
        previous = Some(o);
        if day != Some((o.session, o.day)) {
            day = Some((o.session, o.day));
            let date = p.session_day_date(o.session, o.day);
            let session = if p.starts.len() > 1 {
                format!("Session {}, ", o.session)
            } else {
                String::new()
            };
            let light = p
                .daylight(date)
                .map(|d| format!(" ({})", daylight_words(d)))
                .unwrap_or_default();
            writeln!(
                out,
                "\n{session}Day {} — {}{light}",
                o.day,
                short_date(date)
            )
            .map_err(Error::output)?;
        }
        let mut time = o.at.format("%H:%M").to_string();
        if o.at.date_naive() != p.session_day_date(o.session, o.day) {
            // moved past midnight by quiet hours
            time = format!("{} {time}", short_date(o.at.date_naive()));
        }
        if matches!(
            p.timezone.from_local_datetime(&o.at.naive_local()),
            chrono::LocalResult::Ambiguous(..)
        ) {
            // a wall-clock time that happens twice (DST ends): say which
            time = format!("{time} {}", o.at.format("%Z"));
        }
        if together {
            time = format!("{:>width$}", "+", width = time.chars().count());
        }
        let is_next = next_id == Some(o.id.as_str());
        let mark = if is_next { ">" } else { " " };
        let status = match policy::status_at(o, &journal, ctx.now, c.catch_up) {
            Some(s) => format!("  [{}]", s.label()),
            None if is_next => "  <- next".to_string(),
            None => String::new(),
        };
        writeln!(out, "{mark} {time}  {}{status}", o.title).map_err(Error::output)?;
    }
    Ok(0)
}
