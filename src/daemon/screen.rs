//! The notifications on screen: which are live, the cap of three, closing
//! the answered ones, and taking over after a restart or a server change.
//!
//! GNOME Shell keeps at most three notifications per app and evicts the
//! oldest, so a fourth is never posted: it is merged into the oldest live
//! one (`replaces_id`), which then lists both. An answered notification is
//! taken off the screen (it is `resident`, so the server would keep it).
//! Notification ids belong to one server process: after a restart on the
//! same server the outstanding ones are replaced in place (so their buttons
//! reach this process); after a server change they are posted again, if
//! they are from today.

use chrono::{DateTime, Utc};
use tracing::{debug, info};

use super::Daemon;
use super::state::{Awaiting, NotShown};
use crate::app::journal::Status;
use crate::ledger::{OnScreen, Posted};
use crate::notifier::{Note, Notifier, Shown};
use crate::plan::resolve_local;

/// GNOME Shell's limit per app.
pub(crate) const MAX_ON_SCREEN: usize = 3;

/// One notification on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Live {
    /// The server's id.
    pub id: u32,
    /// The occurrences it lists (or a pseudo id for an informational one).
    pub ids: Vec<String>,
    /// It has buttons: answers may come, and it stays until answered.
    pub buttons: bool,
    /// When it was first posted.
    pub at: DateTime<Utc>,
    /// It carries the plan-complete text.
    pub last: bool,
}

impl Live {
    /// How the journal keeps it, for the next run.
    fn posted(&self) -> Posted {
        Posted {
            id: self.id,
            ids: self.ids.clone(),
            at: self.at,
            last: self.last,
        }
    }
}

impl<N: Notifier> Daemon<N> {
    /// Shown, with no answer and not closed: it belongs on screen.
    pub(super) fn outstanding(&self, id: &str) -> bool {
        self.journal.status(id) == Some(Status::Sent) && !self.closed.contains(id)
    }

