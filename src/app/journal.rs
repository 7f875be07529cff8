//! The journal's store: loads and saves the [`Ledger`] (what happened to
//! each occurrence, by id).
//!
//! It lives in `$XDG_STATE_HOME/aftercare/journal.json`, mode 0600, and is
//! replaced atomically on every change (see [`crate::fsutil::write_atomic`]),
//! so after a crash it is the old or the new version, never half. It is what
//! makes restarts free of duplicates: an id in the journal is never shown
//! again (snoozes aside). A journal that cannot be parsed is moved aside,
//! never deleted, and the daemon carries on with an empty one.
//!
//! Every writer (the daemon, `aftercare done`) reads, merges and writes
//! under an exclusive lock on `journal.lock` beside it ([`WriteLock`]), so
//! no answer is lost between a read and a write and no writer removes
//! another's temp file mid-write. A lock file deleted (with its directory)
//! under a holder is noticed and taken again.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::fsutil;
use crate::ledger::VERSION;
pub use crate::ledger::{Entry, Ledger, Status};

/// Largest journal read; a two-week plan's journal is about 20 KB.
const MAX_JOURNAL_BYTES: u64 = 64 * 1024 * 1024;

/// What opening the journal ran into (for a log line); never fatal.
#[derive(Debug)]
pub enum OpenProblem {
    /// Unparseable; moved to this path.
    MovedAside { to: PathBuf, reason: String },
    /// Unparseable and could not be moved aside.
    Corrupt { reason: String },
    /// Could not be read at all.
    Unreadable { reason: String },
    /// Read, but these entries could not be and were dropped.
    Dropped { count: usize },
}

impl OpenProblem {
    /// Its name in the log's events (`journal_problem`'s `kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            OpenProblem::MovedAside { .. } => "moved_aside",
            OpenProblem::Corrupt { .. } => "corrupt",
            OpenProblem::Unreadable { .. } => "unreadable",
            OpenProblem::Dropped { .. } => "dropped",
        }
    }

    /// How many entries were dropped, if that is the problem.
    pub fn dropped(&self) -> Option<usize> {
        match self {
            OpenProblem::Dropped { count } => Some(*count),
            _ => None,
        }
    }
}

impl std::fmt::Display for OpenProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenProblem::MovedAside { to, reason } => {
                write!(
                    f,
                    "journal was corrupt ({reason}); moved it to {} and started a new one",
                    to.display()
                )
            }
            OpenProblem::Corrupt { reason } => {
                write!(
                    f,
                    "journal is corrupt ({reason}) and could not be moved aside; starting a new one in memory"
                )
            }
            OpenProblem::Dropped { count } => {
                write!(
                    f,
                    "dropped {count} journal entr{} that could not be read; kept the rest",
                    if *count == 1 { "y" } else { "ies" }
                )
            }
            OpenProblem::Unreadable { reason } => {
                write!(
                    f,
                    "cannot read the journal ({reason}); starting a new one in memory"
                )
            }
        }
    }
}

#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    ledger: Ledger,
    /// Changes not yet on disk (the last save failed).
    dirty: bool,
    /// Size and modification time of the file when last read or written.
    seen: Option<Stamp>,
}

/// What tells whether the file changed: its modification time and size,
/// and its inode (every write makes a new file, and two writes within the
/// clock's granularity can have the same time and size).
fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(path).ok()?;
    Some((m.modified().ok()?, m.len(), m.ino()))
}

type Stamp = (std::time::SystemTime, u64, u64);

/// The journal's write lock: held while reading, merging and writing it.
/// Released when dropped.
#[derive(Debug)]
pub struct WriteLock {
    _file: Option<std::fs::File>,
}

/// Longest wait for the journal's lock: a writer holds it for
/// milliseconds, so one that holds it longer is stopped (Ctrl-Z) or hung;
/// the daemon then keeps its change in memory and tries again later, never
/// waiting on another process.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(1);

