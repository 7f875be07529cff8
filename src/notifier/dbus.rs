//! The D-Bus notifier: one long-lived session-bus connection for every
//! notification and every answer.
//!
//! - Every call (capabilities, Notify) is bounded by [`CALL_TIMEOUT`]. A
//!   `Notify` that has not answered by then keeps running in the background:
//!   if the server answers late, that answer is taken for the same
//!   notification at the next try instead of sending it a second time.
//! - `ActionInvoked` and `NotificationClosed` arrive on this connection
//!   (GNOME and dunst send them only to the connection that sent the
//!   notification) and are routed to the reminders by the server's
//!   notification id. Only the server's own are taken: each signal's
//!   sender must be the unique name that owns org.freedesktop.Notifications
//!   now (`GetNameOwner`, kept current through `NameOwnerChanged` from the
//!   bus), because a signal addressed to this connection is delivered
//!   whatever the match rules say, by anyone on the session bus. Anything
//!   else is dropped with one debug line. GNOME Shell also broadcasts each
//!   answer from another connection (to its forwarding service), which
//!   would otherwise count every answer twice.
//! - When the server goes away or is replaced (`NameOwnerChanged` with an
//!   old owner) or the bus goes away, the link is dropped and the daemon is
//!   told ([`Answer::ServerChanged`]): the notifications it had on screen are gone
//!   or dead, and it posts the outstanding ones again. Capabilities are
//!   asked again and a new connection is made at the next notification.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_lite::StreamExt;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;
// notify-rust's hints convert to this (zbus 6 keeps it under its old name)
#[allow(deprecated)]
use zbus::zvariant::Value;
use zbus::{Connection, MatchRule, MessageStream, message};

use super::note::{
    Answer, Button, Capabilities, Note, Notifier, ShowError, Shown, build, has_buttons,
};
use crate::plan::OccurrenceId;

pub(super) const DEST: &str = "org.freedesktop.Notifications";
pub(super) const PATH: &str = "/org/freedesktop/Notifications";
/// `NotificationClosed`'s reason for a `CloseNotification` call.
const CLOSED_BY_CALL: u32 = 3;
/// Longest wait for any call to the bus or the notification server.
pub(crate) const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// A `Notify` call running in its own task: the server's id, or why not.
type Call = JoinHandle<Result<u32, ShowError>>;

/// Which reminders each live notification stands for, by the server's id.
type Routes = Arc<Mutex<HashMap<u32, Vec<OccurrenceId>>>>;

#[derive(Debug, Default)]
pub(crate) struct DbusNotifier {
    link: Option<Link>,
    /// A `Notify` that outlived its timeout: the note it was for, and the
    /// call, still waiting for the server.
    pending: Option<(Note, Call)>,
}

/// A connection, what the server said it can do, and the task that reads
/// the server's signals.
#[derive(Debug)]
struct Link {
    conn: Connection,
    caps: Option<Capabilities>,
    /// The server's identity ([`Notifier::server`]), once known.
    server: Option<String>,
    routes: Routes,
    /// Set by the listener when the server or the bus went away.
    stale: Arc<AtomicBool>,
    listener: JoinHandle<()>,
}

impl Drop for Link {
    fn drop(&mut self) {
        self.listener.abort();
    }
}

/// Await `fut` for at most [`CALL_TIMEOUT`].
pub(crate) async fn bounded<T, E: std::fmt::Display>(
    what: &str,
    fut: impl Future<Output = Result<T, E>>,
) -> Result<T, String> {
    match tokio::time::timeout(CALL_TIMEOUT, fut).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(format!("{what}: {e}")),
        Err(_) => Err(format!(
            "{what}: no answer within {} s",
            CALL_TIMEOUT.as_secs()
        )),
    }
}

/// Ask the server for its capabilities.
pub(super) async fn capabilities_of(conn: &Connection) -> Result<Vec<String>, String> {
    let reply = bounded(
        "GetCapabilities",
        conn.call_method(Some(DEST), PATH, Some(DEST), "GetCapabilities", &()),
    )
    .await?;
    reply.body().deserialize().map_err(|e| e.to_string())
}

/// Whether the bus or the server refused the message itself (its text),
/// rather than being away: retrying would fail the same way.
fn refused(e: &zbus::Error) -> bool {
    match e {
        zbus::Error::MethodError(name, _, _) => matches!(
            name.as_str(),
            "org.freedesktop.DBus.Error.InvalidArgs"
                | "org.freedesktop.DBus.Error.InconsistentMessage"
                | "org.freedesktop.DBus.Error.LimitsExceeded"
        ),
        zbus::Error::InputOutput(_)
        | zbus::Error::Address(_)
        | zbus::Error::Handshake(_)
        | zbus::Error::InvalidReply
        | zbus::Error::Failure(_) => false,
        // the message could not even be written (e.g. a NUL in a string)
        _ => true,
    }
}

