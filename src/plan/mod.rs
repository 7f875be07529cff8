//! The plan: a validated [`Config`] → every dated occurrence, in order.
//!
//! Pure: no I/O and no clock. Queries that depend on the present take `now`
//! as an argument. This is where day ranges, the treatment time, quiet hours,
//! time zones and DST are decided:
//! - day 0 starts at the treatment time; earlier occurrences are dropped;
//! - a local time that does not exist (spring forward) moves forward by the
//!   length of the gap; one that exists twice (fall back) fires once, at the
//!   first;
//! - an occurrence inside quiet hours moves to the end of the window, and two
//!   of one rule that land on the same instant become one; a rule with
//!   `quiet = "before"` (an evening check-in) comes instead the minute
//!   before the window begins that day, or, with no room for that on its
//!   day, at the window's end (on a later day, with its `deferred_body`).
//!
//! Two zones are at work. The treatment is an instant: its date and time
//! are read in the zone it happened in (`[treatment] timezone`). The day
//! follows [`Config::day_zone`] (the zone the computer is in now, unless
//! the config pins one): clock-time rules, quiet hours, daylight and day
//! numbers, with day 0 the local date of the treatment instant there.
//! `after` offsets and milestones' elapsed times hang on the instant.
//!
//! Each occurrence gets a stable id that does not depend on the zone: the
//! rule, the session, and the day and nominal clock time
//! (`sunscreen@s1d3T10:00`), the offset (`hydrate@s1+6h`), or nothing more
//! for a milestone, which comes once (`makeup-ok@s1`). So the daemon can
//! tell across restarts, reloads and zone changes what it already sent: a
//! morning routine shown in Berlin is the same one when its local time
//! comes round again in New York.
//!
//! The id is an [`OccurrenceId`]: one place builds it and reads it back.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration as ChronoDuration, NaiveDate, NaiveTime, Utc};

use crate::config::{Config, DaySet, Location, Trigger};
use crate::zone::Zone;

mod emergency;
mod expand;
mod id;
mod local;
mod occurrence;
mod query;
mod summary;
mod sun;

#[cfg(test)]
mod care_text_tests;
#[cfg(test)]
mod fortnight_tests;
#[cfg(test)]
mod plans_tests;
#[cfg(test)]
mod source_tests;
#[cfg(test)]
mod tests;

pub use emergency::emergency_number;
pub use expand::{id_anchor, legacy_ids, summary_text};
pub use id::{OccurrenceId, Slot};
pub(crate) use local::session_starts;
pub use local::{after_quiet, quiet_start, resolve_local};
pub use occurrence::{Anchor, MAX_OCCURRENCES, Occurrence, PlanError};
pub use sun::{Daylight, daylight};

/// Every occurrence of a config, sorted by time.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The zone the day follows (what times are shown in).
    pub timezone: Zone,
    /// The zone the treatment happened in.
    pub treatment_zone: Zone,
    /// The treatment time: the start of day 0 (in the day's zone).
    pub start: DateTime<Zone>,
    /// Start of each session of a series (the first is `start`).
    pub starts: Vec<DateTime<Zone>>,
    pub occurrences: Vec<Occurrence>,
    /// For daylight windows in the output.
    pub location: Option<Location>,
    /// Whether any rule follows daylight.
    pub daylight_rules: bool,
}

/// The size and the ends of a whole plan, found window by window so that
/// the whole plan is never in memory at once (what the daemon keeps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Overview {
    pub total: usize,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
}

/// Windows used by [`Plan::overview`]: a week of days at a time.
const OVERVIEW_CHUNK: ChronoDuration = ChronoDuration::days(7);