impl WriteLock {
    /// Take the lock beside `journal`, waiting at most [`LOCK_PATIENCE`].
    /// A directory where it cannot be made (read-only) gives no lock: the
    /// journal cannot be written there either.
    pub fn take(journal: &Path) -> std::io::Result<WriteLock> {
        use std::fs::TryLockError;
        use std::os::unix::fs::MetadataExt;
        let path = journal.with_file_name("journal.lock");
        let deadline = std::time::Instant::now() + LOCK_PATIENCE;
        loop {
            if let Some(dir) = path.parent() {
                let _ = fsutil::private_dir(dir);
            }
            let Ok(file) = fsutil::open_lock_file(&path) else {
                return Ok(WriteLock { _file: None });
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    if std::time::Instant::now() >= deadline {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::WouldBlock,
                            format!(
                                "another aftercare process has held {} for over {} s",
                                path.display(),
                                LOCK_PATIENCE.as_secs()
                            ),
                        ));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    continue;
                }
                Err(TryLockError::Error(_)) => return Ok(WriteLock { _file: None }),
            }
            // the file (or its directory) deleted and made anew meanwhile:
            // this lock guards nothing, take the new one
            let same = match (file.metadata(), std::fs::symlink_metadata(&path)) {
                (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
                _ => false,
            };
            if same {
                return Ok(WriteLock { _file: Some(file) });
            }
        }
    }
}

/// Reading goes straight to the ledger; writing goes through the store,
/// which remembers that there is something to save.
impl std::ops::Deref for Journal {
    type Target = Ledger;
    fn deref(&self) -> &Ledger {
        &self.ledger
    }
}

impl Journal {
    fn new(path: &Path, ledger: Ledger) -> Journal {
        Journal {
            path: path.to_path_buf(),
            ledger,
            dirty: false,
            seen: None,
        }
    }

    /// Open for the daemon: a corrupt file is moved aside.
    pub fn open(path: &Path, now: DateTime<Utc>) -> (Journal, Option<OpenProblem>) {
        // without the lock (another holds it too long): read, but leave
        // temp files alone (one may be another writer's, mid-write)
        match WriteLock::take(path) {
            Ok(_lock) => Self::open_locked(path, now),
            Err(_) => Self::open_unlocked(path, now),
        }
    }

    /// [`Journal::open`] with the write lock already held.
    fn open_locked(path: &Path, now: DateTime<Utc>) -> (Journal, Option<OpenProblem>) {
        // Temp files of a write that was cut off (kill -9, power loss) are
        // garbage: the journal itself is always whole. Not one written
        // this minute: another file's write (the last good config) may be
        // under way, and it does not take the journal's lock.
        if let Some(dir) = path.parent() {
            if let Ok(entries) = std::fs::read_dir(dir) {
                for e in entries.flatten() {
                    let name = e.file_name();
                    let name = name.to_string_lossy();
                    let old = e
                        .metadata()
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > std::time::Duration::from_secs(60));
                    if name.starts_with(".aftercare-") && name.ends_with(".tmp") && old {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            }
        }
        Self::open_unlocked(path, now)
    }

    /// [`Journal::open`] without removing temp files.
    fn open_unlocked(path: &Path, now: DateTime<Utc>) -> (Journal, Option<OpenProblem>) {
        let empty = || Journal::new(path, Ledger::default());
        match read(path) {
            Ok(None) => (empty(), None),
            Ok(Some((ledger, dropped))) => {
                let mut j = Journal::new(path, ledger);
                j.seen = stamp(path);
                let problem = (dropped > 0).then_some(OpenProblem::Dropped { count: dropped });
                (j, problem)
            }
            Err(ReadError::Io(e)) => (
                empty(),
                Some(OpenProblem::Unreadable {
                    reason: e.to_string(),
                }),
            ),
            Err(ReadError::Corrupt(reason)) => {
                let aside = path.with_file_name(format!(
                    "journal.corrupt-{}.json",
                    now.format("%Y%m%dT%H%M%SZ")
                ));
                let problem = match std::fs::rename(path, &aside) {
                    Ok(()) => OpenProblem::MovedAside { to: aside, reason },
                    Err(_) => OpenProblem::Corrupt { reason },
                };
                (empty(), Some(problem))
            }
        }
    }

    /// Open for reading only (`plan`, `status`): any problem gives an empty
    /// journal and touches nothing.
    pub fn read_only(path: &Path) -> Journal {
        let ledger = read(path).ok().flatten().map(|(l, _)| l);
        Journal::new(path, ledger.unwrap_or_default())
    }

    /// The ledger, for the policy.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    pub fn set(&mut self, id: impl AsRef<str>, entry: Entry) {
        self.ledger.set(id, entry);
        self.dirty = true;
    }

    pub fn set_complete(&mut self, at: DateTime<Utc>) {
        self.ledger.set_complete(at);
        self.dirty = true;
    }

    pub fn set_config_error_shown(&mut self, fingerprint: Option<String>) {
        if self.ledger.set_config_error_shown(fingerprint) {
            self.dirty = true;
        }
    }

    pub fn set_on_screen(&mut self, screen: Option<crate::ledger::OnScreen>) {
        if self.ledger.set_on_screen(screen) {
            self.dirty = true;
        }
    }