/// Send one notification; the server's id.
pub(super) async fn notify(
    conn: &Connection,
    n: &notify_rust::Notification,
    replaces: u32,
) -> Result<u32, ShowError> {
    #[allow(deprecated)]
    let hints: HashMap<&str, Value<'_>> = n.hints.iter().map(Into::into).collect();
    let body = (
        n.appname.as_str(),
        replaces,
        n.icon.as_str(),
        n.summary.as_str(),
        n.body.as_str(),
        &n.actions,
        hints,
        i32::from(n.timeout),
    );
    let reply = conn
        .call_method(Some(DEST), PATH, Some(DEST), "Notify", &body)
        .await
        .map_err(|e| match refused(&e) {
            true => ShowError::Rejected(e.to_string()),
            false => ShowError::Unavailable(e.to_string()),
        })?;
    reply
        .body()
        .deserialize()
        .map_err(|e| ShowError::Unavailable(e.to_string()))
}

/// The server's signal `member`, from the server only: the bus delivers
/// it only when it comes from the connection that owns
/// org.freedesktop.Notifications. GNOME Shell 43 itself broadcasts the same
/// `ActionInvoked`/`NotificationClosed` (same ids) on its own connection for
/// its service to forward; without this every answer on GNOME came twice.
fn signal_rule(member: &str) -> zbus::Result<MatchRule<'_>> {
    MatchRule::builder()
        .msg_type(message::Type::Signal)
        .sender(DEST)
        .path(PATH)
        .interface(DEST)
        .member(member)
        .build()
}

/// The bus itself: the only sender of `NameOwnerChanged`.
const BUS: &str = "org.freedesktop.DBus";

/// Subscribe to the server's answers and to a change of its owner; the
/// stream, and the unique name that owns org.freedesktop.Notifications now
/// (`None` while nobody does: the bus starts one for the first notification).
async fn subscribe(conn: &Connection) -> zbus::Result<(MessageStream, Option<String>)> {
    // the stream first, so nothing that arrives after the rules is missed
    let stream = MessageStream::from(conn);
    let bus = zbus::fdo::DBusProxy::new(conn).await?;
    bus.add_match_rule(signal_rule("ActionInvoked")?).await?;
    bus.add_match_rule(signal_rule("NotificationClosed")?)
        .await?;
    let owner = MatchRule::builder()
        .msg_type(message::Type::Signal)
        .interface("org.freedesktop.DBus")
        .member("NameOwnerChanged")
        .arg(0, DEST)
        .build()?;
    bus.add_match_rule(owner).await?;
    // asked after the rule: a change from here on arrives on the stream
    let owner = match bus
        .get_name_owner(zbus::names::BusName::from_static_str(DEST)?)
        .await
    {
        Ok(o) => Some(o.to_string()),
        Err(zbus::fdo::Error::NameHasNoOwner(_)) => None,
        Err(e) => return Err(e.into()),
    };
    Ok((stream, owner))
}

/// Whether a signal may be taken: the server's answers only from the unique
/// name that owns org.freedesktop.Notifications now, and a change of owner
/// only from the bus. Match rules filter broadcasts only: a signal
/// addressed to this connection (`gdbus emit --dest :1.N`) arrives whatever
/// they say, from anyone on the session bus.
fn from_the_server(sender: Option<&str>, member: &str, owner: Option<&str>) -> bool {
    match member {
        "NameOwnerChanged" => sender == Some(BUS),
        _ => sender.is_some() && sender == owner,
    }
}

