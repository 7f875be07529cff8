//! The daemon under test: a running `aftercare run` whose log lines can be
//! waited on, and configs timed from now.

use super::desktop::{PATIENCE, Shared, wait_on};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// A running `aftercare run` whose log lines and events can be waited on.
pub struct Running {
    pub child: Child,
    lines: Shared<Vec<String>>,
    /// The daemon's named events (`AFTERCARE_LOG_EVENTS=1`: one JSON line
    /// each, src/log_events.rs), kept apart from the human log.
    events: Shared<Vec<serde_json::Value>>,
    /// Its standard error is closed: every line above is in.
    closed: Shared<bool>,
}

/// The prefix of an event line (src/log_events.rs).
const EVENT: &str = "aftercare-event ";

impl Running {
    pub fn spawn(mut cmd: Command) -> Running {
        cmd.env(
            "AFTERCARE_LOG",
            "debug,tokio_cron_scheduler=warn,zbus=warn,notify=warn",
        )
        .env("AFTERCARE_LOG_EVENTS", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null());
        let mut child = cmd.spawn().unwrap();
        let lines: Shared<Vec<String>> = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
        let events: Shared<Vec<serde_json::Value>> =
            Arc::new((Mutex::new(Vec::new()), Condvar::new()));
        let closed: Shared<bool> = Arc::new((Mutex::new(false), Condvar::new()));
        let err = child.stderr.take().unwrap();
        let (shared, shared_events, shared_closed) =
            (lines.clone(), events.clone(), closed.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let Ok(line) = line else { break };
                if let Some(json) = line.strip_prefix(EVENT) {
                    let (lock, cv) = &*shared_events;
                    lock.lock()
                        .unwrap()
                        .push(serde_json::from_str(json).unwrap());
                    cv.notify_all();
                    continue;
                }
                eprintln!("  daemon: {line}");
                let (lock, cv) = &*shared;
                lock.lock().unwrap().push(line);
                cv.notify_all();
            }
            let (lock, cv) = &*shared_closed;
            *lock.lock().unwrap() = true;
            cv.notify_all();
        });
        Running {
            child,
            lines,
            events,
            closed,
        }
    }

    /// Wait for the n-th event called `name` whose fields hold `with`
    /// (a number or `true`/`false` as written: `("count", "1")`).
    pub fn wait_event_n(&self, name: &str, with: &[(&str, &str)], n: usize) {
        let holds = |v: &serde_json::Value, want: &str| match v {
            serde_json::Value::String(s) => s == want,
            serde_json::Value::Number(n) => n.to_string() == want,
            serde_json::Value::Bool(b) => want.parse() == Ok(*b),
            _ => false,
        };
        let matches = |e: &serde_json::Value| {
            e["event"] == name && with.iter().all(|(k, v)| holds(&e[*k], v))
        };
        wait_on(
            &self.events,
            PATIENCE,
            &format!("event {name:?} {with:?} ×{n}"),
            |es| (es.iter().filter(|e| matches(e)).count() >= n).then_some(()),
        );
    }

    /// Wait for an event called `name` (e.g. "sent", "done", "snoozed",
    /// "scheduled", "reloaded"; src/log_events.rs).
    pub fn wait_event(&self, name: &str) {
        self.wait_event_n(name, &[], 1);
    }

    /// How many events called `name` so far.
    pub fn event_count(&self, name: &str) -> usize {
        self.events
            .0
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e["event"] == name)
            .count()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> Vec<String> {
        self.lines.0.lock().unwrap().clone()
    }

    /// How many log lines so far contain `needle`.
    pub fn log_count(&self, needle: &str) -> usize {
        self.log().iter().filter(|l| l.contains(needle)).count()
    }

    pub fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.pid().to_string())
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{sig} failed");
    }

    /// Wait for exit (bounded by PATIENCE) and for the last of its log to
    /// be read; returns the exit code.
    pub fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                wait_on(&self.closed, PATIENCE, "the daemon's log to end", |c| {
                    c.then_some(())
                });
                return s.code();
            }
            assert!(Instant::now() < deadline, "daemon did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        super::desktop::stop(&mut self.child);
    }
}

