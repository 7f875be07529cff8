#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]
//! Faults survived, against the real bus and dunst: a bad journal, a full
//! disk, kill -9 during writes, the notification server and the session bus
//! going away, the wall clock jumping back, the time zone changing; and the
//! privacy promises (private files, escaped markup, no network, no bodies
//! in logs).

use crate::common;

use common::daemon::{Rule, Running};
use common::scenario::Scenario;
use common::{
    FakeClock, Sandbox, assert_stdout_has, installed, mode, read_json, require_root, statuses,
    stderr,
};
use std::process::Command;

/// What the root-only tests here need root for.
const MOUNTS: &str = "for a private mount namespace (unshare -m)";

#[test]
fn corrupt_journals_are_moved_aside_and_delivery_goes_on() {
    let cases: [(&str, &[u8]); 4] = [
        ("truncated", b"{\"version\":1,\"entries\":{\"a@2026"),
        ("garbage", b"\x00\xff\xfe not json at all"),
        ("wrong json", b"[\"a list\", 3]"),
        ("wrong version", b"{\"version\":7,\"entries\":{}}"),
    ];
    for (name, bytes) in cases {
        let title = format!("After {name}");
        let s = Scenario::new().reminders(&[("a", &[2], &title)]);
        let sb = &s.sb;
        std::fs::create_dir_all(sb.state_dir()).unwrap();
        std::fs::write(sb.journal_path(), bytes).unwrap();
        let mut d = s.start();
        d.wait_event_n("journal_problem", &[("kind", "moved_aside")], 1);
        assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0), "{name}");
        assert_eq!(s.desk.count(&title), 1, "{name}: still delivered");
        let aside: Vec<_> = std::fs::read_dir(sb.state_dir())
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("journal.corrupt-")
            })
            .collect();
        assert_eq!(aside.len(), 1, "{name}: kept aside, not deleted");
        assert_eq!(
            std::fs::read(aside[0].path()).unwrap(),
            bytes,
            "{name}: the bad file as it was"
        );
        // the new journal is good
        assert_eq!(sb.journal()["version"], 2);
    }
}

#[test]
fn unreadable_and_unwritable_journal_does_not_stop_delivery() {
    let s = Scenario::new().reminders(&[("a", &[2], "One"), ("b", &[4], "Two")]);
    // a directory where the journal file should be: cannot be read, and
    // cannot be replaced by rename either
    std::fs::create_dir_all(s.sb.journal_path()).unwrap();
    let mut d = s.start();
    d.wait_event_n("journal_problem", &[("kind", "unreadable")], 1);
    d.wait_event("journal_unwritable");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(s.desk.count("One"), 1);
    assert_eq!(s.desk.count("Two"), 1);
    let errors = d.event_count("journal_unwritable");
    assert_eq!(errors, 1, "logged once, not on every write");
}

/// Run the daemon in a private mount namespace where the state directory is
/// a tiny tmpfs (or a read-only bind mount).
fn start_with_mount(s: &Scenario, mount: &str) -> Running {
    std::fs::create_dir_all(s.sb.state_dir()).unwrap();
    let script = format!("{mount} && exec \"$0\" \"$@\"");
    s.start_under(&["unshare", "-m", "sh", "-c", &script])
}

/// Reminders for a disk that fills up: "Before full" in 2 s, "While full"
/// `full` seconds from now (the disk full by then), and `after`.
fn disk_fills(full: i64, after: Rule) -> Scenario {
    Scenario::new().reminders(&[
        ("a", &[2], "Before full"),
        ("b", &[full], "While full"),
        after,
    ])
}

#[test]
fn disk_full_keeps_the_old_journal_and_never_duplicates() {
    require_root!(MOUNTS);
    let s = disk_fills(6, ("c", &[10], "After space returns"));
    let desk = &s.desk;
    let state = s.sb.state_dir();
    let mut d = start_with_mount(
        &s,
        &format!("mount -t tmpfs -o size=64k tmpfs '{}'", state.display()),
    );
    desk.wait_summary("Before full");
    d.wait_event("sent");
    // The tmpfs lives in the daemon's namespace: reach it through /proc.
    let inside = std::path::PathBuf::from(format!("/proc/{}/root{}", d.pid(), state.display()));
    let journal_before = std::fs::read(inside.join("journal.json")).unwrap();
    let filler = fill(&inside);
    desk.wait_summary("While full");
    d.wait_event("journal_unwritable");
    assert_eq!(
        std::fs::read(inside.join("journal.json")).unwrap(),
        journal_before,
        "old journal intact"
    );
    // space returns
    std::fs::remove_file(&filler).unwrap();
    desk.wait_summary("After space returns");
    // the daemon logs a send after writing the journal
    d.wait_event_n("sent", &[("rule", "c")], 1);
    d.wait_event("journal_written_again");
    let j = read_json(&inside.join("journal.json"));
    let entries = j["entries"].as_object().unwrap();
    assert_eq!(
        entries.len(),
        3,
        "the sends made while full were kept in memory and written: {j}"
    );
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    for s in ["Before full", "While full", "After space returns"] {
        assert_eq!(desk.count(s), 1, "{s} exactly once");
    }
}

