//! Human-facing text shared by the commands and the daemon: dates, the
//! "next: …" line, daylight, counts and adherence. Pure: `now` is passed in.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::Location;
use crate::i18n::Messages;
use crate::ledger::{Ledger, Status};
use crate::plan::{Daylight, Occurrence, Plan};
use crate::policy;

/// "Tue 25 Nov" for a local date, in the language of `m`; with the year
/// ("Sat 4 Dec 2027") when it is more than a few months from `today`.
pub(crate) fn short_date(m: &Messages, d: NaiveDate, today: NaiveDate) -> String {
    m.date_from(d, today)
}

/// One of the next reminders as `status` and the bar's tooltip list it:
/// its local date and time when it is due (`due`: a snooze may have moved
/// it), its title and plan day.
pub(crate) fn next_item(
    m: &Messages,
    plan: &Plan,
    o: &Occurrence,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> String {
    let local = due.with_timezone(&plan.timezone);
    let today = now.with_timezone(&plan.timezone).date_naive();
    m.fmt(
        "status-next-item",
        &[
            ("date", short_date(m, local.date_naive(), today).into()),
            ("time", local.format("%H:%M").to_string().into()),
            ("title", o.title.as_str().into()),
            ("day", o.day.into()),
        ],
    )
}

/// "Tue 25 Nov 15:00": an occurrence's local date and time (the year too
/// when it is far from `today`).
pub(crate) fn when(m: &Messages, o: &Occurrence, today: NaiveDate) -> String {
    format!(
        "{} {}",
        short_date(m, o.at.date_naive(), today),
        o.at.format("%H:%M")
    )
}

/// "Treated Mon 7 Dec 19:15 in Berlin, 13:15 here": where and when the
/// treatment was, when the plan's times are in another zone.
pub(crate) fn treated_elsewhere(m: &Messages, plan: &Plan, today: NaiveDate) -> Option<String> {
    if plan.treatment_zone == plan.timezone {
        return None;
    }
    let there = plan.start.with_timezone(&plan.treatment_zone);
    let here = plan.start;
    let when = format!(
        "{} {}",
        short_date(m, there.date_naive(), today),
        there.format("%H:%M")
    );
    let here = if here.date_naive() == there.date_naive() {
        here.format("%H:%M").to_string()
    } else {
        format!(
            "{} {}",
            short_date(m, here.date_naive(), today),
            here.format("%H:%M")
        )
    };
    Some(m.fmt(
        "zone-treated-elsewhere",
        &[
            ("when", when.into()),
            ("place", plan.treatment_zone.place().into()),
            ("here", here.into()),
        ],
    ))
}

/// The next reminder, one line, for systemd's status and `install`:
/// "next: Sunscreen at 15:00 (day 2)", with the date when it is not today.
pub(crate) fn next_line(m: &Messages, plan: &Plan, ledger: &Ledger, now: DateTime<Utc>) -> String {
    let Some((o, due)) = policy::next_due(plan, ledger, now) else {
        return m.text("next-none");
    };
    let local = due.with_timezone(&plan.timezone);
    let today = now.with_timezone(&plan.timezone).date_naive();
    let when = if local.date_naive() == today {
        local.format("%H:%M").to_string()
    } else {
        format!(
            "{} {}",
            short_date(m, local.date_naive(), today),
            local.format("%H:%M")
        )
    };
    m.fmt(
        "next-line",
        &[
            ("title", o.title.as_str().into()),
            ("when", when.into()),
            ("day", o.day.into()),
        ],
    )
}

/// Where sunrise and sunset are computed for: the configured place, or the
/// time zone's principal city (and how to set the real one).
pub(crate) fn daylight_source(m: &Messages, loc: Location, zone: &str) -> String {
    let at = coordinates(m, loc);
    if loc.from_zone {
        m.fmt(
            "plan-daylight-zone",
            &[
                ("city", zone_city(zone).into()),
                ("place", at.into()),
                ("zone", zone.into()),
            ],
        )
    } else {
        m.fmt("plan-daylight-config", &[("place", at.into())])
    }
}

/// A place's coordinates as the language writes them: "52.50°N 13.37°E",
/// "52,50° N, 13,37° O".
pub(crate) fn coordinates(m: &Messages, loc: Location) -> String {
    let mark = m.text("decimal-mark");
    let degrees = |v: f64| format!("{:.2}", v.abs()).replace('.', &mark);
    let ns = m.text(if loc.latitude < 0.0 {
        "compass-south"
    } else {
        "compass-north"
    });
    let ew = m.text(if loc.longitude < 0.0 {
        "compass-west"
    } else {
        "compass-east"
    });
    m.fmt(
        "coordinates",
        &[
            ("lat", degrees(loc.latitude).into()),
            ("ns", ns.into()),
            ("lon", degrees(loc.longitude).into()),
            ("ew", ew.into()),
        ],
    )
}

/// The city a zone is named after: its last part, with spaces
/// ("America/New_York" → "New York").
pub(crate) fn zone_city(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

/// "daylight 07:58–16:12".
pub(crate) fn daylight_words(m: &Messages, d: Daylight) -> String {
    match d {
        Daylight::Between(up, down) => m.fmt(
            "daylight-between",
            &[
                ("sunrise", up.format("%H:%M").to_string().into()),
                ("sunset", down.format("%H:%M").to_string().into()),
            ],
        ),
        Daylight::PolarDay => m.text("daylight-polar-day"),
        Daylight::PolarNight => m.text("daylight-polar-night"),
    }
}

/// A status as `plan` shows it ("missed").
pub(crate) fn status_word(m: &Messages, s: Status) -> String {
    m.text(&format!("status-{}", s.label()))
}

/// "12 sent": how many had a status (or `pending`).
pub(crate) fn count_words(m: &Messages, label: &str, n: usize) -> String {
    m.fmt(&format!("count-{label}"), &[("n", n.into())])
}

/// Per-status counts over the plan's occurrences.
pub(crate) fn counts(
    plan: &Plan,
    ledger: &Ledger,
    now: DateTime<Utc>,
    catch_up: Duration,
) -> [(Status, usize); 7] {
    let mut c = Status::ALL.map(|s| (s, 0));
    for o in &plan.occurrences {
        if let Some(s) = policy::status_at(o, ledger, now, catch_up) {
            if let Some(slot) = c.iter_mut().find(|(k, _)| *k == s) {
                slot.1 += 1;
            }
        }
    }
    c
}

/// Per-rule and per-day adherence over what is due so far:
/// "sunscreen: 12 sent, 9 done, 1 missed" and
/// "Day 2: sunscreen 4/5 done, moisturize 2/2 done".
pub(crate) fn adherence(
    m: &Messages,
    plan: &Plan,
    ledger: &Ledger,
    now: DateTime<Utc>,
    catch_up: Duration,
) -> Vec<String> {
    let past: Vec<_> = plan.occurrences.iter().filter(|o| o.utc() <= now).collect();
    if past.is_empty() {
        return Vec::new();
    }
    let order = |rule: &str| plan.occurrences.iter().position(|o| o.rule == rule);
    let mut lines = Vec::new();
    let mut rules: Vec<&str> = past.iter().map(|o| o.rule.as_str()).collect();
    rules.sort_by_key(|r| order(r));
    rules.dedup();
    for rule in &rules {
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for o in past.iter().filter(|o| o.rule == *rule) {
            let label =
                policy::status_at(o, ledger, now, catch_up).map_or("pending", Status::label);
            *by.entry(label).or_default() += 1;
        }
        let parts: Vec<String> = Status::ALL
            .iter()
            .map(|s| s.label())
            .chain(["pending"])
            .filter_map(|k| by.get(k).map(|n| count_words(m, k, *n)))
            .collect();
        lines.push(m.fmt(
            "adherence-rule",
            &[("rule", (*rule).into()), ("list", m.list(&parts).into())],
        ));
    }
    let mut days: BTreeMap<u32, Vec<&Occurrence>> = BTreeMap::new();
    for o in &past {
        days.entry(o.day).or_default().push(o);
    }
    for (day, occ) in days {
        let mut rs: Vec<&str> = occ.iter().map(|o| o.rule.as_str()).collect();
        rs.sort_by_key(|r| order(r));
        rs.dedup();
        let parts: Vec<String> = rs
            .iter()
            .map(|r| {
                let of: Vec<_> = occ.iter().filter(|o| o.rule == *r).collect();
                let done = of
                    .iter()
                    .filter(|o| ledger.status(&o.id) == Some(Status::Done))
                    .count();
                m.fmt(
                    "adherence-day-rule",
                    &[
                        ("rule", (*r).into()),
                        ("done", done.into()),
                        ("total", of.len().into()),
                    ],
                )
            })
            .collect();
        lines.push(m.fmt(
            "adherence-day",
            &[("day", day.into()), ("list", m.list(&parts).into())],
        ));
    }
    lines
}
