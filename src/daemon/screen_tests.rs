//! The notifications on screen (`screen.rs`): the cap of three, closing
//! answered ones, taking over after a restart or a server change.

use super::screen::MAX_ON_SCREEN;
use super::state::Daemon;
use super::tests::{COMPLETE_TEXT, Recorder, daemon_with, t, titles};
use crate::app::journal::Status;
use crate::notifier::{Answer, Button};
use crate::plan::OccurrenceId;

/// Four reminders an hour apart, then one at night so the plan goes on.
const CFG: &str = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
    [reminders.a]\ndays = \"0\"\nat = [\"09:00\"]\ntitle = \"A\"\n\
    [reminders.b]\ndays = \"0\"\nat = [\"10:00\"]\ntitle = \"B\"\n\
    [reminders.c]\ndays = \"0\"\nat = [\"11:00\"]\ntitle = \"C\"\n\
    [reminders.d]\ndays = \"0\"\nat = [\"12:00\"]\ntitle = \"D\"\n\
    [reminders.e]\ndays = \"1\"\nat = [\"20:00\"]\ntitle = \"E\"\n";

fn server(d: &mut Daemon<Recorder>, name: &str, base: u32) {
    d.notifier_mut().set_actions(true);
    d.notifier_mut().set_name(name);
    d.notifier_mut().set_base(base);
}

fn answer(ids: &[OccurrenceId], button: Button) -> Answer {
    Answer::Pressed {
        ids: ids.to_vec(),
        button,
    }
}

#[tokio::test]
async fn a_fourth_notification_joins_the_oldest_instead_of_evicting_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon_with(dir.path(), CFG, t("23T08:30:00"));
    server(&mut d, "bus/:1.7", 100);
    for h in ["09", "10", "11", "12"] {
        d.tick(t(&format!("23T{h}:00:00"))).await;
    }
    assert_eq!(titles(&d), ["A", "B", "C", "A · D"]);
    assert_eq!(
        d.notifier().replaced(),
        [0, 0, 0, 101],
        "D replaces A's notification"
    );
    assert_eq!(
        d.notifier().shown()[3].ids,
        ["a@s1d0T09:00", "d@s1d0T12:00"]
    );
    assert_eq!(d.screen().len(), MAX_ON_SCREEN);
    // A was shown at 09:00 and stays so; D is recorded now
    let a = d.journal().get("a@s1d0T09:00").unwrap();
    assert_eq!(a.sent_at, Some(t("23T09:00:00")));
    assert_eq!(d.journal().status("d@s1d0T12:00"), Some(Status::Sent));
}

#[tokio::test]
async fn an_answered_notification_is_taken_off_the_screen_and_a_closed_one_is_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon_with(dir.path(), CFG, t("23T08:30:00"));
    server(&mut d, "bus/:1.7", 0);
    d.tick(t("23T09:00:00")).await;
    d.tick(t("23T10:00:00")).await;
    let a = d.notifier().shown()[0].ids.clone();
    assert!(d.answer(&answer(&a, Button::Done), t("23T10:01:00")));
    d.tick(t("23T10:01:00")).await;
    assert_eq!(
        d.notifier().closed(),
        [1],
        "resident: the server would keep it"
    );
    // closed by the person without an answer: not closed again, not done
    let b = d.notifier().shown()[1].ids.clone();
    d.answer(&Answer::Closed { ids: b.clone() }, t("23T10:02:00"));
    d.tick(t("23T10:02:00")).await;
    assert_eq!(d.notifier().closed(), [1]);
    assert!((d.screen().len() == 0));
    assert_eq!(d.journal().status(&b[0]), Some(Status::Sent));
    assert_eq!(d.journal().on_screen(), None, "nothing left to take over");
}

#[tokio::test]
async fn after_a_restart_on_the_same_server_the_notification_is_replaced_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = daemon_with(dir.path(), CFG, t("23T08:30:00"));
    server(&mut first, "bus/:1.7", 40);
    first.tick(t("23T09:00:00")).await;
    drop(first);
    let mut d = daemon_with(dir.path(), CFG, t("23T09:20:00"));
    server(&mut d, "bus/:1.7", 90);
    d.tick(t("23T09:20:00")).await;
    assert_eq!(titles(&d), ["A"], "taken over, not a new reminder");
    assert_eq!(d.notifier().replaced(), [41], "in place: the same id");
    let e = d.journal().get("a@s1d0T09:00").unwrap();
    assert_eq!(
        (e.status, e.repeats, e.sent_at),
        (Status::Sent, 0, Some(t("23T09:00:00")))
    );
    // and only once: the next tick takes nothing over again
    d.tick(t("23T09:21:00")).await;
    assert_eq!(titles(&d), ["A"]);
    // its answer now reaches this process
    let ids = d.notifier().shown()[0].ids.clone();
    assert!(d.answer(&answer(&ids, Button::Done), t("23T09:22:00")));
    assert_eq!(d.journal().status(&ids[0]), Some(Status::Done));
}

