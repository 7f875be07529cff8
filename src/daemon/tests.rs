use chrono::{DateTime, TimeDelta, Utc};

use super::event::Outcome;
use super::state::Daemon;
use super::time::{HORIZON, ceil_second};
use crate::app::journal::{Journal, Status};
use crate::notifier::{Answer, Button, Note, Notifier, ShowError, Shown};
use crate::plan::Plan;
use crate::policy;
use crate::testing::config;
use tokio::sync::mpsc::{self, UnboundedSender};

/// What the plan's last notification adds, in English.
pub(super) const COMPLETE_TEXT: &str = "That was the last reminder of your aftercare plan. From here, follow the advice you were given.";

/// Records what it is asked to show; can be told to fail.
#[derive(Debug, Default)]
pub(super) struct Recorder {
    shown: Vec<Note>,
    fail: bool,
    /// Whether the fake server offers buttons.
    actions: bool,
    /// Titles the fake bus refuses.
    reject: Vec<&'static str>,
    /// The fake server's identity.
    name: String,
    /// Ids it was asked to close.
    closed: Vec<u32>,
    /// Ids it was told to replace, by note (0: a new one).
    replaced: Vec<u32>,
    /// Its ids start after this one (another process's ids differ).
    base: u32,
}

impl Recorder {
    /// The notes shown, in order.
    pub(super) fn shown(&self) -> &[Note] {
        &self.shown
    }

    /// The notes shown so far, forgotten here.
    pub(super) fn take_shown(&mut self) -> Vec<Note> {
        std::mem::take(&mut self.shown)
    }

    /// The server's ids it was asked to close.
    pub(super) fn closed(&self) -> &[u32] {
        &self.closed
    }

    /// The server's ids it was told to replace, by note (0: a new one).
    pub(super) fn replaced(&self) -> &[u32] {
        &self.replaced
    }

    /// The server is away (or back).
    pub(super) fn set_fail(&mut self, fail: bool) {
        self.fail = fail;
    }

    /// The server offers buttons (or not).
    pub(super) fn set_actions(&mut self, actions: bool) {
        self.actions = actions;
    }

    /// The bus refuses notes with these titles.
    pub(super) fn set_reject(&mut self, titles: Vec<&'static str>) {
        self.reject = titles;
    }

    /// The server's identity (a new one is another server).
    pub(super) fn set_name(&mut self, name: impl Into<String>) {
        self.name = name.into();
    }

    /// Its ids start after `base`.
    pub(super) fn set_base(&mut self, base: u32) {
        self.base = base;
    }
}

impl Notifier for Recorder {
    async fn show(&mut self, note: &Note, _: &UnboundedSender<Answer>) -> Result<Shown, ShowError> {
        if self.fail {
            return Err(ShowError::Unavailable(
                "org.freedesktop.DBus.Error.ServiceUnknown".into(),
            ));
        }
        if self.reject.iter().any(|t| *t == note.title) {
            return Err(ShowError::Rejected("InvalidArgs".into()));
        }
        self.shown.push(note.clone());
        self.replaced.push(note.replaces.unwrap_or(0));
        Ok(Shown {
            id: note
                .replaces
                .unwrap_or_else(|| self.base + u32::try_from(self.shown.len()).unwrap_or(0)),
            actions: self.actions,
            server: self.name.clone(),
        })
    }

    async fn server(&mut self, _: &UnboundedSender<Answer>) -> Result<String, ShowError> {
        match self.fail {
            true => Err(ShowError::Unavailable("no bus".into())),
            false => Ok(self.name.clone()),
        }
    }

    async fn close(&mut self, id: u32) {
        self.closed.push(id);
    }
}

const CFG: &str = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [reminders.a]\ndays = \"0\"\nat = [\"09:00\", \"10:00\", \"11:00\"]\ntitle = \"A\"\nbody = \"secret body\"\n\
        [reminders.b]\ndays = \"0\"\nat = [\"10:00\"]\ntitle = \"B\"\n";

pub(super) use crate::testing::november_2026 as t;

fn daemon(dir: &std::path::Path, now: DateTime<Utc>) -> Daemon<Recorder> {
    daemon_with(dir, CFG, now)
}

