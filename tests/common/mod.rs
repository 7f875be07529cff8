#![allow(unreachable_pub)]
//! Shared test harness: a sandbox with its own XDG directories, the
//! aftercare binary, and (in `desktop`) a real session bus, Xvfb and dunst.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    clippy::disallowed_methods
)]

pub mod desktop;

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

    pub fn state_dir(&self) -> PathBuf {
        self.path().join("state/aftercare")
    }

    pub fn journal_path(&self) -> PathBuf {
        self.state_dir().join("journal.json")
    }

    /// Write the config file (0600, as `init` would).
    pub fn write_config(&self, text: &str) {
        let p = self.config_path();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    /// The aftercare binary with this sandbox's environment.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(bin());
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("TZ", "UTC");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run aftercare")
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
