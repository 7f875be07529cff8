//! The plan window: the part of the plan the daemon holds, from a day
//! before `now` to a few days after, never the whole plan; with the whole
//! plan's [`Overview`] (size, first, last). Memory does not grow with the
//! length of the plan: the window is rebuilt as time passes
//! ([`Plan::window`] is exactly the whole plan cut to the window).

use chrono::{DateTime, Utc};

use super::time::{HORIZON, LOOKBACK, Span, delta};
use crate::app::journal::{Journal, Status};
use crate::config::Config;
use crate::plan::{OccurrenceId, Overview, Plan, PlanError, id_anchor};

/// The occurrences of a span of time, and the whole plan's overview.
#[derive(Debug)]
pub(crate) struct PlanWindow {
    /// The occurrences in `span` (not the whole plan).
    plan: Plan,
    /// The whole plan's size and ends.
    overview: Overview,
    /// The span of time `plan` holds, `[from, to)`.
    span: Span,
}

impl PlanWindow {
    /// The window for `config` at `now`.
    pub(crate) fn new(
        config: &Config,
        journal: &Journal,
        now: DateTime<Utc>,
    ) -> Result<PlanWindow, PlanError> {
        let overview = Plan::overview(config)?;
        let (plan, span) = Self::build(config, journal, &overview, now)?;
        Ok(PlanWindow {
            plan,
            overview,
            span,
        })
    }

    /// The occurrences in the window.
    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The whole plan's size and ends.
    pub(crate) fn overview(&self) -> &Overview {
        &self.overview
    }

    /// The span of time the window holds.
    #[cfg(test)]
    pub(crate) fn span(&self) -> Span {
        self.span
    }

    /// Where the window should start at `now`: a day before anything that
    /// can still be shown (catch-up, and snoozed reminders, however old).
    fn start(config: &Config, journal: &Journal, now: DateTime<Utc>) -> DateTime<Utc> {
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

    /// The occurrences from [`Self::start`] to two horizons ahead, or
    /// further until one lies after `now` (long gaps between reminders).
    fn build(
        config: &Config,
        journal: &Journal,
        overview: &Overview,
        now: DateTime<Utc>,
    ) -> Result<(Plan, Span), PlanError> {
        let from = Self::start(config, journal, now);
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
    /// back before its start, or an old reminder was snoozed). `Ok(Some(from))`
    /// when it moved: what lay from `from` to the new start slid out of it.
    pub(crate) fn refresh(
        &mut self,
        config: &Config,
        journal: &Journal,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, PlanError> {
        let (from, to) = self.span;
        let drained = !self.reaches_end() && !self.plan.occurrences.iter().any(|o| o.utc() > now);
        if now + HORIZON <= to && !drained && Self::start(config, journal, now) >= from {
            return Ok(None);
        }
        let (plan, span) = Self::build(config, journal, &self.overview, now)?;
        self.plan = plan;
        self.span = span;
        Ok(Some(from))
    }

    /// Whether no occurrence of the plan lies beyond the window.
    pub(crate) fn reaches_end(&self) -> bool {
        self.overview.last.is_none_or(|last| last < self.span.1)
    }

    /// What lies before the window, from `since`, with no record in the
    /// journal (it is beyond catch-up: aftercare was stopped or asleep).
    /// The plan is visited a week at a time, never held whole; an error
    /// comes with what was found before it.
    pub(crate) fn unrecorded_before(
        &self,
        config: &Config,
        journal: &Journal,
        since: Option<DateTime<Utc>>,
    ) -> (Vec<OccurrenceId>, Result<(), PlanError>) {
        let mut missed = Vec::new();
        let visited = Plan::for_each_chunk(config, since, Some(self.span.0), |part| {
            missed.extend(
                part.iter()
                    .filter(|o| journal.get(&o.id).is_none())
                    .map(|o| o.id.clone()),
            );
            Ok(())
        });
        (missed, visited)
    }
}
