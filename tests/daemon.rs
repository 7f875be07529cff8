#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]
#![allow(clippy::disallowed_methods)]
//! `aftercare run` end to end: the real binary, a private session bus, Xvfb
//! and dunst; what reaches the bus is read with dbus-monitor, never from the
//! daemon's own logs (those are only used to know when to act next).

use crate::common;

use common::scenario::Scenario;
use common::{FakeClock, mode, statuses, stderr, stdout};
use std::process::Command;

#[test]
fn delivers_two_in_order_once_not_early_then_completes() {
    let s = Scenario::new().reminders(&[("first", &[3], "First"), ("second", &[6], "Second")]);
    let mut d = s.start();
    assert_eq!(
        s.dismiss_last_and_wait(&mut d),
        Some(0),
        "exits 0 after the plan"
    );
    let notes = s.desk.notifies();
    let summaries: Vec<&str> = notes.iter().map(|n| n.summary.as_str()).collect();
    // the last reminder says the plan is complete: no note of its own
    assert_eq!(summaries, ["First", "Second"]);
    assert!(
        notes[1].body.ends_with("That was the last reminder of your aftercare plan. From here, follow the advice you were given."),
        "{}",
        notes[1].body
    );
    for (n, secs) in notes.iter().zip([3, 6]) {
        let planned = s.t.at(secs).timestamp() as f64;
        let late = n.time - planned;
        assert!(late >= 0.0, "{} shown {:.3}s early", n.summary, -late);
        assert!(late < 5.0, "{} shown {late:.3}s late", n.summary);
        eprintln!("lateness {}: {late:.3}s", n.summary);
    }
    assert_eq!(notes[0].app, "aftercare");
    assert_eq!(notes[0].body, "Body of First");
    assert_eq!(notes[0].actions, ["done", "Done", "snooze", "Snooze 15m"]);
    let j = s.sb.journal();
    assert_eq!(statuses(&j, "first@"), ["sent"]);
    assert_eq!(statuses(&j, "second@"), ["sent"]);
    assert!(j["complete"].is_string());
    assert_eq!(mode(&s.sb.journal_path()), 0o600);
}

#[test]
fn restart_after_kill_does_not_repeat() {
    let s = Scenario::new().reminders(&[("first", &[3], "First"), ("second", &[12], "Second")]);
    let d = s.start();
    s.desk.wait_summary("First");
    d.wait_event("sent");
    d.signal("KILL");
    drop(d);
    let mut d = s.start();
    s.desk.wait_summary("Second");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    // taken over in place (so its buttons reach the new process): the same
    // notification, never a second one
    let firsts: Vec<_> = s
        .desk
        .notifies()
        .into_iter()
        .filter(|n| n.shows("First"))
        .collect();
    let id = firsts[0].id;
    assert!(
        firsts
            .iter()
            .skip(1)
            .all(|n| n.id == id && Some(n.replaces_id) == id),
        "not shown again after the restart: {firsts:?}"
    );
    assert_eq!(s.desk.count("Second"), 1);
}

#[test]
fn after_a_restart_the_unanswered_notification_answers_to_the_new_process() {
    let s = Scenario::new().reminders(&[("first", &[3], "First"), ("later", &[3600], "Later")]);
    let d = s.start();
    let old = s.desk.wait_summary("First");
    d.wait_event("sent");
    d.signal("KILL");
    drop(d);
    let d = s.start();
    d.wait_event("taken_over");
    let again = s.desk.wait_messages("First posted again, answered", |m| {
        common::desktop::notifies_of(m)
            .into_iter()
            .rfind(|n| n.shows("First") && n.sender != old.sender && n.id.is_some())
    });
    assert_eq!(Some(again.replaces_id), old.id, "in place");
    assert_eq!(again.id, old.id);
    // the old process's buttons were dead; these reach this one
    s.desk.press(&again, "done");
    d.wait_event("done");
    assert_eq!(statuses(&s.sb.journal(), "first@"), ["done"]);
    // answered: off the screen (it is resident, the server would keep it)
    s.desk.wait_close_call(&again.sender, again.id.unwrap());
}

