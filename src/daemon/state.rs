//! The daemon's state machine: what to show at `now`, recording it, the
//! user's answers. Independent of the scheduler and of the clock.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::mpsc::UnboundedSender;
use tracing::{debug, error, info, warn};

use super::screen::{Live, end_of_day};
use super::{MAX_BACKOFF, Outcome, Span, ceil_second, delta};
use crate::app::journal::{Entry, Journal, Status};
use crate::config::Config;
use crate::ledger::OnScreen;
use crate::notifier::{Answer, Button, Note, Notifier, ShowError, Shown};
use crate::plan::{OccurrenceId, Overview, Plan, PlanError};
use crate::policy::Show;
use crate::{policy, report};

/// The daemon's state and decisions, independent of the scheduler.
#[derive(Debug)]
pub(crate) struct Daemon<N> {
    pub config: Config,
    /// The occurrences in `window` (not the whole plan).
    pub plan: Plan,
    /// The whole plan's size and ends.
    pub overview: Overview,
    /// The span of time `plan` holds, `[from, to)`.
    pub(super) window: Span,
    pub journal: Journal,
    pub(super) notifier: N,
    pub(super) answers: UnboundedSender<Answer>,
    /// Retry state while the notification server is unreachable.
    pub(super) retry: Option<(u32, DateTime<Utc>)>,
    /// The plan was over (or empty) before this process started.
    pub(super) started_after_end: bool,
    /// A journal write failed; logged once until it works again.
    journal_failing: bool,
    /// The notifications on screen, oldest first (`screen.rs`).
    pub(super) screen: Vec<Live>,
    /// The server they are on ([`Notifier::server`]).
    pub(super) server: Option<String>,
    /// What a previous run or server left on screen, to take over.
    pub(super) carried: Option<OnScreen>,
    /// The plan's last notification, waited on for its answer.
    pub(super) awaiting: Option<Awaiting>,
    /// Occurrences whose notification was closed without an answer.
    pub(super) closed: HashSet<String>,
    /// The wall-clock time the clock can really have reached, and the time
    /// since boot when it was reckoned ([`Daemon::observe_clock`]).
    trusted: Option<(DateTime<Utc>, Duration)>,
}

/// Why a notification is not on screen.
#[derive(Debug)]
pub(super) enum NotShown {
    /// The server is away: try again then.
    RetryAt(DateTime<Utc>),
    /// The bus refused this one.
    Rejected,
}

