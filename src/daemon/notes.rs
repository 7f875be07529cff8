//! What a person reads: the reminders due at one moment become one
//! notification, listed in the plan's order (the order a person does them).

use crate::config::{Config, format_duration};
use crate::i18n::messages;
use crate::notifier::{Buttons, Note};
use crate::plan::{Occurrence, OccurrenceId, Plan};

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
    pub(crate) fn note_for(&self, ids: &[OccurrenceId], last: bool) -> Option<Note> {
        let m = messages(self.config.language.lang);
        let members: Vec<&Occurrence> = ids.iter().filter_map(|id| self.plan.get(id)).collect();
        let (title, body) = merged_text(self.config, &members, last)?;
        let snooze = format_duration(self.config.snooze);
        Some(Note {
            ids: members.iter().map(|o| o.id.clone()).collect(),
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
        Note::info(m.text("complete-title"), complete_text(self.config))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::config;

    /// Two rules at 09:00 on two days; `sun` is a daylight rule twice a day.
    const CFG: &str = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [quiet_hours]\nenabled = false\n\
        [reminders.a]\ndays = \"0-1\"\nat = [\"09:00\"]\ntitle = \"A\"\nbody = \"Do a.\"\n\
        [reminders.sun]\ndays = \"0-1\"\nevery = \"3h\"\nbetween = [\"09:00\", \"12:00\"]\ndaylight = true\ntitle = \"Sun\"\n\
        [reminders.b]\ndays = \"0-1\"\nat = [\"12:00\"]\ntitle = \"B\"\n";

    fn plan(c: &Config) -> Plan {
        Plan::build(c).unwrap()
    }

    fn ids(p: &Plan, rule: &str) -> Vec<OccurrenceId> {
        p.occurrences
            .iter()
            .filter(|o| o.rule == rule)
            .map(|o| o.id.clone())
            .collect()
    }

    #[test]
    fn one_reminder_is_its_own_title_and_body() {
        let c = config(CFG);
        let p = plan(&c);
        let a = &ids(&p, "a")[..1];
        let n = Notes::new(&c, &p).note_for(a, false).unwrap();
        assert_eq!((n.title.as_str(), n.body.as_str()), ("A", "Do a."));
        assert_eq!(n.ids, a);
        let b = n.buttons.unwrap();
        assert_eq!((b.done.as_str(), b.snooze.as_str()), ("Done", "Snooze 15m"));
        assert_eq!(n.replaces, None);
    }

    #[test]
    fn reminders_due_together_are_one_list_and_the_last_says_the_plan_is_complete() {
        let c = config(CFG);
        let p = plan(&c);
        let both = [ids(&p, "sun")[1].clone(), ids(&p, "b")[0].clone()];
        let n = Notes::new(&c, &p).note_for(&both, false).unwrap();
        assert_eq!(n.title, "Sun · B");
        assert_eq!(n.body, "• Sun\n• B");
        let last = Notes::new(&c, &p).note_for(&both, true).unwrap();
        assert!(last.body.starts_with("• Sun\n• B\n\n"), "{}", last.body);
        assert!(last.body.ends_with("follow the advice you were given."));
        // nothing the plan knows: no note
        assert!(
            Notes::new(&c, &p)
                .note_for(&["x@s1".into()], false)
                .is_none()
        );
    }

    #[test]
    fn indoors_today_is_offered_on_the_first_daylight_reminder_of_each_day() {
        let c = config(CFG);
        let p = plan(&c);
        let notes = Notes::new(&c, &p);
        let sun = ids(&p, "sun");
        let offered: Vec<bool> = sun
            .iter()
            .map(|id| {
                notes
                    .note_for(std::slice::from_ref(id), false)
                    .unwrap()
                    .indoors
            })
            .collect();
        assert_eq!(offered, [true, false, true, false], "{sun:?}");
        assert!(!notes.note_for(&ids(&p, "a")[..1], false).unwrap().indoors);
    }

    #[test]
    fn the_complete_note_only_informs() {
        let c = config(CFG);
        let p = plan(&c);
        let n = Notes::new(&c, &p).complete_note();
        assert_eq!(n.buttons, None);
        assert!(n.ids.is_empty(), "stands for no occurrence");
        assert!(!n.indoors);
        assert!(n.body.ends_with("follow the advice you were given."));
    }
}
