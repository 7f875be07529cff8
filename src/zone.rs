//! IANA time zones from the system's tz database (`/usr/share/zoneinfo`, or
//! `$TZDIR` as glibc honours it), as a [`chrono::TimeZone`].
//!
//! Why not chrono-tz: its compiled-in database is ~1 MiB of tables full of
//! pointers, relocated at every start of a position-independent binary —
//! about 1.9 MiB of resident memory for the one or two zones a person
//! uses. Here a zone is read from its TZif file when first named, parsed by
//! `tz-rs`, and kept for the life of the process (a few KiB each; a process
//! names a handful at most). The system database is also the one the rest
//! of the desktop uses, and it is updated by the distribution.
//!
//! [`Zone`] is `Copy` (a reference to the loaded data), so `DateTime<Zone>`
//! is as cheap to pass around as `DateTime<Utc>`.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{
    FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use tz::LocalTimeType;

/// Where the tz database lives unless `TZDIR` says otherwise.
pub const ZONEINFO: &str = "/usr/share/zoneinfo";

/// A TZif file is a few KiB; anything much bigger is not one.
const MAX_TZIF: u64 = 256 * 1024;

struct Data {
    /// Where it was read from (or `UTC:` and the name) ...
    key: Box<str>,
    /// ... and a hash of what was read: one load per file and content, so
    /// a tzdata upgrade reaches a running daemon at its next reload.
    digest: u64,
    name: Box<str>,
    tz: tz::TimeZone,
}

/// One IANA time zone, loaded once per process.
#[derive(Clone, Copy)]
pub struct Zone(&'static Data);

/// Zones loaded so far; each is leaked once, on first use, and shared.
static LOADED: Mutex<Vec<&'static Data>> = Mutex::new(Vec::new());

/// Why a zone name could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ZoneError {
    #[error("not a time zone name")]
    BadName,
    #[error("no such time zone in {0}")]
    NotFound(PathBuf),
    #[error("cannot read {0}: {1}")]
    Unreadable(PathBuf, std::io::Error),
    #[error("{0} is not a valid TZif file: {1}")]
    Invalid(PathBuf, String),
}

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
fn valid_name(name: &str) -> bool {
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

fn lock() -> std::sync::MutexGuard<'static, Vec<&'static Data>> {
    // The list is only ever pushed to; a panic elsewhere cannot leave it
    // half-written, so a poisoned lock is still good.
    LOADED.lock().unwrap_or_else(|e| e.into_inner())
}

fn find(loaded: &[&'static Data], key: &str, digest: u64) -> Option<Zone> {
    loaded
        .iter()
        .find(|d| &*d.key == key && d.digest == digest)
        .map(|d| Zone(d))
}

/// Keep a loaded zone for the life of the process. Zones already handed out
/// stay valid when a file's content changes; the new content is a new zone.
fn intern(key: &str, digest: u64, name: &str, tz: tz::TimeZone) -> Zone {
    let mut loaded = lock();
    if let Some(z) = find(&loaded, key, digest) {
        return z;
    }
    let d: &'static Data = Box::leak(Box::new(Data {
        key: key.into(),
        digest,
        name: name.into(),
        tz,
    }));
    loaded.push(d);
    Zone(d)
}

fn is_utc_alias(name: &str) -> bool {
    matches!(
        name,
        "UTC" | "Etc/UTC" | "Etc/UCT" | "UCT" | "Etc/Universal" | "Universal" | "Zulu" | "Etc/Zulu"
    )
}

fn utc_alias(name: &str) -> Zone {
    intern(&format!("UTC:{name}"), 0, name, tz::TimeZone::utc())
}

impl Zone {
    /// UTC; needs no database.
    pub fn utc() -> Zone {
        utc_alias("UTC")
    }

    /// The zone called `name` in the system's tz database.
    pub fn get(name: &str) -> Result<Zone, ZoneError> {
        Zone::get_in(&database_dir(), name)
    }

