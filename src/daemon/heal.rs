//! The state directory heals itself while the daemon runs: a journal write
//! that failed (full disk, read-only, directory gone) is retried with
//! backoff until it succeeds, not only at the next change; a deleted state
//! directory (or journal, or lock file) is made again from memory at once,
//! with its lock. Watched with inotify on the directory and the two above
//! it: idle, it costs nothing.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::time::Instant;
use tracing::{info, warn};

use super::state::Daemon;
use super::watch::{self, Watch};
use crate::app::lock::RunLock;
use crate::fsutil;
use crate::notifier::Notifier;

/// First wait before writing the journal again; doubled each time.
const FIRST_RETRY: Duration = Duration::from_millis(250);
/// Longest wait between two tries: what was shown is on disk within this
/// long of space returning.
pub(crate) const MAX_RETRY: Duration = Duration::from_secs(4);

/// What the daemon needs to look after its state directory.
#[derive(Debug)]
pub(crate) struct Keeper {
    state_dir: PathBuf,
    lock: RunLock,
    watch: Option<Watch>,
    tx: UnboundedSender<()>,
    rx: UnboundedReceiver<()>,
    /// Failed tries of the journal write so far.
    attempt: u32,
    /// When to try again.
    retry_at: Option<Instant>,
}

/// The wait before try `attempt` (0-based).
pub(crate) fn backoff(attempt: u32) -> Duration {
    FIRST_RETRY
        .saturating_mul(1u32 << attempt.min(8))
        .min(MAX_RETRY)
}

/// `(folder, name)` pairs: the state directory's files, the directory in
/// its parent, the parent in the grandparent.
fn watched(state_dir: &Path) -> Vec<(PathBuf, OsString)> {
    let mut w = vec![
        (state_dir.to_path_buf(), OsString::from("journal.json")),
        (state_dir.to_path_buf(), OsString::from("run.lock")),
    ];
    let mut p = state_dir;
    for _ in 0..2 {
        let (Some(parent), Some(name)) = (p.parent(), p.file_name()) else {
            break;
        };
        w.push((parent.to_path_buf(), name.to_os_string()));
        p = parent;
    }
    w
}

impl Keeper {
    pub(crate) fn new(state_dir: &Path, lock: RunLock) -> Keeper {
        let (tx, rx) = unbounded_channel();
        let mut k = Keeper {
            state_dir: state_dir.to_path_buf(),
            lock,
            watch: None,
            tx,
            rx,
            attempt: 0,
            retry_at: None,
        };
        k.rewatch();
        k
    }

    fn rewatch(&mut self) {
        self.watch = None;
        self.watch = watch::start_with(
            watched(&self.state_dir),
            Vec::new(),
            self.tx.clone(),
            || (),
            watch::state_mask(),
            watch::state_mask(),
            watch::Says::State,
        );
    }

    /// Wait until there is something to do: a file of the state directory
    /// deleted, or the time to write the journal again.
    pub(crate) async fn wait(&mut self) {
        let retry = self.retry_at;
        tokio::select! {
            Some(()) = self.rx.recv() => {
                // a burst (rm -r) is one change
                while self.rx.try_recv().is_ok() {}
            }
            () = async {
                match retry {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            } => {
                self.retry_at = None;
            }
        }
    }

    /// Make again what is missing, and write the journal.
    pub(crate) fn heal<N: Notifier>(&mut self, d: &mut Daemon<N>) {
        let gone = !self.state_dir.is_dir();
        if gone {
            match fsutil::private_dir(&self.state_dir) {
                Ok(()) => {
                    info!(name: "state_dir_made_again", dir = %self.state_dir.display(), "the state directory was deleted; made it again")
                }
                Err(e) => {
                    warn!(dir = %self.state_dir.display(), "the state directory was deleted and cannot be made again: {e}; retrying")
                }
            }
        }
        match self.lock.heal() {
            Ok(true) => info!("the lock file was deleted; took it again"),
            Ok(false) => {}
            Err(e) => warn!("cannot take the lock in the state directory again: {e}"),
        }
        let missing = d.journal_mut().rewrite_if_missing();
        d.save();
        if missing && !d.journal().is_dirty() {
            info!(name: "journal_rewritten", "the journal was deleted; wrote it again from memory");
        }
        // the watches on a deleted folder are gone with it
        self.rewatch();
        self.after(d.journal().is_dirty());
    }

    /// After anything that may have written the journal: while the last
    /// write failed, try again with backoff.
    pub(crate) fn after(&mut self, dirty: bool) {
        if !dirty {
            self.attempt = 0;
            self.retry_at = None;
            return;
        }
        if self.retry_at.is_none() {
            self.retry_at = Some(Instant::now() + backoff(self.attempt));
            self.attempt = self.attempt.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_limit() {
        let waits: Vec<u128> = (0..7).map(|a| backoff(a).as_millis()).collect();
        assert_eq!(waits, [250, 500, 1000, 2000, 4000, 4000, 4000]);
        assert_eq!(backoff(u32::MAX), MAX_RETRY);
    }

    #[test]
    fn the_directory_and_two_above_are_watched() {
        let w = watched(Path::new("/home/u/.local/state/aftercare"));
        let dirs: Vec<_> = w
            .iter()
            .map(|(d, n)| format!("{}:{}", d.display(), n.to_string_lossy()))
            .collect();
        assert_eq!(
            dirs,
            [
                "/home/u/.local/state/aftercare:journal.json",
                "/home/u/.local/state/aftercare:run.lock",
                "/home/u/.local/state:aftercare",
                "/home/u/.local:state",
            ]
        );
    }
}
