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
//!   of one rule that land on the same instant become one.
//!
//! Each occurrence gets a stable id, `RULE@YYYY-MM-DDTHH:MM` from the rule
//! and its nominal local time (before quiet hours moved it), so the daemon
//! can tell across restarts and reloads what it already sent.

use std::collections::HashSet;

use crate::zone::Zone;
use chrono::{
    DateTime, Datelike, Duration as ChronoDuration, LocalResult, NaiveDate, NaiveDateTime,
    NaiveTime, Offset, TimeZone, Timelike, Utc,
};

use crate::config::{Config, DaySet, Location, QuietHours, Rule, Trigger};

/// Most occurrences a plan may have; a config that makes more is rejected.
pub const MAX_OCCURRENCES: usize = 100_000;

/// One reminder at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Stable id: same config, same ids.
    pub id: String,
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
}

impl Occurrence {
    pub fn utc(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }
}

/// Every occurrence of a config, sorted by time.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub timezone: Zone,
    /// The treatment time: the start of day 0.
    pub start: DateTime<Zone>,
    /// Start of each session of a series (the first is `start`).
    pub starts: Vec<DateTime<Zone>>,
    pub occurrences: Vec<Occurrence>,
    /// For daylight windows in the output.
    pub location: Option<Location>,
    /// Whether any rule follows daylight.
    pub daylight_rules: bool,
}

/// The hours of daylight on a day at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Daylight {
    Between(NaiveTime, NaiveTime),
    PolarDay,
    PolarNight,
}

/// Sunrise and sunset of a local date at a place, in the plan's zone.
pub fn daylight(loc: Location, date: NaiveDate, tz: Zone) -> Daylight {
    use sunrise::{Coordinates, SolarDay, SolarEvent};
    let Some(coord) = Coordinates::new(loc.latitude, loc.longitude) else {
        return Daylight::PolarDay;
    };
    let day = SolarDay::new(coord, date);
    match (
        day.event_time(SolarEvent::Sunrise),
        day.event_time(SolarEvent::Sunset),
    ) {
        (Some(up), Some(down)) => {
            let up = up.with_timezone(&tz).time();
            let down = down.with_timezone(&tz).time();
            if up < down {
                Daylight::Between(up, down)
            } else {
                Daylight::PolarDay
            }
        }
        _ => {
            // No sunrise or sunset: the sun is up all day if it stands over
            // the same hemisphere (declination, approximately).
            let doy = f64::from(date.ordinal());
            let declination = -23.44 * (2.0 * std::f64::consts::PI / 365.0 * (doy + 10.0)).cos();
            if declination * loc.latitude > 0.0 {
                Daylight::PolarDay
            } else {
                Daylight::PolarNight
            }
        }
    }
}

/// Today's summary for a plan day: what is normal, what is still off-limits
/// and for how long, what is allowed from today. Built from the healing
/// stages and the milestone rules' `allows`.
pub fn summary_text(config: &Config, day: u32) -> String {
    let mut parts = Vec::new();
    if let Some((_, text)) = config.healing.iter().find(|(d, _)| d.contains(day)) {
        parts.push(format!("Normal now: {text}"));
    }
    let mut still = Vec::new();
    let mut today = Vec::new();
    for r in &config.rules {
        let (Some(what), Some(from)) = (&r.allows, r.days.as_ref().and_then(|d| d.iter().next()))
        else {
            continue;
        };
        match from.cmp(&day) {
            std::cmp::Ordering::Greater => {
                let n = from - day;
                still.push(format!(
                    "{what} ({n} more day{})",
                    if n == 1 { "" } else { "s" }
                ));
            }
            std::cmp::Ordering::Equal => today.push(what.clone()),
            std::cmp::Ordering::Less => {}
        }
    }
    if !still.is_empty() {
        parts.push(format!("Still off-limits: {}.", still.join(", ")));
    }
    if !today.is_empty() {
        parts.push(format!(
            "From today, usually fine again: {}.",
            today.join(", ")
        ));
    }
    if parts.is_empty() {
        parts.push("Nothing is off-limits any more; keep up daily sunscreen.".into());
    }
    parts.join(" ")
}

