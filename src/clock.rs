//! The one place that reads the wall clock and the system time zone.
//!
//! Everything else takes `now` and a time zone as arguments (clippy's
//! `disallowed-methods` enforces this), so the core stays pure and testable.

use std::path::Path;

use crate::zone::Zone;
use chrono::{DateTime, Utc};

/// The current wall-clock time.
#[allow(clippy::disallowed_methods)]
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Time since boot, suspend included (CLOCK_BOOTTIME): unlike the wall
/// clock it cannot be set, so it tells a suspend from a clock change.
pub(crate) fn since_boot() -> std::time::Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
    std::time::Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

/// Where the system time zone was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZoneOrigin {
    /// The `TZ` environment variable.
    Tz,
    /// `/etc/localtime`.
    Localtime,
    /// Neither names one: UTC, as libc does.
    Default,
}

/// The system time zone as libc reads it, and where from.
#[derive(Debug, Clone)]
pub(crate) struct SystemZone {
    pub zone: Zone,
    pub origin: ZoneOrigin,
    /// `TZ` was set but names no zone (said once, by the caller).
    pub warning: Option<String>,
}

/// The system time zone, read as libc reads it: `TZ` first (an IANA name,
/// with or without a leading `:`, a zoneinfo path, or a POSIX rule such as
/// `EST5EDT,M3.2.0,M11.1.0`; empty is UTC), else `/etc/localtime`; UTC when
/// neither gives a zone. Read afresh on every call (the zone can change
/// while the daemon runs).
pub(crate) fn system_zone() -> SystemZone {
    system_zone_from(
        std::env::var("TZ").ok().as_deref(),
        Path::new("/etc/localtime"),
        &crate::zone::database_dir(),
    )
}

/// [`system_zone`] with its inputs given.
pub(crate) fn system_zone_from(tz: Option<&str>, localtime: &Path, dir: &Path) -> SystemZone {
    let at = |zone, origin| SystemZone {
        zone,
        origin,
        warning: None,
    };
    match tz {
        Some(value) => match zone_from_tz(value, dir) {
            Some(z) => at(z, ZoneOrigin::Tz),
            None => SystemZone {
                zone: Zone::utc(),
                origin: ZoneOrigin::Default,
                warning: Some(format!(
                    "TZ=\"{}\" names no time zone: it is neither a zone in {} nor a POSIX rule such as \"EST5EDT,M3.2.0,M11.1.0\"; using UTC, as the C library does. Set TZ to an IANA name (`timedatectl list-timezones`) or unset it to use /etc/localtime",
                    value.escape_debug(),
                    dir.display()
                )),
            },
        },
        None => match zone_from_localtime(localtime, dir) {
            Some(z) => at(z, ZoneOrigin::Localtime),
            None => at(Zone::utc(), ZoneOrigin::Default),
        },
    }
}

/// `TZ` as glibc reads it: empty is UTC; `:` is dropped; a path is a TZif
/// file; a name is a file in the database; anything else a POSIX rule.
pub(crate) fn zone_from_tz(value: &str, dir: &Path) -> Option<Zone> {
    if value.is_empty() {
        return Some(Zone::utc());
    }
    let v = value.strip_prefix(':').unwrap_or(value);
    if v.starts_with('/') {
        return zone_from_path(Path::new(v), dir);
    }
    Zone::get_in(dir, v).ok().or_else(|| Zone::posix(v).ok())
}

/// `/etc/localtime`: a link into the database gives the zone its name; a
/// copied file is named by `/etc/timezone` (Debian) when that zone has the
/// same content, else `localtime`.
fn zone_from_localtime(localtime: &Path, dir: &Path) -> Option<Zone> {
    if std::fs::symlink_metadata(localtime)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return zone_from_path(localtime, dir);
    }
    let named = localtime
        .parent()
        .and_then(|etc| std::fs::read_to_string(etc.join("timezone")).ok())
        .and_then(|s| Zone::get_in(dir, s.trim()).ok());
    let file = Zone::from_file(localtime, "localtime").ok()?;
    match named {
        Some(z) if same_rules(z, file) => Some(z),
        _ => Some(file),
    }
}

/// A TZif file at `path`, named by where it lies in a zoneinfo tree when
/// it does (`…/zoneinfo/Asia/Tokyo`, links followed).
fn zone_from_path(path: &Path, dir: &Path) -> Option<Zone> {
    let real = std::fs::canonicalize(path).ok()?;
    let text = real.to_string_lossy();
    let named = text
        .split_once("zoneinfo/")
        .map(|(_, n)| n.trim_start_matches("posix/").to_string())
        .or_else(|| {
            let base = std::fs::canonicalize(dir).ok()?;
            Some(real.strip_prefix(base).ok()?.to_string_lossy().into_owned())
        });
    if let Some(name) = named {
        if let Ok(z) = Zone::get_in(dir, &name) {
            return Some(z);
        }
    }
    Zone::from_file(&real, &text).ok()
}