pub(super) fn titles(d: &Daemon<Recorder>) -> Vec<&str> {
    d.notifier()
        .shown
        .iter()
        .map(|n| n.title.as_str())
        .collect()
}

#[tokio::test]
async fn each_once_in_order_and_then_complete() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon(dir.path(), t("23T08:30:00"));
    assert_eq!(d.tick(t("23T08:30:00")).await, Outcome::default());
    assert!(titles(&d).is_empty(), "nothing early");
    d.tick(t("23T09:00:00")).await;
    d.tick(t("23T09:00:01")).await; // a duplicate fire changes nothing
    assert_eq!(titles(&d), ["A"]);
    d.tick(t("23T10:00:00")).await;
    // A and B at one moment: one notification listing both, in plan order
    assert_eq!(titles(&d), ["A", "A · B"]);
    assert_eq!(
        d.notifier().shown()[1].ids,
        ["a@s1d0T10:00", "b@s1d0T10:00"]
    );
    // each item's title and body apart by a dash, not a colon
    assert_eq!(d.notifier().shown()[1].body, "• A — secret body\n• B");
    let out = d.tick(t("23T11:00:00")).await;
    assert!(
        out.finished(),
        "no buttons on this server: nothing to wait for"
    );
    // the last reminder says the plan is complete; no note of its own
    assert_eq!(titles(&d), ["A", "A · B", "A"]);
    assert!(d.notifier().shown()[2].body.ends_with(COMPLETE_TEXT));
    assert!(d.journal().complete().is_some());
}

#[tokio::test]
async fn the_last_reminder_is_waited_on_until_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon(dir.path(), t("23T10:59:00"));
    d.notifier_mut().set_actions(true);
    let out = d.tick(t("23T11:00:00")).await;
    assert!(!out.finished(), "waits for the answer to the last reminder");
    let midnight = t("24T00:00:00");
    assert_eq!(
        out.wakes(),
        [midnight],
        "at the latest until the end of its day"
    );
    let last = d.notifier().shown().last().unwrap().clone();
    assert!(last.body.ends_with(COMPLETE_TEXT));
    // a click on the body is not an answer
    assert_eq!(Button::from_key("default"), None);
    assert!(!d.tick(t("23T11:01:00")).await.finished());
    assert!(d.answer(
        &Answer::Pressed {
            ids: last.ids.clone(),
            button: Button::Done
        },
        t("23T11:02:00")
    ));
    assert_eq!(d.journal().status("a@s1d0T11:00"), Some(Status::Done));
    assert!(d.tick(t("23T11:02:00")).await.finished());
    assert_eq!(
        d.notifier().shown().len(),
        1,
        "one notification, no second 'complete' note"
    );
}

#[tokio::test]
async fn a_closed_last_reminder_ends_the_wait_but_is_not_done() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon(dir.path(), t("23T10:59:00"));
    d.notifier_mut().set_actions(true);
    assert!(!d.tick(t("23T11:00:00")).await.finished());
    let ids = d.notifier().shown().last().unwrap().ids.clone();
    assert!(d.answer(&Answer::Closed { ids }, t("23T11:05:00")));
    assert!(d.tick(t("23T11:05:00")).await.finished());
    assert_eq!(d.journal().status("a@s1d0T11:00"), Some(Status::Sent));
}

#[tokio::test]
async fn the_wait_for_the_last_answer_ends_with_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon(dir.path(), t("23T10:59:00"));
    d.notifier_mut().set_actions(true);
    assert!(!d.tick(t("23T11:00:00")).await.finished());
    assert!(!d.tick(t("23T23:59:59")).await.finished());
    assert!(d.tick(t("24T00:00:00")).await.finished());
}