/// The plan's last notification: the daemon stays until it is answered or
/// closed, or until `until` (the end of its day).
#[derive(Debug)]
pub(super) struct Awaiting {
    pub(super) ids: Vec<String>,
    pub(super) until: DateTime<Utc>,
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
        let overview = Plan::overview(&config)?;
        let started_after_end = journal.complete().is_none()
            && overview
                .last
                .is_none_or(|last| last + delta(config.catch_up) < now);
        let (plan, window) = Self::window(&config, &journal, &overview, now)?;
        let carried = journal.on_screen().cloned();
        let mut d = Daemon {
            config,
            plan,
            overview,
            window,
            journal,
            notifier,
            answers,
            retry: None,
            started_after_end,
            journal_failing: false,
            screen: Vec::new(),
            server: None,
            carried,
            awaiting: None,
            closed: HashSet::new(),
            trusted: None,
        };
        d.record_missed(None, now);
        Ok(d)
    }

    /// Save the journal; a failure is logged once until it works again.
    pub(super) fn save(&mut self) {
        match self.journal.save() {
            Ok(()) => {
                if self.journal_failing {
                    info!("journal written again");
                    self.journal_failing = false;
                }
            }
            Err(e) => {
                if !self.journal_failing {
                    error!(path = %self.journal.path().display(), "cannot write the journal: {e}; keeping it in memory and retrying on the next change");
                    self.journal_failing = true;
                }
            }
        }
    }

    /// Show a note, tracking the server's availability. `Err` carries the
    /// time to retry.
    pub(super) async fn show(
        &mut self,
        note: &Note,
        now: DateTime<Utc>,
    ) -> Result<Shown, NotShown> {
        if let Some((_, at)) = self.retry {
            if now < at {
                return Err(NotShown::RetryAt(at));
            }
        }
        match self.notifier.show(note, &self.answers).await {
            Ok(shown) => {
                if self.retry.take().is_some() {
                    info!("notification server reachable again");
                }
                Ok(shown)
            }
            Err(ShowError::Rejected(e)) => {
                // this notification, not the server: the queue moves on
                warn!(id = %note.ids.join(","), "the bus refused a notification: {e}; recorded as failed");
                Err(NotShown::Rejected)
            }
            Err(ShowError::Unavailable(e)) => Err(NotShown::RetryAt(self.unavailable(&e, now))),
        }
    }

    /// The server cannot be reached: when to try again (with backoff).
    pub(super) fn unavailable(&mut self, e: &str, now: DateTime<Utc>) -> DateTime<Utc> {
        let attempt = self.retry.map_or(0, |(n, _)| n + 1);
        let wait = Duration::from_secs(1u64 << attempt.min(6)).min(MAX_BACKOFF);
        if attempt == 0 {
            warn!(
                "cannot show notifications: {e}; retrying with backoff while reminders are within catch_up"
            );
        } else {
            debug!(attempt, "notification server still unreachable: {e}");
        }
        let at = ceil_second(now + delta(wait));
        self.retry = Some((attempt, at));
        at
    }

    /// Do what is due at `now`.
    pub(crate) async fn tick(&mut self, now: DateTime<Utc>) -> Outcome {
        let mut out = Outcome::default();
        // `aftercare done` may have answered from the command line.
        self.journal.merge_from_disk();
        self.refresh_window(now);
        if self.carried.is_some() {
            if let Err(retry_at) = self.take_over(now).await {
                out.wakes.push(retry_at);
            }
        }
        let d = policy::decide_trusting(
            &self.plan,
            &self.journal,
            now,
            self.trusted.map_or(now, |(t, _)| t.min(now)),
            self.config.catch_up,
            self.config.quiet_hours.as_ref(),
        );
        if !d.missed.is_empty() {
            for id in &d.missed {
                self.journal.set(id, Entry::marked(Status::Missed, now));
            }
            if self.started_after_end {
                info!(
                    count = d.missed.len(),
                    "recorded reminders of the past plan as missed"
                );
            } else {
                info!(count = d.missed.len(), ids = ?d.missed, "missed: too late to show (beyond catch_up)");
            }
        }
        if let Some(t) = d.deferred_until {
            info!(until = %t, "quiet hours: overdue reminders wait for the end of the window");
            out.wakes.push(t);
        }
        if !d.show.is_empty() {
            if let Err(retry_at) = self.show_moment(&d.show, now).await {
                out.wakes.push(retry_at);
            }
        }
        self.clear_answered().await;
        self.save();
        if self.window_reaches_end() && policy::all_settled(&self.plan, &self.journal) {
            out.finished = self.finish(now, &mut out.wakes).await;
        }
        out
    }

    /// Everything due at this moment, as one notification; recorded once
    /// it is on screen. The plan's last one says the plan is complete.
    async fn show_moment(
        &mut self,
        shows: &[Show],
        now: DateTime<Utc>,
    ) -> Result<(), DateTime<Utc>> {
        let ids: Vec<String> = shows.iter().map(|s| s.id.to_string()).collect();
        let covered =
            |id: &OccurrenceId| shows.iter().any(|s| s.id == *id || s.merged.contains(id));
        let last = self.window_reaches_end()
            && self
                .plan
                .occurrences
                .iter()
                .all(|o| covered(&o.id) || policy::due_at(o, &self.journal).is_none());
        // a repeat replaces its notification; a fourth joins the oldest
        let (target, listed) = self.target(&ids);
        let replaces = target.map(|l| l.id);
        let Some(mut note) = self.note_for(&listed, last) else {
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
            self.awaiting = shown.actions.then(|| Awaiting {
                ids: ids.clone(),
                until: end_of_day(self.plan.timezone, now),
            });
        }
        // Persist before anything else: a crash from here on must not show
        // it again.
        self.save();
        for s in shows {
            let rule = self
                .plan
                .get(&s.id)
                .map(|o| o.rule.as_str())
                .unwrap_or_default();
            let late_ms = u64::try_from(s.late.as_millis()).unwrap_or(u64::MAX);
            if s.merged.is_empty() {
                info!(%rule, id = %s.id, late_ms, resnooze = s.resnooze, together = ids.len(), "sent");
            } else {
                info!(%rule, id = %s.id, late_ms, collapsed = s.merged.len(), together = ids.len(), "sent once for several overdue reminders of this rule");
            }
        }
        if last {
            info!(
                buttons = shown.actions,
                "plan complete: the last reminder says so"
            );
        }
        Ok(())
    }

    /// Everything is settled: say so once and report whether to exit. After
    /// the last reminder, wait for its answer until the end of its day.
    pub(super) async fn finish(
        &mut self,
        now: DateTime<Utc>,
        wakes: &mut Vec<DateTime<Utc>>,
    ) -> bool {
        if let Some(a) = &self.awaiting {
            let unanswered = a.ids.iter().any(|id| {
                self.journal.status(id) == Some(Status::Sent) && !self.closed.contains(id)
            });
            if unanswered && now < a.until {
                wakes.push(a.until);
                return false;
            }
            info!(
                answered = !unanswered,
                "the last reminder was answered or closed, or its day is over; exiting"
            );
            return true;
        }
        if let Some(at) = self.journal.complete() {
            info!(%at, "the plan was already complete; nothing left to do");
            return true;
        }
        if self.started_after_end {
            info!(ended = ?self.overview.last.map(|t| t.to_rfc3339()), "the plan ended before aftercare started; nothing to remind, exiting");
            return true;
        }
        // The last reminders went by unseen (missed): a note of its own.
        let note = self.complete_note();
        match self.show(&note, now).await {
            Ok(_) | Err(NotShown::Rejected) => {
                info!("plan complete: sent the final notification");
                self.journal.set_complete(now);
                self.save();
                true
            }
            Err(NotShown::RetryAt(retry_at)) => {
                let last = self.overview.last.unwrap_or(now);
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
                        Some(until) => info!(%id, %until, "snoozed"),
                        None => info!(%id, "done"),
                    }
                }
                return true;
            }
            Answer::Closed { ids } => {
                // Not an answer: the reminders stay as sent (never done).
                debug!(?ids, "notification closed without an answer");
                self.closed.extend(ids.iter().cloned());
                self.closed_on_screen(ids);
                self.save();
                return self.awaiting.is_some();
            }
            Answer::ServerChanged => {
                self.server_changed();
                return self.carried.is_some();
            }
        }
        self.save();
        true
    }

    /// "Indoors today": this one is done, the rest of its rule today skipped.
    pub(super) fn indoors(
        &mut self,
        id: &str,
        sent_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> bool {
        let Some(o) = self.plan.get(id) else {
            return false;
        };
        let (rule, date) = (o.rule.clone(), o.at.date_naive());
        let rest: Vec<OccurrenceId> = self
            .plan
            .occurrences
            .iter()
            .filter(|x| {
                x.rule == rule
                    && x.at.date_naive() == date
                    && x.id != id
                    && policy::due_at(x, &self.journal).is_some()
            })
            .map(|x| x.id.clone())
            .collect();
        self.journal.set(id, Entry::done(now, sent_at));
        for r in &rest {
            self.journal.set(r, Entry::marked(Status::Skipped, now));
        }
        self.save();
        info!(%id, skipped = rest.len(), "indoors today: the rest of this rule's reminders today are skipped");
        true
    }

    /// Swap in a new config; an error (a plan too large) leaves the old
    /// one in place.
    pub(crate) fn replace_config(
        &mut self,
        config: Config,
        now: DateTime<Utc>,
    ) -> Result<(), PlanError> {
        let overview = Plan::overview(&config)?;
        let (plan, window) = Self::window(&config, &self.journal, &overview, now)?;
        self.config = config;
        self.overview = overview;
        self.plan = plan;
        self.window = window;
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
        report::next_line(m, &self.plan, &self.journal, now)
    }
}