#[test]
fn a_fourth_notification_joins_the_oldest_so_at_most_three_are_on_screen() {
    let s = Scenario::new().reminders(&[
        ("a", &[2], "A"),
        ("b", &[4], "B"),
        ("c", &[6], "C"),
        ("d", &[8], "D"),
        ("later", &[3600], "Later"),
    ]);
    let d = s.start();
    let first = s.desk.wait_summary("A");
    let merged = s.desk.wait_summary("D");
    d.wait_event_n("sent", &[], 4);
    assert_eq!(merged.summary, "A · D", "D listed with the oldest, A");
    assert_eq!(
        Some(merged.replaces_id),
        first.id,
        "replacing A's notification"
    );
    let mut ids: Vec<_> = s
        .desk
        .notifies()
        .into_iter()
        .filter(|n| n.app == "aftercare")
        .filter_map(|n| n.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3, "three notifications at most: {ids:?}");
    // one Done answers both
    s.desk.press(&merged, "done");
    d.wait_event_n("done", &[], 2);
    let j = s.sb.journal();
    assert_eq!(statuses(&j, "a@"), ["done"]);
    assert_eq!(statuses(&j, "d@"), ["done"]);
    assert_eq!(statuses(&j, "b@"), ["sent"]);
}

#[test]
fn catch_up_at_startup_shows_recent_once_misses_old_and_collapses() {
    let s = Scenario::new()
        .earliest(-1800)
        .notifications("catch_up = \"10m\"")
        .reminders(&[
            ("recent", &[-300], "Recent"),             // 5 min late: shown
            ("old", &[-1200], "Old"),                  // 20 min late: missed
            ("triple", &[-240, -180, -120], "Triple"), // three overdue: one
            ("later", &[4], "Later"),
        ]);
    let mut d = s.start();
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    for (title, shown) in [("Recent", 1), ("Old", 0), ("Triple", 1), ("Later", 1)] {
        assert_eq!(s.desk.count(title), shown, "{title}");
    }
    let j = s.sb.journal();
    assert_eq!(statuses(&j, "old@"), ["missed"]);
    assert_eq!(statuses(&j, "triple@"), ["merged", "merged", "sent"]);
}

#[test]
fn no_server_at_first_then_dunst_appears_delivers_once() {
    let mut s = Scenario::without_server().reminders(&[("first", &[2], "First")]);
    let mut d = s.start();
    d.wait_event("server_unavailable");
    assert!(d.child.try_wait().unwrap().is_none(), "did not crash");
    s.desk.start_dunst();
    s.desk.wait_summary("First");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(s.desk.count("First"), 1);
    assert_eq!(
        d.event_count("server_unavailable"),
        1,
        "one clear line, not a flood"
    );
}

/// Replace a file the way editors do: a new file renamed over the old.
fn write_whole(path: &std::path::Path, text: &str) {
    let tmp = path.with_extension("tmp-edit");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn sighup_reload_valid_and_broken() {
    let s = Scenario::new();
    let sb = &s.sb;
    // The config is a symlink to a file in another directory (dotfiles).
    // Edits are written whole (temp file, rename), as editors do, so that
    // whichever notices first, SIGHUP or the watcher of the target's
    // directory, reads a whole file.
    let real = sb.path().join("elsewhere/real.toml");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::create_dir_all(sb.config_path().parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, sb.config_path()).unwrap();
    let config = |title| s.timed_config(&[("a", &[10], title), ("b", &[14], "Keeps going")]);
    write_whole(&real, &config("Old title"));
    let mut d = s.start();
    d.wait_event("scheduled");

    // valid edit + SIGHUP: the title changes
    write_whole(&real, &config("New title"));
    d.signal("HUP");
    d.wait_event("reloaded");

    // broken edit + SIGHUP: error notification, old schedule kept
    write_whole(&real, "[treatment]\ndate = 2026-02-30\n");
    d.signal("HUP");
    let error = "aftercare: config error — keeping the previous schedule";
    let err = s.desk.wait_summary(error);
    assert!(err.body.contains("config.toml:2:8"), "{}", err.body);
    // the same broken config again: not shown a second time
    d.signal("HUP");
    d.wait_event_n("kept_previous_schedule", &[], 2);

    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    for (title, shown) in [
        ("New title", 1),
        ("Old title", 0),
        ("Keeps going", 1),
        (error, 1),
    ] {
        assert_eq!(s.desk.count(title), shown, "{title}");
    }
}

#[test]
fn editing_the_file_without_a_signal_is_picked_up() {
    let s = Scenario::new().reminders(&[("a", &[8], "Before edit")]);
    let mut d = s.start();
    d.wait_event("scheduled");
    // the way editors save: write a new file, rename it over the old one
    let tmp = s.sb.config_path().with_extension("swp");
    std::fs::write(&tmp, s.timed_config(&[("a", &[8], "After edit")])).unwrap();
    std::fs::rename(&tmp, s.sb.config_path()).unwrap();
    d.wait_event("reloaded");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(s.desk.count("After edit"), 1);
    assert_eq!(s.desk.count("Before edit"), 0);
}

#[test]
fn snooze_shows_again_and_done_is_recorded() {
    let s = Scenario::new()
        .notifications("snooze = \"3s\"")
        .reminders(&[("a", &[2], "Snoozable"), ("z", &[40], "Last")]);
    let desk = &s.desk;
    let d = s.start();
    let first = desk.wait_summary("Snoozable");
    assert!(first.actions.contains(&"snooze".to_string()));
    desk.press(&first, "snooze");
    d.wait_event("snoozed");
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["snoozed"]);
    // shown again after the snooze
    let again = desk.wait_notifies(2);
    let again: Vec<_> = again.iter().filter(|n| n.summary == "Snoozable").collect();
    assert_eq!(again.len(), 2);
    let delay = again[1].time - again[0].time;
    assert!(
        delay >= 3.0,
        "re-shown after {delay:.2}s, before the snooze ended"
    );
    desk.press(again[1], "done");
    d.wait_event("done");
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["done"]);
}

