//! Where the laptop goes: the treatment stays an instant, the day follows
//! the system zone, and a change of zone is noticed while running.
//!
//! - The treatment of a config that names no zone is read in the system
//!   zone of the first reading and recorded in the journal
//!   ([`adopt_journal`]); from then on it is read there, wherever the
//!   computer is.
//! - A journal of the old id format is migrated once ([`adopt_journal`]).
//! - timedated's `PropertiesChanged` (`Timezone`) on the system bus, from
//!   the owner of `org.freedesktop.timedate1` only ([`Timedated`], on the
//!   daemon's one system-bus connection, `system_bus.rs`),
//!   and an inotify watch on `/etc` (`localtime`, `timezone`) and on the
//!   `/etc/localtime` file itself (a bind mount is written in place) send
//!   [`Event::ZoneChanged`](super::Event::ZoneChanged); the main loop then reads the system zone
//!   again and re-plans ([`Daemon::follow_zone`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use tracing::{debug, error, info, warn};
use zbus::{MatchRule, message};

use super::state::Daemon;
use super::system_bus::{NameOwner, OwnerChange};
use crate::app::journal::Journal;
use crate::app::{apply_treatment_pin, treatment_pin};
use crate::clock::{SystemZone, ZoneOrigin};
use crate::config::Config;
use crate::notifier::Notifier;
use crate::zone::SystemZones;

/// Read the config's treatment in the zone the journal recorded for it (or
/// record the one it is read in now), and migrate a journal of the old id
/// format. Before anything is planned.
pub(crate) fn adopt_journal(config: &mut Config, journal: &mut Journal) {
    apply_treatment_pin(config, journal.ledger());
    if let Some(pin) = treatment_pin(config) {
        if journal.treatment() != Some(&pin) {
            info!(
                name: "treatment_recorded",
                zone = %pin.zone,
                at = %pin.at.to_rfc3339(),
                "recorded the treatment instant: a later change of time zone does not move it"
            );
            journal.set_treatment(Some(pin));
        }
    }
    if journal.needs_migration() {
        match crate::plan::legacy_ids(config) {
            Ok(map) => {
                let renamed = journal.migrate_ids(&map);
                info!(
                    name: "journal_migrated",
                    renamed,
                    "migrated the journal to occurrence ids that do not depend on the time zone"
                );
            }
            Err(e) => error!("cannot migrate the journal's ids: {e}"),
        }
    }
}

impl<N: Notifier> Daemon<N> {
    /// The system zone may have changed (`why`: what said so): the day
    /// follows it, unless the config pins it. Re-plans and returns whether
    /// anything changed.
    pub(crate) fn follow_zone(
        &mut self,
        system: &SystemZone,
        why: &str,
        now: DateTime<Utc>,
    ) -> bool {
        let from = self.config().day_zone;
        if system.zone == from {
            debug!(why, zone = from.name(), "time zone unchanged");
            return false;
        }
        if self.config().day_zone_pinned {
            info!(
                why,
                system = system.zone.name(),
                pinned = from.name(),
                "the system time zone changed; the day stays on the pinned zone (day_timezone)"
            );
            return false;
        }
        if system.origin == ZoneOrigin::Tz && why != "start" {
            // TZ cannot change from outside: what changed is /etc/localtime,
            // which TZ overrides (as for every other program)
            debug!(why, "TZ is set: /etc/localtime does not apply");
            return false;
        }
        let mut c = self.config().clone();
        c.follow_zone(system.zone, &SystemZones);
        match self.replace_config(c, now) {
            Ok(()) => {
                info!(
                    name: "zone_changed",
                    why,
                    from = from.name(),
                    to = system.zone.name(),
                    reminders = self.overview().total,
                    "the time zone changed: clock-time reminders, quiet hours and days follow it; the treatment instant stays"
                );
                true
            }
            Err(e) => {
                error!("cannot re-plan for the time zone {}: {e}", system.zone);
                false
            }
        }
    }
}

const TIMEDATE: &str = "org.freedesktop.timedate1";
const TIMEDATE_PATH: &str = "/org/freedesktop/timedate1";

/// Ask the system bus for timedated's `PropertiesChanged`, then follow who
/// owns its name ([`NameOwner::follow_on`]). The caller made its message
/// stream before. A signal counts only from the connection that owns
/// `org.freedesktop.timedate1` at that moment (a unicast signal reaches us
/// whatever the match rule says): [`Timedated::heard`].
pub(super) async fn subscribe(bus: &zbus::fdo::DBusProxy<'_>) -> zbus::Result<NameOwner> {
    let rule = MatchRule::builder()
        .msg_type(message::Type::Signal)
        .sender(TIMEDATE)
        .path(TIMEDATE_PATH)
        .interface("org.freedesktop.DBus.Properties")
        .member("PropertiesChanged")
        .arg(0, TIMEDATE)
        .build()?;
    bus.add_match_rule(rule).await?;
    NameOwner::follow_on(bus, TIMEDATE).await
}

type Changed = (String, HashMap<String, zbus::OwnedVariant>, Vec<String>);

/// timedated's listener: who owns its name now ([`NameOwner`], kept
/// current by the bus), to tell its announcements from anyone else's.
#[derive(Debug)]
pub(super) struct Timedated {
    owner: NameOwner,
}

impl Timedated {
    /// Following `owner` (from [`subscribe`]).
    pub(super) fn new(owner: NameOwner) -> Timedated {
        debug!(
            name: "timedated_listening",
            owner = owner.owner().unwrap_or("-"),
            "listening to timedated on the system bus"
        );
        Timedated { owner }
    }

    /// The bus says who owns a name now.
    pub(super) fn follow(&mut self, change: &OwnerChange) {
        self.owner.follow(change);
    }

    /// Whether `msg` is timedated announcing a new zone.
    pub(super) fn heard(&self, msg: &zbus::Message) -> bool {
        let header = msg.header();
        if header.message_type() != message::Type::Signal
            || header.member().map(|m| m.as_str()) != Some("PropertiesChanged")
            || header.path().map(|p| p.as_str()) != Some(TIMEDATE_PATH)
        {
            return false;
        }
        let Ok((iface, changed, invalidated)) = msg.body().deserialize::<Changed>() else {
            return false;
        };
        if iface != TIMEDATE
            || !(changed.contains_key("Timezone") || invalidated.iter().any(|p| p == "Timezone"))
        {
            return false;
        }
        let sender = header.sender().map(|s| s.to_string());
        if !self.owner.sent(sender.as_deref()) {
            warn!(
                name: "zone_signal_ignored",
                sender = sender.as_deref().unwrap_or("-"),
                "ignored a time zone change signal that did not come from timedated (org.freedesktop.timedate1)"
            );
            return false;
        }
        let zone: Option<String> = changed
            .get("Timezone")
            .and_then(|v| String::try_from(v.clone()).ok());
        info!(
            name: "timedated_zone",
            zone = zone.as_deref().unwrap_or("?"),
            "timedated announced a new time zone"
        );
        true
    }
}