/// A private mount namespace kept alive by a process of its own, where the
/// state directory is a tiny tmpfs: the daemon can be killed and started
/// again in it (`nsenter`) with the same files.
struct Namespace {
    holder: std::process::Child,
}

impl Namespace {
    fn with_tmpfs(dir: &std::path::Path, size: &str) -> Namespace {
        use std::io::BufRead;
        std::fs::create_dir_all(dir).unwrap();
        let script = format!(
            "mount -t tmpfs -o size={size},mode=0700 tmpfs '{}' && echo ready && exec sleep infinity",
            dir.display()
        );
        let mut holder = Command::new("unshare")
            .args(["-m", "sh", "-c", &script])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(holder.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the tmpfs is mounted");
        Namespace { holder }
    }

    /// A path as seen inside the namespace.
    fn inside(&self, p: &std::path::Path) -> std::path::PathBuf {
        std::path::PathBuf::from(format!("/proc/{}/root{}", self.holder.id(), p.display()))
    }

    fn start(&self, s: &Scenario) -> Running {
        let pid = self.holder.id().to_string();
        s.start_under(&["nsenter", "-t", &pid, "-m"])
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        let _ = self.holder.kill();
        let _ = self.holder.wait();
    }
}

/// Fill the file system that holds `dir` to the last byte; the filler's path.
fn fill(dir: &std::path::Path) -> std::path::PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    while f.write_all(&[0]).is_ok() {}
    let _ = f.sync_all();
    filler
}

#[test]
fn after_a_full_disk_the_journal_is_written_without_waiting_for_a_change() {
    require_root!(MOUNTS);
    let s = disk_fills(5, ("z", &[3600], "Much later"));
    let desk = &s.desk;
    let ns = Namespace::with_tmpfs(&s.sb.state_dir(), "64k");
    let inside = ns.inside(&s.sb.state_dir());
    let d = ns.start(&s);
    desk.wait_summary("Before full");
    d.wait_event_n("sent", &[("rule", "a")], 1);
    let filler = fill(&inside);
    desk.wait_summary("While full");
    d.wait_event("journal_unwritable");
    let j = read_json(&inside.join("journal.json"));
    assert!(statuses(&j, "b@").is_empty(), "not written while full: {j}");
    // a second daemon is refused while the disk is full
    let mut second = ns.start(&s);
    assert_eq!(second.wait_exit(), Some(75), "refused while full");
    // space returns; nothing else happens for an hour
    std::fs::remove_file(&filler).unwrap();
    d.wait_event("journal_written_again");
    let j = read_json(&inside.join("journal.json"));
    assert_eq!(statuses(&j, "b@"), ["sent"], "on disk by itself: {j}");
    // a power loss now: the next start shows nothing again
    d.signal("KILL");
    drop(d);
    let d = ns.start(&s);
    d.wait_event("scheduled");
    assert_eq!(desk.count_new("Before full"), 1);
    assert_eq!(desk.count_new("While full"), 1);
}

/// Reminders "First" in 2 s and `next` (rule `b`) `secs` from now, and
/// one an hour away that keeps the plan going.
fn first_then(secs: i64, next: &str) -> Scenario {
    Scenario::new().reminders(&[
        ("a", &[2], "First"),
        ("b", &[secs], next),
        ("z", &[3600], "Later"),
    ])
}

/// Start the daemon of a [`first_then`] scenario; "First" is shown and
/// recorded when this returns.
fn start_past_first(s: &Scenario) -> Running {
    let d = s.start();
    s.desk.wait_summary("First");
    d.wait_event_n("sent", &[("rule", "a")], 1);
    d
}

#[test]
fn a_deleted_state_directory_is_made_again_with_its_lock() {
    let s = first_then(10, "Second");
    let desk = &s.desk;
    let state = s.sb.state_dir();
    let d = start_past_first(&s);
    for round in 1..=2 {
        // in one step (the daemon makes it again while `rm -r` still runs)
        let trash = s.sb.path().join(format!("deleted-{round}"));
        std::fs::rename(&state, &trash).unwrap();
        std::fs::remove_dir_all(&trash).unwrap();
        d.wait_event_n("state_dir_made_again", &[], round);
        d.wait_event_n("journal_rewritten", &[], round);
        assert_eq!(statuses(&s.sb.journal(), "a@"), ["sent"], "round {round}");
        assert!(state.join("run.lock").exists(), "round {round}");
        // a second daemon is refused meanwhile
        let mut second = s.start();
        assert_eq!(second.wait_exit(), Some(75), "round {round}");
    }
    // a crash now: nothing is shown twice
    d.signal("KILL");
    drop(d);
    let d = s.start();
    desk.wait_summary("Second");
    d.wait_event_n("sent", &[("rule", "b")], 1);
    assert_eq!(desk.count_new("First"), 1);
    assert_eq!(desk.count_new("Second"), 1);
}

