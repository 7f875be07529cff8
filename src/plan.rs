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

use chrono::{
    DateTime, Datelike, Duration as ChronoDuration, LocalResult, NaiveDate, NaiveDateTime,
    NaiveTime, Offset, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

use crate::config::{Config, QuietHours, Rule, Trigger};

/// Most occurrences a plan may have; a config that makes more is rejected.
pub const MAX_OCCURRENCES: usize = 100_000;

/// One reminder at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Stable id: same config, same ids.
    pub id: String,
    /// Name of the rule it comes from.
    pub rule: String,
    /// Plan day it belongs to (0 = treatment day).
    pub day: u32,
    /// When, in the plan's time zone.
    pub at: DateTime<Tz>,
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
    pub timezone: Tz,
    /// The treatment time: the start of day 0.
    pub start: DateTime<Tz>,
    pub occurrences: Vec<Occurrence>,
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
pub fn resolve_local(tz: Tz, naive: NaiveDateTime) -> Option<DateTime<Tz>> {
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
pub fn after_quiet(q: &QuietHours, t: DateTime<Tz>) -> Option<DateTime<Tz>> {
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

impl Plan {
    /// Build the plan of a config.
    pub fn build(config: &Config) -> Result<Plan, PlanError> {
        let tz = config.treatment.timezone;
        let start_naive = config.treatment.date.and_time(config.treatment.time);
        let start = resolve_local(tz, start_naive).ok_or(PlanError::OutOfRange)?;
        let mut out: Vec<Occurrence> = Vec::new();
        for rule in &config.rules {
            let mut mine = rule_occurrences(rule, config, start)?;
            if out.len() + mine.len() > MAX_OCCURRENCES {
                return Err(PlanError::TooLarge);
            }
            out.append(&mut mine);
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
            occurrences: out,
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

    /// The local date of a plan day.
    pub fn day_date(&self, day: u32) -> NaiveDate {
        self.start.date_naive() + ChronoDuration::days(i64::from(day))
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
    start: DateTime<Tz>,
) -> Result<Vec<Occurrence>, PlanError> {
    let tz = start.timezone();
    let start_date = start.date_naive();
    // (nominal local time, day, instant)
    let mut nominal: Vec<(NaiveDateTime, u32, DateTime<Tz>)> = Vec::new();
    let mut push_local = |naive: NaiveDateTime, day: u32| {
        if let Some(t) = resolve_local(tz, naive) {
            nominal.push((naive, day, t));
        }
    };
    match &rule.trigger {
        Trigger::At(times) => {
            for day in rule.days.iter().flat_map(|d| d.iter()) {
                let Some(date) = start_date.checked_add_days(chrono::Days::new(u64::from(day)))
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
                let Some(date) = start_date.checked_add_days(chrono::Days::new(u64::from(day)))
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
        out.push(Occurrence {
            id,
            rule: rule.name.clone(),
            day,
            at,
            title: rule.title.clone(),
            body: rule.body.clone(),
        });
    }
    Ok(out)
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
                timezone: chrono_tz::Europe::Berlin,
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
                .filter(|o| o.at.format("%d %H:%M").to_string() == "25 08:00")
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
            "25 08:30"
        );
    }

    #[test]
    fn a_huge_plan_is_refused_not_built() {
        let c = parse(
            "[treatment]\ndate = 2026-01-01\nplan = \"none\"\n[quiet_hours]\nenabled = false\n\
             [reminders.a]\ndays = \"0-400\"\nevery = \"5m\"\nbetween = [\"00:00\", \"23:59\"]\ntitle = \"A\"\n",
            "t",
            Defaults { timezone: chrono_tz::UTC },
        )
        .unwrap();
        assert!(matches!(Plan::build(&c), Err(PlanError::TooLarge)));
    }
}
