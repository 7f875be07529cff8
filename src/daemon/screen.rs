//! What is on screen: the notifications posted and live, the cap of three,
//! which were closed without an answer, and what a previous run (or
//! server) left to take over.
//!
//! GNOME Shell keeps at most three notifications per app and evicts the
//! oldest, so a fourth is never posted: it is merged into the oldest live
//! one (`replaces_id`), which then lists both. An answered notification is
//! taken off the screen (it is `resident`, so the server would keep it).
//! Notification ids belong to one server process: after a restart on the
//! same server the outstanding ones are replaced in place (so their buttons
//! reach this process); after a server change they are posted again, if
//! they are from today.
//!
//! [`Screen`] only keeps the books; the daemon posts and closes (it has the
//! notifier) and asks it what to do.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::app::journal::{Journal, Status};
use crate::ledger::{OnScreen, Posted};
use crate::notifier::{Note, Shown};
use crate::plan::{OccurrenceId, Plan};

/// GNOME Shell's limit per app.
pub(crate) const MAX_ON_SCREEN: usize = 3;

/// One notification on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Live {
    /// The server's id.
    id: u32,
    /// The occurrences it lists (none for one that only informs).
    ids: Vec<OccurrenceId>,
    /// It has buttons: answers may come, and it stays until answered.
    buttons: bool,
    /// When it was first posted.
    at: DateTime<Utc>,
    /// It carries the plan-complete text.
    last: bool,
}

impl Live {
    /// How the journal keeps it, for the next run.
    fn posted(&self) -> Posted {
        Posted {
            id: self.id,
            ids: self.ids.iter().map(OccurrenceId::to_string).collect(),
            at: self.at,
            last: self.last,
        }
    }
}

/// The notifications on screen and their server.
#[derive(Debug, Default)]
pub(crate) struct Screen {
    /// Oldest first.
    live: Vec<Live>,
    /// The server they are on ([`Notifier::server`](crate::notifier::Notifier::server)).
    server: Option<String>,
    /// What a previous run or server left on screen, to take over.
    carried: Option<OnScreen>,
    /// Occurrences whose notification was closed without an answer.
    closed: HashSet<OccurrenceId>,
}

impl Screen {
    /// An empty screen, with what the last run left on it (the journal's
    /// `on_screen`) to take over.
    pub(crate) fn new(carried: Option<OnScreen>) -> Screen {
        Screen {
            carried,
            ..Screen::default()
        }
    }

