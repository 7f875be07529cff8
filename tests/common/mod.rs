//! The one harness of the integration tests.
//!
//! - [`Sandbox`]: a temporary home with config, state and data directories
//!   of its own, and the aftercare binary pointed at it.
//! - [`desktop::Desktop`]: a real session bus, Xvfb, dunst and dbus-monitor.
//! - [`daemon::Running`] (an `aftercare run` whose log can be waited on) and
//!   [`daemon::Timed`] (a config whose reminders fire seconds from now).
//! - [`system::SystemBus`]: a private system bus with its own dbus-monitor,
//!   and [`system::FakeLogind`], which owns logind's name on it.
//! - [`scenario::Scenario`]: all of these together, so that an end-to-end
//!   test reads as what it does: `Scenario::new().reminders(..).start()`.
//! - Small shared helpers: the root check, libfaketime, journal reading.
//!
//! Each test binary uses a part of it, hence `dead_code` below.

#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    clippy::disallowed_methods
)]

pub mod daemon;
pub mod desktop;
pub mod scenario;
pub mod system;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_aftercare")
}

/// A temporary home: config, state and runtime directories of its own.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_home(&self) -> PathBuf {
        self.path().join("config")
    }

    pub fn config_path(&self) -> PathBuf {
        self.config_home().join("aftercare/config.toml")
    }

    pub fn state_home(&self) -> PathBuf {
        self.path().join("state")
    }

    pub fn state_dir(&self) -> PathBuf {
        self.state_home().join("aftercare")
    }

    pub fn journal_path(&self) -> PathBuf {
        self.state_dir().join("journal.json")
    }

    /// The journal as JSON.
    pub fn journal(&self) -> serde_json::Value {
        read_json(&self.journal_path())
    }

    /// Write the config file (0600, as `init` would).
    pub fn write_config(&self, text: &str) {
        let p = self.config_path();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    /// Point a command's home, XDG directories and time zone here. The
    /// computer is where the treatment was: `TZ` is the zone the config
    /// names for it (UTC when it names none), unless a test sets another.
    pub fn apply(&self, cmd: &mut Command) {
        let zone = std::fs::read_to_string(self.config_path())
            .map(|t| treatment_zone(&t))
            .unwrap_or_else(|_| "UTC".into());
        cmd.env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("XDG_STATE_HOME", self.state_home())
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("TZ", zone);
    }

    /// `program` with nothing of the test's environment but PATH, and this
    /// sandbox's.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        self.apply(&mut c);
        c
    }

    /// The aftercare binary with this sandbox's environment.
    pub fn cmd(&self) -> Command {
        self.command(bin())
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run aftercare")
    }
}

/// The zone a config names for the treatment (`timezone = "…"`), or UTC.
pub fn treatment_zone(config: &str) -> String {
    config
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("timezone = \""))
        .and_then(|l| l.split('"').next().map(str::to_string))
        .unwrap_or_else(|| "UTC".into())
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A JSON file, parsed.
pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The statuses of the journal entries whose id starts with `prefix`
/// (`"a@"`: every occurrence of rule `a`), sorted.
pub fn statuses(journal: &serde_json::Value, prefix: &str) -> Vec<String> {
    let mut all: Vec<String> = journal["entries"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .map(|(_, v)| v["status"].as_str().unwrap().to_string())
        .collect();
    all.sort();
    all
}

/// Permission bits of a file or directory.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Whether `cmd` is on PATH.
pub fn installed(cmd: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(cmd).is_file()))
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The path of the test function this stands in, without the crate's
/// name: `faults::disk_full_keeps_the_old_journal_and_never_duplicates`.
macro_rules! test_name {
    () => {{
        fn here() {}
        $crate::common::test_path(std::any::type_name_of_val(&here))
    }};
}
pub(crate) use test_name;

