#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    clippy::disallowed_methods
)]
//! `aftercare run` end to end: the real binary, a private session bus, Xvfb
//! and dunst; what reaches the bus is read with dbus-monitor, never from the
//! daemon's own logs (those are only used to know when to act next).

mod common;

use common::Sandbox;
use common::desktop::{Desktop, Running, Timed};
use std::process::Command;

fn daemon(sb: &Sandbox, desk: &Desktop) -> Running {
    let mut cmd = sb.cmd();
    cmd.arg("run");
    desk.apply(&mut cmd);
    Running::spawn(cmd)
}

fn journal(sb: &Sandbox) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(sb.journal_path()).unwrap()).unwrap()
}

fn status_of(j: &serde_json::Value, prefix: &str) -> Vec<String> {
    j["entries"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .map(|(_, v)| v["status"].as_str().unwrap().to_string())
        .collect()
}

fn count(notes: &[common::desktop::Notify], summary: &str) -> usize {
    notes.iter().filter(|n| n.summary == summary).count()
}

#[test]
fn delivers_two_in_order_once_not_early_then_completes() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}{}",
        t.header(""),
        t.rule("first", &[3], "First"),
        t.rule("second", &[6], "Second")
    ));
    let mut d = daemon(&sb, &desk);
    assert_eq!(d.wait_exit(), Some(0), "exits 0 after the plan");
    let notes = desk.notifies();
    let summaries: Vec<&str> = notes.iter().map(|n| n.summary.as_str()).collect();
    assert_eq!(summaries, ["First", "Second", "aftercare plan complete"]);
    for (n, secs) in notes.iter().zip([3, 6]) {
        let planned = t.at(secs).timestamp() as f64;
        let late = n.time - planned;
        assert!(late >= 0.0, "{} shown {:.3}s early", n.summary, -late);
        assert!(late < 5.0, "{} shown {late:.3}s late", n.summary);
        eprintln!("lateness {}: {late:.3}s", n.summary);
    }
    assert_eq!(notes[0].app, "aftercare");
    assert_eq!(notes[0].body, "Body of First");
    assert_eq!(notes[0].actions, ["done", "Done", "snooze", "Snooze 15m"]);
    let j = journal(&sb);
    assert_eq!(status_of(&j, "first@"), ["sent"]);
    assert_eq!(status_of(&j, "second@"), ["sent"]);
    assert!(j["complete"].is_string());
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(sb.journal_path())
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
}

#[test]
fn restart_after_kill_does_not_repeat() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}{}",
        t.header(""),
        t.rule("first", &[3], "First"),
        t.rule("second", &[12], "Second")
    ));
    let d = daemon(&sb, &desk);
    desk.wait_summary("First");
    d.wait_log("sent");
    d.signal("KILL");
    drop(d);
    let mut d = daemon(&sb, &desk);
    desk.wait_summary("Second");
    assert_eq!(d.wait_exit(), Some(0));
    let notes = desk.notifies();
    assert_eq!(
        count(&notes, "First"),
        1,
        "not shown again after the restart"
    );
    assert_eq!(count(&notes, "Second"), 1);
}

#[test]
fn catch_up_at_startup_shows_recent_once_misses_old_and_collapses() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(-1800);
    sb.write_config(&format!(
        "{}{}{}{}{}",
        t.header("catch_up = \"10m\""),
        t.rule("recent", &[-300], "Recent"), // 5 min late: shown
        t.rule("old", &[-1200], "Old"),      // 20 min late: missed
        t.rule("triple", &[-240, -180, -120], "Triple"), // three overdue: one
        t.rule("later", &[4], "Later"),
    ));
    let mut d = daemon(&sb, &desk);
    assert_eq!(d.wait_exit(), Some(0));
    let notes = desk.notifies();
    assert_eq!(count(&notes, "Recent"), 1);
    assert_eq!(count(&notes, "Old"), 0);
    assert_eq!(count(&notes, "Triple"), 1);
    assert_eq!(count(&notes, "Later"), 1);
    let j = journal(&sb);
    assert_eq!(status_of(&j, "old@"), ["missed"]);
    let mut triple = status_of(&j, "triple@");
    triple.sort();
    assert_eq!(triple, ["merged", "merged", "sent"]);
}

#[test]
fn no_server_at_first_then_dunst_appears_delivers_once() {
    let mut desk = Desktop::start(false);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}",
        t.header(""),
        t.rule("first", &[2], "First")
    ));
    let mut d = daemon(&sb, &desk);
    d.wait_log("cannot show notifications");
    assert!(d.child.try_wait().unwrap().is_none(), "did not crash");
    desk.start_dunst();
    desk.wait_summary("First");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(count(&desk.notifies(), "First"), 1);
    assert_eq!(
        d.log()
            .iter()
            .filter(|l| l.contains("cannot show notifications"))
            .count(),
        1,
        "one clear line, not a flood"
    );
}