/// Read signals until the connection ends; answers go to `answers`.
async fn listen(
    mut stream: MessageStream,
    mut owner: Option<String>,
    routes: Routes,
    stale: Arc<AtomicBool>,
    answers: UnboundedSender<Answer>,
) {
    let route = |id: u32, remove: bool| {
        let mut r = routes.lock().unwrap_or_else(|e| e.into_inner());
        if remove {
            r.remove(&id)
        } else {
            r.get(&id).cloned()
        }
    };
    while let Some(Ok(msg)) = stream.next().await {
        let header = msg.header();
        if header.message_type() != message::Type::Signal {
            continue;
        }
        let member = header.member().map(|m| m.as_str().to_string());
        if let Some(m) = member.as_deref() {
            if matches!(
                m,
                "ActionInvoked" | "NotificationClosed" | "ActivationToken" | "NameOwnerChanged"
            ) {
                let sender = header.sender().map(|s| s.as_str());
                if !from_the_server(sender, m, owner.as_deref()) {
                    tracing::debug!(
                        name: "ignored_signal",
                        member = m,
                        sender = sender.unwrap_or("-"),
                        server = owner.as_deref().unwrap_or("-"),
                        "ignored {m}: not from the notification server"
                    );
                    continue;
                }
            }
        }
        match member.as_deref() {
            Some("ActionInvoked") => {
                let Ok((id, action)) = msg.body().deserialize::<(u32, String)>() else {
                    continue;
                };
                // a click on the body ("default") is not an answer
                let Some(button) = Button::from_key(&action) else {
                    tracing::debug!(action, "ignoring unknown action");
                    continue;
                };
                if let Some(ids) = route(id, false) {
                    let _ = answers.send(Answer::Pressed { ids, button });
                }
            }
            Some("NotificationClosed") => {
                let Ok((id, reason)) = msg.body().deserialize::<(u32, u32)>() else {
                    continue;
                };
                // Closed by a call (ours, after an answer): the route stays,
                // since some servers (notification-daemon) leave the popup
                // up and its buttons still answer with this id.
                if let Some(ids) = route(id, reason != CLOSED_BY_CALL) {
                    let _ = answers.send(Answer::Closed { ids });
                }
            }
            Some("NameOwnerChanged") => {
                let Ok((name, old, new)) = msg.body().deserialize::<(String, String, String)>()
                else {
                    continue;
                };
                if name == DEST {
                    owner = (!new.is_empty()).then_some(new);
                }
                // a server appearing where there was none (started by the
                // bus for our first notification) changes nothing
                if name == DEST && !old.is_empty() {
                    tracing::info!(
                        "the notification server went away or was replaced; asking it again what it can do"
                    );
                    break;
                }
            }
            _ => {}
        }
    }
    stale.store(true, Ordering::Relaxed);
    let _ = answers.send(Answer::ServerChanged);
}

/// The identity of the server behind `conn`: the bus's id (new for every
/// bus) and the server's unique name (new for every connection to it).
async fn identity(conn: &Connection) -> Result<String, String> {
    let bus = bounded(
        "connect to the bus's own service",
        zbus::fdo::DBusProxy::new(conn),
    )
    .await?;
    let id = bounded("GetId", bus.get_id()).await?;
    let name = zbus::names::BusName::from_static_str(DEST).map_err(|e| e.to_string())?;
    let owner = match bus.get_name_owner(name).await {
        Ok(owner) => owner.to_string(),
        // nobody yet: the bus starts one for the next notification
        Err(zbus::fdo::Error::NameHasNoOwner(_)) => "-".to_string(),
        Err(e) => return Err(format!("GetNameOwner: {e}")),
    };
    Ok(format!("{id}/{owner}"))
}

impl DbusNotifier {
    /// The live link, made anew when there is none or the old one is stale.
    async fn link(&mut self, answers: &UnboundedSender<Answer>) -> Result<&mut Link, String> {
        if self
            .link
            .as_ref()
            .is_some_and(|l| l.stale.load(Ordering::Relaxed) || l.listener.is_finished())
        {
            self.link = None;
        }
        if self.link.is_none() {
            let conn = bounded("connect to the session bus", Connection::session()).await?;
            let (stream, owner) = bounded("subscribe to answers", subscribe(&conn)).await?;
            let routes = Routes::default();
            let stale = Arc::new(AtomicBool::new(false));
            let listener = tokio::spawn(listen(
                stream,
                owner,
                routes.clone(),
                stale.clone(),
                answers.clone(),
            ));
            self.link = Some(Link {
                conn,
                caps: None,
                server: None,
                routes,
                stale,
                listener,
            });
        }
        self.link
            .as_mut()
            .ok_or_else(|| "no connection to the session bus".to_string())
    }

    /// A `Notify` left over from a timeout, for this note (the same
    /// reminders, or the same words: [`Note::same_as`]): its late answer,
    /// if it came. `Err` while it is still waiting.
    async fn take_pending(&mut self, note: &Note) -> Result<Option<u32>, ShowError> {
        let Some((for_note, call)) = &self.pending else {
            return Ok(None);
        };
        if !call.is_finished() {
            return Err(ShowError::Unavailable(
                "the notification server has not answered the last notification yet".into(),
            ));
        }
        let same = for_note.same_as(note);
        let Some((_, call)) = self.pending.take() else {
            return Ok(None);
        };
        match call.await {
            // shown after all: the same reminders are not sent again
            Ok(Ok(id)) if same => Ok(Some(id)),
            _ => Ok(None),
        }
    }
}

