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

/// Where named zones come from. The config parser asks through this, so it
/// reads no files itself; [`SystemZones`] is the system's tz database.
pub trait ZoneSource: fmt::Debug + Sync {
    /// The zone called `name`.
    fn zone(&self, name: &str) -> Result<Zone, ZoneError>;
    /// Every zone name, sorted (for "did you mean").
    fn names(&self) -> Vec<String>;
    /// Where the zones are read from, for messages.
    fn location(&self) -> PathBuf;
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