/// Why a plan could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the plan would have more than {MAX_OCCURRENCES} reminders")]
    TooLarge,
    #[error("the treatment date is out of range")]
    OutOfRange,
}

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
    let tz = config.treatment.timezone;
    let mut last: Option<NaiveDate> = None;
    for date in &config.treatment.sessions {
        // An unresolvable session makes the plan itself fail to build.
        let Some(start) = resolve_local(tz, date.and_time(config.treatment.time)) else {
            continue;
        };
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
        let tz = config.treatment.timezone;
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
        let tz = config.treatment.timezone;
        let Some(first) = config.treatment.sessions.first() else {
            return Ok(());
        };
        let start = resolve_local(tz, first.and_time(config.treatment.time))
            .ok_or(PlanError::OutOfRange)?
            .with_timezone(&Utc);
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
        let tz = config.treatment.timezone;
        let mut starts = Vec::new();
        for date in &config.treatment.sessions {
            starts.push(
                resolve_local(tz, date.and_time(config.treatment.time))
                    .ok_or(PlanError::OutOfRange)?,
            );
        }
        let start = *starts.first().ok_or(PlanError::OutOfRange)?;
        let mut out: Vec<Occurrence> = Vec::new();
        let mut seen_ids = HashSet::new();
        let mut seen_at = HashSet::new();
        for (i, s) in starts.iter().enumerate() {
            let session = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for rule in &config.rules {
                let mine = rule_occurrences(rule, config, *s, days)?;
                for mut o in mine {
                    // Overlapping sessions: one reminder per rule and moment.
                    if !seen_ids.insert(o.id.clone()) || !seen_at.insert((o.rule.clone(), o.at)) {
                        continue;
                    }
                    o.session = session;
                    out.push(o);
                }
                if out.len() > MAX_OCCURRENCES {
                    return Err(PlanError::TooLarge);
                }
            }
        }
        // Sort by time, then by the rules' order, so output is deterministic.
        let order = |name: &str| config.rules.iter().position(|r| r.name == name);
        out.sort_by(|a, b| {
            a.at.cmp(&b.at)
                .then_with(|| order(&a.rule).cmp(&order(&b.rule)))
        });
        Ok(Plan {
            timezone: tz,
            start,
            starts,
            occurrences: out,
            location: config.location,
            daylight_rules: config.rules.iter().any(|r| r.daylight),
        })
    }

    /// The first occurrence strictly after `now`.
    pub fn next_after(&self, now: DateTime<Utc>) -> Option<&Occurrence> {
        let i = self.occurrences.partition_point(|o| o.utc() <= now);
        self.occurrences.get(i)
    }

    /// The last occurrence, if any.
    pub fn last(&self) -> Option<&Occurrence> {
        self.occurrences.last()
    }

    /// Whether every occurrence lies at or before `now`.
    pub fn is_over(&self, now: DateTime<Utc>) -> bool {
        self.last().is_none_or(|o| o.utc() <= now)
    }

    /// Occurrences on or after the local calendar day of `now`.
    pub fn from_today(&self, now: DateTime<Utc>) -> &[Occurrence] {
        let today = now.with_timezone(&self.timezone).date_naive();
        let i = self
            .occurrences
            .partition_point(|o| o.at.date_naive() < today);
        &self.occurrences[i..]
    }

    /// The local date of a plan day of the first session.
    pub fn day_date(&self, day: u32) -> NaiveDate {
        self.session_day_date(1, day)
    }

    /// The local date of a plan day of a session (1-based).
    pub fn session_day_date(&self, session: u32, day: u32) -> NaiveDate {
        let start = self
            .starts
            .get(session.saturating_sub(1) as usize)
            .unwrap_or(&self.start);
        start.date_naive() + ChronoDuration::days(i64::from(day))
    }

    /// The daylight window of a date, when a location is set and a rule
    /// follows daylight.
    pub fn daylight(&self, date: NaiveDate) -> Option<Daylight> {
        let loc = self.location.filter(|_| self.daylight_rules)?;
        Some(daylight(loc, date, self.timezone))
    }

    /// The session and day number `now` falls on, if a session has started.
    pub fn current_day(&self, now: DateTime<Utc>) -> Option<(u32, u32)> {
        let today = now.with_timezone(&self.timezone).date_naive();
        let (i, s) = self
            .starts
            .iter()
            .enumerate()
            .rev()
            .find(|(_, s)| s.date_naive() <= today)?;
        let day = u32::try_from((today - s.date_naive()).num_days()).ok()?;
        Some((u32::try_from(i + 1).unwrap_or(1), day))
    }

    pub fn get(&self, id: &str) -> Option<&Occurrence> {
        self.occurrences.iter().find(|o| o.id == id)
    }
}

