//! Raw serde types → validated domain types, every error positioned.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, NaiveTime};
use toml::Spanned;

use crate::i18n::{Lang, TextProblem, control_char, is_well_formed};

use super::defaults::Defaults;
use super::diagnostic::{ConfigError, suggest, zone_hint};
use super::limits::{
    BUILTIN_PLANS, MAX_DAY, MAX_DESCRIPTION, MAX_GROUP, MIN_EVERY, clock, default_quiet_end,
    default_quiet_start,
};
use super::model::{DaySet, Expire, QuietHours, QuietPolicy, Repeat, Rule, Treatment, Trigger};
use super::raw::{RawQuiet, RawRule, RawTreatment};
use super::values::{
    DateError, format_duration, parse_clock, parse_date, parse_days, parse_duration,
};

/// The fix for a control character in a text.
const CONTROL_HINT: &str = "remove it; only line breaks (\\n) and tabs are allowed in texts";

/// Treatment years the scheduler can hold (its cron parser stops at 5000).
const MIN_YEAR: i32 = 1970;
const MAX_YEAR: i32 = 4000;
/// Most treatment dates in a series (a course of sessions is a handful to a
/// few dozen); the plan's occurrence cap bounds the rest.
pub(crate) const MAX_SESSIONS: usize = 100;

/// Whether a `plan` value names a file rather than a built-in plan: it
/// holds a `/` or ends in `.toml`.
pub(crate) fn is_plan_path(value: &str) -> bool {
    value.contains('/') || value.trim_end().ends_with(".toml")
}

/// Most repeats a rule may ask for.
const MAX_REPEATS: i64 = 20;
/// Repeats when `repeat` is given without `repeat_max`.
const DEFAULT_REPEATS: u32 = 3;

/// A `from` or `until` as written: checked after every rule is merged.
pub(super) struct Bound {
    /// The rule that has the key.
    rule: String,
    /// `from` or `until`.
    key: &'static str,
    milestone: Spanned<String>,
}

pub(super) struct Validator<'a> {
    pub(super) origin: &'a str,
    pub(super) text: &'a str,
}

