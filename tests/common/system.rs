//! A private system bus, watched by its own dbus-monitor, and a fake logind
//! on it: what the daemon listens to for resume from suspend.
//!
//! The daemon finds the bus through `DBUS_SYSTEM_BUS_ADDRESS`
//! ([`SystemBus::apply`]). [`FakeLogind`] owns `org.freedesktop.login1`
//! and emits `PrepareForSleep` from that name, as logind does; anyone else
//! can emit the same signal with [`SystemBus::emit_as_stranger`] (or
//! address it to the daemon: [`SystemBus::emit_as_stranger_to`]), which the
//! daemon must not take for logind's.

use super::desktop::{
    Message, PATIENCE, Shared, answered_add_matches, bus_config, monitored, start_bus, wait_on,
};
use std::path::PathBuf;
use std::process::{Child, Command};

pub const LOGIN1: &str = "org.freedesktop.login1";
pub const LOGIN1_PATH: &str = "/org/freedesktop/login1";
pub const MANAGER: &str = "org.freedesktop.login1.Manager";

/// A `PrepareForSleep` seen on the bus.
#[derive(Debug, Clone)]
pub struct SleepSignal {
    /// Seconds since the epoch, as dbus-monitor stamps it (the real clock).
    pub time: f64,
    pub sender: String,
    /// As dbus-monitor prints it: `boolean false`.
    pub arg: String,
}

pub struct SystemBus {
    pub dir: tempfile::TempDir,
    bus: Child,
    monitor: Child,
    messages: Shared<Vec<Message>>,
}

impl SystemBus {
    /// A bus of type `system` that allows everything (as on a desktop's
    /// system bus, signals need no permission), and its monitor.
    pub fn start() -> SystemBus {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("system_bus_socket");
        let conf = dir.path().join("system.conf");
        std::fs::write(&conf, bus_config("system", &path)).unwrap();
        let bus = start_bus(&conf);
        let (monitor, messages) = monitored(&path);
        SystemBus {
            dir,
            bus,
            monitor,
            messages,
        }
    }

    fn socket(&self) -> PathBuf {
        self.dir.path().join("system_bus_socket")
    }

    pub fn address(&self) -> String {
        format!("unix:path={}", self.socket().display())
    }

    /// Point a command's system bus here.
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env("DBUS_SYSTEM_BUS_ADDRESS", self.address());
    }

    pub fn wait_messages<R>(&self, what: &str, f: impl FnMut(&Vec<Message>) -> Option<R>) -> R {
        wait_on(&self.messages, PATIENCE, what, f)
    }

    /// Wait until some connection's `AddMatch` for `member` was answered by
    /// the bus (it listens from then on); returns that connection's name.
    pub fn wait_listener(&self, member: &str) -> String {
        self.wait_messages(&format!("a match rule for {member}"), |m| {
            answered_add_matches(m, member)
                .next()
                .map(|call| call.sender.clone())
        })
    }

    /// Wait until `n` `PrepareForSleep` signals are on the bus; returns
    /// them all as (monitor time, sender, argument as printed).
    pub fn wait_sleep_signals(&self, n: usize) -> Vec<SleepSignal> {
        self.wait_messages(&format!("{n} PrepareForSleep signal(s)"), |m| {
            let all: Vec<SleepSignal> = m
                .iter()
                .filter(|m| m.kind == "signal" && m.member == "PrepareForSleep")
                .map(|m| SleepSignal {
                    time: m.time,
                    sender: m.sender.clone(),
                    arg: m.args.first().map(|a| a.text.clone()).unwrap_or_default(),
                })
                .collect();
            (all.len() >= n).then_some(all)
        })
    }

    /// `PrepareForSleep(going_to_sleep)` from a connection that does not own
    /// logind's name (dbus-send), with logind's path and interface.
    pub fn emit_as_stranger(&self, going_to_sleep: bool) {
        self.stranger_sends(going_to_sleep, None);
    }

    /// The same, addressed to `to` (a unique name): the bus delivers it to
    /// that connection whatever its match rules say.
    pub fn emit_as_stranger_to(&self, going_to_sleep: bool, to: &str) {
        self.stranger_sends(going_to_sleep, Some(to));
    }

    fn stranger_sends(&self, going_to_sleep: bool, to: Option<&str>) {
        let mut cmd = Command::new("dbus-send");
        cmd.arg(format!("--bus={}", self.address()))
            .arg("--type=signal");
        if let Some(to) = to {
            cmd.arg(format!("--dest={to}"));
        }
        let ok = cmd
            .args([
                LOGIN1_PATH,
                &format!("{MANAGER}.PrepareForSleep"),
                &format!("boolean:{going_to_sleep}"),
            ])
            .status()
            .unwrap()
            .success();
        assert!(ok, "dbus-send failed");
    }
}