    pub fn set_treatment(&mut self, pin: Option<crate::ledger::TreatmentPin>) {
        if self.ledger.set_treatment(pin) {
            self.dirty = true;
        }
    }

    /// See [`Ledger::migrate_ids`].
    pub fn migrate_ids(&mut self, map: &std::collections::HashMap<String, String>) -> usize {
        self.dirty = true;
        self.ledger.migrate_ids(map)
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Take in what another process (`aftercare done`) wrote: per id, the
    /// entry recorded later wins. A file that cannot be read is ignored.
    /// Only read again when the file changed since it was last read or
    /// written (size or modification time): not on every tick.
    pub fn merge_from_disk(&mut self) {
        let now = stamp(&self.path);
        if now.is_some() && now == self.seen {
            return;
        }
        if let Ok(Some((disk, _))) = read(&self.path) {
            self.ledger.merge(disk);
        }
        self.seen = now;
    }

    /// Dates no run of aftercare could have written (a tampered or
    /// damaged journal) are clamped: nothing recorded after `now`, and no
    /// snooze longer than `snooze`. Returns how many were changed.
    pub fn clamp(&mut self, now: DateTime<Utc>, snooze: std::time::Duration) -> usize {
        let n = self.ledger.clamp(now, snooze);
        if n > 0 {
            self.dirty = true;
        }
        n
    }

    /// Read, change and write the journal as one step under the write
    /// lock: what `aftercare done` does beside a running daemon. `change`
    /// gets the journal as it is on disk now (and what opening it ran
    /// into); the journal is written if it changed anything.
    pub fn update<T, E>(
        path: &Path,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Journal, Option<OpenProblem>) -> Result<T, E>,
        io: impl Fn(std::io::Error) -> E,
    ) -> Result<T, E> {
        let _lock = WriteLock::take(path).map_err(&io)?;
        let (mut journal, problem) = Self::open_locked(path, now);
        let out = change(&mut journal, problem)?;
        journal.save_locked().map_err(io)?;
        Ok(out)
    }

    /// The journal on disk is gone (its directory deleted): write it again
    /// from memory at the next save.
    pub fn rewrite_if_missing(&mut self) -> bool {
        let missing = std::fs::symlink_metadata(&self.path).is_err();
        if missing {
            self.dirty = true;
        }
        missing
    }

    /// Write to disk if anything changed, after merging in what others
    /// wrote meanwhile, under the write lock. On failure the in-memory
    /// state is kept (so nothing is repeated while running) and the caller
    /// retries.
    pub fn save(&mut self) -> std::io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let _lock = WriteLock::take(&self.path)?;
        self.save_locked()
    }

    fn save_locked(&mut self) -> std::io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        // always read under the lock: what another writer wrote since
        if let Ok(Some((disk, _))) = read(&self.path) {
            self.ledger.merge(disk);
        }
        let bytes = serde_json::to_vec_pretty(&self.ledger).map_err(std::io::Error::other)?;
        fsutil::write_atomic(&self.path, &bytes, true)?;
        self.dirty = false;
        self.seen = stamp(&self.path);
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

enum ReadError {
    Io(std::io::Error),
    Corrupt(String),
}

