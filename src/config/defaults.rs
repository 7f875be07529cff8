//! What a parse needs from outside: the system's time zone, where zones and
//! plan files come from, the locale's language.

use std::path::Path;

use crate::i18n::Choice;
use crate::zone::{SystemZones, Zone, ZoneSource};

/// Where the text of a plan file (`plan = "PATH"`) comes from. The parser
/// asks through this, so it reads no files itself; the application reads
/// them from disk.
pub trait PlanSource: std::fmt::Debug + Sync {
    /// The text of the plan file at `path` (resolved against the config's
    /// folder), or why it cannot be had, as a phrase ("there is no such
    /// file").
    fn plan_text(&self, path: &Path) -> Result<String, String>;

    /// The text of a plan file's translation (`X.LANG.ftl` beside it, see
    /// [`plan_texts_path`](super::plan_texts_path)); `Ok(None)` when there is none.
    fn plan_texts(&self, path: &Path) -> Result<Option<String>, String> {
        let _ = path;
        Ok(None)
    }
}

/// No plan files: what a parse without the application's reader gets.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NoPlanFiles;

impl PlanSource for NoPlanFiles {
    fn plan_text(&self, _path: &Path) -> Result<String, String> {
        Err("plan files are not read here".into())
    }
}

/// Context a parse needs from outside: the system time zone (the default),
/// where named zones come from, where plan files come from, and the
/// locale's language (used unless the config says `language = "…"`).
#[derive(Debug, Clone, Copy)]
pub struct Defaults {
    pub timezone: Zone,
    pub zones: &'static dyn ZoneSource,
    pub plans: &'static dyn PlanSource,
    pub language: &'static Choice,
}

impl Defaults {
    /// Zones from the system's tz database, `timezone` when none is named;
    /// no plan files (the application layer supplies its reader).
    pub fn system(timezone: Zone) -> Defaults {
        Defaults {
            timezone,
            zones: &SystemZones,
            plans: &NoPlanFiles,
            language: &Choice::ENGLISH,
        }
    }
}
