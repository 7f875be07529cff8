#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    clippy::disallowed_methods
)]
//! aftercare on real notification servers, end to end: dunst,
//! xfce4-notifyd, notification-daemon, mate-notification-daemon, notify-osd
//! and GNOME Shell 43 headless, each on a private session bus (and Xvfb
//! where it needs X). Per server: the reminder arrives once (one `Notify`,
//! answered with the server's id); its body is escaped exactly when the
//! server advertises `body-markup`; Done/Snooze are offered exactly when it
//! has `actions`; and where it has them, the server itself presses the
//! buttons (a pointer click, or dunst's context menu) and the answers reach
//! the daemon's journal. On GNOME the answer must come the way GNOME sends
//! it: only to the connection that sent the notification.
//!
//! The servers run one at a time (GNOME Shell is heavy; the others are
//! quick). A server that is not installed skips its test loudly, except on
//! CI, where it fails. docs/desktops.md says what each one needs.

use crate::common;

use common::desktop::{Desktop, Message, Notify, Server};
use common::scenario::Scenario;
use common::statuses;
use std::sync::Mutex;

/// One server at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const TITLE: &str = "Cream";
/// Markup a server would render (or choke on: `&` alone is invalid).
const BODY: &str = "Apply a <b>thin</b> layer & wait 5 min";

fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Whether `server` can run here; when not: fail on CI, else say so loudly.
fn runs_here(server: Server) -> bool {
    let Some(why) = server.missing() else {
        return true;
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "{why} (CI must run every server)"
    );
    eprintln!("\n*** SKIPPED {}: {why} ***\n", server.name());
    false
}

/// The value line after a hint's key, as dbus-monitor prints the dict.
fn hint(n: &Notify, key: &str) -> Option<String> {
    let at = n
        .hints
        .iter()
        .position(|l| l == &format!("string \"{key}\""))?;
    n.hints.get(at + 1).cloned()
}

/// `ActionInvoked` signals for notification `id`.
fn action_signals(desk: &Desktop, id: u32) -> Vec<Message> {
    desk.messages()
        .into_iter()
        .filter(|m| {
            m.kind == "signal"
                && m.member == "ActionInvoked"
                && m.args.first().map(|a| a.text.trim()) == Some(&format!("uint32 {id}"))
        })
        .collect()
}

fn is_broadcast(m: &Message) -> bool {
    m.destination.is_empty() || m.destination.starts_with("(null")
}

