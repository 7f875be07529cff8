//! An end-to-end scenario: a desktop (session bus, Xvfb, dunst,
//! dbus-monitor), a sandbox, a config timed from now, and the daemon.
//!
//! ```ignore
//! let s = Scenario::new().reminders(&[("a", &[2], "Soon"), ("b", &[3600], "Later")]);
//! let mut d = s.start();
//! s.desk.wait_summary("Soon");
//! d.signal("TERM");
//! assert_eq!(d.wait_exit(), Some(0));
//! ```
//!
//! The daemon handle ([`Running`]) is returned rather than kept, so a test
//! can wait on its log while it uses the desktop, and can start it again;
//! it is killed when dropped (before the scenario, declared earlier).

use super::Sandbox;
use super::daemon::{Rule, Running, Timed};
use super::desktop::{Desktop, notifies_of};
use std::process::{Command, Output};

pub struct Scenario {
    pub desk: Desktop,
    pub sb: Sandbox,
    /// What the reminders are timed from.
    pub t: Timed,
    /// The `[notifications]` settings of timed configs.
    notifications: String,
}

impl Scenario {
    /// A desktop with dunst running, an empty sandbox, timing from now.
    pub fn new() -> Scenario {
        Scenario::on(Desktop::start(true))
    }

    /// The same, but no notification server runs yet (`desk.start_dunst()`).
    pub fn without_server() -> Scenario {
        Scenario::on(Desktop::start(false))
    }

    /// A desktop running this notification server (see
    /// [`super::desktop::Server`]).
    pub fn with_server(server: super::desktop::Server) -> Scenario {
        Scenario::on(Desktop::start_with(server))
    }

    fn on(desk: Desktop) -> Scenario {
        Scenario {
            desk,
            sb: Sandbox::new(),
            t: Timed::new(0),
            notifications: String::new(),
        }
    }

    /// Let reminders lie as far as `secs` in the past (the treatment starts
    /// early enough).
    pub fn earliest(mut self, secs: i64) -> Scenario {
        self.t = Timed::new(secs);
        self
    }

    /// `[notifications]` settings for the timed configs, e.g. `catch_up = "2h"`.
    pub fn notifications(mut self, settings: &str) -> Scenario {
        self.notifications = settings.to_string();
        self
    }

    /// Write a timed config with these reminders: `(name, secs from now, title)`.
    pub fn reminders(self, rules: &[Rule]) -> Scenario {
        self.sb.write_config(&self.timed_config(rules));
        self
    }

    /// Write a timed config whose reminders `rules` writes out, from the
    /// timing (for settings that [`Scenario::reminders`] does not write).
    pub fn reminders_written(self, rules: impl FnOnce(&Timed) -> String) -> Scenario {
        self.sb
            .write_config(&(self.t.header(&self.notifications) + &rules(&self.t)));
        self
    }

    /// Write this config as it is.
    pub fn config(self, text: &str) -> Scenario {
        self.sb.write_config(text);
        self
    }

    /// The text of a timed config with these reminders (to edit one in).
    pub fn timed_config(&self, rules: &[Rule]) -> String {
        self.t.config(&self.notifications, rules)
    }

    /// `program args…`, with the sandbox's environment and the desktop's.
    pub fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut cmd = self.sb.command(program);
        cmd.args(args);
        self.desk.apply(&mut cmd);
        cmd
    }

    /// A one-shot `aftercare ARGS` on this desktop.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(super::bin(), args).output().unwrap()
    }

    /// Start `aftercare run`.
    pub fn start(&self) -> Running {
        self.start_with(|_| {})
    }

    /// Start `aftercare run` with something added to its command, e.g. a
    /// [`super::FakeClock`].
    pub fn start_with(&self, f: impl FnOnce(&mut Command)) -> Running {
        let mut cmd = self.command(super::bin(), &["run"]);
        f(&mut cmd);
        Running::spawn(cmd)
    }

    /// After the plan's last reminder the daemon waits for its answer:
    /// dismiss it the way a person does (the server closes it and says so
    /// with `NotificationClosed`), then wait for the daemon to exit.
    pub fn dismiss_last_and_wait(&self, d: &mut Running) -> Option<i32> {
        d.wait_event("last_reminder_sent");
        self.dismiss_last();
        d.wait_exit()
    }

    /// Dismiss the latest aftercare notification on the bus.
    pub fn dismiss_last(&self) {
        // the plan's last reminder is the one that says the plan is over
        let last = self
            .desk
            .wait_messages("the last reminder on the bus", |m| {
                notifies_of(m).into_iter().rev().find(|n| {
                    n.app == "aftercare"
                        && n.id.is_some()
                        && n.body
                            .contains("That was the last reminder of your aftercare plan")
                })
            });
        self.desk.wait_action_listener(&last);
        self.desk.close_notification(last.id.unwrap_or_default());
    }

    /// Start `WRAPPER… aftercare run` (strace, unshare…).
    pub fn start_under(&self, wrapper: &[&str]) -> Running {
        let (program, args) = wrapper.split_first().expect("a wrapper");
        let mut cmd = self.command(program, args);
        cmd.args([super::bin(), "run"]);
        Running::spawn(cmd)
    }
}