#[tokio::test]
async fn a_repeating_rule_replaces_its_notification_until_answered() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [reminders.pill]\ndays = \"0\"\nat = [\"09:00\"]\ntitle = \"Pill\"\nrepeat = \"30m\"\nrepeat_max = 2\n\
        [reminders.later]\ndays = \"0\"\nat = [\"20:00\"]\ntitle = \"Later\"\n";
    let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
    d.notifier_mut().set_actions(true);
    d.tick(t("23T09:00:00")).await;
    assert_eq!(d.notifier().shown()[0].replaces, None);
    d.tick(t("23T09:29:59")).await;
    assert_eq!(titles(&d), ["Pill"], "not before its repeat interval");
    d.tick(t("23T09:30:00")).await;
    d.tick(t("23T10:00:00")).await;
    d.tick(t("23T10:30:00")).await;
    assert_eq!(
        titles(&d),
        ["Pill", "Pill", "Pill"],
        "shown again at most repeat_max times"
    );
    assert_eq!(
        d.notifier().shown()[1].replaces,
        Some(1),
        "replaces, never stacks"
    );
    assert_eq!(
        d.notifier().shown()[2].replaces,
        Some(1),
        "the server keeps the id it replaced"
    );
    let e = d.journal().get("pill@s1d0T09:00").unwrap();
    assert_eq!((e.status, e.repeats), (Status::Sent, 2));
}

#[tokio::test]
async fn an_answer_stops_the_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [reminders.pill]\ndays = \"0\"\nat = [\"09:00\"]\ntitle = \"Pill\"\nrepeat = \"30m\"\n\
        [reminders.later]\ndays = \"0\"\nat = [\"20:00\"]\ntitle = \"Later\"\n";
    let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
    d.tick(t("23T09:00:00")).await;
    let ids = d.notifier().shown()[0].ids.clone();
    assert!(d.answer(
        &Answer::Pressed {
            ids,
            button: Button::Done
        },
        t("23T09:10:00")
    ));
    d.tick(t("23T09:30:00")).await;
    d.tick(t("23T10:00:00")).await;
    assert_eq!(titles(&d), ["Pill"]);
}

#[tokio::test]
async fn restart_does_not_repeat() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon(dir.path(), t("23T09:00:00"));
    d.tick(t("23T09:00:00")).await;
    assert_eq!(titles(&d), ["A"]);
    drop(d);
    let mut d = daemon(dir.path(), t("23T09:00:30"));
    d.tick(t("23T09:00:30")).await;
    assert!(titles(&d).is_empty(), "already sent before the restart");
    d.tick(t("23T10:00:00")).await;
    assert_eq!(titles(&d), ["A · B"]);
}

#[tokio::test]
async fn server_down_retries_with_backoff_then_delivers_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon(dir.path(), t("23T09:00:00"));
    d.notifier_mut().set_fail(true);
    let out = d.tick(t("23T09:00:00")).await;
    assert_eq!(out.wakes(), [t("23T09:00:01")]);
    let out = d.tick(t("23T09:00:01")).await;
    assert_eq!(out.wakes(), [t("23T09:00:03")], "backoff doubles");
    assert!(
        d.journal().get("a@s1d0T09:00").is_none(),
        "not recorded while unsent"
    );
    d.notifier_mut().set_fail(false);
    d.tick(t("23T09:00:03")).await;
    d.tick(t("23T09:00:04")).await;
    assert_eq!(titles(&d), ["A"]);
}

#[tokio::test]
async fn snooze_shows_again_and_done_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon(dir.path(), t("23T09:00:00"));
    d.tick(t("23T09:00:00")).await;
    let id = crate::plan::OccurrenceId::from("a@s1d0T09:00");
    assert!(d.answer(
        &Answer::Pressed {
            ids: vec![id.clone()],
            button: Button::Snooze
        },
        t("23T09:01:00")
    ));
    assert_eq!(d.journal().status(&id), Some(Status::Snoozed));
    assert_eq!(d.status_line(t("23T09:01:00")), "next: A at 09:16 (day 0)");
    d.tick(t("23T09:15:59")).await;
    assert_eq!(titles(&d), ["A"]);
    d.tick(t("23T09:16:00")).await;
    assert_eq!(titles(&d), ["A", "A"]);
    assert!(d.answer(
        &Answer::Pressed {
            ids: vec![id.clone()],
            button: Button::Done
        },
        t("23T09:17:00")
    ));
    assert_eq!(d.journal().status(&id), Some(Status::Done));
}

