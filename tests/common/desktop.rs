//! A real desktop notification stack for end-to-end tests: a private
//! session bus (`dbus-daemon` with no service activation, so a notification
//! server runs only when a test starts one), `Xvfb`, a notification server
//! ([`Server`]: dunst by default, or xfce4-notifyd, notification-daemon,
//! mate-notification-daemon, notify-osd, GNOME Shell headless), and
//! `dbus-monitor` whose output is parsed into messages tests can wait on.
//! Waits are on events (a line, a bus message) with a generous timeout that
//! only turns a hang into a failure.
//!
//! Answers are given the way each server gives them: [`Desktop::invoke_action`]
//! makes the server itself press the button (dunst: its context menu; the
//! GTK servers: a pointer click on the popup's button, found through the
//! accessibility tree; GNOME: a pointer click inside the shell, through a
//! test-only extension). See docs/desktops.md.

use std::io::{BufRead, BufReader};
use std::ops::ControlFlow;
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

/// A `Notify` call (to org.freedesktop.Notifications) with the id the
/// server answered.
#[derive(Debug, Clone)]
pub struct Notify {
    pub time: f64,
    /// The bus connection that sent it.
    pub sender: String,
    /// The connection that answered it (the server's unique name).
    pub server: Option<String>,
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

    /// The label of the action `key` (actions come as key, label pairs).
    pub fn label(&self, key: &str) -> Option<&str> {
        self.actions
            .chunks(2)
            .find(|p| p[0] == key)
            .and_then(|p| p.get(1))
            .map(String::as_str)
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

/// A notification server to run on a [`Desktop`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// dunst (X): answers through its context menu (a `dmenu` of ours).
    Dunst,
    /// xfce4-notifyd (GTK, X).
    Xfce,
    /// GNOME's notification-daemon (GTK, X).
    NotificationDaemon,
    /// mate-notification-daemon (GTK, X).
    Mate,
    /// notify-osd (GTK, X): no actions at all.
    NotifyOsd,
    /// GNOME Shell headless (Wayland, no X) with its
    /// org.gnome.Shell.Notifications service and a test-only extension.
    Gnome,
    /// KDE Plasma 5.27's plasmashell (X, no window manager): xdotool click
    /// on the popup's button, found through the accessibility tree.
    Plasma,
    /// mako on headless sway (Wayland; both run as `nobody`): no buttons
    /// drawn; a person chooses with `makoctl menu`.
    Mako,
    /// SwayNotificationCenter on headless sway (as `nobody`): its GTK
    /// buttons pressed through the accessibility tree (`DoAction`).
    Swaync,
    /// lxqt-notificationd (Qt, X): xdotool click on the popup's button.
    Lxqt,
    /// Cinnamon (muffin + software GL, X): xdotool click on the banner's
    /// button, found through `org.Cinnamon.Eval`.
    Cinnamon,
}

/// The test-only GNOME Shell extension (tests/common/gnome-extension).
pub const GNOME_EXTENSION: &str = "aftercare-test@aftercare.invalid";
const GNOME_HOOKS: &str = "org.aftercare.TestShell";

impl Server {
    pub const ALL: [Server; 11] = [
        Server::Dunst,
        Server::Xfce,
        Server::NotificationDaemon,
        Server::Mate,
        Server::NotifyOsd,
        Server::Gnome,
        Server::Plasma,
        Server::Mako,
        Server::Swaync,
        Server::Lxqt,
        Server::Cinnamon,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Server::Dunst => "dunst",
            Server::Xfce => "xfce4-notifyd",
            Server::NotificationDaemon => "notification-daemon",
            Server::Mate => "mate-notification-daemon",
            Server::NotifyOsd => "notify-osd",
            Server::Gnome => "gnome-shell",
            Server::Plasma => "plasmashell",
            Server::Mako => "mako",
            Server::Swaync => "swaync",
            Server::Lxqt => "lxqt-notificationd",
            Server::Cinnamon => "cinnamon",
        }
    }

    /// The Debian packages it needs (beyond the harness's own).
    pub fn packages(self) -> &'static str {
        match self {
            Server::Dunst => "dunst",
            Server::Xfce => "xfce4-notifyd xdotool at-spi2-core",
            Server::NotificationDaemon => "notification-daemon xdotool at-spi2-core",
            Server::Mate => "mate-notification-daemon xdotool at-spi2-core",
            Server::NotifyOsd => "notify-osd",
            Server::Gnome => "gnome-shell gjs",
            Server::Plasma => "plasma-workspace plasma-desktop",
            Server::Mako => "sway mako-notifier jq",
            Server::Swaync => "sway sway-notification-center at-spi2-core",
            Server::Lxqt => "lxqt-notificationd xdotool",
            Server::Cinnamon => "cinnamon xdotool",
        }
    }

    /// The programs it runs, absolute where they are not on PATH.
    fn programs(self) -> &'static [&'static str] {
        match self {
            Server::Dunst => &["dunst", "dunstctl"],
            Server::Xfce => &[
                "/usr/lib/x86_64-linux-gnu/xfce4/notifyd/xfce4-notifyd",
                "xdotool",
                AT_SPI_LAUNCHER,
            ],
            Server::NotificationDaemon => &[
                "/usr/lib/notification-daemon/notification-daemon",
                "xdotool",
                AT_SPI_LAUNCHER,
            ],
            Server::Mate => &[
                "/usr/lib/mate-notification-daemon/mate-notification-daemon",
                "xdotool",
                AT_SPI_LAUNCHER,
            ],
            Server::NotifyOsd => &["/usr/lib/x86_64-linux-gnu/notify-osd"],
            Server::Gnome => &["gnome-shell", "gjs", GNOME_NOTIFICATIONS],
            Server::Plasma => &["plasmashell", PLASMA_SHELL_PACKAGE],
            Server::Mako => &["mako", "sway", "makoctl", "jq", "setpriv"],
            Server::Swaync => &["swaync", "sway", "setpriv", AT_SPI_LAUNCHER],
            Server::Lxqt => &["lxqt-notificationd", "xdotool"],
            Server::Cinnamon => &["cinnamon", "xdotool"],
        }
    }

    /// Why it cannot run here (a program missing), if so.
    pub fn missing(self) -> Option<String> {
        let gone: Vec<&str> = self
            .programs()
            .iter()
            .copied()
            .filter(|p| {
                if p.starts_with('/') {
                    !Path::new(p).exists()
                } else {
                    !super::installed(p)
                }
            })
            .collect();
        (!gone.is_empty()).then(|| {
            format!(
                "{} is not installed (missing: {}); apt-get install {} (.ci/run does this)",
                self.name(),
                gone.join(", "),
                self.packages()
            )
        })
    }

    /// Whether it presses buttons through the accessibility tree + xdotool.
    fn clicks_gtk(self) -> bool {
        matches!(
            self,
            Server::Xfce | Server::NotificationDaemon | Server::Mate
        )
    }
}

const AT_SPI_LAUNCHER: &str = "/usr/libexec/at-spi-bus-launcher";
/// plasmashell's shell package (from plasma-desktop; without it
/// plasmashell starts no shell).
const PLASMA_SHELL_PACKAGE: &str = "/usr/share/plasma/shells/org.kde.plasma.desktop";
/// The user sway and its notification servers run as: sway refuses root
/// ("Unable to drop root").
const NOBODY: &str = "65534";

impl Server {
    /// Whether it runs on headless sway, as `nobody`.
    pub fn on_sway(self) -> bool {
        matches!(self, Server::Mako | Server::Swaync)
    }

    /// Whether its session bus activates services (Plasma and Cinnamon
    /// start helpers by name: kactivitymanagerd, kglobalaccel, kded…),
    /// from a service directory that holds no other notification server.
    fn activates(self) -> bool {
        matches!(self, Server::Plasma | Server::Cinnamon)
    }

