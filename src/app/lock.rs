//! One daemon per user: `aftercare run` holds two locks for its whole
//! life, one on a file in the runtime directory (`$XDG_RUNTIME_DIR`, keyed
//! by the state directory: nothing deletes it under a running daemon) and
//! one on `run.lock` in the state directory (what earlier releases held).
//! A second daemon finds either held and says by whom (the pid written in
//! the file). A state directory deleted while the daemon runs is made again
//! with its lock ([`RunLock::heal`]); the runtime lock refuses a second
//! daemon meanwhile.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::fsutil;

/// Held while the daemon runs; released when dropped (or the process
/// ends, however it ends).
#[derive(Debug)]
pub(crate) struct RunLock {
    state_dir: PathBuf,
    /// The lock in the runtime directory, when there is one.
    _runtime: Option<File>,
    /// The lock in the state directory, when it could be made there.
    state: Option<File>,
}

fn lock_path(state_dir: &Path) -> PathBuf {
    state_dir.join("run.lock")
}

fn pid_in(file: &mut File) -> Option<u32> {
    let mut s = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut s).ok()?;
    s.trim().parse().ok()
}

/// The lock in the runtime directory, keyed by the state directory.
fn runtime_path(state_dir: &Path) -> Option<PathBuf> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty())?;
    let mut h = DefaultHasher::new();
    state_dir.hash(&mut h);
    Some(PathBuf::from(runtime).join(format!("aftercare-{:016x}.lock", h.finish())))
}

/// Take both locks, or say who has one. A state directory that cannot hold
/// the lock file (read-only) does not stop delivery while the runtime
/// directory holds one.
pub(crate) fn acquire(state_dir: &Path) -> Result<RunLock, Error> {
    let runtime = match runtime_path(state_dir) {
        Some(p) => match acquire_at(state_dir, &p) {
            Ok(f) => Some(f),
            Err(Error::Io { context, source }) => {
                tracing::warn!("{context}: {source}; only the state directory's lock is taken");
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    let state = match acquire_at(state_dir, &lock_path(state_dir)) {
        Ok(f) => Some(f),
        Err(Error::Io { context, source }) if runtime.is_some() => {
            tracing::warn!("{context}: {source}; holding the lock in the runtime directory only");
            None
        }
        Err(e) => return Err(e),
    };
    Ok(RunLock {
        state_dir: state_dir.to_path_buf(),
        _runtime: runtime,
        state,
    })
}

fn acquire_at(state_dir: &Path, path: &Path) -> Result<File, Error> {
    let path = path.to_path_buf();
    let io = |e| Error::io(format!("cannot take the lock {}", path.display()), e);
    if let Some(dir) = path.parent() {
        fsutil::private_dir(dir).map_err(io)?;
    }
    let mut file = crate::fsutil::open_lock_file(&path).map_err(io)?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            writeln!(file, "{}", std::process::id()).map_err(io)?;
            Ok(file)
        }
        Err(TryLockError::WouldBlock) => Err(Error::AlreadyRunning {
            pid: pid_in(&mut file),
            state_dir: state_dir.to_path_buf(),
        }),
        Err(TryLockError::Error(e)) => Err(io(e)),
    }
}

impl RunLock {
    /// The state directory's lock file was deleted (with its directory, or
    /// alone): make it again and hold it. `Ok(true)` when it was made
    /// again, `Ok(false)` when the held one is still in place.
    pub(crate) fn heal(&mut self) -> Result<bool, Error> {
        let path = lock_path(&self.state_dir);
        let in_place = |f: &File| match (f.metadata(), std::fs::symlink_metadata(&path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        };
        if self.state.as_ref().is_some_and(in_place) {
            return Ok(false);
        }
        let file = acquire_at(&self.state_dir, &path)?;
        self.state = Some(file);
        Ok(true)
    }
}

/// The pid of the daemon holding the lock, if one does.
pub(crate) fn holder(state_dir: &Path) -> Option<Option<u32>> {
    runtime_path(state_dir)
        .and_then(|p| holder_at(&p))
        .or_else(|| holder_at(&lock_path(state_dir)))
}

fn holder_at(path: &Path) -> Option<Option<u32>> {
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(crate::fsutil::open_flags(false))
        .open(path)
        .ok()?;
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(TryLockError::WouldBlock) => Some(pid_in(&mut file)),
        Err(TryLockError::Error(_)) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_and_told_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        assert_eq!(holder(&state), None);
        let first = acquire(&state).unwrap();
        match acquire(&state) {
            Err(Error::AlreadyRunning { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("{other:?}"),
        }
        assert_eq!(holder(&state), Some(Some(std::process::id())));
        drop(first);
        assert_eq!(holder(&state), None);
        assert!(acquire(&state).is_ok(), "free again once released");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(lock_path(&state))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_deleted_state_directory_gets_its_lock_again() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let mut first = acquire(&state).unwrap();
        assert!(!first.heal().unwrap(), "nothing to do while it is there");
        std::fs::remove_dir_all(&state).unwrap();
        assert!(first.heal().unwrap());
        assert!(lock_path(&state).exists());
        assert!(matches!(acquire(&state), Err(Error::AlreadyRunning { .. })));
    }
}
