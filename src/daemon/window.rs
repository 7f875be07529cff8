//! The moving window of the plan the daemon keeps: from a day before `now`
//! to a few days after, never the whole plan.

use chrono::{DateTime, Utc};
use tracing::{debug, error, info};

use super::{Daemon, HORIZON, LOOKBACK, Span, delta};
use crate::app::journal::{Entry, Journal, Status};
use crate::config::Config;
use crate::notifier::Notifier;
use crate::plan::{Overview, Plan, PlanError, id_anchor};

impl<N: Notifier> Daemon<N> {
    /// Record as missed what lies before the window, from `since`, with no
    /// record yet: it is beyond catch-up (aftercare was stopped or asleep).
    /// The plan is visited a week at a time, never held whole.
    pub(super) fn record_missed(&mut self, since: Option<DateTime<Utc>>, now: DateTime<Utc>) {
        let mut missed = Vec::new();
        let journal = &self.journal;
        let visited = Plan::for_each_chunk(&self.config, since, Some(self.window.0), |part| {
            missed.extend(
                part.iter()
                    .filter(|o| journal.get(&o.id).is_none())
                    .map(|o| o.id.clone()),
            );
            Ok(())
        });
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

    /// Where the window should start at `now`: a day before anything that
    /// can still be shown (catch-up, and snoozed reminders, however old).
    pub(super) fn window_start(
        config: &Config,
        journal: &Journal,
        now: DateTime<Utc>,
    ) -> DateTime<Utc> {
        let mut from = now - delta(config.catch_up) - LOOKBACK;
        for (id, e) in journal.entries() {
            if e.status != Status::Snoozed {
                continue;
            }
            let snoozed = id_anchor(config, id).map(|t| t - chrono::TimeDelta::days(2));
            if let Some(t) = snoozed {
                from = from.min(t);
            }
        }
        from
    }

    /// The occurrences from [`Self::window_start`] to two horizons ahead,
    /// or further until one lies after `now` (long gaps between reminders).
    pub(super) fn window(
        config: &Config,
        journal: &Journal,
        overview: &Overview,
        now: DateTime<Utc>,
    ) -> Result<(Plan, Span), PlanError> {
        let from = Self::window_start(config, journal, now);
        let mut to = now + HORIZON * 2;
        loop {
            let plan = Plan::window(config, from, to)?;
            let more_later = overview.last.is_some_and(|last| last >= to);
            if !more_later || plan.occurrences.iter().any(|o| o.utc() > now) {
                return Ok((plan, (from, to)));
            }
            to += HORIZON * 8;
        }
    }

    /// Move the window along when `now` nears its end (or the clock went
    /// back before its start, or an old reminder was snoozed).
    pub(super) fn refresh_window(&mut self, now: DateTime<Utc>) {
        let (from, to) = self.window;
        let drained =
            !self.window_reaches_end() && !self.plan.occurrences.iter().any(|o| o.utc() > now);
        if now + HORIZON <= to
            && !drained
            && Self::window_start(&self.config, &self.journal, now) >= from
        {
            return;
        }
        match Self::window(&self.config, &self.journal, &self.overview, now) {
            Ok((plan, window)) => {
                debug!(
                    occurrences = plan.occurrences.len(),
                    "moved the plan window"
                );
                self.plan = plan;
                self.window = window;
                // What slid out of the window unseen (a long suspend).
                self.record_missed(Some(from), now);
            }
            // The config was validated as a whole; keep the old window.
            Err(e) => error!("cannot build the plan window: {e}"),
        }
    }

    /// Whether no occurrence of the plan lies beyond the window.
    pub(super) fn window_reaches_end(&self) -> bool {
        self.overview.last.is_none_or(|last| last < self.window.1)
    }
}
