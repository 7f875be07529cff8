//! Calendar export: the plan as an iCalendar file (RFC 5545) that imports
//! into a phone's calendar. One VEVENT per moment (what the desktop shows
//! as one notification), with a UID derived from its first occurrence's id
//! so a second import updates rather than duplicates. Clock-time routines
//! are in floating local time, milestones and elapsed-time reminders in UTC
//! (no VTIMEZONE needed for either).

use chrono::{DateTime, Utc};

use crate::config::{Config, Trigger};
use crate::daemon::merged_text;
use crate::plan::{Occurrence, Plan};
use crate::zone::Zone;

/// Escape a TEXT value (RFC 5545 3.3.11): backslash, `;` and `,` escaped,
/// line breaks (`\n`, `\r\n`, a lone `\r`) as `\n`; other control
/// characters, which TEXT may not hold, dropped (a tab is allowed).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
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

/// Whether a rule keeps the local clock wherever the person is (`at`,
/// `every`+`between`, not a milestone): its events are written in floating
/// local time (RFC 5545 3.3.5, form 1), so a phone shows them at the same
/// local hour in any zone. Elapsed-time rules (`after`) and milestones hang
/// on an instant after the treatment: their events are in UTC.
fn keeps_local_clock(config: &Config, rule: &str) -> bool {
    config.rules.iter().any(|r| {
        r.name == rule
            && matches!(r.trigger, Trigger::At(_) | Trigger::Every { .. })
            && r.allows.is_none()
            && r.not_before.is_none()
    })
}

/// How an event's time is written: `20261124T080000` (floating) or
/// `20261124T070000Z` (UTC).
fn event_time(moment: &[Occurrence], config: &Config, at: DateTime<Zone>) -> String {
    if moment.iter().all(|o| keeps_local_clock(config, &o.rule)) {
        at.naive_local().format("%Y%m%dT%H%M%S").to_string()
    } else {
        stamp(at.with_timezone(&Utc))
    }
}

