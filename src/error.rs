//! Every way a command can fail, each with its exit code (sysexits.h where
//! one fits). Command bodies return [`Error`]; `crate::run` prints it once
//! and exits with its code.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::ConfigError;

/// Exit code of any other failure (systemctl, the scheduler, no home).
pub(crate) const EXIT_FAILURE: u8 = 1;
/// Exit code for bad usage (clap's, and ours: an unknown rule, a config
/// that exists already).
pub(crate) const EXIT_USAGE: u8 = 2;
/// Exit code when no notification server is reachable (EX_UNAVAILABLE).
pub(crate) const EXIT_UNAVAILABLE: u8 = 69;
/// Exit code when reading or writing a file failed (EX_IOERR).
pub(crate) const EXIT_IOERR: u8 = 74;
/// Exit code for a bad config (EX_CONFIG). The unit's
/// `RestartPreventExitStatus=78` keeps systemd from retrying it.
pub(crate) const EXIT_CONFIG: u8 = 78;
/// Exit code of `aftercare run` when another one holds the lock
/// (EX_TEMPFAIL); the unit does not restart on it.
pub(crate) const EXIT_ALREADY_RUNNING: u8 = 75;
/// Exit code of `aftercare status` when the service is not running although
/// the plan is not over.
pub(crate) const EXIT_NOT_RUNNING: u8 = 3;

/// The manual alternative when there is no systemd user session.
const MANUAL: &str = "without systemd, start `aftercare run` from your desktop's autostart \
     (e.g. an XDG autostart entry in ~/.config/autostart/aftercare.desktop with Exec=aftercare run)";

#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    // ---- usage: the command line asked for something that cannot be done
    #[error("--now cannot be used with `run`: the daemon follows the real clock")]
    NowWithRun,
    #[error("{} already exists; edit it, or pass --force to replace it", .0.display())]
    ConfigExists(PathBuf),
    #[error(
        "there is no config at {} yet: pass --date YYYY-MM-DD (and --time HH:MM) to write one",
        .0.display()
    )]
    NoConfigYet(PathBuf),
    #[error(
        "{} already holds a treatment on {held}; install does not overwrite it. \
         Edit the file, or replace it with `aftercare init --force --date {asked}`, then run `aftercare install` again",
        path.display()
    )]
    TreatmentDiffers {
        path: PathBuf,
        held: NaiveDate,
        asked: NaiveDate,
    },
    #[error(
        "{} uses the plan {held}; install does not change it. \
         Set `plan = ` under [treatment] in that file, or replace it with `aftercare init --force --plan {asked} --date …`, then run `aftercare install` again",
        path.display()
    )]
    PlanDiffers {
        path: PathBuf,
        held: String,
        asked: String,
    },
    #[error("there is no rule `{rule}` in the plan; {hint}")]
    UnknownRule { rule: String, hint: String },
    #[error("no `{0}` reminder has been shown yet that is waiting for an answer")]
    NothingToAnswer(String),

    #[error(
        "aftercare is already running{} with the journal in {}; stop it first (`systemctl --user stop aftercare`, or end that process), so reminders are not shown twice",
        match pid { Some(p) => format!(" (pid {p})"), None => String::new() },
        state_dir.display()
    )]
    AlreadyRunning {
        pid: Option<u32>,
        state_dir: PathBuf,
    },

    // ---- the environment
    #[error("cannot find your home directory (is $HOME set?)")]
    NoHome,
    #[error(
        "no notification server is reachable on the session bus ({0}). \
         Is a desktop session running, with DBUS_SESSION_BUS_ADDRESS set? \
         Without a notification daemon (GNOME Shell, KDE Plasma, dunst, mako, xfce4-notifyd …) nothing can be shown."
    )]
    NoNotificationServer(String),
    #[error("cannot run systemctl ({0}): this does not look like a systemd system; {MANUAL}")]
    NoSystemctl(std::io::Error),
    #[error(
        "systemctl --user is not available ({0}): this is not a systemd user session \
         (over ssh or su, log in graphically or use `machinectl shell user@`); {MANUAL}"
    )]
    NoUserManager(String),
    #[error("`systemctl --user {command}` failed: {stderr}")]
    Systemctl { command: String, stderr: String },
    #[error("the service did not start ({state}, {result}): see `journalctl --user -u aftercare`")]
    ServiceFailed { state: String, result: String },
    #[error("cannot {what} the scheduler: {reason}")]
    Scheduler { what: &'static str, reason: String },
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Error::Config(_) => EXIT_CONFIG,
            Error::NowWithRun
            | Error::ConfigExists(_)
            | Error::NoConfigYet(_)
            | Error::TreatmentDiffers { .. }
            | Error::PlanDiffers { .. }
            | Error::UnknownRule { .. }
            | Error::NothingToAnswer(_) => EXIT_USAGE,
            Error::Io { .. } => EXIT_IOERR,
            Error::AlreadyRunning { .. } => EXIT_ALREADY_RUNNING,
            Error::NoNotificationServer(_) => EXIT_UNAVAILABLE,
            Error::NoHome
            | Error::NoSystemctl(_)
            | Error::NoUserManager(_)
            | Error::Systemctl { .. }
            | Error::ServiceFailed { .. }
            | Error::Scheduler { .. }
            | Error::Json(_) => EXIT_FAILURE,
        }
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// Writing a command's output failed.
    pub(crate) fn output(source: std::io::Error) -> Error {
        Error::io("cannot write output", source)
    }

    /// Whether this is only a closed pipe (`aftercare plan | head`).
    pub(crate) fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's list of exit codes names each one (the man page builds
    /// its EXIT STATUS from these constants; the README is written by hand).
    #[test]
    fn the_readme_lists_every_exit_code() {
        let readme = include_str!("../README.md");
        let at = readme
            .find("Exit codes:")
            .expect("README has its exit codes");
        let list = &readme[at..at + readme[at..].find("\n\n").unwrap_or(readme.len() - at)];
        let words: Vec<&str> = list
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| !w.is_empty())
            .collect();
        for code in [
            0,
            EXIT_FAILURE,
            EXIT_USAGE,
            EXIT_NOT_RUNNING,
            EXIT_UNAVAILABLE,
            EXIT_IOERR,
            EXIT_ALREADY_RUNNING,
            EXIT_CONFIG,
        ] {
            assert!(
                words.contains(&code.to_string().as_str()),
                "README's exit codes leave out {code}: {list}"
            );
        }
    }
}
