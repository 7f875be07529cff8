//! Noticing at once that the wall clock moved under the scheduler.
//!
//! The scheduler sleeps on tokio timers, which run on `CLOCK_MONOTONIC`:
//! that clock stands still while the machine is suspended and does not
//! follow changes of the wall clock, while reminders are due by the wall
//! clock. With the scheduler allowed to sleep for [`MAX_TICK_INTERVAL`], a
//! reminder that came due during a suspend would otherwise wait up to that
//! long after the resume. Two watchers, both parked on a file descriptor (no
//! timers, no polling), send [`Event::ClockMoved`] instead; the daemon then
//! wakes the scheduler and steps at once, by the usual catch-up rules:
//!
//! - **logind**: `PrepareForSleep(false)` on the system bus, which logind
//!   sends on resume. Only signals from the current owner of
//!   `org.freedesktop.login1` are taken: the match rule names it as the
//!   sender, so the bus drops its broadcast from anyone else, and a signal
//!   addressed to the daemon (which no match rule stops) must come from the
//!   unique name that owns logind's name now, followed as for timedated
//!   (`system_bus.rs`, `NameOwner`). It comes through the daemon's one
//!   system-bus connection, shared with timedated's listener and made after
//!   `READY=1`. No system bus or no logind: said once at
//!   debug level, and the timerfd below still covers a resume.
//! - **a `CLOCK_REALTIME` timerfd** armed with `TFD_TIMER_ABSTIME |
//!   TFD_TIMER_CANCEL_ON_SET` for a time that never comes: a read fails with
//!   `ECANCELED` when the wall clock is set (`clock_settime`, `date -s`, an
//!   NTP step; not NTP's gradual slewing), see timerfd_create(2). The kernel
//!   also cancels such timers on resume, since suspended time moves the wall
//!   clock against the monotonic one (`timerfd_resume()`, called from
//!   `timekeeping_resume()` since Linux 5.14). After each read it is armed
//!   again.
//!
//! A spurious event costs one step, which does nothing when nothing is due
//! (the journal makes showing idempotent).

use std::io;
use std::time::Duration;

use rustix::fd::OwnedFd;
use rustix::io::Errno;
use rustix::time::{Itimerspec, TimerfdClockId, TimerfdFlags, TimerfdTimerFlags, Timespec};
use tokio::io::unix::AsyncFd;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;
use tracing::{debug, warn};
use zbus::{MatchRule, message};

use super::event::{Event, Moved};
use super::system_bus::NameOwner;

/// The longest the scheduler sleeps between two looks at its jobs.
///
/// It sleeps until the next job is due and is woken when jobs change, so
/// this only bounds how late a change of the wall clock that neither
/// watcher reported is noticed (a resume without logind on a kernel before
/// 5.14, say). Ten minutes: an idle daemon wakes 6 times an hour instead of
/// 4 times a second (docs/performance.md).
pub(super) const MAX_TICK_INTERVAL: Duration = Duration::from_secs(10 * 60);

/// The environment variable that overrides [`MAX_TICK_INTERVAL`], in
/// milliseconds. For tests only: libfaketime moves the wall clock of the
/// daemon alone, a move neither the kernel nor logind can report, so tests
/// under a fake clock ask for the scheduler's old 500 ms look instead.
const MAX_TICK_ENV: &str = "AFTERCARE_MAX_TICK_INTERVAL_MS";

/// [`MAX_TICK_INTERVAL`], or what [`MAX_TICK_ENV`] says.
pub(super) fn max_tick_interval() -> Duration {
    let Ok(v) = std::env::var(MAX_TICK_ENV) else {
        return MAX_TICK_INTERVAL;
    };
    match v.trim().parse::<u64>() {
        Ok(ms) if ms > 0 => {
            debug!("{MAX_TICK_ENV}: the scheduler looks at least every {ms} ms");
            Duration::from_millis(ms)
        }
        _ => {
            warn!("{MAX_TICK_ENV}={v:?} is not a positive number of milliseconds; ignored");
            MAX_TICK_INTERVAL
        }
    }
}

const LOGIN1: &str = "org.freedesktop.login1";
const LOGIN1_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
pub(super) const PREPARE_FOR_SLEEP: &str = "PrepareForSleep";