/// The last local date any rule of any session can put a reminder on,
/// before quiet hours move it (an upper bound; `None` without sessions).
fn last_nominal_date(config: &Config) -> Option<NaiveDate> {
    let mut last: Option<NaiveDate> = None;
    // An unresolvable session makes the plan itself fail to build.
    for start in session_starts(config).ok()? {
        let date = start.date_naive();
        for rule in &config.rules {
            let end = match &rule.trigger {
                Trigger::At(_) | Trigger::Every { .. } => rule
                    .days
                    .as_ref()
                    .and_then(DaySet::max)
                    .and_then(|d| date.checked_add_days(chrono::Days::new(u64::from(d)))),
                Trigger::After(offsets) => offsets
                    .iter()
                    .filter_map(|o| ChronoDuration::from_std(*o).ok())
                    .filter_map(|o| start.checked_add_signed(o))
                    .map(|t| t.date_naive())
                    .max(),
            };
            last = last.max(end);
        }
    }
    last
}

/// How long after a moment that reminders were deferred to (the end of
/// quiet hours) others still join them: the plan keeps notifications at
/// least this far apart, so one due a few minutes after the deferred ones
/// is shown with them rather than as a second notification minutes later.
const AFTER_QUIET_GATHER: ChronoDuration = ChronoDuration::minutes(25);

/// Bring reminders due less than `group` after the first of a cluster to its
/// moment, so they are one notification; when reminders were deferred to
/// that moment (the end of quiet hours), those due less than
/// [`AFTER_QUIET_GATHER`] after it join too, a milestone never before its
/// elapsed time. A cluster holds one reminder per rule and never crosses a
/// local midnight, which keeps it the same whether a whole plan or a window
/// of its days was expanded. Returns whether anything moved.
fn cluster(sorted: &mut [Occurrence], group: std::time::Duration) -> bool {
    let Ok(group) = ChronoDuration::from_std(group) else {
        return false;
    };
    // grouping turned off: every reminder on its own
    if group.is_zero() {
        return false;
    }
    let gather = group.max(AFTER_QUIET_GATHER);
    let mut moved = false;
    let mut anchor: Option<DateTime<Zone>> = None;
    // reminders were deferred to the anchor's moment
    let mut deferred = false;
    let mut rules: HashSet<String> = HashSet::new();
    for o in sorted.iter_mut() {
        let joins = |a: DateTime<Zone>, deferred: bool| {
            let gap = o.at - a;
            a.date_naive() == o.at.date_naive()
                && !rules.contains(&o.rule)
                && (gap < group
                    || (deferred
                        && gap < gather
                        && o.not_before.is_none_or(|nb| a.with_timezone(&Utc) >= nb)))
        };
        match anchor {
            Some(a) if joins(a, deferred) => {
                if o.at != a {
                    o.at = a;
                    moved = true;
                } else {
                    deferred |= o.deferred;
                }
            }
            _ => {
                anchor = Some(o.at);
                deferred = o.deferred;
                rules.clear();
            }
        }
        rules.insert(o.rule.clone());
    }
    moved
}

impl Plan {
    /// Build the plan of a config.
    pub fn build(config: &Config) -> Result<Plan, PlanError> {
        Self::build_days(config, None)
    }

