//! The daemon: the parts it is made of, and one step at `now`.
//!
//! [`Daemon`] composes the plan window ([`PlanWindow`]), what is on screen
//! ([`Screen`]), the answer awaited at the end ([`Awaited`]) and the
//! server's retry state ([`Retry`]) with the config, the journal and the
//! notifier; [`Daemon::tick`] reads as the few calls of a step. It is
//! independent of the scheduler (`jobs.rs`) and of the clock: `now` is
//! given.

use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::mpsc::UnboundedSender;
use tracing::{debug, error, info, warn};

use super::awaited::{Awaited, Verdict};
use super::event::Outcome;
use super::notes::Notes;
use super::retry::Retry;
use super::screen::Screen;
use super::time::{ceil_second, delta};
use super::window::PlanWindow;
use crate::app::journal::{Entry, Journal, Status};
use crate::config::Config;
use crate::notifier::{Answer, Button, Note, Notifier, ShowError, Shown};
use crate::plan::{OccurrenceId, Overview, Plan, PlanError, resolve_local};
use crate::policy::Show;
use crate::zone::Zone;
use crate::{policy, report};

/// The daemon's state and decisions, independent of the scheduler.
#[derive(Debug)]
pub(crate) struct Daemon<N> {
    config: Config,
    /// The part of the plan held, and the whole plan's overview.
    window: PlanWindow,
    journal: Journal,
    notifier: N,
    answers: UnboundedSender<Answer>,
    /// While the notification server is unreachable.
    retry: Retry,
    /// The plan was over (or empty) before this process started.
    started_after_end: bool,
    /// A journal write failed; logged once until it works again.
    journal_failing: bool,
    /// The notifications on screen.
    screen: Screen,
    /// The plan's last notification, waited on for its answer.
    awaited: Awaited,
    /// The wall-clock time the clock can really have reached, and the time
    /// since boot when it was reckoned ([`Daemon::observe_clock`]).
    trusted: Option<(DateTime<Utc>, Duration)>,
}

/// Why a notification is not on screen.
#[derive(Debug)]
enum NotShown {
    /// The server is away: try again then.
    RetryAt(DateTime<Utc>),
    /// The bus refused this one.
    Rejected,
}

impl<N: Notifier> Daemon<N> {
    pub(crate) fn new(
        config: Config,
        mut journal: Journal,
        notifier: N,
        answers: UnboundedSender<Answer>,
        now: DateTime<Utc>,
    ) -> Result<Self, PlanError> {
        let clamped = journal.clamp(now, config.snooze);
        if clamped > 0 {
            warn!(
                count = clamped,
                "journal entries dated in the future or snoozed too long were clamped"
            );
        }
        let window = PlanWindow::new(&config, &journal, now)?;
        let started_after_end = journal.complete().is_none()
            && window
                .overview()
                .last
                .is_none_or(|last| last + delta(config.catch_up) < now);
        let screen = Screen::new(journal.on_screen().cloned());
        let mut d = Daemon {
            config,
            window,
            journal,
            notifier,
            answers,
            retry: Retry::default(),
            started_after_end,
            journal_failing: false,
            screen,
            awaited: Awaited::default(),
            trusted: None,
        };
        d.record_missed(None, now);
        Ok(d)
    }

    /// The config in use.
    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// The whole plan's size and ends.
    pub(crate) fn overview(&self) -> &Overview {
        self.window.overview()
    }

    /// The occurrences in the window.
    pub(crate) fn plan(&self) -> &Plan {
        self.window.plan()
    }

    pub(crate) fn journal(&self) -> &Journal {
        &self.journal
    }

    pub(crate) fn journal_mut(&mut self) -> &mut Journal {
        &mut self.journal
    }

    #[cfg(test)]
    pub(crate) fn notifier(&self) -> &N {
        &self.notifier
    }

    #[cfg(test)]
    pub(crate) fn notifier_mut(&mut self) -> &mut N {
        &mut self.notifier
    }

    #[cfg(test)]
    pub(crate) fn screen(&self) -> &Screen {
        &self.screen
    }

    #[cfg(test)]
    pub(crate) fn retry(&self) -> &Retry {
        &self.retry
    }

    #[cfg(test)]
    pub(crate) fn span(&self) -> super::time::Span {
        self.window.span()
    }

