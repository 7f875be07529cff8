//! One rule's occurrences: nominal local times → instants, then day-0
//! truncation, quiet hours, daylight and collision removal; stable ids.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration as ChronoDuration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::{
    Anchor, Daylight, MAX_OCCURRENCES, Occurrence, PlanError, after_quiet, daylight, resolve_local,
    session_starts, summary_text, summary_title,
};
use crate::config::{Config, QuietPolicy, Rule, Trigger};
use crate::zone::Zone;

/// The occurrences of one rule: nominal local times → instants, then day-0
/// truncation, quiet hours and collision removal.
pub(super) fn rule_occurrences(
    rule: &Rule,
    config: &Config,
    start: DateTime<Zone>,
    session: u32,
    dates: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<Occurrence>, PlanError> {
    Ok(expand(rule, config, start, session, dates, false)?
        .into_iter()
        .map(|(o, _)| o)
        .collect())
}

/// What sets an occurrence apart within its rule and session, in any zone.
#[derive(Clone, Copy)]
enum Slot {
    /// A day and a nominal clock time.
    Clock(u32, NaiveTime),
    /// An offset from the treatment, in seconds.
    After(u64),
}

/// The id: rule, session and slot; a milestone (once per session) needs
/// no slot.
fn slot_id(rule: &Rule, session: u32, slot: Slot) -> String {
    if rule.once {
        return format!("{}@s{session}", rule.name);
    }
    match slot {
        Slot::Clock(day, t) => {
            let fmt = if t.second() == 0 { "%H:%M" } else { "%H:%M:%S" };
            format!("{}@s{session}d{day}T{}", rule.name, t.format(fmt))
        }
        Slot::After(secs) => {
            let off = if secs % 3600 == 0 {
                format!("{}h", secs / 3600)
            } else if secs % 60 == 0 {
                format!("{}m", secs / 60)
            } else {
                format!("{secs}s")
            };
            format!("{}@s{session}+{off}", rule.name)
        }
    }
}

/// The ids of the journal format before version 2, `RULE@YYYY-MM-DDTHH:MM`
/// (the nominal local time in the config's zone), mapped to today's: what
/// the daemon migrates an old journal with. Built as the old code built
/// them: the plan's days in the treatment's zone.
pub fn legacy_ids(config: &Config) -> Result<HashMap<String, String>, PlanError> {
    let mut old_days = config.clone();
    old_days.day_zone = config.treatment.timezone;
    let config = &old_days;
    let mut map = HashMap::new();
    let mut seen_old = HashSet::new();
    let mut seen_at = HashSet::new();
    for (i, start) in session_starts(config)?.into_iter().enumerate() {
        let session = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for rule in &config.rules {
            for (o, old) in expand(rule, config, start, session, None, true)? {
                // the old plan kept the first of a rule per id and moment
                if !seen_old.insert(old.clone()) || !seen_at.insert((o.rule.clone(), o.at)) {
                    continue;
                }
                map.insert(old, o.id);
            }
        }
    }
    Ok(map)
}

/// [`rule_occurrences`], each with its old-format id when `legacy`.
fn expand(
    rule: &Rule,
    config: &Config,
    start: DateTime<Zone>,
    session: u32,
    dates: Option<(NaiveDate, NaiveDate)>,
    legacy: bool,
) -> Result<Vec<(Occurrence, String)>, PlanError> {
    // A milestone (`once`) is the first of all its slots: never cut to a
    // window, or a later slot would pass for the first.
    let wanted = |d: NaiveDate| rule.once || dates.is_none_or(|(lo, hi)| d >= lo && d <= hi);
    let not_before = match rule.not_before {
        Some(d) => {
            let secs = i64::try_from(d.as_secs()).map_err(|_| PlanError::OutOfRange)?;
            start
                .checked_add_signed(ChronoDuration::seconds(secs))
                .ok_or(PlanError::OutOfRange)?
        }
        None => start,
    };
    let tz = start.timezone();
    let start_date = start.date_naive();
    // (nominal local time, day, instant, slot)
    let mut nominal: Vec<(NaiveDateTime, u32, DateTime<Zone>, Slot)> = Vec::new();
    let mut push_local = |naive: NaiveDateTime, day: u32| {
        if let Some(t) = resolve_local(tz, naive) {
            nominal.push((naive, day, t, Slot::Clock(day, naive.time())));
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
                nominal.push((t.naive_local(), day, t, Slot::After(off.as_secs())));
            }
        }
    }
    if nominal.len() > MAX_OCCURRENCES {
        return Err(PlanError::TooLarge);
    }

    let mut out = Vec::with_capacity(nominal.len());
    let mut seen_instants = HashSet::new();
    let mut seen_ids: HashSet<String> = HashSet::new();
    let mut seen_old: HashSet<String> = HashSet::new();
    let anchor = match rule.trigger {
        Trigger::After(_) => Anchor::Treatment,
        Trigger::At(_) | Trigger::Every { .. } => Anchor::Clock,
    };
    let milestone = rule
        .not_before
        .is_some()
        .then(|| not_before.with_timezone(&chrono::Utc));
    nominal.sort_by_key(|(_, _, t, _)| *t);
    for (naive, day, t, slot) in nominal {
        if t < start {
            continue; // day 0 starts at the treatment time
        }
        if t < not_before {
            continue; // a milestone waits for its elapsed time
        }
        let at = match &config.quiet_hours {
            Some(q) if rule.quiet == QuietPolicy::Drop && q.contains(naive.time()) => continue,
            Some(q) => match after_quiet(q, t) {
                Some(m) => m,
                None => continue,
            },
            None => t,
        };
        if !seen_instants.insert(at) {
            continue; // collided with another of this rule (quiet hours or DST)
        }
        let id = unique(slot_id(rule, session, slot), &mut seen_ids);
        let old = if legacy {
            let fmt = if naive.second() == 0 {
                "%Y-%m-%dT%H:%M"
            } else {
                "%Y-%m-%dT%H:%M:%S"
            };
            unique(
                format!("{}@{}", rule.name, naive.format(fmt)),
                &mut seen_old,
            )
        } else {
            String::new()
        };
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
                summary_title(config, day, &rule.title),
                summary_text(config, day),
            )
        } else {
            (rule.title.clone(), rule.body.clone())
        };
        out.push((
            Occurrence {
                id,
                rule: rule.name.clone(),
                day,
                session,
                at,
                title,
                body,
                repeat: rule.repeat,
                anchor,
                not_before: milestone,
            },
            old,
        ));
        if rule.once {
            break;
        }
    }
    Ok(out)
}

