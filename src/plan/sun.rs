//! Sunrise and sunset, offline, for daylight-aware rules.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::config::Location;
use crate::zone::Zone;

/// The hours of daylight on a day at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Daylight {
    Between(NaiveTime, NaiveTime),
    PolarDay,
    PolarNight,
}

/// Sunrise and sunset of a local date at a place, in the plan's zone.
pub fn daylight(loc: Location, date: NaiveDate, tz: Zone) -> Daylight {
    use sunrise::{Coordinates, SolarDay, SolarEvent};
    let Some(coord) = Coordinates::new(loc.latitude, loc.longitude) else {
        return Daylight::PolarDay;
    };
    let day = SolarDay::new(coord, date);
    match (
        day.event_time(SolarEvent::Sunrise),
        day.event_time(SolarEvent::Sunset),
    ) {
        (Some(up), Some(down)) => {
            let up = up.with_timezone(&tz).time();
            let down = down.with_timezone(&tz).time();
            if up < down {
                Daylight::Between(up, down)
            } else {
                Daylight::PolarDay
            }
        }
        _ => {
            // No sunrise or sunset: the sun is up all day if it stands over
            // the same hemisphere (declination, approximately).
            let doy = f64::from(date.ordinal());
            let declination = -23.44 * (2.0 * std::f64::consts::PI / 365.0 * (doy + 10.0)).cos();
            if declination * loc.latitude > 0.0 {
                Daylight::PolarDay
            } else {
                Daylight::PolarNight
            }
        }
    }
}
