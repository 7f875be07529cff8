//! The delivery policy, pure: given the plan, the ledger and `now`,
//! what to show, what to record as missed or merged, and when to look again.
//!
//! - An occurrence is *due* once its time has come and the journal has
//!   nothing for it; a snoozed one is due again at its `until`.
//! - Due and at most `catch_up` late: shown. Later than that: missed.
//! - Several due of one rule (after a suspend, a stopped daemon, a clock
//!   jump): only the latest is shown, the others are merged into it, so the
//!   user sees at most one notification per rule, never a storm.
//! - Inside quiet hours nothing is shown; the decision is deferred to the end
//!   of the window (when it may well be too late: then it is missed).
//! - An occurrence moved before quiet hours (`quiet = "before"`, an evening
//!   text) is not shown once they have begun: it is missed, not shown in
//!   the morning.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::config::QuietHours;
use crate::ledger::{Ledger, Status};
use crate::plan::{Occurrence, OccurrenceId, Plan, after_quiet};

/// What to do now.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Decision {
    /// Show these (one per rule), each with the ids merged into it.
    pub show: Vec<Show>,
    /// Record these as missed (too late).
    pub missed: Vec<OccurrenceId>,
    /// Nothing may be shown before this (quiet hours); look again then.
    pub deferred_until: Option<DateTime<Utc>>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Show {
    pub id: OccurrenceId,
    /// Others of the same rule that were overdue and are shown as this one.
    pub merged: Vec<OccurrenceId>,
    /// How late it is being shown.
    pub late: Duration,
    /// It is a snoozed reminder coming back.
    pub resnooze: bool,
}

/// When an occurrence is due, according to the journal: its planned time,
/// a snooze's end, or `None` when it is settled (shown, done, missed).
pub(crate) fn due_at(o: &Occurrence, ledger: &Ledger) -> Option<DateTime<Utc>> {
    match ledger.get(&o.id) {
        None => Some(o.utc()),
        Some(e) if e.status == Status::Snoozed => Some(e.until.unwrap_or(e.at)),
        // Unanswered, and its rule repeats: shown again, up to its limit.
        Some(e) if e.status == Status::Sent => {
            let r = o.repeat.filter(|r| e.repeats < r.max)?;
            let every = chrono::TimeDelta::from_std(r.every).ok()?;
            let next = e.sent_at.unwrap_or(e.at).checked_add_signed(every)?;
            // an evening text is not repeated into quiet hours
            o.show_until.is_none_or(|u| next < u).then_some(next)
        }
        Some(_) => None,
    }
}

/// What became of an occurrence, for the user: its journal status, or
/// missed when it is past its catch-up window with no record (aftercare was
/// not running then; the daemon only records what lies near its window).
pub(crate) fn status_at(
    o: &Occurrence,
    ledger: &Ledger,
    now: DateTime<Utc>,
    catch_up: Duration,
) -> Option<Status> {
    ledger.status(&o.id).or_else(|| {
        let overdue = (now - o.utc()).to_std().unwrap_or(Duration::ZERO);
        (overdue > catch_up).then_some(Status::Missed)
    })
}

/// Decide what to do at `now`.
#[cfg(test)]
pub(crate) fn decide(
    plan: &Plan,
    ledger: &Ledger,
    now: DateTime<Utc>,
    catch_up: Duration,
    quiet: Option<&QuietHours>,
) -> Decision {
    decide_trusting(plan, ledger, now, now, catch_up, quiet)
}

