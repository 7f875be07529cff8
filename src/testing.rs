//! Helpers for unit tests: configs from text.

use crate::config::{Config, Defaults, parse};
use crate::zone::Zone;

/// Parse a test config; zones from the system database, UTC by default.
pub(crate) fn config(text: &str) -> Config {
    config_in(text, Zone::utc())
}

/// Parse a test config whose default zone is `zone`.
pub(crate) fn config_in(text: &str, zone: Zone) -> Config {
    parse(text, "t.toml", Defaults::system(zone)).unwrap()
}

/// A zone of the system database.
pub(crate) fn zone(name: &str) -> Zone {
    Zone::get(name).unwrap()
}