/// The journal as it is now; empty before the first write.
fn journal_now(path: &std::path::Path) -> serde_json::Value {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_else(|| serde_json::json!({ "entries": {} }))
}

#[test]
fn done_and_status_beside_the_running_daemon_lose_nothing() {
    // three rules, a reminder of each every second: the daemon writes the
    // journal all the time, and so do the `done` commands
    let secs: Vec<i64> = (2..=9).collect();
    let rules = ["a", "b", "c"];
    let s = Scenario::new().reminders(&[
        ("a", &secs, "Rule a"),
        ("b", &secs, "Rule b"),
        ("c", &secs, "Rule c"),
        ("z", &[3600], "Later"),
    ]);
    let d = s.start();
    d.wait_event("scheduled");
    let s = &s;
    let settled = |rule: &str| {
        let st = statuses(&journal_now(&s.sb.journal_path()), &format!("{rule}@"));
        st.len() == secs.len() && st.iter().all(|x| x != "sent" && x != "snoozed")
    };
    // two `done` per rule, racing each other, the daemon's writes and
    // `status`, until every reminder of the rule is settled
    let results: Vec<(&str, usize, usize)> = std::thread::scope(|scope| {
        let status = scope.spawn(|| {
            let mut runs = 0;
            let deadline = std::time::Instant::now() + common::desktop::PATIENCE;
            while !rules.iter().all(|r| settled(r)) {
                let out = s.run(&["status"]);
                assert_eq!(out.status.code(), Some(0), "status: {}", stderr(&out));
                runs += 1;
                assert!(std::time::Instant::now() < deadline, "never settled");
            }
            runs
        });
        let workers: Vec<_> = rules
            .iter()
            .flat_map(|r| [*r, *r])
            .map(|rule| {
                scope.spawn(move || {
                    let (mut runs, mut answered) = (0, 0);
                    let deadline = std::time::Instant::now() + common::desktop::PATIENCE;
                    while !settled(rule) {
                        let out = s.run(&["done", rule]);
                        let code = out.status.code().unwrap_or(-1);
                        assert!(
                            code == 0 || code == 2,
                            "done {rule} exited {code}: {}",
                            stderr(&out)
                        );
                        runs += 1;
                        answered += usize::from(code == 0);
                        assert!(std::time::Instant::now() < deadline, "done {rule}");
                    }
                    (rule, runs, answered)
                })
            })
            .collect();
        let r = workers.into_iter().map(|w| w.join().unwrap()).collect();
        assert!(status.join().unwrap() > 0);
        r
    });
    let j = s.sb.journal();
    for rule in rules {
        let answered: usize = results
            .iter()
            .filter(|(r, _, _)| *r == rule)
            .map(|(_, _, a)| a)
            .sum();
        let done = statuses(&j, &format!("{rule}@"))
            .iter()
            .filter(|x| *x == "done")
            .count();
        assert!(answered > 0, "{rule}: answered at all");
        assert_eq!(done, answered, "{rule}: every answer kept, none twice: {j}");
    }
    let runs: usize = results.iter().map(|(_, r, _)| r).sum();
    let answered: usize = results.iter().map(|(_, _, a)| a).sum();
    eprintln!("done runs: {runs}, answers: {answered}, all kept");
    assert_eq!(d.event_count("journal_unwritable"), 0);
}

#[test]
fn read_only_state_directory_does_not_stop_delivery() {
    require_root!(MOUNTS);
    let s = Scenario::new().reminders(&[("a", &[2], "Read-only")]);
    let state = s.sb.state_dir();
    let mut d = start_with_mount(
        &s,
        &format!(
            "mount --bind '{0}' '{0}' && mount -o remount,bind,ro '{0}'",
            state.display()
        ),
    );
    d.wait_event("journal_unwritable");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(s.desk.count("Read-only"), 1);
}

/// Not a test on its own: the child process of
/// `kill_9_during_writes_never_leaves_half_a_journal`, writing versions of
/// the journal as fast as it can through the real code path.
#[test]
#[ignore = "helper process, run by kill_9_during_writes_never_leaves_half_a_journal"]
fn journal_writer_child() {
    let Some(path) = std::env::var_os("AFTERCARE_TEST_WRITER") else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let now: chrono::DateTime<chrono::Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    let (mut j, _) = aftercare::journal::Journal::open(&path, now);
    let start = j.entries().count();
    for i in start.. {
        j.set(format!("id{i:06}"), aftercare::journal::Entry::sent(now));
        j.save().unwrap();
    }
}

