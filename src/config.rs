//! The configuration: TOML text → validated [`Config`].
//!
//! [`parse`] is pure (text in, config or a positioned error out) so tests feed
//! it strings; [`load`] reads a file and calls it. Raw serde structs
//! (`deny_unknown_fields`, spans kept) are turned into domain types by
//! `validate`; every error names the file, line and column and says how to
//! fix it. The built-in care plan is a TOML document in the same `[reminders]`
//! schema, merged under the user's rules by name.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use crate::zone::Zone;
use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use toml::Spanned;

/// Largest config file accepted; a real one is a few KB.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;
/// Highest day number a rule may name (a bit more than a year).
pub const MAX_DAY: u32 = 400;
/// Shortest interval for `every`, so a typo cannot make a million reminders.
pub const MIN_EVERY: Duration = Duration::from_secs(5 * 60);
/// Longest `after` offset, `snooze` or `catch_up`.
pub const MAX_OFFSET: Duration = Duration::from_secs(MAX_DAY as u64 * 86_400);

/// The built-in care plans, by name.
pub const BUILTIN_PLANS: &[(&str, &str)] =
    &[("microneedling", include_str!("../plans/microneedling.toml"))];

/// A validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Where it came from (a path, or `<builtin>` etc.), for messages.
    pub origin: String,
    pub treatment: Treatment,
    /// `None` when quiet hours are turned off.
    pub quiet_hours: Option<QuietHours>,
    pub snooze: Duration,
    pub catch_up: Duration,
    /// The merged rules, built-in first (in plan order), then the user's own.
    pub rules: Vec<Rule>,
    /// Where the user is, for daylight-aware rules (never looked up).
    pub location: Option<Location>,
    /// What is normal on which days, for the daily summary.
    pub healing: Healing,
}

/// Healing stages: day ranges and what is normal then.
pub type Healing = Vec<(DaySet, String)>;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Treatment {
    /// The first (or only) session's date.
    pub date: NaiveDate,
    /// Every session of a series, sorted; `[date]` for one treatment.
    pub sessions: Vec<NaiveDate>,
    pub time: NaiveTime,
    pub timezone: Zone,
    /// Name of the built-in plan used, `None` for `plan = "none"`.
    pub plan: Option<String>,
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
    /// Interval rule limited to daylight when a location is known.
    pub daylight: bool,
    /// The restriction this milestone lifts on its first day ("makeup").
    pub allows: Option<String>,
    /// The body is today's summary, generated per day.
    pub summary: bool,
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
pub struct DaySet(Vec<u32>);

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

/// Parse a day list: `"3"`, `"0-7"`, `"1,3,5"`, `"0-2,5"`.
pub fn parse_days(s: &str) -> Result<DaySet, String> {
    let mut days = Vec::new();
    let s = s.trim();
    if s.is_empty() {
        return Err("`days` is empty".into());
    }
    for part in s.split(',') {
        let part = part.trim();
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (part, part),
        };
        let a = parse_day(a)?;
        let b = parse_day(b)?;
        if a > b {
            return Err(format!(
                "day range `{part}` runs backwards (write `{b}-{a}`)"
            ));
        }
        days.extend(a..=b);
    }
    days.sort_unstable();
    days.dedup();
    Ok(DaySet(days))
}

