//! The daemon's spans of time and how it rounds them.

use std::time::Duration;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

/// How far ahead jobs are registered.
pub(crate) const HORIZON: TimeDelta = TimeDelta::hours(48);

/// How far back the window of occurrences reaches beyond `catch_up`: a
/// whole day, so "first reminder of the rule today" is always inside.
pub(crate) const LOOKBACK: TimeDelta = TimeDelta::hours(26);

/// Longest wait between retries when no notification server answers.
pub(crate) const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// A span of time, `[from, to)`.
pub(crate) type Span = (DateTime<Utc>, DateTime<Utc>);

/// Round up to the next whole second (jobs fire on whole seconds).
pub(crate) fn ceil_second(t: DateTime<Utc>) -> DateTime<Utc> {
    let floor = t.duration_trunc(TimeDelta::seconds(1)).unwrap_or(t);
    if floor == t {
        t
    } else {
        floor + TimeDelta::seconds(1)
    }
}

/// A std duration as chrono's, saturating.
pub(crate) fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}
