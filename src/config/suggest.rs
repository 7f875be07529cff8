//! "Did you mean …": the nearest of the names a value could have been.

use crate::zone::{ZoneError, ZoneSource};

/// How to fix a time zone that could not be loaded. A damaged file needs no
/// look at the rest of the database; a missing one gets the nearest name.
pub(crate) fn zone_hint(name: &str, e: &ZoneError, zones: &dyn ZoneSource) -> String {
    if matches!(e, ZoneError::Unreadable(..) | ZoneError::Invalid(..)) {
        return format!("{e}; reinstall the `tzdata` package");
    }
    let names = zones.names();
    if names.is_empty() {
        return format!(
            "the time zone database {} is missing or empty: install the `tzdata` package, or leave `timezone` out for the system zone",
            zones.location().display()
        );
    }
    match suggest(name, names.iter().map(String::as_str)) {
        Some(n) => format!("did you mean \"{n}\"? Use an IANA name (see `timedatectl list-timezones`)"),
        None => "use an IANA name such as \"Europe/Berlin\" or \"America/New_York\" (see `timedatectl list-timezones`), or leave it out for the system zone".into(),
    }
}

/// The closest candidate within a small distance, if any.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3) && *d < c.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