    /// The zone called `name` in the database at `dir`.
    pub fn get_in(dir: &Path, name: &str) -> Result<Zone, ZoneError> {
        if !valid_name(name) {
            return Err(ZoneError::BadName);
        }
        if is_utc_alias(name) {
            // UTC works even on a machine without tzdata.
            return Ok(utc_alias(name));
        }
        let path = dir.join(name);
        let key = path.to_string_lossy();
        let bytes = read_tzif(&path)?;
        let digest = {
            use std::hash::{DefaultHasher, Hash, Hasher};
            let mut h = DefaultHasher::new();
            bytes.hash(&mut h);
            h.finish()
        };
        if let Some(z) = find(&lock(), &key, digest) {
            return Ok(z);
        }
        let tz = tz::TimeZone::from_tz_data(&bytes)
            .map_err(|e| ZoneError::Invalid(path.clone(), e.to_string()))?;
        let sane = |t: &LocalTimeType| t.ut_offset().abs() < 86_400;
        if !tz.as_ref().local_time_types().iter().all(sane) {
            return Err(ZoneError::Invalid(path, "offset of a day or more".into()));
        }
        Ok(intern(&key, digest, name, tz))
    }

    /// The IANA name, e.g. `Europe/Berlin`.
    pub fn name(&self) -> &'static str {
        &self.0.name
    }

    /// The local time type in force at `unix` seconds.
    fn at(&self, unix: i64) -> LocalTimeType {
        let tz = self.0.tz.as_ref();
        tz.find_local_time_type(unix).copied().unwrap_or_else(|_| {
            // Past the last transition of a file without a rule for the
            // future (TZif v1): the last type in force stays in force.
            tz.transitions()
                .last()
                .and_then(|t| tz.local_time_types().get(t.local_time_type_index()))
                .or_else(|| tz.local_time_types().first())
                .copied()
                .unwrap_or_else(LocalTimeType::utc)
        })
    }

    fn offset_at(&self, unix: i64) -> ZoneOffset {
        let ltt = self.at(unix);
        ZoneOffset {
            zone: *self,
            fixed: FixedOffset::east_opt(ltt.ut_offset()).unwrap_or_else(|| Utc.fix()),
            ltt,
        }
    }
}

fn read_tzif(path: &Path) -> Result<Vec<u8>, ZoneError> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ZoneError::NotFound(
                path.parent().unwrap_or(path).to_path_buf(),
            ));
        }
        Err(e) => return Err(ZoneError::Unreadable(path.to_path_buf(), e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_TZIF)
        .read_to_end(&mut bytes)
        .map_err(|e| ZoneError::Unreadable(path.to_path_buf(), e))?;
    if !bytes.starts_with(b"TZif") {
        return Err(ZoneError::Invalid(
            path.to_path_buf(),
            "no TZif header".into(),
        ));
    }
    Ok(bytes)
}

/// Every zone name in the database at `dir`, sorted (for "did you mean").
/// Skips the `posix/` and `right/` copies and files that are not TZif.
pub fn names_in(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, depth: u8, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(rel) = path.strip_prefix(root) else {
                continue;
            };
            let name = rel.to_string_lossy();
            if matches!(&*name, "posix" | "right" | "localtime" | "posixrules") {
                continue;
            }
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                if depth < 3 {
                    walk(root, &path, depth + 1, out);
                }
            } else if valid_name(&name) && is_tzif(&path) {
                out.push(name.into_owned());
            }
        }
    }
    fn is_tzif(path: &Path) -> bool {
        let mut magic = [0u8; 4];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut magic))
            .is_ok()
            && &magic == b"TZif"
    }
    let mut out = Vec::new();
    walk(dir, dir, 0, &mut out);
    out.sort_unstable();
    out
}

/// Every zone name in the system's database.
pub fn names() -> Vec<String> {
    names_in(&database_dir())
}

/// The tables of zone locations, in the order they are asked:
/// `zone1970.tab` (one row per zone whose clocks have agreed since 1970),
/// then the older `zone.tab`, which still has a row for zones the newer
/// table folds into another (e.g. `Europe/Oslo` into `Europe/Berlin`).
const LOCATION_TABLES: [&str; 2] = ["zone1970.tab", "zone.tab"];

/// The tables are ~20 KB of text; anything much bigger is not one.
const MAX_TABLE: u64 = 1024 * 1024;

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

