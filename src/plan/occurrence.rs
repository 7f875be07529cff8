//! One reminder at one moment, and why a plan could not be built: what
//! every part of the plan speaks of.

use chrono::{DateTime, Utc};

use super::id::OccurrenceId;
use crate::config::Repeat;
use crate::zone::Zone;

/// Most occurrences a plan may have; a config that makes more is rejected.
pub const MAX_OCCURRENCES: usize = 100_000;

/// One reminder at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Stable id: same config, same ids.
    pub id: OccurrenceId,
    /// Name of the rule it comes from.
    pub rule: String,
    /// Plan day it belongs to (0 = treatment day of its session).
    pub day: u32,
    /// Which treatment of a series (1 for a single treatment).
    pub session: u32,
    /// When, in the plan's time zone.
    pub at: DateTime<Zone>,
    pub title: String,
    pub body: String,
    /// Shown again while unanswered (from its rule).
    pub repeat: Option<Repeat>,
    /// What its moment hangs on.
    pub anchor: Anchor,
    /// A milestone (once per session): not before this instant, the
    /// treatment plus its elapsed time.
    pub not_before: Option<DateTime<Utc>>,
    /// Moved before quiet hours (`quiet = "before"`): its text speaks of
    /// the evening, so it is not shown from this instant on (the start of
    /// quiet hours).
    pub show_until: Option<DateTime<Utc>>,
    /// Moved later, to the end of quiet hours: what is due shortly after
    /// that moment is shown with it (see `cluster`).
    pub deferred: bool,
}

/// What an occurrence's moment hangs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// A local clock time (`at`, `every` + `between`): it follows the zone
    /// the day follows.
    Clock,
    /// An offset from the treatment instant (`after`): the same instant in
    /// every zone.
    Treatment,
}

impl Anchor {
    pub fn label(self) -> &'static str {
        match self {
            Anchor::Clock => "clock",
            Anchor::Treatment => "treatment",
        }
    }
}

impl Occurrence {
    pub fn utc(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }
}

/// Why a plan could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the plan would have more than {MAX_OCCURRENCES} reminders")]
    TooLarge,
    #[error("the treatment date is out of range")]
    OutOfRange,
}