impl Drop for SystemBus {
    fn drop(&mut self) {
        super::desktop::stop(&mut self.monitor);
        super::desktop::stop(&mut self.bus);
    }
}

/// A stand-in for logind: owns `org.freedesktop.login1` on a [`SystemBus`]
/// and emits `PrepareForSleep` from it.
pub struct FakeLogind {
    rt: tokio::runtime::Runtime,
    conn: zbus::Connection,
}

impl FakeLogind {
    pub fn start(bus: &SystemBus) -> FakeLogind {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let conn = rt.block_on(async {
            let conn = zbus::connection::Builder::address(bus.address().as_str())
                .build()
                .await
                .expect("connect to the private system bus");
            conn.request_name(LOGIN1)
                .await
                .expect("own org.freedesktop.login1");
            conn
        });
        FakeLogind { rt, conn }
    }

    /// This connection's unique name on the bus.
    pub fn unique_name(&self) -> String {
        self.conn
            .unique_name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    }

    /// Emit `PrepareForSleep(going_to_sleep)`, as logind does before a
    /// suspend (true) and after the resume (false).
    pub fn prepare_for_sleep(&self, going_to_sleep: bool) {
        self.rt
            .block_on(self.conn.emit_signal(
                None::<zbus::names::BusName<'_>>,
                LOGIN1_PATH,
                MANAGER,
                "PrepareForSleep",
                &(going_to_sleep,),
            ))
            .expect("emit PrepareForSleep");
    }
}

pub const TIMEDATE1: &str = "org.freedesktop.timedate1";
pub const TIMEDATE1_PATH: &str = "/org/freedesktop/timedate1";

/// A stand-in for systemd-timedated: owns `org.freedesktop.timedate1` on a
/// [`SystemBus`] and announces a new zone as timedated does after
/// `SetTimezone` (`PropertiesChanged` with `Timezone` among the changed
/// properties). [`FakeTimedated::stranger`] sends the same signal from a
/// connection that does not own the name.
pub struct FakeTimedated {
    rt: tokio::runtime::Runtime,
    conn: zbus::Connection,
    stranger: zbus::Connection,
}

impl FakeTimedated {
    pub fn start(bus: &SystemBus) -> FakeTimedated {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (conn, stranger) = rt.block_on(async {
            let connect = || async {
                zbus::connection::Builder::address(bus.address().as_str())
                    .build()
                    .await
                    .expect("connect to the private system bus")
            };
            let conn = connect().await;
            conn.request_name(TIMEDATE1)
                .await
                .expect("own org.freedesktop.timedate1");
            (conn, connect().await)
        });
        FakeTimedated { rt, conn, stranger }
    }

    fn emit(&self, conn: &zbus::Connection, zone: &str, to: Option<&str>) {
        let mut changed = std::collections::HashMap::new();
        changed.insert("Timezone", zbus::Variant::from(zone));
        let to = to.map(|t| zbus::names::BusName::try_from(t).expect("a bus name"));
        self.rt
            .block_on(conn.emit_signal(
                to,
                TIMEDATE1_PATH,
                "org.freedesktop.DBus.Properties",
                "PropertiesChanged",
                &(TIMEDATE1, changed, Vec::<String>::new()),
            ))
            .expect("emit PropertiesChanged");
    }

    /// timedated's announcement of `zone`.
    pub fn announce(&self, zone: &str) {
        self.emit(&self.conn, zone, None);
    }

    /// The same signal from a connection that is not timedated, addressed
    /// to `to` (a unique name).
    pub fn stranger(&self, zone: &str, to: &str) {
        self.emit(&self.stranger, zone, Some(to));
    }
}
