//! The validated configuration: what the rest of the program reads.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};

use crate::i18n::Choice;
use crate::zone::Zone;

/// A validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Where it came from (a path, or `<builtin>` etc.), for messages.
    pub origin: String,
    pub treatment: Treatment,
    /// The zone the day follows: clock-time rules, quiet hours, routines,
    /// daylight and day numbers. The system zone at the time of reading
    /// unless [`Config::day_zone_pinned`]; the daemon moves it along when
    /// the system zone changes ([`Config::follow_zone`]).
    pub day_zone: Zone,
    /// `day_timezone = "…"` pins the day to that zone.
    pub day_zone_pinned: bool,
    /// `None` when quiet hours are turned off.
    pub quiet_hours: Option<QuietHours>,
    pub snooze: Duration,
    pub catch_up: Duration,
    /// Reminders due within this of the first of a local day's cluster are
    /// shown with it, as one notification (within 25 min of reminders held
    /// back to the end of quiet hours; zero turns both off).
    pub group: Duration,
    /// How long a reminder with buttons stays on screen.
    pub expire: Expire,
    /// The merged rules, built-in first (in plan order), then the user's own.
    pub rules: Vec<Rule>,
    /// Where the user is, for daylight-aware rules (never looked up).
    pub location: Option<Location>,
    /// What is normal on which days, for the daily summary.
    pub healing: Healing,
    /// The plan's own words for its end (its `complete` and
    /// `nothing_off_limits`); the message catalog's where it has none.
    pub closing: Closing,
    /// The language of what a person reads: `language = "…"`, else the
    /// locale's (from [`Defaults`](super::Defaults)); the plan's texts are
    /// already translated into it.
    pub language: Choice,
}

impl Config {
    /// The zone the day follows is now `zone` (unless pinned): moves the
    /// day zone, and the assumed location with it. Returns whether anything
    /// changed.
    pub fn follow_zone(&mut self, zone: Zone, zones: &dyn crate::zone::ZoneSource) -> bool {
        if self.day_zone_pinned || self.day_zone == zone {
            return false;
        }
        self.day_zone = zone;
        if self.location.is_none_or(|l| l.from_zone) {
            self.location = zone_location(zone, zones);
        }
        true
    }

    /// Read the treatment in `zone` when the config names none (the zone
    /// recorded at the first reading); a named zone stays.
    pub fn pin_treatment_zone(&mut self, zone: Zone) {
        if !self.treatment.timezone_named {
            self.treatment.timezone = zone;
        }
    }
}

/// The principal city of a zone, as an assumed location.
pub(crate) fn zone_location(zone: Zone, zones: &dyn crate::zone::ZoneSource) -> Option<Location> {
    zones
        .principal_city(zone.name())
        .map(|(latitude, longitude)| Location {
            latitude,
            longitude,
            from_zone: true,
        })
}

/// A care plan as a plan file holds it: rules, healing stages and a
/// one-line description.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CarePlan {
    /// One line for `aftercare plans` (the file's `description`).
    pub description: Option<String>,
    /// In the order the file lists them.
    pub rules: Vec<Rule>,
    pub healing: Healing,
    pub closing: Closing,
}

/// A plan's own words for its end, in the config's language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Closing {
    /// Added to the plan's last reminder (`complete`): what to keep doing,
    /// and whose advice to follow (the practitioner's, the artist's).
    pub complete: Option<String>,
    /// The morning summary once nothing is off-limits
    /// (`nothing_off_limits`).
    pub nothing_off_limits: Option<String>,
}

impl CarePlan {
    /// The last day number (0 = treatment day) any rule of the plan can
    /// fire on; `after` offsets count in whole days, rounded up.
    pub fn last_day(&self) -> u32 {
        self.rules
            .iter()
            .map(|r| match (&r.days, &r.trigger) {
                (Some(d), _) => d.max().unwrap_or(0),
                (None, Trigger::After(offsets)) => offsets
                    .iter()
                    .map(|o| u32::try_from(o.as_secs().div_ceil(86_400)).unwrap_or(u32::MAX))
                    .max()
                    .unwrap_or(0),
                (None, _) => 0,
            })
            .max()
            .unwrap_or(0)
    }
}