/// Where named zones come from. The config parser asks through this, so it
/// reads no files itself; [`SystemZones`] is the system's tz database.
pub trait ZoneSource: fmt::Debug + Sync {
    /// The zone called `name`.
    fn zone(&self, name: &str) -> Result<Zone, ZoneError>;
    /// Every zone name, sorted (for "did you mean").
    fn names(&self) -> Vec<String>;
    /// Where the zones are read from, for messages.
    fn location(&self) -> PathBuf;
    /// The coordinates (latitude, longitude) of the zone's principal city.
    fn principal_city(&self, name: &str) -> Option<(f64, f64)>;
}

/// The system's tz database (`$TZDIR` or [`ZONEINFO`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemZones;

impl ZoneSource for SystemZones {
    fn zone(&self, name: &str) -> Result<Zone, ZoneError> {
        Zone::get(name)
    }
    fn names(&self) -> Vec<String> {
        names()
    }
    fn location(&self) -> PathBuf {
        database_dir()
    }
    fn principal_city(&self, name: &str) -> Option<(f64, f64)> {
        principal_city(name)
    }
}

impl std::str::FromStr for Zone {
    type Err = ZoneError;

    fn from_str(name: &str) -> Result<Zone, ZoneError> {
        Zone::get(name)
    }
}

/// The same loaded data: same name and same content.
impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Zone {}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The offset of a [`Zone`] at one instant, with its abbreviation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
    ltt: LocalTimeType,
}

impl ZoneOffset {
    /// The abbreviation, e.g. `CEST`; empty when the database has none.
    pub fn abbreviation(&self) -> &str {
        self.ltt.time_zone_designation()
    }
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.zone, self)
    }
}

