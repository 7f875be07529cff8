#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]
//! Faults survived, against the real bus and dunst: a bad journal, a full
//! disk, kill -9 during writes, the notification server and the session bus
//! going away, the wall clock jumping back, the time zone changing; and the
//! privacy promises (private files, escaped markup, no network, no bodies
//! in logs).

mod common;

use common::desktop::{Desktop, Running, Timed};
use common::{Sandbox, stderr};
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

fn daemon(sb: &Sandbox, desk: &Desktop) -> Running {
    let mut cmd = sb.cmd();
    cmd.arg("run");
    desk.apply(&mut cmd);
    Running::spawn(cmd)
}

fn count(desk: &Desktop, summary: &str) -> usize {
    desk.notifies()
        .iter()
        .filter(|n| n.summary == summary)
        .count()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn root_or_skip(test: &str) -> bool {
    if is_root() {
        return true;
    }
    eprintln!(
        "\n*** SKIPPED {test}: needs root for a private mount namespace (unshare -m). CI runs as root. ***\n"
    );
    false
}

fn faketime_lib() -> &'static str {
    [
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
        "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
    ]
    .into_iter()
    .find(|p| std::path::Path::new(p).exists())
    .expect("libfaketime is not installed (apt-get install faketime; .ci/run does this)")
}

#[test]
fn corrupt_journals_are_moved_aside_and_delivery_goes_on() {
    let cases: [(&str, &[u8]); 4] = [
        ("truncated", b"{\"version\":1,\"entries\":{\"a@2026"),
        ("garbage", b"\x00\xff\xfe not json at all"),
        ("wrong json", b"[\"a list\", 3]"),
        ("wrong version", b"{\"version\":7,\"entries\":{}}"),
    ];
    let desk = Desktop::start(true);
    for (name, bytes) in cases {
        let sb = Sandbox::new();
        std::fs::create_dir_all(sb.state_dir()).unwrap();
        std::fs::write(sb.journal_path(), bytes).unwrap();
        let t = Timed::new(0);
        let title = format!("After {name}");
        sb.write_config(&format!("{}{}", t.header(""), t.rule("a", &[2], &title)));
        let mut d = daemon(&sb, &desk);
        d.wait_log("moved it to");
        assert_eq!(d.wait_exit(), Some(0), "{name}");
        assert_eq!(count(&desk, &title), 1, "{name}: still delivered");
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
        let j: serde_json::Value =
            serde_json::from_slice(&std::fs::read(sb.journal_path()).unwrap()).unwrap();
        assert_eq!(j["version"], 1);
    }
}

#[test]
fn unreadable_and_unwritable_journal_does_not_stop_delivery() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    // a directory where the journal file should be: cannot be read, and
    // cannot be replaced by rename either
    std::fs::create_dir_all(sb.journal_path()).unwrap();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}{}",
        t.header(""),
        t.rule("a", &[2], "One"),
        t.rule("b", &[4], "Two")
    ));
    let mut d = daemon(&sb, &desk);
    d.wait_log("cannot read the journal");
    d.wait_log("cannot write the journal");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(count(&desk, "One"), 1);
    assert_eq!(count(&desk, "Two"), 1);
    let errors = d
        .log()
        .iter()
        .filter(|l| l.contains("cannot write the journal"))
        .count();
    assert_eq!(errors, 1, "logged once, not on every write");
}

/// Run the daemon in a private mount namespace where the state directory is
/// a tiny tmpfs (or a read-only bind mount).
fn daemon_with_mount(sb: &Sandbox, desk: &Desktop, mount: &str) -> Running {
    std::fs::create_dir_all(sb.state_dir()).unwrap();
    let mut cmd = Command::new("unshare");
    let script = format!("{mount} && exec \"$0\" run");
    cmd.args(["-m", "sh", "-c", &script, common::bin()]);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", sb.path())
        .env("XDG_CONFIG_HOME", sb.config_home())
        .env("XDG_STATE_HOME", sb.path().join("state"))
        .env("TZ", "UTC");
    desk.apply(&mut cmd);
    Running::spawn(cmd)
}