/// What to do at `now`, when the wall clock may have been set forward: nothing is
/// recorded missed unless it is beyond catch-up at `trusted` too (the
/// wall-clock time the clock could really have reached), so that a jump
/// forward and back again loses nothing of the real future. What lies
/// between is held: neither shown nor recorded.
pub(crate) fn decide_trusting(
    plan: &Plan,
    ledger: &Ledger,
    now: DateTime<Utc>,
    trusted: DateTime<Utc>,
    catch_up: Duration,
    quiet: Option<&QuietHours>,
) -> Decision {
    let mut d = Decision::default();
    // rule → due occurrences within catch-up, oldest first
    let mut by_rule: BTreeMap<&str, Vec<(&Occurrence, DateTime<Utc>)>> = BTreeMap::new();
    for o in &plan.occurrences {
        let Some(due) = due_at(o, ledger) else {
            continue;
        };
        if due > now {
            continue;
        }
        let late = (now - due).to_std().unwrap_or(Duration::ZERO);
        // A repeat of one already shown is never "missed": it was seen.
        let repeat = ledger.status(&o.id) == Some(Status::Sent);
        // Moved before quiet hours for its evening words: once they have
        // begun it is not shown (never "tonight" in the morning).
        if let Some(until) = o.show_until.filter(|u| now >= *u) {
            if !repeat && trusted >= until {
                d.missed.push(o.id.clone());
            }
            continue;
        }
        if late > catch_up && !repeat {
            let really_late = (trusted - due).to_std().unwrap_or(Duration::ZERO);
            if really_late > catch_up {
                d.missed.push(o.id.clone());
            }
        } else {
            by_rule.entry(&o.rule).or_default().push((o, due));
        }
    }
    if by_rule.is_empty() {
        return d;
    }
    if let Some(q) = quiet {
        let local = now.with_timezone(&plan.timezone);
        if q.contains(local.time()) {
            d.deferred_until = after_quiet(q, local).map(|t| t.with_timezone(&Utc));
            return d;
        }
    }
    for (_, mut due) in by_rule {
        due.sort_by_key(|(_, t)| *t);
        let Some((latest, at)) = due.pop() else {
            continue;
        };
        d.show.push(Show {
            id: latest.id.clone(),
            merged: due.into_iter().map(|(o, _)| o.id.clone()).collect(),
            late: (now - at).to_std().unwrap_or(Duration::ZERO),
            resnooze: ledger.status(&latest.id) == Some(Status::Snoozed),
        });
    }
    // Show in plan order.
    d.show
        .sort_by_key(|s| plan.occurrences.iter().position(|o| o.id == s.id));
    d
}

/// Occurrences not yet settled whose due time lies in `(now, until]`:
/// the ones the scheduler should hold jobs for.
pub(crate) fn upcoming<'a>(
    plan: &'a Plan,
    ledger: &'a Ledger,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> impl Iterator<Item = (&'a Occurrence, DateTime<Utc>)> + 'a {
    plan.occurrences.iter().filter_map(move |o| {
        let due = due_at(o, ledger)?;
        (due > now && due <= until).then_some((o, due))
    })
}

/// Everything still to come after `now`, in the order it comes (snoozes
/// and repeats included; plan order at one moment): what `status` lists.
pub(crate) fn coming<'a>(
    plan: &'a Plan,
    ledger: &'a Ledger,
    now: DateTime<Utc>,
) -> Vec<(&'a Occurrence, DateTime<Utc>)> {
    let mut next: Vec<_> = upcoming(plan, ledger, now, DateTime::<Utc>::MAX_UTC).collect();
    next.sort_by_key(|(_, due)| *due);
    next
}

/// The next thing that will be due after `now`, if any.
pub(crate) fn next_due<'a>(
    plan: &'a Plan,
    ledger: &Ledger,
    now: DateTime<Utc>,
) -> Option<(&'a Occurrence, DateTime<Utc>)> {
    plan.occurrences
        .iter()
        .filter_map(|o| Some((o, due_at(o, ledger)?)))
        .filter(|(_, due)| *due > now)
        .min_by_key(|(_, due)| *due)
}