/// `%Z`: the abbreviation, or the numeric offset where there is none.
impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.abbreviation() {
            "" => write!(f, "{}", self.fixed),
            a => f.write_str(a),
        }
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    /// A local wall-clock time is the instant `u` with `u + offset(u)` equal
    /// to it. Offsets are within a day of UTC, so the offsets in force a day
    /// before, at and a day after the local reading (taken as if it were
    /// UTC) are the only candidates; each is kept if it maps back. None: a
    /// spring-forward gap; two: a fall-back fold, earlier first.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        let l = local.and_utc().timestamp();
        let mut found: Vec<(i64, ZoneOffset)> = Vec::with_capacity(2);
        for probe in [l - 86_400, l, l + 86_400] {
            let o = i64::from(self.at(probe).ut_offset());
            let u = l - o;
            let at_u = self.offset_at(u);
            if i64::from(at_u.ltt.ut_offset()) == o && !found.iter().any(|(v, _)| *v == u) {
                found.push((u, at_u));
            }
        }
        found.sort_unstable_by_key(|(u, _)| *u);
        match found.as_slice() {
            [] => LocalResult::None,
            [(_, one)] => LocalResult::Single(*one),
            [(_, first), .., (_, last)] => LocalResult::Ambiguous(*first, *last),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset_at(utc.and_utc().timestamp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Timelike};

    fn local(zone: &str, y: i32, m: u32, d: u32, h: u32, min: u32) -> LocalResult<String> {
        let z = Zone::get(zone).unwrap();
        let naive = NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap();
        z.from_local_datetime(&naive).map(|t| t.to_rfc3339())
    }

    #[test]
    fn offsets_and_abbreviations_follow_the_database() {
        let berlin = Zone::get("Europe/Berlin").unwrap();
        let winter = berlin.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        let summer = berlin.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-01-15T12:00:00+01:00");
        assert_eq!(summer.to_rfc3339(), "2026-07-15T12:00:00+02:00");
        assert_eq!(winter.format("%Z").to_string(), "CET");
        assert_eq!(summer.format("%Z").to_string(), "CEST");
        // far beyond the last transition in the file: the footer rule
        let later = berlin.with_ymd_and_hms(2090, 7, 1, 12, 0, 0).unwrap();
        assert_eq!(later.offset().fix().local_minus_utc(), 7200);
        let utc = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
        assert_eq!(utc.with_timezone(&berlin).hour(), 3);
    }

    #[test]
    fn gaps_and_folds() {
        let single = |t: &str| LocalResult::Single(t.to_string());
        let twice = |a: &str, b: &str| LocalResult::Ambiguous(a.to_string(), b.to_string());
        let cases = [
            // spring forward: 02:30 does not exist
            (("America/New_York", 2026, 3, 8, 2, 30), LocalResult::None),
            (("Europe/Berlin", 2026, 3, 29, 2, 30), LocalResult::None),
            // fall back: the time exists twice, earlier first
            (
                ("America/New_York", 2026, 11, 1, 1, 30),
                twice("2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"),
            ),
            (
                ("Europe/Berlin", 2026, 10, 25, 2, 30),
                twice("2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"),
            ),
            (
                ("Australia/Lord_Howe", 2026, 4, 5, 1, 45),
                twice("2026-04-05T01:45:00+11:00", "2026-04-05T01:45:00+10:30"),
            ),
            (
                ("Asia/Kolkata", 2026, 6, 1, 9, 0),
                single("2026-06-01T09:00:00+05:30"),
            ),
        ];
        for ((zone, y, m, d, h, min), want) in cases {
            assert_eq!(
                local(zone, y, m, d, h, min),
                want,
                "{zone} {y}-{m}-{d} {h}:{min}"
            );
        }
    }

    #[test]
    fn names_are_checked_before_any_file_is_opened() {
        for bad in [
            "",
            "../etc/passwd",
            "Europe/../../x",
            "/etc/passwd",
            "a//b",
            ".hidden",
            "Europe/Berlin ",
        ] {
            assert!(matches!(Zone::get(bad), Err(ZoneError::BadName)), "{bad:?}");
        }
        assert!(matches!(
            Zone::get("Nowhere/Land"),
            Err(ZoneError::NotFound(_))
        ));
        assert!(matches!(
            Zone::get("Europe"),
            Err(ZoneError::Unreadable(..))
        ));
        // a file in the database that is not TZif
        assert!(matches!(
            Zone::get("leapseconds"),
            Err(ZoneError::Invalid(..))
        ));
    }

    #[test]
    fn utc_needs_no_database_and_zones_are_shared() {
        let empty = tempfile::tempdir().unwrap();
        let z = Zone::get_in(empty.path(), "Etc/UTC").unwrap();
        assert_eq!(z.name(), "Etc/UTC");
        assert!(matches!(
            Zone::get_in(empty.path(), "Asia/Tokyo"),
            Err(ZoneError::NotFound(_))
        ));
        let a = Zone::get("Asia/Tokyo").unwrap();
        let b = Zone::get("Asia/Tokyo").unwrap();
        assert!(std::ptr::eq(a.0, b.0));
        assert_eq!(Zone::utc().name(), "UTC");
    }

    #[test]
    fn a_changed_file_is_read_again_and_old_zones_stay_valid() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("Test");
        let copy = |from: &str| {
            std::fs::write(&file, std::fs::read(database_dir().join(from)).unwrap()).unwrap()
        };
        let offset = |z: Zone| {
            z.with_ymd_and_hms(2026, 1, 15, 12, 0, 0)
                .unwrap()
                .offset()
                .fix()
                .local_minus_utc()
        };
        copy("Europe/Berlin");
        let before = Zone::get_in(dir.path(), "Test").unwrap();
        assert_eq!(
            before,
            Zone::get_in(dir.path(), "Test").unwrap(),
            "loaded once"
        );
        copy("Asia/Tokyo"); // "tzdata upgraded"
        let after = Zone::get_in(dir.path(), "Test").unwrap();
        assert_ne!(before, after);
        assert_eq!((offset(before), offset(after)), (3600, 9 * 3600));
        assert_eq!(after.name(), "Test");
    }

    #[test]
    fn a_broken_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Bad"), b"TZif2 nonsense").unwrap();
        std::fs::write(dir.path().join("Text"), b"hello").unwrap();
        assert!(matches!(
            Zone::get_in(dir.path(), "Bad"),
            Err(ZoneError::Invalid(..))
        ));
        assert!(matches!(
            Zone::get_in(dir.path(), "Text"),
            Err(ZoneError::Invalid(..))
        ));
    }

    /// `got` is within `tol` degrees of `want` in both coordinates.
    fn near(got: Option<(f64, f64)>, want: (f64, f64), tol: f64) -> bool {
        got.is_some_and(|(lat, lon)| (lat - want.0).abs() <= tol && (lon - want.1).abs() <= tol)
    }

    #[test]
    fn principal_cities_from_the_system_tables() {
        // (zone, the table's reading in decimal degrees, the city's
        // well-known centre)
        let cases = [
            ("Europe/Berlin", (52.5, 13.0 + 22.0 / 60.0), (52.52, 13.405)),
            (
                "America/New_York",
                (40.0 + 42.0 / 60.0 + 51.0 / 3600.0, -(74.0 + 23.0 / 3600.0)),
                (40.7128, -74.0060),
            ),
            (
                "Australia/Sydney",
                (-(33.0 + 52.0 / 60.0), 151.0 + 13.0 / 60.0),
                (-33.8688, 151.2093),
            ),
            (
                "Asia/Kolkata",
                (22.0 + 32.0 / 60.0, 88.0 + 22.0 / 60.0),
                (22.5726, 88.3639),
            ),
            // only in zone.tab: zone1970.tab folds it into Europe/Berlin
            (
                "Europe/Oslo",
                (59.0 + 55.0 / 60.0, 10.75),
                (59.9139, 10.7522),
            ),
        ];
        for (zone, table, city) in cases {
            let got = principal_city(zone);
            assert!(near(got, table, 1e-3), "{zone}: {got:?}, want {table:?}");
            assert!(near(got, city, 0.1), "{zone}: {got:?}, city at {city:?}");
        }
        assert!(near(principal_city("Europe/Berlin"), (52.5, 13.3667), 1e-3));
    }

    #[test]
    fn aliases_that_are_symbolic_links_resolve_to_their_zone() {
        let db = database_dir();
        for (alias, zone) in [
            ("Europe/Kiev", "Europe/Kyiv"),
            ("Asia/Calcutta", "Asia/Kolkata"),
            ("US/Eastern", "America/New_York"),
            // a directory of links, as Debian's posix/
            ("posix/Europe/Berlin", "Europe/Berlin"),
        ] {
            let real = std::fs::canonicalize(db.join(alias)).unwrap();
            assert_ne!(
                real,
                std::fs::canonicalize(&db).unwrap().join(alias),
                "{alias} is not a link in this database"
            );
            assert!(principal_city(zone).is_some(), "{zone}");
            assert_eq!(principal_city(alias), principal_city(zone), "{alias}");
        }
    }

    #[test]
    fn zones_without_a_place_have_no_city() {
        for zone in [
            "UTC",
            "Etc/UTC",
            "Etc/GMT+5",
            "Etc/GMT-14",
            "GMT",
            "EST5EDT",
            "Factory",
            "Nowhere/Land",
            "Europe",
            "",
            "../etc/passwd",
            "zone1970.tab",
        ] {
            assert_eq!(principal_city(zone), None, "{zone:?}");
        }
    }

    fn table_dir(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn coordinates_are_read_to_the_second_with_both_signs() {
        let dir = table_dir(&[(
            "zone1970.tab",
            b"XX\t-0130+03600\tA/Minutes\tcomments\tmore\n\
              XX\t+404251-0740023\tA/Seconds\n\
              XX\t-000001-0000001\tA/Tiny\r\n\
              XX\t+9000-18000\tA/Corner\n\
              XX\t+0000+00000\tA/Zero\n",
        )]);
        let at = |name| principal_city_in(dir.path(), name);
        let exact = |got: Option<(f64, f64)>, want| near(got, want, 1e-9);
        assert!(
            exact(at("A/Minutes"), (-1.5, 36.0)),
            "{:?}",
            at("A/Minutes")
        );
        assert!(exact(
            at("A/Seconds"),
            (40.0 + 42.0 / 60.0 + 51.0 / 3600.0, -(74.0 + 23.0 / 3600.0))
        ));
        assert!(exact(at("A/Tiny"), (-1.0 / 3600.0, -1.0 / 3600.0)));
        assert!(exact(at("A/Corner"), (90.0, -180.0)));
        assert!(exact(at("A/Zero"), (0.0, 0.0)));
    }

    #[test]
    fn a_malformed_table_gives_none_and_no_panic() {
        let mut text: Vec<u8> = b"# XX\t+5230+01322\tBad/Commented\n\
            XX\t+5230\tBad/LatitudeOnly\n\
            XX\t+523+01322\tBad/ShortLatitude\n\
            XX\t+5230+0132\tBad/ShortLongitude\n\
            XX\t+52300+01322\tBad/LongLatitude\n\
            XX\t+5260+01322\tBad/Minutes\n\
            XX\t+525960+0132260\tBad/Seconds\n\
            XX\t+9001+01322\tBad/Latitude\n\
            XX\t+4500+18001\tBad/Longitude\n\
            XX\t+452233+01322\tBad/MixedPrecision\n\
            XX\t5230+01322\tBad/NoSign\n\
            XX\t+5230*01322\tBad/NoSecondSign\n\
            XX\t+52a0+01322\tBad/Letter\n\
            XX\t+5230+01322+\tBad/Trailing\n\
            XX\t++5230+01322\tBad/DoubleSign\n\
            XX\t+\xef\xbc\x95230+01322\tBad/WideDigit\n\
            XX\t+5\xff30+01322\tBad/Byte\n\
            XX\t\tBad/Empty\n\
            XX\t+5230+01322 \tBad/Space\n\
            XX\t-\tBad/Sign\n\
            XX\t+5230+01322\n\
            XX\n\
            \n\
            \t\t\t\n\
            \xff\xfe\x00\x01\t+5230+01322\tGood/AfterGarbage\n\
            XX\t+5230+01322\tGood/Zone\n\
            XX\t+5230+01322\tBad/Zone \n\
            XX\t+5230+01322\tBad/NoNewline"
            .to_vec();
        text.extend([0xff, 0x80, b'\t', b'\t', 0xc3]);
        let dir = table_dir(&[("zone1970.tab", &text)]);
        for line in String::from_utf8_lossy(&text).lines() {
            let Some(name) = line.split('\t').nth(2) else {
                continue;
            };
            if name.starts_with("Bad/") {
                assert_eq!(principal_city_in(dir.path(), name), None, "{line:?}");
            }
        }
        // the good rows among them still count
        for name in ["Good/Zone", "Good/AfterGarbage"] {
            assert!(near(
                principal_city_in(dir.path(), name),
                (52.5, 13.0 + 22.0 / 60.0),
                1e-9
            ));
        }
        // bytes that are not text at all
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let noise: Vec<u8> = (0..64 * 1024)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect();
        let dir = table_dir(&[("zone1970.tab", &noise), ("zone.tab", &noise)]);
        assert_eq!(principal_city_in(dir.path(), "Europe/Berlin"), None);
    }

    #[test]
    fn zone_tab_is_the_fallback() {
        let berlin: &[u8] = b"DE\t+5230+01322\tEurope/Berlin\n";
        // only the older table
        let dir = table_dir(&[("zone.tab", berlin)]);
        assert!(near(
            principal_city_in(dir.path(), "Europe/Berlin"),
            (52.5, 13.0 + 22.0 / 60.0),
            1e-9
        ));
        // the newer table first; the older for what it lacks
        let dir = table_dir(&[
            ("zone1970.tab", b"DE,NO\t+5230+01322\tEurope/Berlin\n"),
            (
                "zone.tab",
                b"DE\t+0000+00000\tEurope/Berlin\nNO\t+5955+01045\tEurope/Oslo\n",
            ),
        ]);
        let at = |name| principal_city_in(dir.path(), name);
        assert!(near(at("Europe/Berlin"), (52.5, 13.0 + 22.0 / 60.0), 1e-9));
        assert!(near(at("Europe/Oslo"), (59.0 + 55.0 / 60.0, 10.75), 1e-9));
        // a newer table that is not a readable file
        let dir = table_dir(&[("zone.tab", berlin)]);
        std::fs::create_dir(dir.path().join("zone1970.tab")).unwrap();
        assert!(principal_city_in(dir.path(), "Europe/Berlin").is_some());
        // one far too big to be a table is not read
        let mut big = berlin.to_vec();
        big.resize(MAX_TABLE as usize + 1, b'\n');
        let dir = table_dir(&[("zone1970.tab", &big)]);
        assert_eq!(principal_city_in(dir.path(), "Europe/Berlin"), None);
        // no tables at all
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(principal_city_in(empty.path(), "Europe/Berlin"), None);
    }

    #[test]
    fn a_fifo_in_place_of_a_table_does_not_block() {
        let dir = table_dir(&[("zone.tab", b"DE\t+5230+01322\tEurope/Berlin\n")]);
        let fifo = dir.path().join("zone1970.tab");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(principal_city_in(dir.path(), "Europe/Berlin").is_some());
    }

    #[test]
    fn links_are_followed_only_inside_the_database() {
        use std::os::unix::fs::symlink;
        let outside = table_dir(&[("Zone", b"TZif")]);
        let dir = table_dir(&[("zone1970.tab", b"XX\t+1000-02000\tReal/Zone\n")]);
        let root = dir.path();
        for d in ["Real", "Old", "Links"] {
            std::fs::create_dir(root.join(d)).unwrap();
        }
        std::fs::write(root.join("Real/Zone"), b"TZif").unwrap();
        symlink("../Real/Zone", root.join("Old/Name")).unwrap();
        symlink("Name", root.join("Old/Chain")).unwrap();
        symlink("../Real", root.join("Links/Real")).unwrap();
        symlink(outside.path().join("Zone"), root.join("Old/Outside")).unwrap();
        symlink("Missing", root.join("Old/Dangling")).unwrap();
        symlink("Loop", root.join("Old/Loop")).unwrap();
        symlink("../Real", root.join("Old/Dir")).unwrap();
        let want = (10.0, -20.0);
        for name in ["Real/Zone", "Old/Name", "Old/Chain", "Links/Real/Zone"] {
            assert!(near(principal_city_in(root, name), want, 1e-9), "{name}");
        }
        for name in ["Old/Outside", "Old/Dangling", "Old/Loop", "Old/Dir", "Old"] {
            assert_eq!(principal_city_in(root, name), None, "{name}");
        }
        // the database reached through a link of its own
        let via = tempfile::tempdir().unwrap();
        symlink(root, via.path().join("db")).unwrap();
        let linked = via.path().join("db");
        assert!(near(principal_city_in(&linked, "Old/Name"), want, 1e-9));
    }

    #[test]
    fn names_list_the_database() {
        let names = names();
        assert!(names.iter().any(|n| n == "Europe/Berlin"));
        assert!(names.iter().any(|n| n == "America/Argentina/Buenos_Aires"));
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with("posix/") || n.starts_with("right/"))
        );
        assert!(!names.iter().any(|n| n.ends_with(".tab")));
        assert!(names.len() > 300, "{}", names.len());
    }
}

