//! One rule's occurrences: nominal local times → instants, then day-0
//! truncation, quiet hours, daylight and collision removal; stable ids.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration as ChronoDuration, NaiveDate, NaiveDateTime, NaiveTime};

use super::summary::{self, Milestone, summary_title};
use super::{
    Anchor, Daylight, MAX_OCCURRENCES, Occurrence, OccurrenceId, PlanError, Slot, after_quiet,
    daylight, emergency_number, quiet_start, resolve_local, session_starts,
};
use crate::config::{Config, QuietPolicy, Rule, Trigger};
use crate::i18n::messages;
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
    rule_occurrences_in(
        rule,
        config,
        start,
        session,
        dates,
        &mut MilestoneCache::default(),
    )
}

/// When each milestone comes, by name and session start: found once for
/// all the rules that begin or end with it (a search through the rules
/// for each made many bounded rules cost their square).
#[derive(Debug, Default)]
pub(super) struct MilestoneCache {
    at: HashMap<(String, DateTime<Zone>), Option<DateTime<Zone>>>,
}

impl MilestoneCache {
    fn get(
        &mut self,
        config: &Config,
        name: &str,
        start: DateTime<Zone>,
    ) -> Result<Option<DateTime<Zone>>, PlanError> {
        if let Some(at) = self.at.get(&(name.to_string(), start)) {
            return Ok(*at);
        }
        let at = milestone_at(config, name, start)?;
        self.at.insert((name.to_string(), start), at);
        Ok(at)
    }
}

/// [`rule_occurrences`], with milestones found through `cache`.
pub(super) fn rule_occurrences_in(
    rule: &Rule,
    config: &Config,
    start: DateTime<Zone>,
    session: u32,
    dates: Option<(NaiveDate, NaiveDate)>,
    cache: &mut MilestoneCache,
) -> Result<Vec<Occurrence>, PlanError> {
    let mut out = unbounded_occurrences(rule, config, start, session, dates)?;
    if rule.from.is_none() && rule.until.is_none() {
        return Ok(out);
    }
    // Reminders less than `group` apart become one notification: a rule
    // that ends with a milestone stops that far before it, so that it never
    // shares the milestone's notification.
    let group = ChronoDuration::from_std(config.group).unwrap_or(ChronoDuration::zero());
    if let Some(name) = &rule.from {
        match cache.get(config, name, start)? {
            // a milestone that never comes (turned off): nothing begins
            None => out.clear(),
            Some(m) => out.retain(|o| o.at >= m),
        }
    }
    if let Some(name) = &rule.until {
        if let Some(m) = cache.get(config, name, start)? {
            out.retain(|o| o.at < m && m - o.at >= group);
        }
    }
    Ok(out)
}

/// Today's summary for a plan day (see [`summary::text`]).
pub fn summary_text(config: &Config, day: u32) -> String {
    summary::text(config, &milestones(config), day)
}

/// The milestones the summary speaks of: each rule with `allows`, on the
/// plan day it is announced (the day of its first occurrence, so the
/// summary and the milestone's own notification agree: elapsed time, quiet
/// hours and all), in the rules' order; rules that never fire are left out.
fn milestones(config: &Config) -> Vec<Milestone> {
    // the treatment instant, seen in the zone the day follows
    let Some(start) = session_starts(config).ok().and_then(|s| s.first().copied()) else {
        return Vec::new();
    };
    config
        .rules
        .iter()
        // a summary's text is this summary: no recursion
        .filter(|r| !r.summary)
        .filter_map(|r| {
            let allows = r.allows.clone()?;
            let first = rule_occurrences(r, config, start, 1, None).ok()?;
            let day = first.first()?.day;
            Some(Milestone { allows, day })
        })
        .collect()
}

/// When the milestone `name` of the config is announced for the session
/// that starts at `start` (its first occurrence, after quiet hours);
/// `None` when the config has no such rule or it never fires.
fn milestone_at(
    config: &Config,
    name: &str,
    start: DateTime<Zone>,
) -> Result<Option<DateTime<Zone>>, PlanError> {
    let Some(m) = config.rules.iter().find(|r| r.name == name) else {
        return Ok(None);
    };
    // its own bounds are not followed (validation forbids them; a chain
    // would recurse)
    Ok(unbounded_occurrences(m, config, start, 1, None)?
        .first()
        .map(|o| o.at))
}

