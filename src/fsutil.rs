//! Private, atomic file writes: everything aftercare writes is 0600 in a
//! 0700 directory, and replaced whole (temp file, fsync, rename, fsync dir),
//! so a crash or a full disk leaves either the old or the new version.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

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