    /// How many notifications are on screen.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.live.len()
    }

    /// Shown, with no answer and not closed: it belongs on screen.
    pub(crate) fn outstanding(&self, journal: &Journal, id: impl AsRef<str>) -> bool {
        let id = id.as_ref();
        journal.status(id) == Some(Status::Sent) && !self.closed.contains(id)
    }

    /// The notification these occurrences go into: the server's id of the
    /// live one that already lists one of them (a repeat), or, when a new
    /// one would be the fourth on screen, of the oldest. With every
    /// occurrence to list, in the plan's order.
    pub(crate) fn target(
        &self,
        ids: &[OccurrenceId],
        journal: &Journal,
        plan: &Plan,
    ) -> (Option<u32>, Vec<OccurrenceId>) {
        let target = self
            .live
            .iter()
            .find(|l| l.ids.iter().any(|i| ids.contains(i)))
            .or_else(|| {
                // those with buttons stay until answered; the others go by
                // themselves (the server's timeout)
                let staying = self.live.iter().filter(|l| l.buttons);
                (staying.clone().count() >= MAX_ON_SCREEN)
                    .then(|| staying.min_by_key(|l| l.at))
                    .flatten()
            });
        let mut all: Vec<OccurrenceId> = target
            .map(|l| {
                l.ids
                    .iter()
                    .filter(|i| !ids.contains(i) && self.outstanding(journal, i))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        all.extend(ids.iter().cloned());
        // in the plan's order (time, then the order of the rules)
        let pos = |id: &OccurrenceId| plan.occurrences.iter().position(|o| o.id == *id);
        all.sort_by_key(|id| pos(id).unwrap_or(usize::MAX));
        (target.map(|l| l.id), all)
    }

    /// `note` is on screen as `shown`: it replaces what it replaced, or
    /// joins the list as first posted at `posted` (now, or by the run that
    /// it is taken over from).
    pub(crate) fn shown(&mut self, note: &Note, shown: &Shown, posted: DateTime<Utc>, last: bool) {
        let at = self
            .live
            .iter()
            .filter(|l| Some(l.id) == note.replaces || l.id == shown.id)
            .map(|l| l.at)
            .min()
            .unwrap_or(posted);
        self.live
            .retain(|l| Some(l.id) != note.replaces && l.id != shown.id);
        // on screen again (a snooze, a repeat): a close of an earlier one
        // no longer counts
        for id in &note.ids {
            self.closed.remove(id);
        }
        self.live.push(Live {
            id: shown.id,
            ids: note.ids.clone(),
            buttons: shown.actions,
            at,
            last,
        });
        self.server = Some(shown.server.clone());
    }

    /// Write down what is on screen (with buttons) in the journal, for the
    /// next run; what the last run left stays there until it has been
    /// taken over.
    pub(crate) fn remember(&self, journal: &mut Journal) {
        if self.carried.is_some() {
            return;
        }
        let notes = self.with_buttons();
        let screen = match (&self.server, notes.is_empty()) {
            (Some(server), false) => Some(OnScreen {
                server: server.clone(),
                notes,
            }),
            _ => None,
        };
        journal.set_on_screen(screen);
    }

    /// The server closed the notification of `ids` (dismissed, expired,
    /// evicted) without an answer; whether it was on screen.
    pub(crate) fn closed(&mut self, ids: &[OccurrenceId]) -> bool {
        self.closed.extend(ids.iter().cloned());
        let before = self.live.len();
        self.live.retain(|l| l.ids != ids);
        self.live.len() != before
    }

    /// The notifications with buttons on screen, as the journal keeps them.
    fn with_buttons(&self) -> Vec<Posted> {
        self.live
            .iter()
            .filter(|l| l.buttons)
            .map(Live::posted)
            .collect()
    }

    /// The notifications with buttons whose every occurrence was answered
    /// (here, or with `aftercare done`): the server's ids, to close.
    pub(crate) fn answered(&self, journal: &Journal) -> Vec<u32> {
        self.live
            .iter()
            .filter(|l| l.buttons && !l.ids.iter().any(|i| self.outstanding(journal, i)))
            .map(|l| l.id)
            .collect()
    }

    /// These notifications were closed by us.
    pub(crate) fn remove(&mut self, ids: &[u32]) {
        self.live.retain(|l| !ids.contains(&l.id));
    }

    /// The server went away or was replaced: what was on it is gone (or
    /// its buttons lead nowhere); the outstanding ones are carried, to be
    /// posted again. Whether there is anything to take over.
    pub(crate) fn server_changed(&mut self) -> bool {
        let notes = self.with_buttons();
        self.live.clear();
        self.server = None;
        if !notes.is_empty() {
            self.carried = Some(OnScreen {
                // matches no server
                server: String::new(),
                notes,
            });
        }
        self.carried.is_some()
    }

    /// What is left to take over, if anything.
    pub(crate) fn carried(&self) -> Option<&OnScreen> {
        self.carried.as_ref()
    }

    /// What is still to take over (`None`: all taken over).
    pub(crate) fn carry(&mut self, left: Option<OnScreen>) {
        self.carried = left;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::journal::Entry;

    use crate::testing::november_2026 as t;

    fn note(ids: &[&str], replaces: Option<u32>) -> Note {
        Note {
            ids: ids.iter().map(|s| OccurrenceId::from(*s)).collect(),
            replaces,
            ..Note::info("t", "b")
        }
    }

    fn shown(id: u32) -> Shown {
        Shown {
            id,
            actions: true,
            server: "bus/:1.7".into(),
        }
    }

    #[test]
    fn a_closed_notification_leaves_the_screen_and_is_no_longer_outstanding() {
        let dir = tempfile::tempdir().unwrap();
        let (mut j, _) = Journal::open(&dir.path().join("j.json"), t("23T09:00:00"));
        j.set("a@1", Entry::sent(t("23T09:00:00")));
        let mut s = Screen::default();
        s.shown(&note(&["a@1"], None), &shown(7), t("23T09:00:00"), false);
        assert!(s.outstanding(&j, "a@1"));
        assert_eq!(s.answered(&j), Vec::<u32>::new());
        assert!(s.closed(&["a@1".into()]));
        assert_eq!(s.len(), 0);
        assert!(!s.outstanding(&j, "a@1"));
        // shown again (a snooze): the close no longer counts
        s.shown(&note(&["a@1"], None), &shown(8), t("23T09:20:00"), false);
        assert!(s.outstanding(&j, "a@1"));
    }

    #[test]
    fn answered_ones_are_found_and_a_replacement_keeps_the_first_posting_time() {
        let dir = tempfile::tempdir().unwrap();
        let (mut j, _) = Journal::open(&dir.path().join("j.json"), t("23T09:00:00"));
        j.set("a@1", Entry::sent(t("23T09:00:00")));
        let mut s = Screen::default();
        s.shown(&note(&["a@1"], None), &shown(7), t("23T09:00:00"), false);
        s.shown(&note(&["a@1"], Some(7)), &shown(7), t("23T10:00:00"), false);
        assert_eq!(s.len(), 1);
        s.remember(&mut j);
        let on = j.on_screen().unwrap();
        assert_eq!(on.notes[0].at, t("23T09:00:00"));
        assert_eq!(on.server, "bus/:1.7");
        j.set("a@1", Entry::done(t("23T10:01:00"), None));
        assert_eq!(s.answered(&j), [7]);
        s.remove(&[7]);
        assert_eq!(s.len(), 0);
    }

    #[test]
    fn a_server_change_carries_what_had_buttons_and_holds_the_journal_until_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let (mut j, _) = Journal::open(&dir.path().join("j.json"), t("23T09:00:00"));
        let mut s = Screen::default();
        assert!(!s.server_changed(), "nothing to take over");
        s.shown(&note(&["a@1"], None), &shown(7), t("23T09:00:00"), false);
        s.remember(&mut j);
        assert!(s.server_changed());
        assert_eq!(s.len(), 0);
        assert_eq!(s.carried().unwrap().server, "", "matches no server");
        // while carried, the journal keeps what it had
        s.remember(&mut j);
        assert_eq!(j.on_screen().unwrap().notes.len(), 1);
        s.carry(None);
        s.remember(&mut j);
        assert_eq!(j.on_screen(), None);
    }
}