    /// The environment of a desktop session of this kind (also given to
    /// the bus, whose activated helpers inherit it).
    fn session_env(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Server::Plasma => &[
                ("QT_QPA_PLATFORM", "xcb"),
                ("XDG_CURRENT_DESKTOP", "KDE"),
                ("KDE_FULL_SESSION", "true"),
                ("KDE_SESSION_VERSION", "5"),
                ("XDG_SESSION_TYPE", "x11"),
            ],
            Server::Lxqt => &[("QT_QPA_PLATFORM", "xcb"), ("XDG_CURRENT_DESKTOP", "LXQt")],
            Server::Cinnamon => &[
                ("XDG_CURRENT_DESKTOP", "X-Cinnamon"),
                ("XDG_SESSION_TYPE", "x11"),
                ("LIBGL_ALWAYS_SOFTWARE", "1"),
            ],
            _ => &[],
        }
    }
}
const GNOME_NOTIFICATIONS: &str = "/usr/share/gnome-shell/org.gnome.Shell.Notifications";

pub struct Desktop {
    pub dir: tempfile::TempDir,
    pub display: u32,
    /// The server this desktop runs (when it runs).
    pub kind: Server,
    xvfb: Child,
    bus: Child,
    /// The server's processes, in start order (helpers first).
    server: Vec<Child>,
    /// sway, for the servers that run on it (it outlives a server restart).
    compositor: Option<Child>,
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

/// A private bus's configuration: listen at `path`, no service activation,
/// everyone may eavesdrop (dbus-monitor).
pub fn bus_config(kind: &str, path: &Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>{kind}</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    <allow user="*"/>
  </policy>
</busconfig>
"#,
        path.display()
    )
}

impl Desktop {
    /// Bus + X + monitor, and dunst unless `with_dunst` is false.
    pub fn start(with_dunst: bool) -> Desktop {
        let mut d = Desktop::bare(Server::Dunst);
        if with_dunst {
            d.start_server();
        }
        d
    }

    /// Bus + X + monitor and this notification server, running. Panics
    /// when it is not installed (check [`Server::missing`] first).
    pub fn start_with(kind: Server) -> Desktop {
        if let Some(why) = kind.missing() {
            panic!("{why}");
        }
        let mut d = Desktop::bare(kind);
        d.start_server();
        d
    }

