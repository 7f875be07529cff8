#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]
#![allow(clippy::disallowed_methods)]
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

use common::daemon::Running;
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
    let why = server.missing().or_else(|| {
        (server.on_sway() && !common::is_root()).then(|| {
            format!(
                "{} runs on sway as `nobody`, which needs root to switch to \
                 (CI runs as root)",
                server.name()
            )
        })
    });
    let Some(why) = why else {
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
    action_signals_in(&desk.messages(), id)
}

fn action_signals_in(msgs: &[Message], id: u32) -> Vec<Message> {
    msgs.iter()
        .filter(|m| {
            m.kind == "signal"
                && m.member == "ActionInvoked"
                && m.args.first().map(|a| a.text.trim()) == Some(&format!("uint32 {id}"))
        })
        .cloned()
        .collect()
}

/// Done pressed on `n` (`when`, for the log): the daemon records it and
/// asks the server to take `n` off the screen.
fn press_done(s: &Scenario, d: &Running, server: Server, n: &Notify, when: &str) {
    let how = s.desk.press(n, "done");
    eprintln!("{}: done{when}: {how}", server.name());
    d.wait_event("done");
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["done"]);
    s.desk.wait_close_call(&n.sender, n.id.unwrap());
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
    conformance_with(server, None, before_start, shown);
}

/// Between the snooze and Done: the daemon restarts (killed) and takes
/// the unanswered reminder over in place, then the server restarts and
/// the reminder is posted again on the new one. `off_screen` runs first:
/// a server that drops the reminder from the screen by itself (Cinnamon's
/// tray) has done so, and the take-over must bring it back.
type OffScreen<'a> = &'a dyn Fn(&Scenario, &Notify);

/// [`conformance`] with the restarts, for a server with no set-up or
/// check of its own but `off_screen`.
fn conformance_with_restarts(server: Server, off_screen: OffScreen<'_>) {
    conformance_with(server, Some(off_screen), |_| {}, |_, _| {});
}

fn conformance_with(
    server: Server,
    restarts: Option<OffScreen<'_>>,
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
    let mut s = s.notifications("snooze = \"3s\"").reminders_written(|t| {
        t.rule_with("a", 2, &format!("title = \"{TITLE}\"\nbody = \"{BODY}\"\n"))
            + &t.rule("z", &[300], "Later")
    });
    before_start(&s);
    let mut d = s.start();

    // Arrives once, answered with the server's id.
    let n = s.desk.wait_summary(TITLE);
    d.wait_event("sent");
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
    d.wait_event("snoozed");
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["snoozed"]);
    // the monitor may see it after the daemon acted on it
    s.desk.wait_messages("ActionInvoked from the server", |m| {
        action_signals_in(m, id)
            .iter()
            .any(|m| Some(&m.sender) == n.server.as_ref())
            .then_some(())
    });
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
    // Each answer taken once (GNOME: not also from the shell's own broadcast).
    assert_eq!(d.event_count("snoozed"), 1, "{:?}", d.log());
    let Some(off_screen) = restarts else {
        // Answered, so taken off the screen (it is resident: a server that
        // honours that would keep it)
        press_done(&s, &d, server, &again, "");
        assert_eq!(
            s.desk.count(TITLE),
            2,
            "shown twice: before and after the snooze"
        );
        drop(d);
        return;
    };
    let again_id = again.id.unwrap();
    off_screen(&s, &again);

    // The daemon dies (kill -9) and starts again: the reminder is taken
    // over in place, with the same id, from the new connection.
    d.wait_event_n("sent", &[], 2); // recorded as on screen before it is logged
    d.signal("KILL");
    d.wait_exit();
    let d = s.start();
    let taken = s.desk.wait_messages("the reminder taken over", |m| {
        common::desktop::notifies_of(m)
            .into_iter()
            .find(|x| x.shows(TITLE) && x.replaces_id == again_id && x.id.is_some())
    });
    d.wait_event_n("taken_over", &[("count", "1"), ("same_server", "true")], 1);
    assert_ne!(taken.sender, again.sender, "a new connection");
    assert_eq!(taken.id, Some(again_id), "replaced in place");
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["sent"]);
    if server == Server::Cinnamon {
        // from the tray, back on screen as a banner
        s.desk.poll("the reminder taken over back as a banner", || {
            s.desk.cinnamon_banner() == TITLE
        });
    }
    if server == Server::Swaync {
        // from the control centre, back as a popup
        s.desk.poll("the reminder taken over back as a popup", || {
            s.desk.swaync_showing("Done")
        });
    }

    // The server restarts: ids of the old one are dead, so the reminder is
    // posted again, new, on the new server (the daemon asks it again what
    // it can do, on a connection of its own).
    s.desk.kill_server();
    s.desk.start_server();
    let reposted = s.desk.wait_messages("the reminder on the new server", |m| {
        common::desktop::notifies_of(m)
            .into_iter()
            .find(|x| x.shows(TITLE) && x.time > taken.time && x.replaces_id == 0 && x.id.is_some())
    });
    assert_ne!(reposted.server, taken.server, "the new server answered");
    let id = reposted.id.unwrap();

    // Done, on the new server, reaches the new process.
    press_done(&s, &d, server, &reposted, " after both restarts");
    let done: Vec<Message> = s
        .desk
        .messages()
        .into_iter()
        .filter(|m| {
            m.member == "ActionInvoked"
                && Some(&m.sender) == reposted.server.as_ref()
                && m.args.first().map(|a| a.text.trim()) == Some(&format!("uint32 {id}"))
        })
        .collect();
    assert_eq!(
        done.len(),
        1,
        "one ActionInvoked from the new server: {done:?}"
    );
    assert!(is_broadcast(&done[0]), "{done:?}");
    // first, after the snooze, taken over, on the new server (Plasma may
    // refuse a take-over this soon after the snooze as "too many similar
    // notifications in quick succession"; the daemon retries it, so count
    // the ones the server took)
    let taken_ones = s
        .desk
        .notifies()
        .iter()
        .filter(|x| x.shows(TITLE) && x.id.is_some())
        .count();
    assert_eq!(taken_ones, 4, "{:#?}", s.desk.notifies());
    assert_eq!(s.desk.count_new(TITLE), 3, "the take-over is no new one");
    drop(d);
}