/// The watcher's task; it ends when this is dropped.
#[derive(Debug)]
pub(super) struct Watchers {
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Watchers {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Start the wall-clock watcher (inside the runtime); its events go to
/// `events`. logind's signal comes through the daemon's one system-bus
/// connection (`system_bus.rs`), with [`subscribe_sleep`] and
/// [`prepare_for_sleep`].
pub(super) fn start(events: UnboundedSender<Event>) -> Watchers {
    let mut tasks = Vec::new();
    match ClockWatch::new() {
        Ok(w) => tasks.push(tokio::spawn(watch_clock(w, events))),
        Err(e) => warn!(
            "cannot watch for wall-clock changes ({e}); one is noticed within {} min",
            MAX_TICK_INTERVAL.as_secs() / 60
        ),
    }
    Watchers { tasks }
}

// --- logind ---------------------------------------------------------------

/// Ask the system bus for logind's `PrepareForSleep` broadcast from the
/// owner of `org.freedesktop.login1` (the bus drops it from anyone else),
/// then follow who owns that name ([`NameOwner::follow_on`]): one addressed
/// to the daemon reaches it whatever the rule says, and counts only from
/// that owner (`system_bus.rs`). The caller made its message stream
/// before: nothing after the rules is missed.
pub(super) async fn subscribe_sleep(bus: &zbus::fdo::DBusProxy<'_>) -> zbus::Result<NameOwner> {
    let rule = MatchRule::builder()
        .msg_type(message::Type::Signal)
        .sender(LOGIN1)
        .path(LOGIN1_PATH)
        .interface(MANAGER)
        .member(PREPARE_FOR_SLEEP)
        .build()?;
    bus.add_match_rule(rule).await?;
    NameOwner::follow_on(bus, LOGIN1).await
}

/// `Some(going_to_sleep)` for a `PrepareForSleep(b)` of logind's
/// interface; `None` for anything else. Who sent it is checked by the
/// caller ([`NameOwner::sent`]).
pub(super) fn prepare_for_sleep(msg: &zbus::Message) -> Option<bool> {
    let h = msg.header();
    let ours = h.message_type() == message::Type::Signal
        && h.interface().is_some_and(|i| i.as_str() == MANAGER)
        && h.member().is_some_and(|m| m.as_str() == PREPARE_FOR_SLEEP);
    if !ours {
        return None;
    }
    msg.body().deserialize::<bool>().ok()
}

// --- wall-clock changes ---------------------------------------------------

/// An absolute `CLOCK_REALTIME` time that never comes: 9·10⁹ s after the
/// epoch (year 2255), below the kernel's limit for timers (`KTIME_SEC_MAX`,
/// about 9.22·10⁹ s).
const NEVER: Timespec = Timespec {
    tv_sec: 9_000_000_000,
    tv_nsec: 0,
};

/// What ended a [`ClockWatch::changed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fired {
    /// `ECANCELED`: the wall clock was set, or the machine resumed.
    ClockSet,
    /// The timer expired (only if the clock was set past [`NEVER`], or in a
    /// test that armed it for a near time).
    Expired,
}

/// A cancel-on-set `CLOCK_REALTIME` timerfd (timerfd_create(2)).
#[derive(Debug)]
pub(super) struct ClockWatch {
    fd: AsyncFd<OwnedFd>,
}

impl ClockWatch {
    /// Armed for [`NEVER`]. Needs the tokio runtime (its reactor).
    pub(super) fn new() -> io::Result<ClockWatch> {
        let fd = rustix::time::timerfd_create(
            TimerfdClockId::Realtime,
            TimerfdFlags::NONBLOCK | TimerfdFlags::CLOEXEC,
        )?;
        // `AsyncFd::new` is deprecated because an arbitrary `AsRawFd` may
        // hand out another descriptor later; an `OwnedFd` keeps its one
        // descriptor open until the `AsyncFd` (which deregisters it first)
        // drops it, which is what the unsafe `register` asks of its caller.
        // The crate forbids unsafe code, so the sound use of the old safe
        // constructor stays.
        #[allow(deprecated)]
        let fd = AsyncFd::new(fd)?;
        let w = ClockWatch { fd };
        w.arm(NEVER)?;
        Ok(w)
    }

    /// Arm for the absolute wall-clock time `at`, cancelled if the clock is
    /// set before then.
    fn arm(&self, at: Timespec) -> io::Result<()> {
        let spec = Itimerspec {
            it_interval: Timespec {
                tv_sec: 0,
                tv_nsec: 0,
            },
            it_value: at,
        };
        rustix::time::timerfd_settime(
            self.fd.get_ref(),
            TimerfdTimerFlags::ABSTIME | TimerfdTimerFlags::CANCEL_ON_SET,
            &spec,
        )?;
        Ok(())
    }

