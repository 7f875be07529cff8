//! What wakes the daemon's loop, and what a step tells it back.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::plan::OccurrenceId;

/// What woke the main loop.
#[derive(Debug)]
pub(crate) enum Event {
    /// A scheduler job fired: an occurrence (id) or a plain wake-up.
    Fire {
        id: Option<OccurrenceId>,
        planned: DateTime<Utc>,
    },
    /// Something changed in the config's directory.
    ConfigChanged,
    /// The system time zone may have changed (what said so:
    /// `timedated`, `/etc/localtime`).
    ZoneChanged(&'static str),
    /// The wall clock may have moved under the scheduler (resume, clock
    /// set): look at the schedule now (`wake.rs`).
    ClockMoved(Moved),
}

/// The result of a tick: when to look again, and whether the plan is done.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// Extra wake-ups (quiet-hour end, retry); occurrences come from the plan.
    wakes: Vec<DateTime<Utc>>,
    /// The plan is complete: exit 0.
    finished: bool,
}

impl Outcome {
    /// A tick's result: these extra wake-ups, and whether the plan is done.
    pub(crate) fn new(wakes: Vec<DateTime<Utc>>, finished: bool) -> Outcome {
        Outcome { wakes, finished }
    }

    /// Extra wake-ups (quiet-hour end, retry); occurrences come from the plan.
    pub(crate) fn wakes(&self) -> &[DateTime<Utc>] {
        &self.wakes
    }

    /// The plan is complete: exit 0.
    pub(crate) fn finished(&self) -> bool {
        self.finished
    }
}

/// Why the wall clock may have moved under the scheduler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Moved {
    /// logind said the machine resumed from suspend.
    Resumed,
    /// The wall clock was set (or the machine resumed: the kernel reports
    /// both the same way).
    ClockSet,
}

impl Moved {
    /// Its name in the log's events (`clock_moved`'s `cause`).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Moved::Resumed => "resumed",
            Moved::ClockSet => "clock_set",
        }
    }
}

impl fmt::Display for Moved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Moved::Resumed => "resumed from suspend",
            Moved::ClockSet => "the wall clock was set",
        })
    }
}
