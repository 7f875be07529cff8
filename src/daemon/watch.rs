//! The config watcher: inotify on the folders of the config, its symlink's
//! target and the plan file, read through the runtime's epoll (tokio's
//! `AsyncFd`). No thread and no timer of its own: idle, it costs nothing.

use std::ffi::OsString;
use std::mem::MaybeUninit;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use rustix::fs::inotify::{self, CreateFlags, ReadFlags, WatchFlags};
use rustix::io::Errno;
use tokio::io::unix::AsyncFd;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;
use tracing::warn;

use super::Event;

/// The running watcher; dropping it stops it.
#[derive(Debug)]
pub(crate) struct Watch {
    task: JoinHandle<()>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What editors do to a file: write it in place, or write another and
/// rename it over, or delete and create it; and the folder itself going.
fn mask() -> WatchFlags {
    WatchFlags::ATTRIB
        | WatchFlags::CREATE
        | WatchFlags::DELETE
        | WatchFlags::CLOSE_WRITE
        | WatchFlags::MODIFY
        | WatchFlags::MOVED_FROM
        | WatchFlags::MOVED_TO
        | WatchFlags::DELETE_SELF
        | WatchFlags::MOVE_SELF
}

/// Watch each `(folder, file name)`: a change to one of those names in one
/// of those folders sends [`Event::ConfigChanged`].
pub(crate) fn start(
    watched: Vec<(PathBuf, OsString)>,
    events: UnboundedSender<Event>,
) -> Option<Watch> {
    start_with(
        watched,
        Vec::new(),
        events,
        || Event::ConfigChanged,
        mask(),
        mask(),
        Says::Config,
    )
}

/// Watch `/etc` for `localtime` and `timezone` being replaced (timedated
/// renames a new link over them), and the files themselves (a bind-mounted
/// file is written in place: its folder hears nothing): a change sends
/// [`Event::ZoneChanged`].
pub(crate) fn start_zone(events: UnboundedSender<Event>) -> Option<Watch> {
    let etc = PathBuf::from("/etc");
    start_with(
        vec![
            (etc.clone(), "localtime".into()),
            (etc.clone(), "timezone".into()),
        ],
        vec![etc.join("localtime"), etc.join("timezone")],
        events,
        || Event::ZoneChanged("/etc/localtime"),
        zone_dir_mask(),
        mask(),
        Says::Zone,
    )
}

/// `/etc` itself: only names coming and going (a link or file renamed
/// over `localtime` or `timezone`, or deleted and made again). Writes in
/// place are heard by the watches on the two files themselves; with
/// `MODIFY`/`CLOSE_WRITE`/`ATTRIB` here, every write to any file in `/etc`
/// (package installs, resolv.conf, mtab) woke the daemon for nothing.
fn zone_dir_mask() -> WatchFlags {
    WatchFlags::CREATE
        | WatchFlags::DELETE
        | WatchFlags::MOVED_FROM
        | WatchFlags::MOVED_TO
        | WatchFlags::DELETE_SELF
        | WatchFlags::MOVE_SELF
}

/// Whose words a failure to watch is told in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Says {
    /// The config's (a warning: reload with SIGHUP).
    Config,
    /// The state directory's (a debug line: it may not exist yet).
    State,
    /// The time zone's (a warning: changes need a restart).
    Zone,
}

/// Watch each of `files` itself; those not there (yet) are left to the
/// watch on their folder. The watch descriptors.
fn watch_files(fd: &rustix::fd::OwnedFd, files: &[PathBuf], mask: WatchFlags) -> Vec<i32> {
    files
        .iter()
        .filter_map(|f| inotify::add_watch(fd, f, mask).ok())
        .collect()
}

/// The state directory and the folders above it: gone, or a file of it
/// deleted (its own writes replace files by rename and are not news).
pub(crate) fn state_mask() -> WatchFlags {
    WatchFlags::DELETE | WatchFlags::MOVED_FROM | WatchFlags::DELETE_SELF | WatchFlags::MOVE_SELF
}