/// About when an occurrence falls, from its id alone: its session's
/// treatment instant plus its day or offset (a milestone: the session's
/// start). Within a day and a half of its nominal time, quiet hours and
/// any zone aside; `None` for an id of another form.
pub fn id_anchor(config: &Config, id: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let (_, slot) = id.rsplit_once('@')?;
    let slot = slot.split('#').next()?.strip_prefix('s')?;
    let digits = slot
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(slot.len());
    let session: usize = slot.get(..digits)?.parse().ok()?;
    let start = session_starts(config)
        .ok()?
        .get(session.checked_sub(1)?)?
        .with_timezone(&chrono::Utc);
    let rest = slot.get(digits..)?;
    if let Some(day) = rest.strip_prefix('d') {
        let day: i64 = day.split('T').next()?.parse().ok()?;
        start.checked_add_signed(ChronoDuration::days(day))
    } else if let Some(off) = rest.strip_prefix('+') {
        let (n, unit) = off.split_at(off.len().checked_sub(1)?);
        let n: i64 = n.parse().ok()?;
        let secs = match unit {
            "h" => n.checked_mul(3600)?,
            "m" => n.checked_mul(60)?,
            "s" => n,
            _ => return None,
        };
        start.checked_add_signed(ChronoDuration::seconds(secs))
    } else if rest.is_empty() {
        Some(start)
    } else {
        None
    }
}

/// `base`, or `base#2`, `base#3`… when taken.
fn unique(base: String, seen: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !seen.insert(id.clone()) {
        id = format!("{base}#{n}");
        n += 1;
    }
    id
}

fn day_number(start: NaiveDate, date: NaiveDate) -> u32 {
    u32::try_from((date - start).num_days()).unwrap_or(0)
}
