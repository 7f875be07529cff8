//! Every way a command can fail, each with its exit code (sysexits.h where
//! one fits): the CLI prints the error once and exits with its code.

use crate::config::ConfigError;

/// Exit code for a bad config (EX_CONFIG). The unit's
/// `RestartPreventExitStatus=78` keeps systemd from retrying it.
pub const EXIT_CONFIG: u8 = 78;
/// Exit code of `aftercare status` when the service is not running although
/// the plan is not over.
pub const EXIT_NOT_RUNNING: u8 = 3;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Usage(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Notifications(String),
    #[error("{0}")]
    Service(String),
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Config(_) => EXIT_CONFIG,
            Error::Usage(_) => 2,
            Error::Io { .. } => 74,        // EX_IOERR
            Error::Notifications(_) => 69, // EX_UNAVAILABLE
            Error::Service(_) => 1,
            Error::Other(_) => 1,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}