/// SwayNotificationCenter on headless sway. Its buttons cannot be clicked
/// here: headless sway has no pointer, and swaync 0.7.3 has no command
/// that invokes an action. They are pressed through the accessibility
/// tree instead (the GTK button's own click action), so swaync itself
/// sends `ActionInvoked`. Its popup times out into the control centre
/// without `NotificationClosed`: the take-over after the daemon's restart
/// replaces it there, and it is pressed in the opened control centre
/// when the popup is gone.
#[test]
fn swaync() {
    conformance_with_restarts(Server::Swaync, &|s, n| {
        // swaync gives even a resident notification with
        // expire_timeout 0 its default timeout
        s.desk
            .poll("the popup to time out", || !s.desk.swaync_showing("Done"));
        assert_no_close(s, n, "swaync said nothing when the popup timed out");
        let count = s.desk.swaync_cc("NotificationCount", &[]);
        assert_eq!(count["data"][0], 1, "in the control centre: {count}");
    });
}

/// No `NotificationClosed` for `n` so far.
fn assert_no_close(s: &Scenario, n: &Notify, why: &str) {
    let id = n.id.unwrap();
    assert!(
        !s.desk
            .messages()
            .iter()
            .any(|m| m.member == "NotificationClosed"
                && m.args.first().map(|a| a.text.trim()) == Some(&format!("uint32 {id}"))),
        "{why}"
    );
}

/// Cinnamon 5.6: the banner goes to the tray applet after about 4 s,
/// with no `NotificationClosed`, even when it should stay. The tray keeps
/// it under the same id: the take-over after a restart replaces it there,
/// and it comes up as a banner again, with working buttons.
#[test]
fn cinnamon() {
    conformance_with_restarts(Server::Cinnamon, &|s, n| {
        // nothing on the bus says so: ask the shell
        s.desk.poll("the banner to go to the tray", || {
            s.desk.cinnamon_banner() != n.summary
        });
        assert_no_close(
            s,
            n,
            "Cinnamon said nothing when it moved the banner to the tray",
        );
    });
}