#[tokio::test]
async fn started_after_the_end_exits_without_notifying() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon(dir.path(), t("25T09:00:00"));
    let out = d.tick(t("25T09:00:00")).await;
    assert!(out.finished());
    assert!(titles(&d).is_empty());
    // Not shown, and recorded as missed although far outside the window.
    assert!(d.plan().get("b@s1d0T10:00").is_none());
    assert_eq!(d.journal().status("b@s1d0T10:00"), Some(Status::Missed));
}

#[tokio::test]
async fn after_a_long_suspend_one_per_rule_and_the_rest_recorded_missed() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [quiet_hours]\nenabled = false\n\
            [reminders.often]\ndays = \"0-20\"\nevery = \"1h\"\nbetween = [\"08:00\", \"20:00\"]\ntitle = \"Often\"\n";
    let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
    d.tick(t("23T08:00:00")).await;
    assert_eq!(titles(&d), ["Often"]);
    // asleep from day 0 to day 10, 10:30 (the window has moved on)
    let wake: DateTime<Utc> = "2026-12-03T10:30:00Z".parse().unwrap();
    d.tick(wake).await;
    assert!(d.span().0 > t("30T00:00:00"), "window {:?}", d.span());
    // 09:00 and 10:00 are within catch-up: one notification for both
    assert_eq!(titles(&d), ["Often", "Often"]);
    let full = Plan::build(d.config()).unwrap();
    let past: Vec<_> = full
        .occurrences
        .iter()
        .filter(|o| o.utc() <= wake)
        .collect();
    let status = |s| {
        past.iter()
            .filter(|o| d.journal().status(&o.id) == Some(s))
            .count()
    };
    assert_eq!(status(Status::Sent), 2);
    assert_eq!(status(Status::Merged), 1);
    assert_eq!(
        status(Status::Missed),
        past.len() - 3,
        "every other one recorded"
    );
}

pub(super) fn daemon_with(
    dir: &std::path::Path,
    cfg: &str,
    now: DateTime<Utc>,
) -> Daemon<Recorder> {
    let c = config(cfg);
    let (j, _) = Journal::open(&dir.join("journal.json"), now);
    let (tx, _rx) = mpsc::unbounded_channel();
    Daemon::new(c, j, Recorder::default(), tx, now).unwrap()
}

/// Drive the daemon as the scheduler would: tick at every due time
/// (the window and jobs are refilled on the way) until it finishes.
async fn drive(d: &mut Daemon<Recorder>, mut now: DateTime<Utc>, max_window: &mut usize) {
    for _ in 0..100_000 {
        let out = d.tick(now).await;
        *max_window = (*max_window).max(d.plan().occurrences.len());
        if out.finished() {
            return;
        }
        now = next_wake(d, &out, now).expect("nothing left to wake for, yet not finished");
    }
    panic!("did not finish");
}

/// When the scheduler would wake the daemon next after a tick at `now`
/// that came `out`: the next due occurrence, the horizon's refill or a
/// wake the tick asked for, whichever comes first.
pub(super) fn next_wake(
    d: &Daemon<Recorder>,
    out: &Outcome,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let next = policy::next_due(d.plan(), d.journal(), now).map(|(_, t)| t);
    let refill = d
        .overview()
        .last
        .filter(|l| *l > now + HORIZON)
        .map(|_| now + HORIZON / 2);
    [next, refill, out.wakes().iter().min().copied()]
        .into_iter()
        .flatten()
        .min()
}

#[tokio::test]
async fn a_long_plan_is_delivered_through_a_small_moving_window() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [quiet_hours]\nenabled = false\n\
            [reminders.often]\ndays = \"0-60\"\nevery = \"3h\"\nbetween = [\"00:00\", \"23:00\"]\ntitle = \"Often\"\n";
    let start = t("23T08:00:00");
    let mut d = daemon_with(dir.path(), cfg, start);
    let full = Plan::build(d.config()).unwrap();
    assert_eq!(d.overview().total, full.occurrences.len());
    let mut max_window = 0;
    drive(&mut d, start, &mut max_window).await;
    // every occurrence exactly once, the last saying the plan is complete
    let expected: Vec<&str> = full.occurrences.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles(&d), expected);
    assert!(
        d.notifier()
            .shown
            .last()
            .unwrap()
            .body
            .ends_with(COMPLETE_TEXT)
    );
    let sent = full
        .occurrences
        .iter()
        .filter(|o| d.journal().status(&o.id) == Some(Status::Sent))
        .count();
    assert_eq!(sent, full.occurrences.len());
    // 8 a day over a window of a few days, not the plan's 480
    assert!(
        max_window <= 8 * 6,
        "the window held {max_window} of {} occurrences",
        full.occurrences.len()
    );
}