/// A config whose reminders fire `secs` seconds from now (negative: in the
/// past), by `after` offsets from a treatment time on a whole minute.
pub struct Timed {
    pub now: chrono::DateTime<chrono::Utc>,
    pub start: chrono::DateTime<chrono::Utc>,
}

impl Timed {
    /// Treatment start early enough for the earliest offset.
    pub fn new(earliest: i64) -> Timed {
        use chrono::{DurationRound, TimeDelta};
        let now = chrono::Utc::now();
        let start = (now + TimeDelta::seconds(earliest.min(0)) - TimeDelta::seconds(1))
            .duration_trunc(TimeDelta::minutes(1))
            .unwrap();
        Timed { now, start }
    }

    /// The `after` offset string for a reminder `secs` from now.
    pub fn after(&self, secs: i64) -> String {
        let at = self.at(secs);
        format!("{}s", (at - self.start).num_seconds())
    }

    /// The whole second of a reminder `secs` from now.
    pub fn at(&self, secs: i64) -> chrono::DateTime<chrono::Utc> {
        use chrono::{DurationRound, TimeDelta};
        (self.now + TimeDelta::seconds(secs))
            .duration_trunc(TimeDelta::seconds(1))
            .unwrap()
            + TimeDelta::seconds(1)
    }

    /// `[treatment]` (in UTC) etc. with quiet hours off and, unless the
    /// settings say otherwise, no grouping (reminders seconds apart stay
    /// apart); append `[reminders.*]`.
    pub fn header(&self, notifications: &str) -> String {
        self.header_in("UTC", notifications)
    }

    /// The header with `plan = PLAN` (a clinic's plan file) instead of none.
    pub fn header_with_plan(&self, plan: &str) -> String {
        self.header("")
            .replace("plan = \"none\"", &format!("plan = \"{plan}\""))
    }

    /// The same in another time zone.
    pub fn header_in(&self, timezone: &str, notifications: &str) -> String {
        let group = if notifications.contains("group") {
            ""
        } else {
            "group = \"0s\"\n"
        };
        format!(
            "[treatment]\ndate = {}\ntime = \"{}\"\ntimezone = \"{timezone}\"\nplan = \"none\"\n\n[quiet_hours]\nenabled = false\n\n[notifications]\n{group}{notifications}\n",
            self.start.format("%Y-%m-%d"),
            self.start.format("%H:%M")
        )
    }

    /// `[reminders.NAME]` shown `secs` from now, titled `title` with the body
    /// "Body of TITLE".
    pub fn rule(&self, name: &str, secs: &[i64], title: &str) -> String {
        let offs: Vec<String> = secs
            .iter()
            .map(|s| format!("\"{}\"", self.after(*s)))
            .collect();
        format!(
            "[reminders.{name}]\nafter = [{}]\ntitle = \"{title}\"\nbody = \"Body of {title}\"\n\n",
            offs.join(", ")
        )
    }

    /// `[reminders.NAME]` shown `secs` from now, with these settings (lines,
    /// each ending in a newline) for the rest.
    pub fn rule_with(&self, name: &str, secs: i64, settings: &str) -> String {
        format!(
            "[reminders.{name}]\nafter = [\"{}\"]\n{settings}\n",
            self.after(secs)
        )
    }

    /// Several rules, each `(name, secs from now, title)`.
    pub fn rules(&self, rules: &[Rule]) -> String {
        rules
            .iter()
            .map(|(name, secs, title)| self.rule(name, secs, title))
            .collect()
    }

    /// A whole config: the header (UTC) and these rules.
    pub fn config(&self, notifications: &str, rules: &[Rule]) -> String {
        self.header(notifications) + &self.rules(rules)
    }
}

/// A timed reminder: `(name, seconds from now, title)`; see [`Timed::rule`].
pub type Rule<'a> = (&'a str, &'a [i64], &'a str);