/// The same offsets at every transition over the years a plan can use.
fn same_rules(a: Zone, b: Zone) -> bool {
    use chrono::{Offset, TimeZone};
    (0..=60 * 24).all(|i| {
        let t = DateTime::from_timestamp(1_577_836_800 + i * 86_400 / 2, 0).unwrap_or_default();
        a.offset_from_utc_datetime(&t.naive_utc()).fix()
            == b.offset_from_utc_datetime(&t.naive_utc()).fix()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> std::path::PathBuf {
        crate::zone::database_dir()
    }

    fn from_tz(v: &str) -> Option<Zone> {
        zone_from_tz(v, &db())
    }

    #[test]
    fn tz_env_forms() {
        let berlin = Zone::get("Europe/Berlin").unwrap();
        assert_eq!(from_tz("Europe/Berlin"), Some(berlin));
        assert_eq!(
            from_tz(":America/New_York"),
            Some(Zone::get("America/New_York").unwrap())
        );
        assert_eq!(
            from_tz("/usr/share/zoneinfo/Asia/Tokyo"),
            Some(Zone::get("Asia/Tokyo").unwrap())
        );
        assert_eq!(
            from_tz(":/usr/share/zoneinfo/Asia/Tokyo"),
            Some(Zone::get("Asia/Tokyo").unwrap())
        );
        // libc: an empty TZ is UTC
        assert_eq!(from_tz("").map(|z| z.name()), Some("UTC"));
        assert_eq!(from_tz("Nowhere/Land"), None);
        assert_eq!(from_tz("Mars/Olympus"), None);
    }

    #[test]
    fn posix_rules_are_zones() {
        use chrono::{Offset, TimeZone};
        let z = from_tz("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(z.name(), "EST5EDT,M3.2.0,M11.1.0");
        let winter = chrono::NaiveDate::from_ymd_opt(2026, 12, 6)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let summer = chrono::NaiveDate::from_ymd_opt(2026, 7, 6)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        assert_eq!(
            z.offset_from_utc_datetime(&winter).fix().local_minus_utc(),
            -5 * 3600
        );
        assert_eq!(
            z.offset_from_utc_datetime(&summer).fix().local_minus_utc(),
            -4 * 3600
        );
        let jst = from_tz("JST-9").unwrap();
        assert_eq!(
            jst.offset_from_utc_datetime(&winter)
                .fix()
                .local_minus_utc(),
            9 * 3600
        );
        let odd = from_tz("<+0330>-3:30").unwrap();
        assert_eq!(
            odd.offset_from_utc_datetime(&winter)
                .fix()
                .local_minus_utc(),
            12_600
        );
    }

    #[test]
    fn a_tz_naming_nothing_warns_once_with_its_name() {
        let s = system_zone_from(Some("Mars/Olympus"), Path::new("/nonexistent"), &db());
        assert_eq!(s.zone, Zone::utc());
        assert_eq!(s.origin, ZoneOrigin::Default);
        let w = s.warning.unwrap();
        assert!(w.contains("TZ=\"Mars/Olympus\""), "{w}");
        let s = system_zone_from(Some("Asia/Tokyo"), Path::new("/nonexistent"), &db());
        assert_eq!(s.origin, ZoneOrigin::Tz);
        assert!(s.warning.is_none());
    }

    #[test]
    fn localtime_link_copy_and_absence() {
        let dir = tempfile::tempdir().unwrap();
        let lt = dir.path().join("localtime");
        std::os::unix::fs::symlink(db().join("Asia/Tokyo"), &lt).unwrap();
        let s = system_zone_from(None, &lt, &db());
        assert_eq!(s.zone.name(), "Asia/Tokyo");
        assert_eq!(s.origin, ZoneOrigin::Localtime);
        // a copy, named by /etc/timezone when it agrees
        std::fs::remove_file(&lt).unwrap();
        std::fs::copy(db().join("Europe/Berlin"), &lt).unwrap();
        std::fs::write(dir.path().join("timezone"), "Europe/Berlin\n").unwrap();
        assert_eq!(
            system_zone_from(None, &lt, &db()).zone.name(),
            "Europe/Berlin"
        );
        // ... and not when it disagrees: the file is what libc uses
        std::fs::write(dir.path().join("timezone"), "Asia/Tokyo\n").unwrap();
        let s = system_zone_from(None, &lt, &db());
        assert_eq!(s.zone.name(), "localtime");
        let berlin = Zone::get("Europe/Berlin").unwrap();
        assert!(same_rules(s.zone, berlin));
        // none at all: UTC
        std::fs::remove_file(&lt).unwrap();
        assert_eq!(system_zone_from(None, &lt, &db()).zone, Zone::utc());
    }
}