fn parse_day(s: &str) -> Result<u32, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{s}` is not a day number (days count from 0, the treatment day)"
        ));
    }
    match s.parse::<u32>() {
        Ok(d) if d <= MAX_DAY => Ok(d),
        _ => Err(format!(
            "day {s} is too far out (the last allowed day is {MAX_DAY})"
        )),
    }
}

/// Parse a duration such as `"15m"`, `"2h"`, `"90s"`, `"1h30m"`, `"1d"`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty duration".into());
    }
    if s.starts_with('-') {
        return Err(format!("`{s}` is negative; durations are positive"));
    }
    let mut total: u64 = 0;
    let mut num = String::new();
    let mut seen_unit = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit = match c {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            ' ' if num.is_empty() => continue,
            _ => {
                return Err(format!(
                    "`{s}` is not a duration: use a number with a unit s, m, h or d, like \"90s\", \"15m\", \"2h\", \"1h30m\""
                ));
            }
        };
        if num.is_empty() {
            return Err(format!("`{s}` has a unit without a number before it"));
        }
        let n: u64 = num
            .parse()
            .map_err(|_| format!("`{s}` is too large a duration"))?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| format!("`{s}` is too large a duration"))?;
        num.clear();
        seen_unit = true;
    }
    if !num.is_empty() || !seen_unit {
        return Err(format!(
            "`{s}` needs a unit: s, m, h or d (for example \"{s}m\")"
        ));
    }
    let d = Duration::from_secs(total);
    if d > MAX_OFFSET {
        return Err(format!("`{s}` is too long (at most {MAX_DAY} days)"));
    }
    Ok(d)
}

/// Parse a local clock time `"HH:MM"` (24-hour).
pub fn parse_clock(s: &str) -> Result<NaiveTime, String> {
    let bad =
        || format!("`{s}` is not a time of day: write it as \"HH:MM\", 24-hour, like \"08:30\"");
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// Format a duration the way the config writes it ("1h30m").
pub fn format_duration(d: Duration) -> String {
    let mut s = d.as_secs();
    if s == 0 {
        return "0s".into();
    }
    let mut out = String::new();
    for (unit, len) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if s >= len {
            out.push_str(&format!("{}{unit}", s / len));
            s %= len;
        }
    }
    out
}

// ---------------------------------------------------------------- errors

/// A configuration error with the place it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub origin: String,
    /// 1-based line and column, when a position is known.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The offending line and a caret under the span.
    pub snippet: Option<String>,
    pub hint: Option<String>,
}

impl ConfigError {
    fn new(origin: &str, message: impl Into<String>) -> Self {
        ConfigError {
            origin: origin.to_string(),
            position: None,
            message: message.into(),
            snippet: None,
            hint: None,
        }
    }

    fn at(origin: &str, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let (line, col, snippet) = locate(text, span);
        ConfigError {
            origin: origin.to_string(),
            position: Some((line, col)),
            message: message.into(),
            snippet: Some(snippet),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The one-line form: `FILE:LINE:COL: message`.
    pub fn headline(&self) -> String {
        match self.position {
            Some((l, c)) => format!("{}:{l}:{c}: {}", self.origin, self.message),
            None => format!("{}: {}", self.origin, self.message),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let Some(s) = &self.snippet {
            write!(f, "\n{s}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\nhint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Line, column (1-based, in characters) and a caret snippet for a byte span.
fn locate(text: &str, span: Range<usize>) -> (usize, usize, String) {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_no = text[..start].matches('\n').count() + 1;
    let col = text[line_start..start].chars().count() + 1;
    let line = text[line_start..line_end].trim_end_matches('\r');
    let width = text[start..end.min(line_end).max(start)]
        .chars()
        .count()
        .max(1);
    let gutter = " ".repeat(line_no.to_string().len());
    let snippet = format!(
        "{gutter} |\n{line_no} | {line}\n{gutter} | {}{}",
        " ".repeat(col - 1),
        "^".repeat(width.min(line.chars().count().saturating_sub(col - 1).max(1)))
    );
    (line_no, col, snippet)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Levenshtein distance, for "did you mean".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate within a small distance, if any.
/// How to fix a time zone that could not be loaded. A damaged file needs no
/// look at the rest of the database; a missing one gets the nearest name.
fn zone_hint(name: &str, e: &crate::zone::ZoneError) -> String {
    use crate::zone::ZoneError;
    if matches!(e, ZoneError::Unreadable(..) | ZoneError::Invalid(..)) {
        return format!("{e}; reinstall the `tzdata` package");
    }
    let dir = crate::zone::database_dir();
    let names = crate::zone::names_in(&dir);
    if names.is_empty() {
        return format!(
            "the time zone database {} is missing or empty: install the `tzdata` package, or leave `timezone` out for the system zone",
            dir.display()
        );
    }
    match suggest(name, names.iter().map(String::as_str)) {
        Some(n) => format!("did you mean \"{n}\"? Use an IANA name (see `timedatectl list-timezones`)"),
        None => "use an IANA name such as \"Europe/Berlin\" or \"America/New_York\" (see `timedatectl list-timezones`), or leave it out for the system zone".into(),
    }
}

pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3) && *d < c.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Turn a toml/serde error into a positioned error with a hint.
fn from_toml(origin: &str, text: &str, e: &toml::de::Error) -> ConfigError {
    let msg = e.message().trim().to_string();
    let mut err = match e.span() {
        Some(span) => ConfigError::at(origin, text, span, msg.clone()),
        None => ConfigError::new(origin, msg.clone()),
    };
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        err.hint = Some(match suggest(key, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? (allowed here: {})", allowed.join(", ")),
            None => format!(
                "`{key}` is not a setting here; allowed: {}",
                allowed.join(", ")
            ),
        });
    } else if msg.contains("missing field `date`") {
        err.hint = Some("add `date = 2026-11-23` (your treatment date) under [treatment]".into());
    } else if msg.contains("missing field `treatment`") || msg.contains("missing field") {
        err.hint = Some("see config.example.toml, or run `aftercare init --date YYYY-MM-DD` to write a fresh config".into());
    } else if msg.contains("invalid date")
        || msg.contains("invalid time")
        || msg.contains("invalid datetime")
    {
        err.hint = Some("write a real calendar date as YYYY-MM-DD, e.g. `date = 2026-11-23`; times are quoted \"HH:MM\"".into());
    } else if msg.contains("invalid type") {
        err.hint = Some("check the value's type: times and durations are quoted strings (\"08:30\", \"2h\"), lists use [ ]".into());
    } else {
        err.hint =
            Some("this is a TOML syntax error; see config.example.toml for the layout".into());
    }
    err
}

// ---------------------------------------------------------------- raw serde types

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    treatment: Option<Spanned<RawTreatment>>,
    quiet_hours: Option<Spanned<RawQuiet>>,
    notifications: Option<RawNotifications>,
    #[serde(default)]
    reminders: BTreeMap<Spanned<String>, Spanned<RawRule>>,
    location: Option<Spanned<RawLocation>>,
    #[serde(default)]
    healing: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocation {
    latitude: Spanned<f64>,
    longitude: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTreatment {
    date: Spanned<toml::Value>,
    time: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    plan: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiet {
    enabled: Option<bool>,
    start: Option<Spanned<String>>,
    end: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotifications {
    snooze: Option<Spanned<String>>,
    catch_up: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRule {
    enabled: Option<bool>,
    days: Option<Spanned<toml::Value>>,
    at: Option<Spanned<Vec<Spanned<String>>>>,
    every: Option<Spanned<String>>,
    between: Option<Spanned<Vec<Spanned<String>>>>,
    after: Option<Spanned<Vec<Spanned<String>>>>,
    title: Option<Spanned<String>>,
    body: Option<Spanned<String>>,
    daylight: Option<Spanned<bool>>,
    allows: Option<Spanned<String>>,
    summary: Option<bool>,
}

// ---------------------------------------------------------------- validation

/// Context a parse needs from outside: the system time zone (the default).
#[derive(Debug, Clone, Copy)]
pub struct Defaults {
    pub timezone: Zone,
}

/// Parse and validate config text. `origin` names it in errors.
pub fn parse(text: &str, origin: &str, defaults: Defaults) -> Result<Config, ConfigError> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| from_toml(origin, text, &e))?;
    let v = Validator { origin, text };

    let Some(treatment) = raw.treatment else {
        return Err(ConfigError::new(origin, "missing the [treatment] table").hint(
            "add\n  [treatment]\n  date = 2026-11-23   # your treatment date\n  time = \"14:30\"     # when it ended\nor run `aftercare init --date YYYY-MM-DD`",
        ));
    };
    let treatment = v.treatment(treatment.into_inner(), defaults)?;

    let quiet_hours = match raw.quiet_hours {
        None => Some(QuietHours {
            start: clock(21, 30),
            end: clock(8, 0),
        }),
        Some(q) => v.quiet(q)?,
    };

    let (mut snooze, mut catch_up) = (Duration::from_secs(15 * 60), Duration::from_secs(2 * 3600));
    if let Some(n) = raw.notifications {
        if let Some(s) = n.snooze {
            snooze = v.positive_duration(&s, "snooze")?;
        }
        if let Some(c) = n.catch_up {
            catch_up = v.positive_duration(&c, "catch_up")?;
        }
    }

    let (mut rules, mut healing) = match &treatment.plan {
        Some(name) => builtin_plan(name)?,
        None => (Vec::new(), Vec::new()),
    };
    for (name, rule) in raw.reminders {
        v.merge_rule(&mut rules, name, rule)?;
    }
    v.merge_healing(&mut healing, raw.healing)?;
    let location = match raw.location {
        None => None,
        Some(l) => {
            let l = l.into_inner();
            let (lat, lon) = (*l.latitude.get_ref(), *l.longitude.get_ref());
            if !(-90.0..=90.0).contains(&lat) {
                return Err(v
                    .err(
                        l.latitude.span(),
                        format!("latitude {lat} is not between -90 and 90"),
                    )
                    .hint("degrees north are positive, south negative, e.g. latitude = 52.52"));
            }
            if !(-180.0..=180.0).contains(&lon) {
                return Err(v
                    .err(
                        l.longitude.span(),
                        format!("longitude {lon} is not between -180 and 180"),
                    )
                    .hint("degrees east are positive, west negative, e.g. longitude = 13.40"));
            }
            Some(Location {
                latitude: lat,
                longitude: lon,
            })
        }
    };

    Ok(Config {
        origin: origin.to_string(),
        treatment,
        quiet_hours,
        snooze,
        catch_up,
        rules,
        location,
        healing,
    })
}

/// Read a config file and parse it.
pub fn load(path: &Path, defaults: Defaults) -> Result<Config, ConfigError> {
    let origin = path.display().to_string();
    let bytes = read_limited(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ConfigError::new(&origin, "no config file here").hint(format!(
                "create one with `aftercare init --date YYYY-MM-DD --time HH:MM` (it writes {origin}), \
                 or point at another file with --config FILE or AFTERCARE_CONFIG"
            ))
        } else {
            let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
                "make it readable by you: chmod 600 on the file"
            } else {
                "check that the path is a readable file"
            };
            ConfigError::new(&origin, format!("cannot read the config: {e}")).hint(hint)
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let mut err = ConfigError::at(
            &origin,
            &prefix,
            good..good,
            format!("the file is not valid UTF-8 (bad byte at offset {good})"),
        );
        err.snippet = None;
        err.hint("save the file as UTF-8 text")
    })?;
    parse(&text, &origin, defaults)
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut buf = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_CONFIG_BYTES {
        return Err(std::io::Error::other(format!(
            "the file is larger than {} KiB; a config is a few KB of text",
            MAX_CONFIG_BYTES / 1024
        )));
    }
    Ok(buf)
}

fn clock(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// The rules of a built-in plan.
pub fn builtin_rules(name: &str) -> Result<Vec<Rule>, ConfigError> {
    builtin_plan(name).map(|(r, _)| r)
}

/// The rules and healing stages of a built-in plan.
pub fn builtin_plan(name: &str) -> Result<(Vec<Rule>, Healing), ConfigError> {
    let Some((_, text)) = BUILTIN_PLANS.iter().find(|(n, _)| *n == name) else {
        return Err(ConfigError::new(
            "<config>",
            format!("unknown plan `{name}`"),
        ));
    };
    let origin = format!("<built-in plan {name}>");
    let raw: RawConfig = toml::from_str(text).map_err(|e| from_toml(&origin, text, &e))?;
    let v = Validator {
        origin: &origin,
        text,
    };
    let mut rules = Vec::new();
    for (rname, rule) in raw.reminders {
        v.merge_rule(&mut rules, rname, rule)?;
    }
    // Keep the plan's own order (by first occurrence) rather than the
    // alphabetical order of the map.
    let order: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("[reminders.")?.strip_suffix(']'))
        .collect();
    rules.sort_by_key(|r| {
        order
            .iter()
            .position(|n| *n == r.name)
            .unwrap_or(usize::MAX)
    });
    let mut healing = Vec::new();
    v.merge_healing(&mut healing, raw.healing)?;
    Ok((rules, healing))
}

struct Validator<'a> {
    origin: &'a str,
    text: &'a str,
}

impl Validator<'_> {
    fn err(&self, span: Range<usize>, msg: impl Into<String>) -> ConfigError {
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

    fn positive_duration(&self, s: &Spanned<String>, what: &str) -> Result<Duration, ConfigError> {
        let d = self.duration(s)?;
        if d.is_zero() {
            return Err(self
                .err(s.span(), format!("`{what}` must be longer than zero"))
                .hint("use a positive duration such as \"15m\""));
        }
        Ok(d)
    }

    fn treatment(&self, t: RawTreatment, defaults: Defaults) -> Result<Treatment, ConfigError> {
        let date_span = t.date.span();
        let one = |v: &toml::Value| match v {
            toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                }
                _ => None,
            },
            toml::Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
            _ => None,
        };
        let bad = || {
            self.err(date_span.clone(), "`date` is not a valid calendar date (or list of dates)")
                .hint("write the treatment date as YYYY-MM-DD, e.g. `date = 2026-11-23` (a real day of that month); for a series, date = [2026-11-23, 2027-01-04]")
        };
        let mut sessions = match t.date.get_ref() {
            toml::Value::Array(a) if !a.is_empty() && a.len() <= 12 => a
                .iter()
                .map(one)
                .collect::<Option<Vec<_>>>()
                .ok_or_else(bad)?,
            v => vec![one(v).ok_or_else(bad)?],
        };
        sessions.sort_unstable();
        sessions.dedup();
        let date = sessions[0];
        let time = match &t.time {
            Some(s) => self.clock(s)?,
            None => clock(12, 0),
        };
        let timezone = match &t.timezone {
            Some(s) => s.get_ref().trim().parse::<Zone>().map_err(|e| {
                self.err(s.span(), format!("unknown time zone `{}`", s.get_ref()))
                    .hint(zone_hint(s.get_ref(), &e))
            })?,
            None => defaults.timezone,
        };
        let plan = match &t.plan {
            None => Some("microneedling".to_string()),
            Some(p) if p.get_ref() == "none" => None,
            Some(p) => {
                let names: Vec<&str> = BUILTIN_PLANS.iter().map(|(n, _)| *n).collect();
                if !names.contains(&p.get_ref().as_str()) {
                    return Err(self
                        .err(p.span(), format!("unknown plan `{}`", p.get_ref()))
                        .hint(format!(
                            "built-in plans: {}; or \"none\" to use only your own [reminders]",
                            names.join(", ")
                        )));
                }
                Some(p.get_ref().clone())
            }
        };
        Ok(Treatment {
            date,
            sessions,
            time,
            timezone,
            plan,
        })
    }

    fn quiet(&self, q: Spanned<RawQuiet>) -> Result<Option<QuietHours>, ConfigError> {
        let span = q.span();
        let q = q.into_inner();
        if q.enabled == Some(false) {
            return Ok(None);
        }
        let start = match &q.start {
            Some(s) => self.clock(s)?,
            None => clock(21, 30),
        };
        let end = match &q.end {
            Some(s) => self.clock(s)?,
            None => clock(8, 0),
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

    fn merge_rule(
        &self,
        rules: &mut Vec<Rule>,
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
        let existing = rules.iter().position(|r| &r.name == n);
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
                    Some(s) if s.get_ref().chars().count() > 1000 => Err(self
                        .err(
                            s.span(),
                            format!("`{what}` is too long (over 1000 characters)"),
                        )
                        .hint("keep notifications short: a title and a sentence or two")),
                    Some(s) => Ok(Some(s.get_ref().trim().to_string())),
                }
            };
        let title = text(&raw.title, "title")?;
        let body = text(&raw.body, "body")?;
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
                if let Some(d) = &raw.daylight {
                    r.daylight = *d.get_ref();
                }
                if allows.is_some() {
                    r.allows = allows;
                }
                if let Some(sm) = raw.summary {
                    r.summary = sm;
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
                    daylight: raw.daylight.as_ref().is_some_and(|d| *d.get_ref()),
                    allows,
                    summary: raw.summary.unwrap_or(false),
                });
            }
        }
        Ok(())
    }

    fn merge_healing(
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

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn defaults() -> Defaults {
        Defaults {
            timezone: Zone::get("Europe/Berlin").unwrap(),
        }
    }

    fn p(text: &str) -> Result<Config, ConfigError> {
        parse(text, "test.toml", defaults())
    }

    const MIN: &str = "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\n";

    #[test]
    fn minimal_config_gets_defaults() {
        let c = p(MIN).unwrap();
        assert_eq!(
            c.treatment.date,
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
        assert_eq!(c.treatment.time, clock(14, 30));
        assert_eq!(c.treatment.timezone, Zone::get("Europe/Berlin").unwrap());
        assert_eq!(
            c.quiet_hours,
            Some(QuietHours {
                start: clock(21, 30),
                end: clock(8, 0)
            })
        );
        assert_eq!(c.snooze, Duration::from_secs(900));
        assert_eq!(c.catch_up, Duration::from_secs(7200));
        let names: Vec<&str> = c.rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "today",
                "hydrate",
                "first-rinse",
                "sunscreen",
                "moisturize",
                "no-picking",
                "check-in",
                "makeup-ok",
                "exercise-ok",
                "pool-ok",
                "actives-ok",
                "summary",
                "sunscreen-daily",
                "wrap-up"
            ]
        );
    }

    #[test]
    fn date_may_be_a_string_and_time_defaults_to_noon() {
        let c = p("[treatment]\ndate = \"2026-11-23\"\n").unwrap();
        assert_eq!(c.treatment.time, clock(12, 0));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("1d"), Ok(Duration::from_secs(86400)));
        assert_eq!(parse_duration("0m"), Ok(Duration::ZERO));
        for bad in [
            "",
            "15",
            "-5m",
            "5x",
            "m",
            "1.5h",
            "99999999999999999999d",
            "1000d",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?} should fail");
        }
        assert_eq!(format_duration(Duration::from_secs(5400)), "1h30m");
    }

    #[test]
    fn days() {
        assert_eq!(
            parse_days("0-3").unwrap().iter().collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
        assert_eq!(
            parse_days("1,3,5").unwrap().iter().collect::<Vec<_>>(),
            [1, 3, 5]
        );
        assert_eq!(
            parse_days("5, 0-1").unwrap().iter().collect::<Vec<_>>(),
            [0, 1, 5]
        );
        assert_eq!(parse_days("3").unwrap().iter().collect::<Vec<_>>(), [3]);
        for bad in ["7-2", "", "a", "-1", "1-", "1,,2", "401", "2.5"] {
            assert!(parse_days(bad).is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn clock_times() {
        assert_eq!(parse_clock("08:30"), Ok(clock(8, 30)));
        assert_eq!(parse_clock("8:30"), Ok(clock(8, 30)));
        for bad in ["24:00", "8", "08:3", "08:60", "ab:cd", "08:30:00", "-1:00"] {
            assert!(parse_clock(bad).is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn quiet_hours_wrap_midnight() {
        let q = QuietHours {
            start: clock(21, 30),
            end: clock(8, 0),
        };
        assert!(q.contains(clock(23, 0)));
        assert!(q.contains(clock(21, 30)));
        assert!(q.contains(clock(7, 59)));
        assert!(!q.contains(clock(8, 0)));
        assert!(!q.contains(clock(12, 0)));
        let day = QuietHours {
            start: clock(13, 0),
            end: clock(14, 0),
        };
        assert!(day.contains(clock(13, 30)));
        assert!(!day.contains(clock(14, 0)));
        assert!(!day.contains(clock(12, 0)));
    }

    #[test]
    fn rules_change_disable_and_add() {
        let c = p(&format!(
            "{MIN}[reminders.sunscreen]\nevery = \"3h\"\nbetween = [\"10:00\", \"16:00\"]\n\
             [reminders.no-picking]\nenabled = false\n\
             [reminders.antiviral]\ndays = \"0-2\"\nat = [\"21:00\", \"09:00\"]\ntitle = \"Take your antiviral\"\n"
        ))
        .unwrap();
        let sun = c.rules.iter().find(|r| r.name == "sunscreen").unwrap();
        assert_eq!(
            sun.trigger,
            Trigger::Every {
                every: Duration::from_secs(3 * 3600),
                start: clock(10, 0),
                end: clock(16, 0)
            }
        );
        assert_eq!(
            sun.days.as_ref().unwrap().iter().collect::<Vec<_>>(),
            (1..=7).collect::<Vec<_>>()
        );
        assert!(!sun.title.is_empty(), "built-in title kept");
        assert!(c.rules.iter().all(|r| r.name != "no-picking"));
        let av = c.rules.last().unwrap();
        assert_eq!(av.name, "antiviral");
        assert_eq!(av.trigger, Trigger::At(vec![clock(9, 0), clock(21, 0)]));
        assert_eq!(av.body, "");
    }

    #[test]
    fn plan_none_has_only_own_rules() {
        let c = p("[treatment]\ndate = 2026-11-23\nplan = \"none\"\n[reminders.x]\ndays = \"0\"\nat = [\"12:00\"]\ntitle = \"X\"\n").unwrap();
        assert_eq!(c.rules.len(), 1);
    }

    #[test]
    fn quiet_hours_off() {
        let c = p(&format!("{MIN}[quiet_hours]\nenabled = false\n")).unwrap();
        assert_eq!(c.quiet_hours, None);
    }

    #[test]
    fn unknown_key_suggests() {
        let e = p("[treatment]\ndate = 2026-11-23\ntme = \"14:30\"\n").unwrap_err();
        assert_eq!(e.position, Some((3, 1)));
        assert!(e.message.contains("tme"), "{e}");
        assert!(
            e.hint.as_deref().unwrap().contains("did you mean `time`"),
            "{e}"
        );
        let s = e.to_string();
        assert!(s.starts_with("test.toml:3:1: "), "{s}");
        assert!(s.contains("3 | tme = \"14:30\"\n  | ^^^"), "{s}");
    }

    #[test]
    fn errors_point_at_the_value() {
        let e = p("[treatment]\ndate = 2026-02-30\n").unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2), "{e}");
        let e = p(&format!("{MIN}[reminders.sunscreen]\ndays = \"7-2\"\n")).unwrap_err();
        assert_eq!(e.position, Some((5, 8)), "{e}");
        assert!(e.message.contains("backwards"), "{e}");
        let e = p("[treatment]\ndate = 2026-11-23\ntimezone = \"Europe/Berln\"\n").unwrap_err();
        assert!(e.hint.unwrap().contains("Europe/Berlin"));
    }

    #[test]
    fn disabling_a_missing_rule_is_a_typo() {
        let e = p(&format!("{MIN}[reminders.sunscren]\nenabled = false\n")).unwrap_err();
        assert!(e.hint.unwrap().contains("[reminders.sunscreen]"));
    }

    #[test]
    fn builtin_plans_parse() {
        for (name, _) in BUILTIN_PLANS {
            let rules = builtin_rules(name).unwrap();
            assert!(!rules.is_empty());
            for r in &rules {
                assert!(
                    !r.title.is_empty() && (r.summary || !r.body.is_empty()),
                    "{} needs words",
                    r.name
                );
            }
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("tme", ["time", "date"]), Some("time"));
        assert_eq!(suggest("zzzzzz", ["time", "date"]), None);
    }
}
