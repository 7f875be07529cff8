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

/// Watch each of `files` itself; those not there (yet) are left to the
/// watch on their folder. The watch descriptors.
fn watch_files(fd: &rustix::fd::OwnedFd, files: &[PathBuf]) -> Vec<i32> {
    files
        .iter()
        .filter_map(|f| inotify::add_watch(fd, f, mask()).ok())
        .collect()
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
        || Event::ConfigChanged,
        "the config; use SIGHUP to reload",
        events,
    )
}

/// The same for any `(folder, file name)`s, and `files` watched
/// themselves (a bind-mounted file is written in place: its folder hears
/// nothing); each change sends `event()`. `what` ends the warnings.
pub(crate) fn start_with(
    watched: Vec<(PathBuf, OsString)>,
    files: Vec<PathBuf>,
    event: fn() -> Event,
    what: &'static str,
    events: UnboundedSender<Event>,
) -> Option<Watch> {
    let fd = inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK)
        .map_err(|e| warn!("cannot watch {what}: {e}"))
        .ok()?;
    for (dir, _) in &watched {
        if let Err(e) = inotify::add_watch(&fd, dir, mask()) {
            warn!(dir = %dir.display(), "cannot watch {what}: {e}");
        }
    }
    // files that are not there (yet) are fine: the folder watch sees them come
    let mut file_wds = watch_files(&fd, &files);
    // an OwnedFd: the sound use of the deprecated safe constructor (see
    // ClockWatch::new in wake.rs)
    #[allow(deprecated)]
    let fd = AsyncFd::new(fd)
        .map_err(|e| warn!("cannot watch {what}: {e}"))
        .ok()?;
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
                        warn!("stopped watching {what}: {e}");
                        return;
                    }
                }
            }
            if ours {
                // a file replaced by another: watch the new one
                if !files.is_empty() {
                    file_wds = watch_files(fd.get_ref(), &files);
                }
                if events.send(event()).is_err() {
                    return;
                }
            }
        }
    });
    Some(Watch { task })
}
