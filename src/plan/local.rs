//! Local wall-clock times → instants, across DST gaps and folds, and the
//! end of quiet hours.

use chrono::{DateTime, Duration as ChronoDuration, LocalResult, NaiveDateTime, Offset, TimeZone};

use super::occurrence::PlanError;
use crate::config::{Config, QuietHours};
use crate::zone::Zone;

/// Resolve a local wall-clock time to an instant: the earlier of two in a
/// fall-back overlap; shifted forward by the gap in a spring-forward gap.
pub fn resolve_local(tz: Zone, naive: NaiveDateTime) -> Option<DateTime<Zone>> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t),
        LocalResult::Ambiguous(a, b) => Some(a.min(b)),
        LocalResult::None => {
            // Interpret with the offset in force before the gap: 02:30 EST
            // is 07:30 UTC, which is 03:30 EDT.
            let before = naive.checked_sub_signed(ChronoDuration::days(1))?;
            let offset = tz.offset_from_utc_datetime(&before).fix();
            let utc = naive
                .checked_sub_signed(ChronoDuration::seconds(i64::from(offset.local_minus_utc())))?;
            Some(tz.from_utc_datetime(&utc))
        }
    }
}

/// If `t` falls inside quiet hours, the end of that window; else `t`.
pub fn after_quiet(q: &QuietHours, t: DateTime<Zone>) -> Option<DateTime<Zone>> {
    let local = t.naive_local();
    if !q.contains(local.time()) {
        return Some(t);
    }
    let date = if local.time() < q.end {
        local.date()
    } else {
        local.date().succ_opt()?
    };
    let moved = resolve_local(t.timezone(), date.and_time(q.end))?;
    // A DST shift can only move the end later, never before `t`.
    Some(moved.max(t))
}

/// If `t` falls inside quiet hours, the instant that window begins (on
/// `t`'s date, or the date before for a window that wraps past midnight);
/// `None` when `t` is outside them or that time cannot be resolved.
pub fn quiet_start(q: &QuietHours, t: DateTime<Zone>) -> Option<DateTime<Zone>> {
    let local = t.naive_local();
    if !q.contains(local.time()) {
        return None;
    }
    let date = if q.start <= local.time() {
        local.date()
    } else {
        local.date().pred_opt()?
    };
    let begins = resolve_local(t.timezone(), date.and_time(q.start))?;
    // A DST shift can only move the start earlier than `t`, never after it.
    Some(begins.min(t))
}

/// The treatment instant of each session (its date and time read in the
/// treatment zone), as seen in the zone the day follows.
pub(crate) fn session_starts(config: &Config) -> Result<Vec<DateTime<Zone>>, PlanError> {
    let t = &config.treatment;
    t.sessions
        .iter()
        .map(|date| {
            resolve_local(t.timezone, date.and_time(t.time))
                .map(|s| s.with_timezone(&config.day_zone))
                .ok_or(PlanError::OutOfRange)
        })
        .collect()
}
