//! The journal's ledger, pure: what happened to each occurrence (sent,
//! done, snoozed, missed, merged into another, skipped), by occurrence id.
//!
//! It is only data: the delivery policy reads it, the daemon writes to it,
//! and the store (`crate::journal`) loads and saves it. An id in the ledger
//! is never shown again (snoozes aside): that is what makes restarts free of
//! duplicates.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The ledger's format version on disk. 2: occurrence ids no longer hold a
/// local clock time (`RULE@s1d3T08:00`, not `RULE@2026-11-26T08:00`);
/// version 1's are migrated on the daemon's first start
/// ([`Ledger::migrate_ids`]).
pub(crate) const VERSION: u32 = 2;

/// The treatment as the daemon first resolved it, for a config that names
/// no zone: read in the system zone of that moment, and kept, so that a
/// later change of zone cannot move it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentPin {
    /// The config's first date and time, as written.
    pub local: chrono::NaiveDateTime,
    /// The zone it was read in (an IANA name, or a POSIX rule).
    pub zone: String,
    /// The instant it resolved to.
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Shown; no answer yet (or the server has no actions).
    Sent,
    /// The user clicked Done.
    Done,
    /// The user clicked Snooze; shown again at `until`.
    Snoozed,
    /// Too late to show (machine off or asleep beyond `catch_up`).
    Missed,
    /// Overdue together with a later one of its rule, shown as that one.
    Merged,
    /// Not needed: the user said "Indoors today".
    Skipped,
    /// The bus or the server refused it (its text); not tried again.
    Failed,
}

impl Status {
    /// Every status, in the order reports list them.
    pub const ALL: [Status; 7] = [
        Status::Sent,
        Status::Done,
        Status::Snoozed,
        Status::Missed,
        Status::Merged,
        Status::Skipped,
        Status::Failed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::Done => "done",
            Status::Snoozed => "snoozed",
            Status::Missed => "missed",
            Status::Merged => "merged",
            Status::Skipped => "skipped",
            Status::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub status: Status,
    /// When the status was recorded.
    pub at: DateTime<Utc>,
    /// When it was (last) shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
    /// For `Snoozed`: when to show it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateTime<Utc>>,
    /// For `Merged`: the id it was shown as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// For `Sent`: how often it was shown again unanswered (`repeat`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub repeats: u32,
    /// Fields this release does not know (a later one's): kept as read and
    /// written back, until this entry is recorded anew.
    #[serde(flatten)]
    pub(crate) unknown: Unknown,
}

/// The fields of a journal object that this release does not know, as read:
/// a later release may add fields without a new format version, and an
/// older daemon that rewrites the journal keeps them.
pub(crate) type Unknown = BTreeMap<String, serde_json::Value>;

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Entry {
    /// A bare status recorded at `at` (missed, skipped, …).
    pub fn marked(status: Status, at: DateTime<Utc>) -> Entry {
        Entry {
            status,
            at,
            sent_at: None,
            until: None,
            merged_into: None,
            repeats: 0,
            unknown: Unknown::new(),
        }
    }

    /// Shown at `at`.
    pub fn sent(at: DateTime<Utc>) -> Entry {
        Entry {
            sent_at: Some(at),
            ..Entry::marked(Status::Sent, at)
        }
    }

    /// Answered Done at `at`; it was shown at `sent_at`.
    pub fn done(at: DateTime<Utc>, sent_at: Option<DateTime<Utc>>) -> Entry {
        Entry {
            sent_at,
            ..Entry::marked(Status::Done, at)
        }
    }

    /// Snoozed at `at` until `until`.
    pub fn snoozed(
        at: DateTime<Utc>,
        sent_at: Option<DateTime<Utc>>,
        until: DateTime<Utc>,
    ) -> Entry {
        Entry {
            sent_at,
            until: Some(until),
            ..Entry::marked(Status::Snoozed, at)
        }
    }

    /// Shown at `at` as part of `into`.
    pub fn merged(at: DateTime<Utc>, into: impl AsRef<str>) -> Entry {
        let into = into.as_ref();
        Entry {
            merged_into: Some(into.to_string()),
            ..Entry::marked(Status::Merged, at)
        }
    }
}

/// Every entry, plus the plan-level facts (complete, last config error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub(crate) version: u32,
    /// Read tolerantly: an entry that cannot be read is dropped and
    /// counted ([`Ledger::dropped`]), not the whole file.
    #[serde(default)]
    entries: Entries,
    /// When the plan-complete notification went out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    complete: Option<DateTime<Utc>>,
    /// Fingerprint of the last config error shown, so it is shown once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    config_error_shown: Option<String>,
    /// The notifications with buttons the daemon left on screen, so the
    /// next run can take them over (replace them in place on the same
    /// server, post them again on a new one). Written by the daemon only.
    /// A list that cannot be read is only a lost chance to take over what
    /// was on screen, not a reason to drop the journal: read as absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "or_absent"
    )]
    on_screen: Option<OnScreen>,
    /// The treatment's zone and instant as first resolved (configs that
    /// name no zone).
    /// Unreadable: read as absent (resolved again, as for a journal
    /// without it).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "or_absent"
    )]
    treatment: Option<TreatmentPin>,
    /// Fields this release does not know, kept as read (see [`Unknown`]).
    #[serde(flatten)]
    unknown: Unknown,
}

