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
//!
//! The bus is shared: any program can send a signal addressed to the
//! daemon's unique name, which reaches it whatever its match rules say. So
//! each listener takes its signals only from the connection that owns the
//! service's name at that moment ([`NameOwner`]: asked once after
//! subscribing, then followed through the bus driver's own
//! `NameOwnerChanged`), for logind and timedated alike.

use futures_lite::StreamExt;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;
use tracing::{debug, info, warn};
use zbus::{Connection, MatchRule, MessageStream, message};

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
/// rule is missed), who owns logind's name if its signal is subscribed,
/// and timedated's listener if its signal is. `None` when there is no
/// system bus or neither could subscribe (said in the log, as each
/// listener says it).
async fn subscribe() -> Option<(MessageStream, Option<NameOwner>, Option<Timedated>)> {
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
        Ok(login1) => {
            debug!(
                owner = login1.owner().unwrap_or("-"),
                "listening for logind's {PREPARE_FOR_SLEEP} on the system bus"
            );
            Some(login1)
        }
        Err(e) => {
            debug!(name: "resume_signal_unavailable", "not listening for logind's resume signal (system bus: {e})");
            None
        }
    };
    let timedated = match bounded("subscribe to timedated", travel::subscribe(&bus)).await {
        Ok(owner) => Some(Timedated::new(owner)),
        Err(e) => {
            warn!("cannot listen to timedated: {e}; watching /etc/localtime only");
            None
        }
    };
    (sleep.is_some() || timedated.is_some()).then_some((stream, sleep, timedated))
}

/// Pass on logind's resume and timedated's new zone until the connection
/// ends or the daemon stops listening.
async fn listen(
    mut stream: MessageStream,
    mut sleep: Option<NameOwner>,
    mut timedated: Option<Timedated>,
    events: UnboundedSender<Event>,
) {
    while let Some(Ok(msg)) = stream.next().await {
        if let Some(ev) = event_for(&msg, sleep.as_mut(), timedated.as_mut()) {
            if events.send(ev).is_err() {
                return;
            }
        }
    }
    debug!("the system bus connection ended; no longer listening for logind or timedated");
}

/// What a message on the connection means: logind's resume (if `sleep`,
/// who owns logind's name, is followed), timedated's new zone (if
/// `timedated` listens), or nothing. The bus's word on who owns a name is
/// taken by both.
fn event_for(
    msg: &zbus::Message,
    sleep: Option<&mut NameOwner>,
    timedated: Option<&mut Timedated>,
) -> Option<Event> {
    if let Some(change) = OwnerChange::of(msg) {
        if let Some(login1) = sleep {
            login1.follow(&change);
        }
        if let Some(t) = timedated {
            t.follow(&change);
        }
        return None;
    }
    if let (Some(login1), Some(going_to_sleep)) = (sleep.as_deref(), wake::prepare_for_sleep(msg)) {
        let sender = msg.header().sender().map(|s| s.to_string());
        if !login1.sent(sender.as_deref()) {
            debug!(
                name: "sleep_signal_ignored",
                sender = sender.as_deref().unwrap_or("-"),
                "ignored a {PREPARE_FOR_SLEEP} that did not come from logind (org.freedesktop.login1)"
            );
            return None;
        }
        if going_to_sleep {
            debug!("logind: going to sleep");
            return None;
        }
        return Some(Event::ClockMoved(Moved::Resumed));
    }
    let heard = timedated.is_some_and(|t| t.heard(msg));
    heard.then_some(Event::ZoneChanged("timedated"))
}

/// The bus driver's name; only it can send from this name (the bus sets
/// every message's sender).
const BUS_DRIVER: &str = "org.freedesktop.DBus";

/// Who owns a service's well-known name on the system bus now: the unique
/// name its signals come from. Asked once after subscribing
/// ([`NameOwner::follow_on`]) and kept current by the bus driver's
/// `NameOwnerChanged`, taken in the order the bus sent everything (a
/// service may announce something and exit at once).
#[derive(Debug)]
pub(super) struct NameOwner {
    name: &'static str,
    owner: Option<String>,
}

impl NameOwner {
    /// `name`, owned by `owner` (a unique name) or by nobody.
    pub(super) fn new(name: &'static str, owner: Option<String>) -> NameOwner {
        NameOwner { name, owner }
    }

