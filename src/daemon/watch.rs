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
    start_with(watched, events, || Event::ConfigChanged, mask(), true)
}

/// The state directory and the folders above it: gone, or a file of it
/// deleted (its own writes replace files by rename and are not news).
pub(crate) fn state_mask() -> WatchFlags {
    WatchFlags::DELETE | WatchFlags::MOVED_FROM | WatchFlags::DELETE_SELF | WatchFlags::MOVE_SELF
}

/// Watch each `(folder, file name)` for `mask`: sends `make()` on a change
/// to one of those names. `config`: say so in the config's words when
/// watching fails (otherwise a debug line: the folder may not exist yet).
pub(crate) fn start_with<T: Send + 'static>(
    watched: Vec<(PathBuf, OsString)>,
    events: UnboundedSender<T>,
    make: fn() -> T,
    mask: WatchFlags,
    config: bool,
) -> Option<Watch> {
    let fail = |e: &dyn std::fmt::Display| match config {
        true => warn!("cannot watch the config for changes: {e}; use SIGHUP to reload"),
        false => tracing::debug!("cannot watch the state directory: {e}"),
    };
    let fd = inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK)
        .map_err(|e| fail(&e))
        .ok()?;
    for (dir, _) in &watched {
        if let Err(e) = inotify::add_watch(&fd, dir, mask) {
            match config {
                true => {
                    warn!(dir = %dir.display(), "cannot watch the config directory: {e}; use SIGHUP to reload")
                }
                false => tracing::debug!(dir = %dir.display(), "cannot watch: {e}"),
            }
        }
    }
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
            if ours && events.send(make()).is_err() {
                return;
            }
        }
    });
    Some(Watch { task })
}
