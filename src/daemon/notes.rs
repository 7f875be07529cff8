//! What a person reads: the reminders due at one moment become one
//! notification, listed in the plan's order (the order a person does them).

use super::{COMPLETE_TEXT, Daemon};
use crate::config::format_duration;
use crate::notifier::{Note, Notifier};
use crate::plan::Occurrence;

impl<N: Notifier> Daemon<N> {
    /// One notification for the occurrences `ids` (in plan order); the
    /// plan's `last` one says that the plan is complete.
    pub(super) fn note_for(&self, ids: &[String], last: bool) -> Option<Note> {
        let members: Vec<&Occurrence> = ids.iter().filter_map(|id| self.plan.get(id)).collect();
        let (title, mut body) = match members.as_slice() {
            [] => return None,
            [one] => (one.title.clone(), one.body.clone()),
            many => (
                many.iter()
                    .map(|o| o.title.as_str())
                    .collect::<Vec<_>>()
                    .join(" · "),
                many.iter()
                    .map(|o| match o.body.is_empty() {
                        true => format!("• {}", o.title),
                        false => format!("• {}: {}", o.title, o.body),
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        };
        if last {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(COMPLETE_TEXT);
        }
        Some(Note {
            ids: members.iter().map(|o| o.id.clone()).collect(),
            title,
            body,
            snooze_label: Some(format!("Snooze {}", format_duration(self.config.snooze))),
            indoors: members.iter().any(|o| self.first_daylight_of_day(o)),
            expire: self.config.expire,
            // the caller knows what it replaces (screen.rs)
            replaces: None,
        })
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