#[test]
fn kill_9_during_writes_never_leaves_half_a_journal() {
    let sb = Sandbox::new();
    let path = sb.state_dir().join("journal.json");
    let me = std::env::current_exe().unwrap();
    let mut rng = 0x2545_f491_u64;
    let rounds = 150;
    let mut last = 0;
    for round in 0..rounds {
        let mut child = Command::new(&me)
            .args([
                "--ignored",
                "--exact",
                // its name in the one test binary (tests/lib.rs)
                "faults::journal_writer_child",
                "--test-threads",
                "1",
            ])
            .env("AFTERCARE_TEST_WRITER", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // a pseudo-random moment in the middle of the burst
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(std::time::Duration::from_millis(5 + rng % 40));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let j: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "round {round}: half-written journal ({e}): {:?}",
                String::from_utf8_lossy(&bytes)
            )
        });
        let entries = j["entries"].as_object().unwrap();
        // every version is whole: ids id000000 .. id(n-1), nothing missing
        for i in 0..entries.len() {
            assert!(
                entries.contains_key(&format!("id{i:06}")),
                "round {round}: gap at {i}"
            );
        }
        assert!(entries.len() >= last, "round {round}: went backwards");
        last = entries.len();
        assert_eq!(mode(&path), 0o600);
    }
    assert!(last > rounds, "the writer made progress ({last} versions)");
    eprintln!("kill -9 rounds: {rounds}, journal versions written: {last}, half-written: 0");
}

#[test]
fn notification_server_restarted_mid_plan() {
    let mut s = Scenario::new().reminders(&[("a", &[2], "Before"), ("b", &[12], "After restart")]);
    let mut d = s.start();
    let before = s.desk.wait_summary("Before");
    d.wait_event("sent");
    s.desk.kill_dunst();
    s.desk.start_dunst();
    // unanswered, and gone with the old server: posted on the new one
    d.wait_event_n("taken_over", &[("same_server", "false")], 1);
    let again = s.desk.wait_messages("Before posted again, answered", |m| {
        common::desktop::notifies_of(m)
            .into_iter()
            .rfind(|n| n.shows("Before") && n.server != before.server && n.id.is_some())
    });
    assert_eq!(again.replaces_id, 0, "the old id is dead");
    assert_ne!(again.server, before.server, "the new server answered it");
    assert_eq!(s.desk.count("Before"), 2);
    // and its answer comes from the new server
    s.desk.press(&again, "done");
    d.wait_event("done");
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["done"]);
    s.desk.wait_summary("After restart");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(s.desk.count("Before"), 2, "not a third time");
    assert_eq!(s.desk.count("After restart"), 1);
}

#[test]
fn session_bus_restarted_mid_plan() {
    let mut s = Scenario::new().reminders(&[("a", &[2], "Before"), ("b", &[9], "On the new bus")]);
    let mut d = s.start();
    s.desk.wait_summary("Before");
    d.wait_event("sent");
    s.desk.restart_bus();
    s.desk.wait_summary("On the new bus");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(s.desk.count("On the new bus"), 1);
}

#[test]
fn wall_clock_jumping_back_repeats_nothing() {
    let s = Scenario::new().reminders(&[("a", &[2], "Once"), ("b", &[8], "Later")]);
    let clock = FakeClock::new(s.sb.path());
    let mut d = s.start_with(|cmd| clock.apply(cmd));
    s.desk.wait_summary("Once");
    d.wait_event("sent");
    // back three hours: "Once" is in the future again
    clock.set("-10800");
    d.signal("HUP"); // a reload re-plans against the new clock too
    d.wait_event("config_unchanged");
    // forward again: "Later" comes, "Once" does not come back
    clock.set("+0");
    s.desk.wait_summary("Later");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(s.desk.count("Once"), 1);
    assert_eq!(s.desk.count("Later"), 1);
}

#[test]
fn time_zone_change_on_reload_follows_without_duplicates() {
    // Treatment and offsets in UTC; the second reminder is 1 h away.
    let s = Scenario::new();
    let (t, desk) = (&s.t, &s.desk);
    let cfg = |tz: &str| {
        t.header_in(tz, "catch_up = \"2h\"")
            + &t.rules(&[("a", &[2], "First"), ("b", &[3600], "Second")])
    };
    s.sb.write_config(&cfg("UTC"));
    let mut d = s.start();
    desk.wait_summary("First");
    d.wait_event("sent");
    // Etc/GMT-1 is UTC+1: the same wall-clock times are an hour earlier, so
    // "Second" is due now and "First" an hour in the past (already sent).
    s.sb.write_config(&cfg("Etc/GMT-1"));
    desk.wait_summary("Second");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(desk.count("First"), 1, "not repeated in the new zone");
    assert_eq!(desk.count("Second"), 1);
}

#[test]
fn markup_is_escaped_on_the_bus_and_bodies_stay_out_of_logs() {
    let s = Scenario::new().reminders_written(|t| {
        t.rule_with("m", 2, "title = \"Markup\"\nbody = \"secret <b>& body\"\n")
    });
    let mut d = s.start();
    let n = s.desk.wait_summary("Markup");
    assert!(
        n.body.starts_with("secret &lt;b&gt;&amp; body\n"),
        "escaped for a body-markup server: {}",
        n.body
    );
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    let log = d.log().join("\n");
    assert!(
        !log.contains("secret"),
        "a message body reached the log:\n{log}"
    );
}

