//! The daemon's state machine: what to show at `now`, recording it, the
//! user's answers. Independent of the scheduler and of the clock.

use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::mpsc::UnboundedSender;
use tracing::{debug, error, info, warn};

use super::{COMPLETE_ID, MAX_BACKOFF, Outcome, Span, ceil_second, delta};
use crate::app::journal::{Entry, Journal, Status};
use crate::config::{Config, format_duration};
use crate::notifier::{ACTION_DONE, ACTION_INDOORS, ACTION_SNOOZE, Answer, Note, Notifier};
use crate::plan::{Overview, Plan, PlanError};
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
    answers: UnboundedSender<Answer>,
    /// Retry state while the notification server is unreachable.
    pub(super) retry: Option<(u32, DateTime<Utc>)>,
    /// The plan was over (or empty) before this process started.
    pub(super) started_after_end: bool,
    /// A journal write failed; logged once until it works again.
    journal_failing: bool,
}

impl<N: Notifier> Daemon<N> {
    pub(crate) fn new(
        config: Config,
        journal: Journal,
        notifier: N,
        answers: UnboundedSender<Answer>,
        now: DateTime<Utc>,
    ) -> Result<Self, PlanError> {
        let overview = Plan::overview(&config)?;
        let started_after_end = journal.complete().is_none()
            && overview
                .last
                .is_none_or(|last| last + delta(config.catch_up) < now);
        let (plan, window) = Self::window(&config, &journal, &overview, now)?;
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
    ) -> Result<(), DateTime<Utc>> {
        if let Some((_, at)) = self.retry {
            if now < at {
                return Err(at);
            }
        }
        match self.notifier.show(note, &self.answers).await {
            Ok(_) => {
                if self.retry.take().is_some() {
                    info!("notification server reachable again");
                }
                Ok(())
            }
            Err(e) => {
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
                Err(at)
            }
        }
    }

    pub(super) fn note_for(&self, id: &str) -> Option<Note> {
        let o = self.plan.get(id)?;
        // "Indoors today" on the first reminder of a daylight rule each day.
        let daylight = self
            .config
            .rules
            .iter()
            .any(|r| r.name == o.rule && r.daylight);
        let first_today = self
            .plan
            .occurrences
            .iter()
            .find(|x| x.rule == o.rule && x.at.date_naive() == o.at.date_naive())
            .is_some_and(|x| x.id == o.id);
        Some(Note {
            id: o.id.clone(),
            title: o.title.clone(),
            body: o.body.clone(),
            snooze_label: Some(format!("Snooze {}", format_duration(self.config.snooze))),
            indoors: daylight && first_today,
        })
    }

    /// Do what is due at `now`.
    pub(crate) async fn tick(&mut self, now: DateTime<Utc>) -> Outcome {
        let mut out = Outcome::default();
        // `aftercare done` may have answered from the command line.
        self.journal.merge_from_disk();
        self.refresh_window(now);
        let d = policy::decide(
            &self.plan,
            &self.journal,
            now,
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
        for show in d.show {
            let Some(note) = self.note_for(&show.id) else {
                continue;
            };
            match self.show(&note, now).await {
                Ok(()) => {
                    let rule = self
                        .plan
                        .get(&show.id)
                        .map(|o| o.rule.clone())
                        .unwrap_or_default();
                    self.journal.set(&show.id, Entry::sent(now));
                    for m in &show.merged {
                        self.journal.set(m, Entry::merged(now, &show.id));
                    }
                    // Persist before anything else: a crash from here on must
                    // not show it again.
                    self.save();
                    let late_ms = u64::try_from(show.late.as_millis()).unwrap_or(u64::MAX);
                    if show.merged.is_empty() {
                        info!(%rule, id = %show.id, late_ms, resnooze = show.resnooze, "sent");
                    } else {
                        info!(%rule, id = %show.id, late_ms, collapsed = show.merged.len(), "sent once for several overdue reminders of this rule");
                    }
                }
                Err(retry_at) => {
                    out.wakes.push(retry_at);
                    break;
                }
            }
        }
        self.save();
        if self.window_reaches_end() && policy::all_settled(&self.plan, &self.journal) {
            out.finished = self.finish(now, &mut out.wakes).await;
        }
        out
    }

    /// Everything is settled: say so once and report whether to exit.
    pub(super) async fn finish(
        &mut self,
        now: DateTime<Utc>,
        wakes: &mut Vec<DateTime<Utc>>,
    ) -> bool {
        if let Some(at) = self.journal.complete() {
            info!(%at, "the plan was already complete; nothing left to do");
            return true;
        }
        if self.started_after_end {
            info!(ended = ?self.overview.last.map(|t| t.to_rfc3339()), "the plan ended before aftercare started; nothing to remind, exiting");
            return true;
        }
        let note = Note {
            id: COMPLETE_ID.into(),
            title: "aftercare plan complete".into(),
            body: "That was the last reminder of your aftercare plan. Keep up daily sunscreen, and follow your practitioner's advice from here.".into(),
            snooze_label: None,
            indoors: false,
        };
        match self.show(&note, now).await {
            Ok(()) => {
                info!("plan complete: sent the final notification");
                self.journal.set_complete(now);
                self.save();
                true
            }
            Err(retry_at) => {
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

    /// Record the user's answer; returns whether the schedule changed.
    pub(crate) fn answer(&mut self, a: &Answer, now: DateTime<Utc>) -> bool {
        let sent_at = self.journal.get(&a.id).and_then(|e| e.sent_at);
        if a.action == ACTION_INDOORS {
            return self.indoors(&a.id, sent_at, now);
        }
        let until = match a.action.as_str() {
            ACTION_DONE => None,
            ACTION_SNOOZE => Some(ceil_second(now + delta(self.config.snooze))),
            other => {
                debug!(action = other, "ignoring unknown action");
                return false;
            }
        };
        let entry = match until {
            Some(until) => Entry::snoozed(now, sent_at, until),
            None => Entry::done(now, sent_at),
        };
        self.journal.set(&a.id, entry);
        self.save();
        match until {
            Some(until) => info!(id = %a.id, %until, "snoozed"),
            None => info!(id = %a.id, "done"),
        }
        until.is_some()
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
        let rest: Vec<String> = self
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

    /// The one-line status for systemd: "next: Sunscreen at 15:00 (day 2)".
    pub(crate) fn status_line(&self, now: DateTime<Utc>) -> String {
        report::next_line(&self.plan, &self.journal, now)
    }
}