    /// Bus + X + monitor; `kind` is the server [`Desktop::start_server`]
    /// starts.
    fn bare(kind: Server) -> Desktop {
        for c in ["dbus-daemon", "dbus-monitor", "Xvfb", "dbus-send"] {
            need(c);
        }
        let dir = tempfile::tempdir().unwrap();
        let runtime = dir.path().join("runtime");
        std::fs::create_dir_all(&runtime).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        let bus_path = dir.path().join("bus");
        let conf = dir.path().join("bus.conf");
        let mut text = bus_config("session", &bus_path);
        if kind.activates() {
            let services = dir.path().join("services");
            copy_services_but_notifiers(&services);
            text = text.replace(
                "  <policy",
                &format!(
                    "  <servicedir>{}</servicedir>\n  <policy",
                    services.display()
                ),
            );
        }
        std::fs::write(&conf, text).unwrap();
        // X first: helpers the bus activates inherit its environment
        let (display, xvfb) = start_xvfb(kind);
        let bus = start_bus_with(&conf, &session_vars(dir.path(), display, kind));
        if kind.on_sway() {
            // sway and its notification server run as nobody
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
            std::fs::set_permissions(&bus_path, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        let (monitor, messages) = monitored(&bus_path);
        Desktop {
            dir,
            display,
            kind,
            xvfb,
            bus,
            server: Vec::new(),
            compositor: None,
            monitor,
            messages,
        }
    }

    /// Kill the session bus (and the server with it) and start a new one at
    /// the same address, with the server; what a logout/login or a bus
    /// crash does.
    pub fn restart_bus(&mut self) {
        self.stop_server_processes();
        stop(&mut self.monitor);
        stop(&mut self.bus);
        let path = self.dir.path().join("bus");
        let _ = std::fs::remove_file(&path);
        // The new bus listens beside the real path until the monitor is
        // attached, then its socket is renamed into place: a client that
        // reconnects at once cannot say anything the monitor misses.
        let aside = self.dir.path().join("bus.next");
        let conf = self.dir.path().join("bus.conf");
        let conf_aside = self.dir.path().join("bus.next.conf");
        let text = std::fs::read_to_string(&conf).unwrap().replace(
            &format!("unix:path={}<", path.display()),
            &format!("unix:path={}<", aside.display()),
        );
        std::fs::write(&conf_aside, text).unwrap();
        self.bus = start_bus_with(
            &conf_aside,
            &session_vars(self.dir.path(), self.display, self.kind),
        );
        self.monitor = start_monitor(&aside, &self.messages);
        std::fs::rename(&aside, &path).unwrap();
        self.start_server();
    }

    pub fn bus_address(&self) -> String {
        format!("unix:path={}", self.dir.path().join("bus").display())
    }

    pub fn runtime_dir(&self) -> PathBuf {
        self.dir.path().join("runtime")
    }

    /// The servers' home directory.
    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// The servers' XDG_DATA_HOME (GNOME reads `.desktop` files and
    /// extensions from here).
    pub fn data_home(&self) -> PathBuf {
        self.home().join(".local/share")
    }

    /// Point a command at this desktop.
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", self.bus_address())
            .env("DISPLAY", format!(":{}", self.display))
            .env("XDG_RUNTIME_DIR", self.runtime_dir());
    }

    /// Point a server's command at this desktop, with a home of its own.
    fn apply_server(&self, cmd: &mut Command) {
        self.apply(cmd);
        cmd.envs(session_vars(self.dir.path(), self.display, self.kind))
            .stdout(Stdio::null());
        if std::env::var_os("AFTERCARE_TEST_SERVER_LOG").is_some() {
            cmd.stderr(Stdio::inherit());
        } else {
            cmd.stderr(Stdio::null());
        }
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
        assert_eq!(
            self.kind,
            Server::Dunst,
            "this desktop runs {:?}",
            self.kind
        );
        self.start_server();
    }

    /// Kill dunst and wait until the name is released.
    pub fn kill_dunst(&mut self) {
        self.kill_server();
    }

    /// Start the server and wait until it owns org.freedesktop.Notifications.
    pub fn start_server(&mut self) {
        assert!(
            self.server.is_empty(),
            "{} already running",
            self.kind.name()
        );
        let before = self.owner_changes();
        match self.kind {
            Server::Dunst => self.spawn_dunst(),
            Server::Gnome => self.spawn_gnome(),
            Server::Plasma | Server::Cinnamon => self.spawn_x_session(),
            Server::Mako | Server::Swaync => self.spawn_on_sway(),
            Server::Lxqt => {
                let mut cmd = Command::new("lxqt-notificationd");
                self.apply_server(&mut cmd);
                self.spawn_server_process(&mut cmd);
            }
            k => self.spawn_gtk(k),
        }
        self.wait_owner_change(
            before,
            &format!("{} to own org.freedesktop.Notifications", self.kind.name()),
        );
    }

    /// Kill the server and wait until the name is released.
    pub fn kill_server(&mut self) {
        let before = self.owner_changes();
        self.stop_server_processes();
        self.wait_owner_change(
            before,
            &format!("{}'s name to be released", self.kind.name()),
        );
    }

    /// Kill the server's processes, each with its process group: the
    /// accessibility bus launcher and the shell start helpers of their own
    /// (a dbus-daemon for the accessibility bus) that would outlive them.
    fn stop_server_processes(&mut self) {
        while let Some(mut c) = self.server.pop() {
            kill_group(&c);
            stop(&mut c);
        }
    }

    /// Spawn one of the server's processes in a process group of its own.
    fn spawn_server_process(&mut self, cmd: &mut Command) {
        use std::os::unix::process::CommandExt;
        self.server.push(cmd.process_group(0).spawn().unwrap());
    }

    fn spawn_dunst(&mut self) {
        let conf = self.dir.path().join("dunstrc");
        // A context menu (`dunstctl context`) runs this "dmenu": it is given
        // one line per action, `#LABEL (SUMMARY) [ID,KEY]`, and picks the
        // one `invoke_action` asked for; dunst then invokes it itself. It
        // says whether it found it (dunst may not show a notification yet).
        let dmenu = self.dir.path().join("dmenu");
        let d = self.dir.path().display();
        std::fs::write(
            &dmenu,
            format!(
                "#!/bin/sh\n\
                 line=$(grep -F -m1 -- \"$(cat {d}/dmenu-choice)\")\n\
                 if [ -n \"$line\" ]; then echo hit; else echo miss; fi >{d}/dmenu-result.new\n\
                 mv {d}/dmenu-result.new {d}/dmenu-result\n\
                 printf '%s\\n' \"$line\"\n"
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dmenu, std::fs::Permissions::from_mode(0o755)).unwrap();
        // Keep notifications on screen: tests read them from the bus, and
        // dunst must not close them before an action is invoked.
        std::fs::write(
            &conf,
            format!(
                "[global]\n    idle_threshold = 0\n    markup = full\n    dmenu = {}\n[urgency_normal]\n    timeout = 0\n",
                dmenu.display()
            ),
        )
        .unwrap();
        let mut cmd = Command::new("dunst");
        cmd.arg("-config").arg(&conf);
        self.apply(&mut cmd);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        self.spawn_server_process(&mut cmd);
    }

    /// A GTK server under Xvfb, with an accessibility bus so that its
    /// buttons can be found (and then clicked with xdotool).
    fn spawn_gtk(&mut self, kind: Server) {
        if kind.clicks_gtk() {
            let mut a11y = Command::new(AT_SPI_LAUNCHER);
            a11y.arg("--launch-immediately");
            self.apply_server(&mut a11y);
            let launched = self.name_owned("org.a11y.Bus");
            self.spawn_server_process(&mut a11y);
            self.wait_messages("the accessibility bus (org.a11y.Bus)", |m| {
                (name_owner_changes(m, "org.a11y.Bus") > launched).then_some(())
            });
        }
        let mut cmd = Command::new(kind.programs()[0]);
        self.apply_server(&mut cmd);
        // no dconf on this bus: settings from memory (the defaults)
        cmd.env("GSETTINGS_BACKEND", "memory");
        self.spawn_server_process(&mut cmd);
    }

    /// A private system bus for the server's session, stopped with the
    /// server; its address.
    fn start_private_system_bus(&mut self) -> String {
        let sys_path = self.dir.path().join("sysbus");
        let sys_conf = self.dir.path().join("sysbus.conf");
        std::fs::write(&sys_conf, bus_config("system", &sys_path)).unwrap();
        let _ = std::fs::remove_file(&sys_path);
        self.server.push(start_bus(&sys_conf));
        format!("unix:path={}", sys_path.display())
    }

    /// GNOME Shell 43 headless: a private system bus (the shell wants
    /// logind & co there), the shell with the test extension enabled in a
    /// keyfile settings backend, then the freedesktop service
    /// (org.gnome.Shell.Notifications, a gjs program that forwards to the
    /// shell and sends each answer only to the notification's sender).
    fn spawn_gnome(&mut self) {
        let home = self.home();
        let ext = self
            .data_home()
            .join("gnome-shell/extensions")
            .join(GNOME_EXTENSION);
        std::fs::create_dir_all(&ext).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/gnome-extension");
        for f in ["metadata.json", "extension.js"] {
            std::fs::copy(src.join(f), ext.join(f)).unwrap();
        }
        let settings = home.join(".config/glib-2.0/settings");
        std::fs::create_dir_all(&settings).unwrap();
        std::fs::write(
            settings.join("keyfile"),
            format!(
                "[org/gnome/shell]\nenabled-extensions=['{GNOME_EXTENSION}']\ndisable-user-extensions=false\n\n\
                 [org/gnome/desktop/notifications]\nshow-banners=true\n"
            ),
        )
        .unwrap();
        let sys = self.start_private_system_bus();

        let before = self.name_owned(GNOME_HOOKS);
        let mut shell = Command::new("gnome-shell");
        shell.args([
            "--headless",
            "--wayland",
            "--no-x11",
            "--virtual-monitor",
            "1024x768",
        ]);
        self.apply_server(&mut shell);
        shell
            .env_remove("DISPLAY")
            .env("DBUS_SYSTEM_BUS_ADDRESS", &sys)
            .env("GSETTINGS_BACKEND", "keyfile")
            .env("WAYLAND_DISPLAY", "aftercare-test-wayland");
        if std::env::var_os("AFTERCARE_TEST_SHELL_LOG").is_some() {
            shell.stderr(Stdio::inherit());
        }
        self.spawn_server_process(&mut shell);
        // The extension's name on the bus: the shell is up, extension loaded.
        self.wait_messages("GNOME Shell with the test extension", |m| {
            (name_owner_changes(m, GNOME_HOOKS) > before).then_some(())
        });
        let mut svc = Command::new("gjs");
        svc.arg(GNOME_NOTIFICATIONS);
        self.apply_server(&mut svc);
        svc.env_remove("DISPLAY")
            .env("DBUS_SYSTEM_BUS_ADDRESS", &sys);
        self.spawn_server_process(&mut svc);
    }

    /// Plasma or Cinnamon: a private system bus (both want one; logind,
    /// udisks2, accountsservice are missing there and they carry on), then
    /// `plasmashell --no-respawn` / `cinnamon --replace` (muffin is its
    /// window manager) on Xvfb. Their helpers are activated by the session
    /// bus, which got the session's environment.
    fn spawn_x_session(&mut self) {
        self.start_private_system_bus();
        let mut cmd = if self.kind == Server::Plasma {
            // accessibility on (the bus activates at-spi's launcher), so
            // that Qt registers the popups' buttons: they are clicked where
            // the accessibility tree says they are
            self.busctl(
                &self.bus_address(),
                &[
                    "set-property",
                    "org.a11y.Bus",
                    "/org/a11y/bus",
                    "org.a11y.Status",
                    "IsEnabled",
                    "b",
                    "true",
                ],
            );
            let mut c = Command::new("plasmashell");
            c.arg("--no-respawn")
                .env("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "1");
            c
        } else {
            let mut c = Command::new("cinnamon");
            c.arg("--replace");
            c
        };
        self.apply_server(&mut cmd);
        self.spawn_server_process(&mut cmd);
    }

    /// The directories of `nobody`, who runs sway and its notification
    /// server: a home (with mako's config) and a runtime directory.
    pub fn nobody_home(&self) -> PathBuf {
        self.dir.path().join("uhome")
    }

    pub fn nobody_runtime(&self) -> PathBuf {
        self.dir.path().join("urun")
    }

    /// A command run as `nobody` with sway's session environment (and
    /// nothing of the test's but PATH).
    pub fn as_nobody(&self, program: &str) -> Command {
        let mut cmd = Command::new("setpriv");
        cmd.args([
            &format!("--reuid={NOBODY}"),
            &format!("--regid={NOBODY}"),
            "--clear-groups",
            program,
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", self.nobody_home())
        .env("XDG_CONFIG_HOME", self.nobody_home().join(".config"))
        .env("XDG_RUNTIME_DIR", self.nobody_runtime())
        .env("DBUS_SESSION_BUS_ADDRESS", self.bus_address())
        .env("WAYLAND_DISPLAY", "wayland-1");
        cmd
    }

    /// sway (headless wlroots backend, pixman renderer, one 1280x800
    /// output, no Xwayland) once, then mako or swaync on it; all as
    /// `nobody`. swaync is started after an accessibility bus of its own
    /// user, so that its buttons can be pressed through it.
    fn spawn_on_sway(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        use std::os::unix::process::CommandExt;
        let (home, run) = (self.nobody_home(), self.nobody_runtime());
        if self.compositor.is_none() {
            std::fs::create_dir_all(home.join(".config/mako")).unwrap();
            // mako's do-not-disturb is a mode that only exists when
            // configured (the one its man page suggests)
            std::fs::write(
                home.join(".config/mako/config"),
                "[mode=do-not-disturb]\ninvisible=1\n",
            )
            .unwrap();
            std::fs::create_dir_all(&run).unwrap();
            std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).unwrap();
            let conf = self.dir.path().join("sway.conf");
            std::fs::write(&conf, "output HEADLESS-1 mode 1280x800\nxwayland disable\n").unwrap();
            std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(
                Command::new("chown")
                    .args(["-R", "nobody:nogroup"])
                    .arg(&home)
                    .arg(&run)
                    .status()
                    .unwrap()
                    .success(),
                "chown to nobody (the test runs as root)"
            );
            let mut sway = self.as_nobody("sway");
            sway.arg("-c")
                .arg(&conf)
                .env("WLR_BACKENDS", "headless")
                .env("WLR_LIBINPUT_NO_DEVICES", "1")
                .env("WLR_RENDERER", "pixman")
                .env("WLR_HEADLESS_OUTPUTS", "1")
                .env("XDG_SESSION_TYPE", "wayland")
                .env_remove("WAYLAND_DISPLAY")
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            self.compositor = Some(sway.process_group(0).spawn().unwrap());
            // sway listens once its socket is there
            let socket = run.join("wayland-1");
            let deadline = Instant::now() + PATIENCE;
            while !socket.exists() {
                assert!(Instant::now() < deadline, "sway did not create {socket:?}");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        if self.kind == Server::Swaync {
            let launched = self.name_owned("org.a11y.Bus");
            let mut a11y = self.as_nobody(AT_SPI_LAUNCHER);
            a11y.arg("--launch-immediately")
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            self.spawn_server_process(&mut a11y);
            self.wait_messages("the accessibility bus (org.a11y.Bus)", |m| {
                (name_owner_changes(m, "org.a11y.Bus") > launched).then_some(())
            });
        }
        let mut cmd = self.as_nobody(self.kind.name());
        // no dconf on this bus: swaync keeps its DND switch in GSettings,
        // which then lives in memory (else a switch would not stick)
        cmd.env("GSETTINGS_BACKEND", "memory");
        cmd.stdout(Stdio::null()).stderr(
            if std::env::var_os("AFTERCARE_TEST_SERVER_LOG").is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            },
        );
        self.spawn_server_process(&mut cmd);
    }

    /// How many times `name` got an owner so far.
    fn name_owned(&self, name: &str) -> usize {
        let (lock, _) = &*self.messages;
        name_owner_changes(&lock.lock().unwrap(), name)
    }

    /// Freeze dunst (SIGSTOP): it keeps the name but answers nothing, like
    /// a hung server; `resume_dunst` lets it answer what it got meanwhile.
    pub fn pause_dunst(&self) {
        self.signal_dunst("-STOP");
    }

    pub fn resume_dunst(&self) {
        self.signal_dunst("-CONT");
    }

    fn signal_dunst(&self, sig: &str) {
        assert_eq!(
            self.kind,
            Server::Dunst,
            "this desktop runs {:?}",
            self.kind
        );
        let pid = self.server.last().expect("dunst runs").id().to_string();
        assert!(
            Command::new("kill")
                .args([sig, &pid])
                .status()
                .unwrap()
                .success()
        );
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

    /// Poll `f` until it holds, for what the bus does not show (a banner
    /// moving to a tray).
    pub fn poll(&self, what: &str, mut f: impl FnMut() -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !f() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Every message seen so far.
    pub fn messages(&self) -> Vec<Message> {
        self.messages.0.lock().unwrap().clone()
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

    /// How many times the reminder titled `summary` came up as a new
    /// notification: a `Notify` that replaced one it was already in (a
    /// restart taking it over in place) does not count.
    pub fn count_new(&self, summary: &str) -> usize {
        let mut ids: Vec<u32> = Vec::new();
        let mut new = 0;
        for n in self.notifies().iter().filter(|n| n.shows(summary)) {
            if n.replaces_id == 0 || !ids.contains(&n.replaces_id) {
                new += 1;
            }
            ids.extend(n.id);
        }
        new
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
            answered_add_matches(m, signal).any(|call| call.sender == n.sender)
        };
        self.wait_messages("the daemon to listen for actions", |m| {
            (added(m, "ActionInvoked") && added(m, "NotificationClosed")).then_some(())
        });
    }

    /// Press `key` on `n` once its sender listens for the answer (see
    /// [`Self::wait_action_listener`], [`Self::invoke_action`]).
    pub fn press(&self, n: &Notify, key: &str) -> String {
        self.wait_action_listener(n);
        self.invoke_action(n.id.unwrap(), key)
    }

    /// Wait until the connection `sender` asks the server to close
    /// notification `id` (`CloseNotification`).
    pub fn wait_close_call(&self, sender: &str, id: u32) {
        let id = id.to_string();
        self.wait_messages(&format!("{sender} to close notification {id}"), |m| {
            m.iter()
                .any(|x| {
                    x.member == "CloseNotification"
                        && x.sender == sender
                        && x.args.first().is_some_and(|a| a.text.ends_with(&id))
                })
                .then_some(())
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

    /// Press notification `id`'s button `key` the way a person does, and
    /// let the server send `ActionInvoked` itself: dunst through its
    /// context menu, the GTK servers with a pointer click on the popup's
    /// button, GNOME with a pointer click inside the shell. Returns how.
    pub fn invoke_action(&self, id: u32, key: &str) -> String {
        let n = self
            .notifies()
            .into_iter()
            .rev()
            .find(|n| n.id == Some(id))
            .unwrap_or_else(|| panic!("no notification {id} on the bus"));
        let label = n
            .label(key)
            .unwrap_or_else(|| panic!("notification {id} has no action {key:?}: {:?}", n.actions))
            .to_string();
        match self.kind {
            Server::Dunst => self.dunst_action(id, key),
            Server::Gnome => self.gnome_click(&n.summary, &label),
            k if k.clicks_gtk() => self.gtk_click(k, &label),
            Server::Plasma => self.plasma_click(&n.summary, &label),
            Server::Mako => self.mako_menu(id, &label),
            Server::Swaync => self.swaync_press(&label),
            Server::Lxqt => self.lxqt_click(&n.actions, &label),
            Server::Cinnamon => self.cinnamon_click(&n.summary, &label),
            k => panic!("{} has no actions to invoke", k.name()),
        }
    }

    /// Click the button `label` on plasmashell's popup of the notification
    /// titled `title` with xdotool, where the accessibility tree puts it:
    /// among plasmashell's windows, those narrower than the screen (not the
    /// desktop, not the panel) and on screen, the one that shows `title`,
    /// and in it the push button with that name.
    fn plasma_click(&self, title: &str, label: &str) -> String {
        let a11y = self.a11y_address();
        let deadline = Instant::now() + PATIENCE;
        let (x, y) = loop {
            if let Some(found) = atspi_find_in_popups(&a11y, "plasmashell", title, label, 1280) {
                break found;
            }
            assert!(
                Instant::now() < deadline,
                "no {label:?} button on a plasmashell popup"
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        self.xdotool_click(x, y);
        format!("xdotool click at {x},{y} on plasmashell's {label:?} button")
    }

    /// `makoctl ARGS` (a shell script over `busctl --user`, which finds the
    /// test's bus through DBUS_SESSION_BUS_ADDRESS).
    pub fn makoctl(&self, args: &[&str]) -> std::process::Output {
        let mut cmd = Command::new("makoctl");
        cmd.args(args);
        self.apply(&mut cmd);
        cmd.output().unwrap()
    }

    /// Choose `label` from mako's action menu for notification `id`, as a
    /// person does in `makoctl menu -n ID dmenu`: here the "menu" is
    /// `grep -x LABEL`, picking the line with that label. mako then
    /// invokes the action itself.
    fn mako_menu(&self, id: u32, label: &str) -> String {
        let id = id.to_string();
        let deadline = Instant::now() + PATIENCE;
        loop {
            let out = self.makoctl(&["menu", "-n", &id, "grep", "-x", label]);
            if out.status.success() {
                return format!("makoctl menu -n {id} grep -x {label:?}");
            }
            assert!(
                Instant::now() < deadline,
                "makoctl menu -n {id}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The ids mako holds (`makoctl list`), shown or not.
    pub fn mako_ids(&self) -> Vec<u64> {
        let out = self.makoctl(&["list"]);
        assert!(out.status.success(), "makoctl list: {out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["data"][0]
            .as_array()
            .map(|a| a.iter().filter_map(|n| n["id"]["data"].as_u64()).collect())
            .unwrap_or_default()
    }

    /// Press swaync's button `label` through the accessibility tree: its
    /// own GTK button's `DoAction("click")`, so swaync sends
    /// `ActionInvoked` itself. Headless sway has no pointer, and swaync
    /// 0.7.3 has no command to invoke an action. When no such button is
    /// showing (the popup has timed out into the control centre), open the
    /// control centre, as a person would, and press it there.
    fn swaync_press(&self, label: &str) -> String {
        let a11y = self.a11y_address();
        let deadline = Instant::now() + PATIENCE;
        let mut opened = false;
        loop {
            if let Some(b) = atspi_find(&a11y, "swaync", label, true) {
                let r = busctl_as(
                    true,
                    &a11y,
                    &[
                        "call",
                        &b.bus,
                        &b.path,
                        "org.a11y.atspi.Action",
                        "DoAction",
                        "i",
                        "0",
                    ],
                );
                if r.is_ok_and(|v| v["data"][0] == true) {
                    if opened {
                        self.swaync_cc("SetVisibility", &["b", "false"]);
                    }
                    return format!(
                        "swaync's {label:?} button, DoAction(click) through the accessibility tree{}",
                        if opened {
                            " (in the control centre)"
                        } else {
                            ""
                        }
                    );
                }
            } else if !opened {
                self.swaync_cc("SetVisibility", &["b", "true"]);
                opened = true;
            }
            assert!(
                Instant::now() < deadline,
                "no showing {label:?} button of swaync"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Whether a button `label` of swaync is showing (a popup, or the
    /// open control centre).
    pub fn swaync_showing(&self, label: &str) -> bool {
        atspi_find(&self.a11y_address(), "swaync", label, true).is_some()
    }

    /// Call swaync's control-centre interface (org.erikreider.swaync.cc):
    /// `SetDnd b true`, `NotificationCount`, `SetVisibility b true`…
    pub fn swaync_cc(&self, method: &str, args: &[&str]) -> serde_json::Value {
        let mut all = vec![
            "call",
            "org.erikreider.swaync.cc",
            "/org/erikreider/swaync/cc",
            "org.erikreider.swaync.cc",
            method,
        ];
        all.extend_from_slice(args);
        self.busctl(&self.bus_address(), &all)
    }

    /// Do not disturb on mako (its mode) or swaync (its DND switch).
    pub fn set_do_not_disturb(&self, on: bool) {
        match self.kind {
            Server::Mako => {
                let mode = if on { "do-not-disturb" } else { "default" };
                let out = self.makoctl(&["mode", "-s", mode]);
                assert!(out.status.success(), "makoctl mode -s {mode}: {out:?}");
            }
            Server::Swaync => {
                let flag = if on { "--dnd-on" } else { "--dnd-off" };
                let mut cmd = Command::new("swaync-client");
                // one option at a time (it prints its usage for two)
                cmd.arg(flag);
                self.apply(&mut cmd);
                let out = cmd.output().unwrap();
                assert!(out.status.success(), "swaync-client {flag}: {out:?}");
                eprintln!(
                    "swaync-client {flag}: {}",
                    String::from_utf8_lossy(&out.stdout).trim()
                );
                assert_eq!(self.swaync_cc("GetDnd", &[])["data"][0], on);
            }
            k => panic!("{}: do not disturb is not a switch here", k.name()),
        }
    }

    /// Plasma's do not disturb: `Inhibit()` from a connection of the
    /// test's, held until the returned guard is dropped (Plasma lifts an
    /// inhibition when its caller leaves the bus).
    pub fn plasma_inhibit(&self) -> Inhibition {
        let addr = self.bus_address();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let (ready, cookie) = std::sync::mpsc::channel::<u32>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let conn = zbus::connection::Builder::address(addr.as_str())
                    .build()
                    .await
                    .unwrap();
                let hints: std::collections::HashMap<&str, zbus::Variant> =
                    std::collections::HashMap::new();
                let reply = conn
                    .call_method(
                        Some("org.freedesktop.Notifications"),
                        "/org/freedesktop/Notifications",
                        Some("org.freedesktop.Notifications"),
                        "Inhibit",
                        &("aftercare-test", "testing do not disturb", hints),
                    )
                    .await
                    .unwrap();
                let c: u32 = reply.body().deserialize().unwrap();
                ready.send(c).unwrap();
                let _ = tokio::task::spawn_blocking(move || released.recv()).await;
                drop(conn);
            });
        });
        let cookie = cookie.recv_timeout(PATIENCE).expect("Plasma's Inhibit");
        Inhibition {
            cookie,
            release: Some(release),
            thread: Some(thread),
        }
    }

    /// How many notification popups plasmashell shows: its visible windows
    /// other than the desktop and the panel (both as wide as the screen).
    pub fn plasma_popups(&self) -> usize {
        let mut cmd = Command::new("xdotool");
        cmd.args(["search", "--onlyvisible", "--class", "plasmashell"]);
        self.apply(&mut cmd);
        let out = cmd.output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|w| {
                let mut cmd = Command::new("xdotool");
                cmd.args(["getwindowgeometry", "--shell", w.trim()]);
                self.apply(&mut cmd);
                cmd.output().is_ok_and(|o| {
                    String::from_utf8_lossy(&o.stdout)
                        .lines()
                        .find_map(|l| l.strip_prefix("WIDTH="))
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .is_some_and(|w| w > 1 && w < 1280)
                })
            })
            .count()
    }

    /// Plasma's `Inhibited` property: do not disturb is on.
    pub fn plasma_inhibited(&self) -> bool {
        self.busctl(
            &self.bus_address(),
            &[
                "get-property",
                "org.freedesktop.Notifications",
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "Inhibited",
            ],
        )["data"]
            == true
    }

    /// lxqt-notificationd draws its notifications in one window at the
    /// bottom right, each with its buttons in a row at its bottom, left
    /// to right in the order of the actions. Click `label` on the bottom
    /// one (the harness has one of aftercare's up at a time) with xdotool.
    fn lxqt_click(&self, actions: &[String], label: &str) -> String {
        let index = actions
            .chunks(2)
            .position(|p| p.get(1).map(String::as_str) == Some(label))
            .unwrap_or_else(|| panic!("no {label:?} in {actions:?}"));
        let deadline = Instant::now() + PATIENCE;
        let (x, y, _w, h) = loop {
            if let Some(g) = self.x_window("lxqt-notificationd") {
                break g;
            }
            assert!(Instant::now() < deadline, "no lxqt-notificationd window");
            std::thread::sleep(Duration::from_millis(100));
        };
        // each button about 100 px wide from 40 px in, 6 px apart; the row
        // 27 px tall, its middle 39 px above the window's bottom
        let bx = x + 90 + 106 * i64::try_from(index).unwrap();
        let by = y + h - 39;
        self.xdotool_click(bx, by);
        format!("xdotool click at {bx},{by} on lxqt-notificationd's {label:?} button")
    }

    /// The geometry (x, y, width, height) of the visible X window of class
    /// `name` (its WM_NAME is not searchable).
    fn x_window(&self, name: &str) -> Option<(i64, i64, i64, i64)> {
        let mut cmd = Command::new("xdotool");
        cmd.args(["search", "--onlyvisible", "--class", name]);
        self.apply(&mut cmd);
        let out = cmd.output().ok()?;
        let win = String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()?
            .trim()
            .to_string();
        let mut cmd = Command::new("xdotool");
        cmd.args(["getwindowgeometry", "--shell", &win]);
        self.apply(&mut cmd);
        let out = cmd.output().ok()?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let get = |k: &str| -> Option<i64> {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}=")))
                .and_then(|v| v.trim().parse().ok())
        };
        let g = (get("X")?, get("Y")?, get("WIDTH")?, get("HEIGHT")?);
        (g.3 > 0).then_some(g)
    }

    /// Click at x, y, then move the pointer away to the middle of the
    /// screen, as a person does (Cinnamon keeps a banner under the pointer
    /// on screen).
    fn xdotool_click(&self, x: i64, y: i64) {
        self.xdotool_click_then(x, y, &["sleep", "0.1", "mousemove", "640", "400"]);
    }

    /// xdotool: move the pointer to x, y and click there, then run `then`.
    fn xdotool_click_then(&self, x: i64, y: i64, then: &[&str]) {
        let mut cmd = Command::new("xdotool");
        cmd.args([
            "mousemove",
            &x.to_string(),
            &y.to_string(),
            "sleep",
            "0.1",
            "click",
            "1",
        ]);
        cmd.args(then);
        self.apply(&mut cmd);
        assert!(cmd.status().unwrap().success(), "xdotool failed");
    }

    /// Cinnamon shows one banner at a time, top right, for about 4 s
    /// (then it goes to the tray applet). Ask the shell
    /// (`org.Cinnamon.Eval`) where the banner titled `title` has its
    /// button `label`, once it is fully shown (the tray's state SHOWN, 2,
    /// after the slide-in) and two answers agree, and click its middle
    /// with xdotool.
    fn cinnamon_click(&self, title: &str, label: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut last: Option<String> = None;
        let (x, y, w, h) = loop {
            let now = self.cinnamon_button(title, label);
            if now.is_some() && now == last {
                let v: Vec<i64> = now
                    .as_deref()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|n| n.parse().ok())
                    .collect();
                if let [x, y, w, h] = v[..] {
                    break (x, y, w, h);
                }
            }
            last = now;
            assert!(
                Instant::now() < deadline,
                "no banner {title:?} with a {label:?} button on Cinnamon"
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        let (cx, cy) = (x + w / 2, y + h / 2);
        self.xdotool_click(cx, cy);
        format!("xdotool click at {cx},{cy} on Cinnamon's banner button {label:?}")
    }

    /// "x,y,w,h" of the banner's button, when the banner shows `title`.
    fn cinnamon_button(&self, title: &str, label: &str) -> Option<String> {
        let js = format!(
            concat!(
                "(function() {{ var tray = imports.ui.main.messageTray; ",
                "var n = tray._notification; ",
                "if (!n || n.title !== {t} || tray._notificationState !== 2) return ''; ",
                "var r = ''; ",
                "n._actionArea.get_children().forEach(function(b) {{ ",
                "if (b.get_label && b.get_label() === {l} && b.mapped) {{ ",
                "var p = b.get_transformed_position(), z = b.get_transformed_size(); ",
                "r = [p[0], p[1], z[0], z[1]].map(Math.round).join(','); }} }}); ",
                "return r; }})()"
            ),
            t = serde_json::to_string(title).unwrap(),
            l = serde_json::to_string(label).unwrap()
        );
        let v = self.cinnamon_eval(&js)?;
        (!v.is_empty()).then_some(v)
    }

    /// `org.Cinnamon.Eval(js)`: the result (a JSON string's text), if it ran.
    pub fn cinnamon_eval(&self, js: &str) -> Option<String> {
        let v = busctl(
            &self.bus_address(),
            &[
                "call",
                "org.Cinnamon",
                "/org/Cinnamon",
                "org.Cinnamon",
                "Eval",
                "s",
                js,
            ],
        )
        .ok()?;
        if v["data"][0] != true {
            return None;
        }
        let text = v["data"][1].as_str()?;
        Some(
            serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|j| j.as_str().map(str::to_string))
                .unwrap_or_else(|| text.to_string()),
        )
    }

    /// Cinnamon: the title of the banner on screen now ("" when none).
    pub fn cinnamon_banner(&self) -> String {
        self.cinnamon_eval(
            "(function() { var n = imports.ui.main.messageTray._notification; return n ? n.title : ''; })()",
        )
        .unwrap_or_default()
    }

    /// The server's `GetCapabilities`.
    pub fn capabilities(&self) -> Vec<String> {
        self.call_server("GetCapabilities")["data"][0]
            .as_array()
            .expect("capabilities")
            .iter()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect()
    }

    /// The server's `GetServerInformation`: name, vendor, version, spec.
    pub fn server_information(&self) -> Vec<String> {
        self.call_server("GetServerInformation")["data"]
            .as_array()
            .expect("server information")
            .iter()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect()
    }

    fn call_server(&self, method: &str) -> serde_json::Value {
        self.busctl(
            &self.bus_address(),
            &[
                "call",
                "org.freedesktop.Notifications",
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                method,
            ],
        )
    }

    /// Emit `ActionInvoked(id, key)` from a connection of the test's own
    /// (not the server's): what no real server does.
    pub fn emit_action_signal(&self, id: u32, key: &str) {
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

    /// Emit `ActionInvoked(id, key)` from a connection of the test's own,
    /// addressed to the connection `dest` (`gdbus emit --dest`): the bus
    /// delivers a unicast signal whatever the receiver's match rules say.
    pub fn emit_action_signal_to(&self, dest: &str, id: u32, key: &str) {
        let mut cmd = Command::new("gdbus");
        cmd.args([
            "emit",
            "--session",
            "--dest",
            dest,
            "--object-path",
            "/org/freedesktop/Notifications",
            "--signal",
            "org.freedesktop.Notifications.ActionInvoked",
            &id.to_string(),
            &format!("'{key}'"),
        ]);
        self.apply(&mut cmd);
        assert!(cmd.status().unwrap().success());
    }

    /// Open dunst's context menu until our dmenu finds the action in it
    /// (a notification just sent may not be on screen yet).
    fn dunst_action(&self, id: u32, key: &str) -> String {
        let dir = self.dir.path();
        std::fs::write(dir.join("dmenu-choice"), format!("[{id},{key}]")).unwrap();
        let result = dir.join("dmenu-result");
        let deadline = Instant::now() + PATIENCE;
        loop {
            let _ = std::fs::remove_file(&result);
            let mut cmd = Command::new("dunstctl");
            cmd.arg("context");
            self.apply(&mut cmd);
            let out = cmd.output().unwrap();
            assert!(out.status.success(), "dunstctl context: {out:?}");
            // the menu runs in the background; no menu at all when nothing
            // on screen has actions
            let asked = Instant::now();
            while !result.exists() && asked.elapsed() < Duration::from_secs(5) {
                std::thread::sleep(Duration::from_millis(20));
            }
            if std::fs::read_to_string(&result).is_ok_and(|r| r.trim() == "hit") {
                return format!("dunst's context menu: [{id},{key}]");
            }
            assert!(
                Instant::now() < deadline,
                "dunst's context menu never offered [{id},{key}]"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Find the button labelled `label` in the server's accessibility tree
    /// (waiting for the popup), click its middle with xdotool.
    fn gtk_click(&self, kind: Server, label: &str) -> String {
        let a11y = self.a11y_address();
        let app = kind.programs()[0].rsplit('/').next().unwrap_or_default();
        let deadline = Instant::now() + PATIENCE;
        let (x, y) = loop {
            if let Some(found) = atspi_find_button(&a11y, app, label) {
                break found;
            }
            assert!(
                Instant::now() < deadline,
                "no button {label:?} of {app} in the accessibility tree"
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        self.xdotool_click_then(x, y, &[]);
        format!("xdotool click at {x},{y} on {app}'s {label:?} button")
    }

    fn a11y_address(&self) -> String {
        let out = self.busctl(
            &self.bus_address(),
            &[
                "call",
                "org.a11y.Bus",
                "/org/a11y/bus",
                "org.a11y.Bus",
                "GetAddress",
            ],
        );
        out["data"][0]
            .as_str()
            .expect("an a11y bus address")
            .to_string()
    }

    fn busctl(&self, address: &str, args: &[&str]) -> serde_json::Value {
        busctl(address, args).unwrap_or_else(|e| panic!("busctl {args:?}: {e}"))
    }

    /// Click `label` on the banner of the notification titled `title`,
    /// inside GNOME Shell (the test extension moves a virtual pointer onto
    /// the banner, which shows its buttons, and presses the button). Waits
    /// for the banner: the shell shows one at a time.
    fn gnome_click(&self, title: &str, label: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.gnome_call(
                "Click",
                &[&format!("string:{title}"), &format!("string:{label}")],
            ) {
                Ok(how) => return format!("GNOME Shell: {how}"),
                Err(e) if e.contains("NotShown") && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) => panic!("GNOME Shell could not click {label:?} on {title:?}: {e}"),
            }
        }
    }

    /// The shell's notifications as the test extension reports them: one
    /// object per notification in the message tray, with `app` (the
    /// `.desktop` id GNOME matched, or null), `actions` (button labels),
    /// `resident`, `transient`, `banner` (on screen now).
    pub fn gnome_notifications(&self) -> serde_json::Value {
        assert_eq!(self.kind, Server::Gnome);
        let json = self
            .gnome_call("Notifications", &[])
            .unwrap_or_else(|e| panic!("the test extension: {e}"));
        serde_json::from_str(&json).unwrap()
    }

    /// Whether GNOME Shell knows the application `id` (a `.desktop` file).
    pub fn gnome_knows_app(&self, id: &str) -> bool {
        self.gnome_call("HasApp", &[&format!("string:{id}")])
            .unwrap_or_else(|e| panic!("the test extension: {e}"))
            == "true"
    }

    /// Call the test extension; its string answer or the error's text.
    fn gnome_call(&self, method: &str, args: &[&str]) -> Result<String, String> {
        let mut cmd = Command::new("dbus-send");
        cmd.args([
            "--session",
            "--print-reply=literal",
            &format!("--dest={GNOME_HOOKS}"),
            "/org/aftercare/TestShell",
            &format!("{GNOME_HOOKS}.{method}"),
        ])
        .args(args);
        self.apply(&mut cmd);
        let out = cmd.output().unwrap();
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
}

/// `busctl --address=ADDRESS --json=short ARGS`, parsed.
fn busctl(address: &str, args: &[&str]) -> Result<serde_json::Value, String> {
    busctl_as(false, address, args)
}

/// The same, as `nobody` when `nobody` (a bus of theirs admits only them).
fn busctl_as(nobody: bool, address: &str, args: &[&str]) -> Result<serde_json::Value, String> {
    let mut cmd = if nobody {
        let mut c = Command::new("setpriv");
        c.args([
            &format!("--reuid={NOBODY}"),
            &format!("--regid={NOBODY}"),
            "--clear-groups",
            "busctl",
        ]);
        c
    } else {
        Command::new("busctl")
    };
    let out = cmd
        .arg(format!("--address={address}"))
        .arg("--json=short")
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    if out.stdout.iter().all(u8::is_ascii_whitespace) {
        // a method that returns nothing
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}

/// In the accessibility tree on bus `a11y`, the application named `app`'s
/// push button named `label`: the middle of it on screen.
/// A push button found in the accessibility tree.
struct Button {
    bus: String,
    path: String,
}

const ATSPI_ACCESSIBLE: &str = "org.a11y.atspi.Accessible";

/// Reads of the accessibility tree on bus `a11y` (as `nobody` when the
/// tree is theirs); a failed call reads as nothing.
struct Atspi<'a> {
    a11y: &'a str,
    nobody: bool,
}

impl Atspi<'_> {
    fn call(&self, args: &[&str]) -> Option<serde_json::Value> {
        busctl_as(self.nobody, self.a11y, args).ok()
    }

    /// The (bus, path) of each child of `path`.
    fn children(&self, bus: &str, path: &str) -> Vec<(String, String)> {
        self.call(&["call", bus, path, ATSPI_ACCESSIBLE, "GetChildren"])
            .and_then(|v| v["data"][0].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|c| Some((c[0].as_str()?.to_string(), c[1].as_str()?.to_string())))
            .collect()
    }

    fn name(&self, bus: &str, path: &str) -> String {
        self.call(&["get-property", bus, path, ATSPI_ACCESSIBLE, "Name"])
            .and_then(|v| v["data"].as_str().map(str::to_string))
            .unwrap_or_default()
    }

    fn role(&self, bus: &str, path: &str) -> String {
        self.call(&["call", bus, path, ATSPI_ACCESSIBLE, "GetRoleName"])
            .and_then(|v| v["data"][0].as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Walks `app`'s tree (depth first, as found) for push buttons named
    /// `label`, giving each (bus, path) to `found` until it breaks with
    /// the answer.
    fn each_push_button<T>(
        &self,
        app: &str,
        label: &str,
        mut found: impl FnMut(&str, &str) -> ControlFlow<Option<T>>,
    ) -> Option<T> {
        let root = "/org/a11y/atspi/accessible/root";
        for (bus, path) in self.children("org.a11y.atspi.Registry", root) {
            if self.name(&bus, &path) != app {
                continue;
            }
            let mut todo = vec![path];
            while let Some(p) = todo.pop() {
                if self.role(&bus, &p) == "push button" && self.name(&bus, &p) == label {
                    if let ControlFlow::Break(answer) = found(&bus, &p) {
                        return answer;
                    }
                }
                todo.extend(self.children(&bus, &p).into_iter().map(|(_, c)| c));
            }
        }
        None
    }
}

/// In the accessibility tree on bus `a11y`, `app`'s push button named
/// `label` that is showing (a state bit); as `nobody` when the tree is
/// theirs.
fn atspi_find(a11y: &str, app: &str, label: &str, nobody: bool) -> Option<Button> {
    const SHOWING: u64 = 1 << 25;
    let tree = Atspi { a11y, nobody };
    let call = |args: &[&str]| tree.call(args);
    let showing = |bus: &str, path: &str| -> bool {
        call(&["call", bus, path, ATSPI_ACCESSIBLE, "GetState"])
            .and_then(|v| v["data"][0][0].as_u64())
            .is_some_and(|s| s & SHOWING != 0)
    };
    tree.each_push_button(app, label, |bus, p| {
        if showing(bus, p) {
            ControlFlow::Break(Some(Button {
                bus: bus.to_string(),
                path: p.to_string(),
            }))
        } else {
            ControlFlow::Continue(())
        }
    })
}

/// The middle of `app`'s push button named `label` in the one of its
/// windows narrower than `screen_width` (a popup, not the desktop or a
/// panel) that shows `title`, walking only those windows.
fn atspi_find_in_popups(
    a11y: &str,
    app: &str,
    title: &str,
    label: &str,
    screen_width: i64,
) -> Option<(i64, i64)> {
    const ACC: &str = "org.a11y.atspi.Accessible";
    let call = |args: &[&str]| busctl(a11y, args).ok();
    let children = |bus: &str, path: &str| -> Vec<String> {
        call(&["call", bus, path, ACC, "GetChildren"])
            .and_then(|v| v["data"][0].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|c| Some(c[1].as_str()?.to_string()))
            .collect()
    };
    let name = |bus: &str, path: &str| -> String {
        call(&["get-property", bus, path, ACC, "Name"])
            .and_then(|v| v["data"].as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let extents = |bus: &str, path: &str| -> Option<Vec<i64>> {
        let v = call(&[
            "call",
            bus,
            path,
            "org.a11y.atspi.Component",
            "GetExtents",
            "u",
            "0",
        ])?;
        let e: Vec<i64> = v["data"][0]
            .as_array()?
            .iter()
            .filter_map(serde_json::Value::as_i64)
            .collect();
        (e.len() == 4).then_some(e)
    };
    let root = "/org/a11y/atspi/accessible/root";
    let apps = call(&["call", "org.a11y.atspi.Registry", root, ACC, "GetChildren"])?;
    for a in apps["data"][0].as_array()? {
        let (Some(bus), Some(path)) = (a[0].as_str(), a[1].as_str()) else {
            continue;
        };
        if name(bus, path) != app {
            continue;
        }
        for window in children(bus, path) {
            let Some(w) = extents(bus, &window) else {
                continue;
            };
            if w[2] <= 1 || w[3] <= 1 || w[2] >= screen_width {
                continue;
            }
            let (mut titled, mut button) = (false, None);
            let mut todo = vec![window];
            while let Some(p) = todo.pop() {
                let here = name(bus, &p);
                titled |= here == title;
                if here == label && button.is_none() {
                    let role = call(&["call", bus, &p, ACC, "GetRoleName"])
                        .and_then(|v| v["data"][0].as_str().map(str::to_string))
                        .unwrap_or_default();
                    if role == "push button" {
                        button = extents(bus, &p)
                            .filter(|e| e[2] > 0 && e[3] > 0)
                            .map(|e| (e[0] + e[2] / 2, e[1] + e[3] / 2));
                    }
                }
                todo.extend(children(bus, &p));
            }
            if titled && button.is_some() {
                return button;
            }
        }
    }
    None
}

fn atspi_find_button(a11y: &str, app: &str, label: &str) -> Option<(i64, i64)> {
    let tree = Atspi {
        a11y,
        nobody: false,
    };
    tree.each_push_button(app, label, |bus, p| {
        // (x, y, width, height) on the screen (coordinate type 0); a failed
        // call ends the search
        let Ok(e) = busctl(
            a11y,
            &[
                "call",
                bus,
                p,
                "org.a11y.atspi.Component",
                "GetExtents",
                "u",
                "0",
            ],
        ) else {
            return ControlFlow::Break(None);
        };
        let Some(e) = e["data"][0].as_array() else {
            return ControlFlow::Break(None);
        };
        let v: Vec<i64> = e.iter().filter_map(serde_json::Value::as_i64).collect();
        if v.len() == 4 && v[2] > 0 && v[3] > 0 {
            return ControlFlow::Break(Some((v[0] + v[2] / 2, v[1] + v[3] / 2)));
        }
        ControlFlow::Continue(())
    })
}

/// The `AddMatch` calls in `m` whose rule holds `rule_has` and that the
/// bus answered (their sender listens from then on), in order.
pub fn answered_add_matches<'a>(
    m: &'a [Message],
    rule_has: &'a str,
) -> impl Iterator<Item = &'a Message> + 'a {
    m.iter()
        .filter(move |x| {
            x.member == "AddMatch"
                && x.args
                    .first()
                    .and_then(Arg::string)
                    .is_some_and(|r| r.contains(rule_has))
        })
        .filter(move |call| {
            m.iter()
                .any(|r| r.reply_serial == Some(call.serial) && r.destination == call.sender)
        })
}

fn name_owner_changes(m: &[Message], name: &str) -> usize {
    m.iter()
        .filter(|m| {
            m.member == "NameOwnerChanged"
                && m.args.first().and_then(Arg::string).as_deref() == Some(name)
                && m.args
                    .get(2)
                    .and_then(Arg::string)
                    .is_some_and(|o| !o.is_empty())
        })
        .count()
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
    start_bus_with(conf, &[])
}

/// A bus whose activated services get these variables.
fn start_bus_with(conf: &Path, vars: &[(String, String)]) -> Child {
    // It prints its address once it listens.
    let (bus, line) = spawn_ready(
        Command::new("dbus-daemon")
            .arg(format!("--config-file={}", conf.display()))
            .args(["--nofork", "--print-address"])
            .envs(vars.iter().map(|(k, v)| (k, v))),
    );
    assert!(line.starts_with("unix:"), "dbus-daemon said {line:?}");
    bus
}

/// The environment of the servers of a desktop in `dir` (their own home
/// and XDG directories, its display, the session's variables).
fn session_vars(dir: &Path, display: u32, kind: Server) -> Vec<(String, String)> {
    let home = dir.join("home");
    let mut v: Vec<(String, String)> = vec![
        ("HOME".into(), home.display().to_string()),
        (
            "XDG_CONFIG_HOME".into(),
            home.join(".config").display().to_string(),
        ),
        (
            "XDG_DATA_HOME".into(),
            home.join(".local/share").display().to_string(),
        ),
        (
            "XDG_CACHE_HOME".into(),
            home.join(".cache").display().to_string(),
        ),
        ("DISPLAY".into(), format!(":{display}")),
        (
            "XDG_RUNTIME_DIR".into(),
            dir.join("runtime").display().to_string(),
        ),
    ];
    if kind.activates() {
        v.push((
            "DBUS_SYSTEM_BUS_ADDRESS".into(),
            format!("unix:path={}", dir.join("sysbus").display()),
        ));
    }
    v.extend(
        kind.session_env()
            .iter()
            .map(|(k, val)| ((*k).to_string(), (*val).to_string())),
    );
    v
}

/// Fill `dir` with the system's session services, leaving out every
/// provider of org.freedesktop.Notifications (dunst, MATE, xfce4-notifyd,
/// Plasma's own waiter…): nothing can be activated instead of the server
/// under test.
fn copy_services_but_notifiers(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let Ok(entries) = std::fs::read_dir("/usr/share/dbus-1/services") else {
        return;
    };
    for e in entries.flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        if text
            .lines()
            .any(|l| l.trim() == "Name=org.freedesktop.Notifications")
        {
            continue;
        }
        let _ = std::fs::write(dir.join(e.file_name()), text);
    }
}

/// Kill, by pid, every process whose environment names the bus at
/// `bus_path`: what the bus activated (Plasma's kded5, kglobalaccel5,
/// kactivitymanagerd; at-spi, dconf, gvfsd), and what it started in turn.
fn kill_bus_clients(bus_path: &Path) {
    let needle = format!("DBUS_SESSION_BUS_ADDRESS=unix:path={}", bus_path.display());
    let me = std::process::id().to_string();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return;
    };
    for p in procs.flatten() {
        let pid = p.file_name().to_string_lossy().into_owned();
        if !pid.bytes().all(|b| b.is_ascii_digit()) || pid == me {
            continue;
        }
        let Ok(env) = std::fs::read(p.path().join("environ")) else {
            continue;
        };
        let ours = |v: &[u8]| {
            v.strip_prefix(needle.as_bytes())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(b","))
        };
        if env.split(|b| *b == 0).any(ours) {
            let _ = Command::new("kill")
                .args(["-KILL", &pid])
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// A new dbus-monitor on the bus at `bus_path`, and the messages it
/// gathers.
pub fn monitored(bus_path: &Path) -> (Child, Shared<Vec<Message>>) {
    let messages: Shared<Vec<Message>> = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
    (start_monitor(bus_path, &messages), messages)
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
        .filter(|m| {
            m.kind == "method call"
                && m.member == "Notify"
                && m.args.len() >= 5
                // not GNOME's service forwarding it to the shell
                && m.destination == "org.freedesktop.Notifications"
        })
        .map(|m| {
            let reply = msgs.iter().find(|r| {
                r.kind == "method return"
                    && r.reply_serial == Some(m.serial)
                    && r.destination == m.sender
            });
            let id = reply.and_then(|r| r.args.first()).and_then(|a| {
                a.text
                    .trim()
                    .strip_prefix("uint32 ")
                    .and_then(|v| v.parse().ok())
            });
            Notify {
                time: m.time,
                sender: m.sender.clone(),
                server: reply.map(|r| r.sender.clone()),
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
/// parallel tests, and a readiness event. The desktops get a laptop's
/// screen (panels and banners laid out as in the recipes).
fn start_xvfb(kind: Server) -> (u32, Child) {
    let screen = if kind.session_env().is_empty() {
        "800x600x24"
    } else {
        "1280x800x24"
    };
    let (child, line) = spawn_ready(Command::new("Xvfb").args([
        "-displayfd",
        "1",
        "-nolisten",
        "tcp",
        "-screen",
        "0",
        screen,
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
        self.stop_server_processes();
        if let Some(mut c) = self.compositor.take() {
            kill_group(&c);
            stop(&mut c);
        }
        kill_bus_clients(&self.dir.path().join("bus"));
        for c in [&mut self.monitor, &mut self.xvfb, &mut self.bus] {
            stop(c);
        }
    }
}

/// SIGKILL a child's process group (it was spawned in one of its own).
fn kill_group(c: &Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", c.id())])
        .stderr(Stdio::null())
        .status();
}

/// Plasma's do not disturb, held by a connection of the test's; lifted
/// when dropped.
pub struct Inhibition {
    pub cookie: u32,
    release: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Inhibition {
    fn drop(&mut self) {
        drop(self.release.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Kill a child process and reap it.
pub fn stop(c: &mut Child) {
    let _ = c.kill();
    let _ = c.wait();
}