/// Differential checks against two independent readers of time-zone data.
///
/// glibc's `zdump` reads the same files as this module: every transition of
/// every zone, 2000–2037, must match in offset and abbreviation.
///
/// chrono-tz (the crate this module replaced) compiles in its own copy of
/// the IANA data, so it is an oracle for the local-to-UTC mapping (gaps,
/// folds) wherever the two copies hold the same data. The system's copy can
/// be newer — Debian's already has Moldova's 2022 transition times
/// corrected, British Columbia on permanent daylight time from November
/// 2026 and Morocco's new rules — so a zone whose offsets differ at any
/// instant is counted and skipped rather than failed.
#[cfg(test)]
#[allow(clippy::print_stderr)] // the figures, for whoever runs it with --nocapture
mod oracles {
    use super::*;
    use chrono::{DateTime, Duration};

    const FROM: i64 = 946_684_800; // 2000-01-01
    const UNTIL: i64 = 2_145_916_800; // 2038-01-01

    fn same<A: TimeZone, B: TimeZone>(
        a: &LocalResult<DateTime<A>>,
        b: &LocalResult<DateTime<B>>,
    ) -> bool {
        let key = |t: &DateTime<A>| (t.timestamp(), t.offset().fix());
        let keyb = |t: &DateTime<B>| (t.timestamp(), t.offset().fix());
        match (a, b) {
            (LocalResult::None, LocalResult::None) => true,
            (LocalResult::Single(x), LocalResult::Single(y)) => key(x) == keyb(y),
            (LocalResult::Ambiguous(x1, x2), LocalResult::Ambiguous(y1, y2)) => {
                let mut ys = [keyb(y1), keyb(y2)];
                ys.sort_unstable_by_key(|k| k.0);
                [key(x1), key(x2)] == ys
            }
            _ => false,
        }
    }

