//! A real desktop notification stack for end-to-end tests: a private
//! session bus (`dbus-daemon` with no service activation, so a notification
//! server runs only when a test starts one), `Xvfb`, `dunst`, and
//! `dbus-monitor` whose output is parsed into messages tests can wait on.
//! Waits are on events (a line, a bus message) with a generous timeout that
//! only turns a hang into a failure.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Generous upper bound for anything to happen; never a synchronisation.
pub const PATIENCE: Duration = Duration::from_secs(120);

/// One message seen on the bus.
#[derive(Debug, Clone, Default)]
pub struct Message {
    pub kind: String,
    /// Seconds since the epoch, as dbus-monitor stamps it.
    pub time: f64,
    pub sender: String,
    pub destination: String,
    pub serial: u32,
    pub reply_serial: Option<u32>,
    pub interface: String,
    pub member: String,
    pub args: Vec<Arg>,
}

#[derive(Debug, Clone, Default)]
pub struct Arg {
    pub text: String,
    pub children: Vec<String>,
}

impl Arg {
    pub fn string(&self) -> Option<String> {
        unquote(&self.text)
    }
}

fn unquote(s: &str) -> Option<String> {
    let rest = s.trim().strip_prefix("string \"")?;
    Some(rest.strip_suffix('"').unwrap_or(rest).to_string())
}

/// A `Notify` call with the id the server answered.
#[derive(Debug, Clone)]
pub struct Notify {
    pub time: f64,
    /// The bus connection that sent it.
    pub sender: String,
    pub app: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
    /// The server's answer: the notification's id.
    pub id: Option<u32>,
    /// The id it replaces (0: none).
    pub replaces_id: u32,
    /// `expire_timeout`: -1 server default, 0 never, else milliseconds.
    pub expire_timeout: Option<i32>,
    /// The hints' lines as dbus-monitor prints them.
    pub hints: Vec<String>,
}

impl Notify {
    /// Whether it shows the reminder titled `title`: its summary, or one
    /// of the titles of a notification for several ("A · B").
    pub fn shows(&self, title: &str) -> bool {
        self.summary == title || self.summary.split(" · ").any(|t| t == title)
    }
}

pub type Shared<T> = Arc<(Mutex<T>, Condvar)>;