#[tokio::test]
async fn after_a_restart_on_another_server_todays_are_posted_again_and_older_ones_not() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = CFG.replace(
        "days = \"1\"\nat = [\"20:00\"]",
        "days = \"1\"\nat = [\"09:00\"]",
    );
    let cfg = format!("{cfg}[reminders.f]\ndays = \"2\"\nat = [\"09:00\"]\ntitle = \"F\"\n");
    let mut first = daemon_with(dir.path(), &cfg, t("23T08:30:00"));
    server(&mut first, "bus/:1.7", 40);
    first.tick(t("23T09:00:00")).await; // A, day 0
    first.tick(t("24T09:00:00")).await; // E, day 1
    drop(first);
    let mut d = daemon_with(dir.path(), &cfg, t("24T09:30:00"));
    server(&mut d, "otherbus/:1.3", 90);
    d.tick(t("24T09:30:00")).await;
    assert_eq!(
        titles(&d),
        ["E"],
        "today's only: yesterday's A is not brought back"
    );
    assert_eq!(
        d.notifier().replaced(),
        [0],
        "a new notification: old ids are dead"
    );
}

#[tokio::test]
async fn a_reminder_answered_while_aftercare_was_stopped_is_closed_not_posted() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = daemon_with(dir.path(), CFG, t("23T08:30:00"));
    server(&mut first, "bus/:1.7", 40);
    first.tick(t("23T09:00:00")).await;
    let ids = first.notifier().shown()[0].ids.clone();
    drop(first);
    // `aftercare done` meanwhile
    let (mut j, _) =
        crate::app::journal::Journal::open(&dir.path().join("journal.json"), t("23T09:10:00"));
    j.set(&ids[0], crate::ledger::Entry::done(t("23T09:10:00"), None));
    j.save().unwrap();
    let mut d = daemon_with(dir.path(), CFG, t("23T09:20:00"));
    server(&mut d, "bus/:1.7", 90);
    d.tick(t("23T09:20:00")).await;
    assert!(titles(&d).is_empty());
    assert_eq!(d.notifier().closed(), [41]);
}

#[tokio::test]
async fn when_the_server_changes_the_outstanding_ones_are_posted_on_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon_with(dir.path(), CFG, t("23T08:30:00"));
    server(&mut d, "bus/:1.7", 40);
    d.tick(t("23T09:00:00")).await;
    d.tick(t("23T10:00:00")).await;
    let a = d.notifier().shown()[0].ids.clone();
    d.answer(&answer(&a, Button::Done), t("23T10:05:00"));
    d.tick(t("23T10:05:00")).await;
    // the server is replaced: B is outstanding, A was answered
    d.notifier_mut().set_name("bus/:1.9");
    assert!(d.answer(&Answer::ServerChanged, t("23T10:30:00")));
    d.tick(t("23T10:30:00")).await;
    assert_eq!(titles(&d), ["A", "B", "B"]);
    assert_eq!(d.notifier().replaced(), [0, 0, 0]);
    assert_eq!(
        d.journal()
            .get(&d.notifier().shown()[1].ids[0])
            .unwrap()
            .repeats,
        0
    );
}

#[tokio::test]
async fn while_the_new_server_is_not_up_yet_it_is_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon_with(dir.path(), CFG, t("23T08:30:00"));
    server(&mut d, "bus/:1.7", 40);
    d.tick(t("23T09:00:00")).await;
    d.answer(&Answer::ServerChanged, t("23T09:10:00"));
    d.notifier_mut().set_fail(true);
    let out = d.tick(t("23T09:10:00")).await;
    assert_eq!(out.wakes(), [t("23T09:10:01")], "retried with backoff");
    d.notifier_mut().set_fail(false);
    d.notifier_mut().set_name("bus/:1.9");
    d.tick(t("23T09:10:01")).await;
    assert_eq!(titles(&d), ["A", "A"]);
}

#[tokio::test]
async fn the_last_reminder_is_taken_over_and_still_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [reminders.a]\ndays = \"0\"\nat = [\"09:00\"]\ntitle = \"A\"\n";
    let mut first = daemon_with(dir.path(), cfg, t("23T08:30:00"));
    server(&mut first, "bus/:1.7", 40);
    assert!(!first.tick(t("23T09:00:00")).await.finished());
    drop(first);
    let mut d = daemon_with(dir.path(), cfg, t("23T12:00:00"));
    server(&mut d, "bus/:1.8", 90);
    let out = d.tick(t("23T12:00:00")).await;
    assert!(!out.finished(), "the last one is on screen again, waiting");
    assert!(d.notifier().shown()[0].body.ends_with(COMPLETE_TEXT));
    let ids = d.notifier().shown()[0].ids.clone();
    d.answer(&answer(&ids, Button::Done), t("23T12:01:00"));
    assert!(d.tick(t("23T12:01:00")).await.finished());
}

#[tokio::test]
async fn a_snoozed_reminder_shown_again_stays_although_its_first_notification_was_closed() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = daemon_with(dir.path(), CFG, t("23T08:30:00"));
    server(&mut d, "bus/:1.7", 0);
    d.tick(t("23T09:00:00")).await;
    let a = d.notifier().shown()[0].ids.clone();
    d.answer(&answer(&a, Button::Snooze), t("23T09:01:00"));
    // the server closes it after the click, as dunst and xfce4-notifyd do
    d.answer(&Answer::Closed { ids: a.clone() }, t("23T09:01:00"));
    d.tick(t("23T09:01:00")).await;
    d.tick(t("23T09:16:00")).await;
    assert_eq!(titles(&d), ["A", "A"], "shown again after the snooze");
    let closed_before = d.notifier().closed().len();
    d.tick(t("23T09:16:01")).await;
    assert_eq!(
        d.notifier().closed().len(),
        closed_before,
        "not taken off the screen: unanswered"
    );
    assert_eq!(d.screen().len(), 1);
}