/// `integration::faults::a_test::here` -> `faults::a_test`.
pub fn test_path(here: &'static str) -> &'static str {
    let path = here.strip_suffix("::here").unwrap_or(here);
    path.split_once("::").map_or(path, |(_, path)| path)
}

/// A test's first line where it needs root (`needs` says for what): ends
/// the test, saying so, where it cannot run; see [`root_or_skip`].
macro_rules! require_root {
    ($needs:expr) => {
        if !$crate::common::root_or_skip($crate::common::test_name!(), $needs) {
            return;
        }
    };
}
pub(crate) use require_root;

/// A test's first line where it needs programs: `(program, Debian
/// package)`; ends the test, saying so, where one is missing; see
/// [`tools_or_skip`].
macro_rules! require_tools {
    ($($tool:expr),+ $(,)?) => {
        if !$crate::common::tools_or_skip($crate::common::test_name!(), &[$($tool),+]) {
            return;
        }
    };
}
pub(crate) use require_tools;

/// Whether every tool is on PATH; else says so (the Debian packages) and,
/// under CI, fails.
pub fn tools_or_skip(test: &str, tools: &[(&str, &str)]) -> bool {
    let missing: Vec<String> = tools
        .iter()
        .filter(|(t, _)| !installed(t))
        .map(|(t, p)| format!("{t} (apt-get install {p})"))
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: missing {}; CI installs them",
        missing.join(", ")
    );
    eprintln!(
        "\n*** SKIPPED {test}: missing {}; CI installs them. ***\n",
        missing.join(", ")
    );
    false
}

#[test]
fn a_test_knows_its_own_name() {
    assert_eq!(test_name!(), "common::a_test_knows_its_own_name");
}

/// For tests that need root (`needs` says for what). Returns false, after
/// saying so loudly, when the test cannot run here; the caller returns.
/// CI runs as root, so there these tests run: under `CI=true` a missing
/// root fails the test instead of skipping it.
pub fn root_or_skip(test: &str, needs: &str) -> bool {
    if is_root() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{test}: needs root {needs}, and CI=true: CI must run as root"
    );
    eprintln!("\n*** SKIPPED {test}: needs root {needs}. CI runs as root, so it runs there. ***\n");
    false
}

/// The daemon's override of its scheduler's longest sleep, in ms
/// (src/daemon/wake.rs).
pub const MAX_TICK_ENV: &str = "AFTERCARE_MAX_TICK_INTERVAL_MS";

/// libfaketime's multi-threaded library.
pub fn faketime_lib() -> &'static str {
    [
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
        "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists())
    .expect("libfaketime is not installed (apt-get install faketime; .ci/run does this)")
}

/// A wall clock a test can move: libfaketime reads the offset from a file
/// on every call; monotonic time stays real (as across a suspend).
pub struct FakeClock {
    file: PathBuf,
}

impl FakeClock {
    /// Starts at the real time (`+0`); the file lives in `dir`.
    pub fn new(dir: &Path) -> FakeClock {
        faketime_lib(); // fail here, with the fix, when it is missing
        let c = FakeClock {
            file: dir.join("faketime"),
        };
        c.set("+0");
        c
    }

    /// Move the clock: `"+5400"` is 1 h 30 min ahead, `"-10800"` 3 h back.
    pub fn set(&self, offset: &str) {
        std::fs::write(&self.file, format!("{offset}\n")).unwrap();
    }

    /// Run a command under this clock.
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env("LD_PRELOAD", faketime_lib())
            .env("FAKETIME_TIMESTAMP_FILE", &self.file)
            .env("FAKETIME_NO_CACHE", "1")
            .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
            // The daemon's scheduler sleeps up to minutes and is woken by the
            // kernel or logind when the wall clock moves; neither sees this
            // clock move, so the daemon keeps looking every 500 ms under it.
            // (tests/wake.rs undoes this to test the wake-ups themselves.)
            .env(MAX_TICK_ENV, "500");
    }
}

/// Assert that a command's standard error says `needle` (and show it all
/// when it does not).
#[track_caller]
pub fn assert_stderr_has(out: &Output, needle: &str) {
    let said = stderr(out);
    assert!(said.contains(needle), "{needle:?} not in:\n{said}");
}

/// The same for standard output.
#[track_caller]
pub fn assert_stdout_has(out: &Output, needle: &str) {
    let said = stdout(out);
    assert!(said.contains(needle), "{needle:?} not in:\n{said}");
}
