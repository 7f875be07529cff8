//! What an occurrence's id holds, in one place: the id is the journal's key
//! for the occurrence, so it must come out the same for the same config
//! (across restarts, reloads and releases) and be told apart from every
//! other occurrence.
//!
//! Today it is `RULE@YYYY-MM-DDTHH:MM` (seconds too when they are not
//! zero): the rule and the occurrence's nominal local time, before quiet
//! hours moved it, with `#2`, `#3`, … when one rule has two occurrences at
//! the same nominal time. Code outside this module builds ids with
//! [`OccurrenceId::new`], reads them back with [`OccurrenceId::parse`] and
//! asks them what they hold ([`OccurrenceId::rule`],
//! [`OccurrenceId::local_date`]); nothing else takes the text apart.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;

/// An occurrence's stable id (see the module's text for what it holds).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct OccurrenceId(String);

impl OccurrenceId {
    /// The id of `rule`'s `n`th occurrence (from 1) at the nominal local
    /// time `nominal`.
    pub fn new(rule: &str, nominal: NaiveDateTime, n: u32) -> OccurrenceId {
        let fmt = if nominal.second() == 0 {
            "%Y-%m-%dT%H:%M"
        } else {
            "%Y-%m-%dT%H:%M:%S"
        };
        let base = format!("{rule}@{}", nominal.format(fmt));
        if n <= 1 {
            OccurrenceId(base)
        } else {
            OccurrenceId(format!("{base}#{n}"))
        }
    }

    /// An id as written in the journal; `None` when the text is not one
    /// (a rule, `@`, a nominal local date and time).
    pub fn parse(text: &str) -> Option<OccurrenceId> {
        let id = OccurrenceId(text.to_string());
        (!id.rule().is_empty() && id.local_date().is_some()).then_some(id)
    }

    /// The text, as the journal keys it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name of the rule it comes from.
    pub fn rule(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(rule, _)| rule)
    }

    /// The nominal local date: quiet hours move the reminder by less than
    /// a day from it.
    pub fn local_date(&self) -> Option<NaiveDate> {
        let (_, at) = self.0.rsplit_once('@')?;
        NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()
    }
}

impl fmt::Display for OccurrenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// As its text (logs show `Some("a@2026-11-23T09:00")`, as before the type).
impl fmt::Debug for OccurrenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
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

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn ids_hold_the_rule_and_the_nominal_local_time() {
        let id = OccurrenceId::new("sunscreen", at("2026-11-23T09:00:00"), 1);
        assert_eq!(id, "sunscreen@2026-11-23T09:00");
        assert_eq!(id.rule(), "sunscreen");
        assert_eq!(id.local_date(), NaiveDate::from_ymd_opt(2026, 11, 23));
        let seconds = OccurrenceId::new("a", at("2026-11-23T09:00:30"), 1);
        assert_eq!(seconds, "a@2026-11-23T09:00:30");
        let second = OccurrenceId::new("a", at("2026-11-23T09:00:00"), 2);
        assert_eq!(second, "a@2026-11-23T09:00#2");
        assert_eq!(second.local_date(), NaiveDate::from_ymd_opt(2026, 11, 23));
    }

    #[test]
    fn the_journal_text_parses_back_to_the_same_id() {
        for id in [
            OccurrenceId::new("sunscreen", at("2026-11-23T09:00:00"), 1),
            OccurrenceId::new("a", at("2027-01-01T23:59:59"), 3),
        ] {
            assert_eq!(OccurrenceId::parse(id.as_str()), Some(id.clone()));
        }
        for not_an_id in ["", "aftercare:complete", "@2026-11-23T09:00", "a@soon"] {
            assert_eq!(OccurrenceId::parse(not_an_id), None, "{not_an_id}");
        }
    }
}
