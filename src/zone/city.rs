//! A zone's principal city, from the tz database's own tables (offline):
//! a stand-in place for daylight times when the user has set none.

use std::io::Read;
use std::path::Path;

use super::database::{database_dir, valid_name};

/// The tables of zone locations, in the order they are asked:
/// `zone1970.tab` (one row per zone whose clocks have agreed since 1970),
/// then the older `zone.tab`, which still has a row for zones the newer
/// table folds into another (e.g. `Europe/Oslo` into `Europe/Berlin`).
const LOCATION_TABLES: [&str; 2] = ["zone1970.tab", "zone.tab"];

/// The tables are ~20 KB of text; anything much bigger is not one.
pub(super) const MAX_TABLE: u64 = 1024 * 1024;

/// The coordinates of the principal city of the zone `name` in the
/// system's tz database, as (latitude, longitude) in decimal degrees, north
/// and east positive: a stand-in location for daylight times when the user
/// has set none. See [`principal_city_in`].
pub fn principal_city(name: &str) -> Option<(f64, f64)> {
    principal_city_in(&database_dir(), name)
}

/// The coordinates of the principal city of the zone `name` in the
/// database at `dir`, from its `zone1970.tab`, else its `zone.tab`.
///
/// A name without a row of its own — an alias such as `US/Eastern` or
/// `Europe/Kiev`, which distributions ship as symbolic links — is looked up
/// again as the zone file it links to, if that is inside `dir`. Zones with
/// no place (`UTC`, `Etc/GMT+5`), unknown names and rows with malformed
/// coordinates give `None`. Each call reads the tables afresh (no cache);
/// `zone.tab` only when `zone1970.tab` has no row for the name.
pub fn principal_city_in(dir: &Path, name: &str) -> Option<(f64, f64)> {
    if !valid_name(name) {
        return None;
    }
    let mut tables: [Option<Option<String>>; 2] = [None, None];
    let mut find = |name: &str| {
        tables
            .iter_mut()
            .zip(LOCATION_TABLES)
            .find_map(|(text, file)| {
                text.get_or_insert_with(|| read_table(&dir.join(file)))
                    .as_deref()
                    .and_then(|t| table_row(t, name))
            })
    };
    find(name).or_else(|| find(&link_target(dir, name)?))
}

/// The coordinates in the first well-formed row for `name` in a location
/// table: tab-separated country codes, ISO 6709 coordinates, zone name and
/// optional comments; lines starting with `#` are comments.
fn table_row(text: &str, name: &str) -> Option<(f64, f64)> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let mut cols = line.trim_end_matches('\r').split('\t');
            let (_countries, coordinates) = (cols.next()?, cols.next()?);
            (cols.next()? == name)
                .then(|| iso6709(coordinates))
                .flatten()
        })
}

/// ISO 6709 sign-degrees-minutes(-seconds) as the tz tables write it,
/// `±DDMM±DDDMM` or `±DDMMSS±DDDMMSS`, to decimal degrees.
fn iso6709(s: &str) -> Option<(f64, f64)> {
    let split = 1 + s.get(1..)?.find(['+', '-'])?;
    let (lat, lat_seconds) = sign_degrees_minutes(&s[..split], 2, 90)?;
    let (lon, lon_seconds) = sign_degrees_minutes(&s[split..], 3, 180)?;
    (lat_seconds == lon_seconds).then_some((lat, lon))
}

/// One of `±D…DMM` or `±D…DMMSS` with `digits` digits of degrees, at most
/// `max` degrees; also whether seconds were given.
fn sign_degrees_minutes(s: &str, digits: usize, max: u32) -> Option<(f64, bool)> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1.0,
        b'-' => -1.0,
        _ => return None,
    };
    let body = &s[1..];
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds = match body.len().checked_sub(digits)? {
        2 => false,
        4 => true,
        _ => return None,
    };
    let field = |at: usize, len: usize| body.get(at..at + len)?.parse::<u32>().ok();
    let degrees = field(0, digits)?;
    let minutes = field(digits, 2)?;
    let secs = if seconds { field(digits + 2, 2)? } else { 0 };
    let total = (degrees * 60 + minutes) * 60 + secs;
    if minutes >= 60 || secs >= 60 || total > max * 3600 {
        return None;
    }
    Some((sign * f64::from(total) / 3600.0, seconds))
}

/// The name of the zone file `name` links to, when that is another file
/// inside `dir`: `US/Eastern` → `America/New_York`.
fn link_target(dir: &Path, name: &str) -> Option<String> {
    let root = std::fs::canonicalize(dir).ok()?;
    let target = std::fs::canonicalize(dir.join(name)).ok()?;
    if !std::fs::metadata(&target).ok()?.is_file() {
        return None;
    }
    let rel = target.strip_prefix(&root).ok()?.to_str()?;
    (rel != name && valid_name(rel)).then(|| rel.to_owned())
}

/// A location table's text, if it is a regular file of at most
/// [`MAX_TABLE`] bytes. Bytes that are not UTF-8 spoil only their own line.
fn read_table(path: &Path) -> Option<String> {
    // Checked before opening too: opening a FIFO would wait for a writer.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(MAX_TABLE + 1).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 > MAX_TABLE {
        return None;
    }
    Some(String::from_utf8_lossy(&bytes).into_owned())
}