#[test]
fn wall_clock_jump_forward_is_a_suspend_not_a_storm() {
    let h = 3600;
    let s = Scenario::new()
        .notifications("catch_up = \"2h\"")
        .reminders(&[
            ("a", &[h, h + 600, h + 1200], "Rule A"),
            ("b", &[h + 900], "Rule B"),
            ("c", &[6 * h], "Far away"),
        ]);
    let desk = &s.desk;
    let clock = FakeClock::new(s.sb.path());
    let d = s.start_with(|cmd| clock.apply(cmd));
    d.wait_event("scheduled");
    assert!(desk.notifies().is_empty());
    // jump 1 h 30 min ahead: a@1h, a@1h10, a@1h20 and b@1h15 are overdue
    clock.set("+5400");
    desk.wait_summary("Rule A");
    desk.wait_summary("Rule B");
    d.wait_event_n("sent", &[("rule", "a"), ("collapsed", "2")], 1);
    assert_eq!(desk.count("Rule A"), 1, "one per rule, no storm");
    assert_eq!(desk.count("Rule B"), 1);
    assert_eq!(desk.count("Far away"), 0, "nothing early");
    assert_eq!(
        statuses(&s.sb.journal(), "a@"),
        ["merged", "merged", "sent"]
    );
}

#[test]
fn started_after_the_plan_ended_exits_quietly() {
    let s = Scenario::new()
        .config("[treatment]\ndate = 2025-01-06\ntime = \"10:00\"\ntimezone = \"UTC\"\n");
    let mut d = s.start();
    assert_eq!(d.wait_exit(), Some(0));
    d.wait_event("plan_ended_before_start");
    assert!(s.desk.notifies().is_empty());
}

#[test]
fn bad_config_at_start_exits_78() {
    let s = Scenario::new().config("[treatment]\ndate = 2026-02-30\n");
    let mut d = s.start();
    assert_eq!(d.wait_exit(), Some(78));
    // one word about it where the person looks, and no reminders
    let notes = s.desk.wait_notifies(1);
    let summaries: Vec<&str> = notes.iter().map(|n| n.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["aftercare: config error — no reminders until it is fixed"]
    );
    // in the locale's language; the error itself as `check` says it
    let s = Scenario::new().config("[treatment]\ndate = 2026-02-30\n");
    let mut d = s.start_with(|c| {
        c.env("LC_MESSAGES", "es_ES.UTF-8");
    });
    assert_eq!(d.wait_exit(), Some(78));
    let n = s.desk.wait_notifies(1).remove(0);
    assert_eq!(
        n.summary,
        "aftercare: error en la configuración; no habrá recordatorios hasta que se corrija"
    );
    assert!(
        n.body.contains("invalid date")
            && n.body
                .ends_with("\nEjecute `aftercare check` para ver los detalles."),
        "{}",
        n.body
    );
}

#[test]
fn sigterm_exits_zero_with_the_journal_kept() {
    let s = Scenario::new().reminders(&[("a", &[2], "Soon"), ("b", &[3600], "Later")]);
    let mut d = s.start();
    s.desk.wait_summary("Soon");
    d.wait_event("sent");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["sent"]);
}

