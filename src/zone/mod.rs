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

mod database;
pub use database::database_dir;
use database::valid_name;

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
    #[error("not a POSIX time zone rule: {0}")]
    BadRule(String),
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
        Zone::from_file(&dir.join(name), name)
    }

    /// The zone in the TZif file at `path` (a zoneinfo path, or
    /// `/etc/localtime` itself), called `name`. Read on every call; the
    /// same content at the same path is the same zone.
    pub fn from_file(path: &Path, name: &str) -> Result<Zone, ZoneError> {
        let key = path.to_string_lossy();
        let bytes = read_tzif(path)?;
        let digest = digest(&bytes);
        if let Some(z) = find(&lock(), &key, digest) {
            return Ok(z);
        }
        let tz = tz::TimeZone::from_tz_data(&bytes)
            .map_err(|e| ZoneError::Invalid(path.to_path_buf(), e.to_string()))?;
        if !sane(&tz) {
            return Err(ZoneError::Invalid(
                path.to_path_buf(),
                "offset of a day or more".into(),
            ));
        }
        Ok(intern(&key, digest, name, tz))
    }

    /// A zone from a POSIX `TZ` rule, as libc reads one: `JST-9`,
    /// `EST5EDT,M3.2.0,M11.1.0`, `<+0330>-3:30`. No file is read; the rule
    /// is its name.
    pub fn posix(rule: &str) -> Result<Zone, ZoneError> {
        let rule = rule.trim();
        if rule.is_empty() || rule.len() > 128 {
            return Err(ZoneError::BadRule(rule.into()));
        }
        // no directories and no file reader: only the rule is parsed
        let settings = tz::TimeZoneSettings::new(&[], |_| Err("no files".into()));
        let tz = settings
            .parse_posix_tz(rule)
            .map_err(|_| ZoneError::BadRule(rule.into()))?;
        if !sane(&tz) {
            return Err(ZoneError::BadRule(rule.into()));
        }
        Ok(intern(&format!("POSIX:{rule}"), 0, rule, tz))
    }

    /// The IANA name, e.g. `Europe/Berlin` (a POSIX rule's text for a
    /// zone made from one; `localtime` for an unnamed `/etc/localtime`).
    pub fn name(&self) -> &'static str {
        &self.0.name
    }

    /// A place to name in a sentence: the city of an IANA name
    /// (`America/New_York` → `New York`), else the name itself.
    pub fn place(&self) -> String {
        let name = self.name();
        if valid_name(name) && name.contains('/') {
            name.rsplit('/').next().unwrap_or(name).replace('_', " ")
        } else {
            name.to_string()
        }
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

fn digest(bytes: &[u8]) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Offsets within a day of UTC (what the local-time search relies on).
fn sane(tz: &tz::TimeZone) -> bool {
    let ok = |t: &LocalTimeType| t.ut_offset().abs() < 86_400;
    tz.as_ref().local_time_types().iter().all(ok)
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
    /// The coordinates (latitude, longitude) of the zone's principal city.
    fn principal_city(&self, name: &str) -> Option<(f64, f64)>;
}

/// The system's tz database (`$TZDIR` or [`ZONEINFO`](database::ZONEINFO)).
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

mod city;
pub use city::{principal_city, principal_city_in};

#[cfg(test)]
mod tests;

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
mod oracles;
