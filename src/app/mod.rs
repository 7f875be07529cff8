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

use crate::clock::SystemZone;
use crate::config::{Config, ConfigError, Defaults};
use crate::error::Error;
use crate::i18n::{self, Messages};
use crate::ledger::{Ledger, TreatmentPin};
use crate::plan::{Plan, PlanError};
use journal::Journal;
use paths::Paths;

/// Everything a command needs from outside, resolved once.
#[derive(Debug)]
pub(crate) struct Context {
    pub paths: Paths,
    pub defaults: Defaults,
    /// The system zone (the default of both zones) and where it came from.
    pub system_zone: SystemZone,
    /// `--now` or the real clock.
    pub now: DateTime<Utc>,
    /// The note about an unavailable language was printed.
    pub language_noted: std::cell::Cell<bool>,
}

impl Context {
    /// The config; says once (stderr) when its language is not available.
    /// The treatment is read in the zone the daemon recorded for it.
    pub(crate) fn load_config(&self) -> Result<Config, Error> {
        let mut c = config_file::load(&self.paths.config, self.defaults)?;
        apply_treatment_pin(&mut c, self.read_journal().ledger());
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

    /// The journal as it is on disk, its ids in today's format (an old
    /// journal is migrated in memory, as the daemon migrates it on disk).
    pub(crate) fn journal_for(&self, c: &Config) -> Journal {
        let mut j = self.read_journal();
        migrate_journal(c, &mut j);
        j
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

/// A config that names no treatment zone is read in the zone recorded when
/// the daemon first read it, as long as its date and time are the ones it
/// read then. A zone that no longer loads, or no longer gives the same
/// instant (a tzdata change), gives way to the recorded instant's offset:
/// the treatment never moves.
pub(crate) fn apply_treatment_pin(c: &mut Config, ledger: &Ledger) {
    let Some(pin) = ledger.treatment() else {
        return;
    };
    if c.treatment.timezone_named || pin.local != c.treatment.date.and_time(c.treatment.time) {
        return;
    }
    let same = |z: &crate::zone::Zone| {
        crate::plan::resolve_local(*z, pin.local).map(|t| t.with_timezone(&Utc)) == Some(pin.at)
    };
    let zone = crate::zone::Zone::get(&pin.zone)
        .or_else(|_| crate::zone::Zone::posix(&pin.zone))
        .ok()
        .filter(same)
        .or_else(|| {
            let secs = (pin.local - pin.at.naive_utc()).num_seconds();
            let (sign, a) = if secs < 0 { ('-', -secs) } else { ('+', secs) };
            let west = if secs < 0 { '+' } else { '-' };
            let (h, m, s) = (a / 3600, a % 3600 / 60, a % 60);
            crate::zone::Zone::posix(&format!("<{sign}{h:02}{m:02}>{west}{h}:{m:02}:{s:02}"))
                .ok()
                .filter(same)
        });
    if let Some(z) = zone {
        c.pin_treatment_zone(z);
    }
}

/// Rename the ids of a journal of the old format (version 1) to today's.
/// Returns how many were renamed (`None`: nothing to migrate, or the plan
/// cannot be built).
pub(crate) fn migrate_journal(c: &Config, j: &mut Journal) -> Option<usize> {
    if !j.needs_migration() {
        return None;
    }
    let map = crate::plan::legacy_ids(c).ok()?;
    Some(j.migrate_ids(&map))
}

/// The record of the treatment as `c` reads it now (what the daemon keeps).
pub(crate) fn treatment_pin(c: &Config) -> Option<TreatmentPin> {
    let local = c.treatment.date.and_time(c.treatment.time);
    let at = crate::plan::resolve_local(c.treatment.timezone, local)?;
    Some(TreatmentPin {
        local,
        zone: c.treatment.timezone.name().to_string(),
        at: at.with_timezone(&Utc),
    })
}
