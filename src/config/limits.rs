//! The config's limits and the built-in plans: what the validation checks
//! against.

use std::time::Duration;

use chrono::NaiveTime;

/// Largest config file accepted; a real one is a few KB.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;
/// Highest day number a rule may name (a bit more than a year).
pub const MAX_DAY: u32 = 400;
/// Shortest interval for `every`, so a typo cannot make a million reminders.
pub const MIN_EVERY: Duration = Duration::from_secs(5 * 60);
/// Longest `after` offset, `snooze` or `catch_up`.
pub const MAX_OFFSET: Duration = Duration::from_secs(MAX_DAY as u64 * 86_400);

/// Reminders this close together are one notification, by default.
pub(crate) const DEFAULT_GROUP: Duration = Duration::from_secs(5 * 60);
/// The widest `group` window: a notification never stands for more.
pub const MAX_GROUP: Duration = Duration::from_secs(30 * 60);

/// The built-in care plans, by name: the files in `plans/`, each with a
/// top-level `description`. `aftercare plans` lists them in this order.
pub const BUILTIN_PLANS: &[(&str, &str)] = &[
    (
        "microneedling",
        include_str!("../../plans/microneedling.toml"),
    ),
    (
        "chemical-peel",
        include_str!("../../plans/chemical-peel.toml"),
    ),
    ("laser", include_str!("../../plans/laser.toml")),
    ("tattoo", include_str!("../../plans/tattoo.toml")),
    ("dermaroller", include_str!("../../plans/dermaroller.toml")),
];

/// Longest `description` of a plan file, in characters.
pub const MAX_DESCRIPTION: usize = 160;

/// Quiet hours when the config names no start: 21:30.
pub(crate) fn default_quiet_start() -> NaiveTime {
    clock(21, 30)
}

/// Quiet hours when the config names no end: 08:00.
pub(crate) fn default_quiet_end() -> NaiveTime {
    clock(8, 0)
}

/// A clock time from hours and minutes (midnight when out of range).
pub(crate) fn clock(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}