#[test]
fn sighup_reload_valid_and_broken() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    // The config is a symlink to a file in another directory, so the file
    // watcher (which watches the link's directory) does not see edits of the
    // target: only SIGHUP can make the daemon notice.
    let real = sb.path().join("elsewhere/real.toml");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::create_dir_all(sb.config_path().parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, sb.config_path()).unwrap();
    let t = Timed::new(0);
    std::fs::write(
        &real,
        format!(
            "{}{}{}",
            t.header(""),
            t.rule("a", &[10], "Old title"),
            t.rule("b", &[14], "Keeps going")
        ),
    )
    .unwrap();
    let mut d = daemon(&sb, &desk);
    d.wait_log("scheduled;");

    // valid edit + SIGHUP: the title changes
    std::fs::write(
        &real,
        format!(
            "{}{}{}",
            t.header(""),
            t.rule("a", &[10], "New title"),
            t.rule("b", &[14], "Keeps going")
        ),
    )
    .unwrap();
    d.signal("HUP");
    d.wait_log("config reloaded");

    // broken edit + SIGHUP: error notification, old schedule kept
    std::fs::write(&real, "[treatment]\ndate = 2026-02-30\n").unwrap();
    d.signal("HUP");
    let err = desk.wait_summary("aftercare: config error — keeping the previous schedule");
    assert!(err.body.contains("config.toml:2:8"), "{}", err.body);
    // the same broken config again: not shown a second time
    d.signal("HUP");
    d.wait_log_n("config error, keeping the previous schedule", 2);

    assert_eq!(d.wait_exit(), Some(0));
    let notes = desk.notifies();
    assert_eq!(count(&notes, "New title"), 1);
    assert_eq!(count(&notes, "Old title"), 0);
    assert_eq!(count(&notes, "Keeps going"), 1);
    assert_eq!(
        count(
            &notes,
            "aftercare: config error — keeping the previous schedule"
        ),
        1
    );
}

#[test]
fn editing_the_file_without_a_signal_is_picked_up() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}",
        t.header(""),
        t.rule("a", &[8], "Before edit")
    ));
    let mut d = daemon(&sb, &desk);
    d.wait_log("scheduled;");
    // the way editors save: write a new file, rename it over the old one
    let tmp = sb.config_path().with_extension("swp");
    std::fs::write(
        &tmp,
        format!("{}{}", t.header(""), t.rule("a", &[8], "After edit")),
    )
    .unwrap();
    std::fs::rename(&tmp, sb.config_path()).unwrap();
    d.wait_log("config reloaded");
    assert_eq!(d.wait_exit(), Some(0));
    let notes = desk.notifies();
    assert_eq!(count(&notes, "After edit"), 1);
    assert_eq!(count(&notes, "Before edit"), 0);
}

#[test]
fn snooze_shows_again_and_done_is_recorded() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}{}",
        t.header("snooze = \"3s\""),
        t.rule("a", &[2], "Snoozable"),
        t.rule("z", &[40], "Last")
    ));
    let d = daemon(&sb, &desk);
    let first = desk.wait_summary("Snoozable");
    assert!(first.actions.contains(&"snooze".to_string()));
    desk.wait_action_listener(&first);
    desk.invoke_action(first.id.unwrap(), "snooze");
    d.wait_log("snoozed");
    assert_eq!(status_of(&journal(&sb), "a@"), ["snoozed"]);
    // shown again after the snooze
    let again = desk.wait_notifies(2);
    let again: Vec<_> = again.iter().filter(|n| n.summary == "Snoozable").collect();
    assert_eq!(again.len(), 2);
    let delay = again[1].time - again[0].time;
    assert!(
        delay >= 3.0,
        "re-shown after {delay:.2}s, before the snooze ended"
    );
    desk.wait_action_listener(again[1]);
    desk.invoke_action(again[1].id.unwrap(), "done");
    d.wait_log("done");
    assert_eq!(status_of(&journal(&sb), "a@"), ["done"]);
}