impl Validator<'_> {
    pub(super) fn err(&self, span: Range<usize>, msg: impl Into<String>) -> ConfigError {
        ConfigError::at(self.origin, self.text, span, msg)
    }

    fn clock(&self, s: &Spanned<String>) -> Result<NaiveTime, ConfigError> {
        parse_clock(s.get_ref()).map_err(|m| {
            self.err(s.span(), m)
                .hint("times are local, 24-hour, quoted: \"08:30\", \"21:00\"")
        })
    }

    fn duration(&self, s: &Spanned<String>) -> Result<Duration, ConfigError> {
        parse_duration(s.get_ref()).map_err(|m| {
            self.err(s.span(), m)
                .hint("durations are quoted, with a unit: \"90s\", \"15m\", \"2h\", \"1d\"")
        })
    }

    pub(super) fn positive_duration(
        &self,
        s: &Spanned<String>,
        what: &str,
    ) -> Result<Duration, ConfigError> {
        let d = self.duration(s)?;
        if d.is_zero() {
            return Err(self
                .err(s.span(), format!("`{what}` must be longer than zero"))
                .hint("use a positive duration such as \"15m\""));
        }
        Ok(d)
    }

    pub(super) fn treatment(
        &self,
        t: RawTreatment,
        defaults: Defaults,
    ) -> Result<Treatment, ConfigError> {
        let date_span = t.date.span();
        let one = |v: &toml::Value| match v {
            toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), time) => {
                    let text = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
                    match (parse_date(&text), time) {
                        (Ok(date), Some(t)) => Err(DateError::WithTime {
                            input: dt.to_string(),
                            date,
                            time: format!("{:02}:{:02}", t.hour, t.minute),
                        }),
                        (date, _) => date,
                    }
                }
                (None, _) => Err(DateError::Format {
                    input: dt.to_string(),
                    suggestion: None,
                }),
            },
            toml::Value::String(s) => parse_date(s),
            v => Err(DateError::Format {
                input: v.to_string(),
                suggestion: None,
            }),
        };
        let bad = |e: DateError| {
            let hint = match &e {
                DateError::WithTime { date, time, .. } => format!(
                    "give the date and the time apart: `date = {date}` and `time = \"{time}\"`"
                ),
                _ => "write the treatment date as YYYY-MM-DD, e.g. `date = 2026-11-23` (a real day of that month); for a series, date = [2026-11-23, 2027-01-04]".into(),
            };
            self.err(
                date_span.clone(),
                format!("`date` is not a valid calendar date: {}", e.reason()),
            )
            .hint(hint)
        };
        let mut sessions = match t.date.get_ref() {
            toml::Value::Array(a) if a.is_empty() => {
                return Err(self
                    .err(date_span.clone(), "`date = []` lists no treatment date")
                    .hint("give the treatment date, e.g. `date = 2026-11-23`, or a series, e.g. `date = [2026-11-23, 2027-01-04]`"));
            }
            toml::Value::Array(a) if a.len() > MAX_SESSIONS => {
                return Err(self
                    .err(
                        date_span.clone(),
                        format!(
                            "`date` lists {} treatment dates; aftercare follows at most {MAX_SESSIONS} in one series",
                            a.len()
                        ),
                    )
                    .hint("keep the dates of this course of treatments (or start a new config for the next course)"));
            }
            toml::Value::Array(a) => a
                .iter()
                .map(|v| {
                    one(v).map_err(|e| {
                        // point at the date that is wrong, not at the list
                        let span = raw_span(self.text, &date_span, v);
                        match span {
                            Some(span) => self
                                .err(
                                    span,
                                    format!("`date` is not a valid calendar date: {}", e.reason()),
                                )
                                .hint("write each treatment date as YYYY-MM-DD, e.g. `date = [2026-11-23, 2027-01-04]`"),
                            None => bad(e),
                        }
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
            v => vec![one(v).map_err(bad)?],
        };
        sessions.sort_unstable();
        sessions.dedup();
        // The scheduler's cron parser holds years up to 5000; a plan runs
        // a year at most past its last session.
        if sessions
            .iter()
            .any(|d| !(MIN_YEAR..=MAX_YEAR).contains(&d.year()))
        {
            return Err(self
                .err(
                    date_span.clone(),
                    format!(
                        "the treatment date must lie between the years {MIN_YEAR} and {MAX_YEAR}"
                    ),
                )
                .hint(
                    "write the real date of your treatment as YYYY-MM-DD, e.g. `date = 2026-11-23`",
                ));
        }
        let date = sessions[0];
        let time = match &t.time {
            Some(s) => self.clock(s)?,
            None => clock(12, 0),
        };
        let timezone = match &t.timezone {
            Some(s) => defaults.zones.zone(s.get_ref().trim()).map_err(|e| {
                self.err(s.span(), format!("unknown time zone `{}`", s.get_ref()))
                    .hint(zone_hint(s.get_ref(), &e, defaults.zones))
            })?,
            None => defaults.timezone,
        };
        let timezone_named = t.timezone.is_some();
        let (plan, plan_file) = match &t.plan {
            None => (Some("microneedling".to_string()), None),
            Some(p) if p.get_ref() == "none" => (None, None),
            Some(p) if is_plan_path(p.get_ref()) => {
                let path = self.plan_path(p)?;
                (Some(p.get_ref().clone()), Some(path))
            }
            Some(p) => {
                let names: Vec<&str> = BUILTIN_PLANS.iter().map(|(n, _)| *n).collect();
                if !names.contains(&p.get_ref().as_str()) {
                    let did_you_mean = suggest(p.get_ref(), names.iter().copied())
                        .map(|s| format!("did you mean \"{s}\"? "))
                        .unwrap_or_default();
                    return Err(self
                        .err(p.span(), format!("unknown plan `{}`", p.get_ref()))
                        .hint(format!(
                            "{did_you_mean}built-in plans: {} (see `aftercare plans`); a clinic's own plan file by its path, e.g. plan = \"clinic-plan.toml\"; or \"none\" to use only your own [reminders]",
                            names.join(", ")
                        )));
                }
                (Some(p.get_ref().clone()), None)
            }
        };
        Ok(Treatment {
            date,
            sessions,
            time,
            timezone,
            timezone_named,
            plan,
            plan_file,
        })
    }

    /// A plan file's path: as written when absolute, else relative to the
    /// folder of the config (this validator's origin). Pure: nothing is
    /// read here.
    fn plan_path(&self, p: &Spanned<String>) -> Result<PathBuf, ConfigError> {
        let written = p.get_ref().trim();
        if written.is_empty() || written.ends_with('/') {
            return Err(self
                .err(p.span(), format!("`plan = \"{written}\"` names no file"))
                .hint("give the plan file's path, e.g. plan = \"clinic-plan.toml\" (next to this config) or an absolute path"));
        }
        let path = Path::new(written);
        if path.is_absolute() {
            return Ok(path.to_path_buf());
        }
        let folder = Path::new(self.origin)
            .parent()
            .unwrap_or_else(|| Path::new(""));
        Ok(folder.join(path))
    }

    pub(super) fn quiet(&self, q: Spanned<RawQuiet>) -> Result<Option<QuietHours>, ConfigError> {
        let span = q.span();
        let q = q.into_inner();
        if q.enabled == Some(false) {
            return Ok(None);
        }
        let start = match &q.start {
            Some(s) => self.clock(s)?,
            None => default_quiet_start(),
        };
        let end = match &q.end {
            Some(s) => self.clock(s)?,
            None => default_quiet_end(),
        };
        if start == end {
            let span = q.end.as_ref().map_or(span, Spanned::span);
            return Err(self
                .err(span, "quiet hours start and end at the same time")
                .hint("give a real window such as start = \"21:30\", end = \"08:00\", or set `enabled = false`"));
        }
        Ok(Some(QuietHours { start, end }))
    }

    fn days(&self, v: &Spanned<toml::Value>) -> Result<DaySet, ConfigError> {
        let parsed = match v.get_ref() {
            toml::Value::String(s) => parse_days(s),
            toml::Value::Integer(i) if (0..=i64::from(MAX_DAY)).contains(i) => {
                parse_days(&i.to_string())
            }
            toml::Value::Integer(i) => Err(format!("day {i} is out of range 0-{MAX_DAY}")),
            _ => Err("`days` must be a string such as \"0-7\", \"3\" or \"1,3,5\"".into()),
        };
        parsed.map_err(|m| {
            self.err(v.span(), m)
                .hint("days count from 0 (the treatment day): \"0-7\", \"3\", \"1,3,5\"")
        })
    }

    /// The milestone names that `from` and `until` give in one file's
    /// rules, as written (checked by [`Validator::check_bounds`] once every
    /// rule is merged: a rule may name one written after it).
    pub(super) fn bounds(reminders: &BTreeMap<Spanned<String>, Spanned<RawRule>>) -> Vec<Bound> {
        let mut out = Vec::new();
        for (name, raw) in reminders {
            let raw = raw.get_ref();
            for (key, value) in [("from", &raw.from), ("until", &raw.until)] {
                if let Some(v) = value {
                    out.push(Bound {
                        rule: name.get_ref().clone(),
                        key,
                        milestone: v.clone(),
                    });
                }
            }
        }
        out
    }

    /// Each `from` / `until` of this file names a milestone of the merged
    /// rules: a rule with `once = true`, not the rule itself, and one that
    /// has no `from` or `until` of its own.
    pub(super) fn check_bounds(&self, rules: &[Rule], bounds: &[Bound]) -> Result<(), ConfigError> {
        // by name, found once (not a search per bound)
        let by_name: std::collections::HashMap<&str, &Rule> =
            rules.iter().rev().map(|r| (r.name.as_str(), r)).collect();
        for b in bounds {
            // a rule turned off has no bounds to check
            let Some(me) = by_name.get(b.rule.as_str()).copied() else {
                continue;
            };
            let name = b.milestone.get_ref().trim();
            let key = b.key;
            let Some(m) = by_name.get(name).copied() else {
                let milestones = rules.iter().filter(|r| r.once).map(|r| r.name.as_str());
                let hint = match suggest(name, milestones.clone()) {
                    Some(s) => format!("did you mean `{key} = \"{s}\"`?"),
                    None => {
                        let all: Vec<&str> = milestones.collect();
                        if all.is_empty() {
                            "`from` and `until` name a milestone (a rule with `once = true`); this config has none".to_string()
                        } else {
                            format!(
                                "the milestones (rules with `once = true`): {}",
                                all.join(", ")
                            )
                        }
                    }
                };
                return Err(self
                    .err(
                        b.milestone.span(),
                        format!("`{key} = \"{name}\"`: there is no rule `{name}`"),
                    )
                    .hint(hint));
            };
            if m.name == me.name {
                return Err(self
                    .err(
                        b.milestone.span(),
                        format!(
                            "rule `{name}` cannot {} itself",
                            if key == "from" {
                                "begin with"
                            } else {
                                "end with"
                            }
                        ),
                    )
                    .hint("name another rule's milestone, or remove the key"));
            }
            if !m.once {
                return Err(self
                    .err(
                        b.milestone.span(),
                        format!("`{key} = \"{name}\"`: `{name}` fires more than once, so it marks no single moment"),
                    )
                    .hint(format!("name a milestone (a rule with `once = true`), or add `once = true` to [reminders.{name}]")));
            }
            if m.from.is_some() || m.until.is_some() {
                return Err(self
                    .err(
                        b.milestone.span(),
                        format!("`{key} = \"{name}\"`: `{name}` itself begins or ends with a milestone"),
                    )
                    .hint("a milestone that others begin or end with must stand on its own: remove its `from` / `until`"));
            }
        }
        Ok(())
    }

    /// Merge one `[reminders.NAME]` into `rules`; `known`: the names of the
    /// rules there were before this file's (its own names are unique, so
    /// only those can be changed or turned off: no search through the
    /// rules added so far, which made many rules cost their square).
    pub(super) fn merge_rule(
        &self,
        rules: &mut Vec<Rule>,
        known: &std::collections::HashSet<String>,
        name: Spanned<String>,
        raw: Spanned<RawRule>,
    ) -> Result<(), ConfigError> {
        let rule_span = raw.span();
        let raw = raw.into_inner();
        let n = name.get_ref();
        if n.is_empty()
            || n.len() > 40
            || !n
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(self
                .err(name.span(), format!("rule name `{n}` is not allowed"))
                .hint(
                    "rule names use lowercase letters, digits and `-`, e.g. [reminders.antiviral]",
                ));
        }
        let existing = match known.contains(n.as_str()) {
            true => rules.iter().position(|r| &r.name == n),
            false => None,
        };
        if raw.enabled == Some(false) {
            if let Some(i) = existing {
                rules.remove(i);
            } else if !rules.is_empty() || raw.title.is_none() {
                // Disabling a rule that does not exist is most likely a typo.
                let names = rules.iter().map(|r| r.name.as_str());
                let hint = match suggest(n, names) {
                    Some(s) => format!("did you mean [reminders.{s}]?"),
                    None => "`enabled = false` turns off a built-in rule by its name; see `aftercare plan --all` for the names".into(),
                };
                return Err(self
                    .err(name.span(), format!("there is no rule `{n}` to turn off"))
                    .hint(hint));
            }
            return Ok(());
        }

        let trigger = self.trigger(&raw, rule_span.clone())?;
        let days = raw.days.as_ref().map(|d| self.days(d)).transpose()?;
        let text =
            |s: &Option<Spanned<String>>, what: &str| -> Result<Option<String>, ConfigError> {
                match s {
                    None => Ok(None),
                    Some(s) if s.get_ref().trim().is_empty() && what == "title" => Err(self
                        .err(s.span(), "`title` is empty")
                        .hint("give the reminder a short title")),
                    Some(s) => match TextProblem::of(s.get_ref()) {
                        Some(problem @ TextProblem::Control { at, c }) => {
                            // point at the character inside the quoted string
                            // (at its escape, when one precedes it unescaped)
                            let span = s.span();
                            let start = (span.start + 1 + at).min(span.end.saturating_sub(1));
                            Err(self
                                .err(start..start + c.len_utf8(), problem.message(what))
                                .hint(CONTROL_HINT))
                        }
                        Some(problem @ TextProblem::TooLong) => Err(self
                            .err(s.span(), problem.message(what))
                            .hint("keep notifications short: a title and a sentence or two")),
                        None => Ok(Some(s.get_ref().trim().to_string())),
                    },
                }
            };
        let not_before = raw
            .not_before
            .as_ref()
            .map(|d| self.duration(d))
            .transpose()?;
        let quiet = raw
            .quiet
            .as_ref()
            .map(|q| self.quiet_policy(q))
            .transpose()?;
        let repeat = self.repeat(&raw)?;
        let title = text(&raw.title, "title")?;
        let body = text(&raw.body, "body")?;
        let deferred_body = text(&raw.deferred_body, "deferred_body")?;
        let allows = text(&raw.allows, "allows")?;
        if let Some(d) = &raw.daylight {
            let interval = match &trigger {
                Some(t) => matches!(t, Trigger::Every { .. }),
                None => existing.is_some_and(|i| matches!(rules[i].trigger, Trigger::Every { .. })),
            };
            if *d.get_ref() && !interval {
                return Err(self
                    .err(d.span(), "`daylight = true` needs an interval rule (`every` + `between`)")
                    .hint("daylight limits an interval rule to the hours between sunrise and sunset; remove it here"));
            }
        }

        match existing {
            Some(i) => {
                let r = &mut rules[i];
                if let Some(t) = trigger {
                    r.trigger = t;
                }
                if let Some(d) = days {
                    r.days = Some(d);
                }
                if let Some(t) = title {
                    r.title = t;
                }
                if let Some(b) = body {
                    r.body = b;
                }
                if deferred_body.is_some() {
                    r.deferred_body = deferred_body;
                }
                if let Some(d) = &raw.daylight {
                    r.daylight = *d.get_ref();
                }
                if allows.is_some() {
                    r.allows = allows;
                }
                if let Some(sm) = raw.summary {
                    r.summary = sm;
                }
                if not_before.is_some() {
                    r.not_before = not_before;
                }
                if let Some(o) = raw.once {
                    r.once = o;
                }
                if let Some(m) = &raw.from {
                    r.from = Some(m.get_ref().trim().to_string());
                }
                if let Some(m) = &raw.until {
                    r.until = Some(m.get_ref().trim().to_string());
                }
                if let Some(e) = raw.emergency {
                    r.emergency = e;
                }
                if let Some(q) = quiet {
                    r.quiet = q;
                }
                if repeat.is_some() {
                    r.repeat = repeat;
                }
                if r.days.is_none() && !matches!(r.trigger, Trigger::After(_)) {
                    return Err(self
                        .err(
                            rule_span,
                            format!("rule `{n}` needs `days` now that it fires by clock time"),
                        )
                        .hint("add e.g. `days = \"1-7\"`"));
                }
            }
            None => {
                let Some(trigger) = trigger else {
                    return Err(self
                        .err(
                            rule_span,
                            format!("new rule `{n}` does not say when it fires"),
                        )
                        .hint(self.unknown_rule_hint(rules, n)));
                };
                if days.is_none() && !matches!(trigger, Trigger::After(_)) {
                    return Err(self
                        .err(rule_span, format!("new rule `{n}` needs `days`"))
                        .hint("add e.g. `days = \"0-2\"` (day 0 is the treatment day)"));
                }
                let Some(title) = title else {
                    return Err(self
                        .err(rule_span, format!("new rule `{n}` needs a `title`"))
                        .hint(self.unknown_rule_hint(rules, n)));
                };
                rules.push(Rule {
                    name: n.clone(),
                    days,
                    trigger,
                    title,
                    body: body.unwrap_or_default(),
                    deferred_body,
                    daylight: raw.daylight.as_ref().is_some_and(|d| *d.get_ref()),
                    allows,
                    summary: raw.summary.unwrap_or(false),
                    not_before,
                    once: raw.once.unwrap_or(false),
                    from: raw.from.as_ref().map(|m| m.get_ref().trim().to_string()),
                    until: raw.until.as_ref().map(|m| m.get_ref().trim().to_string()),
                    emergency: raw.emergency.unwrap_or(false),
                    quiet: quiet.unwrap_or_default(),
                    repeat,
                });
            }
        }
        Ok(())
    }

    /// A plan file's `description`: one line of plain text.
    /// `language = "de"`: a well-formed tag (one aftercare lacks falls
    /// back to English later, without an error).
    pub(super) fn language(&self, l: &Spanned<toml::Value>) -> Result<String, ConfigError> {
        let have: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
        let hint = format!(
            "write a language tag in quotes, e.g. language = \"de\"; aftercare speaks {} (another language falls back to English)",
            have.join(", ")
        );
        match l.get_ref() {
            toml::Value::String(s) if is_well_formed(s.trim()) => Ok(s.trim().to_string()),
            toml::Value::String(s) => Err(self
                .err(
                    l.span(),
                    format!("`language = \"{s}\"` is not a language tag"),
                )
                .hint(hint)),
            other => Err(self
                .err(
                    l.span(),
                    format!(
                        "`language` must be a language tag in quotes, not {}",
                        other.type_str()
                    ),
                )
                .hint(hint)),
        }
    }

    /// A plan file's `complete` or `nothing_off_limits`: plain text, as a
    /// rule's body.
    pub(super) fn closing_text(
        &self,
        t: &Spanned<String>,
        what: &str,
    ) -> Result<String, ConfigError> {
        let text = t.get_ref().trim();
        if text.is_empty() {
            return Err(self
                .err(t.span(), format!("`{what}` is empty"))
                .hint("write a sentence or two, or remove the key to use aftercare's own words"));
        }
        match TextProblem::of(text) {
            Some(problem @ TextProblem::Control { .. }) => {
                Err(self.err(t.span(), problem.message(what)).hint(CONTROL_HINT))
            }
            Some(problem @ TextProblem::TooLong) => Err(self
                .err(t.span(), problem.message(what))
                .hint("keep notifications short: a sentence or two")),
            None => Ok(text.to_string()),
        }
    }

    pub(super) fn description(&self, d: &Spanned<String>) -> Result<String, ConfigError> {
        let text = d.get_ref().trim();
        let problem = if text.is_empty() {
            Some("`description` is empty".to_string())
        } else if text.contains('\n') || control_char(text).is_some() {
            Some("`description` is one line of plain text".to_string())
        } else if text.chars().count() > MAX_DESCRIPTION {
            Some(format!(
                "`description` is too long (over {MAX_DESCRIPTION} characters)"
            ))
        } else {
            None
        };
        match problem {
            Some(m) => Err(self.err(d.span(), m).hint(
                "describe the plan in one short line, e.g. description = \"Light chemical peel: two weeks of gentle care\"",
            )),
            None => Ok(text.to_string()),
        }
    }

    pub(super) fn merge_healing(
        &self,
        healing: &mut Vec<(DaySet, String)>,
        raw: BTreeMap<Spanned<String>, Spanned<String>>,
    ) -> Result<(), ConfigError> {
        for (k, v) in raw {
            let days = parse_days(k.get_ref()).map_err(|m| {
                self.err(k.span(), m).hint("[healing] keys are day ranges, e.g. \"2-4\" = \"Redness fading; flaking may start.\"")
            })?;
            healing.retain(|(d, _)| d != &days);
            healing.push((days, v.get_ref().trim().to_string()));
        }
        healing.sort_by_key(|(d, _)| d.iter().next());
        Ok(())
    }

    fn quiet_policy(&self, q: &Spanned<String>) -> Result<QuietPolicy, ConfigError> {
        match q.get_ref().trim() {
            "defer" => Ok(QuietPolicy::Defer),
            "drop" => Ok(QuietPolicy::Drop),
            "before" => Ok(QuietPolicy::Before),
            other => Err(self
                .err(
                    q.span(),
                    format!("`quiet = \"{other}\"` is not a quiet-hours policy"),
                )
                .hint("use \"defer\" (move to the end of quiet hours), \"before\" (come just before they begin, that day) or \"drop\" (leave it out)")),
        }
    }

    /// `repeat = "30m"` and `repeat_max = N` (default 3); `None` without
    /// `repeat`.
    fn repeat(&self, raw: &RawRule) -> Result<Option<Repeat>, ConfigError> {
        let Some(r) = &raw.repeat else {
            if let Some(m) = &raw.repeat_max {
                return Err(self
                    .err(m.span(), "`repeat_max` needs `repeat`")
                    .hint("add e.g. repeat = \"30m\" (how long to wait before showing it again)"));
            }
            return Ok(None);
        };
        let every = self.duration(r)?;
        if every < MIN_EVERY {
            return Err(self
                .err(
                    r.span(),
                    format!("`repeat` must be at least {}", format_duration(MIN_EVERY)),
                )
                .hint("reminders more often than that would be noise; use e.g. \"30m\""));
        }
        let max = match &raw.repeat_max {
            None => DEFAULT_REPEATS,
            Some(m) => match u32::try_from(*m.get_ref()) {
                Ok(n) if (1..=MAX_REPEATS).contains(m.get_ref()) => n,
                _ => {
                    return Err(self
                        .err(m.span(), format!("`repeat_max` must be 1 to {MAX_REPEATS}"))
                        .hint("how many times to show an unanswered reminder again, e.g. repeat_max = 3"));
                }
            },
        };
        Ok(Some(Repeat { every, max }))
    }

    pub(super) fn group(&self, g: &Spanned<String>) -> Result<Duration, ConfigError> {
        let d = self.duration(g)?;
        if d > MAX_GROUP {
            return Err(self
                .err(
                    g.span(),
                    format!("`group` must be at most {}", format_duration(MAX_GROUP)),
                )
                .hint("reminders a few minutes apart are shown as one; \"0s\" turns that off"));
        }
        Ok(d)
    }

    pub(super) fn expire(&self, e: &Spanned<String>) -> Result<Expire, ConfigError> {
        match e.get_ref().trim() {
            "never" => Ok(Expire::Never),
            "server" => Ok(Expire::Server),
            _ => {
                let d = self.duration(e).map_err(|err| {
                    err.hint("use \"never\" (stay until answered), \"server\" (the desktop decides) or a duration such as \"10m\"")
                })?;
                if d.is_zero() {
                    return Ok(Expire::Never);
                }
                Ok(Expire::After(d))
            }
        }
    }

    fn unknown_rule_hint(&self, rules: &[Rule], n: &str) -> String {
        match suggest(n, rules.iter().map(|r| r.name.as_str())) {
            Some(s) => format!(
                "did you mean the built-in rule [reminders.{s}]? A new rule needs `title`, `days` and one of `at`, `every` + `between`, or `after`"
            ),
            None => {
                "a new rule needs `title`, `days` and one of `at`, `every` + `between`, or `after`"
                    .into()
            }
        }
    }

    fn trigger(&self, raw: &RawRule, span: Range<usize>) -> Result<Option<Trigger>, ConfigError> {
        let kinds = [
            raw.at.is_some(),
            raw.every.is_some() || raw.between.is_some(),
            raw.after.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() > 1 {
            return Err(self
                .err(
                    span,
                    "a rule fires by one of `at`, `every` + `between`, or `after`, not several",
                )
                .hint("keep one of them; use two rules if you need both"));
        }
        if let Some(at) = &raw.at {
            if at.get_ref().is_empty() {
                return Err(self.err(at.span(), "`at` is empty").hint(
                    "list clock times, e.g. at = [\"09:00\", \"21:00\"], or set `enabled = false`",
                ));
            }
            let mut times = at
                .get_ref()
                .iter()
                .map(|t| self.clock(t))
                .collect::<Result<Vec<_>, _>>()?;
            times.sort_unstable();
            times.dedup();
            return Ok(Some(Trigger::At(times)));
        }
        if raw.every.is_some() || raw.between.is_some() {
            let (Some(every), Some(between)) = (&raw.every, &raw.between) else {
                return Err(self
                    .err(span, "`every` and `between` go together")
                    .hint("e.g. every = \"2h\" with between = [\"09:00\", \"17:00\"]"));
            };
            let e = self.duration(every)?;
            if e < MIN_EVERY {
                return Err(self
                    .err(
                        every.span(),
                        format!("`every` must be at least {}", format_duration(MIN_EVERY)),
                    )
                    .hint("reminders more often than that would be noise; use a longer interval"));
            }
            let [start, end] = between.get_ref().as_slice() else {
                return Err(self
                    .err(
                        between.span(),
                        "`between` takes two times: a start and an end",
                    )
                    .hint("e.g. between = [\"09:00\", \"17:00\"]"));
            };
            let (s, t) = (self.clock(start)?, self.clock(end)?);
            if s > t {
                return Err(self
                    .err(between.span(), "`between` ends before it starts")
                    .hint(
                        "the window is within one day: start first, e.g. [\"09:00\", \"17:00\"]",
                    ));
            }
            return Ok(Some(Trigger::Every {
                every: e,
                start: s,
                end: t,
            }));
        }
        if let Some(after) = &raw.after {
            if after.get_ref().is_empty() {
                return Err(self
                    .err(after.span(), "`after` is empty")
                    .hint("list offsets from the treatment time, e.g. after = [\"3h\", \"6h\"]"));
            }
            let mut offs = after
                .get_ref()
                .iter()
                .map(|d| self.duration(d))
                .collect::<Result<Vec<_>, _>>()?;
            offs.sort_unstable();
            offs.dedup();
            return Ok(Some(Trigger::After(offs)));
        }
        Ok(None)
    }
}

/// Where one value of a list is in the text: its first appearance within
/// the list's span, as TOML writes it.
fn raw_span(text: &str, list: &Range<usize>, v: &toml::Value) -> Option<Range<usize>> {
    let inside = text.get(list.clone())?;
    let needle = match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if needle.is_empty() {
        return None;
    }
    let at = inside.find(&needle)?;
    Some(list.start + at..list.start + at + needle.len())
}
