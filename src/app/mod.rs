//! The application layer: what every command stands on. A [`Context`]
//! (paths, defaults, the present moment: resolved once, passed down),
//! loading the config and the plan, writing a new config, the journal's
//! store. Commands call this; it calls the core.

pub(crate) mod config_file;
pub mod journal;
pub(crate) mod language;
pub(crate) mod lock;
pub(crate) mod new_config;
pub(crate) mod paths;

use chrono::{DateTime, Utc};

use crate::config::{Config, ConfigError, Defaults};
use crate::error::Error;
use crate::i18n::{self, Messages};
use crate::plan::{Plan, PlanError};
use journal::Journal;
use paths::Paths;

/// Everything a command needs from outside, resolved once.
#[derive(Debug)]
pub(crate) struct Context {
    pub paths: Paths,
    pub defaults: Defaults,
    /// `--now` or the real clock.
    pub now: DateTime<Utc>,
    /// The note about an unavailable language was printed.
    pub language_noted: std::cell::Cell<bool>,
}

impl Context {
    /// The config; says once (stderr) when its language is not available.
    pub(crate) fn load_config(&self) -> Result<Config, Error> {
        let c = config_file::load(&self.paths.config, self.defaults)?;
        if !self.language_noted.replace(true) {
            language::warn_unsupported(&c.language);
        }
        Ok(c)
    }

    /// aftercare's messages in the config's language.
    pub(crate) fn messages(c: &Config) -> &'static Messages {
        i18n::messages(c.language.lang)
    }

    pub(crate) fn load_plan(&self) -> Result<(Config, Plan), Error> {
        let c = self.load_config()?;
        let p = build_plan(&c)?;
        Ok((c, p))
    }

    /// The journal as it is on disk, for reading.
    pub(crate) fn read_journal(&self) -> Journal {
        Journal::read_only(&self.paths.journal())
    }
}

/// Build a plan, reporting a failure as a config error.
pub(crate) fn build_plan(c: &Config) -> Result<Plan, Error> {
    Plan::build(c).map_err(|e| Error::Config(plan_error(&c.origin, &e)))
}

/// A plan that cannot be built is a config error (exit 78).
pub(crate) fn plan_error(origin: impl std::fmt::Display, e: &PlanError) -> ConfigError {
    ConfigError::new(&origin.to_string(), e.to_string())
        .hint("use fewer days or a longer `every` interval")
}
