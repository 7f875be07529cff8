//! `aftercare plan`: the schedule by day with each reminder's status, as
//! text or JSON.

use std::io::Write;

use chrono::TimeZone;

use crate::app::Context;
use crate::error::Error;
use crate::ledger::Status;
use crate::plan::Occurrence;
use crate::policy;
use crate::report::{daylight_source, daylight_words, short_date, status_word, treated_elsewhere};

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
    /// What `at` hangs on: "clock" (a local clock time, follows the zone
    /// the day follows) or "treatment" (an offset from the treatment).
    anchor: &'static str,
    /// The session's treatment instant (UTC): the same in every zone.
    treated_at: String,
    /// A milestone: never before this instant (UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    not_before: Option<String>,
}

pub(crate) fn plan(ctx: &Context, json: bool, all: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = ctx.load_plan()?;
    let journal = ctx.journal_for(&c);
    let shown: &[Occurrence] = if all {
        &p.occurrences
    } else {
        p.from_today(ctx.now)
    };
    if json {
        let items: Vec<JsonOccurrence> = shown
            .iter()
            .map(|o| JsonOccurrence {
                id: o.id.as_str(),
                rule: &o.rule,
                day: o.day,
                session: o.session,
                at: o.at.to_rfc3339(),
                title: &o.title,
                body: &o.body,
                status: policy::status_at(o, &journal, ctx.now, c.catch_up).map(Status::label),
                anchor: o.anchor.label(),
                treated_at: p
                    .starts
                    .get(o.session.saturating_sub(1) as usize)
                    .unwrap_or(&p.start)
                    .with_timezone(&chrono::Utc)
                    .to_rfc3339(),
                not_before: o.not_before.map(|t| t.to_rfc3339()),
            })
            .collect();
        let s = serde_json::to_string_pretty(&items)?;
        writeln!(out, "{s}").map_err(Error::output)?;
        return Ok(0);
    }
    let m = Context::messages(&c);
    let today = ctx.now.with_timezone(&p.timezone).date_naive();
    let dates: Vec<String> = p
        .starts
        .iter()
        .map(|s| short_date(m, s.date_naive(), today))
        .collect();
    let heading = m.fmt(
        "plan-treatment",
        &[
            ("count", dates.len().into()),
            ("dates", m.list(&dates).into()),
            ("time", p.start.format("%H:%M").to_string().into()),
            ("zone", p.timezone.name().into()),
            ("plan", c.treatment.plan.as_deref().unwrap_or("none").into()),
        ],
    );
    writeln!(out, "{heading}").map_err(Error::output)?;
    if let Some(line) = treated_elsewhere(m, &p, today) {
        writeln!(out, "{line}").map_err(Error::output)?;
    }
    if let Some(loc) = p.location.filter(|_| p.daylight_rules) {
        writeln!(out, "{}", daylight_source(m, loc, p.timezone.name())).map_err(Error::output)?;
    }
    if shown.is_empty() {
        let msg = if p.occurrences.is_empty() {
            m.text("plan-empty")
        } else {
            m.text("plan-over")
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
            let args = [
                ("session", o.session.into()),
                ("day", o.day.into()),
                ("date", short_date(m, date, today).into()),
            ];
            let heading = if p.starts.len() > 1 {
                m.fmt("plan-session-day", &args)
            } else {
                m.fmt("plan-day", &args)
            };
            let light = p
                .daylight(date)
                .map(|d| format!(" ({})", daylight_words(m, d)))
                .unwrap_or_default();
            writeln!(out, "\n{heading}{light}").map_err(Error::output)?;
        }
        let mut time = o.at.format("%H:%M").to_string();
        if o.at.date_naive() != p.session_day_date(o.session, o.day) {
            // moved past midnight by quiet hours
            time = format!("{} {time}", short_date(m, o.at.date_naive(), today));
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
            Some(s) => format!("  [{}]", status_word(m, s)),
            None if is_next => format!("  {}", m.text("plan-next")),
            None => String::new(),
        };
        writeln!(out, "{mark} {time}  {}{status}", o.title).map_err(Error::output)?;
    }
    Ok(0)
}