    /// Ask the bus for changes of who owns `name`, then who owns it now
    /// (after the rule: no change is missed). The caller made its message
    /// stream before.
    pub(super) async fn follow_on(
        bus: &zbus::fdo::DBusProxy<'_>,
        name: &'static str,
    ) -> zbus::Result<NameOwner> {
        let rule = MatchRule::builder()
            .msg_type(message::Type::Signal)
            .sender(BUS_DRIVER)
            .interface(BUS_DRIVER)
            .member("NameOwnerChanged")
            .arg(0, name)
            .build()?;
        bus.add_match_rule(rule).await?;
        let bus_name = zbus::names::BusName::from_static_str(name)?;
        match bus.get_name_owner(bus_name).await {
            Ok(o) => Ok(NameOwner::new(name, Some(o.to_string()))),
            // a service started by the bus when asked, or not running
            Err(zbus::fdo::Error::NameHasNoOwner(_)) => Ok(NameOwner::new(name, None)),
            Err(e) => Err(e.into()),
        }
    }

    /// The unique name that owns it now, if any.
    pub(super) fn owner(&self) -> Option<&str> {
        self.owner.as_deref()
    }

    /// Take the bus's word on a new owner, if it is about this name.
    pub(super) fn follow(&mut self, change: &OwnerChange) {
        if change.name == self.name {
            debug!(
                owner = change.owner.as_deref().unwrap_or("-"),
                "the bus says {} has a new owner", self.name
            );
            self.owner = change.owner.clone();
        }
    }

    /// Whether a message from `sender` (the header's, set by the bus) comes
    /// from the owner.
    pub(super) fn sent(&self, sender: Option<&str>) -> bool {
        from_owner(sender, self.owner())
    }
}

/// Whether `sender` is `owner`: a message without a sender, or while
/// nobody owns the name, comes from no owner.
fn from_owner(sender: Option<&str>, owner: Option<&str>) -> bool {
    sender.is_some() && sender == owner
}

/// The bus driver's `NameOwnerChanged`: `name` is now owned by `owner`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OwnerChange {
    name: String,
    owner: Option<String>,
}

impl OwnerChange {
    /// `Some` for a `NameOwnerChanged` signal from the bus driver; the same
    /// signal from anyone else is not the bus's word.
    fn of(msg: &zbus::Message) -> Option<OwnerChange> {
        let h = msg.header();
        let from_bus = h.message_type() == message::Type::Signal
            && h.sender().is_some_and(|s| s.as_str() == BUS_DRIVER)
            && h.interface().is_some_and(|i| i.as_str() == BUS_DRIVER)
            && h.member().is_some_and(|m| m.as_str() == "NameOwnerChanged");
        if !from_bus {
            return None;
        }
        let (name, _old, new) = msg.body().deserialize::<(String, String, String)>().ok()?;
        Some(OwnerChange {
            name,
            owner: (!new.is_empty()).then_some(new),
        })
    }
}

#[cfg(test)]
mod tests {
    //! What these prove: on the one connection, each listener takes only
    //! its own signals, and only from the current owner of its service's
    //! name (logind's and timedated's alike), followed through the bus
    //! driver's `NameOwnerChanged` and nobody else's. The bus end to end:
    //! tests/wake.rs and tests/travel.rs.
    use std::collections::HashMap;

    use super::*;

    const LOGIN1: &str = "org.freedesktop.login1";
    const TIMEDATE: &str = "org.freedesktop.timedate1";

    fn logind_from(sender: &str, going_to_sleep: bool) -> zbus::Message {
        zbus::Message::signal(
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            PREPARE_FOR_SLEEP,
        )
        .sender(sender)
        .build(&(going_to_sleep,))
        .unwrap()
    }

