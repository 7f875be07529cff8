//! The one place that reads the wall clock and the system time zone.
//!
//! Everything else takes `now` and a time zone as arguments (clippy's
//! `disallowed-methods` enforces this), so the core stays pure and testable.

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

/// The system time zone: `TZ` first (as libc does), then `/etc/timezone`,
/// then the `/etc/localtime` link; UTC when none names an IANA zone.
pub(crate) fn system_timezone() -> Zone {
    zone_from_env(std::env::var("TZ").ok().as_deref())
        .or_else(|| {
            std::fs::read_to_string("/etc/timezone")
                .ok()
                .and_then(|s| s.trim().parse().ok())
        })
        .or_else(|| {
            let link = std::fs::read_link("/etc/localtime").ok()?;
            zone_from_path(&link.to_string_lossy())
        })
        .unwrap_or(Zone::utc())
}

/// `TZ` may be `Europe/Berlin`, `:Europe/Berlin` or a zoneinfo path.
pub(crate) fn zone_from_env(tz: Option<&str>) -> Option<Zone> {
    let tz = tz?.trim().trim_start_matches(':');
    if tz.is_empty() {
        return None;
    }
    tz.parse().ok().or_else(|| zone_from_path(tz))
}

fn zone_from_path(p: &str) -> Option<Zone> {
    let (_, name) = p.split_once("zoneinfo/")?;
    name.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tz_env_forms() {
        assert_eq!(
            zone_from_env(Some("Europe/Berlin")),
            Some(Zone::get("Europe/Berlin").unwrap())
        );
        assert_eq!(
            zone_from_env(Some(":America/New_York")),
            Some(Zone::get("America/New_York").unwrap())
        );
        assert_eq!(
            zone_from_env(Some("/usr/share/zoneinfo/Asia/Tokyo")),
            Some(Zone::get("Asia/Tokyo").unwrap())
        );
        assert_eq!(zone_from_env(Some("")), None);
        assert_eq!(zone_from_env(Some("Nowhere/Land")), None);
        assert_eq!(zone_from_env(None), None);
    }
}