/// A conformance test for each server that needs no check of its own.
macro_rules! conformance_tests {
    ($($name:ident => $server:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            conformance(Server::$server, |_| {}, |_, _| {});
        }
    )*};
}

conformance_tests! {
    dunst => Dunst,
    xfce4_notifyd => Xfce,
    notification_daemon => NotificationDaemon,
    mate_notification_daemon => Mate,
    notify_osd => NotifyOsd,
}

/// A conformance test with the restarts ([`conformance_with_restarts`])
/// for each server that needs nothing of its own there.
macro_rules! conformance_tests_with_restarts {
    ($($(#[$doc:meta])* $name:ident => $server:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[test]
        fn $name() {
            conformance_with_restarts(Server::$server, &|_, _| {});
        }
    )*};
}

conformance_tests_with_restarts! {
    /// KDE Plasma 5.27: plasmashell on X (no KWin) with its helpers activated
    /// on the session bus; its popup's buttons clicked with xdotool where the
    /// accessibility tree puts them.
    plasma => Plasma,
    /// mako on headless sway: no buttons on screen; a person picks Done or
    /// Snooze from `makoctl menu`, and mako sends the answer.
    mako => Mako,
    lxqt_notificationd => Lxqt,
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

/// Do not disturb never loses a reminder: one shown while the person is
/// not to be disturbed is still with the server when they come back,
/// answerable there, recorded once; the daemon does not post it again.
/// `quiet` turns do not disturb on and returns what turns it off when
/// dropped (or called); `hidden` checks the server holds the reminder
/// without showing it.
fn do_not_disturb(
    server: Server,
    quiet: impl FnOnce(&Scenario) -> Box<dyn FnOnce(&Scenario)>,
    hidden: impl Fn(&Scenario, &Notify),
) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if !runs_here(server) {
        return;
    }
    let s = Scenario::with_server(server);
    let s = s.notifications("snooze = \"3s\"").reminders_written(|t| {
        t.rule_with("a", 2, &format!("title = \"{TITLE}\"\nbody = \"{BODY}\"\n"))
            + &t.rule("b", &[6], "Other")
            + &t.rule("z", &[300], "Later")
    });
    let back = quiet(&s);
    let d = s.start();
    let n = s.desk.wait_summary(TITLE);
    d.wait_event("sent");
    hidden(&s, &n);
    // a while later, still quiet: the next reminder comes, and the first
    // is neither posted again nor given up on
    s.desk.wait_summary("Other");
    d.wait_event_n("sent", &[], 2);
    hidden(&s, &n);
    assert_eq!(statuses(&s.sb.journal(), "a@"), ["sent"]);
    back(&s);

    // Back: answered where it is, recorded once.
    press_done(&s, &d, server, &n, " after do not disturb");
    assert_eq!(
        s.desk.count(TITLE),
        1,
        "posted once: {:#?}",
        s.desk.notifies()
    );
    assert_eq!(d.event_count("done"), 1, "{:?}", d.log());
    drop(d);
}

/// Plasma: `Inhibit()` (held by a connection; the `Inhibited` property
/// says so). The reminder is accepted and not shown; lifted, it pops up.
#[test]
fn plasma_do_not_disturb() {
    do_not_disturb(
        Server::Plasma,
        |s| {
            let inhibition = s.desk.plasma_inhibit();
            assert!(s.desk.plasma_inhibited(), "Inhibited");
            Box::new(move |s: &Scenario| {
                drop(inhibition);
                s.desk.poll("Plasma to lift the inhibition", || {
                    !s.desk.plasma_inhibited()
                });
                // and the two reminders held meanwhile pop up
                s.desk
                    .poll("the reminders' popups", || s.desk.plasma_popups() == 2);
            })
        },
        |s, _| {
            assert!(s.desk.plasma_inhibited(), "still inhibited");
            assert_eq!(s.desk.plasma_popups(), 0, "no popup while inhibited");
        },
    );
}

/// `quiet` where the harness switches the server's do not disturb
/// ([`Desktop::set_do_not_disturb`]): on now, off when back.
fn switch_do_not_disturb(s: &Scenario) -> Box<dyn FnOnce(&Scenario)> {
    s.desk.set_do_not_disturb(true);
    Box::new(|s: &Scenario| s.desk.set_do_not_disturb(false))
}

/// mako: a mode (`[mode=do-not-disturb] invisible=1`, the man page's
/// example): the reminder is held (`makoctl list`), not drawn.
#[test]
fn mako_do_not_disturb() {
    do_not_disturb(Server::Mako, switch_do_not_disturb, |s, n| {
        let ids = s.desk.mako_ids();
        assert!(
            ids.contains(&u64::from(n.id.unwrap())),
            "mako holds it: {ids:?}"
        );
    });
}

/// swaync: its DND switch. Popups are not shown (no button of it is
/// showing), the control centre holds it; after DND it is answered there.
#[test]
fn swaync_do_not_disturb() {
    do_not_disturb(Server::Swaync, switch_do_not_disturb, |s, _| {
        let count = s.desk.swaync_cc("NotificationCount", &[]);
        assert!(
            count["data"][0].as_u64().is_some_and(|c| c >= 1),
            "in the control centre: {count}"
        );
        assert!(
            !s.desk.swaync_showing("Done"),
            "no popup under do not disturb"
        );
    });
}

/// A fourth reminder is merged into the oldest of three on screen
/// (`replaces_id`, GNOME's limit). On Cinnamon and swaync, that oldest one
/// has left the screen without a word by then (the tray, the control
/// centre): the merge must not go into something the person cannot see.
/// It does not: the server still holds it under its id, and the replaced
/// notification comes up again, listing both, and one Done answers both.
/// `all_hidden` says the first three are off the screen; `shown` that the
/// merged one (by its summary) is on it.
fn merge_into_hidden(
    server: Server,
    all_hidden: impl Fn(&Scenario) -> bool,
    shown: impl Fn(&Scenario, &str) -> bool,
) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if !runs_here(server) {
        return;
    }
    let s = Scenario::with_server(server);
    // three at once, the fourth well after the first three have left
    let config = s.t.header("")
        + &s.t.rules(&[
            ("a", &[2], "Alpha"),
            ("b", &[3], "Bravo"),
            ("c", &[4], "Charlie"),
            ("d", &[30], "Delta"),
            ("z", &[300], "Later"),
        ]);
    let s = s.config(&config);
    let d = s.start();
    let alpha = s.desk.wait_summary("Alpha");
    s.desk.wait_summary("Bravo");
    s.desk.wait_summary("Charlie");
    s.desk
        .poll("the three to leave the screen", || all_hidden(&s));
    assert_eq!(s.desk.count("Delta"), 0, "too slow: Delta came first");
    for n in s.desk.notifies() {
        assert_no_close(&s, &n, "left the screen without a word");
    }
    let merged = s.desk.wait_summary("Delta");
    assert!(merged.shows("Alpha"), "{merged:?}");
    assert_eq!(merged.replaces_id, alpha.id.unwrap(), "merged into Alpha");
    assert_eq!(merged.id, alpha.id, "the same notification, replaced");
    s.desk.poll("the merged notification on screen", || {
        shown(&s, &merged.summary)
    });
    eprintln!("{}: {:?} is on screen again", server.name(), merged.summary);
    let how = s.desk.press(&merged, "done");
    eprintln!("{}: done: {how}", server.name());
    d.wait_event("done");
    let j = s.sb.journal();
    assert_eq!(statuses(&j, "a@"), ["done"]);
    assert_eq!(statuses(&j, "d@"), ["done"]);
    assert_eq!(statuses(&j, "b@"), ["sent"]);
    assert_eq!(statuses(&j, "c@"), ["sent"]);
    drop(d);
}

#[test]
fn cinnamon_merge_into_the_tray() {
    merge_into_hidden(
        Server::Cinnamon,
        |s| s.desk.cinnamon_banner().is_empty(),
        |s, summary| s.desk.cinnamon_banner() == summary,
    );
}

#[test]
fn swaync_merge_into_the_control_centre() {
    merge_into_hidden(
        Server::Swaync,
        |s| !s.desk.swaync_showing("Done"),
        |s, _| s.desk.swaync_showing("Done"),
    );
}