/// The entries by occurrence id, and how many the file held that could not
/// be read (dropped on reading; never written back).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
struct Entries {
    map: BTreeMap<String, Entry>,
    #[serde(skip)]
    dropped: usize,
}

/// Equal when the entries are: the count of dropped ones is not data.
impl PartialEq for Entries {
    fn eq(&self, other: &Entries) -> bool {
        self.map == other.map
    }
}

impl std::ops::Deref for Entries {
    type Target = BTreeMap<String, Entry>;
    fn deref(&self) -> &Self::Target {
        &self.map
    }
}

impl std::ops::DerefMut for Entries {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.map
    }
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Entries, D::Error> {
        // each entry read on its own, so one bad entry costs only itself
        let raw = BTreeMap::<String, serde_json::Value>::deserialize(d)?;
        let mut entries = Entries::default();
        for (id, value) in raw {
            match serde_json::from_value::<Entry>(value) {
                Ok(e) => {
                    entries.map.insert(id, e);
                }
                Err(_) => entries.dropped += 1,
            }
        }
        Ok(entries)
    }
}

/// An optional part that cannot be read is read as absent.
fn or_absent<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let raw = Option::<serde_json::Value>::deserialize(d)?;
    Ok(raw.and_then(|v| serde_json::from_value(v).ok()))
}

/// Notifications on one server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnScreen {
    /// Which server: the bus's id and the server's unique name on it, so a
    /// restarted server (or bus) never matches.
    pub server: String,
    pub notes: Vec<Posted>,
}

/// One notification on screen: the server's id and the occurrences it
/// stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posted {
    pub id: u32,
    pub ids: Vec<String>,
    /// When it was first posted.
    pub at: DateTime<Utc>,
    /// It is the plan's last reminder (it carries the plan-complete text).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub last: bool,
}

impl Default for Ledger {
    fn default() -> Ledger {
        Ledger {
            version: VERSION,
            entries: Entries::default(),
            complete: None,
            config_error_shown: None,
            on_screen: None,
            treatment: None,
            unknown: Unknown::new(),
        }
    }
}

impl Ledger {
    /// An empty ledger of a format version (as a file of that version
    /// reads).
    #[cfg(test)]
    pub(crate) fn of_version(version: u32) -> Ledger {
        Ledger {
            version,
            ..Ledger::default()
        }
    }

    /// The entry of an occurrence (its [`OccurrenceId`](crate::plan::OccurrenceId),
    /// or the text the journal keys it by).
    pub fn get(&self, id: impl AsRef<str>) -> Option<&Entry> {
        self.entries.get(id.as_ref())
    }

    pub fn status(&self, id: impl AsRef<str>) -> Option<Status> {
        self.get(id).map(|e| e.status)
    }

    /// How many entries the file held that could not be read (and were
    /// dropped when it was read).
    pub(crate) fn dropped(&self) -> usize {
        self.entries.dropped
    }

