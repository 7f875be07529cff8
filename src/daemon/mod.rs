//! `aftercare run`: the long-running process the user service starts.
//!
//! [`Daemon`] holds the state (config, plan, journal, notifier) and does one
//! [`Daemon::tick`] whenever something may be due: it asks
//! [`policy::decide_trusting`](crate::policy::decide_trusting) what to do at `now`, shows, records, and says when to
//! wake next. Ticks are driven by tokio-cron-scheduler: one one-shot job per
//! occurrence at its UTC second (a 7-field cron with the year, which never
//! fires early), over a rolling 48-hour horizon refilled as time passes, plus
//! one-shot wake-ups for snoozes, quiet-hour ends and retries. Every fire
//! re-reads the wall clock, so late fires (suspend, clock jumps) are caught
//! up by the same rules as a restart. The scheduler sleeps until its next
//! job (10 minutes at most); since its timers stop during a suspend and do
//! not follow the wall clock, `wake.rs` wakes it on resume and on clock
//! changes. The journal makes all of it idempotent: an occurrence it has
//! settled is never shown again.
//!
//! Memory does not grow with the length of the plan: the daemon keeps the
//! plan's [`Overview`](crate::plan::Overview) (size, first, last) and only a window of occurrences,
//! from a day before `now` to a few days after, rebuilt as time passes
//! ([`Plan::window`](crate::plan::Plan::window) is exactly the whole plan cut to the window).

mod jobs;
mod notes;
mod runtime;
mod screen;
mod state;
mod travel;
mod wake;
mod watch;
mod window;

#[cfg(test)]
mod screen_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod travel_tests;

use std::time::Duration;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

pub(crate) use notes::merged_text;
pub(crate) use runtime::run;
pub(crate) use state::Daemon;

/// How far ahead jobs are registered.
pub(crate) const HORIZON: TimeDelta = TimeDelta::hours(48);
/// A span of time, `[from, to)`.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// How far back the window of occurrences reaches beyond `catch_up`: a
/// whole day, so "first reminder of the rule today" is always inside.
pub(crate) const LOOKBACK: TimeDelta = TimeDelta::hours(26);
/// Longest wait between retries when no notification server answers.
pub(crate) const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// Pseudo id of the plan-complete notification.
pub(crate) const COMPLETE_ID: &str = "aftercare:complete";

/// What woke the main loop.
#[derive(Debug)]
pub(crate) enum Event {
    /// A scheduler job fired: an occurrence (id) or a plain wake-up.
    Fire {
        id: Option<crate::plan::OccurrenceId>,
        planned: DateTime<Utc>,
    },
    /// Something changed in the config's directory.
    ConfigChanged,
    /// The system time zone may have changed (what said so:
    /// `timedated`, `/etc/localtime`).
    ZoneChanged(&'static str),
    /// The wall clock may have moved under the scheduler (resume, clock
    /// set): look at the schedule now (`wake.rs`).
    ClockMoved(wake::Moved),
}

/// The result of a tick: when to look again, and whether the plan is done.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// Extra wake-ups (quiet-hour end, retry); occurrences come from the plan.
    pub wakes: Vec<DateTime<Utc>>,
    /// The plan is complete: exit 0.
    pub finished: bool,
}

/// Round up to the next whole second (jobs fire on whole seconds).
pub(crate) fn ceil_second(t: DateTime<Utc>) -> DateTime<Utc> {
    let floor = t.duration_trunc(TimeDelta::seconds(1)).unwrap_or(t);
    if floor == t {
        t
    } else {
        floor + TimeDelta::seconds(1)
    }
}

pub(crate) fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}