/// Render the plan: one event per moment (the reminders the daemon shows
/// as one notification), titled and described as that notification is,
/// with one alarm. `now` is the DTSTAMP (when the file was made).
pub(crate) fn ics(config: &Config, plan: &Plan, now: DateTime<Utc>) -> String {
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
    let moments: Vec<&[Occurrence]> = plan.moments().collect();
    let count = moments.len();
    for (i, moment) in moments.into_iter().enumerate() {
        let members: Vec<&Occurrence> = moment.iter().collect();
        let Some((first, (title, body))) =
            members
                .first()
                .zip(merged_text(config, &members, i + 1 == count))
        else {
            continue;
        };
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", uid(first.id.as_str())), &mut out);
        fold(&format!("DTSTAMP:{dtstamp}"), &mut out);
        fold(
            &format!("DTSTART:{}", event_time(moment, config, first.at)),
            &mut out,
        );
        fold(
            &format!(
                "DTEND:{}",
                event_time(moment, config, first.at + chrono::TimeDelta::minutes(5))
            ),
            &mut out,
        );
        fold(&format!("SUMMARY:{}", escape(&title)), &mut out);
        if !body.is_empty() {
            fold(&format!("DESCRIPTION:{}", escape(&body)), &mut out);
        }
        let mut rules: Vec<String> = Vec::new();
        for o in moment {
            let r = escape(&o.rule);
            if !rules.contains(&r) {
                rules.push(r);
            }
        }
        fold(&format!("CATEGORIES:{}", rules.join(",")), &mut out);
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("BEGIN:VALARM", &mut out);
        fold("ACTION:DISPLAY", &mut out);
        fold(&format!("DESCRIPTION:{}", escape(&title)), &mut out);
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
    use crate::testing;

    /// Each physical line of `ics` (CRLF-terminated, at most 75 octets), and
    /// the text unfolded.
    fn lines(ics: &str) -> (Vec<&str>, String) {
        assert!(ics.ends_with("\r\n"), "CRLF at the end");
        let lines: Vec<&str> = ics
            .strip_suffix("\r\n")
            .unwrap_or(ics)
            .split("\r\n")
            .collect();
        for l in &lines {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
            assert!(!l.contains(['\r', '\n']), "bare line break in {l:?}");
        }
        (lines, ics.replace("\r\n ", ""))
    }

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
    fn control_characters_are_dropped_and_line_breaks_escaped() {
        assert_eq!(escape("ring\u{7}bell"), "ringbell");
        assert_eq!(escape("nul\u{0}esc\u{1b}del\u{7f}c1\u{85}"), "nulescdelc1");
        assert_eq!(escape("tab\tkept"), "tab\tkept");
        assert_eq!(escape("a\r\nb\rc\nd"), "a\\nb\\nc\\nd");
        // nothing in the result is a control character but the tab
        let all: String = (0u8..=0x7f).map(char::from).collect();
        assert!(escape(&all).chars().all(|c| c == '\t' || !c.is_control()));
    }

    #[test]
    fn folds_long_multibyte_lines_at_75_octets_on_character_boundaries() {
        for text in [
            "ä".repeat(100),
            "🧴".repeat(40),
            format!("x{}", "ä€🧴".repeat(30)),
        ] {
            let mut out = String::new();
            fold(&format!("SUMMARY:{text}"), &mut out);
            let (lines, unfolded) = lines(&out);
            assert!(lines.len() > 1, "folded");
            assert!(
                lines[1..].iter().all(|l| l.starts_with(' ')),
                "continuations"
            );
            // every piece is whole characters (a &str), and a full line is
            // not cut short: the next character would not have fit
            for (l, next) in lines.iter().zip(lines.iter().skip(1)) {
                let first = next[1..].chars().next().map_or(0, char::len_utf8);
                assert!(l.len() + first > 75, "{l:?} folded early");
            }
            assert_eq!(unfolded, format!("SUMMARY:{text}\r\n"));
        }
    }

    #[test]
    fn texts_with_control_characters_export_clean() {
        let config = testing::config(
            "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
             [reminders.odd]\ndays = \"1\"\nat = [\"09:00\"]\ntitle = \"Odd\"\n",
        );
        let mut plan = Plan::build(&config).unwrap();
        assert_eq!(plan.occurrences.len(), 1);
        // Set after the build: the config check may refuse such texts, the
        // export must not depend on it.
        plan.occurrences[0].title = "Odd,\u{7} one; here\r\n".into();
        plan.occurrences[0].body = "tab\there\nnew line\u{7}bell \u{1b}[31mred ä🧴".into();
        let now: DateTime<Utc> = "2026-11-20T00:00:00Z".parse().unwrap();
        let ics = ics(&config, &plan, now);
        let (_, unfolded) = lines(&ics);
        assert!(
            !ics.chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n')),
            "no control characters: {ics:?}"
        );
        assert!(
            unfolded.contains("\r\nSUMMARY:Odd\\, one\\; here\\n\r\n"),
            "{unfolded}"
        );
        assert!(
            // the plan's only (so last) moment says the plan is complete, as its
            // notification does
            unfolded.contains(
                "\r\nDESCRIPTION:tab\there\\nnew linebell [31mred ä🧴\\n\\nThat was the last reminder"
            ),
            "{unfolded}"
        );
        assert!(
            unfolded.contains("\r\nDTSTART:20261124T090000\r\n"),
            "{unfolded}"
        );
    }

    #[test]
    fn uid_is_stable_and_safe() {
        let id = "sunscreen@2026-11-24T09:00";
        // stable: the same occurrence gets the same UID every time (a
        // re-import updates the calendar's events instead of doubling them)
        assert_eq!(uid(id), uid(id));
        assert_eq!(uid(id), "sunscreen-2026-11-24T09-00@aftercare");
        // distinct occurrences, distinct UIDs
        assert_ne!(uid(id), uid("sunscreen@2026-11-24T09:00#2"));
        // safe: letters, digits and `-` before the domain part
        let second = uid("sunscreen@2026-11-24T09:00#2");
        let local = second.strip_suffix("@aftercare").unwrap();
        assert!(
            local.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{second}"
        );
    }
}
