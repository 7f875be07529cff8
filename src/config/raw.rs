//! The TOML layout as serde reads it: unknown keys rejected, spans kept for
//! errors found after parsing.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    /// `language = "de"`: a top-level key (before the first table).
    pub(super) language: Option<Spanned<toml::Value>>,
    /// `day_timezone = "Europe/Berlin"`: pins the day to a zone (top-level).
    pub(super) day_timezone: Option<Spanned<String>>,
    pub(super) treatment: Option<Spanned<RawTreatment>>,
    pub(super) quiet_hours: Option<Spanned<RawQuiet>>,
    pub(super) notifications: Option<RawNotifications>,
    #[serde(default)]
    pub(super) reminders: BTreeMap<Spanned<String>, Spanned<RawRule>>,
    pub(super) location: Option<Spanned<RawLocation>>,
    #[serde(default)]
    pub(super) healing: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// A plan file (built-in or a clinic's own): the `[reminders]` and
/// `[healing]` of a config, and a one-line `description` that only a plan
/// file may carry. A plan sets no treatment, quiet hours or notifications.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPlan {
    pub(super) description: Option<Spanned<String>>,
    /// What the plan's last reminder adds ("That was the last reminder…").
    pub(super) complete: Option<Spanned<String>>,
    /// What the morning summary says once nothing is off-limits.
    pub(super) nothing_off_limits: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) reminders: BTreeMap<Spanned<String>, Spanned<RawRule>>,
    #[serde(default)]
    pub(super) healing: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocation {
    pub(super) latitude: Spanned<f64>,
    pub(super) longitude: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTreatment {
    pub(super) date: Spanned<toml::Value>,
    pub(super) time: Option<Spanned<String>>,
    pub(super) timezone: Option<Spanned<String>>,
    pub(super) plan: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuiet {
    pub(super) enabled: Option<bool>,
    pub(super) start: Option<Spanned<String>>,
    pub(super) end: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNotifications {
    pub(super) snooze: Option<Spanned<String>>,
    pub(super) catch_up: Option<Spanned<String>>,
    pub(super) group: Option<Spanned<String>>,
    pub(super) expire: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub(super) enabled: Option<bool>,
    pub(super) days: Option<Spanned<toml::Value>>,
    pub(super) at: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) every: Option<Spanned<String>>,
    pub(super) between: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) after: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) title: Option<Spanned<String>>,
    pub(super) body: Option<Spanned<String>>,
    pub(super) deferred_body: Option<Spanned<String>>,
    pub(super) daylight: Option<Spanned<bool>>,
    pub(super) allows: Option<Spanned<String>>,
    pub(super) summary: Option<bool>,
    pub(super) not_before: Option<Spanned<String>>,
    pub(super) once: Option<bool>,
    pub(super) from: Option<Spanned<String>>,
    pub(super) until: Option<Spanned<String>>,
    pub(super) emergency: Option<bool>,
    pub(super) quiet: Option<Spanned<String>>,
    pub(super) repeat: Option<Spanned<String>>,
    pub(super) repeat_max: Option<Spanned<i64>>,
}

// ---------------------------------------------------------------- validation