#[test]
fn files_are_private() {
    let s = Scenario::new();
    let sb = &s.sb;
    let out = sb.run(&["init", "--date", "2026-11-23"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // `init`'s file, rewritten (0600) with a reminder soon
    let s = s.reminders(&[("a", &[2], "Private")]);
    let sb = &s.sb;
    let mut d = s.start();
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    assert_eq!(mode(&sb.config_path()), 0o600);
    assert_eq!(mode(sb.config_path().parent().unwrap()), 0o700);
    assert_eq!(mode(&sb.journal_path()), 0o600);
    assert_eq!(mode(&sb.state_dir()), 0o700);
}

#[test]
fn opens_no_network_socket() {
    assert!(
        installed("strace"),
        "strace is not installed (apt-get install strace; .ci/run does this)"
    );
    let s = Scenario::new().reminders(&[("a", &[2], "Offline")]);
    let trace = s.sb.path().join("strace.log");
    let trace_arg = trace.to_str().unwrap();
    let mut d = s.start_under(&[
        "strace",
        "-f",
        "-qq",
        "-e",
        "trace=socket,connect",
        "-o",
        trace_arg,
    ]);
    s.desk.wait_summary("Offline");
    assert_eq!(s.dismiss_last_and_wait(&mut d), Some(0));
    let log = std::fs::read_to_string(&trace).unwrap();
    let sockets: Vec<&str> = log.lines().filter(|l| l.contains("socket(")).collect();
    assert!(!sockets.is_empty(), "strace saw no socket at all: {log}");
    for l in &sockets {
        assert!(
            l.contains("AF_UNIX") || l.contains("AF_NETLINK"),
            "non-local socket: {l}"
        );
    }
    assert!(!log.contains("AF_INET"), "{log}");
}

#[test]
fn a_second_daemon_on_the_same_state_exits_and_nothing_is_doubled() {
    let s = Scenario::new().reminders(&[("a", &[4], "Once"), ("z", &[3600], "Later")]);
    let d = s.start();
    d.wait_event("scheduled");
    let mut second = s.start();
    assert_eq!(
        second.wait_exit(),
        Some(75),
        "EX_TEMPFAIL, not retried by the unit"
    );
    let said = second.log().join("\n");
    assert!(
        said.contains(&format!("aftercare is already running (pid {})", d.pid())),
        "{said}"
    );
    s.desk.wait_summary("Once");
    d.wait_event("sent");
    assert_eq!(s.desk.count("Once"), 1);
    // status tells who runs
    let out = s.run(&["status"]);
    assert_stdout_has(&out, &format!("daemon:  running (pid {})", d.pid()));
}

#[test]
fn only_the_notification_server_can_answer() {
    let s = Scenario::new()
        .notifications("snooze = \"2s\"")
        .reminders(&[("a", &[2], "Answer me"), ("z", &[3600], "Later")]);
    let desk = &s.desk;
    let d = s.start();
    let n = desk.wait_summary("Answer me");
    let id = n.id.unwrap();
    desk.wait_action_listener(&n);
    // another program on the session bus presses Done, then Snooze: each
    // broadcast and addressed to aftercare's own connection
    for key in ["done", "snooze"] {
        desk.emit_action_signal(id, key);
        desk.emit_action_signal_to(&n.sender, id, key);
    }
    // the addressed ones reach the daemon and are dropped, one line each
    // (the broadcast ones the bus does not even deliver: the match rules)
    d.wait_event_n("ignored_signal", &[("member", "ActionInvoked")], 2);
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["sent"]);
    // the real press, made by dunst itself, counts
    desk.invoke_action(id, "done");
    d.wait_event("done");
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["done"]);
    assert_eq!(
        d.event_count("snoozed"),
        0,
        "no spoofed snooze taken: {:#?}",
        d.log()
    );
    assert_eq!(
        d.event_count("done"),
        1,
        "one answer recorded, the real one: {:#?}",
        d.log()
    );
    assert_eq!(desk.count("Answer me"), 1, "never shown again");
}

#[test]
fn a_look_alike_character_edited_in_is_named_on_screen() {
    let s = Scenario::new().reminders(&[("a", &[2], "Before the edit"), ("z", &[3600], "Later")]);
    let d = s.start();
    s.desk.wait_summary("Before the edit");
    d.wait_event_n("sent", &[("rule", "a")], 1);
    // the person pastes a key with a no-break space in it
    let text = s.timed_config(&[("a", &[2], "Before the edit"), ("z", &[3600], "Later")]);
    let broken = text.replacen("title = ", "title\u{a0}= ", 1);
    let line = broken[..broken.find('\u{a0}').unwrap()]
        .matches('\n')
        .count()
        + 1;
    s.sb.write_config(&broken);
    d.wait_event("kept_previous_schedule");
    let note = s.desk.wait_messages("the config error on screen", |m| {
        common::desktop::notifies_of(m)
            .into_iter()
            .find(|n| n.body.contains("U+00A0"))
    });
    let want = format!("U+00A0 NO-BREAK SPACE at {line}:6: type a normal space");
    assert!(note.body.contains(&want), "{want:?} in {:?}", note.body);
    assert_eq!(s.desk.count("Before the edit"), 1);
}

