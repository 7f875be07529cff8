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

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;

    use super::*;
    use crate::app::journal::Entry;
    use crate::testing::config;

    /// Ninety days of one reminder a day at 09:00 UTC, no catch-up to
    /// speak of and no quiet hours.
    const LONG: &str = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [quiet_hours]\nenabled = false\n\
        [reminders.a]\ndays = \"0-89\"\nat = [\"09:00\"]\ntitle = \"A\"\n";

    use crate::testing::utc as t;

    fn journal(dir: &tempfile::TempDir, now: DateTime<Utc>) -> Journal {
        Journal::open(&dir.path().join("journal.json"), now).0
    }

    #[test]
    fn the_window_holds_a_span_around_now_not_the_whole_plan() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(LONG);
        let now = t("2026-12-10T12:00:00Z");
        let j = journal(&dir, now);
        let w = PlanWindow::new(&c, &j, now).unwrap();
        assert_eq!(w.overview().total, 90);
        let (from, to) = w.span();
        assert_eq!(from, now - delta(c.catch_up) - LOOKBACK);
        assert_eq!(to, now + HORIZON * 2);
        let held = &w.plan().occurrences;
        assert!(!held.is_empty() && held.len() < 10, "{}", held.len());
        assert!(held.iter().all(|o| o.utc() >= from && o.utc() < to));
        assert!(!w.reaches_end());
    }

    #[test]
    fn it_moves_only_when_now_nears_its_end_and_says_from_where() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(LONG);
        let now = t("2026-12-10T12:00:00Z");
        let j = journal(&dir, now);
        let mut w = PlanWindow::new(&c, &j, now).unwrap();
        let (from, to) = w.span();
        assert_eq!(w.refresh(&c, &j, now + TimeDelta::hours(1)).unwrap(), None);
        assert_eq!(w.span(), (from, to));
        // a horizon before its end: moved on, and what lay before the new
        // start slid out from the old one
        let later = to - HORIZON + TimeDelta::minutes(1);
        assert_eq!(w.refresh(&c, &j, later).unwrap(), Some(from));
        assert!(w.span().0 > from && w.span().1 > to);
        assert!(w.plan().occurrences.iter().any(|o| o.utc() > later));
        // near the plan's last day it reaches the end
        let end = t("2027-02-20T10:00:00Z");
        w.refresh(&c, &j, end).unwrap();
        assert!(w.reaches_end());
    }

    #[test]
    fn an_old_snoozed_reminder_keeps_the_window_open_back_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(LONG);
        let now = t("2026-12-10T12:00:00Z");
        let mut j = journal(&dir, now);
        let plain = PlanWindow::new(&c, &j, now).unwrap();
        let old = Plan::window(&c, t("2026-11-30T00:00:00Z"), t("2026-12-01T00:00:00Z"))
            .unwrap()
            .occurrences
            .remove(0);
        j.set(&old.id, Entry::snoozed(now, Some(old.utc()), now));
        let w = PlanWindow::new(&c, &j, now).unwrap();
        assert!(w.span().0 < plain.span().0);
        assert!(w.plan().get(old.id.as_str()).is_some(), "{}", old.id);
    }

    #[test]
    fn what_lies_before_the_window_unrecorded_is_listed() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(LONG);
        let now = t("2026-12-10T12:00:00Z");
        let mut j = journal(&dir, now);
        let w = PlanWindow::new(&c, &j, now).unwrap();
        let (all, visited) = w.unrecorded_before(&c, &j, None);
        visited.unwrap();
        // every day's 09:00 from the treatment up to the window's start
        let start = w.span().0;
        let before = (0..90)
            .map(|d| t("2026-11-23T09:00:00Z") + TimeDelta::days(d))
            .filter(|at| *at < start)
            .count();
        assert_eq!(all.len(), before, "{all:?}");
        assert!(before > 10);
        j.set(&all[0], Entry::marked(Status::Missed, now));
        let (rest, _) = w.unrecorded_before(&c, &j, None);
        assert_eq!(rest, all[1..]);
        // from a later point only what lies after it
        let (since, _) = w.unrecorded_before(&c, &j, Some(t("2026-12-05T00:00:00Z")));
        assert!(since.len() < rest.len() && !since.is_empty());
    }
}