/// [`rule_occurrences`] without the rule's `from` and `until`.
fn unbounded_occurrences(
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
                let Some(old) = old else { continue };
                // the old plan kept the first of a rule per id and moment
                if !seen_old.insert(old.clone()) || !seen_at.insert((o.rule.clone(), o.at)) {
                    continue;
                }
                map.insert(old.into(), o.id.into());
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
) -> Result<Vec<(Occurrence, Option<OccurrenceId>)>, PlanError> {
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
    // the rule's plan days and their dates, where wanted
    let days = || {
        rule.days.iter().flat_map(|d| d.iter()).filter_map(|day| {
            let date = start_date.checked_add_days(chrono::Days::new(u64::from(day)))?;
            wanted(date).then_some((day, date))
        })
    };
    match &rule.trigger {
        Trigger::At(times) => {
            for (day, date) in days() {
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
            for (day, date) in days() {
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

    let with_line = |text: &str| match rule.emergency {
        true => with_emergency_line(config, text),
        false => text.to_string(),
    };
    let body = with_line(&rule.body);
    // Deferred past the evening it was written for: the rule's text for
    // then, when it has one.
    let deferred_body = with_line(rule.deferred_body.as_deref().unwrap_or(&rule.body));
    let mut out = Vec::with_capacity(nominal.len());
    let mut seen_instants = HashSet::new();
    let mut seen_ids: HashSet<OccurrenceId> = HashSet::new();
    let mut seen_old: HashSet<OccurrenceId> = HashSet::new();
    let anchor = match rule.trigger {
        Trigger::After(_) => Anchor::Treatment,
        Trigger::At(_) | Trigger::Every { .. } => Anchor::Clock,
    };
    let milestone = rule
        .not_before
        .is_some()
        .then(|| not_before.with_timezone(&chrono::Utc));
    // a summary's milestones, found once for all its days
    let mut announced: Option<Vec<Milestone>> = None;
    nominal.sort_by_key(|(_, _, t, _)| *t);
    for (naive, day, t, slot) in nominal {
        if t < start {
            continue; // day 0 starts at the treatment time
        }
        if t < not_before {
            continue; // a milestone waits for its elapsed time
        }
        // (when, shown until, deferred past its day: with `deferred_body`)
        let (at, show_until, late_text) = match &config.quiet_hours {
            Some(q) if rule.quiet == QuietPolicy::Drop && q.contains(naive.time()) => continue,
            Some(q) => match (rule.quiet, quiet_start(q, t)) {
                (QuietPolicy::Before, Some(begins)) => {
                    let earlier = begins
                        .checked_sub_signed(ChronoDuration::minutes(1))
                        .filter(|b| {
                            b.date_naive() == naive.date() && *b >= start && *b >= not_before
                        });
                    match earlier {
                        Some(b) => (b, Some(begins.with_timezone(&chrono::Utc)), false),
                        None => match after_quiet(q, t) {
                            Some(m) => (m, None, m.date_naive() != naive.date()),
                            None => continue,
                        },
                    }
                }
                _ => match after_quiet(q, t) {
                    Some(m) => (m, None, false),
                    None => continue,
                },
            },
            None => (t, None, false),
        };
        if !seen_instants.insert(at) {
            continue; // collided with another of this rule (quiet hours or DST)
        }
        let slot = if rule.once { Slot::Once } else { slot };
        let id = unique(&mut seen_ids, |n| {
            OccurrenceId::new(&rule.name, session, slot, n)
        });
        let old = legacy.then(|| {
            unique(&mut seen_old, |n| {
                OccurrenceId::legacy(&rule.name, naive, n)
            })
        });
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
                summary::text(
                    config,
                    announced.get_or_insert_with(|| milestones(config)),
                    day,
                ),
            )
        } else if late_text {
            (rule.title.clone(), deferred_body.clone())
        } else {
            (rule.title.clone(), body.clone())
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
                show_until,
                deferred: at > t,
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
    let (session, slot) = OccurrenceId::parse(id)?.slot()?;
    let start = session_starts(config)
        .ok()?
        .get(usize::try_from(session).ok()?.checked_sub(1)?)?
        .with_timezone(&chrono::Utc);
    match slot {
        Slot::Clock(day, _) => start.checked_add_signed(ChronoDuration::days(i64::from(day))),
        Slot::After(secs) => {
            start.checked_add_signed(ChronoDuration::seconds(i64::try_from(secs).ok()?))
        }
        Slot::Once => Some(start),
    }
}

/// The first of `make(1)`, `make(2)`, … not yet taken.
fn unique(seen: &mut HashSet<OccurrenceId>, make: impl Fn(u32) -> OccurrenceId) -> OccurrenceId {
    let mut n = 1;
    let mut id = make(n);
    while !seen.insert(id.clone()) {
        n += 1;
        id = make(n);
    }
    id
}

/// A check-in's body and the emergency line after it, in the config's
/// language, naming the emergency number of the country of the zone the
/// day follows (where the person is now) where it is certain.
fn with_emergency_line(config: &Config, body: &str) -> String {
    let m = messages(config.language.lang);
    let call = match emergency_number(config.day_zone.name()) {
        Some(n) => m.fmt("emergency-call-number", &[("number", n.into())]),
        None => m.text("emergency-call"),
    };
    let line = m.fmt("emergency-line", &[("call", call.into())]);
    match body.trim().is_empty() {
        true => line,
        false => format!("{} {line}", body.trim_end()),
    }
}

fn day_number(start: NaiveDate, date: NaiveDate) -> u32 {
    u32::try_from((date - start).num_days()).unwrap_or(0)
}