#[test]
fn a_series_of_thirteen_treatments_runs() {
    let s = Scenario::new();
    let text = s.timed_config(&[("a", &[2], "Session reminder")]);
    let first = s.t.start.date_naive();
    let dates: Vec<String> = (0..13)
        .map(|i| (first + chrono::Months::new(i)).to_string())
        .collect();
    let series = text.replacen(
        &format!("date = {first}"),
        &format!("date = [{}]", dates.join(", ")),
        1,
    );
    assert_ne!(series, text);
    s.sb.write_config(&series);
    let d = s.start();
    s.desk.wait_summary("Session reminder");
    d.wait_event_n("sent", &[("rule", "a")], 1);
    assert_eq!(s.desk.count("Session reminder"), 1);
    // the next one, a month away, is listed; the last one a year away has its year
    let out = s.run(&["plan", "--all"]);
    let plan = common::stdout(&out);
    let last = first + chrono::Months::new(12);
    let year = last.format("%Y").to_string();
    assert!(
        plan.lines()
            .any(|l| l.contains(&format!(" {} ", last.format("%-d"))) && l.contains(&year)),
        "the last session's day shows {year}: {plan}"
    );
}

#[test]
fn ten_thousand_rules_are_scheduled_and_delivered_and_too_many_refused() {
    let s = Scenario::new();
    let mut text = s.timed_config(&[("a", &[3], "Among ten thousand")]);
    for i in 0..9_999 {
        text.push_str(&format!(
            "[reminders.r{i}]\ndays = \"1-7\"\nat = [\"{:02}:{:02}\"]\ntitle = \"Rule {i}\"\n\n",
            9 + i % 10,
            i % 60
        ));
    }
    s.sb.write_config(&text);
    let out = s.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_stdout_has(&out, "ok: 69994 reminders");
    let d = s.start();
    d.wait_event_n("starting", &[("reminders", "69994")], 1);
    s.desk.wait_summary("Among ten thousand");
    d.wait_event_n("sent", &[("rule", "a")], 1);
    assert_eq!(s.desk.count("Among ten thousand"), 1);
    // over the cap (10,000 rules, a year, three times a day): refused
    let mut over = s.timed_config(&[]);
    for i in 0..10_000 {
        over.push_str(&format!(
            "[reminders.r{i}]\ndays = \"0-365\"\nat = [\"09:00\", \"10:00\", \"11:00\"]\ntitle = \"Rule {i}\"\n\n"
        ));
    }
    s.sb.write_config(&over);
    let out = s.run(&["check"]);
    assert_eq!(out.status.code(), Some(78));
    assert!(
        stderr(&out).contains("more than 100000 reminders"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_hung_server_answering_late_gets_no_second_copy() {
    let s = first_then(6, "During the hang");
    let d = start_past_first(&s);
    // the server keeps its name but answers nothing
    s.desk.pause_dunst();
    d.wait_event("notify_timed_out");
    s.desk.resume_dunst();
    // its late answer is taken for the same reminder: one Notify in all
    d.wait_event_n("sent", &[], 2);
    assert_eq!(s.desk.count("During the hang"), 1);
    assert_eq!(statuses(&s.sb.journal(), "b@"), ["sent"]);
}

#[test]
fn sigterm_is_served_while_the_server_hangs() {
    let s = Scenario::new().reminders(&[("a", &[3], "Hung"), ("z", &[3600], "Later")]);
    let mut d = s.start();
    d.wait_event("scheduled");
    s.desk.pause_dunst();
    // the daemon is inside a call to the frozen server
    s.desk
        .wait_messages("the daemon's call to the frozen server", |m| {
            m.iter()
                .any(|x| {
                    x.member == "GetCapabilities"
                        && x.destination == "org.freedesktop.Notifications"
                })
                .then_some(())
        });
    d.signal("TERM");
    // served: the step in flight ends within its call's bound (10 s),
    // not whenever the server wakes up
    d.wait_event_n("stopping", &[("step", "in flight")], 1);
    assert_eq!(d.wait_exit(), Some(0));
    assert!(
        statuses(&s.sb.journal(), "a@").is_empty(),
        "never shown, so not recorded"
    );
    assert_eq!(s.desk.count("Hung"), 0);
    s.desk.resume_dunst();
    // nor dropped: the restart shows it, once
    let mut d = s.start();
    s.desk.wait_summary("Hung");
    d.wait_event("sent");
    assert_eq!(s.desk.count("Hung"), 1);
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
}

#[test]
fn sigterm_during_a_notify_lets_it_finish_and_a_restart_does_not_show_it_again() {
    let s = first_then(6, "In flight");
    let mut d = start_past_first(&s);
    // the server keeps its name but answers nothing: the daemon's Notify
    // for "In flight" waits (up to its 10 s bound)
    s.desk.pause_dunst();
    s.desk.poll("the Notify to the frozen server", || {
        s.desk.count("In flight") == 1
    });
    d.signal("TERM");
    d.wait_event_n("stopping", &[("step", "in flight")], 1);
    // the server answers: the step ends, records it, and the daemon stops
    s.desk.resume_dunst();
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(statuses(&s.sb.journal(), "b@"), ["sent"]);
    // the restart does not show it again
    let mut d = s.start();
    d.wait_event("scheduled");
    assert_eq!(d.event_count("sent"), 0, "nothing shown at the restart");
    // (taken over in place, so its buttons reach the new process: not new)
    assert_eq!(s.desk.count_new("In flight"), 1);
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
}

#[test]
fn a_fifo_in_place_of_the_config_is_an_error_not_a_hang() {
    let s = Scenario::new().reminders(&[("a", &[8], "Still shown"), ("z", &[3600], "Later")]);
    let mut d = s.start();
    d.wait_event("scheduled");
    let cfg = s.sb.config_path();
    std::fs::remove_file(&cfg).unwrap();
    assert!(Command::new("mkfifo").arg(&cfg).status().unwrap().success());
    let err = s
        .desk
        .wait_summary("aftercare: config error — keeping the previous schedule");
    assert!(err.body.contains("not a regular file"), "{}", err.body);
    s.desk.wait_summary("Still shown");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
}

#[test]
fn a_broken_config_at_start_runs_the_last_good_copy() {
    let s =
        Scenario::new().reminders(&[("a", &[10], "From the good copy"), ("z", &[3600], "Later")]);
    // a first run keeps a private copy of the config that worked
    let mut d = s.start();
    d.wait_event("scheduled");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
    let copy = s.sb.state_dir().join("last-good.toml");
    assert_eq!(mode(&copy), 0o600);
    // half-edited, then a reboot
    s.sb.write_config("[treatment]\ndate = 2026-11-31\n");
    restart_runs_the_last_good("config.toml:2:8", &s, "From the good copy");
}

/// A start with a broken config or plan file: the error notice names
/// `at` and says the last working config runs, and its reminder `summary`
/// comes, once.
fn restart_runs_the_last_good(at: &str, s: &Scenario, summary: &str) {
    let d = s.start();
    let err = s
        .desk
        .wait_summary("aftercare: config error — running your last working config");
    assert!(err.body.contains(at), "{}", err.body);
    s.desk.wait_summary(summary);
    d.wait_event("sent");
    assert_eq!(s.desk.count(summary), 1);
}

#[test]
fn a_broken_clinic_plan_file_at_start_runs_the_plan_that_worked() {
    let s = Scenario::new();
    let text = s.t.header_with_plan("clinic.toml") + &s.t.rule("z", &[3600], "Later");
    let s = s.config(&text);
    let plan = s.sb.config_path().with_file_name("clinic.toml");
    let good = s.t.rule("a", &[10], "From the clinic plan");
    std::fs::write(&plan, &good).unwrap();
    // a first run keeps a copy of the plan file with the config
    let mut d = s.start();
    d.wait_event("scheduled");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
    let copy = s.sb.state_dir().join("last-good-plan.toml");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), good);
    assert_eq!(mode(&copy), 0o600);
    // the clinic's file broken by an edit, then a reboot
    std::fs::write(
        &plan,
        good.replace("after = [", "at = [\"25:00\"]\nafter = ["),
    )
    .unwrap();
    restart_runs_the_last_good("clinic.toml:1:1", &s, "From the clinic plan");
}

#[test]
fn editing_a_clinic_plan_file_elsewhere_while_running_reloads_the_schedule() {
    let s = Scenario::new();
    // the plan file in a folder of its own, not the config's: that folder
    // is watched too
    let dir = s.sb.path().join("from-the-clinic");
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.toml");
    std::fs::write(&plan, s.t.rule("a", &[3600], "Original")).unwrap();
    let text = s.t.header_with_plan(&plan.display().to_string()) + &s.t.rule("z", &[7200], "Later");
    let s = s.config(&text);
    let d = s.start();
    d.wait_event("scheduled");
    // the clinic sends an update: written beside, renamed over (as editors do)
    let tmp = dir.join(".plan.toml.new");
    std::fs::write(&tmp, s.t.rule("a", &[6], "After the edit")).unwrap();
    std::fs::rename(&tmp, &plan).unwrap();
    d.wait_event("reloaded");
    let n = s.desk.wait_summary("After the edit");
    assert_eq!(n.body, "Body of After the edit");
    assert_eq!(s.desk.count("Original"), 0);
}

#[test]
fn after_plan_points_at_another_file_edits_to_that_file_reload() {
    let s = Scenario::new();
    // two clinic plan files, each in a folder of its own
    let first = s.sb.path().join("first/plan.toml");
    let second = s.sb.path().join("second/plan.toml");
    for (p, title) in [(&first, "From the first"), (&second, "From the second")] {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, s.t.rule("a", &[3600], title)).unwrap();
    }
    let config = |s: &Scenario, plan: &std::path::Path| {
        s.t.header_with_plan(&plan.display().to_string()) + &s.t.rule("z", &[7200], "Later")
    };
    let text = config(&s, &first);
    let s = s.config(&text);
    let d = s.start();
    d.wait_event("scheduled");
    // the config now names the second file
    s.sb.write_config(&config(&s, &second));
    d.wait_event_n("reloaded", &[], 1);
    // the watch moves to the new file just after the reload is announced
    d.wait_event("plan_file_watched");
    // an edit to the second file (written beside, renamed over) reloads
    let tmp = second.with_file_name(".plan.toml.new");
    std::fs::write(&tmp, s.t.rule("a", &[6], "After the edit")).unwrap();
    std::fs::rename(&tmp, &second).unwrap();
    d.wait_event_n("reloaded", &[], 2);
    let n = s.desk.wait_summary("After the edit");
    assert_eq!(n.body, "Body of After the edit");
    assert_eq!(s.desk.count("From the first"), 0);
    assert_eq!(s.desk.count("From the second"), 0);
}

