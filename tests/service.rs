#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]
//! The user service under a real `systemd --user` manager, started in a
//! private mount namespace (root only: CI is root), with a real session bus
//! and dunst; what reaches the bus is read with dbus-monitor.

use crate::common;

use common::daemon::Timed;
use common::desktop::PATIENCE;
use common::scenario::Scenario;
use common::{Sandbox, assert_stderr_has, assert_stdout_has, require_root, stderr, stdout};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// What the root-only tests here need root for.
const SYSTEMD: &str = "to run systemd --user in a private mount namespace (unshare -m)";

/// Two `systemd --user` managers for the same user in one container share
/// cgroup paths: stopping `aftercare.service` in one kills the other's. On a
/// real machine there is one per user; here the manager tests take turns.
static ONE_MANAGER_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A `systemd --user` manager of our own.
struct Manager<'a> {
    _turn: std::sync::MutexGuard<'static, ()>,
    child: Child,
    s: &'a Scenario,
    /// `XDG_DATA_DIRS` of the manager and of every command (where a
    /// package's units are found).
    data_dirs: Option<String>,
}

impl<'a> Manager<'a> {
    fn start(s: &'a Scenario) -> Manager<'a> {
        Self::start_with(s, None)
    }

    fn start_with(s: &'a Scenario, data_dirs: Option<String>) -> Manager<'a> {
        let (desk, sb) = (&s.desk, &s.sb);
        let turn = ONE_MANAGER_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Never outside a private namespace: /run/systemd/system tells
        // Debian's scripts that systemd is PID 1.
        let mut cmd = Command::new("unshare");
        cmd.args([
            "-m",
            "sh",
            "-c",
            "mkdir -p /run/systemd && mount -t tmpfs tmpfs /run/systemd && mkdir /run/systemd/system && exec /lib/systemd/systemd --user",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        Self::env(s, &mut cmd);
        if let Some(d) = &data_dirs {
            cmd.env("XDG_DATA_DIRS", d);
        }
        let child = cmd.spawn().unwrap();
        let m = Manager {
            _turn: turn,
            child,
            s,
            data_dirs,
        };
        let private = desk.runtime_dir().join("systemd/private");
        m.until("the user manager's socket", || {
            private.exists().then_some(())
        });
        // Wait for start-up to finish: its first transaction isolates
        // default.target and would stop a unit started in the meantime.
        m.until("the user manager to finish starting", || {
            let o = m.systemctl(&["show", "-p", "SystemState", "--value"]);
            matches!(
                String::from_utf8_lossy(&o.stdout).trim(),
                "running" | "degraded"
            )
            .then_some(())
        });
        // What a desktop session does (dbus-update-activation-environment):
        // hand the session's bus and display to user services.
        let ok = m
            .systemctl(&[
                "set-environment",
                &format!("DBUS_SESSION_BUS_ADDRESS={}", desk.bus_address()),
                &format!("DISPLAY=:{}", desk.display),
                &format!("XDG_CONFIG_HOME={}", sb.config_home().display()),
                &format!("XDG_STATE_HOME={}", sb.state_home().display()),
                "TZ=UTC",
                "AFTERCARE_LOG=info,tokio_cron_scheduler=warn",
            ])
            .status
            .success();
        assert!(ok);
        // No journald here: send the service's output to a file (a runtime
        // drop-in, outside the config directory `install` manages).
        let dropin = desk.runtime_dir().join("systemd/user/aftercare.service.d");
        std::fs::create_dir_all(&dropin).unwrap();
        std::fs::write(
            dropin.join("test-log.conf"),
            format!(
                "[Service]\nStandardOutput=append:{0}\nStandardError=append:{0}\n",
                m.log_path().display()
            ),
        )
        .unwrap();
        m
    }

    /// The test's environment, pointed at the scenario's desktop and sandbox.
    fn env(s: &Scenario, cmd: &mut Command) {
        s.desk.apply(cmd);
        s.sb.apply(cmd);
    }

    fn log_path(&self) -> PathBuf {
        self.s.sb.path().join("service.log")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    /// What the main process is doing (for failure messages).
    fn diagnose(&self) -> String {
        let pid = self.prop("MainPID");
        let mut out = format!(
            "MainPID={pid} ActiveState={} SubState={}\n",
            self.prop("ActiveState"),
            self.prop("SubState")
        );
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
            for t in tasks.flatten() {
                let p = t.path();
                let comm = std::fs::read_to_string(p.join("comm")).unwrap_or_default();
                let wchan = std::fs::read_to_string(p.join("wchan")).unwrap_or_default();
                let stat = std::fs::read_to_string(p.join("stat")).unwrap_or_default();
                let syscall = std::fs::read_to_string(p.join("syscall")).unwrap_or_default();
                out.push_str(&format!(
                    "task {}: {} wchan={wchan} syscall={} stat={}\n",
                    t.file_name().to_string_lossy(),
                    comm.trim(),
                    syscall.trim(),
                    stat.trim()
                ));
            }
        }
        if let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) {
            for f in fds.flatten() {
                out.push_str(&format!(
                    "fd {} -> {:?}\n",
                    f.file_name().to_string_lossy(),
                    std::fs::read_link(f.path()).unwrap_or_default()
                ));
            }
        }
        out
    }

    fn systemctl(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new("systemctl");
        cmd.arg("--user").args(args);
        Self::env(self.s, &mut cmd);
        if let Some(d) = &self.data_dirs {
            cmd.env("XDG_DATA_DIRS", d);
        }
        cmd.output().unwrap()
    }

    fn aftercare(&self, args: &[&str]) -> Output {
        let mut cmd = self.s.command(common::bin(), args);
        if let Some(d) = &self.data_dirs {
            cmd.env("XDG_DATA_DIRS", d);
        }
        cmd.output().unwrap()
    }

    fn prop(&self, name: &str) -> String {
        let o = self.systemctl(&["show", "-p", name, "--value", "aftercare.service"]);
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    /// Wait for a state of systemd's that has no event to wait on.
    fn until<R>(&self, what: &str, mut f: impl FnMut() -> Option<R>) -> R {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(r) = f() {
                return r;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; service log:\n{}\n{}",
                self.log(),
                self.diagnose()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Manager<'_> {
    fn drop(&mut self) {
        let _ = self.systemctl(&["exit"]);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `aftercare install`, which must succeed (its output and the service log
/// otherwise).
fn install(m: &Manager) -> Output {
    let out = m.aftercare(&["install"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}\n{}",
        stdout(&out),
        stderr(&out),
        m.log()
    );
    out
}

/// Wait for a notification, showing the service log if it never comes.
fn wait_note(m: &Manager, summary: &str) {
    m.until(&format!("notification {summary:?}"), || {
        (m.s.desk.count(summary) > 0).then_some(())
    });
}

#[test]
fn install_reload_restart_complete_uninstall_under_systemd_user() {
    require_root!(SYSTEMD);
    let s = Scenario::new();
    let sb = &s.sb;
    let m = Manager::start(&s);
    // timed from now, once the manager is up
    let t = Timed::new(0);
    let config = |second: &str| {
        // Etc/GMT is UTC read from the zone database: proves the
        // hardened unit can read /usr/share/zoneinfo
        t.header_in("Etc/GMT", "")
            + &t.rules(&[
                ("a", &[8], "First"),
                ("b", &[30], second),
                ("c", &[40], "Third"),
            ])
    };
    assert!(config("Second").contains("timezone = \"Etc/GMT\""));
    sb.write_config(&config("Second"));

    // install: the unit becomes active, READY and STATUS reach systemd
    let out = install(&m);
    assert_stdout_has(&out, "next: First at");
    assert_eq!(m.prop("ActiveState"), "active", "{}", m.log());
    assert!(
        m.prop("StatusText").starts_with("next: First at"),
        "{}",
        m.prop("StatusText")
    );
    let unit =
        std::fs::read_to_string(sb.config_home().join("systemd/user/aftercare.service")).unwrap();
    let exe = std::fs::canonicalize(common::bin()).unwrap();
    assert!(
        unit.contains(&format!("ExecStart={} run", exe.display())),
        "{unit}"
    );
    // running it again changes nothing
    let again = m.aftercare(&["install"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(!stdout(&again).contains("wrote"), "{}", stdout(&again));
    let status = m.aftercare(&["status"]);
    assert_eq!(status.status.code(), Some(0), "{}", stdout(&status));
    assert_stdout_has(&status, "service: active (running)");

    wait_note(&m, "First");

    // edit + reload: what arrives next changes; the unit stays active
    sb.write_config(&config("Second, edited"));
    let r = m.systemctl(&["reload", "aftercare.service"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    m.until("the new schedule in StatusText", || {
        m.prop("StatusText")
            .contains("Second, edited")
            .then_some(())
    });
    assert_eq!(m.prop("ActiveState"), "active");

    // kill -9: systemd restarts it, nothing is shown twice
    let pid = m.prop("MainPID");
    assert!(
        Command::new("kill")
            .args(["-9", &pid])
            .status()
            .unwrap()
            .success()
    );
    m.until("a restarted main process", || {
        let now = m.prop("MainPID");
        (now != pid && now != "0" && m.prop("ActiveState") == "active").then_some(())
    });
    assert_eq!(m.prop("NRestarts"), "1");

    wait_note(&m, "Second, edited");
    wait_note(&m, "Third");
    // the last reminder says the plan is complete, and the daemon waits for
    // its answer: dismissed, it stops
    assert_eq!(m.s.desk.count("aftercare plan complete"), 0);
    s.dismiss_last();

    // after the last reminder: inactive, exited 0, not failed
    m.until("the unit to stop", || {
        (m.prop("ActiveState") == "inactive").then_some(())
    });
    assert_eq!(m.prop("Result"), "success");
    assert_eq!(m.prop("ExecMainStatus"), "0");
    // (an unanswered one is taken over in place after the restart: the
    // same notification, not a second one)
    for title in ["First", "Second, edited", "Third"] {
        assert_eq!(s.desk.count_new(title), 1, "{title} exactly once");
    }
    assert_eq!(s.desk.count("Second"), 0);

    // uninstall leaves no unit behind
    let out = m.aftercare(&["uninstall"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !sb.config_home()
            .join("systemd/user/aftercare.service")
            .exists()
    );
    assert_eq!(m.prop("LoadState"), "not-found");
    assert!(sb.config_path().exists(), "config kept without --purge");
    let out = m.aftercare(&["uninstall", "--purge"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!sb.config_path().exists() && !sb.state_dir().exists());
}

#[test]
fn install_uses_the_packaged_unit_when_it_runs_this_binary() {
    require_root!(SYSTEMD);
    let s = Scenario::new();
    let sb = &s.sb;
    // a package's unit, as the Debian package installs it, but for the
    // binary under test (the package's runs /usr/bin/aftercare)
    let share = sb.path().join("share");
    let vendor = share.join("systemd/user");
    std::fs::create_dir_all(&vendor).unwrap();
    let exe = std::fs::canonicalize(common::bin()).unwrap();
    let packaged = std::fs::read_to_string("systemd/aftercare.service")
        .unwrap()
        .replace(
            "ExecStart=/usr/bin/aftercare run",
            &format!("ExecStart={} run", exe.display()),
        );
    std::fs::write(vendor.join("aftercare.service"), &packaged).unwrap();
    let m = Manager::start_with(&s, Some(share.display().to_string()));
    let t = Timed::new(0);
    sb.write_config(&(t.header("") + &t.rules(&[("a", &[6], "From the package")])));
    // an earlier install (before the package) left its own copy
    let own = sb.config_home().join("systemd/user/aftercare.service");
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(&own, &packaged).unwrap();

    let out = install(&m);
    assert_stdout_has(&out, "using the packaged unit");
    assert_stdout_has(&out, &format!("removed {}", own.display()));
    assert!(!own.exists(), "no copy of its own");
    assert_eq!(
        m.prop("FragmentPath"),
        vendor.join("aftercare.service").display().to_string(),
        "systemd runs the packaged unit"
    );
    assert_eq!(m.prop("ActiveState"), "active", "{}", m.log());
    assert_eq!(m.prop("UnitFileState"), "enabled");
    wait_note(&m, "From the package");

    // a config elsewhere: a drop-in names it, the packaged unit stays
    let other = sb.path().join("elsewhere.toml");
    std::fs::copy(sb.config_path(), &other).unwrap();
    let out = m.aftercare(&["--config", other.to_str().unwrap(), "install"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let dropin = sb
        .config_home()
        .join("systemd/user/aftercare.service.d/config.conf");
    let text = std::fs::read_to_string(&dropin).unwrap();
    assert!(
        text.contains(&format!("--config {} run", other.display())),
        "{text}"
    );
    assert!(
        m.prop("DropInPaths").contains(dropin.to_str().unwrap()),
        "{}",
        m.prop("DropInPaths")
    );
    assert!(
        m.prop("ExecStart").contains("--config"),
        "{}",
        m.prop("ExecStart")
    );

    // uninstall leaves the package's file alone
    let out = m.aftercare(&["uninstall"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_stdout_has(&out, "disabled the packaged unit");
    assert!(!dropin.exists());
    assert!(vendor.join("aftercare.service").exists());
    assert_eq!(m.prop("UnitFileState"), "disabled");
}

#[test]
fn broken_config_fails_with_78_and_is_not_restarted() {
    require_root!(SYSTEMD);
    let s = Scenario::new();
    let m = Manager::start(&s);
    let sb = &s.sb;
    sb.write_config(&s.timed_config(&[("a", &[3600], "Later")]));
    let out = m.aftercare(&["install"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // break the config, then restart as a reboot would: the last config
    // that worked runs on, and the person is told
    sb.write_config("[treatment]\ndate = 2026-02-30\n");
    let r = m.systemctl(&["restart", "aftercare.service"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(m.prop("ActiveState"), "active");
    // (said once: by the running daemon when the file changed, or at the
    // restart, whichever saw it first)
    m.until("the config error notification", || {
        let said =
            m.s.desk
                .count("aftercare: config error — keeping the previous schedule")
                + m.s
                    .desk
                    .count("aftercare: config error — running your last working config");
        (said == 1).then_some(())
    });

    // without a good copy: exit 78, and no restart loop
    std::fs::remove_file(sb.state_dir().join("last-good.toml")).unwrap();
    let r = m.systemctl(&["restart", "aftercare.service"]);
    assert!(!r.status.success());
    // "failed", not "activating (auto-restart)": no restart is pending
    assert_eq!(m.prop("ActiveState"), "failed");
    assert_eq!(m.prop("SubState"), "failed");
    assert_eq!(m.prop("ExecMainStatus"), "78");
    assert_eq!(m.prop("NRestarts"), "0");
    assert!(m.log().contains("config.toml:2:8"), "{}", m.log());

    let status = m.aftercare(&["status"]);
    assert_eq!(
        status.status.code(),
        Some(78),
        "a bad config is reported by status too"
    );
}

#[test]
fn install_without_a_user_manager_says_what_to_do() {
    let sb = Sandbox::new();
    sb.write_config("[treatment]\ndate = 2026-11-23\n");
    let empty = sb.path().join("no-runtime");
    std::fs::create_dir_all(&empty).unwrap();
    let out = sb
        .cmd()
        .arg("install")
        .env("XDG_RUNTIME_DIR", &empty)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains("not a systemd user session") || e.contains("not look like a systemd system"),
        "{e}"
    );
    assert!(
        e.contains("aftercare run"),
        "names the manual alternative: {e}"
    );
    assert!(
        !sb.config_home()
            .join("systemd/user/aftercare.service")
            .exists()
    );
}

#[test]
fn install_refuses_to_clobber_a_different_config() {
    let sb = Sandbox::new();
    sb.write_config("[treatment]\ndate = 2026-11-23\n");
    let out = sb.run(&["install", "--date", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert_stderr_has(&out, "does not overwrite");
    let text = std::fs::read_to_string(sb.config_path()).unwrap();
    assert!(text.contains("2026-11-23"));
    let out = sb.run(&["install"]);
    assert_ne!(out.status.code(), Some(0));
    // no config and no --date
    let fresh = Sandbox::new();
    let out = fresh.run(&["install"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--date"));
}

#[test]
fn unit_file_passes_systemd_analyze_verify() {
    let sb = Sandbox::new();
    // what `install` writes, and the man page its Documentation= names
    let unit = sb.path().join("aftercare.service");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/systemd/aftercare.service"
    ))
    .unwrap();
    let exe = std::fs::canonicalize(common::bin()).unwrap();
    std::fs::write(
        &unit,
        text.replace(
            "ExecStart=/usr/bin/aftercare run",
            &format!("ExecStart={} run", exe.display()),
        ),
    )
    .unwrap();
    let man = sb.path().join("man/man1");
    std::fs::create_dir_all(&man).unwrap();
    let page = sb.run(&["man"]);
    assert_eq!(page.status.code(), Some(0));
    std::fs::write(man.join("aftercare.1"), &page.stdout).unwrap();
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&unit)
        .env("MANPATH", sb.path().join("man"))
        .output()
        .expect("systemd-analyze (package systemd)");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(stderr(&out).trim(), "", "warnings: {}", stderr(&out));
}
