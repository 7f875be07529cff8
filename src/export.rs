//! Calendar export: the plan as an iCalendar file (RFC 5545) that imports
//! into a phone's calendar. Times are UTC (no VTIMEZONE needed), one VEVENT
//! per occurrence, with a UID derived from the occurrence id so a second
//! import updates rather than duplicates.

use chrono::{DateTime, Utc};

use crate::plan::Plan;

/// Escape a TEXT value (RFC 5545 3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8
/// character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The UID of an occurrence: its id made safe, plus a domain part.
pub(crate) fn uid(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{safe}@aftercare")
}

/// Render the plan. `now` is the DTSTAMP (when the file was made).
pub(crate) fn ics(plan: &Plan, now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//aftercare//aftercare//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Aftercare",
    ] {
        fold(l, &mut out);
    }
    let dtstamp = stamp(now);
    for o in &plan.occurrences {
        let start = o.utc();
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", uid(&o.id)), &mut out);
        fold(&format!("DTSTAMP:{dtstamp}"), &mut out);
        fold(&format!("DTSTART:{}", stamp(start)), &mut out);
        fold(
            &format!("DTEND:{}", stamp(start + chrono::TimeDelta::minutes(5))),
            &mut out,
        );
        fold(&format!("SUMMARY:{}", escape(&o.title)), &mut out);
        if !o.body.is_empty() {
            fold(&format!("DESCRIPTION:{}", escape(&o.body)), &mut out);
        }
        fold(&format!("CATEGORIES:{}", escape(&o.rule)), &mut out);
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("BEGIN:VALARM", &mut out);
        fold("ACTION:DISPLAY", &mut out);
        fold(&format!("DESCRIPTION:{}", escape(&o.title)), &mut out);
        fold("TRIGGER:PT0S", &mut out);
        fold("END:VALARM", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        fold(&"é".repeat(60), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn uid_is_stable_and_safe() {
        assert_eq!(
            uid("sunscreen@2026-11-24T09:00"),
            "sunscreen-2026-11-24T09-00@aftercare"
        );
    }
}