/// Whether nothing is left to do: every occurrence settled.
pub(crate) fn all_settled(plan: &Plan, ledger: &Ledger) -> bool {
    plan.occurrences.iter().all(|o| due_at(o, ledger).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Entry;
    use crate::testing::config;

    const CFG: &str = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [reminders.a]\ndays = \"0-1\"\nat = [\"09:00\", \"10:00\", \"11:00\", \"20:00\"]\ntitle = \"A\"\n\
        [reminders.b]\ndays = \"0\"\nat = [\"10:00\"]\ntitle = \"B\"\n";

    fn setup() -> (Plan, Ledger) {
        (Plan::build(&config(CFG)).unwrap(), Ledger::default())
    }

    use crate::testing::november_2026 as t;

    fn two_hours() -> Duration {
        Duration::from_secs(7200)
    }

    fn entry(status: Status, at: DateTime<Utc>) -> Entry {
        Entry {
            sent_at: Some(at),
            ..Entry::marked(status, at)
        }
    }

    #[test]
    fn nothing_before_its_time() {
        let (p, j) = setup();
        let d = decide(&p, &j, t("23T08:59:59"), two_hours(), None);
        assert_eq!(d, Decision::default());
    }

    #[test]
    fn on_time_shows_each_rule_once() {
        let (p, mut j) = setup();
        j.set("a@s1d0T09:00", entry(Status::Sent, t("23T09:00:00")));
        let d = decide(&p, &j, t("23T10:00:00"), two_hours(), None);
        let ids: Vec<_> = d.show.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a@s1d0T10:00", "b@s1d0T10:00"]);
        assert!(
            d.show
                .iter()
                .all(|s| s.merged.is_empty() && s.late.is_zero())
        );
    }

    #[test]
    fn already_sent_is_never_due_again() {
        let (p, mut j) = setup();
        for id in ["a@s1d0T09:00", "a@s1d0T10:00", "b@s1d0T10:00"] {
            j.set(id, entry(Status::Sent, t("23T10:00:00")));
        }
        assert_eq!(
            decide(&p, &j, t("23T10:30:00"), two_hours(), None),
            Decision::default()
        );
    }

    #[test]
    fn overdue_of_one_rule_collapse_into_the_latest() {
        let (p, j) = setup();
        // back at 11:30: a@9 (2h30 late) missed; a@10, a@11 within 2h: one shown
        let d = decide(&p, &j, t("23T11:30:00"), two_hours(), None);
        assert_eq!(d.missed, ["a@s1d0T09:00"]);
        // shown in time order: b@10 before a@11
        assert_eq!(d.show.len(), 2);
        assert_eq!(d.show[0].id, "b@s1d0T10:00");
        assert_eq!(d.show[1].id, "a@s1d0T11:00");
        assert_eq!(d.show[1].merged, ["a@s1d0T10:00"]);
        assert_eq!(d.show[1].late, Duration::from_secs(1800));
    }

    #[test]
    fn long_suspend_gives_at_most_one_per_rule() {
        let (p, j) = setup();
        // a day later at 11:30: everything from the first day and 09:00 of
        // today are missed; today's 10:00 and 11:00 of `a` become one.
        let d = decide(&p, &j, t("24T11:30:00"), two_hours(), None);
        assert_eq!(d.show.len(), 1);
        assert_eq!(d.show[0].id, "a@s1d1T11:00");
        assert_eq!(d.show[0].merged, ["a@s1d1T10:00"]);
        assert_eq!(d.missed.len(), 6);
    }

    #[test]
    fn quiet_hours_defer_catch_up() {
        let (p, j) = setup();
        let q = QuietHours {
            start: chrono::NaiveTime::from_hms_opt(21, 30, 0).unwrap(),
            end: chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        };
        // 20:00 is overdue at 21:45 (1h45 late) but it is quiet: deferred.
        let mut j = j;
        for id in [
            "a@s1d0T09:00",
            "a@s1d0T10:00",
            "a@s1d0T11:00",
            "b@s1d0T10:00",
        ] {
            j.set(id, entry(Status::Sent, t("23T11:00:00")));
        }
        let d = decide(&p, &j, t("23T21:45:00"), two_hours(), Some(&q));
        assert!(d.show.is_empty());
        assert_eq!(d.deferred_until, Some(t("24T08:00:00")));
        // at 08:00 it is 12 h late: missed, not shown
        let d = decide(&p, &j, t("24T08:00:00"), two_hours(), Some(&q));
        assert!(d.show.is_empty());
        assert_eq!(d.missed, ["a@s1d0T20:00"]);
    }

    #[test]
    fn snoozed_comes_back_at_until() {
        let (p, mut j) = setup();
        j.set(
            "a@s1d0T09:00",
            Entry::snoozed(t("23T09:00:00"), Some(t("23T09:00:00")), t("23T09:15:00")),
        );
        assert!(
            decide(&p, &j, t("23T09:14:00"), two_hours(), None)
                .show
                .is_empty()
        );
        let d = decide(&p, &j, t("23T09:15:00"), two_hours(), None);
        assert_eq!(d.show[0].id, "a@s1d0T09:00");
        assert!(d.show[0].resnooze);
        assert_eq!(
            next_due(&p, &j, t("23T09:00:00")).map(|(o, _)| o.id.as_str()),
            Some("a@s1d0T09:00")
        );
    }

    #[test]
    fn upcoming_and_settled() {
        let (p, mut j) = setup();
        let up: Vec<_> = upcoming(&p, &j, t("23T09:00:00"), t("23T11:00:00"))
            .map(|(o, _)| o.id.clone())
            .collect();
        assert_eq!(up, ["a@s1d0T10:00", "b@s1d0T10:00", "a@s1d0T11:00"]);
        assert!(!all_settled(&p, &j));
        for o in &p.occurrences {
            j.set(&o.id, entry(Status::Missed, t("25T00:00:00")));
        }
        assert!(all_settled(&p, &j));
    }
}

#[cfg(test)]
mod before_quiet_tests {
    //! `quiet = "before"`: shown before quiet hours, never in them.
    use super::*;
    use crate::ledger::Entry;
    use crate::testing::config;

    const CFG: &str = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [quiet_hours]\nstart = \"19:00\"\n\
        [reminders.c]\ndays = \"1\"\nat = [\"20:00\"]\nquiet = \"before\"\ntitle = \"C\"\nbody = \"Call tonight.\"\n";

    use crate::testing::november_2026 as t;

    fn setup(extra: &str) -> (Plan, Option<QuietHours>) {
        let c = config(&format!("{CFG}{extra}"));
        (Plan::build(&c).unwrap(), c.quiet_hours)
    }

    #[test]
    fn shown_the_minute_before_quiet_hours() {
        let (p, q) = setup("");
        let j = Ledger::default();
        assert_eq!(p.occurrences[0].utc(), t("24T18:59:00"));
        let d = decide(
            &p,
            &j,
            t("24T18:59:00"),
            Duration::from_secs(7200),
            q.as_ref(),
        );
        assert_eq!(d.show.len(), 1);
        assert_eq!(d.show[0].id, "c@s1d1T20:00");
    }

    #[test]
    fn not_running_then_it_is_missed_not_shown_in_the_morning() {
        let (p, q) = setup("");
        let j = Ledger::default();
        // even with a catch-up that would reach the morning
        let day = Duration::from_secs(24 * 3600);
        for now in [t("24T19:30:00"), t("25T08:00:00")] {
            let d = decide(&p, &j, now, day, q.as_ref());
            assert!(d.show.is_empty(), "{now}");
            assert_eq!(d.missed, ["c@s1d1T20:00"], "{now}");
            assert_eq!(d.deferred_until, None, "{now}");
        }
        // a clock that jumped ahead is not believed: held, not missed
        let d = decide_trusting(&p, &j, t("25T08:00:00"), t("24T18:59:30"), day, q.as_ref());
        assert!(d.show.is_empty() && d.missed.is_empty());
    }

    #[test]
    fn a_snooze_or_repeat_into_quiet_hours_is_not_shown() {
        let (p, q) = setup("repeat = \"30m\"\n");
        let day = Duration::from_secs(24 * 3600);
        let mut j = Ledger::default();
        // shown at 18:59, unanswered: its repeat would fall at 19:29
        j.set(
            "c@s1d1T20:00",
            Entry {
                sent_at: Some(t("24T18:59:00")),
                ..Entry::marked(Status::Sent, t("24T18:59:00"))
            },
        );
        assert_eq!(due_at(&p.occurrences[0], &j), None);
        assert!(all_settled(&p, &j));
        // snoozed until 19:14: at 19:14 it is missed
        let mut snoozed = Entry::marked(Status::Snoozed, t("24T18:59:00"));
        snoozed.until = Some(t("24T19:14:00"));
        j.set("c@s1d1T20:00", snoozed);
        let d = decide(&p, &j, t("24T19:14:00"), day, q.as_ref());
        assert!(d.show.is_empty());
        assert_eq!(d.missed, ["c@s1d1T20:00"]);
    }
}
