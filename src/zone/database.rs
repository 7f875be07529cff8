//! Where the tz database is, and which names may be looked up in it.

use std::path::PathBuf;

/// Where the tz database lives unless `TZDIR` says otherwise.
pub(super) const ZONEINFO: &str = "/usr/share/zoneinfo";

/// The tz database directory: `$TZDIR` when set (as glibc), else
/// [`ZONEINFO`].
pub fn database_dir() -> PathBuf {
    match std::env::var_os("TZDIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(ZONEINFO),
    }
}

/// A name is letters, digits, `_`, `-`, `+`, separated by single `/`; no
/// `.` or `..` component can reach outside the database.
pub(crate) fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.split('/').all(|part| {
            !part.is_empty()
                && part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
        })
}