    /// The occurrences of the plan in `[from, to)`, exactly as [`Plan::build`]
    /// would give them, without building the rest: only the nominal days that
    /// can land in the window (quiet hours move a reminder by less than a
    /// day, a DST gap by an hour) are expanded.
    pub fn window(
        config: &Config,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Plan, PlanError> {
        let tz = config.day_zone;
        let lo = from
            .with_timezone(&tz)
            .date_naive()
            .checked_sub_days(chrono::Days::new(2))
            .unwrap_or(NaiveDate::MIN);
        let hi = to
            .with_timezone(&tz)
            .date_naive()
            .checked_add_days(chrono::Days::new(1))
            .unwrap_or(NaiveDate::MAX);
        let mut plan = Self::build_days(config, Some((lo, hi)))?;
        plan.occurrences.retain(|o| {
            let t = o.utc();
            t >= from && t < to
        });
        Ok(plan)
    }

    /// How many reminders the whole plan has and when it starts and ends,
    /// computed a week-long window at a time.
    pub fn overview(config: &Config) -> Result<Overview, PlanError> {
        let mut ov = Overview::default();
        Self::for_each_chunk(config, None, None, |part| {
            ov.total += part.len();
            if ov.total > MAX_OCCURRENCES {
                return Err(PlanError::TooLarge);
            }
            if let Some(o) = part.first() {
                ov.first = ov.first.or(Some(o.utc()));
            }
            if let Some(o) = part.last() {
                ov.last = Some(o.utc());
            }
            Ok(())
        })?;
        Ok(ov)
    }

    /// Visit the plan's occurrences in `[since, until)` (unbounded where
    /// `None`) in order, a week-long window at a time, never holding more.
    pub fn for_each_chunk(
        config: &Config,
        since: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
        mut visit: impl FnMut(&[Occurrence]) -> Result<(), PlanError>,
    ) -> Result<(), PlanError> {
        let Some(start) = session_starts(config)?
            .first()
            .map(|s| s.with_timezone(&Utc))
        else {
            return Ok(());
        };
        let Some(last_date) = last_nominal_date(config) else {
            return Ok(());
        };
        // Nothing lies before the treatment time; nothing later than a day
        // (quiet hours) plus the largest UTC offset after the last date.
        let mut end = last_date
            .checked_add_days(chrono::Days::new(3))
            .ok_or(PlanError::OutOfRange)?
            .and_time(NaiveTime::MIN)
            .and_utc();
        if let Some(u) = until {
            end = end.min(u);
        }
        let mut from = since.map_or(start, |s| s.max(start));
        while from < end {
            let to = from
                .checked_add_signed(OVERVIEW_CHUNK)
                .ok_or(PlanError::OutOfRange)?
                .min(end);
            visit(&Self::window(config, from, to)?.occurrences)?;
            from = to;
        }
        Ok(())
    }

    /// Build the plan, expanding only nominal local dates within `days`.
    fn build_days(
        config: &Config,
        days: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<Plan, PlanError> {
        let starts = session_starts(config)?;
        let start = *starts.first().ok_or(PlanError::OutOfRange)?;
        let mut out: Vec<Occurrence> = Vec::new();
        let mut seen_ids = HashSet::new();
        let mut seen_at = HashSet::new();
        let mut milestones = expand::MilestoneCache::default();
        for (i, s) in starts.iter().enumerate() {
            let session = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for rule in &config.rules {
                let mine =
                    expand::rule_occurrences_in(rule, config, *s, session, days, &mut milestones)?;
                for o in mine {
                    // Overlapping sessions: one reminder per rule and moment.
                    if !seen_ids.insert(o.id.clone()) || !seen_at.insert((o.rule.clone(), o.at)) {
                        continue;
                    }
                    out.push(o);
                }
                if out.len() > MAX_OCCURRENCES {
                    return Err(PlanError::TooLarge);
                }
            }
        }
        // Sort by time, then by the rules' order (the order a person does
        // them), so output is deterministic; then reminders a few minutes
        // apart become one moment, and sort again.
        // the rules' order by name, found once (not a search per comparison:
        // that made the cost grow with rules × occurrences)
        let position: HashMap<&str, usize> = config
            .rules
            .iter()
            .enumerate()
            .rev()
            .map(|(i, r)| (r.name.as_str(), i))
            .collect();
        let by_time_then_rule = |o: &Occurrence| (o.at, position.get(o.rule.as_str()).copied());
        out.sort_by_cached_key(by_time_then_rule);
        if cluster(&mut out, config.group) {
            out.sort_by_cached_key(by_time_then_rule);
        }
        Ok(Plan {
            timezone: config.day_zone,
            treatment_zone: config.treatment.timezone,
            start,
            starts,
            occurrences: out,
            location: config.location,
            daylight_rules: config.rules.iter().any(|r| r.daylight),
        })
    }
}