#[tokio::test]
async fn a_gap_of_weeks_between_reminders_is_bridged() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [reminders.check]\ndays = \"0,40\"\nat = [\"12:00\"]\ntitle = \"Check\"\n";
    let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
    d.tick(t("23T12:00:00")).await;
    assert_eq!(
        d.status_line(t("23T12:00:00")),
        "next: Check at Sat 2 Jan 12:00 (day 40)"
    );
    let mut max_window = 0;
    drive(&mut d, t("23T12:00:01"), &mut max_window).await;
    assert_eq!(titles(&d), ["Check", "Check"]);
    assert!(d.notifier().shown()[1].body.ends_with(COMPLETE_TEXT));
}

#[tokio::test]
async fn a_reminder_snoozed_for_days_stays_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [quiet_hours]\nenabled = false\n[notifications]\nsnooze = \"20h\"\n\
            [reminders.a]\ndays = \"0\"\nat = [\"09:00\"]\ntitle = \"A\"\n\
            [reminders.later]\ndays = \"0-10\"\nat = [\"23:59\"]\ntitle = \"Later\"\n";
    let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
    let id = crate::plan::OccurrenceId::from("a@s1d0T09:00");
    let mut now = t("23T09:00:00");
    for _ in 0..4 {
        d.tick(now).await;
        assert!(d.answer(
            &Answer::Pressed {
                ids: vec![id.clone()],
                button: Button::Snooze
            },
            now
        ));
        now += TimeDelta::hours(20);
    }
    // 80 hours after it was planned, far beyond catch-up and lookback,
    // and the window has moved on meanwhile
    d.tick(now).await;
    assert!(d.span().1 > t("28T00:00:00"), "window {:?}", d.span());
    // shown alone or together with a "Later" due at the same moment
    let a = titles(&d)
        .into_iter()
        .filter(|t| t.split(" · ").any(|p| p == "A"))
        .count();
    assert_eq!(a, 5);
    assert_eq!(d.journal().status(&id), Some(Status::Sent));
}

#[test]
fn ceil_to_second() {
    let x: DateTime<Utc> = "2026-11-23T09:00:00.200Z".parse().unwrap();
    assert_eq!(ceil_second(x), t("23T09:00:01"));
    assert_eq!(ceil_second(t("23T09:00:00")), t("23T09:00:00"));
}

#[tokio::test]
async fn indoors_today_skips_the_rest_of_the_day_only() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [reminders.sun]\ndays = \"0-1\"\nevery = \"2h\"\nbetween = [\"09:00\", \"13:00\"]\ndaylight = true\ntitle = \"Sun\"\n";
    let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
    d.tick(t("23T09:00:00")).await;
    assert!(
        d.notifier().shown()[0].indoors,
        "first of the day offers Indoors today"
    );
    assert!(d.answer(
        &Answer::Pressed {
            ids: vec!["sun@s1d0T09:00".into()],
            button: Button::Indoors
        },
        t("23T09:01:00")
    ));
    assert_eq!(d.journal().status("sun@s1d0T09:00"), Some(Status::Done));
    assert_eq!(d.journal().status("sun@s1d0T11:00"), Some(Status::Skipped));
    assert_eq!(d.journal().status("sun@s1d0T13:00"), Some(Status::Skipped));
    d.tick(t("23T11:00:00")).await;
    d.tick(t("23T13:00:00")).await;
    assert_eq!(titles(&d), ["Sun"], "nothing more today");
    d.tick(t("24T09:00:00")).await;
    assert_eq!(titles(&d), ["Sun", "Sun"], "the next day is normal");
    assert!(d.notifier().shown()[1].indoors);
    d.tick(t("24T11:00:00")).await;
    assert!(
        !d.notifier().shown()[2].indoors,
        "only on the first of a day"
    );
}

