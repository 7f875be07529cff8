//! Desktop notifications: what a notification is and what comes back
//! (`note.rs`: [`Note`], [`Answer`], a small [`Notifier`] trait; a
//! recording fake in the daemon's tests), the D-Bus notifier (`dbus.rs`),
//! and the probe behind `aftercare test-notification` (`probe.rs`).
//!
//! Notifications are built with notify-rust's `Notification` (hints,
//! actions, timeout) and sent over one long-lived bus connection of our own
//! ([`DbusNotifier`]): notify-rust opens a connection per notification and
//! its calls have no timeout.
//!
//! This file only names the parts (no import circles).

mod dbus;
mod note;
mod probe;

pub(crate) use dbus::{CALL_TIMEOUT, DbusNotifier, bounded};
pub(crate) use note::{Answer, Button, Buttons, Capabilities, Note, Notifier, ShowError, Shown};
pub(crate) use probe::probe;