/// Healing stages: day ranges and what is normal then.
pub type Healing = Vec<(DaySet, String)>;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    /// Assumed: the principal city of the time zone, not set by the user.
    pub from_zone: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Treatment {
    /// The first (or only) session's date.
    pub date: NaiveDate,
    /// Every session of a series, sorted; `[date]` for one treatment.
    pub sessions: Vec<NaiveDate>,
    pub time: NaiveTime,
    /// The zone the treatment happened in: its date and time are read in
    /// it, which makes the treatment an instant.
    pub timezone: Zone,
    /// `timezone` was named in the config; otherwise it is the system zone
    /// at the first reading, which the daemon records (see
    /// [`Config::pin_treatment_zone`]).
    pub timezone_named: bool,
    /// The plan used: a built-in plan's name, or a plan file's path as
    /// the config wrote it; `None` for `plan = "none"`.
    pub plan: Option<String>,
    /// The plan file read, for `plan = "PATH"`: resolved against the
    /// config's folder (what the daemon watches for changes).
    pub plan_file: Option<PathBuf>,
}

/// A daily window in which nothing is shown; may wrap midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl QuietHours {
    /// Whether a local time of day falls inside the window `[start, end)`.
    pub fn contains(&self, t: NaiveTime) -> bool {
        if self.start <= self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: String,
    /// Day numbers (0 = treatment day) the rule fires on; `None` for `after`
    /// rules without `days` (they count from the treatment time only).
    pub days: Option<DaySet>,
    pub trigger: Trigger,
    pub title: String,
    pub body: String,
    /// The body when quiet hours defer it to their end (`quiet = "before"`
    /// with no room before them): words for the morning, not "tonight".
    pub deferred_body: Option<String>,
    /// Interval rule limited to daylight when a location is known.
    pub daylight: bool,
    /// The restriction this milestone lifts on its first day ("makeup").
    pub allows: Option<String>,
    /// The body is today's summary, generated per day.
    pub summary: bool,
    /// Nothing before the treatment time plus this (a milestone's elapsed
    /// time): the first slot at or after it is the first occurrence.
    pub not_before: Option<Duration>,
    /// Only the first occurrence (per session) counts: a milestone.
    pub once: bool,
    /// Nothing before the moment this milestone (a `once` rule of the
    /// config) is announced: the rule begins with it.
    pub from: Option<String>,
    /// Nothing from the moment this milestone is announced (nor in the
    /// notification it comes in): the rule ends with it.
    pub until: Option<String>,
    /// The body ends with the emergency line (allergy, breathing, fast
    /// spreading redness with fever), naming the local emergency number
    /// where the time zone's country makes it certain.
    pub emergency: bool,
    /// What happens when an occurrence falls inside quiet hours.
    pub quiet: QuietPolicy,
    /// Shown again while unanswered.
    pub repeat: Option<Repeat>,
}

/// What a rule's occurrence does when it falls inside quiet hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuietPolicy {
    /// Moves to the end of the window (morning routine, milestones).
    #[default]
    Defer,
    /// Is left out (time-bound care whose moment has passed by morning).
    Drop,
    /// Comes earlier, the minute before quiet hours begin that day, so
    /// that an evening text ("call tonight") is read in the evening. When
    /// that minute is not on the rule's day (or before the treatment or
    /// its `not_before`), it is deferred as with `Defer`; to a later day,
    /// with the rule's `deferred_body` when it has one. Once quiet hours have begun it is
    /// not shown any more (a daemon that was not running then records it
    /// missed rather than showing it in the morning).
    Before,
}

/// Show an unanswered reminder again, replacing the previous notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    pub every: Duration,
    /// How many times at most, after the first.
    pub max: u32,
}

/// How long a reminder with buttons stays on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Expire {
    /// Until answered or closed (`expire_timeout` 0).
    #[default]
    Never,
    /// As the notification server decides (`expire_timeout` -1).
    Server,
    /// This long.
    After(Duration),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// Fixed local clock times on each day.
    At(Vec<NaiveTime>),
    /// From `start` every `every` while not after `end`, each day.
    Every {
        every: Duration,
        start: NaiveTime,
        end: NaiveTime,
    },
    /// Offsets from the treatment time.
    After(Vec<Duration>),
}

/// A sorted set of day numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySet(pub(super) Vec<u32>);

impl DaySet {
    pub fn contains(&self, day: u32) -> bool {
        self.0.binary_search(&day).is_ok()
    }
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().copied()
    }
    pub fn max(&self) -> Option<u32> {
        self.0.last().copied()
    }
}
