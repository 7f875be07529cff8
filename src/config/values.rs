//! The config's value syntax: day lists, durations, clock times; shared with
//! the command line so both give the same messages.

use std::time::Duration;

use chrono::NaiveTime;

use super::model::DaySet;
use super::{MAX_DAY, MAX_OFFSET};

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
