//! The daemon's one system-bus connection. Two listeners share it:
//! logind's resume signal (`wake.rs`: [`Event::ClockMoved`]) and
//! timedated's announcement of a new time zone (`travel.rs`:
//! [`Event::ZoneChanged`]). One connection instead of one each: one
//! handshake at start and one connection's buffers while idle
//! (docs/performance.md).
//!
//! Started after `READY=1`: nothing it hears is needed before. What could
//! happen before it listens is covered: a resume or a clock change by the
//! timerfd (`wake.rs`, armed before the first step), a new zone written to
//! `/etc` by the inotify watch (`watch.rs`, in place before the zone is
//! first read), and a new zone that only timedated could tell (its link
//! changed elsewhere) by reading the system zone once more after
//! subscribing: if it differs from the one read at start, the daemon
//! follows it as if timedated had said so.

use futures_lite::StreamExt;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;
use tracing::{debug, info, warn};
use zbus::{Connection, MessageStream};

use super::event::{Event, Moved};
use super::travel::{self, Timedated};
use super::wake::{self, PREPARE_FOR_SLEEP};
use crate::notifier::bounded;
use crate::zone::Zone;

/// Connect, subscribe both listeners and pass on what they hear; `seen` is
/// the system zone the daemon read at start. The task ends when dropped
/// (aborted), when the connection ends, or when neither could subscribe.
pub(super) fn start(events: UnboundedSender<Event>, seen: Zone) -> JoinHandle<()> {
    tokio::spawn(async move {
        let Some((stream, sleep, timedated)) = subscribe().await else {
            return;
        };
        if timedated.is_some() && crate::clock::system_zone().zone != seen {
            debug!("the system time zone changed before timedated was heard");
            if events.send(Event::ZoneChanged("timedated")).is_err() {
                return;
            }
        }
        listen(stream, sleep, timedated, events).await;
    })
}

/// The connection's stream (made before any match rule: nothing after a
/// rule is missed), whether logind's signal is subscribed, and timedated's
/// listener if its signal is. `None` when there is no system bus or
/// neither could subscribe (said in the log, as each listener says it).
async fn subscribe() -> Option<(MessageStream, bool, Option<Timedated>)> {
    let no_bus = |e: &str| {
        debug!(name: "resume_signal_unavailable", "not listening for logind's resume signal (system bus: {e})");
        info!("no system bus ({e}): time zone changes are noticed through /etc/localtime only");
    };
    let conn = match bounded("connect to the system bus", Connection::system()).await {
        Ok(c) => c,
        Err(e) => {
            no_bus(&e);
            return None;
        }
    };
    let stream = MessageStream::from(&conn);
    let bus = match bounded("ask the system bus", zbus::fdo::DBusProxy::new(&conn)).await {
        Ok(b) => b,
        Err(e) => {
            no_bus(&e);
            return None;
        }
    };
    let sleep = match bounded("subscribe to logind", wake::subscribe_sleep(&bus)).await {
        Ok(()) => {
            debug!("listening for logind's {PREPARE_FOR_SLEEP} on the system bus");
            true
        }
        Err(e) => {
            debug!(name: "resume_signal_unavailable", "not listening for logind's resume signal (system bus: {e})");
            false
        }
    };
    let timedated = match bounded("subscribe to timedated", travel::subscribe(&bus)).await {
        Ok(owner) => Some(Timedated::new(owner)),
        Err(e) => {
            warn!("cannot listen to timedated: {e}; watching /etc/localtime only");
            None
        }
    };
    (sleep || timedated.is_some()).then_some((stream, sleep, timedated))
}

/// Pass on logind's resume and timedated's new zone until the connection
/// ends or the daemon stops listening.
async fn listen(
    mut stream: MessageStream,
    sleep: bool,
    mut timedated: Option<Timedated>,
    events: UnboundedSender<Event>,
) {
    while let Some(Ok(msg)) = stream.next().await {
        if let Some(ev) = event_for(&msg, sleep, timedated.as_mut()) {
            if events.send(ev).is_err() {
                return;
            }
        }
    }
    debug!("the system bus connection ended; no longer listening for logind or timedated");
}

/// What a message on the connection means: logind's resume (if `sleep`
/// is subscribed), timedated's new zone (if `timedated` listens), or
/// nothing.
fn event_for(msg: &zbus::Message, sleep: bool, timedated: Option<&mut Timedated>) -> Option<Event> {
    match wake::prepare_for_sleep(msg) {
        Some(false) if sleep => return Some(Event::ClockMoved(Moved::Resumed)),
        Some(true) if sleep => {
            debug!("logind: going to sleep");
            return None;
        }
        _ => {}
    }
    let heard = timedated.is_some_and(|t| t.heard(msg));
    heard.then_some(Event::ZoneChanged("timedated"))
}

#[cfg(test)]
mod tests {
    //! What these prove: on the one connection, each listener takes only
    //! its own signals; timedated's counts only from the current owner of
    //! its name, followed through the bus's `NameOwnerChanged`. The bus
    //! end to end: tests/wake.rs and tests/travel.rs.
    use std::collections::HashMap;

    use super::*;

    fn logind(going_to_sleep: bool) -> zbus::Message {
        zbus::Message::signal(
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            PREPARE_FOR_SLEEP,
        )
        .sender(":1.2")
        .build(&(going_to_sleep,))
        .unwrap()
    }

    fn zone_changed(sender: &str) -> zbus::Message {
        let mut changed = HashMap::new();
        changed.insert("Timezone", zbus::Variant::from("Asia/Tokyo"));
        zbus::Message::signal(
            "/org/freedesktop/timedate1",
            "org.freedesktop.DBus.Properties",
            "PropertiesChanged",
        )
        .sender(sender)
        .build(&("org.freedesktop.timedate1", changed, Vec::<String>::new()))
        .unwrap()
    }

    fn new_owner(owner: &str) -> zbus::Message {
        zbus::Message::signal(
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "NameOwnerChanged",
        )
        .sender("org.freedesktop.DBus")
        .build(&("org.freedesktop.timedate1", "", owner))
        .unwrap()
    }

    #[test]
    fn a_resume_is_passed_on_only_when_logind_is_subscribed() {
        let mut t = Timedated::new(Some(":1.5".into()));
        assert!(matches!(
            event_for(&logind(false), true, Some(&mut t)),
            Some(Event::ClockMoved(Moved::Resumed))
        ));
        assert!(event_for(&logind(true), true, Some(&mut t)).is_none());
        assert!(event_for(&logind(false), false, Some(&mut t)).is_none());
    }

    #[test]
    fn a_new_zone_counts_from_the_owner_of_timedated_only() {
        let mut t = Timedated::new(Some(":1.5".into()));
        assert!(matches!(
            event_for(&zone_changed(":1.5"), true, Some(&mut t)),
            Some(Event::ZoneChanged("timedated"))
        ));
        assert!(event_for(&zone_changed(":1.9"), true, Some(&mut t)).is_none());
        // timedated restarted under another name: the bus says so first
        assert!(event_for(&new_owner(":1.9"), true, Some(&mut t)).is_none());
        assert!(event_for(&zone_changed(":1.5"), true, Some(&mut t)).is_none());
        assert!(matches!(
            event_for(&zone_changed(":1.9"), true, Some(&mut t)),
            Some(Event::ZoneChanged("timedated"))
        ));
        // not listening to timedated: nothing
        assert!(event_for(&zone_changed(":1.9"), true, None).is_none());
    }
}