#[test]
fn test_notification_reports_the_server_or_fails_clearly() {
    let mut sc = Scenario::new();
    let out = sc.run(&["test-notification"]);
    let s = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{s}");
    assert!(s.contains("server: dunst"), "{s}");
    assert!(s.contains("capabilities: ") && s.contains("actions"), "{s}");
    // the command returns on the server's reply; dbus-monitor may print
    // the call a moment later
    sc.desk.wait_summary("aftercare test");
    assert_eq!(sc.desk.count("aftercare test"), 1);

    sc.desk.kill_dunst();
    let out = sc.run(&["test-notification"]);
    assert_eq!(out.status.code(), Some(69));
    let e = stderr(&out);
    assert!(e.contains("no notification server"), "{e}");

    // no bus at all
    let out = Command::new(common::bin())
        .arg("test-notification")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(69));
}

#[test]
fn indoors_today_skips_the_days_remaining_sunscreen_reminders() {
    use chrono::{DurationRound, FixedOffset, TimeDelta, Timelike};
    let s = Scenario::new();
    let desk = &s.desk;
    // The day is the one of a fixed zone where it is about noon now, so the
    // ten minutes never cross midnight whatever time the test runs at
    // (`Etc/GMT-N` is N hours east; such zones keep the rule's window).
    let utc = chrono::Utc::now();
    let east = 12 - i32::try_from(utc.hour()).unwrap_or(0);
    let zone = format!("Etc/GMT{}{}", if east > 0 { '-' } else { '+' }, east.abs());
    let now = utc.with_timezone(&FixedOffset::east_opt(east * 3600).unwrap());
    // Daylight rules are interval rules on whole minutes: the first one at
    // the next minute at least 5 s away, then every 5 minutes.
    let mut first = now.duration_trunc(TimeDelta::minutes(1)).unwrap() + TimeDelta::minutes(1);
    if first - now < TimeDelta::seconds(5) {
        first += TimeDelta::minutes(1);
    }
    let start = now.duration_trunc(TimeDelta::minutes(1)).unwrap();
    let end = first + TimeDelta::minutes(10);
    assert_eq!(
        end.date_naive(),
        first.date_naive(),
        "test needs the window within one day of {zone}"
    );
    s.sb.write_config(&format!(
        "day_timezone = \"{zone}\"\n[treatment]\ndate = {}\ntime = \"{}\"\ntimezone = \"{zone}\"\nplan = \"none\"\n[quiet_hours]\nenabled = false\n\
         [reminders.sun]\ndays = \"0\"\nevery = \"5m\"\nbetween = [\"{}\", \"{}\"]\ndaylight = true\ntitle = \"Sun\"\n",
        start.format("%Y-%m-%d"),
        start.format("%H:%M"),
        first.format("%H:%M"),
        end.format("%H:%M")
    ));
    let mut d = s.start();
    let n = desk.wait_summary("Sun");
    assert!(
        n.actions
            .windows(2)
            .any(|w| w == ["indoors", "Indoors today"]),
        "{:?}",
        n.actions
    );
    desk.press(&n, "indoors");
    d.wait_event_n("indoors_today", &[("skipped", "2")], 1);
    assert_eq!(
        statuses(&s.sb.journal(), "sun@"),
        ["done", "skipped", "skipped"]
    );
    // nothing left to do today: the plan is complete
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(desk.count("Sun"), 1);
}

#[test]
fn reminders_due_together_are_one_notification_whose_buttons_stay_and_answer_all() {
    // the default grouping: reminders a few minutes apart are one moment
    let s = Scenario::new().notifications("group = \"5m\"").reminders(&[
        ("rinse", &[3], "Rinse"),
        ("serum", &[3], "Serum"),
        ("later", &[3600], "Later"),
    ]);
    let d = s.start();
    let n = s.desk.wait_summary("Rinse");
    assert_eq!(n.summary, "Rinse · Serum", "one Notify carrying both");
    assert_eq!(n.body, "• Rinse — Body of Rinse\n• Serum — Body of Serum");
    d.wait_event_n("sent", &[], 2);
    let ours: Vec<_> = s
        .desk
        .notifies()
        .into_iter()
        .filter(|n| n.app == "aftercare")
        .collect();
    assert_eq!(ours.len(), 1, "not one Notify each: {ours:?}");
    // buttons stay until answered: expire_timeout 0, and resident
    assert_eq!(n.expire_timeout, Some(0));
    assert!(
        n.hints.iter().any(|h| h.contains("\"resident\"")),
        "{:?}",
        n.hints
    );
    assert!(
        n.hints.iter().any(|h| h.contains("\"desktop-entry\"")),
        "{:?}",
        n.hints
    );
    // one Done answers both; the journal keeps one entry per reminder
    s.desk.press(&n, "done");
    d.wait_event_n("done", &[], 2);
    let j = s.sb.journal();
    assert_eq!(statuses(&j, "rinse@"), ["done"]);
    assert_eq!(statuses(&j, "serum@"), ["done"]);
}