    /// The notes of this config over the window.
    fn notes(&self) -> Notes<'_> {
        Notes::new(&self.config, self.window.plan())
    }

    /// Save the journal; a failure is logged once until it works again.
    pub(crate) fn save(&mut self) {
        match self.journal.save() {
            Ok(()) => {
                if self.journal_failing {
                    info!(name: "journal_written_again", "journal written again");
                    self.journal_failing = false;
                }
            }
            Err(e) => {
                if !self.journal_failing {
                    error!(name: "journal_unwritable", path = %self.journal.path().display(), "cannot write the journal: {e}; keeping it in memory and retrying until it works");
                    self.journal_failing = true;
                }
            }
        }
    }

    /// Show a note, tracking the server's availability. `Err` carries the
    /// time to retry.
    async fn show(&mut self, note: &Note, now: DateTime<Utc>) -> Result<Shown, NotShown> {
        if let Some(at) = self.retry.pending(now) {
            return Err(NotShown::RetryAt(at));
        }
        match self.notifier.show(note, &self.answers).await {
            Ok(shown) => {
                if self.retry.reached() {
                    info!("notification server reachable again");
                }
                Ok(shown)
            }
            Err(ShowError::Rejected(e)) => {
                // this notification, not the server: the queue moves on
                let ids: Vec<&str> = note.ids.iter().map(OccurrenceId::as_str).collect();
                warn!(id = %ids.join(","), "the bus refused a notification: {e}; recorded as failed");
                Err(NotShown::Rejected)
            }
            Err(ShowError::Unavailable(e)) => Err(NotShown::RetryAt(self.unavailable(&e, now))),
        }
    }

    /// Show a note of its own (not a reminder: a config error); whether it
    /// is on screen.
    pub(crate) async fn show_note(&mut self, note: &Note, now: DateTime<Utc>) -> bool {
        self.show(note, now).await.is_ok()
    }

    /// The server cannot be reached: when to try again (with backoff).
    fn unavailable(&mut self, e: &str, now: DateTime<Utc>) -> DateTime<Utc> {
        let (attempt, at) = self.retry.failed(now);
        if attempt == 0 {
            warn!(
                name: "server_unavailable",
                "cannot show notifications: {e}; retrying with backoff while reminders are within catch_up"
            );
        } else {
            debug!(attempt, "notification server still unreachable: {e}");
        }
        at
    }

    /// Do what is due at `now`: take over what an earlier run left on
    /// screen, settle what is too late, show what is due, take answered
    /// notifications off the screen, and finish when the plan is over.
    pub(crate) async fn tick(&mut self, now: DateTime<Utc>) -> Outcome {
        let mut wakes = Vec::new();
        // `aftercare done` may have answered from the command line.
        self.journal.merge_from_disk();
        self.refresh_window(now);
        wakes.extend(self.take_over(now).await.err());
        let d = self.decide(now);
        self.record_too_late(&d.missed, now);
        wakes.extend(deferred(d.deferred_until));
        wakes.extend(self.show_moment(&d.show, now).await.err());
        self.clear_answered().await;
        self.save();
        let finished = self.is_over() && self.finish(now, &mut wakes).await;
        Outcome::new(wakes, finished)
    }

    /// What the policy says is due, missed or deferred at `now` (a clock
    /// that jumped ahead is not believed for what is missed).
    fn decide(&self, now: DateTime<Utc>) -> policy::Decision {
        policy::decide_trusting(
            self.window.plan(),
            &self.journal,
            now,
            self.trusted.map_or(now, |(t, _)| t.min(now)),
            self.config.catch_up,
            self.config.quiet_hours.as_ref(),
        )
    }

    /// Record as missed what came due too long ago to show (beyond
    /// catch_up).
    fn record_too_late(&mut self, missed: &[OccurrenceId], now: DateTime<Utc>) {
        if missed.is_empty() {
            return;
        }
        for id in missed {
            self.journal.set(id, Entry::marked(Status::Missed, now));
        }
        if self.started_after_end {
            info!(
                count = missed.len(),
                "recorded reminders of the past plan as missed"
            );
        } else {
            info!(count = missed.len(), ids = ?missed, "missed: too late to show (beyond catch_up)");
        }
    }

    /// Whether every occurrence of the plan is settled (the window reaches
    /// the plan's end).
    fn is_over(&self) -> bool {
        self.window.reaches_end() && policy::all_settled(self.window.plan(), &self.journal)
    }

    /// Everything due at this moment, as one notification; recorded once
    /// it is on screen. The plan's last one says the plan is complete.
    async fn show_moment(
        &mut self,
        shows: &[Show],
        now: DateTime<Utc>,
    ) -> Result<(), DateTime<Utc>> {
        if shows.is_empty() {
            return Ok(());
        }
        let ids: Vec<OccurrenceId> = shows.iter().map(|s| s.id.clone()).collect();
        let covered =
            |id: &OccurrenceId| shows.iter().any(|s| s.id == *id || s.merged.contains(id));
        let last = self.window.reaches_end()
            && self
                .window
                .plan()
                .occurrences
                .iter()
                .all(|o| covered(&o.id) || policy::due_at(o, &self.journal).is_none());
        // a repeat replaces its notification; a fourth joins the oldest
        let (replaces, listed) = self.screen.target(&ids, &self.journal, self.window.plan());
        let Some(mut note) = self.notes().note_for(&listed, last) else {
            return Ok(());
        };
        note.replaces = replaces;
        let shown = match self.show(&note, now).await {
            Ok(shown) => shown,
            Err(NotShown::RetryAt(at)) => return Err(at),
            Err(NotShown::Rejected) => {
                for id in &ids {
                    self.journal.set(id, Entry::marked(Status::Failed, now));
                }
                self.save();
                return Ok(());
            }
        };
        for s in shows {
            let repeats = match self.journal.get(&s.id) {
                Some(e) if e.status == Status::Sent => e.repeats + 1,
                _ => 0,
            };
            self.journal.set(
                &s.id,
                Entry {
                    repeats,
                    ..Entry::sent(now)
                },
            );
            for m in &s.merged {
                self.journal.set(m, Entry::merged(now, &s.id));
            }
        }
        self.on_shown(&note, &shown, now, last);
        if last {
            self.journal.set_complete(now);
            match shown.actions {
                true => self
                    .awaited
                    .wait(ids.clone(), end_of_day(self.window.plan().timezone, now)),
                false => self.awaited.stop(),
            }
        }
        // Persist before anything else: a crash from here on must not show
        // it again.
        self.save();
        for s in shows {
            let rule = self
                .window
                .plan()
                .get(&s.id)
                .map(|o| o.rule.as_str())
                .unwrap_or_default();
            let late_ms = u64::try_from(s.late.as_millis()).unwrap_or(u64::MAX);
            if s.merged.is_empty() {
                info!(name: "sent", %rule, id = %s.id, late_ms, resnooze = s.resnooze, together = ids.len(), "sent");
            } else {
                info!(name: "sent", %rule, id = %s.id, late_ms, collapsed = s.merged.len(), together = ids.len(), "sent once for several overdue reminders of this rule");
            }
        }
        if last {
            info!(
                name: "last_reminder_sent",
                buttons = shown.actions,
                "plan complete: the last reminder says so"
            );
        }
        Ok(())
    }

    /// Everything is settled: say so once and report whether to exit. After
    /// the last reminder, wait for its answer until the end of its day.
    async fn finish(&mut self, now: DateTime<Utc>, wakes: &mut Vec<DateTime<Utc>>) -> bool {
        let verdict = self
            .awaited
            .verdict(now, |id| self.screen.outstanding(&self.journal, id));
        match verdict {
            Verdict::Until(until) => {
                wakes.push(until);
                return false;
            }
            Verdict::Over { answered } => {
                info!(
                    answered,
                    "the last reminder was answered or closed, or its day is over; exiting"
                );
                return true;
            }
            Verdict::Nothing => {}
        }
        if let Some(at) = self.journal.complete() {
            info!(%at, "the plan was already complete; nothing left to do");
            return true;
        }
        if self.started_after_end {
            info!(name: "plan_ended_before_start", ended = ?self.window.overview().last.map(|t| t.to_rfc3339()), "the plan ended before aftercare started; nothing to remind, exiting");
            return true;
        }
        // The last reminders went by unseen (missed): a note of its own.
        let note = self.notes().complete_note();
        match self.show(&note, now).await {
            Ok(_) | Err(NotShown::Rejected) => {
                info!("plan complete: sent the final notification");
                self.journal.set_complete(now);
                self.save();
                true
            }
            Err(NotShown::RetryAt(retry_at)) => {
                let last = self.window.overview().last.unwrap_or(now);
                if now - last > delta(self.config.catch_up) {
                    warn!("plan complete, but the final notification could not be shown; exiting");
                    return true;
                }
                wakes.push(retry_at);
                false
            }
        }
    }

    /// Record the user's answer for every reminder of the notification;
    /// returns whether anything changed (then the loop steps).
    pub(crate) fn answer(&mut self, a: &Answer, now: DateTime<Utc>) -> bool {
        match a {
            Answer::Pressed {
                ids,
                button: Button::Indoors,
            } => {
                for id in ids {
                    let sent_at = self.journal.get(id).and_then(|e| e.sent_at);
                    if !self.indoors(id, sent_at, now) {
                        self.journal.set(id, Entry::done(now, sent_at));
                    }
                }
            }
            Answer::Pressed {
                ids,
                button: button @ (Button::Done | Button::Snooze),
            } => {
                let until = (*button == Button::Snooze)
                    .then(|| ceil_second(now + delta(self.config.snooze)));
                for id in ids {
                    let sent_at = self.journal.get(id).and_then(|e| e.sent_at);
                    let entry = match until {
                        Some(until) => Entry::snoozed(now, sent_at, until),
                        None => Entry::done(now, sent_at),
                    };
                    self.journal.set(id, entry);
                }
                // On disk before it is reported.
                self.save();
                for id in ids {
                    match until {
                        Some(until) => info!(name: "snoozed", %id, %until, "snoozed"),
                        None => info!(name: "done", %id, "done"),
                    }
                }
                return true;
            }
            Answer::Closed { ids } => {
                // Not an answer: the reminders stay as sent (never done).
                debug!(?ids, "notification closed without an answer");
                if self.screen.closed(ids) {
                    self.screen.remember(&mut self.journal);
                }
                self.save();
                return self.awaited.is_waiting();
            }
            Answer::ServerChanged => return self.screen.server_changed(),
        }
        self.save();
        true
    }

    /// "Indoors today": this one is done, the rest of its rule today skipped.
    fn indoors(
        &mut self,
        id: &OccurrenceId,
        sent_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> bool {
        let plan = self.window.plan();
        let Some(o) = plan.get(id) else {
            return false;
        };
        let (rule, date) = (o.rule.clone(), o.at.date_naive());
        let rest: Vec<OccurrenceId> = plan
            .occurrences
            .iter()
            .filter(|x| {
                x.rule == rule
                    && x.at.date_naive() == date
                    && x.id != *id
                    && policy::due_at(x, &self.journal).is_some()
            })
            .map(|x| x.id.clone())
            .collect();
        self.journal.set(id, Entry::done(now, sent_at));
        for r in &rest {
            self.journal.set(r, Entry::marked(Status::Skipped, now));
        }
        self.save();
        info!(name: "indoors_today", %id, skipped = rest.len(), "indoors today: the rest of this rule's reminders today are skipped");
        true
    }

    /// Swap in a new config; an error (a plan too large) leaves the old
    /// one in place.
    pub(crate) fn replace_config(
        &mut self,
        config: Config,
        now: DateTime<Utc>,
    ) -> Result<(), PlanError> {
        self.window = PlanWindow::new(&config, &self.journal, now)?;
        self.config = config;
        self.record_missed(None, now);
        Ok(())
    }

    /// Check the wall clock against the time since boot (which counts a
    /// suspend but cannot be set): a jump forward beyond what really passed
    /// is a clock change, not believed when deciding what was missed.
    pub(crate) fn observe_clock(&mut self, now: DateTime<Utc>, since_boot: Duration) {
        const SLACK: chrono::TimeDelta = chrono::TimeDelta::seconds(60);
        let trusted = match self.trusted {
            None => now,
            Some((t, boot)) => {
                let real = delta(since_boot.saturating_sub(boot));
                let reachable = t + real;
                if now <= reachable + SLACK {
                    now
                } else {
                    info!(
                        ahead_s = (now - reachable).num_seconds(),
                        "the wall clock jumped ahead of the time that passed; nothing is recorded missed on its word"
                    );
                    reachable
                }
            }
        };
        self.trusted = Some((trusted, since_boot));
    }

    /// The one-line status for systemd: "next: Sunscreen at 15:00 (day 2)".
    pub(crate) fn status_line(&self, now: DateTime<Utc>) -> String {
        let m = crate::i18n::messages(self.config.language.lang);
        report::next_line(m, self.window.plan(), &self.journal, now)
    }

    /// `note` is on screen as `shown` (first posted at `posted`).
    fn on_shown(&mut self, note: &Note, shown: &Shown, posted: DateTime<Utc>, last: bool) {
        self.screen.shown(note, shown, posted, last);
        self.screen.remember(&mut self.journal);
    }

    /// Take answered notifications off the screen: every occurrence they
    /// list was answered (here, or with `aftercare done`).
    async fn clear_answered(&mut self) {
        let answered = self.screen.answered(&self.journal);
        if answered.is_empty() {
            return;
        }
        for id in &answered {
            self.notifier.close(*id).await;
        }
        self.screen.remove(&answered);
        debug!(count = answered.len(), "answered notifications closed");
        self.screen.remember(&mut self.journal);
    }

    /// Take over what the last run (or the last server) left on screen.
    /// `Err` carries the time to try again.
    async fn take_over(&mut self, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
        let Some(carried) = self.screen.carried().cloned() else {
            return Ok(());
        };
        let server = match self.notifier.server(&self.answers).await {
            Ok(s) => s,
            Err(e) => return Err(self.unavailable(&e.to_string(), now)),
        };
        let same = carried.server == server;
        let tz = self.window.plan().timezone;
        let today = now.with_timezone(&tz).date_naive();
        let mut rest = carried.notes.clone();
        rest.sort_by_key(|p| p.at);
        let mut taken = 0;
        while let Some(p) = rest.first().cloned() {
            // the journal's text of the ids, as the plan's occurrences
            let ids: Vec<OccurrenceId> = p
                .ids
                .iter()
                .filter_map(|i| self.window.plan().get(i))
                .map(|o| o.id.clone())
                .filter(|i| self.screen.outstanding(&self.journal, i))
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
            let Some(mut note) = self.notes().note_for(&ids, p.last) else {
                rest.remove(0);
                continue;
            };
            note.replaces = same.then_some(p.id);
            match self.show(&note, now).await {
                Ok(shown) => {
                    self.on_shown(&note, &shown, p.at, p.last);
                    if p.last && shown.actions {
                        self.awaited.wait(ids, until);
                    }
                    taken += 1;
                }
                Err(NotShown::RetryAt(at)) => {
                    self.screen.carry(Some(crate::ledger::OnScreen {
                        server: carried.server,
                        notes: rest,
                    }));
                    return Err(at);
                }
                Err(NotShown::Rejected) => {}
            }
            rest.remove(0);
        }
        self.screen.carry(None);
        if taken > 0 {
            info!(
                name: "taken_over",
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
        self.screen.remember(&mut self.journal);
        self.save();
        Ok(())
    }

    /// Record as missed what lies before the window, from `since`, with no
    /// record yet: it is beyond catch-up (aftercare was stopped or asleep).
    fn record_missed(&mut self, since: Option<DateTime<Utc>>, now: DateTime<Utc>) {
        let (missed, visited) = self
            .window
            .unrecorded_before(&self.config, &self.journal, since);
        if let Err(e) = visited {
            error!("cannot look back over the plan: {e}");
        }
        if missed.is_empty() {
            return;
        }
        for id in &missed {
            self.journal.set(id, Entry::marked(Status::Missed, now));
        }
        info!(
            count = missed.len(),
            "recorded reminders as missed: too late to show (aftercare was not running or the machine slept)"
        );
    }

    /// Move the window along when `now` nears its end; what slid out of it
    /// unseen (a long suspend) is recorded missed.
    fn refresh_window(&mut self, now: DateTime<Utc>) {
        match self.window.refresh(&self.config, &self.journal, now) {
            Ok(None) => {}
            Ok(Some(from)) => {
                debug!(
                    occurrences = self.window.plan().occurrences.len(),
                    "moved the plan window"
                );
                self.record_missed(Some(from), now);
            }
            // The config was validated as a whole; keep the old window.
            Err(e) => error!("cannot build the plan window: {e}"),
        }
    }
}

/// Quiet hours hold back what is due: look again at their end.
fn deferred(until: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    if let Some(t) = until {
        info!(until = %t, "quiet hours: overdue reminders wait for the end of the window");
    }
    until
}

/// The end of the local day of `t`.
fn end_of_day(tz: Zone, t: DateTime<Utc>) -> DateTime<Utc> {
    t.with_timezone(&tz)
        .date_naive()
        .succ_opt()
        .and_then(|d| resolve_local(tz, d.and_time(chrono::NaiveTime::MIN)))
        .map_or(t, |t| t.with_timezone(&Utc))
}
