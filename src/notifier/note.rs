//! What a notification is ([`Note`]) and what comes back ([`Answer`]),
//! the [`Notifier`] trait, and the notify-rust `Notification` a note is
//! built into ([`build`]).

use notify_rust::{Hint, Notification, Timeout, Urgency};
use tokio::sync::mpsc::UnboundedSender;

use crate::config::Expire;
use crate::plan::OccurrenceId;

pub(crate) const APP_NAME: &str = "aftercare";
const CATEGORY: &str = "x-aftercare.reminder";

/// What the notification server can do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Capabilities {
    pub actions: bool,
    pub body_markup: bool,
}

impl Capabilities {
    pub(crate) fn from_list(caps: &[String]) -> Capabilities {
        Capabilities {
            actions: caps.iter().any(|c| c == "actions"),
            body_markup: caps.iter().any(|c| c == "body-markup"),
        }
    }
}

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    /// The occurrences it stands for, in the order listed (an answer goes
    /// to all of them); none for a note that only informs.
    pub ids: Vec<OccurrenceId>,
    pub title: String,
    pub body: String,
    /// Offer Done and Snooze (with these labels) if the server has actions.
    pub buttons: Option<Buttons>,
    /// Also offer "Indoors today" (first daylight reminder of a day).
    pub indoors: bool,
    /// How long it stays when it has buttons.
    pub expire: Expire,
    /// The server's id of the notification this one replaces (a repeat).
    pub replaces: Option<u32>,
}

impl Note {
    /// A notification that only informs: it stands for no occurrence, has
    /// no buttons, and the server decides how long it stays.
    pub(crate) fn info(title: impl Into<String>, body: impl Into<String>) -> Note {
        Note {
            ids: Vec::new(),
            title: title.into(),
            body: body.into(),
            buttons: None,
            indoors: false,
            expire: Expire::Server,
            replaces: None,
        }
    }
}

impl Note {
    /// Whether `other` is this note again (a late answer to one stands for
    /// the other): the same occurrences, or for notes that only inform, the
    /// same words.
    pub(crate) fn same_as(&self, other: &Note) -> bool {
        self.ids == other.ids
            && (!self.ids.is_empty() || (self.title == other.title && self.body == other.body))
    }
}

/// The buttons' labels, in the person's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Buttons {
    pub done: String,
    /// "Snooze 15m".
    pub snooze: String,
    /// "Indoors today" (only where [`Note::indoors`]).
    pub indoors: String,
}

/// A button on a notification; its action key on the bus is
/// [`Button::key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Button {
    Done,
    Snooze,
    /// "Indoors today".
    Indoors,
}

impl Button {
    /// The action key sent with the notification and answered with
    /// `ActionInvoked`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Button::Done => "done",
            Button::Snooze => "snooze",
            Button::Indoors => "indoors",
        }
    }

    /// The button of an action key; `None` for any other key (a click on
    /// the body, "default", is not an answer).
    pub(crate) fn from_key(key: &str) -> Option<Button> {
        [Button::Done, Button::Snooze, Button::Indoors]
            .into_iter()
            .find(|b| b.key() == key)
    }
}

/// What the notification server tells about a shown notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// A button was pressed on the notification of these occurrences.
    Pressed {
        ids: Vec<OccurrenceId>,
        button: Button,
    },
    /// The notification of these occurrences was closed (dismissed,
    /// expired, evicted) without a button. Never taken for Done.
    Closed { ids: Vec<OccurrenceId> },
    /// The server went away or was replaced (or the bus did), so every
    /// notification shown on it is gone or can no longer be answered.
    ServerChanged,
}

/// Why a notification was not shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShowError {
    /// No bus or no server, or it did not answer: try again later.
    Unavailable(String),
    /// The bus or the server refused this notification (its text): trying
    /// again would fail again.
    Rejected(String),
}

impl std::fmt::Display for ShowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShowError::Unavailable(e) | ShowError::Rejected(e) => f.write_str(e),
        }
    }
}

/// What became of a notification that was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shown {
    /// The server's id, for replacing it.
    pub id: u32,
    /// It carries buttons, so an answer may come.
    pub actions: bool,
    /// Which server showed it ([`Notifier::server`]).
    pub server: String,
}

/// Shows notifications. The D-Bus one for real use; a recording fake in
/// tests.
#[allow(async_fn_in_trait)]
pub(crate) trait Notifier {
    /// Show a notification; answers (actions) go to `answers`.
    async fn show(
        &mut self,
        note: &Note,
        answers: &UnboundedSender<Answer>,
    ) -> Result<Shown, ShowError>;

    /// Which server notifications go to now: the bus's id and the server's
    /// unique name on it. Two answers are equal only for the same server
    /// process on the same bus, so the ids of its notifications still
    /// hold.
    async fn server(&mut self, answers: &UnboundedSender<Answer>) -> Result<String, ShowError>;