#[test]
fn a_broken_config_without_a_good_copy_says_so_and_exits_78() {
    let s = Scenario::new().config("[treatment]\ndate = 2026-11-31\n");
    let mut d = s.start();
    assert_eq!(d.wait_exit(), Some(78));
    let n = s
        .desk
        .wait_summary("aftercare: config error — no reminders until it is fixed");
    assert!(n.body.contains("config.toml:2:8"), "{}", n.body);
}

#[test]
fn editing_the_target_of_a_symlinked_config_reloads() {
    let s = Scenario::new();
    let real = s.sb.path().join("dotfiles/aftercare.toml");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::create_dir_all(s.sb.config_path().parent().unwrap()).unwrap();
    std::fs::write(
        &real,
        s.timed_config(&[("a", &[10], "Before"), ("z", &[3600], "Later")]),
    )
    .unwrap();
    std::os::unix::fs::symlink(&real, s.sb.config_path()).unwrap();
    let d = s.start();
    d.wait_event("scheduled");
    std::fs::write(
        &real,
        s.timed_config(&[("a", &[10], "After"), ("z", &[3600], "Later")]),
    )
    .unwrap();
    d.wait_event("reloaded");
    s.desk.wait_summary("After");
    assert_eq!(s.desk.count("Before"), 0);
}