#[tokio::test]
async fn a_notification_the_bus_refuses_is_recorded_failed_and_the_queue_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon(dir.path(), t("23T08:30:00"));
    d.notifier_mut().set_reject(vec!["A"]);
    d.tick(t("23T09:00:00")).await;
    assert_eq!(d.journal().status("a@s1d0T09:00"), Some(Status::Failed));
    assert!(d.retry().is_clear(), "not taken for a server that is away");
    d.notifier_mut().set_reject(Vec::new());
    d.tick(t("23T09:00:01")).await;
    assert!(titles(&d).is_empty(), "not tried again");
    d.tick(t("23T10:00:00")).await;
    assert_eq!(titles(&d), ["A · B"], "the next ones still come");
}

#[tokio::test]
async fn a_tampered_journal_is_clamped_not_believed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.json");
    let now = t("23T09:30:00");
    let (mut j, _) = Journal::open(&path, now);
    // snoozed "until 2099", and an answer dated next year
    j.set(
        "a@s1d0T09:00",
        crate::ledger::Entry::snoozed(
            t("23T09:01:00"),
            None,
            "2099-01-01T00:00:00Z".parse().unwrap(),
        ),
    );
    j.set(
        "b@s1d0T10:00",
        crate::ledger::Entry::done("2027-11-23T10:00:00Z".parse().unwrap(), None),
    );
    j.save().unwrap();
    let (j, _) = Journal::open(&path, now);
    let (tx, _rx) = mpsc::unbounded_channel();
    let mut d = Daemon::new(config(CFG), j, Recorder::default(), tx, now).unwrap();
    // the snooze ends one snooze (15 min) after it was asked, not in 2099
    assert_eq!(
        d.journal().get("a@s1d0T09:00").and_then(|e| e.until),
        Some(t("23T09:16:00"))
    );
    assert_eq!(d.journal().get("b@s1d0T10:00").map(|e| e.at), Some(now));
    d.tick(t("23T09:30:00")).await;
    assert_eq!(titles(&d), ["A"], "the snoozed one comes back");
}

#[tokio::test]
async fn a_clock_set_forward_and_back_loses_nothing_of_the_real_future() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [quiet_hours]\nenabled = false\n\
        [reminders.a]\ndays = \"0\"\nat = [\"09:00\", \"10:00\", \"11:00\", \"15:00\"]\ntitle = \"A\"\n";
    let boot = |s: u64| std::time::Duration::from_secs(s);
    let mut d = daemon_with(dir.path(), cfg, t("23T08:30:00"));
    d.observe_clock(t("23T08:30:00"), boot(1000));
    d.tick(t("23T08:30:00")).await;
    // someone sets the clock 6 h ahead; only 10 s really passed
    d.observe_clock(t("23T14:30:00"), boot(1010));
    d.tick(t("23T14:30:00")).await;
    for at in ["09:00", "10:00", "11:00"] {
        assert_eq!(
            d.journal().status(format!("a@s1d0T{at}")),
            None,
            "{at}: not recorded missed on the word of a clock that jumped"
        );
    }
    // and back: each comes at its real time
    d.observe_clock(t("23T08:30:20"), boot(1020));
    d.tick(t("23T08:30:20")).await;
    d.observe_clock(t("23T09:00:00"), boot(2800));
    d.tick(t("23T09:00:00")).await;
    assert_eq!(d.journal().status("a@s1d0T09:00"), Some(Status::Sent));
}

#[tokio::test]
async fn after_a_real_suspend_old_reminders_are_recorded_missed() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [quiet_hours]\nenabled = false\n\
        [reminders.a]\ndays = \"0\"\nat = [\"09:00\", \"15:00\"]\ntitle = \"A\"\n";
    let boot = |s: u64| std::time::Duration::from_secs(s);
    let mut d = daemon_with(dir.path(), cfg, t("23T08:30:00"));
    d.observe_clock(t("23T08:30:00"), boot(1000));
    d.tick(t("23T08:30:00")).await;
    // asleep for 6 h: the time since boot counts it
    d.observe_clock(t("23T14:30:00"), boot(1000 + 6 * 3600));
    d.tick(t("23T14:30:00")).await;
    assert_eq!(d.journal().status("a@s1d0T09:00"), Some(Status::Missed));
}