    /// Take a notification off the screen (`CloseNotification`); best
    /// effort: it may be gone already.
    async fn close(&mut self, id: u32);
}

/// Escape text for a server that renders body markup.
pub(crate) fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Build the notify-rust notification for a note.
pub(crate) fn build(note: &Note, caps: Capabilities) -> Notification {
    let mut n = Notification::new();
    n.appname(APP_NAME)
        .summary(&note.title)
        .body(&if caps.body_markup {
            escape_markup(&note.body)
        } else {
            note.body.clone()
        })
        .urgency(Urgency::Normal)
        .hint(Hint::Category(CATEGORY.into()))
        .hint(Hint::DesktopEntry(APP_NAME.into()))
        .timeout(Timeout::Default);
    if let Some(id) = note.replaces {
        n.id(id);
    }
    if let (true, Some(b)) = (caps.actions, &note.buttons) {
        n.action(Button::Done.key(), &b.done)
            .action(Button::Snooze.key(), &b.snooze);
        if note.indoors {
            n.action(Button::Indoors.key(), &b.indoors);
        }
        // Buttons must outlive a glance: stay until answered (or as told),
        // and stay in the server's list after a click elsewhere.
        n.timeout(match note.expire {
            Expire::Never => Timeout::Never,
            Expire::Server => Timeout::Default,
            Expire::After(d) => {
                Timeout::Milliseconds(u32::try_from(d.as_millis()).unwrap_or(u32::MAX))
            }
        })
        .hint(Hint::Resident(true));
    }
    n
}

/// Whether a note shows buttons on a server with these capabilities.
pub(crate) fn has_buttons(note: &Note, caps: Capabilities) -> bool {
    caps.actions && note.buttons.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_are_their_action_keys_and_nothing_else_is_a_button() {
        for b in [Button::Done, Button::Snooze, Button::Indoors] {
            assert_eq!(Button::from_key(b.key()), Some(b));
        }
        assert_eq!(Button::Done.key(), "done");
        assert_eq!(Button::Snooze.key(), "snooze");
        assert_eq!(Button::Indoors.key(), "indoors");
        // a click on the body, and keys we never sent
        for other in ["default", "closed", "aftercare:server-changed", ""] {
            assert_eq!(Button::from_key(other), None, "{other}");
        }
    }

    #[test]
    fn a_note_is_the_same_by_its_reminders_or_else_by_its_words() {
        let reminder = |ids: &[&str], body: &str| Note {
            ids: ids.iter().map(|s| OccurrenceId::from(*s)).collect(),
            ..Note::info("A", body)
        };
        // a repeat of the same reminders, though its words changed
        assert!(reminder(&["a@s1"], "x").same_as(&reminder(&["a@s1"], "y")));
        assert!(!reminder(&["a@s1"], "x").same_as(&reminder(&["a@s1", "b@s1"], "x")));
        // notes that only inform stand for no reminder: told apart by words
        let complete = Note::info("Complete", "That was all.");
        assert!(complete.ids.is_empty());
        assert!(complete.same_as(&Note::info("Complete", "That was all.")));
        assert!(!complete.same_as(&Note::info("Config error", "line 3")));
        assert!(!complete.same_as(&reminder(&["a@s1"], "That was all.")));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape_markup("<b>&</b> ok"), "&lt;b&gt;&amp;&lt;/b&gt; ok");
    }

    #[test]
    fn body_escaped_only_for_markup_servers() {
        let note = Note {
            buttons: Some(Buttons {
                done: "Done".into(),
                snooze: "Snooze 15m".into(),
                indoors: "Indoors today".into(),
            }),
            expire: Expire::Never,
            ..Note::info("T <i>", "a <b>&")
        };
        let plain = build(
            &note,
            Capabilities {
                actions: false,
                body_markup: false,
            },
        );
        assert_eq!(plain.body, "a <b>&");
        assert!(plain.actions.is_empty());
        let markup = build(
            &note,
            Capabilities {
                actions: true,
                body_markup: true,
            },
        );
        assert_eq!(markup.body, "a &lt;b&gt;&amp;");
        assert_eq!(markup.summary, "T <i>");
        assert_eq!(markup.actions, ["done", "Done", "snooze", "Snooze 15m"]);
        assert_eq!(
            markup.timeout,
            Timeout::Never,
            "buttons stay until answered"
        );
        assert!(markup.hints.contains(&Hint::Resident(true)));
        assert_eq!(
            plain.timeout,
            Timeout::Default,
            "no buttons: the server decides"
        );
        assert!(!plain.hints.contains(&Hint::Resident(true)));
    }
}