/// Watch each `(folder, file name)` for `dir_mask`, and each of `files`
/// itself for `file_mask`: sends `make()` on a change to one of those names or files.
/// `says`: whose words a failure to watch is told in.
pub(crate) fn start_with<T: Send + 'static>(
    watched: Vec<(PathBuf, OsString)>,
    files: Vec<PathBuf>,
    events: UnboundedSender<T>,
    make: fn() -> T,
    dir_mask: WatchFlags,
    file_mask: WatchFlags,
    says: Says,
) -> Option<Watch> {
    let config = says == Says::Config;
    let fail = |e: &dyn std::fmt::Display| match says {
        Says::Config => warn!("cannot watch the config for changes: {e}; use SIGHUP to reload"),
        Says::State => tracing::debug!("cannot watch the state directory: {e}"),
        Says::Zone => {
            warn!("cannot watch /etc/localtime: {e}; a change of time zone needs a restart")
        }
    };
    let fd = inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK)
        .map_err(|e| fail(&e))
        .ok()?;
    for (dir, _) in &watched {
        if let Err(e) = inotify::add_watch(&fd, dir, dir_mask) {
            match config {
                true => {
                    warn!(dir = %dir.display(), "cannot watch the config directory: {e}; use SIGHUP to reload")
                }
                false => tracing::debug!(dir = %dir.display(), "cannot watch: {e}"),
            }
        }
    }
    let mut file_wds = watch_files(&fd, &files, file_mask);
    // an OwnedFd: the sound use of the deprecated safe constructor (see
    // ClockWatch::new in wake.rs)
    #[allow(deprecated)]
    let fd = AsyncFd::new(fd).map_err(|e| fail(&e)).ok()?;
    let names: Vec<OsString> = watched.into_iter().map(|(_, n)| n).collect();
    let task = tokio::spawn(async move {
        let mut buf = [MaybeUninit::<u8>::uninit(); 4096];
        loop {
            let Ok(mut ready) = fd.readable().await else {
                return;
            };
            let mut ours = false;
            let mut reader = inotify::Reader::new(fd.get_ref(), &mut buf);
            loop {
                match reader.next() {
                    Ok(ev) => {
                        // events were dropped: look, to be sure
                        ours |= ev.events().contains(ReadFlags::QUEUE_OVERFLOW);
                        ours |= ev
                            .file_name()
                            .is_some_and(|n| names.iter().any(|m| m.as_bytes() == n.to_bytes()));
                        // an event on a watched file itself (no name)
                        ours |= ev.file_name().is_none() && file_wds.contains(&ev.wd());
                    }
                    Err(Errno::AGAIN) => {
                        ready.clear_ready();
                        break;
                    }
                    Err(Errno::INTR) => {}
                    Err(e) => {
                        warn!("the config watcher stopped: {e}; use SIGHUP to reload");
                        return;
                    }
                }
            }
            if ours {
                // a file replaced by another: watch the new one
                if !files.is_empty() {
                    file_wds = watch_files(fd.get_ref(), &files, file_mask);
                }
                if events.send(make()).is_err() {
                    return;
                }
            }
        }
    });
    Some(Watch { task })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events the kernel queued on `fd` so far (read without waiting).
    fn queued(fd: &rustix::fd::OwnedFd) -> Vec<(ReadFlags, Option<String>)> {
        let mut buf = [MaybeUninit::<u8>::uninit(); 4096];
        let mut reader = inotify::Reader::new(fd, &mut buf);
        let mut out = Vec::new();
        while let Ok(ev) = reader.next() {
            let name = ev.file_name().map(|n| n.to_string_lossy().into_owned());
            out.push((ev.events(), name));
        }
        out
    }

    /// Other files of `/etc` written in place wake nobody: the only event
    /// the folder's watch queues is the new link renamed over `localtime`.
    #[test]
    fn the_zone_folder_watch_hears_only_names_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fd = inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK).unwrap();
        std::fs::write(dir.path().join("resolv.conf"), "a").unwrap();
        inotify::add_watch(&fd, dir.path(), zone_dir_mask()).unwrap();
        std::fs::write(dir.path().join("resolv.conf"), "nameserver 127.0.0.1").unwrap();
        std::fs::write(dir.path().join("localtime.new"), "").unwrap();
        let events_before_rename = queued(&fd);
        std::fs::rename(
            dir.path().join("localtime.new"),
            dir.path().join("localtime"),
        )
        .unwrap();
        let after = queued(&fd);
        // making the new file is a name coming (CREATE), writing the old in
        // place is nothing
        assert_eq!(
            events_before_rename
                .iter()
                .map(|(_, n)| n.as_deref())
                .collect::<Vec<_>>(),
            [Some("localtime.new")]
        );
        assert!(
            after
                .iter()
                .any(|(f, n)| f.contains(ReadFlags::MOVED_TO) && n.as_deref() == Some("localtime")),
            "{after:?}"
        );
    }
}
