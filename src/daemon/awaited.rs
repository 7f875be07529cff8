//! The answer awaited at the end: after the plan's last notification (it
//! says the plan is complete) the daemon stays until it is answered or
//! closed, or until the end of its day.

use chrono::{DateTime, Utc};

use crate::plan::OccurrenceId;

/// The plan's last notification, while its answer is awaited.
#[derive(Debug, Default)]
pub(crate) struct Awaited {
    waiting: Option<(Vec<OccurrenceId>, DateTime<Utc>)>,
}

/// Whether to wait on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Nothing is awaited.
    Nothing,
    /// Not answered yet: look again at this time (the end of its day).
    Until(DateTime<Utc>),
    /// Answered or closed (`answered: true`), or its day is over.
    Over { answered: bool },
}

impl Awaited {
    /// Await the answer to the notification of `ids` until `until`.
    pub(crate) fn wait(&mut self, ids: Vec<OccurrenceId>, until: DateTime<Utc>) {
        self.waiting = Some((ids, until));
    }

    /// The last notification has no buttons: no answer can come.
    pub(crate) fn stop(&mut self) {
        self.waiting = None;
    }

    /// Whether an answer is awaited (a close then matters).
    pub(crate) fn is_waiting(&self) -> bool {
        self.waiting.is_some()
    }

    /// At `now`, with `outstanding` telling which occurrences are still
    /// shown and unanswered.
    pub(crate) fn verdict(
        &self,
        now: DateTime<Utc>,
        outstanding: impl Fn(&OccurrenceId) -> bool,
    ) -> Verdict {
        let Some((ids, until)) = &self.waiting else {
            return Verdict::Nothing;
        };
        let unanswered = ids.iter().any(outstanding);
        if unanswered && now < *until {
            Verdict::Until(*until)
        } else {
            Verdict::Over {
                answered: !unanswered,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::november_2026 as t;

    #[test]
    fn waits_until_answered_or_the_end_of_its_day() {
        let mut a = Awaited::default();
        assert!(!a.is_waiting());
        assert_eq!(a.verdict(t("23T11:00:00"), |_| true), Verdict::Nothing);
        a.wait(vec!["a@1".into(), "b@1".into()], t("24T00:00:00"));
        assert!(a.is_waiting());
        assert_eq!(
            a.verdict(t("23T11:00:00"), |id| id == "b@1"),
            Verdict::Until(t("24T00:00:00"))
        );
        assert_eq!(
            a.verdict(t("23T11:05:00"), |_| false),
            Verdict::Over { answered: true }
        );
        assert_eq!(
            a.verdict(t("24T00:00:00"), |_| true),
            Verdict::Over { answered: false }
        );
    }
}
