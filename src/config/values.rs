//! The config's value syntax: dates, day lists, durations, clock times,
//! time zones; shared with the command line so both give the same messages.

use std::fmt;
use std::time::Duration;

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::limits::{MAX_DAY, MAX_OFFSET};
use super::model::DaySet;
use super::suggest::zone_hint;
use crate::zone::{Zone, ZoneSource};

/// Why a date did not parse. `Display` is the whole message ("`X` is not a
/// date: …"); [`DateError::reason`] the part after the colon, for callers
/// that name the value themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD`; `suggestion` when the intent is clear
    /// (`23/11/2026` → `2026-11-23`).
    Format {
        input: String,
        suggestion: Option<NaiveDate>,
    },
    /// A month other than 1–12.
    NoSuchMonth { input: String, month: u32 },
    /// A day the month does not have.
    NoSuchDay {
        input: String,
        year: i32,
        month: u32,
        days: u32,
    },
    /// A date with a time of day (`2026-11-23T14:30`): the time goes
    /// elsewhere.
    WithTime {
        input: String,
        date: NaiveDate,
        time: String,
    },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl DateError {
    /// What was given.
    pub fn input(&self) -> &str {
        match self {
            DateError::Format { input, .. }
            | DateError::NoSuchMonth { input, .. }
            | DateError::NoSuchDay { input, .. }
            | DateError::WithTime { input, .. } => input,
        }
    }

    /// What is wrong and how to write it, without the value itself.
    pub fn reason(&self) -> String {
        const HOW: &str = "write dates as YYYY-MM-DD, e.g. 2026-11-23";
        match self {
            DateError::Format {
                suggestion: Some(d),
                ..
            } => format!("{HOW} (did you mean {d}?)"),
            DateError::Format { .. } => HOW.into(),
            DateError::NoSuchMonth { month, .. } => {
                format!("there is no month {month} (months run 01 to 12); {HOW}")
            }
            DateError::NoSuchDay {
                month: 2,
                year,
                days,
                ..
            } => {
                format!("February {year} has {days} days")
            }
            DateError::NoSuchDay { month, days, .. } => {
                let name = MONTHS[(*month as usize).clamp(1, 12) - 1];
                format!("{name} has {days} days")
            }
            DateError::WithTime { .. } => "it is a date and a time".into(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::WithTime { input, .. } => write!(f, "`{input}` is a date and a time"),
            e => write!(f, "`{}` is not a date: {}", e.input(), e.reason()),
        }
    }
}

impl std::error::Error for DateError {}

/// Parse a calendar date `YYYY-MM-DD` (month and day may have one digit).
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let input = s.trim();
    let format = |suggestion| DateError::Format {
        input: input.to_string(),
        suggestion,
    };
    // A date-time: `2026-11-23T14:30`, `2026-11-23 14:30:00Z`.
    if let Some((date, time)) = input.split_once(['T', 't', ' ']) {
        let time = time.trim();
        if let (Ok(date), Some(hm)) = (parse_date(date), time.get(..5)) {
            let time = parse_clock(hm).map_or(time.to_string(), |t| t.format("%H:%M").to_string());
            return Err(DateError::WithTime {
                input: input.to_string(),
                date,
                time,
            });
        }
        return Err(format(None));
    }
    let numbers: Vec<&str> = input.split('-').collect();
    let [y, m, d] = numbers[..] else {
        return Err(format(reordered(input)));
    };
    let digits = |p: &str, max: usize| {
        (!p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (
        digits(y, 4).filter(|_| y.len() == 4),
        digits(m, 2),
        digits(d, 2),
    ) else {
        return Err(format(reordered(input)));
    };
    let year = year as i32;
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth {
            input: input.to_string(),
            month,
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::NoSuchDay {
        input: input.to_string(),
        year,
        month,
        days: days_in_month(year, month),
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).map_or(31, |d| d.day())
}

/// `23/11/2026`, `23.11.2026`, `11/23/2026` or `2026/11/23` as the date it
/// clearly means; `None` when day and month could be either.
fn reordered(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    let [a, b, c] = parts[..] else { return None };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    let (a4, c4) = (a.len() == 4, c.len() == 4);
    let (year, month, day) = match (a4, c4) {
        (true, false) => (n(a)?, n(b)?, n(c)?),
        (false, true) => {
            let (x, y) = (n(a)?, n(b)?);
            match (x > 12, y > 12) {
                (true, false) => (n(c)?, y, x), // day first
                (false, true) => (n(c)?, x, y), // month first
                _ => return None,
            }
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Look up an IANA time zone, with the config's "did you mean".
pub fn parse_zone(s: &str, zones: &dyn ZoneSource) -> Result<Zone, String> {
    let name = s.trim();
    zones
        .zone(name)
        .map_err(|e| format!("unknown time zone `{s}`: {}", zone_hint(name, &e, zones)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(s: &str) -> String {
        parse_date(s).unwrap_err().to_string()
    }

    #[test]
    fn dates_parse_and_each_mistake_is_named() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_date("2026-11-23"), Ok(d(2026, 11, 23)));
        assert_eq!(parse_date(" 2026-1-5 "), Ok(d(2026, 1, 5)));
        assert_eq!(parse_date("2028-02-29"), Ok(d(2028, 2, 29)));
        assert_eq!(
            msg("23/11/2026"),
            "`23/11/2026` is not a date: write dates as YYYY-MM-DD, e.g. 2026-11-23 (did you mean 2026-11-23?)"
        );
        assert!(msg("11/23/2026").ends_with("(did you mean 2026-11-23?)"));
        assert!(msg("23.11.2026").ends_with("(did you mean 2026-11-23?)"));
        assert!(msg("2026/11/23").ends_with("(did you mean 2026-11-23?)"));
        // 05/06 could be either: no guess
        assert!(msg("05/06/2026").ends_with("e.g. 2026-11-23"));
        assert!(msg("tomorrow").ends_with("e.g. 2026-11-23"));
        assert!(msg("").ends_with("e.g. 2026-11-23"));
        assert!(msg("26-11-23").ends_with("e.g. 2026-11-23"));
        assert_eq!(
            msg("2026-11-31"),
            "`2026-11-31` is not a date: November has 30 days"
        );
        assert_eq!(
            msg("2026-02-29"),
            "`2026-02-29` is not a date: February 2026 has 28 days"
        );
        assert!(msg("2026-12-32").ends_with("December has 31 days"));
        assert!(msg("2026-13-01").contains("there is no month 13"));
        assert!(msg("2026-00-10").contains("there is no month 0"));
        let e = parse_date("2026-11-23T14:30").unwrap_err();
        assert_eq!(
            e,
            DateError::WithTime {
                input: "2026-11-23T14:30".into(),
                date: d(2026, 11, 23),
                time: "14:30".into(),
            }
        );
        assert_eq!(e.to_string(), "`2026-11-23T14:30` is a date and a time");
        assert!(matches!(
            parse_date("2026-11-23 09:05:00Z"),
            Err(DateError::WithTime { time, .. }) if time == "09:05"
        ));
    }

    #[test]
    fn zones_get_the_configs_suggestion() {
        let e = parse_zone("America/Los_Angelos", &crate::zone::SystemZones).unwrap_err();
        assert!(
            e.starts_with(
                "unknown time zone `America/Los_Angelos`: did you mean \"America/Los_Angeles\"?"
            ),
            "{e}"
        );
        assert_eq!(
            parse_zone(" Europe/Berlin ", &crate::zone::SystemZones)
                .unwrap()
                .name(),
            "Europe/Berlin"
        );
    }
}