#[test]
fn wall_clock_jump_forward_is_a_suspend_not_a_storm() {
    let lib = [
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
        "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
    ]
    .into_iter()
    .find(|p| std::path::Path::new(p).exists())
    .expect("libfaketime is not installed (apt-get install faketime; .ci/run does this)");
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    let h = 3600;
    sb.write_config(&format!(
        "{}{}{}{}",
        t.header("catch_up = \"2h\""),
        t.rule("a", &[h, h + 600, h + 1200], "Rule A"),
        t.rule("b", &[h + 900], "Rule B"),
        t.rule("c", &[6 * h], "Far away"),
    ));
    let offset = sb.path().join("faketime");
    std::fs::write(&offset, "+0\n").unwrap();
    let mut cmd = sb.cmd();
    cmd.arg("run")
        .env("LD_PRELOAD", lib)
        .env("FAKETIME_TIMESTAMP_FILE", &offset)
        .env("FAKETIME_NO_CACHE", "1")
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    desk.apply(&mut cmd);
    let d = Running::spawn(cmd);
    d.wait_log("scheduled;");
    assert!(desk.notifies().is_empty());
    // jump 1 h 30 min ahead: a@1h, a@1h10, a@1h20 and b@1h15 are overdue
    std::fs::write(&offset, "+5400\n").unwrap();
    desk.wait_summary("Rule A");
    desk.wait_summary("Rule B");
    d.wait_log("sent once for several overdue");
    let notes = desk.notifies();
    assert_eq!(count(&notes, "Rule A"), 1, "one per rule, no storm");
    assert_eq!(count(&notes, "Rule B"), 1);
    assert_eq!(count(&notes, "Far away"), 0, "nothing early");
    let mut a = status_of(&journal(&sb), "a@");
    a.sort();
    assert_eq!(a, ["merged", "merged", "sent"]);
}

#[test]
fn started_after_the_plan_ended_exits_quietly() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    sb.write_config("[treatment]\ndate = 2025-01-06\ntime = \"10:00\"\ntimezone = \"UTC\"\n");
    let mut d = daemon(&sb, &desk);
    assert_eq!(d.wait_exit(), Some(0));
    assert!(
        d.log()
            .iter()
            .any(|l| l.contains("the plan ended before aftercare started"))
    );
    assert!(desk.notifies().is_empty());
}

#[test]
fn bad_config_at_start_exits_78() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    sb.write_config("[treatment]\ndate = 2026-02-30\n");
    let mut d = daemon(&sb, &desk);
    assert_eq!(d.wait_exit(), Some(78));
    assert!(desk.notifies().is_empty());
}

#[test]
fn sigterm_exits_zero_with_the_journal_kept() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}{}",
        t.header(""),
        t.rule("a", &[2], "Soon"),
        t.rule("b", &[3600], "Later")
    ));
    let mut d = daemon(&sb, &desk);
    desk.wait_summary("Soon");
    d.wait_log("sent");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(status_of(&journal(&sb), "a@"), ["sent"]);
}

#[test]
fn test_notification_reports_the_server_or_fails_clearly() {
    let mut desk = Desktop::start(true);
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.arg("test-notification");
    desk.apply(&mut cmd);
    let out = cmd.output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{s}");
    assert!(s.contains("server: dunst"), "{s}");
    assert!(s.contains("capabilities: ") && s.contains("actions"), "{s}");
    assert_eq!(count(&desk.notifies(), "aftercare test"), 1);

    desk.kill_dunst();
    let mut cmd = sb.cmd();
    cmd.arg("test-notification");
    desk.apply(&mut cmd);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(69));
    let e = String::from_utf8_lossy(&out.stderr);
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
    use chrono::{DurationRound, TimeDelta};
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    // Daylight rules are interval rules on whole minutes: the first one at
    // the next minute at least 5 s away, then every 5 minutes.
    let now = chrono::Utc::now();
    let mut first = now.duration_trunc(TimeDelta::minutes(1)).unwrap() + TimeDelta::minutes(1);
    if first - now < TimeDelta::seconds(5) {
        first += TimeDelta::minutes(1);
    }
    let start = now.duration_trunc(TimeDelta::minutes(1)).unwrap();
    let end = first + TimeDelta::minutes(10);
    assert_eq!(
        end.date_naive(),
        first.date_naive(),
        "test needs the window within one UTC day"
    );
    sb.write_config(&format!(
        "[treatment]\ndate = {}\ntime = \"{}\"\ntimezone = \"UTC\"\nplan = \"none\"\n[quiet_hours]\nenabled = false\n\
         [reminders.sun]\ndays = \"0\"\nevery = \"5m\"\nbetween = [\"{}\", \"{}\"]\ndaylight = true\ntitle = \"Sun\"\n",
        start.format("%Y-%m-%d"),
        start.format("%H:%M"),
        first.format("%H:%M"),
        end.format("%H:%M")
    ));
    let mut d = daemon(&sb, &desk);
    let n = desk.wait_summary("Sun");
    assert!(
        n.actions
            .windows(2)
            .any(|w| w == ["indoors", "Indoors today"]),
        "{:?}",
        n.actions
    );
    desk.wait_action_listener(&n);
    desk.invoke_action(n.id.unwrap(), "indoors");
    d.wait_log("indoors today");
    let j = journal(&sb);
    let mut st = status_of(&j, "sun@");
    st.sort();
    assert_eq!(st, ["done", "skipped", "skipped"]);
    // nothing left to do today: the plan is complete
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(count(&desk.notifies(), "Sun"), 1);
}
