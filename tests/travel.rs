#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]
#![allow(clippy::disallowed_methods)]

//! A change of time zone while `aftercare run` runs, end to end on a real
//! session bus with dunst, each path on its own:
//! - `/etc/localtime` replaced inside a private mount namespace (no system
//!   bus at all), as timedated replaces it: a new link renamed over it;
//! - timedated's `PropertiesChanged` on a private system bus, with the
//!   link changed where no inotify watch can see it, so that only the
//!   signal can have told the daemon (and a stranger's copy of the signal
//!   first, which must change nothing).
//!
//! Then a restart in the new zone. The zones are made for the test with
//! `zic` (a private `TZDIR`): "Test/Home" with an offset that puts a
//! minute boundary of its clock 20 seconds ahead, and "Test/West" 20
//! seconds behind it, so that a clock time comes round twice within
//! seconds and a flight fits in a test. The config names no zone: the
//! daemon pins the treatment where it first reads it.

use crate::common;
use chrono::{DateTime, TimeDelta, Timelike, Utc};
use common::daemon::Running;
use common::scenario::Scenario;
use common::system::{FakeTimedated, SystemBus};
use common::{require_root, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;

const MOUNTS: &str = "for a private mount namespace (unshare -m) with its own /etc";
/// How far behind Home the West clock is.
const WEST_S: i64 = 20;

/// The test's world: its zones, and a copy of /etc that the daemon's
/// mount namespace sees as /etc.
struct World {
    dir: tempfile::TempDir,
    /// When Home's clock shows a whole minute, 20 s from the start.
    t0: DateTime<Utc>,
    /// Home's offset from UTC, in seconds.
    home: i64,
}

fn offset(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let a = secs.abs();
    format!("{sign}{}:{:02}:{:02}", a / 3600, a % 3600 / 60, a % 60)
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let now = Utc::now();
        let t0 = (now + TimeDelta::seconds(20)).with_nanosecond(0).unwrap();
        // Home's clock shows a whole minute at t0
        let home = (60 - i64::from(t0.second())) % 60 + 3600;
        let src = dir.path().join("zones");
        std::fs::write(
            &src,
            format!(
                "Zone Test/Home {} - HOME\nZone Test/West {} - WEST\n",
                offset(home),
                offset(home - WEST_S)
            ),
        )
        .unwrap();
        let zoneinfo = dir.path().join("zoneinfo");
        let ok = Command::new("zic")
            .arg("-d")
            .arg(&zoneinfo)
            .arg(&src)
            .status()
            .expect("zic (libc-bin)")
            .success();
        assert!(ok, "zic failed");
        let etc = dir.path().join("etc");
        let ok = Command::new("cp")
            .args(["-a", "/etc"])
            .arg(&etc)
            .status()
            .unwrap()
            .success();
        assert!(ok, "cp -a /etc");
        let _ = std::fs::remove_file(etc.join("localtime"));
        let _ = std::fs::remove_file(etc.join("timezone"));
        World { dir, t0, home }
    }

    fn zoneinfo(&self) -> PathBuf {
        self.dir.path().join("zoneinfo")
    }

    fn etc(&self) -> PathBuf {
        self.dir.path().join("etc")
    }

    /// A symlink at `at` to `to`, replacing what is there by a rename (as
    /// timedated and `ln -sf` do).
    fn link(&self, at: &Path, to: &Path) {
        let tmp = at.with_extension("new");
        let _ = std::fs::remove_file(&tmp);
        std::os::unix::fs::symlink(to, &tmp).unwrap();
        std::fs::rename(&tmp, at).unwrap();
    }

    /// Home's clock reading at t0 plus `minutes`, as the config writes it.
    fn clock(&self, minutes: i64) -> String {
        let local = self.t0 + TimeDelta::seconds(self.home) + TimeDelta::minutes(minutes);
        local.format("%H:%M").to_string()
    }

    /// A config naming no zone: treated a minute before t0 by Home's clock.
    fn config(&self) -> String {
        let treated = self.t0 + TimeDelta::seconds(self.home) - TimeDelta::minutes(1);
        let rinse = (self.t0 + TimeDelta::seconds(100))
            - (treated.with_second(0).unwrap() - TimeDelta::seconds(self.home));
        format!(
            "[treatment]\ndate = {}\ntime = \"{}\"\nplan = \"none\"\n\n[quiet_hours]\nenabled = false\n\n\
             [notifications]\ngroup = \"0s\"\n\n\
             [reminders.morning]\ndays = \"0-1\"\nat = [\"{}\"]\ntitle = \"Morning\"\n\n\
             [reminders.lunch]\ndays = \"0-1\"\nat = [\"{}\"]\ntitle = \"Lunch\"\n\n\
             [reminders.tea]\ndays = \"0-1\"\nat = [\"{}\"]\ntitle = \"Tea\"\n\n\
             [reminders.rinse]\nafter = [\"{}s\"]\ntitle = \"Rinse\"\n",
            treated.format("%Y-%m-%d"),
            treated.format("%H:%M"),
            self.clock(0),
            self.clock(1),
            self.clock(2),
            rinse.num_seconds()
        )
    }

    /// `aftercare run` in a mount namespace whose /etc is the copy, with
    /// no TZ (the zone is /etc/localtime's) and the private TZDIR.
    fn start(&self, s: &Scenario, system_bus: Option<&SystemBus>) -> Running {
        let script = format!(
            "mount --bind '{}' /etc && exec \"$0\" \"$@\"",
            self.etc().display()
        );
        let mut cmd = s.command("unshare", &["-m", "sh", "-c", &script]);
        cmd.arg(common::bin()).arg("run");
        cmd.env_remove("TZ").env("TZDIR", self.zoneinfo());
        match system_bus {
            Some(b) => b.apply(&mut cmd),
            None => {
                cmd.env("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent");
            }
        }
        Running::spawn(cmd)
    }

    /// `aftercare plan --json --all` as read in `zone`: the treatment's
    /// instant, and each reminder's status.
    fn plan(&self, s: &Scenario, zone: &str) -> (String, Vec<(String, String)>) {
        let out = s
            .command(common::bin(), &["plan", "--json", "--all"])
            .env("TZ", zone)
            .env("TZDIR", self.zoneinfo())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let items = v.as_array().unwrap();
        let treated = items[0]["treated_at"].as_str().unwrap().to_string();
        assert!(items.iter().all(|o| o["treated_at"] == treated.as_str()));
        let statuses = items
            .iter()
            .map(|o| {
                (
                    o["id"].as_str().unwrap().to_string(),
                    o["status"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        (treated, statuses)
    }
}

fn at(n: &common::desktop::Notify) -> DateTime<Utc> {
    DateTime::from_timestamp_millis((n.time * 1000.0) as i64).unwrap()
}

/// `title` is shown `secs` after the start by West's clock (`WEST_S`
/// after Home's), and not sooner.
fn comes_by_wests_clock(w: &World, s: &Scenario, title: &str, secs: i64) {
    let n = s.desk.wait_summary(title);
    assert!(
        at(&n) >= w.t0 + TimeDelta::seconds(secs + WEST_S),
        "{title} came at {} by Home's clock, not West's",
        at(&n)
    );
}

/// Stop the daemon once `rule` is recorded as sent (a TERM during the bus
/// call would leave it unrecorded: another matter).
fn stop_once_sent(d: &mut Running, rule: &str) {
    d.wait_event_n("sent", &[("rule", rule)], 1);
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
}

/// What both paths check once the daemon has been told of the change.
fn fly(w: &World, s: &Scenario, change: impl FnOnce(&Running), bus: Option<&SystemBus>) {
    let treated_home = w.plan(s, "Test/Home").0;
    let mut d = w.start(s, bus);
    d.wait_event("treatment_recorded");
    // Home's morning, on its minute
    let morning = s.desk.wait_summary("Morning");
    assert!(at(&morning) >= w.t0, "{morning:?}");
    change(&d);
    d.wait_event_n("zone_changed", &[("to", "Test/West")], 1);
    // Lunch by West's clock: 20 s after Home's lunch, and only then
    comes_by_wests_clock(w, s, "Lunch", 60);
    stop_once_sent(&mut d, "lunch");

    // restarted in West: the treatment did not move, what was shown stays
    let (treated_west, statuses) = w.plan(s, "Test/West");
    assert_eq!(treated_west, treated_home, "the treatment instant moved");
    let status = |rule: &str| {
        statuses
            .iter()
            .find(|(id, _)| id.starts_with(&format!("{rule}@s1")))
            .map(|(_, st)| st.clone())
    };
    assert_eq!(status("morning").as_deref(), Some("sent"));
    assert_eq!(status("lunch").as_deref(), Some("sent"));
    let mut d = w.start(s, bus);
    d.wait_event("scheduled");
    let rinse = s.desk.wait_summary("Rinse");
    let due = w.t0 + TimeDelta::seconds(100);
    assert!(
        at(&rinse) >= due && at(&rinse) < due + TimeDelta::seconds(3),
        "the elapsed-time reminder hangs on the treatment: due {due}, came {}",
        at(&rinse)
    );
    comes_by_wests_clock(w, s, "Tea", 120);
    stop_once_sent(&mut d, "tea");
    // nothing twice: Home's morning came round again on West's clock 20 s
    // later (and lunch before the restart), and neither was shown again
    for title in ["Morning", "Lunch", "Rinse", "Tea"] {
        assert_eq!(s.desk.count_new(title), 1, "{title}");
    }
}

#[test]
fn a_new_etc_localtime_while_running_moves_the_day_not_the_treatment() {
    require_root!(MOUNTS);
    let s = Scenario::new();
    let w = World::new();
    s.sb.write_config(&w.config());
    let localtime = w.etc().join("localtime");
    w.link(&localtime, &w.zoneinfo().join("Test/Home"));
    std::fs::write(w.etc().join("timezone"), "Test/Home\n").unwrap();
    // as timedated does it: a new link renamed over /etc/localtime, then
    // /etc/timezone rewritten; no system bus to hear anything else
    fly(
        &w,
        &s,
        |_| {
            w.link(&localtime, &w.zoneinfo().join("Test/West"));
            std::fs::write(w.etc().join("timezone"), "Test/West\n").unwrap();
        },
        None,
    );
}

#[test]
fn timedated_announcing_a_new_zone_moves_the_day_not_the_treatment() {
    require_root!(MOUNTS);
    let bus = SystemBus::start();
    let timedated = FakeTimedated::start(&bus);
    let s = Scenario::new();
    let w = World::new();
    s.sb.write_config(&w.config());
    // /etc/localtime -> current -> a zone: the zone changes by replacing
    // `current`, outside /etc and never touching a watched file, so only
    // the signal can tell the daemon
    let current = w.dir.path().join("current");
    w.link(&current, &w.zoneinfo().join("Test/Home"));
    w.link(&w.etc().join("localtime"), &current);
    fly(
        &w,
        &s,
        |d| {
            w.link(&current, &w.zoneinfo().join("Test/West"));
            // a stranger's copy first, addressed to the daemon (a match
            // rule does not keep those out): nothing may change
            let daemon = bus.wait_listener("PropertiesChanged");
            timedated.stranger("Test/West", &daemon);
            d.wait_event("zone_signal_ignored");
            assert_eq!(d.event_count("zone_changed"), 0);
            timedated.announce("Test/West");
            d.wait_event_n("timedated_zone", &[("zone", "Test/West")], 1);
        },
        Some(&bus),
    );
}

/// systemd's own timedated, on a private system bus, sets a new zone the
/// way `timedatectl set-timezone` asks it to: it replaces /etc/localtime
/// (in a copy of /etc the daemon's namespace sees too), announces it and,
/// started by hand, exits at once. Its announcement is taken (the daemon
/// follows who owns timedated's name as the bus tells it), the day moves
/// to the new zone and the treatment does not.
#[test]
fn systemd_timedated_setting_a_zone_is_followed() {
    require_root!(MOUNTS);
    let timedated = [
        "/usr/lib/systemd/systemd-timedated",
        "/lib/systemd/systemd-timedated",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists());
    let Some(timedated) = timedated else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "systemd-timedated missing (package systemd) and CI=true"
        );
        eprintln!("\n*** SKIPPED: no systemd-timedated (package systemd) ***\n");
        return;
    };
    seal_clock_warp();
    let bus = SystemBus::start();
    let s = Scenario::new();
    let w = World::new();
    w.link(
        &w.etc().join("localtime"),
        Path::new("../usr/share/zoneinfo/Europe/Berlin"),
    );
    s.sb.write_config("[treatment]\ndate = 2026-12-07\ntime = \"19:15\"\n");
    let plan = |zone: &str| {
        let out = s
            .command(common::bin(), &["plan", "--json", "--all"])
            .env("TZ", zone)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        v[0]["treated_at"].as_str().unwrap().to_string()
    };
    let treated = plan("Europe/Berlin");
    assert_eq!(treated, "2026-12-07T18:15:00+00:00");
    let script = format!(
        "mount --bind '{}' /etc && exec \"$0\" \"$@\"",
        w.etc().display()
    );
    let mut cmd = s.command("unshare", &["-m", "sh", "-c", &script]);
    cmd.arg(common::bin()).arg("run").env_remove("TZ");
    bus.apply(&mut cmd);
    let d = Running::spawn(cmd);
    d.wait_event("timedated_listening");
    d.wait_event("scheduled");
    // timedated in a namespace of its own with the same /etc
    let mut td = Command::new("unshare");
    td.args(["-m", "sh", "-c", &script, timedated])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    bus.apply(&mut td);
    let mut td = td.spawn().unwrap();
    bus.wait_messages("timedated on the bus", |m| {
        m.iter()
            .any(|x| {
                x.member == "NameOwnerChanged"
                    && x.args.first().and_then(|a| a.string()).as_deref()
                        == Some("org.freedesktop.timedate1")
            })
            .then_some(())
    });
    let ok = Command::new("busctl")
        .arg(format!("--address={}", bus.address()))
        .args([
            "call",
            "org.freedesktop.timedate1",
            "/org/freedesktop/timedate1",
            "org.freedesktop.timedate1",
            "SetTimezone",
            "sb",
            "Asia/Tokyo",
            "false",
        ])
        .status()
        .unwrap()
        .success();
    assert!(ok, "SetTimezone");
    d.wait_event_n("timedated_zone", &[("zone", "Asia/Tokyo")], 1);
    d.wait_event_n("zone_changed", &[("to", "Asia/Tokyo")], 1);
    assert_eq!(d.event_count("zone_signal_ignored"), 0);
    let _ = td.kill();
    let _ = td.wait();
    // the treatment stays where it was
    assert_eq!(plan("Asia/Tokyo"), treated);
}

/// timedated's SetTimezone tells the kernel the zone (`settimeofday` with a
/// `struct timezone`). The first such call after boot *warps the system
/// clock* by the zone's offset (the kernel's "RTC in local time" fix-up,
/// `timekeeping_warp_clock`): on a machine where systemd is not PID 1
/// nothing has made that call yet, and Asia/Tokyo stepped the real clock
/// back nine hours under every other test. Seal it the way systemd does at
/// boot (`clock_reset_timewarp`): one call with a zero offset, which warps
/// by nothing and makes every later call a plain zone setting.
fn seal_clock_warp() {
    let py = "import ctypes, struct\n\
              libc = ctypes.CDLL(None, use_errno=True)\n\
              tz = ctypes.create_string_buffer(struct.pack('ii', 0, 0))\n\
              if libc.settimeofday(None, tz) < 0:\n\
              \x20   raise OSError(ctypes.get_errno(), 'settimeofday(NULL, tz=0)')\n";
    let out = Command::new("python3").args(["-c", py]).output().unwrap();
    assert!(
        out.status.success(),
        "sealing the kernel's clock warp: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