pub fn wait_on<T, R>(
    shared: &Shared<T>,
    timeout: Duration,
    what: &str,
    mut f: impl FnMut(&T) -> Option<R>,
) -> R {
    let (lock, cv) = &**shared;
    let deadline = Instant::now() + timeout;
    let mut guard = lock.lock().unwrap();
    loop {
        if let Some(r) = f(&guard) {
            return r;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(
            !left.is_zero(),
            "timed out after {timeout:?} waiting for {what}"
        );
        guard = cv.wait_timeout(guard, left).unwrap().0;
    }
}

pub struct Desktop {
    pub dir: tempfile::TempDir,
    pub display: u32,
    xvfb: Child,
    bus: Child,
    dunst: Option<Child>,
    monitor: Child,
    messages: Shared<Vec<Message>>,
}

fn need(cmd: &str) {
    assert!(
        super::installed(cmd),
        "`{cmd}` is not installed: the end-to-end tests need dbus-daemon, dbus-monitor, Xvfb and dunst \
         (apt-get install dbus-daemon dbus-bin dunst xvfb; .ci/run does this)"
    );
}

impl Desktop {
    /// Bus + X + monitor, and dunst unless `with_dunst` is false.
    pub fn start(with_dunst: bool) -> Desktop {
        for c in ["dbus-daemon", "dbus-monitor", "Xvfb", "dunst", "dbus-send"] {
            need(c);
        }
        let dir = tempfile::tempdir().unwrap();
        let runtime = dir.path().join("runtime");
        std::fs::create_dir_all(&runtime).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        let bus_path = dir.path().join("bus");
        let conf = dir.path().join("bus.conf");
        std::fs::write(
            &conf,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                bus_path.display()
            ),
        )
        .unwrap();
        let bus = start_bus(&conf);
        let (display, xvfb) = start_xvfb();
        let messages: Shared<Vec<Message>> = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
        let monitor = start_monitor(&bus_path, &messages);
        let mut d = Desktop {
            dir,
            display,
            xvfb,
            bus,
            dunst: None,
            monitor,
            messages,
        };
        if with_dunst {
            d.start_dunst();
        }
        d
    }

    /// Kill the session bus (and dunst with it) and start a new one at the
    /// same address, with dunst; what a logout/login or a bus crash does.
    pub fn restart_bus(&mut self) {
        if let Some(mut c) = self.dunst.take() {
            stop(&mut c);
        }
        stop(&mut self.monitor);
        stop(&mut self.bus);
        let _ = std::fs::remove_file(self.dir.path().join("bus"));
        self.bus = start_bus(&self.dir.path().join("bus.conf"));
        self.monitor = start_monitor(&self.dir.path().join("bus"), &self.messages);
        self.start_dunst();
    }

    pub fn bus_address(&self) -> String {
        format!("unix:path={}", self.dir.path().join("bus").display())
    }

    pub fn runtime_dir(&self) -> PathBuf {
        self.dir.path().join("runtime")
    }

    /// Point a command at this desktop.
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", self.bus_address())
            .env("DISPLAY", format!(":{}", self.display))
            .env("XDG_RUNTIME_DIR", self.runtime_dir());
    }

    fn owner_changes(&self) -> usize {
        let (lock, _) = &*self.messages;
        lock.lock()
            .unwrap()
            .iter()
            .filter(|m| is_notifications_owner_change(m))
            .count()
    }

    /// Start dunst and wait until it owns org.freedesktop.Notifications.
    pub fn start_dunst(&mut self) {
        assert!(self.dunst.is_none(), "dunst already running");
        let before = self.owner_changes();
        let conf = self.dir.path().join("dunstrc");
        // Keep notifications on screen: tests read them from the bus, and
        // dunst must not close them before an action is invoked.
        std::fs::write(
            &conf,
            "[global]\n    idle_threshold = 0\n    markup = full\n[urgency_normal]\n    timeout = 0\n",
        )
        .unwrap();
        let mut cmd = Command::new("dunst");
        cmd.arg("-config")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        self.apply(&mut cmd);
        self.dunst = Some(cmd.spawn().unwrap());
        self.wait_owner_change(before, "dunst to own org.freedesktop.Notifications");
    }

    /// Kill dunst and wait until the name is released.
    pub fn kill_dunst(&mut self) {
        let before = self.owner_changes();
        if let Some(mut c) = self.dunst.take() {
            stop(&mut c);
        }
        self.wait_owner_change(before, "dunst's name to be released");
    }

    /// Wait for a change of org.freedesktop.Notifications' owner after the
    /// `before`-th.
    fn wait_owner_change(&self, before: usize, what: &str) {
        self.wait_messages(what, |m| {
            (m.iter()
                .filter(|m| is_notifications_owner_change(m))
                .count()
                > before)
                .then_some(())
        });
    }

    pub fn wait_messages<R>(&self, what: &str, f: impl FnMut(&Vec<Message>) -> Option<R>) -> R {
        wait_on(&self.messages, PATIENCE, what, f)
    }

    /// All Notify calls so far, with their returned ids.
    pub fn notifies(&self) -> Vec<Notify> {
        let (lock, _) = &*self.messages;
        notifies_of(&lock.lock().unwrap())
    }

    /// How many notifications showing the reminder titled `summary` reached
    /// the bus so far (alone, or listed with others due at the same moment).
    pub fn count(&self, summary: &str) -> usize {
        self.notifies().iter().filter(|n| n.shows(summary)).count()
    }

    /// Wait until at least `n` Notify calls have been answered; returns all.
    pub fn wait_notifies(&self, n: usize) -> Vec<Notify> {
        self.wait_messages(&format!("{n} notification(s)"), |m| {
            let all = notifies_of(m);
            (all.iter().filter(|x| x.id.is_some()).count() >= n).then_some(all)
        })
    }

    /// Wait for a notification with this summary; returns it.
    pub fn wait_summary(&self, summary: &str) -> Notify {
        self.wait_messages(&format!("a notification {summary:?}"), |m| {
            notifies_of(m)
                .into_iter()
                .find(|n| n.shows(summary) && n.id.is_some())
        })
    }

    /// Wait until the connection that sent `n` listens for actions: it
    /// adds a match for `ActionInvoked` and one for `NotificationClosed`
    /// (aftercare does so once, before its first notification), and a
    /// click before the bus confirmed them would be lost. (A person cannot
    /// click that fast; a test can.)
    pub fn wait_action_listener(&self, n: &Notify) {
        // the bus's reply to an AddMatch for `signal` from n's sender
        let added = |m: &[Message], signal: &str| {
            m.iter()
                .filter(|x| {
                    x.member == "AddMatch"
                        && x.sender == n.sender
                        && x.args
                            .first()
                            .and_then(Arg::string)
                            .is_some_and(|r| r.contains(signal))
                })
                .any(|call| {
                    m.iter().any(|r| {
                        r.reply_serial == Some(call.serial) && r.destination == call.sender
                    })
                })
        };
        self.wait_messages("the daemon to listen for actions", |m| {
            (added(m, "ActionInvoked") && added(m, "NotificationClosed")).then_some(())
        });
    }

    /// Ask the server to close a notification (`CloseNotification`); it
    /// answers with `NotificationClosed`, as when a person dismisses it.
    pub fn close_notification(&self, id: u32) {
        let mut cmd = Command::new("dbus-send");
        cmd.args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications.CloseNotification",
            &format!("uint32:{id}"),
        ]);
        self.apply(&mut cmd);
        assert!(cmd.status().unwrap().success());
    }

    /// Press a notification's action button the way a server does: emit
    /// `ActionInvoked(id, key)` from the bus.
    pub fn invoke_action(&self, id: u32, key: &str) {
        let mut cmd = Command::new("dbus-send");
        cmd.args([
            "--session",
            "--type=signal",
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications.ActionInvoked",
            &format!("uint32:{id}"),
            &format!("string:{key}"),
        ]);
        self.apply(&mut cmd);
        assert!(cmd.status().unwrap().success());
    }
}

