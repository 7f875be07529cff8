//! `aftercare status --json` and `--format waybar`: what `status` says,
//! for programs and status bars. Reads what `status` reads (systemctl's
//! view of the unit, the daemon's lock file, the config, the journal on
//! disk); never talks to the daemon. The JSON's keys are documented in
//! docs/status-json.md and checked against docs/status.schema.json.

use std::io::Write;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::app::{Context, build_plan, lock};
use crate::config::Config;
use crate::daemon::merged_text;
use crate::error::Error;
use crate::grid::is_milestone;
use crate::i18n::Messages;
use crate::ledger::Status;
use crate::plan::Occurrence;
use crate::policy;
use crate::report::next_item;
use crate::service::unit_state;

/// The version of the JSON's shape: a key is only ever added within a
/// version; renaming or removing one makes a new version.
const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Json<'a> {
    schema: u32,
    /// The service as systemd sees it.
    service: Service,
    /// The daemon holds its lock (started by the service or by hand).
    daemon: Daemon,
    /// The service is active or a daemon runs.
    running: bool,
    config: String,
    zone: &'a str,
    plan: Option<&'a str>,
    reminders: usize,
    /// Today in the plan, once a session has started.
    today: Option<Today>,
    /// Nothing is left to come.
    over: bool,
    /// The next reminders (up to three), in the order they come.
    next: Vec<Next<'a>>,
    /// The next milestone still to come.
    next_milestone: Option<Milestone<'a>>,
    /// How many reminders have each status so far.
    counts: std::collections::BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct Service {
    /// systemd's ActiveState ("active", "inactive", "failed", ...),
    /// "not-installed", or "unknown" when systemctl could not say.
    state: String,
    sub: Option<String>,
    enabled: Option<String>,
}

#[derive(Serialize)]
struct Daemon {
    running: bool,
    pid: Option<u32>,
}

#[derive(Serialize)]
struct Today {
    session: u32,
    day: u32,
    date: String,
}

#[derive(Serialize)]
struct Next<'a> {
    id: &'a str,
    rule: &'a str,
    title: &'a str,
    /// When it comes (a snooze's end, a repeat), RFC 3339 in the plan's zone.
    at: String,
    day: u32,
    session: u32,
}

#[derive(Serialize)]
struct Milestone<'a> {
    rule: &'a str,
    /// What it allows again ("makeup"), in the person's language.
    allows: Option<&'a str>,
    title: &'a str,
    at: String,
    day: u32,
}

/// The waybar custom module's JSON (`return-type: json`).
#[derive(Serialize)]
struct Bar {
    text: String,
    tooltip: String,
    /// "running", "stopped", "over" or "error": for the bar's CSS.
    class: &'static str,
}

fn milestone_rule<'a>(config: &'a Config, o: &Occurrence) -> Option<&'a crate::config::Rule> {
    config
        .rules
        .iter()
        .find(|r| r.name == o.rule)
        .filter(|r| is_milestone(r))
}

/// `status --json`: exit 0, 3 (not running, reminders left) or 78, as
/// `status`.
pub(crate) fn status_json(ctx: &Context, out: &mut dyn Write) -> Result<u8, Error> {
    let state = unit_state();
    let holder = lock::holder(&ctx.paths.state_dir);
    let config = ctx.load_config()?;
    let plan = build_plan(&config)?;
    let journal = ctx.journal_for(&config);
    let next = policy::coming(&plan, &journal, ctx.now);
    let service = match &state {
        Ok(s) if s.load == "not-found" => Service {
            state: "not-installed".into(),
            sub: None,
            enabled: None,
        },
        Ok(s) => Service {
            state: s.active.clone(),
            sub: (!s.sub.is_empty()).then(|| s.sub.clone()),
            enabled: (!s.enabled.is_empty()).then(|| s.enabled.clone()),
        },
        Err(_) => Service {
            state: "unknown".into(),
            sub: None,
            enabled: None,
        },
    };
    let running = service.state == "active" || holder.is_some();
    let local = |t: DateTime<Utc>| t.with_timezone(&plan.timezone).to_rfc3339();
    let milestone = next.iter().find_map(|(o, due)| {
        let r = milestone_rule(&config, o)?;
        Some(Milestone {
            rule: &o.rule,
            allows: r.allows.as_deref(),
            title: &o.title,
            at: local(*due),
            day: o.day,
        })
    });
    let counts = crate::report::counts(&plan, &journal, ctx.now, config.catch_up)
        .iter()
        .map(|(s, n)| (Status::label(*s), *n))
        .collect();
    let json = Json {
        schema: SCHEMA,
        service,
        daemon: Daemon {
            running: holder.is_some(),
            pid: holder.flatten(),
        },
        running,
        config: ctx.paths.config.display().to_string(),
        zone: plan.timezone.name(),
        plan: config.treatment.plan.as_deref(),
        reminders: plan.occurrences.len(),
        today: plan.current_day(ctx.now).map(|(session, day)| Today {
            session,
            day,
            date: plan.session_day_date(session, day).to_string(),
        }),
        over: next.is_empty(),
        next: next
            .iter()
            .take(3)
            .map(|(o, due)| Next {
                id: o.id.as_str(),
                rule: &o.rule,
                title: &o.title,
                at: local(*due),
                day: o.day,
                session: o.session,
            })
            .collect(),
        next_milestone: milestone,
        counts,
    };
    let text = serde_json::to_string_pretty(&json)?;
    writeln!(out, "{text}").map_err(Error::output)?;
    Ok(if running || json.over {
        0
    } else {
        crate::error::EXIT_NOT_RUNNING
    })
}

