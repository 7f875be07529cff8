//! What an occurrence's id holds, in one place: the id is the journal's key
//! for the occurrence, so it must come out the same for the same config
//! (across restarts, reloads, releases and changes of time zone) and be
//! told apart from every other occurrence.
//!
//! It names the rule, the session of a series (`s1`, `s2`, …) and the slot
//! within it, none of which depends on the zone:
//! - a clock-time reminder: its plan day and nominal clock time, before
//!   quiet hours moved it (`sunscreen@s1d3T10:00`, seconds too when they
//!   are not zero);
//! - an elapsed-time one (`after`): its offset (`hydrate@s1+6h`);
//! - a milestone (`once`): nothing more, it comes once (`makeup-ok@s1`);
//!
//! with `#2`, `#3`, … when one rule has two at the same slot. Journals
//! before version 2 held `RULE@YYYY-MM-DDTHH:MM` (the nominal local time
//! in the config's zone): [`OccurrenceId::legacy`] builds those, for the
//! migration only. Code outside this module builds ids with the
//! constructors, reads them back with [`OccurrenceId::parse`] and asks
//! them what they hold ([`OccurrenceId::rule`], [`OccurrenceId::slot`]);
//! nothing else takes the text apart.

use std::fmt;

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use serde::Serialize;

/// An occurrence's stable id (see the module's text for what it holds).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct OccurrenceId(String);

/// Where an occurrence sits in its session, as its id says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A plan day and a nominal clock time.
    Clock(u32, NaiveTime),
    /// Seconds after the treatment.
    After(u64),
    /// The rule's one occurrence (a milestone).
    Once,
}

impl OccurrenceId {
    /// The id of `rule`'s `n`th occurrence (from 1) at `slot` of `session`.
    pub fn new(rule: &str, session: u32, slot: Slot, n: u32) -> OccurrenceId {
        let slot = match slot {
            Slot::Clock(day, t) => {
                let fmt = if t.second() == 0 { "%H:%M" } else { "%H:%M:%S" };
                format!("d{day}T{}", t.format(fmt))
            }
            Slot::After(secs) if secs % 3600 == 0 => format!("+{}h", secs / 3600),
            Slot::After(secs) if secs % 60 == 0 => format!("+{}m", secs / 60),
            Slot::After(secs) => format!("+{secs}s"),
            Slot::Once => String::new(),
        };
        OccurrenceId::numbered(format!("{rule}@s{session}{slot}"), n)
    }

    /// The id a journal before version 2 gave `rule`'s `n`th occurrence at
    /// the nominal local time `nominal` (for the migration).
    pub fn legacy(rule: &str, nominal: NaiveDateTime, n: u32) -> OccurrenceId {
        let fmt = if nominal.second() == 0 {
            "%Y-%m-%dT%H:%M"
        } else {
            "%Y-%m-%dT%H:%M:%S"
        };
        OccurrenceId::numbered(format!("{rule}@{}", nominal.format(fmt)), n)
    }

    fn numbered(base: String, n: u32) -> OccurrenceId {
        if n <= 1 {
            OccurrenceId(base)
        } else {
            OccurrenceId(format!("{base}#{n}"))
        }
    }

    /// An id as written in the journal; `None` when the text is not one of
    /// today's form.
    pub fn parse(text: &str) -> Option<OccurrenceId> {
        let id = OccurrenceId(text.to_string());
        (!id.rule().is_empty() && id.slot().is_some()).then_some(id)
    }

