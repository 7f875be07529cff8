//! One daemon per user: `aftercare run` holds a lock on a file in the
//! state directory for its whole life; a second one finds it held and says
//! by whom (the pid written in the file).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::fsutil;

/// Held while the daemon runs; released when dropped (or the process
/// ends, however it ends).
#[derive(Debug)]
pub(crate) struct RunLock {
    _file: File,
}

fn lock_path(state_dir: &Path) -> PathBuf {
    state_dir.join("run.lock")
}

fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(crate::fsutil::open_flags(false))
        .open(path)
}

fn pid_in(file: &mut File) -> Option<u32> {
    let mut s = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut s).ok()?;
    s.trim().parse().ok()
}

/// Where the lock lives when the state directory cannot hold it (read-only,
/// not ours): the runtime directory, keyed by the state directory.
fn fallback_path(state_dir: &Path) -> Option<PathBuf> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty())?;
    let mut h = DefaultHasher::new();
    state_dir.hash(&mut h);
    Some(PathBuf::from(runtime).join(format!("aftercare-{:016x}.lock", h.finish())))
}

/// Take the lock, or say who has it. A state directory that cannot hold
/// the lock file (read-only) does not stop delivery: the lock moves to the
/// runtime directory.
pub(crate) fn acquire(state_dir: &Path) -> Result<RunLock, Error> {
    match acquire_at(state_dir, &lock_path(state_dir)) {
        Err(Error::Io { context, source }) => match fallback_path(state_dir) {
            Some(p) => {
                tracing::warn!(
                    "{context}: {source}; taking the lock in the runtime directory instead"
                );
                acquire_at(state_dir, &p)
            }
            None => Err(Error::Io { context, source }),
        },
        other => other,
    }
}

fn acquire_at(state_dir: &Path, path: &Path) -> Result<RunLock, Error> {
    let path = path.to_path_buf();
    let io = |e| Error::io(format!("cannot take the lock {}", path.display()), e);
    if let Some(dir) = path.parent() {
        fsutil::private_dir(dir).map_err(io)?;
    }
    let mut file = open(&path).map_err(io)?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            writeln!(file, "{}", std::process::id()).map_err(io)?;
            Ok(RunLock { _file: file })
        }
        Err(TryLockError::WouldBlock) => Err(Error::AlreadyRunning {
            pid: pid_in(&mut file),
            state_dir: state_dir.to_path_buf(),
        }),
        Err(TryLockError::Error(e)) => Err(io(e)),
    }
}

/// The pid of the daemon holding the lock, if one does.
pub(crate) fn holder(state_dir: &Path) -> Option<Option<u32>> {
    holder_at(&lock_path(state_dir))
        .or_else(|| fallback_path(state_dir).and_then(|p| holder_at(&p)))
}

fn holder_at(path: &Path) -> Option<Option<u32>> {
    let mut file = open(path).ok()?;
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
}