/// The occurrences of one rule: nominal local times → instants, then day-0
/// truncation, quiet hours and collision removal.
fn rule_occurrences(
    rule: &Rule,
    config: &Config,
    start: DateTime<Zone>,
    dates: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<Occurrence>, PlanError> {
    let wanted = |d: NaiveDate| dates.is_none_or(|(lo, hi)| d >= lo && d <= hi);
    let tz = start.timezone();
    let start_date = start.date_naive();
    // (nominal local time, day, instant)
    let mut nominal: Vec<(NaiveDateTime, u32, DateTime<Zone>)> = Vec::new();
    let mut push_local = |naive: NaiveDateTime, day: u32| {
        if let Some(t) = resolve_local(tz, naive) {
            nominal.push((naive, day, t));
        }
    };
    match &rule.trigger {
        Trigger::At(times) => {
            for day in rule.days.iter().flat_map(|d| d.iter()) {
                let Some(date) = start_date
                    .checked_add_days(chrono::Days::new(u64::from(day)))
                    .filter(|d| wanted(*d))
                else {
                    continue;
                };
                for t in times {
                    push_local(date.and_time(*t), day);
                }
            }
        }
        Trigger::Every {
            every,
            start: from,
            end,
        } => {
            let step = ChronoDuration::seconds(i64::try_from(every.as_secs()).unwrap_or(i64::MAX));
            for day in rule.days.iter().flat_map(|d| d.iter()) {
                let Some(date) = start_date
                    .checked_add_days(chrono::Days::new(u64::from(day)))
                    .filter(|d| wanted(*d))
                else {
                    continue;
                };
                let mut t: NaiveTime = *from;
                loop {
                    push_local(date.and_time(t), day);
                    let (next, wrapped) = t.overflowing_add_signed(step);
                    if wrapped != 0 || next > *end || next <= t {
                        break;
                    }
                    t = next;
                }
            }
        }
        Trigger::After(offsets) => {
            for off in offsets {
                let secs = i64::try_from(off.as_secs()).map_err(|_| PlanError::OutOfRange)?;
                let Some(t) = start.checked_add_signed(ChronoDuration::seconds(secs)) else {
                    continue;
                };
                let day = day_number(start_date, t.date_naive());
                if rule.days.as_ref().is_some_and(|d| !d.contains(day)) {
                    continue;
                }
                nominal.push((t.naive_local(), day, t));
            }
        }
    }
    if nominal.len() > MAX_OCCURRENCES {
        return Err(PlanError::TooLarge);
    }

    let mut out = Vec::with_capacity(nominal.len());
    let mut seen_instants = HashSet::new();
    let mut seen_ids: HashSet<String> = HashSet::new();
    nominal.sort_by_key(|(_, _, t)| *t);
    for (naive, day, t) in nominal {
        if t < start {
            continue; // day 0 starts at the treatment time
        }
        let at = match &config.quiet_hours {
            Some(q) => match after_quiet(q, t) {
                Some(m) => m,
                None => continue,
            },
            None => t,
        };
        if !seen_instants.insert(at) {
            continue; // collided with another of this rule (quiet hours or DST)
        }
        let fmt = if naive.second() == 0 {
            "%Y-%m-%dT%H:%M"
        } else {
            "%Y-%m-%dT%H:%M:%S"
        };
        let base = format!("{}@{}", rule.name, naive.format(fmt));
        let mut id = base.clone();
        let mut n = 2;
        while !seen_ids.insert(id.clone()) {
            id = format!("{base}#{n}");
            n += 1;
        }
        if rule.daylight {
            if let Some(loc) = config.location {
                let inside = match daylight(loc, naive.date(), tz) {
                    Daylight::Between(up, down) => naive.time() >= up && naive.time() <= down,
                    Daylight::PolarDay => true,
                    Daylight::PolarNight => false,
                };
                if !inside {
                    continue;
                }
            }
        }
        let (title, body) = if rule.summary {
            (
                format!("Day {day}: {}", rule.title),
                summary_text(config, day),
            )
        } else {
            (rule.title.clone(), rule.body.clone())
        };
        out.push(Occurrence {
            id,
            rule: rule.name.clone(),
            day,
            session: 1,
            at,
            title,
            body,
        });
    }
    Ok(out)
}

/// The nominal local date inside an occurrence id (`RULE@YYYY-MM-DDT…`):
/// quiet hours move the reminder by less than a day from it.
pub fn id_local_date(id: &str) -> Option<NaiveDate> {
    let (_, at) = id.rsplit_once('@')?;
    NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()
}

fn day_number(start: NaiveDate, date: NaiveDate) -> u32 {
    u32::try_from((date - start).num_days()).unwrap_or(0)
}

/// "Tue 25 Nov" for a local date.
pub fn short_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.weekday(), d.day(), month_abbr(d.month()))
}

