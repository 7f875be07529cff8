//! Helpers for unit tests: configs from text.

use crate::config::{Config, Defaults, parse};
use crate::zone::Zone;

/// Parse a test config; zones from the system database, UTC by default.
pub(crate) fn config(text: &str) -> Config {
    config_in(text, Zone::utc())
}

/// Parse a test config whose default zone is `zone`. The computer is
/// where the treatment was: the day follows the treatment's zone (unless
/// the config pins it).
pub(crate) fn config_in(text: &str, zone: Zone) -> Config {
    let mut c = parse(text, "t.toml", Defaults::system(zone)).unwrap();
    c.follow_zone(c.treatment.timezone, &crate::zone::SystemZones);
    c
}

/// Parse a test config as read on a computer in `now_in`, treated in the
/// config's zone (or `now_in` when it names none).
#[allow(dead_code)]
pub(crate) fn config_now_in(text: &str, now_in: Zone) -> Config {
    parse(text, "t.toml", Defaults::system(now_in)).unwrap()
}

/// A zone of the system database.
pub(crate) fn zone(name: &str) -> Zone {
    Zone::get(name).unwrap()
}

/// The local calendar day an occurrence is shown on, counted from the
/// treatment date (a deferred day-0 reminder counts on the day it shows).
pub(crate) fn local_day(plan: &crate::plan::Plan, o: &crate::plan::Occurrence) -> i64 {
    (o.at.date_naive() - plan.start.date_naive()).num_days()
}

/// Distinct notification instants per local day (counted as
/// [`local_day`]): reminders at one instant are one notification.
pub(crate) fn notifications_per_day(
    plan: &crate::plan::Plan,
) -> std::collections::BTreeMap<i64, std::collections::BTreeSet<chrono::DateTime<chrono::Utc>>> {
    let mut out: std::collections::BTreeMap<i64, std::collections::BTreeSet<_>> =
        std::collections::BTreeMap::new();
    for o in &plan.occurrences {
        out.entry(local_day(plan, o)).or_default().insert(o.utc());
    }
    out
}

/// The local date of plan day `day`.
pub(crate) fn date_of(plan: &crate::plan::Plan, day: i64) -> chrono::NaiveDate {
    plan.start.date_naive() + chrono::Duration::days(day)
}

/// A UTC instant written in RFC 3339 (`2026-11-23T09:00:00Z`).
pub(crate) fn utc(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().unwrap()
}

/// A UTC instant in November 2026, written from the day on (`23T09:00:00`).
pub(crate) fn november_2026(s: &str) -> chrono::DateTime<chrono::Utc> {
    utc(&format!("2026-11-{s}Z"))
}