    /// Wait until the wall clock is set (or the timer expires), then arm
    /// it again for [`NEVER`].
    pub(super) async fn changed(&mut self) -> io::Result<Fired> {
        loop {
            let mut guard = self.fd.readable().await?;
            let read = guard.try_io(|fd| {
                let mut expirations = [0u8; 8];
                match rustix::io::read(fd.get_ref(), &mut expirations) {
                    Ok(_) => Ok(Fired::Expired),
                    Err(Errno::CANCELED) => Ok(Fired::ClockSet),
                    // EAGAIN becomes WouldBlock: not ready after all
                    Err(e) => Err(io::Error::from(e)),
                }
            });
            match read {
                Ok(Ok(fired)) => {
                    self.arm(NEVER)?;
                    return Ok(fired);
                }
                Ok(Err(e)) => return Err(e),
                Err(_would_block) => continue,
            }
        }
    }
}

async fn watch_clock(mut w: ClockWatch, events: UnboundedSender<Event>) {
    loop {
        match w.changed().await {
            Ok(_) => {
                if events.send(Event::ClockMoved(Moved::ClockSet)).is_err() {
                    return;
                }
            }
            Err(e) => {
                warn!(
                    "stopped watching for wall-clock changes: {e}; one is noticed within {} min",
                    MAX_TICK_INTERVAL.as_secs() / 60
                );
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! What these prove: the timerfd is created, armed and read through
    //! tokio, stays quiet while nothing happens, and is armed again after a
    //! read; logind's signal is told apart from others. The `ECANCELED`
    //! branch needs the wall clock set, which a unit test must not do: the
    //! kernel's side is timerfd_create(2) (a read fails with `ECANCELED`
    //! once the clock is set), and tests/wake.rs has an end-to-end test that
    //! steps the clock by 1 ns and back, run on request (`--ignored`, root).
    use super::*;

    fn in_ms(ms: i64) -> Timespec {
        let t = crate::clock::now() + chrono::TimeDelta::milliseconds(ms);
        Timespec {
            tv_sec: t.timestamp(),
            tv_nsec: i64::from(t.timestamp_subsec_nanos()),
        }
    }

    async fn quiet_for(w: &mut ClockWatch, ms: u64) -> bool {
        tokio::time::timeout(Duration::from_millis(ms), w.changed())
            .await
            .is_err()
    }

    #[tokio::test]
    async fn armed_for_never_it_stays_quiet() {
        let mut w = ClockWatch::new().unwrap();
        assert!(quiet_for(&mut w, 300).await, "a wake with no clock change");
    }

    #[tokio::test]
    async fn an_expiry_is_read_and_the_timer_armed_again_for_never() {
        let mut w = ClockWatch::new().unwrap();
        w.arm(in_ms(50)).unwrap();
        let fired = tokio::time::timeout(Duration::from_secs(5), w.changed())
            .await
            .expect("the timer expires and is read through tokio")
            .unwrap();
        assert_eq!(fired, Fired::Expired);
        // armed again for NEVER (an expired one-shot timer would read 0 left)
        let left = rustix::time::timerfd_gettime(w.fd.get_ref()).unwrap();
        assert!(
            left.it_value.tv_sec > 100 * 365 * 24 * 3600,
            "not armed again: {left:?}"
        );
        // read once: quiet from here
        assert!(quiet_for(&mut w, 300).await, "woke again after one read");
        // and it can be armed and read again
        w.arm(in_ms(50)).unwrap();
        let again = tokio::time::timeout(Duration::from_secs(5), w.changed()).await;
        assert_eq!(again.unwrap().unwrap(), Fired::Expired);
    }

    fn signal(iface: &str, member: &str, body: bool) -> zbus::Message {
        zbus::Message::signal(LOGIN1_PATH, iface, member)
            .build(&(body,))
            .unwrap()
    }

    #[test]
    fn only_prepare_for_sleep_of_the_manager_counts() {
        assert_eq!(
            prepare_for_sleep(&signal(MANAGER, PREPARE_FOR_SLEEP, false)),
            Some(false)
        );
        assert_eq!(
            prepare_for_sleep(&signal(MANAGER, PREPARE_FOR_SLEEP, true)),
            Some(true)
        );
        assert_eq!(
            prepare_for_sleep(&signal(MANAGER, "PrepareForShutdown", false)),
            None
        );
        assert_eq!(
            prepare_for_sleep(&signal("org.example.Other", PREPARE_FOR_SLEEP, false)),
            None
        );
    }
}