#[test]
fn disk_full_keeps_the_old_journal_and_never_duplicates() {
    if !root_or_skip("disk_full_keeps_the_old_journal_and_never_duplicates") {
        return;
    }
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}{}{}",
        t.header(""),
        t.rule("a", &[2], "Before full"),
        t.rule("b", &[6], "While full"),
        t.rule("c", &[10], "After space returns")
    ));
    let state = sb.state_dir();
    let mut d = daemon_with_mount(
        &sb,
        &desk,
        &format!("mount -t tmpfs -o size=64k tmpfs '{}'", state.display()),
    );
    desk.wait_summary("Before full");
    d.wait_log("sent");
    // The tmpfs lives in the daemon's namespace: reach it through /proc.
    let inside = std::path::PathBuf::from(format!("/proc/{}/root{}", d.pid(), state.display()));
    let journal_before = std::fs::read(inside.join("journal.json")).unwrap();
    // fill the disk
    let filler = inside.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    use std::io::Write;
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    // down to the last byte
    while f.write_all(&[0]).is_ok() {}
    let _ = f.sync_all();
    drop(f);
    desk.wait_summary("While full");
    d.wait_log("cannot write the journal");
    assert_eq!(
        std::fs::read(inside.join("journal.json")).unwrap(),
        journal_before,
        "old journal intact"
    );
    // space returns
    std::fs::remove_file(&filler).unwrap();
    desk.wait_summary("After space returns");
    // the daemon logs a send after writing the journal
    d.wait_log("sent rule=c");
    d.wait_log("journal written again");
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(inside.join("journal.json")).unwrap()).unwrap();
    let entries = j["entries"].as_object().unwrap();
    assert_eq!(
        entries.len(),
        3,
        "the sends made while full were kept in memory and written: {j}"
    );
    assert_eq!(d.wait_exit(), Some(0));
    for s in ["Before full", "While full", "After space returns"] {
        assert_eq!(count(&desk, s), 1, "{s} exactly once");
    }
}

#[test]
fn read_only_state_directory_does_not_stop_delivery() {
    if !root_or_skip("read_only_state_directory_does_not_stop_delivery") {
        return;
    }
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}",
        t.header(""),
        t.rule("a", &[2], "Read-only")
    ));
    let state = sb.state_dir();
    let mut d = daemon_with_mount(
        &sb,
        &desk,
        &format!(
            "mount --bind '{0}' '{0}' && mount -o remount,bind,ro '{0}'",
            state.display()
        ),
    );
    d.wait_log("cannot write the journal");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(count(&desk, "Read-only"), 1);
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
        j.set(
            &format!("id{i:06}"),
            aftercare::journal::Entry {
                status: aftercare::journal::Status::Sent,
                at: now,
                sent_at: Some(now),
                until: None,
                merged_into: None,
            },
        );
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
                "journal_writer_child",
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
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert!(last > rounds, "the writer made progress ({last} versions)");
    eprintln!("kill -9 rounds: {rounds}, journal versions written: {last}, half-written: 0");
}

#[test]
fn notification_server_restarted_mid_plan() {
    let mut desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}{}",
        t.header(""),
        t.rule("a", &[2], "Before"),
        t.rule("b", &[9], "After restart")
    ));
    let mut d = daemon(&sb, &desk);
    desk.wait_summary("Before");
    desk.kill_dunst();
    desk.start_dunst();
    desk.wait_summary("After restart");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(count(&desk, "Before"), 1);
    assert_eq!(count(&desk, "After restart"), 1);
}

#[test]
fn session_bus_restarted_mid_plan() {
    let mut desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}{}",
        t.header(""),
        t.rule("a", &[2], "Before"),
        t.rule("b", &[9], "On the new bus")
    ));
    let mut d = daemon(&sb, &desk);
    desk.wait_summary("Before");
    d.wait_log("sent");
    desk.restart_bus();
    desk.wait_summary("On the new bus");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(count(&desk, "On the new bus"), 1);
}

