//! Sunrise and sunset, offline, for daylight-aware rules: NOAA's general
//! solar position equations (fractional year, equation of time,
//! declination, hour angle at the zenith 90.833°, which allows for
//! refraction and the sun's disc), good to a minute or two away from the
//! poles. The trigonometry is the `libm` crate's, in Rust, so the binary
//! needs no libm.so (about 0.3 MiB resident for five functions). Tested
//! against the `sunrise` crate and published times
//! (`fortnight_tests.rs`).

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};

use crate::config::Location;
use crate::zone::Zone;

/// The hours of daylight on a day at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Daylight {
    Between(NaiveTime, NaiveTime),
    PolarDay,
    PolarNight,
}

/// Sunrise and sunset (UTC) of a date at a place; `Err(true)` when the sun
/// does not set that day, `Err(false)` when it does not rise.
pub(crate) fn sun_times(
    date: NaiveDate,
    latitude: f64,
    longitude: f64,
) -> Result<(DateTime<Utc>, DateTime<Utc>), bool> {
    use libm::{acos, cos, sin, tan};
    use std::f64::consts::PI;
    let year_days = if date.leap_year() { 366.0 } else { 365.0 };
    // Evaluated at local solar noon, in UTC hours.
    let noon_utc = 12.0 - longitude / 15.0;
    let g = 2.0 * PI / year_days * (f64::from(date.ordinal()) - 1.0 + (noon_utc - 12.0) / 24.0);
    let eqtime = 229.18
        * (0.000_075 + 0.001_868 * cos(g)
            - 0.032_077 * sin(g)
            - 0.014_615 * cos(2.0 * g)
            - 0.040_849 * sin(2.0 * g));
    let decl = 0.006_918 - 0.399_912 * cos(g) + 0.070_257 * sin(g) - 0.006_758 * cos(2.0 * g)
        + 0.000_907 * sin(2.0 * g)
        - 0.002_697 * cos(3.0 * g)
        + 0.001_48 * sin(3.0 * g);
    let lat = latitude.to_radians();
    let cos_ha = cos(90.833_f64.to_radians()) / (cos(lat) * cos(decl)) - tan(lat) * tan(decl);
    if cos_ha < -1.0 {
        return Err(true);
    }
    if cos_ha > 1.0 || cos_ha.is_nan() {
        // the sun stays below the horizon, or the sums broke down at a pole:
        // the hemisphere decides
        return Err(cos_ha.is_nan() && decl * latitude > 0.0);
    }
    let ha = acos(cos_ha).to_degrees();
    // Minutes from 00:00 UTC of the date (negative east of Greenwich).
    let rise = 720.0 - 4.0 * (longitude + ha) - eqtime;
    let set = 720.0 - 4.0 * (longitude - ha) - eqtime;
    let midnight = date.and_time(NaiveTime::MIN).and_utc();
    // to the millisecond; the values are a day or two of minutes at most
    let at = |minutes: f64| midnight + TimeDelta::milliseconds((minutes * 60_000.0) as i64);
    Ok((at(rise), at(set)))
}

/// Sunrise and sunset of a local date at a place, in the plan's zone.
pub fn daylight(loc: Location, date: NaiveDate, tz: Zone) -> Daylight {
    if !(-90.0..=90.0).contains(&loc.latitude) || !(-180.0..=180.0).contains(&loc.longitude) {
        return Daylight::PolarDay;
    }
    match sun_times(date, loc.latitude, loc.longitude) {
        Ok((up, down)) => {
            let up = up.with_timezone(&tz).time();
            let down = down.with_timezone(&tz).time();
            if up < down {
                Daylight::Between(up, down)
            } else {
                Daylight::PolarDay
            }
        }
        Err(true) => Daylight::PolarDay,
        Err(false) => Daylight::PolarNight,
    }
}