/// Spawn a server that says it is ready by printing a line; returns it and
/// that line.
fn spawn_ready(cmd: &mut Command) -> (Child, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line)
}

pub fn start_bus(conf: &Path) -> Child {
    // It prints its address once it listens.
    let (bus, line) = spawn_ready(
        Command::new("dbus-daemon")
            .arg(format!("--config-file={}", conf.display()))
            .args(["--nofork", "--print-address"]),
    );
    assert!(line.starts_with("unix:"), "dbus-daemon said {line:?}");
    bus
}

/// Start dbus-monitor feeding `messages`; returns once it is a monitor.
pub fn start_monitor(bus_path: &Path, messages: &Shared<Vec<Message>>) -> Child {
    let before = messages
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|m| m.member == "NameLost")
        .count();
    let mut monitor = Command::new("dbus-monitor")
        .arg("--address")
        .arg(format!("unix:path={}", bus_path.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = monitor.stdout.take().unwrap();
    let shared = messages.clone();
    std::thread::spawn(move || parse_monitor(BufReader::new(out), &shared));
    // The monitor is ready once it has dropped its own name.
    wait_on(
        messages,
        PATIENCE,
        "dbus-monitor to become a monitor",
        |m| (m.iter().filter(|m| m.member == "NameLost").count() > before).then_some(()),
    );
    monitor
}

fn is_notifications_owner_change(m: &Message) -> bool {
    m.member == "NameOwnerChanged"
        && m.args.first().and_then(Arg::string).as_deref() == Some("org.freedesktop.Notifications")
}

/// A number argument as dbus-monitor prints it: `uint32 7`, `int32 -1`.
fn number<T: std::str::FromStr>(a: &Arg, prefix: &str) -> Option<T> {
    a.text.trim().strip_prefix(prefix)?.parse().ok()
}

pub fn notifies_of(msgs: &[Message]) -> Vec<Notify> {
    msgs.iter()
        .filter(|m| m.kind == "method call" && m.member == "Notify" && m.args.len() >= 5)
        .map(|m| {
            let id = msgs
                .iter()
                .find(|r| {
                    r.kind == "method return"
                        && r.reply_serial == Some(m.serial)
                        && r.destination == m.sender
                })
                .and_then(|r| r.args.first())
                .and_then(|a| {
                    a.text
                        .trim()
                        .strip_prefix("uint32 ")
                        .and_then(|v| v.parse().ok())
                });
            Notify {
                time: m.time,
                sender: m.sender.clone(),
                app: m.args[0].string().unwrap_or_default(),
                summary: m.args[3].string().unwrap_or_default(),
                body: m.args[4].string().unwrap_or_default(),
                actions: m
                    .args
                    .get(5)
                    .map(|a| a.children.iter().filter_map(|c| unquote(c)).collect())
                    .unwrap_or_default(),
                id,
                replaces_id: number(&m.args[1], "uint32 ").unwrap_or(0),
                expire_timeout: m.args.get(7).and_then(|a| number(a, "int32 ")),
                hints: m
                    .args
                    .get(6)
                    .map(|a| a.children.clone())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Start Xvfb on a display it picks itself (`-displayfd`): it writes the
/// number to stdout once it accepts connections. Race-free between
/// parallel tests, and a readiness event.
fn start_xvfb() -> (u32, Child) {
    let (child, line) = spawn_ready(Command::new("Xvfb").args([
        "-displayfd",
        "1",
        "-nolisten",
        "tcp",
        "-screen",
        "0",
        "800x600x24",
    ]));
    let n = line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("Xvfb did not report a display: {line:?}"));
    (n, child)
}

/// Parse dbus-monitor's text output into messages. Each message is
/// published as soon as its header line arrives and its arguments are added
/// as they come, so waiters never depend on a following message.
fn parse_monitor(out: impl BufRead, shared: &Shared<Vec<Message>>) {
    let (lock, cv) = &**shared;
    let mut open_string: Option<String> = None;
    let mut have_current = false;
    for line in out.lines() {
        let Ok(line) = line else { break };
        let mut msgs = lock.lock().unwrap();
        if let Some(mut s) = open_string.take() {
            s.push('\n');
            s.push_str(&line);
            if line.ends_with('"') {
                if let Some(m) = msgs.last_mut() {
                    m.args.push(Arg {
                        text: s,
                        children: vec![],
                    });
                }
            } else {
                open_string = Some(s);
            }
        } else if let Some(kind) = ["method call ", "method return ", "signal ", "error "]
            .iter()
            .find(|k| line.starts_with(*k))
        {
            let mut m = Message {
                kind: kind.trim().to_string(),
                ..Message::default()
            };
            for field in line.split([' ', ';']) {
                if let Some((k, v)) = field.split_once('=') {
                    match k {
                        "time" => m.time = v.parse().unwrap_or(0.0),
                        "sender" => m.sender = v.to_string(),
                        "destination" => m.destination = v.to_string(),
                        "serial" => m.serial = v.parse().unwrap_or(0),
                        "reply_serial" => m.reply_serial = v.parse().ok(),
                        "interface" => m.interface = v.to_string(),
                        "member" => m.member = v.to_string(),
                        _ => {}
                    }
                }
            }
            msgs.push(m);
            have_current = true;
        } else if have_current {
            let depth = line.len() - line.trim_start().len();
            let t = line.trim();
            if let Some(m) = msgs.last_mut() {
                if depth == 3 && t != "]" && t != ")" {
                    if t.starts_with("string \"") && !(t.len() > 8 && t.ends_with('"')) {
                        open_string = Some(t.to_string());
                    } else {
                        m.args.push(Arg {
                            text: t.to_string(),
                            children: vec![],
                        });
                    }
                } else if depth > 3 {
                    if let Some(a) = m.args.last_mut() {
                        a.children.push(t.to_string());
                    }
                }
            }
        }
        drop(msgs);
        cv.notify_all();
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        for c in [
            self.dunst.as_mut(),
            Some(&mut self.monitor),
            Some(&mut self.xvfb),
            Some(&mut self.bus),
        ]
        .into_iter()
        .flatten()
        {
            stop(c);
        }
    }
}

/// Kill a child process and reap it.
pub fn stop(c: &mut Child) {
    let _ = c.kill();
    let _ = c.wait();
}