fn month_abbr(m: u32) -> &'static str {
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .get(m.saturating_sub(1) as usize)
    .copied()
    .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Defaults, parse};

    fn plan(text: &str) -> Plan {
        let c = parse(
            text,
            "t.toml",
            Defaults {
                timezone: Zone::get("Europe/Berlin").unwrap(),
            },
        )
        .unwrap();
        Plan::build(&c).unwrap()
    }

    fn times(p: &Plan, rule: &str) -> Vec<String> {
        p.occurrences
            .iter()
            .filter(|o| o.rule == rule)
            .map(|o| o.at.format("%Y-%m-%d %H:%M %:z").to_string())
            .collect()
    }

    const BASE: &str =
        "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\ntimezone = \"Europe/Berlin\"\n";

    #[test]
    fn default_plan_day_zero() {
        let p = plan(BASE);
        let day0: Vec<(&str, String)> = p
            .occurrences
            .iter()
            .filter(|o| o.day == 0)
            .map(|o| (o.rule.as_str(), o.at.format("%d %H:%M").to_string()))
            .collect();
        // T = 14:30: today at T, hydrate at +3h/+6h/+9h (23:30 falls in quiet
        // hours and moves to 08:00 next morning), first rinse at +6h.
        assert_eq!(
            day0,
            [
                ("today", "23 14:30".into()),
                ("hydrate", "23 17:30".into()),
                ("hydrate", "23 20:30".into()),
                ("first-rinse", "23 20:30".into()),
                ("hydrate", "24 08:00".into()),
            ]
        );
        assert_eq!(p.occurrences[0].title, "Aftercare starts now");
        assert!(p.occurrences[0].body.contains("practitioner"));
    }

    #[test]
    fn default_plan_shape() {
        let p = plan(BASE);
        let count = |r: &str| p.occurrences.iter().filter(|o| o.rule == r).count();
        assert_eq!(count("sunscreen"), 7 * 5); // 09,11,13,15,17 on days 1-7
        assert_eq!(count("moisturize"), 14);
        assert_eq!(count("no-picking"), 12);
        assert_eq!(count("check-in"), 3);
        assert_eq!(count("sunscreen-daily"), 7);
        assert_eq!(count("wrap-up"), 1);
        assert_eq!(p.last().unwrap().rule, "wrap-up");
        assert_eq!(
            p.last().unwrap().at.format("%Y-%m-%d %H:%M").to_string(),
            "2026-12-07 10:00"
        );
        // sorted and unique ids
        assert!(p.occurrences.windows(2).all(|w| w[0].at <= w[1].at));
        let ids: HashSet<_> = p.occurrences.iter().map(|o| &o.id).collect();
        assert_eq!(ids.len(), p.occurrences.len());
    }

    #[test]
    fn day_zero_drops_times_before_treatment() {
        let p = plan(&format!(
            "{BASE}[reminders.x]\ndays = \"0-1\"\nat = [\"09:00\", \"15:00\"]\ntitle = \"X\"\n"
        ));
        assert_eq!(
            times(&p, "x"),
            [
                "2026-11-23 15:00 +01:00",
                "2026-11-24 09:00 +01:00",
                "2026-11-24 15:00 +01:00"
            ]
        );
    }

    #[test]
    fn after_counts_from_treatment_time() {
        let p = plan(&format!(
            "{BASE}[reminders.x]\nafter = [\"90m\", \"1d\"]\ntitle = \"X\"\n"
        ));
        assert_eq!(
            times(&p, "x"),
            ["2026-11-23 16:00 +01:00", "2026-11-24 14:30 +01:00"]
        );
        let days: Vec<u32> = p
            .occurrences
            .iter()
            .filter(|o| o.rule == "x")
            .map(|o| o.day)
            .collect();
        assert_eq!(days, [0, 1]);
        // with days, offsets landing on other days are dropped
        let p = plan(&format!(
            "{BASE}[reminders.x]\ndays = \"1\"\nafter = [\"90m\", \"1d\"]\ntitle = \"X\"\n"
        ));
        assert_eq!(times(&p, "x"), ["2026-11-24 14:30 +01:00"]);
    }

    #[test]
    fn quiet_hours_move_and_collide() {
        // 22:00 and 23:00 both move to 08:00 and become one; 07:00 too.
        let p = plan(&format!(
            "{BASE}[reminders.x]\ndays = \"1\"\nat = [\"22:00\", \"23:00\", \"12:00\"]\ntitle = \"X\"\n\
             [reminders.y]\ndays = \"2\"\nat = [\"07:00\"]\ntitle = \"Y\"\n"
        ));
        assert_eq!(
            times(&p, "x"),
            ["2026-11-24 12:00 +01:00", "2026-11-25 08:00 +01:00"]
        );
        assert_eq!(times(&p, "y"), ["2026-11-25 08:00 +01:00"]);
        // different rules at the same moment both stay
        assert_eq!(
            p.occurrences
                .iter()
                .filter(|o| (o.rule == "x" || o.rule == "y")
                    && o.at.format("%d %H:%M").to_string() == "25 08:00")
                .count(),
            2
        );
        // the moved one keeps its day and nominal id
        let x = p
            .occurrences
            .iter()
            .find(|o| o.rule == "x" && o.day == 1 && o.at.format("%H").to_string() == "08")
            .unwrap();
        assert_eq!(x.id, "x@2026-11-24T22:00");
    }

    #[test]
    fn quiet_hours_custom_window_and_off() {
        let p = plan(&format!(
            "{BASE}[quiet_hours]\nstart = \"12:00\"\nend = \"13:30\"\n[reminders.x]\ndays = \"1\"\nat = [\"12:15\", \"22:00\"]\ntitle = \"X\"\n"
        ));
        assert_eq!(
            times(&p, "x"),
            ["2026-11-24 13:30 +01:00", "2026-11-24 22:00 +01:00"]
        );
        let p = plan(&format!(
            "{BASE}[quiet_hours]\nenabled = false\n[reminders.x]\ndays = \"1\"\nat = [\"03:00\"]\ntitle = \"X\"\n"
        ));
        assert_eq!(times(&p, "x"), ["2026-11-24 03:00 +01:00"]);
    }

    fn dst(tz: &str, date: &str, at: &str) -> Vec<String> {
        let p = plan(&format!(
            "[treatment]\ndate = {date}\ntime = \"00:00\"\ntimezone = \"{tz}\"\nplan = \"none\"\n\
             [quiet_hours]\nenabled = false\n\
             [reminders.x]\ndays = \"0\"\nat = [{at}]\ntitle = \"X\"\n"
        ));
        times(&p, "x")
    }

    #[test]
    fn dst_new_york_spring_forward_moves_past_gap() {
        // 2026-03-08 02:00 EST → 03:00 EDT; 02:30 does not exist.
        assert_eq!(
            dst(
                "America/New_York",
                "2026-03-08",
                "\"01:30\", \"02:30\", \"03:30\""
            ),
            ["2026-03-08 01:30 -05:00", "2026-03-08 03:30 -04:00"]
        );
        // 02:30 alone moves forward past the gap, to 03:30 EDT
        assert_eq!(
            dst("America/New_York", "2026-03-08", "\"02:30\""),
            ["2026-03-08 03:30 -04:00"]
        );
    }

    #[test]
    fn dst_new_york_fall_back_fires_once() {
        // 2026-11-01 02:00 EDT → 01:00 EST; 01:30 exists twice.
        assert_eq!(
            dst("America/New_York", "2026-11-01", "\"01:30\""),
            ["2026-11-01 01:30 -04:00"]
        );
    }

    #[test]
    fn dst_berlin() {
        assert_eq!(
            dst("Europe/Berlin", "2026-03-29", "\"02:30\""),
            ["2026-03-29 03:30 +02:00"]
        );
        assert_eq!(
            dst("Europe/Berlin", "2026-10-25", "\"02:30\""),
            ["2026-10-25 02:30 +02:00"]
        );
    }

    #[test]
    fn dst_every_across_the_change_keeps_wall_clock() {
        let p = plan(
            "[treatment]\ndate = 2026-03-28\ntime = \"08:00\"\ntimezone = \"Europe/Berlin\"\nplan = \"none\"\n\
             [reminders.x]\ndays = \"0-1\"\nevery = \"4h\"\nbetween = [\"09:00\", \"17:00\"]\ntitle = \"X\"\n",
        );
        assert_eq!(
            times(&p, "x"),
            [
                "2026-03-28 09:00 +01:00",
                "2026-03-28 13:00 +01:00",
                "2026-03-28 17:00 +01:00",
                "2026-03-29 09:00 +02:00",
                "2026-03-29 13:00 +02:00",
                "2026-03-29 17:00 +02:00",
            ]
        );
    }

    #[test]
    fn quiet_hours_end_in_a_dst_gap() {
        // Quiet hours end at 02:30, which does not exist on 2026-03-29 in
        // Berlin: the moved occurrence lands just past the gap.
        let p = plan(
            "[treatment]\ndate = 2026-03-28\ntime = \"20:00\"\ntimezone = \"Europe/Berlin\"\nplan = \"none\"\n\
             [quiet_hours]\nstart = \"22:00\"\nend = \"02:30\"\n\
             [reminders.x]\ndays = \"0\"\nat = [\"23:00\"]\ntitle = \"X\"\n",
        );
        assert_eq!(times(&p, "x"), ["2026-03-29 03:30 +02:00"]);
    }

    #[test]
    fn time_zones_shift_the_instant_not_the_wall_clock() {
        let ny = plan(&BASE.replace("Europe/Berlin", "America/New_York"));
        let be = plan(BASE);
        let a = ny.occurrences.iter().find(|o| o.rule == "wrap-up").unwrap();
        let b = be.occurrences.iter().find(|o| o.rule == "wrap-up").unwrap();
        assert_eq!(a.at.naive_local(), b.at.naive_local());
        assert_eq!(a.utc() - b.utc(), ChronoDuration::hours(6));
        assert_eq!(
            a.id, b.id,
            "ids follow the wall clock, so a zone change keeps them"
        );
    }

    #[test]
    fn ids_are_stable_and_follow_the_config() {
        let a = plan(BASE);
        let b = plan(BASE);
        assert_eq!(a.occurrences, b.occurrences);
        assert_eq!(a.occurrences[1].id, "hydrate@2026-11-23T17:30");
        // disabling one rule does not change the others' ids
        let c = plan(&format!("{BASE}[reminders.hydrate]\nenabled = false\n"));
        let ids_c: HashSet<_> = c.occurrences.iter().map(|o| o.id.clone()).collect();
        let ids_a: HashSet<_> = a
            .occurrences
            .iter()
            .filter(|o| o.rule != "hydrate")
            .map(|o| o.id.clone())
            .collect();
        assert_eq!(ids_a, ids_c);
    }

    #[test]
    fn past_plan_is_all_past() {
        let p = plan(&BASE.replace("2026-11-23", "2020-01-06"));
        let now = "2026-11-24T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert!(p.is_over(now));
        assert!(p.next_after(now).is_none());
        assert!(p.from_today(now).is_empty());
        assert_eq!(p.occurrences.len(), plan(BASE).occurrences.len());
    }

    #[test]
    fn next_and_today() {
        let p = plan(BASE);
        let now = "2026-11-25T10:00:00Z".parse::<DateTime<Utc>>().unwrap(); // 11:00 Berlin
        let next = p.next_after(now).unwrap();
        assert_eq!(next.at.format("%d %H:%M").to_string(), "25 12:00");
        assert_eq!(
            p.from_today(now)[0].at.format("%d %H:%M").to_string(),
            "25 08:00"
        );
    }

    #[test]
    fn a_huge_plan_is_refused_not_built() {
        let c = parse(
            "[treatment]\ndate = 2026-01-01\nplan = \"none\"\n[quiet_hours]\nenabled = false\n\
             [reminders.a]\ndays = \"0-400\"\nevery = \"5m\"\nbetween = [\"00:00\", \"23:59\"]\ntitle = \"A\"\n",
            "t",
            Defaults { timezone: Zone::utc() },
        )
        .unwrap();
        assert!(matches!(Plan::build(&c), Err(PlanError::TooLarge)));
    }

    fn sunscreen_on(p: &Plan, date: &str) -> Vec<String> {
        p.occurrences
            .iter()
            .filter(|o| o.rule == "sunscreen" && o.at.format("%Y-%m-%d").to_string() == date)
            .map(|o| o.at.format("%H:%M").to_string())
            .collect()
    }

    #[test]
    fn daylight_limits_sunscreen_to_the_hours_of_sun() {
        // Berlin in late November: sunrise ~07:50, sunset ~16:00.
        let p = plan(&format!(
            "{BASE}[location]\nlatitude = 52.52\nlongitude = 13.40\n"
        ));
        assert_eq!(
            sunscreen_on(&p, "2026-11-24"),
            ["09:00", "11:00", "13:00", "15:00"]
        );
        let d = p.daylight(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        let Some(Daylight::Between(up, down)) = d else {
            panic!("{d:?}")
        };
        assert!(
            up > NaiveTime::from_hms_opt(7, 30, 0).unwrap()
                && up < NaiveTime::from_hms_opt(8, 15, 0).unwrap(),
            "{up}"
        );
        assert!(
            down > NaiveTime::from_hms_opt(15, 45, 0).unwrap()
                && down < NaiveTime::from_hms_opt(16, 30, 0).unwrap(),
            "{down}"
        );
        // without a location the fixed window applies, and no daylight is shown
        let fixed = plan(BASE);
        assert_eq!(
            sunscreen_on(&fixed, "2026-11-24"),
            ["09:00", "11:00", "13:00", "15:00", "17:00"]
        );
        assert_eq!(
            fixed.daylight(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
            None
        );
    }

    #[test]
    fn polar_night_and_polar_day() {
        let tromso = |date: &str| {
            plan(&format!(
                "[treatment]\ndate = {date}\ntime = \"08:00\"\ntimezone = \"Europe/Oslo\"\n[location]\nlatitude = 69.65\nlongitude = 18.96\n"
            ))
        };
        let winter = tromso("2026-12-10");
        assert!(
            winter.occurrences.iter().all(|o| o.rule != "sunscreen"),
            "no sun, no sunscreen reminders"
        );
        assert_eq!(
            winter.daylight(NaiveDate::from_ymd_opt(2026, 12, 11).unwrap()),
            Some(Daylight::PolarNight)
        );
        let summer = tromso("2026-06-20");
        assert_eq!(
            sunscreen_on(&summer, "2026-06-21"),
            ["09:00", "11:00", "13:00", "15:00", "17:00"]
        );
        assert_eq!(
            summer.daylight(NaiveDate::from_ymd_opt(2026, 6, 21).unwrap()),
            Some(Daylight::PolarDay)
        );
    }

    #[test]
    fn summary_counts_restrictions_down() {
        let c = parse(
            BASE,
            "t.toml",
            Defaults {
                timezone: Zone::get("Europe/Berlin").unwrap(),
            },
        )
        .unwrap();
        let day2 = summary_text(&c, 2);
        assert!(day2.starts_with("Normal now: redness fading"), "{day2}");
        assert!(day2.contains("Still off-limits: sweaty workouts (1 more day), pool, sauna and steam (3 more days), retinoids, acids and vitamin C (5 more days)."), "{day2}");
        assert!(!day2.contains("makeup"), "allowed since day 1: {day2}");
        let day3 = summary_text(&c, 3);
        assert!(
            day3.contains("From today, usually fine again: sweaty workouts."),
            "{day3}"
        );
        let day9 = summary_text(&c, 9);
        assert!(
            !day9.contains("off-limits") && day9.contains("mostly calm"),
            "{day9}"
        );
        let p = Plan::build(&c).unwrap();
        let summaries: Vec<_> = p
            .occurrences
            .iter()
            .filter(|o| o.rule == "summary")
            .collect();
        assert_eq!(summaries.len(), 14);
        assert_eq!(summaries[2].title, "Day 3: today's aftercare");
        assert_eq!(summaries[2].body, day3);
        assert_eq!(summaries[2].at.format("%H:%M").to_string(), "08:00");
    }

    #[test]
    fn a_series_merges_without_duplicates() {
        let one = plan(BASE);
        let two = plan(&BASE.replace("date = 2026-11-23", "date = [2026-11-23, 2026-11-24]"));
        assert_eq!(two.starts.len(), 2);
        // overlapping sunscreen days: Nov 24-30 and Nov 25-Dec 1 make 8 days, not 14
        assert_eq!(
            two.occurrences
                .iter()
                .filter(|o| o.rule == "sunscreen")
                .count(),
            8 * 5
        );
        let mut keys: Vec<_> = two
            .occurrences
            .iter()
            .map(|o| (o.rule.clone(), o.at))
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "one reminder per rule and moment");
        // session 1 keeps its ids; session 2 is labelled
        let ids_one: HashSet<_> = one.occurrences.iter().map(|o| o.id.clone()).collect();
        assert!(
            two.occurrences
                .iter()
                .filter(|o| o.session == 1)
                .all(|o| ids_one.contains(&o.id))
        );
        let second_today = two
            .occurrences
            .iter()
            .find(|o| o.session == 2 && o.rule == "today")
            .unwrap();
        assert_eq!(
            second_today.at.format("%Y-%m-%d %H:%M").to_string(),
            "2026-11-24 14:30"
        );
        assert_eq!(
            two.current_day("2026-11-26T12:00:00Z".parse().unwrap()),
            Some((2, 2))
        );
    }
}