    fn transitions(z: Zone) -> Vec<i64> {
        let mut out: Vec<i64> =
            z.0.tz
                .as_ref()
                .transitions()
                .iter()
                .map(|t| t.unix_leap_time())
                .collect();
        // past the last listed transition the footer rule decides: probe
        // for changes hour by hour
        let mut t = out.last().copied().unwrap_or(FROM).max(FROM);
        let mut off = z.at(t).ut_offset();
        while t < UNTIL {
            let next = t + 3600;
            if z.at(next).ut_offset() != off {
                let (mut lo, mut hi) = (t, next);
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2;
                    if z.at(mid).ut_offset() == off {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                out.push(hi);
                off = z.at(next).ut_offset();
            }
            t = next;
        }
        out.retain(|u| (FROM..UNTIL).contains(u));
        out.dedup();
        out
    }

    #[test]
    fn local_times_agree_with_chrono_tz_wherever_the_data_agree() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut compared, mut newer, mut checks, mut disagree) = (0, Vec::new(), 0, Vec::new());
        for name in names() {
            let Ok(theirs) = name.parse::<chrono_tz::Tz>() else {
                continue;
            };
            let ours = Zone::get(&name).unwrap();
            let changes = transitions(ours);
            let mut instants: Vec<i64> = (0..100)
                .map(|_| FROM + (next() % (UNTIL - FROM) as u64) as i64)
                .collect();
            instants.extend(changes.iter().flat_map(|&u| [u - 1, u]));
            let offset_of = |u: i64| {
                let utc = DateTime::from_timestamp(u, 0).unwrap();
                (
                    utc.with_timezone(&ours).offset().fix(),
                    utc.with_timezone(&theirs).offset().fix(),
                )
            };
            if instants.iter().any(|&u| {
                let (a, b) = offset_of(u);
                a != b
            }) {
                newer.push(name);
                continue;
            }
            compared += 1;
            // local readings on both sides of every change, and random ones
            let mut locals: Vec<NaiveDateTime> = Vec::new();
            for &u in &instants {
                let local = DateTime::from_timestamp(u, 0).unwrap().naive_utc()
                    + Duration::seconds(ours.at(u).ut_offset().into());
                for d in [-3600, -1800, -1, 0, 1, 1800, 3600] {
                    locals.push(local + Duration::seconds(d));
                }
            }
            for l in locals {
                checks += 1;
                let a = ours.from_local_datetime(&l);
                let b = theirs.from_local_datetime(&l);
                if !same(&a, &b) {
                    disagree.push(format!("{name} local {l}: {a:?} vs {b:?}"));
                }
            }
        }
        assert!(
            compared > 300,
            "only {compared} zones compared; newer data in {newer:?}"
        );
        assert!(
            newer.len() < 30,
            "data differ in {} zones: {newer:?}",
            newer.len()
        );
        assert!(checks > 100_000, "only {checks} checks");
        assert!(
            disagree.is_empty(),
            "{} of {checks} disagree, e.g. {:#?}",
            disagree.len(),
            &disagree[..disagree.len().min(10)]
        );
        eprintln!("{compared} zones, {checks} local times agree; newer system data in {newer:?}");
    }

    #[test]
    fn every_transition_agrees_with_zdump() {
        let names = names();
        let out = std::process::Command::new("zdump")
            .args(["-v", "-c", "2000,2038"])
            .args(&names)
            .env("TZDIR", database_dir())
            .output()
            .expect("zdump (package libc-bin)");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let mut seen = 0;
        for line in text.lines().filter(|l| !l.ends_with("NULL")) {
            // "Europe/Berlin  Sun Mar 29 00:59:59 2026 UT = Sun Mar 29 01:59:59 2026 CET isdst=0 gmtoff=3600"
            let (name, rest) = line.split_once(char::is_whitespace).unwrap();
            let (ut, local) = rest.trim().split_once(" UT = ").unwrap();
            let ut = NaiveDateTime::parse_from_str(ut, "%a %b %e %H:%M:%S %Y").unwrap();
            let fields: Vec<&str> = local.split_whitespace().collect();
            let gmtoff: i32 = fields
                .last()
                .unwrap()
                .trim_start_matches("gmtoff=")
                .parse()
                .unwrap();
            let abbr = fields[fields.len() - 3];
            let z = Zone::get(name).unwrap();
            let ours = ut.and_utc().with_timezone(&z);
            assert_eq!(
                (
                    ours.offset().fix().local_minus_utc(),
                    ours.offset().abbreviation()
                ),
                (gmtoff, abbr),
                "{line}"
            );
            seen += 1;
        }
        assert!(seen > 10_000, "only {seen} transitions");
        eprintln!("{seen} zdump lines over {} zones agree", names.len());
    }
}