#[test]
fn wall_clock_jumping_back_repeats_nothing() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}{}{}",
        t.header(""),
        t.rule("a", &[2], "Once"),
        t.rule("b", &[8], "Later")
    ));
    let offset = sb.path().join("faketime");
    std::fs::write(&offset, "+0\n").unwrap();
    let mut cmd = sb.cmd();
    cmd.arg("run")
        .env("LD_PRELOAD", faketime_lib())
        .env("FAKETIME_TIMESTAMP_FILE", &offset)
        .env("FAKETIME_NO_CACHE", "1")
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    desk.apply(&mut cmd);
    let mut d = Running::spawn(cmd);
    desk.wait_summary("Once");
    d.wait_log("sent");
    // back three hours: "Once" is in the future again
    std::fs::write(&offset, "-10800\n").unwrap();
    d.signal("HUP"); // a reload re-plans against the new clock too
    d.wait_log("SIGHUP");
    // forward again: "Later" comes, "Once" does not come back
    std::fs::write(&offset, "+0\n").unwrap();
    desk.wait_summary("Later");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(count(&desk, "Once"), 1);
    assert_eq!(count(&desk, "Later"), 1);
}

#[test]
fn time_zone_change_on_reload_follows_without_duplicates() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    // Treatment and offsets in UTC; the second reminder is 1 h away.
    let t = Timed::new(0);
    let cfg = |tz: &str| {
        format!(
            "{}{}{}",
            t.header("catch_up = \"2h\"")
                .replace("timezone = \"UTC\"", &format!("timezone = \"{tz}\"")),
            t.rule("a", &[2], "First"),
            t.rule("b", &[3600], "Second")
        )
    };
    sb.write_config(&cfg("UTC"));
    let mut d = daemon(&sb, &desk);
    desk.wait_summary("First");
    d.wait_log("sent");
    // Etc/GMT-1 is UTC+1: the same wall-clock times are an hour earlier, so
    // "Second" is due now and "First" an hour in the past (already sent).
    sb.write_config(&cfg("Etc/GMT-1"));
    desk.wait_summary("Second");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(count(&desk, "First"), 1, "not repeated in the new zone");
    assert_eq!(count(&desk, "Second"), 1);
}

#[test]
fn markup_is_escaped_on_the_bus_and_bodies_stay_out_of_logs() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!(
        "{}[reminders.m]\nafter = [\"{}\"]\ntitle = \"Markup\"\nbody = \"secret <b>& body\"\n",
        t.header(""),
        t.after(2)
    ));
    let mut d = daemon(&sb, &desk);
    let n = desk.wait_summary("Markup");
    assert_eq!(
        n.body, "secret &lt;b&gt;&amp; body",
        "escaped for a body-markup server"
    );
    assert_eq!(d.wait_exit(), Some(0));
    let log = d.log().join("\n");
    assert!(
        !log.contains("secret"),
        "a message body reached the log:\n{log}"
    );
}

#[test]
fn files_are_private() {
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let out = sb.run(&["init", "--date", "2026-11-23"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let t = Timed::new(0);
    sb.write_config(&format!("{}{}", t.header(""), t.rule("a", &[2], "Private")));
    std::fs::set_permissions(sb.config_path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut d = daemon(&sb, &desk);
    assert_eq!(d.wait_exit(), Some(0));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&sb.config_path()), 0o600);
    assert_eq!(mode(sb.config_path().parent().unwrap()), 0o700);
    assert_eq!(mode(&sb.journal_path()), 0o600);
    assert_eq!(mode(&sb.state_dir()), 0o700);
}

#[test]
fn opens_no_network_socket() {
    let have_strace = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("strace").is_file()));
    assert!(
        have_strace,
        "strace is not installed (apt-get install strace; .ci/run does this)"
    );
    let desk = Desktop::start(true);
    let sb = Sandbox::new();
    let t = Timed::new(0);
    sb.write_config(&format!("{}{}", t.header(""), t.rule("a", &[2], "Offline")));
    let trace = sb.path().join("strace.log");
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "-e", "trace=socket,connect", "-o"])
        .arg(&trace)
        .arg(common::bin())
        .arg("run");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", sb.path())
        .env("XDG_CONFIG_HOME", sb.config_home())
        .env("XDG_STATE_HOME", sb.path().join("state"))
        .env("TZ", "UTC");
    desk.apply(&mut cmd);
    let mut d = Running::spawn(cmd);
    desk.wait_summary("Offline");
    assert_eq!(d.wait_exit(), Some(0));
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