    pub fn entries(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    pub fn set(&mut self, id: impl AsRef<str>, entry: Entry) {
        self.entries.insert(id.as_ref().to_string(), entry);
    }

    pub fn complete(&self) -> Option<DateTime<Utc>> {
        self.complete
    }

    pub fn set_complete(&mut self, at: DateTime<Utc>) {
        self.complete = Some(at);
    }

    pub fn config_error_shown(&self) -> Option<&str> {
        self.config_error_shown.as_deref()
    }

    /// Returns whether it changed.
    pub fn set_config_error_shown(&mut self, fingerprint: Option<String>) -> bool {
        let changed = self.config_error_shown != fingerprint;
        self.config_error_shown = fingerprint;
        changed
    }

    pub fn on_screen(&self) -> Option<&OnScreen> {
        self.on_screen.as_ref()
    }

    /// Returns whether it changed.
    pub fn set_on_screen(&mut self, screen: Option<OnScreen>) -> bool {
        let changed = self.on_screen != screen;
        self.on_screen = screen;
        changed
    }

    pub fn treatment(&self) -> Option<&TreatmentPin> {
        self.treatment.as_ref()
    }

    /// Returns whether it changed.
    pub fn set_treatment(&mut self, pin: Option<TreatmentPin>) -> bool {
        let changed = self.treatment != pin;
        self.treatment = pin;
        changed
    }

    /// Written with ids of an older format (version 1): to be migrated.
    pub fn needs_migration(&self) -> bool {
        self.version < VERSION
    }

    /// Rename occurrence ids (old → new) everywhere they appear: entries,
    /// `merged_into`, what is on screen. An old id with no new one is kept
    /// as it is (a rule since removed: it matches nothing). Marks the
    /// ledger as current; returns how many entries were renamed.
    pub fn migrate_ids(&mut self, map: &std::collections::HashMap<String, String>) -> usize {
        let rename = |id: &String| map.get(id).cloned().unwrap_or_else(|| id.clone());
        let mut renamed = 0;
        let old = std::mem::take(&mut self.entries.map);
        for (id, mut e) in old {
            e.merged_into = e.merged_into.as_ref().map(rename);
            let new = rename(&id);
            renamed += usize::from(new != id);
            // two old ids on one new one (cannot happen for one plan): the
            // later record wins, as in a merge
            let keep = self.entries.get(&new).is_none_or(|m| e.at > m.at);
            if keep {
                self.entries.insert(new, e);
            }
        }
        if let Some(screen) = &mut self.on_screen {
            for n in &mut screen.notes {
                n.ids = n.ids.iter().map(rename).collect();
            }
        }
        self.version = VERSION;
        renamed
    }

    /// Clamp dates no run could have written: `at`/`sent_at` after `now`,
    /// a snooze ending more than `snooze` after it was asked. Returns how
    /// many entries changed.
    pub fn clamp(&mut self, now: DateTime<Utc>, snooze: std::time::Duration) -> usize {
        let longest = chrono::TimeDelta::from_std(snooze).unwrap_or(chrono::TimeDelta::MAX);
        let mut changed = 0;
        for e in self.entries.values_mut() {
            let before = e.clone();
            e.at = e.at.min(now);
            e.sent_at = e.sent_at.map(|t| t.min(now));
            if let Some(until) = e.until {
                let latest = e.at.checked_add_signed(longest).unwrap_or(until);
                e.until = Some(until.min(latest));
            }
            if *e != before {
                changed += 1;
            }
        }
        changed
    }

    /// Take in another copy (what another process wrote): per id, the entry
    /// recorded later wins, except that an answer of Done is never undone
    /// by what the daemon decided without having seen it (sent, merged,
    /// missed: its clock may be a moment ahead of the command's).
    pub fn merge(&mut self, other: Ledger) {
        if self.treatment.is_none() {
            self.treatment = other.treatment.clone();
        }
        if other.version < self.version {
            // ids of the old format (the file before the daemon migrated
            // it): they name nothing in this one
            return;
        }
        for (id, e) in other.entries.map {
            let newer = self.entries.get(&id).is_none_or(|m| {
                match (m.status == Status::Done, e.status == Status::Done) {
                    (true, false) => false,
                    (false, true) => true,
                    _ => e.at > m.at,
                }
            });
            if newer {
                self.entries.insert(id, e);
            }
        }
        if self.complete.is_none() {
            self.complete = other.complete;
        }
        for (k, v) in other.unknown {
            self.unknown.entry(k).or_insert(v);
        }
        // `on_screen` is the daemon's: this copy's stays
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::utc as t;

    #[test]
    fn merge_never_undoes_a_done() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let mut daemon = Ledger::default();
        daemon.set("a", Entry::merged(t("2026-11-24T10:00:02Z"), "a2"));
        let mut cli = Ledger::default();
        cli.set("a", Entry::done(t("2026-11-24T10:00:01Z"), None));
        daemon.merge(cli.clone());
        assert_eq!(daemon.status("a"), Some(Status::Done));
        // and the other way round
        let mut disk = Ledger::default();
        disk.set("a", Entry::sent(t("2026-11-24T10:00:03Z")));
        cli.merge(disk);
        assert_eq!(cli.status("a"), Some(Status::Done));
    }

    #[test]
    fn merge_takes_the_later_entry_per_id() {
        let mut mine = Ledger::default();
        mine.set("a", Entry::sent(t("2026-11-24T10:00:00Z")));
        mine.set("b", Entry::sent(t("2026-11-24T10:06:00Z")));
        let mut theirs = Ledger::default();
        theirs.set("a", Entry::done(t("2026-11-24T10:05:00Z"), None));
        theirs.set("b", Entry::done(t("2026-11-24T10:01:00Z"), None));
        theirs.set_complete(t("2026-11-24T11:00:00Z"));
        theirs.set("c", Entry::sent(t("2026-11-24T10:01:00Z")));
        mine.set("c", Entry::sent(t("2026-11-24T10:02:00Z")));
        mine.merge(theirs);
        assert_eq!(mine.status("a"), Some(Status::Done));
        // a send recorded after the answer does not undo it
        assert_eq!(mine.status("b"), Some(Status::Done));
        assert_eq!(mine.get("c").map(|e| e.at), Some(t("2026-11-24T10:02:00Z")));
        assert!(mine.complete().is_some());
    }

    #[test]
    fn migrating_renames_entries_merges_and_the_screen() {
        let mut l = Ledger::of_version(1);
        l.set("a@2026-11-24T08:00", Entry::sent(t("2026-11-24T08:00:00Z")));
        l.set(
            "a@2026-11-24T06:00",
            Entry::merged(t("2026-11-24T08:00:00Z"), "a@2026-11-24T08:00"),
        );
        l.set(
            "gone@2026-11-24T08:00",
            Entry::sent(t("2026-11-24T08:00:00Z")),
        );
        l.set_on_screen(Some(OnScreen {
            server: "bus/:1.2".into(),
            notes: vec![Posted {
                id: 7,
                ids: vec!["a@2026-11-24T08:00".into()],
                at: t("2026-11-24T08:00:00Z"),
                last: false,
            }],
        }));
        assert!(l.needs_migration());
        let map: std::collections::HashMap<String, String> = [
            ("a@2026-11-24T08:00", "a@s1d1T08:00"),
            ("a@2026-11-24T06:00", "a@s1d1T06:00"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(l.migrate_ids(&map), 2);
        assert!(!l.needs_migration());
        assert_eq!(l.status("a@s1d1T08:00"), Some(Status::Sent));
        assert_eq!(
            l.get("a@s1d1T06:00").and_then(|e| e.merged_into.as_deref()),
            Some("a@s1d1T08:00")
        );
        // a rule since removed keeps its record; it names nothing
        assert_eq!(l.status("gone@2026-11-24T08:00"), Some(Status::Sent));
        assert_eq!(l.on_screen().unwrap().notes[0].ids, ["a@s1d1T08:00"]);
        // a copy still in the old form (the file before the first save)
        // adds nothing
        let mut old = Ledger::of_version(1);
        old.set("a@2026-11-24T10:00", Entry::sent(t("2026-11-24T10:00:00Z")));
        l.merge(old);
        assert!(l.get("a@2026-11-24T10:00").is_none());
    }

    #[test]
    fn one_schema_reads_tolerantly() {
        // a version 1 file from a later release: unknown fields at every
        // level, one entry that cannot be read, a screen list and a pin in
        // a shape this release does not know
        let text = r#"{
            "version": 1,
            "future": {"x": 1},
            "entries": {
                "a@2026-11-24T08:00": {"status": "sent", "at": "2026-11-24T08:00:00Z", "later": true},
                "b@2026-11-24T09:00": {"status": "exploded", "at": "2026-11-24T09:00:00Z"},
                "c@2026-11-24T10:00": {"status": "done", "at": "2026-11-24T10:00:00Z"}
            },
            "complete": "2026-11-30T10:00:00Z",
            "on_screen": [1, 2],
            "treatment": "yesterday"
        }"#;
        let l: Ledger = serde_json::from_str(text).unwrap();
        assert_eq!(l.version, 1);
        assert!(l.needs_migration());
        assert_eq!(l.dropped(), 1);
        assert_eq!(l.status("a@2026-11-24T08:00"), Some(Status::Sent));
        assert_eq!(l.get("b@2026-11-24T09:00"), None);
        assert_eq!(l.status("c@2026-11-24T10:00"), Some(Status::Done));
        assert_eq!(l.complete(), Some(t("2026-11-30T10:00:00Z")));
        assert!(l.on_screen().is_none());
        assert!(l.treatment().is_none());
        // what is written back keeps the fields this release does not know
        // (a later release's), at the top and in the entries; the entry
        // that could not be read is not written back
        let back = serde_json::to_value(&l).unwrap();
        assert_eq!(back["future"], serde_json::json!({"x": 1}));
        assert_eq!(back["entries"].as_object().unwrap().len(), 2);
        assert_eq!(back["entries"]["a@2026-11-24T08:00"]["later"], true);
        assert!(back["entries"]["c@2026-11-24T10:00"].get("later").is_none());
        // and they survive another round trip unchanged
        let again: Ledger = serde_json::from_value(back.clone()).unwrap();
        assert_eq!(serde_json::to_value(&again).unwrap(), back);
        // a file that is not a ledger at all still fails as a whole
        assert!(serde_json::from_str::<Ledger>(r#"{"entries": {}}"#).is_err());
        assert!(serde_json::from_str::<Ledger>(r#"{"version": 2, "entries": []}"#).is_err());
    }
}