impl Notifier for DbusNotifier {
    async fn show(
        &mut self,
        note: &Note,
        answers: &UnboundedSender<Answer>,
    ) -> Result<Shown, ShowError> {
        let late = self.take_pending(note).await?;
        let result = self.send(note, answers, late).await;
        if result.is_err() {
            // the server may have been replaced: ask again next time
            if let Some(l) = &mut self.link {
                l.caps = None;
                l.server = None;
            }
        }
        result
    }

    async fn server(&mut self, answers: &UnboundedSender<Answer>) -> Result<String, ShowError> {
        let link = self.link(answers).await.map_err(ShowError::Unavailable)?;
        if let Some(s) = &link.server {
            return Ok(s.clone());
        }
        let s = identity(&link.conn).await.map_err(ShowError::Unavailable)?;
        // not kept while nobody owns the name: the next call asks again
        if !s.ends_with("/-") {
            link.server = Some(s.clone());
        }
        Ok(s)
    }

    async fn close(&mut self, id: u32) {
        let Some(link) = &self.link else {
            return;
        };
        if link.stale.load(Ordering::Relaxed) {
            return;
        }
        let body = (id,);
        let call = link
            .conn
            .call_method(Some(DEST), PATH, Some(DEST), "CloseNotification", &body);
        if let Err(e) = bounded("CloseNotification", call).await {
            tracing::debug!(id, "could not close a notification: {e}");
        }
    }
}

impl DbusNotifier {
    async fn send(
        &mut self,
        note: &Note,
        answers: &UnboundedSender<Answer>,
        late: Option<u32>,
    ) -> Result<Shown, ShowError> {
        let link = self.link(answers).await.map_err(ShowError::Unavailable)?;
        let caps = match link.caps {
            Some(c) => c,
            None => {
                let list = capabilities_of(&link.conn)
                    .await
                    .map_err(ShowError::Unavailable)?;
                let caps = Capabilities::from_list(&list);
                tracing::info!(
                    actions = caps.actions,
                    body_markup = caps.body_markup,
                    "notification server capabilities"
                );
                link.caps = Some(caps);
                caps
            }
        };
        let actions = has_buttons(note, caps);
        let id = match late {
            Some(id) => id,
            None => {
                let conn = link.conn.clone();
                let n = build(note, caps);
                let replaces = note.replaces.unwrap_or(0);
                let mut call = tokio::spawn(async move { notify(&conn, &n, replaces).await });
                match tokio::time::timeout(CALL_TIMEOUT, &mut call).await {
                    Ok(Ok(Ok(id))) => id,
                    Ok(Ok(Err(e))) => return Err(e),
                    Ok(Err(e)) => return Err(ShowError::Unavailable(format!("Notify: {e}"))),
                    Err(_) => {
                        // keep waiting in the background; never send twice
                        tracing::debug!(
                            name: "notify_timed_out",
                            timeout_s = CALL_TIMEOUT.as_secs(),
                            "Notify: no answer yet; waiting for it in the background"
                        );
                        self.pending = Some((note.clone(), call));
                        return Err(ShowError::Unavailable(format!(
                            "Notify: the notification server did not answer within {} s",
                            CALL_TIMEOUT.as_secs()
                        )));
                    }
                }
            }
        };
        // every one, with or without buttons: its close is news too
        let link = self.link(answers).await.map_err(ShowError::Unavailable)?;
        link.routes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, note.ids.clone());
        let server = self.server(answers).await?;
        Ok(Shown {
            id,
            actions,
            server,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::from_the_server;

    #[test]
    fn only_the_owner_answers_and_only_the_bus_names_the_owner() {
        let owner = Some(":1.7");
        assert!(from_the_server(Some(":1.7"), "ActionInvoked", owner));
        assert!(from_the_server(Some(":1.7"), "NotificationClosed", owner));
        for m in ["ActionInvoked", "NotificationClosed", "ActivationToken"] {
            assert!(!from_the_server(Some(":1.9"), m, owner), "{m} from another");
            assert!(!from_the_server(None, m, owner), "{m} without a sender");
            assert!(!from_the_server(Some(":1.7"), m, None), "{m} with no owner");
        }
        assert!(from_the_server(
            Some("org.freedesktop.DBus"),
            "NameOwnerChanged",
            owner
        ));
        assert!(!from_the_server(Some(":1.9"), "NameOwnerChanged", owner));
    }
}