#[tokio::test]
async fn the_frame_of_a_notification_is_in_the_configs_language() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = format!("language = \"fr\"\n{CFG}\n[notifications]\nsnooze = \"1h\"\n");
    let mut d = daemon_with(dir.path(), &cfg, t("23T08:30:00"));
    d.tick(t("23T09:00:00")).await;
    let b = d.notifier().shown()[0].buttons.clone().unwrap();
    assert_eq!(b.done, "Fait");
    assert_eq!(b.snooze, "Rappeler dans 1h");
    assert_eq!(b.indoors, "À l’intérieur aujourd’hui");
    d.tick(t("23T10:00:00")).await;
    // the user's own words stay; the list is the French one
    assert_eq!(d.notifier().shown()[1].title, "A · B");
    assert_eq!(d.notifier().shown()[1].body, "• A — secret body\n• B");
    d.tick(t("23T11:00:00")).await;
    assert!(
        d.notifier().shown()[2]
            .body
            .ends_with("C’était le dernier rappel de votre plan de soins post-traitement. Suivez désormais les conseils qui vous ont été donnés."),
        "{}",
        d.notifier().shown()[2].body
    );
    assert_eq!(
        d.status_line(t("23T11:00:01")),
        "plus aucun rappel\u{a0}: le plan est terminé"
    );
}

/// The calendar export lists what the daemon shows: for each built-in plan
/// (and in German), one event per notification the daemon posts while
/// driven through the whole plan, in order, with the notification's title
/// as SUMMARY and its body as DESCRIPTION (the same function makes both).
#[tokio::test]
async fn the_calendar_has_one_event_per_notification_the_daemon_shows() {
    /// An ICS TEXT value back to text (RFC 5545 3.3.11).
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(o) => out.push(o),
                    None => {}
                },
                (c, false) => out.push(c),
            }
        }
        out
    }
    for (plan, lang) in [
        ("microneedling", "en"),
        ("microneedling", "de"),
        ("chemical-peel", "fr"),
        ("laser", "es"),
        ("tattoo", "en"),
        ("dermaroller", "en"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let cfg = format!(
            "language = \"{lang}\"\n[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\n\
             timezone = \"Europe/Berlin\"\nplan = \"{plan}\"\n"
        );
        let start = t("23T13:30:00");
        let mut d = daemon_with(dir.path(), &cfg, start);
        let full = Plan::build(d.config()).unwrap();
        let ics = crate::export::ics(d.config(), &full, start);
        let unfolded = ics.replace("\r\n ", "");
        let field = |name: &str| -> Vec<String> {
            let mut v = Vec::new();
            let mut in_alarm = false;
            for l in unfolded.split("\r\n") {
                in_alarm = match l {
                    "BEGIN:VALARM" => true,
                    "END:VALARM" => false,
                    _ => in_alarm,
                };
                if !in_alarm {
                    if let Some(x) = l.strip_prefix(name) {
                        v.push(unescape(x));
                    }
                }
            }
            v
        };
        let mut max_window = 0;
        drive(&mut d, start, &mut max_window).await;
        let shown: Vec<&str> = titles(&d);
        assert_eq!(
            field("SUMMARY:"),
            shown,
            "{plan} in {lang}: one event per notification, same titles"
        );
        let bodies: Vec<&str> = d
            .notifier()
            .shown()
            .iter()
            .map(|n| n.body.as_str())
            .collect();
        assert_eq!(field("DESCRIPTION:"), bodies, "{plan} in {lang}");
        assert_eq!(unfolded.matches("BEGIN:VALARM").count(), shown.len());
        assert!(
            !shown.is_empty() && shown.len() < full.occurrences.len(),
            "{plan}: some merged"
        );
    }
}