/// What a server must do with one of aftercare's reminders; see the
/// module's comment. `before_start` prepares the desktop before the daemon
/// starts; `shown` checks the first notification once it is up.
fn conformance(
    server: Server,
    before_start: impl FnOnce(&Scenario),
    shown: impl FnOnce(&Scenario, &Notify),
) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if !runs_here(server) {
        return;
    }
    let s = Scenario::with_server(server);
    let info = s.desk.server_information();
    let caps = s.desk.capabilities();
    eprintln!("{}: {info:?}, capabilities {caps:?}", server.name());
    let (markup, actions) = (
        caps.iter().any(|c| c == "body-markup"),
        caps.iter().any(|c| c == "actions"),
    );
    let config = s.t.header("snooze = \"3s\"")
        + &format!(
            "[reminders.a]\nafter = [\"{}\"]\ntitle = \"{TITLE}\"\nbody = \"{BODY}\"\n\n",
            s.t.after(2)
        )
        + &s.t.rule("z", &[300], "Later");
    let s = s.config(&config);
    before_start(&s);
    let d = s.start();

    // Arrives once, answered with the server's id.
    let n = s.desk.wait_summary(TITLE);
    d.wait_log("sent");
    assert_eq!(n.app, "aftercare");
    let id = n.id.expect("the server's id");
    assert!(id > 0, "id {id}");
    let ours: Vec<Notify> = s
        .desk
        .notifies()
        .into_iter()
        .filter(|x| x.sender == n.sender)
        .collect();
    assert_eq!(ours.len(), 1, "one Notify from aftercare: {ours:?}");
    assert_eq!(n.replaces_id, 0);
    // Escaped exactly when the server renders markup.
    let want = if markup {
        escaped(BODY)
    } else {
        BODY.to_string()
    };
    assert_eq!(n.body, want, "body-markup: {markup}");
    // desktop-entry always; resident with buttons; never transient.
    assert!(
        hint(&n, "desktop-entry").is_some_and(|v| v.ends_with("string \"aftercare\"")),
        "{:?}",
        n.hints
    );
    assert!(
        hint(&n, "transient").is_none(),
        "never transient: {:?}",
        n.hints
    );
    shown(&s, &n);

    if !actions {
        assert!(
            n.actions.is_empty(),
            "no buttons without actions: {:?}",
            n.actions
        );
        assert!(hint(&n, "resident").is_none(), "{:?}", n.hints);
        // Nothing to press: the reminder stays as sent.
        assert_eq!(statuses(&s.sb.journal(), "a@"), ["sent"]);
        eprintln!("{}: no actions: no buttons offered", server.name());
        return;
    }
    assert_eq!(n.label("done"), Some("Done"), "{:?}", n.actions);
    assert!(
        n.label("snooze").is_some_and(|l| l.starts_with("Snooze")),
        "{:?}",
        n.actions
    );
    assert!(
        hint(&n, "resident").is_some_and(|v| v.ends_with("true")),
        "{:?}",
        n.hints
    );

    // Snooze, pressed by the server itself.
    s.desk.wait_action_listener(&n);
    let how = s.desk.invoke_action(id, "snooze");
    eprintln!("{}: snooze: {how}", server.name());
    d.wait_log("snoozed");
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["snoozed"]);
    let signals = action_signals(&s.desk, id);
    let from_server: Vec<&Message> = signals
        .iter()
        .filter(|m| Some(&m.sender) == n.server.as_ref())
        .collect();
    assert_eq!(
        from_server.len(),
        1,
        "one ActionInvoked from the server: {signals:?}"
    );
    let unicast = !is_broadcast(from_server[0]);
    eprintln!(
        "{}: ActionInvoked {}",
        server.name(),
        if unicast {
            "unicast to the sender"
        } else {
            "broadcast"
        }
    );
    if unicast {
        assert_eq!(
            from_server[0].destination, n.sender,
            "to the sending connection"
        );
    }
    if server == Server::Gnome {
        assert!(
            unicast,
            "GNOME sends answers to the sender only: {signals:?}"
        );
        // The shell broadcasts the same answer from its own connection (for
        // its service); aftercare listens to the server's only, so the
        // journal entry above came from the unicast one (and only once).
        assert!(
            signals
                .iter()
                .any(|m| Some(&m.sender) != n.server.as_ref() && is_broadcast(m)),
            "the shell's own broadcast: {signals:?}"
        );
        let rules: Vec<String> = s
            .desk
            .messages()
            .iter()
            .filter(|m| m.member == "AddMatch" && m.sender == n.sender)
            .filter_map(|m| m.args.first().and_then(|a| a.string()))
            .filter(|r| r.contains("ActionInvoked"))
            .collect();
        assert!(
            !rules.is_empty()
                && rules
                    .iter()
                    .all(|r| r.contains("sender='org.freedesktop.Notifications'")),
            "{rules:?}"
        );
    }

    // Shown again after the snooze, then Done.
    let again = s
        .desk
        .wait_messages("the reminder again after the snooze", |m| {
            common::desktop::notifies_of(m)
                .into_iter()
                .filter(|x| x.shows(TITLE) && x.id.is_some())
                .nth(1)
        });
    assert_eq!(again.sender, n.sender, "the same connection");
    s.desk.wait_action_listener(&again);
    let how = s.desk.invoke_action(again.id.unwrap(), "done");
    eprintln!("{}: done: {how}", server.name());
    d.wait_log("done");
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["done"]);
    // Answered, so taken off the screen (it is resident: a server that
    // honours that would keep it)
    s.desk.wait_close_call(&n.sender, again.id.unwrap());
    // Each answer taken once (GNOME: not also from the shell's own broadcast).
    assert_eq!(d.log_count("snoozed"), 1, "{:?}", d.log());
    assert_eq!(
        s.desk.count(TITLE),
        2,
        "shown twice: before and after the snooze"
    );
    drop(d);
}

#[test]
fn dunst() {
    conformance(Server::Dunst, |_| {}, |_, _| {});
}

#[test]
fn xfce4_notifyd() {
    conformance(Server::Xfce, |_| {}, |_, _| {});
}

#[test]
fn notification_daemon() {
    conformance(Server::NotificationDaemon, |_| {}, |_, _| {});
}

#[test]
fn mate_notification_daemon() {
    conformance(Server::Mate, |_| {}, |_, _| {});
}

#[test]
fn notify_osd() {
    conformance(Server::NotifyOsd, |_| {}, |_, _| {});
}

/// GNOME Shell 43: also the `.desktop` file the `desktop-entry` hint names,
/// installed where `aftercare install` puts it, and matched by the shell.
#[test]
fn gnome_shell() {
    conformance(
        Server::Gnome,
        |s| {
            assert!(
                !s.desk.gnome_knows_app("aftercare.desktop"),
                "no aftercare.desktop yet"
            );
            let template = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/aftercare.desktop"),
            )
            .unwrap();
            let rendered = template.replace("Exec=aftercare", &format!("Exec={}", common::bin()));
            let apps = s.desk.data_home().join("applications");
            std::fs::create_dir_all(&apps).unwrap();
            std::fs::write(apps.join("aftercare.desktop"), rendered).unwrap();
            s.desk
                .wait_messages("GNOME Shell to see aftercare.desktop", |_| {
                    s.desk.gnome_knows_app("aftercare.desktop").then_some(())
                });
        },
        |s, n| {
            let all = s.desk.gnome_notifications();
            let ours: Vec<&serde_json::Value> = all
                .as_array()
                .unwrap()
                .iter()
                .filter(|x| x["title"] == n.summary.as_str())
                .collect();
            assert_eq!(ours.len(), 1, "{all}");
            let x = ours[0];
            assert_eq!(
                x["app"], "aftercare.desktop",
                "matched by desktop-entry: {x}"
            );
            assert_eq!(x["resident"], true, "{x}");
            assert_eq!(x["transient"], false, "{x}");
            assert_eq!(x["body"], n.body.as_str(), "{x}");
            eprintln!("gnome-shell: the tray has {x}");
        },
    );
}
