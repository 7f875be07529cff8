//! Private, atomic file writes: everything aftercare writes is 0600 in a
//! 0700 directory, and replaced whole (temp file, fsync, rename, fsync dir),
//! so a crash or a full disk leaves either the old or the new version.

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// `open(2)` flags for `OpenOptions::custom_flags`: never block (a FIFO in
/// a file's place cannot stall the caller), and with `follow = false` never
/// follow a symlink (`ELOOP` instead).
pub(crate) fn open_flags(follow: bool) -> i32 {
    use rustix::fs::OFlags;
    let mut flags = OFlags::NONBLOCK;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    // the kernel's flags are small positive ints
    i32::try_from(flags.bits()).unwrap_or(0)
}

/// Open (or make, 0600) a lock file to read and write, never truncated,
/// never through a symlink nor blocking on a FIFO in its place.
pub(crate) fn open_lock_file(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(open_flags(false))
        .open(path)
}

/// Read a regular file of at most `limit` bytes without ever blocking: it
/// is opened non-blocking (a FIFO in its place cannot stall the caller) and
/// refused unless it is a regular file; with `follow = false` a symlink is
/// refused too. `None` when it does not exist.
pub(crate) fn read_regular(
    path: &Path,
    limit: u64,
    follow: bool,
) -> std::io::Result<Option<Vec<u8>>> {
    let file = match fs::OpenOptions::new()
        .read(true)
        .custom_flags(open_flags(follow))
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            return Err(std::io::Error::other(
                "it is a symbolic link; aftercare does not follow one here",
            ));
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        let what = if meta.file_type().is_dir() {
            "a directory"
        } else {
            "not a regular file (a FIFO, socket or device)"
        };
        return Err(std::io::Error::other(format!("it is {what}")));
    }
    let mut buf = Vec::new();
    file.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("it is larger than {} KiB", limit / 1024),
        ));
    }
    Ok(Some(buf))
}

/// Create a directory (and parents) private to the user.
pub(crate) fn private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Atomically replace `path` with `bytes`, mode 0600. With `clobber =
/// false`, fail with `AlreadyExists` instead of replacing a file.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], clobber: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    private_dir(dir)?;
    // tempfile creates the file 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(".aftercare-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(0o600))?;
    tmp.as_file().sync_all()?;
    if clobber {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    fs::File::open(dir)?.sync_all()
}

/// Whether a file can be read by others than its owner.
pub(crate) fn readable_by_others(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_never_block_and_follow_a_symlink_only_when_told() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real");
        fs::write(&real, b"text").unwrap();
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(read_regular(&link, 100, true).unwrap().unwrap(), b"text");
        let e = read_regular(&link, 100, false).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(
            read_regular(&d.path().join("none"), 100, true).unwrap(),
            None
        );
        // a FIFO with no writer: opened without blocking, then refused
        let fifo = d.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(read_regular(&fifo, 100, true).is_err());
        // too large: known by its kind, not its wording
        let big = d.path().join("big");
        fs::write(&big, [b'x'; 101]).unwrap();
        let e = read_regular(&big, 100, true).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(read_regular(&big, 101, true).unwrap().unwrap().len(), 101);
    }

    #[test]
    fn writes_private_and_replaces() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/f.json");
        write_atomic(&p, b"one", false).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"one");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::metadata(p.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
        let e = write_atomic(&p, b"two", false).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        write_atomic(&p, b"two", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        // no temp files left behind
        assert_eq!(fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }
}