/// The ledger on disk, and how many entries had to be dropped.
fn read(path: &Path) -> Result<Option<(Ledger, usize)>, ReadError> {
    // a symlink or a FIFO in its place is refused, never followed or waited on
    let Some(bytes) =
        crate::fsutil::read_regular(path, MAX_JOURNAL_BYTES, false).map_err(ReadError::Io)?
    else {
        return Ok(None);
    };
    // one schema, tolerant by itself: unknown fields kept, a bad entry
    // dropped and counted, an unreadable screen list or treatment pin read
    // as absent (see `Ledger`)
    let ledger: Ledger =
        serde_json::from_slice(&bytes).map_err(|e| ReadError::Corrupt(e.to_string()))?;
    // version 1: ids in the old format, migrated by the daemon
    if ledger.version == 0 || ledger.version > VERSION {
        return Err(ReadError::Corrupt(format!(
            "unknown version {}",
            ledger.version
        )));
    }
    let dropped = ledger.dropped();
    Ok(Some((ledger, dropped)))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::utc as t;

    fn sent(at: &str) -> Entry {
        Entry::sent(t(at))
    }

    #[test]
    fn round_trip() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("aftercare/journal.json");
        let (mut j, problem) = Journal::open(&p, t("2026-11-24T10:00:00Z"));
        assert!(problem.is_none());
        j.set("a@1", sent("2026-11-24T10:00:00Z"));
        j.save().unwrap();
        assert!(!j.is_dirty());
        let (j2, _) = Journal::open(&p, t("2026-11-24T10:00:00Z"));
        assert_eq!(j2.get("a@1"), Some(&sent("2026-11-24T10:00:00Z")));
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn a_later_releases_fields_survive_a_rewrite() {
        // a journal of this format version written by a later release,
        // with fields this one does not know, at the top and in an entry
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("journal.json");
        std::fs::write(
            &p,
            r#"{"version":2,"later":{"k":[1,2]},"entries":{
                "a@s1d0T09:00":{"status":"sent","at":"2026-11-24T09:00:00Z","sent_at":"2026-11-24T09:00:00Z","seen_on":"phone"}
            }}"#,
        )
        .unwrap();
        let (mut j, problem) = Journal::open(&p, t("2026-11-24T10:00:00Z"));
        assert!(problem.is_none());
        j.set("b@s1d0T10:00", sent("2026-11-24T10:00:00Z"));
        j.save().unwrap();
        let back: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        assert_eq!(back["later"], serde_json::json!({"k": [1, 2]}));
        assert_eq!(back["entries"]["a@s1d0T09:00"]["seen_on"], "phone");
        assert_eq!(back["entries"]["b@s1d0T10:00"]["status"], "sent");
        assert!(back["entries"]["b@s1d0T10:00"].get("seen_on").is_none());
    }

    #[test]
    fn corrupt_is_moved_aside_not_deleted() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("journal.json");
        for garbage in [
            &b"{\"version\":1,\"entr"[..],
            b"\xff\xfe garbage",
            b"[1,2,3]",
            b"{\"version\":99}",
        ] {
            std::fs::write(&p, garbage).unwrap();
            let (j, problem) = Journal::open(&p, t("2026-11-24T10:00:00Z"));
            assert!(j.get("x").is_none());
            let Some(OpenProblem::MovedAside { to, .. }) = problem else {
                panic!("expected moved aside, got {problem:?}");
            };
            assert_eq!(std::fs::read(&to).unwrap(), garbage);
            assert!(!p.exists());
            std::fs::remove_file(to).unwrap();
        }
    }

    #[test]
    fn merge_takes_the_later_entry_per_id() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("journal.json");
        let (mut daemon, _) = Journal::open(&p, t("2026-11-24T10:00:00Z"));
        daemon.set("a", sent("2026-11-24T10:00:00Z"));
        daemon.save().unwrap();
        // another process marks it done later
        let (mut cli, _) = Journal::open(&p, t("2026-11-24T10:05:00Z"));
        let mut done = sent("2026-11-24T10:05:00Z");
        done.status = Status::Done;
        cli.set("a", done);
        cli.save().unwrap();
        // the daemon's next save keeps the CLI's answer and adds its own
        daemon.set("b", sent("2026-11-24T10:06:00Z"));
        daemon.save().unwrap();
        let (back, _) = Journal::open(&p, t("2026-11-24T10:07:00Z"));
        assert_eq!(back.status("a"), Some(Status::Done));
        assert_eq!(back.status("b"), Some(Status::Sent));
    }

    #[test]
    fn a_writer_that_holds_the_lock_too_long_is_not_waited_for() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("journal.json");
        let (mut j, _) = Journal::open(&p, t("2026-11-24T10:00:00Z"));
        // another process (stopped with Ctrl-Z) holds the lock
        let other = WriteLock::take(&p).unwrap();
        j.set("a", sent("2026-11-24T10:00:00Z"));
        let e = j.save().unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::WouldBlock, "{e}");
        assert!(j.is_dirty(), "kept in memory");
        let r: Result<(), std::io::Error> =
            Journal::update(&p, t("2026-11-24T10:01:00Z"), |_, _| Ok(()), |e| e);
        assert!(r.is_err(), "done says so instead of hanging");
        drop(other);
        j.save().unwrap();
        assert_eq!(Journal::read_only(&p).status("a"), Some(Status::Sent));
    }

    #[test]
    fn save_failure_keeps_memory_and_retries() {
        let d = tempfile::tempdir().unwrap();
        // a path whose parent is a file cannot be written
        std::fs::write(d.path().join("file"), b"").unwrap();
        let p = d.path().join("file/journal.json");
        let (mut j, _) = Journal::open(&p, t("2026-11-24T10:00:00Z"));
        j.set("a", sent("2026-11-24T10:00:00Z"));
        assert!(j.save().is_err());
        assert!(j.is_dirty());
        assert_eq!(j.status("a"), Some(Status::Sent));
    }
}