    /// The text, as the journal keys it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name of the rule it comes from.
    pub fn rule(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(rule, _)| rule)
    }

    /// The session (from 1) and the slot in it.
    pub fn slot(&self) -> Option<(u32, Slot)> {
        let (_, at) = self.0.rsplit_once('@')?;
        let at = at.split('#').next()?.strip_prefix('s')?;
        let digits = at.find(|c: char| !c.is_ascii_digit()).unwrap_or(at.len());
        let session: u32 = at.get(..digits)?.parse().ok()?;
        let rest = at.get(digits..)?;
        let slot = if let Some(clock) = rest.strip_prefix('d') {
            let (day, time) = clock.split_once('T')?;
            let time = NaiveTime::parse_from_str(time, "%H:%M:%S")
                .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
                .ok()?;
            Slot::Clock(day.parse().ok()?, time)
        } else if let Some(off) = rest.strip_prefix('+') {
            let (n, unit) = off.split_at(off.len().checked_sub(1)?);
            let n: u64 = n.parse().ok()?;
            Slot::After(match unit {
                "h" => n.checked_mul(3600)?,
                "m" => n.checked_mul(60)?,
                "s" => n,
                _ => return None,
            })
        } else if rest.is_empty() {
            Slot::Once
        } else {
            return None;
        };
        Some((session, slot))
    }
}

impl fmt::Display for OccurrenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// As its text (logs show `Some("a@s1d0T09:00")`, as before the type).
impl fmt::Debug for OccurrenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Tests write ids as text; outside tests an id is built or parsed.
#[cfg(test)]
impl From<&str> for OccurrenceId {
    fn from(text: &str) -> OccurrenceId {
        OccurrenceId(text.to_string())
    }
}

/// Looked up by its text (a set of ids asked whether it holds the
/// journal's key): hashed and compared as its text is.
impl std::borrow::Borrow<str> for OccurrenceId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for OccurrenceId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for OccurrenceId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for OccurrenceId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for OccurrenceId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl From<OccurrenceId> for String {
    fn from(id: OccurrenceId) -> String {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M:%S").unwrap()
    }

    #[test]
    fn ids_hold_the_rule_the_session_and_the_slot() {
        let id = OccurrenceId::new("sunscreen", 1, Slot::Clock(3, at("10:00:00")), 1);
        assert_eq!(id, "sunscreen@s1d3T10:00");
        assert_eq!(id.rule(), "sunscreen");
        assert_eq!(id.slot(), Some((1, Slot::Clock(3, at("10:00:00")))));
        let seconds = OccurrenceId::new("a", 2, Slot::Clock(0, at("09:00:30")), 1);
        assert_eq!(seconds, "a@s2d0T09:00:30");
        let second = OccurrenceId::new("a", 1, Slot::Clock(0, at("09:00:00")), 2);
        assert_eq!(second, "a@s1d0T09:00#2");
        assert_eq!(second.slot(), Some((1, Slot::Clock(0, at("09:00:00")))));
        assert_eq!(
            OccurrenceId::new("hydrate", 1, Slot::After(6 * 3600), 1),
            "hydrate@s1+6h"
        );
        assert_eq!(
            OccurrenceId::new("x", 1, Slot::After(90 * 60), 1),
            "x@s1+90m"
        );
        assert_eq!(OccurrenceId::new("x", 1, Slot::After(61), 1), "x@s1+61s");
        assert_eq!(OccurrenceId::new("ok", 3, Slot::Once, 1), "ok@s3");
        let legacy = NaiveDateTime::parse_from_str("2026-11-23T09:00:00", "%Y-%m-%dT%H:%M:%S");
        assert_eq!(
            OccurrenceId::legacy("a", legacy.unwrap(), 2),
            "a@2026-11-23T09:00#2"
        );
    }

    #[test]
    fn the_journal_text_parses_back_to_the_same_id() {
        for id in [
            OccurrenceId::new("sunscreen", 1, Slot::Clock(3, at("10:00:00")), 1),
            OccurrenceId::new("a", 2, Slot::Clock(0, at("23:59:59")), 3),
            OccurrenceId::new("h", 1, Slot::After(3 * 3600), 1),
            OccurrenceId::new("h", 1, Slot::After(61), 2),
            OccurrenceId::new("ok", 1, Slot::Once, 1),
        ] {
            assert_eq!(OccurrenceId::parse(id.as_str()), Some(id.clone()));
        }
        for not_an_id in [
            "",
            "aftercare:complete",
            "@s1d0T09:00",
            "a@soon",
            "a@2026-11-23T09:00",
            "a@s1d0T25:00",
            "a@s1+3x",
        ] {
            assert_eq!(OccurrenceId::parse(not_an_id), None, "{not_an_id}");
        }
    }
}