#[test]
fn the_last_reminder_says_the_plan_is_complete_and_its_done_is_recorded() {
    let s = Scenario::new().reminders(&[("a", &[2], "First"), ("z", &[5], "Last")]);
    let mut d = s.start();
    d.wait_event("last_reminder_sent");
    let last = s.desk.wait_summary("Last");
    assert!(
        last.body
            .starts_with("Body of Last\n\nThat was the last reminder"),
        "{}",
        last.body
    );
    assert!(
        d.child.try_wait().unwrap().is_none(),
        "still running: waiting for the answer"
    );
    s.desk.press(&last, "done");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(statuses(&s.sb.journal(), "z@"), ["done"]);
    assert_eq!(s.desk.count("aftercare plan complete"), 0, "no second note");
}

#[test]
fn a_repeating_reminder_replaces_its_notification_instead_of_stacking() {
    let s = Scenario::new().reminders_written(|t| {
        t.rule_with(
            "pill",
            2,
            "title = \"Pill\"\nrepeat = \"5m\"\nrepeat_max = 2\n",
        ) + &t.rule("later", &[6 * 3600], "Later")
    });
    let clock = FakeClock::new(s.sb.path());
    let d = s.start_with(|cmd| clock.apply(cmd));
    let first = s.desk.wait_summary("Pill");
    assert_eq!(first.replaces_id, 0);
    d.wait_event("sent");
    // unanswered five minutes later: shown again, in the same place
    clock.set("+330");
    d.wait_event_n("sent", &[], 2);
    let again = s.desk.wait_notifies(2);
    let again = again.last().unwrap();
    assert_eq!(again.summary, "Pill");
    assert_eq!(again.replaces_id, first.id.unwrap(), "replaces, not stacks");
    // answered: no more repeats, even when the next one would be due
    s.desk.press(again, "done");
    d.wait_event("done");
    clock.set("+700");
    // two reloads: the loop handles events in order, so the step after the
    // first is over when the second is logged
    for n in 1..=2 {
        d.signal("HUP");
        d.wait_event_n("config_unchanged", &[], n);
    }
    assert_eq!(s.desk.count("Pill"), 2);
    assert_eq!(statuses(&s.sb.journal(), "pill@"), ["done"]);
}

#[test]
fn under_a_german_locale_the_notification_on_the_bus_is_german() {
    let s = Scenario::new();
    // a clinic's plan, with its German translation beside it
    let dir = s.sb.config_path().parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("clinic.toml"), s.t.rule("rinse", &[3], "Rinse")).unwrap();
    std::fs::write(
        dir.join("clinic.de.ftl"),
        "title-rinse = Sanft abspülen\nbody-rinse = Mit lauwarmem Wasser und den Fingerspitzen.\n",
    )
    .unwrap();
    s.sb.write_config(&s.t.header_with_plan("clinic.toml"));
    let mut d = s.start_with(|c| {
        c.env("LANG", "de_DE.UTF-8");
    });
    let n = s.desk.wait_summary("Sanft abspülen");
    assert_eq!(n.app, "aftercare");
    assert_eq!(
        n.body,
        "Mit lauwarmem Wasser und den Fingerspitzen.\n\nDas war die letzte Erinnerung Ihres Nachpflegeplans. Folgen Sie ab jetzt den Empfehlungen, die Sie erhalten haben."
    );
    assert_eq!(n.actions, ["done", "Erledigt", "snooze", "Später (15m)"]);
    s.desk.wait_action_listener(&n);
    s.desk.close_notification(n.id.unwrap());
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(s.desk.count("Rinse"), 0, "not in English");
    assert_eq!(statuses(&s.sb.journal(), "rinse@"), ["sent"]);
}

#[test]
fn under_an_unknown_locale_the_daemon_speaks_english_and_says_so_once() {
    let s = Scenario::new().reminders(&[("first", &[3], "First")]);
    let mut d = s.start_with(|c| {
        c.env("LANG", "pt_BR.UTF-8");
    });
    let n = s.desk.wait_summary("First");
    assert_eq!(n.actions, ["done", "Done", "snooze", "Snooze 15m"]);
    assert!(
        n.body.ends_with("That was the last reminder of your aftercare plan. From here, follow the advice you were given."),
        "{}",
        n.body
    );
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(
        d.log_count("language \"pt\" (from LANG) is not available; using English"),
        1,
        "{:?}",
        d.log()
    );
}
