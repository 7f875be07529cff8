//! What a person reads: the reminders due at one moment become one
//! notification, listed in the plan's order (the order a person does them).

use crate::config::{Config, format_duration};
use crate::i18n::messages;
use crate::notifier::{Buttons, Note};
use crate::plan::{Occurrence, Plan};

/// Pseudo id of the plan-complete notification.
pub(crate) const COMPLETE_ID: &str = "aftercare:complete";

/// What the plan says at its end: its own `complete` words, else the
/// catalog's.
fn complete_text(config: &Config) -> String {
    match &config.closing.complete {
        Some(t) => t.clone(),
        None => messages(config.language.lang).text("complete-text"),
    }
}

/// The title and body of the one notification for the reminders due at
/// one moment (`members`, in plan order), in the config's language; the
/// plan's `last` one adds the plan's closing words. `None` when there is
/// nothing to show. Each item of a list is "• Title — body": the dash
/// keeps a title's own colon ("Day 2: today's aftercare") from stacking
/// with the body's. The calendar export and the status bar line list a
/// moment with this, so they read as the notification does.
pub(crate) fn merged_text(
    config: &Config,
    members: &[&Occurrence],
    last: bool,
) -> Option<(String, String)> {
    let m = messages(config.language.lang);
    let (title, mut body) = match members {
        [] => return None,
        [one] => (one.title.clone(), one.body.clone()),
        many => (
            many.iter()
                .map(|o| o.title.as_str())
                .collect::<Vec<_>>()
                .join(&m.text("group-title-separator")),
            many.iter()
                .map(|o| match o.body.is_empty() {
                    true => m.fmt("group-item", &[("title", o.title.as_str().into())]),
                    false => m.fmt(
                        "group-item-body",
                        &[
                            ("title", o.title.as_str().into()),
                            ("body", o.body.as_str().into()),
                        ],
                    ),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    };
    if last {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&complete_text(config));
    }
    Some((title, body))
}

/// The notes of one config, over the occurrences of a plan (the window).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Notes<'a> {
    config: &'a Config,
    plan: &'a Plan,
}

impl<'a> Notes<'a> {
    pub(crate) fn new(config: &'a Config, plan: &'a Plan) -> Notes<'a> {
        Notes { config, plan }
    }

    /// One notification for the occurrences `ids` (in plan order); the
    /// plan's `last` one says that the plan is complete. Its frame (the
    /// list, the buttons, the closing words) is in the config's language;
    /// the reminders' texts come translated with the plan.
    pub(crate) fn note_for(&self, ids: &[String], last: bool) -> Option<Note> {
        let m = messages(self.config.language.lang);
        let members: Vec<&Occurrence> = ids.iter().filter_map(|id| self.plan.get(id)).collect();
        let (title, body) = merged_text(self.config, &members, last)?;
        let snooze = format_duration(self.config.snooze);
        Some(Note {
            ids: members.iter().map(|o| o.id.to_string()).collect(),
            title,
            body,
            buttons: Some(Buttons {
                done: m.text("button-done"),
                snooze: m.fmt("button-snooze", &[("duration", snooze.into())]),
                indoors: m.text("button-indoors"),
            }),
            indoors: members.iter().any(|o| self.first_daylight_of_day(o)),
            expire: self.config.expire,
            // the caller knows what it replaces (the screen)
            replaces: None,
        })
    }

    /// The note that says the plan is complete, alone (its last reminders
    /// went by unseen).
    pub(crate) fn complete_note(&self) -> Note {
        let m = messages(self.config.language.lang);
        Note::info(
            COMPLETE_ID,
            m.text("complete-title"),
            complete_text(self.config),
        )
    }

    /// "Indoors today" goes on the first reminder of a daylight rule each
    /// day.
    fn first_daylight_of_day(&self, o: &Occurrence) -> bool {
        let daylight = self
            .config
            .rules
            .iter()
            .any(|r| r.name == o.rule && r.daylight);
        daylight
            && self
                .plan
                .occurrences
                .iter()
                .find(|x| x.rule == o.rule && x.at.date_naive() == o.at.date_naive())
                .is_some_and(|x| x.id == o.id)
    }
}