    fn logind(going_to_sleep: bool) -> zbus::Message {
        logind_from(":1.2", going_to_sleep)
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

    fn owner_changed_from(sender: &str, name: &str, owner: &str) -> zbus::Message {
        zbus::Message::signal(
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "NameOwnerChanged",
        )
        .sender(sender)
        .build(&(name, "", owner))
        .unwrap()
    }

    fn new_owner(name: &str, owner: &str) -> zbus::Message {
        owner_changed_from(BUS_DRIVER, name, owner)
    }

    fn login1(owner: &str) -> NameOwner {
        NameOwner::new(LOGIN1, Some(owner.into()))
    }

    fn timedated(owner: &str) -> Timedated {
        Timedated::new(NameOwner::new(TIMEDATE, Some(owner.into())))
    }

    fn resumed(e: Option<Event>) -> bool {
        matches!(e, Some(Event::ClockMoved(Moved::Resumed)))
    }

    #[test]
    fn only_the_sender_that_owns_the_name_is_its_owner() {
        assert!(from_owner(Some(":1.2"), Some(":1.2")));
        assert!(!from_owner(Some(":1.9"), Some(":1.2")));
        // the well-known name is never a message's sender: the bus sets
        // the unique name
        assert!(!from_owner(Some(LOGIN1), Some(":1.2")));
        assert!(!from_owner(None, Some(":1.2")));
        // nobody owns the name: nobody is its owner
        assert!(!from_owner(Some(":1.2"), None));
        assert!(!from_owner(None, None));
    }

    #[test]
    fn only_the_bus_driver_says_who_owns_a_name() {
        assert_eq!(
            OwnerChange::of(&new_owner(LOGIN1, ":1.7")),
            Some(OwnerChange {
                name: LOGIN1.into(),
                owner: Some(":1.7".into())
            })
        );
        assert_eq!(
            OwnerChange::of(&new_owner(LOGIN1, "")),
            Some(OwnerChange {
                name: LOGIN1.into(),
                owner: None
            })
        );
        assert_eq!(
            OwnerChange::of(&owner_changed_from(":1.9", LOGIN1, ":1.9")),
            None
        );
        assert_eq!(OwnerChange::of(&logind(false)), None);
    }

    #[test]
    fn a_resume_is_passed_on_only_when_logind_is_subscribed() {
        let mut l = login1(":1.2");
        let mut t = timedated(":1.5");
        assert!(resumed(event_for(
            &logind(false),
            Some(&mut l),
            Some(&mut t)
        )));
        assert!(event_for(&logind(true), Some(&mut l), Some(&mut t)).is_none());
        assert!(event_for(&logind(false), None, Some(&mut t)).is_none());
    }

    #[test]
    fn a_resume_counts_from_the_owner_of_logind_only() {
        let mut l = login1(":1.2");
        let mut t = timedated(":1.5");
        // anyone else's, addressed to the daemon or not: dropped
        assert!(event_for(&logind_from(":1.9", false), Some(&mut l), Some(&mut t)).is_none());
        // timedated's owner is not logind's
        assert!(event_for(&logind_from(":1.5", false), Some(&mut l), Some(&mut t)).is_none());
        // a stranger cannot say it owns logind's name
        let claim = owner_changed_from(":1.9", LOGIN1, ":1.9");
        assert!(event_for(&claim, Some(&mut l), Some(&mut t)).is_none());
        assert!(event_for(&logind_from(":1.9", false), Some(&mut l), Some(&mut t)).is_none());
        // a new owner of another name changes nothing for logind
        assert!(event_for(&new_owner(TIMEDATE, ":1.9"), Some(&mut l), Some(&mut t)).is_none());
        assert!(event_for(&logind_from(":1.9", false), Some(&mut l), Some(&mut t)).is_none());
        assert!(resumed(event_for(
            &logind(false),
            Some(&mut l),
            Some(&mut t)
        )));
        // logind restarted under another name: the bus says so first
        assert!(event_for(&new_owner(LOGIN1, ":1.7"), Some(&mut l), Some(&mut t)).is_none());
        assert!(event_for(&logind(false), Some(&mut l), Some(&mut t)).is_none());
        assert!(resumed(event_for(
            &logind_from(":1.7", false),
            Some(&mut l),
            Some(&mut t)
        )));
        // logind gone: nobody's counts
        assert!(event_for(&new_owner(LOGIN1, ""), Some(&mut l), Some(&mut t)).is_none());
        assert!(event_for(&logind_from(":1.7", false), Some(&mut l), Some(&mut t)).is_none());
        // nobody owned it at start
        let mut nobody = NameOwner::new(LOGIN1, None);
        assert!(event_for(&logind(false), Some(&mut nobody), None).is_none());
    }

    #[test]
    fn a_new_zone_counts_from_the_owner_of_timedated_only() {
        let mut l = login1(":1.2");
        let mut t = timedated(":1.5");
        assert!(matches!(
            event_for(&zone_changed(":1.5"), Some(&mut l), Some(&mut t)),
            Some(Event::ZoneChanged("timedated"))
        ));
        assert!(event_for(&zone_changed(":1.9"), Some(&mut l), Some(&mut t)).is_none());
        // a new owner of logind's name changes nothing for timedated
        assert!(event_for(&new_owner(LOGIN1, ":1.9"), Some(&mut l), Some(&mut t)).is_none());
        assert!(event_for(&zone_changed(":1.9"), Some(&mut l), Some(&mut t)).is_none());
        // timedated restarted under another name: the bus says so first
        assert!(event_for(&new_owner(TIMEDATE, ":1.9"), Some(&mut l), Some(&mut t)).is_none());
        assert!(event_for(&zone_changed(":1.5"), Some(&mut l), Some(&mut t)).is_none());
        assert!(matches!(
            event_for(&zone_changed(":1.9"), Some(&mut l), Some(&mut t)),
            Some(Event::ZoneChanged("timedated"))
        ));
        // also when logind's signal is not subscribed
        assert!(event_for(&new_owner(TIMEDATE, ":1.8"), None, Some(&mut t)).is_none());
        assert!(matches!(
            event_for(&zone_changed(":1.8"), None, Some(&mut t)),
            Some(Event::ZoneChanged("timedated"))
        ));
        // not listening to timedated: nothing
        assert!(event_for(&zone_changed(":1.9"), Some(&mut l), None).is_none());
    }
}