#[test]
fn a_tampered_journal_keeps_what_it_can() {
    let s = Scenario::new().earliest(-120).reminders(&[
        ("a", &[-60], "Already sent"),
        ("b", &[3], "Next"),
        ("z", &[3600], "Later"),
    ]);
    let sb = &s.sb;
    std::fs::create_dir_all(sb.state_dir()).unwrap();
    // a journal of the previous release: its ids left out ":00" seconds
    use chrono::Timelike;
    let due = s.t.at(-60);
    let fmt = if due.second() == 0 {
        "%Y-%m-%dT%H:%M"
    } else {
        "%Y-%m-%dT%H:%M:%S"
    };
    let a_id = format!("a@{}", due.format(fmt));
    let journal = format!(
        r#"{{"version":1,"future_field":true,"entries":{{
            "{a_id}":{{"status":"sent","at":"2026-01-01T00:00:00Z","extra":1}},
            "junk@x":{{"status":"teleported","at":"yesterday"}}
        }}}}"#
    );
    std::fs::write(sb.journal_path(), journal).unwrap();
    let d = s.start();
    d.wait_event_n(
        "journal_problem",
        &[("kind", "dropped"), ("dropped", "1")],
        1,
    );
    s.desk.wait_summary("Next");
    d.wait_event("sent");
    assert_eq!(s.desk.count("Already sent"), 0, "the good entry was kept");
}

#[test]
fn a_journal_that_is_a_symlink_is_not_followed() {
    let s = Scenario::new().reminders(&[("a", &[3], "Shown"), ("z", &[3600], "Later")]);
    let sb = &s.sb;
    std::fs::create_dir_all(sb.state_dir()).unwrap();
    let elsewhere = sb.path().join("elsewhere.json");
    std::fs::write(&elsewhere, "{\"version\":1}").unwrap();
    std::os::unix::fs::symlink(&elsewhere, sb.journal_path()).unwrap();
    let d = s.start();
    d.wait_event_n("journal_problem", &[("kind", "unreadable")], 1);
    s.desk.wait_summary("Shown");
    d.wait_event("sent");
    assert_eq!(
        std::fs::read_to_string(&elsewhere).unwrap(),
        "{\"version\":1}",
        "never written through"
    );
}