/// "5 h", "35 min", "2 days": how long until `then`, rounded.
fn span(m: &Messages, now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let minutes = (then - now).num_minutes().max(1);
    if minutes < 60 {
        m.fmt("bar-minutes", &[("n", minutes.into())])
    } else if minutes < 24 * 60 {
        m.fmt("bar-hours", &[("n", ((minutes + 30) / 60).into())])
    } else {
        m.fmt(
            "bar-days",
            &[("n", ((minutes + 12 * 60) / (24 * 60)).into())],
        )
    }
}

/// `status --format waybar`: one JSON line, always exit 0 (a bar shows
/// the trouble instead: class "error").
pub(crate) fn status_bar(ctx: &Context, out: &mut dyn Write) -> Result<u8, Error> {
    let bar = match bar(ctx) {
        Ok(bar) => bar,
        Err(e) => Bar {
            text: "aftercare: error".into(),
            tooltip: e.to_string(),
            class: "error",
        },
    };
    let text = serde_json::to_string(&bar)?;
    writeln!(out, "{text}").map_err(Error::output)?;
    Ok(0)
}

fn bar(ctx: &Context) -> Result<Bar, Error> {
    let config = ctx.load_config()?;
    let m = Context::messages(&config);
    let plan = build_plan(&config)?;
    let journal = ctx.journal_for(&config);
    let running = unit_state().is_ok_and(|s| s.active == "active")
        || lock::holder(&ctx.paths.state_dir).is_some();
    let next = policy::coming(&plan, &journal, ctx.now);
    let Some((first, due)) = next.first() else {
        let text = m.text("bar-over");
        return Ok(Bar {
            tooltip: text.clone(),
            text,
            class: "over",
        });
    };
    let today = ctx.now.with_timezone(&plan.timezone).date_naive();
    let when = |t: DateTime<Utc>| {
        let local = t.with_timezone(&plan.timezone);
        if local.date_naive() == today {
            local.format("%H:%M").to_string()
        } else {
            format!(
                "{} {}",
                m.weekday(chrono::Datelike::weekday(&local.date_naive())),
                local.format("%H:%M")
            )
        }
    };
    // everything due at that moment, titled as its notification is
    let together: Vec<&Occurrence> = next
        .iter()
        .filter(|(_, d)| d == due)
        .map(|(o, _)| *o)
        .collect();
    let title = merged_text(&config, &together, false)
        .map_or_else(|| first.title.clone(), |(title, _)| title);
    let mut text = m.fmt(
        "bar-next",
        &[("title", title.into()), ("time", when(*due).into())],
    );
    let milestone = next
        .iter()
        .find_map(|(o, due)| Some((milestone_rule(&config, o)?, *due)));
    if let Some((r, at)) = milestone {
        let what = r.allows.clone().unwrap_or_else(|| r.title.clone());
        text.push_str(" · ");
        text.push_str(&m.fmt(
            "bar-milestone",
            &[("what", what.into()), ("in", span(m, ctx.now, at).into())],
        ));
    }
    let mut tooltip = Vec::new();
    if !running {
        tooltip.push(m.text("bar-stopped"));
    }
    for (o, due) in next.iter().take(3) {
        tooltip.push(next_item(m, &plan, o, *due, ctx.now));
    }
    Ok(Bar {
        text,
        tooltip: tooltip.join("\n"),
        class: if running { "running" } else { "stopped" },
    })
}