    /// The notification these occurrences go into: the live one that
    /// already lists one of them (a repeat), or, when a new one would be
    /// the fourth on screen, the oldest. With every occurrence to list.
    pub(super) fn target(&self, ids: &[String]) -> (Option<&Live>, Vec<String>) {
        let target = self
            .screen
            .iter()
            .find(|l| l.ids.iter().any(|i| ids.contains(i)))
            .or_else(|| {
                // those with buttons stay until answered; the others go by
                // themselves (the server's timeout)
                let staying = self.screen.iter().filter(|l| l.buttons);
                (staying.clone().count() >= MAX_ON_SCREEN)
                    .then(|| staying.min_by_key(|l| l.at))
                    .flatten()
            });
        let mut all: Vec<String> = target
            .map(|l| {
                l.ids
                    .iter()
                    .filter(|i| !ids.contains(i) && self.outstanding(i))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        all.extend(ids.iter().cloned());
        // in the plan's order (time, then the order of the rules)
        let pos = |id: &String| self.plan.occurrences.iter().position(|o| &o.id == id);
        all.sort_by_key(|id| pos(id).unwrap_or(usize::MAX));
        (target, all)
    }

    /// `note` is on screen as `shown`: it replaces what it replaced, or
    /// joins the list as first posted at `posted` (now, or by the run that
    /// it is taken over from).
    pub(super) fn on_shown(
        &mut self,
        note: &Note,
        shown: &Shown,
        posted: DateTime<Utc>,
        last: bool,
    ) {
        let at = self
            .screen
            .iter()
            .filter(|l| Some(l.id) == note.replaces || l.id == shown.id)
            .map(|l| l.at)
            .min()
            .unwrap_or(posted);
        self.screen
            .retain(|l| Some(l.id) != note.replaces && l.id != shown.id);
        // on screen again (a snooze, a repeat): a close of an earlier one
        // no longer counts
        for id in &note.ids {
            self.closed.remove(id);
        }
        self.screen.push(Live {
            id: shown.id,
            ids: note.ids.clone(),
            buttons: shown.actions,
            at,
            last,
        });
        self.server = Some(shown.server.clone());
        self.remember_screen();
    }

    /// Write down what is on screen (with buttons), for the next run.
    pub(super) fn remember_screen(&mut self) {
        let notes: Vec<Posted> = self
            .screen
            .iter()
            .filter(|l| l.buttons)
            .map(Live::posted)
            .collect();
        let screen = match (&self.server, notes.is_empty()) {
            (Some(server), false) => Some(OnScreen {
                server: server.clone(),
                notes,
            }),
            _ => None,
        };
        // what the last run left stays until it has been taken over
        if self.carried.is_none() {
            self.journal.set_on_screen(screen);
        }
    }

    /// The server closed a notification (dismissed, expired, evicted).
    pub(super) fn closed_on_screen(&mut self, ids: &[String]) {
        let before = self.screen.len();
        self.screen.retain(|l| l.ids != ids);
        if self.screen.len() != before {
            self.remember_screen();
        }
    }

    /// Take answered notifications off the screen: every occurrence they
    /// list was answered (here, or with `aftercare done`).
    pub(super) async fn clear_answered(&mut self) {
        let answered: Vec<u32> = self
            .screen
            .iter()
            .filter(|l| l.buttons && !l.ids.iter().any(|i| self.outstanding(i)))
            .map(|l| l.id)
            .collect();
        if answered.is_empty() {
            return;
        }
        for id in &answered {
            self.notifier.close(*id).await;
        }
        self.screen.retain(|l| !answered.contains(&l.id));
        debug!(count = answered.len(), "answered notifications closed");
        self.remember_screen();
    }

    /// The server went away or was replaced: what was on it is gone (or
    /// its buttons lead nowhere). Post the outstanding ones again.
    pub(super) fn server_changed(&mut self) {
        let notes: Vec<Posted> = self
            .screen
            .iter()
            .filter(|l| l.buttons)
            .map(Live::posted)
            .collect();
        self.screen.clear();
        self.server = None;
        if !notes.is_empty() {
            self.carried = Some(OnScreen {
                // matches no server
                server: String::new(),
                notes,
            });
        }
    }

    /// Take over what the last run (or the last server) left on screen.
    /// `Err` carries the time to try again.
    pub(super) async fn take_over(&mut self, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
        let Some(carried) = self.carried.clone() else {
            return Ok(());
        };
        let server = match self.notifier.server(&self.answers).await {
            Ok(s) => s,
            Err(e) => return Err(self.unavailable(&e.to_string(), now)),
        };
        let same = carried.server == server;
        let tz = self.plan.timezone;
        let today = now.with_timezone(&tz).date_naive();
        let mut rest = carried.notes.clone();
        rest.sort_by_key(|p| p.at);
        let mut taken = 0;
        while let Some(p) = rest.first().cloned() {
            let ids: Vec<String> = p
                .ids
                .iter()
                .filter(|i| self.outstanding(i) && self.plan.get(i).is_some())
                .cloned()
                .collect();
            let until = end_of_day(tz, p.at);
            let stale = if p.last {
                now >= until
            } else {
                p.at.with_timezone(&tz).date_naive() != today
            };
            if ids.is_empty() || (!same && stale) || (p.last && now >= until) {
                if same && ids.is_empty() {
                    // answered meanwhile (`aftercare done`): off the screen
                    self.notifier.close(p.id).await;
                }
                rest.remove(0);
                continue;
            }
            let Some(mut note) = self.note_for(&ids, p.last) else {
                rest.remove(0);
                continue;
            };
            note.replaces = same.then_some(p.id);
            match self.show(&note, now).await {
                Ok(shown) => {
                    self.on_shown(&note, &shown, p.at, p.last);
                    if p.last && shown.actions {
                        self.awaiting = Some(Awaiting { ids, until });
                    }
                    taken += 1;
                }
                Err(NotShown::RetryAt(at)) => {
                    self.carried = Some(OnScreen {
                        server: carried.server,
                        notes: rest,
                    });
                    return Err(at);
                }
                Err(NotShown::Rejected) => {}
            }
            rest.remove(0);
        }
        self.carried = None;
        if taken > 0 {
            info!(
                count = taken,
                same_server = same,
                "unanswered notifications taken over: {}",
                if same {
                    "replaced in place, so their buttons reach this process"
                } else {
                    "posted again on the new notification server"
                }
            );
        }
        self.remember_screen();
        self.save();
        Ok(())
    }
}

/// The end of the local day of `t`.
pub(super) fn end_of_day(tz: crate::zone::Zone, t: DateTime<Utc>) -> DateTime<Utc> {
    t.with_timezone(&tz)
        .date_naive()
        .succ_opt()
        .and_then(|d| resolve_local(tz, d.and_time(chrono::NaiveTime::MIN)))
        .map_or(t, |t| t.with_timezone(&Utc))
}
